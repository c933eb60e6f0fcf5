"""Reliability of the hand codings: a second coder against the first, and two tone raters.

The files are in ``data/annotations/second_coding/`` (``data/README.md`` says who coded each):

- ``speakers_coder_b.csv``: a second coder's speaker for 112 quotations (the 72 labelled
  quotations of the seeds and 40 of the attribution challenge set), coded without seeing the
  first coding or the library's output;
- ``frames_coder_b.csv``: the same coder's primary frame for the 66 hand-coded statements;
- ``tone_rater_a.csv`` and ``tone_rater_b.csv``: two raters' tone (-2..2) of 130 quotations,
  rated without seeing any score.

Agreement is reported with 95% percentile-bootstrap intervals over items (fixed seed).
Krippendorff's alpha follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability"
(Annenberg School for Communication, University of Pennsylvania), for interval data.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from readout.analysis.agreement import cohen_kappa, pearson_r, three_class_accuracy
from readout.analysis.sentiment import VARIANTS, load_diplomatic_lexicon, score_texts
from readout.paths import DATA_DIR

SECOND_CODING_DIR = DATA_DIR / "annotations" / "second_coding"


def krippendorff_alpha_interval(ratings: np.ndarray) -> float:
    """Krippendorff's alpha for interval data; ``ratings`` is units × coders, nan for missing.

    ``alpha = 1 - D_o / D_e``: D_o is the mean squared difference between values of one unit
    (over pairable values), D_e the mean squared difference between any two pairable values.

    >>> krippendorff_alpha_interval(np.array([[1, 1], [2, 2], [3, 3.0]]))
    1.0
    >>> round(krippendorff_alpha_interval(np.array([[1, 2], [2, 3], [3, 4.0]])), 3)
    0.545
    """
    r = np.asarray(ratings, dtype=float)
    units = [row[~np.isnan(row)] for row in r]
    units = [u for u in units if len(u) >= 2]
    if not units:
        return math.nan
    values = np.concatenate(units)
    n = len(values)
    d_o = sum(((u[:, None] - u[None, :]) ** 2).sum() / (len(u) - 1) for u in units) / n
    d_e = ((values[:, None] - values[None, :]) ** 2).sum() / (n * (n - 1))
    return math.nan if d_e == 0 else float(1 - d_o / d_e)


def bootstrap_items(statistic, n_items: int, n_boot: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of ``statistic(index array)`` over items resampled with replacement."""
    rng = np.random.default_rng(seed)
    draws = [statistic(rng.integers(0, n_items, n_items)) for _ in range(n_boot)]
    draws = [d for d in draws if not math.isnan(d)]
    if not draws:
        return (math.nan, math.nan)
    low, high = np.quantile(draws, [0.025, 0.975])
    return (float(low), float(high))


def tone_ratings(folder: Path = SECOND_CODING_DIR) -> pd.DataFrame:
    """The tone items with both raters' ratings and their mean: item, quotation, rater_a, rater_b, mean."""
    items = pd.read_csv(folder / "tone_items.csv", dtype={"item": str}, keep_default_na=False)
    a = pd.read_csv(folder / "tone_rater_a.csv", dtype={"item": str}).rename(columns={"tone": "rater_a"})
    b = pd.read_csv(folder / "tone_rater_b.csv", dtype={"item": str}).rename(columns={"tone": "rater_b"})
    table = items.merge(a, on="item", how="left").merge(b, on="item", how="left")
    table["mean"] = table[["rater_a", "rater_b"]].mean(axis=1)
    return table


def tone_agreement(folder: Path = SECOND_CODING_DIR, n_boot: int = 2000) -> pd.DataFrame:
    """How far the tone ratings can be trusted, and how each VADER lexicon agrees with them.

    One row per measure: raters' Krippendorff's alpha (interval), then for each lexicon the
    Pearson r between its compound score and the raters' mean, and its 3-class agreement
    (compound and mean/2 each cut at ±0.05), each with a 95% bootstrap interval over items.
    """
    t = tone_ratings(folder)
    pair = t[["rater_a", "rater_b"]].to_numpy(dtype=float)
    rows = [
        {
            "measure": "raters' Krippendorff's alpha (interval)",
            "n": len(t),
            "value": krippendorff_alpha_interval(pair),
            "ci": bootstrap_items(lambda i: krippendorff_alpha_interval(pair[i]), len(t), n_boot),
        }
    ]
    mean = t["mean"].to_numpy(dtype=float)
    for variant in VARIANTS:
        compound = score_texts(t["quotation"], variant)["compound"].to_numpy()
        rows.append(
            {
                "measure": f"{variant} lexicon: Pearson r with the raters' mean",
                "n": len(t),
                "value": pearson_r(compound, mean),
                "ci": bootstrap_items(lambda i, c=compound: pearson_r(c[i], mean[i]), len(t), n_boot),
            }
        )
        rows.append(
            {
                "measure": f"{variant} lexicon: 3-class agreement with the raters' mean",
                "n": len(t),
                "value": three_class_accuracy(mean / 2, compound),
                "ci": bootstrap_items(lambda i, c=compound: three_class_accuracy(mean[i] / 2, c[i]), len(t), n_boot),
            }
        )
    out = pd.DataFrame(rows)
    out["ci_low"] = [c[0] for c in out["ci"]]
    out["ci_high"] = [c[1] for c in out["ci"]]
    return out.drop(columns="ci")


