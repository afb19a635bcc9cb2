"""The acting unit: a province, a city, a county, a town, a department or an enterprise.

This module holds the only switch on a user's role (`ROLE_UNIT`). Everything else asks the unit:
whose records it sees (`q`, `records_q`), which towns and sectors it covers, who acts for it
(`users`). A new level is one more `Unit` subclass registered in `KINDS`, nothing else.

Records that a unit keeps (duty rosters, warning recipients, publicity, channels) inherit
`UnitRecord`: the unit kind plus the town, department or division it names (a county-kind record
without a division belongs to the whole installation, as in v1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from anjian.accounts.models import County, Department, Division, Role, Sector, Town


class UnitKind(models.TextChoices):
    COUNTY = "county", pgettext_lazy("unit", "County")
    TOWN = "town", pgettext_lazy("unit", "Town")
    DEPARTMENT = "department", pgettext_lazy("unit", "Department")
    ENTERPRISE = "enterprise", pgettext_lazy("unit", "Enterprise")
    CITY = "city", pgettext_lazy("unit", "City")
    PROVINCE = "province", pgettext_lazy("unit", "Province")


# The kinds a unit record (`UnitRecord.unit_kind`) stores today.
RECORD_KINDS = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT, UnitKind.ENTERPRISE)
RECORD_KIND_CHOICES = [c for c in UnitKind.choices if c[0] in RECORD_KINDS]


@dataclass(frozen=True)
class Scope:
    """The lookups from a record to its town, sector and enterprise (`None`: it has none;
    `"pk"`: the record is the enterprise). Every scoped model names them in `SCOPE`."""

    town: str = "town"
    sector: str = "sector"
    enterprise: str | None = "enterprise"


def department_sector_ids(department_id: int):
    """Subquery: the sectors a department supervises."""
    return Department.sectors.through.objects.filter(department_id=department_id).values(
        "sector_id"
    )


def _lookup(scope_field: str, suffix: str = "_id") -> str:
    return "pk" if scope_field == "pk" else f"{scope_field}{suffix}"


class Unit:
    """One acting unit. Equal units have equal `key`s; `code`/`name` load the object lazily."""

    kind: ClassVar[str] = ""
    model: ClassVar[type[models.Model] | None] = None
    # The field of User (and of a UnitRecord) that names a unit of this kind.
    field: ClassVar[str | None] = None

    def __init__(self, pk: int | None = None, obj=None, source=None):
        self.pk = pk if pk is not None else getattr(obj, "pk", None)
        self._obj = obj
        # A user (or record) whose foreign key names the unit: loading through it caches there.
        self._source = source

    # -- identity -----------------------------------------------------------------------------
    @classmethod
    def get_model(cls):
        return cls.model

    @property
    def obj(self):
        if self._obj is None and self.pk is not None:
            if self._source is not None:
                self._obj = getattr(self._source, self.field)
            else:
                self._obj = self.get_model().objects.get(pk=self.pk)
        return self._obj

    @property
    def key(self) -> str:
        """Stable text key (notification keys, form choices): county, town:3, department:5."""
        return f"{self.kind}:{self.pk}"

    @property
    def code(self) -> str:
        return self.obj.code

    @property
    def name(self) -> str:
        return self.obj.name

    def __eq__(self, other) -> bool:
        return isinstance(other, Unit) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"<Unit {self.key}>"

    def as_dict(self) -> dict:
        """The API's `me/` unit."""
        return {
            "kind": self.kind,
            "code": self.code,
            "name": self.name,
            "division": self.division_info(),
        }

    def division_info(self) -> dict | None:
        """`{"code", "name", "level"}` of the division the unit belongs to (a town: itself)."""
        return _home_division()

    @property
    def is_county_wide(self) -> bool:
        return False

    # -- who acts for it ----------------------------------------------------------------------
    def users_q(self, prefix: str = "") -> Q:
        """Users (through `prefix`) who act for this unit."""
        roles = [role for role, (kind, acts) in ROLE_UNIT.items() if kind == self.kind and acts]
        return Q(**{f"{prefix}role__in": roles, f"{prefix}{self.field}_id": self.pk})

    def users(self):
        """The active users who act for this unit."""
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(self.users_q(), is_active=True)

    def enterprise_users_q(self) -> Q:
        """The users of the enterprises under this unit (a warning reaches them through it)."""
        return Q(pk__in=[])

    # -- what it keeps ------------------------------------------------------------------------
    def fields(self) -> dict:
        """The UnitRecord fields that store this unit."""
        values = {
            "unit_kind": self.kind,
            "town_id": None,
            "department_id": None,
            "division_id": None,
        }
        if self.field:
            values[f"{self.field}_id"] = self.pk
        return values

    def own_q(self, prefix: str = "") -> Q:
        """The unit records this unit keeps (or receives)."""
        return Q(**{f"{prefix}unit_kind": self.kind, f"{prefix}{self.field}_id": self.pk})

    def parents(self) -> list[Unit]:
        """The units directly above (an enterprise: its town and its competent department)."""
        return []

    def manages(self, other: Unit) -> bool:
        """Whether this unit files and configures records for `other` (itself; the county: all)."""
        return self == other

    def managed_units(self) -> list[Unit]:
        """The units it files records for (forms offer these): itself; a county, city or
        province also its towns and departments."""
        return [self]

    # -- what it sees -------------------------------------------------------------------------
    def scope_q(self, scope: Scope) -> Q:
        """The records in this unit's jurisdiction, for a model whose lookups are `scope`."""
        raise NotImplementedError

    def q(self, prefix: str = "") -> Q:
        """Jurisdiction filter through `prefix` (the record has town, sector and enterprise)."""
        return self.scope_q(
            Scope(town=f"{prefix}town", sector=f"{prefix}sector", enterprise=f"{prefix}enterprise")
        )

    def records_q(self, model) -> Q:
        """The unit records of `model` this unit may see: those it keeps, those its parents
        receive when the model shares them downwards, and those in its jurisdiction when the
        model also carries a town and a sector (`SCOPE`)."""
        kinds = model.UNIT_KINDS
        condition = self.own_q() if self.kind in kinds else Q(pk__in=[])
        if getattr(model, "SHARED_WITH_SUBUNITS", False):
            for parent in self.parents():
                if parent.kind in kinds:
                    condition |= parent.own_q()
        scope = getattr(model, "SCOPE", None)
        if scope is not None:
            condition |= self.scope_q(scope)
        return condition

    def towns(self):
        return Town.objects.all()

    def sectors(self):
        return Sector.objects.all()

    def covers(
        self, *, town_id: int | None, sector_id: int | None, enterprise_id: int | None = None
    ) -> bool:
        """Whether a record with these keys lies in this unit's jurisdiction (writes)."""
        raise NotImplementedError

    # -- constructors -------------------------------------------------------------------------
    @staticmethod
    def of(user) -> Unit | None:
        """The unit `user` acts for (None: not logged in, inactive, or without a role)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return None
        if not getattr(user, "is_active", False):
            return None
        if getattr(user, "is_superuser", False):
            return CountyUnit()
        role = getattr(user, "role", "")
        kind, _acts = ROLE_UNIT.get(role, (None, False))
        cls = KINDS.get(kind)
        if cls is None:
            return None
        if issubclass(cls, DivisionUnit):
            pk = getattr(user, "division_id", None)
            if pk is not None and role in ANY_LEVEL:
                cls = KINDS[user.division.level]
            if pk is None and cls is not CountyUnit:
                return None
            return cls(pk, source=user)
        pk = getattr(user, f"{cls.field}_id", None)
        if pk is None:
            return None
        return cls(pk, source=user)

    @staticmethod
    def member_of(user) -> Unit | None:
        """The unit whose `users()` include `user` (None: leaders, superusers without a role,
        inactive users): its notifications go to them."""
        if not getattr(user, "is_active", False):
            return None
        kind, acts = ROLE_UNIT.get(getattr(user, "role", ""), (None, False))
        if not acts:
            return None
        cls = KINDS[kind]
        return cls(getattr(user, f"{cls.field}_id", None), source=user)

    @staticmethod
    def named(kind: str, pk: int | None) -> Unit:
        """The unit of `kind` with primary key `pk` (loaded only when its name is needed)."""
        return KINDS[kind](pk)

    @staticmethod
    def county() -> CountyUnit:
        return CountyUnit()

    @staticmethod
    def county_of(town) -> CountyUnit:
        """The county a town lies in, whose admins hear of what happens there: the whole
        installation when the town names no county (v1) or its county is the only one, so a
        one-county installation keeps notifying every county admin as in v1."""
        county_id = getattr(town, "county_id", None)
        if county_id is None:
            return CountyUnit()
        unit = CountyUnit(county_id)
        return CountyUnit() if unit.is_county_wide else unit

    @staticmethod
    def of_division(division: Division, source=None) -> DivisionUnit:
        """The unit of a county, city or province division."""
        return KINDS[division.level](obj=division, source=source)

    @staticmethod
    def of_town(town: Town) -> TownUnit:
        return TownUnit(obj=town)

    @staticmethod
    def of_department(department: Department) -> DepartmentUnit:
        return DepartmentUnit(obj=department)

    @staticmethod
    def of_enterprise(enterprise) -> EnterpriseUnit:
        return EnterpriseUnit(obj=enterprise)

    @staticmethod
    def all() -> list[Unit]:
        """The county, then every town, then every department (two queries)."""
        return (
            [CountyUnit()]
            + [TownUnit(obj=t) for t in Town.objects.all()]
            + [DepartmentUnit(obj=d) for d in Department.objects.all()]
        )

    @staticmethod
    def of_record(record) -> Unit:
        """The unit a UnitRecord names (uses its loaded town/department)."""
        cls = KINDS[record.unit_kind]
        if issubclass(cls, DivisionUnit):
            # The division loads through the record (once, when its name is needed).
            return cls(record.division_id, source=record)
        return cls(obj=getattr(record, cls.field))

    @staticmethod
    def from_code(code: str) -> Unit:
        """`county`, a town code or a department code; a code used by both is refused."""
        code = (code or "").strip()
        if code == "county":
            return CountyUnit()
        town = Town.objects.filter(code=code).first()
        department = Department.objects.filter(code=code).first()
        if town and department:
            raise ValidationError({"unit": _("The code names both a town and a department.")})
        if town:
            return TownUnit(obj=town)
        if department:
            return DepartmentUnit(obj=department)
        raise ValidationError({"unit": _("No town or department has this code.")})

    @staticmethod
    def from_key(key: str) -> Unit:
        """The inverse of `Unit.key` (form choices)."""
        kind, _sep, pk = (key or "").partition(":")
        cls = KINDS.get(kind)
        if cls is None:
            raise ValidationError({"unit": _("Choose a unit from the list.")})
        if issubclass(cls, DivisionUnit) and not pk:
            return cls()
        model = cls.get_model()
        try:
            return cls(obj=model.objects.get(pk=int(pk)))
        except (model.DoesNotExist, ValueError) as exc:
            raise ValidationError({"unit": _("Choose a unit from the list.")}) from exc

    @staticmethod
    def covering(
        *, town_id: int | None, sector_id: int | None, enterprise_id: int | None = None
    ) -> list[Unit]:
        """The units below the county whose jurisdiction holds such a record: its town, the
        departments of its sector and its enterprise."""
        units: list[Unit] = []
        if town_id:
            units.append(TownUnit(town_id))
        if sector_id:
            units += [
                DepartmentUnit(pk)
                for pk in Department.objects.filter(sectors=sector_id).values_list("pk", flat=True)
            ]
        if enterprise_id:
            units.append(EnterpriseUnit(enterprise_id))
        return units

    @staticmethod
    def users_of(units) -> models.QuerySet:
        """The active users who act for any of `units`."""
        from django.contrib.auth import get_user_model

        condition = Q(pk__in=[])
        for unit in units:
            condition |= unit.users_q()
        return get_user_model().objects.filter(condition, is_active=True)


def _town_lookup(town: str, column: str) -> str:
    """The lookup from a record to its town's `column` (county_id, city_id, province_id)."""
    return column if town == "pk" else f"{town}__{column}"


