"""Fejlrapport_ÅR.xlsx reads like the author's own workbook (issue 13).

The copies keep the source's column widths, date formats and frozen header;
the Problemer sheet fits its text and prints one page wide. Checked in the
sheet XML itself, as Excel reads it.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import pytest
from factory import column_of, edit_cell, write_inputs
from openpyxl import load_workbook

from generator.core.excel_text import lines_needed
from generator.core.problems import Code, warning
from generator.output.error_workbook import OVERVIEW, write_error_report
from generator.pipeline import check

TODAY = date(2026, 11, 27)
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
LOG = "Henvisninger"


class Xlsx:
    """The XML of a written .xlsx: its workbook, styles and each sheet by name."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)
        self.workbook = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("pr:Relationship", NS)}
        self.parts = {
            s.get("name"): str(PurePosixPath("xl") / targets[s.get(REL_ID)].removeprefix("/xl/"))
            for s in self.workbook.iterfind("m:sheets/m:sheet", NS)
        }
        self.styles = self._xml("xl/styles.xml")

    def _xml(self, part: str) -> ET.Element:
        return ET.fromstring(self.zip.read(part))

    def sheet(self, name: str) -> ET.Element:
        return self._xml(self.parts[name])

    def width(self, name: str, column: int) -> float | None:
        for col in self.sheet(name).iterfind("m:cols/m:col", NS):
            if int(col.get("min")) <= column <= int(col.get("max")):
                return float(col.get("width"))
        return None

    def number_format(self, name: str, ref: str) -> str:
        cell = self.sheet(name).find(f"m:sheetData/m:row/m:c[@r='{ref}']", NS)
        xf = self.styles.findall("m:cellXfs/m:xf", NS)[int(cell.get("s", "0"))]
        number = xf.get("numFmtId", "0")
        custom = self.styles.find(f"m:numFmts/m:numFmt[@numFmtId='{number}']", NS)
        return custom.get("formatCode") if custom is not None else number

    def defined_name(self, name: str) -> str:
        found = self.workbook.find(f"m:definedNames/m:definedName[@name='{name}']", NS)
        return found.text if found is not None else ""


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A log kept as an author keeps it (own widths, dates as DD.MM.YYYY, frozen
    first column and row), with one bad CVR number and one long message."""
    folder = write_inputs(tmp_path / "input")
    path = folder / "henvisninger.xlsx"
    book = load_workbook(path)
    ws = book[LOG]
    ws.column_dimensions["A"].width = 13.5
    ws.column_dimensions["B"].width = 41
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        cell.number_format = "DD.MM.YYYY"  # not the fallback DD-MM-YYYY
    ws.freeze_panes = "B2"
    book.save(path)
    edit_cell(folder, "henvisninger.xlsx", LOG, f"{column_of(LOG, 'cvr')}5", "12345678")
    checked = check(folder, today=TODAY)
    assert not checked.ok
    written = write_error_report(checked.inputs, checked.problems, tmp_path / "out", 2023)
    assert written is not None
    return written


def copy_of_log(xlsx: Xlsx) -> str:
    (name,) = [name for name in xlsx.parts if name.endswith(LOG)]
    return name


def test_the_copied_log_keeps_the_sources_column_widths(report):
    xlsx = Xlsx(report)
    copy = copy_of_log(xlsx)
    assert xlsx.width(copy, 1) == 13.5
    assert xlsx.width(copy, 2) == 41


def test_the_copied_log_shows_dates_in_the_sources_format(report):
    xlsx = Xlsx(report)
    copy = copy_of_log(xlsx)
    assert xlsx.number_format(copy, "A2") == "DD.MM.YYYY"
    assert xlsx.number_format(copy, "A13") == "DD.MM.YYYY"


def test_the_copied_log_keeps_its_frozen_panes(report):
    pane = Xlsx(report).sheet(copy_of_log(Xlsx(report))).find("m:sheetViews/m:sheetView/m:pane", NS)
    assert (pane.get("topLeftCell"), pane.get("state")) == ("B2", "frozen")


def test_a_column_without_a_width_in_the_source_gets_the_schemas(report):
    """The source set no width for CVR-nr. (column C); the schema declares 12."""
    xlsx = Xlsx(report)
    assert xlsx.width(copy_of_log(xlsx), 3) == 12


def test_the_problem_list_prints_one_page_wide_in_landscape(report):
    xlsx = Xlsx(report)
    sheet = xlsx.sheet(OVERVIEW)
    setup = sheet.find("m:pageSetup", NS)
    assert setup.get("orientation") == "landscape"
    assert (setup.get("fitToWidth"), setup.get("fitToHeight")) == ("1", "0")
    assert sheet.find("m:sheetPr/m:pageSetUpPr", NS).get("fitToPage") in ("1", "true")
    area = xlsx.defined_name("_xlnm.Print_Area")
    assert re.fullmatch(r"'?Problemer'?!\$A\$1:\$F\$\d+", area.split(",")[0]), area
    assert "$1:$1" in xlsx.defined_name("_xlnm.Print_Titles")


def test_the_problem_list_fits_its_text(report):
    """Columns as wide as their longest entry; each wrapped row tall enough for its message."""
    ws = load_workbook(report)[OVERVIEW]
    assert ws.column_dimensions["B"].width == len("henvisninger.xlsx") + 2
    assert ws.column_dimensions["F"].width == 80
    for row in ws.iter_rows(min_row=2):
        message = row[5]
        assert message.alignment.wrap_text
        lines = lines_needed(message.value, 80)
        assert ws.row_dimensions[message.row].height >= 15 * lines


@pytest.mark.parametrize(
    ("length", "width", "lines"),
    [(10, 80, 1), (86, 80, 1), (87, 80, 2), (200, 80, 3), (0, 80, 1)],
)
def test_a_message_wraps_to_the_lines_its_length_needs(length, width, lines):
    """About 1.1 characters of prose per width unit, less one for the margin."""
    assert lines_needed("x" * length, width) == lines


def test_each_line_break_starts_a_new_line():
    assert lines_needed("kort\nkort\nkort", 80) == 3


def test_a_problem_just_outside_the_values_is_still_marked(tmp_path):
    """A cell beyond the last row and column that hold values is written, filled
    and commented like any other."""
    from generator.core.problems import Code, Level, Problem
    from generator.output.error_workbook import RED

    folder = write_inputs(tmp_path / "input")
    checked = check(folder, today=TODAY)
    beyond = Problem("henvisninger.xlsx", LOG, "K30", Level.ERROR, Code.EMPTY_CELL, "Tom.")
    written = write_error_report(checked.inputs, [beyond], tmp_path / "out", 2023)
    book = load_workbook(written)
    (copy,) = [name for name in book.sheetnames if name.endswith(LOG)]
    cell = book[copy]["K30"]
    assert cell.fill.fgColor.rgb.endswith(RED)
    assert "Tom." in cell.comment.text


def test_a_flood_of_one_kind_is_marked_a_thousand_times_and_the_rest_counted(tmp_path: Path):
    """178,000 likely duplicates must not take minutes to mark: the first 1000 of a
    code are marked and listed, one line counts the rest and says where they are."""
    inputs = check(write_inputs(tmp_path / "input"), today=date(2024, 6, 1)).inputs
    flood = [
        warning("henvisninger.xlsx", "Henvisninger", f"B{row}", Code.LIKELY_DUPLICATE, "Dublet?")
        for row in range(2, 1502)
    ]
    path = write_error_report(inputs, flood, tmp_path / "out", 2023)
    rows = list(load_workbook(path, read_only=True)[OVERVIEW].iter_rows(values_only=True))
    assert len(rows) == 1 + 1000 + 1
    assert rows[1000][3] == "B1001"
    assert rows[-1][4] == "mulig-dublet"
    assert rows[-1][5].startswith("… og 500 flere af samme slags (mulig-dublet)")
    assert rows[-1][5].endswith("Ret de markerede, og kør igen: så markeres de næste.")
    assert "json" not in rows[-1][5].lower()  # the author is never sent to the tools' output
