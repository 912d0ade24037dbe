"""Make the program ready on first use, then run ``aarsrapport lav``.

The double-click launchers (``Lav_afrapportering.bat``, ``lav_afrapportering.sh``)
run this file by path with the system Python. It creates ``.venv`` in the
program's folder, installs the project into it, remembers what it installed
in ``.venv/afrapportering-installeret.txt`` and installs again when that
changes. Then it runs ``aarsrapport`` from the venv and returns its exit code.

STANDARD LIBRARY ONLY, and nothing from the ``generator`` package: this runs
before the venv exists. Keep the module parseable by old Python 3 versions
(no ``match``, ``tomllib`` imported lazily) so that an old Python gets the
Danish "too old" message instead of a traceback.

The project is installed *editable* (``pip install -e``), because:

* the CLI finds ``templates/afrapportering.docx`` from the program's own
  folder; with an editable install ``generator`` is imported from the repo,
  so ``templates/`` beside it (which the author may edit in Word) is found.
  A normal install would copy only the package into ``site-packages``, away
  from ``templates/``;
* a newer version of the program (new files copied or pulled in) takes
  effect at once; only a change to ``pyproject.toml`` (dependencies, entry
  point, version) needs a reinstall, and the fingerprint catches exactly that.

A venv holds absolute paths, so the fingerprint also records the folder; a
moved folder gets a fresh venv.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import NamedTuple

MIN_PYTHON = (3, 11)
REPO = Path(__file__).resolve().parent.parent
VENV_NAME = ".venv"
MARKER_NAME = "afrapportering-installeret.txt"
INSTALL_MODE = "editable-1"  # bump to force a reinstall everywhere
COMMANDS = ("lav", "tjek", "ny")

FIRST_TIME = "Første gang: gør programmet klar (det tager et par minutter) …"
UNFINISHED = "Gør klargøringen af programmet færdig (det tager et par minutter) …"
UPDATED = "Programmet er opdateret – installerer igen …"
MOVED = "Programmets mappe er flyttet – gør programmet klar igen (det tager et par minutter) …"
BROKEN = (
    "Programmets Python-miljø (.venv) virker ikke længere, måske fordi Python er "
    "opdateret – gør programmet klar igen (det tager et par minutter) …"
)
READY = "Programmet er klar."

PIP_FAILED = """
Programmet kunne ikke gøres klar: installationen af de pakker, det bruger, mislykkedes.
Første gang (og efter en opdatering) henter programmet pakkerne fra internettet (pypi.org).
  • Tjek at computeren er på internettet, og prøv igen.
  • Står computeren på et netværk med proxy eller firewall, så bed IT om hjælp.
  • Virker det stadig ikke, så send teksten ovenfor til den, der vedligeholder programmet."""


class Plan(NamedTuple):
    """What the bootstrap must do before it can run the program."""

    create_venv: bool
    install: bool
    message: str | None


def python_ok(version_info: tuple[int, ...]) -> bool:
    """True when this Python is new enough for the program."""
    return tuple(version_info[:2]) >= MIN_PYTHON


def old_python_message(version_info: tuple[int, ...]) -> str:
    found = ".".join(str(part) for part in version_info[:3])
    need = ".".join(str(part) for part in MIN_PYTHON)
    return (
        f"Programmet kræver Python {need} eller nyere, men blev startet med Python {found}.\n"
        "Hent den nyeste Python fra https://www.python.org/downloads/ og installér den.\n"
        'På Windows: sæt flueben i "Add python.exe to PATH" under installationen.'
    )


def venv_paths(venv_dir: Path, windows: bool | None = None) -> tuple[Path, Path]:
    """The venv's Python and its ``aarsrapport`` script, for Windows or POSIX."""
    if windows is None:
        windows = os.name == "nt"
    if windows:
        return venv_dir / "Scripts" / "python.exe", venv_dir / "Scripts" / "aarsrapport.exe"
    return venv_dir / "bin" / "python", venv_dir / "bin" / "aarsrapport"


def project_version(pyproject: bytes) -> str:
    import tomllib  # lazily: it is new in 3.11, and the version check comes first

    return str(tomllib.loads(pyproject.decode("utf-8"))["project"]["version"])


def fingerprint(repo: Path) -> dict[str, str]:
    """What the installation depends on; a change means: install again."""
    data = (repo / "pyproject.toml").read_bytes()
    return {
        "pyproject-sha256": hashlib.sha256(data).hexdigest(),
        "version": project_version(data),
        "mappe": str(repo.resolve()),
        "installation": INSTALL_MODE,
    }


def format_marker(entries: dict[str, str]) -> str:
    lines = ["# Skrevet af generator/bootstrap.py. Slet filen for at installere igen."]
    lines += [f"{key}: {value}" for key, value in entries.items()]
    return "\n".join(lines) + "\n"


def parse_marker(text: str) -> dict[str, str]:
    entries = {}
    for line in text.splitlines():
        key, sep, value = line.partition(": ")
        if sep and not line.startswith("#"):
            entries[key.strip()] = value.strip()
    return entries


