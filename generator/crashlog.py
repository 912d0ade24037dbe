"""Unexpected failures: the details go to a log file, never a traceback on screen."""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from . import __version__

LOG_NAME = "aarsrapport-fejllog.txt"


def log_crash(exc: BaseException, folder: Path) -> Path:
    """Append the traceback to the log in ``folder`` (or the temp folder) and return its path."""
    text = (
        f"--- {datetime.now():%Y-%m-%d %H:%M:%S} aarsrapport {__version__} "
        f"Python {platform.python_version()} {platform.platform()}\n"
        f"argv: {sys.argv}\n" + "".join(traceback.format_exception(exc))
    )
    for target in (folder, Path.home()):
        try:
            target.mkdir(parents=True, exist_ok=True)
            path = target / LOG_NAME
            with path.open("a", encoding="utf-8") as log:
                log.write(text + "\n")
            return path
        except OSError:
            continue
    return Path(LOG_NAME)
