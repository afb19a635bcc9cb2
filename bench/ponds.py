"""Benchmark: a tailings pond's current alarm and a year's chart, API against hand-written SQL.

    python bench/ponds.py --database sqlite --days 30
    python bench/ponds.py --database postgres://postgres@127.0.0.1:5463/ponds_bench --days 365
    python bench/ponds.py --database postgres://… --days 365 --ponds 5   # 5.26 million readings

50 ponds × 20 monitoring points × a reading every 10 minutes: 52,560,000 readings for 365 days
(`--days` and `--ponds` scale it down; `--ponds 5` gives the ~5 million of the issue). Each run builds a fresh database (a temporary SQLite file, or the
given PostgreSQL database, recreated), fills it with synthetic readings (COPY on PostgreSQL),
then times through Django's full request stack (Bearer token, DRF, JSON):
- `GET /api/v1/tailings-ponds/{id}/status/`: the latest reading of each of the pond's 20 points
  and the §12 aggregation, against the hand-written latest-per-point query (LATERAL on
  PostgreSQL, a correlated subquery on SQLite) on the same (point, at) index;
- the register page's current alarm of every pond (`mines.selectors.pond_alarms`, one query for
  all ponds' points) against the same latest-per-point query for all ponds, aggregated alike;
- `GET /api/v1/tailings-ponds/{id}/chart/?item=…&days=N`: per point and day, the lowest and
  highest value and the worst alarm of one item, against a hand-written GROUP BY on the
  (pond, item, at) covering index.
It checks that both give the same figures and prints median, p95 and the ratio.
A script, not a test: it prints figures and writes nothing into the repository.
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

PONDS, POINTS, STEP_MIN = 50, 20, 10
# Each pond's 20 points: item, count, (safe value, spread), thresholds.
LAYOUT = [
    ("phreatic_depth", 5, (9.0, 1.0), {"blue": 8, "yellow": 6, "orange": 5.5, "red": 5}),
    ("displacement", 5, (5.0, 4.0), {"blue": 10, "yellow": 20, "orange": 30, "red": 40}),
    ("beach_length", 3, (120.0, 10.0), {"blue": 100, "yellow": 90, "orange": 80, "red": 70}),
    ("freeboard", 3, (3.0, 0.3), {"blue": 2, "yellow": 1.5, "orange": 1.2, "red": 1}),
    ("water_level", 2, (300.0, 0.5), {"blue": 301, "yellow": 302, "orange": 303, "red": 304}),
    ("rainfall", 2, (2.0, 3.0), {"blue": 10, "yellow": 20, "orange": 30, "red": 50}),
]


def _configure(database: str) -> None:
    os.environ["ANJIAN_DATABASE_URL"] = database
    if "ANJIAN_DATA_DIR" not in os.environ:
        os.environ["ANJIAN_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-ponds-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    os.environ["ANJIAN_AXES_ENABLED"] = "0"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _fill(days: int, ponds: int = PONDS) -> int:
    from django.core.management import call_command
    from django.db import connection

    from anjian.accounts.models import Department, Role, Sector, Town, User
    from anjian.mines import rules
    from anjian.mines.models import MonitoringPoint, TailingsPond
    from anjian.registry.models import Enterprise

    call_command("migrate", verbosity=0)
    town = Town.objects.create(code="bench", name="基准镇", ordering=1)
    sector = Sector.objects.get(code="non_coal_mine")
    department = Department.objects.create(code="bench_em", name="应急管理局")
    User.objects.create(username="bench_admin", role=Role.COUNTY_ADMIN)
    rng = random.Random(39496)
    points = []
    for p in range(ponds):
        enterprise = Enterprise.objects.create(
            name=f"基准矿业{p}",
            credit_code=f"91450000MA{p:07d}X"[:18],
            town=town,
            sector=sector,
            department=department,
        )
        pond = TailingsPond.objects.create(
            enterprise=enterprise,
            name=f"尾矿库{p}",
            total_capacity=500,
            dam_height=40,
            construction="upstream",
        )
        for item, count, _safe, thresholds in LAYOUT:
            for n in range(count):
                points.append(
                    MonitoringPoint(
                        pond=pond, code=f"{item[:2].upper()}{n}", item=item, **thresholds
                    )
                )
    MonitoringPoint.objects.bulk_create(points)
    safe = {item: spec for item, _c, spec, _t in LAYOUT}
    end = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    end -= dt.timedelta(minutes=end.minute % STEP_MIN)
    steps = days * 24 * 60 // STEP_MIN
    start = end - dt.timedelta(minutes=STEP_MIN * steps)
    point_rows = list(MonitoringPoint.objects.values_list("pk", "pond_id", "item"))
    thresholds = {p.pk: (p.item, p.thresholds) for p in MonitoringPoint.objects.all()}

    def rows():
        for pk, pond_id, item in point_rows:
            centre, spread = safe[item]
            kind, bounds = thresholds[pk]
            for s in range(steps):
                value = round(rng.gauss(centre, spread), 3)
                yield (
                    pond_id,
                    pk,
                    item,
                    value,
                    start + dt.timedelta(minutes=STEP_MIN * s),
                    rules.reading_alarm(kind, value, bounds),
                    False,
                )

    columns = "pond_id, point_id, item, value, at, alarm, manual"
    table = "mines_pondreading"
    started = time.perf_counter()
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows():
                    copy.write_row(row)
                    count += 1
            cursor.execute(f"VACUUM ANALYZE {table}")
        else:
            adapt = connection.ops.adapt_datetimefield_value
            sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)"
            batch = []
            for row in rows():
                row = list(row)
                row[4] = adapt(row[4])
                batch.append(row)
                count += 1
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
            cursor.execute("ANALYZE")
    print(f"  filled {count:,} readings in {time.perf_counter() - started:.1f} s", flush=True)
    return count


# --- the hand-written SQL -------------------------------------------------------------------

LATEST_PG = """
SELECT p.id, p.item, r.alarm FROM mines_monitoringpoint p
LEFT JOIN LATERAL (SELECT alarm FROM mines_pondreading x WHERE x.point_id = p.id
                   ORDER BY x.at DESC LIMIT 1) r ON true