class DivisionUnit(Unit):
    """A county, city or province (its 安委办). Without a division (`pk` None: a v1 county admin
    or leader, the superuser, the system) it is the whole installation. A division that holds
    every town sees everything (`is_county_wide`), so a one-county installation keeps the v1
    queries; otherwise it sees the records located in its towns (`Town.<level>_id`)."""

    model = Division
    field = "division"

    def __init__(self, pk: int | None = None, obj=None, source=None):
        super().__init__(pk, obj, source)
        self._whole: bool | None = None if self.pk is not None else True

    # -- identity -----------------------------------------------------------------------------
    @property
    def key(self) -> str:
        return self.kind if self.pk is None else f"{self.kind}:{self.pk}"

    def managed_units(self) -> list[Unit]:
        if self.is_county_wide:
            units = Unit.all()
            if self.kind == UnitKind.COUNTY:
                units[0] = self  # its records name its division
            return units
        departments = Department.objects.filter(division__path__startswith=self.obj.path)
        return (
            [self]
            + [TownUnit(obj=t) for t in self.towns()]
            + [DepartmentUnit(obj=d) for d in departments]
        )

    @property
    def division(self) -> Division | None:
        return self.obj if self.pk is not None else None

    def as_dict(self) -> dict:
        division = self.division
        if division is None:
            return {
                "kind": self.kind,
                "code": self.kind,
                "name": str(self.name),
                "division": _home_division(),
            }
        return {
            "kind": self.kind,
            "code": division.code,
            "name": division.name,
            "division": division_dict(division),
        }

    @property
    def is_county_wide(self) -> bool:
        """Whether it sees the whole installation (every town lies in its subtree)."""
        if self._whole is None:
            cache = getattr(self._source, "__dict__", {})
            key = f"_anjian_whole_{self.pk}"
            if key not in cache:
                cache[key] = not Town.objects.exclude(**{f"{self.kind}_id": self.pk}).exists()
            self._whole = cache[key]
        return self._whole

    # -- who acts for it ----------------------------------------------------------------------
    def users_q(self, prefix: str = "") -> Q:
        roles = [role for role, (kind, acts) in ROLE_UNIT.items() if kind == self.kind and acts]
        condition = Q(**{f"{prefix}role__in": roles})
        if self.pk is not None:
            condition &= Q(**{f"{prefix}division_id": self.pk})
        return condition

    def enterprise_users_q(self) -> Q:
        if self.is_county_wide:
            return Q(role=Role.ENTERPRISE_USER)
        return Q(role=Role.ENTERPRISE_USER, **{f"enterprise__town__{self.kind}_id": self.pk})

    def fields(self) -> dict:
        return {
            "unit_kind": self.kind,
            "town_id": None,
            "department_id": None,
            "division_id": self.pk,
        }

    def own_q(self, prefix: str = "") -> Q:
        """The records of its kind that name its division. Without a division (v1), or when it
        holds every town (one county), every record of its kind, as in v1."""
        if self.pk is None or self.is_county_wide:
            return Q(**{f"{prefix}unit_kind": self.kind})
        return Q(**{f"{prefix}unit_kind": self.kind, f"{prefix}division_id": self.pk})

    def manages(self, other: Unit) -> bool:
        if self.is_county_wide or self == other:
            return True
        if isinstance(other, DivisionUnit):
            return other.pk is not None and self.obj.contains(other.obj)
        if isinstance(other, TownUnit):
            return self.towns().filter(pk=other.pk).exists()
        if isinstance(other, DepartmentUnit):
            division = other.obj.division
            return division is not None and self.obj.contains(division)
        if isinstance(other, EnterpriseUnit):
            return self.towns().filter(pk=other.obj.town_id).exists()
        return False

    # -- what it sees -------------------------------------------------------------------------
    def scope_q(self, scope: Scope) -> Q:
        if self.is_county_wide:
            return Q()
        return Q(**{_town_lookup(scope.town, f"{self.kind}_id"): self.pk})

    def records_q(self, model) -> Q:
        if self.is_county_wide:
            return Q()
        # What it and the divisions below keep, what its towns keep, what its departments (and
        # those of the divisions below) keep. A county-kind record without a division belongs
        # to the whole installation: only a unit without a division sees it.
        condition = (
            Q(division__path__startswith=self.obj.path)
            | Q(**{f"town__{self.kind}_id": self.pk})
            | Q(department__division__path__startswith=self.obj.path)
        )
        if UnitKind.ENTERPRISE in model.UNIT_KINDS:
            condition |= Q(**{f"enterprise__town__{self.kind}_id": self.pk})
        scope = getattr(model, "SCOPE", None)
        if scope is not None:
            condition |= self.scope_q(scope)
        return condition

    def towns(self):
        if self.is_county_wide:
            return Town.objects.all()
        return Town.objects.filter(**{f"{self.kind}_id": self.pk})

    def covers(self, *, town_id, sector_id, enterprise_id=None) -> bool:
        if self.is_county_wide:
            return True
        if town_id is None and enterprise_id is not None:
            town_id = (
                EnterpriseUnit.get_model()
                .objects.filter(pk=enterprise_id)
                .values_list("town_id", flat=True)
                .first()
            )
        return town_id is not None and self.towns().filter(pk=town_id).exists()


