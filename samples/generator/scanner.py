"""Make the scanned twin of a digital convenio PDF: image-only pages that look scanned.

Each page is rasterized, signed and initialled in blue ink, sometimes stamped
with a round seal, then degraded the way office scanners degrade paper
(skew, blur, noise, uneven tone, JPEG artefacts) and wrapped into a PDF with
no text layer.  Signatures go over the signer names found in the digital
page's own text layer, so they land where a person would sign, partly over
the printed name as real ink does.

`mix_pdf` makes the other kind of archive copy: the digital PDF with its
signed pages (signatures, responsables, annexes) replaced by scans of the
printed and signed sheets, as offices do when they append the signed pages.

Everything random comes from the `random.Random` passed in, so a twin is
reproducible from its name and the digital PDF.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import cv2
import img2pdf
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter, ImageFont

INK_COLOURS = [(24, 42, 140), (20, 30, 110), (35, 60, 165), (15, 25, 90)]
SEAL_COLOURS = [(110, 40, 140), (40, 70, 150), (150, 30, 50)]
# An oblique face stands in for handwriting (DejaVu ships with fontconfig everywhere).
NOTE_FONT = "DejaVuSans-Oblique.ttf"


@dataclass
class ScanSettings:
    """Knobs of one scan; drawn per document so the corpus covers a range."""

    dpi: int = 200
    jpeg_quality: int = 25
    max_skew_deg: float = 1.5
    # In pixels at 200 dpi; scaled with the resolution.
    blur_radius: float = 0.9
    noise_sigma: float = 3.0
    # Page index (0-based) -> clockwise rotation in degrees (90, 180, 270).
    rotated_pages: dict[int, int] = field(default_factory=dict)
    seal: bool = True
    initials: bool = True
    # A handwritten receipt note on the first page ("Recibido 10/06/2019"), or None.
    recibido: str | None = None


SCAN_DPIS = [200, 240, 200, 300]


def draw_scan_settings(rng: random.Random, page_count: int, allow_rotation: bool, dpi: int | None = None,
                       received_on: date | None = None, with_receipt: bool | None = None) -> ScanSettings:
    """Pick scan quality, at most one page fed sideways or upside down, maybe a receipt note.

    The note needs `received_on` (the signing date); `with_receipt` forces it on or off,
    None leaves it to chance (about a third of the scans).
    """
    settings = ScanSettings(
        dpi=dpi or rng.choice(SCAN_DPIS),
        max_skew_deg=rng.uniform(0.3, 1.5),
        blur_radius=rng.uniform(0.8, 1.1),
        noise_sigma=rng.uniform(2.0, 4.0),
        seal=rng.random() < 0.6,
        initials=rng.random() < 0.85,
    )
    # Dense text costs JPEG bytes; higher resolution pays with lower quality so
    # that a 9-page convenio stays around 1-1.5 MB (strong artefacts are real).
    settings.jpeg_quality = {200: 25, 240: 22, 300: 18}[settings.dpi] + rng.randint(-3, 3)
    if allow_rotation and page_count > 1:
        settings.rotated_pages = {rng.randrange(page_count): rng.choice([90, 180, 270])}
    chance = rng.random() < 0.35
    if received_on and (chance if with_receipt is None else with_receipt):
        # Offices stamp or write the day the signed copy arrived, a few days after signing.
        day = received_on + timedelta(days=rng.randint(1, 12))
        settings.recibido = rng.choice([f"Recibido {day:%d/%m/%Y}", f"RECIBIDO\n{day:%d/%m/%y}",
                                        f"Recibí original\n{day.day}-{day.month}-{day.year}"])
    return settings


# --- ink --------------------------------------------------------------------


def _bezier(points: list[tuple[float, float]], steps: int) -> list[tuple[float, float]]:
    """Points along a Bézier curve of any degree (de Casteljau)."""
    curve = []
    for step in range(steps + 1):
        t = step / steps
        layer = list(points)
        while len(layer) > 1:
            layer = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1]) for a, b in zip(layer, layer[1:])]
        curve.append(layer[0])
    return curve


def _through(points: list[tuple[float, float]], steps_per_segment: int = 12) -> list[tuple[float, float]]:
    """A smooth pen path through `points`: cubic Bézier segments with Catmull-Rom tangents."""
    if len(points) < 3:
        return points
    padded = [points[0], *points, points[-1]]
    path: list[tuple[float, float]] = []
    for before, a, b, after in zip(padded, padded[1:], padded[2:], padded[3:]):
        handle_a = (a[0] + (b[0] - before[0]) / 6, a[1] + (b[1] - before[1]) / 6)
        handle_b = (b[0] - (after[0] - a[0]) / 6, b[1] - (after[1] - a[1]) / 6)
        path += _bezier([a, handle_a, handle_b, b], steps_per_segment)[:-1]
    path.append(points[-1])
    return path


def draw_scribble(draw: ImageDraw.ImageDraw, rng: random.Random, box: tuple[float, float, float, float],
                  colour: tuple[int, int, int], width_px: int, strokes: int) -> None:
    """A signature-like scribble inside `box`: a looped capital, cursive waves, a flourish."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    # Cursive body: the pen runs right while bouncing between x-height and
    # baseline, now and then stepping back to make a loop.
    segment_start = x0 + rng.uniform(0.0, 0.1) * w
    for stroke in range(strokes):
        segment_end = min(x1, segment_start + w * rng.uniform(0.35, 0.7))
        points = []
        x = segment_start
        up = rng.random() < 0.5
        while x < segment_end:
            amplitude = rng.uniform(0.1, 0.5)
            y = y0 + h * (0.5 - amplitude if up else 0.5 + amplitude * 0.7)
            # Slant: the top of each stroke leans right of its foot.
            points.append((x + (0.04 * w if up else 0.0), y))
            up = not up
            x += w * (rng.uniform(-0.06, 0.0) if rng.random() < 0.2 else rng.uniform(0.05, 0.16))
        draw.line(_through(points), fill=colour, width=width_px, joint="curve")
        segment_start = segment_end - rng.uniform(0.0, 0.1) * w
    # A tall loop for the capital letter at the start.
    cx, cy = x0 + rng.uniform(0.05, 0.25) * w, y0 + rng.uniform(0.3, 0.6) * h
    loop = [(cx, cy + 0.4 * h), (cx - 0.08 * w, cy - 0.3 * h), (cx + 0.06 * w, cy - 0.55 * h),
            (cx + 0.1 * w, cy + 0.1 * h), (cx - 0.02 * w, cy + 0.45 * h)]
    draw.line(_through(loop), fill=colour, width=width_px, joint="curve")
    # The flourish that underlines many Mexican signatures.
    if rng.random() < 0.75:
        y = y0 + rng.uniform(0.8, 1.0) * h
        flourish = _bezier([(x0 + rng.uniform(0, 0.2) * w, y), (x0 + 0.5 * w, y + rng.uniform(-0.4, 0.3) * h),
                            (x1, y - rng.uniform(0, 0.4) * h)], 40)
        draw.line(flourish, fill=colour, width=max(1, width_px - 1), joint="curve")


