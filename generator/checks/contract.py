"""Checks of the contract settings and the price index."""

from __future__ import annotations

from decimal import Decimal

from ..core.problems import Code, Problem, error, warning
from ..core.schema import ESTIMATE, EXAMPLE_SOURCE_WORD, PRICE_INDEX, SETTINGS_SHEET
from ..core.wording import as_written
from ..reading import Inputs, Row, Table
from ..reading.model import Settings

FRACTION_LIMIT = Decimal("0.1")  # a yearly PL rate this small is most likely a fraction
# No price index moves more than this in a year; a larger rate is a typing
# slip, and compounding it over the period would overflow the exact sum.
RATE_LIMIT = Decimal(100)
# The units a sum may be rounded to: whole kroner up to whole thousands. A
# larger unit rounds the contract's items (tens of thousands of kroner) to 0 kr.
ROUNDING_UNITS = (1, 10, 100, 1000)
# One full-time year in hours: 1,924 (37 hours × 52 weeks) gross, about 1,650
# net of holidays. Below 1,000 is not one year's work by any count; above 2,500
# exceeds the 48 hours a week that the EU working-time directive allows.
FTE_HOURS = (Decimal(1000), Decimal(2500))


def check_settings(inputs: Inputs, settings: Settings | None) -> list[Problem]:
    table = inputs.table(SETTINGS_SHEET.name)
    if table is None or settings is None:
        return []
    problems = []
    low, high = FTE_HOURS
    if not low <= settings.hours_per_fte <= high:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "hours_per_fte"), "hours_per_fte"),
                Code.INVALID_FTE,
                f"Timer pr. årsværk er {as_written(settings.hours_per_fte)}; ét årsværk "
                f"er mellem {as_written(low)} og {as_written(high)} timer, fx 1924 "
                "(37 timer om ugen i 52 uger). Ret tallet.",
            )
        )
    if settings.rounding not in ROUNDING_UNITS:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "rounding"), "rounding"),
                Code.INVALID_ROUNDING,
                f"Afrunding er {as_written(settings.rounding)}, men skal være 1 (hele "
                "kroner), 10, 100 eller 1000 (nærmeste tusinde).",
            )
        )
    if settings.base_amount <= 0:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "base_amount"), "base_amount"),
                Code.INVALID_BASE_AMOUNT,
                "Grundbeløbet er 0 kr.; det skal være den årlige kontraktsum i kroner, "
                "fx 2762000. Ret beløbet.",
            )
        )
    if settings.last_year < settings.first_year:
        problems.append(
            error(
                table.file,
                table.sheet,
                table.ref(_row(table, "last_year"), "last_year"),
                Code.INVALID_PERIOD,
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
                Code.INVALID_PRICE_LEVEL,
                f"Prisniveauet ({settings.price_level}) ligger efter kontraktens "
                f"første år ({settings.first_year}). Ret årstallet.",
            )
        )
    return problems


def _row(table: Table, key: str) -> int:
    return next(row.number for row in table.rows if key in row.values)


def check_price_index(inputs: Inputs, settings: Settings | None, year: int) -> list[Problem]:
    """Every year from the price level to the report year has one rate; estimates warn.

    The rows of other periods are set aside already; a row for a later year of the
    period may wait for its rate (KL publishes it in the course of the year).
    """
    table = inputs.table(PRICE_INDEX.name)
    if table is None or settings is None:
        return []
    needed = settings.period.price_index_years(year)
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
                    Code.DUPLICATE_RATE_YEAR,
                    f"Året {when} står også i række {by_year[when]}. Der må kun "
                    "være én sats pr. år: slet den ene.",
                )
            )
            continue
        by_year[when] = row.number
        if when in needed and row.values.get("rate") is None and _left_blank(table, row):
            problems.append(
                error(
                    table.file,
                    table.sheet,
                    table.ref(row, "rate"),
                    Code.EMPTY_CELL,
                    f"Satsen for {when} skal udfyldes, for kontraktsummen for {year} bygger "
                    "på den. Skriv ændringen i procent, fx 1,9; er det kun et skøn, så sæt "
                    f"Status til {ESTIMATE}.",
                )
            )
        problems += _rate_problems(table, row, when, when in needed)
    problems += [
        error(
            table.file,
            table.sheet,
            None,
            Code.RATE_MISSING,
            f"Satsen for {missing} mangler, så kontraktsummen for {year} kan ikke "
            f"beregnes. {PRICE_INDEX.help} Tilføj en række for {missing}.",
        )
        for missing in needed
        if missing not in by_year
    ]
    return problems


def _left_blank(table: Table, row: Row) -> bool:
    """The rate cell is empty (an unreadable one is reported already, at its cell)."""
    cell = table.ref(row, "rate")
    return cell is None or cell not in table.faulty_cells


def _rate_problems(table: Table, row: Row, when: int, needed: bool) -> list[Problem]:
    problems = []
    rate = row.values.get("rate")
    if rate is not None and abs(rate) > RATE_LIMIT:
        return [
            error(
                table.file,
                table.sheet,
                table.ref(row, "rate"),
                Code.IMPLAUSIBLE_NUMBER,
                f"Satsen for {when} er {as_written(rate)} %; en årlig ændring i "
                f"pris- og lønskønnet er aldrig over {as_written(RATE_LIMIT)} %. "
                "Ret tallet, fx 2,9.",
            )
        ]
    # A rate typed as 2,9 % in a per-cent-formatted cell is stored as 0.029:
    # the sum would then be regulated by 0,029 %, silently.
    if rate is not None and 0 < abs(rate) < FRACTION_LIMIT:
        problems.append(
            warning(
                table.file,
                table.sheet,
                table.ref(row, "rate"),
                Code.RATE_AS_FRACTION,
                f"Satsen for {when} er læst som {as_written(rate)} %, hvilket er "
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
                Code.ESTIMATED_RATE,
                f"Satsen for {when} er stadig et skøn. Opdatér den, når KL's "
                "endelige tal foreligger.",
            )
        )
    return problems


def check_example_sources(inputs: Inputs, settings: Settings | None) -> list[Problem]:
    """Real data must not rest on an example rate: with Eksempeldata = Nej, a
    source that still says "eksempel" means the shipped rates were never replaced."""
    table = inputs.table(PRICE_INDEX.name)
    if table is None or settings is None or settings.example_data:
        return []
    return [
        error(
            table.file,
            table.sheet,
            table.ref(row, "source"),
            Code.EXAMPLE_RATE,
            f"Kilden '{row.values['source']}' siger, at satsen for {row.values.get('year')} "
            "er et eksempel, men Eksempeldata er sat til Nej på arket "
            f"{SETTINGS_SHEET.name}. Skriv den rigtige sats og dens kilde (fx KL's "
            "pris- og lønskøn), eller sæt Eksempeldata til Ja.",
        )
        for row in table.rows
        if EXAMPLE_SOURCE_WORD in str(row.values.get("source") or "").casefold()
    ]
