"""双随机、一公开: a kept random draw of units and inspectors (国办发〔2015〕58号)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.core import clock


class InspectionDraw(models.Model):
    """One draw: who drew, in which scope, the seed, the candidate lists and what was drawn.

    `random.Random(seed)` over the stored candidate lists reproduces the drawn lists
    (`draws.draw_replay`), so anyone can check a published draw."""

    drawn_at = models.DateTimeField(_("drawn at"), default=clock.now)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drawn by"),
    )
    unit_key = models.CharField(_("drawing unit"), max_length=40)
    unit_name = models.CharField(_("drawing unit name"), max_length=200)
    sector = models.ForeignKey(
        "accounts.Sector",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
    )
    town = models.ForeignKey(
        "accounts.Town",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )
    quarter = models.CharField(_("quarter"), max_length=7)
    seed = models.BigIntegerField(_("seed"))
    enterprise_count = models.PositiveIntegerField(_("units asked"))
    inspector_count = models.PositiveIntegerField(_("inspectors asked"))
    candidate_enterprises = models.JSONField(_("candidate units"), default=list, blank=True)
    candidate_inspectors = models.JSONField(_("candidate inspectors"), default=list, blank=True)
    conflicts = models.JSONField(_("conflict lists"), default=dict, blank=True)
    enterprises = models.JSONField(_("units drawn"), default=list, blank=True)
    inspectors = models.JSONField(_("inspectors drawn"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    campaign = models.ForeignKey(
        "inspections.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draws",
        verbose_name=_("campaign"),
    )

    class Meta:
        ordering = ["-drawn_at", "-id"]
        verbose_name = _("random inspection draw")
        verbose_name_plural = _("random inspection draws")

    def __str__(self) -> str:
        return f"{self.quarter} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:draw_detail", args=[self.pk])


class DrawnUnit(models.Model):
    """A unit drawn in a quarter: the unique key is the rule that no unit is drawn twice in
    one quarter, kept by the database even for two draws at the same moment."""

    draw = models.ForeignKey(InspectionDraw, on_delete=models.CASCADE, related_name="drawn_units")
    enterprise = models.ForeignKey(
        "registry.Enterprise", on_delete=models.CASCADE, related_name="+"
    )
    quarter = models.CharField(max_length=7)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "quarter"], name="drawn_unit_once_a_quarter"
            )
        ]
        # The candidates of a new draw leave out the units drawn this quarter.
        indexes = [models.Index(fields=["quarter"])]

    def __str__(self) -> str:
        return f"{self.quarter}: {self.enterprise_id}"
