"""Property tests: the loader, sentence splitter, mention finder and quote ledger on arbitrary text.

Hypothesis builds articles from arbitrary Unicode, words, actor names from the
codebook, every kind of quotation mark and every kind of line ending. Whatever
comes in, nothing crashes (a ``CorpusError`` naming the file is the only
allowed failure), every offset gives back its text, quote spans never overlap,
and every non-space character of the file lies in exactly one paragraph.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import readout
from readout.corpus.model import CorpusError
from readout.corpus.roles import split_paragraphs
from readout.corpus.sentences import split_sentences

QUOTE_MARKS = ["“", "”", "‘", "’", '"', "'", "«", "»", "„", "‚", "‹", "›", "「", "」"]
LINE_ENDINGS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\r\r", "\n \n", "\u2028", "\x0c", "\x85"]
WORDS = [
    "Blinken",
    "Antony Blinken",
    "Secretary Blinken",
    "Xi Jinping",
    "Xi",
    "Wang Yi",
    "Wang",
    "Qin Gang",
    "the State Department",
    "China",
    "Beijing",
    "he",
    "she",
    "they",
    "said",
    "told reporters",
    "according to",
    "U.S.",
    "Mr.",
    "Jan.",
    "officials said",
    "the",
    "a",
    "talks",
    "on",
    "Sunday",
    ".",
    ",",
    ":",
    "?",
    "!",
    "—",
    "…",
    "(",
    ")",
    "'90s",
    "China’s",
    "don't",
    "$x$",
    "*",
    "_",
    "`",
    "<b>",
    "&amp;",
]
SPACES = [" ", " ", " ", "  ", "\t", "\u00a0", "\u200b", "\u202e", "\u3000"]

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.sampled_from(LINE_ENDINGS),
    st.sampled_from(SPACES),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6),
)
article_text = st.lists(token, min_size=0, max_size=80).map("".join)

#: READOUT_PROPERTY_EXAMPLES=2000 runs a longer search; the suite default keeps the run to seconds.
EXAMPLES = int(os.environ.get("READOUT_PROPERTY_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(texts: list[str], bom: bool = False):
    """Write ``texts`` as a.txt, b.txt, ... in a fresh folder and load it (or return the CorpusError)."""
    folder = Path(tempfile.mkdtemp(prefix="readout-prop-"))
    for i, text in enumerate(texts):
        data = text.encode("utf-8")
        (folder / f"{chr(97 + i)}.txt").write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    try:
        return readout.load_corpus(folder)
    except CorpusError as exc:
        return exc


def _check_offsets(corpus, table, text_column="text"):
    for row in table.itertuples(index=False):
        assert corpus.raw[row.article_id][row.start : row.end] == getattr(row, text_column), row


# --------------------------------------------------------------------------- sentence splitter


@FAST
@given(article_text)
@example("He said “no.” Then left.")
@example("“Quote.”\r\n’")
def test_sentences_cover_the_paragraph(text):
    spans = split_sentences(text)
    last = 0
    for start, end in spans:
        assert 0 <= last <= start < end <= len(text)  # in order, non-empty, no overlap
        last = end
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not missing, [text[i] for i in missing]


@settings(max_examples=max(EXAMPLES, 300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        article_text,
        st.lists(st.sampled_from(["a", "b", " ", ".", "?", "!", "”", ")", "\n"]), max_size=14).map("".join),
    )
)
@example("Mr. Smith")
@example("x!)")
@example("Hello.")
def test_sentence_memo_and_shortcut_give_punkt_spans(text):
    from readout.corpus.sentences import _punkt_spans

    assert split_sentences(text) == list(_punkt_spans(text))
    assert split_sentences(text) == list(_punkt_spans(text))  # a second call, from the memo


@FAST
@given(article_text)
def test_paragraphs_cover_every_character(text):
    spans = split_paragraphs(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        last = end
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())


# --------------------------------------------------------------------------- loader


@FAST
@given(st.lists(article_text, min_size=1, max_size=3), st.booleans())
@example(["\x00abc"], False)
@example(["  \n\r\n "], True)
@example(["", "\x00"], True)  # a file holding only a byte-order mark is empty
def test_loader_never_crashes_and_offsets_give_back_text(texts, bom):
    result = _load(texts, bom)
    if isinstance(result, CorpusError):
        # Only empty or binary files may stop the load, and every one of them is named.
        bad = [f"{chr(97 + i)}.txt" for i, t in enumerate(texts) if not t.encode().strip() or "\x00" in t]
        assert bad, result
        for name in bad:
            assert any(name in p for p in result.problems), (name, result.problems)
        return
    corpus = result
    assert len(corpus.articles) == len(texts)
    for i, text in enumerate(texts):
        assert corpus.raw[chr(97 + i)] == text  # BOM removed, line endings untouched
    _check_offsets(corpus, corpus.paragraphs)
    _check_offsets(corpus, corpus.sentences)
    # Every paragraph is accounted for: every non-space character lies in exactly one paragraph,
    # and every paragraph's non-space characters lie in exactly one of its sentences.
    for aid, raw in corpus.raw.items():
        owner = [0] * len(raw)
        for p in corpus.paragraphs[corpus.paragraphs["article_id"] == aid].itertuples():
            for k in range(p.start, p.end):
                owner[k] += 1
        assert all(owner[k] == 1 for k, ch in enumerate(raw) if not ch.isspace()), aid
        sents = corpus.sentences[corpus.sentences["article_id"] == aid]
        assert sents["sent_id"].tolist() == list(range(len(sents)))
        in_sentence = [0] * len(raw)
        for s in sents.itertuples():
            para = corpus.paragraphs[
                (corpus.paragraphs["article_id"] == aid) & (corpus.paragraphs["para_id"] == s.para_id)
            ].iloc[0]
            assert para.start <= s.start < s.end <= para.end
            for k in range(s.start, s.end):
                in_sentence[k] += 1
        assert all(in_sentence[k] == 1 for k, ch in enumerate(raw) if not ch.isspace()), aid
    from readout.corpus.roles import ROLES

    assert set(corpus.paragraphs["role"]) <= set(ROLES)


# --------------------------------------------------------------------------- mentions and quotes


@settings(max_examples=max(10, EXAMPLES * 2 // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article_text, min_size=1, max_size=2))
@example(['Blinken said “We’re here.” He said: ‘Ok’ and "more\nlines"\r\n\r\n“Unclosed and Xi'])
@example(["“a “b” c”"])
def test_mentions_and_quotes_give_back_their_text(texts):
    corpus = _load(texts)
    if isinstance(corpus, CorpusError):
        return  # covered by the loader property
    mentions = readout.find_mentions(corpus)
    _check_offsets(corpus, mentions, "surface")
    sentences = corpus.sentences.set_index(["article_id", "sent_id"])
    for m in mentions.itertuples(index=False):
        s = sentences.loc[(m.article_id, m.sent_id)]
        assert s.start <= m.start < s.end, m  # sent_id names the sentence holding its first character
    quotes = readout.extract_quotes(corpus)
    _check_offsets(corpus, quotes)
    paragraphs = corpus.paragraphs.set_index(["article_id", "para_id"])
    for aid, group in quotes.groupby("article_id"):
        ordered = group.sort_values("start")
        assert (ordered["start"].to_numpy()[1:] >= ordered["end"].to_numpy()[:-1]).all(), "quote spans overlap"
        for q in ordered.itertuples(index=False):
            para = paragraphs.loc[(aid, q.para_id)]
            assert para.start <= q.start < q.end <= para.end
    assert quotes["quote_id"].is_unique
    assert set(quotes["kind"]) <= {"full", "partial", "scare"}


@pytest.mark.parametrize("text", ["“", "”“", "\"'", "‘’", "'", "\r\n“\r\n”"])
def test_quote_marks_alone_do_not_crash(text):
    corpus = _load([f"Headline\n\nBody {text} said Blinken."])
    quotes = readout.extract_quotes(corpus)
    _check_offsets(corpus, quotes)


# --------------------------------------------------------------------------- roles with any metadata headline

#: lines a site rule or a generic detector always takes out of the article, wherever they stand
FURNITURE_LINES = [
    "Share",
    "SUBSCRIBE NOW",
    "Read More: Talks resume",
    "read more: talks resume",
    "An official website of the United States government",
    "Here’s how you know",
    "5 minute read",
    "Updated: June 20, 2023 19:30",
    "(Web editor: Chen Lin)",
    "Editor: Liu Yang",
    "Photo: Jane Lee/Reuters",
    "Tags: China, Trade",
    "Home > News > World",
    "World | Asia | Business",
    "Sign up for our daily briefing",
    "Follow us on X for more news!",
    "We use cookies to improve your experience.",
    "Advertisement",
    "###",
]
BODY_LINES = [
    "Blinken met Xi in Beijing on Monday.",
    "The two sides agreed to keep talking, officials said.",
    "“We are here to talk,” he said.",
    "Trade was also on the agenda.",
]
TITLE_WORDS = ["Blinken", "meets", "Xi", "in", "Beijing", "talks", "trade", "Hanoi", "steady", "ties"]
SEPARATORS = ["\n\n", "\n", "\r\n\r\n", "\n \n", "\n\n\n"]

title = st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=8).map(" ".join)
line = st.one_of(st.sampled_from(FURNITURE_LINES), st.sampled_from(BODY_LINES), title, article_text)


@st.composite
def page_and_headline(draw):
    """A page (furniture before and after, single and double newlines, empty lines) and its metadata headline.

    The headline is given and in the text, given and repeated, given but not in the text,
    empty, or the article has no metadata row at all (None).
    """
    headline = draw(title)
    before = draw(st.lists(st.sampled_from(FURNITURE_LINES), max_size=4))
    body = draw(st.lists(line, max_size=8))
    after = draw(st.lists(st.sampled_from(FURNITURE_LINES), max_size=4))
    mode = draw(st.sampled_from(["given", "repeated", "not in text", "empty", "no row"]))
    lines = [*before, *([headline] if mode != "not in text" else []), *body]
    if mode == "repeated":
        lines.append(headline)
    lines += after
    text = ""
    for piece in lines:
        text += piece + draw(st.sampled_from(SEPARATORS))
    meta = {"given": headline, "repeated": headline, "not in text": draw(title) + " extra", "empty": ""}.get(mode)
    return text, meta, lines


def _load_with_headline(text: str, headline: str | None):
    import csv
    import io

    folder = Path(tempfile.mkdtemp(prefix="readout-prop-"))
    (folder / "a.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "b.txt").write_text("Other page\n\nShare\n\nIt is about something else.\n", encoding="utf-8")
    if headline is not None:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["article_id", "file", "outlet", "headline"])
        writer.writerow(["a", "a.txt", "Same outlet", headline])
        writer.writerow(["b", "b.txt", "Same outlet", "Other page"])
        (folder / "articles.csv").write_text(out.getvalue(), encoding="utf-8")
    try:
        return readout.load_corpus(folder)
    except CorpusError as exc:
        return exc


@FAST
@given(page_and_headline())
@example(
    ("Share\n\nBlinken meets Xi\n\nBlinken met Xi in Beijing on Monday.\n\nBlinken meets Xi\n", "Blinken meets Xi", [])
)
@example(("\n\n\n", "", []))
@example(("Tags: China\nShare\nAdvertisement\n", None, []))
def test_every_paragraph_gets_a_role_whatever_the_headline(case):
    from readout.corpus.model import ANALYSED_ROLES
    from readout.corpus.roles import ROLES

    text, headline, _ = case
    result = _load_with_headline(text, headline)
    if isinstance(result, CorpusError):
        assert not text.strip() or "\x00" in text, result  # only an empty or binary page may stop the load
        assert any("a.txt" in p for p in result.problems), result.problems
        return
    corpus = result
    paras = corpus.paragraphs[corpus.paragraphs["article_id"] == "a"]
    assert len(paras) == len(split_paragraphs(text))
    assert set(paras["role"]) <= set(ROLES)
    assert paras["role_basis"].str.len().min() > 3
    _check_offsets(corpus, corpus.paragraphs)
    sents = corpus.sentences.merge(corpus.paragraphs, on=["article_id", "para_id"], suffixes=("", "_p"))
    assert (sents["role"] == sents["role_p"]).all()  # sentences carry their paragraph's role
    # known furniture is never analysed text, whether above or below the headline
    assert not paras[paras["text"].isin(FURNITURE_LINES)]["role"].isin(ANALYSED_ROLES).any()
    # a metadata headline standing as its own paragraph is the headline, and said to be
    if headline and any(" ".join(t.split()).casefold() == " ".join(headline.split()).casefold() for t in paras["text"]):
        heads = paras[paras["role_basis"] == "metadata headline"]
        assert len(heads) == 1 and heads["role"].iloc[0] == "headline"
    assert (paras["role"] == "headline").sum() >= 1 or paras["role"].ne("body").all()
