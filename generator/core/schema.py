"""The workbook contract, declared once as data.

Everything that knows about sheets and headers derives from this module: the
reader and the checks, ``aarsrapport ny`` (blank workbooks), the README's
workbook tables and the test fixtures. Nothing else spells a header.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from .numbering import (
    CAREER_KPI,
    CFI_PARAGRAPH,
    COOPERATION_PARAGRAPH,
    ECONOMY_PARAGRAPH,
    FOCUS_PARAGRAPH,
    GOALS_KPI,
    KPI_PARAGRAPH,
    REFERRALS_KPI,
)


class Kind(StrEnum):
    """What a cell must hold. The reader parses each kind in one place."""

    TEXT = "tekst"
    DATE = "dato"
    YEAR = "år"
    MONTH = "måned"
    NUMBER = "tal"
    AMOUNT = "beløb"  # kroner, never negative
    HOURS = "timer"  # never negative
    COUNT = "heltal"  # whole number, never negative
    CHOICE = "liste"
    YESNO = "ja/nej"
    CVR = "cvr"


@dataclass(frozen=True)
class Column:
    """One column of a table sheet (or one row of a settings sheet)."""

    key: str
    header: str
    kind: Kind
    help: str
    required: bool = True
    choices: tuple[str, ...] = ()  # a fixed vocabulary
    list_column: str | None = None  # the key of a vocabulary column on the lists sheet
    width: int = 14
    default: object = None  # settings only: the value `ny` prefills
    # A vocabulary kept on another sheet, maybe of another workbook: (sheet name, column key).
    list_from: tuple[str, str] | None = None
    example: str = ""  # shown on the Vejledning sheet; else derived from the kind or list


@dataclass(frozen=True)
class Sheet:
    """A sheet of a workbook. ``layout`` says how its rows are read."""

    name: str
    columns: tuple[Column, ...]
    help: str
    layout: str = "table"  # "table": a row a record; "settings": Felt/Værdi; "lists"
    year_from: str | None = None  # key of the column that decides the year
    optional: bool = False  # a missing optional sheet is no problem

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@dataclass(frozen=True)
class Workbook:
    key: str
    filename: str
    help: str
    sheets: tuple[Sheet, ...] = field(default=())

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


YES, NO = "Ja", "Nej"
ESTIMATE, FINAL = "Skøn", "Endelig"  # a price-index rate's status
# What the report and appendix say in a rate's status column for the price level year itself.
PRICE_LEVEL = "Prisniveau"
AT_LEAST, AT_MOST = "Mindst", "Højst"


def goal_reached(result: Decimal, target: Decimal, direction: str | None) -> bool:
    """A result goal is reached at least at its target, or for a 'Højst' goal at
    most at it: a result exactly at the limit reaches it either way. The checks
    (a missed goal needs a comment) and the figures (the verdict) both ask this."""
    return result <= target if direction == AT_MOST else result >= target


# The recipient type whose referrals the report names in § 6 a's headline.
HOUSE = "Erhvervshus"
RECIPIENT_TYPES = (HOUSE, "Nationalt program", "Regionalt program")
FOCUS_AREAS = (
    "Innovationsmiljøer",
    "Vidensoverførsel",
    "Tiltrækning af investeringer",
    "Arbejdskraft",
)
# The status of a contract point in a year (Indsatser); the last says "nothing this year".
POINT_STATUSES = ("Løbende", "Afsluttet", "Ikke startet", "Ingen aktivitet i året")
# The kinds of general cooperation, in the order of contract § 4 a–c.
COOPERATION_TYPES = ("Strategisk tiltag", "Sammenhængsmodel", "Kampagne", "Fællesindkøb")
# A price-index source containing this word marks an example rate, not a real one.
EXAMPLE_SOURCE_WORD = "eksempel"
MEETINGS_PER_YEAR = 12  # the contract's monthly meetings (§ 6)
# Karriereby hours within this share of one FTE count as the FTE the contract sets
# aside (§ 6 b); outside it, tjek warns and the summary calls it partly met
# (``compute.verdicts.career``).
FTE_BAND = (Decimal("0.8"), Decimal("1.1"))

# The lists a new `Lister` sheet starts with; the author extends them in Excel.
DEFAULT_RECIPIENTS: tuple[tuple[str, str], ...] = (
    ("Erhvervshus Midtjylland", HOUSE),
    ("Virksomhedsguiden", "Nationalt program"),
    ("Danmarks Eksport- og Investeringsfond", "Nationalt program"),
    ("Innovationsfonden", "Nationalt program"),
    ("Trade Council / Eksportrådet", "Nationalt program"),
    ("SMV:Digital", "Nationalt program"),
    ("Erhvervsstyrelsen", "Nationalt program"),
    ("Scale-Up Denmark", "Regionalt program"),
    ("Grøn Omstilling Midt", "Regionalt program"),
    ("Digitalt Løft Midt", "Regionalt program"),
)
DEFAULT_TOPICS: tuple[str, ...] = (
    "Iværksætteri og opstart",
    "Finansiering",
    "Eksport og internationalisering",
    "Digitalisering",
    "Grøn omstilling",
    "Innovation og produktudvikling",
    "Rekruttering og kompetencer",
    "Ejerskifte",
    "Strategi og vækst",
)


# Every point the contract asks VER to report on, in its own order and numbering
# (Nr., Område, Punkt): § 3 a–d with Bilag 1's extra items (numbered as Bilag 1
# numbers them, under the § 3 area they belong to), § 4 a–c and § 5.
# This prefills the Kontraktpunkter sheet; a new contract edits the sheet, not this.
AREA_COOPERATION = "Generelt samarbejde"
AREA_CFI = "Center for Industri og House of Industry"
DEFAULT_CONTRACT_POINTS: tuple[tuple[str, str, str], ...] = (
    ("3 a i", FOCUS_AREAS[0], "Arsenalet"),
    ("3 a ii", FOCUS_AREAS[0], "Agro Business Park"),
    ("Bilag 1, pkt. 1 c", FOCUS_AREAS[0], "Center for Industri (CFI)"),
    ("3 b i", FOCUS_AREAS[1], "AU digital transformation"),
    ("3 b ii", FOCUS_AREAS[1], "Øge antallet af studerende i erhvervslivet i Viborg"),
    (
        "3 b iii",
        FOCUS_AREAS[1],
        "Hjælpe erhvervslivet med at overføre viden fra vidensinstitutioner i og udenfor "
        "Viborg Kommune",
    ),
    ("3 c i", FOCUS_AREAS[2], "Invest in Viborg og Invest in Denmark"),
    ("Bilag 1, pkt. 3 a", FOCUS_AREAS[2], "Samarbejde med Sørensen Connecting Denmark"),
    ("3 d i", FOCUS_AREAS[3], "Karriereby Viborg"),
    ("3 d ii", FOCUS_AREAS[3], "International Community"),
    ("3 d iii", FOCUS_AREAS[3], "Tiltrækning af arbejdskraft"),
    ("3 d iv", FOCUS_AREAS[3], "Tiltrækning af uddannelser"),
    ("4 a", AREA_COOPERATION, "Gensidig orientering om strategiske tiltag"),
    ("4 b", AREA_COOPERATION, "Sammenhængsmodellen"),
    ("4 c", AREA_COOPERATION, "Koordinering af kampagner og fællesindkøb"),
    ("5", AREA_CFI, "Integration af CFI's aktiviteter og formål i VER"),
    ("5", AREA_CFI, "House of Industry i Banebyen"),
)


def _col(key: str, header: str, kind: Kind, text: str, **kwargs: Any) -> Column:
    return Column(key=key, header=header, kind=kind, help=text, **kwargs)


def _year(text: str = "Året, rækken gælder for (fx 2023).") -> Column:
    return _col("year", "År", Kind.YEAR, text, width=8)


KONTRAKT = Workbook(
    key="kontrakt",
    filename="kontrakt.xlsx",
    help="Kontraktens indstillinger, prisindeks og øremærkede beløb. Føres af Viborg Kommune.",
    sheets=(
        Sheet(
            name="Kontrakt",
            layout="settings",
            help="Én række pr. indstilling: navnet i kolonnen Felt, værdien i kolonnen Værdi.",
            columns=(
                _col(
                    "municipality",
                    "Kommune",
                    Kind.TEXT,
                    "Kommunens fulde navn.",
                    default="Viborg Kommune",
                ),
                _col(
                    "counterpart",
                    "Modpart",
                    Kind.TEXT,
                    "Erhvervsrådets fulde navn.",
                    default="Viborgegnens Erhvervsråd",
                ),
                _col(
                    "municipality_short",
                    "Kommune (kort)",
                    Kind.TEXT,
                    "Kort navn på kommunen, fx VK.",
                    default="VK",
                ),
                _col(
                    "counterpart_short",
                    "Modpart (kort)",
                    Kind.TEXT,
                    "Kort navn på erhvervsrådet, fx VER.",
                    default="VER",
                ),
                _col(
                    "base_amount",
                    "Grundbeløb",
                    Kind.AMOUNT,
                    "Den årlige kontraktsum i kroner i prisniveauets priser.",
                    default=2762000,
                ),
                _col(
                    "price_level",
                    "Prisniveau",
                    Kind.YEAR,
                    "Året, grundbeløbet er opgjort i priser fra.",
                    default=2020,
                ),
                _col(
                    "first_year",
                    "Første år",
                    Kind.YEAR,
                    "Kontraktperiodens første år.",
                    default=2020,
                ),
                _col(
                    "last_year",
                    "Sidste år",
                    Kind.YEAR,
                    "Kontraktperiodens sidste år.",
                    default=2023,
                ),
                _col(
                    "hours_per_fte",
                    "Timer pr. årsværk",
                    Kind.HOURS,
                    "Antal timer i ét årsværk (Karriereby Viborg).",
                    default=1924,
                ),
                _col(
                    "rounding",
                    "Afrunding",
                    Kind.COUNT,
                    "Beløb afrundes til: 1 = hele kroner, 1000 = nærmeste tusinde.",
                    default=1,
                ),
                _col(
                    "committee",
                    "Udvalg",
                    Kind.TEXT,
                    "Udvalget, som afrapporteringen forelægges for.",
                    default="Økonomi- og Erhvervsudvalget",
                ),
                _col(
                    "example_data",
                    "Eksempeldata",
                    Kind.YESNO,
                    "Ja, hvis tallene kun er eksempler. Rapporten mærkes så EKSEMPELDATA.",
                    choices=(YES, NO),
                    default=NO,
                ),
            ),
        ),
        Sheet(
            name="Prisindeks",
            year_from="year",
            help="Én række pr. år efter prisniveauåret: den årlige ændring i KL's pris- og "
            "lønskøn for kommunale serviceudgifter (PL).",
            columns=(
                _year("Året, ændringen gælder for."),
                _col(
                    "rate",
                    "Ændring pct.",
                    Kind.NUMBER,
                    "Ændringen i procent, fx 1,9 for 1,9 %. Skal udfyldes for rapportåret og "
                    "årene før; et senere år venter, til KL's skøn kendes.",
                    required=False,
                    width=14,
                ),
                _col(
                    "source",
                    "Kilde",
                    Kind.TEXT,
                    "Hvor tallet kommer fra, fx KL's PL-skøn.",
                    required=False,
                    width=40,
                ),
                _col(
                    "status",
                    "Status",
                    Kind.CHOICE,
                    f"{ESTIMATE}, så længe tallet er et skøn; {FINAL}, når det er endeligt.",
                    choices=(ESTIMATE, FINAL),
                    width=12,
                ),
            ),
        ),
        Sheet(
            name="Øremærkninger",
            year_from="year",
            help="Beløb af kontraktsummen, der er øremærket til et bestemt formål.",
            columns=(
                _year(),
                _col("amount", "Beløb", Kind.AMOUNT, "Beløbet i kroner.", width=14),
                _col(
                    "purpose",
                    "Formål",
                    Kind.TEXT,
                    "Hvad beløbet er øremærket til.",
                    width=50,
                    example="Start Up Viborg",
                ),
                _col(
                    "regulated",
                    "Reguleres",
                    Kind.YESNO,
                    "Ja, hvis beløbet pristalsreguleres som kontraktsummen.",
                    choices=(YES, NO),
                    width=11,
                ),
            ),
        ),
        Sheet(
            name="Kontraktpunkter",
            help="Hvert punkt, kontrakten beder VER afrapportere på, i kontraktens egen "
            "rækkefølge og nummerering (§ 3 med bilag 1, § 4 og § 5). Arket Indsatser i "
            "aarsdata.xlsx vælger sine punkter herfra.",
            columns=(
                _col(
                    "number",
                    "Nr.",
                    Kind.TEXT,
                    "Punktets nummer i kontrakten, fx 3 a i, eller i bilag 1, fx Bilag 1, "
                    "pkt. 1 c.",
                    width=16,
                ),
                _col(
                    "area",
                    "Område",
                    Kind.TEXT,
                    "Området, punktet hører under, fx Innovationsmiljøer.",
                    width=30,
                ),
                _col(
                    "point",
                    "Punkt",
                    Kind.TEXT,
                    "Punktet med kontraktens ord, fx Arsenalet.",
                    width=60,
                ),
            ),
        ),
    ),
)

HENVISNINGER = Workbook(
    key="henvisninger",
    filename="henvisninger.xlsx",
    help="Loggen over henvisninger (KPI a). Føres løbende af VER's konsulenter.",
    sheets=(
        Sheet(
            name="Henvisninger",
            year_from="date",
            help="Én række pr. henvisning.",
            columns=(
                _col("date", "Dato", Kind.DATE, "Dagen, henvisningen blev givet.", width=12),
                _col(
                    "company",
                    "Virksomhed",
                    Kind.TEXT,
                    "Virksomhedens navn (eller iværksætterens, hvis der ikke er en virksomhed).",
                    width=32,
                    example="Fjordsen Maskinfabrik ApS",
                ),
                _col(
                    "cvr",
                    "CVR-nr.",
                    Kind.CVR,
                    "Virksomhedens CVR-nummer (8 cifre). Tomt for en iværksætter uden CVR.",
                    required=False,
                    width=12,
                ),
                _col(
                    "recipient",
                    "Henvist til",
                    Kind.CHOICE,
                    "Hvem virksomheden er henvist til. Vælg fra listen på arket Lister.",
                    list_column="recipient",
                    width=34,
                ),
                _col(
                    "topic",
                    "Emne",
                    Kind.CHOICE,
                    "Henvisningens emne. Vælg fra listen på arket Lister.",
                    list_column="topic",
                    width=30,
                ),
                _col(
                    "adviser",
                    "Konsulent",
                    Kind.TEXT,
                    "Konsulentens navn eller initialer.",
                    required=False,
                    width=16,
                    example="MKJ",
                ),
                _col(
                    "note",
                    "Bemærkning",
                    Kind.TEXT,
                    "Fri tekst.",
                    required=False,
                    width=40,
                    example="Opfølgning aftalt",
                ),
            ),
        ),
        Sheet(
            name="Lister",
            layout="lists",
            help="Listerne, som loggens rullelister henter fra. Kolonnerne må være forskellig "
            "lange, og listerne må gerne udvides.",
            columns=(
                _col(
                    "recipient",
                    "Henvist til",
                    Kind.TEXT,
                    "De aktører og programmer, der kan henvises til.",
                    required=False,
                    width=38,
                    example=DEFAULT_RECIPIENTS[0][0],
                ),
                _col(
                    "recipient_type",
                    "Type",
                    Kind.CHOICE,
                    "Aktørens type (står ud for aktøren).",
                    choices=RECIPIENT_TYPES,
                    required=False,
                    width=20,
                ),
                _col(
                    "topic",
                    "Emne",
                    Kind.TEXT,
                    "De emner, en henvisning kan handle om.",
                    required=False,
                    width=34,
                    example=DEFAULT_TOPICS[0],
                ),
            ),
        ),
    ),
)

AARSDATA = Workbook(
    key="aarsdata",
    filename="aarsdata.xlsx",
    help="De øvrige KPI-tal og tekster til afrapporteringen. Føres af VER.",
    sheets=(
        Sheet(
            name="CFI-resultatmål",
            year_from="year",
            help="CFI's resultatmål (KPI c): ét mål pr. række og år.",
            columns=(
                _year(),
                _col("number", "Nr.", Kind.TEXT, "Målets nummer, fx 1.", width=6),
                _col(
                    "goal",
                    "Resultatmål",
                    Kind.TEXT,
                    "Målet med ord.",
                    width=50,
                    example="Antal virksomheder i forløb",
                ),
                _col(
                    "unit",
                    "Enhed",
                    Kind.TEXT,
                    "Hvad der tælles, fx virksomheder.",
                    required=False,
                    width=16,
                ),
                _col("target", "Mål", Kind.NUMBER, "Målets tal.", width=10, example="40"),
                _col(
                    "result",
                    "Resultat",
                    Kind.NUMBER,
                    "Det opnåede tal. Skal udfyldes for rapportåret.",
                    required=False,
                    width=10,
                    example="44",
                ),
                _col(
                    "direction",
                    "Retning",
                    Kind.CHOICE,
                    "Mindst: resultatet skal nå målet. Højst: det må ikke overstige det.",
                    choices=(AT_LEAST, AT_MOST),
                    width=10,
                ),
                _col(
                    "comment",
                    "Kommentar",
                    Kind.TEXT,
                    "Fri tekst.",
                    required=False,
                    width=40,
                    example="Færre henvendelser end ventet.",
                ),
            ),
        ),
        Sheet(
            name="Karriereby",
            year_from="year",
            help="Timer brugt på Karriereby Viborg (KPI b), der har ét årsværk.",
            columns=(
                _year(),
                _col(
                    "month",
                    "Måned",
                    Kind.MONTH,
                    "Måneden som tal (1–12) eller navn, fx 3 eller marts.",
                    width=10,
                ),
                _col(
                    "task",
                    "Opgave",
                    Kind.TEXT,
                    "Opgaven, timerne er brugt på.",
                    width=40,
                    example="Studiejob-match",
                ),
                _col("hours", "Timer", Kind.HOURS, "Antal timer.", width=10),
                _col(
                    "note",
                    "Bemærkning",
                    Kind.TEXT,
                    "Fri tekst.",
                    required=False,
                    width=40,
                    example="Sommerferie",
                ),
            ),
        ),
        Sheet(
            name="Indsatser",
            year_from="year",
            help="Status for hvert kontraktpunkt (arket Kontraktpunkter i kontrakt.xlsx): "
            "én række pr. punkt og år.",
            columns=(
                _year(),
                _col(
                    "point",
                    "Punkt",
                    Kind.CHOICE,
                    "Kontraktpunktet, som det står på arket Kontraktpunkter. Vælg fra listen.",
                    list_from=("Kontraktpunkter", "point"),
                    width=44,
                ),
                _col(
                    "status",
                    "Status",
                    Kind.CHOICE,
                    "Punktets status i året.",
                    choices=POINT_STATUSES,
                    width=20,
                ),
                _col(
                    "description",
                    "Beskrivelse",
                    Kind.TEXT,
                    "Hvad der er sket i året, i et par sætninger til udvalget.",
                    required=False,
                    width=70,
                    example="VER deltog i seks møder i Arsenalets styregruppe.",
                ),
            ),
        ),
        Sheet(
            name="Samarbejde",
            year_from="year",
            help="Generelt samarbejde efter kontraktens § 4: strategiske tiltag (a), "
            "sammenhængsmodellen (b), kampagner og fællesindkøb (c).",
            columns=(
                _year(),
                _col(
                    "type",
                    "Type",
                    Kind.CHOICE,
                    "Slags samarbejde.",
                    choices=COOPERATION_TYPES,
                    width=18,
                ),
                _col("title", "Titel", Kind.TEXT, "Kort titel.", width=34, example="Handl lokalt"),
                _col(
                    "description",
                    "Beskrivelse",
                    Kind.TEXT,
                    "Hvad samarbejdet gik ud på.",
                    required=False,
                    width=70,
                    example="Fælles kampagne for lokal handel.",
                ),
            ),
        ),
        Sheet(
            name="Møder",
            year_from="date",
            help="Månedsmøderne mellem VK og VER (der tages ikke referat).",
            columns=(
                _col("date", "Dato", Kind.DATE, "Mødets dato.", width=12),
                _col(
                    "topics",
                    "Emner",
                    Kind.TEXT,
                    "De emner, der blev taget op.",
                    required=False,
                    width=70,
                    example="House of Industry, Karriereby Viborg",
                ),
            ),
        ),
        Sheet(
            name="Nøgletal",
            year_from="year",
            optional=True,
            help="Valgfrit: tal, der skal vises over årene, fx antal virksomheder og "
            "iværksættere i basal erhvervsservice (§ 2). Arket må mangle.",
            columns=(
                _year(),
                _col(
                    "name",
                    "Nøgletal",
                    Kind.TEXT,
                    "Hvad tallet viser.",
                    width=44,
                    example="Virksomheder i basal erhvervsservice",
                ),
                _col("value", "Værdi", Kind.NUMBER, "Tallet.", width=10, example="412"),
                _col(
                    "unit",
                    "Enhed",
                    Kind.TEXT,
                    "Hvad der tælles, fx virksomheder eller %.",
                    required=False,
                    width=16,
                ),
                _col(
                    "comment",
                    "Kommentar",
                    Kind.TEXT,
                    "Fri tekst.",
                    required=False,
                    width=40,
                    example="Fra VER's kundesystem.",
                ),
            ),
        ),
    ),
)

WORKBOOKS: tuple[Workbook, ...] = (KONTRAKT, HENVISNINGER, AARSDATA)
SETTINGS_SHEET, PRICE_INDEX, EARMARKS, CONTRACT_POINTS = KONTRAKT.sheets
REFERRALS, LISTS = HENVISNINGER.sheets
GOALS, CAREER, FOCUS, COOPERATION, MEETINGS, KEY_FIGURES = AARSDATA.sheets
SETTINGS_HEADERS = ("Felt", "Værdi")
SETTINGS_WIDTHS = (22, 36)


def workbook_of(sheet: str) -> Workbook:
    """The workbook that holds the sheet of this name."""
    return next(spec for spec in WORKBOOKS if any(s.name == sheet for s in spec.sheets))


def normalize_header(text: object) -> str:
    """Headers match case- and whitespace-insensitively."""
    return " ".join(str(text).split()).casefold()


# --------------------------------------------------------------- earlier layouts

GUIDE_SHEET = "Vejledning"  # the sheet `ny` ends every workbook with (generator/start/guide.py)


@dataclass(frozen=True)
class MergedColumns:
    """Columns of an earlier layout that one column of this layout replaces.

    The last header holds the value; the ones before it narrow the match (an
    area, say, when the value is looked up on the new column's ``list_from``
    sheet). The new column takes the first old column's place."""

    sheet: str
    headers: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class RenamedValue:
    """A value the earlier version wrote that this version spells differently
    (matched as headers are: case and spacing aside)."""

    sheet: str
    key: str
    old: str
    new: str
    # Only in a row whose other column holds one of these (key, value): a number
    # means that version's point only beside that point.
    beside: tuple[tuple[str, str], ...] = ()

    def renames(self, value: object, values: dict[str, object]) -> bool:
        """Whether ``value``, in a row of ``values`` (column key → value), is the old
        text this rename replaces."""
        return (
            isinstance(value, str)
            and normalize_header(value) == normalize_header(self.old)
            and self.applies(values)
        )

    def applies(self, values: dict[str, object]) -> bool:
        """Whether the rename applies in a row of these values (column key → value)."""
        return not self.beside or any(
            isinstance(values.get(key), str)
            and normalize_header(str(values[key])) == normalize_header(value)
            for key, value in self.beside
        )


