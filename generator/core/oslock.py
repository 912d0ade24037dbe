"""One operating-system lock on a file: for the install and for the output folder.

The launcher's bootstrap holds ``.afrapportering.lock`` in the program's folder
while it installs and runs; a run holds ``.afrapportering.lock`` in the output
folder while it moves the previous report aside and places the new one. Both
take this lock, the same way on every system: ``fcntl.flock`` on Linux and
macOS, ``msvcrt.locking`` on Windows (one byte far past the note, so a waiting
window can still read who holds it). The operating system releases it when its
holder ends in any way, killed included, so a stale lock cannot outlive its
process.

A lock that another process holds is waited for, polling, for a bounded time;
then ``Busy`` says in Danish which process holds which folder. A file system
that takes no locks at all is ``Unsupported``, also in Danish. In no case does
the caller go on without the lock.

The holder writes a short note into the file (``proces: …`` and what it is
doing), which the waiting side reads for its messages.

STANDARD LIBRARY ONLY, and parseable by old Python 3 versions: ``bootstrap.py``
loads this file by its path, before any dependency is installed.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

POLL_SECONDS = 0.2
WINDOWS = os.name == "nt"
# Windows locks byte ranges, and a locked byte cannot be read: lock one far past the note.
WINDOWS_BYTE = 1 << 20
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a planted link is refused, not followed
# msvcrt.locking's answers when another process holds the byte.
HELD_ELSEWHERE = (errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK), errno.EAGAIN)


class Busy(Exception):
    """Another process held the lock for all of the wait."""

    def __init__(self, path: Path, pid: str | None, seconds: float) -> None:
        super().__init__(busy_message(path, pid, seconds))
        self.path = path
        self.pid = pid
        self.message = str(self)


class Unsupported(Exception):
    """The file system the lock file is on takes no locks."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(
            f"Mappen {path.parent} ligger på et drev, der ikke kan låse filer "
            f"({error.strerror or error}), så programmet kan ikke sikre, at to vinduer "
            "ikke arbejder i den på samme tid. Kopiér programmets mappe til en mappe på "
            "computerens eget drev (fx Dokumenter), og prøv igen derfra."
        )
        self.path = path
        self.message = str(self)


def busy_message(path: Path, pid: str | None, seconds: float) -> str:
    """The one Danish refusal after the wait, on every system."""
    who = f"et andet vindue (proces {pid})" if pid else "et andet vindue"
    return (
        f"Programmet er stadig i gang i {who} efter {duration(seconds)}: det har låst "
        f"mappen {path.parent} (filen {path.name}). Se efter det andet vindue, lad det "
        "blive færdigt eller luk det, og prøv igen."
    )


def duration(seconds: float) -> str:
    """``30 minutter``, ``1 minut``, ``45 sekunder``, ``1 sekund`` (rounded up)."""
    if seconds >= 120:
        minutes = round(seconds / 60)
        return f"{minutes} minutter"
    whole = max(1, math.ceil(seconds))
    return "1 sekund" if whole == 1 else f"{whole} sekunder"


def read_note(path: Path) -> dict[str, str]:
    """The holder's note (``proces``, ``tilstand``); empty when there is none."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    note = {}
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if sep:
            note[key.strip()] = value.strip()
    return note


class FileLock:
    """The lock on ``path``, a file the lock creates when missing.

    ``acquire`` waits at most ``wait_seconds`` and raises ``Busy`` after it,
    calling ``waiting(seconds_waited, note)`` at each poll meanwhile. As a
    context manager it holds the lock for the block (with the wait given)."""

    def __init__(self, path: Path, wait_seconds: float = 60.0) -> None:
        self.path = Path(path)
        self.wait_seconds = wait_seconds
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    def acquire(
        self, waiting: Callable[[float, dict[str, str]], None] | None = None, state: str = "starter"
    ) -> None:
        """Take the lock, waiting for another holder at most ``self.wait_seconds``, and
        note ``state`` for whoever waits next."""
        fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o644)
        started = time.monotonic()
        try:
            while not _try_lock(fd, self.path):
                waited = time.monotonic() - started
                if waited >= self.wait_seconds:
                    raise Busy(self.path, read_note(self.path).get("proces"), self.wait_seconds)
                if waiting is not None:
                    waiting(waited, read_note(self.path))
                time.sleep(min(POLL_SECONDS, max(0.0, self.wait_seconds - waited)))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self.note(state)

    def note(self, state: str) -> None:
        """Tell a waiting window who holds the lock and what it is doing."""
        if self._fd is None:
            return
        text = f"proces: {os.getpid()}\ntilstand: {state}\n".encode()
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.ftruncate(self._fd, 0)
        os.write(self._fd, text)

    def release(self) -> None:
        """Let go of the lock (and clear the note, so no stale one is misread)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            if WINDOWS:  # Windows asks for an explicit unlock before the close
                msvcrt = _msvcrt()
                os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)
                with contextlib.suppress(OSError):
                    msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        finally:
            os.close(fd)  # closing releases the lock too (and so does dying)


def _msvcrt() -> Any:
    """Windows' msvcrt, imported by name: typeshed declares its functions for win32
    only, and ``WINDOWS`` is what decides here (a test sets it on any system)."""
    return importlib.import_module("msvcrt")


def _try_lock(fd: int, path: Path) -> bool:
    """One attempt, never blocking: True when taken, False while another holds it."""
    if WINDOWS:
        msvcrt = _msvcrt()
        os.lseek(fd, WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in HELD_ELSEWHERE:
                return False
            raise Unsupported(path, error) from error
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as error:  # ENOLCK, EOPNOTSUPP: a file system without locks
        raise Unsupported(path, error) from error
    return True
