"""Values that must come from a list: fixed vocabularies and the Lister sheet."""

from __future__ import annotations

from ..problems import Code, Problem, did_you_mean, error, warning
from ..reading import Inputs, Table
from ..schema import HENVISNINGER, WORKBOOKS, Kind, Sheet, normalize_header

LISTS_SHEET = HENVISNINGER.sheet("Lister")


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


def check_lists_sheet(inputs: Inputs) -> list[Problem]:
    """Each recipient on the lists sheet needs its type beside it, and no list repeats."""
    table = inputs.table(LISTS_SHEET.name)
    if table is None:
        return []
    problems = []
    seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        if row.values.get("recipient") and not row.values.get("recipient_type"):
            problems.append(
                error(
                    table.file,
                    table.sheet,
                    table.ref(row, "recipient_type"),
                    Code.TYPE_MISSING,
                    f"'{row.values['recipient']}' mangler sin type. Skriv en af: "
                    f"{', '.join(LISTS_SHEET.column('recipient_type').choices)}.",
                )
            )
        for key in ("recipient", "topic"):
            value = row.values.get(key)
            if not value:
                continue
            first = seen.setdefault((key, normalize_header(value)), row.number)
            if first != row.number:
                problems.append(
                    warning(
                        table.file,
                        table.sheet,
                        table.ref(row, key),
                        Code.DUPLICATE_IN_LIST,
                        f"'{value}' står allerede i række {first}. Slet den ene.",
                    )
                )
    return problems


def check_choices(inputs: Inputs) -> list[Problem]:
    """Every list column holds a value from its list; close misspellings get a suggestion.

    Values that differ from the list only in case or spacing are put right
    silently: they mean the same, and the dropdown in Excel would have given
    the listed spelling anyway.
    """
    lists = vocabularies(inputs)
    lists_present = inputs.table(LISTS_SHEET.name) is not None
    problems = []
    for workbook in WORKBOOKS:
        for sheet in workbook.sheets:
            table = inputs.table(sheet.name)
            if table is not None:
                problems += _check_sheet(table, sheet, lists, lists_present)
                problems += _check_sheet_lists(table, sheet, inputs)
    return problems


def _check_sheet_lists(table: Table, sheet: Sheet, inputs: Inputs) -> list[Problem]:
    """Columns whose values come from a column of another sheet (Indsatser's Punkt
    from Kontraktpunkter). A missing source sheet is reported already, once."""
    problems = []
    for column in sheet.columns:
        if column.list_from is None or column.key not in table.columns:
            continue
        source_name, key = column.list_from
        source = inputs.table(source_name)
        if source is None:
            continue
        allowed = tuple(dict.fromkeys(r.values[key] for r in source.rows if r.values.get(key)))
        canonical = {normalize_header(value): value for value in allowed}
        for row in table.rows:
            value = row.values.get(column.key)
            if value is None:
                continue
            match = canonical.get(normalize_header(value))
            row.values[column.key] = match
            if match is None:
                problems.append(
                    error(
                        table.file,
                        table.sheet,
                        table.ref(row, column.key),
                        Code.UNKNOWN_VALUE,
                        f"'{value}' findes ikke på arket {source_name} i {source.file}."
                        f"{_suggest(value, allowed)}",
                    )
                )
    return problems


def _check_sheet(
    table: Table, sheet: Sheet, lists: dict[str, tuple[str, ...]], lists_present: bool
) -> list[Problem]:
    problems = []
    for column in sheet.columns:
        if column.kind is not Kind.CHOICE or column.key not in table.columns or column.list_from:
            continue
        allowed = lists.get(column.list_column, ()) if column.list_column else column.choices
        if not allowed:
            # One problem for the list, not one per row of the log (the missing
            # sheet itself is reported already).
            if lists_present:
                problems.append(
                    error(
                        HENVISNINGER.filename,
                        LISTS_SHEET.name,
                        None,
                        Code.EMPTY_LIST,
                        f"Listen '{column.header}' på arket {LISTS_SHEET.name} er "
                        f"tom, så kolonnen '{column.header}' på arket "
                        f"{table.sheet} kan ikke tjekkes. Skriv de tilladte "
                        "værdier på listen.",
                    )
                )
            continue
        canonical = {normalize_header(value): value for value in allowed}
        # Exact spellings first: most cells match as typed, and a dict lookup
        # is far cheaper than normalizing 100,000 cells.
        exact = {value: value for value in allowed}
        where = (
            f"listen '{column.header}' på arket {LISTS_SHEET.name}"
            if column.list_column
            else "listen"
        )
        for row in table.rows:
            value = row.values.get(column.key)
            if value is None:
                continue
            match = exact.get(value)
            if match is None:
                match = canonical.get(normalize_header(value))
                if match is not None:
                    exact[value] = match
            if match is not None:
                row.values[column.key] = match
                continue
            row.values[column.key] = None
            problems.append(
                error(
                    table.file,
                    table.sheet,
                    table.ref(row, column.key),
                    Code.UNKNOWN_VALUE,
                    f"'{value}' findes ikke på {where}.{_suggest(value, allowed)}",
                )
            )
    return problems


def _suggest(value: str, allowed: tuple[str, ...]) -> str:
    close = did_you_mean(value, allowed)
    if close:
        return f" Mente du '{close}'?"
    if len(allowed) <= 8:
        return " Vælg en af: " + ", ".join(f"'{option}'" for option in allowed) + "."
    return " Vælg fra rullelisten, eller tilføj værdien til listen, hvis den er ny."
