"""The boundaries a careless change would move: each test pins one edge.

Each case sits exactly on an edge and just past it, through the real check or
computation, so that moving a comparison (``<`` for ``<=``, ``range(1, 12)`` for
``range(1, 13)``, ``//`` for ``/``) fails here.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.compute.status import status_figures
from generator.core.actions import Action, how_to
from generator.core.problems import Code
from generator.core.schema import AARSDATA, FTE_BAND, HENVISNINGER, KONTRAKT
from generator.pipeline import check
from tests import factory

YEAR = factory.YEAR
AFTER_THE_YEAR = date(YEAR + 1, 1, 20)


def checked(tmp_path, data, year=YEAR, today=AFTER_THE_YEAR):
    return check(factory.write_inputs(tmp_path / "input", data), year, today=today)


def codes(result, code: Code) -> list[tuple[str, str | None, str | None]]:
    return [(p.file, p.sheet, p.cell) for p in result.problems if p.code is code]


def test_a_missing_december_meeting_is_reported_missing(tmp_path):
    data = factory.valid_data()
    data["Møder"] = [{"date": date(YEAR, month, 10), "topics": "Status"} for month in range(1, 12)]
    result = checked(tmp_path, data)
    assert result.computed.figures.meetings.missing_months == (12,)
    assert result.computed.figures.meetings.held == 11
    assert codes(result, Code.FEW_MEETINGS) == [(AARSDATA.filename, "Møder", None)]


def test_twelve_monthly_meetings_are_no_warning(tmp_path):
    result = checked(tmp_path, factory.valid_data())
    assert result.computed.figures.meetings.missing_months == ()
    assert codes(result, Code.FEW_MEETINGS) == []


def test_meetings_of_the_year_before_do_not_count_for_the_year(tmp_path):
    data = factory.valid_data()
    data["Møder"] = [
        {"date": date(year, month, 10), "topics": "Status"}
        for year, months in ((YEAR - 1, range(1, 13)), (YEAR, range(1, 7)))
        for month in months
    ]
    result = checked(tmp_path, data)
    assert result.computed.figures.meetings.held == 6
    assert result.computed.figures.meetings.missing_months == (7, 8, 9, 10, 11, 12)
    assert [m.date.month for m in result.computed.figures.meetings.dates] == [1, 2, 3, 4, 5, 6]
    assert codes(result, Code.FEW_MEETINGS) == [(AARSDATA.filename, "Møder", None)]


def _up_to(day: date) -> dict:
    """Valid data for YEAR whose dated rows all lie on or before ``day``."""
    data = factory.valid_data()
    data["Henvisninger"] = [r for r in data["Henvisninger"] if r["date"] <= day]
    data["Møder"] = [m for m in data["Møder"] if m["date"] <= day]
    return data


def test_a_referral_dated_today_is_not_in_the_future(tmp_path):
    today = date(YEAR, 5, 5)  # the factory's fifth referral is dated 5 May
    data = _up_to(today)
    assert any(r["date"] == today for r in data["Henvisninger"])
    result = checked(tmp_path, data, today=today)
    assert codes(result, Code.FUTURE_DATE) == []


def test_a_referral_dated_tomorrow_is_in_the_future(tmp_path):
    today = date(YEAR, 5, 4)
    data = _up_to(date(YEAR, 5, 5))
    result = checked(tmp_path, data, today=today)
    date_column = factory.column_of("Henvisninger", "date")
    # 1 January … 5 May in rows 2-6: row 6 holds 5 May
    assert codes(result, Code.FUTURE_DATE) == [
        (HENVISNINGER.filename, "Henvisninger", f"{date_column}6")
    ]


def _two_referrals(topic_a: str, topic_b: str) -> dict:
    data = factory.valid_data()
    first = dict(data["Henvisninger"][0])
    second = dict(first, topic=topic_b)
    first["topic"] = topic_a
    data["Henvisninger"] = [first, second, *data["Henvisninger"][1:]]
    return data


def test_the_same_referral_on_another_topic_is_no_duplicate(tmp_path):
    topics = factory.DEFAULT_TOPICS
    result = checked(tmp_path, _two_referrals(topics[0], topics[1]))
    assert codes(result, Code.LIKELY_DUPLICATE) == []


def test_the_same_referral_on_the_same_topic_is_a_likely_duplicate(tmp_path):
    topic = factory.DEFAULT_TOPICS[0]
    result = checked(tmp_path, _two_referrals(topic, topic))
    company = factory.column_of("Henvisninger", "company")
    assert codes(result, Code.LIKELY_DUPLICATE) == [
        (HENVISNINGER.filename, "Henvisninger", f"{company}3")
    ]


FTE = Decimal(1924)  # the factory's Timer pr. årsværk


def _career(tmp_path, hours: Decimal):
    data = factory.valid_data()
    assert Decimal(str(data["Kontrakt"]["hours_per_fte"])) == FTE
    data["Karriereby"] = [
        {"year": YEAR, "month": 1, "task": "Messer", "hours": float(hours), "note": None}
    ]
    return checked(tmp_path, data)


@pytest.mark.parametrize(
    "hours",
    [
        Decimal("1539.2"),  # 0,8 × 1.924: exactly the lower edge
        Decimal("2116.4"),  # 1,1 × 1.924: exactly the upper edge
    ],
)
def test_karriereby_hours_exactly_on_the_band_s_edges_are_no_warning(tmp_path, hours):
    assert hours in (FTE_BAND[0] * FTE, FTE_BAND[1] * FTE)
    result = _career(tmp_path, hours)
    assert result.computed.figures.career.hours == hours
    assert codes(result, Code.CAREER_HOURS) == []


@pytest.mark.parametrize(
    ("hours", "said"),
    [
        (Decimal("1538.7"), "1.538,7 timer"),  # half an hour below the lower edge
        (Decimal("2116.9"), "2.116,9 timer"),  # half an hour above the upper edge
    ],
)
def test_karriereby_hours_just_outside_the_band_warn_once_on_the_sheet(tmp_path, hours, said):
    result = _career(tmp_path, hours)
    assert codes(result, Code.CAREER_HOURS) == [(AARSDATA.filename, "Karriereby", None)]
    (problem,) = [p for p in result.problems if p.code is Code.CAREER_HOURS]
    assert problem.message == (
        f"Der er registreret {said} på Karriereby Viborg i {YEAR}, langt fra ét årsværk "
        "(1.924,0 timer). Tjek, at alle timer er med."
    )


def test_a_task_share_is_a_true_fraction_of_the_hours(tmp_path):
    data = factory.valid_data()
    data["Karriereby"] = [
        {"year": YEAR, "month": 1, "task": "Messer", "hours": 1000, "note": None},
        {"year": YEAR, "month": 2, "task": "Studiejob-match", "hours": 600, "note": None},
    ]
    result = checked(tmp_path, data)
    shares = {t.task: t.share for t in result.computed.figures.career.by_task}
    assert shares == {"Messer": Decimal("62.5"), "Studiejob-match": Decimal("37.5")}


def test_a_point_takes_the_status_of_its_last_row(tmp_path):
    data = factory.valid_data()
    first = data["Indsatser"][0]
    data["Indsatser"].insert(0, dict(first, status="Ikke startet", description="Planlagt."))
    result = checked(tmp_path, data)
    statuses = {p.point: p.status for area in result.computed.figures.points for p in area.points}
    assert statuses[first["point"]] == "Løbende"


def test_earmarks_of_one_year_are_ordered_by_purpose(tmp_path):
    data = factory.valid_data()
    data["Øremærkninger"] = [
        {"year": 2021, "amount": 2000, "purpose": "Turisme", "regulated": "Nej"},
        {"year": 2021, "amount": 1000, "purpose": "Iværksætteri", "regulated": "Nej"},
        {"year": 2020, "amount": 3000, "purpose": "Start Up Viborg", "regulated": "Nej"},
    ]
    result = checked(tmp_path, data)
    assert [(e.year, e.purpose) for e in result.computed.figures.earmarks] == [
        (2020, "Start Up Viborg"),
        (2021, "Iværksætteri"),
        (2021, "Turisme"),
    ]


def test_the_period_overview_counts_only_goals_with_a_result(tmp_path):
    data = factory.valid_data()
    earlier = dict(data["CFI-resultatmål"][0], year=YEAR - 1, result=50)
    unanswered = dict(data["CFI-resultatmål"][1], year=YEAR - 1, result=None)
    data["CFI-resultatmål"] += [earlier, unanswered]
    result = checked(tmp_path, data)
    before = next(row for row in result.computed.figures.overview if row.year == YEAR - 1)
    assert (before.goals_met, before.goals_total) == (1, 1)


def _rate(tmp_path, rate):
    """The factory's first price-index row (2021, in row 2) given ``rate``."""
    data = factory.valid_data()
    assert data["Prisindeks"][0]["year"] == 2021
    data["Prisindeks"][0]["rate"] = rate
    return checked(tmp_path, data)


