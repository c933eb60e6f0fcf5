"""Text reuse: passages that two articles share, and sentences that are shared copy.

The method follows passim (Smith, Cordell & Mullen, 2015) in spirit, in process and
without a cluster: every article is cut into word tokens; each run of ``shingle``
consecutive tokens that occurs in two articles is a *seed*; each seed is extended
left and right while the tokens keep agreeing, giving a maximal aligned span;
neighbouring spans on the same alignment separated by a few differing tokens
(``max_gap``) are joined into one passage.

As in passim, a shingle found in more than ``max_df`` articles (default
:data:`MAX_DF`, passim's 100) is boilerplate: it seeds no alignment, so stock phrases
of one event do not make every pair of articles a candidate. A span still runs
through such shingles when it was seeded elsewhere, so a quotation that every
article carries is found wherever a rarer shingle touches it. In a corpus of at most
``max_df`` articles no shingle can pass the cap, and the cap changes nothing.

Tokens are compared on a *key* that ignores what copy editors change without
changing words: case, curly versus straight quote marks and apostrophes
(``We're`` / ``We’re``), full stops and hyphens inside a word (``U.S.-PRC`` /
``US-PRC``, ``top-line`` / ``topline``) and all punctuation between words. Every
passage keeps exact character offsets into both raw files, so
``corpus.raw[article_a][start_a:end_a]`` is the passage as article A prints it.

The work grows with the corpus and with the number of shared passages, not with the
number of pairs of articles: tokens are held in flat arrays (a few bytes each), the
shingles of the whole corpus are grouped by one sort, and only the pairs of articles
that share a shingle below the cap are looked at.

Public functions:

- :func:`find_reuse` — one row per shared passage.
- :func:`flag_shared_copy` — the sentence table with a ``shared_copy`` flag and a
  ``copy_group`` id, so that other analyses can count syndicated text once.
- :func:`shared_word_matrix` — words of each article that lie in passages shared
  with each other article.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from readout.analysis.reuse_categories import COPY_CATEGORIES, reuse_categories
from readout.analysis.reuse_matching import CHUNK, MAX_DF, align_texts
from readout.analysis.reuse_tokens import Tokens
from readout.corpus.model import ANALYSED_ROLES
from readout.text.tokens import WORD_RE

SHARED_COPY_COLUMNS = [
    "article_id",
    "para_id",
    "sent_id",
    "role",
    "start",
    "end",
    "text",
    "n_words",
    "shared_words",
    "shared_share",
    "shared_copy",
    "copy_group",
    "copies",
    "count_once",
]


def _regions(corpus, roles) -> dict[str, list[tuple[int, int]]]:
    paras = corpus.paragraphs
    if roles is not None:
        paras = paras[paras["role"].isin(roles)]
    paras = paras.sort_values(["article_id", "start"])
    out: dict[str, list[tuple[int, int]]] = {aid: [] for aid in corpus.raw}
    for aid, start, end in zip(paras["article_id"].tolist(), paras["start"].tolist(), paras["end"].tolist()):
        out.setdefault(aid, []).append((int(start), int(end)))
    return out


def _default_roles():

    return tuple(ANALYSED_ROLES)


def _bundle_key(shingle, min_words, max_gap, max_df, roles) -> str:
    roles = _default_roles() if roles is None else tuple(roles)
    return f"reuse:{shingle}:{min_words}:{max_gap}:{max_df}:{','.join(roles)}"


def _bundle_categories(corpus, shingle, min_words, max_gap, max_df, roles) -> list[str]:
    """:func:`reuse_categories` of a bundle's passages, memoised with the bundle."""
    table = _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles)[0]
    key = _bundle_key(shingle, min_words, max_gap, max_df, roles) + ":categories"
    return corpus.cached(key, lambda: reuse_categories(corpus, table))


def _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles):
    roles = _default_roles() if roles is None else tuple(roles)
    key = _bundle_key(shingle, min_words, max_gap, max_df, roles)
    return corpus.cached(
        key,
        lambda: align_texts(
            dict(corpus.raw),
            _regions(corpus, roles),
            shingle=shingle,
            min_words=min_words,
            max_gap=max_gap,
            max_df=max_df,
        ),
    )


