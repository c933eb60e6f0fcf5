"""Run ``readout export`` locally or on a Dask cluster.

The ``local`` engine builds every table of :data:`readout.tables.TABLES` in this process.

The ``dask`` engine (``pip install readout[dask]``) splits the corpus into partitions of
whole articles and runs the per-article stages on the cluster's workers:

1. **loading**: decoding and segmenting each file (:func:`readout.corpus.load_article`),
   one task per batch of files;
2. **per-article tables**: :data:`PER_ARTICLE` (mentions, quotes, sentiment, topic hits),
   each computed on a sub-corpus holding one partition's articles. An article's rows
   depend on that article alone, so the partitions' tables concatenate into the
   corpus's table; where the library orders rows by a group first (sentiment: by
   variant, then by unit), the concatenation is stably re-sorted by that group.

Whatever the workers memoised while building those tables (``corpus.cached``: the
mention and quote ledgers, the scored units) is merged the same way and seeded into the
driver's corpus, so the aggregations (co-mention edges, reuse, outlet profiles, framing
counts) are reduced on the driver from the per-article rows of every partition without
recomputing them. The result is the same table, row for row, as the local engine's;
``tests/test_dask.py`` checks it.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

#: per-article tables run on the workers, with the columns a merged table is stably grouped by
PER_ARTICLE: dict[str, tuple[str, ...]] = {
    "mentions": (),
    "quotes": (),
    "sentiment": ("variant", "unit"),
    "topics": (),
}


@dataclass
class ExportTimings:
    """Seconds spent per stage (``load`` and each table name) by an export."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


# --------------------------------------------------------------------------- helpers


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


def merge_frames(frames: list[pd.DataFrame], group: tuple[str, ...] = ()) -> pd.DataFrame:
    """Concatenate per-partition tables in partition order; stably re-sort by ``group``.

    Group values are ranked by first appearance, which is the order every partition
    emits them in, so the result matches the table built on the whole corpus.
    """
    frames = [f for f in frames if f is not None]
    merged = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if group and len(merged) and all(c in merged.columns for c in group):
        keys = []
        for column in group:
            order = {v: i for i, v in enumerate(pd.unique(merged[column]))}
            keys.append(merged[column].map(order))
        rank = pd.DataFrame({f"_k{i}": k for i, k in enumerate(keys)})
        merged = merged.loc[rank.sort_values(list(rank.columns), kind="stable").index].reset_index(drop=True)
    if frames:
        merged = merged.astype(frames[0].dtypes.to_dict(), errors="ignore")
    return merged


def _per_article_task(part, names: list[str]):
    """Worker side: build the per-article tables for one partition (a sub-corpus)."""
    from readout.tables import build_table

    tables, memo, seconds = {}, {}, {}
    for name in names:
        before = set(part._cache)
        t0 = time.perf_counter()
        tables[name] = build_table(name, part)
        seconds[name] = time.perf_counter() - t0
        memo[name] = {k: v for k, v in part._cache.items() if k not in before and isinstance(v, pd.DataFrame)}
    return tables, memo, seconds


def _load_batch(tasks):
    from readout.corpus import _try_load_article

    return [_try_load_article(*task) for task in tasks]


# --------------------------------------------------------------------------- engines


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


def dask_mapper(client, batch_size: int = 200, progress: Callable | None = None) -> Callable:
    """A ``mapper`` for :func:`readout.corpus.load_corpus` running batches of files on ``client``."""

    def mapper(func, tasks):
        batches = [tasks[i : i + batch_size] for i in range(0, len(tasks), batch_size)]
        futures = client.map(_load_batch, batches, pure=False)
        bar = progress(len(tasks), "load", "article") if progress else None
        out = []
        for future, batch in zip(futures, batches):
            out.extend(future.result())
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
        return out

    return mapper


def local_mapper(progress: Callable | None = None) -> Callable | None:
    """A ``mapper`` for :func:`readout.corpus.load_corpus` that counts articles on a progress bar."""
    if progress is None:
        return None

    def mapper(func, tasks):
        bar = progress(len(tasks), "load", "article")
        out = []
        for task in tasks:
            out.append(func(*task))
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        return out

    return mapper


