"""Training rules (domain-rules §9): pure functions, each with its clause, table-tested at every
boundary in tests/workforce/test_rules.py.

原国家安监总局令第3号《生产经营单位安全培训规定》(2015 amendment):
- Art. 9: principals (主要负责人) and safety managers (安全生产管理人员) are trained at least 32 hours
  at first and re-trained at least 12 hours every year; in 煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼
  units at least 48 and 16 hours.
- Art. 13: new staff (新上岗的从业人员) are trained at least 24 hours before they start work (三级安全教育:
  company, workshop, team); in the units above at least 72 hours.

Inspectors (执法人员): an enforcement certificate with an expiry date; the yearly training hours are
a county setting (`core.rules` key `workforce.inspector_training_hours`, default 40).
"""

import datetime as dt
from decimal import Decimal

# The sectors of Art. 9 and Art. 13's higher figures. The platform's sectors do not separate
# metal smelting (金属冶炼) from 工贸, so 工贸 takes the stricter figures (as the emergency rules do).
HIGH_RISK_SECTORS = frozenset(
    {"non_coal_mine", "hazardous_chemicals", "fireworks", "industry_trade"}
)

MANAGER_INITIAL_HOURS = Decimal(32)
MANAGER_INITIAL_HOURS_HIGH_RISK = Decimal(48)
MANAGER_YEARLY_HOURS = Decimal(12)
MANAGER_YEARLY_HOURS_HIGH_RISK = Decimal(16)
INDUCTION_HOURS = Decimal(24)
INDUCTION_HOURS_HIGH_RISK = Decimal(72)

# An enforcement certificate is "expiring" this many days before its last valid day.
CERTIFICATE_LEAD_DAYS = 60
# No single training lasts longer than this (a year's full-time course is about 2,000 hours).
MAX_TRAINING_HOURS = Decimal(2000)
MIN_TRAINING_HOURS = Decimal("0.5")


def is_high_risk(sector: str | None) -> bool:
    return sector in HIGH_RISK_SECTORS


def manager_initial_hours(sector: str | None) -> Decimal:
    """令第3号 Art. 9: a principal's or safety manager's first training, at least 32 hours
    (48 in mines, hazardous chemicals, fireworks, metal smelting)."""
    return MANAGER_INITIAL_HOURS_HIGH_RISK if is_high_risk(sector) else MANAGER_INITIAL_HOURS


def manager_yearly_hours(sector: str | None) -> Decimal:
    """令第3号 Art. 9: re-training every year after, at least 12 hours (16 in the sectors above)."""
    return MANAGER_YEARLY_HOURS_HIGH_RISK if is_high_risk(sector) else MANAGER_YEARLY_HOURS


def induction_hours(sector: str | None) -> Decimal:
    """令第3号 Art. 13: new staff, at least 24 hours before starting work (72 in the sectors
    above), over the three levels of 三级安全教育."""
    return INDUCTION_HOURS_HIGH_RISK if is_high_risk(sector) else INDUCTION_HOURS


def hours_met(hours, required) -> bool:
    """ "At least" (不少于): the required figure itself is enough."""
    return Decimal(hours or 0) >= Decimal(required)


def certificate_state(expires_on: dt.date | None, today: dt.date) -> str:
    """`none` (no expiry recorded), `expired` (the last valid day has passed), `expiring`
    (valid, the last day within 60 days) or `valid`. The expiry day itself is still valid."""
    if expires_on is None:
        return "none"
    if expires_on < today:
        return "expired"
    if expires_on <= today + dt.timedelta(days=CERTIFICATE_LEAD_DAYS):
        return "expiring"
    return "valid"


def may_be_drawn(
    *, certificate_number: str, expires_on: dt.date | None, active: bool, today: dt.date
) -> bool:
    """An inspector may be sent on a 双随机 inspection only in post and with a valid enforcement
    certificate (行政执法证) on the day of the draw."""
    return bool(active and certificate_number and expires_on is not None and expires_on >= today)
