"""The demo's warnings: one with missing confirmations, an older one fully confirmed."""

import datetime as dt
import random

import pytest

from anjian.alerts.models import Alert, PublicityActivity
from anjian.core import clock
from anjian.demo.context import DemoContext
from anjian.demo.data import alerts as demo_data
from anjian.notifications.models import ChannelConfig

pytestmark = pytest.mark.django_db


def test_demo_warnings_and_activities(county_admin, town_a, town_b, traffic_dept, emergency_dept,
                                      sectors, town_a_officer, traffic_officer, enterprise_user):
    ctx = DemoContext(
        today=clock.today(), rng=random.Random(1), county=None,
        towns={"town_a": town_a, "town_b": town_b}, sectors=sectors,
        departments={"transport": traffic_dept, "emergency": emergency_dept},
        users={"county_admin": county_admin, "town_officer": town_a_officer,
               "dept_officer": traffic_officer, "enterprise_user": enterprise_user},
        admin=county_admin)
    demo_data.load(ctx)
    progress = {a.title: (a.confirmed_count, a.recipient_count)
                for a in Alert.objects.with_progress()}
    assert progress["寒潮蓝色预警：强降温及道路结冰"] == (1, 4)
    assert progress["关于加强节前道路交通安全隐患排查的预警"] == (2, 2)
    current = Alert.objects.get(kind="weather")
    assert current.published_at > clock.now() - dt.timedelta(days=1)
    assert PublicityActivity.objects.count() == 4
    assert not ChannelConfig.objects.exists()
