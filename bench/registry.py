"""Benchmark: the scoped, filtered, paginated enterprise list over the API vs hand-written SQL.

    python bench/registry.py --scale county [--database-url URL] [--requests 200] [--explain]

Seeds (tops up) the synthetic data with `anjian seed`, then, for each case, times `--requests`
GETs of `/api/v1/enterprises/?…` through Django's test client (the whole middleware, Bearer
token, DRF, filter and serializer stack, in process: no HTTP or network noise), and the same
number of runs of the best SQL a person would write for the same page (the COUNT and the page
SELECT with its joins) on a raw DB-API connection. It checks that both give the same page, and
prints median and p95 of each, the platform's overhead (difference) and the ratio.
See bench/README.md and docs/benchmarks.md.
"""

import argparse
import gc
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = (
    "e.id, e.name, e.credit_code, s.code, t.code, d.code, e.address, e.lng, e.lat, "
    "e.legal_representative, e.safety_manager, e.phone, e.employees, e.status"
)
JOINS = (
    "FROM registry_enterprise e "
    "JOIN accounts_town t ON t.id = e.town_id "
    "JOIN accounts_sector s ON s.id = e.sector_id "
    "JOIN accounts_department d ON d.id = e.department_id"
)
# The scopes, as a person would write them (the department scope: its sectors' subquery).
SCOPE_SQL = {
    "county_admin": ("", []),
    "town_officer": ("e.town_id = %s", ["town_id"]),
    "department_officer": (
        "e.sector_id IN (SELECT sector_id FROM accounts_department_sectors "
        "WHERE department_id = %s)",
        ["department_id"],
    ),
}
PAGE_SIZE = 20


@dataclass
class Case:
    label: str
    user: object
    filters: dict  # town / sector codes
    pages: list[int]


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["county", "city", "province"], default="county")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("ANJIAN_DATABASE_URL", ""),
        help="postgres://… (default: SQLite in the data directory)",
    )
    parser.add_argument(
        "--data-dir", default="", help="default: /tmp/anjian-bench-<scale>-<sqlite|postgres>"
    )
    parser.add_argument("--requests", type=int, default=200, help="timed requests per case")
    parser.add_argument(
        "--pages",
        type=int,
        default=5,
        help="cycle through pages 1..N (fewer if the list is shorter)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print the query plans of the platform's and the hand-written SQL",
    )
    return parser.parse_args(argv)


