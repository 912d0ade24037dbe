"""A corpus of bad workbooks: each is reported at its exact file, sheet and cell.

Every case starts from the valid folder of ``tests/factory.py`` and breaks one
thing the way an author would (in Excel or in the file system). ``pipeline.check``
must report a stable code at the right place, make no figures (so no report)
when there are errors, and leave the input files untouched. A few representative
cases also run the real command line in-process: exit code 1 (2 when a workbook
cannot be read at all, 0 with only warnings), the error report, the console.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from factory import column_of, edit_cell, valid_data, write_inputs
from libreoffice import convert
from openpyxl import load_workbook

import generator.pipeline
from generator.cli import main
from generator.core.problems import Level, Problem, cannot_start, column_letter
from generator.core.schema import (
    AARSDATA,
    AT_LEAST,
    AT_MOST,
    COOPERATION_TYPES,
    DEFAULT_CONTRACT_POINTS,
    DEFAULT_RECIPIENTS,
    DEFAULT_TOPICS,
    ESTIMATE,
    FINAL,
    HENVISNINGER,
    KONTRAKT,
    SETTINGS_HEADERS,
    WORKBOOKS,
    YES,
    Sheet,
    Workbook,
)
from generator.output.crashlog import LOG_NAME
from generator.output.error_workbook import OVERVIEW, RED, YELLOW
from generator.pipeline import check
from generator.reading.container import ENCRYPTED_STREAM, OLE_HEAD_BYTES, OLE_MAGIC, is_encrypted

SETTINGS, PRICE_INDEX, EARMARKS, POINTS = KONTRAKT.sheets
REFERRALS, LISTS = HENVISNINGER.sheets
GOALS, CAREER, FOCUS, COOPERATION, MEETINGS, KEY_FIGURES = AARSDATA.sheets
ERROR, WARNING = str(Level.ERROR), str(Level.WARNING)
YEAR = 2023  # the report year of the factory's valid data
FAR_FUTURE = date(2099, 1, 1)  # a date after 2100 is no date at all, so stay below it
SETTING_VALUE = column_letter(len(SETTINGS_HEADERS) - 1)  # the last of (Felt, Værdi)
COPY_ROW = len(valid_data()[REFERRALS.name]) + 2  # below the header and the rows
RECIPIENT, HOUSE = DEFAULT_RECIPIENTS[0]  # a recipient on the lists, and its type
POINT, CAMPAIGN = DEFAULT_CONTRACT_POINTS[3][2], COOPERATION_TYPES[2]

Expected = tuple[str, str | None, str | None, str, str]  # (fil, ark, celle, niveau, kode)
Breaker = Callable[[Path], Any]


# --- where things are, derived from the schema --------------------------------------------


def workbook_of(sheet: Sheet) -> Workbook:
    return next(workbook for workbook in WORKBOOKS if sheet in workbook.sheets)


def cell(sheet: Sheet, key: str, row: int) -> str:
    return f"{column_of(sheet.name, key)}{row}"


def setting_row(key: str) -> int:
    """``write_inputs`` writes one setting a row, in schema order, under the header."""
    return [column.key for column in SETTINGS.columns].index(key) + 2


def setting_cell(key: str) -> str:
    return f"{SETTING_VALUE}{setting_row(key)}"


def header_of(sheet: Sheet, key: str) -> str:
    return sheet.column(key).header


def at(sheet: Sheet, where: str | None, level: str, code: str) -> Expected:
    return (workbook_of(sheet).filename, sheet.name, where, level, code)


def on_file(workbook: Workbook, code: str) -> Expected:
    return (workbook.filename, None, None, ERROR, code)


# --- ways to break a valid folder ----------------------------------------------------------


def put_at(sheet: Sheet, ref: str, value: Any) -> Breaker:
    return lambda folder: edit_cell(folder, workbook_of(sheet).filename, sheet.name, ref, value)


def put(sheet: Sheet, key: str, row: int, value: Any) -> Breaker:
    """Type ``value`` into the ``key`` column of ``row`` (row 1 is the header)."""
    return put_at(sheet, cell(sheet, key, row), value)


def change_sheet(sheet: Sheet, change: Callable[[Any], Any]) -> Breaker:
    """Open the workbook with openpyxl, ``change(worksheet)``, save it."""

    def breaks(folder: Path) -> None:
        path = folder / workbook_of(sheet).filename
        workbook = load_workbook(path)
        change(workbook[sheet.name])
        workbook.save(path)

    return breaks


def change_data(change: Callable[[dict], Any]) -> Breaker:
    """Write the folder again from ``valid_data()`` after ``change(data)``."""

    def breaks(folder: Path) -> None:
        data = valid_data()
        change(data)
        write_inputs(folder, data)

    return breaks


def remove_file(workbook: Workbook) -> Breaker:
    return lambda folder: (folder / workbook.filename).unlink()


def replace_file(workbook: Workbook, data: bytes, suffix: str = ".xlsx") -> Breaker:
    """Put ``data`` where the workbook was, saved under ``suffix``."""

    def breaks(folder: Path) -> None:
        (folder / workbook.filename).unlink()
        (folder / workbook.filename).with_suffix(suffix).write_bytes(data)

    return breaks


def truncate_file(workbook: Workbook) -> Breaker:
    """Cut the file in half, as a copy interrupted mid-way would."""

    def breaks(folder: Path) -> None:
        path = folder / workbook.filename
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    return breaks


def add_file(name: str, data: bytes) -> Breaker:
    return lambda folder: (folder / name).write_bytes(data)


def remove_sheet(sheet: Sheet) -> Breaker:
    def breaks(folder: Path) -> None:
        path = folder / workbook_of(sheet).filename
        workbook = load_workbook(path)
        del workbook[sheet.name]
        workbook.save(path)

    return breaks


def rename_sheet(sheet: Sheet, title: str) -> Breaker:
    return change_sheet(sheet, lambda ws: setattr(ws, "title", title))


def hide_row(sheet: Sheet, row: int) -> Breaker:
    return change_sheet(sheet, lambda ws: setattr(ws.row_dimensions[row], "hidden", True))


def merge(sheet: Sheet, key: str, top: int, bottom: int) -> Breaker:
    span = f"{cell(sheet, key, top)}:{cell(sheet, key, bottom)}"
    return change_sheet(sheet, lambda ws: ws.merge_cells(span))


def delete_column(sheet: Sheet, key: str) -> Breaker:
    position = [column.key for column in sheet.columns].index(key) + 1
    return change_sheet(sheet, lambda ws: ws.delete_cols(position))


def serial_date(sheet: Sheet, key: str, row: int, serial: int) -> Breaker:
    """Excel's day number in a cell formatted as a plain number, not as a date."""

    def change(ws) -> None:
        ws[cell(sheet, key, row)] = serial
        ws[cell(sheet, key, row)].number_format = "General"

    return change_sheet(sheet, change)


