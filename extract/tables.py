"""Find the tables on the pages and read their cells: the pipeline's table stage.

`build_layout` calls `find_tables` on pages whose running headers and
footers are already gone, and keeps the words of the tables out of the body
text.  A convenio's tables (hallazgos, recomendaciones) come in three
dresses, and each is found its own way:

1. **Ruled grids.**  The page's `Rule`s go through pdfplumber's lattice
   algorithm (edges -> intersections -> cells -> tables), fed with plain edge
   dicts so that pdfminer never parses the page.  Rows and columns are the
   grid's; a merged cell (the "Fecha comprometida de cumplimiento:" label
   over two columns) belongs to the column it starts in.
2. **No vertical rules** (horizontal rules only, or none at all).  A header
   line of short titles in three or more columns, followed by a numbered
   row, gives the columns; the gutters of white between the titles, measured
   on the lines below, give the column edges.  Lines then belong to the
   table as long as they fit those columns.  A row starts where the first
   column has text (an item number, a date label) or where a horizontal rule
   crosses the table.
3. **Continuations.**  A table cut by a page break continues on the next
   page when nothing but the running header/footer stands between the two
   pieces and the columns line up (or the header row is repeated).  The
   pieces are merged; a repeated header row is dropped; a row cut by the
   page break (its number cell empty on the new page) is merged into the
   row it continues.

Cell text is joined by `extract.text.join_lines`: wrapped lines with a
space, split words mended, bullets and paragraphs on lines of their own.

Why not pdfplumber's or camelot's finder as they are
(``benchmarks/compare_table_finders.py``, 13 digital samples, 88 pages,
238 hallazgo/recomendación and activity cells, each finder's rows read the
same way and its cut rows merged for it; pages/s on one core, CPU time):

=================  ==============  =========
finder             cells right     pages/s
=================  ==============  =========
this module        238/238 (100%)  ~110-170
pdfplumber         152/238 (64%)   ~11-14
camelot lattice    152/238 (64%)   ~3
camelot network    72/238 (30%)    ~25
camelot stream     30/238 (13%)    ~30-40
=================  ==============  =========

(pages/s of this module include reading the PDF and the layout stage.)  On
500 more convenios drawn by the sample generator with other seeds (10,192
cells) and on the held-out split (166 cells, measured, never tuned on),
every cell is right as well.

On ruled grids pdfplumber and camelot's lattice read the cells as well as
we do (their few misses are hyphens at line ends), but a table drawn with
horizontal rules only, or with none, is lost to both, and neither merges a
table or a row across a page break.  Camelot's stream/network flavours find
rule-less tables but cut the genre's long justified cells into wrong rows
and columns.  pdfplumber's lattice steps are what we keep, fed with our own
rules, so a ruled page costs no pdfminer parse (~70 ms a page).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from statistics import median

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from rapidfuzz import fuzz

from extract.model import BBox, Cell, Line, Page, Rule, Table, Word, union_bbox
from extract.text import TextBlock, group_lines, join_lines, line_gaps, split_at_gaps, word_form


@dataclass(frozen=True, slots=True)
class TableSettings:
    """Every knob of the table finder, in PDF points unless said otherwise."""

    snap_tolerance: float = 3.0
    """Rules closer than this across their length are one line (pdfplumber's snap)."""
    join_tolerance: float = 3.0
    """Collinear pieces of a rule with a gap this small are joined."""
    intersection_tolerance: float = 3.0
    """How far a rule may stop short of the one it meets and still cross it."""
    min_rule_length: float = 8.0
    """Shorter rules (a letter's underline, a tick) cannot border a cell."""
    column_gutter: float = 6.0
    """Least white between two columns of a table without vertical rules."""
    max_title_words: int = 4
    """A column title longer than this is running text, not a header."""
    min_columns: int = 3
    """Least columns for a table found by its header (grids need two)."""
    max_header_lines: int = 3
    """A header wraps over at most this many lines."""
    edge_tolerance: float = 10.0
    """How far column edges may move between two pieces of one table."""
    header_similarity: float = 90.0
    """Score (0-100, rapidfuzz ratio) above which a row repeats the header."""
    column_titles: tuple[str, ...] = ("hallazgo", "recomendaci", "actividad", "accion", "fecha", "compromis", "aspecto")
    """Words (lower case, no accents) of the genre's column titles: a header one title short of
    `min_columns` (its number column's title lost in a scan) must have one of them in every title."""

    def __post_init__(self) -> None:
        for spec in fields(self):
            value = getattr(self, spec.name)
            if isinstance(value, tuple):
                continue
            if value < 0:
                raise ValueError(f"TableSettings.{spec.name} must not be negative (got {value})")
        if self.min_columns < 2:
            raise ValueError("TableSettings.min_columns must be at least 2")
        if self.max_header_lines < 1 or self.max_title_words < 1:
            raise ValueError("TableSettings.max_header_lines and max_title_words must be at least 1")
        if not 0 <= self.header_similarity <= 100:
            raise ValueError("TableSettings.header_similarity is a 0-100 score")


DEFAULT = TableSettings()

# An item number as the genre writes it: "1", "1.", "1)", "1.-", "H1", "ASM-1",
# and "1,", "1:" or "1;" as OCR reads a "1." a speck widened, "11 —" with a stroke beside it.
_ITEM_NUMBER = re.compile(r"^(?:[A-Za-zÁÉÍÓÚÑáéíóúñ]{1,6}[\s.-]?)?\d{1,3}(?:[.,:;)°º]|\.-|-)?(?:\s?[—–_|])?$")
# Column gutters are measured on this many lines under a header at most.
_GUTTER_SAMPLE_LINES = 15
# Runs of words starting this close (points) start at the same x; a column's
# start is one that at least this share of the most common start shares.
_SAME_START = 2.0
_COMMON_SHARE = 0.3
# How far (points) the wrapped part of a title may sit from the title's own
# left edge, right edge or centre.
_TITLE_ALIGNMENT = 3.0
# White (in line heights) between two lines that a table does not leave
# between its rows: what follows is the text after the table.
_TABLE_BREAK_LINES = 2.0
# A line of at least this many words whose spaces differ by no more than
# this (points) is justified prose.
_EVEN_LINE_WORDS = 5
_EVEN_SPACING = 0.5
# The outer column edges stand this many gutters beyond the text measured;
# a mark of at most this many letters further out is not text.
_OUTER_MARGIN = 3
_MARK_LETTERS = 3
# A neighbouring cell's line may sit this much (points) higher than the
# item number that opens its row.
_ROW_START_SLACK = 2.0


def is_item_number(text: str) -> bool:
    """Whether a cell's text is an item number ("1", "1.", "1)", "ASM-1")."""
    return bool(_ITEM_NUMBER.match(text.strip()))


@dataclass(slots=True)
class _Fragment:
    """The piece of a table that stands on one page, before pieces are merged.

    `edges` are the column edges, one more than the columns; `header` holds
    the title words per column when this piece was found by its header
    (a grid's first row is only known to be a header once pieces are
    merged); `rows` hold each row's words per column.
    """

    page: int
    bbox: BBox
    edges: list[float]
    rows: list[list[list[Word]]]
    method: str
    header: list[list[Word]] | None = None
    title: str = ""
    """The header's text as read, carried to the pieces that continue the table."""
    spans: list[list[float]] = field(default_factory=list)
    """Where the header's titles stand (tables found by their header)."""
    sample: list[Line] = field(default_factory=list)
    """The lines the column edges were measured on, for the next page to add to."""
    continued: bool = False
    """This piece was read as going on from the table at the foot of the page before."""

    @property
    def columns(self) -> int:
        return len(self.edges) - 1


def find_tables(pages: list[Page], settings: TableSettings = DEFAULT) -> list[Table]:
    """All tables of the document, continued tables merged into one."""
    fragments: list[_Fragment] = []
    loose_words: dict[int, list[Word]] = {}
    carried: _Fragment | None = None
    for page in pages:
        grids, rest = _ruled_fragments(page, settings)
        aligned, rest = _aligned_fragments(page, rest, grids, carried, settings)
        on_page = sorted(grids + aligned, key=lambda f: f.bbox[1])
        fragments.extend(on_page)
        loose_words[page.number] = rest
        last = on_page[-1] if on_page else None
        carried = last if last and not _words_below(rest, last.bbox[3]) else None
    vocabulary = _vocabulary(pages)
    return [
        _build_table(chain, vocabulary, settings)
        for chain in _chain_fragments(fragments, loose_words, settings)
        # A header found by alignment alone, whose rows never came, was a
        # line of prose with wide gaps; its words stay in the body.
        if chain[0].method == "rules" or any(f.rows for f in chain)
    ]


# --- ruled grids ------------------------------------------------------------


def _ruled_fragments(page: Page, settings: TableSettings) -> tuple[list[_Fragment], list[Word]]:
    """Grids drawn with rules; returns them and the words outside them."""
    edges = [_edge(rule) for rule in page.rules if _length(rule) >= settings.min_rule_length]
    if not any(e["orientation"] == "v" for e in edges):
        return [], list(page.words)
    edges = merge_edges(
        edges,
        snap_x_tolerance=settings.snap_tolerance,
        snap_y_tolerance=settings.snap_tolerance,
        join_x_tolerance=settings.join_tolerance,
        join_y_tolerance=settings.join_tolerance,
    )
    intersections = edges_to_intersections(
        edges, settings.intersection_tolerance, settings.intersection_tolerance
    )
    cell_groups = cells_to_tables(intersections_to_cells(intersections))
    fragments = []
    remaining = list(page.words)
    for cells in cell_groups:
        fragment, remaining = _grid_fragment(page.number, cells, remaining)
        if fragment is not None:
            fragments.append(fragment)
    return fragments, remaining


def _edge(rule: Rule) -> dict:
    """A rule as the edge dict pdfplumber's table functions work on."""
    x0, top, x1, bottom = rule.bbox
    if rule.is_horizontal:
        y = (top + bottom) / 2
        return {"x0": x0, "x1": x1, "top": y, "bottom": y, "doctop": y,
                "width": x1 - x0, "height": 0.0, "orientation": "h"}
    x = (x0 + x1) / 2
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "doctop": top,
            "width": 0.0, "height": bottom - top, "orientation": "v"}


