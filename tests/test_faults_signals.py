"""Ctrl-C and SIGTERM mid-run: "Afbrudt.", 130 or 143, and nothing left behind.

The run is made to pause at a known point (after reading, or with the new
report half-way written to its temporary file) by a small wrapper around the
real program, so the signal arrives mid-run every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from faults import fingerprint

from generator.pipeline import make

REPO = Path(__file__).resolve().parent.parent
PAUSED = "PAUSE NU"
# Each wrapper prints PAUSED and sleeps at one point of a real `lav` run.
PAUSES = {
    "reading": """
import generator.pipeline as pipeline
real = pipeline.read_inputs
def read_inputs(folder):
    found = real(folder)
    print("{paused}", flush=True)
    time.sleep(60)
    return found
pipeline.read_inputs = read_inputs
""",
    "writing": """
import generator.render.document as document
real = document.render_report
def render_report(*args, **kwargs):
    real(*args, **kwargs)
    print("{paused}", flush=True)
    time.sleep(60)
document.render_report = render_report
""",
}


def paused_run(inputs: Path, out: Path, temp: Path, phase: str) -> subprocess.Popen:
    code = (
        "import time\n"
        + PAUSES[phase].format(paused=PAUSED)
        + ("from generator.cli import run\nrun()\n")
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, "lav", "--input", str(inputs), "--output", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)},
    )


@pytest.mark.slow
@pytest.mark.parametrize("phase", ["reading", "writing"])
@pytest.mark.parametrize(
    ("signum", "exit_code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_a_stop_signal_mid_run_ends_cleanly(inputs, tmp_path, phase, signum, exit_code):
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    make(inputs, out)  # last run's report, which must stay as it was
    before_inputs, before_output = fingerprint(inputs), fingerprint(out)
    process = paused_run(inputs, out, temp, phase)
    for line in process.stdout:
        if PAUSED in line:
            break
    else:
        pytest.fail(f"the run never paused: {process.communicate()}")
    if phase == "writing":  # the new report is in its temporary file right now
        assert list(out.glob(".afrapportering-*.tmp.Afrapportering_*.docx"))
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == exit_code, stderr
    assert stderr.strip().endswith("Afbrudt.")
    assert "Traceback" not in stdout + stderr
    after_inputs = fingerprint(inputs)  # lav may add the texts skeleton, nothing else
    assert {name: after_inputs[name] for name in before_inputs} == before_inputs
    assert fingerprint(out) == before_output  # no temporary file, the old report untouched
    assert list(temp.iterdir()) == []
    # no process of the run lives on (a forked helper would carry the run's command line)
    assert subprocess.run(["pgrep", "-f", str(inputs)], capture_output=True).stdout == b""
