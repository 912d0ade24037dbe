"""The report's charts as a reader with low vision or without colour vision sees them
(WCAG 2.1 AA): every series at least 3:1 against the background, told apart by
more than colour, no text below 9 pt on the page, and an alternative text that
gives the figures in words."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib.colors import to_rgb

from generator.compute.referrals import Count, ReferralFigures
from generator.render import charts
from generator.render.document import CHART_WIDTH_MM

EXAMPLE_QUARTERS = (
    (2020, (23, 27, 15, 15)),
    (2021, (22, 23, 23, 19)),
    (2022, (24, 23, 22, 24)),
    (2023, (27, 23, 32, 19)),
)


def luminance(colour) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, other) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_gives_wcags_reference_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    # the colours of the issue: the old 2020 line and the old 2022 bars
    assert contrast("#BDD7EE", "#FFFFFF") < 1.5
    assert contrast("#A6A6A6", "#FFFFFF") < 2.5


@pytest.fixture
def drawn(monkeypatch):
    """The matplotlib figures the chart functions build, as they are saved."""
    figures = []
    saved = charts._saved
    monkeypatch.setattr(charts, "_saved", lambda fig, path: figures.append(fig) or saved(fig, path))
    return figures


def referrals(previous: bool = True) -> ReferralFigures:
    names = ("Erhvervshus Midtjylland", "Innovationsfonden", "Scale-Up Denmark")
    counts = tuple(
        Count(name, count, Decimal(count), previous=old if previous else None)
        for name, count, old in zip(names, (40, 7, 9), (40, 4, 1), strict=True)
    )
    return ReferralFigures(
        2023, 56, 2022, 45 if previous else None, None, None, counts, (), (), (), (), 50, 0, ()
    )


def all_texts(figure):
    from matplotlib.text import Text

    return [t for t in figure.findobj(Text) if t.get_text().strip() and t.get_visible()]


def test_every_bar_series_has_3_to_1_against_the_background_and_its_own_pattern(
    drawn, tmp_path: Path
):
    charts.recipients_chart(referrals(), tmp_path / "m.png")
    (figure,) = drawn
    ax = figure.axes[0]
    background = ax.get_facecolor()
    assert contrast(background, "#FFFFFF") == pytest.approx(1.0)
    series = {}
    for container in ax.containers:
        bar = container.patches[0]
        # A bar is seen by its fill or, for a white hatched bar, by its outline and hatch.
        seen = max(
            contrast(bar.get_facecolor(), background), contrast(bar.get_edgecolor(), background)
        )
        series[container.get_label()] = (seen, bar.get_hatch())
    assert set(series) == {"2023", "2022"}
    assert all(seen >= 3.0 for seen, _ in series.values()), series
    assert series["2023"][1] != series["2022"][1], "the years differ by pattern, not colour alone"
    # every bar carries its number, in a colour that has 4.5:1 as text
    numbers = [t for t in ax.texts if t.get_text().strip().isdigit()]
    assert sorted(int(t.get_text()) for t in numbers) == sorted([40, 7, 9, 40, 4, 1])
    assert all(contrast(t.get_color(), background) >= 4.5 for t in numbers)


def test_every_line_has_3_to_1_and_its_own_marker_and_dash(drawn, tmp_path: Path):
    five_years = ((2019, (1, 2, 3, 4)), *EXAMPLE_QUARTERS)
    charts.quarters_chart(five_years, tmp_path / "k.png")
    (figure,) = drawn
    ax = figure.axes[0]
    lines = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
    assert [line.get_label() for line in lines] == ["2019", "2020", "2021", "2022", "2023"]
    background = ax.get_facecolor()
    for line in lines:
        assert contrast(line.get_color(), background) >= 3.0, line.get_label()
    assert len({line.get_marker() for line in lines}) == len(lines), "one marker per year"
    # the legend shows the markers, so a reader matches a line without its colour
    legend = ax.get_legend().get_lines()
    assert [h.get_marker() for h in legend] == [line.get_marker() for line in lines]
    # the report's year has its numbers at its points
    assert [t.get_text() for t in ax.texts] == ["27", "23", "32", "19"]


@pytest.mark.parametrize("chart", ["recipients", "quarters"])
def test_no_text_of_a_chart_is_below_9_pt_on_the_page(drawn, tmp_path: Path, chart):
    if chart == "recipients":
        charts.recipients_chart(referrals(), tmp_path / "m.png")
    else:
        charts.quarters_chart(EXAMPLE_QUARTERS, tmp_path / "k.png")
    (figure,) = drawn
    # drawn at the width it is placed at in the report, so a point is a point on paper
    assert figure.get_figwidth() == pytest.approx(CHART_WIDTH_MM / 25.4)
    sizes = {t.get_text(): t.get_fontsize() for t in all_texts(figure)}
    assert sizes, "the chart has text"
    assert min(sizes.values()) >= charts.MIN_FONT_PT, sizes


# --------------------------------------------------------------------------- alternative text


def test_the_quarter_charts_text_names_the_peak_and_every_figure():
    assert charts.quarters_description(EXAMPLE_QUARTERS) == (
        "Henvisninger pr. kvartal 2020–2023: 2023 har flest i 3. kvartal, 32. "
        "Pr. kvartal, 1.–4.: 2020: 23, 27, 15 og 15; 2021: 22, 23, 23 og 19; "
        "2022: 24, 23, 22 og 24; 2023: 27, 23, 32 og 19."
    )


def test_the_quarter_charts_text_names_a_shared_peak_and_an_empty_year():
    tied = charts.quarters_description(((2023, (1200, 3, 1200, 0)),))
    assert tied.startswith(
        "Henvisninger pr. kvartal 2023: 2023 har flest i 1. og 3. kvartal, 1.200."
    )
    empty = charts.quarters_description(((2022, (1, 0, 0, 0)), (2023, (0, 0, 0, 0))))
    assert empty.startswith("Henvisninger pr. kvartal 2022–2023: 2023 har ingen henvisninger.")


def test_the_recipient_charts_text_gives_each_bar_with_the_year_before():
    assert charts.recipients_description(referrals()) == (
        "Henvisninger pr. modtager i 2023 (i parentes 2022): Erhvervshus Midtjylland 40 (40), "
        "Innovationsfonden 7 (4), Scale-Up Denmark 9 (1). I alt 56 (45)."
    )
    assert charts.recipients_description(referrals(previous=False)) == (
        "Henvisninger pr. modtager i 2023: Erhvervshus Midtjylland 40, Innovationsfonden 7, "
        "Scale-Up Denmark 9. I alt 56."
    )
