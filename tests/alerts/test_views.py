"""Warning pages: allowed, forbidden (403) and outsider (404) for each persona."""

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.alerts.models import Alert, AlertRecipient

pytestmark = pytest.mark.django_db


def _get(login, user, name, *args):
    return login(user).get(reverse(name, args=args))


@pytest.mark.parametrize(
    "persona,sees",
    [
        ("county_admin", True),
        ("leader", True),
        ("town_a_officer", True),
        ("traffic_officer", True),
        ("enterprise_user", True),
        ("town_b_officer", False),
    ],
)
def test_warning_list_shows_what_the_unit_received(persona, sees, request, login, alert):
    response = _get(login, request.getfixturevalue(persona), "alerts:alert_list")
    assert response.status_code == 200
    html = response.content.decode()
    assert ("寒潮蓝色预警" in html) == sees


def test_list_shows_confirmation_progress_and_the_units_own_status(
    login, alert, town_a_officer, traffic_officer
):
    from anjian.alerts import services

    services.alert_confirm(actor=traffic_officer, alert=alert)
    html = _get(login, town_a_officer, "alerts:alert_list").content.decode()
    assert "1/2" in html
    assert "待签收" in html


def test_detail_lists_confirmed_and_unconfirmed_units_with_time_and_person(
    login, alert, traffic_officer, county_admin
):
    from anjian.alerts import services

    services.alert_confirm(actor=traffic_officer, alert=alert)
    response = _get(login, county_admin, "alerts:alert_detail", alert.pk)
    html = response.content.decode()
    confirmed = html[html.index('id="confirmed"') :]
    unconfirmed = html[html.index('id="unconfirmed"') : html.index('id="confirmed"')]
    assert "县交通运输局" in confirmed and traffic_officer.username in confirmed
    assert "甲镇" in unconfirmed
    assert 'id="confirm"' not in html  # the county admin does not confirm


def test_recipient_officer_sees_the_confirm_button_and_confirms(login, alert, town_a_officer):
    client = login(town_a_officer)
    html = client.get(reverse("alerts:alert_detail", args=[alert.pk])).content.decode()
    assert 'id="confirm"' in html and "签收" in html
    response = client.post(reverse("alerts:alert_confirm", args=[alert.pk]))
    assert response.status_code == 302
    assert (
        AlertRecipient.objects.get(alert=alert, town__code="town_a").confirmed_by == town_a_officer
    )
    html = client.get(reverse("alerts:alert_detail", args=[alert.pk])).content.decode()
    assert 'id="confirm"' not in html and 'id="own-status"' in html


@pytest.mark.parametrize(
    "persona,status",
    [
        ("enterprise_user", 403),
        ("leader", 403),
        ("county_admin", 403),
        ("town_b_officer", 404),
    ],
)
def test_confirm_page_refuses_non_recipients(persona, status, request, login, alert):
    user = request.getfixturevalue(persona)
    response = login(user).post(reverse("alerts:alert_confirm", args=[alert.pk]))
    assert response.status_code == status


def test_enterprise_user_reads_but_has_no_confirm_button(login, alert, enterprise_user):
    response = _get(login, enterprise_user, "alerts:alert_detail", alert.pk)
    assert response.status_code == 200 and 'id="confirm"' not in response.content.decode()


def test_outsider_gets_404_on_the_detail(login, alert, town_b_officer):
    assert _get(login, town_b_officer, "alerts:alert_detail", alert.pk).status_code == 404


def test_county_admin_publishes_to_all_towns_through_the_form(
    login, county_admin, town_a, town_b, traffic_dept
):
    client = login(county_admin)
    assert client.get(reverse("alerts:alert_create")).status_code == 200
    response = client.post(
        reverse("alerts:alert_create"),
        {
            "title": "元旦期间安全防范工作预警",
            "level": "orange",
            "kind": "holiday",
            "content": "严格落实领导带班和24小时值班制度。",
            "valid_from": "2024-12-30T08:00",
            "valid_to": "2025-01-02T18:00",
            "all_towns": "on",
            "departments": [traffic_dept.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    alert = Alert.objects.get()
    assert sorted(alert.recipient_codes) == ["town_a", "town_b", "transport"]
    assert timezone.localtime(alert.valid_from).hour == 8  # read as Asia/Shanghai


def test_the_form_without_recipients_shows_a_chinese_error(login, county_admin, town_a):
    response = login(county_admin).post(
        reverse("alerts:alert_create"),
        {
            "title": "预警",
            "level": "blue",
            "kind": "other",
            "content": "内容",
            "valid_from": "2024-12-30T08:00",
            "valid_to": "2024-12-31T08:00",
        },
    )
    assert response.status_code == 200
    assert "请至少选择一个镇或部门" in response.content.decode()
    assert not Alert.objects.exists()


@pytest.mark.parametrize("persona", ["leader", "town_a_officer", "enterprise_user"])
def test_others_cannot_open_the_publish_form(persona, request, login):
    response = _get(login, request.getfixturevalue(persona), "alerts:alert_create")
    assert response.status_code == 403


def test_deadlines_page_for_the_county_admin_only(login, county_admin, leader):
    client = login(county_admin)
    assert client.get(reverse("alerts:policy_edit")).status_code == 200
    response = client.post(
        reverse("alerts:policy_edit"), {"remind_after_minutes": 60, "escalate_after_minutes": 600}
    )
    assert response.status_code == 302
    assert _get(login, leader, "alerts:policy_edit").status_code == 403


def test_list_query_count_is_flat(
    login, county_admin, publish, town_a, town_b, traffic_dept, django_assert_max_num_queries
):
    for i in range(15):
        publish(towns=[town_a, town_b], departments=[traffic_dept], title=f"预警{i}")
    client = login(county_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("alerts:alert_list"))
    assert response.status_code == 200


def test_detail_query_count_is_flat(
    login, county_admin, publish, town_a, town_b, traffic_dept, django_assert_max_num_queries
):
    alert = publish(towns=[town_a, town_b], departments=[traffic_dept])
    client = login(county_admin)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("alerts:alert_detail", args=[alert.pk])).status_code == 200


@pytest.mark.parametrize(
    "query",
    ["town=town_a", "town=town_b", "department=transport", "town=town_b&level=red", "q=暴雨"],
)
def test_the_warning_list_and_the_api_give_the_same_rows(
    query, publish, town_a, town_b, traffic_dept, login, api_as, county_admin
):
    publish(towns=[town_a], departments=[traffic_dept], title="暴雨预警")
    publish(towns=[town_b], title="大风预警", level="red")
    api = sorted(
        r["id"] for r in api_as(county_admin).get(f"/api/v1/warnings/?{query}").json()["results"]
    )
    page = login(county_admin).get(reverse("alerts:alert_list") + f"?{query}")
    assert sorted(a.pk for a in page.context["page"]) == api


def test_a_county_admins_all_towns_are_its_own_county_only(login, county_x_admin, region):
    client = login(county_x_admin)
    form = client.get(reverse("alerts:alert_create")).content.decode()
    assert "甲镇" in form and "丙镇" not in form
    response = client.post(
        reverse("alerts:alert_create"),
        {
            "title": "强降雨预警",
            "level": "yellow",
            "kind": "weather",
            "content": "加强巡查。",
            "valid_from": "2025-06-18T08:00",
            "valid_to": "2025-06-19T18:00",
            "all_towns": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert sorted(Alert.objects.get().recipient_codes) == ["town_a", "town_b"]
