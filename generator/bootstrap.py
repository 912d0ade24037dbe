"""Make the program ready on first use, then run what the author chose.

The double-click launchers (``Lav_afrapportering.bat``, ``lav_afrapportering.sh``)
run this file by path with the system Python. Started with no arguments (a
double-click) it shows a short numbered menu of the author's actions
(``generator/core/actions.py`` names them); Enter, or an input that has ended,
chooses the first line, "Lav rapporten". Started with arguments (``lav --aar
2023``, ``tjek --json``) it runs them as given, with no menu. ``--help`` lists
the commands; a misspelt one gets "Mente du »lav«?".

It creates ``.venv`` in the program's folder and installs into it every
dependency from ``requirements.lock``, at its exact version and with its hash
checked (``--require-hashes``): each author gets the versions the tests passed
with, whatever PyPI holds that day. With a ``wheels/`` folder beside it (the
offline release zip) it installs from there with no network at all
(``--no-index --find-links wheels``).

It remembers what it installed in ``.venv/afrapportering-installeret.txt``,
written only after the install succeeded; a missing or different record means
install again, in a fresh ``.venv`` (so an install killed half-way is redone,
never trusted). Then it runs the program and ends with one closing line that
says what the exit code means.

The program itself is NOT installed into the venv: the venv's Python runs the
package ``generator`` from this folder, as ``python -m generator`` would, with
the folder handed over as an argument (``PROGRAM``). So:

* nothing a shell re-reads stands between the launcher and the program. The
  console script pip writes (``.venv/bin/aarsrapport``) starts with an
  ``exec "…/.venv/bin/python"`` line that ``/bin/sh`` expands, so a folder named
  ``$(touch PWNED)`` would run a command; and an editable install builds the
  project with setuptools in the folder and writes its path into the venv's
  files, one more place for an odd folder name to fail. Each path here is one
  argument of a process, never text in a file or a command line a shell parses;
* ``templates/`` beside the package (which the author may edit in Word) is
  found, and a newer version of the program (new files copied or pulled in)
  takes effect at once; only a change to ``pyproject.toml`` or the lock file
  needs a reinstall, and the fingerprint catches exactly that.

Its own lines go to standard error, so that standard output carries only what
the program prints (``tjek --json`` stays one JSON document).

ONE AT A TIME: a second double-click while the first one installs (or runs)
waits for it, saying so, instead of installing twice into the same folder.
The lock is the program's one operating-system lock (``generator/core/oslock.py``,
also the output folder's) on ``.afrapportering.lock``, which the system releases
when its holder ends in any way, killed included, so a stale lock cannot outlive
its process. The file also names the holder's process id and what it is doing,
for the message; after the wait the lock's own Danish refusal is said.

This runs before the venv exists. Keep the module parseable by old Python 3
versions (no ``match``, ``tomllib`` imported lazily) so that an old Python gets
the Danish "too old" message instead of a traceback.

STANDARD LIBRARY ONLY, and nothing from the ``generator`` package but three
modules of ``generator/core``, each itself standard library only and loaded by
its path (the package cannot be imported before the install): ``launch.py``
(the exit codes, the environment variable and the commands the program and this
file share), ``oslock.py`` (the lock) and ``actions.py`` (the menu's labels,
loaded after the version check).

A venv holds absolute paths, so the fingerprint also records the folder; a
moved folder gets a fresh venv.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from collections.abc import Callable

    Ask = Callable[[str], str | None]  # reads one answer; None at the end of input

MIN_PYTHON = (3, 11)
REPO = Path(__file__).resolve().parent.parent
VENV_NAME = ".venv"
LOCK_NAME = "requirements.lock"
WHEELS_NAME = "wheels"
BUSY_NAME = ".afrapportering.lock"
MARKER_NAME = "afrapportering-installeret.txt"
INSTALL_MODE = "lock-2"  # bump to force a reinstall everywhere (2: the program not installed)
HELP_ARGS = ("-h", "--help", "hjælp", "/?")
CORE = Path(__file__).resolve().parent / "core"
ACTIONS_FILE = CORE / "actions.py"
LAUNCH_FILE = CORE / "launch.py"
OSLOCK_FILE = CORE / "oslock.py"


def load_core(path: Path) -> ModuleType:
    """A standard-library module of ``generator/core``, loaded by its path (its names
    are Any to mypy: the constants taken from it are typed where they are taken)."""
    spec = importlib.util.spec_from_file_location(f"afrapportering_{path.stem}", str(path))
    if spec is None or spec.loader is None:
        raise ImportError(f"{path} kan ikke læses")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


launch = load_core(LAUNCH_FILE)
oslock = load_core(OSLOCK_FILE)
# The program's commands, as its own help names them.
COMMANDS = launch.COMMANDS
# The venv's Python runs the package from the program's folder, given as an argument
# (no file, no environment variable, no shell holds the path): ``python -m generator``.
PROGRAM = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
    "runpy.run_module('generator', run_name='__main__', alter_sys=True)"
)
# The program leaves its closing line to us when this is set (one line, not two).
LAUNCHER_ENV = launch.LAUNCHER_ENV
WAIT_SECONDS = 30 * 60  # a first install on a slow line takes minutes, never half an hour
INTERRUPTED = launch.INTERRUPTED
EXIT_OK: int = launch.EXIT_OK
EXIT_DATA: int = launch.EXIT_DATA
EXIT_CANNOT: int = launch.EXIT_CANNOT
EXIT_INTERRUPTED: int = launch.EXIT_INTERRUPTED

FIRST_TIME = "Første gang: gør programmet klar (det tager et par minutter) …"
UNFINISHED = (
    "Sidste klargøring af programmet blev ikke færdig – gør det forfra "
    "(det tager et par minutter) …"
)
UPDATED = "Programmet er opdateret – installerer igen …"
MOVED = "Programmets mappe er flyttet – gør programmet klar igen (det tager et par minutter) …"
BROKEN = (
    "Programmets Python-miljø (.venv) virker ikke længere, måske fordi Python er "
    "opdateret – gør programmet klar igen (det tager et par minutter) …"
)
FROM_WHEELS = "Installerer fra mappen wheels ved siden af programmet (uden internet) …"
READY = "Programmet er klar."
BUSY_INSTALLING = (
    "Installationen er i gang i et andet vindue – vent, til den er færdig (det kan tage et "
    "par minutter). Programmet fortsætter selv bagefter …"
)
BUSY_RUNNING = (
    "Programmet kører allerede i et andet vindue – vent, til det er færdigt. "
    "Programmet fortsætter selv bagefter …"
)

PIP_FAILED = """
Programmet kunne ikke gøres klar: installationen af de pakker, det bruger, mislykkedes.
Første gang (og efter en opdatering) henter programmet pakkerne fra internettet (pypi.org).
  • Tjek at computeren er på internettet, og prøv igen.
  • Bruger netværket en proxy, så bed IT om at sætte HTTPS_PROXY (se
    docs/command-line.md, "Behind a proxy").
  • Når computeren ikke må hente fra internettet: brug zip-filen med mappen wheels
    (Afrapportering-…-windows.zip), som installerer uden internet.
  • Virker det stadig ikke, så send teksten ovenfor til den, der vedligeholder programmet."""

WHEELS_FAILED = """
Programmet kunne ikke gøres klar: installationen fra mappen wheels mislykkedes.
Mappen wheels har pakkerne til 64-bit Python {versions}; denne computer kører
Python {python} ({bits}-bit).
  • Pak hele zip-filen ud igen (højreklik, "Udpak alle"), så ingen filer mangler.
  • Er Python en anden version, så installér Python {newest} (64-bit) fra python.org.
  • Virker det stadig ikke, så send teksten ovenfor til den, der vedligeholder programmet."""


class Plan(NamedTuple):
    """What the bootstrap must do before it can run the program.

    Every install starts from a fresh ``.venv``: it then holds exactly the lock
    file's packages, and whatever an interrupted install left is gone.
    """

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


def venv_python(venv_dir: Path, windows: bool | None = None) -> Path:
    """The venv's Python, for Windows or POSIX."""
    if windows is None:
        windows = os.name == "nt"
    if windows:
        return venv_dir / "Scripts" / "python.exe"
    return venv_dir / "bin" / "python"


