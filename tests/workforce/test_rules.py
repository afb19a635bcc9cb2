"""The training rules of domain-rules §9 (令第3号 Art. 9, 13) at every boundary."""

import datetime as dt
from decimal import Decimal

import pytest

from anjian.workforce import rules

TODAY = dt.date(2025, 6, 18)


@pytest.mark.parametrize(
    "sector,initial,yearly,induction",
    [
        ("non_coal_mine", 48, 16, 72),
        ("hazardous_chemicals", 48, 16, 72),
        ("fireworks", 48, 16, 72),
        ("industry_trade", 48, 16, 72),  # 金属冶炼 lies in 工贸: the stricter figures
        ("road_traffic", 32, 12, 24),
        ("fire", 32, 12, 24),
        ("other", 32, 12, 24),
        (None, 32, 12, 24),
    ],
)
def test_required_hours_by_sector(sector, initial, yearly, induction):
    assert rules.manager_initial_hours(sector) == initial
    assert rules.manager_yearly_hours(sector) == yearly
    assert rules.induction_hours(sector) == induction


@pytest.mark.parametrize(
    "hours,required,met",
    [
        ("11.5", 12, False),
        ("12", 12, True),  # 不少于: the figure itself is enough
        ("12.5", 12, True),
        ("71.5", 72, False),
        ("72", 72, True),
        (None, 24, False),
        (0, 0, True),
    ],
)
def test_hours_met_at_the_boundary(hours, required, met):
    assert rules.hours_met(None if hours is None else Decimal(str(hours)), required) is met


@pytest.mark.parametrize(
    "expires_on,state",
    [
        (None, "none"),
        (TODAY - dt.timedelta(days=1), "expired"),
        (TODAY, "expiring"),  # the expiry day itself is still valid
        (TODAY + dt.timedelta(days=60), "expiring"),
        (TODAY + dt.timedelta(days=61), "valid"),
    ],
)
def test_certificate_state_boundaries(expires_on, state):
    assert rules.certificate_state(expires_on, TODAY) == state


@pytest.mark.parametrize(
    "number,expires_on,active,drawn",
    [
        ("桂执证1", TODAY, True, True),
        ("桂执证1", TODAY - dt.timedelta(days=1), True, False),
        ("桂执证1", TODAY, False, False),
        ("", TODAY, True, False),
        ("桂执证1", None, True, False),
    ],
)
def test_only_inspectors_in_post_with_a_valid_certificate_may_be_drawn(
    number, expires_on, active, drawn
):
    assert (
        rules.may_be_drawn(
            certificate_number=number, expires_on=expires_on, active=active, today=TODAY
        )
        is drawn
    )
