"""The batch beyond one machine: documents run on the workers of a Dask distributed cluster.

Dask schedules; we do not.  Every Dask worker keeps one guarded pool (see
`extract.executors`) through a worker plugin, and each Dask task walks one
document through the same two guarded trips as a local batch, so a hostile
file costs a guarded process, never a Dask worker.

Workers read the input PDFs by path, so the inputs must be on storage every
worker sees; records travel back to the process that runs the batch, which
alone writes the output folder.  Without a scheduler address the executor
starts a local cluster, one single-threaded worker process per core.
"""

from __future__ import annotations

import multiprocessing
from contextlib import contextmanager
from typing import Iterator

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from extract.errors import BatchError, WorkerCrashedError
from extract.executors import Failure, Job, Limits, Outcome, new_guarded_pool, run_guarded

PLUGIN_NAME = "convenios-guarded-pool"


class GuardedPoolPlugin(WorkerPlugin):
    """Gives each Dask worker one guarded pool, one process per Dask thread."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.pool = None

    def setup(self, worker) -> None:
        self.pool = new_guarded_pool(worker.state.nthreads, self.limits)

    def teardown(self, worker) -> None:
        if self.pool is not None:
            self.pool.stop()
            self.pool.join()


def run_on_dask_worker(job: Job, limits: Limits) -> Outcome:
    """The Dask task: one document's two guarded trips, in the pool of the Dask worker it landed on."""
    return run_guarded(get_worker().plugins[PLUGIN_NAME].pool, job, limits)


def is_daemon_process() -> bool:
    return multiprocessing.current_process().daemon


class DaskExecutor:
    """Runs jobs on the cluster at `scheduler`, or on a local cluster of `workers` processes."""

    def __init__(self, scheduler: str | None, workers: int, limits: Limits):
        self.scheduler = scheduler
        self.workers = workers
        self.limits = limits

    def run(self, jobs: list[Job]) -> Iterator[Outcome]:
        with self._client() as client:
            _check_workers(client)
            client.register_plugin(GuardedPoolPlugin(self.limits), name=PLUGIN_NAME)
            futures = client.map(
                run_on_dask_worker,
                jobs,
                limits=self.limits,
                key=[f"convenio-{job.sha256}" for job in jobs],
            )
            job_of = {future.key: job for future, job in zip(futures, jobs)}
            for future in as_completed(futures):
                yield _outcome(future, job_of[future.key])
                future.release()

    @contextmanager
    def _client(self) -> Iterator[Client]:
        if self.scheduler:
            try:
                client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError) as error:
                raise BatchError(f"cannot reach the Dask scheduler at {self.scheduler} ({error})") from None
            with client:
                yield client
            return
        # Guarded pools are child processes, which Dask's default daemon workers may not have.
        with dask.config.set({"distributed.worker.daemon": False}):
            with LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster, Client(cluster) as client:
                yield client


def _check_workers(client: Client) -> None:
    if not client.scheduler_info()["workers"]:
        raise BatchError("the Dask cluster has no workers; start some with `dask worker ADDRESS`")
    daemonic = sorted(address for address, daemon in client.run(is_daemon_process).items() if daemon)
    if daemonic:
        raise BatchError(
            f"Dask workers {', '.join(daemonic)} run as daemon processes, which may not start the guarded "
            "worker processes; start them with DASK_DISTRIBUTED__WORKER__DAEMON=False"
        )


def _outcome(future, job: Job) -> Outcome:
    try:
        return future.result()
    except Exception as error:  # the Dask worker itself died (KilledWorker) or the task was lost
        crashed = WorkerCrashedError(f"the Dask worker running this document failed ({type(error).__name__}: {error})")
        return Outcome(job.path, Failure.of(job.path, job.sha256, crashed))