def program_command(python: Path, repo: Path, args: list[str]) -> list[str]:
    """``python -m generator ARGS`` with the package taken from ``repo``: one argument
    per path, for a process (never a shell) to start. ``-P``: nothing from the
    current folder is imported in its place."""
    return [str(python), "-P", "-c", PROGRAM, str(repo), *args]


def project_version(pyproject: bytes) -> str:
    import tomllib  # lazily: it is new in 3.11, and the version check comes first

    return str(tomllib.loads(pyproject.decode("utf-8"))["project"]["version"])


def fingerprint(repo: Path) -> dict[str, str]:
    """What the installation depends on; a change means: install again."""
    data = (repo / "pyproject.toml").read_bytes()
    return {
        "pyproject-sha256": hashlib.sha256(data).hexdigest(),
        "lock-sha256": hashlib.sha256((repo / LOCK_NAME).read_bytes()).hexdigest(),
        "version": project_version(data),
        "mappe": str(repo.resolve()),
        "python": ".".join(str(part) for part in sys.version_info[:2]),
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
    venv_exists: bool,
    venv_python_exists: bool,
    venv_works: bool,
    recorded: dict[str, str] | None,
    current: dict[str, str],
) -> Plan:
    """Decide from the venv's state and the fingerprints what to do."""
    if not venv_exists:
        return Plan(True, FIRST_TIME)
    if not venv_python_exists or recorded is None:  # an earlier install was cut short
        return Plan(True, UNFINISHED)
    if not venv_works:
        return Plan(True, BROKEN)
    if recorded.get("mappe") != current["mappe"]:
        return Plan(True, MOVED)
    if recorded != current:
        return Plan(True, UPDATED)
    return Plan(False, None)


