"""Build contract-shaped workbooks for tests, from the schema declaration.

``valid_data()`` is one small, correct data set (keyed by column key, never by
header); ``write_inputs()`` writes it as the three .xlsx files, and
``edit_cell()`` breaks one cell afterwards, so each test states exactly which
cell it broke.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl import Workbook, load_workbook

from generator.core.schema import (
    DEFAULT_CONTRACT_POINTS,
    DEFAULT_RECIPIENTS,
    DEFAULT_TOPICS,
    SETTINGS_HEADERS,
    WORKBOOKS,
)

YEAR = 2023
VALID_CVRS = ("10150817", "25313763", "61126228", "72494814", "20756438")

Rows = list[dict[str, Any]]


def settings(**overrides: Any) -> dict[str, Any]:
    values = {column.key: column.default for column in WORKBOOKS[0].sheets[0].columns}
    values.update(overrides)
    return values


def referrals(year: int = YEAR, count: int = 12) -> Rows:
    rows = []
    for n in range(count):
        recipient = DEFAULT_RECIPIENTS[n % 3][0]
        rows.append(
            {
                "date": date(year, 1 + n % 12, 1 + n),
                "company": f"Virksomhed {n + 1} ApS",
                "cvr": VALID_CVRS[n % len(VALID_CVRS)],
                "recipient": recipient,
                "topic": DEFAULT_TOPICS[n % 2],
                "adviser": "AB",
                "note": None,
            }
        )
    return rows


def lists() -> Rows:
    count = max(len(DEFAULT_RECIPIENTS), len(DEFAULT_TOPICS))
    rows = []
    for n in range(count):
        name, kind = DEFAULT_RECIPIENTS[n] if n < len(DEFAULT_RECIPIENTS) else (None, None)
        rows.append(
            {
                "recipient": name,
                "recipient_type": kind,
                "topic": DEFAULT_TOPICS[n] if n < len(DEFAULT_TOPICS) else None,
            }
        )
    return rows


def valid_data(year: int = YEAR) -> dict[str, Any]:
    """Sheet name → rows (or the settings dict for the Kontrakt sheet)."""
    return {
        "Kontrakt": settings(),
        "Prisindeks": [
            {"year": 2021, "rate": 1.6, "source": "Test", "status": "Endelig"},
            {"year": 2022, "rate": 2.9, "source": "Test", "status": "Endelig"},
            {"year": 2023, "rate": 4.3, "source": "Test", "status": "Endelig"},
        ],
        "Øremærkninger": [
            {"year": 2020, "amount": 375000, "purpose": "Start Up Viborg", "regulated": "Nej"},
            {"year": 2021, "amount": 375000, "purpose": "Start Up Viborg", "regulated": "Nej"},
        ],
        "Henvisninger": referrals(year) + referrals(year - 1, 10),
        "Lister": lists(),
        "CFI-resultatmål": [
            {
                "year": year,
                "number": "1",
                "goal": "Virksomheder i forløb",
                "unit": "antal",
                "target": 40,
                "result": 44,
                "direction": "Mindst",
                "comment": None,
            },
            {
                "year": year,
                "number": "2",
                "goal": "Sagsbehandlingstid",
                "unit": "dage",
                "target": 10,
                "result": 12,
                "direction": "Højst",
                "comment": "For lang",
            },
            {
                "year": year,
                "number": "3",
                "goal": "Tilfredse deltagere",
                "unit": "pct",
                "target": 80,
                "result": 80,
                "direction": "Mindst",
                "comment": None,
            },
        ],
        "Karriereby": [
            {
                "year": year,
                "month": month,
                "task": "Studiejob-match" if month % 2 else "Messer",
                "hours": 160,
                "note": None,
            }
            for month in range(1, 13)
        ],
        "Kontraktpunkter": [
            {"number": number, "area": area, "point": point}
            for number, area, point in DEFAULT_CONTRACT_POINTS
        ],
        "Indsatser": [
            {
                "year": year,
                "point": point,
                "status": "Løbende",
                "description": f"Beskrivelse af punkt {number}.",
            }
            for number, _, point in DEFAULT_CONTRACT_POINTS
        ],
        "Nøgletal": [
            {
                "year": y,
                "name": "Virksomheder vejledt",
                "value": 200 + y - 2020,
                "unit": "virksomheder",
                "comment": None,
            }
            for y in (2021, 2022, 2023)
        ],
        "Samarbejde": [
            {
                "year": year,
                "type": "Kampagne",
                "title": "Fælles kampagne",
                "description": "Annoncer i fællesskab.",
            },
        ],
        "Møder": [{"date": date(year, month, 10), "topics": "Status"} for month in range(1, 13)],
    }


_VALID_COPY: list[Path] = []  # the valid folder, written once per test process
# where the written folders are kept: made at import, before a test points the temporary
# folder at one of its own (``private_tmp``) and counts what is left there
_KEPT = Path(tempfile.mkdtemp(prefix="factory-"))
atexit.register(shutil.rmtree, _KEPT, ignore_errors=True)


def write_inputs(
    folder: Path, data: dict[str, Any] | None = None, skip: tuple[str, ...] = ()
) -> Path:
    """Write the three workbooks of ``data`` into ``folder``; ``skip`` leaves sheets out."""
    if data is None and not skip:
        # the valid folder is the start of most tests: copy it rather than write it again
        if not _VALID_COPY:
            _VALID_COPY.append(_write(_KEPT / "valid", valid_data(), ()))
        shutil.copytree(_VALID_COPY[0], folder, dirs_exist_ok=True)
        return folder
    return _written(folder, valid_data() if data is None else data, skip)


_WRITTEN: dict[str, Path] = {}  # repr of (data, skip) → a folder written from it once


def _written(folder: Path, data: dict[str, Any], skip: tuple[str, ...]) -> Path:
    """``_write``, each distinct data set written once per test process and copied after:
    the copies are new files (written now), as a fresh write would be."""
    key = repr((data, skip))
    if key not in _WRITTEN:
        _WRITTEN[key] = _write(Path(tempfile.mkdtemp(prefix="data-", dir=_KEPT)), data, skip)
    folder.mkdir(parents=True, exist_ok=True)
    for path in _WRITTEN[key].iterdir():
        shutil.copyfile(path, folder / path.name)
    return folder


def _write(folder: Path, data: dict[str, Any], skip: tuple[str, ...]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for spec in WORKBOOKS:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for sheet in spec.sheets:
            if sheet.name in skip:
                continue
            ws = workbook.create_sheet(sheet.name)
            if sheet.layout == "settings":
                ws.append(list(SETTINGS_HEADERS))
                for column in sheet.columns:
                    ws.append([column.header, data[sheet.name].get(column.key)])
                continue
            ws.append([column.header for column in sheet.columns])
            for row in data.get(sheet.name, []):
                ws.append([row.get(column.key) for column in sheet.columns])
        if not workbook.sheetnames:
            workbook.create_sheet("Ark1")
        workbook.save(folder / spec.filename)
    return folder


def edit_cell(folder: Path, filename: str, sheet: str, cell: str, value: Any) -> None:
    """Overwrite one cell of a written workbook."""
    path = folder / filename
    if _edited_in_place(path, sheet, cell, value):
        return
    workbook = load_workbook(path)
    workbook[sheet][cell] = value
    workbook.save(path)


_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_XML_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _edited_in_place(path: Path, sheet: str, cell: str, value: Any) -> bool:
    """``edit_cell`` for a workbook this factory wrote (openpyxl's inline strings, no
    shared strings) and a cell it holds, given a text, number, truth value or None:
    the one ``<c>`` element rewritten as openpyxl writes it, instead of loading and
    saving the whole workbook. False, changing nothing, for anything else."""
    if isinstance(value, str):
        if value.startswith("=") or "\r" in value or _XML_TEXT.search(value):
            return False  # a formula, or a character openpyxl refuses: its own way
    elif value is not None and not isinstance(value, int | float):
        return False
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if "xl/sharedStrings.xml" in names:
            return False
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        ids = {
            s.get("name"): s.get(f"{{{_NS['r']}}}id")
            for s in book.iterfind("m:sheets/m:sheet", _NS)
        }
        targets = {r.get("Id"): r.get("Target") for r in rels.iterfind("p:Relationship", _NS)}
        if sheet not in ids or ids[sheet] not in targets:
            return False
        part = targets[ids[sheet]].lstrip("/")
        part = part if part.startswith("xl/") else f"xl/{part}"
        xml = archive.read(part).decode("utf-8")
        parts = {name: archive.read(name) for name in names}
        infos = {info.filename: info for info in archive.infolist()}
    found = re.search(rf'<c r="{cell}"((?: [a-z]+="[^"]*")*)(?:/>|>.*?</c>)', xml)
    if found is None:
        return False
    style = re.search(r' s="[^"]*"', found.group(1))
    style = style.group(0) if style else ""
    if value is None:
        new = f'<c r="{cell}"{style}/>' if style else ""
    elif isinstance(value, bool):
        new = f'<c r="{cell}"{style} t="b"><v>{int(value)}</v></c>'
    elif isinstance(value, int | float):
        new = f'<c r="{cell}"{style} t="n"><v>{value!r}</v></c>'
    else:
        space = ' xml:space="preserve"' if value != value.strip() else ""
        new = f'<c r="{cell}"{style} t="inlineStr"><is><t{space}>{escape(value)}</t></is></c>'
    parts[part] = (xml[: found.start()] + new + xml[found.end() :]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name in names:
            archive.writestr(infos[name], parts[name])
    return True


def column_of(sheet_name: str, key: str) -> str:
    """The column letter a key is written to by ``write_inputs``."""
    for spec in WORKBOOKS:
        for sheet in spec.sheets:
            if sheet.name == sheet_name:
                index = [c.key for c in sheet.columns].index(key)
                return chr(ord("A") + index)
    raise KeyError(sheet_name)


def two_years_data() -> dict[str, Any]:
    """A period of 2020–2024 with 2023 and 2024 both complete (12 referrals each, 10 in
    2022), so that the 2023 report can be made, then the 2024 report after it."""
    first, second = valid_data(2023), valid_data(2024)
    data = dict(second)
    data["Kontrakt"] = settings(last_year=2024)
    data["Prisindeks"] = [
        *first["Prisindeks"],
        {"year": 2024, "rate": 3.2, "source": "Test", "status": "Endelig"},
    ]
    data["Henvisninger"] = referrals(2024) + referrals(2023) + referrals(2022, 10)
    for sheet in ("CFI-resultatmål", "Karriereby", "Indsatser", "Nøgletal", "Samarbejde", "Møder"):
        data[sheet] = [row for row in first[sheet] if row not in second[sheet]] + second[sheet]
    return data


def late_referrals(year: int, count: int) -> Rows:
    """``count`` referrals dated ``year`` that were logged late (new companies, late days)."""
    return [
        row | {"date": date(year, 12, 20 + n), "company": f"Sen virksomhed {n + 1} ApS"}
        for n, row in enumerate(referrals(year, count))
    ]


def up_to(data: dict[str, Any], year: int) -> dict[str, Any]:
    """``data`` as it stood when ``year`` ended: no row of a later year."""

    def early(row: dict[str, Any]) -> bool:
        when = row.get("year") or (row["date"].year if row.get("date") else None)
        return when is None or when <= year

    return {
        sheet: rows if isinstance(rows, dict) else [row for row in rows if early(row)]
        for sheet, rows in data.items()
    }
