"""Dangerous road sections (危险路段) and school bus routes (domain-rules §17)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.core.scoping import Scope


class SectionKind(models.TextChoices):
    WATER_CLIFF = "water_cliff", _("Beside water or a cliff (临水临崖)")
    SHARP_BEND = "sharp_bend", _("Sharp bend or steep slope (急弯陡坡)")
    LONG_DESCENT = "long_descent", _("Long continuous descent (连续长下坡)")
    POOR_SIGHT = "poor_sight", _("Poor sight distance (视距不良)")
    CROSSING = "crossing", _("Level crossing (平交路口)")
    THROUGH_VILLAGE = "through_village", _("Through a village or town (穿村过镇)")
    ROADWORKS = "roadworks", _("Roadworks (施工路段)")
    GEOLOGICAL = "geological", _("Geological hazard (落石/塌方/水毁)")
    BRIDGE_TUNNEL = "bridge_tunnel", _("Bridge or tunnel (桥梁隧道)")
    ACCIDENT_PRONE = "accident_prone", _("Accident-prone (事故多发点段)")


def _km(value) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class RoadSection(models.Model):
    """A dangerous section, tracked as a hazard (§2) and closed by joint acceptance of the
    owning road department and the traffic police."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="+", verbose_name=_("town")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    road = models.CharField(_("road"), max_length=100)
    from_km = models.DecimalField(
        _("from (km)"),
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    to_km = models.DecimalField(
        _("to (km)"),
        max_digits=8,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(10_000)],
    )
    kind = models.CharField(_("kind"), max_length=16, choices=SectionKind.choices)
    owner = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning department")
    )
    police = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("traffic police (joint acceptance)"),
    )
    hazard = models.ForeignKey(
        "hazards.Hazard", on_delete=models.PROTECT, related_name="+", verbose_name=_("hazard")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["town", "road", "from_km", "id"]
        verbose_name = _("dangerous road section")
        verbose_name_plural = _("dangerous road sections")
        indexes = [models.Index(fields=["road", "from_km"], name="road_section_chainage")]

    def __str__(self) -> str:
        return f"{self.road} K{self.from_km}–K{self.to_km}"

    def get_absolute_url(self) -> str:
        return reverse("roads:section_detail", args=[self.pk])

    @property
    def chainage(self) -> str:
        """K3–K4.5: the kilometre marks without trailing zeros."""
        return f"K{_km(self.from_km)}–K{_km(self.to_km)}"


class SectionSignoff(models.Model):
    """One department's part of the joint acceptance (联合验收) of a section."""

    section = models.ForeignKey(
        RoadSection, on_delete=models.CASCADE, related_name="signoffs", verbose_name=_("section")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "department"], name="section_signoff_once")
        ]

    def __str__(self) -> str:
        return f"{self.section_id} ← {self.department_id}"


class SchoolBusRoute(models.Model):
    """A 校车 route as chainage segments of roads; flagged when it crosses an open dangerous
    section (校车安全管理条例 Art. 28–29)."""

    SCOPE = Scope(town="town", sector="sector", enterprise=None)

    name = models.CharField(_("name"), max_length=200)
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="+", verbose_name=_("town")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector")
    )
    operator = models.CharField(_("operator"), max_length=200, blank=True)
    segments = models.JSONField(_("segments"), default=list)

    class Meta:
        ordering = ["town", "name", "id"]
        verbose_name = _("school bus route")
        verbose_name_plural = _("school bus routes")

    def __str__(self) -> str:
        return self.name
