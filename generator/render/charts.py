"""The report's charts, drawn with matplotlib into PNG files for Word.

matplotlib is imported here only, so ``tjek`` (which draws nothing) does not
pay for it. Charts are drawn in the program's own process: one chart costs a
fraction of a second, and a helper process could outlive an interrupted run.

Every chart shares one set of settings (``SETTINGS``), because the labels are
the author's cell text: mathtext is off (a recipient named ``Kapital $5 mio$``
is drawn as written, and ``$\\fnord$`` does not stop the run), fonts fall back
glyph by glyph, and a character no font has is dropped without matplotlib's
"Glyph … missing" warning on the author's console.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import cache
from pathlib import Path

from ..compute.referrals import Count, ReferralFigures

BLUE, GREY = "#1F4E79", "#A6A6A6"
DPI = 180
# The first font draws everything it can; the next ones fill in glyphs it lacks.
FONTS = ("DejaVu Sans", "Liberation Sans", "Carlito", "OpenSymbol")
SETTINGS = {
    "font.family": list(FONTS),
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "text.parse_math": False,
    "text.usetex": False,
}
MAX_BARS = 15  # the largest recipients; the rest are summed in one "Øvrige" bar
MAX_LABEL = 45  # characters; a longer name is shortened with an ellipsis
OTHERS = "Øvrige"


@contextmanager
def drawing() -> Iterator[None]:
    """The shared settings, and no glyph warnings, while a chart is built and saved."""
    from matplotlib import rc_context

    with rc_context(SETTINGS), warnings.catch_warnings():
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

    rcParams.update(SETTINGS)

    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


@cache
def _covered() -> frozenset[int]:
    """Every character some font of FONTS can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    codes: set[int] = set()
    for name in FONTS:
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


def recipients_chart(figures: ReferralFigures, path: Path) -> Path:
    """Horizontal bars: referrals per recipient this year, beside the year before."""
    with drawing():
        return _recipients(figures, path)


def _recipients(figures: ReferralFigures, path: Path) -> Path:
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
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    return path
