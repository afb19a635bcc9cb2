"""The channel configuration pages: the county admin for every unit, an officer for its own."""

import pytest
from django.urls import reverse

from anjian.core import audit
from anjian.core.models import AuditEntry
from anjian.notifications.models import ChannelConfig

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_a_hook(town_a):
    return ChannelConfig.objects.create(unit_kind="town", town=town_a, channel="webhook",
                                        flavour="wecom", address="http://127.0.0.1:9/a")


@pytest.fixture
def town_b_hook(town_b):
    return ChannelConfig.objects.create(unit_kind="town", town=town_b, channel="webhook",
                                        flavour="wecom", address="http://127.0.0.1:9/b")


def test_county_admin_sees_every_units_channels(login, county_admin, town_a_hook, town_b_hook):
    html = login(county_admin).get(reverse("notifications:channel_list")).content.decode()
    assert "甲镇" in html and "乙镇" in html


def test_town_officer_sees_only_its_own(login, town_a_officer, town_a_hook, town_b_hook):
    html = login(town_a_officer).get(reverse("notifications:channel_list")).content.decode()
    assert "http://127.0.0.1:9/a" in html and "http://127.0.0.1:9/b" not in html


def test_outsider_gets_404_on_another_towns_channel(login, town_b_officer, town_a_hook):
    client = login(town_b_officer)
    assert client.get(reverse("notifications:channel_edit", args=[town_a_hook.pk])).status_code == 404
    response = client.post(reverse("notifications:channel_delete", args=[town_a_hook.pk]))
    assert response.status_code == 404
    assert ChannelConfig.objects.filter(pk=town_a_hook.pk).exists()


@pytest.mark.parametrize("persona", ["leader", "enterprise_user"])
def test_leader_and_enterprise_have_no_channel_page(persona, request, login):
    response = login(request.getfixturevalue(persona)).get(reverse("notifications:channel_list"))
    assert response.status_code == 403


def test_town_officer_adds_a_robot_for_its_own_town(login, town_a_officer, town_a):
    response = login(town_a_officer).post(reverse("notifications:channel_create"), {
        "channel": "webhook", "flavour": "dingtalk", "secret": "SECabc",
        "address": "https://oapi.dingtalk.com/robot/send?access_token=x", "active": "on"})
    assert response.status_code == 302, response.content.decode()
    config = ChannelConfig.objects.get()
    assert (config.unit_kind, config.town, config.secret) == ("town", town_a, "SECabc")
    entry = AuditEntry.objects.get(model="channelconfig")
    assert entry.changes["secret"] == [None, audit.REDACTED]


def test_county_admin_adds_a_mailbox_for_a_department(login, county_admin, traffic_dept):
    response = login(county_admin).post(reverse("notifications:channel_create"), {
        "unit_kind": "department", "department": traffic_dept.pk, "channel": "email",
        "address": "anquan@jiaotong.example", "active": "on"})
    assert response.status_code == 302, response.content.decode()
    assert ChannelConfig.objects.get().department == traffic_dept


def test_editing_without_a_secret_keeps_the_saved_one(login, town_a_officer, town_a_hook):
    town_a_hook.flavour, town_a_hook.secret = "dingtalk", "KEEP"
    town_a_hook.save()
    response = login(town_a_officer).post(
        reverse("notifications:channel_edit", args=[town_a_hook.pk]),
        {"channel": "webhook", "flavour": "dingtalk", "address": "http://127.0.0.1:9/new",
         "secret": ""})
    assert response.status_code == 302
    town_a_hook.refresh_from_db()
    assert (town_a_hook.secret, town_a_hook.active) == ("KEEP", False)


def test_send_a_test_to_a_dead_robot_shows_the_error(login, town_a_officer, town_a_hook):
    response = login(town_a_officer).post(reverse("notifications:channel_test", args=[town_a_hook.pk]),
                                          follow=True)
    assert response.status_code == 200
    assert "测试消息发送失败" in response.content.decode()
