"""Afrapportering_ÅR_bilag.xlsx: the per-row detail that does not belong in Word.

The report shows figures; this workbook shows what they are made of: every
referral of the year with its derived type and quarter, and the figure
tables, so a reader can filter and check in Excel. A log of tens of
thousands of rows would be thousands of pages in Word.

Written by ``sheet_writer``: it is by far the biggest file the program writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .compute import Figures
from .compute.referrals import quarter_label
from .model import Referral
from .schema import HENVISNINGER
from .sheet_writer import Table, write_tables

REFERRAL_COLUMNS = HENVISNINGER.sheets[0].columns
TYPE_HEADER, QUARTER_HEADER = "Type", "Kvartal"


def referral_rows(
    referrals: Iterable[Referral], recipient_types: dict[str, str], year: int
) -> list[tuple]:
    """The year's referrals in log order, as rows of the first sheet."""
    rows = []
    for referral in referrals:
        if referral.date.year != year:
            continue
        rows.append(
            (*referral, recipient_types.get(referral.recipient, ""), quarter_label(referral.date))
        )
    return rows


def write_appendix(figures: Figures, rows: Sequence[tuple], path: Path) -> None:
    """The year's referrals on the first sheet, then one sheet per figure table."""
    referrals = Table(
        f"Henvisninger {figures.year}",
        [c.header for c in REFERRAL_COLUMNS] + [TYPE_HEADER, QUARTER_HEADER],
        rows,
        [c.width for c in REFERRAL_COLUMNS] + [20, 12],
        ["dato"],
    )
    tables = [referrals, *_count_tables(figures), *_other_tables(figures)]
    write_tables(path, tables, f"Bilag til afrapportering {figures.year}")


def _count_tables(figures: Figures) -> list[Table]:
    r, year = figures.referrals, figures.year
    return [
        Table(
            title,
            [label, str(year - 1), str(year), f"Andel {year} (%)"],
            [(c.label, c.previous, c.count, c.share) for c in counts],
            [38, 10, 10, 14],
            [None, "heltal", "heltal", "decimal"],
        )
        for title, label, counts in (
            ("Modtagere", "Modtager", r.by_recipient),
            ("Typer", "Type", r.by_type),
            ("Kvartaler", "Kvartal", r.by_quarter),
            ("Måneder", "Måned", r.by_month),
            ("Emner", "Emne", r.by_topic),
        )
    ]


def _other_tables(figures: Figures) -> list[Table]:
    return [
        Table(
            "Karriereby",
            ["Opgave", "Timer", "Andel (%)"],
            [(t.task, t.hours, t.share) for t in figures.career.by_task],
            [40, 10, 12],
            [None, "decimal", "decimal"],
        ),
        Table(
            "CFI-resultatmål",
            ["Nr.", "Resultatmål", "Mål", "Resultat", "Retning", "Status"],
            [
                (g.number, g.goal, g.target, g.result, g.direction, g.status)
                for g in figures.goals.goals
            ],
            [6, 50, 10, 10, 10, 14],
        ),
        Table(
            "Økonomi",
            [
                "År",
                "Sats (%)",
                "Faktor",
                "Kontraktsum (kr.)",
                "Øremærket (kr.)",
                "Til rådighed (kr.)",
            ],
            [
                (
                    e.year,
                    None if e.rate is None else e.rate.rate,
                    e.factor,
                    e.amount,
                    e.earmarked,
                    e.remaining,
                )
                for e in figures.economy
            ],
            [8, 10, 12, 18, 16, 18],
            [None, None, None, "heltal", "heltal", "heltal"],
        ),
    ]
