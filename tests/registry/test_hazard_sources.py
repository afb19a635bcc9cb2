"""The major hazard source register: personas, bad input, the computation shown, the sweep."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from anjian.core import clock
from anjian.notifications.models import Notification
from anjian.registry.hazard_sources import services
from anjian.registry.hazard_sources.models import MajorHazardSource

URL = "/api/v1/major-hazard-sources/"


@pytest.fixture
def source_a(enterprise_a, county_admin):
    return services.hazard_source_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "name": "液体二氧化硫储罐区",
            "unit_kind": "storage",
            "people_within_500m": 60,
            "substances": [{"name": "sulphur dioxide", "quantity_t": 200}],
        },
    )


def _payload(enterprise, **extra):
    return {
        "enterprise": enterprise.pk,
        "name": "氯气钢瓶库",
        "unit_kind": "storage",
        "people_within_500m": 120,
        "substances": [{"name": "chlorine", "quantity_t": 10}],
        **extra,
    }


def test_api_create_fills_q_and_beta_from_the_table_and_computes(
    api_as, town_a_officer, enterprise_a
):
    response = api_as(town_a_officer).post(URL, _payload(enterprise_a), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["substances"] == [
        {"name": "chlorine", "quantity_t": 10.0, "critical_t": 5.0, "beta": 4.0}
    ]
    # S = 10/5 = 2; R = 2.0 × 4 × 2 = 16 → grade 3.
    assert (body["s"], body["r"], body["is_major"], body["level"]) == (2.0, 16.0, True, 3)


def test_api_worked_example(api_as, county_admin, source_a):
    body = api_as(county_admin).get(f"{URL}{source_a.pk}/").json()
    assert (body["s"], body["r"], body["is_major"], body["level"]) == (10.0, 30.0, True, 3)


def test_not_major_has_no_level(api_as, county_admin, enterprise_a):
    response = api_as(county_admin).post(
        URL,
        _payload(enterprise_a, substances=[{"name": "methanol", "quantity_t": 100}]),
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["is_major"] is False and response.json()["level"] is None


def test_unknown_substance_without_critical_quantity_is_400_naming_the_field(
    api_as, county_admin, enterprise_a
):
    response = api_as(county_admin).post(
        URL,
        _payload(
            enterprise_a,
            substances=[
                {"name": "chlorine", "quantity_t": 1},
                {"name": "unobtainium", "quantity_t": 3},
            ],
        ),
        format="json",
    )
    assert response.status_code == 400
    assert "substances[1].critical_t" in response.json()["substances"][0]
    assert not MajorHazardSource.objects.exists()


def test_unknown_substance_with_its_critical_quantity_is_accepted(
    api_as, county_admin, enterprise_a
):
    response = api_as(county_admin).post(
        URL,
        _payload(
            enterprise_a, substances=[{"name": "unobtainium", "quantity_t": 3, "critical_t": 2}]
        ),
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["substances"][0]["beta"] == 1.0
    assert response.json()["s"] == 1.5


@pytest.mark.parametrize(
    "field,value",
    [
        ("substances", [{"name": "chlorine", "quantity_t": -1}]),
        ("substances", [{"name": "chlorine", "quantity_t": "lots"}]),
        ("substances", [{"name": "chlorine", "quantity_t": 1, "critical_t": 0}]),
        ("substances", []),
        ("people_within_500m", -5),
        ("unit_kind", "warehouse"),
    ],
)
def test_bad_input_is_400_naming_the_field(api_as, county_admin, enterprise_a, field, value):
    response = api_as(county_admin).post(
        URL, _payload(enterprise_a, **{field: value}), format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_update_recomputes(api_as, county_admin, source_a):
    response = api_as(county_admin).patch(
        f"{URL}{source_a.pk}/", {"people_within_500m": 100}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["r"] == 40.0


def test_enterprise_user_registers_its_own_source(api_as, enterprise_user, enterprise_a):
    response = api_as(enterprise_user).post(URL, _payload(enterprise_a), format="json")
    assert response.status_code == 201


def test_enterprise_user_cannot_name_a_neighbour(api_as, enterprise_user, enterprise_a_road):
    response = api_as(enterprise_user).post(URL, _payload(enterprise_a_road), format="json")
    assert response.status_code == 400 and "enterprise" in response.json()


@pytest.mark.parametrize(
    "persona,seen",
    [
        ("county_admin", True),
        ("leader", True),
        ("town_a_officer", True),
        ("enterprise_user", True),
        ("town_b_officer", False),
        ("traffic_officer", False),
    ],
)
def test_each_persona_sees_exactly_its_scope(api_as, request, source_a, persona, seen):
    user = request.getfixturevalue(persona)
    ids = [row["id"] for row in api_as(user).get(URL).json()["results"]]
    assert (source_a.pk in ids) is seen
    assert api_as(user).get(f"{URL}{source_a.pk}/").status_code == (200 if seen else 404)


def test_town_b_officer_gets_404_on_the_pages(login, town_b_officer, source_a):
    client = login(town_b_officer)
    for name in ("hazard_source_detail", "hazard_source_edit"):
        assert client.get(reverse(f"registry:{name}", args=[source_a.pk])).status_code == 404
    assert (
        client.post(reverse("registry:hazard_source_delete", args=[source_a.pk])).status_code == 404
    )


def test_leader_reads_but_cannot_write(api_as, login, leader, source_a):
    assert (
        api_as(leader).patch(f"{URL}{source_a.pk}/", {"name": "x"}, format="json").status_code
        == 403
    )
    client = login(leader)
    assert (
        client.get(reverse("registry:hazard_source_detail", args=[source_a.pk])).status_code == 200
    )
    assert client.get(reverse("registry:hazard_source_create")).status_code == 403
    assert (
        client.post(reverse("registry:hazard_source_delete", args=[source_a.pk])).status_code == 403
    )


def test_detail_page_shows_how_it_was_computed(login, town_a_officer, source_a):
    page = login(town_a_officer).get(source_a.get_absolute_url()).content.decode()
    assert "GB 18218-2018 表1" in page
    assert 'id="r">30.00' in page
    assert "α = 1.5" in page


def test_list_page_filters_by_level(login, county_admin, source_a, enterprise_a):
    services.hazard_source_create(
        actor=county_admin,
        enterprise=enterprise_a,
        data={
            "name": "光气装置",
            "unit_kind": "production",
            "people_within_500m": 100,
            "substances": [{"name": "phosgene", "quantity_t": 0.9}],
        },
    )
    page = login(county_admin).get(reverse("registry:hazard_source_list"), {"level": "3"})
    names = [s.name for s in page.context["page"]]
    assert names == ["液体二氧化硫储罐区"]


def test_form_page_creates_a_source_from_lines(login, town_a_officer, enterprise_a):
    response = login(town_a_officer).post(
        reverse("registry:hazard_source_create"),
        {
            "enterprise": enterprise_a.pk,
            "name": "液氨罐区",
            "unit_kind": "storage",
            "people_within_500m": 40,
            "substances": "氨, 30\nX物质, 2, 1, 3",
        },
    )
    source = MajorHazardSource.objects.get()
    assert response.status_code == 302
    # S = 3 + 2 = 5; R = 1.2 × (2×3 + 3×2) = 14.4 → grade 3.
    assert (source.s, round(source.r, 6), source.level) == (5, 14.4, 3)


def test_form_page_shows_the_unknown_substance_error(login, town_a_officer, enterprise_a):
    response = login(town_a_officer).post(
        reverse("registry:hazard_source_create"),
        {
            "enterprise": enterprise_a.pk,
            "name": "罐区",
            "unit_kind": "storage",
            "people_within_500m": 40,
            "substances": "unobtainium, 30",
        },
    )
    assert response.status_code == 200
    assert "critical_t" in str(response.context["form"].errors["substances"])


def test_sweep_notifies_once_per_source_and_period(
    county_admin, town_a_officer, enterprise_user, source_a
):
    today = clock.today()
    MajorHazardSource.objects.filter(pk=source_a.pk).update(
        filed_on=today - dt.timedelta(days=3 * 366)
    )
    call_command("sweep")
    call_command("sweep")
    notes = Notification.objects.filter(kind="hazard_source.review_due")
    assert {n.recipient for n in notes} == {town_a_officer, enterprise_user}
    assert notes.count() == 2
    # Reviewed now: nothing due until three years later.
    MajorHazardSource.objects.filter(pk=source_a.pk).update(reviewed_on=today)
    call_command("sweep")
    assert notes.count() == 2


def test_sweep_is_silent_before_the_review_is_due(town_a_officer, source_a):
    MajorHazardSource.objects.filter(pk=source_a.pk).update(
        filed_on=clock.today() - dt.timedelta(days=365)
    )
    call_command("sweep")
    assert not Notification.objects.filter(kind="hazard_source.review_due").exists()


def test_watch_list_lists_the_major_sources_in_scope(
    login, town_a_officer, town_b_officer, source_a
):
    url = reverse("risks:watch_list")
    page = login(town_a_officer).get(url).content.decode()
    assert "液体二氧化硫储罐区" in page and 'id="watch-hazard-sources"' in page
    assert "液体二氧化硫储罐区" not in login(town_b_officer).get(url).content.decode()


def test_map_draws_a_marker_per_major_source_with_its_grade(
    login, county_admin, source_a, enterprise_a
):
    enterprise_a.lng, enterprise_a.lat = 108.3, 22.8
    enterprise_a.save()
    page = login(county_admin).get(reverse("risks:map")).content.decode()
    assert page.count('class="marker hazard-source-marker" data-level="3"') == 1
    assert source_a.get_absolute_url() in page


def test_the_unit_page_lists_its_sources(login, enterprise_user, source_a, enterprise_a):
    page = login(enterprise_user).get(enterprise_a.get_absolute_url()).content.decode()
    assert source_a.get_absolute_url() in page and "R = 30.0" in page
