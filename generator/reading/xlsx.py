"""Load the sheets of one .xlsx: cell values from calamine, structure from the XML.

python-calamine reads values fast (a Rust parser) but says nothing about
hidden rows or formulas, so one quick scan of each sheet's XML finds what the
checks need beyond values: hidden rows, and formulas without a cached value.
A formula cell stores both the formula and the value Excel last computed;
a file written by a program that never calculated it has no value, and
reading it would silently give a blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine

from ..problems import cell_name
from ..schema import normalize_header
from .container import UnsafeWorkbook, _corrupt, inspect, read_part

HIDDEN_ROW = re.compile(
    rb'<row\b[^>]*?\br="(\d+)"[^>]*?\bhidden="(?:1|true)"|'
    rb'<row\b[^>]*?\bhidden="(?:1|true)"[^>]*?\br="(\d+)"'
)
ERROR_CELL = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]+\d+)"[^>]*?\bt="e"[^>]*>(?:<f[^<]*(?:</f>)?)?'
    rb"\s*<v>([^<]*)</v>"
)
COL = re.compile(rb"<col\b[^>]*>")
ATTRIBUTE = re.compile(rb'\b(min|max|hidden)="([^"]*)"')
CELL_REF = re.compile(rb'\br="([A-Z]+\d+)"')
FORMULA = re.compile(rb"<f[\s>/]")
VALUE = re.compile(rb"<v>([^<]*)</v>")


@dataclass
class SheetData:
    """One sheet as read: a 0-based grid of raw values from A1, and its structure."""

    name: str
    grid: list[list[object]]
    hidden_rows: set[int] = field(default_factory=set)  # 1-based row numbers
    uncached: set[str] = field(default_factory=set)  # A1 names of formulas without a value
    error_values: dict[str, str] = field(default_factory=dict)  # A1 name -> '#N/A' etc.
    hidden_columns: set[int] = field(default_factory=set)  # 0-based
    merged: list[tuple[str, int, int, int, int]] = field(default_factory=list)


@dataclass
class WorkbookData:
    display: str
    sheet_names: list[str]
    sheets: dict[str, SheetData]


def load(path: Path, display: str, wanted: list[str]) -> WorkbookData:
    """Read the ``wanted`` sheets that exist from a checked .xlsx.

    Sheet names match like headers (case and spaces aside); the result is
    keyed by the normalized name.

    Raises ``UnsafeWorkbook`` when the file cannot be read safely.
    """
    container = inspect(path, display)
    wanted_names = {normalize_header(name) for name in wanted}
    present = [name for name in container.sheet_parts if normalize_header(name) in wanted_names]
    structure = {
        name: _scan(read_part(path, container.sheet_parts[name], display)) for name in present
    }
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = {}
        for name in present:
            sheet = workbook.get_sheet_by_name(name)
            hidden, uncached, error_values, hidden_columns = structure[name]
            # skip_empty_area=False keeps the grid anchored at A1, so index (r, c)
            # is cell r+1 of column c: the cell references stay exact.
            grid = sheet.to_python(skip_empty_area=False)
            merged = [_merged(start, end) for start, end in sheet.merged_cell_ranges or []]
            sheets[normalize_header(name)] = SheetData(
                name,
                grid,
                hidden_rows=hidden,
                uncached=uncached,
                error_values=error_values,
                hidden_columns=hidden_columns,
                merged=merged,
            )
        workbook.close()
    except python_calamine.PasswordError as exc:
        raise UnsafeWorkbook(_corrupt(display, exc)) from exc
    except (python_calamine.CalamineError, ValueError) as exc:
        raise UnsafeWorkbook(_corrupt(display, exc)) from exc
    return WorkbookData(display, list(container.sheet_parts), sheets)


def _merged(start: tuple[int, int], end: tuple[int, int]) -> tuple[str, int, int, int, int]:
    top, left = start
    bottom, right = end
    return f"{cell_name(top, left)}:{cell_name(bottom, right)}", top, left, bottom, right


def _scan(xml: bytes) -> tuple[set[int], set[str], dict[str, str], set[int]]:
    """What the values alone do not show. Each search runs only when a quick
    byte search says the file has that feature at all."""
    hidden = set()
    if b'hidden="' in xml:
        hidden = {int(m.group(1) or m.group(2)) for m in HIDDEN_ROW.finditer(xml)}
    errors = {}
    if b't="e"' in xml:
        errors = {m.group(1).decode(): m.group(2).decode() for m in ERROR_CELL.finditer(xml)}
    hidden_columns: set[int] = set()
    cols_end = xml.find(b"</cols>")
    for m in COL.finditer(xml, 0, max(cols_end, 0)):
        attributes = dict(ATTRIBUTE.findall(m.group(0)))
        if attributes.get(b"hidden") in (b"1", b"true"):
            hidden_columns.update(range(int(attributes[b"min"]) - 1, int(attributes[b"max"])))
    return hidden, _uncached_formulas(xml), errors, hidden_columns


def _uncached_formulas(xml: bytes) -> set[str]:
    """A1 names of formula cells that carry no computed value.

    Formulas are rare in these logs, so we jump from one ``<f`` to the next
    instead of parsing every cell.
    """
    found: set[str] = set()
    data_start = max(xml.find(b"<sheetData"), 0)
    data_end = xml.find(b"</sheetData>")
    data_end = len(xml) if data_end == -1 else data_end
    search_from = data_start
    while match := FORMULA.search(xml, search_from, data_end):
        start = xml.rfind(b"<c ", 0, match.start())
        end = xml.find(b"</c>", match.start(), data_end)
        if start == -1 or end == -1:
            break
        cell = xml[start:end]
        tag_end = cell.find(b">")
        is_string = b't="str"' in cell[:tag_end]
        value = VALUE.search(cell)
        if value is None or (not value.group(1).strip() and not is_string):
            ref = CELL_REF.search(cell[:tag_end])
            if ref:
                found.add(ref.group(1).decode())
        search_from = end
    return found
