"""The enforcement team (执法人员) and training records (domain-rules §9): inspectors with their
enforcement certificates, trainings (inspectors' and enterprises'), and new staff's 三级安全教育."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from anjian.accounts.units import Scope, UnitKind, UnitRecord
from anjian.core import clock
from anjian.workforce import rules

HOURS = [MinValueValidator(rules.MIN_TRAINING_HOURS), MaxValueValidator(rules.MAX_TRAINING_HOURS)]
LEVEL_HOURS = [MinValueValidator(Decimal(0)), MaxValueValidator(rules.MAX_TRAINING_HOURS)]


class Inspector(UnitRecord):
    """One member of the enforcement team, serving a department, a town (综合行政执法) or the
    county. `user` links the platform account that records their inspections (optional)."""

    UNIT_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT)

    name = models.CharField(_("name"), max_length=60)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspector",
        verbose_name=_("platform account"),
    )
    certificate_number = models.CharField(
        _("enforcement certificate number"), max_length=60, blank=True
    )
    certificate_issued_on = models.DateField(_("certificate issued on"), null=True, blank=True)
    certificate_expires_on = models.DateField(_("certificate expires on"), null=True, blank=True)
    active = models.BooleanField(_("in post"), default=True)
    # 回避: the units this inspector is never sent to (domain-rules §10).
    conflicts = models.ManyToManyField(
        "registry.Enterprise", blank=True, related_name="+", verbose_name=_("conflict list (回避)")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("inspector")
        verbose_name_plural = _("inspectors")
        constraints = [
            models.CheckConstraint(
                name="inspector_unit_matches_kind",
                condition=(
                    Q(unit_kind="county", town__isnull=True, department__isnull=True)
                    | Q(unit_kind="town", town__isnull=False, department__isnull=True)
                    | Q(unit_kind="department", town__isnull=True, department__isnull=False)
                ),
            ),
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="inspector_certificate_number_unique",
                violation_error_message=_("Another inspector holds this certificate number."),
            ),
            models.CheckConstraint(
                name="inspector_certificate_expires_after_issue",
                condition=Q(certificate_issued_on__isnull=True)
                | Q(certificate_expires_on__isnull=True)
                | Q(certificate_expires_on__gt=models.F("certificate_issued_on")),
            ),
        ]
        indexes = [
            models.Index(fields=["unit_kind", "town", "department"]),
            models.Index(fields=["certificate_expires_on"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workforce:inspector_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        issued, expires = self.certificate_issued_on, self.certificate_expires_on
        if issued and expires and expires <= issued:
            errors["certificate_expires_on"] = _("A certificate cannot expire before it is issued.")
        if expires and not self.certificate_number:
            errors["certificate_number"] = _("Give the certificate number with its expiry date.")
        if errors:
            raise ValidationError(errors)

    @property
    def certificate_state(self) -> str:
        return rules.certificate_state(self.certificate_expires_on, clock.today())


class TrainingKind(models.TextChoices):
    INSPECTOR = "inspector", _("Inspectors (执法人员)")
    PRINCIPAL = "principal", _("Principals (主要负责人)")
    SAFETY_MANAGER = "safety_manager", _("Safety managers (安全生产管理人员)")
    ALL_STAFF = "all_staff", _("All staff (全员)")
    SPECIAL_OPERATION = "special_operation", _("Special operations (特种作业)")


class Training(UnitRecord):
    """One training session. Inspectors' trainings are kept by the organising government unit and
    name the inspectors who attended; an enterprise's trainings belong to the enterprise
    (principals' and safety managers' hours count against 令第3号 Art. 9)."""

    UNIT_KINDS = tuple(UnitKind.values)
    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    title = models.CharField(pgettext_lazy("training", "title"), max_length=200)
    held_on = models.DateField(_("held on"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1, validators=HOURS)
    kind = models.CharField(
        pgettext_lazy("training", "kind"), max_length=20, choices=TrainingKind.choices
    )
    initial = models.BooleanField(
        _("initial training"),
        default=False,
        help_text=_("A first training (初次培训), not the yearly re-training."),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="trainings",
        verbose_name=_("enterprise"),
    )
    inspectors = models.ManyToManyField(
        Inspector, blank=True, related_name="trainings", verbose_name=_("inspectors")
    )
    attendees = models.PositiveIntegerField(_("attendees"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        constraints = [
            models.CheckConstraint(
                name="training_unit_matches_kind",
                condition=(
                    Q(
                        unit_kind="county",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="town",
                        town__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="department",
                        town__isnull=True,
                        department__isnull=False,
                        enterprise__isnull=True,
                    )
                    | Q(
                        unit_kind="enterprise",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=False,
                    )
                ),
            ),
            models.CheckConstraint(name="training_hours_positive", condition=Q(hours__gt=0)),
        ]
        indexes = [
            models.Index(fields=["unit_kind", "town", "department"]),
            models.Index(fields=["enterprise", "kind", "held_on"]),
            models.Index(fields=["-held_on", "-id"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workforce:training_detail", args=[self.pk])

    @property
    def owner_name(self) -> str:
        return self.enterprise.name if self.enterprise_id else str(self.unit.name)


class Induction(models.Model):
    """三级安全教育 of one new worker (令第3号 Art. 13): hours at company, workshop and team level
    before starting work."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="inductions",
        verbose_name=_("enterprise"),
    )
    worker = models.CharField(_("new worker"), max_length=60)
    starts_on = models.DateField(_("starts work on"))
    company_hours = models.DecimalField(
        _("company level (hours)"), max_digits=6, decimal_places=1, validators=LEVEL_HOURS
    )
    workshop_hours = models.DecimalField(
        _("workshop level (hours)"), max_digits=6, decimal_places=1, validators=LEVEL_HOURS
    )
    team_hours = models.DecimalField(
        _("team level (hours)"), max_digits=6, decimal_places=1, validators=LEVEL_HOURS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("new-staff induction")
        verbose_name_plural = _("new-staff inductions")
        constraints = [
            models.CheckConstraint(
                name="induction_hours_not_negative",
                condition=Q(company_hours__gte=0, workshop_hours__gte=0, team_hours__gte=0),
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "-starts_on"])]

    def __str__(self) -> str:
        return f"{self.worker} ({self.enterprise})"

    @property
    def total_hours(self) -> Decimal:
        return sum(
            (Decimal(h or 0) for h in (self.company_hours, self.workshop_hours, self.team_hours)),
            Decimal(0),
        )

    @property
    def required_hours(self) -> Decimal:
        return rules.induction_hours(self.enterprise.sector.code)

    @property
    def sufficient(self) -> bool:
        return rules.hours_met(self.total_hours, self.required_hours)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