RATE_CELL = f"{factory.column_of('Prisindeks', 'rate')}2"


@pytest.mark.parametrize("rate", [100, -100])
def test_a_price_rate_of_exactly_a_hundred_per_cent_is_allowed(tmp_path, rate):
    result = _rate(tmp_path, rate)
    assert codes(result, Code.IMPLAUSIBLE_NUMBER) == []
    assert result.computed.figures.economy[1].rate.rate == Decimal(rate)  # 2021's own rate


@pytest.mark.parametrize(("rate", "said"), [(100.5, "100,5"), (-100.5, "-100,5")])
def test_a_price_rate_beyond_a_hundred_per_cent_is_refused_at_its_cell(tmp_path, rate, said):
    result = _rate(tmp_path, rate)
    assert codes(result, Code.IMPLAUSIBLE_NUMBER) == [(KONTRAKT.filename, "Prisindeks", RATE_CELL)]
    (problem,) = [p for p in result.problems if p.code is Code.IMPLAUSIBLE_NUMBER]
    assert problem.message.startswith(f"Satsen for 2021 er {said} %; ")


def test_a_rate_of_exactly_a_tenth_of_a_per_cent_is_no_fraction(tmp_path):
    result = _rate(tmp_path, 0.1)
    assert codes(result, Code.RATE_AS_FRACTION) == []
    assert result.computed.figures.economy[1].rate.rate == Decimal("0.1")


