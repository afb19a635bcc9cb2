"""Who handles a 12350 report: the county admin always, a town or department once the report
is transferred to it. Nobody else sees it — least of all the unit reported on."""

from django.db.models import Q

from anjian.accounts.units import DivisionUnit, Unit, UnitKind, acts_for_unit
from anjian.core.permissions import has_permission


def handler_q(user) -> Q | None:
    """The reports `user` handles as a Q (None: all of them), or Q(pk__in=[]) for none."""
    if not has_permission(user, "officer") or not acts_for_unit(user):
        return Q(pk__in=[])
    unit = Unit.of(user)
    if unit is None:
        return Q(pk__in=[])
    if isinstance(unit, DivisionUnit):
        # A county, city or province admin: the reports of its towns (all: a whole installation).
        return None if unit.is_county_wide else Q(**{f"town__{unit.kind}_id": unit.pk})
    if unit.kind == UnitKind.TOWN:
        return Q(handler_town_id=unit.pk)
    if unit.kind == UnitKind.DEPARTMENT:
        return Q(handler_department_id=unit.pk)
    return Q(pk__in=[])


def handles(user, report) -> bool:
    q = handler_q(user)
    if q is None:
        return True
    unit = Unit.of(user)
    if unit is None:
        return False
    if isinstance(unit, DivisionUnit):
        return report.town_id is not None and unit.covers(town_id=report.town_id, sector_id=None)
    if unit.kind == UnitKind.TOWN:
        return report.handler_town_id == unit.pk
    if unit.kind == UnitKind.DEPARTMENT:
        return report.handler_department_id == unit.pk
    return False


def handling_unit(report) -> Unit:
    if report.handler_town_id:
        return Unit.named(UnitKind.TOWN, report.handler_town_id)
    if report.handler_department_id:
        return Unit.named(UnitKind.DEPARTMENT, report.handler_department_id)
    return Unit.county()
