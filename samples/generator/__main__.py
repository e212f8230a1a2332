"""Command line: build one split of the sample corpus (or the hand-made seed).

    python -m samples.generator --split dev --digital 12 --scanned 6 --mixed 2 --seed 1 --out samples/dev
    python -m samples.generator --split seed --out samples/seed
    python -m samples.generator --split bench --digital 500 --scanned 100 --seed 7 --jobs 4 --out /tmp/bench

Needs LibreOffice (soffice) on the PATH; see samples/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .corpus import build_seed, build_split


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, help='split name used in file names and the manifest; "seed" builds the hand-made seed')
    parser.add_argument("--digital", type=int, default=12, help="number of digital convenios to draw")
    parser.add_argument("--scanned", type=int, default=6, help="how many of them get a scanned twin")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same content")
    parser.add_argument("--out", type=Path, required=True, help="output folder (digital/, scanned/, manifest.csv)")
    parser.add_argument("--mixed", type=int, default=0, help="how many of the next ones get a mixed copy (signed pages scanned)")
    parser.add_argument("--rotation-share", type=float, default=0.25, help="share of scans with one page fed sideways or upside down")
    parser.add_argument("--jobs", type=int, default=1, help="parallel soffice processes and scanner workers (output is the same)")
    parser.add_argument("--keep-docx", action="store_true", help="keep the intermediate .docx next to the digital PDFs")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    started = time.monotonic()
    if arguments.split == "seed":
        rows = build_seed(arguments.out, keep_docx=arguments.keep_docx)
    else:
        rows = build_split(arguments.split, arguments.digital, arguments.scanned, arguments.seed, arguments.out,
                           rotation_share=arguments.rotation_share, keep_docx=arguments.keep_docx,
                           mixed=arguments.mixed, workers=arguments.jobs)
    elapsed = time.monotonic() - started
    print(f"{len(rows)} PDFs with expected records in {arguments.out} ({elapsed:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
