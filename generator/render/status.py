"""The monthly status: its template's context, and the one render.

The figures come from ``compute.status`` (the annual report's own functions,
cut at the status date); this module only words them. The document is made
like the report: the same sandboxed Jinja environment, the same filters, the
same lint of the template, the same table widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..compute.points import PointStatus
from ..compute.referrals import Count
from ..compute.status import Cutoff, StatusFigures
from ..core.actions import Action
from ..core.problems import CannotContinue, Problem, errors_of, warnings_of
from ..core.wording import counted, month_label, month_name, year_range
from . import formatting as fmt
from .context import _clean, target_text

LANGUAGE = "da-DK"
NAMED_POINTS = 6  # contract points without a row named in full; more: by number
SHORT_MONTHS = [month_label(m)[:3] for m in range(1, 13)]  # a table's column header: Jan … Dec


@dataclass(frozen=True)
class StatusRun:
    """What the status says about the run beside its figures."""

    problems: Sequence[Problem]
    generated: datetime
    error_report: str | None  # the error workbook's name, when it was written
    error_report_fault: str | None  # why it could not be written
    unread: tuple[tuple[str, str], ...]  # (file, sheet) that could not be read


def day_and_month(day: date) -> str:
    """'15. juni', as a sentence names a day of the year it is about."""
    return f"{day.day}. {month_name(day.month)}"


def status_context(f: StatusFigures, run: StatusRun) -> dict[str, Any]:
    s, cut = f.settings, f.cut
    context = {
        "aar": cut.year,
        "forrige_aar": cut.year - 1,
        "dato": cut.day,
        "dag": day_and_month(cut.day),
        "maaned": month_label(cut.day.month),
        "eksempeldata": s.example_data,
        "tjek": Action.CHECK.value,  # the launcher's line that finds the same problems
        "parter": {
            "kommune": s.municipality,
            "modpart": s.counterpart,
            "kommune_kort": s.municipality_short,
            "modpart_kort": s.counterpart_short,
        },
        "kontrakt": {"periode": year_range(s.first_year, s.last_year)},
        "data": _data(run),
        "senere": later_line(f),
        "mangler": missing_lines(f),
        "henvisninger": _referrals(f),
        "karriereby": _career(f),
        "cfi": _goals(f),
        "punkter": _points(f),
        "samarbejde": [{"type": c.type, "titel": c.title} for c in f.cooperation],
        "moeder": {
            "holdt": f.meetings.held,
            "datoer": [day_and_month(m.date) for m in f.meetings.dates],
            "uden": [month_name(m) for m in f.months_without_meeting],
        },
        "oekonomi": _economy(f),
    }
    cleaned: dict[str, Any] = _clean(context)
    return cleaned


def _data(run: StatusRun) -> dict[str, Any]:
    return {
        "fejl": len(errors_of(run.problems)),
        "advarsler": len(warnings_of(run.problems)),
        "fejlrapport": run.error_report,
        "fejlrapport_fejl": run.error_report_fault,
        "ulaeste": _capital(
            fmt.enumeration(f"arket {sheet} i {file}" for file, sheet in run.unread)
        ),
        "ulaeste_ark": [sheet for _, sheet in run.unread],
    }


def later_line(f: StatusFigures) -> str | None:
    """One line for the rows of the year after the cut-off, which are not counted."""
    later, cut = f.later, f.cut
    parts = []
    if later.referrals:
        parts.append(counted(later.referrals, "henvisning"))
    if later.meetings:
        parts.append(counted(later.meetings, "møde"))
    lines = []
    if parts:
        lines.append(
            f"Registreringer efter {fmt.long_date(cut.day)} indgår ikke: {fmt.enumeration(parts)}."
        )
    if later.career_months:
        months = fmt.enumeration(month_name(m) for m in later.career_months)
        lines.append(f"Karriereby-timerne for {months} tælles, når måneden er omme.")
    return " ".join(lines) or None


def missing_lines(f: StatusFigures) -> list[str]:
    """What the year's data does not hold yet, one plain line each."""
    lines = []
    if f.months_without_hours:
        names = fmt.enumeration(month_name(m) for m in f.months_without_hours)
        lines.append(f"Karriereby: ingen timer for {names}.")
    if f.goals_pending:
        goals = fmt.enumeration(f"nr. {g.number} {g.goal}" for g in f.goals_pending)
        lines.append(f"CFI's resultatmål uden resultat: {goals}.")
    pending = f.points_without_row
    if pending:
        lines.append(
            f"{len(pending)} af {sum(len(a.points) for a in f.points)} kontraktpunkter har "
            f"ingen række for {f.cut.year} på arket Indsatser."
        )
    if f.months_without_meeting:
        names = fmt.enumeration(month_name(m) for m in f.months_without_meeting)
        lines.append(f"Månedsmøder: intet møde registreret i {names}.")
    if f.contract_year is None and f.missing_rate is not None:
        lines.append(f"Prisindeks: satsen for {f.missing_rate} mangler.")
    return [_capital(line) for line in lines]


def _capital(line: str) -> str:
    return line[:1].upper() + line[1:]


