"""The upgrade of one workbook, in memory: columns merged, values renamed, the
sheets it lacks added by ``ny``'s own writers, ``ny``'s checks on every sheet."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter

from ..core.problems import cell_name
from ..core.schema import (
    CONTRACT_POINTS,
    GUIDE_SHEET,
    HENVISNINGER,
    LISTS,
    EarlierLayout,
    MergedColumns,
    Sheet,
    Workbook,
    normalize_header,
)
from ..core.wording import counted
from ..start.guide import write_guide
from ..start.workbooks import (
    LAST_ROW,
    add_points_copy,
    add_table_sheet,
    setting_check,
    table_checks,
)

# Parts of a workbook openpyxl does not carry over when it saves one.
LOST_PARTS = ("xl/drawings/", "xl/charts/", "xl/media/", "xl/pivot", "xl/embeddings/")


@dataclass
class Plan:
    """One workbook's upgrade, done in memory, not yet written."""

    spec: Workbook
    path: Path
    book: Any
    points: list[str]
    changes: list[str] = field(default_factory=list)
    added: set[str] = field(default_factory=set)  # sheets written whole by ny's code


def plan_upgrade(
    layout: EarlierLayout, spec: Workbook, path: Path, points: list[tuple[str, str]]
) -> Plan:
    plan = Plan(spec, path, _open(path), [point for _, point in points])
    if plan.book is None:  # the reader reports a broken workbook in Danish
        return plan
    for merged in layout.merged:
        if merged.sheet in [sheet.name for sheet in spec.sheets]:
            _merge(plan, merged, layout, points)
    for sheet, key in dict.fromkeys((v.sheet, v.key) for v in layout.values):
        if sheet in [s.name for s in spec.sheets] and key not in _merged_keys(layout, sheet):
            _rename(plan, spec.sheet(sheet), key, layout)
    _add_sheets(plan, layout)
    if plan.changes:
        _refresh_checks(plan)
        plan.changes += _lost_parts(path) + _formulas(plan)
    return plan


def _formulas(plan: Plan) -> list[str]:
    """openpyxl keeps a formula but not the result Excel saved with it: the reader
    would find no value. Excel computes them again when the file is saved there."""
    count = sum(
        1
        for ws in plan.book.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.data_type == "f"
    )
    if not count:
        return []
    return [
        f"{counted(count, 'celle')} med formler har mistet det resultat, Excel gemte: åbn "
        f"{plan.spec.filename} i Excel, og gem den igen, så regnes de på ny"
    ]


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # openpyxl warns of what it drops, on stderr
        warnings.simplefilter("ignore")
        try:
            return load_workbook(path)
        except Exception:  # a broken file raises many kinds; the reader tells which
            return None


def _merged_keys(layout: EarlierLayout, sheet: str) -> set[str]:
    return {merged.key for merged in layout.merged if merged.sheet == sheet}


def _sheet(book: Any, name: str) -> Any:
    """The sheet of that name, matched as the reader matches it (case and spaces aside)."""
    for title in book.sheetnames:
        if normalize_header(title) == normalize_header(name):
            return book[title]
    return None


def _columns(ws: Any) -> dict[str, int]:
    """Normalized header → 1-based column, from row 1."""
    found: dict[str, int] = {}
    for cell in next(ws.iter_rows(min_row=1, max_row=1), ()):
        if cell.value not in (None, ""):
            found.setdefault(normalize_header(cell.value), cell.column)
    return found


def _renames(layout: EarlierLayout, sheet: str, key: str) -> dict[str, str]:
    return {
        normalize_header(value.old): value.new
        for value in layout.values
        if (value.sheet, value.key) == (sheet, key)
    }


class _Outcome(NamedTuple):
    """What merging the rows did: how many rows, which were renamed, which not mapped."""

    rows: int
    renamed: dict[tuple[str, str], list[int]]  # (as written, the point) -> row numbers
    unmapped: list[int]


