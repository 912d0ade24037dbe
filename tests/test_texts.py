"""Reading tekster_ÅR.docx: sections as data, every problem in Danish, hostile files refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from texts_factory import bullets, empty, guidance, runs, table, text, write_texts

from generator.cli import main
from generator.core.problems import Code, Level
from generator.core.schema import TEXT_SECTIONS
from generator.reading.texts import read_texts

LAST_YEAR = 2023  # the contract period of the test workbooks is 2020-2023
FILE = "tekster_2023.docx"
HEADINGS = {section.key: section.heading for section in TEXT_SECTIONS}


def every_section_written() -> dict:
    return {section.heading: [text(f"Om {section.key}.")] for section in TEXT_SECTIONS}


def codes(problems) -> list[tuple[str, str]]:
    return [(problem.code.value, problem.level.value) for problem in problems]


def test_each_heading_opens_its_section_and_everything_under_it_belongs_there(tmp_path):
    write_texts(
        tmp_path / FILE,
        {
            **every_section_written(),
            "Forord": [text("Første afsnit."), bullets("Et", "To"), text("Sidste afsnit.")],
        },
    )
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert problems == []
    assert texts.sections["forord"].text == "Første afsnit.\nEt\nTo\nSidste afsnit."
    assert texts.sections["oekonomi"].text == "Om oekonomi."
    assert len(texts.sections["forord"].blocks) == 4
    assert set(texts.sections) == set(HEADINGS)


def test_headings_match_case_spacing_and_a_closing_colon_aside(tmp_path):
    write_texts(
        tmp_path / FILE,
        {"  sAMLET \u00a0 vurdering ": [text("Godt år.")], "Forord:": [text("Kære udvalg.")]},
    )
    texts, _ = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["samlet_vurdering"].text == "Godt år."
    assert texts.sections["forord"].text == "Kære udvalg."


@pytest.mark.parametrize(
    "heading",
    [
        "Henvisninger",
        "Henvisninger (KPI a)",
        "§6 a henvisninger:",
        "§ 6 a  Henvisninger",
        "§ 6 a Henvisninger til Erhvervshus Midtjylland og øvrige programmer",
    ],
)
def test_the_contract_paragraph_and_a_note_in_brackets_may_be_left_out(tmp_path, heading):
    write_texts(tmp_path / FILE, {heading: [text("Flere end sidste år.")]})
    texts, _ = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["henvisninger"].text == "Flere end sidste år."


def test_words_curly_apostrophe_matches(tmp_path):
    write_texts(tmp_path / FILE, {"§ 6 c CFI\u2019s resultatmål": [text("Tre af fem.")]})
    texts, _ = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["resultatmaal"].text == "Tre af fem."


def test_a_line_break_inside_a_heading_counts_as_a_space(tmp_path):
    def heading_with_break(document) -> None:
        paragraph = document.add_heading("Samlet", level=1)
        paragraph.add_run().add_break()
        paragraph.add_run("vurdering")

    write_texts(tmp_path / FILE, {}, before=[heading_with_break, text("Godt år.")])
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["samlet_vurdering"].text == "Godt år."
    assert Code.UNKNOWN_HEADING not in [p.code for p in problems]


def test_guidance_lines_and_the_empty_lines_around_the_text_are_not_merged(tmp_path):
    forord = next(s for s in TEXT_SECTIONS if s.key == "forord")
    write_texts(
        tmp_path / FILE,
        {"Forord": [guidance(forord.guidance), empty(), text("Kære udvalg."), empty(), empty()]},
        before=[guidance("Her skriver du årets egne tekster.")],
    )
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["forord"].text == "Kære udvalg."
    assert Code.TEXT_IN_GUIDANCE not in [p.code for p in problems]
    assert Code.TEXT_WITHOUT_HEADING not in [p.code for p in problems]


def test_a_subheading_belongs_to_its_section_even_when_its_style_builds_on_heading_1(tmp_path):
    def subheading(document) -> None:
        document.add_heading("Eksport", level=2)
        style = document.styles["Heading 2"].element
        style.get_or_add_pPr()  # some templates base Heading 2 on Heading 1
        style.basedOn_val = "Heading1"

    def empty_heading(document) -> None:
        document.add_heading("", level=1)

    write_texts(
        tmp_path / FILE,
        {
            **every_section_written(),
            "Forord": [text("Før."), subheading, empty_heading, text("Efter.")],
        },
    )
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert problems == []
    assert texts.sections["forord"].text == "Før.\nEksport\nEfter."


def test_an_unknown_heading_is_a_warning_that_suggests_the_right_one(tmp_path):
    write_texts(tmp_path / FILE, {**every_section_written(), "Forrord": [text("Tabt?")]})
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("ukendt-overskrift", "advarsel")]
    assert "'Forrord'" in problems[0].message
    assert "Mente du 'Forord'?" in problems[0].message
    assert problems[0].file == FILE
    assert "Tabt?" not in texts.sections["forord"].text


def test_an_unknown_heading_without_a_near_match_lists_the_sections(tmp_path):
    write_texts(tmp_path / FILE, {**every_section_written(), "Ting og sager": [text("x")]})
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert "Afsnittene hedder: Forord, Samlet vurdering" in problems[0].message


def test_an_empty_section_is_a_warning_naming_it_and_has_no_content(tmp_path):
    sections = every_section_written()
    sections[HEADINGS["oekonomi"]] = [empty()]
    write_texts(tmp_path / FILE, sections)
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("tomt-afsnit", "advarsel")]
    assert "'§ 7 Økonomi'" in problems[0].message and "er tomt" in problems[0].message
    assert "oekonomi" not in texts.sections


def test_a_missing_heading_is_an_empty_section(tmp_path):
    sections = every_section_written()
    del sections["Det kommende år"]
    write_texts(tmp_path / FILE, sections)
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("tomt-afsnit", "advarsel")]
    assert "Overskriften 'Det kommende år' mangler" in problems[0].message


def test_a_file_without_any_text_yet_gives_one_warning_not_one_per_section(tmp_path):
    write_texts(tmp_path / FILE, {s.heading: [empty()] for s in TEXT_SECTIONS})
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("tomt-afsnit", "advarsel")]
    assert "har endnu ingen tekst" in problems[0].message
    assert texts.sections == {}


def test_the_last_years_section_written_in_another_year_is_left_out_with_a_warning(tmp_path):
    write_texts(tmp_path / "tekster_2022.docx", every_section_written())
    texts, problems = read_texts(tmp_path, 2022, LAST_YEAR)
    assert codes(problems) == [("kun-sidste-aar", "advarsel")]
    assert "'Kontraktperioden samlet'" in problems[0].message
    assert "kontraktperioden" not in texts.sections
    assert "forord" in texts.sections


def test_the_last_years_section_missing_in_another_year_is_no_problem(tmp_path):
    sections = every_section_written()
    del sections["Kontraktperioden samlet"]
    write_texts(tmp_path / "tekster_2022.docx", sections)
    _, problems = read_texts(tmp_path, 2022, LAST_YEAR)
    assert problems == []


def test_text_above_the_first_heading_is_a_warning(tmp_path):
    write_texts(tmp_path / FILE, every_section_written(), before=[text("Kladde til forordet")])
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("tekst-uden-overskrift", "advarsel")]
    assert "'Kladde til forordet'" in problems[0].message


def test_text_typed_over_a_guidance_line_is_a_warning_not_a_silent_loss(tmp_path):
    sections = every_section_written()
    sections["Forord"] = [guidance("Kære udvalg, året har været godt.")]
    write_texts(tmp_path / FILE, sections)
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert ("tekst-i-vejledning", "advarsel") in codes(problems)
    message = next(p.message for p in problems if p.code is Code.TEXT_IN_GUIDANCE)
    assert "'Kære udvalg, året har været godt.'" in message and "'Forord'" in message


def test_a_heading_written_twice_merges_both_with_a_warning(tmp_path):
    from docx import Document

    write_texts(tmp_path / FILE, every_section_written())
    document = Document(str(tmp_path / FILE))
    document.add_heading("Forord", level=1)
    document.add_paragraph("Tilføjet senere.")
    document.save(str(tmp_path / FILE))
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("dobbelt-overskrift", "advarsel")]
    assert texts.sections["forord"].text == "Om forord.\nTilføjet senere."


def test_footnotes_are_named_as_left_out(tmp_path):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def with_footnote(document) -> None:
        run = document.add_paragraph("Se noten.").add_run()
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), "1")
        run._r.append(reference)

    write_texts(tmp_path / FILE, {**every_section_written(), HEADINGS["oekonomi"]: [with_footnote]})
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert codes(problems) == [("udeladt-indhold", "advarsel")]
    assert "'§ 7 Økonomi'" in problems[0].message and "fodnoter" in problems[0].message


def test_tables_count_as_content(tmp_path):
    write_texts(
        tmp_path / FILE, {**every_section_written(), HEADINGS["oekonomi"]: [table(("a", "b"))]}
    )
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert problems == []
    assert texts.sections["oekonomi"].text == "ab"


def test_a_missing_file_is_no_problem(tmp_path):
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert problems == [] and texts.path is None and texts.sections == {}


def test_the_name_is_matched_case_aside_and_words_lock_file_is_ignored(tmp_path):
    write_texts(tmp_path / "Tekster_2023.DOCX", {"Forord": [runs(("b", "Fed"))]})
    (tmp_path / "~$kster_2023.docx").write_bytes(b"owner")
    texts, _ = read_texts(tmp_path, 2023, LAST_YEAR)
    assert texts.sections["forord"].text == "Fed"


# --- files that cannot be read: an error naming the file, exit 2, no traceback --------------


def zip_of(parts: dict[str, bytes]) -> bytes:
    from io import BytesIO

    stream = BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return stream.getvalue()


def valid_docx(tmp_path: Path) -> bytes:
    return write_texts(tmp_path / "gyldig.docx", {"Forord": [text("x")]}).read_bytes()


def docx_with(tmp_path: Path, part: str, change) -> bytes:
    with zipfile.ZipFile(write_texts(tmp_path / "gyldig.docx", {"Forord": [text("x")]})) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    parts[part] = change(parts[part])
    return zip_of(parts)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


UNREADABLE = {
    "csv-renamed": (lambda tmp: b"Forord;Samlet vurdering\nx;y\n", Code.NOT_DOCX, "ikke et Word"),
    "rtf-renamed": (lambda tmp: b"{\\rtf1\\ansi Forord}", Code.NOT_DOCX, "RTF"),
    "empty": (lambda tmp: b"", Code.NOT_DOCX, "ikke et Word"),
    "old-doc": (
        lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        Code.NOT_DOCX,
        "gamle Word-format",
    ),
    "encrypted": (
        lambda tmp: (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\0" * 100
            + "EncryptedPackage".encode("utf-16-le")
        ),
        Code.PROTECTED_FILE,
        "adgangskode",
    ),
    "odt-renamed": (
        lambda tmp: zip_of({"mimetype": b"application/vnd.oasis.opendocument.text"}),
        Code.NOT_DOCX,
        ".odt",
    ),
    "xlsx-renamed": (
        lambda tmp: zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
        Code.NOT_DOCX,
        "Excel-projektmappe",
    ),
    "zip-without-document": (
        lambda tmp: zip_of({"[Content_Types].xml": b"<Types/>"}),
        Code.BROKEN_FILE,
        "ødelagt",
    ),
    "truncated": (lambda tmp: valid_docx(tmp)[:700], Code.BROKEN_FILE, "ødelagt"),
    "zip-bomb": (
        lambda tmp: docx_with(tmp, "word/document.xml", lambda d: d + b" " * (40 * 1024 * 1024)),
        Code.FILE_TOO_LARGE,
        "zip-bombe",
    ),
    "xml-bomb": (
        lambda tmp: docx_with(
            tmp, "word/document.xml", lambda d: BILLION_LAUGHS + d.split(b"?>", 1)[1]
        ),
        Code.UNSAFE_XML,
        "DTD/ENTITY",
    ),
    "xml-bomb-in-utf-16": (  # the workbooks' rule: a DTD in any encoding
        lambda tmp: docx_with(
            tmp,
            "word/document.xml",
            lambda d: (
                '<?xml version="1.0" encoding="UTF-16"?>'
                + BILLION_LAUGHS.split(b"?>", 1)[1].decode()
                + d.split(b"?>", 1)[1].decode()
            ).encode("utf-16"),
        ),
        Code.UNSAFE_XML,
        "som Word aldrig skriver",
    ),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_a_file_that_cannot_be_read_is_an_error_naming_it(case, tmp_path):
    make, code, says = UNREADABLE[case]
    (tmp_path / FILE).write_bytes(make(tmp_path))
    texts, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert [(p.file, p.code, p.level) for p in problems] == [(FILE, code, Level.ERROR)]
    assert code.unreadable
    assert says in problems[0].message, problems[0].message
    assert texts.sections == {}


def test_the_texts_saved_in_another_format_are_found_and_explained(tmp_path):
    (tmp_path / "tekster_2023.odt").write_bytes(b"PK")
    _, problems = read_texts(tmp_path, 2023, LAST_YEAR)
    assert [p.code for p in problems] == [Code.NOT_DOCX]
    assert "tekster_2023.odt" in problems[0].message and "Gem den som" in problems[0].message


@pytest.mark.parametrize("command", ["tjek", "lav"])
def test_a_broken_texts_file_stops_like_a_broken_workbook(command, inputs, tmp_path, capsys):
    """Exit 2, the problem in Danish naming the file, no traceback, no report."""
    (inputs / FILE).write_bytes(valid_docx(tmp_path)[:700])
    out = tmp_path / "out"
    code = main([command, "--input", str(inputs), "--output", str(out)])
    console = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in console.out + console.err
    assert FILE in console.out and "ødelagt" in console.out
    assert not list(out.glob("Afrapportering_*.docx"))


def test_tjek_lists_the_texts_warnings_in_its_json(inputs, capsys, tmp_path):
    import json

    write_texts(inputs / FILE, {**every_section_written(), "Forrord": [text("x")]})
    code = main(["tjek", "--input", str(inputs), "--json", "--output", str(tmp_path)])
    problems = json.loads(capsys.readouterr().out)
    assert code == 0
    mine = [p for p in problems if p["fil"] == FILE]
    assert [(p["kode"], p["niveau"], p["ark"], p["celle"]) for p in mine] == [
        ("ukendt-overskrift", "advarsel", None, None)
    ]


def test_the_shipped_example_texts_fill_every_section_without_problems(example):
    texts, problems = read_texts(example, 2023, LAST_YEAR)
    assert problems == []
    assert set(texts.sections) == set(HEADINGS)
    assert all(s.text.startswith("Eksempeltekst.") for s in texts.sections.values())
