"""LibreOffice as the layout engine: page numbers for the table of contents, and
``lav --pdf``.

Only a layout engine knows on which page a heading lands. Where LibreOffice is
installed, ``uno_bridge.py`` (a script run by a Python that has LibreOffice's
``uno`` module) opens the report headless, updates its indexes, reads the
table of contents with page numbers and, for ``--pdf``, exports the updated
document. Without LibreOffice the report keeps a table of contents of
headings without page numbers, and ``--pdf`` says how to make the PDF in Word.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..core.os_errors import reason
from ..core.scratch import HOST, scratch
from .folder import publish, run_folder
from .office_files import pipe_name, remove_sockets

WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
BRIDGE = Path(__file__).with_name("uno_bridge.py")
NO_UNO = 3  # the bridge's exit code when its Python has no uno module
WAIT_FOR_REPORT = "-"  # for the report's path: the bridge reads it on its standard input
# One limit for all of a run's work in LibreOffice together (the page numbers,
# then the PDF): what is left of it when a step begins is that step's limit.
LIMIT_ENV = "AFRAPPORTERING_LIBREOFFICE_SEKUNDER"
DEFAULT_LIMIT_SECONDS = 120.0
STOP_GRACE_SECONDS = 5  # for the bridge to end its office and go, once asked to
# Told to the bridge: where the office's profile goes, and the connection's name.
PROFILE_ENV, PIPE_ENV = "AFRAPPORTERING_LO_PROFIL", "AFRAPPORTERING_LO_PIPE"
# Set to 1 to leave the page numbers out of the table of contents (the
# benchmark does: it measures the program, not LibreOffice's start-up).
SKIP_PAGE_NUMBERS = "AFRAPPORTERING_UDEN_SIDETAL"

TocEntry = tuple[str, int]  # heading text, page number

# The PDF export's options, as uno_bridge.PDF_EXPORT_OPTIONS (a test holds the two
# alike): tagged PDF/UA, the document's title in the window, headings as bookmarks.
PDF_EXPORT_OPTIONS = (
    ("UseTaggedPDF", True),
    ("PDFUACompliance", True),
    ("DisplayPDFDocumentTitle", True),
    ("ExportBookmarks", True),
)


def convert_to_argument() -> str:
    """``--convert-to``'s value with the export options, in the JSON form
    LibreOffice (7.4 and newer) reads after the filter's name."""
    options = {
        name: {"type": "boolean", "value": "true" if value else "false"}
        for name, value in PDF_EXPORT_OPTIONS
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


class NoConverter(Exception):
    """No PDF could be made; the message says why, in Danish."""


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in (*WINDOWS_PLACES, MAC_PLACE):
        if os.path.isfile(place):
            return place
    return None


def uno_pythons(soffice: str) -> list[str]:
    """Pythons that may have LibreOffice's ``uno`` module, the likeliest first.

    LibreOffice for Windows and macOS brings its own Python; on Linux the
    distribution's ``python3`` has it (package python3-uno), while a virtual
    environment's usually does not.
    """
    program = Path(os.path.realpath(soffice)).parent
    candidates = [
        program / "python.exe",
        program / "python",
        program.parent / "Resources" / "python",  # macOS: Contents/MacOS/soffice
        Path("/usr/bin/python3"),
        Path(sys.executable),
    ]
    found = shutil.which("python3")
    if found:
        candidates.append(Path(found))
    unique = dict.fromkeys(str(c) for c in candidates if os.path.isfile(c))  # False if unreadable
    return list(unique)


def page_numbers_wanted() -> bool:
    return os.environ.get(SKIP_PAGE_NUMBERS, "") not in ("1", "ja", "true")


class _Budget:
    """What is left of the run's time for LibreOffice (``LIMIT_ENV``)."""

    def __init__(self) -> None:
        self.deadline: float | None = None

    def reset(self) -> None:
        """A new run (``pipeline.make``): its limit starts with its first LibreOffice step."""
        self.deadline = None

    def left(self) -> float:
        if self.deadline is None:
            self.deadline = time.monotonic() + limit_seconds()
        return max(0.0, self.deadline - time.monotonic())


BUDGET = _Budget()


def limit_seconds() -> float:
    try:
        seconds = float(os.environ.get(LIMIT_ENV, DEFAULT_LIMIT_SECONDS))
    except ValueError:
        return DEFAULT_LIMIT_SECONDS
    return seconds if seconds > 0 else DEFAULT_LIMIT_SECONDS


def office_toc(report: Path, pdf: Path | None = None) -> list[TocEntry] | None:
    """Lay ``report`` out in LibreOffice: its table of contents with page numbers.

    With ``pdf``, the laid-out document is also exported there. None when
    LibreOffice or a Python with its bridge is missing, it failed, or the run's
    time for LibreOffice is spent.
    """
    soffice = find_soffice()
    if soffice is None:
        return None
    early = _EARLY.pop() if _EARLY and pdf is None else None
    if early is not None:
        code, output = early.hand_over(report)
        if code != NO_UNO:  # else the started Python had no uno: try them all, as below
            return _toc_of(code, output)
    for python in uno_pythons(soffice):
        code, output = _run_bridge([python, str(BRIDGE), soffice, str(report)], pdf)
        if code == NO_UNO:
            continue
        return _toc_of(code, output)
    return None


def _toc_of(code: int | None, output: str) -> list[TocEntry] | None:
    if code != 0:
        return None
    try:
        return [(str(text), int(page)) for text, page in json.loads(output)["toc"]]
    except (ValueError, KeyError, TypeError):
        return None


class _EarlyBridge:
    """A bridge started with its office before the report is written, waiting on its
    standard input for the report (``early_office``)."""

    def __init__(self, process: subprocess.Popen[str], profile: str, pipe: str) -> None:
        self.process, self.profile, self.pipe = process, profile, pipe
        self.ended = False

    def hand_over(self, report: Path) -> tuple[int | None, str]:
        """Give the bridge ``report`` and wait, within what is left of the run's limit,
        for its table of contents: as ``_run_office``, ``(None, "")`` when it did not
        finish in time. The bridge and its office are ended either way."""
        try:
            seconds = BUDGET.left()
            if seconds <= 1:
                return None, ""
            request = json.dumps({"report": str(report)}) + "\n"
            output, _ = self.process.communicate(request, timeout=seconds)
        except (subprocess.TimeoutExpired, OSError, ValueError):
            return None, ""
        finally:
            self.end()
        return self.process.returncode, output or ""

    def end(self) -> None:
        """Once only: a second ``killpg`` could reach a new group that took the pid."""
        if self.ended:
            return
        self.ended = True
        _end_group(self.process)
        remove_sockets(self.profile, self.pipe)


_EARLY: list[_EarlyBridge] = []  # the run's early bridge, until the report is handed over


@contextlib.contextmanager
def early_office(output: Path) -> Iterator[None]:
    """While open, LibreOffice starts beside the program's own work, so that the page
    numbers' pass (``office_toc``) finds it ready for the report.

    Only where the pass will run (page numbers wanted, LibreOffice found); the
    first of ``uno_pythons`` runs the bridge (should it have no ``uno``, the pass
    tries them all, as without an early start). The run's one limit for
    LibreOffice (``BUDGET``) begins here. The run's folder in ``output``
    (``run_folder``) is opened with it: the office's temporary files, with the
    author's data, go in a folder of it. On every way out (the report handed
    over or not: a fault, Ctrl-C, a closed terminal) the bridge's process group
    is ended, its sockets and its folder removed, as in ``_run_office``."""
    soffice = find_soffice() if page_numbers_wanted() else None
    pythons = uno_pythons(soffice) if soffice is not None else []
    if soffice is None or not pythons:
        yield
        return
    with run_folder(output), _early_bridge(soffice, pythons[0]):
        yield


@contextlib.contextmanager
def _early_bridge(soffice: str, python: str) -> Iterator[None]:
    seconds = BUDGET.left()
    with scratch() as folder:
        profile, pipe, env = _bridge_env(folder, seconds)
        try:
            process = _start_office(
                [python, str(BRIDGE), soffice, WAIT_FOR_REPORT], env, waits=True, capture=True
            )
        except OSError:
            process = None
        early = None if process is None else _EarlyBridge(process, profile, pipe)
        if early is not None:
            _EARLY.append(early)
        try:
            yield
        finally:
            if early is not None:
                with contextlib.suppress(ValueError):
                    _EARLY.remove(early)
                early.end()


def _run_bridge(command: list[str], pdf: Path | None) -> tuple[int | None, str]:
    """Run the bridge within what is left of the limit, LibreOffice's temporary files,
    profile and socket in a folder of the run (``_run_office``)."""
    seconds = BUDGET.left()
    if seconds <= 1:
        return None, ""
    if pdf is not None:
        command.append(str(pdf))
    with scratch() as folder:
        profile, pipe, env = _bridge_env(folder, seconds)
        try:
            return _run_office(command, env, seconds, profile, pipe, capture=True)
        except OSError:
            return None, ""


def _bridge_env(folder: Path, seconds: float) -> tuple[str, str, dict[str, str]]:
    """The office's profile and pipe in the run's ``folder``, and the bridge's
    environment: those, its time limit and LibreOffice's temporary files there."""
    profile, pipe = (folder / "profil").as_uri(), pipe_name(HOST, secrets.token_hex(4))
    env = {
        **_office_env(folder),
        LIMIT_ENV: f"{max(1.0, seconds - STOP_GRACE_SECONDS):.0f}",
        PROFILE_ENV: profile,
        PIPE_ENV: pipe,
    }
    return profile, pipe, env


def _start_office(
    command: list[str], env: dict[str, str], waits: bool, capture: bool
) -> subprocess.Popen[str]:
    """The bridge or LibreOffice started as the leader of a process group of its own,
    speaking UTF-8; ``waits`` gives it a standard input to be told on (the early
    bridge waits there for the report), ``capture`` a standard output to read."""
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE if waits else subprocess.DEVNULL,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=env,
        **_own_group(),
    )


