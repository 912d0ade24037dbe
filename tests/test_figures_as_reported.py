"""Figures as reported: each report keeps its year's headline figures beside it, and a
later report names every one that has changed since (console, Kontrol, the document)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from docx import Document
from factory import late_referrals, two_years_data, up_to, write_inputs
from openpyxl import load_workbook

from generator.cli import SEE_APPENDIX, print_problems
from generator.core.problems import Code
from generator.output.folder import MANIFEST, read_reported
from generator.pipeline import make

NOW_2023 = datetime(2024, 1, 20, 10, 0)  # the 2023 report, made in January 2024
NOW_2024 = datetime(2025, 1, 20, 10, 0)
CHANGED = (
    "Tallet for 2023 er opdateret siden afrapporteringen for 2023: 15, ikke 12 "
    "(3 henvisninger dateret 2023 er kommet til i loggen siden)."
)


def notes_under_tables(report: Path) -> list[str]:
    return [p.text for p in Document(str(report)).paragraphs if "er opdateret siden" in p.text]


def test_the_report_keeps_its_years_headline_figures_in_the_manifest(tmp_path: Path):
    folder = write_inputs(tmp_path / "in", up_to(two_years_data(), 2023))
    make(folder, tmp_path / "out", year=2023, today=NOW_2023.date(), now=NOW_2023)
    stored = read_reported(tmp_path / "out")
    assert stored[2023]["henvisninger"] == "12"
    assert stored[2023]["kontraktsum"] == "3011737"
    assert stored[2023]["made"] == NOW_2023.isoformat()
    manifest = json.loads((tmp_path / "out" / MANIFEST).read_text(encoding="utf-8"))
    assert "Afrapportering_2023.docx" in manifest["files"]  # the fingerprints stay too


def test_referrals_added_to_a_reported_year_are_named_everywhere(tmp_path: Path, capsys):
    data = two_years_data()
    folder = write_inputs(tmp_path / "in", up_to(data, 2023))
    out = tmp_path / "out"
    made = make(folder, out, year=2023, today=NOW_2023.date(), now=NOW_2023)
    assert not [p for p in made.checked.problems if p.code is Code.FIGURES_CHANGED]
    assert notes_under_tables(made.report) == []

    data["Henvisninger"] = data["Henvisninger"] + late_referrals(2023, 3)
    write_inputs(folder, data)
    later = make(folder, out, year=2024, today=NOW_2024.date(), now=NOW_2024)
    print_problems(later.checked.problems, SEE_APPENDIX)  # the console's lines, as lav prints
    console = capsys.readouterr().out
    assert later.report is not None
    assert "henvisninger.xlsx – arket 'Henvisninger'" in console
    assert CHANGED in console

    report = out / "Afrapportering_2024.docx"
    assert notes_under_tables(report) == [CHANGED]
    paragraphs = [p.text for p in Document(str(report)).paragraphs]
    table_lead = paragraphs.index("Henvisninger i hvert år i kontraktperioden 2020–2024:")
    assert paragraphs.index(CHANGED) > table_lead  # under the table that shows 2023

    control = load_workbook(out / "Afrapportering_2024_bilag.xlsx")["Kontrol"]
    rows = [[cell.value for cell in row] for row in control.iter_rows()]
    changed = [row for row in rows if row[3] == str(Code.FIGURES_CHANGED)]
    assert len(changed) == 1
    assert changed[0][0] == "henvisninger.xlsx" and CHANGED in changed[0][4]


def test_a_report_made_again_for_its_own_year_is_no_change(tmp_path: Path):
    data = up_to(two_years_data(), 2023)
    folder = write_inputs(tmp_path / "in", data)
    make(folder, tmp_path / "out", year=2023, today=NOW_2023.date(), now=NOW_2023)
    data["Henvisninger"] = data["Henvisninger"] + late_referrals(2023, 1)
    write_inputs(folder, data)
    again = make(folder, tmp_path / "out", year=2023, today=NOW_2023.date(), now=NOW_2023)
    assert not [p for p in again.checked.problems if p.code is Code.FIGURES_CHANGED]
    assert read_reported(tmp_path / "out")[2023]["henvisninger"] == "13"


def test_a_changed_rate_says_why_the_sum_changed(tmp_path: Path):
    data = two_years_data()
    folder = write_inputs(tmp_path / "in", up_to(data, 2023))
    make(folder, tmp_path / "out", year=2023, today=NOW_2023.date(), now=NOW_2023)
    data["Prisindeks"][2]["rate"] = 4.1  # 2023's estimate made final
    write_inputs(folder, data)
    made = make(folder, tmp_path / "out", year=2024, today=NOW_2024.date(), now=NOW_2024)
    sums = [n for n in notes_under_tables(made.report) if n.startswith("Kontraktsummen")]
    assert sums == [
        "Kontraktsummen for 2023 er opdateret siden afrapporteringen for 2023: "
        "3.005.962 kr., ikke 3.011.737 kr. (PL-stigningen for 2023 er ændret fra 4,3 % til "
        "4,1 %)."
    ]


def test_a_broken_manifest_is_no_reason_to_stop(tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text('{"format": 1, "files": {}, "reported": [1, 2]}', "utf-8")
    assert read_reported(out) == {}
    folder = write_inputs(tmp_path / "in", two_years_data())
    made = make(folder, out, year=2024, today=NOW_2024.date(), now=NOW_2024)
    assert made.report is not None
