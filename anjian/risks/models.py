"""Risk points (风险点), the grading bands in force per sector, and the towns' map outlines."""

from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Sector, Town
from anjian.core import clock
from anjian.core.gb6441 import accident_type_names
from anjian.core.scoping import Scope
from anjian.registry.models import Enterprise
from anjian.risks import rules


class RiskLevel(models.TextChoices):
    MAJOR = rules.MAJOR, _("Major risk")
    LARGE = rules.LARGE, _("Large risk")
    GENERAL = rules.GENERAL, _("General risk")
    LOW = rules.LOW, _("Low risk")


class Method(models.TextChoices):
    LEC = "LEC", _("LEC (likelihood × exposure × consequence)")
    LS = "LS", _("LS (likelihood × severity matrix)")


class ControlLevel(models.TextChoices):
    ENTERPRISE = rules.ENTERPRISE, _("Enterprise principal")
    DEPARTMENT = rules.DEPARTMENT, _("Safety department")
    WORKSHOP = rules.WORKSHOP, _("Workshop")
    POST = rules.POST, _("Team and post")


def level_rank(field: str = "level") -> Case:
    """SQL expression: 4 for major … 1 for low (aggregated with Max for an enterprise's level)."""
    return Case(*[When(**{field: code}, then=Value(rank)) for code, rank in rules.LEVEL_RANK.items()],
                default=Value(0), output_field=IntegerField())


RANK_LEVEL = {rank: code for code, rank in rules.LEVEL_RANK.items()}


