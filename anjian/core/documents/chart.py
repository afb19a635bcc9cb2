"""A native Word (DrawingML) column chart, with its data embedded as an Excel workbook.

Word draws the chart itself, with its own fonts, so Chinese labels render on any machine and
the office can edit the data ("编辑数据") like any chart made in Word. No image library needed.
"""

import io
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from anjian.core.documents.document import BarChart
from anjian.core.excel import append_row

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NS = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
COLOURS = ["A5A5A5", "C00000", "2F5597", "ED7D31"]
EMU_PER_CM = 360000


def _workbook(chart: BarChart) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    append_row(sheet, ["", *[name for name, _values in chart.series]])
    for i, category in enumerate(chart.categories):
        append_row(sheet, [category, *[values[i] if i < len(values) else None
                                  for _name, values in chart.series]])
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _series(index: int, name: str, values: list[int], chart: BarChart) -> str:
    col = get_column_letter(index + 2)
    last = len(chart.categories) + 1
    cats = "".join(f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>'
                   for i, c in enumerate(chart.categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f'<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{escape(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{COLOURS[index % len(COLOURS)]}"/></a:solidFill>'
        f'</c:spPr><c:invertIfNegative val="0"/>'
        '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache>'
        f'<c:ptCount val="{len(chart.categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${last}</c:f><c:numCache>'
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{len(chart.categories)}"/>{vals}'
        '</c:numCache></c:numRef></c:val></c:ser>'
    )


def chart_xml(chart: BarChart, workbook_rid: str) -> bytes:
    series = "".join(_series(i, name, values, chart)
                     for i, (name, values) in enumerate(chart.series))
    title = escape(chart.title)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<c:chartSpace {NS}><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>'
        '<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>'
        f'<a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>{title}</a:t></a:r></a:p></c:rich>'
        '</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{series}<c:gapWidth val="80"/>'
        '<c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
        '<c:numFmt formatCode="0" sourceLinked="0"/><c:tickLblPos val="nextTo"/>'
        '<c:crossAx val="50010001"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900">'
        '<a:latin typeface="宋体"/><a:ea typeface="宋体"/></a:defRPr></a:pPr>'
        '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
        f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>'
        '</c:chartSpace>'
    )
    return xml.encode("utf-8")


def add_chart(document, paragraph, chart: BarChart, *, number: int, width_cm: float = 15.5,
              height_cm: float = 8.0) -> None:
    """Append `chart` as an inline native chart to `paragraph` of a python-docx document."""
    package = document.part.package
    chart_part = Part(PackURI(f"/word/charts/chart{number}.xml"), CHART_CT, b"", package)
    book_part = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
                     XLSX_CT, _workbook(chart), package)
    book_rid = chart_part.relate_to(book_part, RT.PACKAGE)
    chart_part._blob = chart_xml(chart, book_rid)
    chart_rid = document.part.relate_to(chart_part, RT.CHART)
    cx, cy = int(width_cm * EMU_PER_CM), int(height_cm * EMU_PER_CM)
    drawing = parse_xml(
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + number}" name="Chart {number}" descr="{escape(chart.title)}"/>'
        '<wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing>'
    )
    paragraph.add_run()._r.append(drawing)
