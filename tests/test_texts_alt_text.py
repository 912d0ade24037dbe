"""An author's picture in the texts file and its alternative text: one without is a
warning naming the file and the section, one with it keeps it in the report (the
report is published, and a screen reader reads only the alternative text)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from docx.shared import Cm
from lxml import etree
from texts_factory import text, write_texts

from generator.core.problems import Code
from generator.core.schema import TEXT_SECTIONS
from generator.pipeline import check, make

NOW = datetime(2024, 1, 20, 10, 0)
FILE = "tekster_2023.docx"
HEADING = {section.key: section.heading for section in TEXT_SECTIONS}
NS = {
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
}
DECORATIVE = (
    '<a:extLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
    ' val="1"/></a:ext></a:extLst>'
)


@pytest.fixture
def png(tmp_path: Path) -> Path:
    import numpy
    from matplotlib.image import imsave

    path = tmp_path / "banebyen.png"
    imsave(path, numpy.full((20, 40, 3), 0.3))
    return path


def picture(path: Path, descr: str | None = None, decorative: bool = False):
    """A picture as Word inserts it, with the alternative text Word writes in descr."""

    def add(document) -> None:
        shape = document.add_picture(str(path), width=Cm(4))
        properties = shape._inline.docPr
        properties.set("name", "Billede 3")
        if descr is not None:
            properties.set("descr", descr)
        if decorative:
            properties.append(etree.fromstring(DECORATIVE))

    return add


def folder_with(inputs: Path, *blocks) -> Path:
    write_texts(
        inputs / FILE,
        {
            HEADING["forord"]: [text("Året har været godt.")],
            HEADING["kommende_aar"]: [text("House of Industry åbner."), *blocks],
        },
    )
    return inputs


def alt_warnings(folder: Path):
    checked = check(folder, today=NOW.date())
    return [p for p in checked.problems if p.code is Code.PICTURE_WITHOUT_ALT]


def test_a_picture_without_alternative_text_is_a_warning_naming_the_file_and_section(
    inputs: Path, png: Path
):
    folder = folder_with(inputs, picture(png), picture(png, descr="Tegning af Banebyen"))
    found = alt_warnings(folder)
    assert [(p.file, p.sheet, p.cell, p.level) for p in found] == [(FILE, None, None, "advarsel")]
    assert found[0].message == (
        f"Under overskriften '{HEADING['kommende_aar']}' i {FILE} har billede 1 ('Billede 3') "
        "ingen alternativ tekst, så en skærmlæser kan ikke sige, hvad det viser. Højreklik "
        "på billedet i Word, vælg alternativ tekst, og skriv med få ord, hvad billedet "
        "viser (eller markér det som dekorativt)."
    )


@pytest.mark.parametrize(
    "block", [lambda png: picture(png, descr="Tegning"), lambda png: picture(png, None, True)]
)
def test_a_picture_with_alternative_text_or_marked_decorative_passes(inputs, png, block):
    assert alt_warnings(folder_with(inputs, block(png))) == []


def test_whitespace_is_no_alternative_text(inputs: Path, png: Path):
    assert len(alt_warnings(folder_with(inputs, picture(png, descr="  ")))) == 1


def test_the_pictures_alternative_text_reaches_the_report(inputs: Path, png: Path, tmp_path: Path):
    words = "Tegning af House of Industry i Banebyen, set fra banegården"
    folder = folder_with(inputs, picture(png, descr=words))
    made = make(folder, tmp_path / "out", today=NOW.date(), now=NOW)
    assert made.report is not None, [p.message for p in made.checked.problems]
    import zipfile

    body = etree.fromstring(zipfile.ZipFile(made.report).read("word/document.xml"))
    authors = [
        drawing
        for drawing in body.iterfind(".//wp:inline", NS)
        if not drawing.find("wp:docPr", NS).get("name", "").startswith("Diagram")
    ]
    assert len(authors) == 1
    assert authors[0].find("wp:docPr", NS).get("descr") == words
    assert authors[0].find(".//pic:cNvPr", NS).get("descr") == words
