"""`?division=CODE` on every list, page, export and statistic: the request names a division (a
province, city, county or town) in the caller's scope, and every scoped read narrows to it.

`DivisionMiddleware` keeps the code the request asked for; `core.scoping.scope_queryset` asks
`area(user)` and filters by it, so a selector or viewset needs no change to take the parameter.
A code outside the caller's scope (or unknown) is a 404.
"""

from __future__ import annotations

import contextvars
import re

from django.http import Http404

from anjian.accounts.models import Division, Town
from anjian.accounts.units import DivisionUnit, TownUnit, Unit

_requested: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "anjian_division", default=None
)

# A town code (slug) or a six-digit division code; anything else is refused as unknown.
_CODE = re.compile(r"^[-a-zA-Z0-9_]{1,40}$")


class DivisionMiddleware:
    """Remembers `?division=` for the request (reads during the request narrow to it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _requested.set(request.GET.get("division") or None)
        try:
            return self.get_response(request)
        finally:
            _requested.reset(token)


class requested:  # noqa: N801 (used as a context manager, like a function)
    """Narrow reads to `code` inside the block (commands, tests)."""

    def __init__(self, code: str | None):
        self.code = code

    def __enter__(self):
        self._token = _requested.set(self.code)

    def __exit__(self, *exc):
        _requested.reset(self._token)


def requested_code() -> str | None:
    return _requested.get()


def resolve(user, code: str) -> Unit:
    """The division or town `code` as a unit, if it lies in `user`'s scope; else 404."""
    unit = Unit.of(user)
    code = (code or "").strip()
    if unit is None or not _CODE.match(code):
        raise Http404
    division = Division.objects.filter(code=code).first()
    if division is not None:
        if not unit_contains_division(unit, division):
            raise Http404
        area = Unit.of_division(division)
        area._whole = False  # always filter, even when it holds every town
        return area
    town = Town.objects.filter(code=code).first()
    if town is None or not unit.towns().filter(pk=town.pk).exists():
        raise Http404
    return TownUnit(obj=town)


def unit_contains_division(unit: Unit, division: Division) -> bool:
    """Whether every town of `division` lies in the unit's scope."""
    if unit.is_county_wide:
        return True
    if isinstance(unit, DivisionUnit):
        return unit.obj.contains(division)
    served = getattr(unit, "division_unit", lambda: None)()
    if served is not None:
        return served.is_county_wide or served.obj.contains(division)
    return False


def area(user) -> Unit | None:
    """The area the current request narrows to (None: no `?division=`)."""
    code = _requested.get()
    if not code:
        return None
    return resolve(user, code)
