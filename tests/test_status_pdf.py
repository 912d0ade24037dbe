"""The status PDF is tagged like the report's: it goes through the same LibreOffice
export (``pdf.convert_to_pdf``, the UNO bridge), so it is checked with the same
PDF/UA rules (``tests/pdf_structure.py``, which comes with the report's PDF tests).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document
from factory import write_inputs
from libreoffice import required_tool, soffice
from test_status import DAY, NOW, june_data

from generator.output.pdf import convert_to_pdf
from generator.pipeline import status

pikepdf = pytest.importorskip("pikepdf", reason="pikepdf (the test extra) is not installed")
pdf_structure = pytest.importorskip("pdf_structure", reason="the report's PDF/UA rules are missing")

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The status of 15 June 2026 and its PDF, as the command makes them."""
    soffice()
    folder = tmp_path_factory.mktemp("status-pdf")
    inputs = write_inputs(folder / "input", june_data())
    report = status(inputs, folder / "out", today=DAY, now=NOW).report
    return report, convert_to_pdf(report)


def test_pdfinfo_says_the_status_pdf_is_tagged(made):
    pdfinfo = required_tool(("pdfinfo",), "poppler-utils (pdfinfo) er ikke installeret")
    info = subprocess.run([pdfinfo, str(made[1])], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    assert "Title:           Status til månedsmødet 15. juni 2026" in info.stdout


def test_the_status_pdf_breaks_no_machine_checkable_pdf_ua_rule(made):
    with pikepdf.open(made[1]) as pdf:
        assert pdf_structure.problems(pdf) == []
        assert str(pdf.Root.Lang) == "da-DK"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_its_headings_and_table_headers_are_tagged_as_such(made):
    report, exported = made
    document = Document(str(report))
    levels = [p.style.name[-1] for p in document.paragraphs if p.style.name.startswith("Heading")]
    with pikepdf.open(exported) as pdf:
        tree = pdf_structure.structure(pdf)
        headings = [e.kind[1] for e in tree.walk() if e.kind in ("H1", "H2", "H3")]
        tables = [e for e in tree.walk() if e.kind == "Table"]
        assert headings == levels
        assert len(tables) == len(document.tables)
        for table in tables:
            first_row = next(e for e in table.walk() if e.kind == "TR")
            assert {cell.kind for cell in first_row.children} == {"TH"}
