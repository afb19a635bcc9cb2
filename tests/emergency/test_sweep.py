"""The emergency sweep: one reminder per plan and deadline, to the unit that keeps the plan."""

import datetime as dt

import pytest
from django.core.management import call_command

from anjian.core import clock
from anjian.emergency import services, sweep
from anjian.emergency.models import EmergencyPlan
from anjian.notifications.models import Notification
from tests.emergency.conftest import days_ago

pytestmark = pytest.mark.django_db


def test_overdue_drills_remind_the_keeping_unit_once(
    plans, county_admin, enterprise_user, town_a_officer
):
    now = clock.now()
    first = sweep.run(now=now)
    assert first == {"drill_due": 2, "evaluation_due": 0}
    assert (
        Notification.objects.filter(recipient=county_admin, kind="emergency.drill_due").count() == 1
    )
    note = Notification.objects.get(recipient=enterprise_user)
    assert plans["enterprise_a"].title in note.title
    assert note.url == plans["enterprise_a"].get_absolute_url()
    assert not Notification.objects.filter(recipient=town_a_officer).exists()
    assert sweep.run(now=now) == {"drill_due": 0, "evaluation_due": 0}


def test_a_drill_moves_the_deadline_and_a_new_period_reminds_again(plans, enterprise_user):
    now = clock.now()
    sweep.run(now=now)
    services.drill_create(
        actor=enterprise_user,
        plan=plans["enterprise_a"],
        data={"held_on": days_ago(170), "form": "tabletop", "participants": 8},
    )
    assert sweep.run(now=now)["drill_due"] == 1  # due in 10 days: the next period
    assert sweep.run(now=now)["drill_due"] == 0


def test_an_evaluation_due_reminds_the_town(town_a_officer, county_admin):
    services.plan_create(
        actor=town_a_officer,
        data={
            "kind": "comprehensive",
            "title": "甲镇总体预案",
            "published_on": days_ago(1200),
            "evaluated_on": days_ago(1080),
        },
    )
    counts = sweep.run(now=clock.now())
    assert counts["evaluation_due"] == 1
    assert Notification.objects.get(kind="emergency.evaluation_due").recipient == town_a_officer


def test_the_sweep_command_counts_the_emergency_step(plans, capsys):
    call_command("sweep")
    assert "emergency.drill_due=2" in capsys.readouterr().out


def test_the_database_filter_agrees_with_the_computed_deadlines(
    plans, county_admin, enterprise_a, enterprise_b
):
    for n, age in enumerate((170, 180, 181, 183, 185, 364, 365, 366, 730, 731, 1095, 1096)):
        for kind in ("comprehensive", "onsite"):
            services.plan_create(
                actor=county_admin,
                data={
                    "kind": kind,
                    "title": f"p{n}{kind}",
                    "published_on": days_ago(age),
                    "enterprise": enterprise_a if n % 2 else enterprise_b,
                },
            )
        services.plan_create(
            actor=county_admin,
            data={
                "kind": "special",
                "title": f"c{n}",
                "published_on": days_ago(age),
                "evaluated_on": days_ago(age),
            },
        )
    today = clock.today()
    for day in (today, today + dt.timedelta(days=1), today + dt.timedelta(days=30)):
        flagged = set(EmergencyPlan.objects.overdue(on=day).values_list("pk", flat=True))
        computed = {p.pk for p in EmergencyPlan.objects.with_dates() if p.overdue_on(day)}
        assert flagged == computed
        assert computed
