"""Text-joining helpers shared by the table finder and the layout stage.

A PDF gives words and lines; the contract wants prose: wrapped lines joined
with a space, a word split by hyphenation at a line end mended, bullet items
on lines of their own (with every bullet glyph written "•"), and paragraphs
joined with a newline.  These rules live here so that a table cell and any
other block of lines read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median
from typing import Sequence

from extract.model import Line, Word

# Symbol and Wingdings fonts put their glyphs in the private-use area, so a
# Word bullet reaches the text layer as U+F0B7 and friends; these are the
# codes Word's bullet buttons use.
_PRIVATE_USE_GLYPHS = {
    "\uf0b7": "•",  # Symbol bullet
    "\uf0a7": "▪",  # Wingdings small square
    "\uf0d8": "➢",  # Wingdings arrowhead
    "\uf076": "❖",  # Wingdings diamond
    "\uf0fc": "✓",  # Wingdings check mark
    "\uf0a8": "▪",
    "\uf06e": "■",
    "\uf0b2": "•",
}
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_GLYPH_FIXES = str.maketrans({**_PRIVATE_USE_GLYPHS, **_LIGATURES})

BULLET = "•"
# The widest letter is about this wide, as a share of the line height.
_WIDE_LETTER = 1.0
# Text starting this close (points) to a bullet item's text is at its indent.
_SAME_INDENT = 2.0
# White beyond the usual line spacing (share of the line height) that marks a
# new paragraph: even 2 pt of "space after" at 9 pt is more than this.  OCR
# boxes are tight, so ascenders and descenders move each line's box by up
# to a third of its height; there only clear paragraph spacing counts.
_PARAGRAPH_SPACING = {"text": 0.15, "ocr": 0.6}
# Glyphs that start a bullet item when they stand alone (or glued) at the
# start of a line.  "-" counts only when followed by a space, so that a
# negative number or a hyphenated word at a line start is not a bullet.
_BULLET_START = re.compile(r"^(?:[•▪■◦●○➢❖✓·∙‣⁃*]|[-–—](?=\s))\s*")
# What OCR makes of a small bullet, standing before a capitalised word (a
# lone stop: no sentence opens a line with one).
_OCR_BULLET = re.compile(r"^(?:[»«©®¢°*+][.,]?|[.,])\s+(?=[A-ZÁÉÍÓÚÑ])")
_PUNCTUATION = ".,;:()[]¿?¡!\"'“”«»"


_TALL_WORD = 1.5


def group_lines(words: Sequence[Word]) -> list[Line]:
    """Words of one page (or one cell) as lines, top to bottom, each left to right.

    A word joins the line above when its vertical middle falls inside the
    band that line's words cover: baselines of one line differ by a point or
    two (superscripts, a bold run, a cell aligned a bit lower, an OCR box
    around a lone "+"), while the next line is a whole line-height further
    down.
    """
    lines: list[list[Word]] = []
    band_top = band_bottom = 0.0
    # A word much taller than the others (an OCR box stretched by a stamp or
    # a signature's strokes) counts as a word of the usual height around its
    # middle, or its line's band would take in the next line too.
    usual = median(w.bottom - w.top for w in words) if words else 0.0

    def band_of(word: Word) -> tuple[float, float]:
        if word.bottom - word.top <= _TALL_WORD * usual:
            return word.top, word.bottom
        return word.middle_y - usual / 2, word.middle_y + usual / 2

    for word in sorted(words, key=lambda w: (w.page, w.middle_y, w.x0)):
        middle = word.middle_y
        top, bottom = band_of(word)
        if lines and lines[-1][0].page == word.page and band_top <= middle <= band_bottom:
            lines[-1].append(word)
            band_top, band_bottom = min(band_top, top), max(band_bottom, bottom)
            continue
        lines.append([word])
        band_top, band_bottom = top, bottom
    return [Line(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def split_at_gaps(words: Sequence[Word], gap: float) -> list[list[Word]]:
    """Runs of a line's words separated by at least `gap` points of white."""
    runs: list[list[Word]] = []
    for word in words:
        if runs and word.x0 - runs[-1][-1].x1 < gap:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def fix_glyphs(text: str) -> str:
    """Undo font encodings that hide the real character (PUA bullets, ligatures)."""
    return text.translate(_GLYPH_FIXES)


def strip_bullet(text: str, ocr: bool = False) -> tuple[bool, str]:
    """Whether `text` starts with a bullet glyph, and the text without it.

    OCR reads a small bullet as "»", "«", "©"...: for OCR text such a sign
    standing alone before a capitalised word counts as a bullet too.
    """
    match = _BULLET_START.match(text) or (_OCR_BULLET.match(text) if ocr else None)
    if not match:
        return False, text
    return True, text[match.end() :]


def word_form(text: str) -> str:
    """A word as compared with others: lower case, without surrounding punctuation."""
    return text.strip(_PUNCTUATION).lower()


@dataclass(frozen=True, slots=True)
class TextBlock:
    """The lines of one block of text (a table cell, say) and how its lines sit.

    ``right_edge`` is as far as text runs in that block (a column's text
    edge); it tells a line that wraps (it reaches the edge) from one that
    ends a paragraph (the next line's first word would have fitted after
    it).  ``line_gap`` is the usual white between two wrapped lines there
    (points); clearly more than that means paragraph spacing.  Without it,
    the block's own tightest gap is used.
    """

    lines: Sequence[Line]
    right_edge: float
    line_gap: float | None = None


