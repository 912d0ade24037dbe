"""Write clearly marked EXAMPLE data into input/ as the three workbooks.

Developer tool: ``python tools/make_example_input.py [FOLDER]`` (default: the repo's
``input/``). Sheet names, headers and vocabularies all come from ``generator.core.schema``,
and the workbooks are written by ``aarsrapport ny``'s own writer (``blank.build_workbook``),
so they carry the same dropdowns, checks and Vejledning; only the invented Danish data
is spelled here, and the data is reproducible.
``write_referral_log`` is reused by the benchmark to make large referral logs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import zip_longest
from pathlib import Path

from python_calamine import CalamineWorkbook
from stdnum.dk import cvr as stdnum_cvr

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.core.schema import (  # noqa: E402
    AARSDATA,
    AT_LEAST,
    AT_MOST,
    COOPERATION_TYPES,
    DEFAULT_CONTRACT_POINTS,
    DEFAULT_RECIPIENTS,
    DEFAULT_TOPICS,
    ESTIMATE,
    HENVISNINGER,
    KONTRAKT,
    NO,
    POINT_STATUSES,
    RECIPIENT_TYPES,
    SETTINGS_SHEET,
    WORKBOOKS,
    YES,
    Sheet,
    Workbook,
)
from generator.start.workbooks import Start, build_workbook  # noqa: E402

YEARS = range(2020, 2024)
REFERRALS = 361  # split over YEARS as 80, 87, 93, 101
CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2)  # the check digit itself has weight 1
MONTH_WEIGHTS = (1.0, 1.1, 1.1, 1.0, 1.0, 0.9, 0.4, 0.9, 1.1, 1.1, 1.0, 0.7)
HOLIDAYS = {(1, 1), (12, 24), (12, 25), (12, 26), (12, 31)}

# The invented example data (Danish). Kept as compact tables, hence no auto-format.
# fmt: off
PLACES = ("Fjordsen", "Nørreå", "Kjærgaard", "Bjerregaard", "Hald", "Tapdrup", "Mønsted",
          "Skals", "Karup", "Stoholm", "Løvel", "Ørum", "Vejrum", "Lindholm", "Holmgaard",
          "Søndergaard", "Østergaard", "Damgaard", "Brøndum", "Vium", "Hammershøj", "Rødkær")
TRADES = ("Maskinfabrik", "Økologi", "VVS", "El-service", "Tømrerforretning", "Rådgivning",
          "Smedie", "Design", "Transport", "Byg", "Software", "Bageri", "Revision",
          "Automation", "Plastteknik", "Køleteknik", "Gartneri", "Møbelsnedkeri", "Data")
FORMS = ("ApS", "ApS", "ApS", "A/S", "I/S")
REGULARS = ("R&D Vest A/S", "Fjordsen Maskinfabrik ApS", "Nørreå Økologi I/S",
            "Viborg Plastteknik A/S", "Kjærgaard & Søn Tømrer ApS", "Hald Ege Gartneri ApS")
FIRST_NAMES = ("Mette", "Jonas", "Sofie", "Anders", "Line", "Rasmus", "Camilla", "Mads")
LAST_NAMES = ("Kjær", "Holm", "Bach", "Lund", "Dahl", "Krogh", "Vestergaard")
NO_CVR = "Iværksætter (ingen CVR endnu)"
ADVISERS = ("MKJ", "MKJ", "LHP", "LHP", "ASN", "TBO")
NOTES = ("Opfølgning aftalt", "Kontakt formidlet pr. mail", "Fælles møde med erhvervshuset",
         "Ønsker sparring om eksport til Tyskland", "Deltog i Start Up Viborg-forløb",
         "Henvist efter møde i House of Industry")

# Example rates are example input, so each is marked Skøn (an estimate).
PRICE_INDEX = ((2021, 1.6, ESTIMATE), (2022, 2.9, ESTIMATE), (2023, 4.3, ESTIMATE),
               (2024, 3.2, ESTIMATE))
PRICE_SOURCE = "Eksempel: KL's PL-skøn (ikke de rigtige tal)"
EARMARK = (375000, "Start Up Viborg – udvikling og styrkelse af iværksætterkultur", (2020, 2021))

# (goal, unit, direction, target in the first year, step per year, first year)
GOALS = (("Antal virksomheder i forløb", "virksomheder", AT_LEAST, 40, 5, 2020),
         ("Deltagere i netværksmøder", "deltagere", AT_LEAST, 250, 25, 2020),
         ("Nye virksomheder i House of Industry", "virksomheder", AT_LEAST, 3, 2, 2021),
         ("Andel tilfredse deltagere", "pct", AT_LEAST, 85, 0, 2020),
         ("Sagsbehandlingstid i dage", "dage", AT_MOST, 10, 0, 2020))
MISSED = {2020: {"Deltagere i netværksmøder"},
          2021: {"Antal virksomheder i forløb", "Sagsbehandlingstid i dage"},
          2022: {"Andel tilfredse deltagere"},
          2023: {"Nye virksomheder i House of Industry", "Sagsbehandlingstid i dage"}}
# Each missed goal's own reason and follow-up (the Kommentar cell beside it).
MISSED_NOTE = {
    (2020, "Deltagere i netværksmøder"):
        "Netværksmøderne i foråret blev aflyst pga. covid-19; efteråret blev holdt online.",
    (2021, "Antal virksomheder i forløb"):
        "Færre henvendelser end ventet i første halvår; opsøgende besøg er sat i gang.",
    (2021, "Sagsbehandlingstid i dage"):
        "Længere sagsbehandling i efteråret pga. sygdom; en ekstra rådgiver dækker nu ind.",
    (2022, "Andel tilfredse deltagere"):
        "To arrangementer fik lav tilfredshed; formatet er lavet om efter evalueringen.",
    (2023, "Nye virksomheder i House of Industry"):
        "Færre ledige lokaler end ventet; to virksomheder flytter ind i foråret 2024.",
    (2023, "Sagsbehandlingstid i dage"):
        "Mange sager i fjerde kvartal; sagerne fordeles nu på flere rådgivere.",
}

ADMIN = "Administration og koordinering"
TASKS = ("Studiejob-match", "Karrieremesse", "Virksomhedsbesøg", "Praktikformidling",
         "Karrierecafé for studerende", "Kommunikation og SoMe")
MONTH_HOURS = (1.0, 1.0, 1.05, 0.95, 1.0, 1.0, 0.35, 1.0, 1.05, 1.05, 1.0, 0.8)

# A contract point's year (Indsatser), keyed by DEFAULT_CONTRACT_POINTS' order: what
# happened in a running year (with {n}), what closed it where it ends in the last
# year (None: it runs on), and its status then. § 4's points are told from the
# Samarbejde sheet's own rows instead (COOPERATION_POINTS), so text and table agree.
LOEBENDE, AFSLUTTET, IKKE_STARTET, INGEN = POINT_STATUSES
POINT_STORIES = (
    ("VER holdt {n} rådgivningsdage for iværksættere i Arsenalet og deltog i husets "
     "styregruppe.", None, LOEBENDE),
    ("Fælles vejledning af {n} fødevare- og agrovirksomheder sammen med Agro Business Park.",
     None, LOEBENDE),
    ("CFI's industrimiljø samlede {n} virksomheder om fælles udviklingsforløb.", None, LOEBENDE),
    ("Arbejdet med et Demolab for digital transformation samlede {n} virksomheder om "
     "konkrete forløb med AU.",
     "Demolabbet åbnede i foråret; {n} virksomheder har gennemført et forløb, og AU driver "
     "det videre.", AFSLUTTET),
    ("I alt kom {n} studerende i projekter, praktik eller studiejob i lokale virksomheder.",
     None, LOEBENDE),
    ("VER koblede {n} virksomheder med vidensinstitutioner i og uden for kommunen.", None,
     LOEBENDE),
    ("VER bistod i {n} investeringssager, bl.a. følgeinvesteringer omkring datacentret.", None,
     LOEBENDE),
    ("Sørensen Connecting Denmark præsenterede {n} tyske virksomheder for Viborg som "
     "etableringssted.", None, LOEBENDE),
    ("Karriereby Viborg holdt karrieremesse og karrierecaféer; {n} virksomheder deltog.", None,
     LOEBENDE),
    ("I alt deltog {n} internationale medarbejdere og deres familier i velkomst- og "
     "netværksarrangementer.", None, LOEBENDE),
    ("Rekrutteringskampagner i samarbejde med jobcentret nåede {n} virksomheder.", None,
     LOEBENDE),
    ("VER bidrog til {n} møder om nye uddannelsesudbud i Viborg.",
     "Arbejdet sluttede med en ansøgning om et nyt udbud i Viborg; VER deltog i {n} møder "
     "undervejs.", AFSLUTTET),
    None,  # § 4 a, b and c: from the year's Samarbejde rows
    None,
    None,
    ("I alt arbejder {n} af CFI's medarbejdere nu i VER; overdragelsen af opgaverne er i gang.",
     "Overdragelsen blev afsluttet i året: CFI's opgaver og {n} medarbejdere er nu en del af "
     "VER.", AFSLUTTET),
    ("Planlægningen af House of Industry i Banebyen omfattede {n} møder med kommende "
     "lejere.", None, LOEBENDE),
)
# § 4's points, each told from the year's cooperation rows of its kinds.
COOPERATION_POINTS = {
    "4 a": ((0,), "VER og VK orienterede hinanden om {items} på månedsmøderne: {titles}."),
    "4 b": ((1,), "VER bidrog til sammenhængsmodellen med {items}: {titles}."),
    "4 c": ((2, 3), "Parterne koordinerede {items}: {titles}."),
}
COOPERATION_NOUNS = (("strategisk tiltag", "strategiske tiltag"),
                     ("sag", "sager"),
                     ("kampagne", "kampagner"),
                     ("fællesindkøb", "fællesindkøb"))
# Points with no activity in a year (a plain status, no story), to show that case.
QUIET = {(2020, "Bilag 1, pkt. 3 a"), (2020, "4 b"), (2021, "Bilag 1, pkt. 3 a")}

# (index into COOPERATION_TYPES, title, description); § 4 a, b and c in turn
COOPERATION = (
    (0, "Erhvervsstrategi for Viborg", "VER deltog i arbejdsgrupper om kommunens nye "
     "erhvervsstrategi."),
    (0, "House of Industry i Banebyen", "Fælles planlægning af drift og udlejning i House of "
     "Industry."),
    (1, "Én indgang for virksomheder", "Fælles indgang for virksomheder på tværs af kommunens "
     "forvaltninger."),
    (2, "Handl lokalt", "Kampagne for lokal handel under og efter nedlukningen."),
    (2, "Bosæt dig i Viborg", "Fælles kampagne rettet mod tilflyttere og medfølgende ægtefæller."),
    (2, "Iværksætterugen", "Koordineret markedsføring af Iværksætterugen."),
    (3, "Annonceplads i Viborg Stifts Folkeblad", "Fælles indkøb af helsidesannoncer om "
     "erhvervslivet."),
    (3, "Stand på Karrieremessen", "Delt stand og materialer på regionens karrieremesse."))
# The author's own key figures (Nøgletal): (name, unit, value per year of YEARS)
KEY_FIGURES = (
    ("Virksomheder i basal erhvervsservice", "virksomheder", (212, 236, 251, 268)),
    ("Iværksættere i basal erhvervsservice", "personer", (118, 131, 127, 142)),
    ("Tilfredshed med vejledningen", "%", (88, 90, 91, 90)),
    ("Nye job i vejledte virksomheder", "job", (64, 81, 77, 95)))
MEETING_TOPICS = ("Henvisninger og KPI'er", "House of Industry", "Karriereby Viborg",
                  "Start Up Viborg", "Erhvervsstrategi", "Invest in Viborg",
                  "Kampagner og markedsføring", "Budget og kontraktsum", "Covid-19-hjælpepakker")
# fmt: on


Row = dict[str, object] | list[object]


def _rows(sheet: Sheet, given: Iterable[Row]) -> list[dict[str, object]]:
    """Rows as the blank workbooks' writer takes them: dicts keyed by Column.key
    (a plain list follows the columns)."""
    keys = [column.key for column in sheet.columns]
    return [row if isinstance(row, dict) else dict(zip(keys, row, strict=True)) for row in given]


def _write_workbook(path: Path, workbook: Workbook, data: dict[str, Iterable[Row]]) -> None:
    """Write ``data`` with ``ny``'s writer: the same dropdowns, checks, widths and guide
    (a sheet without data starts as ``ny`` starts it; a settings row is [Felt, Værdi])."""
    settings = {column.key: column.default for column in SETTINGS_SHEET.columns}
    rows = {}
    for sheet in workbook.sheets:
        if sheet.name not in data:
            continue
        if sheet.layout == "settings":
            by_header = dict(data[sheet.name])  # type: ignore[arg-type]
            settings = {column.key: by_header.get(column.header) for column in sheet.columns}
        else:
            rows[sheet.name] = _rows(sheet, data[sheet.name])
    book = build_workbook(workbook, start=Start(settings, rows))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def make_cvr(rng: random.Random, used: set[str]) -> str:
    """A new valid Danish CVR number: 8 digits, weighted sum divisible by 11."""
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = -sum(w * d for w, d in zip(CVR_WEIGHTS, digits, strict=True)) % 11
        number = "".join(map(str, digits)) + str(check)
        if check < 10 and number not in used and stdnum_cvr.is_valid(number):
            used.add(number)
            return number


def _invent(rng: random.Random, taken: dict[str, str]) -> str:
    """A company name, mostly a new one (a repeat only when the names run low)."""
    for _ in range(4):
        name = f"{rng.choice(PLACES)} {rng.choice(TRADES)} {rng.choice(FORMS)}"
        if name not in taken:
            break
    return name


def _company(rng: random.Random, cvrs: dict[str, str], used: set[str]) -> tuple[str, str | None]:
    """A company (same name, same CVR), a regular, or an entrepreneur without CVR."""
    draw = rng.random()
    if draw < 0.10:
        person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        return (NO_CVR if draw < 0.05 else person), None
    name = rng.choice(REGULARS) if draw < 0.17 else _invent(rng, cvrs)
    if name not in cvrs:
        cvrs[name] = make_cvr(rng, used)
    return name, cvrs[name]


def _workday(rng: random.Random, year: int) -> dt.date:
    month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
    last = calendar.monthrange(year, month)[1]
    while True:
        day = dt.date(year, month, rng.randint(1, last))
        if day.weekday() < 5 and (month, day.day) not in HOLIDAYS:
            return day


def _split(rows: int, years: range) -> dict[int, int]:
    """Spread ``rows`` over ``years``, growing about 8 % a year."""
    weights = [1 + 0.08 * i for i in range(len(years))]
    counts = {year: int(rows * w / sum(weights)) for year, w in zip(years, weights, strict=True)}
    counts[years[-1]] += rows - sum(counts.values())
    return counts


def _referrals(rng: random.Random, counts: dict[int, int]) -> list[dict[str, object]]:
    recipients = [name for name, _ in DEFAULT_RECIPIENTS]
    to_weights = [
        9.0 if kind == RECIPIENT_TYPES[0] else rng.uniform(0.8, 2.5)
        for _, kind in DEFAULT_RECIPIENTS
    ]
    topic_weights = [rng.uniform(1, 3) for _ in DEFAULT_TOPICS]
    cvrs: dict[str, str] = {}
    used: set[str] = set()
    seen: set[tuple[object, ...]] = set()
    rows = []
    for year, count in counts.items():
        while count:
            date, recipient = _workday(rng, year), rng.choices(recipients, to_weights)[0]
            company, cvr = _company(rng, cvrs, used)
            if (date, company, recipient) in seen:
                continue  # never the same company, recipient and date twice
            seen.add((date, company, recipient))
            starter = cvr is None and rng.random() < 0.7
            topic = DEFAULT_TOPICS[0] if starter else rng.choices(DEFAULT_TOPICS, topic_weights)[0]
            note = rng.choice(NOTES) if rng.random() < 0.15 else None
            row = {"date": date, "company": company, "cvr": cvr, "recipient": recipient}
            rows.append(row | {"topic": topic, "adviser": rng.choice(ADVISERS), "note": note})
            count -= 1
    return sorted(rows, key=lambda row: (row["date"], row["company"]))


def _lists() -> list[dict[str, object]]:
    """The vocabulary columns side by side; they may differ in length."""
    pairs = zip_longest(DEFAULT_RECIPIENTS, DEFAULT_TOPICS)
    return [
        {"recipient": to and to[0], "recipient_type": to and to[1], "topic": topic}
        for to, topic in pairs
    ]


def write_referral_log(path: Path, rows: int, years: range, seed: int = 1) -> None:
    """Write a henvisninger.xlsx with ``rows`` valid, duplicate-free referrals."""
    data = _referrals(random.Random(seed), _split(rows, years))
    sheets = {s.name: _lists() if s.layout == "lists" else data for s in HENVISNINGER.sheets}
    _write_workbook(Path(path), HENVISNINGER, sheets)


def _contract_points() -> list[Row]:
    """The contract's points as the shipped Kontraktpunkter sheet holds them."""
    return [
        {"number": number, "area": area, "point": point}
        for number, area, point in DEFAULT_CONTRACT_POINTS
    ]


