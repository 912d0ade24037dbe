"""A new contract period: `ny --periode`, and rows of other periods left out.

The shipped example is the 2020–2023 contract. A new period starts from
`aarsrapport ny --periode 2024-2027 --fra input`; the advisers may keep their
referral log running, so rows of earlier years are normal and must neither
count, nor warn row by row, nor appear in the committee document.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx_reading import body_text, cell, find_table, paragraph
from factory import edit_cell, referrals, settings, valid_data, write_inputs
from openpyxl import load_workbook

from generator.cli import main
from generator.core.actions import Action, how_to
from generator.core.problems import Code, Level, errors_of, warnings_of
from generator.core.schema import (
    AARSDATA,
    CAREER,
    CONTRACT_POINTS,
    EARMARKS,
    GOALS,
    HENVISNINGER,
    KONTRAKT,
    LISTS,
    MEETINGS,
    PRICE_INDEX,
    REFERRALS,
    SETTINGS_SHEET,
    WORKBOOKS,
    Column,
    Kind,
    Sheet,
    Workbook,
    normalize_header,
)
from generator.pipeline import Checked, check, make
from generator.reading.period import Period, parse_period
from generator.start.new_period import carried_sheets

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "input"
TODAY = date(2026, 11, 27)
# The new period's first report, 2024, is made in the January after.
FIRST_REPORT_DAY = date(2025, 1, 20)
BASE = 3_100_000  # the new contract's Grundbeløb, typed in by the author
NEW_REFERRALS = 24  # the 2024 rows appended below


def ny(*argv: str) -> int:
    return main(["ny", *argv])


@pytest.fixture(scope="module")
def new_period_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`ny --periode 2024-2027 --fra input` from the shipped example, run once on the
    January the new period's first report is due (read only: see ``new_period``)."""
    folder = tmp_path_factory.mktemp("new-period") / "input2024"
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setattr("generator.cli.today", lambda: FIRST_REPORT_DAY)
        assert ny("--periode", "2024-2027", "--fra", str(EXAMPLE), "--input", str(folder)) == 0
    return folder


@pytest.fixture
def new_period(new_period_made: Path, tmp_path: Path, capsys, clock) -> Path:
    """The test's own copy of what `ny --periode 2024-2027 --fra input` made, with the
    clock at the January its first report is due (new files, as ``ny`` writes them)."""
    clock.today = FIRST_REPORT_DAY
    folder = tmp_path / "input2024"
    shutil.copytree(new_period_made, folder, copy_function=shutil.copyfile)
    capsys.readouterr()
    return folder


def fill_base_amount(folder: Path, amount: int = BASE) -> None:
    edit_cell(folder, KONTRAKT.filename, SETTINGS_SHEET.name, "B6", amount)


def append_rows(folder: Path, filename: str, rows: dict[str, list[dict]]) -> None:
    """Append rows under each sheet's own headers (keyed like the schema); the
    workbook is loaded and saved once."""
    path = folder / filename
    book = load_workbook(path)
    for sheet, sheet_rows in rows.items():
        spec = next(s for wb in WORKBOOKS for s in wb.sheets if s.name == sheet)
        ws = book[sheet]
        at = {normalize_header(cell.value): cell.column for cell in ws[1] if cell.value}
        for row in sheet_rows:
            number = ws.max_row + 1
            for column in spec.columns:
                ws.cell(number, at[normalize_header(column.header)], row.get(column.key))
    book.save(path)


_ADDED: dict[tuple, dict[str, bytes]] = {}


def add_year(folder: Path, year: int, count: int = NEW_REFERRALS) -> None:
    """A year's referrals, CFI goals, Karriereby hours, §3 items, cooperation, meetings
    and key figures (only that year's rows of the factory's data). Loading and saving
    the workbooks is done once per distinct pair of workbooks; the bytes it gave are
    written for the next test that adds the same year to the same pair."""
    names = (HENVISNINGER.filename, AARSDATA.filename)
    key = (year, count, *(hashlib.sha256((folder / name).read_bytes()).digest() for name in names))
    if key in _ADDED:
        for name, data in _ADDED[key].items():
            (folder / name).write_bytes(data)
        return
    _append_year(folder, year, count)
    _ADDED[key] = {name: (folder / name).read_bytes() for name in names}


