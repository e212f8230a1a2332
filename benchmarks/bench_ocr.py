"""Seconds per scanned page for the OCR stage, against bare `tesseract` on the same images.

    .venv/bin/python benchmarks/bench_ocr.py [PDF ...] [--pages N] [--ocrmypdf]

With no PDF, runs on the scanned samples (samples/seed/*_escaneado.pdf and
samples/dev/scanned/*.pdf).  For each document it times `ocr_pages` on the
pages the stage OCRs (render, orientation, deskew, rules, Tesseract,
repair), as the pipeline calls it, and, in the same run, the `tesseract`
command line alone on those pages' images (rendered beforehand, not timed,
saved as PNG) with the same thread setting: once a page at a time, and
once with all the document's images in one run (the stage reads a batch of
pages in one run, loading the language model once).  It prints the overhead
ratio against each (in CPU seconds, ours plus Tesseract's, which a busy
machine disturbs far less than wall time; both are printed).  Where the sample's manifest names a digital
twin, it also prints word recall: the share of the twin's words (as a
multiset, punctuation at the ends stripped) that each reading found on the
same page.  `--ocrmypdf` adds OCRmyPDF (deskew, rotate-pages, clean), read
back through our text-layer reader, for the comparison in extract/ocr.py.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract.model import Page  # noqa: E402
from extract.ocr import TesseractEngine, ocr_pages  # noqa: E402
from extract.pdf import read_pages  # noqa: E402
from extract.raster import DEFAULT_DPI, open_document, page_image  # noqa: E402
from extract.triage import needs_ocr  # noqa: E402

_STRIP = ".,;:()[]\"'“”«»¿?¡!-–"


def tokens(texts) -> Counter:
    return Counter(t.strip(_STRIP) for text in texts for t in text.split() if t.strip(_STRIP))


def recall(truth: Counter, found: Counter) -> tuple[int, int]:
    return sum((truth & found).values()), sum(truth.values())


def digital_twin(pdf: Path) -> Path | None:
    """The digital PDF a scanned sample was made from, as its folder's manifest.csv says."""
    for manifest in (pdf.parent / "manifest.csv", pdf.parent.parent / "manifest.csv"):
        if manifest.exists():
            with manifest.open(encoding="utf-8") as rows:
                for row in csv.DictReader(rows):
                    if row.get("archivo") == pdf.name and row.get("gemelo_de"):
                        for folder in (pdf.parent, pdf.parent.parent / "digital", pdf.parent.parent):
                            if (folder / row["gemelo_de"]).exists():
                                return folder / row["gemelo_de"]
    return None


def bare_tesseract(image: Path) -> list[str]:
    """Words of `tesseract IMAGE stdout -l spa tsv`, one process, one thread, as the stage runs it."""
    out = subprocess.run(
        ["tesseract", str(image), "stdout", "-l", "spa", "tsv"],
        capture_output=True, text=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    ).stdout
    return [f[11] for f in (line.split("\t") for line in out.splitlines()[1:]) if len(f) == 12 and f[0] == "5"]


def bare_tesseract_in_one_run(images: list[Path], work: Path) -> None:
    """`tesseract LIST stdout -l spa tsv` on a file naming all the images: the language model loaded once."""
    listing = work / "images.txt"
    listing.write_text("".join(f"{image}\n" for image in images), encoding="utf-8")
    subprocess.run(
        ["tesseract", str(listing), "stdout", "-l", "spa", "tsv"],
        capture_output=True, check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )


def ocrmypdf_words(pdf: Path, numbers: list[int], work: Path) -> tuple[float, list[list[str]]]:
    output = work / "ocrmypdf.pdf"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ocrmypdf", "--deskew", "--rotate-pages", "--clean", "-l", "spa",
         "--rasterizer", "pypdfium", "--output-type", "pdf", "-j", "1",
         "--pages", ",".join(map(str, numbers)), "-q", str(pdf), str(output)],
        check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    seconds = time.perf_counter() - start
    pages = {p.number: p for p in read_pages(output)}
    return seconds, [[w.text for w in pages[n].words] for n in numbers]


