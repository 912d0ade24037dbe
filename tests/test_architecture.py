"""``docs/architecture.md`` is the one description of the architecture, and it matches the code.

Its *Modules* list names every module under ``generator/`` once, by package in the
order data flows; no module imports from a stage later in that order; ``core``
imports nothing else of the program and the bootstrap nothing of it. Every module
path and every dotted name of the program that the architecture and the glossary
give exists.
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

from source_trees import walked

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
GLOSSARY = ROOT / "docs" / "glossary.md"
# The stages in the order data flows, then what drives them. The package's own
# ``__init__.py`` (its version) counts as core; the bootstrap stands apart, last.
ORDER = (
    "core",
    "reading",
    "checks",
    "compute",
    "render",
    "output",
    "start",
    "upgrade",
    "pipeline",
    "docs",
    "cli",
    "__main__",
)
APART = "bootstrap"
ROW = re.compile(r"^\| `(generator/[^`]+\.py)` \|", re.M)
CODE = re.compile(r"`([^`\s]+)`")


def modules_section() -> str:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start = text.index("\n## Modules\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def listed() -> list[str]:
    return ROW.findall(modules_section())


def tree(root: Path = ROOT) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in (root / "generator").rglob("*.py"))


def stage(path: str) -> str:
    """``generator/core/schema.py`` → ``core``; ``generator/cli.py`` → ``cli``."""
    parts = Path(path).relative_to("generator").parts
    if parts == ("__init__.py",):
        return "core"
    return parts[0] if len(parts) > 1 else Path(parts[0]).stem


def target_stage(dotted: str) -> str:
    """The stage of an imported ``generator.…`` name (a name of the package itself: core)."""
    parts = dotted.split(".")
    assert parts[0] == "generator", dotted
    if len(parts) > 1 and parts[1] in (*ORDER, APART):
        return parts[1]
    return "core"  # ``from . import __version__``


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """What of the package ``path`` imports, anywhere in it, as ``generator.…`` names."""
    relative = path.relative_to(root).with_suffix("").parts
    package = list(relative if relative[-1] == "__init__" else relative[:-1])
    if package[-1:] == ["__init__"]:
        package = package[:-1]
    found = set()
    for node in walked(path):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "generator":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "generator")
    return found


# --- the list against the tree ------------------------------------------------------


def test_every_module_is_listed_once_and_every_listed_module_exists():
    rows = listed()
    twice = sorted({row for row in rows if rows.count(row) > 1})
    unlisted = sorted(set(tree()) - set(rows))
    missing = sorted(set(rows) - set(tree()))
    assert (twice, unlisted, missing) == ([], [], [])


def test_the_list_follows_the_data_flow_with_the_bootstrap_apart_and_last():
    stages = [stage(row) for row in listed()]
    assert stages[-1] == APART
    assert APART not in stages[:-1]
    ranks = [ORDER.index(each) for each in stages[:-1]]
    out_of_order = [listed()[i + 1] for i, (a, b) in enumerate(pairwise(ranks)) if b < a]
    assert out_of_order == []


# --- the imports against the order ------------------------------------------------


def backwards(root: Path = ROOT) -> list[str]:
    """Every import of a module from a stage later than its own."""
    found = []
    for name in tree(root):
        if stage(name) == APART:
            continue
        mine = ORDER.index(stage(name))
        for target in sorted(imported(root / name, root)):
            if ORDER.index(target_stage(target)) > mine:
                found.append(f"{name} imports {target}")
    return found


def test_no_module_imports_from_a_later_stage():
    assert backwards() == []


def test_an_arrow_back_up_is_seen_even_inside_a_function(tmp_path):
    module = tmp_path / "generator" / "reading" / "example.py"
    module.parent.mkdir(parents=True)
    module.write_text("def f():\n    from ..output.folder import publish\n", encoding="utf-8")
    (tmp_path / "generator" / "core").mkdir()
    (tmp_path / "generator" / "core" / "fine.py").write_text("from . import schema\n")
    assert backwards(tmp_path) == ["generator/reading/example.py imports generator.output.folder"]


def test_core_imports_nothing_else_of_the_program():
    outside = [
        f"{name} imports {target}"
        for name in tree()
        if stage(name) == "core"
        for target in sorted(imported(ROOT / name))
        if target_stage(target) != "core"
    ]
    assert outside == []


def test_the_bootstrap_imports_nothing_of_the_package():
    assert imported(GENERATOR / "bootstrap.py") == set()


# --- what the architecture and the glossary name --------------------------------------


def defined_names(path: Path) -> dict[str, set[str]]:
    """The top-level names of a module, each with the names its class body defines."""
    names: dict[str, set[str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            inner = node.body if isinstance(node, ast.ClassDef) else []
            names[node.name] = {
                item.name if isinstance(item, ast.FunctionDef) else item.target.id
                for item in inner
                if isinstance(item, ast.FunctionDef)
                or (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name))
            }
        elif isinstance(node, ast.Assign):
            names.update({t.id: set() for t in node.targets if isinstance(t, ast.Name)})
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = set()
        elif isinstance(node, ast.ImportFrom | ast.Import):
            names.update({(a.asname or a.name).split(".")[0]: set() for a in node.names})
    return names


def module_file(parts: list[str]) -> Path | None:
    for candidate in (GENERATOR.joinpath(*parts).with_suffix(".py"), GENERATOR.joinpath(*parts)):
        if candidate.suffix == ".py" and candidate.is_file():
            return candidate
        if (candidate / "__init__.py").is_file():
            return candidate / "__init__.py"
    return None


def unknown(dotted: str) -> bool:
    """``output.folder.run_folder``, ``checks.cell_checks``: True when no module defines it."""
    parts = dotted.removesuffix("()").split(".")
    for cut in range(len(parts) - 1, 0, -1):
        path = module_file(parts[:cut])
        if path is None:
            continue
        rest = parts[cut:]
        names = defined_names(path)
        if len(rest) == 1:
            return rest[0] not in names
        return len(rest) != 2 or rest[0] not in names or rest[1] not in names[rest[0]]
    return True


def test_every_module_path_and_dotted_name_in_the_docs_exists():
    wrong = []
    for doc in (ARCHITECTURE, GLOSSARY):
        for token in CODE.findall(doc.read_text(encoding="utf-8")):
            if token.endswith(".py"):
                if not ((ROOT / token).is_file() or (GENERATOR / token).is_file()):
                    wrong.append(f"{doc.name}: {token}")
            elif (
                re.fullmatch(r"[a-z_]+(\.[A-Za-z_]+)+(\(\))?", token)
                and token.split(".")[0] in (*ORDER, APART)
                and unknown(token)
            ):
                wrong.append(f"{doc.name}: {token}")
    assert wrong == []


def test_the_readme_points_to_the_architecture_and_describes_no_modules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/architecture.md" in readme
    named = {path for path in re.findall(r"generator[/\\][\w/\\]+\.py", readme)}
    assert named <= {"generator/bootstrap.py", "generator\\bootstrap.py"}  # how to start it
