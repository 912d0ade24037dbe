"""Apply the review's hand-made mutants one at a time and run the test that should kill each.

    .venv/bin/python tools/run_mutants.py            # every mutant, a table on stdout
    .venv/bin/python tools/run_mutants.py M01 M07    # some of them
    .venv/bin/python tools/run_mutants.py --list     # the table without running anything

Each mutant is a single textual change (``old`` → ``new``) in one file of
``generator/``; the file is restored from memory afterwards, whatever happens, so
uncommitted work in it is kept. A mutant is *killed* when its test fails with the
change applied and passes without it. The tests run with SIGINT at its default,
in one process (``-n 0``), without the cache, so that one mutant's run cannot
colour the next. Exit code 1 when a mutant survives or a test fails unmutated.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = "tests/test_boundaries.py"


@dataclass(frozen=True)
class Mutant:
    key: str
    what: str  # the review's words, or what the change means
    path: str
    old: str
    new: str
    test: str  # a pytest node id

    def line(self) -> int:
        text = (ROOT / self.path).read_text(encoding="utf-8")
        return text[: text.index(self.old)].count("\n") + 1


def b(name: str) -> str:
    return f"{BOUNDARIES}::{name}"


MUTANTS = (
    Mutant(
        "M01",
        "`range(1, MEETINGS_PER_YEAR)`: December never reported missing",
        "generator/compute/meetings.py",
        "range(1, MEETINGS_PER_YEAR + 1)",
        "range(1, MEETINGS_PER_YEAR)",
        b("test_a_missing_december_meeting_is_reported_missing"),
    ),
    Mutant(
        "M02",
        "`when >= today`: a referral dated today is in the future",
        "generator/reading/period.py",
        "return when is not None and when > today",
        "return when is not None and when >= today",
        b("test_a_referral_dated_today_is_not_in_the_future"),
    ),
    Mutant(
        "M03",
        "`r.date < today`: the status leaves out a referral dated the status day",
        "generator/compute/status.py",
        "return referral.date <= cut.day",
        "return referral.date < cut.day",
        b("test_a_referral_dated_the_status_day_counts_in_the_status"),
    ),
    Mutant(
        "M04",
        "`r.date >= cut.day`: a referral dated the status day is told as later",
        "generator/compute/status.py",
        "sum(1 for r in dataset.referrals if r.date > cut.day)",
        "sum(1 for r in dataset.referrals if r.date >= cut.day)",
        b("test_a_referral_dated_the_status_day_counts_in_the_status"),
    ),
    Mutant(
        "M05",
        "`m.date < cut.day`: the status leaves out a meeting held on the status day",
        "generator/compute/status.py",
        "meetings=tuple(m for m in dataset.meetings if m.date <= cut.day)",
        "meetings=tuple(m for m in dataset.meetings if m.date < cut.day)",
        b("test_a_meeting_on_the_status_day_counts_in_the_status"),
    ),
    Mutant(
        "M06",
        "`value >= today`: a row of another period dated today is kept, not set aside",
        "generator/reading/period.py",
        "(dated and in_future(value, today))",
        "(dated and value >= today)",
        b("test_a_referral_of_another_period_dated_today_is_set_aside"),
    ),
    Mutant(
        "M07",
        "the duplicate key without `topic`",
        "generator/checks/log.py",
        'key = (values["date"], who, values.get("recipient"), values.get("topic"))',
        'key = (values["date"], who, values.get("recipient"))',
        b("test_the_same_referral_on_another_topic_is_no_duplicate"),
    ),
    Mutant(
        "M08",
        "`FTE_LOW * fte < total`: exactly the band's lower edge warns",
        "generator/checks/yearly.py",
        "not FTE_LOW * fte <= total <= FTE_HIGH * fte",
        "not FTE_LOW * fte < total <= FTE_HIGH * fte",
        b("test_karriereby_hours_exactly_on_the_band_s_edges_are_no_warning"),
    ),
    Mutant(
        "M09",
        "the FTE band's upper bound `total < FTE_HIGH * fte`",
        "generator/checks/yearly.py",
        "not FTE_LOW * fte <= total <= FTE_HIGH * fte",
        "not FTE_LOW * fte <= total < FTE_HIGH * fte",
        b("test_karriereby_hours_exactly_on_the_band_s_edges_are_no_warning"),
    ),
    Mutant(
        "M10",
        "the meetings check's filter `when.year <= year`",
        "generator/reading/model.py",
        "if when is not None and dated_in(when, year)}",
        "if when is not None and when.year <= year}",
        b("test_meetings_of_the_year_before_do_not_count_for_the_year"),
    ),
    Mutant(
        "M11",
        "the meetings figures' filter `m.date.year <= year`",
        "generator/compute/meetings.py",
        "(m for m in meetings if dated_in(m.date, year))",
        "(m for m in meetings if m.date.year <= year)",
        b("test_meetings_of_the_year_before_do_not_count_for_the_year"),
    ),
    Mutant(
        "M12",
        "the overview's `g.result is not None` filter removed",
        "generator/compute/overview.py",
        "if g.year == entry.year and g.result is not None]",
        "if g.year == entry.year]",
        b("test_the_period_overview_counts_only_goals_with_a_result"),
    ),
    Mutant(
        "M13",
        "a point's status taken from the first row instead of the last",
        "generator/compute/points.py",
        "found[-1].status if found else None",
        "found[0].status if found else None",
        b("test_a_point_takes_the_status_of_its_last_row"),
    ),
    Mutant(
        "M14",
        "earmarks sorted by year only",
        "generator/compute/contract.py",
        "key=lambda e: (e.year, e.purpose)",
        "key=lambda e: e.year",
        b("test_earmarks_of_one_year_are_ordered_by_purpose"),
    ),
    Mutant(
        "M15",
        "task share `/` → `//`",
        "generator/compute/career.py",
        "hours * 100 / total if total",
        "hours * 100 // total if total",
        b("test_a_task_share_is_a_true_fraction_of_the_hours"),
    ),
    Mutant(
        "M16",
        "a referral share `/` → `//`",
        "generator/compute/referrals.py",
        "Decimal(count) * 100 / Decimal(total)",
        "Decimal(count) * 100 // Decimal(total)",
        b("test_a_recipient_share_is_a_true_fraction_of_the_year"),
    ),
    Mutant(
        "M17",
        "the implausible-rate boundary `abs(rate) >= RATE_LIMIT`",
        "generator/checks/contract.py",
        "abs(rate) > RATE_LIMIT",
        "abs(rate) >= RATE_LIMIT",
        b("test_a_price_rate_of_exactly_a_hundred_per_cent_is_allowed"),
    ),
    Mutant(
        "M18",
        "the rate-as-fraction boundary `abs(rate) <= FRACTION_LIMIT`",
        "generator/checks/contract.py",
        "0 < abs(rate) < FRACTION_LIMIT",
        "0 < abs(rate) <= FRACTION_LIMIT",
        b("test_a_rate_of_exactly_a_tenth_of_a_per_cent_is_no_fraction"),
    ),
    Mutant(
        "M19",
        "the rule for a date in the year (`when.year <= year`): a referral of the year "
        "before counts for the year",
        "generator/reading/period.py",
        "return when is not None and when.year == year",
        "return when is not None and when.year <= year",
        b("test_referrals_only_in_the_year_before_warn_of_no_referrals"),
    ),
    Mutant(
        "M20",
        "the no-referrals boundary: a year with referrals warns (`any` → `all`)",
        "generator/checks/log.py",
        "if table is None or any(",
        "if table is None or all(",
        b("test_one_referral_in_the_year_is_enough_not_to_warn"),
    ),
)


def run(test: str) -> int:
    command = [sys.executable, "-m", "pytest", "-n", "0", "-q", "-x", "-p", "no:cacheprovider"]
    environment = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [*command, test],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        # The tests run as from a terminal even where this tool was started with Ctrl-C ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    ).returncode


def verdict(mutant: Mutant) -> str:
    path = ROOT / mutant.path
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return "not applicable (the text is not found exactly once)"
    if run(mutant.test) != 0:
        return "test fails unmutated"
    try:
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        code = run(mutant.test)
    finally:
        path.write_text(original, encoding="utf-8")
    return "killed" if code == 1 else ("survived" if code == 0 else f"error (exit {code})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("keys", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="the table, nothing run")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.keys or m.key in args.keys]
    print("| Mutant | Change | Where | Killed by |" + ("" if args.list else " Result |"))
    print("|---|---|---|---|" + ("" if args.list else "---|"))
    failed = False
    for mutant in chosen:
        where = f"`{mutant.path}:{mutant.line()}`"
        row = f"| {mutant.key} | {mutant.what} | {where} | `{mutant.test.split('::')[-1]}` |"
        if not args.list:
            result = verdict(mutant)
            failed |= result != "killed"
            row += f" {result} |"
        print(row, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
