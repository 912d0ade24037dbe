"""The author's texts end to end: written in tekster_ÅR.docx, found in the report at their
sections with their formatting, literally; and the skeleton that teaches where to write."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from texts_factory import bullets, numbered, picture, runs, table, text, write_texts

from generator.cli import main
from generator.core.schema import TEXT_SECTIONS, TEXTS_GUIDANCE_STYLE
from generator.pipeline import DEFAULT_TEMPLATE, make
from generator.reading.texts import read_texts

NOW = datetime(2026, 11, 27, 10, 0)
TODAY = NOW.date()
FILE = "tekster_2023.docx"
LINK = "https://www.viborg.dk/erhverv"
LITERAL = "Kontrakten er opfyldt. {{ 7*7 }} {% if x %} {# R&D <A/S> %} }}"
HEADING = {section.key: section.heading for section in TEXT_SECTIONS}
# Where the template places each section: the report heading it stands under.
UNDER = {
    "forord": "Resumé",
    "samlet_vurdering": "Resumé",
    "henvisninger": "§ 6 a Henvisninger",
    "karriereby": "§ 6 b Karriereby Viborg",
    "oekonomi": "§ 7 Økonomi",
    "kommende_aar": "Det kommende år",
}


def paragraphs_by_section(report: Path) -> list[tuple[str, object]]:
    """Each body paragraph with the text of the Heading 1 it stands under."""
    current, found = "", []
    for paragraph in Document(str(report)).paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
        found.append((current, paragraph))
    return found


def the_paragraph(report: Path, starts: str) -> tuple[str, object]:
    matches = [(s, p) for s, p in paragraphs_by_section(report) if p.text.startswith(starts)]
    assert len(matches) == 1, (starts, [p.text for _, p in matches])
    return matches[0]


@pytest.fixture(scope="module")
def rich_report(tmp_path_factory) -> Path:
    """A report for 2023 from a texts file as the issue describes it, plus lists, a table
    and a picture."""
    from factory import write_inputs

    tmp = tmp_path_factory.mktemp("rich")
    inputs = write_inputs(tmp / "input")
    image = tmp / "logo.png"
    _png(image)
    write_texts(
        inputs / FILE,
        {
            HEADING["forord"]: [
                runs(
                    ("", "Året har været godt, og "),
                    ("b", "alle mål for henvisninger er nået"),
                    ("", ". Læs mere på "),
                    (f"link:{LINK}", "kommunens erhvervsside"),
                    ("", "."),
                ),
                text("Vi takker udvalget for et godt samarbejde."),
            ],
            HEADING["samlet_vurdering"]: [text(LITERAL)],
            HEADING["henvisninger"]: [
                bullets("Flere henvisninger til Erhvervshus Midtjylland", "Nye emner: eksport")
            ],
            HEADING["karriereby"]: [table(("Opgave", "Timer"), ("Messer", "120"))],
            HEADING["oekonomi"]: [numbered("Kontraktsummen er reguleret", "Intet er øremærket")],
            HEADING["kommende_aar"]: [
                runs(("i", "Kursiv"), ("", " og "), ("u", "understreget")),
                picture(image),
                numbered("Eksport", "Digitalisering"),
            ],
        },
    )
    with pytest.MonkeyPatch.context() as patch:  # made before the tests' own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")  # as every fast test's report
        made = make(inputs, tmp / "out", today=TODAY, now=NOW)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made.report


def test_the_foreword_stands_at_its_section_in_two_paragraphs(rich_report):
    first_section, first = the_paragraph(rich_report, "Året har været godt")
    second_section, second = the_paragraph(rich_report, "Vi takker udvalget")
    assert second.text == "Vi takker udvalget for et godt samarbejde."
    assert first_section.startswith(UNDER["forord"])
    assert second_section.startswith(UNDER["forord"])
    assert first.text == (
        "Året har været godt, og alle mål for henvisninger er nået. "
        "Læs mere på kommunens erhvervsside."
    )


def test_bold_stays_bold_and_only_there(rich_report):
    _, paragraph = the_paragraph(rich_report, "Året har været godt")
    bold = [run.text for run in paragraph.runs if run.bold]
    assert bold == ["alle mål for henvisninger er nået"]


def test_the_hyperlink_points_to_its_address_in_the_report(rich_report):
    _, paragraph = the_paragraph(rich_report, "Året har været godt")
    links = paragraph._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    relation = paragraph.part.rels[links[0].get(qn("r:id"))]
    assert relation.is_external and relation.target_ref == LINK
    assert "".join(t.text for t in links[0].iter(qn("w:t"))) == "kommunens erhvervsside"


def test_the_bullet_list_stands_under_its_kpi_as_a_bulleted_list(rich_report):
    for item in ("Flere henvisninger til Erhvervshus Midtjylland", "Nye emner: eksport"):
        section, paragraph = the_paragraph(rich_report, item)
        assert section.startswith(UNDER["henvisninger"])
        assert _number_format(paragraph) == "bullet"


def test_a_numbered_list_is_numbered_and_each_sections_list_starts_anew(rich_report):
    for item in ("Kontraktsummen er reguleret", "Intet er øremærket"):
        section, paragraph = the_paragraph(rich_report, item)
        assert section.startswith(UNDER["oekonomi"])
        assert _number_format(paragraph) == "decimal"
    section, paragraph = the_paragraph(rich_report, "Eksport")
    assert section.startswith(UNDER["kommende_aar"])
    assert _number_format(paragraph) == "decimal"
    _, first = the_paragraph(rich_report, "Kontraktsummen er reguleret")
    _, second = the_paragraph(rich_report, "Intet er øremærket")
    _, other = the_paragraph(rich_report, "Eksport")
    assert first._p.pPr.numPr.numId.val == second._p.pPr.numPr.numId.val
    assert other._p.pPr.numPr.numId.val != first._p.pPr.numPr.numId.val


def test_template_code_in_the_text_comes_out_literally(rich_report):
    section, paragraph = the_paragraph(rich_report, "Kontrakten er opfyldt.")
    assert section.startswith(UNDER["samlet_vurdering"])
    assert paragraph.text == LITERAL
    assert "49" not in paragraph.text


def test_italic_underline_a_table_and_a_picture_come_along(rich_report):
    _, paragraph = the_paragraph(rich_report, "Kursiv og understreget")
    assert [(r.text, bool(r.italic), bool(r.underline)) for r in paragraph.runs] == [
        ("Kursiv", True, False),
        (" og ", False, False),
        ("understreget", False, True),
    ]
    document = Document(str(rich_report))
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Opgave", "Timer"] in rows and ["Messer", "120"] in rows
    pictures = [
        document.part.rels[blip.get(qn("r:embed"))].target_part
        for blip in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
        )
    ]
    assert any(part.content_type == "image/png" and len(part.blob) > 50 for part in pictures)


def test_the_texts_headings_are_not_repeated_in_the_report(rich_report):
    """The template has its own headings; the texts file's headings only say where.
    (The contents list each heading once more, in their own styles 'toc 1', 'toc 2'.)"""

    def outside_the_contents(path: Path) -> list[str]:
        paragraphs = Document(str(path)).paragraphs
        return [p.text for p in paragraphs if not p.style.name.lower().startswith("toc ")]

    template = outside_the_contents(DEFAULT_TEMPLATE)
    report = outside_the_contents(rich_report)
    for heading in HEADING.values():
        assert report.count(heading) == template.count(heading), heading


def test_no_placeholder_is_left_where_a_section_is_empty(rich_report):
    text = "\n".join(p.text for p in Document(str(rich_report)).paragraphs)
    assert "tekster." not in text
    assert text.count("{{") == LITERAL.count("{{") and text.count("{%") == LITERAL.count("{%")


# --- the skeleton ---------------------------------------------------------------------------


def lav(capsys, inputs: Path, out: Path) -> tuple[int, str]:
    code = main(["lav", "--input", str(inputs), "--output", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out


def test_without_the_file_lav_writes_the_report_and_a_skeleton_and_says_where(
    inputs, tmp_path, capsys
):
    code, console = lav(capsys, inputs, tmp_path / "out")
    skeleton = inputs / FILE
    assert code == 0
    assert (tmp_path / "out" / "Afrapportering_2023.docx").is_file()
    assert skeleton.is_file()
    assert str(skeleton.resolve()) in console and "nu oprettet" in console


def test_a_second_lav_leaves_the_skeleton_untouched(inputs, tmp_path, capsys):
    lav(capsys, inputs, tmp_path / "out")
    skeleton = inputs / FILE
    before = (skeleton.read_bytes(), skeleton.stat().st_mtime_ns)
    code, console = lav(capsys, inputs, tmp_path / "out")
    assert code == 0
    assert (skeleton.read_bytes(), skeleton.stat().st_mtime_ns) == before
    assert "nu oprettet" not in console


def test_lav_never_writes_over_the_authors_file(inputs, tmp_path, capsys):
    written = write_texts(inputs / FILE, {"Forord": [text("Mine egne ord.")]})
    before = (written.read_bytes(), written.stat().st_mtime_ns)
    lav(capsys, inputs, tmp_path / "out")
    assert (written.read_bytes(), written.stat().st_mtime_ns) == before


def test_the_skeleton_has_every_heading_and_a_guidance_line_under_each(tmp_path):
    from generator.start.texts import write_texts_skeleton

    path = write_texts_skeleton(tmp_path, 2023, 2023)
    paragraphs = Document(str(path)).paragraphs
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [section.heading for section in TEXT_SECTIONS]
    guidance = [p.text for p in paragraphs if p.style.name == TEXTS_GUIDANCE_STYLE]
    for section in TEXT_SECTIONS:
        assert section.guidance in guidance
    assert paragraphs[0].style.name == TEXTS_GUIDANCE_STYLE  # the introduction
    assert Document(str(path)).styles[TEXTS_GUIDANCE_STYLE].next_paragraph_style.name == "Normal"


def test_the_skeleton_of_a_year_before_the_last_has_no_whole_period_section(tmp_path):
    from generator.start.texts import write_texts_skeleton

    path = write_texts_skeleton(tmp_path, 2022, 2023)
    headings = [p.text for p in Document(str(path)).paragraphs if p.style.name == "Heading 1"]
    assert "Kontraktperioden samlet" not in headings and "Forord" in headings


def test_text_written_into_the_skeleton_is_read_without_its_guidance(tmp_path):
    """As an author would: type under the Forord guidance line, in the empty paragraph."""
    from generator.start.texts import write_texts_skeleton

    path = write_texts_skeleton(tmp_path, 2023, 2023)
    document = Document(str(path))
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == "Forord")
    paragraphs[at + 2].add_run("Kære udvalg.")
    document.save(str(path))
    texts, problems = read_texts(tmp_path, 2023, 2023)
    assert texts.sections["forord"].text == "Kære udvalg."
    assert set(texts.sections) == {"forord"}
    assert {p.code.value for p in problems} == {"tomt-afsnit"}


def test_ny_writes_the_skeleton_beside_the_workbooks(tmp_path, capsys):
    folder = tmp_path / "input"
    assert main(["ny", "--input", str(folder), "--aar", "2023"]) == 0
    assert (folder / FILE).is_file()
    assert f"{FILE}" in capsys.readouterr().out


def test_ny_leaves_an_existing_texts_file_alone(tmp_path, capsys):
    folder = tmp_path / "input"
    written = write_texts(folder / FILE, {"Forord": [text("Mine egne ord.")]})
    before = written.read_bytes()
    assert main(["ny", "--input", str(folder), "--aar", "2023"]) == 0
    assert written.read_bytes() == before


@pytest.mark.libreoffice
def test_libreoffice_shows_the_texts_with_their_numbers_and_in_place(rich_report, tmp_path):
    """(pdftotext drops the bullet glyph; the bullets are checked in the .docx above.)"""
    from libreoffice import convert, pdf_text

    pdf = convert(rich_report, "pdf", tmp_path)
    words = " ".join(pdf_text(pdf).split())
    assert "alle mål for henvisninger er nået" in words
    assert "{{ 7*7 }}" in words and "R&D <A/S>" in words
    assert "Flere henvisninger til Erhvervshus Midtjylland" in words
    assert "1. Kontraktsummen er reguleret" in words and "2. Intet er øremærket" in words
    assert "1. Eksport 2. Digitalisering" in words  # each section's list counts from 1
    assert words.index("Året har været godt") < words.index("Flere henvisninger")


def _number_format(paragraph) -> str | None:
    """The numbering format of a paragraph's list level, from the report's numbering part."""
    properties = paragraph._p.pPr
    assert properties is not None and properties.numPr is not None, paragraph.text
    num_id, level = properties.numPr.numId.val, properties.numPr.ilvl.val
    numbering = paragraph.part.numbering_part.element
    abstract = numbering.xpath(f"w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")[0]
    formats = numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{level}']/w:numFmt/@w:val"
    )
    return formats[0] if formats else None


def _png(path: Path) -> None:
    """A small blue PNG, written without an imaging library."""
    import struct
    import zlib

    width, height = 40, 20
    rows = b"".join(b"\0" + b"\x1f\x4e\x79" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_ny_without_a_year_writes_the_texts_of_the_year_just_ended_in_the_period(tmp_path, capsys):
    """The blank settings' period is 2020-2023; run after it, its last year is the one."""
    folder = tmp_path / "input"
    assert main(["ny", "--input", str(folder)]) == 0
    assert [p.name for p in folder.glob("tekster_*.docx")] == [FILE]


def test_ny_for_a_new_period_writes_the_texts_of_a_year_in_that_period(tmp_path):
    folder = tmp_path / "input"
    assert main(["ny", "--periode", "2024-2027", "--input", str(folder), "--aar", "2025"]) == 0
    assert [p.name for p in folder.glob("tekster_*.docx")] == ["tekster_2025.docx"]
    headings = [
        p.text
        for p in Document(str(folder / "tekster_2025.docx")).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert "Kontraktperioden samlet" not in headings  # 2025 is not the period's last year
