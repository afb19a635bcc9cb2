"""public-reports/ (contract v2): the public's POST and tracking, the handling actions."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard
from anjian.public_reports import services
from anjian.public_reports.models import PublicReport

pytestmark = pytest.mark.django_db
URL = "/api/v1/public-reports/"


def test_anyone_files_a_report_without_login_and_gets_an_unguessable_code(report_data, api_as):
    response = api_as(None).post(URL, report_data, format="json")
    assert response.status_code == 201
    assert set(response.json()) == {"tracking_code"}
    code = response.json()["tracking_code"]
    assert len(code) == 16 and code.isalnum()
    other = api_as(None).post(URL, report_data, format="json").json()["tracking_code"]
    assert other != code


def test_tracking_shows_status_received_at_and_result_and_nothing_else(filed, api_as):
    report = filed()
    body = api_as(None).get(f"{URL}track/{report.tracking_code}/").json()
    assert set(body) == {"status", "received_at", "result"}
    assert body["status"] == "received"
    assert "13900001111" not in str(body) and "王先生" not in str(body)


def test_tracking_an_unknown_code_is_404(api_as):
    assert api_as(None).get(f"{URL}track/ABCDEFGHJKLMNPQR/").status_code == 404


def test_an_anonymous_report_stores_no_contact(filed):
    report = filed(anonymous=True)
    assert report.contact_name == "" and report.contact_phone == ""


def test_a_named_report_needs_a_phone(report_data, api_as):
    response = api_as(None).post(URL, {**report_data, "contact_phone": ""}, format="json")
    assert response.status_code == 400 and "contact_phone" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("content", "x" * 2001),
        ("place", "x" * 201),
        ("enterprise_name", "x" * 201),
        ("contact_name", "x" * 51),
        ("contact_phone", "1" * 31),
        ("contact_phone", "call me"),
        ("content", "bad\x00byte"),
        ("place", "tab\x1bhere"),
        ("town", "nowhere"),
        ("content", ""),
    ],
)
def test_oversized_or_hostile_input_is_a_400_naming_the_field(report_data, api_as, field, value):
    response = api_as(None).post(URL, {**report_data, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not PublicReport.objects.exists()


def test_filing_is_throttled_per_address_with_a_json_429(report_data, api_as, settings):
    settings.PUBLIC_REPORT_RATES = {"public_report": "2/hour"}
    client = api_as(None)
    assert [client.post(URL, report_data, format="json").status_code for _i in range(2)] == [
        201,
        201,
    ]
    response = client.post(URL, report_data, format="json")
    assert response.status_code == 429 and "detail" in response.json()
    other = client.post(URL, report_data, format="json", REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 201


def test_tracking_is_throttled_too(filed, api_as, settings):
    settings.PUBLIC_REPORT_RATES = {"public_report_track": "1/hour"}
    code = filed().tracking_code
    client = api_as(None)
    assert client.get(f"{URL}track/{code}/").status_code == 200
    assert client.get(f"{URL}track/{code}/").status_code == 429


def test_only_filing_and_tracking_are_open_to_anonymous_callers(api_as, filed):
    report = filed()
    anonymous = api_as(None)
    assert anonymous.get(URL).status_code == 401
    assert anonymous.get(f"{URL}{report.pk}/").status_code == 401
    for action in ("accept", "reject", "transfer", "extend", "verify", "reward", "hazard", "close"):
        assert anonymous.post(f"{URL}{report.pk}/{action}/", {}).status_code == 401, action


@pytest.mark.parametrize("persona", ["enterprise_user", "leader"])
def test_the_enterprise_and_the_leader_cannot_read_reports(filed, api_as, persona, request):
    report = filed()
    user = request.getfixturevalue(persona)
    assert api_as(user).get(URL).status_code == 403
    assert api_as(user).get(f"{URL}{report.pk}/").status_code == 403
    assert api_as(user).post(f"{URL}{report.pk}/accept/", {}).status_code == 403


def test_the_county_admin_reads_the_reporter_and_the_view_is_audited(filed, api_as, county_admin):
    report = filed()
    body = api_as(county_admin).get(f"{URL}{report.pk}/").json()
    assert body["contact_phone"] == "13900001111" and body["contact_name"] == "王先生"
    entry = AuditEntry.objects.get(action="public_report.reporter_view")
    assert entry.object_id == str(report.pk) and entry.username == county_admin.username
    assert "13900001111" not in str(entry.changes)


def test_the_list_never_carries_the_reporter(filed, api_as, county_admin):
    filed()
    row = api_as(county_admin).get(URL).json()["results"][0]
    assert "contact_phone" not in row and "contact_name" not in row


def test_the_audit_of_a_filing_keeps_no_contact(filed):
    report = filed()
    entry = AuditEntry.objects.get(model="publicreport", object_id=str(report.pk))
    assert "13900001111" not in str(entry.changes) and "王先生" not in str(entry.changes)


def test_a_transferred_report_is_seen_by_its_town_and_not_by_another(
    filed, api_as, county_admin, town_a_officer, town_b_officer, town_a
):
    report = filed()
    assert api_as(town_a_officer).get(f"{URL}{report.pk}/").status_code == 404
    response = api_as(county_admin).post(f"{URL}{report.pk}/transfer/", {"to": town_a.code})
    assert response.status_code == 200 and response.json()["handler"] == town_a.code
    assert api_as(town_a_officer).get(f"{URL}{report.pk}/").json()["contact_phone"]
    assert api_as(town_a_officer).get(URL).json()["count"] == 1
    assert api_as(town_b_officer).get(f"{URL}{report.pk}/").status_code == 404
    assert api_as(town_b_officer).get(URL).json()["count"] == 0
    assert api_as(town_b_officer).post(f"{URL}{report.pk}/accept/", {}).status_code == 404


def test_transfer_to_an_unknown_unit_is_a_400_naming_to(filed, api_as, county_admin):
    report = filed()
    response = api_as(county_admin).post(f"{URL}{report.pk}/transfer/", {"to": "nowhere"})
    assert response.status_code == 400 and "to" in response.json()


def test_the_whole_flow_accept_verify_reward_close(filed, api_as, county_admin):
    report = filed()
    api = api_as(county_admin)
    body = api.post(f"{URL}{report.pk}/accept/", {"sector": "fire"}).json()
    assert body["status"] == "accepted" and body["verify_due"] and body["overdue"] is False
    assert api.post(f"{URL}{report.pk}/extend/", {"reason": "需现场检测"}).json()["extended"]
    assert api.post(f"{URL}{report.pk}/extend/", {"reason": "again"}).status_code == 409
    body = api.post(f"{URL}{report.pk}/verify/", {"finding": "true", "note": "属实"}).json()
    assert body["status"] == "verified" and body["feedback_due"]
    reward = api.post(
        f"{URL}{report.pk}/reward/", {"basis": "fine", "fine": "50000"}, format="json"
    )
    assert reward.json() == {"amount": "7500.00"}
    closed = api.post(f"{URL}{report.pk}/close/", {"result": "已查处并奖励"}).json()
    assert closed["status"] == "closed"
    track = api_as(None).get(f"{URL}track/{report.tracking_code}/").json()
    assert track["status"] == "closed" and track["result"] == "已查处并奖励"
    actions = list(
        AuditEntry.objects.filter(object_id=str(report.pk), model="publicreport").values_list(
            "action", flat=True
        )
    )
    for code in ("accept", "extend", "verify", "reward", "close"):
        assert f"public_report.{code}" in actions


@pytest.mark.parametrize(
    ("setup", "action", "payload"),
    [
        ([], "verify", {"finding": "true"}),
        ([], "close", {"result": "x"}),
        ([], "reward", {"basis": "fine", "fine": "1"}),
        (["accept"], "accept", {}),
        (["accept"], "reject", {"reason": "x"}),
        (["reject"], "accept", {}),
        (["reject"], "transfer", {"to": "town_a"}),
        (["accept", "verify"], "extend", {"reason": "x"}),
        (["accept", "verify", "close"], "reward", {"basis": "fine", "fine": "1"}),
    ],
)
def test_a_step_from_the_wrong_state_is_a_409(
    filed, api_as, county_admin, setup, action, payload, town_a
):
    report = filed()
    api = api_as(county_admin)
    steps = {
        "accept": {},
        "reject": {"reason": "不属于安全生产"},
        "verify": {"finding": "true"},
        "close": {"result": "done"},
    }
    for step in setup:
        assert api.post(f"{URL}{report.pk}/{step}/", steps[step]).status_code == 200
    response = api.post(f"{URL}{report.pk}/{action}/", payload, format="json")
    assert response.status_code == 409, response.content
    after = {"accept": "accepted", "reject": "rejected", "verify": "verified", "close": "closed"}
    expected = after[setup[-1]] if setup else "received"
    assert PublicReport.objects.get(pk=report.pk).status == expected


def test_an_untrue_report_earns_no_reward(filed, api_as, county_admin):
    report = filed()
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "false"})
    response = api.post(f"{URL}{report.pk}/reward/", {"basis": "fine", "fine": "50000"})
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"basis": "fine"}, "fine"),
        ({"basis": "concealed_deaths", "grade": "large"}, "deaths"),
        ({"basis": "concealed_deaths", "deaths": 2}, "grade"),
        ({"basis": "concealed_deaths", "deaths": 2, "grade": "huge"}, "grade"),
        ({"basis": "lottery"}, "basis"),
    ],
)
def test_a_reward_with_missing_figures_is_a_400_naming_the_field(
    filed, api_as, county_admin, payload, field
):
    report = filed()
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "true"})
    response = api.post(f"{URL}{report.pk}/reward/", payload, format="json")
    assert response.status_code == 400 and field in response.json()


def test_a_reward_for_concealed_deaths(filed, api_as, county_admin):
    report = filed()
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "partly"})
    response = api.post(
        f"{URL}{report.pk}/reward/",
        {"basis": "concealed_deaths", "deaths": 2, "grade": "large"},
        format="json",
    )
    assert response.json() == {"amount": "80000.00"}


def test_a_confirmed_report_becomes_a_hazard_without_the_reporter(
    filed, api_as, county_admin, enterprise_a, enterprise_user
):
    report = filed()
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "true"})
    deadline = (clock.today() + dt.timedelta(days=10)).isoformat()
    response = api.post(
        f"{URL}{report.pk}/hazard/",
        {"description": "破碎机防护罩缺失", "deadline": deadline, "enterprise": enterprise_a.pk},
    )
    assert response.status_code == 201
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.source == "public_report" and hazard.enterprise == enterprise_a
    assert PublicReport.objects.get(pk=report.pk).hazard == hazard
    again = api.post(
        f"{URL}{report.pk}/hazard/",
        {"description": "x", "deadline": deadline, "enterprise": enterprise_a.pk},
    )
    assert again.status_code == 409
    seen = api_as(enterprise_user).get(f"/api/v1/hazards/{hazard.pk}/")
    assert seen.status_code == 200
    assert "13900001111" not in seen.content.decode() and "王先生" not in seen.content.decode()
    assert report.content not in seen.content.decode()


def test_a_public_place_hazard_takes_the_town_and_place(filed, api_as, county_admin, town_a):
    report = filed(enterprise_name="")
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {"sector": "fire"})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "true"})
    response = api.post(
        f"{URL}{report.pk}/hazard/",
        {
            "description": "安全出口堵塞",
            "deadline": (clock.today() + dt.timedelta(days=5)).isoformat(),
        },
    )
    hazard = Hazard.objects.get(pk=response.json()["hazard"])
    assert hazard.enterprise is None and hazard.town == town_a and hazard.location == "东街"


def test_an_untrue_report_does_not_become_a_hazard(filed, api_as, county_admin):
    report = filed()
    api = api_as(county_admin)
    api.post(f"{URL}{report.pk}/accept/", {})
    api.post(f"{URL}{report.pk}/verify/", {"finding": "false"})
    response = api.post(
        f"{URL}{report.pk}/hazard/",
        {"description": "x", "deadline": "2030-01-01", "sector": "fire"},
    )
    assert response.status_code == 409


def test_the_overdue_sweep_reminds_once_per_report_and_period(
    filed, county_admin, town_a_officer, town_a
):
    from anjian.notifications.models import Notification
    from anjian.public_reports import sweep

    report = filed()
    services.public_report_accept(actor=county_admin, report=report)
    services.public_report_transfer(actor=county_admin, report=report, to=town_a.code)
    report.refresh_from_db()
    later = report.verify_due + dt.timedelta(days=1)
    now = dt.datetime.combine(later, dt.time(9), tzinfo=dt.UTC)
    assert PublicReport.objects.get(pk=report.pk).overdue is False
    first = sweep.run(now=now)["public_report_overdue"]
    assert first == 2  # the county admin and the town officer
    assert sweep.run(now=now)["public_report_overdue"] == 0
    assert (
        Notification.objects.filter(recipient=town_a_officer, kind="public_report.overdue").count()
        == 1
    )
    assert sweep.run(now=now - dt.timedelta(days=2))["public_report_overdue"] == 0


def test_statistics_by_town_and_sector(filed, county_admin, town_a):
    from anjian.public_reports.selectors import public_report_stats

    one, two = filed(), filed(anonymous=True)
    one = services.public_report_accept(actor=county_admin, report=one, sector="fire")
    services.public_report_verify(actor=county_admin, report=one, finding="true")
    services.public_report_reward(actor=county_admin, report=one, basis="fine", fine=50000)
    by_town = public_report_stats(actor=county_admin, by="town")
    assert [(s.key, s.received, s.accepted, s.verified_true, s.rewards) for s in by_town] == [
        (town_a.code, 2, 1, 1, Decimal("7500.00"))
    ]
    by_sector = {s.key: s.received for s in public_report_stats(actor=county_admin, by="sector")}
    assert by_sector == {"": 1, "fire": 1}
    assert two.pk
    PublicReport.objects.filter(pk=one.pk).update(
        verified_at=one.accepted_at + dt.timedelta(days=12, hours=12)
    )
    assert public_report_stats(actor=county_admin, by="town")[0].verify_days == 12.5


def test_the_department_it_is_transferred_to_handles_it(
    filed, api_as, county_admin, traffic_officer, traffic_dept
):
    report = filed()
    api_as(county_admin).post(f"{URL}{report.pk}/transfer/", {"to": traffic_dept.code})
    api = api_as(traffic_officer)
    assert api.post(f"{URL}{report.pk}/accept/", {"sector": "road_traffic"}).status_code == 200
    assert api.post(f"{URL}{report.pk}/verify/", {"finding": "partly"}).status_code == 200
    assert api.get(f"{URL}{report.pk}/").json()["finding"] == "partly"
    # Once verified, the report stays with the unit that verified it.
    assert api.post(f"{URL}{report.pk}/transfer/", {"to": "town_a"}).status_code == 409