def draw_seal(image: Image.Image, rng: random.Random, centre: tuple[float, float], radius: float) -> None:
    """A faint round rubber stamp: two rings, a star of ticks for lettering, patchy ink."""
    colour = rng.choice(SEAL_COLOURS)
    layer = Image.new("L", image.size, 0)
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    for ring, width in ((radius, 4), (radius * 0.72, 2)):
        draw.ellipse((cx - ring, cy - ring, cx + ring, cy + ring), outline=255, width=width)
    # Short radial ticks between the rings stand in for the circular lettering.
    for index in range(56):
        angle = 2 * math.pi * index / 56
        if index % 14 == 0:
            continue
        inner, outer = radius * 0.78, radius * 0.93
        length = rng.uniform(0.4, 1.0)
        draw.line(
            (cx + inner * math.cos(angle), cy + inner * math.sin(angle),
             cx + (inner + (outer - inner) * length) * math.cos(angle), cy + (inner + (outer - inner) * length) * math.sin(angle)),
            fill=255, width=3,
        )
    draw.ellipse((cx - radius * 0.25, cy - radius * 0.25, cx + radius * 0.25, cy + radius * 0.25), outline=255, width=3)
    # Uneven inking: multiply by a smooth random field.
    patchy = np.array(layer, dtype=np.float32) * np.clip(
        np.random.default_rng(rng.randrange(2**32)).normal(0.75, 0.25, (layer.height, layer.width)), 0.2, 1.0
    )
    alpha = Image.fromarray(patchy.astype(np.uint8)).filter(ImageFilter.GaussianBlur(1.2))
    image.paste(Image.new("RGB", image.size, colour), (0, 0), alpha)


