"""Turn pages into a `Layout`: the stage between reading pages and finding fields.

Three steps, in this order:

1. **Running headers and footers out.**  The year motto at the top of every
   page, "Página 3 de 9", an address in the footer: lines near the top or
   the bottom edge whose text (digits aside) comes back at about the same
   height on most pages, plus bare page numbers there.  Nothing is matched
   by its wording, so a new motto each year needs no change.  The lines
   removed are kept in `Layout.removed_lines`.
2. **Tables found** on the cleaned pages (`extract.tables.find_tables`), so a
   page header never leaks into a cell and a table cut by a page break
   meets its continuation.
3. **The body**: every line outside the tables, page after page, in reading
   order.  Side-by-side blocks (signature columns) are read one column after
   the other; each table's `anchor` is the offset in the body where it
   stands, right after the heading that introduces it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.model import BBox, Layout, Line, Page, Table, Word, union_bbox
from extract.tables import find_tables
from extract.text import group_lines, split_at_gaps

# Running headers and footers live in the outer bands of the page.
_MARGIN_BAND = 0.15
# A line is running when it recurs on at least this share of the pages with
# text: a running header is on (nearly) every page, while a table's header
# line or a short word may come back at the same height on a couple.
_RECURRENCE = 0.6
# How far (share of page height) a running line may move between pages;
# scans are fed with a few millimetres of play.
_POSITION_PLAY = 0.03
# rapidfuzz ratio above which two lines are "the same" (OCR noise allowed).
_SAME_TEXT = 85.0
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:p[áa]g(?:ina|\.)?\s*)?\d{1,4}(?:\s*(?:de|/|of)\s*\d{1,4})?[-–—\s]*$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")

# Reading order: a white gutter this wide (points) with a block of text at
# least this share of the width on each side makes side-by-side columns.
_COLUMN_GUTTER = 10.0
_MIN_COLUMN_SHARE = 0.25
# Blocks further apart than this many line heights are read separately.
_BLOCK_GAP_LINES = 1.2


def build_layout(pages: list[Page]) -> Layout:
    """Headers/footers out, tables found, body lines in reading order."""
    page_lines = {page.number: group_lines(page.words) for page in pages}
    removed = _running_lines(pages, page_lines)
    removed_ids = {id(w) for line in removed for w in line.words}
    clean_pages = [
        Page(
            number=page.number,
            width=page.width,
            height=page.height,
            words=[w for w in page.words if id(w) not in removed_ids],
            rules=page.rules,
            origin=page.origin,
            rotation=page.rotation,
        )
        for page in pages
    ]
    tables = find_tables(clean_pages)
    lines, anchors = _body(clean_pages, tables)
    line_starts, offset = [], 0
    for line in lines:
        line_starts.append(offset)
        offset += len(line.text) + 1
    text = "\n".join(line.text for line in lines)
    for table, line_index in anchors:
        table.anchor = line_starts[line_index] if line_index < len(lines) else len(text)
    return Layout(
        pages=pages,
        lines=lines,
        tables=tables,
        text=text,
        line_starts=line_starts,
        removed_lines=removed,
    )


# --- running headers and footers --------------------------------------------


@dataclass(frozen=True, slots=True)
class _MarginLine:
    line: Line
    key: str
    position: float  # share of the page height, from the nearest edge


def _running_lines(pages: list[Page], page_lines: dict[int, list[Line]]) -> list[Line]:
    """Lines in the top/bottom bands that recur across pages, and bare page numbers."""
    candidates: dict[int, list[_MarginLine]] = {}
    for page in pages:
        candidates[page.number] = []
        for line in page_lines[page.number]:
            box = line.bbox
            if _in_margin(box, page) and not _inside_ruled_table(box, page):
                candidates[page.number].append(_MarginLine(line, _comparable(line.text), _edge_distance(box, page)))
    pages_with_text = sum(1 for page in pages if page.words)
    needed = max(2, math.ceil(_RECURRENCE * pages_with_text))
    removed: list[Line] = []
    for page in pages:
        margin_lines = candidates[page.number]
        recurring = [
            c for c in margin_lines
            if pages_with_text >= 2 and _recurrences(c, page.number, candidates) + 1 >= needed
        ]
        kept = [line for line in page_lines[page.number] if not any(line is c.line for c in recurring)]
        numbers = [
            c for c in margin_lines
            if c not in recurring and _PAGE_NUMBER.match(c.line.text) and _outermost(c, kept)
        ]
        removed += [c.line for c in recurring + numbers]
    return removed


def _outermost(candidate: _MarginLine, lines: list[Line]) -> bool:
    """Whether no other line stands between this one and its edge of the page.

    A bare number further in is an item number in a table, not the page's.
    """
    box = candidate.line.bbox
    if candidate.position >= 0:
        return not any(line.bbox[3] <= box[1] for line in lines)
    return not any(line.bbox[1] >= box[3] for line in lines)


def _comparable(text: str) -> str:
    """Text as compared across pages: page numbers and dates vary, the rest not."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _edge_distance(box: BBox, page: Page) -> float:
    """Signed distance from the nearest edge: positive from the top, negative from the bottom."""
    top, bottom = box[1], box[3]
    if top < page.height / 2:
        return top / page.height
    return -(page.height - bottom) / page.height


def _in_margin(box: BBox, page: Page) -> bool:
    return box[3] <= _MARGIN_BAND * page.height or box[1] >= (1 - _MARGIN_BAND) * page.height


