"""The summary table of the report's first page: a row per KPI and contract section.

Each row says what the contract point is, the year's result in one line of
plain Danish, and a status the committee can read at a glance. Where the
contract sets no target the status is "Orientering": the report then informs,
it does not judge.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..compute import Figures
from ..compute.points import PointStatus
from ..compute.verdicts import INFO
from ..core.numbering import (
    CAREER_KPI,
    CFI_PARAGRAPH,
    COOPERATION_PARAGRAPH,
    ECONOMY_PARAGRAPH,
    FOCUS_PARAGRAPH,
    GOALS_KPI,
    KPI_PARAGRAPH,
    REFERRALS_KPI,
)
from ..core.schema import COOPERATION_TYPES, POINT_STATUSES, assessment_key
from ..core.wording import noun
from ..reading.model import Cooperation
from . import formatting as fmt


def _referrals(f: Figures) -> str:
    r = f.referrals
    text = fmt.count(r.total, "henvisning")
    if r.previous_total is not None:
        text += ", " + fmt.change(r.change, r.change_pct, r.previous_year)
        if r.previous_year < f.settings.first_year:
            text += " (forrige kontraktperiode)"
    return text


def _career(f: Figures) -> tuple[str, str]:
    c = f.career
    text = f"{fmt.count(c.hours, 'time', 1)}, {fmt.percent(c.fte_pct)} af ét årsværk"
    return text, c.verdict


# A point's status for the year, as the summary counts it ("8 løbende").
STATUS_WORDS = dict(
    zip(POINT_STATUSES, ("løbende", "afsluttet", "ikke startet", "uden aktivitet"), strict=True)
)
NO_ROW = "uden status"
# § 4's kinds of cooperation as counted: singular, plural.
COOPERATION_WORDS = {
    COOPERATION_TYPES[0]: ("strategisk tiltag", "strategiske tiltag"),
    COOPERATION_TYPES[1]: ("sag i sammenhængsmodellen", "sager i sammenhængsmodellen"),
    COOPERATION_TYPES[2]: ("kampagne", "kampagner"),
    COOPERATION_TYPES[3]: ("fællesindkøb", "fællesindkøb"),
}


def _status_counts(points: list[PointStatus]) -> list[tuple[str, int]]:
    counts = Counter(
        STATUS_WORDS.get(p.status, p.status.lower()) if p.status else NO_ROW for p in points
    )
    order = [*STATUS_WORDS.values(), NO_ROW]
    return sorted(
        counts.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order)
    )


def points_line(points: list[PointStatus], annex: int = 0) -> str:
    """'10 punkter: 8 løbende, 1 afsluttet, 1 ikke startet'; 'begge punkter løbende';
    with Bilag 1's items: '10 punkter og 2 fra bilag 1: …'."""
    if not points:
        return "Ingen punkter i kontrakten"
    own = len(points) - annex
    what = fmt.count(own, "punkt")
    if annex:
        what += f" og {annex} fra bilag 1"
    statuses = _status_counts(points)
    if len(statuses) == 1:
        word = statuses[0][0]
        if len(points) == 1:
            return f"{what}: {word}"
        if len(points) == 2 and not annex:
            return f"Begge punkter {word}"
        return f"{what}, alle {word}"
    return f"{what}: " + ", ".join(f"{n} {w}" for w, n in statuses)


def cooperation_line(items: tuple[Cooperation, ...]) -> str:
    """'4 samarbejder: 1 strategisk tiltag, 2 kampagner, 1 fællesindkøb'."""
    if not items:
        return "ingen samarbejder registreret"
    kinds = Counter(item.type for item in items)
    parts = []
    for kind in (*COOPERATION_TYPES, *sorted(set(kinds) - set(COOPERATION_TYPES))):
        if kinds.get(kind):
            one, many = COOPERATION_WORDS.get(kind, (kind.lower(), kind.lower()))
            parts.append(f"{kinds[kind]} {noun(kinds[kind], one, many)}")
    return f"{fmt.count(len(items), 'samarbejde')}: " + ", ".join(parts)


def _with_assessment(text: str, assessment: str | None) -> str:
    """The counts, then the author's one line for the section (its first line)."""
    line = (assessment or "").strip().splitlines()[0].strip() if assessment else ""
    return f"{text}. {line}" if line else text


def summary_rows(f: Figures, assessments: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Punkt, Årets resultat and Status for each row of the summary, in the order
    the committee asks about them: the KPIs first, then §§ 3–5 and the money.
    ``assessments`` are the author's one-line assessments by section key
    (``vurdering_3`` …), from the texts file."""
    said = assessments or {}
    g, m = f.goals, f.meetings
    career, career_status = _career(f)
    cooperation, cfi = COOPERATION_PARAGRAPH, CFI_PARAGRAPH
    section = {
        p: [x for a in f.points if a.paragraph == p for x in a.points] for p in (cooperation, cfi)
    }
    focus = [x for a in f.points if a.paragraph not in (cooperation, cfi) for x in a.points]
    economy = f.this_year
    money = f"Kontraktsum {fmt.kroner(economy.amount)}"
    if economy.earmarked:
        money += f", heraf {fmt.kroner(economy.earmarked)} øremærket"
    rows = [
        (f"§ {REFERRALS_KPI} Henvisninger", _referrals(f), INFO),
        (f"§ {CAREER_KPI} Karriereby Viborg", career, career_status),
        (
            f"§ {GOALS_KPI} CFI's resultatmål",
            f"{g.met} af {fmt.count(g.total, 'resultatmål')} opfyldt",
            g.verdict,
        ),
        (
            f"§ {KPI_PARAGRAPH} Månedsmøder",
            f"Møder i {m.held} af årets {m.of} måneder",
            m.verdict,
        ),
        (
            f"§ {FOCUS_PARAGRAPH} Særlige indsatsområder",
            _with_assessment(
                points_line(focus, sum(1 for p in focus if p.from_annex)),
                said.get(assessment_key(FOCUS_PARAGRAPH)),
            ),
            INFO,
        ),
        (
            f"§ {cooperation} Generelt samarbejde",
            _with_assessment(
                points_line(section[cooperation]) + "; " + cooperation_line(f.cooperation),
                said.get(assessment_key(cooperation)),
            ),
            INFO,
        ),
        (
            f"§ {cfi} CFI og House of Industry",
            _with_assessment(points_line(section[cfi]), said.get(assessment_key(cfi))),
            INFO,
        ),
        (f"§ {ECONOMY_PARAGRAPH} Økonomi", money, INFO),
    ]
    return [{"punkt": p, "resultat": r, "status": s} for p, r, s in rows]
