"""A Word document laid out as a Party and government office document (党政机关公文, GB/T 9704-2012).

What the standard fixes and this module writes:

- **Page** (§5.2): A4, 天头 (top) 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm, so the
  版心 is 156 × 225 mm; **22 lines of 28 characters** (§5.2.2), written as the section's document
  grid (`w:docGrid linesAndChars`, line pitch 225 mm / 22, character pitch 156 mm / 28).
- **Typefaces** (§6, §7): the issuing office's mark (发文机关标志) in red 方正小标宋简体, the title
  in 2号 (22 pt) 方正小标宋简体, the body in 3号 (16 pt) 仿宋_GB2312, first-level headings
  (一、) in 黑体, second-level (（一）) in 楷体_GB2312. Every run names its East Asian font
  (`w:rFonts w:eastAsia`), and the font table gives each a fallback (`w:altName`: 仿宋, 楷体,
  宋体), so a machine without the GB2312 fonts still shows the right family.
- **Red separator** under the masthead (版头中的分隔线, §7.2.4), the width of the 版心.
- **Signature and date** (§7.3.5): the date 右空四字, the issuing office centred over it.
- **Page numbers** (§7.5): 4号 (14 pt) 宋体 Arabic numerals between dashes, “— 1 —”.

The content is the same `Document` model as the bulletins (`anjian.core.documents.document`);
its sections carry a `level` (1 or 2) and the document its `masthead`.
"""

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from anjian.core.documents.document import Document, Table
from anjian.core.documents.word import new_document, to_bytes
from anjian.core.validators import strip_control_characters as _clean

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# Each named typeface and what to use where it is not installed.
FALLBACKS = {
    TITLE_FONT: "宋体",
    BODY_FONT: "仿宋",
    H2_FONT: "楷体",
    H1_FONT: "SimHei",
    PAGE_NUMBER_FONT: "SimSun",
}
RED = "FF0000"
# The schema's element order (ECMA-376 CT_PPr / CT_RPr): what may follow the element we insert.
PPR_AFTER_SNAP = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
PPR_AFTER_BORDERS = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    *PPR_AFTER_SNAP,
)
RPR_AFTER_SPACING = (
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26
LINES, CHARS = 22, 28
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16.0, 22.0, 14.0
# Condensed by 0.25 pt (5 twentieths): 28 × 15.75 pt = 441 pt fits the 156 mm (442.2 pt) line.
BODY_CHAR_SPACING_TWIPS = -5
PT_PER_MM = 72 / 25.4


def grid() -> tuple[int, int]:
    """(line pitch in twentieths of a point, character-space adjustment in 1/4096 pt) that make
    22 lines × 28 characters fill the 版心 (225 × 156 mm) with a 16 pt body font."""
    height_pt = (PAGE_HEIGHT_MM - TOP_MM - BOTTOM_MM) * PT_PER_MM
    width_pt = (PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM) * PT_PER_MM
    line_pitch = int(height_pt / LINES * 20)  # down: 22 exact lines must fit, 579 (28.95 pt)
    char_space = round((width_pt / CHARS - BODY_PT) * 4096)
    return line_pitch, char_space


def set_font(run, name: str, size: float, *, bold: bool = False, colour: str = "") -> None:
    """The run's font for Latin and East Asian text alike (eastAsia named explicitly)."""
    run.font.size = Pt(size)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), name)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if size == BODY_PT:
        # 28 characters of 16 pt fill 156 mm only 0.25 pt apart less (see `_paragraph`).
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(BODY_CHAR_SPACING_TWIPS))
        rpr.insert_element_before(spacing, *RPR_AFTER_SPACING)


def _paragraph(
    doc,
    text: str,
    *,
    font=BODY_FONT,
    size=BODY_PT,
    align=None,
    indent=True,
    bold=False,
    colour="",
    right_chars: float = 0,
):
    line_pitch, _ = grid()
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(line_pitch / 20)
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    if right_chars:
        fmt.right_indent = Pt(size * right_chars)
    _off_grid(paragraph)
    if text:
        set_font(paragraph.add_run(_clean(text)), font, size, bold=bold, colour=colour)
    return paragraph


