"""Offline VADER, the diplomatic lexicon extension, the NYT benchmark and per-speaker scores."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import readout
from readout.analysis.agreement import (
    bootstrap_mean_ci,
    grouped_bootstrap,
    pearson_r,
    three_class_accuracy,
)
from readout.analysis.sentiment import (
    SENTIMENT_COLUMNS,
    VARIANTS,
    SentimentError,
    analyzer,
    distinct_scores,
    lexicon_coverage,
    load_diplomatic_lexicon,
    load_nyt_benchmark,
    nyt_benchmark,
    nyt_held_out,
    nyt_split,
    score_sentiment,
    score_texts,
    speaker_sentiment,
)
from readout.analysis.vader import needs_extension


def test_lexicon_file_is_valid_and_covers_the_issue_terms():
    lex = load_diplomatic_lexicon()
    assert lex["term"].is_unique
    assert lex["rationale"].str.len().min() > 20
    for term in ["constructive", "interference", "coercion", "provocation"]:
        assert term in set(lex["term"]), term
    # entries the raters' data contradicts, or that mark a side rather than a tone, are out
    for term in ["candid", "productive", "substantive", "sovereignty", "miscalculation"]:
        assert term not in set(lex["term"]), term
    # none of the extension's terms silently overrides a stock VADER entry
    stock = analyzer("plain").lexicon
    assert not [t for t in lex["term"] if t in stock]


def test_bad_lexicon_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "lex.csv"
    bad.write_text("term,valence,rationale\ncandid,-0.5,ok reason here\nhostile,7,too strong\n", encoding="utf-8")
    with pytest.raises(SentimentError, match=r"lex.csv:3: valence 7"):
        load_diplomatic_lexicon(bad)


def test_extension_changes_scores_in_the_expected_direction():
    plain = score_texts(["The talks were constructive.", "He denounced the coercion."], "plain")
    dip = score_texts(["The talks were constructive.", "He denounced the coercion."], "diplomatic")
    assert plain["compound"].tolist()[0] == 0.0
    assert dip["compound"][0] > 0.3
    assert dip["compound"][1] < plain["compound"][1]


def test_unknown_variant():
    with pytest.raises(SentimentError, match="unknown sentiment variant"):
        analyzer("tweets")


def test_nyt_benchmark_near_published_and_held_out_half_fixed():
    table = nyt_benchmark().set_index("variant")
    assert table.loc["plain", "n"] == 5190
    assert abs(table.loc["plain", "pearson_r"] - 0.50) < 0.02
    assert abs(table.loc["plain", "accuracy_3class"] - 0.54) < 0.02
    # the split is a hash of the sentence id: the same half whatever the lexicon or the file order
    bench = load_nyt_benchmark()
    split = nyt_split(bench["id"])
    assert split.equals(nyt_split(bench["id"][::-1])[::-1].reset_index(drop=True).set_axis(split.index))
    assert 0.45 < (split == "held_out").mean() < 0.55
    held = nyt_held_out(n_boot=200).set_index("measure")
    assert held.loc["pearson_r", "n"] == (split == "held_out").sum()
    assert held.loc["pearson_r", "ci_low"] <= held.loc["pearson_r", "diff"] <= held.loc["pearson_r", "ci_high"]


def test_metric_helpers():
    assert pearson_r([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert math.isnan(pearson_r([1, 1, 1], [1, 2, 3]))
    assert three_class_accuracy([0.5, -0.5, 0.01, 0.2], [0.9, 0.1, -0.02, -0.3]) == 0.5
    mean, low, high = bootstrap_mean_ci([0.0, 1.0] * 10, seed=3)
    assert mean == 0.5 and 0.25 < low < 0.5 < high < 0.75
    assert bootstrap_mean_ci([0.0, 1.0] * 10, seed=3) == (mean, low, high)  # deterministic
    frame = pd.DataFrame({"g": ["a", "a", "b"], "v": [0.2, 0.4, -1.0]})
    table = grouped_bootstrap(frame, "g", "v").set_index("g")
    assert table.loc["a", "n"] == 2 and table.loc["a", "mean"] == pytest.approx(0.3)
    assert table.loc["b", "ci_low"] == table.loc["b", "ci_high"] == -1.0


@pytest.fixture(scope="module")
def scores():
    corpus = readout.load_corpus()
    return corpus, score_sentiment(corpus)


def test_sentiment_table_scores_every_quote_and_sentence_in_both_variants(scores):
    corpus, table = scores
    assert list(table.columns) == SENTIMENT_COLUMNS
    ledger = readout.extract_quotes(corpus)
    analysed = corpus.sentences[corpus.sentences["role"].isin(readout.ANALYSED_ROLES)]
    for variant in VARIANTS:
        part = table[table["variant"] == variant]
        assert (part["unit"] == "quote").sum() == len(ledger)
        assert (part["unit"] == "sentence").sum() == len(analysed)
    for row in table.sample(40, random_state=1).itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.text
    assert table["compound"].between(-1, 1).all()


def test_speaker_means_and_intervals(scores):
    _, table = scores
    per = speaker_sentiment(table)
    quotes = table[(table["unit"] == "quote") & (table["variant"] == "plain")]
    row = per[(per["speaker"] == "Daniel Kritenbrink") & (per["variant"] == "plain")].iloc[0]
    mine = quotes[quotes["speaker"] == "Daniel Kritenbrink"]
    # repeated copy counts once: the same words from him in several reports are one quotation
    key = mine["text"].str.casefold().str.replace(r"[^\w]+", " ", regex=True).str.strip()
    expected = mine.loc[~key.duplicated(), "compound"]
    assert len(expected) < len(mine)
    assert row["n"] == len(expected) and row["mean"] == pytest.approx(expected.mean())
    assert row["n_articles"] == mine.loc[~key.duplicated(), "article_id"].nunique()
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert per.equals(speaker_sentiment(table))  # fixed seed
    # below five distinct quotations, or from one article, no interval: too few to say
    few = per[(per["n"] < 5) | (per["n_articles"] < 2)]
    assert len(few) and few["ci_low"].isna().all() and few["ci_high"].isna().all()


def test_lexicon_coverage_counts_known_tokens():
    cov = lexicon_coverage(["Good constructive talks", "xyzzy"]).set_index("variant")
    assert cov.loc["plain", "tokens"] == 4
    assert cov.loc["plain", "known"] == 1  # "good"
    assert cov.loc["diplomatic", "known"] == 2  # and "constructive"
    assert cov.loc["diplomatic", "coverage"] == 0.5


def _markdown_outputs(nb) -> str:
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("data", {}).get("text/markdown", ""))
    return "\n".join(texts)


def test_notebook_03_prints_the_library_figures(executed_notebook):
    """The notebook runs top to bottom (in the report build) and the numbers it prints are the library's."""
    nb = executed_notebook("03-score-speaker-sentiment")
    text = _markdown_outputs(nb)
    bench = nyt_benchmark().set_index("variant")
    assert f"r = **{bench.loc['plain', 'pearson_r']:.3f}**" in text
    assert f"r = **{bench.loc['diplomatic', 'pearson_r']:.3f}**" in text
    assert f"3-class accuracy = **{bench.loc['plain', 'accuracy_3class']:.3f}**" in text
    assert "The extension does not lower either figure." in text
    corpus = readout.load_corpus()
    ledger = readout.extract_quotes(corpus)
    labels = readout.load_quote_labels()
    overall = readout.evaluate_quotes(ledger, labels).set_index("article_id").loc["ALL"]
    assert f"**{len(ledger)} quotations**" in text
    assert f"Against **{len(labels)} hand-labelled quotations**" in text
    assert f"speaker accuracy **{overall['speaker_accuracy']:.2f}**" in text


