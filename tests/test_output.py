"""output/ holds only what is current; a report is never half-written, never silently
overwritten, and hand edits are never lost without a word."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import docx
import pytest
from factory import edit_cell

from generator.cli import main
from generator.output import folder as output
from generator.pipeline import make

TODAY = datetime(2026, 11, 27).date()
REPO = Path(__file__).resolve().parent.parent


def visible(folder: Path) -> list[str]:
    """What the author sees in a folder (the manifest and lock are hidden files)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def break_a_cvr(inputs: Path) -> None:
    """A CVR number of three digits: an error, so no report."""
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "C2", "123")


def test_running_lav_twice_keeps_both_reports_named_by_when_they_were_made(
    inputs: Path, tmp_path: Path
):
    out = tmp_path / "out"
    first = make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 9, 0, 0))
    first_bytes = first.report.read_bytes()
    first_appendix = (out / "Afrapportering_2023_bilag.xlsx").read_bytes()
    second = make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 9, 30, 0))
    kept = out / "tidligere" / "Afrapportering_2023_2026-11-27_090000.docx"
    assert second.moved_aside == kept
    assert kept.read_bytes() == first_bytes
    assert (
        out / "tidligere" / "Afrapportering_2023_bilag_2026-11-27_090000.xlsx"
    ).read_bytes() == first_appendix
    assert visible(out) == [
        "Afrapportering_2023.docx",
        "Afrapportering_2023_bilag.xlsx",
        "tidligere",
    ]
    assert visible(out / "tidligere") == [
        "Afrapportering_2023_2026-11-27_090000.docx",
        "Afrapportering_2023_bilag_2026-11-27_090000.xlsx",
    ]
    assert second.notes == ()  # not edited: nothing to warn about


def test_the_same_second_twice_gets_a_numbered_copy(tmp_path: Path):
    target = tmp_path / "r.docx"
    now = datetime(2026, 1, 1, 12, 0, 0)
    for text in ("a", "b", "c"):
        output.publish(target, lambda path, text=text: path.write_text(text), now)
    assert visible(tmp_path / "tidligere") == [
        "r_2026-01-01_120000.docx",
        "r_2026-01-01_120000_2.docx",
    ]
    assert target.read_text() == "c"


def test_without_a_manifest_the_files_are_named_by_their_modification_time(tmp_path: Path):
    """Reports made by an older version: the file's own time, and a stray PDF older
    than the report keeps its own (it was made from an earlier report)."""
    report, pdf = tmp_path / "Afrapportering_2023.docx", tmp_path / "Afrapportering_2023.pdf"
    report.write_text("old report")
    pdf.write_text("older pdf")
    os.utime(report, (0, datetime(2025, 3, 1, 8, 15, 0).timestamp()))
    os.utime(pdf, (0, datetime(2025, 2, 1, 7, 0, 0).timestamp()))
    published = output.publish_set(
        {report: lambda path: path.write_text("new")},
        retire=[pdf],
        now=datetime(2026, 1, 1, 12, 0, 0),
    )
    assert visible(tmp_path / "tidligere") == [
        "Afrapportering_2023_2025-02-01_070000.pdf",
        "Afrapportering_2023_2025-03-01_081500.docx",
    ]
    assert [moved.edited for moved in published.moved] == [None, None]
    assert visible(tmp_path) == ["Afrapportering_2023.docx", "tidligere"]


