"""The report as published online (webtilgængelighedsloven, EN 301 549 / WCAG 2.1 AA),
read back from the .docx: Danish as the language, properties from the run, pictures
with alternative text, marked header rows, real headings, and spacing without empty
paragraphs. The PDF's structure is checked in test_accessible_pdf.py."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import EXAMPLE_RUN
from docx import Document
from factory import valid_data, write_inputs
from lxml import etree

from generator import __version__
from generator.pipeline import Made, make
from generator.render.layout import AFTER_TABLE, tidy_spacing

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
NS = {"w": W, "wp": WP, "pic": PIC}
COUNTERPART = "Viborgegnens Erhvervsråd"  # Modpart in the example's kontrakt.xlsx


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="module")
def report(example_made: Made) -> Path:
    return example_made.report


@pytest.fixture(scope="module")
def body(report: Path) -> etree._Element:
    return part(report, "word/document.xml").find(w("body"))


# --------------------------------------------------------------------------- language, properties


def test_the_documents_language_is_danish_in_the_defaults_and_every_style(report: Path):
    styles = part(report, "word/styles.xml")
    default = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert default.get(w("val")) == "da-DK"
    languages = {
        style.get(w("styleId")): style.find("w:rPr/w:lang", NS)
        for style in styles.iterfind("w:style", NS)
    }
    without = [name for name, lang in languages.items() if lang is None]
    assert without == []
    assert {lang.get(w("val")) for lang in languages.values()} == {"da-DK"}
    for name in ("Normal", "Heading1", "Heading3", "Caption", "Tabeltekst"):
        assert languages[name].get(w("val")) == "da-DK", name


def test_the_properties_name_the_report_the_counterpart_and_the_runs_time(report: Path):
    properties = Document(str(report)).core_properties
    assert properties.title == "Årlig afrapportering 2023"
    assert properties.subject == (
        "Resultatkontrakt 2020–2023 mellem Viborg Kommune og Viborgegnens Erhvervsråd"
    )
    assert properties.author == COUNTERPART
    assert properties.last_modified_by == COUNTERPART
    made = EXAMPLE_RUN.astimezone(UTC)  # stored in UTC; the run's clock is local time
    assert properties.created == made
    assert properties.modified == made
    assert properties.comments == (
        "Årlig afrapportering på resultatkontrakten til Økonomi- og Erhvervsudvalget"
    )
    assert properties.language == "da-DK"
    core = zipfile.ZipFile(report).read("docProps/core.xml").decode("utf-8")
    for stale in ("2013", "docxtpl", "Skabelon", ">Afrapportering<"):
        assert stale not in core, stale


EXTENDED = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}


def extended_properties(docx: Path) -> dict[str, str]:
    """docProps/app.xml's elements by name (the template's vectors have none to show)."""
    app = part(docx, "docProps/app.xml")
    return {etree.QName(child).localname: child.text or "" for child in app}


def test_the_extended_properties_name_the_program_its_version_and_the_counterpart(
    report: Path,
):
    """Not the application the template was saved with, its page and word counts or
    its name: the program that made the report, and the counterpart as company."""
    major, minor, patch = (int(part) for part in __version__.split("."))
    assert extended_properties(report) == {
        "Application": "Afrapportering",
        "AppVersion": f"{major:02d}.{minor:02d}{patch:02d}",
        "Company": COUNTERPART,
        "TotalTime": "0",
        "DocSecurity": "0",
        "ScaleCrop": "false",
        "LinksUpToDate": "false",
        "SharedDoc": "false",
        "HyperlinksChanged": "false",
    }
    with zipfile.ZipFile(report) as archive:
        names = archive.namelist()
        parts = [archive.read(name) for name in names if name.endswith((".xml", ".rels"))]
        properties = archive.read("docProps/app.xml") + archive.read("docProps/core.xml")
    assert not [name for name in names if "thumbnail" in name]  # the template's picture
    for stale in (b"docxtpl", b"Normal.dotm", b"Skabelon"):
        assert not [blob for blob in parts if stale in blob], stale
    assert b"Microsoft" not in properties  # the theme's font names may say it


def test_the_author_is_whatever_kontrakt_xlsx_names_as_counterpart(tmp_path: Path):
    data = valid_data()
    data["Kontrakt"]["counterpart"] = "Nordvestjysk Erhvervsråd"
    made = make(
        write_inputs(tmp_path / "input", data),
        tmp_path / "output",
        today=EXAMPLE_RUN.date(),
        now=datetime(2026, 1, 20, 9, 30),
    )
    properties = Document(str(made.report)).core_properties
    assert properties.author == "Nordvestjysk Erhvervsråd"
    assert extended_properties(made.report)["Company"] == "Nordvestjysk Erhvervsråd"
    assert properties.subject.endswith("og Nordvestjysk Erhvervsråd")
    assert properties.created == datetime(2026, 1, 20, 9, 30).astimezone(UTC)


# --------------------------------------------------------------------------- pictures


def test_every_picture_has_its_own_name_and_an_alternative_text_with_its_figures(body):
    pictures = body.findall(".//wp:docPr", NS)
    assert [(p.get("name"), p.get("descr")) for p in pictures] == [
        (
            "Diagram: henvisninger pr. modtager",
            "Henvisninger pr. modtager i 2023 (i parentes 2022): Erhvervshus Midtjylland 40 "
            "(40), Virksomhedsguiden 6 (9), Danmarks Eksport- og Investeringsfond 4 (3), "
            "Innovationsfonden 7 (4), Trade Council / Eksportrådet 10 (11), SMV:Digital 4 (7), "
            "Erhvervsstyrelsen 8 (7), Scale-Up Denmark 9 (1), Grøn Omstilling Midt 8 (8), "
            "Digitalt Løft Midt 5 (3). I alt 101 (93).",
        ),
        (
            "Diagram: henvisninger pr. kvartal",
            "Henvisninger pr. kvartal 2020–2023: 2023 har flest i 3. kvartal, 32. "
            "Pr. kvartal, 1.–4.: 2020: 23, 27, 15 og 15; 2021: 22, 23, 23 og 19; "
            "2022: 24, 23, 22 og 24; 2023: 27, 23, 32 og 19.",
        ),
    ]
    ids = [p.get("id") for p in pictures]
    assert len(set(ids)) == len(ids)
    # the picture's own properties say the same (some readers look there)
    inner = body.findall(".//pic:cNvPr", NS)
    assert [(p.get("name"), p.get("descr")) for p in inner] == [
        (p.get("name"), p.get("descr")) for p in pictures
    ]


# --------------------------------------------------------------------------- tables, headings


def test_every_tables_first_row_is_marked_as_its_header_and_only_that_row(body):
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) >= 10
    for table in tables:
        rows = table.findall("w:tr", NS)
        marked = [row.find("w:trPr/w:tblHeader", NS) is not None for row in rows]
        assert marked == [True] + [False] * (len(rows) - 1)


def headings(report: Path) -> list[tuple[int, str]]:
    found = []
    for paragraph in Document(str(report)).paragraphs:
        match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
        if match:
            found.append((int(match.group(1)), paragraph.text))
    return found


def test_the_contract_points_are_headings_one_level_below_their_section(report: Path):
    levels = dict((text.split(" – ")[0], level) for level, text in headings(report))
    assert levels["§ 3 a Innovationsmiljøer"] == 2
    assert levels["§ 3 a i. Arsenalet"] == 3
    assert levels["§ 3 d iv. Tiltrækning af uddannelser"] == 3
    assert levels["§ 4 a. Gensidig orientering om strategiske tiltag"] == 2
    assert levels["§ 5. House of Industry i Banebyen"] == 2


def test_no_heading_level_is_skipped(report: Path):
    previous = 0
    for level, text in headings(report):
        assert level <= previous + 1, f"{text} (Heading {level}) after Heading {previous}"
        previous = level


def test_the_contents_lists_sections_and_lettered_parts_but_not_the_numbered_points(report):
    document = Document(str(report))
    entries = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc ")]
    assert "§ 3 a Innovationsmiljøer" in [e.split("\t")[0] for e in entries]
    assert not [e for e in entries if e.startswith("§ 3 a i.")]
    assert len(entries) < 35, "the contents stays on one page"


def test_every_heading_style_keeps_with_the_next_paragraph(report: Path):
    document = Document(str(report))
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        assert document.styles[name].paragraph_format.keep_with_next is True, name


def test_a_figure_keeps_with_its_caption_and_the_table_before_it(body):
    for drawing in body.iterfind(".//w:drawing", NS):
        paragraph = drawing.getparent().getparent()
        assert paragraph.find("w:pPr/w:keepNext", NS) is not None
        assert paragraph.find("w:pPr/w:keepLines", NS) is not None
        caption = paragraph.getnext()
        assert caption.find("w:pPr/w:pStyle", NS).get(w("val")) == "Caption"
        table = paragraph.getprevious()
        assert table.tag == w("tbl"), "each chart follows the table of its numbers"
        for row in table.findall("w:tr", NS):
            assert row.find(".//w:pPr/w:keepNext", NS) is not None


# --------------------------------------------------------------------------- spacing


def empty_paragraphs(body: etree._Element) -> list[int]:
    found = []
    for index, paragraph in enumerate(body.iterchildren(w("p"))):
        text = "".join(t.text or "" for t in paragraph.iter(w("t"))).strip()
        content = paragraph.find(".//w:drawing", NS) is not None
        content = content or paragraph.find(".//w:fldChar", NS) is not None
        if not text and not content and paragraph.find("w:pPr/w:sectPr", NS) is None:
            found.append(index)
    return found


def test_the_report_has_no_empty_paragraphs(body):
    assert empty_paragraphs(body) == []


def test_the_template_makes_space_after_a_table_without_an_empty_paragraph(report: Path):
    """The template's tables used to end in an empty Note paragraph; now the text
    after a table has room above it. (The summary's page break, in a paragraph of
    its own, becomes the next heading's page break before.)"""
    from generator.pipeline import DEFAULT_TEMPLATE

    template = part(DEFAULT_TEMPLATE, "word/document.xml").find(w("body"))
    for table in template.iterchildren(w("tbl")):
        following = table.getnext()
        assert (
            following.findtext(".//w:t", namespaces=NS)
            or following.find(".//w:br[@w:type='page']", NS) is not None
        )
    rendered = part(report, "word/document.xml").find(w("body"))
    for table in rendered.iterchildren(w("tbl")):
        following = table.getnext()
        style = following.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(w("val")).startswith("Heading"):
            continue  # a heading's own space before is larger
        if following.find(".//w:drawing", NS) is not None:
            continue  # a chart has white space of its own; the template sets 6 pt
        spacing = following.find("w:pPr/w:spacing", NS)
        assert spacing is not None and int(spacing.get(w("before"))) >= AFTER_TABLE


def body_of(*children: str) -> etree._Element:
    xml = f'<w:body xmlns:w="{W}">{"".join(children)}</w:body>'
    return etree.fromstring(xml)


STYLES = etree.fromstring(
    f'<w:styles xmlns:w="{W}"><w:docDefaults><w:pPrDefault><w:pPr>'
    '<w:spacing w:after="120"/></w:pPr></w:pPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="320"/></w:pPr></w:style>'
    "</w:styles>"
)
TABLE = "<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
SECTION = "<w:sectPr/>"


def texts(body: etree._Element) -> list[str]:
    return [
        "TBL" if child.tag == w("tbl") else "".join(child.itertext()) or "·"
        for child in body
        if child.tag != w("sectPr")
    ]


def test_a_page_break_paragraph_becomes_page_break_before_on_the_next():
    body = body_of(
        "<w:p><w:r><w:t>A</w:t></w:r></w:p>", BREAK, "<w:p><w:r><w:t>B</w:t></w:r></w:p>"
    )
    tidy_spacing(body, STYLES)
    assert texts(body) == ["A", "B"]
    assert body[1].find("w:pPr/w:pageBreakBefore", NS) is not None


def test_an_empty_paragraph_goes_but_not_the_one_between_two_tables_or_after_the_last():
    body = body_of(
        "<w:p><w:r><w:t>A</w:t></w:r></w:p>",
        "<w:p/>",
        '<w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>',
        TABLE,
        "<w:p/>",
        TABLE,
        "<w:p/>",
        SECTION,
    )
    tidy_spacing(body, STYLES)
    assert texts(body) == ["A", "TBL", "·", "TBL", "·"]


def test_the_text_after_a_table_gets_room_unless_its_style_has_more():
    body = body_of(
        TABLE,
        "<w:p><w:r><w:t>Tekst</w:t></w:r></w:p>",
        TABLE,
        '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Overskrift</w:t></w:r></w:p>',
        TABLE,
        '<w:p><w:pPr><w:spacing w:before="0"/></w:pPr><w:r><w:t>Tæt</w:t></w:r></w:p>',
    )
    tidy_spacing(body, STYLES)
    before = [
        None if (s := p.find("w:pPr/w:spacing", NS)) is None else s.get(w("before"))
        for p in body.iterchildren(w("p"))
        if p.getparent() is body
    ]
    assert before == [str(AFTER_TABLE), None, "0"]


def test_a_paragraph_with_a_picture_or_a_field_is_not_empty():
    body = body_of(
        "<w:p><w:r><w:drawing/></w:r></w:p>",
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>',
        '<w:p><w:bookmarkStart w:id="1" w:name="x"/></w:p>',
    )
    tidy_spacing(body, STYLES)
    assert len(body) == 3


def test_the_bridge_and_the_plain_conversion_export_with_the_same_options():
    """uno_bridge.py is a script for another Python and cannot import the program:
    its options are read from its source and held to pdf.py's."""
    import ast

    from generator.output import pdf

    source = Path(pdf.BRIDGE).read_text(encoding="utf-8")
    (assignment,) = [
        node
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign)
        and getattr(node.targets[0], "id", None) == "PDF_EXPORT_OPTIONS"
    ]
    assert ast.literal_eval(assignment.value) == pdf.PDF_EXPORT_OPTIONS
    assert dict(pdf.PDF_EXPORT_OPTIONS) == {
        "UseTaggedPDF": True,
        "PDFUACompliance": True,
        "DisplayPDFDocumentTitle": True,
        "ExportBookmarks": True,
    }
    assert pdf.convert_to_argument().startswith(
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    )