def find_reuse(
    corpus, *, shingle: int = 5, min_words: int = 8, max_gap: int = 2, max_df: int | None = MAX_DF, roles=None
) -> pd.DataFrame:
    """Passages that two articles share: one row per passage and pair of articles.

    Columns: ``passage_id``; ``article_a``, ``start_a``, ``end_a`` and ``article_b``,
    ``start_b``, ``end_b`` (exact offsets into ``corpus.raw``; ``article_a`` sorts
    before ``article_b``); ``text`` (article A's wording) and ``text_b``;
    ``n_words`` and ``n_words_b`` (word tokens in each span); ``n_matched``
    (aligned tokens with equal keys; at least ``min_words``); ``identical``
    (the two raw spans are character-for-character equal).

    A passage starts from a run of ``shingle`` words found in both articles and is
    extended to the longest aligned stretch; stretches separated by at most
    ``max_gap`` differing words on both sides are joined. A run of ``shingle`` words
    found in more than ``max_df`` articles seeds nothing (passim's boilerplate cap;
    None: no cap), though a passage seeded elsewhere still extends through it. Only
    paragraphs whose role is in ``roles`` are read (default
    :data:`readout.corpus.model.ANALYSED_ROLES`). The same passage carried by three articles
    gives three rows, one per pair; rows come in order of article pair, then of
    position in article A. Returns an empty table with these columns when nothing is
    shared. ``category`` says what the passage is: shared copy, quotation, boilerplate or
    title, or same-source documents (:mod:`readout.analysis.reuse_categories`). Raises
    ValueError for ``shingle < 1`` or ``max_df < 2``.
    """
    table, _, _ = _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles)
    return table.assign(category=_bundle_categories(corpus, shingle, min_words, max_gap, max_df, roles))


def flag_shared_copy(
    corpus,
    *,
    min_share: float = 0.5,
    shingle: int = 5,
    min_words: int = 8,
    max_gap: int = 2,
    max_df: int | None = MAX_DF,
    roles=None,
) -> pd.DataFrame:
    """The sentence table with flags for text that other articles also carry.

    One row per sentence in ``roles`` (default the analysed roles), with the
    corpus columns article_id, para_id, sent_id, role, start, end, text and:

    - ``n_words``: word tokens in the sentence;
    - ``shared_words``: of those, how many are aligned with another article's text
      in a :func:`find_reuse` passage (same ``shingle``, ``min_words``, ``max_gap``,
      ``max_df``) that is shared copy or a quotation, not a title or two documents of one
      source (:data:`readout.analysis.reuse_categories.COPY_CATEGORIES`);
    - ``shared_share``: ``shared_words / n_words`` (0 for a sentence without words);
    - ``shared_copy`` (bool): ``shared_share >= min_share`` and aligned with at least
      one other such sentence (a sentence whose partners all fall under the threshold
      stays unshared);
    - ``copy_group`` (nullable Int64): sentences flagged as shared copy and aligned
      with each other (directly or through a third article) get the same id, numbered
      in order of their first sentence; <NA> for sentences that are not shared copy;
    - ``copies``: number of sentences in the group (1 for unshared sentences);
    - ``count_once`` (bool): True for every unshared sentence and for the first
      member of each copy group (lowest article_id, then sent_id). Filter on it to
      count syndicated text once: ``s[s.count_once]``.

    Rows come in order of article_id, then start.
    """
    roles_t = _default_roles() if roles is None else tuple(roles)
    key = f"shared_copy:{min_share}:{shingle}:{min_words}:{max_gap}:{max_df}:{','.join(roles_t)}"
    return corpus.cached(
        key, lambda: _flag_shared_copy(corpus, min_share, shingle, min_words, max_gap, max_df, roles_t)
    ).copy()


def _token_sentences(tokens: Tokens, sdoc: np.ndarray, sstart: np.ndarray, send: np.ndarray) -> np.ndarray | None:
    """Row of the sentence each token starts in (-1: none); None if sentences overlap.

    A token belongs to a sentence when its start lies in ``[start, end)``. Within an
    article tokens are in order, so each sentence is a range of tokens, found by
    searching its ends among the article's token starts.
    """
    out = np.full(len(tokens.starts), -1, dtype=np.int32)
    rows = np.flatnonzero(send > sstart)  # an empty sentence holds no token
    rows = rows[np.lexsort((sstart[rows], sdoc[rows]))]
    if not len(rows):
        return out
    d, s0, s1 = sdoc[rows], sstart[rows], send[rows]
    if ((d[1:] == d[:-1]) & (s0[1:] < s1[:-1])).any():
        return None
    first = np.empty(len(rows), dtype=np.int64)
    last = np.empty(len(rows), dtype=np.int64)
    bounds = np.flatnonzero(np.diff(d, prepend=-1, append=-1))
    offsets, starts = tokens.offsets, tokens.starts
    for lo, hi in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        k = int(d[lo])
        o0, o1 = int(offsets[k]), int(offsets[k + 1])
        st = starts[o0:o1]
        first[lo:hi] = o0 + np.searchsorted(st, s0[lo:hi])
        last[lo:hi] = o0 + np.searchsorted(st, s1[lo:hi])
    # Tokens first..last-1 belong to the row; the ranges are in order and apart.
    edges = np.empty(2 * len(rows) + 2, dtype=np.int64)
    edges[0], edges[-1] = 0, len(out)
    edges[1:-1:2], edges[2:-1:2] = first, last
    values = np.full(len(edges) - 1, -1, dtype=np.int32)
    values[1::2] = rows
    return np.repeat(values, np.diff(edges))


