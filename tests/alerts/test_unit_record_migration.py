"""The migration that makes warning recipients and publicity activities UnitRecords keeps
their data: `kind` / `organiser_kind` become `unit_kind` with the same values."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("alerts", "0001_initial")]
AFTER = [("alerts", "0002_unit_records_share_unit_kind")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recipients_and_publicity_keep_their_unit_through_the_migration():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Town = old.get_model("accounts", "Town")
    Department = old.get_model("accounts", "Department")
    Alert = old.get_model("alerts", "Alert")
    town = Town.objects.create(code="mig_town", name="迁移镇")
    dept = Department.objects.create(code="mig_dept", name="迁移局")
    now = timezone.now()
    alert = Alert.objects.create(title="t", level="blue", kind="other", content="c",
                                 valid_from=now, valid_to=now + dt.timedelta(days=1),
                                 remind_at=now, escalate_at=now)
    old.get_model("alerts", "AlertRecipient").objects.create(alert=alert, kind="town", town=town)
    old.get_model("alerts", "AlertRecipient").objects.create(alert=alert, kind="department",
                                                             department=dept)
    old.get_model("alerts", "PublicityActivity").objects.create(
        title="p", held_on=now.date(), place="x", organiser_kind="department", department=dept)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    rows = set(new.get_model("alerts", "AlertRecipient").objects.values_list(
        "unit_kind", "town__code", "department__code"))
    assert rows == {("town", "mig_town", None), ("department", None, "mig_dept")}
    activity = new.get_model("alerts", "PublicityActivity").objects.get(title="p")
    assert (activity.unit_kind, activity.department_id) == ("department", dept.pk)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
