"""Dates as convenios write them become ISO dates with a precision."""

import datetime as dt

import pytest

from extract.fields.dates import parse_date


@pytest.mark.parametrize(
    "text, expected, precision",
    [
        ("31 de Julio de 2019", dt.date(2019, 7, 31), "dia"),
        ("31 de julio del 2019", dt.date(2019, 7, 31), "dia"),
        ("martes, 31 de julio de 2019", dt.date(2019, 7, 31), "dia"),
        ("31/07/2019", dt.date(2019, 7, 31), "dia"),
        ("31-jul-2019", dt.date(2019, 7, 31), "dia"),
        ("15 de septiembre de 2020", dt.date(2020, 9, 15), "dia"),
        ("a los tres días del mes de junio de dos mil diecinueve", dt.date(2019, 6, 3), "dia"),
        ("a los veintiún días del mes de agosto del año dos mil veinte", dt.date(2020, 8, 21), "dia"),
        # Days one and two, which text2num leaves in words by default.
        ("a los dos días del mes de abril de\ndos mil veintitrés.", dt.date(2023, 4, 2), "dia"),
        ("al primer día del mes de marzo de dos mil veinte", dt.date(2020, 3, 1), "dia"),
        ("a los treinta y un días del mes de mayo de dos mil veinte", dt.date(2020, 5, 31), "dia"),
    ],
)
def test_full_dates_have_day_precision(text, expected, precision):
    parsed = parse_date(text)
    assert (parsed.fecha, parsed.precision) == (expected, precision)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Julio 2019", dt.date(2019, 7, 31)),
        ("Julio de 2019", dt.date(2019, 7, 31)),
        ("septiembre de 2020", dt.date(2020, 9, 30)),
        ("setiembre de 2020", dt.date(2020, 9, 30)),
        ("Febrero 2024", dt.date(2024, 2, 29)),
        ("Julio2019", dt.date(2019, 7, 31)),  # OCR lost the space
    ],
)
def test_month_only_dates_mean_the_last_day_of_the_month(text, expected):
    parsed = parse_date(text)
    assert (parsed.fecha, parsed.precision) == (expected, "mes")


@pytest.mark.parametrize("text", ["Fecha comprometida de cumplimiento:", "", "31 de febrero de 2019", "sin fecha", "sepiembre de 2020"])
def test_text_without_a_valid_date_gives_none(text):
    assert parse_date(text) is None
