"""A small, fast .xlsx writer for plain tables (the report's Excel appendix).

Why not xlsxwriter or openpyxl: the appendix holds every referral of the
year, tens of thousands of rows at regional scale, and those libraries
spend 3-5 µs per cell on checks and dispatch this program does not need,
which alone would double the run time of ``lav``. A table of strings,
numbers and dates is a few kilobytes of fixed XML plus one ``<row>`` per
record; texts repeat (recipients, types, topics), so each distinct text is
escaped once. The result is checked in the tests by openpyxl, calamine
and LibreOffice.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from .control_characters import without_control_characters
from .problems import column_letter

EXCEL_EPOCH = date(1899, 12, 30)
# cellXfs below: 0 plain, 1 header, 2 date, 3 whole number, 4 one decimal
HEADER, DATE, WHOLE, DECIMAL = 1, 2, 3, 4
FORMATS = {"dato": DATE, "heltal": WHOLE, "decimal": DECIMAL}
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Table:
    """One sheet: a header row, then rows of str, int, float, Decimal, date or None."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[object]]
    widths: Sequence[int] = ()
    formats: Sequence[str | None] = ()  # per column: "dato", "heltal", "decimal" or None


class _Cells:
    """Turns values into ``<c>`` elements, escaping each distinct text once."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def text(self, value: str) -> str:
        done = self.texts.get(value)
        if done is None:
            clean = escape(without_control_characters(value))
            done = f'" t="inlineStr"><is><t xml:space="preserve">{clean}</t></is></c>'
            self.texts[value] = done
        return done

    def cell(self, ref: str, value: object, style: int) -> str:
        kind = value.__class__
        if kind is str:
            return f'<c r="{ref}' + (f'" s="{style}' if style else "") + self.text(value)
        if kind is date or kind is datetime:
            serial = (value - (EXCEL_EPOCH if kind is date else datetime(1899, 12, 30))).days
            return f'<c r="{ref}" s="{style or DATE}"><v>{serial}</v></c>'
        if kind is bool:
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if kind is Decimal:
            value = float(value)
        return f'<c r="{ref}" s="{style}"><v>{value!r}</v></c>'


def _sheet_xml(table: Table, cells: _Cells) -> str:
    width = len(table.headers)
    letters = [column_letter(i) for i in range(width)]
    styles = [FORMATS.get(f or "", 0) for f in table.formats] + [0] * width
    parts = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NS}" '
        f'xmlns:r="{NS_R}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
        'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
    ]
    if table.widths:
        parts.append(
            "<cols>"
            + "".join(
                f'<col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                for i, w in enumerate(table.widths)
            )
            + "</cols>"
        )
    parts.append('<sheetData><row r="1">')
    parts += [cells.cell(f"{letters[i]}1", h, HEADER) for i, h in enumerate(table.headers)]
    parts.append("</row>")
    number = 1
    for number, row in enumerate(table.rows, start=2):
        parts.append(f'<row r="{number}">')
        parts += [
            cells.cell(f"{letters[i]}{number}", value, styles[i])
            for i, value in enumerate(row)
            if value is not None and value != ""
        ]
        parts.append("</row>")
    parts.append(f'</sheetData><autoFilter ref="A1:{letters[-1]}{number}"/></worksheet>')
    return "".join(parts)


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="{NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\-mm\\-yyyy"/>\
<numFmt numFmtId="165" formatCode="#,##0.0"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"""


def _package(tables: Sequence[Table], title: str) -> dict[str, str]:
    count = len(tables)
    sheets = "".join(
        f'<sheet name="{escape(t.title[:31])}" sheetId="{i}" r:id="rId{i}"/>'
        for i, t in enumerate(tables, start=1)
    )
    names = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"'{escape(t.title[:31])}'!$A$1:${column_letter(len(t.headers) - 1)}$1"
        "</definedName>"
        for i, t in enumerate(tables)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{NS_R}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="'
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet"
        '+xml"/>'
        for i in range(1, count + 1)
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    pkg = "http://schemas.openxmlformats.org/package/2006"
    return {
        "[Content_Types].xml": f'{head}<Types xmlns="{pkg}/content-types"><Default '
        'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
        'sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps'
        '/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f"{overrides}</Types>",
        "_rels/.rels": f'{head}<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
        f'Type="{NS_R}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" '
        f'Type="{pkg}/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        "</Relationships>",
        "docProps/core.xml": f'{head}<cp:coreProperties xmlns:cp="{pkg}/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>'
        f"{escape(title)}</dc:title></cp:coreProperties>",
        "xl/workbook.xml": f'{head}<workbook xmlns="{NS}" xmlns:r="{NS_R}"><sheets>{sheets}'
        f"</sheets><definedNames>{names}</definedNames></workbook>",
        "xl/_rels/workbook.xml.rels": f'{head}<Relationships xmlns="{pkg}/relationships">{rels}'
        f'<Relationship Id="rId{count + 1}" Type="{NS_R}/styles" Target="styles.xml"/>'
        "</Relationships>",
        "xl/styles.xml": STYLES,
    }


def write_tables(path: Path, tables: Sequence[Table], title: str = "") -> None:
    """Write ``tables`` as the sheets of a new .xlsx at ``path``."""
    cells = _Cells()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _package(tables, title).items():
            archive.writestr(name, text)
        for number, table in enumerate(tables, start=1):
            archive.writestr(
                f"xl/worksheets/sheet{number}.xml", _sheet_xml(table, cells).encode("utf-8")
            )
