"""Write stage: put a finished file in place without ever losing the one before.

The report is written to a temporary file beside the target and renamed into
place, so a crash or a kill mid-write leaves the previous report whole (a
rename within one folder is atomic). An existing report is first kept in
``tidligere/`` with a timestamp: the author may have polished it in Word, and
overwriting it silently would throw that work away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
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
    """Call ``write`` on a temporary path, then put it in place at ``target``.

    The previous file is kept in ``tidligere/`` (a hard link, so at no moment
    is ``target`` missing), then the new file replaces it in one atomic
    rename. Returns the target and the kept copy of the previous file (or None).
    """
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CannotContinue(f"Outputmappen {folder} kan ikke oprettes ({exc.strerror}).") from exc
    _remove_leftovers(target)
    temporary = folder / f".{target.stem}.{os.getpid()}.tmp{target.suffix}"
    try:
        write(temporary)
        kept = _keep_previous(target, now or datetime.now())
        try:
            os.replace(temporary, target)
        except PermissionError as exc:
            if kept is not None:
                kept.unlink()  # the old report is still in place; no copy is needed
            raise _locked(target) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return target, kept


def _remove_leftovers(target: Path) -> None:
    """Temporary files of a run that was killed mid-write are removed by the next run."""
    for leftover in target.parent.glob(f".{target.stem}.*.tmp{target.suffix}"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _keep_previous(target: Path, now: datetime) -> Path | None:
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
        os.link(target, destination)
    except PermissionError as exc:
        raise _locked(target) from exc
    except OSError:
        shutil.copy2(target, destination)  # a file system without hard links
    return destination
