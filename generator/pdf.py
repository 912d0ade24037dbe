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

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .os_errors import reason
from .output import publish

WINDOWS_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
MAC_PLACE = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
BRIDGE = Path(__file__).with_name("uno_bridge.py")
NO_UNO = 3  # the bridge's exit code when its Python has no uno module
# The bridge stops LibreOffice itself within its own limits; this is the last resort.
TIMEOUT_SECONDS = 300
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
    unique = dict.fromkeys(str(c) for c in candidates if c.is_file())
    return list(unique)


def page_numbers_wanted() -> bool:
    return os.environ.get(SKIP_PAGE_NUMBERS, "") not in ("1", "ja", "true")


def office_toc(report: Path, pdf: Path | None = None) -> list[TocEntry] | None:
    """Lay ``report`` out in LibreOffice: its table of contents with page numbers.

    With ``pdf``, the laid-out document is also exported there. None when
    LibreOffice or a Python with its bridge is missing, or it failed.
    """
    soffice = find_soffice()
    if soffice is None:
        return None
    for python in uno_pythons(soffice):
        code, output = _run_bridge([python, str(BRIDGE), soffice, str(report)], pdf)
        if code == NO_UNO:
            continue
        if code != 0:
            return None
        try:
            return [(str(text), int(page)) for text, page in json.loads(output)["toc"]]
        except (ValueError, KeyError, TypeError):
            return None
    return None


def _run_bridge(command: list[str], pdf: Path | None) -> tuple[int | None, str]:
    if pdf is not None:
        command.append(str(pdf))
    options = {"start_new_session": True} if os.name == "posix" else {}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            **options,
        )
    except OSError:
        return None, ""
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.communicate()
        return None, ""
    return process.returncode, output


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
    with tempfile.TemporaryDirectory(prefix="afrapportering-lo-") as scratch:
        converted = Path(scratch) / f"{report.stem}.pdf"
        if office_toc(report, converted) is None or not converted.is_file():
            _plain_convert(soffice, report, Path(scratch))
        if not converted.is_file():
            raise NoConverter(
                "Der er ikke lavet en PDF: LibreOffice skrev ingen fil. Gem "
                "rapporten som PDF fra Word."
            )
        # Like the report: an older PDF is moved aside, never overwritten.
        target, _ = publish(
            report.with_suffix(".pdf"), lambda path: shutil.copyfile(converted, path)
        )
    return target


def _plain_convert(soffice: str, report: Path, scratch: Path) -> None:
    # A private profile: a LibreOffice the author has open would otherwise
    # swallow the request, and two runs at once would fight over one profile.
    command = [
        soffice,
        f"-env:UserInstallation={(scratch / 'profil').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_to_argument(),
        "--outdir",
        str(scratch),
        str(report),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
    except (OSError, subprocess.SubprocessError) as exc:
        if isinstance(exc, OSError):
            why = f"LibreOffice kan ikke startes: {reason(exc)}"
        elif isinstance(exc, subprocess.TimeoutExpired):
            why = "LibreOffice svarede ikke"
        else:
            why = "LibreOffice meldte en fejl"
        raise NoConverter(
            f"Der er ikke lavet en PDF: LibreOffice kunne ikke konvertere rapporten ({why}). "
            "Gem den som PDF fra Word."
        ) from exc
