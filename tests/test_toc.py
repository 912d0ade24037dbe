"""The table of contents is filled in the report as delivered, never a placeholder.

Without a layout engine it lists the Heading 1 and 2 texts, each linked to its
heading; with LibreOffice it also carries the page numbers, so a plain
LibreOffice conversion and the PDF of ``lav --pdf`` both show them.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.pipeline import make
from generator.render.toc import (
    Heading,
    asks_to_update_fields,
    fill_toc,
    match_pages,
    read_headings,
)

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 10, 0)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TOC_LINE = re.compile(r"^\s*(\S.*?)\s*\.{4,}\s*(\d+)\s*$")


# --------------------------------------------------------------------------- helpers


def _toc_field(paragraph, shown: str) -> None:
    """A TOC field as the template has it: begin, instruction, separate, result, end."""

    def run_with(element) -> None:
        paragraph.add_run()._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.text = ' TOC \\o "1-2" \\h \\z \\u '
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(shown)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _small_report(path: Path) -> Path:
    document = Document()
    document.add_paragraph("Indhold")
    _toc_field(document.add_paragraph(), "Højreklik og vælg Opdater felt.")
    document.add_paragraph("Efter indholdsfortegnelsen")
    document.add_heading("Sammenfatning", 1)
    document.add_heading("Tal og tabeller", 2)
    document.add_heading("En detalje", 3)  # below the field's levels 1-2
    document.add_heading("", 1)  # an empty heading is not listed
    custom = document.styles.add_style("Afsnit", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 1"]
    document.add_paragraph("Økonomi  og   R&D <A/S>", style="Afsnit")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].style = document.styles["Heading 2"]
    table.cell(0, 0).paragraphs[0].add_run("I en tabel")
    document.save(str(path))
    return path


def _document_xml(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _toc_entries(docx: Path) -> list[tuple[str, str, str]]:
    """(TOC style, linked bookmark, text) of each paragraph of the field's result."""
    from lxml import etree

    root = etree.fromstring(_document_xml(docx).encode("utf-8"))
    entries = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if (
            style is None
            or not style.get(f"{W}val", "").startswith("TOC")
            or (style.get(f"{W}val") == "TOCHeading")
        ):
            continue
        link = paragraph.find(f"{W}hyperlink")
        text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
        entries.append((style.get(f"{W}val"), link.get(f"{W}anchor"), text))
    return entries


def _bookmarked_headings(docx: Path) -> dict[str, str]:
    """Bookmark name → text of the paragraph that holds it."""
    from lxml import etree

    root = etree.fromstring(_document_xml(docx).encode("utf-8"))
    found = {}
    for paragraph in root.iter(f"{W}p"):
        for mark in paragraph.iter(f"{W}bookmarkStart"):
            found[mark.get(f"{W}name")] = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    return found


def _headings_by_python_docx(docx: Path) -> list[str]:
    return [
        " ".join(p.text.split())
        for p in Document(str(docx)).paragraphs
        if p.style.name in ("Heading 1", "Heading 2") and p.text.strip()
    ]


# --------------------------------------------------------------------------- filling


def test_the_field_result_lists_level_one_and_two_headings_linked_to_them(tmp_path: Path):
    docx = _small_report(tmp_path / "lille.docx")
    listed = fill_toc(docx)
    assert [(h.level, h.text) for h in listed] == [
        (1, "Sammenfatning"),
        (2, "Tal og tabeller"),
        (1, "Økonomi og R&D <A/S>"),
        (2, "I en tabel"),
    ]
    entries = _toc_entries(docx)
    assert [(style, text) for style, _, text in entries] == [
        ("TOC1", "Sammenfatning"),
        ("TOC2", "Tal og tabeller"),
        ("TOC1", "Økonomi og R&D <A/S>"),
        ("TOC2", "I en tabel"),
    ]
    marks = _bookmarked_headings(docx)
    assert all(" ".join(marks[anchor].split()) == text for _, anchor, text in entries)
    xml = _document_xml(docx)
    assert "Højreklik" not in xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in xml  # Word can still refresh the field
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
    assert "PAGEREF" not in xml  # no page numbers without a layout engine
    assert "Efter indholdsfortegnelsen" in xml


