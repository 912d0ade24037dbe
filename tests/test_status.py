"""The monthly status: the year so far, as the annual report would count the same rows.

The data's year is the current one (2026) and the clock stands at 15 June 2026.
Every figure the status prints is checked against an independent count of
the workbooks' rows with openpyxl, never against the program's own functions.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx_reading import find_table, paragraphs
from factory import lists, settings, write_inputs
from openpyxl import load_workbook

from generator.cli import main
from generator.compute.status import status_figures
from generator.core.numbering import parse_number
from generator.core.problems import CannotContinue, Code
from generator.core.schema import DEFAULT_CONTRACT_POINTS, DEFAULT_RECIPIENTS, DEFAULT_TOPICS
from generator.pipeline import check, make, status

YEAR = 2026
DAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 10, 0)
NOVEMBER = date(2026, 11, 20)
MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli"]


def referral(when: date, n: int) -> dict[str, Any]:
    return {
        "date": when,
        "company": f"Firma {n} ApS",
        "cvr": None,
        "recipient": DEFAULT_RECIPIENTS[n % 3][0],
        "topic": DEFAULT_TOPICS[n % 2],
        "adviser": "AB",
        "note": None,
    }


THIS_YEAR = [
    date(2026, 1, 5),
    date(2026, 1, 20),
    date(2026, 2, 3),
    date(2026, 3, 9),
    date(2026, 4, 1),
    date(2026, 4, 28),
    date(2026, 5, 31),
    date(2026, 6, 15),  # the status date itself counts
]
LAST_YEAR = [
    date(2025, 1, 10),
    date(2025, 3, 3),
    date(2025, 6, 15),  # the same day last year counts
    date(2025, 6, 16),  # after it does not
    date(2025, 10, 1),
]
CAREER = {1: 160, 2: 150.5, 4: 170, 5: 140, 6: 40}  # no hours in March; June is not over


def goal(year: int, number: str, result: float | None, target=40, direction="Mindst"):
    return {
        "year": year,
        "number": number,
        "goal": f"Mål {number}",
        "unit": "antal",
        "target": target,
        "result": result,
        "direction": direction,
        "comment": None,
    }


def june_data(rate_2026: bool = True) -> dict[str, Any]:
    """A contract period 2025–2028 in its second year, kept until mid-June 2026."""
    dates = THIS_YEAR + LAST_YEAR
    return {
        "Kontrakt": settings(first_year=2025, last_year=2028, price_level=2025),
        "Prisindeks": (
            [{"year": 2026, "rate": 3.0, "source": "KL", "status": "Skøn"}] if rate_2026 else []
        ),
        "Øremærkninger": [],
        "Henvisninger": [referral(when, n) for n, when in enumerate(dates)],
        "Lister": lists(),
        "CFI-resultatmål": [
            goal(2025, "1", 44),
            goal(2026, "1", 20),
            goal(2026, "2", None),
            goal(2026, "3", 5, target=10, direction="Højst"),
        ],
        "Karriereby": [
            {"year": YEAR, "month": month, "task": "Studiejob", "hours": hours, "note": None}
            for month, hours in CAREER.items()
        ],
        "Kontraktpunkter": [
            {"number": number, "area": area, "point": point}
            for number, area, point in DEFAULT_CONTRACT_POINTS
        ],
        "Indsatser": [
            {"year": YEAR, "point": point, "status": "Løbende", "description": "I gang."}
            for _, _, point in DEFAULT_CONTRACT_POINTS[:3]
        ],
        "Nøgletal": [],
        "Samarbejde": [
            {"year": YEAR, "type": "Kampagne", "title": "Forårskampagne", "description": None}
        ],
        "Møder": [
            {"date": date(YEAR, month, day), "topics": "Status"}
            for month, day in ((1, 12), (2, 9), (4, 13), (5, 11), (6, 8))
        ],
    }


@pytest.fixture
def june(tmp_path: Path) -> Path:
    return write_inputs(tmp_path / "input", june_data())


# --------------------------------------------------------------------- independent counts


def rows_of(folder: Path, filename: str, sheet: str) -> list[dict[str, Any]]:
    """A sheet's rows by header, read with openpyxl alone."""
    ws = load_workbook(folder / filename, read_only=True)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:] if any(row)]


