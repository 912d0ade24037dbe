"""Workbooks the maintainers have not seen, written by an outsider from the README alone.

Nothing here imports the program or the test factory: the three workbooks are built
with openpyxl from the text of the workbook contract (docs/workbooks.md) the way an Excel
user would fill them in, with columns in another order, headers in other case and
with stray spaces, extra columns and sheets, several years side by side, real
Excel dates (some with a time of day), CVR numbers as numbers and as text, and
empty optional cells. The program is then run as the author runs it (docs/command-line.md), and its
report is read back with python-docx. Expected figures are computed here, by hand
rules of the contract: Decimal arithmetic with one half-up rounding, and own counting.

Then single cells are broken the ways docs/workbooks.md lists as *fejl*,
and ``tjek --json`` must name exactly that file, sheet and cell while ``lav`` writes no report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from clock import on_day
from docx import Document
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

pytestmark = pytest.mark.slow

# ---------------------------------------------------------------------------
# Writing workbooks the way a user would
# ---------------------------------------------------------------------------

MONTHS = "januar februar marts april maj juni juli august september oktober november december"
MONTH_NAMES = MONTHS.split()


def cvr(seed: int) -> int:
    """A valid eight-digit CVR number (weights 2,7,6,5,4,3,2,1; sum divisible by 11)."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    n = seed
    while True:
        digits = [int(c) for c in f"{n:07d}"]
        check = -sum(w * d for w, d in zip(weights, digits, strict=True)) % 11
        if digits[0] != 0 and check < 10:
            return n * 10 + check
        n += 1


@dataclass
class Sheet:
    """One sheet: headers as the README's workbook tables list them, rows as dicts by header."""

    headers: list[str]
    rows: list[dict] = field(default_factory=list)


@dataclass
class Layout:
    """How the user happened to lay a sheet out: none of it may matter (README)."""

    order: str = "as listed"  # "as listed", "reversed" or "rotated"
    spelling: str = "plain"  # "plain", "upper", "lower" or "spaces"
    extra_column: bool = False


def spell(header: str, how: str, index: int) -> str:
    if how == "upper":
        return header.upper()
    if how == "lower":
        return header.lower()
    if how == "spaces":
        return ("  " + header, header + "  ", " " + header + " ")[index % 3]
    return header


def write_book(path: Path, sheets: dict[str, Sheet], layout: Layout, extra_sheet: bool) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if extra_sheet:
        notes = wb.create_sheet("Noter")
        notes.append(["Husk at gemme", "før kørsel"])
    for name, sheet in sheets.items():
        ws = wb.create_sheet(name)
        headers = list(sheet.headers)
        if layout.order == "reversed":
            headers.reverse()
        elif layout.order == "rotated":
            headers = headers[2:] + headers[:2]
        if layout.extra_column:
            headers.insert(1, "Intern note")
        ws.append([spell(h, layout.spelling, i) for i, h in enumerate(headers)])
        for row in sheet.rows:
            ws.append([row.get(h, "ikke med" if h == "Intern note" else None) for h in headers])
        for i in range(1, len(headers) + 1):
            ws.column_dimensions[get_column_letter(i)].width = 18
    wb.save(path)


@dataclass
class DataSet:
    """The three workbooks plus the facts needed to predict the report."""

    kontrakt: list[tuple[str, object]]
    prisindeks: list[dict]
    oremaerker: list[dict]
    henvisninger: list[dict]
    lister: dict[str, list[str]]
    cfi: list[dict]
    karriereby: list[dict]
    indsatser: list[dict]
    samarbejde: list[dict]
    moeder: list[dict]
    layout: Layout = field(default_factory=Layout)
    punkter: list[dict] = field(default_factory=lambda: list(POINTS))

    def setting(self, felt: str) -> object:
        return dict((k.strip(), v) for k, v in self.kontrakt)[felt]

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        kontrakt = Sheet(["Felt", "Værdi"], [{"Felt": k, "Værdi": v} for k, v in self.kontrakt])
        lister_len = max(len(v) for v in self.lister.values())
        lister = Sheet(
            ["Henvist til", "Type", "Emne"],
            [
                {h: (vals[i] if i < len(vals) else None) for h, vals in self.lister.items()}
                for i in range(lister_len)
            ],
        )
        books = {
            "kontrakt.xlsx": {
                "Kontrakt": kontrakt,
                "Prisindeks": Sheet(["År", "Ændring pct.", "Kilde", "Status"], self.prisindeks),
                "Øremærkninger": Sheet(["År", "Beløb", "Formål", "Reguleres"], self.oremaerker),
                "Kontraktpunkter": Sheet(["Nr.", "Område", "Punkt"], self.punkter),
            },
            "henvisninger.xlsx": {
                "Henvisninger": Sheet(
                    LOG_HEADERS,
                    self.henvisninger,
                ),
                "Lister": lister,
            },
            "aarsdata.xlsx": {
                "CFI-resultatmål": Sheet(
                    CFI_HEADERS,
                    self.cfi,
                ),
                "Karriereby": Sheet(
                    ["År", "Måned", "Opgave", "Timer", "Bemærkning"], self.karriereby
                ),
                "Indsatser": Sheet(["År", "Punkt", "Status", "Beskrivelse"], self.indsatser),
                "Samarbejde": Sheet(["År", "Type", "Titel", "Beskrivelse"], self.samarbejde),
                "Møder": Sheet(["Dato", "Emner"], self.moeder),
            },
        }
        for i, (filename, sheets) in enumerate(books.items()):
            # Every sheet gets the user's quirks; kontrakt.xlsx has no extra sheet.
            write_book(folder / filename, sheets, self.layout, extra_sheet=i != 0)
        return folder


LOG_HEADERS = ["Dato", "Virksomhed", "CVR-nr.", "Henvist til", "Emne", "Konsulent", "Bemærkning"]
CFI_HEADERS = ["År", "Nr.", "Resultatmål", "Enhed", "Mål", "Resultat", "Retning", "Kommentar"]
# A shortened contract: one point per § 3 area, one for § 4 b and one for § 5.
POINTS = [
    {"Nr.": "3 a i", "Område": "Innovationsmiljøer", "Punkt": "Arsenalet"},
    {"Nr.": "3 b i", "Område": "Vidensoverførsel", "Punkt": "AU digital transformation"},
    {"Nr.": "3 c i", "Område": "Tiltrækning af investeringer", "Punkt": "Invest in Viborg"},
    {"Nr.": "3 d i", "Område": "Arbejdskraft", "Punkt": "Karriereby Viborg"},
    {"Nr.": "4 b", "Område": "Generelt samarbejde", "Punkt": "Sammenhængsmodellen"},
    {"Nr.": "5", "Område": "CFI", "Punkt": "House of Industry"},
]

