"""The verdicts of the report, each decided here once; render only prints them.

A verdict says how the year measures up to what the contract sets: "Opfyldt",
"Delvist opfyldt", "Ikke opfyldt", or "Orientering" where the contract sets no
target and the report informs rather than judges.
"""

from __future__ import annotations

from decimal import Decimal

from ..core.schema import FTE_BAND

MET = "Opfyldt"
PARTLY = "Delvist opfyldt"
NOT_MET = "Ikke opfyldt"
INFO = "Orientering"


def goal(met: bool) -> str:
    """One result goal: met or not (a goal is never partly met)."""
    return MET if met else NOT_MET


def share(done: int, of: int) -> str:
    """A count against what the contract asks (goals met, months with a meeting):
    all of them met, some partly, none not; nothing asked is for information."""
    if of == 0:
        return INFO
    if done >= of:
        return MET
    return PARTLY if done else NOT_MET


def career(hours: Decimal, fte_hours: Decimal) -> str:
    """Karriereby's hours against the one FTE set aside (§ 6 b): met from the low
    end of ``FTE_BAND``; some hours below it are partly met, none not met."""
    low, _ = FTE_BAND
    if hours >= low * fte_hours:
        return MET
    return PARTLY if hours else NOT_MET
