"""The report's charts, drawn with matplotlib into PNG files for Word.

matplotlib is imported here only, so ``tjek`` (which draws nothing) does not
pay for it.
"""

from __future__ import annotations

from pathlib import Path

from ..compute.referrals import ReferralFigures

BLUE, GREY = "#1F4E79", "#A6A6A6"
DPI = 200


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # no screen; also keeps a stray GUI backend from starting
    from matplotlib import pyplot

    pyplot.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return pyplot


def recipients_chart(figures: ReferralFigures, path: Path) -> Path:
    """Horizontal bars: referrals per recipient this year, beside the year before."""
    plt = _pyplot()
    rows = list(reversed(figures.by_recipient))
    labels = [row.label for row in rows]
    height = max(2.2, 0.42 * len(rows) + 1.0)
    fig, ax = plt.subplots(figsize=(6.3, height))
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
    plt.close(fig)
    return path


def quarters_chart(figures: ReferralFigures, path: Path) -> Path:
    """Columns: referrals per quarter of the year."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.3, 2.4))
    labels = [row.label for row in figures.by_quarter]
    counts = [row.count for row in figures.by_quarter]
    ax.bar(labels, counts, color=BLUE, width=0.6)
    for x, count in enumerate(counts):
        ax.text(x, count, str(count), ha="center", va="bottom", fontsize=8)
    ax.set_ylabel("Antal")
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
