"""Fejlrapport_ÅR.xlsx: the faulty sheets copied, each bad cell marked and explained.

The author fixes data in Excel, so the error report is Excel too, and reads
like the author's own workbook: a first sheet lists every problem with a link
to its cell (sized to its text and printing one page wide), and each sheet
that has a problem is copied (values only) with the source's column widths,
number formats and frozen header, errors filled red, warnings yellow and the
message as a comment on the cell. The input files are never written to.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.styles import Font

from ..core import wording
from ..core.control_characters import without_control_characters
from ..core.excel_text import print_one_page_wide, row_height
from ..core.problems import Level, Problem, capped, cell_position
from ..core.schema import SETTINGS_WIDTHS, WORKBOOKS, normalize_header
from ..reading import Inputs
from ..reading.layout import SheetLayout, read_layouts
from .folder import replace_file

RED, YELLOW, HEADER = "FFC7CE", "FFEB9C", "D9E1F2"
FILENAME = "Fejlrapport_{year}.xlsx"
MARKED_PER_CODE = 1000  # problems of one code marked and listed; the rest are counted
OVERVIEW = "Problemer"
OVERVIEW_HEADERS = ("Niveau", "Fil", "Ark", "Celle", "Kode", "Besked")
MAX_SHEET_NAME = 31
DATE_FORMAT = "DD-MM-YYYY"  # a date whose source format is unknown still fits its column
# The overview's columns fit their longest text between these widths (in
# characters); the message column is wide and wrapped.
MIN_WIDTH, MAX_WIDTH, MESSAGE_WIDTH = 8, 30, 80


def _sheet_title(file: str, sheet: str, used: set[str]) -> str:
    base = f"{Path(file).stem[:10]}-{sheet}"[:MAX_SHEET_NAME]
    title, counter = base, 2
    while title in used:
        title = f"{base[: MAX_SHEET_NAME - 3]}-{counter}"
        counter += 1
    used.add(title)
    return title


def write_error_report(
    inputs: Inputs, problems: Sequence[Problem], output: Path, year: int
) -> Path | None:
    if not problems:
        return None
    target = output / FILENAME.format(year=year)
    # Replaced, never archived: an old error report describes data since corrected.
    return replace_file(target, lambda path: _write(inputs, problems, path))


def _write(inputs: Inputs, problems: Sequence[Problem], path: Path) -> None:
    """Streamed (openpyxl's write-only mode): a copy of a 100,000-row log costs
    little memory. Everything is known before the first row is written: the
    copies' titles for the overview's links, and the cells to mark."""
    from openpyxl import Workbook

    keys = list(
        dict.fromkeys(
            (p.file, p.sheet) for p in problems if p.sheet is not None and p.sheet in inputs.raw
        )
    )
    used = {OVERVIEW}
    titles = {key: _sheet_title(key[0], key[1], used) for key in keys}
    # A log of 200,000 rows may hold 178,000 likely duplicates: marking each one
    # (a fill, a comment, a linked row) would take many minutes and show nothing
    # the first thousand do not. The rest are counted (and 'tjek --json' lists them all).
    shown = list(capped(problems, MARKED_PER_CODE))
    problems = [problem for problem, _ in shown]
    unshown = [(problem, more) for problem, more in shown if more]
    workbook = Workbook(write_only=True)
    _write_overview(workbook.create_sheet(OVERVIEW), problems, titles, unshown)
    layouts = _layouts(inputs, keys)
    for key in keys:
        grid = inputs.raw[key[1]].grid
        _write_copy(
            workbook.create_sheet(titles[key]),
            grid,
            layouts.get(key, SheetLayout()),
            _schema_widths(key[1], grid),
            _marks(problems, key),
        )
    workbook.save(path)


def _layouts(inputs: Inputs, keys: list[tuple[str, str]]) -> dict[tuple[str, str], SheetLayout]:
    """The source layout of each (file, sheet) to copy, read once per workbook."""
    paths = {file.name: file.path for file in inputs.files}
    layouts: dict[tuple[str, str], SheetLayout] = {}
    for file in dict.fromkeys(file for file, _ in keys):
        if file not in paths:
            continue
        names = {sheet: inputs.raw[sheet].name for f, sheet in keys if f == file}
        found = read_layouts(paths[file], file, list(names.values()))
        for sheet, name in names.items():
            if name in found:
                layouts[(file, sheet)] = found[name]
    return layouts


def _schema_widths(sheet_name: str, grid: list[list[object]]) -> dict[int, float]:
    """The declared width of each column whose header the schema knows (a fallback)."""
    spec = next((s for w in WORKBOOKS for s in w.sheets if s.name == sheet_name), None)
    if spec is None:
        return {}
    if spec.layout == "settings":
        return dict(enumerate(SETTINGS_WIDTHS, start=1))
    declared = {normalize_header(column.header): column.width for column in spec.columns}
    headers = grid[0] if grid else []
    return {
        position: declared[normalize_header(header)]
        for position, header in enumerate(headers, start=1)
        if header is not None and normalize_header(header) in declared
    }


def _marks(
    problems: Sequence[Problem], key: tuple[str, str]
) -> dict[tuple[int, int], list[Problem]]:
    """The problems of one sheet by 1-based (row, column) of their cell."""
    marks: dict[tuple[int, int], list[Problem]] = {}
    for problem in problems:
        if problem.cell and (problem.file, problem.sheet) == key:
            row, column = cell_position(problem.cell)
            marks.setdefault((row + 1, column + 1), []).append(problem)
    return marks


# ``ws`` is a write-only sheet throughout (Any: openpyxl forwards its page setup,
# widths and panes at run time, which the stubs do not declare).
def _write_copy(
    ws: Any,
    grid: list[list[object]],
    layout: SheetLayout,
    fallback: dict[int, float],
    marks: dict[tuple[int, int], list[Problem]],
) -> None:
    """The sheet's values with the source's widths (else the schema's), number
    formats and frozen header; each problem cell filled and commented."""
    from openpyxl.utils import get_column_letter

    for column, width in (fallback | layout.widths).items():
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = layout.frozen or "A2"
    # A problem may point just outside the values (a header cell of a missing column).
    height = max([len(grid), *(row for row, _ in marks)], default=1)
    width = max([1, *(len(row) for row in grid), *(column for _, column in marks)])
    _print_one_page_wide(ws, f"A1:{get_column_letter(width)}{max(height, 1)}")
    formats = layout.formats
    farthest: dict[int, int] = {}  # per row, the farthest column a problem points at
    for row_number, column in marks:
        farthest[row_number] = max(column, farthest.get(row_number, 0))
    for number in range(1, height + 1):
        row = grid[number - 1] if number <= len(grid) else []
        reach = max(len(row), farthest.get(number, 0))
        values = [*row, *[None] * (reach - len(row))]
        ws.append(
            [
                _copy_cell(ws, _cell_value(value), formats.get((number, column)), number == 1,
                           marks.get((number, column)))
                for column, value in enumerate(values, start=1)
            ]
        )  # fmt: skip


def _copy_cell(
    ws: Any, value: Any, code: str | None, header: bool, problems: list[Problem] | None
) -> object:
    """A plain value, or a cell of its own where it needs one: a number format,
    a date, the header's bold, text that must stay text, or a problem's mark."""
    formula_like = isinstance(value, str) and value.startswith("=")
    if not (header or problems or formula_like or code is not None or isinstance(value, date)):
        return value  # most cells: before the imports, which cost per call
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    cell = WriteOnlyCell(ws, value)
    if formula_like:
        cell.data_type = "s"  # text that starts with '=' stays text: no formulas
    if code is not None:
        cell.number_format = code
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if header:  # the header row stands out, as in the author's workbook
        cell.font = _header_font()
    if problems:
        worst = Level.ERROR if any(p.level is Level.ERROR for p in problems) else Level.WARNING
        colour = RED if worst is Level.ERROR else YELLOW
        cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
        text = "\n".join(f"{p.level.upper()}: {p.message}" for p in problems)
        cell.comment = Comment(text, "Afrapportering", width=320, height=160)
    return cell


def _header_font() -> Font:
    from openpyxl.styles import Font

    return Font(name="Calibri", size=11, bold=True)


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        # openpyxl refuses control characters (Excel keeps them as _x0007_)
        return without_control_characters(value)
    return value


def _overview_rows(problems: Sequence[Problem]) -> list[tuple[str, ...]]:
    return [
        (
            str(p.level),
            p.file,
            p.sheet or "",
            p.cell or "",
            str(p.code),
            without_control_characters(p.message),  # openpyxl refuses control characters
        )
        for p in problems
    ]


def _write_overview(
    ws: Any,
    problems: Sequence[Problem],
    titles: dict[tuple[str, str], str],
    unshown: Sequence[tuple[Problem, int]] = (),
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    rows = _overview_rows(problems)
    widths = overview_widths(rows)
    rest = [_unshown_row(problem, more) for problem, more in unshown]
    for position, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(position)].width = width
    ws.freeze_panes = "A2"
    last = f"F{len(rows) + len(rest) + 1}"
    ws.auto_filter.ref = f"A1:{last}"
    _print_one_page_wide(ws, f"A1:{last}")
    header_fill = PatternFill("solid", start_color=HEADER, end_color=HEADER)
    header = []
    for text in OVERVIEW_HEADERS:
        cell = WriteOnlyCell(ws, text)
        cell.font, cell.fill = _header_font(), header_fill
        header.append(cell)
    ws.append(header)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for number, (problem, values) in enumerate(zip(problems, rows, strict=True), start=2):
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value)
            cell.alignment = wrapped
            cells.append(cell)
        title = titles.get((problem.file, problem.sheet or ""))
        if problem.cell and title:
            link = cells[3]
            link.hyperlink = f"#'{title}'!{problem.cell}"
            link.style = "Hyperlink"
            link.alignment = wrapped
        colour = RED if problem.level is Level.ERROR else YELLOW
        cells[0].fill = PatternFill("solid", start_color=colour, end_color=colour)
        ws.row_dimensions[number].height = row_height(values, widths)  # before the row
        ws.append(cells)
    for number, values in enumerate(rest, start=len(rows) + 2):
        ws.row_dimensions[number].height = row_height(values, widths)
        ws.append(values)


def _unshown_row(problem: Problem, more: int) -> tuple[str, ...]:
    """One line for the problems of a code beyond the first ``MARKED_PER_CODE``."""
    message = (
        f"… og {wording.number(more)} flere af samme slags ({problem.code}), som ikke er "
        "markeret her. Ret de markerede, og kør igen: så markeres de næste."
    )
    return (str(problem.level), problem.file, problem.sheet or "", "", str(problem.code), message)


def overview_widths(rows: Sequence[Sequence[str]]) -> list[float]:
    """Each column as wide as its longest text (within bounds); the message column wide."""
    widths = []
    for position, header in enumerate(OVERVIEW_HEADERS):
        if position == len(OVERVIEW_HEADERS) - 1:
            widths.append(float(MESSAGE_WIDTH))
            continue
        longest = max([len(header), *(len(row[position]) for row in rows)])
        widths.append(float(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)))
    return widths


def _print_one_page_wide(ws: Any, area: str) -> None:
    print_one_page_wide(ws)
    ws.print_area = area
    ws.oddFooter.center.text = "Side &P af &N"
