"""Benchmark: GET /api/v1/stats/accidents/ against hand-written SQL giving the same object.

    python bench/accident_stats.py --scale county --database sqlite
    python bench/accident_stats.py --scale province --database postgres://postgres@127.0.0.1:5441/x
    python bench/accident_stats.py --all --pg-url postgres://postgres@127.0.0.1:5441/postgres

County scale: 10 years, about 20,000 accidents, 10 towns. Province scale: about 2,000,000
accidents, 1,200 towns. Each run builds a fresh database (a temporary SQLite file, or a new
PostgreSQL database named after the scale on the given server), fills it with synthetic
accidents, then times, for a month, a quarter and a year: the endpoint through Django's full
request stack (middleware, Bearer token, DRF, JSON) and the best hand-written SQL (four
aggregate queries over the same indexes, assembled into the same object). It checks that both
give the identical object and prints median, p95, the difference and the ratio.
A script, not a test: it prints figures and writes nothing into the repository.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

SCALES = {"county": (20_000, 10), "province": (2_000_000, 1_200)}
YEARS = (2016, 2025)
PERIODS = ["2025-03", "2025-Q1", "2025"]


def _configure(database: str) -> None:
    os.environ["ANJIAN_DATABASE_URL"] = database
    if "ANJIAN_DATA_DIR" not in os.environ:
        os.environ["ANJIAN_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-accidents-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    os.environ["ANJIAN_AXES_ENABLED"] = "0"
    import django

    django.setup()


def _rows(count: int, town_ids: list[int], sector_ids: dict[str, int]):
    from anjian.accidents.rules import accident_grade

    rng = random.Random(6441)
    codes = list(sector_ids)
    weights = [70 if c == "road_traffic" else 3 for c in codes]
    start = dt.datetime(YEARS[0], 1, 1, tzinfo=dt.UTC) - dt.timedelta(hours=8)
    span = int((dt.datetime(YEARS[1] + 1, 1, 1, tzinfo=dt.UTC) - start).total_seconds())
    now = dt.datetime.now(dt.UTC)
    for i in range(count):
        occurred = start + dt.timedelta(seconds=rng.randrange(span))
        delay = dt.timedelta(minutes=rng.choice((10, 20, 30, 45, 60, 75, 130)))
        deaths = rng.choices((0, 1, 2, 3), weights=(50, 40, 8, 2))[0]
        serious, minor = rng.randrange(4), rng.randrange(6)
        loss = Decimal(rng.randrange(1, 4000)) * 100
        yield (
            "accident",
            f"事故{i}",
            occurred,
            occurred + delay,
            town_ids[rng.randrange(len(town_ids))],
            sector_ids[rng.choices(codes, weights)[0]],
            None,
            "02",
            deaths,
            0,
            serious,
            minor,
            loss,
            "",
            "",
            0,
            0,
            0,
            False,
            accident_grade(deaths=deaths, serious_injuries=serious, direct_loss=loss),
            delay > dt.timedelta(hours=1),
            now,
            now,
        )


COLUMNS = (
    "kind",
    "title",
    "occurred_at",
    "reported_at",
    "town_id",
    "sector_id",
    "enterprise_id",
    "accident_type",
    "deaths",
    "missing",
    "serious_injuries",
    "minor_injuries",
    "direct_loss",
    "description",
    "cause",
    "endangered",
    "trapped",
    "evacuated",
    "key_facilities_threatened",
    "grade",
    "report_late",
    "created_at",
    "updated_at",
)


def _fill(count: int, towns: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from anjian.accounts.models import Role, Sector, Town, User

    call_command("migrate", verbosity=0)
    Town.objects.bulk_create(
        [Town(code=f"t{i:04d}", name=f"第{i}镇", ordering=i) for i in range(towns)]
    )
    User.objects.create(username="bench_admin", role=Role.COUNTY_ADMIN)
    town_ids = list(Town.objects.values_list("pk", flat=True))
    sector_ids = dict(Sector.objects.values_list("code", "pk"))
    rows = _rows(count, town_ids, sector_ids)
    started = time.perf_counter()
    table = "accidents_accident"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            raw = cursor.cursor
            with raw.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"ANALYZE {table}")
    else:
        marks = ", ".join(["%s"] * len(COLUMNS))
        sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({marks})"
        adapt = connection.ops.adapt_datetimefield_value
        with connection.cursor() as cursor:
            batch = []
            for row in rows:
                row = list(row)
                for i in (2, 3, 21, 22):
                    row[i] = adapt(row[i])
                row[12] = str(row[12])
                batch.append(row)
                if len(batch) == 50_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
            cursor.execute("ANALYZE")
    print(f"  filled {count:,} accidents in {time.perf_counter() - started:.1f} s", flush=True)


# --- the hand-written SQL -------------------------------------------------------------------

TOTALS_SQL = """
SELECT {cols} FROM accidents_accident
WHERE kind = 'accident' AND ((occurred_at >= %s AND occurred_at < %s)
                          OR (occurred_at >= %s AND occurred_at < %s))"""
GROUP_SQL = """
SELECT u.code, u.name, COUNT(*), COALESCE(SUM(a.deaths), 0)
FROM accidents_accident a JOIN {table} u ON u.id = a.{fk}
WHERE a.kind = 'accident' AND a.occurred_at >= %s AND a.occurred_at < %s
GROUP BY u.code, u.name, u.ordering
ORDER BY COUNT(*) DESC, COALESCE(SUM(a.deaths), 0) DESC, u.ordering, u.code"""
GRADE_SQL = """
SELECT grade, COUNT(*) FROM accidents_accident
WHERE kind = 'accident' AND occurred_at >= %s AND occurred_at < %s GROUP BY grade"""
FIGURES = ("deaths", "missing", "serious_injuries", "minor_injuries")


def _totals_columns() -> str:
    cols = []
    for window in ("occurred_at >= %s AND occurred_at < %s",) * 2:
        cols.append(f"COUNT(*) FILTER (WHERE {window})")
        cols += [f"COALESCE(SUM({f}) FILTER (WHERE {window}), 0)" for f in FIGURES]
        cols.append(f"SUM(direct_loss) FILTER (WHERE {window})")
    return ", ".join(cols)


def hand_stats(period_text: str) -> dict:
    from django.db import connection

    from anjian.core.periods import parse_period

    period = parse_period(period_text)
    previous = period.previous_year()
    adapt = connection.ops.adapt_datetimefield_value
    cur = [adapt(b) for b in period.bounds()]
    prev = [adapt(b) for b in previous.bounds()]
    with connection.cursor() as cursor:
        cursor.execute(
            TOTALS_SQL.format(cols=_totals_columns()), [*cur] * 6 + [*prev] * 6 + cur + prev
        )
        row = cursor.fetchone()
        cursor.execute(GROUP_SQL.format(table="accounts_sector", fk="sector_id"), cur)
        sectors = cursor.fetchall()
        cursor.execute(GROUP_SQL.format(table="accounts_town", fk="town_id"), cur)
        towns = cursor.fetchall()
        cursor.execute(GRADE_SQL, cur)
        grades = dict(cursor.fetchall())

    def block(p, values):
        data = {
            "period": str(p),
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "count": values[0],
        }
        data.update({f: values[i + 1] for i, f in enumerate(FIGURES)})
        data["direct_loss"] = str(
            Decimal(values[5] or 0).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        )
        return data

    def pct(now, before):
        if not before:
            return None
        return float(
            (Decimal(now - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        )

    result = block(period, row[:6])
    result["previous"] = block(previous, row[6:])
    p = result["previous"]
    result["change"] = {
        "count": result["count"] - p["count"],
        "count_pct": pct(result["count"], p["count"]),
        "deaths": result["deaths"] - p["deaths"],
        "deaths_pct": pct(result["deaths"], p["deaths"]),
    }
    result["by_sector"] = [
        {"sector": c, "name": n, "count": k, "deaths": d} for c, n, k, d in sectors
    ]
    result["by_town"] = [{"town": c, "name": n, "count": k, "deaths": d} for c, n, k, d in towns]
    result["by_grade"] = {
        g: grades.get(g, 0) for g in ("general", "large", "major", "extraordinary")
    }
    return result


# --- timing ---------------------------------------------------------------------------------


def _time(fn, repeat: int) -> list[float]:
    fn()  # warm caches and connections
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _summary(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def measure(repeat: int) -> list[dict]:
    from rest_framework.test import APIClient

    from anjian.accounts.identity import token_create
    from anjian.accounts.models import User

    raw, _token = token_create(user=User.objects.get(username="bench_admin"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    results = []
    for period in PERIODS:
        url = f"/api/v1/stats/accidents/?period={period}"
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.content
        api_object = json.loads(response.content)
        assert api_object == hand_stats(period), "the endpoint and the SQL disagree"
        api = _summary(_time(lambda u=url: client.get(u, HTTP_HOST="127.0.0.1"), repeat))
        sql = _summary(_time(lambda p=period: hand_stats(p), repeat))
        results.append({"period": period, "count": api_object["count"], "api": api, "sql": sql})
    return results


def run_one(scale: str, database: str, repeat: int) -> None:
    _configure(database)
    from django.db import connection

    count, towns = SCALES[scale]
    print(
        f"== {scale} scale on {connection.vendor} ({count:,} accidents, {towns} towns)", flush=True
    )
    _fill(count, towns)
    print(
        f"  {'period':8} {'rows':>7}  {'endpoint median/p95 ms':>24}  {'SQL median/p95 ms':>19}"
        f"  {'diff p95':>9}  {'ratio p95':>9}"
    )
    for r in measure(repeat):
        (am, ap), (sm, sp) = r["api"], r["sql"]
        print(
            f"  {r['period']:8} {r['count']:>7,}  {am:>11.1f} / {ap:>9.1f}  {sm:>8.1f} / "
            f"{sp:>8.1f}  {ap - sp:>+8.1f}  {ap / sp:>8.2f}x",
            flush=True,
        )


def _pg_database(pg_url: str, name: str) -> str:
    """Recreate database `name` on the server of `pg_url`; return its URL."""
    import psycopg

    with psycopg.connect(pg_url.replace("postgres://", "postgresql://"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    base = pg_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=list(SCALES), default="county")
    parser.add_argument(
        "--database",
        default="sqlite",
        help="sqlite (a temporary file) or a postgres:// URL of a scratch database",
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("ANJIAN_BENCH_POSTGRES_URL", ""),
        help="server to create scratch databases on (for --all)",
    )
    parser.add_argument("--repeat", type=int, default=0, help="timed runs per period")
    parser.add_argument(
        "--all", action="store_true", help="both scales on SQLite and (with --pg-url) PostgreSQL"
    )
    args = parser.parse_args()
    if args.all:
        for database in ["sqlite", "postgres"] if args.pg_url else ["sqlite"]:
            for scale in SCALES:
                url = (
                    _pg_database(args.pg_url, f"bench_accidents_{scale}")
                    if database == "postgres"
                    else "sqlite"
                )
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--scale",
                        scale,
                        "--database",
                        url,
                        "--repeat",
                        str(args.repeat),
                    ],
                    check=True,
                )
        return
    repeat = args.repeat or (100 if args.scale == "county" else 20)
    with tempfile.TemporaryDirectory(prefix="bench-accidents-") as scratch:
        database = args.database
        if database == "sqlite":
            database = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        os.environ["ANJIAN_DATA_DIR"] = scratch
        run_one(args.scale, database, repeat)


if __name__ == "__main__":
    main()