class CountyUnit(DivisionUnit):
    """A county. Without a division (`Unit.county()`, a v1 admin) it is the whole installation,
    keyed `county`; with one it is keyed `county:<pk>` and keeps the records naming it."""

    kind = UnitKind.COUNTY

    @property
    def obj(self):
        if self.pk is None:
            if self._obj is None:
                self._obj = County.objects.first()
            return self._obj
        return super().obj

    @property
    def code(self) -> str:
        return "county" if self.pk is None else self.obj.code

    @property
    def name(self) -> str:
        return _("County level") if self.pk is None else self.obj.name

    def as_dict(self) -> dict:
        if self.pk is not None:
            return super().as_dict()
        county = self.obj
        return {
            "kind": self.kind,
            "code": county.code if county else "county",
            "name": county.name if county else "",
            "division": _home_division(),
        }


class CityUnit(DivisionUnit):
    kind = UnitKind.CITY


class ProvinceUnit(DivisionUnit):
    kind = UnitKind.PROVINCE


def division_dict(division: Division) -> dict:
    """`{"code", "name", "level"}` (the API's `me/` unit division)."""
    return {"code": division.code, "name": division.name, "level": division.level}


def _home_division() -> dict | None:
    """The installation's county, for units that name no division (v1 accounts)."""
    county = Division.objects.filter(level="county").order_by("path").first()
    return division_dict(county) if county else None


