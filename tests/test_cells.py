"""One cell, one typed value, or a Danish reason it is not."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from generator.core.problems import Level
from generator.reading.cells import (
    parse_cvr,
    parse_date,
    parse_month,
    parse_number,
    parse_text,
    parse_year,
)


@pytest.mark.parametrize(
    "raw", ["31-01-2024", "31.01.2024", "31/01/2024", "2024-01-31", "31. januar 2024"]
)
def test_unambiguous_dates_typed_as_text_are_read_with_a_warning(raw):
    value, issue = parse_date(raw)
    assert value == date(2024, 1, 31)
    assert issue[:2] == (Level.WARNING, "dato-som-tekst")


@pytest.mark.parametrize("raw", ["32-13-2024", "fem", "31-02-2024", "2024", True])
def test_impossible_dates_are_errors(raw):
    value, issue = parse_date(raw)
    assert value is None
    assert issue[:2] == (Level.ERROR, "ugyldig-dato")


def test_real_dates_and_datetimes_are_read_silently():
    assert parse_date(date(2023, 5, 1)) == (date(2023, 5, 1), None)
    assert parse_date(datetime(2023, 5, 1, 13, 0)) == (date(2023, 5, 1), None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234,50", Decimal("1234.50")),
        ("1234,5", Decimal("1234.5")),
        ("2.762.000 kr.", Decimal(2762000)),
        ("-1,5", Decimal("-1.5")),
    ],
)
def test_danish_number_text_is_read_with_a_warning(raw, expected):
    value, issue = parse_number(raw)
    assert value == expected
    assert issue[:2] == (Level.WARNING, "tal-som-tekst")


def test_floats_keep_their_written_decimals():
    """1.9 from Excel is 1,9 exactly, not 1,899999…"""
    assert parse_number(1.9) == (Decimal("1.9"), None)


@pytest.mark.parametrize("raw", ["fem", "1,2,3", True])
def test_words_are_not_numbers(raw):
    value, issue = parse_number(raw)
    assert value is None and issue[1] == "ugyldigt-tal"


def test_cvr_numbers_are_checked_for_length_and_check_digit():
    assert parse_cvr("10150817") == ("10150817", None)
    assert parse_cvr(10150817.0) == ("10150817", None)
    assert parse_cvr("DK 10 15 08 17") == ("10150817", None)
    assert parse_cvr("10150818")[1][1] == "cvr-kontrolciffer"
    assert parse_cvr("1015081")[1][1] == "cvr-laengde"
    assert parse_cvr("1015081X")[1][1] in {"cvr-format", "cvr-laengde"}


def test_months_by_number_or_name():
    assert parse_month(3.0) == (3, None)
    assert parse_month("marts") == (3, None)
    assert parse_month("Dec.") == (12, None)
    assert parse_month(13)[1][1] == "ugyldig-maaned"


def test_years_must_be_four_digit_years():
    assert parse_year(2023.0) == (2023, None)
    assert parse_year(23)[1][1] == "ugyldigt-aar"


def test_text_is_trimmed_keeps_its_line_breaks_and_loses_control_characters():
    assert parse_text("  R&D <Test> A/S ") == ("R&D <Test> A/S", None)
    assert parse_text("Linje 1\r\nLinje 2\x07") == ("Linje 1\nLinje 2", None)
    assert parse_text(1.0) == ("1", None)
