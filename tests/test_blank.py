"""``aarsrapport ny``: blank workbooks, ready to fill in, that never overwrite.

Expected values are written out (the contract's figures, the default lists), not
taken from the code that writes the workbooks.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from factory import YEAR, valid_data
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, quote_sheetname

from generator.cli import main
from generator.core.problems import CannotContinue, errors_of
from generator.core.schema import (
    AARSDATA,
    HENVISNINGER,
    KONTRAKT,
    SETTINGS_HEADERS,
    WORKBOOKS,
    Kind,
    Sheet,
)
from generator.pipeline import check
from generator.start.guide import GUIDE
from generator.start.workbooks import write_blank_workbooks

TODAY = date(2026, 11, 27)
SETTINGS, PRICE_INDEX, EARMARKS, POINTS = KONTRAKT.sheets
LOG, LISTS = HENVISNINGER.sheets
RATES = {2021: 1.6, 2022: 2.9, 2023: 4.3}
LIST_RANGES = {"recipient": "'Lister'!$A$2:$A$500", "topic": "'Lister'!$C$2:$C$500"}
INLINE_LISTS = {
    "Status": ('"Skøn,Endelig"', '"Løbende,Afsluttet,Ikke startet,Ingen aktivitet i året"'),
    "Reguleres": ('"Ja,Nej"',),
    "Type": (
        '"Erhvervshus,Nationalt program,Regionalt program"',
        '"Strategisk tiltag,Sammenhængsmodel,Kampagne,Fællesindkøb"',
    ),
    "Retning": ('"Mindst,Højst"',),
}


@pytest.fixture(scope="module")
def blank_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three blank workbooks, written once (read only: see ``blank``)."""
    folder = tmp_path_factory.mktemp("blank") / "input"
    write_blank_workbooks(folder)
    return folder


@pytest.fixture
def blank(blank_made: Path, tmp_path: Path) -> Path:
    """The test's own copy of the blank workbooks (new files, as they are written)."""
    folder = tmp_path / "input"
    shutil.copytree(blank_made, folder, copy_function=shutil.copyfile)
    return folder


def headers_of(sheet: Sheet) -> list[str]:
    if sheet.layout == "settings":
        return list(SETTINGS_HEADERS)
    return [column.header for column in sheet.columns]


