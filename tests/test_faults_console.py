"""Thousands of problems of one kind: a few lines each on the console, all of them in the files."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from factory import valid_data, write_inputs
from faults import ENGLISH, run_cli

from generator.cli import main, print_problems
from generator.core.problems import Code, error, warning

DUPLICATES = 30
REPO = Path(__file__).resolve().parent.parent


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


# --- any console, any home ----------------------------------------------------------------

RUN = "from generator.cli import run; run()"


def program(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    """The program as the launcher runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO), **env},
        timeout=300,  # a guard only
        **kwargs,
    )


@pytest.mark.parametrize(
    "console",
    [
        {"PYTHONIOENCODING": "cp850"},  # a Danish Windows console, output redirected
        {"PYTHONIOENCODING": "ascii"},
        {"PYTHONIOENCODING": "latin-1"},
        {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    ],
    ids=["cp850", "ascii", "latin-1", "posix-locale"],
)
@pytest.mark.slow  # the program in a process of its own, with the console's encoding
def test_a_console_that_cannot_show_every_character_gets_replacements(inputs, tmp_path, console):
    """ "Kan ikke fortsætte", "–" and "…" in a console that has no such characters: each
    is replaced, the run goes on, and nothing is an "uventet fejl"."""
    done = program(["tjek", "--input", str(inputs), "--output", str(tmp_path / "out")], console)
    shown = (done.stdout + done.stderr).decode("latin-1")
    assert done.returncode == 0, shown
    assert "uventet fejl" not in shown
    assert "Traceback" not in shown
    assert "Data for 2023 er klar til rapporten." in shown
    assert not (tmp_path / "out" / "aarsrapport-fejllog.txt").exists()


@pytest.mark.slow
def test_a_user_without_a_home_makes_the_report_silently(inputs, tmp_path):
    """No HOME and no entry in the password file (a service account, a container): no
    traceback, and matplotlib says nothing about its cache."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as a user without a passwd entry")
    shared = Path(tempfile.mkdtemp(prefix="uden-hjem-", dir="/tmp"))  # not under pytest's 0700
    try:
        shared.chmod(0o777)
        shutil.copytree(inputs, shared / "input")
        for path in (shared / "input", *(shared / "input").iterdir()):
            path.chmod(0o777)
        uid = "54321"  # no such user on this machine
        user = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
        done = subprocess.run(
            [*user, sys.executable, "-c", RUN, "lav", "--input", "input", "--output", "out"],
            capture_output=True,
            env={"PATH": os.environ["PATH"], "PYTHONPATH": str(REPO)},
            timeout=300,  # a guard only
            cwd=shared,
        )
        text = (done.stdout + done.stderr).decode()
        assert (shared / "out" / "Afrapportering_2023.docx").is_file(), text
    finally:
        shutil.rmtree(shared, ignore_errors=True)
    assert done.returncode == 0, text
    assert "Traceback" not in text
    assert not ENGLISH.search(re.sub(r"/\S+", "", text)), text


@pytest.mark.slow
def test_a_home_that_cannot_be_written_gets_no_cache_and_no_warning(inputs, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home)}
    if os.geteuid() == 0:  # root writes anywhere: a home that is a file cannot be written
        home.rmdir()
        home.write_text("")
    else:
        home.chmod(0o500)
    done = program(["lav", "--input", str(inputs), "--output", str(tmp_path / "out")], env)
    text = (done.stdout + done.stderr).decode()
    assert done.returncode == 0, text
    assert "Matplotlib" not in text and "matplotlib" not in text
    assert not ENGLISH.search(re.sub(r"/\S+", "", text)), text
    if home.is_dir():
        assert list(home.iterdir()) == []