def append_copy_of_last(sheet: Sheet) -> Breaker:
    return change_data(lambda data: data[sheet.name].append(dict(data[sheet.name][-1])))


def keep_rows(sheet: Sheet, keep: Callable[[dict], bool]) -> Breaker:
    def change(data: dict) -> None:
        data[sheet.name] = [row for row in data[sheet.name] if keep(row)]

    return change_data(change)


def csv_bytes(sheet: Sheet) -> bytes:
    header = ";".join(column.header for column in sheet.columns)
    return f"{header}\n01-02-2023;Test ApS;;;;;\n".encode()


def ods_bytes() -> bytes:
    """An OpenDocument spreadsheet is a zip whose first entry is ``mimetype``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


OLE_JUNK = OLE_MAGIC + b"\x00" * 504
XLS_BYTES = OLE_JUNK + b"Workbook junk"
ENCRYPTED_BYTES = OLE_JUNK + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64


# --- the corpus ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One bad folder: how it is broken, and what must be reported (a subset)."""

    name: str
    breaks: Breaker
    expected: tuple[Expected, ...]
    says: str = ""  # text the first expected problem's message must contain
    exits: tuple[int, ...] = (1,)
    absent: tuple[str, ...] = ()  # codes that must not be reported


def typed(
    name: str, sheet: Sheet, key: str, row: int, value: Any, code: str, **options: Any
) -> Case:
    """A case that types ``value`` into one cell and expects ``code`` at that cell.

    ``options`` are ``level`` (default fejl) and the ``Case`` fields ``says`` and ``absent``.
    """
    level = options.pop("level", ERROR)
    expected = (at(sheet, cell(sheet, key, row), level, code),)
    return Case(name, put(sheet, key, row, value), expected, **options)


