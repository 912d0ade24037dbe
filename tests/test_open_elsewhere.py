"""A workbook open in Excel, or the texts file open in Word, is said by name.

Office keeps an owner file beside a file it has open: ``~$`` and the file's
name, or for longer names (Word's habit) ``~$`` in place of its first two
characters. Then what is saved is read, and unsaved changes are not: a
warning says so. A file Windows will not share (error 32) is an error that
says to close it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from texts_factory import text, write_texts

from generator.core.problems import Code, Level
from generator.core.schema import AARSDATA, HENVISNINGER, KONTRAKT
from generator.pipeline import check
from generator.reading.container import UnsafeWorkbook
from generator.reading.docx_container import read

TODAY = date(2024, 1, 20)


def problems_of(folder: Path, code: Code) -> list:
    return [p for p in check(folder, today=TODAY).problems if p.code is code]


@pytest.mark.parametrize("filename", [w.filename for w in (KONTRAKT, HENVISNINGER, AARSDATA)])
def test_an_excel_owner_file_beside_a_workbook_is_a_warning_naming_it(inputs: Path, filename):
    (inputs / f"~${filename}").write_bytes(b"\x06Forfat")
    (found,) = problems_of(inputs, Code.OPEN_IN_EXCEL)
    assert (found.file, found.sheet, found.cell, found.level) == (
        filename,
        None,
        None,
        Level.WARNING,
    )
    assert found.message.startswith(
        f"{filename} er åben i Excel (~${filename} ligger ved siden af den). Programmet "
        "bruger det, der er gemt; ændringer, der ikke er gemt, kommer ikke med."
    )


def test_the_owner_file_in_its_short_form_counts_too(inputs: Path):
    (inputs / "~$nvisninger.xlsx").write_bytes(b"\x06Forfat")
    (found,) = problems_of(inputs, Code.OPEN_IN_EXCEL)
    assert found.file == HENVISNINGER.filename
    assert "~$nvisninger.xlsx ligger ved siden af den" in found.message


def test_an_open_workbook_is_still_read(inputs: Path):
    (inputs / "~$henvisninger.xlsx").write_bytes(b"\x06Forfat")
    checked = check(inputs, today=TODAY)
    assert checked.ok
    assert checked.computed is not None and checked.computed.figures.referrals.total == 12


def test_no_owner_file_no_warning(inputs: Path):
    (inputs / "~$andet.xlsx").write_bytes(b"\x06Forfat")  # another workbook's
    assert problems_of(inputs, Code.OPEN_IN_EXCEL) == []


@pytest.mark.parametrize("owner", ["~$kster_2023.docx", "~$tekster_2023.docx"])
def test_the_texts_file_open_in_word_is_a_warning_naming_it(inputs: Path, owner: str):
    write_texts(inputs / "tekster_2023.docx", {"Forord": [text("Et godt år.")]})
    (inputs / owner).write_bytes(b"\x06Forfat")
    (found,) = problems_of(inputs, Code.OPEN_IN_WORD)
    assert (found.file, found.level) == ("tekster_2023.docx", Level.WARNING)
    assert found.message.startswith(
        f"tekster_2023.docx er åben i Word ({owner} ligger ved siden af den)."
    )


def test_a_workbook_windows_will_not_share_is_an_error_saying_to_close_it(
    inputs: Path, monkeypatch
):
    def refuse(path, *_args):
        exc = PermissionError(13, "Permission denied")
        exc.winerror = 32  # ERROR_SHARING_VIOLATION
        raise exc

    monkeypatch.setattr("generator.reading.load", refuse)
    (found, *_) = problems_of(inputs, Code.CANNOT_OPEN)
    assert found.message == (
        f"{KONTRAKT.filename} kan ikke åbnes: den er åben i et andet program. Luk den i "
        "Excel (eller det program, der har den åben), og kør igen."
    )


def test_a_texts_file_windows_will_not_share_says_to_close_it_in_word():
    class Held:
        def stat(self):
            exc = PermissionError(13, "Permission denied")
            exc.winerror = 32
            raise exc

    with pytest.raises(UnsafeWorkbook) as refused:
        read(Held(), "tekster_2023.docx")
    assert refused.value.problem.message == (
        "tekster_2023.docx kan ikke åbnes: den er åben i et andet program. Luk den i "
        "Word (eller det program, der har den åben), og kør igen."
    )