def report_args(argv: list[str]) -> list[str]:
    """Arguments for the program: ``lav`` unless a command is given."""
    if argv and (argv[0] in COMMANDS or argv[0] == "--version"):
        return list(argv)
    return ["lav", *argv]


def unknown_command(argv: list[str]) -> str | None:
    """The Danish answer to a first argument that is no command (``lave``), else None."""
    if not argv or argv[0].startswith("-") or argv[0] in COMMANDS:
        return None
    guess = difflib.get_close_matches(argv[0].lower(), list(COMMANDS), n=1, cutoff=0.5)
    hint = f" Mente du »{guess[0]}«?" if guess else ""
    return (
        f"»{argv[0]}« er ikke en kommando.{hint} Kommandoerne er "
        f"{danish_list(list(COMMANDS))} (se --help)."
    )


def help_text(actions: list[str]) -> str:
    """``bootstrap.py --help``: the menu of a double-click, then every command."""
    width = max(len(name) for name in COMMANDS)
    lines = [
        "Brug: Lav_afrapportering.bat [KOMMANDO] [TILVALG …]",
        "      (på Linux og macOS lav_afrapportering.sh; eller python3 generator/bootstrap.py)",
        "",
        "Laver den årlige afrapportering på resultatkontrakten.",
        "",
        "Uden kommando (et dobbeltklik) viser programmet en menu:",
        *(f"  {number}. {label}" for number, label in enumerate(actions, start=1)),
        "",
        "Kommandoer (til kommandolinjen):",
        *(f"  {name.ljust(width)}  {text}" for name, text in COMMANDS.items()),
        "",
        "Uden kommando, men med tilvalg (fx --aar 2023), laves rapporten (lav).",
        "En kommandos tilvalg: KOMMANDO --help, fx lav --help.",
    ]
    return "\n".join(lines)


def wheels_folder(repo: Path) -> Path | None:
    """The offline release's ``wheels/`` folder, when this copy has one."""
    folder = repo / WHEELS_NAME
    return folder if folder.is_dir() else None


def install_commands(python: Path, repo: Path, wheels: Path | None) -> list[list[str]]:
    """The locked dependencies with hashes required (the program runs from its folder)."""
    pip = [str(python), *("-m", "pip", "install", "--disable-pip-version-check", "-q")]
    source = ["--no-index", "--find-links", str(wheels)] if wheels else []
    return [[*pip, *source, "--require-hashes", "-r", str(repo / LOCK_NAME)]]


def probe(python: Path) -> bool:
    """True when the venv's Python starts (its base Python may be gone)."""
    try:
        done = subprocess.run([str(python), "-c", "import sys"], capture_output=True)
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


def install(python: Path, repo: Path, wheels: Path | None) -> bool:
    for command in install_commands(python, repo, wheels):
        try:
            # pip's stdout goes to our stderr: standard output is the program's alone.
            done = subprocess.run(command, stdout=sys.stderr)
        except OSError:
            return False
        if done.returncode != 0:
            return False
    return True