# --------------------------------------------------------------------------- fast VADER = nltk's VADER

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.fixture(scope="module")
def nltk_vader():
    """nltk's own analyzers, built as nltk documents: the stock lexicon, and it updated with the extension."""
    from readout.nltk_setup import ensure_nltk_data

    ensure_nltk_data()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    plain, diplomatic = SentimentIntensityAnalyzer(), SentimentIntensityAnalyzer()
    extension = load_diplomatic_lexicon()
    diplomatic.lexicon.update(dict(zip(extension["term"], extension["valence"])))
    return {"plain": plain, "diplomatic": diplomatic}


def _nltk_words(sia, text):
    from nltk.sentiment.vader import SentiText

    return SentiText(text, sia.constants.PUNC_LIST, sia.constants.REGEX_REMOVE_PUNCTUATION).words_and_emoticons


def _bits(scores):
    """The four scores as exact float bit patterns (so 0.0 and -0.0 differ too)."""
    return [float(scores[k]).hex() for k in ("neg", "neu", "pos", "compound")]


_DIPLOMATIC_TERMS = sorted(load_diplomatic_lexicon()["term"])
_RULE_WORDS = [
    # lexicon words, boosters and dampeners, negations, "least", "but", "kind of", idiom parts
    "good",
    "bad",
    "great",
    "hate",
    "love",
    "agree",
    "threat",
    "peace",
    "war",
    "no",
    "yes",
    "ok",
    "very",
    "extremely",
    "so",
    "this",
    "more",
    "most",
    "barely",
    "hardly",
    "sort",
    "kind",
    "of",
    "not",
    "never",
    "isn't",
    "dont",
    "without",
    "nor",
    "least",
    "at",
    "but",
    "the",
    "shit",
    "bomb",
    "bad",
    "ass",
    "yeah",
    "right",
    "cut",
    "mustard",
    "kiss",
    "death",
    "hand",
    "to",
    "mouth",
    "talks",
    "Beijing",
    "Washington",
    "said",
    "I",
    "a",
    "we",
    "café",
    "naïve",
    "’s",
    "U.S.",
]
_MARKS = [
    ".",
    "!",
    "?",
    ",",
    ";",
    ":",
    "-",
    "'",
    '"',
    "!!",
    "!!!",
    "??",
    "???",
    "?!?",
    "!?!",
    "?!?!",
    "!?!?",
    "!!!!",
    "...",
    "'s",
    "”",
    "(",
    ")",
    "--",
    "?!",
]
_EMOTICONS = [":)", ":(", ":D", ":-)", ";)", "<3", ":P", "(:", "):", "=)", "xD", "^_^"]


