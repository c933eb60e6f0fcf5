"""Run ``readout export`` in this process, in worker processes, or on a Dask cluster.

The export builds every table of :data:`readout.scale.tables.TABLES`. Most of the work is per
article: decoding and segmenting each file, finding mentions and quotations, scoring
sentiment, topic hits, co-mention ties, outlet profiles, the pieces each government said.
An article's rows depend on that article alone, so this work can be split into partitions
of whole articles and run in parallel (:data:`readout.scale.tables.STAGES`). What combines articles is
reduced from the partitions' results: co-mention ties, mention counts and term counts add
up; the calling process builds text reuse from the loaded corpus, and from it the
outlet profiles' shared-copy columns and (once the workers are let go) the framing tables.

Three ways to run it (:func:`export_tables`):

``local``, one process (``jobs=1``, and any corpus smaller than :data:`PARALLEL_MIN_ARTICLES`)
    every table is built here, in order.
``local`` with ``jobs`` > 1 (the default on a corpus of :data:`PARALLEL_MIN_ARTICLES` or more)
    the files are loaded and the per-article stages run in a pool of ``jobs`` worker
    processes on this machine. The workers write the per-article tables this process only
    writes (stages with ``spill``) to part files, which are joined in order at the
    end, so those rows are never held here.
``dask`` (``pip install readout[dask]``)
    the same partitions run on a Dask cluster: a LocalCluster by default, or the
    scheduler at ``--scheduler ADDRESS``. Every result comes back to this process (the
    workers may not share its disk).

Merging is exact. The parts are concatenated and stably re-sorted into the order the
library emits for a whole corpus (each stage's merge rule: articles in corpus or sorted order,
grouped first by variant and unit where the table is); part files are joined in that same
order, byte range by byte range. Every engine writes the same CSV files byte for byte;
``tests/test_engine.py`` and ``tests/test_dask.py`` check it. With ``--format parquet`` the
workers write Arrow part files, joined row range by row range in the same order and cut
into the same Parquet row groups, so the Parquet files too are the same however they were
built.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from readout.corpus.loading import load_corpus
from readout.corpus.model import Corpus, CorpusError
from readout.paths import SEEDS_DIR
from readout.scale.formats import FORMATS, write_table
from readout.scale.output import (
    ExportError,
    StagedTable,
    check_out_folder,
    commit,
    finish_staged,
    frame_dtypes,
    make_staging,
    manifest_for,
    remove_stale_scratch,
)
from readout.scale.part_files import PartFiles, merge_parts, write_part
from readout.scale.partitions import partitions, sub_corpus
from readout.scale.runners import DaskRunner, PoolRunner, Runner, connect, runner_mapper
from readout.scale.tables import (
    STAGES,
    STAGES_BY_NAME,
    TABLES,
    build_table,
    memo_prefixes,
    merge_rule,
    resolve,
)

#: corpora with fewer articles are exported in one process: starting workers costs more
PARALLEL_MIN_ARTICLES = 200


@dataclass
class ExportTimings:
    """Seconds spent per stage (``load`` and each table name) by an export."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def _per_article_task(part, names: list[str], spill: str | None = None, index: int = 0, fmt: str = "csv"):
    """Worker side: run the per-article stages ``names`` on one partition (a sub-corpus).

    Returns (tables, memo, seconds): the stages' results, what they memoised on the
    sub-corpus that the calling process reads later (:data:`readout.scale.tables.MEMOS`), and seconds per stage.
    With a ``spill`` folder, the tables of stages with ``spill`` set are written there in
    format ``fmt`` and come back as a :class:`PartFile` (``seconds["write"]`` is the time that took).
    """
    import gc

    tables, seconds = {}, {}
    ids = part.articles["article_id"].tolist()
    gc.freeze()  # the partition stays alive for the whole task: no need to scan it again and again
    try:
        for name in names:
            t0 = time.perf_counter()
            stage = STAGES_BY_NAME[name]
            tables[name] = resolve(stage.function)(part)
            seconds[name] = time.perf_counter() - t0
            if spill is not None and stage.spill:
                t0 = time.perf_counter()
                path = Path(spill) / f"{name}-{index:05d}.{fmt}"
                tables[name] = write_part(tables[name], stage.merge, ids, path, fmt)
                seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - t0
    finally:
        gc.unfreeze()
    memo = part.memoised(memo_prefixes())
    return tables, memo, seconds


