"""Dates as convenios write them, into ISO dates with a precision.

Handles full dates ("31 de Julio de 2019", "martes, 31 de julio del 2019",
"31/07/2019", "31-jul-2019"), month-and-year dates ("Julio 2019",
"septiembre de 2020": the month's last day, precision "mes") and dates in
words ("a los tres días del mes de junio de dos mil diecinueve").  Parsing is
dateparser's, in Spanish, day first; numbers in words go through text2num.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

import dateparser
from text_to_num import alpha2digit

from extract.fields.common import fold, normalize_space

MONTHS = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
_MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTHS.items()}

_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "last",
    "REQUIRE_PARTS": ["month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}

_MONTH_NAME = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)"
_YEAR = r"(?:19|20)\d\d"
# A date written in the text, in any of the genre's wordings (on folded text).
DATE_PATTERN = re.compile(
    rf"(?:\b\d{{1,2}}\s*(?:de\s+)?{_MONTH_NAME}\s*(?:de|del)?\s*(?:ano\s+)?{_YEAR}\b"
    rf"|\b\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*{_YEAR}\b"
    rf"|\b\d{{1,2}}\s*-\s*[a-z]{{3}}\.?\s*-\s*{_YEAR}\b"
    rf"|\b{_MONTH_NAME}\s*(?:de|del)?\s*{_YEAR}\b)"
)


@dataclass(frozen=True, slots=True)
class ParsedDate:
    fecha: dt.date
    precision: Literal["dia", "mes"]


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_date(text: str) -> ParsedDate | None:
    """Read one date; None when the text holds no readable date."""
    folded = fold(_digits_from_words(normalize_space(text).lower()))
    folded = re.sub(r"^(lunes|martes|miercoles|jueves|viernes|sabado|domingo),?\s*", "", folded)
    match = DATE_PATTERN.search(folded)
    if not match:
        return None
    found = match.group(0)
    has_day = bool(re.match(r"\d", found))
    if not has_day:
        month_name, year = re.match(rf"({_MONTH_NAME})\D*(\d{{4}})", found).groups()
        return ParsedDate(month_end(int(year), MONTHS[month_name]), "mes")
    parsed = _parse_day_first(found)
    return ParsedDate(parsed, "dia") if parsed else None


def _parse_day_first(found: str) -> dt.date | None:
    abbreviated = re.fullmatch(r"(\d{1,2})\s*-\s*([a-z]{3})\.?\s*-\s*(\d{4})", found)
    if abbreviated:
        day, month, year = abbreviated.groups()
        if month not in _MONTH_ABBREVIATIONS:
            return None
        return _safe_date(int(year), _MONTH_ABBREVIATIONS[month], int(day))
    result = dateparser.parse(found, languages=["es"], settings=_DATEPARSER_SETTINGS)
    return result.date() if result else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# text2num knows "veintiuno" and "uno" but not the apocopated forms used before "días".
_APOCOPE = {r"\bveintiún\b": "veintiuno", r"\bveintiun\b": "veintiuno", r"\bun\b": "uno", r"\bprimer\b": "1", r"\bprimero\b": "1"}


def _digits_from_words(lowered: str) -> str:
    """'a los tres días del mes de junio de dos mil diecinueve' -> '3 de junio de 2019'.

    Works on lower-case text that keeps its accents: text2num needs them ("veintitrés").
    """
    if not re.search(r"\b(dos mil|mil novecientos|d[ií]as? del mes)\b", lowered):
        return lowered
    text = lowered
    for pattern, replacement in _APOCOPE.items():
        text = re.sub(pattern, replacement, text)
    text = alpha2digit(text, "es", threshold=0)  # the default leaves "uno" and "dos" in words
    # "3 dias del mes de junio de(l ano) 2019" -> "3 de junio de 2019"
    text = re.sub(r"(\d{1,2})\s+d[ií]as?\s+del\s+mes\s+de\s+", r"\1 de ", text)
    return re.sub(r"\bdel\s+año\s+", "de ", text)


def find_dates(text: str) -> list[tuple[int, int]]:
    """Spans of the dates in a text (in the folded text's offsets, which equal the original's
    as folding keeps one character per character for Spanish text with single spaces)."""
    return [m.span() for m in DATE_PATTERN.finditer(fold(text))]
