"""The warning fixtures and the local SMTP and group-robot servers of tests/alerts: notifications
are tested through the warnings that send them."""

from tests.alerts.conftest import (  # noqa: F401 - pytest finds fixtures by name
    alert,
    publish,
    robot,
    robot_port,
    smtp,
    smtp_port,
)
