"""Repair of typical OCR confusions in OCR'd words, from the genre's own vocabulary.

The OCR stage runs every word it reads through `repair_words` before the
page leaves it; text-layer words are never touched.  Five kinds of repair,
all word by word, all grounded in what convenios say (never in any
expected record):

* **digit runs** -- a token that is mostly digits with a few letters that
  look like digits ("3l", "2O19", "5OO6O", "3l/O7/2019") gets those
  letters turned into the digits they stand for (O o -> 0, l I | ! -> 1,
  S -> 5).  Ordinals ("1o", "2a") are left alone.
* **bullets** -- a lone "+", "»" or "+»" is the "•" of a list in a cell.
* **abbreviated dates** -- "28-j¡un-2020" is "28-jun-2020"; "27-1eb-2021"
  is "27-feb-2021" (one letter off, and only one month it can be).
* **roman numerals** -- "XIl", "Il", "1V.2" are "XII", "II", "IV.2"
  (fracciones, declaration numbers); "I.1" is not turned into "1.1".
* **the genre's fixed vocabulary** -- a word that matches a vocabulary word
  once OCR's confusions are folded away ("rn" read for "m", "cl" for "d",
  1/l/I/i, 0/O, lost accents) is written as the vocabulary spells it, in
  the word's case: "Contraloria" -> "Contraloría", "CLAUSULAS" ->
  "CLÁUSULAS", "cornprometida" -> "comprometida", "JuIio" -> "Julio".

* **run-together dates** -- "5denoviembre" and "31deJulio", a day, "de"
  and a month read as one word, and "del2021" or "enerode2026", are split
  back into their words, each with its share of the box; so are particles
  run into a vocabulary word ("DEPROGRAMAS", "delaContraloria").

The vocabulary is the data below (`VOCABULARY`, `CAPITALIZED_ONLY`): add
to it, not to the code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from extract.model import Word

VOCABULARY: tuple[str, ...] = (
    # Parties and offices.
    "contraloría", "tesorería", "dirección", "subdirección",
    "coordinación", "administración", "planeación", "programación", "presupuestación",
    "evaluación", "órgano", "unidad", "gobierno", "ayuntamiento", "municipio", "méxico",
    # Words of cargos and offices, which a seal or a signature's ink over them may give an accent.
    "programa", "programas", "sociales", "seguimiento", "departamento", "desarrollo", "auditoría",
    "protección", "educación", "egresos", "finanzas", "movilidad", "seguridad", "descentralizado", "control",
    # The convenio's sections and structural labels.
    "convenio", "antecedentes", "declaraciones", "cláusulas", "cláusula", "hallazgo",
    "hallazgos", "recomendación", "recomendaciones", "actividad", "comprometida",
    "comprometidas", "cumplimiento", "fecha", "responsables", "aspectos", "susceptibles",
    "mejora", "desempeño", "resultados", "gubernamentales", "prórroga", "vigencia",
    "interpretación", "modificaciones", "publicidad", "incumplimiento", "obligaciones",
    # Clause ordinals.
    "primera", "segunda", "tercera", "cuarta", "quinta", "sexta", "séptima", "octava",
    "novena", "décima", "vigésima", "trigésima",
    # Dates and periods.
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "días", "día", "hábiles", "naturales", "año",
    # Legal wording with accents OCR tends to drop.
    "específica", "público", "pública", "públicos", "políticas", "política", "orgánica",
    "constitución", "fracción", "fracciones", "artículo", "artículos", "número",
    "periódico", "técnico", "jurídico", "análisis", "información", "gestión", "también",
    "según", "términos", "compañía", "económica",
)
"""Words of the genre as they must be spelt, lower case with their accents."""

CAPITALIZED_ONLY: frozenset[str] = frozenset(
    {
        # Each of these, unaccented, is another Spanish word too ("publica",
        # "publico" and "prorroga" as verbs, "especifica" the verb): repaired
        # only where capitalised, as the genre writes the names of offices,
        # clauses and evaluations.  "Secretaría" is not in the vocabulary at
        # all: "LA SUBSECRETARIA DE PLANEACIÓN" is a woman's cargo, as
        # written, and Tesseract keeps the accent of the office's name.
        "pública", "público", "prórroga", "específica",
    }
)
"""Vocabulary words repaired only when the OCR'd word starts with a capital."""