def run_per_article(
    corpus,
    runner: Runner,
    stages: list[str] | None = None,
    n_partitions: int | None = None,
    timings: ExportTimings | None = None,
    progress: Callable | None = None,
    meanwhile: Callable[[], None] | None = None,
    spill: Path | None = None,
    part_format: str = "csv",
) -> dict[str, object]:
    """Run the per-article ``stages`` (default all of :data:`readout.scale.tables.STAGES`) on ``runner``.

    Returns the merged result of each stage (a :class:`PartFiles` for the tables written
    on the workers, given a ``spill`` folder they can write to, in ``part_format``), and seeds ``corpus``'s
    memo with what the partitions memoised that later tables read (:data:`readout.scale.tables.MEMOS`).
    ``meanwhile()``, if given, runs here while the workers are busy (work that needs only
    the loaded corpus). ``timings`` gets each stage's share of the parallel wall time, in
    proportion to its time on the workers.
    """
    stages = list(stages or [s.name for s in STAGES])
    ids = corpus.articles["article_id"].tolist()
    n_partitions = n_partitions or max(runner.workers * 4, len(ids) // 500)
    parts = [sub_corpus(corpus, p) for p in partitions(ids, n_partitions)]
    bar = progress(len(ids), "per-article stages", "article") if progress else None
    t0 = time.perf_counter()
    task = _PartTask(stages, str(spill) if spill is not None else None, part_format)
    futures = [runner.submit(task, part, n) for n, part in enumerate(parts)]
    busy = 0.0
    if meanwhile is not None:
        t1 = time.perf_counter()
        meanwhile()
        busy = time.perf_counter() - t1
    results = []
    for part, future in zip(parts, futures):
        results.append(future.result())
        if bar is not None:
            bar.update(len(part.raw))
    del parts, futures
    if bar is not None:
        bar.close()
    wall = max(time.perf_counter() - t0 - busy, 0.0)
    worker_seconds: dict[str, float] = {}
    for r in results:
        for name, seconds in r[2].items():
            worker_seconds[name] = worker_seconds.get(name, 0.0) + seconds
    # merge one result at a time and let go of its parts, so the parts and the merged tables
    # are not all held at once
    built = {}
    for name in stages:
        built[name] = merge_parts([r[0].pop(name) for r in results], merge_rule(name), ids)
    for key in dict.fromkeys(k for r in results for k in r[1]):
        corpus.remember(key, merge_parts([r[1].pop(key, None) for r in results], merge_rule(key), ids))
    if timings is not None:
        total = sum(worker_seconds.values()) or 1.0
        for name, seconds in worker_seconds.items():
            timings.add(name, wall * seconds / total)
    return built


class _PartTask:
    """A picklable ``(partition, index) -> _per_article_task(partition, stages, spill, index, fmt)``."""

    def __init__(self, stages: list[str], spill: str | None = None, fmt: str = "csv"):
        self.stages, self.spill, self.fmt = stages, spill, fmt

    def __call__(self, part, index: int = 0):
        return _per_article_task(part, self.stages, self.spill, index, self.fmt)


def build_tables(
    corpus,
    runner: Runner | None = None,
    names: list[str] | None = None,
    timings: ExportTimings | None = None,
    before: Callable[[str], None] | None = None,
    progress: Callable | None = None,
    spill: Path | None = None,
    part_format: str = "csv",
):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), in order.

    With a ``runner`` of more than one worker, the per-article stages run there first
    (:func:`run_per_article`) and the remaining tables are built here from their merged
    results; otherwise every table is built here. With a ``spill`` folder, the tables of
    spilled stages come as :class:`PartFiles` (in ``part_format``) instead of DataFrames.
    """
    import gc

    names = list(names or TABLES)
    built: dict[str, object] = {}
    if runner is not None:
        if before is not None:
            before("per-article stages")
        early = [n for n in names if TABLES[n].overlap]

        def meanwhile():  # tables that need only the loaded corpus, while the workers run
            for name, table in build_tables_local(corpus, early, timings):
                built[name] = table

        built.update(
            run_per_article(
                corpus,
                runner,
                timings=timings,
                progress=progress,
                meanwhile=meanwhile,
                spill=spill,
                part_format=part_format,
            )
        )
        if isinstance(runner, PoolRunner):
            # the workers are done: let them go, and hand back what the merges freed, before
            # the tables that combine articles are built here
            runner.close()
            gc.collect()
            release_free_memory()
    yield from _finish_tables(corpus, names, built, timings, before)


def _finish_tables(corpus, names, built, timings, before):
    """The tables of ``names`` in order: finished from a per-article result, merged from
    the workers (``built``), or built here."""

    for name in names:
        spec = TABLES[name]
        if spec.finish is not None and spec.stage in built:
            if before is not None:
                before(name)
            t0 = time.perf_counter()
            table = resolve(spec.finish)(built.pop(spec.stage), corpus)
            if timings is not None:
                timings.add(name, time.perf_counter() - t0)
            yield name, table
        elif name in built and isinstance(built[name], (pd.DataFrame, PartFiles)):
            yield name, built.pop(name)  # not held here once the caller has written it
        else:
            yield from build_tables_local(corpus, [name], timings, before)


def release_free_memory() -> None:
    """Hand memory the allocator holds free back to the system (glibc's ``malloc_trim``).

    Python frees the objects of a finished stage, but the C allocator keeps the pages for
    reuse, so the process stays as large as its peak; trimming lets the resident size fall
    to what is live. Does nothing where the C library has no ``malloc_trim``.
    """
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def build_tables_local(
    corpus,
    names: list[str] | None = None,
    timings: ExportTimings | None = None,
    before: Callable[[str], None] | None = None,
):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), built here."""

    for name in list(names or TABLES):
        if before is not None:
            before(name)
        t0 = time.perf_counter()
        table = build_table(name, corpus)
        if timings is not None:
            timings.add(name, time.perf_counter() - t0)
        yield name, table


def default_jobs() -> int:
    """Worker processes for a local export: one per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


class TableError(RuntimeError):
    """A table could not be built; the message names it and the error underneath."""


class ExportInterrupted(KeyboardInterrupt):
    """An export stopped by SIGINT or SIGTERM; ``signal`` is the signal's number."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signal.Signals(signum).name)
        self.signal = int(signum)


class _Interrupts:
    """What :func:`_terminate_raises` saw: the signal of an interruption Python swallowed."""

    def __init__(self) -> None:
        self.swallowed: int | None = None

    def check(self) -> None:
        """Raise :class:`ExportInterrupted` if an interruption was swallowed on its way."""
        if self.swallowed is not None:
            raise ExportInterrupted(self.swallowed)


@contextmanager
def _terminate_raises():
    """While an export runs in the main thread, SIGTERM raises :class:`ExportInterrupted`
    (as SIGINT raises KeyboardInterrupt), so the clean-up in ``finally`` blocks runs.

    A signal that lands where Python cannot raise (a fork hook, a ``__del__``) is reported
    to :data:`sys.unraisablehook` and dropped; meanwhile that hook keeps it, without a
    traceback, and the yielded :class:`_Interrupts` raises it at the next ``check``.
    """
    interrupts = _Interrupts()
    if threading.current_thread() is not threading.main_thread():
        yield interrupts
        return

    def handler(signum, frame):
        raise ExportInterrupted(signum)

    earlier_hook = sys.unraisablehook

    def keep_interruption(unraisable) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            interrupts.swallowed = getattr(unraisable.exc_value, "signal", int(signal.SIGINT))
        else:
            earlier_hook(unraisable)

    previous = signal.signal(signal.SIGTERM, handler)
    sys.unraisablehook = keep_interruption
    try:
        yield interrupts
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = earlier_hook


def export_tables(
    corpus_path,
    out,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable | None = None,
    timings: ExportTimings | None = None,
    client=None,
    jobs: int | None = None,
    spreadsheet_safe: bool = False,
    table_format: str = "csv",
) -> tuple[Corpus, list[str]]:
    """Load ``corpus_path`` and write every table as ``out/<name>.csv``; return (corpus, names).

    ``table_format`` "parquet" writes ``out/<name>.parquet`` instead (column types kept;
    :mod:`readout.scale.formats`); the manifest names each table's file.

    The tables are written under temporary names and moved into ``out`` only when all are
    complete, then ``out/export.json`` is written (:mod:`readout.scale.output`); interrupted
    (SIGINT, SIGTERM), the export stops its workers, removes what it wrote and raises
    :class:`ExportInterrupted` (a KeyboardInterrupt). ``out`` must be missing, empty or an
    earlier export's folder, outside the corpus folder.

    ``engine`` is ``local`` or ``dask``. ``jobs`` is the number of worker processes of the
    local engine (default: one per core; used on corpora of :data:`PARALLEL_MIN_ARTICLES`
    articles or more, and ``1`` keeps everything in this process). ``scheduler`` is a Dask
    scheduler address (default: a LocalCluster with one worker per core), or pass a
    ``client``. ``progress(total, desc, unit)`` returns a progress bar (``update``,
    ``set_postfix_str``, ``close``) or None; the CLI passes tqdm on a terminal.
    ``timings`` collects seconds per stage. ``spreadsheet_safe``: write the variant for
    spreadsheet programs (:func:`readout.scale.output.spreadsheet_safe_field`; offsets no
    longer index the text). Raises :class:`readout.corpus.model.CorpusError` for a corpus
    that cannot be loaded, :class:`readout.scale.output.ExportError` for an ``out`` that
    cannot be used, and ValueError for an unknown engine or table format, or for
    ``spreadsheet_safe`` with Parquet (it applies to CSV only).
    """

    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    if table_format not in FORMATS:
        raise ValueError(f"unknown table format {table_format!r}; use {' or '.join(map(repr, FORMATS))}")
    if spreadsheet_safe and table_format != "csv":
        raise ValueError("spreadsheet_safe applies to CSV tables only")
    folder = Path(corpus_path) if corpus_path else SEEDS_DIR
    out = Path(out)
    check_out_folder(out, folder)
    remove_stale_scratch(out)
    import gc

    timings = timings if timings is not None else ExportTimings()
    names = list(TABLES)
    with _terminate_raises() as interrupts:
        staging = make_staging(out)
        runner: Runner | None = None
        try:
            corpus, runner, staged = _write_tables(
                corpus_path,
                folder,
                staging,
                names,
                engine,
                scheduler,
                progress,
                timings,
                client,
                jobs,
                spreadsheet_safe,
                table_format,
                interrupts.check,
            )
            interrupts.check()
            t0 = time.perf_counter()
            manifest = manifest_for(
                staged, corpus.fingerprint, folder, len(corpus.raw), engine=engine, spreadsheet_safe=spreadsheet_safe
            )
            commit(out, staging, manifest)
            timings.add("write", time.perf_counter() - t0)
        except BaseException:
            if runner is not None:
                runner.close(now=True)  # stop the workers where they are
                runner = None
            raise
        finally:
            gc.unfreeze()
            if runner is not None:
                runner.close()
            shutil.rmtree(staging, ignore_errors=True)
    return corpus, names


def _write_tables(
    corpus_path,
    folder,
    staging,
    names,
    engine,
    scheduler,
    progress,
    timings,
    client,
    jobs,
    spreadsheet_safe,
    table_format="csv",
    check_interrupted: Callable[[], None] = lambda: None,
):
    """Load the corpus and write every table of ``names`` to ``staging`` in ``table_format``;
    returns (corpus, runner, staged tables by name). ``check_interrupted`` is called before
    each table (it raises if the export was interrupted)."""
    import gc

    staged: dict[str, StagedTable] = {}
    at = ["loading the corpus"]  # what is being built, named in an error
    t0 = time.perf_counter()
    runner: Runner | None = None
    if engine == "dask":
        runner = DaskRunner(client, own=False) if client is not None else DaskRunner(connect(scheduler), own=True)
    else:
        n_files = sum(1 for _ in folder.glob("*.txt")) if folder.is_dir() else 0
        jobs = default_jobs() if jobs is None else max(1, int(jobs))
        if jobs > 1 and n_files >= PARALLEL_MIN_ARTICLES:
            runner = PoolRunner(jobs)
    try:
        # loading goes through a mapper only to run on workers or to count articles on a bar
        mapper = runner_mapper(runner or Runner(), progress=progress) if runner is not None or progress else None
        corpus = load_corpus(corpus_path, mapper=mapper)
        timings.add("load", time.perf_counter() - t0)
        # The loaded corpus lives until the export ends: keep the cyclic garbage collector
        # from scanning its millions of objects again and again (undone by the caller).
        gc.freeze()
        bar = progress(len(names), "tables", "table") if progress else None
        at[0] = "the per-article stages" if runner is not None else f"table {names[0]}"

        def before(name: str) -> None:
            check_interrupted()
            at[0] = f"table {name}"
            if bar is not None:
                bar.set_postfix_str(name)

        # the local engine's workers write the tables only written here to part files in
        # the staging folder (removed with it)
        spill = staging / "parts" if isinstance(runner, PoolRunner) else None
        if spill is not None:
            spill.mkdir()
        for name, table in build_tables(
            corpus,
            runner,
            names,
            timings=timings,
            before=before,
            progress=progress,
            spill=spill,
            part_format="csv" if table_format == "csv" else "arrow",
        ):
            t0 = time.perf_counter()
            path = staging / f"{name}.{table_format}"
            if isinstance(table, PartFiles):
                if table.write(path):
                    rows, dtypes = table.rows, table.dtypes
                else:
                    # the partitions' column types differ: build this table here, in one piece
                    timings.add("write", time.perf_counter() - t0)
                    ((name, table),) = build_tables_local(corpus, [name], timings, before)
                    t0 = time.perf_counter()
            if isinstance(table, pd.DataFrame):
                write_table(table, staging / name, table_format)
                rows, dtypes = len(table), frame_dtypes(table)
            staged[name] = finish_staged(path, rows, dtypes, spreadsheet_safe)
            timings.add("write", time.perf_counter() - t0)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if spill is not None:
            shutil.rmtree(spill, ignore_errors=True)
    except (CorpusError, ExportError):
        if runner is not None:
            runner.close(now=True)
        raise
    except Exception as exc:
        if runner is not None:
            runner.close(now=True)
        raise TableError(f"{at[0]}: {type(exc).__name__}: {exc}") from exc
    except BaseException:
        if runner is not None:
            runner.close(now=True)
        raise
    return corpus, runner, staged


def print_timings(timings: ExportTimings, n_articles: int, file=sys.stderr) -> None:
    """Seconds and articles per second of each stage, in the order they ran (writing last)."""
    for name, seconds in sorted(timings.seconds.items(), key=lambda item: item[0] == "write"):
        rate = n_articles / seconds if seconds > 0 else float("inf")
        print(f"  {name:<18} {seconds:8.3f} s  {rate:12.1f} articles/s", file=file)
