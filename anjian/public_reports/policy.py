"""Who handles a 12350 report: the county admin always, a town or department once the report
is transferred to it. Nobody else sees it — least of all the unit reported on."""

from django.db.models import Q

from anjian.accounts.units import Unit, UnitKind, acts_for_unit
from anjian.core.permissions import has_permission


def handler_q(user) -> Q | None:
    """The reports `user` handles as a Q (None: all of them), or Q(pk__in=[]) for none."""
    if not has_permission(user, "officer") or not acts_for_unit(user):
        return Q(pk__in=[])
    unit = Unit.of(user)
    if unit is None:
        return Q(pk__in=[])
    if unit.kind == UnitKind.COUNTY:
        return None
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
