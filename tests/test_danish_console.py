"""Everything the author reads is Danish: no library's English, no placeholder for a
file name, no pointer to the tools' JSON output."""

from __future__ import annotations

import errno
import subprocess
import zipfile
import zlib

import pytest
from factory import write_inputs

from generator.cli import SEE_APPENDIX, SEE_LATER, SEE_NOTHING, main, see_error_report
from generator.output import pdf
from generator.pipeline import check
from generator.reading.container import broken_detail

ENGLISH = ("zip file", "File is", "Bad CRC", "Errno", "Permission denied", "No such file")


@pytest.mark.parametrize(
    ("exc", "danish"),
    [
        (zipfile.BadZipFile("File is not a zip file"), "den er ikke pakket som en Office-fil"),
        (
            zipfile.BadZipFile("Bad CRC-32 for file 'xl/worksheets/sheet1.xml'"),
            "en del af den er beskadiget (kontrolsummen passer ikke)",
        ),
        (zipfile.BadZipFile("Truncated file header"), "den er afkortet"),
        (zipfile.BadZipFile("something new"), "pakken er beskadiget"),
        (KeyError("xl/workbook.xml"), "en del af filen mangler"),
        (EOFError(), "den er afkortet eller beskadiget"),
        (zlib.error("Error -3 while decompressing data"), "den er afkortet eller beskadiget"),
        (PermissionError(errno.EACCES, "Permission denied"), "du har ikke adgang til den"),
        (RuntimeError("anything else"), ""),
    ],
)
def test_a_broken_package_is_described_in_danish(exc, danish):
    assert broken_detail(exc) == danish


def test_a_truncated_workbook_is_told_in_danish(tmp_path):
    folder = write_inputs(tmp_path / "input")
    log = folder / "henvisninger.xlsx"
    log.write_bytes(log.read_bytes()[:2000])
    checked = check(folder)
    [problem] = [p for p in checked.problems if p.file == "henvisninger.xlsx"]
    assert problem.message.startswith(
        "henvisninger.xlsx kan ikke læses: filen er ødelagt eller ikke gemt færdig ("
    )
    assert not any(words in problem.message for words in ENGLISH)


def test_the_pointers_name_real_files_and_never_the_json_output():
    assert see_error_report(2023) == "se dem i fejlrapporten Fejlrapport_2023.xlsx"
    for see in (SEE_APPENDIX, SEE_LATER, SEE_NOTHING, see_error_report(2023)):
        assert "json" not in see.lower() and "ÅR" not in see and "aarsrapport" not in see


def test_a_failed_pdf_conversion_says_why_in_danish(tmp_path, monkeypatch):
    report = tmp_path / "Afrapportering_2023.docx"
    report.write_bytes(b"PK")

    class Hangs:  # a LibreOffice that never answers
        pid = 999_999_999

        def __init__(self, *_args, **_kwargs) -> None:
            pass

        def poll(self):
            return None

        def communicate(self, timeout=None):
            raise subprocess.TimeoutExpired("soffice", timeout)

    monkeypatch.setattr(pdf.subprocess, "Popen", Hangs)
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(pdf, "office_toc", lambda *_args: None)  # the bridge did not answer
    with pytest.raises(pdf.NoConverter) as raised:
        pdf.convert_to_pdf(report)
    assert "(LibreOffice svarede ikke inden for 120 sekunder)" in str(raised.value)
    assert "TimeoutExpired" not in str(raised.value)


def test_tjek_with_only_warnings_says_where_they_will_all_be(tmp_path, capsys):
    from factory import valid_data

    data = valid_data()
    data["Henvisninger"] += [dict(data["Henvisninger"][0]) for _ in range(8)]
    folder = write_inputs(tmp_path / "input", data)
    assert main(["tjek", "--input", str(folder), "--output", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert f"… og 3 flere af samme slags – {SEE_LATER}" in out
    assert "json" not in out.lower()
