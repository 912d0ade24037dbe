"""Normalise stage, between read and check: list values take their listed spelling.

Reading has already typed every cell and trimmed every text (``reading/cells.py``).
Here a value that differs from a list entry only in case or spacing is put right
('smv:digital' becomes 'SMV:Digital'): it means the same, and the dropdown in
Excel would have given the listed spelling anyway. This is the only stage that
changes values: it hands on a new ``Inputs`` (a row put right is a new row; the
``Inputs`` read is left as it was), and the checks after it only find.

A value on no list is left as typed. The checks report it as an error, and an
error stops the report before the compute stage sees the value.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.schema import HENVISNINGER, Column, Kind, Sheet, normalize_header
from . import Inputs, Table

LISTS_SHEET = HENVISNINGER.sheet("Lister")


def normalise(inputs: Inputs) -> Inputs:
    """``inputs`` with every list value in its listed spelling (a new ``Inputs``)."""
    lists = vocabularies(inputs)
    result = inputs
    for sheet, table in inputs.sheet_tables():
        # a list taken from another sheet is read as that sheet stands normalised
        normalised = _normalise_table(table, sheet, result, lists)
        if normalised is not table:
            result = replace(result, tables={**result.tables, sheet.name: normalised})
    return result


def vocabularies(inputs: Inputs) -> dict[str, tuple[str, ...]]:
    """The author's lists, by the key of their column on the lists sheet."""
    table = inputs.table(LISTS_SHEET.name)
    lists: dict[str, dict[str, str]] = {column.key: {} for column in LISTS_SHEET.columns}
    if table is not None:
        for row in table.rows:
            for key, value in row.values.items():
                # the first spelling wins: 'SMV:Digital' and 'smv:digital' are one entry
                if value:
                    lists[key].setdefault(normalize_header(value), value)
    return {key: tuple(values.values()) for key, values in lists.items()}


def allowed_values(
    column: Column, inputs: Inputs, lists: dict[str, tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The values ``column`` may hold; None when they come from a sheet that is missing."""
    if column.list_from is not None:
        source_name, key = column.list_from
        source = inputs.table(source_name)
        if source is None:
            return None
        return tuple(dict.fromkeys(r.values[key] for r in source.rows if r.values.get(key)))
    if column.list_column:
        return lists.get(column.list_column, ())
    return column.choices


def list_columns(table: Table, sheet: Sheet) -> list[Column]:
    """The columns of ``sheet`` present in ``table`` whose values come from a list."""
    return [
        column
        for column in sheet.columns
        if (column.kind is Kind.CHOICE or column.list_from) and column.key in table.columns
    ]


def _normalise_table(
    table: Table, sheet: Sheet, inputs: Inputs, lists: dict[str, tuple[str, ...]]
) -> Table:
    """``table`` with its list values in their listed spelling: the same table when
    every value is spelled as listed, else a new one (a row put right is a new row)."""
    changes: dict[int, dict[str, str]] = {}  # row index -> the values put right
    for column in list_columns(table, sheet):
        allowed = allowed_values(column, inputs, lists)
        if not allowed:
            continue
        # Exact spellings first: most cells match as typed, and a dict lookup
        # is far cheaper than normalizing 100,000 cells.
        spelling: dict[str, str | None] = {value: value for value in allowed}
        canonical = {normalize_header(value): value for value in allowed}
        key = column.key
        for index, row in enumerate(table.rows):
            value = row.values.get(key)
            if value is None:
                continue
            if value not in spelling:
                spelling[value] = canonical.get(normalize_header(value))
            listed = spelling[value]
            if listed is not None and listed != value:
                changes.setdefault(index, {})[key] = listed
    if not changes:
        return table
    rows = tuple(
        row._replace(values={**row.values, **changes[index]}) if index in changes else row
        for index, row in enumerate(table.rows)
    )
    return replace(table, rows=rows)
