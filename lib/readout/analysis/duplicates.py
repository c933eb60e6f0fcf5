"""Count repeated statements once: pieces that repeat a kept piece's words are marked duplicates."""

from __future__ import annotations

from typing import Any

import pandas as pd

from readout.text.tokens import norm_words


def mark_duplicates(table: pd.DataFrame, share: float, min_words_cross: int = 15) -> None:
    """Fill ``counted`` and ``duplicate_of`` (see :func:`side_statements`).

    A piece can only duplicate a piece of the same side (and of the same layer, when the
    table has a ``layer`` column).

    Pieces are visited longest first; each is a duplicate of the first kept piece (in the
    order pieces were kept) that it matches, else it is kept. Comparing every piece with
    every kept piece grows with the square of the corpus, so kept pieces are indexed and a
    piece is compared only with those that can match it (:class:`_KeptIndex`); the result
    is the same as the full comparison.
    """
    # words and word trigrams as numbers (one per distinct word or trigram): the same tests,
    # in a fraction of the memory of a string per word and a tuple per trigram
    vocab: dict[str, int] = {}
    words = [[vocab.setdefault(x, len(vocab)) for x in norm_words(t)] for t in table["text"]]
    del vocab
    gram_ids: dict[tuple, int] = {}
    grams = [
        {gram_ids.setdefault(g, len(gram_ids)) for g in zip(w, w[1:], w[2:])}
        if len(w) >= 3
        else {gram_ids.setdefault(tuple(w), len(gram_ids))}
        for w in words
    ]
    del gram_ids
    side, aid, kind, speaker, pid = (table[c].tolist() for c in ("side", "article_id", "kind", "speaker", "piece_id"))
    if "layer" in table.columns:  # layers are alternative views of a side's words: each is deduplicated on its own
        side = [f"{sd}|{ly}" for sd, ly in zip(side, table["layer"].tolist())]
    group = [None if pd.isna(g) else int(g) for g in table["copy_group"]]
    start = table["start"].tolist()

    def contained(i, k):
        w_small, w_big = words[i], words[k]
        if len(w_small) < 3:
            n = len(w_small)
            return any(w_big[j : j + n] == w_small for j in range(len(w_big) - n + 1))
        return len(grams[i] & grams[k]) / len(grams[i]) >= share

    def matches(i, k):
        if side[k] != side[i]:
            return False
        same_group = group[i] is not None and group[i] == group[k] and kind[k] == kind[i] and aid[k] != aid[i]
        # a stock phrase repeated by two speakers is two statements; a long passage is one
        same_words = (speaker[k] == speaker[i] or len(words[i]) >= min_words_cross) and contained(i, k)
        return same_group or same_words

    order = sorted(range(len(table)), key=lambda i: (-len(words[i]), aid[i], start[i]))
    kept = _KeptIndex(words, grams, side, speaker, group, share, min_words_cross)
    dup_of: dict[int, str] = {}
    for i in order:
        hit = next((k for k in kept.candidates(i) if matches(i, k)), None)
        if hit is None:
            kept.add(i)
        else:
            dup_of[i] = pid[hit]
    table["counted"] = [i not in dup_of for i in range(len(table))]
    table["duplicate_of"] = [dup_of.get(i) for i in range(len(table))]


