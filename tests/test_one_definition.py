"""One place for each fact: a second definition anywhere in the tree fails here.

Each test reads the program's sources (string literals through the syntax tree,
so comments and docstrings may name a fact; code patterns by text) and names
the module that owns the fact. Move a fact, and move its owner here with it.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest
from source_trees import walked

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "generator"
TOOLS = ROOT / "tools"


def sources(*places: Path) -> list[Path]:
    """The Python files under each folder, or the file itself."""
    return sorted(
        path for place in places for path in (place.rglob("*.py") if place.is_dir() else [place])
    )


def name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@cache
def literals(path: Path) -> tuple[tuple[int, str], ...]:
    """The string constants of a module, f-strings' literal parts included, without
    its docstrings."""
    docstrings = set()
    for node in walked(path):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return tuple(
        (node.lineno, node.value)
        for node in walked(path)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    )


def literal_uses(owners: set[str], wanted, folders=(PACKAGE,)) -> list[str]:
    return [
        f"{name(path)}:{line}: {text!r}"
        for path in sources(*folders)
        if name(path) not in owners
        for line, text in literals(path)
        if wanted(text)
    ]


def code_uses(owners: set[str], pattern: str, folders=(PACKAGE,)) -> list[str]:
    found = re.compile(pattern)
    return [
        f"{name(path)}:{number}: {line.strip()}"
        for path in sources(*folders)
        if name(path) not in owners
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if found.search(line) and not line.lstrip().startswith("#")
    ]


WORDING = "generator/core/wording.py"


def test_the_tree_is_read():
    """The helpers above see the program (a wrong root would make every test pass)."""
    assert len(sources(PACKAGE)) > 50
    verdicts = PACKAGE / "compute" / "verdicts.py"
    assert any(text == "Opfyldt" for _, text in literals(verdicts))
    assert code_uses(set(), r"^MET = ", (verdicts,)) == [
        'generator/compute/verdicts.py:14: MET = "Opfyldt"'
    ]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bbabel\b",  # imports Babel: only the formatter does
        r"\bformat_(decimal|currency|percent|date|datetime)\(",
        r"\bget_month_names\b",
        r"\{[^{}]*:[<>^=]?[+\- ]?#?0?\d*[,_](\.\d+)?[dfgn%]?\}",  # an f-string's digit grouping
        r"format\([^)]*,\s*['\"][^'\"]*[,_](\.\d+)?[dfg]?['\"]\)",  # format(value, ",")
        r"\.replace\(\s*['\"]\.['\"]\s*,\s*['\"],['\"]\s*\)",  # point to comma by hand
        r"def (danish_number|number|as_written|as_in_excel|counted|kroner|hours)\(",
        r"def (long_date|timestamp|month_name|month_label)\(",
        r"def _?(as_|to_)?decimal\(",  # a value to the exact Decimal the formatter computes with
    ],
)
def test_numbers_counts_and_dates_are_written_only_by_the_formatter(pattern):
    assert code_uses({WORDING}, pattern, (PACKAGE, TOOLS)) == []


def test_a_text_is_shortened_by_one_function():
    """Cut, trailing spaces dropped, an ellipsis: ``wording.shortened`` for the
    texts' excerpts, the template lint, the charts' labels and the Excel prompts."""
    by_hand = r"\[:\s*[\w.]+\s*-\s*1\s*\].*\+\s*([\"']…[\"']|ELLIPSIS)"
    assert [line.split(":")[0] for line in code_uses(set(), by_hand)] == [WORDING]


MONTHS = {
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
}  # fmt: skip


def test_month_names_come_from_babel_once():
    assert literal_uses({WORDING}, lambda text: text.casefold().rstrip(".") in MONTHS) == []


def test_the_rate_statuses_are_the_schema_s():
    words = {"Skøn", "Endelig", "Prisniveau"}
    assert literal_uses({"generator/core/schema.py"}, lambda text: text in words) == []
    # the template's source writes them into its Jinja, as a part of a longer string
    pattern = re.compile(rf"\b({'|'.join(words)})\b")
    assert literal_uses(set(), lambda text: pattern.search(text) is not None, (TOOLS,)) == []


def test_the_others_row_is_named_and_grouped_in_one_module():
    owner = {"generator/compute/grouping.py"}
    assert literal_uses(owner, lambda text: text.startswith("Øvrige")) == []
    # a list cut at a row limit by hand, beside the rule's split()
    assert code_uses(owner, r"\[:\s*\w*(ROWS|BARS)\w*\s*-\s*1\s*\]") == []


def test_each_verdict_is_decided_in_compute_verdicts():
    owner = {"generator/compute/verdicts.py"}
    words = {"Delvist opfyldt", "Ikke opfyldt", "Orientering"}
    templates = {name(path) for path in TOOLS.glob("build_*template*.py")}
    assert literal_uses(owner | templates, lambda text: text in words, (PACKAGE, TOOLS)) == []
    # "Opfyldt" alone also heads the appendix's columns; as a verdict it is printed, not made
    assert literal_uses(owner, lambda text: text == "Opfyldt", (PACKAGE / "render",)) == []
    assert code_uses(owner, r"\bPARTLY\b|\bNOT_MET\b") == []


def test_a_goal_is_compared_with_its_target_in_one_function():
    comparisons = r"result\s*[<>]=?\s*\w*\.?target|target\s*[<>]=?\s*\w*\.?result"
    assert code_uses({"generator/core/schema.py"}, comparisons) == []


def test_the_run_and_the_year_s_referrals_are_defined_in_compute():
    assert code_uses({"generator/compute/run.py"}, r"^class RunInfo\b") == []
    assert code_uses({"generator/compute/referrals.py"}, r"^def year_referrals\(") == []
    # the writers after render take nothing from it
    assert code_uses(set(), r"from \.\.render\b", (PACKAGE / "output",)) == []
    # the pipeline takes nothing but the writer from the appendix
    appendix = [
        line
        for line in (PACKAGE / "pipeline.py").read_text(encoding="utf-8").splitlines()
        if "output.appendix import" in line
    ]
    assert appendix == ["    from .output.appendix import write_appendix"]


def test_checks_and_compute_share_one_rule_for_a_date_in_a_year_and_a_date_after_today():
    period = {"generator/reading/period.py"}
    # a referral or meeting of the year, on the rows read as on the typed records
    in_year = r"(date|when|day)\.year\s*==|==\s*[\w.]*(date|when)\.year\b"
    assert code_uses(period, in_year) == []
    after_today = r"[<>]=?\s*today\b|\btoday\s*[<>]"
    stages = (PACKAGE / "reading", PACKAGE / "checks", PACKAGE / "compute")
    assert code_uses(period, after_today, stages) == []
    # the months of a year with a meeting: the warning and the figures count the same
    assert code_uses({"generator/reading/model.py"}, r"(date|when)\.month\s+for\b") == []


def test_render_has_no_paragraph_numbers_nor_recipient_types_of_its_own():
    render = (PACKAGE / "render",)
    assert code_uses(set(), r"paragraph\s*(==|!=|in|not in)\s*\(?\s*[\"']\d", render) == []
    assert code_uses(set(), r"for \w+ in \"\d+\"", render) == []
    assert literal_uses(set(), lambda text: text.startswith("vurdering_"), render) == []
    # "§ 6 a Henvisninger", "§ 7 Økonomi": the numbers are numbering.py's, the words render's
    assert literal_uses(set(), lambda text: re.search(r"§\s*\d", text) is not None, render) == []
    assert literal_uses({"generator/core/schema.py"}, lambda text: text == "Erhvervshus") == []


def test_the_report_year_has_one_rule():
    """``period.choose_report_year`` is the only rule; the error report takes the
    run's choice, never a year of its own from the settings."""
    defined = code_uses(set(), r"^def \w*report_year\w*\(")
    assert [line.split(":")[0] for line in defined] == [
        "generator/pipeline.py",  # error_report_year: the run's choice, by that rule
        "generator/reading/period.py",  # choose_report_year
    ]
    for module in ("cli.py", "output/error_workbook.py"):
        assert code_uses(set(), r"last_year|first_year|price_level", (PACKAGE / module,)) == []
    assert code_uses(set(), r"return checked\.choice\.year$", (PACKAGE / "pipeline.py",))
