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


def sigint_ignored(preexec_fn=None) -> bool:
    """Whether a program started now has SIGINT ignored: the kernel's own account of
    it (``SigIgn`` in ``/proc/PID/status``), read by grep of itself, no Python started."""
    shown = subprocess.run(
        ["grep", "^SigIgn:", "/proc/self/status"],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=preexec_fn,
    )
    mask = int(shown.stdout.split()[1], 16)
    return bool(mask & (1 << (signal.SIGINT - 1)))


def test_a_program_started_after_trap_int_inherits_sigint_ignored():
    """The set-up below really ignores Ctrl-C: what it starts has SIGINT ignored."""
    assert sigint_ignored(_ignore_sigint)


def test_a_program_the_suite_starts_can_be_stopped_with_ctrl_c():
    """Whatever the suite was started with, the programs it starts do not ignore Ctrl-C
    (Python's own handler stays with the suite; a program it starts gets the default)."""
    assert not sigint_ignored()


@pytest.mark.slow  # a suite of its own
def test_the_ctrl_c_tests_pass_in_a_suite_started_with_sigint_ignored():
    command = [sys.executable, "-m", "pytest", "-n", "0", "-q", "-p", "no:cacheprovider"]
    run = with_sigint_ignored([*command, *AFFECTED])
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{len(AFFECTED)} passed" in run.stdout.splitlines()[-1]
