"""Build the offline releases: the program plus every locked dependency as a wheel.

    .venv/bin/python tools/build_release.py            # both
    .venv/bin/python tools/build_release.py --windows  # only the Windows zip

* ``dist/Afrapportering-VERSION-windows.zip``: for PCs that reach no package
  index. Wheels for 64-bit Windows on CPython 3.11, 3.12 and 3.13 (a pure-Python
  wheel once), so whichever of those Pythons the PC has will do.
* ``dist/Afrapportering-VERSION-linux-TAG.tar.gz``: the same for the Python
  that runs this script (TAG names it, e.g. ``cp311-x86_64``); the tests
  install it with the network cut off.

Both unpack to one folder ``Afrapportering-VERSION/`` with the launchers, the
program, the template, the example input, README, pyproject.toml, the lock
file and ``wheels/``. The bootstrap sees ``wheels/`` and installs from it
with ``--no-index``, hashes still required.

Downloads go through pip (``pip download --only-binary=:all: --platform …``,
checked against the lock's hashes), one target at a time and without
dependencies: the lock already names every package, and pip evaluates a
lock's environment markers for the machine it runs on, not the target, so
the markers are evaluated here for each target.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
WINDOWS_PYTHONS = ("3.11", "3.12", "3.13")
# What the author's copy holds: launchers, program, template, example input, docs.
PROGRAM_FILES = (
    "Lav_afrapportering.bat",
    "lav_afrapportering.sh",
    "README.md",
    "Vejledning.html",
    "pyproject.toml",
    "requirements.lock",
)
PROGRAM_FOLDERS = ("generator", "templates", "input")
SKIPPED = re.compile(r"(^|/)(__pycache__|~\$[^/]*|\.[^/]*)(/|$)|\.pyc$")


class Pin:
    """One line of the lock: ``name==version ; marker`` with its hashes."""

    def __init__(self, line: str) -> None:
        requirement, *hashes = line.split(" --hash=")
        parsed = Requirement(requirement.strip())
        (spec,) = parsed.specifier
        if spec.operator != "==":
            raise ValueError(f"not an exact pin: {line}")
        self.name = canonicalize_name(parsed.name)
        self.version = Version(spec.version)
        self.marker = parsed.marker
        self.hashes = [h.strip() for h in hashes]

    def applies(self, environment: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(environment)

    def requirement_line(self) -> str:
        """The pin for one known target: no marker, hashes kept."""
        return " ".join([f"{self.name}=={self.version}", *(f"--hash={h}" for h in self.hashes)])


def read_lock(path: Path = LOCK) -> list[Pin]:
    """The pins of a pip requirements file with hashes (as ``uv pip compile`` writes it)."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.strip() for line in text.splitlines())
    return [Pin(line) for line in lines if line and not line.startswith("#")]


def windows_environment(python: str) -> dict[str, str]:
    """Marker values of 64-bit CPython ``python`` on Windows."""
    return {
        **default_environment(),
        "os_name": "nt",
        "sys_platform": "win32",
        "platform_system": "Windows",
        "platform_machine": "AMD64",
        "platform_release": "10",
        "platform_version": "10.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_version": f"{python}.0",
    }


def pins_for(environment: dict[str, str], pins: list[Pin] | None = None) -> list[Pin]:
    return [pin for pin in (read_lock() if pins is None else pins) if pin.applies(environment)]


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "version"
    ]


def program_files() -> list[Path]:
    """The files of the author's copy, relative to the repository."""
    files = [Path(name) for name in PROGRAM_FILES]
    for folder in PROGRAM_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT)
            if path.is_file() and not SKIPPED.search(relative.as_posix()):
                files.append(relative)
    return files


def download(pins: list[Pin], target: Path, platform_args: list[str]) -> None:
    """Fetch one wheel per pin into ``target``, checked against the lock's hashes."""
    with tempfile.TemporaryDirectory() as scratch:
        requirements = Path(scratch) / "requirements.txt"
        requirements.write_text("\n".join(pin.requirement_line() for pin in pins) + "\n")
        command = [
            *(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"),
            *("--no-deps", "--only-binary=:all:", "--require-hashes"),
            *platform_args,
            *("--dest", str(target), "--requirement", str(requirements)),
        ]
        subprocess.run(command, check=True)


def windows_wheels(target: Path) -> None:
    for python in WINDOWS_PYTHONS:
        tag = "cp" + python.replace(".", "")
        platform_args = ["--platform", "win_amd64", "--python-version", python]
        platform_args += ["--implementation", "cp", "--abi", tag]
        download(pins_for(windows_environment(python)), target, platform_args)


def linux_wheels(target: Path) -> None:
    download(pins_for(default_environment()), target, [])


def linux_tag() -> str:
    return f"cp{sys.version_info[0]}{sys.version_info[1]}-{os.uname().machine}"


def write_zip(archive: Path, top: str, wheels: Path) -> None:
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for relative in program_files():
            bundle.write(ROOT / relative, f"{top}/{relative.as_posix()}")
        for wheel in sorted(wheels.glob("*.whl")):
            # Wheels are zip files already: stored, not squeezed again.
            bundle.write(wheel, f"{top}/wheels/{wheel.name}", zipfile.ZIP_STORED)


def write_tar(archive: Path, top: str, wheels: Path) -> None:
    with tarfile.open(archive, "w:gz") as bundle:
        for relative in program_files():
            bundle.add(ROOT / relative, f"{top}/{relative.as_posix()}")
        for wheel in sorted(wheels.glob("*.whl")):
            bundle.add(wheel, f"{top}/wheels/{wheel.name}")


def build(kind: str, dist: Path) -> Path:
    """Download the wheels and write the archive; returns its path."""
    top = f"Afrapportering-{version()}"
    dist.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dist) as scratch:
        wheels = Path(scratch)
        if kind == "windows":
            windows_wheels(wheels)
            archive = dist / f"{top}-windows.zip"
            writer = write_zip
        else:
            linux_wheels(wheels)
            archive = dist / f"{top}-linux-{linux_tag()}.tar.gz"
            writer = write_tar
        partial = archive.with_name(archive.name + ".part")
        writer(partial, top, wheels)
        partial.replace(archive)
    return archive


def describe(archive: Path, seconds: float) -> str:
    size = archive.stat().st_size / 1_000_000
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as bundle:
            count = sum(name.endswith(".whl") for name in bundle.namelist())
    else:
        with tarfile.open(archive) as bundle:
            count = sum(name.endswith(".whl") for name in bundle.getnames())
    shown = archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive
    return f"{shown}: {size:.1f} MB, {count} wheels, {seconds:.0f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", action="store_true", help="only the Windows zip")
    parser.add_argument("--linux", action="store_true", help="only the Linux bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    args = parser.parse_args(argv)
    kinds = [kind for kind in ("windows", "linux") if getattr(args, kind)] or ["windows", "linux"]
    for kind in kinds:
        started = time.monotonic()
        archive = build(kind, args.dist.resolve())
        print(describe(archive, time.monotonic() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())
