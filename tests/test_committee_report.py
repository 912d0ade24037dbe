"""The Word report as the committee reads it: every contract point, several years,
plain Danish, and nothing internal (no fingerprints, warnings or cell references)."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx_reading import body_text, find_table, paragraph
from factory import valid_data, write_inputs

from generator.compute import round_half_up
from generator.core.problems import Code
from generator.core.schema import DEFAULT_CONTRACT_POINTS
from generator.pipeline import Made, check, make

NOW = datetime(2026, 11, 27, 10, 0)
TODAY = NOW.date()
NO_ACTIVITY = "Ingen registreret aktivitet i året."


def paragraphs(report: Path) -> list[str]:
    return [p.text for p in Document(str(report)).paragraphs]


@pytest.fixture
def example_report(example_made: Made) -> Path:
    """Read only: the report is shared by every test that asks for it."""
    return example_made.report


def test_the_summary_is_one_table_with_a_row_per_kpi_and_section(example_report):
    rows = find_table(example_report, "Årets resultat")
    assert rows[0] == ["Punkt", "Årets resultat", "Status"]
    assert [row[0] for row in rows[1:]] == [
        "§ 6 a Henvisninger",
        "§ 6 b Karriereby Viborg",
        "§ 6 c CFI's resultatmål",
        "§ 6 Månedsmøder",
        "§ 3 Særlige indsatsområder",
        "§ 4 Generelt samarbejde",
        "§ 5 CFI og House of Industry",
        "§ 7 Økonomi",
    ]
    by_point = {row[0]: row[1:] for row in rows[1:]}
    assert by_point["§ 6 a Henvisninger"] == [
        "101 henvisninger, 8 flere end i 2022 (+8,6 %)",
        "Orientering",
    ]
    assert by_point["§ 6 b Karriereby Viborg"] == [
        "1.871,5 timer, 97,3 % af ét årsværk",
        "Opfyldt",
    ]
    assert by_point["§ 6 c CFI's resultatmål"] == ["3 af 5 resultatmål opfyldt", "Delvist opfyldt"]
    assert by_point["§ 6 Månedsmøder"] == ["Møder i 11 af årets 12 måneder", "Delvist opfyldt"]
    assert by_point["§ 7 Økonomi"] == ["Kontraktsum 3.011.737 kr.", "Orientering"]


def test_the_previous_years_referrals_are_read_from_their_own_year(example_report):
    """93 referrals in 2022, 101 in 2023 (the example log)."""
    rows = find_table(example_report, "Ændring")
    assert ["2022", "93", "+6"] in rows
    assert ["2023", "101", "+8"] in rows
    assert paragraph(example_report, "I 2023 blev der registreret").startswith(
        "I 2023 blev der registreret 101 henvisninger, 8 flere end i 2022 (+8,6 %). "
    )


def test_every_contract_point_is_listed_in_contract_numbering(example_report):
    """Each point is a heading of its own (the table of contents repeats some), with the
    contract's own number, and Bilag 1's items as Bilag 1 numbers them."""
    headings = [
        p.text
        for p in Document(str(example_report)).paragraphs
        if p.style.name in ("Heading 2", "Heading 3")
    ]
    labels = [
        line.split(" – ")[0]
        for line in headings
        if line.startswith(("§ ", "Bilag 1, pkt. ")) and ". " in line
    ]
    assert labels[:4] == [
        "§ 3 a i. Arsenalet",
        "§ 3 a ii. Agro Business Park",
        "Bilag 1, pkt. 1 c. Center for Industri (CFI)",
        "§ 3 b i. AU digital transformation",
    ]
    assert "Bilag 1, pkt. 3 a. Samarbejde med Sørensen Connecting Denmark" in labels
    assert len(labels) == len(DEFAULT_CONTRACT_POINTS)


def test_a_point_without_a_row_warns_by_name_and_stays_in_the_report(tmp_path: Path):
    missing = DEFAULT_CONTRACT_POINTS[1][2]  # § 3 a ii. Agro Business Park
    data = valid_data()
    data["Indsatser"] = [row for row in data["Indsatser"] if row["point"] != missing]
    folder = write_inputs(tmp_path / "in", data)
    checked = check(folder, today=TODAY)
    warned = [p for p in checked.problems if p.code is Code.POINT_WITHOUT_ROW]
    assert [(p.file, p.sheet) for p in warned] == [("aarsdata.xlsx", "Indsatser")]
    assert "'§ 3 a ii. Agro Business Park'" in warned[0].message
    report = make(folder, tmp_path / "out", today=TODAY, now=NOW).report
    text = paragraphs(report)
    at = text.index("§ 3 a ii. Agro Business Park")
    assert text[at - 2].startswith("§ 3 a i. Arsenalet")
    assert text[at + 1] == NO_ACTIVITY
    assert text[at + 2].startswith("Bilag 1, pkt. 1 c. Center for Industri (CFI)")


def test_the_last_contract_year_sums_up_the_whole_period(example_report):
    rows = find_table(example_report, "Månedsmøder")
    assert rows[0] == [
        "År",
        "Henvisninger",
        "Timer til Karriereby",
        "Resultatmål opfyldt",
        "Månedsmøder",
        "Kontraktsum",
    ]
    assert rows[1:] == [
        ["2020", "80", "1.846,3", "3 af 4", "12 af 12", "2.762.000 kr."],
        ["2021", "87", "1.834,3", "3 af 5", "12 af 12", "2.806.192 kr."],
        ["2022", "93", "1.794,0", "4 af 5", "12 af 12", "2.887.572 kr."],
        ["2023", "101", "1.871,5", "3 af 5", "11 af 12", "3.011.737 kr."],
        ["I alt", "361", "7.346,1", "13 af 19", "47 af 48", "11.467.501 kr."],
    ]
    assert "Kontraktsummen for hele perioden 2020–2023 var 11.467.501 kr." in paragraphs(
        example_report
    )


def test_an_earlier_year_has_no_period_section(example: Path, tmp_path: Path):
    report = make(example, tmp_path / "out", year=2022, today=TODAY, now=NOW).report
    assert "Kontraktperioden samlet" not in body_text(report)
    total = find_table(report, "PL-stigning")[-1]
    assert (total[0], total[-1]) == ("I alt", "8.455.764 kr.")  # 2020–2022 so far


def test_cfi_goals_show_the_earlier_contract_years_results(example_report):
    """Each year against its own target, with its own verdict."""
    rows = find_table(example_report, "Resultatmål")
    assert rows[0] == ["Nr.", "Resultatmål", "2020", "2021", "2022", "2023"]
    assert rows[1] == [
        "1",
        "Antal virksomheder i forløb",
        "44\nmål mindst 40\nOpfyldt",
        "41\nmål mindst 45\nIkke opfyldt",
        "53\nmål mindst 50\nOpfyldt",
        "58\nmål mindst 55\nOpfyldt",
    ]
    assert rows[3][0] == "3" and rows[3][2] == "–"  # the goal did not exist in 2020
    assert rows[4][5] == "97\u00a0%\nmål mindst 85\u00a0%\nOpfyldt"  # the % kept with its figure
    assert rows[5][5] == "11\nmål højst 10\nIkke opfyldt"


def test_each_goal_shows_its_own_comment_beside_it(example_report):
    rows = find_table(example_report, "Resultatmål")
    by_goal = {row[1].split("\n")[0]: row[1].split("\n")[1:] for row in rows[1:]}
    assert by_goal["Nye virksomheder i House of Industry"] == [
        "Kommentar: Færre ledige lokaler end ventet; to virksomheder flytter ind i foråret 2024."
    ]
    assert by_goal["Sagsbehandlingstid i dage"] == [
        "Kommentar: Mange sager i fjerde kvartal; sagerne fordeles nu på flere rådgivere."
    ]
    assert by_goal["Antal virksomheder i forløb"] == []  # met in 2023: nothing to explain


def test_a_missed_goal_without_a_comment_warns_naming_its_cell(tmp_path: Path):
    data = valid_data()
    data["CFI-resultatmål"][1]["comment"] = None  # Sagsbehandlingstid: 12 days, at most 10
    checked = check(write_inputs(tmp_path / "in", data), today=TODAY)
    warned = [p for p in checked.problems if p.code is Code.GOAL_WITHOUT_COMMENT]
    assert [(p.file, p.sheet, p.cell) for p in warned] == [
        ("aarsdata.xlsx", "CFI-resultatmål", "H3")
    ]
    assert "'Sagsbehandlingstid'" in warned[0].message
    assert "Skriv årsag og opfølgning" in warned[0].message


def test_a_most_goal_exactly_at_its_limit_is_met(tmp_path: Path):
    data = valid_data()
    data["CFI-resultatmål"][1]["result"] = 10  # "Højst" 10 dage
    report = make(write_inputs(tmp_path / "in", data), tmp_path / "out", now=NOW).report
    rows = find_table(report, "Resultatmål")
    assert rows[2][1] == "Sagsbehandlingstid\nKommentar: For lang"
    assert rows[2][-1] == "10\nmål højst 10\nOpfyldt"


def danish(text: str) -> Decimal:
    """'2.887.571,57 kr.' → Decimal('2887571.57'); '1,6 %' → Decimal('1.6')."""
    plain = text.replace("kr.", "").replace("%", "").strip()
    return Decimal(plain.replace(".", "").replace(",", "."))


def test_the_economy_names_the_index_and_its_rounding(example_report):
    rows = find_table(example_report, "PL-stigning")
    assert rows[0] == ["År", "PL-stigning", "Status", "Reguleringsfaktor (2020\xa0=\xa01)",
                       "Beregnet beløb", "Kontraktsum"]  # fmt: skip
    assert rows[1] == ["2020", "–", "Prisniveau", "1,000000", "2.762.000,00 kr.", "2.762.000 kr."]
    assert rows[3] == ["2022", "2,9 %", "Skøn", "1,045464", "2.887.571,57 kr.", "2.887.572 kr."]
    assert rows[4] == ["2023", "4,3 %", "Skøn", "1,090419", "3.011.737,15 kr.", "3.011.737 kr."]
    assert rows[5][0] == "I alt" and rows[5][-1] == "11.467.501 kr."
    text = paragraphs(example_report)
    method = next(line for line in text if line.startswith("Hvert års beregnede beløb"))
    assert "beregnet med fuld præcision" in method
    assert "afrundet til hele kroner (halve op), én gang pr. år" in method
    assert paragraph(example_report, "Jf. kontraktens § 7") == (
        "Jf. kontraktens § 7 er den årlige kontraktsum 2.762.000 kr. i 2020-priser, og den "
        "reguleres årligt efter kommunernes prisindeks for serviceydelser. Som indeks bruges "
        "KL's pris- og lønskøn for kommunale serviceudgifter (PL). Reguleringsfaktoren er den "
        "samlede PL-stigning siden 2020."
    )
    assert (
        paragraph(example_report, "Kilde: ")
        == "Kilde: Eksempel: KL's PL-skøn (ikke de rigtige tal)."
    )
    assert body_text(example_report).count("Kilde: ") == 1  # the source is named once


def reproduces_every_sum(rows: list[list[str]], base: Decimal) -> None:
    """Every year's sum from the page: the printed factor × the base amount, and the
    previous year's printed amount × (1 + the printed rate), rounded half up."""
    before = None
    for row in rows[1:-1]:
        rate, factor, exact, amount = row[1], danish(row[3]), danish(row[4]), danish(row[5])
        assert round_half_up(base * factor) == amount, row
        assert round_half_up(exact) == amount, row
        if before is not None:
            assert round_half_up(before * (1 + danish(rate) / 100)) == amount, row
        before = exact


