"""The parties: who signs, for which institution, under which alias, and where.

Read from the preamble ("... QUE CELEBRAN POR UNA PARTE LA SECRETARÍA DE
FINANZAS REPRESENTADA POR <NOMBRE>, <CARGO> Y ... A QUIENES EN LO SUCESIVO SE
LES DENOMINARÁ "LA SECRETARÍA", ...") and, for each party's address, from its
block of declarations ("... señala como domicilio el ubicado en ... C.P.
50060").  The n-th party clause takes the n-th quoted alias.

spaCy's tokenizer and Matcher find where a cargo starts inside "<name>,
<cargo>" or "<cargo>, <name>", so the split does not depend on commas alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.matcher import Matcher

from extract.fields.common import (
    Found,
    acronyms_defined,
    genre_rules,
    normalize_space,
    spanish_nlp,
    title_case,
)
from extract.model import Layout

METHOD = "preambulo"

_QUOTE_OPEN = "\"“«'‘"
_QUOTE_CLOSE = "\"”»'’"
_ALIAS = re.compile(rf"[{_QUOTE_OPEN}]\s*((?:EL|LA|LOS|LAS)\s+[A-ZÁÉÍÓÚÜÑ .]+?)\s*[{_QUOTE_CLOSE}]")
_COLLECTIVE_ALIASES = {"LAS PARTES", "LOS PARTES"}
_REPRESENTED_BY = re.compile(r"REPRESENTAD[OA]S?\s+(?:EN\s+ESTE\s+ACTO\s+)?POR\s+", re.IGNORECASE)
_ALIAS_INTRO = re.compile(r"(?:,|;)?\s*(?:A\s+QUIENES|A\s+LOS\s+QUE|QUIENES)\b.*?DENOMINAR", re.IGNORECASE | re.DOTALL)
_INSTITUTION_HEADS = (
    r"SECRETAR[IÍ]A|CONTRALOR[IÍ]A|TESORER[IÍ]A|DIRECCI[OÓ]N|SUBDIRECCI[OÓ]N|UNIDAD|INSTITUTO|COMISI[OÓ]N|"
    r"SISTEMA|CONSEJO|H\.\s*AYUNTAMIENTO|AYUNTAMIENTO|ORGANISMO|COORDINACI[OÓ]N|JUNTA|JEFATURA|[OÓ]RGANO|"
    r"OFICINA|PROCURADUR[IÍ]A|FISCAL[IÍ]A|UNIVERSIDAD|COLEGIO|SERVICIOS|CENTRO|HOSPITAL|AGENCIA|GOBIERNO|"
    r"PRESIDENCIA|SINDICATURA|UIPPE|DIF\w*"
)
INSTITUTION_WORD = re.compile(rf"\b(?:{_INSTITUTION_HEADS})\b")
# A new party starts after a separator with an article and an institution word;
# "DE LA SECRETARÍA ..." inside a cargo is not preceded by a separator.
_PARTY_START = re.compile(
    rf"(?:^|;|,|\bY\b|\bPARTE\b,?|\bCELEBRAN\b)\s*(?:POR\s+LA\s+OTRA\s+PARTE,?\s*|POR\s+UNA\s+PARTE,?\s*)?"
    rf"(?P<start>(?:LA|EL|LOS|LAS)\s+(?:{_INSTITUTION_HEADS})\b)",
)
_HONORIFICS = re.compile(
    r"^(?:(?:EL|LA)\s+)?(?:C\.|CIUDADAN[OA]|LIC\.|LICENCIAD[OA]|MTR[OA]\.|MAESTR[OA]|DR[A]?\.|DOCTOR[A]?|ING\.|"
    r"INGENIER[OA]|ARQ\.|C\.P\.|PROFR?A?\.|M\. EN [A-Z]+\.?)\s*",
)
_ROLE_IN_CAPACITY = re.compile(r"\bEN\s+SU\s+CAR[AÁ]CTER\s+DE\s+", re.IGNORECASE)
_ADDRESS = re.compile(
    r"domicilio,?\s+(?:legal\s+|oficial\s+)?(?:el\s+)?(?:ubicado\s+en|situado\s+en|en)\s+(?:el\s+)?"
    r"(?P<address>.+?(?:C\.\s?P\.|\bCP\b|C[oó]digo\s+Postal)\.?\s*(?:n[uú]mero\s+)?(?P<cp>\d{5}))",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(slots=True)
class PartyFound:
    rol: Found[str]
    dependencia: Found[str] | None = None
    representante: Found[str] | None = None
    cargo: Found[str] | None = None
    domicilio: Found[str] | None = None
    codigo_postal: Found[str] | None = None
    warnings: list[str] = field(default_factory=list)


def preamble_span(text: str) -> tuple[int, int] | None:
    """The opening sentence: from 'CONVENIO ...' to the aliases' closing quote."""
    start = re.search(r"CONVENIO\b", text)
    if not start:
        return None
    intro = _ALIAS_INTRO.search(text, start.start())
    if not intro:
        return None
    end = re.search(r"\n\s*(?:ANTECEDENTES|DECLARACIONES)\b|AL\s+TENOR\b|\bCONFORME\s+A\b", text[intro.end():])
    stop = intro.end() + end.start() if end else min(len(text), intro.end() + 600)
    return start.start(), stop


