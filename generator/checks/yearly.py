"""Checks of the yearly figures and texts: CFI goals, contract points, Karriereby, meetings."""

from __future__ import annotations

from decimal import Decimal

from ..core.numbering import accepted_numbers, in_contract, parse_number
from ..core.problems import Code, Problem, error, warning
from ..core.schema import (
    CAREER,
    CONTRACT_POINTS,
    FOCUS,
    FTE_BAND,
    GOALS,
    MEETINGS,
    MEETINGS_PER_YEAR,
    POINT_STATUSES,
    goal_reached,
    normalize_header,
)
from ..core.wording import counted, hours
from ..reading import Inputs, Row, Table
from ..reading.model import Settings, months_met

FTE_LOW, FTE_HIGH = FTE_BAND  # Karriereby hours this far from one FTE warn


def check_goals(inputs: Inputs, year: int) -> list[Problem]:
    """A CFI goal of the report year must have its result; a number is one goal a year."""
    table = inputs.table(GOALS.name)
    if table is None:
        return []
    current = [row for row in table.rows if row.values.get("year") == year]
    pending = [row for row in current if row.values.get("result") is None]
    if pending and "result" not in table.columns:
        return [
            error(
                table.file,
                table.sheet,
                None,
                Code.RESULT_MISSING,
                f"Kolonnen 'Resultat' mangler, så {counted(len(pending), 'resultatmål')} for "
                f"{year} har intet resultat. Tilføj kolonnen og udfyld den.",
            )
        ]
    problems = [
        error(
            table.file,
            table.sheet,
            table.ref(row, "result"),
            Code.RESULT_MISSING,
            f"Resultatmål '{row.values.get('goal') or ''}' for {year} har intet resultat. "
            "Udfyld kolonnen 'Resultat'.",
        )
        for row in pending
        # a result that is there but unreadable is reported already, at this cell
        if table.ref(row, "result") not in table.faulty_cells
    ]
    return (
        problems
        + _doubled_goal_numbers(table, current, year)
        + _missed_without_comment(table, current, year)
    )


def _missed_without_comment(table: Table, rows: list[Row], year: int) -> list[Problem]:
    """A missed goal needs its reason and follow-up beside it in the report."""
    problems = []
    for row in rows:
        values = row.values
        result, target = values.get("result"), values.get("target")
        if result is None or target is None or (values.get("comment") or "").strip():
            continue
        if not goal_reached(result, target, values.get("direction")):
            problems.append(
                warning(
                    table.file,
                    table.sheet,
                    table.ref(row, "comment") if "comment" in table.columns else None,
                    Code.GOAL_WITHOUT_COMMENT,
                    f"Resultatmål '{values.get('goal') or ''}' er ikke nået i {year}, og "
                    "kolonnen 'Kommentar' er tom. Skriv årsag og opfølgning i cellen; den står "
                    "ved målet i rapporten.",
                )
            )
    return problems


def _doubled_goal_numbers(table: Table, rows: list[Row], year: int) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for row in rows:
        number = row.values.get("number")
        if number is None:
            continue
        if first.setdefault(number, row.number) != row.number:
            problems.append(
                warning(
                    table.file,
                    table.sheet,
                    table.ref(row, "number"),
                    Code.DUPLICATE_GOAL,
                    f"Resultatmål nr. {number} for {year} står også i række "
                    f"{first[number]}. Giv hvert mål sit eget nummer.",
                )
            )
    return problems


