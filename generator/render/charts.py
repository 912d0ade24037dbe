"""The report's chart, drawn with matplotlib into a PNG file for Word.

matplotlib is imported here only, so ``tjek`` (which draws nothing) does not
pay for it. ``lav`` draws in a helper process (``ChartDrawer``) that starts
importing matplotlib, the slowest import of the program, while the main
process is still reading the workbooks: on a machine with two cores the
import then costs no waiting at all.
"""

from __future__ import annotations

import concurrent.futures
import pickle
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..compute.referrals import ReferralFigures

BLUE, GREY = "#1F4E79", "#A6A6A6"
DPI = 180


def _figure(width: float, height: float):
    """A figure drawn by the Agg canvas directly: no pyplot, so no GUI backend is
    looked for and the import is a good deal lighter."""
    from matplotlib import rcParams
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)
    return figure, figure.subplots()


def warm_up() -> None:
    """Import what drawing needs (run in the helper process as its first job)."""
    import matplotlib.backends.backend_agg
    import matplotlib.figure  # noqa: F401


class ChartDrawer:
    """Draws charts in a helper process; falls back to this process if that fails."""

    def __enter__(self) -> ChartDrawer:
        try:
            self.pool: concurrent.futures.ProcessPoolExecutor | None = (
                concurrent.futures.ProcessPoolExecutor(max_workers=1)
            )
            self.pool.submit(warm_up)
        except (OSError, RuntimeError, NotImplementedError):
            self.pool = None  # no processes on this platform: draw here instead
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)

    def recipients_later(self, figures: ReferralFigures, path: Path) -> Callable[[], Path]:
        """Start drawing; the returned function waits for the chart (or draws it here)."""
        future = None
        if self.pool is not None:
            try:
                future = self.pool.submit(recipients_chart, figures, path)
            except (BrokenProcessPool, RuntimeError, OSError):
                future = None

        def result() -> Path:
            if future is not None:
                try:
                    return future.result()
                except (BrokenProcessPool, OSError, pickle.PicklingError):
                    pass  # the helper died: draw it here instead
            return recipients_chart(figures, path)

        return result


def recipients_chart(figures: ReferralFigures, path: Path) -> Path:
    """Horizontal bars: referrals per recipient this year, beside the year before."""
    rows = list(reversed(figures.by_recipient))
    labels = [row.label for row in rows]
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


# The document's font where it is installed (Calibri in Word, Carlito its metric twin
# in LibreOffice), else the font matplotlib always has.
DOCUMENT_FONTS = ("Calibri", "Carlito", "DejaVu Sans")


def _document_font() -> str:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((name for name in DOCUMENT_FONTS if name in installed), DOCUMENT_FONTS[-1])


def quarters_chart(
    quarters_by_year: tuple[tuple[int, tuple[int, int, int, int]], ...], path: Path
) -> Path:
    """Referrals per quarter, one line per year: the trend reads better than a table."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = _document_font()
    figure = Figure(figsize=(6.3, 2.4))
    FigureCanvasAgg(figure)
    ax = figure.subplots()
    shades = ("#BDD7EE", "#9DC3E6", "#5B9BD5", "#2E75B6", BLUE)
    years = quarters_by_year[-len(shades) :]
    for index, (year, counts) in enumerate(years):
        color = shades[len(shades) - len(years) + index]
        width = 2.4 if index == len(years) - 1 else 1.4
        ax.plot(range(1, 5), counts, marker="o", color=color, linewidth=width, label=str(year))
    ax.set_xticks(range(1, 5), [f"{q}. kvartal" for q in range(1, 5)], fontfamily=font)
    ax.set_ylabel("Antal henvisninger", fontfamily=font, fontsize=9)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    for spine in ("top", "right"):
        ax.spines[spine].set_visible(False)
    for label in ax.get_yticklabels() + ax.get_xticklabels():
        label.set_fontfamily(font)
        label.set_fontsize(9)
    ax.legend(
        frameon=False,
        ncols=len(years),
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        prop={"family": font, "size": 9},
    )
    figure.tight_layout()
    figure.savefig(path, dpi=DPI)
    return path
