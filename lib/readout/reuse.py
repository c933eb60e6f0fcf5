"""Text reuse: passages that two articles share, and sentences that are shared copy.

The method follows passim (Smith, Cordell & Mullen, 2015) in spirit, in process and
without a cluster: every article is cut into word tokens; each run of ``shingle``
consecutive tokens that occurs in two articles is a *seed*; each seed is extended
left and right while the tokens keep agreeing, giving a maximal aligned span;
neighbouring spans on the same alignment separated by a few differing tokens
(``max_gap``) are joined into one passage.

Tokens are compared on a *key* that ignores what copy editors change without
changing words: case, curly versus straight quote marks and apostrophes
(``We're`` / ``We’re``), full stops and hyphens inside a word (``U.S.-PRC`` /
``US-PRC``, ``top-line`` / ``topline``) and all punctuation between words. Every
passage keeps exact character offsets into both raw files, so
``corpus.raw[article_a][start_a:end_a]`` is the passage as article A prints it.

Public functions:

- :func:`find_reuse` — one row per shared passage.
- :func:`flag_shared_copy` — the sentence table with a ``shared_copy`` flag and a
  ``copy_group`` id, so that other analyses can count syndicated text once.
- :func:`shared_word_matrix` — words of each article that lie in passages shared
  with each other article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd

#: Words: letters/digits, joined by apostrophes, full stops or hyphens inside the word.
_TOKEN_RE = re.compile(r"[^\W_]+(?:[.'’‘\-‐‑]+[^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_INNER_JOINERS = re.compile(r"[.\-‐‑]")

REUSE_COLUMNS = [
    "passage_id",
    "article_a",
    "start_a",
    "end_a",
    "article_b",
    "start_b",
    "end_b",
    "text",
    "text_b",
    "n_words",
    "n_words_b",
    "n_matched",
    "identical",
]

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


def token_key(word: str) -> str:
    """The comparison key of a word: lower case, one apostrophe, no inner dots or hyphens.

    >>> token_key("We’re"), token_key("U.S.-PRC"), token_key("top-line")
    ("we're", 'usprc', 'topline')
    """
    return _INNER_JOINERS.sub("", word.translate(_APOSTROPHES).lower())


@dataclass
class _Doc:
    """Word tokens of one article: keys, raw offsets and the block each token is in."""

    keys: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)


def tokenize(raw: str, regions: list[tuple[int, int]] | None = None) -> _Doc:
    """Tokenise ``raw`` inside ``regions`` (sorted ``(start, end)`` spans; None = all).

    Regions that do not touch each other get different block numbers, so an
    alignment never runs across text that was left out (page furniture, bylines).
    """
    doc = _Doc()
    if regions is None:
        regions = [(0, len(raw))]
    block = -1
    prev_end = None
    for start, end in regions:
        gap = raw[prev_end:start] if prev_end is not None else None
        if prev_end is None or gap.strip():
            block += 1
        for m in _TOKEN_RE.finditer(raw, start, end):
            doc.keys.append(token_key(m.group()))
            doc.starts.append(m.start())
            doc.ends.append(m.end())
            doc.blocks.append(block)
        prev_end = end
    return doc


@dataclass
class _Span:
    a0: int
    a1: int  # exclusive token index in a
    b0: int
    b1: int
    pairs: list[tuple[int, int]]  # aligned (token in a, token in b) with equal keys


def _extend(da: _Doc, db: _Doc, i: int, j: int, n: int) -> _Span:
    """Extend the seed of ``n`` tokens at (i, j) to the maximal exact-key span."""
    a0, b0 = i, j
    while (
        a0 > 0
        and b0 > 0
        and da.keys[a0 - 1] == db.keys[b0 - 1]
        and da.blocks[a0 - 1] == da.blocks[a0]
        and db.blocks[b0 - 1] == db.blocks[b0]
    ):
        a0 -= 1
        b0 -= 1
    a1, b1 = i + n, j + n
    while (
        a1 < len(da.keys)
        and b1 < len(db.keys)
        and da.keys[a1] == db.keys[b1]
        and da.blocks[a1] == da.blocks[a1 - 1]
        and db.blocks[b1] == db.blocks[b1 - 1]
    ):
        a1 += 1
        b1 += 1
    return _Span(a0, a1, b0, b1, [(a0 + k, b0 + k) for k in range(a1 - a0)])


def _seed_ok(doc: _Doc, i: int, n: int) -> bool:
    return doc.blocks[i] == doc.blocks[i + n - 1]


def _shingle_index(doc: _Doc, n: int) -> dict[tuple[str, ...], list[int]]:
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(doc.keys) - n + 1):
        if _seed_ok(doc, i, n):
            index.setdefault(tuple(doc.keys[i : i + n]), []).append(i)
    return index


def _align_pair(da: _Doc, db: _Doc, ia: dict, ib: dict, n: int, max_gap: int) -> list[_Span]:
    spans: list[_Span] = []
    covered: set[tuple[int, int]] = set()
    for shingle in sorted(ia.keys() & ib.keys(), key=lambda s: ia[s][0]):
        for i in ia[shingle]:
            for j in ib[shingle]:
                if (i, j) in covered:
                    continue
                span = _extend(da, db, i, j, n)
                covered.update(span.pairs)
                spans.append(span)
    spans.sort(key=lambda s: (s.a0, s.b0))
    # Join spans that continue the same alignment after a small gap on both sides.
    merged: list[_Span] = []
    for span in spans:
        joined = False
        for prev in reversed(merged[-4:]):
            gap_a, gap_b = span.a0 - prev.a1, span.b0 - prev.b1
            if (
                0 <= gap_a <= max_gap
                and 0 <= gap_b <= max_gap
                and da.blocks[span.a0] == da.blocks[prev.a1 - 1]
                and db.blocks[span.b0] == db.blocks[prev.b1 - 1]
            ):
                prev.a1, prev.b1 = span.a1, span.b1
                prev.pairs.extend(span.pairs)
                joined = True
                break
        if not joined:
            merged.append(span)
    return merged


def align_texts(
    texts: dict[str, str],
    regions: dict[str, list[tuple[int, int]]] | None = None,
    *,
    shingle: int = 5,
    min_words: int = 8,
    max_gap: int = 2,
    max_df: int | None = None,
) -> tuple[pd.DataFrame, dict[str, _Doc], list[list[tuple[int, int]]]]:
    """Find shared passages between every pair of ``texts`` (id -> raw text).

    Returns ``(passages, docs, pairs)``: the passage table (see :func:`find_reuse`),
    the token lists, and for each passage row the aligned token index pairs.
    ``max_df`` drops shingles found in more than that many texts (boilerplate in
    large corpora); None keeps all.
    """
    if shingle < 1:
        raise ValueError(f"shingle must be at least 1, got {shingle}")
    ids = sorted(texts)
    docs = {aid: tokenize(texts[aid], (regions or {}).get(aid)) for aid in ids}
    index = {aid: _shingle_index(docs[aid], shingle) for aid in ids}
    if max_df is not None:
        df: dict[tuple[str, ...], int] = {}
        for aid in ids:
            for s in index[aid]:
                df[s] = df.get(s, 0) + 1
        for aid in ids:
            index[aid] = {s: v for s, v in index[aid].items() if df[s] <= max_df}
    # Only pairs of texts that share at least one shingle are aligned.
    holders: dict[tuple[str, ...], list[str]] = {}
    for aid in ids:
        for sh in index[aid]:
            holders.setdefault(sh, []).append(aid)
    candidates = sorted({pair for hs in holders.values() if len(hs) > 1 for pair in combinations(hs, 2)})
    rows, all_pairs = [], []
    for a, b in candidates:
        da, db = docs[a], docs[b]
        for span in _align_pair(da, db, index[a], index[b], shingle, max_gap):
            n_matched = len(span.pairs)
            if n_matched < min_words:
                continue
            sa, ea = da.starts[span.a0], da.ends[span.a1 - 1]
            sb, eb = db.starts[span.b0], db.ends[span.b1 - 1]
            text_a, text_b = texts[a][sa:ea], texts[b][sb:eb]
            rows.append(
                {
                    "article_a": a,
                    "start_a": sa,
                    "end_a": ea,
                    "article_b": b,
                    "start_b": sb,
                    "end_b": eb,
                    "text": text_a,
                    "text_b": text_b,
                    "n_words": span.a1 - span.a0,
                    "n_words_b": span.b1 - span.b0,
                    "n_matched": n_matched,
                    "identical": text_a == text_b,
                }
            )
            all_pairs.append(span.pairs)
    table = pd.DataFrame(rows, columns=REUSE_COLUMNS[1:])
    table.insert(0, "passage_id", [f"p{k:04d}" for k in range(len(table))])
    return table.astype({c: "int64" for c in ("start_a", "end_a", "start_b", "end_b", "n_words", "n_words_b", "n_matched")}), docs, all_pairs


def _regions(corpus, roles) -> dict[str, list[tuple[int, int]]]:
    paras = corpus.paragraphs
    if roles is not None:
        paras = paras[paras["role"].isin(roles)]
    out: dict[str, list[tuple[int, int]]] = {aid: [] for aid in corpus.raw}
    for row in paras.sort_values(["article_id", "start"]).itertuples(index=False):
        out.setdefault(row.article_id, []).append((int(row.start), int(row.end)))
    return out


def _default_roles():
    from readout.corpus import ANALYSED_ROLES

    return tuple(ANALYSED_ROLES)


def _reuse_bundle(corpus, shingle, min_words, max_gap, roles):
    roles = _default_roles() if roles is None else tuple(roles)
    key = f"reuse:{shingle}:{min_words}:{max_gap}:{','.join(roles)}"
    return corpus.cached(
        key,
        lambda: align_texts(
            dict(corpus.raw),
            _regions(corpus, roles),
            shingle=shingle,
            min_words=min_words,
            max_gap=max_gap,
        ),
    )


def find_reuse(corpus, *, shingle: int = 5, min_words: int = 8, max_gap: int = 2, roles=None) -> pd.DataFrame:
    """Passages that two articles share: one row per passage and pair of articles.

    Columns: ``passage_id``; ``article_a``, ``start_a``, ``end_a`` and ``article_b``,
    ``start_b``, ``end_b`` (exact offsets into ``corpus.raw``; ``article_a`` sorts
    before ``article_b``); ``text`` (article A's wording) and ``text_b``;
    ``n_words`` and ``n_words_b`` (word tokens in each span); ``n_matched``
    (aligned tokens with equal keys; at least ``min_words``); ``identical``
    (the two raw spans are character-for-character equal).

    A passage starts from a run of ``shingle`` words found in both articles and is
    extended to the longest aligned stretch; stretches separated by at most
    ``max_gap`` differing words on both sides are joined. Only paragraphs whose role
    is in ``roles`` are read (default :data:`readout.corpus.ANALYSED_ROLES`). The
    same passage carried by three articles gives three rows, one per pair.
    Returns an empty table with these columns when nothing is shared.
    """
    table, _, _ = _reuse_bundle(corpus, shingle, min_words, max_gap, roles)
    return table.copy()


def flag_shared_copy(
    corpus,
    *,
    min_share: float = 0.5,
    shingle: int = 5,
    min_words: int = 8,
    max_gap: int = 2,
    roles=None,
) -> pd.DataFrame:
    """The sentence table with flags for text that other articles also carry.

    One row per sentence in ``roles`` (default the analysed roles), with the
    corpus columns article_id, para_id, sent_id, role, start, end, text and:

    - ``n_words``: word tokens in the sentence;
    - ``shared_words``: of those, how many are aligned with another article's text
      in a :func:`find_reuse` passage;
    - ``shared_share``: ``shared_words / n_words``;
    - ``shared_copy`` (bool): ``shared_share >= min_share``;
    - ``copy_group`` (nullable Int64): sentences flagged as shared copy and aligned
      with each other (directly or through a third article) get the same id; <NA>
      for sentences that are not shared copy;
    - ``copies``: number of sentences in the group (1 for unshared sentences);
    - ``count_once`` (bool): True for every unshared sentence and for the first
      member of each copy group (lowest article_id, then sent_id). Filter on it to
      count syndicated text once: ``s[s.count_once]``.
    """
    roles_t = _default_roles() if roles is None else tuple(roles)
    key = f"shared_copy:{min_share}:{shingle}:{min_words}:{max_gap}:{','.join(roles_t)}"
    return corpus.cached(
        key, lambda: _flag_shared_copy(corpus, min_share, shingle, min_words, max_gap, roles_t)
    ).copy()


def _flag_shared_copy(corpus, min_share, shingle, min_words, max_gap, roles):
    import numpy as np

    table, docs, pairs = _reuse_bundle(corpus, shingle, min_words, max_gap, roles)
    sents = corpus.sentences
    sents = sents[sents["role"].isin(roles)].sort_values(["article_id", "start"]).reset_index(drop=True)
    base_cols = ["article_id", "para_id", "sent_id", "role", "start", "end", "text"]
    sents = sents[base_cols].copy()

    # Sentence of every token (row index into `sents`), per article.
    tok_sent: dict[str, np.ndarray] = {}
    for aid, doc in docs.items():
        sub = sents[sents["article_id"] == aid]
        starts = np.asarray(doc.starts, dtype=np.int64)
        idx = np.full(len(starts), -1, dtype=np.int64)
        for row_idx, s, e in zip(sub.index, sub["start"], sub["end"]):
            inside = (starts >= s) & (starts < e)
            idx[inside] = row_idx
        tok_sent[aid] = idx

    n_words = np.zeros(len(sents), dtype=np.int64)
    for aid, idx in tok_sent.items():
        for r in idx[idx >= 0]:
            n_words[r] += 1
    shared_tokens: dict[str, set[int]] = {aid: set() for aid in docs}
    links: list[tuple[int, int]] = []
    for row, span_pairs in zip(table.itertuples(index=False), pairs):
        a, b = row.article_a, row.article_b
        for i, j in span_pairs:
            shared_tokens[a].add(i)
            shared_tokens[b].add(j)
            sa, sb = tok_sent[a][i], tok_sent[b][j]
            if sa >= 0 and sb >= 0:
                links.append((int(sa), int(sb)))
    shared_words = np.zeros(len(sents), dtype=np.int64)
    for aid, toks in shared_tokens.items():
        for t in toks:
            r = tok_sent[aid][t]
            if r >= 0:
                shared_words[r] += 1
    share = np.divide(shared_words, n_words, out=np.zeros(len(sents)), where=n_words > 0)
    flagged = (share >= min_share) & (n_words > 0)

    parent = list(range(len(sents)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in links:
        if flagged[x] and flagged[y]:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    roots = [find(r) if flagged[r] else -1 for r in range(len(sents))]
    members: dict[int, list[int]] = {}
    for r, root in enumerate(roots):
        if root >= 0:
            members.setdefault(root, []).append(r)
    # A flagged sentence whose partners all fell under the threshold stays unshared.
    group_of: dict[int, int] = {}
    for gid, root in enumerate(sorted(k for k, v in members.items() if len(v) > 1)):
        for r in members[root]:
            group_of[r] = gid
    copy_group = pd.array([group_of.get(r) for r in range(len(sents))], dtype="Int64")
    sizes = {gid: sum(1 for g in group_of.values() if g == gid) for gid in set(group_of.values())}
    first_of = {}
    for r in sorted(group_of, key=lambda r: (sents.at[r, "article_id"], sents.at[r, "sent_id"])):
        first_of.setdefault(group_of[r], r)

    out = sents.copy()
    out["n_words"] = n_words
    out["shared_words"] = shared_words
    out["shared_share"] = share.round(3)
    out["shared_copy"] = [r in group_of for r in range(len(sents))]
    out["copy_group"] = copy_group
    out["copies"] = [sizes.get(group_of.get(r), 1) for r in range(len(sents))]
    out["count_once"] = [r not in group_of or first_of[group_of[r]] == r for r in range(len(sents))]
    return out[SHARED_COPY_COLUMNS]


def shared_word_matrix(corpus, reuse: pd.DataFrame | None = None, *, by: str = "article_id") -> pd.DataFrame:
    """Words of each row article that lie in passages shared with each column article.

    A square DataFrame indexed and columned by article_id (or by ``by="outlet"``,
    labelled with the outlet name). Cell (r, c) counts the distinct word tokens of
    article r covered by passages shared with article c; the diagonal is <NA>.
    The matrix need not be symmetric: a passage can hold more words on one side.
    """
    reuse = find_reuse(corpus) if reuse is None else reuse
    ids = sorted(corpus.raw)
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for row in reuse.itertuples(index=False):
        spans.setdefault((row.article_a, row.article_b), []).append((row.start_a, row.end_a))
        spans.setdefault((row.article_b, row.article_a), []).append((row.start_b, row.end_b))
    mat = pd.DataFrame(pd.NA, index=ids, columns=ids, dtype="Int64")
    for r in ids:
        raw = corpus.raw[r]
        for c in ids:
            if r == c:
                continue
            covered = set()
            for s, e in spans.get((r, c), []):
                covered.update(m.start() for m in _TOKEN_RE.finditer(raw, s, e))
            mat.loc[r, c] = len(covered)
    if by == "outlet":
        names = corpus.articles.set_index("article_id")["outlet"].to_dict()
        labels = {aid: f"{names.get(aid, aid)} ({aid.split('_')[0]})" for aid in ids}
        mat = mat.rename(index=labels, columns=labels)
    mat.index.name = "words_of"
    mat.columns.name = "shared_with"
    return mat
