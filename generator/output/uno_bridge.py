"""Lay a report out in LibreOffice: update its indexes, read the table of contents
with page numbers, and optionally export the updated document as PDF.

    python uno_bridge.py SOFFICE REPORT.docx [REPORT.pdf]
    python uno_bridge.py SOFFICE -

Prints one JSON object on standard output: ``{"toc": [[text, page], ...]}``.
With ``-`` the office is started at once and the report named afterwards, in one
line of JSON on standard input (``{"report": path}``), so that LibreOffice starts
while the program still writes the report; at the end of the input without one
(the program stopped, or was killed), the office is shut down and nothing printed.

This file is a script, never imported by the program: it runs under a Python
that has LibreOffice's ``uno`` module (the system ``python3`` on Linux,
LibreOffice's own ``program/python`` on Windows and macOS), which may be an
older Python than the program's. So it uses the standard library only and
nothing newer than Python 3.8. It starts its own headless LibreOffice with a
private profile (an office the author has open is not disturbed, and two runs
do not share one), and always shuts it down again: cleanly, or killed when it
does not answer in time. One limit covers the start and the work together.

Started by the program as the leader of a process group of its own, it keeps
the office in that group, so that the program can end both at once, whatever
happens; its profile and temporary files go where the program's ``TMPDIR``
points (a folder of the run, removed afterwards).
"""

from __future__ import annotations

import os
import sys

# Run as a script, this file's folder (the program's package) comes first on
# sys.path, where a module named like one of the standard library's would win.
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]

import contextlib  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:  # the office started, its streams closed; UNO objects are Any (no types)
    Office = subprocess.Popen[bytes]

NO_UNO = 3  # exit code: this Python has no uno module; the caller tries another
FAILED = 4  # exit code: LibreOffice could not do the work
NOT_NAMED = 5  # exit code: started to wait for a report, none was named
WAIT_FOR_REPORT = "-"  # as the report: it is named on standard input (pdf.WAIT_FOR_REPORT)
LIMIT_SECONDS = float(os.environ.get("AFRAPPORTERING_LIBREOFFICE_SEKUNDER", "120"))
STOP_SECONDS = 10  # for the office to quit once asked, within the limit


def main(argv: list[str]) -> int:
    try:
        import uno  # noqa: F401
    except ImportError:
        return NO_UNO
    soffice, report = argv[0], argv[1]
    pdf = argv[2] if len(argv) > 2 else None
    waits = report == WAIT_FOR_REPORT
    deadline = time.monotonic() + LIMIT_SECONDS
    # The program names the profile (a folder of its run) and the connection, so
    # that it can remove what an office it had to kill leaves in /tmp.
    profile_url = os.environ.get("AFRAPPORTERING_LO_PROFIL")
    profile = tempfile.mkdtemp(prefix="afrapportering-lo-")
    office = None
    try:
        office, desktop = _start(soffice, profile_url or _url(profile), deadline)
        done = threading.Event()
        watchdog = threading.Thread(target=_watch, args=(office, deadline, done), daemon=True)
        watchdog.start()
        if waits:
            report = _named_report()
            if not report:
                done.set()
                _stop(office, desktop)
                return NOT_NAMED
        toc = _lay_out(desktop, report, pdf)
        done.set()
        print(json.dumps({"toc": toc}, ensure_ascii=False))
        _stop(office, desktop)
        return 0
    except Exception as exc:  # anything from UNO: the caller keeps the docx as it is
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return FAILED
    finally:
        if office is not None and office.poll() is None:
            _kill(office)
        shutil.rmtree(profile, ignore_errors=True)


def _named_report() -> str:
    """The report the program names on standard input; "" at its end without one."""
    line = sys.stdin.buffer.readline()
    if not line.strip():
        return ""
    report = json.loads(line.decode("utf-8"))["report"]
    return str(report)


def _watch(office: Office, deadline: float, done: threading.Event) -> None:
    """End the office when the limit is reached, or when the program that started
    this script is gone (killed outright: nobody would wait for the office)."""
    parent = os.getppid()
    while not done.wait(0.5):
        if time.monotonic() > deadline or os.getppid() != parent:
            _kill(office)
            return


