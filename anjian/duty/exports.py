"""A duty roster as an Excel workbook: the shifts sheet as counties print it, and its gaps."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from anjian.core.excel import append_row
from anjian.core.pii import mask
from anjian.duty import selectors
from anjian.duty.models import DutyRoster

GAP_FILL = PatternFill("solid", fgColor="F8D7DA")


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None)


def export_roster(*, actor, roster: DutyRoster, stream) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Duty roster")[:31]
    append_row(sheet, [roster.title])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(
        sheet,
        [
            pgettext("duty", "unit"),
            roster.unit_name,
            pgettext("duty", "period"),
            f"{_local(roster.starts_at):%Y-%m-%d %H:%M} – {_local(roster.ends_at):%Y-%m-%d %H:%M}",
        ],
    )
    sheet.append([])
    sheet.append(
        [_("starts at"), _("ends at"), _("leader on duty"), _("staff on duty"), _("duty phone")]
    )
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for shift in roster.shifts.all():
        append_row(
            sheet,
            [
                _local(shift.starts_at),
                _local(shift.ends_at),
                shift.leader,
                shift.staff,
                mask(actor, shift.phone),
            ],
        )
        for cell in sheet[sheet.max_row][:2]:
            cell.number_format = "yyyy-mm-dd hh:mm"
    for column, width in zip("ABCDE", (18, 18, 14, 30, 18), strict=True):
        sheet.column_dimensions[column].width = width
    gaps_sheet = workbook.create_sheet(_("Gaps")[:31])
    gaps_sheet.append([_("starts at"), _("ends at"), pgettext("duty", "missing")])
    labels = {"staff": _("no staff on duty"), "leader": _("no leader on duty")}
    for gap in selectors.roster_gaps(roster):
        append_row(gaps_sheet, [_local(gap.starts_at), _local(gap.ends_at), labels[gap.missing]])
        for cell in gaps_sheet[gaps_sheet.max_row]:
            cell.fill = GAP_FILL
        for cell in gaps_sheet[gaps_sheet.max_row][:2]:
            cell.number_format = "yyyy-mm-dd hh:mm"
    for column in "ABC":
        gaps_sheet.column_dimensions[column].width = 20
    sheet["A1"].alignment = Alignment(horizontal="left")
    workbook.save(stream)
