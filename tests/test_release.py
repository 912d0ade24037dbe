"""The offline releases (tools/build_release.py): everything a PC without internet needs.

Slow: building them downloads every locked wheel from PyPI (about 125 MB for the Windows
zip). An archive already in ``dist/`` newer than every file that goes into it is reused.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
from factory import edit_cell
from packaging.tags import compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "tools" / "build_release.py"


def load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


release = load(BUILD, "build_release_under_test")
bootstrap = load(ROOT / "generator" / "bootstrap.py", "bootstrap_for_release")
VERSION = release.version()


def fresh(archive: Path) -> bool:
    """True when ``archive`` was built after the last change to what goes into it."""
    inputs = [BUILD, *(ROOT / path for path in release.program_files())]
    newest_input = max(path.stat().st_mtime for path in inputs)
    return archive.is_file() and archive.stat().st_mtime > newest_input


def built(kind: str, archive: Path, dist: Path) -> Path:
    if fresh(archive):
        return archive
    return release.build(kind, dist)


@pytest.fixture(scope="session")
def windows_zip(tmp_path_factory) -> Path:
    cached = ROOT / "dist" / f"Afrapportering-{VERSION}-windows.zip"
    return built("windows", cached, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def linux_bundle(tmp_path_factory) -> Path:
    name = f"Afrapportering-{VERSION}-linux-{release.linux_tag()}.tar.gz"
    return built("linux", ROOT / "dist" / name, tmp_path_factory.mktemp("dist"))


# --- Fast: what goes into a release ---------------------------------------


def test_the_release_holds_launchers_program_template_example_and_lock():
    names = {path.as_posix() for path in release.program_files()}
    for needed in (
        "Lav_afrapportering.bat",
        "lav_afrapportering.sh",
        "README.md",
        "Vejledning.html",
        "pyproject.toml",
        "requirements.lock",
        "generator/bootstrap.py",
        "generator/cli.py",
        "templates/afrapportering.docx",
        "input/henvisninger.xlsx",
    ):
        assert needed in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if name.startswith(("tests/", "tools/", ".venv/"))]


def test_windows_markers_are_evaluated_for_windows():
    """A Windows-only dependency counts for the Windows zip, whatever machine builds it."""
    pins = release.read_lock(ROOT / "requirements-test.lock")
    names = {pin.name for pin in release.pins_for(release.windows_environment("3.12"), pins)}
    assert "colorama" in names  # pytest needs it on Windows only


# --- Slow: built from PyPI --------------------------------------------------


def supported_tags(python: str) -> set:
    version = tuple(int(part) for part in python.split("."))
    tags = set(cpython_tags(version, platforms=["win_amd64"]))
    tags |= set(compatible_tags(version, f"cp{version[0]}{version[1]}", ["win_amd64"]))
    return tags


@pytest.mark.slow
def test_the_windows_zip_has_a_wheel_of_every_locked_package_for_each_python(windows_zip):
    """For CPython 3.11, 3.12 and 3.13 on 64-bit Windows, every locked package has a wheel
    in wheels/ that pip will take (win_amd64 or pure Python)."""
    with zipfile.ZipFile(windows_zip) as bundle:
        names = bundle.namelist()
    top = f"Afrapportering-{VERSION}/"
    assert all(name.startswith(top) for name in names)
    wheels = [parse_wheel_filename(Path(name).name) for name in names if name.endswith(".whl")]
    assert all(Path(name).parent.name == "wheels" for name in names if name.endswith(".whl"))
    for python in ("3.11", "3.12", "3.13"):
        tags = supported_tags(python)
        for pin in release.pins_for(release.windows_environment(python)):
            matching = [
                wheel
                for wheel in wheels
                if canonicalize_name(wheel[0]) == pin.name
                and wheel[1] == pin.version
                and wheel[3] & tags
            ]
            assert matching, f"no wheel of {pin.name}=={pin.version} for CPython {python}"
    assert f"{top}Lav_afrapportering.bat" in names
    assert f"{top}requirements.lock" in names


def unpack(bundle: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    with tarfile.open(bundle) as archive:
        archive.extractall(target, filter="data")
    (folder,) = target.iterdir()
    return folder


def network_cut() -> list[str]:
    """A command prefix that runs without network: a new network namespace, when allowed."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True).returncode == 0:
        return [unshare, "-n"]
    return []


