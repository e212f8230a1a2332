"""Convert rendered .docx files to PDF with LibreOffice, many per call.

Starting soffice costs a few seconds, so every document of a run goes through
one ``soffice --headless --convert-to pdf`` call (in chunks, so that a huge
benchmark run does not hit the command-line length limit).  A private user
profile keeps the conversion from touching, or being blocked by, a desktop
LibreOffice the engineer may have open.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

CHUNK_SIZE = 60


class LibreOfficeMissing(RuntimeError):
    """Raised when soffice is not installed; says how to install it."""


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise LibreOfficeMissing(
        "LibreOffice is needed to regenerate the samples: "
        "apt-get install libreoffice-writer-nogui fonts-liberation"
    )


def convert_to_pdf(docx_files: list[Path], out_dir: Path, timeout_s: int = 1800, workers: int = 1) -> list[Path]:
    """Convert `docx_files` into `out_dir` and return the PDF paths in the same order.

    With `workers` > 1, that many soffice processes run side by side, each
    with its own profile (one profile cannot be shared by two processes).
    """
    soffice = find_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    groups = [docx_files[worker::workers] for worker in range(max(1, workers))]
    with ThreadPoolExecutor(max_workers=len(groups)) as pool:
        for future in [pool.submit(_convert_group, soffice, group, out_dir, timeout_s) for group in groups if group]:
            future.result()
    pdfs = [out_dir / (docx.stem + ".pdf") for docx in docx_files]
    missing = [str(p) for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not produce: {', '.join(missing)}")
    return pdfs


def _convert_group(soffice: str, docx_files: list[Path], out_dir: Path, timeout_s: int) -> None:
    with tempfile.TemporaryDirectory(prefix="convenios-lo-profile-") as profile:
        for start in range(0, len(docx_files), CHUNK_SIZE):
            chunk = docx_files[start : start + CHUNK_SIZE]
            command = [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            subprocess.run(command, check=True, capture_output=True, timeout=timeout_s)