@st.composite
def _token(draw):
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.sampled_from(_MARKS + _EMOTICONS))
    if kind == 1:  # arbitrary characters, punctuation included
        return draw(st.text(alphabet=st.sampled_from("ab'-!?.,:;()\"’é1"), min_size=1, max_size=6))
    word = draw(st.sampled_from(_DIPLOMATIC_TERMS if kind < 5 else _RULE_WORDS))
    word = draw(st.sampled_from([word, word.upper(), word.title()]))
    before = draw(st.sampled_from([""] * 4 + _MARKS))
    after = draw(st.sampled_from([""] * 3 + _MARKS))
    return before + word + after


# half the texts draw their tokens from a pool of a few, so tokens repeat in new contexts
# (VADER scores a repeated token in the context of its first occurrence)
_tokens = st.one_of(
    st.lists(_token(), max_size=25),
    st.lists(_token(), min_size=1, max_size=5).flatmap(lambda pool: st.lists(st.sampled_from(pool), max_size=25)),
)
_texts = _tokens.flatmap(
    lambda tokens: st.lists(
        st.sampled_from([" ", " ", "  ", "\t", "\n", " \u00a0"]), min_size=len(tokens), max_size=len(tokens)
    ).map(lambda gaps: "".join(g + t for g, t in zip(gaps, tokens)))
)