def _token_sentences_slow(tokens: Tokens, sdoc, sstart, send) -> np.ndarray:
    """As :func:`_token_sentences` for sentences that overlap: a later row wins, as in a loop."""
    out = np.full(len(tokens.starts), -1, dtype=np.int32)
    for row in range(len(sdoc)):
        k = int(sdoc[row])
        lo, hi = int(tokens.offsets[k]), int(tokens.offsets[k + 1])
        st = tokens.starts[lo:hi]
        inside = (st >= sstart[row]) & (st < send[row])
        out[lo:hi][inside] = row
    return out


def _components(n: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Connected components of ``n`` nodes and edges ``x``–``y``: each node's smallest member."""
    label = np.arange(n, dtype=np.int64)
    if not len(x):
        return label
    while True:
        lx, ly = label[x], label[y]
        low = np.minimum(lx, ly)
        new = label.copy()
        np.minimum.at(new, lx, low)
        np.minimum.at(new, ly, low)
        while True:  # point every node at its root
            jumped = new[new]
            if (jumped == new).all():
                break
            new = jumped
        if (new == label).all():
            return label
        label = new


def _flag_shared_copy(corpus, min_share, shingle, min_words, max_gap, max_df, roles):
    table, tokens, runs = _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles)
    # only passages that are copies count: not titles, and not two documents of one source
    categories = _bundle_categories(corpus, shingle, min_words, max_gap, max_df, roles)
    copies = np.array([c in COPY_CATEGORIES for c in categories], dtype=bool)
    if len(copies) and not copies.all():
        keep = copies[runs.passage] if len(runs.passage) else np.zeros(0, dtype=bool)
        runs = type(runs)(runs.passage[keep], runs.a[keep], runs.b[keep], runs.length[keep])
    sents = corpus.sentences
    sents = sents[sents["role"].isin(roles)].sort_values(["article_id", "start"]).reset_index(drop=True)
    base_cols = ["article_id", "para_id", "sent_id", "role", "start", "end", "text"]
    sents = sents[base_cols].copy()
    n = len(sents)

    doc_index = {aid: k for k, aid in enumerate(tokens.ids)}  # every article of corpus.raw
    aids = sents["article_id"].tolist()
    sdoc = np.array([doc_index[a] for a in aids], dtype=np.int64)
    sstart = sents["start"].to_numpy(dtype=np.int64)
    send = sents["end"].to_numpy(dtype=np.int64)

    # Sentence of every token (row of `sents`), -1 outside the sentences.
    tok_sent = _token_sentences(tokens, sdoc, sstart, send) if tokens.ordered else None
    if tok_sent is None:
        tok_sent = _token_sentences_slow(tokens, sdoc, sstart, send)
    in_sent = tok_sent >= 0
    n_words = np.bincount(tok_sent[in_sent], minlength=n).astype(np.int64)

    # Tokens covered by a passage on either side.
    cover = np.zeros(len(tok_sent) + 1, dtype=np.int32)
    for side in (runs.a, runs.b):
        np.add.at(cover, side, 1)
        np.add.at(cover, side + runs.length, -1)
    shared = np.cumsum(cover[:-1], dtype=np.int32) > 0
    del cover
    shared_words = np.bincount(tok_sent[shared & in_sent], minlength=n).astype(np.int64)
    share = np.divide(shared_words, n_words, out=np.zeros(n), where=n_words > 0)
    flagged = (share >= min_share) & (n_words > 0)

    # Links between flagged sentences holding tokens aligned with each other.
    xs, ys = [], []
    cum = np.cumsum(runs.length)
    r0 = 0
    while r0 < len(runs.length):
        r1 = max(r0 + 1, int(np.searchsorted(cum, (cum[r0 - 1] if r0 else 0) + CHUNK, side="right")))
        ln = runs.length[r0:r1]
        step = np.arange(int(ln.sum())) - np.repeat(np.cumsum(ln) - ln, ln)
        sa = tok_sent[np.repeat(runs.a[r0:r1], ln) + step]
        sb = tok_sent[np.repeat(runs.b[r0:r1], ln) + step]
        ok = (sa >= 0) & (sb >= 0)
        sa, sb = sa[ok], sb[ok]
        ok = flagged[sa] & flagged[sb]
        pair = np.unique(sa[ok].astype(np.int64) * n + sb[ok])
        xs.append(pair // n)
        ys.append(pair % n)
        r0 = r1
    x = np.concatenate(xs) if xs else np.zeros(0, dtype=np.int64)
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=np.int64)
    root = _components(n, x, y)
    size = np.bincount(root, minlength=n)
    grouped = size[root] > 1
    # Groups numbered by their smallest row; the first member by (article_id, sent_id, row).
    group_roots = np.unique(root[grouped])
    gid = np.searchsorted(group_roots, root)
    rows = np.flatnonzero(grouped)  # articles rank as their ids sort: the index in tokens.ids
    order = rows[np.lexsort((rows, sents["sent_id"].to_numpy()[rows], sdoc[rows], gid[rows]))]
    is_first = np.ones(len(order), dtype=bool)  # the first row of each group in that order
    is_first[1:] = gid[order[1:]] != gid[order[:-1]]

    out = sents.copy()
    out["n_words"] = n_words
    out["shared_words"] = shared_words
    out["shared_share"] = share.round(3)
    out["shared_copy"] = grouped
    out["copy_group"] = pd.arrays.IntegerArray(np.where(grouped, gid, 0).astype(np.int64), ~grouped)
    out["copies"] = np.where(grouped, size[root], 1).astype(np.int64)
    count_once = np.ones(n, dtype=bool)
    count_once[order] = is_first
    out["count_once"] = count_once
    return out[SHARED_COPY_COLUMNS]


