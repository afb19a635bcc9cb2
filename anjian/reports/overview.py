"""The home page's figures: each area read through its own selectors, scoped to the user."""

from dataclasses import dataclass, field

from anjian.accidents.stats import accident_stats
from anjian.alerts import selectors as alerts
from anjian.core import clock
from anjian.core.periods import period_of
from anjian.core.permissions import has_permission
from anjian.duty import calendar
from anjian.duty import selectors as duty
from anjian.hazards import selectors as hazards
from anjian.registry import selectors as registry
from anjian.risks import selectors as risks


@dataclass
class Overview:
    enterprises: int
    expired_licences: int
    expiring_licences: int
    hazards: dict
    major_risk_points: int
    accidents: dict
    period_label: str
    alerts: list
    next_holiday: object = None
    filing: dict = field(default_factory=dict)


def overview_for(*, actor) -> Overview:
    """What a user needs to see first: this month against last year, open and overdue hazards,
    red risks, licences, warnings waiting for 签收 and the next holiday's duty."""
    today = clock.today()
    holiday = calendar.next_holiday(today)
    filing = {}
    if holiday is not None and has_permission(actor, "leader"):
        states = [row.state for row in duty.filing_overview(holiday=holiday)]
        filing = {"filed": states.count("filed"), "total": len(states)}
    return Overview(
        enterprises=registry.enterprise_list(actor=actor).count(),
        expired_licences=registry.licence_list(actor=actor, state="expired").count(),
        expiring_licences=registry.licence_list(actor=actor, state="30").count(),
        hazards=hazards.status_counts(actor=actor),
        major_risk_points=risks.risk_point_list(actor=actor, level="major").count(),
        accidents=accident_stats(actor=actor, period=period_of(today)),
        period_label=period_of(today).label,
        alerts=list(alerts.alert_list(actor=actor)[:5]),
        next_holiday=holiday,
        filing=filing,
    )
