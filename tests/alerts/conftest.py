"""Warning fixtures, and real local servers: SMTP (aiosmtpd) and HTTP (a group-robot stand-in)."""

import datetime as dt
import json
import threading
from email import message_from_bytes
from email import policy as email_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from anjian.alerts import services
from anjian.alerts.selectors import alert_get_for
from anjian.core.actors import SYSTEM
from tests.support.server import free_port

T0 = timezone.make_aware(dt.datetime(2024, 12, 30, 9, 0))


def alert_data(**extra) -> dict:
    data = {
        "title": "寒潮蓝色预警",
        "level": "blue",
        "kind": "weather",
        "content": "未来48小时气温下降8～10℃，请做好防寒防冻和道路结冰防范。",
        "valid_from": T0,
        "valid_to": T0 + dt.timedelta(days=2),
    }
    data.update(extra)
    return data


@pytest.fixture
def publish(county_admin):
    """publish(towns=[...], departments=[...], now=..., **data) → the alert, as the admin."""

    def _publish(*, towns=(), departments=(), now=None, **data):
        alert = services.alert_publish(
            actor=county_admin,
            data=alert_data(**data),
            towns=towns,
            departments=departments,
            now=now or T0,
        )
        return alert_get_for(actor=SYSTEM, pk=alert.pk)

    return _publish


@pytest.fixture
def alert(publish, town_a, traffic_dept):
    """A weather warning to town A and the traffic department, published at T0."""
    return publish(towns=[town_a], departments=[traffic_dept])


class SmtpSink:
    def __init__(self):
        self.messages = []
        self.received = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=email_policy.default)
        self.messages.append(
            {
                "to": envelope.rcpt_tos,
                "subject": message["subject"],
                "body": message.get_body(("plain",)).get_content(),
            }
        )
        self.received.set()
        return "250 OK"


class SmtpServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started again on its port."""

    def __init__(self, port: int):
        self.port = port
        self.sink = SmtpSink()
        self.controller = None

    @property
    def messages(self):
        return self.sink.messages

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_port(settings):
    """E-mail configured to a port on 127.0.0.1 where nothing listens (yet)."""
    port = free_port()
    settings.EMAIL_ENABLED = True
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "anjian@county.example"
    settings.SITE_URL = "https://anjian.county.example"
    return port


@pytest.fixture
def smtp(smtp_port):
    server = SmtpServer(smtp_port)
    server.start()
    yield server
    server.stop()


class RobotHandler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the http.server API
        length = int(self.headers.get("Content-Length", 0))
        raw = self.rfile.read(length)
        self.server.requests.append(
            {
                "path": self.path,
                "content_type": self.headers.get("Content-Type"),
                "json": json.loads(raw.decode("utf-8")),
            }
        )
        answer = json.dumps(self.server.answer).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


class RobotServer:
    """A real HTTP server on 127.0.0.1 answering like a WeCom/DingTalk group robot."""

    def __init__(self, port: int):
        self.port = port
        self.requests: list = []
        self.answer = {"errcode": 0, "errmsg": "ok"}
        self.status = 200
        self.httpd = None

    def url(self, path: str = "/cgi-bin/webhook/send?key=test-key") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), RobotHandler)
        self.httpd.requests, self.httpd.answer, self.httpd.status = (
            self.requests,
            self.answer,
            self.status,
        )
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self):
        if self.httpd is not None:
            self.httpd.shutdown()
            self.httpd.server_close()
            self.httpd = None


@pytest.fixture
def robot_port():
    return free_port()


@pytest.fixture
def robot(robot_port):
    server = RobotServer(robot_port)
    server.start()
    yield server
    server.stop()
