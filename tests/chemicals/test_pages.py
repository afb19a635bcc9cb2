"""The chemicals pages (危化): the inventories with their tag badges, one unit's inventory kept by
the unit itself, and the units the next weather warning would reach (domain-rules §14)."""

import re

import pytest
from django.urls import reverse

from anjian.chemicals import services
from anjian.chemicals.models import ChemicalStock
from anjian.core.models import AuditEntry
from tests.conftest import make_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture
def stocks(county_admin, enterprise_a, enterprise_b):
    return {
        "carbide": services.stock_create(
            actor=county_admin,
            enterprise=enterprise_a,
            data={"name": "电石", "cas": "75-20-7", "max_stock_t": 20},
        ),
        "chlorine": services.stock_create(
            actor=county_admin, enterprise=enterprise_a, data={"name": "液氯", "max_stock_t": 3}
        ),
        "lpg": services.stock_create(
            actor=county_admin,
            enterprise=enterprise_b,
            data={"name": "液化石油气", "max_stock_t": 8},
        ),
    }


def test_the_list_shows_each_stock_with_its_tags_as_badges(login, county_admin, stocks):
    text = login(county_admin).get(reverse("chemicals:stock_list")).content.decode()
    assert "电石" in text and "液化石油气" in text
    assert "遇水反应" in text and "重点监管" in text and "有毒释放" in text and "受热敏感" in text


def test_the_list_filters_by_tag_and_by_town(login, county_admin, stocks, town_b):
    client = login(county_admin)
    by_tag = client.get(reverse("chemicals:stock_list") + "?tag=water_reactive").content.decode()
    assert "电石" in by_tag and "液氯" not in by_tag and "液化石油气" not in by_tag
    by_town = client.get(reverse("chemicals:stock_list") + f"?town={town_b.code}").content.decode()
    assert "液化石油气" in by_town and "电石" not in by_town


def test_a_town_officer_sees_only_its_towns_stock(login, town_b_officer, stocks):
    text = login(town_b_officer).get(reverse("chemicals:stock_list")).content.decode()
    assert "液化石油气" in text and "电石" not in text


def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    login, county_admin, town_a, sectors, emergency_dept, django_assert_max_num_queries
):
    for n in range(35):
        unit = make_enterprise(
            name=f"化工{n}", n=100 + n, town=town_a, sector=sectors["hazardous_chemicals"],
            department=emergency_dept,
        )  # fmt: skip
        services.stock_create(
            actor=county_admin, enterprise=unit, data={"name": "电石", "max_stock_t": 1}
        )
    client = login(county_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("chemicals:stock_list"))
    text = response.content.decode()
    assert text.count("badge text-bg-primary") == 30  # one page; the rest on page 2
    assert "共 35 条" in text or "35" in text.split('class="pagination')[1]


def test_an_enterprise_keeps_its_own_inventory_and_every_change_is_audited(
    login, enterprise_user, enterprise_a
):
    client = login(enterprise_user)
    added = client.post(
        reverse("chemicals:stock_create", args=[enterprise_a.pk]),
        {"name": "金属钠", "cas": "", "max_stock_t": "0.5"},
    )
    assert added.status_code == 302
    stock = ChemicalStock.objects.get(enterprise=enterprise_a)
    assert stock.tags == ["water_reactive"]
    page = client.get(reverse("chemicals:enterprise_stock", args=[enterprise_a.pk]))
    assert "金属钠" in page.content.decode() and "遇水反应" in page.content.decode()
    edited = client.post(
        reverse("chemicals:stock_edit", args=[stock.pk]),
        {"name": "液氨", "cas": "7664-41-7", "max_stock_t": "2"},
    )
    assert edited.status_code == 302
    stock.refresh_from_db()
    assert stock.tags == ["key_supervised", "toxic_release"]
    client.post(reverse("chemicals:stock_delete", args=[stock.pk]))
    assert not ChemicalStock.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_id=str(stock.pk), action__startswith="chemicalstock.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["chemicalstock.create", "chemicalstock.update", "chemicalstock.delete"]


@pytest.mark.parametrize(
    "field,value,label",
    [
        ("name", "电石\x00", "化学品"),
        ("max_stock_t", "1e30", "最大储量"),
        ("max_stock_t", "-1", "最大储量"),
        ("cas", "7782-50-4", "CAS"),
    ],
)
def test_hostile_input_is_a_form_error_naming_the_field_in_chinese(
    login, enterprise_user, enterprise_a, field, value, label
):
    data = {"name": "电石", "cas": "", "max_stock_t": "1", field: value}
    client = login(enterprise_user)
    client.cookies["django_language"] = "zh-hans"
    response = client.post(reverse("chemicals:stock_create", args=[enterprise_a.pk]), data)
    assert response.status_code == 200
    text = response.content.decode()
    widget = re.search(rf'<input[^>]*name="{field}"[^>]*>', text).group(0)
    feedback = re.search(r'class="invalid-feedback[^"]*"[^>]*>([^<]+)<', text).group(1)
    assert "is-invalid" in widget and label in text
    assert re.search(r"[\u4e00-\u9fff]", feedback), feedback  # the message is Chinese
    assert not ChemicalStock.objects.exists()


