"""Afrapportering_ÅR_bilag.xlsx: the author's internal working appendix.

The committee's report shows figures; this workbook shows what they are made
of and how the run went: a ``Kontrol`` sheet (each input file with its SHA-256
and size, when and by which version the report was made, every warning with
its file, sheet and cell), every referral of the year with its derived type
and quarter, and one sheet per table behind the report's figures. It names
companies, CVR numbers and advisers, so every sheet and every printed page
says it is internal.

Written with XlsxWriter in its standard mode: the cells are kept until the
file is closed, and each distinct text is stored once in the shared-strings
table (the log repeats the same recipients, topics and advisers). With
100,000 referrals that takes about 90 MB and is a quarter faster than
``constant_memory`` mode, whose inline strings are escaped cell by cell, and
the file is a fifth smaller. A clean run drops the input's grids and rows
before it writes (``Inputs.without_cells``), so the peak stays near that of reading.
Every text is written with ``write_string``: a company called
``=HYPERLINK(…)`` stays text and never becomes a formula.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import xlsxwriter

from ..compute import Figures
from ..compute.overview import period_total
from ..compute.referrals import Count, company_key
from ..compute.run import RunInfo
from ..core import wording
from ..core.problems import column_letter
from ..core.schema import HENVISNINGER
from ..reading.model import Referral

INTERNAL = "INTERNT ARBEJDSBILAG – ikke til offentliggørelse"
NO_ROW = "Ingen række for året"
EXCEL_EPOCH = date(1899, 12, 30).toordinal()
FACTOR_PLACES = Decimal("0.0001")
MIN_WIDTH, MAX_WIDTH = 8, 60
HEADER_ROW, FIRST_ROW = 1, 2  # row 0 carries the internal mark on screen
A4 = 9

# Kinds of column, each with its Danish number format.
TEXT, GENERAL, YEAR, WHOLE, DECIMAL, SHARE, KRONER, FACTOR, PERCENT, DAY, TIME, QUARTER = (
    "text",
    "general",
    "year",
    "whole",
    "decimal",
    "share",
    "kroner",
    "factor",
    "percent",
    "day",
    "time",
    "quarter",
)
NUMBER_FORMATS = {
    GENERAL: "General",  # figures of any kind, as the author wrote them
    YEAR: "0",
    WHOLE: "#,##0",
    DECIMAL: "#,##0.0",
    SHARE: "0.0 %",  # a fraction shown as per cent
    KRONER: '#,##0" kr."',
    FACTOR: "0.0000",
    PERCENT: "0.0",  # a rate already in per cent (PL-stigning)
    DAY: "dd-mm-yyyy",
    TIME: "dd-mm-yyyy hh:mm",
    QUARTER: '0". kvartal"',
}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float | None = None  # None: from the header and the values


@dataclass(frozen=True)
class Typed:
    """A value with its own number format, for a column of mixed figures."""

    value: Any
    kind: str


@dataclass(frozen=True)
class Table:
    """One sheet: a header row, then rows of text, numbers, dates or None."""

    name: str  # the sheet's name, at most 31 characters
    about: str  # what the sheet shows, beside the internal mark
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]


# --------------------------------------------------------------------------- writing


@dataclass
class _Book:
    """The workbook with its formats, made once."""

    workbook: Any
    year: int
    generated: datetime
    formats: dict[str, Any] = field(default_factory=dict)

    def format(self, kind: str) -> Any:
        return self.formats.get(kind)


def write_appendix(
    path: Path,
    figures: Figures,
    referrals: Sequence[Referral],
    recipient_types: dict[str, str],
    run: RunInfo,
) -> None:
    """Write the appendix at ``path``: Kontrol, the year's referrals, the figure tables."""
    workbook = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            # The run's own folder (``output.run_folder``): its parts hold names
            # and CVR numbers, and a full disk must not leave them in the system's.
            "tmpdir": tempfile.gettempdir(),
        },
    )
    workbook.set_properties(
        {
            "title": f"Afrapportering {figures.year} – internt arbejdsbilag",
            "subject": INTERNAL,
            "comments": f"Lavet {run.generated:%d-%m-%Y %H:%M} af Afrapportering {run.version}.",
            "created": run.generated,
        }
    )
    book = _Book(workbook, figures.year, run.generated)
    book.formats = _formats(workbook)
    _control_sheet(book, figures, run)
    _referral_sheet(book, referrals, recipient_types)
    for table in figure_tables(figures, referrals):
        _table_sheet(book, table)
    workbook.close()


