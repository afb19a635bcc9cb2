"""Validity of certificates (令第3号 Art. 24, 令第30号 Art. 21) and GB 11643 identity numbers, at
every boundary."""

import datetime as dt

import pytest

from anjian.certificates import rules
from tests.certificates.conftest import id_number

D = dt.date


@pytest.mark.parametrize(
    ("kind", "issued", "expires"),
    [
        ("principal", D(2025, 6, 18), D(2028, 6, 17)),
        ("safety_manager", D(2025, 1, 1), D(2027, 12, 31)),
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17)),
        ("special_operation", D(2024, 2, 29), D(2030, 2, 27)),  # no 29 Feb 2030
        ("principal", D(2024, 3, 1), D(2027, 2, 28)),
    ],
)
def test_the_default_validity_is_three_years_and_six_for_a_special_operation(kind, issued, expires):
    assert rules.default_expiry(kind, issued) == expires


@pytest.mark.parametrize(
    ("kind", "issued", "expires", "reviewed", "due"),
    [
        # a 6-year special-operation certificate is reviewed by the end of its third year
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), None, D(2028, 6, 17)),
        # a review near the issue covers nothing; one near the due day (early or late) does
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2025, 6, 18), D(2028, 6, 17)),
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2026, 12, 16), D(2028, 6, 17)),
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2026, 12, 18), None),
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2028, 5, 1), None),
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2028, 7, 1), None),
        # then the next 3-year day is the expiry: renewed, not reviewed
        ("special_operation", D(2025, 6, 18), D(2031, 6, 17), D(2028, 6, 17), None),
        # a 9-year register entry needs a second review after the first one, late or not
        ("special_operation", D(2020, 1, 1), D(2028, 12, 31), D(2022, 12, 1), D(2025, 12, 31)),
        ("special_operation", D(2020, 1, 1), D(2028, 12, 31), D(2023, 1, 1), D(2025, 12, 31)),
        ("special_operation", D(2020, 1, 1), D(2028, 12, 31), D(2025, 12, 1), None),
        # a certificate of 3 years or less needs no review
        ("special_operation", D(2025, 6, 18), D(2028, 6, 17), None, None),
        ("principal", D(2025, 6, 18), D(2031, 6, 17), None, None),
    ],
)
def test_a_special_operation_is_reviewed_every_three_years(kind, issued, expires, reviewed, due):
    assert rules.review_due(kind, issued_on=issued, expires_on=expires, reviewed_on=reviewed) == due


TODAY = D(2025, 6, 18)


@pytest.mark.parametrize(
    ("expires", "expired", "expiring"),
    [
        (D(2025, 6, 17), True, False),  # the last valid day was yesterday
        (D(2025, 6, 18), False, True),  # valid through today
        (D(2025, 8, 17), False, True),  # the 60th day
        (D(2025, 8, 18), False, False),  # the 61st day
    ],
)
def test_expired_and_expiring_within_sixty_days(expires, expired, expiring):
    assert rules.is_expired(expires, today=TODAY) is expired
    assert rules.is_expiring(expires, today=TODAY) is expiring


@pytest.mark.parametrize(
    ("expires", "review", "valid"),
    [
        (D(2031, 6, 17), None, True),
        (D(2031, 6, 17), D(2025, 6, 18), True),  # review due today: still valid
        (D(2031, 6, 17), D(2025, 6, 17), False),  # review overdue
        (D(2025, 6, 17), None, False),  # expired
    ],
)
def test_a_certificate_is_valid_until_expiry_and_while_its_review_is_not_overdue(
    expires, review, valid
):
    assert rules.is_valid(expires_on=expires, review_on=review, today=TODAY) is valid


def test_the_worked_identity_number_of_gb_11643_has_its_check_character():
    assert rules.id_number_problem("11010519491231002X") is None
    assert rules.id_check_character("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (id_number(7), None),
        (id_number(7).lower(), None),
        ("11010519491231002x", None),
        ("110105194912310021", "checksum"),
        ("11010519491231002", "format"),
        ("1101051949123100211", "format"),
        ("11010519491231A02X", "format"),
        ("110105194902300028", "birth_date"),  # 30 February
        ("", "format"),
    ],
)
def test_impossible_identity_numbers_are_named(value, problem):
    assert rules.id_number_problem(value) == problem