def test_a_report_edited_in_word_is_named_with_the_texts_file(inputs, previous, capsys):
    """Done when (issue 10): editing the generated report and running lav again prints
    a message naming the kept copy and tekster_2023.docx."""
    out = previous
    report = out / "Afrapportering_2023.docx"
    document = docx.Document(str(report))
    document.add_paragraph("Udvalget bør bemærke den flotte udvikling.")
    document.save(str(report))

    assert main(["lav", "--input", str(inputs), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    kept = out / "tidligere" / "Afrapportering_2023_2026-11-27_090000.docx"
    (warning,) = [line for line in printed.splitlines() if line.startswith("OBS:")]
    assert "rettet i Word" in warning
    assert "IKKE med i den nye rapport" in warning
    assert str(kept) in warning
    assert str(inputs / "tekster_2023.docx") in warning
    kept_paragraphs = [p.text for p in docx.Document(kept).paragraphs]
    assert kept_paragraphs[-1] == "Udvalget bør bemærke den flotte udvikling."


def test_a_report_not_edited_gives_no_such_message(inputs, previous, capsys):
    out = previous
    assert main(["lav", "--input", str(inputs), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "OBS" not in printed
    assert "rettet" not in printed
    assert "De tidligere filer er flyttet til" in printed
    assert "Afrapportering_2023_2026-11-27_090000.docx" in printed


@pytest.mark.parametrize("manifest", [None, "{ not json", '{"format": 1, "files": [1, 2]}'])
def test_a_missing_or_broken_manifest_is_no_failure_and_no_false_claim(inputs, previous, manifest):
    """Without fingerprints the program cannot know whether the report was edited:
    it says so, and still names the kept copy and the texts file."""
    out = previous
    if manifest is None:
        (out / output.MANIFEST).unlink()
    else:
        (out / output.MANIFEST).write_text(manifest)
    made = make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 9, 30, 0))
    (note,) = made.notes
    assert "kan ikke se, om Afrapportering_2023.docx var rettet" in note
    assert "tekster_2023.docx" in note
    assert str(made.moved_aside) in note
    fingerprints = json.loads((out / output.MANIFEST).read_text())["files"]
    assert sorted(fingerprints) == ["Afrapportering_2023.docx", "Afrapportering_2023_bilag.xlsx"]


def test_the_manifest_holds_the_fingerprint_of_what_was_written(previous):
    out = previous
    fingerprints = json.loads((out / output.MANIFEST).read_text())["files"]
    for name in ("Afrapportering_2023.docx", "Afrapportering_2023_bilag.xlsx"):
        assert fingerprints[name]["sha256"] == output.fingerprint(out / name)
        assert fingerprints[name]["made"] == "2026-11-27T09:00:00"


def test_an_older_pdf_is_moved_aside_with_its_report(inputs, previous):
    """Done when (issue 10), without LibreOffice: a PDF never stays beside a newer docx."""
    out = previous
    output.publish(
        out / "Afrapportering_2023.pdf",
        lambda path: path.write_bytes(b"%PDF 11 af 12"),
        datetime(2026, 11, 27, 9, 0, 9),
    )
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "B2", "Rettet Virksomhed ApS")
    make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 10, 0, 0))
    assert visible(out) == [
        "Afrapportering_2023.docx",
        "Afrapportering_2023_bilag.xlsx",
        "tidligere",
    ]
    assert visible(out / "tidligere") == [
        "Afrapportering_2023_2026-11-27_090000.docx",
        "Afrapportering_2023_2026-11-27_090000.pdf",
        "Afrapportering_2023_bilag_2026-11-27_090000.xlsx",
    ]


@pytest.mark.libreoffice
def test_after_lav_pdf_and_a_change_no_older_pdf_stands_beside_the_report(inputs, tmp_path):
    """Done when (issue 10): lav --pdf, a change and lav leave no PDF older than the
    docx in output/; lav --pdf again makes a PDF of the new report."""
    out = tmp_path / "out"
    args = ["lav", "--input", str(inputs), "--output", str(out)]
    assert main([*args, "--pdf"]) == 0
    assert (out / "Afrapportering_2023.pdf").is_file()
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "B2", "Rettet Virksomhed ApS")
    time.sleep(1.1)  # a new second, so that the kept copies cannot share a name
    assert main(args) == 0
    assert not (out / "Afrapportering_2023.pdf").exists()
    kept = visible(out / "tidligere")
    assert [name.endswith(".pdf") for name in kept].count(True) == 1
    assert kept[0].removesuffix(".docx") == kept[1].removesuffix(".pdf")  # one stamp
    assert main([*args, "--pdf"]) == 0
    pdf, report = out / "Afrapportering_2023.pdf", out / "Afrapportering_2023.docx"
    assert pdf.stat().st_mtime >= report.stat().st_mtime


