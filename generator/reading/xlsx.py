"""Load the sheets of one .xlsx: cell values from calamine, structure from the XML.

python-calamine reads values fast (a Rust parser) but says nothing about
hidden rows or formulas, so one quick scan of each sheet's XML finds what the
checks need beyond values: hidden rows, and formulas without a cached value.
A formula cell stores both the formula and the value Excel last computed;
a file written by a program that never calculated it has no value, and
reading it would silently give a blank.

The byte scan is trusted only for plain parts (UTF-8, the main namespace as
the default); a prefixed or differently encoded sheet is parsed for real.
Before calamine reads a sheet its extent is checked: calamine builds the
whole rectangle from A1 to the farthest value, so one value at XFD1048576
would ask for half a terabyte and abort the process.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import defusedxml.ElementTree as SafeET
import python_calamine

from ..problems import Code, Problem, cell_name, cell_position, danish_number, error
from ..schema import normalize_header
from .container import UnsafeWorkbook, _dangerous, broken_file, inspect, read_part, utf8_copy
from .xmltext import plain_xml, xml_encoding

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
# The grid calamine builds, A1 to the farthest value. 200,000 referrals of
# nine columns are 1.8 million cells; this leaves room and bounds the memory.
MAX_CELLS = 6_500_000
# A reference that could take the grid past MAX_CELLS: two or more letters, or
# a row of 250,000 or more (26 columns × 249,999 rows stay below the limit).
FAR_REF = re.compile(rb' r="(?:[A-Z]{2}|[A-Z]?(?:\d{7}|[3-9]\d{5}"|2[5-9]\d{4}"))')
TRUE = ("1", "true")


class Structure(NamedTuple):
    """What a sheet's XML says beyond its values."""

    hidden_rows: set[int]
    uncached: set[str]
    error_values: dict[str, str]
    hidden_columns: set[int]
    utf8: bool = True


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
        name: _scan(read_part(path, container.sheet_parts[name], display), display, name)
        for name in present
    }
    if container.foreign_encoding or not all(s.utf8 for s in structure.values()):
        from ..output import scratch

        with scratch() as folder:
            copy = utf8_copy(path, folder / "utf8.xlsx", display)
            sheets = _values(copy, display, present, structure)
    else:
        sheets = _values(path, display, present, structure)
    return WorkbookData(display, list(container.sheet_parts), sheets)


def _values(
    path: Path, display: str, present: list[str], structure: dict[str, Structure]
) -> dict[str, SheetData]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        sheets = {}
        for name in present:
            sheet = workbook.get_sheet_by_name(name)
            hidden, uncached, error_values, hidden_columns, _ = structure[name]
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
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    except (python_calamine.CalamineError, ValueError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    return sheets


def _merged(start: tuple[int, int], end: tuple[int, int]) -> tuple[str, int, int, int, int]:
    top, left = start
    bottom, right = end
    return f"{cell_name(top, left)}:{cell_name(bottom, right)}", top, left, bottom, right


def _scan(xml: bytes, display: str, sheet: str) -> Structure:
    """The structure of one sheet: by byte patterns when the part is plain and
    its extent is sane, else by a real parse (which also finds the far cell)."""
    if plain_xml(xml) and _surely_small(xml):
        return _byte_scan(xml)
    structure, far = _parsed_scan(xml, display)
    if far is not None:
        raise UnsafeWorkbook(_too_large(display, sheet, far))
    return structure


def _surely_small(xml: bytes) -> bool:
    """True when no row or cell reference can make the grid larger than
    MAX_CELLS: one-letter columns (at most 26) and rows below 250,000. One
    byte search; anything else is measured exactly by the real parse."""
    # FAR_REF expects a space before each attribute, as Excel writes them; a
    # reference after a tab or line break is measured by the real parse. Such
    # bytes are rare in sheet XML (a line break in a cell's text at most), so
    # each is looked at alone.
    data = max(xml.find(b"<sheetData"), 0)
    for separator in (b"\t", b"\n", b"\r"):
        at = xml.find(separator, data)
        while at != -1:
            if xml.startswith(b'r="', at + 1):
                return False
            at = xml.find(separator, at + 1)
    return FAR_REF.search(xml, data) is None


def _byte_scan(xml: bytes) -> Structure:
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
    return Structure(hidden, _uncached_formulas(xml), errors, hidden_columns)


def _parsed_scan(xml: bytes, display: str) -> tuple[Structure, str | None]:
    """The same structure from a real XML parse, by local names, in any encoding;
    and the farthest value's cell when the grid up to it would be too large."""
    structure = Structure(set(), set(), {}, set(), utf8=xml_encoding(xml) is None)
    rows = columns = 0
    far, far_size = None, 0
    try:
        for _, element in SafeET.iterparse(io.BytesIO(xml), ("end",), forbid_dtd=True):
            local = element.tag.rpartition("}")[2]
            if local == "c":
                ref = element.get("r")
                if ref and _cell(element, ref, structure):
                    row, column = cell_position(ref)
                    rows, columns = max(rows, row + 1), max(columns, column + 1)
                    if (row + 1) * (column + 1) > far_size:
                        far, far_size = ref, (row + 1) * (column + 1)
            elif local == "row":
                if element.get("hidden") in TRUE and (element.get("r") or "").isdigit():
                    structure.hidden_rows.add(int(element.get("r")))
                element.clear()
            elif local == "col" and element.get("hidden") in TRUE:
                first, last = int(element.get("min", "1")), int(element.get("max", "1"))
                structure.hidden_columns.update(range(first - 1, min(last, 16384)))
    except (SafeET.DTDForbidden, SafeET.EntitiesForbidden) as exc:
        raise UnsafeWorkbook(_dangerous(display)) from exc
    except (SafeET.ParseError, ValueError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    return structure, (far if rows * columns > MAX_CELLS else None)


def _cell(element, ref: str, structure: Structure) -> bool:
    """Record a cell's error value or uncached formula; say whether it holds a value."""
    children = {child.tag.rpartition("}")[2]: child for child in element}
    value = children.get("v")
    text = (value.text or "") if value is not None else None
    if element.get("t") == "e" and text:
        structure.error_values[ref] = text
    if "f" in children and (text is None or (not text.strip() and element.get("t") != "str")):
        structure.uncached.add(ref)
    return text is not None or "is" in children


def _too_large(display: str, sheet: str, cell: str) -> Problem:
    row, column = cell_position(cell)
    return error(
        display,
        sheet,
        cell,
        Code.SHEET_TOO_LARGE,
        f"Arket '{sheet}' har en værdi i celle {cell}, så langt ude, at arket skulle "
        f"læses som {danish_number(row + 1)} rækker × {danish_number(column + 1)} "
        f"kolonner. Slet indholdet af {cell} (og andre celler langt fra dataene) "
        "i Excel, og gem igen.",
    )


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
