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
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.matcher import Matcher

from extract.fields.common import (
    Found,
    document_acronyms,
    fold,
    genre_rules,
    normalize_space,
    section_heading,
    spanish_nlp,
    strip_accents,
    title_case,
    usual_spelling,
)
from extract.fields.nombres import is_listed_name
from extract.model import Layout

METHOD = "preambulo"

_QUOTE_OPEN = "\"“«'‘"
_QUOTE_CLOSE = "\"”»'’"
# An alias: capitals (an article is usual but not required: "SEIEM"), possibly broken over lines.
_ALIAS_BODY = r"(?P<alias>(?:(?:EL|LA|LOS|LAS)\s+)?[A-ZÁÉÍÓÚÜÑ][A-ZÁÉÍÓÚÜÑ .\n]*?)"
_ALIAS = re.compile(rf"[{_QUOTE_OPEN}]\s*{_ALIAS_BODY}\s*[{_QUOTE_CLOSE}]")
_COLLECTIVE_ALIASES = {"LAS PARTES", "LOS PARTES"}
# The words announcing an inline alias may be lost in a scan (a stamp over
# "EN LO SUCESIVO" reads "[EÑ! CESIVO", "_EN)DG SUCESIVO" or "EN LO 'SÚCESIVO", or takes the comma too); a quoted
# alias right after a separator and a few characters, or right after a
# word, and right before "REPRESENTADA POR", is an inline alias all the same.
_INLINE_ALIAS = re.compile(
    rf"(?:[,(]?\s*(?:A\s+QUIEN\s+)?(?:(?:[^\s{_QUOTE_OPEN}]{{1,6}}\s+){{0,2}}[^\w\s]?S[UÚ]CESIVO|EN\s+ADELANTE|SE\s+LE\s+DENOMINAR\w*|DENOMINAD[OA])"
    rf"[^{_QUOTE_OPEN};]{{0,50}}?|(?P<unannounced>[,;(][^{_QUOTE_OPEN};,]{{0,25}}?|(?<=\S)\s+))"
    rf"[{_QUOTE_OPEN}]\s*{_ALIAS_BODY}\s*[{_QUOTE_CLOSE}]\s*\)?(?(unannounced)(?=,?\s*REPRESENTAD))",
)
# "POR" may come out of a scan as another short token ("REPRESENTADA OH EL
# TESORERO ..."), or run into a garbled "ACTO" ("EN ESTE ACTÓO'POR").
_REPRESENTED_BY = re.compile(
    r"(?:REPRESENTAD[OA]S?\s+(?:[^\s,;]{1,3}\s+ESTE\s+ACT\w{0,2}(?:\s+|[^\w\s,;]{1,2}\s*))?"
    r"(?:POR|[^\s,;]{0,2}P[OÓ0]R[^\s,;]{0,2}|[^\s,;]{1,3}(?=\s+(?:EL|LA|[A-ZÁÉÍÓÚÑ]{2,}\.?)\s))"
    # A stamp that ate the middle of the word ("REPRE DA POR", "REPRESEN ADA POR", "REF ENTADA POR"),
    # and perhaps the "POR" too ("REP SENTADA Le EL ...").
    r"|(?:REPRE[^\s,;]*|(?:RE[^\s,;]{0,3}\s+)?[^\s,;]*ENTAD[OA]S?)"
    r"(?:(?:\s+[^\s,;]{1,8})?\s+POR|\s+[^\s,;]{1,3}(?=\s+(?:EL|LA)\s)))\s+",
    re.IGNORECASE,
)
# Where a stamp has left no "REPRESENTADA" at all, a "POR" before the name
# still introduces the representative ("POR UNA PARTE" and "POR LA OTRA"
# join the parties instead); where it has left no "POR", what is left of
# "REPRESENTADA" does, perhaps with a mark of the stamp after it
# ("REPRESEN (0) ESCOBAR DEL CASTILLO").
_LONE_ANCHOR = re.compile(
    r"\bPOR\s+(?!UNA\s+PARTE\b|LA\s+OTRA\b|EL\s+OTRO\b)"
    r"|\bREPRE(?!SENTANTE)[A-ZÁÉÍÓÚÑ]*(?:\s+[^\w\s]*\d*[^\w\s]*)?\s+(?=[A-ZÁÉÍÓÚÑ]{2})",
    re.IGNORECASE,
)
# "A QUIENES ... SE LES DENOMINARÁ", its "A" perhaps misread after the separator ("; AN QUIENES").
_ALIAS_INTRO = re.compile(
    r"(?:[,;]\s*[^\W\d_]{1,2}\s+QUIENES\b|(?:,|;)?\s*\b(?:A\s+QUIENES|A\s+LOS\s+QUE|QUIENES)\b).*?DENOMINAR",
    re.IGNORECASE | re.DOTALL,
)
_INSTITUTION_HEADS = (
    r"SECRETAR[IÍ]A|CONTRALOR[IÍ]A|TESORER[IÍ]A|DIRECCI[OÓ]N|SUBDIRECCI[OÓ]N|UNIDAD|INSTITUTO|COMISI[OÓ]N|"
    r"SISTEMA|CONSEJO|H\.\s*AYUNTAMIENTO|AYUNTAMIENTO|ORGANISMO|COORDINACI[OÓ]N|JUNTA|JEFATURA|[OÓ]RGANO|"
    r"OFICINA|PROCURADUR[IÍ]A|FISCAL[IÍ]A|UNIVERSIDAD|COLEGIO|SERVICIOS|CENTRO|HOSPITAL|AGENCIA|GOBIERNO|"
    r"PRESIDENCIA|SINDICATURA|UIPPE|DIF\w*"
)
INSTITUTION_WORD = re.compile(rf"\b(?:{_INSTITUTION_HEADS})\b")
# A new party starts after a separator with an article and an institution word
# (a scan may run the "Y" into the article: "YLA UNIDAD"); "DE LA SECRETARÍA
# ..." inside a cargo is not preceded by a separator.
_PARTY_START = re.compile(
    rf"(?:^|;|,|\bY\b|\bY(?=(?:LA|EL)\s)|\bPARTE\b,?|\bOTRA\b,?|\bCELEBRAN\b)\s*(?:POR\s+LA\s+OTRA(?:\s+PARTE)?,?\s*|POR\s+UNA\s+PARTE,?\s*)?"
    rf"(?P<start>(?:LA|EL|LOS|LAS)\s+(?:{_INSTITUTION_HEADS})\b)",
)
_HONORIFICS = re.compile(
    r"^(?:(?:EL|LA)\s+)?(?:C\.\s?P\.|C\.|CIUDADAN[OA]|LIC\.|LICENCIAD[OA]|MTR[OA]\.|MAESTR[OA]|DR[A]?\.|DOCTOR[A]?|ING\.|"
    r"INGENIER[OA]|ARQ\.|PROFR?A?\.|M\. EN [A-Z]+\.?)\s*",
)
_ROLE_IN_CAPACITY = re.compile(r"\bEN\s+SU\s+CAR[AÁ]CTER\s+DE\s+", re.IGNORECASE)
# A scan may add a mark or two where the sentence has none ("el 7 •
# ubicado en", "C.P. W- 50000"): a few characters that are no letters (no
# digits either, before the postal code) are let through.
_ADDRESS = re.compile(
    r"domicilio,?\s+(?:legal\s+|oficial\s+)?(?:el\s+)?(?:\W|\d){0,8}?(?:ubicado\s+en|situado\s+en|en)\s+(?:el\s+)?"
    r"(?P<address>.+?(?:C\.\s?P\.|\bCP\b|C[oó]digo\s+Postal)\.?\s*(?:n[uú]mero\s+)?"
    r"(?P<mark>(?:[^\w\s]|[A-Z]\b){0,3})\s*(?P<cp>\d{5}))",
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


_PREAMBLE_END = "ANTECEDENTES|DECLARACIONES|CONSIDERANDOS?"


def preamble_span(text: str) -> tuple[int, int] | None:
    """The opening sentence: from 'CONVENIO ...' to 'AL TENOR DE' or the first section heading."""
    start = re.search(r"CONVENIO\b", text)
    if not start:
        return None
    ends = [
        end.start()
        for end in (re.search(r"\bAL\s+TENOR\b", text[start.start():]), section_heading(text[start.start():], _PREAMBLE_END))
        if end
    ]
    stop = start.start() + min(ends) if ends else min(len(text), start.start() + 3000)
    return start.start(), stop


def extract_partes(layout: Layout) -> list[PartyFound]:
    """Every party the preamble defines with a quoted alias, in order.

    Aliases come either inline, right after each institution ('LA SECRETARÍA
    DE FINANZAS, EN LO SUCESIVO "LA SECRETARÍA", REPRESENTADA POR ...'), or
    listed at the end ('A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "LA
    SECRETARÍA", "LA CONTRALORÍA" Y ...'), where the n-th takes the n-th party.
    """
    text = layout.text
    span = preamble_span(text)
    if not span:
        return []
    start, end = span
    closing = _ALIAS_INTRO.search(text, start, end)
    closing_start = closing.start() if closing else end
    inline = [m for m in _INLINE_ALIAS.finditer(text, start, closing_start)]
    # Blank the inline alias phrases out (same length, so offsets hold) before
    # cutting the preamble into institutions, names and cargos.
    masked = list(text)
    for phrase in inline:
        masked[phrase.start(): phrase.end()] = " " * (phrase.end() - phrase.start())
    masked_text = "".join(masked)
    listed = [
        m for m in _ALIAS.finditer(text, closing_start, end) if normalize_space(m.group(1)) not in _COLLECTIVE_ALIASES
    ]
    clauses = _party_clauses(masked_text, start, closing_start)
    if len(clauses) < len(inline) + len(listed):
        # Fewer "REPRESENTADA POR" than aliases: a stamp took one away.
        clauses = _party_clauses(masked_text, start, closing_start, lone_anchors=True)
    pairs = _pair_aliases_with_clauses(clauses, inline, listed)
    acronyms = document_acronyms(text)
    quoted = Counter(normalize_space(m.group("alias")) for m in _ALIAS.finditer(text))
    parties = []
    for alias, clause in pairs:
        rol = normalize_space(usual_spelling(layout, *alias.span("alias")))
        if layout.provenance(*alias.span("alias"), METHOD).read_by_ocr:
            rol = _as_quoted_elsewhere(rol, quoted)
        party = PartyFound(rol=Found(rol, layout.provenance(*alias.span("alias"), METHOD)))
        if clause is not None:
            _fill_from_clause(layout, masked_text, clause, party, acronyms)
        else:
            party.warnings.append(f"no party clause in the preamble matches alias {rol}")
        parties.append(party)
    if parties and len(clauses) != len(pairs):
        parties[0].warnings.append(f"the preamble names {len(clauses)} parties but defines {len(pairs)} aliases")
    _fill_addresses(layout, parties)
    return parties


def _pair_aliases_with_clauses(clauses, inline, listed) -> list[tuple[re.Match, "_Clause | None"]]:
    """Inline aliases go with the clause they stand in; listed ones with the remaining clauses in order."""
    pairs: list[tuple[re.Match, _Clause | None]] = []
    claimed: set[int] = set()
    for alias in inline:
        owner = next(
            (i for i, c in enumerate(clauses) if c.dependencia[0] <= alias.start() < c.representation[1] and i not in claimed),
            None,
        )
        if owner is not None:
            claimed.add(owner)
        pairs.append((alias, clauses[owner] if owner is not None else None))
    remaining = iter([c for i, c in enumerate(clauses) if i not in claimed])
    for alias in listed:
        pairs.append((alias, next(remaining, None)))
    pairs.sort(key=lambda pair: pair[1].dependencia[0] if pair[1] else pair[0].start())
    return pairs


# Longest word a speck of a stamp or signature is read as inside a quoted alias.
_SPECK_LETTERS = 3


def _as_quoted_elsewhere(alias: str, quoted: Counter[str]) -> str:
    """A scanned alias with a speck read as a word in it ("LA YN SECRETARÍA DE LA CONTRALORÍA"), as the
    document quotes it everywhere else (`quoted`: how often each spelling is quoted); an alias quoted as
    read elsewhere too stays as it is."""
    if quoted[alias] > 1:
        return alias
    words = alias.split()
    for index, word in enumerate(words):
        without = " ".join(words[:index] + words[index + 1 :])
        if len(word) <= _SPECK_LETTERS and quoted[without] > 1:
            return without
    return alias


@dataclass(frozen=True, slots=True)
class _Clause:
    dependencia: tuple[int, int]
    representation: tuple[int, int]


def _party_clauses(text: str, start: int, end: int, lone_anchors: bool = False) -> list[_Clause]:
    """Split '... CELEBRAN <party>; Y <party> ...' into (institution, representation) spans.

    With `lone_anchors`, a "POR" with no "REPRESENTADA" before it, or a
    "REPRESENTADA" cut short with no "POR" after it, introduces a
    representative after an institution (`_LONE_ANCHOR`).
    """
    celebran = re.search(r"\bCELEBRAN\b", text[start:end])
    search_from = start + celebran.start() if celebran else start
    anchors = list(_REPRESENTED_BY.finditer(text, search_from, end))
    if lone_anchors:
        anchors = sorted(anchors + _lone_anchors(text, search_from, end, anchors), key=lambda m: m.start())
    clauses = []
    previous_end = search_from
    for index, anchor in enumerate(anchors):
        institution = _PARTY_START.search(text, previous_end, anchor.start())
        if index + 1 < len(anchors):
            next_party = _PARTY_START.search(text, anchor.end(), anchors[index + 1].start())
            if next_party is None:
                # A stamp took the separator before the next party: its
                # institution is the last one named before its "REPRESENTADA".
                next_party = _last_institution(text, anchor.end(), anchors[index + 1].start())
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


_INSTITUTION_NAMED = re.compile(rf"\b(?:LA|EL|LOS|LAS)\s+(?:{_INSTITUTION_HEADS})\b")


def _last_institution(text: str, start: int, end: int) -> re.Match | None:
    """The last institution named in the span, from its first word: "LA SECRETARÍA DE LA CONTRALORÍA", not "LA CONTRALORÍA"."""
    named = list(_INSTITUTION_NAMED.finditer(text, start, end))
    if not named:
        return None
    first = len(named) - 1
    while first > 0 and re.fullmatch(r"\s+DEL?\s+", text[named[first - 1].end() : named[first].start()]):
        first -= 1
    return named[first]


def _lone_anchors(text: str, start: int, end: int, anchors: list[re.Match]) -> list[re.Match]:
    """The lone "POR"s and "REPRESEN..."s that open a representation: after an institution, outside every anchor found."""
    found = []
    for match in _LONE_ANCHOR.finditer(text, start, end):
        if any(a.start() <= match.start() < a.end() for a in anchors):
            continue
        since = max((a.end() for a in anchors if a.end() <= match.start()), default=start)
        if INSTITUTION_WORD.search(text, since, match.start()):
            found.append(match)
    return found


# Joining words, and a lower-case speck of a letter or two a scan set there ("... PRESUPUESTO ea LA ...").
_TRAILING_JOINERS = re.compile(r"(?:[\s,;:]|\bY\b|\bE\b|\b[a-zñ]{1,2}\b|\bPOR\s+LA\s+OTRA(?:\s+PARTE)?\b)*$")


_LEADING_JOINERS = re.compile(r"^(?:[\s,;:]|\bQUE\b|\bCELEBRAN\b|\bY\b|\bPOR\s+(?:UNA|LA\s+OTRA)(?:\s+PARTE)?\b)*")
# What comes before "POR UNA PARTE" ("EN EL ÁMBITO DEL H. AYUNTAMIENTO DE ...,") is no party's.
_BEFORE_THE_PARTIES = re.compile(r"^.*\bPOR\s+(?:UNA|LA\s+OTRA)(?:\s+PARTE)?\b", re.DOTALL)


def _trim(text: str, start: int, end: int, institution: bool = False) -> tuple[int, int]:
    """Shrink a span past separators and joining words ('CELEBRAN POR UNA PARTE', '; Y POR LA OTRA') at both
    ends; an `institution` also past what comes before "POR UNA PARTE"."""
    piece = text[start:end]
    before = _BEFORE_THE_PARTIES.match(piece) if institution else None
    skipped = before.end() if before else 0
    leading = skipped + _LEADING_JOINERS.match(piece[skipped:]).end()
    trailing = _TRAILING_JOINERS.search(piece[leading:]).start()
    return start + leading, start + leading + trailing


# Words of a letter or two before an institution's first word are a stamp's or a seal's ink ("PA FE A TESORERÍA").
_SPECK_MAX_LETTERS = 2


def _without_leading_specks(dependencia: str) -> str:
    head = INSTITUTION_WORD.search(dependencia)
    before = dependencia[: head.start()].split() if head else []
    # (An abbreviation keeps its stop: "H. AYUNTAMIENTO".)
    if before and all(sum(ch.isalpha() for ch in word) <= _SPECK_MAX_LETTERS and not word.endswith(".") for word in before):
        return dependencia[head.start() :]
    return dependencia


def _fill_from_clause(layout: Layout, text: str, clause: _Clause, party: PartyFound, acronyms: set[str]) -> None:
    """Institution, representative and cargo from one clause (`text` has inline aliases blanked)."""
    dep_start, dep_end = _trim(text, *clause.dependencia, institution=True)
    dependencia = re.sub(r"^(?:LA|EL|LOS|LAS)\s+", "", normalize_space(text[dep_start:dep_end]))
    where = layout.provenance(dep_start, dep_end, METHOD)
    if where.read_by_ocr:  # a text layer says what it says
        dependencia = _completed_from_alias(_REPRESENTADA_REMNANT.sub("", _without_leading_specks(dependencia)), party.rol.value)
    if dependencia:
        party.dependencia = Found(title_case(dependencia, acronyms), where)
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


# What a stamp left of "REPRESENTADA" before a bare "POR" ("REP NTADA", ", ¡ADA"): no part of the institution.
_REPRESENTADA_REMNANT = re.compile(r"(?:[\s,;]+(?:REP\w*|\w*NTAD[OA]S?|[^\w\s]+\w*AD[OA]S?))+\s*$")
# A garbled institution this much like the one its alias names is that one.
_LIKE_ALIAS = 80


def _completed_from_alias(dependencia: str, alias: str) -> str:
    """An institution a stamp cut short or garbled ("SECRETARÍA DE FI", "DE FINANZAS", "UA SECRETAR
    FINANZAS"), whole again when its alias names it ("LA SECRETARÍA DE FINANZAS"): the alias starts
    or ends with what is left, or reads much like it."""
    named = re.sub(r"^(?:LA|EL|LOS|LAS)\s+", "", normalize_space(alias))
    if not dependencia or not INSTITUTION_WORD.match(named):
        return dependencia
    left, whole = fold(dependencia), fold(named)
    if len(left) < len(whole) and (whole.startswith(left) or whole.endswith(" " + left)):
        return named
    if len(left) <= len(whole) and fuzz.ratio(left, whole) >= _LIKE_ALIAS:
        return named
    return _head_from_alias(dependencia, named)


def _head_from_alias(dependencia: str, named: str) -> str:
    """ "TESO! A MUNICIPAL" -> "TESORERÍA MUNICIPAL": the institution's first word cut short by a stamp
    (a lone letter left after it), whole in the alias that names the institution."""
    words = dependencia.split()
    head = re.sub(r"\W", "", words[0])
    alias_head = named.split()[0]
    if len(head) < 3 or fold(head) == fold(alias_head) or not fold(alias_head).startswith(fold(head)):
        return dependencia
    rest = words[1:]
    while rest and len(rest[0]) == 1 and rest[0].upper() not in {"Y", "E"}:
        rest = rest[1:]
    return " ".join([alias_head, *rest])


def _cargo_matcher() -> Matcher:
    nlp = spanish_nlp()
    matcher = Matcher(nlp.vocab)
    heads = [h.lower() for h in genre_rules()["cargo_heads"] if " " not in h]
    # "SUBCONTRALORA", "SUBTESORERO": a deputy's title is the head word with "sub".
    heads += [f"sub{head}" for head in heads if not head.startswith("sub")]
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


def without_honorific(name: str) -> str:
    """'Ing. Patricia Martínez' -> 'Patricia Martínez', in whatever case the name is written."""
    honorific = _HONORIFICS.match(name.upper())
    return name[honorific.end():] if honorific else name


def _clean_name(raw: str) -> str:
    return _without_run_in_title(normalize_space(_HONORIFICS.sub("", raw)).strip(" ."))


# Titles a scan may run into the name after them, their stop lost ("DRJUAN DE DIOS").
_RUN_IN_TITLES = ("DRA", "DR", "LIC", "MTRA", "MTRO", "ING", "ARQ")


def _without_run_in_title(name: str) -> str:
    """The name without a title run into its first word, where what follows the title is a listed name."""
    first, _, rest = name.partition(" ")
    for title in _RUN_IN_TITLES:
        if first.upper().startswith(title) and is_listed_name(first[len(title) :]):
            return f"{first[len(title):]} {rest}".strip()
    return name


def _clean_cargo(raw: str) -> str:
    cargo = _ROLE_IN_CAPACITY.sub("", raw)
    cargo = re.sub(r"^(?:EL|LA|SU)\s+", "", normalize_space(cargo))
    return cargo.strip(" .;,")


def _fill_addresses(layout: Layout, parties: list[PartyFound]) -> None:
    """Each party's 'señala como domicilio ...' sentence, inside its block of declarations."""
    text = layout.text
    declarations = section_heading(text, "DECLARACIONES")
    clauses_start = section_heading(text, "CL[AÁ]USULAS")
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
        before_mark = text[match.start("address") : match.start("mark")]
        address = normalize_space(f"{before_mark} {text[match.end('mark') : match.end('cp')]}")
        party.domicilio = Found(address, layout.provenance(match.start("address"), match.end("address"), METHOD))
        party.codigo_postal = Found(match.group("cp"), layout.provenance(match.start("cp"), match.end("cp"), METHOD))


def _declaration_heading(text: str, rol: str, start: int, end: int) -> int | None:
    """The line that opens a party's declarations: '1. DE "LA SECRETARÍA"', 'II. DECLARA "LA UIPPE":'.

    Matched without accents and with the quotes optional, as OCR reads them,
    with a lone mark a scan may set before or after it ("y 2. DE ...",
    '... "LA SECRETARÍA" UN'), "IV," for "IV." and "1II" for "III".
    """
    plain_text, plain_rol = strip_accents(text).upper(), strip_accents(rol).upper()
    if len(plain_text) != len(text):
        plain_text = text.upper()
    alias = r"\s+".join(re.escape(word) for word in plain_rol.split())
    quoted = rf"[{_QUOTE_OPEN}{_QUOTE_CLOSE}]{{0,2}}\s*{alias}\s*[{_QUOTE_OPEN}{_QUOTE_CLOSE}]{{0,2}}"
    pattern = re.compile(
        rf"^[ \t]*(?:\S[ \t]+)?(?:[IVXLC1|]+|\d+)?[.),]?[ \t]*(?:DE|DECLARA[N]?|DECLARACIONES\s+DE)?[ \t]*(?:EL\s+|LA\s+)?{quoted}"
        rf"[ \t:.]*(?:[ \t]\S{{1,3}})?[ \t]*$",
        re.MULTILINE,
    )
    match = pattern.search(plain_text, start, end)
    return match.start() if match else None
