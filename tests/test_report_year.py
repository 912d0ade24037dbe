"""The report year: one rule for every command, on the calendar of real use.

The log is kept all year, so by the January deadline it already holds the new
year's referrals. The report year is the last whole calendar year before today
that lies in the contract period, unless the author asks for another; every
run says in its first lines which year and why. The clock is always fixed
(``today``, the ``clock`` fixture, or ``faketime``), never the machine's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from clock import on_day
from docx import Document
from docx_reading import paragraph
from factory import valid_data, write_inputs
from openpyxl import load_workbook

from generator.cli import main
from generator.core.actions import Action, how_to
from generator.core.problems import CannotContinue
from generator.pipeline import check
from generator.reading.period import Period, Why, choose_report_year

REPO = Path(__file__).resolve().parent.parent
P2020 = Period(2020, 2023, 2020)

# --- the rule itself -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "today", "requested", "year", "why"),
    [
        # mid-period: January's rows are there, the year just ended is the one
        (Period(2022, 2025), date(2024, 1, 20), None, 2023, Why.LATEST),
        (Period(2022, 2025), date(2024, 12, 31), None, 2023, Why.LATEST),
        # the last January inside the period, and the first January after it
        (P2020, date(2023, 1, 20), None, 2022, Why.LATEST),
        (P2020, date(2024, 1, 20), None, 2023, Why.LATEST),
        # long after the period: its last year
        (P2020, date(2026, 11, 27), None, 2023, Why.PERIOD_OVER),
        # a new period's first January: no whole year yet (its first year is prepared)
        (Period(2024, 2027), date(2024, 1, 20), None, 2024, Why.NOT_YET),
        (Period(2024, 2027), date(2023, 6, 1), None, 2024, Why.NOT_YET),
        # the author's own choice, inside or outside the period
        (P2020, date(2024, 1, 20), 2021, 2021, Why.REQUESTED),
        (P2020, date(2024, 1, 20), 2024, 2024, Why.OUTSIDE),
        (P2020, date(2024, 1, 20), 2019, 2019, Why.OUTSIDE),
        # no readable period: the year just ended, or the one asked for
        (None, date(2024, 1, 20), None, 2023, Why.NO_PERIOD),
        (None, date(2024, 1, 20), 2021, 2021, Why.REQUESTED),
    ],
)
def test_the_report_year_rule(period, today, requested, year, why):
    choice = choose_report_year(period, today, requested)
    assert (choice.year, choice.why) == (year, why)
    assert choice.reportable is (why not in (Why.NOT_YET, Why.OUTSIDE))


def test_the_reasons_read_as_the_author_would_say_them():
    def said(period, today, requested=None, lead="Rapporten laves for"):
        return choose_report_year(period, today, requested).sentence(lead)

    assert said(Period(2022, 2025), date(2024, 1, 20)) == (
        "Rapporten laves for 2023 – det seneste hele år i kontraktperioden 2022–2025."
    )
    assert said(P2020, date(2024, 1, 20), 2022) == "Rapporten laves for 2022, som du har valgt."
    assert said(P2020, date(2023, 1, 20), 2023) == (
        "Rapporten laves for 2023, som du har valgt (året er ikke slut endnu)."
    )
    assert said(P2020, date(2026, 1, 5), lead="Tjekker data for") == (
        "Tjekker data for 2023 – det sidste år i kontraktperioden 2020–2023, som er slut."
    )
    assert said(Period(2024, 2027), date(2024, 1, 20), lead="Teksterne laves til") == (
        "Teksterne laves til 2024 – det første år i kontraktperioden 2024–2027, som ikke er "
        "slut endnu."
    )
    choice = choose_report_year(P2020, date(2026, 1, 5), None)
    assert choice.another() == (
        f"Et andet år: {how_to(Action.OTHER_YEAR)}. "
        f"Er en ny kontraktperiode begyndt: {how_to(Action.NEW_PERIOD)}."
    )


def test_no_whole_year_yet_says_where_the_previous_report_is_made():
    stop = choose_report_year(Period(2024, 2027), date(2024, 1, 20), None).stop("input")
    assert isinstance(stop, CannotContinue)
    assert stop.message.startswith(
        "Kontraktperioden 2024–2027 har endnu ikke et helt år at rapportere for: "
        "2024 er ikke slut. Rapporten for 2023 hører til den forrige kontraktperiode "
        "og laves fra dens projektmapper"
    )
    assert how_to(Action.REPORT) in stop.message
    assert stop.message.endswith(f"Vil du se 2024 indtil nu, så {how_to(Action.STATUS)}.")
    assert "aarsrapport" not in stop.message and "--" not in stop.message


def test_a_year_outside_the_period_names_actions_not_options():
    after = choose_report_year(P2020, date(2024, 1, 20), 2024).stop("input").message
    assert after.startswith("2024 ligger uden for kontraktperioden 2020–2023.")
    assert how_to(Action.NEW_PERIOD) in after
    before = choose_report_year(P2020, date(2024, 1, 20), 2019).stop("input").message
    assert "laves fra den periodes projektmapper" in before
    for message in (after, before):
        assert "aarsrapport" not in message and "--" not in message


# --- January runs, end to end through the command line ----------------------------------------

JANUARY = 20


def january_data(year: int, first: int, last: int, january_rows: int = 3) -> dict:
    """A valid ``year`` in the period ``first``–``last``, and the log already holding
    ``january_rows`` referrals of the January after (as it does at the deadline)."""
    data = valid_data(year)
    data["Kontrakt"].update(first_year=first, last_year=last, price_level=first)
    data["Prisindeks"] = [
        {"year": y, "rate": 2.0, "source": "KL", "status": "Endelig"}
        for y in range(first + 1, year + 1)
    ]
    data["Øremærkninger"] = []
    data["Nøgletal"] = [row for row in data["Nøgletal"] if first <= row["year"] <= last]
    for n in range(january_rows):
        row = dict(data["Henvisninger"][n])
        row["date"] = date(year + 1, 1, 8 + n)
        row["company"] = f"Januar {n + 1} ApS"
        data["Henvisninger"].append(row)
    return data


CASES = {  # (period, the day of the run) → the year the report is for
    "midt i perioden": ((2022, 2025), date(2024, 1, JANUARY), 2023),
    "periodens sidste januar": ((2020, 2023), date(2023, 1, JANUARY), 2022),
    "den næste periodes første januar": ((2020, 2023), date(2024, 1, JANUARY), 2023),
}


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize("case", CASES)
def test_a_january_double_click_reports_on_the_year_just_ended(case, tmp_path, clock, capsys):
    (first, last), today, year = CASES[case]
    clock.today = today
    folder = write_inputs(tmp_path / "input", january_data(year, first, last))
    out = tmp_path / "output"

    assert main(["lav", "--input", str(folder), "--output", str(out)]) == 0
    console = lines(capsys)
    assert console[1] == (
        f"Rapporten laves for {year} – det seneste hele år i kontraktperioden "
        f"{first}–{last}. Et andet år: {how_to(Action.OTHER_YEAR)}."
    )
    assert sorted(p.name for p in out.glob("*.docx")) == [f"Afrapportering_{year}.docx"]
    # the tests leave the page numbers out, so Word will ask: said once, with why
    asks = [line for line in console if line.startswith("Word spørger")]
    assert len(asks) == 1 and "(sidetal er fravalgt i denne kørsel)" in asks[0]
    title = paragraph(out / f"Afrapportering_{year}.docx", "Årlig afrapportering")
    assert title == f"Årlig afrapportering {year}"
    figures = check(folder, today=today).computed.figures
    assert figures.year == year and figures.referrals.total == 12  # January's rows wait


@pytest.mark.parametrize("case", CASES)
def test_ny_on_that_day_writes_the_texts_file_lav_then_uses(case, tmp_path, clock, capsys):
    (first, last), today, year = CASES[case]
    clock.today = today
    folder = tmp_path / "input"
    assert main(["ny", "--periode", f"{first}-{last}", "--input", str(folder)]) == 0
    said = lines(capsys)
    assert said[0] == (
        f"Teksterne laves til {year} – det seneste hele år i kontraktperioden {first}–{last}."
    )
    assert [p.name for p in folder.glob("tekster_*.docx")] == [f"tekster_{year}.docx"]

    # The author fills in the workbooks and writes the foreword in the file ny made.
    write_inputs(folder, january_data(year, first, last))
    texts = folder / f"tekster_{year}.docx"
    document = Document(str(texts))
    heading = next(i for i, p in enumerate(document.paragraphs) if p.text == "Forord")
    document.paragraphs[heading + 2].add_run("Et godt år for erhvervslivet.")
    document.save(str(texts))

    out = tmp_path / "output"
    assert main(["lav", "--input", str(folder), "--output", str(out)]) == 0
    console = capsys.readouterr().out
    assert "(nu oprettet)" not in console  # lav found the file ny wrote
    assert [p.name for p in folder.glob("tekster_*.docx")] == [f"tekster_{year}.docx"]
    report = Document(str(out / f"Afrapportering_{year}.docx"))
    assert "Et godt år for erhvervslivet." in [p.text for p in report.paragraphs]


def test_the_old_folder_in_the_next_periods_first_january_sets_januarys_rows_aside(
    tmp_path, clock, capsys
):
    clock.today = date(2024, 1, JANUARY)
    folder = write_inputs(tmp_path / "input", january_data(2023, 2020, 2023))
    assert main(["lav", "--input", str(folder), "--output", str(tmp_path / "out")]) == 0
    console = capsys.readouterr().out
    assert "henvisninger.xlsx: 3 henvisninger efter 2023 indgår ikke" in console
    assert (tmp_path / "out" / "Afrapportering_2023.docx").is_file()


def test_the_new_periods_folder_in_its_first_january_cannot_report_yet(tmp_path, clock, capsys):
    clock.today = date(2024, 1, JANUARY)
    folder = tmp_path / "input2024"
    assert main(["ny", "--periode", "2024-2027", "--input", str(folder)]) == 0
    said = capsys.readouterr().out.splitlines()
    assert said[0] == (
        "Teksterne laves til 2024 – det første år i kontraktperioden 2024–2027, som ikke er "
        "slut endnu."
    )
    assert [p.name for p in folder.glob("tekster_*.docx")] == ["tekster_2024.docx"]

    out = tmp_path / "out"
    assert main(["lav", "--input", str(folder), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert "Kontraktperioden 2024–2027 har endnu ikke et helt år at rapportere for" in (
        captured.err
    )
    assert "Rapporten laves for" not in captured.out  # no year is claimed before the stop
    assert how_to(Action.REPORT) in captured.err
    assert not out.exists() or not list(out.iterdir())  # no report, no error report


def test_a_chosen_year_is_said_as_chosen(tmp_path, clock, capsys):
    clock.today = date(2024, 1, JANUARY)
    folder = write_inputs(tmp_path / "input", january_data(2023, 2020, 2023))
    assert main(["tjek", "--aar", "2022", "--input", str(folder), "--output", str(tmp_path)]) in (
        0,
        1,
    )
    assert lines(capsys)[1] == "Tjekker data for 2022, som du har valgt."


def test_tjek_says_the_year_first_and_json_keeps_it_off_standard_output(tmp_path, clock, capsys):
    clock.today = date(2024, 1, JANUARY)
    folder = write_inputs(tmp_path / "input", january_data(2023, 2022, 2025))
    argv = ["tjek", "--input", str(folder), "--output", str(tmp_path / "out")]
    assert main(argv) == 0
    said = lines(capsys)
    assert said[1].startswith("Tjekker data for 2023 – det seneste hele år i kontraktperioden")
    assert said[-1] == "Data for 2023 er klar til rapporten."

    assert main([*argv, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.lstrip().startswith("[")
    assert captured.err.splitlines()[0].startswith("Tjekker data for 2023 – ")


def test_the_error_report_is_named_by_the_same_year(tmp_path, clock, capsys):
    """January's rows never name the error report either: Fejlrapport_2023.xlsx."""
    clock.today = date(2024, 1, JANUARY)
    data = january_data(2023, 2022, 2025)
    for row in data["Henvisninger"][:7]:
        row["recipient"] = "Ukendt aktør"  # seven errors of one kind: more than the screen shows
    folder = write_inputs(tmp_path / "input", data)
    out = tmp_path / "out"
    assert main(["lav", "--input", str(folder), "--output", str(out)]) == 1
    console = capsys.readouterr().out
    assert [p.name for p in out.iterdir()] == ["Fejlrapport_2023.xlsx"]
    assert "… og 2 flere af samme slags – se dem i fejlrapporten Fejlrapport_2023.xlsx" in console
    assert "ÅR" not in console and "json" not in console.lower()
    assert f"Fejlene er markeret i {(out / 'Fejlrapport_2023.xlsx').resolve()}" in console
    overview = load_workbook(out / "Fejlrapport_2023.xlsx", read_only=True).worksheets[0]
    assert sum(1 for row in overview.iter_rows(min_row=2, values_only=True) if row[0]) == 7


