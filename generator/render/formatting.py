"""The Jinja filters of the Word template: the report's words for the one formatter.

Every number, count, sum and date is written by ``core.wording`` (Babel's Danish
locale, rounded half up); the filters here only add the report's phrasing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from ..core.wording import (
    as_decimal,
    counted,
    noun,
    timestamp,
    year_range,
)

# The report's filters and render's modules write these through this module too.
from ..core.wording import kroner as kroner
from ..core.wording import long_date as long_date
from ..core.wording import number as number


def smart_number(value: object) -> str:
    """A number as written: 40 → '40', 1.9 → '1,9', 1.275 → '1,275' (at most 4 decimals)."""
    if value is None or value == "":
        return ""
    exact = as_decimal(value).normalize()
    exponent = exact.as_tuple().exponent  # a letter only for NaN and infinity
    return number(exact, min(max(-exponent, 0), 4) if isinstance(exponent, int) else 0)


def percent(value: object, decimals: int = 1) -> str:
    """3.41 (per cent) → '3,4 %'."""
    return "" if value is None else f"{number(value, decimals)} %"


def signed(value: object, decimals: int = 0) -> str:
    """12 → '+12', -5 → '−5', 0 → '0'."""
    if value is None:
        return ""
    text = number(value, decimals)
    return f"+{text}" if as_decimal(value) > 0 else text


def signed_percent(value: object, decimals: int = 1) -> str:
    return "" if value is None else f"{signed(value, decimals)} %"


def factor(value: object) -> str:
    """The regulation factor with four decimals, as a committee reads it: 1.045537 → '1,0455'."""
    return number(value, 4)


def count(value: object, singular: str, decimals: int = 0) -> str:
    """A number with its noun in the right form: 1 → '1 henvisning', 2 → '2 henvisninger'."""
    return counted(value, singular, decimals=decimals)


def change(value: object, pct: object, year: object, noun_singular: str = "") -> str:
    """The change in words, sign after: '8 flere end i 2022 (+8,6 %)', '3 færre end i
    2022 (−2,9 %)', 'samme antal som i 2022'. ``noun_singular`` names what is counted
    ('8 henvisninger flere …') when the sentence needs it."""
    if value is None:
        return ""
    amount = as_decimal(value)
    if amount == 0:
        return f"samme antal som i {year}"
    what = f" {noun(abs(amount), noun_singular)}" if noun_singular else ""
    word = "flere" if amount > 0 else "færre"
    sign = f" ({signed_percent(pct)})" if pct is not None else ""
    return f"{number(abs(amount))}{what} {word} end i {year}{sign}"


def enumeration(items: Iterable[object]) -> str:
    """A Danish list: ['juli', 'august', 'december'] → 'juli, august og december'."""
    words = [str(item) for item in items]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} og {words[-1]}"


def period(first: int, last: int) -> str:
    """'2020–2023' with an en dash."""
    return year_range(first, last)


def short_date(value: date | datetime | None) -> str:
    """date(2025, 1, 31) → '31-01-2025'."""
    return "" if value is None else value.strftime("%d-%m-%Y")


def yes_no(value: bool) -> str:
    return "Ja" if value else "Nej"


FILTERS: dict[str, Callable[..., str]] = {
    "tal": number,
    "tal_auto": smart_number,
    "kr": kroner,
    "pct": percent,
    "fortegn": signed,
    "fortegn_pct": signed_percent,
    "faktor": factor,
    "antal": count,
    "aendring": change,
    "periode": period,
    "opremsning": enumeration,
    "dato": long_date,
    "kort_dato": short_date,
    "tidspunkt": timestamp,
    "ja_nej": yes_no,
}
