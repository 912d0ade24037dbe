"""The contract's settings sheet: two columns, Felt and Værdi, one row per setting."""

from __future__ import annotations

from ..core.problems import Code, Problem, cell_name, error
from ..core.schema import SETTINGS_HEADERS, Column, Sheet, normalize_header
from .cells import PARSERS
from .tables import Row, Table, map_headers, read_cell, structure_problems
from .xlsx import SheetData


def read_settings(data: SheetData, spec: Sheet, file: str) -> tuple[Table, list[Problem]]:
    """A two-column sheet (Felt, Værdi): one row per declared setting."""
    felt, vaerdi = (
        Column(key=h, header=h, kind=spec.columns[0].kind, help="") for h in SETTINGS_HEADERS
    )
    grid = data.grid
    columns, problems = map_headers(grid[0] if grid else [], (felt, vaerdi), file, spec.name)
    problems += structure_problems(data, file, set(columns.values()), len(grid))
    if len(columns) < 2:
        return Table(file, spec.name, {}), problems
    key_at, value_at = columns[felt.key], columns[vaerdi.key]
    by_name = {normalize_header(c.header): c for c in spec.columns}
    values: dict[str, object] = {}
    first_row: dict[str, int] = {}
    at: dict[str, int] = {}
    rows: list[Row] = []
    for index in range(1, len(grid)):
        row = grid[index]
        name = normalize_header(row[key_at]) if key_at < len(row) else ""
        column = by_name.get(name)
        if column is None:
            continue
        if column.key in values:
            problems.append(
                error(
                    file,
                    spec.name,
                    cell_name(index, key_at),
                    Code.DUPLICATE_SETTING,
                    f"Indstillingen '{column.header}' står også i række "
                    f"{first_row[column.key]}. Slet den ene, så der kun er én.",
                )
            )
            continue
        first_row[column.key] = index + 1
        raw = row[value_at] if value_at < len(row) else ""
        at[column.key] = value_at
        values[column.key] = read_cell(
            raw, index, value_at, column, PARSERS[column.kind], data, problems, file
        )
        rows.append(Row(index + 1, {column.key: values[column.key]}))
    for column in spec.columns:
        if column.key not in values:
            problems.append(
                error(
                    file,
                    spec.name,
                    None,
                    Code.SETTING_MISSING,
                    f"Indstillingen '{column.header}' mangler i kolonnen "
                    f"'{felt.header}'. Tilføj en række med '{column.header}' "
                    f"og værdien ({column.help})",
                )
            )
    return Table(file, spec.name, at, tuple(rows)), problems