def wheel_pythons(wheels: Path) -> list[str]:
    """The CPython versions the wheels folder was built for ("3.11", …), oldest first."""
    found = set()
    for wheel in wheels.glob("*.whl"):
        for minor in re.findall(r"-cp3(\d+)-", wheel.name):
            found.add(int(minor))
    return [f"3.{minor}" for minor in sorted(found)]


def danish_list(items: list[str]) -> str:
    return " og ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)


def install_failed_message(wheels: Path | None) -> str:
    if wheels is None:
        return PIP_FAILED
    versions = wheel_pythons(wheels) or ["3.11"]
    return WHEELS_FAILED.format(
        versions=danish_list(versions),
        newest=versions[-1],
        python=".".join(str(part) for part in sys.version_info[:3]),
        bits=64 if sys.maxsize > 2**32 else 32,
    )


# --- One at a time ----------------------------------------------------------


class OneAtATime:
    """Holds ``.afrapportering.lock`` for as long as this bootstrap installs or runs;
    a second window waits, saying what the first one is doing."""

    def __init__(self, repo: Path, wait_seconds: float = WAIT_SECONDS) -> None:
        self.lock = oslock.FileLock(repo / BUSY_NAME, wait_seconds)
        self.said: str | None = None

    def __enter__(self) -> OneAtATime:
        self.lock.acquire(self._waiting)
        return self

    def _waiting(self, waited: float, note: dict[str, str]) -> None:
        """Tell the author what the other window is doing, once per change."""
        state = note.get("tilstand")
        # The holder notes its state a moment after it takes the lock; until then
        # (or if it never does) the plainer message is the true one.
        busy = BUSY_INSTALLING if state == "installerer" else None
        if state == "kører" or (busy is None and self.said is None and waited > 2):
            busy = BUSY_RUNNING
        if busy is not None and busy != self.said:
            say(busy)
            self.said = busy

    def note(self, state: str) -> None:
        """Tell a waiting window who holds the lock and what it is doing."""
        self.lock.note(state)

    def __exit__(self, *exc_info: object) -> None:
        self.lock.release()


# --- The run ------------------------------------------------------------------


def say(text: str) -> None:
    sys.stdout.flush()  # keep our lines after what was printed before them
    print(text, file=sys.stderr, flush=True)


def prepare(repo: Path, venv_dir: Path, busy: OneAtATime | None = None) -> int:
    """Create and install what is missing or outdated; 0 when ready, else 2."""
    python = venv_python(venv_dir)
    current = fingerprint(repo)
    exists = python.is_file()
    works = exists and probe(python)
    marker = venv_dir / MARKER_NAME
    recorded = read_marker(marker)
    todo = plan(venv_dir.is_dir(), exists, works, recorded, current)
    if not todo.install:
        return EXIT_OK
    if busy is not None:
        busy.note("installerer")
    say(todo.message or "")
    wheels = wheels_folder(repo)
    if wheels is not None:
        say(FROM_WHEELS)
    error = create_venv(venv_dir)  # a fresh venv: the lock's packages and nothing else
    if error:
        say(error)
        return EXIT_CANNOT
    if not install(python, repo, wheels):
        say(install_failed_message(wheels))
        return EXIT_CANNOT
    marker.write_text(format_marker(current), encoding="utf-8")  # only after success
    say(READY)
    return EXIT_OK


def output_folder(args: list[str]) -> Path:
    """The ``--output`` folder the program writes to (its default is ``output``)."""
    for index, arg in enumerate(args):
        if arg == "--output" and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--output="):
            return Path(arg.partition("=")[2])
    return Path("output")


def new_error_report(folder: Path, since: float) -> Path | None:
    """The ``Fejlrapport_ÅR.xlsx`` this run wrote, if it wrote one."""
    try:
        written = [
            path for path in folder.glob("Fejlrapport_*.xlsx") if path.stat().st_mtime >= since
        ]
    except OSError:
        return None
    return max(written, key=lambda path: path.stat().st_mtime, default=None)


