"""The signature page, read to check each party's representative against the preamble.

Between the closing sentence ("se firma por triplicado ...") and the
designation of responsables, every representative signs over a name and a
cargo, the same as the preamble gives.  On a scan a stamp may garble the
preamble ("REPRESENTADA POR ROBER! id DIRECTOR GENERAL ...") while the
signature page reads whole, or the other way round: `check_against_signatures`
keeps, for each party, the surer of the two readings (or joins two halves
of a name), and says so in a warning.  A closing note often names the
parties' institutions too ("... celebrado entre la Secretaría de Finanzas,
la Secretaría de la Contraloría y ..."): `complete_from_signature_note`
mends a scanned institution a stamp damaged from it.  Text-layer preambles
are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from extract.fields.clausulas import closing_sentences
from extract.fields.common import Found, fold, normalize_space
from extract.fields.nombres import is_listed_name, is_particle
from extract.fields.partes import INSTITUTION_WORD, PartyFound, starts_with_cargo, without_honorific
from extract.fields.responsables import ResponsableFound, designation_start, name_blocks
from extract.model import Layout

METHOD = "firmas"
# A party and a signature block are the same person's when their name and
# cargo, read together, agree this much (token set ratio: a name missing a
# word still agrees).
_SAME_SIGNER = 65
# Two readings of one name or cargo agree this much when a stamp garbled one
# of them a little.
_SAME_VALUE = 80

# What a name is made of; anything else in it is a mark a stamp left.
_NAME_CHARACTERS = re.compile(r"^[A-Za-zÁÉÍÓÚÜÑáéíóúüñ .'-]+$")


def extract_firmas(layout: Layout) -> list[ResponsableFound]:
    """The name and cargo blocks of the signature page: after the closing sentence, before the responsables."""
    closing = closing_sentences(layout.text)
    if not closing:
        return []
    start = closing[0].end()
    end = designation_start(layout.text, start)
    lines = [line for line, offset in zip(layout.lines, layout.line_starts) if start < offset < end]
    return name_blocks(layout, lines)


def check_against_signatures(parties: list[PartyFound], firmas: list[ResponsableFound]) -> None:
    """Take a scanned party's name or cargo from its signature block where that reads surer."""
    unclaimed = list(firmas)
    for party in sorted(parties, key=lambda p: -_best_agreement(p, firmas)):
        if not party.rol.provenance.read_by_ocr or not unclaimed:
            continue
        block = max(unclaimed, key=lambda b: _agreement(party, b))
        if _agreement(party, block) < _SAME_SIGNER:
            continue
        unclaimed.remove(block)
        signed_name = Found(without_honorific(block.nombre.value), block.nombre.provenance)
        joined = _halves_joined(party.representante, signed_name)
        if joined is not None:
            _replace(party, "representante", joined)
        elif _surer(party.representante, signed_name, _looks_like_name) or _words_lost(party.representante, signed_name):
            _replace(party, "representante", signed_name)
        if _surer(party.cargo, block.cargo, _looks_like_cargo) or _holds_the_name(party.cargo, signed_name, block.cargo):
            _replace(party, "cargo", block.cargo)


# The signature page's closing note names the parties' institutions: "La presente hoja de firmas
# corresponde al Convenio ..., celebrado entre la Secretaría de Finanzas, la Secretaría de la
# Contraloría y la Secretaría de Seguridad, el 3 de junio de 2019."
_SIGNATURE_NOTE = re.compile(
    r"\bcelebrad[oa]\s+entre\s+(?P<parties>.+?),?\s+(?:el|en)\s+(?:d[ií]a\s+)?\d", re.IGNORECASE | re.DOTALL
)
# The institutions are joined by ", " or " y " before an article; commas inside a name
# ("Unidad de Información, Planeación, ...") have none after them.
_NOTE_SEPARATOR = re.compile(r"(?:,\s*|\s+y\s+)(?=(?:la|el|los|las)\s)", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:la|el|los|las)\s+", re.IGNORECASE)


