"""Workbooks of version 1's layout are upgraded once, visibly, before they are read.

``fixtures/version1`` holds the example's three workbooks as version 1.0.0
shipped them; the smaller cases are built here from the factory's valid data,
laid out as version 1 laid them out (Indsatser with Område and Indsats and a
free-text status, no Kontraktpunkter sheet, no Nøgletal, no Vejledning).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from clock import on_day
from docx import Document
from factory import valid_data, write_inputs
from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from generator.cli import main
from generator.core.problems import CannotContinue, Code
from generator.core.schema import (
    AARSDATA,
    CONTRACT_POINTS,
    DEFAULT_CONTRACT_POINTS,
    FOCUS,
    HENVISNINGER,
    KEY_FIGURES,
    KONTRAKT,
    POINT_STATUSES,
)
from generator.pipeline import check
from generator.start.guide import GUIDE
from generator.start.workbooks import POINTS_COPY
from generator.upgrade import upgrade_folder

VERSION1 = Path(__file__).resolve().parent / "fixtures" / "version1"
TODAY = date(2024, 1, 20)
V1_HEADERS = ("År", "Område", "Indsats", "Status", "Beskrivelse")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def version1(tmp_path: Path) -> Path:
    """The example's workbooks as version 1.0.0 shipped them, in a folder of their own."""
    folder = tmp_path / "input"
    shutil.copytree(VERSION1, folder)
    return folder


def write_version1(folder: Path, rows: list[tuple], points: bool = False) -> Path:
    """The factory's valid workbooks with version 1's Indsatser (``rows`` of
    År, Område, Indsats, Status, Beskrivelse); kontrakt.xlsx without its
    Kontraktpunkter sheet unless ``points``, aarsdata.xlsx without Nøgletal."""
    write_inputs(folder)
    if not points:
        book = load_workbook(folder / KONTRAKT.filename)
        book.remove(book[CONTRACT_POINTS.name])
        book.save(folder / KONTRAKT.filename)
    book = load_workbook(folder / AARSDATA.filename)
    book.remove(book[KEY_FIGURES.name])
    ws = book[FOCUS.name]
    ws.delete_rows(1, ws.max_row)
    for row in (V1_HEADERS, *rows):
        ws.append(list(row))
    book.save(folder / AARSDATA.filename)
    return folder


def focus_sheet(folder: Path) -> list[tuple]:
    return list(load_workbook(folder / AARSDATA.filename)[FOCUS.name].values)


POINT = {point: (number, area) for number, area, point in DEFAULT_CONTRACT_POINTS}


def v1_row(point: str, status: str = "Løbende", written: str | None = None) -> tuple:
    """A version 1 row for a 2023 point: its area and the name as written then."""
    return (2023, POINT[point][1], written or point, status, f"Om {point}.")


# ------------------------------------------------------------- the shipped example


def lav_upgrading(folder: Path, output: Path, version: str, capsys) -> list[str]:
    """``lav`` on a folder of version ``version``'s workbooks, which must succeed: the
    lines it lists the upgrade in, from their heading up to the reading."""
    code = main(["lav", "--input", str(folder), "--output", str(output)])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    start = lines.index(
        f"Projektmapperne er lavet med en tidligere udgave af programmet (version {version}) "
        "og er nu opgraderet:"
    )
    return lines[start : lines.index(f"Læser projektmapperne i {folder} …")]


