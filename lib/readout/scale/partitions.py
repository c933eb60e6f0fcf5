"""Split a corpus into partitions of whole articles and merge per-partition tables in whole-corpus order."""

from __future__ import annotations

import pandas as pd

from readout.corpus.model import Corpus


def sub_corpus(corpus, article_ids):
    """A :class:`readout.corpus.model.Corpus` holding only ``article_ids`` (same folder, empty cache)."""

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


def merge_frames(frames: list[pd.DataFrame], order: tuple = (), article_ids=None) -> pd.DataFrame:
    """Concatenate per-partition tables and stably sort them into whole-corpus order.

    ``order`` is a tuple of sort keys (see :data:`readout.scale.tables.STAGES`): a column name (values
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
                rank = value_ranks(ids)
                keys.append(merged["article_id"].map(rank).fillna(len(rank)))
                continue
            column, values = spec if isinstance(spec, tuple) else (spec, ())
            if column not in merged.columns:
                continue
            keys.append(merged[column].map(value_ranks(values, pd.unique(merged[column]))))
        if keys:
            frame = pd.DataFrame({f"_k{i}": k.to_numpy() for i, k in enumerate(keys)})
            merged = merged.iloc[frame.sort_values(list(frame.columns), kind="stable").index].reset_index(drop=True)
    if frames:
        merged = merged.astype(frames[0].dtypes.to_dict(), errors="ignore")
    return merged


def value_ranks(listed, seen=()) -> dict:
    """Value -> rank: the ``listed`` values in their order, then the others of ``seen`` in
    order of first appearance."""
    rank = {v: i for i, v in enumerate(listed)}
    for v in seen:
        rank.setdefault(v, len(rank))
    return rank
