"""Danish words and numbers for counts and ranges, shared by the console and the report.

Kept free of Babel so that messages (``tjek``) do not pay for importing it.
The report's filters (``render.formatting``) take their nouns, dashes and minus
sign from here and write numbers with Babel's Danish locale;
``tests/test_wording.py`` holds the two number writers to the same text, so the
console and the report never disagree on a word, a dash or a number.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

EN_DASH = "\u2013"
MINUS = "\u2212"  # a real minus sign, as in print
HOURS_DECIMALS = 1  # hours are kept to the tenth: "1.884,0 timer" in sentence and table alike

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


def noun(count: int | float, singular: str, plural: str | None = None) -> str:
    """The noun that goes with ``count``: ``noun(1, "advarsel") == "advarsel"``,
    ``noun(2, "advarsel") == "advarsler"``. Only exactly one is singular
    (Danish says "0 advarsler", "1,5 timer")."""
    if count == 1:
        return singular
    return plural or PLURALS.get(singular, singular)


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """A count with its noun: ``counted(1, "advarsel") == "1 advarsel"``,
    ``counted(1234, "henvisning") == "1.234 henvisninger"``."""
    return f"{number(count)} {noun(count, singular, plural)}"


def number(value: object, decimals: int = 0) -> str:
    """A number as Danish print writes it, with a fixed number of decimals
    rounded half up: ``number(1884, 1) == "1.884,0"``, ``number(-2.5) == "−3"``."""
    exact = Decimal(repr(value) if isinstance(value, float) else str(value))
    exact = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{abs(exact):,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{MINUS}{text}" if exact < 0 else text


def hours(value: object) -> str:
    """Hours, always with one decimal: ``hours(1884) == "1.884,0 timer"``."""
    return f"{number(value, HOURS_DECIMALS)} timer"


def year_range(first: int, last: int) -> str:
    """A period as Danish typography writes it: ``2020–2023`` (en dash)."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"
