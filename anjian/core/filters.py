"""One read path: the API's query parameters, parsed by django-filter, select their rows through
the same selector as the page (which takes the user and returns a scoped queryset).

A `SelectorFilterSet` declares the parameters (so the OpenAPI schema lists them and bad values
are a 400) but never filters by itself: `filter_queryset` hands the cleaned values to `select`.
"""

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet
from django_filters.widgets import BooleanWidget

# The spellings of yes and no that both pages and the API accept in a filter.
YES_NO = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def yes_no(value: Any) -> bool | None:
    """`1`/`true`/`yes` → True, `0`/`false`/`no` → False, anything else (or nothing) → None."""
    if isinstance(value, bool):
        return value
    return YES_NO.get(str(value or "").strip().lower())


def yes_no_query(data, *names: str):
    """A copy of a page's query with each yes/no filter in `names` spelled `1`/`0` (the page's
    choices), whichever spelling the address used."""
    if data is None:
        return None
    data = data.copy()
    for name in names:
        value = yes_no(data.get(name))
        data[name] = "" if value is None else str(int(value))
    return data


def YesNoFilter(**kwargs) -> django_filters.BooleanFilter:  # noqa: N802 (a filter, like its peers)
    """A yes/no parameter with the page's spellings (`1`/`0`) as well as `true`/`false`."""
    return django_filters.BooleanFilter(widget=BooleanWidget, **kwargs)


class SelectorFilterSet(django_filters.FilterSet):
    """Rows come from `select(actor=…, **selector_kwargs(cleaned_data))`, never from the viewset's
    own queryset, so page and API give the same rows for the same parameters."""

    select: Callable[..., QuerySet]

    def selector_kwargs(self, data: dict[str, Any]) -> dict[str, Any]:
        """The selector's keyword arguments: the parameters given (override to rename)."""
        return {name: value for name, value in data.items() if value not in (None, "")}

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return type(self).select(
            actor=self.request.user, **self.selector_kwargs(dict(self.form.cleaned_data))
        )
