"""Fejlrapport_ÅR.xlsx: the faulty sheets copied, each bad cell marked and explained.

The author fixes data in Excel, so the error report is Excel too: a first
sheet lists every problem with a link to its cell, and each sheet that has a
problem is copied (values only) with errors filled red, warnings yellow and
the message as a comment on the cell. The input files are never written to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .output import replace_file
from .problems import Level, Problem
from .reading import Inputs

RED, YELLOW, HEADER = "FFC7CE", "FFEB9C", "D9E1F2"
FILENAME = "Fejlrapport_{year}.xlsx"
OVERVIEW = "Problemer"
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_SHEET_NAME = 31


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
    from openpyxl import Workbook

    workbook = Workbook()
    overview = workbook.active
    overview.title = OVERVIEW
    titles = _copy_sheets(workbook, inputs, problems)
    _fill_overview(overview, problems, titles)
    workbook.save(path)


def _copy_sheets(workbook, inputs: Inputs, problems: Sequence[Problem]) -> dict[tuple, str]:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    titles: dict[tuple, str] = {}
    used = {OVERVIEW}
    for problem in problems:
        key = (problem.file, problem.sheet)
        data = inputs.raw.get(problem.sheet or "")
        if key in titles or data is None:
            continue
        sheet = workbook.create_sheet(_sheet_title(problem.file, problem.sheet or "", used))
        titles[key] = sheet.title
        for row in data.grid:
            sheet.append([_cell_value(value) for value in row])
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"  # text that starts with '=' stays text: no formulas
        sheet.freeze_panes = "A2"
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
    return titles


def _cell_value(value: object) -> object:
    if isinstance(value, str):
        # openpyxl refuses control characters (Excel keeps them as _x0007_)
        return ILLEGAL_CHARACTERS.sub("", value)
    return value


def _fill_overview(sheet, problems: Sequence[Problem], titles: dict[tuple, str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet.append(["Niveau", "Fil", "Ark", "Celle", "Kode", "Besked"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color=HEADER, end_color=HEADER)
    for problem in problems:
        sheet.append(
            [
                str(problem.level),
                problem.file,
                problem.sheet or "",
                problem.cell or "",
                problem.code,
                problem.message,
            ]
        )
        title = titles.get((problem.file, problem.sheet))
        if problem.cell and title:
            link = sheet.cell(row=sheet.max_row, column=4)
            link.hyperlink = f"#'{title}'!{problem.cell}"
            link.style = "Hyperlink"
        colour = RED if problem.level is Level.ERROR else YELLOW
        sheet.cell(row=sheet.max_row, column=1).fill = PatternFill(
            "solid", start_color=colour, end_color=colour
        )
    for letter, width in zip("ABCDEF", (10, 18, 18, 8, 20, 100), strict=True):
        sheet.column_dimensions[letter].width = width
    wrapped = Alignment(wrap_text=True, vertical="top")
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.alignment = wrapped
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
