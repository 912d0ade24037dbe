"""Template and chart faults: refused or bounded in Danish, cell text drawn as text."""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from factory import valid_data, write_inputs
from faults import assert_clean_fault, edited_template, render_refusal, run_cli

from generator.compute.referrals import Count, ReferralFigures
from generator.pipeline import DEFAULT_TEMPLATE
from generator.render.charts import (
    MAX_BARS,
    drawing,
    label,
    recipients_chart,
    top_with_others,
)

BROKEN = "{{ henvisninger.total }"


@pytest.fixture
def small_budget(monkeypatch):
    """A budget of 10,000 steps where a report takes a few hundred: a loop without end
    is refused as by the real budget (a million), in a hundredth of the time. The
    loop in the document's title below, and the budget's own tests, keep the real one."""
    from generator.render import sandbox

    monkeypatch.setattr(sandbox, "MAX_STEPS", 10_000)


def lav(inputs: Path, out: Path, template: Path, capsys) -> tuple[int, str]:
    return run_cli(
        ["lav", "--input", str(inputs), "--output", str(out), "--skabelon", str(template)], capsys
    )


def test_a_field_missing_a_brace_is_quoted_itself_in_danish_with_its_place(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(tmp_path, ("{{ henvisninger.total|tal }}", BROKEN))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert f"Et felt i skabelonen er ødelagt: '{BROKEN}' (afsnit " in text
    assert "under overskriften '" in text
    assert "det skal slutte med }} eller %}" in text


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("{{ aar", "ødelagt: '{{ aar"),
        ("{% fo x %}", "kommandoen {% fo %} findes ikke"),
        ("{{ aar ” }}", "'{{ aar \" }}' (afsnit "),  # Word's curly quote, straightened
        ("{% for x in modtagere %}", "der mangler et {% endfor %}"),
    ],
)
def test_jinjas_messages_are_told_in_danish(valid_made, tmp_path, broken, reason):
    template = edited_template(tmp_path, ("{{ aar }}", broken))
    assert reason in render_refusal(template, valid_made, tmp_path)


@pytest.mark.parametrize(
    ("tag", "named"),
    [
        ("{% include 'andet.docx' %}", "{% include %}"),
        ("{% extends 'andet.docx' %}", "{% extends %}"),
        ("{% import 'andet.docx' as m %}", "{% import %}"),
        ("{% from 'andet.docx' import x %}", "{% from … import %}"),
    ],
)
def test_a_tag_that_loads_another_template_is_refused_by_name(valid_made, tmp_path, tag, named):
    template = edited_template(tmp_path, ("{{ aar }}", tag))
    text = render_refusal(template, valid_made, tmp_path)
    assert f"Kommandoen {named} kan ikke bruges i skabelonen" in text