def test_every_years_sum_is_reproduced_from_the_printed_figures(example_report):
    reproduces_every_sum(find_table(example_report, "PL-stigning"), Decimal(2762000))


def test_awkward_rates_still_reproduce_every_sum(tmp_path: Path):
    """Rates with three decimals and a base that is no round number need more decimals."""
    data = valid_data()
    data["Kontrakt"]["base_amount"] = 2761999
    for row, rate in zip(data["Prisindeks"], (1.275, 2.915, 4.333), strict=True):
        row["rate"] = rate
    report = make(write_inputs(tmp_path / "in", data), tmp_path / "out", now=NOW).report
    rows = find_table(report, "PL-stigning")
    assert rows[2][1] == "1,275 %"
    reproduces_every_sum(rows, Decimal(2761999))


def test_key_figures_are_shown_over_the_years(example_report):
    rows = find_table(example_report, "Nøgletal")
    assert rows[0] == ["Nøgletal", "Enhed", "2020", "2021", "2022", "2023"]
    assert ["Tilfredshed med vejledningen", "%", "88", "90", "91", "90"] in rows


def test_without_a_key_figures_sheet_there_is_no_error_and_no_section(tmp_path: Path):
    folder = write_inputs(tmp_path / "in", skip=("Nøgletal",))
    made = make(folder, tmp_path / "out", today=TODAY, now=NOW)
    assert made.checked.ok, [p.message for p in made.checked.problems]
    assert "Nøgletal" not in paragraphs(made.report)


