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

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd

#: passim's default cap: a shingle held by more articles than this is boilerplate.
MAX_DF = 100

#: the characters that may join two runs of letters/digits into one word
_JOINER_CHARS = ".'’‘-‐‑"
#: Words: letters/digits, joined by apostrophes, full stops or hyphens inside the word.
_TOKEN_RE = re.compile(rf"[^\W_]+(?:[{re.escape(_JOINER_CHARS)}]+[^\W_]+)*")

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
    return _normalise(word)


def _normalise(text: str) -> str:
    """``text`` with one apostrophe, in lower case, without dots and hyphens."""
    s = text.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'").lower()
    return s.replace(".", "").replace("-", "").replace("‐", "").replace("‑", "")


def _keys_of(spaced: str) -> list[str]:
    """:func:`token_key` of every word of ``spaced`` (words separated by whitespace), at once.

    Every step works character by character (``str.lower`` looks at neighbours only
    for a final sigma, and a space stops that look), so this equals
    ``[token_key(w) for w in spaced.split()]``.
    """
    return _normalise(spaced).split()


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
    This is the reference tokeniser, one article at a time; :func:`align_texts`
    tokenises a whole corpus at once into flat arrays with the same result.
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


# --------------------------------------------------------------------------- tokens as arrays


@dataclass
class _Tokens:
    """The word tokens of a corpus, concatenated in article-id order.

    Token ``t`` of the corpus belongs to article ``ids[k]`` for
    ``offsets[k] <= t < offsets[k + 1]``; ``starts[t]`` and ``ends[t]`` are its
    character offsets in that article's raw text.
    """

    ids: tuple[str, ...]
    offsets: np.ndarray  # int64, len(ids) + 1
    starts: np.ndarray  # int32
    ends: np.ndarray | None = None  # int32; dropped once the passage table is built
    ordered: bool = True  # tokens of every article in order of their start


class _CharClasses:
    """Class of every code point: 0 other, 1 letter/digit, 2 joiner, 3 white space.

    ``[^\\W_]`` in a ``str`` pattern is exactly ``str.isalnum``, and white space is what
    ``str.strip`` removes. The table is filled lazily with the code points a corpus uses.
    """

    UNKNOWN = 255
    WORD, JOINER, SPACE = 1, 2, 3

    def __init__(self):
        self.table = np.full(0x110000, self.UNKNOWN, dtype=np.uint8)

    def __call__(self, cp: np.ndarray) -> np.ndarray:
        cls = self.table[cp]
        unknown = cls == self.UNKNOWN
        if unknown.any():
            for c in np.unique(cp[unknown]).tolist():
                ch = chr(c)
                self.table[c] = (
                    self.JOINER if ch in _JOINER_CHARS else self.WORD if ch.isalnum() else self.SPACE if ch.isspace() else 0
                )
            cls = self.table[cp]
        return cls


@functools.cache
def _char_classes() -> _CharClasses:
    return _CharClasses()


