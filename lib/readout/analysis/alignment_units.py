"""What the aligner compares: the sentences of each side, their anchors and their English stems.

Anchors are what a translation cannot change: the people of the actor codebook (a Chinese name
from its ``name_zh`` column, the English name or an alias on the other side), numbers (Arabic
or Chinese digits; English digits, number words and month names) and places (a word CC-CEDICT
gives an English proper name: 台湾 Taiwan, 巴厘岛 Bali). Each is a key such as
``actor:Qin Gang``, ``num:18`` or ``place:台湾``; an English sentence holds the key of a place
when it names the place in English.

Stems are the content words of an English sentence (no function words, reporting verbs, numbers
or names of the parties and their people), cut by nltk's Porter stemmer, used to measure how
much of a sentence another one keeps.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from readout.analysis.actors import DATED_ALIAS, load_codebook
from readout.analysis.chinese_text import (
    analysed_chinese_sentences,
    chinese_names,
    chinese_tokens,
    content_terms,
    lookup,
    proper_names,
)
from readout.analysis.fightin_words import name_words
from readout.corpus.model import ANALYSED_ROLES
from readout.text.chinese import parse_number
from readout.text.stopwords import STOPWORDS
from readout.text.tokens import WORD_RE, token_key

#: English number words and month names, read as numbers
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    m: n
    for n, m in enumerate(
        "january february march april may june july august september october november december".split(), start=1
    )
}

_NUMBER = re.compile(r"\b\d[\d,]*\b")


def not_content_names(corpus) -> frozenset[str]:
    """Words that never count as content: the names of the parties and their people
    (:func:`readout.analysis.fightin_words.name_words`)."""
    return name_words(corpus)


def english_ids(corpus) -> list[str]:
    """The ids of the corpus's English documents (language ``en``), in corpus order."""
    articles = corpus.articles
    if "language" not in articles.columns:
        return articles["article_id"].tolist()
    lang = articles["language"].astype(str).str.lower()
    return articles.loc[lang.str.startswith("en"), "article_id"].tolist()


def english_sentences(corpus) -> pd.DataFrame:
    """The analysed sentences (headline, dek, body, caption) of the English documents."""
    sents = corpus.sentences
    keep = sents["role"].isin(ANALYSED_ROLES) & sents["article_id"].isin(english_ids(corpus))
    return sents[keep].reset_index(drop=True)


def english_words(text: str) -> list[str]:
    """The words of ``text``, lower case, as text reuse compares them (:func:`readout.text.tokens.token_key`)."""
    return [token_key(w) for w in WORD_RE.findall(text)]