def institutions_in_signature_note(layout: Layout) -> list[Found[str]]:
    """The institutions the signature page's closing note says the convenio is between, in its order.

    Looked for after the closing sentence only: the body may mention another
    agreement "celebrado entre" other parties.
    """
    closing = closing_sentences(layout.text)
    note = _SIGNATURE_NOTE.search(layout.text, closing[0].end() if closing else 0)
    if not note:
        return []
    found, start = [], note.start("parties")
    for separator in [*_NOTE_SEPARATOR.finditer(layout.text, start, note.end("parties")), None]:
        end = separator.start() if separator else note.end("parties")
        article = _ARTICLE.match(layout.text[start:end])
        first = start + (article.end() if article else 0)
        if first < end:
            found.append(Found(normalize_space(layout.text[first:end]), layout.provenance(first, end, METHOD)))
        start = separator.end() if separator else end
    return found


def complete_from_signature_note(parties: list[PartyFound], named: list[Found[str]]) -> None:
    """A scanned party's institution a stamp damaged, made whole from the one the closing note names that
    way: its first words gone ("De Finanzas"; "Contraloría" for "Secretaría de la Contraloría"), its last
    word cut ("Secretaría de Fi"), its first words garbled ("Pá Cretaría de Finanzas"), or a letter misread
    where the note reads surer ("Tesorería Municibal").  One the note names as read is left alone."""
    for party in parties:
        read = party.dependencia
        if read is None or not read.provenance.read_by_ocr or any(fold(n.value) == fold(read.value) for n in named):
            continue
        fits = {n.value: n for n in named if _damaged_from(read, n)}
        if len(fits) == 1:
            _replace(party, "dependencia", next(iter(fits.values())))


def _damaged_from(read: Found[str], whole: Found[str]) -> bool:
    left, words = fold(read.value).split(), fold(whole.value).split()
    while len(left) > 1 and len(left[-1]) <= 2 and not is_particle(left[-1]):
        left.pop()  # a speck read after the institution ("SECRETARÍA DE FINANZ Pp")
    if not left:
        return False
    if len(left) < len(words) and words[len(words) - len(left) :] == left:  # the head gone
        return True
    cut = len(left) - 1
    if len(left) <= len(words) and words[:cut] == left[:cut] and words[cut].startswith(left[cut]) and words[cut] != left[cut]:
        return True  # the tail cut
    same_tail = 0
    while same_tail < min(len(left), len(words)) - 1 and left[-1 - same_tail] == words[-1 - same_tail]:
        same_tail += 1
    # The head garbled, perhaps split ("PÁ CRETARÍA"): its letters much like the note's.
    if same_tail and fuzz.ratio("".join(left[:-same_tail]), "".join(words[:-same_tail])) >= _SAME_VALUE:
        return True
    misread = [(a, b) for a, b in zip(left, words) if a != b]
    return (
        len(left) == len(words)
        and len(misread) == 1
        and Levenshtein.distance(*misread[0]) == 1
        and whole.provenance.confidence > read.provenance.confidence
    )


def _best_agreement(party: PartyFound, firmas: list[ResponsableFound]) -> float:
    return max((_agreement(party, block) for block in firmas), default=0.0)


def _agreement(party: PartyFound, block: ResponsableFound) -> float:
    said = " ".join(f.value for f in (party.representante, party.cargo) if f is not None)
    signed = " ".join(f.value for f in (block.nombre, block.cargo) if f is not None)
    return fuzz.token_set_ratio(fold(said), fold(signed)) if said and signed else 0.0


def _surer(preamble: Found[str] | None, signed: Found[str] | None, well_formed) -> bool:
    """Whether the signature page's reading should stand for the preamble's."""
    if signed is None or not well_formed(signed.value):
        return False
    if preamble is None or not well_formed(preamble.value):
        return True
    # Only OCR's slips in letters are mended so: the signature page may shorten a
    # cargo ("... DE SEGURIDAD PÚBLICA" for "... PÚBLICA DEL ESTADO DE MÉXICO").
    same_words = len(preamble.value.split()) == len(signed.value.split())
    agree = same_words and fuzz.ratio(fold(preamble.value), fold(signed.value)) >= _SAME_VALUE
    return agree and signed.provenance.confidence > preamble.provenance.confidence and preamble.value != signed.value


