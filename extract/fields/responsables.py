"""The responsables: public servants designated to attend the compliance sessions.

They stand on the page after the signatures, under a sentence such as "...
"LAS PARTES" designan como responsables para acudir a las sesiones ... a los
servidores públicos:", as blocks of an upper-case NAME line followed by its
CARGO lines, one under the other or side by side.  Blocks are found by
position: pieces of text that overlap horizontally and follow each other
without a gap belong together; the space left for a signature separates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from statistics import median

from extract.fields.common import Found, document_acronyms, fold, genre_rules, normalize_space, strip_scan_marks, title_case
from extract.fields.nombres import is_given_name, is_listed_name, is_particle, repair_cargo, repair_name
from extract.fields.partes import INSTITUTION_WORD, starts_with_cargo, without_honorific
from extract.model import Line, Provenance
from extract.ocr_repair import is_vocabulary_word

METHOD = "responsables"
# An OCR'd word of a name under this confidence may be one letter off (see
# `repair_name`): Tesseract reads clean print at 0.96-0.97, and misread names
# under signatures came out at 0.0-0.93.
_UNSURE_NAME_WORD = 0.95

_INTRO = re.compile(r"design\w*\s+(?:como\s+)?responsables", re.IGNORECASE)
_STOP = re.compile(
    r"^(?:la\s+presente\s+hoja|esta\s+hoja|hoja\s+de\s+firmas|anexo|p[aá]gina\s+\d)", re.IGNORECASE
)


@dataclass(slots=True)
class ResponsableFound:
    nombre: Found[str]
    cargo: Found[str] | None


def extract_responsables(layout) -> list[ResponsableFound]:
    intro = _designation(layout.text)
    if intro is None:
        return []
    return name_blocks(layout, layout.lines[_line_index_after(layout, intro.end()):])


def _designation(text: str, start: int = 0) -> re.Match | None:
    """The sentence designating the responsables, not the TERCERA clause's wording of it."""
    intro = None
    for match in _INTRO.finditer(text, start):
        intro = match
        if re.search(r"servidor|siguientes|:", text[match.end(): match.end() + 250]):
            break
    return intro


def designation_start(text: str, start: int = 0) -> int:
    """Where the designation of responsables opens after `start` (the end of the text if it does not)."""
    intro = _designation(text, start)
    if intro is None:
        return len(text)
    line_start = text.rfind("\n", 0, intro.start()) + 1
    return max(start, line_start)


def name_blocks(layout, lines) -> list[ResponsableFound]:
    """The name-and-cargo blocks among `lines`, up to a closing note ("La presente hoja ...")."""
    kept = []
    for line in lines:
        if _STOP.match(line.text.strip()):
            break
        kept.append(line)
    acronyms = document_acronyms(layout.text)
    return [_as_found(block, acronyms) for block in _blocks(kept)]


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


_MAX_NAME_WORDS = 6
# A given name and a surname have three letters or more ("ANA", "PAZ"): signature strokes read
# as letters ("AN ZN DA") do not.
_NAME_WORD_MIN_LETTERS = 3


def _name_word_count(text: str, min_letters: int = 1) -> int:
    words = normalize_space(without_honorific(text)).split(" ")
    return sum(not is_particle(word) and sum(ch.isalpha() for ch in word) >= min_letters for word in words)


def _looks_like_name(text: str) -> bool:
    """An upper-case line of two to six names (particles aside: "MARÍA DEL CARMEN DE LA CRUZ DE LA VEGA"
    is four names long; a title allowed), two of three letters or more, with no position or institution word in it."""
    return (
        2 <= _name_word_count(text) <= _MAX_NAME_WORDS
        and _name_word_count(text, _NAME_WORD_MIN_LETTERS) >= 2
        and _is_upper(text)
        and not re.search(r"[^A-ZÁÉÍÓÚÜÑa-záéíóúüñ .'-]", text)
        and not starts_with_cargo(text)
        and not INSTITUTION_WORD.search(text)
    )


# Two rows of a block stand a line apart; words of one row, boxed by OCR through a signature's
# ink, end this share of a word's height apart at most.
_ROW_APART = 0.5
_ROW_MIN_WORDS = 2


