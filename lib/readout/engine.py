"""Run ``readout export`` in this process, in worker processes, or on a Dask cluster.

The export builds every table of :data:`readout.tables.TABLES`. Most of the work is per
article: decoding and segmenting each file, finding mentions and quotations, scoring
sentiment, topic hits, the pieces each government said. An article's rows depend on that
article alone, so this work can be split into partitions of whole articles and run in
parallel; the tables that combine articles (co-mention edges, text reuse, outlet profiles,
framing counts) are then reduced in the calling process from the merged per-article rows.

Three ways to run it (:func:`export_tables`):

``local``, one process (``jobs=1``, and any corpus smaller than :data:`PARALLEL_MIN_ARTICLES`)
    every table is built here, in order.
``local`` with ``jobs`` > 1 (the default on a corpus of :data:`PARALLEL_MIN_ARTICLES` or more)
    the files are loaded and the per-article stages run in a pool of ``jobs`` worker
    processes on this machine.
``dask`` (``pip install readout[dask]``)
    the same partitions run on a Dask cluster: a LocalCluster by default, or the
    scheduler at ``--scheduler ADDRESS``.

Merging is exact. Each partition returns its tables and whatever it memoised on its
sub-corpus (``corpus.cached``: the mention and quote ledgers, the scored units, the side
pieces); the parts are concatenated and stably re-sorted into the order the library emits
for a whole corpus (:data:`MERGE_ORDER`: articles in corpus or sorted order, grouped first
by variant and unit where the table is), and seeded into the calling process's corpus, so
the aggregations read them instead of recomputing. Every engine writes the same CSV files
byte for byte; ``tests/test_dask.py`` checks it.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

#: Per-article stages run on the workers, in this order: name -> "module:function". The
#: function takes a corpus; names that are tables of TABLES are exported, the others only
#: memoise what later tables need (``side_pieces``: :func:`readout.framing.article_pieces`).
PER_ARTICLE: dict[str, str] = {
    "mentions": "readout.actors:find_mentions",
    "quotes": "readout.quotes:extract_quotes",
    "sentiment": "readout.sentiment:score_sentiment",
    "topics": "readout.compare:article_topics",
    "side_pieces": "readout.framing:article_pieces",
    "term_counts": "readout.framing:analysed_term_counts",
}

#: How rows of per-article results are ordered on a whole corpus, by table name or by the
#: prefix of a ``corpus.cached`` key: a tuple of sort keys, each a column with its order
#: (a tuple of values; others follow in order of appearance), or ``"corpus"`` / ``"sorted"``
#: for articles in corpus order or sorted by id; ``"sum"`` for counts (a tuple of
#: Counters) that add up over partitions. Memoised results not listed are not merged:
#: the calling process recomputes them if it needs them.
MERGE_ORDER: dict[str, tuple] = {
    "mentions": ("corpus",),
    "actors.find_mentions:": ("corpus",),
    "quotes": ("corpus",),
    "quotes:": ("corpus",),
    "sentiment": (("variant", ("plain", "diplomatic")), ("unit", ("quote", "sentence")), "corpus"),
    "sentiment:": (("variant", ("plain", "diplomatic")), ("unit", ("quote", "sentence")), "corpus"),
    "topics": ("sorted",),
    "topic_hits:": ("sorted",),
    "framing.article_pieces:": ("sorted",),
    "term_counts": "sum",
    "framing.analysed_terms": "sum",
}

#: corpora with fewer articles are exported in one process: starting workers costs more
PARALLEL_MIN_ARTICLES = 200


@dataclass
class ExportTimings:
    """Seconds spent per stage (``load`` and each table name) by an export."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


# --------------------------------------------------------------------------- partitions


def sub_corpus(corpus, article_ids):
    """A :class:`readout.corpus.Corpus` holding only ``article_ids`` (same folder, empty cache)."""
    from readout.corpus import Corpus

    ids = set(article_ids)

    def take(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["article_id"].isin(ids)].reset_index(drop=True)

    return Corpus(
        folder=corpus.folder,
        raw={k: v for k, v in corpus.raw.items() if k in ids},
        articles=take(corpus.articles),
        paragraphs=take(corpus.paragraphs),
        sentences=take(corpus.sentences),
        warnings=[],
    )


def partitions(article_ids, n: int) -> list[list[str]]:
    """Split ``article_ids`` (in corpus order) into ``n`` contiguous, near-equal partitions."""
    ids = list(article_ids)
    n = max(1, min(n, len(ids)))
    size, extra = divmod(len(ids), n)
    out, at = [], 0
    for i in range(n):
        step = size + (1 if i < extra else 0)
        out.append(ids[at : at + step])
        at += step
    return [p for p in out if p]


