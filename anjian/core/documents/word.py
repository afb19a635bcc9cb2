"""Word documents: the building blocks (Chinese fonts, paragraphs, tables, charts) and a bulletin
laid out like a county office's 通报 (仿宋/黑体, A4).

Every .docx the platform writes is built from these blocks (bulletins here, the hazard notices in
`anjian.hazards.documents`), so a font is set in one way everywhere: the East Asian font too, or
Word falls back to its default for the Chinese characters.
"""

import io

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from anjian.core.documents.chart import add_chart
from anjian.core.documents.document import Document, Table
from anjian.core.validators import strip_control_characters as _clean

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋", "方正小标宋简体", "黑体"


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    """Font of a run, for Latin and East Asian text alike."""
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def add_paragraph(doc, text: str, *, font=BODY_FONT, size=16.0, bold=False, align=None,
                  indent=True):
    """A paragraph in the office layout: 28 pt line spacing, two-character first-line indent."""
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    set_font(paragraph.add_run(_clean(text)), font, size, bold)
    return paragraph


def add_table(doc, table: Table) -> None:
    """A captioned grid with a header row; numeric columns right-aligned."""
    add_paragraph(doc, table.caption, font=HEADING_FONT, size=12, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        set_font(cell.paragraphs[0].add_run(header), HEADING_FONT, 10.5)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        cells = grid.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            set_font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, 10.5)
            if i in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def new_document(*, font: str | None = None, east_asian_font: str | None = None,
                 size: float | None = None):
    """An empty Word document; with a font, its Normal style uses it (East Asian font too)."""
    doc = WordDocument()
    if font:
        style = doc.styles["Normal"]
        style.font.name = font
        if size:
            style.font.size = Pt(size)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), east_asian_font or font)
    return doc


def add_centred(doc, text: str, *, size: float = 12, bold: bool = False):
    """A centred paragraph in the Normal font (titles, document numbers)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(_clean(text))
    run.bold = bold
    run.font.size = Pt(size)
    return paragraph


def add_right(doc, text: str):
    """A right-aligned paragraph (the issuing unit and the date under a document)."""
    paragraph = doc.add_paragraph(_clean(text))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def add_text(doc, text: str):
    """A plain paragraph in the Normal style (the body of a notice or an order)."""
    return doc.add_paragraph(_clean(text))


def add_label_table(doc, rows: list[tuple[str, str]]):
    """A two-column grid of label and value, without a header row."""
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = _clean(label), _clean(str(value))
    return table


def to_bytes(doc) -> bytes:
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()


def render_docx(document: Document) -> bytes:
    doc = new_document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.issuer
    add_paragraph(doc, document.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    if document.number:
        add_paragraph(doc, document.number, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    charts = 0
    for part in document.sections:
        add_paragraph(doc, part.heading, font=HEADING_FONT, size=16)
        for text in part.paragraphs:
            add_paragraph(doc, text)
        for table in part.tables:
            add_table(doc, table)
        for chart in part.charts:
            charts += 1
            holder = doc.add_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_chart(doc, holder, chart, number=charts)
    for text in document.closing:
        add_paragraph(doc, text)
    doc.add_paragraph()
    add_paragraph(doc, document.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    add_paragraph(doc, document.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    return to_bytes(doc)
