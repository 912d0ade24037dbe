"""``aarsrapport ny``: write the three workbooks blank, ready to fill in.

Every sheet, header, width, list and default comes from ``schema``. Each
sheet gets its headers in row 1 (styled, frozen, with an input message that
explains the column), dropdowns for list columns, number formats and
validations by kind, and each workbook ends with a Vejledning sheet
(``guide``). The contract's settings, the lists, the price-index years and
the contract's earmarks are prefilled. The shipped example workbooks are
written by the same ``build_workbook`` with their rows filled in (a
``Start``), so they carry the same dropdowns and checks. Existing files are
never overwritten: if any of the three is already there, nothing is written.

``ny --periode`` starts a new contract period instead: ``period_start.py``
says what its workbooks start from (a ``Start``), and this module writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from itertools import zip_longest
from pathlib import Path
from typing import Any, Literal, NamedTuple

from openpyxl import Workbook as XlBook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..core.actions import Action, how_to
from ..core.excel_text import print_one_page_wide
from ..core.os_errors import reason
from ..core.problems import CannotContinue
from ..core.schema import (
    CONTRACT_POINTS,
    DEFAULT_CONTRACT_POINTS,
    DEFAULT_RECIPIENTS,
    DEFAULT_TOPICS,
    EARMARKS,
    ESTIMATE,
    NO,
    PRICE_INDEX,
    SETTINGS_HEADERS,
    SETTINGS_SHEET,
    SETTINGS_WIDTHS,
    WORKBOOKS,
    Column,
    Kind,
    Sheet,
    Workbook,
)
from ..core.wording import MONTH_NAMES, shortened
from ..reading.period import EARLIEST, LATEST, Period
from .guide import write_guide

SETTINGS = SETTINGS_SHEET
POINTS_COPY = "Punktliste"  # hidden copy of the contract points, for the Indsatser dropdown
LAST_ROW = 5000  # validations and formats of a table sheet reach this row
LIST_LAST_ROW = 500  # the vocabularies on the lists sheet may grow to this row
FIRST_YEAR, LAST_YEAR = EARLIEST, LATEST
FIRST_DATE, LAST_DATE = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
PROMPT_MAX, PROMPT_TITLE_MAX, ERROR_MAX, ERROR_TITLE_MAX = 255, 32, 225, 32

# What the contract says (only data is spelled here; the names come from the schema).
PRICE_SOURCE = "KL's PL-skøn for serviceudgifter"
EARMARK_AMOUNT = 375000
EARMARK_PURPOSE = "Start Up Viborg – udvikling og styrkelse af iværksætterkultur"
EARMARK_YEARS = (2020, 2021)

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
TEXT_FORMAT = "@"
NUMBER_FORMATS = {Kind.DATE: "DD-MM-YYYY", Kind.AMOUNT: "#,##0", Kind.HOURS: "0.0"}

ERROR_TITLE = "Ugyldig værdi"
LIST_ERROR = "Vælg en værdi fra listen."


class Rule(NamedTuple):
    """An Excel check of a kind: type, operator, bounds, the Danish error and its style."""

    type: Literal["whole", "decimal", "list", "date", "textLength"]
    operator: Literal["between", "greaterThanOrEqual", "equal"] | None
    low: object
    high: object
    error: str
    style: Literal["stop", "warning"] = "stop"  # "warning": the author may keep the value


# fmt: off
RULES: dict[Kind, Rule] = {
    Kind.DATE: Rule("date", "between", int(to_excel(FIRST_DATE)), int(to_excel(LAST_DATE)),
                    f"Skriv en dato mellem {FIRST_DATE:%d-%m-%Y} og {LAST_DATE:%d-%m-%Y}, "
                    "fx 31-01-2024."),
    Kind.YEAR: Rule("whole", "between", FIRST_YEAR, LAST_YEAR,
                    f"Skriv et årstal mellem {FIRST_YEAR} og {LAST_YEAR}, fx 2024."),
    # A month is read as its number or its name: both are on the dropdown. Only
    # warn, as the reader also takes what Excel cannot list (3., "okt.", "Marts").
    Kind.MONTH: Rule("list", None, '"' + ",".join([*map(str, range(1, 13)), *MONTH_NAMES]) + '"',
                     None, "Skriv månedens nummer fra 1 til 12 eller navnet, fx 3 eller marts.",
                     "warning"),
    Kind.NUMBER: Rule("decimal", "between", -(10**12), 10**12, "Skriv et tal, fx 40 eller 1,9."),
    Kind.AMOUNT: Rule("decimal", "greaterThanOrEqual", 0, None,
                      "Skriv et beløb i hele kroner, 0 eller mere, fx 375000."),
    Kind.HOURS: Rule("decimal", "greaterThanOrEqual", 0, None,
                     "Skriv et antal timer, 0 eller mere, fx 7,5."),
    Kind.COUNT: Rule("whole", "greaterThanOrEqual", 0, None, "Skriv et helt tal, 0 eller mere."),
    Kind.CVR: Rule("textLength", "equal", 8, None, "Et CVR-nummer har 8 cifre, fx 12345678. "
                   "Lad cellen stå tom for en iværksætter uden CVR.", "warning"),
}
# fmt: on


@dataclass
class Start:
    """What new workbooks start from: the settings and, per sheet, the first rows.
    A sheet not in ``rows`` gets the schema's defaults (``prefill``)."""

    settings: dict[str, object]
    rows: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    carried: list[str] = field(default_factory=list)  # headers and sheets taken from --fra
    missing: list[str] = field(default_factory=list)  # what --fra did not have


