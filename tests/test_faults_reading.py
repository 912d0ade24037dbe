"""Workbooks as other programs write them, and cells no amount can be, read without a crash.

The .NET Open XML SDK prefixes every element (``<x:row>``), a part may be
UTF-16, Excel can save "Strict Open XML", and one stray value at XFD1048576
would make the reader ask for half a terabyte. Each is read like the plain
workbook or refused with a Danish message at its sheet and cell.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from factory import column_of, edit_cell
from faults import (
    assert_clean_fault,
    prefixed,
    rewrite_part,
    run_cli,
    scan_refusal,
    sheet_part,
    utf16,
)
from openpyxl import load_workbook

REPO = Path(__file__).resolve().parent.parent
LOG = "henvisninger.xlsx"
REFERRALS = "Henvisninger"
STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
}


def tjek(folder: Path, out: Path, capsys) -> tuple[int, str]:
    return run_cli(["tjek", "--input", str(folder), "--output", str(out)], capsys)


def problems_of(folder: Path, tmp_path: Path, capsys) -> tuple[int, list[tuple]]:
    code, text = run_cli(
        ["tjek", "--json", "--input", str(folder), "--output", str(tmp_path / "out")], capsys
    )
    start = text.index("[")
    listed = json.JSONDecoder().raw_decode(text[start:])[0]
    return code, sorted((p["ark"], p["celle"], p["kode"]) for p in listed)


@pytest.fixture
def structured(inputs: Path) -> Path:
    """The valid log with a hidden row, #N/A as a CVR number and an uncached formula."""
    path = inputs / LOG
    workbook = load_workbook(path)
    sheet = workbook[REFERRALS]
    sheet.row_dimensions[3].hidden = True
    sheet[f"{column_of(REFERRALS, 'cvr')}4"] = "#N/A"
    sheet[f"{column_of(REFERRALS, 'company')}5"] = "=A1"  # openpyxl stores no value
    workbook.save(path)
    return inputs


EXPECTED = [
    (REFERRALS, "A3", "skjult-raekke"),
    (REFERRALS, "B5", "formel-uden-vaerdi"),
    (REFERRALS, "C4", "excel-fejl"),
]


def test_the_plain_sheet_shows_its_hidden_row_error_value_and_uncached_formula(
    structured, tmp_path, capsys
):
    code, found = problems_of(structured, tmp_path, capsys)
    assert code == 1
    assert [p for p in found if p[0] == REFERRALS] == EXPECTED


@pytest.mark.parametrize("transform", [prefixed, utf16], ids=["x-prefix", "utf-16"])
def test_a_prefixed_or_utf16_sheet_gives_the_same_problems_as_the_plain_one(
    structured, tmp_path, capsys, transform
):
    _, plain = problems_of(structured, tmp_path, capsys)
    path = structured / LOG
    rewrite_part(path, sheet_part(path, REFERRALS), transform)
    code, found = problems_of(structured, tmp_path, capsys)
    assert code == 1
    assert found == plain
    assert [p for p in found if p[0] == REFERRALS] == EXPECTED


def test_a_workbook_prefixed_in_every_part_reads_like_the_plain_one(inputs, tmp_path, capsys):
    _, plain = problems_of(inputs, tmp_path, capsys)
    path = inputs / LOG
    for part in ("xl/workbook.xml", sheet_part(path, REFERRALS), sheet_part(path, "Lister")):
        rewrite_part(path, part, prefixed)
    code, found = problems_of(inputs, tmp_path, capsys)
    assert (code, found) == (0, plain)


def test_a_workbook_in_utf16_throughout_reads_like_the_plain_one(inputs, tmp_path, capsys):
    _, plain = problems_of(inputs, tmp_path, capsys)
    path = inputs / LOG
    for part in ("xl/workbook.xml", "xl/styles.xml", sheet_part(path, REFERRALS)):
        rewrite_part(path, part, utf16)
    code, found = problems_of(inputs, tmp_path, capsys)
    assert (code, found) == (0, plain)


def test_a_dtd_written_in_utf16_is_still_refused(inputs, tmp_path, capsys, private_tmp):
    path = inputs / LOG
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    rewrite_part(
        path, sheet_part(path, REFERRALS), lambda xml: utf16(dtd + xml.split(b"?>", 1)[-1])
    )
    text = assert_clean_fault(
        inputs,
        tmp_path / "out",
        private_tmp,
        lambda: tjek(inputs, tmp_path / "out", capsys),
        2,
    )
    assert "henvisninger.xlsx afvises" in text and "DTD/ENTITY" in text


def strict(xml: bytes) -> bytes:
    for transitional, strict_name in STRICT.items():
        xml = xml.replace(transitional, strict_name)
    return xml


def test_a_strict_open_xml_workbook_is_read_like_the_transitional_one(inputs, tmp_path, capsys):
    _, plain = problems_of(inputs, tmp_path, capsys)
    path = inputs / LOG
    for part in ("xl/workbook.xml", sheet_part(path, REFERRALS), sheet_part(path, "Lister")):
        rewrite_part(path, part, strict)
    code, found = problems_of(inputs, tmp_path, capsys)
    assert (code, found) == (0, plain)


def test_a_workbook_whose_sheets_cannot_be_found_says_how_to_save_it(
    inputs, tmp_path, capsys, private_tmp
):
    path = inputs / LOG
    rewrite_part(path, "xl/workbook.xml", lambda xml: xml.replace(b"<sheet ", b"<blad "))
    text = assert_clean_fault(
        inputs,
        tmp_path / "out",
        private_tmp,
        lambda: tjek(inputs, tmp_path / "out", capsys),
        2,
    )
    assert "gem filen som almindelig Excel-projektmappe (.xlsx)" in text
    assert "Arkene i filen hedder: ingen" not in text


