"""Risk register pages: allowed user, the one without the right, the outsider."""

import pytest
from django.urls import reverse

from anjian.core.models import AuditEntry
from anjian.risks.models import RiskPoint


def _form(enterprise, **extra):
    data = {
        "enterprise": enterprise.pk,
        "name": "临边高处作业",
        "accident_types": ["09"],
        "method": "LEC",
        "l": "3",
        "e": "6",
        "c": "15",
        "measures": "临边防护",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("town_a_officer", {"a", "a_road", "public"}),
        ("traffic_officer", {"a_road", "public"}),
        ("enterprise_user", {"a"}),
        ("town_b_officer", {"b"}),
    ],
)
def test_list_shows_exactly_the_scope(persona, expected, points, login, request):
    html = login(request.getfixturevalue(persona)).get(reverse("risks:point_list")).content.decode()
    for key, point in points.items():
        assert (point.name in html) == (key in expected), point.name


def test_list_filters_by_level_and_method(points, login, county_admin):
    html = (
        login(county_admin)
        .get(reverse("risks:point_list") + "?level=major&method=LEC")
        .content.decode()
    )
    assert points["a"].name in html
    assert points["public"].name not in html and points["b"].name not in html


def test_list_query_count_does_not_grow(
    points, make_point, enterprise_a, login, county_admin, django_assert_max_num_queries
):
    client = login(county_admin)
    for i in range(15):
        make_point(enterprise=enterprise_a, name=f"点{i}")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("risks:point_list")).status_code == 200


def test_detail_shows_grading_and_timeline(points, login, town_a_officer):
    html = (
        login(town_a_officer)
        .get(reverse("risks:point_detail", args=[points["a"].pk]))
        .content.decode()
    )
    assert "L=6 × E=6 × C=15 = 540" in html and 'id="timeline"' in html


def test_outsider_gets_404_on_every_point_page(points, login, town_b_officer):
    client = login(town_b_officer)
    pk = points["a"].pk
    for name in ("point_detail", "point_edit", "point_card"):
        assert client.get(reverse(f"risks:{name}", args=[pk])).status_code == 404
    assert client.post(reverse("risks:point_delete", args=[pk])).status_code == 404
    assert (
        client.get(reverse("risks:enterprise_board", args=[points["a"].enterprise_id])).status_code
        == 404
    )
    assert RiskPoint.objects.filter(pk=pk).exists()


def test_leader_gets_403_on_writes(points, login, leader, enterprise_a):
    client = login(leader)
    assert client.get(reverse("risks:point_create")).status_code == 403
    assert client.post(reverse("risks:point_create"), _form(enterprise_a)).status_code == 403
    assert (
        client.post(
            reverse("risks:point_edit", args=[points["a"].pk]), _form(enterprise_a)
        ).status_code
        == 403
    )
    assert client.post(reverse("risks:point_delete", args=[points["a"].pk])).status_code == 403
    assert client.get(reverse("risks:point_detail", args=[points["a"].pk])).status_code == 200


def test_enterprise_user_registers_a_point_through_the_form(login, enterprise_user, enterprise_a):
    response = login(enterprise_user).post(reverse("risks:point_create"), _form(enterprise_a))
    point = RiskPoint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{point.pk}/")
    assert (point.level, point.control_level, point.town_id) == (
        "large",
        "department",
        enterprise_a.town_id,
    )


@pytest.mark.parametrize(
    "extra,field_error",
    [
        ({"l": "4"}, "请从表中取值"),
        ({"e": "", "c": ""}, "LEC"),
        ({"accident_types": []}, "事故类型"),
        ({"method": "LS", "l": "7", "s": "3", "e": "", "c": ""}, "1 到 5"),
    ],
)
def test_invalid_form_shows_chinese_field_errors_and_saves_nothing(
    extra, field_error, login, enterprise_user, enterprise_a
):
    response = login(enterprise_user).post(
        reverse("risks:point_create"), _form(enterprise_a, **extra)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-error" in html and field_error in html
    assert not RiskPoint.objects.exists()


def test_edit_through_the_form_is_audited(points, login, town_a_officer, enterprise_a):
    point = points["a"]
    response = login(town_a_officer).post(
        reverse("risks:point_edit", args=[point.pk]), _form(enterprise_a, name=point.name, l="1")
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.level == "general"
    entry = AuditEntry.objects.get(
        model="riskpoint", object_id=str(point.pk), action="riskpoint.update"
    )
    assert entry.changes["level"] == ["major", "general"] and entry.via == "web"


def test_delete_by_the_enterprise_user(points, login, enterprise_user):
    response = login(enterprise_user).post(reverse("risks:point_delete", args=[points["a"].pk]))
    assert response.status_code == 302
    assert not RiskPoint.objects.filter(pk=points["a"].pk).exists()


def test_notice_board_and_post_card_print(points, make_point, enterprise_a, login, enterprise_user):
    make_point(enterprise=enterprise_a, name="叉车作业", level_factors=("1", "3", "3"))
    client = login(enterprise_user)
    html = client.get(reverse("risks:enterprise_board", args=[enterprise_a.pk])).content.decode()
    assert html.index("甲化工储罐区") < html.index("叉车作业")  # highest level first
    assert 'id="overall-level">重大风险' in html
    assert "@page" in html and "nonce=" in html
    card = client.get(reverse("risks:point_card", args=[points["a"].pk])).content.decode()
    assert "岗位风险告知卡" in card and "火灾、容器爆炸" in card


def test_import_page_needs_the_write_right(login, leader):
    assert login(leader).get(reverse("risks:point_import")).status_code == 403