def typed_setting(name: str, key: str, value: Any, code: str, **options: Any) -> Case:
    """A case that types ``value`` as one setting of the Kontrakt sheet."""
    expected = (at(SETTINGS, setting_cell(key), ERROR, code),)
    return Case(name, put_at(SETTINGS, setting_cell(key), value), expected, **options)


def warns(
    name: str, sheet: Sheet, key: str, row: int, value: Any, code: str, says: str = ""
) -> Case:
    """Like ``typed``, for a warning: the report is still written."""
    return typed(name, sheet, key, row, value, code, level=WARNING, says=says)


def misspelt(name: str, sheet: Sheet, key: str, row: int, typo: str, meant: str) -> Case:
    """A value off its list by a typo: an error that suggests the listed value."""
    return typed(name, sheet, key, row, typo, "ukendt-vaerdi", says=f"Mente du '{meant}'?")


FILE_EXITS = (2,)  # a workbook that cannot be read at all: "cannot start"

ERROR_CASES = [
    *(
        Case(f"missing-{wb.key}", remove_file(wb), (on_file(wb, "fil-mangler"),), exits=FILE_EXITS)
        for wb in WORKBOOKS
    ),
    Case(
        "sheet-renamed-lookalike",
        rename_sheet(REFERRALS, REFERRALS.name[:-1]),
        (at(REFERRALS, None, ERROR, "ark-mangler"),),
        says=f"mente du '{REFERRALS.name}'?",
    ),
    Case(
        "sheet-deleted",
        remove_sheet(MEETINGS),
        (at(MEETINGS, None, ERROR, "ark-mangler"),),
        says="Arkene i filen hedder",
    ),
    Case(
        "header-renamed-lookalike",
        put(REFERRALS, "company", 1, header_of(REFERRALS, "company")[:-1]),
        (at(REFERRALS, cell(REFERRALS, "company", 1), ERROR, "kolonne-mangler"),),
        says=f"mente du '{header_of(REFERRALS, 'company')}'?",
    ),
    Case(
        "settings-header-renamed-lookalike",
        put_at(SETTINGS, f"{SETTING_VALUE}1", SETTINGS_HEADERS[-1] + "er"),
        (at(SETTINGS, f"{SETTING_VALUE}1", ERROR, "kolonne-mangler"),),
        says=f"mente du '{SETTINGS_HEADERS[-1]}'?",
    ),
    Case(
        "header-without-lookalike",
        put(EARMARKS, "amount", 1, "Xyz"),
        (at(EARMARKS, None, ERROR, "kolonne-mangler"),),
        says=header_of(EARMARKS, "amount"),
    ),
    Case(
        "header-twice",
        put(REFERRALS, "note", 1, header_of(REFERRALS, "company")),
        (
            at(REFERRALS, cell(REFERRALS, "note", 1), ERROR, "dobbelt-kolonne"),
            at(REFERRALS, None, WARNING, "kolonne-mangler"),  # the overwritten Bemærkning
        ),
        says=cell(REFERRALS, "company", 1),
    ),
    typed("empty-required-cell", REFERRALS, "company", 5, None, "tom-celle"),
    typed_setting("empty-required-setting", "municipality", None, "tom-celle"),
    typed("impossible-date", REFERRALS, "date", 5, "32-13-2024", "ugyldig-dato"),
    typed("word-in-date-column", MEETINGS, "date", 3, "i går", "ugyldig-dato"),
    typed("word-in-number-column", GOALS, "target", 2, "fem", "ugyldigt-tal"),
    typed("word-in-hours-column", CAREER, "hours", 3, "fem", "ugyldigt-tal"),
    typed("negative-hours", CAREER, "hours", 4, -5, "negativt-tal"),
    typed("negative-amount", EARMARKS, "amount", 2, -375000, "negativt-tal"),
    typed("future-referral", REFERRALS, "date", 2, FAR_FUTURE, "fremtidig-dato"),
    typed("future-meeting", MEETINGS, "date", 4, FAR_FUTURE, "fremtidig-dato"),
    misspelt(
        "recipient-misspelt", REFERRALS, "recipient", 4, RECIPIENT.replace("ll", "l"), RECIPIENT
    ),
    misspelt("topic-misspelt", REFERRALS, "topic", 3, DEFAULT_TOPICS[1][:-2], DEFAULT_TOPICS[1]),
    misspelt("direction-misspelt", GOALS, "direction", 3, AT_LEAST + "e", AT_LEAST),
    misspelt("price-status-misspelt", PRICE_INDEX, "status", 3, FINAL + "t", FINAL),
    misspelt("contract-point-misspelt", FOCUS, "point", 5, POINT.replace("l", "le", 1), POINT),
    typed(
        "contract-point-not-on-its-sheet",
        *(FOCUS, "point", 3, "Noget helt andet", "ukendt-vaerdi"),
        says="arket Kontraktpunkter",
        absent=("punkt-uden-indsats",),
    ),
    misspelt("point-status-misspelt", FOCUS, "status", 2, "Løbene", "Løbende"),
    typed(
        "example-rate-source-in-real-data",
        *(PRICE_INDEX, "source", 3, "Eksempel: KL's PL-skøn", "eksempel-sats"),
        says="Eksempeldata er sat til Nej",
    ),
    Case(
        "contract-points-sheet-missing",
        remove_sheet(POINTS),
        (at(POINTS, None, ERROR, "ark-mangler"),),
    ),
    misspelt("cooperation-type-misspelt", COOPERATION, "type", 2, CAMPAIGN + "r", CAMPAIGN),
    misspelt("lists-type-misspelt", LISTS, "recipient_type", 2, HOUSE + "e", HOUSE),
    typed(
        "recipient-not-on-list",
        *(REFERRALS, "recipient", 6, "Xyz Qwerty", "ukendt-vaerdi"),
        says="tilføj værdien til listen",
    ),
    typed(
        "direction-not-on-list",
        *(GOALS, "direction", 2, "Op", "ukendt-vaerdi"),
        says=f"Vælg en af: '{AT_LEAST}', '{AT_MOST}'.",
    ),
    typed("regulated-not-yes-or-no", EARMARKS, "regulated", 3, "Måske", "ukendt-vaerdi", says=YES),
    typed_setting("example-data-not-yes-or-no", "example_data", YES + "a", "ukendt-vaerdi"),
    Case(
        "lists-emptied",
        change_sheet(LISTS, lambda ws: ws.delete_rows(2, ws.max_row)),
        (at(LISTS, None, ERROR, "tom-liste"),),
        says="er tom",
    ),
    typed(
        "lists-recipient-without-type",
        *(LISTS, "recipient_type", 3, None, "type-mangler"),
        says=DEFAULT_RECIPIENTS[1][0],
    ),
    typed("cvr-wrong-length", REFERRALS, "cvr", 7, "1234567", "cvr-laengde"),
    typed("cvr-bad-check-digit", REFERRALS, "cvr", 8, "12345678", "cvr-kontrolciffer"),
    typed("cvr-with-letters", REFERRALS, "cvr", 9, "1015O817", "cvr-format"),
    Case(
        "price-index-year-missing",
        keep_rows(PRICE_INDEX, lambda row: row["year"] != YEAR - 1),
        (at(PRICE_INDEX, None, ERROR, "prisindeks-mangler"),),
        says=f"Satsen for {YEAR - 1} mangler",
    ),
    Case(
        "price-index-year-twice",
        append_copy_of_last(PRICE_INDEX),
        (at(PRICE_INDEX, cell(PRICE_INDEX, "year", 5), ERROR, "dobbelt-aar"),),
        says="række 4",
    ),
    typed("formula-without-cached-value", CAREER, "hours", 5, "=1+1", "formel-uden-vaerdi"),
    typed_setting("formula-in-settings", "base_amount", "=2762000*1", "formel-uden-vaerdi"),
    Case(
        "merged-cells-in-data",
        merge(REFERRALS, "company", 3, 4),
        (
            at(REFERRALS, cell(REFERRALS, "company", 3), ERROR, "flettede-celler"),
            at(REFERRALS, cell(REFERRALS, "company", 4), ERROR, "tom-celle"),
        ),
    ),
    typed("goal-without-result", GOALS, "result", 3, None, "resultat-mangler"),
    Case(
        "result-column-missing",
        delete_column(GOALS, "result"),
        (
            at(GOALS, None, WARNING, "kolonne-mangler"),
            at(GOALS, None, ERROR, "resultat-mangler"),
        ),
    ),
    Case(
        "xls-instead-of-xlsx",
        replace_file(HENVISNINGER, XLS_BYTES, ".xls"),
        (on_file(HENVISNINGER, "forkert-format"),),
        says="(.xls)",
        exits=FILE_EXITS,
    ),
    Case(
        "xls-renamed-to-xlsx",
        replace_file(AARSDATA, XLS_BYTES),
        (on_file(AARSDATA, "forkert-format"),),
        says="(.xls)",
        exits=FILE_EXITS,
    ),
    Case(
        "ods-instead-of-xlsx",
        replace_file(KONTRAKT, ods_bytes(), ".ods"),
        (on_file(KONTRAKT, "forkert-format"),),
        says="(.ods)",
        exits=FILE_EXITS,
    ),
    Case(
        "ods-renamed-to-xlsx",
        replace_file(KONTRAKT, ods_bytes()),
        (on_file(KONTRAKT, "forkert-format"),),
        says="(.ods)",
        exits=FILE_EXITS,
    ),
    Case(
        "csv-instead-of-xlsx",
        replace_file(HENVISNINGER, csv_bytes(REFERRALS), ".csv"),
        (on_file(HENVISNINGER, "forkert-format"),),
        says="(.csv)",
        exits=FILE_EXITS,
    ),
    Case(
        "csv-renamed-to-xlsx",
        replace_file(HENVISNINGER, csv_bytes(REFERRALS)),
        (on_file(HENVISNINGER, "ikke-xlsx"),),
        says=".csv",
        exits=FILE_EXITS,
    ),
    Case(
        "truncated-zip",
        truncate_file(AARSDATA),
        (on_file(AARSDATA, "oedelagt-fil"),),
        exits=FILE_EXITS,
    ),
    Case(
        "password-protected",
        replace_file(KONTRAKT, ENCRYPTED_BYTES),
        (on_file(KONTRAKT, "beskyttet-fil"),),
        says="adgangskode",
        exits=FILE_EXITS,
    ),
    typed("year-as-word", COOPERATION, "year", 2, "tyvetreogtyve", "ugyldigt-aar"),
    typed("year-out-of-range", FOCUS, "year", 3, 1850, "ugyldigt-aar"),
    typed("month-13", CAREER, "month", 6, 13, "ugyldig-maaned"),
    typed_setting("rounding-zero", "rounding", 0, "ugyldig-afrunding"),
    typed_setting("rounding-not-whole", "rounding", 2.5, "ikke-heltal"),
    typed_setting("period-backwards", "last_year", 2019, "ugyldig-periode"),
    typed_setting("price-level-after-first-year", "price_level", 2021, "ugyldig-prisniveau"),
    typed_setting("setting-of-wrong-type", "base_amount", "mange", "ugyldigt-tal"),
    Case(
        "setting-row-missing",
        change_sheet(SETTINGS, lambda ws: ws.delete_rows(setting_row("committee"))),
        (at(SETTINGS, None, ERROR, "felt-mangler"),),
        says=f"'{header_of(SETTINGS, 'committee')}'",
    ),
]

