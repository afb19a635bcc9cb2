"""Risk point export: the import template's columns, scoped to the caller."""

from anjian.core.excel import write_workbook
from anjian.core.pii import mask
from anjian.risks import selectors
from anjian.risks.imports import COLUMNS, CONTROL_LABELS


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_risk_points(*, actor, stream, empty: bool = False) -> int:
    qs = selectors.risk_point_list(actor=actor).order_by("pk")
    count = 0 if empty else qs.count()

    def rows():
        if empty:
            return
        for p in qs.iterator(chunk_size=2000):
            e = p.enterprise
            yield [
                e.name if e else "",
                e.credit_code if e else "",
                p.town.name,
                p.sector.name,
                p.name,
                p.location,
                float(p.lng) if p.lng is not None else None,
                float(p.lat) if p.lat is not None else None,
                "、".join(p.accident_type_names),
                p.method,
                _number(p.l),
                _number(p.e),
                _number(p.c),
                p.s,
                p.measures,
                CONTROL_LABELS.get(p.control_level, ""),
                p.responsible_person,
                mask(actor, p.responsible_phone),
                p.review_on,
            ]

    write_workbook(stream, [c.header for c in COLUMNS], rows(), title="风险点")
    return count


EXPORTERS = {"risk-points": export_risk_points}
