"""Notifications moved into their own app without moving a row: the tables keep their names."""

import pytest

from tests.support.server import anjian, server_env, shell_json

pytestmark = pytest.mark.slow

BEFORE_THE_MOVE = """
from django.db import connection
from django.utils import timezone
from anjian.accounts.models import Role, Town, User
town = Town.objects.create(code="t", name="甲镇")
user = User.objects.create(username="officer", role=Role.TOWN_OFFICER, town=town)
now = timezone.now()
with connection.cursor() as c:
    c.execute("INSERT INTO core_notification (recipient_id, kind, title, body, url, key, created_at)"
              " VALUES (%s, 'alert', '寒潮蓝色预警', '', '', 'k1', %s)", [user.pk, now])
    c.execute("INSERT INTO alerts_channelconfig (unit_kind, town_id, channel, flavour, address,"
              " secret, active, created_at) VALUES ('town', %s, 'webhook', 'wecom',"
              " 'https://robot.example/send', '', 1, %s)", [town.pk, now])
    c.execute("INSERT INTO alerts_delivery (notification_id, config_id, channel, address, key,"
              " subject, text, status, attempts, last_error, created_at)"
              " SELECT n.id, c.id, 'webhook', c.address, 'k1', 's', 't', 'sent', 1, '', %s"
              " FROM core_notification n, alerts_channelconfig c", [now])
print(1)
"""

AFTER_THE_MOVE = """
import json
from anjian.notifications.models import ChannelConfig, Delivery, Notification
delivery = Delivery.objects.select_related("notification", "config").get()
print(json.dumps([Notification.objects.get().title, ChannelConfig.objects.get().address,
                  delivery.notification.key, delivery.config.town.name]))
"""


def test_notifications_channels_and_deliveries_survive_the_move(tmp_path):
    env = server_env(tmp_path)
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    # Back to before the move (the state-only migrations), with data in the old tables …
    anjian(["migrate", "notifications", "zero", "--noinput", "-v", "0"], env=env)
    assert shell_json(BEFORE_THE_MOVE, env=env) == 1
    # … and forward again: the same rows, read through the new app's models.
    anjian(["migrate", "--noinput", "-v", "0"], env=env)
    assert shell_json(AFTER_THE_MOVE, env=env) == [
        "寒潮蓝色预警", "https://robot.example/send", "k1", "甲镇"]
