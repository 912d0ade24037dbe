"""The double-click launchers and their bootstrap.

The bootstrap is loaded from its file, the way the launchers run it, so these
tests do not depend on the rest of the ``generator`` package (one test checks the
CLI's side of the closing line). The offline release is tested in ``test_release.py``.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = ROOT / "generator" / "bootstrap.py"
BAT = ROOT / "Lav_afrapportering.bat"
SH = ROOT / "lav_afrapportering.sh"
BAT_CALL = r'%PY% "generator\bootstrap.py" %*'
VERSION_CHECK = '-c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)"'

PYPROJECT = """\
[project]
name = "afrapportering"
version = "1.0.0"
"""
LOCK = """\
babel==2.19.0 \\
    --hash=sha256:6d49734aed1d595b2c065d012174df8c83964692f26fc461702281634dd7555b
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
    (tmp_path / "requirements.lock").write_text(LOCK, encoding="utf-8")
    return tmp_path


class FakeSubprocess:
    """Stands in for ``subprocess.run``: records commands, fakes pip and the program."""

    def __init__(self, pip_code: int = 0, report_code: int = 0) -> None:
        self.calls: list[list[str]] = []
        self.envs: list[dict | None] = []
        self.pip_code = pip_code
        self.fail_second_pip = False
        self.report_code = report_code
        self.report_writes: Path | None = None

    def __call__(self, cmd, **kwargs):
        self.calls.append([str(part) for part in cmd])
        self.envs.append(kwargs.get("env"))
        code = 0
        if "pip" in cmd:
            code = self.pip_code
        elif is_program(cmd):
            code = self.report_code
            if self.report_writes is not None:
                self.report_writes.parent.mkdir(parents=True, exist_ok=True)
                self.report_writes.write_bytes(b"")
        return subprocess.CompletedProcess(cmd, code)

    def installs(self) -> list[list[str]]:
        return [call for call in self.calls if "pip" in call]

    def reports(self) -> list[list[str]]:
        """The program's arguments, one list per run."""
        return [program_args(call) for call in self.calls if is_program(call)]


def is_program(cmd) -> bool:
    return bootstrap.PROGRAM in [str(part) for part in cmd]


def program_args(cmd) -> list[str]:
    """What the program was started with, after ``python -P -c PROGRAM REPO``."""
    parts = [str(part) for part in cmd]
    return parts[parts.index(bootstrap.PROGRAM) + 2 :]


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeSubprocess:
    """No venv is really made and nothing is installed."""
    runner = FakeSubprocess()
    created: list[Path] = []

    def create_venv(venv_dir: Path) -> None:
        created.append(venv_dir)
        shutil.rmtree(venv_dir, ignore_errors=True)  # like EnvBuilder(clear=True)
        python = bootstrap.venv_python(venv_dir)
        python.parent.mkdir(parents=True, exist_ok=True)
        python.write_text("", encoding="utf-8")

    monkeypatch.setattr(bootstrap.subprocess, "run", runner)
    monkeypatch.setattr(bootstrap, "create_venv", create_venv)
    monkeypatch.setattr(bootstrap, "ask_line", lambda prompt: "")  # Enter in the menu
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
    err = capsys.readouterr().err
    assert "Python 3.9.7" in err
    assert "python.org/downloads" in err
    assert fake.calls == []


# The bootstrap and the modules of generator/core it loads by their paths.
LOADED = [BOOTSTRAP, bootstrap.LAUNCH_FILE, bootstrap.OSLOCK_FILE, bootstrap.ACTIONS_FILE]


@pytest.mark.parametrize("path", LOADED, ids=lambda path: path.name)
def test_bootstrap_parses_on_old_python(path):
    """Its syntax is old enough that an old Python 3 reaches the version check."""
    ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 7))


@pytest.mark.parametrize("path", LOADED, ids=lambda path: path.name)
def test_bootstrap_uses_only_the_standard_library(path):
    """It imports only the standard library: it runs before the venv exists."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
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
    relative = [node for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level]
    assert relative == []  # loaded by its path, it has no package to import from


# --- Paths ----------------------------------------------------------------


def test_windows_venv_python():
    """On Windows it uses .venv\\Scripts\\python.exe."""
    assert bootstrap.venv_python(Path(".venv"), windows=True).parts == (
        ".venv",
        "Scripts",
        "python.exe",
    )


def test_posix_venv_python():
    """On Linux and macOS it uses .venv/bin/python."""
    assert bootstrap.venv_python(Path(".venv"), windows=False).parts == (".venv", "bin", "python")


def test_the_program_is_started_as_python_m_generator_with_each_path_one_argument():
    """The venv's Python runs the package from the program's folder: no console script
    that a shell re-reads, and the folder's name is one argument, however it is spelt."""
    folder = Path("/home/anne/Mine filer æøå $(touch PWNED) \"' %TEMP% !x! & (1)")
    python = folder / ".venv" / "bin" / "python"
    command = bootstrap.program_command(python, folder, ["lav", "--aar", "2023"])
    assert command == [
        str(python),
        "-P",
        "-c",
        bootstrap.PROGRAM,
        str(folder),
        "lav",
        "--aar",
        "2023",
    ]
    assert "aarsrapport" not in " ".join(command)


def test_repo_is_the_parent_of_the_generator_folder():
    """It finds the program's folder from its own file, not the current directory."""
    assert bootstrap.REPO == ROOT