WARNING_CASES = [
    warns("date-as-text", REFERRALS, "date", 2, "31.01.2023", "dato-som-tekst"),
    Case(
        "date-as-serial-number",
        serial_date(MEETINGS, "date", 2, 44936),
        (at(MEETINGS, cell(MEETINGS, "date", 2), WARNING, "dato-som-tal"),),
        says="10-01-2023",
    ),
    warns(
        "number-as-text", CAREER, "hours", 2, "1.234,50", "tal-som-tekst", says="læst som 1.234,5"
    ),
    warns("year-as-text", COOPERATION, "year", 2, str(YEAR), "tal-som-tekst"),
    Case(
        "likely-duplicate-referral",
        append_copy_of_last(REFERRALS),
        (at(REFERRALS, cell(REFERRALS, "company", COPY_ROW), WARNING, "mulig-dublet"),),
        says=f"række {COPY_ROW - 1}",
    ),
    Case("hidden-row", hide_row(REFERRALS, 5), (at(REFERRALS, "A5", WARNING, "skjult-raekke"),)),
    Case(
        "blank-row-in-the-middle",
        change_sheet(MEETINGS, lambda ws: ws.insert_rows(6)),
        (at(MEETINGS, "A6", WARNING, "tom-raekke"),),
    ),
    warns("rate-still-an-estimate", PRICE_INDEX, "status", 4, ESTIMATE, "skoen"),
    Case(
        "contract-point-without-a-row",
        keep_rows(FOCUS, lambda row: row["point"] != DEFAULT_CONTRACT_POINTS[1][2]),
        (at(FOCUS, None, WARNING, "punkt-uden-indsats"),),
        says="§ 3 a ii. Agro Business Park",
    ),
    Case(
        "career-hours-far-from-one-fte",
        put(CAREER, "hours", 7, 5000.5),
        (at(CAREER, None, WARNING, "karriereby-timer"),),
        says="6.760,5 timer",
    ),
    Case(
        "fewer-than-12-meetings",
        keep_rows(MEETINGS, lambda row: row["date"].month <= 9),
        (at(MEETINGS, None, WARNING, "faa-moeder"),),
        says="9 af 12",
    ),
    warns("topic-twice-on-lists", LISTS, "topic", 4, DEFAULT_TOPICS[0], "dobbelt-i-liste"),
    Case(
        "optional-column-missing",
        put(REFERRALS, "adviser", 1, "Xyz"),
        (at(REFERRALS, None, WARNING, "kolonne-mangler"),),
    ),
    Case("lock-file-ignored", add_file(f"~${HENVISNINGER.filename}", b"\x00lock"), ()),
]


