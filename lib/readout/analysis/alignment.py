"""A Chinese original aligned with its English version and with the English coverage.

Two alignments, one table (:func:`alignment_table`, exported as ``alignment.csv``):

Translation
    A Chinese document's English version is an English document of the same government, of
    kind official_readout, official_statement or state_media, that shares at least half of its
    anchors (:mod:`readout.analysis.alignment_units`). The two are aligned sentence by sentence
    with Gale & Church's (1993) length-based aligner as nltk implements it
    (``nltk.translate.gale_church``), anchored on names and numbers: a pair of sentences that
    share an anchor no other sentence of either text holds, and whose lengths fit a one-to-one
    bead best, is a block of its own, and nltk aligns the text between anchors block by block
    (no bead crosses a block). The Chinese lengths are scaled by the pair's ratio of English to
    Chinese characters. A row per Chinese sentence: kind ``translation`` with the English
    sentences of its bead (one span from the first to the last), or ``dropped`` if none.
Coverage
    Each body sentence of the original against each other English document not published
    before it (:func:`coverage_of`): the sentence of that document that keeps most of it. With an English version, "it" is the version's
    wording of the sentence (the stems of its content words); without one, the English senses
    CC-CEDICT gives its Chinese words. ``score`` is the share kept. The kind:

    - ``carried``: the outlet prints the version's words: a run of at least
      :data:`CARRIED_RUN` content words in the same order, or a quotation that keeps
      :data:`PARAPHRASED_SHARE` of them;
    - ``paraphrased``: it keeps at least :data:`PARAPHRASED_SHARE` of the content words (and at
      least :data:`MIN_SHARED` of them) in other wording;
    - ``dropped``: nothing in the document does (its best sentence is still named, with its score).

The thresholds were set before the aligner first ran on the hand-aligned fixture
(``data/fixtures/chinese_readout/``); :mod:`readout.analysis.alignment_accuracy` measures the
result against the hand alignment.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd

from readout.analysis.alignment_units import (
    chinese_units,
    english_ids,
    english_units,
    gloss_stems,
    not_content_names,
    places_of,
)
from readout.analysis.chinese_text import chinese_ids
from readout.analysis.preconditions import NotEnoughData

ALIGNMENT_COLUMNS = [
    "zh_article_id",
    "zh_sent_id",
    "zh_start",
    "zh_end",
    "zh_text",
    "en_article_id",
    "en_outlet",
    "en_sent_ids",
    "en_start",
    "en_end",
    "en_text",
    "kind",
    "score",
    "anchors",
    "basis",
]

KINDS = ("translation", "carried", "paraphrased", "dropped")

#: document kinds that may be a Chinese document's English version
VERSION_KINDS = ("official_readout", "official_statement", "state_media")

#: share of a Chinese document's anchors its English version must hold
MIN_VERSION_OVERLAP = 0.5

#: consecutive content words a coverage sentence must share with the version to carry it
CARRIED_RUN = 3

#: share of the version's content words a coverage sentence must keep to paraphrase it
PARAPHRASED_SHARE = 0.3

#: the fewest content words a paraphrase must share
MIN_SHARED = 2

_QUOTE_CHARS = '“”"«»'


# ------------------------------------------------------------------------------ translation


def gale_church_p(zh_len: float, en_len: float) -> float:
    """How well two lengths fit a translation: Gale & Church's two-sided tail probability of
    ``delta`` (nltk's parameters: mean ratio 1, variance 6.8 per character).

    >>> round(gale_church_p(100, 100), 3), round(gale_church_p(100, 160), 3)
    (1.0, 0.044)
    """
    from nltk.translate.gale_church import LanguageIndependent as params

    m = (zh_len + en_len / params.AVERAGE_CHARACTERS) / 2
    if m <= 0:
        return 0.0
    delta = (zh_len * params.AVERAGE_CHARACTERS - en_len) / math.sqrt(m * params.VARIANCE_CHARACTERS)
    return math.erfc(abs(delta) / math.sqrt(2))


def scaled_lengths(zh: pd.DataFrame, en: pd.DataFrame) -> tuple[list[int], list[int]]:
    """Sentence lengths in characters, the Chinese ones scaled to the pair's English-to-Chinese
    ratio (so a faithful translation's beads have a mean ratio of 1); never below 1."""
    zh_chars = [len("".join(t.split())) for t in zh["text"]]
    en_chars = [len(t) for t in en["text"]]
    ratio = sum(en_chars) / max(sum(zh_chars), 1)
    return [max(1, round(n * ratio)) for n in zh_chars], [max(1, n) for n in en_chars]


def anchor_pairs(zh: pd.DataFrame, en: pd.DataFrame, zh_len: list[int], en_len: list[int]) -> list[tuple[int, int]]:
    """The strong anchors: (i, j) sentence pairs that are blocks of their own.

    A pair shares an anchor key that no other sentence of either text holds, and a one-to-one
    bead fits its lengths at least as well as merging either sentence with a neighbour
    (nltk's bead cost). Two headlines are a pair too. The pairs kept are the longest run
    increasing on both sides.
    """
    from nltk.translate.gale_church import LanguageIndependent as params
    from nltk.translate.gale_church import align_log_prob

    def cost(i_end: int, j_end: int, bead: tuple[int, int]) -> float:
        if i_end - bead[0] < 0 or j_end - bead[1] < 0 or i_end > len(zh_len) or j_end > len(en_len):
            return math.inf
        return align_log_prob(i_end, j_end, zh_len, en_len, bead, params)

    def one_to_one(i: int, j: int) -> bool:
        single = cost(i + 1, j + 1, (1, 1))
        merged = [
            cost(i + 1, j + 1, (2, 1)),
            cost(i + 2, j + 1, (2, 1)),
            cost(i + 1, j + 1, (1, 2)),
            cost(i + 1, j + 2, (1, 2)),
        ]
        return single <= min(merged)

    where_zh: dict[str, list[int]] = {}
    where_en: dict[str, list[int]] = {}
    for i, keys in enumerate(zh["anchors"]):
        for k in keys:
            where_zh.setdefault(k, []).append(i)
    for j, keys in enumerate(en["anchors"]):
        for k in keys:
            where_en.setdefault(k, []).append(j)
    candidates = {
        (where_zh[k][0], where_en[k][0]) for k in where_zh if len(where_zh[k]) == 1 and len(where_en.get(k, [])) == 1
    }
    if len(zh) and len(en) and zh["role"].iloc[0] == "headline" and en["role"].iloc[0] == "headline":
        candidates.add((0, 0))
    strong = sorted((i, j) for i, j in candidates if (i, j) == (0, 0) or one_to_one(i, j))
    return longest_increasing(strong)


def longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of ``pairs`` (sorted) strictly increasing on both sides; the first one found.

    >>> longest_increasing([(0, 0), (1, 3), (2, 1), (3, 2)])
    [(0, 0), (2, 1), (3, 2)]
    """
    best: list[list[tuple[int, int]]] = []
    for k, (i, j) in enumerate(pairs):
        chain = max((best[m] for m in range(k) if pairs[m][0] < i and pairs[m][1] < j), key=len, default=[])
        best.append([*chain, (i, j)])
    return max(best, key=len, default=[])


def align_translation(
    zh: pd.DataFrame, en: pd.DataFrame, anchored: bool = True
) -> list[tuple[list[int], list[int], str]]:
    """Beads of an anchored Gale-Church alignment: (Chinese sentence indexes, English ones, basis).

    ``zh`` and ``en`` hold the sentences (``text``, ``role``, ``anchors``) of the two texts in
    order; indexes are positions in them. A Chinese sentence in no bead is missing from the list
    (the version leaves it out). ``anchored=False`` runs nltk's aligner on the whole text, for
    comparison.
    """
    from nltk.translate.gale_church import align_texts

    zh_len, en_len = scaled_lengths(zh, en)
    anchors = anchor_pairs(zh, en, zh_len, en_len) if anchored else []
    cuts: list[tuple[int, int]] = []
    for i, j in anchors:
        cuts.extend([(i, j), (i + 1, j + 1)])
    bounds = [(0, 0), *[c for c in cuts if c != (0, 0)], (len(zh_len), len(en_len))]
    blocks = [(a, b) for a, b in zip(bounds, bounds[1:]) if a[0] < b[0] or a[1] < b[1]]
    anchor_set = set(anchors)
    src = [zh_len[a[0] : b[0]] for a, b in blocks]
    tgt = [en_len[a[1] : b[1]] for a, b in blocks]
    usable = [k for k, (s, t) in enumerate(zip(src, tgt)) if s and t]
    links_by_block = align_texts([src[k] for k in usable], [tgt[k] for k in usable])
    beads: list[tuple[list[int], list[int], str]] = []
    for k, links in zip(usable, links_by_block):
        (i0, j0), _ = blocks[k]
        # links -> beads: sentences joined through a shared partner are one bead
        groups: list[tuple[set[int], set[int]]] = []
        for i, j in links:
            i, j = i + i0, j + j0
            hit = [g for g in groups if i in g[0] or j in g[1]]
            merged = (set().union(*[g[0] for g in hit], {i}), set().union(*[g[1] for g in hit], {j}))
            groups = [g for g in groups if g not in hit] + [merged]
        for zs, es in sorted(groups, key=lambda g: min(g[0])):
            basis = "anchor" if len(zs) == 1 and len(es) == 1 and (min(zs), min(es)) in anchor_set else "gale-church"
            beads.append((sorted(zs), sorted(es), basis))
    return beads


def find_versions(
    zh_units: dict[str, pd.DataFrame], en_units: dict[str, pd.DataFrame], articles: pd.DataFrame
) -> dict[str, str]:
    """Chinese document id -> the id of its English version (see the module docstring), where one exists."""
    meta = articles.set_index("article_id")
    out = {}
    for zid, zh in zh_units.items():
        keys = set().union(*zh["anchors"]) if len(zh) else set()
        gov = str(meta.at[zid, "government"]) if "government" in meta.columns else ""
        best, best_share = None, MIN_VERSION_OVERLAP
        for eid, en in en_units.items():
            if "doc_kind" in meta.columns and meta.at[eid, "doc_kind"] not in VERSION_KINDS:
                continue
            if gov and "government" in meta.columns and str(meta.at[eid, "government"]) != gov:
                continue
            share = len(keys & set().union(*en["anchors"])) / max(len(keys), 1)
            if share >= best_share and (best is None or share > best_share):
                best, best_share = eid, share
        if best is not None:
            out[zid] = best
    return out


# ------------------------------------------------------------------------------- coverage


def longest_shared_run(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """The most content stems (non-empty) in a run of consecutive stems shared by ``a`` and ``b``;
    an empty stem (a function word) may sit inside the run if both have it at the same place.

    >>> longest_shared_run(("", "talk", "last", "", "hour"), ("talk", "last", "", "hour", "x"))
    3
    """
    best = 0
    prev = [0] * (len(b) + 1)
    prev_c = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        cur_c = [0] * (len(b) + 1)
        for k, y in enumerate(b, start=1):
            if x == y:
                cur[k] = prev[k - 1] + 1
                cur_c[k] = prev_c[k - 1] + (1 if x else 0)
                best = max(best, cur_c[k])
        prev, prev_c = cur, cur_c
    return best


def quoted_share(text: str, words_in_quote: int, words: int) -> bool:
    """Whether a sentence holds a quotation (its marks) covering at least half its words."""
    return bool(words) and any(q in text for q in _QUOTE_CHARS) and words_in_quote * 2 >= words


def quoted_words(text: str) -> int:
    """How many words of ``text`` lie between quotation marks."""
    inside, count, word = False, 0, False
    for ch in text:
        if ch in _QUOTE_CHARS:
            inside = not inside if ch in '"' else ch in "“«"
            word = False
        elif ch.isalnum():
            if not word and inside:
                count += 1
            word = True
        else:
            word = False
    return count


def classify(share: float, shared: int, run: int, quoted: bool) -> str:
    """The coverage kind of a best match (see the module docstring).

    >>> classify(0.2, 3, 4, False), classify(0.5, 4, 1, True), classify(0.4, 3, 1, False), classify(0.4, 1, 1, False)
    ('carried', 'carried', 'paraphrased', 'dropped')
    """
    if run >= CARRIED_RUN or (quoted and share >= PARAPHRASED_SHARE and shared >= MIN_SHARED):
        return "carried"
    if share >= PARAPHRASED_SHARE and shared >= MIN_SHARED:
        return "paraphrased"
    return "dropped"


def best_match(reference: Sequence[Any], doc: pd.DataFrame, by_gloss: bool) -> dict:
    """The sentence of ``doc`` that keeps most of ``reference``: its index, share, shared count, run, quoted.

    ``reference`` is a version's stems in order, or (``by_gloss``) one set of gloss stems per Chinese word.
    """
    best = {"j": None, "share": 0.0, "shared": 0, "run": 0, "quoted": False}
    if by_gloss:
        total = len(reference)
    else:
        ref_set = {s for s in reference if s}
        total = len(ref_set)
    if not total:
        return best
    for j, row in enumerate(doc.itertuples(index=False)):
        have = {s for s in row.stems if s}
        if by_gloss:
            shared = sum(1 for g in reference if g & have)
            run = 0
        else:
            shared = len(ref_set & have)
            # a run of content words needs at least two shared ones; skip the quadratic scan otherwise
            run = longest_shared_run(tuple(reference), row.stems) if shared >= 2 else shared
        share = shared / total
        if (share, run) > (best["share"], best["run"]):
            quoted = quoted_share(row.text, quoted_words(row.text), len(row.words))
            best = {"j": j, "share": share, "shared": shared, "run": run, "quoted": quoted}
    return best


# ---------------------------------------------------------------------------------- table


def published_dates(articles: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Article id -> publication date, where ``published`` holds one that parses."""
    if "published" not in articles.columns:
        return {}
    dates = pd.to_datetime(articles["published"].astype(str), errors="coerce", format="mixed")
    return {a: d for a, d in zip(articles["article_id"], dates) if pd.notna(d)}


def coverage_of(zid: str, en_units: dict, version_ids: set[str], published: dict) -> list[str]:
    """The English documents that may cover Chinese document ``zid``: not an English version, and
    not published before it (when both dates are known: a report cannot carry a readout not yet out)."""
    start = published.get(zid)
    return [
        e for e in en_units if e not in version_ids and (start is None or e not in published or published[e] >= start)
    ]


def alignment_table(corpus) -> pd.DataFrame:
    """Export entry ``alignment``: every Chinese sentence against its English version and the coverage.

    Columns: zh_article_id, zh_sent_id, zh_start, zh_end, zh_text (the Chinese sentence, offsets
    into ``corpus.raw``); en_article_id, en_outlet, en_sent_ids (``;``-separated), en_start,
    en_end, en_text (the English span, empty offsets when nothing was matched); kind
    (translation, carried, paraphrased, dropped); score (translation: Gale & Church's length
    fit, :func:`gale_church_p`; coverage: the share of the sentence kept); anchors (the keys the
    two sides share); basis (anchor, gale-church, version, gloss). Raises
    :class:`NotEnoughData` on a corpus with no Chinese document or no English one.
    """
    if not chinese_ids(corpus):
        raise NotEnoughData(
            "no Chinese document (language zh): the alignment pairs a Chinese original with English texts",
            ALIGNMENT_COLUMNS,
        )
    if not english_ids(corpus):
        raise NotEnoughData("no English document to align the Chinese ones with", ALIGNMENT_COLUMNS)
    return corpus.cached("alignment.table", lambda: build_alignment(corpus))


def build_alignment(corpus) -> pd.DataFrame:
    """The rows of :func:`alignment_table` (no precondition check, no memo)."""
    zh_units = chinese_units(corpus)
    en_units = english_units(corpus, places_of(zh_units))
    versions = find_versions(zh_units, en_units, corpus.articles)
    outlet = dict(zip(corpus.articles["article_id"], corpus.articles.get("outlet", corpus.articles["article_id"])))
    raw = corpus.raw
    names = not_content_names(corpus)
    published = published_dates(corpus.articles)
    version_ids = set(versions.values())
    rows: list[dict] = []

    def add(z, zrow, eid, ens, kind, score, anchors, basis):
        doc = en_units[eid] if eid else None
        if ens and doc is not None:
            start, end = int(doc["start"].iloc[ens[0]]), int(doc["end"].iloc[ens[-1]])
            ids = ";".join(str(int(doc["sent_id"].iloc[k])) for k in ens)
            text = raw[eid][start:end]
        else:
            start = end = None
            ids, text = "", ""
        rows.append(
            {
                "zh_article_id": z,
                "zh_sent_id": int(zrow.sent_id),
                "zh_start": int(zrow.start),
                "zh_end": int(zrow.end),
                "zh_text": zrow.text,
                "en_article_id": eid,
                "en_outlet": outlet.get(eid, ""),
                "en_sent_ids": ids,
                "en_start": start,
                "en_end": end,
                "en_text": text,
                "kind": kind,
                "score": round(float(score), 4),
                "anchors": ";".join(sorted(anchors)),
                "basis": basis,
            }
        )

    for zid, zh in zh_units.items():
        vid = versions.get(zid)
        reference: dict[int, tuple[str, ...]] = {}
        if vid:
            en = en_units[vid]
            zh_len, en_len = scaled_lengths(zh, en)
            bead_of = {}
            for zs, es, basis in align_translation(zh, en):
                for i in zs:
                    bead_of[i] = (zs, es, basis)
            for i, zrow in enumerate(zh.itertuples(index=False)):
                if i not in bead_of:
                    add(zid, zrow, vid, [], "dropped", 0.0, (), "gale-church")
                    continue
                zs, es, basis = bead_of[i]
                fit = gale_church_p(sum(zh_len[k] for k in zs), sum(en_len[k] for k in es))
                shared = zrow.anchors & frozenset().union(*[en["anchors"].iloc[k] for k in es])
                add(zid, zrow, vid, es, "translation", fit, shared, basis)
                reference[i] = tuple(s for k in es for s in en["stems"].iloc[k])
        for cid in coverage_of(zid, en_units, version_ids, published):
            doc = en_units[cid]
            for i, zrow in enumerate(zh.itertuples(index=False)):
                if zrow.role != "body":
                    continue
                if vid:
                    found = best_match(reference.get(i, ()), doc, by_gloss=False)
                    basis = "version"
                else:
                    glosses = [g for g in (gloss_stems(w, names) for w in zrow.terms) if g]
                    found = best_match(glosses, doc, by_gloss=True)
                    basis = "gloss"
                kind = classify(found["share"], found["shared"], found["run"], found["quoted"])
                j = found["j"]
                shared = zrow.anchors & doc["anchors"].iloc[j] if j is not None else frozenset()
                add(
                    zid,
                    zrow,
                    cid,
                    [j] if j is not None and kind != "dropped" else [],
                    kind,
                    found["share"],
                    shared,
                    basis,
                )
    table = pd.DataFrame(rows, columns=ALIGNMENT_COLUMNS)
    for column in ("en_start", "en_end"):
        table[column] = table[column].astype("Int64")
    return table
