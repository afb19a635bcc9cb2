"""Benchmark: a city admin and a province admin on the seeded province, against hand SQL.

    python bench/divisions.py --database-url postgres://postgres@127.0.0.1:5471/seedprov \
        [--accidents 1000000] [--requests 60] [--explain]

Run it on a database built by `anjian seed --scale province` (say with `--enterprises` how
many units were seeded). It adds, once, a city admin (the first seeded city) and a province
admin, and synthetic accidents over the seeded towns (as bench/accident_stats.py makes them,
COPY on PostgreSQL). Then, for each admin, it times through Django's whole request stack
(middleware, Bearer token, DRF, JSON) and as the best hand-written SQL over the same indexes:

- `/api/v1/enterprises/` first page (the COUNT and the page SELECT);
- `/api/v1/stats/accidents/?period=2025-03` and `?period=2025` (totals with last year, by
  sector, by town and county, by grade).

It checks that both give the same answer and prints p50/p95 of each and the p95 ratio (target
≤ 1.5×). `--explain` prints EXPLAIN (ANALYZE, BUFFERS) of the platform's and the hand SQL.
A script, not a test: it prints figures and writes nothing into the repository.
"""

import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PAGE_SIZE = 20
PERIODS = ("2025-03", "2025")
FIGURES = ("deaths", "missing", "serious_injuries", "minor_injuries")


def setup(args) -> None:
    os.environ["ANJIAN_DATABASE_URL"] = args.database_url
    os.environ.setdefault("ANJIAN_DATA_DIR", "/tmp/anjian-bench-divisions")
    os.environ.setdefault("ANJIAN_SECRET_KEY", "bench-" + "x" * 44)
    os.environ["ANJIAN_AXES_ENABLED"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    import django

    django.setup()


def admins():
    """The city admin of the first seeded city and the province admin of the seeded province."""
    from django.contrib.auth.hashers import make_password

    from anjian.accounts.models import Division, Role, User
    from anjian.registry.seed import SEED_PROVINCE

    province = Division.objects.get(code=SEED_PROVINCE)
    city = Division.objects.filter(parent=province).order_by("code").first()
    users = {}
    for username, role, division in (
        ("bench_city", Role.CITY_ADMIN, city),
        ("bench_province", Role.PROVINCE_ADMIN, province),
    ):
        users[username], _created = User.objects.get_or_create(
            username=username,
            defaults={"role": role, "division": division, "password": make_password(None)},
        )
    return users


def fill_accidents(count: int) -> None:
    """Synthetic accidents over the seeded towns, once (COPY on PostgreSQL)."""
    from accident_stats import COLUMNS, _rows
    from django.db import connection

    from anjian.accidents.models import Accident
    from anjian.accounts.models import Sector, Town

    have = Accident.objects.count()
    if have >= count:
        print(f"  {have:,} accidents already there", flush=True)
        return
    towns = list(Town.objects.filter(code__startswith="seed_").values_list("pk", flat=True))
    sectors = dict(Sector.objects.values_list("code", "pk"))
    started = time.perf_counter()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY accidents_accident ({', '.join(COLUMNS)}) FROM STDIN"
        ) as copy:
            for row in _rows(count - have, towns, sectors):
                copy.write_row(row)
        cursor.execute("ANALYZE")
    print(f"  filled {count - have:,} accidents in {time.perf_counter() - started:.1f} s")


# --- hand-written SQL ------------------------------------------------------------------------

# The scope of a division admin: its towns are one indexed column on the town.
SCOPE = {"city": "t.city_id = %s", "province": "t.province_id = %s"}

ENTERPRISE_COLUMNS = (
    "e.id, e.name, e.credit_code, s.code, t.code, d.code, e.address, e.lng, e.lat, "
    "e.legal_representative, e.safety_manager, e.phone, e.employees, e.status"
)


def hand_enterprises(cursor, level: str, division_id: int) -> tuple[int, list]:
    where = f"WHERE {SCOPE[level]}"
    cursor.execute(
        "SELECT COUNT(*) FROM registry_enterprise e JOIN accounts_town t ON t.id = e.town_id "
        + where,
        [division_id],
    )
    total = cursor.fetchone()[0]
    cursor.execute(
        f"SELECT {ENTERPRISE_COLUMNS} FROM registry_enterprise e "
        "JOIN accounts_town t ON t.id = e.town_id "
        "JOIN accounts_sector s ON s.id = e.sector_id "
        "JOIN accounts_department d ON d.id = e.department_id "
        f"{where} ORDER BY e.name, e.id LIMIT {PAGE_SIZE}",
        [division_id],
    )
    return total, cursor.fetchall()


ACCIDENTS = (
    "FROM accidents_accident a JOIN accounts_town t ON t.id = a.town_id "
    "WHERE a.kind = 'accident' AND {scope}"
)