def test_a_rate_just_below_a_tenth_of_a_per_cent_looks_like_a_fraction(tmp_path):
    result = _rate(tmp_path, 0.09)
    assert codes(result, Code.RATE_AS_FRACTION) == [(KONTRAKT.filename, "Prisindeks", RATE_CELL)]


def test_a_recipient_share_is_a_true_fraction_of_the_year(tmp_path):
    data = factory.valid_data()
    data["Henvisninger"] = factory.referrals(YEAR, 8) + factory.referrals(YEAR - 1, 10)
    result = checked(tmp_path, data)
    shares = {c.label: (c.count, c.share) for c in result.computed.figures.referrals.by_recipient}
    names = [name for name, _ in factory.DEFAULT_RECIPIENTS[:3]]
    assert shares == {
        names[0]: (3, Decimal("37.5")),
        names[1]: (3, Decimal("37.5")),
        names[2]: (2, Decimal("25")),
    }


# A status dated the day of a referral or a meeting: the status day is the last day counted.
STATUS_DAY = date(YEAR, 5, 5)  # the factory's fifth referral this year and last year


def _status(tmp_path, day: date):
    result = checked(tmp_path, factory.valid_data())
    settings = result.contract.settings
    assert result.ok and settings is not None
    return status_figures(result.dataset, settings, day)


