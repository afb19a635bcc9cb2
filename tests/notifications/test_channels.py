"""E-mail and group-robot webhooks, received by real local servers; failures never block."""

import datetime as dt

import pytest

from anjian.alerts import services as alert_services
from anjian.alerts import sweep as alert_sweep
from anjian.alerts.models import AlertRecipient
from anjian.core import clock
from anjian.notifications import channels, services, sweep, transport
from anjian.notifications.models import (
    ChannelConfig,
    Delivery,
    DeliveryStatus,
    Notification,
    UnitKind,
)
from anjian.notifications.services import notify
from tests.alerts.conftest import T0, alert_data

pytestmark = pytest.mark.django_db


def _webhook(unit_kind="town", flavour="wecom", url="", **unit) -> ChannelConfig:
    return ChannelConfig.objects.create(unit_kind=unit_kind, channel="webhook", flavour=flavour,
                                        address=url, **unit)


def _mailbox(address: str, unit_kind="town", **unit) -> ChannelConfig:
    return ChannelConfig.objects.create(unit_kind=unit_kind, channel="email", address=address,
                                        **unit)


def _publish(county_admin, town, capture, **data):
    with capture(execute=True):
        return alert_services.alert_publish(actor=county_admin, data=alert_data(**data), towns=[town],
                                      departments=[], now=clock.now())


def test_publishing_posts_the_chinese_text_to_the_towns_wecom_robot(
        robot, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    _webhook(town=town_a, url=robot.url())
    alert = _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert len(robot.requests) == 1
    request = robot.requests[0]
    assert request["path"] == "/cgi-bin/webhook/send?key=test-key"
    assert request["content_type"].startswith("application/json")
    assert request["json"]["msgtype"] == "text"
    assert set(request["json"]) == {"msgtype", "text"}
    content = request["json"]["text"]["content"]
    assert "寒潮蓝色预警" in content and "签收" in content and "气温下降" in content
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 1, "")
    assert delivery.notification.recipient == town_a_officer
    assert alert.pk


