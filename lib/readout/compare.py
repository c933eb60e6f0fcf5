"""Source comparison: topics, similarity, quote fidelity and outlet profiles.

Text reuse lives in :mod:`readout.reuse` and is re-exported here, so
``readout.compare.flag_shared_copy(corpus)`` is the one entry point other
analyses use to count shared copy once.

Tables built here (every one traceable to offsets in ``corpus.raw``):

- :func:`topic_hits` — one row per cue hit, with its evidence sentence;
- :func:`article_topics` — one row per article and topic of the codebook
  ``data/topics.csv``, with the number of hits;
- :func:`tfidf_similarity` and :func:`lexical_overlap` — article-by-article
  similarity matrices;
- :func:`compare_wording` and :func:`quote_fidelity` — the same utterance as two
  outlets print it, with every difference classified;
- :func:`outlet_profiles` — one row per article: length, quoted share, voices
  by side, first actor named, topics covered.
"""

from __future__ import annotations

import difflib
import html
import re
from bisect import bisect_right
from pathlib import Path

import pandas as pd

from readout.reuse import _TOKEN_RE, find_reuse, flag_shared_copy, shared_word_matrix, token_key

__all__ = [
    "find_reuse",
    "flag_shared_copy",
    "shared_word_matrix",
    "load_topics",
    "topic_hits",
    "article_topics",
    "topic_agreement",
    "score_topic_agreement",
    "term_counts",
    "tfidf_matrix",
    "tfidf_similarity",
    "lexical_overlap",
    "compare_wording",
    "quote_fidelity",
    "fidelity_html",
    "reuse_in_quotes",
    "quoted_share",
    "voices_by_side",
    "first_actors",
    "first_mention_by_side",
    "heatmap",
    "outlet_profiles",
]


def _roles(roles):
    if roles is None:
        from readout.corpus import ANALYSED_ROLES

        return tuple(ANALYSED_ROLES)
    return tuple(roles)


# --------------------------------------------------------------------------- topics

TOPIC_COLUMNS = ["topic", "label", "cues", "exclude", "notes"]
HIT_COLUMNS = [
    "article_id",
    "para_id",
    "sent_id",
    "topic",
    "label",
    "cue",
    "start",
    "end",
    "matched",
    "sentence",
    "sent_start",
    "sent_end",
]