# --- running the command line ----------------------------------------------------------------


def fingerprint(folder: Path) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.iterdir()}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def lav(capsys, folder: Path, out: Path) -> tuple[int, str]:
    code, stdout, _ = run(capsys, "lav", "--input", str(folder), "--output", str(out))
    return code, stdout


def tjek_json(capsys, folder: Path, out: Path) -> tuple[int, list[dict]]:
    code, stdout, _ = run(capsys, "tjek", "--json", "--input", str(folder), "--output", str(out))
    return code, json.loads(stdout)


def as_tuples(problems: list[dict]) -> set[Expected]:
    return {(p["fil"], p["ark"], p["celle"], p["niveau"], p["kode"]) for p in problems}


def as_found(problems: list[Problem]) -> set[Expected]:
    return {(p.file, p.sheet, p.cell, str(p.level), str(p.code)) for p in problems}


def assert_found(case: Case, problems: list[Problem]) -> None:
    """The expected problems are found, the absent ones not, and the first says its hint."""
    found = as_found(problems)
    assert set(case.expected) <= found, sorted(found, key=str)
    assert not {str(p.code) for p in problems} & set(case.absent)
    if case.says:
        first = next(p for p in problems if as_found([p]) == {case.expected[0]})
        assert case.says in first.message


def assert_reported(case: Case, problems: list[dict], console: str) -> None:
    """The expected problems are in the JSON, their cells in the console output."""
    assert set(case.expected) <= as_tuples(problems), json.dumps(problems, ensure_ascii=False)
    for file, _, where, _, _ in case.expected:
        assert file in console and (where is None or f"{where}: " in console)


