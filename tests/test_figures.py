"""KPI figures: referrals, Karriereby hours, CFI goals, meetings and the deadline."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from generator.compute import deadline
from generator.compute.career import career_figures
from generator.compute.contract import ContractYear
from generator.compute.goals import goal_figures
from generator.compute.keyfigures import key_figure_table
from generator.compute.meetings import meeting_figures
from generator.compute.overview import period_overview, period_total
from generator.compute.points import contract_points
from generator.compute.referrals import referral_figures
from generator.compute.verdicts import MET, NOT_MET
from generator.reading.model import (
    CareerHours,
    ContractPoint,
    FocusItem,
    Goal,
    KeyFigure,
    Meeting,
    Referral,
)

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
    figures = career_figures(rows, Decimal(1924), 2023, range(2022, 2024))
    assert figures.hours == 1924
    assert figures.fte_pct == 100
    assert [(t.task, t.hours, t.share) for t in figures.by_task] == [
        ("Match", 1443, 75),
        ("Messe", 481, 25),
    ]
    assert [(y.year, y.hours) for y in figures.by_year] == [(2022, 999), (2023, 1924)]


def goal(number: str, target: int, result: int, direction: str, year: int = 2023) -> Goal:
    return Goal(
        year, number, f"Mål {number}", None, Decimal(target), Decimal(result), direction, None
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


POINTS = (
    ContractPoint("3 a i", "Innovationsmiljøer", "Arsenalet"),
    ContractPoint("3 a ii", "Innovationsmiljøer", "Agro Business Park"),
    ContractPoint("3 d i", "Arbejdskraft", "Karriereby Viborg"),
    ContractPoint("4 a", "Generelt samarbejde", "Strategiske tiltag"),
    ContractPoint("4 b", "Generelt samarbejde", "Sammenhængsmodellen"),
    ContractPoint("5", "CFI", "House of Industry"),
)


def test_every_contract_point_is_listed_in_contract_order_with_or_without_a_row():
    items = (
        FocusItem(2023, "karriereby viborg", "Løbende", "Tekst"),
        FocusItem(2023, "Arsenalet", "Afsluttet", None),
        FocusItem(2022, "Agro Business Park", "Løbende", "Sidste år"),
    )
    areas = contract_points(POINTS, items, 2023)
    assert [(a.number, a.area) for a in areas] == [
        ("3 a", "Innovationsmiljøer"),
        ("3 d", "Arbejdskraft"),
        ("4", "Generelt samarbejde"),
        ("5", "CFI"),
    ]
    first = areas[0].points
    assert [(p.label, p.status) for p in first] == [
        ("§ 3 a i. Arsenalet", "Afsluttet"),
        ("§ 3 a ii. Agro Business Park", None),
    ]
    assert areas[1].points[0].description == "Tekst"
    assert areas[3].points[0].label == "§ 5. House of Industry"


def test_a_most_goal_exactly_at_its_limit_is_met():
    figures = goal_figures((goal("1", 10, 10, "Højst"), goal("2", 55, 55, "Mindst")), 2023)
    assert [g.status for g in figures.goals] == [MET, MET]


def test_goals_show_the_earlier_contract_years_results_matched_by_wording():
    goals = (
        goal("1", 40, 38, "Mindst", 2021),
        goal("3", 10, 9, "Højst", 2022)._replace(goal="Mål 2"),  # renumbered in 2023
        goal("1", 45, 50, "Mindst", 2022),
        goal("1", 50, 52, "Mindst"),
        goal("2", 10, 12, "Højst"),
    )
    figures = goal_figures(goals, 2023, range(2020, 2024))
    first, second = figures.goals
    assert [(e.year, e.result) for e in first.earlier] == [(2020, None), (2021, 38), (2022, 50)]
    assert [(e.year, e.result) for e in second.earlier] == [(2020, None), (2021, None), (2022, 9)]
    assert [(y.year, y.met, y.total) for y in figures.by_year] == [
        (2020, 0, 0),
        (2021, 0, 1),
        (2022, 2, 2),
        (2023, 1, 2),
    ]


def test_key_figures_are_a_row_each_with_a_value_per_contract_year():
    rows = (
        KeyFigure(2021, "Virksomheder", Decimal(200), "virksomheder", None),
        KeyFigure(2023, "virksomheder", Decimal(230), None, "Flere"),
        KeyFigure(2023, "Tilfredshed", Decimal(90), "%", None),
        KeyFigure(2019, "Virksomheder", Decimal(1), None, None),  # before the period
    )
    table = key_figure_table(rows, range(2020, 2024))
    assert table.years == (2020, 2021, 2022, 2023)
    assert [(r.name, r.unit, r.values, r.comment) for r in table.rows] == [
        ("Virksomheder", "virksomheder", (None, 200, None, 230), "Flere"),
        ("Tilfredshed", "%", (None, None, None, 90), None),
    ]


def test_the_period_overview_has_a_row_per_year_and_sums_them():
    economy = tuple(
        ContractYear(y, (), Decimal(1), Decimal(a), Decimal(a), Decimal(0), Decimal(a))
        for y, a in ((2020, 100), (2021, 110))
    )
    referrals = (
        referral(date(2020, 3, 1), "A", "X"),
        referral(date(2021, 3, 1), "A", "X"),
        referral(date(2021, 4, 1), "B", "X"),
    )
    hours = (CareerHours(2021, 1, "Match", Decimal("7.5"), None),)
    meetings = (Meeting(date(2020, 1, 5), None), Meeting(date(2020, 1, 20), None))
    rows = period_overview(
        economy, referrals, hours, (goal("1", 10, 12, "Mindst", 2021),), meetings
    )
    assert [(r.year, r.referrals, r.career_hours, r.goals_met, r.meetings) for r in rows] == [
        (2020, 1, 0, 0, 1),
        (2021, 2, Decimal("7.5"), 1, 0),
    ]
    total = period_total(rows)
    assert (total.referrals, total.contract_sum, total.meetings_of) == (3, 210, 24)


def test_a_topic_used_only_last_year_still_has_its_row_so_both_columns_add_up():
    figures = referral_figures(
        (*REFERRALS, referral(date(2022, 3, 1), "E ApS", "Innovationsfonden", topic="Grøn")),
        TYPES,
        2023,
    )
    assert sum(c.previous for c in figures.by_topic) == figures.previous_total == 3
    assert ("Grøn", 0, 1) in [(c.label, c.count, c.previous) for c in figures.by_topic]


def test_the_year_s_referrals_are_those_dated_in_it_in_log_order():
    """The appendix lists them and the referral figures count them: one selection."""
    from generator.compute.referrals import year_referrals

    late = referral(date(2023, 12, 31), "E ApS", "Innovationsfonden")
    early = referral(date(2023, 1, 1), "F ApS", "Innovationsfonden")
    log = (late, *REFERRALS, early, referral(date(2024, 1, 1), "G ApS", "Innovationsfonden"))
    assert year_referrals(log, 2023) == [late, *REFERRALS[:4], early]
    assert year_referrals(log, 2022) == list(REFERRALS[4:])


def test_the_headline_counts_the_referrals_to_the_schema_s_house_type():
    """§ 6 a names the referrals to recipients of type Erhvervshus (schema.HOUSE)."""
    assert referral_figures(REFERRALS, TYPES, 2023).to_house == 2
    assert referral_figures(REFERRALS, TYPES, 2022).to_house == 1
    none_to_house = {name: "Nationalt program" for name in TYPES}
    assert referral_figures(REFERRALS, none_to_house, 2023).to_house == 0