def load_topics(path: str | Path | None = None) -> pd.DataFrame:
    """Read the topic codebook (default ``data/topics.csv``).

    Columns: topic (id), label, cues and exclude (``;``-separated phrases; a
    trailing ``*`` matches any word ending), notes. Raises ``ValueError`` naming
    the file and the row when a column is missing, an id repeats or a topic has no cue.
    """
    if path is None:
        from readout.paths import DATA_DIR

        path = DATA_DIR / "topics.csv"
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("topic", "label", "cues") if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(TOPIC_COLUMNS)}")
    for col in ("exclude", "notes"):
        if col not in table.columns:
            table[col] = ""
    dup = table["topic"][table["topic"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: topic id(s) repeated: {', '.join(dup)}; give each row its own id")
    for i, row in table.iterrows():
        if not _split(row["cues"]):
            raise ValueError(f"{path}, line {i + 2}: topic {row['topic']!r} has no cue; add at least one term to 'cues'")
    return table[TOPIC_COLUMNS].reset_index(drop=True)


def _split(cell: str) -> list[str]:
    return [c.strip() for c in str(cell or "").split(";") if c.strip()]


def cue_pattern(cue: str) -> re.Pattern:
    r"""Compile a codebook cue into a case-insensitive whole-word pattern.

    Words may be separated by any white space; a hyphen in the cue also matches a
    space or nothing; an apostrophe matches ' or ’; a trailing ``*`` matches any
    word ending.

    >>> bool(cue_pattern("export control*").search("new Export  Controls on chips"))
    True
    >>> bool(cue_pattern("trade").search("trader"))
    False
    """
    parts = []
    for word in cue.split():
        star = word.endswith("*")
        word = word.rstrip("*")
        piece = ""
        for ch in word:
            if ch in "-‐‑":
                piece += r"[-‐‑\s]?"
            elif ch in "'’":
                piece += "['’]"
            else:
                piece += re.escape(ch)
        if star:
            piece += r"[\w'’\-]*"
        parts.append(piece)
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


#: Characters outside ASCII that a case-insensitive pattern matches to an ASCII
#: character although their ``str.lower()`` is not that character.
_FOLD_TO_ASCII = (("İ", "i"), ("ı", "i"), ("ſ", "s"))
_SEP = "\x00"


def _fold(text: str) -> bytes:
    """``text`` lower-cased for finding ASCII cue prefixes, one byte per character
    (characters outside ASCII become ``?``).

    >>> _fold("Taiwan’s STRAIT İs")
    b'taiwan?s strait is'
    """
    for ch, ascii_ch in _FOLD_TO_ASCII:
        if ch in text:
            text = text.replace(ch, ascii_ch)
    return text.lower().encode("ascii", "replace")


def cue_prefix(cue: str) -> str:
    """The lower-case ASCII text every match of :func:`cue_pattern` starts with ('' if unknown).

    The leading ASCII characters of the cue's first word, up to the first hyphen,
    apostrophe or ``*`` (those match more than one character).

    >>> cue_prefix("Taiwan Strait"), cue_prefix("mil-to-mil"), cue_prefix("Russia's"), cue_prefix("Ürümqi")
    ('taiwan', 'mil', 'russia', '')
    """
    words = cue.split()
    prefix = []
    for ch in words[0] if words else "":
        if not ch.isascii() or ch in "-'*":
            break
        prefix.append(ch.lower())
    return "".join(prefix)


class JoinedTexts:
    """The texts of some sentences joined by NUL, for matching every sentence in one pass.

    No cue pattern crosses a NUL (it is neither a word character nor white space), and
    a NUL before or after a sentence looks to ``(?<!\\w)`` and ``(?!\\w)`` like the
    start or end of the text, so a match in the joined text is a match in its sentence.
    """

    def __init__(self, texts: list[str]):
        self.texts = texts
        self.joined = _SEP.join(texts)
        self.bases = []
        pos = 0
        for t in texts:
            self.bases.append(pos)
            pos += len(t) + 1
        folded = _fold(self.joined)
        joinable = len(folded) == len(self.joined) and self.joined.count(_SEP) == max(len(texts) - 1, 0)
        self.folded = folded if joinable else None
        self._starts: dict[str, list[int]] = {}

    def starts(self, prefix: str) -> list[int]:
        """Every offset in the joined text where ``prefix`` (lower-case ASCII) begins, case
        folded: the only places a pattern whose matches start with ``prefix`` can match."""
        found = self._starts.get(prefix)
        if found is None:
            found = self._starts[prefix] = []
            find, needle = self.folded.find, prefix.encode("ascii")
            pos = find(needle)
            while pos >= 0:
                found.append(pos)
                pos = find(needle, pos + 1)
        return found

    def spans(self, pattern: re.Pattern, prefix: str | tuple[str, ...] = "") -> list[tuple[int, int, int]]:
        """``(sentence index, start, end)`` of every match, as ``pattern.finditer`` finds
        them in each sentence, in sentence order. ``prefix`` (see :func:`cue_prefix`), or a
        tuple of them for a pattern whose alternatives start differently, lets the search
        try only the offsets where one begins."""
        prefixes = (prefix,) if isinstance(prefix, str) else tuple(prefix)
        if self.folded is None or not prefixes or not all(prefixes):
            return [(i, m.start(), m.end()) for i, text in enumerate(self.texts) for m in pattern.finditer(text)]
        starts = self.starts(prefixes[0]) if len(prefixes) == 1 else sorted({p for x in prefixes for p in self.starts(x)})
        out = []
        bases, joined, match = self.bases, self.joined, pattern.match
        end = 0
        for pos in starts:
            if pos < end:  # inside the previous match: finditer resumes after it
                continue
            m = match(joined, pos)
            if m is not None:
                end = m.end()
                i = bisect_right(bases, pos) - 1
                out.append((i, pos - bases[i], end - bases[i]))
        return out


def _topic_spans(sentences: JoinedTexts, topic) -> dict[int, list[tuple[int, int, str]]]:
    """The kept hits of one topic: sentence index -> sorted ``(start, end, cue)``."""
    found: dict[int, list[tuple[int, int, str]]] = {}
    for cue in _split(topic.cues):
        for i, s, e in sentences.spans(cue_pattern(cue), cue_prefix(cue)):
            found.setdefault(i, []).append((s, e, cue))
    if not found:
        return {}
    blocked: dict[int, list[tuple[int, int]]] = {}
    for x in _split(getattr(topic, "exclude", "")):
        for i, s, e in sentences.spans(cue_pattern(x), cue_prefix(x)):
            if i in found:
                blocked.setdefault(i, []).append((s, e))
    out = {}
    for i in sorted(found):
        hits = found[i]
        if i in blocked:
            spans = blocked[i]
            hits = [h for h in hits if not any(bs <= h[0] and h[1] <= be for bs, be in spans)]
        hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
        kept: list[tuple[int, int, str]] = []
        for h in hits:
            if all(h[1] <= k[0] or h[0] >= k[1] for k in kept):
                kept.append(h)
        if kept:
            out[i] = sorted(kept)
    return out


def topic_hits(corpus, codebook: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """Every cue hit of the topic codebook, with the sentence it was found in.

    One row per hit: article_id, para_id, sent_id, topic, label, cue (the codebook
    term), start, end (offsets of the matched words in ``corpus.raw``), matched
    (the raw words), sentence (the evidence sentence) with sent_start, sent_end.
    Within a topic, overlapping hits keep the longest ("Taiwan Strait" over
    "Taiwan"); hits inside an ``exclude`` phrase of the same topic are dropped.
    Only sentences whose role is in ``roles`` (default analysed roles) are read.
    Rows are sorted by article_id, start and topic. The hits of the default codebook
    are memoised on the corpus.
    """
    roles = _roles(roles)
    if codebook is None:
        return corpus.cached(f"topic_hits:{','.join(roles)}", lambda: _topic_hits(corpus, load_topics(), roles)).copy()
    return _topic_hits(corpus, codebook, roles)


def _topic_hits(corpus, codebook: pd.DataFrame, roles: tuple[str, ...]) -> pd.DataFrame:
    """:func:`topic_hits` of ``codebook`` in the sentences whose role is in ``roles``."""
    sents = corpus.sentences[corpus.sentences["role"].isin(roles)]
    texts = sents["text"].tolist()
    aids, paras, sids, starts, ends = (sents[c].tolist() for c in ("article_id", "para_id", "sent_id", "start", "end"))
    joined = JoinedTexts(texts)
    rows = []
    for topic in codebook.itertuples(index=False):
        for i, kept in _topic_spans(joined, topic).items():
            text, base = texts[i], int(starts[i])
            head = (aids[i], int(paras[i]), int(sids[i]), topic.topic, topic.label)
            for hs, he, cue in kept:
                rows.append((*head, cue, base + hs, base + he, text[hs:he], text, base, int(ends[i])))
    out = pd.DataFrame(rows, columns=HIT_COLUMNS)
    return out.sort_values(["article_id", "start", "topic"], kind="stable").reset_index(drop=True)


def _hits_by_article_topic(hits: pd.DataFrame) -> dict[tuple[str, str], list]:
    """(article_id, topic) -> [hits, sent_ids (set), matched words lower-cased (ordered
    dict keys), first evidence sentence], read in the row order of ``hits``."""
    out: dict[tuple[str, str], list] = {}
    if hits.empty:
        return out
    columns = (hits["article_id"], hits["topic"], hits["sent_id"], hits["matched"].str.lower(), hits["sentence"])
    for aid, topic, sid, word, sentence in zip(*(c.tolist() for c in columns)):
        group = out.get((aid, topic))
        if group is None:
            group = out[aid, topic] = [0, set(), {}, sentence]
        group[0] += 1
        group[1].add(sid)
        group[2][word] = None
    return out


#: Columns of :func:`article_topics`.
TOPIC_TABLE_COLUMNS = [
    "article_id", "outlet", "topic", "label", "hits", "sentences", "covered", "cues", "evidence_sent_ids", "evidence",
]


def article_topics(corpus, codebook: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """One row per article and codebook topic (zero-hit pairs included).

    Columns: article_id, outlet, topic, label, hits (cue hits), sentences
    (distinct evidence sentences), covered (hits > 0), cues (distinct matched
    words, ``;``-joined), evidence_sent_ids (``;``-joined sent_ids) and evidence
    (the first evidence sentence, empty when not covered). The table of the default
    codebook is memoised on the corpus.
    """
    if codebook is None:
        key = f"article_topics:{','.join(_roles(roles))}"
        return corpus.cached(key, lambda: _article_topics(corpus, None, roles)).copy()
    return _article_topics(corpus, codebook, roles)


def _article_topics(corpus, codebook: pd.DataFrame | None, roles) -> pd.DataFrame:
    groups = _hits_by_article_topic(topic_hits(corpus, codebook, roles=roles))  # memoised for the default codebook
    codebook = load_topics() if codebook is None else codebook
    outlets = dict(zip(corpus.articles["article_id"].tolist(), corpus.articles["outlet"].tolist()))
    topics = [(t.topic, t.label) for t in codebook.itertuples(index=False)]
    empty = [0, (), {}, ""]
    rows = []
    for aid in sorted(corpus.raw):
        outlet = outlets.get(aid, "")
        for topic, label in topics:
            n, sent_ids, words, evidence = groups.get((aid, topic), empty)
            sent_ids = sorted(sent_ids)
            rows.append((aid, outlet, topic, label, n, len(sent_ids), n > 0, ";".join(words), ";".join(map(str, sent_ids)), evidence))
    return pd.DataFrame(rows, columns=TOPIC_TABLE_COLUMNS) if rows else pd.DataFrame()


def topic_agreement(corpus, labels: pd.DataFrame | str | Path | None = None, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """Codebook topics against hand labels, one row per labelled article and topic.

    ``labels`` is a table (or CSV path; default ``data/annotations/topics.csv``) with
    article_id, topic, covered (0/1) and an optional note. Only articles in the
    corpus are kept. Columns: article_id, topic, hand (bool), found (bool, from
    :func:`article_topics`), agree (bool), hits, note, evidence. Summarise with
    :func:`score_topic_agreement`. An empty table when no label names an article
    of the corpus.
    """
    if labels is None or isinstance(labels, (str, Path)):
        if labels is None:
            from readout.paths import DATA_DIR

            labels = DATA_DIR / "annotations" / "topics.csv"
        labels = pd.read_csv(labels, dtype={"article_id": str, "topic": str}, keep_default_na=False)
    labels = labels[labels["article_id"].isin(corpus.raw)]
    found = article_topics(corpus, codebook)
    merged = labels.merge(found[["article_id", "topic", "covered", "hits", "evidence"]], on=["article_id", "topic"], how="left")
    out = pd.DataFrame(
        {
            "article_id": merged["article_id"],
            "topic": merged["topic"],
            "hand": merged["covered_x"].astype(int).astype(bool),
            "found": merged["covered_y"].fillna(False).astype(bool),
            "hits": merged["hits"].fillna(0).astype("int64"),
            "note": merged["note"] if "note" in merged else "",
            "evidence": merged["evidence"].fillna(""),
        }
    )
    out.insert(4, "agree", out["hand"] == out["found"])
    return out.reset_index(drop=True)


def score_topic_agreement(agreement: pd.DataFrame) -> pd.DataFrame:
    """One-row summary of :func:`topic_agreement`: cells, accuracy, precision, recall,
    false_positives and false_negatives (precision and recall of "topic covered")."""
    tp = int((agreement["hand"] & agreement["found"]).sum())
    fp = int((~agreement["hand"] & agreement["found"]).sum())
    fn = int((agreement["hand"] & ~agreement["found"]).sum())
    n = len(agreement)
    return pd.DataFrame(
        [
            {
                "cells": n,
                "accuracy": round(float(agreement["agree"].mean()), 3) if n else float("nan"),
                "precision": round(tp / (tp + fp), 3) if tp + fp else float("nan"),
                "recall": round(tp / (tp + fn), 3) if tp + fn else float("nan"),
                "false_positives": fp,
                "false_negatives": fn,
            }
        ]
    )


# --------------------------------------------------------------------------- similarity

#: Function words left out of similarity measures (a short, fixed English list, so
#: results do not depend on a downloaded resource).
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves said says say told
    it's that's he's she's there's we're we'll we've they're they've i'm i've i'd i'll it'll don't
    doesn't didn't isn't aren't wasn't weren't won't can't""".split()
)


def _article_tokens(corpus, roles, stop_words: bool, dedupe: bool = False) -> dict[str, list[str]]:
    roles = _roles(roles)
    sents = corpus.sentences[corpus.sentences["role"].isin(roles)]
    if dedupe:
        flags = flag_shared_copy(corpus, roles=roles)
        keep = set(zip(flags.loc[flags["count_once"], "article_id"], flags.loc[flags["count_once"], "sent_id"]))
        sents = sents[[k in keep for k in zip(sents["article_id"], sents["sent_id"])]]
    out: dict[str, list[str]] = {aid: [] for aid in sorted(corpus.raw)}
    for s in sents.itertuples(index=False):
        for m in _TOKEN_RE.finditer(s.text):
            key = token_key(m.group())
            if key.isdigit() or len(key) < 2:
                continue
            if stop_words and key in STOP_WORDS:
                continue
            out[s.article_id].append(key)
    return out


def term_counts(corpus, *, roles=None, stop_words: bool = True, dedupe: bool = False) -> pd.DataFrame:
    """Document-term counts: one row per article, one column per word key (sorted).

    Words are compared on :func:`readout.reuse.token_key`; numbers, one-letter
    words and (by default) :data:`STOP_WORDS` are left out. ``dedupe=True`` reads
    each shared-copy sentence once (see :func:`readout.reuse.flag_shared_copy`).
    """
    tokens = _article_tokens(corpus, roles, stop_words, dedupe)
    counts = {aid: pd.Series(toks, dtype=str).value_counts() for aid, toks in tokens.items()}
    table = pd.DataFrame(counts).T.fillna(0).astype("int64")
    return table.reindex(sorted(table.columns), axis=1).reindex(sorted(tokens))


def tfidf_matrix(counts: pd.DataFrame) -> pd.DataFrame:
    """TF-IDF weights from a document-term count table, each row scaled to unit length.

    tf is the raw count; idf is the smoothed ``ln((1 + n) / (1 + df)) + 1`` (so a word
    in every document keeps weight 1); rows are divided by their Euclidean norm.

    >>> m = tfidf_matrix(pd.DataFrame({"x": [1, 1], "y": [1, 0]}, index=["d1", "d2"]))
    >>> round(float(m.loc["d2", "x"]), 3), round(float((m.loc["d1"] ** 2).sum()), 3)
    (1.0, 1.0)
    """
    import numpy as np

    n = len(counts)
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    weights = counts * idf
    norms = np.sqrt((weights**2).sum(axis=1)).replace(0, 1.0)
    return weights.div(norms, axis=0)


def tfidf_similarity(corpus, *, roles=None, stop_words: bool = True, dedupe: bool = False) -> pd.DataFrame:
    """Cosine similarity of the articles' TF-IDF vectors: a square article x article table.

    Values run from 0 (no word in common) to 1 (same word profile); the diagonal is 1.
    Built with pandas/numpy from :func:`term_counts` and :func:`tfidf_matrix`.
    """
    weights = tfidf_matrix(term_counts(corpus, roles=roles, stop_words=stop_words, dedupe=dedupe))
    sim = weights @ weights.T
    sim.index.name, sim.columns.name = "article", "article"
    return sim.clip(upper=1.0)


def lexical_overlap(corpus, *, roles=None, stop_words: bool = True, dedupe: bool = False) -> pd.DataFrame:
    """Plain lexical overlap: the Jaccard index of two articles' vocabularies.

    |words in both| / |words in either|, on the same word keys as :func:`term_counts`
    (counts and rarity ignored). A square article x article table; the diagonal is 1.
    """
    counts = term_counts(corpus, roles=roles, stop_words=stop_words, dedupe=dedupe)
    present = (counts > 0).astype("int64")
    inter = present @ present.T
    sizes = present.sum(axis=1)
    union = pd.DataFrame(
        [[sizes[a] + sizes[b] for b in present.index] for a in present.index], index=present.index, columns=present.index
    ) - inter
    out = inter / union.replace(0, 1)
    out.index.name, out.columns.name = "article", "article"
    return out


# --------------------------------------------------------------------------- quote fidelity

#: Difference kinds, from least to most consequential.
DIFF_KINDS = ("quote marks/apostrophes", "punctuation", "house style", "contraction", "trim", "wording")

_CONTRACTIONS = {
    "won't": "will not", "can't": "cannot", "shan't": "shall not", "ain't": "is not",
    "it's": "it is", "that's": "that is", "there's": "there is", "here's": "here is", "what's": "what is",
    "he's": "he is", "she's": "she is", "who's": "who is", "let's": "let us",
}
_CONTRACTION_SUFFIXES = (("n't", " not"), ("'ll", " will"), ("'re", " are"), ("'ve", " have"), ("'m", " am"), ("'d", " would"))


def _expand(keys: list[str]) -> list[str]:
    """Word keys with contractions written out (``it'll`` -> ``it will``, ``cannot`` -> ``can not``)."""
    out: list[str] = []
    for k in keys:
        full = _CONTRACTIONS.get(k)
        if full is None:
            for suffix, rest in _CONTRACTION_SUFFIXES:
                if k.endswith(suffix) and len(k) > len(suffix):
                    full = k[: -len(suffix)] + rest
                    break
        out.extend((full or k).replace("cannot", "can not").split())
    return out
_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "ʼ": "'", "`": "'", "„": '"', "«": '"', "»": '"'})


def _words(text: str):
    return [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _gap_norm(gap: str) -> str:
    return re.sub(r"\s+", " ", gap.translate(_QUOTE_CHARS)).strip()


def compare_wording(a: str, b: str) -> dict:
    """Compare two versions of the same quotation, word by word.

    Words are aligned on :func:`readout.reuse.token_key`. Returns a dict with:

    - ``differences``: list of dicts ``{kind, a, b}`` where kind is one of
      :data:`DIFF_KINDS`: ``quote marks/apostrophes`` (’ versus '), ``punctuation``
      (commas and other marks between words), ``house style`` (case, ``U.S.``/``US``,
      ``top-line``/``topline``), ``contraction`` (``it'll``/``it will``: the same
      words, contracted or not), ``trim`` (words only one version has, at its start
      or end: one outlet quoted less) and ``wording`` (words replaced, or added or
      dropped inside the quotation: a real change of wording). Punctuation at the
      very start or end is ignored: it follows the sentence around the quotation
      (``…,” he said`` against ``….”``);
    - ``verdict``: ``identical``, or the most consequential kind present;
    - ``kinds``: the kinds present, in :data:`DIFF_KINDS` order;
    - ``marked_a`` / ``marked_b``: the texts with differing words in ``[[...]]``;
    - ``words_a``, ``words_b``, ``shared_words`` and ``similarity``
      (2 x shared / (words_a + words_b)).

    >>> compare_wording("We're going", "We’re going")["verdict"]
    'quote marks/apostrophes'
    >>> compare_wording("stop undermining China", "stop harming China")["verdict"]
    'wording'
    """
    wa, wb = _words(a), _words(b)
    ka, kb = [token_key(w) for w, _, _ in wa], [token_key(w) for w, _, _ in wb]
    matcher = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    diffs: list[dict] = []
    marks_a: list[tuple[int, int]] = []
    marks_b: list[tuple[int, int]] = []
    shared = 0
    ops = matcher.get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            shared += i2 - i1
            for k in range(i2 - i1):
                ra, rb = wa[i1 + k][0], wb[j1 + k][0]
                if ra != rb:
                    same = ra.translate(_QUOTE_CHARS) == rb.translate(_QUOTE_CHARS)
                    diffs.append({"kind": "quote marks/apostrophes" if same else "house style", "a": ra, "b": rb})
                    marks_a.append(wa[i1 + k][1:])
                    marks_b.append(wb[j1 + k][1:])
                if k == i2 - i1 - 1:
                    break
                # punctuation between this aligned word and the next
                ga = a[wa[i1 + k][2] : wa[i1 + k + 1][1]]
                gb = b[wb[j1 + k][2] : wb[j1 + k + 1][1]]
                if ga == gb or ga.translate(_QUOTE_CHARS).split() == gb.translate(_QUOTE_CHARS).split() == []:
                    continue
                if _gap_norm(ga) == _gap_norm(gb):
                    if ga.translate(_QUOTE_CHARS) != gb.translate(_QUOTE_CHARS) and _gap_norm(ga):
                        diffs.append({"kind": "quote marks/apostrophes", "a": ga.strip(), "b": gb.strip()})
                    continue
                diffs.append({"kind": "punctuation", "a": ga.strip() or "∅", "b": gb.strip() or "∅"})
                marks_a.append((wa[i1 + k][2], wa[i1 + k + 1][1]))
                marks_b.append((wb[j1 + k][2], wb[j1 + k + 1][1]))
            continue
        at_start = i1 == 0 and j1 == 0
        at_end = i2 == len(ka) and j2 == len(kb)
        has_common = any(t == "equal" for t, *_ in ops)
        kind = "trim" if tag in ("insert", "delete") and (at_start or at_end) and has_common else "wording"
        if tag == "replace" and _expand(ka[i1:i2]) == _expand(kb[j1:j2]):
            kind = "contraction"
        text_a = a[wa[i1][1] : wa[i2 - 1][2]] if i2 > i1 else ""
        text_b = b[wb[j1][1] : wb[j2 - 1][2]] if j2 > j1 else ""
        diffs.append({"kind": kind, "a": text_a or "∅", "b": text_b or "∅"})
        if i2 > i1:
            marks_a.append((wa[i1][1], wa[i2 - 1][2]))
        if j2 > j1:
            marks_b.append((wb[j1][1], wb[j2 - 1][2]))
    kinds = [k for k in DIFF_KINDS if any(d["kind"] == k for d in diffs)]
    if not kinds and _edge_strip(a) != _edge_strip(b):
        same = _edge_strip(a.translate(_QUOTE_CHARS)) == _edge_strip(b.translate(_QUOTE_CHARS))
        kinds = ["quote marks/apostrophes" if same else "punctuation"]
        diffs.append({"kind": kinds[0], "a": _edge_strip(a), "b": _edge_strip(b)})
    return {
        "differences": diffs,
        "kinds": kinds,
        "verdict": kinds[-1] if kinds else "identical",
        "marked_a": _mark(a, marks_a),
        "marked_b": _mark(b, marks_b),
        "words_a": len(ka),
        "words_b": len(kb),
        "shared_words": shared,
        "similarity": round(2 * shared / (len(ka) + len(kb)), 3) if ka or kb else 1.0,
    }


_EDGE_PUNCT = " \t\r\n.,;:!?…—–-\"'“”‘’"


def _edge_strip(text: str) -> str:
    """Drop punctuation at the very ends: a quotation's last mark follows its sentence ("…," he said)."""
    return text.strip(_EDGE_PUNCT)


def _mark(text: str, spans: list[tuple[int, int]], open_: str = "[[", close: str = "]]") -> str:
    out, pos = [], 0
    for s, e in sorted(set(spans)):
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(f"{open_}{text[s:e]}{close}")
        pos = e
    out.append(text[pos:])
    return "".join(out)


FIDELITY_COLUMNS = [
    "pair_id",
    "quote_id_a",
    "article_a",
    "start_a",
    "end_a",
    "quote_id_b",
    "article_b",
    "start_b",
    "end_b",
    "speaker_a",
    "speaker_b",
    "text_a",
    "text_b",
    "marked_a",
    "marked_b",
    "verdict",
    "kinds",
    "differences",
    "words_a",
    "words_b",
    "shared_words",
    "similarity",
]


def quote_fidelity(corpus, quotes: pd.DataFrame | None = None, *, min_run: int = 5, min_cover: float = 0.6) -> pd.DataFrame:
    """Pairs of quotations in different articles that print the same words.

    Two quotes (rows of ``readout.extract_quotes(corpus)``, or of ``quotes``) are
    taken as versions of the same utterance when they share a run of at least
    ``min_run`` consecutive words (compared on :func:`readout.reuse.token_key`)
    and the aligned words cover at least ``min_cover`` of the shorter one. One row per
    pair: quote ids, articles and exact offsets of both versions, speakers, texts,
    the texts with differing words marked ``[[...]]``, and the comparison of
    :func:`compare_wording` (verdict, kinds, differences as ``kind: a → b`` lines,
    word counts, similarity). Sorted by article pair and position.

    A short partial quote ("a long list of deliverables") can pair with more than
    one longer quotation when the speaker used the phrase twice; each pairing is
    listed.
    """
    if quotes is None:
        from readout.quotes import extract_quotes

        quotes = extract_quotes(corpus)
    q = quotes.sort_values(["article_id", "start"]).reset_index(drop=True)
    keys = [[token_key(w) for w, _, _ in _words(t)] for t in q["text"]]
    shingles: dict[tuple[str, ...], set[int]] = {}
    for idx, ks in enumerate(keys):
        for i in range(len(ks) - min_run + 1):
            shingles.setdefault(tuple(ks[i : i + min_run]), set()).add(idx)
    pairs = set()
    for members in shingles.values():
        for x in members:
            for y in members:
                if x < y and q.at[x, "article_id"] != q.at[y, "article_id"]:
                    pairs.add((x, y))
    rows = []
    for x, y in sorted(pairs):
        qa, qb = q.loc[x], q.loc[y]
        cmp = compare_wording(qa["text"], qb["text"])
        if cmp["shared_words"] < min_cover * min(cmp["words_a"], cmp["words_b"]):
            continue
        rows.append(
            {
                "quote_id_a": qa["quote_id"],
                "article_a": qa["article_id"],
                "start_a": int(qa["start"]),
                "end_a": int(qa["end"]),
                "quote_id_b": qb["quote_id"],
                "article_b": qb["article_id"],
                "start_b": int(qb["start"]),
                "end_b": int(qb["end"]),
                "speaker_a": qa.get("speaker", ""),
                "speaker_b": qb.get("speaker", ""),
                "text_a": qa["text"],
                "text_b": qb["text"],
                "marked_a": cmp["marked_a"],
                "marked_b": cmp["marked_b"],
                "verdict": cmp["verdict"],
                "kinds": ";".join(cmp["kinds"]),
                "differences": "\n".join(f"{d['kind']}: {d['a']} → {d['b']}" for d in cmp["differences"]),
                "words_a": cmp["words_a"],
                "words_b": cmp["words_b"],
                "shared_words": cmp["shared_words"],
                "similarity": cmp["similarity"],
            }
        )
    out = pd.DataFrame(rows, columns=FIDELITY_COLUMNS[1:])
    out = out.sort_values(["article_a", "article_b", "start_a"], kind="stable").reset_index(drop=True)
    out.insert(0, "pair_id", [f"f{k:03d}" for k in range(len(out))])
    return out


def reuse_in_quotes(reuse: pd.DataFrame, quotes: pd.DataFrame, corpus) -> pd.DataFrame:
    """Add to a :func:`find_reuse` table how much of each span lies inside quotation marks.

    Adds ``quoted_a`` and ``quoted_b`` (share of the span's words inside a quote of the
    ledger, 0–1) and ``kind``: ``quotation`` when both spans are at least half quoted,
    ``narration`` when neither is, ``mixed`` otherwise (one outlet quotes what the
    other paraphrases or narrates).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in quotes.itertuples(index=False):
        spans.setdefault(q.article_id, []).append((int(q.start), int(q.end)))

    def quoted(aid: str, start: int, end: int) -> float:
        toks = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(corpus.raw[aid], start, end)]
        inside = sum(1 for s, e in toks if any(qs <= s and e <= qe for qs, qe in spans.get(aid, [])))
        return round(inside / len(toks), 3) if toks else 0.0

    out = reuse.copy()
    out["quoted_a"] = [quoted(r.article_a, r.start_a, r.end_a) for r in reuse.itertuples(index=False)]
    out["quoted_b"] = [quoted(r.article_b, r.start_b, r.end_b) for r in reuse.itertuples(index=False)]
    both = (out["quoted_a"] >= 0.5) & (out["quoted_b"] >= 0.5)
    neither = (out["quoted_a"] < 0.5) & (out["quoted_b"] < 0.5)
    out["kind"] = ["quotation" if b else "narration" if n else "mixed" for b, n in zip(both, neither)]
    return out


_KIND_STYLE = {
    "quote marks/apostrophes": "background:#e8e8e8",
    "punctuation": "background:#e8e8e8",
    "house style": "background:#e8e8e8",
    "contraction": "background:#e8e8e8",
    "trim": "background:#fff3b0",
    "wording": "background:#ffc9c9;font-weight:bold",
}


def fidelity_html(fidelity: pd.DataFrame, outlets: dict[str, str] | None = None) -> str:
    """Render :func:`quote_fidelity` rows as a two-column HTML table, differences highlighted.

    Each row shows the two versions side by side, the marked words highlighted
    (bold on red for wording, yellow for trims, grey for typography and style), and
    the verdict with the list of differences underneath.
    """
    outlets = outlets or {}

    def marked(text: str, verdict: str) -> str:
        style = _KIND_STYLE.get(verdict, "")
        parts = re.split(r"(\[\[.*?\]\])", text)
        return "".join(
            f'<mark style="{style}">{html.escape(p[2:-2])}</mark>' if p.startswith("[[") and p.endswith("]]") else html.escape(p)
            for p in parts
        )

    rows = []
    for r in fidelity.itertuples(index=False):
        head_a = html.escape(f"{outlets.get(r.article_a, r.article_a)} ({r.quote_id_a})")
        head_b = html.escape(f"{outlets.get(r.article_b, r.article_b)} ({r.quote_id_b})")
        diffs = "<br>".join(html.escape(line) for line in str(r.differences).splitlines())
        rows.append(
            "<tr>"
            f'<td style="vertical-align:top;text-align:left"><b>{head_a}</b><br>{marked(r.marked_a, r.verdict)}</td>'
            f'<td style="vertical-align:top;text-align:left"><b>{head_b}</b><br>{marked(r.marked_b, r.verdict)}</td>'
            f'<td style="vertical-align:top;text-align:left"><b>{html.escape(r.verdict)}</b><br><small>{diffs}</small></td>'
            "</tr>"
        )
    return (
        '<table style="border-collapse:collapse;font-size:90%"><thead><tr>'
        '<th style="text-align:left">Version A</th><th style="text-align:left">Version B</th>'
        '<th style="text-align:left">Verdict and differences</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


# --------------------------------------------------------------------------- outlet profiles


def _analysed_paragraphs(corpus, roles) -> dict[str, list[tuple[int, int]]]:
    """article_id -> ``(start, end)`` of its paragraphs whose role is in ``roles``, in table order."""
    from readout.corpus import rows_by_article

    found = rows_by_article(corpus.analysed_paragraphs(_roles(roles)), ["start", "end"])
    return {aid: found.get(aid, []) for aid in corpus.raw}


def _word_bounds(raw: str, paragraphs: list[tuple[int, int]]):
    """Offsets in ``raw`` of the word tokens (:data:`readout.reuse._TOKEN_RE`) of each
    paragraph, in order: two numpy int64 arrays, starts and ends.

    The paragraphs are tokenised together, joined by NUL (never part of a word); the
    lengths of the pieces ``re.split`` returns give the offsets.

    >>> [a.tolist() for a in _word_bounds("U.S. aid, it’s said.  Next", [(0, 20), (22, 26)])]
    [[0, 5, 10, 15, 22], [3, 8, 14, 19, 26]]
    """
    import numpy as np

    n = len(raw)
    firsts = [min(max(s, 0), n) for s, _ in paragraphs]  # as finditer's pos and endpos are bounded
    pieces = [raw[s : min(max(e, 0), n)] for s, (_, e) in zip(firsts, paragraphs)]
    parts = _TOKEN_SPLITTER.split(_SEP.join(pieces))
    bounds = np.cumsum(np.fromiter(map(len, parts), np.int64, len(parts)))
    starts, ends = bounds[0:-1:2], bounds[1::2]
    if not len(starts):
        return starts, ends
    sizes = np.fromiter(map(len, pieces), np.int64, len(pieces)) + 1
    bases = np.concatenate(([0], np.cumsum(sizes)[:-1]))  # where each paragraph starts in the joined text
    para = np.searchsorted(bases, starts, side="right") - 1
    shift = np.asarray(firsts, dtype=np.int64)[para] - bases[para]
    return starts + shift, ends + shift


#: :data:`readout.reuse._TOKEN_RE` as one capturing group, for ``re.split`` (which then returns
#: the text between words and the words, alternately)
assert not _TOKEN_RE.groups, "the word pattern must have no capturing group"
_TOKEN_SPLITTER = re.compile(f"({_TOKEN_RE.pattern})", _TOKEN_RE.flags)


def _analysed_words(corpus, roles) -> dict:
    """article_id -> (starts, ends) of the word tokens in its analysed paragraphs (see
    :func:`_word_bounds`)."""
    return {aid: _word_bounds(corpus.raw[aid], paras) for aid, paras in _analysed_paragraphs(corpus, roles).items()}


def _count_inside(starts, ends, spans: list[tuple[int, int]]) -> int:
    """How many tokens (numpy arrays of starts and ends) lie wholly inside at least one of ``spans``.

    >>> import numpy as np
    >>> _count_inside(np.array([0, 3, 6, 10]), np.array([2, 5, 9, 12]), [(2, 9), (0, 3)])
    3
    """
    import numpy as np

    if not spans or not len(starts):
        return 0
    spans = sorted(spans)
    span_starts = np.array([s for s, _ in spans], dtype=np.int64)
    reach = np.maximum.accumulate(np.array([e for _, e in spans], dtype=np.int64))  # furthest end so far
    k = np.searchsorted(span_starts, starts, side="right")  # spans starting at or before each token
    opened = k > 0
    return int((reach[k[opened] - 1] >= ends[opened]).sum())


def quoted_share(corpus, quotes: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """Words inside quotation marks against the reporter's own words, per article.

    One row per article: article_id, words (word tokens in analysed paragraphs),
    quoted_words (of those, inside a quote of the ledger), paraphrase_words
    (the rest: narration and paraphrase), quoted_share (quoted_words / words).
    """
    if quotes is None:
        from readout.quotes import extract_quotes

        quotes = extract_quotes(corpus)
    from readout.corpus import rows_by_article

    words = _analysed_words(corpus, roles)
    spans = rows_by_article(quotes, ["start", "end"])  # each article's quotes, in ledger order
    rows = []
    for aid in sorted(corpus.raw):
        starts, ends = words[aid]
        n = len(starts)
        quoted = _count_inside(starts, ends, spans.get(aid, []))
        rows.append(
            {
                "article_id": aid,
                "words": n,
                "quoted_words": quoted,
                "paraphrase_words": n - quoted,
                "quoted_share": round(quoted / n, 3) if n else 0.0,
            }
        )
    return pd.DataFrame(rows)


def voices_by_side(quotes: pd.DataFrame) -> pd.DataFrame:
    """Distinct attributed speakers per article and side.

    One row per article and speaker (``UNATTRIBUTED`` quotes left out):
    article_id, speaker, speaker_side, quotes (number of quotations), quoted_words.
    """
    q = quotes[quotes["speaker"].fillna("UNATTRIBUTED") != "UNATTRIBUTED"].copy()
    q["quoted_words"] = [len(_TOKEN_RE.findall(t)) for t in q["text"]]
    out = (
        q.groupby(["article_id", "speaker", "speaker_side"], as_index=False)
        .agg(quotes=("quote_id", "count"), quoted_words=("quoted_words", "sum"))
        .sort_values(["article_id", "quotes", "speaker"], ascending=[True, False, True], kind="stable")
    )
    return out.reset_index(drop=True)


_FIRST_COLUMNS = ("para_id", "role", "start", "end", "surface", "actor", "side")


def first_actors(corpus, mentions: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """The first actor each article names, in reading order of its analysed text.

    One row per article: article_id, para_id, role, start, end, surface, actor, side.
    Articles naming no actor get an empty row (actor "").
    """
    if mentions is None:
        from readout.actors import find_mentions

        mentions = find_mentions(corpus)
    roles = _roles(roles)
    role_of = corpus.paragraphs.set_index(["article_id", "para_id"])["role"].to_dict()
    m = mentions.copy()
    m["role"] = [role_of.get((a, p), "") for a, p in zip(m["article_id"].tolist(), m["para_id"].tolist())]
    m = m[m["role"].isin(roles)].sort_values(["article_id", "start"], kind="stable").drop_duplicates("article_id")
    first = {aid: values for aid, *values in zip(*(m[c].tolist() for c in ("article_id", *_FIRST_COLUMNS)))}
    rows = []
    for aid in sorted(corpus.raw):
        if aid not in first:
            rows.append({"article_id": aid, "para_id": pd.NA, "role": "", "start": pd.NA, "end": pd.NA, "surface": "", "actor": "", "side": ""})
            continue
        para_id, role, start, end, surface, actor, side = first[aid]
        rows.append(
            {
                "article_id": aid,
                "para_id": int(para_id),
                "role": role,
                "start": int(start),
                "end": int(end),
                "surface": surface,
                "actor": actor,
                "side": side,
            }
        )
    return pd.DataFrame(rows)


def first_mention_by_side(corpus, mentions: pd.DataFrame | None = None, *, roles=None) -> pd.DataFrame:
    """How far into each article each side is first named.

    One row per article and side that the article names: article_id, side, actor,
    surface, start, words_before (analysed words before the mention) and
    share_before (words_before / analysed words: 0 = named in the first words).
    """
    if mentions is None:
        from readout.actors import find_mentions

        mentions = find_mentions(corpus)
    roles = _roles(roles)
    role_of = corpus.paragraphs.set_index(["article_id", "para_id"])["role"].to_dict()
    words = _analysed_words(corpus, roles)
    m = mentions[[role_of.get((a, p), "") in roles for a, p in zip(mentions["article_id"], mentions["para_id"])]]
    m = m.sort_values(["article_id", "start"], kind="stable").drop_duplicates(["article_id", "side"])
    rows = []
    for r in m.itertuples(index=False):
        starts = words[r.article_id][0] if r.article_id in words else ()
        before = int((starts < r.start).sum()) if len(starts) else 0
        rows.append(
            {
                "article_id": r.article_id,
                "side": r.side,
                "actor": r.actor,
                "surface": r.surface,
                "start": int(r.start),
                "words_before": before,
                "share_before": round(before / len(starts), 3) if len(starts) else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "side", "actor", "surface", "start", "words_before", "share_before"])


def heatmap(matrix: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, fmt: str = "{:.2f}", cmap: str = "Blues", ax=None, vmin=None, vmax=None):
    """Draw ``matrix`` as a heat map with every value printed in its cell; returns the axes.

    Missing cells (NaN / <NA>) are left blank. Text turns white on dark cells so the
    values stay readable in print and in grey scale.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    values = matrix.astype("float64").to_numpy()
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * matrix.shape[1] + 2.5, 0.6 * matrix.shape[0] + 1.8))
    finite = values[np.isfinite(values)]
    lo = vmin if vmin is not None else (finite.min() if finite.size else 0.0)
    hi = vmax if vmax is not None else (finite.max() if finite.size else 1.0)
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=lo, vmax=hi, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v = values[i, j]
            if np.isfinite(v):
                dark = hi > lo and (v - lo) / (hi - lo) > 0.6
                ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=9, color="white" if dark else "black")
    ax.set_xticks(range(matrix.shape[1]), [str(c) for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [str(r) for r in matrix.index])
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    for spine in ax.spines.values():
        spine.set_visible(False)
    return ax


PROFILE_SIDES = ("US", "China", "Other")


def _count(values: pd.Series) -> dict:
    """value -> number of rows holding it (missing values left out)."""
    return values.value_counts(sort=False).to_dict()


def _quoted_words_by_side(quotes: pd.DataFrame) -> tuple[dict, dict]:
    """Per article: the number of ledger rows, and (article_id, speaker_side) -> quoted words."""
    n_quotes: dict = {}
    words: dict = {}
    for aid, side, text in zip(quotes["article_id"].tolist(), quotes["speaker_side"].tolist(), quotes["text"].tolist()):
        n_quotes[aid] = n_quotes.get(aid, 0) + 1
        words[aid, side] = words.get((aid, side), 0) + len(_TOKEN_RE.findall(text))
    return n_quotes, words


def _speakers_by_side(quotes: pd.DataFrame) -> tuple[dict, dict]:
    """The voices of :func:`voices_by_side`: article_id -> distinct attributed speakers,
    and (article_id, speaker_side) -> distinct attributed speakers."""
    keys = ["article_id", "speaker", "speaker_side"]
    voices = quotes.loc[quotes["speaker"].fillna("UNATTRIBUTED") != "UNATTRIBUTED", keys].dropna()
    speakers: dict = {}
    by_side: dict = {}
    for aid, speaker, side in zip(voices["article_id"].tolist(), voices["speaker"].tolist(), voices["speaker_side"].tolist()):
        speakers.setdefault(aid, set()).add(speaker)
        by_side.setdefault((aid, side), set()).add(speaker)
    return speakers, by_side


def _covered_topics(topics: pd.DataFrame) -> dict[str, list[str]]:
    """From :func:`article_topics`: article_id -> covered topics, in codebook order."""
    covered = topics[topics["covered"]]
    out: dict[str, list[str]] = {}
    for aid, topic in zip(covered["article_id"].tolist(), covered["topic"].tolist()):
        out.setdefault(aid, []).append(topic)
    return out


def _article_column(articles: pd.DataFrame, column: str) -> dict:
    """article_id -> ``column`` of the articles table (empty when there is no such column)."""
    if column not in articles:
        return {}
    return dict(zip(articles["article_id"].tolist(), articles[column].tolist()))


def outlet_profiles(
    corpus, *, quotes: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None, roles=None
) -> pd.DataFrame:
    """One row per article: how each outlet built its report.

    Columns: article_id, outlet, outlet_kind, published; paragraphs and sentences
    (analysed roles); words, quoted_words, paraphrase_words, quoted_share (from
    :func:`quoted_share`); quotes (ledger rows); voices (distinct attributed
    speakers) and voices_us / voices_china / voices_other / voices_unknown;
    quoted_words_us / _china / _other / _unknown and share_us / share_china /
    share_other (shares of attributed quoted words); first_actor, first_actor_side,
    first_actor_surface (:func:`first_actors`); topics (number of codebook topics
    covered) and topic_list; shared_words (words in passages shared with another
    article) and shared_share.
    """
    profiles = profile_rows(corpus, quotes=quotes, mentions=mentions, codebook=codebook, roles=roles)
    return add_shared_copy(profiles, corpus, roles=roles)


def profile_rows(
    corpus, *, quotes: pd.DataFrame | None = None, mentions: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None, roles=None
) -> pd.DataFrame:
    """:func:`outlet_profiles` without its last two columns (shared_words, shared_share).

    Every column here reads one article alone, so the rows of a sub-corpus are the rows
    of the whole corpus for its articles (the export builds them per partition); the
    shared-copy columns compare articles with each other (:func:`add_shared_copy`).
    """
    if quotes is None:
        from readout.quotes import extract_quotes

        quotes = extract_quotes(corpus)
    roles = _roles(roles)
    sides = (*PROFILE_SIDES, "Unknown")
    info = {col: _article_column(corpus.articles, col) for col in ("outlet", "outlet_kind", "published")}
    n_paras = _count(corpus.paragraphs.loc[corpus.paragraphs["role"].isin(roles), "article_id"])
    n_sents = _count(corpus.sentences.loc[corpus.sentences["role"].isin(roles), "article_id"])
    qs = quoted_share(corpus, quotes, roles=roles)
    shares = {aid: values for aid, *values in zip(*(qs[c].tolist() for c in qs.columns))}
    speakers, speakers_by_side = _speakers_by_side(quotes)
    firsts = first_actors(corpus, mentions, roles=roles)
    first = {aid: values for aid, *values in zip(*(firsts[c].tolist() for c in ("article_id", "actor", "side", "surface")))}
    covered = _covered_topics(article_topics(corpus, codebook, roles=roles))
    n_quotes, side_words_of = _quoted_words_by_side(quotes)
    rows = []
    for aid in sorted(corpus.raw):
        side_words = {s: side_words_of.get((aid, s), 0) for s in sides}
        attributed = sum(side_words[s] for s in PROFILE_SIDES)
        t = covered.get(aid, [])
        row = {
            "article_id": aid,
            "outlet": info["outlet"].get(aid, ""),
            "outlet_kind": info["outlet_kind"].get(aid, ""),
            "published": info["published"].get(aid, ""),
            "paragraphs": n_paras.get(aid, 0),
            "sentences": n_sents.get(aid, 0),
            **dict(zip(qs.columns[1:], shares[aid])),
            "quotes": n_quotes.get(aid, 0),
            "voices": len(speakers.get(aid, ())),
        }
        for s in sides:
            row[f"voices_{s.lower()}"] = len(speakers_by_side.get((aid, s), ()))
        for s in sides:
            row[f"quoted_words_{s.lower()}"] = side_words[s]
        for s in PROFILE_SIDES:
            row[f"share_{s.lower()}"] = round(side_words[s] / attributed, 3) if attributed else 0.0
        actor, side, surface = first[aid]
        row.update(
            {
                "first_actor": actor,
                "first_actor_side": side,
                "first_actor_surface": surface,
                "topics": len(t),
                "topic_list": ";".join(t),
            }
        )
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in ("words", "quoted_words", "paraphrase_words"):
        out[col] = out[col].astype("int64")
    return out


def add_shared_copy(profiles: pd.DataFrame, corpus, *, roles=None) -> pd.DataFrame:
    """``profiles`` (from :func:`profile_rows`) with shared_words and shared_share appended:
    the words of each article in passages shared with another article of ``corpus``
    (:func:`readout.reuse.flag_shared_copy`), and their share of its analysed words."""
    flags = flag_shared_copy(corpus, roles=_roles(roles)).groupby("article_id")[["shared_words", "n_words"]].sum()
    shared_words, n_words = flags["shared_words"].to_dict(), flags["n_words"].to_dict()
    shared = [shared_words.get(aid, 0) for aid in profiles["article_id"].tolist()]
    out = profiles.copy()
    out["shared_words"] = [int(n) for n in shared]
    out["shared_share"] = [round(float(n) / max(int(n_words.get(aid, 0)), 1), 3)
                           for n, aid in zip(shared, profiles["article_id"].tolist())]
    return out