def test_page_numbers_go_into_the_entries_and_refilling_replaces_them(tmp_path: Path):
    docx = _small_report(tmp_path / "lille.docx")
    fill_toc(docx)
    once = _document_xml(docx)
    fill_toc(docx)
    assert _document_xml(docx) == once  # the same bookmarks, no second copy of the entries
    assert asks_to_update_fields(docx)  # no page numbers: Word is asked to add them
    fill_toc(docx, [3, 3, 5, None])
    assert asks_to_update_fields(docx)  # one is still missing
    xml = _document_xml(docx)
    assert [text for _, _, text in _toc_entries(docx)] == [
        "Sammenfatning3",
        "Tal og tabeller3",
        "Økonomi og R&D <A/S>5",
        "I en tabel",
    ]
    assert xml.count("PAGEREF") == 3
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 4
    assert 'w:leader="dot"' in xml
    with zipfile.ZipFile(docx) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert 'w:styleId="TOC1"' in styles and 'w:styleId="TOC2"' in styles
    assert [h.text for h in read_headings(docx)] == [
        "Sammenfatning",
        "Tal og tabeller",
        "Økonomi og R&D <A/S>",
        "I en tabel",
    ]
    fill_toc(docx, [3, 3, 5, 6])
    assert not asks_to_update_fields(docx)  # every number there: Word asks nobody
    fill_toc(docx)
    assert asks_to_update_fields(docx)


def test_a_document_without_a_toc_field_is_left_alone(tmp_path: Path):
    document = Document()
    document.add_heading("Overskrift", 1)
    path = tmp_path / "uden.docx"
    document.save(str(path))
    before = path.read_bytes()
    assert fill_toc(path) == []
    assert path.read_bytes() == before


def test_pages_are_matched_by_text_in_order():
    headings = [
        Heading(1, "Sammenfatning", "_Toc1"),
        Heading(2, "Økonomi", "_Toc2"),
        Heading(2, "Økonomi", "_Toc3"),
        Heading(1, "Bilag", "_Toc4"),
    ]
    entries = [("Sammenfatning", 3), ("Økonomi", 7), ("Økonomi", 9), ("Andet", 11)]
    assert match_pages(headings, entries) == [3, 7, 9, None]


# --------------------------------------------------------------------------- the report


def test_the_reports_contents_list_its_headings_before_any_refresh(valid_made):
    report = valid_made.report
    listed = [text for _, _, text in _toc_entries(report)]
    assert len(listed) >= 5
    assert listed == _headings_by_python_docx(report)
    assert "Højreklik" not in _document_xml(report)


def test_without_libreoffice_the_contents_have_headings_and_no_error(
    inputs: Path, tmp_path: Path, monkeypatch
):
    import generator.output.pdf

    monkeypatch.delenv("AFRAPPORTERING_UDEN_SIDETAL", raising=False)
    monkeypatch.setattr(generator.output.pdf, "find_soffice", lambda: None)
    said: list[str] = []
    made = make(inputs, tmp_path / "out", now=NOW, progress=said.append)
    assert made.report is not None
    assert [text for _, _, text in _toc_entries(made.report)] == _headings_by_python_docx(
        made.report
    )
    assert "PAGEREF" not in _document_xml(made.report)
    # Word is asked to add the page numbers, and the author is told so once, and why
    assert asks_to_update_fields(made.report)
    assert made.notes == ()
    assert made.word_asks == (
        "Word spørger, om felterne skal opdateres, når rapporten åbnes, fordi sidetallene i "
        "indholdsfortegnelsen mangler (LibreOffice er ikke installeret). Svar Ja, og gem "
        "rapporten: så får indholdsfortegnelsen sidetal, og Word spørger ikke læserne igen."
    )


# --------------------------------------------------------------------------- LibreOffice


def _pages(pdf: Path) -> list[str]:
    from libreoffice import pdf_text

    return pdf_text(pdf).split("\f")


def _assert_toc_with_true_page_numbers(pdf: Path, headings: list[str]) -> None:
    """The PDF's contents page lists the headings with page numbers, and each
    heading stands on the page its line gives."""
    pages = _pages(pdf)
    contents = next(page for page in pages if "Indhold" in page)
    lines = [TOC_LINE.match(line) for line in contents.splitlines()]
    numbered = {" ".join(m.group(1).split()): int(m.group(2)) for m in lines if m}
    assert len(numbered) >= len(headings) - 2, contents  # a long heading may wrap
    for text, page in numbered.items():
        assert text in headings, text
        body = " ".join(pages[page - 1].split())
        assert text in body, (text, page)


@pytest.fixture(scope="module")
def lav_pdf(tmp_path_factory) -> Path:
    """``lav --pdf`` on the example, once, with LibreOffice numbering the contents."""
    from libreoffice import soffice

    from generator.cli import main

    soffice()  # skips (or fails under CI) without LibreOffice
    folder = tmp_path_factory.mktemp("eksempel")
    shutil.copytree(REPO / "input", folder / "input")
    out = folder / "out"
    console = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(console):
        patch.delenv("AFRAPPORTERING_UDEN_SIDETAL", raising=False)
        assert main(["lav", "--input", str(folder / "input"), "--output", str(out), "--pdf"]) == 0
    (folder / "konsol.txt").write_text(console.getvalue(), encoding="utf-8")  # beside out/
    return out


