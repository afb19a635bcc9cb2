"""The assessment pages: results with the chart, breakdowns, hand scores, publishing, the
scheme and the targets, the downloads and `anjian assessment`."""

import io
import json
import re

import docx
import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from anjian.accounts.models import Town
from anjian.assessment.models import AssessmentPublication, AssessmentTarget, HandScore


@pytest.fixture
def world(town_a, town_b, traffic_dept, emergency_dept, enterprise_a):
    return None


def test_the_results_page_shows_every_unit_and_the_chart(login, county_admin, world):
    page = login(county_admin).get(reverse("assessment:result_list"), {"year": 2025})
    html = page.content.decode()
    assert page.status_code == 200
    for name in ("甲镇", "乙镇", "县交通运输局"):
        assert name in html
    figure = json.loads(re.search(r'id="fig-scores"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert len(figure["data"][0]["x"]) == 4
    assert "plotly/plotly.min.js" in html and 'id="publish"' in html


def test_a_town_officer_sees_the_ranking_and_its_own_breakdown_only(login, town_a_officer, world):
    client = login(town_a_officer)
    html = client.get(reverse("assessment:result_list"), {"year": 2025}).content.decode()
    assert "乙镇" in html and 'id="publish"' not in html
    own = client.get(reverse("assessment:result_detail", args=[2025, "town", "town_a"]))
    assert own.status_code == 200 and "隐患整改率" in own.content.decode()
    other = client.get(reverse("assessment:result_detail", args=[2025, "town", "town_b"]))
    assert other.status_code == 404


def test_the_breakdown_links_each_score_to_its_records(login, county_admin, world):
    html = (
        login(county_admin)
        .get(reverse("assessment:result_detail", args=[2025, "town", "town_a"]))
        .content.decode()
    )
    assert "/hazards/?town=town_a&amp;found=2025" in html
    assert "/accidents/?town=town_a&amp;period=2025" in html


def test_the_county_admin_scores_a_hand_item_with_evidence(login, county_admin, world):
    client = login(county_admin)
    url = reverse("assessment:hand_score_set", args=[2025, "town", "town_a", "responsibility"])
    client.post(url, {"responsibility-points": "13.5", "responsibility-evidence": "责任书"})
    assert HandScore.objects.get(item="responsibility").points == 13.5
    client.post(url, {"responsibility-points": "16", "responsibility-evidence": "过高"})
    assert HandScore.objects.get(item="responsibility").points == 13.5  # over 15: refused


def test_publishing_from_the_page_and_twice_shows_a_message(login, county_admin, world):
    client = login(county_admin)
    client.post(reverse("assessment:result_publish"), {"year": 2025})
    assert AssessmentPublication.objects.filter(year=2025).count() == 1
    again = client.post(reverse("assessment:result_publish"), {"year": 2025}, follow=True)
    assert AssessmentPublication.objects.filter(year=2025).count() == 1
    assert "已经公布" in again.content.decode() or "already published" in again.content.decode()


def test_the_scheme_page_saves_and_refuses_weights_off_100(login, county_admin, world):
    client = login(county_admin)
    url = reverse("assessment:scheme_edit", args=[2025])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {
        name: (f.value() if f.value() is not None else "")
        for name, f in form.fields.items()
        for f in [form[name]]
    }
    data["max_points_0"] = "31"
    refused = client.post(url, data)
    assert refused.status_code == 200 and "101" in refused.content.decode()
    data["max_points_0"] = "30"
    data["code_12"], data["name_12"] = "bonus2", "新增项"
    data["max_points_12"] = "1"
    refused = client.post(url, data)
    assert "101" in refused.content.decode()


def test_the_targets_page_sets_each_units_targets(login, county_admin, world):
    client = login(county_admin)
    url = reverse("assessment:target_edit") + "?year=2025"
    assert client.get(url).status_code == 200
    town = Town.objects.get(code="town_a")
    client.post(url, {f"acc_town_{town.pk}": "2", f"deaths_town_{town.pk}": "1"})
    target = AssessmentTarget.objects.get(year=2025, town=town)
    assert (target.max_accidents, target.max_deaths) == (2, 1)


def test_others_may_not_open_the_scheme_or_targets(login, town_a_officer, enterprise_user, world):
    for user in (town_a_officer, enterprise_user):
        client = login(user)
        assert client.get(reverse("assessment:scheme_edit", args=[2025])).status_code == 403
        assert client.get(reverse("assessment:target_edit")).status_code == 403
    assert login(enterprise_user).get(reverse("assessment:result_list")).status_code == 403


def test_the_downloads_are_a_real_workbook_and_a_real_word_report(login, county_admin, world):
    client = login(county_admin)
    xlsx = client.get(reverse("assessment:result_export"), {"year": 2025})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    assert header[:2] == ["排名", "单位"] and header[-3:] == ["总分", "等次", "一票否决"]
    assert "隐患整改率（分）" in header and sheet.max_row == 5
    report = client.get(reverse("assessment:result_report"), {"year": 2025})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(report.content)).paragraphs)
    assert "2025年度安全生产目标管理考核结果的通报" in text and "一票否决" in text


def test_the_command_writes_the_table_and_the_report(tmp_path, world, make_accident):
    make_accident(deaths=3, title="较大事故")
    call_command("assessment", "--year", "2025", "-o", str(tmp_path / "a.xlsx"))
    rows = list(openpyxl.load_workbook(tmp_path / "a.xlsx").active.iter_rows(values_only=True))
    town_a = next(r for r in rows if r[1] == "甲镇")
    assert town_a[-2] == "不合格" and "较大事故" in town_a[-1]
    call_command("assessment", "--year", "2025", "-o", str(tmp_path / "a.docx"))
    text = "\n".join(p.text for p in docx.Document(tmp_path / "a.docx").paragraphs)
    assert "甲镇" in text and "较大事故" in text
