"""The author's own key figures (the optional Nøgletal sheet), over the contract years."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..core.schema import normalize_header
from ..reading.model import KeyFigure


@dataclass(frozen=True)
class KeyFigureRow:
    name: str
    unit: str | None
    values: tuple[Decimal | None, ...]  # one per year of the table, None where not given
    comment: str | None  # the report year's comment


@dataclass(frozen=True)
class KeyFigureTable:
    years: tuple[int, ...]
    rows: tuple[KeyFigureRow, ...]


def key_figure_table(figures: tuple[KeyFigure, ...], years: range) -> KeyFigureTable:
    """A row per figure (in the order first written), a column per contract year so far."""
    shown = [f for f in figures if f.year in years]
    names: dict[str, list[KeyFigure]] = {}
    for figure in shown:
        names.setdefault(normalize_header(figure.name), []).append(figure)
    rows = []
    for entries in names.values():
        by_year = {entry.year: entry for entry in entries}
        unit = next((e.unit for e in reversed(entries) if e.unit), None)
        last = by_year.get(years[-1]) if years else None
        rows.append(
            KeyFigureRow(
                entries[0].name,
                unit,
                tuple(by_year[y].value if y in by_year else None for y in years),
                last.comment if last else None,
            )
        )
    return KeyFigureTable(tuple(years), tuple(rows))
