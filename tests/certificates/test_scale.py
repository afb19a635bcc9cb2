"""County scale (issue 12): 5,000 units with 3 plans each and 20,000 certificates. The two
overdue lists (emergency plans, certificates expiring) answer within 200 ms with the same number
of queries at 20 and at 5,000 units; the certificate sweep finishes within 10 s, reading in a
constant number of queries, and a second run sends nothing. Figures are printed (`-s`);
docs/benchmarks.md records them (and bench/foundations.py against hand-written SQL)."""

import time

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from anjian.accounts.models import Role, User
from anjian.certificates import sweep
from anjian.certificates.seed import seed_certificates
from anjian.core import clock
from tests.emergency.test_scale import _county
from tests.support.database import analyze

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _timed_get(user, url):
    """The view itself, timed as a server runs it: the test client's template instrumentation
    (a copy of every context, for `response.context`) would double the time of a page."""
    request = RequestFactory().get(url)
    request.user = user
    request.session = {}
    match = resolve(url.split("?")[0])
    match.func(request)  # warm (templates, translations)
    best = None
    for _round in range(5):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = match.func(request)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    assert response.status_code == 200
    return response, best, len(queries)


def _reads(captured) -> list[str]:
    """The reads, by their first word: a plain SELECT, or (PostgreSQL, `.iterator()`) a
    server-side cursor declared over one."""
    return [
        q["sql"].split()[0]
        for q in captured.captured_queries
        if q["sql"].lstrip().startswith(("SELECT", "DECLARE"))
    ]


def _slowest(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sorted(((q["time"], q["sql"][:400]) for q in queries.captured_queries), reverse=True)[:2]


def test_the_overdue_lists_and_the_certificate_sweep_at_county_scale(
    town_a, sectors, emergency_dept, login, county_admin, town_a_officer
):
    plans_url = reverse("emergency:overdue_list") + "?page=2"
    certs_url = reverse("certificates:expiring_list") + "?page=2"
    today = clock.today()
    few = _county(units=20, town=town_a, sectors=sectors, department=emergency_dept)
    seed_certificates(few, per_unit=4, today=today)
    _r, _t, plan_queries_few = _timed_get(town_a_officer, plans_url)
    _r, _t, cert_queries_few = _timed_get(town_a_officer, certs_url)
    with CaptureQueriesContext(connection) as sweep_few:
        sweep.run(now=clock.now())
    reads_few = _reads(sweep_few)

    many = _county(units=4980, town=town_a, sectors=sectors, department=emergency_dept, first=20)
    seed_certificates(many, per_unit=4, today=today, seed=1)
    User.objects.bulk_create(
        [User(username=f"u{e.pk}", role=Role.ENTERPRISE_USER, enterprise=e) for e in many[:2000]]
    )
    analyze()
    _r, plans_took, plan_queries = _timed_get(town_a_officer, plans_url)
    _r, certs_took, cert_queries = _timed_get(town_a_officer, certs_url)
    assert login(town_a_officer).get(plans_url).context["page"].paginator.count > 5_000
    assert login(town_a_officer).get(certs_url).context["page"].paginator.count > 3_000
    assert (plan_queries, cert_queries) == (plan_queries_few, cert_queries_few)
    assert plans_took < 0.2 and certs_took < 0.2

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as first:
        counts = sweep.run(now=clock.now())
    swept = time.perf_counter() - start
    reads = _reads(first)
    assert len(reads) == len(reads_few)  # no read per certificate or per unit
    assert sum(counts.values()) > 5_000
    assert swept < 10
    with CaptureQueriesContext(connection) as again:
        assert sum(sweep.run(now=clock.now()).values()) == 0
    assert _reads(again) == reads_few
    assert len(again) == len(reads_few)  # and nothing written
    print(
        f"\nemergency overdue list: {plans_took * 1000:.0f} ms, {plan_queries} queries; "
        f"certificates expiring list: {certs_took * 1000:.0f} ms, {cert_queries} queries; "
        f"certificate sweep: {swept:.1f} s for {sum(counts.values())} notifications, "
        f"{len(reads)} reads"
    )
