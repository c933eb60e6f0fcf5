"""Measure paragraph roles against hand labels (such as ``tests/fixtures/page_shapes/labels.csv``).

A label file has one row per paragraph: ``file`` (the article's file name), ``para_index``
(0-based, in file order) and ``role``; an optional ``text_start`` (the paragraph's first
characters) lets :func:`align_role_labels` check that the loader split the page the way the
labeller did.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from readout.corpus.roles import ROLES

LABEL_COLUMNS = ["file", "para_index", "role"]


def load_role_labels(path: str | Path) -> pd.DataFrame:
    """Read a role label file (columns file, para_index, role, optional text_start).

    Raises ValueError naming the file for a missing column or a role outside :data:`ROLES`.
    """
    path = Path(path)
    table = pd.read_csv(path, dtype={"file": str, "role": str}, keep_default_na=False)
    missing = [c for c in LABEL_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}.")
    unknown = sorted(set(table["role"]) - set(ROLES))
    if unknown:
        raise ValueError(f"{path}: unknown role(s) {', '.join(map(repr, unknown))}; roles are {', '.join(ROLES)}.")
    table["para_index"] = table["para_index"].astype(int)
    return table


def align_role_labels(corpus, labels: pd.DataFrame) -> pd.DataFrame:
    """Put each label beside the loader's paragraph: one row per label.

    Columns: file, article_id, para_id, label (the hand role), role (the loader's), role_basis,
    text, and aligned (bool: the paragraph exists and, where the label file has ``text_start``,
    its text starts with it, ignoring surrounding spaces). Labels for files not in the corpus
    are left out.
    """
    articles = corpus.articles[["article_id", "file"]]
    paras = corpus.paragraphs.merge(articles, on="article_id")
    paras = paras.rename(columns={"para_id": "para_index"})
    merged = labels.rename(columns={"role": "label"}).merge(
        paras[["file", "article_id", "para_index", "role", "role_basis", "text"]],
        on=["file", "para_index"],
        how="left",
    )
    merged = merged[merged["file"].isin(set(articles["file"]))].copy()
    aligned = merged["role"].notna()
    if "text_start" in merged.columns:
        starts = merged["text_start"].astype(str).str.strip()
        texts = merged["text"].fillna("").astype(str)
        aligned &= pd.Series([t.startswith(s) for t, s in zip(texts, starts)], index=merged.index, dtype=bool)
    merged["aligned"] = aligned
    merged = merged.rename(columns={"para_index": "para_id"})
    return merged[["file", "article_id", "para_id", "label", "role", "role_basis", "text", "aligned"]].reset_index(
        drop=True
    )


def _score(predicted: pd.Series, gold: pd.Series) -> dict:
    n_predicted, n_labelled, n_correct = int(predicted.sum()), int(gold.sum()), int((predicted & gold).sum())
    return {
        "n_labelled": n_labelled,
        "n_predicted": n_predicted,
        "n_correct": n_correct,
        "precision": n_correct / n_predicted if n_predicted else 1.0,
        "recall": n_correct / n_labelled if n_labelled else 1.0,
    }


def score_roles(aligned: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall per role, from :func:`align_role_labels`'s table.

    One row per role in :data:`ROLES`, plus ``all`` (every paragraph: n_correct is the
    number with the labelled role, precision and recall both the accuracy). Columns: role,
    n_labelled, n_predicted, n_correct, precision, recall. A role never predicted has
    precision 1.0; a role never labelled has recall 1.0. Unaligned labels count as wrong.
    """
    rows = []
    for role in ROLES:
        rows.append({"role": role, **_score(aligned["role"] == role, aligned["label"] == role)})
    correct = int((aligned["role"] == aligned["label"]).sum())
    accuracy = correct / len(aligned) if len(aligned) else 1.0
    rows.append(
        {
            "role": "all",
            "n_labelled": len(aligned),
            "n_predicted": len(aligned),
            "n_correct": correct,
            "precision": accuracy,
            "recall": accuracy,
        }
    )
    return pd.DataFrame(rows)


def confusions(aligned: pd.DataFrame) -> pd.DataFrame:
    """Counts of (label, role) pairs where the loader and the labeller disagree: label, role, n."""
    wrong = aligned[aligned["role"] != aligned["label"]]
    counts = wrong.groupby(["label", "role"], dropna=False).size().rename("n").reset_index()
    return counts.sort_values("n", ascending=False, kind="stable").reset_index(drop=True)