def shipped_period() -> Period:
    """The contract period the program ships with (the schema's defaults)."""
    default = {column.key: column.default for column in SETTINGS.columns}
    first, last, level = (default[key] for key in ("first_year", "last_year", "price_level"))
    assert isinstance(first, int) and isinstance(last, int) and isinstance(level, int)
    return Period(first, last, level)


def default_start(year: int | None = None) -> Start:
    """The contract the program ships with; ``year`` must lie in its period."""
    period = shipped_period()
    if year is not None and year not in period:
        raise CannotContinue(
            f"{year} ligger uden for kontraktperioden {period.label}, som programmet ellers "
            f"laver projektmapper til. Til en ny kontraktperiode: {how_to(Action.NEW_PERIOD)}."
        )
    return Start({column.key: column.default for column in SETTINGS.columns})


def write_blank_workbooks(
    folder: Path, year: int | None = None, start: Start | None = None
) -> list[Path]:
    """Write the three workbooks into ``folder`` (made if missing); return their paths.

    ``start`` says what they start from (default: the shipped contract, its price
    index up to ``year``). Raises ``CannotContinue`` (and writes nothing) when any
    of them already exists, or when ``year`` is out of range.
    """
    folder = Path(folder)
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise CannotContinue(
            f"Året {year} kan ikke bruges. Vælg et år mellem {FIRST_YEAR} og {LAST_YEAR}."
        )
    start = start or default_start(year)
    existing = existing_workbooks(folder)
    if existing:
        names = ", ".join(existing)
        raise CannotContinue(
            f"{names} findes allerede i mappen '{folder}'. Programmet overskriver aldrig en "
            "projektmappe, så intet er skrevet. Flyt eller omdøb "
            f"{'filen' if len(existing) == 1 else 'filerne'}, og prøv igen."
        )
    contents = {
        spec.filename: render_workbook(build_workbook(spec, year, start)) for spec in WORKBOOKS
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotContinue(f"Mappen '{folder}' kan ikke oprettes: {reason(exc)}.") from exc
    return _write_all(folder, contents)


def existing_workbooks(folder: Path) -> list[str]:
    """The target files already in ``folder`` (matched like Windows: case aside)."""
    if not folder.is_dir():
        return []
    try:
        present = {path.name.casefold(): path.name for path in folder.iterdir()}
    except OSError as exc:
        raise CannotContinue(f"Mappen '{folder}' kan ikke læses: {reason(exc)}.") from exc
    wanted = [spec.filename.casefold() for spec in WORKBOOKS]
    return [present[name] for name in wanted if name in present]


def render_workbook(book: XlBook) -> bytes:
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()


def _write_all(folder: Path, contents: dict[str, bytes]) -> list[Path]:
    """Create each file exclusively (never replacing one); on failure, undo our own."""
    written: list[Path] = []
    try:
        for name, data in contents.items():
            path = folder / name
            with path.open("xb") as stream:
                written.append(path)
                stream.write(data)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise CannotContinue(
            f"{name} kan ikke skrives i mappen '{folder}': {reason(exc)}. Intet er skrevet."
        ) from exc
    return written


def build_workbook(spec: Workbook, year: int | None = None, start: Start | None = None) -> XlBook:
    """One workbook of the schema, ready to fill in, ending with its Vejledning sheet.

    ``start`` gives the settings and, per sheet, the first rows (keyed by column
    key); a sheet it leaves out starts as the contract says (``prefill``). The
    workbook is written row by row (openpyxl's write-only mode), so a log of
    100,000 referrals costs little memory; save it once.
    """
    start = start or default_start(year)
    book = XlBook(write_only=True)
    book.properties.title = f"Afrapportering på resultatkontrakten – {spec.filename}"
    book.properties.subject = spec.help
    book.properties.creator = "Afrapportering"
    book.properties.language = "da-DK"
    lists = next((sheet for sheet in spec.sheets if sheet.layout == "lists"), None)
    for sheet in spec.sheets:
        ws = book.create_sheet(sheet.name)
        if sheet.layout == "settings":
            _settings_sheet(ws, sheet, start.settings)
        else:
            rows = start.rows[sheet.name] if sheet.name in start.rows else prefill(sheet, year)
            _table_sheet(ws, sheet, rows, lists, len(_points(start)))
    if any(c.list_from for sheet in spec.sheets for c in sheet.columns):
        _points_copy(book, _points(start))
    write_guide(book, spec)
    return book


def _points(start: Start) -> list[str]:
    """The contract points the Indsatser dropdown offers: a new period's own (carried
    over with --fra), else the contract's."""
    rows = start.rows.get(CONTRACT_POINTS.name) or prefill(CONTRACT_POINTS)
    return [str(row["point"]) for row in rows if row.get("point")]


def _points_copy(book: XlBook, points: list[str]) -> None:
    """Excel dropdowns cannot read another workbook, so the points' names are
    copied to a hidden sheet here. The check reads kontrakt.xlsx itself: a point
    renamed there is reported, with a suggestion, not silently accepted."""
    ws = book.create_sheet(POINTS_COPY)
    ws.sheet_state = "hidden"
    for point in points:
        ws.append([point])


def prefill(sheet: Sheet, year: int | None = None) -> list[dict[str, object]]:
    """The rows a new table sheet starts with, keyed by column key."""
    if sheet.layout == "lists":
        return _list_rows()
    if sheet == PRICE_INDEX:
        return price_rows(shipped_period(), year)
    if sheet == CONTRACT_POINTS:
        return [
            {"number": number, "area": area, "point": point}
            for number, area, point in DEFAULT_CONTRACT_POINTS
        ]
    if sheet == EARMARKS:
        return [
            {"year": y, "amount": EARMARK_AMOUNT, "purpose": EARMARK_PURPOSE, "regulated": NO}
            for y in EARMARK_YEARS
        ]
    return []


def _list_rows() -> list[dict[str, object]]:
    """The default vocabularies side by side; the columns may differ in length."""
    return [
        {"recipient": pair and pair[0], "recipient_type": pair and pair[1], "topic": topic}
        for pair, topic in zip_longest(DEFAULT_RECIPIENTS, DEFAULT_TOPICS)
    ]


def price_rows(period: Period, year: int | None) -> list[dict[str, object]]:
    """A row per year after the price level up to ``year`` (or the period's last year)."""
    return [
        {"year": y, "rate": None, "source": PRICE_SOURCE, "status": ESTIMATE}
        for y in period.price_index_years(year)
    ]


def _table_sheet(
    ws: Worksheet,
    sheet: Sheet,
    rows: Iterable[Mapping[str, object]],
    lists: Sheet | None,
    points: int,
) -> None:
    """Formats, widths and headers first (write-only order), then the rows, then the checks."""
    columns = sheet.columns
    for position, column in enumerate(columns, start=1):
        if column.kind in NUMBER_FORMATS:
            letter = get_column_letter(position)
            ws.column_dimensions[letter].number_format = NUMBER_FORMATS[column.kind]
    _header(ws, [(c.header, _column_prompt(c)) for c in columns], [c.width for c in columns])
    count = 0
    for row in rows:
        ws.append([_cell(ws, row.get(column.key), column.kind) for column in columns])
        count += 1
    # Checks reach well below the data, so the rows the author adds are checked too.
    last = LIST_LAST_ROW if sheet.layout == "lists" else max(LAST_ROW, count + LAST_ROW // 5)
    for position, column in enumerate(columns, start=1):
        letter = get_column_letter(position)
        rule = validation(column, lists, points)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{last}")
            ws.data_validations.append(rule)


def table_checks(
    sheet: Sheet, positions: Mapping[str, int], lists: Sheet | None, points: int, last: int
) -> list[DataValidation]:
    """The checks ``_table_sheet`` gives a sheet's columns, for a sheet ``ny`` did not
    write (an upgraded one): at each column's own position (1-based), its header's
    explanation in row 1 and its dropdown or kind check from row 2 to ``last``."""
    checks = []
    for column in sheet.columns:
        if column.key not in positions:
            continue
        letter = get_column_letter(positions[column.key])
        explain = _prompt(DataValidation(allow_blank=True), column.header, _column_prompt(column))
        explain.add(f"{letter}1")
        checks.append(explain)
        rule = validation(column, lists, points)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{last}")
            checks.append(rule)
    return checks


def add_table_sheet(
    book: XlBook, sheet: Sheet, index: int, lists: Sheet | None, points: list[str]
) -> None:
    """A sheet as ``ny`` starts it (the schema's defaults), placed at ``index`` of a
    workbook opened for editing: how an upgrade adds a sheet the workbook lacks."""
    _table_sheet(book.create_sheet(sheet.name, index), sheet, prefill(sheet), lists, len(points))


def add_points_copy(book: XlBook, points: list[str]) -> None:
    """The hidden copy of the contract points the Punkt dropdown reads, made anew."""
    if POINTS_COPY in book.sheetnames:
        book.remove(book[POINTS_COPY])
    _points_copy(book, points)


def setting_cell(key: str) -> str:
    """Where ``ny`` writes a setting's value: column B, a row per setting after the header."""
    return f"B{2 + [column.key for column in SETTINGS.columns].index(key)}"


def _settings_sheet(ws: Worksheet, sheet: Sheet, values: Mapping[str, object]) -> None:
    """Felt/Værdi: a row per declared setting, its value prefilled."""
    ws.column_dimensions["A"].number_format = TEXT_FORMAT
    _header(ws, [(header, sheet.help) for header in SETTINGS_HEADERS], SETTINGS_WIDTHS)
    for number, column in enumerate(sheet.columns, start=2):
        label = WriteOnlyCell(ws, column.header)
        label.number_format = TEXT_FORMAT
        ws.append([label, _cell(ws, values.get(column.key), column.kind)])
        ws.data_validations.append(setting_check(column, f"B{number}"))


def setting_check(column: Column, cell: str) -> DataValidation:
    """A setting's value cell: its check, and its explanation when selected."""
    rule = validation(column, None) or DataValidation(allow_blank=True)
    _prompt(rule, column.header, _column_prompt(column))
    rule.add(cell)
    return rule


def _header(ws: Worksheet, headers: Iterable[tuple[str, str]], widths: Iterable[int]) -> None:
    """Row 1: bold, light blue, wrapped, frozen, each cell explaining its column.

    Also sets the widths and the print layout, which write-only mode writes
    before the first row."""
    cells = []
    for position, ((header, text), width) in enumerate(zip(headers, widths, strict=True), 1):
        letter = get_column_letter(position)
        ws.column_dimensions[letter].width = width
        cell = WriteOnlyCell(ws, header)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        cells.append(cell)
        explain = _prompt(DataValidation(allow_blank=True), header, text)
        explain.add(f"{letter}1")
        ws.data_validations.append(explain)
    ws.freeze_panes = "A2"
    print_one_page_wide(ws)
    ws.append(cells)


def _cell(ws: Worksheet, value: Any, kind: Kind) -> object:
    # Any: a date, Decimal, int or text (openpyxl writes each; its stubs list fewer)
    """A value as written: dates, kroner and hours carry their number format."""
    if value is None or kind not in NUMBER_FORMATS:
        return value
    cell = WriteOnlyCell(ws, value)
    cell.number_format = NUMBER_FORMATS[kind]
    return cell


def _column_prompt(column: Column) -> str:
    need = "Skal udfyldes." if column.required else "Må stå tom."
    return f"{column.help} {need}"


def validation(
    column: Column, lists: Sheet | None, points: int = len(DEFAULT_CONTRACT_POINTS)
) -> DataValidation | None:
    """The Excel validation of a column's cells: a dropdown or a check of the kind."""
    if column.list_from:
        source = f"{quote_sheetname(POINTS_COPY)}!$A$1:$A${max(points, 1)}"
        message = f"{LIST_ERROR} Punkterne står på arket {column.list_from[0]} i kontrakt.xlsx."
        return _rule(Rule("list", None, source, None, message, "warning"))
    if column.list_column:
        if lists is None:
            return None
        source = list_range(lists, column.list_column)
        message = f"{LIST_ERROR} Er værdien ny, så tilføj den først på arket {lists.name}."
        return _rule(Rule("list", None, source, None, message, "warning"))
    if column.choices:
        inline = '"' + ",".join(column.choices) + '"'
        message = f"{LIST_ERROR} Vælg en af: {', '.join(column.choices)}."
        return _rule(Rule("list", None, inline, None, message))
    if column.kind in RULES:
        return _rule(RULES[column.kind])
    return None


def list_range(lists: Sheet, key: str) -> str:
    """The lists-sheet range a dropdown reads from, e.g. ``Lister!$A$2:$A$500``."""
    letter = get_column_letter([c.key for c in lists.columns].index(key) + 1)
    return f"{quote_sheetname(lists.name)}!${letter}$2:${letter}${LIST_LAST_ROW}"


def _rule(rule: Rule) -> DataValidation:
    return DataValidation(
        type=rule.type,
        operator=rule.operator,
        formula1=str(rule.low),
        formula2=None if rule.high is None else str(rule.high),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle=rule.style,
        errorTitle=ERROR_TITLE[:ERROR_TITLE_MAX],
        error=shortened(rule.error, ERROR_MAX),
    )


def _prompt(rule: DataValidation, title: str, text: str) -> DataValidation:
    """Show ``text`` when the cell is selected (Excel's input message and its limits)."""
    rule.showInputMessage = True
    rule.promptTitle = shortened(title, PROMPT_TITLE_MAX)
    rule.prompt = shortened(text, PROMPT_MAX)
    return rule
