"""Text reuse, step one: every article's words as flat arrays of keys and offsets.

See :mod:`readout.analysis.reuse` for the method.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain

import numpy as np

from readout.text.tokens import JOINER_CHARS, WORD_RE, keys_of, token_key


@dataclass
class _Doc:
    """Word tokens of one article: keys, raw offsets and the block each token is in."""

    keys: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)


def tokenize_regions(raw: str, regions: list[tuple[int, int]] | None = None) -> _Doc:
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
        for m in WORD_RE.finditer(raw, start, end):
            doc.keys.append(token_key(m.group()))
            doc.starts.append(m.start())
            doc.ends.append(m.end())
            doc.blocks.append(block)
        prev_end = end
    return doc


@dataclass
class Tokens:
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
                    self.JOINER
                    if ch in JOINER_CHARS
                    else self.WORD
                    if ch.isalnum()
                    else self.SPACE
                    if ch.isspace()
                    else 0
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
    goes through :func:`tokenize_regions`, region by region, which handles them as given.
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
                self._flush_fast(
                    [(raw, regs)], flat[mine], np.zeros(int(mine.sum()), dtype=np.int64), lengths[k : k + 1]
                )

    def _keep(self, keys, starts, ends, blocks) -> None:
        for name, arr in (("keys", keys), ("starts", starts), ("ends", ends), ("blocks", blocks)):
            self.parts[name].append(arr)

    def _add_slow(self, raw: str, regions) -> None:
        doc = tokenize_regions(raw, regions)
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
        keys = keys_of(spaced)
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

    def finish(self, order: tuple[str, ...]) -> tuple[Tokens, np.ndarray, np.ndarray]:
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
        return Tokens(order, offsets, out["starts"], out["ends"], self.ordered), out["keys"], out["blocks"]


def tokenize_corpus(texts: dict[str, str], ids: tuple[str, ...], regions) -> tuple[Tokens, np.ndarray, np.ndarray]:
    """Tokens of every text (in ``ids`` order), their padded key ids and global block numbers.

    See :meth:`_TokenBuilder.finish` for the padding.
    """
    builder = _TokenBuilder()
    for aid in ids:
        builder.add(texts[aid], (regions or {}).get(aid))
    return builder.finish(ids)
