"""Text reuse, step two: shingles, seeds and aligned passages between articles (passim's method).

See :mod:`readout.analysis.reuse` for the method.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from readout.analysis.reuse_tokens import Tokens, tokenize_corpus

#: passim's default cap: a shingle held by more articles than this is boilerplate.
MAX_DF = 100


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


_MULT = np.uint64(0x9E3779B97F4A7C15)


_MIX1 = np.uint64(0xBF58476D1CE4E5B9)


_MIX2 = np.uint64(0x94D049BB133111EB)


CHUNK = 1 << 20


def _shingle_groups(kp: np.ndarray, bp: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Start positions of the shingles that occur at least twice, grouped by shingle.

    ``kp`` and ``bp`` are the padded key ids and blocks (:meth:`_TokenBuilder.finish`).
    Returns ``(pos, gstart)``: ``pos`` lists token positions group after group, in
    increasing order inside a group; group ``g`` is ``pos[gstart[g]:gstart[g + 1]]``.
    A shingle is ``n`` consecutive tokens of one block. Shingles are sorted by a 64-bit
    hash whose low bits hold the position, and every group is checked token by token,
    so two shingles that share a hash are still told apart.
    """
    empty = np.zeros(0, dtype=np.int64)
    keys, blocks = kp[1:-1], bp[1:-1]
    N = len(keys)
    if n > N:
        return empty, empty
    P = N - n + 1
    valid = blocks[:P] == blocks[n - 1 :]
    n_valid = int(np.count_nonzero(valid))
    if n_valid < 2:
        return empty, empty
    bits = max(1, int(P).bit_length())
    low = np.uint64((1 << bits) - 1)
    packed = np.empty(n_valid, dtype=np.uint64)
    w = 0
    for c0 in range(0, P, CHUNK):
        c1 = min(P, c0 + CHUNK)
        h = keys[c0:c1].astype(np.uint64)
        for k in range(1, n):
            h *= _MULT
            h += keys[c0 + k : c1 + k].astype(np.uint64)
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
        v = valid[c0:c1]
        sel = h[v]
        packed[w : w + len(sel)] = (sel & ~low) | (np.flatnonzero(v).astype(np.uint64) + np.uint64(c0))
        w += len(sel)
    del valid, h, sel
    packed.sort()
    # Keep the positions whose hash prefix occurs more than once; mark where groups start.
    shift = np.uint64(bits)
    pos_parts, new_parts = [], []
    for c0 in range(0, len(packed), CHUNK):
        c1 = min(len(packed), c0 + CHUNK)
        pre = packed[max(0, c0 - 1) : min(len(packed), c1 + 1)] >> shift
        off = 1 if c0 > 0 else 0
        mid = pre[off : off + (c1 - c0)]
        same_prev = np.zeros(c1 - c0, dtype=bool)
        same_next = np.zeros(c1 - c0, dtype=bool)
        if off:
            same_prev[:] = mid == pre[: c1 - c0]
        else:
            same_prev[1:] = mid[1:] == mid[:-1]
        tail = pre[off + 1 : off + 1 + (c1 - c0)]
        same_next[: len(tail)] = mid[: len(tail)] == tail
        dup = same_prev | same_next
        pos_parts.append((packed[c0:c1][dup] & low).astype(np.int64))
        new_parts.append(~same_prev[dup])
    del packed
    pos = np.concatenate(pos_parts)
    new = np.concatenate(new_parts)
    del pos_parts, new_parts
    if not len(pos):
        return empty, empty
    # Check that every member of a group holds the same tokens as its first member.
    first = pos[np.flatnonzero(new)][np.cumsum(new) - 1]
    wrong = np.zeros(len(pos), dtype=bool)
    for k in range(n):
        wrong |= keys[pos + k] != keys[first + k]
    del first
    if wrong.any():
        pos, new = _split_collisions(keys, n, pos, new, wrong)
    gstart = np.flatnonzero(new)
    sizes = np.diff(gstart, append=len(pos))
    if (sizes < 2).any():  # groups split by a collision can leave single shingles
        keep = np.repeat(sizes >= 2, sizes)
        pos, new = pos[keep], new[keep]
        gstart = np.flatnonzero(new)
    return pos, gstart


