"""The program's one operating-system lock (``generator/core/oslock.py``).

The launcher's bootstrap holds it on the program's folder while it installs and
runs, and a run holds it on the output folder while it places its files. A
second process waits a bounded time, then gets the same Danish refusal on every
system; the lock goes with its holder, however that ends. A helper process holds
the lock here, loading the module by its path as the bootstrap does.
"""

from __future__ import annotations

import ast
import errno
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from source_trees import modules, walked

from generator.core import oslock
from generator.core.problems import CannotContinue
from generator.output import folder as output

ROOT = Path(__file__).resolve().parent.parent
MODULE = ROOT / "generator" / "core" / "oslock.py"

HOLDER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("oslock", sys.argv[1])
oslock = importlib.util.module_from_spec(spec)
spec.loader.exec_module(oslock)
lock = oslock.FileLock(sys.argv[2], 0)
lock.acquire(state=sys.argv[3])
print("holding", flush=True)
sys.stdin.readline()  # until told to let go (or killed)
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def holder(tmp_path):
    """Start a process holding the lock on a file; yields a function that starts it."""
    started: list[subprocess.Popen] = []

    def hold(path: Path, state: str = "installerer") -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(MODULE), str(path), state],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        assert process.stdout.readline() == "holding\n"
        return process

    yield hold
    for process in started:
        process.kill()
        process.wait()


def test_a_second_lock_on_the_folder_waits_then_is_refused_in_danish(tmp_path):
    """Two locks on one file conflict within one process too (``flock`` is per open
    file): the second waits, reading the holder's note, and is refused. The tests
    marked slow do the same across processes."""
    path = tmp_path / ".afrapportering.lock"
    notes = []
    with oslock.FileLock(path, wait_seconds=0) as held:
        held.note("installerer")
        with pytest.raises(oslock.Busy) as refused:
            oslock.FileLock(path, wait_seconds=0.05).acquire(lambda _, note: notes.append(note))
    assert refused.value.message == oslock.busy_message(path, str(os.getpid()), 0.05)
    assert notes[0] == {"proces": str(os.getpid()), "tilstand": "installerer"}
    oslock.FileLock(path, wait_seconds=0).acquire()  # free again once the holder lets go


@pytest.mark.slow  # starts a holder process
def test_a_second_process_waits_then_is_refused_in_danish(tmp_path, holder):
    path = tmp_path / ".afrapportering.lock"
    other = holder(path, "installerer")
    notes = []
    with pytest.raises(oslock.Busy) as refused:
        oslock.FileLock(path, wait_seconds=0.5).acquire(lambda waited, note: notes.append(note))
    assert refused.value.message == (
        f"Programmet er stadig i gang i et andet vindue (proces {other.pid}) efter 1 sekund: "
        f"det har låst mappen {tmp_path} (filen .afrapportering.lock). Se efter det andet "
        "vindue, lad det blive færdigt eller luk det, og prøv igen."
    )
    # It waited, reading who holds the lock and what that process is doing.
    assert notes[0] == {"proces": str(other.pid), "tilstand": "installerer"}
    assert oslock.read_note(path) == {"proces": str(other.pid), "tilstand": "installerer"}


@pytest.mark.slow  # starts a holder process
def test_the_lock_goes_with_its_holders_death(tmp_path, holder):
    """A holder killed outright (SIGKILL, a closed window) leaves no lock behind."""
    path = tmp_path / ".afrapportering.lock"
    other = holder(path)
    other.kill()
    other.wait()
    lock = oslock.FileLock(path, wait_seconds=0)
    lock.acquire(state="kører")  # at once
    try:
        assert oslock.read_note(path) == {"proces": str(os.getpid()), "tilstand": "kører"}
    finally:
        lock.release()
    assert path.read_text(encoding="utf-8") == ""  # no stale note for the next one


@pytest.mark.slow  # starts a holder process
def test_a_waiting_process_takes_the_lock_once_the_holder_lets_go(tmp_path, holder):
    path = tmp_path / ".afrapportering.lock"
    other = holder(path)
    told = []

    def waiting(_waited: float, _note: dict) -> None:
        if not told:  # the holder is asked to let go while this one waits
            other.stdin.write("\n")
            other.stdin.flush()
            told.append(True)

    lock = oslock.FileLock(path, wait_seconds=600)
    lock.acquire(waiting)
    try:
        assert oslock.read_note(path)["proces"] == str(os.getpid())
    finally:
        lock.release()
    assert told == [True]
    assert other.stdout.readline() == "released\n"


@pytest.mark.skipif(os.name == "nt", reason="flock")
def test_a_drive_that_takes_no_locks_is_refused_never_gone_without(tmp_path, monkeypatch):
    import fcntl

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(oslock.Unsupported) as refused:
        oslock.FileLock(tmp_path / ".afrapportering.lock").acquire()
    assert refused.value.message.startswith(
        f"Mappen {tmp_path} ligger på et drev, der ikke kan låse filer (No locks available), "
        "så programmet kan ikke sikre, at to vinduer ikke arbejder i den på samme tid."
    )


