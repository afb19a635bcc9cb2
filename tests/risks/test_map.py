"""The four-colour map, the watch-list, the bands and the town outlines."""

import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from anjian.core import clock
from anjian.risks import rules, services
from anjian.risks.models import RiskBands, RiskPoint, TownOutline
from tests.conftest import make_enterprise


@pytest.fixture
def located(points, enterprise_a, enterprise_a_road, enterprise_b):
    for i, e in enumerate((enterprise_a, enterprise_a_road, enterprise_b)):
        e.lng, e.lat = Decimal("108.30") + i * Decimal("0.05"), Decimal("22.80")
        e.save()
    return points


def _markers(html: str, kind: str) -> dict[str, str]:
    """level → fill colour of the markers of one kind (enterprise or public)."""
    return dict(
        re.findall(rf'class="marker {kind}-marker" data-level="(\w+)"[^>]*fill="(#\w+)"', html)
    )


def test_map_colours_enterprises_by_their_highest_point(located, login, county_admin):
    html = login(county_admin).get(reverse("risks:map")).content.decode()
    levels = re.findall(r'class="marker enterprise-marker" data-level="(\w+)"', html)
    assert sorted(levels) == ["general", "large", "major"]
    assert _markers(html, "enterprise")["major"] == rules.LEVEL_COLOURS["major"] == "#d9312b"
    assert _markers(html, "public") == {"major": "#d9312b"}
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_map_counts_per_colour_and_unassessed_units(
    located, town_a, sectors, emergency_dept, login, county_admin
):
    make_enterprise(
        name="未评估单位",
        n=9,
        town=town_a,
        sector=sectors["industry_trade"],
        department=emergency_dept,
    )
    html = login(county_admin).get(reverse("risks:map")).content.decode()
    legend = html.split('id="map-legend"', 1)[1]
    for level, n in (("major", 1), ("large", 1), ("general", 1), ("low", 0), ("none", 1)):
        row = legend.split(f'data-level="{level}"', 1)[1]
        assert re.search(r'count-enterprises">(\d+)<', row).group(1) == str(n), level
    assert "1 个单位没有坐标" in html


def test_map_filters_by_sector_and_scope(located, login, county_admin, traffic_officer):
    html = login(county_admin).get(reverse("risks:map") + "?sector=industry_trade").content.decode()
    assert re.findall(r'enterprise-marker" data-level="(\w+)"', html) == ["large"]
    html = login(traffic_officer).get(reverse("risks:map")).content.decode()
    assert re.findall(r'enterprise-marker" data-level="(\w+)"', html) == ["general"]


