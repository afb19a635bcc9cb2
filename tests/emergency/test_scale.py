"""County scale (issue 12): 5,000 units with 3 plans each. The overdue list runs the same few
queries on any page; the sweep reads in a constant number of queries (only its notifications
add inserts), and a second run sends nothing at the same constant cost. Timings are printed
(`-s`); docs/emergency.md records the figures."""

import datetime as dt
import random
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anjian.accounts.models import Role, User
from anjian.core import clock
from anjian.emergency import sweep
from anjian.emergency.models import EmergencyPlan
from anjian.registry.models import Enterprise
from tests.conftest import make_credit_code

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _county(*, units: int, town, sectors, department, first: int = 0) -> list[Enterprise]:
    rng = random.Random(first)
    codes = list(sectors.values())
    enterprises = Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=f"企业{n}",
                credit_code=make_credit_code(1000 + n),
                town=town,
                sector=rng.choice(codes),
                department=department,
            )
            for n in range(first, first + units)
        ]
    )
    today = clock.today()
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
        ]
    )
    return enterprises


def test_the_overdue_list_and_the_sweep_at_county_scale(
    town_a, sectors, emergency_dept, login, town_a_officer
):
    client = login(town_a_officer)
    url = reverse("emergency:overdue_list")
    enterprises = _county(units=20, town=town_a, sectors=sectors, department=emergency_dept)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    enterprises += _county(
        units=4980, town=town_a, sectors=sectors, department=emergency_dept, first=20
    )
    User.objects.bulk_create(
        [
            User(username=f"u{e.pk}", role=Role.ENTERPRISE_USER, enterprise=e)
            for e in enterprises[:2000]
        ]
    )
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as full:
        response = client.get(f"{url}?page=50")
    listed = time.perf_counter() - start
    assert len(full) == len(few)
    assert response.context["page"].paginator.count > 10_000

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as first:
        counts = sweep.run(now=clock.now())
    swept = time.perf_counter() - start
    created = counts["drill_due"] + counts["evaluation_due"]
    assert created > 1000
    reads = [q for q in first.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    assert len(reads) < 20  # no read per plan or per unit
    with CaptureQueriesContext(connection) as again:
        assert sweep.run(now=clock.now()) == {"drill_due": 0, "evaluation_due": 0}
    assert len(again) < 20
    print(
        f"overdue list page 50: {listed * 1000:.0f} ms, {len(full)} queries; "
        f"sweep: {swept:.1f} s for {created} notifications"
    )
    assert swept < 30  # 10 s on a quiet machine; generous for a shared CI box