def _append_year(folder: Path, year: int, count: int) -> None:
    data = valid_data(year)
    append_rows(folder, HENVISNINGER.filename, {REFERRALS.name: referrals(year, count)})
    append_rows(
        folder,
        AARSDATA.filename,
        {
            sheet.name: [row for row in data[sheet.name] if year_of(row) == year]
            for sheet in AARSDATA.sheets
        },
    )


def add_2024(folder: Path) -> None:
    add_year(folder, 2024)


def year_of(row: dict) -> int:
    return row["year"] if "year" in row else row["date"].year


def keep_the_old_log(folder: Path) -> None:
    """What the advisers do: carry on with the example's workbooks, 2020–2023 rows kept."""
    for spec in (HENVISNINGER, AARSDATA):
        shutil.copyfile(EXAMPLE / spec.filename, folder / spec.filename)


@functools.cache
def example_referrals_in(year: int) -> int:
    book = load_workbook(EXAMPLE / HENVISNINGER.filename, read_only=True)
    rows = book[REFERRALS.name].iter_rows(min_row=2, values_only=True)
    return sum(1 for row in rows if row[0] is not None and row[0].year == year)


# --- Done when: the first report of a new period ------------------------------------------


def test_a_new_period_from_the_example_gives_its_own_first_report(new_period, tmp_path, capsys):
    fill_base_amount(new_period)
    add_2024(new_period)
    out = tmp_path / "output"
    assert main(["lav", "--input", str(new_period), "--output", str(out)]) == 0
    console = capsys.readouterr().out

    report = out / "Afrapportering_2024.docx"
    text = body_text(report)
    assert paragraph(report, "Kontraktperiode") == "Kontraktperiode 2024–2027"
    assert "375.000" not in text and "2.762.000" not in text
    assert paragraph(report, "Jf. kontraktens § 7").startswith(
        "Jf. kontraktens § 7 er den årlige kontraktsum 3.100.000 kr. i 2024-priser"
    )
    assert cell(report, "PL-stigning", "2024", "Kontraktsum") == "3.100.000 kr."
    assert "før 2024" not in console  # a fresh log has nothing of earlier years
    assert "forrige kontraktperiode" not in text

    checked = check(new_period, today=FIRST_REPORT_DAY)
    figures = checked.computed.figures
    assert figures.year == 2024
    assert [(y.year, y.amount) for y in figures.economy] == [(2024, Decimal(BASE))]
    assert figures.earmarks == () and figures.this_year.earmarked == 0
    assert figures.referrals.total == NEW_REFERRALS
    assert figures.referrals.previous_total is None


def test_the_old_log_kept_running_gives_the_same_2024_figures(new_period, tmp_path):
    fresh = tmp_path / "fresh"
    shutil.copytree(new_period, fresh)
    for folder in (fresh, new_period):
        fill_base_amount(folder)
    keep_the_old_log(new_period)
    for folder in (fresh, new_period):
        add_2024(folder)

    kept, blank = check(new_period, today=FIRST_REPORT_DAY), check(fresh, today=FIRST_REPORT_DAY)
    assert kept.ok and blank.ok
    a, b = kept.computed.figures, blank.computed.figures
    assert a.year == b.year == 2024
    assert a.economy == b.economy and a.earmarks == b.earmarks == ()
    assert (a.career, a.goals, a.meetings) == (b.career, b.goals, b.meetings)
    assert (a.points, a.cooperation, a.overview) == (b.points, b.cooperation, b.overview)
    r, s = a.referrals, b.referrals
    assert (r.total, r.companies, r.without_cvr) == (s.total, s.companies, s.without_cvr)
    # (the kept log adds rows for last year's recipients, with 0 this year)
    assert [(c.label, c.count) for c in r.by_recipient if c.count] == [
        (c.label, c.count) for c in s.by_recipient
    ]
    assert r.by_quarter == s.by_quarter and r.by_month == s.by_month
    assert r.yearly_totals == s.yearly_totals == ((2024, NEW_REFERRALS),)
    # the same warnings, none about a row of earlier years
    assert Counter(p.code for p in kept.problems) == Counter(p.code for p in blank.problems)
    # the year before the period is compared with (the report says it lay before)
    assert r.previous_total == example_referrals_in(2023)


