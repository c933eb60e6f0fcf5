"""Merges of per-partition results that are not a plain concatenation: co-mention edge tables add up."""

from __future__ import annotations

import pandas as pd

from readout.analysis.network import EDGE_COLUMNS, WINDOWS, strongest_first


def merge_edge_tables(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The :func:`edges_table` of a corpus from the edge tables of its partitions.

    Each table is ``edges_table`` of a sub-corpus, and no article is in two of them (every
    window lies inside one article). A tie's weight and n_articles add up over the
    partitions, and its evidence lists merge in (article_id, sent_id) order: as they
    stand when the partitions' articles do not interleave, else entry by entry. Article
    ids must not contain ";", which separates evidence entries (the export builds the
    edges of such a corpus in one piece).
    """
    ties: dict[tuple[str, str, str], list] = {}
    for table in tables:
        for source, target, window, weight, n_articles, evidence in zip(*(table[c].tolist() for c in EDGE_COLUMNS)):
            tie = ties.get((window, source, target))
            if tie is None:
                ties[window, source, target] = [int(weight), int(n_articles), [evidence]]
            else:
                tie[0] += int(weight)
                tie[1] += int(n_articles)
                tie[2].append(evidence)
    by_window: dict[str, list[tuple]] = {w: [] for w in WINDOWS}
    for (window, source, target), (weight, n_articles, pieces) in ties.items():
        by_window.setdefault(window, []).append((source, target, window, weight, n_articles, _merge_evidence(pieces)))
    return pd.concat([strongest_first(rows) for rows in by_window.values()], ignore_index=True)


def _evidence_article(entry: str) -> str:
    return entry.rsplit(":", 1)[0]


def _merge_evidence(pieces: list[str]) -> str:
    """Evidence strings (``aid:sid`` entries joined by ";", each sorted) of disjoint
    articles, joined into one sorted string."""
    if len(pieces) == 1:
        return pieces[0]
    bounds = sorted((_evidence_article(p.split(";", 1)[0]), _evidence_article(p.rsplit(";", 1)[-1]), p) for p in pieces)
    if all(last < first for (_, last, _), (first, _, _) in zip(bounds, bounds[1:])):
        return ";".join(p for _, _, p in bounds)
    entries = [e for p in pieces for e in p.split(";")]
    entries.sort(key=lambda e: (_evidence_article(e), int(e.rsplit(":", 1)[1])))
    return ";".join(entries)