def test_a_table_without_a_marked_header_row_gets_its_first_row_marked():
    """An author's own table (in the texts file) has column headers for a screen reader too."""
    row = "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:tc></w:tr>".replace(
        "</w:tc>", "</w:p></w:tc>"
    )
    marked = row.replace("<w:tr>", "<w:tr><w:trPr><w:tblHeader/></w:trPr>")
    body = body_of(f"<w:tbl>{row}{row}</w:tbl>", "<w:p/>", f"<w:tbl>{marked}{marked}{row}</w:tbl>")
    tidy_spacing(body, STYLES)
    first, second = body.findall("w:tbl", NS)
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in first] == [True, False]
    assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in second] == [True, True, False]


def test_a_pictures_text_holds_no_character_xml_cannot(tmp_path: Path):
    """A recipient's name is cell text; a control character in it must not break the file."""
    from docxtpl import DocxTemplate

    from generator.pipeline import DEFAULT_TEMPLATE
    from generator.render import charts
    from generator.render.document import _picture

    template = DocxTemplate(str(DEFAULT_TEMPLATE))
    template.init_docx()
    template.current_rendering_part = template.docx.part
    png = charts.quarters_chart(((2023, (1, 2, 3, 4)),), tmp_path / "k.png")
    xml = str(_picture(template, png, "Diagram: prøve", "Fond\x07en A/S & Co <1>"))
    assert 'name="Diagram: prøve"' in xml
    assert 'descr="Fonden A/S &amp; Co &lt;1&gt;"' in xml