class _KeptIndex:
    """The pieces kept so far by :func:`mark_duplicates`, indexed for its two tests.

    A piece ``i`` can be a duplicate of a kept piece ``k`` (same side) when they share a
    copy group, or when ``i``'s words are contained in ``k``'s and either the speaker is
    the same or ``i`` has at least ``min_words_cross`` words. Containment of a piece of
    three words or more means sharing at least ``t`` of its ``n`` word trigrams, so ``k``
    must hold one of any ``n - t + 1`` of them (prefix filtering): ``i`` looks up only its
    rarest ones. A piece of one or two words must appear word for word in ``k``: its word,
    or its pair of words, is looked up among the speaker's kept pieces (indexed when the
    speaker's first short piece arrives). ``candidates(i)`` lists the kept pieces that can
    match, in the order they were kept; pieces outside the list cannot match.
    """

    def __init__(self, words, grams, side, speaker, group, share, min_words_cross):
        self.words, self.grams, self.side, self.speaker, self.group = words, grams, side, speaker, group
        self.share, self.cross = share, min_words_cross
        self.rank: dict[int, int] = {}
        self.by_group: dict[tuple, list[int]] = {}
        self.by_side: dict[str, list[int]] = {}
        self.by_speaker: dict[tuple, list[int]] = {}
        self.by_gram: dict[int, int | list[int]] = {}  # (side, trigram) -> kept piece(s)
        self.short: dict[tuple, dict] = {}  # (side, speaker) -> {word or pair of words: kept pieces}
        # a (side, trigram) key as one number: trigram * number of sides + the side's position
        codes = {sd: n for n, sd in enumerate(dict.fromkeys(side))}
        self.n_sides, self.code = max(len(codes), 1), [codes[sd] for sd in side]
        df: dict[int, int] = {}
        for i, gs in enumerate(grams):
            if len(words[i]) >= 3:
                for g in gs:
                    key = g * self.n_sides + self.code[i]
                    df[key] = df.get(key, 0) + 1
        self.df = df
        # the general rules below assume a long piece has at least three words
        self.simple = min_words_cross < 3

    def _need(self, i) -> int | None:
        n = len(self.grams[i])
        return next((t for t in range(n + 1) if t / n >= self.share), None)

    def _file_short(self, index: dict, k) -> None:
        w = self.words[k]
        for x in set(w):
            index.setdefault(x, []).append(k)
        for pair in set(zip(w, w[1:])):
            index.setdefault(pair, []).append(k)

    def add(self, k) -> None:
        self.rank[k] = len(self.rank)
        sd, spk = self.side[k], self.speaker[k]
        if self.group[k] is not None:
            self.by_group.setdefault((sd, self.group[k]), []).append(k)
        self.by_side.setdefault(sd, []).append(k)
        if not isinstance(spk, str):
            return
        self.by_speaker.setdefault((sd, spk), []).append(k)
        if len(self.words[k]) >= 3:
            n, code = self.n_sides, self.code[k]
            by_gram = self.by_gram
            for g in self.grams[k]:
                key = g * n + code
                held = by_gram.get(key)
                if held is None:  # most trigrams have one holder: a number, not a list
                    by_gram[key] = k
                elif isinstance(held, int):
                    by_gram[key] = [held, k]
                else:
                    held.append(k)
        if (sd, spk) in self.short:
            self._file_short(self.short[(sd, spk)], k)

    def candidates(self, i) -> list[int]:
        sd, spk, w = self.side[i], self.speaker[i], self.words[i]
        if self.simple:
            return list(self.by_side.get(sd, ()))
        found: set[int] = set()
        if self.group[i] is not None:
            found.update(self.by_group.get((sd, self.group[i]), ()))
        long = len(w) >= self.cross
        if not long and not isinstance(spk, str):
            pass  # no speaker to match, too short to match across speakers: only the copy group
        elif not w:
            found.update(self.by_speaker.get((sd, spk), ()))  # no words: contained in any piece
        elif len(w) < 3:
            index = self.short.get((sd, spk))
            if index is None:  # the speaker's first short piece: index the speaker's kept pieces
                index = self.short[(sd, spk)] = {}
                for k in self.by_speaker.get((sd, spk), ()):
                    self._file_short(index, k)
            found.update(index.get(w[0] if len(w) == 1 else (w[0], w[1]), ()))
        else:
            need = self._need(i)
            if need == 0:
                found.update(self.by_side.get(sd, ()) if long else self.by_speaker.get((sd, spk), ()))
            elif need is not None:
                n, code = self.n_sides, self.code[i]
                keys = sorted(g * n + code for g in self.grams[i])
                rarest = sorted(keys, key=lambda key: self.df.get(key, 0))
                for key in rarest[: len(rarest) - need + 1]:
                    holders: Any = self.by_gram.get(key, ())
                    if isinstance(holders, int):
                        holders = (holders,)
                    found.update(holders if long else [k for k in holders if self.speaker[k] == spk])
        return sorted(found, key=self.rank.__getitem__)