def cpu_seconds() -> float:
    """CPU time of this process and of the child processes it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=0, help="OCR at most this many pages per PDF (0: all)")
    parser.add_argument("--ocrmypdf", action="store_true", help="also time OCRmyPDF on the same pages")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(ROOT.glob("samples/seed/*_escaneado.pdf")) + sorted(ROOT.glob("samples/dev/scanned/*.pdf"))
    if not pdfs:
        sys.exit("no scanned PDF given and none in samples/")
    if args.ocrmypdf and not shutil.which("unpaper"):
        sys.exit("--ocrmypdf --clean needs unpaper: apt-get install unpaper")
    engine = TesseractEngine()
    totals = Counter()
    print(f"tesseract {engine.version}, {DEFAULT_DPI} dpi, OMP_THREAD_LIMIT=1")
    print(f"{'document':44} {'pages':>5} {'stage s/p':>9} {'bare s/p':>8} {'cpu x':>6} {'recall us/bare':>13}"
          + (f" {'ocrmypdf s/p':>12} {'recall':>7}" if args.ocrmypdf else ""))
    for pdf in pdfs:
        pages = [p for p in read_pages(pdf) if needs_ocr(p)]
        if args.pages:
            pages = pages[: args.pages]
        if not pages:
            continue
        numbers = [p.number for p in pages]
        doc = Counter()
        with tempfile.TemporaryDirectory() as folder:
            work = Path(folder)
            images = []
            with open_document(pdf) as document:
                for number in numbers:
                    images.append(work / f"page-{number}.png")
                    Image.fromarray(page_image(document, number).pixels).save(images[-1])
            # CPU seconds (ours plus Tesseract's) are what the ratio compares:
            # wall time on a busy machine swings by half from one run of the
            # same page to the next.
            wall, cpu = time.perf_counter(), cpu_seconds()
            read = ocr_pages(pdf, pages, engine)
            doc.update(stage=time.perf_counter() - wall, stage_cpu=cpu_seconds() - cpu)
            bare_words = []
            for image in images:
                wall, cpu = time.perf_counter(), cpu_seconds()
                bare_words.append(bare_tesseract(image))
                doc.update(bare=time.perf_counter() - wall, bare_cpu=cpu_seconds() - cpu)
            cpu = cpu_seconds()
            bare_tesseract_in_one_run(images, work)
            doc.update(bare_one_run_cpu=cpu_seconds() - cpu)
            mypdf = ocrmypdf_words(pdf, numbers, work) if args.ocrmypdf else None
        twin = digital_twin(pdf)
        row = f"{pdf.name[:44]:44} {len(pages):5d} {doc['stage'] / len(pages):9.2f} " \
              f"{doc['bare'] / len(pages):8.2f} {doc['stage_cpu'] / doc['bare_cpu']:6.2f}"
        doc.update(pages=len(pages))
        if twin:
            truth_pages: dict[int, Page] = {p.number: p for p in read_pages(twin)}
            readings = [("ours", [[w.text for w in p.words] for p in read]), ("bare", bare_words)]
            if mypdf:
                readings.append(("ocrmypdf", mypdf[1]))
            for label, words_per_page in readings:
                for number, words in zip(numbers, words_per_page):
                    truth = tokens(w.text for w in truth_pages[number].words) if number in truth_pages else Counter()
                    hit, total = recall(truth, tokens(words))
                    doc.update({f"{label}_hit": hit, f"{label}_total": total})
            row += f" {doc['ours_hit'] / max(doc['ours_total'], 1):6.1%}/{doc['bare_hit'] / max(doc['bare_total'], 1):6.1%}"
        else:
            row += f" {'(no twin)':>13}"
        if mypdf:
            doc.update(ocrmypdf=mypdf[0])
            row += f" {mypdf[0] / len(pages):12.2f}"
            if twin:
                row += f" {doc['ocrmypdf_hit'] / max(doc['ocrmypdf_total'], 1):7.1%}"
        totals.update(doc)
        print(row)
    pages = totals["pages"]
    print(f"\nstage {totals['stage'] / pages:.2f} s/page, bare tesseract {totals['bare'] / pages:.2f} s/page "
          f"(wall); overhead ratio {totals['stage_cpu'] / totals['bare_cpu']:.2f}x in CPU seconds "
          f"({totals['stage_cpu'] / pages:.2f} vs {totals['bare_cpu'] / pages:.2f} a page), "
          f"{totals['stage'] / totals['bare']:.2f}x in wall time, over {pages} pages; against tesseract given "
          f"each document's images in one run ({totals['bare_one_run_cpu'] / pages:.2f} s a page): "
          f"{totals['stage_cpu'] / totals['bare_one_run_cpu']:.2f}x in CPU seconds")
    if totals["ours_total"]:
        print(f"word recall against the digital twins: stage {totals['ours_hit'] / totals['ours_total']:.1%}, "
              f"bare tesseract {totals['bare_hit'] / totals['bare_total']:.1%}"
              + (f", ocrmypdf {totals['ocrmypdf_hit'] / totals['ocrmypdf_total']:.1%}" if args.ocrmypdf else ""))
    if args.ocrmypdf:
        print(f"ocrmypdf {totals['ocrmypdf'] / pages:.2f} s/page")


if __name__ == "__main__":
    main()
