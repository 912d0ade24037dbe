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
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, cast
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
import python_calamine
from defusedxml import DTDForbidden, EntitiesForbidden

from ..core import wording
from ..core.problems import Code, Problem, cell_name, cell_position, error
from ..core.schema import normalize_header
from .container import UnsafeWorkbook, _dangerous, broken_file, inspect, read_part, utf8_copy
from .xmltext import plain_xml, xml_encoding

# The fast scan's patterns, for a sheet proven to be spelled as Excel spells it
# (``_canonical``): every attribute ` name="value"`, r the first attribute of
# every row and cell, no entity inside a tag, no prefixed cell or row.
HIDDEN_ROW = re.compile(rb'<row r="(\d+)"[^>]* hidden=" *(?:1|true) *"')
ERROR_CELL = re.compile(rb'<c r="([A-Za-z]+\d+)"[^>]* t="e"[^>/]*>')
VALUE_TEXT = re.compile(rb"<v(?: [^>]*)?>([^<]*)</v>")
COL = re.compile(rb"<col\b[^>]*>")
ATTRIBUTE = re.compile(rb'\b(min|max|hidden)="([^"]*)"')
CELL_REF = re.compile(rb'\br="([A-Za-z]+\d+)"')
FORMULA = re.compile(rb"<f[\s>/]")
VALUE = re.compile(rb"<v(?: [^>]*)?>([^<]*)</v>|<v(?: [^>]*)?/>")
# A tag the patterns above would misread: a character no Excel tag holds (an
# entity, a single quote, a tab or line break), a space before or after "=", a
# quoted value holding < > or &, or one not followed by a space, / or >. Text
# cannot hold "<", so each match starts at a real tag.
ODD_TAG = re.compile(
    rb"<[^>\"&'\t\n\r=]*+"
    rb"(?:(?<! )=\"[^\"&'\t\n\r<>]*+\"(?=[ />])[^>\"&'\t\n\r=]*+)*+[^>]"
)
# A row or cell whose first attribute is not r: the patterns need r first.
R_NOT_FIRST = re.compile(rb'<(?:c|row)(?! r=")[ >/]')
# A prefixed element the cell reader would take for a sheet element by its local name.
PREFIXED = re.compile(rb":(?:c|row|col|cols|v|f|is|sheetData)[\s/>]")
# The grid calamine builds, A1 to the farthest value. 200,000 referrals of
# nine columns are 1.8 million cells; this leaves room and bounds the memory.
MAX_CELLS = 6_500_000
MAX_COLUMNS = 16_384  # XFD, Excel's last column
# A reference that could take the grid past MAX_CELLS: two or more letters, or
# a row of 250,000 or more (26 columns × 249,999 rows stay below the limit).
FAR_REF = re.compile(rb' r="(?:[A-Za-z]{2}|[A-Za-z]?(?:\d{7}|[3-9]\d{5}"|2[5-9]\d{4}"))')
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
    # normalized name -> the sheets Excel would take for one (case and spaces
    # aside); none of them is read, for either may be the one the author means
    clashes: dict[str, list[str]] = field(default_factory=dict)


def load(path: Path, display: str, wanted: list[str]) -> WorkbookData:
    """Read the ``wanted`` sheets that exist from a checked .xlsx.

    Sheet names match like headers (case and spaces aside); the result is
    keyed by the normalized name. Two sheets that match one wanted name are
    both left unread and listed in ``clashes``.

    Raises ``UnsafeWorkbook`` when the file cannot be read safely.
    """
    container = inspect(path, display)
    wanted_names = {normalize_header(name) for name in wanted}
    by_key: dict[str, list[str]] = {}
    for name in container.sheet_parts:
        if normalize_header(name) in wanted_names:
            by_key.setdefault(normalize_header(name), []).append(name)
    clashes = {key: names for key, names in by_key.items() if len(names) > 1}
    present = [names[0] for names in by_key.values() if len(names) == 1]
    structure = {
        name: _scan(read_part(path, container.sheet_parts[name], display), display, name)
        for name in present
    }
    if container.foreign_encoding or not all(s.utf8 for s in structure.values()):
        from ..core.scratch import scratch

        with scratch() as folder:
            copy = utf8_copy(path, folder / "utf8.xlsx", display)
            sheets = _values(copy, display, present, structure)
    else:
        sheets = _values(path, display, present, structure)
    return WorkbookData(display, list(container.sheet_parts), sheets, clashes)


