"""Write stage: put a finished file in place without ever losing the one before.

The report is written to a temporary file beside the target and renamed into
place, so a crash or a kill mid-write leaves the previous report whole (a
rename within one folder is atomic). An existing report is first moved to
``tidligere/`` with a timestamp: the author may have polished it in Word, and
overwriting it silently would throw that work away.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .problems import CannotContinue

ARCHIVE = "tidligere"


def _locked(target: Path) -> CannotContinue:
    return CannotContinue(
        f"{target.name} er åben i et andet program (fx Word). "
        f"Luk {target.name} i Word og prøv igen."
    )


def publish(
    target: Path, write: Callable[[Path], None], now: datetime | None = None
) -> tuple[Path, Path | None]:
    """Call ``write`` on a temporary path, then move it to ``target``.

    Returns the target and where the previous file went (or None).
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotContinue(f"Outputmappen {folder} kan ikke oprettes ({exc.strerror}).") from exc
    temporary = folder / f".{target.stem}.{os.getpid()}.tmp{target.suffix}"
    try:
        write(temporary)
        moved = _move_aside(target, now or datetime.now())
        try:
            os.replace(temporary, target)
        except PermissionError as exc:
            if moved is not None:
                os.replace(moved, target)  # put the old report back where it was
            raise _locked(target) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return target, moved


def _move_aside(target: Path, now: datetime) -> Path | None:
    if not target.exists():
        return None
    archive = target.parent / ARCHIVE
    archive.mkdir(exist_ok=True)
    stamp = now.strftime("%Y-%m-%d_%H%M%S")
    destination = archive / f"{target.stem}_{stamp}{target.suffix}"
    counter = 2
    while destination.exists():
        destination = archive / f"{target.stem}_{stamp}_{counter}{target.suffix}"
        counter += 1
    try:
        os.replace(target, destination)
    except PermissionError as exc:
        raise _locked(target) from exc
    return destination