def _kontrakt() -> dict[str, list[Row]]:
    settings, prices, earmarks, points = KONTRAKT.sheets
    amount, purpose, years = EARMARK
    values = {"example_data": YES}  # the example is marked as such
    return {
        points.name: _contract_points(),
        settings.name: [[c.header, values.get(c.key, c.default)] for c in settings.columns],
        prices.name: [
            {"year": y, "rate": r, "source": PRICE_SOURCE, "status": s} for y, r, s in PRICE_INDEX
        ],
        earmarks.name: [
            {"year": y, "amount": amount, "purpose": purpose, "regulated": NO} for y in years
        ],
    }


def _goals(rng: random.Random, year: int) -> Iterator[dict[str, object]]:
    active = [goal for goal in GOALS if goal[5] <= year]
    for number, (goal, unit, direction, first, step, start) in enumerate(active, 1):
        target = first + step * (year - start)
        delta = max(1, round(target * rng.uniform(0.04, 0.15)))
        delta = min(delta, 98 - target) if unit == "pct" else delta
        better = -delta if direction == AT_MOST else delta  # the met side of the target
        miss = goal in MISSED.get(year, ())
        result = target - better if miss else target + better
        comment = MISSED_NOTE[(year, goal)] if miss else None
        row = {"year": year, "number": str(number), "goal": goal, "unit": unit, "target": target}
        yield row | {"result": result, "direction": direction, "comment": comment}