# Letters OCR reads in place of digits, by the digit they stand for.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "!": "1", "S": "5"})
_NUMBER_TOKEN = re.compile(r"^[0-9OolI|!S]+(?:[.,/-][0-9OolI|!S]+)*$")
_ORDINAL = re.compile(r"^\d+[oa]$")
BULLET_LOOKALIKES = frozenset({"+", "»", "«", "*", "·"})
"""What Tesseract reads the "•" of a list in a cell as (measured on the scanned
samples: "+" and "»"); standing alone, none of them means anything else in a
convenio (quotes and footnote marks are attached to a word)."""
_BULLET_CHARACTERS = frozenset("".join(BULLET_LOOKALIKES))
# A date written "28-jun-2020", its month abbreviation with specks in it ("j¡un")
# or a letter read as a digit ("1eb").
_ABBREVIATED_DATE = re.compile(r"^(\d{1,2})([-/.])(\S*[^\W\d_]\S*)([-/.])(\d{2,4})$")
_MONTH_ABBREVIATIONS = frozenset({"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic"})
# Roman numerals as Tesseract misreads them: "I" as "l", "1" or "|".
_ROMAN_LOOKALIKES = str.maketrans({"l": "I", "1": "I", "|": "I"})
_ROMAN_NUMERAL = re.compile(r"^X{0,3}(IX|IV|VI{0,3}|I{1,3})?$")
_ROMAN_TOKEN = re.compile(r"^([IVXl1|]+)((?:\.\d+)*)$")
_LEADING = "\"'“‘«(¿¡["
_TRAILING = "\"'”’»).,;:?!]"