def test_the_old_log_is_told_in_one_line_per_workbook(new_period, tmp_path, capsys):
    fill_base_amount(new_period)
    keep_the_old_log(new_period)
    add_2024(new_period)
    out = tmp_path / "output"
    assert main(["lav", "--input", str(new_period), "--output", str(out)]) == 0
    console = capsys.readouterr().out
    about_earlier = [line for line in console.splitlines() if "før 2024" in line]
    assert len(about_earlier) == 2  # henvisninger.xlsx and aarsdata.xlsx
    earlier = sum(example_referrals_in(year) for year in range(2020, 2024))
    assert f"henvisninger.xlsx: {earlier} henvisninger før 2024 indgår ikke" in console
    assert not [
        line
        for line in console.splitlines()
        if "ADVARSEL" in line and re.search(r"\b20(1\d|2[0-3])\b", line)
    ]
    report = out / "Afrapportering_2024.docx"
    assert "375.000" not in body_text(report)
    assert paragraph(report, "Kontraktperiode") == "Kontraktperiode 2024–2027"
    assert "som lå i den forrige kontraktperiode. " in paragraph(
        report, "I 2024 blev der registreret"
    )


def test_an_empty_base_amount_stops_naming_file_sheet_and_cell(new_period, tmp_path, capsys):
    keep_the_old_log(new_period)
    add_2024(new_period)
    checked = check(new_period, today=FIRST_REPORT_DAY)
    assert not checked.ok
    assert [(p.file, p.sheet, p.cell) for p in errors_of(checked.problems)] == [
        (KONTRAKT.filename, SETTINGS_SHEET.name, "B6")
    ]
    assert "Grundbeløb" in checked.problems[0].message
    # the year is known all the same (the period is read): its texts file is looked at
    assert checked.choice.year == 2024
    assert {p.file for p in warnings_of(checked.problems)} == {"tekster_2024.docx"}

    assert main(["lav", "--input", str(new_period), "--output", str(tmp_path / "out")]) == 1
    console = capsys.readouterr().out
    assert "kontrakt.xlsx – arket 'Kontrakt'" in console and "B6:" in console


# --- `ny --periode` --------------------------------------------------------------------------


def settings_of(folder: Path) -> dict[str, object]:
    book = load_workbook(folder / KONTRAKT.filename)
    rows = book[SETTINGS_SHEET.name].iter_rows(min_row=2, values_only=True)
    return dict(rows)


def rows_of(folder: Path, spec, sheet) -> list[tuple]:
    book = load_workbook(folder / spec.filename)
    return [row for row in book[sheet.name].iter_rows(min_row=2, values_only=True)]


def test_ny_periode_writes_the_new_periods_settings(new_period):
    values = settings_of(new_period)
    assert (values["Første år"], values["Sidste år"], values["Prisniveau"]) == (2024, 2027, 2024)
    assert values["Grundbeløb"] is None
    assert values["Eksempeldata"] == "Nej"
    assert rows_of(new_period, KONTRAKT, PRICE_INDEX) == [
        (2025, None, "KL's PL-skøn for serviceudgifter", "Skøn"),
        (2026, None, "KL's PL-skøn for serviceudgifter", "Skøn"),
        (2027, None, "KL's PL-skøn for serviceudgifter", "Skøn"),
    ]
    assert rows_of(new_period, KONTRAKT, EARMARKS) == []
    for sheet in (REFERRALS, GOALS, CAREER, MEETINGS):
        spec = HENVISNINGER if sheet is REFERRALS else AARSDATA
        assert rows_of(new_period, spec, sheet) == []


