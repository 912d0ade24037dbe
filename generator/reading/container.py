"""Find each workbook and make sure it is a safe, readable .xlsx before parsing.

An .xlsx is a zip of XML parts. Before any parser sees one we look at the
container ourselves: a renamed .csv or .ods, a password-protected file (an
OLE "EncryptedPackage"), a zip bomb (entries that claim or inflate to far more
than any workbook needs) and XML with a DTD (the billion-laughs bomb needs
entity declarations) are refused with a Danish message instead of a hang or a
traceback. A DTD is looked for in whatever encoding a part is written
(``xmltext``), and sheets are found by local names, so the prefixed parts of
the .NET Open XML SDK and Excel's "Strict Open XML" are read too.
"""

from __future__ import annotations

import difflib
import re
import stat
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DTDForbidden, EntitiesForbidden

from ..core.actions import Action, how_to
from ..core.os_errors import reason
from ..core.problems import CannotContinue, Code, Problem, error, warning
from ..core.schema import WORKBOOKS
from .xmltext import DTD as DTD  # re-exported: the DTD pattern other writers check against
from .xmltext import has_dtd, utf8_text, xml_encoding

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An Office file saved with a password is an OLE file whose directory, within its
# first MiB, names this stream (in UTF-16): Excel's and Word's alike.
ENCRYPTED_STREAM, OLE_HEAD_BYTES = "EncryptedPackage".encode("utf-16-le"), 1024 * 1024
# A workbook of 100,000 referrals is about 15 MB of XML; these limits leave
# room for ten times that and still refuse a bomb long before memory runs out.
MAX_PART_BYTES = 200 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
MAX_RATIO = 250  # uncompressed/compressed; real sheet XML compresses 5-30x
# Below this a part is harmless however well it packs (the caps above bound
# what is read): a page of one phrase typed again and again packs 1000:1.
RATIO_FLOOR = 32 * 1024 * 1024
MAX_ENTRIES = 10_000
OTHER_FORMATS = {
    ".xls": "det gamle Excel-format (.xls)",
    ".xlsm": "Excel med makroer (.xlsm)",
    ".xlsb": "binært Excel-format (.xlsb)",
    ".ods": "LibreOffice/OpenOffice-format (.ods)",
    ".csv": "kommasepareret tekst (.csv)",
}
SAVE_AS = "Åbn den i Excel og vælg Filer › Gem som › Excel-projektmappe (*.xlsx)."


class UnsafeWorkbook(Exception):
    """The container cannot be read; ``problem`` says why, in Danish."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def find_file(
    folder: Path, filename: str, other_formats: Mapping[str, str]
) -> tuple[Path | None, Path | None]:
    """``filename`` in ``folder``, its name matched as Windows does (case aside); else
    the file of the same name saved in one of ``other_formats``, if there is one.
    Office's ``~$`` lock files are neither."""
    exact = folder / filename
    if exact.is_file():
        return exact, None
    candidates = _files(folder)
    for path in candidates:
        if path.name.casefold() == filename.casefold():
            return path, None
    stem = Path(filename).stem.casefold()
    for path in candidates:
        if path.stem.casefold() == stem and path.suffix.casefold() in other_formats:
            return None, path
    return None, None


def lock_file(path: Path) -> Path | None:
    """The owner file Excel or Word keeps beside a file it has open, if there is one.

    Office names it ``~$`` and the file's name; Word (and Excel for some names)
    drops the name's first two characters to do so (``~$kster_2023.docx``), so
    every one of the forms is looked for. It may be left behind by a crash: then
    the file is not open, but nothing can tell."""
    name = path.name.casefold()
    wanted = {"~$" + name, "~$" + name[1:], "~$" + name[2:]}
    try:
        for other in path.parent.iterdir():
            if other.name.casefold() in wanted and other != path:
                return other
    except OSError:
        return None
    return None


OWNER_FILE_CODES = {"Excel": Code.OPEN_IN_EXCEL, "Word": Code.OPEN_IN_WORD}


def open_elsewhere(path: Path, display: str, program: str) -> list[Problem]:
    """A warning when ``program`` (Excel or Word) has the file open: what is saved is
    read, and what is not saved yet is not."""
    lock = lock_file(path)
    if lock is None:
        return []
    return [
        warning(
            display,
            None,
            None,
            OWNER_FILE_CODES[program],
            f"{display} er åben i {program} ({lock.name} ligger ved siden af den). "
            f"Programmet bruger det, der er gemt; ændringer, der ikke er gemt, kommer ikke "
            f"med. Gem i {program}, og kør igen, hvis du har rettet noget. (Er {program} "
            f"lukket, er {lock.name} en rest fra et nedbrud og kan slettes.)",
        )
    ]


