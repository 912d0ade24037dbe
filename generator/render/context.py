"""Turn the computed figures into the Word template's context.

The context is plain dicts, lists, numbers, dates and strings: what a template
author sees in Word as ``{{ henvisninger.total|tal }}``. Names are Danish, as
the author reads them; numbers are formatted by the filters of ``formatting``,
except where a cell joins words and numbers (the summary's results, a goal's
target), which is written here with the same functions.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..compute import Figures, reported
from ..compute.contract import ContractYear, shown_decimals
from ..compute.grouping import OTHERS, TABLE_ROWS, split, with_others
from ..compute.overview import YearOverview, period_total
from ..compute.points import AreaPoints, PointStatus
from ..compute.referrals import Count
from ..compute.run import RunInfo
from ..core.control_characters import without_control_characters
from ..core.numbering import CFI_PARAGRAPH, COOPERATION_PARAGRAPH
from ..core.schema import AT_MOST, DEFAULT_RECOMMENDATION, TEXT_SECTIONS, WORKBOOKS
from ..core.wording import month_name, year_range
from . import formatting as fmt
from .summary import summary_rows

# Which table a changed figure of an earlier year is told under (besides the period's).
REVISION_TABLES = {
    reported.REFERRALS: "henvisninger",
    reported.HOURS: "karriereby",
    reported.GOALS: "cfi",
    reported.MEETINGS: "moeder",
    reported.CONTRACT_SUM: "oekonomi",
}
NO_ACTIVITY = "Ingen registreret aktivitet i året."
PERCENT_UNITS = {"%", "pct", "pct.", "procent"}


def _counts(counts: tuple[Count, ...], by_size: bool = True) -> list[dict[str, Any]]:
    return [
        {
            "navn": c.label,
            "type": c.group or "",
            "antal": c.count,
            "andel": c.share,
            "forrige": c.previous,
        }
        for c in (with_others(counts) if by_size else counts)
    ]


def _clean(value: Any) -> Any:
    """Drop the control characters that cannot stand in a Word document's XML."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def build_context(
    figures: Figures,
    run: RunInfo,
    charts: dict[str, Any],
    texts: dict[str, Any] | None = None,
    lines: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The template's context. ``texts`` are the author's own words by section key
    (``texts.SectionXml``); every section key is present, None where there is no text.
    ``lines`` are the same sections as plain text, for the summary's one-line
    assessments."""
    context: dict[str, Any] = _clean(_context(figures, run, lines or {}))
    context["figurer"] = charts
    context["tekster"] = {section.key: (texts or {}).get(section.key) for section in TEXT_SECTIONS}
    return context


def _context(figures: Figures, run: RunInfo, lines: dict[str, str]) -> dict[str, Any]:
    f, s = figures, figures.settings
    return {
        "aar": f.year,
        "forrige_aar": f.year - 1,
        "frist": f.deadline,
        "eksempeldata": s.example_data,
        "sidste_aar": f.is_last_year,
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
            "periode": year_range(s.first_year, s.last_year),
            "hidtil": year_range(s.first_year, f.year),
            # the report is on the period's last year (or later): the period has ended
            "afsluttet": f.year >= s.last_year,
            "prisniveau": s.price_level,
            "grundbeloeb": s.base_amount,
            "afrunding": s.rounding,
            "timer_pr_aarsvaerk": s.hours_per_fte,
        },
        "resume": summary_rows(f, lines),
        "indstilling": DEFAULT_RECOMMENDATION,
        "henvisninger": _referrals(f),
        "karriereby": _career(f),
        "cfi": _goals(f),
        "moeder": {
            "holdt": f.meetings.held,
            "af": f.meetings.of,
            "liste": [{"dato": m.date, "emner": m.topics or ""} for m in f.meetings.dates],
            "mangler": [month_name(m) for m in f.meetings.missing_months],
        },
        **_points(f.points),
        "samarbejde_liste": [
            {"type": c.type, "titel": c.title, "beskrivelse": c.description or ""}
            for c in f.cooperation[:TABLE_ROWS]
        ],
        "samarbejde_flere": max(len(f.cooperation) - TABLE_ROWS, 0),
        "noegletal": _key_figures(f),
        "oekonomi": _economy(f),
        "periode": _period(f),
        "opdateret": _revisions(f),
        "om_tallene": {
            "filer": [workbook.filename for workbook in WORKBOOKS],
            "dato": run.generated.date(),
            "bilag": f"Afrapportering_{f.year}_bilag.xlsx",
        },
    }


def _referrals(f: Figures) -> dict[str, Any]:
    r, s = f.referrals, f.settings
    return {
        "total": r.total,
        "forrige_total": r.previous_total,
        "forrige_i_perioden": r.previous_year >= s.first_year,
        "aendring": r.change,
        "aendring_pct": r.change_pct,
        "erhvervshus": r.to_house,
        "virksomheder": r.companies,
        "uden_cvr": r.without_cvr,
        "modtagere": _counts(r.by_recipient),
        "typer": _counts(r.by_type),
        "kvartaler": _counts(r.by_quarter, by_size=False),  # the year's order
        "emner": _counts(r.by_topic),
        "aarlige": _yearly_referrals(f),
    }


def _yearly_referrals(f: Figures) -> list[dict[str, Any]]:
    """The contract years so far, each with its change against the year before."""
    rows: list[dict[str, Any]] = []
    before: int | None = None
    for year in f.overview:
        change = None if before is None else year.referrals - before
        rows.append({"aar": year.year, "antal": year.referrals, "aendring": change})
        before = year.referrals
    return rows


def _career(f: Figures) -> dict[str, Any]:
    c = f.career
    tasks: list[dict[str, Any]] = [
        {"opgave": t.task, "timer": t.hours, "andel": t.share} for t in c.by_task
    ]
    tasks, rest = split(tasks, TABLE_ROWS)
    if rest:
        tasks.append(
            {
                "opgave": OTHERS,
                "timer": sum((t["timer"] for t in rest), Decimal(0)),
                "andel": sum((t["andel"] for t in rest), Decimal(0)),
            }
        )
    return {
        "timer": c.hours,
        "aarsvaerk": c.fte_hours,
        "pct": c.fte_pct,
        "opgaver": tasks,
        "aarlige": [{"aar": y.year, "timer": y.hours, "pct": y.fte_pct} for y in c.by_year],
    }


def unit_text(value: Decimal, unit: str | None) -> str:
    """A number with its unit written once: '85 %', '55 virksomheder', '10 dage'."""
    number = fmt.smart_number(value)
    if not unit:
        return number
    if unit.strip().casefold() in PERCENT_UNITS:
        return f"{number} %"
    return f"{number} {unit}"


def target_text(target: Decimal, unit: str | None, direction: str) -> str:
    """'mindst 55 virksomheder', 'højst 10 dage': the target in words, not a code column."""
    word = "højst" if direction == AT_MOST else "mindst"
    return f"{word} {unit_text(target, unit)}"


def goal_cell(
    result: Decimal | None,
    target: Decimal | None,
    direction: str | None,
    unit: str | None,
    verdict: str | None,
) -> str:
    """One year of a goal: the result, that year's own target and its verdict
    on three lines ('44', 'mål mindst 40', 'Opfyldt'); a dash for no result.
    Only a per cent keeps its unit here: the goal's name says what is counted."""
    if result is None or target is None or direction is None or verdict is None:
        return "–"
    word = "højst" if direction == AT_MOST else "mindst"
    percent = unit if unit and unit.strip().casefold() in PERCENT_UNITS else None
    # a per cent never on a line of its own, away from its figure
    shown, aim = (unit_text(n, percent).replace(" %", "\u00a0%") for n in (result, target))
    return f"{shown}\nmål {word} {aim}\n{verdict}"


