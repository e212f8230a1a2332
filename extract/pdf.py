"""Read a PDF's text layer and ruling lines into `Page`s: the pipeline's first stage.

Everything is read with PDFium (pypdfium2), which is an order of magnitude
faster than pdfminer's page parse: words come from the text page (one bulk
text call, then three calls a word, not one per character) and
ruling lines from the page's path objects.  PDFium objects never leave this
module; what comes out is the project's page model in PDF points with a
top-left origin, turned the way the page's text reads (a page turned for
display, or drawn sideways, still comes out upright; a page without text
comes out as displayed).

A page without a text layer (a scan) comes back with no words; the OCR stage
fills it.  Every failure to read is turned into one of the project's errors:
`InputError` (not a PDF at all), `EncryptedPdfError` (password needed) or
`CorruptPdfError` (damaged beyond what a qpdf repair can rescue).
"""

from __future__ import annotations

import ctypes
import io
import itertools
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.errors import CorruptPdfError, EncryptedPdfError, InputError
from extract.model import BBox, Page, Rule, Word
from extract.text import fix_glyphs

# A PDF may have junk before its header; readers accept it within the first
# kilobyte, and so do we.
_HEADER_WINDOW = 1024
# PDFium marks a hyphen that ends a line as U+0002 (U+FFFE in bulk text) and
# glues the two halves of the word into one token; we cut it there again.
_LINE_END_HYPHENS = "\x02\ufffe"
_TOKEN = re.compile(r"[^\s\x00]+")
# Words long enough to show which way the text runs, and how many to ask.
_LONG_TOKEN = re.compile(r"[^\s\x00]{4,}")
_DIRECTION_SAMPLE = 60
_QPDF_STREAM_NAME = re.compile(r"^stream <[^>]*>:\s*")
_HAS_HYPHEN_MARKER = re.compile(f"[{_LINE_END_HYPHENS}]")

# A word's box spans this much of its font size above and below the baseline
# (a typical Latin font's ascender and descender).
_ASCENT, _DESCENT = 0.8, 0.2
# A filled path thinner than this (points) is a drawn line, not a shape.
_MAX_RULE_THICKNESS = 3.0
# Shorter segments are glyph-like ornaments (bullets, tick marks), not rules.
_MIN_RULE_LENGTH = 3.0
# Slant (points) still counted as horizontal / vertical.
_AXIS_TOLERANCE = 1.0
# Paths with more segments are drawings (logos, seals, signatures): reading
# them costs time and yields no table rules.
_MAX_PATH_SEGMENTS = 400
# Near-white ink does not show on paper: Word draws "no border" that way.
_INVISIBLE_LEVEL = 240

Source = Path | str | bytes

_UNREADABLE = "the PDF is damaged: it cannot be read even after a qpdf repair; get a fresh copy of the file"


def read_pages(source: Source) -> list[Page]:
    """Read every page's words and ruling lines.

    Raises `InputError`, `EncryptedPdfError` or `CorruptPdfError`.
    """
    data, label = _load_bytes(source)
    try:
        return _read_document(data)
    except pdfium.PdfiumError:
        # Why PDFium failed is not told here: it reports the last error of
        # the process, which may belong to another file.  qpdf says why.
        repaired = _repair(data, label)
    try:
        return _read_document(repaired)
    except pdfium.PdfiumError:
        raise CorruptPdfError(_UNREADABLE, path=label) from None


def page_count(source: Source) -> int:
    """Number of pages, without reading them."""
    data, label = _load_bytes(source)
    try:
        with _opened(data) as document:
            return len(document)
    except pdfium.PdfiumError:
        repaired = _repair(data, label)
    try:
        with _opened(repaired) as document:
            return len(document)
    except pdfium.PdfiumError:
        raise CorruptPdfError(_UNREADABLE, path=label) from None


# --- opening ----------------------------------------------------------------


