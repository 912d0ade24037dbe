"""Make the program ready on first use, then run ``aarsrapport lav``.

The double-click launchers (``Lav_afrapportering.bat``, ``lav_afrapportering.sh``)
run this file by path with the system Python. It creates ``.venv`` in the
program's folder and installs into it, in two steps:

1. every dependency from ``requirements.lock``, at its exact version and with
   its hash checked (``--require-hashes``): each author gets the versions the
   tests passed with, whatever PyPI holds that day. With a ``wheels/`` folder
   beside it (the offline release zip) it installs from there with no
   network at all (``--no-index --find-links wheels``);
2. the program itself without dependencies (``--no-deps``), built by the
   locked setuptools (``--no-build-isolation``), so nothing unpinned is
   fetched.

It remembers what it installed in ``.venv/afrapportering-installeret.txt``,
written only after both steps succeeded; a missing or different record means
install again, in a fresh ``.venv`` (so an install killed half-way is redone,
never trusted). Then it runs ``aarsrapport`` from the venv and ends with one
closing line that says what the exit code means.

Its own lines go to standard error, so that standard output carries only what
the program prints (``tjek --json`` stays one JSON document).

ONE AT A TIME: a second double-click while the first one installs (or runs)
waits for it, saying so, instead of installing twice into the same folder.
The lock is an operating-system lock on ``.afrapportering.lock`` (``flock`` /
``msvcrt.locking``), which the system releases when its holder ends in any
way, killed included, so a stale lock cannot outlive its process. The file
also names the holder's process id and what it is doing, for the message.

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
  effect at once; only a change to ``pyproject.toml`` or the lock file needs
  a reinstall, and the fingerprint catches exactly that.

A venv holds absolute paths, so the fingerprint also records the folder; a
moved folder gets a fresh venv.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import NamedTuple

MIN_PYTHON = (3, 11)
REPO = Path(__file__).resolve().parent.parent
VENV_NAME = ".venv"
LOCK_NAME = "requirements.lock"
WHEELS_NAME = "wheels"
BUSY_NAME = ".afrapportering.lock"
MARKER_NAME = "afrapportering-installeret.txt"
INSTALL_MODE = "lock-1"  # bump to force a reinstall everywhere
COMMANDS = ("lav", "tjek", "ny")
# The program leaves its closing line to us when this is set (one line, not two).
LAUNCHER_ENV = "AFRAPPORTERING_LAUNCHER"
WAIT_SECONDS = 30 * 60  # a first install on a slow line takes minutes, never half an hour
POLL_SECONDS = 0.5
# 130/143: the program's own answer to Ctrl-C/SIGTERM; negative: killed by that
# signal on Linux; 0xC000013A: a Windows console program ended by Ctrl-C.
INTERRUPTED = (130, 143, -2, -15, 0xC000013A)
EXIT_OK, EXIT_DATA, EXIT_CANNOT = 0, 1, 2

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
GAVE_UP = (
    "Programmet er stadig i gang i et andet vindue (proces {pid}) efter {minutes} minutter. "
    "Se efter det andet vindue, luk det, og prøv igen."
)

PIP_FAILED = """
Programmet kunne ikke gøres klar: installationen af de pakker, det bruger, mislykkedes.
Første gang (og efter en opdatering) henter programmet pakkerne fra internettet (pypi.org).
  • Tjek at computeren er på internettet, og prøv igen.
  • Bruger netværket en proxy, så sæt HTTPS_PROXY (se README.md, "Installation uden
    internet, uden administratorrettigheder og bag en proxy").
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


class StillBusy(Exception):
    """The other window held the lock for longer than we wait."""

    def __init__(self, pid: str) -> None:
        super().__init__(pid)
        self.pid = pid


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
        "lock-sha256": hashlib.sha256((repo / LOCK_NAME).read_bytes()).hexdigest(),
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


def needs_install(recorded: dict[str, str] | None, current: dict[str, str]) -> bool:
    """True unless the recorded fingerprint matches the current one."""
    return plan(True, True, True, recorded, current).install


def report_args(argv: list[str]) -> list[str]:
    """Arguments for ``aarsrapport``: ``lav`` unless a command is given."""
    if argv and argv[0] in COMMANDS:
        return list(argv)
    return ["lav", *argv]


def wheels_folder(repo: Path) -> Path | None:
    """The offline release's ``wheels/`` folder, when this copy has one."""
    folder = repo / WHEELS_NAME
    return folder if folder.is_dir() else None


def install_commands(venv_python: Path, repo: Path, wheels: Path | None) -> list[list[str]]:
    """The locked dependencies with hashes required, then the program without them."""
    pip = [str(venv_python), *("-m", "pip", "install", "--disable-pip-version-check", "-q")]
    source = ["--no-index", "--find-links", str(wheels)] if wheels else []
    return [
        [*pip, *source, "--require-hashes", "-r", str(repo / LOCK_NAME)],
        [*pip, *source, "--no-deps", "--no-build-isolation", "-e", str(repo)],
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


def install(venv_python: Path, repo: Path, wheels: Path | None) -> bool:
    for command in install_commands(venv_python, repo, wheels):
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


def _try_lock(handle) -> bool:
    """Take the operating system's lock on the open file; False while another holds it."""
    if os.name == "nt":
        import msvcrt

        # Lock one byte far past the text, so the waiting window can still read it.
        handle.seek(1 << 20)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:
        return True  # a file system without locks: go on unguarded rather than never
    return True


def read_holder(path: Path) -> dict[str, str]:
    try:
        return parse_marker(path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return {}


class OneAtATime:
    """Holds ``.afrapportering.lock`` for as long as this bootstrap installs or runs."""

    def __init__(self, repo: Path, wait_seconds: float = WAIT_SECONDS) -> None:
        self.path = repo / BUSY_NAME
        self.wait_seconds = wait_seconds
        self.handle = None

    def __enter__(self) -> OneAtATime:
        fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o644)
        self.handle = os.fdopen(fd, "r+b")
        if not _try_lock(self.handle):
            self._wait()
        self.note("starter")
        return self

    def _wait(self) -> None:
        """Poll for the lock, telling the author what the other window is doing."""
        started = time.monotonic()
        said = None
        while not _try_lock(self.handle):
            waited = time.monotonic() - started
            if waited > self.wait_seconds:
                self.handle.close()
                raise StillBusy(read_holder(self.path).get("proces", "?"))
            state = read_holder(self.path).get("tilstand")
            # The holder notes its state a moment after it takes the lock; until then
            # (or if it never does) the plainer message is the true one.
            busy = BUSY_INSTALLING if state == "installerer" else None
            if state == "kører" or (busy is None and said is None and waited > 2):
                busy = BUSY_RUNNING
            if busy is not None and busy != said:
                say(busy)
                said = busy
            time.sleep(POLL_SECONDS)

    def note(self, state: str) -> None:
        """Tell a waiting window who holds the lock and what it is doing."""
        text = f"proces: {os.getpid()}\ntilstand: {state}\n"
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(text.encode("utf-8"))
        self.handle.flush()

    def __exit__(self, *exc_info) -> None:
        self.handle.seek(0)
        self.handle.truncate()  # no stale note for the next window to misread
        self.handle.flush()
        if os.name == "nt":  # Windows asks for an explicit unlock before the close
            import msvcrt

            self.handle.seek(1 << 20)
            msvcrt.locking(self.handle.fileno(), msvcrt.LK_UNLCK, 1)
        self.handle.close()  # on Linux closing releases the lock (so does dying)


# --- The run ------------------------------------------------------------------


def say(text: str) -> None:
    sys.stdout.flush()  # keep our lines after what was printed before them
    print(text, file=sys.stderr, flush=True)


def prepare(repo: Path, venv_dir: Path, busy: OneAtATime | None = None) -> int:
    """Create and install what is missing or outdated; 0 when ready, else 2."""
    venv_python, script = venv_paths(venv_dir)
    current = fingerprint(repo)
    exists = venv_python.is_file()
    works = exists and probe(venv_python)
    marker = venv_dir / MARKER_NAME
    recorded = read_marker(marker) if script.is_file() else None
    todo = plan(venv_dir.is_dir(), exists, works, recorded, current)
    if not todo.install:
        return EXIT_OK
    if busy is not None:
        busy.note("installerer")
    say(todo.message)
    wheels = wheels_folder(repo)
    if wheels is not None:
        say(FROM_WHEELS)
    error = create_venv(venv_dir)  # a fresh venv: the lock's packages and nothing else
    if error:
        say(error)
        return EXIT_CANNOT
    if not install(venv_python, repo, wheels):
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
    """The author's last line: what the exit code of ``aarsrapport`` means."""
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


class Outcome(NamedTuple):
    code: int
    interrupted: bool  # Ctrl-C was pressed while the program ran


def run_program(script: Path, args: list[str]) -> Outcome:
    """Run ``aarsrapport`` and return its exit code.

    Ctrl-C reaches both processes; the program answers it, so this one only
    notes it and waits for that answer instead of leaving first.
    """
    env = dict(os.environ)
    env[LAUNCHER_ENV] = "1"
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        code = subprocess.run([str(script), *args], env=env).returncode
    finally:
        signal.signal(signal.SIGINT, previous)
    return Outcome(code, bool(pressed))


def run(argv: list[str], repo: Path, wait_seconds: float = WAIT_SECONDS) -> int:
    for needed in ("pyproject.toml", LOCK_NAME):
        if not (repo / needed).is_file():
            say(f"Filen {needed} mangler i {repo}. Hent hele programmet igen.")
            return EXIT_CANNOT
    venv_dir = repo / VENV_NAME
    args = report_args(argv)
    try:
        with OneAtATime(repo, wait_seconds) as busy:
            code = prepare(repo, venv_dir, busy)
            if code:
                return code
            busy.note("kører")
            started = time.time() - 1  # file times may be rounded down
            _, script = venv_paths(venv_dir)
            code, interrupted = run_program(script, args)
    except StillBusy as busy:
        say(GAVE_UP.format(pid=busy.pid, minutes=round(wait_seconds / 60)))
        return EXIT_CANNOT
    error_report = new_error_report(output_folder(args), started) if code == EXIT_DATA else None
    # After Ctrl-C the program's exit code may be any "did not finish": say what happened.
    told = INTERRUPTED[0] if interrupted and code != EXIT_OK else code
    say(closing_line(told, args[0], error_report))
    return code


def main(argv: list[str] | None = None, repo: Path | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # an odd console must not turn "ø" into a crash
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    if not python_ok(sys.version_info):
        say(old_python_message(sys.version_info))
        return EXIT_CANNOT
    try:
        return run(sys.argv[1:] if argv is None else argv, repo or REPO)
    except KeyboardInterrupt:
        say("\nAfbrudt.")
        return 130
    except OSError as err:
        say(f"Programmet kunne ikke gøres klar: {err}")
        return EXIT_CANNOT


if __name__ == "__main__":
    sys.exit(main())
