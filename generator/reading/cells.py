"""Turn one raw cell into a typed value, or say in Danish what is wrong with it.

Each parser takes what the spreadsheet reader gave (a date, a float, a
string, a bool or '') and returns ``(value, issue)``: ``issue`` is None or a
``(level, code, message)`` triple that the caller places at the cell. Values
typed as text but unambiguous (``31.01.2024``, ``1.234,50``) are accepted
with a warning so that every author gets the same answer.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from ..core.control_characters import without_control_characters
from ..core.problems import Code, Level
from ..core.schema import NO, YES, Kind
from ..core.wording import MONTH_NAMES, as_in_excel, as_written

Issue = tuple[Level, Code, str] | None
Parsed = tuple[object, Issue]

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1 January 1900 (Excel's leap-year bug included)
DATE_TEXT = re.compile(r"^(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{4})$")
ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
LONG_TEXT = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$", re.IGNORECASE)
DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
CURRENCY = re.compile(r"\s*(kr\.?|dkk|%)\s*$", re.IGNORECASE)
# Far above any amount, count or rate in a contract of this size; beyond it a
# value is a typing or export accident, and Decimal arithmetic on it (1e308,
# or a price factor raised to it) would fail instead of reporting the cell.
MAX_NUMBER = Decimal(10) ** 10
MAX_HOURS = Decimal(100_000)  # about 50 full-time years in one cell


# Characters that show nothing on their own: format characters (zero-width
# space and joiners, word joiner, byte order mark, soft hyphen: Unicode's Cf),
# separators, controls, and the fillers that draw as blank (Hangul and Braille).
INVISIBLE_CATEGORIES = ("Cf", "Cc", "Zs", "Zl", "Zp")
BLANK_LOOKING = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")


def is_blank(raw: object) -> bool:
    """Empty, or text with no character that shows: a name of zero-width spaces
    alone is as empty as no name."""
    if raw is None:
        return True
    if not isinstance(raw, str):
        return False
    if raw.isprintable() and not BLANK_LOOKING.intersection(raw):
        return not raw.strip()  # the common case, without a look at each character
    return not any(
        unicodedata.category(c) not in INVISIBLE_CATEGORIES and c not in BLANK_LOOKING for c in raw
    )


def shown(raw: object) -> str:
    """The value as the author would recognise it in a message."""
    if isinstance(raw, bool):
        return "SAND" if raw else "FALSK"  # as Danish Excel shows them
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return "#NUM!"  # what Excel shows for a number it cannot hold
        return as_in_excel(raw)
    return str(raw).strip()


def parse_text(raw: object) -> Parsed:
    """Text as written, trimmed; line breaks kept, control characters (which Word
    cannot hold) dropped."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw)), None
    if isinstance(raw, datetime | date):
        return raw.strftime("%d-%m-%Y"), None
    return without_control_characters(str(raw).replace("\r\n", "\n")).strip(), None


def parse_date(raw: object) -> Parsed:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 36526 <= raw < 73051:
        value = EXCEL_EPOCH + timedelta(days=int(raw))
        return value, (
            Level.WARNING,
            Code.DATE_AS_NUMBER,
            f"Datoen står som tallet {shown(raw)}; den er læst som "
            f"{value:%d-%m-%Y}. Giv cellen datoformat i Excel.",
        )
    if isinstance(raw, str):
        written = _date_from_text(raw.strip())
        if written is not None:
            return written, (
                Level.WARNING,
                Code.DATE_AS_TEXT,
                f"Datoen '{raw.strip()}' står som tekst; den er læst som "
                f"{written:%d-%m-%Y}. Skriv den som dato i Excel, så den kan sorteres.",
            )
    return None, (
        Level.ERROR,
        Code.INVALID_DATE,
        f"'{shown(raw)}' er ikke en gyldig dato. Skriv datoen som dd-mm-åååå, fx 31-01-2024.",
    )


