"""Which divisions and towns a caller sees: its own division's subtree and the chain of its
ancestors (contract, "Divisions"), and the towns its forms and lists offer."""

from __future__ import annotations

from django.db.models import Q

from anjian.accounts.models import Division, Town
from anjian.accounts.units import DivisionUnit, EnterpriseUnit, TownUnit, Unit
from anjian.core.divisions import area


def home(unit: Unit) -> Division | None:
    """The division whose subtree the unit sees (None: everything)."""
    if unit.is_county_wide:
        return None
    if isinstance(unit, DivisionUnit):
        return unit.obj
    served = getattr(unit, "division_unit", lambda: None)()
    if served is not None:
        return None if served.is_county_wide else served.obj
    town = unit.obj if isinstance(unit, TownUnit) else getattr(unit.obj, "town", None)
    return town.county if town is not None and town.county_id else None


def scope_division(user) -> Division | None:
    """The division whose figures the caller reads (a bulletin's title, a map's centre): the
    one `?division=` names, else its own (a county, city or province admin's, a department's);
    None for a v1 county admin, a town or an enterprise."""
    narrowed = area(user)
    if isinstance(narrowed, DivisionUnit):
        return narrowed.obj
    unit = Unit.of(user)
    if isinstance(unit, DivisionUnit):
        return unit.division
    served = getattr(unit, "division_unit", lambda: None)()
    return served.obj if served is not None else None


def visible_towns(user):
    """The towns of the caller's division (all of them for a whole-installation unit); a town
    officer or an enterprise sees the towns of its county. Narrowed by `?division=`."""
    unit = Unit.of(user)
    if unit is None:
        return Town.objects.none()
    towns = Town.objects.select_related("county")
    division = home(unit)
    if division is not None:
        towns = towns.filter(**{f"{division.level}_id": division.pk})
    narrowed = area(user)
    if isinstance(narrowed, TownUnit):
        towns = towns.filter(pk=narrowed.pk)
    elif narrowed is not None:
        towns = towns.filter(**{f"{narrowed.kind}_id": narrowed.pk})
    return towns


def _row(d: Division) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "level": d.level,
        "parent": d.parent.code if d.parent_id else None,
    }


def _town_row(t: Town) -> dict:
    return {
        "code": t.code,
        "name": t.name,
        "level": "town",
        "parent": t.county.code if t.county_id else None,
    }


def visible_divisions(user) -> list[dict]:
    """`{"code", "name", "level", "parent"}` for the caller's subtree (towns included) and its
    ancestors, from the top down; `?division=` narrows to that division's subtree."""
    unit = Unit.of(user)
    if unit is None:
        return []
    narrowed = area(user)
    own_town = None
    if isinstance(narrowed, TownUnit):
        own_town = narrowed.obj
    elif narrowed is not None:
        division = narrowed.obj
    elif isinstance(unit, TownUnit | EnterpriseUnit):
        own_town = unit.obj if isinstance(unit, TownUnit) else unit.obj.town
    else:
        division = home(unit)
    if own_town is not None:
        division = own_town.county
        chain = division.path.strip("/").split("/") if division else []
        divisions = Division.objects.filter(code__in=chain)
        towns = Town.objects.filter(pk=own_town.pk)
    elif division is None:
        divisions = Division.objects.all()
        towns = Town.objects.all()
    else:
        chain = division.path.strip("/").split("/")
        divisions = Division.objects.filter(Q(path__startswith=division.path) | Q(code__in=chain))
        towns = Town.objects.filter(**{f"{division.level}_id": division.pk})
    rows = [_row(d) for d in divisions.select_related("parent").order_by("path")]
    towns = towns.select_related("county").order_by("county__path", "ordering", "code")
    return rows + [_town_row(t) for t in towns]
