"""Certificates of the personas' enterprises, and valid identity numbers."""

import datetime as dt

import pytest

from anjian.certificates import services
from anjian.certificates.rules import id_check_character
from anjian.core import clock


def id_number(n: int = 1, born: str = "19800101", area: str = "450102") -> str:
    """A valid GB 11643 identity number: area, birth date, sequence `n`, check character."""
    first17 = f"{area}{born}{n % 1000:03d}"
    return first17 + id_check_character(first17)


def days(n: int) -> dt.date:
    return clock.today() + dt.timedelta(days=n)


def cert_data(**extra) -> dict:
    values = {
        "holder": "张三",
        "id_number": id_number(1),
        "kind": "special_operation",
        "category": "电工作业",
        "number": "T450102198001010011",
        "issued_on": days(-400),
    }
    values.update(extra)
    return values


@pytest.fixture
def certificate(enterprise_user):
    return services.certificate_create(actor=enterprise_user, data=cert_data())