def _karriereby(rng: random.Random, year: int) -> Iterator[dict[str, object]]:
    scale = rng.uniform(1770, 1930) / sum(MONTH_HOURS)  # the year's total hours
    for month, weight in enumerate(MONTH_HOURS, 1):
        tasks = [ADMIN, *rng.sample(TASKS, rng.randint(1, 3))]
        shares = [rng.uniform(0.6, 1.4) for _ in tasks]
        for task, share in zip(tasks, shares, strict=True):
            hours = round(weight * scale * share / sum(shares), 1)
            note = "Sommerferie" if month == 7 and task == ADMIN else None
            yield {"year": year, "month": month, "task": task, "hours": hours, "note": note}


def _focus(
    rng: random.Random, year: int, last: int, cooperation: list[dict[str, object]]
) -> Iterator[dict[str, object]]:
    """A row for every contract point and year: its status and what happened."""
    for (number, _, point), story in zip(DEFAULT_CONTRACT_POINTS, POINT_STORIES, strict=True):
        if (year, number) in QUIET:
            yield {"year": year, "point": point, "status": INGEN, "description": None}
            continue
        if story is None:
            yield _cooperation_point(year, number, point, cooperation)
            continue
        running, closing, final = story
        done = year == last and closing is not None
        text = (closing if done else running).format(n=rng.randint(4, 30))
        status = final if year == last else LOEBENDE
        yield {"year": year, "point": point, "status": status, "description": text}


