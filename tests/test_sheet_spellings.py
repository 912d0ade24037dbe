"""Every legal spelling of a sheet's XML is read alike: the fast byte scan trusts
only the spelling Excel writes, and anything else goes to the real parser.

SpreadsheetML may put attributes in single quotes and in any order, separate
them by tabs and line breaks, put spaces around "=", write a value with a
character reference, leave out a cell's or a row's r attribute, and carry
comments. None of these may hide an Excel error value, a hidden row or a far
cell (which calamine would abort the process on).
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from faults import rewrite_part, run_cli, scan_refusal, sheet_part
from test_faults_reading import EXPECTED, LOG, REFERRALS, problems_of
from test_faults_reading import structured as structured  # a fixture

REPO = Path(__file__).resolve().parent.parent
TAG = re.compile(rb"<(?!/)([A-Za-z:]+)((?:\s+[\w:]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>")
ATTRIBUTE = re.compile(rb"\s+([\w:]+)\s*=\s*(\"[^\"]*\"|'[^']*')")


def _in_sheet_data(transform):
    """Apply ``transform`` to each tag between <sheetData> and </sheetData>."""

    def apply(xml: bytes) -> bytes:
        head, rest = xml.split(b"<sheetData", 1)
        body, tail = rest.split(b"</sheetData>", 1)
        return head + b"<sheetData" + TAG.sub(transform, body) + b"</sheetData>" + tail

    return apply


def _rebuild(match, attributes, joiner=b" ", quote=b'"', equals=b"="):
    parts = [joiner + name + equals + quote + value[1:-1] + quote for name, value in attributes]
    return b"<" + match.group(1) + b"".join(parts) + match.group(3) + b">"


def single_quotes(match):
    return _rebuild(match, ATTRIBUTE.findall(match.group(2)), quote=b"'")


def reversed_order(match):
    return _rebuild(match, ATTRIBUTE.findall(match.group(2))[::-1])


def line_breaks(match):
    return _rebuild(match, ATTRIBUTE.findall(match.group(2)), joiner=b"\n\t")


def spaced_equals(match):
    return _rebuild(match, ATTRIBUTE.findall(match.group(2)), equals=b" = ")


def character_references(match):
    """A row's hidden="1" written as hidden="&#49;" (calamine, which does not read
    hidden, refuses a reference so written in r or t: the file cannot be read)."""
    attributes = [
        (name, b'"&#%d;%s"' % (value[1], value[2:-1]) if name == b"hidden" else value)
        for name, value in ATTRIBUTE.findall(match.group(2))
    ]
    return _rebuild(match, attributes)


def without_references(xml: bytes) -> bytes:
    """Rows and cells without r wherever a reader places them where r says anyway:
    a row right after the one before it, a cell right after its left neighbour."""
    head, rest = xml.split(b"<sheetData", 1)
    body, tail = rest.split(b"</sheetData>", 1)
    last = {"row": 0, "column": 0}

    def drop(match):
        if match.group(1):  # a row
            number, last["column"] = int(match.group(1)), 0
            follows, last["row"] = number == last["row"] + 1, number
            return b"<row" if follows else match.group(0)
        column = 0
        for letter in match.group(2).decode():
            column = column * 26 + ord(letter) - 64
        follows, last["column"] = column == last["column"] + 1, column
        return b"<c" if follows else match.group(0)

    body = re.sub(rb'<row r="(\d+)"|<c r="([A-Z]+)\d+"', drop, body)
    return head + b"<sheetData" + body + b"</sheetData>" + tail


def with_comments(xml: bytes) -> bytes:
    return xml.replace(b"<row ", b"<!-- a comment --><row ")


SPELLINGS = {
    "single-quotes": _in_sheet_data(single_quotes),
    "attribute-order": _in_sheet_data(reversed_order),
    "line-breaks": _in_sheet_data(line_breaks),
    "spaced-equals": _in_sheet_data(spaced_equals),
    "character-references": _in_sheet_data(character_references),
    "comments": with_comments,
    "without-r": without_references,
}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_every_spelling_shows_the_hidden_row_error_value_and_uncached_formula(
    structured, tmp_path, capsys, spelling
):
    _, plain = problems_of(structured, tmp_path, capsys)
    path = structured / LOG
    part = sheet_part(path, REFERRALS)
    rewrite_part(path, part, SPELLINGS[spelling])
    code, found = problems_of(structured, tmp_path, capsys)
    assert code == 1
    assert [p for p in found if p[0] == REFERRALS] == EXPECTED
    assert found == plain


def _limit_memory() -> None:  # a guard that fails must not take the machine with it
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


FAR_ROWS = {
    "single-quotes": (
        "XFD1048576",
        b"<row r='1048576'><c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c></row>",
    ),
    "without-r": ("A1048576", b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'),
    "row-without-r": (
        "ZZ300001",
        b'<row r="300000"/><row><c r="ZZ300001" t="inlineStr"><is><t>x</t></is></c></row>',
    ),
    "tab-before-r": (
        "XFD1000",
        b'<row r="1000"><c\tr="XFD1000" t="inlineStr"><is><t>x</t></is></c></row>',
    ),
    "lower-case": (
        "XFD5000",
        b'<row r="5000"><c r="xfd5000" t="inlineStr"><is><t>x</t></is></c></row>',
    ),
}


def with_far_row(inputs: Path, row: bytes) -> Path:
    """The log with ``row`` added at the end of its referrals' sheet."""
    path = inputs / LOG
    rewrite_part(
        path,
        sheet_part(path, REFERRALS),
        lambda xml: xml.replace(b"</sheetData>", row + b"</sheetData>"),
    )
    return path


