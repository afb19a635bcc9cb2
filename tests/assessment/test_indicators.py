"""Each computed indicator and each veto on real records, at its boundary (today is
2025-06-18 in the tests)."""

import datetime as dt

import pytest
from django.utils import timezone

from anjian.accounts.units import Unit
from anjian.alerts.models import PublicityActivity
from anjian.assessment import indicators, results, scoring_services
from anjian.assessment.models import AccidentFinding
from anjian.core import clock
from anjian.hazards.models import Hazard
from tests.alerts.conftest import publish  # noqa: F401 - a fixture, found by name
from tests.inspections.conftest import checklist  # noqa: F401

D = dt.date
MARCH, JULY = D(2025, 3, 1), D(2025, 7, 1)


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def hazard(enterprise_a):
    def _make(
        *,
        found_on=MARCH,
        deadline=JULY,
        grade="general",
        closed_on=None,
        enterprise=None,
        supervised=False,
    ):
        e = enterprise or enterprise_a
        return Hazard.objects.create(
            enterprise=e,
            town=e.town,
            sector=e.sector,
            description="测试隐患",
            grade=grade,
            found_on=found_on,
            found_by="检查组",
            source="inspection",
            deadline=deadline,
            supervised=supervised,
            status="closed" if closed_on else "rectifying",
            closed_at=_aware(closed_on) if closed_on else None,
        )

    return _make


def _row(year, unit, **kw):
    rows = results.assess([unit], year, **kw)
    return rows[0]


def _item(row, code):
    return next(i for i in row["items"] if i["code"] == code)


def test_hazard_closure_rate_is_closed_over_found_in_the_year(hazard, town_a, town_b):
    hazard(closed_on=D(2025, 4, 1))
    hazard(closed_on=D(2025, 4, 2))
    hazard()
    hazard(found_on=D(2024, 12, 31))  # last year's: not counted
    item = _item(_row(2025, Unit.of_town(town_a)), "hazard_closure_rate")
    assert item["value"] == 66.7 and item["points"] == 6.7
    assert "发现隐患3项" in item["how"] and "已整改销号2项" in item["how"]
    assert "found=2025" in item["url"] and "town=town_a" in item["url"]


def test_hazard_closure_rate_with_no_hazard_found_gives_full_marks(town_b):
    item = _item(_row(2025, Unit.of_town(town_b)), "hazard_closure_rate")
    assert item["value"] is None and item["points"] == 10 and "满分" in item["how"]


def test_a_major_hazard_overdue_by_one_day_counts_as_an_accident(hazard, town_a):
    hazard(grade="major", deadline=D(2025, 6, 17))  # open, one day past
    item = _item(_row(2025, Unit.of_town(town_a)), "accident_control")
    assert item["value"]["overdue_major"] == 1 and item["points"] == 25


def test_a_major_hazard_closed_on_its_deadline_day_does_not_count(hazard, town_a):
    hazard(grade="major", deadline=D(2025, 6, 10), closed_on=D(2025, 6, 10))
    hazard(grade="major", deadline=D(2025, 6, 18))  # due today: not yet overdue
    item = _item(_row(2025, Unit.of_town(town_a)), "accident_control")
    assert item["value"]["overdue_major"] == 0 and item["points"] == 30


def test_a_major_hazard_closed_a_day_late_counts(hazard, town_a):
    hazard(grade="major", deadline=D(2025, 6, 10), closed_on=D(2025, 6, 11))
    item = _item(_row(2025, Unit.of_town(town_a)), "accident_control")
    assert item["value"]["overdue_major"] == 1


def test_accident_control_reads_the_units_targets(
    make_accident, county_admin, town_a, traffic_dept
):
    scoring_services.target_set(
        actor=county_admin, year=2025, unit=Unit.of_town(town_a), max_accidents=1, max_deaths=0
    )
    make_accident()
    make_accident(deaths=1)
    town = _item(_row(2025, Unit.of_town(town_a)), "accident_control")
    assert town["value"] == {"accidents": 2, "deaths": 1, "overdue_major": 0}
    assert town["points"] == 30 - 5 - 10 and "事故不超过1起" in town["how"]
    # the traffic department (road sector) has no target: 0 and 0
    dept = _item(_row(2025, Unit.of_department(traffic_dept)), "accident_control")
    assert dept["points"] == 30 - 2 * 5 - 10 and "未下达控制指标" in dept["how"]


def test_hazards_overdue_now_are_deducted_one_point_each(hazard, town_a):
    hazard(deadline=D(2025, 6, 17))
    hazard(deadline=D(2025, 6, 18))  # due today: not overdue
    item = _item(_row(2025, Unit.of_town(town_a)), "hazard_overdue")
    assert item["value"] == 1 and item["points"] == 4 and "overdue=1" in item["url"]


