"""Layout types shared by every stage: the one page model, whatever the source.

The PDF text layer and OCR both produce `Page` objects made of `Word`s and
`Rule`s, so the table finder, the layout stage and the field extractors never
know (or care) where a word came from.  Conventions, fixed for the whole
project:

* coordinates are PDF points (1/72 in) with the origin at the top-left corner
  of the page, as ``(x0, top, x1, bottom)``;
* page numbers are 1-based;
* confidence is a float in 0..1 (1.0 for a text-layer word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Literal

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, top-left origin."""

WordOrigin = Literal["text", "ocr"]


def union_bbox(boxes: Iterable[BBox]) -> BBox:
    """Smallest box that holds every box given."""
    boxes = list(boxes)
    if not boxes:
        raise ValueError("union_bbox needs at least one box")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True, slots=True)
class Word:
    """One word on a page, where it is and how sure we are of it."""

    text: str
    bbox: BBox
    page: int
    confidence: float = 1.0
    origin: WordOrigin = "text"

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]

    @property
    def middle_y(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line (table border or underline), horizontal or vertical."""

    bbox: BBox
    page: int

    @property
    def is_horizontal(self) -> bool:
        x0, top, x1, bottom = self.bbox
        return (x1 - x0) >= (bottom - top)


@dataclass(slots=True)
class Page:
    """Everything downstream needs from one page."""

    number: int
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    origin: WordOrigin = "text"
    rotation: int = 0
    """Clockwise degrees the page was turned to be read upright (OCR only)."""


@dataclass(frozen=True, slots=True)
class Line:
    """Words that share a baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def bbox(self) -> BBox:
        return union_bbox(w.bbox for w in self.words)

    @property
    def confidence(self) -> float:
        return min(w.confidence for w in self.words)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a value was read and how much to trust it.

    Born from the words a value was read from: the boxes are unioned per page
    and the confidence is the weakest word's.
    """

    regions: tuple[tuple[int, BBox], ...]
    confidence: float
    method: str

    @classmethod
    def from_words(cls, words: Iterable[Word], method: str) -> "Provenance":
        by_page: dict[int, list[BBox]] = {}
        confidences = []
        for word in words:
            by_page.setdefault(word.page, []).append(word.bbox)
            confidences.append(word.confidence)
        if not confidences:
            return cls(regions=(), confidence=0.0, method=method)
        regions = tuple((page, union_bbox(boxes)) for page, boxes in sorted(by_page.items()))
        return cls(regions=regions, confidence=min(confidences), method=method)

    @property
    def read_by_ocr(self) -> bool:
        """Whether a scan's reading went into the value: text-layer words are read with confidence 1.0."""
        return self.confidence < 1.0

    def merge(self, other: "Provenance", method: str | None = None) -> "Provenance":
        """Combine two provenances (for a value built from two places)."""
        by_page: dict[int, list[BBox]] = {}
        for page, box in self.regions + other.regions:
            by_page.setdefault(page, []).append(box)
        return Provenance(
            regions=tuple((p, union_bbox(b)) for p, b in sorted(by_page.items())),
            confidence=min(self.confidence, other.confidence),
            method=method or self.method,
        )


@dataclass(slots=True)
class Cell:
    """One table cell: its lines and its text, joined as the contract wants.

    `text` has wrapped lines and hyphenation joined, and each bullet item on
    a line of its own; `lines` keep the words for provenance.
    """

    lines: list[Line]
    text: str

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    def provenance(self, method: str) -> Provenance:
        return Provenance.from_words(self.words, method)


@dataclass(slots=True)
class Table:
    """A table, merged across pages, header row(s) kept apart from the body.

    `header` holds the column titles as read ("No.", "Hallazgo", ...);
    `rows` holds one list of cells per body row, one cell per column (an
    empty cell has no lines).  `anchor` is the offset in `Layout.text` where
    the table stands, so a field extractor can tell which section heading
    comes before it.
    """

    header: list[str]
    rows: list[list[Cell]]
    pages: list[int]
    anchor: int = 0
    method: str = ""
    regions: list[tuple[int, BBox]] = field(default_factory=list)
    """Where the table stands on each page it spans (header included)."""


@dataclass(slots=True)
class Layout:
    """The document with running headers/footers gone, text and tables apart.

    `text` is the body (everything outside tables) in reading order, one
    `Line` per text line, joined with newlines; `line_starts[i]` is the offset
    of `lines[i]` in `text`, which lets `words_in_span` map any span found in
    the text back to the words (and so to page, bbox and confidence).
    """

    pages: list[Page]
    lines: list[Line]
    tables: list[Table]
    text: str
    line_starts: list[int]
    removed_lines: list[Line] = field(default_factory=list)
    """Running headers, footers and page numbers taken out of the body."""

    def words_in_span(self, start: int, end: int) -> list[Word]:
        """Words whose characters overlap ``text[start:end]``."""
        import bisect

        found: list[Word] = []
        index = max(bisect.bisect_right(self.line_starts, start) - 1, 0)
        while index < len(self.lines) and self.line_starts[index] < end:
            line_start = self.line_starts[index]
            offset = line_start
            for word in self.lines[index].words:
                word_end = offset + len(word.text)
                if word_end > start and offset < end:
                    found.append(word)
                offset = word_end + 1
            index += 1
        return found

    def provenance(self, start: int, end: int, method: str) -> Provenance:
        return Provenance.from_words(self.words_in_span(start, end), method)