def _fold(word: str) -> str:
    """A word with OCR's usual confusions folded away, for matching only."""
    bare = "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")
    bare = bare.lower().replace("rn", "m").replace("cl", "d").replace("vv", "w")
    return bare.translate(str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o"}))


_BY_FOLD: dict[str, str] = {_fold(word): word for word in VOCABULARY}


# Words this long may be taken to the vocabulary word one letter off them:
# the vocabulary's long words are far apart from one another.
_NEAR_VOCABULARY_MIN_LETTERS = 7


def near_vocabulary_word(word: str) -> str | None:
    """The vocabulary word (in the word's case) a long word is one letter off ("EDUGACIÓN" -> "EDUCACIÓN"),
    when there is exactly one; None otherwise."""
    if len(word) < _NEAR_VOCABULARY_MIN_LETTERS or not word.isalpha():
        return None
    key = _fold(word)
    if key in _BY_FOLD:
        return None
    near = {known for folded, known in _BY_FOLD.items() if Levenshtein.distance(folded, key) == 1}
    if len(near) != 1:
        return None
    [known] = near
    return known.upper() if word.isupper() else known


def is_vocabulary_word(word: str) -> bool:
    """Whether a word, as OCR may read it, is one of the genre's fixed words (`VOCABULARY`: offices, labels, months)."""
    return _fold(word) in _BY_FOLD


def repair_token(token: str) -> str:
    """One OCR'd token, repaired if it is a garbled bullet, number or vocabulary word."""
    if token and all(ch in _BULLET_CHARACTERS for ch in token):
        return "•"  # also "+»", read from one bullet
    start = 0
    while start < len(token) and token[start] in _LEADING:
        start += 1
    end = len(token)
    while end > start and token[end - 1] in _TRAILING:
        end -= 1
    core = token[start:end]
    if not core:
        return token
    repaired = (
        _repair_date(core) or _repair_roman(core) or _repair_number(core) or _repair_vocabulary(core) or core
    )
    return token[:start] + repaired + token[end:]


def _repair_date(core: str) -> str | None:
    """ "28-j¡un-2020" -> "28-jun-2020", "27-1eb-2021" -> "27-feb-2021": a date's month abbreviation
    cleared of what is not a letter, or the one abbreviation a single misread character hides."""
    match = _ABBREVIATED_DATE.match(core)
    if not match:
        return None
    day, first, month, second, year = match.groups()
    letters = "".join(ch for ch in month if ch.isalpha())
    if letters.lower() in _MONTH_ABBREVIATIONS:
        return None if letters == month else f"{day}{first}{letters}{second}{year}"
    one_off = _month_one_character_off(month)
    return f"{day}{first}{one_off}{second}{year}" if one_off else None


def _month_one_character_off(month: str) -> str | None:
    """The month abbreviation `month` is with one character misread, if only one fits ("1eb" -> "feb";
    "ju1" fits "jun" and "jul", so it stays unread)."""
    if len(month) != 3:
        return None
    lowered = month.lower()
    fits = [
        known for known in _MONTH_ABBREVIATIONS
        if len(known) == 3 and sum(a != b for a, b in zip(known, lowered)) == 1
    ]
    if len(fits) != 1:
        return None
    letters = [ch for ch in month if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return fits[0].upper()
    return fits[0].capitalize() if letters[0].isupper() else fits[0]


def _repair_roman(core: str) -> str | None:
    """ "XIl" -> "XII", "1V.2" -> "IV.2", "ll" -> "II": fracciones and declaration numbers."""
    match = _ROMAN_TOKEN.match(core)
    if not match:
        return None
    numeral, rest = match.groups()
    # A lower-case "l" or a bar is never part of a numeral or a number, so
    # it marks a misread numeral; so does a digit "1" beside a V or an X.
    # "I.1" is already right, and "1.1" or "11" are numbers.
    misread = any(ch in "l|" for ch in numeral) or ("1" in numeral and any(ch in "VX" for ch in numeral))
    if not misread:
        return None
    if set(numeral) <= {"l"} and len(numeral) == 1:
        return None  # a lone "l" is too little to go on
    fixed = numeral.translate(_ROMAN_LOOKALIKES)
    return fixed + rest if _ROMAN_NUMERAL.match(fixed) else None


def _repair_number(core: str) -> str | None:
    if not _NUMBER_TOKEN.match(core) or _ORDINAL.match(core):
        return None
    # "I.1", "II.3": a declaration's number, its first part a roman numeral.
    if not any(ch.isdigit() for ch in re.split(r"[.,/-]", core, maxsplit=1)[0]):
        return None
    digits = sum(ch.isdigit() for ch in core)
    lookalikes = sum(ch.isalpha() or ch in "|!" for ch in core)
    if digits == 0 or lookalikes == 0:
        return None
    # Mostly digits ("3l", "2O19"), or a long run with several digits (a
    # postal code "5OO6O"); "1OS" is "LOS" misread, not a number.
    if lookalikes > digits and (len(core) < 4 or digits < 2):
        return None
    return core.translate(_DIGIT_LOOKALIKES)


def _repair_vocabulary(core: str) -> str | None:
    if len(core) < 3 or not any(ch.isalpha() for ch in core):
        return None
    known = _BY_FOLD.get(_fold(core))
    if known is None or known == core:
        return None
    capitalized = core[0].isupper()
    if known in CAPITALIZED_ONLY and not capitalized:
        return None
    letters = [ch for ch in core if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return known.upper()
    return known[0].upper() + known[1:] if capitalized else known


# A day and "de" or "del", and maybe the month, read as one word: "5de",
# "5denoviembre", "31deJulio".
_RUN_TOGETHER_DATE = re.compile(r"^(\d{1,2})(del?)([^\W\d_]*)$", re.IGNORECASE)
_MONTHS = frozenset(
    {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
     "septiembre", "setiembre", "octubre", "noviembre", "diciembre"}
)

_FOLDED_MONTHS = frozenset(_fold(month) for month in _MONTHS)


def is_month(token: str) -> bool:
    """Whether an OCR'd token is a month's name ("Julio", "JuIio", "febrero,")."""
    return _fold(token.strip(_LEADING + _TRAILING)) in _FOLDED_MONTHS


# "de" or "del" and a year read as one word ("del2021"), maybe the month too ("enerode2026").
_RUN_TOGETHER_YEAR = re.compile(r"^([^\W\d_]*?)(del?)((?:19|20)\d\d\W*)$", re.IGNORECASE)


# "de", "del" or "de la" run into the vocabulary word after it: "DEPROGRAMAS", "delaContraloria".
_RUN_TOGETHER_PARTICLE = re.compile(r"^(de)(la|l)?([^\W\d_]{5,})$", re.IGNORECASE)


# A rule or a stroke read as underscores joining words or trailing one ("la___Se", "R-1__").
_UNDERSCORES = re.compile(r"_{2,}")


def split_token(token: str) -> list[str]:
    """The words one OCR'd token is made of: itself, a run-together date's day, "de" and month, "del" and
    a year, particles and the vocabulary word after them, or the words a run of underscores joined."""
    if _UNDERSCORES.search(token) and token.strip("_"):
        return [piece for part in _UNDERSCORES.split(token) if part for piece in split_token(part)]
    particle = _RUN_TOGETHER_PARTICLE.match(token)
    if particle and _fold(token) not in _BY_FOLD and _fold(particle.group(3)) in _BY_FOLD:
        return [part for part in particle.groups() if part]
    year = _RUN_TOGETHER_YEAR.match(token)
    if year:
        month, de, digits = year.groups()
        if not month:
            return [de, digits]
        if _fold(month) in _FOLDED_MONTHS:
            return [month, de, digits]
    match = _RUN_TOGETHER_DATE.match(token)
    if not match:
        return [token]
    day, de, month = match.groups()
    if not month:
        return [day, de]
    return [day, de, month] if _fold(month) in _FOLDED_MONTHS else [token]


def repair_text(text: str) -> str:
    """Every whitespace-separated token of `text` repaired (for tests and tools)."""
    return " ".join(repair_token(part) for token in text.split() for part in split_token(token))


def repair_words(words: Iterable[Word]) -> list[Word]:
    """OCR words with their text repaired; text-layer words pass through untouched."""
    out = []
    for word in words:
        if word.origin != "ocr":
            out.append(word)
            continue
        for part in _split_word(word):
            text = repair_token(part.text)
            out.append(replace(part, text=text) if text != part.text else part)
    return out


def _split_word(word: Word) -> list[Word]:
    """The word, or its parts (`split_token`), each with the share of its box its letters take where they stand."""
    parts = split_token(word.text)
    if parts == [word.text]:
        return [word]
    x0, top, x1, bottom = word.bbox
    per_character = (x1 - x0) / len(word.text)
    pieces, cursor = [], 0
    for part in parts:
        found = word.text.find(part, cursor)
        index = found if found >= 0 else cursor
        start = x0 + per_character * index
        pieces.append(replace(word, text=part, bbox=(start, top, start + per_character * len(part), bottom)))
        cursor = index + len(part)
    return pieces