def test_major_hazard_supervision_is_supervised_over_major_found(hazard, town_a):
    hazard(grade="major", supervised=True)
    hazard(grade="major")
    item = _item(_row(2025, Unit.of_town(town_a)), "major_hazard_supervision")
    assert item["value"] == 50.0 and item["points"] == 2.5


def test_a_large_accident_vetoes_its_town_and_department_and_a_general_one_does_not(
    make_accident, town_a, town_b, traffic_dept
):
    make_accident(deaths=1, title="一般事故")
    assert not _row(2025, Unit.of_town(town_a))["vetoed"]
    accident = make_accident(deaths=3, title="较大事故")
    assert accident.grade == "large"
    for unit in (Unit.of_town(town_a), Unit.of_department(traffic_dept)):
        row = _row(2025, unit)
        assert row["vetoed"] and row["grade"] == "fail"
        assert row["vetoes"][0]["record"] == accident.get_absolute_url()
        assert "较大事故" in row["vetoes"][0]["reason"]
    assert not _row(2025, Unit.of_town(town_b))["vetoed"]


@pytest.mark.parametrize(
    ("kind", "vetoed"), [("late", False), ("concealed", True), ("falsified", True)]
)
def test_a_finding_of_concealing_or_falsifying_vetoes(accident_a, town_a, kind, vetoed):
    AccidentFinding.objects.create(accident=accident_a, kind=kind, note="认定")
    row = _row(2025, Unit.of_town(town_a))
    assert row["vetoed"] is vetoed
    if vetoed:
        assert row["vetoes"][0]["record"] == accident_a.get_absolute_url()


@pytest.mark.parametrize(("deadline", "vetoed"), [(D(2025, 6, 14), True), (D(2025, 6, 15), False)])
def test_an_accident_at_a_unit_with_an_overdue_major_hazard_then_vetoes(
    make_accident, enterprise_a_road, hazard, town_a, deadline, vetoed
):
    # the accident happens on 2025-06-15; a deadline of that day was not yet passed
    hazard(grade="major", deadline=deadline, enterprise=enterprise_a_road, closed_on=D(2025, 6, 16))
    make_accident(enterprise=enterprise_a_road, title="运输事故")
    row = _row(2025, Unit.of_town(town_a))
    assert row["vetoed"] is vetoed
    if vetoed:
        assert "逾期未整改的重大隐患" in row["vetoes"][0]["reason"]


def test_training_counts_the_units_publicity_and_training_activities(town_a, county_admin):
    for day in (D(2025, 3, 1), D(2025, 5, 1), D(2024, 5, 1)):
        PublicityActivity.objects.create(
            unit_kind="town",
            town=town_a,
            title="安全宣传",
            held_on=day,
            place="镇政府",
            participants=30,
        )
    item = _item(_row(2025, Unit.of_town(town_a)), "training")
    assert item["value"] == 2 and item["points"] == 5.0


def test_items_scored_by_hand_show_the_evidence(county_admin, town_a):
    scoring_services.hand_score_set(
        actor=county_admin,
        year=2025,
        unit=Unit.of_town(town_a),
        item="responsibility",
        points=12,
        evidence="责任书签订率100%",
    )
    item = _item(_row(2025, Unit.of_town(town_a)), "responsibility")
    assert item["points"] == 12 and "责任书签订率100%" in item["how"]


def test_the_score_is_the_sum_of_the_items(town_b):
    row = _row(2025, Unit.of_town(town_b))
    assert row["score"] == round(sum(i["points"] for i in row["items"]), 1)
    assert clock.today() == D(2025, 6, 18)


def _training_records(ctx, item):
    return {
        u.key: indicators.Measure(value=7, points=item["max_points"], how="培训记录7次")
        for u in ctx.units
    }


PLUGGED = {"training": _training_records}


def test_an_app_with_training_records_replaces_the_training_indicator_through_the_hook(
    monkeypatch, town_a
):
    from anjian import hooks
    from anjian.core.hooks import resolve

    monkeypatch.setattr(
        hooks, "ASSESSMENT_INDICATORS", ["tests.assessment.test_indicators.PLUGGED"]
    )
    resolve.cache_clear()  # the hooks are resolved once per process
    try:
        item = _item(_row(2025, Unit.of_town(town_a)), "training")
    finally:
        resolve.cache_clear()
    assert item["value"] == 7 and item["how"] == "培训记录7次"


