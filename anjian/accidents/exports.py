"""The accident ledger (事故台账) in the import template's columns, scoped to the caller."""

from decimal import Decimal

from anjian.accidents import selectors
from anjian.accidents.imports import COLUMNS, WAN
from anjian.core.excel import write_workbook


def export_accidents(*, actor, stream, empty: bool = False) -> int:
    qs = selectors.accident_list(actor=actor).order_by("occurred_at", "pk")
    count = 0 if empty else qs.count()

    def rows():
        if empty:
            return
        for a in qs.iterator(chunk_size=2000):
            yield [
                a.title,
                a.occurred_at,
                a.reported_at,
                a.town.name,
                a.sector.name,
                a.get_accident_type_display(),
                a.enterprise.name if a.enterprise_id else "",
                a.deaths,
                a.missing,
                a.serious_injuries,
                a.minor_injuries,
                float(Decimal(a.direct_loss) / WAN),
                a.description,
            ]

    write_workbook(stream, [c.header for c in COLUMNS], rows(), title="事故台账")
    return count


EXPORTERS = {"accidents": export_accidents}
