"""Turn the computed figures into the Word template's context.

The context is plain dicts, lists, numbers, dates and strings: what a template
author sees in Word as ``{{ henvisninger.total|tal }}``. Names are Danish, as
the author reads them; formatting is left to the filters of ``formatting``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..compute import Figures
from ..compute.contract import ContractYear
from ..compute.referrals import MONTH_LABELS, Count
from ..problems import Problem, capped, danish_number
from ..reading import InputFile
from ..schema import RECIPIENT_TYPES
from . import formatting as fmt

HOUSE = RECIPIENT_TYPES[0]  # Erhvervshus
WARNINGS_PER_CODE = 10  # in the report; the appendix's Kontrol sheet lists them all


@dataclass(frozen=True)
class RunInfo:
    """Facts about this run for the appendix on the data basis."""

    files: tuple[InputFile, ...]
    generated: datetime
    version: str
    warnings: tuple[Problem, ...]


def _counts(counts: tuple[Count, ...]) -> list[dict[str, Any]]:
    return [
        {
            "navn": c.label,
            "type": c.group or "",
            "antal": c.count,
            "andel": c.share,
            "forrige": c.previous,
        }
        for c in counts
    ]


def _economy_year(entry: ContractYear) -> dict[str, Any]:
    rate = entry.rate
    return {
        "aar": entry.year,
        "sats": None if rate is None else rate.rate,
        "kilde": "" if rate is None or rate.source is None else rate.source,
        "status": "Prisniveau" if rate is None else ("Skøn" if rate.estimate else "Endelig"),
        "faktor": entry.factor,
        "beloeb": entry.amount,
        "oeremaerket": entry.earmarked,
        "rest": entry.remaining,
    }


def _summary(f: Figures) -> list[dict[str, str]]:
    """The key figures table on page two, as label/value text pairs."""
    r, c, g, m = f.referrals, f.career, f.goals, f.meetings
    previous = (
        "ingen data"
        if r.previous_total is None
        else f"{fmt.number(r.previous_total)} ({fmt.signed(r.change)})"
    )
    return [
        {"navn": f"Henvisninger i {f.year} (KPI a)", "vaerdi": fmt.number(r.total)},
        {"navn": f"Henvisninger i {f.year - 1} (ændring)", "vaerdi": previous},
        {
            "navn": "Heraf til Erhvervshus",
            "vaerdi": fmt.number(next((t.count for t in r.by_type if t.label == HOUSE), 0)),
        },
        {"navn": "Forskellige virksomheder henvist", "vaerdi": fmt.number(r.companies)},
        {
            "navn": "Timer til Karriereby Viborg (KPI b)",
            "vaerdi": f"{fmt.number(c.hours, 1)} timer ({fmt.percent(c.fte_pct)} af ét årsværk)",
        },
        {"navn": "CFI's resultatmål opfyldt (KPI c)", "vaerdi": f"{g.met} af {g.total}"},
        {"navn": "Månedsmøder holdt", "vaerdi": f"{m.held} af {m.of}"},
        {"navn": f"Kontraktsum {f.year}", "vaerdi": fmt.kroner(f.this_year.amount)},
        {"navn": f"Heraf øremærket {f.year}", "vaerdi": fmt.kroner(f.this_year.earmarked)},
        {"navn": "Frist for afrapportering", "vaerdi": fmt.long_date(f.deadline)},
    ]


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _clean(value: Any) -> Any:
    """Drop the control characters that cannot stand in a Word document's XML."""
    if isinstance(value, str):
        return CONTROL.sub("", value) if CONTROL.search(value) else value
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def build_context(figures: Figures, run: RunInfo, charts: dict[str, Any]) -> dict[str, Any]:
    return _clean(_context(figures, run, charts))


