"""A texts file ``lav`` cannot merge is refused by ``tjek`` too, as a Danish problem
naming the file: never "uventet fejl", never "findes ikke endnu"."""

from __future__ import annotations

import json
import re
import struct
import zipfile
from pathlib import Path

import pytest
from faults import ENGLISH, rewrite_part, run_cli
from texts_factory import numbered, picture, runs, text, write_texts

from generator.core.schema import TEXT_SECTIONS

TEXTS = "tekster_2023.docx"
HEADING = TEXT_SECTIONS[0].heading
W_MAIN = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERED = b'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%s"/></w:numPr></w:pPr>'


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (8, 8), "red").save(path)
    return path


def _drop_part(path: Path, part: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    del parts[part]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _spoil_stream(path: Path, part: str) -> None:
    """Flip bytes inside ``part``'s deflate stream, as a broken copy would."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + 8, start + 40):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))


def _numbered_paragraph(num_id: bytes):
    """The paragraph after the heading made a list item of numbering instance ``num_id``."""
    return lambda xml: re.sub(rb"(</w:p><w:p>)", rb"\1" + NUMBERED % num_id, xml, count=1)


def strict(path: Path) -> None:
    rewrite_part(
        path,
        "word/document.xml",
        lambda xml: xml.replace(W_MAIN, b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    )


def picture_without_relationship(path: Path) -> None:
    write_texts(path, {HEADING: [picture(_png(path.parent / "rød.png"))]})
    (path.parent / "rød.png").unlink()
    rewrite_part(
        path, "word/document.xml", lambda xml: re.sub(rb'r:embed="\w+"', b'r:embed="rId99"', xml)
    )


def link_without_relationship(path: Path) -> None:
    write_texts(path, {HEADING: [runs(("link:https://example.org", "et link"))]})
    rewrite_part(
        path, "word/document.xml", lambda xml: re.sub(rb'r:id="\w+"', b'r:id="rId99"', xml)
    )


def numbering_without_its_part(path: Path) -> None:
    write_texts(path, {HEADING: [numbered("første", "anden")]})
    _drop_part(path, "word/numbering.xml")


def numbering_id_not_a_number(path: Path) -> None:
    write_texts(path, {HEADING: [text("første punkt")]})
    rewrite_part(path, "word/document.xml", _numbered_paragraph(b"x"))


def numbering_without_abstract(path: Path) -> None:
    write_texts(path, {HEADING: [text("første punkt")]})
    rewrite_part(
        path,
        "word/numbering.xml",
        lambda xml: re.sub(rb"<w:abstractNumId [^>]*/>", b"", xml),
    )
    rewrite_part(path, "word/document.xml", _numbered_paragraph(b"1"))


def no_body(path: Path) -> None:
    rewrite_part(
        path, "word/document.xml", lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.S)
    )


def bad_deflate(path: Path) -> None:
    write_texts(path, {HEADING: [text("Et afsnit, der fylder lidt. " * 40)]})
    _spoil_stream(path, "word/document.xml")


FAULTS = {
    "strict": (strict, "ikke-docx"),
    "picture-without-relationship": (picture_without_relationship, "oedelagt-fil"),
    "link-without-relationship": (link_without_relationship, "oedelagt-fil"),
    "numbering-without-its-part": (numbering_without_its_part, "oedelagt-fil"),
    "numbering-id-not-a-number": (numbering_id_not_a_number, "oedelagt-fil"),
    "numbering-without-abstract": (numbering_without_abstract, "oedelagt-fil"),
    "no-body": (no_body, "oedelagt-fil"),
    "bad-deflate": (bad_deflate, "oedelagt-fil"),
}


def _problems(text_shown: str) -> list[tuple]:
    listed = json.JSONDecoder().raw_decode(text_shown[text_shown.index("[") :])[0]
    return [(p["fil"], p["ark"], p["celle"], p["niveau"], p["kode"]) for p in listed]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_texts_file_lav_cannot_merge_is_refused_by_tjek_and_lav_alike(
    inputs, tmp_path, capsys, fault
):
    spoil, code = FAULTS[fault]
    path = write_texts(inputs / TEXTS, {HEADING: [text("Et afsnit.")]})
    spoil(path)
    out = tmp_path / "out"
    exit_code, shown = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(out)], capsys
    )
    assert exit_code == 2, shown
    assert _problems(shown) == [(TEXTS, None, None, "fejl", code)]
    # tjek's console says it as lav's does (one fault: both print the check's lines)
    for command in ("tjek", "lav") if fault == "strict" else ("lav",):
        exit_code, shown = run_cli([command, "--input", str(inputs), "--output", str(out)], capsys)
        assert exit_code == 2, shown
        assert "uventet fejl" not in shown and "findes ikke endnu" not in shown
        assert f"{TEXTS} kan ikke læses (se fejlen nedenfor)" in shown
        assert not ENGLISH.search(re.sub(r"/\S+", "", shown)), shown
    assert not list(out.glob("Afrapportering_*"))


def test_a_workbook_with_a_bad_crc_names_the_part_in_danish(inputs, tmp_path, capsys):
    path = inputs / "henvisninger.xlsx"
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    data[info.header_offset + 14] ^= 0xFF  # the CRC in the local header …
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) != -1:  # … and in the central directory
        length = struct.unpack("<H", data[at + 28 : at + 30])[0]
        if data[at + 46 : at + 46 + length] == info.filename.encode():
            data[at + 16] ^= 0xFF
        at += 4
    path.write_bytes(bytes(data))
    exit_code, shown = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 2
    problems = json.JSONDecoder().raw_decode(shown[shown.index("[") :])[0]
    assert [(p["fil"], p["kode"]) for p in problems] == [("henvisninger.xlsx", "oedelagt-fil")]
    assert "xl/worksheets/sheet1.xml" in problems[0]["besked"]
    assert "CRC" not in problems[0]["besked"]


def test_a_long_paragraph_of_one_repeated_phrase_is_text_not_a_zip_bomb(inputs, tmp_path, capsys):
    """5 MB of one phrase packs about 1000:1, as a bomb does, but is harmless in size."""
    path = write_texts(inputs / TEXTS, {HEADING: [text("ET-LANGT-AFSNIT")]})
    phrase = "Vi har holdt møde med virksomheden. ".encode()  # 140,000 times, in one run
    rewrite_part(
        path, "word/document.xml", lambda xml: xml.replace(b"ET-LANGT-AFSNIT", phrase * 140_000)
    )
    exit_code, shown = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 0, shown
    assert "for-stor-fil" not in [p[4] for p in _problems(shown)]


# --- files and folders the system will not open ---------------------------------------------


def _refuse(monkeypatch, name: str, exc: OSError) -> None:
    """Opening ``name`` fails as the system would (the suite may run as root, whom
    file permissions do not stop)."""
    real_open, real_read = Path.open, Path.read_bytes

    def fake_open(self, *args, **kwargs):
        if self.name == name:
            raise exc
        return real_open(self, *args, **kwargs)

    def fake_read(self):
        if self.name == name:
            raise exc
        return real_read(self)

    monkeypatch.setattr(Path, "open", fake_open)
    monkeypatch.setattr(Path, "read_bytes", fake_read)


@pytest.mark.parametrize("name", ["henvisninger.xlsx", TEXTS])
def test_a_file_without_read_access_stops_the_run_with_what_to_do(
    inputs, tmp_path, capsys, monkeypatch, name
):
    write_texts(inputs / TEXTS, {HEADING: [text("Et afsnit.")]})
    _refuse(monkeypatch, name, PermissionError(13, "Permission denied"))
    for command in ("tjek", "lav"):
        exit_code, shown = run_cli(
            [command, "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
        )
        assert exit_code == 2, shown
        assert (
            f"Kan ikke fortsætte: {name} i inputmappen kan ikke læses: du har ikke adgang" in shown
        )
        assert (
            "Permission" not in shown
            and "uventet" not in shown
            and "findes ikke endnu" not in shown
        )


def test_a_locked_file_is_a_problem_at_it_in_danish(inputs, tmp_path, capsys, monkeypatch):
    error = PermissionError(13, "The process cannot access the file")
    error.winerror = 32  # Windows' sharing violation: another program has it open
    _refuse(monkeypatch, "henvisninger.xlsx", error)
    exit_code, shown = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 2
    problems = json.JSONDecoder().raw_decode(shown[shown.index("[") :])[0]
    assert [(p["fil"], p["kode"]) for p in problems] == [("henvisninger.xlsx", "kan-ikke-aabne")]
    assert "den er åben i et andet program" in problems[0]["besked"]
    assert "process" not in problems[0]["besked"]


def test_an_input_folder_without_read_access_stops_the_run(inputs, tmp_path, capsys, monkeypatch):
    real = Path.iterdir

    def fake(self):
        if self == inputs:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", fake)
    exit_code, shown = run_cli(
        ["tjek", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 2
    assert "kan ikke læses: du har ikke adgang til den" in shown and "Permission" not in shown


@pytest.mark.parametrize("name", [TEXTS, "kontrakt.xlsx"])
def test_a_pipe_in_place_of_a_file_is_named_not_missing(inputs, tmp_path, capsys, name):
    import os

    (inputs / name).unlink(missing_ok=True)
    os.mkfifo(inputs / name)
    exit_code, shown = run_cli(
        ["tjek", "--json", "--input", str(inputs), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 2
    problems = json.JSONDecoder().raw_decode(shown[shown.index("[") :])[0]
    assert [(p["fil"], p["kode"]) for p in problems] == [(name, "kan-ikke-aabne")]
    assert "ikke en almindelig fil" in problems[0]["besked"]


def test_a_folder_name_of_bytes_that_are_not_utf8_is_read_in_this_process(tmp_path, capsys):
    """The name as Python hands it on (surrogates for the bytes), to the command line,
    whose console is set up as the program sets it up (a character it cannot show is
    replaced)."""
    import os

    from factory import write_inputs
    from faults import run_cli

    from generator.cli import _tolerant_console

    name = os.fsdecode(os.fsencode(tmp_path) + b"/Mine filer \xff\xfe")
    write_inputs(Path(name))
    _tolerant_console()  # on the test's captured console
    code, shown = run_cli(["tjek", "--input", name, "--output", str(tmp_path / "o")], capsys)
    assert code == 0, shown
    assert "kan ikke åbnes" not in shown and "uventet" not in shown


@pytest.mark.slow  # the program in a process of its own, given the bytes as its argument
def test_a_folder_name_of_bytes_that_are_not_utf8_is_read(tmp_path):
    """Linux allows any bytes in a name; Python hands them on as surrogates, which
    calamine could not open ("kan ikke åbnes (None)")."""
    import os
    import subprocess
    import sys

    from factory import write_inputs

    name = os.fsencode(tmp_path) + b"/Mine filer \xff\xfe"
    write_inputs(Path(os.fsdecode(name)))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "tjek", "--input", name],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        timeout=120,
    )
    shown = (result.stdout + result.stderr).decode("utf-8", "replace")
    assert result.returncode == 0, shown
    assert "kan ikke åbnes" not in shown and "uventet" not in shown


def test_an_input_path_too_long_is_said_so_not_missing(tmp_path, capsys):
    folder = tmp_path / ("m" * 300)  # longer than any file system allows one name
    exit_code, shown = run_cli(
        ["tjek", "--input", str(folder), "--output", str(tmp_path / "o")], capsys
    )
    assert exit_code == 2
    assert "stien er for lang" in shown and "findes ikke" not in shown


def test_an_output_path_too_long_is_said_so_not_a_drive_to_connect(inputs, tmp_path, capsys):
    out = tmp_path / ("u" * 300)
    exit_code, shown = run_cli(["lav", "--input", str(inputs), "--output", str(out)], capsys)
    assert exit_code == 2, shown
    assert "stien er for lang" in shown and "tilsluttet" not in shown


def test_ny_in_a_folder_without_access_says_why_in_danish(tmp_path, capsys, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    exit_code, shown = run_cli(["ny", "--input", str(tmp_path / "ny")], capsys)
    assert exit_code == 2
    assert "du har ikke adgang til den" in shown and "Permission" not in shown
