"""The summary table of the report's first page: a row per KPI and contract section.

Each row says what the contract point is, the year's result in one line of
plain Danish, and a status the committee can read at a glance. Where the
contract sets no target the status is "Orientering": the report then informs,
it does not judge.
"""

from __future__ import annotations

from typing import Any

from ..compute import Figures
from ..schema import FTE_BAND
from . import formatting as fmt

MET, PARTLY, NOT_MET, INFO = "Opfyldt", "Delvist opfyldt", "Ikke opfyldt", "Orientering"


def _share_status(done: int, of: int) -> str:
    if of == 0:
        return INFO
    if done >= of:
        return MET
    return PARTLY if done else NOT_MET


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
    low, _ = FTE_BAND
    if c.hours >= low * c.fte_hours:
        return text, MET
    return text, PARTLY if c.hours else NOT_MET


def _points_line(points: list, noun: str) -> str:
    if not points:
        return "Ingen punkter i kontrakten"
    active = sum(1 for p in points if p.status is not None)
    if active == len(points):
        return f"Status for alle {fmt.count(len(points), noun)}"
    return f"Aktivitet registreret for {active} af {fmt.count(len(points), noun)}"


def summary_rows(f: Figures) -> list[dict[str, Any]]:
    """Punkt, Årets resultat and Status for each row of the summary, in the order
    the committee asks about them: the KPIs first, then §§ 3–5 and the money."""
    g, m = f.goals, f.meetings
    career, career_status = _career(f)
    section = {p: [x for a in f.points if a.paragraph == p for x in a.points] for p in "345"}
    section3 = [x for a in f.points if a.paragraph not in ("4", "5") for x in a.points]
    economy = f.this_year
    money = f"Kontraktsum {fmt.kroner(economy.amount)}"
    if economy.earmarked:
        money += f", heraf {fmt.kroner(economy.earmarked)} øremærket"
    rows = [
        ("§ 6 a Henvisninger", _referrals(f), INFO),
        ("§ 6 b Karriereby Viborg", career, career_status),
        (
            "§ 6 c CFI's resultatmål",
            f"{g.met} af {fmt.count(g.total, 'resultatmål')} opfyldt",
            _share_status(g.met, g.total),
        ),
        (
            "§ 6 Månedsmøder",
            f"Møder i {m.held} af årets {m.of} måneder",
            _share_status(m.held, m.of),
        ),
        ("§ 3 Særlige indsatsområder", _points_line(section3, "punkt"), INFO),
        (
            "§ 4 Generelt samarbejde",
            _points_line(section["4"], "punkt")
            + f"; {fmt.count(len(f.cooperation), 'samarbejde')} beskrevet",
            INFO,
        ),
        ("§ 5 CFI og House of Industry", _points_line(section["5"], "punkt"), INFO),
        ("§ 7 Økonomi", money, INFO),
    ]
    return [{"punkt": p, "resultat": r, "status": s} for p, r, s in rows]