def broken_folder(tmp_path: Path, case: Case) -> Path:
    folder = write_inputs(tmp_path / "input")
    case.breaks(folder)
    return folder


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda case: case.name)
def test_a_bad_workbook_is_reported_at_its_cell_and_no_figures_are_made(case: Case, tmp_path: Path):
    """The check names file, sheet and cell with a stable code; the errors leave no
    figures to report. A workbook that cannot be read at all means "cannot start".
    Every input file is left byte for byte."""
    folder = broken_folder(tmp_path, case)
    before = fingerprint(folder)

    checked = check(folder)
    assert not checked.ok and checked.computed is None
    assert_found(case, checked.problems)
    assert cannot_start(checked.problems) is (case.exits == FILE_EXITS)
    assert fingerprint(folder) == before


@pytest.mark.parametrize("case", WARNING_CASES, ids=lambda case: case.name)
def test_a_workbook_with_only_warnings_still_gets_its_figures(case: Case, tmp_path: Path):
    """Warnings do not stop the report: the figures of the year are made, and each
    warning is found at its cell; the input files are untouched."""
    folder = broken_folder(tmp_path, case)
    before = fingerprint(folder)

    checked = check(folder)
    assert checked.ok and checked.computed is not None and checked.choice.year == YEAR
    assert_found(case, checked.problems)
    assert fingerprint(folder) == before


def case_named(name: str) -> Case:
    return next(case for case in ERROR_CASES + WARNING_CASES if case.name == name)


# One of each outcome the author can meet: an error in a cell, a workbook that cannot
# be read at all, a warning. The rest of the corpus is checked in-process above.
COMMAND_LINE_CASES = [
    case_named(name) for name in ("recipient-misspelt", "truncated-zip", "date-as-text")
]


