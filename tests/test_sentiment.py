"""Offline VADER, the diplomatic lexicon extension, the NYT benchmark and per-speaker scores."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import readout
from readout import sentiment
from readout.evaluate import bootstrap_mean_ci, grouped_bootstrap, pearson_r, three_class_accuracy


def test_lexicon_file_is_valid_and_covers_the_issue_terms():
    lex = sentiment.load_diplomatic_lexicon()
    assert lex["term"].is_unique
    assert lex["rationale"].str.len().min() > 20
    for term in ["candid", "constructive", "productive", "interference", "sovereignty", "coercion", "provocation"]:
        assert term in set(lex["term"]), term
    # none of the extension's terms silently overrides a stock VADER entry
    stock = sentiment.analyzer("plain").lexicon
    assert not [t for t in lex["term"] if t in stock]


def test_bad_lexicon_is_reported_with_file_and_line(tmp_path):
    bad = tmp_path / "lex.csv"
    bad.write_text("term,valence,rationale\ncandid,-0.5,ok reason here\nhostile,7,too strong\n", encoding="utf-8")
    with pytest.raises(sentiment.SentimentError, match=r"lex.csv:3: valence 7"):
        sentiment.load_diplomatic_lexicon(bad)


def test_extension_changes_scores_in_the_expected_direction():
    plain = sentiment.score_texts(["The talks were constructive.", "He denounced the coercion."], "plain")
    dip = sentiment.score_texts(["The talks were constructive.", "He denounced the coercion."], "diplomatic")
    assert plain["compound"].tolist()[0] == 0.0
    assert dip["compound"][0] > 0.3
    assert dip["compound"][1] < plain["compound"][1]


def test_unknown_variant():
    with pytest.raises(sentiment.SentimentError, match="unknown sentiment variant"):
        sentiment.analyzer("tweets")


def test_nyt_benchmark_near_published_and_extension_does_not_lower_it():
    table = sentiment.nyt_benchmark().set_index("variant")
    assert table.loc["plain", "n"] == 5190
    assert abs(table.loc["plain", "pearson_r"] - 0.50) < 0.02
    assert abs(table.loc["plain", "accuracy_3class"] - 0.54) < 0.02
    assert table.loc["diplomatic", "pearson_r"] >= table.loc["plain", "pearson_r"]
    assert table.loc["diplomatic", "accuracy_3class"] >= table.loc["plain", "accuracy_3class"]


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
    return corpus, sentiment.score_sentiment(corpus)


def test_sentiment_table_scores_every_quote_and_sentence_in_both_variants(scores):
    corpus, table = scores
    assert list(table.columns) == sentiment.SENTIMENT_COLUMNS
    ledger = readout.extract_quotes(corpus)
    analysed = corpus.sentences[corpus.sentences["role"].isin(readout.ANALYSED_ROLES)]
    for variant in sentiment.VARIANTS:
        part = table[table["variant"] == variant]
        assert (part["unit"] == "quote").sum() == len(ledger)
        assert (part["unit"] == "sentence").sum() == len(analysed)
    for row in table.sample(40, random_state=1).itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.text
    assert table["compound"].between(-1, 1).all()


def test_speaker_means_and_intervals(scores):
    _, table = scores
    per = sentiment.speaker_sentiment(table)
    quotes = table[(table["unit"] == "quote") & (table["variant"] == "plain")]
    row = per[(per["speaker"] == "Daniel Kritenbrink") & (per["variant"] == "plain")].iloc[0]
    expected = quotes.loc[quotes["speaker"] == "Daniel Kritenbrink", "compound"]
    assert row["n"] == len(expected) and row["mean"] == pytest.approx(expected.mean())
    assert row["ci_low"] <= row["mean"] <= row["ci_high"]
    assert per.equals(sentiment.speaker_sentiment(table))  # fixed seed


def test_lexicon_coverage_counts_known_tokens():
    cov = sentiment.lexicon_coverage(["Good constructive talks", "xyzzy"]).set_index("variant")
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
    bench = sentiment.nyt_benchmark().set_index("variant")
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
