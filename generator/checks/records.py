"""Checks across rows and sheets, once each cell has been read as its type."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from ..model import Settings
from ..problems import Problem, danish_number, error, warning
from ..reading import Inputs, Table
from ..reading.cells import is_blank
from ..schema import (
    CAREER,
    EARMARKS,
    ESTIMATE,
    FOCUS,
    FOCUS_AREAS,
    GOALS,
    MEETINGS,
    PRICE_INDEX,
    REFERRALS,
    SETTINGS_SHEET,
    normalize_header,
)

FTE_LOW, FTE_HIGH = Decimal("0.8"), Decimal("1.1")  # Karriereby hours this far from one FTE warn
FRACTION_LIMIT = Decimal("0.1")  # a yearly PL rate this small is most likely a fraction
MEETINGS_PER_YEAR = 12


def check_dates(inputs: Inputs, settings: Settings | None, today: date) -> list[Problem]:
    """No date lies in the future; referrals outside the contract period are flagged."""
    problems = []
    for sheet in (REFERRALS.name, MEETINGS.name):
        table = inputs.table(sheet)
        if table is None:
            continue
        for row in table.rows:
            when = row.values.get("date")
            if when is None:
                continue
            if when > today:
                problems.append(
                    error(
                        table.file,
                        table.sheet,
                        table.ref(row, "date"),
                        "fremtidig-dato",
                        f"Datoen {when:%d-%m-%Y} ligger i fremtiden. Ret datoen.",
                    )
                )
                row.values["date"] = None
            elif (
                # An impossible period (Sidste år before Første år) is reported once
                # by check_settings, not again for every referral.
                settings
                and sheet == REFERRALS.name
                and settings.contract_years()
                and when.year not in settings.contract_years()
            ):
                problems.append(
                    warning(
                        table.file,
                        table.sheet,
                        table.ref(row, "date"),
                        "uden-for-perioden",
                        f"Datoen {when:%d-%m-%Y} ligger uden for kontraktperioden "
                        f"{settings.first_year}-{settings.last_year}. Tjek årstallet.",
                    )
                )
    return problems


def check_duplicate_referrals(inputs: Inputs) -> list[Problem]:
    """The same company referred to the same place on the same day is likely entered twice."""
    table = inputs.table(REFERRALS.name)
    if table is None:
        return []
    first_seen: dict[tuple, int] = {}
    names: dict[str, str] = {}  # company as typed -> normalized, computed once per name
    problems = []
    for row in table.rows:
        values = row.values
        if None in (
            values.get("date"),
            values.get("company"),
            values.get("recipient"),
            values.get("topic"),
        ):
            continue  # a value already reported as wrong would make false matches
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
                    table.ref(row, "company"),
                    "mulig-dublet",
                    f"Rækken ligner række {first} (samme dato, virksomhed, "
                    "modtager og emne). Slet den, hvis den er tastet to gange.",
                )
            )
    return problems


def check_settings(inputs: Inputs, settings: Settings | None) -> list[Problem]:
    table = inputs.table(SETTINGS_SHEET.name)
    if table is None or settings is None:
        return []
    problems = []
    if settings.hours_per_fte <= 0:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "hours_per_fte"), "hours_per_fte"),
                "ugyldigt-aarsvaerk",
                "Timer pr. årsværk skal være større end 0, fx 1924.",
            )
        )
    if settings.rounding < 1:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "rounding"), "rounding"),
                "ugyldig-afrunding",
                "Afrunding skal være 1 (hele kroner) eller fx 1000 (nærmeste tusinde).",
            )
        )
    if settings.last_year < settings.first_year:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "last_year"), "last_year"),
                "ugyldig-periode",
                f"Sidste år ({settings.last_year}) ligger før første år "
                f"({settings.first_year}). Ret årstallene.",
            )
        )
    if settings.price_level > settings.first_year:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "price_level"), "price_level"),
                "ugyldig-prisniveau",
                f"Prisniveauet ({settings.price_level}) ligger efter kontraktens "
                f"første år ({settings.first_year}). Ret årstallet.",
            )
        )
    return problems


def _row(table: Table, key: str) -> int:
    return next(row.number for row in table.rows if key in row.values)


def check_price_index(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    """Every year from the price level to the report year has one rate; estimates warn."""
    table = inputs.table(PRICE_INDEX.name)
    if table is None or settings is None:
        return []
    problems = []
    by_year: dict[int, int] = {}
    for row in table.rows:
        when = row.values.get("year")
        if when is None:
            continue
        if when in by_year:
            problems.append(
                error(
                    table.file,
                    table.sheet,
                    table.ref(row, "year"),
                    "dobbelt-aar",
                    f"Året {when} står også i række {by_year[when]}. Der må kun "
                    "være én sats pr. år: slet den ene.",
                )
            )
            continue
        by_year[when] = row.number
        problems += _rate_problems(table, row, when, settings.price_level < when <= year)
    problems += [
        error(
            table.file,
            table.sheet,
            None,
            "prisindeks-mangler",
            f"Satsen for {missing} mangler, så kontraktsummen for {year} kan ikke "
            f"beregnes. {PRICE_INDEX.help} Tilføj en række for {missing}.",
        )
        for missing in range(settings.price_level + 1, year + 1)
        if missing not in by_year
    ]
    return problems


def _rate_problems(table: Table, row, when: int, needed: bool) -> list[Problem]:
    problems = []
    rate = row.values.get("rate")
    # A rate typed as 2,9 % in a per-cent-formatted cell is stored as 0.029:
    # the sum would then be regulated by 0,029 %, silently.
    if rate is not None and 0 < abs(rate) < FRACTION_LIMIT:
        problems.append(
            warning(
                table.file,
                table.sheet,
                table.ref(row, "rate"),
                "sats-som-broek",
                f"Satsen for {when} er læst som {danish_number(rate)} %, hvilket er "
                "meget lidt. Er cellen formateret som procent, så 2,9 % er gemt "
                "som 0,029? Skriv satsen som et almindeligt tal, fx 2,9.",
            )
        )
    if needed and row.values.get("status") == ESTIMATE:
        problems.append(
            warning(
                table.file,
                table.sheet,
                table.ref(row, "status"),
                "skoen",
                f"Satsen for {when} er stadig et skøn. Opdatér den, når KL's "
                "endelige tal foreligger.",
            )
        )
    return problems


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
                "resultat-mangler",
                f"Kolonnen 'Resultat' mangler, så de {len(pending)} resultatmål for "
                f"{year} har intet resultat. Tilføj kolonnen og udfyld den.",
            )
        ]
    grid = inputs.raw[GOALS.name].grid
    column = table.columns.get("result", 0)
    problems = [
        error(
            table.file,
            table.sheet,
            table.ref(row, "result"),
            "resultat-mangler",
            f"Resultatmål '{row.values.get('goal') or ''}' for {year} har intet resultat. "
            "Udfyld kolonnen 'Resultat'.",
        )
        for row in pending
        # a result that is there but unreadable is reported already, at this cell
        if is_blank(grid[row.number - 1][column])
    ]
    return problems + _doubled_goal_numbers(table, current, year)


def _doubled_goal_numbers(table: Table, rows: list, year: int) -> list[Problem]:
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
                    "dobbelt-maal",
                    f"Resultatmål nr. {number} for {year} står også i række "
                    f"{first[number]}. Giv hvert mål sit eget nummer.",
                )
            )
    return problems


def check_earmarks(inputs: Inputs, settings: Settings | None) -> list[Problem]:
    """Earmarks belong to contract years; one outside the period is never counted."""
    table = inputs.table(EARMARKS.name)
    if table is None or settings is None:
        return []
    return [
        warning(
            table.file,
            table.sheet,
            table.ref(row, "year"),
            "uden-for-perioden",
            f"Øremærkningen for {row.values['year']} ligger uden for kontraktperioden "
            f"{settings.first_year}-{settings.last_year} og tælles ikke med. Tjek årstallet.",
        )
        for row in table.rows
        if row.values.get("year") is not None
        and settings.contract_years()  # a backwards period is reported once, in the settings
        and row.values["year"] not in settings.contract_years()
    ]


def check_focus_areas(inputs: Inputs, year: int) -> list[Problem]:
    table = inputs.table(FOCUS.name)
    if table is None:
        return []
    described = {
        row.values.get("area")
        for row in table.rows
        if row.values.get("year") == year and row.values.get("description")
    }
    return [
        warning(
            table.file,
            table.sheet,
            None,
            "indsats-uden-tekst",
            f"Indsatsområdet '{area}' har ingen beskrivelse for {year}. Tilføj en "
            "række med en kort beskrivelse, så området ikke står tomt i rapporten.",
        )
        for area in FOCUS_AREAS
        if area not in described
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
                "karriereby-timer",
                f"Der er registreret {danish_number(total)} timer på Karriereby Viborg i {year}, "
                f"langt fra ét årsværk ({danish_number(fte)} timer). Tjek, at alle timer er med.",
            )
        ]
    return []


def check_meetings(inputs: Inputs, year: int) -> list[Problem]:
    table = inputs.table(MEETINGS.name)
    if table is None:
        return []
    months = defaultdict(list)
    for row in table.rows:
        when = row.values.get("date")
        if when is not None and when.year == year:
            months[when.month].append(row)
    if len(months) < MEETINGS_PER_YEAR:
        return [
            warning(
                table.file,
                table.sheet,
                None,
                "faa-moeder",
                f"Der er registreret månedsmøder i {len(months)} af 12 måneder i {year}. "
                "Tilføj de manglende, hvis de er holdt.",
            )
        ]
    return []


def check_referrals_in_year(inputs: Inputs, year: int) -> list[Problem]:
    """A report year without a single referral is allowed, but surely worth a look."""
    table = inputs.table(REFERRALS.name)
    if table is None or any(
        row.values.get("date") is not None and row.values["date"].year == year for row in table.rows
    ):
        return []
    return [
        warning(
            table.file,
            table.sheet,
            None,
            "ingen-henvisninger-i-aaret",
            f"Der er ingen henvisninger dateret i {year}. Er loggen for {year} ført ind?",
        )
    ]