@pytest.mark.slow  # over a second: left to make test, out of make test-fast
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts)
def test_fast_vader_equals_nltk_on_generated_text(nltk_vader, text):
    for variant, reference in nltk_vader.items():
        fast = analyzer(variant)
        assert fast.sentitext(text).words_and_emoticons == _nltk_words(reference, text)
        assert _bits(fast.polarity_scores(text)) == _bits(reference.polarity_scores(text))
        assert _bits(distinct_scores([text])[variant][text]) == _bits(reference.polarity_scores(text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_texts)
def test_diplomatic_skip_rule_is_exact(nltk_vader, text):
    """Where no token (lower-cased) is an extension term, nltk scores the text alike with both lexicons."""
    terms = analyzer("diplomatic").extension_terms
    sentitext = analyzer("plain").sentitext(text)
    uses_extension = needs_extension(sentitext, terms)
    assert uses_extension == any(w.lower() in terms for w in _nltk_words(nltk_vader["plain"], text))
    if not uses_extension:
        assert _bits(nltk_vader["diplomatic"].polarity_scores(text)) == _bits(nltk_vader["plain"].polarity_scores(text))


def test_skip_rule_looks_at_vader_tokens_not_at_words(nltk_vader):
    terms = analyzer("diplomatic").extension_terms
    plain = analyzer("plain")
    # VADER strips one leading or one trailing mark from a token: these tokens are extension terms ...
    for text in ["CONSTRUCTIVE!!!", "a constructive, talk", "a win-win deal", "Stability?!?", "'coercion"]:
        assert needs_extension(plain.sentitext(text), terms), text
        assert nltk_vader["diplomatic"].polarity_scores(text) != nltk_vader["plain"].polarity_scores(text), text
    # ... these are not (marks on both sides, a run not in VADER's list, a mark inside), so
    # the extension cannot change their scores
    for text in ["a 'constructive' talk", "good ...constructive", "constructive's hate", "re-constructive"]:
        assert not needs_extension(plain.sentitext(text), terms), text
        assert nltk_vader["diplomatic"].polarity_scores(text) == nltk_vader["plain"].polarity_scores(text), text
    assert needs_extension(plain.sentitext("good talks"), frozenset()) is False


def test_repeated_token_is_scored_in_its_first_context(nltk_vader):
    for text in ["not good, good good", "good. Not good", "NOT GOOD but good", "very constructive, not constructive"]:
        for variant, reference in nltk_vader.items():
            assert _bits(analyzer(variant).polarity_scores(text)) == _bits(reference.polarity_scores(text))
    assert analyzer("plain").polarity_scores("not good good")["neg"] > 0.5


def test_split_words_matches_nltk_on_hand_picked_tokens(nltk_vader):
    sia = nltk_vader["plain"]
    text = "'s a ! !!! ?!? :) cat! !cat !cat! cat!!!! ...cat cat... 'cat' \"cat\" U.S. ok. x. .x ’s café, -win-win- kind-of"
    words = analyzer("plain").sentitext(text).words_and_emoticons
    assert words == _nltk_words(sia, text)
    assert words[:8] == ["'s", "!!!", "?!?", ":)", "cat", "cat", "!cat!", "cat!!!!"]


def test_fast_vader_equals_nltk_on_the_nyt_benchmark(nltk_vader):
    texts = load_nyt_benchmark()["text"].tolist()
    assert len(texts) == 5190
    for variant, reference in nltk_vader.items():
        fast = score_texts(texts, variant)
        expected = pd.DataFrame([reference.polarity_scores(t) for t in texts], columns=fast.columns)
        pd.testing.assert_frame_equal(fast, expected, check_exact=True)
        assert (fast["compound"] != 0).sum() > 3000  # the comparison is not between empty scores
    diplomatic = distinct_scores(texts)["diplomatic"]
    changed = [t for t in texts if diplomatic[t] != nltk_vader["plain"].polarity_scores(t)]
    assert len(changed) > 10  # the extension touches the benchmark, so the skip rule was exercised both ways


def test_repeated_texts_are_scored_once_and_in_order(nltk_vader):
    texts = ["We had constructive talks.", "Good!", "We had constructive talks.", "", 3]
    table = score_texts(texts, "diplomatic")
    expected = [nltk_vader["diplomatic"].polarity_scores(str(t)) for t in texts]
    assert table.to_dict("records") == expected
    assert table.loc[0, "compound"] > 0 and table.loc[3, "compound"] == 0.0
    with pytest.raises(SentimentError, match="unknown sentiment variant"):
        score_texts([], "tweets")
