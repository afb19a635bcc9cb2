"""`anjian briefing`: the meeting material quotes the statistics object, the work calendar and
the watch lists, and its Word file is a GB/T 9704 document that LibreOffice renders."""

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument
from docx.oxml.ns import qn

from anjian import hooks
from anjian.accidents import services as accident_services
from anjian.accidents.stats import accident_stats
from anjian.accounts.models import County
from anjian.core import clock
from anjian.core.actors import SYSTEM
from anjian.core.models import AuditEntry
from anjian.core.periods import parse_period
from anjian.duty import calendar
from anjian.duty import services as duty_services
from anjian.duty.models import DateSystem, LocalFestival, PeriodWork, Season, WorkTiming
from anjian.registry.models import Licence
from anjian.reports.briefing import Standing, build_briefing
from tests.support.environment import missing

MEETING_DAY = dt.date(2025, 11, 28)


def at(*args) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


def accident(town, sector, when: dt.datetime, **fields):
    return accident_services.accident_report(
        actor=SYSTEM,
        data={
            "title": fields.pop("title", "测试事故"),
            "occurred_at": when,
            "reported_at": when + dt.timedelta(minutes=20),
            "town": town,
            "sector": sector,
            "accident_type": "02",
            "direct_loss": Decimal(fields.pop("direct_loss", 0)),
            **fields,
        },
    )


@pytest.fixture
def county(db):
    return County.objects.create(code="demo", name="示例县")


@pytest.fixture
def november(county, town_a, town_b, sectors):
    """Two road accidents in November 2025 (2 and 1 deaths), one in November 2024 (none)."""
    road = sectors["road_traffic"]
    with clock.frozen(MEETING_DAY):
        accident(town_a, road, at(2025, 11, 3, 9, 0), deaths=2, direct_loss=120000)
        accident(town_b, road, at(2025, 11, 20, 18, 30), deaths=1, serious_injuries=2)
        accident(town_a, road, at(2024, 11, 12, 8, 0))


def _text(content: bytes) -> str:
    return re.sub(r"\s+", "", content.decode("utf-8"))


