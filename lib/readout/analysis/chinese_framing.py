"""Framing in the original language: Fightin' Words between the Chinese texts of two governments.

The English analysis (:mod:`readout.analysis.fightin_words`) compares what English reports
attribute to each side. Here the comparison stays inside Chinese: every Chinese document whose
``government`` is ``China`` against every one whose ``government`` is ``US`` (for instance the
Chinese readout against the Chinese translation of the US readout that the US embassy
publishes). Both sides are then written in one language, so a term's lean is not an artefact of
translation, though a translation's wording is the translator's choice of Chinese.

Terms are the words :func:`readout.analysis.chinese_text.chinese_tokens` cuts, without numbers,
punctuation, function words (:data:`readout.text.chinese.CHINESE_STOPWORDS`), codebook names and
the parties' own names (:data:`readout.text.chinese.CHINESE_PARTY_NAMES`); bigrams are two
such words next to each other with no punctuation or left-out word between them. The model,
the prior (every analysed Chinese sentence of the corpus), the two-sided p and the
Benjamini-Hochberg q are the English analysis's own functions. Every term has its CC-CEDICT
gloss beside it (:func:`readout.analysis.chinese_text.gloss`).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from readout.analysis.chinese_text import chinese_names, chinese_tokens, content_terms, glossed_terms
from readout.analysis.fightin_words import (
    DEFAULT_ALPHA0,
    FDR,
    benjamini_hochberg,
    log_odds_dirichlet,
    two_sided_p,
)
from readout.analysis.preconditions import NotEnoughData
from readout.analysis.statements import SIDES
from readout.text.chinese import CHINESE_PARTY_NAMES
from readout.text.tokens import check_order

CHINESE_TERM_COLUMNS = [
    "term",
    "order",
    "n_us",
    "n_china",
    "prior",
    "delta",
    "z",
    "p",
    "q",
    "distinctive",
    "pinyin",
    "gloss",
    "gloss_basis",
]


def sentence_terms(tokens: pd.DataFrame) -> dict[tuple[str, int], tuple[list[str], list[str]]]:
    """(article_id, sent_id) -> (unigrams, bigrams) of the sentence (see the module docstring)."""
    keep = (content_terms(tokens) & tokens["kind"].eq("word") & ~tokens["token"].isin(CHINESE_PARTY_NAMES)).tolist()
    out: dict[tuple[str, int], tuple[list[str], list[str]]] = {}
    for (aid, sid), g in tokens.assign(keep=keep).groupby(["article_id", "sent_id"], sort=False):
        words, flags = g["token"].tolist(), g["keep"].tolist()
        unigrams = [w for w, k in zip(words, flags) if k]
        bigrams = [f"{a} {b}" for a, b, ka, kb in zip(words, words[1:], flags, flags[1:]) if ka and kb]
        out[(aid, sid)] = (unigrams, bigrams)
    return out


def document_sides(corpus) -> dict[str, str]:
    """Chinese document id -> side (``US`` or ``China``) from the ``government`` column; other documents are left out."""
    arts = corpus.articles
    if "government" not in arts.columns or "language" not in arts.columns:
        return {}
    zh = arts[arts["language"].astype(str).str.lower().str.startswith("zh")]
    return {a: g for a, g in zip(zh["article_id"], zh["government"].astype(str)) if g in SIDES}


def chinese_term_counts(corpus, order: int = 1) -> dict[str, Counter]:
    """Term counts per side (``US``, ``China``) and over every analysed Chinese sentence (``all``, the prior's source)."""
    check_order(order)

    def build() -> dict[str, tuple[Counter, Counter]]:
        sides = document_sides(corpus)
        out: dict[str, tuple[Counter, Counter]] = {key: (Counter(), Counter()) for key in (*SIDES, "all")}
        for (aid, _sid), (one, two) in sentence_terms(chinese_tokens(corpus)).items():
            for key in ("all", sides.get(aid)):
                if key in out:
                    out[key][0].update(one)
                    out[key][1].update(two)
        return out

    counts = corpus.cached("chinese.term_counts", build)
    return {key: pair[order - 1] for key, pair in counts.items()}


def chinese_fightin_words(
    corpus, order: int = 1, alpha0: float = DEFAULT_ALPHA0, variance: str = "paper"
) -> pd.DataFrame:
    """Monroe et al. (2008) z-scores of the Chinese terms, US documents over Chinese ones.

    Columns: term, order, n_us, n_china, prior, delta, z (positive = more US), p (two-sided), q
    (Benjamini-Hochberg over the model's terms), distinctive (q < :data:`FDR`), pinyin, gloss,
    gloss_basis; one row per term either side used, sorted by z descending. Raises
    :class:`NotEnoughData` when either government has no Chinese document with terms.
    """
    counts = chinese_term_counts(corpus, order)
    for side in SIDES:
        if not counts[side]:
            raise NotEnoughData(
                f"no Chinese-language document of the {side} government with terms: the comparison in the "
                "original needs a Chinese text from each side (the government column of articles.csv)",
                CHINESE_TERM_COLUMNS,
            )
    t = log_odds_dirichlet(counts["US"], counts["China"], counts["all"], alpha0, variance)
    t = t.rename(columns={"n_i": "n_us", "n_j": "n_china"})
    t["order"] = order
    t["p"] = two_sided_p(t["z"].to_numpy())
    t["q"] = benjamini_hochberg(t["p"].to_numpy())
    t["distinctive"] = t["q"] < FDR
    t = pd.concat([t, glossed_terms(t["term"])], axis=1)
    return t[CHINESE_TERM_COLUMNS]


def chinese_terms(corpus, article_id: str | None = None) -> pd.DataFrame:
    """The terms of the Chinese documents (or of one), most frequent first, glossed.

    Columns: term, n (uses), n_articles, pinyin, gloss, gloss_basis. A codebook name is kept and
    glossed with its actor.
    """
    tokens = chinese_tokens(corpus)
    if article_id is not None:
        tokens = tokens[tokens["article_id"] == article_id]
    tokens = tokens[content_terms(tokens) & ~tokens["token"].isin(CHINESE_PARTY_NAMES)]
    if tokens.empty:
        return pd.DataFrame(columns=["term", "n", "n_articles", "pinyin", "gloss", "gloss_basis"])
    table = (
        tokens.groupby("token")
        .agg(n=("token", "size"), n_articles=("article_id", "nunique"))
        .reset_index()
        .rename(columns={"token": "term"})
        .sort_values(["n", "term"], ascending=[False, True], ignore_index=True)
    )
    names = chinese_names(corpus)
    actors = dict(zip(names["name_zh"], names["actor"]))
    return pd.concat([table, glossed_terms(table["term"], actors)], axis=1)