def _length(rule: Rule) -> float:
    x0, top, x1, bottom = rule.bbox
    return max(x1 - x0, bottom - top)


def _grid_fragment(page: int, cells: list[BBox], words: list[Word]) -> tuple[_Fragment | None, list[Word]]:
    by_row: dict[float, list[BBox]] = {}
    for cell in cells:
        by_row.setdefault(cell[1], []).append(cell)
    tops = sorted(by_row)
    # The row cut into the most cells gives the columns; rows with merged
    # cells (a date label over two columns) have fewer.
    widest = max((sorted(by_row[top]) for top in tops), key=len)
    edges = [cell[0] for cell in widest] + [widest[-1][2]]
    if len(edges) < 3:
        return None, words  # a framed box, not a table
    bbox = union_bbox(cells)
    rows: list[list[list[Word]]] = [[[] for _ in widest] for _ in tops]
    # Each cell's slot: its row and the column its left edge falls in.
    slots = [
        (cell, tops.index(cell[1]), max(bisect.bisect_right(edges, cell[0] + 1.0) - 1, 0))
        for cell in cells
    ]
    outside: list[Word] = []
    for word in words:
        x, y = (word.x0 + word.x1) / 2, word.middle_y
        if not (bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]):
            outside.append(word)
            continue
        for cell, row, column in slots:
            if cell[0] <= x < cell[2] and cell[1] <= y < cell[3]:
                rows[row][min(column, len(widest) - 1)].append(word)
                break
    rows = [piece for row in rows if any(row) for piece in _split_undrawn_rows(_with_lost_border(row, edges))]
    if not rows:
        return None, words
    return _Fragment(page=page, bbox=bbox, edges=edges, rows=rows, method="rules"), outside