def test_the_first_year_of_a_period_compares_with_the_previous_period_when_logged(
    tmp_path: Path,
):
    """The factory logs 12 referrals in the report year and 10 the year before."""
    data = valid_data(2020)
    folder = write_inputs(tmp_path / "in", data)
    report = make(folder, tmp_path / "out", year=2020, today=TODAY, now=NOW).report
    assert paragraph(report, "I 2020 blev der registreret").startswith(
        "I 2020 blev der registreret 12 henvisninger, 2 flere end i 2019 (+20,0 %), som lå i "
        "den forrige kontraktperiode. "
    )


def test_an_example_source_with_real_data_stops_at_its_cell(tmp_path: Path):
    data = valid_data()
    data["Prisindeks"][1]["source"] = "Eksempel: KL's PL-skøn (ikke de rigtige tal)"
    checked = check(write_inputs(tmp_path / "in", data), today=TODAY)
    errors = [(p.file, p.sheet, p.cell, p.code) for p in checked.problems if p.code.level == "fejl"]
    assert errors == [("kontrakt.xlsx", "Prisindeks", "C3", Code.EXAMPLE_RATE)]


def test_the_shipped_example_marks_its_rates_as_estimates_and_itself_as_example(example: Path):
    checked = check(example, today=TODAY)
    assert checked.ok
    assert [step.estimate for step in checked.computed.figures.this_year.steps] == [
        True,
        True,
        True,
    ]


