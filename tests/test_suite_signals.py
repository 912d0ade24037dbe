"""The suite passes when it is started with Ctrl-C ignored.

A shell that ignores SIGINT (``trap '' INT``, nohup, some CI runners, a mutation
pass's loop) hands that on to pytest and to every program pytest starts, and an
ignored signal stays ignored across exec: a test of Ctrl-C would then fail, or test
nothing. The suite gives itself a terminal's handler (``tests/conftest.py``), so the
programs it starts get SIGINT at its default; the tests of Ctrl-C set the handler
they start from themselves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHOW_SIGINT = "import signal; print(signal.getsignal(signal.SIGINT))"
# The fast tests that use Ctrl-C, and the check that a started program can be stopped.
AFFECTED = (
    "tests/test_bootstrap.py::test_ctrl_c_while_the_program_runs_closes_with_afbrudt_once",
    "tests/test_suite_signals.py::test_a_program_the_suite_starts_can_be_stopped_with_ctrl_c",
)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def with_sigint_ignored(command: list[str]) -> subprocess.CompletedProcess:
    """``command`` started as from a shell after ``trap '' INT``."""
    return subprocess.run(
        command,
        cwd=REPO,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
        preexec_fn=_ignore_sigint,
        timeout=300,
    )


def test_a_program_started_after_trap_int_inherits_sigint_ignored():
    """The set-up below really ignores Ctrl-C: what it starts sees SIG_IGN."""
    shown = with_sigint_ignored([sys.executable, "-c", SHOW_SIGINT])
    assert shown.stdout.strip() == str(signal.SIG_IGN)


def test_a_program_the_suite_starts_can_be_stopped_with_ctrl_c():
    """Whatever the suite was started with, its programs get Python's own handler."""
    shown = subprocess.run(
        [sys.executable, "-c", SHOW_SIGINT], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == str(signal.default_int_handler)


@pytest.mark.slow  # a suite of its own
def test_the_ctrl_c_tests_pass_in_a_suite_started_with_sigint_ignored():
    command = [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider"]
    run = with_sigint_ignored([*command, *AFFECTED])
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(AFFECTED)} passed" in run.stdout.splitlines()[-1]