def check_point_numbers(inputs: Inputs) -> list[Problem]:
    """Every number on Kontraktpunkter is one the contract (3 a i) or Bilag 1 (Bilag 1,
    pkt. 1 c) has: the report prints them, and never a § the contract does not have."""
    points = inputs.table(CONTRACT_POINTS.name)
    if points is None or "number" not in points.columns:
        return []
    problems = []
    for row in points.rows:
        written = row.values.get("number")
        if written is None:
            continue
        parsed = parse_number(written)
        if parsed is not None and in_contract(parsed):
            continue
        what = (
            f"Kontrakten har ikke nummeret '{written}'"
            if parsed is not None
            else f"Nummeret '{written}' kan ikke læses som et nummer i kontrakten"
        )
        problems.append(
            error(
                points.file,
                points.sheet,
                points.ref(row, "number"),
                Code.POINT_NUMBER,
                f"{what} (punktet '{row.values.get('point') or ''}'). Kontrakten har "
                f"{accepted_numbers()}. Skriv nummeret, som kontrakten gør, fx '3 a i' eller "
                "'4 b', eller som bilag 1 gør, fx 'Bilag 1, pkt. 1 c'.",
            )
        )
    return problems


def check_contract_points(inputs: Inputs, year: int) -> list[Problem]:
    """Every contract point needs a row for the report year, so none vanishes unseen.

    The report still lists a point without a row; the warning tells the author
    before the committee notices the gap.
    """
    points, focus = inputs.table(CONTRACT_POINTS.name), inputs.table(FOCUS.name)
    if points is None or focus is None or "point" not in focus.columns:
        return []
    known = {
        normalize_header(row.values["point"]) for row in points.rows if row.values.get("point")
    }
    if any(
        row.values.get("year") is None
        or row.values.get("point") is None
        or normalize_header(row.values["point"]) not in known
        for row in focus.rows
    ):
        return []  # a row in error (unreadable, or not a contract point) may be the missing one
    reported = {
        normalize_header(row.values["point"])
        for row in focus.rows
        if row.values.get("year") == year and row.values.get("point")
    }
    return [
        warning(
            focus.file,
            focus.sheet,
            None,
            Code.POINT_WITHOUT_ROW,
            f"Kontraktpunktet '{_label(row.values)}' har "
            f"ingen række for {year}. Tilføj en række med punktet, dets status og en kort "
            f"beskrivelse (status '{POINT_STATUSES[-1]}', hvis der intet er sket). I "
            "rapporten står punktet nu uden aktivitet.",
        )
        for row in points.rows
        if row.values.get("point") and normalize_header(row.values["point"]) not in reported
    ]


def check_career_hours(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    table = inputs.table(CAREER.name)
    if table is None or settings is None:
        return []
    total = sum(
        (
            row.values["hours"]
            for row in table.rows
            if row.values.get("year") == year and row.values.get("hours") is not None
        ),
        Decimal(0),
    )
    fte = settings.hours_per_fte
    if fte and not FTE_LOW * fte <= total <= FTE_HIGH * fte:
        return [
            warning(
                table.file,
                table.sheet,
                None,
                Code.CAREER_HOURS,
                f"Der er registreret {hours(total)} på Karriereby Viborg i {year}, "
                f"langt fra ét årsværk ({hours(fte)}). Tjek, at alle timer er med.",
            )
        ]
    return []


def check_meetings(inputs: Inputs, year: int) -> list[Problem]:
    table = inputs.table(MEETINGS.name)
    if table is None:
        return []
    months = months_met((row.values.get("date") for row in table.rows), year)
    if len(months) < MEETINGS_PER_YEAR:
        return [
            warning(
                table.file,
                table.sheet,
                None,
                Code.FEW_MEETINGS,
                f"Der er registreret månedsmøder i {len(months)} af {MEETINGS_PER_YEAR} "
                f"måneder i {year}. Tilføj de manglende, hvis de er holdt.",
            )
        ]
    return []


def _label(values: dict[str, object]) -> str:
    """'§ 3 a i. Arsenalet' or 'Bilag 1, pkt. 1 c. Center for Industri (CFI)'."""
    number_text = values.get("number")
    parsed = parse_number(number_text if isinstance(number_text, str) else None)
    number = parsed.label if parsed else f"§ {values.get('number') or ''}"
    return f"{number}. {values['point']}"
