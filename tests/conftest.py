"""Shared fixtures: a folder of valid workbooks built from the schema, and the example."""

from __future__ import annotations

import shutil
import signal
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from factory import write_inputs

from generator.pipeline import Made, make

REPO = Path(__file__).resolve().parent.parent

EXAMPLE_RUN = datetime(2026, 11, 27, 10, 0)  # when the shared example report is made
CLI_DAY = EXAMPLE_RUN.date()  # the command line's day in tests, unless a test sets another


@dataclass
class Clock:
    """The command line's day; a test that means another sets ``clock.today``."""

    today: date = CLI_DAY


@pytest.fixture(autouse=True)
def clock(monkeypatch) -> Clock:
    """The command line reads the day through ``cli.today``: fixed here, never the
    machine's date (the report year follows from it)."""
    fixed = Clock()
    monkeypatch.setattr("generator.cli.today", lambda: fixed.today)
    return fixed


# A suite started from a shell that ignores Ctrl-C (`trap '' INT`, nohup, some CI
# runners) inherits SIGINT ignored, and so would every program it starts: the tests
# of Ctrl-C would then test nothing. Give the suite the handler a terminal gives.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


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


@pytest.fixture(scope="session")
def made_at_nine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as ``lav`` leaves it at 09:00 on 27 November 2026 from the factory's
    valid workbooks: ``input/`` (with what the run adds there, the texts skeleton)
    and ``out/`` (a report and its appendix, fingerprinted). Made once."""
    folder = tmp_path_factory.mktemp("made-at-nine")
    nine = datetime(2026, 11, 27, 9, 0, 0)
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        make(write_inputs(folder / "input"), folder / "out", today=nine.date(), now=nine)
    return folder


@pytest.fixture
def previous(made_at_nine: Path, inputs: Path, tmp_path: Path) -> Path:
    """An output folder holding a report and appendix from an earlier run (09:00), the
    test's own copy; ``inputs`` gets what that run added to its input folder."""
    for path in (made_at_nine / "input").iterdir():
        if not (inputs / path.name).exists():
            shutil.copy2(path, inputs / path.name)
    out = tmp_path / "out"
    shutil.copytree(made_at_nine / "out", out)
    return out


@pytest.fixture(scope="session")
def example_made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The shipped example made into a report once, on 27 November 2026, for the tests
    that only read the report or its appendix (rendering takes a second or more)."""
    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "input", folder / "input")
    with pytest.MonkeyPatch.context() as patch:  # made before any test's own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        made = make(folder / "input", folder / "output", today=EXAMPLE_RUN.date(), now=EXAMPLE_RUN)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch) -> Path:
    """A temp folder of the test's own, so leftovers of this run alone are seen."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder
