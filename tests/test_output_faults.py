"""Faults of the output folder (read-only, full, a file where a folder belongs, a
report open in Word, a planted symbolic link, two runs at once): each a Danish
message naming the folder or file, exit 2, nothing printed by Python itself, the
inputs untouched and the previous report intact.

Permission bits do not stop root (CI runs as root), so the faults are stubbed at
the system call or in the writer; one slow test fills a real tmpfs where mounting
is allowed.
"""

from __future__ import annotations

import errno
import gc
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from factory import edit_cell
from faults import fingerprint

from generator.cli import main
from generator.core import scratch
from generator.output import crashlog
from generator.output import folder as output
from generator.pipeline import make

TODAY = datetime(2026, 11, 27).date()
REPO = Path(__file__).resolve().parent.parent
REPORT, APPENDIX = "Afrapportering_2023.docx", "Afrapportering_2023_bilag.xlsx"


class FullDisk(io.FileIO):
    """A file on a disk with room for ``room`` bytes."""

    room = 64

    def write(self, data):
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def zip_writer_on_a_full_disk(path) -> None:
    """As python-docx, openpyxl and XlsxWriter fail: the archive is left open, and its
    finaliser tries to finish it on the same full disk."""
    archive = zipfile.ZipFile(FullDisk(path, "w"), "w")
    archive.writestr("word/document.xml", "x" * 10_000)


@pytest.fixture
def unraisable(monkeypatch):
    """What Python would print as "Exception ignored in …"."""
    seen = []
    monkeypatch.setattr(sys, "unraisablehook", seen.append)
    yield seen
    gc.collect()


def lav(inputs: Path, out: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["lav", "--input", str(inputs), "--output", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_quiet(err: str, unraisable: list) -> None:
    gc.collect()
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert "uventet fejl" not in err
    assert unraisable == []


def refuse_temporaries(monkeypatch, folder: Path, code: int) -> None:
    """Creating a file in ``folder`` fails with ``code`` (read-only, full)."""
    real_open = os.open

    def refusing(path, flags, *args, **kwargs):
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.EACCES, "du har ikke skriveadgang"),
        (errno.EPERM, "du har ikke skriveadgang"),
        (errno.EROFS, "ligger på et drev, der kun kan læses"),
        (errno.ENOSPC, "Der er ikke plads på drevet"),
    ],
)
def test_a_folder_that_takes_no_new_file_names_it_and_changes_nothing(
    inputs, previous, monkeypatch, capsys, unraisable, code, says
):
    before, inputs_before = fingerprint(previous), fingerprint(inputs)
    refuse_temporaries(monkeypatch, previous, code)
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert says in err
    assert str(previous) in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before
    assert fingerprint(inputs) == inputs_before


def test_a_full_disk_while_writing_the_report(inputs, previous, monkeypatch, capsys, unraisable):
    """No "Exception ignored in ZipFile.__del__": the writer's open archive is closed
    quietly before the Danish message."""
    before = fingerprint(previous)
    monkeypatch.setattr(
        "generator.render.document.render_report",
        lambda template, figures, run, target, *_, **__: zip_writer_on_a_full_disk(target),
    )
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"Der er ikke plads på drevet til {REPORT} i mappen {previous}" in err
    assert "Frigør plads" in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before


def test_room_for_the_report_but_not_the_appendix_changes_nothing(
    inputs, previous, monkeypatch, capsys, unraisable
):
    """Both are written before either is placed: the old pair stays together, and the
    message says that the report was not made either."""
    before = fingerprint(previous)
    monkeypatch.setattr(
        "generator.output.appendix.write_appendix",
        lambda path, *_: zip_writer_on_a_full_disk(path),
    )
    status, out, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"Der er ikke plads på drevet til {APPENDIX}" in err
    assert "Rapporten er skrevet" not in out
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before
    assert not list(previous.glob(".*tmp*"))


def test_a_full_disk_under_xlsxwriter_is_a_full_disk(
    inputs, previous, monkeypatch, capsys, unraisable
):
    """XlsxWriter wraps the system error in its own FileCreateError, and its workbook
    complains from its finaliser when close() failed: still one Danish message."""
    import xlsxwriter

    def appendix_on_a_full_disk(path, *_):
        workbook = xlsxwriter.Workbook(FullDisk(path, "w"))
        workbook.add_worksheet("Henvisninger").write(0, 0, "x" * 10_000)
        workbook.close()

    before = fingerprint(previous)
    monkeypatch.setattr("generator.output.appendix.write_appendix", appendix_on_a_full_disk)
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"Der er ikke plads på drevet til {APPENDIX}" in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before


def test_a_full_disk_under_xlsxwriter_leaves_no_names_in_the_temporary_folder(
    inputs, previous, tmp_path, monkeypatch, capsys, unraisable
):
    """XlsxWriter writes each part (the referrals' names and CVR numbers) to a file of
    its own before zipping them; a disk that fills while zipping must leave none of
    them behind, in the system's temporary folder or anywhere else."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    real_write = zipfile.ZipFile.write

    def full_while_zipping(self, filename, *args, **kwargs):
        if "xl/worksheets" in str(args[0] if args else kwargs.get("arcname", "")):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, filename, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "write", full_while_zipping)
    before = fingerprint(previous)
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"Der er ikke plads på drevet til {APPENDIX}" in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before
    assert sorted(p.name for p in previous.iterdir() if p.name.startswith(".afrapportering-")) == []
    assert list(temp.rglob("*")) == []


def test_a_report_open_in_word_stops_the_run_before_anything_is_written(
    inputs, previous, capsys, unraisable
):
    lock = previous / f"~${REPORT}"
    lock.write_bytes(b"\x0bAnne Jensen")
    before = fingerprint(previous)
    status, out, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"{REPORT} i mappen {previous} er åben i Word" in err
    assert "Luk rapporten i Word" in err
    assert lock.name in err
    assert "Rapporten er skrevet" not in out
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before


@pytest.mark.parametrize("lock", ["~$rapportering_2023.docx", ".~lock.Afrapportering_2023.docx#"])
def test_every_owner_file_of_an_open_report_is_noticed(inputs, previous, capsys, lock):
    (previous / lock).write_bytes(b"x")
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert "er åben i" in err


def test_a_folder_that_takes_files_but_will_not_rename_them_is_refused_untouched(
    inputs, previous, capsys, unraisable
):
    """Linux's append-only attribute: files can be made there, never renamed or removed,
    so every temporary file would stay. Found out before any is written."""
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("needs root and chattr")
    before = fingerprint(previous)
    if subprocess.run(["chattr", "+a", str(previous)], capture_output=True).returncode:
        pytest.skip("this file system has no append-only attribute")
    try:
        status, _, err = lav(inputs, previous, capsys)
        names = sorted(p.name for p in previous.iterdir())
    finally:
        subprocess.run(["chattr", "-a", str(previous)], check=True)
    assert status == 2
    assert "tillader at lave nye filer, men ikke at omdøbe eller slette dem" in err
    assert_quiet(err, unraisable)
    assert names == sorted(before) + [".afrapportering.lock"] * (
        ".afrapportering.lock" not in before
    )
    assert fingerprint(previous) == before


def test_a_report_placed_but_not_its_appendix_is_told_exactly(
    inputs, previous, monkeypatch, capsys
):
    """Should placing the appendix fail once the report is in place, the run says
    which file is written and which is not, exits 2, and the old appendix is not
    left beside the new report."""
    old_report = (previous / REPORT).read_bytes()
    real_replace = os.replace

    def failing(source, destination):
        if Path(destination) == previous / APPENDIX:
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", failing)
    status, out, err = lav(inputs, previous, capsys)
    assert status == 2
    assert "Rapporten er skrevet" in out
    assert f"{previous / REPORT} ER skrevet, men {APPENDIX} er ikke" in err
    assert "Kør programmet igen" in err
    kept = previous / "tidligere"
    # Two runs in one second may write byte-identical reports: what shows the new
    # report is in place is that the old one now stands in tidligere/.
    assert (kept / "Afrapportering_2023_2026-11-27_090000.docx").read_bytes() == old_report
    assert (previous / REPORT).is_file()
    assert not (previous / APPENDIX).exists()
    assert (kept / "Afrapportering_2023_bilag_2026-11-27_090000.xlsx").is_file()
    assert not list(previous.glob(".*tmp*"))
    monkeypatch.setattr(os, "replace", real_replace)
    status, out, err = lav(inputs, previous, capsys)
    assert status == 0
    assert "OBS" not in out  # the report placed by the partial run is known as the program's


def test_an_older_pdf_open_in_a_reader_keeps_the_whole_set_in_place(
    inputs, previous, monkeypatch, capsys, unraisable
):
    """The PDF cannot be moved aside (open in Acrobat on Windows): then nothing is
    replaced, since the new report must not stand beside the old PDF."""
    pdf = previous / "Afrapportering_2023.pdf"
    pdf.write_bytes(b"%PDF the old one")
    before = fingerprint(previous)
    real_replace = os.replace

    def locked(source, destination):
        if Path(source) == pdf:
            raise PermissionError(errno.EACCES, "in use", str(source))
        return real_replace(source, destination)

    monkeypatch.setattr(os, "replace", locked)
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert "Luk Afrapportering_2023.pdf i PDF-læseren og prøv igen" in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before
    assert not list(previous.glob(".*tmp*"))


def test_the_output_path_is_a_file(inputs, tmp_path, capsys, unraisable):
    out = tmp_path / "out"
    out.write_bytes(b"not a folder")
    status, _, err = lav(inputs, out, capsys)
    assert status == 2
    assert f"Outputmappen {out} er en fil, ikke en mappe" in err
    assert "Flyt eller omdøb filen" in err
    assert_quiet(err, unraisable)
    assert out.read_bytes() == b"not a folder"


def test_a_part_of_the_output_path_is_a_file(inputs, tmp_path, capsys, unraisable):
    (tmp_path / "fil").write_bytes(b"")
    status, _, err = lav(inputs, tmp_path / "fil" / "out", capsys)
    assert status == 2
    assert "en del af stien er en fil" in err
    assert_quiet(err, unraisable)


def test_tidligere_is_a_file(inputs, previous, capsys, unraisable):
    (previous / "tidligere").write_bytes(b"")
    before = fingerprint(previous)
    status, _, err = lav(inputs, previous, capsys)
    assert status == 2
    assert f"{previous / 'tidligere'} er en fil, ikke en mappe" in err
    assert_quiet(err, unraisable)
    assert fingerprint(previous) == before
    assert not list(previous.glob(".*tmp*"))


def test_an_error_report_the_folder_will_not_take(inputs, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    out.mkdir()
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "C2", "123")
    refuse_temporaries(monkeypatch, out, errno.EROFS)
    status, out_text, _ = lav(inputs, out, capsys)
    assert status == 2
    assert "C2" in out_text  # the problems are on the console all the same
    assert "Fejlrapporten kunne ikke skrives" in out_text
    assert f"Mappen {out} ligger på et drev, der kun kan læses" in out_text


def test_a_full_disk_for_the_pdf_says_the_report_is_written(
    inputs, previous, monkeypatch, capsys, unraisable
):
    def full_pdf(report: Path) -> Path:
        return output.publish(report.with_suffix(".pdf"), zip_writer_on_a_full_disk)[0]

    monkeypatch.setattr("generator.output.pdf.convert_to_pdf", full_pdf)
    status, out, err = lav(inputs, previous, capsys, "--pdf")
    assert status == 2
    assert "Rapporten er skrevet" in out
    assert "Rapporten ER skrevet, men PDF'en er ikke: Der er ikke plads på drevet" in err
    assert_quiet(err, unraisable)
    assert not (previous / "Afrapportering_2023.pdf").exists()


# --- the crash log ------------------------------------------------------------------------


def crash(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("an unforeseen bug")

    monkeypatch.setattr("generator.pipeline.make", broken)


def test_the_crash_log_goes_to_the_output_folder_and_says_where(
    inputs, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "out"
    crash(monkeypatch)
    status, _, err = lav(inputs, out, capsys)
    log = out / crashlog.LOG_NAME
    assert status == 2
    assert f"Detaljerne er gemt i {log.absolute()}" in err
    assert "RuntimeError: an unforeseen bug" in log.read_text(encoding="utf-8")


def test_the_crash_log_never_follows_a_symbolic_link(inputs, tmp_path, monkeypatch, capsys):
    out, home = tmp_path / "out", tmp_path / "home"
    out.mkdir()
    home.mkdir()
    victim = tmp_path / "someone_elses_file.txt"
    victim.write_text("precious\n")
    (out / crashlog.LOG_NAME).symlink_to(victim)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    crash(monkeypatch)
    status, _, err = lav(inputs, out, capsys)
    assert status == 2
    assert victim.read_text() == "precious\n"
    log = home / crashlog.LOG_NAME
    assert "RuntimeError: an unforeseen bug" in log.read_text(encoding="utf-8")
    assert f"Detaljerne er gemt i {log}" in err
    assert f"ikke i {out}" in err


def test_the_crash_log_refuses_a_fifo(tmp_path):
    os.mkfifo(tmp_path / crashlog.LOG_NAME)
    assert crashlog._append(tmp_path / crashlog.LOG_NAME, "x") is False


# --- runs at once -------------------------------------------------------------------------


def test_leftover_cleanup_spares_a_living_runs_temporary_files(inputs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    ended = subprocess.Popen(["true"])  # a process that has ended: its number is free
    ended.wait()
    host = scratch.HOST
    living = out / f".afrapportering-{host}-{os.getppid()}-0a1b2c3d.tmp.Afrapportering_2023.docx"
    dead = out / f".afrapportering-{host}-{ended.pid}-0b2c3d4e.tmp.Afrapportering_2023.docx"
    dead_folder = out / f".afrapportering-{host}-{ended.pid}-0c3d4e5f.tmp"
    version_2_dead = out / f".Afrapportering_2023.{host}-{ended.pid}-0d4e5f6a.tmp.docx"
    version_1_dead = out / f".Afrapportering_2023.{ended.pid}.tmp.docx"
    elsewhere = out / ".afrapportering-anotherpc-1-0e5f6a7b.tmp.Afrapportering_2023.docx"
    elsewhere_old = out / ".afrapportering-anotherpc-2-0f6a7b8c.tmp.Afrapportering_2023_bilag.xlsx"
    for path in (living, dead, version_2_dead, version_1_dead, elsewhere, elsewhere_old):
        path.write_bytes(b"in progress")
    dead_folder.mkdir()
    (dead_folder / "modtagere.png").write_bytes(b"chart")
    hours_ago = time.time() - 2 * 3600
    os.utime(elsewhere_old, (hours_ago, hours_ago))
    make(inputs, out, today=TODAY)
    assert living.exists()
    assert elsewhere.exists()
    assert not dead.exists()
    assert not dead_folder.exists()
    assert not version_2_dead.exists()
    assert not version_1_dead.exists()
    assert not elsewhere_old.exists()


NOT_THE_PROGRAMS = (
    ".mine.4000000.tmp.txt",  # a dead pid, but not the program's name
    ".notes.1.tmp",
    ".Afrapportering_2023.4000000.tmp.txt",  # not a suffix the program writes
    ".afrapportering-pc-4000000-0a1b.tmp.Afrapportering_2023.docx",  # a short token
    ".afrapportering-pc-4000000-0a1b2c3d.tmp.notes.txt",
    "afrapportering-pc-4000000-0a1b2c3d.tmp",  # not hidden: the author's own
    ".Mine_2023.pc-4000000-0a1b2c3d.tmp.docx",
)


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory) -> Path:
    """An output folder holding each file of ``NOT_THE_PROGRAMS``, old (and its "pid"
    long gone), after a run in it."""
    from factory import write_inputs

    folder = tmp_path_factory.mktemp("cleaned")
    out = folder / "out"
    out.mkdir()
    hours_ago = time.time() - 30 * 24 * 3600
    for name in NOT_THE_PROGRAMS:
        (out / name).write_bytes(b"the author's")
        os.utime(out / name, (hours_ago, hours_ago))
    with pytest.MonkeyPatch.context() as patch:  # made before the tests' own fixtures
        patch.setenv("AFRAPPORTERING_UDEN_SIDETAL", "1")
        assert make(write_inputs(folder / "input"), out, today=TODAY).report is not None
    return out


@pytest.mark.parametrize("name", NOT_THE_PROGRAMS)
def test_leftover_cleanup_never_removes_a_file_it_did_not_write(cleaned, name):
    assert (cleaned / name).read_bytes() == b"the author's"


def test_leftover_cleanup_never_follows_or_removes_a_link(inputs, tmp_path):
    out, precious = tmp_path / "out", tmp_path / "precious"
    out.mkdir()
    precious.mkdir()
    (precious / "keep.txt").write_text("keep")
    link = out / ".afrapportering-pc-4000000-0a1b2c3d.tmp"
    link.symlink_to(precious, target_is_directory=True)
    make(inputs, out, today=TODAY)
    assert (precious / "keep.txt").read_text() == "keep"
    assert link.is_symlink()


def test_a_killed_runs_folder_in_the_temporary_folder_is_removed_by_the_next_run(
    inputs, tmp_path, monkeypatch
):
    """A run killed outright (SIGKILL) leaves its folders; the next one removes them."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    ended = subprocess.Popen(["true"])  # a process that has ended: its number is free
    ended.wait()
    dead = temp / f"afrapportering-{scratch.HOST}-{ended.pid}-0a1b2c3d.tmp"
    dead.mkdir()
    (dead / "utf8.xlsx").write_bytes(b"names and CVR numbers")
    other = temp / "someone-elses"
    other.mkdir()
    make(inputs, tmp_path / "out", today=TODAY)
    assert sorted(p.name for p in temp.iterdir()) == ["someone-elses"]


