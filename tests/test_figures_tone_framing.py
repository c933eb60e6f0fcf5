"""The figures of the tone (03) and framing (04) notebooks read right: computed on the bundled corpus,
every text is at least 8 pt and readable on white, tick labels print no mathtext source, axis titles are
words (no "/" or "_"), and a mean with no interval gets no interval line."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import readout  # noqa: E402
from readout.analysis.fightin_words import FDR, background_counts, fightin_words, prior_sweep, side_texts  # noqa: E402
from readout.analysis.frames import frames_by_side, load_frames  # noqa: E402
from readout.analysis.reliability import tone_agreement  # noqa: E402
from readout.analysis.sentiment import distinct_quotes, score_sentiment, speaker_sentiment  # noqa: E402
from readout.analysis.statements import SIDES  # noqa: E402
from readout.plots import raw_mathtext_labels, use_report_style  # noqa: E402
from readout.plots.framing import (  # noqa: E402
    distinctive_terms_figure,
    frame_shares_figure,
    prior_sweep_figure,
    significance_cut,
)
from readout.plots.tone import (  # noqa: E402
    agreement_figure,
    contrast_ratio,
    quotations_per_speaker_figure,
    side_tone_figure,
    speaker_tone_figure,
    text_colour,
)
from readout.text.tokens import count_terms  # noqa: E402


@pytest.fixture(scope="module")
def scores(corpus):
    return score_sentiment(corpus)


@pytest.fixture(scope="module")
def side_of(corpus):
    ledger = readout.extract_quotes(corpus)
    return ledger.drop_duplicates("speaker").set_index("speaker")["speaker_side"]


def _tone_figures(scores, side_of):
    distinct = distinct_quotes(scores[scores["variant"] == "plain"])
    counts = (
        distinct.groupby(["speaker", "speaker_side"])
        .size()
        .rename("n")
        .reset_index()
        .rename(columns={"speaker_side": "side"})
    )
    per_speaker = speaker_sentiment(scores).assign(side=lambda t: t["speaker"].map(side_of))
    return {
        "quotations per speaker": quotations_per_speaker_figure(counts),
        "tone per speaker": speaker_tone_figure(per_speaker, "plain", "diplomatic"),
        "tone per side": side_tone_figure(speaker_sentiment(scores, by="speaker_side"), "plain", "diplomatic", SIDES),
        "raters": agreement_figure(tone_agreement(n_boot=200), "Raters"),
    }


def _framing_figures(corpus):
    texts = side_texts(corpus)
    sweep = prior_sweep(count_terms(texts["US"]), count_terms(texts["China"]), background_counts(corpus, 1), top=20)
    sweep["side"] = sweep["side"].map({"i": SIDES[0], "j": SIDES[1]})
    wide = sweep.pivot(index="alpha0", columns="side", values="overlap")[list(SIDES)]
    frames = load_frames(corpus=corpus)
    by_side = frames_by_side(corpus)
    share = by_side.pivot(index="frame", columns="side", values="share").reindex(frames["frame"])[list(SIDES)]
    n = by_side.drop_duplicates("side").set_index("side")["n_statements"].to_dict()
    return {
        "unigrams": distinctive_terms_figure(fightin_words(corpus, 1), SIDES),
        "bigrams": distinctive_terms_figure(fightin_words(corpus, 2), SIDES, label=8),
        "prior sweep": prior_sweep_figure(wide, 100, 20),
        "frame shares": frame_shares_figure(share.set_axis(frames["label"].tolist()), n),
    }


@pytest.fixture(scope="module")
def figures(corpus, scores, side_of):
    use_report_style()
    made = {**_tone_figures(scores, side_of), **_framing_figures(corpus)}
    for fig in made.values():
        fig.canvas.draw()
    yield made
    for fig in made.values():
        plt.close(fig)


NAMES = [
    "quotations per speaker",
    "tone per speaker",
    "tone per side",
    "raters",
    "unigrams",
    "bigrams",
    "prior sweep",
    "frame shares",
]


def _texts(fig):
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", NAMES)
def test_no_raw_mathtext_in_tick_labels(figures, name):
    assert raw_mathtext_labels(figures[name]) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_text_is_at_least_8_points(figures, name):
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(figures[name]) if t.get_fontsize() < 8]
    assert small == []


@pytest.mark.parametrize("name", NAMES)
def test_axis_titles_are_words(figures, name):
    labels = [label for ax in figures[name].axes for label in (ax.get_xlabel(), ax.get_ylabel()) if label]
    assert labels, "every figure names its axes"
    assert [label for label in labels if "/" in label or "_" in label] == []


@pytest.mark.parametrize("name", NAMES)
def test_text_is_readable_on_white(figures, name):
    """Every label sits on white (value labels go beyond their bars, not on hatched or light fills)."""
    faint = [
        (t.get_text(), t.get_color())
        for t in _texts(figures[name])
        if contrast_ratio(matplotlib.colors.to_hex(t.get_color()), "white") < 4.5
    ]
    assert faint == []


def test_a_speaker_with_no_interval_gets_no_interval_line(figures, scores):
    per_speaker = speaker_sentiment(scores)
    with_interval = int(per_speaker["ci_low"].notna().sum())  # both lexicons' rows
    assert 0 < with_interval < len(per_speaker)
    ax = figures["tone per speaker"].axes[0]
    lines = sum(len(c.get_segments()) for c in ax.collections if isinstance(c, LineCollection))
    assert lines == with_interval
    notes = [t.get_text() for t in _texts(figures["tone per speaker"])]
    assert notes.count("too few for an interval") == int(
        per_speaker[per_speaker["variant"] == "plain"]["ci_low"].isna().sum()
    )


def test_distinctive_terms_marks_only_terms_under_the_corrected_threshold():
    use_report_style()
    table = pd.DataFrame(
        {
            "term": ["alpha", "beta", "gamma", "delta"],
            "n_us": [9, 4, 1, 0],
            "n_china": [0, 1, 2, 8],
            "z": [3.5, 1.2, -0.4, -3.1],
            "q": [0.001, 0.4, 0.8, 0.01],
        }
    )
    assert significance_cut(table) == pytest.approx(3.1)
    fig = distinctive_terms_figure(table, SIDES, label=2)
    ax = fig.axes[0]
    diamonds = [c for c in ax.collections if len(c.get_offsets()) and c.get_sizes()[0] == 34]
    assert sum(len(c.get_offsets()) for c in diamonds) == 2
    dashed = sorted(round(line.get_ydata()[0], 3) for line in ax.get_lines() if line.get_linestyle() == "--")
    assert dashed == [-3.1, 3.1]
    plt.close(fig)
    none = distinctive_terms_figure(table.assign(q=1.0), SIDES, label=2)
    notes = " ".join(t.get_text() for t in _texts(none))
    assert f"no term has q < {FDR:g}" in notes
    assert not [line for line in none.axes[0].get_lines() if line.get_linestyle() == "--"]
    plt.close(none)


def test_side_colours_are_darkened_only_as_far_as_text_needs():
    for colour in ("#D55E00", "#0072B2", "#999999"):
        darker = text_colour(colour)
        assert contrast_ratio(darker, "white") >= 4.5
        assert math.isclose(contrast_ratio(text_colour("#000000"), "white"), 21.0, rel_tol=1e-3)
    assert text_colour("#0072B2") == "#0072b2"  # already readable: unchanged
