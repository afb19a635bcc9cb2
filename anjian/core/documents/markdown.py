"""A bulletin as Markdown (for the intranet, e-mail and version control)."""

from anjian.core.documents.document import Document, Table


def _cell(value: str) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    lines = [f"**{table.caption}**", ""]
    lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
    lines.append(
        "| "
        + " | ".join("---:" if i in table.numeric else "---" for i in range(len(table.headers)))
        + " |"
    )
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines + [""]


def render_markdown(document: Document) -> str:
    lines = [f"# {document.title}", ""]
    if document.number:
        lines += [document.number, ""]
    for section in document.sections:
        lines += [f"{'#' * (section.level + 1)} {section.heading}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        for table in section.tables:
            lines += _table(table)
        for chart in section.charts:
            # Markdown has no chart: the figures behind it, as a table.
            lines += _table(
                Table(
                    caption=chart.title,
                    headers=["", *chart.categories],
                    rows=[[name, *map(str, values)] for name, values in chart.series],
                    numeric=set(range(1, len(chart.categories) + 1)),
                )
            )
    for paragraph in document.closing:
        lines += [paragraph, ""]
    lines += [f"{document.issuer}", "", f"{document.date}", ""]
    return "\n".join(lines)
