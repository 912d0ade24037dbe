"""Upgrade workbooks of an earlier version's layout, once, before they are read.

``schema.EARLIER_LAYOUTS`` says how an earlier version's workbooks differ:
columns this version replaces by one, values it spells differently, sheets
it added. A folder is of such a layout when the old columns stand where the
new one does not, or when a value only that version wrote stands in its
column (version 2's "3 a iii"). Every workbook that differs is then changed in memory,
openpyxl keeping the author's cells, formats and extra columns; the sheets
it lacks are written by ``ny``'s own machinery (``blank``, ``guide``), and
the upgraded sheets get ``ny``'s dropdowns and checks. Only then is anything
written: each original is kept beside it under a new name, never over an
earlier copy, and the upgraded workbook replaces it atomically (a temporary
file, then a rename). A workbook open in Excel is not touched: Excel would
save its old layout over the upgrade.

A value the upgrade cannot map stays as it was; the checks then report it,
one Danish message per cell, in the upgraded workbook's cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.schema import (
    CONTRACT_POINTS,
    EARLIER_LAYOUTS,
    KONTRAKT,
    WORKBOOKS,
    EarlierLayout,
    RenamedValue,
    Workbook,
    normalize_header,
    workbook_of,
)
from ..reading import read_inputs
from ..reading.container import UnsafeWorkbook, find_file
from ..reading.xlsx import load

Grid = list[list[object]]  # a sheet's cells as the reader reads them, row by row

__all__ = ["Change", "Upgrade", "upgrade_folder"]


@dataclass(frozen=True)
class Change:
    """One thing the upgrade did to one workbook, said in Danish for the console."""

    file: str
    text: str


@dataclass
class Upgrade:
    """What the upgrade did: the layout it found (None: nothing to do), the changes
    by workbook, and where each original is kept."""

    version: str | None = None
    changes: list[Change] = field(default_factory=list)
    kept: dict[str, Path] = field(default_factory=dict)  # file name -> the kept original

    def lines(self) -> list[str]:
        """The changes as the console lists them, workbook by workbook."""
        if not self.changes:
            return []
        lines = [
            f"Projektmapperne er lavet med en tidligere udgave af programmet "
            f"(version {self.version}) og er nu opgraderet:"
        ]
        for file, kept in self.kept.items():
            lines.append(f"  {file} (originalen er gemt som {kept.name}):")
            lines += [f"    – {c.text}" for c in self.changes if c.file == file]
        return lines


def upgrade_folder(folder: Path) -> Upgrade:
    """Upgrade the workbooks in ``folder`` if they are of an earlier layout.

    Returns what was done (nothing, for this version's workbooks). Raises
    ``CannotContinue``, having changed nothing, when a workbook that needs the
    upgrade is open in Excel or cannot be written.
    """
    files = _files(folder)
    grids: dict[str, Grid | None] = {}  # each sheet looked at is read once
    for layout in EARLIER_LAYOUTS:
        if _is_of(layout, files, grids):
            return _upgrade(layout, folder, files)
    return Upgrade()


def _files(folder: Path) -> dict[str, Path]:
    found = {}
    for spec in WORKBOOKS:
        path, _ = find_file(folder, spec.filename, {})
        if path is not None:
            found[spec.filename] = path
    return found


def _is_of(layout: EarlierLayout, files: dict[str, Path], grids: dict[str, Grid | None]) -> bool:
    """The old columns stand, the new one does not: no workbook of this version looks so."""
    for merged in layout.merged:
        spec = workbook_of(merged.sheet)
        grid = _grid(files, merged.sheet, grids)
        if grid is not None:
            headers = [normalize_header(value) for value in grid[0] if value not in (None, "")]
            new = normalize_header(spec.sheet(merged.sheet).column(merged.key).header)
            old = {normalize_header(header) for header in merged.headers}
            if new not in headers and old <= set(headers):
                return True
    return any(_holds(files, mark, grids) for mark in layout.marks)


def _grid(files: dict[str, Path], sheet: str, grids: dict[str, Grid | None]) -> Grid | None:
    """``sheet``'s cells, read as the reader reads them (its safety checks first), once
    per look at the folder; None when the file or the sheet cannot be read (the
    reader then says why) or the sheet is empty."""
    if sheet not in grids:
        spec = workbook_of(sheet)
        grids[sheet] = None
        if spec.filename in files:
            try:
                data = load(files[spec.filename], spec.filename, [sheet])
            except (UnsafeWorkbook, OSError):
                return None
            found = data.sheets.get(normalize_header(sheet))
            if found is not None and found.grid:
                grids[sheet] = found.grid
    return grids[sheet]


def _holds(files: dict[str, Path], mark: RenamedValue, grids: dict[str, Grid | None]) -> bool:
    """Whether the mark's old value stands in its column (matched as headers are), in a
    row it applies to, read as the reader reads it; False when it cannot be read (the
    reader says why)."""
    grid = _grid(files, mark.sheet, grids)
    if grid is None:
        return False
    spec = workbook_of(mark.sheet)
    columns = [normalize_header(cell) if cell not in (None, "") else "" for cell in grid[0]]
    at = {
        key: columns.index(header)
        for key in {mark.key, *(key for key, _ in mark.beside)}
        if (header := normalize_header(spec.sheet(mark.sheet).column(key).header)) in columns
    }
    if mark.key not in at:
        return False
    for row in grid[1:]:
        values = {key: row[i] if len(row) > i else None for key, i in at.items()}
        if mark.renames(values[mark.key], values):
            return True
    return False


def _readable(path: Path, spec: Workbook) -> bool:
    """Whether the reader would read the workbook: its safety checks (size, DTDs, a
    sheet's extent) before openpyxl opens it whole. If not, the reader says why."""
    try:
        load(path, spec.filename, [sheet.name for sheet in spec.sheets])
    except (UnsafeWorkbook, OSError):
        return False
    return True


def _upgrade(layout: EarlierLayout, folder: Path, files: dict[str, Path]) -> Upgrade:
    # The editing half (openpyxl and ny's writers) is imported only here, when a
    # folder needs an upgrade: every other run only looks, and importing openpyxl
    # cost about a sixth of the example's whole lav (0.28 s of 1.5 s on the
    # benchmark machine; benchmarks/RESULTS.md).
    from .edit import plan_upgrade
    from .files import refuse_open, render, write_all

    points = _contract_points(folder, files, layout)
    if points is None:  # kontrakt.xlsx cannot be read: the reader says why; upgrade later
        return Upgrade()
    plans = [
        plan_upgrade(layout, spec, files[spec.filename], points)
        for spec in _named(layout, files)
        if _readable(files[spec.filename], spec)
    ]
    plans = [plan for plan in plans if plan.changes]
    refuse_open(plans)
    contents = {plan.path: render(plan) for plan in plans}
    # The workbook whose columns mark the layout goes last: a run stopped half-way
    # still finds the layout the next time, and upgrades what is left.
    marking = {workbook_of(merged.sheet).filename for merged in layout.merged}
    order = sorted(contents, key=lambda path: path.name.casefold() in marking)
    kept = write_all({path: contents[path] for path in order})
    upgrade = Upgrade(layout.version)
    for plan in plans:  # listed in the workbooks' order
        upgrade.changes += [Change(plan.spec.filename, text) for text in plan.changes]
        upgrade.kept[plan.spec.filename] = kept[plan.path]
    return upgrade


def _named(layout: EarlierLayout, files: dict[str, Path]) -> list[Workbook]:
    """The workbooks the layout changes, and only those: the log's layout has not
    changed since version 1, and it is the one that grows to 100,000 rows."""
    sheets = {merged.sheet for merged in layout.merged} | {v.sheet for v in layout.values}
    named = {workbook_of(sheet).filename for sheet in sheets}
    named |= {file for file, _ in layout.added}
    return [spec for spec in WORKBOOKS if spec.filename in files and spec.filename in named]


def _contract_points(
    folder: Path, files: dict[str, Path], layout: EarlierLayout
) -> list[tuple[str, str]] | None:
    """(area, point) of kontrakt.xlsx's Kontraktpunkter, or the defaults the upgrade
    adds when the sheet is missing; None when kontrakt.xlsx cannot be read."""
    if KONTRAKT.filename not in files:
        return None
    inputs, _ = read_inputs(folder, (KONTRAKT,))
    if not inputs.files:
        return None
    table = inputs.table(CONTRACT_POINTS.name)
    if table is not None:
        rows = [row.values for row in table.rows]
    elif (KONTRAKT.filename, CONTRACT_POINTS.name) in layout.added:
        from ..start.workbooks import prefill  # only when upgrading: see _upgrade

        rows = prefill(CONTRACT_POINTS)
    else:
        return None
    # The points as the upgrade leaves them: a name the layout renames, renamed.
    renamed = {
        normalize_header(value.old): value.new
        for value in layout.values
        if (value.sheet, value.key) == (CONTRACT_POINTS.name, "point")
    }
    return [
        (str(row.get("area") or ""), renamed.get(normalize_header(row["point"]), str(row["point"])))
        for row in rows
        if row.get("point")
    ]
