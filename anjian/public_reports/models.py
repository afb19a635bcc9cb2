"""12350 public reports (举报): filed by anyone without a login, handled by the county admin or
the unit the report is transferred to (domain rules §15).

The reporter's name and phone are seen only by the county admin and the handling unit; the
audit log records that they changed, never their values (`AUDIT_SECRET_FIELDS`). Deadlines are
fixed when their event happens (acceptance, extension, verification); `overdue` is derived.
"""

import secrets

from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Department, Sector, Town
from anjian.core import clock

CONTENT_MAX = 2000
# An unguessable code: 16 characters from 32 unambiguous ones (80 bits).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16


def new_tracking_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class ReportStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("public report", "Received")
    ACCEPTED = "accepted", pgettext_lazy("public report", "Accepted, being verified")
    REJECTED = "rejected", pgettext_lazy("public report", "Not accepted")
    VERIFIED = "verified", pgettext_lazy("public report", "Verified")
    REWARDED = "rewarded", pgettext_lazy("public report", "Reward assessed")
    CLOSED = "closed", pgettext_lazy("public report", "Closed")


class Finding(models.TextChoices):
    TRUE = "true", _("True")
    PARTLY = "partly", _("Partly true")
    FALSE = "false", _("Untrue")


class RewardBasis(models.TextChoices):
    FINE = "fine", _("Share of the fine")
    CONCEALED_DEATHS = "concealed_deaths", _("Concealed deaths")


OPEN = (ReportStatus.RECEIVED, ReportStatus.ACCEPTED, ReportStatus.VERIFIED, ReportStatus.REWARDED)


class PublicReportQuerySet(models.QuerySet):
    def overdue(self, *, on):
        """Open and past a deadline: verification (accepted) or feedback (verified, rewarded)."""
        return self.filter(
            models.Q(status=ReportStatus.ACCEPTED, verify_due__lt=on)
            | models.Q(
                status__in=(ReportStatus.VERIFIED, ReportStatus.REWARDED), feedback_due__lt=on
            )
        )


class PublicReport(models.Model):
    """One report from the public; `town`/`place`/`enterprise_name` say where the matter is."""

    AUDIT_SECRET_FIELDS = ("contact_name", "contact_phone")

    tracking_code = models.CharField(
        _("tracking code"),
        max_length=CODE_LENGTH,
        unique=True,
        default=new_tracking_code,
        editable=False,
    )
    received_at = models.DateTimeField(_("received at"), default=clock.now)
    content = models.TextField(_("what you report"), validators=[MaxLengthValidator(CONTENT_MAX)])
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=pgettext_lazy("public report", "town"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    enterprise_name = models.CharField(_("unit reported on"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("your name"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("your phone"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(r"^\+?[0-9][0-9 -]{4,28}$", _("Give a phone number (digits only)."))
        ],
    )

    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    # The handling unit: a town, a department, or (both empty) the county.
    handler_town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by town"),
    )
    handler_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by department"),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matched enterprise"),
    )

    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    verify_due = models.DateField(_("verification due"), null=True, blank=True)
    extended = models.BooleanField(_("verification extended"), default=False)
    extension_reason = models.TextField(_("extension reason"), blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    finding = models.CharField(_("finding"), max_length=6, choices=Finding.choices, blank=True)
    verify_note = models.TextField(_("verification note"), blank=True)
    feedback_due = models.DateField(_("feedback due"), null=True, blank=True)
    reject_reason = models.TextField(_("reason not accepted"), blank=True)
    # What the reporter is told (tracking page): the reason not accepted or the feedback.
    result = models.TextField(_("result told to the reporter"), blank=True)
    reward_basis = models.CharField(
        _("reward basis"), max_length=20, choices=RewardBasis.choices, blank=True
    )
    reward_amount = models.DecimalField(
        _("reward (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    hazard = models.OneToOneField(
        "hazards.Hazard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_report",
        verbose_name=_("hazard"),
    )
    fireworks_case = models.OneToOneField(
        "fireworks.FireworksCase",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="public_report",
        verbose_name=_("打非 case"),
    )

    objects = PublicReportQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("public report")
        verbose_name_plural = _("public reports")
        indexes = [
            # The handling unit's list and the sweep's overdue query.
            models.Index(fields=["status", "verify_due"], name="public_report_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                name="public_report_one_handler",
                condition=models.Q(handler_town__isnull=True)
                | models.Q(handler_department__isnull=True),
            ),
            models.CheckConstraint(
                name="public_report_anonymous_no_contact",
                condition=models.Q(anonymous=False) | models.Q(contact_name="", contact_phone=""),
            ),
        ]

    def __str__(self) -> str:
        return f"12350 #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("public_reports:report_detail", args=[self.pk])

    @property
    def overdue(self) -> bool:
        from anjian.public_reports.deadlines import report_overdue

        return report_overdue(self)