def cannot_open(display: str, exc: OSError, program: str) -> Problem:
    """A file the system will not open: Windows' sharing violation means another
    program has it open, most likely the author's own Excel or Word. No access at
    all cannot be mended by trying again, so the run stops (``CannotContinue``)
    and says what to do."""
    sharing = getattr(exc, "winerror", None) in (32, 33)
    if isinstance(exc, PermissionError) and not sharing:
        raise CannotContinue(
            f"{display} i inputmappen kan ikke læses: {reason(exc)}. Giv dig selv "
            "læseadgang til filen (højreklik › Egenskaber › Sikkerhed), eller gem en "
            f"kopi af den som {display} i inputmappen, og kør igen."
        ) from exc
    if sharing:
        advice = f"Luk den i {program} (eller det program, der har den åben), og kør igen."
    else:
        advice = "Ret det, og kør igen."
    return error(
        display,
        None,
        None,
        Code.CANNOT_OPEN,
        f"{display} kan ikke åbnes: {reason(exc)}. {advice}",
    )


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_file() and not p.name.startswith("~$")]


def not_a_file(folder: Path, filename: str) -> Path | None:
    """An entry named ``filename`` (case aside) that is no ordinary file: a folder,
    a pipe or a device, which no reader can treat as the file it looks for."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return None
    for path in entries:
        if path.name.casefold() == filename.casefold():
            try:
                mode = path.stat().st_mode
            except OSError:
                return None
            return None if stat.S_ISREG(mode) else path
    return None


def not_a_file_problem(path: Path, filename: str) -> Problem:
    kind = "en mappe" if path.is_dir() else "ikke en almindelig fil (fx en pipe eller en enhed)"
    return error(
        filename,
        None,
        None,
        Code.CANNOT_OPEN,
        f"{path.name} i inputmappen er {kind}, så den kan ikke læses. Læg den rigtige "
        f"fil {filename} i mappen i stedet.",
    )


def locate(folder: Path, filename: str) -> tuple[Path | None, list[Problem]]:
    """Find ``filename`` in ``folder``; explain what is there instead if it is missing."""
    path, other = find_file(folder, filename, OTHER_FORMATS)
    if path is not None:
        return path, []
    odd = not_a_file(folder, filename)
    if odd is not None:
        return None, [not_a_file_problem(odd, filename)]
    if other is not None:
        what = OTHER_FORMATS[other.suffix.casefold()]
        return None, [
            error(
                filename,
                None,
                None,
                Code.WRONG_FORMAT,
                f"Fandt {other.name}, som er gemt i {what}. Programmet læser kun "
                f".xlsx. {SAVE_AS} Gem den som {filename}.",
            )
        ]
    return None, [
        error(filename, None, None, Code.FILE_MISSING, _missing_message(filename, _files(folder)))
    ]


def _missing_message(filename: str, candidates: list[Path]) -> str:
    message = f"Filen {filename} findes ikke i inputmappen."
    names = [p.name for p in candidates if p.suffix.casefold() in {".xlsx", *OTHER_FORMATS}]
    # The other workbooks are where they belong: never suggest renaming one of them.
    required = {workbook.filename.casefold() for workbook in WORKBOOKS}
    stems = {Path(n).stem.casefold(): n for n in names if n.casefold() not in required}
    close = difflib.get_close_matches(Path(filename).stem.casefold(), list(stems), 1, 0.6)
    if close:
        actual = stems[close[0]]
        return f"{message} Der ligger en fil, der hedder {actual}: skal den omdøbes til {filename}?"
    if names:
        return f"{message} Mappen indeholder: {', '.join(sorted(names))}."
    return f"{message} Lav en tom projektmappe: {how_to(Action.NEW_YEAR)}."


@dataclass(frozen=True)
class Container:
    """What the zip says about the workbook: its sheets and their XML part names."""

    sheet_parts: dict[str, str]  # sheet name -> part name inside the zip
    foreign_encoding: bool = False  # some part other than a sheet is not UTF-8


def inspect(path: Path, display: str) -> Container:
    """Check that ``path`` is a safe .xlsx; raise ``UnsafeWorkbook`` if not."""
    head = _head(path)
    if head.startswith(OLE_MAGIC):
        raise UnsafeWorkbook(_ole_problem(path, display))
    if not head.startswith(ZIP_MAGIC):
        raise UnsafeWorkbook(
            error(
                display,
                None,
                None,
                Code.NOT_XLSX,
                f"{display} er ikke en Excel-projektmappe (.xlsx), men "
                f"{_guess_text_kind(path)}. {SAVE_AS}",
            )
        )
    try:
        with zipfile.ZipFile(path) as archive:
            check_sizes(archive, display)
            if "mimetype" in archive.namelist():
                raise UnsafeWorkbook(
                    error(
                        display,
                        None,
                        None,
                        Code.WRONG_FORMAT,
                        f"{display} er en LibreOffice-fil (.ods) med endelsen .xlsx. {SAVE_AS}",
                    )
                )
            foreign = refuse_dtds(archive, display)
            return Container(_sheet_parts(archive, display), foreign)
    except (zipfile.BadZipFile, KeyError, SafeET.ParseError, OSError, zlib.error, EOFError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    except (DTDForbidden, EntitiesForbidden) as exc:
        raise UnsafeWorkbook(_dangerous(display)) from exc


def read_part(path: Path, part: str, display: str) -> bytes:
    """Read one XML part with a hard size cap, refusing DTDs (XML bombs)."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(part) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, zlib.error, EOFError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    if len(data) > MAX_PART_BYTES:
        raise UnsafeWorkbook(bomb(display))
    if _has_dtd(data, display):
        raise UnsafeWorkbook(_dangerous(display))
    return data


