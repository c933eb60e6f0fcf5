"""Runners: where partitions run (this process, a pool of worker processes, or a Dask cluster)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from readout.corpus.loading import try_load_article


def _load_batch(tasks):

    return [try_load_article(*task) for task in tasks]


class Runner:
    """Runs a function over items, in order: one process, a pool of processes, or Dask."""

    workers = 1

    def map(self, func: Callable, items: list) -> list:
        """``[func(item) for item in items]``, in order."""
        return [func(item) for item in items]

    def imap(self, func: Callable, items: list):
        """Yield ``func(item)`` for each item, in order, as results arrive."""
        for item in items:
            yield func(item)

    def submit(self, func: Callable, *args):
        """Start ``func(*args)``; returns an object whose ``result()`` gives its value."""
        return _Done(func(*args))

    def close(self, now: bool = False) -> None:
        """Let the workers go; ``now``: stop them at once (an interrupted export)."""


class _Done:
    """The result of work already done, with the ``result()`` of a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def _worker_init(parent: int) -> None:
    """In each worker: leave Ctrl-C to the calling process (which stops the workers), and die
    with it if it is killed (Linux's parent-death signal), so no worker outlives an export."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the calling process's handler, inherited by fork
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was set up
            os._exit(1)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


class PoolRunner(Runner):
    """Worker processes on this machine (fork where the platform has it: no re-import).

    The workers ignore SIGINT and get SIGTERM when the calling process dies; :meth:`close`
    with ``now`` terminates them.
    """

    def __init__(self, jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.workers = jobs
        self._pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
        )

    def map(self, func, items):
        return list(self._pool.map(func, items))

    def imap(self, func, items):
        yield from self._pool.map(func, items)

    def submit(self, func, *args):
        return self._pool.submit(func, *args)

    def close(self, now: bool = False):
        if not now:
            self._pool.shutdown()
            return
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():  # pragma: no cover - a worker ignoring SIGTERM
                process.kill()
                process.join(timeout=5)


class DaskRunner(Runner):
    """Tasks on a Dask cluster through a ``distributed.Client``."""

    def __init__(self, client, own: bool = False):
        self.client, self._own = client, own
        self.workers = len(client.scheduler_info().get("workers", {})) or 1

    def map(self, func, items):
        return self.client.gather(self.client.map(func, items, pure=False))

    def imap(self, func, items):
        for future in self.client.map(func, items, pure=False):
            yield future.result()

    def submit(self, func, *args):
        return self.client.submit(func, *args, pure=False)

    def close(self, now: bool = False):
        if self._own:
            cluster = self.client.cluster
            self.client.close()
            if cluster is not None:
                cluster.close()


def connect(scheduler: str | None = None, n_workers: int | None = None, processes: bool = True):
    """A ``distributed.Client``: to ``scheduler`` if given, else to a new LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the install
        raise RuntimeError("the dask engine needs the optional extra: pip install 'readout[dask]'") from None
    if scheduler:
        return Client(scheduler)
    n_workers = n_workers or os.cpu_count() or 1
    # bound to the loopback interface: a local cluster serves no one else
    cluster = LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=processes, host="127.0.0.1", dashboard_address=None
    )
    return Client(cluster)


def runner_mapper(runner: Runner, batch_size: int = 100, progress: Callable | None = None) -> Callable:
    """A ``mapper`` for :func:`readout.corpus.loading.load_corpus` that loads batches of files on ``runner``."""

    def mapper(func, tasks):
        batches = [tasks[i : i + batch_size] for i in range(0, len(tasks), batch_size)]
        bar = progress(len(tasks), "load", "article") if progress else None
        out = []
        for batch, results in zip(batches, runner.imap(_load_batch, batches)):
            out.extend(results)
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
        return out

    return mapper