@dataclass(frozen=True)
class EarlierLayout:
    """How the workbooks of an earlier version differ from this version's.

    A folder is of this layout when ``merged``'s old headers stand in its
    workbooks and the new column does not, or when one of the ``marks`` stands
    where that version wrote it: that is what no workbook of this version has.
    The upgrade then replaces the columns, renames the values and adds the
    sheets ``added`` names (file name, sheet name) where they are missing.
    """

    version: str
    merged: tuple[MergedColumns, ...]
    values: tuple[RenamedValue, ...]
    added: tuple[tuple[str, str], ...]
    # Values only that version wrote, which this version refuses: a folder that holds
    # one in its column is of this layout (for a layout that merged no columns).
    marks: tuple[RenamedValue, ...] = ()
    # Sheets of ny's own that stand but say what that version did: written anew
    # (file name, sheet name; the Vejledning sheet) when the workbook is upgraded.
    renewed: tuple[tuple[str, str], ...] = ()


def _renamed(sheet: str, key: str, new: str, *old: str) -> tuple[RenamedValue, ...]:
    return tuple(RenamedValue(sheet, key, each, new) for each in old)


# Version 2 (2.0.0) numbered Bilag 1's two items as if the contract had them ("3 a iii",
# "3 c ii"; it has not) and named them "(jf. bilag 1)"; this version numbers them as
# Bilag 1 does, and the number says where they come from.
def _version2(old: str, point: tuple[str, str, str]) -> RenamedValue:
    """Version 2's number of a Bilag 1 item, beside its name then or now."""
    number, _, name = point
    beside = (("point", f"{name} (jf. bilag 1)"), ("point", name))
    return RenamedValue(CONTRACT_POINTS.name, "number", old, number, beside)