def test_inspections_cover_operating_units_inspected_by_government_in_the_year(
    enterprise_a,
    enterprise_a_road,
    town_a,
    checklist,  # noqa: F811
):
    from anjian.inspections.models import Inspection

    for kind, day in (("inspection", D(2025, 3, 1)), ("self_check", D(2025, 3, 2))):
        Inspection.objects.create(
            kind=kind,
            enterprise=enterprise_a,
            town=town_a,
            sector=enterprise_a.sector,
            checklist=checklist,
            inspected_on=day,
            inspectors="检查组",
        )
    Inspection.objects.create(
        kind="inspection",
        enterprise=enterprise_a_road,
        town=town_a,
        sector=enterprise_a_road.sector,
        checklist=checklist,
        inspected_on=D(2024, 12, 31),  # last year's
        inspectors="检查组",
    )
    item = _item(_row(2025, Unit.of_town(town_a)), "inspections")
    assert item["value"] == 50.0 and item["points"] == 4.0


def test_campaign_reporting_is_targets_inspected_in_the_campaign(
    enterprise_a,
    enterprise_a_road,
    town_a,
    checklist,  # noqa: F811
):
    from anjian.inspections.models import Campaign, CampaignTarget, Inspection

    campaign = Campaign.objects.create(
        name="危化品专项整治", starts_on=D(2025, 3, 1), ends_on=D(2025, 9, 30), checklist=checklist
    )
    for e in (enterprise_a, enterprise_a_road):
        CampaignTarget.objects.create(campaign=campaign, enterprise=e)
    Inspection.objects.create(
        kind="inspection",
        enterprise=enterprise_a,
        town=town_a,
        sector=enterprise_a.sector,
        checklist=checklist,
        campaign=campaign,
        inspected_on=D(2025, 4, 1),
        inspectors="检查组",
    )
    item = _item(_row(2025, Unit.of_town(town_a)), "campaign_reporting")
    assert item["value"] == 50.0 and item["points"] == 3.5


def test_drills_are_plans_drilled_in_the_year(enterprise_a, enterprise_a_road, town_a):
    from anjian.emergency.models import Drill, EmergencyPlan

    plans = [
        EmergencyPlan.objects.create(
            unit_kind="enterprise",
            enterprise=e,
            kind="comprehensive",
            title="综合应急预案",
            published_on=D(2024, 5, 1),
        )
        for e in (enterprise_a, enterprise_a_road)
    ]
    Drill.objects.create(plan=plans[0], held_on=D(2025, 5, 1), form="tabletop", participants=9)
    Drill.objects.create(plan=plans[1], held_on=D(2024, 5, 1), form="tabletop", participants=9)
    item = _item(_row(2025, Unit.of_town(town_a)), "drills")
    assert item["value"] == 50.0 and item["points"] == 2.0


def test_a_roster_counts_on_time_only_when_filed_before_the_holiday(town_a, town_a_officer):
    from anjian.duty import services as duty

    def roster(start, filed):
        r = duty.roster_create(
            actor=town_a_officer,
            unit=Unit.of_town(town_a),
            title="值班表",
            starts_at=_aware(start),
            ends_at=_aware(start + dt.timedelta(days=2)),
            shifts=[
                {
                    "starts_at": _aware(start),
                    "ends_at": _aware(start + dt.timedelta(days=2)),
                    "leader": "张镇长",
                    "staff": "李四",
                    "phone": "13800000000",
                }
            ],
        )
        type(r).objects.filter(pk=r.pk).update(created_at=_aware(filed))

    roster(D(2025, 5, 1), D(2025, 4, 28))  # 劳动节: filed before
    roster(D(2025, 4, 4), D(2025, 4, 4))  # 清明节: filed on the first day, late
    item = _item(_row(2025, Unit.of_town(town_a)), "roster_on_time")
    assert "节前按时报备值班表1个" in item["how"]
    assert item["value"] == round(100 / int(item["how"].split("法定节假日")[1].split("个")[0]), 1)


def test_warning_confirmation_is_confirmed_over_received(
    publish,  # noqa: F811
    town_a,
    traffic_dept,
    town_a_officer,
):
    from anjian.alerts import services as alerts

    alert = publish(towns=[town_a], departments=[traffic_dept])  # published 2024-12-30
    alerts.alert_confirm(actor=town_a_officer, alert=alert, now=alert.published_at)
    town = _item(_row(2024, Unit.of_town(town_a)), "warning_confirmation")
    dept = _item(_row(2024, Unit.of_department(traffic_dept)), "warning_confirmation")
    assert (town["value"], town["points"]) == (100.0, 3.0)
    assert (dept["value"], dept["points"]) == (0.0, 0.0)


def test_grades_follow_the_versioned_cut_off_rule(county_admin, town_b):
    from anjian.core.rules import rule_setting_change

    before = _row(2025, Unit.of_town(town_b))
    assert 60 <= before["score"] < 80 and before["grade"] == "pass"
    rule_setting_change(
        actor=county_admin,
        key="assessment.grade_cutoffs",
        value={"excellent": 70, "good": 65, "pass": 50},
        effective_from=D(2025, 1, 1),
        note="县安委办〔2025〕1号",
    )
    assert _row(2025, Unit.of_town(town_b))["grade"] == "excellent"