def speaker_agreement(folder: Path = SECOND_CODING_DIR, n_boot: int = 2000) -> dict:
    """The second coder's speakers against the first coding: share of items where both name the
    same speaker, and Cohen's kappa on sides, each with a 95% bootstrap interval over items."""
    items = pd.read_csv(folder / "speaker_items.csv", dtype={"article_id": str}, keep_default_na=False)
    second = pd.read_csv(folder / "speakers_coder_b.csv", dtype=str, keep_default_na=False)
    items = items.merge(second, on="item", how="left")
    seeds = pd.read_csv(DATA_DIR / "annotations" / "quotes.csv", dtype={"article_id": str}, keep_default_na=False)
    challenge = pd.read_csv(
        DATA_DIR / "challenge" / "attribution" / "quotes.csv", dtype={"article_id": str}, keep_default_na=False
    )
    book = pd.read_csv(DATA_DIR / "actors.csv", dtype=str, keep_default_na=False)
    side_of = dict(zip(book["actor"], book["side"]))
    first = {
        (r.article_id, int(r.start), int(r.end)): (r.speaker, side_of.get(r.speaker, "")) for r in seeds.itertuples()
    }
    first.update({(r.article_id, int(r.start), int(r.end)): (r.speaker, r.side) for r in challenge.itertuples()})
    a_spk, b_spk, a_side, b_side = [], [], [], []
    for r in items.itertuples():
        spk, side = first[(r.article_id, int(r.start), int(r.end))]
        a_spk.append(spk.strip().casefold())
        b_spk.append(str(r.speaker).strip().casefold())
        a_side.append((side or "none").casefold())
        b_side.append((str(r.side) or "none").casefold())
    same = np.array([x == y for x, y in zip(a_spk, b_spk)], dtype=float)
    sa, sb = np.array(a_side), np.array(b_side)
    return {
        "n": len(items),
        "speaker_agreement": float(same.mean()),
        "speaker_ci": bootstrap_items(lambda i: float(same[i].mean()), len(items), n_boot),
        "side_kappa": cohen_kappa(list(sa), list(sb)),
        "side_ci": bootstrap_items(lambda i: cohen_kappa(list(sa[i]), list(sb[i])), len(items), n_boot),
    }


def frame_agreement_second_coder(folder: Path = SECOND_CODING_DIR, n_boot: int = 2000) -> dict:
    """Cohen's kappa between the first and the second coder's primary frames, with its interval."""
    first = pd.read_csv(DATA_DIR / "annotations" / "frames.csv", dtype=str, keep_default_na=False)
    second = pd.read_csv(folder / "frames_coder_b.csv", dtype=str, keep_default_na=False)
    both = first.merge(second, on="statement_id", suffixes=("_a", "_b"))
    a, b = both["primary_frame_a"].to_numpy(), both["primary_frame_b"].to_numpy()
    return {
        "n": len(both),
        "agreement": float((a == b).mean()),
        "kappa": cohen_kappa(list(a), list(b)),
        "kappa_ci": bootstrap_items(lambda i: cohen_kappa(list(a[i]), list(b[i])), len(both), n_boot),
    }


def lexicon_evidence(folder: Path = SECOND_CODING_DIR) -> pd.DataFrame:
    """For every entry of the diplomatic lexicon: the rated quotations holding it (n), the raters'
    mean tone on them (-2..2, nan when none holds it) and the entry's valence, so each entry's
    support can be read beside it."""
    ratings = tone_ratings(folder)
    rows = []
    for entry in load_diplomatic_lexicon().itertuples(index=False):
        held = ratings[ratings["quotation"].str.contains(rf"\b{re.escape(entry.term)}\b", case=False, regex=True)]
        rows.append(
            {
                "term": entry.term,
                "valence": float(entry.valence),
                "n_rated": len(held),
                "raters_mean": float(held["mean"].mean()) if len(held) else math.nan,
            }
        )
    return pd.DataFrame(rows)
