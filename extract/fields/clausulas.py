"""Values from the body's sentences: signing date and place, the evaluation, the extension.

* the closing sentence: "se firma por triplicado en la ciudad de Toluca de
  Lerdo, Estado de México, el 3 de junio de 2019" or "lo firman ... en
  Metepec, México, a los tres días del mes de junio de dos mil diecinueve";
* the evaluation: "Evaluación Específica al Fondo de Aportaciones para la
  Seguridad Pública (FASP), correspondiente al PAE 2017";
* the Prórroga clause: "... no deberá ser mayor a 30 días naturales".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein
from text_to_num import alpha2digit

from extract.fields.common import ACRONYM_TOKEN, Found, fold, genre_rules, normalize_space, section_heading, strip_accents, usual_spelling
from extract.fields.dates import ParsedDate, parse_date
from extract.model import Layout

_CLOSING = re.compile(
    r"\b(?:se\s+firma|lo\s+firman|firman\s+(?:el\s+presente|de\s+conformidad|por)|se\s+suscribe|lo\s+suscriben)\b"
    # What a stamp leaves of "se firma por triplicado en ...": "druplicado en".
    r"|\w*plicado\b(?=\s+en\b)",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\ben\s+(?:la\s+ciudad\s+de\s+|el\s+municipio\s+de\s+|la\s+localidad\s+de\s+)?"
    # A scan may set a speck before "los" ("a t los veintitrés días").
    r"(?P<place>[A-ZÁÉÍÓÚÑ][^\n]*?)\s*,?\s*(?=\b(?:el|a\s+(?:\S{1,2}\s+)?los|al|a)\s+(?:d[ií]a\s+)?(?:\d|[a-záéíóú]+\s+d[ií]as?|primer))",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Cierre:
    fecha_firma: Found[ParsedDate] | None = None
    lugar_firma: Found[str] | None = None


def closing_sentences(text: str) -> list[re.Match]:
    """Where the clauses' closing formula ("se firma", "lo firman") opens, after the CLÁUSULAS heading."""
    clauses = section_heading(text, "CL[AÁ]USULAS")
    return list(_CLOSING.finditer(text, clauses.end() if clauses else 0))


def extract_cierre(layout: Layout) -> Cierre:
    """Signing date and place from the closing sentence (after the clauses)."""
    text = layout.text
    found = Cierre()
    for closing in closing_sentences(text):
        sentence_end = _sentence_end(text, closing.end())
        sentence = text[closing.end():sentence_end].replace("\n", " ")
        place = _PLACE.search(sentence)
        date = parse_date(sentence[place.end():] if place else sentence)
        if date is None:
            continue
        if place:
            lugar = normalize_space(place.group("place")).rstrip(" ,")
            offset = closing.end() + place.start("place")
            found.lugar_firma = Found(lugar, layout.provenance(offset, offset + len(place.group("place")), "cierre"))
        date_start = closing.end() + (place.end() if place else 0)
        found.fecha_firma = Found(date, layout.provenance(date_start, sentence_end, "cierre"))
        return found
    return found


def _sentence_end(text: str, start: int) -> int:
    """End of the sentence: a period not inside 'C.P.'-like abbreviations, or 400 characters."""
    match = re.search(r"(?<![A-Z])\.(?:\s|$)", text[start: start + 400])
    return start + match.end() if match else min(len(text), start + 400)


@dataclass(slots=True)
class EvaluacionFound:
    tipo: Found[str] | None = None
    programa: Found[str] | None = None
    siglas: Found[str] | None = None
    pae: Found[int] | None = None


def _type_alternatives() -> str:
    types = sorted(genre_rules()["evaluation_types"], key=len, reverse=True)
    return "|".join(re.escape(fold(t)) for t in types)


def extract_evaluacion(layout: Layout) -> EvaluacionFound:
    """The evaluation the convenio follows up: type, program, acronym and PAE year."""
    text = layout.text
    folded = fold(text)
    canonical = {fold(t): t for t in genre_rules()["evaluation_types"]}
    found = EvaluacionFound()
    # Folding keeps offsets for single-spaced text, so a match in the folded
    # text points at the same characters of the original.
    pattern = re.compile(
        rf"evaluacion\s+(?:de\s+tipo\s+|tipo\s+)?(?:de\s+)?(?P<tipo>{_type_alternatives()})\b"
        r"\s*(?:al|del|de\s+la|a\s+la|de|a)\s+(?P<programa>.{3,200}?)\s*"
        # The program's name may hold commas ("Agua Potable, Drenaje y Tratamiento"): it ends
        # at its acronym, at the words that follow it in the genre, or at the sentence's end.
        r"(?:\((?P<siglas>[^)]{2,15})\)|,?\s+(?:correspondiente|del\s+ejercicio|para\s+el\s+ejercicio|del\s+pae|"
        r"del\s+programa\s+anual|en\s+el\s+marco|conforme|que\s)|[.;](?:\s|$)|\n\n)"
    )
    match = pattern.search(folded) if len(folded) == len(text) else None
    if match:
        method = "clausula:evaluacion"
        found.tipo = Found(canonical[match.group("tipo")], layout.provenance(*match.span("tipo"), method))
        programa = _clean_program(text[match.start("programa"): match.end("programa")])
        found.programa = Found(programa, layout.provenance(*match.span("programa"), method))
        if match.group("siglas"):
            siglas = usual_spelling(layout, *match.span("siglas"))
            if any(w.origin == "ocr" for w in layout.words_in_span(*match.span("siglas"))):
                siglas = _reading_of_the_initials(_closing_initial(siglas, programa), programa, text)
            found.siglas = Found(siglas, layout.provenance(*match.span("siglas"), method))
    pae = re.search(r"\bpae\s*(?:del?\s+)?(?:ejercicio\s+(?:fiscal\s+)?)?(\d{4})\b", folded) or re.search(
        r"programa\s+anual\s+de\s+evaluacion\s+(?:\(pae\)\s+)?(?:para\s+el\s+ejercicio\s+fiscal\s+|del?\s+(?:ejercicio\s+(?:fiscal\s+)?)?)?(\d{4})",
        folded,
    )
    if pae:
        found.pae = Found(int(pae.group(1)), layout.provenance(*pae.span(1), "clausula:pae"))
    return found