class RiskBands(models.Model):
    """The thresholds in force for one method, county-wide (no sector) or for one sector.

    A change is a new version with its effective date; earlier versions stay on record.
    """

    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="risk_bands", verbose_name=_("sector"),
                               help_text=_("Leave empty for the county-wide default."))
    method = models.CharField(_("method"), max_length=3, choices=Method.choices)
    major = models.DecimalField(_("major threshold"), max_digits=7, decimal_places=2)
    large = models.DecimalField(_("large threshold"), max_digits=7, decimal_places=2)
    general = models.DecimalField(_("general threshold"), max_digits=7, decimal_places=2)
    version = models.PositiveIntegerField(_("version"))
    effective_on = models.DateField(_("effective on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["sector__ordering", "method", "-effective_on", "-version"]
        verbose_name = _("risk bands")
        verbose_name_plural = _("risk bands")
        constraints = [
            models.UniqueConstraint(fields=["sector", "method", "version"],
                                    name="risk_bands_version_unique"),
            models.UniqueConstraint(fields=["method", "version"],
                                    condition=models.Q(sector__isnull=True),
                                    name="risk_bands_default_version_unique"),
            models.CheckConstraint(
                name="risk_bands_ordered",
                condition=models.Q(major__gt=models.F("large"), large__gt=models.F("general"),
                                   general__gt=0)),
        ]
        indexes = [
            # bands_in_force(sector, method, on): the newest version effective on a day.
            models.Index(fields=["method", "sector", "-effective_on", "-version"]),
        ]

    def __str__(self) -> str:
        return f"{self.sector or _('County default')} {self.method} v{self.version}"

    def as_bands(self) -> rules.Bands:
        return rules.Bands(major=self.major, large=self.large, general=self.general)


class RiskPointQuerySet(models.QuerySet):
    def search(self, q: str):
        if not q:
            return self
        return self.filter(models.Q(name__icontains=q) | models.Q(location__icontains=q)
                           | models.Q(enterprise__name__icontains=q))

    def public(self):
        return self.filter(enterprise__isnull=True)

    def with_rank(self):
        return self.annotate(rank=level_rank())


class RiskPoint(models.Model):
    """One risk point of an enterprise, or of a public place in a town (enterprise empty).

    Town and sector are copied from the enterprise when there is one, so that scoping reads
    them directly (`SCOPE = Scope()`).
    """

    SCOPE = Scope()

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="risk_points", verbose_name=_("enterprise"))
    town = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="risk_points",
                             verbose_name=_("town"))
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="risk_points",
                               verbose_name=_("sector"))
    name = models.CharField(_("risk point"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True,
                                help_text=_("Where the risk is: a workshop, or for a public "
                                            "place the road section, river bank or forest area."))
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    accident_types = models.JSONField(_("accident types"), default=list,
                                      help_text=_("GB 6441 categories, stored by code."))
    method = models.CharField(_("method"), max_length=3, choices=Method.choices,
                              default=Method.LEC)
    l = models.DecimalField("L", max_digits=4, decimal_places=1)  # noqa: E741
    e = models.DecimalField("E", max_digits=4, decimal_places=1, null=True, blank=True)
    c = models.DecimalField("C", max_digits=4, decimal_places=1, null=True, blank=True)
    s = models.PositiveSmallIntegerField("S", null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=2)
    level = models.CharField(_("risk level"), max_length=8, choices=RiskLevel.choices)
    bands = models.ForeignKey(RiskBands, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("bands"),
                              help_text=_("Empty: the built-in default bands."))
    measures = models.TextField(_("control measures"), blank=True)
    control_level = models.CharField(_("control level"), max_length=12,
                                     choices=ControlLevel.choices)
    responsible_person = models.CharField(_("responsible person"), max_length=60, blank=True)
    responsible_phone = models.CharField(_("responsible phone"), max_length=32, blank=True)
    review_on = models.DateField(_("next review on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RiskPointQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("risk point")
        verbose_name_plural = _("risk points")
        indexes = [
            # The scoped, filtered, paginated register: a town's or a sector's points by name.
            models.Index(fields=["town", "name", "id"]),
            models.Index(fields=["sector", "name", "id"]),
            models.Index(fields=["level", "name", "id"]),
            # An enterprise's points (its overall level, its notice board).
            models.Index(fields=["enterprise", "level"]),
        ]
        constraints = [
            models.CheckConstraint(name="risk_point_level_valid",
                                   condition=models.Q(level__in=RiskLevel.values)),
            models.CheckConstraint(
                name="risk_point_factors_match_method",
                condition=(models.Q(method="LEC", e__isnull=False, c__isnull=False,
                                    s__isnull=True)
                           | models.Q(method="LS", e__isnull=True, c__isnull=True,
                                      s__isnull=False))),
            models.CheckConstraint(
                name="risk_point_public_place_located",
                condition=(models.Q(enterprise__isnull=False)
                           | (~models.Q(location="") & models.Q(lng__isnull=False,
                                                                lat__isnull=False)))),
            models.CheckConstraint(
                name="risk_point_lng_range",
                condition=models.Q(lng__isnull=True) | models.Q(lng__gte=-180, lng__lte=180)),
            models.CheckConstraint(
                name="risk_point_lat_range",
                condition=models.Q(lat__isnull=True) | models.Q(lat__gte=-90, lat__lte=90)),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("risks:point_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.enterprise_id is None

    @property
    def accident_type_names(self) -> list[str]:
        return accident_type_names(self.accident_types)

    @property
    def colour(self) -> str:
        return rules.LEVEL_COLOURS[self.level]

    @property
    def review_overdue(self) -> bool:
        return self.review_on is not None and self.review_on < clock.today()

    @property
    def factors(self) -> str:
        """`L=3 × E=6 × C=15` or `L=4 × S=5` for display."""
        def plain(v):
            return format(v.normalize(), "f") if hasattr(v, "normalize") else str(v)
        if self.method == Method.LEC:
            return f"L={plain(self.l)} × E={plain(self.e)} × C={plain(self.c)}"
        return f"L={plain(self.l)} × S={self.s}"


class TownOutline(models.Model):
    """A town's boundary for the county map: GeoJSON Polygon or MultiPolygon coordinates."""

    town = models.OneToOneField(Town, on_delete=models.CASCADE, related_name="outline",
                                verbose_name=_("town"))
    geometry = models.JSONField(_("geometry"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["town__ordering", "town__code"]
        verbose_name = _("town outline")
        verbose_name_plural = _("town outlines")

    def __str__(self) -> str:
        return str(self.town)
