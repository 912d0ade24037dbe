"""Find ``tekster_ÅR.docx`` and make sure it is a safe, readable .docx before parsing.

A .docx is a zip of XML parts, like a workbook, and gets the same checks with
the same limits (``container``): a renamed .doc, .odt or .rtf, a password-
protected file, a zip bomb and XML with a DTD are refused with a Danish
problem naming the file, instead of a hang or a traceback.
"""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO
from pathlib import Path
from typing import Any

from ..core.problems import Code, Problem, error
from . import container
from .container import MAX_TOTAL_BYTES, OLE_MAGIC, ZIP_MAGIC, UnsafeWorkbook, is_encrypted

OTHER_FORMATS = {
    ".doc": "det gamle Word-format (.doc)",
    ".docm": "Word med makroer (.docm)",
    ".odt": "LibreOffice/OpenOffice-format (.odt)",
    ".rtf": "RTF-format (.rtf)",
    ".txt": "ren tekst (.txt)",
}
SAVE_AS = "Åbn den i Word og vælg Filer › Gem som › Word-dokument (*.docx)."


def locate(folder: Path, filename: str) -> tuple[Path | None, list[Problem]]:
    """The file (its name matched like Windows does, case aside), or an error when
    only another format stands there. Word's own ``~$`` lock files are ignored."""
    if not folder.is_dir():
        return None, []
    path, other = container.find_file(folder, filename, OTHER_FORMATS)
    if path is None and other is None:
        odd = container.not_a_file(folder, filename)
        if odd is not None:
            return None, [container.not_a_file_problem(odd, filename)]
    if other is None:
        return path, []
    what = OTHER_FORMATS[other.suffix.casefold()]
    return None, [
        _not_docx(
            filename,
            f"Fandt {other.name}, som er gemt i {what}. Programmet læser kun "
            f"Word-dokumenter (.docx). {SAVE_AS} Gem den som {filename}.",
        )
    ]


def read(path: Path, display: str) -> bytes:
    """The file's bytes; a file the system will not open is a problem at it, or
    (no access at all) a reason to stop, as for the workbooks."""
    try:
        size = path.stat().st_size
        if size > MAX_TOTAL_BYTES:
            raise UnsafeWorkbook(container.bomb(display, "Word"))
        return path.read_bytes()
    except OSError as exc:
        raise UnsafeWorkbook(container.cannot_open(display, exc, "Word")) from exc


def inspect(source: bytes, display: str) -> None:
    """Refuse what is not a safe .docx, with the workbooks' limits; raise ``UnsafeWorkbook``."""
    if source.startswith(OLE_MAGIC):
        raise UnsafeWorkbook(_ole_problem(source, display))
    if not source.startswith(ZIP_MAGIC):
        kind = "en RTF-fil" if source.startswith(b"{\\rtf") else "en fil af en anden slags"
        raise UnsafeWorkbook(
            _not_docx(display, f"{display} er ikke et Word-dokument (.docx), men {kind}. {SAVE_AS}")
        )
    try:
        with zipfile.ZipFile(BytesIO(source)) as archive:
            container.check_sizes(archive, display, "Word")  # the workbooks' limits
            names = set(archive.namelist())
            if "mimetype" in names:
                raise UnsafeWorkbook(
                    _not_docx(display, f"{display} er en LibreOffice-fil (.odt). {SAVE_AS}")
                )
            if "xl/workbook.xml" in names:
                raise UnsafeWorkbook(
                    _not_docx(
                        display,
                        f"{display} er en Excel-projektmappe, ikke et Word-dokument. "
                        "Teksterne skrives i Word.",
                    )
                )
            container.refuse_dtds(archive, display, "Word", skip="")
            if STRICT_MAIN in _main_part(archive):
                raise UnsafeWorkbook(
                    _not_docx(
                        display,
                        f"{display} er gemt som »Strict Open XML-dokument«, som programmet "
                        f"ikke kan flette ind i rapporten. {SAVE_AS}",
                    )
                )
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise UnsafeWorkbook(container.broken_file(display, exc, "Word")) from exc


STRICT_MAIN = b"http://purl.oclc.org/ooxml/wordprocessingml/main"


def _main_part(archive: zipfile.ZipFile) -> bytes:
    """The start of the document part (where its namespaces are declared)."""
    name = "word/document.xml"
    if name not in archive.namelist():
        return b""
    with archive.open(name) as stream:
        return stream.read(4096)


def open_document(source: bytes, display: str) -> Any:
    from docx import Document

    try:
        return Document(BytesIO(source))
    except ValueError as exc:  # python-docx: a package, but not a Word document
        raise UnsafeWorkbook(
            _not_docx(display, f"{display} er ikke et Word-dokument (.docx). {SAVE_AS}")
        ) from exc
    except Exception as exc:  # a broken package raises many kinds
        raise UnsafeWorkbook(container.broken_file(display, exc, "Word")) from exc


def _not_docx(display: str, message: str) -> Problem:
    return error(display, None, None, Code.NOT_DOCX, message)


def _ole_problem(source: bytes, display: str) -> Problem:
    if is_encrypted(source):
        return error(
            display,
            None,
            None,
            Code.PROTECTED_FILE,
            f"{display} er beskyttet med adgangskode. Åbn den i Word, fjern adgangskoden "
            "(Filer › Oplysninger › Beskyt dokument) og gem igen.",
        )
    return _not_docx(display, f"{display} er gemt i det gamle Word-format (.doc). {SAVE_AS}")