def _holds_the_name(cargo: Found[str] | None, name: Found[str], signed_cargo: Found[str] | None) -> bool:
    """Whether the preamble's cargo ran on into the signer's name, the comma between them lost
    ("DIRECTORA GENERAL DE MOVILIDAD ZONA LARISSA MORALES ROMERO" for "... ZONA I, LARISSA ...")."""
    return (
        cargo is not None
        and signed_cargo is not None
        and _looks_like_cargo(signed_cargo.value)
        and fold(name.value) in fold(cargo.value)
    )


def _halves_joined(preamble: Found[str] | None, signed: Found[str]) -> Found[str] | None:
    """The whole name where the preamble and the signature page each kept part of it, overlapping:
    "ZÚÑIGA GONZÁLEZ" and "BRENDA ZÚÑIGA" are "BRENDA ZÚÑIGA GONZÁLEZ".  What one adds to the other
    must be listed names."""
    if preamble is None:
        return None
    said, signed_words = preamble.value.split(), signed.value.split()
    for first, second in ((signed_words, said), (said, signed_words)):
        for overlap in range(min(len(first), len(second)) - 1, 0, -1):
            if [fold(w) for w in first[-overlap:]] != [fold(w) for w in second[:overlap]]:
                continue
            added = first[:-overlap] if first is signed_words else second[overlap:]
            joined = " ".join(first[:-overlap] + second)
            names = [fold(w) for w in joined.split() if not is_particle(w)]
            if (
                all(is_listed_name(w) or is_particle(w) for w in added)
                and len(set(names)) == len(names)  # halves overlapping by chance would repeat a name
                and _looks_like_name(joined)
            ):
                return Found(joined, signed.provenance)
    return None


def _words_lost(preamble: Found[str] | None, signed: Found[str]) -> bool:
    """Whether the preamble's name is the signed one with names gone ("ERIKA GUTIÉRREZ" for "ERIKA SÁNCHEZ
    GUTIÉRREZ", a stamp over the preamble).  Names only: a signature page may shorten a cargo.

    What the signed name has more must be listed names the preamble lacks:
    not a title read without its stop ("MTRA"), nor a word read twice.
    """
    if preamble is None or not _looks_like_name(signed.value):
        return False
    said, full = fold(preamble.value).split(), fold(signed.value).split()
    remaining = iter(full)
    if len(said) >= len(full) or not all(word in remaining for word in said):
        return False
    more = list(full)
    for word in said:
        more.remove(word)
    return all(word not in said and (is_listed_name(word) or is_particle(word)) for word in more) and any(
        is_listed_name(word) for word in more
    )


def _looks_like_name(value: str) -> bool:
    words = normalize_space(value).split()
    return (
        2 <= sum(not is_particle(word) for word in words) <= 6
        and bool(_NAME_CHARACTERS.match(value))
        # A word of a letter or two is a stamp's remnant ("ROCÍO GÓ GA"), unless it is an initial
        # ("C."), an abbreviation ("MA.") or a particle ("DE LA", "PÉREZ Y PÉREZ").
        and not any(len(word) <= 2 and not word.endswith(".") and not is_particle(word) for word in words)
        and not starts_with_cargo(value.upper())
        and not INSTITUTION_WORD.search(value.upper())
    )


def _looks_like_cargo(value: str) -> bool:
    # Marks a stamp left: digits, quotes, a bracket inside a word ("GENERA(,").
    return starts_with_cargo(value.upper()) and not re.search(r"\d|[^\w\s.,()-]|\w\(|\(\s*[,.]|\)\w", value)


def _replace(party: PartyFound, field_name: str, signed: Found[str]) -> None:
    before = getattr(party, field_name)
    setattr(party, field_name, Found(signed.value, replace(signed.provenance, method=METHOD)))
    read = f"'{before.value}'" if before is not None else "nothing"
    party.warnings.append(
        f"{field_name} of {party.rol.value} taken from the signature page ('{signed.value}'); the preamble reads {read}"
    )
