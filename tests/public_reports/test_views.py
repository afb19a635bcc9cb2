"""The 12350 pages: the public's form and tracking without login; the handling pages."""

import time

import pytest
from django.core import signing

from anjian.core.models import AuditEntry
from anjian.public_reports import services
from anjian.public_reports.forms import SALT
from anjian.public_reports.models import PublicReport

pytestmark = pytest.mark.django_db


def _form(town, **changes):
    return {
        "content": "安全出口被堵",
        "town": town.pk,
        "place": "集贸市场",
        "enterprise_name": "",
        "contact_name": "李女士",
        "contact_phone": "13800002222",
        "issued": signing.dumps(int(time.time()) - 30, salt=SALT),
        "website": "",
        **changes,
    }


def test_the_public_page_opens_without_login(client):
    response = client.get("/report/")
    assert response.status_code == 200
    assert 'name="issued"' in response.content.decode()


def test_a_report_filed_on_the_page_shows_its_tracking_code(client, town_a):
    response = client.post("/report/", _form(town_a))
    assert response.status_code == 200
    report = PublicReport.objects.get()
    assert report.tracking_code in response.content.decode()
    assert report.contact_phone == "13800002222"


def test_an_anonymous_report_on_the_page_drops_the_contact(client, town_a):
    client.post("/report/", _form(town_a, anonymous="on"))
    report = PublicReport.objects.get()
    assert report.anonymous and report.contact_name == "" and report.contact_phone == ""


@pytest.mark.parametrize(
    "changes",
    [
        {"website": "http://spam.example"},  # the honeypot
        {"issued": "ISSUED_IN_100_S"},  # faster than a person (signed when the test runs)
        {"issued": "forged"},
        {"content": "x" * 2001},
        {"content": "bad\x07bell"},
    ],
)
def test_robots_and_oversized_or_hostile_input_are_refused_on_the_page(client, town_a, changes):
    if changes.get("issued") == "ISSUED_IN_100_S":
        changes = {"issued": signing.dumps(int(time.time()) + 100, salt=SALT)}
    response = client.post("/report/", _form(town_a, **changes))
    assert response.status_code == 200
    assert not PublicReport.objects.exists()


def test_the_page_is_throttled_per_address(client, town_a, settings):
    settings.PUBLIC_REPORT_RATES = {"public_report": "1/hour"}
    assert client.post("/report/", _form(town_a)).status_code == 200
    response = client.post("/report/", _form(town_a))
    assert response.status_code == 429 and response["Retry-After"]
    assert PublicReport.objects.count() == 1


def test_script_is_shown_escaped_on_the_tracking_and_officer_pages(
    client, town_a, county_admin, filed
):
    report = filed(content="<script>alert(1)</script>", place="<b>bold</b>")
    services.public_report_reject(
        actor=county_admin, report=report, reason="<script>alert(2)</script>"
    )
    track = client.get(f"/report/track/?code={report.tracking_code}").content.decode()
    assert "<script>alert(2)" not in track and "&lt;script&gt;alert(2)" in track
    client.force_login(county_admin)
    page = client.get(f"/public_reports/{report.pk}/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<b>bold</b>" not in page


def test_tracking_page_shows_no_reporter_and_no_handling_unit(client, filed, county_admin, town_a):
    report = filed()
    services.public_report_transfer(actor=county_admin, report=report, to=town_a.code)
    page = client.get(f"/report/track/?code={report.tracking_code}").content.decode()
    assert 'id="track-status"' in page
    for secret in ("13900001111", "王先生", town_a.name):
        assert secret not in page.split('id="track-result"')[1]


def test_an_unknown_code_says_so(client):
    page = client.get("/report/track/?code=NOPE").content.decode()
    assert "field-error" in page


def test_the_handling_pages_need_a_login(client, filed):
    report = filed()
    assert client.get("/public_reports/").status_code == 302
    assert client.get(f"/public_reports/{report.pk}/").status_code == 302


@pytest.mark.parametrize("persona", ["enterprise_user", "leader"])
def test_the_enterprise_and_the_leader_get_403(client, filed, persona, request):
    report = filed()
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/public_reports/").status_code == 403
    assert client.get(f"/public_reports/{report.pk}/").status_code == 403
    assert client.post(f"/public_reports/{report.pk}/accept/").status_code == 403


def test_town_b_officer_gets_404_for_a_report_with_town_a(
    client, filed, county_admin, town_a, town_b_officer
):
    report = filed()
    services.public_report_transfer(actor=county_admin, report=report, to=town_a.code)
    client.force_login(town_b_officer)
    assert client.get(f"/public_reports/{report.pk}/").status_code == 404
    assert client.post(f"/public_reports/{report.pk}/accept/").status_code == 404


def test_the_county_admin_sees_the_reporter_and_the_view_is_audited(client, filed, county_admin):
    report = filed()
    client.force_login(county_admin)
    page = client.get(f"/public_reports/{report.pk}/").content.decode()
    assert "13900001111" in page
    assert AuditEntry.objects.filter(action="public_report.reporter_view").count() == 1
    listing = client.get("/public_reports/").content.decode()
    assert "13900001111" not in listing and 'id="report-stats"' in listing


def test_actions_on_the_page_and_a_wrong_state_is_a_message(client, filed, county_admin):
    report = filed()
    client.force_login(county_admin)
    response = client.post(
        f"/public_reports/{report.pk}/accept/", {"accept-sector": "fire"}, follow=True
    )
    assert PublicReport.objects.get(pk=report.pk).status == "accepted"
    response = client.post(
        f"/public_reports/{report.pk}/close/", {"close-result": "x"}, follow=True
    )
    assert PublicReport.objects.get(pk=report.pk).status == "accepted"
    assert "alert-danger" in response.content.decode() or "error" in response.content.decode()
    client.post(f"/public_reports/{report.pk}/verify/", {"verify-finding": "true"})
    client.post(
        f"/public_reports/{report.pk}/reward/",
        {"reward-basis": "concealed_deaths", "reward-deaths": "2", "reward-grade": "large"},
    )
    assert PublicReport.objects.get(pk=report.pk).reward_amount == 80000


def test_an_unknown_action_is_404(client, filed, county_admin):
    report = filed()
    client.force_login(county_admin)
    assert client.post(f"/public_reports/{report.pk}/explode/").status_code == 404


def test_the_page_turns_a_confirmed_report_into_a_hazard_of_the_enterprise(
    client, filed, county_admin, enterprise_a
):
    from anjian.core import clock

    report = filed()
    services.public_report_accept(actor=county_admin, report=report)
    services.public_report_verify(actor=county_admin, report=report, finding="true")
    client.force_login(county_admin)
    assert enterprise_a.name in client.get(f"/public_reports/{report.pk}/").content.decode()
    client.post(
        f"/public_reports/{report.pk}/hazard/",
        {
            "hazard-description": "防护罩缺失",
            "hazard-enterprise": enterprise_a.pk,
            "hazard-deadline": clock.today().isoformat(),
        },
    )
    hazard = PublicReport.objects.get(pk=report.pk).hazard
    assert hazard.enterprise == enterprise_a and hazard.source == "public_report"
    page = client.get(f"/public_reports/{report.pk}/").content.decode()
    assert hazard.get_absolute_url() in page
