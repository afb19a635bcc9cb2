"""Benchmark: the live annual assessment (GET /api/v1/assessment/results/) at county scale
against hand-written SQL for the same indicators and vetoes.

    python bench/assessment.py                  # SQLite in a temporary data directory
    python bench/assessment.py --rounds 10

County scale: `anjian seed --scale county` (5,000 units, 20 towns, the demo's departments),
then 300,000 hazards and 20,000 accidents over 2024–2025 (bulk inserts, synthetic), a few
hundred inspections, campaign targets, plans and drills. Times, in shuffled rounds: the API
through Django's full request stack as the county admin (every town and department, all ten
indicators, the vetoes, grades and ranks); `results.assess` alone (no HTTP, no JSON); and the
hand-written SQL — one grouped query per indicator and veto, the rows fetched — that a person
would write for the same figures. Prints median and p95 of each, the ratio to the hand SQL and
the queries the platform ran. A script, not a test: it writes nothing into the repository.
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

HAZARDS, ACCIDENTS, YEAR = 300_000, 20_000, 2025


def _configure() -> None:
    os.environ.setdefault("ANJIAN_DATA_DIR", tempfile.mkdtemp(prefix="bench-assessment-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anjian.settings")
    os.environ["ANJIAN_AXES_ENABLED"] = "0"
    os.environ["ANJIAN_ALLOWED_HOSTS"] = "testserver"
    os.environ["ANJIAN_TEST_CLOCK"] = "1"
    os.environ["ANJIAN_FROZEN_NOW"] = "2025-11-18T10:00:00+08:00"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()


def _fill() -> None:
    from django.core.management import call_command

    from anjian.accounts.models import Role, User
    from anjian.hazards.models import Hazard
    from anjian.inspections.models import Campaign

    call_command("migrate", verbosity=0)
    call_command("seed", scale="county", verbosity=0)
    User.objects.get_or_create(username="bench_admin", defaults={"role": Role.COUNTY_ADMIN})
    rng = random.Random(2025)
    if Hazard.objects.count() < HAZARDS:
        _fill_records(rng)
    if not Campaign.objects.filter(name="基准专项整治").exists():
        _fill_work(rng)


def _fill_records(rng) -> None:
    from django.utils import timezone

    from anjian.accidents.models import Accident
    from anjian.accidents.rules import accident_grade
    from anjian.hazards.models import Hazard
    from anjian.registry.models import Enterprise

    units = list(Enterprise.objects.values_list("pk", "town_id", "sector_id"))
    started = time.perf_counter()
    first = dt.date(YEAR - 1, 1, 1)
    now = timezone.now()
    batch = []
    for i in range(HAZARDS):
        pk, town, sector = units[rng.randrange(len(units))]
        found = first + dt.timedelta(days=rng.randrange(700))
        deadline = found + dt.timedelta(days=rng.choice((7, 15, 30, 60)))
        closed = rng.random() < 0.8
        closed_at = (
            timezone.make_aware(
                dt.datetime.combine(deadline + dt.timedelta(days=rng.randint(-5, 2)), dt.time(10))
            )
            if closed
            else None
        )
        batch.append(
            Hazard(
                enterprise_id=pk,
                town_id=town,
                sector_id=sector,
                description=f"隐患{i}",
                grade="major" if rng.random() < 0.03 else "general",
                found_on=found,
                found_by="检查组",
                source="inspection",
                deadline=deadline,
                status="closed" if closed else "rectifying",
                supervised=rng.random() < 0.5,
                closed_at=closed_at,
                created_at=now,
                updated_at=now,
            )
        )
        if len(batch) == 20_000:
            Hazard.objects.bulk_create(batch)
            batch = []
    Hazard.objects.bulk_create(batch)
    accidents = []
    start = timezone.make_aware(dt.datetime(YEAR - 1, 1, 1))
    for i in range(ACCIDENTS):
        pk, town, sector = units[rng.randrange(len(units))]
        occurred = start + dt.timedelta(minutes=rng.randrange(700 * 24 * 60))
        deaths = rng.choices((0, 1, 2, 3), weights=(60, 33, 6, 1))[0]
        accidents.append(
            Accident(
                title=f"事故{i}",
                occurred_at=occurred,
                reported_at=occurred + dt.timedelta(minutes=30),
                town_id=town,
                sector_id=sector,
                enterprise_id=pk if rng.random() < 0.6 else None,
                accident_type="02",
                deaths=deaths,
                grade=accident_grade(deaths=deaths, serious_injuries=0, direct_loss=0),
            )
        )
    Accident.objects.bulk_create(accidents, batch_size=5_000)
    print(f"  filled in {time.perf_counter() - started:.0f} s", flush=True)


def _fill_work(rng) -> None:
    from anjian.emergency.models import Drill, EmergencyPlan
    from anjian.inspections.models import Campaign, CampaignTarget, Checklist, Inspection
    from anjian.registry.models import Enterprise

    units = list(Enterprise.objects.values_list("pk", "town_id", "sector_id"))
    checklist = Checklist.objects.first()
    campaign = Campaign.objects.create(
        name="基准专项整治",
        kind="special",
        starts_on=dt.date(YEAR, 3, 1),
        ends_on=dt.date(YEAR, 9, 30),
    )
    picked = rng.sample(units, 600)
    CampaignTarget.objects.bulk_create(
        [CampaignTarget(campaign=campaign, enterprise_id=pk) for pk, _t, _s in picked]
    )
    Inspection.objects.bulk_create(
        [
            Inspection(
                kind="inspection",
                enterprise_id=pk,
                town_id=town,
                sector_id=sector,
                campaign=campaign if j % 2 else None,
                checklist=checklist,
                inspected_on=dt.date(YEAR, 4, 1) + dt.timedelta(days=j % 100),
                inspectors="检查组",
            )
            for j, (pk, town, sector) in enumerate(picked[:400])
        ]
    )
    plans = EmergencyPlan.objects.bulk_create(
        [
            EmergencyPlan(
                unit_kind="enterprise",
                enterprise_id=pk,
                kind="comprehensive",
                title="综合应急预案",
                published_on=dt.date(YEAR - 1, 5, 1),
            )
            for pk, _t, _s in picked
        ]
    )
    Drill.objects.bulk_create(
        [
            Drill(plan=p, held_on=dt.date(YEAR, 6, 1), form="tabletop", participants=10)
            for p in plans[::2]
        ]
    )


HAND_SQL = {
    "accidents": """
        SELECT town_id, sector_id, COUNT(*), SUM(deaths) FROM accidents_accident
        WHERE kind = 'accident' AND occurred_at >= %(start)s AND occurred_at < %(end)s
        GROUP BY town_id, sector_id""",
    "hazards": """
        SELECT town_id, sector_id,
          SUM(found_on BETWEEN %(first)s AND %(last)s),
          SUM(found_on BETWEEN %(first)s AND %(last)s AND status = 'closed'),
          SUM(status <> 'closed' AND deadline < %(today)s),
          SUM(grade = 'major' AND found_on BETWEEN %(first)s AND %(last)s),
          SUM(grade = 'major' AND found_on BETWEEN %(first)s AND %(last)s AND supervised),
          SUM(grade = 'major' AND deadline BETWEEN %(first)s AND %(last)s
              AND ((status = 'closed' AND date(closed_at, '+8 hours') > deadline)
                   OR (status <> 'closed' AND deadline < %(today)s)))
        FROM hazards_hazard GROUP BY town_id, sector_id""",
    "campaigns": """
        SELECT e.town_id, e.sector_id, COUNT(*), SUM(EXISTS (SELECT 1 FROM inspections_inspection i
            WHERE i.campaign_id = t.campaign_id AND i.enterprise_id = t.enterprise_id
              AND i.kind = 'inspection'))
        FROM inspections_campaigntarget t JOIN inspections_campaign c ON c.id = t.campaign_id
        JOIN registry_enterprise e ON e.id = t.enterprise_id
        WHERE c.starts_on <= %(last)s AND c.ends_on >= %(first)s GROUP BY e.town_id, e.sector_id""",
    "inspections": """
        SELECT e.town_id, e.sector_id, COUNT(*), SUM(EXISTS (SELECT 1 FROM inspections_inspection i
            WHERE i.enterprise_id = e.id AND i.kind = 'inspection'
              AND i.inspected_on BETWEEN %(first)s AND %(last)s))
        FROM registry_enterprise e WHERE e.status = 'operating' GROUP BY e.town_id, e.sector_id""",
    "drills": """
        SELECT e.town_id, e.sector_id, COUNT(*), SUM(EXISTS (SELECT 1 FROM emergency_drill d
            WHERE d.plan_id = p.id AND d.held_on BETWEEN %(first)s AND %(last)s))
        FROM emergency_emergencyplan p JOIN registry_enterprise e ON e.id = p.enterprise_id
        WHERE p.published_on <= %(last)s GROUP BY e.town_id, e.sector_id""",
    "rosters": """
        SELECT unit_kind, town_id, department_id, starts_at, ends_at, created_at
        FROM duty_dutyroster WHERE unit_kind IN ('town', 'department')
          AND starts_at < %(end)s AND ends_at > %(start)s""",
    "warnings": """
        SELECT r.unit_kind, r.town_id, r.department_id, COUNT(*), COUNT(r.confirmed_at)
        FROM alerts_alertrecipient r JOIN alerts_alert a ON a.id = r.alert_id
        WHERE a.published_at >= %(start)s AND a.published_at < %(end)s
        GROUP BY r.unit_kind, r.town_id, r.department_id""",
    "publicity": """
        SELECT unit_kind, town_id, department_id, COUNT(*) FROM alerts_publicityactivity
        WHERE held_on BETWEEN %(first)s AND %(last)s GROUP BY unit_kind, town_id, department_id""",
    "veto_large": """
        SELECT id, title, town_id, sector_id FROM accidents_accident
        WHERE kind = 'accident' AND grade IN ('large', 'major', 'extraordinary')
          AND occurred_at >= %(start)s AND occurred_at < %(end)s""",
    "veto_findings": """
        SELECT a.id, a.town_id, a.sector_id FROM assessment_accidentfinding f
        JOIN accidents_accident a ON a.id = f.accident_id
        WHERE f.kind IN ('concealed', 'falsified')
          AND a.occurred_at >= %(start)s AND a.occurred_at < %(end)s""",
    "veto_overdue": """
        SELECT a.id, a.town_id, a.sector_id FROM accidents_accident a
        WHERE a.kind = 'accident' AND a.enterprise_id IS NOT NULL
          AND a.occurred_at >= %(start)s AND a.occurred_at < %(end)s
          AND EXISTS (SELECT 1 FROM hazards_hazard h WHERE h.enterprise_id = a.enterprise_id
              AND h.grade = 'major' AND h.found_on <= date(a.occurred_at, '+8 hours')
              AND h.deadline < date(a.occurred_at, '+8 hours')
              AND (h.closed_at IS NULL OR h.closed_at > a.occurred_at))""",
    "coverage": """SELECT department_id, sector_id FROM accounts_department_sectors""",
}


def _hand(params: dict) -> int:
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        for sql in HAND_SQL.values():
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def _stats(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(values) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    _configure()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from anjian.accounts.models import User
    from anjian.accounts.units import Unit
    from anjian.assessment import results
    from anjian.core.periods import Period

    print(f"data directory: {os.environ['ANJIAN_DATA_DIR']}", flush=True)
    _fill()
    admin = User.objects.get(username="bench_admin")
    client = Client()
    client.force_login(admin)
    start, end = Period(YEAR, "year").bounds()
    adapt = connection.ops.adapt_datetimefield_value
    params = {
        "start": adapt(start),
        "end": adapt(end),
        "first": f"{YEAR}-01-01",
        "last": f"{YEAR}-12-31",
        "today": "2025-11-18",
    }
    units = results.assessed_units(Unit.county())
    with CaptureQueriesContext(connection) as captured:
        rows = results.assess(units, YEAR)
    print(
        f"{len(rows)} units assessed; {len(captured)} queries; "
        f"{sum(r['vetoed'] for r in rows)} vetoed",
        flush=True,
    )

    def api():
        response = client.get("/api/v1/assessment/results/", {"year": YEAR})
        assert response.status_code == 200, response.status_code

    cases = {
        "API (full request)": api,
        "results.assess": lambda: results.assess(units, YEAR),
        "hand-written SQL": lambda: _hand(params),
    }
    for run in cases.values():  # warm up
        run()
    timings = {name: [] for name in cases}
    rng = random.Random(1)
    for _ in range(args.rounds):
        order = list(cases)
        rng.shuffle(order)
        for name in order:
            started = time.perf_counter()
            cases[name]()
            timings[name].append(time.perf_counter() - started)
    hand = statistics.median(timings["hand-written SQL"])
    for name, values in timings.items():
        print(f"{name:20s} {_stats(values)}   ×{statistics.median(values) / hand:5.2f} of hand SQL")


if __name__ == "__main__":
    main()
