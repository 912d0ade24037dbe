"""The shipped example agrees with itself: every direction word its texts use about a
figure ('flere', 'færre', 'mere', 'uændret' …) matches the figures the report prints,
and its point descriptions vary and fit each point's status."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx_reading import table_rows
from python_calamine import CalamineWorkbook

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "input" / "tekster_2023.docx"
DIRECTION = re.compile(r"\b(flere|færre|mere|mindre|uændret|steg|faldt)\b", re.IGNORECASE)
UP, DOWN, SAME = {"flere", "mere", "steg"}, {"færre", "mindre", "faldt"}, {"uændret"}

# Each claim the example makes about a change: the words that name it, and where the
# report prints its two figures (a table's first header, the row, the two columns).
CLAIMS = {
    "flere henvisninger end året før, 101 mod 93": ("År", ("2022", "2023"), "Henvisninger"),
    "uændret 40 henvisninger, 40 mod 40 i 2022": ("Modtager", "Erhvervshus Midtjylland", None),
    "flere henvisninger, 22 mod 12 i 2022": ("Type", "Regionalt program", None),
    "fylder mere, 22 mod 13 i 2022": ("Emne", "Iværksætteri og opstart", None),
    "Flere henvisninger hvert år, 101 i 2023 mod 80 i 2020":
        ("År", ("2020", "2023"), "Henvisninger"),
}  # fmt: skip


def example_sentences() -> list[str]:
    """The example's own words: its texts file, and the year's Indsatser descriptions."""
    document = Document(str(TEXTS))
    texts = [p.text for p in document.paragraphs if p.style.name != "Vejledning" and p.text]
    book = CalamineWorkbook.from_path(str(REPO / "input" / "aarsdata.xlsx"))
    rows = book.get_sheet_by_name("Indsatser").to_python()
    texts += [str(row[3]) for row in rows[1:] if row[3]]
    return [s for text in texts for s in re.split(r"(?<=[.:])\s+", text) if s]


def tables(report: Path) -> dict[str, list[list[str]]]:
    """The report's tables of yearly figures by their first header cell."""
    found: dict[str, list[list[str]]] = {}
    for table in Document(str(report)).tables:
        rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
        if rows and ("2023" in rows[0] or "Henvisninger" in rows[0]):
            found.setdefault(rows[0][0], rows)
    return found


def figures_of(report: Path, claim: str) -> tuple[int, int]:
    header, row_label, column = CLAIMS[claim]
    rows = tables(report)[header]
    heads = rows[0]
    if isinstance(row_label, tuple):
        at = heads.index(column)
        values = {row[0]: row[at] for row in rows[1:]}
        return int(values[row_label[0]]), int(values[row_label[1]])
    row = next(r for r in rows[1:] if r[0] == row_label)
    return int(row[heads.index("2022")]), int(row[heads.index("2023")])


def test_every_direction_word_matches_the_figures_it_names(example_made):
    sentences = [s for s in example_sentences() if DIRECTION.search(s)]
    assert sentences, "the example makes no claim of change at all"
    for sentence in sentences:
        claims = [claim for claim in CLAIMS if claim in sentence]
        assert len(claims) == 1, f"a change without figures the test knows: {sentence!r}"
        old, new = figures_of(example_made.report, claims[0])
        words = {w.lower() for w in DIRECTION.findall(sentence)}
        if words & UP:
            assert new > old, sentence
        if words & DOWN:
            assert new < old, sentence
        if words & SAME:
            assert new == old, sentence
        numbers = [int(n) for n in re.findall(r"\b\d+\b", claims[0]) if int(n) < 2000]
        assert {old, new} == set(numbers), sentence  # the sentence's own figures


def test_no_description_is_printed_again_and_again(example_made):
    report = Document(str(example_made.report))
    texts = [p.text for p in report.paragraphs if len(p.text) > 40 and p.style.name == "Normal"]
    repeated = [(text, n) for text, n in Counter(texts).items() if n > 1]
    assert repeated == []
    sentences = Counter(s for t in texts for s in re.split(r"(?<=\.)\s+", t) if len(s) > 30)
    assert [s for s, n in sentences.items() if n > 1] == []


@pytest.mark.parametrize("word", ["nedenfor", "konsolidere"])
def test_the_texts_say_nothing_the_report_does_not_bear_out(word):
    assert not [s for s in example_sentences() if word in s]


def test_section_4s_descriptions_count_what_the_cooperation_table_lists(example_made):
    rows = table_rows(example_made.report)
    listed = Counter(row[0] for row in rows if row[0] in ("Strategisk tiltag", "Kampagne"))
    texts = [p.text for p in Document(str(example_made.report)).paragraphs]
    heading = "§ 4 a. Gensidig orientering om strategiske tiltag – Løbende"
    at = len(texts) - 1 - texts[::-1].index(heading)  # the heading, not the contents
    assert f"om {listed['Strategisk tiltag']} strategisk" in texts[at + 1]
