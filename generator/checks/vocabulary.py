"""Values that must come from a list: fixed vocabularies and the Lister sheet."""

from __future__ import annotations

from ..core.problems import Code, Problem, did_you_mean, error, warning
from ..core.schema import HENVISNINGER, WORKBOOKS, Column, normalize_header
from ..reading import Inputs, Table
from ..reading.normalise import LISTS_SHEET, allowed_values, list_columns, vocabularies


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

    A value that differs from its list only in case or spacing has been given the
    listed spelling already (``generator/reading/normalise.py``); it is no problem.
    """
    lists = vocabularies(inputs)
    lists_present = inputs.table(LISTS_SHEET.name) is not None
    problems = []
    for sheet, table in inputs.sheet_tables():
        for column in list_columns(table, sheet):
            allowed = allowed_values(column, inputs, lists)
            if allowed is None:
                continue  # the source sheet is missing: reported already, once
            if not allowed and column.list_column:
                # One problem for the list, not one per row of the log (a missing
                # lists sheet is reported already).
                problems += [_empty_list(column, table)] if lists_present else []
                continue
            problems += _unknown_values(table, column, allowed)
    return problems


def _empty_list(column: Column, table: Table) -> Problem:
    return error(
        HENVISNINGER.filename,
        LISTS_SHEET.name,
        None,
        Code.EMPTY_LIST,
        f"Listen '{column.header}' på arket {LISTS_SHEET.name} er "
        f"tom, så kolonnen '{column.header}' på arket "
        f"{table.sheet} kan ikke tjekkes. Skriv de tilladte "
        "værdier på listen.",
    )


def _unknown_values(table: Table, column: Column, allowed: tuple[str, ...]) -> list[Problem]:
    if column.list_from is not None:
        source_name = column.list_from[0]
        where = f"arket {source_name} i {_file_of(source_name)}"
    elif column.list_column:
        where = f"listen '{column.header}' på arket {LISTS_SHEET.name}"
    else:
        where = "listen"
    # A value differing from a list entry only in case or spacing has its listed
    # spelling already (``normalise``); what is not on the list as written is not.
    exact = set(allowed)
    problems = []
    for row in table.rows:
        value = row.values.get(column.key)
        if value is None or value in exact:
            continue
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


def _file_of(sheet_name: str) -> str:
    return next(wb.filename for wb in WORKBOOKS if any(s.name == sheet_name for s in wb.sheets))


def _suggest(value: str, allowed: tuple[str, ...]) -> str:
    close = did_you_mean(value, allowed)
    if close:
        return f" Mente du '{close}'?"
    if len(allowed) <= 8:
        return " Vælg en af: " + ", ".join(f"'{option}'" for option in allowed) + "."
    return " Vælg fra rullelisten, eller tilføj værdien til listen, hvis den er ny."
