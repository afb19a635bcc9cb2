"""Excel export of the leaders' assignments (the import template's columns)."""

from anjian.assessment import selectors
from anjian.assessment.imports import COLUMNS
from anjian.core.excel import write_workbook


def export_responsibilities(
    *, actor, stream, empty: bool = False, filters: dict | None = None
) -> int:
    rows = [] if empty else list(selectors.responsibility_list(actor=actor, **(filters or {})))
    write_workbook(
        stream,
        [c.header for c in COLUMNS],
        (
            [
                r.year,
                r.person,
                r.title,
                "、".join(s.name for s in r.sectors.all()),
                "、".join(t.name for t in r.towns.all()),
            ]
            for r in rows
        ),
        title="领导责任清单",
    )
    return len(rows)


EXPORTERS = {"responsibilities": export_responsibilities}
