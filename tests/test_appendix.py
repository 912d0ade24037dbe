"""The internal working appendix, Afrapportering_ÅR_bilag.xlsx.

It opens with a Kontrol sheet (input files with SHA-256 and size, when and by
which version, every warning with its cell), then every referral of the year
with type and quarter, then the tables behind the report's figures. Every
sheet and printed page says it is internal; it prints landscape, one page
wide, with the header row repeated.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from factory import valid_data, write_inputs
from openpyxl import load_workbook

from generator.core.problems import Code
from generator.pipeline import Made, make

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 27, 10, 0)  # as conftest's EXAMPLE_RUN
INTERNAL = "INTERNT ARBEJDSBILAG – ikke til offentliggørelse"


def _make(folder: Path, out: Path) -> Path:
    made = make(folder, out, now=NOW)
    assert made.report is not None, made.checked.problems
    [path] = made.extras
    assert path.name == "Afrapportering_2023_bilag.xlsx"
    return path


@pytest.fixture
def valid_appendix(valid_made: Made) -> Path:
    """The appendix of the factory's valid workbooks, made once (read only)."""
    [path] = valid_made.extras
    assert path.name == "Afrapportering_2023_bilag.xlsx"
    return path


@pytest.fixture
def example_input(example_made: Made) -> Path:
    """The example's input folder as the shared run left it (read only)."""
    return example_made.checked.inputs.folder


@pytest.fixture
def appendix(example_made: Made) -> Path:
    """The example's appendix from the session's shared run (made at 10:00, read only)."""
    [path] = example_made.extras
    assert path.name == "Afrapportering_2023_bilag.xlsx"
    return path


_READ: dict[bytes, dict[str, tuple[tuple, ...]]] = {}


def _rows(path: Path, sheet: str) -> list[tuple]:
    """The sheet's rows as openpyxl reads them; each workbook is read once per content
    (most tests here read the session's one appendix)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).digest()
    if digest not in _READ:
        book = load_workbook(io.BytesIO(data), read_only=True)
        _READ[digest] = {
            name: tuple(book[name].iter_rows(values_only=True)) for name in book.sheetnames
        }
        book.close()
    return list(_READ[digest][sheet])


def _block(rows: list[tuple], header: tuple) -> list[tuple]:
    """The rows under ``header`` on the Kontrol sheet, up to the next blank row."""
    start = next(i for i, row in enumerate(rows) if row[: len(header)] == header) + 1
    block = []
    for row in rows[start:]:
        if not any(value is not None for value in row):
            break
        block.append(row)
    return block


def _xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its worksheet XML, through the workbook's relationships."""
    parts = _xml(path)
    targets = dict(
        re.findall(
            r'Id="(rId\d+)"[^>]*Target="(worksheets/[^"]+)"', parts["xl/_rels/workbook.xml.rels"]
        )
    )
    sheets = re.findall(
        r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', parts["xl/workbook.xml"]
    )
    return {name: parts[f"xl/{targets[rid]}"] for name, rid in sheets}


# --------------------------------------------------------------------------- Kontrol


def test_kontrol_comes_first_and_is_marked_internal(appendix: Path):
    workbook = load_workbook(appendix, read_only=True)
    assert workbook.sheetnames[:2] == ["Kontrol", "Henvisninger 2023"]
    rows = _rows(appendix, "Kontrol")
    assert rows[0][0] == INTERNAL
    facts = {row[0]: row[1] for row in rows if row[0] and row[1] is not None}
    assert facts["Rapportår"] == 2023
    assert facts["Kontraktperiode"] == "2020–2023"
    assert facts["Lavet"] == NOW
    assert facts["Programversion"] == "3.0.0"
    assert facts["Eksempeldata"] == "Ja"


def test_kontrol_holds_each_input_files_sha256_and_size(example_input: Path, appendix: Path):
    rows = _rows(appendix, "Kontrol")
    files = {row[0]: (row[1], row[2]) for row in _block(rows, ("Fil", "Størrelse (byte)"))}
    assert set(files) == {
        "kontrakt.xlsx",
        "henvisninger.xlsx",
        "aarsdata.xlsx",
        "tekster_2023.docx",
    }
    for name, (size, digest) in files.items():
        content = (example_input / name).read_bytes()
        assert digest == hashlib.sha256(content).hexdigest()  # what sha256sum prints
        assert size == len(content)


def test_kontrol_lists_every_warning_with_file_sheet_cell_and_code(tmp_path: Path):
    data = valid_data()
    data["Henvisninger"][1]["date"] = "15.03.2023"  # a date as text: row 3 of the sheet
    data["Øremærkninger"][0]["amount"] = "375.000,00"  # a Danish number as text: row 2
    data["Møder"] = data["Møder"][:10]  # two months without a meeting
    appendix = _make(write_inputs(tmp_path / "input", data), tmp_path / "out")
    rows = _rows(appendix, "Kontrol")
    warnings = _block(rows, ("Fil", "Ark", "Celle", "Kode", "Besked"))
    where = {(row[0], row[1], row[2], row[3]) for row in warnings}
    assert ("henvisninger.xlsx", "Henvisninger", "A3", Code.DATE_AS_TEXT) in where
    assert ("kontrakt.xlsx", "Øremærkninger", "B2", Code.NUMBER_AS_TEXT) in where
    assert any(row[1] == "Møder" and row[3] == Code.FEW_MEETINGS for row in warnings)
    assert all(row[4] for row in warnings)  # each with its message
    facts = {row[0]: row[1] for row in rows[:12] if row[0]}
    assert facts["Advarsler"] == len(warnings) == 3


