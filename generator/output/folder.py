"""Write stage: ``output/`` holds only what is current, and nothing is silently lost.

A run's files are first written under temporary names beside their targets.
Only when every one of them is complete are the previous files of the same
report (docx, appendix, PDF) moved to ``tidligere/`` together, named by when
they were made, and the new ones renamed into place (a rename within one
folder is atomic). A fault before that point leaves ``output/`` as it was.

Every file placed here is fingerprinted (SHA-256) in a small manifest, so a
report edited in Word after it was made is recognised when it is moved aside:
the author is told where those edits went instead of finding them gone.

Error reports are replaced, never archived: they describe data that has
since been corrected, and a pile of them in ``tidligere/`` only misleads.

Every fault of the folder itself (read-only, full, a file where a folder
belongs, a file open in Word) becomes a Danish ``CannotContinue`` naming the
folder or file and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..core.os_errors import reason
from ..core.oslock import Busy, FileLock, Unsupported
from ..core.problems import CannotContinue
from ..core.scratch import abandoned, current_run_folder, inside, remove_leftovers, temporary_name
from .office_files import OWN_PIPE, SOCKET_FOLDERS, profiles_in, remove_socket, remove_sockets

ARCHIVE = "tidligere"
MANIFEST = ".afrapportering.json"
LOCK = ".afrapportering.lock"
# Another run places its files in milliseconds; one that holds the folder for a minute
# is stuck (a network drive that stopped answering), and this one says so.
FOLDER_WAIT_SECONDS = 60.0
STAMP = "%Y-%m-%d_%H%M%S"
# Word's owner file beside a document it has open: "~$" and the name, its first
# characters dropped for a long name ("~$rapportering_2023.docx").
LOCK_PREFIX = "~$"

Writer = Callable[[Path], None]


@dataclass
class Moved:
    """A previous file, now kept in ``tidligere/``."""

    original: Path
    kept: Path
    edited: bool | None  # True: differs from what the program wrote; None: no fingerprint


@dataclass
class Published:
    placed: list[Path] = field(default_factory=list)
    moved: list[Moved] = field(default_factory=list)


class PartlyPublished(CannotContinue):
    """Some of the new files are in place and some are not; ``published`` says which."""

    def __init__(self, message: str, published: Published, missing: list[Path]) -> None:
        super().__init__(message)
        self.published = published
        self.missing = missing


# --- the public operations --------------------------------------------------------------


def publish_set(
    writers: Mapping[Path, Writer],
    retire: Sequence[Path] = (),
    now: datetime | None = None,
    reported: Mapping[int, Mapping[str, str]] | None = None,
) -> Published:
    """Write every target of one report, then put them in place together.

    ``writers`` maps each target (all in one folder) to a function writing
    its content at a given path. ``retire`` names files of the same report
    that this run does not make again (the PDF): they are moved aside with
    the rest, so nothing older stands beside the new files. ``reported`` are the
    headline figures the report tells for its year, kept in the manifest beside it
    (``read_reported``), so a later report can tell when they have changed.
    """
    now = now or datetime.now()
    targets = list(writers)
    folder = targets[0].parent
    with run_folder(folder):
        refuse_open([*targets, *retire])
        temporaries: dict[Path, Path] = {}
        try:
            for target, write in writers.items():
                temporaries[target] = _write_temporary(target, write)
            with _locked_folder(folder):
                manifest = _read_manifest(folder)
                moved = _move_aside([*targets, *retire], manifest, folder)
                published = Published(moved=moved)
                try:
                    _place(temporaries, published, moved)
                finally:  # also what a partly placed set did place: no false "edited" next time
                    reported_now = reported if published.placed else None
                    _record(folder, manifest, published, now, reported_now)
        finally:
            for temporary in temporaries.values():
                with contextlib.suppress(OSError):
                    temporary.unlink()
    return published


def publish(target: Path, write: Writer, now: datetime | None = None) -> tuple[Path, Path | None]:
    """One file on its own (the PDF): as ``publish_set``; returns it and its kept predecessor."""
    published = publish_set({target: write}, now=now)
    kept = next((m.kept for m in published.moved if m.original == target), None)
    return target, kept


def replace_file(target: Path, write: Writer) -> Path:
    """Write ``target`` anew without keeping the old one (the error report)."""
    with run_folder(target.parent):
        refuse_open([target])
        temporary = _write_temporary(target, write)
        try:
            _rename(temporary, target)
        except OSError as exc:
            raise _fault(exc, target, existing=True) from exc
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
    return target


def discard(target: Path, archived_pattern: str | None = None) -> list[Path]:
    """Remove ``target`` (and kept copies in ``tidligere/`` matching ``archived_pattern``).

    Returns what was removed; raises ``CannotContinue`` when the file is there
    but cannot be removed.
    """
    removed = []
    candidates = [target]
    if archived_pattern:
        archive = target.parent / ARCHIVE
        with contextlib.suppress(OSError):
            candidates += sorted(
                path for path in archive.iterdir() if re.fullmatch(archived_pattern, path.name)
            )
    for path in candidates:
        try:
            path.unlink()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as exc:
            raise _fault(exc, path, existing=True, removing=True) from exc
        removed.append(path)
    return removed


def refuse_open(targets: Sequence[Path]) -> None:
    """A file to be replaced that Word (or LibreOffice) has open stops the run before
    anything is written: Word keeps an owner file beside it while it is open."""
    for target in targets:
        for lock in _lock_files(target):
            if lock.exists():
                program = "LibreOffice" if lock.name.startswith(".~lock.") else "Word"
                raise CannotContinue(
                    f"{target.name} i mappen {target.parent} er åben i {program} (filen "
                    f"{lock.name} ligger ved siden af den). Luk rapporten i {program}, og kør "
                    f"igen. Er den ikke åben, så slet {lock.name}, som {program} har "
                    "efterladt."
                )


def _lock_files(target: Path) -> list[Path]:
    # Word drops one or two of the first characters of a long name; LibreOffice
    # has a lock file of its own.
    names = {f"{LOCK_PREFIX}{target.name[cut:]}" for cut in (0, 1, 2)}
    return [target.with_name(name) for name in sorted(names)] + [
        target.with_name(f".~lock.{target.name}#")
    ]


@contextlib.contextmanager
def run_folder(folder: Path) -> Iterator[Path]:
    """One hidden folder in ``folder`` for everything a run writes on its way (the
    charts, the appendix writer's and LibreOffice's temporary files), removed on
    every way out; what a killed run left is removed by the next (``TEMPORARY``).

    While it is open, ``scratch`` makes its folders here, so nothing with the
    author's data is written to the system's temporary folder."""
    current = current_run_folder()
    if current is not None and current.parent == folder.absolute():  # a step of a run
        yield current
        return
    folder = _ready_folder(folder)
    _remove_leftovers(folder)
    path = folder.absolute() / temporary_name()  # absolute: LibreOffice takes it as a URL
    try:
        path.mkdir(mode=0o700)
    except OSError as exc:
        raise _fault(exc, path, creating=True) from exc
    try:
        with inside(path):
            yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def fingerprint(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a file system error while writing ``path`` into a Danish message.

    Writers built on zipfile (python-docx, openpyxl, XlsxWriter) leave the
    archive open when a write fails; its finaliser then tries to finish it
    on the same full disk and Python prints "Exception ignored in ZipFile.
    __del__" on the console. The frames of the failure are cleared and
    collected here, quietly, before the message is raised.
    """
    try:
        yield
    except Exception as exc:
        cause = _system_error(exc)
        if cause is None:
            raise
        _finalise_quietly(exc)
        raise _fault(cause, path) from exc