def _with_lost_border(row: list[list[Word]], edges: list[float]) -> list[list[Word]]:
    """An item row whose first cell runs over the next column's edge because a scan lost the border
    between them (its number and its text in one cell), its words put back in their columns.  Only
    where an item number stands alone left of that edge: a date label spans two columns by design.
    """
    first = row[0]
    inside = [w for w in first if (w.x0 + w.x1) / 2 < edges[1]]
    beyond = [w for w in first if (w.x0 + w.x1) / 2 >= edges[1]]
    if not inside or not beyond or not is_item_number(" ".join(w.text for w in inside)):
        return row
    split = [list(cell) for cell in row]
    split[0] = inside
    for word in beyond:
        split[_column_of((word.x0 + word.x1) / 2, edges)].append(word)
    return split


def _split_undrawn_rows(row: list[list[Word]]) -> list[list[list[Word]]]:
    """A grid row that holds several items (no rules drawn between rows), one row per item.

    A new row starts at an item number in the first column, and at the
    line after one (the date label under an item).
    """
    starts: list[float] = []
    previous: Line | None = None
    for line in group_lines(row[0]):
        if previous is not None and (is_item_number(line.text) or is_item_number(previous.text)):
            starts.append(line.bbox[1] - _ROW_START_SLACK)
        previous = line
    if not starts:
        return [row]
    pieces: list[list[list[Word]]] = [[[] for _ in row] for _ in range(len(starts) + 1)]
    for column, words in enumerate(row):
        for word in words:
            pieces[bisect.bisect_right(starts, word.top)][column].append(word)
    return [piece for piece in pieces if any(piece)]


# --- tables without vertical rules -------------------------------------------


@dataclass(slots=True)
class _Header:
    end: int  # index of the first line after the header
    edges: list[float]
    lines: list[Line]
    spans: list[list[float]]
    sample: list[Line]  # the lines the edges were measured on


def _aligned_fragments(
    page: Page,
    words: list[Word],
    grids: list[_Fragment],
    carried: _Fragment | None,
    settings: TableSettings,
) -> tuple[list[_Fragment], list[Word]]:
    """Tables found by a header line and the alignment of the text under it."""
    lines = group_lines(words)
    separators = [r for r in page.rules if r.is_horizontal and _length(r) >= settings.min_rule_length]
    fragments: list[_Fragment] = []
    claimed: set[int] = set()
    index = 0
    if carried is not None and carried.spans and not grids and lines:
        # The previous page ended inside a table: its columns may go on
        # here, header repeated or not.  The edges are measured again on
        # the lines of both pages: a table's last rows on a page may be too
        # few to show where its columns part.
        repeated = _header_at(lines, 0, settings)
        start = 0
        if not carried.rows:
            # A header alone at the foot of the page may go on here too
            # (a title's second line), before its first row.
            while start < len(lines) and _continues_titles(lines[start], carried.spans, settings):
                start += 1
        elif repeated is not None:
            # The header repeated, but perhaps read with the first piece of a
            # cut row as one more wrapped title: the lines that say the title best.
            start = max(range(1, repeated.end + 1), key=lambda end: _likeness(_text_of(lines[:end]), carried.title))
            if not _same_text(_text_of(lines[:start]), carried.title, settings):
                start = 0
        sample = carried.sample + _rows_below(lines, start, carried.spans, settings)
        edges = _edges_from_gutters(carried.spans, sample, settings)
        header = _Header(start, edges, lines[:start], carried.spans, sample)
        # After a header left alone at the foot of the page, the rows must
        # start with the first item; otherwise any text may go on.
        fragment, index = _grow(page.number, lines, header, separators, settings, numbered=not carried.rows)
        if fragment is not None:
            fragment.method, fragment.title, fragment.continued = carried.method, carried.title, True
            if not carried.rows:
                carried.edges = edges
            fragments.append(fragment)
    while index < len(lines):
        fragment = None
        header = _header_at(lines, index, settings)
        if header is not None:
            # A first title such as "No." or "Núm." vouches for the header
            # as well as a numbered first row would (whose number a scan may lose).
            numbered = not _NUMBER_TITLE.match(_header_title(header, 0))
            fragment, end = _grow(page.number, lines, header, separators, settings, numbered=numbered)
        else:
            fragment, end = _headerless_at(page.number, lines, index, separators, settings)
        if fragment is None:
            index += 1
            continue
        fragments.append(fragment)
        index = end
    for fragment in fragments:
        claimed.update(id(w) for row in fragment.rows for cell in row for w in cell)
        claimed.update(id(w) for cell in fragment.header or [] for w in cell)
    return fragments, [w for w in words if id(w) not in claimed]


