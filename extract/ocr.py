"""OCR stage: pages without a usable text layer are read from their image.

    read_pages -> **ocr_pages** -> build_layout -> ...

`ocr_pages` takes the reader's pages, asks `triage.needs_ocr` which ones
have no usable text, renders only those (`raster.inked_page_image`; a
blank one is seen on a thumbnail and not read at all) a batch at a time
(`_PAGES_PER_RUN`: each step below runs Tesseract once for the whole
batch, so the language model is loaded once a batch), and puts in
their place a `Page` of the same shape as the text layer's: words with tight
boxes in PDF points (top-left origin), confidence 0..1, origin "ocr", and the
table borders found in the image as `Rule`s, so the table finder and the
layout stage work on scans unchanged.  Each page image goes through:

1. **orientation** -- read it as it comes; if the reading is poor (mean
   confidence under `_WELL_READ`) or runs down the page (a page on its
   side, which Tesseract may read that way), read it turned the likely way
   and keep the best reading.  The likely way comes from the order the
   words were read in (down the page), or else from whether the page's
   columns show sharper lines of ink than its rows (`lies_sideways`) and
   from Tesseract's OSD.  An upside-down page reads at about 0.46 against
   0.95 upright, so upright pages (nearly all) never pay for this.
2. **deskew** -- the skew angle (up to `_MAX_SKEW` degrees) that makes the
   text rows' ink profile sharpest is measured (`estimate_skew`) and the
   page image is turned back by it; then shaded areas (grey header cells)
   are lifted to the paper's shade.
3. **rules** -- long thin runs of ink, horizontal and vertical, found by
   morphological opening, become `Rule`s; the vertical ones are then erased
   from the image, so Tesseract neither reads a border as "|" nor joins
   words across it.
4. **words** -- the engine reads level-5 words with their boxes; signature
   and seal debris is dropped (`_keep`) and OCR confusions repaired
   (`ocr_repair`).
5. **second look** -- text-sized ink that no word covers and that stands
   alone on the paper (a row label like "H-4" or a row number that the
   layout analysis dropped) is read again, piece by piece, as plain lines
   (`second_look`).  On the scanned samples it gave back the lost labels
   of nine table rows (hallazgos F1 0.895 -> 0.972).

Coordinates.  A turned page is described as read: its `width`/`height` are
those of the upright page (swapped for 90 and 270) and `rotation` says how
many degrees clockwise it was turned.  Boxes are in the deskewed upright
image, i.e. the page as it would be had it been scanned straight, turned
about its centre with its size kept; one pixel is ``width / image width``
points.

Engine.  Measured on the scanned samples (the seed's twin: 9 pages, 200 dpi
JPEG; the dev scans: 40 pages, 200-300 dpi, one page fed sideways) on this
2-core machine, one page at a time, rendered at 300 dpi:

* OCRmyPDF 17 (``--deskew --rotate-pages --clean -l spa``, then reading its
  text layer back with our reader): 7.1 s a page against 3.7 s for this
  stage in the same run; word recall 98.4 % on the seed (this stage 98.6 %)
  but 80.2 % on the scan with a sideways page (this stage 98.3 %); and it
  hands back a rewritten PDF whose text layer must be read again, with no
  word confidence.
* pytesseract ``image_to_data``: it saves each image as PNG for the CLI,
  which alone costs ~1 s for an 8-megapixel page (3.6 s vs 2.4 s).
* tesserocr (in-process API): its wheel bundles its own Tesseract 5.5.4,
  which here ran 3.1 s a page against 2.4 s for Debian's 5.3.0 build.
* Debian's ``tesseract`` on an uncompressed BMP file written for it (8 ms),
  TSV on stdout, ``OMP_THREAD_LIMIT=1`` (OpenMP on 2 cores made one page
  take 13 s): 2.3-2.4 s a page.  This is `TesseractEngine`; a run that
  hangs can be killed.  Each run loads the language model (~0.06 s of CPU),
  so a batch of pages is read in one run, from a file listing their images
  (the same words as one run a page, measured on the scanned samples).
  Feeding the image on stdin instead cost Tesseract ~0.25 s more CPU a page
  (it reads stdin a character at a time).

`benchmarks/bench_ocr.py` measures this stage against bare ``tesseract``
on the same page images: over the 49 scanned sample pages, 1.26x the CPU
seconds of bare Tesseract run once a page (1.74 s against 1.38 s a page;
1.31x against bare Tesseract given each document's pages in one run), and
99.2 % of the digital twins' words found against 96.5 %.  The second look
and the names read again cost ~0.15 s a page (half of it Tesseract reading
the pieces) and took field F1 on the scanned samples from 0.93 to 0.99.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from extract.errors import OcrError
from extract.model import Page, Rule, Word
from extract.ocr_repair import BULLET_LOOKALIKES, is_month, repair_words
from extract.raster import DEFAULT_DPI, inked_page_image, open_document
from extract.triage import needs_ocr

PixelBox = tuple[int, int, int, int]
"""``(x0, top, x1, bottom)`` in pixels of the image given to the engine."""


@dataclass(frozen=True, slots=True)
class OcrWord:
    """One word as an engine read it: the engine-neutral result type."""

    text: str
    box: PixelBox
    confidence: float
    """0..1, whatever scale the engine uses."""


class OcrEngine(Protocol):
    """What the OCR stage needs from an engine."""

    name: str
    version: str

    def recognize(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        """Words of each grey image (uint8, 0 black), in reading order; all read in one engine run."""

    def recognize_lines(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        """Words of each image of lines of text set one under another, read without layout analysis."""

    def detect_rotation(self, pixels: np.ndarray, dpi: float) -> int | None:
        """Clockwise degrees (0, 90, 180, 270) that turn the image upright; None if unsure."""


class NullEngine:
    """Reads nothing: pages still get their size, rotation 0 and ruling lines.

    For runs that must not spend time on OCR, and as the stand-in in tests.
    """

    name = "none"
    version = "0"

    def recognize(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        return [[] for _ in images]

    def recognize_lines(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        return [[] for _ in images]

    def detect_rotation(self, pixels: np.ndarray, dpi: float) -> int | None:
        return None


_INSTALL_HINT = "install it with `apt-get install tesseract-ocr tesseract-ocr-spa` (or run scripts/bootstrap.sh)"
# Tesseract's full layout analysis (mode 3).  It drops short labels standing
# alone in the first column of a borderless table ("H-4", "H-6", "H-8" of
# nine rows), which merges table rows downstream; `second_look` reads them.
# Mode 4 ("a single column of text of variable sizes") keeps them, but on
# the scanned samples it traded that table's five lost hallazgos for four
# lost on another document.
_PAGE_SEGMENTATION = "3"
# A uniform block of text: what `read_crops` hands over is lines set one
# under another, with nothing to analyse.
_LINES_SEGMENTATION = "6"
# Tesseract's OSD is as good at half of 300 dpi and three times faster there.
_OSD_DPI = 150
_ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
_ORIENTATION_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)
# OSD's own confidence under which its answer is noise; the answer is checked
# anyway by reading the page both ways, so the bar is low.
_MIN_OSD_CONFIDENCE = 1.0


class TesseractEngine:
    """Tesseract 5 through its command line, one process per batch of images (see the module docstring)."""

    name = "tesseract"

    def __init__(self, language: str = "spa", executable: str = "tesseract", timeout_seconds: float = 180.0):
        self.language = language
        self.executable = executable
        self.timeout_seconds = timeout_seconds
        # OpenMP threads fight each other (and a parallel batch) on small
        # machines: one thread is several times faster on 2 cores.
        self._environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        banner = self._run(["--version"], "report its version")
        self.version = banner.split()[1] if banner.startswith("tesseract ") else banner.strip()
        listed = self._run(["--list-langs"], "list its languages").split()
        missing = [lang for lang in (language, "osd") if lang not in listed]
        if missing:
            raise OcrError(f"Tesseract has no '{', '.join(missing)}' language data; {_INSTALL_HINT}")

    def recognize(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        return self._words(images, dpi, _PAGE_SEGMENTATION, "read the page")

    def recognize_lines(self, images: list[np.ndarray], dpi: float) -> list[list[OcrWord]]:
        return self._words(images, dpi, _LINES_SEGMENTATION, "read lines")

    def _words(self, images: list[np.ndarray], dpi: float, segmentation: str, doing: str) -> list[list[OcrWord]]:
        if not images:
            return []
        arguments = ["-l", self.language, "--psm", segmentation, "--dpi", str(round(dpi)), "tsv"]
        return _parse_tsv(self._run_on_images(images, arguments, doing), len(images))

    def detect_rotation(self, pixels: np.ndarray, dpi: float) -> int | None:
        if dpi > _OSD_DPI * 1.5:
            factor = _OSD_DPI / dpi
            pixels = cv2.resize(pixels, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
            dpi = _OSD_DPI
        try:
            report = self._run_on_images(
                [pixels], ["--psm", "0", "-l", "osd", "--dpi", str(round(dpi))], "detect the page's orientation"
            )
        except OcrError:  # "Too few characters": a blank or drawing-only page has no orientation
            return None
        rotate, confidence = _ROTATE.search(report), _ORIENTATION_CONFIDENCE.search(report)
        if not rotate or not confidence or float(confidence.group(1)) < _MIN_OSD_CONFIDENCE:
            return None
        return int(rotate.group(1)) % 360

    def _run_on_images(self, images: list[np.ndarray], arguments: list[str], doing: str) -> str:
        """Tesseract on the images, written as uncompressed BMP files and named in a list file it reads them from
        (one image is given as is).  Its TSV numbers the images' rows 1, 2, ... in its page_num column."""
        with tempfile.TemporaryDirectory(prefix="convenios-ocr-") as folder:
            paths = [Path(folder) / f"image{index}.bmp" for index in range(len(images))]
            for path, pixels in zip(paths, images):
                Image.fromarray(np.ascontiguousarray(pixels, dtype=np.uint8)).save(path, format="BMP")
            source = paths[0]
            if len(paths) > 1:
                source = Path(folder) / "images.txt"
                source.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            return self._run([str(source), "stdout", *arguments], doing, timeout=self.timeout_seconds * len(images))

    def _run(self, arguments: list[str], doing: str, timeout: float | None = None) -> str:
        timeout = timeout or self.timeout_seconds
        try:
            done = subprocess.run(
                [self.executable, *arguments],
                capture_output=True,
                env=self._environment,
                timeout=timeout,
                check=False,
            )
        except FileNotFoundError:
            raise OcrError(f"Tesseract is not installed (no '{self.executable}' on PATH); {_INSTALL_HINT}") from None
        except subprocess.TimeoutExpired:
            raise OcrError(f"Tesseract took over {timeout:.0f} s to {doing} and was stopped") from None
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
            raise OcrError(f"Tesseract failed to {doing} (exit {done.returncode}: {detail[0]})")
        # --version prints to stdout in 5.x but to stderr in older builds.
        return (done.stdout or done.stderr).decode("utf-8", "replace")