def draw_handwritten_note(image: Image.Image, rng: random.Random, text: str, colour: tuple[int, int, int],
                          scale: float) -> None:
    """A slanted ink note with initials in the upper right area, partly over the text."""
    font = ImageFont.truetype(NOTE_FONT, size=max(12, round(rng.uniform(12, 16) * scale)))
    probe = ImageDraw.Draw(Image.new("L", (1, 1)))
    left, top, right, bottom = probe.multiline_textbbox((0, 0), text, font=font, spacing=4)
    layer = Image.new("L", (right - left + 40, bottom - top + round(30 * scale)), 0)
    draw = ImageDraw.Draw(layer)
    draw.multiline_text((20 - left, 10 - top), text, fill=255, font=font, spacing=4)
    draw_scribble(draw, rng, (20, bottom - top + 12, 20 + 28 * scale, bottom - top + 10 + 16 * scale), 255,
                  max(2, round(0.9 * scale)), 1)
    layer = layer.rotate(rng.uniform(-12, 8), expand=True, resample=Image.BICUBIC)
    x = round(image.width * rng.uniform(0.55, 0.75))
    y = round(image.height * rng.uniform(0.03, 0.12))
    image.paste(Image.new("RGB", layer.size, colour), (x, y), layer)


# --- degradation ------------------------------------------------------------


def degrade(image: Image.Image, rng: random.Random, settings: ScanSettings) -> Image.Image:
    """Skew, blur, paper tint, uneven tone and sensor noise, as a flatbed or feeder scanner gives.

    OpenCV does the heavy per-pixel work: it is several times faster than PIL
    at 300 dpi, which matters for benchmark-sized runs.
    """
    angle = rng.uniform(-settings.max_skew_deg, settings.max_skew_deg)
    paper = tuple(rng.randint(236, 250) for _ in range(3))
    pixels = np.asarray(image.convert("RGB"))
    height, width = pixels.shape[:2]
    rotation = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    pixels = cv2.warpAffine(pixels, rotation, (width, height), flags=cv2.INTER_LINEAR,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=(255, 255, 255))
    pixels = cv2.GaussianBlur(pixels, (0, 0), settings.blur_radius * settings.dpi / 200)
    # Paper tint: scale each channel by the paper colour (a lookup table is cheapest).
    tint = np.dstack([(np.arange(256) * (channel / 255.0)).astype(np.uint8) for channel in paper]).reshape(256, 1, 3)
    pixels = cv2.LUT(pixels, tint)
    # Sensor noise plus a tone that darkens towards one edge (lid not flat,
    # lamp falloff), as one signed field added to all three channels.
    cv2.setRNGSeed(rng.randrange(2**31))
    field = np.empty((height, width), dtype=np.int16)
    cv2.randn(field, 0, settings.noise_sigma)
    darkest = rng.uniform(6, 18)
    if rng.random() < 0.5:
        field -= np.linspace(0, darkest, width).astype(np.int16)[None, :]
    else:
        field -= np.linspace(0, darkest, height).astype(np.int16)[:, None]
    pixels = cv2.add(pixels, cv2.merge([field, field, field]), dtype=cv2.CV_8U)
    return Image.fromarray(pixels)


# --- pages ------------------------------------------------------------------


def _stands_alone(textpage: pdfium.PdfTextPage, start: int, count: int) -> bool:
    """True when the hit is a whole line (a signature name), not words inside the preamble."""
    total = textpage.count_chars()
    before = textpage.get_text_range(start - 1, 1) if start > 0 else "\n"
    after = textpage.get_text_range(start + count, 1) if start + count < total else "\n"
    return before in ("\r", "\n") and after in ("\r", "\n")


def _find_line_boxes(page: pdfium.PdfPage, lines: list[str]) -> list[tuple[float, float, float, float]]:
    """Boxes (PDF points, top-left origin) of each line of the page that is one of `lines`."""
    textpage = page.get_textpage()
    _, page_height = page.get_size()
    boxes = []
    for line in lines:
        searcher = textpage.search(line, match_case=True, match_whole_word=False)
        while (hit := searcher.get_next()) is not None:
            start, count = hit
            if not _stands_alone(textpage, start, count):
                continue
            left, bottom, _, top = textpage.get_charbox(start)
            _, _, right, _ = textpage.get_charbox(start + count - 1)
            boxes.append((left, page_height - top, right, page_height - bottom))
    return boxes