def _header_at(lines: list[Line], index: int, settings: TableSettings) -> _Header | None:
    """The header that starts at `lines[index]`, if that line looks like one.

    A header is a line of at least `min_columns` short titles set apart by
    wide white gaps, possibly wrapped over a line or two more.
    """
    titles = _titles(lines[index], settings)
    # One title fewer may do, where the rows show the number column whose title the scan lost.
    if titles is None or len(titles) < settings.min_columns - 1 or _is_number_cell(titles[0]):
        return None  # a row of short cells starts with its item number
    first_spans = [(run[0].x0, run[-1].x1) for run in titles]
    spans = [list(span) for span in first_spans]
    end = index + 1
    while end < len(lines) and end - index < settings.max_header_lines:
        more = _titles(lines[end], settings)
        if more is not None:
            more = [run for run in more if not _mark_in_the_margin(run, first_spans, settings)] or None
        if more is None or _is_number_cell(more[0]):
            break  # not short titles: the first row
        if lines[end].bbox[1] - lines[end - 1].bbox[3] > lines[end - 1].bbox[3] - lines[end - 1].bbox[1]:
            break  # too far below to be the same header
        # A title wraps under itself: each piece is aligned with one title
        # (left, right or centre).  A row's first line is not, even with
        # short cells.
        aligned = [_aligned_title(run, first_spans) for run in more]
        if None in aligned:
            break
        for run, column in zip(more, aligned):
            spans[column][0] = min(spans[column][0], run[0].x0)
            spans[column][1] = max(spans[column][1], run[-1].x1)
        end += 1
    sample = _rows_below(lines, end, spans, settings)
    one_short = len(spans) < settings.min_columns
    if one_short and not all(_names_a_column(_header_title_text(lines[index:end], span), settings) for span in spans):
        return None
    number_span = _untitled_number_column(spans, sample, settings, unread_enough=one_short)
    if number_span is not None:
        spans = [number_span] + spans
    if len(spans) < settings.min_columns:
        return None
    edges = _edges_from_gutters(spans, sample, settings)
    return _Header(end=end, edges=edges, lines=lines[index:end], spans=spans, sample=sample)


def _mark_in_the_margin(run: list[Word], spans: list[tuple[float, float]], settings: TableSettings) -> bool:
    """Whether OCR words beside the header, clear of its titles, are an initial or a speck in the margin ("0)")."""
    clear = settings.column_gutter * _OUTER_MARGIN
    return (
        all(w.origin == "ocr" for w in run)
        and sum(ch.isalnum() for w in run for ch in w.text) <= _MARK_LETTERS
        and (run[-1].x1 < spans[0][0] - clear or run[0].x0 > spans[-1][1] + clear)
    )


def _header_title_text(lines: list[Line], span: list[float]) -> str:
    """The words of header lines under one title's span."""
    return " ".join(w.text for line in lines for w in line.words if span[0] <= (w.x0 + w.x1) / 2 <= span[1])


def _names_a_column(title: str, settings: TableSettings) -> bool:
    folded = "".join(ch for ch in unicodedata.normalize("NFD", title.lower()) if unicodedata.category(ch) != "Mn")
    return any(word in folded for word in settings.column_titles)


def _untitled_number_column(
    spans: list[list[float]], below: list[Line], settings: TableSettings, unread_enough: bool = False
) -> list[float] | None:
    """The span of a column of item numbers left of every title, if the rows have one.

    A scan can lose a short title ("#", "No.") in a shaded header; the rows
    still show its column: numbers opening lines, set apart from the text
    after them, left of every title.  One number read as such must show
    it, or, with `unread_enough`, one that OCR could not read ("E" for "1.").
    """
    numbers = []
    for line in below:
        runs = split_at_gaps(line.words, settings.column_gutter)
        if len(runs) > 1 and (_is_number_cell(runs[0]) or is_unread_number(runs[0])):
            numbers.append(runs[0])
    read = [run for run in numbers if _is_number_cell(run)]
    if not (read or (numbers and unread_enough)):
        return None
    # Where numbers were read, they alone give the column: a short word read unsure at
    # the start of a row's text ("Se") looks like a number OCR could not read.
    numbers = read or numbers
    right = max(run[-1].x1 for run in numbers)
    if right >= spans[0][0]:
        return None
    return [min(run[0].x0 for run in numbers), right]


# The title of an item-number column.
_NUMBER_TITLE = re.compile(r"^(?:n[uú]m(?:ero)?|no|n[°º])\.?$", re.IGNORECASE)


def _header_title(header: _Header, column: int) -> str:
    """The text of one title of a header, from the words under its span."""
    return _header_title_text(header.lines, header.spans[column])


def _headerless_at(
    page: int, lines: list[Line], index: int, separators: list[Rule], settings: TableSettings
) -> tuple[_Fragment | None, int]:
    """A table whose header is missing (a scan that lost it), from its numbered rows.

    The first row's cells stand in for the titles.  Without a header to
    vouch for it, the table must hold at least two numbered rows.
    """
    cells = _cell_runs(lines[index], settings)
    if len(cells) < settings.min_columns or not _is_number_cell(cells[0]):
        return None, index
    spans = [[run[0].x0, run[-1].x1] for run in cells]
    sample = _rows_below(lines, index, spans, settings)
    header = _Header(index, _edges_from_gutters(spans, sample, settings), [], spans, sample)
    fragment, end = _grow(page, lines, header, separators, settings, numbered=True)
    if fragment is None or sum(_is_number_cell(row[0]) for row in fragment.rows) < 2:
        return None, index
    fragment.header = [[] for _ in range(fragment.columns)]
    return fragment, end


def _continues_titles(line: Line, spans: list[list[float]], settings: TableSettings) -> bool:
    """Whether a line is more of a header's titles: short pieces, each set under a title."""
    runs = _titles(line, settings)
    return (
        runs is not None
        and not _is_number_cell(runs[0])
        and all(_aligned_title(run, [(a, b) for a, b in spans]) is not None for run in runs)
    )


def _aligned_title(run: list[Word], spans: list[tuple[float, float]]) -> int | None:
    """Which title a run of words continues, if it is set like one (same left, right or centre)."""
    x0, x1 = run[0].x0, run[-1].x1
    for column, (left, right) in enumerate(spans):
        if x0 < right and x1 > left and min(
            abs(x0 - left), abs(x1 - right), abs((x0 + x1) / 2 - (left + right) / 2)
        ) <= _TITLE_ALIGNMENT:
            return column
    return None


