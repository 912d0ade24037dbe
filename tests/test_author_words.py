"""No message names a command the author cannot run.

The author starts everything by double-clicking the launcher and choosing a line
of its menu; there is no ``aarsrapport`` command on a Windows author's PC, and no
option to type. Messages name the menu's line through ``actions.how_to``. This
test reads every string of the program (docstrings aside) and fails on one that
names ``aarsrapport`` or one of the options in a sentence.

Allowed: the command line's own definitions (argparse's help is the reference
for IT and developers), the launcher's ``--help`` text, and an option spelt
alone (an argument the launcher passes, never a sentence shown).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from source_trees import tree, walked

from generator.core.actions import Action, how_to

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
OPTIONS = ("aar", "input", "output", "periode", "fra", "pdf", "json", "skabelon")
NAMES_A_COMMAND = re.compile(r"aarsrapport|--(?:" + "|".join(OPTIONS) + r")\b")
AN_ARGUMENT = re.compile(r"--[a-z]+=?")
# Calls whose strings are the command line's definitions, not messages.
DEFINITIONS = {"add_argument", "add_parser", "DanishParser", "add_subparsers"}
# (file, the function or name a string belongs to) that may name them.
ALLOWED_OWNERS = {
    ("bootstrap.py", "help_text"),  # the launcher's --help: the command-line reference
    ("cli.py", "build_parser"),  # the program name in argparse's usage line
    ("docs.py", "CODES_INTRO"),  # docs/workbooks.md, the reference for IT
}


def docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def owners(tree: ast.AST) -> dict[int, tuple[str, bool]]:
    """Each node's owner (enclosing function, or the module-level name assigned) and
    whether it sits inside a command-line definition call."""
    result: dict[int, tuple[str, bool]] = {}

    def visit(node: ast.AST, owner: str, in_definition: bool) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            owner = node.name
        elif isinstance(node, ast.Assign) and owner == "<module>":
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            owner = targets[0] if targets else owner
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            in_definition = in_definition or name in DEFINITIONS
        result[id(node)] = (owner, in_definition)
        for child in ast.iter_child_nodes(node):
            visit(child, owner, in_definition)

    visit(tree, "<module>", False)
    return result


def offending_strings(path: Path) -> list[str]:
    skip = docstrings(tree(path))
    owner_of = owners(tree(path))
    found = []
    for node in walked(path):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        if id(node) in skip or AN_ARGUMENT.fullmatch(node.value):
            continue
        owner, in_definition = owner_of[id(node)]
        if in_definition or (path.name, owner) in ALLOWED_OWNERS:
            continue
        if NAMES_A_COMMAND.search(node.value):
            found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} ({owner}): {node.value!r}")
    return found


def test_no_message_names_aarsrapport_or_an_option_to_type():
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in offending_strings(path)]
    assert found == [], "name the menu's line with actions.how_to instead:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        "message = f\"Kør 'aarsrapport tjek --input {folder}'.\"",
        'def f():\n    return "Angiv en anden mappe med --output."',
        'raise CannotContinue(f"{year}: brug --aar")',
    ],
)
def test_the_check_finds_a_command_in_a_message(tmp_path, source, monkeypatch):
    """The check itself can fail: a message naming a command or option is found."""
    module = tmp_path / "generator" / "x.py"
    module.parent.mkdir()
    module.write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", module.parent)
    assert len(offending_strings(module)) == 1


def test_an_argument_and_a_definition_are_not_messages(tmp_path, monkeypatch):
    module = tmp_path / "generator" / "x.py"
    module.parent.mkdir()
    module.write_text(
        'ARGS = ["lav", "--aar", "2023"]\n'
        'parser.add_argument("--aar", help="rapportåret (standard: --aar)")\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", module.parent)
    assert offending_strings(module) == []


def test_how_to_names_the_menus_line_and_the_file_the_author_double_clicks():
    assert how_to(Action.CHECK, windows=True) == (
        "vælg »Tjek data« i menuen, når du dobbeltklikker på Lav_afrapportering.bat"
    )
    assert how_to(Action.NEW_PERIOD, windows=False).endswith("lav_afrapportering.sh")