@pytest.mark.libreoffice
def test_libreoffice_converts_the_example_with_a_numbered_contents(lav_pdf: Path, tmp_path: Path):
    from libreoffice import convert

    report = lav_pdf / "Afrapportering_2023.docx"
    assert "PAGEREF" in _document_xml(report)  # the docx itself carries the numbers
    with zipfile.ZipFile(report) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
    assert "updateFields" not in settings  # so Word asks none of its readers
    console = (lav_pdf.parent / "konsol.txt").read_text(encoding="utf-8")
    assert "Sætter sidetal i indholdsfortegnelsen" in console
    assert "Word spørger" not in console and "felterne" not in console
    pdf = convert(report, "pdf", tmp_path / "pdf")  # plain soffice --convert-to pdf
    _assert_toc_with_true_page_numbers(pdf, _headings_by_python_docx(report))


@pytest.mark.libreoffice
def test_the_pdf_of_lav_has_a_numbered_contents(lav_pdf: Path):
    report = lav_pdf / "Afrapportering_2023.docx"
    pdf = lav_pdf / "Afrapportering_2023.pdf"
    _assert_toc_with_true_page_numbers(pdf, _headings_by_python_docx(report))
    assert "Højreklik" not in "".join(_pages(pdf))


@pytest.mark.skipif(os.name != "posix", reason="the stand-in soffice is a shell script")
def test_a_libreoffice_that_fails_leaves_headings_and_no_error(
    inputs: Path, tmp_path: Path, monkeypatch
):
    import generator.output.pdf

    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    # The bridge's Python, a stand-in too, starts the office as the bridge would: the
    # test is the same where python3-uno is installed and where it is not.
    bridge_python = tmp_path / "python"
    bridge_python.write_text('#!/bin/sh\nexec "$2"\n')
    bridge_python.chmod(0o755)
    monkeypatch.delenv("AFRAPPORTERING_UDEN_SIDETAL", raising=False)
    monkeypatch.setattr(generator.output.pdf, "find_soffice", lambda: str(broken))
    monkeypatch.setattr(generator.output.pdf, "uno_pythons", lambda _: [str(bridge_python)])
    said: list[str] = []
    made = make(inputs, tmp_path / "out", now=NOW, progress=said.append)
    assert made.report is not None
    assert len(_toc_entries(made.report)) >= 5
    assert "PAGEREF" not in _document_xml(made.report)
    assert asks_to_update_fields(made.report)
    assert made.notes == ()
    assert "fordi sidetallene i indholdsfortegnelsen mangler (LibreOffice svarede ikke)" in (
        made.word_asks
    )


@pytest.mark.libreoffice
def test_the_office_started_beside_the_run_numbers_the_contents(
    inputs: Path, tmp_path: Path, monkeypatch
):
    """``make`` starts LibreOffice before the report is written, and hands the report to
    that office: no second office is started for the page numbers."""
    from libreoffice import soffice

    import generator.output.pdf

    soffice()
    monkeypatch.delenv("AFRAPPORTERING_UDEN_SIDETAL", raising=False)

    def second_office(*_args):
        pytest.fail("a second LibreOffice was started for the page numbers")

    monkeypatch.setattr(generator.output.pdf, "_run_bridge", second_office)
    made = make(inputs, tmp_path / "out", now=NOW)
    assert made.report is not None
    assert "PAGEREF" in _document_xml(made.report)
    assert not asks_to_update_fields(made.report)
    assert made.word_asks is None  # Word is not asked: every page number is in place
    assert generator.output.pdf._EARLY == []


@pytest.mark.libreoffice
@pytest.mark.skipif(os.name != "posix", reason="LibreOffice's sockets are Unix sockets")
def test_an_office_started_early_and_never_given_the_report_is_ended(tmp_path: Path, monkeypatch):
    """A run that stops before its report is written (a fault, Ctrl-C) ends the office
    it started: the office, its sockets and the run's folder are gone."""
    import subprocess
    import time

    from libreoffice import soffice

    import generator.output.pdf as pdf

    soffice()
    monkeypatch.delenv("AFRAPPORTERING_UDEN_SIDETAL", raising=False)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt), pdf.early_office(out):
        (early,) = pdf._EARLY
        socket = Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{early.pipe}"
        for _ in range(3000):  # a guard only: until the office listens
            if socket.exists() or early.process.poll() is not None:
                break
            time.sleep(0.02)
        assert socket.exists(), "LibreOffice never listened"
        raise KeyboardInterrupt
    assert early.process.returncode is not None
    assert pdf._EARLY == []
    assert not socket.exists()
    assert list(out.iterdir()) == []  # the run's folder, with the profile, is removed
    for _ in range(250):  # a guard only: a killed office may take a moment to be reaped
        found = subprocess.run(
            ["pgrep", "-f", f"UserInstallation=file://{out}"], capture_output=True
        ).stdout
        if not found:
            break
        time.sleep(0.02)
    assert found == b"", "LibreOffice outlived the run"
