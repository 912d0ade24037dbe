"""The status template has one source of truth: tools/build_status_template.py, which
builds it from the report's own styles (tools/build_template.py)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.pipeline import DEFAULT_TEMPLATE, STATUS_TEMPLATE

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "build_status_template.py"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.slow  # the script in a process of its own
def test_the_committed_status_template_is_what_the_script_writes(tmp_path: Path):
    """Built in a process of its own, as a developer runs it: docxcompose (imported with
    docxtpl by the render tests) changes how python-docx writes the core properties."""
    built = tmp_path / "status.docx"
    subprocess.run([sys.executable, str(SCRIPT), str(built)], check=True, capture_output=True)
    fresh, committed = parts(built), parts(STATUS_TEMPLATE)
    assert sorted(fresh) == sorted(committed), "run: python tools/build_status_template.py"
    drifted = [name for name in fresh if fresh[name] != committed[name]]
    assert drifted == [], (
        f"templates/status.docx differs from tools/build_status_template.py in {drifted}: "
        "run: python tools/build_status_template.py, and commit both"
    )


def test_the_status_has_the_reports_styles():
    """Built from the same style code, the two templates carry the same styles part."""
    assert parts(STATUS_TEMPLATE)["word/styles.xml"] == parts(DEFAULT_TEMPLATE)["word/styles.xml"]


def test_the_status_never_asks_word_to_update_fields():
    assert b"updateFields" not in parts(STATUS_TEMPLATE)["word/settings.xml"]
