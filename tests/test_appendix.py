"""The Excel appendix: every referral of the year, with its type and quarter, and the tables."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.pipeline import Made


@pytest.fixture
def appendix(example_made: Made) -> Path:
    """Read only: the appendix is shared by every test that asks for it."""
    [path] = example_made.extras
    assert path.name == "Afrapportering_2023_bilag.xlsx"
    return path


def test_it_lists_every_referral_of_the_year_with_type_and_quarter(appendix: Path):
    sheet = load_workbook(appendix, read_only=True)["Henvisninger 2023"]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:4] == ("Dato", "Virksomhed", "CVR-nr.", "Henvist til")
    assert header[-2:] == ("Type", "Kvartal")
    assert len(body) == 101
    assert all(row[0].year == 2023 for row in body)
    first = body[0]
    assert first[-1] == f"{(first[0].month - 1) // 3 + 1}. kvartal"
    types = Counter(row[-2] for row in body)
    assert sum(types.values()) == 101 and types["Erhvervshus"] == 40


def test_it_holds_the_figure_tables(appendix: Path):
    workbook = load_workbook(appendix, read_only=True)
    assert workbook.sheetnames == [
        "Henvisninger 2023",
        "Modtagere",
        "Typer",
        "Kvartaler",
        "Måneder",
        "Emner",
        "Karriereby",
        "CFI-resultatmål",
        "Økonomi",
    ]
    economy = list(workbook["Økonomi"].iter_rows(values_only=True))
    assert [row[3] for row in economy[1:]] == [2762000, 2806192, 2887572, 3011737]


@pytest.mark.libreoffice
def test_libreoffice_reads_the_appendix(appendix: Path, tmp_path: Path):
    from libreoffice import convert

    csv = convert(appendix, "csv", tmp_path / "csv")
    lines = csv.read_text(encoding="utf-8", errors="replace").splitlines()
    assert lines[0].startswith("Dato,Virksomhed,CVR-nr.")
    assert len(lines) == 102
