"""An enterprise that a rainstorm warning reached through its stock opens the warning's page and
sees the 签收 button (its own recipient row is not a town's or a county's)."""

import pytest

from anjian.chemicals import services as chemicals
from anjian.core.actors import SYSTEM
from tests.chemicals.test_chemicals import _publish

pytestmark = pytest.mark.django_db


def test_an_enterprise_reached_by_its_stock_opens_the_warning(
    login, county_admin, enterprise_user, enterprise_a, town_b
):
    chemicals.stock_create(
        actor=SYSTEM,
        enterprise=enterprise_a,
        data={"name": "电石", "cas": "75-20-7", "max_stock_t": 50},
    )
    alert = _publish(county_admin, town_b)
    page = login(enterprise_user).get(alert.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="confirm"' in html and 'id="pass-on"' not in html