def setup_django(args) -> None:
    kind = "postgres" if args.database_url.startswith("postgres") else "sqlite"
    data_dir = args.data_dir or f"/tmp/anjian-bench-{args.scale}-{kind}"
    os.environ["ANJIAN_DATA_DIR"] = data_dir
    os.environ["ANJIAN_SECRET_KEY"] = os.environ.get("ANJIAN_SECRET_KEY", "bench-" + "x" * 44)
    if args.database_url:
        os.environ["ANJIAN_DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("ANJIAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    import django

    django.setup()


def bench_users():
    """A county admin, the first seeded town's officer, the traffic department's officer."""
    from django.contrib.auth.hashers import make_password

    from anjian.accounts.models import Department, Role, Town, User

    town = Town.objects.get(code="seed_0000")
    department = Department.objects.get(code="transport")
    units = {
        "bench_admin": (Role.COUNTY_ADMIN, {}),
        "bench_town": (Role.TOWN_OFFICER, {"town": town}),
        "bench_dept": (Role.DEPARTMENT_OFFICER, {"department": department}),
    }
    users = {}
    for username, (role, unit) in units.items():
        users[username], _created = User.objects.get_or_create(
            username=username, defaults={"role": role, "password": make_password(None), **unit}
        )
    return users


def raw_connection():
    """A DB-API connection of its own (the platform's may close between requests)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        conn = sqlite3.connect(settings["NAME"])
        conn.execute("PRAGMA journal_mode=WAL")
        return conn
    import psycopg

    return psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )


def hand_sql(role: str, filters: dict) -> tuple[str, str, list[str]]:
    """The COUNT and the page SELECT for one case; parameter names in order."""
    where, params = [], []
    scope, scope_params = SCOPE_SQL[role]
    if scope:
        where.append(scope)
        params += scope_params
    if filters.get("town"):
        where.append("e.town_id = (SELECT id FROM accounts_town WHERE code = %s)")
        params.append("town")
    if filters.get("sector"):
        where.append("e.sector_id = (SELECT id FROM accounts_sector WHERE code = %s)")
        params.append("sector")
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    count = f"SELECT COUNT(*) FROM registry_enterprise e{clause}"
    page = f"SELECT {COLUMNS} {JOINS}{clause} ORDER BY e.name, e.id LIMIT {PAGE_SIZE} OFFSET %s"
    return count, page, params


def run_sql(cursor, sqlite: bool, count_sql: str, page_sql: str, params: list, offset: int):
    if sqlite:
        count_sql, page_sql = count_sql.replace("%s", "?"), page_sql.replace("%s", "?")
    cursor.execute(count_sql, params)
    total = cursor.fetchone()[0]
    cursor.execute(page_sql, [*params, offset])
    return total, cursor.fetchall()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def platform_queries(client, token: str, case: Case) -> dict[int, list[str]]:
    """The SQL the platform runs on the enterprise table for each page (COUNT, page SELECT)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    queries = {}
    for page in case.pages:
        with CaptureQueriesContext(connection) as captured:
            client.get(
                "/api/v1/enterprises/",
                {**case.filters, "page": page},
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )
        queries[page] = [
            q["sql"] for q in captured.captured_queries if "registry_enterprise" in q["sql"]
        ]
    return queries


def time_case(
    client, token: str, conn, sqlite: bool, case: Case, values: dict, requests: int
) -> tuple[dict[str, list[float]], dict, dict]:
    """Per round: one API request, the platform's own SQL for it replayed on the raw
    connection, and the hand-written SQL, in a shuffled order, so that all three see the same
    load on the machine. Ten untimed warm-up rounds first."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    count_sql, page_sql, names = hand_sql(case.user.role, case.filters)
    params = [{**values, **case.filters}[name] for name in names]
    replay = platform_queries(client, token, case)
    cursor = conn.cursor()
    timings: dict[str, list[float]] = {"api": [], "orm": [], "sql": [], "cpu": []}
    pages: dict[str, dict] = {"api": {}, "sql": {}}
    order = random.Random(1)

    def run(kind: str, page: int):
        if kind == "api":
            response = client.get("/api/v1/enterprises/", {**case.filters, "page": page}, **headers)
            if response.status_code != 200:
                raise SystemExit(f"{case.label}: HTTP {response.status_code}")
            return response
        if kind == "orm":
            for statement in replay[page]:
                cursor.execute(statement)
                cursor.fetchall()
            return None
        return run_sql(cursor, sqlite, count_sql, page_sql, params, (page - 1) * PAGE_SIZE)

    for i in range(requests + 10):
        page = case.pages[i % len(case.pages)]
        kinds = ["api", "orm", "sql"]
        order.shuffle(kinds)  # no phase always runs right after the long API request
        gc.collect()
        for kind in kinds:
            began, cpu = time.perf_counter(), time.thread_time()
            result = run(kind, page)
            elapsed = time.perf_counter() - began
            if i >= 10:
                timings[kind].append(elapsed)
                if kind == "api":
                    timings["cpu"].append(time.thread_time() - cpu)
            if kind != "orm" and page not in pages[kind]:
                pages[kind][page] = result.json() if kind == "api" else result
    api_pages, sql_pages = pages["api"], pages["sql"]
    return timings, api_pages, sql_pages


def check_same_page(case: Case, api_pages: dict, sql_pages: dict) -> None:
    for page, body in api_pages.items():
        total, rows = sql_pages[page]
        api_ids = [row["id"] for row in body["results"]]
        if body["count"] != total or api_ids != [row[0] for row in rows]:
            raise SystemExit(
                f"{case.label} page {page}: the API and the SQL disagree "
                f"({body['count']} vs {total} rows)"
            )


def explain(case: Case, client, token: str, conn, sqlite: bool, values: dict) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(
            "/api/v1/enterprises/",
            {**case.filters, "page": 1},
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    print(f"\n=== {case.label}: the platform's queries ===")
    cursor = connection.cursor()
    for query in captured.captured_queries:
        sql = query["sql"]
        print(f"-- {query['time']} s: {sql}")
        if "registry_enterprise" in sql:
            cursor.execute(prefix + sql)
            print("\n".join("   " + " ".join(str(c) for c in row) for row in cursor.fetchall()))
    count_sql, page_sql, names = hand_sql(case.user.role, case.filters)
    params = [{**values, **case.filters}[name] for name in names]
    print(f"=== {case.label}: hand-written SQL ===")
    raw = conn.cursor()
    for sql, extra in ((count_sql, []), (page_sql, [0])):
        print("-- " + sql)
        statement = prefix + sql
        if sqlite:
            statement = statement.replace("%s", "?")
        raw.execute(statement, [*params, *extra])
        print("\n".join("   " + " ".join(str(c) for c in row) for row in raw.fetchall()))


def describe_database() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django(args)
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from anjian.accounts.identity import token_create
    from anjian.registry.models import Enterprise
    from anjian.registry.seed import seed

    call_command("migrate", verbosity=0)
    print(seed(scale=args.scale, progress=None).summary(), flush=True)
    from django.db import connection

    sqlite = connection.vendor == "sqlite"
    if not sqlite:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    users = bench_users()
    tokens = {name: token_create(user=user)[0] for name, user in users.items()}
    town = users["bench_town"].town
    values = {"town_id": town.pk, "department_id": users["bench_dept"].department_id}
    # The town's most common sector, and the traffic department's road units in that town.
    sector = (
        Enterprise.objects.filter(town=town)
        .values("sector__code")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()["sector__code"]
    )
    cases = [
        Case(
            "town officer  ?town=&sector=",
            users["bench_town"],
            {"town": town.code, "sector": sector},
            [],
        ),
        Case(
            "dept officer  ?town=&sector=",
            users["bench_dept"],
            {"town": town.code, "sector": "road_traffic"},
            [],
        ),
        Case("dept officer  (whole scope)", users["bench_dept"], {}, []),
        Case("county admin  (unfiltered)", users["bench_admin"], {}, []),
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    conn = raw_connection()
    names = {users[n].pk: n for n in users}
    total = Enterprise.objects.count()
    print(
        f"{describe_database()}, {total} enterprises, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, {args.requests} requests per "
        f"case, {time.strftime('%Y-%m-%d %H:%M')}"
    )
    header = (
        f"{'case':29} {'rows':>6} | {'API':^13} | {'its SQL':^13} | {'hand SQL':^13} | "
        f"{'overhead':^13} | {'API/hand':^11} | {'its/hand':^11} | {'API CPU':^7}"
    )
    lines = [
        header,
        f"{'':36} | " + " | ".join(["  p50    p95"] * 4 + ["  p50   p95"] * 2) + " |   p50",
        "-" * len(header),
    ]
    results = []
    for case in cases:
        token = tokens[names[case.user.pk]]
        probe = client.get(
            "/api/v1/enterprises/", case.filters, HTTP_AUTHORIZATION=f"Bearer {token}"
        ).json()
        last_page = max(1, -(-probe["count"] // PAGE_SIZE))
        case.pages = list(range(1, min(args.pages, last_page) + 1))
        if args.explain:
            explain(case, client, token, conn, sqlite, values)
        timings, api_pages, sql_pages = time_case(
            client, token, conn, sqlite, case, values, args.requests
        )
        check_same_page(case, api_pages, sql_pages)
        ms = {}
        for key, values_ in timings.items():
            ms[key] = (1000 * statistics.median(values_), 1000 * percentile(values_, 95))
        results.append((case, ms))

        def pair(a, b, fmt="{:6.1f} {:6.1f}"):
            return fmt.format(a, b)

        lines.append(
            " | ".join(
                [
                    f"{case.label:29} {probe['count']:>6}",
                    pair(*ms["api"]),
                    pair(*ms["orm"]),
                    pair(*ms["sql"]),
                    pair(ms["api"][0] - ms["sql"][0], ms["api"][1] - ms["sql"][1]),
                    pair(
                        ms["api"][0] / ms["sql"][0],
                        ms["api"][1] / ms["sql"][1],
                        "{:4.1f}× {:4.1f}×",
                    ),
                    pair(
                        ms["orm"][0] / ms["sql"][0],
                        ms["orm"][1] / ms["sql"][1],
                        "{:4.2f}× {:4.2f}×",
                    ),
                    f"{ms['cpu'][0]:6.1f}",
                ]
            )
        )
    print("\n".join(lines))
    print(
        "(milliseconds; API = the whole request through Django; its SQL = the platform's own "
        "COUNT and page SELECT replayed on a raw connection; hand SQL = the best a person "
        "would write; overhead = API - hand SQL; API CPU = this process's CPU time per request, "
        "which a busy machine does not inflate)"
    )
    worst_p95 = max(ms["api"][1] for _c, ms in results)
    worst = max(ms["api"][1] / ms["sql"][1] for _c, ms in results)
    worst_sql = max(ms["orm"][1] / ms["sql"][1] for _c, ms in results)
    print(
        f"worst API p95 {worst_p95:.1f} ms (county-scale target < 50 ms); worst p95 ratio "
        f"API/hand {worst:.2f}×, platform SQL/hand {worst_sql:.2f}× (province target ≤ 1.5×)"
    )
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
