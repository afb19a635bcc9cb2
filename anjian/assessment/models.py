"""Responsibility (落实安全生产责任): leaders' assignments, the department–sector matrix,
findings on accidents and accountability records. Domain rules §7."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Sector, Town
from anjian.accounts.units import Scope, UnitKind


class Responsibility(models.Model):
    """A leader's assignment for a year (党政同责、一岗双责): the sectors the leader is in charge
    of (分管) and the towns the leader is linked to (包联)."""

    # A town sees the assignments naming it, a department those naming one of its sectors.
    SCOPE = Scope(town="town_links__town", sector="sector_links__sector", enterprise=None)

    person = models.CharField(_("person"), max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="responsibilities",
                             verbose_name=_("leader account"))
    title = models.CharField(_("title"), max_length=100)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    sectors = models.ManyToManyField(Sector, through="ResponsibilitySector", blank=True,
                                     related_name="responsibilities", verbose_name=_("sectors"))
    towns = models.ManyToManyField(Town, through="ResponsibilityTown", blank=True,
                                   related_name="responsibilities", verbose_name=_("towns"))
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
    responsibility = models.ForeignKey(Responsibility, on_delete=models.CASCADE,
                                       related_name="sector_links")
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["responsibility", "sector"],
                                               name="responsibility_sector_once")]

    def __str__(self) -> str:
        return f"{self.responsibility_id} {self.sector_id}"


class ResponsibilityTown(models.Model):
    responsibility = models.ForeignKey(Responsibility, on_delete=models.CASCADE,
                                       related_name="town_links")
    town = models.ForeignKey(Town, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["responsibility", "town"],
                                               name="responsibility_town_once")]

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

    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="duties",
                               verbose_name=_("sector"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="duties",
                                   verbose_name=_("department"))
    part = models.CharField(_("part"), max_length=12, choices=SectorPart.choices)

    class Meta:
        ordering = ["sector__ordering", "part", "department__ordering"]
        verbose_name = _("sector duty")
        verbose_name_plural = _("sector duties")
        constraints = [
            models.UniqueConstraint(fields=["sector", "department"], name="sector_duty_once"),
            models.UniqueConstraint(fields=["sector"], condition=models.Q(part="lead"),
                                    name="sector_one_lead"),
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

    SCOPE = Scope(town="accident__town", sector="accident__sector",
                  enterprise="accident__enterprise")

    accident = models.ForeignKey("accidents.Accident", on_delete=models.PROTECT,
                                 related_name="findings", verbose_name=_("accident"))
    kind = models.CharField(_("kind"), max_length=12, choices=FindingKind.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, related_name="+", verbose_name=_("recorded by"))
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
    ENTERPRISE_SCOPE = Scope(town="enterprise__town", sector="enterprise__sector",
                             enterprise="enterprise")
    UNIT_KINDS = (UnitKind.TOWN, UnitKind.DEPARTMENT, UnitKind.ENTERPRISE)

    unit_kind = models.CharField(_("unit kind"), max_length=12, choices=UnitKind.choices)
    town = models.ForeignKey(Town, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("town"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"))
    enterprise = models.ForeignKey("registry.Enterprise", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("enterprise"))
    kind = models.CharField(_("kind"), max_length=20, choices=AccountabilityKind.choices)
    reason = models.TextField(_("reason"))
    date = models.DateField(_("date"))
    accident = models.ForeignKey("accidents.Accident", on_delete=models.PROTECT, null=True,
                                 blank=True, related_name="+", verbose_name=_("accident"))
    hazard = models.ForeignKey("hazards.Hazard", on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", verbose_name=_("hazard"))
    decided_by = models.CharField(_("decided by"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, related_name="+", verbose_name=_("recorded by"))
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
                    models.Q(unit_kind="town", town__isnull=False, department__isnull=True,
                             enterprise__isnull=True)
                    | models.Q(unit_kind="department", town__isnull=True,
                               department__isnull=False, enterprise__isnull=True)
                    | models.Q(unit_kind="enterprise", town__isnull=True,
                               department__isnull=True, enterprise__isnull=False)
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