def _town_dict(town: Town) -> dict:
    return {"code": town.code, "name": town.name, "level": "town"}


class TownUnit(Unit):
    kind = UnitKind.TOWN
    model = Town
    field = "town"

    def enterprise_users_q(self) -> Q:
        return Q(role=Role.ENTERPRISE_USER, enterprise__town_id=self.pk)

    def division_info(self) -> dict:
        return _town_dict(self.obj)

    def scope_q(self, scope: Scope) -> Q:
        return Q(**{_lookup(scope.town): self.pk})

    def towns(self):
        return Town.objects.filter(pk=self.pk)

    def covers(self, *, town_id, sector_id, enterprise_id=None) -> bool:
        return town_id is not None and town_id == self.pk


class DepartmentUnit(Unit):
    """A department supervises its sectors across the division it serves (a county's
    departments their county, a city's or province's their whole subtree)."""

    kind = UnitKind.DEPARTMENT
    model = Department
    field = "department"

    def division_unit(self) -> DivisionUnit | None:
        """The division it serves, as a unit (None: the whole installation, as in v1)."""
        if not hasattr(self, "_division_unit"):
            # A department officer's account names its department's division (`user_create`),
            # so the v1 case (none) costs no query.
            holder = self._source if hasattr(self._source, "division_id") else self.obj
            division = holder.division if holder.division_id else None
            self._division_unit = (
                None if division is None else Unit.of_division(division, source=self._source)
            )
        return self._division_unit

    def _area_q(self, scope: Scope) -> Q:
        division = self.division_unit()
        return Q() if division is None else division.scope_q(scope)

    def enterprise_users_q(self) -> Q:
        return Q(role=Role.ENTERPRISE_USER, enterprise__department_id=self.pk)

    def division_info(self) -> dict | None:
        division = self.division_unit()
        return _home_division() if division is None else division_dict(division.obj)

    def scope_q(self, scope: Scope) -> Q:
        return Q(**{_lookup(scope.sector, "_id__in"): department_sector_ids(self.pk)}) & (
            self._area_q(scope)
        )

    def sectors(self):
        return Sector.objects.filter(departments=self.pk)

    def towns(self):
        division = self.division_unit()
        return Town.objects.all() if division is None else division.towns()

    def covers(self, *, town_id, sector_id, enterprise_id=None) -> bool:
        division = self.division_unit()
        return (
            sector_id is not None
            and department_sector_ids(self.pk).filter(sector_id=sector_id).exists()
            and (
                division is None
                or division.covers(
                    town_id=town_id, sector_id=sector_id, enterprise_id=enterprise_id
                )
            )
        )