def validations_at(ws, cell: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def rows_of(ws) -> list[tuple]:
    return list(ws.iter_rows(min_row=2, values_only=True))


def test_it_writes_the_three_workbooks_of_the_schema(tmp_path):
    """`ny` writes one workbook per declared workbook, with every declared sheet in order."""
    folder = tmp_path / "input"
    paths = write_blank_workbooks(folder)
    assert [path.name for path in paths] == [spec.filename for spec in WORKBOOKS]
    for spec in WORKBOOKS:
        book = load_workbook(folder / spec.filename)
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        assert visible == [sheet.name for sheet in spec.sheets] + [GUIDE]
        assert book.properties.title


def test_the_contract_points_are_prefilled_in_contract_order(blank):
    ws = load_workbook(blank / "kontrakt.xlsx")["Kontraktpunkter"]
    rows = rows_of(ws)
    assert len(rows) == 17
    assert rows[0] == ("3 a i", "Innovationsmiljøer", "Arsenalet")
    assert rows[2][2].startswith("Center for Industri (CFI)")
    assert rows[2][0] == "Bilag 1, pkt. 1 c"  # Bilag 1's own number, under § 3 a
    assert rows[7] == (
        "Bilag 1, pkt. 3 a",
        "Tiltrækning af investeringer",
        "Samarbejde med Sørensen Connecting Denmark",
    )
    assert [row[0] for row in rows[12:]] == ["4 a", "4 b", "4 c", "5", "5"]


def test_the_point_column_of_indsatser_has_a_dropdown_of_the_contract_points(blank):
    """Excel cannot list another workbook's cells, so the points are copied to a hidden sheet."""
    book = load_workbook(blank / "aarsdata.xlsx")
    copy = book["Punktliste"]
    assert copy.sheet_state == "hidden"
    assert copy["A1"].value == "Arsenalet" and copy["A17"].value == "House of Industry i Banebyen"
    rules = book["Indsatser"].data_validations.dataValidation
    point = next(rule for rule in rules if "B2" in str(rule.sqref))
    assert point.type == "list" and point.formula1 == "'Punktliste'!$A$1:$A$17"
    status = next(rule for rule in rules if "C2" in str(rule.sqref))
    assert status.formula1 == '"Løbende,Afsluttet,Ikke startet,Ingen aktivitet i året"'


def test_every_sheet_has_its_declared_headers_styled_and_frozen(blank):
    """Row 1 holds the schema's headers (bold, filled, wrapped); it stays put on scrolling."""
    for spec in WORKBOOKS:
        book = load_workbook(blank / spec.filename)
        for sheet in spec.sheets:
            ws = book[sheet.name]
            assert [cell.value for cell in ws[1]] == headers_of(sheet)
            assert ws.freeze_panes == "A2"
            first = ws["A1"]
            assert first.font.bold and first.fill.fill_type == "solid"
            assert first.alignment.wrap_text


def test_column_widths_come_from_the_schema(blank):
    """Each column is as wide as the schema declares."""
    ws = load_workbook(blank / HENVISNINGER.filename)[LOG.name]
    for position, column in enumerate(LOG.columns, start=1):
        assert ws.column_dimensions[get_column_letter(position)].width == column.width


def test_each_header_cell_explains_its_column_within_excels_limits(blank):
    """Selecting a header shows the column's help; no message exceeds what Excel accepts."""
    ws = load_workbook(blank / AARSDATA.filename)[AARSDATA.sheets[1].name]
    for position, column in enumerate(AARSDATA.sheets[1].columns, start=1):
        (explain,) = validations_at(ws, f"{get_column_letter(position)}1")
        assert explain.showInputMessage
        assert explain.promptTitle == column.header
        assert explain.prompt.startswith(column.help)
    for spec in WORKBOOKS:
        for ws in load_workbook(blank / spec.filename):
            for dv in ws.data_validations.dataValidation:
                assert len(dv.prompt or "") <= 255 and len(dv.promptTitle or "") <= 32
                assert len(dv.error or "") <= 225 and len(dv.errorTitle or "") <= 32
                assert len(dv.formula1 or "") <= 255


def test_list_columns_drop_down_from_the_lists_sheet(blank):
    """A column tied to the lists sheet reads its dropdown from there, and only warns."""
    ws = load_workbook(blank / HENVISNINGER.filename)[LOG.name]
    keys = [column.key for column in LISTS.columns]
    tied = [column for column in LOG.columns if column.list_column]
    assert tied
    for column in tied:
        letter = get_column_letter(LOG.columns.index(column) + 1)
        (dropdown,) = validations_at(ws, f"{letter}2")
        assert dropdown.type == "list" and f"{letter}2000" in dropdown.sqref
        source = get_column_letter(keys.index(column.list_column) + 1)
        assert dropdown.formula1.startswith(f"{quote_sheetname(LISTS.name)}!${source}$2")
        assert dropdown.formula1 == LIST_RANGES[column.key]
        assert dropdown.showErrorMessage and dropdown.errorStyle == "warning"
        assert "Vælg en værdi fra listen" in dropdown.error


def test_columns_with_fixed_choices_have_an_inline_dropdown(blank):
    """Fixed vocabularies (Ja/Nej, Skøn/Endelig, Mindst/Højst …) are inline lists that stop."""
    for spec in WORKBOOKS:
        book = load_workbook(blank / spec.filename)
        for sheet in spec.sheets:
            if sheet.layout == "settings":
                continue
            for position, column in enumerate(sheet.columns, start=1):
                if not column.choices:
                    continue
                (dropdown,) = validations_at(book[sheet.name], f"{get_column_letter(position)}2")
                assert dropdown.type == "list"
                assert dropdown.formula1 in INLINE_LISTS[column.header]
                assert dropdown.errorStyle == "stop" and dropdown.showErrorMessage


def test_dates_amounts_hours_and_years_are_formatted_and_checked(blank):
    """Dates show as DD-MM-YYYY and must be real dates; hours, years and months are checked."""
    log = load_workbook(blank / HENVISNINGER.filename)[LOG.name]
    date_letter = get_column_letter(LOG.columns.index(LOG.column("date")) + 1)
    assert log.column_dimensions[date_letter].number_format == "DD-MM-YYYY"
    (rule,) = validations_at(log, f"{date_letter}2")
    assert rule.type == "date" and rule.operator == "between"
    hours_sheet = AARSDATA.sheets[1]
    ws = load_workbook(blank / AARSDATA.filename)[hours_sheet.name]
    expected = {
        Kind.YEAR: ("whole", "2000"),
        Kind.HOURS: ("decimal", "0"),
    }
    for position, column in enumerate(hours_sheet.columns, start=1):
        if column.kind in expected:
            (rule,) = validations_at(ws, f"{get_column_letter(position)}2")
            assert (rule.type, rule.formula1) == expected[column.kind]
            assert rule.error


def test_the_settings_are_prefilled_from_the_contract(blank):
    """Kontrakt: a Felt/Værdi row per setting with the contract's value; Eksempeldata Ja/Nej."""
    ws = load_workbook(blank / KONTRAKT.filename)[SETTINGS.name]
    assert rows_of(ws) == [
        ("Kommune", "Viborg Kommune"),
        ("Modpart", "Viborgegnens Erhvervsråd"),
        ("Kommune (kort)", "VK"),
        ("Modpart (kort)", "VER"),
        ("Grundbeløb", 2762000),
        ("Prisniveau", 2020),
        ("Første år", 2020),
        ("Sidste år", 2023),
        ("Timer pr. årsværk", 1924),
        ("Afrunding", 1),
        ("Udvalg", "Økonomi- og Erhvervsudvalget"),
        ("Eksempeldata", "Nej"),
    ]
    assert ws["A2"].number_format == "@"
    example = SETTINGS.column("example_data")
    row = SETTINGS.columns.index(example) + 2
    assert ws[f"B{row}"].value == "Nej"
    (dropdown,) = validations_at(ws, f"B{row}")
    assert dropdown.type == "list" and dropdown.formula1 == '"Ja,Nej"'
    assert dropdown.promptTitle == example.header


def test_the_lists_start_with_the_default_vocabularies(blank):
    """Lister holds the default recipients with their types beside the default topics."""
    ws = load_workbook(blank / HENVISNINGER.filename)[LISTS.name]
    rows = rows_of(ws)
    assert [(name, kind) for name, kind, _ in rows if name] == [
        ("Erhvervshus Midtjylland", "Erhvervshus"),
        ("Virksomhedsguiden", "Nationalt program"),
        ("Danmarks Eksport- og Investeringsfond", "Nationalt program"),
        ("Innovationsfonden", "Nationalt program"),
        ("Trade Council / Eksportrådet", "Nationalt program"),
        ("SMV:Digital", "Nationalt program"),
        ("Erhvervsstyrelsen", "Nationalt program"),
        ("Scale-Up Denmark", "Regionalt program"),
        ("Grøn Omstilling Midt", "Regionalt program"),
        ("Digitalt Løft Midt", "Regionalt program"),
    ]
    assert [topic for _, _, topic in rows if topic] == [
        "Iværksætteri og opstart",
        "Finansiering",
        "Eksport og internationalisering",
        "Digitalisering",
        "Grøn omstilling",
        "Innovation og produktudvikling",
        "Rekruttering og kompetencer",
        "Ejerskifte",
        "Strategi og vækst",
    ]


def test_the_price_index_and_earmarks_are_prefilled(blank):
    """Prisindeks has a row to fill per year after the price level; Start Up Viborg is there."""
    book = load_workbook(blank / KONTRAKT.filename)
    assert rows_of(book[PRICE_INDEX.name]) == [
        (year, None, "KL's PL-skøn for serviceudgifter", "Skøn") for year in (2021, 2022, 2023)
    ]
    earmarks = rows_of(book[EARMARKS.name])
    assert [(year, amount, regulated) for year, amount, _, regulated in earmarks] == [
        (2020, 375000, "Nej"),
        (2021, 375000, "Nej"),
    ]
    assert all(purpose.startswith("Start Up Viborg") for _, _, purpose, _ in earmarks)


def test_the_price_index_reaches_the_year_asked_for(tmp_path):
    """`ny --aar 2022` prefills the price-index years up to 2022."""
    write_blank_workbooks(tmp_path, 2022)
    ws = load_workbook(tmp_path / KONTRAKT.filename)[PRICE_INDEX.name]
    assert [row[0] for row in rows_of(ws)] == [2021, 2022]


def test_a_year_outside_the_shipped_period_points_to_periode(tmp_path):
    """A later year is a new contract period: `ny --aar` says to use --periode."""
    with pytest.raises(CannotContinue) as stop:
        write_blank_workbooks(tmp_path / "x", 2025)
    assert "vælg »Begynd en ny kontraktperiode« i menuen" in stop.value.message
    assert not (tmp_path / "x").exists()


def test_it_never_overwrites_an_existing_workbook(blank):
    """A second `ny` stops with a Danish message and leaves the files byte-identical."""
    before = {spec.filename: (blank / spec.filename).read_bytes() for spec in WORKBOOKS}
    with pytest.raises(CannotContinue) as stop:
        write_blank_workbooks(blank)
    assert "findes allerede" in stop.value.message
    assert all(name in stop.value.message for name in before)
    assert {name: (blank / name).read_bytes() for name in before} == before


def test_one_existing_workbook_stops_all_three(tmp_path):
    """If any one of the three is there, none is written."""
    existing = tmp_path / HENVISNINGER.filename
    existing.write_bytes(b"the author's own log")
    with pytest.raises(CannotContinue) as stop:
        write_blank_workbooks(tmp_path)
    assert HENVISNINGER.filename in stop.value.message
    assert existing.read_bytes() == b"the author's own log"
    assert sorted(path.name for path in tmp_path.iterdir()) == [HENVISNINGER.filename]


def test_a_year_out_of_range_cannot_start(tmp_path):
    """A nonsense year is refused before anything is written."""
    with pytest.raises(CannotContinue):
        write_blank_workbooks(tmp_path / "input", 99999)
    assert not (tmp_path / "input").exists()


def test_the_command_line_writes_once_and_then_keeps_them(tmp_path, capsys):
    """`ny --input MAPPE` exits 0 and names the files; run again (the menu's "Begynd et
    nyt år" in a folder in use) it keeps the workbooks as they are, byte for byte."""
    folder = tmp_path / "ny mappe"
    assert main(["ny", "--input", str(folder)]) == 0
    out = capsys.readouterr().out
    assert all(spec.filename in out for spec in WORKBOOKS)
    before = {spec.filename: (folder / spec.filename).read_bytes() for spec in WORKBOOKS}
    assert main(["ny", "--input", str(folder)]) == 0
    assert f"Projektmapperne i {folder} findes allerede og beholdes" in capsys.readouterr().out
    assert {name: (folder / name).read_bytes() for name in before} == before


def test_the_command_line_refuses_a_folder_with_some_of_the_workbooks(tmp_path, capsys):
    """One workbook there, two missing: nothing is written, and the one is named."""
    folder = tmp_path / "halv"
    assert main(["ny", "--input", str(folder)]) == 0
    (folder / WORKBOOKS[1].filename).unlink()
    capsys.readouterr()
    assert main(["ny", "--input", str(folder)]) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert not (folder / WORKBOOKS[1].filename).exists()


def test_a_blank_set_has_no_structural_problems(blank):
    """Checked as it is, a blank set only lacks data: the rates and the referrals."""
    checked = check(blank, today=TODAY)
    assert {problem.code for problem in checked.problems} <= {"tom-celle", "ingen-henvisninger"}


def append_rows(book, sheet: Sheet, rows: list[dict]) -> None:
    ws = book[sheet.name]
    for row in rows:
        ws.append([row.get(column.key) for column in sheet.columns])


def fill_in(folder: Path) -> None:
    """Fill a blank set with one small, valid year, as an author would in Excel."""
    data = valid_data(YEAR)
    contract = load_workbook(folder / KONTRAKT.filename)
    rate_at = PRICE_INDEX.columns.index(PRICE_INDEX.column("rate"))
    for row in contract[PRICE_INDEX.name].iter_rows(min_row=2):
        row[rate_at].value = RATES[row[0].value]
    contract.save(folder / KONTRAKT.filename)
    log = load_workbook(folder / HENVISNINGER.filename)
    append_rows(log, LOG, data[LOG.name])
    log.save(folder / HENVISNINGER.filename)
    yearly = load_workbook(folder / AARSDATA.filename)
    for sheet in AARSDATA.sheets:
        append_rows(yearly, sheet, data[sheet.name])
    yearly.save(folder / AARSDATA.filename)


def test_a_filled_in_blank_set_passes_the_check(blank):
    """The blank workbooks, filled with a valid year, are read and checked without errors."""
    fill_in(blank)
    checked = check(blank, today=TODAY)
    assert errors_of(checked.problems) == []
    assert checked.ok and checked.choice.year == YEAR
    assert checked.computed is not None


def test_a_month_may_be_picked_as_a_number_or_a_name(blank):
    """Måned drops down 1–12 and januar … december; anything else only warns (the
    reader also takes 'okt.' or 'Marts')."""
    sheet = AARSDATA.sheet("Karriereby")
    letter = get_column_letter(sheet.columns.index(sheet.column("month")) + 1)
    ws = load_workbook(blank / AARSDATA.filename)[sheet.name]
    (rule,) = validations_at(ws, f"{letter}2")
    assert rule.type == "list" and rule.errorStyle == "warning"
    listed = rule.formula1.strip('"').split(",")
    assert listed[:12] == [str(month) for month in range(1, 13)]
    assert listed[12:] == [
        "januar", "februar", "marts", "april", "maj", "juni",
        "juli", "august", "september", "oktober", "november", "december",
    ]  # fmt: skip


def guide_of(folder: Path, filename: str) -> list[tuple]:
    ws = load_workbook(folder / filename)[GUIDE]
    return [
        tuple(value for value in row if value is not None) for row in ws.iter_rows(values_only=True)
    ]


def test_each_workbook_ends_with_a_guide_to_its_sheets_and_columns(blank):
    """Vejledning names every sheet with what it is for, and every column with its
    type, whether it must be filled, its meaning and an example."""
    for spec in WORKBOOKS:
        rows = guide_of(blank, spec.filename)
        assert rows[0] == (f"Vejledning til {spec.filename}",)
        assert (spec.help,) in rows
        for sheet in spec.sheets:
            at = rows.index((f"Arket {sheet.name}",))
            assert rows[at + 1] == (sheet.help,)
            described = {row[0]: row for row in rows[at + 3 : at + 3 + len(sheet.columns)]}
            assert list(described) == [column.header for column in sheet.columns]


def test_the_guide_spells_out_a_log_column(blank):
    """One row read as the author reads it: Henvist til on the referral log."""
    rows = guide_of(blank, HENVISNINGER.filename)
    at = rows.index(("Arket Henvisninger",))
    recipient = next(row for row in rows[at:] if row[0] == "Henvist til")
    assert recipient[1:3] == ("Valg fra listen på arket Lister", "Ja")
    assert recipient[-1] == "Erhvervshus Midtjylland"
    cvr = next(row for row in rows[at:] if row[0] == "CVR-nr.")
    assert cvr[1:3] == ("CVR-nummer (8 cifre)", "Nej") and cvr[-1] == "12345678"
    date_row = next(row for row in rows[at:] if row[0] == "Dato")
    assert date_row[1] == "Dato (dd-mm-åååå)" and date_row[-1] == "31-01-2024"


def test_the_guide_prints_one_page_wide(blank):
    ws = load_workbook(blank / AARSDATA.filename)[GUIDE]
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.orientation == "landscape"


def test_the_guides_examples_come_from_the_schema():
    """Declared, a setting's own value, the first choice, the help's "fx …", or the kind's."""
    from generator.start.guide import example_of

    goals = AARSDATA.sheet("CFI-resultatmål")
    assert example_of(goals.column("goal")) == "Antal virksomheder i forløb"  # declared
    assert example_of(SETTINGS.column("base_amount")) == "2762000"  # the setting's value
    assert example_of(goals.column("direction")) == "Mindst"  # the first choice
    assert example_of(goals.column("unit")) == "virksomheder"  # "Hvad der tælles, fx virksomheder."
    assert example_of(AARSDATA.sheet("Karriereby").column("month")) == "3 eller marts"  # the kind
