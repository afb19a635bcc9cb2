"""Benchmark: the inspector register's page (training hours and inspections of the year computed
in the database) against hand-written SQL for the same page.

    python bench/workforce.py [--inspectors 2000] [--inspections 20000] [--requests 30]

Builds a scratch SQLite database in a data directory of its own (`--data-dir`, default
/tmp/anjian-bench-workforce): inspectors over the demo-like units, trainings naming them, and a
year of government inspections recorded by their accounts or naming them in the free text. Then
times, in a shuffled order, the platform's page (`with_figures(inspector_list(...)[:30])`, as the
county admin) and a hand-written SQL query that joins and groups the same figures, checks
both give the same rows, and prints medians and the ratio. See docs/benchmarks.md.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HAND_SQL = """
SELECT i.id, i.name,
  COALESCE((SELECT SUM(t.hours) FROM workforce_training t
            JOIN workforce_training_inspectors ti ON ti.training_id = t.id
            WHERE ti.inspector_id = i.id AND t.held_on BETWEEN %(start)s AND %(end)s), 0),
  (SELECT COUNT(*) FROM inspections_inspection n
   WHERE n.kind = 'inspection' AND n.inspected_on BETWEEN %(start)s AND %(end)s
     AND (n.created_by_id = i.user_id OR instr('、' || n.inspectors || '、', '、' || i.name || '、') > 0))
FROM (SELECT id, name, user_id FROM workforce_inspector ORDER BY name, id LIMIT 30) i
ORDER BY i.name, i.id
"""


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inspectors", type=int, default=2000)
    parser.add_argument("--inspections", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--data-dir", default="/tmp/anjian-bench-workforce")
    args = parser.parse_args(argv)
    os.environ["ANJIAN_DATA_DIR"] = args.data_dir
    os.environ.setdefault("ANJIAN_SECRET_KEY", "bench-" + "x" * 44)
    os.environ.pop("ANJIAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    user = fill(args)
    from anjian.workforce import selectors

    year = dt.date.today().year
    start, end = f"{year}-01-01", f"{year}-12-31"
    timings = {"platform": [], "hand SQL": []}

    def platform():
        page = selectors.with_figures(selectors.inspector_list(actor=user, year=year)[:30])
        return [(i.pk, i.name, float(i.training_hours), i.inspections) for i in page]

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, {"start": start, "end": end})
            return [(r[0], r[1], float(r[2]), r[3]) for r in cursor.fetchall()]

    assert platform() == hand(), "the platform and the hand-written SQL disagree"
    cases = [("platform", platform), ("hand SQL", hand)]
    for _round in range(args.requests):
        random.shuffle(cases)
        for label, run in cases:
            began = time.perf_counter()
            run()
            timings[label].append(time.perf_counter() - began)
    p, h = (statistics.median(timings[k]) * 1000 for k in ("platform", "hand SQL"))
    print(
        f"{args.inspectors} inspectors, {args.inspections} inspections this year: "
        f"register page (30 rows) platform {p:.1f} ms, hand SQL {h:.1f} ms, ratio {p / h:.2f}"
    )


def fill(args):
    from anjian.accounts.models import Role, Sector, Town, User
    from anjian.inspections.models import Checklist, Inspection
    from anjian.registry.models import Enterprise
    from anjian.workforce.models import Inspector, Training

    admin, _ = User.objects.get_or_create(
        username="bench_admin", defaults={"role": Role.COUNTY_ADMIN}
    )
    if Inspector.objects.count() >= args.inspectors:
        return admin
    rng = random.Random(1)
    town, _ = Town.objects.get_or_create(code="bench_town", defaults={"name": "基准镇"})
    sector = Sector.objects.get(code="hazardous_chemicals")
    from anjian.accounts.models import Department

    department, _ = Department.objects.get_or_create(code="bench_dept", defaults={"name": "基准局"})
    units = Enterprise.objects.bulk_create(
        Enterprise(
            name=f"基准{n}厂",
            credit_code=f"9145{n:014d}",
            town=town,
            sector=sector,
            department=department,
        )
        for n in range(200)
    )
    surnames, given = (
        "王李张刘陈杨黄赵吴周",
        ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇"],
    )
    users = User.objects.bulk_create(
        User(username=f"bench_i{n}", role=Role.TOWN_OFFICER, town=town)
        for n in range(args.inspectors // 4)
    )
    inspectors = Inspector.objects.bulk_create(
        Inspector(
            name=f"{rng.choice(surnames)}{rng.choice(given)}{n}",
            unit_kind="town",
            town=town,
            user=users[n] if n < len(users) else None,
            certificate_number=f"B{n}",
            certificate_expires_on=dt.date.today() + dt.timedelta(days=rng.randint(-30, 900)),
        )
        for n in range(args.inspectors)
    )
    today = dt.date.today()
    trainings = Training.objects.bulk_create(
        Training(
            title=f"培训{n}",
            held_on=today - dt.timedelta(days=rng.randint(0, 150)),
            hours=rng.choice([4, 8, 16]),
            kind="inspector",
            unit_kind="county",
        )
        for n in range(200)
    )
    through = Training.inspectors.through
    through.objects.bulk_create(
        through(training_id=t.pk, inspector_id=i.pk)
        for t in trainings
        for i in rng.sample(inspectors, 20)
    )
    checklist = Checklist.objects.first()
    Inspection.objects.bulk_create(
        Inspection(
            enterprise=rng.choice(units),
            town=town,
            sector=sector,
            checklist=checklist,
            inspected_on=today - dt.timedelta(days=rng.randint(0, 150)),
            inspectors="、".join(i.name for i in rng.sample(inspectors, 2)),
            created_by=rng.choice(users),
        )
        for _n in range(args.inspections)
    )
    return admin


if __name__ == "__main__":
    main()