def _rows_below(lines: list[Line], start: int, spans: list[list[float]], settings: TableSettings) -> list[Line]:
    """The table lines under a header, to measure its gutters on.

    A line with a run of words across two titles is either prose after the
    table (nothing follows the run: stop there) or a label over two cells
    with a date after it (skip it); either way its word spaces would pass
    for gutters.
    """
    rows = []
    window = lines[start : start + _GUTTER_SAMPLE_LINES]
    typical_height = median(line.bbox[3] - line.bbox[1] for line in window) if window else 0.0
    for index in range(start, min(start + _GUTTER_SAMPLE_LINES, len(lines))):
        line = lines[index]
        if index > start and _far_below(lines[index - 1], line, typical_height):
            break  # white before it: text after the table
        runs = split_at_gaps(line.words, settings.column_gutter)
        across = [i for i, run in enumerate(runs) if sum(run[0].x0 < s[1] and run[-1].x1 > s[0] for s in spans) > 1]
        if not across:
            rows.append(line)
        elif across[-1] == len(runs) - 1:
            break
    return rows


def _far_below(above: Line, line: Line, typical_height: float = 0.0) -> bool:
    """More white between the two lines than a table puts between its rows.

    Measured in the upper line's height, or the `typical_height` of the
    lines around if that is more: a scan may box the last piece of a label
    wrapped in a narrow column ("miso" of "compromiso") short.
    """
    height = max(above.bbox[3] - above.bbox[1], typical_height)
    return line.bbox[1] - above.bbox[3] > _TABLE_BREAK_LINES * height


def _titles(line: Line, settings: TableSettings) -> list[list[Word]] | None:
    runs = split_at_gaps(line.words, settings.column_gutter)
    if any(len(run) > settings.max_title_words for run in runs):
        return None
    return runs


def _edges_from_gutters(spans: list[list[float]], below: list[Line], settings: TableSettings) -> list[float]:
    """Column edges: between two titles, in the white before the next column's text.

    Titles are often centred, so the edge is not halfway between them: the
    text underneath starts further left, and its lines start at one x.
    """
    runs = [run for line in below for run in _cell_runs(line, settings)]
    # The outer edges: a little beyond the titles and the text under them,
    # so that a note or an initial in the margin stays out of the table.
    words = [w for line in below for w in line.words]
    margin = _OUTER_MARGIN * settings.column_gutter
    leftmost = _text_reach(sorted(words, key=lambda w: w.x0), lambda w: w.x0, margin)
    edges = [min([spans[0][0]] + leftmost) - margin]
    for left, right in zip(spans, spans[1:]):
        # Text under a title starts at its left, or (centred and shorter
        # than the title) between its left and its centre.
        low, high = left[1], (right[0] + right[1]) / 2
        start = _common_start([run[0].x0 for run in runs if low < run[0].x0 <= high], below, settings)
        if start is not None:
            # Halfway across the white, from where the text on the left ends
            # (a centred date a little longer than the others starts early),
            # but a gutter's width from the start at least: a few lines may
            # not show how far the text on the left can run.
            text_end = max(
                (w.x1 for line in below for w in line.words if w.x1 <= start - settings.column_gutter),
                default=start - settings.column_gutter,
            )
            edges.append(max((max(text_end, low) + start) / 2, start - settings.column_gutter))
        else:
            edges.append(_whitest(low, right[0] + 1.0, below))
    rightmost = _text_reach(sorted(words, key=lambda w: -w.x1), lambda w: w.x1, margin)
    edges.append(max([spans[-1][1]] + rightmost) + margin)
    return edges


def _text_reach(words: list[Word], edge, clearance: float) -> list[float]:
    """How far out the text goes (words sorted outermost first), as a one-item list.

    A mark of a few letters standing well clear of everything else (an
    initial in the margin, an OCR speck) is no text.
    """
    for word, following in zip(words, words[1:]):
        if len(word.text) > _MARK_LETTERS or abs(edge(word) - edge(following)) <= clearance:
            return [edge(word)]
    return [edge(w) for w in words[-1:]]


def _cell_runs(line: Line, settings: TableSettings) -> list[list[Word]]:
    """The line cut where one cell's text ends and the next one's starts.

    A wide gap is not enough: a justified cell stretches all its spaces
    alike, so a gap as wide as the one before or after it is a word space.
    """
    words = line.words
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    runs = [[words[0]]]
    for index, gap in enumerate(gaps):
        neighbours = gaps[max(index - 1, 0) : index] + gaps[index + 1 : index + 2]
        justified = any(abs(gap - other) <= _EVEN_SPACING for other in neighbours)
        if gap >= settings.column_gutter and not justified:
            runs.append([])
        runs[-1].append(words[index + 1])
    return runs


def _common_start(starts: list[float], below: list[Line], settings: TableSettings) -> float | None:
    """The leftmost x at which several runs of words start with white to their left.

    That is a column's left edge.  A bullet's hanging indent makes a second
    start further right, and a justified line may put a word at any x; the
    white gutter to the left tells the column's own start from those.
    """
    clusters: list[list[float]] = []
    for x in sorted(starts):
        if clusters and x - clusters[-1][-1] <= _SAME_START:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    most = max((len(c) for c in clusters), default=0)
    # Under a header with a single row of one line, once is all there is.
    least = min(2, len(below))
    for cluster in clusters:
        x = cluster[0]
        if len(cluster) >= max(least, _COMMON_SHARE * most) and not any(
            x - settings.column_gutter < word.x1 and word.x0 < x - 0.5 for line in below for word in line.words
        ):
            return x
    return None


def _whitest(low: float, high: float, below: list[Line]) -> float:
    """Middle of the widest strip between low and high that the fewest words cover."""
    start, stop = int(low), int(high) + 1
    if stop - start < 2:
        return (low + high) / 2
    coverage = [0] * (stop - start)
    for line in below:
        for word in line.words:
            lo, hi = max(int(word.x0) - start, 0), min(int(word.x1) + 1 - start, stop - start)
            for x in range(lo, hi):
                coverage[x] += 1
    least = min(coverage)
    best_start, best_length, run_start = 0, 0, None
    for position, value in enumerate(coverage + [least + 1]):
        if value == least and run_start is None:
            run_start = position
        elif value != least and run_start is not None:
            if position - run_start > best_length:
                best_start, best_length = run_start, position - run_start
            run_start = None
    return start + best_start + best_length / 2


