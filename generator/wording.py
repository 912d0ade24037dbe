"""Danish words for counts and ranges, shared by the console and the report.

Kept free of Babel so that messages (``tjek``) do not pay for importing it;
the report's number filters live in ``render.formatting`` and call these for
the words.
"""

from __future__ import annotations

EN_DASH = "\u2013"

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
}


def noun(count: int | float, singular: str, plural: str | None = None) -> str:
    """The noun that goes with ``count``: ``noun(1, "advarsel") == "advarsel"``,
    ``noun(2, "advarsel") == "advarsler"``. Only exactly one is singular
    (Danish says "0 advarsler", "1,5 timer")."""
    if count == 1:
        return singular
    return plural or PLURALS.get(singular, singular)


def year_range(first: int, last: int) -> str:
    """A period as Danish typography writes it: ``2020–2023`` (en dash)."""
    return str(first) if first == last else f"{first}{EN_DASH}{last}"