def test_ny_periode_carries_names_and_lists_over_from_the_old_folder(tmp_path):
    old = write_inputs(
        tmp_path / "old",
        {
            **valid_data(),
            "Kontrakt": settings(committee="Erhvervsudvalget", hours_per_fte=1887, rounding=1000),
            "Lister": [
                {"recipient": "Erhvervshus Midtjylland", "recipient_type": "Erhvervshus"},
                {"recipient": "Ny aktør", "recipient_type": "Regionalt program", "topic": "Ekspo"},
            ],
        },
    )
    new = tmp_path / "new"
    assert ny("--periode", "2028–2031", "--fra", str(old), "--input", str(new)) == 0
    values = settings_of(new)
    assert values["Udvalg"] == "Erhvervsudvalget"
    assert (values["Timer pr. årsværk"], values["Afrunding"]) == (1887, 1000)
    assert (values["Kommune (kort)"], values["Modpart (kort)"]) == ("VK", "VER")
    assert (values["Første år"], values["Prisniveau"], values["Grundbeløb"]) == (2028, 2028, None)
    assert rows_of(new, HENVISNINGER, LISTS) == [
        ("Erhvervshus Midtjylland", "Erhvervshus", None),
        ("Ny aktør", "Regionalt program", "Ekspo"),
    ]


def test_ny_periode_carries_the_contract_points_over_into_the_dropdown(tmp_path):
    """A new contract's points are edited, not coded: they come from --fra, and the
    Indsatser dropdown (a hidden copy in aarsdata.xlsx) offers those same points."""
    points = [
        {"number": "1", "area": "Innovationsmiljøer", "point": "Arsenalet"},
        {"number": "2", "area": "Arbejdskraft", "point": "Et nyt punkt"},
    ]
    old = write_inputs(tmp_path / "old", {**valid_data(), "Kontraktpunkter": points})
    new = tmp_path / "new"
    assert ny("--periode", "2028-2031", "--fra", str(old), "--input", str(new)) == 0
    assert rows_of(new, KONTRAKT, CONTRACT_POINTS) == [
        ("1", "Innovationsmiljøer", "Arsenalet"),
        ("2", "Arbejdskraft", "Et nyt punkt"),
    ]
    hidden = [ws for ws in load_workbook(new / AARSDATA.filename) if ws.sheet_state == "hidden"]
    assert [[row[0] for row in ws.iter_rows(values_only=True)] for ws in hidden] == [
        ["Arsenalet", "Et nyt punkt"]
    ]


def test_the_sheets_carried_over_are_those_tied_to_no_year():
    """The lists, and a sheet of the contract's items: not the dated records."""
    carried = [sheet.name for spec in WORKBOOKS for sheet in carried_sheets(spec)]
    assert LISTS.name in carried
    assert REFERRALS.name not in carried and GOALS.name not in carried
    items = Sheet("Kontraktpunkter", (Column("item", "Punkt", Kind.TEXT, "Punktet."),), "")
    assert carried_sheets(Workbook("a", "aarsdata.xlsx", "", (GOALS, items))) == (items,)


def test_ny_periode_says_what_to_fill_in_next(tmp_path, capsys):
    folder = tmp_path / "input2024"
    assert ny("--periode", "2024-2027", "--fra", str(EXAMPLE), "--input", str(folder)) == 0
    out = capsys.readouterr().out
    assert "kontrakt.xlsx, arket 'Kontrakt', celle B6: skriv Grundbeløb" in out
    assert "arket 'Prisindeks'" in out and "2025–2027" in out
    assert "henvisninger.xlsx" in out and "kopi af" in out  # how to keep the log running
    assert f"omdøb '{folder}' til input, så menuen bruger den" in out
    assert "vælg »Tjek data« i menuen, når du dobbeltklikker på" in out
    assert "aarsrapport" not in out


