"""Triage: which pages need OCR, and whether a document is digital or scanned.

Runs between the reader and the OCR stage: `ocr_pages` renders and reads
only the pages `needs_ocr` picks, and the record's `origen` comes from
`document_origin`.  The decision is made from the text layer alone (the
`Page` the reader produced), one rule per way a text layer can fail us; each
rule says why it exists.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal

from extract.model import Page

DocumentOrigin = Literal["digital", "escaneado", "mixto"]

# Fewer characters than this is a scan with a stamp or a page number typed
# over it; even the shortest page of a convenio (the signature page) has
# names and cargos, well over a hundred characters.
_NEARLY_EMPTY_CHARS = 25
# Spanish prose, even a table of dates and numbers, is over 60 % letters;
# a text layer of symbols is a font with a broken Unicode map.
_MIN_LETTER_SHARE = 0.50
# More unmapped glyphs than this and the words cannot be trusted.
_MAX_UNMAPPED_SHARE = 0.05
# Words with no vowel, or with absurd consonant runs, are what a bad old
# OCR leaves behind as an invisible text layer over a scan; real Spanish
# has a few (abbreviations, "C.P.", roman numerals), junk has many.
_MAX_JUNK_WORD_SHARE = 0.35
# Letter pairs that mark UTF-8 text decoded as Latin-1 ("SecretarÃ­a").
_MOJIBAKE_MARKS = ("Ã", "Â")

_VOWELS = set("aeiouáéíóúü")
_ROMAN = set("ivxlcdm")
_MAX_CONSONANT_RUN = 4


@dataclass(frozen=True, slots=True)
class Triage:
    """The verdict on one page and the reason for it (for logs and reports)."""

    needs_ocr: bool
    reason: str


def assess_page(page: Page) -> Triage:
    """Decide whether the page's text layer is usable or the page must be OCR'd."""
    # Already read from the image: never read twice.
    if page.origin == "ocr":
        return Triage(False, "already OCR'd")
    text = "".join(word.text for word in page.words)
    # An image-only page: a scan with no text layer at all.
    if not text.strip():
        return Triage(True, "no text layer")
    # A scan carrying a few typed characters (folio, stamp, page number).
    if len(text) < _NEARLY_EMPTY_CHARS:
        return Triage(True, f"nearly empty text layer ({len(text)} characters)")
    # Glyphs without a Unicode mapping come out as U+FFFD, private-use or
    # control characters: the page looks right but its text is unreadable.
    unmapped = sum(1 for ch in text if _unmapped(ch))
    if unmapped / len(text) > _MAX_UNMAPPED_SHARE:
        return Triage(True, f"{unmapped} of {len(text)} characters have no Unicode mapping")
    # Mostly symbols and digits: a font whose map points at the wrong characters.
    letters = sum(1 for ch in text if ch.isalpha())
    if letters / len(text) < _MIN_LETTER_SHARE:
        return Triage(True, f"only {letters} of {len(text)} characters are letters")
    # UTF-8 decoded as Latin-1 by whatever made the PDF: OCR gives the real text.
    words = [word.text for word in page.words]
    mojibake = sum(1 for w in words if any(mark in w for mark in _MOJIBAKE_MARKS))
    if mojibake / len(words) > _MAX_UNMAPPED_SHARE:
        return Triage(True, f"{mojibake} of {len(words)} words are mis-decoded (mojibake)")
    # An invisible text layer left by a poor earlier OCR: letters, but not words.
    alphabetic = [w for w in (_letters_only(w) for w in words) if len(w) >= 3]
    junk = sum(1 for w in alphabetic if _looks_like_junk(w))
    if alphabetic and junk / len(alphabetic) > _MAX_JUNK_WORD_SHARE:
        return Triage(True, f"{junk} of {len(alphabetic)} words are not words (junk text layer)")
    return Triage(False, "usable text layer")


def needs_ocr(page: Page) -> bool:
    """True when the page's text must come from its image (see `assess_page` for why)."""
    return assess_page(page).needs_ocr


def document_origin(pages: Iterable[Page]) -> DocumentOrigin:
    """"digital", "escaneado" (every page read from its image) or "mixto".

    Works before or after the OCR stage: a page counts as scanned if it was
    OCR'd or still needs to be.  A page the OCR stage found blank says
    nothing either way (a digital convenio may end on a blank page) and is
    left out.  A document with no other pages counts as digital.
    """
    scanned = [page.origin == "ocr" or needs_ocr(page) for page in pages if not _found_blank(page)]
    if scanned and all(scanned):
        return "escaneado"
    return "mixto" if any(scanned) else "digital"


def _found_blank(page: Page) -> bool:
    return page.origin == "ocr" and not page.words and not page.rules


def _unmapped(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch == "\ufffd" or category in ("Co", "Cn") or (category == "Cc" and ch not in "\t\n\r")


def _letters_only(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha())


def _looks_like_junk(word: str) -> bool:
    lower = word.lower()
    if set(lower) <= _ROMAN:  # fracciones "XIV", "III"
        return False
    if not any(ch in _VOWELS for ch in lower):
        return True
    run = longest = 0
    for ch in lower:
        run = 0 if ch in _VOWELS or ch == "y" else run + 1
        longest = max(longest, run)
    if longest > _MAX_CONSONANT_RUN:
        return True
    # Case flipping inside a word ("tHe", "SeCr") is OCR noise, not Spanish;
    # a capital after lower case is allowed once, for joined words ("ASMde").
    flips = sum(1 for a, b in zip(word, word[1:]) if a.islower() and b.isupper())
    return flips > 1
