"""What Word puts in a document besides the text: each section reaches the report as the
author reads it, and nothing of the author's working state breaks the report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from texts_factory import bullets, runs, text, write_texts

from generator.core.schema import TEXT_SECTIONS
from generator.reading.texts import read_texts
from generator.render.document import jinja_environment
from generator.render.texts import section_subdocs

FILE = "tekster_2023.docx"


def small_template(path: Path) -> Path:
    """Every section placed as the report template places it, under a heading of its own."""
    document = Document()
    for section in TEXT_SECTIONS:
        document.add_heading(f"Rapportens {section.key}", level=1)
        document.add_paragraph(f"{{%p if tekster.{section.key} %}}")
        document.add_paragraph(f"{{{{p tekster.{section.key} }}}}")
        document.add_paragraph("{%p endif %}")
    document.save(str(path))
    return path


def render(folder: Path) -> Document:
    texts, _ = read_texts(folder, 2023, 2023)
    template = DocxTemplate(str(small_template(folder / "skabelon.docx")))
    template.init_docx()
    context = {"tekster": section_subdocs(template, texts)}
    template.render(context, jinja_env=jinja_environment(), autoescape=True)
    target = folder / "rapport.docx"
    template.save(str(target))
    return Document(str(target))


def rewrite(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def texts_under(document: Document, key: str) -> list[str]:
    """The paragraph texts between the report's heading for ``key`` and the next heading."""
    found, inside = [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            inside = paragraph.text == f"Rapportens {key}"
            continue
        if inside:
            found.append(paragraph.text)
    return found


def test_every_section_has_a_place_in_the_context_and_empty_ones_are_none(tmp_path):
    write_texts(tmp_path / FILE, {"Forord": [text("Hej.")]})
    texts, _ = read_texts(tmp_path, 2023, 2023)
    template = DocxTemplate(str(small_template(tmp_path / "skabelon.docx")))
    subdocs = section_subdocs(template, texts)
    assert list(subdocs) == [section.key for section in TEXT_SECTIONS]
    assert subdocs["forord"] is not None
    assert [key for key, subdoc in subdocs.items() if subdoc is None] == [
        s.key for s in TEXT_SECTIONS if s.key != "forord"
    ]
    assert all(value is None for value in section_subdocs(template, None).values())


def test_an_empty_section_leaves_nothing_behind(tmp_path):
    write_texts(tmp_path / FILE, {"Forord": [text("Hej.")]})
    document = render(tmp_path)
    assert texts_under(document, "forord") == ["Hej."]
    assert texts_under(document, "oekonomi") == []


def test_tracked_changes_read_as_accepted(tmp_path):
    path = write_texts(tmp_path / FILE, {"Forord": [text("Start.")]})
    rewrite(
        path,
        "word/document.xml",
        lambda xml: xml.replace(
            "<w:t>Start.</w:t></w:r>",
            '<w:t>Start.</w:t></w:r><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:delText> slettet</w:delText></w:r></w:del>"
            '<w:ins w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z">'
            "<w:r><w:t> indsat</w:t></w:r></w:ins>",
        ),
    )
    document = render(tmp_path)
    assert texts_under(document, "forord") == ["Start. indsat"]
    body = document.element.body
    assert not body.findall(".//" + qn("w:ins")) and not body.findall(".//" + qn("w:del"))


def test_comments_bookmarks_section_breaks_and_notes_stay_out(tmp_path):
    path = write_texts(tmp_path / FILE, {"Forord": [text("Start.")]})
    rewrite(
        path,
        "word/document.xml",
        lambda xml: xml.replace(
            "<w:r><w:t>Start.</w:t></w:r>",
            '<w:commentRangeStart w:id="0"/><w:bookmarkStart w:id="0" w:name="_GoBack"/>'
            '<w:r><w:t>Start.</w:t></w:r><w:bookmarkEnd w:id="0"/><w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r>'
            '<w:r><w:footnoteReference w:id="5"/></w:r>',
            1,
        ).replace(
            "<w:p><w:commentRangeStart",
            '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr>'
            "<w:commentRangeStart",
        ),
    )
    assert b"nextPage" in zipfile.ZipFile(path).read("word/document.xml")
    document = render(tmp_path)
    assert texts_under(document, "forord") == ["Start."]
    body = document.element.body
    for tag in ("commentRangeStart", "commentReference", "bookmarkStart", "footnoteReference"):
        assert not body.findall(".//" + qn(f"w:{tag}")), tag
    assert len(body.findall(".//" + qn("w:sectPr"))) == 1  # the template's own


def test_a_file_saved_by_danish_word_is_read_by_its_style_names(tmp_path):
    """Danish Word stores Heading 1 as style id 'Overskrift1' (its name stays 'heading 1')
    and List Bullet as 'Opstilling-punkttegn'."""
    path = write_texts(tmp_path / FILE, {"Forord": [bullets("Et punkt")]})
    for part in ("word/document.xml", "word/styles.xml"):
        rewrite(
            path,
            part,
            lambda xml: xml.replace('"Heading1"', '"Overskrift1"').replace(
                '"ListBullet"', '"Opstilling-punkttegn"'
            ),
        )
    texts, problems = read_texts(tmp_path, 2023, 2023)
    assert texts.sections["forord"].text == "Et punkt"
    assert {p.code.value for p in problems} == {"tomt-afsnit"}
    document = render(tmp_path)
    item = next(p for p in document.paragraphs if p.text == "Et punkt")
    assert item.style.name == "List Bullet"
    assert item._p.pPr.numPr is not None


@pytest.mark.libreoffice
def test_a_file_saved_by_libreoffice_reads_and_renders_the_same(tmp_path):
    from libreoffice import convert

    original = write_texts(
        tmp_path / "kilde" / FILE,
        {
            "Forord": [runs(("", "Med "), ("b", "fed"), ("", " tekst."))],
            "§ 6 a Henvisninger": [bullets("Et punkt", "Et andet")],
        },
    )
    resaved = convert(original, "docx:MS Word 2007 XML", tmp_path)
    assert resaved == tmp_path / FILE
    texts, problems = read_texts(tmp_path, 2023, 2023)
    assert texts.sections["forord"].text == "Med fed tekst."
    assert texts.sections["henvisninger"].text == "Et punkt\nEt andet"
    assert {p.code.value for p in problems} == {"tomt-afsnit"}
    document = render(tmp_path)
    item = next(p for p in document.paragraphs if p.text == "Et punkt")
    assert item._p.pPr.numPr is not None
    bold = next(p for p in document.paragraphs if p.text == "Med fed tekst.")
    assert [r.text for r in bold.runs if r.bold] == ["fed"]


def test_merging_texts_leaves_python_docx_writing_core_properties_correctly(tmp_path):
    """docxcompose rebinds the "cp" prefix when imported; later documents must not suffer."""
    from lxml import etree

    import generator.render.texts  # noqa: F401

    document = Document()
    document.core_properties.last_modified_by = "Afrapportering"
    document.save(str(tmp_path / "ny.docx"))
    core = etree.fromstring(zipfile.ZipFile(tmp_path / "ny.docx").read("docProps/core.xml"))
    namespace = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
    assert [e.text for e in core.iter(f"{{{namespace}}}lastModifiedBy")] == ["Afrapportering"]
