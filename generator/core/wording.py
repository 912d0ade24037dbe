"""Danish words, numbers, counts and dates: the one formatter of the program.

The console, the report's filters (``render.formatting``), the appendix and the
error workbook all write numbers through ``number`` (fixed decimals, rounded
half up, a real minus sign) or ``as_written`` (a value quoted back to the author
as they typed it), counts through ``counted`` and month names and long dates
from here. Digits are grouped by Babel's Danish locale (``2.762.000``, ``3,4``,
``31. januar 2025``); values are rounded half up before Babel sees them,
because Babel rounds halves to even and a report must show 1.505 kr. for
1.504,50 kr.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import format_currency, format_decimal

LOCALE = "da_DK"
EN_DASH = "\u2013"
MINUS = "\u2212"  # a real minus sign, as in print
ELLIPSIS = "\u2026"
HOURS_DECIMALS = 1  # hours are kept to the tenth: "1.884,0 timer" in sentence and table alike

# The months as Danish writes them in running text ("januar" … "december"),
# January first; ``month_label`` gives the capitalised form of a table's row.
MONTH_NAMES: tuple[str, ...] = tuple(
    get_month_names("wide", locale=LOCALE)[month] for month in range(1, 13)
)

# The count words the program uses, singular → plural. One table, so that the
# console and the report never disagree ("1 advarsel", "2 advarsler").
PLURALS: dict[str, str] = {
    "advarsel": "advarsler",
    "fejl": "fejl",
    "henvisning": "henvisninger",
    "virksomhed": "virksomheder",
    "time": "timer",
    "møde": "møder",
    "måned": "måneder",
    "resultatmål": "resultatmål",
    "række": "rækker",
    "år": "år",
    "modtager": "modtagere",
    "emne": "emner",
    "projektmappe": "projektmapper",
    "punkt": "punkter",
    "kontraktpunkt": "kontraktpunkter",
    "samarbejde": "samarbejder",
    "mål": "mål",
    "celle": "celler",
    "værdi": "værdier",
}


def as_decimal(value: object) -> Decimal:
    """A number as the exact decimal it was written as: ``as_decimal(1883.95) ==
    Decimal("1883.95")``, as the formatter and the report's filters compute with it."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))  # the decimal as written: 1883.95, not its binary neighbour
    return Decimal(str(value))


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def noun(count: int | float | Decimal, singular: str, plural: str | None = None) -> str:
    """The noun that goes with ``count``: ``noun(1, "advarsel") == "advarsel"``,
    ``noun(2, "advarsel") == "advarsler"``. Only exactly one is singular
    (Danish says "0 advarsler", "1,5 timer")."""
    if count == 1:
        return singular
    return plural or PLURALS.get(singular, singular)


def number(value: object, decimals: int = 0) -> str:
    """A number as Danish print writes it, with a fixed number of decimals
    rounded half up: ``number(1884, 1) == "1.884,0"``, ``number(-2.5) == "−3"``;
    nothing for no value."""
    if value is None or value == "":
        return ""
    exact = as_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    exact = abs(exact) if exact == 0 else exact  # -0.04 to one decimal is 0,0, never −0,0
    return format_decimal(exact, format=_pattern(decimals), locale=LOCALE).replace("-", MINUS)


def as_written(value: object) -> str:
    """A value quoted back to the author in a message, with every decimal it has
    and the minus sign as typed: ``as_written(1234.5) == "1.234,5"``,
    ``as_written(Decimal("-0.50")) == "-0,5"``."""
    exact = as_decimal(value).normalize()
    if not exact.is_finite():
        return str(value)
    decimals = max(-int(exact.as_tuple().exponent), 0)
    return format_decimal(exact, format=_pattern(decimals), locale=LOCALE)


def as_in_excel(value: float) -> str:
    """A cell's number as Danish Excel shows it in a General cell, ungrouped with a
    decimal comma: ``as_in_excel(1234.5) == "1234,5"``, ``as_in_excel(2e15) == "2e+15"``."""
    if abs(value) >= 1e15:
        return f"{value:.6g}".replace(".", ",")
    return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")


def counted(count: object, singular: str, plural: str | None = None, decimals: int = 0) -> str:
    """A count with its noun: ``counted(1, "advarsel") == "1 advarsel"``,
    ``counted(1234, "henvisning") == "1.234 henvisninger"``; nothing for no value."""
    if count is None:
        return ""
    return f"{number(count, decimals)} {noun(as_decimal(count), singular, plural)}"


def hours(value: object) -> str:
    """Hours, always with one decimal: ``hours(1884) == "1.884,0 timer"``."""
    return f"{number(value, HOURS_DECIMALS)} timer"


def kroner(value: object) -> str:
    """Whole kroner: ``kroner(2762000) == "2.762.000 kr."``; nothing for no value."""
    if value is None or value == "":
        return ""
    exact = as_decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    exact = abs(exact) if exact == 0 else exact
    text = format_currency(exact, "DKK", format="#,##0 ¤", locale=LOCALE, currency_digits=False)
    return text.replace("-", MINUS)


def year_range(first: int, last: int) -> str:
    """A period as Danish typography writes it: ``2020–2023`` (en dash)."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"


def shortened(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters: a longer one is cut at a character,
    trailing spaces dropped, and ends in an ellipsis (``shortened("Innovationsmiljøer",
    8) == "Innovat…"``), as a message, a chart label or an Excel prompt quotes it."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + ELLIPSIS


def month_name(month: int) -> str:
    """``month_name(3) == "marts"``, as in running text."""
    return MONTH_NAMES[month - 1]


def month_label(month: int) -> str:
    """``month_label(3) == "Marts"``, as a table's row or a heading names it."""
    return month_name(month).capitalize()


def long_date(value: date | datetime | None) -> str:
    """``long_date(date(2025, 1, 31)) == "31. januar 2025"``; nothing for no date."""
    if value is None:
        return ""
    return format_date(value, "d. MMMM y", locale=LOCALE)


def timestamp(value: datetime) -> str:
    """``timestamp(datetime(2026, 11, 27, 14, 5)) == "27. november 2026 kl. 14.05"``."""
    return format_datetime(value, "d. MMMM y 'kl.' HH.mm", locale=LOCALE)
