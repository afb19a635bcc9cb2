"""The migration that makes warning recipients and publicity activities UnitRecords keeps
their data: `kind` / `organiser_kind` become `unit_kind` with the same values.

It runs on a database of its own through the real command line, so migrating back and forth
never touches the suite's database."""

import pytest

from tests.support.server import anjian, server_env, shell_json

pytestmark = pytest.mark.slow

BEFORE = """
import datetime as dt
from django.db import connection
from django.utils import timezone
from anjian.accounts.models import Department, Town
town = Town.objects.create(code="mig_town", name="迁移镇")
dept = Department.objects.create(code="mig_dept", name="迁移局")
now = timezone.now()
with connection.cursor() as c:
    c.execute("INSERT INTO alerts_alert (title, level, kind, content, valid_from, valid_to,"
              " published_at, remind_at, escalate_at) VALUES ('t', 'blue', 'other', 'c', %s, %s,"
              " %s, %s, %s)", [now, now + dt.timedelta(days=1), now, now, now])
    c.execute("SELECT id FROM alerts_alert")
    alert = c.fetchone()[0]
    c.execute("INSERT INTO alerts_alertrecipient (alert_id, kind, town_id) VALUES (%s, 'town', %s)",
              [alert, town.pk])
    c.execute("INSERT INTO alerts_alertrecipient (alert_id, kind, department_id)"
              " VALUES (%s, 'department', %s)", [alert, dept.pk])
    c.execute("INSERT INTO alerts_publicityactivity (title, held_on, place, organiser_kind,"
              " participants, material, description, department_id, created_at)"
              " VALUES ('p', %s, 'x', 'department', 0, '', '', %s, %s)",
              [now.date(), dept.pk, now])
print(dept.pk)
"""

AFTER = """
import json
from anjian.alerts.models import AlertRecipient, PublicityActivity
rows = sorted(AlertRecipient.objects.values_list("unit_kind", "town__code", "department__code"),
              key=str)
activity = PublicityActivity.objects.get(title="p")
print(json.dumps([rows, [activity.unit_kind, activity.department_id]]))
"""


def test_recipients_and_publicity_keep_their_unit_through_the_migration(tmp_path):
    env = server_env(tmp_path)
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    anjian(["migrate", "alerts", "0001_initial", "--noinput", "-v", "0"], env=env)
    dept = shell_json(BEFORE, env=env)
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    rows, activity = shell_json(AFTER, env=env)
    assert rows == [["department", None, "mig_dept"], ["town", "mig_town", None]]
    assert activity == ["department", dept]
