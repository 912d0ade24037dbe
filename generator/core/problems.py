"""Problems are data: every check returns them, nothing raises at the first.

A ``Problem`` names the file, sheet and cell, a level (``fejl`` stops the
report, ``advarsel`` is listed in it) and a stable code; the message is
Danish and says what to do. Only "cannot continue" is an exception
(``CannotContinue``), and it turns back into problems the same way.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum


class Level(StrEnum):
    ERROR = "fejl"
    WARNING = "advarsel"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    sheet: str | None
    cell: str | None  # A1 style, or None for a whole file or sheet
    level: Level
    code: Code
    message: str

    def to_json(self) -> dict[str, str | None]:
        """The JSON shape of ``tjek --json`` (Danish keys, a documented contract)."""
        data = asdict(self)
        return {
            "fil": data["file"],
            "ark": data["sheet"],
            "celle": data["cell"],
            "niveau": str(data["level"]),
            "kode": data["code"],
            "besked": data["message"],
        }

    @property
    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"arket '{self.sheet}'")
        if self.cell:
            parts.append(f"celle {self.cell}")
        return ", ".join(parts)


def error(file: str, sheet: str | None, cell: str | None, code: Code, message: str) -> Problem:
    return Problem(file, sheet, cell, Level.ERROR, code, message)


def warning(file: str, sheet: str | None, cell: str | None, code: Code, message: str) -> Problem:
    return Problem(file, sheet, cell, Level.WARNING, code, message)


def capped(problems: Sequence[Problem], limit: int) -> Iterator[tuple[Problem, int]]:
    """The first ``limit`` problems of each code, in order, each with the number of
    its code left unshown (given with the last one shown, else 0).

    A log of 200,000 rows may hold 178,000 likely duplicates: a console or a
    Word table shows a few of each and counts the rest.
    """
    totals = Counter(problem.code for problem in problems)
    seen: Counter[str] = Counter()
    for problem in problems:
        seen[problem.code] += 1
        if seen[problem.code] <= limit:
            last = seen[problem.code] == limit
            yield problem, totals[problem.code] - limit if last else 0


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.level is Level.ERROR for problem in problems)


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level is Level.ERROR]


def warnings_of(problems: Iterable[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.level is Level.WARNING]


class CannotContinue(Exception):
    """The run cannot go on (a missing folder, a locked report, a broken template).

    ``problems`` carries the details for the same console and JSON output as
    data problems; the CLI exits with 2.
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_position(name: str) -> tuple[int, int]:
    """'B7' → (6, 1), the 0-based (row, col) of an A1-style name."""
    letters = name.rstrip("0123456789")
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return int(name[len(letters) :]) - 1, column - 1


def cell_name(row: int, col: int) -> str:
    """A1-style name of a 0-based (row, col)."""
    return f"{column_letter(col)}{row + 1}"