# --- Fingerprint and plan -------------------------------------------------


def test_fingerprint_records_pyproject_lock_version_and_folder(repo):
    """The fingerprint holds the hashes of pyproject.toml and the lock, the version, the folder."""
    entries = bootstrap.fingerprint(repo)
    assert len(entries["pyproject-sha256"]) == 64
    assert len(entries["lock-sha256"]) == 64
    assert entries["version"] == "1.0.0"
    assert entries["mappe"] == str(repo.resolve())


def test_marker_round_trips(repo):
    """What it writes in the marker file it reads back unchanged."""
    entries = bootstrap.fingerprint(repo)
    assert bootstrap.parse_marker(bootstrap.format_marker(entries)) == entries


def test_first_use_installs(repo):
    """Without a venv it plans to install, with a 'first time' line."""
    todo = bootstrap.plan(False, False, False, None, bootstrap.fingerprint(repo))
    assert todo.install
    assert todo.message.startswith("Første gang")


def test_unchanged_fingerprint_needs_no_install(repo):
    """It does not reinstall when nothing changed."""
    current = bootstrap.fingerprint(repo)
    assert bootstrap.plan(True, True, True, dict(current), current) == (False, None)


def test_changed_pyproject_needs_reinstall(repo):
    """It reinstalls when pyproject.toml changed."""
    before = bootstrap.fingerprint(repo)
    (repo / "pyproject.toml").write_text(PYPROJECT + 'description = "ny"\n', encoding="utf-8")
    after = bootstrap.fingerprint(repo)
    todo = bootstrap.plan(True, True, True, before, after)
    assert todo.install and "opdateret" in todo.message


def test_changed_lock_file_needs_reinstall(repo):
    """It reinstalls when the lock file changed (a dependency moved to a new version)."""
    before = bootstrap.fingerprint(repo)
    (repo / "requirements.lock").write_text(LOCK.replace("2.19.0", "2.20.0"), encoding="utf-8")
    assert bootstrap.plan(True, True, True, before, bootstrap.fingerprint(repo)).install


@pytest.mark.parametrize(
    ("python_exists", "recorded"), [(False, "marker"), (True, None)], ids=["no python", "no marker"]
)
def test_an_install_cut_short_is_redone(repo, python_exists, recorded):
    """A venv folder without its Python or without the marker was cut short: redo it."""
    current = bootstrap.fingerprint(repo)
    todo = bootstrap.plan(True, python_exists, python_exists, recorded and current, current)
    assert todo.install
    assert "ikke færdig" in todo.message


def test_moved_folder_gets_a_fresh_venv(repo):
    """It installs again when the folder was moved (a venv holds absolute paths)."""
    current = bootstrap.fingerprint(repo)
    recorded = {**current, "mappe": "/et/andet/sted"}
    assert bootstrap.plan(True, True, True, recorded, current).install


def test_broken_venv_is_recreated(repo):
    """It installs again when the venv's Python no longer starts."""
    current = bootstrap.fingerprint(repo)
    todo = bootstrap.plan(True, True, False, current, current)
    assert todo.install and "virker ikke" in todo.message


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


def test_install_commands_use_the_lock_with_hashes_and_leave_the_program_in_its_folder(repo):
    """It installs the locked dependencies with hashes required, and only them: the program
    runs from its own folder, so no build of it writes the folder's path anywhere."""
    python = repo / ".venv" / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    assert bootstrap.install_commands(python, repo, None) == [
        [*pip, "--require-hashes", "-r", str(repo / "requirements.lock")],
    ]


def test_with_a_wheels_folder_it_installs_without_network(repo):
    """From the offline release it installs only from wheels/, never from an index."""
    python = repo / ".venv" / "bin" / "python"
    wheels = repo / "wheels"
    for command in bootstrap.install_commands(python, repo, wheels):
        assert command[6:9] == ["--no-index", "--find-links", str(wheels)]


# --- The whole flow, with subprocess faked --------------------------------


def test_first_run_installs_records_and_runs(repo, fake, capsys):
    """The first run makes the venv, installs, writes the marker and runs 'lav'."""
    assert bootstrap.main(["--aar", "2023"], repo) == 0
    assert fake.created == [repo / ".venv"]
    assert len(fake.installs()) == 1
    marker = repo / ".venv" / bootstrap.MARKER_NAME
    assert bootstrap.read_marker(marker) == bootstrap.fingerprint(repo)
    assert fake.reports()[0] == ["lav", "--aar", "2023"]
    captured = capsys.readouterr()
    assert captured.out == ""  # standard output is the program's alone
    assert "Første gang" in captured.err
    assert "wheels" not in captured.err
    assert captured.err.strip().endswith("Færdig.")


def test_first_run_from_the_offline_release_says_so(repo, fake, capsys):
    """With wheels/ beside it, it says it installs from there without internet."""
    (repo / "wheels").mkdir()
    assert bootstrap.main([], repo) == 0
    assert "Installerer fra mappen wheels" in capsys.readouterr().err
    assert all("--no-index" in call for call in fake.installs())


def test_second_run_reuses_venv(repo, fake, capsys):
    """A second run with nothing changed neither creates nor installs."""
    bootstrap.main([], repo)
    capsys.readouterr()
    fake.calls.clear()
    assert bootstrap.main([], repo) == 0
    assert len(fake.created) == 1
    assert fake.installs() == []
    assert len(fake.reports()) == 1
    assert "install" not in capsys.readouterr().err