def _own_group() -> bool:
    """Whether this script leads a process group of its own (as the program starts it)."""
    return os.name == "posix" and os.getpgrp() == os.getpid()


def _url(path: str) -> str:
    import uno

    url: str = uno.systemPathToFileUrl(path)
    return url


def _start(soffice: str, profile_url: str, deadline: float) -> tuple[Office, Any]:
    import uno
    from com.sun.star.connection import NoConnectException

    pipe = os.environ.get("AFRAPPORTERING_LO_PIPE") or (
        f"afrapportering_{os.getpid()}_{int(time.time() * 1000)}"
    )
    command = [
        soffice,
        "-env:UserInstallation=" + profile_url,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nodefault",
        "--nolockcheck",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    # In this script's own group, the program ends the office with it; run by hand,
    # the office gets a group of its own instead, which ``_kill`` ends.
    office = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=os.name == "posix" and not _own_group(),
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() is not None or time.monotonic() > deadline:
                _kill(office)
                raise RuntimeError("LibreOffice did not start") from None
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return office, desktop


def _property(name: str, value: object) -> Any:
    from com.sun.star.beans import PropertyValue

    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


# writer_pdf_Export's options: a tagged PDF/UA (structure tree, language, alternative
# texts, header cells), with the document's title in the window and headings as
# bookmarks. pdf.PDF_EXPORT_OPTIONS holds the same for a plain conversion.
PDF_EXPORT_OPTIONS = (
    ("UseTaggedPDF", True),
    ("PDFUACompliance", True),
    ("DisplayPDFDocumentTitle", True),
    ("ExportBookmarks", True),
)


def _pdf_filter() -> tuple[Any, ...]:
    """The export's arguments: the filter and its options as a sequence of
    PropertyValues, typed explicitly (a plain tuple is not one for UNO)."""
    import uno

    options = tuple(_property(name, value) for name, value in PDF_EXPORT_OPTIONS)
    return (
        _property("FilterName", "writer_pdf_Export"),
        _property("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", options)),
    )


def _lay_out(desktop: Any, report: str, pdf: str | None) -> list[list[str | int]]:
    import uno

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(report)),
        "_blank",
        0,
        (_property("Hidden", True), _property("ReadOnly", True)),
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the report")
    try:
        indexes = document.getDocumentIndexes()
        # Twice: the first update can change the index's length and so the
        # pages after it; the second then reads settled page numbers.
        for _ in range(2):
            for number in range(indexes.getCount()):
                indexes.getByIndex(number).update()
        toc = []
        for number in range(indexes.getCount()):
            index = indexes.getByIndex(number)
            if index.supportsService("com.sun.star.text.ContentIndex"):
                toc = _entries(index.getAnchor().getString())
                break
        if pdf:
            uno.invoke(
                document,
                "storeToURL",
                (uno.systemPathToFileUrl(os.path.abspath(pdf)), _pdf_filter()),
            )
        return toc
    finally:
        document.close(True)


def _entries(text: str) -> list[list[str | int]]:
    """Each line of the index as [heading text, page number]; the index title has no tab."""
    entries: list[list[str | int]] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        title, tab, page = line.rpartition("\t")
        if tab and page.strip().isdigit():
            entries.append([" ".join(title.split()), int(page)])
    return entries


def _stop(office: Office, desktop: Any) -> None:
    # The bridge closes as the office quits, which may raise: that is the normal end.
    with contextlib.suppress(Exception):
        desktop.terminate()
    try:
        office.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(office)


def _kill(office: Office) -> None:
    """End the office this script started, with its children (soffice starts soffice.bin)."""
    with contextlib.suppress(OSError):
        if _own_group():  # the office and its children are in this group: end it all
            os.killpg(os.getpgrp(), signal.SIGKILL)
        elif os.name == "posix":
            os.killpg(office.pid, signal.SIGKILL)
        else:  # taskkill /T ends the whole tree, as killpg does
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(office.pid)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
    with contextlib.suppress(subprocess.TimeoutExpired):
        office.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
