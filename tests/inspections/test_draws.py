"""双随机、一公开: the draw rule, the quarter rule, reproducibility, personas and bad input."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from anjian.accounts.units import Unit
from anjian.core import clock
from anjian.inspections import draws
from anjian.inspections.draw_models import InspectionDraw
from anjian.inspections.models import Campaign
from anjian.registry.models import EnterpriseStatus
from anjian.workforce import services
from anjian.workforce.models import Inspector
from tests.conftest import make_enterprise
from tests.workforce.conftest import make_inspector

URL = "/api/v1/inspection-draws/"


@pytest.fixture
def town_a_units(town_a, sectors, emergency_dept, enterprise_a, enterprise_a_road):
    """Seven operating units in town A (enterprise_a, a_road and five more) and a closed one."""
    extra = [
        make_enterprise(
            name=f"甲镇第{i}厂",
            n=10 + i,
            town=town_a,
            sector=sectors["industry_trade"],
            department=emergency_dept,
        )
        for i in range(5)
    ]
    make_enterprise(
        name="甲镇已关闭厂",
        n=30,
        town=town_a,
        sector=sectors["industry_trade"],
        department=emergency_dept,
        status=EnterpriseStatus.CLOSED,
    )
    return [enterprise_a, enterprise_a_road, *extra]


@pytest.fixture(autouse=True)
def town_a_inspectors(request):
    """Two inspectors of town A and one of the county in the register, certificates valid
    (the tests of the pure rule need no database)."""
    if "town_a_units" not in request.fixturenames:
        return []
    town_a = request.getfixturevalue("town_a")
    county_admin = request.getfixturevalue("county_admin")
    make_inspector(actor=county_admin, unit=Unit.county(), name="陈刚", n=9)
    return [
        make_inspector(actor=county_admin, unit=Unit.of_town(town_a), name=name, n=n)
        for n, name in ((1, "王伟"), (2, "李娜"))
    ]


# --- the rule ------------------------------------------------------------------------------


def test_same_seed_and_lists_give_the_same_draw():
    kwargs = {
        "enterprises": list(range(1, 101)),
        "inspectors": [7, 8, 9, 10],
        "enterprise_count": 10,
        "inspector_count": 2,
    }
    assert draws.draw(seed=42, **kwargs) == draws.draw(seed=42, **kwargs)
    assert draws.draw(seed=42, **kwargs) != draws.draw(seed=43, **kwargs)


def test_the_order_the_candidates_come_in_does_not_matter():
    first = draws.draw(
        seed=5, enterprises=[3, 1, 2, 9], inspectors=[2, 1], enterprise_count=2, inspector_count=1
    )
    assert first == draws.draw(
        seed=5, enterprises=[9, 2, 1, 3], inspectors=[1, 2], enterprise_count=2, inspector_count=1
    )


def test_fewer_candidates_than_asked_draws_them_all():
    units, people = draws.draw(
        seed=1, enterprises=[4, 5], inspectors=[1], enterprise_count=5, inspector_count=3
    )
    assert sorted(units) == [4, 5] and people == [1]


def test_an_inspector_is_not_sent_to_a_unit_on_their_conflict_list():
    for seed in range(50):
        units, people = draws.draw(
            seed=seed,
            enterprises=[1, 2],
            inspectors=[10, 11, 12],
            enterprise_count=2,
            inspector_count=3,
            conflicts={"10": [2]},
        )
        assert 10 not in people and sorted(people) == [11, 12]


@pytest.mark.parametrize(
    "day,quarter,end",
    [
        (dt.date(2026, 1, 1), "2026Q1", dt.date(2026, 3, 31)),
        (dt.date(2026, 3, 31), "2026Q1", dt.date(2026, 3, 31)),
        (dt.date(2026, 4, 1), "2026Q2", dt.date(2026, 6, 30)),
        (dt.date(2026, 9, 30), "2026Q3", dt.date(2026, 9, 30)),
        (dt.date(2026, 12, 31), "2026Q4", dt.date(2026, 12, 31)),
    ],
)
def test_quarter_boundaries(day, quarter, end):
    assert draws.quarter_of(day) == quarter and draws.quarter_end(day) == end


# --- the service and the API -------------------------------------------------------------


def test_town_officer_draws_in_scope_and_the_draw_is_kept(
    api_as, town_a_officer, town_a_inspectors, town_a_units, enterprise_b
):
    response = api_as(town_a_officer).post(URL, {"enterprises": 3, "inspectors": 2}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert {"id", "drawn_at", "seed", "enterprises", "inspectors"} <= set(body)
    assert len(body["enterprises"]) == 3 and len(set(body["enterprises"])) == 3
    assert set(body["enterprises"]) <= {e.pk for e in town_a_units}
    assert set(body["inspectors"]) == {i.pk for i in town_a_inspectors}
    record = InspectionDraw.objects.get(pk=body["id"])
    assert sorted(record.candidate_enterprises) == sorted(e.pk for e in town_a_units)
    assert enterprise_b.pk not in record.candidate_enterprises


def test_redrawing_with_the_kept_seed_and_lists_reproduces_the_draw(town_a_officer, town_a_units):
    record = draws.draw_create(actor=town_a_officer, enterprises=4, inspectors=1)
    assert draws.draw_replay(record) == (record.enterprises, record.inspectors)
    again = draws.draw(
        seed=record.seed,
        enterprises=list(reversed(record.candidate_enterprises)),
        inspectors=record.candidate_inspectors,
        enterprise_count=4,
        inspector_count=1,
    )
    assert again == (record.enterprises, record.inspectors)


def test_a_unit_is_never_drawn_twice_in_one_quarter(town_a_officer, town_a_units, county_admin):
    first = draws.draw_create(actor=town_a_officer, enterprises=5, inspectors=1)
    second = draws.draw_create(actor=county_admin, town="town_a", enterprises=5, inspectors=1)
    assert not set(first.enterprises) & set(second.enterprises)
    # Seven operating units, five drawn: two remain, both drawn, and the draw says so.
    assert len(second.enterprises) == 2
    assert "2" in second.note
    with pytest.raises(ValidationError) as refused:
        draws.draw_create(actor=town_a_officer, enterprises=1, inspectors=1)
    assert "enterprises" in refused.value.message_dict


def test_a_unit_drawn_last_quarter_can_be_drawn_again(town_a_officer, town_a_units):
    record = draws.draw_create(actor=town_a_officer, enterprises=7, inspectors=1)
    InspectionDraw.objects.filter(pk=record.pk).update(quarter="2000Q1")
    record.drawn_units.update(quarter="2000Q1")
    again = draws.draw_create(actor=town_a_officer, enterprises=7, inspectors=1)
    assert sorted(again.enterprises) == sorted(record.enterprises)


def test_fewer_remaining_than_asked_is_said_in_the_answer(api_as, town_a_officer, town_a_units):
    body = (
        api_as(town_a_officer).post(URL, {"enterprises": 50, "inspectors": 1}, format="json").json()
    )
    assert len(body["enterprises"]) == 7 and "7" in body["note"]


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"inspectors": 1}, "enterprises"),
        ({"enterprises": 2}, "inspectors"),
        ({"enterprises": 0, "inspectors": 1}, "enterprises"),
        ({"enterprises": "many", "inspectors": 1}, "enterprises"),
        ({"enterprises": 2, "inspectors": 1, "town": "town_b"}, "town"),
        ({"enterprises": 2, "inspectors": 1, "sector": "nonsense"}, "sector"),
    ],
)
def test_bad_input_is_400_naming_the_field(
    api_as, town_a_officer, town_a_units, town_b, payload, field
):
    response = api_as(town_a_officer).post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not InspectionDraw.objects.exists()


def test_enterprise_user_and_leader_are_refused(
    api_as, login, enterprise_user, leader, town_a_units
):
    for user in (enterprise_user, leader):
        assert (
            api_as(user).post(URL, {"enterprises": 1, "inspectors": 1}, format="json").status_code
            == 403
        )
        assert api_as(user).get(URL).status_code == 403
        assert login(user).get(reverse("inspections:draw_list")).status_code == 403


def test_the_draw_is_published_to_every_officer(
    api_as, login, town_a_officer, town_b_officer, traffic_officer, town_a_units
):
    record = draws.draw_create(actor=town_a_officer, enterprises=2, inspectors=1)
    for user in (town_b_officer, traffic_officer):
        assert api_as(user).get(f"{URL}{record.pk}/").json()["seed"] == record.seed
        page = login(user).get(record.get_absolute_url())
        assert page.status_code == 200 and str(record.seed) in page.content.decode()
        assert "甲镇" in page.content.decode()


def test_the_drawing_unit_turns_the_draw_into_a_campaign(api_as, town_a_officer, town_a_units):
    record = draws.draw_create(actor=town_a_officer, enterprises=3, inspectors=1)
    response = api_as(town_a_officer).post(f"{URL}{record.pk}/campaign/", format="json")
    assert response.status_code == 201
    campaign = Campaign.objects.get(pk=response.json()["campaign"])
    assert sorted(campaign.targets.values_list("enterprise_id", flat=True)) == sorted(
        record.enterprises
    )
    again = api_as(town_a_officer).post(f"{URL}{record.pk}/campaign/", format="json")
    assert again.status_code == 409


def test_another_unit_gets_404_turning_the_draw_into_a_campaign(
    api_as, login, town_b_officer, town_a_officer, town_a_units
):
    record = draws.draw_create(actor=town_a_officer, enterprises=3, inspectors=1)
    assert (
        api_as(town_b_officer).post(f"{URL}{record.pk}/campaign/", format="json").status_code == 404
    )
    page = login(town_b_officer).post(reverse("inspections:draw_campaign", args=[record.pk]))
    assert page.status_code == 404
    assert not Campaign.objects.exists()


def test_draw_page_makes_a_draw_and_its_campaign(login, town_a_officer, town_a_units):
    client = login(town_a_officer)
    response = client.post(
        reverse("inspections:draw_create"), {"enterprises": 2, "inspectors": 1, "town": "town_a"}
    )
    record = InspectionDraw.objects.get()
    assert response.status_code == 302 and response.url == record.get_absolute_url()
    client.post(reverse("inspections:draw_campaign", args=[record.pk]))
    record.refresh_from_db()
    assert record.campaign.targets.count() == 2
    listing = client.get(reverse("inspections:draw_list")).content.decode()
    assert record.campaign.name in listing


def test_draw_page_shows_the_error_next_to_the_field(login, town_b_officer, town_a_units):
    response = login(town_b_officer).post(
        reverse("inspections:draw_create"), {"enterprises": 2, "inspectors": 1}
    )
    assert response.status_code == 200
    assert "enterprises" in response.context["form"].errors


def test_two_draws_at_the_same_moment_cannot_take_the_same_unit(
    monkeypatch, api_as, town_a_officer, town_a_units
):
    first = draws.draw_create(actor=town_a_officer, enterprises=7, inspectors=1)
    # The second draw read its candidates before the first one was saved.
    monkeypatch.setattr(draws, "draw_candidates", lambda **kwargs: first.enterprises)
    response = api_as(town_a_officer).post(URL, {"enterprises": 1, "inspectors": 1}, format="json")
    assert response.status_code == 409
    assert InspectionDraw.objects.count() == 1


def test_only_inspectors_in_post_with_a_valid_certificate_are_drawn(
    town_a_officer, town_a_units, town_a_inspectors, county_admin, town_a
):
    wang, li = town_a_inspectors
    Inspector.objects.filter(pk=wang.pk).update(certificate_expires_on=clock.today())
    Inspector.objects.filter(pk=li.pk).update(
        certificate_expires_on=clock.today() - dt.timedelta(days=1)
    )
    left = make_inspector(
        actor=county_admin, unit=Unit.of_town(town_a), name="赵离岗", n=3, active=False
    )
    record = draws.draw_create(actor=town_a_officer, enterprises=1, inspectors=5)
    assert record.candidate_inspectors == [wang.pk]  # not the county's 陈刚, not 李娜, not 赵离岗
    assert left.pk not in record.inspectors
    Inspector.objects.filter(pk=wang.pk).update(active=False)
    with pytest.raises(ValidationError) as refused:
        draws.draw_create(actor=town_a_officer, enterprises=1, inspectors=1)
    assert "inspectors" in refused.value.message_dict


def test_the_county_draws_from_every_inspector_and_the_page_names_them(
    login, county_admin, town_a_units, town_a_inspectors
):
    record = draws.draw_create(actor=county_admin, enterprises=1, inspectors=3)
    assert len(record.candidate_inspectors) == 3
    page = login(county_admin).get(record.get_absolute_url()).content.decode()
    assert "王伟" in page and "李娜" in page and "陈刚" in page


def test_the_registers_conflict_lists_are_kept_with_the_draw_and_respected(
    town_a_officer, town_a_units, town_a_inspectors
):
    wang, li = town_a_inspectors
    services.inspector_update(
        actor=town_a_officer, inspector=wang, data={"conflicts": [e.pk for e in town_a_units]}
    )
    record = draws.draw_create(actor=town_a_officer, enterprises=2, inspectors=2)
    assert record.inspectors == [li.pk]
    assert record.conflicts == {str(wang.pk): sorted(e.pk for e in town_a_units)}
    assert draws.draw_replay(record) == (record.enterprises, record.inspectors)