_VERSION2_NUMBERS = (
    _version2("3 a iii", DEFAULT_CONTRACT_POINTS[2]),
    _version2("3 c ii", DEFAULT_CONTRACT_POINTS[7]),
)
_VERSION2_NAMES = tuple(
    RenamedValue(sheet, "point", f"{point} (jf. bilag 1)", point)
    for sheet in (CONTRACT_POINTS.name, "Indsatser")
    for point in (DEFAULT_CONTRACT_POINTS[2][2], DEFAULT_CONTRACT_POINTS[7][2])
)

# Version 1 (1.0.0): Indsatser had an area and a free-text item, and a free-text
# status ("fx I gang"); kontrakt.xlsx had no Kontraktpunkter, aarsdata.xlsx no
# Nøgletal; no workbook had a Vejledning sheet. The point names are version 1's
# example's, where this version's contract points word them differently.
EARLIER_LAYOUTS: tuple[EarlierLayout, ...] = (
    EarlierLayout(
        version="1",
        merged=(MergedColumns("Indsatser", ("Område", "Indsats"), "point"),),
        values=(
            *_renamed("Indsatser", "status", POINT_STATUSES[0], "I gang", "Igangværende", "Pågår"),
            *_renamed("Indsatser", "status", POINT_STATUSES[1], "Færdig", "Gennemført"),
            *_renamed("Indsatser", "status", POINT_STATUSES[2], "Ikke påbegyndt", "Ikke i gang"),
            *_renamed("Indsatser", "status", POINT_STATUSES[3], "Ingen aktivitet"),
            *_renamed(
                "Indsatser", "point", DEFAULT_CONTRACT_POINTS[4][2], "Studerende i erhvervslivet"
            ),
            *_renamed(
                "Indsatser",
                "point",
                DEFAULT_CONTRACT_POINTS[5][2],
                "Vidensoverførsel fra vidensinstitutioner",
            ),
        ),
        added=(
            (KONTRAKT.filename, CONTRACT_POINTS.name),
            (KONTRAKT.filename, GUIDE_SHEET),
            (AARSDATA.filename, KEY_FIGURES.name),
            (AARSDATA.filename, GUIDE_SHEET),
        ),
    ),
    EarlierLayout(
        version="2",
        merged=(),
        values=(*_VERSION2_NUMBERS, *_VERSION2_NAMES),
        added=(),
        marks=_VERSION2_NUMBERS,
        renewed=((KONTRAKT.filename, GUIDE_SHEET),),  # Nr. takes Bilag 1's numbers too
    ),
)


