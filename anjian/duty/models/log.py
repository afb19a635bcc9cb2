"""The duty log: handovers, incoming information and its upward reports, duty spot-checks."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.units import UnitRecord


class DutyHandover(UnitRecord):
    """交接班: who handed the duty desk to whom, and what was still open."""

    handed_over_at = models.DateTimeField(_("handed over at"))
    from_person = models.CharField(_("handed over by"), max_length=60)
    to_person = models.CharField(_("taken over by"), max_length=60)
    open_matters = models.TextField(_("open matters"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta(UnitRecord.Meta):
        ordering = ["-handed_over_at", "-id"]
        verbose_name = _("duty handover")
        verbose_name_plural = _("duty handovers")
        indexes = [
            # The duty log list, newest first.
            models.Index(fields=["-handed_over_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.handed_over_at:%Y-%m-%d %H:%M} {self.from_person} → {self.to_person}"


class ReportKind(models.TextChoices):
    PHONE = "phone", _("By phone")
    WRITTEN = "written", _("In writing")


@dataclass(frozen=True)
class ReportDeadline:
    """How soon the duty desk must report upward (§6; set per county). The stored rule
    `duty.report_deadlines` (anjian.core.rules) holds them with their versions; defaults: phone
    within 30 minutes, written within 1 hour for 较大 and above (grade-relevant events)."""

    kind: str
    minutes: int
    grade_relevant_only: bool = False

    @classmethod
    def from_rule(cls, value: dict) -> list["ReportDeadline"]:
        return [
            cls(
                kind=kind,
                minutes=int(rule["minutes"]),
                grade_relevant_only=bool(rule.get("grade_relevant_only", False)),
            )
            for kind, rule in sorted(value.items())
        ]

    def get_kind_display(self) -> str:
        return ReportKind(self.kind).label

    def applies_to(self, report: "InformationReport") -> bool:
        return report.kind == self.kind and (report.grade_relevant or not self.grade_relevant_only)


class InformationReport(UnitRecord):
    """信息报送: an event that reached the duty desk and when it was reported upward."""

    event = models.CharField(_("event"), max_length=200)
    received_at = models.DateTimeField(_("received at"))
    reported_at = models.DateTimeField(_("reported upward at"), null=True, blank=True)
    reported_to = models.CharField(_("reported to"), max_length=100, blank=True)
    kind = models.CharField(
        pgettext_lazy("duty", "kind"),
        max_length=8,
        choices=ReportKind.choices,
        default=ReportKind.PHONE,
    )
    grade_relevant = models.BooleanField(
        _("较大 or above"),
        default=False,
        help_text=_("The event is (or may become) a 较大 or higher accident."),
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta(UnitRecord.Meta):
        ordering = ["-received_at", "-id"]
        verbose_name = _("information report")
        verbose_name_plural = _("information reports")
        constraints = [
            *UnitRecord.Meta.constraints,
            models.CheckConstraint(
                name="information_reported_after_received",
                condition=models.Q(reported_at__isnull=True)
                | models.Q(reported_at__gte=models.F("received_at")),
            ),
        ]
        indexes = [
            # The information report list, newest first.
            models.Index(fields=["-received_at"]),
        ]

    def __str__(self) -> str:
        return self.event

    def deadline(self, deadlines) -> dt.datetime | None:
        """The time by which it had to be reported, given the county's deadlines (or None)."""
        for rule in deadlines:
            if rule.applies_to(self):
                return self.received_at + dt.timedelta(minutes=rule.minutes)
        return None

    def is_late(self, deadlines, *, now: dt.datetime) -> bool:
        """Reported after the deadline, or still unreported once it has passed."""
        due = self.deadline(deadlines)
        if due is None:
            return False
        return (self.reported_at or now) > due


class DutyCheck(UnitRecord):
    """值班督查: the supervision office rings or visits a unit's duty desk."""

    checked_at = models.DateTimeField(_("checked at"))
    answered = models.BooleanField(_("phone answered"), default=True)
    on_duty = models.CharField(_("person on duty"), max_length=60, blank=True)
    findings = models.TextField(_("findings"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    class Meta(UnitRecord.Meta):
        ordering = ["-checked_at", "-id"]
        verbose_name = _("duty spot-check")
        verbose_name_plural = _("duty spot-checks")
        indexes = [
            # The monthly summary: the checks of one month, grouped by unit.
            models.Index(fields=["checked_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.checked_at:%Y-%m-%d %H:%M} {self.unit_name}"
