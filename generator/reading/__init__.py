"""Read stage: find the three workbooks, check their containers, type their cells."""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from ..core.os_errors import reason
from ..core.problems import CannotContinue, Code, Problem, error
from ..core.schema import WORKBOOKS, Sheet, Workbook, normalize_header
from .container import UnsafeWorkbook, cannot_open, locate, open_elsewhere
from .settings import read_settings
from .tables import Row, Table, read_table
from .xlsx import SheetData, load

__all__ = ["InputFile", "Inputs", "Row", "Table", "read_inputs"]


@dataclass(frozen=True)
class InputFile:
    name: str
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Inputs:
    """Every sheet that could be read, by sheet name, plus the files for the appendix.

    Frozen: a stage that changes rows (normalise, set aside) hands on a new one.
    """

    folder: Path
    files: tuple[InputFile, ...] = ()
    tables: Mapping[str, Table] = field(default_factory=dict)
    raw: Mapping[str, SheetData] = field(default_factory=dict)  # for the error report

    def table(self, sheet: str) -> Table | None:
        return self.tables.get(sheet)

    def sheet_tables(self) -> Iterator[tuple[Sheet, Table]]:
        """Each sheet of the schema that was read, with its table, in the workbooks'
        order (a sheet missing or not read is left out: it was reported already)."""
        for workbook in WORKBOOKS:
            for sheet in workbook.sheets:
                table = self.tables.get(sheet.name)
                if table is not None:
                    yield sheet, table

    def without_cells(self) -> Inputs:
        """A new ``Inputs`` without the grids and typed rows, for a clean run once it
        has its dataset and figures.

        They serve the checks and the error report; a run without errors writes
        no error report, and with 100,000 referrals they hold about 50 MB that
        the report and its appendix can use instead: once the run drops its last
        reference to the ``Inputs`` read, they are freed. The tables keep their
        columns, so a cell can still be named.
        """
        tables = {name: replace(table, rows=()) for name, table in self.tables.items()}
        return replace(self, tables=tables, raw={})


def read_inputs(
    folder: Path, workbooks: tuple[Workbook, ...] = WORKBOOKS
) -> tuple[Inputs, list[Problem]]:
    """Read every declared workbook in ``folder``, collecting all problems on the way."""
    try:
        next(folder.iterdir(), None)  # the listing is read at the first step
    except OSError as exc:
        raise CannotContinue(
            f"Inputmappen {folder} kan ikke læses: {reason(exc)}. Giv dig selv adgang til "
            "mappen (højreklik › Egenskaber › Sikkerhed), eller flyt projektmapperne til "
            "en mappe, du ejer, og kør igen."
        ) from exc
    problems: list[Problem] = []
    found = _Found([], {}, {})
    for spec in workbooks:
        problems += _read_workbook(folder, spec, found)
    return Inputs(folder, tuple(found.files), found.tables, found.raw), problems


class _Found(NamedTuple):
    """What reading has found so far, gathered into ``Inputs`` once every workbook is read."""

    files: list[InputFile]
    tables: dict[str, Table]
    raw: dict[str, SheetData]


def _read_workbook(folder: Path, spec: Workbook, found: _Found) -> list[Problem]:
    path, problems = locate(folder, spec.filename)
    if path is None:
        return problems
    problems += open_elsewhere(path, spec.filename, "Excel")
    try:
        data = load(path, spec.filename, [sheet.name for sheet in spec.sheets])
    except UnsafeWorkbook as refused:
        return [*problems, refused.problem]
    except OSError as exc:
        return [*problems, cannot_open(spec.filename, exc, "Excel")]
    found.files.append(_describe(path, spec.filename))
    for sheet in spec.sheets:
        clash = data.clashes.get(normalize_header(sheet.name))
        if clash:
            problems.append(_sheet_clash(sheet, clash, spec.filename))
            continue
        problems += _read_sheet(data.sheets, data.sheet_names, sheet, spec.filename, found)
    return problems


def _sheet_clash(spec: Sheet, names: list[str], file: str) -> Problem:
    shown = " og ".join(f"'{name}'" for name in names)
    return error(
        file,
        spec.name,
        None,
        Code.DUPLICATE_SHEET,
        f"{file} har {len(names)} ark, der {'begge' if len(names) == 2 else 'alle'} kan "
        f"være arket '{spec.name}': {shown} "
        "(navnene er ens, når store og små bogstaver og mellemrum ses bort fra). "
        "Programmet kan ikke vide, hvilket der gælder, og læser ingen af dem. Slet "
        "eller omdøb det forkerte ark, så kun ét hedder sådan.",
    )


def _read_sheet(
    sheets: dict[str, SheetData], names: list[str], spec: Sheet, file: str, found: _Found
) -> list[Problem]:
    data = sheets.get(normalize_header(spec.name))
    if data is None:
        return [] if spec.optional else [_missing_sheet(spec, names, file)]
    reader = read_settings if spec.layout == "settings" else read_table
    table, problems = reader(data, spec, file)
    found.tables[spec.name] = table
    found.raw[spec.name] = data
    return problems


def _missing_sheet(spec: Sheet, names: list[str], file: str) -> Problem:
    close = difflib.get_close_matches(spec.name, names, 1, 0.6)
    hint = (
        f" Arket '{close[0]}' ligner: mente du '{spec.name}'? Omdøb arket."
        if close
        else f" Arkene i filen hedder: {', '.join(names) or 'ingen'}."
    )
    return error(
        file,
        spec.name,
        None,
        Code.SHEET_MISSING,
        f"Arket '{spec.name}' mangler i {file}.{hint} {spec.help}",
    )


def _describe(path: Path, name: str) -> InputFile:
    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256")
    return InputFile(name, path, digest.hexdigest(), path.stat().st_size)