# Capitals OCR takes for one another: a bar or a bowl lost or added by the scan.
_LOOKALIKE_CAPITALS = (frozenset("FP"), frozenset("FE"), frozenset("PR"), frozenset("OD"), frozenset("OQ"), frozenset("CG"))


def _closing_initial(siglas: str, programa: str) -> str:
    """An OCR'd acronym whose last letter is a lookalike of the program name's last word's initial, with that initial.

    An acronym ends on its name's last word: "(FASP)" after "... Seguridad
    Pública", "(FISMDF)" after "... Distrito Federal".  "PCEP" after
    "... Entidades Federativas" is "PCEF" with the F's lower bar lost.
    """
    words = re.findall(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+", programa)
    if not words or not siglas.isalpha() or not siglas.isupper():
        return siglas
    initial = strip_accents(words[-1][0])
    if siglas[-1] != initial and frozenset((siglas[-1], initial)) in _LOOKALIKE_CAPITALS:
        return siglas[:-1] + initial
    return siglas


def _reading_of_the_initials(siglas: str, programa: str, text: str) -> str:
    """Of an OCR'd acronym and the document's other readings of it a letter away ("FISMDEF", "FISMDE",
    "FISMDF"), the one reading made of the initials of its program's name, in order ("Fondo ...
    Infraestructura Social Municipal ... Distrito Federal"); the acronym as read otherwise
    ("PROAGUA" is no initials, nor is any reading of it)."""
    initials = "".join(strip_accents(word[0]) for word in re.findall(r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+", programa))
    if _in_order_within(siglas, initials):
        return siglas
    readings = {token for token in ACRONYM_TOKEN.findall(text) if Levenshtein.distance(token, siglas) == 1}
    fitting = [token for token in readings if _in_order_within(token, initials)]
    return fitting[0] if len(fitting) == 1 else siglas


def _in_order_within(letters: str, initials: str) -> bool:
    """Whether each of `letters` is one of `initials`, in their order."""
    rest = iter(initials)
    return all(letter in rest for letter in letters)


# Around the program's name: quotes, and specks a scan reads as dashes or dots.
_AROUND_PROGRAM = " \"“”'-–—·•"


def _clean_program(raw: str) -> str:
    program = normalize_space(raw).strip(_AROUND_PROGRAM)
    program = re.sub(r"^(?:programa\s+presupuestario|pp)\s+", "", program, flags=re.IGNORECASE)
    return program.strip(_AROUND_PROGRAM)


@dataclass(frozen=True, slots=True)
class Prorroga:
    dias: Found[int]
    habiles: bool
    """True when the clause counts working days ("días hábiles"), not calendar days."""


def extract_prorroga(layout: Layout) -> Prorroga | None:
    """Longest extension in days from the 'Prórroga' clause; None without one."""
    text = layout.text
    folded = fold(text)
    clause = re.search(r"\bprorroga\b", folded)
    if not clause:
        return None
    window_end = min(len(text), clause.end() + 700)
    next_clause = re.search(r"\n\s*(?:[a-z]+\.\s+[a-z]|clausula)", folded[clause.end():window_end])
    window = text[clause.end(): clause.end() + next_clause.start() if next_clause else window_end]
    converted = alpha2digit(window, "es")
    days = re.search(r"(\d{1,3})\s*\)?\s*d[ií]as(\s+h[aá]biles)?", converted, re.IGNORECASE)
    if not days:
        return None
    number = int(days.group(1))
    # "sesenta (6 días": a scan lost a digit of the figure; the number in words says it whole.
    in_words = re.search(r"(\d{1,3})\s*\(\s*" + days.group(1) + r"\s*\)?\s*d[ií]as", converted[: days.end()])
    if in_words and in_words.group(1).startswith(days.group(1)):
        number = int(in_words.group(1))
    digits = re.search(rf"\b{number}\b", window)
    start = clause.end() + (digits.start() if digits else 0)
    found = Found(number, layout.provenance(start, start + len(str(number)), "clausula:prorroga"))
    return Prorroga(dias=found, habiles=bool(days.group(2)))


_TITLE = re.compile(
    r"CONVENIO\s+PARA\s+LA\s+MEJORA\s+DEL\s+DESEMPE[ÑN]O\s+Y\s+(?:LOS\s+)?RESULTADOS\s+GUBERNAMENTALES", re.IGNORECASE
)


def extract_titulo(layout: Layout) -> Found[str] | None:
    """The genre's title as the preamble writes it (upper case)."""
    match = _TITLE.search(layout.text)
    if not match:
        return None
    return Found(normalize_space(match.group(0)).upper(), layout.provenance(*match.span(), "preambulo"))
