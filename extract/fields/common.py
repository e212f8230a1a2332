"""What every field extractor shares: the genre vocabulary, casing, spaCy.

The vocabulary lives in `extract/rules/genre.json` (rules as data, apart from
the engine).  Casing follows the contract: names and cargos in title case
with Spanish function words in lower case and acronyms kept upper.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Generic, TypeVar

import spacy
from rapidfuzz.distance import Levenshtein

from extract.model import Provenance

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A value read from the document, with where it was read."""

    value: T
    provenance: Provenance


@lru_cache(maxsize=1)
def genre_rules() -> dict:
    """The genre vocabulary (loaded once)."""
    text = resources.files("extract").joinpath("rules/genre.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def spanish_nlp() -> spacy.language.Language:
    """A blank Spanish pipeline: tokenizer and lexical attributes, no model download."""
    return spacy.blank("es")


def normalize_space(text: str) -> str:
    """NFC, and every run of whitespace folded to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def strip_scan_marks(text: str) -> str:
    """Drop marks a scan adds between words: a table border read as '|', a speck read as an apostrophe or a quote."""
    text = re.sub(r"(?:^|\s)[|¦](?=\s|$)", " ", text)
    text = re.sub(r"(?<=[A-ZÁÉÍÓÚÑ])['’`\"“”«»](?=[A-ZÁÉÍÓÚÑ])", " ", text)
    # Tokens with no letter or digit at all ("-", "'", "“") are specks, not words.
    words = [w.strip("\"'“”‘’`") for w in text.split() if re.search(r"\w", w)]
    return normalize_space(" ".join(words))


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def fold(text: str) -> str:
    """Lower case without accents: for matching labels, never for output."""
    return strip_accents(normalize_space(text)).lower()


def section_heading(text: str, titles: str, start: int = 0) -> re.Match | None:
    """The line that opens a section titled by the pattern `titles` ("DECLARACIONES", "CL[AÁ]USULAS").

    On a scan a speck of ink may stand before the title ("Yun. DECLARACIONES"): such a
    line is the heading only with the title alone after it, so that a line of prose
    opening with a short word and the title ("las DECLARACIONES que ...") is not.
    """
    pattern = rf"\n\s*(?:(?:{titles})\b|\S{{1,4}}[ \t]+(?:{titles})[ \t.:]*(?=\n))"
    return re.compile(pattern).search(text, start)


_VOWELS = set("AEIOUÁÉÍÓÚÜ")


def _looks_like_acronym(word: str, known_acronyms: set[str]) -> bool:
    letters = re.sub(r"[^A-ZÁÉÍÓÚÜÑ]", "", word)
    if not letters or letters != re.sub(r"[^A-Za-zÁÉÍÓÚÜÑáéíóúüñ]", "", word):
        return False
    if letters in known_acronyms:
        return True
    # Upper-case words with no vowel ("DGPSE") cannot be ordinary Spanish words.
    return len(letters) >= 2 and not (set(letters) & _VOWELS)


def title_case(text: str, known_acronyms: set[str] = frozenset()) -> str:
    """'SUBSECRETARIO DE PLANEACIÓN Y PRESUPUESTO' -> 'Subsecretario de Planeación y Presupuesto'.

    Function words stay lower case except at the start; acronyms (words the
    document defines in parentheses, or with no vowel) stay upper case.
    """
    lowercase = set(genre_rules()["lowercase_words"])
    words = normalize_space(text).split(" ")
    out = []
    acronyms = set(known_acronyms) | set(genre_rules()["known_acronyms"])
    for index, word in enumerate(words):
        core = word.strip("().,;:\"“”")
        if index > 0 and word.lower() in lowercase:
            out.append(word.lower())
        elif _looks_like_acronym(core, acronyms):
            out.append(word)
        else:
            out.append(_capitalize_word(word))
    return " ".join(out)


def _capitalize_word(word: str) -> str:
    # Capitalize each part of hyphenated or parenthesised words: "Pérez-Gómez".
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word, count=0)


def acronyms_defined(text: str) -> set[str]:
    """Acronyms the document defines in parentheses: '(UIPPE)', '(FASP)'."""
    return set(re.findall(r"\(([A-ZÁÉÍÓÚÑ]{2,12})\)", text))


def document_acronyms(text: str) -> set[str]:
    """Words the document itself writes in capitals inside ordinary sentences.

    In an upper-case preamble "JEFE DE LA UIPPE" cannot tell an acronym from
    a word; the same document's lower-case prose ("la UIPPE del municipio")
    can.  Quoted aliases and each line's first word (clause names such as
    "PRIMERA.") are left out, as are lines mostly in capitals.
    """
    found = acronyms_defined(text)
    function_words = {w.upper() for w in genre_rules()["lowercase_words"]}
    # Quotes are blanked across one line break: an alias may break there ('"LA SECRETARÍA DE
    # ↵ FINANZAS" y ...'), and its second line's "FINANZAS" is no acronym.  No further: a quote
    # a scan lost would pair every quote after it with the wrong one.
    unquoted_text = re.sub(
        r"[\"“«][^\"”»\n]*(?:\n[^\"”»\n]*)?[\"”»]", lambda quote: re.sub(r"[^\n]", " ", quote.group(0)), text
    )
    for line, unquoted in zip(text.splitlines(), unquoted_text.splitlines()):
        letters = [c for c in line if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) > 0.5 * len(letters):
            continue
        for word in unquoted.split()[1:]:
            core = word.strip("().,;:")
            # Acronyms carry no accents: "SECRETARÍA" in capitals is emphasis, not an acronym.
            if 2 <= len(core) <= 10 and re.fullmatch(r"[A-ZÑ]+", core) and core not in function_words:
                found.add(core)
    return found


# An acronym the document spells another way at least this many times, and
# more than twice as often as the spelling found, is that other spelling.
_USUAL_SPELLING_MIN_COUNT = 3
# An acronym as the genre writes one: a word of three capitals or more.
ACRONYM_TOKEN = re.compile(r"\b[A-ZÁÉÍÓÚÜÑ]{3,}\b")


def usual_spelling(layout, start: int, end: int) -> str:
    """The acronym at ``text[start:end]``, as the document usually spells it if OCR misread it there.

    A convenio defines an acronym once ("SEIEM", "(PCEF)") and then uses it
    throughout; one misread letter at the definition ("SEEM", "PCEP") is
    outvoted by the other uses, each one letter away.  Text-layer values
    and anything that is not a single upper-case word are kept as written.
    """
    found = layout.text[start:end].strip()
    if not ACRONYM_TOKEN.fullmatch(found) or not any(w.origin == "ocr" for w in layout.words_in_span(start, end)):
        return found
    counts: dict[str, int] = {}
    for token in ACRONYM_TOKEN.findall(layout.text):
        counts[token] = counts.get(token, 0) + 1
    rivals = [
        (count, token)
        for token, count in counts.items()
        if count >= _USUAL_SPELLING_MIN_COUNT and count > 2 * counts.get(found, 0) and Levenshtein.distance(token, found) == 1
    ]
    return max(rivals)[1] if rivals else found
