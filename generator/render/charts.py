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

import atexit
import functools
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, cast

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator
    from matplotlib.typing import RcKeyType

from ..compute.grouping import OTHERS, others, ranked, split
from ..compute.referrals import Count, ReferralFigures
from ..core.wording import shortened, year_range
from . import formatting as fmt

BLUE = "#1F4E79"
DPI = 180
# The chart is drawn at the width it has in the report (160 mm), so a size in
# points here is the size on the page: no text below 9 pt.
FIGURE_WIDTH_IN = 160 / 25.4
MIN_FONT_PT = 9


@dataclass(frozen=True)
class BarLook:
    face: str
    edge: str  # also the hatch's and the number's colour
    hatch: str | None = None


@dataclass(frozen=True)
class LineLook:
    colour: str
    marker: str
    dash: str


# Every colour has at least 3:1 contrast against the white background (WCAG 1.4.11);
# tests/test_charts.py computes it from the drawn charts.
THIS_YEAR = BarLook(BLUE, BLUE)
YEAR_BEFORE = BarLook("#FFFFFF", "#595959", "////")
LINE_STYLES = (  # the oldest year first; the report's year is the last
    LineLook("#767676", "s", ":"),
    LineLook("#6C8EBF", "^", "--"),
    LineLook("#4F81BD", "D", "-."),
    LineLook("#2E75B6", "v", "--"),
    LineLook(BLUE, "o", "-"),
)
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
P = ParamSpec("P")
# matplotlib keeps its font cache under the home folder, and with none (or one
# it may not write) prints English warnings and makes folders there. Its cache
# goes in the program's own folder instead, or else in the temporary folder
# (the run's own, while a report is written), before matplotlib is imported.
MPL_CACHE = Path(__file__).resolve().parents[2] / ".matplotlib"


def _matplotlib_folder() -> str:
    try:
        MPL_CACHE.mkdir(exist_ok=True)
        if os.access(MPL_CACHE, os.W_OK | os.X_OK):
            return str(MPL_CACHE)
    except OSError:
        pass
    # Named as the run's own temporary folders, so that the next run removes it
    # should this one be killed; else removed as the program ends.
    from ..core.scratch import temporary_name

    folder = Path(tempfile.gettempdir()) / temporary_name()[1:]
    folder.mkdir(mode=0o700)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return str(folder)


if "MPLCONFIGDIR" not in os.environ:
    os.environ["MPLCONFIGDIR"] = _matplotlib_folder()