def test_changed_lock_reinstalls_in_a_fresh_venv(repo, fake, capsys):
    """After an update of the lock file it installs again, into a fresh venv."""
    bootstrap.main([], repo)
    (repo / ".venv" / "stale-package").write_text("", encoding="utf-8")
    (repo / "requirements.lock").write_text(LOCK.replace("2.19.0", "2.20.0"), encoding="utf-8")
    capsys.readouterr()
    assert bootstrap.main([], repo) == 0
    assert len(fake.created) == 2
    assert len(fake.installs()) == 2
    assert not (repo / ".venv" / "stale-package").exists()
    assert "Programmet er opdateret – installerer igen" in capsys.readouterr().err
    marker = bootstrap.read_marker(repo / ".venv" / bootstrap.MARKER_NAME)
    assert marker == bootstrap.fingerprint(repo)


def test_pip_failure_explains_and_exits_2(repo, fake, capsys):
    """When pip fails it explains in Danish, writes no marker, runs nothing, exits 2."""
    fake.pip_code = 1
    assert bootstrap.main([], repo) == 2
    err = capsys.readouterr().err
    assert "internettet" in err and "HTTPS_PROXY" in err
    assert not (repo / ".venv" / bootstrap.MARKER_NAME).exists()
    assert fake.reports() == []
    fake.pip_code = 0
    assert bootstrap.main([], repo) == 0  # the next run tries again
    assert "ikke færdig" in capsys.readouterr().err
    assert len(fake.created) == 2


def test_an_install_that_stops_half_way_leaves_no_marker_and_is_redone(repo, fake, capsys):
    """A venv whose install did not finish has no marker, and the next run starts over."""
    fake.pip_code = 1
    assert bootstrap.main([], repo) == 2
    assert not (repo / ".venv" / bootstrap.MARKER_NAME).exists()
    assert (repo / ".venv").is_dir()
    fake.pip_code = 0
    capsys.readouterr()
    assert bootstrap.main([], repo) == 0
    assert "ikke færdig" in capsys.readouterr().err
    assert len(fake.created) == 2


def test_wheels_failure_names_this_python(repo, fake, capsys):
    """A failed offline install says which Python the wheels are for and which this is."""
    (repo / "wheels").mkdir()
    for python in ("cp311", "cp312", "cp313"):
        name = f"numpy-2.4.6-{python}-{python}-win_amd64.whl"
        (repo / "wheels" / name).write_bytes(b"")
    (repo / "wheels" / "babel-2.19.0-py3-none-any.whl").write_bytes(b"")
    fake.pip_code = 1
    assert bootstrap.main([], repo) == 2
    err = capsys.readouterr().err
    assert "64-bit Python 3.11, 3.12 og 3.13" in err
    assert "installér Python 3.13 (64-bit)" in err
    assert f"Python {sys.version_info[0]}.{sys.version_info[1]}." in err


def test_venv_failure_explains_and_exits_2(repo, fake, monkeypatch, capsys):
    """When the venv cannot be made it explains why and exits 2."""
    monkeypatch.setattr(bootstrap, "create_venv", lambda venv_dir: "Kunne ikke lave .venv")
    assert bootstrap.main([], repo) == 2
    assert "Kunne ikke lave .venv" in capsys.readouterr().err
    assert fake.calls == []


def test_missing_pyproject_exits_2(tmp_path, fake, capsys):
    """Without pyproject.toml it says the program is incomplete and exits 2."""
    (tmp_path / "requirements.lock").write_text(LOCK, encoding="utf-8")
    assert bootstrap.main([], tmp_path) == 2
    assert "pyproject.toml" in capsys.readouterr().err


def test_missing_lock_file_exits_2(tmp_path, fake, capsys):
    """Without the lock file it says the program is incomplete and installs nothing."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert bootstrap.main([], tmp_path) == 2
    assert "requirements.lock" in capsys.readouterr().err
    assert fake.calls == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_folder_the_author_cannot_write_in_is_explained_in_danish(repo, fake, capsys):
    """A program folder without write access (a shared drive): Danish advice, exit 2."""
    repo.chmod(0o555)
    try:
        assert bootstrap.main(["lav"], repo) == 2
    finally:
        repo.chmod(0o755)
    err = capsys.readouterr().err
    assert "der kan ikke skrives i programmets mappe" in err
    assert "Permission denied" not in err and "Errno" not in err


@pytest.mark.parametrize(
    ("err", "said"),
    [
        (
            PermissionError(13, "Permission denied", "/x/.afrapportering.lock"),
            "der kan ikke skrives",
        ),
        (OSError(28, "No space left on device", "/x/.venv"), "der er ikke plads på drevet"),
        (OSError(5, "Input/output error"), "systemfejl EIO"),
    ],
)
def test_an_operating_system_fault_is_told_in_danish(err, said):
    message = bootstrap.os_error_message(err, Path("/x"))
    assert said in message
    assert err.strerror not in message


# --- The closing line -----------------------------------------------------


def closing_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("code", "line"),
    [
        (0, "Færdig."),
        (
            1,
            "Der er fejl i data, så rapporten er ikke lavet. "
            "Se listen ovenfor, ret fejlene i dine egne projektmapper, og kør igen.",
        ),
        (2, "Programmet stoppede – læs beskeden ovenfor."),
        (130, "Afbrudt."),
        (143, "Afbrudt."),
        (-2, "Afbrudt."),
        (
            134,
            "Programmet stoppede uventet (kode 134). "
            "Send teksten ovenfor til den, der vedligeholder programmet.",
        ),
    ],
)
def test_each_exit_code_gets_its_own_single_closing_line(repo, fake, capsys, code, line):
    """The launcher ends with one line saying what the exit code means, printed once."""
    bootstrap.main(["lav"], repo)  # the install, out of the way
    capsys.readouterr()
    fake.report_code = code
    assert bootstrap.main(["lav"], repo) == code
    captured = capsys.readouterr()
    assert closing_lines(captured.err) == [line]
    assert captured.out == ""


@pytest.fixture
def terminal_ctrl_c():
    """SIGINT handled as a terminal's Python handles it, even in a suite started with
    Ctrl-C ignored (``trap '' INT``); the suite's own handler again afterwards."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("terminal_ctrl_c")
