"""The brief says only what holds: every difference and every distinctive term is worded as its
interval or its corrected test allows, and the claims table behind it is recomputable."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from readout.analysis.agreement import cluster_bootstrap_diff_ci, interval_reading
from readout.analysis.fightin_words import FDR, benjamini_hochberg
from readout.analysis.sentiment import side_difference
from readout.reports.brief import write_brief
from readout.reports.claims import CLAIM_COLUMNS, check_claims, claims_table
from readout.reports.findings import difference_words


@pytest.fixture(scope="module")
def brief(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    _, analyses = write_brief(out, corpus, "seeds")
    return out, analyses


def test_the_claims_table_is_written_beside_the_brief_and_passes_its_check(brief):
    out, analyses = brief
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    assert list(claims.columns) == CLAIM_COLUMNS and len(claims) == sum(len(a.findings) for a in analyses)
    assert check_claims(claims) == []
    assert set(claims["kind"]) >= {"difference", "distinctive"}


def test_the_check_fails_on_an_unsupported_difference_worded_as_a_finding():
    bad = pd.DataFrame(
        [["03", "US quotations score higher than Chinese ones.", "0.12", "difference", "CI -0.2 to 0.4", "", False]],
        columns=CLAIM_COLUMNS,
    )
    assert len(check_claims(bad)) == 2
    worse = bad.assign(kind="distinctive", claim="The most distinctive US word is \u201cdialogue\u201d.")
    assert check_claims(worse)


def test_the_tone_difference_follows_its_interval_recomputed_from_the_export(brief, corpus):
    out, _ = brief
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    row = claims[claims["kind"] == "difference"].iloc[0]
    import readout

    scores = readout.score_sentiment(corpus)
    variant = "diplomatic" if "diplomatic extension, which beats" in row["claim"] else "plain"
    diff = side_difference(scores, variant)
    assert (row["supported"] == "True") == (diff["reading"] in ("higher", "lower"))
    assert f"{diff['ci_low']:+.2f} to {diff['ci_high']:+.2f}" in row["uncertainty"]


def test_distinctive_terms_are_only_those_under_the_corrected_threshold(brief, corpus):
    out, _ = brief
    claims = pd.read_csv(out / "claims.csv", dtype=str, keep_default_na=False)
    row = claims[claims["kind"] == "distinctive"].iloc[0]
    import readout
    from readout.analysis.fightin_words import framing_terms_table

    terms = framing_terms_table(readout.load_corpus())
    assert (row["supported"] == "True") == bool((terms["q"] < FDR).any())


def test_wording_of_a_difference_follows_the_reading():
    assert "cannot be told apart" in difference_words(interval_reading(-0.1, 0.3), "US", "Chinese")
    assert "too few" in difference_words(interval_reading(math.nan, math.nan), "US", "Chinese")
    assert difference_words("higher", "US", "Chinese").startswith("US quotations score higher")


def test_benjamini_hochberg_matches_a_hand_computation():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    q = benjamini_hochberg(p)
    # p_(k) * m / k, running minimum from the top: 0.01, 0.04, then 0.084 for k = 3..5
    assert q[:2].round(3).tolist() == [0.01, 0.04] and q[2:5].round(3).tolist() == [0.084, 0.084, 0.084]
    assert (q >= p).all() and q.max() <= 1


def test_a_cluster_interval_is_wider_than_the_naive_one_when_articles_repeat_themselves():
    rng = np.random.default_rng(3)
    article_effect = {k: rng.normal(0, 0.4) for k in "abcdef"}
    clusters = [k for k in "abcdef" for _ in range(8)]
    a = [article_effect[k] + rng.normal(0.1, 0.05) for k in clusters]
    b = [article_effect[k] + rng.normal(0.0, 0.05) for k in clusters]
    d, lo, hi = cluster_bootstrap_diff_ci(a, clusters, b, clusters)
    assert lo < d < hi and not math.isnan(lo)
    few = cluster_bootstrap_diff_ci(a[:3], clusters[:3], b[:3], clusters[:3])
    assert math.isnan(few[1]) and interval_reading(few[1], few[2]) == "too few"


def test_claims_table_columns_are_documented():
    assert claims_table([]).columns.tolist() == CLAIM_COLUMNS
