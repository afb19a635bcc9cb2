"""`anjian sweep` for hazards: due soon, overdue, overdue major; running twice notifies once."""

import datetime as dt

from django.core.management import call_command

from anjian.accounts.models import Role, User
from anjian.core import clock
from anjian.hazards import sweep
from anjian.hazards.models import Hazard
from anjian.notifications.models import Notification


def _age(hazard, *, deadline_in: int) -> None:
    today = clock.today()
    Hazard.objects.filter(pk=hazard.pk).update(found_on=today - dt.timedelta(days=40),
                                               deadline=today + dt.timedelta(days=deadline_in))


def test_sweep_notifies_due_overdue_and_major_once(
        town_a_officer, enterprise_user, county_admin, traffic_officer, emergency_dept,
        enterprise_a, make_hazard, capsys):
    emergency_officer = User.objects.create(username="emergency_p", role=Role.DEPARTMENT_OFFICER,
                                            department=emergency_dept)
    due = make_hazard(town_a_officer, enterprise=enterprise_a, description="三天内到期")
    _age(due, deadline_in=3)
    later = make_hazard(town_a_officer, enterprise=enterprise_a, description="四天后到期")
    _age(later, deadline_in=4)
    overdue = make_hazard(town_a_officer, enterprise=enterprise_a, description="已逾期")
    _age(overdue, deadline_in=-1)
    major = make_hazard(town_a_officer, enterprise=enterprise_a, description="重大逾期",
                        grade="major")
    _age(major, deadline_in=-5)
    Notification.objects.all().delete()  # forget the supervision notices of registration

    call_command("sweep")
    call_command("sweep")
    out = capsys.readouterr().out

    def keys(user):
        return sorted(Notification.objects.filter(recipient=user, kind__startswith="hazard.")
                      .values_list("kind", flat=True))

    assert keys(enterprise_user) == ["hazard.due", "hazard.overdue", "hazard.overdue"]
    assert keys(town_a_officer) == ["hazard.overdue", "hazard.overdue"]
    assert keys(emergency_officer) == ["hazard.overdue", "hazard.overdue"]
    assert keys(county_admin) == ["hazard.major_overdue"]
    assert keys(traffic_officer) == []  # not the sector's department
    assert Notification.objects.filter(title__contains="四天后到期").count() == 0
    assert "hazards.hazard_due=1" in out and "hazards.hazard_due=0" in out


def test_closed_hazard_is_never_swept(enterprise_user, town_a_officer, enterprise_a, make_hazard):
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a)
    _age(hazard, deadline_in=-3)
    Hazard.objects.filter(pk=hazard.pk).update(status="closed")
    assert sweep.run(now=clock.now()) == {"hazard_due": 0, "hazard_overdue": 0,
                                             "major_hazard_overdue": 0}


def test_extended_deadline_warns_again(enterprise_user, town_a_officer, enterprise_a,
                                       make_hazard):
    hazard = make_hazard(town_a_officer, enterprise=enterprise_a)
    _age(hazard, deadline_in=2)
    assert sweep.run(now=clock.now())["hazard_due"] == 1
    _age(hazard, deadline_in=1)  # an approved extension would change the deadline
    assert sweep.run(now=clock.now())["hazard_due"] == 1