# A clause's heading ("CLÁUSULA QUINTA.", "SEXTA. DE LA VIGENCIA.", "QUINTA.- CUMPLIMIENTO."): no table row opens so.
_CLAUSE_HEADING = re.compile(
    r"^(?:CL[AÁ]USULA\s|(?:PRIMERA|SEGUNDA|TERCERA|CUARTA|QUINTA|SEXTA|S[EÉ]PTIMA|OCTAVA|NOVENA|D[EÉ]CIMA)\w*\.-?\s)"
)


# How far down a first row whose number the scan lost the next row is looked for.
_FIRST_ROW_MAX_LINES = 12


def _second_row_follows(lines: list[Line], index: int, edges: list[float], settings: TableSettings) -> bool:
    """Whether the line at `index` opens a first row whose number the scan lost: with no text in the
    number column, text in the others, and the next text in the number column a "2"."""
    placed = _place(lines[index], edges, settings)
    if placed is None or placed[0] or not any(placed[1:]):
        return False
    for line in lines[index + 1 : index + 1 + _FIRST_ROW_MAX_LINES]:
        placed = _place(line, edges, settings)
        if placed is None:
            return False
        if placed[0]:
            number = " ".join(w.text for w in placed[0])
            return is_item_number(number) and re.search(r"\d+", number).group() == "2"
    return False


def _grow(
    page: int,
    lines: list[Line],
    header: _Header,
    separators: list[Rule],
    settings: TableSettings,
    numbered: bool,
) -> tuple[_Fragment | None, int]:
    """Take the lines under `header` as long as they fit its columns.

    With ``numbered`` the first row must open with an item number, which is
    what tells a real header from a justified line with wide gaps.
    """
    edges = header.edges
    columns = len(edges) - 1
    rows: list[list[list[Word]]] = []
    used: list[Line] = list(header.lines)
    previous: list[list[Word]] | None = None
    index = header.end
    while index < len(lines):
        line = lines[index]
        placed = _place(line, edges, settings)
        if placed is None:
            break
        if not any(placed):
            index += 1  # a note in the margin beside the table
            continue
        first = " ".join(w.text for w in placed[0])
        # Far below the line above, and below the table's usual line height too (a scan may box a line short).
        if (
            used
            and used[-1].page == line.page
            and _far_below(used[-1], line)
            and _far_below(used[-1], line, median(u.bbox[3] - u.bbox[1] for u in used))
            and not is_item_number(first)
        ):
            break  # white before it, and no item starts there: text after the table
        if rows and _CLAUSE_HEADING.match(line.text):
            break  # the next clause, right under the table's last row
        if not rows and numbered and not (
            is_item_number(first) or is_unread_number(placed[0]) or _second_row_follows(lines, index, edges, settings)
        ):
            return None, header.end
        ruled = previous is not None and _rule_between(used[-1], line, edges, separators)
        starts_row = (
            not rows
            or ruled
            or (
                placed[0]
                and (is_item_number(first) or not previous[0] or _is_number_cell(previous[0]) or is_unread_number(previous[0]))
            )
            # A number OCR could not read ("F" for "7") under a whole label ("Fecha compromiso:").
            or (is_unread_number(placed[0]) and " ".join(w.text for w in previous[0]).endswith(":"))
        )
        if starts_row:
            rows.append([[] for _ in range(columns)])
        for column, cell_words in enumerate(placed):
            rows[-1][column].extend(cell_words)
        previous = placed
        used.append(Line(tuple(sorted((w for ws in placed for w in ws), key=lambda w: w.x0))))
        index += 1
    if not rows and not (header.lines and index == len(lines)):
        # No rows: not a table, unless the header is the last thing on the
        # page and its rows are on the next one.
        return None, header.end
    header_words = None
    if header.lines:
        header_words = [[] for _ in range(columns)]
        for line in header.lines:
            for word in line.words:
                middle = (word.x0 + word.x1) / 2
                if edges[0] <= middle <= edges[-1]:  # not a mark in the margin beside it
                    header_words[_column_of(middle, edges)].append(word)
    method = "horizontal-rules" if any(_rule_crosses(r, edges, used) for r in separators) else "header-alignment"
    fragment = _Fragment(
        page=page,
        bbox=union_bbox(line.bbox for line in used),
        edges=edges,
        rows=rows,
        method=method,
        header=header_words,
        title=_text_of(header.lines),
        spans=header.spans,
        sample=header.sample,
    )
    return fragment, index


def _place(line: Line, edges: list[float], settings: TableSettings) -> list[list[Word]] | None:
    """The line's words per column, or None when the line does not fit the columns.

    Words closer than a gutter are one cell's text (a run).  A run that
    reaches over a column edge is one of two things.  After other text on
    the line and mostly past the edge, it is the next cell's text begun a
    little early (a centred date longer than the others).  Otherwise it is
    a label over empty cells (a merged "Fecha comprometida de cumplimiento:"
    cell), and then some text must follow in a later column; a heading or
    a paragraph line after the table runs over the edges with nothing after.
    """
    placed: list[list[Word]] = [[] for _ in range(len(edges) - 1)]
    reach = -1
    column = 0
    # Placed by boxes as wide as their letters; the words keep the boxes they were read with.
    placing = _as_wide_as_their_letters(line.words)
    as_read = {id(box): word for box, word in zip(placing, line.words)}
    inside = [w for w in placing if edges[0] <= (w.x0 + w.x1) / 2 <= edges[-1]]
    # A scan's marks ("—" read from a stroke, a bullet) go to the column they stand in
    # without joining the text either side of them into one run over the edge.
    text = []
    for word in inside:
        if word.origin == "ocr" and not any(ch.isalnum() for ch in word.text):
            placed[_column_of((word.x0 + word.x1) / 2, edges)].append(as_read[id(word)])
        else:
            text.append(word)
    inside = text
    for index, run in enumerate(split_at_gaps(inside, settings.column_gutter)):
        x0, x1 = run[0].x0, run[-1].x1
        column = _column_of(x0 + 1.0, edges)
        right_column = _column_of(x1 - 1.0, edges)
        if right_column > column and index > 0 and x1 - edges[column + 1] > edges[column + 1] - x0:
            column += 1
        if right_column > column:
            reach = max(reach, right_column)
        placed[column].extend(as_read[id(w)] for w in run)
    if reach >= 0 and column <= reach:
        return None
    if placed[0] and placed[-1] and _evenly_spaced(line):
        return None  # one justified line of prose from the first column to the last
    return placed