RUN = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"


@pytest.mark.slow
def test_two_runs_on_one_output_folder_both_finish(inputs, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", RUN, "lav", "--input", str(inputs), "--output", str(out)]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    second = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for process in (first, second):
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err.decode()
        assert err == b""
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        REPORT,
        APPENDIX,
        "tidligere",
    ]
    kept = sorted(p.name for p in (out / "tidligere").iterdir())
    assert [name.endswith(".docx") for name in kept].count(True) == 1
    assert not list(out.glob(".*tmp*"))


# --- a real full disk ---------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A 2 MB tmpfs, where this machine lets the tests mount one."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root and mount for a real full disk")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` up to ``leave`` free bytes."""
    free = shutil.disk_usage(disk).free
    with open(disk / "fyld", "wb") as filler:
        filler.write(b"\0" * max(0, free - leave))


@pytest.mark.slow
@pytest.mark.parametrize("leave", [0, "report"])
def test_a_really_full_disk(inputs, small_disk, leave):
    """The program as the author runs it, on a disk with no room (or room for the
    report and not the appendix): Danish, exit 2, nothing else on stderr."""
    out = small_disk / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", RUN, "lav", "--input", str(inputs), "--output", str(out)]
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    before, inputs_before = fingerprint(out), fingerprint(inputs)
    room = (out / REPORT).stat().st_size + 8192 if leave == "report" else 0
    fill(small_disk, room)
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 2, done.stdout + done.stderr
    err = done.stderr.strip()
    assert err.startswith("Kan ikke fortsætte: Der er ikke plads på drevet til"), err
    assert len(err.splitlines()) == 1, err
    assert "Rapporten er skrevet" not in done.stdout
    (small_disk / "fyld").unlink()
    assert fingerprint(out) == before
    assert fingerprint(inputs) == inputs_before


def test_a_stale_error_report_that_cannot_be_removed_is_named_and_the_run_succeeds(
    inputs, tmp_path, monkeypatch, capsys
):
    """Open in Excel on Windows: tjek still says the data is ready, and which file is stale."""
    out = tmp_path / "out"
    out.mkdir()
    stale = out / "Fejlrapport_2023.xlsx"
    stale.write_bytes(b"stale")
    real_unlink = Path.unlink

    def locked(path, *args, **kwargs):
        if path == stale:
            raise PermissionError(errno.EACCES, "in use", str(path))
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", locked)
    assert main(["tjek", "--input", str(inputs), "--output", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Fejlrapport_2023.xlsx er forældet, da data ikke længere har fejl" in printed
    assert "kan ikke slettes" in printed
    assert "Luk Fejlrapport_2023.xlsx i Excel" in printed
    assert "Data for 2023 er klar til rapporten." in printed


def test_tjek_with_an_output_path_that_is_a_file_says_nothing_about_it(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    out.write_bytes(b"")
    assert main(["tjek", "--input", str(inputs), "--output", str(out)]) == 0
    assert "Fejlrapport" not in capsys.readouterr().out
