"""The shipped example workbooks are written like `ny`'s: the same dropdowns,
checks, input messages, widths, frozen headers and Vejledning (issue 13).

Compared in the sheet XML, as Excel reads it, sheet by sheet.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree as ET

import pytest

from generator.core.schema import WORKBOOKS
from generator.start.workbooks import write_blank_workbooks

REPO = Path(__file__).resolve().parent.parent
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS = {"m": MAIN, "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
FILENAMES = [spec.filename for spec in WORKBOOKS]


def sheets_of(path: Path) -> dict[str, ET.Element]:
    """Each sheet's XML by sheet name."""
    with zipfile.ZipFile(path) as archive:
        workbook = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("pr:Relationship", NS)}
        return {
            sheet.get("name"): ET.fromstring(
                archive.read(
                    str(PurePosixPath("xl") / targets[sheet.get(REL_ID)].removeprefix("/xl/"))
                )
            )
            for sheet in workbook.iterfind("m:sheets/m:sheet", NS)
        }


def validations(sheet: ET.Element) -> list[tuple]:
    """Every dataValidation entry: its attributes and formulas, in order."""
    return [
        (
            sorted(dv.attrib.items()),
            dv.findtext("m:formula1", None, NS),
            dv.findtext("m:formula2", None, NS),
        )
        for dv in sheet.iterfind("m:dataValidations/m:dataValidation", NS)
    ]


def columns(sheet: ET.Element) -> list[tuple]:
    return [
        (col.get("min"), col.get("max"), col.get("width"))
        for col in sheet.iterfind("m:cols/m:col", NS)
    ]


def frozen(sheet: ET.Element) -> tuple | None:
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    return None if pane is None else (pane.get("topLeftCell"), pane.get("state"))


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ny")
    write_blank_workbooks(folder)
    return folder


@pytest.mark.parametrize("filename", FILENAMES)
def test_the_shipped_workbooks_hold_the_same_data_validations_as_nys(filename, blank):
    shipped, new = sheets_of(REPO / "input" / filename), sheets_of(blank / filename)
    assert list(shipped) == list(new)
    for name in new:
        assert validations(shipped[name]) == validations(new[name]), name
    log = new.get("Henvisninger")
    if log is not None:  # the dropdowns the README promises are there at all
        assert any(v[0] and ("type", "list") in v[0] for v in validations(log))


@pytest.mark.parametrize("filename", FILENAMES)
def test_the_shipped_workbooks_have_nys_widths_and_frozen_headers(filename, blank):
    shipped, new = sheets_of(REPO / "input" / filename), sheets_of(blank / filename)
    for name in new:
        assert columns(shipped[name]) == columns(new[name]), name
        assert frozen(shipped[name]) == frozen(new[name]), name
        if name in {sheet.name for spec in WORKBOOKS for sheet in spec.sheets}:
            assert frozen(new[name]) == ("A2", "frozen"), name


def test_a_typo_in_the_shipped_log_is_caught_by_its_dropdown():
    """'Henvist til' in the shipped log drops down from the Lister sheet and warns on a typo."""
    log = sheets_of(REPO / "input" / "henvisninger.xlsx")["Henvisninger"]
    lists = [v for v in validations(log) if ("type", "list") in v[0]]
    assert any(formula.startswith("'Lister'!$A$2") for _, formula, _ in lists)
    assert all(("showErrorMessage", "1") in attributes for attributes, _, _ in lists)
