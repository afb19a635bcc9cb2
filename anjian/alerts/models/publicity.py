"""Publicity and education activities (宣传教育: 安全生产月, 安全宣传咨询日, 进企业/进校园 …)."""

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import Scope, UnitKind, UnitRecord


class PublicityActivity(UnitRecord):
    """One activity, organised by one unit; `town` and `sector` say where and for whom.

    Visible to the county, to the organising unit, to the town it took place in, and to the
    departments of its sector (`core.scoping`: the unit's own records plus its jurisdiction).
    """

    UNIT_KINDS = tuple(UnitKind.values)
    SCOPE = Scope(town="town", sector="sector", enterprise="enterprise")

    title = models.CharField(pgettext_lazy("alerts", "title"), max_length=200)
    held_on = models.DateField(pgettext_lazy("alerts", "date"))
    place = models.CharField(pgettext_lazy("alerts", "place"), max_length=200)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "town"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "organising department"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "organising enterprise"),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "sector"),
    )
    participants = models.PositiveIntegerField(pgettext_lazy("alerts", "participants"), default=0)
    material = models.CharField(
        pgettext_lazy("alerts", "material handed out"), max_length=300, blank=True
    )
    description = models.TextField(pgettext_lazy("alerts", "description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alerts", "recorded by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("alerts", "recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = pgettext_lazy("alerts", "publicity activity")
        verbose_name_plural = pgettext_lazy("alerts", "publicity activities")
        constraints = [
            models.CheckConstraint(
                name="publicity_organiser_matches_kind",
                condition=(
                    models.Q(unit_kind="county", department__isnull=True, enterprise__isnull=True)
                    | models.Q(
                        unit_kind="town",
                        town__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | models.Q(
                        unit_kind="department", department__isnull=False, enterprise__isnull=True
                    )
                    | models.Q(unit_kind="enterprise", enterprise__isnull=False, town__isnull=False)
                ),
                violation_error_message=pgettext_lazy(
                    "alerts", "The organiser does not match its unit."
                ),
            ),
        ]
        indexes = [
            # The scoped list, newest first: by town, by sector, by organising unit.
            models.Index(fields=["town", "-held_on"]),
            models.Index(fields=["sector", "-held_on"]),
            models.Index(fields=["-held_on", "-id"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser(self):
        """The organising unit (None: the county)."""
        return None if self.unit_kind == UnitKind.COUNTY else self.unit.obj
