"""The command line: Danish to the author, exit codes as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main


@pytest.mark.parametrize(
    ("argv", "danish"),
    [
        ([], "angiv en kommando: lav, tjek, ny eller status"),
        (["lav", "--aar", "abc"], "--aar: 'abc' er ikke et helt tal"),
        (["lave"], "'lave' er ikke en kommando. Mente du »lav«? Brug lav, tjek, ny eller status"),
        (["tjekk"], "'tjekk' er ikke en kommando. Mente du »tjek«?"),
        (["tjek", "--bar"], "ukendte argumenter: --bar"),
    ],
)
def test_bad_arguments_cannot_start_and_are_explained_in_danish(argv, danish, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert danish in err and err.startswith("Brug: aarsrapport")


def test_a_word_like_no_command_gets_no_guess(capsys):
    with pytest.raises(SystemExit):
        main(["rapport"])
    err = capsys.readouterr().err
    assert "'rapport' er ikke en kommando. Brug lav, tjek, ny eller status" in err
    assert "Mente du" not in err


def test_under_the_launcher_the_usage_names_the_launcher(capsys, monkeypatch):
    monkeypatch.setenv("AFRAPPORTERING_LAUNCHER", "1")
    with pytest.raises(SystemExit):
        main(["lave"])
    assert capsys.readouterr().err.startswith("Brug: lav_afrapportering.sh [-h]")


def test_the_help_lists_every_command_in_danish(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    lines = [line.split(maxsplit=1) for line in out.splitlines()]
    for expected in (
        ["lav", "tjek data og skriv Word-rapporten"],
        ["tjek", "tjek data uden at skrive rapporten"],
        ["ny", "lav tomme projektmapper at udfylde"],
    ):
        assert expected in lines


def test_help_is_danish(capsys):
    with pytest.raises(SystemExit):
        main(["lav", "--help"])
    out = capsys.readouterr().out
    assert "tilvalg:" in out and "vis denne hjælp" in out and "usage" not in out


def test_tjek_exits_0_on_good_data_and_prints_pure_json(inputs: Path, tmp_path: Path, capsys):
    assert main(["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path)]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_missing_input_folder_cannot_start(tmp_path: Path, capsys):
    assert main(["tjek", "--input", str(tmp_path / "ingen"), "--output", str(tmp_path)]) == 2
    assert "Inputmappen" in capsys.readouterr().err


def test_a_year_outside_the_contract_cannot_start(inputs: Path, tmp_path: Path, capsys):
    assert main(["lav", "--aar", "2030", "--input", str(inputs), "--output", str(tmp_path)]) == 2
    assert "uden for kontraktperioden 2020–2023" in capsys.readouterr().err


def test_one_warning_is_counted_in_the_singular(inputs: Path, tmp_path: Path, capsys):
    """One warning prints "1 advarsel", in the progress line and in the closing count."""
    from factory import edit_cell

    edit_cell(inputs, "kontrakt.xlsx", "Prisindeks", "D4", "Skøn")  # the 2023 rate: an estimate
    assert main(["tjek", "--input", str(inputs), "--output", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "0 fejl og 1 advarsel." in out
    assert "0 fejl, 1 advarsel\n" in out
    assert "advarsler" not in out


def test_two_warnings_are_counted_in_the_plural(inputs: Path, tmp_path: Path, capsys):
    from factory import edit_cell

    edit_cell(inputs, "kontrakt.xlsx", "Prisindeks", "D4", "Skøn")
    edit_cell(inputs, "kontrakt.xlsx", "Prisindeks", "B3", 0.029)  # a rate typed as a fraction
    assert main(["tjek", "--input", str(inputs), "--output", str(tmp_path)]) == 0
    assert "0 fejl og 2 advarsler." in capsys.readouterr().out
