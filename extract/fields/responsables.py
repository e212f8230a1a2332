"""The responsables: public servants designated to attend the compliance sessions.

They stand on the page after the signatures, under a sentence such as "...
"LAS PARTES" designan como responsables para acudir a las sesiones ... a los
servidores públicos:", as blocks of an upper-case NAME line followed by its
CARGO lines.  A block starts at a line that is not a cargo's continuation:
after a vertical gap (the space left for the signature), or a line that reads
as a person's name while the line before it closed a cargo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.fields.common import Found, acronyms_defined, fold, normalize_space, title_case
from extract.fields.partes import INSTITUTION_WORD, starts_with_cargo
from extract.model import Line, Provenance

METHOD = "responsables"

_INTRO = re.compile(r"design\w*\s+(?:como\s+)?responsables", re.IGNORECASE)
_STOP = re.compile(
    r"^(?:la\s+presente\s+hoja|esta\s+hoja|hoja\s+de\s+firmas|anexo|p[aá]gina\s+\d)", re.IGNORECASE
)


@dataclass(slots=True)
class ResponsableFound:
    nombre: Found[str]
    cargo: Found[str] | None


def extract_responsables(layout) -> list[ResponsableFound]:
    text = layout.text
    intro = None
    for match in _INTRO.finditer(text):
        intro = match  # the designation sentence, not the TERCERA clause's wording
        if re.search(r"servidor|siguientes|:", text[match.end(): match.end() + 250]):
            break
    if intro is None:
        return []
    acronyms = acronyms_defined(text)
    first_line = _line_index_after(layout, intro.end())
    lines = []
    for line in layout.lines[first_line:]:
        if _STOP.match(line.text.strip()):
            break
        lines.append(line)
    return [_as_found(block, acronyms) for block in _blocks(lines) if block]


def _line_index_after(layout, offset: int) -> int:
    """Index of the first line after the one holding `offset`, skipping the rest of the sentence."""
    for index, start in enumerate(layout.line_starts):
        if start > offset:
            # The intro sentence may run on until its colon.
            previous = layout.lines[index - 1].text if index else ""
            if previous.rstrip().endswith(":") or index == 0:
                return index
            return _skip_to_after_colon(layout, index)
    return len(layout.lines)


def _skip_to_after_colon(layout, index: int) -> int:
    for probe in range(index, min(index + 4, len(layout.lines))):
        if layout.lines[probe].text.rstrip().endswith(":"):
            return probe + 1
    return index


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _looks_like_name(text: str) -> bool:
    """An upper-case line of 2-7 words with no position or institution word in it."""
    words = normalize_space(text).split(" ")
    return (
        2 <= len(words) <= 7
        and _is_upper(text)
        and not re.search(r"[\d,:;]", text)
        and not starts_with_cargo(text)
        and not INSTITUTION_WORD.search(text)
    )


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Group lines into NAME + CARGO blocks."""
    blocks: list[list[Line]] = []
    typical_gap = _typical_line_gap(lines)
    previous: Line | None = None
    for line in lines:
        text = line.text.strip()
        if not _is_upper(text):
            continue  # signature scrawls, handwritten notes, OCR noise
        gap = line.bbox[1] - previous.bbox[3] if previous and previous.page == line.page else None
        opens_block = (
            not blocks
            or previous is None
            or previous.page != line.page
            or (gap is not None and gap > 2.2 * typical_gap)
            or (_looks_like_name(text) and len(blocks[-1]) > 1 and _ends_cargo(blocks[-1]))
        )
        if opens_block and _looks_like_name(text):
            blocks.append([line])
        elif blocks:
            blocks[-1].append(line)
        previous = line
    return blocks


def _ends_cargo(block: list[Line]) -> bool:
    # A cargo line ending in a joining word ("... Y", "... DE LA") continues on the next line.
    last = fold(block[-1].text).split(" ")[-1]
    return last not in {"de", "del", "la", "las", "los", "y", "e", "el", "en", "para", "a", "al"}


def _typical_line_gap(lines: list[Line]) -> float:
    gaps = sorted(
        b.bbox[1] - a.bbox[3] for a, b in zip(lines, lines[1:]) if a.page == b.page and b.bbox[1] > a.bbox[3]
    )
    return gaps[len(gaps) // 4] if gaps else 4.0


def _as_found(block: list[Line], acronyms: set[str]) -> ResponsableFound:
    name_line, cargo_lines = block[0], block[1:]
    nombre = Found(title_case(name_line.text), Provenance.from_words(name_line.words, METHOD))
    cargo = None
    if cargo_lines:
        words = [w for line in cargo_lines for w in line.words]
        cargo_text = normalize_space(" ".join(line.text for line in cargo_lines))
        cargo = Found(title_case(cargo_text, acronyms), Provenance.from_words(words, METHOD))
    return ResponsableFound(nombre=nombre, cargo=cargo)