def test_a_new_period_begun_from_the_menu_replaces_the_contract_in_input_and_keeps_a_copy(
    tmp_path, capsys
):
    """The menu's "Begynd en ny kontraktperiode" (ny --periode 2024-2027 --fra input, the
    folder itself): input is copied whole to input_2020-2023, then only kontrakt.xlsx is
    the new period's; the log and the yearly data carry on, and the copy is the old
    folder byte for byte."""
    folder = tmp_path / "input"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("~$*"))
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert ny("--periode", "2024-2027", "--fra", str(folder), "--input", str(folder)) == 0
    out = capsys.readouterr().out
    kept = tmp_path / "input_2020-2023"
    assert f"Den forrige periodes projektmapper er gemt uændret i {kept}" in out
    assert {path.name: path.read_bytes() for path in kept.iterdir()} == before
    values = settings_of(folder)
    assert (values["Første år"], values["Sidste år"], values["Grundbeløb"]) == (2024, 2027, None)
    assert values["Udvalg"] == settings_of(kept)["Udvalg"]  # carried over
    for spec in (HENVISNINGER, AARSDATA):
        assert (folder / spec.filename).read_bytes() == before[spec.filename]
    assert "henvisninger.xlsx og aarsdata.xlsx føres videre i" in out
    assert not [path for path in folder.iterdir() if path.name.endswith(".tmp")]

    fill_base_amount(folder)
    add_2024(folder)
    checked = check(folder, today=date(2025, 1, 20))  # January after the period's first year
    assert checked.ok, [p.message for p in checked.problems if p.level is Level.ERROR]
    assert checked.choice.year == 2024


def test_a_new_period_begun_twice_changes_nothing_the_second_time(tmp_path, capsys):
    folder = tmp_path / "input"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("~$*"))
    assert ny("--periode", "2024-2027", "--fra", str(folder), "--input", str(folder)) == 0
    after = {path.name: path.read_bytes() for path in folder.iterdir()}
    capsys.readouterr()
    assert ny("--periode", "2024-2027", "--fra", str(folder), "--input", str(folder)) == 2
    assert "er allerede 2024–2027, så intet er ændret" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == after


def test_a_new_period_whose_copy_is_in_the_way_changes_nothing(tmp_path, capsys):
    folder = tmp_path / "input"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("~$*"))
    (tmp_path / "input_2020-2023").mkdir()
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert ny("--periode", "2024-2027", "--fra", str(folder), "--input", str(folder)) == 2
    assert "input_2020-2023' findes allerede" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_ny_periode_never_overwrites(new_period, capsys):
    before = {spec.filename: (new_period / spec.filename).read_bytes() for spec in WORKBOOKS}
    assert ny("--periode", "2024-2027", "--input", str(new_period)) == 2
    assert "findes allerede" in capsys.readouterr().err
    assert {name: (new_period / name).read_bytes() for name in before} == before


@pytest.mark.parametrize("text", ["2024-2027", "2024–2027", " 2024 - 2027 "])
def test_a_period_is_written_with_a_hyphen_or_an_en_dash(text):
    assert parse_period(text) == Period(2024, 2027, 2024)


