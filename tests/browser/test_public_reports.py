"""12350 in a real browser: anyone files a report without logging in, follows it by its code,
and the unit reported on sees no trace of the reporter anywhere it can look."""

import datetime as dt

from django.utils import timezone

from anjian.public_reports import services
from anjian.public_reports.models import PublicReport
from tests.conftest import PASSWORD

NAME, PHONE = "举报人张三", "13912345678"


def test_a_report_filed_without_login_is_tracked_and_hidden_from_the_reported_unit(
        page, live_url, login_as, county_admin, enterprise_user, enterprise_a, town_a):
    page.goto(f"{live_url}/report/")
    assert page.locator("#whoami").count() == 0
    page.fill("#id_content", "仓库超量存放危化品，夜间无人值守。<script>alert(1)</script>")
    page.select_option("#id_town", str(town_a.pk))
    page.fill("#id_place", "甲镇工业园")
    page.fill("#id_enterprise_name", enterprise_a.name)
    page.fill("#id_contact_name", NAME)
    page.fill("#id_contact_phone", PHONE)
    page.wait_for_timeout(2500)  # the form's signed timestamp: a person takes a moment
    page.click("#send")
    code = page.inner_text("#tracking-code").strip()
    assert len(code) == 16
    page.click("#follow")
    page.wait_for_selector("#track-status")
    assert page.inner_text("#track-status") == "已收到"
    assert NAME not in page.content() and PHONE not in page.content()

    report = PublicReport.objects.get(tracking_code=code)
    services.public_report_accept(actor=county_admin, report=report)
    services.public_report_verify(actor=county_admin, report=report, finding="true")
    hazard = services.public_report_make_hazard(
        actor=county_admin, report=report, description="危化品仓库超量储存",
        deadline=timezone.localdate() + dt.timedelta(days=7), enterprise=enterprise_a)

    page.goto(f"{live_url}/report/track/?code={code.lower()}")
    assert page.inner_text("#track-status") == "已核查"

    login_as(page, enterprise_user.username, PASSWORD)
    page.goto(f"{live_url}/hazards/{hazard.pk}/")  # it sees the hazard, not the report
    page.wait_for_selector("#description")
    statuses = {}
    for path in ["/", "/hazards/", f"/hazards/{hazard.pk}/", "/notifications/",
                 "/public_reports/", f"/public_reports/{report.pk}/",
                 f"/api/v1/hazards/{hazard.pk}/", "/api/v1/hazards/", "/api/v1/public-reports/",
                 f"/api/v1/public-reports/{report.pk}/"]:
        # Through the browser's own session; a 403 page is fetched, not rendered, so
        # Chromium logs no console error for it.
        response = page.request.get(f"{live_url}{path}")
        body = response.text()
        statuses[path] = response.status
        assert NAME not in body and PHONE not in body and "139****5678" not in body, path
        assert "夜间无人值守" not in body, path
    assert statuses[f"/hazards/{hazard.pk}/"] == 200
    assert statuses["/public_reports/"] == 403
    assert statuses[f"/public_reports/{report.pk}/"] == 403
    assert statuses[f"/api/v1/public-reports/{report.pk}/"] == 403