# --------------------------------------------------------------- the author's texts


@dataclass(frozen=True)
class TextSection:
    """One Heading 1 section of ``tekster_ÅR.docx``: the author's own words for
    one place of the report. ``key`` is the name the template uses
    (``tekster.<key>``); ``guidance`` is the one line the skeleton shows under
    the heading (in a style that is never merged)."""

    key: str
    heading: str
    guidance: str
    last_year_only: bool = False  # only the contract period's last year has this section
    optional: bool = False  # left out without a warning (the report has words of its own)
    line: bool = False  # a one-line assessment: the summary prints its first line as text


TEXTS_FILENAME = "tekster_{year}.docx"


def assessment_key(paragraph: str) -> str:
    """The texts file's key of the summary's one-line assessment of a paragraph:
    ``assessment_key("3") == "vurdering_3"``."""
    return f"vurdering_{paragraph}"


# The end of the summary when the author has written no Indstilling of their own.
DEFAULT_RECOMMENDATION = "Det indstilles, at udvalget tager afrapporteringen til efterretning."
# The paragraph style of the skeleton's guidance lines: shown to the author, never merged.
TEXTS_GUIDANCE_STYLE = "Vejledning"
TEXT_SECTIONS: tuple[TextSection, ...] = (  # in the report's order, named as it names them
    TextSection(
        "forord",
        "Forord",
        "2–5 sætninger til udvalget: årets vigtigste resultater og begivenheder.",
    ),
    TextSection(
        "samlet_vurdering",
        "Samlet vurdering",
        "VER's samlede vurdering af, hvordan kontrakten er opfyldt i året.",
    ),
    TextSection(
        assessment_key(FOCUS_PARAGRAPH),
        f"Resuméets vurdering af § {FOCUS_PARAGRAPH}",
        f"Én linje til resuméet om årets særlige indsatsområder (§ {FOCUS_PARAGRAPH}), fx "
        "'Indsatsen for arbejdskraft fyldte mest'. Kun første linje bruges.",
        optional=True,
        line=True,
    ),
    TextSection(
        assessment_key(COOPERATION_PARAGRAPH),
        f"Resuméets vurdering af § {COOPERATION_PARAGRAPH}",
        f"Én linje til resuméet om årets generelle samarbejde (§ {COOPERATION_PARAGRAPH}). "
        "Kun første linje bruges.",
        optional=True,
        line=True,
    ),
    TextSection(
        assessment_key(CFI_PARAGRAPH),
        f"Resuméets vurdering af § {CFI_PARAGRAPH}",
        f"Én linje til resuméet om CFI og House of Industry (§ {CFI_PARAGRAPH}). "
        "Kun første linje bruges.",
        optional=True,
        line=True,
    ),
    TextSection(
        "indstilling",
        "Indstilling",
        "Hvad udvalget bedes beslutte. Står der intet, skriver rapporten: "
        f"'{DEFAULT_RECOMMENDATION}'",
        optional=True,
    ),
    TextSection(
        "indsatser",
        f"§ {FOCUS_PARAGRAPH} Særlige indsatsområder",
        "Kommentar til de særlige indsatsområder: innovationsmiljøer, vidensoverførsel, "
        "investeringer og arbejdskraft.",
    ),
    TextSection(
        "samarbejde",
        f"§ {COOPERATION_PARAGRAPH} Generelt samarbejde",
        "Kommentar til strategiske tiltag, sammenhængsmodellen, kampagner og fællesindkøb.",
    ),
    TextSection(
        "cfi_house_of_industry",
        f"§ {CFI_PARAGRAPH} Center for Industri og House of Industry",
        "Status for integrationen af CFI i VER og for House of Industry i Banebyen.",
    ),
    TextSection(
        "henvisninger",
        f"§ {REFERRALS_KPI} Henvisninger",
        "Kommentar til årets henvisninger til Erhvervshus Midtjylland og øvrige programmer.",
    ),
    TextSection(
        "karriereby",
        f"§ {CAREER_KPI} Karriereby Viborg",
        "Kommentar til årsværket til Karriereby Viborg: hvad timerne er brugt på.",
    ),
    TextSection(
        "resultatmaal",
        f"§ {GOALS_KPI} CFI's resultatmål",
        "Kommentar til CFI's resultatmål, især de mål, der ikke er nået.",
    ),
    TextSection(
        "moeder",
        f"§ {KPI_PARAGRAPH} Månedsmøder",
        "Kommentar til årets månedsmøder mellem VK og VER.",
    ),
    TextSection(
        "oekonomi",
        f"§ {ECONOMY_PARAGRAPH} Økonomi",
        "Kommentar til kontraktsummen, prisreguleringen og de øremærkede beløb.",
    ),
    TextSection(
        "kontraktperioden",
        "Kontraktperioden samlet",
        "Kun i kontraktperiodens sidste år: vurdering af hele perioden.",
        last_year_only=True,
    ),
    TextSection(
        "kommende_aar",
        "Det kommende år",
        "Hvad VER vil arbejde med i det kommende år.",
    ),
)
