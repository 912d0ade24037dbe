"""Texts longer than an Excel cell can hold.

Excel itself stops at 32,767 characters in a cell, but a workbook written by
another program may hold more. The report takes the whole text; the appendix,
an Excel workbook, can only hold the first 32,767 characters, so the cut is
said at the cell instead of made without a word.
"""

from __future__ import annotations

from ..core.problems import Code, Problem, warning
from ..core.schema import Kind
from ..core.wording import number
from ..reading import Inputs

EXCEL_CELL_LIMIT = 32_767  # characters in one cell, Excel's own limit
TEXT_KINDS = (Kind.TEXT, Kind.CHOICE)


def check_cell_lengths(inputs: Inputs) -> list[Problem]:
    problems = []
    for sheet, table in inputs.sheet_tables():
        for column in sheet.columns:
            if column.kind not in TEXT_KINDS or column.key not in table.columns:
                continue
            key = column.key
            values = [row.values.get(key) for row in table.rows]
            longest = max((len(v) for v in values if v.__class__ is str), default=0)
            if longest <= EXCEL_CELL_LIMIT:
                continue
            for row in table.rows:
                value = row.values.get(key)
                if value.__class__ is str and len(value) > EXCEL_CELL_LIMIT:
                    problems.append(
                        warning(
                            table.file,
                            table.sheet,
                            table.ref(row, key),
                            Code.TEXT_CUT,
                            f"Teksten i kolonnen '{column.header}' er "
                            f"{number(len(value))} tegn lang. Bilaget (et "
                            "Excel-ark) kan højst rumme "
                            f"{number(EXCEL_CELL_LIMIT)} tegn i en celle, så "
                            "dér er den afkortet; rapporten har hele teksten. Gør "
                            "teksten kortere, hvis bilaget skal vise den hel.",
                        )
                    )
    return problems
