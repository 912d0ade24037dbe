"""The checks only find: they change no value, so their order does not matter.

The one stage that changes values is ``normalise``, between reading and checking:
a list value typed in another case or spacing takes its listed spelling there.
"""

from __future__ import annotations

import copy
import random
import re
from datetime import date
from pathlib import Path

from factory import valid_data, write_inputs

from generator.checks import cell_checks, year_checks
from generator.core.schema import FOCUS, GOALS, LISTS, REFERRALS, SETTINGS_SHEET
from generator.pipeline import check
from generator.reading import Inputs, read_inputs
from generator.reading.model import contract_of
from generator.reading.normalise import normalise

TODAY = date(2026, 11, 27)
YEAR = 2023
CHECKS = Path(__file__).resolve().parent.parent / "generator" / "checks"
ASSIGNS_A_VALUE = re.compile(r"\.values\[[^\]]+\]\s*=(?!=)|\.values\.(update|pop|setdefault)\(")


def broken_folder(tmp_path: Path) -> Path:
    """Valid data with a problem for most checks, and one list value in odd case."""
    data = valid_data()
    referrals = data[REFERRALS.name]
    referrals[1]["recipient"] = "Xyz Qwerty"  # row 3: on no list
    referrals[2]["topic"] = "  " + referrals[2]["topic"].upper() + " "  # row 4: listed, odd case
    referrals[3]["date"] = date(2099, 1, 1)  # row 5: in the future
    referrals.append(dict(referrals[0]))  # the last row: row 2 again
    data[LISTS.name][0]["recipient_type"] = None  # row 2 of the lists: no type
    data[GOALS.name][0]["result"] = None  # row 2: the report year's goal without a result
    data[FOCUS.name][1]["point"] = "Noget helt andet"  # row 3: no contract point
    data[SETTINGS_SHEET.name]["rounding"] = 0
    return write_inputs(tmp_path / "input", data)


def read_and_normalise(folder: Path) -> Inputs:
    inputs, _ = read_inputs(folder)
    return normalise(inputs)


def runs(inputs: Inputs) -> list:
    settings = contract_of(inputs.table(SETTINGS_SHEET.name)).settings
    return cell_checks(inputs, settings, TODAY) + year_checks(inputs, settings, YEAR)


def found(checks: list) -> list[tuple]:
    problems = [problem for run in checks for problem in run()]
    return sorted((p.file, p.sheet, p.cell or "", str(p.level), p.code) for p in problems)


def rows_of(inputs: Inputs) -> dict[str, list]:
    return {name: copy.deepcopy(table.rows) for name, table in inputs.tables.items()}


def test_the_checks_change_no_value(tmp_path: Path):
    """Every check runs on the same rows, and the rows are as before afterwards."""
    inputs = read_and_normalise(broken_folder(tmp_path))
    before = rows_of(inputs)
    found(runs(inputs))
    assert rows_of(inputs) == before


def test_no_check_module_writes_into_a_row():
    """Putting a value right (or blanking a bad one) belongs in ``normalise``."""
    writes = [
        f"{path.name}:{number}"
        for path in sorted(CHECKS.glob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ASSIGNS_A_VALUE.search(line)
    ]
    assert writes == []


def test_the_checks_find_the_same_problems_in_any_order(tmp_path: Path):
    """Forwards, backwards and shuffled, the checks report the same problems."""
    inputs = read_and_normalise(broken_folder(tmp_path))
    forwards = found(runs(inputs))
    codes = {code for *_, code in forwards}
    assert {
        "ukendt-vaerdi",
        "fremtidig-dato",
        "mulig-dublet",
        "type-mangler",
        "resultat-mangler",
        "ugyldig-afrunding",
    } <= codes
    assert found(list(reversed(runs(inputs)))) == forwards
    for seed in (1, 2, 3):
        shuffled = runs(inputs)
        random.Random(seed).shuffle(shuffled)
        assert found(shuffled) == forwards


def test_normalising_gives_a_listed_value_its_listed_spelling_and_leaves_the_rest(
    tmp_path: Path,
):
    """' SMV:DIGITAL ' becomes the list's spelling; a value on no list stays as typed."""
    data = valid_data()
    listed_topic = data[REFERRALS.name][2]["topic"]
    inputs = read_and_normalise(broken_folder(tmp_path))
    rows = {row.number: row.values for row in inputs.table(REFERRALS.name).rows}
    assert rows[4]["topic"] == listed_topic
    assert rows[3]["recipient"] == "Xyz Qwerty"
    assert [row.values["point"] for row in inputs.table(FOCUS.name).rows][1] == "Noget helt andet"


def test_normalising_hands_on_new_inputs_and_leaves_the_ones_read_as_typed(tmp_path: Path):
    listed_topic = valid_data()[REFERRALS.name][2]["topic"]
    read, _ = read_inputs(broken_folder(tmp_path))
    normalised = normalise(read)
    assert normalised.table(REFERRALS.name).rows[2].values["topic"] == listed_topic  # row 4
    assert read.table(REFERRALS.name).rows[2].values["topic"] == listed_topic.upper()
    # a table without a value to put right is handed on as it was read
    assert normalised.table(GOALS.name) is read.table(GOALS.name)


def test_a_value_in_another_case_is_no_problem(tmp_path: Path):
    """Case and spacing of a list value do not matter: the dropdown gives the same."""
    data = valid_data()
    referrals = data[REFERRALS.name]
    referrals[0]["recipient"] = " " + referrals[0]["recipient"].lower() + "  "
    folder = write_inputs(tmp_path / "input", data)
    assert check(folder, today=TODAY).problems == ()


def test_the_default_report_year_is_never_one_only_future_dates_reach(tmp_path: Path):
    """On 31 December 2022, the log's 2023 dates are typing errors and 2022 is not over:
    the year is 2021, the last whole year."""
    checked = check(write_inputs(tmp_path / "input"), today=date(2022, 12, 31))
    assert checked.choice.year == 2021
    assert "fremtidig-dato" in {problem.code for problem in checked.problems}
