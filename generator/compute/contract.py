"""The contract sum: the base amount regulated by the municipal price index.

The sum for year Y is Grundbeløb × Π(1 + pct_t / 100) for t from the price
level year + 1 to Y. The product is kept exact in Decimal and rounded once,
at the end: rounding each year's step would let errors pile up, and a
committee compares these figures to the krone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..core.schema import ESTIMATE, FINAL, PRICE_LEVEL
from ..reading.model import Earmark, PriceRate, Settings

HUNDRED = Decimal(100)


def round_half_up(value: Decimal, unit: int = 1) -> Decimal:
    """Round to the nearest ``unit``, halves away from zero.

    Python's ``round`` rounds halves to even (1504.5 → 1504), which is not how
    money is rounded in a budget; 1504.5 kr. is 1505 kr.
    """
    step = Decimal(unit)
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


@dataclass(frozen=True)
class RateStep:
    year: int
    rate: Decimal  # per cent
    source: str | None
    estimate: bool


@dataclass(frozen=True)
class ContractYear:
    year: int
    steps: tuple[RateStep, ...]  # the rates applied since the price level year
    factor: Decimal  # exact
    exact_amount: Decimal
    amount: Decimal  # rounded once to the rounding unit
    earmarked: Decimal
    remaining: Decimal

    @property
    def rate(self) -> RateStep | None:
        """This year's own rate (None for the price level year itself)."""
        return self.steps[-1] if self.steps and self.steps[-1].year == self.year else None

    @property
    def has_estimate(self) -> bool:
        return any(step.estimate for step in self.steps)

    @property
    def status(self) -> str:
        """This year's rate as the workbook names its status ('Skøn', 'Endelig'),
        or 'Prisniveau' for the price level year, which has no rate."""
        rate = self.rate
        if rate is None:
            return PRICE_LEVEL
        return ESTIMATE if rate.estimate else FINAL


@dataclass(frozen=True)
class EarmarkLine:
    year: int
    purpose: str
    base_amount: Decimal
    regulated: bool
    amount: Decimal


class MissingRate(Exception):
    """A rate needed for the sum is missing; validation reports it with its cell."""


def regulation_factor(
    rates: dict[int, PriceRate], price_level: int, year: int
) -> tuple[Decimal, tuple[RateStep, ...]]:
    factor = Decimal(1)
    steps = []
    for step_year in range(price_level + 1, year + 1):
        if step_year not in rates:
            raise MissingRate(step_year)
        rate = rates[step_year]
        factor *= 1 + rate.rate / HUNDRED
        steps.append(RateStep(step_year, rate.rate, rate.source, rate.status == ESTIMATE))
    return factor, tuple(steps)


def earmark_lines(
    earmarks: tuple[Earmark, ...], settings: Settings, factors: dict[int, Decimal]
) -> tuple[EarmarkLine, ...]:
    lines = []
    for earmark in sorted(earmarks, key=lambda e: (e.year, e.purpose)):
        factor = factors.get(earmark.year)
        if earmark.regulated and factor is not None:
            amount = round_half_up(earmark.amount * factor, settings.rounding)
        else:
            amount = earmark.amount
        lines.append(
            EarmarkLine(earmark.year, earmark.purpose, earmark.amount, earmark.regulated, amount)
        )
    return tuple(lines)


def contract_years(
    settings: Settings, rates: tuple[PriceRate, ...], earmarks: tuple[Earmark, ...], year: int
) -> tuple[tuple[ContractYear, ...], tuple[EarmarkLine, ...]]:
    """Every contract year from the first up to ``year``, with its earmarks."""
    by_year = {rate.year: rate for rate in rates}
    computed = {}
    for each in range(settings.first_year, year + 1):
        factor, steps = regulation_factor(by_year, settings.price_level, each)
        computed[each] = (factor, steps)
    lines = earmark_lines(earmarks, settings, {y: f for y, (f, _) in computed.items()})
    result = []
    for each, (factor, steps) in computed.items():
        exact = settings.base_amount * factor
        amount = round_half_up(exact, settings.rounding)
        earmarked = sum((line.amount for line in lines if line.year == each), Decimal(0))
        result.append(
            ContractYear(each, steps, factor, exact, amount, earmarked, amount - earmarked)
        )
    return tuple(result), lines


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def shown_decimals(years: tuple[ContractYear, ...], base: Decimal, unit: int) -> tuple[int, int]:
    """How many decimals the economy table prints of the factor and of the amount
    before rounding, so that a reader with a calculator gets every year's sum from
    the page: the printed factor × the base amount, and the previous year's printed
    amount × (1 + the year's rate), each rounded half up, give the printed sum.
    The fewest decimals that do (at least 4 for the factor, 2 for the amount), the
    same for every year of the table."""

    def factor_ok(decimals: int) -> bool:
        return all(
            round_half_up(base * _rounded(y.factor, decimals), unit) == y.amount for y in years
        )

    def amount_ok(decimals: int) -> bool:
        before: Decimal | None = None
        for entry in years:
            shown = _rounded(entry.exact_amount, decimals)
            if round_half_up(shown, unit) != entry.amount:
                return False
            rate = entry.rate
            regulated = None if rate is None else before
            if regulated is not None and rate is not None:
                again = round_half_up(regulated * (1 + rate.rate / HUNDRED), unit)
                if again != entry.amount:
                    return False
            before = shown
        return True

    factor = next((d for d in range(4, 29) if factor_ok(d)), 28)
    amount = next((d for d in range(2, 29) if amount_ok(d)), 28)
    return factor, amount
