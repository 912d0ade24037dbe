"""The numbers of the contract's points, in the contract's own two forms.

A point is numbered as the contract numbers it (``3 a i``, ``4 b``, ``5``) or,
for the items that only Bilag 1 lists, as Bilag 1 numbers them (``Bilag 1,
pkt. 1 c``). A Bilag 1 item belongs under the § 3 area of the same place:
Bilag 1's sections 1–4 are § 3 a–d (innovation environments, knowledge
transfer, investments, labour). The report prints each number in its own
form and never invents a § number the contract does not have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTRACT = re.compile(r"^(?:§\s*)?(\d+)(?:\s*([a-z]))?(?:\s+([ivx]+))?\.?$", re.IGNORECASE)
ANNEX_FORM = re.compile(
    r"^bilag\s*(\d+)\s*[,.]?\s*(?:pkt\.?|punkt)?\s*(\d+)\s*\.?\s*([a-z])\.?$", re.IGNORECASE
)
# The contract's paragraphs of points: § 3 the special focus areas, § 4 the general
# cooperation, § 5 CFI and House of Industry. A point of any other paragraph (a new
# contract's) is shown with § 3's, under its own number.
FOCUS_PARAGRAPH, COOPERATION_PARAGRAPH, CFI_PARAGRAPH = "3", "4", "5"
# § 6 the key figures (KPI a–c) and the monthly meetings, § 7 the money.
KPI_PARAGRAPH, ECONOMY_PARAGRAPH = "6", "7"
# § 6's KPIs: a the referrals, b Karriereby Viborg's FTE, c CFI's result goals.
REFERRALS_KPI, CAREER_KPI, GOALS_KPI = (f"{KPI_PARAGRAPH} {letter}" for letter in "abc")
# Bilag 1's sections are the areas of § 3, in the same order.
ANNEX_PARAGRAPH = FOCUS_PARAGRAPH

# The numbers the contract has, as it writes them, and the items Bilag 1 lists
# (section and letter): nothing else is printed as a point's number. A new contract
# with other numbers changes these two lists.
CONTRACT_NUMBERS: tuple[str, ...] = (
    "3 a i", "3 a ii",
    "3 b i", "3 b ii", "3 b iii",
    "3 c i",
    "3 d i", "3 d ii", "3 d iii", "3 d iv",
    "4 a", "4 b", "4 c",
    "5",
    "6 a", "6 b", "6 c",
    "7",
)  # fmt: skip
ANNEX_NUMBERS: tuple[str, ...] = (
    "1 a", "1 b", "1 c",
    "2 a",
    "3 a", "3 b",
    "4 a", "4 b", "4 c",
)  # fmt: skip
ANNEX = "1"  # the annex that lists the items: Bilag 1


@dataclass(frozen=True)
class PointNumber:
    """One point's number. ``annex`` is Bilag 1's number (section, letter), else None."""

    paragraph: str  # "3": the contract paragraph the point sits under
    letter: str = ""  # "a": the area of § 3 (or § 4's point)
    roman: str = ""  # "i"
    annex: tuple[str, int, str] | None = None  # ("1", 1, "c"): Bilag 1, pkt. 1 c

    @property
    def label(self) -> str:
        """'§ 3 a i' or 'Bilag 1, pkt. 1 c', as the contract writes it."""
        if self.annex:
            number, section, letter = self.annex
            return f"Bilag {number}, pkt. {section} {letter}"
        return "§ " + " ".join(part for part in (self.paragraph, self.letter, self.roman) if part)

    @property
    def area(self) -> str:
        """'3 a': the § 3 area (or the paragraph) the point is counted under."""
        return " ".join(part for part in (self.paragraph, self.letter) if part)

    @property
    def from_annex(self) -> bool:
        return self.annex is not None


def parse_number(text: str | None) -> PointNumber | None:
    """A number of either form, or None when it is neither ('3 a i', '§ 4 b', '5',
    'Bilag 1, pkt. 1 c', 'bilag 1 pkt 3 a')."""
    if text is None:
        return None
    cleaned = " ".join(str(text).replace("\u00a0", " ").split())
    if match := ANNEX_FORM.match(cleaned):
        number, section, letter = match.groups()
        area = chr(ord("a") + int(section) - 1) if 1 <= int(section) <= 26 else ""
        return PointNumber(ANNEX_PARAGRAPH, area, "", (number, int(section), letter.lower()))
    if match := CONTRACT.match(cleaned):
        paragraph, letter, roman = match.groups()
        return PointNumber(paragraph, (letter or "").lower(), (roman or "").lower())
    return None


def in_contract(number: PointNumber) -> bool:
    """Whether the contract (or Bilag 1) has this number: '3 a iii' parses, but the
    contract has no such point."""
    if number.annex is not None:
        annex, section, letter = number.annex
        return annex == ANNEX and f"{section} {letter}" in ANNEX_NUMBERS
    return " ".join(p for p in (number.paragraph, number.letter, number.roman) if p) in (
        CONTRACT_NUMBERS
    )


def accepted_numbers() -> str:
    """The numbers the contract and Bilag 1 have, in ranges: '§ 3 a i–ii, § 3 b i–iii,
    …, § 7 og Bilag 1, pkt. 1 a–c, 2 a, …'."""
    contract = ", ".join(f"§ {each}" for each in _ranges(CONTRACT_NUMBERS))
    return f"{contract} og Bilag {ANNEX}, pkt. {', '.join(_ranges(ANNEX_NUMBERS))}"


def _ranges(numbers: tuple[str, ...]) -> list[str]:
    """Numbers that differ in their last part only, as one range ('3 a i', '3 a ii' →
    '3 a i–ii'), in the list's order."""
    runs: list[tuple[str, list[str]]] = []  # next to each other with the same head
    for number in numbers:
        head, _, last = number.rpartition(" ")
        if runs and runs[-1][0] == head and head:
            runs[-1][1].append(last)
        else:
            runs.append((head, [last]))
    return [
        f"{head} {lasts[0] if len(lasts) == 1 else f'{lasts[0]}–{lasts[-1]}'}".strip()
        for head, lasts in runs
    ]