def _totals_columns() -> str:
    cols = []
    for _window in range(2):
        window = "a.occurred_at >= %s AND a.occurred_at < %s"
        cols.append(f"COUNT(*) FILTER (WHERE {window})")
        cols += [f"SUM(a.{f}) FILTER (WHERE {window})" for f in FIGURES]
        cols.append(f"SUM(a.direct_loss) FILTER (WHERE {window})")
    return ", ".join(cols)


def hand_stats(cursor, level: str, division_id: int, period_text: str) -> dict:
    from anjian.core.periods import parse_period

    period = parse_period(period_text)
    previous = period.previous_year()
    cur, prev = list(period.bounds()), list(previous.bounds())
    base = ACCIDENTS.format(scope=SCOPE[level])
    cursor.execute(
        f"SELECT {_totals_columns()} {base} AND ((a.occurred_at >= %s AND a.occurred_at < %s)"
        " OR (a.occurred_at >= %s AND a.occurred_at < %s))",
        [*cur] * 6 + [*prev] * 6 + [division_id] + cur + prev,
    )
    row = cursor.fetchone()
    window = " AND a.occurred_at >= %s AND a.occurred_at < %s"
    cursor.execute(
        "SELECT s.code, s.name, COUNT(*), COALESCE(SUM(a.deaths), 0) "
        "FROM accidents_accident a JOIN accounts_town t ON t.id = a.town_id "
        "JOIN accounts_sector s ON s.id = a.sector_id "
        f"WHERE a.kind = 'accident' AND {SCOPE[level]}{window} "
        "GROUP BY s.code, s.name, s.ordering "
        "ORDER BY COUNT(*) DESC, COALESCE(SUM(a.deaths), 0) DESC, s.ordering, s.code",
        [division_id, *cur],
    )
    sectors = cursor.fetchall()
    cursor.execute(
        "SELECT t.code, t.name, COUNT(*), COALESCE(SUM(a.deaths), 0), c.code, c.name, c.path "
        "FROM accidents_accident a JOIN accounts_town t ON t.id = a.town_id "
        "LEFT JOIN accounts_division c ON c.id = t.county_id "
        f"WHERE a.kind = 'accident' AND {SCOPE[level]}{window}"
        " GROUP BY t.code, t.name, t.ordering, c.code, c.name, c.path "
        "ORDER BY COUNT(*) DESC, COALESCE(SUM(a.deaths), 0) DESC, t.ordering, t.code",
        [division_id, *cur],
    )
    towns = cursor.fetchall()
    cursor.execute(f"SELECT a.grade, COUNT(*) {base}{window} GROUP BY a.grade", [division_id, *cur])
    grades = dict(cursor.fetchall())

    def block(p, values):
        data = {"period": str(p), "start": p.start.isoformat(), "end": p.end.isoformat()}
        data["count"] = values[0]
        data.update({f: values[i + 1] or 0 for i, f in enumerate(FIGURES)})
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
    result["previous"] = p = block(previous, row[6:])
    result["change"] = {
        "count": result["count"] - p["count"],
        "count_pct": pct(result["count"], p["count"]),
        "deaths": result["deaths"] - p["deaths"],
        "deaths_pct": pct(result["deaths"], p["deaths"]),
    }
    result["by_sector"] = [
        {"sector": c, "name": n, "count": k, "deaths": d} for c, n, k, d in sectors
    ]
    result["by_town"] = [
        {"town": c, "name": n, "count": k, "deaths": d} for c, n, k, d, *_county in towns
    ]
    result["by_grade"] = {
        g: grades.get(g, 0) for g in ("general", "large", "major", "extraordinary")
    }
    counties: dict[str, dict] = {}
    for _c, _n, k, d, code, name, path in towns:
        if code is None:
            continue
        entry = counties.setdefault(
            code, {"county": code, "name": name, "count": 0, "deaths": 0, "_p": path}
        )
        entry["count"] += k
        entry["deaths"] += d
    ordered = sorted(counties.values(), key=lambda r: (-r["count"], -r["deaths"], r["_p"]))
    result["by_county"] = [{k: v for k, v in r.items() if k != "_p"} for r in ordered]
    return result


# --- timing ----------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def timed(api, its, sql, requests: int) -> dict[str, tuple[float, float]]:
    """Per round, in a shuffled order: the API request, the platform's own SQL for it replayed
    raw, the hand SQL. Five warm-up rounds first."""
    samples: dict[str, list[float]] = {"api": [], "its": [], "sql": []}
    order = random.Random(1)
    for i in range(requests + 5):
        kinds = [("api", api), ("its", its), ("sql", sql)]
        order.shuffle(kinds)
        gc.collect()
        for kind, fn in kinds:
            began = time.perf_counter()
            fn()
            if i >= 5:
                samples[kind].append((time.perf_counter() - began) * 1000)
    return {k: (statistics.median(v), percentile(v, 95)) for k, v in samples.items()}