def _formats(workbook: Any) -> dict[str, Any]:
    formats = {
        kind: workbook.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()
    }
    formats["header"] = workbook.add_format(
        {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"}
    )
    formats["mark"] = workbook.add_format({"bold": True, "font_color": "#C00000"})
    formats["title"] = workbook.add_format({"bold": True, "font_size": 14})
    formats["label"] = workbook.add_format({"bold": True})
    formats[TEXT] = formats["wrap"] = workbook.add_format({"text_wrap": True, "valign": "top"})
    return formats


def _print_setup(book: _Book, sheet: Any, repeat_header: bool) -> None:
    """Landscape A4, one page wide, the mark in the page header, pages numbered."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.5, right=0.5, top=0.9, bottom=0.7)
    mark = INTERNAL.replace("&", "&&")
    sheet.set_header(f'&L&"-,Bold"&KC00000{mark}&R&A', {"margin": 0.3})
    sheet.set_footer(
        f"&LAfrapportering {book.year} – bilag, lavet {book.generated:%d-%m-%Y %H:%M}"
        "&RSide &P af &N",
        {"margin": 0.3},
    )
    sheet.set_tab_color("#C00000")
    if repeat_header:
        sheet.repeat_rows(HEADER_ROW)


def _cell_writer(sheet: Any, book: _Book) -> Callable[[int, int, Any, str], None]:
    """Write one value by its Python type; text is always written as text."""
    write_string, write_number = sheet.write_string, sheet.write_number
    day, moment = book.format(DAY), book.format(TIME)

    def write(row: int, col: int, value: Any, kind: str) -> None:
        if value.__class__ is Typed:
            value, kind = value.value, value.kind
        if value is None or value == "":
            return
        cls = value.__class__
        if cls is str:  # long texts wrap within their column on screen and on paper
            write_string(row, col, value, book.format(TEXT))
        elif cls is bool:
            write_string(row, col, "Ja" if value else "Nej")
        elif cls is datetime:
            sheet.write_datetime(row, col, value, moment)
        elif cls is date:
            write_number(row, col, value.toordinal() - EXCEL_EPOCH, day)
        else:
            write_number(row, col, float(value), book.format(kind))

    return write


def _mark_row(book: _Book, sheet: Any, about: str) -> None:
    sheet.write_string(0, 0, f"{INTERNAL} · {about}", book.format("mark"))


def _header(book: _Book, sheet: Any, columns: Sequence[Column], widths: Sequence[float]) -> None:
    for col, (column, width) in enumerate(zip(columns, widths, strict=True)):
        sheet.set_column(col, col, width)
        sheet.write_string(HEADER_ROW, col, column.header, book.format("header"))


def _width(column: Column, rows: Sequence[Sequence[Any]], index: int) -> float:
    """The given width, else room for the header and the longest text (numbers: 12)."""
    if column.width is not None:
        return column.width
    longest = max(
        (len(row[index]) if isinstance(row[index], str) else 10 for row in rows[:1000]),
        default=0,
    )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, len(column.header), longest) + 2))


def _filled(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[int]:
    """The columns that hold at least one value: an empty column is left out."""
    return [
        index
        for index in range(len(columns))
        if any(row[index] is not None and row[index] != "" for row in rows)
    ]


def _table_sheet(book: _Book, table: Table) -> None:
    keep = _filled(table.columns, table.rows) if table.rows else list(range(len(table.columns)))
    columns = [table.columns[i] for i in keep]
    rows = [[row[i] for i in keep] for row in table.rows]
    sheet = book.workbook.add_worksheet(table.name)
    _print_setup(book, sheet, repeat_header=True)
    _mark_row(book, sheet, table.about)
    _header(book, sheet, columns, [_width(c, rows, i) for i, c in enumerate(columns)])
    write = _cell_writer(sheet, book)
    for number, row in enumerate(rows, start=FIRST_ROW):
        for col, (value, column) in enumerate(zip(row, columns, strict=True)):
            write(number, col, value, column.kind)
    last = max(FIRST_ROW, HEADER_ROW + len(rows))
    sheet.autofilter(HEADER_ROW, 0, last, len(columns) - 1)
    sheet.freeze_panes(FIRST_ROW, 0)


# --------------------------------------------------------------------------- Kontrol


CONTROL_WIDTHS = (20, 16, 12, 24, 80)  # Fil, Ark, Celle, Kode, Besked


def _control_sheet(book: _Book, figures: Figures, run: RunInfo) -> None:
    """Facts of the run, the input files, then every warning as a filterable table.

    Five columns serve all three blocks, so the printed page stays readable:
    a file's size stands under "Ark" and its SHA-256 runs on from "Celle".
    """
    sheet = book.workbook.add_worksheet("Kontrol")
    _print_setup(book, sheet, repeat_header=False)
    for col, width in enumerate(CONTROL_WIDTHS):
        sheet.set_column(col, col, width)
    write = _cell_writer(sheet, book)
    label = book.format("label")
    sheet.write_string(0, 0, INTERNAL, book.format("mark"))
    sheet.write_string(1, 0, f"Kontrol af afrapportering {figures.year}", book.format("title"))
    sheet.write_string(
        2,
        0,
        "Bilaget viser, hvad rapportens tal bygger på. Det nævner virksomheder, CVR-numre "
        "og konsulenter og skal ikke med på en offentlig dagsorden.",
    )
    settings = figures.settings
    facts = [
        ("Rapportår", figures.year, YEAR),
        ("Kontraktperiode", f"{settings.first_year}–{settings.last_year}", TEXT),
        ("Lavet", run.generated.replace(microsecond=0), TIME),
        ("Programversion", run.version, TEXT),
        ("Eksempeldata", settings.example_data, TEXT),
        ("Advarsler", len(run.warnings), WHOLE),
    ]
    row = 3
    for name, value, kind in facts:
        row += 1
        sheet.write_string(row, 0, name, label)
        write(row, 1, value, kind)

    row += 2
    sheet.write_string(row, 0, "Inputfiler", label)
    row += 1
    for col, header in enumerate(("Fil", "Størrelse (byte)", "SHA-256")):
        sheet.write_string(row, col, header, book.format("header"))
    for file in run.files:
        row += 1
        sheet.write_string(row, 0, file.name)
        sheet.write_number(row, 1, file.size, book.format(WHOLE))
        sheet.write_string(row, 2, file.sha256)

    row += 2
    sheet.write_string(row, 0, "Advarsler", label)
    row += 1
    headers = ("Fil", "Ark", "Celle", "Kode", "Besked")
    for col, header in enumerate(headers):
        sheet.write_string(row, col, header, book.format("header"))
    header_row = row
    if not run.warnings:
        row += 1
        sheet.write_string(row, 0, "Ingen advarsler.")
    # A log of 200,000 rows may hold 178,000 likely duplicates, all listed here:
    # one format lookup keeps that to seconds.
    write_string = sheet.write_string
    wrap = book.format("wrap")
    for problem in run.warnings:
        row += 1
        cells = (problem.file, problem.sheet, problem.cell, str(problem.code), problem.message)
        for col, value in enumerate(cells):
            if value:
                write_string(row, col, value, wrap)
    sheet.autofilter(header_row, 0, max(row, header_row + 1), len(headers) - 1)


# --------------------------------------------------------------------------- referrals


REFERRAL_COLUMNS = HENVISNINGER.sheets[0].columns
TYPE_HEADER, QUARTER_HEADER = "Type", "Kvartal"


def _referral_sheet(
    book: _Book, referrals: Sequence[Referral], recipient_types: dict[str, str]
) -> None:
    """Every referral of the year, in log order, with its type and quarter.

    The biggest sheet by far, so it is written by a loop of its own: each
    column's writer is chosen once, not per cell.
    """
    fields = [
        (index, column)
        for index, column in enumerate(REFERRAL_COLUMNS)
        if column.required or any(r[index] for r in referrals)
    ]
    columns = [Column(c.header, DAY if c.key == "date" else TEXT, c.width) for _, c in fields]
    columns += [Column(TYPE_HEADER, TEXT, 20), Column(QUARTER_HEADER, QUARTER, 11)]
    sheet = book.workbook.add_worksheet(f"Henvisninger {book.year}")
    _print_setup(book, sheet, repeat_header=True)
    _mark_row(book, sheet, f"alle {wording.number(len(referrals))} henvisninger i {book.year}")
    _header(book, sheet, columns, [_width(column, (), col) for col, column in enumerate(columns)])
    write_string, write_number = sheet.write_string, sheet.write_number
    day = book.format(DAY)
    date_index = next(i for i, (_, c) in enumerate(fields) if c.key == "date")
    texts = [(col, index) for col, (index, _) in enumerate(fields) if col != date_index]
    type_col, quarter_col = len(fields), len(fields) + 1
    quarter = book.format(QUARTER)
    row = HEADER_ROW
    for row, referral in enumerate(referrals, start=FIRST_ROW):
        write_number(row, date_index, referral.date.toordinal() - EXCEL_EPOCH, day)
        for col, index in texts:
            value = referral[index]
            if value:
                write_string(row, col, value)
        kind = recipient_types.get(referral.recipient)
        if kind:
            write_string(row, type_col, kind)
        # A number shown as "2. kvartal": it sorts and filters as a quarter should.
        write_number(row, quarter_col, (referral.date.month + 2) // 3, quarter)
    cvr = next((col for col, (_, c) in enumerate(fields) if c.key == "cvr"), None)
    if cvr is not None and row >= FIRST_ROW:  # CVR numbers are text on purpose
        letter = column_letter(cvr)
        sheet.ignore_errors({"number_stored_as_text": f"{letter}{FIRST_ROW + 1}:{letter}{row + 1}"})
    sheet.autofilter(HEADER_ROW, 0, max(row, FIRST_ROW), len(columns) - 1)
    sheet.freeze_panes(FIRST_ROW, 0)


# --------------------------------------------------------------------------- figure tables


def _share(value: Decimal | None) -> Decimal | None:
    """A per-cent figure as the fraction Excel's per cent format expects."""
    return None if value is None else value / 100


def _count_table(name: str, about: str, label: str, counts: Sequence[Count], year: int) -> Table:
    return Table(
        name,
        about,
        [
            Column(label),
            Column("Type"),
            Column(str(year - 1), WHOLE, 10),
            Column(str(year), WHOLE, 10),
            Column(f"Andel {year}", SHARE, 11),
        ],
        [(c.label, c.group, c.previous, c.count, _share(c.share)) for c in counts],
    )


def figure_tables(figures: Figures, referrals: Sequence[Referral]) -> list[Table]:
    """The tables behind the report's figures, one sheet each."""
    r, year = figures.referrals, figures.year
    return [
        _summary(figures),
        _count_table(
            "Modtagere", f"henvisninger i {year} pr. modtager", "Modtager", r.by_recipient, year
        ),
        _count_table("Typer", f"henvisninger i {year} pr. type", "Type", r.by_type, year),
        _count_table(
            "Kvartaler", f"henvisninger i {year} pr. kvartal", "Kvartal", r.by_quarter, year
        ),
        _count_table("Måneder", f"henvisninger i {year} pr. måned", "Måned", r.by_month, year),
        _count_table("Emner", f"henvisninger i {year} pr. emne", "Emne", r.by_topic, year),
        _companies(referrals, year),
        Table(
            "År",
            "henvisninger pr. år",
            [Column("År", YEAR, 8), Column("Henvisninger", WHOLE, 14)],
            [(y, n) for y, n in r.yearly_totals],
        ),
        Table(
            "Kvartaler pr. år",
            "henvisninger pr. kvartal i kontraktens år",
            [Column("År", YEAR, 8)] + [Column(f"{q}. kvartal", WHOLE, 12) for q in range(1, 5)],
            [(y, *quarters) for y, quarters in r.quarters_by_year],
        ),
        Table(
            "Karriereby",
            f"timer til Karriereby Viborg i {year} pr. opgave",
            [Column("Opgave"), Column("Timer", DECIMAL, 10), Column("Andel", SHARE, 10)],
            [(t.task, t.hours, _share(t.share)) for t in figures.career.by_task],
        ),
        Table(
            "Karriereby pr. år",
            "timer til Karriereby Viborg pr. kontraktår",
            [
                Column("År", YEAR, 8),
                Column("Timer", DECIMAL, 12),
                Column("Andel af ét årsværk", SHARE, 18),
            ],
            [(y.year, y.hours, _share(y.fte_pct)) for y in figures.career.by_year],
        ),
        Table(
            "CFI-resultatmål",
            f"CFI's resultatmål for {year}",
            [
                Column("Nr.", TEXT, 6),
                Column("Resultatmål", TEXT, 50),
                Column("Enhed"),
                Column("Mål", DECIMAL, 10),
                Column("Resultat", DECIMAL, 10),
                Column("Retning", TEXT, 10),
                Column("Status", TEXT, 13),
                Column("Kommentar", TEXT, 40),
            ],
            [
                (g.number, g.goal, g.unit, g.target, g.result, g.direction, g.status, g.comment)
                for g in figures.goals.goals
            ],
        ),
        _goals_over_years(figures),
        Table(
            "CFI pr. år",
            "CFI's resultatmål opfyldt pr. kontraktår",
            [Column("År", YEAR, 8), Column("Opfyldt", WHOLE, 10), Column("I alt", WHOLE, 10)],
            [(y.year, y.met, y.total) for y in figures.goals.by_year],
        ),
        Table(
            "Månedsmøder",
            f"månedsmøder i {year}",
            [Column("Dato", DAY, 12), Column("Måned", TEXT, 12), Column("Emner", TEXT, 60)],
            [(m.date, wording.month_label(m.date.month), m.topics) for m in figures.meetings.dates],
        ),
        Table(
            "Kontraktpunkter",
            f"kontraktens punkter og deres status i {year}",
            [
                Column("Nr.", TEXT, 9),
                Column("Område", TEXT, 30),
                Column("Punkt", TEXT, 45),
                Column("Status", TEXT, 22),
                Column("Beskrivelse", TEXT, 60),
            ],
            [
                (p.number, p.area, p.point, p.status or NO_ROW, p.description)
                for area in figures.points
                for p in area.points
            ],
        ),
        _key_figures(figures),
        _economy(figures),
        Table(
            "Øremærkninger",
            f"øremærkede beløb til og med {year}",
            [
                Column("År", YEAR, 8),
                Column("Formål", TEXT, 50),
                Column("Grundbeløb", KRONER, 16),
                Column("Reguleres", TEXT, 10),
                Column("Beløb", KRONER, 16),
            ],
            [(e.year, e.purpose, e.base_amount, e.regulated, e.amount) for e in figures.earmarks],
        ),
        _period(figures),
    ]


def _goals_over_years(figures: Figures) -> Table:
    """Each of the year's goals beside its result in the earlier contract years."""
    goals = figures.goals.goals
    years = [e.year for e in goals[0].earlier] if goals else []
    columns = [Column("Nr.", TEXT, 6), Column("Resultatmål", TEXT, 44)]
    for each in [*years, figures.year]:
        columns += [Column(f"Resultat {each}", DECIMAL, 12), Column(f"Opfyldt {each}", TEXT, 11)]
    rows = []
    for goal in goals:
        row: list[Any] = [goal.number, goal.goal]
        for earlier in goal.earlier:
            row += [earlier.result, earlier.met]
        rows.append((*row, goal.result, goal.met))
    return Table("CFI over årene", "CFI's resultatmål over kontraktens år", columns, rows)


def _key_figures(figures: Figures) -> Table:
    """The author's key figures (Nøgletal), one column per year."""
    table = figures.key_figures
    return Table(
        "Nøgletal",
        "nøgletal over årene (fra aarsdata.xlsx)",
        [
            Column("Nøgletal", TEXT, 36),
            Column("Enhed", TEXT, 10),
            *[Column(str(y), GENERAL, 12) for y in table.years],
            Column(f"Kommentar {figures.year}", TEXT, 40),
        ],
        [(row.name, row.unit, *row.values, row.comment) for row in table.rows],
    )


def _period(figures: Figures) -> Table:
    """The contract years so far, one row each, and the totals."""
    rows = figures.overview
    total = period_total(rows) if rows else None
    body: list[tuple[object, ...]] = [
        (
            o.year,
            o.referrals,
            o.career_hours,
            o.goals_met,
            o.goals_total,
            o.meetings,
            o.contract_sum,
        )
        for o in rows
    ]
    if total is not None:
        body.append(
            (
                "I alt",
                total.referrals,
                total.career_hours,
                total.goals_met,
                total.goals_total,
                total.meetings,
                total.contract_sum,
            )
        )
    settings = figures.settings
    return Table(
        "Perioden",
        f"kontraktperioden {settings.first_year}–{settings.last_year} år for år",
        [
            Column("År", YEAR, 8),
            Column("Henvisninger", WHOLE, 13),
            Column("Timer Karriereby", DECIMAL, 16),
            Column("Mål opfyldt", WHOLE, 12),
            Column("Mål i alt", WHOLE, 10),
            Column("Måneder med møde", WHOLE, 17),
            Column("Kontraktsum", KRONER, 16),
        ],
        body,
    )


def _summary(figures: Figures) -> Table:
    """The key figures of the report, each in one row."""
    f, r = figures, figures.referrals
    rows: list[tuple[str, Any, str]] = [
        (f"Henvisninger i {f.year}", r.total, WHOLE),
        (f"Henvisninger i {f.year - 1}", r.previous_total, WHOLE),
        ("Ændring i antal", r.change, WHOLE),
        ("Ændring i procent", _share(r.change_pct), SHARE),
        ("Forskellige virksomheder", r.companies, WHOLE),
        ("Henvisninger uden CVR-nr.", r.without_cvr, WHOLE),
        ("Timer til Karriereby Viborg", f.career.hours, DECIMAL),
        ("Timer pr. årsværk", f.career.fte_hours, DECIMAL),
        ("Andel af ét årsværk", _share(f.career.fte_pct), SHARE),
        ("CFI's resultatmål opfyldt", f.goals.met, WHOLE),
        ("CFI's resultatmål i alt", f.goals.total, WHOLE),
        ("Måneder med månedsmøde", f.meetings.held, WHOLE),
        (f"Kontraktsum {f.year}", f.this_year.amount, KRONER),
        (f"Øremærket {f.year}", f.this_year.earmarked, KRONER),
        (f"Til rådighed {f.year}", f.this_year.remaining, KRONER),
    ]
    return Table(
        "Sammenfatning",
        f"rapportens nøgletal for {f.year}",
        [Column("Tal", TEXT, 34), Column("Værdi", TEXT, 16)],
        [(label, Typed(value, kind)) for label, value, kind in rows],
    )


def _companies(referrals: Sequence[Referral], year: int) -> Table:
    """Each distinct company referred in the year (by CVR, else by name) with its count."""
    seen: dict[str, list[Any]] = {}
    for referral in referrals:
        key = company_key(referral)
        entry = seen.get(key)
        if entry is None:
            seen[key] = [referral.company, referral.cvr, 1]
        else:
            entry[2] += 1
    rows = sorted(seen.values(), key=lambda e: (-e[2], e[0].casefold()))
    return Table(
        "Virksomheder",
        f"forskellige virksomheder henvist i {year}",
        [
            Column("Virksomhed", TEXT, 40),
            Column("CVR-nr.", TEXT, 12),
            Column("Henvisninger", WHOLE, 14),
        ],
        [tuple(row) for row in rows],
    )


def _economy(figures: Figures) -> Table:
    rows = []
    for e in figures.economy:
        rate = e.rate
        rows.append(
            (
                e.year,
                None if rate is None else rate.rate,
                None if rate is None else rate.source,
                e.status,
                e.factor.quantize(FACTOR_PLACES),
                e.amount,
                e.earmarked,
                e.remaining,
            )
        )
    return Table(
        "Økonomi",
        "kontraktsum og prisregulering pr. år",
        [
            Column("År", YEAR, 8),
            Column("PL-stigning (%)", PERCENT, 12),
            Column("Kilde", TEXT, 30),
            Column("Status", TEXT, 11),
            Column("Reguleringsfaktor", FACTOR, 14),
            Column("Kontraktsum", KRONER, 16),
            Column("Øremærket", KRONER, 16),
            Column("Til rådighed", KRONER, 16),
        ],
        rows,
    )