def test_ctrl_c_while_the_program_runs_closes_with_afbrudt_once(repo, fake, capsys, monkeypatch):
    """Ctrl-C reaches the launcher too: it waits for the program, then says 'Afbrudt.' once,
    whatever exit code the program chose for it."""
    bootstrap.main([], repo)
    capsys.readouterr()

    def interrupted(cmd, **kwargs):
        if is_program(cmd):
            signal.raise_signal(signal.SIGINT)  # reaches the launcher while it waits
            return subprocess.CompletedProcess(cmd, 2)
        return fake(cmd, **kwargs)

    monkeypatch.setattr(bootstrap.subprocess, "run", interrupted)
    assert bootstrap.main(["lav"], repo) == 2
    assert closing_lines(capsys.readouterr().err) == ["Afbrudt."]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_data_errors_point_to_the_error_report_this_run_wrote(repo, fake, capsys, tmp_path):
    """On data errors the closing line names the Fejlrapport file the run just wrote."""
    bootstrap.main([], repo)
    output = tmp_path / "ud"
    (output).mkdir()
    old = output / "Fejlrapport_2022.xlsx"
    old.write_bytes(b"")
    os.utime(old, (1_000_000_000, 1_000_000_000))  # from an earlier run
    fake.report_code = 1
    fake.report_writes = output / "Fejlrapport_2023.xlsx"
    capsys.readouterr()
    assert bootstrap.main(["tjek", "--output", str(output)], repo) == 1
    assert closing_lines(capsys.readouterr().err) == [
        "Der er fejl i data. Se listen ovenfor og Fejlrapport_2023.xlsx, "
        "ret fejlene i dine egne projektmapper, og kør igen."
    ]


def test_the_program_is_told_that_the_launcher_speaks_last(repo, fake):
    """The program is started with AFRAPPORTERING_LAUNCHER set, so it leaves out its own
    verdict line and the author reads it once."""
    bootstrap.main([], repo)
    assert fake.envs[-1][bootstrap.LAUNCHER_ENV] == "1"


def test_the_cli_leaves_its_verdict_to_the_launcher(inputs, tmp_path, monkeypatch, capsys):
    """'lav' on data errors prints its verdict line alone, and not under the launcher."""
    from factory import edit_cell

    from generator.cli import main as cli_main

    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "A2", "fem")
    argv = ["lav", "--input", str(inputs), "--output", str(tmp_path / "ud")]
    verdict = "Der er fejl i data, så rapporten er ikke lavet. Ret fejlene og kør igen."
    monkeypatch.delenv(bootstrap.LAUNCHER_ENV, raising=False)
    assert cli_main(argv) == 1
    assert verdict in capsys.readouterr().out
    monkeypatch.setenv(bootstrap.LAUNCHER_ENV, "1")
    assert cli_main(argv) == 1
    assert "Der er fejl i data" not in capsys.readouterr().out


# --- The menu, the help and a misspelt command -----------------------------


def answers(*lines):
    """The author's keypresses, one answer per question; then the input ends (None)."""
    queue = list(lines)

    def ask(prompt: str):
        return queue.pop(0) if queue else None

    return ask


MENU_LABELS = bootstrap.menu_labels()


def test_the_menu_shows_every_action_numbered_with_enter_for_the_report(capsys):
    """The menu lists the actions of generator/core/actions.py, numbered, the first one the
    default that Enter chooses, Afslut last."""
    assert bootstrap.choose(MENU_LABELS, answers("")) == ["lav"]
    err = capsys.readouterr().err
    lines = [line.strip() for line in err.splitlines() if line.strip()]
    assert lines[0] == "Hvad vil du gøre?"
    assert lines[1] == "1. Lav rapporten   (tryk bare Enter)"
    assert lines[2:9] == [
        "2. Lav rapporten og en PDF",
        "3. Tjek data",
        "4. Lav rapporten for et andet år",
        "5. Lav status til månedsmødet",
        "6. Begynd et nyt år",
        "7. Begynd en ny kontraktperiode",
        "8. Afslut",
    ]


