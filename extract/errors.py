"""The project's own exceptions: every failure a user can see is one of these.

Each carries the pipeline stage it happened in and a message that says what
to do about it; library exceptions are caught where they come in and turned
into one of these, so a batch report never shows a bare traceback.
"""

from __future__ import annotations


class ConveniosError(Exception):
    """Base of every error the pipeline reports for one document."""

    stage = "pipeline"

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(ConveniosError):
    """The file is not something we can read at all (missing, empty, not a PDF)."""

    stage = "input"


class EncryptedPdfError(InputError):
    """The PDF needs a password we were not given."""


class CorruptPdfError(InputError):
    """The PDF is damaged beyond what repair can rescue."""


class NotAConvenioError(ConveniosError):
    """The PDF reads fine but is not a convenio of this genre."""

    stage = "fields"


class OcrError(ConveniosError):
    """OCR could not run (Tesseract missing, or failed on a page)."""

    stage = "ocr"


class DocumentTimeoutError(ConveniosError):
    """Processing one document took longer than the configured limit."""

    stage = "pipeline"


class MemoryLimitError(ConveniosError):
    """One document needed more memory than a worker may use."""

    stage = "pipeline"


class WorkerCrashedError(ConveniosError):
    """The worker process died while extracting a document (a library crashed on it)."""

    stage = "pipeline"


class BatchError(ConveniosError):
    """The batch as a whole cannot run (output folder in use, cluster unreachable or misconfigured)."""

    stage = "batch"


class CorrectionError(ConveniosError):
    """A reviewer's correction that cannot be saved or read; nothing is written."""

    stage = "corrections"