def scan_page(page: pdfium.PdfPage, rng: random.Random, settings: ScanSettings,
              signer_lines: list[str], page_index: int) -> Image.Image:
    """One page as a degraded, signed, image."""
    scale = settings.dpi / 72.0
    image = page.render(scale=scale).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    ink = rng.choice(INK_COLOURS)
    signature_boxes = _find_line_boxes(page, signer_lines)
    for left, top, right, bottom in signature_boxes:
        # Sign above the name, spilling over the rule and the first letters.
        width = min(170.0, max(90.0, (right - left) * rng.uniform(0.8, 1.2)))
        centre = (left + right) / 2 + rng.uniform(-15, 15)
        box = (centre - width / 2, top - rng.uniform(30, 48), centre + width / 2, bottom - rng.uniform(0, 6))
        draw_scribble(draw, rng, tuple(v * scale for v in box), ink, max(2, round(1.1 * scale)), rng.randint(2, 4))
    if settings.seal and signature_boxes and rng.random() < 0.8:
        left, top, right, bottom = rng.choice(signature_boxes)
        centre = ((left + right) / 2 + rng.uniform(-70, 70), top - rng.uniform(0, 30))
        draw_seal(image, rng, (centre[0] * scale, centre[1] * scale), rng.uniform(38, 52) * scale)
    if settings.recibido and page_index == 0:
        draw_handwritten_note(image, rng, settings.recibido, ink, scale)
    if settings.initials and not signature_boxes:
        # Initials ("rúbricas") in the side margin of every page without a full signature.
        width_pt, height_pt = page.get_size()
        x = rng.choice([rng.uniform(8, 40), rng.uniform(width_pt - 70, width_pt - 30)])
        for _ in range(rng.randint(2, 4)):
            y = rng.uniform(height_pt * 0.25, height_pt * 0.85)
            box = (x, y, x + rng.uniform(22, 34), y + rng.uniform(14, 22))
            draw_scribble(draw, rng, tuple(v * scale for v in box), ink, max(2, round(0.9 * scale)), 1)
    image = degrade(image, rng, settings)
    rotation = settings.rotated_pages.get(page_index)
    if rotation:
        # PIL rotates counter-clockwise; the manifest speaks of clockwise turns.
        image = image.rotate(-rotation, expand=True)
    return image


def scan_pdf(digital_pdf: Path, scanned_pdf: Path, rng: random.Random, settings: ScanSettings,
             signer_lines: list[str]) -> int:
    """Write the scanned twin of `digital_pdf`; return its page count."""
    pdf = pdfium.PdfDocument(str(digital_pdf))
    page_count = len(pdf)
    jpegs = []
    for index in range(page_count):
        image = scan_page(pdf[index], rng, settings, signer_lines, index)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=settings.jpeg_quality, optimize=True, dpi=(settings.dpi, settings.dpi))
        jpegs.append(buffer.getvalue())
    pdf.close()
    scanned_pdf.parent.mkdir(parents=True, exist_ok=True)
    # img2pdf embeds the JPEG bytes as they are (no re-encoding) and adds no
    # text layer; the fixed dpi keeps the physical page size (a page fed
    # sideways comes out landscape).  No date, so the bytes are reproducible.
    wrapped = img2pdf.convert(jpegs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((settings.dpi, settings.dpi)), nodate=True)
    _save_deterministically(wrapped, scanned_pdf)
    return page_count


def _save_deterministically(pdf_bytes: bytes, destination: Path) -> None:
    """img2pdf draws a random /ID; derive it from the content so a rerun gives the same bytes."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as document:
        document.save(str(destination), deterministic_id=True)


def signed_page_indexes(digital_pdf: Path, signer_lines: list[str]) -> list[int]:
    """0-based pages from the first page carrying a signature name to the end."""
    pdf = pdfium.PdfDocument(str(digital_pdf))
    try:
        for index in range(len(pdf)):
            if _find_line_boxes(pdf[index], signer_lines):
                return list(range(index, len(pdf)))
        return [len(pdf) - 1]
    finally:
        pdf.close()


def mix_pdf(digital_pdf: Path, mixed_pdf: Path, rng: random.Random, settings: ScanSettings,
            signer_lines: list[str], scanned_pages: list[int]) -> int:
    """Write `digital_pdf` with `scanned_pages` (0-based) replaced by scanned images; return the page count."""
    import pikepdf

    pdf = pdfium.PdfDocument(str(digital_pdf))
    page_count = len(pdf)
    images = {}
    for index in scanned_pages:
        image = scan_page(pdf[index], rng, settings, signer_lines, index)
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=settings.jpeg_quality, optimize=True, dpi=(settings.dpi, settings.dpi))
        images[index] = buffer.getvalue()
    pdf.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((settings.dpi, settings.dpi))
    mixed_pdf.parent.mkdir(parents=True, exist_ok=True)
    with pikepdf.open(str(digital_pdf)) as document:
        for index, jpeg in sorted(images.items()):
            single = pikepdf.open(io.BytesIO(img2pdf.convert(jpeg, layout_fun=layout, nodate=True)))
            document.pages.insert(index, single.pages[0])
            del document.pages[index + 1]
        document.save(str(mixed_pdf), deterministic_id=True)
    return page_count
