"""How alike the articles are: TF-IDF cosine similarity and lexical overlap, article by article."""

from __future__ import annotations

import pandas as pd

from readout.analysis.reuse import flag_shared_copy
from readout.analysis.topics import roles_or_default
from readout.text.stopwords import FUNCTION_WORDS
from readout.text.tokens import WORD_RE, token_key


def _article_tokens(corpus, roles, stop_words: bool, dedupe: bool = False) -> dict[str, list[str]]:
    roles = roles_or_default(roles)
    sents = corpus.sentences[corpus.sentences["role"].isin(roles)]
    if dedupe:
        flags = flag_shared_copy(corpus, roles=roles)
        keep = set(zip(flags.loc[flags["count_once"], "article_id"], flags.loc[flags["count_once"], "sent_id"]))
        sents = sents[[k in keep for k in zip(sents["article_id"], sents["sent_id"])]]
    out: dict[str, list[str]] = {aid: [] for aid in sorted(corpus.raw)}
    for s in sents.itertuples(index=False):
        for m in WORD_RE.finditer(s.text):
            key = token_key(m.group())
            if key.isdigit() or len(key) < 2:
                continue
            if stop_words and key in FUNCTION_WORDS:
                continue
            out[s.article_id].append(key)
    return out


def term_counts(corpus, *, roles=None, stop_words: bool = True, dedupe: bool = False) -> pd.DataFrame:
    """Document-term counts: one row per article, one column per word key (sorted).

    Words are compared on :func:`readout.text.tokens.token_key`; numbers, one-letter
    words and (by default) :data:`FUNCTION_WORDS` are left out. ``dedupe=True`` reads
    each shared-copy sentence once (see :func:`readout.analysis.reuse.flag_shared_copy`).
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
    union = (
        pd.DataFrame(
            [[sizes[a] + sizes[b] for b in present.index] for a in present.index],
            index=present.index,
            columns=present.index,
        )
        - inter
    )
    out = inter / union.replace(0, 1)
    out.index.name, out.columns.name = "article", "article"
    return out
