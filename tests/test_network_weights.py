"""Co-mention ties: normalised weights beside the raw count, and shared copy counted once."""

from __future__ import annotations

import math

import pandas as pd

import readout
from readout.analysis.network import EDGE_COLUMNS, co_mention_graph, copy_repeats, corpus_graph, edges_table


def _mentions() -> pd.DataFrame:
    rows = [  # sentence units: s0 {A,B}, s1 {A}, s2 {B,C}, s3 {A,B}
        ("a", 0, 0, "A"),
        ("a", 0, 0, "B"),
        ("a", 0, 1, "A"),
        ("a", 1, 2, "B"),
        ("a", 1, 2, "C"),
        ("b", 0, 0, "A"),
        ("b", 0, 0, "B"),
    ]
    return pd.DataFrame(rows, columns=["article_id", "para_id", "sent_id", "actor"]).assign(side="US", kind="person")


def test_jaccard_and_pmi_by_hand():
    g = co_mention_graph(_mentions())
    ab = g.edges["A", "B"]
    # units: a:0 {A,B}, a:1 {A}, a:2 {B,C}, b:0 {A,B}; A in 3, B in 3, both in 2, N = 4
    assert ab["weight"] == 2 and math.isclose(ab["jaccard"], 2 / (3 + 3 - 2))
    assert math.isclose(ab["pmi"], math.log2(2 * 4 / (3 * 3)))


def test_skipped_sentences_tie_nobody():
    g = co_mention_graph(_mentions(), skip={("b", 0)})
    assert g.edges["A", "B"]["weight"] == 1 and g.nodes["A"]["mentions"] == 2


def test_shared_copy_counts_once_in_the_export(corpus):
    repeats = copy_repeats(corpus)
    assert repeats, "the seeds share copy"
    plain = co_mention_graph(readout.find_mentions(corpus))
    once = corpus_graph(corpus)
    assert sum(d["weight"] for *_, d in once.edges(data=True)) < sum(d["weight"] for *_, d in plain.edges(data=True))
    table = edges_table(corpus)
    assert list(table.columns) == EDGE_COLUMNS and table["jaccard"].between(0, 1).all()
    for row in table.itertuples():
        assert not any(tuple(e.split(":")) in {(a, str(s)) for a, s in repeats} for e in row.evidence.split(";"))
