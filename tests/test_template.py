"""The Word template: checked before rendering, refreshed on opening, real in LibreOffice."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from faults import edited_template

from generator.cli import main
from generator.pipeline import make

NOW = datetime(2026, 11, 27, 10, 0)


def run_lav(inputs: Path, out: Path, template: Path, capsys) -> tuple[int, str]:
    code = main(["lav", "--input", str(inputs), "--output", str(out), "--skabelon", str(template)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def test_a_misspelt_placeholder_is_named_with_a_suggestion_and_no_report(inputs, tmp_path, capsys):
    template = edited_template(tmp_path, ("henvisninger.total", "henvisninger.totl"))
    code, text = run_lav(inputs, tmp_path / "out", template, capsys)
    assert code == 2
    assert "'{{ henvisninger.totl }}', som ikke findes. Mente du 'henvisninger.total'?" in text
    assert not list((tmp_path / "out").glob("Afrapportering_*.docx"))


def test_every_unknown_field_and_filter_is_listed_at_once(inputs, tmp_path, capsys):
    template = edited_template(tmp_path, ("noegletal", "nogletal"), ("|kr", "|kroner"))
    code, text = run_lav(inputs, tmp_path / "out", template, capsys)
    assert code == 2
    assert "'{{ nogletal }}'" in text and "Mente du 'noegletal'?" in text
    assert "'|kroner'" in text


def test_a_broken_tag_is_reported_in_danish(inputs, tmp_path, capsys):
    template = edited_template(tmp_path, ("{{ aar }}", "{{ aar }"))
    code, text = run_lav(inputs, tmp_path / "out", template, capsys)
    assert code == 2 and "Et felt i skabelonen er ødelagt" in text


def test_a_template_that_is_no_word_file_cannot_start(inputs, tmp_path, capsys):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a docx")
    code, text = run_lav(inputs, tmp_path / "out", broken, capsys)
    assert code == 2 and "Skabelonen kan ikke bruges: broken.docx er ikke et Word-dokument" in text


def test_word_is_asked_to_refresh_a_contents_without_page_numbers(valid_made):
    """(The tests leave the page numbers out; with them, Word is not asked: test_toc.)"""
    report = valid_made.report
    with zipfile.ZipFile(report) as archive:
        settings = archive.read("word/settings.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
        styles = archive.read("word/styles.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings
    assert "TOC \\o" in document
    assert 'w:styleId="Heading1"' in styles and 'w:val="Heading1"' in document


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """Every text Jinja parses from here on, in order (the tests' caches step aside
    for a watched parser)."""
    from jinja2.sandbox import SandboxedEnvironment

    texts: list[str] = []
    parse = SandboxedEnvironment._parse

    def counted(self, source, name, filename):
        texts.append(source)
        return parse(self, source, name, filename)

    monkeypatch.setattr(SandboxedEnvironment, "_parse", counted)
    return texts


def test_the_template_is_parsed_once_per_report(inputs, tmp_path, parsed):
    """The lint reads each part of the template as docxtpl compiles it and hands the
    tree on, so the body (the largest text Jinja sees) is parsed once, not twice."""
    assert make(inputs, tmp_path / "out", now=NOW).report is not None
    bodies = [source for source in parsed if "<w:body" in source]
    assert len(bodies) == 1
    assert len(parsed) == len(set(parsed))


def test_an_authors_copy_is_parsed_once_for_its_fields_the_lint_and_the_render(
    inputs, tmp_path, parsed
):
    """A copy given with --skabelon is read for the fields it lacks, linted and
    rendered: each of its parts is parsed once (a header it shares with the shipped
    template, read for its fields, may be parsed once more there)."""
    copy = edited_template(tmp_path, ("{{ aar }}", "{{ aar }}{# egen kopi #}"))
    made = make(inputs, tmp_path / "out", template=copy, now=NOW)
    assert made.report is not None
    bodies = [source for source in parsed if "<w:body" in source]
    assert len([body for body in bodies if "egen kopi" in body]) == 1
    assert max(parsed.count(source) for source in parsed) <= 2  # a header in both


def test_the_default_template_is_found_from_the_programs_folder(inputs, tmp_path, monkeypatch):
    """The launcher may start anywhere; the template is not looked up in the current folder."""
    monkeypatch.chdir(tmp_path)
    assert make(inputs, tmp_path / "out", now=NOW).report.is_file()


@pytest.mark.libreoffice
def test_libreoffice_opens_the_report_and_shows_the_key_figures(example: Path, tmp_path: Path):
    from libreoffice import convert, pdf_text

    report = make(example, tmp_path / "out", now=NOW).report
    text = pdf_text(convert(report, "pdf", tmp_path / "pdf"))
    for figure in (
        "2.762.000 kr.",
        "2.806.192 kr.",
        "2.887.572 kr.",
        "3.011.737 kr.",
        "101",
        "93",
        "3 af 5",
        "11 af 12",
        "EKSEMPELDATA",
        "31. januar 2024",
        "Kontraktperioden samlet 2020–2023",
        "11.467.501 kr.",
        "§ 3 a ii. Agro Business Park",
    ):
        assert figure in text, figure
    assert "SHA-256" not in text and "Højreklik" not in text


@pytest.mark.libreoffice
def test_libreoffice_opens_the_fixture_report(inputs: Path, tmp_path: Path):
    """The small fixture: 12 referrals in 2023, 10 in 2022; 3.011.737 kr. in 2023."""
    from libreoffice import convert, pdf_text

    report = make(inputs, tmp_path / "out", now=NOW).report
    text = pdf_text(convert(report, "pdf", tmp_path / "pdf"))
    for figure in (
        "3.011.737 kr.",
        "2.887.572 kr.",
        "12 henvisninger, 2 flere end i 2022 (+20,0 %)",
        "2 af 3",
        "12 af årets 12",
    ):
        assert figure in text, figure
    assert "EKSEMPELDATA" not in text


@pytest.mark.libreoffice
def test_lav_pdf_writes_a_pdf_beside_the_report(inputs: Path, tmp_path: Path, capsys):
    code = main(["lav", "--input", str(inputs), "--output", str(tmp_path / "out"), "--pdf"])
    assert code == 0
    assert (tmp_path / "out" / "Afrapportering_2023.pdf").is_file()


def test_lav_pdf_without_libreoffice_says_so_and_keeps_the_docx(
    inputs, tmp_path, capsys, monkeypatch
):
    import generator.output.pdf

    monkeypatch.setattr(generator.output.pdf, "find_soffice", lambda: None)
    code = main(["lav", "--input", str(inputs), "--output", str(tmp_path / "out"), "--pdf"])
    assert code == 0
    assert "LibreOffice blev ikke fundet" in capsys.readouterr().out
    assert (tmp_path / "out" / "Afrapportering_2023.docx").is_file()


def _afrunding_1000(folder: Path) -> None:
    from factory import edit_cell

    edit_cell(folder, "kontrakt.xlsx", "Kontrakt", "B11", 1000)


def _hostile_text(folder: Path) -> None:
    from factory import edit_cell

    edit_cell(folder, "aarsdata.xlsx", "Indsatser", "D2", "R&D <Test> A/S {{ 7*7 }} {% for %}")


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("year", "change", "figures"),
    [
        (2021, None, ("2.762.000 kr.", "2.806.192 kr.", "2.431.192 kr.")),
        (2022, None, ("2.806.192 kr.", "2.887.572 kr.", "8.455.764 kr.")),
        (2023, _afrunding_1000, ("2.806.000 kr.", "2.888.000 kr.", "3.012.000 kr.")),
        (2023, _hostile_text, ("3.011.737 kr.", "R&D <Test> A/S {{ 7*7 }} {% for %}")),
    ],
)
def test_libreoffice_opens_every_end_to_end_variant(inputs, tmp_path, year, change, figures):
    """Earlier years, rounding to thousands and hostile cell text all convert to a PDF
    with the contract sums and the referral total in its text."""
    from factory import valid_data, write_inputs
    from libreoffice import convert, pdf_text

    folder = write_inputs(tmp_path / "in", valid_data(year))
    if change:
        change(folder)
    report = make(folder, tmp_path / "out", year=year, now=NOW).report
    text = pdf_text(convert(report, "pdf", tmp_path / "pdf"))
    for figure in (*figures, f"I {year} blev der registreret 12 henvisninger"):
        assert figure in text, figure


FOREWORD_GONE = (
    ("{%p if tekster.forord %}", "{%p if False %}"),
    ("{{p tekster.forord }}", "Forord"),
)


def test_a_copy_without_the_forewords_field_is_refused_when_there_is_a_foreword(
    example, tmp_path, capsys
):
    """The example's texts have a foreword: it would vanish, so the copy is refused."""
    template = edited_template(tmp_path, *FOREWORD_GONE)
    code, text = run_lav(example, tmp_path / "out", template, capsys)
    assert code == 2
    assert "Skabelonen skabelon.docx har ikke afsnittet 'Forord' (feltet " in text
    assert "'{{p tekster.forord }}')" in text
    assert not list((tmp_path / "out").glob("Afrapportering_*.docx"))


