"""The report's charts, drawn with matplotlib into PNG files for Word.

matplotlib is imported here only, so ``tjek`` (which draws nothing) does not
pay for it. Charts are drawn in the program's own process: one chart costs a
fraction of a second, and a helper process could outlive an interrupted run.

Every chart shares one set of settings (``SETTINGS``), because the labels are
the author's cell text: mathtext is off (a recipient named ``Kapital $5 mio$``
is drawn as written, and ``$\\fnord$`` does not stop the run), fonts fall back
glyph by glyph, and a character no font has is dropped without matplotlib's
"Glyph … missing" warning on the author's console. Each chart function is
decorated with ``@drawn``, which applies them.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import ParamSpec

from ..compute.referrals import Count, ReferralFigures

BLUE, GREY = "#1F4E79", "#A6A6A6"
DPI = 180
# The document's font first (Calibri in Word, Carlito its metric twin in LibreOffice);
# the next ones fill in glyphs it lacks.
FONTS = ("Calibri", "Carlito", "DejaVu Sans", "Liberation Sans", "OpenSymbol")
SETTINGS = {
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    "text.usetex": False,
}
MAX_BARS = 15  # the largest recipients; the rest are summed in one "Øvrige" bar
MAX_LABEL = 45  # characters; a longer name is shortened with an ellipsis
OTHERS = "Øvrige"
P = ParamSpec("P")


@contextmanager
def drawing() -> Iterator[None]:
    """The shared settings, and no glyph warnings, while a chart is built and saved."""
    from matplotlib import rc_context

    with rc_context(_settings()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
        warnings.filterwarnings("ignore", message=r"findfont: ")
        yield


def _figure(width: float, height: float):
    """A figure drawn by the Agg canvas directly: no pyplot, so no GUI backend is
    looked for and the import is a good deal lighter. Build and save inside
    ``drawing()``; the settings are also made the default here, so that a chart
    drawn outside it still treats text as text."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rcParams.update(_settings())

    figure = Figure(figsize=(width, height), dpi=DPI)  # laid out at the dpi it is saved at
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


def _saved(figure, path: Path) -> Path:
    """Lay the figure out to fit its labels, then write the PNG. The layout engine
    is dropped once it has run: savefig would otherwise draw the figure twice."""
    figure.tight_layout()
    figure.set_layout_engine(None)
    figure.savefig(path, dpi=DPI)
    return path


@cache
def _installed() -> tuple[str, ...]:
    """The fonts of FONTS on this machine, in order. Naming one that is missing
    makes matplotlib log "findfont: Font family … not found" on the console
    (Calibri is missing on Linux, Carlito on most Windows PCs)."""
    from matplotlib import font_manager

    names = {font.name for font in font_manager.fontManager.ttflist}
    return tuple(name for name in FONTS if name in names) or ("DejaVu Sans",)


def _settings() -> dict[str, object]:
    return {**SETTINGS, "font.family": list(_installed())}


@cache
def _covered() -> frozenset[int]:
    """Every character some font of FONTS can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    codes: set[int] = set()
    for name in _installed():
        try:
            path = font_manager.findfont(name, fallback_to_default=False)
            codes.update(FT2Font(path).get_charmap())
        except (ValueError, RuntimeError, OSError):
            continue
    return frozenset(codes)


def label(text: str) -> str:
    """Cell text as a chart can show it: characters no font has are left out
    (an emoji would otherwise be an empty box), long names shortened."""
    covered = _covered()
    shown = "".join(c for c in text if ord(c) in covered or c.isspace()).strip()
    shown = " ".join(shown.split()) or "?"
    return shown if len(shown) <= MAX_LABEL else shown[: MAX_LABEL - 1].rstrip() + "…"


def top_with_others(rows: tuple[Count, ...], limit: int = MAX_BARS) -> list[Count]:
    """The ``limit`` - 1 largest rows and one row summing the rest, when there are more."""
    if len(rows) <= limit:
        return list(rows)
    ranked = sorted(rows, key=lambda row: -row.count)
    kept, rest = {id(row) for row in ranked[: limit - 1]}, ranked[limit - 1 :]
    previous = [row.previous for row in rest if row.previous is not None]
    others = Count(
        f"{OTHERS} ({len(rest)} modtagere)",
        sum(row.count for row in rest),
        sum((row.share for row in rest), Decimal(0)),
        previous=sum(previous) if previous else None,
    )
    return [row for row in rows if id(row) in kept] + [others]


def drawn(chart: Callable[P, Path]) -> Callable[P, Path]:
    """A chart function run inside ``drawing()``: every chart of the report is."""

    @functools.wraps(chart)
    def draw(*args: P.args, **kwargs: P.kwargs) -> Path:
        with drawing():
            return chart(*args, **kwargs)

    return draw


@drawn
def recipients_chart(figures: ReferralFigures, path: Path) -> Path:
    """Horizontal bars: referrals per recipient this year, beside the year before."""
    rows = list(reversed(top_with_others(figures.by_recipient)))
    labels = [label(row.label) for row in rows]
    fig, ax = _figure(6.3, max(2.2, 0.42 * len(rows) + 1.0))
    positions = range(len(rows))
    has_previous = figures.previous_total is not None
    bar = 0.38 if has_previous else 0.6
    ax.barh(
        [p + (bar / 2 if has_previous else 0) for p in positions],
        [row.count for row in rows],
        height=bar,
        color=BLUE,
        label=str(figures.year),
    )
    if has_previous:
        ax.barh(
            [p - bar / 2 for p in positions],
            [row.previous or 0 for row in rows],
            height=bar,
            color=GREY,
            label=str(figures.previous_year),
        )
        ax.legend(loc="lower right", frameon=False)
    for p, row in zip(positions, rows, strict=True):
        ax.text(
            row.count,
            p + (bar / 2 if has_previous else 0),
            f" {row.count}",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(list(positions), labels)
    ax.set_xlabel("Antal henvisninger")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _saved(fig, path)


@drawn
def quarters_chart(
    quarters_by_year: tuple[tuple[int, tuple[int, int, int, int]], ...], path: Path
) -> Path:
    """Referrals per quarter, one line per year: the trend reads better than a table."""
    fig, ax = _figure(6.3, 2.4)
    shades = ("#BDD7EE", "#9DC3E6", "#5B9BD5", "#2E75B6", BLUE)
    years = quarters_by_year[-len(shades) :]
    for index, (year, counts) in enumerate(years):
        color = shades[len(shades) - len(years) + index]
        width = 2.4 if index == len(years) - 1 else 1.4
        ax.plot(range(1, 5), counts, marker="o", color=color, linewidth=width, label=str(year))
    ax.set_xticks(range(1, 5), [f"{q}. kvartal" for q in range(1, 5)])
    ax.set_ylabel("Antal henvisninger")
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, ncols=len(years), loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return _saved(fig, path)