def test_an_include_in_the_documents_title_is_refused_too(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(
        tmp_path, ("</dc:title>", "{% include 'x' %}</dc:title>"), part="docProps/core.xml"
    )
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "Kommandoen {% include %} kan ikke bruges i skabelonen" in text


@pytest.mark.parametrize(
    "field",
    [
        "{{ 10**5000 }}",
        "{{ 99**99**99 }}",
        "{{ 'x' * 2000000000 }}",
        "{{ [1] * 2000000000 }}",
        "{{ 'x'.center(2000000000) }}",
        "{{ 'x'|center(2000000000) }}",
        "{{ '%0999999999d' % 1 }}",
        "{{ '{:>999999999}'.format(1) }}",
        "{{ 10.0**5000 }}",
        "{{ 1/0 }}",
    ],
)
def test_a_computation_too_large_for_any_report_is_a_danish_template_problem(field):
    """Refused by the sandbox, in Danish, before it is computed; the render tells it as a
    fault of the template (below, and ``test_a_filter_given_what_it_cannot_use…``)."""
    from generator.render.document import jinja_environment
    from generator.render.sandbox import TooLarge

    with pytest.raises(TooLarge) as refused:
        jinja_environment().from_string(field).render(aar=2023)
    assert refused.value.message.startswith("Et felt i skabelonen ")


@pytest.mark.parametrize(
    "field", ["{{ '{:>999999999}'.format(1) }}", "{{ '{x:>999999999}'.format_map({'x': 1}) }}"]
)
def test_a_field_formatted_too_wide_is_refused_before_its_text_is_built(field):
    """The width is read off the format itself: the text of a thousand million spaces is
    never made (it would take a gigabyte and seconds before its length could be seen)."""
    from generator.render.document import jinja_environment
    from generator.render.sandbox import TooLarge

    with pytest.raises(TooLarge) as refused:
        jinja_environment().from_string(field).render(aar=2023)
    assert "formaterer en tekst alt for bredt" in refused.value.message


def test_a_computation_too_large_stops_lav_with_everything_left_as_it_was(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(tmp_path, ("{{ aar }}", "{{ 99**99**99 }}"))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "Skabelonen skabelon.docx har en fejl i et felt: Et felt i skabelonen" in text


# --- charts --------------------------------------------------------------------------------

MATH_NAMES = ("Vækstfonden $\\fnord$ A/S", "Kapital $5 mio$ Fonden", "Raket 🚀 Fonden")


def figures_of(names: list[str]) -> ReferralFigures:
    counts = tuple(
        Count(name, len(names) - n, Decimal(1), previous=n) for n, name in enumerate(names)
    )
    return ReferralFigures(
        2023, 100, 2022, 90, 10, Decimal(10), counts, (), (), (), (), 5, 0, ((2023, 100),)
    )


def test_cell_text_is_never_read_as_mathtext():
    """'$\\fnord$' stopped the run ("Unknown symbol"); '$5 mio$' was drawn in italics."""
    from matplotlib.text import Text

    with drawing():
        assert Text(0, 0, MATH_NAMES[1]).get_parse_math() is False


def test_a_chart_of_mathtext_and_emoji_names_is_drawn_without_a_warning(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = recipients_chart(figures_of(list(MATH_NAMES)), tmp_path / "modtagere.png")
    assert path.stat().st_size > 0
    assert [str(w.message) for w in caught] == []


def test_a_font_missing_on_this_machine_is_never_named_on_the_console(tmp_path, monkeypatch, capfd):
    """Calibri is missing on Linux and Carlito on most Windows PCs: matplotlib would
    log "findfont: Font family … not found" for each chart."""
    from generator.render import charts

    monkeypatch.setattr(charts, "FONTS", ("Ingen Sådan Skrift", *charts.FONTS))
    charts._installed.cache_clear()
    charts._covered.cache_clear()
    try:
        recipients_chart(figures_of(["Erhvervshus Midtjylland"]), tmp_path / "modtagere.png")
    finally:
        charts._installed.cache_clear()
        charts._covered.cache_clear()
    out, err = capfd.readouterr()
    assert "findfont" not in out + err
    assert "Ingen Sådan Skrift" not in out + err


def test_a_character_no_font_has_is_left_out_of_the_label():
    assert label("Raket 🚀 Fonden") == "Raket Fonden"
    assert label("Kapital $5 mio$ Fonden") == "Kapital $5 mio$ Fonden"


def test_many_recipients_show_the_largest_and_one_others_bar():
    rows = figures_of([f"Modtager {n}" for n in range(1, 41)]).by_recipient  # counts 40 … 1
    shown = top_with_others(rows)
    assert len(shown) == MAX_BARS == 15
    assert [row.count for row in shown[:14]] == list(range(40, 26, -1))
    assert (shown[-1].label, shown[-1].count) == ("Øvrige (26 modtagere)", 351)
    assert shown[-1].previous == sum(range(14, 40))


def test_the_chart_of_5000_recipients_is_no_taller_than_that_of_15(tmp_path):
    from PIL import Image

    few = recipients_chart(figures_of([f"M{n}" for n in range(15)]), tmp_path / "few.png")
    many = recipients_chart(figures_of([f"M{n}" for n in range(5000)]), tmp_path / "many.png")
    assert Image.open(many).size == Image.open(few).size


def test_lav_with_mathtext_emoji_and_many_recipients_prints_no_warning(
    tmp_path, capsys, private_tmp
):
    data = valid_data()
    kind = data["Lister"][0]["recipient_type"]
    names = [*MATH_NAMES, *(f"Fond nr. {n}" for n in range(30))]
    data["Lister"] += [{"recipient": name, "recipient_type": kind} for name in names]
    for n, row in enumerate(data["Henvisninger"]):
        row["recipient"] = names[n % len(names)]
    inputs = write_inputs(tmp_path / "input", data)
    out = tmp_path / "out"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = assert_clean_fault(
            inputs,
            out,
            private_tmp,
            lambda: run_cli(["lav", "--input", str(inputs), "--output", str(out)], capsys),
            0,
        )
    assert [str(w.message) for w in caught] == []
    assert "Rapporten er skrevet" in text


def test_reaching_for_pythons_internals_is_refused_in_danish(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(tmp_path, ("{{ aar }}", "{{ aar.__class__.__mro__ }}"))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "feltet bruger '__class__', som en skabelon ikke må bruge" in text


@pytest.mark.parametrize(
    "field",
    [
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}",
        "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
        "{% for i in range(9999) %}{{ 'x' * 999999 }}{% endfor %}",
    ],
    ids=["doubling", "nested-loops", "endless-output"],
)
def test_a_loop_in_the_document_title_cannot_hang_or_fill_the_memory(
    valid_made, tmp_path, small_budget, field
):
    """The title is rendered but not linted (which refuses range and namespace in the body)."""
    template = edited_template(
        tmp_path, ("{{ aar }}</dc:title>", f"{field}</dc:title>"), part="docProps/core.xml"
    )
    text = render_refusal(template, valid_made, tmp_path)
    assert "Skabelonen skabelon.docx har en fejl i et felt: Et felt i skabelonen" in text


# --- one budget for the whole render ------------------------------------------------------

NESTED_OVER_TEXT = (
    "{% for a in 'abcdefghi' %}" * 10 + "x" + "{% endfor %}" * 10
)  # 9**10 turns of loops over a text, no range() in sight
NESTED_OVER_LIST = "{% for a in moeder.liste %}" * 10 + "{% endfor %}" * 10
GROWTH = {
    "tilde": "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a ~ a %}" * 30 + "{{ a|length }}",
    "replace": "{% set a = 'x' * 5000 %}{{ a|replace('x', a)|replace('x', a)|length }}",
    "str-replace": "{% set a = 'x' * 5000 %}{{ a.replace('x', a).replace('x', a)|length }}",
    "join": "{% set a = 'x' * 500000 %}{{ [a, a, a, a, a]|join(a)|length }}",
    "str-join": "{% set a = 'x' * 500000 %}{{ a.join([a, a, a, a, a])|length }}",
}


@pytest.mark.parametrize(
    "source",
    [
        "{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f('x') }}",
        "{% for a in liste recursive %}{{ loop(liste) }}{% endfor %}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{% for i in range(99999) %}{{ ('x' * 99999) ~ ('x' * 99999) }}{% endfor %}",
    ],
    ids=["macro-doubling", "recursive-loop", "endless-macro", "written-without-end"],
)
def test_the_budget_holds_in_macros_recursive_loops_and_output(source):
    from generator.render.document import jinja_environment
    from generator.render.sandbox import TooLarge

    with pytest.raises(TooLarge):
        jinja_environment().from_string(source).render(liste=list(range(9)))


@pytest.mark.parametrize(
    "field",
    [NESTED_OVER_TEXT, NESTED_OVER_LIST, *GROWTH.values()],
    ids=["loops-over-a-text", "loops-over-the-contexts-list", *GROWTH],
)
def test_a_field_that_would_run_for_ever_is_refused_by_the_budget(small_budget, field):
    """Every loop turn, filter, operator and call counts against one budget, and every
    text is checked before it is built: a Danish refusal, not a MemoryError or minutes."""
    from generator.render.document import jinja_environment
    from generator.render.sandbox import TooLarge

    with pytest.raises(TooLarge) as refused:
        jinja_environment().from_string(field).render(moeder={"liste": list(range(12))})
    assert refused.value.message.startswith("Et felt i skabelonen ")


def test_a_field_that_would_run_for_ever_is_refused_naming_its_place(
    valid_made, tmp_path, small_budget
):
    template = edited_template(tmp_path, ("{{ aar }}", NESTED_OVER_TEXT))
    text = render_refusal(template, valid_made, tmp_path)
    assert "Skabelonen skabelon.docx har en fejl i et felt: Et felt i skabelonen" in text
    assert re.search(r"\(afsnit \d+", text), text  # where the field stands
    assert "uventet fejl" not in text


def test_a_field_that_would_run_for_ever_stops_lav_with_everything_left_as_it_was(
    inputs, previous, tmp_path, capsys, private_tmp, small_budget
):
    template = edited_template(tmp_path, ("{{ aar }}", NESTED_OVER_LIST))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "gentager en løkke eller en beregning alt for mange gange" in text
    assert re.search(r"\(afsnit \d+", text), text


def test_a_loop_over_a_text_in_the_documents_title_is_refused_by_the_budget(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(
        tmp_path,
        ("{{ aar }}</dc:title>", f"{NESTED_OVER_TEXT}</dc:title>".replace("'", "&apos;")),
        part="docProps/core.xml",
    )
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "gentager en løkke eller en beregning alt for mange gange" in text
    assert "i dokumentets egenskaber" in text


# --- the place of a broken field, a brace alone, a template that is a bomb ---------------


def test_an_unclosed_if_is_told_where_it_was_opened(
    inputs, previous, tmp_path, capsys, private_tmp
):
    """Jinja stops at the end of the part and asks for an {% elif %}; the author needs the
    paragraph where the {% if %} stands."""
    from generator.render.document import _load
    from generator.render.lint import place, template_parts

    lines = template_parts(_load(DEFAULT_TEMPLATE))[0].splitlines()
    opened = next(n for n, line in enumerate(lines, start=1) if "{{ aar }}" in line)
    template = edited_template(tmp_path, ("{{ aar }}", "{% if aar %}{{ aar }}"))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "En {% if %}-blok i skabelonen er ikke lukket: '{% if aar %} {{ aar }}'" in text
    paragraph = place(lines, opened).split(",")[0]  # "afsnit 2": the edit changes the heading
    assert f"({paragraph}, i overskriften 'Årlig afrapportering {{% if aar %}}" in text
    assert "); der mangler et {% endif %}" in text
    assert "elif" not in text
    assert opened < len(lines) // 2  # near the top: the end of the part would mislead


@pytest.mark.parametrize("broken", ["{ {aar}}", "{{ aar }}}", "{aar}}", "{aar}"])
def test_a_brace_left_alone_is_a_broken_field_not_text_in_the_report(valid_made, tmp_path, broken):
    template = edited_template(tmp_path, ("{{ aar }}", broken))
    text = render_refusal(template, valid_made, tmp_path)
    assert "Et felt i skabelonen er ødelagt" in text
    assert "en krøllet parentes står alene" in text
    assert "(afsnit " in text


def test_a_template_that_is_a_zip_bomb_is_refused_before_it_is_opened(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = tmp_path / "skabelon.docx"
    shutil.copyfile(DEFAULT_TEMPLATE, template)
    with zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image99.png", b"\0" * (40 * 1024 * 1024))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "Skabelonen kan ikke bruges: skabelon.docx" in text


@pytest.mark.parametrize(
    "field",
    [
        "{{ parter.modpart|kr }}",  # a name where an amount belongs
        "{{ aar|dato }}",  # a year where a date belongs
        "{{ aar|pct('x') }}",  # an argument the filter cannot use
        "{{ parter.modpart|tal(2) }}",
    ],
)
def test_a_filter_given_what_it_cannot_use_is_a_danish_template_fault(valid_made, tmp_path, field):
    """A filter handed the wrong kind of value stops like any broken field: in Danish,
    naming the field, never "uventet fejl"."""
    template = edited_template(tmp_path, ("{{ aar }}", field))
    text = render_refusal(template, valid_made, tmp_path)
    assert "uventet fejl" not in text
    assert "Skabelonen skabelon.docx har en fejl i et felt" in text
    assert "filteret '" in text


def test_a_filter_given_what_it_cannot_use_stops_lav_with_everything_left_as_it_was(
    inputs, previous, tmp_path, capsys, private_tmp
):
    template = edited_template(tmp_path, ("{{ aar }}", "{{ aar|dato }}"))
    text = assert_clean_fault(
        inputs, previous, private_tmp, lambda: lav(inputs, previous, template, capsys), 2
    )
    assert "Skabelonen skabelon.docx har en fejl i et felt" in text
    assert "filteret '" in text
