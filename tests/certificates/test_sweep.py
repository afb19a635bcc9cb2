"""The certificate sweep: one reminder per certificate and period, to the enterprise and its
supervisors (town, departments of its sector), idempotent."""

import pytest
from django.core.management import call_command

from anjian.certificates import services, sweep
from anjian.core import clock
from anjian.notifications.models import Notification
from tests.certificates.conftest import cert_data, days

pytestmark = pytest.mark.django_db


@pytest.fixture
def emergency_officer(emergency_dept):
    from anjian.accounts.models import Role
    from tests.conftest import _user

    return _user("emergency_p", Role.DEPARTMENT_OFFICER, department=emergency_dept)


def _expiring(actor, n="E-1"):
    # a principal's certificate issued 3 years less 30 days ago: expires within 60 days
    return services.certificate_create(
        actor=actor,
        data=cert_data(kind="principal", category="", number=n, issued_on=days(-1095 + 30)),
    )


def test_an_expiring_certificate_reminds_the_unit_and_its_supervisors_once(
    enterprise_user, town_a_officer, town_b_officer, emergency_officer, traffic_officer
):
    certificate = _expiring(enterprise_user)
    assert sweep.run(now=clock.now()) == {"expiring": 3, "expired": 0, "review_due": 0}
    recipients = set(
        Notification.objects.filter(kind="certificate.expiring").values_list(
            "recipient__username", flat=True
        )
    )
    assert recipients == {"ent_a_p", "town_a_p", "emergency_p"}
    note = Notification.objects.filter(recipient=enterprise_user).get()
    assert certificate.holder in note.title and note.url == certificate.get_absolute_url()
    assert sweep.run(now=clock.now()) == {"expiring": 0, "expired": 0, "review_due": 0}


def test_expiry_starts_a_new_period_and_a_renewal_ends_the_reminders(
    enterprise_user, town_a_officer
):
    certificate = _expiring(enterprise_user)
    sweep.run(now=clock.now())
    with clock.frozen(certificate.expires_on + (days(1) - days(0))):
        assert sweep.run(now=clock.now())["expired"] == 2
        assert sweep.run(now=clock.now())["expired"] == 0
    services.certificate_create(
        actor=enterprise_user,
        data=cert_data(kind="principal", category="", number="E-2", issued_on=days(0)),
    )
    with clock.frozen(certificate.expires_on + (days(1) - days(0))):
        assert sweep.run(now=clock.now()) == {"expiring": 0, "expired": 0, "review_due": 0}


def test_a_review_due_reminds_and_recording_the_review_stops_it(enterprise_user):
    # a special-operation certificate issued 3 years less 20 days ago: review due in 19 days
    certificate = services.certificate_create(
        actor=enterprise_user, data=cert_data(issued_on=days(-1095 + 20))
    )
    assert sweep.run(now=clock.now())["review_due"] == 1
    services.certificate_update(
        actor=enterprise_user, certificate=certificate, data={"reviewed_on": days(0)}
    )
    certificate.refresh_from_db()
    assert certificate.review_on is None
    assert sweep.run(now=clock.now())["review_due"] == 0


def test_the_sweep_command_runs_the_certificate_step(enterprise_user, capsys):
    _expiring(enterprise_user)
    call_command("sweep")
    assert "certificates" in capsys.readouterr().out
    assert Notification.objects.filter(kind="certificate.expiring").count() == 1
