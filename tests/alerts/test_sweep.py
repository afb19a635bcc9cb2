"""The sweep reminds units that have not confirmed, then escalates to the county: once each."""

import datetime as dt

import pytest
from django.core.management import call_command

from anjian.alerts import services, sweep
from anjian.alerts.models import AlertPolicy, AlertRecipient
from anjian.core import clock
from anjian.notifications.models import Notification
from tests.alerts.conftest import T0

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def _kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).exclude(
        kind="alert.published").values_list("kind", flat=True))


def test_nothing_happens_before_the_reminder_time(alert, town_a_officer, county_admin):
    assert sweep.run(now=T0 + HOUR) == {"warning_reminders": 0, "warning_escalations": 0}
    assert _kinds(town_a_officer) == [] and _kinds(county_admin) == []


def test_reminder_after_two_hours_once_and_only_to_units_that_did_not_confirm(
        alert, town_a_officer, traffic_officer, county_admin):
    services.alert_confirm(actor=traffic_officer, alert=alert, now=T0 + HOUR)
    first = sweep.run(now=T0 + 2 * HOUR)
    assert first == {"warning_reminders": 1, "warning_escalations": 0}
    assert _kinds(town_a_officer) == ["alert.reminder"]
    assert _kinds(traffic_officer) == []
    note = Notification.objects.get(recipient=town_a_officer, kind="alert.reminder")
    assert "寒潮蓝色预警" in note.title and "甲镇" in note.body
    # Again, and later (but before escalation): nothing new.
    assert sweep.run(now=T0 + 2 * HOUR) == {"warning_reminders": 0, "warning_escalations": 0}
    assert sweep.run(now=T0 + 5 * HOUR)["warning_reminders"] == 0
    assert _kinds(town_a_officer) == ["alert.reminder"]


def test_escalation_after_a_day_once_naming_the_units(alert, town_a_officer, traffic_officer,
                                                      county_admin, leader):
    services.alert_confirm(actor=traffic_officer, alert=alert, now=T0 + HOUR)
    assert sweep.run(now=T0 + 24 * HOUR) == {"warning_reminders": 1, "warning_escalations": 1}
    assert sweep.run(now=T0 + 24 * HOUR) == {"warning_reminders": 0, "warning_escalations": 0}
    assert sweep.run(now=T0 + 40 * HOUR) == {"warning_reminders": 0, "warning_escalations": 0}
    assert _kinds(county_admin) == ["alert.escalation"]
    assert _kinds(leader) == []
    note = Notification.objects.get(recipient=county_admin, kind="alert.escalation")
    assert "甲镇" in note.body and "县交通运输局" not in note.body
    row = AlertRecipient.objects.get(alert=alert, town__code="town_a")
    assert row.reminded_at == T0 + 24 * HOUR and row.escalated_at == T0 + 24 * HOUR


def test_a_unit_that_confirms_after_the_reminder_is_not_escalated(alert, town_a_officer,
                                                                  traffic_officer, county_admin):
    sweep.run(now=T0 + 3 * HOUR)
    services.alert_confirm(actor=town_a_officer, alert=alert, now=T0 + 4 * HOUR)
    services.alert_confirm(actor=traffic_officer, alert=alert, now=T0 + 4 * HOUR)
    assert sweep.run(now=T0 + 30 * HOUR) == {"warning_reminders": 0, "warning_escalations": 0}
    assert _kinds(county_admin) == []


def test_an_expired_warning_is_not_reminded_but_still_escalated(publish, town_a, town_a_officer,
                                                                county_admin):
    publish(towns=[town_a], valid_to=T0 + HOUR)
    assert sweep.run(now=T0 + 24 * HOUR) == {"warning_reminders": 0, "warning_escalations": 1}


def test_the_countys_deadlines_apply_from_publication_on(county_admin, publish, town_a,
                                                         town_a_officer):
    services.alert_policy_set(actor=county_admin, remind_after_minutes=30,
                              escalate_after_minutes=90)

    later = clock.now() + HOUR
    alert = publish(towns=[town_a], now=later, valid_from=later, valid_to=later + 24 * HOUR)
    assert alert.remind_at == later + dt.timedelta(minutes=30)
    assert sweep.run(now=later + dt.timedelta(minutes=29))["warning_reminders"] == 0
    assert sweep.run(now=later + dt.timedelta(minutes=30))["warning_reminders"] == 1
    assert sweep.run(now=later + dt.timedelta(minutes=90))["warning_escalations"] == 1


def test_deadlines_must_put_escalation_after_the_reminder(county_admin):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.alert_policy_set(actor=county_admin, remind_after_minutes=120,
                                  escalate_after_minutes=60)
    assert "escalate_after_minutes" in exc.value.message_dict
    assert not AlertPolicy.objects.exists()


def test_only_the_county_admin_sets_deadlines(leader, town_a_officer):
    from django.core.exceptions import PermissionDenied

    for user in (leader, town_a_officer):
        with pytest.raises(PermissionDenied):
            services.alert_policy_set(actor=user, remind_after_minutes=30,
                                      escalate_after_minutes=60)


def test_the_sweep_command_reports_the_warning_counts(alert, town_a_officer, capsys):
    call_command("sweep")
    out = capsys.readouterr().out
    assert "alerts.warning_reminders=" in out and "alerts.warning_escalations=" in out
