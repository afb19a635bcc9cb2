"""The demo county's key-sector registers open on their pages for every demo login: water-reactive
stores on the chemicals list, the two dangerous road sections, the crowded places."""

import pytest
from django.urls import reverse

from anjian.accounts.models import User
from anjian.chemicals.models import ChemicalStock
from anjian.crowded.models import CrowdedPlace
from anjian.demo import loader
from anjian.roads.models import RoadSection


@pytest.fixture
def demo(db):
    loader.load()
    return User.objects.filter(is_active=True)


@pytest.mark.slow
def test_every_demo_login_opens_the_key_sector_pages_without_an_error(client, demo):
    admin = demo.get(username="county_admin")
    client.force_login(admin)
    chemicals = client.get(reverse("chemicals:stock_list")).content.decode()
    assert "遇水反应" in chemicals
    roads = client.get(reverse("roads:section_list")).content.decode()
    assert roads.split('id="section-table"')[1].count("<tr>") >= 3  # header + 2 sections
    stock, section, place = (
        ChemicalStock.objects.first(),
        RoadSection.objects.first(),
        CrowdedPlace.objects.first(),
    )
    paths = [
        reverse("chemicals:stock_list"),
        reverse("chemicals:weather_reach"),
        reverse("chemicals:enterprise_stock", args=[stock.enterprise_id]),
        reverse("roads:section_list"),
        section.get_absolute_url(),
        reverse("crowded:place_list"),
        place.get_absolute_url(),
    ]
    for user in demo:
        client.force_login(user)
        for path in paths:
            status = client.get(path).status_code
            assert status in (200, 403, 404), (user.username, path, status)