def _cooperation_point(
    year: int, number: str, point: str, cooperation: list[dict[str, object]]
) -> dict[str, object]:
    """§ 4's point told from the year's Samarbejde rows of its kinds, counted as listed."""
    kinds, sentence = COOPERATION_POINTS[number]
    names = [COOPERATION_TYPES[kind] for kind in kinds]
    rows = [row for row in cooperation if row["year"] == year and row["type"] in names]
    if not rows:
        return {"year": year, "point": point, "status": INGEN, "description": None}
    parts = []
    for kind in kinds:
        count = sum(1 for row in rows if row["type"] == COOPERATION_TYPES[kind])
        if count:
            one, many = COOPERATION_NOUNS[kind]
            parts.append(f"{count} {one if count == 1 else many}")
    items = " og ".join(parts)
    titles = ", ".join(str(row["title"]) for row in rows)
    text = sentence.format(items=items, titles=titles)
    return {"year": year, "point": point, "status": LOEBENDE, "description": text}


def _key_figures() -> list[Row]:
    return [
        {"year": year, "name": name, "value": value, "unit": unit, "comment": None}
        for name, unit, values in KEY_FIGURES
        for year, value in zip(YEARS, values, strict=True)
    ]


def _cooperation(rng: random.Random, year: int) -> Iterator[dict[str, object]]:
    picked = rng.sample(COOPERATION, 2 + year % 3)  # 2-4 a year
    while all(kind for kind, _, _ in picked):  # at least one strategic initiative a year
        picked = rng.sample(COOPERATION, len(picked))
    if year == YEARS[-1] and not any(kind == 1 for kind, _, _ in picked):
        picked.append(COOPERATION[2])  # the report year shows § 4 b as well
    for kind, title, text in sorted(picked):
        yield {"year": year, "type": COOPERATION_TYPES[kind], "title": title, "description": text}


