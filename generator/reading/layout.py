"""How a source sheet looks: column widths, number formats and frozen panes.

Only the error report needs this: its copies of the faulty sheets should read
like the author's own workbook (a date shown as 31-01-2024, not as "###" in a
too-narrow column). The values come from calamine, which knows nothing of
looks, so the sheet XML and the workbook's styles are scanned here, once per
copied sheet, after the container has been checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET

from .container import UnsafeWorkbook, inspect, named, read_part

STYLES_TYPE = "/styles"
GENERAL = "General"
# Excel's built-in number formats that the copies can meet (the others are
# shown as General, which at worst looks plain). 14 is the locale's short date.
BUILTIN_FORMATS = {
    0: GENERAL,
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    14: "mm-dd-yy",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    20: "h:mm",
    22: "m/d/yy h:mm",
    49: "@",
}
COL = re.compile(rb"<col\b[^>]*>")
ATTRIBUTE = re.compile(rb'\b(\w+)="([^"]*)"')
PANE = re.compile(rb"<pane\b[^>]*>")
# A cell tag with a style: Excel, LibreOffice and openpyxl all write r before s.
STYLED_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?\bs="(\d+)"')


@dataclass
class SheetLayout:
    """A sheet's looks: widths by 1-based column, formats by cell (General left out)."""

    widths: dict[int, float] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column)
    frozen: str | None = None  # the first scrolling cell, e.g. "A2"


def read_layouts(path: Path, display: str, sheets: list[str]) -> dict[str, SheetLayout]:
    """The layout of each of ``sheets`` found in the workbook at ``path``, by sheet name.

    A workbook that cannot be read again gives no layouts: the copies then
    simply look plain.
    """
    try:
        container = inspect(path, display)
        formats = _cell_formats(path, display)
        return {
            name: _layout(read_part(path, container.sheet_parts[name], display), formats)
            for name in sheets
            if name in container.sheet_parts
        }
    except (UnsafeWorkbook, SafeET.ParseError, KeyError, ValueError):
        return {}


def _cell_formats(path: Path, display: str) -> list[str]:
    """The number format of each cell style (``s="N"`` in the sheet XML), in order."""
    rels = SafeET.fromstring(read_part(path, "xl/_rels/workbook.xml.rels", display))
    target = next(
        (
            rel.get("Target", "")
            for rel in named(rels, "Relationship")
            if rel.get("Type", "").endswith(STYLES_TYPE)
        ),
        None,
    )
    if target is None:
        return []
    part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    styles = SafeET.fromstring(read_part(path, part, display))
    custom = {
        int(fmt.get("numFmtId", "0")): fmt.get("formatCode", GENERAL)
        for fmt in named(styles, "numFmt")
    }
    # By local names, so Strict and prefixed workbooks keep their looks too.
    cell_xfs = next(named(styles, "cellXfs"), None)
    if cell_xfs is None:
        return []
    codes = []
    for xf in named(cell_xfs, "xf"):
        number = int(xf.get("numFmtId", "0"))
        codes.append(custom.get(number) or BUILTIN_FORMATS.get(number, GENERAL))
    return codes


def _layout(xml: bytes, formats: list[str]) -> SheetLayout:
    data_at = xml.find(b"<sheetData")
    head = xml[: data_at if data_at != -1 else len(xml)]
    layout = SheetLayout()
    for match in COL.finditer(head):
        attributes: dict[bytes, bytes] = dict(ATTRIBUTE.findall(match.group(0)))
        if b"width" in attributes and b"min" in attributes:
            first = int(attributes[b"min"])
            last = int(attributes.get(b"max", attributes[b"min"]))
            for column in range(first, min(last, first + 200) + 1):  # a whole-row range is
                layout.widths[column] = float(attributes[b"width"])  # capped, not 16,384 wide
    pane = PANE.search(head)
    if pane:
        attributes = dict(ATTRIBUTE.findall(pane.group(0)))
        if attributes.get(b"state", b"").startswith(b"frozen") and b"topLeftCell" in attributes:
            layout.frozen = attributes[b"topLeftCell"].decode()
    if data_at != -1 and formats:
        layout.formats = _formats(xml, data_at, formats)
    return layout


def _formats(xml: bytes, start: int, formats: list[str]) -> dict[tuple[int, int], str]:
    """The non-General number format of each styled cell, by 1-based (row, column)."""
    found: dict[tuple[int, int], str] = {}
    columns: dict[bytes, int] = {}
    for match in STYLED_CELL.finditer(xml, start):
        letters, row, index = match.group(1), match.group(2), int(match.group(3))
        code = formats[index] if index < len(formats) else GENERAL
        if code != GENERAL:
            if letters not in columns:
                columns[letters] = column_number(letters.decode())
            found[(int(row), columns[letters])] = code
    return found


def column_number(letters: str) -> int:
    """'A' → 1, 'AB' → 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