def _run_office(
    command: list[str],
    env: dict[str, str],
    seconds: float,
    profile: str,
    pipe: str | None = None,
    capture: bool = False,
) -> tuple[int | None, str]:
    """Run the bridge or LibreOffice itself for at most ``seconds``: its exit code and
    (with ``capture``) what it printed, or ``(None, "")`` when it did not finish in
    time. It leads a process group of its own, ended with the office it started on
    every way out (a time-out, Ctrl-C, a closed terminal), and the office's sockets
    are removed. Raises ``OSError`` when it cannot be started."""
    process = _start_office(command, env, waits=False, capture=capture)
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        return None, ""
    finally:
        _end_group(process)
        remove_sockets(profile, pipe)
    return process.returncode, output or ""


def _office_env(folder: Path) -> dict[str, str]:
    """LibreOffice's temporary files (``lu*.tmp``) in the run's folder, not the system's."""
    (folder / "tmp").mkdir(exist_ok=True)
    temporary = str(folder / "tmp")
    return {**os.environ, "TMPDIR": temporary, "TMP": temporary, "TEMP": temporary}


def _own_group() -> dict[str, Any]:
    """The bridge leads a process group of its own, which its office joins."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


GROUP_GONE_SECONDS = 1.0


def _wait_for_group(group: int) -> None:
    """Until the killed group's processes are gone, for at most a second. A signal
    ends a process only when it returns from the kernel: an office that was creating
    its socket in /tmp as the group was killed still creates it, so the sockets are
    removed only after this (a group of orphans init has not reaped yet counts as
    gone when the second is up)."""
    deadline = time.monotonic() + GROUP_GONE_SECONDS
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except OSError:  # no process left in the group
            return
        time.sleep(0.01)


def _end_group(process: subprocess.Popen[Any]) -> None:
    """End the bridge's process group (the bridge, LibreOffice and its children); a
    group already gone is fine. Waits for the bridge so no zombie is left, and when
    it was cut short (on POSIX) for the rest of its group, so the office's sockets
    exist before they are removed."""
    # A bridge that has ended stopped its office itself; one still running was cut
    # short (a signal, a time-out), and its office may be in the middle of its work.
    cut_short = process.poll() is None
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    elif process.poll() is None:  # pragma: no cover - Windows only
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    with contextlib.suppress(subprocess.TimeoutExpired, OSError):
        process.communicate(timeout=STOP_GRACE_SECONDS)
    if cut_short and os.name == "posix":
        _wait_for_group(process.pid)


def convert_to_pdf(report: Path) -> Path:
    """Write ``report`` as PDF in the same folder and return its path.

    The indexes are updated before the export, so the PDF's table of contents
    is filled whatever the docx holds; where no Python has LibreOffice's
    bridge, a plain conversion shows the docx's own table of contents.
    """
    soffice = find_soffice()
    if soffice is None:
        raise NoConverter(
            "Der er ikke lavet en PDF: LibreOffice blev ikke fundet. Installér "
            "LibreOffice, eller gem rapporten som PDF fra Word (Filer › Gem som)."
        )
    with run_folder(report.parent), scratch() as folder:
        converted = folder / f"{report.stem}.pdf"
        if office_toc(report, converted) is None or not converted.is_file():
            _plain_convert(soffice, report, folder)
        if not converted.is_file():
            raise NoConverter(
                "Der er ikke lavet en PDF: LibreOffice skrev ingen fil inden for tiden "
                f"({limit_seconds():.0f} sekunder). Gem rapporten som PDF fra Word."
            )

        # Like the report: an older PDF is moved aside, never overwritten.
        def copy(path: Path) -> None:
            shutil.copyfile(converted, path)

        target, _ = publish(report.with_suffix(".pdf"), copy)
    return target


def _plain_convert(soffice: str, report: Path, folder: Path) -> None:
    # A private profile: a LibreOffice the author has open would otherwise
    # swallow the request, and two runs at once would fight over one profile.
    seconds = BUDGET.left()
    if seconds <= 1:
        return
    profile = (folder / "profil").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_to_argument(),
        "--outdir",
        str(folder),
        str(report),
    ]
    try:
        code, _ = _run_office(command, _office_env(folder), seconds, profile)
    except OSError as exc:
        raise NoConverter(
            f"Der er ikke lavet en PDF: LibreOffice kunne ikke startes ({reason(exc)}). "
            "Gem rapporten som PDF fra Word."
        ) from exc
    if code is None:
        raise NoConverter(
            "Der er ikke lavet en PDF: LibreOffice kunne ikke konvertere rapporten "
            f"(LibreOffice svarede ikke inden for {limit_seconds():.0f} sekunder). Gem den "
            "som PDF fra Word."
        )