def _goals(f: Figures) -> dict[str, Any]:
    g = f.goals
    years = [y.year for y in g.by_year]
    return {
        "opfyldt": g.met,
        "i_alt": g.total,
        "aar": years,
        "maal": [
            {
                "nr": goal.number,
                "maal": goal.goal,
                "enhed": goal.unit or "",
                "maaltal": target_text(goal.target, goal.unit, goal.direction),
                "resultater": [
                    *(
                        goal_cell(e.result, e.target, e.direction, goal.unit, e.status)
                        for e in goal.earlier
                    ),
                    goal_cell(goal.result, goal.target, goal.direction, goal.unit, goal.status),
                ],
                "status": goal.status,
                "opfyldt": goal.met,
                "kommentar": goal.comment or "",
            }
            for goal in g.goals
        ],
        "aarlige": [{"aar": y.year, "opfyldt": y.met, "i_alt": y.total} for y in g.by_year],
    }


def _point(point: PointStatus) -> dict[str, Any]:
    text = point.description or ("" if point.status else NO_ACTIVITY)
    return {
        "etiket": point.label,
        "status": point.status or "",
        "tekst": text,
        "registreret": point.status is not None,
    }


def _area(area: AreaPoints) -> dict[str, Any]:
    return {
        "overskrift": f"§ {area.number} {area.area}",
        "punkter": [_point(p) for p in area.points],
    }