def test_without_a_readable_period_the_error_report_is_for_the_year_just_ended(
    tmp_path, clock, capsys
):
    clock.today = date(2024, 1, JANUARY)
    data = january_data(2023, 2022, 2025)
    data["Kontrakt"].update(first_year=None)
    folder = write_inputs(tmp_path / "input", data)
    out = tmp_path / "out"
    assert main(["tjek", "--input", str(folder), "--output", str(out)]) == 1
    said = lines(capsys)
    assert said[1].startswith("Tjekker data for 2023 – året, der sidst er gået")
    assert [p.name for p in out.iterdir()] == ["Fejlrapport_2023.xlsx"]


# --- the same with the real clock set, as the author's machine would be ---------------------


@pytest.mark.slow
def test_a_double_click_on_20_january_2024_makes_the_2023_report(tmp_path):
    folder = write_inputs(tmp_path / "input", january_data(2023, 2022, 2025))
    out = tmp_path / "output"
    environment = {**os.environ, "AFRAPPORTERING_UDEN_SIDETAL": "1"}
    command = [sys.executable, "-m", "generator", "lav", "--input", str(folder)]
    completed = subprocess.run(
        [*on_day("2024-01-20 10:00:00"), *command, "--output", str(out)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    said = completed.stdout.splitlines()
    assert said[1].startswith("Rapporten laves for 2023 – det seneste hele år i kontraktperioden")
    assert sorted(p.name for p in out.glob("*.docx")) == ["Afrapportering_2023.docx"]
    assert [p.name for p in folder.glob("tekster_*.docx")] == ["tekster_2023.docx"]
