"""The contract's points (§ 3–5) with their status for the year, and § 4's cooperation."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.numbering import PointNumber, parse_number
from ..core.schema import COOPERATION_TYPES, normalize_header
from ..reading.model import ContractPoint, Cooperation, FocusItem


@dataclass(frozen=True)
class PointStatus:
    number: str  # as written: the contract's "3 a i" or Bilag 1's "Bilag 1, pkt. 1 c"
    area: str
    point: str
    status: str | None  # None: no row for the year
    description: str | None

    @property
    def parsed(self) -> PointNumber | None:
        return parse_number(self.number)

    @property
    def paragraph(self) -> str:
        """The contract paragraph the point sits under (a Bilag 1 item: § 3)."""
        parsed = self.parsed
        if parsed is not None:
            return parsed.paragraph
        return self.number.split()[0] if self.number.split() else ""

    @property
    def from_annex(self) -> bool:
        parsed = self.parsed
        return parsed is not None and parsed.from_annex

    @property
    def label(self) -> str:
        """'§ 3 a i. Arsenalet' or 'Bilag 1, pkt. 1 c. Center for Industri (CFI)'."""
        parsed = self.parsed
        if parsed is not None:
            return f"{parsed.label}. {self.point}"
        return f"§ {self.number}. {self.point}" if self.number else self.point


@dataclass(frozen=True)
class AreaPoints:
    """Consecutive points of one paragraph and area, e.g. § 3 a Innovationsmiljøer."""

    paragraph: str
    number: str  # what the points' numbers share, e.g. "3 a"
    area: str
    points: tuple[PointStatus, ...]


def _shared_number(numbers: list[str]) -> str:
    """The area's number: what its points' numbers share, less the points' own
    last part ("3 a i", "3 a ii" → "3 a"; "4 a", "4 b" → "4"; "5" → "5"). A Bilag 1
    item counts under its § 3 area ("Bilag 1, pkt. 1 c" with "3 a i" → "3 a")."""
    parsed = [parse_number(number) for number in numbers]
    if parsed and all(p is not None for p in parsed):
        areas = {p.area for p in parsed if p is not None}
        deep = any(p.roman or p.annex for p in parsed if p is not None)
        if len(areas) == 1 and deep:
            return areas.pop()
        return parsed[0].paragraph  # type: ignore[union-attr]
    parts = [number.split() for number in numbers]
    shared = []
    for tokens in zip(*parts, strict=False):
        if len(set(tokens)) != 1:
            break
        shared.append(tokens[0])
    shortest = min((len(p) for p in parts), default=0)
    return " ".join(shared[: max(shortest - 1, 1)])


def contract_points(
    points: tuple[ContractPoint, ...], items: tuple[FocusItem, ...], year: int
) -> tuple[AreaPoints, ...]:
    """Every point in the sheet's (the contract's) order, each with the year's row
    or none; the rows of a point are joined when the author wrote more than one."""
    rows: dict[str, list[FocusItem]] = {}
    for item in items:
        if item.year == year:
            rows.setdefault(normalize_header(item.point), []).append(item)
    statuses = []
    for point in points:
        found = rows.get(normalize_header(point.point), [])
        statuses.append(
            PointStatus(
                point.number.strip(),
                point.area,
                point.point,
                found[-1].status if found else None,
                " ".join(i.description for i in found if i.description) or None,
            )
        )
    areas: list[list[PointStatus]] = []
    for status in statuses:
        last = areas[-1][-1] if areas else None
        if last and (last.paragraph, last.area) == (status.paragraph, status.area):
            areas[-1].append(status)
        else:
            areas.append([status])
    return tuple(
        AreaPoints(
            group[0].paragraph,
            _shared_number([p.number for p in group]),
            group[0].area,
            tuple(group),
        )
        for group in areas
    )


def cooperation_items(items: tuple[Cooperation, ...], year: int) -> tuple[Cooperation, ...]:
    order = {kind: index for index, kind in enumerate(COOPERATION_TYPES)}
    return tuple(sorted((i for i in items if i.year == year), key=lambda i: order.get(i.type, 9)))
