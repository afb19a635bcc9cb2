"""The unit a duty record belongs to: the county, a town or a department (not a town/sector record)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.models import Department, Town


class UnitKind(models.TextChoices):
    COUNTY = "county", _("County")
    TOWN = "town", _("Town")
    DEPARTMENT = "department", _("Department")


class UnitRecord(models.Model):
    """A record kept by one unit: the kind plus the town or department it names (none for the county)."""

    unit_kind = models.CharField(_("unit kind"), max_length=12, choices=UnitKind.choices)
    town = models.ForeignKey(Town, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("town"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"))

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_unit_matches_kind",
                condition=(
                    models.Q(unit_kind="county", town__isnull=True, department__isnull=True)
                    | models.Q(unit_kind="town", town__isnull=False, department__isnull=True)
                    | models.Q(unit_kind="department", town__isnull=True,
                               department__isnull=False)
                ),
            )
        ]

    @property
    def unit_code(self) -> str:
        if self.unit_kind == UnitKind.TOWN:
            return self.town.code
        if self.unit_kind == UnitKind.DEPARTMENT:
            return self.department.code
        return "county"

    @property
    def unit_name(self) -> str:
        if self.unit_kind == UnitKind.TOWN:
            return self.town.name
        if self.unit_kind == UnitKind.DEPARTMENT:
            return self.department.name
        return str(_("County level"))
