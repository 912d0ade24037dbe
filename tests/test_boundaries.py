"""The boundaries a careless change would move: each test pins one edge.

Each case sits exactly on an edge and just past it, through the real check or
computation, so that moving a comparison (``<`` for ``<=``, ``range(1, 12)`` for
``range(1, 13)``, ``//`` for ``/``) fails here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

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
    assert result.figures.meetings.missing_months == (12,)
    assert result.figures.meetings.held == 11
    assert codes(result, Code.FEW_MEETINGS) == [(AARSDATA.filename, "Møder", None)]


def test_twelve_monthly_meetings_are_no_warning(tmp_path):
    result = checked(tmp_path, factory.valid_data())
    assert result.figures.meetings.missing_months == ()
    assert codes(result, Code.FEW_MEETINGS) == []


def test_meetings_of_the_year_before_do_not_count_for_the_year(tmp_path):
    data = factory.valid_data()
    data["Møder"] = [
        {"date": date(year, month, 10), "topics": "Status"}
        for year, months in ((YEAR - 1, range(1, 13)), (YEAR, range(1, 7)))
        for month in months
    ]
    result = checked(tmp_path, data)
    assert result.figures.meetings.held == 6
    assert result.figures.meetings.missing_months == (7, 8, 9, 10, 11, 12)
    assert [m.date.month for m in result.figures.meetings.dates] == [1, 2, 3, 4, 5, 6]
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
    future = codes(result, Code.FUTURE_DATE)
    assert len(future) == 1
    file, sheet, cell = future[0]
    assert (file, sheet) == (HENVISNINGER.filename, "Henvisninger")
    assert cell.startswith(factory.column_of("Henvisninger", "date"))


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


@pytest.mark.parametrize(
    ("hours", "warned"),
    [
        (FTE_BAND[0] * FTE, False),  # exactly the lower edge
        (FTE_BAND[0] * FTE - Decimal("0.5"), True),
        (FTE_BAND[1] * FTE, False),  # exactly the upper edge
        (FTE_BAND[1] * FTE + Decimal("0.5"), True),
    ],
)
def test_karriereby_hours_warn_only_outside_the_band(tmp_path, hours, warned):
    data = factory.valid_data()
    assert Decimal(str(data["Kontrakt"]["hours_per_fte"])) == FTE
    data["Karriereby"] = [
        {"year": YEAR, "month": 1, "task": "Messer", "hours": float(hours), "note": None}
    ]
    result = checked(tmp_path, data)
    assert result.figures.career.hours == hours
    assert bool(codes(result, Code.CAREER_HOURS)) is warned


def test_a_task_share_is_a_true_fraction_of_the_hours(tmp_path):
    data = factory.valid_data()
    data["Karriereby"] = [
        {"year": YEAR, "month": 1, "task": "Messer", "hours": 1000, "note": None},
        {"year": YEAR, "month": 2, "task": "Studiejob-match", "hours": 600, "note": None},
    ]
    result = checked(tmp_path, data)
    shares = {t.task: t.share for t in result.figures.career.by_task}
    assert shares == {"Messer": Decimal("62.5"), "Studiejob-match": Decimal("37.5")}


def test_a_point_takes_the_status_of_its_last_row(tmp_path):
    data = factory.valid_data()
    first = data["Indsatser"][0]
    data["Indsatser"].insert(0, dict(first, status="Ikke startet", description="Planlagt."))
    result = checked(tmp_path, data)
    statuses = {p.point: p.status for area in result.figures.points for p in area.points}
    assert statuses[first["point"]] == "Løbende"


def test_earmarks_of_one_year_are_ordered_by_purpose(tmp_path):
    data = factory.valid_data()
    data["Øremærkninger"] = [
        {"year": 2021, "amount": 2000, "purpose": "Turisme", "regulated": "Nej"},
        {"year": 2021, "amount": 1000, "purpose": "Iværksætteri", "regulated": "Nej"},
        {"year": 2020, "amount": 3000, "purpose": "Start Up Viborg", "regulated": "Nej"},
    ]
    result = checked(tmp_path, data)
    assert [(e.year, e.purpose) for e in result.figures.earmarks] == [
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
    before = next(row for row in result.figures.overview if row.year == YEAR - 1)
    assert (before.goals_met, before.goals_total) == (1, 1)


@pytest.mark.parametrize(("rate", "refused"), [(100, False), (100.5, True), (-100, False)])
def test_a_price_rate_is_implausible_only_beyond_a_hundred_per_cent(tmp_path, rate, refused):
    data = factory.valid_data()
    data["Prisindeks"][0]["rate"] = rate
    result = check(factory.write_inputs(tmp_path / "input", data), YEAR, today=AFTER_THE_YEAR)
    found = codes(result, Code.IMPLAUSIBLE_NUMBER)
    assert bool(found) is refused
    if refused:
        assert found[0][:2] == (KONTRAKT.filename, "Prisindeks")


@pytest.mark.parametrize(("rate", "warned"), [(0.1, False), (0.09, True)])
def test_a_rate_below_a_tenth_of_a_per_cent_looks_like_a_fraction(tmp_path, rate, warned):
    data = factory.valid_data()
    data["Prisindeks"][0]["rate"] = rate
    result = checked(tmp_path, data)
    assert bool(codes(result, Code.RATE_AS_FRACTION)) is warned
