"""Inspections (检查), their checklists, and campaigns (专项整治, 节前安全生产大检查).

A checklist is a list of items (most seeded from the national 重大事故隐患判定标准); an inspection
runs one checklist against one enterprise and records an outcome per item; a "problem" on an
item becomes a hazard through the hazards app's `hazard_create`, linked back to the result.
A campaign names sectors × towns; its target enterprises are stored (and editable), so the
county office can see per town and department who has not been inspected yet.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.core import clock
from anjian.core.scoping import Scope


class Checklist(models.Model):
    """A checklist (检查表): a standard's items, or a county-made list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checklists",
        verbose_name=_("sector"),
        help_text=_("Empty: usable in every sector."),
    )
    standard = models.CharField(_("standard or source"), max_length=300, blank=True)
    version = models.CharField(_("version"), max_length=60, blank=True)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded from"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["sector__ordering", "code"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        constraints = [
            models.CheckConstraint(
                name="checklist_superseded_after_effective",
                condition=models.Q(effective_on__isnull=True)
                | models.Q(superseded_on__isnull=True)
                | models.Q(superseded_on__gt=models.F("effective_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）" if self.version else self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:checklist_detail", args=[self.pk])

    @property
    def is_superseded(self) -> bool:
        return self.superseded_on is not None and self.superseded_on <= clock.today()


class ChecklistItem(models.Model):
    """One item to check; a major-criterion item turns a problem into a major hazard."""

    checklist = models.ForeignKey(
        Checklist, on_delete=models.CASCADE, related_name="items", verbose_name=_("checklist")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    clause = models.CharField(_("clause in the standard"), max_length=20, blank=True)
    text = models.TextField(_("text"))
    is_major_criterion = models.BooleanField(_("major-hazard criterion"), default=False)
    criterion = models.ForeignKey(
        "hazards.HazardCriterion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="checklist_items",
        verbose_name=_("major-hazard criterion code"),
    )
    verified = models.BooleanField(_("checked against the official text"), default=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["checklist", "number"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "number"], name="checklist_item_number_unique"
            ),
            models.CheckConstraint(
                name="checklist_item_criterion_means_major",
                condition=models.Q(criterion__isnull=True) | models.Q(is_major_criterion=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}. {self.text[:40]}"

    @property
    def label(self) -> str:
        return self.clause or str(self.number)


class CampaignKind(models.TextChoices):
    SPECIAL = "special", _("Special campaign")
    PRE_HOLIDAY = "pre_holiday", _("Pre-holiday safety inspection")


class Campaign(models.Model):
    """专项整治 or 节前安全生产大检查: sectors × towns, a period, and the target enterprises."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=12, choices=CampaignKind.choices, default=CampaignKind.SPECIAL
    )
    sectors = models.ManyToManyField(Sector, related_name="campaigns", verbose_name=_("sectors"))
    towns = models.ManyToManyField(Town, related_name="campaigns", verbose_name=_("towns"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    checklist = models.ForeignKey(
        Checklist,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("checklist"),
        help_text=_("Empty: each unit is checked with a checklist of its sector."),
    )
    description = models.TextField(_("description"), blank=True)
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

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                name="campaign_dates_ordered",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            ),
            models.CheckConstraint(
                name="campaign_kind_valid", condition=models.Q(kind__in=CampaignKind.values)
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:campaign_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.starts_on <= clock.today() <= self.ends_on


class CampaignTarget(models.Model):
    """An enterprise the campaign must reach (computed from sectors × towns, then edited)."""

    SCOPE = Scope(town="enterprise__town", sector="enterprise__sector", enterprise="enterprise")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("campaign")
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="campaign_targets",
        verbose_name=_("enterprise"),
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["campaign", "enterprise__name", "id"]
        verbose_name = _("campaign target")
        verbose_name_plural = _("campaign targets")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="campaign_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.enterprise_id}"


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Government inspection")
    SELF_CHECK = "self_check", _("Enterprise self-inspection")


class InspectionQuerySet(models.QuerySet):
    def government(self):
        return self.filter(kind=InspectionKind.INSPECTION)

    def search(self, q: str):
        return self.filter(enterprise__name__icontains=q) if q else self


class Inspection(models.Model):
    """One run of a checklist against one enterprise, by a government unit or the unit itself."""

    SCOPE = Scope()

    kind = models.CharField(
        _("kind"), max_length=12, choices=InspectionKind.choices, default=InspectionKind.INSPECTION
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("enterprise"),
    )
    # Denormalised from the enterprise at the time of the inspection: every query scopes by both.
    town = models.ForeignKey(
        Town, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("town")
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("sector")
    )
    checklist = models.ForeignKey(
        Checklist, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("checklist")
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("campaign"),
    )
    inspected_on = models.DateField(_("inspected on"))
    inspectors = models.CharField(_("inspectors"), max_length=200)
    # The inspecting unit: a town or a department; both empty is the county (or a self-inspection).
    unit_town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_made",
        verbose_name=_("inspecting town"),
    )
    unit_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections_made",
        verbose_name=_("inspecting department"),
    )
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        indexes = [
            # The scoped list, newest first: a town's / a sector's / an enterprise's inspections.
            models.Index(fields=["town", "-inspected_on", "-id"]),
            models.Index(fields=["sector", "-inspected_on", "-id"]),
            models.Index(fields=["enterprise", "-inspected_on", "-id"]),
            models.Index(fields=["-inspected_on", "-id"]),
            # Campaign progress: which targets have a (government) inspection in the campaign.
            models.Index(fields=["campaign", "kind", "enterprise"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="inspection_kind_valid", condition=models.Q(kind__in=InspectionKind.values)
            ),
            models.CheckConstraint(
                name="inspection_one_inspecting_unit",
                condition=models.Q(unit_town__isnull=True) | models.Q(unit_department__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.inspected_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def unit_name(self) -> str:
        if self.kind == InspectionKind.SELF_CHECK:
            return str(self.enterprise)
        if self.unit_town_id:
            return str(self.unit_town)
        if self.unit_department_id:
            return str(self.unit_department)
        return str(_("County work-safety committee office"))


class Outcome(models.TextChoices):
    OK = "ok", _("Compliant")
    PROBLEM = "problem", _("Problem found")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class InspectionResult(models.Model):
    """The outcome of one item; a problem is linked to the hazard it created."""

    SCOPE = Scope(
        town="inspection__town", sector="inspection__sector", enterprise="inspection__enterprise"
    )

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="results", verbose_name=_("inspection")
    )
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.PROTECT, related_name="results", verbose_name=_("item")
    )
    # The item's wording when it was checked (the county admin may reword items later).
    item_text = models.TextField(_("item text"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    hazard = models.OneToOneField(
        "hazards.Hazard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_result",
        verbose_name=_("hazard"),
    )

    class Meta:
        ordering = ["inspection", "item__number"]
        verbose_name = _("inspection result")
        verbose_name_plural = _("inspection results")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspection_result_once"),
            models.CheckConstraint(
                name="inspection_result_outcome_valid",
                condition=models.Q(outcome__in=Outcome.values),
            ),
            models.CheckConstraint(
                name="inspection_result_hazard_only_for_problem",
                condition=models.Q(hazard__isnull=True) | models.Q(outcome="problem"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.outcome}"
