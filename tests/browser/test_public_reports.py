"""12350 in a real browser against a real server: anyone files a report without logging in,
follows it by its code, and the unit reported on sees no trace of the reporter anywhere it can
look (its pages and its API)."""

from tests.support.personas import PASSWORD, USERNAMES

NAME, PHONE = "举报人张三", "13912345678"
HANDLE = """
import datetime as dt, json
from anjian.accounts.models import User
from anjian.core import clock
from anjian.public_reports import services
from anjian.public_reports.models import PublicReport
from anjian.registry.models import Enterprise

admin = User.objects.get(username="admin_p")
report = PublicReport.objects.get(tracking_code="%(code)s")
services.public_report_accept(actor=admin, report=report)
services.public_report_verify(actor=admin, report=report, finding="true")
hazard = services.public_report_make_hazard(
    actor=admin, report=report, description="危化品仓库超量储存",
    deadline=clock.today() + dt.timedelta(days=7),
    enterprise=Enterprise.objects.get(name="甲镇化工有限公司"))
print(json.dumps({"report": report.pk, "hazard": hazard.pk}))
"""


def test_a_report_filed_without_login_is_tracked_and_hidden_from_the_reported_unit(
    page, site, live_url, login_as
):
    page.goto(f"{live_url}/login/")
    page.click("#public-report")
    page.wait_for_selector("#report-form")
    assert page.locator("#whoami").count() == 0
    page.fill("#id_content", "仓库超量存放危化品，夜间无人值守。<script>alert(1)</script>")
    page.select_option("#id_town", str(site.pks["town_a"]))
    page.fill("#id_place", "甲镇工业园")
    page.fill("#id_enterprise_name", "甲镇化工有限公司")
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

    ids = site.shell(HANDLE % {"code": code})
    page.goto(f"{live_url}/report/track/?code={code.lower()}")
    assert page.inner_text("#track-status") == "已核查"

    login_as(page, USERNAMES["enterprise_user"], PASSWORD)
    page.goto(f"{live_url}/hazards/{ids['hazard']}/")  # it sees the hazard, not the report
    page.wait_for_selector("#description")
    assert NAME not in page.content() and PHONE not in page.content()
    statuses = {}
    for path in [
        "/",
        "/hazards/",
        f"/hazards/{ids['hazard']}/",
        "/notifications/",
        "/public_reports/",
        f"/public_reports/{ids['report']}/",
        f"/api/v1/hazards/{ids['hazard']}/",
        "/api/v1/hazards/",
        "/api/v1/public-reports/",
        f"/api/v1/public-reports/{ids['report']}/",
    ]:
        # Through the browser's own session; a 403 is fetched, not rendered, so Chromium
        # logs no console error for it.
        response = page.request.get(f"{live_url}{path}")
        body = response.text()
        statuses[path] = response.status
        assert NAME not in body and PHONE not in body and "139****5678" not in body, path
        assert "夜间无人值守" not in body, path
    assert statuses[f"/hazards/{ids['hazard']}/"] == 200
    assert statuses["/public_reports/"] == 403
    assert statuses[f"/public_reports/{ids['report']}/"] == 403
    assert statuses[f"/api/v1/public-reports/{ids['report']}/"] == 403
