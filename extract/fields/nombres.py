"""Repair of people's names read by OCR, from a list of the names people carry.

A name printed under a signature is read through the signature's ink, and
OCR misreads it in a few typical ways that a list of Mexican given names
and surnames (`extract/rules/nombres.json`, data, not code) undoes:

* ink taken for an accent, or an accent lost: "MARCÓ" -> "MARCO",
  "FERÑANDA" -> "FERNANDA", "GONZALEZ" -> "GONZÁLEZ";
* two words run together: "ERIKATORRES" -> "ERIKA TORRES",
  "LALUZ" -> "LA LUZ";
* a compound surname's particles run together: "DELLA" -> "DE LA";
* a stroke of the signature read as a hyphen between two names:
  "ÁNGEL-MORALES" -> "ÁNGEL MORALES".

A word that is none of these is left as read: most surnames are not on any
list, and a name is never guessed.  Only OCR'd names go through this; the
text layer is what the document says.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from extract.fields.common import fold


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, str]]:
    """Known words by their folded form, and run-together particles by theirs."""
    rules = json.loads(resources.files("extract").joinpath("rules/nombres.json").read_text(encoding="utf-8"))
    known: dict[str, str] = {}
    for word in [*rules["given_names"], *rules["surnames"], *rules["particles"]]:
        known.setdefault(fold(word), word)
    return known, rules["run_together_particles"]


def repair_name(name: str) -> str:
    """An OCR'd name with its words checked against the list of names, in the case it was read in."""
    return " ".join(_repair_word(word) for word in name.split())


def _repair_word(word: str) -> str:
    known, particles = _lexicon()
    if "-" in word.strip("-"):
        parts = word.split("-")
        if all(fold(part) in known for part in parts):
            return " ".join(_repair_word(part) for part in parts)
    key = fold(word)
    if not key.isalpha():
        return word
    if key in known:
        return _in_case_of(word, known[key])
    if key in particles:
        return _in_case_of(word, particles[key])
    for cut in range(2, len(key) - 1):
        left, right = known.get(key[:cut]), known.get(key[cut:])
        if left and right and len(key) - cut >= 3:
            return f"{_in_case_of(word[:cut], left)} {_in_case_of(word[cut:], right)}"
    return word


def _in_case_of(read: str, spelt: str) -> str:
    """`spelt` in the case `read` was written in: upper, title or lower."""
    if read.isupper():
        return spelt.upper()
    if read[:1].isupper():
        return spelt[:1].upper() + spelt[1:]
    return spelt.lower()
