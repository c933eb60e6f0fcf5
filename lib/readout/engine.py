"""Run ``readout export`` in this process, in worker processes, or on a Dask cluster.

The export builds every table of :data:`readout.tables.TABLES`. Most of the work is per
article: decoding and segmenting each file, finding mentions and quotations, scoring
sentiment, topic hits, co-mention ties, outlet profiles, the pieces each government said.
An article's rows depend on that article alone, so this work can be split into partitions
of whole articles and run in parallel (:data:`PER_ARTICLE`). What combines articles is
reduced from the partitions' results: co-mention ties, mention counts and term counts add
up; the calling process builds text reuse from the loaded corpus, and from it the
outlet profiles' shared-copy columns and (once the workers are let go) the framing tables.

Three ways to run it (:func:`export_tables`):

``local``, one process (``jobs=1``, and any corpus smaller than :data:`PARALLEL_MIN_ARTICLES`)
    every table is built here, in order.
``local`` with ``jobs`` > 1 (the default on a corpus of :data:`PARALLEL_MIN_ARTICLES` or more)
    the files are loaded and the per-article stages run in a pool of ``jobs`` worker
    processes on this machine. The workers write the per-article tables this process only
    writes (:data:`WRITTEN_ON_WORKERS`) to part files, which are joined in order at the
    end, so those rows are never held here.
``dask`` (``pip install readout[dask]``)
    the same partitions run on a Dask cluster: a LocalCluster by default, or the
    scheduler at ``--scheduler ADDRESS``. Every result comes back to this process (the
    workers may not share its disk).

Merging is exact. The parts are concatenated and stably re-sorted into the order the
library emits for a whole corpus (:data:`MERGE_ORDER`: articles in corpus or sorted order,
grouped first by variant and unit where the table is); part files are joined in that same
order, byte range by byte range. Every engine writes the same CSV files byte for byte;
``tests/test_engine.py`` and ``tests/test_dask.py`` check it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

#: Per-article stages run on the workers, in this order: name -> "module:function". The
#: function takes a corpus; names that are tables of TABLES are exported, ``mention_counts``
#: and ``profiles`` are finished into tables here (:data:`FINISHED_HERE`), and the others
#: memoise what later tables need (``side_pieces``: :func:`readout.framing.article_pieces`).
PER_ARTICLE: dict[str, str] = {
    "mentions": "readout.actors:find_mentions",
    "mention_counts": "readout.actors:mention_counts",
    "quotes": "readout.quotes:extract_quotes",
    "sentiment": "readout.sentiment:score_sentiment",
    "topics": "readout.compare:article_topics",
    "edges": "readout.network:edges_table",
    "profiles": "readout.compare:profile_rows",
    "side_pieces": "readout.framing:article_pieces",
    "term_counts": "readout.framing:analysed_term_counts",
}

#: How rows of per-article results are ordered on a whole corpus, by table name or by the
#: prefix of a ``corpus.cached`` key: a tuple of sort keys, each a column with its order
#: (a tuple of values; others follow in order of appearance), or ``"corpus"`` / ``"sorted"``
#: for articles in corpus or sorted order; ``"sum"`` for counts (a Counter, or a tuple of
#: them) that add up over partitions; or ``"module:function"``, a function that merges the parts
#: (``edges``: ties add up over partitions).
MERGE_ORDER: dict[str, tuple | str] = {
    "mentions": ("corpus",),
    "mention_counts": "sum",
    "quotes": ("corpus",),
    "sentiment": (("variant", ("plain", "diplomatic")), ("unit", ("quote", "sentence")), "corpus"),
    "topics": ("sorted",),
    "edges": "readout.network:merge_edge_tables",
    "profiles": ("sorted",),
    "framing.article_pieces:": ("sorted",),
    "term_counts": "sum",
    "framing.analysed_terms": "sum",
}

#: Tables finished in the calling process from a per-article result: table -> (stage,
#: "module:function" taking the merged result and the corpus): the codebook with the summed
#: mention counts, and the outlet profiles with their shared-copy columns (which compare
#: articles across partitions).
FINISHED_HERE: dict[str, tuple[str, str]] = {
    "actors": ("mention_counts", "readout.actors:codebook_with_counts"),
    "outlet_profiles": ("profiles", "readout.compare:add_shared_copy"),
}

#: memoised results (``corpus.cached`` key prefixes) the calling process reads after the
#: per-article stages, so the workers send them back: the framing tables' inputs
SEEDED = ("framing.article_pieces:", "framing.analysed_terms")

#: per-article tables the calling process only writes: with the local engine each worker
#: writes its partition's rows as CSV lines to a part file, and the export joins the part
#: files in whole-corpus order (:class:`PartFile`), so these rows never travel back
WRITTEN_ON_WORKERS = ("mentions", "quotes", "sentiment", "topics")

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


def merge_order(name: str) -> tuple | str | None:
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
                rank = _ranks(ids)
                keys.append(merged["article_id"].map(rank).fillna(len(rank)))
                continue
            column, values = spec if isinstance(spec, tuple) else (spec, ())
            if column not in merged.columns:
                continue
            keys.append(merged[column].map(_ranks(values, pd.unique(merged[column]))))
        if keys:
            frame = pd.DataFrame({f"_k{i}": k.to_numpy() for i, k in enumerate(keys)})
            merged = merged.iloc[frame.sort_values(list(frame.columns), kind="stable").index].reset_index(drop=True)
    if frames:
        merged = merged.astype(frames[0].dtypes.to_dict(), errors="ignore")
    return merged


def _ranks(listed, seen=()) -> dict:
    """Value -> rank: the ``listed`` values in their order, then the others of ``seen`` in
    order of first appearance."""
    rank = {v: i for i, v in enumerate(listed)}
    for v in seen:
        rank.setdefault(v, len(rank))
    return rank


def _per_article_task(part, names: list[str], spill: str | None = None, index: int = 0):
    """Worker side: run the per-article stages ``names`` on one partition (a sub-corpus).

    Returns (tables, memo, seconds): the stages' results, what they memoised on the
    sub-corpus that the calling process reads later (:data:`SEEDED`), and seconds per stage.
    With a ``spill`` folder, the tables of :data:`WRITTEN_ON_WORKERS` are written there
    and come back as a :class:`PartFile` (``seconds["write"]`` is the time that took).
    """
    import gc

    from readout.tables import resolve

    tables, seconds = {}, {}
    ids = part.articles["article_id"].tolist()
    gc.freeze()  # the partition stays alive for the whole task: no need to scan it again and again
    try:
        for name in names:
            t0 = time.perf_counter()
            tables[name] = resolve(PER_ARTICLE[name])(part)
            seconds[name] = time.perf_counter() - t0
            if spill is not None and name in WRITTEN_ON_WORKERS:
                t0 = time.perf_counter()
                tables[name] = write_part(tables[name], MERGE_ORDER[name], ids, Path(spill) / f"{name}-{index:05d}.csv")
                seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - t0
    finally:
        gc.unfreeze()
    memo = {k: v for k, v in part._cache.items() if k.startswith(SEEDED)}
    return tables, memo, seconds


def merge_parts(parts: list, order, article_ids=None):
    """Merge one per-article result over partitions: tables by :func:`merge_frames`, counts
    by summing, part files into a :class:`PartFiles`, or by the function ``order`` names."""
    if parts and isinstance(parts[0], PartFile):
        return PartFiles(parts, order, list(article_ids))
    if order == "sum":
        parts = [p for p in parts if p is not None]
        single = isinstance(parts[0], dict)  # one Counter per part, not a tuple of them
        parts = [(p,) for p in parts] if single else parts
        totals = tuple(type(c)() for c in parts[0])
        for part in parts:
            for total, counts in zip(totals, part):
                total.update(counts)
        return totals[0] if single else totals
    if isinstance(order, str):
        from readout.tables import resolve

        return resolve(order)(parts)
    return merge_frames(parts, order or (), article_ids)


# --------------------------------------------------------------------------- part files


@dataclass
class PartFile:
    """One partition's rows of a table, written by a worker as CSV lines without a header.

    ``runs`` are ``(group values, article_id, start, end)``: the byte range of the rows of
    one article (within one group of the table's leading sort columns, such as sentiment's
    variant and unit). ``groups`` lists each group column's values in order of first
    appearance in the partition's table (the order :func:`merge_frames` ranks unlisted values by).
    """

    path: str
    columns: list[str]
    dtypes: dict[str, str]
    groups: dict[str, list]
    runs: list[tuple]


def _split_order(order) -> tuple[list[tuple[str, tuple]], str] | None:
    """(group columns with their listed values, "corpus" or "sorted") if ``order`` is such
    group keys followed by one article key; None otherwise."""
    if not isinstance(order, tuple) or not order or order[-1] not in ("corpus", "sorted"):
        return None
    groups = [spec if isinstance(spec, tuple) else (spec, ()) for spec in order[:-1]]
    if any(column in ("corpus", "sorted") for column, _ in groups):
        return None
    return groups, order[-1]


def _csv_lines(text: str) -> list[str]:
    """The rows of CSV ``text`` (each ending in a newline), keeping newlines inside quoted fields."""
    lines = text.split("\n")[:-1]
    if '"' not in text:
        return [line + "\n" for line in lines]
    rows, pending = [], None
    for line in lines:
        odd = line.count('"') % 2 == 1
        if pending is None:
            if odd:
                pending = [line]
            else:
                rows.append(line + "\n")
        else:
            pending.append(line)
            if odd:
                rows.append("\n".join(pending) + "\n")
                pending = None
    return rows


def write_part(table: pd.DataFrame, order, article_ids: list[str], path: Path) -> PartFile | pd.DataFrame:
    """Write ``table`` (one partition's rows) to ``path`` as CSV lines in whole-corpus order;
    returns its :class:`PartFile`, or ``table`` itself when ``order`` has no article key last."""
    split = _split_order(order)
    if split is None:
        return table
    groups, _ = split
    columns = [c for c, _ in groups if c in table.columns]
    first_seen = {c: pd.unique(table[c]).tolist() for c in columns}
    ordered = merge_frames([table], order, article_ids)
    keys = list(zip(*(ordered[c].tolist() for c in columns), ordered["article_id"].tolist()))
    rows = _csv_lines(ordered.to_csv(index=False, header=False, lineterminator="\n")) if len(ordered) else []
    if len(rows) != len(keys):  # pragma: no cover - pandas writes one line per row
        raise RuntimeError(f"{path.name}: {len(rows)} CSV lines for {len(keys)} rows")
    runs, at, begin = [], 0, 0
    with open(path, "wb") as out:
        for i in range(1, len(keys) + 1):
            if i == len(keys) or keys[i] != keys[begin]:
                data = "".join(rows[begin:i]).encode("utf-8")
                out.write(data)
                runs.append((keys[begin][:-1], keys[begin][-1], at, at + len(data)))
                at += len(data)
                begin = i
    return PartFile(str(path), list(table.columns), {c: str(t) for c, t in table.dtypes.items()},
                    first_seen, runs)


@dataclass
class PartFiles:
    """A table's part files from every partition, joined in whole-corpus order by :meth:`write`."""

    parts: list[PartFile]
    order: tuple
    article_ids: list[str]

    def write(self, path: Path) -> bool:
        """Write the table to ``path``: the header, then every partition's runs in the order of
        :func:`merge_frames`. Returns False (writing nothing) when the partitions' column
        types differ, so one table's values would be formatted differently (say ``1`` and
        ``1.0``): the caller builds that table in one piece instead."""
        filled = [p for p in self.parts if p.runs]
        reference = filled[0] if filled else self.parts[0]
        if any(p.dtypes != reference.dtypes or p.columns != reference.columns for p in filled):
            return False
        groups, article_key = _split_order(self.order)
        groups = [(column, values) for column, values in groups if column in reference.columns]
        ranks = [_ranks(values, (v for part in self.parts for v in part.groups.get(column, ())))
                 for column, values in groups]
        position = _ranks(sorted(self.article_ids) if article_key == "sorted" else self.article_ids)
        runs = sorted(
            (*(rank[v] for rank, v in zip(ranks, values)), position.get(aid, len(position)), n, start, end)
            for n, part in enumerate(self.parts) for values, aid, start, end in part.runs
        )
        header = pd.DataFrame(columns=reference.columns).to_csv(index=False, lineterminator="\n")
        files = [open(p.path, "rb") for p in self.parts]
        try:
            with open(path, "wb") as out:
                out.write(header.encode("utf-8"))
                n_open, start_open, end_open = None, 0, 0
                for *_, n, start, end in runs:
                    if n == n_open and start == end_open:
                        end_open = end
                        continue
                    if n_open is not None:
                        _copy_range(files[n_open], start_open, end_open, out)
                    n_open, start_open, end_open = n, start, end
                if n_open is not None:
                    _copy_range(files[n_open], start_open, end_open, out)
        finally:
            for f in files:
                f.close()
        return True


def _copy_range(source, start: int, end: int, out, block: int = 1 << 23) -> None:
    source.seek(start)
    while start < end:
        data = source.read(min(block, end - start))
        out.write(data)
        start += len(data)


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
                    meanwhile: Callable[[], None] | None = None, spill: Path | None = None) -> dict[str, object]:
    """Run the per-article ``stages`` (default all of :data:`PER_ARTICLE`) on ``runner``.

    Returns the merged result of each stage (a :class:`PartFiles` for the tables written
    on the workers, given a ``spill`` folder they can write to), and seeds ``corpus``'s
    memo with what the partitions memoised that later tables read (:data:`SEEDED`).
    ``meanwhile()``, if given, runs here while the workers are busy (work that needs only
    the loaded corpus). ``timings`` gets each stage's share of the parallel wall time, in
    proportion to its time on the workers.
    """
    stages = list(stages or PER_ARTICLE)
    ids = corpus.articles["article_id"].tolist()
    if "edges" in stages and any(";" in aid for aid in ids):
        stages.remove("edges")  # evidence entries are separated by ";": built here in one piece
    n_partitions = n_partitions or max(runner.workers * 4, len(ids) // 500)
    parts = [sub_corpus(corpus, p) for p in partitions(ids, n_partitions)]
    bar = progress(len(ids), "per-article stages", "article") if progress else None
    t0 = time.perf_counter()
    task = _PartTask(stages, str(spill) if spill is not None else None)
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
        built[name] = merge_parts([r[0].pop(name) for r in results], merge_order(name), ids)
    for key in dict.fromkeys(k for r in results for k in r[1]):
        corpus._cache[key] = merge_parts([r[1].pop(key, None) for r in results], merge_order(key), ids)
    if timings is not None:
        total = sum(worker_seconds.values()) or 1.0
        for name, seconds in worker_seconds.items():
            timings.add(name, wall * seconds / total)
    return built


class _PartTask:
    """A picklable ``(partition, index) -> _per_article_task(partition, stages, spill, index)``."""

    def __init__(self, stages: list[str], spill: str | None = None):
        self.stages, self.spill = stages, spill

    def __call__(self, part, index: int = 0):
        return _per_article_task(part, self.stages, self.spill, index)


def build_tables(corpus, runner: Runner | None = None, names: list[str] | None = None,
                 timings: ExportTimings | None = None, before: Callable[[str], None] | None = None,
                 progress: Callable | None = None, spill: Path | None = None):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), in order.

    With a ``runner`` of more than one worker, the per-article stages run there first
    (:func:`run_per_article`) and the remaining tables are built here from their merged
    results; otherwise every table is built here. With a ``spill`` folder, the tables of
    :data:`WRITTEN_ON_WORKERS` come as :class:`PartFiles` instead of DataFrames.
    """
    import gc

    from readout.tables import TABLES

    names = list(names or TABLES)
    built: dict[str, object] = {}
    if runner is not None:
        if before is not None:
            before("per-article stages")
        early = [n for n in OVERLAP if n in names]

        def meanwhile():  # tables that need only the loaded corpus, while the workers run
            for name, table in build_tables_local(corpus, early, timings):
                built[name] = table

        built.update(run_per_article(corpus, runner, timings=timings, progress=progress, meanwhile=meanwhile,
                                     spill=spill))
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
    from readout.tables import resolve

    for name in names:
        if name in FINISHED_HERE and FINISHED_HERE[name][0] in built:
            if before is not None:
                before(name)
            stage, finish = FINISHED_HERE[name]
            t0 = time.perf_counter()
            table = resolve(finish)(built.pop(stage), corpus)
            if timings is not None:
                timings.add(name, time.perf_counter() - t0)
            yield name, table
        elif name in built and isinstance(built[name], (pd.DataFrame, PartFiles)):
            yield name, built.pop(name)  # not held here once the caller has written it
        else:
            yield from build_tables_local(corpus, [name], timings, before)


#: tables built in the calling process while the per-article stages run on the workers:
#: they need only the loaded corpus
OVERLAP = ("reuse",)


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
    spill: Path | None = None
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
        # the local engine's workers write the tables only written here to part files in
        # a scratch folder beside the output (removed below)
        spill = Path(tempfile.mkdtemp(prefix=".parts-", dir=out)) if isinstance(runner, PoolRunner) else None
        for name, table in build_tables(corpus, runner, names, timings=timings, before=before, progress=progress,
                                        spill=spill):
            t0 = time.perf_counter()
            path = out / f"{name}.csv"
            if isinstance(table, PartFiles) and not table.write(path):
                # the partitions' column types differ: build this table here, in one piece
                timings.add("write", time.perf_counter() - t0)
                (name, table), = build_tables_local(corpus, [name], timings, before)
                t0 = time.perf_counter()
            if isinstance(table, pd.DataFrame):
                table.to_csv(path, index=False, lineterminator="\n")
            timings.add("write", time.perf_counter() - t0)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        gc.unfreeze()
        if runner is not None:
            runner.close()
        if spill is not None:
            shutil.rmtree(spill, ignore_errors=True)
    return corpus, names


def print_timings(timings: ExportTimings, n_articles: int, file=sys.stderr) -> None:
    """Seconds and articles per second of each stage, in the order they ran (writing last)."""
    for name, seconds in sorted(timings.seconds.items(), key=lambda item: item[0] == "write"):
        rate = n_articles / seconds if seconds > 0 else float("inf")
        print(f"  {name:<18} {seconds:8.3f} s  {rate:12.1f} articles/s", file=file)
