"""The statistics page draws its charts with the bundled plotly.js under the strict CSP."""

from tests.support.personas import PASSWORD, USERNAMES

ACCIDENT = """
import datetime as dt, json
from django.utils import timezone
from anjian.accidents import services
from anjian.accounts.models import Sector, Town
from anjian.core.actors import SYSTEM
occurred = timezone.make_aware(dt.datetime(2024, 3, 5, 9, 0))
services.accident_report(actor=SYSTEM, data={
    "title": "甲镇国道事故", "occurred_at": occurred,
    "reported_at": occurred + dt.timedelta(minutes=20), "town": Town.objects.get(code="town_a"),
    "sector": Sector.objects.get(code="road_traffic"), "accident_type": "02", "deaths": 1})
print(1)
"""


def test_stats_page_draws_the_three_charts_offline(page, live_url, login_as, site):
    site.shell(ACCIDENT)
    login_as(page, USERNAMES["leader"], PASSWORD)
    page.goto(f"{live_url}/accidents/stats/?period=2024-03")
    for chart in ("#chart-trend", "#chart-sectors", "#chart-towns"):
        page.wait_for_selector(f"{chart} .main-svg")
    assert page.inner_text("#stats-current").split()[1] == "1"
    assert page.locator("#bulletin-docx").get_attribute("href").endswith("format=docx")