def test_version_1s_example_makes_a_report_after_the_upgrade_through_the_command_line(
    version1: Path, tmp_path: Path, capsys, clock
):
    """lav on the workbooks of 1.0.0, on 20 January 2024: no manual step, the changes
    listed first, last year's report."""
    clock.today = TODAY
    listed = lav_upgrading(version1, tmp_path / "output", "1", capsys)
    assert listed[1] == "  kontrakt.xlsx (originalen er gemt som kontrakt_før_opgradering.xlsx):"
    assert (
        "    – arket Indsatser: kolonnerne Område og Indsats er erstattet af Punkt, der vælger "
        "punktet fra arket Kontraktpunkter (40 rækker)"
    ) in listed
    assert (
        "    – arket Indsatser: Status 'I gang' er nu 'Løbende' "
        "(10 celler: C4, C10, C11, C14, C20 …)"
    ) in listed
    report = tmp_path / "output" / "Afrapportering_2023.docx"
    paragraphs = [p.text for p in Document(str(report)).paragraphs]
    label = next(p for p in paragraphs if p.startswith("§ 3 b ii. Øge antallet af studerende"))
    # version 1 called it "Studerende i erhvervslivet"; its 2023 text follows the label
    old = next(
        row
        for row in load_workbook(VERSION1 / AARSDATA.filename)[FOCUS.name].values
        if row[0] == 2023 and row[2] == "Studerende i erhvervslivet"
    )
    assert paragraphs[paragraphs.index(label) + 1] == old[4]
    assert (version1 / "tekster_2023.docx").is_file()  # the texts skeleton, as for any year