def comparison(total: int, previous: int | None, year: int) -> str:
    """'5 flere end samme periode i 2025 (+17,2 %)', 'samme antal som samme periode i 2025'."""
    if previous is None:
        return f"og ingen henvisninger samme periode i {year} at sammenligne med"
    change = total - previous
    if change == 0:
        return f"samme antal som samme periode i {year}"
    word = "flere" if change > 0 else "færre"
    pct = fmt.signed_percent(Decimal(change) * 100 / Decimal(previous))
    return f"{fmt.number(abs(change))} {word} end samme periode i {year} ({pct})"


def _months(f: StatusFigures) -> list[dict[str, Any]]:
    """This year's and last year's referrals in each month so far, a row a year."""
    months = range(f.cut.day.month)
    return [
        {"aar": f.cut.year, "antal": [f.referrals.by_month[m].count for m in months]},
        {"aar": f.cut.year - 1, "antal": [f.previous_months[m].count for m in months]},
    ]


def _running_month(cut: Cutoff) -> str | None:
    """'juni til og med 15. juni' while the status month is not over."""
    if cut.day.month <= cut.months_passed:
        return None
    return f"{month_name(cut.day.month)} til og med {day_and_month(cut.day)}"


def _types(counts: tuple[Count, ...]) -> list[dict[str, Any]]:
    return [{"navn": c.label, "antal": c.count, "forrige": c.previous or 0} for c in counts]


def _referrals(f: StatusFigures) -> dict[str, Any]:
    r = f.referrals
    return {
        "total": r.total,
        "forrige_total": r.previous_total or 0,
        "sammenligning": comparison(r.total, r.previous_total, f.cut.year - 1),
        "typer": _types(r.by_type),
        "maaneder": [SHORT_MONTHS[m] for m in range(f.cut.day.month)],
        "maaned_raekker": _months(f),
        "maaned_indtil": _running_month(f.cut),
    }


def _career(f: StatusFigures) -> dict[str, Any]:
    c, cut = f.career, f.cut
    return {
        "timer": c.hours,
        "maaneder": cut.months_passed,
        "sidste_maaned": month_name(cut.months_passed) if cut.months_passed else "",
        "forventet": f.expected_hours,
        "pct": f.expected_pct,
        "aarsvaerk": c.fte_hours,
        "uden_timer": [month_name(m) for m in f.months_without_hours],
    }


def _goals(f: StatusFigures) -> dict[str, Any]:
    g = f.goals
    return {
        "i_alt": g.total + len(f.goals_pending),
        "med_resultat": g.total,
        "opfyldt": g.met,
        "maal": [
            {
                "nr": goal.number,
                "maal": goal.goal,
                "maaltal": target_text(goal.target, goal.unit, goal.direction),
                "resultat": fmt.smart_number(goal.result),
                "status": goal.status,
            }
            for goal in g.goals
        ],
        "uden_resultat": [f"nr. {goal.number} {goal.goal}" for goal in f.goals_pending],
    }


def _points(f: StatusFigures) -> dict[str, Any]:
    every = [p for area in f.points for p in area.points]
    pending = [p for p in every if p.status is None]
    return {
        "i_alt": len(every),
        "med_raekke": len(every) - len(pending),
        # a long list by the contract's numbers only, so the status keeps to two pages
        "uden": [p.label if len(pending) <= NAMED_POINTS else _number_of(p) for p in pending],
    }


def _number_of(point: PointStatus) -> str:
    """'§ 3 a i' of '§ 3 a i. Arsenalet': the label without the point's own name."""
    named = f". {point.point}"
    return point.label.removesuffix(named) if point.label.endswith(named) else point.label


def _economy(f: StatusFigures) -> dict[str, Any]:
    year = f.contract_year
    return {
        "kendt": year is not None,
        "beloeb": None if year is None else year.amount,
        "har_skoen": bool(year and year.has_estimate),
        "mangler_aar": f.missing_rate,
    }


# ----------------------------------------------------------------------------- render


def render_status(template: Path, context: dict[str, Any], target: Path, now: datetime) -> None:
    """Render the status template into ``target``, with the document's properties
    from the run (title, author = the counterpart, created = now, Danish)."""
    from .document import _load, _render, jinja_environment, set_extended_properties
    from .layout import tidy_spacing
    from .lint import lint_template
    from .tables import fit_table_grids

    document = _load(template)
    env = jinja_environment()
    problems = lint_template(document, context, env, template.name, declared=None)
    if problems:
        raise CannotContinue(
            f"Skabelonen {template.name} har fejl, så status er ikke lavet. Ret felterne og "
            "kør igen.",
            problems,
        )
    _render(document, context, env, template)
    fit_table_grids(document.docx.element.body)
    tidy_spacing(document.docx.element.body, document.docx.styles.element)  # as the report
    properties = document.docx.core_properties
    properties.title = f"Status til månedsmødet {fmt.long_date(context['dato'])}"
    properties.subject = f"Resultatkontrakt {context['kontrakt']['periode']}"
    properties.author = properties.last_modified_by = context["parter"]["modpart"]
    properties.language = LANGUAGE
    # Word stores the time in UTC; the run's time is local.
    properties.created = properties.modified = now.astimezone(UTC).replace(tzinfo=None)
    properties.comments = "Arbejdspapir til månedsmødet; ikke en afrapportering."
    set_extended_properties(document.docx, context["parter"]["modpart"])
    document.save(str(target))