def _system_error(exc: BaseException) -> OSError | None:
    """The file system error behind ``exc``: itself, or one a library wrapped
    (XlsxWriter raises ``FileCreateError(OSError)`` for a full disk)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError):
            return current
        wrapped = next((arg for arg in current.args if isinstance(arg, OSError)), None)
        if wrapped is not None:
            return wrapped
        current = current.__cause__ or current.__context__
    return None


# --- the steps ----------------------------------------------------------------------------


def _ready_folder(folder: Path) -> Path:
    try:
        is_file = folder.exists() and not folder.is_dir()
    except OSError as exc:  # a path too long, or out of reach: exists() raises then
        raise _fault(exc, folder, creating=True) from exc
    if is_file:
        raise CannotContinue(
            f"Outputmappen {folder} er en fil, ikke en mappe. Flyt eller omdøb filen, så "
            "programmet kan lave mappen, og kør igen."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        raise CannotContinue(
            f"Outputmappen {folder} kan ikke oprettes, fordi en del af stien er en fil. "
            "Flyt eller omdøb den fil, og kør igen."
        ) from exc
    except OSError as exc:
        raise _fault(exc, folder, creating=True) from exc
    _check_renames(folder)
    return folder


FS_IOC_GETFLAGS = 0x80086601  # Linux: a file's attributes (chattr)
FS_APPEND_OR_IMMUTABLE = 0x20 | 0x10


def _check_renames(folder: Path) -> None:
    """A folder that takes new files but refuses to rename or remove them (Linux's
    append-only attribute, a share that grants "create" only) would keep every
    temporary file: found out before anything with the author's data is written."""
    if _append_only(folder):
        raise _no_renames(folder)
    probe = folder / temporary_name()
    try:
        probe.mkdir()
    except OSError:
        return  # the writes themselves will say what is wrong with the folder
    moved = probe.with_name(temporary_name())
    try:
        os.rename(probe, moved)
    except OSError as exc:
        with contextlib.suppress(OSError):
            probe.rmdir()
        raise _no_renames(folder) from exc
    with contextlib.suppress(OSError):
        moved.rmdir()