def _rows_of(line: Line) -> list[Line]:
    """A line that is two rows of a block (a name and its cargo under it) joined where a signature made
    one word's box tall over both: the two rows, told apart by where their words end."""
    words = line.words
    if len(words) < 2 * _ROW_MIN_WORDS or any(w.origin != "ocr" for w in words):
        return [line]
    bottoms = sorted(w.bbox[3] for w in words)
    gap, cut = max((below - above, above) for above, below in zip(bottoms, bottoms[1:]))
    height = median(w.bbox[3] - w.bbox[1] for w in words)
    upper = [w for w in words if w.bbox[3] <= cut]
    lower = [w for w in words if w.bbox[3] > cut]
    if gap < _ROW_APART * height or len(upper) < _ROW_MIN_WORDS or len(lower) < _ROW_MIN_WORDS:
        return [line]
    return [Line(tuple(upper)), Line(tuple(lower))]


def _segments(line: Line) -> list[Line]:
    """Cut a line where words stand far apart: side-by-side signature blocks share a baseline."""
    height = line.bbox[3] - line.bbox[1]
    pieces: list[list] = [[line.words[0]]]
    for previous, word in zip(line.words, line.words[1:]):
        if word.x0 - previous.x1 > 1.2 * height:
            pieces.append([word])
        else:
            pieces[-1].append(word)
    return [Line(tuple(piece)) for piece in pieces]


# What a signature's stroke crossing into a name is read as when it touches the name's first word
# (a hook read as "¿": "¿MÓNICA").
_STROKE_CHARACTERS = "—–-_~=|/\\.,'`\"¿¡"


def _without_leading_marks(piece: Line) -> Line | None:
    """The piece without the OCR'd marks that open it: a stroke of a signature read as "27", a seal's
    ink read as "Di)", or dashes joined to the first word ("——ANA")."""
    words = list(piece.words)
    while words and words[0].origin == "ocr" and (
        not any(ch.isalpha() for ch in words[0].text) or _is_stamp_debris(words[0])
    ):
        words.pop(0)
    if not words:
        return None
    first = words[0]
    stroke = len(first.text) - len(first.text.lstrip(_STROKE_CHARACTERS))
    if first.origin == "ocr" and stroke:
        x0, top, x1, bottom = first.bbox
        cut = x0 + (x1 - x0) * stroke / len(first.text)
        words[0] = replace(first, text=first.text[stroke:], bbox=(cut, top, x1, bottom))
    return Line(tuple(words))


# A word of a letter or two, read this unsure with a mark in it ("Di)"), is a seal's or a
# stroke's ink, not print; a name's word with a speck on it ("“ARTURO") has more letters.
_DEBRIS_WORD_CONFIDENCE = 0.5
_DEBRIS_WORD_LETTERS = 2


def _is_stamp_debris(word) -> bool:
    return (
        word.confidence < _DEBRIS_WORD_CONFIDENCE
        and sum(ch.isalpha() for ch in word.text) <= _DEBRIS_WORD_LETTERS
        and bool(re.search(r"[^\w\s.'-]", word.text.rstrip(".,")))
    )


# Pieces of one row this close (in line heights) are one line: well under a
# column's gap; wider for two pieces of a name, where a signature's strokes
# leave a word boxed apart ("JUAN    GONZÁLEZ MUÑOZ").  Side-by-side names
# stand several line heights apart, centred over their own signature lines.
_ROW_PIECES_JOIN = 0.8
_NAME_PIECES_JOIN = 2.5
# A name is never one word: a lone given name boxed apart ("LUGÍA     ARRIAGA PÉREZ", the
# signature's loops between them) joins the name after it on its row from further off.
_LONE_WORD_JOIN = 4.0
_LONE_WORD_MIN_LETTERS = 3
_LONE_WORD_MIN_CONFIDENCE = 0.5


