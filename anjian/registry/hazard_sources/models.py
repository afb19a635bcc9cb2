"""A major hazard source (重大危险源) of a production unit, GB 18218-2018."""

import datetime as dt

from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core.scoping import Scope
from anjian.registry.hazard_sources import rules


class UnitKind(models.TextChoices):
    PRODUCTION = "production", _("Production unit")
    STORAGE = "storage", _("Storage unit")


class MajorHazardSource(models.Model):
    """One production or storage unit with its dangerous substances.

    `s`, `r` and `level` are derived from `substances` and `people_within_500m` by
    `rules.assess`; the service writes them on every change so the list filters by level and the
    map reads them without recomputing."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="hazard_sources",
        verbose_name=_("enterprise"),
    )
    name = models.CharField(_("name"), max_length=200)
    unit_kind = models.CharField(_("unit kind"), max_length=12, choices=UnitKind.choices)
    people_within_500m = models.PositiveIntegerField(
        _("people within 500 m"), validators=[MaxValueValidator(1_000_000)]
    )
    substances = models.JSONField(_("substances"), default=list)
    s = models.FloatField(_("S (Σ q/Q)"), default=0)
    r = models.FloatField(_("R"), default=0)
    level = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    filing_number = models.CharField(_("filing number"), max_length=100, blank=True)
    reviewed_on = models.DateField(_("last assessed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["level", "-r", "id"]
        verbose_name = _("major hazard source")
        verbose_name_plural = _("major hazard sources")
        indexes = [
            # The register filtered by grade (?level=1), and the watch-list's major sources.
            models.Index(fields=["level", "r"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="hazard_source_unit_kind_valid",
                condition=models.Q(unit_kind__in=UnitKind.values),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:hazard_source_detail", args=[self.pk])

    @property
    def is_major(self) -> bool:
        return rules.is_major(self.s)

    @property
    def review_due(self) -> dt.date | None:
        return rules.review_due(filed_on=self.filed_on, reviewed_on=self.reviewed_on)

    def lines(self) -> list[rules.Line]:
        return [
            rules.Line(
                name=x["name"],
                quantity_t=float(x["quantity_t"]),
                critical_t=float(x["critical_t"]),
                beta=float(x["beta"]),
            )
            for x in self.substances
        ]