def _append_only(folder: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    import array
    import fcntl

    flags = array.array("l", [0])
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return False
    try:
        fcntl.ioctl(handle, FS_IOC_GETFLAGS, flags, True)
    except OSError:  # a file system without attributes
        return False
    finally:
        os.close(handle)
    return bool(flags[0] & FS_APPEND_OR_IMMUTABLE)


def _no_renames(folder: Path) -> CannotContinue:
    return CannotContinue(
        f"Mappen {folder} tillader at lave nye filer, men ikke at omdøbe eller slette dem. "
        "Det skal programmet kunne for at lægge rapporten på plads uden at efterlade "
        "halve filer. Giv dig selv fuld adgang til mappen, eller kopiér programmets "
        "mappe til en mappe, du selv kan skrive i (fx Dokumenter), og kør igen derfra."
    )


def _write_temporary(target: Path, write: Writer) -> Path:
    temporary = target.with_name(temporary_name(target.name))
    try:
        with writing(target):
            os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            write(temporary)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def _move_aside(files: Sequence[Path], manifest: dict[str, Any], folder: Path) -> list[Moved]:
    """Move the previous files to ``tidligere/``; on any failure, move them back."""
    present = [path for path in files if path.is_file()]
    if not present:
        return []
    archive = folder / ARCHIVE
    if archive.exists() and not archive.is_dir():
        raise CannotContinue(
            f"{archive} er en fil, ikke en mappe, så den tidligere rapport kan ikke gemmes "
            "dér. Flyt eller omdøb filen og kør igen."
        )
    try:
        archive.mkdir(exist_ok=True)
    except OSError as exc:
        raise _fault(exc, archive, creating=True) from exc
    made = {path: _made(path, manifest) for path in present}
    # Named together, by when the report was made: the appendix and a PDF made
    # from that report carry its time; an older, stray file keeps its own.
    leader = made.get(files[0])
    stamps = {
        path: (leader if leader is not None and when >= leader else when).strftime(STAMP)
        for path, when in made.items()
    }
    names = _free_names(archive, stamps)
    moved: list[Moved] = []
    try:
        for path in present:
            edited = _edited(path, manifest.get(path.name))
            kept = archive / names[path]
            try:
                _rename(path, kept, exclusive=True)
            except FileNotFoundError:  # another run moved it meanwhile
                continue
            except OSError as exc:
                raise _fault(exc, path, existing=True) from exc
            moved.append(Moved(path, kept, edited))
    except BaseException:
        _restore(moved)
        raise
    return moved


def _edited(path: Path, entry: dict[str, Any] | None) -> bool | None:
    if entry is None:
        return None
    try:
        return fingerprint(path) != entry.get("sha256")
    except OSError:  # unreadable just now: better no claim than a wrong one
        return None


def _free_names(archive: Path, stamps: Mapping[Path, str]) -> dict[Path, str]:
    """The kept names, numbered alike when a file of that time is kept already."""
    counter = 1
    while True:
        suffix = "" if counter == 1 else f"_{counter}"
        names = {p: f"{p.stem}_{stamp}{suffix}{p.suffix}" for p, stamp in stamps.items()}
        if not any((archive / name).exists() for name in names.values()):
            return names
        counter += 1


def _place(temporaries: Mapping[Path, Path], published: Published, moved: list[Moved]) -> None:
    """Rename the new files into place; before the first is placed, a failure undoes all."""
    for target, temporary in temporaries.items():
        try:
            _rename(temporary, target)
        except OSError as exc:
            fault = _fault(exc, target, existing=True)
            if not published.placed:
                _restore(moved)
                raise fault from exc
            missing = [t for t in temporaries if t not in published.placed]
            raise PartlyPublished(
                _partly_message(published, missing, fault.message), published, missing
            ) from exc
        published.placed.append(target)


def _partly_message(published: Published, missing: list[Path], reason: str) -> str:
    written = ", ".join(str(path) for path in published.placed)
    lacking = ", ".join(path.name for path in missing)
    kept = [m.kept for m in published.moved if m.original in missing]
    message = f"{written} ER skrevet, men {lacking} er ikke: {reason}"
    if kept:
        message += (
            " Den tidligere udgave er flyttet til "
            + ", ".join(str(path) for path in kept)
            + ", så intet forældet står ved siden af den nye rapport."
        )
    return message + " Kør programmet igen for at få alle filerne."


def _restore(moved: list[Moved]) -> None:
    for item in reversed(moved):
        with contextlib.suppress(OSError):
            _rename(item.kept, item.original, exclusive=True)
    moved.clear()


def _rename(source: Path, destination: Path, exclusive: bool = False) -> None:
    """``os.replace``; on Windows a virus scanner may hold a fresh file for a moment."""
    if exclusive and destination.exists():
        raise FileExistsError(errno.EEXIST, "exists", str(destination))
    attempts = 5 if sys.platform == "win32" else 1
    for attempt in range(attempts):
        try:
            os.replace(source, destination)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2)