def test_the_menus_labels_are_the_actions_labels():
    """One wording: the menu's lines are the Action values messages point to."""
    from generator.core.actions import Action

    assert [Action[name].value for name, _ in bootstrap.MENU] == bootstrap.menu_lines(MENU_LABELS)


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ((), ["lav"]),  # the input has ended at once (a closed stdin): the default
        (("",), ["lav"]),
        (("1",), ["lav"]),
        (("2",), ["lav", "--pdf"]),
        ((" 3 ",), ["tjek"]),
        (("4", "2022"), ["lav", "--aar", "2022"]),
        (("4", "toogtyve", "2022"), ["lav", "--aar", "2022"]),
        (("4",), ["lav"]),  # asked the year, the input ended: the default year
        (("5",), ["status"]),
        (("6",), ["ny"]),
        (("7", "2024-2027"), ["ny", "--periode", "2024-2027", "--fra", "input"]),
        (("7", "2024 – 2027"), ["ny", "--periode", "2024-2027", "--fra", "input"]),
        (("9", "x", "3"), ["tjek"]),
    ],
)
def test_each_menu_line_runs_its_command(keys, expected, capsys):
    assert bootstrap.choose(MENU_LABELS, answers(*keys)) == expected


@pytest.mark.parametrize(
    ("keys", "said"),
    [
        (("8",), None),
        (("7",), "Ingen periode valgt – intet er ændret."),
        (("7", ""), "Ingen periode valgt – intet er ændret."),
        (("x", "y", "z"), "Intet valgt – programmet slutter uden at gøre noget."),
    ],
)
def test_afslut_or_no_answer_runs_nothing(repo, fake, capsys, keys, said):
    """Afslut, or a question left unanswered, runs nothing and exits 0."""
    assert bootstrap.run([], repo, ask=answers(*keys)) == 0
    assert fake.calls == []
    err = capsys.readouterr().err
    if said:
        assert err.strip().splitlines()[-1] == said


def test_a_closed_input_is_an_answer_too(monkeypatch, capsys):
    """Reading the keyboard: a line is the answer, an ended input is None (never a wait),
    and without a terminal to echo it the prompt's line is ended all the same."""
    import io

    monkeypatch.setattr(bootstrap.sys, "stdin", io.StringIO("3\n"))
    assert bootstrap.ask_line("Tal: ") == "3"
    assert bootstrap.ask_line("Tal: ") is None
    assert capsys.readouterr().err == "Tal: \nTal: \n"
    monkeypatch.setattr(bootstrap.sys, "stdin", None)  # pythonw: no console at all
    assert bootstrap.ask_line("Tal: ") is None


def test_a_wrong_answer_is_explained_and_asked_again(capsys):
    assert bootstrap.choose(MENU_LABELS, answers("9", "3")) == ["tjek"]
    assert "»9« er ikke et af tallene 1 til 8." in capsys.readouterr().err


def test_a_double_click_with_enter_runs_the_report_and_closes_for_it(repo, fake, capsys):
    """No arguments and Enter: the menu, then 'lav', then the closing line of 'lav'."""
    bootstrap.main(["lav"], repo)  # the install, out of the way
    capsys.readouterr()
    fake.report_code = 1
    assert bootstrap.run([], repo, ask=answers("")) == 1
    assert fake.reports()[-1] == ["lav"]
    err = capsys.readouterr().err
    assert (
        err.strip().splitlines()[-1].startswith("Der er fejl i data, så rapporten er ikke lavet.")
    )


def test_the_menus_check_gets_the_closing_line_of_tjek(repo, fake, capsys):
    """The closing line fits the command chosen in the menu: 'Tjek data' makes no report."""
    bootstrap.main(["lav"], repo)
    capsys.readouterr()
    fake.report_code = 1
    assert bootstrap.run([], repo, ask=answers("3")) == 1
    assert fake.reports()[-1] == ["tjek"]
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith("Der er fejl i data. Se listen ovenfor")


def test_with_arguments_there_is_no_menu(repo, fake, capsys):
    """Started with arguments (IT, a script) it runs them as given and asks nothing."""
    asked = []
    assert bootstrap.run(["tjek", "--json"], repo, ask=lambda prompt: asked.append(prompt)) == 0
    assert asked == []
    assert fake.reports() == [["tjek", "--json"]]
    assert "Hvad vil du gøre?" not in capsys.readouterr().err


def test_the_menu_waits_for_no_lock_and_no_install(repo, fake, monkeypatch):
    """The question is asked before the lock is taken: a window left at the menu
    holds up no other window."""
    order = []
    monkeypatch.setattr(
        bootstrap.OneAtATime, "__enter__", lambda self: order.append("lock") or self
    )
    monkeypatch.setattr(bootstrap.OneAtATime, "__exit__", lambda self, *exc: None)
    monkeypatch.setattr(bootstrap.OneAtATime, "note", lambda self, state: None)
    bootstrap.run([], repo, ask=lambda prompt: order.append("asked") or "")
    assert order[:2] == ["asked", "lock"]


def test_help_lists_the_menu_and_every_command_in_danish(repo, fake, capsys):
    """--help names the menu's lines and every command of the program, in Danish."""
    from generator.cli import build_parser

    assert bootstrap.main(["--help"], repo) == 0
    out = capsys.readouterr().out
    assert out.startswith("Brug: Lav_afrapportering.bat [KOMMANDO]")
    for label in bootstrap.menu_lines(MENU_LABELS):
        assert label in out
    commands = build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert re.search(rf"^  {name} +{re.escape(bootstrap.COMMANDS[name])}$", out, re.M), name
    assert "usage" not in out
    assert fake.calls == []