def merge_order(name: str) -> tuple | None:
    """The :data:`MERGE_ORDER` entry for a table name or a cache key, or None."""
    if name in MERGE_ORDER:
        return MERGE_ORDER[name]
    return next((order for prefix, order in MERGE_ORDER.items() if prefix.endswith(":") and name.startswith(prefix)),
                None)


def merge_frames(frames: list[pd.DataFrame], order: tuple = (), article_ids=None) -> pd.DataFrame:
    """Concatenate per-partition tables and stably sort them into whole-corpus order.

    ``order`` is a tuple of sort keys (see :data:`MERGE_ORDER`): a column name (values
    ranked by first appearance), a ``(column, values)`` pair (ranked in that order, others
    after), or ``"corpus"`` / ``"sorted"`` (the article_id column ranked by its position in
    ``article_ids``, or by sorted id). Rows that tie keep their concatenation order, which
    within a partition is the order the library produced them in.
    """
    frames = [f for f in frames if f is not None]
    merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if order and len(merged):
        keys = []
        for spec in order:
            if spec in ("corpus", "sorted"):
                ids = list(article_ids) if article_ids is not None and spec == "corpus" else None
                if ids is None:
                    ids = sorted(pd.unique(merged["article_id"]))
                rank = {aid: i for i, aid in enumerate(ids)}
                keys.append(merged["article_id"].map(rank).fillna(len(rank)))
                continue
            column, values = spec if isinstance(spec, tuple) else (spec, ())
            if column not in merged.columns:
                continue
            rank = {v: i for i, v in enumerate(values)}
            for v in pd.unique(merged[column]):
                rank.setdefault(v, len(rank))
            keys.append(merged[column].map(rank))
        if keys:
            frame = pd.DataFrame({f"_k{i}": k.to_numpy() for i, k in enumerate(keys)})
            merged = merged.iloc[frame.sort_values(list(frame.columns), kind="stable").index].reset_index(drop=True)
    if frames:
        merged = merged.astype(frames[0].dtypes.to_dict(), errors="ignore")
    return merged


def _per_article_task(part, names: list[str]):
    """Worker side: run the per-article stages ``names`` on one partition (a sub-corpus).

    Returns (tables, memo, seconds): the stages' results, the DataFrames they memoised on
    the sub-corpus that :data:`MERGE_ORDER` knows how to merge, and seconds per stage.
    """
    import gc
    from importlib import import_module

    tables, seconds = {}, {}
    gc.freeze()  # the partition stays alive for the whole task: no need to scan it again and again
    try:
        for name in names:
            module_name, func_name = PER_ARTICLE[name].split(":")
            t0 = time.perf_counter()
            tables[name] = getattr(import_module(module_name), func_name)(part)
            seconds[name] = time.perf_counter() - t0
    finally:
        gc.unfreeze()
    memo = {k: v for k, v in part._cache.items()
            if (order := merge_order(k)) is not None and (isinstance(v, pd.DataFrame) or order == "sum")}
    return tables, memo, seconds


def merge_parts(parts: list, order, article_ids=None):
    """Merge one per-article result over partitions: tables by :func:`merge_frames`, counts by summing."""
    if order == "sum":
        parts = [p for p in parts if p is not None]
        totals = tuple(type(c)() for c in parts[0])
        for part in parts:
            for total, counts in zip(totals, part):
                total.update(counts)
        return totals
    return merge_frames(parts, order or (), article_ids)


def _load_batch(tasks):
    from readout.corpus import _try_load_article

    return [_try_load_article(*task) for task in tasks]


# --------------------------------------------------------------------------- runners


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

    def close(self) -> None:
        pass