@pytest.mark.parametrize(
    ("text", "danish"),
    [
        ("2027-2024", "det sidste år ligger før det første"),
        ("2024", "er ikke en periode"),
        ("1024-1027", "mellem 2000 og 2100"),
    ],
)
def test_a_bad_period_cannot_start_and_says_why_in_danish(text, danish, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        ny("--periode", text, "--input", str(tmp_path / "x"))
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "--periode:" in err and danish in err
    assert not (tmp_path / "x").exists()


def test_fra_without_periode_is_explained(tmp_path, capsys):
    assert ny("--fra", str(EXAMPLE), "--input", str(tmp_path / "x")) == 2
    assert "vælg »Begynd en ny kontraktperiode« i menuen" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_ny_aar_inside_the_shipped_period_keeps_its_meaning(tmp_path):
    assert ny("--aar", "2022", "--input", str(tmp_path)) == 0
    assert [row[0] for row in rows_of(tmp_path, KONTRAKT, PRICE_INDEX)] == [2021, 2022]


def test_ny_periode_with_aar_fills_the_price_index_up_to_that_year(tmp_path, capsys):
    assert ny("--periode", "2024-2027", "--aar", "2026", "--input", str(tmp_path / "a")) == 0
    assert [row[0] for row in rows_of(tmp_path / "a", KONTRAKT, PRICE_INDEX)] == [2025, 2026]
    assert ny("--periode", "2024-2027", "--aar", "2029", "--input", str(tmp_path / "b")) == 2
    assert "uden for perioden 2024–2027" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_ny_aar_outside_the_period_says_to_use_periode(tmp_path, capsys):
    assert ny("--aar", "2025", "--input", str(tmp_path / "x")) == 2
    err = capsys.readouterr().err
    assert "2025 ligger uden for kontraktperioden 2020–2023" in err
    assert "vælg »Begynd en ny kontraktperiode« i menuen" in err
    assert not (tmp_path / "x").exists()


# --- a period nobody hard-coded ----------------------------------------------------------


def test_a_period_never_seen_before_works_end_to_end(tmp_path, capsys):
    folder = tmp_path / "input2031"
    assert ny("--periode", "2031-2034", "--input", str(folder)) == 0
    fill_base_amount(folder, 2_000_000)
    edit_cell(folder, KONTRAKT.filename, PRICE_INDEX.name, "B2", 2.5)  # the 2032 rate
    add_year(folder, 2032, 7)

    checked = check(folder, today=date(2033, 3, 1))
    assert checked.ok, [p.message for p in checked.problems]
    figures = checked.computed.figures
    assert figures.year == 2032
    assert [(y.year, y.amount) for y in figures.economy] == [
        (2031, Decimal(2_000_000)),
        (2032, Decimal(2_050_000)),
    ]
    assert figures.referrals.total == 7 and figures.referrals.yearly_totals == ((2032, 7),)
    made = make(folder, tmp_path / "out", today=date(2033, 3, 1))
    assert paragraph(made.report, "Kontraktperiode") == "Kontraktperiode 2031–2034"
    assert paragraph(made.report, "Årlig afrapportering") == "Årlig afrapportering 2032"


# --- rows outside the period ---------------------------------------------------------------


def factory_check(tmp_path: Path, change, today: date = TODAY) -> Checked:
    data = valid_data()
    change(data)
    return check(write_inputs(tmp_path / "input", data), today=today)


def test_price_index_rows_outside_the_contract_are_ignored(tmp_path):
    """Rows at or before the price level (2020) or after the period (2023) may stay empty."""

    def change(data):
        data["Prisindeks"][:0] = [
            {"year": 2019, "rate": None, "source": None, "status": "Skøn"},
            {"year": 2020, "rate": None, "source": None, "status": "Skøn"},
        ]
        data["Prisindeks"].append({"year": 2024, "rate": "fem", "source": None, "status": "Skøn"})

    checked = factory_check(tmp_path, change)
    assert not [p for p in checked.problems if p.sheet == PRICE_INDEX.name]
    assert [y.amount for y in checked.computed.figures.economy][-1] == Decimal(3_011_737)


def test_a_later_year_of_the_period_may_wait_for_its_rate(tmp_path):
    def change(data):
        data["Prisindeks"][-1]["rate"] = None  # 2023's rate, not needed for 2022

    data = valid_data()
    change(data)
    folder = write_inputs(tmp_path / "input", data)
    assert check(folder, 2022, today=TODAY).ok
    needed = check(folder, 2023, today=TODAY)
    assert [(p.sheet, p.cell, p.code) for p in needed.problems if p.level is Level.ERROR] == [
        (PRICE_INDEX.name, "B4", Code.EMPTY_CELL)
    ]
    assert "Satsen for 2023 skal udfyldes" in needed.problems[0].message


def test_earmarks_outside_the_period_are_neither_counted_nor_shown_nor_warned(tmp_path):
    def change(data):
        data["Øremærkninger"] += [
            {"year": 2019, "amount": 100000, "purpose": "Gammelt formål", "regulated": "Nej"},
            {"year": 2024, "amount": 200000, "purpose": "Senere formål", "regulated": "Nej"},
        ]

    checked = factory_check(tmp_path, change)
    made = make(tmp_path / "input", tmp_path / "out", today=TODAY)
    text = body_text(made.report)
    shown = [(row[0], row[1]) for row in find_table(made.report, "Formål")[1:]]
    assert shown == [("2020", "Start Up Viborg"), ("2021", "Start Up Viborg")]
    assert "Gammelt formål" not in text and "Senere formål" not in text
    assert "100.000" not in text and "200.000" not in text
    assert not [p for p in checked.problems if p.sheet == EARMARKS.name]
    assert [(e.year, e.purpose) for e in checked.computed.figures.earmarks] == [
        (2020, "Start Up Viborg"),
        (2021, "Start Up Viborg"),
    ]
    assert list(checked.left_out) == [
        "kontrakt.xlsx: 1 øremærkning før 2020 og 1 efter 2023 indgår ikke; "
        "kontraktperioden er 2020–2023. Hører de til en ny kontraktperiode, så begynd den: "
        f"{how_to(Action.NEW_PERIOD)}."
    ]


def test_rows_of_other_periods_are_not_checked_but_future_dates_stay_errors(tmp_path):
    def change(data):
        data["Henvisninger"] += [
            {"date": date(2019, 5, 1), "company": "Gammel ApS", "cvr": "12345678",
             "recipient": "Ukendt", "topic": "Ukendt"},
            {"date": date(2027, 1, 5), "company": "Fremtid ApS", "cvr": None,
             "recipient": "Virksomhedsguiden", "topic": "Finansiering"},
        ]  # fmt: skip
        data["Møder"].append({"date": date(2019, 3, 3), "topics": None})

    checked = factory_check(tmp_path, change)
    assert [(p.sheet, p.code) for p in checked.problems] == [(REFERRALS.name, Code.FUTURE_DATE)]
    assert list(checked.left_out) == [
        "henvisninger.xlsx: 1 henvisning før 2020 indgår ikke; kontraktperioden er 2020–2023.",
        "aarsdata.xlsx: 1 række før 2020 indgår ikke (Møder 1); kontraktperioden er 2020–2023.",
    ]


def test_the_first_year_compares_with_the_year_before_when_the_log_holds_it(tmp_path):
    def change(data):
        data["Kontrakt"].update(first_year=2023, last_year=2026, price_level=2022)
        data["Prisindeks"] = [{"year": 2023, "rate": 4.3, "source": "KL", "status": "Endelig"}]
        data["Øremærkninger"] = []
        data["Henvisninger"][12]["recipient"] = "erhvervshus  midtjylland"  # 2022, as typed

    # the factory's log: 12 in 2023, 10 in 2022; 2023 is reported in January 2024
    checked = factory_check(tmp_path, change, date(2024, 1, 20))
    referrals_ = checked.computed.figures.referrals
    assert (referrals_.total, referrals_.previous_total) == (12, 10)
    house = next(c for c in referrals_.by_recipient if c.label == "Erhvervshus Midtjylland")
    assert house.previous == 4  # rows 0, 3, 6 and 9 of 2022, one spelled differently
    assert referrals_.yearly_totals == ((2023, 12),)
    assert list(checked.left_out) == [
        "henvisninger.xlsx: 10 henvisninger før 2023 indgår ikke; kontraktperioden er 2023–2026.",
        "aarsdata.xlsx: 2 rækker før 2023 indgår ikke (Nøgletal 2); kontraktperioden er 2023–2026.",
    ]


def test_a_report_year_before_the_period_points_to_the_old_folder(new_period, tmp_path, capsys):
    fill_base_amount(new_period)
    keep_the_old_log(new_period)
    argv = ["tjek", "--aar", "2023", "--input", str(new_period), "--output", str(tmp_path)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "2023 ligger uden for kontraktperioden 2024–2027" in err
    assert "tidligere periode laves fra den periodes projektmapper" in err