def _meetings(rng: random.Random, year: int) -> Iterator[dict[str, object]]:
    for month in range(1, 13):
        if (year, month) == (2023, 7):
            continue  # skipped for the summer holiday
        first = dt.date(year, month, 1)
        second_tuesday = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 7)
        topics = ", ".join(rng.sample(MEETING_TOPICS, rng.randint(2, 3)))
        yield {"date": second_tuesday, "topics": topics}


def _aarsdata(rng: random.Random) -> dict[str, list[Row]]:
    goals, hours, focus, cooperation, meetings, key_figures = AARSDATA.sheets
    makers = (
        (goals, _goals),
        (hours, _karriereby),
        (cooperation, _cooperation),
        (meetings, _meetings),
    )
    data: dict[str, list[Row]] = {
        sheet.name: [row for year in YEARS for row in make(rng, year)] for sheet, make in makers
    }
    together = data[cooperation.name]
    data[focus.name] = [row for year in YEARS for row in _focus(rng, year, YEARS[-1], together)]
    data[key_figures.name] = _key_figures()
    return data


def verify(folder: Path) -> None:
    """Read the workbooks back with python-calamine, check the log and print a summary."""
    for workbook in WORKBOOKS:
        book = CalamineWorkbook.from_path(folder / workbook.filename)
        for sheet in workbook.sheets:
            rows = book.get_sheet_by_name(sheet.name).to_python()
            print(f"{workbook.filename:18} {sheet.name:16} {len(rows) - 1:5} rækker")
    log = CalamineWorkbook.from_path(folder / HENVISNINGER.filename)
    rows = log.get_sheet_by_name(HENVISNINGER.sheets[0].name).to_python()[1:]
    assert all(stdnum_cvr.is_valid(str(cvr)) for _, _, cvr, *_ in rows if cvr != "")
    assert len({(d, c, r) for d, c, _, r, *_ in rows}) == len(rows), "duplicate referrals"
    assert all(dt.date(2020, 1, 1) <= d <= dt.date(2023, 12, 31) for d, *_ in rows)
    print("Henvisninger pr. år:", dict(sorted(Counter(d.year for d, *_ in rows).items())))
    print("Største modtagere:", Counter(r[3] for r in rows).most_common(3))
    book = CalamineWorkbook.from_path(folder / AARSDATA.filename)
    hours: dict[int, float] = defaultdict(float)
    for year, _, _, h, *_ in book.get_sheet_by_name(AARSDATA.sheets[1].name).to_python()[1:]:
        hours[int(year)] += h
    print("Karriereby-timer pr. år:", {y: round(h, 1) for y, h in sorted(hours.items())})


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else ROOT / "input"
    rng = random.Random(2020)
    _write_workbook(folder / KONTRAKT.filename, KONTRAKT, _kontrakt())
    write_referral_log(folder / HENVISNINGER.filename, REFERRALS, YEARS, seed=2020)
    _write_workbook(folder / AARSDATA.filename, AARSDATA, _aarsdata(rng))
    verify(folder)


if __name__ == "__main__":
    main()
