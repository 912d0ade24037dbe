"""Turn a sheet's raw grid into typed rows, following its declaration in the schema.

Headers sit in row 1 and are matched case- and whitespace-insensitively;
extra columns are ignored. Every problem found on the way (a missing header,
an empty required cell, a value of the wrong type, blank, hidden or merged
rows) is collected with its exact cell, and reading goes on.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..core.problems import (
    Code,
    Level,
    Problem,
    cell_name,
    cell_position,
    column_letter,
    error,
    warning,
)
from ..core.schema import SETTINGS_SHEET, Column, Sheet, normalize_header
from ..core.wording import EN_DASH
from .cells import BLANK, FAST_PATHS, MISS, PARSERS, Parsed, is_blank, shown
from .xlsx import SheetData


class Row(NamedTuple):
    """One data row: its number in Excel (1-based) and its typed values by column key.

    A NamedTuple, not a dataclass: a log of 100,000 rows makes 100,000 of these,
    and a tuple is several times cheaper to create.
    """

    number: int
    # Each value is of its column's declared kind (``Kind``), or None: Any, so that a
    # check reads a date column's values as dates without testing each one again.
    values: dict[str, Any]


@dataclass(frozen=True)
class Table:
    """The typed rows of one sheet, and where each column sits, for cell references.

    Frozen: a stage that changes rows (normalise, set aside) makes a new table.
    """

    file: str
    sheet: str
    columns: Mapping[str, int] = field(default_factory=dict)  # key -> 0-based column
    rows: tuple[Row, ...] = ()
    # Cells reading reported as errors (unreadable, or empty though required): their
    # value is None, and a check must not report the same cell again as missing.
    faulty_cells: frozenset[str] = frozenset()

    def ref(self, row: Row | int, key: str) -> str | None:
        number = row.number if isinstance(row, Row) else row
        column = self.columns.get(key)
        return None if column is None else f"{column_letter(column)}{number}"


def read_table(data: SheetData, spec: Sheet, file: str) -> tuple[Table, list[Problem]]:
    """Typed rows of a table sheet. Works column by column: the same kind of
    value in a column takes the same fast path, which keeps 100,000 rows fast."""
    grid = data.grid
    columns, problems = map_headers(grid[0] if grid else [], spec.columns, file, spec.name)
    problems += structure_problems(data, file, set(columns.values()), len(grid))
    indexes = _data_rows(grid, file, spec.name, problems)
    width = len(grid[0]) if grid else 0
    parsed: dict[str, list[object]] = {}
    cell_problems: list[Problem] = []
    for column in spec.columns:
        if column.key in columns:
            position = columns[column.key]
            # calamine's grid is a rectangle from A1, so every row has this column
            raw: list[object] = (
                [grid[i][position] for i in indexes] if position < width else [""] * len(indexes)
            )
            parsed[column.key] = _parse_column(
                raw, indexes, column, position, data, cell_problems, file
            )
    keys = list(parsed)
    values = zip(*parsed.values(), strict=False) if parsed else ((),) * len(indexes)
    dicts = [dict(zip(keys, row, strict=False)) for row in values]
    rows = tuple(map(Row, [i + 1 for i in indexes], dicts))
    cell_problems.sort(key=lambda p: _cell_order(p.cell))
    faulty = frozenset(
        p.cell for p in cell_problems if p.level is Level.ERROR and p.cell is not None
    )
    return Table(file, spec.name, columns, rows, faulty), problems + cell_problems


def _data_rows(
    grid: list[list[object]], file: str, sheet: str, problems: list[Problem]
) -> list[int]:
    """0-based indexes of the non-blank rows below the header; blank runs inside warn."""
    indexes: list[int] = []
    blank_start = None
    for index in range(1, len(grid)):
        if _blank_row(grid[index]):
            blank_start = index if blank_start is None else blank_start
            continue
        if blank_start is not None:
            problems.append(_blank_rows(file, sheet, blank_start, index))
            blank_start = None
        indexes.append(index)
    return indexes


def _blank_row(row: list[object]) -> bool:
    return all(not (value != "" and not is_blank(value)) for value in row)


def _parse_column(
    raw: list[object],
    indexes: list[int],
    column: Column,
    position: int,
    data: SheetData,
    problems: list[Problem],
    file: str,
) -> list[object]:
    """Most cells take the kind's fast path in one list comprehension; the rest
    (and every cell of a sheet with uncached formulas) go through ``read_cell``."""
    fast, parser = FAST_PATHS.get(column.kind), PARSERS[column.kind]
    if fast is None or data.uncached or data.error_values:
        return [
            read_cell(value, index, position, column, parser, data, problems, file)
            for value, index in zip(raw, indexes, strict=True)
        ]
    # A log repeats its values (a few thousand companies and CVR numbers, a
    # handful of recipients and topics): each distinct value is taken once.
    # Keyed with its type, as 1, 1.0 and True are equal but not the same cell.
    once = {key: fast(key[1]) for key in {(value.__class__, value) for value in raw}}
    values = [once[value.__class__, value] for value in raw]
    if MISS in values or BLANK in values:
        for at in [at for at, value in enumerate(values) if value is MISS or value is BLANK]:
            if values[at] is BLANK and not column.required:
                values[at] = None
            else:
                values[at] = read_cell(
                    raw[at], indexes[at], position, column, parser, data, problems, file
                )
    return values


def _cell_order(cell: str | None) -> tuple[int, int]:
    return (-1, -1) if cell is None else cell_position(cell)


def _label(column: Column, data: SheetData) -> str:
    """How a message names the value: a column, or on the Kontrakt sheet a setting."""
    kind = "Indstillingen" if data.name.casefold() == SETTINGS_SHEET.name.casefold() else "Kolonnen"
    return f"{kind} '{column.header}'"


def read_cell(
    raw: object,
    index: int,
    position: int,
    column: Column,
    parser: Callable[[object], Parsed],
    data: SheetData,
    problems: list[Problem],
    file: str,
) -> object:
    shown_error = data.error_values.get(cell_name(index, position)) if data.error_values else None
    if shown_error is not None:
        problems.append(
            error(
                file,
                data.name,
                cell_name(index, position),
                Code.EXCEL_ERROR,
                f"Cellen viser Excel-fejlen {shown_error} i stedet for en værdi "
                f"i kolonnen '{column.header}'. Ret formlen eller skriv "
                "værdien direkte.",
            )
        )
        return None
    if data.uncached and cell_name(index, position) in data.uncached:
        problems.append(
            error(
                file,
                data.name,
                cell_name(index, position),
                Code.FORMULA_WITHOUT_VALUE,
                f"Cellen indeholder en formel uden gemt resultat, så værdien "
                f"i kolonnen '{column.header}' kan ikke læses. Åbn filen i Excel "
                "og gem den igen (så regner Excel formlen ud).",
            )
        )
        return None
    if is_blank(raw):
        if column.required:
            problems.append(
                error(
                    file,
                    data.name,
                    cell_name(index, position),
                    Code.EMPTY_CELL,
                    f"{_label(column, data)} skal udfyldes. {column.help}",
                )
            )
        return None
    value, issue = parser(raw)
    if issue is not None:
        level, code, message = issue
        make = error if level is Level.ERROR else warning
        problems.append(
            make(
                file,
                data.name,
                cell_name(index, position),
                code,
                f"{_label(column, data)}: {message}",
            )
        )
    return value


def _blank_rows(file: str, sheet: str, start: int, stop: int) -> Problem:
    if stop - start == 1:
        text = f"Række {start + 1} er tom midt i dataene. Den springes over; slet den gerne."
    else:
        text = (
            f"Rækkerne {start + 1}{EN_DASH}{stop} er tomme midt i dataene. De springes over; "
            "slet dem gerne."
        )
    return warning(
        file,
        sheet,
        f"A{start + 1}",
        Code.BLANK_ROW,
        text,
    )


def map_headers(
    header: list[object], columns: tuple[Column, ...], file: str, sheet: str
) -> tuple[dict[str, int], list[Problem]]:
    """Find each declared column in the header row; explain the missing and the doubled."""
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    by_name = {normalize_header(c.header): c for c in columns}
    seen: dict[str, int] = {}
    for position, text in enumerate(header):
        name = normalize_header(text) if not is_blank(text) else ""
        if name in by_name:
            if name in seen:
                problems.append(
                    error(
                        file,
                        sheet,
                        cell_name(0, position),
                        Code.DUPLICATE_COLUMN,
                        f"Kolonnen '{by_name[name].header}' står to gange (også "
                        f"i {cell_name(0, seen[name])}). Slet eller omdøb den ene.",
                    )
                )
                continue
            seen[name] = position
            positions[by_name[name].key] = position
    unused = {
        position: shown(text)
        for position, text in enumerate(header)
        if not is_blank(text) and normalize_header(text) not in by_name
    }
    for column in columns:
        if column.key not in positions:
            problems.append(_missing_column(column, unused, file, sheet))
    return positions, problems


def _missing_column(column: Column, unused: dict[int, str], file: str, sheet: str) -> Problem:
    make = error if column.required else warning
    lowered = {text.casefold(): position for position, text in unused.items()}
    close = difflib.get_close_matches(column.header.casefold(), list(lowered), 1, 0.6)
    if close:
        position = lowered[close[0]]
        return make(
            file,
            sheet,
            cell_name(0, position),
            Code.COLUMN_MISSING,
            f"Kolonnen '{column.header}' mangler. Overskriften '{unused[position]}' i "
            f"{cell_name(0, position)} ligner: mente du '{column.header}'? Ret "
            "overskriften i række 1.",
        )
    found = ", ".join(f"'{text}'" for text in unused.values()) or "ingen"
    return make(
        file,
        sheet,
        None,
        Code.COLUMN_MISSING,
        f"Kolonnen '{column.header}' mangler i række 1 (ukendte overskrifter: {found}). "
        f"Tilføj den. {column.help}",
    )


def structure_problems(data: SheetData, file: str, used: set[int], height: int) -> list[Problem]:
    problems = []
    for name, top, left, _bottom, right in data.merged:
        if any(left <= position <= right for position in used) and top < height:
            problems.append(
                error(
                    file,
                    data.name,
                    cell_name(top, left),
                    Code.MERGED_CELLS,
                    f"Cellerne {name} er flettet. Flettede celler skjuler data; "
                    "ophæv fletningen (Start › Flet og centrer) og udfyld "
                    "hver celle.",
                )
            )
    for number in sorted(data.hidden_rows):
        if 1 < number <= height:
            problems.append(
                warning(
                    file,
                    data.name,
                    f"A{number}",
                    Code.HIDDEN_ROW,
                    f"Række {number} er skjult, men tælles med. Vis den "
                    "(højreklik › Vis), og slet den, hvis den ikke skal med.",
                )
            )
    for position in sorted(data.hidden_columns & used):
        problems.append(
            warning(
                file,
                data.name,
                cell_name(0, position),
                Code.HIDDEN_COLUMN,
                f"Kolonne {column_letter(position)} er skjult, men læses med. Vis den "
                "(højreklik på kolonnebogstavet › Vis), så du kan se, hvad der står.",
            )
        )
    return problems