def _merge(
    plan: Plan, merged: MergedColumns, layout: EarlierLayout, points: list[tuple[str, str]]
) -> None:
    """The old columns become the new one at the first one's place: the value
    mapped onto the list it now chooses from, or left as written when it cannot be."""
    ws = _sheet(plan.book, merged.sheet)
    if ws is None:
        return
    columns = _columns(ws)
    column = plan.spec.sheet(merged.sheet).column(merged.key)
    found = [columns.get(normalize_header(header)) for header in merged.headers]
    old = [position for position in found if position is not None]
    if len(old) < len(found) or normalize_header(column.header) in columns:
        return
    outcome = _merge_rows(ws, old, points, _renames(layout, merged.sheet, merged.key))
    ws.cell(1, old[0]).value = column.header
    widths = _widths(ws)
    for position in sorted(old[1:], reverse=True):
        ws.delete_cols(position)
    _shift_widths(ws, widths, old[1:], {old[0]: column.width})
    # openpyxl moves cells, not validations: from the first old column on, they are
    # out of place (ny's are added again to the columns the sheet now has)
    _drop_checks(ws, set(range(min(old), max(_check_columns(ws), default=0) + 1)))
    target = old[0] - sum(1 for position in old[1:] if position < old[0])

    def cells(rows: list[int]) -> str:
        return _shown([cell_name(row - 1, target - 1) for row in rows])

    where = f"arket {merged.sheet}"
    chooses_from = column.list_from[0] if column.list_from else merged.sheet
    plan.changes.append(
        f"{where}: kolonnerne {_listed(merged.headers)} er erstattet af {column.header}, der "
        f"vælger punktet fra arket {chooses_from} ({counted(outcome.rows, 'række')})"
    )
    plan.changes += [
        f"{where}: '{was}' er nu '{now}' ({counted(len(rows), 'celle')}: {cells(rows)})"
        for (was, now), rows in outcome.renamed.items()
    ]
    if outcome.unmapped:
        plan.changes.append(
            f"{where}: {counted(len(outcome.unmapped), 'værdi')} kunne ikke kobles til et punkt "
            f"og står, som de stod ({cells(outcome.unmapped)}); vælg punktet fra listen (se "
            "fejlene nedenfor)"
        )


def _widths(ws: Any) -> dict[int, float | None]:
    return {
        column: ws.column_dimensions[get_column_letter(column)].width
        for column in range(1, ws.max_column + 1)
    }


def _shift_widths(
    ws: Any, widths: dict[int, float | None], deleted: list[int], given: dict[int, int]
) -> None:
    """openpyxl moves cells, not column widths: each column keeps its own width
    (``given`` sets the new column's, as ``ny`` would)."""
    kept = [column for column in sorted(widths) if column not in deleted]
    for new, column in enumerate(kept, start=1):
        width = given.get(column, widths[column])
        if width:
            ws.column_dimensions[get_column_letter(new)].width = width
    for gone in range(len(kept) + 1, len(widths) + 1):
        ws.column_dimensions.pop(get_column_letter(gone), None)


def _merge_rows(
    ws: Any, old: list[int], points: list[tuple[str, str]], renames: dict[str, str]
) -> _Outcome:
    """Each row's point, written into the first old column."""
    outcome = _Outcome(0, {}, [])
    rows = 0
    for row in range(2, ws.max_row + 1):
        values = [ws.cell(row, position).value for position in old]
        if all(value is None or not str(value).strip() for value in values):
            continue
        rows += 1
        written = str(values[-1] if values[-1] not in (None, "") else values[0]).strip()
        point = _match(written, str(values[0] or ""), points, renames)
        if point is None:
            outcome.unmapped.append(row)
        elif normalize_header(point) != normalize_header(written):
            outcome.renamed.setdefault((written, point), []).append(row)
        ws.cell(row, old[0]).value = point or written
    return outcome._replace(rows=rows)


def _shown(cells: list[str], limit: int = 5) -> str:
    return ", ".join(cells[:limit]) + (" …" if len(cells) > limit else "")


def _match(
    written: str, area: str, points: list[tuple[str, str]], renames: dict[str, str]
) -> str | None:
    """The contract point a written name means: the same name, the earlier version's
    name of it, or the one point (of the same area, where the area is known) whose
    name holds the written one as whole words, or is held by it."""
    names = {normalize_header(point): point for _, point in points}
    key = normalize_header(written)
    for each in (normalize_header(renames.get(key, "")), key):
        if each in names:
            return names[each]
    if not key:
        return None
    same_area = [point for a, point in points if normalize_header(a) == normalize_header(area)]
    hits = [point for point in same_area or names.values() if _within(key, normalize_header(point))]
    return hits[0] if len(hits) == 1 else None


def _within(one: str, other: str) -> bool:
    return f" {one} " in f" {other} " or f" {other} " in f" {one} "


def _listed(items: tuple[str, ...]) -> str:
    return " og ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else items[0]


def _rename(plan: Plan, sheet: Sheet, key: str, layout: EarlierLayout) -> None:
    """Values the earlier version wrote, spelled as this version lists them."""
    ws = _sheet(plan.book, sheet.name)
    if ws is None:
        return
    column = sheet.column(key)
    columns = _columns(ws)
    position = columns.get(normalize_header(column.header))
    if position is None:
        return
    renames = [v for v in layout.values if (v.sheet, v.key) == (sheet.name, key)]
    beside = {
        other: columns[normalize_header(sheet.column(other).header)]
        for value in renames
        for other, _ in value.beside
        if normalize_header(sheet.column(other).header) in columns
    }
    done: dict[tuple[str, str], list[str]] = {}
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row, position)
        if not isinstance(cell.value, str):
            continue
        values = {other: ws.cell(row, at).value for other, at in beside.items()}
        found = next((value for value in renames if value.renames(cell.value, values)), None)
        if found is not None:
            done.setdefault((cell.value.strip(), found.new), []).append(cell.coordinate)
            cell.value = found.new
    for (was, now), cells in done.items():
        plan.changes.append(
            f"arket {sheet.name}: {column.header} '{was}' er nu '{now}' "
            f"({counted(len(cells), 'celle')}: {_shown(cells)})"
        )


