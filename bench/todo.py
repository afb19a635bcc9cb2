"""Benchmark: the workbench (GET /api/v1/todo/) at county scale, against hand-written SQL.

    python bench/todo.py [--repeat 30]

Builds a fresh SQLite database in a temporary directory: `anjian seed --scale county` (5,000
units, 20 towns, their licences), 20,000 hazards in every state (one in five found by the units
themselves, government ones owned by the town), 10 warnings in force sent to every town and
department, 200 accidents in the last month. Then, for a county admin, a town officer, a
department officer and an enterprise user, it times the whole request (Django's stack, Bearer
token, JSON) and `reports.todo.todo_list` alone, and, for the hazards (the largest kind), the
platform's query against the best hand-written SQL returning the same rows. Prints median and
p95 in milliseconds and the ratio. A script, not a test: it writes nothing into the repository.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HAZARDS = 20_000
STATES = ["closed", "closed", "pending", "rectifying", "awaiting_acceptance"]


def _configure() -> None:
    data_dir = tempfile.mkdtemp(prefix="bench-todo-")
    os.environ["ANJIAN_DATA_DIR"] = data_dir
    os.environ.pop("ANJIAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    os.environ["ANJIAN_AXES_ENABLED"] = "0"
    import django

    django.setup()


def _fill() -> dict:
    from django.core.management import call_command

    from anjian.accidents.models import Accident
    from anjian.accounts.models import Department, Role, Town, User
    from anjian.alerts import services as alerts
    from anjian.core import clock
    from anjian.hazards.models import Hazard
    from anjian.registry.models import Enterprise

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", scale="county", verbosity=0)
    rng = random.Random(13)
    today, now = clock.today(), clock.now()
    enterprises = list(Enterprise.objects.values_list("pk", "town_id", "sector_id"))
    rows = []
    for i in range(HAZARDS):
        pk, town_id, sector_id = enterprises[i % len(enterprises)]
        self_check = rng.random() < 0.2
        rows.append(
            Hazard(
                enterprise_id=pk,
                town_id=town_id,
                sector_id=sector_id,
                description=f"隐患{i}",
                grade="major" if rng.random() < 0.03 else "general",
                found_on=today - dt.timedelta(days=rng.randrange(61, 400)),
                found_by="张三",
                source="self_check" if self_check else "inspection",
                owner_town_id=None if self_check else town_id,
                deadline=today + dt.timedelta(days=rng.randrange(-60, 60)),
                status=rng.choice(STATES),
            )
        )
    Hazard.objects.bulk_create(rows, batch_size=2000)
    admin = User.objects.create(username="bench_admin", role=Role.COUNTY_ADMIN)
    towns, departments = list(Town.objects.all()), list(Department.objects.all())
    for i in range(10):
        alerts.alert_publish(
            actor=admin,
            data={
                "title": f"暴雨预警{i}",
                "level": "orange",
                "kind": "weather",
                "content": "强降雨",
                "valid_from": now - dt.timedelta(hours=1),
                "valid_to": now + dt.timedelta(days=2),
            },
            towns=towns,
            departments=departments,
            now=now - dt.timedelta(hours=1),
        )
    town = towns[0]
    sector = Enterprise.objects.filter(town=town).values_list("sector_id", flat=True).first()
    Accident.objects.bulk_create(
        Accident(
            title=f"事故{i}",
            occurred_at=now - dt.timedelta(hours=rng.randrange(2, 700)),
            reported_at=now - dt.timedelta(hours=1),
            town=towns[i % len(towns)],
            sector_id=sector,
            accident_type="02",
        )
        for i in range(200)
    )
    department = next(d for d in departments if d.sectors.exists())
    enterprise = Enterprise.objects.filter(town=town).first()
    users = {
        "county admin": admin,
        "town officer": User.objects.create(
            username="bench_town", role=Role.TOWN_OFFICER, town=town
        ),
        "department officer": User.objects.create(
            username="bench_dept", role=Role.DEPARTMENT_OFFICER, department=department
        ),
        "enterprise user": User.objects.create(
            username="bench_unit", role=Role.ENTERPRISE_USER, enterprise=enterprise
        ),
    }
    print(
        f"  filled {len(enterprises):,} units, {HAZARDS:,} hazards, {len(towns)} towns in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return users


HAND_SQL = {
    # The hazards waiting on a town: acceptances it owns, public places it rectifies.
    "town officer": """
        SELECT h.id, h.status, h.deadline, h.description, h.location, e.name
        FROM hazards_hazard h LEFT JOIN registry_enterprise e ON e.id = h.enterprise_id
        WHERE h.town_id = %(town)s AND (
          (h.status = 'awaiting_acceptance'
           AND NOT (h.source = 'self_check' AND h.grade = 'general'
                    AND h.enterprise_id IS NOT NULL)
           AND (h.owner_town_id = %(town)s
                OR (h.owner_town_id IS NULL AND h.owner_department_id IS NULL)))
          OR (h.enterprise_id IS NULL AND h.status IN ('pending', 'rectifying')))
        ORDER BY h.deadline, h.id""",
    # An enterprise's own: to acknowledge, to rectify, its general self-checks to accept.
    "enterprise user": """
        SELECT h.id, h.status, h.deadline, h.description, h.location, e.name
        FROM hazards_hazard h LEFT JOIN registry_enterprise e ON e.id = h.enterprise_id
        WHERE h.enterprise_id = %(enterprise)s AND (
          h.status IN ('pending', 'rectifying')
          OR (h.status = 'awaiting_acceptance' AND h.source = 'self_check'
              AND h.grade = 'general'))
        ORDER BY h.deadline, h.id""",
}


def _time(fn, repeat: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def measure(users: dict, repeat: int) -> None:
    from django.db import connection
    from rest_framework.test import APIClient

    from anjian.accounts.identity import token_create
    from anjian.hazards.todo import todo_tasks as hazard_tasks
    from anjian.reports.todo import todo_list

    print(
        f"  {'user':20} {'tasks':>6}  {'API median/p95 ms':>18}  {'todo_list ms':>13}"
        f"  {'hazards: ORM / SQL ms':>22}  {'ratio':>5}"
    )
    for label, user in users.items():
        raw, _token = token_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        response = client.get("/api/v1/todo/", HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.content
        count = response.json()["count"]
        api = _time(lambda c=client: c.get("/api/v1/todo/", HTTP_HOST="127.0.0.1"), repeat)
        direct = _time(lambda u=user: todo_list(actor=u), repeat)
        line = f"  {label:20} {count:6,}  {api[0]:8.1f} / {api[1]:7.1f}  {direct[0]:13.1f}"
        if label in HAND_SQL:
            params = {"town": user.town_id, "enterprise": user.enterprise_id}

            def hand(p=params, sql=HAND_SQL[label]):
                with connection.cursor() as cursor:
                    cursor.execute(sql, p)
                    return cursor.fetchall()

            assert [r[0] for r in hand()] == [
                int(t["url"].rstrip("/").rsplit("/", 1)[1]) for t in hazard_tasks(user)
            ], "the platform and the SQL disagree"
            orm = _time(lambda u=user: hazard_tasks(u), repeat)
            sql = _time(hand, repeat)
            line += f"  {orm[0]:9.1f} / {sql[0]:9.1f}  {orm[0] / sql[0]:5.1f}"
        print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    _configure()
    from django.db import connection

    print(f"== the workbench at county scale on {connection.vendor}", flush=True)
    measure(_fill(), args.repeat)


if __name__ == "__main__":
    main()