def _context(figures: Figures, run: RunInfo, charts: dict[str, Any]) -> dict[str, Any]:
    f, s = figures, figures.settings
    return {
        "aar": f.year,
        "forrige_aar": f.year - 1,
        "frist": f.deadline,
        "eksempeldata": s.example_data,
        "parter": {
            "kommune": s.municipality,
            "modpart": s.counterpart,
            "kommune_kort": s.municipality_short,
            "modpart_kort": s.counterpart_short,
            "udvalg": s.committee,
        },
        "kontrakt": {
            "foerste_aar": s.first_year,
            "sidste_aar": s.last_year,
            "prisniveau": s.price_level,
            "grundbeloeb": s.base_amount,
            "afrunding": s.rounding,
            "timer_pr_aarsvaerk": s.hours_per_fte,
        },
        "noegletal": _summary(f),
        "henvisninger": _referrals(f),
        "figurer": charts,
        "karriereby": {
            "timer": f.career.hours,
            "aarsvaerk": f.career.fte_hours,
            "pct": f.career.fte_pct,
            "opgaver": [
                {"opgave": t.task, "timer": t.hours, "andel": t.share} for t in f.career.by_task
            ],
        },
        "cfi": _goals(f),
        "moeder": {
            "holdt": f.meetings.held,
            "af": f.meetings.of,
            "liste": [{"dato": m.date, "emner": m.topics or ""} for m in f.meetings.dates],
            "mangler": [MONTH_LABELS[m - 1].lower() for m in f.meetings.missing_months],
        },
        "indsatser": [
            {
                "omraade": a.area,
                "punkter": [
                    {
                        "indsats": i.item,
                        "status": i.status or "",
                        "beskrivelse": i.description or "",
                    }
                    for i in a.items
                ],
            }
            for a in f.focus_areas
        ],
        "samarbejde": [
            {"type": c.type, "titel": c.title, "beskrivelse": c.description or ""}
            for c in f.cooperation
        ],
        "oekonomi": _economy(f),
        "grundlag": _basis(run),
    }


def _referrals(f: Figures) -> dict[str, Any]:
    r = f.referrals
    return {
        "total": r.total,
        "forrige_total": r.previous_total,
        "aendring": r.change,
        "aendring_pct": r.change_pct,
        "virksomheder": r.companies,
        "uden_cvr": r.without_cvr,
        "modtagere": _counts(r.by_recipient),
        "typer": _counts(r.by_type),
        "kvartaler": _counts(r.by_quarter),
        "maaneder": _counts(r.by_month),
        "emner": _counts(r.by_topic),
        "aarlige": [{"aar": y, "antal": n} for y, n in r.yearly_totals],
    }


def _goals(f: Figures) -> dict[str, Any]:
    return {
        "opfyldt": f.goals.met,
        "i_alt": f.goals.total,
        "maal": [
            {
                "nr": g.number,
                "maal": g.goal,
                "enhed": g.unit or "",
                "maaltal": g.target,
                "resultat": g.result,
                "retning": g.direction,
                "status": g.status,
                "opfyldt": g.met,
                "kommentar": g.comment or "",
            }
            for g in f.goals.goals
        ],
    }


def _economy(f: Figures) -> dict[str, Any]:
    return {
        "aar": [_economy_year(e) for e in f.economy],
        "i_aar": _economy_year(f.this_year),
        "oeremaerkninger": [
            {
                "aar": e.year,
                "formaal": e.purpose,
                "grundbeloeb": e.base_amount,
                "reguleres": e.regulated,
                "beloeb": e.amount,
            }
            for e in f.earmarks
        ],
        "har_skoen": f.this_year.has_estimate,
    }


def _basis(run: RunInfo) -> dict[str, Any]:
    """The appendix on the data basis: the files, when and by what, every warning."""
    return {
        "filer": [
            {"navn": file.name, "sha256": file.sha256, "stoerrelse": file.size}
            for file in run.files
        ],
        "tidspunkt": run.generated,
        "version": run.version,
        "advarsler": _warnings(run.warnings),
    }


def _warnings(warnings: tuple[Problem, ...]) -> list[dict[str, str]]:
    rows = []
    for p, more in capped(warnings, WARNINGS_PER_CODE):
        rows.append({"hvor": p.where, "kode": p.code, "besked": p.message})
        if more:
            rest = f"… og {danish_number(more)} flere af samme slags – se Kontrol-arket i bilaget"
            rows.append({"hvor": "", "kode": p.code, "besked": rest})
    return rows