class _Done:
    """The result of work already done, with the ``result()`` of a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class PoolRunner(Runner):
    """Worker processes on this machine (fork where the platform has it: no re-import)."""

    def __init__(self, jobs: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)

    def map(self, func, items):
        return list(self._pool.map(func, items))

    def imap(self, func, items):
        yield from self._pool.map(func, items)

    def submit(self, func, *args):
        return self._pool.submit(func, *args)

    def close(self):
        self._pool.shutdown()


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

    def close(self):
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
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=processes,
                           host="127.0.0.1", dashboard_address=None)
    return Client(cluster)


def runner_mapper(runner: Runner, batch_size: int = 100, progress: Callable | None = None) -> Callable:
    """A ``mapper`` for :func:`readout.corpus.load_corpus` that loads batches of files on ``runner``."""

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


# --------------------------------------------------------------------------- building tables


def run_per_article(corpus, runner: Runner, stages: list[str] | None = None, n_partitions: int | None = None,
                    timings: ExportTimings | None = None, progress: Callable | None = None,
                    meanwhile: Callable[[], None] | None = None) -> dict[str, pd.DataFrame]:
    """Run the per-article ``stages`` (default all of :data:`PER_ARTICLE`) on ``runner``.

    Returns the merged result of each stage, and seeds ``corpus``'s memo with what the
    partitions memoised, merged, so later tables reuse it. ``meanwhile()``, if given, runs
    here while the workers are busy (work that needs only the loaded corpus). ``timings``
    gets each stage's share of the parallel wall time, in proportion to its time on the
    workers.
    """
    stages = list(stages or PER_ARTICLE)
    ids = corpus.articles["article_id"].tolist()
    n_partitions = n_partitions or max(runner.workers * 4, len(ids) // 500)
    parts = [sub_corpus(corpus, p) for p in partitions(ids, n_partitions)]
    bar = progress(len(ids), "per-article stages", "article") if progress else None
    t0 = time.perf_counter()
    task = _PartTask(stages)
    futures = [runner.submit(task, part) for part in parts]
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
    if bar is not None:
        bar.close()
    wall = max(time.perf_counter() - t0 - busy, 0.0)
    worker_seconds = {n: sum(r[2][n] for r in results) for n in stages}
    # merge one result at a time and let go of its parts, so the parts and the merged tables
    # are not all held at once
    built = {}
    for name in stages:
        built[name] = merge_parts([r[0].pop(name) for r in results], merge_order(name), ids)
    for key in dict.fromkeys(k for r in results for k in r[1]):
        parts = [r[1].pop(key, None) for r in results]
        if not key.startswith(_NOT_SEEDED):
            corpus._cache[key] = merge_parts(parts, merge_order(key), ids)
        del parts
    if timings is not None:
        total = sum(worker_seconds.values()) or 1.0
        for name in stages:
            timings.add(name, wall * worker_seconds[name] / total)
    return built


#: memoised results no later table reads: not kept once their own table is built
_NOT_SEEDED = ("sentiment:",)


class _PartTask:
    """A picklable ``partition -> _per_article_task(partition, stages)``."""

    def __init__(self, stages: list[str]):
        self.stages = stages

    def __call__(self, part):
        return _per_article_task(part, self.stages)


def build_tables(corpus, runner: Runner | None = None, names: list[str] | None = None,
                 timings: ExportTimings | None = None, before: Callable[[str], None] | None = None,
                 progress: Callable | None = None):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), in order.

    With a ``runner`` of more than one worker, the per-article stages run there first
    (:func:`run_per_article`) and the remaining tables are built here from their merged
    results; otherwise every table is built here.
    """
    from readout.tables import TABLES

    names = list(names or TABLES)
    built: dict[str, pd.DataFrame] = {}
    remote: dict[str, object] = {}
    if runner is not None:
        if before is not None:
            before("per-article stages")
        early = [n for n in OVERLAP if n in names]

        def meanwhile():  # tables that need only the loaded corpus, while the workers run
            for name, table in build_tables_local(corpus, early, timings):
                built[name] = table

        built.update(run_per_article(corpus, runner, timings=timings, progress=progress, meanwhile=meanwhile))
        if isinstance(runner, PoolRunner) and any(n in names for n in FRAMING_TABLES):
            future = runner.submit(_framing_task, _framing_bundle(corpus))
            remote = {n: future for n in FRAMING_TABLES if n in names}
    for name in names:
        if name in remote:
            if before is not None:
                before(name)
            t0 = time.perf_counter()
            tables, seconds = remote[name].result()
            if timings is not None:  # the wait here, split by the worker's time per table
                timings.add(name, (time.perf_counter() - t0) * seconds[name] / (sum(seconds.values()) or 1.0))
            yield name, tables[name]
        elif name in built and isinstance(built[name], pd.DataFrame):
            yield name, built.pop(name)  # not held here once the caller has written it
        else:
            yield from build_tables_local(corpus, [name], timings, before)


#: tables built in the calling process while the per-article stages run on the workers:
#: they need only the loaded corpus
OVERLAP = ("reuse",)

#: tables built on a worker process of the local engine from the merged per-article results,
#: while the calling process builds and writes the others
FRAMING_TABLES = ("framing_terms", "frames_by_side")

#: memo keys (prefixes) the framing tables read: each side's pieces, shared copy, term counts
_FRAMING_INPUTS = ("framing.article_pieces:", "shared_copy:", "framing.analysed_terms")