def test_the_bootstrap_knows_the_programs_commands_as_the_program_names_them():
    from generator.cli import build_parser

    subparsers = build_parser()._subparsers._group_actions[0]
    helps = {action.dest: action.help for action in subparsers._choices_actions}
    assert helps == bootstrap.COMMANDS


@pytest.mark.parametrize(
    ("word", "guess"), [("lave", "lav"), ("tjekk", "tjek"), ("Ny", "ny"), ("rapport", None)]
)
def test_a_misspelt_command_gets_mente_du(repo, fake, capsys, word, guess):
    """'lave' is no command: 'Mente du »lav«?', exit 2, nothing installed or run."""
    assert bootstrap.main([word], repo) == 2
    err = capsys.readouterr().err
    assert f"»{word}« er ikke en kommando." in err
    if guess:
        assert f"Mente du »{guess}«?" in err
    else:
        assert "Mente du" not in err
    assert "Kommandoerne er lav, tjek, ny og status" in err
    assert fake.calls == []


# --- One at a time --------------------------------------------------------

HOLD = """
import fcntl, sys, time
handle = open(sys.argv[1], "r+b")
fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
handle.truncate()
handle.write(b"proces: 4242\\ntilstand: " + sys.argv[2].encode() + b"\\n")
handle.flush()
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


def hold_lock(repo: Path, state: str, seconds: float) -> subprocess.Popen:
    """Another window's bootstrap, holding the lock for a while."""
    path = repo / bootstrap.BUSY_NAME
    path.touch()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), state, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "holding\n"
    return holder


@pytest.mark.skipif(os.name == "nt", reason="the helper holds the lock with flock")
@pytest.mark.slow  # starts a holder process
def test_a_second_start_waits_for_the_install_in_progress(repo, fake, capsys):
    """While another window installs, it says 'installationen er i gang – vent' and waits,
    then finds the program ready and installs nothing twice."""
    bootstrap.main([], repo)
    holder = hold_lock(repo, "installerer", 1.5)
    capsys.readouterr()
    try:
        assert bootstrap.main([], repo) == 0
    finally:
        holder.wait()
    err = capsys.readouterr().err
    assert "Installationen er i gang i et andet vindue – vent" in err
    assert len(fake.installs()) == 1  # the first run's only
    assert err.strip().endswith("Færdig.")


@pytest.mark.skipif(os.name == "nt", reason="the helper holds the lock with flock")
@pytest.mark.slow  # starts a holder process
def test_a_start_that_waits_too_long_gives_up_with_a_message(repo, fake, capsys):
    """When the other window never finishes, it gives up after its wait, naming it."""
    holder = hold_lock(repo, "kører", 30)
    try:
        assert bootstrap.run([], repo, wait_seconds=0.2) == 2
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err
    assert "Programmet kører allerede i et andet vindue – vent" in err
    assert "proces 4242" in err
    assert fake.calls == []


@pytest.mark.skipif(os.name == "nt", reason="the helper holds the lock with flock")
@pytest.mark.slow  # starts a holder process
def test_the_lock_of_a_killed_window_does_not_block(repo, fake, capsys):
    """A window killed while holding the lock leaves nothing that blocks the next start."""
    holder = hold_lock(repo, "installerer", 30)
    holder.kill()
    holder.wait()
    assert (repo / bootstrap.BUSY_NAME).read_text(encoding="utf-8").startswith("proces: 4242")
    assert bootstrap.run([], repo, wait_seconds=0) == 0
    assert "vent" not in capsys.readouterr().err


def test_the_lock_file_names_the_holder_while_it_runs(repo, fake, monkeypatch):
    """While the program runs, the lock file says which process and what it does."""
    seen = {}

    def report(cmd, **kwargs):
        seen.update(bootstrap.oslock.read_note(repo / bootstrap.BUSY_NAME))
        return subprocess.CompletedProcess(cmd, 0)

    bootstrap.main([], repo)
    fake.report_code = 0
    monkeypatch.setattr(
        bootstrap.subprocess,
        "run",
        lambda cmd, **kw: report(cmd, **kw) if is_program(cmd) else fake(cmd),
    )
    assert bootstrap.main([], repo) == 0
    assert seen == {"proces": str(os.getpid()), "tilstand": "kører"}


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
    assert 'pushd "%~dp0" || goto :nofolder' in lines
    assert text.index('"PY=py -3"') < text.index('"PY=python"')
    assert text.count(VERSION_CHECK) == 2


def test_bat_runs_bootstrap_and_pauses():
    """The .bat runs generator\\bootstrap.py with the arguments and then pauses."""
    lines = [line.strip() for line in BAT.read_text(encoding="utf-8").splitlines()]
    call = lines.index(BAT_CALL)
    assert "pause 1>&2" in lines[call:]
    assert lines[-2:] == ["pause 1>&2", "exit /b %RC%"]


def test_bat_prints_nothing_on_standard_output_after_the_program():
    """After the program, the .bat writes only to standard error: 'tjek --json' stays JSON."""
    lines = [line.strip() for line in BAT.read_text(encoding="utf-8").splitlines()]
    after = lines[lines.index(BAT_CALL) + 1 :]
    for line in after:
        if line.startswith(("echo", "pause")):
            assert line.endswith("1>&2"), line


