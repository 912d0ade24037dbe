"""Hostile inputs that once gave a silent wrong figure: each is now a problem at its
file, sheet and cell, with the level and code the README lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from factory import column_of, edit_cell
from faults import rewrite_part, run_cli, sheet_part
from openpyxl import load_workbook

from generator.core.schema import KONTRAKT

LOG = "henvisninger.xlsx"
REFERRALS = "Henvisninger"


def listed(folder: Path, tmp_path: Path, capsys) -> tuple[int, list[tuple]]:
    """Exit code of ``tjek --json`` and its problems as (file, sheet, cell, level, code)."""
    code, text = run_cli(
        ["tjek", "--json", "--input", str(folder), "--output", str(tmp_path / "out")], capsys
    )
    start = text.index("[")
    problems = json.JSONDecoder().raw_decode(text[start:])[0]
    return code, [(p["fil"], p["ark"], p["celle"], p["niveau"], p["kode"]) for p in problems]


# --- sheet names match as Excel matches them --------------------------------------------


@pytest.mark.parametrize("twin", ["henvisninger", "HENVISNINGER", "Henvisninger ", " Henvisninger"])
def test_two_sheets_excel_would_take_for_one_are_an_error_naming_both(
    inputs, tmp_path, capsys, twin
):
    """The later one used to be read without a word (3 referrals instead of 101)."""
    path = inputs / LOG
    workbook = load_workbook(path)
    copy = workbook.copy_worksheet(workbook[REFERRALS])
    copy.title = "Kopi"
    copy.delete_rows(3, copy.max_row)  # a stale copy with one referral
    workbook.save(path)  # openpyxl would rename a twin; Excel's file can hold one
    rewrite_part(path, "xl/workbook.xml", lambda xml: xml.replace(b'"Kopi"', f'"{twin}"'.encode()))
    code, problems = listed(inputs, tmp_path, capsys)
    assert code == 1
    assert problems == [(LOG, REFERRALS, None, "fejl", "dobbelt-ark")]
    _, text = run_cli(["tjek", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys)
    assert f"'{REFERRALS}' og '{twin}'" in text


# --- text without a visible character is empty --------------------------------------------


@pytest.mark.parametrize(
    "invisible",
    ["\u200b\u200b\u200b", "\ufeff", "\u2060\u200d", "\u00a0\u200c", "\u3164", "\u00ad"],
    ids=["zero-width-spaces", "bom", "joiners", "nbsp-zwnj", "hangul-filler", "soft-hyphen"],
)
def test_a_required_name_of_invisible_characters_is_an_empty_cell(
    inputs, tmp_path, capsys, invisible
):
    cell = f"{column_of(REFERRALS, 'company')}3"
    edit_cell(inputs, LOG, REFERRALS, cell, invisible)
    code, problems = listed(inputs, tmp_path, capsys)
    assert code == 1
    assert problems == [(LOG, REFERRALS, cell, "fejl", "tom-celle")]


def test_a_name_with_a_zero_width_space_inside_is_kept(inputs, tmp_path, capsys):
    edit_cell(inputs, LOG, REFERRALS, f"{column_of(REFERRALS, 'company')}3", "Anders\u200bDahl")
    assert listed(inputs, tmp_path, capsys) == (0, [])


# --- settings that would make the report nonsense -------------------------------------------


def setting_cell(key: str) -> str:
    keys = [column.key for column in KONTRAKT.sheets[0].columns]
    return f"B{keys.index(key) + 2}"


@pytest.mark.parametrize(
    ("key", "value", "code"),
    [
        ("rounding", 1_000_000_000, "ugyldig-afrunding"),  # every sum would round to 0 kr.
        ("rounding", 500, "ugyldig-afrunding"),
        ("rounding", 0, "ugyldig-afrunding"),
        ("hours_per_fte", 0.001, "ugyldigt-aarsvaerk"),  # the report printed 187.150.000,0 %
        ("hours_per_fte", 999, "ugyldigt-aarsvaerk"),
        ("hours_per_fte", 2501, "ugyldigt-aarsvaerk"),
        ("base_amount", 0, "ugyldigt-grundbeloeb"),
    ],
)
def test_a_setting_out_of_its_sensible_range_is_an_error_at_its_cell(
    inputs, tmp_path, capsys, key, value, code
):
    edit_cell(inputs, "kontrakt.xlsx", "Kontrakt", setting_cell(key), value)
    code_, problems = listed(inputs, tmp_path, capsys)
    errors = [p for p in problems if p[3] == "fejl"]
    assert (code_, errors) == (1, [("kontrakt.xlsx", "Kontrakt", setting_cell(key), "fejl", code)])


@pytest.mark.parametrize(
    ("key", "value"), [("rounding", 10), ("rounding", 1000), ("hours_per_fte", 1900)]
)
def test_a_sensible_setting_is_no_problem(inputs, tmp_path, capsys, key, value):
    edit_cell(inputs, "kontrakt.xlsx", "Kontrakt", setting_cell(key), value)
    assert listed(inputs, tmp_path, capsys) == (0, [])


# --- CVR numbers in ASCII digits ------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "\uff11\uff10\uff11\uff15\uff10\uff18\uff11\uff17",
        "\u0661\u0660\u0661\u0665\u0660\u0668\u0661\u0667",
    ],
    ids=["full-width", "arabic-indic"],
)
def test_a_cvr_number_in_other_digits_is_an_error(inputs, tmp_path, capsys, written):
    """python-stdnum reads them as 10150817, a valid number; the text is not it."""
    cell = f"{column_of(REFERRALS, 'cvr')}3"
    edit_cell(inputs, LOG, REFERRALS, cell, written)
    assert listed(inputs, tmp_path, capsys) == (1, [(LOG, REFERRALS, cell, "fejl", "cvr-format")])


# --- what the appendix must cut is said -----------------------------------------------------


def test_a_remark_longer_than_an_excel_cell_is_a_warning_in_the_console_and_kontrol(
    inputs, tmp_path, capsys
):
    """Excel and openpyxl stop at 32,767 characters; another program's file may not."""
    cell = f"{column_of(REFERRALS, 'note')}3"
    edit_cell(inputs, LOG, REFERRALS, cell, "kort")
    path = inputs / LOG
    long = ("Lang bemærkning. " * 3_000).encode()  # 51,000 characters
    rewrite_part(
        path,
        sheet_part(path, REFERRALS),
        lambda xml: re.sub(
            rb'(<c r="' + cell.encode() + rb'"[^>]*>(?:<is>)?<t>)kort(</t>)',
            lambda m: m.group(1) + long + m.group(2),
            xml,
        ),
    )
    code, problems = listed(inputs, tmp_path, capsys)
    assert (code, problems) == (0, [(LOG, REFERRALS, cell, "advarsel", "afkortet-tekst")])
    out = tmp_path / "made"
    code, _ = run_cli(["lav", "--input", str(inputs), "--output", str(out)], capsys)
    assert code == 0
    control = load_workbook(out / "Afrapportering_2023_bilag.xlsx", read_only=True)["Kontrol"]
    rows = [tuple(row) for row in control.iter_rows(values_only=True)]
    assert (LOG, REFERRALS, cell, "afkortet-tekst") in [row[:4] for row in rows]


# --- ny --periode --fra from a broken kontrakt.xlsx -------------------------------------------


@pytest.mark.parametrize(
    ("spoil", "cell"),
    [
        (lambda folder: (folder / "kontrakt.xlsx").write_bytes(b"PK\x03\x04 ikke en zip"), None),
        (lambda folder: edit_cell(folder, "kontrakt.xlsx", "Kontrakt", "B10", "mange"), "B10"),
    ],
    ids=["broken-file", "unreadable-carried-setting"],
)
def test_a_new_period_from_a_broken_contract_workbook_stops_naming_file_and_cell(
    inputs, tmp_path, capsys, spoil, cell
):
    """It used to say the defaults were used, and exit 0."""
    spoil(inputs)
    new = tmp_path / "ny"
    code, shown = run_cli(
        ["ny", "--periode", "2024-2027", "--fra", str(inputs), "--input", str(new)], capsys
    )
    assert code == 2, shown
    assert "Kan ikke fortsætte: kontrakt.xlsx i den forrige periodes mappe" in shown
    if cell:
        assert f"celle {cell}" in shown
    assert not new.exists() or not list(new.iterdir())
