"""A bulletin as a Word document laid out like a county office's 通报 (仿宋/黑体, A4)."""

import io

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from anjian.reports.bulletin.chart import add_chart
from anjian.reports.bulletin.document import Document, Table

BODY_FONT, TITLE_FONT, HEADING_FONT = "仿宋", "方正小标宋简体", "黑体"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def _paragraph(doc, text: str, *, font=BODY_FONT, size=16.0, bold=False, align=None,
               indent=True):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing = Pt(28)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(paragraph.add_run(text), font, size, bold)
    return paragraph


def _table(doc, table: Table) -> None:
    _paragraph(doc, table.caption, font=HEADING_FONT, size=12, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    grid = doc.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, table.headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(header), HEADING_FONT, 10.5)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        cells = grid.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            _font(cell.paragraphs[0].add_run(str(value)), BODY_FONT, 10.5)
            if i in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render_docx(document: Document) -> bytes:
    doc = WordDocument()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.issuer
    _paragraph(doc, document.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER,
               indent=False)
    if document.number:
        _paragraph(doc, document.number, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    charts = 0
    for part in document.sections:
        _paragraph(doc, part.heading, font=HEADING_FONT, size=16)
        for text in part.paragraphs:
            _paragraph(doc, text)
        for table in part.tables:
            _table(doc, table)
        for chart in part.charts:
            charts += 1
            holder = doc.add_paragraph()
            holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
            add_chart(doc, holder, chart, number=charts)
    for text in document.closing:
        _paragraph(doc, text)
    doc.add_paragraph()
    _paragraph(doc, document.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(doc, document.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    stream = io.BytesIO()
    doc.save(stream)
    return stream.getvalue()
