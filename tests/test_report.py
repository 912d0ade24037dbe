"""End to end: from the workbooks to the finished Word report, read back."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from docx_reading import cell, find_table, header_texts, paragraph, paragraphs
from factory import valid_data, write_inputs
from openpyxl import load_workbook

from generator.core.schema import HENVISNINGER
from generator.pipeline import Made, check, make

NOW = datetime(2026, 11, 27, 10, 0)
TODAY = NOW.date()


@pytest.fixture
def example_report(example_made: Made) -> Path:
    """Read only: the report is shared by every test that asks for it."""
    return example_made.report


def test_the_example_makes_the_report_of_the_latest_year_with_referrals(example_report):
    assert example_report.name == "Afrapportering_2023.docx"


def test_every_contract_year_so_far_shows_its_regulated_sum(example_report):
    """Example rates 1,6 %, 2,9 % and 4,3 % on 2.762.000 kr. (2020 prices)."""
    expected = {
        "2020": "2.762.000 kr.",
        "2021": "2.806.192 kr.",
        "2022": "2.887.572 kr.",
        "2023": "3.011.737 kr.",
    }
    for year, amount in expected.items():
        assert cell(example_report, "PL-stigning", year, "Kontraktsum") == amount, year


def test_each_recipient_has_a_row_with_its_count(example: Path, example_report: Path):
    """Counted independently of the program, straight from the workbook."""
    sheet = load_workbook(example / HENVISNINGER.filename, read_only=True)["Henvisninger"]
    counts: Counter = Counter()
    for when, *_rest in sheet.iter_rows(min_row=2, values_only=True):
        if when is not None and when.year == 2023:
            counts[_rest[2]] += 1
    for recipient, count in counts.items():
        assert cell(example_report, "Modtager", recipient, "2023") == str(count), recipient
    assert sum(counts.values()) == 101
    assert cell(example_report, "Modtager", "I alt", "2023") == "101"


def test_goals_meetings_hours_and_the_previous_year_are_stated(example_report):
    def summary(point: str) -> str:
        return cell(example_report, "Årets resultat", point, "Årets resultat")

    assert summary("§ 6 c CFI's resultatmål") == "3 af 5 resultatmål opfyldt"
    assert summary("§ 6 Månedsmøder") == "Møder i 11 af årets 12 måneder"
    # Karriereby hours, per cent of 1.924
    assert summary("§ 6 b Karriereby Viborg") == "1.871,5 timer, 97,3 % af ét årsværk"
    assert paragraph(example_report, "I 2023 blev der registreret 101 henvisninger").startswith(
        "I 2023 blev der registreret 101 henvisninger, 8 flere end i 2022 (+8,6 %)."
    )
    assert cell(example_report, "Modtager", "I alt", "2022") == "93"  # the previous year's
    assert paragraph(example_report, "Afleveres senest") == "Afleveres senest 31. januar 2024"


def test_a_clean_run_lets_go_of_the_input_cells_before_it_writes(example_made: Made):
    """The sheets' grids and typed rows serve the checks and the error report; a clean
    run writes no error report, so it frees them for the appendix (about 50 MB with
    100,000 referrals). The columns stay, and the dataset the figures come from."""
    inputs = example_made.checked.inputs
    assert inputs.raw == {}
    assert all(table.rows == () for table in inputs.tables.values())
    assert inputs.table(HENVISNINGER.sheets[0].name).columns["date"] == 0
    assert len(example_made.checked.dataset.referrals) == 80 + 87 + 93 + 101  # 2020–2023


def test_a_run_with_errors_keeps_the_cells_for_its_error_report(inputs: Path, tmp_path: Path):
    book = load_workbook(inputs / HENVISNINGER.filename)
    book[HENVISNINGER.sheets[0].name]["A2"] = "ikke en dato"
    book.save(inputs / HENVISNINGER.filename)
    made = make(inputs, tmp_path / "out", now=NOW)
    assert made.report is None
    assert made.checked.inputs.raw
    assert made.checked.inputs.table(HENVISNINGER.sheets[0].name).rows


def test_example_data_is_marked_on_every_page(example_report):
    assert all("EKSEMPELDATA" in text for text in header_texts(example_report) if text)


def test_real_data_is_not_marked_as_example(valid_made: Made):
    assert not any("EKSEMPELDATA" in text for text in header_texts(valid_made.report))


HOSTILE = ("R&D <Test> A/S", "{{ 7*7 }}", "{% for %}")


def test_cell_text_is_data_never_template_code(tmp_path: Path):
    """Ampersands, angle brackets and Jinja syntax in cells come out literally."""
    data = valid_data()
    data["Kontrakt"]["counterpart"] = HOSTILE[0]
    data["Lister"][0]["recipient"] = HOSTILE[0]
    for row in data["Henvisninger"]:
        if row["recipient"] == "Erhvervshus Midtjylland":
            row["recipient"] = HOSTILE[0]
    data["CFI-resultatmål"][0]["goal"] = HOSTILE[1]
    data["Indsatser"][0]["description"] = HOSTILE[2]
    data["Karriereby"][0]["task"] = HOSTILE[1]
    data["Møder"][0]["topics"] = "Budget & <plan> {{ x }}"
    made = make(write_inputs(tmp_path / "in", data), tmp_path / "out", today=TODAY, now=NOW)
    report = made.report
    assert paragraph(report, "Resultatkontrakt mellem") == (
        "Resultatkontrakt mellem Viborg Kommune og R&D <Test> A/S"
    )
    assert cell(report, "Modtager", HOSTILE[0], "Type") == "Erhvervshus"
    assert cell(report, "Nr.", "1", "Resultatmål") == HOSTILE[1]
    assert HOSTILE[2] in paragraphs(report)  # the point's description, a paragraph of its own
    assert cell(report, "Opgave", HOSTILE[1], "Timer") == "160,0"
    assert cell(report, "Emner", "10. januar 2023", "Emner") == "Budget & <plan> {{ x }}"


def test_a_report_is_made_for_an_earlier_year_on_request(example: Path, tmp_path: Path):
    made = make(example, tmp_path / "out", year=2021, today=TODAY, now=NOW)
    assert made.report.name == "Afrapportering_2021.docx"
    years = [row[0] for row in find_table(made.report, "Kontraktsum")[1:]]
    assert years == ["2020", "2021", "I alt"]
    totals = [row[0] for row in find_table(made.report, "Henvisninger")[1:]]
    assert "2022" not in totals


@pytest.mark.libreoffice
def test_workbooks_resaved_by_libreoffice_give_the_same_figures(example: Path, tmp_path: Path):
    """Dates, numbers and formula results survive a round trip through LibreOffice Calc."""
    from libreoffice import convert

    resaved = tmp_path / "resaved"
    for name in ("kontrakt.xlsx", "henvisninger.xlsx", "aarsdata.xlsx"):
        convert(example / name, "xlsx:Calc MS Excel 2007 XML", resaved)
    original = check(example, today=TODAY)
    again = check(resaved, today=TODAY)
    assert again.problems == original.problems
    assert again.computed.figures == original.computed.figures
    assert again.computed.figures.referrals.total == 101


@pytest.mark.libreoffice
def test_formulas_are_read_once_a_spreadsheet_program_has_computed_them(tmp_path: Path):
    """openpyxl stores formulas without a value; after LibreOffice saves them they are read."""
    from factory import column_of, edit_cell
    from libreoffice import convert

    folder = write_inputs(tmp_path / "in")
    cell = f"{column_of('Karriereby', 'hours')}2"
    edit_cell(folder, "aarsdata.xlsx", "Karriereby", cell, "=100+60")
    before = check(folder, today=TODAY)
    assert [(p.cell, p.code) for p in before.problems] == [(cell, "formel-uden-vaerdi")]
    convert(folder / "aarsdata.xlsx", "xlsx:Calc MS Excel 2007 XML", tmp_path / "saved")
    (tmp_path / "saved" / "aarsdata.xlsx").replace(folder / "aarsdata.xlsx")
    after = check(folder, today=TODAY)
    assert after.ok and after.computed.figures.career.hours == 1920


def test_control_characters_in_cells_do_not_break_the_document(inputs: Path, tmp_path: Path):
    """A stray bell or vertical tab pasted into a cell cannot stand in Word's XML."""
    import dataclasses

    from generator.compute.run import RunInfo
    from generator.pipeline import DEFAULT_TEMPLATE
    from generator.render.document import render_report

    figures = check(inputs, today=TODAY).computed.figures
    area = figures.points[0]
    point = dataclasses.replace(area.points[0], description="Før\x07 efter\x0b slut")
    figures = dataclasses.replace(
        figures, points=(dataclasses.replace(area, points=(point,)), *figures.points[1:])
    )
    target = tmp_path / "r.docx"
    render_report(DEFAULT_TEMPLATE, figures, RunInfo((), NOW, "test", ()), target)
    assert "Før efter slut" in paragraphs(target)  # the point's description
