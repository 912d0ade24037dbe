"""The one rule for long lists: the largest fill all rows but one, "Øvrige" sums the rest."""

from __future__ import annotations

from decimal import Decimal

from generator.compute.grouping import OTHERS, TABLE_ROWS, others, ranked, split, with_others
from generator.compute.referrals import Count


def counts(sizes: list[int], previous: bool = True) -> tuple[Count, ...]:
    total = sum(sizes)
    return tuple(
        Count(f"M{n:02d}", size, Decimal(size) * 100 / total, "Nationalt program",
              size // 2 if previous else None)
        for n, size in enumerate(sizes)
    )  # fmt: skip


def test_a_list_that_fits_is_shown_whole():
    assert split([3, 2, 1], 3) == ([3, 2, 1], [])


def test_a_longer_list_keeps_one_row_fewer_and_hands_on_the_rest():
    assert split([5, 4, 3, 2, 1], 3) == ([5, 4], [3, 2, 1])


def test_others_sums_counts_shares_and_the_year_before():
    rest = counts([4, 3, 2, 1])
    row = others(rest)
    assert (row.label, row.count, row.previous) == (OTHERS, 10, 2 + 1 + 1 + 0)
    assert row.share == sum((c.share for c in rest), Decimal(0)) == 100


def test_others_has_no_year_before_when_the_rows_have_none():
    assert others(counts([4, 3], previous=False)).previous is None


def test_a_committee_table_shows_eleven_largest_and_others():
    rows = with_others(counts(list(range(1, 16))))  # 1 … 15, smallest first
    assert len(rows) == TABLE_ROWS == 12
    assert [r.count for r in rows[:11]] == list(range(15, 4, -1))
    assert (rows[-1].label, rows[-1].count) == (OTHERS, 4 + 3 + 2 + 1)


def test_ties_are_broken_by_the_year_before_then_by_name():
    a, b, c = (
        Count(name, 5, Decimal(0), None, prev) for name, prev in (("B", 1), ("A", 1), ("C", 4))
    )
    assert [row.label for row in ranked((a, b, c))] == ["C", "A", "B"]