def bat_lines() -> list[str]:
    return [line.strip() for line in BAT.read_text(encoding="utf-8").splitlines()]


def test_bat_quotes_every_path_and_keeps_exclamation_marks_literal():
    """cmd.exe is not on this machine, so the quoting rules are read off the .bat's lines:
    a folder such as C:\\Users\\Anne Jensen\\100% & (ny)!\\ must reach Python whole.

    * delayed expansion is switched off before anything else (a registry setting may
      turn it on, and then "!" in a folder name would be eaten);
    * %~dp0, the program's folder, is only ever used inside double quotes;
    * the script is named in quotes, the author's arguments passed on as %* (cmd.exe
      keeps each quoted argument as it was typed);
    * no parenthesised block: a ")" in an expanded path would end it early;
    * no !variable! and no path through a variable expanded outside quotes.
    """
    lines = bat_lines()
    commands = [line for line in lines if line and not line.lower().startswith(("rem", "::"))]
    assert commands[0].lower() == "@echo off"
    assert commands[1] == "setlocal EnableExtensions DisableDelayedExpansion"
    for line in commands:
        for found in re.finditer(r"%~dp0", line):
            before = line[: found.start()]
            assert before.count('"') % 2 == 1, line  # inside an open quote
        assert not line.endswith("("), line
        assert not line.startswith(")"), line
        assert not re.search(r"![A-Za-z_]+!", line), line
    assert BAT_CALL in commands
    variables = set(re.findall(r"%([A-Za-z_]+)%", "\n".join(commands)))
    assert variables <= {"PY", "RC", "ERRORLEVEL"}  # none of them holds a path


def test_bat_expands_no_percent_sign_in_its_comments():
    """A lone % in a comment line is still parsed by cmd.exe: the comments have none."""
    for line in bat_lines():
        if line.lower().startswith("rem"):
            assert "%" not in line.replace("%~dp0", ""), line


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


