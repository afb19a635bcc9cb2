"""Versioned rule defaults: stored, changed by a new version with an effective date, applied by
a record's date, edited by the county admin only, audited, never overwritten."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.core.models import AuditEntry
from anjian.core.rule_models import RuleSetting
from anjian.core.rules import RULES, SEED_DATE, rule_setting_change, rule_value

pytestmark = pytest.mark.django_db


def test_every_rule_is_seeded_as_version_one_with_its_default():
    for key, rule in RULES.items():
        first = RuleSetting.objects.get(key=key, version=1)
        assert (first.value, first.effective_from) == (rule.default, SEED_DATE), key


@pytest.mark.parametrize(
    "on,expected",
    [
        (dt.date(2007, 6, 1), 3),
        (dt.date(2025, 12, 31), 3),  # the day before the new version: the old value
        (dt.date(2026, 1, 1), 5),  # the new version's first day
        (dt.date(2026, 6, 30), 5),
        (dt.date(2026, 7, 1), 4),  # a later version
    ],
)
def test_rule_value_is_the_version_in_force_on_the_day(county_admin, on, expected):
    rule_setting_change(
        actor=county_admin,
        key="hazards.reminder_days",
        value=5,
        effective_from=dt.date(2026, 1, 1),
        note="县安委办通知",
    )
    rule_setting_change(
        actor=county_admin,
        key="hazards.reminder_days",
        value=4,
        effective_from=dt.date(2026, 7, 1),
        note="县安委办通知",
    )
    assert rule_value("hazards.reminder_days", on=on) == expected


def test_a_datetime_is_judged_by_its_shanghai_date(county_admin):
    rule_setting_change(
        actor=county_admin,
        key="hazards.reminder_days",
        value=5,
        effective_from=dt.date(2026, 1, 1),
        note="通知",
    )
    # 2025-12-31 16:30 UTC is 2026-01-01 00:30 in Asia/Shanghai.
    assert (
        rule_value("hazards.reminder_days", on=dt.datetime(2025, 12, 31, 16, 30, tzinfo=dt.UTC))
        == 5
    )
    assert (
        rule_value("hazards.reminder_days", on=dt.datetime(2025, 12, 31, 15, 59, tzinfo=dt.UTC))
        == 3
    )


def test_a_change_adds_a_version_and_is_audited(county_admin):
    setting = rule_setting_change(
        actor=county_admin,
        key="duty.holiday_reminder_days",
        value=10,
        effective_from=dt.date(2026, 12, 1),
        note="提前部署",
    )
    assert setting.version == 2
    assert RuleSetting.objects.filter(key="duty.holiday_reminder_days").count() == 2
    assert RuleSetting.objects.get(key="duty.holiday_reminder_days", version=1).value == 7
    entry = AuditEntry.objects.get(action="rule_setting.change")
    assert entry.changes["value"] == [7, 10] and entry.username == county_admin.username


def test_only_the_county_admin_changes_rules(town_a_officer):
    with pytest.raises(PermissionDenied):
        rule_setting_change(
            actor=town_a_officer,
            key="hazards.reminder_days",
            value=5,
            effective_from=dt.date(2026, 1, 1),
            note="x",
        )


@pytest.mark.parametrize(
    "key,value,field",
    [
        ("hazards.reminder_days", 0, "value"),
        ("hazards.reminder_days", "3", "value"),
        ("accidents.supplementary_days", {"road_traffic": 7}, "value"),  # no default entry
        (
            "risks.control_levels",
            {"major": "post", "large": "department", "general": "workshop", "low": "post"},
            "value",
        ),  # a major risk below a large one
        ("duty.report_deadlines", {"phone": {"minutes": -5}}, "value"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(county_admin, key, value, field):
    with pytest.raises(ValidationError) as caught:
        rule_setting_change(
            actor=county_admin, key=key, value=value, effective_from=dt.date(2026, 1, 1), note="x"
        )
    assert field in caught.value.message_dict
    assert RuleSetting.objects.filter(key=key).count() == 1


def test_a_change_needs_a_reason(county_admin):
    with pytest.raises(ValidationError) as caught:
        rule_setting_change(
            actor=county_admin,
            key="hazards.reminder_days",
            value=5,
            effective_from=dt.date(2026, 1, 1),
            note=" ",
        )
    assert "note" in caught.value.message_dict


def test_settings_page_lists_rules_and_adds_a_version(login, county_admin):
    client = login(county_admin)
    page = client.get("/settings/rules/")
    assert page.status_code == 200
    assert "accidents.supplementary_days" in page.content.decode()
    response = client.post(
        "/settings/rules/hazards.reminder_days/",
        {"value": "5", "effective_from": "2026-01-01", "note": "县安委办通知"},
    )
    assert response.status_code == 302
    assert rule_value("hazards.reminder_days", on=dt.date(2026, 1, 1)) == 5
    assert rule_value("hazards.reminder_days", on=dt.date(2025, 12, 31)) == 3


def test_settings_page_shows_the_error_and_saves_nothing(login, county_admin):
    response = login(county_admin).post(
        "/settings/rules/hazards.reminder_days/",
        {"value": "{not json", "effective_from": "2026-01-01", "note": "x"},
    )
    assert response.status_code == 200 and response.context["form"].errors["value"]
    assert RuleSetting.objects.filter(key="hazards.reminder_days").count() == 1


@pytest.mark.parametrize("persona", ["town_a_officer", "leader", "enterprise_user"])
def test_other_roles_get_403(login, request, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get("/settings/rules/").status_code == 403
    assert (
        login(user)
        .post(
            "/settings/rules/hazards.reminder_days/",
            {"value": "5", "effective_from": "2026-01-01", "note": "x"},
        )
        .status_code
        == 403
    )


def test_unknown_rule_is_404(login, county_admin):
    assert login(county_admin).get("/settings/rules/no.such/").status_code == 404


def test_hazard_reminders_use_the_days_in_force(
    county_admin, town_a_officer, enterprise_a, enterprise_user
):
    from anjian.core import clock
    from anjian.hazards import sweep
    from anjian.hazards.services import hazard_create

    today = clock.today()
    hazard_create(
        actor=town_a_officer,
        data={
            "enterprise": enterprise_a,
            "description": "灭火器过期",
            "found_on": today,
            "found_by": "张三",
            "deadline": today + dt.timedelta(days=5),
        },
    )
    now = clock.now()
    assert sweep.run(now=now)["hazard_due"] == 0  # 3 days by default
    rule_setting_change(
        actor=county_admin,
        key="hazards.reminder_days",
        value=5,
        effective_from=today,
        note="提前提醒",
    )
    assert sweep.run(now=now)["hazard_due"] > 0


def test_settings_page_marks_an_unverified_figure(login, county_admin, monkeypatch):
    import dataclasses

    from anjian.core import rules

    flagged = dataclasses.replace(rules.RULES["hazards.reminder_days"], unverified=True)
    monkeypatch.setitem(rules.RULES, "hazards.reminder_days", flagged)
    page = login(county_admin).get("/settings/rules/").content.decode()
    row = page.split('id="rule-hazards.reminder_days"')[1].split("</tr>")[0]
    assert "未核实" in row
    other = page.split('id="rule-duty.holiday_reminder_days"')[1].split("</tr>")[0]
    assert "未核实" not in other


def test_resolver_agrees_with_rule_value(county_admin, django_assert_num_queries):
    from anjian.core.rules import rule_resolver

    rule_setting_change(
        actor=county_admin,
        key="hazards.reminder_days",
        value=5,
        effective_from=dt.date(2026, 1, 1),
        note="通知",
    )
    with django_assert_num_queries(1):
        resolve = rule_resolver("hazards.reminder_days")
        days = [dt.date(1900, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1)]
        assert [resolve(d) for d in days] == [3, 3, 5]
    assert [rule_value("hazards.reminder_days", on=d) for d in days[1:]] == [3, 5]