CELL_REFERENCE = re.compile(r"\b(?:celle|cell)\s+[A-Z]{1,3}\d+|\b[A-Z]{1,2}\d{1,5}\b")


def test_the_report_holds_nothing_internal(example_report: Path):
    """No fingerprints, no warnings, no cell references, no instructions to the author."""
    text = body_text(example_report)
    assert "SHA" not in text
    assert not re.search(r"\b[0-9a-f]{64}\b", text)
    assert not CELL_REFERENCE.search(text), CELL_REFERENCE.search(text)
    for internal in ("advarsel", "Advarsel", "skøn. Opdatér", "Tilføj", "Højreklik", "Ret "):
        assert internal not in text, internal
    assert text.count("Afrapportering_2023_bilag.xlsx") == 1  # named once, as internal:
    assert "et internt arbejdsbilag, Afrapportering_2023_bilag.xlsx, med de enkelte" in (
        paragraph(example_report, "Tallene er beregnet")
    )


def test_no_sentence_opens_with_a_digit(example_report: Path):
    opening = re.compile(r"(?:^|(?<!Nr)(?<!pkt)[.!?]\s)\d")
    offending = [line for line in paragraphs(example_report) if opening.search(line)]
    assert offending == []


def test_committee_wording_replaces_the_old_phrases(example_report: Path):
    text = body_text(example_report)
    assert paragraph(example_report, "Jf. kontraktens § 6 a") == (
        "Jf. kontraktens § 6 a registrerer VER antallet af henvisninger til Erhvervshus "
        "Midtjylland og øvrige nationale og regionale programmer."
    )
    for old in ("Retning", "Faktor", "typisk iværksættere", "(pct)", "Det er +", "Efter kontrakt"):
        assert old not in text, old