def _has_dtd(data: bytes, display: str, program: str = "Excel") -> bool:
    try:
        return has_dtd(data)
    except ValueError as exc:  # an encoding Python does not know, or bytes not in it
        raise UnsafeWorkbook(broken_file(display, exc, program)) from exc


def refuse_dtds(
    archive: zipfile.ZipFile, display: str, program: str = "Excel", skip: str = "xl/worksheets/"
) -> bool:
    """Look into every XML part but those under ``skip`` (``read_part`` does the
    worksheets); say whether any of them is written in another encoding than UTF-8.
    ``program`` is the one whose files these are (Excel, or Word for the texts).

    Reading with a cap also makes an entry that lies about its size fail its
    CRC check here, before a parser that trusts the header ever sees it.
    """
    foreign = False
    for info in archive.infolist():
        name = info.filename
        if name.endswith((".xml", ".rels")) and not (skip and name.startswith(skip)):
            with archive.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
            if len(data) > MAX_PART_BYTES:
                raise UnsafeWorkbook(bomb(display, program))
            if _has_dtd(data, display, program):
                raise UnsafeWorkbook(_dangerous(display, program))
            foreign = foreign or xml_encoding(data) is not None
    return foreign


def utf8_copy(path: Path, target: Path, display: str) -> Path:
    """A copy of the workbook with every XML part in UTF-8, for a reader that
    knows no other encoding (calamine reads a UTF-16 sheet as empty)."""
    try:
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
            for info in source.infolist():
                with source.open(info) as stream:
                    data = stream.read(MAX_PART_BYTES + 1)
                if info.filename.endswith((".xml", ".rels")) and xml_encoding(data):
                    data = utf8_text(data)
                copy.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error, EOFError) as exc:
        raise UnsafeWorkbook(broken_file(display, exc)) from exc
    return target


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        return stream.read(8)


def check_sizes(archive: zipfile.ZipFile, display: str, program: str = "Excel") -> None:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise UnsafeWorkbook(bomb(display, program))
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        big = info.file_size > RATIO_FLOOR
        if (
            info.file_size > MAX_PART_BYTES
            or total > MAX_TOTAL_BYTES
            or (big and ratio > MAX_RATIO)
        ):
            raise UnsafeWorkbook(bomb(display, program))


def _sheet_parts(archive: zipfile.ZipFile, display: str) -> dict[str, str]:
    """Sheet name -> part, by local names: Transitional, Strict and prefixed
    parts differ only in their namespaces."""
    workbook = _xml(archive, "xl/workbook.xml", display)
    rels = _xml(archive, "xl/_rels/workbook.xml.rels", display)
    targets = {rel.get("Id"): rel.get("Target", "") for rel in named(rels, "Relationship")}
    parts = {}
    for sheet in named(workbook, "sheet"):
        rel_id = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = _normalize(part)
    if not parts:
        raise UnsafeWorkbook(_no_sheets(display))
    return parts


def named(root: Element, local: str) -> Iterator[Element]:
    return (element for element in root.iter() if element.tag.rpartition("}")[2] == local)


def _normalize(part: str) -> str:
    stack: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if stack:
                stack.pop()
        elif piece not in ("", "."):
            stack.append(piece)
    return "/".join(stack)


def _xml(archive: zipfile.ZipFile, part: str, display: str) -> Element:
    with archive.open(part) as stream:
        data = stream.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise UnsafeWorkbook(bomb(display))
    return SafeET.fromstring(data)


def is_encrypted(ole: bytes) -> bool:
    """Whether an OLE file (its first bytes will do) is an Office file with a password."""
    return ENCRYPTED_STREAM in ole[:OLE_HEAD_BYTES]


