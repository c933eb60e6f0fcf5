"""Fightin' Words: which terms each side used more, with the log-odds ratio of Monroe, Colaresi &
Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for Identifying the
Content of Political Conflict", *Political Analysis* 16(4): 372-403. Positive z = more US.

The model (Monroe et al. 2008, section 3.5)
    For term *w*, side *i* (US) and side *j* (China), with counts ``y_w^i``, totals
    ``n^i = sum_w y_w^i``, prior pseudo-counts ``alpha_w`` and ``alpha_0 = sum_w alpha_w``::

        delta_w = log((y_w^i + alpha_w) / (n^i + alpha_0 - y_w^i - alpha_w))
                - log((y_w^j + alpha_w) / (n^j + alpha_0 - y_w^j - alpha_w))
        var_w   ~ 1 / (y_w^i + alpha_w) + 1 / (y_w^j + alpha_w)        (variance="paper")
        z_w     = delta_w / sqrt(var_w)

    ``variance="paper"`` is the paper's two-term approximation (the default here);
    ``variance="full"`` adds the two remaining terms
    ``1 / (n^i + alpha_0 - y_w^i - alpha_w) + 1 / (n^j + alpha_0 - y_w^j - alpha_w)``, the
    form scattertext uses. The prior is informative: ``alpha_w = alpha_0 * b_w / sum_v b_v``
    where ``b_w`` is the term's count in the whole corpus (every analysed sentence, shared
    copy once), summed over the compared vocabulary ``V`` (terms either side used). So
    ``sum of the exported prior column == alpha_0`` and every exported z can be recomputed
    from the exported counts and priors alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from readout.analysis.preconditions import NotEnoughData
from readout.analysis.reuse import flag_shared_copy
from readout.analysis.statements import SIDES, pieces_by_statement, side_statements
from readout.corpus.model import ANALYSED_ROLES
from readout.text.tokens import check_order, count_terms, terms_of_runs, tokenize

#: Default prior strength alpha_0 (pseudo-tokens). See :func:`fightin_words`.
DEFAULT_ALPHA0: float = 100.0


def log_odds_dirichlet(
    counts_i: dict,
    counts_j: dict,
    background: dict,
    alpha0: float = DEFAULT_ALPHA0,
    variance: str = "paper",
) -> pd.DataFrame:
    """Monroe et al. (2008) log-odds ratio of side *i* over side *j*, informative prior.

    ``counts_i``/``counts_j`` map term -> count; the vocabulary is every term with a
    positive count on either side. ``background`` maps term -> count in the corpus the
    prior is taken from; ``alpha_w = alpha0 * b_w / sum_{v in V} b_v``. A term missing from
    the background gets ``b_w = y_w^i + y_w^j`` (its own count) so no prior is zero.
    ``variance`` is ``"paper"`` (two-term approximation) or ``"full"`` (four terms).

    Returns a DataFrame sorted by z (descending) with columns term, n_i, n_j, prior,
    delta, var, z. Raises ValueError if either side is empty or ``alpha0 <= 0``.

    >>> t = log_odds_dirichlet({"a": 2, "b": 1}, {"b": 2}, {"a": 1, "b": 3}, alpha0=4)
    >>> t[["term", "prior"]].values.tolist()
    [['a', 1.0], ['b', 3.0]]
    >>> round(float(t.z.iloc[0]), 6)   # log(15/4) / sqrt(1/3 + 1/1)
    1.144674
    """
    if alpha0 <= 0:
        raise ValueError(f"alpha0 must be positive, got {alpha0!r}")
    if variance not in ("paper", "full"):
        raise ValueError(f"variance must be 'paper' or 'full', not {variance!r}")
    vocab = sorted({w for w, n in counts_i.items() if n > 0} | {w for w, n in counts_j.items() if n > 0})
    if not vocab:
        raise ValueError("both sides are empty: nothing to compare")
    yi = np.array([counts_i.get(w, 0) for w in vocab], dtype=float)
    yj = np.array([counts_j.get(w, 0) for w in vocab], dtype=float)
    if yi.sum() == 0 or yj.sum() == 0:
        raise ValueError("one side has no terms: the log-odds ratio needs text on both sides")
    b = np.array([background.get(w, 0) for w in vocab], dtype=float)
    b = np.where(b > 0, b, yi + yj)
    a = alpha0 * b / b.sum()
    a0 = a.sum()
    ni, nj = yi.sum(), yj.sum()
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    if variance == "full":
        var = var + 1.0 / (ni + a0 - yi - a) + 1.0 / (nj + a0 - yj - a)
    z = delta / np.sqrt(var)
    out = pd.DataFrame(
        {"term": vocab, "n_i": yi.astype(int), "n_j": yj.astype(int), "prior": a, "delta": delta, "var": var, "z": z}
    )
    return out.sort_values(["z", "term"], ascending=[False, True], ignore_index=True)


def recompute_z(table: pd.DataFrame, variance: str = "paper", i: str = "n_us", j: str = "n_china") -> pd.Series:
    """Recompute z from a table's counts and priors alone (one model: one ``order``).

    Totals ``n^i``, ``n^j`` and ``alpha_0`` are the column sums. Used to check an export
    against the formula in the module docstring.
    """
    yi, yj, a = table[i].astype(float), table[j].astype(float), table["prior"].astype(float)
    ni, nj, a0 = yi.sum(), yj.sum(), a.sum()
    delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
    var = 1 / (yi + a) + 1 / (yj + a)
    if variance == "full":
        var = var + 1 / (ni + a0 - yi - a) + 1 / (nj + a0 - yj - a)
    return delta / np.sqrt(var)


def prior_sweep(
    counts_i: dict,
    counts_j: dict,
    background: dict,
    alphas: Sequence[float] = (1, 3, 10, 30, 100, 300, 1000),
    top: int = 20,
    reference: float = DEFAULT_ALPHA0,
    variance: str = "paper",
) -> pd.DataFrame:
    """How the top terms move with the prior strength ``alpha_0``.

    One row per ``alpha0`` and side (``i``: highest z, ``j``: lowest z): the ``top`` terms
    in order, and ``overlap``, the share of them also among the top at ``reference``.
    """

    def tops(alpha0):
        t = log_odds_dirichlet(counts_i, counts_j, background, alpha0, variance)
        return list(t.term[:top]), list(t.term[::-1][:top])

    ref_i, ref_j = tops(reference)
    rows = []
    for a in alphas:
        ti, tj = tops(a)
        for side, got, ref in (("i", ti, ref_i), ("j", tj, ref_j)):
            rows.append(
                {"alpha0": float(a), "side": side, "overlap": len(set(got) & set(ref)) / max(len(ref), 1), "terms": got}
            )
    return pd.DataFrame(rows)


def leave_one_out(
    texts_i: Sequence[str],
    texts_j: Sequence[str],
    background: dict,
    order: int = 1,
    alpha0: float = DEFAULT_ALPHA0,
    top: int = 20,
    variance: str = "paper",
) -> pd.DataFrame:
    """Stability of the top terms when one statement at a time is left out.

    Refits the model once per statement (of either side) with that statement removed.
    Returns one row per term that is in the full model's top ``top`` of its side: term,
    side (``i``/``j``), rank in the full model, ``kept`` (share of refits in which it stays
    in its side's top ``top``) and ``worst_rank`` (its lowest rank over the refits).
    """
    per_i = [count_terms([t], order) for t in texts_i]
    per_j = [count_terms([t], order) for t in texts_j]
    tot_i, tot_j = sum(per_i, Counter()), sum(per_j, Counter())

    def ranked(ci, cj):
        t = log_odds_dirichlet(ci, cj, background, alpha0, variance)
        return {"i": list(t.term), "j": list(t.term[::-1])}

    full = ranked(tot_i, tot_j)
    runs = []
    for c in per_i:
        rest = tot_i - c
        if rest:
            runs.append(ranked(rest, tot_j))
    for c in per_j:
        rest = tot_j - c
        if rest:
            runs.append(ranked(tot_i, rest))
    rows = []
    for side in ("i", "j"):
        for rank, term in enumerate(full[side][:top], start=1):
            # a term gone from the vocabulary (its only statement left out) ranks last
            ranks = [r[side].index(term) + 1 if term in r[side] else len(r[side]) + 1 for r in runs]
            rows.append(
                {
                    "term": term,
                    "side": side,
                    "rank": rank,
                    "kept": float(np.mean([x <= top for x in ranks])) if ranks else float("nan"),
                    "worst_rank": max(ranks) if ranks else rank,
                }
            )
    return pd.DataFrame(rows)


#: the ``corpus.cached`` key of :func:`analysed_term_counts`
TERMS_MEMO_KEY = "framing.analysed_terms"

TERM_COLUMNS = ["term", "order", "n_us", "n_china", "prior", "delta", "z"]


def background_counts(corpus, order: int = 1) -> Counter:
    """Term counts over the whole corpus: every analysed sentence, shared copy once.

    This is the prior's source (Monroe et al.'s informative prior from a larger body of
    text). Sentences flagged as repeats by :func:`readout.analysis.reuse.flag_shared_copy`
    (``count_once`` False) are skipped so syndication does not inflate the prior.
    """
    check_order(order)

    def build():
        # every analysed sentence's terms, minus those of the sentences that repeat shared copy

        flags = flag_shared_copy(corpus)
        repeats = _count_both(flags.loc[~flags["count_once"].astype(bool), "text"])
        # one pass, no copies: the terms left with a positive count, in the totals' order
        return tuple(
            Counter({term: left for term, n in total.items() if (left := n - minus.get(term, 0)) > 0})
            for total, minus in zip(analysed_term_counts(corpus), repeats)
        )

    return corpus.cached("framing.background", build)[order - 1]


def side_texts(corpus, pieces: pd.DataFrame | None = None, by: str = "statement") -> dict[str, list[str]]:
    """The counted text of each side, as a list of statements (or pieces, ``by="piece"``)."""
    p = side_statements(corpus) if pieces is None else pieces
    p = p[p["counted"]]
    out = {}
    for side in SIDES:
        ps = p[p["side"] == side]
        if by == "piece":
            out[side] = list(ps["text"])
        else:
            out[side] = [
                " . ".join(g["text"] for g in sorted(group, key=lambda g: g["start"]))
                for group in pieces_by_statement(ps).values()
            ]
    return out


def _count_both(texts: Iterable[str]) -> tuple[Counter, Counter]:
    """(unigram counts, bigram counts) over ``texts``, each text tokenised once (see :func:`terms`)."""
    unigrams: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        one, two = terms_of_runs(tokenize(text))
        unigrams.update(one)
        bigrams.update(two)
    return unigrams, bigrams


def _side_counts(texts: dict[str, list[str]]) -> dict[str, tuple[Counter, Counter]]:
    return {side: _count_both(texts[side]) for side in SIDES}


def analysed_term_counts(corpus) -> tuple[Counter, Counter]:
    """(unigram, bigram) counts over every analysed sentence, shared copy included; memoised.

    A sum over articles, so it can be counted per partition and the parts added
    (its merge rule in :data:`readout.scale.tables.STAGES`); :func:`background_counts` subtracts the repeats.
    """

    def build():

        return _count_both(corpus.sentences.loc[corpus.sentences["role"].isin(ANALYSED_ROLES), "text"])

    return corpus.cached(TERMS_MEMO_KEY, build)


def fightin_words(
    corpus,
    order: int = 1,
    alpha0: float = DEFAULT_ALPHA0,
    variance: str = "paper",
    pieces: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Monroe et al. (2008) z-scores, US over China, for the assembled side texts.

    ``order`` 1 scores unigrams, 2 bigrams (a separate model: its own vocabulary, totals
    and prior). ``alpha0`` is the prior strength in pseudo-tokens: the prior is the whole
    corpus's term distribution (:func:`background_counts`) restricted to the compared
    vocabulary and scaled to sum to ``alpha0``. The default of 100 is a fraction of the
    two sides' text; :func:`prior_sweep` shows what moves between 1 and 1,000.
    ``variance`` is "paper" (two-term approximation, the default) or "full".

    Returns columns term, order, n_us, n_china, prior, delta, z (positive z = more US),
    one row per term either side used, sorted by z descending.
    """
    check_order(order)
    if pieces is None:  # both orders are counted in one pass and memoised
        counts = corpus.cached("framing.side_counts", lambda: _side_counts(side_texts(corpus)))
    else:
        counts = _side_counts(side_texts(corpus, pieces))
    ci, cj = counts["US"][order - 1], counts["China"][order - 1]
    for side, c in (("US", ci), ("China", cj)):
        if not c:
            raise NotEnoughData(
                f"no {side} statements with scorable words in {getattr(corpus, 'folder', 'the corpus')}: "
                "the comparison needs attributed statements from both sides (see side_statements)",
                TERM_COLUMNS,
            )
    t = log_odds_dirichlet(ci, cj, background_counts(corpus, order), alpha0, variance)
    t = t.rename(columns={"n_i": "n_us", "n_j": "n_china"})
    t["order"] = order
    return t[TERM_COLUMNS]


def framing_terms_table(corpus) -> pd.DataFrame:
    """Export entry ``framing_terms``: unigram and bigram models, every term, default prior."""
    return pd.concat([fightin_words(corpus, 1), fightin_words(corpus, 2)], ignore_index=True)