def _off_grid(paragraph) -> None:
    """Not snapped to the character grid: LibreOffice gives a 16 pt character two 15.8 pt cells
    where Word squeezes it into one; condensed runs give 28 a line in both (tables likewise)."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *PPR_AFTER_SNAP)


def _bottom_rule(paragraph, colour: str = RED, eighths: int = 18) -> None:
    """A rule under the paragraph across the 版心 (the red separator)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(eighths)),
        ("w:space", "1"),
        ("w:color", colour),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *PPR_AFTER_BORDERS)


def _font_table(doc) -> None:
    """Declare every typeface with its fallback (w:altName) and the GB2312 character set."""
    fonts_part = None
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            fonts_part = rel.target_part
    if fonts_part is None:
        return
    from docx.oxml import parse_xml

    root = parse_xml(fonts_part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FALLBACKS.items():
        if name in existing:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_el = OxmlElement("w:altName")
        alt_el.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        family = OxmlElement("w:family")
        family.set(qn("w:val"), "modern" if name == H1_FONT else "roman")
        pitch = OxmlElement("w:pitch")
        pitch.set(qn("w:val"), "variable")
        for child in (alt_el, charset, family, pitch):
            font.append(child)
        root.append(font)
    from lxml import etree

    fonts_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.footer_distance = Mm(28) - Mm(7)  # 页码 7 mm below the 版心's last line
    line_pitch, char_space = grid()
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    doc_grid = OxmlElement("w:docGrid")
    doc_grid.set(qn("w:type"), "linesAndChars")
    doc_grid.set(qn("w:linePitch"), str(line_pitch))
    doc_grid.set(qn("w:charSpace"), str(char_space))
    sect.append(doc_grid)
    _page_numbers(section)


def _page_numbers(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    run = paragraph.add_run()
    set_font(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)


def _table(doc, table: Table) -> None:
    _paragraph(
        doc, table.caption, font=H1_FONT, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
    )
    grid_table = doc.add_table(rows=1, cols=len(table.headers))
    grid_table.style = "Table Grid"
    for cell, header in zip(grid_table.rows[0].cells, table.headers, strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _off_grid(cell.paragraphs[0])
        set_font(cell.paragraphs[0].add_run(_clean(header)), H1_FONT, 12)
    for row in table.rows:
        cells = grid_table.add_row().cells
        for i, (cell, value) in enumerate(zip(cells, row, strict=True)):
            _off_grid(cell.paragraphs[0])
            set_font(cell.paragraphs[0].add_run(_clean(str(value))), BODY_FONT, 12)
            if i in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def render_official_docx(document: Document) -> bytes:
    """The document as GB/T 9704-2012 lays out an office document (see the module docstring)."""
    doc = new_document(font=BODY_FONT, size=BODY_PT)
    _page_setup(doc)
    _font_table(doc)
    doc.core_properties.title = document.title
    doc.core_properties.author = document.issuer
    if document.masthead:
        mark = _paragraph(
            doc,
            document.masthead,
            font=TITLE_FONT,
            size=26,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            indent=False,
            colour=RED,
        )
        if not document.number:
            _bottom_rule(mark)
    if document.number:
        number = _paragraph(doc, document.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        _bottom_rule(number)
    _paragraph(doc, "", indent=False)
    _paragraph(
        doc,
        document.title,
        font=TITLE_FONT,
        size=TITLE_PT,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        indent=False,
    )
    _paragraph(doc, "", indent=False)
    for part in document.sections:
        if part.heading:
            font = H2_FONT if part.level >= 2 else H1_FONT
            _paragraph(doc, part.heading, font=font)
        for text in part.paragraphs:
            _paragraph(doc, text)
        for table in part.tables:
            _table(doc, table)
    for text in document.closing:
        _paragraph(doc, text)
    _paragraph(doc, "", indent=False)
    # 成文日期右空四字; the office centred over the date (GB/T 9704 §7.3.5.2).
    offset = 4 + max(0.0, (len(document.date) - len(document.issuer)) / 2)
    _paragraph(
        doc, document.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=offset
    )
    _paragraph(doc, document.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_chars=4)
    return to_bytes(doc)