@pytest.mark.slow
def test_a_january_double_click_on_version_1s_workbooks_makes_last_years_report(
    version1: Path, tmp_path: Path
):
    """The program as the launcher starts it, on 20 January 2024: upgrade, then report."""
    env = {**os.environ, "AFRAPPORTERING_UDEN_SIDETAL": "1", "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "generator", "lav", "--input", str(version1)]
    done = subprocess.run(
        [*on_day("2024-01-20 09:00:00"), *command, "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "  aarsdata.xlsx (originalen er gemt som aarsdata_før_opgradering.xlsx):" in (
        done.stdout.splitlines()
    )
    assert (tmp_path / "out" / "Afrapportering_2023.docx").is_file()
    assert digest(version1 / "kontrakt_før_opgradering.xlsx") == digest(
        VERSION1 / KONTRAKT.filename
    )


def test_each_upgraded_workbooks_original_is_kept_beside_it_byte_for_byte(version1: Path):
    upgrade = upgrade_folder(version1)
    assert upgrade.kept == {
        KONTRAKT.filename: version1 / "kontrakt_før_opgradering.xlsx",
        AARSDATA.filename: version1 / "aarsdata_før_opgradering.xlsx",
    }
    for name, kept in upgrade.kept.items():
        assert digest(kept) == digest(VERSION1 / name)
        assert digest(version1 / name) != digest(VERSION1 / name)


def test_the_log_is_left_as_it_is(version1: Path):
    """henvisninger.xlsx's layout has not changed since version 1: it is not rewritten."""
    upgrade_folder(version1)
    assert digest(version1 / HENVISNINGER.filename) == digest(VERSION1 / HENVISNINGER.filename)
    assert not (version1 / "henvisninger_før_opgradering.xlsx").exists()


def test_a_second_run_has_nothing_to_upgrade_and_says_nothing(version1: Path):
    said: list[str] = []
    check(version1, today=TODAY)
    before = {path.name: digest(path) for path in version1.iterdir()}
    checked = check(version1, today=TODAY, progress=said.append)
    assert checked.upgrade is not None and checked.upgrade.changes == []
    assert not [line for line in said if "opgrader" in line]
    assert {path.name: digest(path) for path in version1.iterdir()} == before


def test_the_upgraded_example_has_no_errors(version1: Path):
    checked = check(version1, today=TODAY)
    assert [p for p in checked.problems if p.level == "fejl"] == []
    assert checked.choice.year == 2023


def test_an_earlier_kept_copy_is_never_overwritten(version1: Path):
    earlier = version1 / "aarsdata_før_opgradering.xlsx"
    earlier.write_bytes(b"last year's copy")
    upgrade = upgrade_folder(version1)
    assert earlier.read_bytes() == b"last year's copy"
    second = version1 / "aarsdata_før_opgradering (2).xlsx"
    assert upgrade.kept[AARSDATA.filename] == second
    assert digest(second) == digest(VERSION1 / AARSDATA.filename)


def test_upgraded_workbooks_get_the_sheets_and_dropdowns_ny_writes(version1: Path):
    upgrade_folder(version1)
    kontrakt = load_workbook(version1 / KONTRAKT.filename)
    assert kontrakt.sheetnames == [*(s.name for s in KONTRAKT.sheets), GUIDE]
    points = [
        row[2] for row in kontrakt[CONTRACT_POINTS.name].iter_rows(min_row=2, values_only=True)
    ]
    assert points == [point for _, _, point in DEFAULT_CONTRACT_POINTS]
    aarsdata = load_workbook(version1 / AARSDATA.filename)
    assert aarsdata.sheetnames == [*(s.name for s in AARSDATA.sheets), POINTS_COPY, GUIDE]
    assert aarsdata[POINTS_COPY].sheet_state == "hidden"
    ws = aarsdata[FOCUS.name]
    assert [cell.value for cell in ws[1]] == [c.header for c in FOCUS.columns]
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules["B2:B5000"] == f"'{POINTS_COPY}'!$A$1:$A${len(DEFAULT_CONTRACT_POINTS)}"
    assert rules["C2:C5000"] == '"' + ",".join(POINT_STATUSES) + '"'
    assert "D2:D5000" not in rules  # Beskrivelse is free text, as ny leaves it
    # each column keeps its own width; Punkt gets ny's
    widths = [ws.column_dimensions[letter].width for letter in "ABCD"]
    assert widths == [8, FOCUS.column("point").width, 14, 70]
    settings = {str(dv.sqref): dv for dv in kontrakt["Kontrakt"].data_validations.dataValidation}
    assert settings["B13"].formula1 == '"Ja,Nej"'  # Eksempeldata, beside its label


def test_version_1s_dropdowns_give_way_to_nys(tmp_path: Path):
    """Version 1's ny put a list of areas on Område (B) and explained Beskrivelse in E1."""
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet")])
    book = load_workbook(folder / AARSDATA.filename)
    areas = DataValidation(type="list", formula1='"Innovationsmiljøer,Arbejdskraft"')
    areas.add("B2:B5000")
    explain = DataValidation(allow_blank=True, prompt="Hvad der er sket i året.")
    explain.add("E1")
    book[FOCUS.name].data_validations.append(areas)
    book[FOCUS.name].data_validations.append(explain)
    book.save(folder / AARSDATA.filename)
    upgrade_folder(folder)
    rules = load_workbook(folder / AARSDATA.filename)[FOCUS.name].data_validations
    assert sorted(str(dv.sqref) for dv in rules.dataValidation) == [
        "A1",
        "A2:A5000",
        "B1",
        "B2:B5000",
        "C1",
        "C2:C5000",
        "D1",
    ]
    assert "Innovationsmiljøer" not in "".join(dv.formula1 or "" for dv in rules.dataValidation)


def test_a_workbook_open_in_excel_is_not_upgraded(version1: Path):
    """Excel would save the old layout over the upgrade: nothing is changed."""
    (version1 / "~$aarsdata.xlsx").write_bytes(b"\x05owner")
    before = {path.name: digest(path) for path in version1.iterdir()}
    with pytest.raises(CannotContinue) as stop:
        upgrade_folder(version1)
    assert stop.value.message.startswith(
        "aarsdata.xlsx er lavet med en tidligere udgave af programmet og skal opgraderes, "
        "men den er åben i Excel (~$aarsdata.xlsx ligger ved siden af)."
    )
    assert "luk den i Excel" in stop.value.message
    assert {path.name: digest(path) for path in version1.iterdir()} == before


def test_tjek_upgrades_too_and_keeps_its_json_pure(version1: Path, tmp_path: Path, capsys):
    """tjek and lav agree: both upgrade. With --json the changes go to stderr."""
    code = main(["tjek", "--json", "--input", str(version1), "--output", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert [p["kode"] for p in json.loads(out) if p["niveau"] == "fejl"] == []
    assert "  aarsdata.xlsx (originalen er gemt som aarsdata_før_opgradering.xlsx):" in (
        err.splitlines()
    )


def test_a_failed_replace_leaves_the_original_and_no_copy(version1: Path, monkeypatch):
    """Windows refuses the rename while another program holds the file."""

    def refuse(*_args):
        exc = PermissionError(13, "Permission denied")
        exc.winerror = 32
        raise exc

    monkeypatch.setattr("generator.upgrade.files.os.replace", refuse)
    with pytest.raises(CannotContinue) as stop:
        upgrade_folder(version1)
    assert "kan ikke opgraderes: den er åben i et andet program" in stop.value.message
    assert sorted(path.name for path in version1.iterdir()) == sorted(
        path.name for path in VERSION1.iterdir()
    )
    assert digest(version1 / KONTRAKT.filename) == digest(VERSION1 / KONTRAKT.filename)


def test_a_workbook_refused_after_another_is_upgraded_says_which_is_done(
    version1: Path, monkeypatch
):
    """kontrakt.xlsx goes first; aarsdata.xlsx (whose columns mark the layout) last,
    so the next run still finds the layout and finishes."""
    real = os.replace

    def refuse_aarsdata(source, target):
        if Path(target).name == AARSDATA.filename:
            raise PermissionError(13, "Permission denied")
        real(source, target)

    monkeypatch.setattr("generator.upgrade.files.os.replace", refuse_aarsdata)
    with pytest.raises(CannotContinue) as stop:
        upgrade_folder(version1)
    assert stop.value.message.endswith(
        "(kontrakt.xlsx er allerede opgraderet; originalen er gemt ved siden af.)"
    )
    assert stop.value.message.startswith("aarsdata.xlsx kan ikke opgraderes: du har ikke adgang")
    assert (version1 / "kontrakt_før_opgradering.xlsx").is_file()
    assert not (version1 / "aarsdata_før_opgradering.xlsx").exists()
    assert digest(version1 / AARSDATA.filename) == digest(VERSION1 / AARSDATA.filename)
    monkeypatch.setattr("generator.upgrade.files.os.replace", real)
    assert list(upgrade_folder(version1).kept) == [AARSDATA.filename]  # the rest, next time


# ------------------------------------------------------------- each mapping


def test_a_point_with_its_version_1_name_is_renamed(tmp_path: Path):
    folder = write_version1(
        tmp_path / "in",
        [v1_row(DEFAULT_CONTRACT_POINTS[4][2], written="Studerende i erhvervslivet")],
    )
    upgrade = upgrade_folder(folder)
    assert focus_sheet(folder)[1][1] == DEFAULT_CONTRACT_POINTS[4][2]
    assert (
        f"arket Indsatser: 'Studerende i erhvervslivet' er nu '{DEFAULT_CONTRACT_POINTS[4][2]}' "
        "(1 celle: B2)"
    ) in [change.text for change in upgrade.changes]


def test_a_point_named_as_now_is_kept_and_the_columns_become_one(tmp_path: Path):
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet"), v1_row("Karriereby Viborg")])
    upgrade_folder(folder)
    assert focus_sheet(folder) == [
        ("År", "Punkt", "Status", "Beskrivelse"),
        (2023, "Arsenalet", "Løbende", "Om Arsenalet."),
        (2023, "Karriereby Viborg", "Løbende", "Om Karriereby Viborg."),
    ]


def test_a_shorter_name_is_the_one_point_of_its_area_that_holds_it(tmp_path: Path):
    folder = write_version1(
        tmp_path / "in",
        [v1_row(DEFAULT_CONTRACT_POINTS[2][2], written="Center for Industri")],
    )
    upgrade_folder(folder)
    assert focus_sheet(folder)[1][1] == "Center for Industri (CFI)"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("I gang", "Løbende"),
        ("i  GANG", "Løbende"),
        ("Færdig", "Afsluttet"),
        ("Løbende", "Løbende"),
    ],
)
def test_a_version_1_status_is_spelled_as_the_list_has_it(tmp_path: Path, old: str, new: str):
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet", status=old)])
    upgrade_folder(folder)
    assert focus_sheet(folder)[1][2] == new


def test_a_value_that_cannot_be_mapped_stays_and_is_one_message_naming_its_cell(
    tmp_path: Path,
):
    """'Tiltrækning' is in two points of its area: which one only the author knows."""
    folder = write_version1(
        tmp_path / "in",
        [
            v1_row("Arsenalet"),
            (2023, "Arbejdskraft", "Tiltrækning", "Løbende", "Uklart."),
            (2023, "Arbejdskraft", "Noget helt andet", "Forsinket", "Ukendt."),
        ],
    )
    checked = check(folder, today=TODAY)
    changes = [change.text for change in checked.upgrade.changes]
    assert (
        "arket Indsatser: 2 værdier kunne ikke kobles til et punkt og står, som de stod "
        "(B3, B4); vælg punktet fra listen (se fejlene nedenfor)"
    ) in changes
    unknown = [
        (p.sheet, p.cell)
        for p in checked.problems
        if p.code is Code.UNKNOWN_VALUE and p.file == AARSDATA.filename
    ]
    assert unknown == [(FOCUS.name, "B3"), (FOCUS.name, "B4"), (FOCUS.name, "C4")]
    assert focus_sheet(folder)[2][1:3] == ("Tiltrækning", "Løbende")


def test_points_are_matched_against_the_contracts_own_sheet(tmp_path: Path):
    """kontrakt.xlsx already has Kontraktpunkter (a contract of its own): it is not
    touched, and the points come from it."""
    data = valid_data()
    data["Kontraktpunkter"] = [{"number": "1", "area": "Vækst", "point": "Iværksætterhuset"}]
    folder = write_inputs(tmp_path / "in", data)
    before = digest(folder / KONTRAKT.filename)
    write_version1_focus(folder, [(2023, "Vækst", "Iværksætterhuset", "I gang", "Godt år.")])
    upgrade = upgrade_folder(folder)
    assert digest(folder / KONTRAKT.filename) == before
    assert list(upgrade.kept) == [AARSDATA.filename]
    assert focus_sheet(folder)[1] == (2023, "Iværksætterhuset", "Løbende", "Godt år.")


def write_version1_focus(folder: Path, rows: list[tuple]) -> None:
    book = load_workbook(folder / AARSDATA.filename)
    ws = book[FOCUS.name]
    ws.delete_rows(1, ws.max_row)
    for row in (V1_HEADERS, *rows):
        ws.append(list(row))
    book.save(folder / AARSDATA.filename)


def test_this_versions_workbooks_are_never_touched(tmp_path: Path):
    folder = write_inputs(tmp_path / "in")
    book = load_workbook(folder / KONTRAKT.filename)  # a sheet missing is an error, not old
    book.remove(book[CONTRACT_POINTS.name])
    book.save(folder / KONTRAKT.filename)
    before = {path.name: digest(path) for path in folder.iterdir()}
    assert upgrade_folder(folder).changes == []
    assert {path.name: digest(path) for path in folder.iterdir()} == before


def test_the_sheets_added_are_listed(tmp_path: Path):
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet")])
    upgrade = upgrade_folder(folder)
    assert [(c.file, c.text) for c in upgrade.changes if "tilføjet" in c.text] == [
        (
            KONTRAKT.filename,
            f"arket Kontraktpunkter er tilføjet med kontraktens {len(DEFAULT_CONTRACT_POINTS)} "
            "punkter, som programmet kender dem; ret dem, hvis jeres kontrakt har andre",
        ),
        (KONTRAKT.filename, "arket Vejledning er tilføjet: det forklarer hvert ark og kolonne"),
        (AARSDATA.filename, "arket Nøgletal er tilføjet, tomt (det må gerne blive tomt)"),
        (AARSDATA.filename, "arket Vejledning er tilføjet: det forklarer hvert ark og kolonne"),
    ]


def test_formulas_lose_their_saved_result_and_the_author_is_told(tmp_path: Path):
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet")])
    book = load_workbook(folder / AARSDATA.filename)
    book["Karriereby"]["D2"] = "=80+80"
    book.save(folder / AARSDATA.filename)
    upgrade = upgrade_folder(folder)
    assert (
        "1 celle med formler har mistet det resultat, Excel gemte: åbn aarsdata.xlsx i "
        "Excel, og gem den igen, så regnes de på ny"
    ) in [change.text for change in upgrade.changes]
    assert load_workbook(folder / AARSDATA.filename)["Karriereby"]["D2"].value == "=80+80"


def test_a_workbook_the_reader_refuses_is_not_opened_for_the_upgrade(tmp_path: Path):
    """A value far out (XFD1048576) would make openpyxl build a huge sheet: the reader's
    extent check comes first, and the reader says what is wrong."""
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet")])
    book = load_workbook(folder / AARSDATA.filename)
    book["Karriereby"]["XFD1048576"] = 1
    book.save(folder / AARSDATA.filename)
    before = digest(folder / AARSDATA.filename)
    upgrade = upgrade_folder(folder)
    assert AARSDATA.filename not in upgrade.kept
    assert digest(folder / AARSDATA.filename) == before
    codes = {p.code for p in check(folder, today=TODAY).problems if p.file == AARSDATA.filename}
    assert Code.SHEET_TOO_LARGE in codes


def test_an_unreadable_contract_postpones_the_upgrade(tmp_path: Path):
    """Without kontrakt.xlsx the points are unknown: the reader says why, nothing changes."""
    folder = write_version1(tmp_path / "in", [v1_row("Arsenalet")])
    (folder / KONTRAKT.filename).write_bytes(b"not a workbook")
    before = digest(folder / AARSDATA.filename)
    assert upgrade_folder(folder).changes == []
    assert digest(folder / AARSDATA.filename) == before


def test_lav_on_a_workbook_open_in_excel_cannot_start_and_says_to_close_it(
    version1: Path, tmp_path: Path, capsys
):
    (version1 / "~$kontrakt.xlsx").write_bytes(b"\x05owner")
    code = main(["lav", "--input", str(version1), "--output", str(tmp_path / "output")])
    out, err = capsys.readouterr()
    assert code == 2
    assert "opgraderet" not in out
    assert err.strip().startswith(
        "Kan ikke fortsætte: kontrakt.xlsx er lavet med en tidligere udgave af programmet"
    )
    assert not (tmp_path / "output" / "Afrapportering_2023.docx").exists()


# ------------------------------------------------------------------- version 2.0.0

VERSION2 = Path(__file__).resolve().parent / "fixtures" / "version2"


@pytest.fixture
def version2(tmp_path: Path) -> Path:
    """The example's input folder as version 2.0.0 shipped it (workbooks and texts)."""
    folder = tmp_path / "input"
    shutil.copytree(VERSION2, folder)
    return folder


def all_text(path: Path) -> str:
    """Every XML part of a .docx or .xlsx with its tags taken out: body, contents,
    headers, footers, properties, shared strings, as one text."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))]
        parts = [archive.read(name).decode("utf-8") for name in names]
    return " ".join(re.sub(r"<[^>]+>", "", part) for part in parts)


def test_version_2s_example_is_upgraded_to_bilag_1s_numbers_and_makes_a_report(
    version2: Path, tmp_path: Path, capsys, clock
):
    """Version 2.0.0 numbered Bilag 1's items "3 a iii" and "3 c ii", numbers the contract
    does not have: lav on 20 January 2024 upgrades them, says so, and reports 2023."""
    clock.today = TODAY
    listed = lav_upgrading(version2, tmp_path / "output", "2", capsys)
    assert listed[1:] == [
        "  kontrakt.xlsx (originalen er gemt som kontrakt_før_opgradering.xlsx):",
        "    – arket Kontraktpunkter: Nr. '3 a iii' er nu 'Bilag 1, pkt. 1 c' (1 celle: A4)",
        "    – arket Kontraktpunkter: Nr. '3 c ii' er nu 'Bilag 1, pkt. 3 a' (1 celle: A9)",
        "    – arket Kontraktpunkter: Punkt 'Center for Industri (CFI) (jf. bilag 1)' er nu "
        "'Center for Industri (CFI)' (1 celle: C4)",
        "    – arket Kontraktpunkter: Punkt 'Samarbejde med Sørensen Connecting Denmark "
        "(jf. bilag 1)' er nu 'Samarbejde med Sørensen Connecting Denmark' (1 celle: C9)",
        "    – arket Vejledning er skrevet på ny, så det forklarer kolonnerne, som denne "
        "udgave læser dem",
        "  aarsdata.xlsx (originalen er gemt som aarsdata_før_opgradering.xlsx):",
        "    – arket Indsatser: Punkt 'Center for Industri (CFI) (jf. bilag 1)' er nu "
        "'Center for Industri (CFI)' (4 celler: B4, B21, B38, B55)",
        "    – arket Indsatser: Punkt 'Samarbejde med Sørensen Connecting Denmark "
        "(jf. bilag 1)' er nu 'Samarbejde med Sørensen Connecting Denmark' "
        "(4 celler: B9, B26, B43, B60)",
    ]
    output = tmp_path / "output"
    report = output / "Afrapportering_2023.docx"
    for made in (report, output / "Afrapportering_2023_bilag.xlsx"):
        text = all_text(made)
        assert "3 a iii" not in text and "3 c ii" not in text, made.name
        assert "jf. bilag 1" not in text, made.name
    paragraphs = [p.text for p in Document(str(report)).paragraphs]
    assert "Bilag 1, pkt. 1 c. Center for Industri (CFI) – Løbende" in paragraphs
    assert "Bilag 1, pkt. 3 a. Samarbejde med Sørensen Connecting Denmark – Løbende" in paragraphs
    # the originals are kept as they were; the texts file and the log need no upgrade
    for name in (KONTRAKT.filename, AARSDATA.filename):
        kept = version2 / name.replace(".xlsx", "_før_opgradering.xlsx")
        assert digest(kept) == digest(VERSION2 / name)
    for name in (HENVISNINGER.filename, "tekster_2023.docx"):
        assert digest(version2 / name) == digest(VERSION2 / name)


def test_version_2s_points_copy_names_the_points_as_upgraded(version2: Path):
    """Indsatser's dropdown reads the hidden copy of the points: it follows the new names."""
    upgrade_folder(version2)
    copy = load_workbook(version2 / AARSDATA.filename)[POINTS_COPY]
    names = [row[0] for row in copy.values]
    assert names == [point for _, _, point in DEFAULT_CONTRACT_POINTS]


def test_version_2s_guide_to_kontrakt_xlsx_is_written_anew_in_its_place(version2: Path):
    """Version 2's Vejledning told only the contract's form of a number ("fx 3 a i")."""
    upgrade_folder(version2)
    book = load_workbook(version2 / KONTRAKT.filename)
    assert book.sheetnames == load_workbook(VERSION2 / KONTRAKT.filename).sheetnames
    rows = [row[:4] for row in book["Vejledning"].values]
    nr = [row for row in rows if row[0] == "Nr."]
    assert nr == [("Nr.", "Tekst", "Ja", CONTRACT_POINTS.column("number").help)]
    assert "Bilag 1, pkt. 1 c" in nr[0][3]


def test_version_2s_upgraded_folder_is_this_versions_and_is_not_upgraded_again(version2: Path):
    assert upgrade_folder(version2).version == "2"
    before = {path.name: digest(path) for path in version2.iterdir()}
    assert upgrade_folder(version2).changes == []
    assert {path.name: digest(path) for path in version2.iterdir()} == before
    checked = check(version2, today=TODAY)
    assert [p for p in checked.problems if p.level == "fejl"] == []


def test_version_2s_number_is_upgraded_only_beside_its_own_point(tmp_path: Path):
    """'3 a iii' meant CFI in version 2; beside another point it is no upgrade's to
    guess: it stays, and the check names it."""
    data = valid_data()
    data["Kontraktpunkter"][0]["number"] = "3 a iii"  # Arsenalet
    folder = write_inputs(tmp_path / "in", data)
    assert upgrade_folder(folder).changes == []
    checked = check(folder, today=TODAY)
    assert [(p.code, p.cell) for p in checked.problems if p.level == "fejl"] == [
        (Code.POINT_NUMBER, "A2")
    ]


def test_version_2s_number_beside_the_point_as_this_version_names_it_is_upgraded(
    tmp_path: Path,
):
    data = valid_data()
    cfi = next(row for row in data["Kontraktpunkter"] if row["number"] == "Bilag 1, pkt. 1 c")
    cfi["number"] = "3 a iii"
    folder = write_inputs(tmp_path / "in", data)
    assert [c.text for c in upgrade_folder(folder).changes] == [
        "arket Kontraktpunkter: Nr. '3 a iii' er nu 'Bilag 1, pkt. 1 c' (1 celle: A4)"
    ]