def _values(
    path: Path, display: str, present: list[str], structure: dict[str, Structure]
) -> dict[str, SheetData]:
    try:
        workbook = _open(path)
        sheets = {}
        for name in present:
            sheet = workbook.get_sheet_by_name(name)
            hidden, uncached, error_values, hidden_columns, _ = structure[name]
            # skip_empty_area=False keeps the grid anchored at A1, so index (r, c)
            # is cell r+1 of column c: the cell references stay exact.
            grid = cast("list[list[object]]", sheet.to_python(skip_empty_area=False))
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


def _open(path: Path) -> python_calamine.CalamineWorkbook:
    """calamine opens a path only when it is valid Unicode: a folder name of other
    bytes (possible on Linux) is read through a Python file object instead."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        with path.open("rb") as stream:
            return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(stream.read()))
    return python_calamine.CalamineWorkbook.from_path(str(path))


def _merged(start: tuple[int, int], end: tuple[int, int]) -> tuple[str, int, int, int, int]:
    top, left = start
    bottom, right = end
    return f"{cell_name(top, left)}:{cell_name(bottom, right)}", top, left, bottom, right


def _scan(xml: bytes, display: str, sheet: str) -> Structure:
    """The structure of one sheet: by byte patterns when the part is proven to be
    spelled as Excel writes it and its extent is sane, else by a real parse
    (which also finds the far cell, however its reference is written)."""
    region = _canonical(xml) if plain_xml(xml) else None
    if region is not None and FAR_REF.search(xml, *region) is None:
        return _byte_scan(xml, region, display, sheet)
    structure, far = _parsed_scan(xml, display, sheet)
    if far is not None:
        raise UnsafeWorkbook(_too_large(display, sheet, far))
    return structure


def _canonical(xml: bytes) -> tuple[int, int] | None:
    """Where the columns and cells stand (from ``<cols>`` to ``</sheetData>``), but
    only when the byte patterns read them as an XML parser would; else None.

    SpreadsheetML may legally be written in many ways the patterns do not know:
    attributes in single quotes, in any order, separated by tabs or line
    breaks, with spaces around "=", with entities in their values; cells and
    rows without an r attribute; prefixed elements; comments, CDATA. Each is
    searched for here, in C (a few byte searches and three regexes); any of them
    sends the part to the real parser. Excel, LibreOffice, openpyxl and
    XlsxWriter write none of them.
    """
    begin, end = xml.find(b"<sheetData"), xml.find(b"</sheetData>")
    if begin == -1 or end == -1 or xml.count(b"<sheetData") != 1:
        return None
    first = xml.find(b"<cols")
    begin = first if first != -1 and first < begin else begin
    if xml.find(b"<!", begin, end) != -1 or xml.find(b"<?", begin, end) != -1:
        return None
    for pattern in (PREFIXED, ODD_TAG, R_NOT_FIRST):
        if pattern.search(xml, begin, end):
            return None
    return begin, end


def _byte_scan(xml: bytes, region: tuple[int, int], display: str, sheet: str) -> Structure:
    """What the values alone do not show, within ``region``. Each search runs
    only when a quick byte search says the part has that feature at all."""
    begin, stop = region
    hidden = set()
    if xml.find(b' hidden="', begin, stop) != -1:
        hidden = {int(m.group(1)) for m in HIDDEN_ROW.finditer(xml, begin, stop)}
    errors = {}
    if xml.find(b' t="e"', begin, stop) != -1:
        for m in ERROR_CELL.finditer(xml, begin, stop):
            end = xml.find(b"</c>", m.end(), stop)
            value = VALUE_TEXT.search(xml, m.end(), end) if end != -1 else None
            if value and value.group(1):
                errors[m.group(1).decode().upper()] = _unescaped(value.group(1))
    hidden_columns: set[int] = set()
    cols_end = xml.find(b"</cols>", begin, stop)
    for m in COL.finditer(xml, begin, max(cols_end, begin)):
        attributes = {k.decode(): v.decode() for k, v in ATTRIBUTE.findall(m.group(0))}
        _hidden_columns(attributes, hidden_columns, display, sheet)
    return Structure(hidden, _uncached_formulas(xml, begin, stop), errors, hidden_columns)


def _unescaped(text: bytes) -> str:
    from xml.sax.saxutils import unescape

    return unescape(text.decode(), {"&quot;": '"', "&apos;": "'"})


def _hidden_columns(
    attributes: Mapping[str, str], found: set[int], display: str, sheet: str
) -> None:
    """Add the 0-based columns a hidden ``<col>`` covers; a range Excel would not
    write (min or max missing, not a number, outside A–XFD) is a broken file."""
    if (attributes.get("hidden") or "").strip() not in TRUE:
        return
    try:
        first, last = int(attributes["min"]), int(attributes["max"])
    except (KeyError, ValueError) as exc:
        raise UnsafeWorkbook(_bad_columns(display, sheet)) from exc
    if not 1 <= first <= last <= MAX_COLUMNS:
        raise UnsafeWorkbook(_bad_columns(display, sheet))
    found.update(range(first - 1, last))


def _bad_columns(display: str, sheet: str) -> Problem:
    return error(
        display,
        sheet,
        None,
        Code.BROKEN_FILE,
        f"{display} kan ikke læses: arket '{sheet}' har skjulte kolonner, hvis "
        "placering ikke kan læses (filen er ikke gemt af Excel). Åbn den i Excel, "
        "vis alle kolonner og gem den igen.",
    )


def _parsed_scan(xml: bytes, display: str, sheet: str) -> tuple[Structure, str | None]:
    """The same structure from a real XML parse, by local names, in any encoding;
    and the farthest value's cell when the grid up to it would be too large.

    A row or cell without an r attribute stands where a reader puts it: right
    after the one before it.
    """
    structure = Structure(set(), set(), {}, set(), utf8=xml_encoding(xml) is None)
    rows = columns = 0
    far, far_size = None, 0
    row_number, column = 0, -1  # 1-based row; 0-based column of the last cell
    try:
        for event, element in SafeET.iterparse(io.BytesIO(xml), ("start", "end"), forbid_dtd=True):
            local = element.tag.rpartition("}")[2]
            if event == "start":
                if local == "row":
                    row_number, column = _row_start(element, row_number, structure), -1
                continue
            if local == "c":
                ref = (element.get("r") or "").strip().upper()
                if ref:
                    at_row, column = cell_position(ref)
                else:
                    at_row, column = row_number - 1, column + 1
                ref = cell_name(at_row, column)
                if _cell(element, ref, structure):
                    rows, columns = max(rows, at_row + 1), max(columns, column + 1)
                    if (at_row + 1) * (column + 1) > far_size:
                        far, far_size = ref, (at_row + 1) * (column + 1)
                element.clear()
            elif local == "row":
                element.clear()
            elif local == "col":
                attributes = {key.rpartition("}")[2]: value for key, value in element.items()}
                _hidden_columns(attributes, structure.hidden_columns, display, sheet)
    except (DTDForbidden, EntitiesForbidden) as exc:
        raise UnsafeWorkbook(_dangerous(display)) from exc
    except (SafeET.ParseError, ValueError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    return structure, (far if rows * columns > MAX_CELLS else None)


def _row_start(element: Element, before: int, structure: Structure) -> int:
    """The 1-based number of the row ``element`` opens; noted if hidden."""
    given = (element.get("r") or "").strip()
    number = int(given) if given else before + 1
    if (element.get("hidden") or "").strip() in TRUE:
        structure.hidden_rows.add(number)
    return number


def _cell(element: Element, ref: str, structure: Structure) -> bool:
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
        f"læses som {wording.number(row + 1)} rækker × {wording.number(column + 1)} "
        f"kolonner. Slet indholdet af {cell} (og andre celler langt fra dataene) "
        "i Excel, og gem igen.",
    )


def _uncached_formulas(xml: bytes, data_start: int, data_end: int) -> set[str]:
    """A1 names of formula cells that carry no computed value.

    Formulas are rare in these logs, so we jump from one ``<f`` to the next
    instead of parsing every cell.
    """
    found: set[str] = set()
    search_from = data_start
    while match := FORMULA.search(xml, search_from, data_end):
        start = xml.rfind(b"<c ", 0, match.start())
        end = xml.find(b"</c>", match.start(), data_end)
        if start == -1 or end == -1:
            break
        cell = xml[start:end]
        tag_end = cell.find(b">")
        is_string = b' t="str"' in cell[:tag_end]
        value = VALUE.search(cell)
        if value is None or (not (value.group(1) or b"").strip() and not is_string):
            ref = CELL_REF.search(cell[:tag_end])
            if ref:
                found.add(ref.group(1).decode().upper())
        search_from = end
    return found
