"""stats/accidents/, `anjian stats` and both bulletins agree on one fixed set of accidents."""

import io
import json
import re
from decimal import Decimal

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anjian.accidents.bulletin import build_bulletin
from anjian.core.actors import SYSTEM
from anjian.core.documents import render
from anjian.core.periods import parse_period
from tests.accidents.conftest import at


@pytest.fixture
def two_years(make_accident, town_b, county):
    """March 2024: 3 road accidents (2 deaths, one late); March 2023: 2 accidents, 1 death."""
    make_accident(title="国道两车相撞", occurred_at=at(2024, 3, 5, 14, 30), deaths=1,
                  serious_injuries=1, minor_injuries=2, direct_loss="250000")
    make_accident(title="县道货车侧翻", occurred_at=at(2024, 3, 9, 8, 0), deaths=1,
                  minor_injuries=2, direct_loss="1000000", delay_minutes=95, town=town_b)
    make_accident(title="环城路追尾", occurred_at=at(2024, 3, 31, 23, 59), minor_injuries=0,
                  direct_loss="0")
    # Outside the period, either side of it (in Shanghai time).
    make_accident(title="四月事故", occurred_at=at(2024, 4, 1, 0, 0), deaths=5)
    make_accident(title="二月事故", occurred_at=at(2024, 2, 29, 23, 59), deaths=5)
    make_accident(title="去年道路", occurred_at=at(2023, 3, 10, 9, 0), deaths=1)
    make_accident(title="去年工地", occurred_at=at(2023, 3, 20, 9, 0), sector="construction",
                  serious_injuries=1)
    make_accident(title="涉险", occurred_at=at(2024, 3, 7, 9, 0), kind="dangerous_occurrence",
                  evacuated=600)


EXPECTED = {
    "period": "2024-03", "start": "2024-03-01", "end": "2024-03-31", "count": 3, "deaths": 2,
    "missing": 0, "serious_injuries": 1, "minor_injuries": 4, "direct_loss": "1250000.00",
    "previous": {"period": "2023-03", "start": "2023-03-01", "end": "2023-03-31", "count": 2,
                 "deaths": 1, "missing": 0, "serious_injuries": 1, "minor_injuries": 0,
                 "direct_loss": "0.00"},
    "change": {"count": 1, "count_pct": 50.0, "deaths": 1, "deaths_pct": 100.0},
    "by_sector": [{"sector": "road_traffic", "name": "道路交通", "count": 3, "deaths": 2}],
    "by_town": [{"town": "town_a", "name": "甲镇", "count": 2, "deaths": 1},
                {"town": "town_b", "name": "乙镇", "count": 1, "deaths": 1}],
    "by_grade": {"general": 3, "large": 0, "major": 0, "extraordinary": 0},
}
SEED_SENTENCE = ("我县2024年3月发生安全生产事故3起，与去年同期相比增加1起，上升50.0%，死亡2人，"
                 "与去年同期相比增加1人、上升100.0%")


def test_api_gives_the_contract_object(two_years, api_as, leader):
    response = api_as(leader).get("/api/v1/stats/accidents/?period=2024-03")
    assert response.status_code == 200
    assert response.json() == EXPECTED