def test_without_warnings_kontrol_says_so(valid_appendix: Path):
    rows = _rows(valid_appendix, "Kontrol")
    assert ("Ingen advarsler.", None, None, None, None) in rows


# --------------------------------------------------------------------------- the referrals


def test_it_lists_every_referral_of_the_year_with_type_and_quarter(appendix: Path):
    rows = _rows(appendix, "Henvisninger 2023")
    assert rows[0][0].startswith(INTERNAL)
    header, body = rows[1], rows[2:]
    assert header == (
        "Dato",
        "Virksomhed",
        "CVR-nr.",
        "Henvist til",
        "Emne",
        "Konsulent",
        "Bemærkning",
        "Type",
        "Kvartal",
    )
    assert len(body) == 101
    assert all(row[0].year == 2023 for row in body)
    assert body[0][:4] == (
        datetime(2023, 1, 4),
        "Vejrum Møbelsnedkeri A/S",
        "62747293",
        "Digitalt Løft Midt",
    )
    assert body[0][-2:] == ("Regionalt program", 1)  # shown as "1. kvartal"
    types = Counter(row[-2] for row in body)
    assert types == {"Erhvervshus": 40, "Nationalt program": 39, "Regionalt program": 22}
    quarters = Counter(row[-1] for row in body)
    assert quarters == {1: 27, 2: 23, 3: 32, 4: 19}


def test_a_column_nobody_filled_is_left_out(valid_appendix: Path):
    """The factory's log has no Bemærkning at all, so the sheet has no such column."""
    appendix = valid_appendix
    header = _rows(appendix, "Henvisninger 2023")[1]
    assert "Bemærkning" not in header
    assert header[-2:] == ("Type", "Kvartal")
    kvartaler = _rows(appendix, "Kvartaler")[1]
    assert kvartaler == ("Kvartal", "2023", "Andel 2023")  # no empty 2022 column


def test_cell_text_is_never_a_formula(inputs: Path, tmp_path: Path):
    hostile = [
        '=HYPERLINK("http://example.invalid","Klik")',
        "+45 1234",
        "-2+3",
        "@SUM(A1:A9)",
    ]
    log = inputs / "henvisninger.xlsx"
    workbook = load_workbook(log)
    for row, text in enumerate(hostile, start=2):
        cell = workbook["Henvisninger"].cell(row, 2)
        cell.value, cell.data_type = text, "s"  # typed as text in Excel, not as a formula
    workbook.save(log)
    appendix = _make(inputs, tmp_path / "out")
    for name, xml in _sheet_parts(appendix).items():
        assert "<f>" not in xml and "<f " not in xml, name
    companies = [row[1] for row in _rows(appendix, "Henvisninger 2023")[2:]]
    assert companies[:4] == hostile
    names = [row[0] for row in _rows(appendix, "Virksomheder")[2:]]
    assert set(hostile) <= set(names)


# --------------------------------------------------------------------------- figure tables


def test_it_holds_the_tables_behind_the_figures(appendix: Path):
    assert load_workbook(appendix, read_only=True).sheetnames == [
        "Kontrol",
        "Henvisninger 2023",
        "Sammenfatning",
        "Modtagere",
        "Typer",
        "Kvartaler",
        "Måneder",
        "Emner",
        "Virksomheder",
        "År",
        "Kvartaler pr. år",
        "Karriereby",
        "Karriereby pr. år",
        "CFI-resultatmål",
        "CFI over årene",
        "CFI pr. år",
        "Månedsmøder",
        "Kontraktpunkter",
        "Nøgletal",
        "Økonomi",
        "Øremærkninger",
        "Perioden",
    ]
    typer = _rows(appendix, "Typer")
    assert typer[1] == ("Type", "2022", "2023", "Andel 2023")
    assert typer[2][:3] == ("Erhvervshus", 40, 40)
    assert [row[:2] for row in _rows(appendix, "År")[2:]] == [
        (2020, 80),
        (2021, 87),
        (2022, 93),
        (2023, 101),
    ]
    key = {row[0]: row[1] for row in _rows(appendix, "Sammenfatning")[2:]}
    assert key["Henvisninger i 2023"] == 101
    assert key["Henvisninger i 2022"] == 93
    assert key["CFI's resultatmål opfyldt"] == 3
    assert key["Kontraktsum 2023"] == 3011737
    meetings = _rows(appendix, "Månedsmøder")[2:]
    assert len(meetings) == 11 and meetings[0][0] == datetime(2023, 1, 10)


