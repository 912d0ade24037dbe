"""The double-click launchers and their bootstrap (DESIGN §8).

The bootstrap is loaded from its file, the way the launchers run it, so these
tests do not depend on the rest of the ``generator`` package.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = ROOT / "generator" / "bootstrap.py"
BAT = ROOT / "Lav_afrapportering.bat"
SH = ROOT / "lav_afrapportering.sh"
VERSION_CHECK = '-c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)"'

PYPROJECT = """\
[project]
name = "afrapportering"
version = "1.0.0"
"""


def load_bootstrap():
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", BOOTSTRAP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bootstrap = load_bootstrap()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return tmp_path


class FakeSubprocess:
    """Stands in for ``subprocess.run``: records commands, fakes pip and the program."""

    def __init__(self, pip_code: int = 0, report_code: int = 0) -> None:
        self.calls: list[list[str]] = []
        self.pip_code = pip_code
        self.report_code = report_code

    def __call__(self, cmd, **kwargs):
        self.calls.append([str(part) for part in cmd])
        code = 0
        if "pip" in cmd:
            code = self.pip_code
            if code == 0:
                python = Path(cmd[0])
                _, script = bootstrap.venv_paths(python.parent.parent)
                script.write_text("", encoding="utf-8")
        elif Path(cmd[0]).stem == "aarsrapport":
            code = self.report_code
        return subprocess.CompletedProcess(cmd, code)

    def installs(self) -> list[list[str]]:
        return [call for call in self.calls if "pip" in call]

    def reports(self) -> list[list[str]]:
        return [call for call in self.calls if Path(call[0]).stem == "aarsrapport"]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeSubprocess:
    """No venv is really made and nothing is installed."""
    runner = FakeSubprocess()
    created: list[Path] = []

    def create_venv(venv_dir: Path) -> None:
        created.append(venv_dir)
        python, _ = bootstrap.venv_paths(venv_dir)
        python.parent.mkdir(parents=True, exist_ok=True)
        python.write_text("", encoding="utf-8")

    monkeypatch.setattr(bootstrap.subprocess, "run", runner)
    monkeypatch.setattr(bootstrap, "create_venv", create_venv)
    runner.created = created
    return runner


# --- Python version -------------------------------------------------------


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 12, 4, "final", 0), (4, 0)])
def test_new_enough_python_is_accepted(version):
    """It accepts Python 3.11 and newer."""
    assert bootstrap.python_ok(version)


@pytest.mark.parametrize("version", [(3, 10, 12), (3, 8, 0), (2, 7, 18)])
def test_old_python_is_refused(version):
    """It refuses Python older than 3.11."""
    assert not bootstrap.python_ok(version)


def test_old_python_gets_danish_instructions(monkeypatch, capsys, repo, fake):
    """On an old Python it says, in Danish, where to get a new one, and exits 2."""
    monkeypatch.setattr(bootstrap.sys, "version_info", (3, 9, 7, "final", 0))
    assert bootstrap.main([], repo) == 2
    out = capsys.readouterr().out
    assert "Python 3.9.7" in out
    assert "python.org/downloads" in out
    assert fake.calls == []


def test_bootstrap_parses_on_old_python():
    """Its syntax is old enough that an old Python 3 reaches the version check."""
    ast.parse(BOOTSTRAP.read_text(encoding="utf-8"), feature_version=(3, 7))


def test_bootstrap_uses_only_the_standard_library():
    """It imports only the standard library: it runs before the venv exists."""
    tree = ast.parse(BOOTSTRAP.read_text(encoding="utf-8"))
    names = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    names |= {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    top_level = {name.split(".")[0] for name in names}
    assert top_level <= set(sys.stdlib_module_names) | {"__future__"}


# --- Paths ----------------------------------------------------------------


def test_windows_venv_paths():
    """On Windows it uses .venv\\Scripts\\python.exe and aarsrapport.exe."""
    python, script = bootstrap.venv_paths(Path(".venv"), windows=True)
    assert python.parts == (".venv", "Scripts", "python.exe")
    assert script.parts == (".venv", "Scripts", "aarsrapport.exe")


def test_posix_venv_paths():
    """On Linux and macOS it uses .venv/bin/python and .venv/bin/aarsrapport."""
    python, script = bootstrap.venv_paths(Path(".venv"), windows=False)
    assert python.parts == (".venv", "bin", "python")
    assert script.parts == (".venv", "bin", "aarsrapport")


def test_repo_is_the_parent_of_the_generator_folder():
    """It finds the program's folder from its own file, not the current directory."""
    assert bootstrap.REPO == ROOT


# --- Fingerprint and plan -------------------------------------------------


def test_fingerprint_records_pyproject_version_and_folder(repo):
    """The fingerprint holds the pyproject.toml hash, the version and the folder."""
    entries = bootstrap.fingerprint(repo)
    assert len(entries["pyproject-sha256"]) == 64
    assert entries["version"] == "1.0.0"
    assert entries["mappe"] == str(repo.resolve())


