"""Load a corpus of plain-text articles into traceable tables.

A corpus is a folder of ``.txt`` files (UTF-8, one article each) with an optional
``articles.csv`` of metadata. The bundled corpus is ``seeds/`` with its metadata
in ``data/articles.csv``.

Tables (pandas DataFrames) on the :class:`Corpus` returned by :func:`load_corpus`:

``articles``
    article_id (str, the file stem), file (str, file name), outlet, outlet_kind,
    headline, byline, published (ISO date, may be empty), date_basis (how the
    date is known), wire_credits, n_paragraphs (int), n_sentences (int),
    n_words (int, words in analysed paragraphs), metadata_source ("csv" or "file").
``paragraphs``
    article_id, para_id (int, 0-based per article), role (see
    :data:`readout.segment.ROLES`), role_basis (the rule that gave the role),
    start, end (int character offsets into ``corpus.raw[article_id]``), text.
``sentences``
    article_id, para_id, sent_id (int, 0-based, unique within an article), role,
    start, end, text.

For every row, ``corpus.raw[article_id][start:end] == text``. Offsets count
characters of the decoded file, after a byte-order mark is removed and with line
endings untouched (a CRLF counts as two characters).

Analyses use the roles in :data:`ANALYSED_ROLES` by default; page furniture stays
in the tables (``corpus.furniture()`` is the audited list) so nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from readout.corpus.cache import cached_value, file_digest
from readout.corpus.codebooks import CODEBOOKS, codebook_path
from readout.paths import DATA_DIR

ANALYSED_ROLES: tuple[str, ...] = ("headline", "dek", "body", "caption")


ARTICLE_COLUMNS = [
    "article_id",
    "file",
    "outlet",
    "outlet_kind",
    "headline",
    "byline",
    "published",
    "date_basis",
    "wire_credits",
]


PARAGRAPH_COLUMNS = ["article_id", "para_id", "role", "role_basis", "start", "end", "text"]


SENTENCE_COLUMNS = ["article_id", "para_id", "sent_id", "role", "start", "end", "text"]


class CorpusError(ValueError):
    """A corpus cannot be loaded. ``problems`` lists every problem found, each naming its file."""

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Corpus:
    """A loaded corpus: raw texts, the three tables, and the warnings raised while loading."""

    folder: Path
    raw: dict[str, str]
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def cached(self, key: str, func: Callable[[], Any]) -> Any:
        """Return ``func()``, computed once per corpus and remembered under ``key``.

        With the disk cache on (:mod:`readout.corpus.cache`), the value is also shared with other
        processes reading the same corpus with the same library and data.
        """
        if key not in self._cache:
            self._cache[key] = cached_value(self, key, func)
        return self._cache[key]

    def is_memoised(self, key: str) -> bool:
        """Whether :meth:`cached` already holds a value for ``key`` in this process."""
        return key in self._cache

    def memoised(self, prefixes: tuple[str, ...]) -> dict[str, Any]:
        """The remembered values whose keys start with one of ``prefixes``."""
        return {k: v for k, v in self._cache.items() if k.startswith(prefixes)}

    def remember(self, key: str, value: Any) -> None:
        """Remember ``value`` under ``key``, as if :meth:`cached` had computed it (a merged result)."""
        self._cache[key] = value

    def recall(self, key: str, default: Any = None) -> Any:
        """The value remembered under ``key``, or ``default``."""
        return self._cache.get(key, default)

    def analysed_paragraphs(self, roles: tuple[str, ...] = ANALYSED_ROLES) -> pd.DataFrame:
        return self.paragraphs[self.paragraphs["role"].isin(roles)]

    def analysed_sentences(self, roles: tuple[str, ...] = ANALYSED_ROLES) -> pd.DataFrame:
        return self.sentences[self.sentences["role"].isin(roles)]

    def furniture(self) -> pd.DataFrame:
        """The audited list of paragraphs left out of analyses, with the rule that removed each."""
        mask = ~self.paragraphs["role"].isin(ANALYSED_ROLES)
        return self.paragraphs.loc[mask, ["article_id", "para_id", "role", "role_basis", "text"]]

    def span(self, article_id: str, start: int, end: int) -> str:
        return self.raw[article_id][start:end]

    @property
    def fingerprint(self) -> str:
        """A hash of the corpus: a cache key that changes when the corpus does.

        Hashed as fields, each prefixed by its length (so no two corpora give the same
        sequence of bytes, whatever their texts hold): every article id and raw text, every
        column name and value of the articles table, and the name, place and bytes of each
        codebook the corpus uses (:func:`readout.corpus.codebooks.codebook_path`).
        """
        import hashlib

        digest = hashlib.sha256()

        def field(value: str | bytes) -> None:
            data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)

        field("readout corpus fingerprint 2")
        field(str(len(self.raw)))
        for aid in sorted(self.raw):
            field(aid)
            field(self.raw[aid])
        field(str(self.articles.shape))
        for column in self.articles.columns:
            field(str(column))
            for value in self.articles[column].tolist():
                field(str(value))
        for name in CODEBOOKS:
            path = codebook_path(name, self)
            field(name)
            field("data" if path.parent == DATA_DIR else "corpus")
            try:
                field(file_digest(path))
            except OSError as exc:
                field(f"unreadable: {exc.strerror}")
        return digest.hexdigest()[:32]


def rows_by_article(frame: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    """``frame``'s ``columns`` as plain tuples, grouped by ``article_id`` in table order.

    One pass over the table: analyses that walk an article's rows use this instead of
    filtering the whole table once per article (which grows with the square of the corpus).
    Articles appear in the order of their first row.

    >>> rows_by_article(pd.DataFrame({"article_id": ["b", "a", "b"], "n": [1, 2, 3]}), ["n"])
    {'b': [(1,), (3,)], 'a': [(2,)]}
    """
    out: dict[str, list[tuple]] = {}
    if not len(frame):
        return out
    values = [frame[c].tolist() for c in columns]
    for aid, *row in zip(frame["article_id"].tolist(), *values):
        out.setdefault(aid, []).append(tuple(row))
    return out


def articles_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.articles


def paragraphs_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.paragraphs


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    return corpus.sentences


def keyword_in_context(
    corpus: Corpus, keyword: str, width: int = 60, roles: tuple[str, ...] = ANALYSED_ROLES
) -> pd.DataFrame:
    """Find ``keyword`` (case-insensitive, whole words, a regex allowed) in the analysed text.

    Returns a DataFrame: article_id, para_id, sent_id, start, end (offsets of the match in
    the raw text), left, match, right (``width`` characters of context each side, line
    breaks shown as spaces).
    """
    pattern = re.compile(rf"\b{keyword}\w*", re.IGNORECASE)
    rows = []
    for sent in corpus.analysed_sentences(roles).itertuples(index=False):
        for m in pattern.finditer(sent.text):
            raw = corpus.raw[sent.article_id]
            start, end = sent.start + m.start(), sent.start + m.end()
            left = raw[max(0, start - width) : start]
            right = raw[end : end + width]
            rows.append(
                (
                    sent.article_id,
                    sent.para_id,
                    sent.sent_id,
                    start,
                    end,
                    " ".join(left.split()) if left.strip() else "",
                    raw[start:end],
                    " ".join(right.split()),
                )
            )
    return pd.DataFrame(rows, columns=["article_id", "para_id", "sent_id", "start", "end", "left", "match", "right"])
