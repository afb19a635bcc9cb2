"""Mined-out areas (采空区, domain-rules §12): the register, pages and API; each untreated void
is a hazard with its treatment deadline, once."""

import datetime as dt

import pytest
from django.urls import reverse

from anjian.core import clock
from anjian.core.models import AuditEntry
from anjian.hazards.models import Hazard
from anjian.mines import rules, services
from anjian.mines.models import MinedOutArea

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("treatment", "hazard"),
    [
        ("untreated", True),
        ("filled", False),
        ("caved", False),
        ("sealed", False),
        ("isolated", False),
    ],
)
def test_only_an_untreated_void_is_a_hazard(treatment, hazard):
    assert rules.void_is_hazard(treatment) is hazard


def _data(**extra):
    return {
        "location": "北采区 -120m 中段",
        "volume": "12000",
        "treatment": "untreated",
        "affected_area": "3500",
        "monitoring": "地表位移观测 每月一次",
        "responsible": "黄志强",
        "deadline": clock.today() + dt.timedelta(days=90),
        **extra,
    }


@pytest.fixture
def void(county_admin, enterprise_a):
    return services.void_create(actor=county_admin, enterprise=enterprise_a, data=_data())


def test_an_untreated_void_becomes_a_hazard_with_its_deadline_once(county_admin, void):
    hazard = Hazard.objects.get(pk=void.hazard_id)
    assert hazard.deadline == void.deadline and hazard.enterprise_id == void.enterprise_id
    assert "采空区" in hazard.description
    services.void_update(actor=county_admin, area=void, data={"monitoring": "在线监测"})
    services.void_update(actor=county_admin, area=void, data={"treatment": "filled"})
    services.void_update(actor=county_admin, area=void, data={"treatment": "untreated"})
    assert Hazard.objects.count() == 1
    assert AuditEntry.objects.filter(
        action="minedoutarea.raise_hazard", object_id=str(void.pk)
    ).exists()


def test_a_treated_void_raises_nothing(county_admin, enterprise_a):
    area = services.void_create(
        actor=county_admin, enterprise=enterprise_a, data=_data(treatment="sealed", deadline=None)
    )
    assert area.hazard_id is None and not Hazard.objects.exists()


def test_an_untreated_void_needs_a_deadline(county_admin, enterprise_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.void_create(actor=county_admin, enterprise=enterprise_a, data=_data(deadline=None))
    assert "deadline" in exc.value.message_dict and not MinedOutArea.objects.exists()


def test_the_pages_list_show_create_and_edit(login, town_a_officer, enterprise_a, void):
    client = login(town_a_officer)
    html = client.get(reverse("mines:void_list") + "?treatment=untreated").content.decode()
    assert "北采区" in html and "未治理" in html
    assert (
        "北采区"
        not in client.get(reverse("mines:void_list") + "?treatment=filled").content.decode()
    )
    detail = client.get(void.get_absolute_url()).content.decode()
    assert void.hazard.get_absolute_url() in detail
    form = {**_data(location="南采区", treatment="filled"), "enterprise": enterprise_a.pk}
    form["deadline"] = ""
    response = client.post(reverse("mines:void_create"), form)
    created = MinedOutArea.objects.get(location="南采区")
    assert response.status_code == 302 and created.hazard_id is None
    edit = {**form, "volume": "800", "lng": "108.3", "lat": "22.8"}
    del edit["enterprise"]
    assert client.post(reverse("mines:void_edit", args=[created.pk]), edit).status_code == 302
    created.refresh_from_db()
    assert created.volume == 800 and created.lat is not None
    history = client.get(created.get_absolute_url()).content.decode()
    assert 'id="timeline"' in history and "体积（m³）" in history  # the change, in Chinese
    assert AuditEntry.objects.filter(
        action="minedoutarea.update", object_id=str(created.pk)
    ).exists()


def test_the_list_queries_stay_flat(
    login, county_admin, enterprise_a, django_assert_max_num_queries
):
    for n in range(20):
        services.void_create(
            actor=county_admin, enterprise=enterprise_a, data=_data(location=f"采区{n}")
        )
    client = login(county_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("mines:void_list")).status_code == 200


def test_another_towns_void_is_a_404(login, api_as, town_b_officer, void):
    client = login(town_b_officer)
    assert client.get(void.get_absolute_url()).status_code == 404
    assert client.get(reverse("mines:void_edit", args=[void.pk])).status_code == 404
    assert api_as(town_b_officer).get(f"/api/v1/mined-out-areas/{void.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("location", "采区\x00"),
        ("volume", "1e400"),
        ("volume", "0"),
        ("affected_area", "-5"),
        ("lng", "200"),
        ("lat", "abc"),
        ("deadline", "2025-02-30"),
        ("deadline", "3025-01-01"),
        ("treatment", "buried"),
        ("responsible", "x" * 101),
    ],
)
def test_hostile_api_input_is_a_400_naming_the_field(
    api_as, county_admin, enterprise_a, field, value
):
    body = {
        **_data(),
        "enterprise": enterprise_a.pk,
        "deadline": "2025-09-30",
        "lng": "108.3",
        "lat": "22.8",
    }
    response = api_as(county_admin).post(
        "/api/v1/mined-out-areas/", {**body, field: value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not MinedOutArea.objects.exists()


def test_hostile_page_input_is_refused_at_the_field(login, county_admin, enterprise_a):
    form = {**_data(volume="99999999999999"), "enterprise": enterprise_a.pk}
    response = login(county_admin).post(reverse("mines:void_create"), form)
    assert response.status_code == 200 and "volume" in response.context["form"].errors
    assert not MinedOutArea.objects.exists()


def test_the_api_registers_and_filters(api_as, county_admin, enterprise_a):
    api = api_as(county_admin)
    body = {**_data(), "enterprise": enterprise_a.pk, "deadline": "2025-09-30"}
    created = api.post("/api/v1/mined-out-areas/", body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["hazard"] is not None
    rows = api.get("/api/v1/mined-out-areas/?treatment=untreated").json()["results"]
    assert [r["id"] for r in rows] == [created.json()["id"]]
    assert api.get("/api/v1/mined-out-areas/?treatment=bad").status_code == 400


def test_one_coordinate_alone_is_refused(api_as, county_admin, enterprise_a):
    body = {**_data(), "enterprise": enterprise_a.pk, "deadline": "2025-09-30", "lng": "108.3"}
    response = api_as(county_admin).post("/api/v1/mined-out-areas/", body, format="json")
    assert response.status_code == 400 and "lat" in response.json()
