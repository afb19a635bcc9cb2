"""warnings/ and warnings/{id}/confirm/ exactly as the contract names them."""

import pytest

from anjian.alerts.models import Alert, AlertRecipient
from anjian.core.models import AuditEntry
from anjian.notifications.models import Notification

pytestmark = pytest.mark.django_db

FIELDS = {"id", "title", "level", "kind", "content", "valid_from", "valid_to", "recipients",
          "confirmations"}


def payload(**extra) -> dict:
    data = {"title": "强降雨黄色预警", "level": "yellow", "kind": "weather",
            "content": "预计未来24小时有大到暴雨，请加强地质灾害隐患点巡查。",
            "valid_from": "2024-06-01T08:00:00+08:00", "valid_to": "2024-06-02T20:00:00+08:00",
            "recipients": ["town_a", "transport"]}
    data.update(extra)
    return data


def test_county_admin_publishes_and_gets_the_contract_shape(api_as, county_admin, town_a,
                                                            traffic_dept):
    response = api_as(county_admin).post("/api/v1/warnings/", payload(), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == FIELDS
    assert body["recipients"] == ["town_a", "transport"]
    assert body["confirmations"] == [
        {"recipient": "town_a", "confirmed_at": None, "confirmed_by": None},
        {"recipient": "transport", "confirmed_at": None, "confirmed_by": None},
    ]
    assert body["valid_from"] == "2024-06-01T08:00:00+08:00"
    assert AuditEntry.objects.filter(model="alert", object_id=str(body["id"]),
                                     action="alert.create").exists()


@pytest.mark.parametrize("persona", ["leader", "town_a_officer", "traffic_officer",
                                     "enterprise_user"])
def test_only_the_county_admin_publishes(persona, request, api_as, town_a, traffic_dept):
    user = request.getfixturevalue(persona)
    response = api_as(user).post("/api/v1/warnings/", payload(), format="json")
    assert response.status_code == 403
    assert not Alert.objects.exists()


@pytest.mark.parametrize("change,field", [
    ({"recipients": []}, "recipients"),
    ({"recipients": ["nowhere"]}, "recipients"),
    ({"level": "purple"}, "level"),
    ({"valid_to": "2024-06-01T07:00:00+08:00"}, "valid_to"),
    ({"title": ""}, "title"),
])
def test_bad_input_is_400_with_field_errors_and_nothing_saved(change, field, api_as,
                                                              county_admin, town_a, traffic_dept):
    response = api_as(county_admin).post("/api/v1/warnings/", payload(**change), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Alert.objects.exists() and not AlertRecipient.objects.exists()


def test_unknown_code_message_is_chinese(api_as, county_admin, town_a):
    response = api_as(county_admin).post("/api/v1/warnings/", payload(recipients=["x9"]),
                                         format="json")
    assert "x9" in response.json()["recipients"][0]
    assert "未知" in response.json()["recipients"][0]


@pytest.mark.parametrize("persona,sees", [
    ("county_admin", True), ("leader", True), ("town_a_officer", False),
    ("traffic_officer", True), ("enterprise_user", False), ("town_b_officer", False),
])
def test_list_shows_warnings_sent_to_the_callers_unit(persona, sees, request, api_as, publish,
                                                      town_a, traffic_dept, enterprise_a):
    sent = publish(towns=[], departments=[traffic_dept], title="交通部门预警")
    user = request.getfixturevalue(persona)
    response = api_as(user).get("/api/v1/warnings/")
    assert response.status_code == 200
    assert set(response.json()) == {"count", "next", "previous", "results"}
    titles = [w["title"] for w in response.json()["results"]]
    assert (sent.title in titles) == sees
    detail = api_as(user).get(f"/api/v1/warnings/{sent.pk}/")
    assert detail.status_code == (200 if sees else 404)


def test_enterprise_user_sees_warnings_to_its_town_and_its_department(
        api_as, publish, town_a, town_b, emergency_dept, traffic_dept, enterprise_user):
    to_town = publish(towns=[town_a], title="甲镇预警")
    to_department = publish(departments=[emergency_dept], title="应急局预警")
    elsewhere = publish(towns=[town_b], departments=[traffic_dept], title="别处预警")
    results = api_as(enterprise_user).get("/api/v1/warnings/").json()["results"]
    assert {w["id"] for w in results} == {to_town.pk, to_department.pk}
    assert api_as(enterprise_user).get(f"/api/v1/warnings/{elsewhere.pk}/").status_code == 404


def test_list_filters_by_town_level_and_kind(api_as, county_admin, publish, town_a, town_b):
    a = publish(towns=[town_a], level="red", kind="holiday", title="元旦预警")
    b = publish(towns=[town_b], title="乙镇预警")
    api = api_as(county_admin)

    def ids(query):
        return {w["id"] for w in api.get(f"/api/v1/warnings/?{query}").json()["results"]}

    assert ids("town=town_a") == {a.pk}
    assert ids("level=red") == {a.pk}
    assert ids("kind=weather") == {b.pk}
    assert ids("q=元旦") == {a.pk}


def test_confirm_records_once_and_a_second_call_changes_nothing(api_as, alert, town_a_officer,
                                                                town_a):
    api = api_as(town_a_officer)
    first = api.post(f"/api/v1/warnings/{alert.pk}/confirm/")
    assert first.status_code == 200
    assert set(first.json()) == {"recipient", "confirmed_at", "confirmed_by"}
    assert first.json()["recipient"] == "town_a"
    assert first.json()["confirmed_by"] == town_a_officer.username
    assert first.json()["confirmed_at"] is not None
    second = api.post(f"/api/v1/warnings/{alert.pk}/confirm/")
    assert second.status_code == 200 and second.json() == first.json()
    assert AuditEntry.objects.filter(model="alert", action="alert.confirm").count() == 1
    confirmations = api.get(f"/api/v1/warnings/{alert.pk}/").json()["confirmations"]
    assert confirmations == [first.json(), {"recipient": "transport", "confirmed_at": None,
                                            "confirmed_by": None}]


@pytest.mark.parametrize("persona,status", [
    ("county_admin", 403), ("leader", 403), ("enterprise_user", 403), ("town_b_officer", 404),
])
def test_confirm_refused_to_non_recipients(persona, status, request, api_as, alert):
    user = request.getfixturevalue(persona)
    response = api_as(user).post(f"/api/v1/warnings/{alert.pk}/confirm/")
    assert response.status_code == status
    assert not AlertRecipient.objects.filter(confirmed_at__isnull=False).exists()


def test_anonymous_gets_401(api_as, alert):
    assert api_as(None).get("/api/v1/warnings/").status_code == 401
    assert api_as(None).post(f"/api/v1/warnings/{alert.pk}/confirm/").status_code == 401


def test_publishing_notifies_recipient_units_and_their_enterprises(
        api_as, county_admin, town_a_officer, town_b_officer, traffic_officer, enterprise_user,
        enterprise_a, leader):
    api_as(county_admin).post("/api/v1/warnings/", payload(recipients=["town_a"]),
                              format="json")
    notified = set(Notification.objects.filter(kind="alert.published").values_list(
        "recipient__username", flat=True))
    assert notified == {town_a_officer.username, enterprise_user.username}
    note = Notification.objects.get(recipient=town_a_officer)
    assert "强降雨黄色预警" in note.title and "黄色" in note.title
    assert "签收" in note.body


def test_warnings_cannot_be_changed_or_deleted_over_the_api(api_as, county_admin, alert):
    api = api_as(county_admin)
    assert api.patch(f"/api/v1/warnings/{alert.pk}/", {"title": "x"},
                     format="json").status_code == 405
    assert api.delete(f"/api/v1/warnings/{alert.pk}/").status_code == 405


def test_list_query_count_does_not_grow_with_warnings(api_as, county_admin, publish, town_a,
                                                      town_b, traffic_dept,
                                                      django_assert_max_num_queries):
    for i in range(12):
        publish(towns=[town_a, town_b], departments=[traffic_dept], title=f"预警{i}")
    api = api_as(county_admin)
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/warnings/")
    assert response.json()["count"] == 12
