from anjian.duty.models.calendar import (
    DateSystem,
    DeclaredHoliday,
    DeclaredWorkday,
    LocalFestival,
    PeriodWork,
    Season,
    WorkTiming,
)
from anjian.duty.models.log import (
    DutyCheck,
    DutyHandover,
    InformationReport,
    ReportDeadline,
    ReportKind,
)
from anjian.duty.models.rosters import DutyRoster, DutyShift

__all__ = [
    "DateSystem",
    "DeclaredHoliday",
    "DeclaredWorkday",
    "DutyCheck",
    "DutyHandover",
    "DutyRoster",
    "DutyShift",
    "InformationReport",
    "LocalFestival",
    "PeriodWork",
    "ReportDeadline",
    "ReportKind",
    "Season",
    "WorkTiming",
]