# An OCR'd word boxed this many times wider than its letters need has a mark
# beside it read into it ("de." boxed over the next cell's bullet, 28 pt wide
# where "de" takes 9): it is placed as wide as its letters, from its left.
_OVERWIDE_WORD = 2.0
_LETTER_SAMPLE_MIN = 3


def _as_wide_as_their_letters(words: tuple[Word, ...] | list[Word]) -> list[Word]:
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= _LETTER_SAMPLE_MIN]
    if not widths or all(w.origin != "ocr" for w in words):
        return list(words)
    per_letter = median(widths)
    return [
        replace(w, bbox=(w.x0, w.top, w.x0 + per_letter * len(w.text), w.bottom))
        if w.origin == "ocr" and w.x1 - w.x0 > _OVERWIDE_WORD * per_letter * len(w.text)
        else w
        for w in words
    ]


def _evenly_spaced(line: Line) -> bool:
    """Whether all the line's word spaces are one width, as justification makes them.

    A table row's line from the first cell to the last has the item number,
    each cell's own spaces (each justified its own way) and the gutters
    between them, never all alike.
    """
    if len(line.words) < _EVEN_LINE_WORDS:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
    return max(gaps) - min(gaps) <= _EVEN_SPACING


def _column_of(x: float, edges: list[float]) -> int:
    return min(max(bisect.bisect_right(edges, x) - 1, 0), len(edges) - 2)


def _is_number_cell(words: list[Word]) -> bool:
    return is_item_number(" ".join(w.text for w in words))


# What OCR makes of an item number it cannot read: a letter or two, read
# unsure ("L" or "A" for the "1." of the first row; "E" at 0.93 where clean
# print reads at 0.96-0.97).
_UNREAD_NUMBER_LETTERS = 2
_UNREAD_NUMBER_CONFIDENCE = 0.95


def is_unread_number(words: list[Word]) -> bool:
    """Whether a number cell's words are what OCR made of a number it could not read."""
    return (
        len(words) == 1
        and words[0].origin == "ocr"
        and words[0].confidence < _UNREAD_NUMBER_CONFIDENCE
        and 0 < len(words[0].text.strip(".,)")) <= _UNREAD_NUMBER_LETTERS
        and not any(ch.isdigit() for ch in words[0].text)
    )


def _rule_between(above: Line, below: Line, edges: list[float], rules: list[Rule]) -> bool:
    top, bottom = above.bbox[3] - 1.0, below.bbox[1] + 1.0
    return any(
        top <= (r.bbox[1] + r.bbox[3]) / 2 <= bottom and _spans_inner_edges(r, edges) for r in rules
    )


def _rule_crosses(rule: Rule, edges: list[float], lines: list[Line]) -> bool:
    top, bottom = lines[0].bbox[1], lines[-1].bbox[3]
    return top <= rule.bbox[1] <= bottom and _spans_inner_edges(rule, edges)


def _spans_inner_edges(rule: Rule, edges: list[float]) -> bool:
    return rule.bbox[0] <= edges[1] and rule.bbox[2] >= edges[-2]


# --- merging pieces across pages --------------------------------------------


def _words_below(words: list[Word], y: float) -> bool:
    return any(w.top > y for w in words)


def _edges_match(a: list[float], b: list[float], settings: TableSettings) -> bool:
    """Same columns: as many, with inner edges in the same places."""
    if len(a) != len(b):
        return False
    return all(abs(x - y) <= settings.edge_tolerance for x, y in zip(a[1:-1], b[1:-1]))


def _chain_fragments(
    fragments: list[_Fragment], loose_words: dict[int, list[Word]], settings: TableSettings
) -> list[list[_Fragment]]:
    """Group pieces that are one table continued over page breaks."""
    chains: list[list[_Fragment]] = []
    for index, fragment in enumerate(fragments):
        previous = fragments[index - 1] if index else None
        if previous is not None and chains and _continues(previous, fragment, loose_words, settings):
            chains[-1].append(fragment)
        else:
            chains.append([fragment])
    return chains


def _continues(
    previous: _Fragment, fragment: _Fragment, loose_words: dict[int, list[Word]], settings: TableSettings
) -> bool:
    """Whether `fragment` goes on with the table of `previous`, at the foot of the page before."""
    if fragment.page != previous.page + 1:
        return False
    if fragment.continued:
        return True  # read as the rest of the previous table, with its columns
    # Nothing but the running header/footer (already gone) may stand between.
    if _words_below(loose_words.get(previous.page, []), previous.bbox[3]):
        return False
    if any(w.bottom < fragment.bbox[1] for w in loose_words.get(fragment.page, [])):
        return False
    if _edges_match(previous.edges, fragment.edges, settings):
        return True
    if _columns_among(previous.edges, fragment.edges, settings) is not None:
        return True
    return fragment.columns == previous.columns and fragment.header is not None


def _columns_among(edges: list[float], fewer: list[float], settings: TableSettings) -> list[int] | None:
    """The column of `edges` each column of `fewer` starts in, when every edge of `fewer` is one of `edges`.

    A row of merged cells alone on its page ("Fecha compromiso:" over two
    columns, then its date) draws a grid with fewer columns than the table
    it goes on.
    """
    tolerance = settings.edge_tolerance
    if len(fewer) >= len(edges) or abs(fewer[0] - edges[0]) > tolerance or abs(fewer[-1] - edges[-1]) > tolerance:
        return None
    starts = []
    for edge in fewer[:-1]:
        column = min(range(len(edges) - 1), key=lambda i: abs(edges[i] - edge))
        if abs(edges[column] - edge) > tolerance:
            return None
        starts.append(column)
    return starts


