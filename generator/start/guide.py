"""The *Vejledning* sheet: the workbook contract explained to the author.

Every blank and example workbook ends with this sheet, generated from the
schema like everything else: what each sheet is for, and each column with its
type, whether it must be filled, what it means and an example. It is meant to
be read on screen and printed, so it wraps, fits its rows and prints one page
wide. The reader never looks at it (sheets it does not know are ignored).
"""

from __future__ import annotations

import re

from openpyxl import Workbook as Book
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..core.excel_text import print_one_page_wide, row_height
from ..core.schema import (
    DEFAULT_CONTRACT_POINTS,
    DEFAULT_RECIPIENTS,
    DEFAULT_TOPICS,
    GUIDE_SHEET,
    KONTRAKT,
    LISTS,
    SETTINGS_HEADERS,
    Column,
    Kind,
    Sheet,
    Workbook,
)

GUIDE = GUIDE_SHEET
CONTRACT_FILE = KONTRAKT.filename  # where the contract points are kept
GUIDE_HEADERS = ("Kolonne", "Type", "Skal udfyldes", "Forklaring", "Eksempel")
GUIDE_WIDTHS = (24.0, 30.0, 9.0, 60.0, 30.0)
INTRODUCTION = (
    "Overskrifterne står i række 1 på hvert ark; skriv data fra række 2 og frem, én række "
    "pr. post. Vælg en overskrift for at se en forklaring på kolonnen. Kolonner og ark, "
    "der ikke står her, må gerne tilføjes; programmet læser dem ikke."
)

TITLE_FONT = Font(name="Calibri", size=14, bold=True)
TITLE_HEIGHT = 22.0  # points: one line of the 14 pt title
SHEET_FONT = Font(name="Calibri", size=12, bold=True)
BOLD = Font(name="Calibri", size=11, bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
WRAPPED = Alignment(wrap_text=True, vertical="top")

KIND_TEXT: dict[Kind, str] = {
    Kind.TEXT: "Tekst",
    Kind.DATE: "Dato (dd-mm-åååå)",
    Kind.YEAR: "Årstal",
    Kind.MONTH: "Måned: tal 1–12 eller navn",
    Kind.NUMBER: "Tal",
    Kind.AMOUNT: "Beløb i hele kroner, 0 eller mere",
    Kind.HOURS: "Antal timer, 0 eller mere",
    Kind.COUNT: "Helt tal, 0 eller mere",
    Kind.CHOICE: "Valg fra en liste",
    Kind.YESNO: "Ja eller Nej",
    Kind.CVR: "CVR-nummer (8 cifre)",
}
KIND_EXAMPLE: dict[Kind, str] = {
    Kind.DATE: "31-01-2024",
    Kind.YEAR: "2024",
    Kind.MONTH: "3 eller marts",
    Kind.NUMBER: "1,9",
    Kind.AMOUNT: "375000",
    Kind.HOURS: "7,5",
    Kind.COUNT: "12",
    Kind.CVR: "12345678",
}
HELP_EXAMPLE = re.compile(r"\bfx (.+?)\.?$")
LIST_EXAMPLES = {"recipient": DEFAULT_RECIPIENTS[0][0], "topic": DEFAULT_TOPICS[0]}


def kind_text(column: Column) -> str:
    """The column's type in words, with its choices or list where it has them."""
    kind = KIND_TEXT.get(column.kind, str(column.kind).capitalize())
    if column.choices and column.kind is not Kind.YESNO:
        return f"{kind}: {' / '.join(column.choices)}"
    if column.list_from:
        return f"Valg fra listen på arket {column.list_from[0]} i {CONTRACT_FILE}"
    if column.list_column:
        return f"Valg fra listen på arket {LISTS.name}"
    return kind


def example_of(column: Column) -> str:
    """What a filled-in cell could hold: declared, the setting's value, a choice, or a kind's."""
    if column.example:
        return column.example
    if column.default is not None:
        return str(column.default)
    if column.choices:
        return column.choices[0]
    if column.list_column in LIST_EXAMPLES:
        return LIST_EXAMPLES[column.list_column]
    if column.list_from and DEFAULT_CONTRACT_POINTS:
        return DEFAULT_CONTRACT_POINTS[0][2]
    if column.kind is Kind.TEXT:  # a text column's help often ends with one ("…, fx Arsenalet.")
        given = HELP_EXAMPLE.search(column.help)
        return given.group(1) if given else ""
    return KIND_EXAMPLE.get(column.kind, "")


def guide_rows(spec: Workbook) -> list[tuple[str, tuple[str, ...]]]:
    """The sheet's lines as (style, cells): "title", "text", "sheet", "header" or "column"."""
    rows: list[tuple[str, tuple[str, ...]]] = [
        ("title", (f"Vejledning til {spec.filename}",)),
        ("text", (spec.help,)),
        ("text", (INTRODUCTION,)),
    ]
    for sheet in spec.sheets:
        rows += [("blank", ()), ("sheet", (f"Arket {sheet.name}",)), ("text", (sheet.help,))]
        rows += _column_rows(sheet)
    return rows


def _column_rows(sheet: Sheet) -> list[tuple[str, tuple[str, ...]]]:
    headers = GUIDE_HEADERS
    if sheet.layout == "settings":
        headers = (f"{SETTINGS_HEADERS[0]} (i kolonne A)", *GUIDE_HEADERS[1:])
    rows: list[tuple[str, tuple[str, ...]]] = [("header", headers)]
    for column in sheet.columns:
        required = "Ja" if column.required else "Nej"
        cells = (column.header, kind_text(column), required, column.help, example_of(column))
        rows.append(("column", cells))
    return rows


def write_guide(book: Book, spec: Workbook) -> None:
    """Add the Vejledning sheet to a write-only workbook."""
    ws = book.create_sheet(GUIDE)
    for position, width in enumerate(GUIDE_WIDTHS):
        ws.column_dimensions[chr(ord("A") + position)].width = width
    print_one_page_wide(ws, title_rows=None)  # before any row: write-only writes it first
    text_width = sum(GUIDE_WIDTHS)
    last = chr(ord("A") + len(GUIDE_WIDTHS) - 1)
    for number, (style, cells) in enumerate(guide_rows(spec), start=1):
        # A row's height is written with the row: set it first.
        if style in ("text", "title", "sheet"):  # prose runs across the whole table
            ws.merged_cells.add(f"A{number}:{last}{number}")
            height = row_height(cells, (text_width,))
            ws.row_dimensions[number].height = TITLE_HEIGHT if style == "title" else height
        elif style in ("header", "column"):
            ws.row_dimensions[number].height = row_height(cells, GUIDE_WIDTHS)
        ws.append([_cell(ws, value, style) for value in cells])
    ws.oddFooter.center.text = f"{spec.filename} – {GUIDE} – side &P af &N"


def _cell(ws: WriteOnlyWorksheet, value: str, style: str) -> Cell:
    cell = WriteOnlyCell(ws, value=value)
    if style == "title":
        cell.font = TITLE_FONT
    elif style == "sheet":
        cell.font = SHEET_FONT
    elif style == "header":
        cell.font, cell.fill = BOLD, HEADER_FILL
    cell.alignment = WRAPPED
    return cell
