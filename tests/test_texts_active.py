"""The author's texts are data: nothing in tekster_ÅR.docx may act when the report is
opened. Field codes, OLE links, links to files and embedded chunks are taken out, each
with a warning naming the section and paragraph; web links and the shown text stay."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from factory import write_inputs
from texts_factory import (
    alt_chunk,
    complex_field,
    linked_picture,
    ole_link,
    runs,
    simple_field,
    text,
    write_texts,
)

from generator.core.problems import Code
from generator.pipeline import make
from generator.reading.texts import read_texts

NOW = datetime(2026, 11, 27, 10, 0)
FILE = "tekster_2023.docx"
SECRET = "/home/anne/secret.txt"
WEB = "https://www.viborg.dk/erhverv"
HOSTILE = {
    "Forord": [
        text("Årets forord."),
        complex_field("Se: ", f'INCLUDETEXT "{SECRET}"', "hemmeligt indhold"),
        simple_field("Klik: ", 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"', "tal"),
        complex_field("Billede: ", 'INCLUDEPICTURE "file:///C:/billede.png" \\d', ""),
        runs(("", "Læs mere på "), (f"link:{WEB}", "Viborg.dk"), ("", ".")),
        runs(("", "Og her: "), ("link:file:///C:/Windows/System32/calc.exe", "regnemaskinen")),
    ],
    "Samlet vurdering": [
        text("Kontrakten er opfyldt."),
        ole_link("Tabellen: ", "file:///etc/passwd"),
        linked_picture("Logo: ", "file:///C:/logo.png"),
        alt_chunk("<html><body><p>Indsat fra en HTML-fil</p></body></html>"),
        complex_field("Side ", "PAGE", "3"),
    ],
}


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> tuple[Path, list]:
    tmp = tmp_path_factory.mktemp("active")
    inputs = write_inputs(tmp / "input")
    write_texts(inputs / FILE, HOSTILE)
    with pytest.MonkeyPatch.context() as patch:  # made before the tests' own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")  # as every fast test's report
        made = make(inputs, tmp / "out", today=NOW.date(), now=NOW)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made.report, made.checked.problems


def parts(report: Path) -> dict[str, str]:
    with zipfile.ZipFile(report) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def instructions(xml: str) -> list[str]:
    """Every field instruction in a part, complex and simple."""
    complex_ = [
        "".join(re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", code.split("separate")[0]))
        for code in xml.split('w:fldCharType="begin"')[1:]
    ]
    simple = re.findall(r'w:instr="([^"]*)"', xml)
    return [" ".join(i.split()) for i in complex_ + simple]


def test_no_field_code_of_the_texts_reaches_the_report(hostile_report):
    report, _ = hostile_report
    document = parts(report)["word/document.xml"]
    found = instructions(document)
    # what is left is the template's own table of contents, and the author's page field
    assert all(i.split()[0] in {"TOC", "PAGE", "PAGEREF"} for i in found if i), found
    assert "INCLUDETEXT" not in document
    assert "INCLUDEPICTURE" not in document
    assert "DDEAUTO" not in document
    assert "cmd.exe" not in document
    assert SECRET not in document


def test_a_removed_fields_shown_text_stays_as_plain_text(hostile_report):
    report, _ = hostile_report
    document = parts(report)["word/document.xml"]
    assert "hemmeligt indhold" in document
    assert "Se: " in document


def test_nothing_in_the_report_points_outside_it_but_web_links(hostile_report):
    report, _ = hostile_report
    for name, xml in parts(report).items():
        if not name.endswith(".rels"):
            continue
        for target in re.findall(r'Target="([^"]*)"[^>]*TargetMode="External"', xml) + re.findall(
            r'TargetMode="External"[^>]*Target="([^"]*)"', xml
        ):
            assert target.startswith(("http://", "https://", "mailto:")), (name, target)
    rels = parts(report)["word/_rels/document.xml.rels"]
    assert WEB in rels
    assert "calc.exe" not in rels and "/etc/passwd" not in rels and "logo.png" not in rels
    document = parts(report)["word/document.xml"]
    assert "regnemaskinen" in document  # the link's words stay, without the link
    assert "OLEObject" not in document
    assert "r:link=" not in document  # no broken reference left by the linked picture
    assert "altChunk" not in document


def test_each_removal_is_a_warning_naming_section_and_paragraph(hostile_report):
    _, problems = hostile_report
    active = [p for p in problems if p.code is Code.ACTIVE_CONTENT]
    messages = [p.message for p in active]
    assert all(p.file == FILE for p in active)
    assert any(
        m.startswith("Under overskriften 'Forord' i tekster_2023.docx har afsnit 2 ('Se: ")
        and "INCLUDETEXT" in m
        for m in messages
    ), messages
    assert any("afsnit 3" in m and "DDEAUTO" in m for m in messages), messages
    assert any("afsnit 4" in m and "INCLUDEPICTURE" in m for m in messages), messages
    assert any("afsnit 6" in m and "calc.exe" in m for m in messages), messages
    vurdering = [m for m in messages if "'Samlet vurdering'" in m]
    assert any("afsnit 2" in m and "sammenkædet objekt" in m for m in vurdering), vurdering
    assert any("afsnit 3" in m and "file:///C:/logo.png" in m for m in vurdering), vurdering
    assert any("afsnit 4" in m and "indlejret fra en anden fil" in m for m in vurdering)
    assert not any(WEB in m for m in messages)  # a web link is not a problem
    assert not any("afsnit 5" in m for m in vurdering)  # nor the page field
    assert len(active) == 7


def test_tjek_warns_of_the_same_before_any_report_is_made(tmp_path):
    write_texts(tmp_path / FILE, HOSTILE)
    _, problems = read_texts(tmp_path, 2023)
    assert len([p for p in problems if p.code is Code.ACTIVE_CONTENT]) == 7


def test_a_texts_file_without_any_of_it_gets_no_such_warning(tmp_path):
    write_texts(tmp_path / FILE, {"Forord": [runs(("", "Se "), (f"link:{WEB}", "her"))]})
    _, problems = read_texts(tmp_path, 2023)
    assert [p for p in problems if p.code is Code.ACTIVE_CONTENT] == []