def _inside_ruled_table(box: BBox, page: Page) -> bool:
    """A line crossed by a vertical rule that runs on into the page body is a table's.

    This keeps a table header row repeated at the top of each page, while a
    header drawn as a small table inside the margin band still counts as a
    running header.
    """
    top, bottom = box[1], box[3]
    band_top, band_bottom = _MARGIN_BAND * page.height, (1 - _MARGIN_BAND) * page.height
    return any(
        not rule.is_horizontal
        and rule.bbox[1] <= bottom
        and rule.bbox[3] >= top
        and (rule.bbox[3] > band_top and rule.bbox[1] < band_bottom)
        for rule in page.rules
    )


def _recurrences(candidate: _MarginLine, number: int, candidates: dict[int, list[_MarginLine]]) -> int:
    """On how many other pages the same line stands at about the same height."""
    count = 0
    for other_number, others in candidates.items():
        if other_number == number:
            continue
        if any(
            abs(other.position - candidate.position) <= _POSITION_PLAY
            and (other.key == candidate.key or fuzz.ratio(other.key, candidate.key) >= _SAME_TEXT)
            for other in others
        ):
            count += 1
    return count


# --- body in reading order ---------------------------------------------------


@dataclass(slots=True)
class _Block:
    """An item to put in reading order: a run of words on one line, or a table."""

    bbox: BBox
    words: list[Word] | None = None
    table: Table | None = None


def _body(pages: list[Page], tables: list[Table]) -> tuple[list[Line], list[tuple[Table, int]]]:
    """Body lines of all pages, and for each table the index of the line after it."""
    regions: dict[int, list[tuple[BBox, Table]]] = {}
    for table in tables:
        for page_number, box in table.regions:
            regions.setdefault(page_number, []).append((box, table))
    lines: list[Line] = []
    anchors: list[tuple[Table, int]] = []
    for page in pages:
        on_page = regions.get(page.number, [])
        words = [w for w in page.words if not any(_contains(box, w) for box, _ in on_page)]
        blocks = [
            _Block(union_bbox(w.bbox for w in run), words=run)
            for line in group_lines(words)
            for run in split_at_gaps(line.words, _COLUMN_GUTTER)
        ]
        # A table is anchored where it starts; its continuations only hide words.
        blocks += [
            _Block(box, table=table)
            for box, table in on_page
            if table.regions[0] == (page.number, box)
        ]
        for group in _reading_order(blocks):
            if group[0].table is not None:
                anchors.append((group[0].table, len(lines)))
            else:
                lines.extend(group_lines([w for block in group for w in block.words or []]))
    return lines, anchors


def _contains(box: BBox, word: Word) -> bool:
    x, y = (word.x0 + word.x1) / 2, word.middle_y
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _reading_order(blocks: list[_Block]) -> list[list[_Block]]:
    """Recursive XY-cut: bands top to bottom, side-by-side columns left to right.

    Returns groups to read one after the other; a group is either one table
    or text blocks of a single column, to be read line by line.
    """
    if not blocks:
        return []
    tables = [b for b in blocks if b.table is not None]
    if len(blocks) == 1 or (tables and len(blocks) == len(tables)):
        return [[b] for b in sorted(blocks, key=lambda b: b.bbox[1])]
    bands = _horizontal_bands(blocks)
    if len(bands) > 1:
        return [group for band in bands for group in _reading_order(band)]
    if tables:
        # A table beside text in one band: read it where its top stands.
        text = [b for b in blocks if b.table is None]
        groups = _reading_order(text) + [[t] for t in tables]
        return sorted(groups, key=lambda g: min(b.bbox[1] for b in g))
    columns = _vertical_split(blocks)
    if columns is not None:
        return [group for column in columns for group in _reading_order(column)]
    return [blocks]


def _horizontal_bands(blocks: list[_Block]) -> list[list[_Block]]:
    """Split where white runs across the whole width: a clear gap, or any gap at a table."""
    ordered = sorted(blocks, key=lambda b: b.bbox[1])
    heights = sorted(b.bbox[3] - b.bbox[1] for b in ordered if b.table is None)
    gap_needed = _BLOCK_GAP_LINES * (heights[len(heights) // 2] if heights else 10.0)
    bands: list[list[_Block]] = [[ordered[0]]]
    bottom = ordered[0].bbox[3]
    for block in ordered[1:]:
        gap = block.bbox[1] - bottom
        at_table = block.table is not None or any(b.table is not None for b in bands[-1])
        if gap > (-1.0 if at_table else gap_needed):
            bands.append([block])
        else:
            bands[-1].append(block)
        bottom = max(bottom, block.bbox[3])
    return bands


def _vertical_split(blocks: list[_Block]) -> list[list[_Block]] | None:
    """Split into left and right where a wide white gutter runs from top to bottom."""
    ordered = sorted(blocks, key=lambda b: b.bbox[0])
    left_edge = ordered[0].bbox[0]
    right_edge = max(b.bbox[2] for b in blocks)
    width = right_edge - left_edge
    best: tuple[float, int] | None = None
    reach = ordered[0].bbox[2]
    for index, block in enumerate(ordered[1:], start=1):
        gap = block.bbox[0] - reach
        if (
            gap >= _COLUMN_GUTTER
            and reach - left_edge >= _MIN_COLUMN_SHARE * width
            and right_edge - block.bbox[0] >= _MIN_COLUMN_SHARE * width
            and (best is None or gap > best[0])
        ):
            best = (gap, index)
        reach = max(reach, block.bbox[2])
    if best is None:
        return None
    return [ordered[: best[1]], ordered[best[1] :]]
