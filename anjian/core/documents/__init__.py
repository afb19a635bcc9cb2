"""Documents (bulletins 通报, notices 通知书): a small document model rendered to Markdown and Word.

The content comes from the area that owns the figures (e.g. `anjian.accidents.bulletin`); this
package knows only how a county office document is laid out.
"""

from anjian.core.documents.document import (
    BarChart,
    Document,
    Table,
    without_control_characters,
)
from anjian.core.documents.markdown import render_markdown
from anjian.core.documents.official import render_official_docx
from anjian.core.documents.word import render_docx


def render(document: Document, fmt: str) -> bytes:
    """`md` or `docx` bytes of the document."""
    document = without_control_characters(document)
    if fmt == "md":
        return render_markdown(document).encode("utf-8")
    if fmt == "docx":
        return render_docx(document)
    raise ValueError(f"unknown bulletin format {fmt!r}: use md or docx")


def render_official(document: Document, fmt: str) -> bytes:
    """`md`, or `docx` laid out as GB/T 9704-2012 office document (masthead, 22×28 grid)."""
    document = without_control_characters(document)
    if fmt == "docx":
        return render_official_docx(document)
    return render(document, fmt)


__all__ = [
    "BarChart",
    "Document",
    "Table",
    "render",
    "render_docx",
    "render_official",
    "render_markdown",
]