def load_corpus_dask(path, client, batch_size: int = 200, progress: Callable | None = None):
    """:func:`readout.corpus.load_corpus` with the per-file work done on ``client``'s workers."""
    from readout.corpus import load_corpus

    return load_corpus(path, mapper=dask_mapper(client, batch_size, progress))


def build_tables_dask(corpus, client, names: list[str] | None = None, n_partitions: int | None = None,
                      timings: ExportTimings | None = None, before: Callable[[str], None] | None = None):
    """Yield ``(name, table)`` for every table in ``names`` (default all of TABLES), in order.

    The per-article tables are built on the workers, one task per partition; the other
    tables are built here from the merged per-article results.
    """
    from readout.tables import TABLES

    names = list(names or TABLES)
    per_article = [n for n in names if n in PER_ARTICLE]
    if per_article:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        n_partitions = n_partitions or max(workers * 2, len(corpus.raw) // 2000)
        ids = corpus.articles["article_id"].tolist()
        parts = [sub_corpus(corpus, p) for p in partitions(ids, n_partitions)]
        if before is not None:
            before(", ".join(per_article) + f" on {len(parts)} partitions")
        t0 = time.perf_counter()
        futures = [client.submit(_per_article_task, part, per_article, pure=False) for part in parts]
        results = client.gather(futures)
        wall = time.perf_counter() - t0
        worker_seconds = {n: sum(r[2][n] for r in results) for n in per_article}
        total = sum(worker_seconds.values()) or 1.0
        built = {n: merge_frames([r[0][n] for r in results], PER_ARTICLE[n]) for n in per_article}
        for name in per_article:
            keys = {k for r in results for k in r[1][name]}
            for key in keys:
                corpus._cache[key] = merge_frames([r[1][name].get(key) for r in results], PER_ARTICLE[name])
            if timings is not None:  # share the parallel wall time in proportion to worker time
                timings.add(name, wall * worker_seconds[name] / total)
    else:
        built = {}
    for name in names:
        if name in built:
            yield name, built[name]
        else:  # tables that aggregate the per-article results are built here, from the merged cache
            yield from build_tables_local(corpus, [name], timings, before)


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


def export_tables(corpus_path, out, engine: str = "local", scheduler: str | None = None,
                  progress: Callable | None = None, timings: ExportTimings | None = None,
                  client=None) -> tuple[object, list[str]]:
    """Load ``corpus_path`` and write every table as ``out/<name>.csv``; return (corpus, names).

    ``engine`` is ``local`` or ``dask``; ``scheduler`` is a Dask scheduler address (default:
    a LocalCluster with one worker per core). ``progress(total, desc, unit)`` returns a
    progress bar (``update``, ``set_postfix_str``, ``close``) or None; the CLI passes tqdm
    on a terminal. ``timings`` collects seconds per stage.
    """
    from readout.corpus import load_corpus
    from readout.tables import TABLES

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    timings = timings if timings is not None else ExportTimings()
    names = list(TABLES)
    own_client = None
    try:
        t0 = time.perf_counter()
        if engine == "dask":
            if client is None:
                client = own_client = connect(scheduler)
            corpus = load_corpus_dask(corpus_path, client, progress=progress)
        elif engine == "local":
            corpus = load_corpus(corpus_path, mapper=local_mapper(progress))
        else:
            raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
        timings.add("load", time.perf_counter() - t0)
        bar = progress(len(names), "tables", "table") if progress else None
        before = (lambda name: bar.set_postfix_str(name)) if bar is not None else None
        if engine == "dask":
            tables = build_tables_dask(corpus, client, names, timings=timings, before=before)
        else:
            tables = build_tables_local(corpus, names, timings=timings, before=before)
        for name, table in tables:
            table.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
    finally:
        if own_client is not None:
            cluster = own_client.cluster
            own_client.close()
            if cluster is not None:
                cluster.close()
    return corpus, names


def print_timings(timings: ExportTimings, n_articles: int, file=sys.stderr) -> None:
    for name, seconds in timings.seconds.items():
        rate = n_articles / seconds if seconds > 0 else float("inf")
        print(f"  {name:<18} {seconds:8.3f} s  {rate:12.1f} articles/s", file=file)
