"""The crowded-places pages (人员密集场所, domain-rules §16): the register with its classification
and open 重大火灾隐患, a place's page with its judgements, adding and correcting places, and
recording a judgement that becomes a supervised hazard."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from anjian.core.models import AuditEntry
from anjian.crowded import rules, services
from anjian.crowded.models import CrowdedPlace, FireJudgement
from anjian.hazards.models import HazardCriterion

pytestmark = pytest.mark.django_db


def _place(actor, town, name="甲镇百货商场", place_type="mall", **extra):
    return services.place_create(
        actor=actor,
        data={"name": name, "town": town, "place_type": place_type, **extra},
    )


@pytest.fixture
def place(county_admin, town_a, sectors):
    return _place(county_admin, town_a, key_unit=True)


def _table(response, table="place-table") -> str:
    return response.content.decode().split(f'id="{table}"')[1]


def test_the_register_shows_classification_and_an_open_major_fire_hazard(
    login, county_admin, place, town_a
):
    _place(county_admin, town_a, name="幸福小区", place_type="residential")
    criterion = HazardCriterion.objects.filter(code__startswith="fire2017").first()
    services.judgement_create(
        actor=county_admin,
        place=place,
        data={"judged_on": dt.date(2025, 6, 1), "major": True, "criterion": criterion,
              "finding": "安全出口数量不足"},
        deadline=dt.date(2025, 7, 1),
    )  # fmt: skip
    table = _table(login(county_admin).get(reverse("crowded:place_list")))
    row = table.split("甲镇百货商场")[1].split("</tr>")[0]
    assert "公众聚集场所" in row and "人员密集场所" in row and "重点单位" in row
    assert "重大火灾隐患" in row and "2025年6月1日" in row
    other = table.split("幸福小区")[1].split("</tr>")[0]
    assert "人员密集场所" not in other and "重大火灾隐患" not in other


def test_the_register_filters_like_the_api(login, county_admin, place, town_a, town_b):
    _place(county_admin, town_a, name="幸福小区", place_type="residential")
    _place(county_admin, town_b, name="乙镇网吧", place_type="internet_cafe")
    client = login(county_admin)
    url = reverse("crowded:place_list")
    for query, names in [
        ("?crowded=1", ["甲镇百货商场", "乙镇网吧"]),
        ("?crowded=false", ["幸福小区"]),
        ("?key_unit=1", ["甲镇百货商场"]),
        (f"?town={town_b.code}", ["乙镇网吧"]),
        ("?place_type=residential", ["幸福小区"]),
        ("?q=网吧", ["乙镇网吧"]),
    ]:
        table = _table(client.get(url + query))
        api = client.get("/api/v1/crowded-places/" + query).json()["results"]
        assert sorted(n for n in ["甲镇百货商场", "幸福小区", "乙镇网吧"] if n in table) == sorted(
            names
        ), query
        assert sorted(row["name"] for row in api) == sorted(names), query


def test_the_register_reads_a_page_in_a_fixed_number_of_queries(
    login, county_admin, town_a, sectors, django_assert_max_num_queries
):
    for n in range(35):
        place = _place(county_admin, town_a, name=f"商场{n:02}")
        services.judgement_create(
            actor=county_admin,
            place=place,
            data={"judged_on": dt.date(2025, 6, 1), "finding": "通道堵塞"},
        )
    client = login(county_admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("crowded:place_list"))
    assert _table(response).count("<tr>") == 31


def test_an_officer_adds_and_corrects_a_place_and_both_are_audited(
    login, town_a_officer, town_a, sectors
):
    client = login(town_a_officer)
    added = client.post(
        reverse("crowded:place_create"),
        {
            "name": "甲镇中心幼儿园",
            "town": town_a.pk,
            "place_type": "kindergarten",
            "key_unit": "on",
        },
    )
    place = CrowdedPlace.objects.get()
    assert added.status_code == 302 and added["Location"] == place.get_absolute_url()
    assert (place.crowded, place.key_category) == (True, 2)
    edited = client.post(
        reverse("crowded:place_edit", args=[place.pk]),
        {"name": "甲镇中心幼儿园", "town": town_a.pk, "place_type": "kindergarten",
         "key_unit": "", "fire_safety_manager": "黄园长"},
    )  # fmt: skip
    assert edited.status_code == 302
    place.refresh_from_db()
    assert (place.key_unit, place.key_category, place.fire_safety_manager) == (
        False,
        None,
        "黄园长",
    )
    assert list(
        AuditEntry.objects.filter(object_id=str(place.pk), action__startswith="crowdedplace.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["crowdedplace.create", "crowdedplace.update"]


def test_an_enterprise_files_its_own_place_in_its_town(login, enterprise_user, enterprise_a):
    response = login(enterprise_user).post(
        reverse("crowded:place_create"),
        {"name": "职工宿舍", "enterprise": enterprise_a.pk, "place_type": "factory",
         "labour_intensive": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    place = CrowdedPlace.objects.get()
    assert (place.enterprise, place.town, place.crowded) == (enterprise_a, enterprise_a.town, True)


def test_a_major_judgement_on_the_page_becomes_a_supervised_hazard(login, county_admin, place):
    criterion = HazardCriterion.objects.filter(code__startswith="fire2017").first()
    client = login(county_admin)
    response = client.post(
        reverse("crowded:judgement_create", args=[place.pk]),
        {"judged_on": "2025-06-01", "major": "on", "criterion": criterion.pk,
         "finding": "安全出口数量不足", "deadline": "2025-07-01"},
    )  # fmt: skip
    assert response.status_code == 302
    judgement = FireJudgement.objects.get()
    assert judgement.standard == rules.GB35181_2017 and judgement.hazard.supervised
    page = client.get(place.get_absolute_url()).content.decode()
    assert "安全出口数量不足" in page and judgement.hazard.get_absolute_url() in page
    assert AuditEntry.objects.filter(action="firejudgement.create")


def test_a_major_judgement_without_a_deadline_is_refused_on_the_field(login, county_admin, place):
    response = login(county_admin).post(
        reverse("crowded:judgement_create", args=[place.pk]),
        {"judged_on": "2025-06-01", "major": "on", "finding": "安全出口数量不足"},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    assert not FireJudgement.objects.exists()


@pytest.mark.parametrize(
    "field,value,label",
    [
        ("name", "商场\x00", "名称"),
        ("key_category", "99999999999999999999", "重点单位类别"),
        ("address", "路\x1b", "地址"),
    ],
)
def test_hostile_input_is_a_form_error_naming_the_field_in_chinese(
    login, county_admin, town_a, sectors, field, value, label
):
    data = {"name": "商场", "town": town_a.pk, "place_type": "mall", "key_unit": "on", field: value}
    response = login(county_admin).post(reverse("crowded:place_create"), data)
    assert response.status_code == 200
    text = response.content.decode()
    widget = re.search(rf'<input[^>]*name="{field}"[^>]*>', text).group(0)
    feedback = re.search(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)<', text).group(1)
    assert "is-invalid" in widget and label in text
    assert re.search(r"[\u4e00-\u9fff]", feedback), feedback
    assert not CrowdedPlace.objects.exists()


def test_a_judgement_dated_in_the_far_future_is_refused(login, county_admin, place):
    response = login(county_admin).post(
        reverse("crowded:judgement_create", args=[place.pk]),
        {"judged_on": "9999-01-01", "finding": "x"},
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()


def test_another_towns_place_is_not_found(login, town_b_officer, place):
    client = login(town_b_officer)
    for name in ("crowded:place_detail", "crowded:place_edit", "crowded:judgement_create"):
        assert client.get(reverse(name, args=[place.pk])).status_code == 404, name
    assert "甲镇百货商场" not in _table(client.get(reverse("crowded:place_list")))


@pytest.mark.parametrize(
    "query", ["?crowded=%00&key_unit=maybe", "?town=%1b&place_type=x", "?q=%00", "?page=-5"]
)
def test_a_hostile_query_on_the_register_is_not_a_server_error(login, county_admin, place, query):
    assert login(county_admin).get(reverse("crowded:place_list") + query).status_code == 200