def _points(areas: tuple[AreaPoints, ...]) -> dict[str, Any]:
    """§ 3 by area; § 4 and § 5 as plain lists. Points of any other paragraph (a
    new contract's) are shown with § 3's, under their own numbers."""
    section4 = [_point(p) for a in areas if a.paragraph == COOPERATION_PARAGRAPH for p in a.points]
    section5 = [_point(p) for a in areas if a.paragraph == CFI_PARAGRAPH for p in a.points]
    others = [_area(a) for a in areas if a.paragraph not in (COOPERATION_PARAGRAPH, CFI_PARAGRAPH)]
    return {"indsatser": others, "samarbejde_punkter": section4, "cfi_punkter": section5}


def _key_figures(f: Figures) -> dict[str, Any]:
    table = f.key_figures
    return {
        "aar": list(table.years),
        "raekker": [
            {
                "navn": row.name,
                "enhed": row.unit or "",
                "vaerdier": ["–" if v is None else fmt.smart_number(v) for v in row.values],
                "kommentar": row.comment or "",
            }
            for row in table.rows[:TABLE_ROWS]
        ],
    }


def _economy_year(entry: ContractYear) -> dict[str, Any]:
    rate = entry.rate
    return {
        "aar": entry.year,
        "sats": None if rate is None else rate.rate,
        "status": entry.status,
        "faktor": entry.factor,
        "beloeb": entry.amount,
        "beregnet": entry.exact_amount,
        "oeremaerket": entry.earmarked,
        "rest": entry.remaining,
    }


def _economy(f: Figures) -> dict[str, Any]:
    sources = dict.fromkeys(
        step.source for step in f.this_year.steps if step.source and step.source.strip()
    )
    s = f.settings
    factor_decimals, amount_decimals = shown_decimals(f.economy, s.base_amount, s.rounding)
    return {
        "aar": [_economy_year(e) for e in f.economy],
        "i_aar": _economy_year(f.this_year),
        "faktor_decimaler": factor_decimals,
        "beloeb_decimaler": amount_decimals,
        "afrunding": ("hele kroner" if s.rounding == 1 else f"nærmeste {fmt.kroner(s.rounding)}"),
        "i_alt": sum((e.amount for e in f.economy), Decimal(0)),
        "kilder": "; ".join(sources),
        "oeremaerkninger": [
            {
                "aar": e.year,
                "formaal": e.purpose,
                "reguleres": e.regulated,
                "beloeb": e.amount,
            }
            for e in f.earmarks
        ],
        "har_skoen": f.this_year.has_estimate,
    }


def _revisions(f: Figures) -> dict[str, list[str]]:
    """One sentence per earlier year's figure that differs from what its report told,
    for the table where that year appears."""
    by_key: dict[str, list[str]] = {key: [] for key in REVISION_TABLES.values()}
    for revision in f.revisions:
        by_key[REVISION_TABLES[revision.key]].append(revision.sentence)
    return by_key


def _period(f: Figures) -> dict[str, Any]:
    def row(y: YearOverview) -> dict[str, Any]:
        return {
            "aar": y.year,
            "henvisninger": y.referrals,
            "timer": y.career_hours,
            "maal": f"{y.goals_met} af {y.goals_total}",
            "moeder": f"{y.meetings} af {y.meetings_of}",
            "kontraktsum": y.contract_sum,
        }

    total = period_total(f.overview)
    return {"aar": [row(y) for y in f.overview], "i_alt": row(total)}
