"""The demo's certificates (some expiring, some expired, some due for review) and its year's
fund with spending."""

import datetime as dt
import random

import pytest

from anjian.certificates.models import Certificate
from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import certificates as demo_certificates
from anjian.demo.data import funds as demo_funds
from anjian.funds.selectors import fund_list
from anjian.registry.models import Enterprise
from tests.conftest import make_enterprise

pytestmark = pytest.mark.django_db


def test_demo_certificates_and_fund(county_admin, town_a, sectors, emergency_dept, enterprise_a):
    for n in range(20):
        make_enterprise(
            name=f"示例企业{n}",
            n=100 + n,
            town=town_a,
            sector=sectors["hazardous_chemicals"],
            department=emergency_dept,
        )
    ctx = DemoContext(
        today=clock.today(),
        rng=random.Random(1),
        county=None,
        enterprises=list(Enterprise.objects.all()),
        admin=county_admin,
    )
    demo_certificates.load(ctx)
    demo_funds.load(ctx)
    today = clock.today()
    current = Certificate.objects.current()
    assert current.count() == 21 * 4
    assert current.expiring(on=today).exists()
    assert current.expired(on=today).exists()
    assert current.filter(review_on__lte=today + dt.timedelta(days=60)).exists()
    fund = fund_list(actor=county_admin).get()
    assert fund.year == today.year and fund.spent > 0 and fund.balance < fund.amount