def _add_sheets(plan: Plan, layout: EarlierLayout) -> None:
    """The sheets the earlier version did not have, as ``ny`` writes them."""
    book, spec = plan.book, plan.spec
    wanted = [name for file, name in layout.added if file == spec.filename]
    for name in wanted:
        if name == GUIDE_SHEET or _sheet(book, name) is not None:
            continue
        sheet = spec.sheet(name)
        add_table_sheet(book, sheet, _index(book, spec, sheet), _lists(spec), plan.points)
        plan.added.add(name)
        plan.changes.append(_added(sheet, plan.points))
    if plan.changes and any(c.list_from for s in spec.sheets for c in s.columns):
        add_points_copy(book, plan.points)
    # Only with a change of the data's own: the help alone is no reason to rewrite.
    if GUIDE_SHEET in wanted and plan.changes and _sheet(book, GUIDE_SHEET) is None:
        write_guide(book, spec)
        plan.changes.append(f"arket {GUIDE_SHEET} er tilføjet: det forklarer hvert ark og kolonne")
    renewed = [name for file, name in layout.renewed if file == spec.filename]
    old = _sheet(book, GUIDE_SHEET)
    if GUIDE_SHEET in renewed and plan.changes and old is not None:
        place = book.sheetnames.index(old.title)
        book.remove(old)
        write_guide(book, spec)
        book.move_sheet(book[GUIDE_SHEET], place - book.sheetnames.index(GUIDE_SHEET))
        plan.changes.append(
            f"arket {GUIDE_SHEET} er skrevet på ny, så det forklarer kolonnerne, som denne "
            "udgave læser dem"
        )


def _added(sheet: Sheet, points: list[str]) -> str:
    if sheet is CONTRACT_POINTS:
        return (
            f"arket {sheet.name} er tilføjet med kontraktens {len(points)} punkter, som "
            "programmet kender dem; ret dem, hvis jeres kontrakt har andre"
        )
    if sheet.optional:
        return f"arket {sheet.name} er tilføjet, tomt (det må gerne blive tomt)"
    return f"arket {sheet.name} er tilføjet"


def _index(book: Any, spec: Workbook, sheet: Sheet) -> int:
    """Where a new sheet goes: after the schema's sheets before it that are there."""
    before = spec.sheets[: spec.sheets.index(sheet)]
    present = [book.sheetnames.index(ws.title) for s in before if (ws := _sheet(book, s.name))]
    return max(present) + 1 if present else 0


def _lists(spec: Workbook) -> Sheet | None:
    return LISTS if spec is HENVISNINGER else None


def _refresh_checks(plan: Plan) -> None:
    """Every sheet of an upgraded workbook gets ``ny``'s dropdowns and checks, at its
    columns' own places: the old ones (an area's list, say) no longer fit."""
    for sheet in plan.spec.sheets:
        ws = _sheet(plan.book, sheet.name)
        if ws is None or sheet.name in plan.added:
            continue
        if sheet.layout == "settings":
            _settings_checks(ws, sheet)
            continue
        columns = _columns(ws)
        positions = {
            c.key: columns[normalize_header(c.header)]
            for c in sheet.columns
            if normalize_header(c.header) in columns
        }
        _drop_checks(ws, set(positions.values()))
        last = max(LAST_ROW, ws.max_row + LAST_ROW // 5)
        for check in table_checks(sheet, positions, _lists(plan.spec), len(plan.points), last):
            ws.data_validations.append(check)


def _settings_checks(ws: Any, sheet: Sheet) -> None:
    """A setting's check beside its label, wherever the author has its row."""
    labels = {normalize_header(c.header): c for c in sheet.columns}
    _drop_checks(ws, {2})
    for row in range(2, ws.max_row + 1):
        label = ws.cell(row, 1).value
        column = labels.get(normalize_header(label)) if label else None
        if column is not None:
            ws.data_validations.append(setting_check(column, f"B{row}"))


def _check_columns(ws: Any) -> set[int]:
    """The (1-based) columns the sheet's validations touch."""
    return {
        column
        for dv in ws.data_validations.dataValidation
        for r in dv.sqref.ranges
        for column in range(r.min_col, r.max_col + 1)
    }


def _drop_checks(ws: Any, positions: set[int]) -> None:
    """Remove the validations that touch one of these (1-based) columns."""
    keep = [
        dv
        for dv in ws.data_validations.dataValidation
        if not any(positions & set(range(r.min_col, r.max_col + 1)) for r in dv.sqref.ranges)
    ]
    ws.data_validations.dataValidation = keep


def _lost_parts(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return []
    if any(name.startswith(LOST_PARTS) for name in names):
        return [
            "billeder, diagrammer og pivottabeller i filen kommer ikke med i den opgraderede "
            "udgave; de er i originalen"
        ]
    return []