def test_error_reports_are_replaced_never_archived_and_go_once_the_data_is_clean(
    inputs, tmp_path, capsys
):
    """Done when (issue 10): after a clean run no Fejlrapport_2023.xlsx remains, and
    tidligere/ holds no error report. tjek and lav both tidy up."""
    out = tmp_path / "out"
    args = ["--input", str(inputs), "--output", str(out)]
    assert main(["lav", *args]) == 0
    break_a_cvr(inputs)
    assert main(["lav", *args]) == 1
    assert main(["tjek", *args]) == 1
    assert (out / "Fejlrapport_2023.xlsx").is_file()
    assert not list((out / "tidligere").glob("Fejlrapport*"))
    # an older version archived its error reports: those go too, other years' stay
    (out / "tidligere").mkdir(exist_ok=True)
    (out / "tidligere" / "Fejlrapport_2023_2026-01-05_101010.xlsx").write_bytes(b"old")
    (out / "tidligere" / "Fejlrapport_2023_2026-01-05_101010_2.xlsx").write_bytes(b"old")
    (out / "Fejlrapport_2022.xlsx").write_bytes(b"another year")
    capsys.readouterr()

    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "C2", "10150817")
    assert main(["tjek", *args]) == 0
    assert "Fejlrapport_2023.xlsx er slettet" in capsys.readouterr().out
    assert not (out / "Fejlrapport_2023.xlsx").exists()
    assert not list((out / "tidligere").glob("Fejlrapport*"))
    assert (out / "Fejlrapport_2022.xlsx").read_bytes() == b"another year"

    break_a_cvr(inputs)
    assert main(["tjek", *args]) == 1
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "C2", "10150817")
    assert main(["lav", *args]) == 0
    assert "Fejlrapport_2023.xlsx er slettet" in capsys.readouterr().out
    assert not list(out.glob("Fejlrapport_2023*"))
    assert not list((out / "tidligere").glob("Fejlrapport*"))


def test_tjek_json_keeps_standard_output_for_json_when_it_tidies(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "Fejlrapport_2023.xlsx").write_bytes(b"stale")
    assert main(["tjek", "--json", "--input", str(inputs), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "Fejlrapport_2023.xlsx er slettet" in captured.err


def test_a_report_open_in_word_gives_exit_2_and_stays_untouched(
    inputs, tmp_path, monkeypatch, capsys
):
    """Word locks an open file, so moving it fails; the old report must survive."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "Afrapportering_2023.docx"
    target.write_bytes(b"the author's polished report")
    real_replace = os.replace

    def locked_replace(source, destination):
        if target in (Path(source), Path(destination)):
            raise PermissionError(13, "The process cannot access the file")
        return real_replace(source, destination)

    monkeypatch.setattr(output.os, "replace", locked_replace)
    code = main(["lav", "--input", str(inputs), "--output", str(out)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Luk Afrapportering_2023.docx i Word og prøv igen" in captured.err
    assert target.read_bytes() == b"the author's polished report"
    assert not list((out / "tidligere").glob("*"))
    assert not list(out.glob(".*tmp*"))


KILLED_WRITER = """
import sys, time
from pathlib import Path
import generator.render.document as document

def slow_render(template, figures, run, target, *_, **__):
    Path(target).write_bytes(b"half a report")
    Path(sys.argv[3]).write_text("writing")
    time.sleep(60)

document.render_report = slow_render
from generator.cli import main
sys.exit(main(["lav", "--input", sys.argv[1], "--output", sys.argv[2]]))
"""


@pytest.mark.slow
def test_a_run_killed_mid_write_leaves_the_previous_report_intact(inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    target = out / "Afrapportering_2023.docx"
    target.write_bytes(b"previous report")
    flag = tmp_path / "writing"
    script = tmp_path / "writer.py"
    script.write_text(textwrap.dedent(KILLED_WRITER))
    process = subprocess.Popen(
        [sys.executable, str(script), str(inputs), str(out), str(flag)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert process.poll() is None, "the writer ended before writing"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert target.read_bytes() == b"previous report"
    assert not (out / "tidligere").exists()
    assert list(out.glob(".*tmp*")), "the killed run's half-written file"
    make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 10, 0))
    assert not list(out.glob(".*tmp*")), "the next run cleans up the half-written file"
