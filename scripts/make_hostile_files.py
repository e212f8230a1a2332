"""Add the debris of a real archive to a folder of good convenios: COUNT files that must fail.

    .venv/bin/python scripts/make_hostile_files.py FOLDER COUNT

Writes FOLDER/hostiles/*.pdf (cycling through the kinds below, each file
with distinct bytes) and prints their paths, one a line.  Damaged copies
(truncated, encrypted) are made from the good PDFs already in FOLDER.  The
builders are the test suite's (tests/documents.py), so the batch check and
the hostile-input tests exercise the same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from documents import (  # noqa: E402  (the test helpers live outside the package)
    HTML_ERROR_PAGE,
    blank_pdf,
    encrypted,
    image_bomb_pdf,
    table_pdf,
    text_pdf,
    truncated,
    with_unique_tail,
    zero_page_pdf,
)

KINDS = ["truncated", "encrypted", "random", "html", "invoice", "table", "zero_pages", "giant_page", "image_bomb", "blank", "empty"]


def hostile(kind: str, index: int, good: Path, rng: random.Random) -> bytes:
    if kind == "truncated":
        return truncated(good.read_bytes(), rng.uniform(0.2, 0.8))
    if kind == "encrypted":
        return encrypted(good.read_bytes(), user_password=f"clave{index}")
    if kind == "random":
        return rng.randbytes(rng.randint(100, 20000))
    if kind == "html":
        return HTML_ERROR_PAGE.replace(b"convenio_2019", f"convenio_{index}".encode())
    if kind == "invoice":
        return text_pdf([[f"FACTURA No. A-{index:05d}", "Cliente: Papelería del Centro", f"Total: ${index * 37}.00"]])
    if kind == "table":
        return table_pdf(["Partida", "Descripción", "Importe"], [[str(2100 + index), "Materiales", f"{index * 100}.00"]])
    if kind == "zero_pages":
        return with_unique_tail(zero_page_pdf(), str(index))
    if kind == "giant_page":
        return blank_pdf(1, page_size=(14400 - index, 14400))
    if kind == "image_bomb":
        return image_bomb_pdf(34000 + index)
    if kind == "blank":
        return blank_pdf(2 + index % 3)
    return b""


def main() -> None:
    folder, count = Path(sys.argv[1]), int(sys.argv[2])
    goods = sorted(p for p in folder.rglob("*.pdf") if "hostiles" not in p.parts)
    if not goods:
        sys.exit(f"no PDF under {folder} to damage")
    rng = random.Random(count)
    out = folder / "hostiles"
    out.mkdir(exist_ok=True)
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        path = out / f"{kind}_{index:03d}.pdf"
        path.write_bytes(hostile(kind, index, goods[index % len(goods)], rng))
        print(path)


if __name__ == "__main__":
    main()
