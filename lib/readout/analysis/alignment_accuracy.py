"""The aligner against a hand alignment: translation accuracy, coverage agreement, a stress test.

The hand files (``data/fixtures/chinese_readout/hand_alignment.csv`` and ``hand_coverage.csv``,
see ``data/README.md``) were written before the aligner first ran on the fixture.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from readout.analysis.agreement import cohen_kappa
from readout.analysis.alignment import align_translation


def load_hand_alignment(path: str | Path) -> pd.DataFrame:
    """A hand alignment: zh_article_id, zh_sent (int), en_article_id, en_sents (``;``-separated ints)."""
    hand = pd.read_csv(path, dtype=str, keep_default_na=False)
    hand["zh_sent"] = hand["zh_sent"].astype(int)
    return hand


def alignment_accuracy(table: pd.DataFrame, hand: pd.DataFrame) -> dict:
    """The translation rows of ``table`` against a hand alignment of the same pair(s).

    Returns n (hand-aligned Chinese sentences), exact (share whose English sentence set is the
    hand's), and precision, recall and f1 over the (Chinese sentence, English sentence) links.
    """
    rows = table[table["kind"].isin(["translation", "dropped"])]
    got = {}
    for r in rows.itertuples(index=False):
        if r.en_article_id in set(hand["en_article_id"]):
            got[(r.zh_article_id, int(r.zh_sent_id), r.en_article_id)] = {
                int(x) for x in str(r.en_sent_ids).split(";") if x
            }
    exact = 0
    links_hand: set[tuple] = set()
    links_got: set[tuple] = set()
    for h in hand.itertuples(index=False):
        key = (h.zh_article_id, int(h.zh_sent), h.en_article_id)
        want = {int(x) for x in str(h.en_sents).split(";") if x}
        have = got.get(key, set())
        exact += want == have
        links_hand.update((key, j) for j in want)
        links_got.update((key, j) for j in have)
    hit = len(links_hand & links_got)
    precision = hit / len(links_got) if links_got else float("nan")
    recall = hit / len(links_hand) if links_hand else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"n": len(hand), "exact": exact / max(len(hand), 1), "precision": precision, "recall": recall, "f1": f1}


def coverage_agreement(table: pd.DataFrame, hand: pd.DataFrame) -> dict:
    """The coverage rows of ``table`` against hand labels (zh_article_id, zh_sent, en_article_id,
    kind, en_sent): n, accuracy and Cohen's kappa on the kind, the share of agreed carried or
    paraphrased rows pointing at the hand's sentence, and ``pairs`` (hand and machine kinds)."""
    rows = table[~table["kind"].eq("translation")]
    by_key = {(r["zh_article_id"], int(r["zh_sent_id"]), r["en_article_id"]): r for r in rows.to_dict("records")}
    pairs = []
    for h in hand.itertuples(index=False):
        key = (h.zh_article_id, int(h.zh_sent), h.en_article_id)
        if key not in by_key:
            continue
        r = by_key[key]
        pairs.append(
            {
                "zh_article_id": h.zh_article_id,
                "zh_sent_id": int(h.zh_sent),
                "en_article_id": h.en_article_id,
                "hand": h.kind,
                "auto": r["kind"],
                "hand_sent": str(h.en_sent),
                "auto_sent": str(r["en_sent_ids"]),
                "score": r["score"],
            }
        )
    p = pd.DataFrame(
        pairs,
        columns=["zh_article_id", "zh_sent_id", "en_article_id", "hand", "auto", "hand_sent", "auto_sent", "score"],
    )
    if p.empty:
        return {"n": 0, "accuracy": float("nan"), "kappa": float("nan"), "same_sentence": float("nan"), "pairs": p}
    agreed = p[(p["hand"] == p["auto"]) & (p["hand"] != "dropped")]
    return {
        "n": len(p),
        "accuracy": float((p["hand"] == p["auto"]).mean()),
        "kappa": cohen_kappa(p["hand"], p["auto"]),
        "same_sentence": float((agreed["hand_sent"] == agreed["auto_sent"]).mean()) if len(agreed) else float("nan"),
        "pairs": p,
    }


def hand_links(hand: pd.DataFrame, zh_article_id: str, en_article_id: str) -> dict[int, set[int]]:
    """Chinese sentence id -> English sentence ids of one pair in a hand alignment."""
    rows = hand[(hand["zh_article_id"] == zh_article_id) & (hand["en_article_id"] == en_article_id)]
    return {int(r.zh_sent): {int(x) for x in str(r.en_sents).split(";") if x} for r in rows.itertuples(index=False)}


def beads_to_links(beads, zh: pd.DataFrame, en: pd.DataFrame) -> dict[int, set[int]]:
    """Chinese sentence id -> English sentence ids from :func:`readout.analysis.alignment.align_translation` beads."""
    out: dict[int, set[int]] = {int(s): set() for s in zh["sent_id"]}
    for zs, es, _basis in beads:
        for i in zs:
            out[int(zh["sent_id"].iloc[i])] = {int(en["sent_id"].iloc[j]) for j in es}
    return out


def drop_one_sentence(zh: pd.DataFrame, en: pd.DataFrame, hand: dict[int, set[int]]) -> pd.DataFrame:
    """Leave each English sentence out in turn (as an outlet's translation might) and realign.

    One row per English sentence left out: dropped (its sentence id), and for the anchored and
    the plain aligner the share of Chinese sentences whose English sentences are the hand's
    (minus the one left out).
    """
    rows = []
    for k in range(len(en)):
        gone = int(en["sent_id"].iloc[k])
        short = en.drop(index=en.index[k]).reset_index(drop=True)
        want = {i: js - {gone} for i, js in hand.items()}
        row: dict = {"dropped": gone}
        for name, anchored in (("anchored", True), ("plain", False)):
            got = beads_to_links(align_translation(zh, short, anchored=anchored), zh, short)
            row[name] = sum(got.get(i, set()) == js for i, js in want.items()) / max(len(want), 1)
        rows.append(row)
    return pd.DataFrame(rows, columns=["dropped", "anchored", "plain"])