def _framing_bundle(corpus):
    """What :func:`_framing_task` needs: the articles table and the memoised framing inputs."""
    from readout.reuse import flag_shared_copy

    flag_shared_copy(corpus)  # memoised: built here, if not already, so the worker reads it
    memo = {k: v for k, v in corpus._cache.items() if k.startswith(_FRAMING_INPUTS)}
    return corpus.folder, corpus.articles, memo


def _framing_task(bundle):
    """Worker side: the framing tables from a corpus holding only their inputs."""
    from readout.corpus import Corpus
    from readout.tables import build_table

    folder, articles, memo = bundle
    empty = pd.DataFrame({"article_id": pd.Series(dtype=object), "role": pd.Series(dtype=object)})
    corpus = Corpus(folder=folder, raw={}, articles=articles, paragraphs=empty, sentences=empty, _cache=dict(memo))
    tables, seconds = {}, {}
    for name in FRAMING_TABLES:
        t0 = time.perf_counter()
        tables[name] = build_table(name, corpus)
        seconds[name] = time.perf_counter() - t0
    return tables, seconds


def build_tables_local(corpus, names: list[str] | None = None, timings: ExportTimings | None = None,
                       before: Callable[[str], None] | None = None):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), built here."""
    from readout.tables import TABLES, build_table

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


def export_tables(corpus_path, out, engine: str = "local", scheduler: str | None = None,
                  progress: Callable | None = None, timings: ExportTimings | None = None,
                  client=None, jobs: int | None = None) -> tuple[object, list[str]]:
    """Load ``corpus_path`` and write every table as ``out/<name>.csv``; return (corpus, names).

    ``engine`` is ``local`` or ``dask``. ``jobs`` is the number of worker processes of the
    local engine (default: one per core; used on corpora of :data:`PARALLEL_MIN_ARTICLES`
    articles or more, and ``1`` keeps everything in this process). ``scheduler`` is a Dask
    scheduler address (default: a LocalCluster with one worker per core), or pass a
    ``client``. ``progress(total, desc, unit)`` returns a progress bar (``update``,
    ``set_postfix_str``, ``close``) or None; the CLI passes tqdm on a terminal.
    ``timings`` collects seconds per stage. Raises :class:`readout.corpus.CorpusError`
    for a corpus that cannot be loaded and ValueError for an unknown engine.
    """
    from readout.corpus import load_corpus
    from readout.paths import SEEDS_DIR
    from readout.tables import TABLES

    if engine not in ("local", "dask"):
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    import gc

    timings = timings if timings is not None else ExportTimings()
    names = list(TABLES)
    runner: Runner | None = None
    try:
        t0 = time.perf_counter()
        if engine == "dask":
            runner = DaskRunner(client, own=False) if client is not None else DaskRunner(connect(scheduler), own=True)
        else:
            folder = Path(corpus_path) if corpus_path else SEEDS_DIR
            n_files = sum(1 for _ in folder.glob("*.txt")) if folder.is_dir() else 0
            jobs = default_jobs() if jobs is None else max(1, int(jobs))
            if jobs > 1 and n_files >= PARALLEL_MIN_ARTICLES:
                runner = PoolRunner(jobs)
        # loading goes through a mapper only to run on workers or to count articles on a bar
        mapper = runner_mapper(runner or Runner(), progress=progress) if runner is not None or progress else None
        corpus = load_corpus(corpus_path, mapper=mapper)
        timings.add("load", time.perf_counter() - t0)
        # The loaded corpus lives until the export ends: keep the cyclic garbage collector
        # from scanning its millions of objects again and again (undone below).
        gc.freeze()
        bar = progress(len(names), "tables", "table") if progress else None
        before = (lambda name: bar.set_postfix_str(name)) if bar is not None else None
        for name, table in build_tables(corpus, runner, names, timings=timings, before=before, progress=progress):
            t0 = time.perf_counter()
            table.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
            timings.add("write", time.perf_counter() - t0)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        gc.unfreeze()
        if runner is not None:
            runner.close()
    return corpus, names


def print_timings(timings: ExportTimings, n_articles: int, file=sys.stderr) -> None:
    """Seconds and articles per second of each stage, in the order they ran (writing last)."""
    for name, seconds in sorted(timings.seconds.items(), key=lambda item: item[0] == "write"):
        rate = n_articles / seconds if seconds > 0 else float("inf")
        print(f"  {name:<18} {seconds:8.3f} s  {rate:12.1f} articles/s", file=file)
