"""Unexpected failures: the details go to a log file, never a traceback on screen."""

from __future__ import annotations

import contextlib
import os
import platform
import stat
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

from .. import __version__

LOG_NAME = "Afrapportering-fejllog.txt"
# Never through a symbolic link: a planted link would make the log append
# into whatever file it points at. Where O_NOFOLLOW is missing (Windows),
# the link is looked for before opening.
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | NOFOLLOW | getattr(os, "O_NONBLOCK", 0)


def log_crash(exc: BaseException, folder: Path) -> Path | None:
    """Append the traceback to the log in ``folder`` (else the home or temp folder).

    Returns where it went, or None when no place would take it.
    """
    text = (
        f"--- {datetime.now():%Y-%m-%d %H:%M:%S} Afrapportering {__version__} "
        f"Python {platform.python_version()} {platform.platform()}\n"
        f"argv: {sys.argv}\n" + "".join(traceback.format_exception(exc)) + "\n"
    )
    for place in (folder, _home(), Path(tempfile.gettempdir())):
        if place is None:
            continue
        path = place / LOG_NAME
        if _append(path, text):
            return path
    return None


def _home() -> Path | None:
    """The home folder, if the system knows one (a user with neither HOME nor an
    entry in the password file has none)."""
    try:
        return Path.home()
    except (RuntimeError, KeyError, OSError):
        return None


def _append(path: Path, text: str) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            return False
        handle = os.open(path, FLAGS, 0o644)
    except OSError:  # among them ELOOP: the name is a symbolic link
        return False
    try:
        # Only an ordinary file: a FIFO or a device in its place is refused too.
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return False
        with os.fdopen(handle, "a", encoding="utf-8", closefd=False) as log:
            log.write(text)
        return True
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.close(handle)
