"""The summary's rows for §§ 3–5 count what happened, in one grammar; the contract's
own numbering (and Bilag 1's) is the only numbering printed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from docx_reading import find_table
from factory import valid_data, write_inputs
from texts_factory import text, write_texts

from generator.compute.points import PointStatus
from generator.core import numbering
from generator.core.numbering import in_contract, parse_number
from generator.core.problems import Code
from generator.core.schema import DEFAULT_CONTRACT_POINTS, TEXT_SECTIONS
from generator.pipeline import check, make
from generator.render.summary import points_line

NOW = datetime(2026, 11, 27, 10, 0)
CONTRACT_NUMBERS = {
    "§ 3 a i", "§ 3 a ii", "§ 3 b i", "§ 3 b ii", "§ 3 b iii", "§ 3 c i", "§ 3 d i",
    "§ 3 d ii", "§ 3 d iii", "§ 3 d iv", "§ 4 a", "§ 4 b", "§ 4 c", "§ 5",
}  # fmt: skip


def point(status: str | None, number: str = "3 a i") -> PointStatus:
    return PointStatus(number, "Område", "Punkt", status, None)


@pytest.mark.parametrize(
    ("statuses", "line"),
    [
        (["Løbende"], "1 punkt: løbende"),
        (["Løbende", "Løbende"], "Begge punkter løbende"),
        (["Løbende"] * 12, "12 punkter, alle løbende"),
        (
            ["Løbende"] * 8 + ["Afsluttet", "Ikke startet"],
            "10 punkter: 8 løbende, 1 afsluttet, 1 ikke startet",
        ),
        (["Løbende", None, "Ingen aktivitet i året"], "3 punkter: 1 løbende, 1 uden aktivitet, "
         "1 uden status"),
    ],
)  # fmt: skip
def test_the_points_line_counts_by_status(statuses, line):
    assert points_line([point(s) for s in statuses]) == line
    assert "alle 2" not in line


def test_bilag_1_items_are_counted_apart_from_the_contracts_points():
    points = [point("Løbende")] * 10 + [point("Løbende", "Bilag 1, pkt. 1 c")] * 2
    assert points_line(points, annex=2) == "10 punkter og 2 fra bilag 1, alle løbende"


def test_the_example_summary_counts_sections_3_to_5(example_made):
    rows = {row[0]: row[1] for row in find_table(example_made.report, "Årets resultat")[1:]}
    assert rows["§ 3 Særlige indsatsområder"].startswith("10 punkter og 2 fra bilag 1: ")
    assert rows["§ 4 Generelt samarbejde"].startswith("3 punkter")
    assert (
        "4 samarbejder: 1 strategisk tiltag, 1 sag i sammenhængsmodellen, 1 kampagne"
        in (rows["§ 4 Generelt samarbejde"])
    )
    assert rows["§ 5 CFI og House of Industry"] == (
        "2 punkter: 1 løbende, 1 afsluttet. Eksempeltekst. CFI er en del af VER; House of "
        "Industry er stadig under planlægning."
    )


def test_the_authors_one_line_assessment_follows_the_counts(tmp_path: Path):
    folder = write_inputs(tmp_path / "in")
    headings = {s.key: s.heading for s in TEXT_SECTIONS}
    write_texts(
        folder / "tekster_2023.docx",
        {
            headings["forord"]: [text("Et godt år.")],
            headings["vurdering_3"]: [text("Arbejdskraft fyldte mest."), text("Ikke med.")],
            headings["indstilling"]: [text("Det indstilles, at udvalget godkender planen.")],
        },
    )
    made = make(folder, tmp_path / "out", now=NOW)
    rows = {row[0]: row[1] for row in find_table(made.report, "Årets resultat")[1:]}
    assert rows["§ 3 Særlige indsatsområder"] == (
        "10 punkter og 2 fra bilag 1, alle løbende. Arbejdskraft fyldte mest."
    )
    assert rows["§ 4 Generelt samarbejde"].endswith("1 kampagne")  # no line: the counts only
    from docx import Document

    texts = [p.text for p in Document(str(made.report)).paragraphs]
    at = len(texts) - 1 - texts[::-1].index("Indstilling")  # the heading, not the contents
    assert texts[at + 1] == "Det indstilles, at udvalget godkender planen."
    assert not [p for p in made.checked.problems if "Resuméets vurdering" in p.message]


def test_without_an_indstilling_the_default_sentence_ends_the_summary(valid_made):
    from docx import Document

    report = valid_made.report
    texts = [p.text for p in Document(str(report)).paragraphs]
    at = len(texts) - 1 - texts[::-1].index("Indstilling")  # the heading, not the contents
    assert texts[at + 1] == "Det indstilles, at udvalget tager afrapporteringen til efterretning."


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("3 a i", "§ 3 a i"),
        ("§ 4 b", "§ 4 b"),
        ("5", "§ 5"),
        ("Bilag 1, pkt. 1 c", "Bilag 1, pkt. 1 c"),
        ("bilag 1 pkt 3 a", "Bilag 1, pkt. 3 a"),
        ("Bilag 1, 4 c", "Bilag 1, pkt. 4 c"),
    ],
)
def test_the_numbering_column_accepts_both_forms(written, label):
    assert parse_number(written).label == label


def test_a_bilag_1_item_sits_under_its_section_3_area():
    assert parse_number("Bilag 1, pkt. 1 c").area == "3 a"
    assert parse_number("Bilag 1, pkt. 3 a").area == "3 c"


def test_a_number_of_neither_form_is_an_error_naming_its_cell(tmp_path: Path):
    data = valid_data()
    data["Kontraktpunkter"][0]["number"] = "tre a"
    checked = check(write_inputs(tmp_path / "in", data), today=NOW.date())
    wrong = [p for p in checked.problems if p.code is Code.POINT_NUMBER]
    where = [(p.file, p.sheet, p.cell) for p in wrong]
    assert where == [("kontrakt.xlsx", "Kontraktpunkter", "A2")]
    assert "'tre a'" in wrong[0].message and "Bilag 1, pkt. 1 c" in wrong[0].message


@pytest.mark.parametrize(
    "written",
    ["3 a iii", "§ 3 c ii", "8", "3 a", "Bilag 1, pkt. 2 b", "Bilag 2, pkt. 1 a"],
)
def test_a_number_the_contract_does_not_have_is_an_error_naming_its_cell(
    tmp_path: Path, written: str
):
    """Read as a number, but no point of the contract or Bilag 1 has it."""
    data = valid_data()
    data["Kontraktpunkter"][0]["number"] = written
    checked = check(write_inputs(tmp_path / "in", data), today=NOW.date())
    wrong = [p for p in checked.problems if p.code is Code.POINT_NUMBER]
    assert [(p.file, p.sheet, p.cell, p.level) for p in wrong] == [
        ("kontrakt.xlsx", "Kontraktpunkter", "A2", "fejl")
    ]
    point = data["Kontraktpunkter"][0]["point"]
    assert wrong[0].message == (
        f"Kontrakten har ikke nummeret '{written}' (punktet '{point}'). Kontrakten har "
        "§ 3 a i–ii, § 3 b i–iii, § 3 c i, § 3 d i–iv, § 4 a–c, § 5, § 6 a–c, § 7 og "
        "Bilag 1, pkt. 1 a–c, 2 a, 3 a–b, 4 a–c. Skriv nummeret, som kontrakten gør, fx "
        "'3 a i' eller '4 b', eller som bilag 1 gør, fx 'Bilag 1, pkt. 1 c'."
    )
    assert not checked.ok


def test_every_number_of_the_contract_and_of_bilag_1_is_accepted():
    annex = [f"Bilag 1, pkt. {n}" for n in numbering.ANNEX_NUMBERS]
    assert all(in_contract(parse_number(number)) for number in [*CONTRACT_NUMBERS, *annex])
    assert {f"§ {n}" for n in numbering.CONTRACT_NUMBERS} >= CONTRACT_NUMBERS
    assert in_contract(parse_number("§ 3 d iv")) and in_contract(parse_number("bilag 1 pkt 4 c"))
    assert [n for n, _, _ in DEFAULT_CONTRACT_POINTS if not in_contract(parse_number(n))] == []


def test_every_printed_paragraph_number_is_the_contracts(example_made):
    """No '§ 3 a iii' or '§ 3 c ii': only numbers the contract has."""
    import re

    from docx import Document

    document = Document(str(example_made.report))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    found = set()
    for line in texts:
        for match in re.finditer(r"§ ?(\d+)((?: [a-d])(?: [ivx]+)?)?(?=[ .,:;)]|$)", line):
            found.add(f"§ {match.group(1)}{match.group(2) or ''}")
    allowed = CONTRACT_NUMBERS | {"§ 1", "§ 2", "§ 3", "§ 4", "§ 6", "§ 6 a", "§ 6 b", "§ 6 c",
                                  "§ 7", "§ 3 a", "§ 3 b", "§ 3 c", "§ 3 d"}  # fmt: skip
    assert found and found <= allowed, found - allowed
    assert len([n for n, _, _ in DEFAULT_CONTRACT_POINTS if n.startswith("Bilag 1")]) == 2


def lead_before(report: Path, start: str) -> str:
    from docx import Document

    return next(p.text for p in Document(str(report)).paragraphs if p.text.startswith(start))


def test_the_last_years_report_speaks_of_the_period_not_of_so_far(example_made):
    assert lead_before(example_made.report, "Henvisninger i hvert år") == (
        "Henvisninger i hvert år i kontraktperioden 2020–2023:"
    )
    assert lead_before(example_made.report, "Timerne i hvert år") == (
        "Timerne i hvert år i kontraktperioden 2020–2023:"
    )


def test_a_year_within_the_period_says_so_far(example: Path, tmp_path: Path):
    report = make(example, tmp_path / "out", year=2022, now=NOW).report
    assert lead_before(report, "Henvisninger i hvert år") == (
        "Henvisninger i hvert år indtil nu (2020–2022):"
    )


def test_count_tables_are_ordered_largest_first(example_made):
    from docx_reading import table_rows

    all_rows = table_rows(example_made.report)
    for header in ("Modtager", "Type", "Emne"):
        start = next(
            i
            for i, row in enumerate(all_rows)
            if row[:2] == [header, "2022"] or row[:3] == [header, "Type", "2022"]
        )
        rows = [all_rows[start]]
        for row in all_rows[start + 1 :]:
            rows.append(row)
            if row[0] == "I alt":
                break
        body = [row for row in rows[1:] if row[0] not in ("I alt", "Øvrige")]
        column = rows[0].index("2023")
        counts = [int(row[column].replace(".", "")) for row in body]
        assert counts == sorted(counts, reverse=True), header