def _ole_problem(path: Path, display: str) -> Problem:
    with path.open("rb") as stream:
        data = stream.read(OLE_HEAD_BYTES)
    if is_encrypted(data):
        return error(
            display,
            None,
            None,
            Code.PROTECTED_FILE,
            f"{display} er beskyttet med adgangskode. Åbn den i Excel, fjern "
            "adgangskoden (Filer › Oplysninger › Beskyt projektmappe) og gem igen.",
        )
    return error(
        display,
        None,
        None,
        Code.WRONG_FORMAT,
        f"{display} er gemt i det gamle Excel-format (.xls). {SAVE_AS}",
    )


def _guess_text_kind(path: Path) -> str:
    with path.open("rb") as stream:
        sample = stream.read(2048)
    if b"," in sample or b";" in sample:
        return "ser ud til at være tekst (fx en .csv-fil)"
    return "en fil af en anden slags"


# The zip part an unpacking error names ("Bad CRC-32 for file 'xl/…'").
NAMED_PART = re.compile(r"'([\w/\[\].-]+\.(?:xml|rels|bin|png|jpe?g|gif|emf|wmf))'")


def broken_file(
    display: str, exc: Exception | None, program: str = "Excel", part: str | None = None
) -> Problem:
    """A file that cannot be unpacked; ``program`` is the one that can save it anew
    (Excel for the workbooks, Word for the author's texts). The reason is told
    in Danish, with the damaged part where the error names it; the library's
    own (English) words are never shown."""
    detail = broken_detail(exc) if exc is not None else ""
    if part is None and exc is not None:
        named = NAMED_PART.search(str(exc))
        part = named.group(1) if named else None
    if part and isinstance(exc, KeyError):
        detail = f"delen {part} mangler"
    elif part:
        detail = f"delen {part}: {detail or 'den er beskadiget'}"
    return error(
        display,
        None,
        None,
        Code.BROKEN_FILE,
        f"{display} kan ikke læses: filen er ødelagt eller ikke gemt færdig"
        f"{f' ({detail})' if detail else ''}. "
        f"Åbn den i {program} og gem den igen, eller brug en sikkerhedskopi.",
    )


# What the libraries' English messages about a broken package mean, in Danish.
BROKEN_ZIP = (
    ("not a zip file", "den er ikke pakket som en Office-fil"),
    ("crc", "en del af den er beskadiget (kontrolsummen passer ikke)"),
    ("truncated", "den er afkortet"),
    ("magic number", "den er afkortet eller beskadiget"),
    ("overlapped", "dens indholdsfortegnelse er beskadiget"),
    ("encrypt", "den er krypteret"),
)


def broken_detail(exc: BaseException) -> str:
    """Why a file could not be unpacked, in Danish; empty when nothing more is known.
    The exception's own text is English and never shown."""
    import zlib

    if isinstance(exc, OSError):
        return reason(exc)
    text = str(exc).casefold()
    if isinstance(exc, zipfile.BadZipFile):
        found = (danish for words, danish in BROKEN_ZIP if words in text)
        return next(found, "pakken er beskadiget")
    if isinstance(exc, KeyError):
        return "en del af filen mangler"
    if isinstance(exc, SafeET.ParseError):
        return "en del af indholdet er ikke gyldig XML"
    if isinstance(exc, (EOFError, zlib.error)):
        return "den er afkortet eller beskadiget"
    if "password" in text or "adgangskode" in text:
        return "den er beskyttet med en adgangskode"
    if isinstance(exc, (UnicodeError, LookupError)):
        return "en del af den er skrevet i en ukendt tegnkodning"
    return ""


def _no_sheets(display: str) -> Problem:
    return error(
        display,
        None,
        None,
        Code.BROKEN_FILE,
        f"{display} kan ikke læses: programmet finder ingen ark i den. Den er måske "
        "gemt af et andet program i en udgave af formatet, programmet ikke kender. "
        "Åbn den i Excel og gem filen som almindelig Excel-projektmappe (.xlsx).",
    )


# What a file of each program holds at most, for the zip-bomb message.
CONTENTS = {"Excel": "en projektmappe", "Word": "et Word-dokument med tekster"}


def bomb(display: str, program: str = "Excel") -> Problem:
    return error(
        display,
        None,
        None,
        Code.FILE_TOO_LARGE,
        f"{display} afvises: den pakker sig ud til langt mere, end {CONTENTS[program]} "
        "nogensinde fylder (muligvis en 'zip-bombe'). Brug en kendt, god kopi af filen.",
    )


def _dangerous(display: str, program: str = "Excel") -> Problem:
    return error(
        display,
        None,
        None,
        Code.UNSAFE_XML,
        f"{display} afvises: den indeholder XML-definitioner (DTD/ENTITY), som {program} "
        "aldrig skriver, og som kan bruges til at lamme computeren. Brug en kendt, "
        "god kopi af filen.",
    )
