"""Table grids after rendering: one grid column per cell, as wide as the cell.

docxtpl's ``{%tc for %}`` repeats a cell once per year, then spreads the
table's grid evenly over all its columns. Word and LibreOffice lay a fixed
table out by that grid, so a narrow year column would take the width of the
goal's text. Each cell still carries the width the template gave it; the grid
is rebuilt from those.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def _widest_row(table: Any) -> list[Any] | None:
    rows = [row.findall(qn("w:tc")) for row in table.iter(qn("w:tr"))]
    rows = [cells for cells in rows if cells and all(_width(c) for c in cells)]
    return max(rows, key=len, default=None)


def _width(cell: Any) -> str | None:
    props = cell.find(qn("w:tcPr"))
    width = None if props is None else props.find(qn("w:tcW"))
    span = None if props is None else props.find(qn("w:gridSpan"))
    if width is None or span is not None:
        return None
    value: str | None = width.get(qn("w:w"))
    return value


def fit_table_grids(body: Any) -> None:
    for table in body.iter(qn("w:tbl")):
        grid = table.find(qn("w:tblGrid"))
        cells = _widest_row(table)
        if grid is None or not cells:
            continue
        for column in list(grid):
            grid.remove(column)
        for cell in cells:
            column = OxmlElement("w:gridCol")
            column.set(qn("w:w"), _width(cell))
            grid.append(column)
