"""The docs stay true: the README's commands, the workbook tables, the command-line
reference and CI agree with the code."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import build_parser
from generator.docs import WORKBOOK_DOC, workbook_doc

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMAND_LINE = (REPO / "docs" / "command-line.md").read_text(encoding="utf-8")


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


def test_the_workbook_tables_match_the_schema():
    """Run 'python -m generator.docs' when this fails."""
    assert WORKBOOK_DOC.read_text(encoding="utf-8") == workbook_doc()


def test_the_readme_points_to_every_document_in_docs():
    for path in sorted((REPO / "docs").glob("*.md")):
        assert f"docs/{path.name}" in README, path.name


def test_every_command_and_option_is_documented():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert f"aarsrapport {name}" in COMMAND_LINE
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert re.search(rf"{option}\b", COMMAND_LINE), (name, option)


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


def test_no_problem_code_is_spelled_as_a_string_outside_the_catalogue():
    """Codes are a contract (tjek --json): the code names catalogue members, never strings."""
    from generator.core.problems import Code

    source = source_outside_the_catalogue()
    spelled = [code.value for code in Code if f'"{code.value}"' in source]
    assert spelled == [], "use the Code member instead of the string"


def test_every_catalogued_code_is_used():
    from generator.core.problems import Code

    source = source_outside_the_catalogue()
    assert [code.name for code in Code if f"Code.{code.name}" not in source] == []


def test_the_workbook_doc_lists_every_problem_code():
    from generator.core.problems import Code

    listed = WORKBOOK_DOC.read_text(encoding="utf-8")
    for code in Code:
        assert f"`{code}`" in listed, code
