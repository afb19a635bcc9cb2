"""Benchmark: issue 12's lists at county scale against hand-written SQL, and the certificate sweep.

    python bench/foundations.py [--data-dir DIR] [--rounds 20]

Builds (once, in its own SQLite data directory, default /tmp/anjian-bench-foundations) 5,000
enterprises over 20 towns with 3 emergency plans each and 4 certificates each (20,000), and
users for 2,000 enterprises. Then, as the county admin and as a town officer:

- **page**: the overdue list of emergency plans (`emergency:overdue_list`) and the expiring
  certificate list (`certificates:expiring_list`), page 2, the view called as the server calls it
  (RequestFactory: selectors, paginator, template; no test-client instrumentation);
- **hand SQL**: the COUNT and page SELECT a person would write for the same rows, on a raw
  sqlite3 connection to the same file;

and prints median / p95 in ms, the ratio, and the page's query count. Last it times the
certificate sweep (all its reminders created afresh, then a second run that creates none).
See docs/benchmarks.md.
"""

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
UNITS, TOWNS, PAGE = 5000, 20, 30


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", default="/tmp/anjian-bench-foundations")
    parser.add_argument("--rounds", type=int, default=20)
    return parser.parse_args(argv)


def setup_django(data_dir: str) -> None:
    os.environ["ANJIAN_DATA_DIR"] = data_dir
    os.environ["ANJIAN_SECRET_KEY"] = os.environ.get("ANJIAN_SECRET_KEY", "bench-" + "x" * 44)
    os.environ.pop("ANJIAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    import django

    django.setup()


def build(today: dt.date) -> None:
    from anjian.accounts.models import Department, Role, Sector, Town, User
    from anjian.certificates.seed import seed_certificates
    from anjian.emergency.models import EmergencyPlan
    from anjian.registry.models import Enterprise
    from anjian.registry.seed import seed_credit_code as credit_code

    if Enterprise.objects.filter(name__startswith="基准企业").exists():
        return
    rng = random.Random(12)
    towns = [
        Town.objects.get_or_create(code=f"bench_t{n}", defaults={"name": f"基准镇{n}"})[0]
        for n in range(TOWNS)
    ]
    sectors = list(Sector.objects.all())
    department, _new = Department.objects.get_or_create(
        code="bench_dept", defaults={"name": "基准局"}
    )
    enterprises = Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=f"基准企业{n}",
                credit_code=credit_code(900000 + n),
                town=towns[n % TOWNS],
                sector=rng.choice(sectors),
                department=department,
            )
            for n in range(UNITS)
        ]
    )
    EmergencyPlan.objects.bulk_create(
        [
            EmergencyPlan(
                unit_kind="enterprise",
                enterprise=e,
                kind=kind,
                title=f"{e.name}{kind}",
                published_on=today - dt.timedelta(days=rng.randint(10, 1500)),
            )
            for e in enterprises
            for kind in ("comprehensive", "special", "onsite")
        ],
        batch_size=2000,
    )
    seed_certificates(enterprises, per_unit=4, today=today)
    User.objects.bulk_create(
        [
            User(username=f"bench_u{e.pk}", role=Role.ENTERPRISE_USER, enterprise=e)
            for e in enterprises[:2000]
        ]
    )
    User.objects.get_or_create(username="bench_admin", defaults={"role": Role.COUNTY_ADMIN})
    User.objects.get_or_create(
        username="bench_town", defaults={"role": Role.TOWN_OFFICER, "town": towns[0]}
    )


