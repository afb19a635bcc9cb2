"""The tailings pond register pages: list with filters and current alarm, detail with the class
computation and the latest readings, create and edit forms (officers), scope and audit."""

import pytest
from django.urls import reverse

from anjian.core.models import AuditEntry
from anjian.mines import services
from anjian.mines.models import TailingsPond

from .conftest import earlier

pytestmark = pytest.mark.django_db


@pytest.fixture
def ponds(county_admin, make_pond, make_point, enterprise_b):
    """An overhead pond at orange, a risky pond without points, and town B's ordinary pond."""
    orange = make_pond(name="大岭尾矿库", downstream_within_1km=20)
    point = make_point(orange)
    services.reading_add(
        actor=county_admin, point=point, data={"value": 5.4, "at": earlier(10)}
    )  # ≤ 5.5 → orange
    risky = make_pond(name="石门沟尾矿库", safety_degree="risky", total_capacity=50, dam_height=70)
    other = make_pond(name="乙镇尾矿库", enterprise=enterprise_b)
    return {"orange": orange, "risky": risky, "other": other, "point": point}


def test_the_list_shows_class_overhead_degree_and_current_alarm(login, county_admin, ponds):
    page = login(county_admin).get(reverse("mines:pond_list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "大岭尾矿库" in html and "石门沟尾矿库" in html and "乙镇尾矿库" in html
    assert 'data-alarm="orange"' in html
    assert "头顶库" in html and "险库" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("alarm=orange", "大岭尾矿库", "石门沟尾矿库"),
        ("alarm=none", "石门沟尾矿库", "大岭尾矿库"),
        ("overhead=yes", "大岭尾矿库", "石门沟尾矿库"),
        ("safety_degree=risky", "石门沟尾矿库", "大岭尾矿库"),
        ("pond_class=4", "石门沟尾矿库", "大岭尾矿库"),
        ("town=town_b", "乙镇尾矿库", "大岭尾矿库"),
        ("q=石门", "石门沟尾矿库", "大岭尾矿库"),
    ],
)
def test_the_list_filters(login, county_admin, ponds, query, shown, hidden):
    html = login(county_admin).get(reverse("mines:pond_list") + "?" + query).content.decode()
    assert shown in html and hidden not in html


@pytest.mark.parametrize("query", ["pond_class=9", "alarm=purple", "town=nowhere", "q=\x00"])
def test_a_bad_filter_never_breaks_the_list(login, county_admin, ponds, query):
    assert login(county_admin).get(reverse("mines:pond_list") + "?" + query).status_code == 200


def test_a_town_officer_sees_only_its_town(login, town_a_officer, ponds):
    html = login(town_a_officer).get(reverse("mines:pond_list")).content.decode()
    assert "大岭尾矿库" in html and "乙镇尾矿库" not in html


def test_the_list_queries_do_not_grow_with_the_ponds(
    login, county_admin, make_pond, make_point, django_assert_max_num_queries
):
    for n in range(25):
        pond = make_pond(name=f"尾矿库{n}")
        make_point(pond, code="A")
        make_point(pond, code="B")
    client = login(county_admin)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("mines:pond_list") + "?alarm=none").status_code == 200


def test_the_detail_explains_the_class_and_lists_points_and_the_hazard(login, county_admin, ponds):
    html = login(county_admin).get(ponds["orange"].get_absolute_url()).content.decode()
    assert "JR1" in html and "5.4 m" in html and 'id="pond-alarm" data-alarm="orange"' in html
    # V = 500 → 三? no: 500 ≥ 100 → 四; H = 65 ≥ 60 → 三; one apart → 三
    assert "4" in html and "class-steps" in html
    risky = login(county_admin).get(ponds["risky"].get_absolute_url()).content.decode()
    assert ponds["risky"].hazard.get_absolute_url() in risky


def test_another_towns_pond_is_a_404(login, town_b_officer, ponds):
    client = login(town_b_officer)
    assert client.get(ponds["orange"].get_absolute_url()).status_code == 404
    assert client.get(reverse("mines:pond_edit", args=[ponds["orange"].pk])).status_code == 404


def test_an_officer_registers_a_pond_and_it_is_audited(login, town_a_officer, enterprise_a):
    response = login(town_a_officer).post(
        reverse("mines:pond_create"),
        {
            "enterprise": enterprise_a.pk,
            "name": "新建尾矿库",
            "total_capacity": "50",
            "dam_height": "70",
            "construction": "upstream",
            "safety_degree": "normal",
            "safety_degree_source": "AQ 2006-2005 §8",
            "downstream_within_1km": "3",
            "wet": "on",
        },
    )
    pond = TailingsPond.objects.get(name="新建尾矿库")
    assert response.status_code == 302 and response["Location"] == pond.get_absolute_url()
    assert (pond.pond_class, pond.overhead) == (4, True)
    assert AuditEntry.objects.filter(object_id=str(pond.pk), action__endswith="create").exists()


def test_an_officer_edits_a_pond_and_the_class_follows(login, town_a_officer, ponds):
    pond = ponds["orange"]
    form = {
        "name": pond.name,
        "total_capacity": "50",
        "dam_height": "10",
        "construction": pond.construction,
        "safety_degree": "normal",
        "safety_degree_source": pond.safety_degree_source,
        "downstream_within_1km": "0",
    }
    response = login(town_a_officer).post(reverse("mines:pond_edit", args=[pond.pk]), form)
    assert response.status_code == 302
    pond.refresh_from_db()
    assert (pond.pond_class, pond.overhead) == (5, False)
    assert AuditEntry.objects.filter(object_id=str(pond.pk), action__endswith="update").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "尾矿库\x00"),
        ("total_capacity", "1e400"),
        ("dam_height", "99999999999"),
        ("downstream_within_1km", str(10**12)),
        ("assessed_on", "2025-02-30"),
        ("assessed_on", "1800-01-01"),
        ("construction", "sideways"),
    ],
)
def test_hostile_form_input_is_refused_next_to_the_field(
    login, county_admin, enterprise_a, field, value
):
    form = {
        "enterprise": enterprise_a.pk,
        "name": "尾矿库",
        "total_capacity": "10",
        "dam_height": "10",
        "construction": "upstream",
        "safety_degree": "normal",
        "safety_degree_source": "AQ",
        "downstream_within_1km": "0",
        field: value,
    }
    response = login(county_admin).post(reverse("mines:pond_create"), form)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not TailingsPond.objects.exists()


def test_the_leader_reads_but_does_not_edit(login, leader, ponds):
    client = login(leader)
    assert client.get(ponds["orange"].get_absolute_url()).status_code == 200
    assert client.get(reverse("mines:pond_create")).status_code == 403


def test_an_enterprise_user_has_no_register_pages(login, enterprise_user, ponds):
    assert login(enterprise_user).get(reverse("mines:pond_list")).status_code == 403


def test_the_menu_leads_to_the_register_and_the_list_to_the_import(login, county_admin):
    html = login(county_admin).get(reverse("mines:pond_list")).content.decode()
    assert reverse("mines:pond_list") in html and reverse("mines:reading_import") in html
    assert "登记尾矿库" in html and "从Excel导入监测数据" in html  # zh_Hans compiled
