"""Where a batch's documents run: guarded worker processes, on this machine or on a Dask cluster.

A document is extracted in a worker process that the batch can afford to
lose.  The worker's address space is capped (`RLIMIT_AS`), so a document that
would exhaust memory fails alone; the worker is killed when the document runs
past its time limit, which grows with its page count; a worker that dies is
replaced, and the batch goes on.  The pool of guarded workers is pebble's, a
process pool that kills and replaces a worker per task.  Each document takes
two trips to the pool:

    count pages   (limit: `Limits.seconds_base`)   a hostile file hangs or fails here, cheaply
    extract       (limit: `Limits.seconds_for(pages)`)

Both trips return an `Outcome`: the record's JSON, or a `Failure` (one row of
the batch's errors table).  Nothing a worker raises, and no way a worker dies,
gets past `run_guarded` as an exception.

Two executors hand documents to guarded pools:

    LocalExecutor   one pool of `workers` processes on this machine
    DaskExecutor    one pool inside every worker of a Dask cluster (`extract.dask_executor`)
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
from concurrent.futures import CancelledError, ThreadPoolExecutor, TimeoutError as FutureTimeout, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Protocol

import pebble

from extract.errors import (
    BatchError,
    ConveniosError,
    DocumentTimeoutError,
    InputError,
    MemoryLimitError,
    WorkerCrashedError,
)
from extract.export import record_json
from extract.pdf import page_count
from extract.pipeline import StageTimes
from schemas import Convenio

# A worker process is replaced after this many documents, so that memory a
# library never gives back (caches, heap fragmentation) cannot pile up over
# an archive.  Replacing one costs a fork from the preloaded server.
DOCUMENTS_PER_WORKER_PROCESS = 100

_MEBIBYTE = 1024 * 1024

# Address space of a worker process, libraries included: a loaded worker maps
# about 0.8 GiB before it reads anything, and rendering a Letter page at 300
# dpi for OCR needs a few hundred MiB more.
DEFAULT_MEMORY_MIB = 4096


class Extractor(Protocol):
    """The per-document function: PDF bytes and file name in, validated record out."""

    def __call__(self, data: bytes, name: str, *, times: StageTimes) -> Convenio: ...


@dataclass(frozen=True)
class Limits:
    """How much time and memory one document may take."""

    seconds_base: float = 60.0
    # OCR at 300 dpi takes a few seconds a page on one core; a slow scan, twice that.
    seconds_per_page: float = 15.0
    memory_mib: int = DEFAULT_MEMORY_MIB

    def seconds_for(self, pages: int) -> float:
        return self.seconds_base + self.seconds_per_page * pages


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` can allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) or 1


def default_memory_mib(workers: int) -> int:
    """4 GiB of address space a worker, less when the machine's memory shared by the workers is less."""
    physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // _MEBIBYTE
    return max(1536, min(DEFAULT_MEMORY_MIB, physical // max(workers, 1)))


@dataclass(frozen=True, slots=True)
class Job:
    """One document to extract; `sha256` is the batch's hash of the file, for the errors table."""

    path: str
    sha256: str
    extractor: Extractor


@dataclass(frozen=True, slots=True)
class Failure:
    """One row of the errors table: which file, at which stage, what went wrong."""

    archivo: str
    sha256: str | None
    etapa: str
    clase: str
    mensaje: str

    @classmethod
    def of(cls, path: str, sha256: str | None, error: ConveniosError, stage: str | None = None) -> Failure:
        return cls(path, sha256, stage or error.stage, type(error).__name__, error.message)


@dataclass(frozen=True, slots=True)
class Extracted:
    """A validated record, serialized in the worker."""

    record_json: str
    sha256: str
    pages: int
    warnings: int


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one document, and the worker's peak memory so far (None if the worker died)."""

    path: str
    result: Extracted | Failure
    worker_peak_mib: float | None = None


class Executor(Protocol):
    """Runs jobs and yields their outcomes as they finish, in any order."""

    def run(self, jobs: list[Job]) -> Iterator[Outcome]: ...


# --- inside a worker process -------------------------------------------------


def prepare_worker(memory_mib: int) -> None:
    """Pool initializer: cap the address space, and leave Ctrl-C to the batch."""
    limit = memory_mib * _MEBIBYTE
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
    # Ctrl-C reaches every process of the terminal's group; the batch stops
    # the workers itself rather than have each die with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _StageTracker(StageTimes):
    """Stage times that also remember the stage running now, to name it when a library fails."""

    def __init__(self) -> None:
        super().__init__()
        self.current = "input"

    @contextmanager
    def stage(self, name: str):
        self.current = name
        with super().stage(name):
            yield


def _peak_memory_mib() -> float:
    # ru_maxrss is in KiB on Linux; children are the Tesseract runs.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _memory_failure(job: Job, stage: str, memory_mib: int) -> Failure:
    error = MemoryLimitError(
        f"the document needs more than the {memory_mib} MiB a worker may use; "
        "raise --memory-limit to try it again"
    )
    return Failure.of(job.path, job.sha256, error, stage)


def count_pages(job: Job, memory_mib: int) -> int | Outcome:
    """First trip: the page count that sets the extraction's time limit, or why the file cannot be read."""
    try:
        return page_count(Path(job.path).read_bytes())
    except ConveniosError as error:
        result = Failure.of(job.path, job.sha256, error)
    except OSError as error:
        result = Failure.of(job.path, job.sha256, InputError(f"cannot read the file ({error.strerror})"))
    except MemoryError:
        result = _memory_failure(job, "pdf", memory_mib)
    except Exception as error:  # a library's bug must fail this document, not the batch
        result = Failure(job.path, job.sha256, "pdf", type(error).__name__, str(error) or repr(error))
    return Outcome(job.path, result, _peak_memory_mib())


def extract_document(job: Job, memory_mib: int) -> Outcome:
    """Second trip: the whole pipeline on one document; the record comes back as JSON text."""
    tracker = _StageTracker()
    try:
        record = job.extractor(Path(job.path).read_bytes(), Path(job.path).name, times=tracker)
        result: Extracted | Failure = Extracted(
            record_json(record), record.documento.sha256, record.documento.paginas, len(record.advertencias)
        )
    except ConveniosError as error:
        result = Failure.of(job.path, job.sha256, error)
    except OSError as error:
        result = Failure.of(job.path, job.sha256, InputError(f"cannot read the file ({error.strerror})"))
    except MemoryError:
        result = _memory_failure(job, tracker.current, memory_mib)
    except Exception as error:  # a library's bug must fail this document, not the batch
        result = Failure(job.path, job.sha256, tracker.current, type(error).__name__, str(error) or repr(error))
    return Outcome(job.path, result, _peak_memory_mib())


# --- around a worker process -------------------------------------------------


def new_guarded_pool(workers: int, limits: Limits) -> pebble.ProcessPool:
    """Worker processes forked from a server that has the pipeline loaded, memory capped."""
    # A fork server rather than plain fork: the batch has threads (progress
    # bar, guards) whose locks a plain fork would copy mid-use; and rather
    # than spawn, because a fresh interpreter takes seconds to import the pipeline.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["extract.pipeline"])
    return pebble.ProcessPool(
        max_workers=workers,
        max_tasks=2 * DOCUMENTS_PER_WORKER_PROCESS,  # two trips a document
        initializer=prepare_worker,
        initargs=(limits.memory_mib,),
        context=context,
    )


def run_guarded(pool: pebble.ProcessPool, job: Job, limits: Limits) -> Outcome:
    """Count pages, then extract, each trip under its time limit; always returns an Outcome."""
    counted = _await(
        pool.schedule(count_pages, (job, limits.memory_mib), timeout=limits.seconds_base),
        job,
        lambda: DocumentTimeoutError(
            f"opening the PDF took longer than {limits.seconds_base:.0f} s: the reader is stuck on it "
            "(raise --timeout if the file is only very large)"
        ),
        limits,
    )
    if isinstance(counted, Outcome):
        return counted
    seconds = limits.seconds_for(counted)
    return _await(
        pool.schedule(extract_document, (job, limits.memory_mib), timeout=seconds),
        job,
        lambda: DocumentTimeoutError(
            f"extraction took longer than {seconds:.0f} s ({limits.seconds_base:.0f} s + "
            f"{limits.seconds_per_page:g} s x {counted} pages); raise --timeout or --timeout-per-page "
            "if such documents are expected"
        ),
        limits,
    )


def _await(future: pebble.ProcessFuture, job: Job, timeout_error, limits: Limits):
    try:
        return future.result()
    except FutureTimeout:
        return Outcome(job.path, Failure.of(job.path, job.sha256, timeout_error()))
    except pebble.ProcessExpired as expired:
        return Outcome(job.path, Failure.of(job.path, job.sha256, _crash_error(expired.exitcode, limits)))
    except CancelledError:
        error = BatchError("the batch was stopped before this document was done")
        return Outcome(job.path, Failure.of(job.path, job.sha256, error))
    except Exception as error:  # the result could not travel back (pickling), or the pool broke
        return Outcome(job.path, Failure(job.path, job.sha256, "pipeline", type(error).__name__, str(error) or repr(error)))


def _crash_error(exitcode: int | None, limits: Limits) -> WorkerCrashedError:
    if exitcode is not None and exitcode < 0:
        how = f"was killed by {signal.Signals(-exitcode).name}"
    else:
        how = f"exited with status {exitcode}"
    return WorkerCrashedError(
        f"the worker process {how} while reading this document: a library crashed on it, "
        f"often from hitting the {limits.memory_mib} MiB memory limit (--memory-limit)"
    )


class LocalExecutor:
    """`workers` guarded processes on this machine."""

    def __init__(self, workers: int, limits: Limits):
        self.workers = workers
        self.limits = limits

    def run(self, jobs: list[Job]) -> Iterator[Outcome]:
        pool = new_guarded_pool(self.workers, self.limits)
        # One thread per worker walks a document through its two trips, so at
        # most `workers` documents are in flight and each has its own clock.
        guards = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="convenios-guard")
        try:
            futures = [guards.submit(run_guarded, pool, job, self.limits) for job in jobs]
            for future in as_completed(futures):
                yield future.result()
        finally:
            guards.shutdown(wait=False, cancel_futures=True)
            pool.stop()
            pool.join()


def executor_for(name: str, *, workers: int, limits: Limits, scheduler: str | None = None) -> Executor:
    """'local' or 'dask' (with an optional scheduler address)."""
    if name == "local":
        if scheduler:
            raise BatchError("--scheduler needs --executor dask")
        return LocalExecutor(workers, limits)
    if name == "dask":
        # Imported only when asked for: Dask is heavy and a local batch never needs it.
        from extract.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, workers, limits)
    raise BatchError(f"unknown executor {name!r}: use 'local' or 'dask'")
