"""签收: once per recipient unit, idempotent, refused to those who only read, safe under races."""

import datetime as dt
import json
import threading
import urllib.request

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied

from anjian.accounts.models import Role, User
from anjian.alerts import services
from anjian.alerts.models import AlertRecipient
from anjian.core.models import AuditEntry
from tests.alerts.conftest import T0
from tests.support.server import anjian, running_server, server_env

pytestmark = pytest.mark.django_db


def _second_officer(town) -> User:
    return User.objects.create(username="town_a_2", role=Role.TOWN_OFFICER, town=town,
                               password=make_password("x"))


def test_a_recipient_officer_confirms_with_time_and_person(alert, town_a_officer):
    at = T0 + dt.timedelta(minutes=42)
    recipient = services.alert_confirm(actor=town_a_officer, alert=alert, now=at)
    assert recipient.confirmed_at == at and recipient.confirmed_by == town_a_officer
    assert recipient.town_id == town_a_officer.town_id


def test_a_second_user_of_the_same_unit_changes_nothing(alert, town_a_officer, town_a):
    first = services.alert_confirm(actor=town_a_officer, alert=alert, now=T0)
    again = services.alert_confirm(actor=_second_officer(town_a), alert=alert,
                                   now=T0 + dt.timedelta(hours=1))
    assert (again.confirmed_at, again.confirmed_by_id) == (first.confirmed_at, town_a_officer.pk)
    assert AuditEntry.objects.filter(action="alert.confirm").count() == 1


def test_each_recipient_unit_confirms_for_itself(alert, town_a_officer, traffic_officer):
    services.alert_confirm(actor=town_a_officer, alert=alert)
    rows = {r.code: r.confirmed_at for r in AlertRecipient.objects.filter(alert=alert)}
    assert rows["town_a"] is not None and rows["transport"] is None
    services.alert_confirm(actor=traffic_officer, alert=alert)
    assert not AlertRecipient.objects.filter(alert=alert, confirmed_at__isnull=True).exists()


@pytest.mark.parametrize("persona", ["county_admin", "leader", "enterprise_user",
                                     "town_b_officer"])
def test_service_refuses_non_recipients(persona, request, alert):
    with pytest.raises(PermissionDenied):
        services.alert_confirm(actor=request.getfixturevalue(persona), alert=alert)
    assert not AlertRecipient.objects.filter(confirmed_at__isnull=False).exists()


SETUP = """
import datetime as dt, json
from django.utils import timezone
from anjian.accounts.identity import token_issue
from anjian.accounts.models import Role, Town, User
from anjian.alerts.services import alert_publish
town = Town.objects.create(code="town_a", name="甲镇")
admin = User.objects.create(username="admin", role=Role.COUNTY_ADMIN)
now = timezone.now()
alert = alert_publish(actor=admin, towns=[town], departments=[], data={
    "title": "并发签收", "level": "red", "kind": "other", "content": "测试",
    "valid_from": now, "valid_to": now + dt.timedelta(days=1)})
tokens = [token_issue(user=User.objects.create(
    username=f"officer{i}", role=Role.TOWN_OFFICER, town=town))[0] for i in range(8)]
print(json.dumps({"alert": alert.pk, "tokens": tokens}))
"""

CHECK = """
from anjian.alerts.models import AlertRecipient
from anjian.core.models import AuditEntry
print(AuditEntry.objects.filter(action="alert.confirm").count(),
      AlertRecipient.objects.filter(confirmed_at__isnull=False).count())
"""


def _race(env: dict) -> None:
    """Eight officers of one town press 签收 at once against gunicorn."""
    with running_server(env, workers=2, threads=4) as base:
        made = json.loads(anjian(["shell", "-c", SETUP], env=env).stdout.strip().splitlines()[-1])
        barrier = threading.Barrier(len(made["tokens"]))
        answers = []

        def confirm(token):
            request = urllib.request.Request(
                f"{base}/api/v1/warnings/{made['alert']}/confirm/", data=b"", method="POST",
                headers={"Authorization": f"Bearer {token}"})
            barrier.wait(timeout=10)
            with urllib.request.urlopen(request, timeout=30) as response:
                answers.append((response.status, json.loads(response.read())))

        threads = [threading.Thread(target=confirm, args=(t,)) for t in made["tokens"]]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        counts = anjian(["shell", "-c", CHECK], env=env).stdout.split()
    assert len(answers) == 8 and {status for status, _ in answers} == {200}
    assert len({json.dumps(body, sort_keys=True) for _, body in answers}) == 1
    assert counts[-2:] == ["1", "1"]


@pytest.mark.slow
def test_concurrent_confirms_over_a_real_server_record_one_confirmation(tmp_path):
    _race(server_env(tmp_path))


@pytest.mark.slow
@pytest.mark.postgres
def test_concurrent_confirms_on_postgresql_record_one_confirmation(tmp_path, fresh_pg_database):
    _race(server_env(tmp_path, fresh_pg_database))
