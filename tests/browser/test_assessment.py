"""In a real browser on a real server: the county admin opens the year's results (the score
chart drawn by the bundled plotly), publishes them, and the town A officer then sees the
published ranking and its own breakdown, with a link from a score to its records."""

from anjian.core import clock
from tests.support.personas import PASSWORD, USERNAMES

RECORDS = """
import json
from anjian.accounts.models import User
from anjian.accounts.units import Unit
from anjian.accounts.models import Town
from anjian.assessment import scoring_services
admin = User.objects.get(username="admin_p")
scoring_services.target_set(actor=admin, year=2025, unit=Unit.of_town(Town.objects.get(code="town_a")),
    max_accidents=2, max_deaths=1)
print(json.dumps(True))
"""
PUBLISHED = """
import json
from anjian.assessment.models import AssessmentPublication
from anjian.core.models import AuditEntry
print(json.dumps([AssessmentPublication.objects.filter(year=2025).count(),
                  AuditEntry.objects.filter(action="assessment.publish").count()]))
"""


def test_the_county_admin_publishes_and_a_town_officer_sees_its_breakdown(
    page, live_url, login_as, site
):
    year = clock.today().year
    site.shell(RECORDS)
    login_as(page, USERNAMES["county_admin"], PASSWORD)
    page.goto(f"{live_url}/assessment/results/?year={year}")
    page.wait_for_selector("#chart-scores .main-svg")  # plotly drew the bars
    # The personas' county admin is the whole installation: towns A, B and C, two departments.
    assert page.locator("#results tbody tr").count() == 5
    assert page.locator("#live").count() == 1
    page.click("#publish")
    page.wait_for_selector("#published")
    assert site.shell(PUBLISHED) == [1, 1]

    page.context.clear_cookies()
    login_as(page, USERNAMES["town_a_officer"], PASSWORD)
    page.goto(f"{live_url}/assessment/results/?year={year}")
    page.wait_for_selector("#published")
    assert page.locator("#publish").count() == 0
    # The personas' county admin is the whole installation: towns A, B and C, two departments.
    assert page.locator("#results tbody tr").count() == 5  # the whole ranking
    page.click(".unit-town-town_a a.breakdown")
    page.wait_for_selector("#items")
    assert "隐患整改率" in page.locator("#items").inner_text()
    assert "事故不超过2起" in page.locator("#item-accident_control").inner_text()
    page.click("#item-hazard_closure_rate a")
    page.wait_for_url("**/hazards/?town=town_a&found=2025")