class EnterpriseUnit(Unit):
    kind = UnitKind.ENTERPRISE
    field = "enterprise"

    @classmethod
    def get_model(cls):
        from django.apps import apps

        return apps.get_model("registry", "Enterprise")

    @property
    def code(self) -> str:
        return self.obj.credit_code

    def division_info(self) -> dict:
        return _town_dict(self.obj.town)

    def fields(self) -> dict:
        return {
            "unit_kind": self.kind,
            "town_id": None,
            "department_id": None,
            "division_id": None,
            "enterprise_id": self.pk,
        }

    def parents(self) -> list[Unit]:
        enterprise = self.obj
        units: list[Unit] = [TownUnit(enterprise.town_id)]
        if enterprise.department_id:
            units.append(DepartmentUnit(enterprise.department_id))
        return units

    def scope_q(self, scope: Scope) -> Q:
        if not scope.enterprise:
            return Q(pk__in=[])
        return Q(**{_lookup(scope.enterprise): self.pk})

    def towns(self):
        return Town.objects.filter(pk=self.obj.town_id)

    def sectors(self):
        return Sector.objects.filter(pk=self.obj.sector_id)

    def covers(self, *, town_id, sector_id, enterprise_id=None) -> bool:
        return enterprise_id is not None and enterprise_id == self.pk