def _limit_memory() -> None:  # a guard that fails must not take the machine with it
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def far_value(inputs: Path, far: str) -> Path:
    """The log with one value at ``far``, as Excel writes a cell."""
    path = inputs / LOG
    row = far.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    rewrite_part(
        path,
        sheet_part(path, REFERRALS),
        lambda xml: xml.replace(
            b"</sheetData>",
            f'<row r="{row}"><c r="{far}" t="inlineStr"><is><t>x</t></is></c></row>'
            "</sheetData>".encode(),
        ),
    )
    return path


@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZ300000"])
def test_the_scan_before_calamine_refuses_a_value_far_out_naming_its_cell(inputs, far):
    """The byte scan that runs before calamine opens a sheet (in this process: the
    scan alone, never calamine, which would abort on the grid A1:far)."""
    problem = scan_refusal(far_value(inputs, far), LOG, REFERRALS)
    assert (problem.sheet, problem.cell, problem.code.value) == (REFERRALS, far, "for-stort-ark")
    assert f"celle {far}" in problem.message


@pytest.mark.slow
@pytest.mark.parametrize("far", ["XFD1048576", "A1048576", "ZZ300000"])
def test_a_value_far_out_is_a_danish_problem_naming_sheet_and_cell(inputs, tmp_path, far):
    """calamine would build the rectangle A1:far and abort the process on it: the whole
    command, in a process of its own with its memory limited."""
    path = far_value(inputs, far)
    before = path.read_bytes()
    temp = tmp_path / "tmp"
    temp.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "generator", "tjek", "--json", "--input", str(inputs)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)},
        preexec_fn=_limit_memory,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "memory" not in result.stderr
    listed = json.loads(result.stdout)
    assert [(p["ark"], p["celle"], p["kode"]) for p in listed] == [
        (REFERRALS, far, "for-stort-ark")
    ]
    assert f"celle {far}" in listed[0]["besked"]
    assert path.read_bytes() == before and list(temp.iterdir()) == []


def test_a_styled_but_empty_cell_far_out_is_no_problem(inputs, tmp_path, capsys):
    """An empty formatted cell holds no value, and the reader skips it."""
    path = inputs / LOG
    rewrite_part(
        path,
        sheet_part(path, REFERRALS),
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>'
        ),
    )
    code, found = problems_of(inputs, tmp_path, capsys)
    assert code == 0 and found == []


# --- numbers no cell can mean -------------------------------------------------------------

SETTINGS_VALUE = "B"  # Felt, Værdi


def setting_cell(key: str) -> str:
    from generator.core.schema import KONTRAKT

    keys = [column.key for column in KONTRAKT.sheets[0].columns]
    return f"{SETTINGS_VALUE}{keys.index(key) + 2}"


@pytest.mark.parametrize(
    ("workbook", "sheet", "cell", "value", "code"),
    [
        ("kontrakt.xlsx", "Kontrakt", setting_cell("base_amount"), 1e308, "urimeligt-tal"),
        ("kontrakt.xlsx", "Kontrakt", setting_cell("hours_per_fte"), 1e308, "urimeligt-tal"),
        ("kontrakt.xlsx", "Prisindeks", "B2", 1e12, "urimeligt-tal"),
        ("kontrakt.xlsx", "Prisindeks", "B3", 9e9, "urimeligt-tal"),  # compounds past any sum
        (
            "aarsdata.xlsx",
            "Karriereby",
            f"{column_of('Karriereby', 'hours')}2",
            250_000,
            "urimeligt-tal",
        ),
        ("kontrakt.xlsx", "Øremærkninger", "B2", "99999999999999999999999", "urimeligt-tal"),
    ],
)
def test_an_absurd_number_is_a_cell_problem_not_a_crash(
    inputs, tmp_path, capsys, private_tmp, workbook, sheet, cell, value, code
):
    edit_cell(inputs, workbook, sheet, cell, value)
    out = tmp_path / "out"
    text = assert_clean_fault(
        inputs,
        out,
        private_tmp,
        lambda: run_cli(["lav", "--input", str(inputs), "--output", str(out)], capsys),
        1,
    )
    assert f"{cell}: " in text
    _, found = problems_of(inputs, tmp_path, capsys)
    assert (sheet, cell, code) in found


@pytest.mark.parametrize("stored", [b"1e400", b"-1e400", b"NaN"])
def test_an_infinite_or_nan_value_in_the_xml_is_a_cell_problem(
    inputs, tmp_path, capsys, private_tmp, stored
):
    """No spreadsheet program writes these, but a damaged or generated file can."""
    path = inputs / "kontrakt.xlsx"
    cell = setting_cell("base_amount")
    rewrite_part(
        path,
        sheet_part(path, "Kontrakt"),
        lambda xml: xml.replace(
            f'<c r="{cell}" t="n"><v>2762000</v>'.encode(),
            f'<c r="{cell}" t="n"><v>'.encode() + stored + b"</v>",
        ),
    )
    out = tmp_path / "out"
    text = assert_clean_fault(
        inputs,
        out,
        private_tmp,
        lambda: run_cli(["lav", "--input", str(inputs), "--output", str(out)], capsys),
        1,
    )
    assert "'#NUM!' er ikke et tal" in text
    _, found = problems_of(inputs, tmp_path, capsys)
    assert ("Kontrakt", cell, "ugyldigt-tal") in found
