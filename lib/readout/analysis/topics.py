"""Agenda topics: which article raised which item of the topic codebook, with the evidence sentence.

- :func:`topic_hits`: one row per cue hit, with its evidence sentence;
- :func:`article_topics`: one row per article and topic of the codebook ``data/topics.csv``,
  with the number of hits;
- :func:`topic_agreement`: the coding against hand labels.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from readout.corpus.codebooks import codebook_path
from readout.corpus.model import ANALYSED_ROLES
from readout.paths import DATA_DIR
from readout.text.cues import JoinedTexts, cue_pattern, cue_prefix, split_cell


def roles_or_default(roles):
    if roles is None:
        return tuple(ANALYSED_ROLES)
    return tuple(roles)


TOPIC_COLUMNS = ["topic", "label", "cues", "exclude", "notes"]


HIT_COLUMNS = [
    "article_id",
    "para_id",
    "sent_id",
    "topic",
    "label",
    "cue",
    "start",
    "end",
    "matched",
    "sentence",
    "sent_start",
    "sent_end",
]


def load_topics(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """Read the topic codebook: ``path``, else ``corpus``'s own ``topics.csv``, else ``data/topics.csv``.

    Columns: topic (id), label, cues and exclude (``;``-separated phrases; a
    trailing ``*`` matches any word ending), notes. Raises ``ValueError`` naming
    the file and the row when a column is missing, an id repeats or a topic has no cue.
    """
    path = Path(path) if path is not None else codebook_path("topics.csv", corpus)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("topic", "label", "cues") if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(TOPIC_COLUMNS)}")
    for col in ("exclude", "notes"):
        if col not in table.columns:
            table[col] = ""
    dup = table["topic"][table["topic"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: topic id(s) repeated: {', '.join(dup)}; give each row its own id")
    for i, row in table.iterrows():
        if not split_cell(row["cues"]):
            raise ValueError(
                f"{path}, line {i + 2}: topic {row['topic']!r} has no cue; add at least one term to 'cues'"
            )
    return table[TOPIC_COLUMNS].reset_index(drop=True)


def _topic_spans(sentences: JoinedTexts, topic) -> dict[int, list[tuple[int, int, str]]]:
    """The kept hits of one topic: sentence index -> sorted ``(start, end, cue)``."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for cue in split_cell(topic.cues):
        for i, s, e in sentences.spans(cue_pattern(cue), cue_prefix(cue)):
            found.setdefault(i, []).append((s, e, cue))
    if not found:
        return {}
    blocked: dict[int, list[tuple[int, int]]] = {}
    for x in split_cell(getattr(topic, "exclude", "")):
        for i, s, e in sentences.spans(cue_pattern(x), cue_prefix(x)):
            if i in found:
                blocked.setdefault(i, []).append((s, e))
    out = {}
    for i in sorted(found):
        hits = found[i]
        if i in blocked:
            spans = blocked[i]
            hits = [h for h in hits if not any(bs <= h[0] and h[1] <= be for bs, be in spans)]
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        kept: list[tuple[int, int, str]] = []
        for h in hits:
            if all(h[1] <= k[0] or h[0] >= k[1] for k in kept):
                kept.append(h)
        if kept:
            out[i] = sorted(kept)
    return out


