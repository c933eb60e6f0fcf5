"""Word tokens: one tokeniser for counting terms and one word pattern for matching reused text.

:func:`tokenize` splits text into runs of lower-case words between punctuation breaks
("U.S." and "US" become one token), so bigrams never cross a comma or a quotation mark;
:func:`terms` and :func:`count_terms` give unigrams or bigrams without stop words.
:data:`WORD_RE` and :func:`token_key` are the word pattern and the comparison key of text reuse:
case, quote marks, apostrophes and in-word full stops and hyphens are ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from readout.text.quote_marks import APOSTROPHES_TO_ASCII
from readout.text.stopwords import STOPWORDS

# Upper-case US / U.S. / U.S.A. are the country; lower-case "us" is the pronoun.
_COUNTRY_US = re.compile(r"(?<![A-Za-z.])(?:U\.S\.A\.|U\.S\.|US|USA)(?![A-Za-z])")


_US_MARK = "zzcountryuszz"  # placeholder that survives punctuation splitting


_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


# Characters that end a bigram run: punctuation between words breaks the phrase.
_BREAK = re.compile(r"[,.;:!?()\[\]\"\u201c\u201d\u2014\u2013]|\s-\s|'\s|\s'")


def tokenize(text: str) -> list[list[str]]:
    """Split ``text`` into runs of lower-case word tokens, broken at punctuation.

    ``U.S.``/``US`` become the token ``u.s.`` (upper case only, so the pronoun "us"
    stays a stopword), possessive ``'s`` is dropped, hyphenated words split. Each inner
    list is a run inside which bigrams are formed.

    >>> tokenize("Qin said the U.S. should stop interfering in China's internal affairs.")
    [['qin', 'said', 'the', 'u.s.', 'should', 'stop', 'interfering', 'in', 'china', 'internal', 'affairs']]
    >>> tokenize("sovereignty, security and development")
    [['sovereignty'], ['security', 'and', 'development']]
    """
    text = _COUNTRY_US.sub(f" {_US_MARK} ", text.translate(APOSTROPHES_TO_ASCII))
    runs = []
    for chunk in _BREAK.split(text.lower()):
        toks = _TOKEN.findall(chunk.replace("-", " "))
        if not toks:
            continue
        toks = [t[:-2] if t.endswith("'s") else t for t in toks]  # never empty: a token starts with [a-z0-9]
        if _US_MARK in chunk:
            toks = ["u.s." if t == _US_MARK else t for t in toks]
        runs.append(toks)
    return runs


def check_order(order: int) -> None:
    """Terms are unigrams (order 1) or bigrams (order 2); ValueError otherwise."""
    if order not in (1, 2):
        raise ValueError(f"order must be 1 or 2, not {order!r}")


def terms(text: str, order: int = 1, stopwords: Iterable[str] = STOPWORDS) -> list[str]:
    """The terms of ``text``: unigrams (``order=1``) or bigrams (``order=2``).

    Unigrams drop stopwords and bare numbers. Bigrams are pairs of adjacent tokens inside a
    punctuation-free run where neither token is a stopword or a number (so "lines of
    communication" gives no bigram, "open lines" does).

    >>> terms("Stop interfering in China's internal affairs", 2)
    ['stop interfering', 'china internal', 'internal affairs']
    """
    check_order(order)
    return terms_of_runs(tokenize(text), stopwords)[order - 1]


def terms_of_runs(runs: list[list[str]], stopwords: Iterable[str] = STOPWORDS) -> tuple[list[str], list[str]]:
    """(unigrams, bigrams) of tokenised runs (see :func:`terms`): both orders from one tokenisation."""
    stop = stopwords if isinstance(stopwords, (set, frozenset)) else frozenset(stopwords)
    unigrams: list[str] = []
    bigrams: list[str] = []
    for run in runs:
        keep = [t not in stop and not t.isdigit() for t in run]
        unigrams.extend([t for t, k in zip(run, keep) if k])
        bigrams.extend([f"{a} {b}" for a, b, ka, kb in zip(run, run[1:], keep, keep[1:]) if ka and kb])
    return unigrams, bigrams


def count_terms(texts: Iterable[str], order: int = 1) -> Counter:
    """Term counts over ``texts`` (see :func:`terms`)."""
    c: Counter = Counter()
    for t in texts:
        c.update(terms(t, order))
    return c


#: the characters that may join two runs of letters/digits into one word
JOINER_CHARS = ".'’‘-‐‑"


#: Words: letters/digits, joined by apostrophes, full stops or hyphens inside the word.
WORD_RE = re.compile(rf"[^\W_]+(?:[{re.escape(JOINER_CHARS)}]+[^\W_]+)*")


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


def keys_of(spaced: str) -> list[str]:
    """:func:`token_key` of every word of ``spaced`` (words separated by whitespace), at once.

    Every step works character by character (``str.lower`` looks at neighbours only
    for a final sigma, and a space stops that look), so this equals
    ``[token_key(w) for w in spaced.split()]``.
    """
    return _normalise(spaced).split()


def words_of(text: str) -> list[str]:
    return re.findall(r"[\w'\u2019]+", text)


def norm_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().translate(APOSTROPHES_TO_ASCII).replace("'", ""))


def count_words(text: str) -> int:
    """The number of words in ``text``: the one definition every table and page uses (article
    length, analysed words, quoted words). A word is a run of letters or digits, joined across
    dots, apostrophes and hyphens inside it (:data:`WORD_RE`), so "U.S." and "it's" are one word.

    >>> count_words("U.S. aid, it’s said.")
    4
    """
    return len(WORD_RE.findall(text))
