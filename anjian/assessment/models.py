"""Responsibility (落实安全生产责任): leaders' assignments, the department–sector matrix,
findings on accidents and accountability records. Domain rules §7."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import RECORD_KIND_CHOICES, Scope, UnitKind, UnitRecord


class Responsibility(models.Model):
    """A leader's assignment for a year (党政同责、一岗双责): the sectors the leader is in charge
    of (分管) and the towns the leader is linked to (包联)."""

    # A town sees the assignments naming it, a department those naming one of its sectors.
    SCOPE = Scope(town="town_links__town", sector="sector_links__sector", enterprise=None)

    person = models.CharField(_("person"), max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("leader account"),
    )
    title = models.CharField(_("title"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    sectors = models.ManyToManyField(
        Sector,
        through="ResponsibilitySector",
        blank=True,
        related_name="responsibilities",
        verbose_name=_("sectors"),
    )
    towns = models.ManyToManyField(
        Town,
        through="ResponsibilityTown",
        blank=True,
        related_name="responsibilities",
        verbose_name=_("towns"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("leader's responsibility")
        verbose_name_plural = _("leaders' responsibilities")
        # The list and the gaps read one year's assignments.
        indexes = [models.Index(fields=["year"])]

    def __str__(self) -> str:
        return f"{self.year} {self.person}（{self.title}）"

    def get_absolute_url(self) -> str:
        return reverse("assessment:responsibility_edit", args=[self.pk])


class ResponsibilitySector(models.Model):
    responsibility = models.ForeignKey(
        Responsibility, on_delete=models.CASCADE, related_name="sector_links"
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["responsibility", "sector"], name="responsibility_sector_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.responsibility_id} {self.sector_id}"


class ResponsibilityTown(models.Model):
    responsibility = models.ForeignKey(
        Responsibility, on_delete=models.CASCADE, related_name="town_links"
    )
    town = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["responsibility", "town"], name="responsibility_town_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.responsibility_id} {self.town_id}"


class SectorPart(models.TextChoices):
    LEAD = "lead", _("Lead (牵头)")
    COOPERATE = "cooperate", _("Co-operating (配合)")


class SectorDuty(models.Model):
    """One cell of the department–sector matrix (管行业必须管安全): the department leads the
    sector's supervision or co-operates in it. A department's v1 `sectors` is kept equal to the
    sectors it has a cell for (services.sector_duty_set)."""

    SCOPE = Scope(town=None, sector="sector", enterprise=None)

    sector = models.ForeignKey(
        Sector, on_delete=models.CASCADE, related_name="duties", verbose_name=_("sector")
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="duties", verbose_name=_("department")
    )
    part = models.CharField(_("part"), max_length=12, choices=SectorPart.choices)

    class Meta:
        ordering = ["sector__ordering", "part", "department__ordering"]
        verbose_name = _("sector duty")
        verbose_name_plural = _("sector duties")
        constraints = [
            models.UniqueConstraint(fields=["sector", "department"], name="sector_duty_once"),
            models.UniqueConstraint(
                fields=["sector"], condition=models.Q(part="lead"), name="sector_one_lead"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sector} {self.department} {self.get_part_display()}"


class FindingKind(models.TextChoices):
    LATE = "late", _("Reported late (迟报)")
    OMITTED = "omitted", _("Omitted (漏报)")
    FALSIFIED = "falsified", _("Falsified (谎报)")
    CONCEALED = "concealed", _("Concealed (瞒报)")


class AccidentFinding(models.Model):
    """An investigation finding on how an accident was reported (493号令 Art. 36)."""

    SCOPE = Scope(
        town="accident__town", sector="accident__sector", enterprise="accident__enterprise"
    )

    accident = models.ForeignKey(
        "accidents.Accident",
        on_delete=models.PROTECT,
        related_name="findings",
        verbose_name=_("accident"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("accident finding")
        verbose_name_plural = _("accident findings")

    def __str__(self) -> str:
        return f"{self.accident_id} {self.get_kind_display()}"


class AccountabilityKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview (约谈)")
    CIRCULAR = "circular", _("Circulated criticism (通报批评)")
    RECTIFICATION_ORDER = "rectification_order", _("Rectification order (责令整改)")
    ACCOUNTABILITY = "accountability", _("Accountability (问责)")


class AccountabilityRecord(models.Model):
    """A measure taken against a town, a department or an enterprise, with its cause."""

    # Records about an enterprise are seen in the enterprise's town and sector.
    ENTERPRISE_SCOPE = Scope(
        town="enterprise__town", sector="enterprise__sector", enterprise="enterprise"
    )
    UNIT_KINDS = (UnitKind.TOWN, UnitKind.DEPARTMENT, UnitKind.ENTERPRISE)

    unit_kind = models.CharField(_("unit kind"), max_length=12, choices=RECORD_KIND_CHOICES)
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("town"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AccountabilityKind.choices)
    reason = models.TextField(_("reason"))
    date = models.DateField(_("date"))
    accident = models.ForeignKey(
        "accidents.Accident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accident"),
    )
    hazard = models.ForeignKey(
        "hazards.Hazard",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hazard"),
    )
    decided_by = models.CharField(_("decided by"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("accountability record")
        verbose_name_plural = _("accountability records")
        # The list per unit and per year.
        indexes = [models.Index(fields=["date"])]
        constraints = [
            models.CheckConstraint(
                name="accountability_unit_matches_kind",
                condition=(
                    models.Q(
                        unit_kind="town",
                        town__isnull=False,
                        department__isnull=True,
                        enterprise__isnull=True,
                    )
                    | models.Q(
                        unit_kind="department",
                        town__isnull=True,
                        department__isnull=False,
                        enterprise__isnull=True,
                    )
                    | models.Q(
                        unit_kind="enterprise",
                        town__isnull=True,
                        department__isnull=True,
                        enterprise__isnull=False,
                    )
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('assessment:accountability_list')}?year={self.date.year}"

    @property
    def unit_obj(self):
        return self.town or self.department or self.enterprise

    @property
    def unit_code(self) -> str:
        if self.enterprise_id:
            return str(self.enterprise_id)
        return self.unit_obj.code


# --- the enterprises' own lists: 全员安全生产责任制 and the 五到位 ------------------------------

ENTERPRISE_RECORD_SCOPE = Scope(
    town="enterprise__town", sector="enterprise__sector", enterprise="enterprise"
)


class SafetyPosition(models.Model):
    """One position of an enterprise's 全员安全生产责任制 (安全生产法 Art. 22): what the holder
    of the position answers for, and whether the holder signed it."""

    SCOPE = ENTERPRISE_RECORD_SCOPE

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="safety_positions",
        verbose_name=_("enterprise"),
    )
    position = models.CharField(_("position"), max_length=100)
    holder = models.CharField(_("holder"), max_length=60, blank=True)
    duties = models.TextField(_("responsibilities"))
    signed = models.BooleanField(_("signed"), default=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["enterprise", "id"]
        verbose_name = _("safety position")
        verbose_name_plural = _("safety positions")

    def __str__(self) -> str:
        return self.position

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.signed and not self.signed_on:
            raise ValidationError({"signed_on": _("Give the day it was signed.")})
        if not self.signed and self.signed_on:
            raise ValidationError({"signed_on": _("An unsigned list has no signing day.")})


class FiveItem(models.TextChoices):
    RESPONSIBILITY = "responsibility", _("Responsibility in place (责任到位)")
    MANAGEMENT = "management", _("Management in place (管理到位)")
    INVESTMENT = "investment", _("Investment in place (投入到位)")
    TRAINING = "training", _("Training in place (培训到位)")
    EMERGENCY = "emergency", _("Emergency response in place (应急救援到位)")


class FiveInPlace(models.Model):
    """One item of an enterprise's 五到位 checklist, with its evidence files."""

    SCOPE = ENTERPRISE_RECORD_SCOPE

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        related_name="five_in_place",
        verbose_name=_("enterprise"),
    )
    item = models.CharField(_("item"), max_length=16, choices=FiveItem.choices)
    in_place = models.BooleanField(_("in place"), default=False)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["enterprise", "id"]
        verbose_name = _("五到位 item")
        verbose_name_plural = _("五到位 items")
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "item"], name="five_in_place_once")
        ]

    def __str__(self) -> str:
        return self.get_item_display()