def test_a_long_list_shows_the_largest_entries_and_the_rest_as_others(tmp_path: Path):
    """Fifteen recipients with 15, 14, …, 1 referrals: eleven rows, then 'Øvrige' with
    the four smallest (4 + 3 + 2 + 1 = 10); the total row still adds up to 120."""
    data = valid_data()
    names = [f"Program {n:02d}" for n in range(1, 16)]
    data["Lister"] = [
        {"recipient": name, "recipient_type": "Nationalt program", "topic": topic}
        for name, topic in zip(names, ["Eksport"] * 15, strict=True)
    ]
    data["Henvisninger"] = [
        {"date": datetime(2023, 1 + i % 12, 1 + i % 28).date(), "company": f"V{n}-{i} ApS",
         "cvr": None, "recipient": name, "topic": "Eksport", "adviser": None, "note": None}
        for n, name in enumerate(names) for i in range(15 - n)
    ]  # fmt: skip
    report = make(write_inputs(tmp_path / "in", data), tmp_path / "out", now=NOW).report
    rows = find_table(report, "Modtager")
    assert len(rows) == 1 + 12 + 1  # header, 12 rows, total
    assert rows[1][0] == "Program 01" and rows[1][3] == "15"
    assert rows[11][0] == "Program 11" and rows[11][3] == "5"
    assert rows[12][0] == "Øvrige" and rows[12][3] == "10"
    assert rows[13][0] == "I alt" and rows[13][3] == "120"


def test_every_table_repeats_its_header_row_and_right_aligns_its_numbers(example_report):
    document = Document(str(example_report))
    for table in document.tables:
        header = table.rows[0]._tr
        assert header.find(".//{*}tblHeader") is not None
    kontraktsum = find_table(example_report, "PL-stigning")
    assert kontraktsum  # found; its number cells use the right-aligned style:
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "PL-stigning")
    styles = {cell.paragraphs[0].style.name for cell in table.rows[1].cells[1:2]}
    assert styles == {"Tabeltal"}


def test_the_trend_chart_is_drawn_in_the_documents_font(tmp_path: Path, monkeypatch):
    """Every text of the quarter chart (ticks, axis label, legend) is in the first
    installed font of the document's list: Calibri in Word, Carlito its twin."""
    from generator.render import charts

    drawn = []
    figure = charts._figure
    monkeypatch.setattr(charts, "_figure", lambda *size: drawn.append(figure(*size)) or drawn[-1])
    path = charts.quarters_chart(((2022, (5, 6, 7, 8)), (2023, (6, 7, 8, 9))), tmp_path / "k.png")

    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (_fig, ax), font = drawn[0], charts._installed()[0]
    texts = [*ax.get_xticklabels(), *ax.get_yticklabels(), ax.yaxis.label]
    texts += ax.get_legend().get_texts()
    assert [t.get_text() for t in ax.get_xticklabels()] == [f"{q}. kvartal" for q in range(1, 5)]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2022", "2023"]
    assert {t.get_fontname() for t in texts} == {font}
    assert {t.get_fontsize() for t in texts} == {9}
