"""The glossary names only what the code has: a class, or a class's field."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from source_trees import walked

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = REPO / "docs" / "glossary.md"
# `Name` or `Name.field` in the glossary's last column, where code stands in backticks
# and the workbooks' Danish words in »quotes«.
IDENTIFIER = re.compile(r"`([A-Z][A-Za-z]+)(?:\.([a-z_]+))?`")


def defined() -> dict[str, set[str]]:
    """Every class in generator/ with the names assigned or annotated in its body."""
    classes: dict[str, set[str]] = {}
    for path in (REPO / "generator").rglob("*.py"):
        for node in walked(path):
            if isinstance(node, ast.ClassDef):
                names = classes.setdefault(node.name, set())
                for item in node.body:
                    if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        names.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
                    elif isinstance(item, ast.FunctionDef):
                        names.add(item.name)
    return classes


def test_every_class_and_field_the_glossary_names_exists():
    classes = defined()
    missing = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        in_code = line.rstrip("|").rsplit("|", 1)[-1]
        for name, field in IDENTIFIER.findall(in_code):
            if name not in classes:
                missing.append(name)
            elif field and field not in classes[name]:
                missing.append(f"{name}.{field}")
    assert missing == []
