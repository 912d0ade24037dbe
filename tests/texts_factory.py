"""Build tekster_ÅR.docx files for tests with python-docx, as an author would in Word."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

Block = Callable[[Any], None]  # adds itself to a python-docx Document


def write_texts(path: Path, sections: dict[str, Iterable[Block]], before: Iterable[Block] = ()):
    """A texts file: each heading (Heading 1) followed by its blocks."""
    document = Document()
    for block in before:
        block(document)
    for heading, blocks in sections.items():
        document.add_heading(heading, level=1)
        for block in blocks:
            block(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def text(words: str, style: str | None = None) -> Block:
    return lambda document: document.add_paragraph(words, style)


def runs(*parts: tuple[str, str]) -> Block:
    """A paragraph of runs: ("b", "fed"), ("i", "kursiv"), ("u", "understreget"),
    ("", "almindelig"), ("link:https://…", "linktekst")."""

    def add(document) -> None:
        paragraph = document.add_paragraph()
        for kind, words in parts:
            if kind.startswith("link:"):
                hyperlink(paragraph, words, kind.removeprefix("link:"))
                continue
            run = paragraph.add_run(words)
            run.bold, run.italic, run.underline = "b" in kind, "i" in kind, "u" in kind

    return add


def hyperlink(paragraph, words: str, url: str) -> None:
    """An external hyperlink as Word writes it: a relationship and a w:hyperlink."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    element = OxmlElement("w:t")
    element.text = words
    run.append(element)
    link.append(run)
    paragraph._p.append(link)


def bullets(*items: str) -> Block:
    return _items(items, "List Bullet")


def numbered(*items: str) -> Block:
    return _items(items, "List Number")


def _items(items: tuple[str, ...], style: str) -> Block:
    def add(document) -> None:
        for item in items:
            document.add_paragraph(item, style)

    return add


def table(*rows: tuple[str, ...]) -> Block:
    def add(document) -> None:
        grid = document.add_table(rows=len(rows), cols=len(rows[0]))
        grid.style = "Table Grid"
        for row, values in zip(grid.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value

    return add


def picture(path: Path, width_cm: float = 4) -> Block:
    from docx.shared import Cm

    return lambda document: document.add_picture(str(path), width=Cm(width_cm))


def empty() -> Block:
    return lambda document: document.add_paragraph("")


def guidance(words: str) -> Block:
    """A paragraph in the skeleton's guidance style (made if the file lacks it)."""

    def add(document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        from generator.schema import TEXTS_GUIDANCE_STYLE

        if TEXTS_GUIDANCE_STYLE not in [s.name for s in document.styles]:
            document.styles.add_style(TEXTS_GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        document.add_paragraph(words, TEXTS_GUIDANCE_STYLE)

    return add
