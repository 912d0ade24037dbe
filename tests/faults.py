"""What every fault must leave behind, shared by the fault tests.

A fault is any input or event the author did not mean: the program must
answer in Danish, with the right exit code, print no traceback, leave no
temporary file, folder or process, keep the inputs byte for byte, and keep
the previous report as it was.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import DEFAULT_TEMPLATE

# English a Python, Jinja or matplotlib message would bring with it.
ENGLISH = re.compile(
    r"Traceback|Error\b|Exception|unexpected|expected token|end of template|"
    r"Warning|missing from|\bthe\b",
)
TEXTS_SKELETON = re.compile(r"tekster_\d{4}\.docx")
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def leftovers(output: Path, temp: Path) -> list[str]:
    """Temporary files in the output folder and folders in the temp folder."""
    found = [p.name for p in output.glob(".*.tmp*")] if output.exists() else []
    return found + [p.name for p in temp.iterdir()]


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_clean_fault(
    inputs: Path,
    output: Path,
    temp: Path,
    run: Callable[[], tuple[int, str]],
    expected_code: int,
) -> str:
    """Run a fault and check what every fault must leave behind; return the text shown."""
    before_inputs, before_output = fingerprint(inputs), fingerprint(output)
    code, text = run()
    assert code == expected_code, text
    assert "Traceback" not in text
    assert not ENGLISH.search(re.sub(r"/\S+", "", text)), text  # paths aside
    after_inputs = fingerprint(inputs)
    assert {name: after_inputs.get(name) for name in before_inputs} == before_inputs
    added = set(after_inputs) - set(before_inputs)
    assert all(TEXTS_SKELETON.fullmatch(name) for name in added), added  # lav may add only it
    kept = fingerprint(output)
    assert all(
        kept.get(name) == digest
        for name, digest in before_output.items()
        if name.startswith("Afrapportering_")
    ), "the previous report changed"
    assert leftovers(output, temp) == []
    return text


def rewrite_part(path: Path, part: str, transform: Callable[[bytes], bytes]) -> None:
    """Replace one part of an .xlsx with ``transform(old_bytes)``."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[part] = transform(parts[part])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def edited_template(
    tmp_path: Path, *replacements: tuple[str, str], part: str = "word/document.xml"
) -> Path:
    """A copy of the template with text replaced in one part, as an author might."""
    target = tmp_path / "skabelon.docx"
    shutil.copyfile(DEFAULT_TEMPLATE, target)

    def replace(data: bytes) -> bytes:
        xml = data.decode("utf-8")
        for old, new in replacements:
            assert old in xml, old
            xml = xml.replace(old, new, 1)
        return xml.encode("utf-8")

    rewrite_part(target, part, replace)
    return target


def sheet_part(path: Path, sheet: str) -> str:
    """The zip part of ``sheet`` in a workbook written by openpyxl."""
    from openpyxl import load_workbook

    index = load_workbook(path, read_only=True).sheetnames.index(sheet) + 1
    return f"xl/worksheets/sheet{index}.xml"


def prefixed(xml: bytes) -> bytes:
    """The same part as the .NET Open XML SDK writes it: every element as ``x:``."""
    xml = re.sub(rb"<(/?)(?![?!])([A-Za-z]+)([\s>/])", rb"<\1x:\2\3", xml)
    return xml.replace(b'xmlns="' + MAIN_NS + b'"', b'xmlns:x="' + MAIN_NS + b'"')


def utf16(xml: bytes) -> bytes:
    """The same part in UTF-16 with a byte order mark."""
    body = xml.split(b"?>", 1)[1] if xml.startswith(b"<?xml") else xml
    return ('<?xml version="1.0" encoding="UTF-16"?>' + body.decode("utf-8")).encode("utf-16")


def render_refusal(template: Path, made, folder: Path) -> str:
    """The render stage alone, on the figures a run has checked and computed
    (``made``): the Danish text it refuses ``template`` with, its problems and then
    why the run stops, as the console shows them. Nothing is written. The pipeline
    around it, which keeps the previous report, the inputs and the temporary folder as
    they were, is the end-to-end fault tests' (``assert_clean_fault``)."""
    from generator.compute.run import RunInfo
    from generator.core.problems import CannotContinue
    from generator.render.document import render_report

    target = folder / "Afrapportering.docx"
    run = RunInfo((), datetime(2026, 11, 27, 10, 0), "test", ())
    with pytest.raises(CannotContinue) as refused:
        render_report(template, made.checked.computed.figures, run, target)
    assert not target.exists()
    stop = refused.value
    text = "\n".join([*(problem.message for problem in stop.problems), stop.message])
    assert not ENGLISH.search(re.sub(r"/\S+", "", text)), text  # paths aside
    return text


def scan_refusal(path: Path, display: str, sheet: str):
    """The problem the byte scan (which runs before calamine opens a sheet) refuses
    ``sheet`` of the workbook at ``path`` with: the scan alone, never calamine, so a
    value far out cannot take this process with it."""
    from generator.reading.container import UnsafeWorkbook
    from generator.reading.xlsx import _scan

    with zipfile.ZipFile(path) as archive:
        xml = archive.read(sheet_part(path, sheet))
    with pytest.raises(UnsafeWorkbook) as refused:
        _scan(xml, display, sheet)
    return refused.value.problem
