"""A text longer than an Excel cell holds is said at its cell, in every workbook's
sheets; the sheets the checks walk are the schema's, each once, as read."""

from __future__ import annotations

from pathlib import Path

from factory import write_inputs

from generator.checks.length import EXCEL_CELL_LIMIT, check_cell_lengths
from generator.core.problems import Code
from generator.core.schema import FOCUS, LISTS, REFERRALS, WORKBOOKS
from generator.reading import Inputs, read_inputs

LONG = "x" * (EXCEL_CELL_LIMIT + 1)


def read(tmp_path: Path) -> Inputs:
    inputs, problems = read_inputs(write_inputs(tmp_path / "input"))
    assert problems == []
    return inputs


def test_a_text_one_character_too_long_is_said_at_its_cell_in_each_workbook(tmp_path: Path):
    inputs = read(tmp_path)
    referrals, focus = inputs.table(REFERRALS.name), inputs.table(FOCUS.name)
    referrals.rows[1].values["note"] = LONG  # Henvisninger row 3, henvisninger.xlsx
    referrals.rows[2].values["note"] = LONG[:-1]  # exactly the limit: fits
    focus.rows[0].values["description"] = LONG  # Indsatser row 2, aarsdata.xlsx
    found = [(p.file, p.sheet, p.cell, p.code) for p in check_cell_lengths(inputs)]
    note = referrals.ref(referrals.rows[1], "note")
    description = focus.ref(focus.rows[0], "description")
    assert found == [
        ("henvisninger.xlsx", REFERRALS.name, note, Code.TEXT_CUT),
        ("aarsdata.xlsx", FOCUS.name, description, Code.TEXT_CUT),
    ]


def test_the_sheets_read_are_walked_in_the_workbooks_order_and_a_missing_one_left_out(
    tmp_path: Path,
):
    inputs = read(tmp_path)
    del inputs.tables[LISTS.name]
    walked = [(sheet.name, table.sheet) for sheet, table in inputs.sheet_tables()]
    expected = [s.name for w in WORKBOOKS for s in w.sheets if s.name in inputs.tables]
    assert [name for name, _ in walked] == expected
    assert all(name == table_sheet for name, table_sheet in walked)
    assert LISTS.name not in expected and REFERRALS.name in expected
