"""A report is never half-written, never silently overwritten, never lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest

from generator import output
from generator.cli import main
from generator.pipeline import make

TODAY = datetime(2026, 11, 27).date()
REPO = Path(__file__).resolve().parent.parent


def test_running_lav_twice_keeps_both_reports(inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 9, 0, 0))
    first_bytes = first.report.read_bytes()
    second = make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 9, 30, 0))
    assert second.moved_aside == out / "tidligere" / "Afrapportering_2023_2026-11-27_093000.docx"
    assert second.moved_aside.read_bytes() == first_bytes
    assert second.report.is_file()
    assert sorted(p.name for p in out.iterdir()) == [
        "Afrapportering_2023.docx",
        "Afrapportering_2023_bilag.xlsx",
        "tidligere",
    ]
    assert sorted(p.name for p in (out / "tidligere").iterdir()) == [
        "Afrapportering_2023_2026-11-27_093000.docx",
        "Afrapportering_2023_bilag_2026-11-27_093000.xlsx",
    ]


def test_the_same_second_twice_gets_a_numbered_copy(tmp_path: Path):
    target = tmp_path / "r.docx"
    now = datetime(2026, 1, 1, 12, 0, 0)
    for text in ("a", "b", "c"):
        output.publish(target, lambda path, text=text: path.write_text(text), now)
    kept = sorted(p.name for p in (tmp_path / "tidligere").iterdir())
    assert kept == ["r_2026-01-01_120000.docx", "r_2026-01-01_120000_2.docx"]
    assert target.read_text() == "c"


def test_a_report_open_in_word_gives_exit_2_and_stays_untouched(
    inputs, tmp_path, monkeypatch, capsys
):
    """Word locks an open file, so renaming over it fails; the old report must survive."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "Afrapportering_2023.docx"
    target.write_bytes(b"the author's polished report")
    real_replace = os.replace

    def locked_replace(source, destination):
        if Path(destination) == target:
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
    make(inputs, out, today=TODAY, now=datetime(2026, 11, 27, 10, 0))
    assert not list(out.glob(".*tmp*")), "the next run cleans up the half-written file"
