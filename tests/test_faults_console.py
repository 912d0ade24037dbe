"""Thousands of problems of one kind: a few lines each on the console, all of them in the files."""

from __future__ import annotations

import json

from factory import valid_data, write_inputs
from faults import run_cli

from generator.cli import main, print_problems
from generator.problems import Code, error, warning

DUPLICATES = 30


def test_the_console_shows_five_of_a_code_and_counts_the_rest(capsys):
    problems = [
        warning("henvisninger.xlsx", "Henvisninger", f"B{n}", Code.LIKELY_DUPLICATE, f"Dublet {n}")
        for n in range(2, 14)
    ] + [error("kontrakt.xlsx", "Kontrakt", "B3", Code.EMPTY_CELL, "Tom")]
    print_problems(problems, "se dem alle i filen")
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if "Dublet" in line] == [
        f"  ADVARSEL B{n}: Dublet {n}" for n in range(2, 7)
    ]
    assert "  … og 7 flere af samme slags – se dem alle i filen" in lines
    assert "  FEJL     B3: Tom" in lines


def test_tjek_json_keeps_every_problem_the_console_leaves_out(tmp_path, capsys):
    data = valid_data()
    data["Henvisninger"] += [dict(data["Henvisninger"][0]) for _ in range(DUPLICATES)]
    inputs = write_inputs(tmp_path / "input", data)
    out = ["--input", str(inputs), "--output", str(tmp_path / "out")]
    code, text = run_cli(["tjek", *out], capsys)
    assert code == 0
    assert text.count("Rækken ligner række 2") == 5
    assert f"… og {DUPLICATES - 5} flere af samme slags" in text
    code = main(["tjek", "--json", *out])
    captured = capsys.readouterr()
    listed = json.loads(captured.out)  # standard output is the JSON document alone
    assert captured.err.startswith("Tjekker data for 2023 – ")
    assert sum(p["kode"] == "mulig-dublet" for p in listed) == DUPLICATES