# --- the manifest of fingerprints -------------------------------------------------------


def _read_manifest(folder: Path) -> dict[str, Any]:
    """``{file name: {"sha256": …, "made": ISO time}}``; missing or broken means empty."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {name: entry for name, entry in files.items() if isinstance(entry, dict)}


def _made(path: Path, manifest: dict[str, Any]) -> datetime:
    entry = manifest.get(path.name)
    if entry is not None:
        with contextlib.suppress(TypeError, ValueError):
            return datetime.fromisoformat(entry["made"])
    return datetime.fromtimestamp(path.stat().st_mtime)


def read_reported(folder: Path) -> dict[int, dict[str, str]]:
    """The headline figures each earlier report told for its year, by year; a
    missing or broken manifest (or entry) gives nothing, never an error."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        reported = data.get("reported", {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(reported, dict):
        return {}
    found = {}
    for year, figures in reported.items():
        if str(year).isdigit() and isinstance(figures, dict):
            found[int(year)] = {str(k): str(v) for k, v in figures.items()}
    return found


def _record(
    folder: Path,
    manifest: dict[str, Any],
    published: Published,
    now: datetime,
    reported: Mapping[int, Mapping[str, str]] | None = None,
) -> None:
    """Best effort: a manifest that cannot be written only means that the next
    run cannot tell an edited report from an untouched one, and says so."""
    for target in published.placed:
        with contextlib.suppress(OSError):
            manifest[target.name] = {"sha256": fingerprint(target), "made": now.isoformat()}
    files = {name: entry for name, entry in sorted(manifest.items()) if (folder / name).is_file()}
    figures = {str(year): dict(values) for year, values in read_reported(folder).items()}
    for year, values in (reported or {}).items():
        figures[str(year)] = {**values, "made": now.isoformat()}
    content: dict[str, Any] = {"format": 1, "files": files}
    if figures:
        content["reported"] = dict(sorted(figures.items()))
    text = json.dumps(content, ensure_ascii=False, indent=1)
    temporary = folder / temporary_name("afrapportering.json")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / MANIFEST)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


@contextlib.contextmanager
def _locked_folder(folder: Path) -> Iterator[None]:
    """Runs on one folder take turns to move and place files (a few milliseconds each).

    The program's one lock (``core/oslock.py``, also the install's): the operating
    system drops it when a run dies, so none is left behind. A run that does not get
    it within ``FOLDER_WAIT_SECONDS``, or a folder whose drive takes no locks, stops
    with a Danish message before anything is moved; none goes on without the lock.
    """
    lock = FileLock(folder / LOCK, FOLDER_WAIT_SECONDS)
    try:
        lock.acquire(state="lægger filer på plads")
    except (Busy, Unsupported) as refused:
        raise CannotContinue(refused.message) from refused
    except OSError as exc:
        raise _fault(exc, folder / LOCK) from exc
    try:
        yield
    finally:
        lock.release()


