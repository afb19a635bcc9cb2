"""The register, the trainings, the hours against the target, enterprise training status and the
Excel exports, as the personas see them."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from anjian.core.rules import rule_setting_change
from anjian.workforce import services
from anjian.workforce.models import Induction, Inspector, Training
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def test_the_register_lists_the_units_inspectors_with_certificate_warnings(
    login, town_a_officer, inspectors
):
    page = login(town_a_officer).get(reverse("workforce:inspector_list")).content.decode()
    assert "王伟" in page and "李娜" in page and "张强" not in page
    expiring = login(town_a_officer).get(
        reverse("workforce:inspector_list"), {"certificate": "expiring"}
    )
    assert [i.name for i in expiring.context["page"]] == ["李娜"]


def test_the_register_page_runs_a_constant_number_of_queries(
    login, county_admin, inspectors, django_assert_max_num_queries
):
    client = login(county_admin)
    client.get(reverse("workforce:inspector_list"))
    for n in range(40):
        Inspector.objects.create(name=f"执法{n}", unit_kind="county")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("workforce:inspector_list")).status_code == 200


def test_a_department_officer_registers_and_edits_its_inspector_on_the_page(
    login, traffic_officer, traffic_dept, inspectors
):
    client = login(traffic_officer)
    response = client.post(
        reverse("workforce:inspector_create"),
        {
            "name": "刘洋",
            "unit": f"department:{traffic_dept.pk}",
            "certificate_number": "桂执证00077",
            "certificate_issued_on": "2024-03-01",
            "certificate_expires_on": "2029-02-28",
            "active": "on",
        },
    )
    liu = Inspector.objects.get(name="刘洋")
    assert response.status_code == 302 and liu.unit_code == "transport"
    bad = client.post(
        reverse("workforce:inspector_edit", args=[liu.pk]),
        {
            "name": "刘洋",
            "unit": f"department:{traffic_dept.pk}",
            "certificate_number": "桂执证00077",
            "certificate_issued_on": "2024-03-01",
            "certificate_expires_on": "2024-02-28",
            "active": "on",
        },
    )
    assert bad.status_code == 200
    assert "certificate_expires_on" in bad.context["form"].errors
    liu.refresh_from_db()
    assert liu.certificate_expires_on.isoformat() == "2029-02-28"


def test_another_units_inspector_is_404_and_a_leader_cannot_edit(
    login, town_b_officer, leader, inspectors
):
    wang = inspectors["wang"]
    assert login(town_b_officer).get(wang.get_absolute_url()).status_code == 404
    assert (
        login(town_b_officer).get(reverse("workforce:inspector_edit", args=[wang.pk])).status_code
        == 404
    )
    assert login(leader).get(wang.get_absolute_url()).status_code == 200
    assert login(leader).get(reverse("workforce:inspector_edit", args=[wang.pk])).status_code == 403


def test_yearly_hours_against_the_countys_target(login, county_admin, town_a_officer, inspectors):
    services.training_create(
        actor=town_a_officer,
        data={
            "title": "执法资格培训",
            "held_on": days(-30),
            "hours": Decimal(40),
            "kind": "inspector",
            "inspectors": [inspectors["wang"], inspectors["li"]],
        },
    )
    services.training_create(
        actor=town_a_officer,
        data={
            "title": "案卷评查",
            "held_on": days(-3),
            "hours": Decimal("2.5"),
            "kind": "inspector",
            "inspectors": [inspectors["li"]],
        },
    )
    page = login(town_a_officer).get(reverse("workforce:inspector_hours"))
    assert page.context["target"] == 40
    assert "met" in page.content.decode() or "达标" in page.content.decode()
    rule_setting_change(
        actor=county_admin,
        key="workforce.inspector_training_hours",
        value=42,
        effective_from=days(-100),
        note="县委编办通知",
    )
    page = login(town_a_officer).get(reverse("workforce:inspector_hours"))
    assert page.context["target"] == 42
    hours = {i.name: i.training_hours for i in page.context["page"]}
    assert hours == {"王伟": Decimal(40), "李娜": Decimal("42.5")}


def test_enterprise_training_status_follows_article_9(
    login, enterprise_user, enterprise_a, county_admin, town_a_officer, enterprise_b
):
    for title, kind, hours, initial in (
        ("主要负责人初训", "principal", 48, True),
        ("主要负责人再培训", "principal", 12, False),  # chemicals: 16 a year
        ("安全管理人员初训", "safety_manager", 32, True),  # chemicals: 48 at first
        ("安全管理人员再培训", "safety_manager", 16, False),
    ):
        services.training_create(
            actor=enterprise_user,
            data={
                "title": title,
                "held_on": days(-10),
                "hours": hours,
                "kind": kind,
                "initial": initial,
            },
        )
    services.induction_create(
        actor=enterprise_user,
        data={
            "worker": "新员工甲",
            "starts_on": days(-2),
            "company_hours": 24,
            "workshop_hours": 24,
            "team_hours": 24,
        },
    )
    page = login(enterprise_user).get(reverse("workforce:enterprise_training"))
    ((enterprise, status),) = page.context["rows"]
    assert enterprise == enterprise_a
    assert (status["required_initial"], status["required_yearly"]) == (48, 16)
    assert status["principal"]["initial_met"] and status["principal"]["year"] == 60
    assert status["principal"]["year_met"]  # this year's initial training counts too
    assert not status["safety_manager"]["initial_met"]
    assert enterprise.inductions_year == 1
    county = login(county_admin).get(reverse("workforce:enterprise_training"))
    assert {e.name for e, _s in county.context["rows"]} == {enterprise_a.name, enterprise_b.name}


def test_an_induction_short_of_72_hours_is_flagged(login, enterprise_user):
    client = login(enterprise_user)
    response = client.post(
        reverse("workforce:induction_create"),
        {
            "worker": "新员工乙",
            "starts_on": days(-1).isoformat(),
            "company_hours": "24",
            "workshop_hours": "24",
            "team_hours": "23.5",
        },
    )
    assert response.status_code == 302
    induction = Induction.objects.get()
    assert induction.total_hours == Decimal("71.5") and not induction.sufficient
    bad = client.post(
        reverse("workforce:induction_create"),
        {
            "worker": "新员工丙",
            "starts_on": days(-1).isoformat(),
            "company_hours": "-1",
            "workshop_hours": "24",
            "team_hours": "24",
        },
    )
    assert "company_hours" in bad.context["form"].errors


def test_the_training_form_refuses_negative_hours_next_to_the_field(
    login, town_a_officer, inspectors
):
    response = login(town_a_officer).post(
        reverse("workforce:training_create"),
        {
            "title": "培训",
            "held_on": days(-1).isoformat(),
            "hours": "-3",
            "kind": "inspector",
            "inspectors": [inspectors["wang"].pk],
            "attendees": "1",
        },
    )
    assert response.status_code == 200 and "hours" in response.context["form"].errors
    assert not Training.objects.exists()
    ok = login(town_a_officer).post(
        reverse("workforce:training_create"),
        {
            "title": "培训",
            "held_on": days(-1).isoformat(),
            "hours": "3",
            "kind": "inspector",
            "inspectors": [inspectors["wang"].pk],
            "attendees": "1",
        },
    )
    assert ok.status_code == 302
    assert list(Training.objects.get().inspectors.all()) == [inspectors["wang"]]


def _sheet(response):
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.active.iter_rows(values_only=True)]


def test_excel_exports_of_the_register_and_the_trainings(
    login, town_a_officer, inspectors, enterprise_user
):
    rows = _sheet(login(town_a_officer).get(reverse("workforce:inspector_export")))
    assert rows[0][:4] == ["姓名", "所属单位", "单位代码", "执法证号"]
    assert sorted(r[0] for r in rows[1:]) == ["李娜", "王伟"]
    assert {r[0]: r[6] for r in rows[1:]}["李娜"] == "即将到期"
    services.training_create(
        actor=town_a_officer,
        data={
            "title": "=HYPERLINK(1)",
            "held_on": days(-1),
            "hours": 3,
            "kind": "inspector",
            "inspectors": [inspectors["wang"]],
        },
    )
    trainings = _sheet(login(town_a_officer).get(reverse("workforce:training_export")))
    assert trainings[1][0] == "=HYPERLINK(1)" and trainings[1][6] == "王伟"
    assert len(_sheet(login(enterprise_user).get(reverse("workforce:training_export")))) == 1


def test_the_export_command_writes_the_register(tmp_path, inspectors):
    from django.core.management import call_command

    path = tmp_path / "inspectors.xlsx"
    call_command("export", "inspectors", "-o", str(path))
    rows = [list(r) for r in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]
    assert sorted(r[0] for r in rows[1:]) == ["张强", "李娜", "王伟", "陈刚"]
