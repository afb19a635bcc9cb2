"""Units that keep duty: the county itself, every town and every department.

A unit is a value (kind, town id, department id); records store it as `unit_kind` + FK.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from anjian.accounts.models import Department, Role, Town
from anjian.duty.models import UnitKind


@dataclass(frozen=True)
class Unit:
    kind: str
    code: str
    name: str
    town_id: int | None = None
    department_id: int | None = None

    @property
    def key(self) -> str:
        """Stable text key (notification keys, form choices): county, town:3, department:5."""
        if self.kind == UnitKind.TOWN:
            return f"town:{self.town_id}"
        if self.kind == UnitKind.DEPARTMENT:
            return f"department:{self.department_id}"
        return "county"

    def fields(self) -> dict:
        """The model fields that store this unit."""
        return {"unit_kind": self.kind, "town_id": self.town_id,
                "department_id": self.department_id}

    def q(self, prefix: str = "") -> Q:
        """Filter for the records of this unit."""
        return Q(**{f"{prefix}unit_kind": self.kind, f"{prefix}town_id": self.town_id,
                    f"{prefix}department_id": self.department_id})


def county_unit() -> Unit:
    return Unit(kind=UnitKind.COUNTY, code="county", name=_("County level"))


def town_unit(town: Town) -> Unit:
    return Unit(kind=UnitKind.TOWN, code=town.code, name=town.name, town_id=town.pk)


def department_unit(department: Department) -> Unit:
    return Unit(kind=UnitKind.DEPARTMENT, code=department.code, name=department.name,
                department_id=department.pk)


def all_units() -> list[Unit]:
    """The county, then every town, then every department (two queries)."""
    return ([county_unit()] + [town_unit(t) for t in Town.objects.all()]
            + [department_unit(d) for d in Department.objects.all()])


def unit_of_record(record) -> Unit:
    if record.unit_kind == UnitKind.TOWN:
        return town_unit(record.town)
    if record.unit_kind == UnitKind.DEPARTMENT:
        return department_unit(record.department)
    return county_unit()


def unit_of_user(user) -> Unit | None:
    """The unit a user keeps duty for (county admins: the county; leaders and enterprises: none)."""
    role = getattr(user, "role", "")
    if role == Role.TOWN_OFFICER and user.town_id:
        return town_unit(user.town)
    if role == Role.DEPARTMENT_OFFICER and user.department_id:
        return department_unit(user.department)
    if role == Role.COUNTY_ADMIN or getattr(user, "is_superuser", False):
        return county_unit()
    return None


def unit_from_code(code: str) -> Unit:
    """`county`, a town code or a department code; a code used by both is refused as ambiguous."""
    code = (code or "").strip()
    if code == "county":
        return county_unit()
    town = Town.objects.filter(code=code).first()
    department = Department.objects.filter(code=code).first()
    if town and department:
        raise ValidationError({"unit": _("The code names both a town and a department.")})
    if town:
        return town_unit(town)
    if department:
        return department_unit(department)
    raise ValidationError({"unit": _("No town or department has this code.")})


def unit_from_key(key: str) -> Unit:
    """The inverse of `Unit.key` (form choices)."""
    kind, _sep, pk = (key or "").partition(":")
    try:
        if kind == "town":
            return town_unit(Town.objects.get(pk=int(pk)))
        if kind == "department":
            return department_unit(Department.objects.get(pk=int(pk)))
    except (Town.DoesNotExist, Department.DoesNotExist, ValueError) as exc:
        raise ValidationError({"unit": _("Choose a unit from the list.")}) from exc
    if kind == "county":
        return county_unit()
    raise ValidationError({"unit": _("Choose a unit from the list.")})


def may_file_for(user, unit: Unit) -> bool:
    """A unit files only its own duty records; the county admin files for any unit."""
    if getattr(user, "is_superuser", False) or getattr(user, "role", "") == Role.COUNTY_ADMIN:
        return True
    own = unit_of_user(user)
    return own is not None and own.key == unit.key


def units_user_may_file(user) -> list[Unit]:
    if getattr(user, "is_superuser", False) or getattr(user, "role", "") == Role.COUNTY_ADMIN:
        return all_units()
    own = unit_of_user(user)
    return [own] if own else []