def test_marker_round_trips(repo):
    """What it writes in the marker file it reads back unchanged."""
    entries = bootstrap.fingerprint(repo)
    assert bootstrap.parse_marker(bootstrap.format_marker(entries)) == entries


def test_first_use_creates_venv_and_installs(repo):
    """Without a venv it plans to create one and install, with a 'first time' line."""
    todo = bootstrap.plan(False, False, None, bootstrap.fingerprint(repo))
    assert todo.create_venv and todo.install
    assert todo.message.startswith("Første gang")


def test_unchanged_fingerprint_needs_no_install(repo):
    """It does not reinstall when nothing changed."""
    current = bootstrap.fingerprint(repo)
    assert not bootstrap.needs_install(dict(current), current)
    assert bootstrap.plan(True, True, dict(current), current) == (False, False, None)


def test_changed_pyproject_needs_reinstall(repo):
    """It reinstalls when pyproject.toml changed."""
    before = bootstrap.fingerprint(repo)
    (repo / "pyproject.toml").write_text(PYPROJECT + 'description = "ny"\n', encoding="utf-8")
    after = bootstrap.fingerprint(repo)
    assert bootstrap.needs_install(before, after)
    todo = bootstrap.plan(True, True, before, after)
    assert not todo.create_venv
    assert "opdateret" in todo.message


def test_missing_marker_needs_install(repo):
    """It finishes an interrupted install (venv there, no marker)."""
    todo = bootstrap.plan(True, True, None, bootstrap.fingerprint(repo))
    assert todo.install and not todo.create_venv


def test_moved_folder_gets_a_fresh_venv(repo):
    """It makes a new venv when the folder was moved (a venv holds absolute paths)."""
    current = bootstrap.fingerprint(repo)
    recorded = {**current, "mappe": "/et/andet/sted"}
    todo = bootstrap.plan(True, True, recorded, current)
    assert todo.create_venv and todo.install


def test_broken_venv_is_recreated(repo):
    """It makes a new venv when the venv's Python no longer starts."""
    todo = bootstrap.plan(True, False, bootstrap.fingerprint(repo), bootstrap.fingerprint(repo))
    assert todo.create_venv and todo.install


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], ["lav"]),
        (["--aar", "2023"], ["lav", "--aar", "2023"]),
        (["lav", "--aar", "2023"], ["lav", "--aar", "2023"]),
        (["tjek", "--json"], ["tjek", "--json"]),
    ],
)
def test_report_args_default_to_lav(argv, expected):
    """A double-click (no arguments) runs 'lav'; a given command is passed on."""
    assert bootstrap.report_args(argv) == expected


def test_install_command_uses_venv_pip_quietly(repo):
    """It installs the program with the venv's own pip, quietly and editable."""
    python = repo / ".venv" / "bin" / "python"
    assert bootstrap.install_command(python, repo) == [
        str(python),
        *("-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", str(repo)),
    ]


# --- The whole flow, with subprocess faked --------------------------------


def test_first_run_installs_records_and_runs(repo, fake, capsys):
    """The first run makes the venv, installs, writes the marker and runs 'lav'."""
    assert bootstrap.main(["--aar", "2023"], repo) == 0
    assert fake.created == [repo / ".venv"]
    assert len(fake.installs()) == 1
    marker = repo / ".venv" / bootstrap.MARKER_NAME
    assert bootstrap.read_marker(marker) == bootstrap.fingerprint(repo)
    assert fake.reports()[0][1:] == ["lav", "--aar", "2023"]
    out = capsys.readouterr().out
    assert "Første gang" in out
    assert out.strip().endswith("Færdig.")


def test_second_run_reuses_venv(repo, fake, capsys):
    """A second run with nothing changed neither creates nor installs."""
    bootstrap.main([], repo)
    capsys.readouterr()
    fake.calls.clear()
    assert bootstrap.main([], repo) == 0
    assert len(fake.created) == 1
    assert fake.installs() == []
    assert len(fake.reports()) == 1
    assert "install" not in capsys.readouterr().out


def test_changed_pyproject_reinstalls_in_same_venv(repo, fake, capsys):
    """After an update of pyproject.toml it installs again, in the same venv."""
    bootstrap.main([], repo)
    (repo / "pyproject.toml").write_text(PYPROJECT.replace("1.0.0", "1.1.0"), encoding="utf-8")
    capsys.readouterr()
    assert bootstrap.main([], repo) == 0
    assert len(fake.created) == 1
    assert len(fake.installs()) == 2
    assert "Programmet er opdateret – installerer igen" in capsys.readouterr().out
    assert bootstrap.read_marker(repo / ".venv" / bootstrap.MARKER_NAME)["version"] == "1.1.0"