class FakeMsvcrt:
    """Windows' ``msvcrt.locking``: records each call with the file position it locks."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self, answer: int | None = None) -> None:
        self.answer = answer  # the errno of a refused lock; None: granted
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, size: int) -> None:
        assert size == 1
        self.calls.append((mode, os.lseek(fd, 0, os.SEEK_CUR)))
        if mode == self.LK_NBLCK and self.answer is not None:
            raise OSError(self.answer, "locked")


@pytest.fixture
def windows(monkeypatch):
    def pretend(answer: int | None = None) -> FakeMsvcrt:
        fake = FakeMsvcrt(answer)
        monkeypatch.setattr(oslock, "WINDOWS", True)
        monkeypatch.setitem(sys.modules, "msvcrt", fake)
        return fake

    return pretend


def test_on_windows_one_byte_past_the_note_is_locked_and_unlocked(tmp_path, windows):
    fake = windows()
    with oslock.FileLock(tmp_path / "x.lock", wait_seconds=0):
        assert oslock.read_note(tmp_path / "x.lock")["proces"] == str(os.getpid())
    assert fake.calls == [
        (FakeMsvcrt.LK_NBLCK, oslock.WINDOWS_BYTE),
        (FakeMsvcrt.LK_UNLCK, oslock.WINDOWS_BYTE),
    ]


def test_on_windows_a_held_lock_gets_the_same_wait_and_refusal(tmp_path, windows):
    """Windows waits as long and refuses as Linux does; it never goes on without."""
    fake = windows(errno.EACCES)
    path = tmp_path / ".afrapportering.lock"
    waited = []
    with pytest.raises(oslock.Busy) as refused:
        oslock.FileLock(path, wait_seconds=0.05).acquire(lambda seconds, note: waited.append(1))
    assert refused.value.message == oslock.busy_message(path, None, 0.05)
    assert waited and len(fake.calls) == len(waited) + 1  # one try per poll, then the refusal
    assert {mode for mode, _ in fake.calls} == {FakeMsvcrt.LK_NBLCK}


def test_on_windows_a_drive_without_locks_is_refused(tmp_path, windows):
    windows(errno.EINVAL)
    with pytest.raises(oslock.Unsupported):
        oslock.FileLock(tmp_path / ".afrapportering.lock").acquire()


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(0.2, "1 sekund"), (1, "1 sekund"), (60, "60 sekunder"), (30 * 60, "30 minutter")],
)
def test_the_wait_is_said_in_danish(seconds, said):
    assert oslock.duration(seconds) == said


# --- the output folder ------------------------------------------------------------


@pytest.mark.slow  # starts a holder process
def test_an_output_folder_held_by_another_run_stops_this_one_with_nothing_moved(
    tmp_path, holder, monkeypatch
):
    monkeypatch.setattr(output, "FOLDER_WAIT_SECONDS", 0.3)
    report = tmp_path / "Afrapportering_2023.docx"
    report.write_text("the previous report", encoding="utf-8")
    other = holder(tmp_path / output.LOCK, "lægger filer på plads")
    with pytest.raises(CannotContinue) as refused:
        output.publish(report, lambda path: path.write_text("new", encoding="utf-8"))
    assert refused.value.message == oslock.busy_message(tmp_path / output.LOCK, str(other.pid), 0.3)
    assert report.read_text(encoding="utf-8") == "the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".afrapportering.lock", report.name]


def test_the_output_folder_is_free_again_after_a_run(tmp_path):
    report = tmp_path / "Afrapportering_2023.docx"
    output.publish(report, lambda path: path.write_text("one", encoding="utf-8"))
    with oslock.FileLock(tmp_path / output.LOCK, wait_seconds=0):
        pass  # taken at once: the run let go
    assert report.read_text(encoding="utf-8") == "one"


# --- one implementation -------------------------------------------------------------


def test_the_install_and_the_output_folder_take_the_same_lock():
    """The bootstrap loads this very file; the output folder imports it."""
    spec = importlib.util.spec_from_file_location(
        "bootstrap_for_lock", ROOT / "generator" / "bootstrap.py"
    )
    bootstrap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bootstrap)
    assert Path(bootstrap.oslock.__file__) == MODULE
    assert isinstance(bootstrap.OneAtATime(ROOT).lock, bootstrap.oslock.FileLock)
    assert output.FileLock is oslock.FileLock


def test_no_other_module_locks_files_itself():
    """``flock`` and ``msvcrt.locking`` are called in ``core/oslock.py`` only."""
    callers = []
    for path in modules():
        for node in walked(path):
            if isinstance(node, ast.Attribute) and node.attr in ("flock", "locking", "lockf"):
                callers.append(path.relative_to(ROOT).as_posix())
    assert set(callers) == {"generator/core/oslock.py"}
