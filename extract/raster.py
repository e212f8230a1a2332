"""Page images for the OCR stage: a PDF page turned into bounded grey pixels.

OCR needs a picture of the page.  We get it from PDFium (pypdfium2), never
from Ghostscript, whose record of vulnerabilities on crafted PDFs is long.

Every page is rendered at `DEFAULT_DPI`, scans included.  Lifting a
full-page scan's embedded image instead was measured on the scanned
samples (200-300 dpi JPEG pages): at the image's own dpi it gives exactly
the pixels of a render at that dpi, no faster (0.11 s against 0.09-0.12 s
a page); OCR at 300 dpi reads 98.1 % of the words against 97.8 % at a
native 200 dpi; and lifting plus upscaling in OpenCV (0.09-0.19 s CPU a
page against 0.21-0.26 s for PDFium's render) would save 3-5 % of the
stage's time for a second code path.  So there is one path, and a 600 dpi
scan comes out at 300.

The pixels are bounded before anything is decoded: an image object that
declares more pixels than `MAX_SOURCE_PIXELS` (a decompression bomb) is
refused, and so is a page so large that even `MIN_DPI` would exceed
`PIXEL_BUDGET`; in between, the dpi is lowered to fit the budget.

Colour is dropped the way form readers do it: each pixel's grey is its
brightest channel, so black print stays black while blue-ink signatures,
initials and red or violet seals over the text turn pale and stop hiding
the words under them (on the seed's scan: 98.1 % of words read, against
97.8 % from plain luminance).
"""

from __future__ import annotations

import io
import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import cv2
import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.errors import CorruptPdfError, EncryptedPdfError, InputError, OcrError

DEFAULT_DPI = 300
"""Tesseract reads body text best with letters 20-30 px tall: 10-12 pt at 300 dpi."""

MIN_DPI = 100
"""Below this, 10 pt text is under 14 px tall and OCR of the body is hopeless."""

PIXEL_BUDGET = 40_000_000
"""Most pixels one page image may have (300 dpi on a 17 x 22 in sheet; Letter is 8.4 M)."""

MAX_SOURCE_PIXELS = 150_000_000
"""An image object declaring more pixels than this is a decompression bomb, not a scan."""

# Enough to see whether a page has any ink on it; a thumbnail costs little
# (and, for an outsized page, is kept small).
_THUMBNAIL_DPI = 24
_THUMBNAIL_PIXELS = 1_000_000
# Grey levels under the paper's own that count as ink on the thumbnail.
_INK_BELOW_PAPER = 40

Source = Path | str | bytes


@dataclass(frozen=True, slots=True)
class PageImage:
    """A page as grey pixels (0 black .. 255 white), rows top to bottom."""

    pixels: np.ndarray
    dpi: float

    @property
    def size(self) -> tuple[int, int]:
        """``(width, height)`` in pixels."""
        height, width = self.pixels.shape
        return width, height