@pytest.mark.parametrize("case", COMMAND_LINE_CASES, ids=lambda case: case.name)
def test_the_command_line_exits_reports_and_prints_each_outcome(case: Case, tmp_path: Path, capsys):
    """``lav`` and ``tjek --json`` exit 1 for errors (2 for an unreadable workbook, 0
    for warnings only); with errors the error report is written and no Word report;
    every problem's file and cell are on the console; the inputs stay byte for byte."""
    folder = broken_folder(tmp_path, case)
    before = fingerprint(folder)
    out = tmp_path / "out"
    has_errors = any(level == ERROR for *_, level, _ in case.expected)

    code, console = lav(capsys, folder, out)
    assert code in case.exits if has_errors else code == 0
    assert bool(list(out.glob("Afrapportering_*.docx"))) is not has_errors
    assert bool(list(out.glob("Fejlrapport_*.xlsx"))) is has_errors

    code, problems = tjek_json(capsys, folder, out)
    assert code in case.exits if has_errors else code == 0
    assert any(p["niveau"] == ERROR for p in problems) is has_errors
    assert_reported(case, problems, console)
    after = fingerprint(folder)  # beside them, lav adds only the skeleton of the year's texts
    assert {name: after[name] for name in before} == before
    assert set(after) - set(before) <= {f"tekster_{YEAR}.docx"}


# --- many problems at once, and the error report -------------------------------------------


def typo(
    sheet: Sheet, key: str, row: int, value: Any, code: str, level: str = ERROR
) -> tuple[Breaker, Expected]:
    return put(sheet, key, row, value), at(sheet, cell(sheet, key, row), level, code)


def typo_setting(key: str, value: Any, code: str) -> tuple[Breaker, Expected]:
    return put_at(SETTINGS, setting_cell(key), value), at(SETTINGS, setting_cell(key), ERROR, code)


TYPOS_IN_ALL_THREE_FILES = [
    typo(REFERRALS, "date", 5, "fem", "ugyldig-dato"),
    typo(REFERRALS, "cvr", 6, "12345678", "cvr-kontrolciffer"),
    typo(REFERRALS, "topic", 7, "Xyz Qwerty", "ukendt-vaerdi"),
    typo(REFERRALS, "date", 8, "31.01.2023", "dato-som-tekst", WARNING),
    typo(GOALS, "result", 2, None, "resultat-mangler"),
    typo(CAREER, "hours", 3, -5, "negativt-tal"),
    typo(CAREER, "month", 4, 13, "ugyldig-maaned"),
    typo(MEETINGS, "date", 3, FAR_FUTURE, "fremtidig-dato"),
    typo(PRICE_INDEX, "rate", 3, "meget", "ugyldigt-tal"),
    typo(PRICE_INDEX, "status", 4, ESTIMATE, "skoen", WARNING),
    typo_setting("rounding", 0, "ugyldig-afrunding"),
]


def break_all_three_files(folder: Path) -> set[Expected]:
    for breaks, _ in TYPOS_IN_ALL_THREE_FILES:
        breaks(folder)
    return {expected for _, expected in TYPOS_IN_ALL_THREE_FILES}


def test_every_problem_in_all_three_files_is_reported_in_one_run(tmp_path: Path, capsys):
    """Not stop-at-first: one run lists the problems of every file together."""
    folder = write_inputs(tmp_path / "input")
    expected = break_all_three_files(folder)
    code, problems = tjek_json(capsys, folder, tmp_path / "out")
    assert code == 1
    assert expected <= as_tuples(problems)
    assert len({p["kode"] for p in problems}) >= 8
    assert {p["fil"] for p in problems} == {workbook.filename for workbook in WORKBOOKS}


def copied_sheet_titles(workbook) -> dict[tuple[str, str], str]:
    """(file, sheet) → the title of its copy, read from the overview's cell links."""
    titles = {}
    for row in workbook[OVERVIEW].iter_rows(min_row=2):
        link = row[3].hyperlink
        if link is not None:
            target = link.location or link.target
            titles[(row[1].value, row[2].value)] = target.lstrip("#").split("'")[1]
    return titles