RECIPIENTS = {
    "Erhvervshus Midtjylland": "Erhvervshus",
    "Innovationsfonden": "Nationalt program",
    "Danmarks Eksport- og Investeringsfond": "Nationalt program",
    "Vækstfonden": "Nationalt program",
    "Region Midtjylland – Accelerace": "Regionalt program",
    "Digital Lead": "Regionalt program",
}
TOPICS = ["Vækst", "Eksport", "Finansiering", "Innovation", "Digitalisering", "Opstart", "Grøn"]
TOPICS += ["Rekruttering", "Generationsskifte"]


def referral(when, company, number, to, topic, who="MK", note=None) -> dict:
    return {
        "Dato": when,
        "Virksomhed": company,
        "CVR-nr.": number,
        "Henvist til": to,
        "Emne": topic,
        "Konsulent": who,
        "Bemærkning": note,
    }


def referrals_for(years: list[int], midnight: int, last: dt.date | None = None) -> list[dict]:
    """A spread of referrals over several years: repeat customers, entrepreneurs, times of day,
    and one at a minute to midnight on 31 December of ``midnight``."""
    companies = [(f"Virksomhed {i} ApS", cvr(1_500_000 + 7919 * i)) for i in range(9)]
    names = list(RECIPIENTS)
    rows = []
    for y_index, year in enumerate(years):
        count = 11 + 4 * y_index
        for i in range(count):
            month = 1 + (i * 5 + y_index) % 12
            when = dt.datetime(year, month, 1 + (i * 3) % 27, 8 + i % 9, (i * 13) % 60)
            if last is not None and when.date() > last:
                continue
            name, number = companies[(i + y_index) % len(companies)]
            if i % 4 == 3:
                name, number = f"Iværksætter nr. {i} (ingen CVR)", None
            elif i % 2:
                number = str(number)  # typed as text, as many users do
            to = names[(i * 7 + y_index) % len(names)]
            topic = TOPICS[(i + 2 * y_index) % len(TOPICS)]
            rows.append(
                referral(when, name, number, to, topic, note="ring igen" if i % 5 else None)
            )
    rows.append(
        referral(dt.datetime(midnight, 12, 31, 23, 59), "Sidste ApS", None, names[5], "Grøn")
    )
    return rows


def classic() -> DataSet:
    """2020–2023 as the contract has it, shuffled columns, several years, a regulated earmark."""
    kontrakt = [
        ("Sidste år", 2023),
        ("Eksempeldata", "Nej"),
        ("Kommune", "Viborg Kommune"),
        ("Grundbeløb", 2762000),
        ("Udvalg", "Økonomi- og Erhvervsudvalget"),
        ("Modpart (kort)", "VER"),
        ("Prisniveau", 2020),
        ("Modpart", "Viborgegnens Erhvervsråd"),
        ("Timer pr. årsværk", 1924),
        ("Kommune (kort)", "VK"),
        ("Afrunding", 1),
        ("Første år", 2020),
    ]
    rates = [
        (2021, 1.275, "KL, februar 2021", "Endelig"),
        (2022, 3.9, "KL, februar 2022", "Endelig"),
        (2023, 5.1, "KL, februar 2023", "Endelig"),
        (2024, 3.4, "KL, juni 2024", "Skøn"),  # after the report year: not needed
    ]
    hours = []
    for year, per_month in ((2022, 150.0), (2023, 158.5)):
        for m in range(1, 13):
            task = ("Events for studerende", "Virksomhedsbesøg", "Markedsføring")[m % 3]
            note = None if m % 2 else "inkl. weekend"
            hours.append(
                {"År": year, "Måned": m, "Opgave": task, "Timer": per_month, "Bemærkning": note}
            )
    cfi = [
        {"År": 2022, "Nr.": 1, "Resultatmål": "Nye virksomheder", "Enhed": "antal", "Mål": 8,
         "Resultat": 9, "Retning": "Mindst"},
        {"År": 2023, "Nr.": 1, "Resultatmål": "Nye virksomheder", "Enhed": "antal", "Mål": 10,
         "Resultat": 12, "Retning": "Mindst"},
        {"År": 2023, "Nr.": 2, "Resultatmål": "Ventetid på svar", "Enhed": "dage", "Mål": 5,
         "Resultat": 7, "Retning": "Højst", "Kommentar": "Sygdom i efteråret"},
        {"År": 2023, "Nr.": 3, "Resultatmål": "Klager", "Enhed": None, "Mål": 3,
         "Resultat": 3, "Retning": "Højst"},
        {"År": 2023, "Nr.": 4, "Resultatmål": "Tilfredshed", "Enhed": "pct.", "Mål": 80,
         "Resultat": 79.5, "Retning": "Mindst", "Kommentar": "Én workshop trak ned; nyt format"},
    ]  # fmt: skip
    statuses = ["Løbende", "Afsluttet", "Ikke startet", "Ingen aktivitet i året"]
    indsatser = [
        {"År": year, "Punkt": p["Punkt"], "Status": statuses[i % 4],
         "Beskrivelse": f"I {year} har vi arbejdet med {p['Punkt']}."}
        for year in (2022, 2023) for i, p in enumerate(POINTS)
    ]  # fmt: skip
    meetings = [{"Dato": dt.datetime(2022, m, 12), "Emner": "Status"} for m in range(3, 13)]
    meetings += [
        {"Dato": dt.datetime(2023, m, 8 + m, 9, 30), "Emner": "Henvisninger, Karriereby"}
        for m in range(1, 13)
    ]
    return DataSet(
        kontrakt=kontrakt,
        prisindeks=[{"År": y, "Ændring pct.": p, "Kilde": k, "Status": s} for y, p, k, s in rates],
        oremaerker=[
            {"År": 2020, "Beløb": 375000, "Formål": "Start Up Viborg", "Reguleres": "Nej"},
            {"År": 2021, "Beløb": 375000, "Formål": "Start Up Viborg", "Reguleres": "Nej"},
            {"År": 2022, "Beløb": 200000, "Formål": "Grøn omstilling", "Reguleres": "Ja"},
        ],
        henvisninger=referrals_for([2021, 2022, 2023], midnight=2023),
        lister={"Henvist til": list(RECIPIENTS), "Type": list(RECIPIENTS.values()), "Emne": TOPICS},
        cfi=cfi,
        karriereby=hours,
        indsatser=indsatser,
        samarbejde=[
            {
                "År": 2023,
                "Type": "Kampagne",
                "Titel": "Bosætning",
                "Beskrivelse": "Fælles kampagne",
            },
            {"År": 2023, "Type": "Strategisk tiltag", "Titel": "Erhvervsplan", "Beskrivelse": None},
            {"År": 2022, "Type": "Fællesindkøb", "Titel": "Annoncer", "Beskrivelse": "Avis"},
        ],
        moeder=meetings,
        layout=Layout(order="reversed", spelling="spaces", extra_column=True),
    )