def test_dingtalk_robot_gets_the_same_shape_with_a_signature(
        robot, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    config = _webhook(town=town_a, flavour="dingtalk",
                      url=robot.url("/robot/send?access_token=abc"))
    config.secret = "SEC123"
    config.save()
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    request = robot.requests[0]
    assert request["path"].startswith("/robot/send?access_token=abc&timestamp=")
    assert "&sign=" in request["path"]
    assert request["json"]["msgtype"] == "text"
    assert "寒潮蓝色预警" in request["json"]["text"]["content"]


def test_dingtalk_signature_follows_the_documented_recipe():
    url = transport.dingtalk_signed_url("https://oapi.example/robot/send?access_token=t",
                                        "SEC000", now_ms=1700000000000)
    # HMAC-SHA256 of "1700000000000\nSEC000" with key "SEC000", base64, URL-encoded.
    import base64
    import hashlib
    import hmac
    import urllib.parse

    expected = urllib.parse.quote_plus(base64.b64encode(hmac.new(
        b"SEC000", b"1700000000000\nSEC000", hashlib.sha256).digest()))
    assert url == ("https://oapi.example/robot/send?access_token=t&timestamp=1700000000000"
                   f"&sign={expected}")


def test_wecom_text_is_cut_to_2048_bytes_without_breaking_a_character():
    payload = transport.robot_payload(flavour="wecom", text="预警" * 2000)
    content = payload["text"]["content"]
    assert len(content.encode("utf-8")) <= 2048 and content.endswith("…")


def test_a_unit_robot_gets_one_message_even_when_the_unit_has_several_users(
        robot, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    from anjian.accounts.models import Role, User

    User.objects.create(username="town_a_2", role=Role.TOWN_OFFICER, town=town_a)
    _webhook(town=town_a, url=robot.url())
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(kind="alert.published").count() == 2
    assert len(robot.requests) == 1 and Delivery.objects.count() == 1


def test_email_reaches_the_units_mailbox_and_the_users_own_address(
        smtp, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    town_a_officer.email = "officer@town-a.example"
    town_a_officer.save()
    _mailbox("safety@town-a.example", town=town_a)
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert smtp.sink.received.wait(5)
    assert sorted(m["to"][0] for m in smtp.messages) == ["officer@town-a.example",
                                                         "safety@town-a.example"]
    message = smtp.messages[0]
    assert "寒潮蓝色预警" in message["subject"] and "蓝色" in message["subject"]
    assert "气温下降" in message["body"] and "签收" in message["body"]
    # ANJIAN_SITE_URL makes the link absolute.
    assert "https://anjian.county.example/alerts/" in message["body"]
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def test_users_own_address_is_skipped_when_email_is_not_configured(
        settings, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    settings.EMAIL_ENABLED = False
    town_a_officer.email = "officer@town-a.example"
    town_a_officer.save()
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert not Delivery.objects.exists()


def test_dead_mail_server_leaves_the_warning_published_and_the_delivery_failed_then_retried(
        smtp_port, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    _mailbox("safety@town-a.example", town=town_a)
    alert = _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert AlertRecipient.objects.filter(alert=alert).count() == 1  # the action is done
    assert Notification.objects.filter(recipient=town_a_officer).exists()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.attempts == 1
    assert "Connection" in delivery.last_error or "refused" in delivery.last_error
    assert delivery.next_attempt_at > clock.now()

    # Too early: the sweep leaves it alone.
    sweep.run(now=clock.now())
    assert Delivery.objects.get().attempts == 1
    # The server is back; the sweep after the backoff sends it.
    from tests.alerts.conftest import SmtpServer

    server = SmtpServer(smtp_port)
    server.start()
    try:
        sweep.run(now=delivery.next_attempt_at + dt.timedelta(seconds=1))
    finally:
        server.stop()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("sent", 2, "")
    assert "寒潮蓝色预警" in server.messages[0]["subject"]


def test_dead_robot_fails_then_succeeds_when_it_is_back(
        robot_port, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    from tests.alerts.conftest import RobotServer

    server = RobotServer(robot_port)
    _webhook(town=town_a, url=server.url())
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and delivery.last_error
    server.start()
    try:
        counts = channels.retry_due(now=delivery.next_attempt_at)
    finally:
        server.stop()
    assert counts == {"sent": 1, "failed": 0}
    assert "寒潮蓝色预警" in server.requests[0]["json"]["text"]["content"]
    assert Delivery.objects.get().status == "sent"


def test_robot_that_answers_an_error_code_is_a_failure(
        robot, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    robot.httpd.answer = {"errcode": 93000, "errmsg": "invalid webhook url"}
    _webhook(town=town_a, url=robot.url())
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "93000" in delivery.last_error


def test_retries_back_off_and_stop_after_five_attempts(robot_port, town_a, town_a_officer,
                                                       django_capture_on_commit_callbacks):
    _webhook(town=town_a, url=f"http://127.0.0.1:{robot_port}/dead")
    with_now = clock.now()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[town_a_officer], kind="test", title="测试", key="k1")
    # Delivered on commit: attempt 1 failed.
    delivery = Delivery.objects.get()
    gaps = []
    for _ in range(6):
        delivery.refresh_from_db()
        if delivery.next_attempt_at is None:
            break
        gaps.append(delivery.next_attempt_at)
        channels.retry_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.attempts == channels.MAX_ATTEMPTS
    assert delivery.status == "failed" and delivery.next_attempt_at is None
    waits = [round((b - a).total_seconds() / 60) for a, b in zip(gaps, gaps[1:], strict=False)]
    assert waits == [10, 20, 40]
    assert round((gaps[0] - with_now).total_seconds() / 60) == 5


def test_a_channel_that_raises_anything_never_breaks_the_action(
        monkeypatch, county_admin, town_a, town_a_officer, django_capture_on_commit_callbacks):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(channels, "plan", explode)
    alert = _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert AlertRecipient.objects.filter(alert=alert).exists()


def test_inactive_channels_and_other_units_get_nothing(
        robot, county_admin, town_a, town_b, town_a_officer, django_capture_on_commit_callbacks):
    config = _webhook(town=town_a, url=robot.url())
    config.active = False
    config.save()
    _webhook(town=town_b, url=robot.url("/other"))
    _publish(county_admin, town_a, django_capture_on_commit_callbacks)
    assert robot.requests == [] and not Delivery.objects.exists()


def test_county_channel_receives_escalations(robot, alert, county_admin, town_a_officer,
                                             traffic_officer, django_capture_on_commit_callbacks):
    _webhook(unit_kind=UnitKind.COUNTY, url=robot.url("/county"))
    with django_capture_on_commit_callbacks(execute=True):
        alert_sweep.run(now=T0 + dt.timedelta(hours=25))
    assert [r["path"] for r in robot.requests] == ["/county"]
    assert "甲镇" in robot.requests[0]["json"]["text"]["content"]


@pytest.mark.parametrize("data,field", [
    ({"channel": "email", "address": "not-an-address"}, "address"),
    ({"channel": "webhook", "flavour": "wecom", "address": "ftp://x"}, "address"),
    ({"channel": "webhook", "flavour": "", "address": "http://x.example/"}, "flavour"),
])
def test_bad_channel_settings_are_refused(data, field, county_admin, town_a):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.channel_create(actor=county_admin, data={"unit_kind": "town", "town": town_a,
                                                          **data})
    assert field in exc.value.message_dict
    assert not ChannelConfig.objects.exists()


def test_send_test_reports_success_and_failure(robot, robot_port, county_admin, town_a):
    good = services.channel_create(actor=county_admin, data={
        "unit_kind": "town", "town": town_a, "channel": "webhook", "flavour": "wecom",
        "address": robot.url()})
    assert services.channel_send_test(actor=county_admin, config=good).status == "sent"
    assert "测试消息" in robot.requests[0]["json"]["text"]["content"]
    robot.stop()
    failed = services.channel_send_test(actor=county_admin, config=good)
    assert failed.status == "failed" and failed.next_attempt_at is None
