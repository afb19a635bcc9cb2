"""Duty rosters (值班表): a unit's roster for a period, with shifts (领导带班 + 值班人员)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.units import UnitRecord


class DutyRosterQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        """Rosters whose period meets [start, end)."""
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class DutyRoster(UnitRecord):
    title = models.CharField(pgettext_lazy("duty", "title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DutyRosterQuerySet.as_manager()

    class Meta(UnitRecord.Meta):
        ordering = ["-starts_at", "id"]
        verbose_name = _("duty roster")
        verbose_name_plural = _("duty rosters")
        constraints = [
            *UnitRecord.Meta.constraints,
            models.CheckConstraint(
                name="duty_roster_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            ),
        ]
        indexes = [
            # The filing overview and the sweep: rosters overlapping a holiday, per unit.
            models.Index(fields=["starts_at", "ends_at"]),
            # A town's or a department's own roster list.
            models.Index(fields=["town", "-starts_at"]),
            models.Index(fields=["department", "-starts_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("duty:roster_detail", args=[self.pk])


class DutyShift(models.Model):
    roster = models.ForeignKey(
        DutyRoster, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("duty roster")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    leader = models.CharField(_("leader on duty"), max_length=60, blank=True)
    staff = models.CharField(_("staff on duty"), max_length=200)
    phone = models.CharField(_("duty phone"), max_length=60, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        constraints = [
            models.CheckConstraint(
                name="duty_shift_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.staff}"
