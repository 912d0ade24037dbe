"""The program's temporary files and folders: their names, and the folders of one step.

Every temporary name the program makes carries its prefix, the computer, the
process id and a random token (``temporary_name``), so that what a killed run
left can be told from a living run's files and from the author's, and removed by
the next run (``remove_leftovers``). While a report is written, a run's steps
make their folders in the run's own hidden folder in the output folder
(``inside``, which ``output.folder.run_folder`` opens); otherwise in the
system's temporary folder. Any stage may ask for a folder (``scratch``): the
reader for a workbook's UTF-8 copy, the render for its charts, LibreOffice's
steps for its profile.

STANDARD LIBRARY ONLY.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

# A temporary file whose run may still be alive (or whose run was on another
# computer sharing the folder) is left alone until no run could still be writing it.
STALE_AFTER_SECONDS = 3600
HOST = re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:30] or "pc"
# Every temporary name this program makes: its own prefix, the computer, the pid
# and a random token, then ".tmp" and, for a file, the name it is written for.
# Only a name of exactly this form (or of the older versions' forms below, with
# the report's own file names) is ever removed as a leftover; any other file is
# the author's, however much it looks like a temporary one.
PREFIX = "afrapportering"
OWNER = r"(?P<host>[A-Za-z0-9]{1,30})-(?P<pid>[1-9][0-9]{0,9})-[0-9a-f]{8}"
OWN_FILES = r"(?:Afrapportering|Fejlrapport|Status)_[0-9]{4}(?:-[0-9]{2})?(?:_bilag)?"
TEMPORARY = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\.{PREFIX}-{OWNER}\.tmp(?:\.[^/\\]{{1,200}}\.(?:docx|xlsx|pdf|json))?",
        # version 2.0: ".Afrapportering_2023.pc-123-0a1b2c3d.tmp.docx"
        rf"\.{OWN_FILES}\.{OWNER}\.tmp\.(?:docx|xlsx|pdf)",
        rf"\.afrapportering\.json\.{OWNER}\.tmp",
        # version 1: ".Afrapportering_2023.123.tmp.docx"
        rf"\.{OWN_FILES}\.(?P<pid>[1-9][0-9]{{0,9}})\.tmp\.(?:docx|xlsx)",
    )
)
_RUN_FOLDER: contextvars.ContextVar[Path | None] = contextvars.ContextVar("run", default=None)


@contextlib.contextmanager
def inside(path: Path) -> Iterator[Path]:
    """While open, ``scratch`` makes its folders in ``path`` (a run's folder), and so do
    the libraries that take no folder of their own and write to Python's temporary
    folder (openpyxl's write-only sheets)."""
    token, system = _RUN_FOLDER.set(path), tempfile.tempdir
    tempfile.tempdir = str(path)
    try:
        yield path
    finally:
        tempfile.tempdir = system
        _RUN_FOLDER.reset(token)


def current_run_folder() -> Path | None:
    """The run's folder while ``inside`` is open, else None."""
    return _RUN_FOLDER.get()


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A fresh folder for one step's temporary files, removed afterwards: inside the
    run's folder (``inside``: ``output.folder.run_folder`` while a report is written),
    or else one of the system's temporary folder named so that the next run removes
    it should this one be killed."""
    parent = _RUN_FOLDER.get()
    if parent is None:
        parent = Path(tempfile.gettempdir()).absolute()
        remove_leftovers(parent, hidden=False)
        path = parent / temporary_name()[1:]
    else:
        path = parent / temporary_name()
    path.mkdir(mode=0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def temporary_name(name: str = "") -> str:
    """A name for this run's temporary file (written for ``name``) or folder (no ``name``).

    Unique per run and per file, and carrying host and pid, so that a run's
    leftover cleanup can tell a dead run's file from a living one's, and its
    own files from anyone else's (``TEMPORARY``)."""
    owner = f".{PREFIX}-{HOST}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
    return f"{owner}.{name}" if name else owner


def remove_leftovers(
    folder: Path, hidden: bool = True, before_removing: Callable[[Path], None] | None = None
) -> list[Path]:
    """Remove what dead runs left in ``folder``; return what was removed.

    ``hidden``: the names begin with a dot (the output folder); without it, the
    same names without the dot (the system's temporary folder). Never a link.
    ``before_removing`` is called with each dead run's folder before it goes (the
    output folder's: the sockets of an office killed with the run)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name if hidden else f".{entry.name}"
        match = own_temporary(name)
        if match is None:
            continue
        pid = int(match.group("pid"))
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            host = match.groupdict().get("host")
            if entry.is_symlink() or not abandoned(entry, host, pid):
                continue
            if entry.is_dir(follow_symlinks=False):
                if before_removing is not None:
                    before_removing(path)
                shutil.rmtree(path, ignore_errors=True)
            elif entry.is_file(follow_symlinks=False):
                path.unlink()
            else:
                continue
            removed.append(path)
    return removed


def own_temporary(name: str) -> re.Match[str] | None:
    return next((m for m in (p.fullmatch(name) for p in TEMPORARY) if m), None)


def abandoned(entry: os.DirEntry[str], host: str | None, pid: int) -> bool:
    """Its run is over: on this computer, its pid is not running (and is not ours);
    from another computer, or a pid now running something else, only its age tells."""
    if time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_SECONDS:
        return True
    if host is not None and host != HOST:
        return False  # another computer's run: only its age tells
    return pid != os.getpid() and not _alive(pid)


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _alive_on_windows(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill would end the process on Windows; ask the kernel instead.
    import ctypes

    # windll is Windows' alone (typeshed declares it for win32 only): looked up by name
    kernel = getattr(ctypes, "windll").kernel32  # noqa: B009
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel.CloseHandle(handle)