@contextmanager
def drawing() -> Iterator[None]:
    """The shared settings, and no glyph warnings, while a chart is built and saved."""
    from matplotlib import rc_context

    with rc_context(_settings()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from")
        warnings.filterwarnings("ignore", message=r"findfont: ")
        yield


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
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


def _integer_ticks(axis: Axis) -> None:
    """Whole numbers only on a count axis. The default locator (AutoLocator) is a
    MaxNLocator, whose ``integer`` the base class's signature does not declare."""
    cast("MaxNLocator", axis.get_major_locator()).set_params(integer=True)


def _saved(figure: Figure, path: Path) -> Path:
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


def _settings() -> dict[RcKeyType, Any]:
    return cast("dict[RcKeyType, Any]", {**SETTINGS, "font.family": list(_installed())})


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
    return shortened(shown, MAX_LABEL)


def top_with_others(rows: tuple[Count, ...], limit: int = MAX_BARS) -> list[Count]:
    """The ``limit`` - 1 largest rows in their own order and one row summing the
    rest, when there are more (``compute.grouping``'s rule)."""
    shown, rest = split(ranked(rows), limit)
    if not rest:
        return list(rows)
    kept = {id(row) for row in shown}
    summed = others(rest, f"{OTHERS} ({len(rest)} modtagere)")
    return [row for row in rows if id(row) in kept] + [summed]


def drawn(chart: Callable[P, Path]) -> Callable[P, Path]:
    """A chart function run inside ``drawing()``: every chart of the report is."""

    @functools.wraps(chart)
    def draw(*args: P.args, **kwargs: P.kwargs) -> Path:
        with drawing():
            return chart(*args, **kwargs)

    return draw


@drawn
def recipients_chart(figures: ReferralFigures, path: Path) -> Path:
    """Horizontal bars: referrals per recipient this year, beside the year before.

    The years differ by more than colour: this year's bars are solid, the year
    before's hatched, and every bar carries its number.
    """
    rows = list(reversed(top_with_others(figures.by_recipient)))
    labels = [label(row.label) for row in rows]
    fig, ax = _figure(FIGURE_WIDTH_IN, max(2.2, 0.42 * len(rows) + 1.0))
    positions = range(len(rows))
    has_previous = figures.previous_total is not None
    bar = 0.38 if has_previous else 0.6
    shift = bar / 2 if has_previous else 0
    series = [(figures.year, [row.count for row in rows], shift, THIS_YEAR)]
    if has_previous:
        previous = [row.previous or 0 for row in rows]
        series.append((figures.previous_year, previous, -shift, YEAR_BEFORE))
    for year, counts, offset, look in series:
        ax.barh(
            [p + offset for p in positions],
            counts,
            height=bar,
            color=look.face,
            edgecolor=look.edge,
            hatch=look.hatch,
            linewidth=0.8,
            label=str(year),
        )
        for p, value in zip(positions, counts, strict=True):
            ax.text(value, p + offset, f" {value}", va="center", color=look.edge)
    if has_previous:
        ax.legend(loc="lower right", frameon=False)
    ax.set_yticks(list(positions), labels)
    ax.set_xlabel("Antal henvisninger")
    _integer_ticks(ax.xaxis)
    ax.margins(x=0.08)  # room for the last bar's number
    return _saved(fig, path)


@drawn
def quarters_chart(
    quarters_by_year: tuple[tuple[int, tuple[int, int, int, int]], ...], path: Path
) -> Path:
    """Referrals per quarter, one line per year: the trend reads better than a table.

    Each year has its own colour, marker and dash, so no year is told by colour
    alone; the report's year is drawn boldest, with its numbers at its points.
    """
    fig, ax = _figure(FIGURE_WIDTH_IN, 2.6)
    years = quarters_by_year[-len(LINE_STYLES) :]
    for index, (year, counts) in enumerate(years):
        look = LINE_STYLES[len(LINE_STYLES) - len(years) + index]
        newest = index == len(years) - 1
        ax.plot(
            range(1, 5),
            counts,
            color=look.colour,
            marker=look.marker,
            linestyle=look.dash,
            markersize=6 if newest else 5,
            linewidth=2.4 if newest else 1.4,
            label=str(year),
        )
        if newest:
            for quarter, value in enumerate(counts, 1):
                ax.annotate(
                    str(value),
                    (quarter, value),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    color=look.colour,
                    # legible over the other years' lines
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"},
                )
    ax.set_xticks(range(1, 5), [f"{q}. kvartal" for q in range(1, 5)])
    ax.set_xlim(0.7, 4.3)
    ax.set_ylabel("Antal henvisninger")
    ax.set_ylim(bottom=0, top=max((max(c) for _, c in years), default=0) * 1.2 + 1)
    _integer_ticks(ax.yaxis)
    ax.legend(frameon=False, ncols=len(years), loc="lower center", bbox_to_anchor=(0.5, 1.0))
    return _saved(fig, path)


# --------------------------------------------------------------------------- alternative text
# What each chart shows, with its figures in words: a screen reader reads this in
# place of the picture (Word's "alternativ tekst", the PDF's /Alt).


def recipients_description(figures: ReferralFigures) -> str:
    """'Henvisninger pr. modtager i 2023 (i parentes 2022): Erhvervshus Midtjylland 40
    (40), … I alt 101 (93).' The bars in the chart's order, top to bottom."""
    rows = top_with_others(figures.by_recipient)
    has_previous = figures.previous_total is not None

    def shown(count: int, previous: int | None) -> str:
        return (
            f"{fmt.number(count)} ({fmt.number(previous or 0)})"
            if has_previous
            else (fmt.number(count))
        )

    heading = f"Henvisninger pr. modtager i {figures.year}"
    if has_previous:
        heading += f" (i parentes {figures.previous_year})"
    if not rows:
        return f"{heading}: ingen henvisninger."
    bars = ", ".join(f"{row.label} {shown(row.count, row.previous)}" for row in rows)
    total = shown(figures.total, figures.previous_total)
    return f"{heading}: {bars}. I alt {total}."


def quarters_description(
    quarters_by_year: tuple[tuple[int, tuple[int, int, int, int]], ...],
) -> str:
    """'Henvisninger pr. kvartal 2020–2023: 2023 har flest i 3. kvartal, 32. 1.–4.
    kvartal: 2020: 24, 27, 15 og 15; …' One line per year, as drawn."""
    years = quarters_by_year[-len(LINE_STYLES) :]
    if not years:
        return "Henvisninger pr. kvartal: ingen henvisninger."
    span = year_range(years[0][0], years[-1][0])
    last_year, last = years[-1]
    most = max(last)
    if most == 0:
        peak = f"{last_year} har ingen henvisninger"
    else:
        quarters = fmt.enumeration(f"{q}." for q, n in enumerate(last, 1) if n == most)
        peak = f"{last_year} har flest i {quarters} kvartal, {fmt.number(most)}"
    lines = "; ".join(
        f"{year}: {fmt.enumeration(fmt.number(n) for n in counts)}" for year, counts in years
    )
    return f"Henvisninger pr. kvartal {span}: {peak}. Pr. kvartal, 1.–4.: {lines}."