def closing_line(code: int, command: str = "lav", error_report: Path | None = None) -> str:
    """The author's last line: what the program's exit code means, for the command run."""
    if code == EXIT_OK:
        return "Færdig."
    if code == EXIT_DATA:
        outcome = (
            "Der er fejl i data, så rapporten er ikke lavet."
            if command == "lav"
            else ("Der er fejl i data.")
        )
        where = f"listen ovenfor og {error_report.name}" if error_report else "listen ovenfor"
        return f"{outcome} Se {where}, ret fejlene i dine egne projektmapper, og kør igen."
    if code == EXIT_CANNOT:
        return "Programmet stoppede – læs beskeden ovenfor."
    if code in INTERRUPTED:
        return "Afbrudt."
    return (
        f"Programmet stoppede uventet (kode {code}). "
        "Send teksten ovenfor til den, der vedligeholder programmet."
    )


# --- The menu -----------------------------------------------------------------

# Each line of the menu: the member of ``actions.Action`` that names it, and the
# program's arguments (None: the menu asks a question first, or ends).
MENU = (
    ("REPORT", ["lav"]),
    ("REPORT_PDF", ["lav", "--pdf"]),
    ("CHECK", ["tjek"]),
    ("OTHER_YEAR", None),
    ("STATUS", ["status"]),
    ("NEW_YEAR", ["ny"]),
    ("NEW_PERIOD", None),
    ("QUIT", None),
)
INPUT_FOLDER = "input"  # the menu's commands use the program's default folders
ATTEMPTS = 3  # answers a question takes before it gives up
YEAR = re.compile(r"\s*(\d{4})\s*")
PERIOD = re.compile(r"\s*(\d{4})\s*[-–—]\s*(\d{4})\s*")


class Quit(Exception):
    """The author chose "Afslut", or gave up on a question: nothing is run."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message)
        self.message = message


def menu_labels(path: Path = ACTIONS_FILE) -> dict[str, str]:
    """The menu's Danish labels from ``generator/core/actions.py``, by member name."""
    return {member.name: member.value for member in load_core(path).Action}


def menu_lines(labels: dict[str, str]) -> list[str]:
    return [labels[name] for name, _ in MENU]


def ask_line(prompt: str) -> str | None:
    """One answer from the keyboard; None when the input has ended (EOF, closed stdin)."""
    sys.stdout.flush()
    sys.stderr.write(prompt)
    sys.stderr.flush()
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):  # no console at all
        line = ""
    if not line or not _is_terminal(sys.stdin):  # a terminal echoes the Enter itself
        sys.stderr.write("\n")
    return line.rstrip("\r\n") if line else None


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def choose(labels: dict[str, str], ask: Ask = ask_line) -> list[str]:
    """Show the menu and return the program's arguments for the line chosen.

    Enter alone, or an input that has ended, chooses the first line; raises
    ``Quit`` for "Afslut"."""
    lines = menu_lines(labels)
    say("\nHvad vil du gøre?")
    for number, label in enumerate(lines, start=1):
        say(f"  {number}. {label}" + ("   (tryk bare Enter)" if number == 1 else ""))
    for _ in range(ATTEMPTS):
        answer = ask(f"Skriv et tal fra 1 til {len(lines)}, og tryk Enter: ")
        if answer is None or not answer.strip():
            return list(MENU[0][1])
        picked = answer.strip().rstrip(".")
        if picked.isdigit() and 1 <= int(picked) <= len(lines):
            name, args = MENU[int(picked) - 1]
            say(f"Du har valgt: {labels[name]}")
            return list(args) if args is not None else _ask_more(name, ask)
        say(f"»{answer.strip()}« er ikke et af tallene 1 til {len(lines)}.")
    raise Quit("Intet valgt – programmet slutter uden at gøre noget.")


def _ask_more(name: str, ask: Ask) -> list[str]:
    if name == "OTHER_YEAR":
        return _ask_year(ask)
    if name == "NEW_PERIOD":
        return _ask_period(ask)
    raise Quit()


def _ask_year(ask: Ask) -> list[str]:
    for _ in range(ATTEMPTS):
        answer = ask("Hvilket år skal rapporten laves for? Skriv årstallet, fx 2023: ")
        if answer is None:  # the input has ended: the default, as with Enter in the menu
            return ["lav"]
        found = YEAR.fullmatch(answer)
        if found:
            return ["lav", "--aar", found.group(1)]
        say(f"»{answer.strip()}« er ikke et årstal. Skriv fire cifre, fx 2023.")
    raise Quit("Intet år valgt – programmet slutter uden at gøre noget.")