def _parse_tsv(tsv: str, images: int = 1) -> list[list[OcrWord]]:
    """Words of each image from the level-5 (word) rows of Tesseract's TSV:
    level page block par line word left top width height conf text.

    Tesseract sometimes boxes a word from where an earlier word of its line
    starts ("CARBAJAL" boxed over "MARÍA CARBAJAL"), which would put it out
    of order: each line's boxes are cut back between their neighbours.
    """
    lines: dict[tuple[str, ...], list[OcrWord]] = {}  # keyed by (page, block, paragraph, line)
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue
        left, top, width, height = (int(v) for v in fields[6:10])
        lines.setdefault(tuple(fields[1:5]), []).append(
            OcrWord(
                text=fields[11].strip(),
                box=(left, top, left + width, top + height),
                confidence=max(0.0, min(float(fields[10]) / 100, 1.0)),
            )
        )
    words: list[list[OcrWord]] = [[] for _ in range(images)]
    for (image, *_), line in lines.items():
        words[int(image) - 1] += _within_neighbours(line)
    return words


# --- the stage ----------------------------------------------------------------

# A page with less ink than this on its thumbnail (blank, a scanned blank
# with dust, a lone page number) is not worth reading: it comes back empty.
# Measured on the scanned samples: text and signature pages 3-22 %, an
# annex page of pale photographs 3.3 %, blank pages 0.
_BLANK_INK_SHARE = 0.002
# Pages read together: in one Tesseract run for the pages and one for all
# their pieces read again.  Each run loads the language model anew (~0.06 s
# of CPU, a twentieth of reading a page); the batch's images are held at
# once (reading the seed's 9-page scan peaks at 247 MiB, 143 MiB a page at
# a time).
_PAGES_PER_RUN = 8


def ocr_pages(
    source: Path | str | bytes,
    pages: list[Page],
    engine: OcrEngine | None = None,
    dpi: float = DEFAULT_DPI,
) -> list[Page]:
    """The pages with every page that `needs_ocr` replaced by its OCR reading.

    Only those pages are rendered, `_PAGES_PER_RUN` at a time; the others
    come back as they were.  Raises `OcrError` (Tesseract missing or
    failing, page too large).
    """
    todo = [page for page in pages if needs_ocr(page)]
    if not todo:
        return list(pages)
    engine = engine or TesseractEngine()
    label = None if isinstance(source, (bytes, bytearray)) else str(source)
    read: dict[int, Page] = {}
    with open_document(source) as document:
        for start in range(0, len(todo), _PAGES_PER_RUN):
            batch = todo[start : start + _PAGES_PER_RUN]
            try:
                inked: list[tuple[np.ndarray, Page]] = []
                for page in batch:
                    image = inked_page_image(document, page.number, _BLANK_INK_SHARE, dpi)
                    if image is None:
                        read[page.number] = Page(page.number, page.width, page.height, origin="ocr")
                    else:
                        inked.append((image.pixels, page))
                for page in ocr_images([pixels for pixels, _ in inked], [page for _, page in inked], engine):
                    read[page.number] = page
            except OcrError as error:
                raise OcrError(_naming_the_pages(error.message, batch), path=label) from None
    return [read.get(page.number, page) for page in pages]


def _naming_the_pages(message: str, batch: list[Page]) -> str:
    if re.search(r"\bpages? \d", message):
        return message
    numbers = ", ".join(str(page.number) for page in batch)
    return f"{'page' if len(batch) == 1 else 'pages'} {numbers}: {message}"


def ocr_images(images: list[np.ndarray], pages: list[Page], engine: OcrEngine) -> list[Page]:
    """Each page image (grey uint8) read as the page it shows: a `Page` with that page's number and size in points.

    Images of one resolution are read together (see `_PAGES_PER_RUN`).
    """
    dpis = [pixels.shape[1] / page.width * 72 for pixels, page in zip(images, pages)]
    readings: dict[int, Reading] = {}
    for dpi in dict.fromkeys(dpis):
        alike = [index for index, other in enumerate(dpis) if other == dpi]
        readings.update(zip(alike, _read_upright([images[index] for index in alike], dpi, engine)))
    return [_as_page(readings[index], page) for index, page in enumerate(pages)]


