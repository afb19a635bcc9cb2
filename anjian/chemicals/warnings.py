"""Which units a weather warning reaches through their chemical stock (domain-rules §14), for
`anjian.hooks.WARNING_ENTERPRISES`: called by `alerts` when a warning is published."""

from anjian.core.rules import rule_value

from . import rules
from .models import ChemicalStock


def enterprises_for(alert) -> dict[int, list[str]]:
    """{enterprise id: [the matching tags]} for a warning of kind rainstorm, typhoon, heat or
    thunder at or above the kind's lowest level (the rule `chemicals.weather_levels`); only
    operating or suspended units, anywhere in the publisher's division whichever towns the
    warning names (weather does not stop at a town's border), and never in the neighbouring
    county's."""
    wanted = rules.warning_tags(
        alert.kind, alert.level, rule_value("chemicals.weather_levels", on=alert.published_at)
    )
    if not wanted:
        return {}
    found: dict[int, set[str]] = {}
    stock = ChemicalStock.objects.filter(enterprise__status__in=("operating", "suspended"))
    if alert.division_id is not None:
        division = alert.division
        stock = stock.filter(**{f"enterprise__town__{division.level}_id": division.pk})
    for enterprise_id, tags in stock.values_list("enterprise_id", "tags").iterator():
        hits = set(tags or ()) & set(wanted)
        if hits:
            found.setdefault(enterprise_id, set()).update(hits)
    return {pk: sorted(tags) for pk, tags in found.items()}