def extract_partes(layout: Layout) -> list[PartyFound]:
    """Every party the preamble defines with a quoted alias, in order."""
    text = layout.text
    span = preamble_span(text)
    if not span:
        return []
    start, end = span
    intro = _ALIAS_INTRO.search(text, start, end)
    aliases = [
        m for m in _ALIAS.finditer(text, intro.start(), end)
        if normalize_space(m.group(1)) not in _COLLECTIVE_ALIASES
    ]
    clauses = _party_clauses(text, start, intro.start())
    acronyms = acronyms_defined(text)
    parties = []
    for index, alias in enumerate(aliases):
        rol = normalize_space(alias.group(1))
        party = PartyFound(rol=Found(rol, layout.provenance(alias.start(1), alias.end(1), METHOD)))
        if index < len(clauses):
            _fill_from_clause(layout, clauses[index], party, acronyms)
        else:
            party.warnings.append(f"no party clause in the preamble matches alias {rol}")
        parties.append(party)
    if len(clauses) != len(aliases):
        parties and parties[0].warnings.append(
            f"the preamble names {len(clauses)} parties but defines {len(aliases)} aliases"
        )
    _fill_addresses(layout, parties)
    return parties


@dataclass(frozen=True, slots=True)
class _Clause:
    dependencia: tuple[int, int]
    representation: tuple[int, int]