def test_a_copy_without_a_field_warns_naming_it(inputs, tmp_path, capsys):
    """No foreword written yet: a warning naming the section; a figure left out: a
    warning naming the field. The report is made."""
    template = edited_template(
        tmp_path, *FOREWORD_GONE, ("{{ henvisninger.virksomheder|antal", "{{ 0|antal")
    )
    code, text = run_lav(inputs, tmp_path / "out", template, capsys)
    assert code == 0
    assert "har ikke afsnittet 'Forord' (feltet '{{p tekster.forord }}')" in text
    assert "bruger ikke feltet '{{ henvisninger.virksomheder }}'" in text
    assert (tmp_path / "out" / "Afrapportering_2023.docx").is_file()


def test_the_shipped_template_itself_has_nothing_missing(valid_made):
    assert not [p for p in valid_made.checked.problems if p.code == "felt-mangler"]


def test_the_lint_knows_only_the_declared_fields(inputs, tmp_path, capsys, monkeypatch):
    """A field the context holds but the declaration (render/fields.py) does not name
    is unknown to a template: the declaration is the one list of fields."""
    from generator.render import fields

    monkeypatch.delitem(fields.BY_NAME, "henvisninger.total")
    code = main(["lav", "--input", str(inputs), "--output", str(tmp_path / "out")])
    text = capsys.readouterr().out
    assert code == 2
    assert "'{{ henvisninger.total }}', som ikke findes" in text