WHERE p.pond_id = %s"""
LATEST_SQLITE = """
SELECT p.id, p.item, (SELECT alarm FROM mines_pondreading x WHERE x.point_id = p.id
                      ORDER BY x.at DESC LIMIT 1) FROM mines_monitoringpoint p
WHERE p.pond_id = %s"""
CHART_SQL = """
SELECT point_id, {day} AS day, MIN(value), MAX(value),
       MAX(CASE alarm WHEN 'blue' THEN 1 WHEN 'yellow' THEN 2 WHEN 'orange' THEN 3
                      WHEN 'red' THEN 4 ELSE 0 END)
FROM mines_pondreading WHERE pond_id = %s AND item = %s AND at >= %s AND at < %s
GROUP BY point_id, day ORDER BY point_id, day"""


def hand_status(pond_id: int) -> str | None:
    from django.db import connection

    from anjian.mines import rules

    counts = {"blue": 4, "yellow": 3, "orange": 2, "items_blue": 4}
    sql = LATEST_PG if connection.vendor == "postgresql" else LATEST_SQLITE
    with connection.cursor() as cursor:
        cursor.execute(sql, [pond_id])
        by_item: dict[str, list] = {}
        for _pk, item, alarm in cursor.fetchall():
            by_item.setdefault(item, []).append(alarm)
    items = [rules.item_alarm(levels, counts) for levels in by_item.values()]
    return rules.pond_alarm(items, counts)


def hand_register(pond_ids: list[int]) -> dict:
    """Every pond's current alarm (the register page's alarm filter): the same latest-per-point
    query for all ponds at once, aggregated per pond."""
    from django.db import connection

    from anjian.mines import rules

    counts = {"blue": 4, "yellow": 3, "orange": 2, "items_blue": 4}
    sql = (
        (LATEST_PG if connection.vendor == "postgresql" else LATEST_SQLITE)
        .replace("p.id, p.item", "p.pond_id, p.item")
        .replace("WHERE p.pond_id = %s", "")
    )
    by_pond: dict[int, dict[str, list]] = {pk: {} for pk in pond_ids}
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for pond_id, item, alarm in cursor.fetchall():
            by_pond[pond_id].setdefault(item, []).append(alarm)
    return {
        pk: rules.pond_alarm([rules.item_alarm(v, counts) for v in items.values()], counts)
        for pk, items in by_pond.items()
    }


def hand_chart(pond_id: int, item: str, days: int) -> list:
    from django.db import connection

    from anjian.core import clock

    end = clock.now()
    start = end - dt.timedelta(days=days)
    if connection.vendor == "postgresql":
        day = "(at AT TIME ZONE 'Asia/Shanghai')::date"
        args = [pond_id, item, start, end]
    else:
        day = "date(at, '+8 hours')"
        adapt = connection.ops.adapt_datetimefield_value
        args = [pond_id, item, adapt(start), adapt(end)]
    with connection.cursor() as cursor:
        cursor.execute(CHART_SQL.format(day=day), args)
        return cursor.fetchall()


def _time(fn, repeat: int) -> list[float]:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def measure(days: int, repeat: int) -> None:
    from rest_framework.test import APIClient

    from anjian.accounts.identity import token_create
    from anjian.accounts.models import User
    from anjian.mines.models import TailingsPond

    raw, _token = token_create(user=User.objects.get(username="bench_admin"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    pond_ids = list(TailingsPond.objects.order_by("pk").values_list("pk", flat=True))
    pond = pond_ids[len(pond_ids) // 2]
    status_url = f"/api/v1/tailings-ponds/{pond}/status/"
    response = client.get(status_url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.content
    assert response.json()["alarm"] == hand_status(pond), "status: the API and the SQL disagree"
    chart_url = f"/api/v1/tailings-ponds/{pond}/chart/?item=phreatic_depth&days={days}"
    response = client.get(chart_url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.content
    api_rows = response.json()
    hand_rows = hand_chart(pond, "phreatic_depth", days)
    assert len(api_rows) == len(hand_rows), (len(api_rows), len(hand_rows))
    assert [(r["point"], r["low"], r["high"]) for r in api_rows] == [
        (p, lo, hi) for p, _d, lo, hi, _a in hand_rows
    ], "chart: the API and the SQL disagree"
    from anjian.mines.selectors import pond_alarms

    assert pond_alarms(pond_ids) == hand_register(pond_ids), "register: the two disagree"
    print(
        f"  {'case':32} {'rows':>6}  {'API p50/p95 ms':>16}  {'SQL p50/p95 ms':>16}  {'ratio p50':>9}"
    )
    for label, rows, api, sql in (
        (
            "current alarm (20 points)",
            20,
            lambda: client.get(status_url, HTTP_HOST="127.0.0.1"),
            lambda: hand_status(pond),
        ),
        (
            f"register alarms ({len(pond_ids)} ponds)",
            len(pond_ids) * POINTS,
            lambda: pond_alarms(pond_ids),
            lambda: hand_register(pond_ids),
        ),
        (
            f"chart, {days} days, one item",
            len(api_rows),
            lambda: client.get(chart_url, HTTP_HOST="127.0.0.1"),
            lambda: hand_chart(pond, "phreatic_depth", days),
        ),
    ):
        a, s = _summary(_time(api, repeat)), _summary(_time(sql, repeat))
        print(
            f"  {label:32} {rows:>6}  {a[0]:>7.1f} / {a[1]:>6.1f}  {s[0]:>7.1f} / {s[1]:>6.1f}"
            f"  {a[0] / s[0]:>8.2f}x",
            flush=True,
        )


def _pg_recreate(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(
        f"{base}/postgres".replace("postgres://", "postgresql://"), autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="sqlite", help="sqlite or a postgres:// URL")
    parser.add_argument("--days", type=int, default=365, help="days of readings (1–366)")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per case")
    parser.add_argument(
        "--ponds", type=int, default=PONDS, help="ponds (20 points each); default 50"
    )
    args = parser.parse_args()
    if args.database == "sqlite":
        folder = tempfile.mkdtemp(prefix="bench-ponds-sqlite-")
        database = f"sqlite:///{folder}/bench.sqlite3"
    else:
        database = args.database
        _pg_recreate(database)
    _configure(database)
    from django.db import connection

    print(
        f"== {connection.vendor}: {args.ponds} ponds × {POINTS} points, {args.days} days",
        flush=True,
    )
    _fill(args.days, args.ponds)
    measure(args.days, args.repeat)


if __name__ == "__main__":
    main()
