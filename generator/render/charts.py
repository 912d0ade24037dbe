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
