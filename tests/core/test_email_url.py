"""ANJIAN_EMAIL_URL is parsed strictly; a bad one stops start-up with a clear message."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from anjian.email_url import EmailConfig, parse_email_url
from tests.support.server import anjian, server_env


@pytest.mark.parametrize("url,expected", [
    ("", EmailConfig()),
    ("smtp://mail.example.cn", EmailConfig(enabled=True, host="mail.example.cn", port=25)),
    ("smtp://u:p@mail.example.cn:2525", EmailConfig(
        enabled=True, host="mail.example.cn", port=2525, user="u", password="p")),
    ("smtp+tls://anquan%40county.cn:p%3As%2Fw@mail.example.cn", EmailConfig(
        enabled=True, host="mail.example.cn", port=587, user="anquan@county.cn",
        password="p:s/w", use_tls=True)),
    ("smtps://u:p@mail.example.cn?timeout=10", EmailConfig(
        enabled=True, host="mail.example.cn", port=465, user="u", password="p", use_ssl=True,
        timeout=10)),
    ("SMTP://127.0.0.1:1025/", EmailConfig(enabled=True, host="127.0.0.1", port=1025)),
])
def test_good_urls(url, expected):
    assert parse_email_url(url) == expected


@pytest.mark.parametrize("url,reason", [
    ("mail.example.cn", "unknown scheme"),
    ("smtp+ssl://mail.example.cn", "unknown scheme"),
    ("http://mail.example.cn", "unknown scheme"),
    ("smtp://", "host is missing"),
    ("smtp://u:p@", "host is missing"),
    ("smtp://mail.example.cn:99999", "port"),
    ("smtp://mail.example.cn:0", "port"),
    ("smtp://mail.example.cn:abc", "port"),
    ("smtp://mail.example.cn/inbox", "path"),
    ("smtp://mail.example.cn?tls=1", "unknown parameter"),
    ("smtp://mail.example.cn?timeout=0", "timeout"),
    ("smtp://mail.example.cn?timeout=abc", "timeout"),
    ("smtp://:secret@mail.example.cn", "password without a user"),
])
def test_bad_urls_raise_with_the_reason(url, reason):
    with pytest.raises(ImproperlyConfigured) as exc:
        parse_email_url(url)
    assert reason in str(exc.value) and "ANJIAN_EMAIL_URL" in str(exc.value)


def test_the_password_is_not_repeated_in_the_message():
    with pytest.raises(ImproperlyConfigured) as exc:
        parse_email_url("smtp://user:TopSecret@mail.example.cn/x")
    assert "TopSecret" not in str(exc.value)


def test_a_bad_url_stops_start_up(tmp_path):
    env = server_env(tmp_path)
    env["ANJIAN_EMAIL_URL"] = "smtp://mail.example.cn:notaport"
    result = anjian(["check"], env=env, check=False)
    assert result.returncode != 0
    assert "ANJIAN_EMAIL_URL" in result.stderr and "port" in result.stderr


def test_a_good_url_configures_django(tmp_path):
    env = server_env(tmp_path)
    env["ANJIAN_EMAIL_URL"] = "smtp+tls://a%40b.cn:pw@mail.example.cn"
    result = anjian(["shell", "-c", "from django.conf import settings as s; print(s.EMAIL_HOST, "
                     "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.EMAIL_ENABLED)"], env=env)
    assert result.stdout.split()[-5:] == ["mail.example.cn", "587", "a@b.cn", "True", "True"]