def _as_page(reading: Reading, page: Page) -> Page:
    width, height = (page.height, page.width) if reading.rotation in (90, 270) else (page.width, page.height)
    image_height, image_width = reading.image.shape
    x_scale, y_scale = width / image_width, height / image_height

    def to_points(box: PixelBox) -> tuple[float, float, float, float]:
        x0, top, x1, bottom = box
        return (x0 * x_scale, top * y_scale, x1 * x_scale, bottom * y_scale)

    words = [
        Word(text=w.text, bbox=to_points(w.box), page=page.number, confidence=round(w.confidence, 3), origin="ocr")
        for w in reading.words
    ]
    rules = [Rule(bbox=to_points(box), page=page.number) for box in reading.rules]
    return Page(
        number=page.number,
        width=width,
        height=height,
        words=repair_words(words),
        rules=rules,
        origin="ocr",
        rotation=reading.rotation,
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """A page image as read: the image the engine was given, the words it read there and the rules found on it."""

    image: np.ndarray
    """The page turned upright, deskewed, cleaned, its vertical rules erased."""
    words: list[OcrWord]
    rules: list[PixelBox]
    rotation: int = 0
    """Clockwise degrees the page image was turned to stand upright."""

    @property
    def score(self) -> float:
        """Mean word confidence, weighted by length, so a page of fragments scores low."""
        sizes = [len(w.text) for w in self.words]
        return sum(w.confidence * n for w, n in zip(self.words, sizes)) / sum(sizes) if sizes else 0.0

    @property
    def level(self) -> bool:
        """Whether the words lie along the page's rows (not read down its columns)."""
        long_words = [w.box for w in self.words if len(w.text) >= 3]
        if not long_words:
            return True
        wide = sum(1 for x0, top, x1, bottom in long_words if x1 - x0 >= bottom - top)
        return wide / len(long_words) >= _MIN_LEVEL_SHARE

    @property
    def rank(self) -> tuple[bool, float]:
        return (self.level, self.score)


# --- orientation --------------------------------------------------------------

# A reading whose words average this confidence (weighted by length) is
# upright: measured 0.95 for upright pages of the scanned seed, 0.46 for the
# same page upside down.
_WELL_READ = 0.70
# A reading of tall, narrow words is a page read down its columns (Tesseract
# does that on some sideways pages, with full confidence): a reading is only
# upright if most of its words are wider than tall.
_MIN_LEVEL_SHARE = 0.5


def _read_upright(images: list[np.ndarray], dpi: float, engine: OcrEngine) -> list[Reading]:
    """The pages read the right way up, then looked at again where the first reading fell short.

    The second readings (names under signatures, left-out words) are made
    for the chosen orientation only: on a page fed turned, readings the
    wrong way up are thrown away.
    """
    readings = []
    for pixels, as_fed in zip(images, _read_turned(images, 0, dpi, engine)):
        best = as_fed
        if as_fed.words and not (as_fed.level and as_fed.score >= _WELL_READ):
            for rotation in _rotations_to_try(as_fed, pixels, dpi, engine):
                turned = _read_turned([pixels], rotation, dpi, engine)[0]
                best = turned if turned.rank > best.rank else best
                if best.level and best.score >= _WELL_READ:
                    break
        readings.append(best)
    return second_look(reread_signature_names(readings, dpi, engine), dpi, engine)


def _rotations_to_try(as_fed: Reading, pixels: np.ndarray, dpi: float, engine: OcrEngine) -> list[int]:
    """Clockwise turns worth another reading, likeliest first."""
    if not as_fed.level:
        # Tesseract read the page down its columns: the order it read the
        # words in tells which side is up (OSD, on such a table page, said
        # 90 at one resolution and 270 at another).
        first = _sideways_turn(as_fed.words)
        return [first, 360 - first]
    said = engine.detect_rotation(pixels, dpi)
    if lies_sideways(pixels):
        return [said, 360 - said] if said in (90, 270) else [90, 270]
    # Upside down unless OSD is sure the page stands upright: on a generated
    # scan OSD found no orientation for a page that read at 0.40 as fed and
    # 0.95 turned.
    return [] if said == 0 else [180]


def _sideways_turn(words: list[OcrWord]) -> int:
    """90 if the words of a reading down the columns run up the page, 270 if they run down it."""
    down = up = 0
    for before, after in zip(words, words[1:]):
        if before.box[0] < after.box[2] and after.box[0] < before.box[2]:  # same column
            down += after.box[1] > before.box[1]
            up += after.box[1] < before.box[1]
    return 270 if down > up else 90


def _read_turned(images: list[np.ndarray], rotation: int, dpi: float, engine: OcrEngine) -> list[Reading]:
    prepared = []
    for pixels in images:
        upright = np.ascontiguousarray(np.rot90(pixels, k=-(rotation // 90))) if rotation else pixels
        straight = flatten_background(deskew(upright, estimate_skew(upright)), dpi)
        rules = find_rules(straight, dpi)
        prepared.append((erase_rules(straight, rules, dpi), rules))
    read = engine.recognize([cleaned for cleaned, _ in prepared], dpi)
    return [
        Reading(image=cleaned, words=_drop_debris(words), rules=rules, rotation=rotation)
        for (cleaned, rules), words in zip(prepared, read)
    ]


# --- deskew -------------------------------------------------------------------

_MAX_SKEW = 3.0
"""Degrees searched either way; scans of this genre are within 1.5."""
# The page is cut into this many vertical strips, each strip's row profile
# shifted as a whole: a 40 px strip at 300 dpi moves by at most 2 px (one
# pooled row) more at one edge than at the other within the search range.
_SKEW_STRIPS = 64
_SKEW_ROW_POOL = 2
# Smaller angles are not worth resampling the page for.
_MIN_SKEW = 0.05
# A page lies on its side when its columns' ink profile is this many times
# sharper than its rows' (measured: 2.6x on a sideways table page; upright
# pages go the other way, 15-19x).
_SIDEWAYS_FACTOR = 1.2


def estimate_skew(pixels: np.ndarray) -> float:
    """Degrees (counter-clockwise, as OpenCV counts) that make the text rows level."""
    return _levelling(pixels)[0]


def _levelling(pixels: np.ndarray) -> tuple[float, float]:
    """The levelling angle and how sharp the row profile is at it.

    Tries candidate angles and keeps the one whose row-by-row ink profile
    changes most sharply between rows (rows of text and the gaps between
    them line up only when the page is level).  Turning the page for each
    candidate cost ~0.1 s a page; instead the page is cut into vertical
    strips whose row profiles are shifted by each strip's offset times the
    angle's tangent and summed, which is the same profile to within a pixel
    at ~40 ms.
    """
    _, ink = cv2.threshold(pixels, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    height, width = ink.shape
    strip_width = max(1, width // _SKEW_STRIPS)
    count = width // strip_width
    strips = ink[:, : count * strip_width].reshape(height, count, strip_width).sum(axis=2, dtype=np.int32)
    # Pairs of rows summed: text lines are ~50 px apart at 300 dpi, and half
    # the rows is half the work for each candidate angle.
    height //= _SKEW_ROW_POOL
    strips = strips[: height * _SKEW_ROW_POOL].reshape(height, _SKEW_ROW_POOL, count).sum(axis=1)
    offsets = ((np.arange(count) + 0.5) * strip_width - width / 2) / _SKEW_ROW_POOL
    margin = int(np.ceil(abs(offsets).max() * np.tan(np.radians(_MAX_SKEW + 0.5)))) + 1

    def sharpness(angle: float) -> float:
        # Turning counter-clockwise lifts the right half of the page.
        shifts = np.rint(-offsets * np.tan(np.radians(angle))).astype(int) + margin
        profile = np.zeros(height + 2 * margin, dtype=np.int64)
        for column, shift in enumerate(shifts):
            profile[shift : shift + height] += strips[:, column]
        return float(np.square(np.diff(profile)).sum())

    coarse = max(np.arange(-_MAX_SKEW, _MAX_SKEW + 1e-9, 0.5), key=sharpness)
    fine = max(np.arange(coarse - 0.4, coarse + 0.4 + 1e-9, 0.1), key=sharpness)
    best = max((fine - 0.05, fine, fine + 0.05), key=sharpness)
    return round(float(best), 2), sharpness(best)


def lies_sideways(pixels: np.ndarray) -> bool:
    """Whether the page's text runs up or down it: its columns, not its rows, show lines of text."""
    across = _levelling(pixels)[1]
    down = _levelling(np.ascontiguousarray(np.rot90(pixels)))[1]
    return down > _SIDEWAYS_FACTOR * across


def deskew(pixels: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by `angle` degrees about its centre, same size, the paper's shade where it is new."""
    if abs(angle) < _MIN_SKEW:
        return pixels
    height, width = pixels.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    paper = int(np.median(pixels[::4, ::4]))
    return cv2.warpAffine(pixels, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=paper)


# --- background ---------------------------------------------------------------

# Resolution the paper's shade is estimated at, and the size (points) of the
# window that must be wider than any stroke of print, so that taking the
# window's brightest pixel leaves only the paper and the shading under it.
_BACKGROUND_DPI = 75
_BACKGROUND_WINDOW_PT = 9.0
# Grey levels under the paper's shade from which a background counts as shading.
_SHADE_STEP = 25


def flatten_background(pixels: np.ndarray, dpi: float) -> np.ndarray:
    """The page with shaded areas (grey header cells, dark scan edges) lifted to the paper's shade.

    Tesseract skipped whole header rows printed on grey shading, taking the
    band for a picture.  The background is the page with its print closed
    away (brightest pixel in a window wider than a stroke), found on a small
    copy and scaled back up; where it is clearly darker than the paper, the
    page is divided by it.  Elsewhere the page is left alone: dividing
    everywhere also lifted the paper's grain, and Tesseract then lost the
    digits of a narrow "No." column.  ~0.06 s a page.
    """
    scale = min(1.0, _BACKGROUND_DPI / dpi)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    side = max(3, round(_BACKGROUND_WINDOW_PT * dpi * scale / 72) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
    paper = float(np.median(background))
    if not (background < paper - _SHADE_STEP).any():
        return pixels
    background = cv2.resize(background, (pixels.shape[1], pixels.shape[0]), interpolation=cv2.INTER_LINEAR)
    shaded = background < paper - _SHADE_STEP
    lifted = cv2.divide(pixels, np.maximum(background, 1), scale=paper)
    return np.where(shaded, lifted, pixels)


# --- ruling lines -------------------------------------------------------------

# Shortest horizontal rule: shorter runs of ink are letters, dashes or the
# bar of a "T"; underlines of a short word are also dropped, which is fine.
_MIN_HORIZONTAL_PT = 24.0
# Shortest vertical rule: a one-line table row is ~16 pt tall, and no
# letter of body text or headings up to 16 pt reaches 14 pt.
_MIN_VERTICAL_PT = 14.0
# Thicker ink is a bar, a filled box or a blob of a seal, not a ruling line.
_MAX_THICKNESS_PT = 4.0
# Rules are looked for at this resolution.
_RULE_DPI = 150
# Gaps a printed line may show after scanning and JPEG, bridged before the opening.
_GAP_PT = 1.0
# How far a vertical rule may stop short of a horizontal one and still join it.
_JOIN_PT = 3.0
# A vertical rule meeting a horizontal one at one end only is kept from this
# long (a signature's strokes crossing its line are shorter).
_LONE_VERTICAL_PT = 72.0
# Width in pixels of the strips either side of a run that must be mostly
# paper for the run to be a rule, and how much ink "mostly paper" allows:
# an underline has descenders above it, a run along a line of text has the
# letters on one side (measured 40-60 %).
_SIDE_STRIP = 4
_MAX_SIDE_INK = 0.25


def find_rules(pixels: np.ndarray, dpi: float) -> list[PixelBox]:
    """Horizontal and vertical ruling lines of a (deskewed) page image, as pixel boxes.

    The ink is found with a local threshold, then opened with a long thin
    kernel each way, which keeps only runs at least that long.  The work is
    done on a copy at `_RULE_DPI` (a 1 pt line is still 2 px there), four
    times fewer pixels than the 300 dpi page: ~0.06 s instead of ~0.25 s.
    """
    ink, scale = _rule_ink(pixels, dpi)
    per_pt = dpi * scale / 72
    horizontals = _horizontal_runs(ink, per_pt, _MIN_HORIZONTAL_PT)
    gap = max(2, round(_GAP_PT * per_pt))
    verticals = _runs(ink, (1, round(_MIN_VERTICAL_PT * per_pt)), (1, gap), _MAX_THICKNESS_PT * per_pt)
    reach = round(_JOIN_PT * per_pt)
    # A row's bottom border with the row's last line of text sitting on it
    # has ink along one side, like a run along a line of text, but borders
    # stand on it at both ends.
    horizontals = [h for h, clear in horizontals if clear or _closes_borders(h, verticals, reach)]
    verticals = [v for v, clear in verticals if clear]
    # Table borders run from one horizontal rule to another.  A vertical
    # stroke that meets none is an initial or a letter of a big heading; one
    # that stands on a single rule is a signature crossing its line, unless
    # it is long or continues a border above or below it, as a column
    # border cut by the end of the page does.
    long_enough = _LONE_VERTICAL_PT * per_pt
    ends = [_ends_on_rules(v, horizontals, reach) for v in verticals]
    borders = [v for v, n in zip(verticals, ends) if n == 2 or (n == 1 and v[3] - v[1] >= long_enough)]
    verticals = borders + [
        v for v, n in zip(verticals, ends)
        if n == 1 and v not in borders and any(abs(v[0] + v[2] - b[0] - b[2]) <= 2 * reach for b in borders)
    ]
    height, width = pixels.shape
    return [
        (round(x0 / scale), round(top / scale), min(round(x1 / scale), width), min(round(bottom / scale), height))
        for x0, top, x1, bottom in horizontals + verticals
    ]


def _rule_ink(pixels: np.ndarray, dpi: float) -> tuple[np.ndarray, float]:
    """The page's ink at `_RULE_DPI` (local threshold) and the scale it was taken at."""
    scale = min(1.0, _RULE_DPI / dpi)
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else pixels
    block = int(dpi * scale / 72 * 8) | 1  # neighbourhood wider than any rule is thick
    return cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15), scale


def _horizontal_runs(ink: np.ndarray, per_pt: float, min_length_pt: float) -> list[tuple[PixelBox, bool]]:
    gap = max(2, round(_GAP_PT * per_pt))
    return _runs(ink, (round(min_length_pt * per_pt), 1), (gap, 1), _MAX_THICKNESS_PT * per_pt)


def erase_rules(pixels: np.ndarray, rules: list[PixelBox], dpi: float) -> np.ndarray:
    """A copy of the image with the vertical rules painted over, so OCR reads no border as "|".

    Only the vertical ones: measured on seven table pages of the scanned
    samples, erasing vertical rules took word recall from 98.2 % to 98.4 %
    and the "|" debris from 36 to 0, while erasing the horizontal ones too
    lowered it to 97.9 % (Tesseract then dropped whole text lines that
    stood just above an erased rule).  They are painted the paper's shade,
    not white, which on a grey scan would make edges of its own.
    """
    clean = pixels.copy()
    paper = int(np.median(pixels[::4, ::4]))
    margin = max(1, round(dpi / 72))  # the line's anti-aliased edge, too
    for x0, top, x1, bottom in rules:
        if bottom - top > x1 - x0:
            cv2.rectangle(clean, (x0 - margin, top - margin), (x1 + margin, bottom + margin), paper, thickness=-1)
    return clean


def _runs(
    ink: np.ndarray, length: tuple[int, int], gap: tuple[int, int], max_thickness: float
) -> list[tuple[PixelBox, bool]]:
    """Boxes of the runs of ink at least `length` long (kernel shape), at most `max_thickness` thick,
    each with whether it stands clear of other ink (`_stands_clear`)."""
    bridged = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, gap))
    opened = cv2.morphologyEx(bridged, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, length))
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    horizontal = length[0] > length[1]
    boxes = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        extent, thickness = (w, h) if horizontal else (h, w)
        if extent >= max(length) and thickness <= max_thickness:
            box = (x, y, x + w, y + h)
            boxes.append((box, _stands_clear(ink, box, horizontal)))
    return boxes


def _stands_clear(ink: np.ndarray, box: PixelBox, horizontal: bool) -> bool:
    """Whether the strips along both sides of a run are mostly paper.

    A ruling line has paper on both sides (text keeps a point or two off
    it; an underline has only a few descenders above it); a run found along
    a line of small, bold or italic text, whose letters the gap-bridging
    joined, has the letters' ink on at least one side.
    """
    x0, top, x1, bottom = box
    height, width = ink.shape
    near, far = 2, 2 + _SIDE_STRIP
    if horizontal:
        sides = [ink[max(top - far, 0) : max(top - near, 0), x0:x1], ink[bottom + near : bottom + far, x0:x1]]
    else:
        sides = [ink[top:bottom, max(x0 - far, 0) : max(x0 - near, 0)], ink[top:bottom, x1 + near : x1 + far]]
    shares = [float((side > 0).mean()) for side in sides if side.size]
    return not shares or max(shares) < _MAX_SIDE_INK
def _closes_borders(horizontal: PixelBox, verticals: list[tuple[PixelBox, bool]], reach: int) -> bool:
    """Whether clear vertical runs end on the horizontal run at both of its ends."""
    x0, top, x1, bottom = horizontal

    def border_at(x: int) -> bool:
        return any(
            clear and v[0] - reach <= x <= v[2] + reach and top - reach <= v[3] <= bottom + reach
            for v, clear in verticals
        )

    return border_at(x0) and border_at(x1)


def _ends_on_rules(vertical: PixelBox, horizontals: list[PixelBox], reach: int) -> int:
    """How many of the vertical's two ends (0, 1 or 2) meet a horizontal rule."""
    x0, top, x1, bottom = vertical

    def meets(y: int) -> bool:
        return any(h[0] - reach <= x1 and x0 <= h[2] + reach and h[1] - reach <= y <= h[3] + reach for h in horizontals)

    return meets(top) + meets(bottom)


# --- names under signature lines -----------------------------------------------

# A signature line is a horizontal line at least this long and at most this
# share of the page wide, that no vertical rule meets (a table's rules
# meet), with no text read just above it (a row of a table without
# borders has; a signature leaves blank paper or debris): not this many
# letters in words of at least this confidence within this many word
# heights (a signature's loop read as "ÓN" at 0.53 is not text).
_SIGNATURE_LINE_MIN_PT = 100.0
_SIGNATURE_LINE_MAX_SHARE = 0.6
_SIGNATURE_SPACE = 2.0
_TEXT_CONFIDENCE = 0.5
_TEXT_MIN_LETTERS = 4
# The name is the first line of print within this many word heights under
# the signature line (offices leave from none to over one height between),
# and may run past the line's ends by this many.
_NAME_SEARCH_DEPTH = 3.5
_NAME_BAND_OVERHANG = 2.0
# Without a line of print found there, the band is this tall from the line.
_NAME_BAND_HEIGHT = 1.3
# The cargo under the name: at most this many lines in all, each at most
# this many word heights under the one before.
_BLOCK_MAX_LINES = 4
_BLOCK_LINE_GAP = 1.2
# Print is near black (its darkest pixels under ~90 in the scans measured);
# a signature's or seal's blue or violet ink, of which the page keeps the
# brightest channel, is lighter: the band is also read with only the pixels
# darker than this, which drops the strokes but keeps print where they cross.
_PRINT_DARKER_THAN = 128
# A row of the band is a row of print when this share of the band's fullest
# rows' dark pixels, or this share of its width, is dark; a line of one short
# word ("CONTROL" under "SUBCONTRALOR DE AUDITORÍA Y") darkens fewer, and is
# found with the lower share where the first finds no line.
_PRINT_ROW_SHARE = 0.25
_SHORT_LINE_ROW_SHARE = 0.15
_PRINT_ROW_MIN_WIDTH = 0.01
# The line read on its own replaces the page's reading of it when it has
# this many times the letters, each weighted by its confidence (the page's
# reading lost part of the name), and is not rubbish: its letters'
# confidence averages at least this.  (1.2 kept "S DELA" for "DE JESÚS DE
# LA" on a generated scan; 1.1 changed no name read right on the dev scans.)
_NAME_REREAD_GAIN = 1.1
_NAME_REREAD_MIN_CONFIDENCE = 0.2


def reread_signature_names(readings: list[Reading], dpi: float, engine: OcrEngine) -> list[Reading]:
    """The readings, with each line of print under a signature line read again on its own where that reads more.

    A signature's strokes cross the line and the name printed under it;
    Tesseract's layout analysis then often drops the name, or half of it,
    while the same line cut out and read as one line of text comes back
    whole ("M ... MEZ" against "MARÍA DEL CARMEN LÓPEZ GÓMEZ").  Each band
    is read as scanned and as print only, all the pages' in one engine run.
    """
    bands = [_signature_name_bands(reading, dpi) for reading in readings]
    crops = []
    for reading, page_bands in zip(readings, bands):
        as_scanned = [reading.image[top:bottom, x0:x1] for x0, top, x1, bottom in page_bands]
        print_only = [np.where(crop < _PRINT_DARKER_THAN, crop, 255).astype(np.uint8) for crop in as_scanned]
        origins = [(x0, top) for x0, top, _, _ in page_bands] * 2
        crops.append(Crops(as_scanned + print_only, origins, margin=round(_typical_height(reading.words))))
    return [
        replace(reading, words=_with_names_reread(reading.words, page_bands, read)) if page_bands else reading
        for reading, page_bands, read in zip(readings, bands, read_crops(crops, dpi, engine))
    ]


def _signature_name_bands(reading: Reading, dpi: float) -> list[PixelBox]:
    """The lines of print (name, cargo) under each signature line with no text just above it."""
    pixels, words = reading.image, reading.words
    if not words:
        return []
    typical = _typical_height(words)
    half_line = round(typical / 2)
    bands = []
    for line in signature_lines(pixels, dpi, reading.rules, reach=half_line):
        x0, top, x1, _ = line
        space = (x0, round(top - _SIGNATURE_SPACE * typical), x1, top)
        text_above = [w for w in words if w.confidence >= _TEXT_CONFIDENCE and _middle_within(w.box, space)]
        if _letters(text_above) < _TEXT_MIN_LETTERS:
            bands += [
                _around_words(_out_to_its_print(pixels, band, typical), words, half_line, pixels.shape[1])
                for band in print_lines_under(pixels, line, typical)
            ]
    return bands


def _with_names_reread(words: list[OcrWord], bands: list[PixelBox], readings: list[list[OcrWord]]) -> list[OcrWord]:
    """The words, each band's taken from its better reading (`readings`: all bands as scanned, then as print only)
    where that reads more."""
    half_line = round(_typical_height(words) / 2)
    for band, as_scanned, as_printed in zip(bands, readings, readings[len(bands) :]):
        better = _within_neighbours(max(as_scanned, as_printed, key=_sure_letters))
        # A word touching the band's side was cut by it.
        reread = [w for w in better if any(ch.isalpha() for ch in w.text) and band[0] + 1 < w.box[0] and w.box[2] < band[2] - 1]
        if not reread:
            continue
        # What the band's reading stands for: the page's words in the band, as far across as it
        # read (a band widened over a neighbouring block's word did not read that word).
        left, right = min(w.box[0] for w in reread) - half_line, max(w.box[2] for w in reread) + half_line
        inside = [w for w in words if _middle_within(w.box, band) and w.box[2] > left and w.box[0] < right]
        gained = _sure_letters(reread) > _NAME_REREAD_GAIN * _sure_letters(inside)
        if gained and _sure_letters(reread) >= _NAME_REREAD_MIN_CONFIDENCE * _letters(reread):
            words = [w for w in words if w not in inside] + [_with_accents_read_before(w, inside) for w in reread]
    # The page may have boxed the name it read through the signature from above the band: those
    # words are not "inside" it, and are the reread ones read twice.
    return _drop_doubles(words)


def _with_accents_read_before(word: OcrWord, before: list[OcrWord]) -> OcrWord:
    """The word with the accents the page's reading gave it where they read the same but for them:
    read as print only, a band loses an accent's light pixels ("PUBLICA" for "PÚBLICA")."""
    for other in before:
        if _without_accents(other.text) == word.text != other.text and _middle_within(other.box, word.box):
            return OcrWord(other.text, word.box, word.confidence)
    return word


def _without_accents(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))


# A line of print goes on past a gap narrower than this (in word heights):
# spaces between words are a third of one, the room between side-by-side
# signature blocks several.
_PRINT_GAP = 1.0


def _out_to_its_print(pixels: np.ndarray, band: PixelBox, typical: float) -> PixelBox:
    """The band widened along its line of print to where the print ends: a cargo line may run far past
    its signature line's ends ("JEFE DEL DEPARTAMENTO DE EVALUACIÓN DE LA UIPPE" under a short line)."""
    left, top, right, bottom = band
    inked = np.flatnonzero((pixels[top:bottom] < _PRINT_DARKER_THAN).any(axis=0))
    if not inked.size:
        return band
    gap = _PRINT_GAP * typical
    pad = round(typical / 2)
    # Each stretch of print, as [first, last] columns.
    stretches = np.split(inked, np.flatnonzero(np.diff(inked) > gap) + 1)
    reached = [(s[0], s[-1]) for s in stretches if s[-1] >= left and s[0] <= right]
    if not reached:
        return band
    return (max(min(left, reached[0][0] - pad), 0), top, min(max(right, reached[-1][1] + pad), pixels.shape[1]), bottom)


def _around_words(band: PixelBox, words: list[OcrWord], pad: int, width: int) -> PixelBox:
    """The band widened to take in whole, `pad` clear, the words of the page's reading that its sides cut (a long cargo line)."""
    left, top, right, bottom = band
    for word in words:
        if top <= (word.box[1] + word.box[3]) / 2 <= bottom and word.box[0] < right and word.box[2] > left:
            left, right = min(left, word.box[0] - pad), max(right, word.box[2] + pad)
    return (max(left, 0), top, min(right, width), bottom)


def _within_neighbours(line: list[OcrWord]) -> list[OcrWord]:
    """The words of one line, in Tesseract's reading order, with no box running over its neighbour's.

    Through a signature's ink, or for no clear reason, Tesseract may give a
    word a box that runs over the next words ("CARMEN" spanning "DEL" and
    "LÓPEZ", "documentos" over the rest of its line) or back over the one
    before ("CARBAJAL" boxed from where "MARÍA" starts), which would put it
    out of order and open a false gap in the line.  Of two overlapping
    neighbours, the box wider for its letters is the wrong one: it is cut
    back to the other's edge.  A word boxed as a speck (`_with_specks_reboxed`)
    first gets the room its neighbours leave it.
    """
    boxes = _with_specks_reboxed(line)
    for index in range(1, len(line)):
        before, after = boxes[index - 1], boxes[index]
        if before[2] < after[0]:
            continue
        if _width_per_letter(before, line[index - 1]) >= _width_per_letter(after, line[index]):
            if after[0] - 1 > before[0]:
                before[2] = after[0] - 1
        elif before[2] + 1 < after[2]:
            after[0] = before[2] + 1
    return [
        word if list(word.box) == box else OcrWord(word.text, tuple(box), word.confidence)
        for word, box in zip(line, boxes)
    ]


# A word boxed this much smaller than its line's words (height, or width for
# its letters) was given a speck's box: under a signature Tesseract read
# "ORTIZ" right but boxed it 2 x 1 pt, below the line.
_SPECK_BOX_SHARE = 0.4


def _with_specks_reboxed(line: list[OcrWord]) -> list[list[int]]:
    """The line's boxes, a word boxed as a speck between two others boxed across the room between them."""
    boxes = [list(word.box) for word in line]
    if len(line) < 3:
        return boxes
    height = statistics.median(b[3] - b[1] for b in boxes)
    per_letter = statistics.median(_width_per_letter(b, w) for b, w in zip(boxes, line))
    for index in range(1, len(line) - 1):
        box, word = boxes[index], line[index]
        # A bullet or a stop is small: only a word of letters boxed small was boxed wrong.
        specked = sum(ch.isalpha() for ch in word.text) >= 2 and (
            box[3] - box[1] < _SPECK_BOX_SHARE * height
            or _width_per_letter(box, word) < _SPECK_BOX_SHARE * per_letter
        )
        before, after = boxes[index - 1], boxes[index + 1]
        if specked and before[2] < after[0]:
            space = max(0, round((after[0] - before[2] - per_letter * len(word.text)) / 2))
            top = min(before[1], after[1])
            boxes[index] = [before[2] + space, top, after[0] - space, max(before[3], after[3])]
    return boxes


def _width_per_letter(box: list[int], word: OcrWord) -> float:
    return (box[2] - box[0]) / max(len(word.text), 1)


def print_lines_under(pixels: np.ndarray, line: PixelBox, typical: float) -> list[PixelBox]:
    """Bands holding the lines of print under a signature line, in pixels: the name, then its cargo.

    Found from the dark rows under the line, so that a band neither cuts
    the letters where an office leaves a gap under the line nor reaches into
    the next line of print.  The cargo's lines follow the name at most
    `_BLOCK_LINE_GAP` word heights apart; the first wider gap ends the block.
    """
    x0, _, x1, bottom = line
    left = max(round(x0 - _NAME_BAND_OVERHANG * typical), 0)
    right = min(round(x1 + _NAME_BAND_OVERHANG * typical), pixels.shape[1])
    start = bottom + 1
    stop = min(round(start + (_NAME_SEARCH_DEPTH + _BLOCK_MAX_LINES * 1.5) * typical), pixels.shape[0])
    dark = (pixels[start:stop, left:right] < _PRINT_DARKER_THAN).sum(axis=1)
    fixed = [(left, start, right, min(round(start + _NAME_BAND_HEIGHT * typical), pixels.shape[0]))]
    if not dark.size:
        return fixed
    fullest, least = np.percentile(dark, 95), _PRINT_ROW_MIN_WIDTH * (right - left)
    lines = _print_runs(dark, max(_PRINT_ROW_SHARE * fullest, least), typical)
    lines = sorted(lines + [
        run for run in _print_runs(dark, max(_SHORT_LINE_ROW_SHARE * fullest, least), typical)
        if not any(run[0] <= other[1] and other[0] <= run[1] for other in lines)
    ])
    if not lines or lines[0][0] > _NAME_SEARCH_DEPTH * typical:
        return fixed
    block = [lines[0]]
    for run in lines[1:_BLOCK_MAX_LINES]:
        if run[0] - block[-1][1] > _BLOCK_LINE_GAP * typical:
            break
        block.append(run)
    # Accents stand above capitals, descenders hang below.
    return [
        (left, max(start + first - round(0.35 * typical), start), right, min(start + last + round(0.25 * typical), pixels.shape[0]))
        for first, last in block
    ]


def _print_runs(dark: np.ndarray, level: float, typical: float) -> list[list[int]]:
    """[first, last] rows of each line of print: rows with `dark` at `level` or more, a letter's height at least."""
    runs: list[list[int]] = []
    for row in np.flatnonzero(dark >= level):
        if runs and row - runs[-1][1] <= 0.15 * typical:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return [run for run in runs if run[1] - run[0] >= 0.4 * typical]  # shorter: a stroke, not letters


def signature_lines(pixels: np.ndarray, dpi: float, rules: list[PixelBox], reach: int) -> list[PixelBox]:
    """Long horizontal lines that no vertical rule meets, in pixels.

    Found apart from `find_rules`, which leaves out a line with ink along
    it: a signature line has the signature's strokes on it and the name
    printed just under it.
    """
    ink, scale = _rule_ink(pixels, dpi)
    verticals = [r for r in rules if r[3] - r[1] > r[2] - r[0]]
    lines = []
    for (x0, top, x1, bottom), _ in _horizontal_runs(ink, dpi * scale / 72, _SIGNATURE_LINE_MIN_PT):
        x0, top, x1, bottom = (round(v / scale) for v in (x0, top, x1, bottom))
        if x1 - x0 > _SIGNATURE_LINE_MAX_SHARE * pixels.shape[1]:
            continue
        if not any(v[0] - reach <= x1 and x0 <= v[2] + reach and v[1] - reach <= bottom and top <= v[3] + reach for v in verticals):
            lines.append((x0, top, x1, bottom))
    return lines


def _typical_height(words: list[OcrWord]) -> float:
    """The median height of the words' boxes, in pixels (0 without words)."""
    return statistics.median(w.box[3] - w.box[1] for w in words) if words else 0.0


def _middle_within(box: PixelBox, band: PixelBox) -> bool:
    middle_x, middle_y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return band[0] <= middle_x <= band[2] and band[1] <= middle_y <= band[3]


def _letters(words: list[OcrWord]) -> int:
    return sum(ch.isalnum() for w in words for ch in w.text)


def _sure_letters(words: list[OcrWord]) -> float:
    """Letters, each counted at its word's confidence."""
    return sum(w.confidence * sum(ch.isalnum() for ch in w.text) for w in words)


# --- second look --------------------------------------------------------------

# Ink left out of the page's reading is worth a second look when it is the
# size of a line of text: from this share of the page's typical word height
# (lower is a speck, a dot or a stray accent) to this multiple of it (higher
# is a signature, a seal or a drawing), and at least this wide (a lone
# "1" is ~0.35 of the height).
_LEFT_OUT_MIN_HEIGHT = 0.6
_LEFT_OUT_MAX_HEIGHT = 2.0
_LEFT_OUT_MIN_WIDTH = 0.3
# A piece is text standing on its own only if the paper around it (a word
# height each way) holds less left-out ink than this share of the piece's
# own: pieces of a signature or a seal have the rest of it around them.
_LEFT_OUT_MAX_SURROUNDING_INK = 0.3
# ...and if no word read on its line comes closer than this share of the
# word height: closer, it is a letter of that word that its box cut off.
_LEFT_OUT_MIN_GAP = 0.15
# Words and rules cover their box and this many pixels around it (on the
# half-resolution copy): anti-aliased edges are not left-out ink.
_COVER_PAD = 2
# Letters of one word, and the words of one short line, are joined across
# gaps up to this share of the typical word height.
_LEFT_OUT_JOIN = 0.5
# Most pieces read again on one page: past this, the page is a drawing.
_LEFT_OUT_MAX_PIECES = 60
_LEFT_OUT_SCALE = 0.5
# A word read on its own is kept from this confidence: the pieces are
# often rubbish, and nothing around them checks the reading.
_LEFT_OUT_MIN_CONFIDENCE = 0.60
# Short words read under this confidence, with no word of their line
# within this many word heights to their left (as a row number stands in
# its column), are read again on their own, cut out with this share of the
# word height around; the second reading replaces the first only if it is
# a row number ("2.", "3)", "10"): other short words ("y", "a", "1" of a
# date, a list's bullet) read worse alone.
_UNSURE = 0.9
_UNSURE_MAX_LENGTH = 3
_ROW_NUMBER_CLEARANCE = 2.0
_UNSURE_PAD = 0.15
_MAX_CANVAS_HEIGHT = 30_000
_ROW_NUMBER = re.compile(r"^\d{1,3}[.)]?$")


def second_look(readings: list[Reading], dpi: float, engine: OcrEngine) -> list[Reading]:
    """The readings, with what each page's reading left out or was unsure of read again, piece by piece.

    Tesseract's layout analysis drops short text standing alone, such as
    the "H-4" of a row in a borderless table or a lone "y" at the end of a
    line, and reads a small row number badly ("Le" for "2.", "3," for
    "3.").  The ink that no word's box covers (rules and specks aside) is
    cut into pieces the size of a line of text, and each short word read
    unsure is a piece too; the pieces are set one under another on a blank
    canvas and read as plain lines, all the pages' in one engine run.  A
    word found in left-out ink is added where its piece came from; an
    unsure short word is replaced by its second reading when that one is a
    surer row number.
    """
    left_out, unsure, crops = [], [], []
    for reading in readings:
        words, (height, width) = reading.words, reading.image.shape
        typical = _typical_height(words)
        left_out.append(_left_out_pieces(reading.image, words, reading.rules, typical) if words else [])
        # A word boxed taller than a line of text (an initial in the margin read "vn") is no row
        # number; set on the sheet, its size would make the engine take the small print for specks.
        unsure.append([
            w for w in words
            if w.confidence < _UNSURE and len(w.text) <= _UNSURE_MAX_LENGTH and not w.text.isdigit()
            and any(ch.isalnum() for ch in w.text) and _opens_its_line(w, words, typical)
            and w.box[3] - w.box[1] <= _LEFT_OUT_MAX_HEIGHT * typical
        ])
        pad = round(_UNSURE_PAD * typical)
        unsure_pieces = [
            (max(x0 - pad, 0), max(top - pad, 0), min(x1 + pad, width), min(bottom + pad, height))
            for x0, top, x1, bottom in (w.box for w in unsure[-1])
        ]
        crops.append(Crops.cut(reading.image, left_out[-1] + unsure_pieces, round(typical)))
    looked = []
    for reading, pieces, page_unsure, read in zip(readings, left_out, unsure, read_crops(crops, dpi, engine)):
        found = [
            w for piece in read[: len(pieces)] for w in piece
            if w.confidence >= _LEFT_OUT_MIN_CONFIDENCE and any(ch.isalnum() for ch in w.text)
        ]
        better = {}
        for word, again in zip(page_unsure, read[len(pieces) :]):
            if len(again) == 1 and again[0].confidence > word.confidence and _ROW_NUMBER.match(again[0].text):
                better[id(word)] = OcrWord(again[0].text, word.box, again[0].confidence)
        looked.append(replace(reading, words=[better.get(id(w), w) for w in reading.words] + found))
    return looked


def _opens_its_line(word: OcrWord, words: list[OcrWord], typical: float) -> bool:
    """Whether no word of its line stands within a few word heights to its left, as beside a row number."""
    x0, top, _, bottom = word.box
    reach = _ROW_NUMBER_CLEARANCE * typical
    return not any(
        other is not word and other.box[1] < bottom and top < other.box[3] and x0 - reach < other.box[2] <= x0
        for other in words
    )


@dataclass(frozen=True, slots=True)
class Crops:
    """Pieces cut from one page image to be read again: each one's pixels and where its top-left corner was."""

    images: list[np.ndarray]
    origins: list[tuple[int, int]]
    margin: int
    """Blank paper left around each piece when they are set one under another (a word height)."""

    @classmethod
    def cut(cls, pixels: np.ndarray, pieces: list[PixelBox], margin: int) -> Crops:
        return cls([pixels[y0:y1, x0:x1] for x0, y0, x1, y1 in pieces], [(x0, y0) for x0, y0, _, _ in pieces], margin)


@dataclass(frozen=True, slots=True)
class _Sheet:
    """Some of a page's crops set one under another on a blank canvas, `margin` apart, to be read as plain lines."""

    canvas: np.ndarray
    tops: list[int]
    """Where each crop's band (the crop and its margins) starts on the canvas."""
    origins: list[tuple[int, int]]
    margin: int

    @classmethod
    def of(cls, crops: list[np.ndarray], origins: list[tuple[int, int]], margin: int) -> _Sheet:
        width = max(crop.shape[1] for crop in crops) + 2 * margin
        tops = []
        top = 0
        for crop in crops:
            tops.append(top)
            top += crop.shape[0] + 2 * margin
        canvas = np.full((top, width), 255, dtype=np.uint8)
        for band_top, crop in zip(tops, crops):
            canvas[band_top + margin : band_top + margin + crop.shape[0], margin : margin + crop.shape[1]] = crop
        return cls(canvas, tops, origins, margin)

    def words_of_each_crop(self, words: list[OcrWord]) -> list[list[OcrWord]]:
        """The words read on the sheet, by crop, in the pixels of the page the crops were cut from."""
        read: list[list[OcrWord]] = [[] for _ in self.tops]
        for word in words:
            middle = (word.box[1] + word.box[3]) / 2
            index = max(i for i, band_top in enumerate(self.tops) if band_top <= middle)
            x0, y0 = self.origins[index][0] - self.margin, self.origins[index][1] - self.tops[index] - self.margin
            left, upper, right, lower = word.box
            read[index].append(OcrWord(word.text, (left + x0, upper + y0, right + x0, lower + y0), word.confidence))
        return read


def _sheets(crops: Crops) -> list[_Sheet]:
    """The crops on as few sheets as Tesseract takes (it refuses images over 32767 px a side)."""
    sheets, first, height = [], 0, 0
    for index, crop in enumerate(crops.images):
        height += crop.shape[0] + 2 * crops.margin
        if height > _MAX_CANVAS_HEIGHT and index > first:
            sheets.append(_Sheet.of(crops.images[first:index], crops.origins[first:index], crops.margin))
            first, height = index, crop.shape[0] + 2 * crops.margin
    if first < len(crops.images):
        sheets.append(_Sheet.of(crops.images[first:], crops.origins[first:], crops.margin))
    return sheets


def read_crops(crops: list[Crops], dpi: float, engine: OcrEngine) -> list[list[list[OcrWord]]]:
    """The words of each crop of each page, in the pixels of the page it was cut from, read in one engine run.

    Each page's crops are set one under another on a blank canvas and the
    canvases are read as plain lines: one Tesseract run for them all (each
    run costs start-up and loading the language model, ~0.06 s of CPU).
    """
    sheets = [(page, sheet) for page, page_crops in enumerate(crops) for sheet in _sheets(page_crops)]
    read: list[list[list[OcrWord]]] = [[] for _ in crops]
    for (page, sheet), words in zip(sheets, engine.recognize_lines([sheet.canvas for _, sheet in sheets], dpi)):
        read[page] += sheet.words_of_each_crop(words)
    return read


def _left_out_pieces(pixels: np.ndarray, words: list[OcrWord], rules: list[PixelBox], typical: float) -> list[PixelBox]:
    """Boxes of text-sized ink that no word or rule covers, top to bottom.

    The ink is looked at in a copy at half the resolution (a letter is still
    ~15 px tall at 300 dpi), four times fewer pixels to threshold, join and
    label: 0.015 s a page instead of 0.06.
    """
    scale = _LEFT_OUT_SCALE
    small = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    for x0, top, x1, bottom in [*rules, *(w.box for w in _as_wide_as_their_text(words))]:
        ink[max(int(top * scale) - _COVER_PAD, 0) : int(bottom * scale) + _COVER_PAD + 1,
            max(int(x0 * scale) - _COVER_PAD, 0) : int(x1 * scale) + _COVER_PAD + 1] = 0
    small_typical = typical * scale
    join = max(1, round(small_typical * _LEFT_OUT_JOIN))
    joined = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (join, max(1, join // 3))))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(joined)
    height_limit, width = pixels.shape
    text_sized: dict[int, tuple[PixelBox, PixelBox]] = {}  # label -> (box on the small copy, box on the page)
    for label, (x, y, w, h, _) in enumerate(stats[1:count], start=1):
        if h < _LEFT_OUT_MIN_HEIGHT * small_typical or h > _LEFT_OUT_MAX_HEIGHT * small_typical + join:
            continue
        # Measured on the ink itself, not on the joined blob around it.
        rows, columns = np.nonzero((labels[y : y + h, x : x + w] == label) & (ink[y : y + h, x : x + w] > 0))
        if not rows.size:
            continue
        small_box = (int(x + columns.min()), int(y + rows.min()), int(x + columns.max() + 1), int(y + rows.max() + 1))
        box = (
            max(int(small_box[0] / scale) - 1, 0),
            max(int(small_box[1] / scale) - 1, 0),
            min(int(small_box[2] / scale) + 1, width),
            min(int(small_box[3] / scale) + 1, height_limit),
        )
        height, breadth = box[3] - box[1], box[2] - box[0]
        if (
            _LEFT_OUT_MIN_HEIGHT * typical <= height <= _LEFT_OUT_MAX_HEIGHT * typical
            and breadth >= _LEFT_OUT_MIN_WIDTH * typical
            and not any(_abuts(box, w.box, _LEFT_OUT_MIN_GAP * typical) for w in words)
        ):
            text_sized[label] = (small_box, box)
    # Text-sized pieces stacked one over another (a label broken letter by
    # letter down a narrow column, "comp / rome / tida") do not count as
    # ink around each other: only the rest of the left-out ink does.
    is_text_sized = np.zeros(count, dtype=bool)
    is_text_sized[list(text_sized)] = True
    other_ink = np.where(is_text_sized[labels], 0, ink)
    pieces = [
        box for small_box, box in text_sized.values()
        if _stands_alone(ink, other_ink, small_box, round(small_typical))
    ]
    if len(pieces) > _LEFT_OUT_MAX_PIECES:
        return []
    return sorted(pieces, key=lambda p: (p[1], p[0]))


# Tesseract may box a word read whole over only part of its ink
# ("ENCARGADO" boxed over "ENCAR", under a signature's strokes): a box
# narrower than this share of what its letters take on the page is
# taken as wider, up to this many times that width or the next word of its
# line, so that the rest of the word is not left-out ink.  (Only there: the
# page keeps Tesseract's box, as widening boxes in table rows closes the
# gutters between their columns.)
_CUT_SHORT = 0.85
_WIDENED_AT_MOST = 1.5
_WIDTH_SAMPLE_MIN_LETTERS = 4


def _as_wide_as_their_text(words: list[OcrWord]) -> list[OcrWord]:
    """The words, each whose box Tesseract cut short widened to the width its letters take on this page (for `_left_out_pieces`).

    Capitals are wider than small letters: words in capitals are measured
    against words in capitals.
    """
    per_letter = {}
    for capitals in (True, False):
        sample = [
            (w.box[2] - w.box[0]) / len(w.text)
            for w in words
            if len(w.text) >= _WIDTH_SAMPLE_MIN_LETTERS and w.text.isupper() == capitals
        ]
        per_letter[capitals] = statistics.median(sample) if sample else None
    widened = []
    for word in words:
        x0, top, x1, bottom = word.box
        letter = per_letter[word.text.isupper()]
        needed = letter * len(word.text) if letter else 0
        if x1 - x0 < _CUT_SHORT * needed:
            # Letters wider than the page's median: up to the next word of its line.
            following = [w.box[0] for w in words if w.box[0] > x0 and w.box[1] < bottom and top < w.box[3]]
            x1 = round(min([x0 + _WIDENED_AT_MOST * needed, *following]))
            word = OcrWord(word.text, (x0, top, x1, bottom), word.confidence)
        widened.append(word)
    return widened


def _stands_alone(ink: np.ndarray, other_ink: np.ndarray, box: PixelBox, reach: int) -> bool:
    x0, top, x1, bottom = box
    own = np.count_nonzero(ink[top:bottom, x0:x1])
    around = np.count_nonzero(other_ink[max(top - reach, 0) : bottom + reach, max(x0 - reach, 0) : x1 + reach])
    return around <= _LEFT_OUT_MAX_SURROUNDING_INK * own


def _abuts(piece: PixelBox, word: PixelBox, gap: float) -> bool:
    """Whether a word on the piece's line ends or starts within `gap` of it."""
    same_line = piece[1] < word[3] and word[1] < piece[3]
    return same_line and piece[0] - gap < word[2] and word[0] < piece[2] + gap


# --- debris -------------------------------------------------------------------

# Under this confidence a token that does not even look like a word is what
# Tesseract makes of signatures, seals and scribbles.  Word-like tokens are
# kept whatever their confidence: on the scanned seed, names typed under a
# signature ("GONZÁLEZ", "MÁXIMO") come out at 0.0 but right.
_MIN_CONFIDENCE = 0.30
# Punctuation-only tokens this unsure are specks, stray marks or rule stubs;
# list bullets, which Tesseract reads as "+" or "»" at 0.45-0.75, need only
# `_MIN_CONFIDENCE`.
_MIN_SYMBOL_CONFIDENCE = 0.60
# A word this many times taller than the page's typical word is a drawing
# (signature, seal, logo; measured 2.7-5.5x) unless Tesseract is sure of it
# (a big title).  Names with signature ink over them measure under 2x.
_TALL_FACTOR = 2.5
_SURE = 0.85
_VOWELS = set("aeiouáéíóúüAEIOUÁÉÍÓÚÜ")


def _drop_debris(words: list[OcrWord]) -> list[OcrWord]:
    if not words:
        return words
    typical_height = statistics.median(w.box[3] - w.box[1] for w in words)
    return _drop_doubles(
        [w for w in words if _keep(w, typical_height) or _opens_a_date(w, words, typical_height)]
    )


_DAY = re.compile(r"^\d{1,2}$")


def _opens_a_date(word: OcrWord, words: list[OcrWord], typical_height: float) -> bool:
    """A day before "de" and a month: Tesseract may read the whole date unsure ("4" and "de" at 0.0),
    and the day alone does not look like a word, but it is the date's, not a speck."""
    if not _DAY.match(word.text):
        return False
    de = _next_on_line(word, words, typical_height)
    if de is None or de.text.lower() != "de":
        return False
    month = _next_on_line(de, words, typical_height)
    return month is not None and is_month(month.text)


def _next_on_line(word: OcrWord, words: list[OcrWord], reach: float) -> OcrWord | None:
    """The word that follows `word` on its line, no further than `reach` from it."""
    middle = (word.box[1] + word.box[3]) / 2
    following = [
        w for w in words
        if w is not word and w.box[1] <= middle <= w.box[3] and word.box[2] - 1 <= w.box[0] <= word.box[2] + reach
    ]
    return min(following, key=lambda w: w.box[0], default=None)


# Tesseract may read a line twice, once in a block with the signature over
# it (tall boxes) and once on its own: a word whose box lies this much
# inside another's at most this many times as wide, with text this alike,
# is the same word read twice.  (Tesseract also gives some words a box
# running over the rest of their line: those are far wider than the words
# they cover.)
_DOUBLE_INSIDE = 0.7
_DOUBLE_MAX_WIDENING = 3.0
_DOUBLE_ALIKE = 50


def _drop_doubles(words: list[OcrWord]) -> list[OcrWord]:
    """The words with each one read twice kept once, in the reading with more sure letters ("JESUS" over "JESÚS" at 0.59)."""
    # Compared down the page, so each word meets only those of its own rows.
    by_top = sorted(words, key=lambda w: w.box[1])
    dropped: set[int] = set()
    for index, word in enumerate(by_top):
        for other in by_top[index + 1 :]:
            if other.box[1] >= word.box[3]:
                break
            if id(word) in dropped or id(other) in dropped or not _read_twice(word, other):
                continue
            dropped.add(id(min(word, other, key=lambda w: _sure_letters([w]))))
    return [w for w in words if id(w) not in dropped] if dropped else words


def _read_twice(a: OcrWord, b: OcrWord) -> bool:
    width = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
    height = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    if width <= 0 or height <= 0:
        return False
    widths = sorted(w.box[2] - w.box[0] for w in (a, b))
    smaller = min((w.box[2] - w.box[0]) * (w.box[3] - w.box[1]) for w in (a, b))
    return (
        width * height >= _DOUBLE_INSIDE * smaller
        and widths[1] <= _DOUBLE_MAX_WIDENING * widths[0]
        and fuzz.ratio(a.text.lower(), b.text.lower()) >= _DOUBLE_ALIKE
    )


def _keep(word: OcrWord, typical_height: float) -> bool:
    symbol_floor = _MIN_CONFIDENCE if word.text in BULLET_LOOKALIKES else _MIN_SYMBOL_CONFIDENCE
    if not any(ch.isalnum() for ch in word.text) and word.confidence < symbol_floor:
        return False
    if word.confidence < _MIN_CONFIDENCE and not _wordlike(word.text):
        return False
    height = word.box[3] - word.box[1]
    return height <= _TALL_FACTOR * typical_height or word.confidence >= _SURE


def _wordlike(text: str) -> bool:
    """Two or more letters with a vowel, cased as words are ("de", "DE", "De")."""
    letters = "".join(ch for ch in text if ch.isalpha())
    if len(letters) < 2 or not any(ch in _VOWELS for ch in letters):
        return False
    return letters.isupper() or letters.islower() or (letters[0].isupper() and letters[1:].islower())