def day_of(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def referrals_up_to(folder: Path, last: date) -> list[dict[str, Any]]:
    return [
        row
        for row in rows_of(folder, "henvisninger.xlsx", "Henvisninger")
        if day_of(row["Dato"]).year == last.year and day_of(row["Dato"]) <= last
    ]


def recipient_types(folder: Path) -> dict[str, str]:
    return {
        row["Henvist til"]: row["Type"]
        for row in rows_of(folder, "henvisninger.xlsx", "Lister")
        if row["Henvist til"]
    }


def danish(value: Decimal, decimals: int) -> str:
    exact = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{exact:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")


# --------------------------------------------------------------------- reading the status


def paragraph(path: Path, start: str) -> str:
    """The one body paragraph that starts with ``start``."""
    found = [p.text for p in Document(str(path)).paragraphs if p.text.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def made_in_june(folder: Path, out: Path, **kwargs: Any):
    kwargs.setdefault("today", DAY)
    return status(folder, out, now=NOW, **kwargs)


# --------------------------------------------------------------------- the tests


def test_the_status_of_15_june_is_written_as_status_2026_06(june: Path, tmp_path: Path):
    made = made_in_june(june, tmp_path / "out")
    assert made.report == tmp_path / "out" / "Status_2026-06.docx"
    assert made.report.is_file() and made.checked.ok
    properties = Document(str(made.report)).core_properties
    assert properties.title == "Status til månedsmødet 15. juni 2026"
    assert properties.language == "da-DK"
    assert properties.author == settings()["counterpart"]
    assert properties.last_modified_by == settings()["counterpart"]
    assert properties.created == NOW.astimezone(UTC)


def test_the_statuss_extended_properties_name_the_program_and_the_counterpart(
    june: Path, tmp_path: Path
):
    """docProps/app.xml as the report's: the program and its version, the counterpart
    as company, no counts or name left from the template, no template thumbnail."""
    import zipfile

    from lxml import etree

    from generator import __version__

    made = made_in_june(june, tmp_path / "out")
    with zipfile.ZipFile(made.report) as archive:
        app = etree.fromstring(archive.read("docProps/app.xml"))
        names = archive.namelist()
    found = {etree.QName(child).localname: child.text for child in app}
    major, minor, patch = (int(part) for part in __version__.split("."))
    assert found["Application"] == "Afrapportering"
    assert found["AppVersion"] == f"{major:02d}.{minor:02d}{patch:02d}"
    assert found["Company"] == settings()["counterpart"]
    assert found["TotalTime"] == "0"
    assert not {"Template", "Pages", "Words", "Characters", "TitlesOfParts"} & set(found)
    assert not [name for name in names if "thumbnail" in name]


def test_referrals_so_far_equal_an_independent_count_against_the_same_period(
    june: Path, tmp_path: Path
):
    report = made_in_june(june, tmp_path / "out").report
    now = referrals_up_to(june, DAY)
    before = referrals_up_to(june, date(2025, 6, 15))
    assert (len(now), len(before)) == (8, 3)  # the fixture as meant: 16 June 2025 left out
    change = len(now) - len(before)
    pct = danish(Decimal(change) * 100 / len(before), 1)
    assert paragraph(report, f"{len(now)} henvisninger") == (
        f"{len(now)} henvisninger til og med 15. juni, "
        f"{change} flere end samme periode i 2025 (+{pct} %)."
    )
    kinds = recipient_types(june)
    by_type = find_table(report, "Type")
    for kind in ("Erhvervshus", "Nationalt program", "Regionalt program"):
        row = next(r for r in by_type if r[0] == kind)
        this_year = sum(1 for r in now if kinds[r["Henvist til"]] == kind)
        last_year = sum(1 for r in before if kinds[r["Henvist til"]] == kind)
        assert row == [kind, str(this_year), str(last_year)]
    assert by_type[-1] == ["I alt", str(len(now)), str(len(before))]


def test_the_months_so_far_are_a_table_with_the_running_month_said(june: Path, tmp_path: Path):
    report = made_in_june(june, tmp_path / "out").report
    months = find_table(report, "Jan")
    now, before = referrals_up_to(june, DAY), referrals_up_to(june, date(2025, 6, 15))
    assert months[0] == ["År", "Jan", "Feb", "Mar", "Apr", "Maj", "Jun"]
    for row, counted_rows in zip(months[1:], (now, before), strict=True):
        per_month = [
            sum(1 for r in counted_rows if day_of(r["Dato"]).month == m) for m in range(1, 7)
        ]
        assert row == [row[0], *map(str, per_month)]
    assert [row[0] for row in months[1:]] == ["2026", "2025"]
    assert paragraph(report, "Pr. måned") == "Pr. måned (juni til og med 15. juni):"


def test_karriereby_counts_the_whole_months_passed_and_names_a_month_without_hours(
    june: Path, tmp_path: Path
):
    report = made_in_june(june, tmp_path / "out").report
    rows = rows_of(june, "aarsdata.xlsx", "Karriereby")
    whole = [r for r in rows if r["År"] == YEAR and r["Måned"] <= 5]  # 15 June: 5 months over
    hours = sum(Decimal(str(r["Timer"])) for r in whole)
    expected = Decimal(1924) * 5 / 12
    share = danish(hours * 100 / expected, 0)
    text = paragraph(report, f"{danish(hours, 1)} timer til og med maj")
    assert text.startswith(f"{danish(hours, 1)} timer til og med maj, {share} % af 5/12 årsværk")
    assert f"(5/12 af 1.924 timer er {danish(expected, 1)} timer)" in text
    assert text.endswith("Der er ingen timer for marts.")
    assert "Karriereby-timerne for juni tælles, når måneden er omme." in paragraphs(report)


def test_goals_points_meetings_and_economy_as_of_the_date(june: Path, tmp_path: Path):
    report = made_in_june(june, tmp_path / "out").report
    assert paragraph(report, "Af årets") == (
        "Af årets 3 resultatmål har 2 et resultat indtil nu, og 1 af dem er opfyldt."
    )
    assert [row[0] for row in find_table(report, "Resultatmål")[1:]] == ["1", "3"]
    assert paragraph(report, "Uden resultat endnu") == "Uden resultat endnu: nr. 2 Mål 2."
    points = len(DEFAULT_CONTRACT_POINTS)
    without = [point for _, _, point in DEFAULT_CONTRACT_POINTS[3:]]
    text = paragraph(report, "Af kontraktens")
    assert text.startswith(
        f"Af kontraktens {points} punkter har 3 en række for 2026 på arket Indsatser. "
        "Uden række endnu: "
    )
    listed = text.removesuffix(".").split("Uden række endnu: ")[1].split("; ")
    assert listed == [parse_number(number).label for number, _, _ in DEFAULT_CONTRACT_POINTS[3:]]
    assert len(without) > 6  # so many are told by the contract's numbers alone
    assert find_table(report, "Titel")[1:] == [["Kampagne", "Forårskampagne"]]
    assert paragraph(report, "Der er holdt møde") == (
        "Der er holdt møde i 5 måneder til og med 15. juni (12. januar, 9. februar, "
        "13. april, 11. maj og 8. juni); der er intet møde registreret i marts."
    )
    assert paragraph(report, "Kontraktsummen") == (
        "Kontraktsummen for 2026 er 2.844.860 kr. Den bygger på en eller flere "
        "PL-stigninger, der stadig er skøn."
    )


def test_a_goal_without_a_result_mid_year_is_no_error_but_is_said_to_be_missing(
    june: Path, tmp_path: Path
):
    made = made_in_june(june, tmp_path / "out")
    assert paragraph(made.report, "Data har") == "Data har ingen fejl og 0 advarsler."
    assert Code.RESULT_MISSING not in {p.code for p in made.checked.problems}
    missing = [
        p.text for p in Document(str(made.report)).paragraphs if p.style.name == "List Bullet"
    ]
    assert "CFI's resultatmål uden resultat: nr. 2 Mål 2." in missing
    assert "Karriereby: ingen timer for marts." in missing
    assert "Månedsmøder: intet møde registreret i marts." in missing


def test_without_the_years_rate_the_sum_is_not_known_yet(tmp_path: Path):
    folder = write_inputs(tmp_path / "input", june_data(rate_2026=False))
    made = made_in_june(folder, tmp_path / "out")
    assert made.checked.ok
    assert paragraph(made.report, "Kontraktsummen") == (
        "Kontraktsummen for 2026 kendes ikke endnu: satsen for 2026 mangler på arket "
        "Prisindeks i kontrakt.xlsx."
    )


def test_in_a_periods_first_year_last_years_referrals_are_still_compared_with(tmp_path: Path):
    """2025 lies before the period 2026–2029: its referrals are set aside, never counted,
    but the same period of 2025 is still what 2026 so far is compared with."""
    data = june_data(rate_2026=False)
    data["Kontrakt"] = settings(first_year=2026, last_year=2029, price_level=2026)
    data["CFI-resultatmål"] = [g for g in data["CFI-resultatmål"] if g["year"] == YEAR]
    folder = write_inputs(tmp_path / "input", data)
    made = made_in_june(folder, tmp_path / "out")
    assert made.checked.ok
    assert paragraph(made.report, "8 henvisninger") == (
        "8 henvisninger til og med 15. juni, 5 flere end samme periode i 2025 (+166,7 %)."
    )
    assert paragraph(made.report, "Kontraktsummen") == "Kontraktsummen for 2026 er 2.762.000 kr."


def test_rows_after_the_status_date_are_not_counted_and_told_in_one_line(tmp_path: Path):
    data = june_data()
    data["Henvisninger"] += [referral(date(2026, 6, 16), 50), referral(date(2026, 9, 1), 51)]
    data["Møder"].append({"date": date(2026, 7, 7), "topics": "Sommer"})
    folder = write_inputs(tmp_path / "input", data)
    report = made_in_june(folder, tmp_path / "out", day=DAY, today=NOVEMBER).report
    assert paragraph(report, "8 henvisninger").startswith("8 henvisninger til og med 15. juni")
    assert paragraph(report, "Registreringer efter") == (
        "Registreringer efter 15. juni 2026 indgår ikke: 2 henvisninger og 1 møde. "
        "Karriereby-timerne for juni tælles, når måneden er omme."
    )


def test_on_31_december_the_status_shows_the_annual_reports_figures(inputs: Path, tmp_path: Path):
    """The same functions on the same rows: a status at the year's end is the report."""
    january = date(2024, 1, 10)
    made = status(inputs, tmp_path / "out", date(2023, 12, 31), today=january)
    report = check(inputs, 2023, today=january).computed.figures
    settings = made.checked.contract.settings
    assert made.checked.ok and report is not None and settings is not None
    so_far = status_figures(made.checked.dataset, settings, date(2023, 12, 31))
    assert so_far.referrals.total == report.referrals.total
    assert so_far.referrals.previous_total == report.referrals.previous_total
    assert so_far.referrals.by_type == report.referrals.by_type
    assert so_far.referrals.by_month == report.referrals.by_month
    assert so_far.career.hours == report.career.hours
    assert so_far.career.by_task == report.career.by_task
    assert (so_far.goals.met, so_far.goals.total) == (report.goals.met, report.goals.total)
    assert so_far.meetings == report.meetings
    assert so_far.points == report.points and so_far.cooperation == report.cooperation
    assert so_far.contract_year == report.this_year
    total, change = report.referrals.total, report.referrals.change
    assert paragraph(made.report, f"{total} henvisninger").startswith(
        f"{total} henvisninger til og med 31. december, {change} flere end samme periode i 2022"
    )
    hours = danish(report.career.hours, 1)
    assert paragraph(made.report, f"{hours} timer").startswith(
        f"{hours} timer til og med december, {danish(report.career.fte_pct, 0)} % af 12/12"
    )


def test_with_a_data_error_the_status_is_written_and_counts_it_while_lav_refuses(
    june: Path, tmp_path: Path
):
    from factory import column_of, edit_cell

    cell = f"{column_of('Henvisninger', 'cvr')}2"
    edit_cell(june, "henvisninger.xlsx", "Henvisninger", cell, "12345678")  # bad check digit
    out = tmp_path / "out"
    made = made_in_june(june, out)
    assert made.report.is_file()
    assert paragraph(made.report, "Data har").startswith(
        "Data har 1 fejl og 0 advarsler. Fejlene er markeret i Fejlrapport_2026.xlsx i samme "
        "mappe som status, hver med fil, ark og celle. Årsrapporten kan ikke laves, før "
        "fejlene er rettet"
    )
    assert made.error_report == out / "Fejlrapport_2026.xlsx" and made.error_report.is_file()
    marked = load_workbook(made.error_report)
    (copy,) = [name for name in marked.sheetnames if name.endswith("Henvisninger")]
    assert "kontrolciffer" in marked[copy][cell].comment.text
    refused = make(june, tmp_path / "lav", 2026, today=DAY)
    assert refused.report is None
    assert Code.CVR_CHECK_DIGIT in {p.code for p in refused.checked.problems}


def test_a_sheet_that_cannot_be_read_is_said_to_be_missing_not_shown_as_nought(tmp_path: Path):
    folder = write_inputs(tmp_path / "input", june_data(), skip=("Karriereby",))
    made = made_in_june(folder, tmp_path / "out")
    assert not made.checked.ok and made.report.is_file()
    assert paragraph(made.report, "Arket Karriereby") == (
        "Arket Karriereby i aarsdata.xlsx kunne ikke læses, så tallene derfra mangler i status."
    )
    assert paragraph(made.report, "Tallene mangler") == (
        "Tallene mangler: arket Karriereby kunne ikke læses (se Data ovenfor)."
    )
    assert not [p for p in Document(str(made.report)).paragraphs if "årsværk" in p.text]


def test_the_status_of_the_same_month_made_again_moves_the_earlier_one_aside(
    june: Path, tmp_path: Path
):
    out = tmp_path / "out"
    made_in_june(june, out)
    again = status(june, out, today=DAY, now=datetime(2026, 6, 15, 11, 0))
    assert [path.name for path in again.kept] == ["Status_2026-06_2026-06-15_100000.docx"]
    assert sorted(path.name for path in out.glob("Status_*")) == ["Status_2026-06.docx"]


def test_a_status_date_after_today_or_outside_the_period_cannot_start(june: Path, tmp_path: Path):
    with pytest.raises(CannotContinue, match="ligger efter i dag"):
        status(june, tmp_path / "out", date(2026, 6, 16), today=DAY)
    with pytest.raises(CannotContinue, match="uden for kontraktperioden 2025–2028"):
        status(june, tmp_path / "out", date(2024, 6, 1), today=DAY)


def test_in_january_no_month_is_over_yet(june: Path, tmp_path: Path):
    report = status(june, tmp_path / "out", date(2026, 1, 20), today=DAY, now=NOW).report
    assert report.name == "Status_2026-01.docx"
    assert paragraph(report, "Ingen måned i 2026") == (
        "Ingen måned i 2026 er omme endnu; timerne til Karriereby Viborg tælles for hele måneder."
    )
    assert paragraph(report, "2 henvisninger").startswith("2 henvisninger til og med 20. januar, ")


def test_the_command_takes_a_danish_date_and_explains_a_bad_one(
    june: Path, tmp_path: Path, capsys, monkeypatch
):
    monkeypatch.setattr("generator.output.pdf.find_soffice", lambda: None)  # the PDF: tested apart
    out = tmp_path / "out"
    code = main(["status", "--dato", "15-06-2026", "--input", str(june), "--output", str(out)])
    assert code == 0
    assert (out / "Status_2026-06.docx").is_file()
    with pytest.raises(SystemExit) as exit_:
        main(["status", "--dato", "31-06-2026"])
    assert exit_.value.code == 2
    assert "'31-06-2026' er ikke en dato" in capsys.readouterr().err


# --------------------------------------------------------------------- end to end


@pytest.mark.slow
@pytest.mark.libreoffice
def test_on_15_june_the_command_writes_the_status_and_its_pdf(june: Path, tmp_path: Path):
    """The clock of the whole program set to 15 June 2026 (faketime): no --dato needed."""
    import shutil
    import subprocess
    import sys

    from libreoffice import pdf_text, soffice

    soffice()
    faketime = shutil.which("faketime")
    if faketime is None:
        pytest.skip("faketime er ikke installeret")
    out = tmp_path / "out"
    command = [faketime, "2026-06-15 12:00:00", sys.executable, "-m", "generator", "status"]
    completed = subprocess.run(
        [*command, "--input", str(june), "--output", str(out)],
        capture_output=True,
        text=True,
        timeout=400,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    # the year and why, as soon as the period is read (as every run says its year)
    assert (
        completed.stdout.splitlines()[1] == "Status for 2026 til og med 15-06-2026 (dagens dato)."
    )
    assert sorted(path.name for path in out.glob("Status_*")) == [
        "Status_2026-06.docx",
        "Status_2026-06.pdf",
    ]
    now = referrals_up_to(june, DAY)
    text = " ".join(pdf_text(out / "Status_2026-06.pdf").split())
    assert f"{len(now)} henvisninger til og med 15. juni, 5 flere end samme periode i 2025" in text
    assert "af 5/12 årsværk" in text and "Der er ingen timer for marts." in text


@pytest.mark.parametrize(
    ("day", "months", "last_year"),
    [
        (date(2026, 6, 15), 5, date(2025, 6, 15)),
        (date(2026, 6, 30), 6, date(2025, 6, 30)),  # the month's last day: June is over
        (date(2026, 1, 1), 0, date(2025, 1, 1)),
        (date(2028, 2, 29), 2, date(2027, 2, 28)),  # leap day: the same period ends on the 28th
        (date(2026, 12, 31), 12, date(2025, 12, 31)),
    ],
)
def test_the_cut_off_counts_whole_months_and_the_same_day_last_year(day, months, last_year):
    from generator.compute.status import Cutoff

    cut = Cutoff(day)
    assert (cut.months_passed, cut.same_day_last_year) == (months, last_year)


def test_once_the_error_is_mended_the_next_status_removes_the_error_report(
    june: Path, tmp_path: Path
):
    from factory import column_of, edit_cell

    cell = f"{column_of('Henvisninger', 'cvr')}2"
    edit_cell(june, "henvisninger.xlsx", "Henvisninger", cell, "12345678")
    out = tmp_path / "out"
    assert made_in_june(june, out).error_report.is_file()
    edit_cell(june, "henvisninger.xlsx", "Henvisninger", cell, None)
    mended = status(june, out, today=DAY, now=datetime(2026, 6, 15, 11, 0))
    assert mended.checked.ok and not (out / "Fejlrapport_2026.xlsx").exists()
    assert mended.notes == ("Fejlrapport_2026.xlsx er slettet, da data ikke længere har fejl.",)


def test_an_output_folder_that_is_a_file_stops_in_danish_and_writes_nothing(
    june: Path, tmp_path: Path, capsys
):
    blocked = tmp_path / "output"
    blocked.write_text("ikke en mappe")
    code = main(["status", "--dato", "15-06-2026", "--input", str(june), "--output", str(blocked)])
    assert code == 2
    err = capsys.readouterr().err
    assert "Kan ikke fortsætte:" in err and "Traceback" not in err
    assert blocked.read_text() == "ikke en mappe"


def test_a_missing_input_folder_cannot_start(tmp_path: Path, capsys):
    code = main(["status", "--input", str(tmp_path / "ingen"), "--output", str(tmp_path / "o")])
    assert code == 2
    assert "findes ikke" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_the_status_is_accessible_like_the_report(june: Path, tmp_path: Path):
    """Real headings in order, a marked header row on every table, real list items,
    Danish as the document's language, and no picture without alternative text."""
    from docx.oxml.ns import qn

    document = Document(str(made_in_june(june, tmp_path / "out").report))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:2] == [("Heading 1", "Data"), ("Heading 2", "Det mangler endnu")]
    assert [text for style, text in headings if style == "Heading 1"] == [
        "Data",
        "§ 6 a Henvisninger",
        "§ 6 b Karriereby Viborg",
        "§ 6 c CFI's resultatmål",
        "§§ 3–5 Kontraktpunkter",
        "§ 6 Månedsmøder",
        "§ 7 Økonomi",
    ]
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    items = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert items and all(p.style.element.pPr.numPr is not None for p in items)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:val")) == "da-DK"
    assert not document.inline_shapes


def test_a_few_contract_points_without_a_row_are_named_in_full(tmp_path: Path):
    data = june_data()
    data["Indsatser"] = [
        {"year": YEAR, "point": point, "status": "Løbende", "description": None}
        for _, _, point in DEFAULT_CONTRACT_POINTS[:-2]
    ]
    report = made_in_june(write_inputs(tmp_path / "input", data), tmp_path / "out").report
    (number_a, _, point_a), (number_b, _, point_b) = DEFAULT_CONTRACT_POINTS[-2:]
    assert paragraph(report, "Af kontraktens").endswith(
        f"Uden række endnu: § {number_a}. {point_a}; § {number_b}. {point_b}."
    )