def _split_collisions(keys, n, pos, new, wrong):
    """Re-group, by their tokens, the groups whose members do not all hold one shingle."""
    gstart = np.flatnonzero(new)
    gend = np.append(gstart[1:], len(pos))
    bad = np.unique(np.searchsorted(gstart, np.flatnonzero(wrong), side="right") - 1)
    pos, new = pos.copy(), new.copy()
    for g in bad.tolist():
        s, e = int(gstart[g]), int(gend[g])
        members = sorted((tuple(keys[p : p + n].tolist()), p) for p in pos[s:e].tolist())
        pos[s:e] = [p for _, p in members]
        new[s:e] = [k == 0 or members[k][0] != members[k - 1][0] for k in range(len(members))]
    return pos, new


def _seed_pairs(pos, gstart, doc, prev_group, kept):
    """The seeds that can start a span: pairs of positions of one kept group in two articles.

    A pair whose left neighbours are also a seed (the shingles one token earlier are
    one kept group) lies inside that seed's span and is skipped. A whole group is
    skipped when its members are exactly the successors of a kept group's members.
    Yields ``(left, right)`` index arrays into ``pos`` (``left < right``), in batches of
    about ``CHUNK`` pairs.
    """
    sizes = np.diff(gstart, append=len(pos))
    lo = np.minimum.reduceat(prev_group, gstart)
    hi = np.maximum.reduceat(prev_group, gstart)
    follows = (lo == hi) & (lo >= 0)
    safe = np.where(follows, lo, 0)
    follows &= kept[safe] & (sizes[safe] == sizes)
    todo = np.flatnonzero(kept & ~follows)
    if not len(todo):
        return
    cum = np.cumsum(sizes[todo] * (sizes[todo] - 1) // 2)  # pairs up to each group
    lo_g = 0
    while lo_g < len(todo):
        limit = (cum[lo_g - 1] if lo_g else 0) + CHUNK
        hi_g = max(lo_g + 1, int(np.searchsorted(cum, limit, side="right")))
        groups = todo[lo_g:hi_g]
        lo_g = hi_g
        g_size = sizes[groups]
        first = np.repeat(gstart[groups], g_size)
        elem = first + (np.arange(int(g_size.sum())) - np.repeat(np.cumsum(g_size) - g_size, g_size))
        after = first + np.repeat(g_size, g_size) - elem - 1  # members after each element
        total = int(after.sum())
        if not total:
            continue
        left = np.repeat(elem, after)
        right = left + 1 + (np.arange(total) - np.repeat(np.cumsum(after) - after, after))
        ok = doc[left] != doc[right]
        pl, pr = prev_group[left], prev_group[right]
        ok &= ~((pl == pr) & (pl >= 0) & kept[np.maximum(pl, 0)])
        yield left[ok], right[ok]


def _runs(kp, bp, offsets, n, max_df):
    """Maximal aligned runs seeded by a kept shingle.

    Returns ``(a, b, length, doc_a, doc_b)``: ``a`` and ``b`` are corpus token positions
    in two articles (``doc_a < doc_b``, indices into the article ids); rows are sorted by
    article pair, then by ``a``, then by ``b``.
    """
    empty = np.zeros(0, dtype=np.int64)
    pos, gstart = _shingle_groups(kp, bp, n)
    if not len(pos):
        return empty, empty, empty, empty, empty
    doc = (np.searchsorted(offsets, pos, side="right") - 1).astype(np.int32)
    new_doc = np.ones(len(pos), dtype=bool)
    new_doc[1:] = doc[1:] != doc[:-1]
    new_doc[gstart] = True
    df = np.add.reduceat(new_doc.astype(np.int32), gstart)
    del new_doc
    kept = df >= 2
    if max_df is not None:
        kept &= df <= max_df
    group_at = np.full(len(kp), -1, dtype=np.int32)  # group_at[t + 1]: group of the shingle at t
    group_at[pos + 1] = np.repeat(np.arange(len(gstart), dtype=np.int32), np.diff(gstart, append=len(pos)))
    prev_group = group_at[pos]  # group of the shingle one token earlier
    parts = []
    for left, right in _seed_pairs(pos, gstart, doc, prev_group, kept):
        a, b = pos[left], pos[right]
        # A seed whose left neighbours agree follows a shingle above the cap: walk back.
        back = (prev_group[left] == prev_group[right]) & (prev_group[left] >= 0)
        if back.any():
            idx = np.flatnonzero(back)
            while len(idx):
                ia, ib = a[idx], b[idx]  # padded index of the token before each start
                ok = (kp[ia] == kp[ib]) & (bp[ia] == bp[ia + 1]) & (bp[ib] == bp[ib + 1])
                idx = idx[ok]
                a[idx] -= 1
                b[idx] -= 1
        parts.append((a, b, doc[left], doc[right]))
    del pos, gstart, doc, prev_group
    if not parts:
        return empty, empty, empty, empty, empty
    a, b, da, db = (np.concatenate(x) for x in zip(*parts))
    del parts
    da, db = da.astype(np.int64), db.astype(np.int64)
    pair = da * (len(offsets) - 1) + db
    order = np.lexsort((b, a, pair))
    a, b, da, db = a[order], b[order], da[order], db[order]
    distinct = np.ones(len(a), dtype=bool)
    distinct[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b, da, db = a[distinct], b[distinct], da[distinct], db[distinct]
    # Extend every run to the right while the keys agree inside one block: a whole
    # shingle at a time where both sides continue with one shingle group.
    length = np.full(len(a), n, dtype=np.int64)
    ba, bb = bp[a + 1], bp[b + 1]
    idx = np.arange(len(a))
    while len(idx):
        ta, tb = a[idx] + length[idx] + 1, b[idx] + length[idx] + 1  # padded next tokens
        ga = group_at[ta]
        same_block = (bp[ta] == ba[idx]) & (bp[tb] == bb[idx])
        jump = (ga == group_at[tb]) & (ga >= 0) & same_block
        step = ~jump & (kp[ta] == kp[tb]) & same_block
        length[idx[jump]] += n
        length[idx[step]] += 1
        idx = idx[jump | step]
    return a, b, length, da, db


def _join_runs(a, b, length, da, db, blocks, max_gap):
    """Join runs of one pair of articles separated by at most ``max_gap`` tokens on both sides.

    Returns the head of every run: the index of the first run of the passage it joined
    (a run that joins none is its own head). Follows the rule of the pairwise
    alignment: runs in order of (a, b); a run joins the most recent of the last four
    passages whose end lies 0..max_gap tokens before it on both sides, in the same blocks.
    Only pairs where some run ends that close before another are walked one by one.
    ``blocks`` is indexed by token position.
    """
    head = np.arange(len(a))
    if len(a) < 2 or max_gap < 0:
        return head
    new = np.ones(len(a), dtype=bool)
    new[1:] = (da[1:] != da[:-1]) | (db[1:] != db[:-1])
    pair = np.cumsum(new) - 1
    span = int(max(a.max(), b.max()) + length.max()) + max_gap + 2
    # A run can join only if a run of its pair ends 0..max_gap tokens before it, on each side.
    maybe = np.ones(len(a), dtype=bool)
    for start in (a, b):
        ends = np.sort(pair * span + start + length)
        key = pair * span + start
        maybe &= np.searchsorted(ends, key, side="right") > np.searchsorted(ends, key - max_gap, side="left")
    if not maybe.any():
        return head
    todo = np.zeros(int(pair[-1]) + 1, dtype=bool)
    todo[pair[maybe]] = True
    rows = np.flatnonzero(todo[pair])
    ra, rb, rl = a[rows].tolist(), b[rows].tolist(), length[rows].tolist()
    ka, kb = blocks[a[rows]].tolist(), blocks[b[rows]].tolist()
    first = np.ones(len(rows), dtype=bool)
    first[1:] = pair[rows[1:]] != pair[rows[:-1]]
    first = first.tolist()
    rows = rows.tolist()
    heads = head.tolist()
    merged: list[list[int]] = []  # [head, a1, b1, block of a1 - 1, block of b1 - 1]
    for k in range(len(rows)):
        if first[k]:
            merged = []
        a0, b0 = ra[k], rb[k]
        a1, b1 = a0 + rl[k], b0 + rl[k]
        for m in reversed(merged[-4:]):
            gap_a, gap_b = a0 - m[1], b0 - m[2]
            if 0 <= gap_a <= max_gap and 0 <= gap_b <= max_gap and ka[k] == m[3] and kb[k] == m[4]:
                m[1], m[2] = a1, b1  # a run lies in one block: the blocks stay
                heads[rows[k]] = m[0]
                break
        else:
            merged.append([rows[k], a1, b1, ka[k], kb[k]])
    return np.asarray(heads, dtype=np.int64)


@dataclass
class _Runs:
    """Aligned runs of the passage table: row ``passage[r]`` aligns tokens ``a[r] + k``
    with ``b[r] + k`` for ``k < length[r]`` (corpus token positions, see :class:`Tokens`)."""

    passage: np.ndarray
    a: np.ndarray
    b: np.ndarray
    length: np.ndarray

    def pairs(self, tokens: Tokens, row: int) -> list[tuple[int, int]]:
        """The aligned (token in article A, token in article B) indices of one passage row."""
        out: list[tuple[int, int]] = []
        for k in np.flatnonzero(self.passage == row).tolist():
            a, b, n = int(self.a[k]), int(self.b[k]), int(self.length[k])
            oa = int(tokens.offsets[np.searchsorted(tokens.offsets, a, side="right") - 1])
            ob = int(tokens.offsets[np.searchsorted(tokens.offsets, b, side="right") - 1])
            out.extend((a - oa + i, b - ob + i) for i in range(n))
        return out


def align_texts(
    texts: dict[str, str],
    regions: dict[str, list[tuple[int, int]]] | None = None,
    *,
    shingle: int = 5,
    min_words: int = 8,
    max_gap: int = 2,
    max_df: int | None = MAX_DF,
) -> tuple[pd.DataFrame, Tokens, _Runs]:
    """Find shared passages between every pair of ``texts`` (id -> raw text).

    Returns ``(passages, tokens, runs)``: the passage table (see :func:`find_reuse`;
    rows in order of article pair, then of position in article A), the corpus's
    tokens as flat arrays (:class:`Tokens`), and the aligned runs of every passage
    row (:class:`_Runs`; ``runs.pairs(tokens, row)`` lists a row's aligned token
    pairs). ``regions`` maps an id to the ``(start, end)`` spans to read (missing or
    None: the whole text). ``max_df`` drops, as seeds, the shingles found in more than
    that many texts (passim's boilerplate cap); None keeps all.

    Raises ValueError for ``shingle < 1`` or ``max_df < 2`` (a cap below 2 would drop
    every shared shingle).
    """
    if shingle < 1:
        raise ValueError(f"shingle must be at least 1, got {shingle}")
    if max_df is not None and max_df < 2:
        raise ValueError(f"max_df must be at least 2 (or None), got {max_df}")
    ids = tuple(sorted(texts))
    tokens, kp, bp = tokenize_corpus(texts, ids, regions)
    a, b, length, da, db = _runs(kp, bp, tokens.offsets, shingle, max_df)
    del kp
    head = _join_runs(a, b, length, da, db, bp[1:-1], max_gap)
    del bp
    # Passages: one per head, in order of their first run.
    order = np.argsort(head, kind="stable")
    heads, first = np.unique(head[order], return_index=True)
    last = order[np.append(first[1:], len(order)) - 1] if len(order) else order
    matched = np.add.reduceat(length[order], first) if len(order) else np.zeros(0, dtype=np.int64)
    keep = matched >= min_words
    heads, last, matched = heads[keep], last[keep], matched[keep]
    a0, b0 = a[heads], b[heads]
    a1, b1 = a[last] + length[last], b[last] + length[last]
    row_of_head = np.full(len(a), -1, dtype=np.int64)
    row_of_head[heads] = np.arange(len(heads))
    run_row = row_of_head[head]
    runs = _Runs(run_row[run_row >= 0], a[run_row >= 0], b[run_row >= 0], length[run_row >= 0])
    art_a = [ids[k] for k in da[heads].tolist()]
    art_b = [ids[k] for k in db[heads].tolist()]
    assert tokens.ends is not None
    sa, ea = tokens.starts[a0].tolist(), tokens.ends[a1 - 1].tolist()
    sb, eb = tokens.starts[b0].tolist(), tokens.ends[b1 - 1].tolist()
    text_a = [texts[x][s:e] for x, s, e in zip(art_a, sa, ea)]
    # where both sides print the same characters, one string serves both columns
    text_b = [ta if ta == tb else tb for ta, tb in zip(text_a, (texts[x][s:e] for x, s, e in zip(art_b, sb, eb)))]
    if len(heads):
        table = pd.DataFrame(
            {
                "article_a": art_a,
                "start_a": sa,
                "end_a": ea,
                "article_b": art_b,
                "start_b": sb,
                "end_b": eb,
                "text": text_a,
                "text_b": text_b,
                "n_words": (a1 - a0).tolist(),
                "n_words_b": (b1 - b0).tolist(),
                "n_matched": matched.tolist(),
                "identical": [x == y for x, y in zip(text_a, text_b)],
            },
            columns=REUSE_COLUMNS[1:],
        )
    else:
        table = pd.DataFrame([], columns=REUSE_COLUMNS[1:])
    table.insert(0, "passage_id", [f"p{k:04d}" for k in range(len(table))])
    tokens.ends = None
    return (
        table.astype(
            {c: "int64" for c in ("start_a", "end_a", "start_b", "end_b", "n_words", "n_words_b", "n_matched")}
        ),
        tokens,
        runs,
    )