def _runs_of(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends (exclusive) of the runs of True in a boolean array."""
    edge = np.diff(mask.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)


def _cover(n: int, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Boolean array of length ``n``, True inside the sorted, disjoint spans ``[starts, ends)``."""
    edges = np.empty(2 * len(starts) + 2, dtype=np.int64)
    edges[0], edges[-1] = 0, n
    edges[1:-1:2], edges[2:-1:2] = starts, ends
    flags = np.zeros(len(edges) - 1, dtype=bool)
    flags[1::2] = True
    return np.repeat(flags, np.diff(edges))


class _TokenBuilder:
    """Collects the tokens of a corpus article by article into flat arrays.

    Articles are tokenised in batches of about :attr:`CHUNK_CHARS` characters with array
    operations; an article whose regions touch, overlap, run backwards or past its text
    goes through :func:`tokenize`, region by region, which handles them as given.
    """

    CHUNK_CHARS = 1 << 21

    def __init__(self):
        self.vocab: defaultdict[str, int] = defaultdict()
        self.vocab.default_factory = self.vocab.__len__  # a new key gets the next id
        self.parts: dict[str, list[np.ndarray]] = {"keys": [], "starts": [], "ends": [], "blocks": []}  # per batch
        self.counts: list[int] = []
        self.n_blocks = 0
        self.ordered = True
        self._pending: list[tuple[str, list]] = []
        self._pending_chars = 0

    def add(self, raw: str, regions) -> None:
        self._pending.append((raw, [(0, len(raw))] if regions is None else regions))
        self._pending_chars += len(raw) + 1
        if self._pending_chars >= self.CHUNK_CHARS:
            self._flush()

    def _flush(self) -> None:
        pending, self._pending, self._pending_chars = self._pending, [], 0
        if not pending:
            return
        n_regions = np.fromiter((len(r) for _, r in pending), dtype=np.int64, count=len(pending))
        spans = chain.from_iterable(chain.from_iterable(regs for _, regs in pending))
        flat = np.fromiter(spans, dtype=np.int64, count=2 * int(n_regions.sum())).reshape(-1, 2)
        rdoc = np.repeat(np.arange(len(pending)), n_regions)
        lengths = np.fromiter((len(raw) for raw, _ in pending), dtype=np.int64, count=len(pending))
        ok = (flat[:, 0] >= 0) & (flat[:, 0] < flat[:, 1]) & (flat[:, 1] <= lengths[rdoc])
        ok[1:] &= (rdoc[1:] != rdoc[:-1]) | (flat[1:, 0] > flat[:-1, 1])
        bad = np.zeros(len(pending), dtype=bool)
        bad[rdoc[~ok]] = True
        if not bad.any():
            self._flush_fast(pending, flat, rdoc, lengths)
            return
        for k, (raw, regs) in enumerate(pending):  # keep article order
            if bad[k]:
                self._add_slow(raw, regs)
            else:
                mine = rdoc == k
                self._flush_fast([(raw, regs)], flat[mine], np.zeros(int(mine.sum()), dtype=np.int64), lengths[k : k + 1])

    def _keep(self, keys, starts, ends, blocks) -> None:
        for name, arr in (("keys", keys), ("starts", starts), ("ends", ends), ("blocks", blocks)):
            self.parts[name].append(arr)

    def _add_slow(self, raw: str, regions) -> None:
        doc = tokenize(raw, regions)
        self._keep(
            np.fromiter(map(self.vocab.__getitem__, doc.keys), dtype=np.int32, count=len(doc.keys)),
            np.asarray(doc.starts, dtype=np.int32),
            np.asarray(doc.ends, dtype=np.int32),
            np.asarray(doc.blocks, dtype=np.int32) + self.n_blocks,
        )
        self.counts.append(len(doc.keys))
        self.n_blocks += (doc.blocks[-1] + 1) if doc.blocks else 0
        self.ordered &= all(x < y for x, y in zip(doc.starts, doc.starts[1:]))

    def _flush_fast(self, pending, flat, rdoc, lengths) -> None:
        """Tokenise articles whose regions are in order and apart: one pass of array operations."""
        text = "\n".join(raw for raw, _ in pending) + "\n"
        bases = np.zeros(len(pending) + 1, dtype=np.int64)
        bases[1:] = np.cumsum(lengths + 1)
        r_start, r_end = bases[rdoc] + flat[:, 0], bases[rdoc] + flat[:, 1]
        cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cls = _char_classes()(cp)
        # A region opens a block when it is an article's first or when text other than
        # white space separates it from the region before (gaps and regions alternate in
        # `edges`, none of them empty).
        opens = np.ones(len(r_start), dtype=bool)
        if len(r_start) > 1:
            edges = np.empty(2 * len(r_start) - 1, dtype=np.int64)
            edges[0::2], edges[1::2] = r_start, r_end[:-1]
            solid = np.logical_or.reduceat(cls != _CharClasses.SPACE, edges)[1::2]  # each gap
            opens[1:] = (rdoc[1:] != rdoc[:-1]) | solid
        b_start = r_start[opens]
        cls[~_cover(len(cp), r_start, r_end)] = 0
        word = cls == _CharClasses.WORD
        # A run of joiners belongs to a token when letters/digits stand on both sides.
        j0, j1 = _runs_of(cls == _CharClasses.JOINER)
        del cls
        inner = (j0 > 0) & (j1 < len(cp))
        j0, j1 = j0[inner], j1[inner]
        bridge = word[j0 - 1] & word[j1]
        in_token = word | _cover(len(cp), j0[bridge], j1[bridge]) if bridge.any() else word
        del word
        t0, t1 = _runs_of(in_token)
        spaced = np.where(in_token, cp, np.uint32(32)).tobytes().decode("utf-32-le", "surrogatepass")
        del in_token, cp
        keys = _keys_of(spaced)
        del spaced
        if len(keys) != len(t0):  # pragma: no cover - would be a bug in the equivalence above
            raise AssertionError("token arrays and keys disagree")
        ids = np.fromiter(map(self.vocab.__getitem__, keys), dtype=np.int32, count=len(keys))
        del keys
        # Tokens are in order: find where each article and each block begins among them.
        per_doc = np.diff(np.searchsorted(t0, bases))
        per_block = np.diff(np.searchsorted(t0, b_start), append=len(t0))
        local = np.repeat(bases[:-1], per_doc)
        blocks = np.repeat(np.arange(self.n_blocks, self.n_blocks + len(b_start), dtype=np.int32), per_block)
        self._keep(ids, (t0 - local).astype(np.int32), (t1 - local).astype(np.int32), blocks)
        self.counts.extend(per_doc.tolist())
        self.n_blocks += len(b_start)

    def finish(self, order: tuple[str, ...]) -> tuple[_Tokens, np.ndarray, np.ndarray]:
        """The tokens, and the key ids and blocks padded with one sentinel at each end.

        In the padded arrays index ``t + 1`` is token ``t``; the sentinels (key -1 and -2,
        block -1) equal no token, so a walk along the tokens stops at either end.
        """
        self._flush()
        n = sum(self.counts)
        offsets = np.zeros(len(self.counts) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(self.counts)
        out = {}
        for name, pad in (("keys", (-1, -2)), ("blocks", (-1, -1)), ("starts", None), ("ends", None)):
            # one array at a time, letting its batches go as they are copied
            arr = np.empty(n + (2 if pad else 0), dtype=np.int32)
            at = 1 if pad else 0
            if pad:
                arr[0], arr[-1] = pad
            parts = self.parts[name]
            while parts:
                part = parts.pop(0)
                arr[at : at + len(part)] = part
                at += len(part)
            out[name] = arr
        return _Tokens(order, offsets, out["starts"], out["ends"], self.ordered), out["keys"], out["blocks"]


def _tokenize_corpus(texts: dict[str, str], ids: tuple[str, ...], regions) -> tuple[_Tokens, np.ndarray, np.ndarray]:
    """Tokens of every text (in ``ids`` order), their padded key ids and global block numbers.

    See :meth:`_TokenBuilder.finish` for the padding.
    """
    builder = _TokenBuilder()
    for aid in ids:
        builder.add(texts[aid], (regions or {}).get(aid))
    return builder.finish(ids)


# --------------------------------------------------------------------------- shingles and seeds

_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_CHUNK = 1 << 20


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
    if N < n:
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
    for c0 in range(0, P, _CHUNK):
        c1 = min(P, c0 + _CHUNK)
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
    for c0 in range(0, len(packed), _CHUNK):
        c1 = min(len(packed), c0 + _CHUNK)
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
    about ``_CHUNK`` pairs.
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
        limit = (cum[lo_g - 1] if lo_g else 0) + _CHUNK
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
    with ``b[r] + k`` for ``k < length[r]`` (corpus token positions, see :class:`_Tokens`)."""

    passage: np.ndarray
    a: np.ndarray
    b: np.ndarray
    length: np.ndarray

    def pairs(self, tokens: _Tokens, row: int) -> list[tuple[int, int]]:
        """The aligned (token in article A, token in article B) indices of one passage row."""
        out = []
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
) -> tuple[pd.DataFrame, _Tokens, _Runs]:
    """Find shared passages between every pair of ``texts`` (id -> raw text).

    Returns ``(passages, tokens, runs)``: the passage table (see :func:`find_reuse`;
    rows in order of article pair, then of position in article A), the corpus's
    tokens as flat arrays (:class:`_Tokens`), and the aligned runs of every passage
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
    tokens, kp, bp = _tokenize_corpus(texts, ids, regions)
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
    return table.astype({c: "int64" for c in ("start_a", "end_a", "start_b", "end_b", "n_words", "n_words_b", "n_matched")}), tokens, runs


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
    from readout.corpus import ANALYSED_ROLES

    return tuple(ANALYSED_ROLES)


def _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles):
    roles = _default_roles() if roles is None else tuple(roles)
    key = f"reuse:{shingle}:{min_words}:{max_gap}:{max_df}:{','.join(roles)}"
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
    :data:`readout.corpus.ANALYSED_ROLES`). The same passage carried by three articles
    gives three rows, one per pair; rows come in order of article pair, then of
    position in article A. Returns an empty table with these columns when nothing is
    shared. Raises ValueError for ``shingle < 1`` or ``max_df < 2``.
    """
    table, _, _ = _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles)
    return table.copy()


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
      ``max_df``);
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


def _token_sentences(tokens: _Tokens, sdoc: np.ndarray, sstart: np.ndarray, send: np.ndarray) -> np.ndarray | None:
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


def _token_sentences_slow(tokens: _Tokens, sdoc, sstart, send) -> np.ndarray:
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
    _, tokens, runs = _reuse_bundle(corpus, shingle, min_words, max_gap, max_df, roles)
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
        r1 = max(r0 + 1, int(np.searchsorted(cum, (cum[r0 - 1] if r0 else 0) + _CHUNK, side="right")))
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
        reuse["article_a"].tolist(), reuse["start_a"].tolist(), reuse["end_a"].tolist(),
        reuse["article_b"].tolist(), reuse["start_b"].tolist(), reuse["end_b"].tolist(),
    ):
        spans.setdefault((a, b), []).append((sa, ea))
        spans.setdefault((b, a), []).append((sb, eb))
    counts = np.zeros((len(ids), len(ids)), dtype=np.int64)
    for (r, c), pieces in spans.items():
        if r == c or r not in index or c not in index:
            continue
        raw = corpus.raw[r]
        covered = set()
        for s, e in pieces:
            covered.update(m.start() for m in _TOKEN_RE.finditer(raw, s, e))
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