def test_pip_failure_explains_and_exits_2(repo, fake, capsys):
    """When pip fails it explains in Danish, writes no marker, runs nothing, exits 2."""
    fake.pip_code = 1
    assert bootstrap.main([], repo) == 2
    assert "internettet" in capsys.readouterr().out
    assert not (repo / ".venv" / bootstrap.MARKER_NAME).exists()
    assert fake.reports() == []
    fake.pip_code = 0
    assert bootstrap.main([], repo) == 0  # the next run tries again
    assert len(fake.installs()) == 2


def test_venv_failure_explains_and_exits_2(repo, fake, monkeypatch, capsys):
    """When the venv cannot be made it explains why and exits 2."""
    monkeypatch.setattr(bootstrap, "create_venv", lambda venv_dir: "Kunne ikke lave .venv")
    assert bootstrap.main([], repo) == 2
    assert "Kunne ikke lave .venv" in capsys.readouterr().out
    assert fake.calls == []


@pytest.mark.parametrize(("code", "word"), [(1, "fejl i data"), (2, "kunne ikke starte")])
def test_report_exit_code_is_passed_on(repo, fake, capsys, code, word):
    """It returns the program's exit code and ends with a line that explains it."""
    fake.report_code = code
    assert bootstrap.main([], repo) == code
    assert word in capsys.readouterr().out.strip().splitlines()[-1]


def test_missing_pyproject_exits_2(tmp_path, fake, capsys):
    """Without pyproject.toml it says the program is incomplete and exits 2."""
    assert bootstrap.main([], tmp_path) == 2
    assert "pyproject.toml" in capsys.readouterr().out


# --- The launchers --------------------------------------------------------


def test_bat_has_crlf_line_endings():
    """The .bat has Windows (CRLF) line endings throughout and no BOM."""
    data = BAT.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n") > 0


def test_bat_tries_py_launcher_before_python():
    """The .bat checks 'py -3' before 'python', both with the 3.11 version check."""
    text = BAT.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0].lower() == "@echo off"
    assert "chcp 65001 >nul" in lines
    assert 'cd /d "%~dp0"' in lines
    assert text.index('"PY=py -3"') < text.index('"PY=python"')
    assert text.count(VERSION_CHECK) == 2


def test_bat_runs_bootstrap_and_pauses():
    """The .bat runs generator\\bootstrap.py with the arguments and then pauses."""
    lines = [line.strip() for line in BAT.read_text(encoding="utf-8").splitlines()]
    call = lines.index(r"%PY% generator\bootstrap.py %*")
    assert "pause" in lines[call:]
    assert lines[-2:] == ["pause", "exit /b %RC%"]


def test_bat_explains_how_to_get_python():
    """Without Python the .bat tells how to install it, then pauses."""
    text = BAT.read_text(encoding="utf-8")
    assert "python.org/downloads" in text
    assert "Add python.exe to PATH" in text
    assert "Microsoft Store" in text


def test_sh_is_executable_bash():
    """The .sh is an executable bash script with Unix line endings."""
    data = SH.read_bytes()
    assert data.startswith(b"#!/usr/bin/env bash\n")
    assert b"\r" not in data
    assert os.access(SH, os.X_OK)


def test_sh_without_python_explains(tmp_path):
    """Without a Python 3.11+ on PATH the .sh says how to get one and exits 2."""
    (tmp_path / "generator").mkdir()
    shutil.copy(BOOTSTRAP, tmp_path / "generator")
    shutil.copy(SH, tmp_path)
    tools = tmp_path / "bin"  # a PATH with the shell tools but no Python
    tools.mkdir()
    (tools / "dirname").symlink_to(shutil.which("dirname"))
    done = subprocess.run(
        [shutil.which("bash"), str(tmp_path / SH.name)],
        capture_output=True,
        text=True,
        env={"PATH": str(tools)},
        cwd="/",
    )
    assert done.returncode == 2
    assert "python.org/downloads" in done.stdout


# --- End to end -----------------------------------------------------------


def copy_project(target: Path) -> None:
    """The files git would ship (tracked, or new and not ignored) plus input/."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    ignore = shutil.ignore_patterns("~$*")
    shutil.copytree(ROOT / "input", target / "input", dirs_exist_ok=True, ignore=ignore)


@pytest.mark.slow
def test_launcher_end_to_end(tmp_path):
    """The .sh makes .venv and the report on first run, and reuses the venv after."""
    project = tmp_path / "afrapportering"
    project.mkdir()
    copy_project(project)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])

    def launch(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(project / SH.name), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,  # not the project folder: the launcher finds its own
            timeout=1800,
        )

    first = launch()
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Første gang" in first.stdout
    assert (project / ".venv" / bootstrap.MARKER_NAME).is_file()
    assert (project / "output" / "Afrapportering_2023.docx").is_file()

    second = launch("--aar", "2023")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Første gang" not in second.stdout
    assert "install" not in second.stdout
    assert (project / "output" / "Afrapportering_2023.docx").is_file()
