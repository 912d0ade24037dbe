"""The lock files pin every dependency of pyproject.toml, with hashes (offline: no resolver).

``requirements.lock`` is what the launchers install; ``requirements-test.lock`` adds the
test tools for CI. Regenerate both with ``python tools/update_lock.py`` when this fails.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
# Platforms and Pythons the locks must cover (the Windows release and Linux CI).
TARGETS = [
    {"sys_platform": platform, "platform_system": system, "python_version": version}
    for platform, system in (("win32", "Windows"), ("linux", "Linux"))
    for version in ("3.11", "3.12", "3.13")
]


class Pin:
    def __init__(self, requirement: Requirement, hashes: list[str]) -> None:
        self.name = canonicalize_name(requirement.name)
        (spec,) = requirement.specifier
        assert spec.operator == "==", requirement
        self.version = Version(spec.version)
        self.marker = requirement.marker
        self.hashes = hashes

    def applies(self, target: dict[str, str]) -> bool:
        if self.marker is None:
            return True
        environment = {**default_environment(), **target}
        environment["python_full_version"] = target["python_version"] + ".0"
        return self.marker.evaluate(environment)


def read_lock(path: Path) -> list[Pin]:
    """The pins of a pip requirements file with hashes, as uv writes it."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    pins = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        parts = line.split(" --hash=")
        pins.append(Pin(Requirement(parts[0].strip()), [h.strip() for h in parts[1:]]))
    return pins


def pins_for(pins: list[Pin], target: dict[str, str]) -> dict[str, Pin]:
    chosen: dict[str, Pin] = {}
    for pin in pins:
        if pin.applies(target):
            assert pin.name not in chosen, f"{pin.name} pinned twice for {target}"
            chosen[pin.name] = pin
    return chosen


def declared(extras: tuple[str, ...]) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = list(project["dependencies"]) + list(PYPROJECT["build-system"]["requires"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


LOCKS = [(RUNTIME_LOCK, ()), (TEST_LOCK, ("test",))]
TARGET_IDS = [target["sys_platform"] + target["python_version"] for target in TARGETS]


@pytest.mark.parametrize(("lock", "extras"), LOCKS, ids=["runtime", "test"])
@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_every_declared_dependency_is_locked_inside_its_range(lock, extras, target):
    """Each dependency in pyproject.toml (and the build backend) has one pin, inside its range,
    for Windows and Linux on CPython 3.11-3.13."""
    pins = pins_for(read_lock(lock), target)
    for requirement in declared(extras):
        pin = pins.get(canonicalize_name(requirement.name))
        assert pin is not None, f"{requirement.name} is not in {lock.name}"
        assert requirement.specifier.contains(pin.version, prereleases=True), (
            f"{lock.name} pins {pin.name}=={pin.version}, outside {requirement}"
        )


@pytest.mark.parametrize(("lock", "extras"), LOCKS, ids=["runtime", "test"])
def test_every_pin_is_exact_and_hashed(lock, extras):
    """Every locked file carries at least one sha256 hash (pip's --require-hashes)."""
    for pin in read_lock(lock):
        assert pin.hashes, pin.name
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), pin.name


def test_the_test_lock_pins_the_same_versions_as_the_runtime_lock():
    """CI tests exactly the versions the launchers install."""
    runtime = {(pin.name, str(pin.marker)): pin for pin in read_lock(RUNTIME_LOCK)}
    test = {(pin.name, str(pin.marker)): pin for pin in read_lock(TEST_LOCK)}
    assert runtime.keys() <= test.keys()
    for key, pin in runtime.items():
        assert (test[key].version, test[key].hashes) == (pin.version, pin.hashes), key


def test_the_runtime_lock_holds_no_test_tools():
    """The author's install carries no test tools."""
    names = {pin.name for pin in read_lock(RUNTIME_LOCK)}
    assert not names & {"pytest", "ruff"}


def test_this_environment_is_installed_from_the_lock():
    """What these tests run with is what the lock pins, and every installed package's own
    dependencies are locked too (nothing comes in unlocked)."""
    pins = {pin.name: pin for pin in read_lock(TEST_LOCK) if pin.applies(this_python())}
    # The build backend only builds the project at install time (pinned there by
    # --require-hashes); an older venv's own setuptools does no harm to what is tested.
    build = {canonicalize_name(Requirement(r).name) for r in PYPROJECT["build-system"]["requires"]}
    for name, pin in pins.items():
        if name not in build:
            assert Version(metadata.version(name)) == pin.version, (
                f"{name} {metadata.version(name)} is installed, the lock pins {pin.version}: "
                "install from the lock (the README's test command)"
            )
        for requirement in metadata.requires(name) or []:
            dependency = Requirement(requirement)
            if dependency.marker is None or dependency.marker.evaluate({"extra": ""}):
                assert canonicalize_name(dependency.name) in pins, (name, requirement)


def this_python() -> dict[str, str]:
    environment = default_environment()
    return {
        "sys_platform": environment["sys_platform"],
        "platform_system": environment["platform_system"],
        "python_version": environment["python_version"],
    }


def readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("**De to kommandoer**", 1)[1].split("```", 2)[1]
    return [line.strip() for line in block.splitlines() if line.strip()][1]


def test_the_readme_test_command_installs_from_the_lock_with_hashes():
    """A fresh machine gets the locked versions: hashes required, then the project alone."""
    command = readme_test_command()
    assert "--require-hashes -r requirements-test.lock" in command
    assert "--no-deps" in command
    assert command.index("requirements-test.lock") < command.index("--no-deps")