def test_cli_gives_the_same_object(two_years):
    out = io.StringIO()
    call_command("stats", "accidents", "--period", "2024-03", "--json", stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED


def test_both_bulletins_carry_the_same_figures(two_years, tmp_path):
    markdown = tmp_path / "b.md"
    word = tmp_path / "b.docx"
    call_command("bulletin", "--period", "2024-03", "-o", str(markdown), stdout=io.StringIO())
    call_command("bulletin", "--period", "2024-03", "-o", str(word), stdout=io.StringIO())
    md_text = markdown.read_text(encoding="utf-8")
    document = docx.Document(str(word))
    word_text = "\n".join(p.text for p in document.paragraphs)
    for text in (md_text, word_text):
        assert SEED_SENTENCE in text
        assert "受伤5人（其中重伤1人），直接经济损失125.00万元" in text
        assert "2024年3月的安全生产事故全部集中在道路交通领域，共3起、死亡2人" in text
        assert "另发生较大涉险事故1起" in text
        assert "县道货车侧翻" in text and "1小时35分钟后才报告" in text
    rows = document.tables[0].rows
    assert [c.text for c in rows[0].cells][:5] == ["序号", "发生时间", "所属镇", "行业领域", "事故名称"]
    assert [r.cells[4].text for r in rows[1:]] == ["国道两车相撞", "县道货车侧翻", "环城路追尾"]
    charts = [r.target_part for r in document.part.rels.values() if r.reltype.endswith("/chart")]
    assert len(charts) == 1
    xml = charts[0].blob.decode()
    assert re.findall(r'<c:pt idx="2"><c:v>(\d+)</c:v>', xml)[-2:] == ["2", "3"]


def test_bulletin_says_decrease_and_no_percent_when_last_year_was_empty(make_accident, county):
    make_accident(occurred_at=at(2024, 5, 5, 9, 0), deaths=1)
    make_accident(occurred_at=at(2023, 6, 5, 9, 0))
    make_accident(occurred_at=at(2023, 6, 7, 9, 0))
    june, _data = build_bulletin(actor=SYSTEM, period=parse_period("2024-06"))
    assert "我县2024年6月未发生安全生产事故，与去年同期相比减少2起，下降100.0%" in june.text()
    may, data = build_bulletin(actor=SYSTEM, period=parse_period("2024-05"))
    assert data["change"]["count_pct"] is None
    assert "与去年同期相比增加1起（去年同期未发生事故）" in may.text()
    assert "与去年同期相比增加1人（去年同期无人员死亡）" in may.text()


def test_bulletin_in_markdown_lists_the_trend_figures(two_years):
    document, _ = build_bulletin(actor=SYSTEM, period=parse_period("2024-Q1"))
    text = render(document, "md").decode()
    assert "| 2024年 | 0 | 1 | 3 |" in text  # 2024-02-29 23:59 is February in Shanghai


@pytest.mark.parametrize("town,sector,count,previous", [
    ("town_b", "", 1, 0), ("", "construction", 0, 1), ("town_a", "road_traffic", 2, 1),
])
def test_filters_apply_to_both_years(two_years, api_as, county_admin, town, sector, count,
                                     previous):
    body = api_as(county_admin).get(
        f"/api/v1/stats/accidents/?period=2024-03&town={town}&sector={sector}").json()
    assert (body["count"], body["previous"]["count"]) == (count, previous)


def test_stats_are_scoped_to_the_caller(two_years, api_as, town_b_officer):
    body = api_as(town_b_officer).get("/api/v1/stats/accidents/?period=2024-03").json()
    assert body["count"] == 1 and body["by_town"][0]["town"] == "town_b"


@pytest.mark.parametrize("query", ["period=2024-13", "period=", "", "period=2024-Q1&town=zz"])
def test_bad_period_or_code_is_a_400_in_chinese(query, api_as, county_admin, two_years):
    response = api_as(county_admin).get(f"/api/v1/stats/accidents/?{query}")
    assert response.status_code == 400
    message = next(iter(response.json().values()))[0]
    assert re.search(r"[\u4e00-\u9fff]", message)


def test_cli_refuses_a_bad_period(db):
    with pytest.raises(CommandError, match="period"):
        call_command("stats", "accidents", "--period", "2024-Q5", "--json")


def test_quarter_and_year(two_years, api_as, county_admin):
    client = api_as(county_admin)
    quarter = client.get("/api/v1/stats/accidents/?period=2024-Q1").json()
    year = client.get("/api/v1/stats/accidents/?period=2024").json()
    assert (quarter["count"], quarter["end"]) == (4, "2024-03-31")
    assert (year["count"], year["deaths"], year["previous"]["period"]) == (5, 12, "2023")
    assert Decimal(year["direct_loss"]) == Decimal("1250000")


def test_stats_take_a_bounded_number_of_queries(two_years, county_admin,
                                                django_assert_max_num_queries):
    from anjian.accidents.stats import accident_stats

    with django_assert_max_num_queries(4):
        accident_stats(actor=county_admin, period=parse_period("2024"))
