"""12350 overdue reminders for `anjian sweep` (domain rules §15: a matter is overdue when it is
open and its deadline has passed). One notification per report and period: the key names the
report, the period (verify / feedback) and its due date, so a second run creates nothing and an
extension (a new due date) reminds again. Recipients: the handling unit and the county admins."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from anjian.accounts.units import Unit
from anjian.core.dates import cn_date
from anjian.notifications.services import notify

from . import policy
from .models import PublicReport, ReportStatus


def run(*, now: dt.datetime) -> dict[str, int]:
    today = timezone.localtime(now).date()
    created = 0
    reports = PublicReport.objects.overdue(on=today).select_related("town")
    for report in reports.iterator(chunk_size=500):
        if report.status == ReportStatus.ACCEPTED:
            period, due = "verify", report.verify_due
            title = _("12350 report #%(pk)s: verification overdue since %(day)s")
        else:
            period, due = "feedback", report.feedback_due
            title = _("12350 report #%(pk)s: feedback to the reporter overdue since %(day)s")
        unit = policy.handling_unit(report)
        county = Unit.county_of(report.town).users()
        recipients = {u.pk: u for u in [*county, *unit.users()]}.values()
        created += len(
            notify(
                recipients=recipients,
                kind="public_report.overdue",
                title=(title % {"pk": report.pk, "day": cn_date(due)})[:200],
                key=f"public_report.overdue:{report.pk}:{period}:{due.isoformat()}",
                url=report.get_absolute_url(),
            )
        )
    return {"public_report_overdue": created}