@pytest.mark.parametrize("spelling", list(FAR_ROWS))
def test_the_scan_finds_a_far_value_in_any_spelling(inputs, spelling):
    """The byte scan that runs before calamine opens a sheet refuses the far value,
    naming its cell (in this process: the scan alone, never calamine)."""
    far, row = FAR_ROWS[spelling]
    problem = scan_refusal(with_far_row(inputs, row), LOG, REFERRALS)
    assert (problem.file, problem.sheet, problem.cell, problem.code.value) == (
        LOG, REFERRALS, far, "for-stort-ark"
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("spelling", list(FAR_ROWS))
def test_a_far_value_in_any_spelling_is_refused_before_calamine_reads_it(
    inputs, tmp_path, spelling
):
    far, row = FAR_ROWS[spelling]
    with_far_row(inputs, row)
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
    assert "Traceback" not in result.stderr and "panicked" not in result.stderr
    listed = json.loads(result.stdout)
    assert [(p["fil"], p["ark"], p["celle"], p["kode"]) for p in listed] == [
        (LOG, REFERRALS, far, "for-stort-ark")
    ]


@pytest.mark.parametrize(
    "col",
    [
        b'<col max="3" hidden="1"/>',
        b'<col min="x" max="3" hidden="1"/>',
        b'<col min="2" max="99999999999" hidden="1"/>',
        b"<col min='0' max='3' hidden='1'/>",
        b'<col min="5" max="2" hidden="true"/>',
    ],
    ids=["without-min", "not-a-number", "beyond-XFD", "zero-single-quotes", "max-before-min"],
)
def test_a_hidden_column_range_excel_would_not_write_is_a_problem_at_the_sheet(
    inputs, tmp_path, capsys, col
):
    path = inputs / LOG
    rewrite_part(
        path,
        sheet_part(path, REFERRALS),
        lambda xml: xml.replace(b"<sheetData", b"<cols>" + col + b"</cols><sheetData", 1),
    )
    code, text = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert code == 2, text
    listed = json.JSONDecoder().raw_decode(text[text.index("[") :])[0]
    assert [(p["fil"], p["ark"], p["celle"], p["kode"]) for p in listed] == [
        (LOG, REFERRALS, None, "oedelagt-fil")
    ]