def five_evidence_path(instance: "FiveInPlaceEvidence", filename: str) -> str:
    return f"five_in_place/{instance.check_item.enterprise_id}/{filename}"


class FiveInPlaceEvidence(models.Model):
    """A document or photo showing a 五到位 item; served only through a scoped view."""

    SCOPE = Scope(
        town="check_item__enterprise__town",
        sector="check_item__enterprise__sector",
        enterprise="check_item__enterprise",
    )

    check_item = models.ForeignKey(
        FiveInPlace, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item")
    )
    file = models.FileField(_("file"), upload_to=five_evidence_path, max_length=300)
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("五到位 evidence")
        verbose_name_plural = _("五到位 evidence")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assessment:five_evidence_download", args=[self.pk])


# --- the scored annual assessment (目标管理考核): schemes, targets, hand scores, publications ---


class AssessmentScheme(models.Model):
    """A year's scoring scheme: items `[{code, name, max_points, indicator, params}]`
    (`indicator` null for an item scored by hand). Editable until the year is published."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    items = models.JSONField(_("items"), default=list)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("assessment scheme")
        verbose_name_plural = _("assessment schemes")

    def __str__(self) -> str:
        return f"{self.year}"

    def get_absolute_url(self) -> str:
        return reverse("assessment:scheme_edit", args=[self.year])


class AssessmentTarget(UnitRecord):
    """A town's or department's control targets for a year (控制指标)."""

    UNIT_KINDS = (UnitKind.TOWN, UnitKind.DEPARTMENT)

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    max_accidents = models.PositiveIntegerField(
        _("accidents at most"), validators=[MaxValueValidator(100000)]
    )
    max_deaths = models.PositiveIntegerField(
        _("deaths at most"), validators=[MaxValueValidator(100000)]
    )

    class Meta:
        ordering = ["-year", "unit_kind", "town", "department"]
        verbose_name = _("control target")
        verbose_name_plural = _("control targets")
        constraints = [
            *UnitRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["year", "unit_kind", "town", "department"], name="target_once_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit_name}"


class HandScore(UnitRecord):
    """The points of an item scored by hand (indicator null) for one unit and year, with the
    evidence the county admin relied on."""

    UNIT_KINDS = (UnitKind.TOWN, UnitKind.DEPARTMENT)

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    item = models.CharField(_("item"), max_length=40)
    points = models.DecimalField(
        _("points"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    evidence = models.TextField(_("evidence"), max_length=2000)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["year", "item"]
        verbose_name = _("hand score")
        verbose_name_plural = _("hand scores")
        constraints = [
            *UnitRecord.Meta.constraints,
            models.UniqueConstraint(
                fields=["year", "item", "unit_kind", "town", "department"],
                name="hand_score_once_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.item} {self.points}"


class AssessmentPublication(models.Model):
    """The frozen results of a year (`results`: the rows as the API gives them). Version 1 is
    the publication; each correction afterwards is a new version with its reason."""

    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"))
    results = models.JSONField(_("results"), default=list)
    reason = models.TextField(_("reason for the correction"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["-year", "-version"]
        verbose_name = _("published assessment")
        verbose_name_plural = _("published assessments")
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="publication_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.year} v{self.version}"
