"""How much room text takes in an Excel cell: wrapped lines and row heights.

Excel does not grow a row to fit wrapped text that a program wrote, so the
height is set from an estimate: a column ``width`` holds about 1.1 characters
of prose per unit (the unit is the width of a '0'), less a margin.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

LINE_HEIGHT = 15.0  # points per line of Excel's default 11 pt font
CHARACTERS_PER_WIDTH = 1.1  # prose is narrower than the '0' a width unit is measured in


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide
    (an estimate: Excel wraps at words, so a line holds a little less)."""
    per_line = max(int((width - 1) * CHARACTERS_PER_WIDTH), 1)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in str(text).split("\n"))


def row_height(values: Sequence[object], widths: Sequence[float]) -> float:
    """The height (points) of a wrapped row: enough lines for its tallest cell."""
    lines = max(
        lines_needed("" if value is None else str(value), width)
        for value, width in zip(values, widths, strict=True)
    )
    return lines * LINE_HEIGHT + 2


# Any: openpyxl's write-only sheet forwards the page setup to a sheet at run time,
# which its stubs do not declare.
def print_one_page_wide(ws: Any, title_rows: str | None = "1:1") -> None:
    """Landscape A4, one page wide and as many pages tall as it takes, the header
    row repeated on every page (``ws`` may be a write-only sheet)."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if title_rows:
        ws.print_title_rows = title_rows