def _party_clauses(text: str, start: int, end: int) -> list[_Clause]:
    """Split '... CELEBRAN <party>; Y <party> ...' into (institution, representation) spans."""
    celebran = re.search(r"\bCELEBRAN\b", text[start:end])
    search_from = start + celebran.start() if celebran else start
    anchors = list(_REPRESENTED_BY.finditer(text, search_from, end))
    clauses = []
    previous_end = search_from
    for index, anchor in enumerate(anchors):
        institution = _PARTY_START.search(text, previous_end, anchor.start())
        if index + 1 < len(anchors):
            next_party = _PARTY_START.search(text, anchor.end(), anchors[index + 1].start())
            representation_end = next_party.start() if next_party else anchors[index + 1].start()
        else:
            representation_end = end
        clauses.append(
            _Clause(
                dependencia=(institution.start("start") if institution else previous_end, anchor.start()),
                representation=(anchor.end(), representation_end),
            )
        )
        previous_end = representation_end
    return clauses


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past separators and joining words at both ends."""
    piece = text[start:end]
    leading = re.match(r"^[\s,;:]*", piece).end()
    trailing = re.search(r"(?:[\s,;:]|\bY\b|\bE\b)*$", piece[leading:]).start()
    return start + leading, start + leading + trailing


def _fill_from_clause(layout: Layout, clause: _Clause, party: PartyFound, acronyms: set[str]) -> None:
    text = layout.text
    dep_start, dep_end = _trim(text, *clause.dependencia)
    dependencia = re.sub(r"^(?:LA|EL|LOS|LAS)\s+", "", normalize_space(text[dep_start:dep_end]))
    if dependencia:
        party.dependencia = Found(title_case(dependencia, acronyms), layout.provenance(dep_start, dep_end, METHOD))
    rep_start, rep_end = _trim(text, *clause.representation)
    name, cargo = split_name_and_cargo(text[rep_start:rep_end])
    if name:
        offset = text.find(name[1], rep_start, rep_end)
        span = (offset, offset + len(name[1])) if offset >= 0 else (rep_start, rep_end)
        party.representante = Found(title_case(name[0]), layout.provenance(*span, METHOD))
    if cargo:
        offset = text.find(cargo[1], rep_start, rep_end)
        span = (offset, offset + len(cargo[1])) if offset >= 0 else (rep_start, rep_end)
        party.cargo = Found(title_case(cargo[0], acronyms), layout.provenance(*span, METHOD))


def _cargo_matcher() -> Matcher:
    nlp = spanish_nlp()
    matcher = Matcher(nlp.vocab)
    heads = [h.lower() for h in genre_rules()["cargo_heads"] if " " not in h]
    matcher.add("CARGO_HEAD", [[{"LOWER": {"IN": heads}}]])
    return matcher


_MATCHER: Matcher | None = None


def starts_with_cargo(text: str) -> bool:
    """True when the text opens with a position ('SUBSECRETARIO DE ...', 'EL TITULAR ...')."""
    global _MATCHER
    if _MATCHER is None:
        _MATCHER = _cargo_matcher()
    doc = spanish_nlp()(normalize_space(_HONORIFICS.sub("", normalize_space(text)))[:120])
    for _, start, _ in _MATCHER(doc):
        # Allow an article or "SU" before the head word.
        return all(token.lower_ in {"el", "la", "su", "sus"} for token in doc[:start])
    return False


def split_name_and_cargo(text: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """'ROBERTO INDA GONZÁLEZ, SUBSECRETARIO DE ...' -> ((clean name, raw), (clean cargo, raw)).

    The raw pieces are returned too so the caller can find them in the text.
    Handles the cargo-first order ('EL SUBSECRETARIO DE ..., ROBERTO ...') and
    'NOMBRE, EN SU CARÁCTER DE CARGO'.
    """
    text = normalize_space(text)
    pieces = [p.strip() for p in re.split(r",\s*", text) if p.strip()]
    if not pieces:
        return None, None
    if len(pieces) == 1:
        # No comma: "EL TITULAR DE LA UNIDAD JUAN PÉREZ" cannot be split safely.
        if starts_with_cargo(pieces[0]):
            return None, (_clean_cargo(pieces[0]), pieces[0])
        return (_clean_name(pieces[0]), pieces[0]), None
    if starts_with_cargo(pieces[0]) and not starts_with_cargo(pieces[-1]):
        raw_cargo, raw_name = ", ".join(pieces[:-1]), pieces[-1]
    else:
        raw_name, raw_cargo = pieces[0], ", ".join(pieces[1:])
    return (_clean_name(raw_name), raw_name), (_clean_cargo(raw_cargo), raw_cargo)


def _clean_name(raw: str) -> str:
    return normalize_space(_HONORIFICS.sub("", raw)).strip(" .")


def _clean_cargo(raw: str) -> str:
    cargo = _ROLE_IN_CAPACITY.sub("", raw)
    cargo = re.sub(r"^(?:EL|LA|SU)\s+", "", normalize_space(cargo))
    return cargo.strip(" .;,")


def _fill_addresses(layout: Layout, parties: list[PartyFound]) -> None:
    """Each party's 'señala como domicilio ...' sentence, inside its block of declarations."""
    text = layout.text
    declarations = re.search(r"\n\s*DECLARACIONES\b", text)
    clauses_start = re.search(r"\n\s*CL[AÁ]USULAS\b", text)
    if not declarations:
        return
    block_end = clauses_start.start() if clauses_start and clauses_start.start() > declarations.end() else len(text)
    heads = []
    for party in parties:
        head = _declaration_heading(text, party.rol.value, declarations.end(), block_end)
        if head is not None:
            heads.append((head, party))
    heads.sort(key=lambda item: item[0])
    for index, (head, party) in enumerate(heads):
        stop = heads[index + 1][0] if index + 1 < len(heads) else block_end
        match = _ADDRESS.search(text, head, stop)
        if not match:
            continue
        address = normalize_space(match.group("address"))
        party.domicilio = Found(address, layout.provenance(match.start("address"), match.end("address"), METHOD))
        party.codigo_postal = Found(match.group("cp"), layout.provenance(match.start("cp"), match.end("cp"), METHOD))


def _declaration_heading(text: str, rol: str, start: int, end: int) -> int | None:
    """The line that opens a party's declarations: '1. DE "LA SECRETARÍA"', 'II. DECLARA "LA UIPPE":'."""
    quoted = rf"[{_QUOTE_OPEN}]\s*{re.escape(rol)}\s*[{_QUOTE_CLOSE}]"
    pattern = re.compile(
        rf"^[ \t]*(?:[IVXLC]+|\d+)?[.)]?[ \t]*(?:DE|DECLARA[N]?|DECLARACIONES\s+DE)?[ \t]*(?:EL\s+|LA\s+)?{quoted}[ \t:.]*$",
        re.MULTILINE | re.IGNORECASE,
    )
    match = pattern.search(text, start, end)
    return match.start() if match else None
