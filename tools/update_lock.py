"""Regenerate the lock files from pyproject.toml (run after changing a dependency).

    python -m pip install uv && python tools/update_lock.py

Writes two files, one universal resolution each (Windows and Linux, CPython 3.11
and newer), with every version pinned and every file's sha256 hash:

* ``requirements.lock`` — what the program runs with: the dependencies, plus
  the build backend (setuptools), so that the project itself is installed
  without build isolation and nothing is fetched unpinned. The launchers'
  bootstrap and the offline release install exactly this.
* ``requirements-test.lock`` — the same pins plus the ``test`` extra, for CI
  and the README's test command.

One version per package for all Python versions (``--fork-strategy fewest``):
the version CI tested is the version every author gets. The ``bench`` extra
is a developer's benchmark tool and is deliberately not locked.
``tests/test_lock.py`` fails when pyproject.toml and the locks disagree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
OLDEST_PYTHON = "3.11"


def uv_command() -> list[str]:
    found = shutil.which("uv")
    if found:
        return [found]
    return [sys.executable, "-m", "uv"]


def compile_lock(output: Path, extras: list[str], constraints: Path | None) -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    build_requires = "\n".join(pyproject["build-system"]["requires"]) + "\n"
    command = [
        *uv_command(),
        *("pip", "compile", "pyproject.toml", "-"),
        *(f"--extra={extra}" for extra in extras),
        *("--universal", "--fork-strategy", "fewest", "--generate-hashes"),
        *("--python-version", OLDEST_PYTHON),
        *("--custom-compile-command", "python tools/update_lock.py"),
        *("--quiet", "--output-file", str(output.relative_to(ROOT))),
    ]
    if constraints is not None:
        command += ["--constraint", str(constraints.relative_to(ROOT))]
    # The build backend comes in on standard input: it has no place in pyproject's
    # dependency lists, but the lock must pin and hash it too.
    subprocess.run(command, input=build_requires, text=True, cwd=ROOT, check=True)


def main() -> int:
    compile_lock(RUNTIME_LOCK, [], None)
    # The test lock is constrained by the runtime lock, so both pin the same versions.
    compile_lock(TEST_LOCK, ["test"], RUNTIME_LOCK)
    print(f"Wrote {RUNTIME_LOCK.name} and {TEST_LOCK.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
