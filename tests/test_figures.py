"""KPI figures: referrals, Karriereby hours, CFI goals, meetings and the deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.compute.activity import (
    MET,
    NOT_MET,
    career_figures,
    deadline,
    focus_areas,
    goal_figures,
    meeting_figures,
)
from generator.compute.referrals import referral_figures
from generator.model import CareerHours, FocusItem, Goal, Meeting, Referral

TYPES = {
    "Erhvervshus Midtjylland": "Erhvervshus",
    "Innovationsfonden": "Nationalt program",
    "Scale-Up Denmark": "Regionalt program",
    "Ubrugt": "Nationalt program",
}


def referral(
    day: date, company: str, recipient: str, cvr: str | None = None, topic: str = "Eksport"
) -> Referral:
    return Referral(day, company, cvr, recipient, topic, None, None)


REFERRALS = (
    referral(date(2023, 1, 5), "A ApS", "Erhvervshus Midtjylland", "10150817"),
    referral(date(2023, 2, 5), "A ApS (ny adresse)", "Innovationsfonden", "10150817"),
    referral(date(2023, 4, 5), "B A/S", "Erhvervshus Midtjylland", topic="Finansiering"),
    referral(date(2023, 11, 5), "b a/s", "Scale-Up Denmark"),
    referral(date(2022, 6, 1), "C I/S", "Erhvervshus Midtjylland"),
    referral(date(2022, 7, 1), "D I/S", "Innovationsfonden"),
)


def test_referrals_are_counted_by_recipient_type_quarter_month_and_topic():
    figures = referral_figures(REFERRALS, TYPES, 2023)
    assert figures.total == 4
    assert [(c.label, c.group, c.count, c.previous) for c in figures.by_recipient] == [
        ("Erhvervshus Midtjylland", "Erhvervshus", 2, 1),
        ("Innovationsfonden", "Nationalt program", 1, 1),
        ("Scale-Up Denmark", "Regionalt program", 1, 0),
    ]
    assert [(c.label, c.count) for c in figures.by_type] == [
        ("Erhvervshus", 2),
        ("Nationalt program", 1),
        ("Regionalt program", 1),
    ]
    assert [c.count for c in figures.by_quarter] == [2, 1, 0, 1]
    assert [c.count for c in figures.by_month][:4] == [1, 1, 0, 1]
    assert [(c.label, c.count) for c in figures.by_topic] == [("Eksport", 3), ("Finansiering", 1)]
    assert figures.by_recipient[0].share == 50


def test_distinct_companies_count_by_cvr_else_by_name():
    """Same CVR under two names is one company; names without CVR compare case-blind."""
    assert referral_figures(REFERRALS, TYPES, 2023).companies == 2


def test_change_against_the_year_before_where_that_year_has_data():
    figures = referral_figures(REFERRALS, TYPES, 2023)
    assert (figures.previous_total, figures.change, figures.change_pct) == (2, 2, 100)
    earlier = referral_figures(REFERRALS, TYPES, 2022)
    assert earlier.previous_total is None and earlier.change is None
    assert figures.yearly_totals == ((2022, 2), (2023, 4))


def test_karriereby_hours_against_one_fte_and_by_task():
    rows = (
        CareerHours(2023, 1, "Match", Decimal("962"), None),
        CareerHours(2023, 2, "Messe", Decimal("481"), None),
        CareerHours(2023, 3, "Match", Decimal("481"), None),
        CareerHours(2022, 3, "Match", Decimal("999"), None),
    )
    figures = career_figures(rows, Decimal(1924), 2023)
    assert figures.hours == 1924
    assert figures.fte_pct == 100
    assert [(t.task, t.hours, t.share) for t in figures.by_task] == [
        ("Match", 1443, 75),
        ("Messe", 481, 25),
    ]


def goal(number: str, target: int, result: int, direction: str) -> Goal:
    return Goal(
        2023, number, f"Mål {number}", None, Decimal(target), Decimal(result), direction, None
    )


def test_goals_are_met_according_to_their_direction():
    goals = (
        goal("2", 10, 12, "Højst"),
        goal("1", 40, 44, "Mindst"),
        goal("10", 80, 80, "Mindst"),
        goal("3", 10, 9, "Højst"),
    )
    figures = goal_figures(goals, 2023)
    assert [(g.number, g.status) for g in figures.goals] == [
        ("1", MET),
        ("2", NOT_MET),
        ("3", MET),
        ("10", MET),
    ]
    assert (figures.met, figures.total) == (3, 4)


def test_meetings_count_months_with_a_meeting_out_of_twelve():
    meetings = tuple(Meeting(date(2023, m, 10), None) for m in range(1, 13) if m != 7)
    figures = meeting_figures((*meetings, Meeting(date(2023, 3, 20), None)), 2023)
    assert (figures.held, figures.of, figures.missing_months) == (11, 12, (7,))


def test_the_report_is_due_at_the_end_of_january_the_year_after():
    assert deadline(2024) == date(2025, 1, 31)


def test_all_four_focus_areas_appear_in_contract_order_even_when_empty():
    areas = focus_areas((FocusItem(2023, "Arbejdskraft", "Karriereby", None, "Tekst"),), 2023)
    assert [a.area for a in areas] == [
        "Innovationsmiljøer",
        "Vidensoverførsel",
        "Tiltrækning af investeringer",
        "Arbejdskraft",
    ]
    assert [len(a.items) for a in areas] == [0, 0, 0, 1]


def test_a_topic_used_only_last_year_still_has_its_row_so_both_columns_add_up():
    figures = referral_figures(
        (*REFERRALS, referral(date(2022, 3, 1), "E ApS", "Innovationsfonden", topic="Grøn")),
        TYPES,
        2023,
    )
    assert sum(c.previous for c in figures.by_topic) == figures.previous_total == 3
    assert ("Grøn", 0, 1) in [(c.label, c.count, c.previous) for c in figures.by_topic]
