"""Ctrl-C, SIGTERM and SIGHUP mid-run: "Afbrudt.", 130, 143 or 129, and nothing left
behind, also while LibreOffice is at work; after SIGKILL, the next run removes what
the killed one left.

The run is made to pause at a known point (after reading, or with the new
report half-way written to its temporary file) by a small wrapper around the
real program, so the signal arrives mid-run every time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults import fingerprint
from libreoffice import soffice

from generator.output.office_files import single_instance_name
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
    ("signum", "exit_code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["INT", "TERM", "HUP"],
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


# --- while LibreOffice works -------------------------------------------------------------


def office_sockets() -> set[str]:
    return {
        path.name
        for folder in (Path("/tmp"), Path("/var/tmp"))
        if folder.is_dir()
        for path in folder.glob(f"OSL_PIPE_{os.getuid()}_*")
    }


def office_of(*folders: Path) -> bytes:
    """The offices whose profile is in one of ``folders``."""
    return b"".join(
        subprocess.run(
            ["pgrep", "-f", f"UserInstallation=file://{folder}"], capture_output=True
        ).stdout
        for folder in folders
    )


def wait_for_office(process: subprocess.Popen, out: Path, temp: Path) -> set[str]:
    """Until the run's LibreOffice is at work and listening; the names of its sockets
    (other offices on this machine have theirs, which are none of the run's business).

    The sockets are looked for as soon as the office runs, not after a pause: on a
    quiet machine the whole page-number pass takes about a second."""
    before = office_sockets()
    uid = os.getuid()
    for _ in range(6000):
        if office_of(out, temp):
            try:  # the office and the run create and remove files as this looks
                profiles = [
                    path
                    for folder in (out, temp)
                    for path in folder.rglob("*")
                    if path.is_dir() and (path.name == "profil" or path.name.startswith("afrapp"))
                ]
            except FileNotFoundError:
                continue
            sockets = {n for n in office_sockets() - before if "afrapportering" in n} | {
                f"OSL_PIPE_{uid}_{single_instance_name(p.as_uri())}" for p in profiles
            }
            if office_sockets() & sockets:
                return sockets
        if process.poll() is not None:
            pytest.fail(f"the run ended before LibreOffice listened: {process.communicate()}")
        time.sleep(0.02)
    pytest.fail("LibreOffice never started")


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.parametrize("pdf", [False, True], ids=["page-numbers", "pdf"])
@pytest.mark.parametrize(
    ("signum", "exit_code"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
    ids=["INT", "TERM", "HUP"],
)
def test_a_stop_signal_while_libreoffice_works_leaves_nothing(
    inputs, tmp_path, pdf, signum, exit_code
):
    """LibreOffice's temporary files, its profile (with the PDF in it), its sockets in
    /tmp and the office itself all go with the run.

    For the page numbers the office starts beside the program's own work (the
    run's folder holds its profile), and waits for the report: the run is held
    after the render, so the signal comes while that office lives, whatever the
    machine's speed."""
    soffice()
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    make(inputs, out)
    before_output = fingerprint(out)
    env = {k: v for k, v in os.environ.items() if k != "AFRAPPORTERING_UDEN_SIDETAL"}
    env.update(TMPDIR=str(temp), PYTHONPATH=str(REPO))
    if pdf:
        env["AFRAPPORTERING_UDEN_SIDETAL"] = "1"
    held = "" if pdf else "import time\n" + PAUSES["writing"].format(paused=PAUSED)
    command = [sys.executable, "-c", held + "from generator.cli import run\nrun()", "lav"]
    command += ["--input", str(inputs), "--output", str(out)] + (["--pdf"] if pdf else [])
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    sockets = wait_for_office(process, out, temp)
    assert office_sockets() & sockets  # the connection and the single-instance check
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=120)  # a guard only
    assert process.returncode == exit_code, stdout + stderr
    assert "Traceback" not in stdout + stderr
    after = fingerprint(out)
    if pdf:  # the new report was in place before the PDF was begun; no PDF, not half of one
        assert "Afrapportering_2023.docx" in after
        assert [name for name in after if name.endswith(".pdf")] == []
    else:
        assert after == before_output
    assert [p.name for p in out.iterdir() if p.name.startswith(".afrapportering-")] == []
    assert list(temp.iterdir()) == []
    assert office_sockets() & sockets == set()
    time.sleep(1)
    assert office_of(out, temp) == b"", "LibreOffice outlived the run"


# --- killed outright ----------------------------------------------------------------------


@pytest.mark.slow
def test_what_a_killed_run_left_is_removed_by_the_next(inputs, tmp_path):
    """SIGKILL cannot be caught: the run's temporary files and its folder stay, until
    the next run sees that their run is dead and removes them."""
    out, temp = tmp_path / "out", tmp_path / "tmp"
    temp.mkdir()
    make(inputs, out)
    process = paused_run(inputs, out, temp, "writing")
    for line in process.stdout:
        if PAUSED in line:
            break
    left = sorted(p.name for p in out.iterdir() if p.name.startswith(".afrapportering-"))
    assert any(name.endswith(".tmp") for name in left)  # the run's folder, with the charts
    assert any(name.endswith("Afrapportering_2023.docx") for name in left)
    process.kill()
    process.communicate(timeout=60)
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "tjek", "--input", str(inputs), "--output", str(out)],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    # tjek writes nothing, so it cleans nothing; the next lav does
    done = subprocess.run(
        [sys.executable, "-m", "generator", "lav", "--input", str(inputs), "--output", str(out)],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert [p.name for p in out.iterdir() if p.name.startswith(".afrapportering-")] == []
    assert list(temp.iterdir()) == []
