"""Sending one message: SMTP e-mail and group-robot webhooks. Raise on any failure.

Short timeouts everywhere: these run after a user's action has been committed and must not
keep the user waiting long when a server is down.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend

WEBHOOK_TIMEOUT = 5
WECOM_MAX_BYTES = 2048  # 企业微信 text messages: at most 2048 bytes of UTF-8
DINGTALK_MAX_BYTES = 20000


class DeliveryError(Exception):
    """The server answered but refused the message (or the channel is not configured)."""


def send_email(*, to: str, subject: str, text: str) -> None:
    """Send one plain-text e-mail through the SMTP server of ANJIAN_EMAIL_URL.

    Uses the SMTP backend explicitly (not EMAIL_BACKEND), so that what reaches the server is what
    the settings say even where a test runner swaps the default backend.
    """
    if not settings.EMAIL_ENABLED:
        raise DeliveryError("e-mail is not configured (set ANJIAN_EMAIL_URL)")
    connection = EmailBackend(timeout=settings.EMAIL_TIMEOUT, fail_silently=False)
    message = EmailMessage(subject=subject.replace("\n", " ")[:200], body=text,
                           from_email=settings.DEFAULT_FROM_EMAIL, to=[to],
                           connection=connection)
    if message.send() != 1:
        raise DeliveryError("the SMTP server did not accept the message")


def _truncate(text: str, max_bytes: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[: max_bytes - 3].decode("utf-8", errors="ignore") + "…"


def robot_payload(*, flavour: str, text: str) -> dict:
    """The group robot's JSON: 企业微信 and 钉钉 both take a text message of this shape."""
    limit = WECOM_MAX_BYTES if flavour == "wecom" else DINGTALK_MAX_BYTES
    return {"msgtype": "text", "text": {"content": _truncate(text, limit)}}


def dingtalk_signed_url(url: str, secret: str, *, now_ms: int | None = None) -> str:
    """钉钉 加签: append timestamp and HMAC-SHA256(timestamp + "\\n" + secret) to the URL."""
    timestamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}\n{secret}".encode(),
                      hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest))
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}timestamp={timestamp}&sign={sign}"


def post_webhook(*, url: str, flavour: str, text: str, secret: str = "") -> None:
    """POST the text to a group robot; both robots answer {"errcode": 0, …} on success."""
    if flavour == "dingtalk" and secret:
        url = dingtalk_signed_url(url, secret)
    body = json.dumps(robot_payload(flavour=flavour, text=text), ensure_ascii=False).encode()
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Content-Type": "application/json; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
        answer = response.read(65536)
    try:
        parsed = json.loads(answer or b"{}")
    except ValueError:
        return  # a 2xx without JSON: a plain receiver (not a robot) accepted it
    if isinstance(parsed, dict) and parsed.get("errcode", 0) not in (0, "0"):
        raise DeliveryError(f"robot refused: errcode {parsed.get('errcode')} "
                            f"{parsed.get('errmsg', '')}".strip())
