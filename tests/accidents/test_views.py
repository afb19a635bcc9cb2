"""Accident pages: the allowed user, the one without the right, and the outsider."""

import pytest
from django.urls import reverse
from django.utils import timezone

from anjian.accidents import services
from anjian.accidents.models import Accident
from anjian.core import clock
from tests.accidents.conftest import at


@pytest.fixture
def accident(make_accident):
    return make_accident(title="甲镇国道事故", deaths=1, occurred_at=clock.now() - timezone.timedelta(hours=3))


def test_detail_shows_revisions_and_forwarding(accident, login, county_admin):
    services.accident_revise(actor=county_admin, accident=accident, figures={"deaths": 3},
                             note="补报死亡")
    html = login(county_admin).get(reverse("accidents:accident_detail", args=[accident.pk]))
    text = html.content.decode()
    assert html.status_code == 200
    assert "补报死亡" in text and 'id="revisions"' in text and "较大" in text
    assert "省（自治区）" in text  # a large accident goes up to the province too


def test_outsider_gets_404_on_the_detail(accident, login, town_b_officer):
    url = reverse("accidents:accident_detail", args=[accident.pk])
    assert login(town_b_officer).get(url).status_code == 404


@pytest.mark.parametrize("persona,status", [("county_admin", 200), ("town_a_officer", 200),
                                            ("leader", 403), ("enterprise_user", 403)])
def test_report_form_by_role(persona, status, login, request, town_a, sectors):
    response = login(request.getfixturevalue(persona)).get(reverse("accidents:accident_create"))
    assert response.status_code == status


def test_form_post_shows_chinese_field_error_and_saves_nothing(login, town_a_officer, town_a,
                                                               sectors):
    response = login(town_a_officer).post(reverse("accidents:accident_create"), {
        "kind": "accident", "title": "x", "occurred_at": "2024-03-05T14:30",
        "reported_at": "2024-03-05T14:00", "town": town_a.pk,
        "sector": sectors["road_traffic"].pk, "accident_type": "02", "deaths": "-1",
        "missing": 0, "serious_injuries": 0, "minor_injuries": 0, "direct_loss": 0,
        "endangered": 0, "trapped": 0, "evacuated": 0})
    text = response.content.decode()
    assert response.status_code == 200
    assert "确保该值大于或等于0" in text
    assert "报告时间不能早于事故发生时间" in text
    assert Accident.objects.count() == 0


def test_form_post_records_the_accident(login, town_a_officer, town_a, sectors):
    response = login(town_a_officer).post(reverse("accidents:accident_create"), {
        "kind": "accident", "title": "甲镇工地坍塌", "occurred_at": "2024-03-05T14:30",
        "reported_at": "2024-03-05T15:31", "town": town_a.pk,
        "sector": sectors["construction"].pk, "accident_type": "10", "deaths": 3,
        "missing": 0, "serious_injuries": 0, "minor_injuries": 0, "direct_loss": 0,
        "endangered": 0, "trapped": 0, "evacuated": 0})
    accident = Accident.objects.get()
    assert response.status_code == 302 and accident.grade == "large" and accident.report_late


def test_list_is_scoped_and_query_count_is_flat(make_accident, login, town_b_officer, town_b,
                                                django_assert_max_num_queries):
    for i in range(15):
        make_accident(title=f"乙镇事故{i}", town=town_b, occurred_at=at(2024, 3, 1 + i, 9, 0))
    make_accident(title="甲镇事故")
    client = login(town_b_officer)
    with django_assert_max_num_queries(12):
        text = client.get(reverse("accidents:accident_list")).content.decode()
    assert "乙镇事故3" in text and "甲镇事故" not in text


def test_stats_page_has_figures_and_offline_charts(make_accident, login, leader):
    make_accident(occurred_at=at(2024, 3, 5, 9, 0), deaths=2)
    response = login(leader).get(reverse("accidents:accident_stats") + "?period=2024-03")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'id="fig-trend"' in text and "/static/plotly/plotly.min.js" in text
    # Every script and stylesheet comes from the platform itself (a random CSRF token may
    # spell "cdn", so look at the addresses, not the letters).
    assert "/static/accidents/charts.js" in text
    assert 'src="http' not in text and 'href="http' not in text and 'src="//' not in text
    assert 'id="bulletin-docx"' in text


def test_stats_page_bad_period_is_a_400(login, leader, db):
    response = login(leader).get(reverse("accidents:accident_stats") + "?period=2024-13")
    assert response.status_code == 400 and "统计期" in response.content.decode()


@pytest.mark.parametrize("persona,status", [("county_admin", 200), ("leader", 200),
                                            ("town_a_officer", 403), ("enterprise_user", 403)])
def test_bulletin_download_by_role(persona, status, login, request, make_accident, county):
    make_accident(occurred_at=at(2024, 3, 5, 9, 0))
    url = reverse("accidents:bulletin_download") + "?period=2024-03&format=md"
    response = login(request.getfixturevalue(persona)).get(url)
    assert response.status_code == status
    if status == 200:
        assert "我县2024年3月发生安全生产事故1起" in response.content.decode()


def test_bulletin_download_in_word(login, county_admin, make_accident, county):
    make_accident(occurred_at=at(2024, 3, 5, 9, 0))
    response = login(county_admin).get(reverse("accidents:bulletin_download") + "?period=2024-03")
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert response.content[:2] == b"PK"


def test_export_is_scoped(make_accident, login, town_b_officer, town_b):
    from io import BytesIO

    from openpyxl import load_workbook

    make_accident(title="乙镇的", town=town_b)
    make_accident(title="甲镇的")
    response = login(town_b_officer).get(reverse("accidents:accident_export"))
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["乙镇的"]


def test_detail_page_states_the_last_day_of_the_supplementary_window(login, county_admin,
                                                                     make_accident):
    from tests.accidents.conftest import at

    accident = make_accident(sector="construction", occurred_at=at(2024, 3, 1, 20, 0))
    page = login(county_admin).get(f"/accidents/{accident.pk}/").content.decode()
    line = page.split('id="window-end"')[1].split("</p>")[0]
    assert "2024-03-31 24时" in line
