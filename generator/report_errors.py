"""Fejlrapport_ÅR.xlsx: the faulty sheets copied, each bad cell marked and explained.

The author fixes data in Excel, so the error report is Excel too, and reads
like the author's own workbook: a first sheet lists every problem with a link
to its cell (sized to its text and printing one page wide), and each sheet
that has a problem is copied (values only) with the source's column widths,
number formats and frozen header, errors filled red, warnings yellow and the
message as a comment on the cell. The input files are never written to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .excel_text import print_one_page_wide, row_height
from .output import publish
from .problems import Level, Problem
from .reading import Inputs
from .reading.layout import SheetLayout, read_layouts
from .schema import SETTINGS_WIDTHS, WORKBOOKS, normalize_header

RED, YELLOW, HEADER = "FFC7CE", "FFEB9C", "D9E1F2"
OVERVIEW = "Problemer"
OVERVIEW_HEADERS = ("Niveau", "Fil", "Ark", "Celle", "Kode", "Besked")
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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
    target = output / f"Fejlrapport_{year}.xlsx"
    publish(target, lambda path: _write(inputs, problems, path))
    return target


def _write(inputs: Inputs, problems: Sequence[Problem], path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    overview = workbook.active
    overview.title = OVERVIEW
    titles = _copy_sheets(workbook, inputs, problems)
    _mark_cells(workbook, problems, titles)
    _fill_overview(overview, problems, titles)
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


def _copy_sheets(workbook, inputs: Inputs, problems: Sequence[Problem]) -> dict[tuple, str]:
    keys = [(p.file, p.sheet) for p in problems if p.sheet is not None and p.sheet in inputs.raw]
    keys = list(dict.fromkeys(keys))
    layouts = _layouts(inputs, keys)
    titles: dict[tuple, str] = {}
    used = {OVERVIEW}
    for key in keys:
        sheet = workbook.create_sheet(_sheet_title(key[0], key[1], used))
        titles[key] = sheet.title
        grid = inputs.raw[key[1]].grid
        for row in grid:
            sheet.append([_cell_value(value) for value in row])
        _apply_layout(sheet, layouts.get(key, SheetLayout()), _schema_widths(key[1], grid))
    return titles


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


def _apply_layout(sheet, layout: SheetLayout, fallback: dict[int, float]) -> None:
    """The source's widths (else the schema's), number formats and frozen header."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for column, width in (fallback | layout.widths).items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"  # text that starts with '=' stays text: no formulas
            code = layout.formats.get(cell.coordinate)
            if code is not None:
                cell.number_format = code
            elif cell.is_date:
                cell.number_format = DATE_FORMAT
    for cell in sheet[1]:  # the header row stands out, as in the author's workbook
        cell.font = Font(name="Calibri", size=11, bold=True)
    sheet.freeze_panes = layout.frozen or "A2"
    _print_one_page_wide(sheet)


def _mark_cells(workbook, problems: Sequence[Problem], titles: dict[tuple, str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    marked: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if problem.cell and (problem.file, problem.sheet) in titles:
            marked.setdefault((titles[(problem.file, problem.sheet)], problem.cell), []).append(
                problem
            )
    for (title, cell), items in marked.items():
        target = workbook[title][cell]
        worst = Level.ERROR if any(p.level is Level.ERROR for p in items) else Level.WARNING
        colour = RED if worst is Level.ERROR else YELLOW
        target.fill = PatternFill("solid", start_color=colour, end_color=colour)
        text = "\n".join(f"{p.level.upper()}: {p.message}" for p in items)
        target.comment = Comment(text, "Afrapportering", width=320, height=160)


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        # openpyxl refuses control characters (Excel keeps them as _x0007_)
        return ILLEGAL_CHARACTERS.sub("", value)
    return value


def _overview_rows(problems: Sequence[Problem]) -> list[tuple[str, ...]]:
    return [
        (str(p.level), p.file, p.sheet or "", p.cell or "", str(p.code), _cell_value(p.message))
        for p in problems
    ]


def _fill_overview(sheet, problems: Sequence[Problem], titles: dict[tuple, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    rows = _overview_rows(problems)
    sheet.append(OVERVIEW_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(name="Calibri", size=11, bold=True)
        cell.fill = PatternFill("solid", start_color=HEADER, end_color=HEADER)
    widths = overview_widths(rows)
    wrapped = Alignment(wrap_text=True, vertical="top")
    for problem, values in zip(problems, rows, strict=True):
        sheet.append(values)
        number = sheet.max_row
        for cell in sheet[number]:
            cell.alignment = wrapped
        title = titles.get((problem.file, problem.sheet))
        if problem.cell and title:
            link = sheet.cell(row=number, column=4)
            link.hyperlink = f"#'{title}'!{problem.cell}"
            link.style = "Hyperlink"
            link.alignment = wrapped
        colour = RED if problem.level is Level.ERROR else YELLOW
        sheet.cell(row=number, column=1).fill = PatternFill(
            "solid", start_color=colour, end_color=colour
        )
        sheet.row_dimensions[number].height = row_height(values, widths)
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _print_one_page_wide(sheet)


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


def _print_one_page_wide(sheet) -> None:
    print_one_page_wide(sheet)
    sheet.print_area = sheet.dimensions
    sheet.oddFooter.center.text = "Side &P af &N"
