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

        from generator.core.schema import TEXTS_GUIDANCE_STYLE

        if TEXTS_GUIDANCE_STYLE not in [s.name for s in document.styles]:
            document.styles.add_style(TEXTS_GUIDANCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        document.add_paragraph(words, TEXTS_GUIDANCE_STYLE)

    return add


# --- what acts on its own: field codes, OLE links, links out, embedded chunks -------------


def _run(text: str | None = None):
    run = OxmlElement("w:r")
    if text is not None:
        element = OxmlElement("w:t")
        element.set(qn("xml:space"), "preserve")
        element.text = text
        run.append(element)
    return run


def _field_char(kind: str):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def complex_field(before: str, instruction: str, shown: str) -> Block:
    """A paragraph with a field as Word writes one: begin, the instruction (split over
    two runs, as Word often does), separate, the shown result, end."""

    def add(document) -> None:
        paragraph = document.add_paragraph(before)
        half = len(instruction) // 2
        parts = [_field_char("begin")]
        for piece in (instruction[:half], instruction[half:]):
            run = OxmlElement("w:r")
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = piece
            run.append(code)
            parts.append(run)
        parts += [_field_char("separate"), _run(shown), _field_char("end")]
        for part in parts:
            paragraph._p.append(part)

    return add


def simple_field(before: str, instruction: str, shown: str) -> Block:
    def add(document) -> None:
        paragraph = document.add_paragraph(before)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), instruction)
        simple.append(_run(shown))
        paragraph._p.append(simple)

    return add


def ole_link(before: str, target: str) -> Block:
    """An OLE object linked to a file and set to update always, as Word writes one."""

    def add(document) -> None:
        from lxml import etree

        paragraph = document.add_paragraph(before)
        rel_id = paragraph.part.relate_to(
            target,
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject",
            is_external=True,
        )
        xml = (
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:object><v:shape id="_x0000_i1025" style="width:100pt;height:20pt"/>'
            f'<o:OLEObject Type="Link" ProgID="Package" ShapeID="_x0000_i1025" '
            f'DrawAspect="Content" r:id="{rel_id}" UpdateMode="Always">'
            "<o:LinkType>EnhancedMetaFile</o:LinkType><o:LockedField>false</o:LockedField>"
            "</o:OLEObject></w:object></w:r>"
        )
        paragraph._p.append(etree.fromstring(xml))

    return add


def linked_picture(before: str, target: str) -> Block:
    """A picture that is only a link to a file (Insert › Picture › Link to file)."""

    def add(document) -> None:
        from lxml import etree

        paragraph = document.add_paragraph(before)
        rel_id = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.IMAGE, is_external=True)
        xml = (
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<w:drawing><wp:inline><wp:extent cx="914400" cy="914400"/>'
            '<wp:docPr id="7" name="Linket billede"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            '<pic:pic><pic:nvPicPr><pic:cNvPr id="7" name="Linket billede"/><pic:cNvPicPr/>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:link="{rel_id}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            '<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
        paragraph._p.append(etree.fromstring(xml))

    return add


def alt_chunk(html: str) -> Block:
    """An embedded HTML chunk (Insert › Object › Text from file, or a program's export)."""

    def add(document) -> None:
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        part = Part(
            PackURI(f"/word/afchunk{len(document.part.rels) + 1}.htm"),
            "text/html",
            html.encode("utf-8"),
            document.part.package,
        )
        rel_id = document.part.relate_to(
            part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
        )
        chunk = OxmlElement("w:altChunk")
        chunk.set(qn("r:id"), rel_id)
        body = document.element.body
        body.insert(len(body) - 1, chunk)

    return add