def test_a_referral_dated_the_status_day_counts_in_the_status(tmp_path):
    figures = _status(tmp_path, STATUS_DAY)
    # 1 January … 5 May this year; 1 January … 5 May last year
    assert (figures.referrals.total, figures.referrals.previous_total) == (5, 5)
    assert figures.later.referrals == 7  # 6 June … 12 December


def test_a_meeting_on_the_status_day_counts_in_the_status(tmp_path):
    figures = _status(tmp_path, date(YEAR, 5, 10))  # the factory meets on the 10th
    assert figures.meetings.held == 5
    assert [m.date for m in figures.meetings.dates][-1] == date(YEAR, 5, 10)
    assert figures.later.meetings == 7


def test_a_referral_of_another_period_dated_today_is_set_aside(tmp_path):
    """Only a date after today stays in whatever its period, to be told as in the future;
    a referral dated today after the period is set aside like any other."""
    data = factory.valid_data()
    assert data["Kontrakt"]["last_year"] == YEAR
    today = date(YEAR + 1, 1, 20)
    data["Henvisninger"].append(dict(data["Henvisninger"][0], date=today))
    result = checked(tmp_path, data, today=today)
    assert codes(result, Code.FUTURE_DATE) == []
    assert list(result.left_out) == [
        f"{HENVISNINGER.filename}: 1 henvisning efter {YEAR} indgår ikke; "
        "kontraktperioden er 2020–2023. Hører de til en ny kontraktperiode, så begynd den: "
        + how_to(Action.NEW_PERIOD)
        + "."
    ]
    assert all(r.date.year <= YEAR for r in result.dataset.referrals)


def test_referrals_only_in_the_year_before_warn_of_no_referrals(tmp_path):
    data = factory.valid_data()
    data["Henvisninger"] = factory.referrals(YEAR - 1, 10)  # 2022 lies in the period
    result = checked(tmp_path, data)
    assert codes(result, Code.NO_REFERRALS_IN_YEAR) == [
        (HENVISNINGER.filename, "Henvisninger", None)
    ]
    assert result.computed.figures.referrals.total == 0


def test_one_referral_in_the_year_is_enough_not_to_warn(tmp_path):
    data = factory.valid_data()
    data["Henvisninger"] = factory.referrals(YEAR, 1) + factory.referrals(YEAR - 1, 10)
    result = checked(tmp_path, data)
    assert codes(result, Code.NO_REFERRALS_IN_YEAR) == []
    assert result.computed.figures.referrals.total == 1


def _mutants():
    path = Path(__file__).resolve().parent.parent / "tools" / "run_mutants.py"
    spec = importlib.util.spec_from_file_location("run_mutants", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_mutants"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_each_listed_mutant_still_applies_and_names_a_test_here():
    """tools/run_mutants.py (and the table in docs/development.md) stay true: each
    mutant's text is in its file exactly once, and the test that kills it exists."""
    tool = _mutants()
    here = globals()
    for mutant in tool.MUTANTS:
        text = (tool.ROOT / mutant.path).read_text(encoding="utf-8")
        assert text.count(mutant.old) == 1, (mutant.key, mutant.path)
        assert mutant.old != mutant.new
        file, name = mutant.test.split("::")
        assert file == "tests/test_boundaries.py" and callable(here.get(name)), mutant.key
    assert len({m.key for m in tool.MUTANTS}) == len(tool.MUTANTS)


def test_the_mutant_table_names_the_line_each_mutant_changes():
    """docs/development.md's "Where" column is the file and line of each mutant's text."""
    tool = _mutants()
    table = (tool.ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    for mutant in tool.MUTANTS:
        text = (tool.ROOT / mutant.path).read_text(encoding="utf-8")
        line = text[: text.index(mutant.old)].count("\n") + 1
        assert f"| {mutant.key} |" in table, mutant.key
        row = next(r for r in table.splitlines() if r.startswith(f"| {mutant.key} |"))
        assert f"`{mutant.path}:{line}`" in row, (mutant.key, line, row)