def platform_queries(client, url: str, headers: dict) -> list[str]:
    """The SQL the platform runs for `url`, without the Bearer token's lookup."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, **headers)
    return [q["sql"] for q in captured.captured_queries if "accounts_apitoken" not in q["sql"]]


def explain(label: str, client, url: str, token: str, hand) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the platform's queries for `url` and of the hand SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
    print(f"\n=== {label}: the platform's queries ===")
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            sql = query["sql"]
            if "registry_enterprise" not in sql and "accidents_accident" not in sql:
                continue
            print(f"-- {sql}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            print("\n".join("   " + r[0] for r in cursor.fetchall()))
    print(f"=== {label}: hand-written SQL ===")
    with connection.cursor() as cursor:
        recorder = _Recorder(cursor)
        hand(recorder)
        for sql, params in recorder.statements:
            print(f"-- {cursor.mogrify(sql, params)}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            print("\n".join("   " + r[0] for r in cursor.fetchall()))


class _Recorder:
    """A cursor that remembers what it ran (to EXPLAIN the hand SQL afterwards)."""

    def __init__(self, cursor):
        self.cursor, self.statements = cursor, []

    def execute(self, sql, params):
        self.statements.append((sql, params))
        self.cursor.execute(sql, params)

    def __getattr__(self, name):
        return getattr(self.cursor, name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("ANJIAN_DATABASE_URL", ""))
    parser.add_argument("--accidents", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=60, help="timed runs per case")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--only", default="", help="run only the cases whose label has this text")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgres"):
        raise SystemExit("a postgres:// URL of a database built by `anjian seed --scale province`")
    setup(args)
    from django.db import connection
    from django.test import Client

    from anjian.accidents.models import Accident
    from anjian.accounts.identity import token_create
    from anjian.accounts.models import Town
    from anjian.registry.models import Enterprise

    users = admins()
    fill_accidents(args.accidents)
    client = Client(HTTP_HOST="127.0.0.1")
    with connection.cursor() as cursor:
        cursor.execute("show server_version")
        version = cursor.fetchone()[0]
    print(
        f"PostgreSQL {version}: {Enterprise.objects.count():,} units, {Town.objects.count():,} "
        f"towns, {Accident.objects.count():,} accidents; load {os.getloadavg()[0]:.1f}; "
        f"{args.requests} timed runs per case; {time.strftime('%Y-%m-%d %H:%M')}"
    )
    lines = [
        f"{'case':38} {'rows':>8} | {'API p50':>7} {'p95':>7} | {'its p50':>7} {'p95':>7} | "
        f"{'SQL p50':>7} {'p95':>7} | {'API/SQL':>8} | {'its/SQL':>8}"
    ]
    worst = worst_its = 0.0
    for username, level in (("bench_city", "city"), ("bench_province", "province")):
        user = users[username]
        token = token_create(user=user)[0]
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        cases = [("enterprises page 1", "/api/v1/enterprises/", None)]
        cases += [
            (f"stats ?period={p}", f"/api/v1/stats/accidents/?period={p}", p) for p in PERIODS
        ]
        for name, url, period in cases:
            label = f"{level} admin · {name}"
            if args.only not in label:
                continue

            def hand(cursor, period=period, level=level, division_id=user.division_id):
                if period is None:
                    return hand_enterprises(cursor, level, division_id)
                return hand_stats(cursor, level, division_id, period)

            body = client.get(url, **headers)
            assert body.status_code == 200, (label, body.status_code, body.content[:300])
            got = json.loads(body.content)
            with connection.cursor() as cursor:
                expected = hand(cursor)
            if period is None:
                total, rows = expected
                same = got["count"] == total and [r["id"] for r in got["results"]] == [
                    r[0] for r in rows
                ]
                size = total
            else:
                same = got == expected
                size = got["count"]
            if not same:
                raise SystemExit(f"{label}: the API and the hand SQL disagree")
            if args.explain:
                explain(label, client, url, token, hand)

            def sql(hand=hand):
                with connection.cursor() as cursor:
                    hand(cursor)

            replay = platform_queries(client, url, headers)

            def its(replay=replay):
                with connection.cursor() as cursor:
                    for statement in replay:
                        cursor.execute(statement)
                        cursor.fetchall()

            ms = timed(lambda url=url, h=headers: client.get(url, **h), its, sql, args.requests)
            ratio = ms["api"][1] / ms["sql"][1]
            its_ratio = ms["its"][1] / ms["sql"][1]
            worst, worst_its = max(worst, ratio), max(worst_its, its_ratio)
            lines.append(
                f"{label:38} {size:>8,} | {ms['api'][0]:>7.1f} {ms['api'][1]:>7.1f} | "
                f"{ms['its'][0]:>7.1f} {ms['its'][1]:>7.1f} | "
                f"{ms['sql'][0]:>7.1f} {ms['sql'][1]:>7.1f} | {ratio:>7.2f}× | {its_ratio:>7.2f}×"
            )
            print(lines[-1], flush=True)
    print("\n".join(["", *lines]))
    print(
        "(milliseconds; API = the whole request through Django; SQL = the hand-written "
        "queries for the same answer; its = the platform's own queries for the request, "
        "authentication left out, replayed raw; ratios of p95) worst API/SQL "
        f"{worst:.2f}×, worst its/SQL {worst_its:.2f}× (target ≤ 1.5×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