def test_another_towns_unit_and_stock_are_not_found(login, town_b_officer, stocks, enterprise_a):
    client = login(town_b_officer)
    pk = stocks["carbide"].pk
    assert (
        client.get(reverse("chemicals:enterprise_stock", args=[enterprise_a.pk])).status_code == 404
    )
    assert client.get(reverse("chemicals:stock_edit", args=[pk])).status_code == 404
    assert client.post(reverse("chemicals:stock_delete", args=[pk])).status_code == 404
    assert ChemicalStock.objects.filter(pk=pk).exists()


def test_the_weather_reach_names_the_units_the_warning_code_would_reach(
    login, county_admin, town_b_officer, stocks
):
    client = login(county_admin)
    rain = client.get(reverse("chemicals:weather_reach") + "?kind=rainstorm&level=yellow")
    text = rain.content.decode()
    assert "甲镇化工有限公司" in text and "乙镇" not in text.split('id="reach-table"')[1]
    heat = client.get(reverse("chemicals:weather_reach") + "?kind=heat&level=orange")
    assert "乙镇木业有限公司" in heat.content.decode().split('id="reach-table"')[1]
    below = client.get(reverse("chemicals:weather_reach") + "?kind=rainstorm&level=blue")
    assert "甲镇化工有限公司" not in below.content.decode().split('id="reach-table"')[1]
    # an officer sees the reach inside its own town only
    other = login(town_b_officer).get(reverse("chemicals:weather_reach") + "?kind=rainstorm")
    assert "甲镇化工有限公司" not in other.content.decode()


def test_an_enterprise_user_does_not_open_the_weather_reach(login, enterprise_user):
    assert login(enterprise_user).get(reverse("chemicals:weather_reach")).status_code == 403


def test_the_units_file_has_an_inventory_tab_that_opens_the_inventory(
    login, enterprise_user, stocks, enterprise_a
):
    client = login(enterprise_user)
    url = reverse("reports:enterprise_file", args=[enterprise_a.pk]) + "?tab=chemicals"
    text = client.get(url).content.decode()
    assert "危化品台账" in text and "电石" in text and "遇水反应" in text
    assert reverse("chemicals:enterprise_stock", args=[enterprise_a.pk]) in text


@pytest.mark.parametrize(
    "query",
    [
        "?enterprise=99999999999999999999",
        "?tag=%00&town=%1b&q=%00",
        "?page=99999999999999999999",
        "?enterprise=-1",
    ],
)
def test_a_hostile_query_on_the_list_is_ignored_not_a_server_error(
    login, county_admin, stocks, query
):
    assert login(county_admin).get(reverse("chemicals:stock_list") + query).status_code == 200


def test_a_hostile_weather_question_falls_back_to_a_rainstorm(login, county_admin, stocks):
    response = login(county_admin).get(reverse("chemicals:weather_reach") + "?kind=%00&level=9")
    assert response.status_code == 200 and "甲镇化工有限公司" in response.content.decode()


def test_an_enterprise_sees_its_own_stock_and_only_the_chemicals_entry_of_the_key_sectors(
    login, enterprise_user, traffic_officer, stocks
):
    client = login(enterprise_user)
    text = client.get(reverse("chemicals:stock_list")).content.decode()
    table = text.split('id="stock-table"')[1]
    assert "电石" in table and "液化石油气" not in table
    assert 'href="/chemicals/"' in text
    assert 'href="/roads/"' not in text and 'href="/crowded/"' not in text
    officer = login(traffic_officer).get(reverse("chemicals:stock_list")).content.decode()
    assert 'href="/roads/"' in officer and 'href="/crowded/"' in officer


def test_the_weather_reach_and_a_units_inventory_read_in_a_fixed_number_of_queries(
    login, county_admin, town_a, sectors, emergency_dept, django_assert_max_num_queries
):
    unit = None
    for n in range(30):
        unit = make_enterprise(
            name=f"化工{n}", n=200 + n, town=town_a, sector=sectors["hazardous_chemicals"],
            department=emergency_dept,
        )  # fmt: skip
        for name in ("电石", "液氯"):
            services.stock_create(
                actor=county_admin, enterprise=unit, data={"name": name, "max_stock_t": 1}
            )
    client = login(county_admin)
    with django_assert_max_num_queries(12):  # the same with 1 unit or 30
        reach = client.get(reverse("chemicals:weather_reach") + "?kind=rainstorm&level=red")
    assert reach.content.decode().split('id="reach-table"')[1].count("<tr>") == 31
    with django_assert_max_num_queries(10):
        inventory = client.get(reverse("chemicals:enterprise_stock", args=[unit.pk]))
    assert inventory.content.decode().count("遇水反应") == 1


def test_a_chemical_the_unit_already_keeps_is_refused_on_the_form(
    login, enterprise_user, enterprise_a, stocks
):
    response = login(enterprise_user).post(
        reverse("chemicals:stock_create", args=[enterprise_a.pk]),
        {"name": "电石", "cas": "", "max_stock_t": "3"},
    )
    assert response.status_code == 200 and "alert-danger" in response.content.decode()
    assert ChemicalStock.objects.filter(enterprise=enterprise_a, name="电石").count() == 1
