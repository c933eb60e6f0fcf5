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

from readout.analysis.actors import load_codebook
from readout.analysis.preconditions import NotEnoughData
from readout.analysis.reuse import flag_shared_copy
from readout.analysis.sides import corpus_sides, side_slug
from readout.analysis.statements import SIDES, pieces_by_statement, side_statements
from readout.corpus.model import ANALYSED_ROLES
from readout.text.stopwords import STOPWORDS
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

TERM_COLUMNS = ["term", "order", "n_us", "n_china", "prior", "delta", "z", "p", "q"]

#: the false discovery rate under which a term is called distinctive (Benjamini & Hochberg 1995)
FDR = 0.05

#: names of the parties themselves (countries, capitals, demonyms): excluded with the people's
#: names, since "China" leaning Chinese says who spoke, not how they framed it
PARTY_NAMES = frozenset(
    "u.s. us usa united states america american americans washington china chinese beijing prc".split()
)


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


def side_texts(
    corpus, pieces: pd.DataFrame | None = None, by: str = "statement", sides: tuple[str, ...] = SIDES
) -> dict[str, list[str]]:
    """The counted text of each of ``sides``, as a list of statements (or pieces, ``by="piece"``)."""
    p = side_statements(corpus, sides=sides) if pieces is None else pieces
    if p.empty or "side" not in p.columns:  # no statement at all: every side is silent
        return {side: [] for side in sides}
    p = p[p["counted"]]
    out = {}
    for side in sides:
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


def _side_counts(texts: dict[str, list[str]], sides: tuple[str, ...] = SIDES) -> dict[str, tuple[Counter, Counter]]:
    return {side: _count_both(texts[side]) for side in sides}


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
    keep_names: bool = False,
    sides: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Monroe et al. (2008) z-scores of the first side over the second, for the assembled side texts.

    ``order`` 1 scores unigrams, 2 bigrams (a separate model: its own vocabulary, totals
    and prior). ``alpha0`` is the prior strength in pseudo-tokens: the prior is the whole
    corpus's term distribution (:func:`background_counts`) restricted to the compared
    vocabulary and scaled to sum to ``alpha0``. The default of 100 is a fraction of the
    two sides' text; :func:`prior_sweep` shows what moves between 1 and 1,000.
    ``variance`` is "paper" (two-term approximation, the default) or "full".

    Names are left out unless ``keep_names``: the parties' names and their people's
    (:func:`name_words`), and any bigram holding one, since a name leaning one way says who
    spoke, not how. With names kept, a multiword name counts as its words.

    ``sides`` are the two parties compared (default :func:`readout.analysis.sides.corpus_sides`:
    US and China for the bundled codebook, a user's codebook's own parties otherwise).

    Returns columns term, order, n_<first side>, n_<second side> (``n_us``, ``n_china``;
    :func:`term_columns`), prior, delta, z (positive z = more the first side), p (two-sided,
    from z) and q (Benjamini-Hochberg over the model's terms; a term is distinctive when
    q < :data:`FDR`), one row per term either side used, sorted by z descending.
    """
    check_order(order)
    pair: tuple[str, str] = (sides[0], sides[1]) if sides else corpus_sides(corpus)
    columns = term_columns(pair)
    if pieces is None:  # both orders are counted in one pass and memoised
        counts = corpus.cached(
            f"framing.side_counts:{pair}", lambda: _side_counts(side_texts(corpus, sides=pair), pair)
        )
    else:
        counts = _side_counts(side_texts(corpus, pieces, sides=pair), pair)
    ci, cj = counts[pair[0]][order - 1], counts[pair[1]][order - 1]
    for side, c in ((pair[0], ci), (pair[1], cj)):
        if not c:
            raise NotEnoughData(
                f"no {side} statements with scorable words in {getattr(corpus, 'folder', 'the corpus')}: "
                "the comparison needs attributed statements from both sides (see side_statements)",
                columns,
            )
    background = background_counts(corpus, order)
    if not keep_names:
        names = name_words(corpus)
        ci, cj, background = (
            Counter({t: n for t, n in c.items() if not is_name(t, names)}) for c in (ci, cj, background)
        )
        for side, c in ((pair[0], ci), (pair[1], cj)):
            if not c:
                raise NotEnoughData(f"every {side} term is a name: nothing left to compare", columns)
    t = log_odds_dirichlet(ci, cj, background, alpha0, variance)
    t = t.rename(columns={"n_i": columns[2], "n_j": columns[3]})
    t["order"] = order
    t["p"] = two_sided_p(t["z"].to_numpy())
    t["q"] = benjamini_hochberg(t["p"].to_numpy())
    return t[columns]


def term_columns(sides: tuple[str, str]) -> list[str]:
    """The columns of a Fightin' Words table comparing ``sides`` (:data:`TERM_COLUMNS` for US and China)."""
    return ["term", "order", f"n_{side_slug(sides[0])}", f"n_{side_slug(sides[1])}", "prior", "delta", "z", "p", "q"]


def two_sided_p(z: np.ndarray) -> np.ndarray:
    """Two-sided p-values of standard normal z-scores: ``erfc(|z| / sqrt(2))``.

    >>> [round(float(v), 4) for v in two_sided_p(np.array([0.0, 1.96, -1.96]))]
    [1.0, 0.05, 0.05]
    """
    from math import erfc, sqrt

    return np.array([erfc(abs(float(v)) / sqrt(2.0)) for v in z], dtype=float)


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values) of ``p``, in the same order.

    Benjamini & Hochberg (1995), "Controlling the false discovery rate", *JRSS B* 57(1):
    289-300: sort the m p-values, take ``p_(k) * m / k``, then the running minimum from the
    largest down, capped at 1. A term with ``q < 0.05`` is distinctive at a 5% false
    discovery rate over all terms of its model.

    >>> [round(float(v), 3) for v in benjamini_hochberg(np.array([0.01, 0.04, 0.03, 0.5]))]
    [0.04, 0.053, 0.053, 0.5]
    """
    m = len(p)
    if m == 0:
        return np.array([], dtype=float)
    order = np.argsort(p, kind="stable")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty(m, dtype=float)
    out[order] = np.minimum(ranked, 1.0)
    return out


def name_words(corpus) -> frozenset[str]:
    """Words that name a party or a person: :data:`PARTY_NAMES` and every word of the names and
    aliases of the codebook's people (lower case, as :func:`readout.text.tokens.tokenize` gives them)."""

    def build() -> frozenset[str]:
        book = load_codebook(corpus=corpus)
        people = book[book["kind"] == "person"]
        words = set(PARTY_NAMES)
        for cell in [*people["actor"], *people["aliases"]]:
            for name in str(cell or "").split("|"):
                words.update(w for run in tokenize(name) for w in run if name.strip() and w[:1].isalpha())
        return frozenset(words - STOPWORDS - {"the", "mr", "ms", "secretary", "minister", "president"})

    return corpus.cached("framing.name_words", build)


def is_name(term: str, names: frozenset[str]) -> bool:
    """Whether a unigram is a name, or a bigram holds one (``united states``, ``blinken said``)."""
    return any(word in names for word in term.split(" "))


def framing_terms_table(corpus) -> pd.DataFrame:
    """Export entry ``framing_terms``: unigram and bigram models, every term, default prior, the
    corpus's two parties (:func:`readout.analysis.sides.corpus_sides`)."""
    sides = corpus_sides(corpus)
    return pd.concat([fightin_words(corpus, 1, sides=sides), fightin_words(corpus, 2, sides=sides)], ignore_index=True)
