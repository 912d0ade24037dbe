"""Checks of the referral log and the meetings: dates, duplicates, the report year."""

from __future__ import annotations

from datetime import date

from ..core.problems import Code, Problem, column_letter, error, warning
from ..core.schema import (
    MEETINGS,
    REFERRALS,
    normalize_header,
)
from ..reading import Inputs
from ..reading.period import dated_in, in_future


def check_dates(inputs: Inputs, today: date) -> list[Problem]:
    """No date lies in the future. (Dates outside the contract period are set aside
    before the checks, and told once per workbook, not here row by row.)"""
    problems = []
    for sheet in (REFERRALS.name, MEETINGS.name):
        table = inputs.table(sheet)
        if table is None:
            continue
        for row in table.rows:
            when = row.values.get("date")
            if in_future(when, today):
                problems.append(
                    error(
                        table.file,
                        table.sheet,
                        table.ref(row, "date"),
                        Code.FUTURE_DATE,
                        f"Datoen {when:%d-%m-%Y} ligger i fremtiden. Ret datoen.",
                    )
                )
    return problems


def check_duplicate_referrals(inputs: Inputs) -> list[Problem]:
    """The same company referred to the same place on the same day is likely entered twice."""
    table = inputs.table(REFERRALS.name)
    if table is None:
        return []
    first_seen: dict[tuple[object, ...], int] = {}
    names: dict[str, str] = {}  # company as typed -> normalized, computed once per name
    problems = []
    # A log can hold 178,000 duplicates: name the column once, not per problem.
    company_column = column_letter(table.columns.get("company", 0))
    for row in table.rows:
        values = row.values
        if None in (
            values.get("date"),
            values.get("company"),
            values.get("recipient"),
            values.get("topic"),
        ):
            continue  # an unreadable value is reported already; it matches nothing
        company = values["company"]
        if company not in names:
            names[company] = normalize_header(company)
        who = values.get("cvr") or names[company]
        key = (values["date"], who, values.get("recipient"), values.get("topic"))
        first = first_seen.setdefault(key, row.number)
        if first != row.number:
            problems.append(
                warning(
                    table.file,
                    table.sheet,
                    f"{company_column}{row.number}",
                    Code.LIKELY_DUPLICATE,
                    f"Rækken ligner række {first} (samme dato, virksomhed, "
                    "modtager og emne). Slet den, hvis den er tastet to gange.",
                )
            )
    return problems


def check_referrals_in_year(inputs: Inputs, year: int) -> list[Problem]:
    """A report year without a single referral is allowed, but surely worth a look."""
    table = inputs.table(REFERRALS.name)
    if table is None or any(dated_in(row.values.get("date"), year) for row in table.rows):
        return []
    return [
        warning(
            table.file,
            table.sheet,
            None,
            Code.NO_REFERRALS_IN_YEAR,
            f"Der er ingen henvisninger dateret i {year}. Er loggen for {year} ført ind?",
        )
    ]