def _date_from_text(text: str) -> date | None:
    for pattern, order in ((DATE_TEXT, (3, 2, 1)), (ISO_TEXT, (1, 2, 3))):
        match = pattern.match(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            return _safe_date(year, month, day)
    match = LONG_TEXT.match(text)
    if match and match.group(2).casefold() in MONTH_NAMES:
        month = MONTH_NAMES.index(match.group(2).casefold()) + 1
        return _safe_date(int(match.group(3)), month, int(match.group(1)))
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_number(raw: object) -> Parsed:
    if isinstance(raw, bool):
        return None, _not_a_number(raw)
    if isinstance(raw, int | float):
        if not math.isfinite(raw):
            return None, _not_a_number(raw)
        if abs(raw) > MAX_NUMBER:
            return None, _implausible(raw, MAX_NUMBER)
        # repr of a float is the shortest text that round-trips: 1.9 stays 1.9, not 1.899…
        if float(raw).is_integer():
            return Decimal(int(raw)), None
        return Decimal(repr(float(raw))), None
    if not isinstance(raw, str):
        return None, _not_a_number(raw)
    text = CURRENCY.sub("", raw.strip()).replace(" ", "").replace("\u00a0", "")
    if DANISH_NUMBER.match(text):
        value = Decimal(text.replace(".", "").replace(",", "."))
    elif PLAIN_NUMBER.match(text):
        value = Decimal(text)
    else:
        return None, _not_a_number(raw)
    if abs(value) > MAX_NUMBER:
        return None, _implausible(raw, MAX_NUMBER)
    return value, (
        Level.WARNING,
        Code.NUMBER_AS_TEXT,
        f"Tallet '{raw.strip()}' står som tekst; det er læst som "
        f"{as_written(value)}. Skriv det som tal i Excel.",
    )


def _not_a_number(raw: object) -> Issue:
    return (
        Level.ERROR,
        Code.INVALID_NUMBER,
        f"'{shown(raw)}' er ikke et tal. Skriv tallet med cifre, fx 1234,5.",
    )


def _implausible(raw: object, limit: Decimal, unit: str = "") -> Issue:
    shown_raw = shown(raw) if len(shown(raw)) <= 20 else f"{shown(raw)[:20]}…"
    return (
        Level.ERROR,
        Code.IMPLAUSIBLE_NUMBER,
        f"'{shown_raw}' er langt større end noget tal, rapporten kan bruge (højst "
        f"{as_written(limit)}{unit}). Ret tallet; måske er der tastet for mange cifre.",
    )


def _non_negative(
    parser: Callable[[object], Parsed], what: str, limit: Decimal = MAX_NUMBER, unit: str = ""
) -> Callable[[object], Parsed]:
    def parse(raw: object) -> Parsed:
        value, issue = parser(raw)
        if isinstance(value, Decimal) and value < 0:
            return None, (
                Level.ERROR,
                Code.NEGATIVE_NUMBER,
                f"{what} kan ikke være negativt ({as_written(value)}). Ret tallet.",
            )
        if isinstance(value, Decimal) and value > limit:
            return None, _implausible(raw, limit, unit)
        return value, issue

    return parse


def parse_count(raw: object) -> Parsed:
    value, issue = parse_number(raw)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return None, (
            Level.ERROR,
            Code.NOT_WHOLE,
            f"'{shown(raw)}' skal være et helt tal. Ret tallet.",
        )
    return (int(value) if isinstance(value, Decimal) else None), issue


def parse_year(raw: object) -> Parsed:
    value, issue = parse_count(raw)
    if not isinstance(value, int) or not 1990 <= value <= 2100:
        return None, (
            Level.ERROR,
            Code.INVALID_YEAR,
            f"'{shown(raw)}' er ikke et årstal. Skriv året med fire cifre, fx 2023.",
        )
    return value, issue


def parse_month(raw: object) -> Parsed:
    if isinstance(raw, str) and raw.strip().rstrip(".").casefold()[:3] in {
        m[:3] for m in MONTH_NAMES
    }:
        key = raw.strip().rstrip(".").casefold()
        for number, name in enumerate(MONTH_NAMES, start=1):
            if name.startswith(key) or key.startswith(name[:3]):
                return number, None
    value, issue = parse_count(raw)
    if not isinstance(value, int) or not 1 <= value <= 12:
        return None, (
            Level.ERROR,
            Code.INVALID_MONTH,
            f"'{shown(raw)}' er ikke en måned. Skriv et tal fra 1 til 12 eller "
            "månedens navn, fx marts.",
        )
    return value, issue


def parse_yes_no(raw: object) -> Parsed:
    if isinstance(raw, bool):
        return raw, None
    text = str(raw).strip().casefold()
    if text in {YES.casefold(), "j", "yes", "sand"}:
        return True, None
    if text in {NO.casefold(), "n", "no", "falsk"}:
        return False, None
    return None, (Level.ERROR, Code.UNKNOWN_VALUE, f"'{shown(raw)}' skal være {YES} eller {NO}.")


def parse_cvr(raw: object) -> Parsed:
    text = shown(raw)
    if not text.replace("\u00a0", " ").isascii():
        # python-stdnum would read full-width or other scripts' digits as 0-9,
        # but the number must be written as it stands in CVR.
        return None, (
            Level.ERROR,
            Code.CVR_FORMAT,
            f"CVR-nummeret '{text}' indeholder andre tegn end almindelige cifre 0–9 "
            "(fx cifre i fuld bredde fra et andet tastatur). Skriv det igen med 8 cifre.",
        )
    number = stdnum_cvr.compact(text.upper().removeprefix("DK"))
    try:
        return stdnum_cvr.validate(number), None
    except InvalidLength:
        return None, (
            Level.ERROR,
            Code.CVR_LENGTH,
            f"CVR-nummeret '{text}' har {len(number)} tegn; et CVR-nummer har 8 "
            "cifre. Slå det op på datacvr.virk.dk, eller lad feltet stå tomt, hvis "
            "der ikke er noget CVR-nummer.",
        )
    except InvalidChecksum:
        return None, (
            Level.ERROR,
            Code.CVR_CHECK_DIGIT,
            f"CVR-nummeret '{text}' findes ikke: kontrolcifferet passer ikke. "
            "Tjek for en tastefejl (slå det op på datacvr.virk.dk).",
        )
    except InvalidFormat:
        return None, (
            Level.ERROR,
            Code.CVR_FORMAT,
            f"CVR-nummeret '{text}' skal være 8 cifre og kan ikke begynde med 0. Ret det.",
        )


MISS = object()  # a fast path's "not sure; take the full parser"
BLANK = object()  # a fast path's "the cell is empty"


def _fast_text(raw: object) -> object:
    # Control characters are not looked for here (that would cost a regex per
    # cell); the render stage drops them from every text that reaches Word.
    if raw.__class__ is str:
        if not raw:
            return BLANK
        first, last = raw[0], raw[-1]
        # a first character that shows makes the text filled; an edge that is
        # blank or invisible (a zero-width space) takes the full parser
        edges_show = first > " " and last > " " and (first + last).isprintable()
        if edges_show and first not in BLANK_LOOKING:
            return raw
    return MISS


def _fast_date(raw: object) -> object:
    if raw.__class__ is date:
        return raw
    if raw.__class__ is datetime:
        return raw.date()
    return BLANK if raw == "" else MISS


def _fast_cvr(raw: object) -> object:
    """Eight plain digits that python-stdnum accepts as they stand; anything else
    (blank aside) takes the full parser, which says what is wrong."""
    if raw.__class__ is not str or len(raw) != 8 or not raw.isascii():
        return BLANK if raw == "" else MISS
    try:
        return stdnum_cvr.validate(raw)
    except ValidationError:
        return MISS


def _fast_year(raw: object) -> object:
    if raw.__class__ is float and raw.is_integer() and 1990 <= raw <= 2100:
        return int(raw)
    return BLANK if raw == "" else MISS


# The few kinds a large sheet is made of; everything else takes the full parser.
FAST_PATHS: dict[Kind, Callable[[object], object]] = {
    Kind.TEXT: _fast_text,
    Kind.CHOICE: _fast_text,
    Kind.DATE: _fast_date,
    Kind.CVR: _fast_cvr,
    Kind.YEAR: _fast_year,
}

PARSERS: dict[Kind, Callable[[object], Parsed]] = {
    Kind.TEXT: parse_text,
    Kind.CHOICE: parse_text,
    Kind.DATE: parse_date,
    Kind.YEAR: parse_year,
    Kind.MONTH: parse_month,
    Kind.NUMBER: parse_number,
    Kind.AMOUNT: _non_negative(parse_number, "Et beløb"),
    Kind.HOURS: _non_negative(parse_number, "Et antal timer", MAX_HOURS, " timer"),
    Kind.COUNT: parse_count,
    Kind.YESNO: parse_yes_no,
    Kind.CVR: parse_cvr,
}