class Code(StrEnum):
    """Every problem code, its usual level and what it means.

    The code string is a stable contract (``tjek --json``, the README's table,
    the error report); members are referred to by name in the code, never by
    the string. ``unreadable`` marks problems that leave a whole workbook
    unread (missing, wrong format, broken, protected, refused as unsafe): the
    run cannot start, exit code 2.
    """

    level: Level
    meaning: str
    unreadable: bool

    def __new__(cls, code: str, level: Level, meaning: str, unreadable: bool = False) -> Code:
        member = str.__new__(cls, code)
        member._value_ = code
        member.level = level
        member.meaning = meaning
        member.unreadable = unreadable
        return member

    FILE_MISSING = ("fil-mangler", Level.ERROR, "en projektmappe findes ikke i inputmappen", True)
    WRONG_FORMAT = (
        "forkert-format",
        Level.ERROR,
        "filen er .xls, .ods, .csv e.l. i stedet for .xlsx",
        True,
    )
    NOT_XLSX = (
        "ikke-xlsx",
        Level.ERROR,
        "filen hedder .xlsx, men er ikke en Excel-projektmappe",
        True,
    )
    BROKEN_FILE = ("oedelagt-fil", Level.ERROR, "filen er ødelagt eller ikke gemt færdig", True)
    PROTECTED_FILE = ("beskyttet-fil", Level.ERROR, "filen er beskyttet med adgangskode", True)
    FILE_TOO_LARGE = (
        "for-stor-fil",
        Level.ERROR,
        "filen pakker sig ud til langt mere end en projektmappe",
        True,
    )
    UNSAFE_XML = (
        "farlig-xml",
        Level.ERROR,
        "filen indeholder XML-definitioner, som Excel aldrig skriver",
        True,
    )
    SHEET_TOO_LARGE = (
        "for-stort-ark",
        Level.ERROR,
        "et ark har en værdi så langt ude (fx i XFD1048576), at det ikke kan læses",
        True,
    )
    CANNOT_OPEN = (
        "kan-ikke-aabne",
        Level.ERROR,
        "filen kan ikke åbnes (fx låst af et andet program)",
        True,
    )
    SHEET_MISSING = ("ark-mangler", Level.ERROR, "et ark mangler")
    COLUMN_MISSING = (
        "kolonne-mangler",
        Level.ERROR,
        "en kolonne mangler eller er omdøbt (advarsel, hvis kolonnen må stå tom)",
    )
    DUPLICATE_COLUMN = ("dobbelt-kolonne", Level.ERROR, "en kolonne står to gange")
    SETTING_MISSING = ("felt-mangler", Level.ERROR, "en indstilling mangler på arket Kontrakt")
    DUPLICATE_SETTING = ("dobbelt-felt", Level.ERROR, "en indstilling står to gange")
    EMPTY_CELL = ("tom-celle", Level.ERROR, "en celle, der skal udfyldes, er tom")
    INVALID_DATE = ("ugyldig-dato", Level.ERROR, "en dato kan ikke læses (fx 32-13-2024)")
    INVALID_NUMBER = ("ugyldigt-tal", Level.ERROR, "et tal kan ikke læses (fx 'fem')")
    IMPLAUSIBLE_NUMBER = (
        "urimeligt-tal",
        Level.ERROR,
        "et tal er langt større end noget beløb eller antal timer i rapporten",
    )
    INVALID_YEAR = ("ugyldigt-aar", Level.ERROR, "et årstal kan ikke læses")
    INVALID_MONTH = ("ugyldig-maaned", Level.ERROR, "en måned er ikke 1–12 eller et månedsnavn")
    NOT_WHOLE = ("ikke-heltal", Level.ERROR, "et tal skal være helt")
    NEGATIVE_NUMBER = ("negativt-tal", Level.ERROR, "et beløb eller et antal timer er negativt")
    UNKNOWN_VALUE = ("ukendt-vaerdi", Level.ERROR, "en værdi står ikke på sin liste")
    TYPE_MISSING = ("type-mangler", Level.ERROR, "en modtager på arket Lister mangler sin type")
    CVR_LENGTH = ("cvr-laengde", Level.ERROR, "et CVR-nummer har ikke 8 cifre")
    CVR_CHECK_DIGIT = ("cvr-kontrolciffer", Level.ERROR, "et CVR-nummers kontrolciffer passer ikke")
    CVR_FORMAT = ("cvr-format", Level.ERROR, "et CVR-nummer indeholder andet end cifre")
    FUTURE_DATE = ("fremtidig-dato", Level.ERROR, "en dato ligger i fremtiden")
    FORMULA_WITHOUT_VALUE = ("formel-uden-vaerdi", Level.ERROR, "en formel har intet gemt resultat")
    EXCEL_ERROR = ("excel-fejl", Level.ERROR, "en celle viser en Excel-fejl som #I/T")
    MERGED_CELLS = ("flettede-celler", Level.ERROR, "celler i dataene er flettet")
    EXAMPLE_RATE = (
        "eksempel-sats",
        Level.ERROR,
        "en prisindekssats er markeret som eksempel, men Eksempeldata er Nej",
    )
    RATE_MISSING = ("prisindeks-mangler", Level.ERROR, "prisindeksets sats mangler for et år")
    DUPLICATE_RATE_YEAR = ("dobbelt-aar", Level.ERROR, "prisindekset har to satser for samme år")
    RESULT_MISSING = (
        "resultat-mangler",
        Level.ERROR,
        "et resultatmål for rapportåret har intet resultat",
    )
    INVALID_ROUNDING = ("ugyldig-afrunding", Level.ERROR, "Afrunding er ikke 1, 10, 100 eller 1000")
    INVALID_FTE = (
        "ugyldigt-aarsvaerk",
        Level.ERROR,
        "Timer pr. årsværk ligger uden for 1.000–2.500",
    )
    EMPTY_LIST = ("tom-liste", Level.ERROR, "en liste på arket Lister er tom")
    NO_REFERRALS_IN_YEAR = (
        "ingen-henvisninger-i-aaret",
        Level.WARNING,
        "rapportåret har ingen henvisninger",
    )
    INVALID_PERIOD = ("ugyldig-periode", Level.ERROR, "Sidste år ligger før Første år")
    INVALID_PRICE_LEVEL = (
        "ugyldig-prisniveau",
        Level.ERROR,
        "Prisniveau ligger efter kontraktens første år",
    )
    NO_REFERRALS = ("ingen-henvisninger", Level.ERROR, "ingen henvisninger i kontraktperioden")
    TEMPLATE_SYNTAX = ("skabelon-syntaks", Level.ERROR, "et felt i Word-skabelonen er ødelagt")
    UNKNOWN_FIELD = ("ukendt-felt", Level.ERROR, "Word-skabelonen bruger et felt, der ikke findes")
    UNKNOWN_FILTER = (
        "ukendt-filter",
        Level.ERROR,
        "Word-skabelonen bruger en formatering, der ikke findes",
    )
    DATE_AS_TEXT = ("dato-som-tekst", Level.WARNING, "en dato er skrevet som tekst (fx 31.01.2024)")
    DATE_AS_NUMBER = ("dato-som-tal", Level.WARNING, "en dato står som et tal uden datoformat")
    NUMBER_AS_TEXT = ("tal-som-tekst", Level.WARNING, "et tal er skrevet som tekst (fx 1.234,50)")
    DUPLICATE_GOAL = ("dobbelt-maal", Level.WARNING, "to resultatmål har samme nummer i samme år")
    LIKELY_DUPLICATE = (
        "mulig-dublet",
        Level.WARNING,
        "en henvisning ser ud til at være tastet to gange",
    )
    DUPLICATE_IN_LIST = ("dobbelt-i-liste", Level.WARNING, "en værdi står to gange på arket Lister")
    POINT_WITHOUT_ROW = (
        "punkt-uden-indsats",
        Level.WARNING,
        "et kontraktpunkt har ingen række på arket Indsatser for rapportåret",
    )
    CAREER_HOURS = (
        "karriereby-timer",
        Level.WARNING,
        "timerne til Karriereby ligger langt fra ét årsværk",
    )
    FEW_MEETINGS = ("faa-moeder", Level.WARNING, "færre end 12 månedsmøder i året")
    ESTIMATED_RATE = ("skoen", Level.WARNING, "en prisindekssats er stadig et skøn")
    RATE_AS_FRACTION = (
        "sats-som-broek",
        Level.WARNING,
        "en sats ser ud til at være gemt som brøk (0,029)",
    )
    BLANK_ROW = ("tom-raekke", Level.WARNING, "en tom række midt i dataene")
    HIDDEN_ROW = ("skjult-raekke", Level.WARNING, "en skjult række (den tælles med)")
    HIDDEN_COLUMN = ("skjult-kolonne", Level.WARNING, "en skjult kolonne (den læses med)")
    # The author's texts (tekster_ÅR.docx)
    NOT_DOCX = (
        "ikke-docx",
        Level.ERROR,
        "tekstfilen er ikke gemt som Word-dokument (.docx)",
        True,
    )
    UNKNOWN_HEADING = (
        "ukendt-overskrift",
        Level.WARNING,
        "en overskrift i tekstfilen er ikke et af rapportens afsnit",
    )
    DUPLICATE_HEADING = (
        "dobbelt-overskrift",
        Level.WARNING,
        "en overskrift står to gange i tekstfilen (teksten under begge bruges)",
    )
    EMPTY_SECTION = (
        "tomt-afsnit",
        Level.WARNING,
        "et afsnit i tekstfilen er tomt eller mangler (rapporten udelader det)",
    )
    LAST_YEAR_SECTION = (
        "kun-sidste-aar",
        Level.WARNING,
        "et afsnit, der kun hører til kontraktperiodens sidste år, er skrevet i et andet år",
    )
    TEXT_WITHOUT_HEADING = (
        "tekst-uden-overskrift",
        Level.WARNING,
        "tekst i tekstfilen står over den første overskrift og kommer ikke med",
    )
    TEXT_IN_GUIDANCE = (
        "tekst-i-vejledning",
        Level.WARNING,
        "tekst i tekstfilen står i typografien Vejledning og kommer ikke med",
    )
    CONTENT_LEFT_OUT = (
        "udeladt-indhold",
        Level.WARNING,
        "noget i tekstfilen (fx fodnoter) kan ikke komme med i rapporten",
    )
    OPEN_IN_EXCEL = (
        "aaben-i-excel",
        Level.WARNING,
        "en projektmappe er åben i Excel (dens ~$-fil ligger ved siden af): det gemte bruges",
    )
    OPEN_IN_WORD = (
        "aaben-i-word",
        Level.WARNING,
        "tekstfilen er åben i Word (dens ~$-fil ligger ved siden af): det gemte bruges",
    )
    DUPLICATE_SHEET = (
        "dobbelt-ark",
        Level.ERROR,
        "to ark hedder det samme, når store og små bogstaver og mellemrum ses bort fra",
    )
    INVALID_BASE_AMOUNT = ("ugyldigt-grundbeloeb", Level.ERROR, "Grundbeløb er ikke større end 0")
    TEXT_CUT = (
        "afkortet-tekst",
        Level.WARNING,
        "en tekst er længere end de 32.767 tegn, en celle i bilaget kan rumme",
    )
    ACTIVE_CONTENT = (
        "aktivt-indhold",
        Level.WARNING,
        "tekstfilen har Word-felter, sammenkædede objekter, links til filer eller "
        "indlejret indhold; de er fjernet fra rapporten",
    )
    PICTURE_WITHOUT_ALT = (
        "billede-uden-alt-tekst",
        Level.WARNING,
        "et billede i tekstfilen har ingen alternativ tekst, så en skærmlæser kan ikke "
        "sige, hvad det viser",
    )
    POINT_NUMBER = (
        "ukendt-punktnummer",
        Level.ERROR,
        "et kontraktpunkts nummer er ikke et, kontrakten (3 a i) eller bilag 1 (Bilag 1, "
        "pkt. 1 c) har (fx 3 a iii)",
    )
    GOAL_WITHOUT_COMMENT = (
        "maal-uden-kommentar",
        Level.WARNING,
        "et resultatmål er ikke nået, og kolonnen Kommentar siger ikke hvorfor",
    )
    FIGURES_CHANGED = (
        "tal-aendret",
        Level.WARNING,
        "tallene for et år, der allerede er afrapporteret, er ændret siden",
    )
    FIELD_MISSING = (
        "felt-mangler",
        Level.WARNING,
        "en egen kopi af Word-skabelonen mangler et felt eller afsnit, den medfølgende har",
    )


def cannot_start(problems: Iterable[Problem]) -> bool:
    return any(problem.code.unreadable for problem in problems)


def did_you_mean(value: str, options: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The option closest to ``value`` (case aside), if any is close enough."""
    lowered = {option.casefold(): option for option in options}
    close = difflib.get_close_matches(value.casefold(), list(lowered), 1, cutoff)
    return lowered[close[0]] if close else None