KINDS: dict[str, type[Unit]] = {
    UnitKind.PROVINCE: ProvinceUnit,
    UnitKind.CITY: CityUnit,
    UnitKind.COUNTY: CountyUnit,
    UnitKind.TOWN: TownUnit,
    UnitKind.DEPARTMENT: DepartmentUnit,
    UnitKind.ENTERPRISE: EnterpriseUnit,
}

# The only switch on role: role → (the kind of unit it acts in, whether it acts for the unit:
# receives the unit's notifications and keeps its records). The leader sees the county but does
# not act for it. A leader sits at the level of its division (the county when it has none).
ANY_LEVEL = {Role.LEADER}
ROLE_UNIT: dict[str, tuple[str, bool]] = {
    Role.PROVINCE_ADMIN: (UnitKind.PROVINCE, True),
    Role.CITY_ADMIN: (UnitKind.CITY, True),
    Role.COUNTY_ADMIN: (UnitKind.COUNTY, True),
    Role.LEADER: (UnitKind.COUNTY, False),
    Role.TOWN_OFFICER: (UnitKind.TOWN, True),
    Role.DEPARTMENT_OFFICER: (UnitKind.DEPARTMENT, True),
    Role.ENTERPRISE_USER: (UnitKind.ENTERPRISE, True),
}


def acts_for_unit(user) -> bool:
    """Whether the user acts for its unit (keeps its records) rather than only reading it."""
    if getattr(user, "is_superuser", False):
        return True
    return ROLE_UNIT.get(getattr(user, "role", ""), (None, False))[1]


class UnitRecord(models.Model):
    """A record kept by (or addressed to) one unit: the kind plus the town, department or
    division it names. `UNIT_KINDS` lists the kinds a model accepts."""

    UNIT_KINDS: ClassVar[tuple[str, ...]] = (UnitKind.COUNTY, UnitKind.TOWN, UnitKind.DEPARTMENT)
    # Records addressed to a unit are seen by the units below it too (warnings: enterprises).
    SHARED_WITH_SUBUNITS: ClassVar[bool] = False

    unit_kind = models.CharField(
        gettext_lazy("unit kind"),
        max_length=12,
        choices=RECORD_KIND_CHOICES,
    )
    town = models.ForeignKey(
        Town,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("town"),
    )
    # The county (city, province) a division-kind record belongs to; empty: the whole
    # installation (v1).
    division = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("division"),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("department"),
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_unit_matches_kind",
                condition=(
                    models.Q(unit_kind="county", town__isnull=True, department__isnull=True)
                    | models.Q(unit_kind="town", town__isnull=False, department__isnull=True)
                    | models.Q(unit_kind="department", town__isnull=True, department__isnull=False)
                ),
            )
        ]

    @property
    def unit(self) -> Unit:
        return Unit.of_record(self)

    @property
    def unit_code(self) -> str:
        return self.unit.code

    @property
    def unit_name(self) -> str:
        return str(self.unit.name)

    def set_unit(self, unit: Unit) -> None:
        for name, value in unit.fields().items():
            setattr(self, name, value)


def is_enterprise(user) -> bool:
    """Whether the user acts for an enterprise (forms show it fewer fields)."""
    unit = Unit.of(user)
    return unit is not None and unit.kind == UnitKind.ENTERPRISE


def narrow_to_jurisdiction(fields, user) -> None:
    """Offer only the towns and sectors in the user's jurisdiction in a form's `town` and
    `sector` fields (a town officer its town, a department officer its sectors)."""
    unit = Unit.of(user)
    if unit is None or unit.is_county_wide:
        return
    if "town" in fields:
        fields["town"].queryset = fields["town"].queryset.filter(pk__in=unit.towns().values("pk"))
    if "sector" in fields:
        fields["sector"].queryset = fields["sector"].queryset.filter(
            pk__in=unit.sectors().values("pk")
        )