def test_tjek_writes_an_error_report_marking_every_problem_cell(tmp_path: Path, capsys):
    """Fejlrapport_ÅR.xlsx lists every problem first, then copies the faulty sheets
    with errors filled red and warnings yellow, each explained in a comment."""
    folder = write_inputs(tmp_path / "input")
    break_all_three_files(folder)
    out = tmp_path / "output"
    _, problems = tjek_json(capsys, folder, out)
    workbook = load_workbook(out / f"Fejlrapport_{YEAR}.xlsx")

    assert workbook.sheetnames[0] == OVERVIEW
    rows = workbook[OVERVIEW].iter_rows(min_row=2, values_only=True)
    listed = {
        (fil, ark or None, celle or None, niveau, kode) for niveau, fil, ark, celle, kode, _ in rows
    }
    assert listed == as_tuples(problems)

    titles = copied_sheet_titles(workbook)
    error_cells = {(p["fil"], p["ark"], p["celle"]) for p in problems if p["niveau"] == ERROR}
    for problem in (p for p in problems if p["celle"]):
        where = (problem["fil"], problem["ark"], problem["celle"])
        marked = workbook[titles[where[:2]]][problem["celle"]]
        assert marked.fill.fgColor.rgb.endswith(RED if where in error_cells else YELLOW), where
        assert problem["besked"] in marked.comment.text


@pytest.mark.libreoffice
def test_the_error_report_opens_in_libreoffice_with_the_problems_listed(tmp_path: Path, capsys):
    """A real spreadsheet program opens the error report, and its first sheet lists
    exactly the problems of ``tjek --json``."""
    folder = write_inputs(tmp_path / "input")
    break_all_three_files(folder)
    out = tmp_path / "output"
    _, problems = tjek_json(capsys, folder, out)
    report = out / f"Fejlrapport_{YEAR}.xlsx"

    assert convert(report, "pdf", tmp_path / "pdf").stat().st_size > 0
    # 44,34,76: comma-separated, double-quoted, UTF-8. LibreOffice writes the first sheet.
    text = convert(report, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv")
    rows = list(csv.reader(io.StringIO(text.read_text(encoding="utf-8"))))[1:]
    listed = {
        (fil, ark or None, celle or None, niveau, kode) for niveau, fil, ark, celle, kode, _ in rows
    }
    assert listed == as_tuples(problems)


# --- an unexpected crash -------------------------------------------------------------------


def test_an_unexpected_crash_shows_no_traceback_but_names_a_log_file(
    inputs: Path, tmp_path: Path, capsys, monkeypatch
):
    """A bug exits 2 with a Danish message naming the log file; the traceback goes to
    that log in the output folder, never to the screen."""

    def boom(folder: Path):
        raise RuntimeError("boom")

    monkeypatch.setattr(generator.pipeline, "read_inputs", boom)
    out = tmp_path / "out"
    code, _, stderr = run(capsys, "lav", "--input", str(inputs), "--output", str(out))
    assert code == 2
    assert "Kan ikke fortsætte" in stderr and str(out / LOG_NAME) in stderr
    assert "RuntimeError" in (out / LOG_NAME).read_text(encoding="utf-8")
    assert not list(out.glob("Afrapportering_*.docx"))


# --- gaps found while writing the corpus, now closed --------------------------------------


def test_a_missing_workbook_is_never_confused_with_another_required_one(
    inputs: Path, tmp_path: Path, capsys
):
    """With kontrakt.xlsx gone, the message must not suggest renaming aarsdata.xlsx."""
    (inputs / KONTRAKT.filename).unlink()
    _, problems = tjek_json(capsys, inputs, tmp_path / "out")
    [missing] = [p for p in problems if p["kode"] == "fil-mangler"]
    assert "omdøbes" not in missing["besked"]


def test_an_excel_error_value_is_an_error_at_its_cell(inputs: Path, tmp_path: Path, capsys):
    """A #N/A (say, from a VLOOKUP) in the optional CVR column is not silently blank."""
    put(REFERRALS, "cvr", 4, "#N/A")(inputs)
    _, problems = tjek_json(capsys, inputs, tmp_path / "out")
    where = (HENVISNINGER.filename, REFERRALS.name, cell(REFERRALS, "cvr", 4), ERROR)
    assert where in {(p["fil"], p["ark"], p["celle"], p["niveau"]) for p in problems}


def test_a_password_is_seen_in_an_ole_file_s_first_mib_only():
    """The one rule for workbooks and the texts file: the stream's name must end
    within the first MiB (where Excel and Word write the directory)."""
    ending_at_the_limit = b"\x00" * (OLE_HEAD_BYTES - len(ENCRYPTED_STREAM)) + ENCRYPTED_STREAM
    assert is_encrypted(ending_at_the_limit)
    assert not is_encrypted(b"\x00" + ending_at_the_limit)
    assert not is_encrypted(XLS_BYTES)