def normal_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def launcher_env() -> dict[str, str]:
    """The environment of a double-click: no venv active, Python 3.11+ on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env.pop(bootstrap.LAUNCHER_ENV, None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


# A folder name as hostile as Linux and Windows allow: spaces, a command substitution,
# quotes, percent and exclamation marks (cmd.exe's variables), &, brackets, Danish letters.
HOSTILE = "Mine filer æøå $(touch PWNED) 'x' \"y\" 100% !z! & (1)"


def installed_copy(project: Path) -> None:
    """A copy of the program in ``project`` with a ``.venv`` the bootstrap takes as
    installed: a real venv (no pip) whose packages are this test environment's, and the
    install record of this folder. So a launcher test runs in seconds, not minutes."""
    import sysconfig

    copy_project(project)
    venv_dir = project / bootstrap.VENV_NAME
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv_dir)], check=True)
    done = subprocess.run(
        [
            str(bootstrap.venv_python(venv_dir)),
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib'))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    packages = Path(done.stdout.strip())
    (packages / "test-environment.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    marker = venv_dir / bootstrap.MARKER_NAME
    marker.write_text(bootstrap.format_marker(bootstrap.fingerprint(project)), encoding="utf-8")


def menu_number(action: str) -> int:
    """The number the menu shows for ``action`` (an ``Action`` name), as the author reads it."""
    return [name for name, _ in bootstrap.MENU].index(action) + 1


def double_click(project: Path, cwd: Path, keys: str = "\n", env=None, faketime=None):
    """The Linux launcher started with no arguments, ``keys`` typed at its menu (the
    report's page numbers skipped: no LibreOffice start)."""
    env = {**(launcher_env() if env is None else env), "AFRAPPORTERING_UDEN_SIDETAL": "1"}
    prefix = ["faketime", faketime] if faketime else []
    return subprocess.run(
        [*prefix, "bash", str(project / SH.name)],
        input=keys,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
    )


@pytest.mark.skipif(os.name == "nt", reason="the Linux launcher")
@pytest.mark.slow
def test_the_launcher_in_a_hostile_folder_runs_nothing_from_its_name(tmp_path):
    """Started from a folder named like a shell command, with HOME unset (a user
    without a home), a double-click with Enter writes the report; nothing of the
    name runs, and no Python traceback is shown."""
    project = tmp_path / HOSTILE
    project.mkdir()
    installed_copy(project)
    env = launcher_env()
    env.pop("HOME", None)
    done = double_click(project, cwd=tmp_path, env=env)
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert "Hvad vil du gøre?" in done.stderr
    assert f"Rapporten er skrevet: {project / 'output' / 'Afrapportering_2023.docx'}" in done.stdout
    assert (project / "output" / "Afrapportering_2023.docx").is_file()
    assert done.stderr.strip().splitlines()[-1] == "Færdig."
    assert "Traceback" not in said
    assert not [path for path in tmp_path.rglob("PWNED")]
    assert not (Path.cwd() / "PWNED").exists()


@pytest.mark.skipif(os.name == "nt", reason="the Linux launcher")
@pytest.mark.slow
def test_a_new_contract_period_from_the_menu(tmp_path):
    """Menu line 6 and the period typed: the old input kept beside, the new contract in
    input, the next steps said in the menu's words, no command named."""
    project = tmp_path / "Afrapportering"
    project.mkdir()
    installed_copy(project)
    done = double_click(project, cwd=tmp_path, keys=f"{menu_number('NEW_PERIOD')}\n2024-2027\n")
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    assert (project / "input_2020-2023" / "kontrakt.xlsx").is_file()
    assert "Kontraktperioden er 2024–2027 med prisniveau 2024." in done.stdout
    assert "vælg »Tjek data« i menuen, når du dobbeltklikker på lav_afrapportering.sh" in said
    assert "aarsrapport" not in said and "--" not in said
    assert done.stderr.strip().splitlines()[-1] == "Færdig."


@pytest.mark.skipif(os.name == "nt", reason="the Linux launcher")
@pytest.mark.slow
def test_the_launcher_with_arguments_asks_nothing_and_keeps_json_pure(tmp_path):
    """Non-interactively, as today: 'tjek --json' prints one JSON document, no menu."""
    import json

    project = tmp_path / "Anne Jensen" / "Afrapportering æøå"
    project.mkdir(parents=True)
    installed_copy(project)
    done = subprocess.run(
        ["bash", str(project / SH.name), "tjek", "--json"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=launcher_env(),
        cwd=project,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    problems = json.loads(done.stdout)  # the example's warnings, and nothing else
    assert problems and {problem["niveau"] for problem in problems} == {"advarsel"}
    assert "Hvad vil du gøre?" not in done.stderr


@pytest.mark.skipif(shutil.which("faketime") is None, reason="needs faketime")
@pytest.mark.slow
def test_a_double_click_on_20_january_makes_last_years_report(tmp_path):
    """Issue 19's first "done when": on 20 January 2024, the log holding January 2024
    referrals and the contract period going on to 2025, "Begynd et nyt år" makes the
    texts file for 2023, and then the launcher with no arguments and only Enter writes
    the 2023 report with those texts, and says first that it chose 2023."""
    from factory import referrals, settings, valid_data, write_inputs

    project = tmp_path / "Afrapportering"
    project.mkdir()
    installed_copy(project)
    shutil.rmtree(project / "input")
    data = valid_data(2023)
    data["Kontrakt"] = settings(last_year=2025)
    data["Henvisninger"] = data["Henvisninger"] + referrals(2024, 1)  # dated 1 January 2024
    write_inputs(project / "input", data)
    day = "2024-01-20 09:00:00"
    new_year = double_click(
        project, cwd=tmp_path, keys=f"{menu_number('NEW_YEAR')}\n", faketime=day
    )
    assert new_year.returncode == 0, new_year.stdout + new_year.stderr
    assert new_year.stdout.startswith("Teksterne laves til 2023"), new_year.stdout
    assert (project / "input" / "tekster_2023.docx").is_file()
    assert not (project / "input" / "tekster_2024.docx").exists()

    done = double_click(project, cwd=tmp_path, faketime=day)
    said = done.stdout + done.stderr
    assert done.returncode == 0, said
    first_lines = done.stdout.splitlines()[:2]
    assert first_lines[1].startswith("Rapporten laves for 2023 – det seneste hele år"), said
    assert (project / "output" / "Afrapportering_2023.docx").is_file()
    assert not (project / "output" / "Afrapportering_2024.docx").exists()
    assert "tekster_2023.docx: 0 afsnit med tekst" in done.stdout  # the file ny made
    assert "nu oprettet" not in said and "findes ikke" not in said
    assert done.stderr.strip().splitlines()[-1] == "Færdig."


@pytest.mark.slow
def test_two_launchers_at_once_on_a_fresh_clone(tmp_path):
    """Two double-clicks at once on a fresh clone in a folder named like a shell command:
    one install from the lock file (the other window says 'vent' and waits), one working
    .venv, both end with a report, and nothing of the folder's name runs."""
    project = tmp_path / HOSTILE
    project.mkdir()
    copy_project(project)
    env = launcher_env()

    def start(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            ["bash", str(project / SH.name), *args],
            stdin=subprocess.DEVNULL,  # a closed input: the menu's first line, the report
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,  # not the project folder: the launcher finds its own
        )

    windows = [start(), start()]
    results = [(window.wait(timeout=1800), *window.communicate()) for window in windows]
    for code, out, err in results:
        assert code == 0, out + err
        assert err.strip().splitlines()[-1] == "Færdig."
        assert "Rapporten er skrevet" in out
    errs = [err for _, _, err in results]
    assert sum("Første gang" in err for err in errs) == 1
    assert sum("Installationen er i gang i et andet vindue – vent" in err for err in errs) == 1
    assert (project / ".venv" / bootstrap.MARKER_NAME).is_file()
    assert (project / "output" / "Afrapportering_2023.docx").is_file()
    assert len(list((project / "output" / "tidligere").glob("Afrapportering_2023_*.docx"))) == 1
    assert not [path for path in tmp_path.rglob("PWNED")]

    python = bootstrap.venv_python(project / ".venv")
    frozen = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "numpy==" in frozen  # installed from the lock: exact versions
    locked = {
        (normal_name(name), version)
        for name, version in re.findall(
            r"^([A-Za-z0-9._-]+)==(\S+)", (ROOT / "requirements.lock").read_text(), re.M
        )
    }
    for line in frozen.splitlines():
        name, _, version = line.partition("==")
        assert (normal_name(name), version) in locked, line

    again = subprocess.run(
        ["bash", str(project / SH.name), "--aar", "2023"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Første gang" not in again.stderr
    assert "install" not in again.stderr