# --- leftovers of runs that died mid-write ------------------------------------------------


def _remove_leftovers(folder: Path) -> None:
    """Temporary files and folders of a run that was killed are removed, never those of
    a living run, and never anything whose name does not prove it is this program's:
    in the output folder, and in the system's temporary folder."""
    remove_leftovers(folder, before_removing=_remove_profile_sockets)
    remove_leftovers(
        Path(tempfile.gettempdir()), hidden=False, before_removing=_remove_profile_sockets
    )
    _remove_office_sockets()


def _remove_profile_sockets(path: Path) -> None:
    """The sockets of an office killed with the run whose folder ``path`` was."""
    for profile in profiles_in(path):
        remove_sockets(profile)


def _remove_office_sockets() -> None:
    """The connection sockets of offices whose runs are dead (``office_files``)."""
    if os.name != "posix":
        return
    for folder in SOCKET_FOLDERS:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = OWN_PIPE.fullmatch(entry.name)
            if match is None:
                continue
            pid, host = int(match.group("pid")), match.group("host")
            with contextlib.suppress(OSError):
                if abandoned(entry, host, pid):
                    remove_socket(Path(entry.path))


# --- faults -----------------------------------------------------------------------------


PROGRAMS = {".docx": "Word", ".xlsx": "Excel", ".pdf": "PDF-læseren"}


def _fault(
    exc: OSError, path: Path, existing: bool = False, creating: bool = False, removing: bool = False
) -> CannotContinue:
    """A Danish message for a file system error at ``path``, saying what to do."""
    folder = path if creating else path.parent
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)) or (
        getattr(exc, "winerror", None) == 112  # ERROR_DISK_FULL
    ):
        what = f"at oprette mappen {path}" if creating else f"{path.name} i mappen {folder}"
        return CannotContinue(
            f"Der er ikke plads på drevet til {what}. Frigør plads (slet eller flyt fx "
            f"gamle filer i {path.parent if creating else folder / ARCHIVE}), og kør igen."
        )
    if code == errno.ENAMETOOLONG or getattr(exc, "winerror", None) == 206:
        what = (
            f"Mappen {path} kan ikke oprettes"
            if creating
            else (f"{path.name} kan ikke skrives i mappen {folder}")
        )
        return CannotContinue(
            f"{what}: stien er for lang ({len(str(path))} tegn). Flyt programmets mappe "
            "højere op (fx direkte under C:\\), og kør igen derfra."
        )
    if code == errno.EROFS:
        return CannotContinue(
            f"Mappen {folder} ligger på et drev, der kun kan læses, så {path.name} kan ikke "
            "skrives. Kopiér programmets mappe til en mappe, du selv kan skrive i (fx "
            "Dokumenter), og kør igen derfra."
        )
    if isinstance(exc, PermissionError) and existing:
        program = PROGRAMS.get(path.suffix.lower(), "det program, den er åben i")
        return CannotContinue(
            f"{path.name} i mappen {folder} kan ikke "
            f"{'slettes' if removing else 'erstattes'}: den er åben i et andet program "
            f"(fx {program}) eller skrivebeskyttet. Luk {path.name} i {program} og prøv igen."
        )
    if isinstance(exc, PermissionError):
        what = "oprettes" if creating else "skrives i"
        return CannotContinue(
            f"Mappen {folder} kan ikke {what}: du har ikke skriveadgang (eller mappen er "
            "skrivebeskyttet). Giv dig selv skriveadgang til mappen, eller "
            "kopiér programmets mappe til en mappe, du selv kan skrive i (fx Dokumenter), og "
            "kør igen derfra."
        )
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return CannotContinue(
            f"{path} kan ikke skrives, fordi en del af stien er en fil, ikke en mappe. "
            "Flyt eller omdøb den fil, og kør igen."
        )
    return CannotContinue(
        f"{path.name} kunne ikke skrives i mappen {folder}: {reason(exc)}. Tjek at "
        "drevet er tilsluttet og har plads, og kør igen."
    )


def _finalise_quietly(exc: BaseException) -> None:
    """Close what a failed writer left open, now and without a word on the console."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None  # before the frames go: their finalisers run at once
    try:
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            traceback.clear_frames(current.__traceback__)
            current = current.__context__
        gc.collect()
    finally:
        sys.unraisablehook = hook