def read_marker(marker: Path) -> dict[str, str] | None:
    try:
        return parse_marker(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def plan(
    venv_python_exists: bool,
    venv_works: bool,
    recorded: dict[str, str] | None,
    current: dict[str, str],
) -> Plan:
    """Decide from the venv's state and the fingerprints what to do."""
    if not venv_python_exists:
        return Plan(True, True, FIRST_TIME)
    if not venv_works:
        return Plan(True, True, BROKEN)
    if recorded is None:  # an earlier install was interrupted, or the script is gone
        return Plan(False, True, UNFINISHED)
    if recorded.get("mappe") != current["mappe"]:
        return Plan(True, True, MOVED)
    if recorded != current:
        return Plan(False, True, UPDATED)
    return Plan(False, False, None)


def needs_install(recorded: dict[str, str] | None, current: dict[str, str]) -> bool:
    """True unless the recorded fingerprint matches the current one."""
    return plan(True, True, recorded, current).install


def report_args(argv: list[str]) -> list[str]:
    """Arguments for ``aarsrapport``: ``lav`` unless a command is given."""
    if argv and argv[0] in COMMANDS:
        return list(argv)
    return ["lav", *argv]


def install_command(venv_python: Path, repo: Path) -> list[str]:
    return [
        str(venv_python),
        *("-m", "pip", "install", "--disable-pip-version-check", "-q"),
        *("-e", str(repo)),
    ]


def probe(venv_python: Path) -> bool:
    """True when the venv's Python starts (its base Python may be gone)."""
    try:
        done = subprocess.run([str(venv_python), "-c", "import sys"], capture_output=True)
    except OSError:
        return False
    return done.returncode == 0


def create_venv(venv_dir: Path) -> str | None:
    """Create (or recreate) the venv; a Danish error message on failure."""
    try:
        builder = venv.EnvBuilder(clear=True, with_pip=True, symlinks=os.name != "nt")
        builder.create(str(venv_dir))
    except (OSError, subprocess.CalledProcessError) as err:
        shutil.rmtree(venv_dir, ignore_errors=True)  # never leave a half-made venv
        return (
            f"Programmet kunne ikke lave sit Python-miljø i mappen {venv_dir}:\n  {err}\n"
            "På Linux (Debian/Ubuntu) mangler der måske pakken python3-venv:\n"
            "  sudo apt install python3-venv"
        )
    return None


def install(venv_python: Path, repo: Path) -> bool:
    try:
        done = subprocess.run(install_command(venv_python, repo))
    except OSError:
        return False
    return done.returncode == 0


def closing_line(code: int) -> str:
    """The author's last line: what the exit code of ``aarsrapport`` means."""
    if code == 0:
        return "Færdig."
    if code == 1:
        return "Der er fejl i data, så der er ikke lavet nogen rapport. Ret fejlene ovenfor."
    if code == 2:
        return "Programmet kunne ikke starte – læs beskeden ovenfor."
    return (
        f"Programmet stoppede uventet (kode {code}). "
        "Send teksten ovenfor til den, der vedligeholder programmet."
    )


def say(text: str) -> None:
    print(text, flush=True)


def prepare(repo: Path, venv_dir: Path) -> int:
    """Create and install what is missing or outdated; 0 when ready, else 2."""
    venv_python, script = venv_paths(venv_dir)
    current = fingerprint(repo)
    exists = venv_python.is_file()
    works = exists and probe(venv_python)
    marker = venv_dir / MARKER_NAME
    recorded = read_marker(marker) if script.is_file() else None
    todo = plan(exists, works, recorded, current)
    if todo.message:
        say(todo.message)
    if todo.create_venv:
        error = create_venv(venv_dir)
        if error:
            say(error)
            return 2
    if todo.install:
        marker.unlink(missing_ok=True)
        if not install(venv_python, repo):
            say(PIP_FAILED)
            return 2
        marker.write_text(format_marker(current), encoding="utf-8")
        say(READY)
    return 0


def run(argv: list[str], repo: Path) -> int:
    if not (repo / "pyproject.toml").is_file():
        say(f"Filen pyproject.toml mangler i {repo}. Hent hele programmet igen.")
        return 2
    venv_dir = repo / VENV_NAME
    code = prepare(repo, venv_dir)
    if code:
        return code
    _, script = venv_paths(venv_dir)
    code = subprocess.run([str(script), *report_args(argv)]).returncode
    say(closing_line(code))
    return code


def main(argv: list[str] | None = None, repo: Path | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # an odd console must not turn "ø" into a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not python_ok(sys.version_info):
        say(old_python_message(sys.version_info))
        return 2
    try:
        return run(sys.argv[1:] if argv is None else argv, repo or REPO)
    except KeyboardInterrupt:
        say("\nAfbrudt.")
        return 130
    except OSError as err:
        say(f"Programmet kunne ikke gøres klar: {err}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
