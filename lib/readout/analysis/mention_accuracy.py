"""Measure the mention finder against hand-labelled mentions (``data/annotations/mentions_*.csv``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from readout.analysis.actors import METHODS, load_codebook
from readout.analysis.mentions import MENTION_ROLES
from readout.paths import DATA_DIR

ANNOTATION_COLUMNS = ["article_id", "start", "end", "surface", "actor", "method", "note"]


def load_annotations(path: str | Path | None = None) -> pd.DataFrame:
    """Load hand-labelled mentions: every ``data/annotations/mentions*.csv`` (or one file).

    Columns: article_id, start, end, surface, actor, method, note. Raises ValueError
    naming the file and line if an actor is not in the codebook.
    """

    path = Path(path) if path is not None else DATA_DIR / "annotations"
    files = sorted(path.glob("mentions*.csv")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"{path}: no mentions*.csv annotation files found.")
    frames = []
    for file in files:
        table = pd.read_csv(file, dtype={"article_id": str}, keep_default_na=False)
        missing = [c for c in ANNOTATION_COLUMNS if c not in table.columns]
        if missing:
            raise ValueError(f"{file}: missing column(s) {', '.join(missing)}.")
        table["file"] = file.name
        frames.append(table[ANNOTATION_COLUMNS + ["file"]])
    return pd.concat(frames, ignore_index=True)


def check_annotations(gold: pd.DataFrame, corpus, codebook: pd.DataFrame | None = None) -> list[str]:
    """Problems in hand-labelled mentions: offsets that do not give the surface, unknown actors."""
    book = codebook if codebook is not None else load_codebook(corpus=corpus)
    actors = set(book["actor"])
    problems = []
    for i, row in enumerate(gold.itertuples(index=False)):
        raw = corpus.raw.get(row.article_id)
        if raw is None:
            problems.append(f"row {i}: article {row.article_id!r} is not in the corpus")
        elif raw[row.start : row.end] != row.surface:
            problems.append(f"row {i}: raw[{row.start}:{row.end}] is {raw[row.start : row.end]!r}, not {row.surface!r}")
        if row.actor not in actors:
            problems.append(f"row {i}: actor {row.actor!r} is not in the codebook")
    return problems


def score_mentions(
    predicted: pd.DataFrame,
    gold: pd.DataFrame,
    corpus=None,
    roles: tuple[str, ...] | None = None,
    include_pronouns: bool = False,
) -> dict:
    """Precision and recall of ``predicted`` mentions against hand-labelled ``gold``.

    Only the articles present in ``gold`` are scored, and only paragraphs whose role is in
    ``roles`` (default :data:`MENTION_ROLES`, what the finder searches): predictions are
    filtered on their ``role`` column, gold mentions (with ``corpus`` given) on the role of
    the paragraph holding them. A prediction is correct when it has the same article, the same
    start and end, and the same actor (strict); the lenient score needs only overlapping
    spans with the same actor. Pronouns are scored only when ``include_pronouns``.

    Returns a dict: n_gold, n_predicted, tp, precision, recall, f1, lenient_precision,
    lenient_recall, false_positives and false_negatives (DataFrames), and by_method (a
    DataFrame: method, n_gold, recall, n_predicted, precision).
    """
    gold = gold.copy()
    pred = predicted[predicted["article_id"].isin(set(gold["article_id"]))].copy()
    if not include_pronouns:
        gold = gold[gold["method"] != "pronoun"]
        pred = pred[pred["method"] != "pronoun"]
    roles = tuple(roles or MENTION_ROLES)
    if "role" in pred.columns:
        pred = pred[pred["role"].isin(roles)]
    if corpus is not None:
        paras = corpus.paragraphs[corpus.paragraphs["role"].isin(roles)]
        keep = []
        for row in gold.itertuples(index=False):
            p = paras[paras["article_id"] == row.article_id]
            keep.append(bool(((p["start"] <= row.start) & (p["end"] >= row.end)).any()))
        gold = gold[keep]
    gkeys = set(zip(gold["article_id"], gold["start"], gold["end"], gold["actor"]))
    pkeys = set(zip(pred["article_id"], pred["start"], pred["end"], pred["actor"]))
    tp = len(gkeys & pkeys)

    def overlaps(row, other):
        o = other[(other["article_id"] == row.article_id) & (other["actor"] == row.actor)]
        return bool(((o["start"] < row.end) & (o["end"] > row.start)).any())

    lenient_p = sum(overlaps(r, gold) for r in pred.itertuples(index=False))
    lenient_r = sum(overlaps(r, pred) for r in gold.itertuples(index=False))
    precision = tp / len(pkeys) if pkeys else float("nan")
    recall = tp / len(gkeys) if gkeys else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fp = pred[[k not in gkeys for k in zip(pred["article_id"], pred["start"], pred["end"], pred["actor"])]]
    fn = gold[[k not in pkeys for k in zip(gold["article_id"], gold["start"], gold["end"], gold["actor"])]]
    cols = ["article_id", "start", "end", "surface", "actor", "method"]
    pred_hit = pd.Series(
        [k in gkeys for k in zip(pred["article_id"], pred["start"], pred["end"], pred["actor"])],
        index=pred.index,
        dtype=bool,
    )
    gold_hit = pd.Series(
        [k in pkeys for k in zip(gold["article_id"], gold["start"], gold["end"], gold["actor"])],
        index=gold.index,
        dtype=bool,
    )
    by_method = pd.DataFrame(
        {
            "n_gold": gold.groupby("method").size(),
            "recall": gold_hit.groupby(gold["method"]).mean(),
            "n_predicted": pred.groupby("method").size(),
            "precision": pred_hit.groupby(pred["method"]).mean(),
        }
    ).reindex([m for m in METHODS if m in set(gold["method"]) | set(pred["method"])])
    by_method[["n_gold", "n_predicted"]] = by_method[["n_gold", "n_predicted"]].fillna(0).astype(int)
    return {
        "n_gold": len(gkeys),
        "n_predicted": len(pkeys),
        "tp": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "lenient_precision": lenient_p / len(pred) if len(pred) else float("nan"),
        "lenient_recall": lenient_r / len(gold) if len(gold) else float("nan"),
        "false_positives": fp[cols].reset_index(drop=True),
        "false_negatives": fn[cols].reset_index(drop=True),
        "by_method": by_method.rename_axis("method").reset_index(),
    }
