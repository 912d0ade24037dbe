"""Bad input is reported at its cell, all at once, with a stable code."""

from __future__ import annotations

from datetime import date

from factory import column_of, edit_cell, valid_data, write_inputs

from generator.pipeline import check

TODAY = date(2026, 11, 27)


def found(folder, year=None):
    checked = check(folder, year, today=TODAY)
    return [(p.file, p.sheet, p.cell, str(p.level), p.code) for p in checked.problems]


def test_valid_workbooks_have_no_problems(inputs):
    assert found(inputs) == []


def test_headers_match_case_and_space_insensitively_and_extra_columns_are_ignored(tmp_path):
    folder = write_inputs(tmp_path / "in")
    edit_cell(folder, "henvisninger.xlsx", "Henvisninger", "A1", "  dato ")
    edit_cell(folder, "henvisninger.xlsx", "Henvisninger", "D1", "HENVIST   TIL")
    edit_cell(folder, "henvisninger.xlsx", "Henvisninger", "H1", "Ekstra kolonne")
    edit_cell(folder, "henvisninger.xlsx", "Henvisninger", "H2", "ignoreres")
    assert found(folder) == []


def test_a_missing_required_column_is_an_error_naming_the_lookalike_header(inputs):
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "D1", "Henvist")
    assert ("henvisninger.xlsx", "Henvisninger", "D1", "fejl", "kolonne-mangler") in found(inputs)


def test_an_unknown_column_name_without_lookalike_is_reported_for_the_sheet(inputs):
    edit_cell(inputs, "aarsdata.xlsx", "Karriereby", "D1", "Xyz")
    assert ("aarsdata.xlsx", "Karriereby", None, "fejl", "kolonne-mangler") in found(inputs)


def test_a_text_that_is_no_date_is_an_error_at_its_cell(inputs):
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "A5", "32-13-2024")
    assert found(inputs) == [("henvisninger.xlsx", "Henvisninger", "A5", "fejl", "ugyldig-dato")]


def test_a_word_where_a_number_belongs_is_an_error_at_its_cell(inputs):
    cell = f"{column_of('Karriereby', 'hours')}3"
    edit_cell(inputs, "aarsdata.xlsx", "Karriereby", cell, "fem")
    problems = found(inputs)
    assert ("aarsdata.xlsx", "Karriereby", cell, "fejl", "ugyldigt-tal") in problems


def test_a_value_not_on_its_list_is_an_error_with_a_suggestion(inputs):
    cell = f"{column_of('Henvisninger', 'recipient')}4"
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", cell, "Erhvervshus Midtjyland")
    checked = check(inputs, today=TODAY)
    [problem] = checked.problems
    assert (problem.cell, problem.code) == (cell, "ukendt-vaerdi")
    assert "Mente du 'Erhvervshus Midtjylland'?" in problem.message


def test_list_values_differing_only_in_case_are_accepted(inputs):
    cell = f"{column_of('Henvisninger', 'recipient')}4"
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", cell, "erhvervshus  midtjylland")
    assert found(inputs) == []


def test_a_missing_price_index_year_is_an_error(tmp_path):
    data = valid_data()
    data["Prisindeks"] = [row for row in data["Prisindeks"] if row["year"] != 2022]
    folder = write_inputs(tmp_path / "in", data)
    assert found(folder) == [("kontrakt.xlsx", "Prisindeks", None, "fejl", "prisindeks-mangler")]


def test_a_price_index_year_after_the_report_year_is_not_needed(tmp_path):
    data = valid_data()
    data["Prisindeks"] = [row for row in data["Prisindeks"] if row["year"] != 2023]
    folder = write_inputs(tmp_path / "in", data)
    assert [p for p in found(folder, 2022) if p[3] == "fejl"] == []


def test_all_problems_are_reported_in_one_run(inputs):
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "A5", "fem")
    edit_cell(inputs, "henvisninger.xlsx", "Henvisninger", "C6", "12345678")
    edit_cell(inputs, "aarsdata.xlsx", "CFI-resultatmål", "F2", None)
    edit_cell(inputs, "kontrakt.xlsx", "Prisindeks", "B3", "meget")
    codes = {(p[0], p[2], p[4]) for p in found(inputs)}
    assert {
        ("henvisninger.xlsx", "A5", "ugyldig-dato"),
        ("henvisninger.xlsx", "C6", "cvr-kontrolciffer"),
        ("aarsdata.xlsx", "F2", "resultat-mangler"),
        ("kontrakt.xlsx", "B3", "ugyldigt-tal"),
    } <= codes


