"""Forest fires (森林火灾/火情), daily fire danger per town, field-fire approvals (野外用火审批),
watch areas (重点监测区) and their patrols (domain-rules §11)."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.accounts.units import Scope
from anjian.core.fields import lat_field, lng_field
from anjian.core.validators import not_in_future

from . import rules

AREA_MAX = Decimal("1000000")  # hectares: larger than any county's forest


def area_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(AREA_MAX)],
        help_text=_("hectares (ha); 1 亩 ≈ 0.067 ha"),
    )


class Grade(models.TextChoices):
    GENERAL = "general", _("general (一般)")
    LARGE = "large", _("large (较大)")
    MAJOR = "major", _("major (重大)")
    EXTRAORDINARY = "extraordinary", _("extraordinary (特别重大)")


class ForestFire(models.Model):
    """A forest fire or a 火情 (below the lowest band); graded on the damaged forest area."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    town = models.ForeignKey(Town, on_delete=models.PROTECT, verbose_name=_("town"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    place = models.CharField(_("place"), max_length=200)
    lng = lng_field(_("longitude"))
    lat = lat_field(_("latitude"))
    started_at = models.DateTimeField(_("started at"), validators=[not_in_future])
    discovered_at = models.DateTimeField(_("discovered at"), validators=[not_in_future])
    reported_at = models.DateTimeField(_("reported at"), validators=[not_in_future])
    damaged_area_ha = area_field(_("damaged forest area (受害森林面积, ha)"))
    burned_area_ha = area_field(_("burned area (过火面积, ha)"))
    deaths = models.PositiveIntegerField(_("deaths"), default=0)
    serious_injuries = models.PositiveIntegerField(_("serious injuries"), default=0)
    minor_injuries = models.PositiveIntegerField(_("minor injuries"), default=0)
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    extinguished_at = models.DateTimeField(
        _("open flame out at"), null=True, blank=True, validators=[not_in_future]
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("forest fire")
        verbose_name_plural = _("forest fires")
        indexes = [models.Index(fields=["town", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.place} {self.started_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("forestfire:fire_detail", args=[self.pk])

    def _graded(self) -> tuple[str | None, str]:
        from django.utils import timezone

        return rules.fire_grade(
            damaged_area_ha=self.damaged_area_ha,
            deaths=self.deaths,
            serious_injuries=self.serious_injuries,
            started_on=timezone.localdate(self.started_at),
        )

    @property
    def grade(self) -> str | None:
        return self._graded()[0]

    @property
    def rule(self) -> str:
        return self._graded()[1]

    @property
    def grade_label(self) -> str:
        grade = self.grade
        return Grade(grade).label if grade else _("fire alarm (火情)")


class FireDanger(models.Model):
    """The day's 森林火险气象等级 for a town (QX/T 77: 1 低 … 5 极高)."""

    date = models.DateField(_("date"))
    town = models.ForeignKey(Town, on_delete=models.PROTECT, verbose_name=_("town"))
    level = models.PositiveSmallIntegerField(
        _("fire-danger level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # The notice to confirm (签收) sent for this day, when the level called for one.
    alert = models.ForeignKey(
        "alerts.Alert",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notice"),
    )

    class Meta:
        ordering = ["-date", "town__ordering", "town_id"]
        verbose_name = _("fire danger")
        verbose_name_plural = _("fire danger")
        constraints = [
            models.UniqueConstraint(fields=["date", "town"], name="fire_danger_once_a_day"),
            models.CheckConstraint(
                name="fire_danger_level_1_to_5", condition=models.Q(level__gte=1, level__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.town} {self.date} {self.level}"


class PermitStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")
    VOID = "void", _("void today (fire danger)")


class FieldFirePermit(models.Model):
    """野外用火审批: approved by the county; void on a day its town's danger level is high."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    applicant = models.CharField(_("applicant"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=200)
    town = models.ForeignKey(Town, on_delete=models.PROTECT, verbose_name=_("town"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    measures = models.TextField(_("fire precautions"), max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=[c for c in PermitStatus.choices if c[0] != PermitStatus.VOID],
        default=PermitStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("field-fire approval")
        verbose_name_plural = _("field-fire approvals")
        constraints = [
            models.CheckConstraint(
                name="permit_ends_after_start",
                condition=models.Q(ends_at__gt=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicant}: {self.purpose}"


class WatchArea(models.Model):
    """重点监测区: last year's fire place (or one the county adds), with a leader and rangers."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    town = models.ForeignKey(Town, on_delete=models.PROTECT, verbose_name=_("town"))
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    name = models.CharField(_("name"), max_length=200)
    source_fire = models.ForeignKey(
        ForestFire,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="watch_areas",
        verbose_name=_("source fire"),
    )
    lng = lng_field(_("longitude"))
    lat = lat_field(_("latitude"))
    buffer_m = models.PositiveIntegerField(
        _("buffer (m)"), default=200, validators=[MaxValueValidator(5000)]
    )
    leader = models.CharField(_("town leader"), max_length=60, blank=True)
    rangers = models.JSONField(_("rangers (护林员)"), default=list, blank=True)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)

    class Meta:
        ordering = ["town__ordering", "name", "id"]
        verbose_name = _("watch area")
        verbose_name_plural = _("watch areas")
        constraints = [
            models.UniqueConstraint(
                fields=["source_fire", "opened_on"], name="watch_area_once_per_fire_and_season"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forestfire:area_detail", args=[self.pk])

    def open_on(self, day: dt.date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or day < self.closed_on)


class Patrol(models.Model):
    """One patrol of a watch area, logged from a phone, with check-in points."""

    SCOPE = Scope(town="area__town", sector="area__sector", enterprise=None)

    area = models.ForeignKey(
        WatchArea, on_delete=models.CASCADE, related_name="patrols", verbose_name=_("watch area")
    )
    ranger = models.CharField(_("ranger"), max_length=60)
    at = models.DateTimeField(_("patrolled at"), validators=[not_in_future])
    points = models.JSONField(_("check-in points"), default=list, blank=True)
    findings = models.TextField(_("findings"), max_length=2000, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        indexes = [models.Index(fields=["area", "at"])]

    def __str__(self) -> str:
        return f"{self.area} {self.ranger}"