def test_map_query_count_is_constant(
    located,
    make_point,
    town_a,
    sectors,
    emergency_dept,
    login,
    county_admin,
    django_assert_num_queries,
):
    client = login(county_admin)
    client.get(reverse("risks:map"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("risks:map"))
    for n in range(10, 30):
        e = make_enterprise(
            name=f"单位{n}",
            n=n,
            town=town_a,
            sector=sectors["industry_trade"],
            department=emergency_dept,
            lng=Decimal("108.3"),
            lat=Decimal("22.7"),
        )
        make_point(enterprise=e, name=f"点{n}")
        make_point(
            name=f"公共{n}",
            town=town_a,
            sector=sectors["waterway"],
            location="河段",
            lng=Decimal("108.31"),
            lat=Decimal("22.81"),
        )
    with django_assert_num_queries(len(before)):
        response = client.get(reverse("risks:map"))
    assert response.content.decode().count("marker enterprise-marker") == 23


def test_printable_map_has_print_css_and_no_navigation(located, login, leader):
    html = login(leader).get(reverse("risks:map_print")).content.decode()
    assert "@page" in html and 'id="risk-map"' in html and "navbar" not in html


def test_watch_list_counts_per_sector_and_town(
    located, make_point, enterprise_b, login, county_admin
):
    make_point(enterprise=enterprise_b, name="乙木业低风险", level_factors=("1", "3", "3"))
    html = login(county_admin).get(reverse("risks:watch_list")).content.decode()
    table = html.split('id="watch-enterprises"', 1)[1]
    assert "甲镇化工有限公司" in table and "乙镇木业有限公司" in table
    assert "甲镇运输有限公司" not in table  # general only
    sector = html.split('id="by-sector"', 1)[1]
    assert re.search(r'data-code="hazardous_chemicals"><td>[^<]+</td><td class="major">1<', sector)
    assert re.search(
        r'data-code="industry_trade"><td>[^<]+</td><td class="major">0</td>'
        r'<td class="large">1<',
        sector,
    )
    assert "甲镇河道游泳区" in html.split('id="watch-public"', 1)[1]


def test_watch_list_follows_the_scope(located, login, town_b_officer):
    html = login(town_b_officer).get(reverse("risks:watch_list")).content.decode()
    assert "乙镇木业有限公司" in html and "甲镇化工有限公司" not in html


def test_sector_bands_regrade_that_sectors_points(located, county_admin, sectors, login):
    public = located["public"]  # LS 4 × 5 = 20: major by default
    services.risk_bands_create(
        actor=county_admin,
        sector=sectors["waterway"],
        method="LS",
        major=Decimal(21),
        large=Decimal(15),
        general=Decimal(9),
    )
    public.refresh_from_db()
    assert public.level == "large" and public.bands.version == 1
    located["a"].refresh_from_db()
    assert located["a"].level == "major"  # another sector, untouched
    html = login(county_admin).get(reverse("risks:bands")).content.decode()
    assert 'id="bands-form"' in html and "水上交通" in html


def test_future_bands_wait_for_their_day_then_the_sweep_applies_them(located, county_admin):
    import datetime as dt

    from anjian.risks import sweep

    later = clock.today() + dt.timedelta(days=10)
    services.risk_bands_create(
        actor=county_admin,
        sector=None,
        method="LEC",
        major=Decimal(600),
        large=Decimal(160),
        general=Decimal(70),
        effective_on=later,
    )
    located["a"].refresh_from_db()
    assert located["a"].level == "major"  # 540: the new bands are not in force yet
    assert sweep.run(now=clock.now()) == {}  # nothing changes today, and no notifications
    located["a"].refresh_from_db()
    assert located["a"].level == "major"
    assert services.risk_points_regrade(actor=county_admin, on=later) >= 1
    located["a"].refresh_from_db()
    assert located["a"].level == "large" and located["a"].bands.version == 1
    assert located["a"].control_level == "enterprise"  # controlled above stays allowed


def test_only_the_county_admin_sets_bands(login, town_a_officer):
    client = login(town_a_officer)
    assert client.get(reverse("risks:bands")).status_code == 200
    response = client.post(
        reverse("risks:bands_create"),
        {
            "method": "LS",
            "major": "17",
            "large": "11",
            "general": "5",
            "effective_on": "2024-01-01",
        },
    )
    assert response.status_code == 403 and not RiskBands.objects.exists()


def test_bands_form_refuses_unordered_thresholds(login, county_admin):
    response = login(county_admin).post(
        reverse("risks:bands_create"),
        {
            "method": "LS",
            "major": "10",
            "large": "11",
            "general": "5",
            "effective_on": "2024-01-01",
        },
    )
    assert response.status_code == 200 and "field-error" in response.content.decode()
    assert not RiskBands.objects.exists()


def _geojson(features):
    return SimpleUploadedFile(
        "towns.geojson",
        json.dumps({"type": "FeatureCollection", "features": features}).encode(),
        "application/geo+json",
    )


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[108.2, 22.7], [108.3, 22.7], [108.3, 22.8], [108.2, 22.8], [108.2, 22.7]]],
}


def test_county_admin_uploads_outlines_that_the_map_draws(located, town_a, login, county_admin):
    client = login(county_admin)
    response = client.post(
        reverse("risks:outlines"),
        {
            "file": _geojson(
                [{"type": "Feature", "properties": {"name": "甲镇"}, "geometry": SQUARE}]
            )
        },
    )
    assert response.status_code == 302
    assert TownOutline.objects.get().town == town_a
    html = client.get(reverse("risks:map")).content.decode()
    assert 'class="town-outline" data-town="town_a"' in html