def _pdf_text(docx: bytes, tmp_path) -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        missing("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    if shutil.which("pdftotext") is None:
        missing("pdftotext is not installed: apt-get install poppler-utils")
    source = tmp_path / "briefing.docx"
    source.write_bytes(docx)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "briefing.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
def test_the_briefing_docx_renders_through_libreoffice_with_the_months_figures_and_next_holiday(
    november, tmp_path
):
    output = tmp_path / "x.docx"
    with clock.frozen(MEETING_DAY):
        call_command("briefing", "--period", "2025-11", "-o", str(output), stdout=io.StringIO())
        data = accident_stats(actor=SYSTEM, period=parse_period("2025-11"))
        holiday = calendar.next_holiday(MEETING_DAY)
    text = _pdf_text(output.read_bytes(), tmp_path)

    assert (data["count"], data["deaths"], data["previous"]["count"]) == (2, 3, 1)
    assert f"我县2025年11月发生安全生产事故{data['count']}起" in text
    assert (
        f"与去年同期相比增加{data['change']['count']}起，上升{data['change']['count_pct']}%" in text
    )
    # Last year had no deaths: an increase in people, no percentage divided by zero.
    assert (
        f"死亡{data['deaths']}人，与去年同期相比增加{data['deaths']}人（去年同期无人员死亡）"
        in text
    )
    assert "全部集中在道路交通领域" in text
    assert holiday.name == "元旦"
    assert holiday.name in text
    assert "示例县安全生产委员会办公室" in text
    assert "2025年11月28日" in text


def test_the_word_file_is_laid_out_as_gb_t_9704(november):
    with clock.frozen(MEETING_DAY):
        document, _data = build_briefing(actor=SYSTEM, period=parse_period("2025-11"))
    from anjian.core.documents import render_official

    doc = WordDocument(io.BytesIO(render_official(document, "docx")))
    section = doc.sections[0]
    mm = 36000  # EMU per millimetre
    assert [round(x / mm) for x in (section.page_width, section.page_height)] == [210, 297]
    assert [
        round(x / mm)
        for x in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    # 225 mm / 22 lines = 28.95 pt; 156 mm / 28 characters = 15.79 pt (16 pt less 0.21 pt).
    assert grid.get(qn("w:linePitch")) == "579"
    assert -870 < int(grid.get(qn("w:charSpace"))) < -820

    masthead = doc.paragraphs[0]
    assert masthead.text == "示例县安全生产委员会办公室"
    run = masthead.runs[0]
    assert str(run.font.color.rgb) == "FF0000"
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    title = next(p for p in doc.paragraphs if "会议材料" in p.text)
    assert title.runs[0].font.size.pt == 22
    body = next(p for p in doc.paragraphs if p.text.startswith("我县"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    heading = next(p for p in doc.paragraphs if p.text.startswith("一、"))
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    sub = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    assert sub.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    # Fallbacks for machines without the GB2312 typefaces.
    fonts = next(
        r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")
    ).blob.decode("utf-8")
    assert re.search(r'w:name="仿宋_GB2312">\s*<w:altName w:val="仿宋"', fonts)
    assert re.search(r'w:name="楷体_GB2312">\s*<w:altName w:val="楷体"', fonts)
    # Signature block: the office, then the date 右空四字.
    tail = [p for p in doc.paragraphs if p.text][-2:]
    assert [p.text for p in tail] == ["示例县安全生产委员会办公室", "2025年11月28日"]
    assert tail[1].paragraph_format.right_indent.pt == 64


def test_a_quiet_month_after_a_quiet_year_divides_by_nothing(county, sectors):
    with clock.frozen(MEETING_DAY):
        document, data = build_briefing(actor=SYSTEM, period=parse_period("2025-10"))
    assert data["count"] == data["previous"]["count"] == 0
    assert (
        document.sections[0]
        .paragraphs[0]
        .startswith("我县2025年10月未发生安全生产事故，与去年同期持平。")
    )
    assert "%" not in document.sections[0].paragraphs[0]


def test_coming_holidays_and_seasons_bring_their_typical_accidents_and_tasks(county_admin):
    for name, timing, title in (
        ("清明节", WorkTiming.DURING, "森林防火"),
        ("三月三", WorkTiming.BEFORE, "道路交通安全"),
        ("汛期", WorkTiming.BEFORE, "汛前安全生产大检查"),
    ):
        duty_services.calendar_item_save(
            actor=county_admin,
            instance=PeriodWork(),
            via="test",
            data={"period": name, "timing": timing, "title": title},
        )
    duty_services.calendar_item_save(
        actor=county_admin,
        instance=LocalFestival(),
        via="test",
        data={"name": "三月三", "date_system": DateSystem.LUNAR, "month": 3, "day": 3, "days": 2},
    )
    duty_services.calendar_item_save(
        actor=county_admin,
        instance=Season(),
        via="test",
        data={"name": "汛期", "start_month": 4, "start_day": 1, "end_month": 9, "end_day": 30},
    )
    with clock.frozen(dt.date(2025, 3, 20)):
        document, _data = build_briefing(actor=county_admin, period=parse_period("2025-Q1"))
    text = document.text()
    section = text[text.index("三、近期节假日") : text.index("四、节假日值班值守")]
    assert "清明节（2025年4月4日至2025年4月6日）：是森林火灾、道路交通等事故的易发" in section
    assert "期间森林防火" in section
    assert "三月三（2025年3月29日至2025年4月1日）：是道路交通" in section
    assert "节前道路交通安全" in section
    assert "劳动节" in section and "汛期（2025年4月1日至2025年9月30日）" in section
    assert "汛前安全生产大检查" in section
    assert section.index("三月三") < section.index("清明节") < section.index("劳动节")
    duty = text[text.index("四、节假日值班值守") :]
    assert "“三月三”、“清明节”、“劳动节”" in duty and "领导带班" in duty


def test_watch_lists_name_expired_high_risk_units_and_the_standings_hook_fills_its_section(
    county, enterprise_a, enterprise_a_road, monkeypatch
):
    # enterprise_a is in a high-risk sector; its only licence has expired.
    Licence.objects.create(
        enterprise=enterprise_a,
        kind="安全生产许可证",
        number="(桂)WH安许证字[2020]001",
        issued_on=dt.date(2020, 1, 1),
        expires_on=dt.date(2023, 1, 1),
    )
    monkeypatch.setattr(
        hooks, "BRIEFING_STANDINGS", ["tests.reports.test_briefing.published_standings"]
    )
    with clock.frozen(MEETING_DAY):
        document, _data = build_briefing(actor=SYSTEM, period=parse_period("2025"))
    first = document.sections[2]
    assert first.heading == "（一）许可证已过期的高危行业企业"
    assert [row[1] for row in first.tables[0].rows] == [enterprise_a.name]
    standings = document.sections[-1]
    assert standings.heading == "五、考核排名"
    assert standings.tables[0].rows == [["1", "甲镇", "96.5", "优秀"]]


def published_standings(*, actor, year):
    return [Standing(rank=1, unit="甲镇", score="96.5", grade="优秀")]


def test_without_published_results_the_standings_section_says_so(county):
    with clock.frozen(MEETING_DAY):
        document, _data = build_briefing(actor=SYSTEM, period=parse_period("2025"))
    assert document.sections[-1].paragraphs == [
        "2025年度安全生产目标考核结果尚未公布，公布后在此列出排名。"
    ]


def test_the_leader_downloads_the_briefing_from_its_page_and_the_download_is_audited(
    november, leader, login
):
    client = login(leader)
    page = client.get(reverse("reports:briefing"))
    assert page.status_code == 200
    assert b'id="briefing-form"' in page.content
    with clock.frozen(MEETING_DAY):
        response = client.get(reverse("reports:briefing"), {"period": "2025-11", "format": "md"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="briefing-2025-11.md"'
    assert "我县2025年11月发生安全生产事故2起" in _text(response.content)
    assert AuditEntry.objects.filter(action="export.briefing", username=leader.username).exists()
    word = client.get(reverse("reports:briefing"), {"period": "2025-11"})
    assert word["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_bad_period_is_refused_in_chinese_and_a_town_officer_may_not_download(
    county, leader, town_a_officer, login
):
    response = login(leader).get(reverse("reports:briefing"), {"period": "2025-13"})
    assert response.status_code == 400
    assert "2024-03" in response.content.decode()
    assert login(town_a_officer).get(reverse("reports:briefing")).status_code == 403
