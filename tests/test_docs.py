"""The README stays true: its commands, its workbook tables and CI agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import build_parser
from generator.docs import updated_readme

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    block = README.split("**De to kommandoer**", 1)[1].split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip()]


def test_the_readme_gives_exactly_two_commands_run_and_test():
    run, test = readme_commands()
    assert run == "python3 generator/bootstrap.py lav"
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci.splitlines()


def test_the_workbook_tables_in_the_readme_match_the_schema():
    """Run 'python -m generator.docs' when this fails."""
    assert updated_readme(README) == README


def test_every_command_and_option_is_documented():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert f"aarsrapport {name}" in README
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert re.search(rf"{option}\b", README), (name, option)


def test_the_package_version_is_the_project_version():
    import tomllib

    from generator import __version__

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def source_outside_the_catalogue() -> str:
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in (REPO / "generator").rglob("*.py")
        if path.name != "problems.py"
    )


def test_every_problem_code_is_catalogued_and_every_catalogued_code_is_used():
    """Codes are a contract (tjek --json): each is listed once, with its level and meaning."""
    from generator.problems import CODES

    source = source_outside_the_catalogue()
    shaped = set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', source))
    assert shaped - set(CODES) == set(), "add these codes to problems.CODES"
    assert [code for code in CODES if f'"{code}"' not in source] == [], "never emitted"


def test_the_readme_lists_every_problem_code():
    from generator.problems import CODES

    for code in CODES:
        assert f"`{code}`" in README, code
