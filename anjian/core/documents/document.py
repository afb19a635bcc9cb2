"""The document model of a bulletin: a title, numbered sections of paragraphs, tables, charts."""

from dataclasses import dataclass, field, fields, replace
from typing import Any

from anjian.core.validators import strip_control_characters


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    # Columns whose cells are figures (right-aligned in Word).
    numeric: set[int] = field(default_factory=set)


@dataclass
class BarChart:
    """A clustered column chart: one category axis, one series per name."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]
    unit: str = ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)
    # 1: 一、 (黑体); 2: （一） (楷体) in the official layout (`official.render_official_docx`).
    level: int = 1


@dataclass
class Document:
    title: str
    issuer: str
    date: str  # already in the Chinese convention, e.g. 2024年3月5日
    number: str = ""  # 文号 line, e.g. 示安委办〔2024〕3号
    sections: list[Section] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    # The office that issues it, printed in red at the top (发文机关标志) by the official layout.
    masthead: str = ""

    def text(self) -> str:
        """Every paragraph in order (for search and tests)."""
        parts = [self.title]
        for section in self.sections:
            parts.append(section.heading)
            parts.extend(section.paragraphs)
        parts.extend(self.closing)
        return "\n".join(parts)


def without_control_characters(value: Any) -> Any:
    """A copy of the document (or any part of it) whose texts carry no character XML refuses.

    Stored text may hold such characters (rows from before input refused them); Word cannot.
    """
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(without_control_characters(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return replace(
            value,
            **{f.name: without_control_characters(getattr(value, f.name)) for f in fields(value)},
        )
    return value