def offline_env() -> dict[str, str]:
    """A double-click's environment, with every way out pointed at nothing that answers."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.pop("VIRTUAL_ENV", None)
    env.pop(bootstrap.LAUNCHER_ENV, None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PIP_INDEX_URL"] = "https://pakker.invalid/simple"
    env["HTTPS_PROXY"] = env["HTTP_PROXY"] = "http://127.0.0.1:9"
    return env


def launch(folder: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*network_cut(), "bash", str(folder / "lav_afrapportering.sh"), *args],
        capture_output=True,
        text=True,
        env=offline_env(),
        cwd=folder.parent,
        timeout=1200,
        **kwargs,
    )


@pytest.fixture(scope="module")
def installed_offline(linux_bundle, tmp_path_factory):
    """The Linux bundle unpacked in an empty folder and double-clicked, network cut off."""
    folder = unpack(linux_bundle, tmp_path_factory.mktemp("pc") / "udpakket")
    return folder, launch(folder)


@pytest.mark.slow
def test_the_linux_bundle_installs_and_makes_the_report_without_network(installed_offline):
    """Unpacked in an empty folder with the network cut off, 'lav' on the example installs
    from wheels/ and writes the report."""
    folder, first = installed_offline
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Installerer fra mappen wheels ved siden af programmet (uden internet)" in first.stderr
    assert first.stderr.strip().splitlines()[-1] == "Færdig."
    assert (folder / "output" / "Afrapportering_2023.docx").is_file()
    assert (folder / ".venv" / bootstrap.MARKER_NAME).is_file()


@pytest.mark.slow
def test_tjek_json_through_the_launcher_is_one_json_document(installed_offline, tmp_path):
    """'python3 generator/bootstrap.py tjek --json' on workbooks with errors prints output
    that json.loads reads whole, and exits 1."""
    folder, first = installed_offline
    assert first.returncode == 0, first.stdout + first.stderr
    bad = tmp_path / "input"
    shutil.copytree(folder / "input", bad)
    edit_cell(bad, "henvisninger.xlsx", "Henvisninger", "A2", "fem")
    command = [sys.executable, str(folder / "generator" / "bootstrap.py"), "tjek", "--json"]
    done = subprocess.run(
        [*command, "--input", str(bad), "--output", str(tmp_path / "output")],
        capture_output=True,
        text=True,
        env=offline_env(),
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 1, done.stderr
    problems = json.loads(done.stdout)
    assert any(p["celle"] == "A2" and p["niveau"] == "fejl" for p in problems)
    assert done.stderr.strip().splitlines()[-1].startswith("Der er fejl i data.")
    assert "Fejlrapport_" in done.stderr.strip().splitlines()[-1]


@pytest.mark.slow
def test_an_install_killed_half_way_is_redone(linux_bundle, tmp_path):
    """Killed while pip installs, the next start sees the unfinished install and redoes it."""
    folder = unpack(linux_bundle, tmp_path / "pc")
    window = subprocess.Popen(
        [*network_cut(), "bash", str(folder / "lav_afrapportering.sh")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=offline_env(),
        cwd=tmp_path,
        start_new_session=True,  # its own process group: kill pip with it
    )
    try:
        site = folder / ".venv" / "lib"
        for _ in range(2400):  # until pip has put the first packages in place
            if list(site.glob("python3*/site-packages/numpy")) or window.poll() is not None:
                break
            time.sleep(0.25)
        assert window.poll() is None, "the install ended before it could be killed"
    finally:
        os.killpg(window.pid, signal.SIGKILL)
        window.wait()
    assert not (folder / ".venv" / bootstrap.MARKER_NAME).exists()

    again = launch(folder)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Sidste klargøring af programmet blev ikke færdig" in again.stderr
    assert (folder / ".venv" / bootstrap.MARKER_NAME).is_file()
    assert (folder / "output" / "Afrapportering_2023.docx").is_file()


@pytest.mark.slow
def test_the_real_launcher_closes_each_outcome_with_one_line(installed_offline, tmp_path):
    """Through the launcher, data errors and a refused 'ny' each end with the launcher's one
    closing line, and the program's own verdict is not printed beside it."""
    folder, first = installed_offline
    assert first.returncode == 0, first.stdout + first.stderr
    bad = tmp_path / "input"
    shutil.copytree(folder / "input", bad)
    edit_cell(bad, "henvisninger.xlsx", "Henvisninger", "A2", "fem")
    data_errors = launch(folder, "lav", "--input", str(bad), "--output", str(tmp_path / "ud"))
    assert data_errors.returncode == 1
    said = data_errors.stdout + data_errors.stderr
    assert said.count("Der er fejl i data") == 1
    assert data_errors.stderr.strip().splitlines()[-1] == (
        "Der er fejl i data, så rapporten er ikke lavet. Se listen ovenfor og "
        "Fejlrapport_2023.xlsx, ret fejlene i dine egne projektmapper, og kør igen."
    )

    partial = tmp_path / "halv"  # one workbook there, two missing: ny never overwrites
    partial.mkdir()
    shutil.copy(bad / "kontrakt.xlsx", partial)
    refused = launch(folder, "ny", "--input", str(partial))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1] == (
        "Programmet stoppede – læs beskeden ovenfor."
    )
    assert "kunne ikke starte" not in refused.stdout + refused.stderr
