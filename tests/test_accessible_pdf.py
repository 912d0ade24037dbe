"""The PDF of ``lav --pdf`` as a screen reader and the accessibility law see it: tagged
PDF/UA from LibreOffice, with Danish as its language, the title in the window,
headings, tables with header cells and every figure with its alternative text,
and a layout that keeps each heading and figure with what belongs to it.

The structure is read back with pikepdf; ``pdf_structure.problems`` runs the
machine-checkable PDF/UA rules (see there why they are written in the tests)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from libreoffice import required_tool, soffice
from pdf_structure import Element, problems, structure

from generator.output.pdf import _plain_convert, office_toc
from generator.pipeline import Made

pytestmark = pytest.mark.libreoffice

COUNTERPART = "Viborgegnens Erhvervsråd"
TITLE = "Årlig afrapportering 2023"


@pytest.fixture(scope="module")
def report(example_made: Made, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pdf")
    copy = folder / example_made.report.name
    shutil.copy2(example_made.report, copy)
    return copy


@pytest.fixture(scope="module")
def exported(report: Path) -> Path:
    """The PDF as ``lav --pdf`` makes it: through the UNO bridge, indexes updated."""
    soffice()
    target = report.with_suffix(".pdf")
    entries = office_toc(report, target)
    assert entries, "the bridge ran and read the table of contents"
    assert target.is_file()
    return target


@pytest.fixture(scope="module")
def pdf(exported: Path):
    with pikepdf.open(exported) as opened:
        yield opened


@pytest.fixture(scope="module")
def tree(pdf) -> Element:
    return structure(pdf)


def of_kind(tree: Element, *kinds: str) -> list[Element]:
    return [element for element in tree.walk() if element.kind in kinds]


def test_pdfinfo_says_the_pdf_is_tagged(exported: Path):
    pdfinfo = required_tool(("pdfinfo",), "poppler-utils (pdfinfo) er ikke installeret")
    info = subprocess.run(
        [pdfinfo, str(exported)], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(rf"^Title:\s+{TITLE}$", info, re.MULTILINE), info
    assert re.search(rf"^Author:\s+{COUNTERPART}$", info, re.MULTILINE), info


def test_no_machine_checkable_pdf_ua_rule_is_broken(pdf):
    assert problems(pdf) == []


def test_the_catalog_names_danish_and_shows_the_title(pdf):
    assert str(pdf.Root.Lang) == "da-DK"
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    assert str(pdf.open_metadata()["dc:title"]) == TITLE


def docx_headings(report: Path) -> dict[int, int]:
    counts: dict[int, int] = {}
    for paragraph in Document(str(report)).paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match:
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    return counts


def test_every_heading_of_the_report_is_a_heading_of_its_level(tree, report: Path):
    counts = docx_headings(report)
    assert counts[3] >= 12, "the contract points of § 3"
    for level, count in counts.items():
        assert len(of_kind(tree, f"H{level}")) == count, f"H{level}"


def test_every_table_has_its_header_row_of_th_cells(tree, report: Path):
    tables = of_kind(tree, "Table")
    assert len(tables) == len(Document(str(report)).tables)
    for table in tables:
        rows = [r for r in table.walk() if r.kind == "TR"]
        assert {cell.kind for cell in rows[0].children} == {"TH"}, f"page {table.page}"
        assert all({c.kind for c in row.children} == {"TD"} for row in rows[1:])


def test_every_figure_carries_the_docx_pictures_alternative_text(tree, report: Path):
    document = Document(str(report))
    descriptions = [
        element.get("descr")
        for element in document.element.body.iter()
        if element.tag.endswith("}docPr")
    ]
    assert [figure.alt for figure in of_kind(tree, "Figure")] == descriptions
    assert descriptions[1].startswith("Henvisninger pr. kvartal 2020–2023: 2023 har flest i 3.")


def test_the_bookmarks_hold_every_heading_also_the_contract_points(pdf, report: Path):
    titles = []

    def collect(items):
        for item in items:
            titles.append(item.title)
            collect(item.children)

    with pdf.open_outline() as outline:
        collect(outline.root)
    assert "Resumé" in titles
    assert "§ 3 a i. Arsenalet – Løbende" in titles
    assert len(titles) == sum(docx_headings(report).values())


# --------------------------------------------------------------------------- layout


def blocks(tree: Element) -> list[Element]:
    """The document's blocks in reading order: the children of /Document."""
    (document,) = tree.children
    return document.children


def describe(element: Element) -> str:
    return f"{element.own} on page {element.page}"


def test_no_heading_stands_at_the_foot_of_a_page_apart_from_what_follows(tree):
    found = blocks(tree)
    parted = [
        describe(block)
        for block, after in itertools.pairwise(found)
        if re.fullmatch(r"H\d", block.kind) and after.page != block.page
    ]
    assert parted == []


def test_every_figure_is_on_the_page_of_its_caption_and_its_heading(tree):
    found = blocks(tree)
    figures = [i for i, block in enumerate(found) if of_kind(block, "Figure")]
    assert len(figures) == 2
    for index in figures:
        figure, caption = found[index], found[index + 1]
        assert caption.own.lower() == "caption"
        assert caption.page == figure.page, describe(figure)
        heading = next(b for b in reversed(found[:index]) if re.fullmatch(r"H\d", b.kind))
        assert heading.page == figure.page, f"{describe(figure)} under {describe(heading)}"


def test_no_table_starts_at_the_foot_of_a_page_with_its_header_alone(tree):
    for table in of_kind(tree, "Table"):
        rows = [r for r in table.walk() if r.kind == "TR"]
        assert rows[1].page == rows[0].page, describe(table)


# --------------------------------------------------------------------------- the plain conversion


def test_the_plain_conversion_makes_a_tagged_pdf_ua_too(report: Path, tmp_path: Path):
    """Where no Python has LibreOffice's bridge, ``--convert-to`` carries the same options."""
    _plain_convert(soffice(), report, tmp_path)
    with pikepdf.open(tmp_path / f"{report.stem}.pdf") as converted:
        assert problems(converted) == []
        assert str(converted.Root.Lang) == "da-DK"
