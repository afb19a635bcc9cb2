"""Writing accidents: validation, scope, revisions (补报/续报) and regrading."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from anjian.accidents import services
from anjian.accidents.models import Accident, AccidentRevision
from anjian.core.models import AuditEntry
from anjian.notifications.models import Notification
from tests.accidents.conftest import at


def test_report_computes_grade_and_lateness(make_accident):
    accident = make_accident(deaths=2, missing=1, delay_minutes=61)
    assert accident.grade == "large"  # deaths count the missing
    assert accident.report_late is True
    assert AuditEntry.objects.filter(model="accident", action="accident.create").count() == 1


def test_exactly_sixty_minutes_is_on_time(make_accident):
    assert make_accident(delay_minutes=60).report_late is False


def test_report_notifies_the_county_admin(
    make_accident, county_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_accident(title="国道车祸")
    note = Notification.objects.get(recipient=county_admin)
    assert "国道车祸" in note.title and note.url.startswith("/accidents/")


@pytest.mark.parametrize(
    "field,value",
    [
        ("deaths", -1),
        ("missing", -2),
        ("serious_injuries", -1),
        ("minor_injuries", -1),
        ("direct_loss", Decimal("-0.01")),
    ],
)
def test_negative_figures_are_a_field_error(make_accident, field, value):
    with pytest.raises(ValidationError) as caught:
        make_accident(**{field: value})
    assert field in caught.value.message_dict
    assert Accident.objects.count() == 0


def test_report_before_the_accident_is_a_field_error(make_accident):
    with pytest.raises(ValidationError) as caught:
        make_accident(delay_minutes=-1)
    assert "报告时间不能早于事故发生时间" in caught.value.message_dict["reported_at"][0]
    assert Accident.objects.count() == 0


def test_traffic_officer_enters_road_accidents_only(make_accident, traffic_officer):
    assert make_accident(actor=traffic_officer, sector="road_traffic").pk
    with pytest.raises(ValidationError) as caught:
        make_accident(actor=traffic_officer, sector="hazardous_chemicals")
    assert "sector" in caught.value.message_dict
    assert Accident.objects.count() == 1


def test_town_officer_enters_accidents_in_own_town_only(make_accident, town_a_officer, town_b):
    assert make_accident(actor=town_a_officer).pk
    with pytest.raises(ValidationError):
        make_accident(actor=town_a_officer, town=town_b)


@pytest.mark.parametrize("persona", ["leader", "enterprise_user"])
def test_leader_and_enterprise_cannot_report(make_accident, persona, request):
    with pytest.raises(PermissionDenied):
        make_accident(actor=request.getfixturevalue(persona))


def test_change_of_figures_keeps_a_revision_and_regrades(make_accident, town_a_officer):
    accident = make_accident(sector="construction", deaths=2, occurred_at=at(2024, 3, 5, 9, 0))
    assert accident.grade == "general"
    revision = services.accident_revise(
        actor=town_a_officer,
        accident=accident,
        figures={"deaths": 3},
        note="一人抢救无效死亡",
        now=at(2024, 3, 20, 9, 0),
    )
    accident.refresh_from_db()
    assert accident.grade == "large" and accident.deaths == 3
    assert (revision.kind, revision.before["deaths"], revision.after["deaths"]) == (
        "supplementary",
        2,
        3,
    )
    assert (revision.grade_before, revision.grade_after) == ("general", "large")
    assert revision.username == town_a_officer.username and not revision.out_of_window


def test_update_through_the_api_path_also_records_the_revision(make_accident, county_admin):
    accident = make_accident(deaths=1, occurred_at=at(2024, 3, 5, 9, 0))
    services.accident_update(
        actor=county_admin, accident=accident, data={"missing": 2}, now=at(2024, 3, 6, 9, 0)
    )
    accident.refresh_from_db()
    assert accident.grade == "large"
    assert accident.revisions.get().changes() == [("missing", 0, 2)]


def test_road_accident_figures_freeze_after_seven_days_for_officers(make_accident, traffic_officer):
    accident = make_accident(deaths=1, occurred_at=at(2024, 3, 5, 9, 0))
    with pytest.raises(ValidationError) as caught:
        services.accident_revise(
            actor=traffic_officer,
            accident=accident,
            figures={"deaths": 2},
            now=at(2024, 3, 13, 0, 0),
        )
    assert "7" in caught.value.messages[0]
    accident.refresh_from_db()
    assert accident.deaths == 1 and not AccidentRevision.objects.exists()


def test_road_accident_may_be_supplemented_until_24_00_of_day_seven(make_accident, traffic_officer):
    accident = make_accident(deaths=1, occurred_at=at(2024, 3, 5, 9, 0))
    revision = services.accident_revise(
        actor=traffic_officer, accident=accident, figures={"deaths": 2}, now=at(2024, 3, 12, 23, 59)
    )
    assert revision.kind == "supplementary" and not revision.out_of_window


def test_county_admin_may_change_late_but_it_is_flagged(make_accident, county_admin):
    accident = make_accident(sector="construction", deaths=1, occurred_at=at(2024, 3, 5, 9, 0))
    revision = services.accident_revise(
        actor=county_admin, accident=accident, figures={"deaths": 2}, now=at(2024, 4, 5, 9, 1)
    )
    assert revision.out_of_window is True


def test_follow_up_report_needs_a_note_and_keeps_figures(make_accident, town_a_officer):
    accident = make_accident(deaths=1, occurred_at=at(2024, 3, 5, 9, 0))
    with pytest.raises(ValidationError):
        services.accident_revise(
            actor=town_a_officer, accident=accident, figures={}, now=at(2024, 3, 5, 12, 0)
        )
    revision = services.accident_revise(
        actor=town_a_officer,
        accident=accident,
        figures={"deaths": 1},
        note="伤员已转院",
        now=at(2024, 3, 5, 12, 0),
    )
    assert revision.kind == "follow_up" and revision.before == revision.after


def test_forwarding_is_recorded_once_per_level(make_accident, county_admin):
    accident = make_accident(deaths=3)
    forward = services.accident_forward(
        actor=county_admin,
        accident=accident,
        level="province",
        forwarded_at=accident.reported_at + dt.timedelta(hours=1),
    )
    assert forward.level == "province"
    with pytest.raises(ValidationError):
        services.accident_forward(actor=county_admin, accident=accident, level="province")
    with pytest.raises(ValidationError):
        services.accident_forward(actor=county_admin, accident=accident, level="state")


def test_dangerous_occurrence_needs_a_criterion(make_accident):
    with pytest.raises(ValidationError) as caught:
        make_accident(kind="dangerous_occurrence", evacuated=100)
    assert "endangered" in caught.value.message_dict
    assert make_accident(kind="dangerous_occurrence", evacuated=500).pk


@pytest.fixture
def in_march_2026():
    """Both accidents of the next test lie in the past."""
    from anjian.core import clock

    with clock.frozen(dt.datetime(2026, 3, 1, 10, 0)):
        yield


@pytest.mark.usefixtures("in_march_2026")
@pytest.mark.parametrize(
    "occurred,officer_may_revise",
    [
        (at(2025, 12, 31, 10, 0), False),  # the version in force then: 7 days for road traffic
        (at(2026, 1, 1, 10, 0), True),  # the new version from 2026-01-01: 15 days
    ],
)
def test_supplementary_window_is_the_version_in_force_on_the_accident_date(
    make_accident, county_admin, traffic_officer, occurred, officer_may_revise
):
    from anjian.core.rules import rule_setting_change

    rule_setting_change(
        actor=county_admin,
        key="accidents.supplementary_days",
        value={"default": 30, "road_traffic": 15, "fire": 7},
        effective_from=dt.date(2026, 1, 1),
        note="省厅通知（示例）",
    )
    accident = make_accident(deaths=1, occurred_at=occurred)
    now = occurred + dt.timedelta(days=10)
    if officer_may_revise:
        revision = services.accident_revise(
            actor=traffic_officer, accident=accident, figures={"deaths": 2}, now=now
        )
        assert not revision.out_of_window
    else:
        with pytest.raises(ValidationError) as caught:
            services.accident_revise(
                actor=traffic_officer, accident=accident, figures={"deaths": 2}, now=now
            )
        assert "7" in caught.value.messages[0]
