"""The Word template has one source of truth: tools/build_template.py.

The committed templates/afrapportering.docx must be exactly what the script
writes, part by part. Authors who restyle the template in Word keep their own
copy and pass it with --skabelon.
"""

from __future__ import annotations

import runpy
import zipfile
from pathlib import Path

from docx_reading import body_text, paragraphs

from generator.compute.run import RunInfo
from generator.core.schema import TEXT_SECTIONS
from generator.pipeline import DEFAULT_TEMPLATE, check
from generator.render.context import build_context

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "build_template.py"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_committed_template_is_what_the_script_writes(tmp_path: Path):
    built = tmp_path / "afrapportering.docx"
    runpy.run_path(str(SCRIPT))["build"](built)
    fresh, committed = parts(built), parts(DEFAULT_TEMPLATE)
    assert sorted(fresh) == sorted(committed), "run: python tools/build_template.py"
    drifted = [name for name in fresh if fresh[name] != committed[name]]
    assert drifted == [], (
        f"templates/afrapportering.docx differs from tools/build_template.py in {drifted}: "
        "run: python tools/build_template.py, and commit both"
    )


def test_every_text_section_has_its_place_in_the_template():
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    for section in TEXT_SECTIONS:
        if section.line:  # the summary's row prints it (summary_rows), not a subdocument
            assert f"tekster.{section.key}" not in xml, section.key
            continue
        assert f"{{%p if tekster.{section.key} %}}" in xml, section.key
        assert f"{{{{p tekster.{section.key} }}}}" in xml, section.key


def test_the_context_has_every_text_section_empty_by_default(inputs: Path):
    from datetime import datetime

    figures = check(inputs).computed.figures
    context = build_context(figures, RunInfo((), datetime(2026, 1, 5), "t", ()), {})
    assert context["tekster"] == {section.key: None for section in TEXT_SECTIONS}


def test_an_authors_text_lands_at_its_place_and_an_empty_one_leaves_no_trace(
    inputs: Path, tmp_path: Path
):
    from datetime import datetime

    from markupsafe import Markup

    from generator.render.document import render_report

    def texts(template):
        """A stand-in for the author's Subdoc: what ``{{p }}`` puts there is its XML."""
        xml = (
            '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:r><w:t>Året bød på flere henvisninger end nogensinde.</w:t></w:r></w:p>"
        )
        return {"forord": Markup(xml)}

    figures = check(inputs).computed.figures
    target = tmp_path / "r.docx"
    run = RunInfo((), datetime(2026, 1, 5), "t", ())
    render_report(DEFAULT_TEMPLATE, figures, run, target, texts=texts)
    text = body_text(target)
    assert "Året bød på flere henvisninger end nogensinde." in paragraphs(target)
    assert "tekster" not in text and "{%" not in text and "{{" not in text
