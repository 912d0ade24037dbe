"""Each verdict decided once, in compute: the summary's and the goal table's words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute import verdicts
from generator.compute.career import CareerFigures
from generator.compute.goals import EarlierResult
from generator.compute.meetings import MeetingFigures


@pytest.mark.parametrize(
    ("done", "of", "expected"),
    [(0, 0, "Orientering"), (3, 3, "Opfyldt"), (4, 3, "Opfyldt"), (2, 3, "Delvist opfyldt"),
     (1, 12, "Delvist opfyldt"), (0, 3, "Ikke opfyldt")],
)  # fmt: skip
def test_a_count_against_what_the_contract_asks(done, of, expected):
    assert verdicts.share(done, of) == expected


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(Decimal("1539.2"), "Opfyldt"), (Decimal("1539.1"), "Delvist opfyldt"),
     (Decimal("0.1"), "Delvist opfyldt"), (Decimal(0), "Ikke opfyldt"),
     (Decimal(2500), "Opfyldt")],
)  # fmt: skip
def test_karriereby_is_met_from_the_low_end_of_the_fte_band(hours, expected):
    """0,8 × 1924 timer = 1539,2 timer: at the boundary the hours meet the FTE."""
    figures = CareerFigures(2023, hours, Decimal(1924), Decimal(0), (), ())
    assert figures.verdict == expected


def test_the_meetings_verdict_counts_the_months_with_a_meeting():
    assert MeetingFigures(2023, 11, 12, (), (12,)).verdict == "Delvist opfyldt"
    assert MeetingFigures(2023, 12, 12, (), ()).verdict == "Opfyldt"


def test_an_earlier_year_without_a_result_has_no_verdict():
    assert EarlierResult(2021, None, None).status is None
    assert EarlierResult(2021, Decimal(44), True, Decimal(40), "Mindst").status == "Opfyldt"
    assert EarlierResult(2021, Decimal(39), False, Decimal(40), "Mindst").status == "Ikke opfyldt"


@pytest.mark.parametrize(
    ("result", "target", "direction", "expected"),
    [(40, 40, "Mindst", True), (39, 40, "Mindst", False), (41, 40, "Mindst", True),
     (40, 40, "Højst", True), (41, 40, "Højst", False), (39, 40, "Højst", True),
     (40, 40, None, True)],
)  # fmt: skip
def test_a_goal_is_reached_at_its_limit_in_either_direction(result, target, direction, expected):
    """One rule for the checks (a missed goal needs a comment) and the figures."""
    from generator.core.schema import goal_reached

    assert goal_reached(Decimal(result), Decimal(target), direction) is expected
