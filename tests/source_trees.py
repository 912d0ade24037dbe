"""The program's own source, parsed once per test process, for the tests that read
the code (the architecture, one definition per fact, the library hooks, the glossary,
the one lock, the author's words). The trees are shared: a test reads them and
never changes them."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def modules(folder: Path = ROOT / "generator") -> tuple[Path, ...]:
    """Every Python file under ``folder``, in order."""
    return tuple(sorted(folder.rglob("*.py")))


@functools.cache
def source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@functools.cache
def parsed(text: str) -> ast.Module:
    """The tree of a source text."""
    return ast.parse(text)


def tree(path: Path) -> ast.Module:
    """The tree of the module at ``path``."""
    return parsed(source(path))


@functools.cache
def walked(path: Path) -> tuple[ast.AST, ...]:
    """Every node of the module at ``path``, in ``ast.walk``'s order."""
    return tuple(ast.walk(tree(path)))