def renewed() -> DataSet:
    """A renewed contract 2024–2027 at 2024 prices, rounded to 1.000 kr., month names, no earmarks.

    Data runs until October 2026, so in January 2027 the report is for 2026 by default (the
    last whole year of the period): warnings, no errors.
    """
    base = classic()
    kontrakt = [
        ("Kommune", "Viborg Kommune"),
        ("Modpart", "Viborgegnens Erhvervsråd"),
        ("Kommune (kort)", "VK"),
        ("Modpart (kort)", "VER"),
        ("Grundbeløb", 2500000.0),
        ("Prisniveau", 2024),
        ("Første år", 2024),
        ("Sidste år", 2027),
        ("Timer pr. årsværk", 1887),
        ("Afrunding", 1000),
        ("Udvalg", "Erhvervs- og Beskæftigelsesudvalget"),
        ("Eksempeldata", "Nej"),
    ]
    hours = [
        {"År": 2025, "Måned": name if m % 2 else name.capitalize(), "Opgave": "Karrieremesse",
         "Timer": 157.25}
        for m, name in enumerate(MONTH_NAMES, start=1)
    ]  # fmt: skip
    hours += [
        {"År": 2026, "Måned": name, "Opgave": "Karrieremesse", "Timer": 150}
        for name in MONTH_NAMES[:10]
    ]
    cfi = [
        {"År": year, "Nr.": n, "Resultatmål": goal, "Mål": 10, "Resultat": res, "Retning": "Mindst",
         "Kommentar": note}
        for year in (2025, 2026)
        for n, goal, res, note in ((1, "Nye iværksættere", 11, None),
                                   (2, "Nye arbejdspladser", 4, "Færre nye virksomheder"))
    ]  # fmt: skip
    indsatser = [
        {"År": year, "Punkt": p["Punkt"], "Status": "Løbende", "Beskrivelse": "Tekst for året."}
        for year in (2025, 2026) for p in POINTS
    ]  # fmt: skip
    return DataSet(
        kontrakt=kontrakt,
        prisindeks=[
            {"År": 2025, "Ændring pct.": 2.3, "Kilde": "KL 2025", "Status": "Endelig"},
            {"År": 2026, "Ændring pct.": 2.0, "Kilde": "KL 2026", "Status": "Endelig"},
            {"År": 2027, "Ændring pct.": 2.6, "Kilde": "KL 2026", "Status": "Skøn"},
        ],
        oremaerker=[],
        henvisninger=referrals_for([2024, 2025, 2026], midnight=2025, last=dt.date(2026, 10, 31)),
        lister={
            "Henvist til": [*RECIPIENTS, "Erhvervsstyrelsen"],
            "Type": [*RECIPIENTS.values(), "Nationalt program"],
            "Emne": [*TOPICS, "Andet"],
        },
        cfi=cfi,
        karriereby=hours,
        indsatser=indsatser,
        samarbejde=base.samarbejde[:1],
        moeder=[{"Dato": dt.datetime(2025, m, 3), "Emner": "Møde"} for m in range(1, 13)]
        + [{"Dato": dt.datetime(2026, m, 3), "Emner": "Møde"} for m in range(1, 11)],
        layout=Layout(order="rotated", spelling="upper"),
    )


# ---------------------------------------------------------------------------
# What the report must say, predicted from the contract's rules
# ---------------------------------------------------------------------------