@contextmanager
def open_document(source: Source) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF for rendering; one PDFium cannot open is rebuilt by qpdf and tried again, as the reader does."""
    label = None if isinstance(source, (bytes, bytearray)) else str(source)
    try:
        data = bytes(source) if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", path=label) from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedPdfError("the PDF is password-protected; ask for an unprotected copy", path=label) from None
        try:
            document = pdfium.PdfDocument(_rebuilt(data, label))
        except pdfium.PdfiumError as second:
            raise CorruptPdfError(f"the PDF is damaged ({error}; after a qpdf repair: {second})", path=label) from None
    try:
        yield document
    finally:
        document.close()


def _rebuilt(data: bytes, label: str | None) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as damaged:
            repaired = io.BytesIO()
            damaged.save(repaired)
            return repaired.getvalue()
    except (pikepdf.PdfError, ValueError, RuntimeError) as error:
        reason = str(error).split(": ", 1)[-1]  # qpdf names the in-memory stream first
        raise CorruptPdfError(f"the PDF is damaged and qpdf could not repair it ({reason})", path=label) from None


def page_image(document: pdfium.PdfDocument, number: int, dpi: float = DEFAULT_DPI) -> PageImage:
    """Grey image of page `number` (1-based), as displayed, at about `dpi`.

    Raises `OcrError` for a page or an image too large to decode safely.
    """
    page = document[number - 1]
    try:
        _refuse_image_bombs(page, number)
        return _render(page, number, dpi)
    finally:
        page.close()


def inked_page_image(document: pdfium.PdfDocument, number: int, min_ink: float, dpi: float = DEFAULT_DPI) -> PageImage | None:
    """`page_image`, or None for a page with less than `min_ink` of its area inked (blank, not worth reading).

    The ink is looked at on a thumbnail, where thin print shrinks to pale
    grey, so ink is anything clearly darker than the paper (whose shade
    varies from scan to scan).  A page without images gets a thumbnail of
    its own (~3 ms, against ~25 ms for a 300 dpi render of a blank page); a
    scan's thumbnail would decode its JPEG a second time (~50 ms, half the
    render), so a scan's is made from its render.  The same limits as
    `page_image` apply.
    """
    page = document[number - 1]
    try:
        images = _refuse_image_bombs(page, number)
        if not images:
            width_pt, height_pt = page.get_size()
            dpi_thumbnail = fitting_dpi(width_pt, height_pt, _THUMBNAIL_DPI, number, budget=_THUMBNAIL_PIXELS)
            bitmap = page.render(scale=dpi_thumbnail / 72)
            try:
                if _ink_share(_grey(bitmap.to_numpy())) < min_ink:
                    return None
            finally:
                bitmap.close()
        image = _render(page, number, dpi)
    finally:
        page.close()
    if images:
        factor = min(1.0, _THUMBNAIL_DPI / image.dpi)
        if _ink_share(cv2.resize(image.pixels, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)) < min_ink:
            return None
    return image


def _ink_share(thumbnail: np.ndarray) -> float:
    paper = float(np.median(thumbnail))
    return float((thumbnail < paper - _INK_BELOW_PAPER).mean())


def _refuse_image_bombs(page: pdfium.PdfPage, number: int) -> int:
    """PDFium decodes every image at full size to render it: check what they declare first.  Returns how many there are."""
    images = 0
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        images += 1
        width, height = image.get_px_size()
        if width * height > MAX_SOURCE_PIXELS:
            raise OcrError(
                f"page {number} holds a {width} x {height} px image, more than the "
                f"{MAX_SOURCE_PIXELS:,} px we decode; it is a decompression bomb or a "
                "broken scan: re-scan or re-export the page"
            )
    return images


def _grey(array: np.ndarray) -> np.ndarray:
    """Brightest channel of each BGR(x) pixel: colour dropout (see the module docstring).

    Two element-wise maxima, not `max(axis=2)`: numpy reduces over the
    short last axis some thirty times slower (0.17 s against 0.005 s for a
    letter page at 300 dpi, most of the stage's own time).
    """
    return np.maximum(np.maximum(array[:, :, 0], array[:, :, 1]), array[:, :, 2])


def _render(page: pdfium.PdfPage, number: int, dpi: float) -> PageImage:
    width_pt, height_pt = page.get_size()
    dpi = fitting_dpi(width_pt, height_pt, dpi, number)
    bitmap = page.render(scale=dpi / 72, may_draw_forms=True)
    try:
        pixels = _grey(bitmap.to_numpy())
    finally:
        bitmap.close()
    return PageImage(pixels=pixels, dpi=dpi)


def fitting_dpi(width_pt: float, height_pt: float, dpi: float, number: int, budget: int = PIXEL_BUDGET) -> float:
    """`dpi`, lowered so the page fits `budget` pixels.

    Raises `OcrError` for a page so large that even `MIN_DPI` would exceed
    `PIXEL_BUDGET`, whatever resolution was asked for.
    """
    if (width_pt * MIN_DPI / 72) * (height_pt * MIN_DPI / 72) > PIXEL_BUDGET:
        raise OcrError(
            f"page {number} is {width_pt / 72:.0f} x {height_pt / 72:.0f} in; even at {MIN_DPI} dpi "
            f"its image would exceed {PIXEL_BUDGET:,} px, so it is not OCR'd: "
            "crop the page to its content or split it"
        )
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    return dpi if pixels <= budget else dpi * math.sqrt(budget / pixels)