@pytest.mark.parametrize(
    "features,message",
    [
        ([{"type": "Feature", "properties": {"code": "nowhere"}, "geometry": SQUARE}], "未知"),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"code": "town_a"},
                    "geometry": {"type": "Point", "coordinates": [108.2, 22.7]},
                }
            ],
            "Polygon",
        ),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"code": "town_a"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [
                            [[108.2, 22.7], [108.3, 22.7], [108.3, 22.8], [108.2, 22.8]]
                        ],
                    },
                }
            ],
            "起点",
        ),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"code": "town_a"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [
                            [[308.2, 22.7], [108.3, 22.7], [108.3, 22.8], [308.2, 22.7]]
                        ],
                    },
                }
            ],
            "经纬度",
        ),
    ],
)
def test_invalid_geojson_is_refused_and_nothing_is_stored(
    features, message, town_a, login, county_admin
):
    response = login(county_admin).post(reverse("risks:outlines"), {"file": _geojson(features)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "field-error" in html and message in html
    assert not TownOutline.objects.exists()


def test_not_json_is_refused(town_a, login, county_admin):
    upload = SimpleUploadedFile("towns.geojson", b"{not json", "application/geo+json")
    response = login(county_admin).post(reverse("risks:outlines"), {"file": upload})
    assert "JSON" in response.content.decode() and not TownOutline.objects.exists()


def test_only_the_county_admin_uploads_outlines(town_a, login, town_a_officer):
    response = login(town_a_officer).post(
        reverse("risks:outlines"),
        {
            "file": _geojson(
                [{"type": "Feature", "properties": {"code": "town_a"}, "geometry": SQUARE}]
            )
        },
    )
    assert response.status_code == 403 and not TownOutline.objects.exists()


def test_no_risk_point_without_a_level(located):
    assert not RiskPoint.objects.filter(level="").exists()


def test_marker_titles_are_escaped(located, enterprise_a, login, county_admin):
    enterprise_a.name = '<script>alert("x")</script>化工'
    enterprise_a.save()
    html = login(county_admin).get(reverse("risks:map")).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;化工" in html
    assert "<script>alert" not in html


def _county_areas(html: str) -> dict[str, str]:
    """county code → the level its area is coloured by (the city's or province's map)."""
    return dict(re.findall(r'class="county-area" data-county="(\d+)" data-level="(\w+)"', html))


def test_city_map_draws_one_area_per_county_coloured_by_its_highest_level(
    located, region, login, city_admin
):
    html = login(city_admin).get(reverse("risks:map")).content.decode()
    assert _county_areas(html) == {"990121": "major", "990122": "none"}
    assert "甲县" in html and "乙县" in html and "甲市" in html
    assert 'href="?division=990121"' in html and 'href="?division=990122"' in html
    assert "enterprise-marker" not in html
    row = html.split('<tr data-county="990121">', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td>(\d+)</td>", row) == ["1", "1", "1", "0", "0", "1"]


def test_city_map_of_one_county_shows_its_towns_as_before(located, region, login, city_admin):
    html = login(city_admin).get(reverse("risks:map") + "?division=990121").content.decode()
    assert "county-area" not in html
    levels = re.findall(r'class="marker enterprise-marker" data-level="(\w+)"', html)
    assert sorted(levels) == ["general", "large", "major"]


def test_county_admin_map_in_a_city_is_unchanged(located, region, login, county_x_admin):
    html = login(county_x_admin).get(reverse("risks:map")).content.decode()
    assert "county-area" not in html and "乙县" not in html
    levels = re.findall(r'class="marker enterprise-marker" data-level="(\w+)"', html)
    assert sorted(levels) == ["general", "large", "major"]


def test_city_map_draws_a_county_from_its_towns_outlines(
    located, region, town_a, town_b, login, city_admin
):
    shifted = {
        "type": "Polygon",
        "coordinates": [[[lng + 0.1, lat] for lng, lat in SQUARE["coordinates"][0]]],
    }
    TownOutline.objects.create(town=town_a, geometry=SQUARE)
    TownOutline.objects.create(town=town_b, geometry=shifted)
    client = login(city_admin)
    html = client.get(reverse("risks:map")).content.decode()
    path = re.search(r'data-county="990121" data-level="major" d="([^"]+)"', html).group(1)
    assert path.count("M") == 2  # both towns' outlines make the county's area
    assert "990122" not in html.split('class="county-areas"', 1)[1].split("</g>", 1)[0]
    assert 'data-county="990122"' in html.split('id="county-table"', 1)[1]  # still in the table
    printable = client.get(reverse("risks:map_print")).content.decode()
    assert 'data-county="990121"' in printable


def test_city_map_query_count_does_not_grow_with_units(
    located, region, sectors, emergency_dept, login, city_admin, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(city_admin)
    client.get(reverse("risks:map"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("risks:map"))
    for n in range(10, 20):
        make_enterprise(
            name=f"丙镇单位{n}",
            n=n,
            town=region.town_c,
            sector=sectors["industry_trade"],
            department=emergency_dept,
        )
    with django_assert_num_queries(len(before)):
        html = client.get(reverse("risks:map")).content.decode()
    assert _county_areas(html)["990122"] == "none"
    assert re.findall(r"<td>(\d+)</td>", html.split('<tr data-county="990122">', 1)[1])[4] == "10"