def test_the_years_of_the_contract_period_have_their_tables(appendix: Path):
    period = _rows(appendix, "Perioden")
    assert period[1] == (
        "År",
        "Henvisninger",
        "Timer Karriereby",
        "Mål opfyldt",
        "Mål i alt",
        "Måneder med møde",
        "Kontraktsum",
    )
    assert [row[0] for row in period[2:]] == [2020, 2021, 2022, 2023, "I alt"]
    assert period[-1][1] == 80 + 87 + 93 + 101
    assert period[-1][6] == 11467501  # the period's contract sum
    karriereby = _rows(appendix, "Karriereby pr. år")[2:]
    assert karriereby[-1][:2] == (2023, 1871.5)
    goals = {row[0]: row for row in _rows(appendix, "CFI over årene")[2:]}
    assert goals["3"][2:4] == (None, None)  # goal 3 had no result in 2020
    assert goals["3"][4:6] == (4, "Ja")
    assert goals["3"][-2:] == (6, "Nej")
    points = _rows(appendix, "Kontraktpunkter")[2:]
    assert ("3 a ii", "Innovationsmiljøer", "Agro Business Park") in [p[:3] for p in points]
    assert _rows(appendix, "Kvartaler pr. år")[-1] == (2023, 27, 23, 32, 19)
    key_figures = _rows(appendix, "Nøgletal")
    assert key_figures[1][:6] == ("Nøgletal", "Enhed", "2020", "2021", "2022", "2023")


def test_economy_shows_the_factor_rounded_to_four_decimals(appendix: Path):
    rows = _rows(appendix, "Økonomi")
    assert rows[1] == (
        "År",
        "PL-stigning (%)",
        "Kilde",
        "Status",
        "Reguleringsfaktor",
        "Kontraktsum",
        "Øremærket",
        "Til rådighed",
    )
    assert [row[0] for row in rows[2:]] == [2020, 2021, 2022, 2023]
    assert [row[4] for row in rows[2:3]] == [1]
    assert [row[4] for row in rows[3:5]] == [1.016, 1.0455]  # 1,016 × 1,029 = 1,045464
    assert [row[5] for row in rows[2:]] == [2762000, 2806192, 2887572, 3011737]
    sheet = load_workbook(appendix)["Økonomi"]
    assert sheet["E4"].number_format == "0.0000"
    assert sheet["F4"].number_format == '#,##0" kr."'


def test_dates_and_numbers_have_danish_formats(appendix: Path):
    workbook = load_workbook(appendix)
    assert workbook["Henvisninger 2023"]["A3"].number_format == "dd-mm-yyyy"
    assert workbook["Henvisninger 2023"]["I3"].number_format == '0". kvartal"'
    assert workbook["Modtagere"]["E3"].number_format == "0.0 %"
    assert workbook["Karriereby"]["B3"].number_format == "#,##0.0"


# --------------------------------------------------------------------------- print setup


def test_every_sheet_is_marked_internal_in_its_page_header(appendix: Path):
    sheets = _sheet_parts(appendix)
    assert len(sheets) == 22
    for name, xml in sheets.items():
        header = re.search(r"<oddHeader>(.*?)</oddHeader>", xml)
        assert header and INTERNAL in header.group(1), name
        assert "&amp;P af &amp;N" in xml, name  # numbered pages
        assert 'orientation="landscape"' in xml, name
        assert '<pageSetUpPr fitToPage="1"/>' in xml, name
        assert 'fitToHeight="0"' in xml, name  # one page wide (fitToWidth 1 is the default)
        assert not re.search(r'fitToWidth="(?!1")', xml), name


def test_the_referral_sheet_repeats_its_header_row_frozen_and_filtered(appendix: Path):
    workbook = _xml(appendix)["xl/workbook.xml"]
    titles = re.findall(
        r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d)">([^<]+)<', workbook
    )
    assert ("1", "'Henvisninger 2023'!$2:$2") in titles
    xml = _sheet_parts(appendix)["Henvisninger 2023"]
    assert '<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>' in xml
    assert '<autoFilter ref="A2:I103"/>' in xml
    sheet = load_workbook(appendix)["Henvisninger 2023"]
    assert sheet.print_title_rows == "$2:$2" and sheet.freeze_panes == "A3"


@pytest.mark.libreoffice
def test_libreoffice_reads_and_prints_the_appendix(appendix: Path, tmp_path: Path):
    from libreoffice import convert, pdf_text

    # the first sheet, Kontrol, as UTF-8 CSV
    csv = convert(appendix, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "csv")
    assert csv.read_text(encoding="utf-8").startswith(INTERNAL)
    pdf = convert(appendix, "pdf", tmp_path / "pdf")
    pages = pdf_text(pdf).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 3
    assert all(INTERNAL in page for page in pages)  # the page header of every sheet
    # The referrals run over two pages; the second starts with the header row again.
    continued = next(p for p in pages[2:] if "Vejrum" not in p and "Kvartal" in p)
    first_line = next(line for line in continued.splitlines()[1:] if line.strip())
    assert first_line.split()[:2] == ["Dato", "Virksomhed"]
    assert re.search(r"\b04-01-2023\b", pages[1])  # dates print as dd-mm-yyyy
    assert "1. kvartal" in pages[1]  # the quarter's number in its format