def _join_row_pieces(pieces: list[Line], height: float) -> list[Line]:
    """Rejoin pieces of one row that OCR split apart (a word under a signature gets its own odd box)."""
    joined: list[Line] = []
    for piece in sorted(pieces, key=lambda p: (p.page, p.bbox[0])):
        for index, other in enumerate(joined):
            # Middles within half a line: boxes a signature made tall overlap the next line's.
            same_row = other.page == piece.page and abs(_middle(piece) - _middle(other)) < height / 2
            close = -height < piece.bbox[0] - other.bbox[2] < _join_reach(other, piece) * height
            if same_row and close:
                joined[index] = Line(other.words + piece.words)
                break
        else:
            joined.append(piece)
    return joined


def _join_reach(left: Line, right: Line) -> float:
    """How far right of `left`, in line heights, `right` may start and still be the rest of its row."""
    if not any(word.origin == "ocr" for word in left.words + right.words):
        return _ROW_PIECES_JOIN  # a text layer boxes no word apart: further off is the next block
    if _names_words(left) and _names_words(right):
        if _name_word_count(f"{left.text} {right.text}") > _MAX_NAME_WORDS:
            return _ROW_PIECES_JOIN  # two names side by side
        return _LONE_WORD_JOIN if _lone_given_name(left) else _NAME_PIECES_JOIN
    if _opens_with_particle(right):
        return _NAME_PIECES_JOIN  # the rest of a cargo's line boxed apart ("... AUDITORÍA    Y-CONTROL")
    return _ROW_PIECES_JOIN


def _opens_with_particle(piece: Line) -> bool:
    return is_particle(re.split(r"[-–—]", strip_scan_marks(piece.words[0].text))[0])


def _lone_given_name(piece: Line) -> bool:
    word = piece.words[0]
    return (
        len(piece.words) == 1
        and sum(ch.isalpha() for ch in word.text) >= _LONE_WORD_MIN_LETTERS
        and word.confidence >= _LONE_WORD_MIN_CONFIDENCE
        and is_given_name(strip_scan_marks(word.text))
    )


def _middle(piece: Line) -> float:
    return (piece.bbox[1] + piece.bbox[3]) / 2


