"""Shared fixtures: a folder of valid workbooks built from the schema, and the example."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from factory import write_inputs

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_page_numbers_unless_asked(monkeypatch):
    """Numbering the table of contents starts LibreOffice (seconds a run), so tests
    get a contents without page numbers; the tests of the numbering unset this."""
    monkeypatch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A folder with the three workbooks holding one small, valid year (2023)."""
    return write_inputs(tmp_path / "input")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the shipped example input."""
    target = tmp_path / "example"
    shutil.copytree(REPO / "input", target)
    return target


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """A temp folder of the test's own, so leftovers of this run alone are seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
