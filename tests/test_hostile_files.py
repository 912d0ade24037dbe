"""Hostile or broken workbooks are refused quickly and clearly, never parsed blindly.

The program parses untrusted XML in three places: the workbook's structure
(``reading/container.py``, through defusedxml), the sheets and shared strings
(calamine, in ``reading/xlsx.py``), and the author's texts file (python-docx, after
``reading/docx_container.py``; its own tests are in ``test_texts.py``). Every XML
part is looked at for a DTD before a parser sees it. The cells' text comes back out
in the error report, written with openpyxl: there it must stay text.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from factory import column_of
from faults import rewrite_part
from openpyxl import load_workbook

from generator.cli import main
from generator.output.error_workbook import OVERVIEW
from generator.reading.container import MAX_PART_BYTES

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def first_sheet_part(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return next(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))


def run_tjek(folder: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    code = main(["tjek", "--input", str(folder), "--output", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def inject_dtd(data: bytes) -> bytes:
    body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
    return BILLION_LAUGHS + body.replace(b"<sheetData>", b"<sheetData>&lol9;", 1)


@pytest.mark.parametrize(
    "part",
    [
        "sheet",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
        "xl/styles.xml",
        "docProps/core.xml",
    ],
)
def test_an_xml_bomb_is_refused(inputs: Path, tmp_path: Path, capsys, part: str):
    path = inputs / "henvisninger.xlsx"
    name = first_sheet_part(path) if part == "sheet" else part
    with zipfile.ZipFile(path) as archive:
        if name not in archive.namelist():
            pytest.skip(f"{name} is not in this workbook")
    rewrite_part(path, name, inject_dtd)
    code, text = run_tjek(inputs, tmp_path, capsys)
    assert code == 2
    assert "henvisninger.xlsx afvises" in text and "DTD/ENTITY" in text


def test_a_zip_bomb_that_inflates_far_beyond_a_workbook_is_refused(inputs, tmp_path, capsys):
    """50 MB of blanks packs into ~50 kB: no real sheet compresses a thousand to one."""
    path = inputs / "aarsdata.xlsx"
    rewrite_part(path, first_sheet_part(path), lambda data: data + b" " * (50 * 1024 * 1024))
    code, text = run_tjek(inputs, tmp_path, capsys)
    assert code == 2 and "zip-bombe" in text


def test_an_entry_that_claims_to_be_huge_is_refused_before_reading(inputs, tmp_path, capsys):
    path = inputs / "kontrakt.xlsx"
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(first_sheet_part(path))
    # Patch the central directory's uncompressed size of that entry.
    central = data.rfind(b"PK\x01\x02", 0, len(data))
    while central != -1:
        name_length = int.from_bytes(data[central + 28 : central + 30], "little")
        name = bytes(data[central + 46 : central + 46 + name_length]).decode()
        if name == info.filename:
            data[central + 24 : central + 28] = (MAX_PART_BYTES + 1).to_bytes(4, "little")
            break
        central = data.rfind(b"PK\x01\x02", 0, central)
    path.write_bytes(bytes(data))
    code, text = run_tjek(inputs, tmp_path, capsys)
    assert code == 2 and "zip-bombe" in text


def test_a_file_that_is_not_a_zip_is_refused(inputs: Path, tmp_path: Path, capsys):
    (inputs / "henvisninger.xlsx").write_bytes(b"Dato;Virksomhed\n01-02-2023;Test ApS\n")
    code, text = run_tjek(inputs, tmp_path, capsys)
    assert code == 2 and "ikke en Excel-projektmappe" in text and ".csv" in text


def test_cell_text_comes_out_in_the_error_report_as_text_never_as_a_formula(
    inputs: Path, tmp_path: Path, capsys
):
    """A text cell that starts with '=' (and holds a control character) is copied into
    Fejlrapport_ÅR.xlsx as the same text: no formula, no link, no broken file."""
    # _x0007_ is how an .xlsx keeps a bell character; the reader turns it back into one
    hostile = '=HYPERLINK("https://example.com/","klik")_x0007_'
    cell = f"{column_of('Henvisninger', 'recipient')}3"
    path = inputs / "henvisninger.xlsx"
    workbook = load_workbook(path)
    workbook["Henvisninger"][cell].value = hostile
    workbook["Henvisninger"][cell].data_type = "s"  # typed as text, as Excel keeps '=…
    workbook.save(path)

    code, _ = run_tjek(inputs, tmp_path, capsys)
    assert code == 1
    report = load_workbook(next((tmp_path / "out").glob("Fejlrapport_*.xlsx")))
    [copy] = [name for name in report.sheetnames if name != OVERVIEW]
    copied = report[copy][cell]
    assert copied.data_type == "s"
    assert copied.value == '=HYPERLINK("https://example.com/","klik")'