def topic_hits(corpus, codebook: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """Every cue hit of the topic codebook, with the sentence it was found in.

    One row per hit: article_id, para_id, sent_id, topic, label, cue (the codebook
    term), start, end (offsets of the matched words in ``corpus.raw``), matched
    (the raw words), sentence (the evidence sentence) with sent_start, sent_end.
    Within a topic, overlapping hits keep the longest ("Taiwan Strait" over
    "Taiwan"); hits inside an ``exclude`` phrase of the same topic are dropped.
    Only sentences whose role is in ``roles`` (default analysed roles) are read.
    Rows are sorted by article_id, start and topic. The hits of the default codebook
    are memoised on the corpus.
    """
    roles = roles_or_default(roles)
    if codebook is None:
        return corpus.cached(
            f"topic_hits:{','.join(roles)}", lambda: _topic_hits(corpus, load_topics(corpus=corpus), roles)
        ).copy()
    return _topic_hits(corpus, codebook, roles)


def _topic_hits(corpus, codebook: pd.DataFrame, roles: tuple[str, ...]) -> pd.DataFrame:
    """:func:`topic_hits` of ``codebook`` in the sentences whose role is in ``roles``."""
    sents = corpus.sentences[corpus.sentences["role"].isin(roles)]
    texts = sents["text"].tolist()
    aids, paras, sids, starts, ends = (sents[c].tolist() for c in ("article_id", "para_id", "sent_id", "start", "end"))
    joined = JoinedTexts(texts)
    rows = []
    for topic in codebook.itertuples(index=False):
        for i, kept in _topic_spans(joined, topic).items():
            text, base = texts[i], int(starts[i])
            head = (aids[i], int(paras[i]), int(sids[i]), topic.topic, topic.label)
            for hs, he, cue in kept:
                rows.append((*head, cue, base + hs, base + he, text[hs:he], text, base, int(ends[i])))
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return out.sort_values(["article_id", "start", "topic"], kind="stable").reset_index(drop=True)


def _hits_by_article_topic(hits: pd.DataFrame) -> dict[tuple[str, str], list]:
    """(article_id, topic) -> [hits, sent_ids (set), matched words lower-cased (ordered
    dict keys), first evidence sentence], read in the row order of ``hits``."""
    out: dict[tuple[str, str], list] = {}
    if hits.empty:
        return out
    columns = (hits["article_id"], hits["topic"], hits["sent_id"], hits["matched"].str.lower(), hits["sentence"])
    for aid, topic, sid, word, sentence in zip(*(c.tolist() for c in columns)):
        group = out.get((aid, topic))
        if group is None:
            group = out[aid, topic] = [0, set(), {}, sentence]
        group[0] += 1
        group[1].add(sid)
        group[2][word] = None
    return out


#: Columns of :func:`article_topics`.
TOPIC_TABLE_COLUMNS = [
    "article_id",
    "outlet",
    "topic",
    "label",
    "hits",
    "sentences",
    "covered",
    "cues",
    "evidence_sent_ids",
    "evidence",
]


def article_topics(corpus, codebook: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """One row per article and codebook topic (zero-hit pairs included).

    Columns: article_id, outlet, topic, label, hits (cue hits), sentences
    (distinct evidence sentences), covered (hits > 0), cues (distinct matched
    words, ``;``-joined), evidence_sent_ids (``;``-joined sent_ids) and evidence
    (the first evidence sentence, empty when not covered). The table of the default
    codebook is memoised on the corpus.
    """
    if codebook is None:
        key = f"article_topics:{','.join(roles_or_default(roles))}"
        return corpus.cached(key, lambda: _article_topics(corpus, None, roles)).copy()
    return _article_topics(corpus, codebook, roles)


def _article_topics(corpus, codebook: pd.DataFrame | None, roles) -> pd.DataFrame:
    groups = _hits_by_article_topic(topic_hits(corpus, codebook, roles=roles))  # memoised for the default codebook
    codebook = load_topics(corpus=corpus) if codebook is None else codebook
    outlets = dict(zip(corpus.articles["article_id"].tolist(), corpus.articles["outlet"].tolist()))
    topics = [(t.topic, t.label) for t in codebook.itertuples(index=False)]
    empty = [0, (), {}, ""]
    rows = []
    for aid in sorted(corpus.raw):
        outlet = outlets.get(aid, "")
        for topic, label in topics:
            n, sent_ids, words, evidence = groups.get((aid, topic), empty)
            sent_ids = sorted(sent_ids)
            rows.append(
                (
                    aid,
                    outlet,
                    topic,
                    label,
                    n,
                    len(sent_ids),
                    n > 0,
                    ";".join(words),
                    ";".join(map(str, sent_ids)),
                    evidence,
                )
            )
    return pd.DataFrame(rows, columns=TOPIC_TABLE_COLUMNS) if rows else pd.DataFrame()


def topic_agreement(
    corpus, labels: pd.DataFrame | str | Path | None = None, codebook: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Codebook topics against hand labels, one row per labelled article and topic.

    ``labels`` is a table (or CSV path; default ``data/annotations/topics.csv``) with
    article_id, topic, covered (0/1) and an optional note. Only articles in the
    corpus are kept. Columns: article_id, topic, hand (bool), found (bool, from
    :func:`article_topics`), agree (bool), hits, note, evidence. Summarise with
    :func:`score_topic_agreement`. An empty table when no label names an article
    of the corpus.
    """
    if labels is None or isinstance(labels, (str, Path)):
        if labels is None:
            labels = DATA_DIR / "annotations" / "topics.csv"
        labels = pd.read_csv(labels, dtype={"article_id": str, "topic": str}, keep_default_na=False)
    assert isinstance(labels, pd.DataFrame)
    table = labels[labels["article_id"].isin(corpus.raw)]
    found = article_topics(corpus, codebook)
    merged = table.merge(
        found[["article_id", "topic", "covered", "hits", "evidence"]], on=["article_id", "topic"], how="left"
    )
    out = pd.DataFrame(
        {
            "article_id": merged["article_id"],
            "topic": merged["topic"],
            "hand": merged["covered_x"].astype(int).astype(bool),
            "found": merged["covered_y"].fillna(False).astype(bool),
            "hits": merged["hits"].fillna(0).astype("int64"),
            "note": merged.get("note", ""),
            "evidence": merged["evidence"].fillna(""),
        }
    )
    out.insert(4, "agree", out["hand"] == out["found"])
    return out.reset_index(drop=True)


def score_topic_agreement(agreement: pd.DataFrame) -> pd.DataFrame:
    """One-row summary of :func:`topic_agreement`: cells, accuracy, precision, recall,
    false_positives and false_negatives (precision and recall of "topic covered")."""
    tp = int((agreement["hand"] & agreement["found"]).sum())
    fp = int((~agreement["hand"] & agreement["found"]).sum())
    fn = int((agreement["hand"] & ~agreement["found"]).sum())
    n = len(agreement)
    return pd.DataFrame(
        [
            {
                "cells": n,
                "accuracy": round(float(agreement["agree"].mean()), 3) if n else float("nan"),
                "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
                "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"),
                "false_positives": fp,
                "false_negatives": fn,
            }
        ]
    )