def test_a_setting_given_twice_is_an_error_at_the_second(inputs):
    from openpyxl import load_workbook

    path = inputs / "kontrakt.xlsx"
    workbook = load_workbook(path)
    workbook["Kontrakt"].append(["Grundbeløb", 2800000])
    row = workbook["Kontrakt"].max_row
    workbook.save(path)
    assert ("kontrakt.xlsx", "Kontrakt", f"A{row}", "fejl", "dobbelt-felt") in found(inputs)


def test_a_rate_stored_as_a_fraction_is_questioned(inputs):
    """2,9 % typed into a per-cent cell is stored as 0,029: almost surely not meant."""
    edit_cell(inputs, "kontrakt.xlsx", "Prisindeks", "B3", 0.029)
    assert ("kontrakt.xlsx", "Prisindeks", "B3", "advarsel", "sats-som-broek") in found(inputs)


def test_a_hidden_column_is_pointed_out(inputs):
    from openpyxl import load_workbook

    path = inputs / "henvisninger.xlsx"
    workbook = load_workbook(path)
    workbook["Henvisninger"].column_dimensions["C"].hidden = True
    workbook.save(path)
    assert ("henvisninger.xlsx", "Henvisninger", "C1", "advarsel", "skjult-kolonne") in found(
        inputs
    )


def test_zero_hours_per_fte_is_an_error(tmp_path):
    data = valid_data()
    data["Kontrakt"]["hours_per_fte"] = 0
    folder = write_inputs(tmp_path / "in", data)
    assert ("kontrakt.xlsx", "Kontrakt", "B10", "fejl", "ugyldigt-aarsvaerk") in found(folder)


def test_a_report_year_without_referrals_is_questioned(tmp_path):
    data = valid_data()
    data["Henvisninger"] = [r for r in data["Henvisninger"] if r["date"].year != 2023]
    folder = write_inputs(tmp_path / "in", data)
    assert (
        "henvisninger.xlsx",
        "Henvisninger",
        None,
        "advarsel",
        "ingen-henvisninger-i-aaret",
    ) in found(folder, 2023)


def test_list_entries_differing_only_in_case_are_one_entry(inputs):
    from openpyxl import load_workbook

    path = inputs / "henvisninger.xlsx"
    workbook = load_workbook(path)
    workbook["Lister"].append(["erhvervshus midtjylland", "Erhvervshus", None])
    workbook.save(path)
    checked = check(inputs, today=TODAY)
    labels = [c.label for c in checked.computed.figures.referrals.by_recipient]
    assert labels.count("Erhvervshus Midtjylland") == 1
    assert "erhvervshus midtjylland" not in labels


def test_two_spellings_of_one_company_with_one_cvr_are_a_likely_duplicate(tmp_path):
    """Same date, recipient, topic and CVR number: the same company typed in twice,
    however its name is spelled the second time."""
    data = valid_data()
    first = data["Henvisninger"][0]
    data["Henvisninger"].append(first | {"company": "Virksomheden nr. 1 A/S"})
    folder = write_inputs(tmp_path / "in", data)
    copy_row = 2 + len(data["Henvisninger"]) - 1  # the header is row 1
    company = column_of("Henvisninger", "company")
    assert found(folder) == [
        ("henvisninger.xlsx", "Henvisninger", f"{company}{copy_row}", "advarsel", "mulig-dublet")
    ]


def test_one_name_with_two_cvr_numbers_is_two_companies(tmp_path):
    """Two companies may share a name; their CVR numbers tell them apart."""
    data = valid_data()
    first = data["Henvisninger"][0]
    other_cvr = next(r["cvr"] for r in data["Henvisninger"] if r["cvr"] != first["cvr"])
    data["Henvisninger"].append(first | {"cvr": other_cvr})
    folder = write_inputs(tmp_path / "in", data)
    assert found(folder) == []


def test_two_blank_rows_together_are_one_warning_with_an_en_dash(inputs):
    """Rows 6 and 7 left blank in the log: one warning at A6, naming both rows."""
    from openpyxl import load_workbook

    path = inputs / "henvisninger.xlsx"
    workbook = load_workbook(path)
    workbook["Henvisninger"].insert_rows(6, 2)
    workbook.save(path)
    checked = check(inputs, today=TODAY)
    [blank] = [p for p in checked.problems if p.code == "tom-raekke"]
    assert blank.cell == "A6"
    assert blank.message.startswith("Rækkerne 6\u20137 er tomme")