def _build_table(chain: list[_Fragment], vocabulary: frozenset[str], settings: TableSettings) -> Table:
    first = chain[0]
    header_words = first.header
    rows = list(first.rows)
    if header_words is None and _is_numbered_row(rows[0], settings):
        header_words = [[] for _ in rows[0]]  # a grid without header row, or whose shaded header the scan lost
    elif header_words is None:
        header_words, rows = rows[0], rows[1:]
    if not rows:
        # The header itself went on over the page break (a title's second line).
        for fragment in chain[1:2]:
            if fragment.header is not None:
                header_words = [a + b for a, b in zip(header_words, fragment.header)]
    right_edges = _right_edges(chain)
    line_gap = _usual_line_gap(chain)

    def header_text() -> list[str]:
        return [_cell(words, right_edges[i], line_gap, vocabulary).text for i, words in enumerate(header_words)]

    header = header_text()
    for fragment in chain[1:]:
        more = list(fragment.rows)
        starts = _columns_among(first.edges, fragment.edges, settings)
        if starts is not None:
            more = [_spread(row, starts, first.columns) for row in more]
        if fragment.header is None and more and _repeats_header(more[0], header, settings):
            more = more[1:]
        if more and not rows and _goes_on(more[0][0]) and _continues_header(header_words, more[0], settings):
            # The header row itself was cut by the page break: a title's last words open the next page.
            header_words = [a + b for a, b in zip(header_words, more[0])]
            header = header_text()
            more = more[1:]
        if more and rows and _goes_on(more[0][0]):
            # A row cut by the page break: its number cell stays on the page
            # before, or the label there goes on in lower case.
            rows[-1] = [a + b for a, b in zip(rows[-1], more[0])]
            more = more[1:]
        rows.extend(more)
    return Table(
        header=header,
        rows=[[_cell(words, right_edges[i], line_gap, vocabulary) for i, words in enumerate(row)] for row in rows],
        pages=sorted({f.page for f in chain}),
        method=first.method,
        regions=[(f.page, f.bbox) for f in chain],
    )


def _spread(row: list[list[Word]], starts: list[int], columns: int) -> list[list[Word]]:
    """A row of merged cells as a row of the table's columns, each cell in the column it starts in."""
    spread: list[list[Word]] = [[] for _ in range(columns)]
    for cell, column in zip(row, starts):
        spread[column] = cell
    return spread


def _goes_on(first_cell: list[Word]) -> bool:
    """Whether a row's first cell says it is the rest of a row cut by a page break."""
    if not first_cell:
        return True
    # In reading order: on a scan the box of a later word may stand higher.
    first = group_lines(first_cell)[0].words[0].text
    return first[:1].islower()


def _is_numbered_row(row: list[list[Word]], settings: TableSettings) -> bool:
    """Whether a grid's first row is an item, not titles: a number, then text longer than a title."""
    number = " ".join(w.text for w in row[0])
    return is_item_number(number) and any(len(cell) > settings.max_title_words for cell in row[1:])


def _continues_header(header: list[list[Word]], row: list[list[Word]], settings: TableSettings) -> bool:
    """Whether a row is the rest of the header's titles: each title stays a title's length."""
    return any(row) and all(len(title) + len(more) <= settings.max_title_words for title, more in zip(header, row))


def _repeats_header(row: list[list[Word]], header: list[str], settings: TableSettings) -> bool:
    """Whether a row says what the header says (Word's "repeat header row")."""
    text = " ".join(w.text for words in row for line in group_lines(words) for w in line.words)
    return _same_text(text, " ".join(header), settings)


def _same_text(a: str, b: str, settings: TableSettings) -> bool:
    """Equal but for case, spacing and the odd misread letter."""
    return bool(a.strip()) and _likeness(a, b) >= settings.header_similarity


def _likeness(a: str, b: str) -> float:
    return fuzz.ratio(" ".join(a.lower().split()), " ".join(b.lower().split()))


def _text_of(lines: list[Line]) -> str:
    return " ".join(line.text for line in lines)


def _right_edges(chain: list[_Fragment]) -> list[float]:
    """Where text ends in each column at the furthest: its lines wrap there.

    Words of a label that runs over the next column are left out, or the
    column would look wider than it is.
    """
    columns = chain[0].columns
    ends: list[list[float]] = [[] for _ in range(columns)]
    for fragment in chain:
        if fragment.columns != columns:
            continue  # a row of merged cells alone on its page: no column's width
        for row in fragment.rows:
            for column, words in enumerate(row[:columns]):
                limit = fragment.edges[column + 1] + 1.0
                ends[column] += [w.x1 for w in words if w.x1 <= limit]
    return [max(ends[column], default=chain[0].edges[column + 1]) for column in range(columns)]


def _usual_line_gap(chain: list[_Fragment]) -> float:
    """The white between two wrapped lines of a cell, as most cells of the table have it."""
    gaps = [
        gap
        for fragment in chain
        for row in fragment.rows
        for words in row
        for gap in line_gaps(group_lines(words))
    ]
    return median(gaps) if gaps else 0.0


def _cell(words: list[Word], right_edge: float, line_gap: float, vocabulary: frozenset[str]) -> Cell:
    lines = group_lines(words)
    return Cell(lines=lines, text=join_lines(TextBlock(lines, right_edge, line_gap), vocabulary))


def _vocabulary(pages: list[Page]) -> frozenset[str]:
    """Every word the document writes in one piece, lower-cased, as `join_lines` wants it."""
    return frozenset(
        bare for page in pages for word in page.words if (bare := word_form(word.text))
    )
