"""Repair of people's names read by OCR, from a list of the names people carry.

A name printed under a signature is read through the signature's ink, and
OCR misreads it in a few typical ways that a list of Mexican given names
and surnames (`extract/rules/nombres.json`, data, not code) undoes:

* ink taken for an accent, or an accent lost: "MARCÓ" -> "MARCO",
  "FERÑANDA" -> "FERNANDA", "GONZALEZ" -> "GONZÁLEZ";
* two words run together: "ERIKATORRES" -> "ERIKA TORRES",
  "LALUZ" -> "LA LUZ", also a letter off where OCR was unsure
  ("BERNAEDE" -> "BERNAL DE");
* a compound surname's particles run together: "DELLA" -> "DE LA";
* the "LA" after "DE" misread, alone or run into the name after it:
  "DE TA CRUZ", "DE DALUZ" -> "DE LA CRUZ", "DE LA LUZ"; a particle as
  near "DEL" as "DELA" is "DE LA" before a name that takes it
  ("DEA ROSA" -> "DE LA ROSA");
* a stroke of the signature read as a hyphen between two names:
  "ÁNGEL-MORALES" -> "ÁNGEL MORALES";
* one letter wrong in a word OCR was unsure of (the caller says which):
  "VÍCTAR" -> "VÍCTOR", "XIMENAÁ" -> "XIMENA", when exactly one listed
  name of five letters or more is one letter away, or "DEB" -> "DEL" when
  one particle of three letters is.

The cargo under the name gets the particle repairs (`repair_cargo`):
"DÉLA SECRETARÍA" -> "DE LA SECRETARÍA", "SUBCONTRALORA-DE" ->
"SUBCONTRALORA DE"; and where OCR was unsure, the cargo head nearest its
first word ("THFULAR" -> "TITULAR") and an acronym one letter off
("UVIPPE" -> "UIPPE").

A word that is none of these is left as read: most surnames are not on any
list, and a word read with confidence is never changed into another name.
Only OCR'd names go through this; the text layer is what the document says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import Levenshtein

from extract.fields.common import fold, genre_rules
from extract.ocr_repair import near_vocabulary_word, repair_token


@dataclass(frozen=True)
class _Lexicon:
    known: dict[str, str]
    """Names and particles as spelt, by their folded form."""
    particles: frozenset[str]
    """Particles, folded."""
    run_together: dict[str, str]
    """Particles run together ("della"), folded, and what they stand for."""
    given: frozenset[str]
    """Given names, folded."""
    frequent: frozenset[str]
    """The surnames most borne, folded: the likelier reading where OCR is a letter off several names."""
    after_de_la: frozenset[str]
    """Names written after "de la" ("De la Rosa"), folded."""


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    rules = json.loads(resources.files("extract").joinpath("rules/nombres.json").read_text(encoding="utf-8"))
    known: dict[str, str] = {}
    for word in [*rules["given_names"], *rules["surnames"], *rules["particles"]]:
        known.setdefault(fold(word), word)
    return _Lexicon(
        known,
        frozenset(fold(p) for p in rules["particles"]),
        rules["run_together_particles"],
        frozenset(fold(n) for n in rules["given_names"]),
        frozenset(fold(n) for n in rules["frequent_surnames"]),
        frozenset(fold(n) for n in rules["names_after_de_la"]),
    )


# Words this long or longer may be one letter off a listed name; shorter
# ones are too close to too many names.  Three-letter particles ("DEL",
# "LAS", "LOS") are few enough to tell apart.
_NEAR_MIN_LENGTH = 5
_PARTICLE_LENGTH = 3


def is_particle(word: str) -> bool:
    """Whether a word is a particle of compound names ("de", "del", "la", "los", "y")."""
    return fold(word) in _lexicon().particles


def is_listed_name(word: str) -> bool:
    """Whether a word is a given name or surname of the list ("Rocío", "Sánchez"), not a particle."""
    return fold(word) in _lexicon().known and not is_particle(word)


def is_given_name(word: str) -> bool:
    """Whether a word is a listed given name ("Lucía"), or one letter off one as OCR may read it ("LUGÍA")."""
    key = fold(word)
    given = _lexicon().given
    return key in given or (
        len(key) >= _NEAR_MIN_LENGTH and any(Levenshtein.distance(key, name) == 1 for name in given if abs(len(name) - len(key)) <= 1)
    )


def repair_name(name: str, unsure: frozenset[str] = frozenset()) -> str:
    """An OCR'd name with its words checked against the list of names, in the case it was read in.

    `unsure` holds the words OCR read with low confidence: only those may be
    one letter off a listed name (the first word, two letters off a given
    name, when nothing else mends it).
    """
    read = name.split()
    words = _rejoined([_trimmed(word, last=index == len(read) - 1) for index, word in enumerate(read)])
    unsure = frozenset(_trimmed(word, last=True) for word in unsure)
    words = list(filter(None, words))
    repaired: list[str] = []
    for index, word in enumerate(words):
        is_unsure = word.rstrip(".") in unsure
        if is_unsure and repaired and fold(repaired[-1]) == "de":
            repaired.extend(_repair_word(part, is_unsure) for part in _article_after_de(word).split())
        elif is_unsure and index + 1 < len(words) and _before_a_feminine_name(word, words[index + 1]):
            repaired.append(_in_case_of(word, "de la"))
        else:
            mended = _repair_word(word, is_unsure)
            if is_unsure and index == 0 and mended == word and (given := _given_name_two_letters_off(word)):
                mended = _in_case_of(word, given)
            repaired.append(mended)
    return " ".join(repaired)


# A name's first word is a given name, and given names are few and far apart:
# there, a word this long may be two letters off the one given name near it.
_GIVEN_NAME_TWO_OFF_MIN_LENGTH = 5


def _given_name_two_letters_off(word: str) -> str | None:
    """ "MIGUBE" -> "Miguel", "ITZPÉ" -> "Itzel": the one listed given name two letters off a first word
    no listed name is within one letter of; None otherwise."""
    lexicon = _lexicon()
    key = fold(word)
    if len(key) < _GIVEN_NAME_TWO_OFF_MIN_LENGTH or not key.isalpha() or key in lexicon.known:
        return None
    distances = {name: Levenshtein.distance(name, key, score_cutoff=2) for name in lexicon.known}
    if any(distance <= 1 for distance in distances.values()):
        return None
    near = [name for name in lexicon.given if distances[name] == 2]
    return lexicon.known[near[0]] if len(near) == 1 else None


def _before_a_feminine_name(word: str, following: str) -> bool:
    """ "DEA ROSA": a particle misread, one letter off both "DEL" and "DELA", before a name that
    takes "DE LA" ("DE LA ROSA", "DE LA CRUZ"; "DEL" goes before "CASTILLO", "VALLE", "RÍO");
    "DELTA ROSA": "DELA" misread, though a letter off a name too ("DELIA"), before a name
    written after "de la"."""
    lexicon = _lexicon()
    key = fold(word)
    if key in lexicon.known:
        return False
    if len(key) == _PARTICLE_LENGTH:
        one_off = {p for p in ("del", "dela") if Levenshtein.distance(key, p) == 1}
        return one_off == {"del", "dela"} and fold(following)[-1:] in ("a", "z")
    run_together_off = any(lexicon.run_together[p] == "de la" and Levenshtein.distance(key, p) == 1 for p in lexicon.run_together)
    return run_together_off and fold(following) in lexicon.after_de_la


# The article that follows "DE" in a compound surname ("DE LA CRUZ", "MARÍA DE LA LUZ").
_ARTICLE = "la"


def _article_after_de(word: str) -> str:
    """An unsure word after "DE" that is its "LA" misread ("TA"), or misread and run into the
    listed name after it ("DALUZ" for "LA LUZ"); any other word as it came."""
    key = fold(word)
    known = _lexicon().known
    if key in known or not key.isalpha():
        return word
    if len(key) == len(_ARTICLE) and Levenshtein.distance(key, _ARTICLE) == 1:
        return _in_case_of(word, _ARTICLE)
    head, rest = key[: len(_ARTICLE)], key[len(_ARTICLE) :]
    if len(rest) >= len(_ARTICLE) and rest in known and Levenshtein.distance(head, _ARTICLE) <= 1:
        return f"{_in_case_of(word[: len(_ARTICLE)], _ARTICLE)} {word[len(_ARTICLE):]}"
    return word


# Marks a stroke or a speck leaves at a name word's edge: a word does not
# begin or end with a hyphen, and only an abbreviation ("MA.", "LIC.")
# ends a name's word with a full stop.
_EDGE_MARKS = "-–—.,;:·'’`\"/”“"
_ABBREVIATION_MAX_LETTERS = 3


def _trimmed(word: str, last: bool) -> str:
    trimmed = word.strip(_EDGE_MARKS)
    if word.endswith(".") and len(trimmed) <= _ABBREVIATION_MAX_LETTERS and not last:
        return trimmed + "."
    return trimmed


def _rejoined(words: list[str]) -> list[str]:
    """Words a stroke cut in two ("IB", "T", "ÁÑEZ" for "IBÁÑEZ") made one again when only whole they are a listed name."""
    known = _lexicon().known
    joined: list[str] = []
    index = 0
    while index < len(words):
        for span in (3, 2):
            pieces = words[index : index + span]
            if len(pieces) < span:
                continue
            if span == 3 and len(pieces[1]) != 1:  # only a lone mark between the halves is dropped
                continue
            head, tail = pieces[0], pieces[-1]
            if fold(head + tail) in known and fold(head) not in known and fold(tail) not in known:
                joined.append(head + tail.lower() if head.isupper() != tail.isupper() else head + tail)
                index += span
                break
        else:
            joined.append(words[index])
            index += 1
    return joined


def _repair_word(word: str, unsure: bool) -> str:
    lexicon = _lexicon()
    known = lexicon.known
    if "-" in word.strip("-"):
        # A space read as a hyphen (a stroke or a speck between two names): the parts go apart when each
        # is, mended, a listed name or listed names and particles run together ("DEDIOS-ESTRADADE"), or,
        # read unsure, when one is ("MORAL-FLORES", "ROBEÉTO-ALBARRÁN"); "LÓPEZ-PORTILLO" read sure stays.
        repaired = [_repair_word(part, unsure) for part in word.split("-") if part]
        listed = [all(fold(piece) in known for piece in part.split()) for part in repaired]
        if all(listed) or (unsure and any(listed)):
            return " ".join(repaired)
    key = fold(word)
    if not key.isalpha():
        return word
    if key in known:
        return _in_case_of(word, known[key])
    if key in lexicon.run_together:
        return _in_case_of(word, lexicon.run_together[key])
    for cut in range(2, len(key) - 1):
        # "MARÍADELA": a name and the particles after it, read as one word.
        left, right = known.get(key[:cut]), known.get(key[cut:]) or lexicon.run_together.get(key[cut:])
        if left and right:
            return f"{_in_case_of(word[:cut], left)} {_in_case_of(word[cut:], right)}"
    if unsure and len(key) == _PARTICLE_LENGTH:
        # "DEB" for "DEL": a particle of the same length one letter off.
        near = [p for p in lexicon.particles if len(p) == len(key) and Levenshtein.distance(p, key) == 1]
        if len(near) == 1:
            return _in_case_of(word, near[0])
    if unsure and len(key) == _NEAR_MIN_LENGTH - 2:
        # Three letters left of a four-letter name whose first letter a stroke ate ("VÁN" for "IVÁN").
        near = [spelt for folded, spelt in known.items() if len(folded) == len(key) + 1 and folded[1:] == key]
        if len(near) == 1:
            return _in_case_of(word, near[0])
    if unsure and len(key) == _NEAR_MIN_LENGTH - 1:
        # A signature's stroke ate the first letter ("TZEL" for "ITZEL") or
        # turned it into another ("EÚIS" for "LUIS").
        near = [
            spelt for folded, spelt in known.items()
            if (len(folded) == _NEAR_MIN_LENGTH and folded[1:] == key)
            or (len(folded) == len(key) and folded[1:] == key[1:] and folded != key)
        ]
        if len(near) == 1:
            return _in_case_of(word, near[0])
    if unsure and len(key) >= _NEAR_MIN_LENGTH:
        near = [spelt for folded, spelt in known.items() if len(folded) >= _NEAR_MIN_LENGTH and Levenshtein.distance(folded, key) == 1]
        lookalike = [spelt for spelt in near if _one_lookalike_letter_off(key, fold(spelt))]
        frequent = [spelt for spelt in near if fold(spelt) in lexicon.frequent]
        # One name a letter off; or of several, the one whose letter print confuses with the one read
        # ("BÁRÍO": Darío, not Mario), else the one far more borne ("BERNÁNDEZ": Hernández, not Fernández).
        for candidates in (near, lookalike, frequent):
            if len(candidates) == 1:
                return _in_case_of(word, candidates[0])
        merged = _letters_merged(key)
        if merged:
            return _in_case_of(word, merged)
        two = _two_names_one_letter_off(key)
        if two:
            left, right = two
            return f"{_in_case_of(word[: len(left)], left)} {_in_case_of(word[len(key) - len(right):], right)}"
        run_together = _name_and_particles_run_together(key)
        if run_together:
            first, second = run_together
            return f"{_in_case_of(word, first)} {_in_case_of(word, second)}"
    return word


# Letters OCR takes one for the other in print (folded, lower case).
_LOOKALIKE_LETTERS = frozenset(
    frozenset(pair) for pair in ("bd", "be", "br", "cg", "co", "do", "ef", "fp", "hm", "hn", "il", "it", "ij", "mn", "oq", "pr", "uv", "vy")
)


def _one_lookalike_letter_off(read: str, name: str) -> bool:
    differing = [(a, b) for a, b in zip(read, name) if a != b]
    return len(read) == len(name) and len(differing) == 1 and frozenset(differing[0]) in _LOOKALIKE_LETTERS


# Two narrow letters OCR reads as one wide one ("GUMÉRREZ" for "GUTIÉRREZ", "FEMPE" and "FEÚPE" for "FELIPE",
# "JAMER" for "JAVIER").
_MERGED_LETTERS = {"m": ("rn", "ni", "in", "ti", "ri", "li", "vi", "nn"), "u": ("li", "ll", "ii"), "d": ("cl",), "h": ("li",), "w": ("vv",)}


def _letters_merged(key: str) -> str | None:
    """The listed name `key` is, had OCR read two of its letters as one (`_MERGED_LETTERS`); only when one fits."""
    known = _lexicon().known
    fits = {
        known[candidate]
        for index, letter in enumerate(key)
        for pair in _MERGED_LETTERS.get(letter, ())
        if (candidate := key[:index] + pair + key[index + 1 :]) in known
    }
    return next(iter(fits)) if len(fits) == 1 else None


def _name_and_particles_run_together(key: str) -> tuple[str, str] | None:
    """A listed name a letter off and the particles beside it, run together, in the order read:
    "bernaede" -> ("Bernal", "de"), "carbajaedela" -> ("Carbajal", "de la") (the space read as a
    letter, or the letter before it misread), "deeourdes" -> ("de", "Lourdes"); only when one cut fits."""
    lexicon = _lexicon()

    def particles(piece: str) -> str | None:
        return piece if piece in lexicon.particles else lexicon.run_together.get(piece)

    def near(piece: str) -> list[str]:
        if len(piece) < _NEAR_MIN_LENGTH:
            return []
        return [spelt for folded, spelt in lexicon.known.items() if len(folded) >= _NEAR_MIN_LENGTH and Levenshtein.distance(folded, piece) == 1]

    fits = set()
    for cut in range(2, len(key) - 1):
        left, right = key[:cut], key[cut:]
        if after := particles(right):
            fits.update((name, after) for name in near(left))
        if before := particles(left):
            fits.update((before, name) for name in near(right))
    return next(iter(fits)) if len(fits) == 1 else None


def _two_names_one_letter_off(key: str) -> tuple[str, str] | None:
    """ "araceltromero" -> ("Araceli", "Romero"): two listed names run together, the space read as a
    letter or the letter before it misread ("ARACELI ROMERO" read "ARACELTROMERO"); only when one cut fits."""
    known = _lexicon().known
    fits = set()
    for cut in range(_NEAR_MIN_LENGTH - 1, len(key) - _NEAR_MIN_LENGTH + 2):
        left, right = key[:cut], key[cut:]
        if right in known:
            near = [spelt for folded, spelt in known.items() if len(folded) == len(left) and Levenshtein.distance(folded, left) == 1]
            fits.update((spelt, known[right]) for spelt in near)
    return next(iter(fits)) if len(fits) == 1 else None


_CARGO_HEADS = {fold(head): head for head in genre_rules()["cargo_heads"] if " " not in head}
# Acronyms this long or longer may be one letter off in an unsure word.
_NEAR_ACRONYM_MIN_LENGTH = 4


def repair_cargo(cargo: str, unsure: frozenset[str] = frozenset(), acronyms: frozenset[str] = frozenset()) -> str:
    """An OCR'd cargo with particles run together ("DÉLA") or hyphened to a word ("SUBCONTRALORA-DE") set apart.

    A stroke's mark opening a word goes ("——TITULAR").  A first word that
    ends exactly one cargo head is that head ("CARGADA" -> "ENCARGADA").
    Of the words OCR read unsure (`unsure`), the first is the cargo head
    nearest to it ("THFULAR" -> "TITULAR"), a long one a letter off one of the
    genre's words is that word ("EDUGACIÓN" -> "EDUCACIÓN"), and one a letter
    off exactly one of the `acronyms` of four letters or more is that acronym
    ("UVIPPE" -> "UIPPE").
    """
    lexicon = _lexicon()
    unsure = frozenset(word.strip(_EDGE_MARKS) for word in unsure)
    words = []
    for index, word in enumerate(cargo.split()):
        # A stroke's mark opening a word, or a slash or bar a stroke left after it ("DE/").
        word = (word.lstrip(_EDGE_MARKS) or word).rstrip("/|\\") or word
        if fold(word.rstrip(_EDGE_MARKS)) in lexicon.particles:
            # A speck after a particle ("DE LA: TESORERÍA") or over it, read as an accent ("DÉ").
            word = _in_case_of(word, fold(word.rstrip(_EDGE_MARKS)))
        bare = word.lstrip("([{")
        if bare != word and not word.endswith(")") and (fold(bare) in lexicon.particles or fold(bare) in lexicon.run_together):
            word = bare  # a stroke read as a bracket before a particle ("(DELA UIPPE"); "(UIPPE)" keeps its own
        if index == 0:
            word = _near_cargo_head(word) if word in unsure else _cargo_head_cut_short(word)
        head, _, tail = word.partition("-")
        core = word.rstrip(_EDGE_MARKS)
        if tail and (fold(head) in lexicon.particles or fold(tail) in lexicon.particles):
            words += [repair_token(head), repair_token(tail)]  # the genre's word a hyphen hid ("Y-CÓNTROL")
        elif fold(word) in lexicon.run_together:
            words.append(_in_case_of(word, lexicon.run_together[fold(word)]))
        elif core in unsure and (near := _genre_word_near(core)):
            words.append(near + word[len(core):])
        elif core in unsure and core.isupper() and core not in acronyms:
            words.append(_near_acronym(core, acronyms) + word[len(core):])
        else:
            words.append(word)
    return " ".join(words)


def _genre_word_near(word: str) -> str | None:
    """The genre's word a long word is a letter off; a cargo head is left alone ("TESORERA" is a letter
    off the office, "TESORERÍA")."""
    return None if fold(word) in _CARGO_HEADS else near_vocabulary_word(word)


def _near_cargo_head(word: str) -> str:
    """The cargo's first word, an unsure reading, as the one cargo head ("TITULAR") fewest letters off it.

    Two letters may be off in words of seven letters or more ("THFULAR"),
    one in shorter ones.
    """
    if fold(word) in _CARGO_HEADS:
        return word
    allowed = 2 if len(word) >= 7 else 1
    by_distance: dict[int, list[str]] = {}
    for folded, spelt in _CARGO_HEADS.items():
        distance = Levenshtein.distance(folded, fold(word), score_cutoff=allowed)
        if distance <= allowed:
            by_distance.setdefault(distance, []).append(spelt)
    if not by_distance:
        return word
    nearest = by_distance[min(by_distance)]
    return _in_case_of(word, nearest[0]) if len(nearest) == 1 else word


# A cargo's first word this long that ends exactly one cargo head is that head, its start lost.
_CUT_HEAD_MIN_LENGTH = 5


def _cargo_head_cut_short(word: str) -> str:
    """ "CARGADA" -> "ENCARGADA": a stamp or a stroke took the first letters of the cargo's head word."""
    key = fold(word)
    if len(key) < _CUT_HEAD_MIN_LENGTH or key in _CARGO_HEADS:
        return word
    whole = [spelt for folded, spelt in _CARGO_HEADS.items() if folded.endswith(key)]
    return _in_case_of(word, whole[0]) if len(whole) == 1 else word


def _near_acronym(word: str, acronyms: frozenset[str]) -> str:
    near = [a for a in acronyms if len(a) >= _NEAR_ACRONYM_MIN_LENGTH and Levenshtein.distance(a, word) == 1]
    return near[0] if len(near) == 1 else word


def _in_case_of(read: str, spelt: str) -> str:
    """`spelt` in the case `read` was written in: upper, title or lower."""
    if read.isupper():
        return spelt.upper()
    if read[:1].isupper():
        return spelt[:1].upper() + spelt[1:]
    return spelt.lower()