@lru_cache(maxsize=1)
def porter():
    """nltk's Porter stemmer (needs no data)."""
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter stem of a lower-case word.

    >>> stem("objectively"), stem("managing"), stem("differences")
    ('object', 'manag', 'differ')
    """
    return porter().stem(word)


def is_content(word: str, names: frozenset[str]) -> bool:
    """A word that says what was said: not a function word, reporting verb, number or name."""
    return bool(word) and word.isalpha() and word not in STOPWORDS and word not in names and word not in NUMBER_WORDS


def content_stems(words: list[str], names: frozenset[str]) -> list[str]:
    """The stems of the content words of ``words``, in order (a word that is not content gives "")."""
    return [stem(w) if is_content(w, names) else "" for w in words]


def english_numbers(text: str) -> set[int]:
    """Numbers written in ``text``: digits, number words up to twenty, month names.

    >>> sorted(english_numbers("On June 18, 2023, talks lasted more than seven hours."))
    [6, 7, 18, 2023]
    """
    found = {int(m.group().replace(",", "")) for m in _NUMBER.finditer(text)}
    found.update(NUMBER_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS and w != "may")
    return found


def english_name_patterns(corpus) -> dict[str, re.Pattern]:
    """For each codebook actor with a Chinese name: a pattern of its English name and aliases."""

    def build() -> dict[str, re.Pattern]:
        book = load_codebook(corpus=corpus).set_index("actor")
        out = {}
        for actor in dict.fromkeys(chinese_names(corpus)["actor"]):
            aliases = str(book.loc[actor, "aliases"]).split("|")  # a dated alias's words without its date
            forms = [actor, *[DATED_ALIAS.sub("", a.strip()) for a in aliases if a.strip()]]
            alternatives = "|".join(re.escape(f) for f in sorted(set(forms), key=len, reverse=True))
            out[actor] = re.compile(rf"(?<![\w.])(?:{alternatives})(?!\w)")
        return out

    return corpus.cached("alignment.english_names", build)


def chinese_units(corpus) -> dict[str, pd.DataFrame]:
    """Per Chinese document: its analysed sentences with ``anchors`` (a frozenset of keys) and
    ``terms`` (its content words, for glossing)."""

    def build() -> dict[str, pd.DataFrame]:
        tokens = chinese_tokens(corpus)
        tokens = tokens.assign(content=content_terms(tokens))
        by_sentence = {key: g for key, g in tokens.groupby(["article_id", "sent_id"], sort=False)}
        out = {}
        for aid, sents in analysed_chinese_sentences(corpus).groupby("article_id", sort=False):
            anchors, terms = [], []
            for s in sents.itertuples(index=False):
                toks = by_sentence.get((aid, s.sent_id))
                keys: set[str] = set()
                words: list[str] = []
                if toks is not None:
                    for t in toks.itertuples(index=False):
                        if t.kind == "name" and t.actor:
                            keys.add(f"actor:{t.actor}")
                        elif t.kind == "number":
                            keys.add(f"num:{parse_number(t.token)}")
                        elif t.kind == "word" and len(t.token) > 1 and proper_names(t.token):
                            keys.add(f"place:{t.token}")
                        if t.content and t.kind == "word":
                            words.append(t.token)
                anchors.append(frozenset(keys))
                terms.append(tuple(words))
            out[aid] = sents.assign(anchors=anchors, terms=terms).reset_index(drop=True)
        return out

    return corpus.cached("alignment.chinese_units", build)


def english_units(corpus, places: frozenset[str]) -> dict[str, pd.DataFrame]:
    """Per English document: its analysed sentences with ``anchors`` (actors, numbers and the
    places of ``places``, Chinese words, it names), ``words`` and ``stems`` (:func:`content_stems`)."""
    names = not_content_names(corpus)
    actor_patterns = english_name_patterns(corpus)
    place_patterns = {
        p: re.compile(r"\b(?:" + "|".join(re.escape(n) for n in proper_names(p)) + r")\b") for p in sorted(places)
    }
    out = {}
    for aid, sents in english_sentences(corpus).groupby("article_id", sort=False):
        anchors, words, stems = [], [], []
        for text in sents["text"]:
            keys = {f"actor:{a}" for a, pat in actor_patterns.items() if pat.search(text)}
            keys.update(f"num:{n}" for n in english_numbers(text))
            keys.update(f"place:{p}" for p, pat in place_patterns.items() if pat.search(text))
            ws = english_words(text)
            anchors.append(frozenset(keys))
            words.append(tuple(ws))
            stems.append(tuple(content_stems(ws, names)))
        out[aid] = sents.assign(anchors=anchors, words=words, stems=stems).reset_index(drop=True)
    return out


def gloss_stems(word: str, names: frozenset[str], senses: int = 3) -> frozenset[str]:
    """The stems of the content words of a Chinese word's first CC-CEDICT senses (its proper names too)."""
    found = lookup(word)
    text = " ".join(found[1][:senses]) if found else ""
    text += " " + " ".join(proper_names(word))
    return frozenset(s for s in content_stems(english_words(text), names) if s)


def places_of(units: dict[str, pd.DataFrame]) -> frozenset[str]:
    """The Chinese place words among the anchors of ``units``."""
    return frozenset(k[6:] for df in units.values() for keys in df["anchors"] for k in keys if k.startswith("place:"))
