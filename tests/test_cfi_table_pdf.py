"""The CFI goals as LibreOffice lays them out: each year's target ("mål mindst 85 %")
on one line, its per cent with it, in the example's four years side by side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx_reading import find_table
from libreoffice import convert, pdf_text

from generator.pipeline import Made

pytestmark = pytest.mark.libreoffice


def test_every_years_target_stands_on_one_line_in_the_pdf(example_made: Made, tmp_path: Path):
    rows = find_table(example_made.report, "Resultatmål")
    assert rows[0][-4:] == ["2020", "2021", "2022", "2023"]
    targets = [
        cell.splitlines()[1].replace("\u00a0", " ")
        for row in rows[1:]
        for cell in row[-4:]
        if cell != "–"
    ]
    assert "mål mindst 85 %" in targets and "mål mindst 250" in targets
    lines = pdf_text(convert(example_made.report, "pdf", tmp_path)).replace("\u00a0", " ")
    lines = lines.splitlines()
    for target in dict.fromkeys(targets):
        whole = re.compile(re.escape(target) + r"(?![\d.,]| %)")  # not 3 of "300"
        on_one_line = sum(len(whole.findall(line)) for line in lines)
        assert on_one_line == targets.count(target), target
