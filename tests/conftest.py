"""Shared fixtures: a folder of valid workbooks built from the schema, and the example."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from factory import write_inputs

from generator.pipeline import Made, make

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_RUN = datetime(2026, 11, 27, 10, 0)  # when the shared example report is made


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
def example_made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    """The shipped example made into a report once, on 27 November 2026, for the tests
    that only read the report or its appendix (rendering takes a second or more)."""
    folder = tmp_path_factory.mktemp("example")
    shutil.copytree(REPO / "input", folder / "input")
    made = make(folder / "input", folder / "output", today=EXAMPLE_RUN.date(), now=EXAMPLE_RUN)
    assert made.report is not None, [p.message for p in made.checked.problems]
    return made