def _names_words(piece: Line) -> bool:
    """Whether a piece may be words of a name: a few words, neither a cargo nor an institution."""
    text = strip_scan_marks(piece.text)
    return len(text.split()) <= 7 and not starts_with_cargo(text) and not INSTITUTION_WORD.search(text)


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Group text into signature blocks: pieces that overlap horizontally and follow each other closely."""
    pieces = [
        _letters_for_digits(piece)
        for line in lines
        for row in _rows_of(line)
        for piece in map(_without_leading_marks, _segments(row))
        if piece is not None and _is_upper(piece.text) and not re.fullmatch(r"[_\W]+", piece.text)
    ]
    if not pieces:
        return []
    # One height for the page: OCR boxes of single words can be degenerate.
    height = sorted(p.bbox[3] - p.bbox[1] for p in pieces)[len(pieces) // 2]
    pieces = [p for p in pieces if not _is_speck(p, height)]
    blocks: list[list[Line]] = []
    for piece in sorted(_join_row_pieces(pieces, height), key=lambda p: (p.page, p.bbox[1], p.bbox[0])):
        x0, top, x1, bottom = piece.bbox
        # Under the block's last piece (a signature's strokes make boxes
        # tall, so boxes of lines one under the other may overlap), or
        # beside it on its row.
        candidates = [
            (top - block[-1].bbox[3], block)
            for block in blocks
            if block[-1].page == piece.page
            and top + bottom > block[-1].bbox[1] + block[-1].bbox[3] - height
            and top - block[-1].bbox[3] <= height
            and x0 < max(p.bbox[2] for p in block)
            and x1 > min(p.bbox[0] for p in block)
        ]
        if candidates:
            min(candidates, key=lambda c: abs(c[0]))[1].append(piece)
        else:
            blocks.append([piece])
    blocks = [_rows_merged(block, height) for block in (_without_debris(b, height) for b in blocks) if block]
    # Reading order: rows of blocks top to bottom, each row left to right.
    blocks.sort(key=lambda b: (b[0].page, round(b[0].bbox[1] / 20), b[0].bbox[0]))
    # A stroke's tail after the name reads as a stop or a colon ("MALDONADO ARCE:").
    return [block for block in blocks if _looks_like_name(strip_scan_marks(block[0].text).rstrip(".,;:"))]


def _is_speck(piece: Line, height: float) -> bool:
    """A letter or two OCR boxed far smaller than a line of print ("L" boxed 2 x 3 pt between a name and its cargo)."""
    return (
        all(w.origin == "ocr" for w in piece.words)
        and sum(ch.isalpha() for ch in piece.text) <= _DEBRIS_MAX_LETTERS
        and piece.bbox[3] - piece.bbox[1] < height / 2
    )


def _rows_merged(block: list[Line], height: float) -> list[Line]:
    """The block with pieces of one row made one line, left to right: a word boxed apart under a
    signature ("ENCARGADO   DE LA DIRECCIÓN DE") may be boxed a little higher than the rest of its row."""
    rows: list[Line] = []
    for piece in block:
        if rows and rows[-1].page == piece.page and abs(_middle(rows[-1]) - _middle(piece)) < height / 2:
            rows[-1] = Line(tuple(sorted(rows[-1].words + piece.words, key=lambda w: w.x0)))
        else:
            rows.append(piece)
    return rows


# What OCR makes of a signature's strokes above a name: a letter or two,
# words read unsure, or a word boxed over several lines' height ("AJA", 33 pt
# tall over a 10 pt name).
_DEBRIS_MAX_LETTERS = 2
_DEBRIS_CONFIDENCE = 0.7
_SCRIBBLE_HEIGHT = 2.5


# Over a signature line, the party it signs for: 'POR "LA SECRETARÍA"'.
_SIGNS_FOR = re.compile(r"^POR\s*[\"“”«']")


def _without_debris(block: list[Line], height: float) -> list[Line]:
    """The block from its first piece that is not a signature's strokes read as text ("I", "X", "PESAS" at 0.09)
    nor the party the signature is for, to its last that is not strokes either ("MEZAT" at 0.0 under a cargo);
    `height` is a line of print's.

    Strokes read surer ("ALA A", "PIN" over "JOSÉ ANTONIO ORIHUELA ARRIAGA")
    go too when the next pieces name someone and they name no one: none of
    their words is a listed name, each was read unsure or boxed tall, and
    one of the block's next pieces holds two listed names or more.
    """
    start = 0
    while start < len(block) and (_is_debris(block[start], height) or _SIGNS_FOR.match(block[start].text)):
        start += 1
    named = next(
        (index for index in range(start, min(start + _STROKE_LINES_MAX + 1, len(block))) if _listed_words(block[index]) >= 2),
        start,
    )
    strokes = block[start:named]
    if all(_listed_words(piece) == 0 and not _names_nothing(piece) and _reads_like_strokes(piece, height) for piece in strokes):
        start = named
    end = len(block)
    while end > start + 1 and _is_debris(block[end - 1], height) and not _goes_on(block[end - 2], block[end - 1]):
        end -= 1
    return block[start:end]


def _goes_on(line: Line, below: Line) -> bool:
    """Whether the line under a cargo's line is the rest of it, however unsure: the line ends on a particle
    ("... DE LA SECRETARÍA DE") or the one below names an office ("CONTRALORÍA" read at 0.61)."""
    last = strip_scan_marks(line.words[-1].text)
    return is_particle(last) or any(is_vocabulary_word(strip_scan_marks(w.text)) for w in below.words)


# Digits OCR reads for capitals in a word of letters ("1VÁN" for "IVÁN").
_LETTER_FOR_DIGIT = str.maketrans({"1": "I", "0": "O"})


def _letters_for_digits(piece: Line) -> Line:
    return Line(tuple(
        replace(w, text=w.text.translate(_LETTER_FOR_DIGIT))
        if w.origin == "ocr" and sum(ch.isalpha() for ch in w.text) >= 2 and any(ch.isdigit() for ch in w.text)
        else w
        for w in piece.words
    ))


# Lines of strokes read as words over a name, at most; each has a word read
# under this confidence or is boxed this many lines tall (a name's print reads
# at 0.9 and more, and is a line tall).
_STROKE_LINES_MAX = 2
_STROKE_CONFIDENCE = 0.9
_STROKE_HEIGHT = 1.5


def _reads_like_strokes(piece: Line, height: float) -> bool:
    tall = piece.bbox[3] - piece.bbox[1] > _STROKE_HEIGHT * height
    return tall or min(w.confidence for w in piece.words) < _STROKE_CONFIDENCE


def _listed_words(piece: Line) -> int:
    return sum(is_listed_name(word) for word in re.split(r"[\s-]+", strip_scan_marks(piece.text)) if word)


def _names_nothing(piece: Line) -> bool:
    """Whether a piece is print that is no name: a cargo, an institution, or text read from the text layer."""
    text = strip_scan_marks(piece.text)
    return starts_with_cargo(text) or bool(INSTITUTION_WORD.search(text)) or any(w.origin != "ocr" for w in piece.words)


def _is_debris(piece: Line, height: float) -> bool:
    letters = sum(ch.isalpha() for ch in piece.text)
    return all(w.origin == "ocr" for w in piece.words) and (
        letters <= _DEBRIS_MAX_LETTERS
        or max(w.confidence for w in piece.words) < _DEBRIS_CONFIDENCE
        or (len(piece.words) == 1 and piece.bbox[3] - piece.bbox[1] > _SCRIBBLE_HEIGHT * height)
    )


def _name_line_count(block: list[Line]) -> int:
    """How many lines the name takes: a long name wraps, and its tail comes before a line opening a cargo."""
    count = 1
    while (
        count + 1 < len(block)
        and len(block[count].text.split()) <= 3
        and _is_upper(block[count].text)
        and not starts_with_cargo(block[count].text)
        and not INSTITUTION_WORD.search(block[count].text)
        and starts_with_cargo(repair_cargo(block[count + 1].text))
    ):
        count += 1
    return count


# A word of a letter or two read this unsure inside a cargo ("NS", "IT" at 0.06 before "MÉXICO") is a
# signature's ink, unless it is one of the short words cargos are made of; so is a run of digits read
# unsure (a signature's loops read "000000" at 0.46).
_SPECK_WORD_CONFIDENCE = 0.4
_SPECK_DIGITS_CONFIDENCE = 0.6
_SHORT_CARGO_WORDS = frozenset({"el", "en", "a", "al", "y", "e", "o", "u"})


def _is_speck_word(word) -> bool:
    text = strip_scan_marks(word.text)
    if word.origin != "ocr":
        return False
    if text.isdigit():
        return word.confidence < _SPECK_DIGITS_CONFIDENCE
    return (
        word.confidence < _SPECK_WORD_CONFIDENCE
        and sum(ch.isalpha() for ch in text) <= _DEBRIS_MAX_LETTERS
        and not is_particle(text)
        and fold(text) not in _SHORT_CARGO_WORDS
    )


def _as_found(block: list[Line], acronyms: set[str]) -> ResponsableFound:
    split = _name_line_count(block)
    name_lines, cargo_lines = block[:split], block[split:]
    name_words = [w for line in name_lines for w in line.words]
    name = strip_scan_marks(" ".join(l.text for l in name_lines))
    if any(w.origin == "ocr" for w in name_words):
        name = repair_name(name, frozenset(w.text for w in name_words if w.confidence < _UNSURE_NAME_WORD))
    nombre = Found(title_case(name), Provenance.from_words(name_words, METHOD))
    cargo = None
    words = [w for line in cargo_lines for w in line.words if not _is_speck_word(w)]
    if words:
        cargo_text = strip_scan_marks(" ".join(w.text for w in words))
        if any(w.origin == "ocr" for w in words):
            unsure = frozenset(w.text for w in words if w.confidence < _UNSURE_NAME_WORD)
            cargo_text = repair_cargo(cargo_text, unsure, frozenset(acronyms | set(genre_rules()["known_acronyms"])))
        cargo = Found(title_case(cargo_text, acronyms), Provenance.from_words(words, METHOD))
    return ResponsableFound(nombre=nombre, cargo=cargo)
