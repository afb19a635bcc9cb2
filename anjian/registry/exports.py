"""Enterprise export: the import template's columns, scoped to the caller."""

from anjian.core.excel import write_workbook
from anjian.core.pii import mask
from anjian.registry import selectors
from anjian.registry.imports import COLUMNS, STATUS_LABELS


def export_enterprises(*, actor, stream, empty: bool = False) -> int:
    qs = selectors.enterprise_list(actor=actor).order_by("pk")
    count = 0 if empty else qs.count()

    def rows():
        if empty:
            return
        for e in qs.iterator(chunk_size=2000):
            yield [
                e.name,
                e.credit_code,
                e.sector.name,
                e.town.name,
                e.department.name,
                e.address,
                float(e.lng) if e.lng is not None else None,
                float(e.lat) if e.lat is not None else None,
                e.legal_representative,
                e.safety_manager,
                mask(actor, e.phone),
                e.employees,
                STATUS_LABELS.get(e.status, e.status),
            ]

    write_workbook(stream, [c.header for c in COLUMNS], rows(), title="生产经营单位")
    return count


EXPORTERS = {"enterprises": export_enterprises}
