"""The contract sum: base amount × the price index, exact and rounded once, half up."""

from __future__ import annotations

from decimal import Decimal

import pytest

from generator.compute.contract import (
    MissingRate,
    contract_years,
    regulation_factor,
    round_half_up,
)
from generator.reading.model import Earmark, PriceRate, Settings


def make_settings(base: int = 2762000, rounding: int = 1) -> Settings:
    return Settings(
        "Viborg Kommune",
        "Viborgegnens Erhvervsråd",
        "VK",
        "VER",
        Decimal(base),
        2020,
        2020,
        2023,
        Decimal(1924),
        rounding,
        "ØE",
        False,
    )


RATES = (
    PriceRate(2021, Decimal("1.6"), "KL", "Endelig"),
    PriceRate(2022, Decimal("2.9"), "KL", "Endelig"),
    PriceRate(2023, Decimal("4.3"), "KL", "Skøn"),
)


def test_half_up_rounds_an_exact_half_away_from_zero():
    """1504,5 kr. is 1505 kr. (banker's rounding, Python's default, would give 1504)."""
    assert round_half_up(Decimal("1504.5")) == 1505
    assert round_half_up(Decimal("1504.4999")) == 1504
    assert round_half_up(Decimal("2500"), 1000) == 3000


def test_half_up_is_applied_to_the_contract_sum():
    """1003 kr. regulated by 50 % is 1504,5 kr., shown as 1505 kr."""
    settings = Settings(
        "K", "M", "K", "M", Decimal(1003), 2020, 2020, 2021, Decimal(1924), 1, "U", False
    )
    years, _ = contract_years(settings, (PriceRate(2021, Decimal(50), None, "Endelig"),), (), 2021)
    assert years[-1].exact_amount == Decimal("1504.5")
    assert years[-1].amount == 1505


def test_contract_sums_match_hand_computed_values():
    """2.762.000 × 1,016 = 2.806.192; × 1,029 = 2.887.571,568; × 1,043 = 3.011.737,145424."""
    years, _ = contract_years(make_settings(), RATES, (), 2023)
    assert [y.year for y in years] == [2020, 2021, 2022, 2023]
    assert [y.amount for y in years] == [2762000, 2806192, 2887572, 3011737]
    assert years[-1].exact_amount == Decimal("3011737.145424")
    assert years[-1].factor == Decimal("1.090418952")  # 1,016 × 1,029 × 1,043


def test_rounding_happens_once_not_per_year():
    """Rounding each year would give 2.887.572 × 1,043 = 3.011.737,596 → 3.011.738 kr.;
    rounding once gives 3.011.737 kr."""
    years, _ = contract_years(make_settings(), RATES, (), 2023)
    assert round_half_up(Decimal(2887572) * Decimal("1.043")) == 3011738
    assert years[-1].amount == 3011737


def test_rounding_to_thousands():
    years, _ = contract_years(make_settings(rounding=1000), RATES, (), 2023)
    assert [y.amount for y in years] == [2762000, 2806000, 2888000, 3012000]


def test_earmarks_are_subtracted_and_regulated_only_when_marked():
    earmarks = (
        Earmark(2021, Decimal(375000), "Start Up Viborg", False),
        Earmark(2022, Decimal(100000), "Regulated", True),
    )
    years, lines = contract_years(make_settings(), RATES, earmarks, 2023)
    by_year = {y.year: y for y in years}
    assert by_year[2021].earmarked == 375000
    assert by_year[2021].remaining == 2806192 - 375000
    assert lines[1].amount == 104546  # 100.000 × 1,016 × 1,029 = 104.546,4
    assert by_year[2020].earmarked == 0


def test_each_year_shows_its_rate_and_whether_it_is_an_estimate():
    years, _ = contract_years(make_settings(), RATES, (), 2023)
    assert years[0].rate is None
    assert years[-1].rate.rate == Decimal("4.3")
    assert years[-1].rate.estimate is True
    assert years[-1].has_estimate and not years[1].has_estimate


def test_a_missing_rate_cannot_be_computed():
    with pytest.raises(MissingRate):
        regulation_factor({2021: RATES[0]}, 2020, 2022)


def test_each_year_names_its_rate_s_status_as_the_workbook_does():
    """The price level year has no rate of its own; the others say the rate's status."""
    years, _ = contract_years(make_settings(), RATES, (), 2023)
    assert [(y.year, y.status) for y in years] == [
        (2020, "Prisniveau"),
        (2021, "Endelig"),
        (2022, "Endelig"),
        (2023, "Skøn"),
    ]