def shared_word_matrix(corpus, reuse: pd.DataFrame | None = None, *, by: str = "article_id") -> pd.DataFrame:
    """Words of each row article that lie in passages shared with each column article.

    A square DataFrame indexed and columned by article_id (or by ``by="outlet"``,
    labelled with the outlet name). Cell (r, c) counts the distinct word tokens of
    article r covered by passages shared with article c; the diagonal is <NA>.
    The matrix need not be symmetric: a passage can hold more words on one side.
    ``reuse`` defaults to :func:`find_reuse`; rows naming articles outside the corpus
    are ignored. The matrix has one cell per pair of articles, so it is meant
    for corpora of hundreds of articles, not tens of thousands.
    """
    reuse = find_reuse(corpus) if reuse is None else reuse
    ids = sorted(corpus.raw)
    index = {aid: k for k, aid in enumerate(ids)}
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for a, sa, ea, b, sb, eb in zip(
        reuse["article_a"].tolist(),
        reuse["start_a"].tolist(),
        reuse["end_a"].tolist(),
        reuse["article_b"].tolist(),
        reuse["start_b"].tolist(),
        reuse["end_b"].tolist(),
    ):
        spans.setdefault((a, b), []).append((sa, ea))
        spans.setdefault((b, a), []).append((sb, eb))
    counts = np.zeros((len(ids), len(ids)), dtype=np.int64)
    for (r, c), pieces in spans.items():
        if r == c or r not in index or c not in index:
            continue
        raw = corpus.raw[r]
        covered: set[int] = set()
        for s, e in pieces:
            covered.update(m.start() for m in WORD_RE.finditer(raw, s, e))
        counts[index[r], index[c]] = len(covered)
    mask = np.eye(len(ids), dtype=bool)
    mat = pd.DataFrame(
        {c: pd.arrays.IntegerArray(counts[:, k].copy(), mask[:, k].copy()) for k, c in enumerate(ids)}, index=ids
    )
    if by == "outlet":
        names = corpus.articles.set_index("article_id")["outlet"].to_dict()
        labels = {aid: f"{names.get(aid, aid)} ({aid.split('_')[0]})" for aid in ids}
        mat = mat.rename(index=labels, columns=labels)
    mat.index.name = "words_of"
    mat.columns.name = "shared_with"
    return mat