def _load_bytes(source: Source) -> tuple[bytes, str | None]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, label = bytes(source), None
    else:
        path = Path(source)
        label = str(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise InputError("file not found; check the path", path=label) from None
        except IsADirectoryError:
            raise InputError("this is a directory, not a PDF file", path=label) from None
        except OSError as error:
            raise InputError(f"cannot read the file ({error.strerror})", path=label) from None
    if not data:
        raise InputError("the file is empty (0 bytes); re-download or re-export it", path=label)
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise InputError(
            "not a PDF: no '%PDF-' header at the start of the file "
            f"(it starts with {data[:8]!r})",
            path=label,
        )
    return data, label


@contextmanager
def _opened(data: bytes) -> Iterator[pdfium.PdfDocument]:
    document = pdfium.PdfDocument(data)
    try:
        if len(document) == 0:
            raise pdfium.PdfiumError("the document has no pages")
        yield document
    finally:
        document.close()


def _read_document(data: bytes) -> list[Page]:
    with _opened(data) as document:
        return [_read_page(document, index) for index in range(len(document))]


def _repair(data: bytes, label: str | None) -> bytes:
    """Let qpdf rebuild the cross-reference table and object streams."""
    try:
        with pikepdf.open(io.BytesIO(data)) as damaged:
            if len(damaged.pages) == 0:
                raise CorruptPdfError(
                    "the PDF has no pages (damaged, or saved empty); get a fresh copy of the file", path=label
                )
            repaired = io.BytesIO()
            damaged.save(repaired)
            return repaired.getvalue()
    except pikepdf.PasswordError:
        raise EncryptedPdfError(
            "the PDF is password-protected; ask for an unprotected copy "
            "or remove the password (e.g. qpdf --decrypt) first",
            path=label,
        ) from None
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        # qpdf names the in-memory stream it read ("stream <_io.BytesIO ...>:"), which says nothing.
        reason = _QPDF_STREAM_NAME.sub("", str(error))
        raise CorruptPdfError(
            f"the PDF is damaged (truncated or corrupted) and qpdf cannot repair it ({reason}); "
            "get a fresh copy of the file",
            path=label,
        ) from None


# --- one page ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PageSpace:
    """Maps PDF user space (bottom-left origin) to the displayed page (top-left origin)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        across, down = x - self.left, self.top - y
        if self.rotation == 90:
            return self.top - self.bottom - down, across
        if self.rotation == 180:
            return self.right - self.left - across, self.top - self.bottom - down
        if self.rotation == 270:
            return down, self.right - self.left - across
        return across, down

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        if self.rotation == 0:
            return (left - self.left, self.top - top, right - self.left, self.top - bottom)
        x_a, y_a = self.point(left, bottom)
        x_b, y_b = self.point(right, top)
        return (min(x_a, x_b), min(y_a, y_b), max(x_a, x_b), max(y_a, y_b))


def _read_page(document: pdfium.PdfDocument, index: int) -> Page:
    page = document[index]
    try:
        left, bottom, right, top = page.get_cropbox()
        number = index + 1
        textpage = page.get_textpage()
        try:
            reading = _Reading(textpage)
            # Read the page the way its text runs, whatever /Rotate says: a
            # page turned for display (or drawn sideways and turned back)
            # still reads upright.  Without text, as it is displayed.
            rotation = reading.rotation() if reading.count else page.get_rotation() % 360
            space = _PageSpace(left, bottom, right, top, rotation)
            words = reading.words(space, number)
        finally:
            textpage.close()
        rules = _read_rules(page, space, number)
    finally:
        page.close()
    width, height = space.size
    words = [w for w in words if _on_page(w.bbox, width, height)]
    return Page(number=number, width=width, height=height, words=words, rules=rules)


def _on_page(box: BBox, width: float, height: float) -> bool:
    """Text drawn off the visible page (cropped away) is not part of the document."""
    x_mid, y_mid = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return 0 <= x_mid <= width and 0 <= y_mid <= height


# --- words ------------------------------------------------------------------


class _Reading:
    """The text page's characters as words, in the direction the text runs.

    Three PDFium calls a word (where it ends, its first character's baseline
    origin and font size), not one per character.  A word's box spans the
    font's body around the baseline, so every line of one font is equally
    tall and the white between lines measures spacing, not descenders.
    """

    def __init__(self, textpage: pdfium.PdfTextPage):
        self.raw = textpage.raw
        self.count = max(pdfium_c.FPDFText_CountChars(self.raw), 0)
        self.text = _page_text(textpage, self.count) if self.count else ""
        self._rect = pdfium_c.FS_RECTF()
        self._x, self._y = ctypes.c_double(), ctypes.c_double()

    def rotation(self) -> int:
        """Clockwise turn (0, 90, 180, 270) that makes most words run left to right."""
        votes = {0: 0, 90: 0, 180: 0, 270: 0}
        for match in itertools.islice(_LONG_TOKEN.finditer(self.text), _DIRECTION_SAMPLE):
            start_x, start_y = self._origin(match.start())
            end_x, end_y = self._origin(match.end() - 1)
            dx, dy = end_x - start_x, end_y - start_y
            if abs(dx) >= abs(dy):
                votes[0 if dx > 0 else 180] += 1
            else:
                votes[90 if dy > 0 else 270] += 1
        return max(votes, key=lambda turn: (votes[turn], turn == 0))

    def words(self, space: _PageSpace, number: int) -> list[Word]:
        words: list[Word] = []
        for match in _TOKEN.finditer(self.text):
            token = match.group()
            pieces = [match.span()]
            if _HAS_HYPHEN_MARKER.search(token):
                pieces = _split_at_line_end_hyphens(match.start(), match.end(), self.text, self._box)
            for start, end in pieces:
                piece = token if (start, end) == match.span() else self.text[start:end]
                for marker in _LINE_END_HYPHENS:
                    piece = piece.replace(marker, "-")
                words.append(Word(fix_glyphs(piece), self._word_box(start, end, space), number))
        return words

    def _word_box(self, start: int, end: int, space: _PageSpace) -> BBox:
        last = self._box(end - 1)
        size = pdfium_c.FPDFText_GetFontSize(self.raw, start)
        if size <= 0 or not pdfium_c.FPDFText_GetCharOrigin(self.raw, start, self._x, self._y):
            first = self._box(start)  # a font without metrics: plain character boxes
            return space.box(min(first[0], last[0]), min(first[1], last[1]), max(first[2], last[2]), max(first[3], last[3]))
        x, y = self._x.value, self._y.value
        above, below = _ASCENT * size, _DESCENT * size
        # The word runs from the first character's origin to the far side of
        # the last one, along the reading direction; across it, the font's
        # body stands on the baseline, its top towards the page's "up".
        if space.rotation == 0:
            return space.box(x, y - below, last[2], y + above)
        if space.rotation == 180:
            return space.box(last[0], y - above, x, y + below)
        if space.rotation == 90:
            return space.box(x - above, y, x + below, last[3])
        return space.box(x - below, last[1], x + above, y)

    def _box(self, index: int) -> tuple[float, float, float, float]:
        pdfium_c.FPDFText_GetLooseCharBox(self.raw, index, self._rect)
        return self._rect.left, self._rect.bottom, self._rect.right, self._rect.top

    def _origin(self, index: int) -> tuple[float, float]:
        pdfium_c.FPDFText_GetCharOrigin(self.raw, index, self._x, self._y)
        return self._x.value, self._y.value


def _page_text(textpage: pdfium.PdfTextPage, count: int) -> str:
    """The page's characters, one per PDFium char index."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage.raw, 0, count, buffer)
    text = bytes(memoryview(buffer)[: max(written - 1, 0)].cast("B")).decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    # Characters outside the BMP take two UTF-16 units and shift the bulk
    # text against the char indices; read one code point per index instead.
    return "".join(
        chr(code) if 0 < code < 0x110000 else " "
        for code in (pdfium_c.FPDFText_GetUnicode(textpage.raw, i) for i in range(count))
    )


def _split_at_line_end_hyphens(start, end, text, char_box):
    """Cut a token where PDFium glued the two halves of a hyphenated word."""
    pieces = []
    piece_start = start
    for index in range(start, end - 1):
        if text[index] in _LINE_END_HYPHENS:
            hyphen, following = char_box(index), char_box(index + 1)
            following_middle = (following[1] + following[3]) / 2
            if not hyphen[1] <= following_middle <= hyphen[3]:
                pieces.append((piece_start, index + 1))
                piece_start = index + 1
    pieces.append((piece_start, end))
    return pieces


# --- rules ------------------------------------------------------------------


def _read_rules(page: pdfium.PdfPage, space: _PageSpace, number: int) -> list[Rule]:
    rules: list[Rule] = []
    reader = _RuleReader(space, number, rules)
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        reader.visit(pdfium_c.FPDFPage_GetObject(page.raw, index), _IDENTITY)
    return rules


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner, outer):
    """Matrix of ``inner`` applied inside ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


class _RuleReader:
    """Turns path objects (also inside form XObjects) into horizontal/vertical `Rule`s."""

    def __init__(self, space: _PageSpace, number: int, out: list[Rule]):
        self.space = space
        self.number = number
        self.out = out
        self._matrix = pdfium_c.FS_MATRIX()
        self._x, self._y = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._width = ctypes.c_float()
        self._rgba = [ctypes.c_uint() for _ in range(4)]

    def visit(self, obj, outer) -> None:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrix = _compose(self._object_matrix(obj), outer)
            for index in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                self.visit(pdfium_c.FPDFFormObj_GetObject(obj, index), matrix)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            self._read_path(obj, outer)

    def _object_matrix(self, obj):
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, self._matrix):
            return _IDENTITY
        m = self._matrix
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _visible(self, getter, obj) -> bool:
        r, g, b, a = self._rgba
        if not getter(obj, r, g, b, a):
            return True
        if a.value == 0:
            return False
        return min(r.value, g.value, b.value) < _INVISIBLE_LEVEL

    def _read_path(self, obj, outer) -> None:
        segment_count = pdfium_c.FPDFPath_CountSegments(obj)
        if segment_count < 2 or segment_count > _MAX_PATH_SEGMENTS:
            return
        if not pdfium_c.FPDFPath_GetDrawMode(obj, self._fill, self._stroke):
            return
        filled = self._fill.value != pdfium_c.FPDF_FILLMODE_NONE and self._visible(
            pdfium_c.FPDFPageObj_GetFillColor, obj
        )
        stroked = bool(self._stroke.value) and self._visible(
            pdfium_c.FPDFPageObj_GetStrokeColor, obj
        )
        if not (filled or stroked):
            return
        matrix = _compose(self._object_matrix(obj), outer)
        points = self._points(obj, segment_count, matrix)
        if points is None:
            return
        if filled:
            self._add_thin_fill(points)
        if stroked:
            pdfium_c.FPDFPageObj_GetStrokeWidth(obj, self._width)
            scale = math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2])) or 1.0
            self._add_strokes(points, max(self._width.value * scale, 0.1))

    def _points(self, obj, segment_count, matrix):
        """Device points of a path made of straight lines; None if it has curves.

        Each point comes with whether it starts a new subpath.
        """
        a, b, c, d, e, f = matrix
        points = []
        subpath_start = None
        for index in range(segment_count):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                return None
            pdfium_c.FPDFPathSegment_GetPoint(segment, self._x, self._y)
            x, y = self._x.value, self._y.value
            point = (a * x + c * y + e, b * x + d * y + f)
            starts = kind == pdfium_c.FPDF_SEGMENT_MOVETO
            if starts:
                subpath_start = point
            points.append((point, starts))
            if pdfium_c.FPDFPathSegment_GetClose(segment) and subpath_start is not None:
                points.append((subpath_start, False))
        return points

    def _add_thin_fill(self, points) -> None:
        xs = [p[0] for p, _ in points]
        ys = [p[1] for p, _ in points]
        left, right, bottom, top = min(xs), max(xs), min(ys), max(ys)
        thin = min(right - left, top - bottom) <= _MAX_RULE_THICKNESS
        if thin and max(right - left, top - bottom) >= _MIN_RULE_LENGTH:
            self.out.append(Rule(self.space.box(left, bottom, right, top), self.number))

    def _add_strokes(self, points, width: float) -> None:
        half = width / 2
        for (start, _), (end, starts_new) in zip(points, points[1:]):
            if starts_new:
                continue
            (x0, y0), (x1, y1) = start, end
            if abs(y1 - y0) <= _AXIS_TOLERANCE and abs(x1 - x0) >= _MIN_RULE_LENGTH:
                y = (y0 + y1) / 2
                box = self.space.box(min(x0, x1), y - half, max(x0, x1), y + half)
            elif abs(x1 - x0) <= _AXIS_TOLERANCE and abs(y1 - y0) >= _MIN_RULE_LENGTH:
                x = (x0 + x1) / 2
                box = self.space.box(x - half, min(y0, y1), x + half, max(y0, y1))
            else:
                continue
            self.out.append(Rule(box, self.number))