def line_gaps(lines: Sequence[Line]) -> list[float]:
    """White between each line and the next on the same page."""
    return [
        below.bbox[1] - above.bbox[3]
        for above, below in zip(lines, lines[1:])
        if above.page == below.page
    ]


def join_lines(block: TextBlock, vocabulary: frozenset[str] = frozenset()) -> str:
    """Join a block's lines into contract text.

    A word cut at a line-end hyphen is mended only with evidence that it is
    one word: a soft hyphen, or the whole word written elsewhere in the
    document (``vocabulary``, from `word_form`).  Word processors do not
    hyphenate unless asked, so most hyphens at a line end belong to
    compounds such as "entrega-recepción", and those keep their hyphen.
    """
    lines = list(block.lines)
    if not lines:
        return ""
    gaps = line_gaps(lines)
    usual_gap = block.line_gap if block.line_gap is not None else min(gaps, default=0.0)
    cut_after = _words_cut_letter_wise(lines, block.right_edge, vocabulary)
    bullet_indents: list[float] = []
    paragraphs: list[str] = []
    current = ""
    previous: Line | None = None
    for index, line in enumerate(lines):
        is_bullet, text = strip_bullet(fix_glyphs(line.text), ocr=line.words[0].origin == "ocr")
        if is_bullet and len(line.words) > 1:
            bullet_indents.append(line.words[1].x0)
        new_paragraph = previous is not None and (is_bullet or _starts_paragraph(previous, line, block.right_edge, usual_gap))
        if new_paragraph and not is_bullet and _at_indent(line, bullet_indents):
            # A paragraph that starts where the items' text starts is an item
            # whose bullet the scan lost.
            is_bullet = True
        if is_bullet:
            text = f"{BULLET} {text}".rstrip()
        if previous is None:
            current = text
        elif new_paragraph:
            paragraphs.append(current)
            current = text
        elif index - 1 in cut_after:
            current += text
        else:
            current = _join_wrapped(current, text, vocabulary)
        previous = line
    paragraphs.append(current)
    return "\n".join(p for p in paragraphs if p)


def _words_cut_letter_wise(lines: list[Line], right_edge: float, vocabulary: frozenset[str]) -> set[int]:
    """Indices of the lines after which a word goes on, cut without a hyphen.

    A word too long for a narrow column is cut where the column ends: a line
    filled to its edge ends with the first piece, lines holding nothing but
    a piece follow, and the next line starts with the last piece.  A whole
    word as wide as the column looks the same ("Septiembre" over "de 2019"),
    so the pieces are joined only when they spell a word the document
    writes whole elsewhere (``vocabulary``); the longest such word wins.
    """
    def full(line: Line) -> bool:
        return right_edge - line.bbox[2] < _WIDE_LETTER * (line.bbox[3] - line.bbox[1])

    cut_after: set[int] = set()
    start = 0
    while start < len(lines) - 1:
        if not full(lines[start]):
            start += 1
            continue
        end = start  # the pieces run from the end of `start` to the start of `end + 1`
        while end + 1 < len(lines) - 1 and len(lines[end + 1].words) == 1 and full(lines[end + 1]):
            end += 1
        pieces = [lines[start].words[-1].text]
        pieces += [lines[i].words[0].text for i in range(start + 1, end + 2)]
        spelled = next(
            (k for k in range(len(pieces), 1, -1) if word_form("".join(pieces[:k])) in vocabulary), None
        )
        if spelled is None:
            start += 1
            continue
        cut_after.update(range(start, start + spelled - 1))
        start += spelled - 1
    return cut_after


def _at_indent(line: Line, indents: list[float]) -> bool:
    return any(abs(line.words[0].x0 - indent) <= _SAME_INDENT for indent in indents)


def _join_wrapped(left: str, right: str, vocabulary: frozenset[str]) -> str:
    if not left:
        return right
    if not right:
        return left
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if not left.endswith("-"):
        return f"{left} {right}"
    head = left[:-1]
    before, after = head.rsplit(" ", 1)[-1], right.split(" ", 1)[0]
    split_word = (
        before[-1:].isalpha()
        and after[:1].isalpha()
        and after[:1].islower()
        and word_form(before + after) in vocabulary
        and word_form(f"{before}-{after}") not in vocabulary
    )
    return head + right if split_word else left + right


def _starts_paragraph(previous: Line, line: Line, right_edge: float, usual_gap: float) -> bool:
    """Whether `line` opens a new paragraph after `previous` in the same block.

    Two signs, either suffices: white between the lines clearly beyond the
    usual line spacing (paragraph spacing), or a previous line that stopped
    short although the next line's first word would have fitted after it
    (the writer pressed Enter).  Pages change inside a block only when a
    table row breaks across pages; there the gap means nothing, so only the
    second sign is used.
    """
    if previous.words[-1].text.endswith(("-", "\u00ad")):
        return False  # a paragraph does not end on a hyphen: the word goes on
    height = max(line.bbox[3] - line.bbox[1], 1.0)
    spacing = _PARAGRAPH_SPACING[line.words[0].origin]
    if previous.page == line.page and line.bbox[1] - previous.bbox[3] > usual_gap + spacing * height:
        return True
    first_word = line.words[0]
    space = 0.3 * height
    return right_edge - previous.bbox[2] > (first_word.x1 - first_word.x0) + 2 * space