def _ask_period(ask: Ask) -> list[str]:
    for _ in range(ATTEMPTS):
        answer = ask("Hvilke år dækker den nye kontrakt? Skriv første og sidste år, fx 2024-2027: ")
        if answer is None or not answer.strip():
            raise Quit("Ingen periode valgt – intet er ændret.")
        found = PERIOD.fullmatch(answer)
        if found:
            first, last = found.groups()
            # The new period's workbooks take the place of the old ones in input/,
            # which the program keeps in a copy beside it.
            return ["ny", "--periode", f"{first}-{last}", "--fra", INPUT_FOLDER]
        say(f"»{answer.strip()}« er ikke en periode. Skriv to årstal med en streg, fx 2024-2027.")
    raise Quit("Ingen periode valgt – intet er ændret.")


class Outcome(NamedTuple):
    code: int
    interrupted: bool  # Ctrl-C was pressed while the program ran


def run_program(python: Path, repo: Path, args: list[str]) -> Outcome:
    """Run the program and return its exit code.

    Ctrl-C reaches both processes; the program answers it, so this one only
    notes it and waits for that answer instead of leaving first.
    """
    env = dict(os.environ)
    env[LAUNCHER_ENV] = "1"
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        code = subprocess.run(program_command(python, repo, args), env=env).returncode
    finally:
        signal.signal(signal.SIGINT, previous)
    return Outcome(code, bool(pressed))


def run(
    argv: list[str], repo: Path, wait_seconds: float = WAIT_SECONDS, ask: Ask | None = None
) -> int:
    """Run ``argv``, or with none the menu's choice; ``ask`` reads the menu's answers."""
    ask = ask or ask_line
    for needed in ("pyproject.toml", LOCK_NAME):
        if not (repo / needed).is_file():
            say(f"Filen {needed} mangler i {repo}. Hent hele programmet igen.")
            return EXIT_CANNOT
    venv_dir = repo / VENV_NAME
    if argv and argv[0] in HELP_ARGS:
        print(help_text(menu_lines(menu_labels())))
        return EXIT_OK
    unknown = unknown_command(argv)
    if unknown:
        say(f"Fejl i kommandoen: {unknown}")
        return EXIT_CANNOT
    try:
        args = report_args(argv) if argv else choose(menu_labels(), ask)
    except Quit as nothing:
        if nothing.message:
            say(nothing.message)
        return EXIT_OK
    try:
        with OneAtATime(repo, wait_seconds) as busy:
            code = prepare(repo, venv_dir, busy)
            if code:
                return code
            busy.note("kører")
            started = time.time() - 1  # file times may be rounded down
            code, interrupted = run_program(venv_python(venv_dir), repo, args)
    except (oslock.Busy, oslock.Unsupported) as refused:
        say(refused.message)
        return EXIT_CANNOT
    error_report = new_error_report(output_folder(args), started) if code == EXIT_DATA else None
    # After Ctrl-C the program's exit code may be any "did not finish": say what happened.
    told = EXIT_INTERRUPTED if interrupted and code != EXIT_OK else code
    say(closing_line(told, args[0], error_report))
    return code


def main(argv: list[str] | None = None, repo: Path | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # an odd console must not turn "ø" into a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not python_ok(sys.version_info[:3]):
        say(old_python_message(sys.version_info[:3]))
        return EXIT_CANNOT
    try:
        return run(sys.argv[1:] if argv is None else argv, repo or REPO)
    except KeyboardInterrupt:
        say("\nAfbrudt.")
        return EXIT_INTERRUPTED
    except OSError as err:
        say(os_error_message(err, repo or REPO))
        return EXIT_CANNOT


def os_error_message(err: OSError, repo: Path) -> str:
    """A fault of the operating system while getting ready, in Danish (its own text is
    English, or in the system's language)."""
    where = f" ({err.filename})" if err.filename else ""
    if isinstance(err, PermissionError) or err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"Programmet kunne ikke gøres klar: der kan ikke skrives i programmets mappe "
            f"{repo}{where}. Kopiér hele mappen til en mappe, du selv kan skrive i (fx "
            "Dokumenter), og prøv igen derfra."
        )
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return (
            f"Programmet kunne ikke gøres klar: der er ikke plads på drevet{where}. "
            "Frigør plads, og prøv igen."
        )
    code = errno.errorcode.get(err.errno or 0, type(err).__name__)
    return (
        f"Programmet kunne ikke gøres klar (systemfejl {code}){where}. Send teksten til den, "
        "der vedligeholder programmet."
    )


if __name__ == "__main__":
    sys.exit(main())
