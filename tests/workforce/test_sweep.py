"""Enforcement certificates expiring or expired: one notification per inspector and stage, to the
keeping unit and the inspector's own account; the todo/ tasks of the same certificates."""

import datetime as dt

import pytest

from anjian.core import clock
from anjian.core.hooks import resolve
from anjian.notifications.models import Notification
from anjian.workforce import services, sweep
from anjian.workforce.selectors import todo_tasks
from tests.conftest import _user
from tests.workforce.conftest import days

pytestmark = pytest.mark.django_db


def test_the_sweep_is_a_listed_step():
    assert ("workforce", sweep.run) in resolve("SWEEP_STEPS")


def test_expiring_and_expired_certificates_notify_their_unit_once(
    inspectors, town_a_officer, traffic_officer, county_admin, town_b_officer
):
    now = clock.now()
    assert sweep.run(now=now) == {"certificate_expiring": 1, "certificate_expired": 1}
    li = Notification.objects.get(recipient=town_a_officer)
    assert "李娜" in li.title and li.url == inspectors["li"].get_absolute_url()
    assert li.kind == "workforce.certificate_expiring"
    zhang = Notification.objects.get(recipient=traffic_officer)
    assert zhang.kind == "workforce.certificate_expired" and "张强" in zhang.title
    assert not Notification.objects.filter(recipient__in=[county_admin, town_b_officer]).exists()
    assert sweep.run(now=now) == {"certificate_expiring": 0, "certificate_expired": 0}


def test_the_inspectors_own_account_is_told_and_a_new_stage_notifies_again(
    inspectors, town_a_officer
):
    wang = services.inspector_update(
        actor=town_a_officer,
        inspector=inspectors["wang"],
        data={"certificate_expires_on": days(10)},
    )
    sweep.run(now=clock.now())
    assert (
        Notification.objects.filter(
            recipient=town_a_officer, title__contains="王伟", kind="workforce.certificate_expiring"
        ).count()
        == 1
    )
    later = clock.now() + dt.timedelta(days=11)
    sweep.run(now=later)
    assert Notification.objects.filter(
        recipient=town_a_officer, title__contains=wang.name, kind="workforce.certificate_expired"
    ).exists()


def test_a_renewed_certificate_leaves_the_todo_list(
    inspectors, town_a_officer, traffic_officer, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        tasks = todo_tasks(town_a_officer)
    assert [(t["kind"], t["url"], t["overdue"]) for t in tasks] == [
        ("certificate_expiring", inspectors["li"].get_absolute_url(), False)
    ]
    assert tasks[0]["due"] == days(30)
    assert set(tasks[0]) == {"kind", "title", "url", "due", "overdue"}
    assert todo_tasks(traffic_officer)[0]["overdue"] is True
    services.inspector_update(
        actor=town_a_officer,
        inspector=inspectors["li"],
        data={"certificate_expires_on": days(5 * 365)},
    )
    assert todo_tasks(town_a_officer) == []


def test_an_inspector_with_an_account_elsewhere_sees_their_own_certificate(inspectors, town_b):
    from anjian.accounts.models import Role

    lone = _user("county_p2", Role.COUNTY_ADMIN)
    assert {t["url"] for t in todo_tasks(lone)} == set()
    leader = _user("leader_p2", Role.LEADER)
    assert todo_tasks(leader) == []