def timed(fn, rounds: int) -> list[float]:
    fn()
    out = []
    for _round in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def fig(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"{statistics.median(values):6.1f} / {p95:6.1f}"


def hand_plans_sql(today: dt.date, town_id: int | None) -> tuple[str, str, list]:
    from anjian.emergency import rules

    high = ",".join(f"'{c}'" for c in sorted(rules.HIGH_RISK_SECTORS))
    evaluation = ",".join(f"'{c}'" for c in sorted(rules.EVALUATION_SECTORS))
    cut = {m: rules.base_cutoff(today, m).isoformat() for m in (6, 12, 24, 36)}
    base = "COALESCE((SELECT MAX(d.held_on) FROM emergency_drill d WHERE d.plan_id = p.id), p.published_on)"
    where = (
        f"((p.unit_kind IN ('county','town','department') AND {base} < '{cut[24]}')"
        f" OR (p.unit_kind = 'enterprise' AND (s.code IN ({high}) OR p.kind = 'onsite')"
        f" AND {base} < '{cut[6]}')"
        f" OR (p.unit_kind = 'enterprise' AND s.code NOT IN ({high}) AND p.kind <> 'onsite'"
        f" AND {base} < '{cut[12]}')"
        f" OR ((p.unit_kind <> 'enterprise' OR s.code IN ({evaluation}) OR e.employees >= 300)"
        f" AND COALESCE(p.evaluated_on, p.published_on) < '{cut[36]}'))"
    )
    scope = f" AND (e.town_id = {town_id} OR p.town_id = {town_id})" if town_id else ""
    joins = (
        "FROM emergency_emergencyplan p LEFT JOIN registry_enterprise e ON e.id = p.enterprise_id"
        " LEFT JOIN accounts_sector s ON s.id = e.sector_id"
    )
    count = f"SELECT COUNT(*) {joins} WHERE {where}{scope}"
    page = (
        f"SELECT p.id, p.kind, p.title, p.published_on, p.filed_on, p.evaluated_on, e.name, "
        f"{base} {joins} WHERE {where}{scope} ORDER BY p.published_on DESC, p.id DESC "
        f"LIMIT {PAGE} OFFSET {PAGE}"
    )
    return count, page, []


def hand_certificates_sql(today: dt.date, town_id: int | None) -> tuple[str, str, list]:
    horizon = (today + dt.timedelta(days=60)).isoformat()
    scope = f" AND e.town_id = {town_id}" if town_id else ""
    where = (
        f"c.replaced_by_id IS NULL AND (c.expires_on <= '{horizon}' OR c.review_on <= '{horizon}')"
    )
    joins = "FROM certificates_certificate c JOIN registry_enterprise e ON e.id = c.enterprise_id"
    count = f"SELECT COUNT(*) {joins} WHERE {where}{scope}"
    page = (
        f"SELECT c.id, c.holder, c.id_number, c.kind, c.category, c.number, c.expires_on, "
        f"c.review_on, e.name {joins} WHERE {where}{scope} ORDER BY c.expires_on, c.id "
        f"LIMIT {PAGE} OFFSET {PAGE}"
    )
    return count, page, []


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args.data_dir)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import resolve, reverse

    from anjian.accounts.models import User
    from anjian.certificates import sweep
    from anjian.core import clock
    from anjian.notifications.models import Notification

    call_command("migrate", verbosity=0)
    today = clock.today()
    start = time.perf_counter()
    build(today)
    print(f"data ready in {time.perf_counter() - start:.1f} s", flush=True)
    raw = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    admin, town = User.objects.get(username="bench_admin"), User.objects.get(username="bench_town")
    print("| list | who | rows | page p50 / p95 ms | hand SQL p50 / p95 ms | ratio p50 | queries |")
    print("|---|---|---|---|---|---|---|")
    for label, name, hand in (
        ("emergency plans overdue", "emergency:overdue_list", hand_plans_sql),
        ("certificates expiring", "certificates:expiring_list", hand_certificates_sql),
    ):
        for who, user in (("county admin", admin), ("town officer", town)):
            url = reverse(name)
            request = RequestFactory().get(url, {"page": 2})
            request.user, request.session = user, {}
            view = resolve(url).func
            with CaptureQueriesContext(connection) as queries:
                response = view(request)
            rows = (
                response.context_data["page"].paginator.count
                if hasattr(response, "context_data")
                else None
            )
            count_sql, page_sql, _params = hand(today, user.town_id)
            hand_rows = raw.execute(count_sql).fetchone()[0]
            page_times = timed(lambda view=view, request=request: view(request), args.rounds)
            sql_times = timed(
                lambda c=count_sql, p=page_sql: (
                    raw.execute(c).fetchone(),
                    raw.execute(p).fetchall(),
                ),
                args.rounds,
            )
            ratio = statistics.median(page_times) / statistics.median(sql_times)
            print(
                f"| {label} | {who} | {rows or hand_rows:,} | {fig(page_times)} | "
                f"{fig(sql_times)} | {ratio:.1f}× | {len(queries)} |",
                flush=True,
            )
    Notification.objects.filter(kind__in=sweep.KINDS).delete()
    start = time.perf_counter()
    counts = sweep.run(now=clock.now())
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = sweep.run(now=clock.now())
    second = time.perf_counter() - start
    print(
        f"\ncertificate sweep: {first:.2f} s for {sum(counts.values()):,} reminders {counts}; "
        f"second run {second:.2f} s, {sum(again.values())} new"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