def kr(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " kr."


def contract_sum(data: DataSet, year: int) -> int:
    """Grundbeløb × Π(1 + pct/100), exact, rounded once, half up, to the Afrunding unit."""
    amount = Decimal(str(data.setting("Grundbeløb")))
    rates = {r["År"]: Decimal(str(r["Ændring pct."])) for r in data.prisindeks}
    for t in range(int(data.setting("Prisniveau")) + 1, year + 1):
        amount *= 1 + rates[t] / 100
    unit = Decimal(str(data.setting("Afrunding")))
    return int((amount / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit)


def referrals_in(data: DataSet, year: int) -> list[dict]:
    return [r for r in data.henvisninger if r["Dato"].year == year]


def company_key(row: dict) -> str:
    return str(row["CVR-nr."]) if row["CVR-nr."] is not None else row["Virksomhed"]


def run(*args: str, cwd: Path, day: str | None = None) -> subprocess.CompletedProcess:
    """The program as the author starts it, from a folder of its own (``tjek`` writes its
    Fejlrapport to the default ``output`` there); on ``day`` where given (faketime)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    clock = on_day(day) if day else []
    return subprocess.run(
        [*clock, sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def tables(path: Path) -> list[list[list[str]]]:
    return [
        [[c.text.strip() for c in row.cells] for row in table.rows]
        for table in Document(str(path)).tables
    ]


def table_with(path: Path, *header: str) -> list[list[str]]:
    """The first table whose header row starts with these cells."""
    for t in tables(path):
        if t and tuple(t[0][: len(header)]) == header:
            return t
    raise AssertionError(f"no table headed {header}")


def text_of(path: Path) -> str:
    doc = Document(str(path))
    rows = [" | ".join(r) for t in tables(path) for r in t]
    return "\n".join([p.text for p in doc.paragraphs] + rows)


def lav(
    folder: Path, out: Path, *extra: str, day: str | None = None
) -> subprocess.CompletedProcess:
    done = run(
        "lav", "--input", str(folder), "--output", str(out), *extra, cwd=folder.parent, day=day
    )
    assert "Traceback" not in done.stdout + done.stderr
    return done


def problems(folder: Path, *extra: str, day: str | None = None) -> list[dict]:
    done = run("tjek", "--input", str(folder), "--json", *extra, cwd=folder.parent, day=day)
    assert "Traceback" not in done.stdout + done.stderr
    found = json.loads(done.stdout)
    assert done.returncode == (1 if any(p["niveau"] == "fejl" for p in found) else 0), found
    return found


# ---------------------------------------------------------------------------
# Valid data sets: the report is written with the right figures
# ---------------------------------------------------------------------------


def check_report(data: DataSet, docx: Path, year: int) -> None:
    """Every figure the report shows, against own counting and Decimal arithmetic."""
    text = text_of(docx)
    this, before = referrals_in(data, year), referrals_in(data, year - 1)
    assert f"31. januar {year + 1}" in text
    assert f"I {year} blev der registreret {len(this)} henvisninger" in text

    by_to = Counter(r["Henvist til"] for r in this)
    by_to_before = Counter(r["Henvist til"] for r in before)
    recipients = table_with(docx, "Modtager", "Type")
    assert recipients[0][2:4] == [str(year - 1), str(year)]
    for row in recipients[1:-1]:
        assert row[1] == RECIPIENTS.get(row[0], "Nationalt program")
        assert (int(row[2]), int(row[3])) == (by_to_before[row[0]], by_to[row[0]]), row
    assert recipients[-1][2:4] == [str(len(before)), str(len(this))]
    assert {r[0] for r in recipients[1:-1]} >= set(by_to)

    by_type = Counter(RECIPIENTS[r["Henvist til"]] for r in this)
    for row in table_with(docx, "Type", str(year - 1))[1:-1]:
        assert int(row[2]) == by_type[row[0]], row

    quarters = table_with(docx, "Kvartal")
    for q in range(4):
        expected = sum(1 for r in this if (r["Dato"].month - 1) // 3 == q)
        assert quarters[q + 1][:2] == [f"{q + 1}. kvartal", str(expected)]
    for row in quarters[1:-1]:  # shares: one decimal, half up (1 of 16 is 6,3 %)
        share = (Decimal(row[1]) * 100 / len(this)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        assert row[2] == f"{share} %".replace(".", ","), row

    by_topic = Counter(r["Emne"] for r in this)
    for row in table_with(docx, "Emne", str(year - 1))[1:-1]:
        assert int(row[2]) == by_topic[row[0]], row

    distinct = len({company_key(r) for r in this})
    assert f"gjaldt i alt {distinct} virksomheder" in text
    without = sum(1 for r in this if r["CVR-nr."] is None)
    assert f"{without} henvisning{'' if without == 1 else 'er'} var uden CVR-nummer" in text

    economy = table_with(docx, "År", "PL-stigning")
    first = int(data.setting("Første år"))
    assert [r[0] for r in economy[1:]] == [*(str(y) for y in range(first, year + 1)), "I alt"]
    for row in economy[1:-1]:
        assert row[-1] == kr(contract_sum(data, int(row[0]))), row
        # the printed amount before rounding gives the printed sum, rounded half up
        exact = Decimal(row[-2].removesuffix(" kr.").replace(".", "").replace(",", "."))
        unit = Decimal(str(data.setting("Afrunding") or 1))
        rounded = (exact / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
        assert kr(int(rounded)) == row[-1], row
    period = sum(contract_sum(data, y) for y in range(first, year + 1))
    assert economy[-1][-1] == kr(period)
    assert f"Kontraktsummen for {year} er {kr(contract_sum(data, year))}" in text

    goals = [g for g in data.cfi if g["År"] == year]
    met = sum(
        1
        for g in goals
        if (g["Resultat"] >= g["Mål"] if g["Retning"] == "Mindst" else g["Resultat"] <= g["Mål"])
    )
    assert f"I alt blev {met} af {len(goals)} resultatmål opfyldt i {year}" in text
    cfi_rows = table_with(docx, "Nr.", "Resultatmål")[1:]
    # {"1": "Opfyldt"}: the report year's cell ends in its verdict; Højst 3 with 3 is met
    statuses = {r[0]: r[-1].split("\n")[-1] for r in cfi_rows}
    for g in goals:
        ok = g["Resultat"] >= g["Mål"] if g["Retning"] == "Mindst" else g["Resultat"] <= g["Mål"]
        assert statuses[str(g["Nr."])] == ("Opfyldt" if ok else "Ikke opfyldt"), g

    hours = sum(Decimal(str(h["Timer"])) for h in data.karriereby if h["År"] == year)
    fte = Decimal(str(data.setting("Timer pr. årsværk")))
    pct = (hours * 100 / fte).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert f"{pct}".replace(".", ",") + " % af ét årsværk" in text

    held = len({m["Dato"].month for m in data.moeder if m["Dato"].year == year})
    assert f"Der blev holdt møder i {held} af årets 12 måneder" in text

    points = [f"§ {p['Nr.']}. {p['Punkt']}" for p in data.punkter]
    headings = [
        p.text
        for p in Document(str(docx)).paragraphs
        if p.style.name.startswith("Heading")  # the body's headings, not the contents' lines
    ]
    shown = [line.split(" – ")[0] for line in headings if line.startswith("§ ")]
    assert [line for line in shown if line in points] == points  # each once, in contract order

    folder = docx.parent.parent / "input"
    for name in ("kontrakt.xlsx", "henvisninger.xlsx", "aarsdata.xlsx"):
        digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        assert digest not in text and name in text  # named, never fingerprinted


def test_classic_contract_with_a_users_layout_gives_the_right_report(tmp_path: Path) -> None:
    """2020–2023, report 2023; columns reversed, headers with stray spaces, extra column and
    sheet, three years of referrals, CVR as number and as text, empty optional cells, a rate
    of 1,275 % (not exact as a float) that needs half-up rounding, a rate for 2024 marked Skøn
    that the 2023 report does not need. Cell text that looks like template code or XML stays
    literal.
    No problem at all may be reported, and the report holds the figures. A second run moves
    the first report to output/tidligere/ instead of overwriting it."""
    data = classic()
    data.samarbejde[0]["Beskrivelse"] = "{{ 7*7 }} og {% if true %}x{% endif %}"
    data.samarbejde[1]["Titel"] = 'R&D <A/S> "Vækst"'
    folder = data.write(tmp_path / "input")
    assert problems(folder) == []
    done = lav(folder, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    docx = tmp_path / "out" / "Afrapportering_2023.docx"
    check_report(data, docx, 2023)
    # 2021: 2.762.000 × 1,01275 = 2.797.215,5 → half up 2.797.216 (banker's or float: …215).
    assert contract_sum(data, 2021) == 2797216
    text = text_of(docx)
    assert "2.797.216 kr." in text
    assert "{{ 7*7 }} og {% if true %}x{% endif %}" in text
    assert 'R&D <A/S> "Vækst"' in text
    assert lav(folder, tmp_path / "out").returncode == 0
    assert len(list((tmp_path / "out" / "tidligere").glob("Afrapportering_2023*.docx"))) == 1


def test_regulated_earmark_follows_the_price_index(tmp_path: Path) -> None:
    """An earmark with Reguleres Ja is stated at price level prices and regulated like the sum;
    what remains is the contract sum less the earmark."""
    data = classic()
    folder = data.write(tmp_path / "input")
    assert lav(folder, tmp_path / "out", "--aar", "2022").returncode == 0
    docx = tmp_path / "out" / "Afrapportering_2022.docx"
    earmarks = table_with(docx, "År", "Formål")
    factor = Decimal("1.01275") * Decimal("1.039")
    earmark = int((200000 * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert ["2022", "Grøn omstilling", "Ja", kr(earmark)] in earmarks
    assert ["2020", "Start Up Viborg", "Nej", kr(375000)] in earmarks
    remaining = kr(contract_sum(data, 2022) - earmark)
    assert f"Heraf er {kr(earmark)} øremærket, så {remaining} er til rådighed" in text_of(docx)


@pytest.mark.parametrize("year", [2025, 2026])
def test_renewed_contract_2024_2027_rounded_to_thousands(tmp_path: Path, year: int) -> None:
    """2024–2027 at 2024 prices, Afrunding 1000, month names in Karriereby, upper-case headers,
    no earmarks, another committee. 2025: 2.500.000 × 1,023 = 2.557.500 → half up to 2.558.000
    (a float product would give 2.557.499,99… and round down). On 20 January 2027 the
    default year is 2026, the last whole year: warnings allowed, no errors."""
    data = renewed()
    folder = data.write(tmp_path / "input")
    january = "2027-01-20 10:00:00"
    found = problems(folder, "--aar", str(year), day=january)
    assert [p for p in found if p["niveau"] == "fejl"] == []
    extra = ("--aar", "2025") if year == 2025 else ()
    done = lav(folder, tmp_path / "out", *extra, day=january)
    assert done.returncode == 0, done.stdout + done.stderr
    docx = tmp_path / "out" / f"Afrapportering_{year}.docx"
    assert docx.exists()
    check_report(data, docx, year)
    assert contract_sum(data, 2024) == 2500000
    assert contract_sum(data, 2025) == 2558000
    assert contract_sum(data, 2026) == 2609000  # 2.557.500 × 1,02 = 2.608.650
    assert "Til Erhvervs- og Beskæftigelsesudvalget" in text_of(docx)


def test_example_data_mark_and_warnings_in_the_appendix(tmp_path: Path) -> None:
    """Eksempeldata Ja puts EKSEMPELDATA on every page; an unambiguous text date and a Danish
    number as text are warnings (advarsel) for the author, and the report is written.
    This time the headers are lower case, in the order the README lists them."""
    data = classic()
    data.layout = Layout(order="as listed", spelling="lower")
    data.kontrakt = [(k, "Ja" if k == "Eksempeldata" else v) for k, v in data.kontrakt]
    data.henvisninger[0]["Dato"] = "15.03.2021"
    data.oremaerker[0]["Beløb"] = "375.000,00"
    folder = data.write(tmp_path / "input")
    found = problems(folder)
    assert {p["niveau"] for p in found} == {"advarsel"}
    at = {(p["fil"], p["ark"]) for p in found}
    assert ("henvisninger.xlsx", "Henvisninger") in at
    assert ("kontrakt.xlsx", "Øremærkninger") in at
    assert lav(folder, tmp_path / "out").returncode == 0
    docx = tmp_path / "out" / "Afrapportering_2023.docx"
    for section in Document(str(docx)).sections:
        assert "EKSEMPELDATA" in "".join(p.text for p in section.header.paragraphs)
    assert "advarsel" not in text_of(docx).casefold()


# ---------------------------------------------------------------------------
# Breaking one cell at a time (the README's fejl)
# ---------------------------------------------------------------------------


def norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def column(ws, header: str) -> int:
    for cell in ws[1]:
        if cell.value is not None and norm(cell.value) == norm(header):
            return cell.column
    raise AssertionError(f"{ws.title} has no column {header}")


def find_row(ws, where: dict) -> int:
    """The first data row whose cells hold these values (keys are headers)."""
    cols = {column(ws, h): v for h, v in where.items()}
    for r in range(2, ws.max_row + 1):
        if all(ws.cell(r, c).value == v for c, v in cols.items()):
            return r
    raise AssertionError(f"no row {where} in {ws.title}")


class Book:
    """Open one written workbook to change it as a user would, then save it."""

    def __init__(self, folder: Path, filename: str) -> None:
        self.path = folder / filename
        self.wb = openpyxl.load_workbook(self.path)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.wb.save(self.path)

    def set(self, sheet: str, header: str, value: object, where: dict) -> str:
        ws = self.wb[sheet]
        cell = ws.cell(find_row(ws, where), column(ws, header))
        cell.value = value
        return cell.coordinate


def first_2023_row(ws) -> int:
    col = column(ws, "Dato")
    return next(
        r for r in range(2, ws.max_row + 1) if getattr(ws.cell(r, col).value, "year", 0) == 2023
    )


def set_referral(folder: Path, header: str, value: object) -> str:
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        cell = ws.cell(first_2023_row(ws), column(ws, header))
        cell.value = value
        return cell.coordinate


def bad_cvr() -> int:
    good = cvr(2_900_000)
    return good - good % 10 + (good + 1) % 10


def break_cell(fil: str, ark: str, header: str, value: object, where: dict):
    def apply(folder: Path) -> tuple[str, str, str]:
        with Book(folder, fil) as book:
            return fil, ark, book.set(ark, header, value, where)

    return apply


def break_referral(header: str, value: object):
    def apply(folder: Path) -> tuple[str, str, str]:
        return "henvisninger.xlsx", "Henvisninger", set_referral(folder, header, value)

    return apply


def formula_without_cache(folder: Path) -> tuple[str, str, str]:
    with Book(folder, "aarsdata.xlsx") as book:
        return (
            "aarsdata.xlsx",
            "Karriereby",
            book.set("Karriereby", "Timer", "=80+78.5", {"År": 2023, "Måned": 6}),
        )


def merged_topics(folder: Path) -> tuple[str, str, str]:
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        row, col = first_2023_row(ws), column(ws, "Emne")
        ws.cell(row + 1, col).value = None
        top, below = ws.cell(row, col).coordinate, ws.cell(row + 1, col).coordinate
        ws.merge_cells(f"{top}:{below}")
        return "henvisninger.xlsx", "Henvisninger", f"{top}:{below}"


def delete_column(fil: str, ark: str, header: str):
    def apply(folder: Path) -> tuple[str, str, None]:
        with Book(folder, fil) as book:
            ws = book.wb[ark]
            ws.delete_cols(column(ws, header))
        return fil, ark, None

    return apply


def delete_row(fil: str, ark: str, where: dict):
    def apply(folder: Path) -> tuple[str, str, None]:
        with Book(folder, fil) as book:
            ws = book.wb[ark]
            ws.delete_rows(find_row(ws, where))
        return fil, ark, None

    return apply


def delete_sheet(fil: str, ark: str):
    def apply(folder: Path) -> tuple[str, str, None]:
        with Book(folder, fil) as book:
            del book.wb[ark]
        return fil, ark, None

    return apply


FUTURE = dt.datetime.combine(dt.date.today() + dt.timedelta(days=10), dt.time(10, 0))

KARRIEREBY, CFI = ("aarsdata.xlsx", "Karriereby"), ("aarsdata.xlsx", "CFI-resultatmål")
PRISINDEKS, KONTRAKT = ("kontrakt.xlsx", "Prisindeks"), ("kontrakt.xlsx", "Kontrakt")
LAST_MEETING = {"Dato": dt.datetime(2023, 12, 20, 9, 30)}

BROKEN = {
    "impossible date as text": break_referral("Dato", "32-13-2023"),
    "fem in a number column": break_cell(*KARRIEREBY, "Timer", "fem", {"År": 2023, "Måned": 3}),
    "recipient not on its list": break_referral("Henvist til", "Erhvervshus Midtjyland"),
    "topic not on its list": break_referral("Emne", "Turisme"),
    "Retning not on its list": break_cell(*CFI, "Retning", "Minimum", {"År": 2023, "Nr.": 2}),
    "Status of a rate not on its list": break_cell(
        *PRISINDEKS, "Status", "Foreløbig", {"År": 2022}
    ),
    "Type of cooperation not on its list": break_cell(
        "aarsdata.xlsx", "Samarbejde", "Type", "Kampagner", {"Titel": "Bosætning"}
    ),
    "Eksempeldata neither Ja nor Nej": break_cell(
        *KONTRAKT, "Værdi", "Måske", {"Felt": "Eksempeldata"}
    ),
    "CVR with a bad check digit": break_referral("CVR-nr.", bad_cvr()),
    "CVR of seven digits, as text": break_referral("CVR-nr.", "1234567"),
    "negative hours": break_cell(*KARRIEREBY, "Timer", -12, {"År": 2023, "Måned": 4}),
    "negative kroner": break_cell("kontrakt.xlsx", "Øremærkninger", "Beløb", -375000, {"År": 2021}),
    "referral dated in the future": break_referral("Dato", FUTURE),
    "meeting dated in the future": break_cell(
        "aarsdata.xlsx", "Møder", "Dato", FUTURE, LAST_MEETING
    ),
    "empty required cell": break_referral("Virksomhed", None),
    "month 13 in Karriereby": break_cell(*KARRIEREBY, "Måned", 13, {"År": 2023, "Måned": 5}),
    "goal of the report year without result": break_cell(
        *CFI, "Resultat", None, {"År": 2023, "Nr.": 2}
    ),
    "formula without a cached value": formula_without_cache,
    "merged cells inside the data": merged_topics,
    "missing required column": delete_column("henvisninger.xlsx", "Henvisninger", "Henvist til"),
    "missing price-index year": delete_row(*PRISINDEKS, {"År": 2022}),
    "missing Kontrakt field": delete_row(*KONTRAKT, {"Felt": "Grundbeløb"}),
    "missing sheet": delete_sheet("aarsdata.xlsx", "Møder"),
}


def cells_of(span: str) -> set[str]:
    lo_col, lo_row, hi_col, hi_row = range_boundaries(span)
    return {
        f"{get_column_letter(c)}{r}"
        for c in range(lo_col, hi_col + 1)
        for r in range(lo_row, hi_row + 1)
    }


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_one_broken_cell_is_named_and_stops_the_report(tmp_path: Path, case: str) -> None:
    """One fejl in otherwise valid data: ``tjek --json`` reports fejl for exactly that file,
    sheet and cell (a span for merged cells; no cell, or the header row, when a whole column,
    row or sheet is missing), and ``lav`` exits 1 with no report, a Fejlrapport, no traceback."""
    folder = classic().write(tmp_path / "input")
    fil, ark, celle = BROKEN[case](folder)
    errors = [p for p in problems(folder) if p["niveau"] == "fejl"]
    assert errors, f"{case}: no fejl reported"
    assert {(p["fil"], p["ark"]) for p in errors} == {(fil, ark)}, errors
    assert all(p["besked"] for p in errors)
    found = {p["celle"] for p in errors}
    if celle is None:
        assert all(c is None or (c[-1] == "1" and c[-2].isalpha()) for c in found), errors
    else:
        assert found <= cells_of(celle) and found, errors
        if ":" not in celle:
            assert found == {celle}, errors
    done = lav(folder, tmp_path / "out")
    assert done.returncode == 1, done.stdout + done.stderr
    assert not list((tmp_path / "out").glob("Afrapportering*.docx"))
    (fejlrapport,) = (tmp_path / "out").glob("Fejlrapport_*.xlsx")
    if celle is not None:  # a copy of the faulty sheet with the bad cell marked and explained
        marked = openpyxl.load_workbook(fejlrapport)
        copies = [ws for ws in marked if ws.title.endswith(ark[:20])]
        top = celle.split(":")[0]
        assert any(ws[top].comment is not None for ws in copies), marked.sheetnames


def test_a_typo_gets_a_suggestion(tmp_path: Path) -> None:
    """A value outside its list comes with "Mente du '…'?" where one exists."""
    folder = classic().write(tmp_path / "input")
    break_referral("Henvist til", "Erhvervshus Midtjyland")(folder)
    (error,) = [p for p in problems(folder) if p["niveau"] == "fejl"]
    assert "Mente du 'Erhvervshus Midtjylland'" in error["besked"]


@pytest.mark.parametrize("how", ["missing", "corrupt", "xls instead"])
def test_an_unreadable_workbook_cannot_start(tmp_path: Path, how: str) -> None:
    """A missing or unreadable workbook: no report, no traceback, the file named, exit 2
    for a missing one; a corrupt one or an .xls in its place may count as data error (1)."""
    folder = classic().write(tmp_path / "input")
    target = folder / "aarsdata.xlsx"
    if how == "missing":
        target.unlink()
    elif how == "corrupt":
        target.write_bytes(b"PK\x03\x04 this is not really a workbook")
    else:
        target.rename(folder / "aarsdata.xls")
    done = lav(folder, tmp_path / "out")
    assert done.returncode == (2 if how == "missing" else done.returncode)
    assert done.returncode in (1, 2)
    assert "aarsdata" in done.stdout + done.stderr
    assert not list((tmp_path / "out").glob("Afrapportering*.docx"))
    checked = run("tjek", "--input", str(folder), "--json", cwd=tmp_path)
    assert checked.returncode == done.returncode
    (problem,) = json.loads(checked.stdout)
    assert (problem["fil"], problem["celle"], problem["niveau"]) == ("aarsdata.xlsx", None, "fejl")


# ---------------------------------------------------------------------------
# Things a real Excel user does that are not errors
# ---------------------------------------------------------------------------


def relabel_settings(folder: Path) -> None:
    """Row labels of the Kontrakt sheet typed in other case and with stray spaces."""
    with Book(folder, "kontrakt.xlsx") as book:
        ws = book.wb["Kontrakt"]
        ws.cell(find_row(ws, {"Felt": "Grundbeløb"}), column(ws, "Felt")).value = "grundbeløb"
        row = find_row(ws, {"Felt": "Timer pr. årsværk"})
        ws.cell(row, column(ws, "Felt")).value = "  Timer pr. årsværk "


def wrapped_headers(folder: Path) -> None:
    """Headers wrapped with Alt+Enter, as in a narrow column."""
    with Book(folder, "kontrakt.xlsx") as book:
        ws = book.wb["Prisindeks"]
        ws.cell(1, column(ws, "Ændring pct.")).value = "Ændring\npct."
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        ws.cell(1, column(ws, "Henvist til")).value = "Henvist\ntil"


def shuffled_rows(folder: Path) -> None:
    """Rows in no particular order: newest first, price index backwards."""
    for filename, sheet in (
        ("henvisninger.xlsx", "Henvisninger"),
        ("kontrakt.xlsx", "Prisindeks"),
        ("aarsdata.xlsx", "Møder"),
        ("aarsdata.xlsx", "Karriereby"),
    ):
        with Book(folder, filename) as book:
            ws = book.wb[sheet]
            rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
            for r, values in enumerate(reversed(rows), start=2):
                for c, value in enumerate(values, start=1):
                    ws.cell(r, c).value = value


def excel_table_and_trailing_formatting(folder: Path) -> None:
    """The log formatted as an Excel table with filters and a frozen header, a dropdown, and
    empty but formatted rows below the data, as Excel leaves them."""
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        last = ws.max_row
        ws.add_table(
            openpyxl.worksheet.table.Table(
                displayName="Henvisninger", ref=f"A1:{get_column_letter(ws.max_column)}{last}"
            )
        )
        ws.freeze_panes = "A2"
        ws.add_data_validation(
            openpyxl.worksheet.datavalidation.DataValidation(
                type="list", formula1="=Lister!$A$2:$A$20", sqref=f"E2:E{last + 50}"
            )
        )
        for r in range(last + 1, last + 40):
            ws.cell(r, 1).number_format = "dd-mm-yyyy"
            ws.cell(r, 1).font = openpyxl.styles.Font(bold=True)


def formula_with_cached_value(folder: Path) -> None:
    """A Timer cell holding =100+58,5 with the value Excel saved with it (158,5)."""
    import zipfile

    with Book(folder, "aarsdata.xlsx") as book:
        address = book.set("Karriereby", "Timer", "=100+58.5", {"År": 2023, "Måned": 7})
        index = book.wb.sheetnames.index("Karriereby") + 1
    path = folder / "aarsdata.xlsx"
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    name = f"xl/worksheets/sheet{index}.xml"
    xml = parts[name].decode()
    start = xml.index(f'<c r="{address}"')
    end = xml.index("</c>", start)
    parts[name] = (
        xml[:start] + xml[start:end].replace("<v></v>", "<v>158.5</v>") + xml[end:]
    ).encode()
    assert b"<v>158.5</v>" in parts[name]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for part, data in parts.items():
            zout.writestr(part, data)


def sheets_reordered(folder: Path) -> None:
    """Sheets dragged into another order, with a chart sheet's worth of notes first."""
    with Book(folder, "aarsdata.xlsx") as book:
        book.wb.move_sheet("Møder", offset=-4)
        book.wb.move_sheet("Noter", offset=3)


TOLERATED = {
    "Kontrakt labels in other case": relabel_settings,
    "headers wrapped over two lines": wrapped_headers,
    "rows in no particular order": shuffled_rows,
    "Excel table, dropdown, formatted empty rows": excel_table_and_trailing_formatting,
    "formula with its cached value": formula_with_cached_value,
    "sheets in another order": sheets_reordered,
}


@pytest.mark.parametrize("case", list(TOLERATED), ids=list(TOLERATED))
def test_what_excel_users_do_is_no_error(tmp_path: Path, case: str) -> None:
    """The README promises that layout does not matter: each of these leaves the classic
    data set valid, with no fejl, and the report's figures unchanged."""
    data = classic()
    folder = data.write(tmp_path / "input")
    TOLERATED[case](folder)
    errors = [p for p in problems(folder) if p["niveau"] == "fejl"]
    assert errors == []
    done = lav(folder, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    check_report(data, tmp_path / "out" / "Afrapportering_2023.docx", 2023)


# ---------------------------------------------------------------------------
# Advarsler: the report is still written, and lists them
# ---------------------------------------------------------------------------


def duplicate_referral(folder: Path) -> tuple[str, str, int]:
    """The first referral of 2023 typed in twice: the copy's row is the one to look at."""
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        ws.append([c.value for c in ws[first_2023_row(ws)]])
        return "henvisninger.xlsx", "Henvisninger", ws.max_row


def row_change(kind: str):
    def apply(folder: Path) -> tuple[str, str, int]:
        with Book(folder, "henvisninger.xlsx") as book:
            ws = book.wb["Henvisninger"]
            row = first_2023_row(ws)
            if kind == "blank":
                ws.insert_rows(row)
            else:
                ws.row_dimensions[row].hidden = True
        return "henvisninger.xlsx", "Henvisninger", row

    return apply


def fewer_hours(folder: Path) -> tuple[str, str, None]:
    with Book(folder, "aarsdata.xlsx") as book:
        for month in range(1, 13):
            book.set("Karriereby", "Timer", 40, {"År": 2023, "Måned": month})
    return "aarsdata.xlsx", "Karriereby", None


WARNED = {
    "date typed as text 31.01.2023": break_referral("Dato", "31.01.2023"),
    "hours as Danish text 158,5": break_cell(
        *KARRIEREBY, "Timer", "158,5", {"År": 2023, "Måned": 2}
    ),
    "kroner as Danish text 375.000,00": break_cell(
        "kontrakt.xlsx", "Øremærkninger", "Beløb", "375.000,00", {"År": 2020}
    ),
    "rate of the report year still Skøn": break_cell(*PRISINDEKS, "Status", "Skøn", {"År": 2023}),
    "likely duplicate referral": duplicate_referral,
    "blank row in the middle": row_change("blank"),
    "hidden row": row_change("hidden"),
    "contract point without a row": delete_row(
        "aarsdata.xlsx", "Indsatser", {"År": 2023, "Punkt": "Karriereby Viborg"}
    ),
    "Karriereby hours far from one FTE": fewer_hours,
    "fewer than 12 meetings": delete_row("aarsdata.xlsx", "Møder", LAST_MEETING),
}


@pytest.mark.parametrize("case", list(WARNED), ids=list(WARNED))
def test_a_warning_still_gives_the_report(tmp_path: Path, case: str) -> None:
    """One advarsel in otherwise valid data: ``tjek --json`` names it as advarsel in the
    right file and sheet (and cell or row, where one is to blame), there is no fejl, ``lav``
    exits 0, and the committee's report does not mention the warning (the internal
    appendix does)."""
    folder = classic().write(tmp_path / "input")
    fil, ark, where = WARNED[case](folder)
    found = problems(folder)
    assert [p for p in found if p["niveau"] == "fejl"] == []
    warnings = [p for p in found if (p["fil"], p["ark"]) == (fil, ark)]
    assert warnings, found
    assert {p["niveau"] for p in warnings} == {"advarsel"}
    if isinstance(where, str):
        assert {p["celle"] for p in warnings} == {where}, warnings
    elif isinstance(where, int):
        assert {p["celle"].lstrip("ABCDEFGHIJ") for p in warnings} == {str(where)}, warnings
    done = lav(folder, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    report = text_of(tmp_path / "out" / "Afrapportering_2023.docx")
    assert "advarsel" not in report.casefold()
    assert all(w["besked"] not in report for w in warnings)


def test_a_referral_before_the_contract_period_is_left_out_in_one_line(tmp_path: Path) -> None:
    """A log carried on from an earlier period is normal (README, "Ny kontraktperiode"): a
    referral dated before the period is no problem at all, neither fejl nor advarsel; ``lav``
    says in one line how many were left out, and the report is written."""
    folder = classic().write(tmp_path / "input")
    break_referral("Dato", dt.datetime(2019, 6, 3))(folder)
    assert problems(folder) == []
    done = lav(folder, tmp_path / "out")
    assert done.returncode == 0, done.stdout + done.stderr
    told = [line for line in done.stdout.splitlines() if "før 2020" in line]
    assert len(told) == 1 and "1 henvisning" in told[0], done.stdout


# ---------------------------------------------------------------------------
# Discrepancies this corpus found, now fixed
# ---------------------------------------------------------------------------


def test_a_renamed_header_is_the_only_error(tmp_path: Path) -> None:
    """A header typed as 'Henvist' instead of 'Henvist til' is one fejl, at that header cell,
    with a suggestion; the log still has its referrals, so no other fejl is true."""
    folder = classic().write(tmp_path / "input")
    with Book(folder, "henvisninger.xlsx") as book:
        ws = book.wb["Henvisninger"]
        header = ws.cell(1, column(ws, "Henvist til"))
        header.value = "Henvist"
    errors = [p for p in problems(folder) if p["niveau"] == "fejl"]
    assert len(errors) == 1, errors
    (error,) = errors
    assert error["celle"] == header.coordinate
    assert "Henvist til" in error["besked"]


def test_error_report_is_named_by_the_report_year_when_a_setting_is_wrong(
    tmp_path: Path,
) -> None:
    """The error report is Fejlrapport_ÅR.xlsx. With Eksempeldata 'Måske' the period
    (Første år 2020, Sidste år 2023) and the referrals are still readable, so ÅR is 2023."""
    folder = classic().write(tmp_path / "input")
    BROKEN["Eksempeldata neither Ja nor Nej"](folder)
    assert lav(folder, tmp_path / "out").returncode == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["Fejlrapport_2023.xlsx"]


def test_cfi_goals_numbered_like_the_grant_letter_keep_their_order(tmp_path: Path) -> None:
    """Goals numbered 1.1, 1.2, 2 and 10 (as in a grant letter's annex) are listed in that
    order in KPI c, and the count met of total is unchanged."""
    data = classic()
    for goal, number in zip(data.cfi[1:], ("1.1", "1.2", "2", "10"), strict=True):
        goal["Nr."] = number
    folder = data.write(tmp_path / "input")
    assert lav(folder, tmp_path / "out").returncode == 0
    docx = tmp_path / "out" / "Afrapportering_2023.docx"
    assert "I alt blev 2 af 4 resultatmål opfyldt i 2023" in text_of(docx)
    goals = table_with(docx, "Nr.", "Resultatmål")[1:]
    assert [row[0] for row in goals] == ["1.1", "1.2", "2", "10"]
