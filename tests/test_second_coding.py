"""Reliability of the hand codings: two tone raters, and a second coder of speakers and frames."""

from __future__ import annotations

import math

import numpy as np

from readout.analysis.reliability import (
    frame_agreement_second_coder,
    krippendorff_alpha_interval,
    lexicon_evidence,
    speaker_agreement,
    tone_agreement,
    tone_ratings,
)


def test_krippendorff_alpha_by_hand():
    # units (1,2), (2,3), (3,4): D_o = 6/6 = 1; values 1,2,2,3,3,4 give D_e = 66/30 = 2.2
    assert math.isclose(krippendorff_alpha_interval(np.array([[1, 2], [2, 3], [3, 4.0]])), 1 - 1 / 2.2)
    assert krippendorff_alpha_interval(np.array([[1, np.nan], [2, 2.0]])) != krippendorff_alpha_interval(
        np.array([[1, 3], [2, 2.0]])
    )


def test_both_raters_rated_every_item_on_the_scale():
    t = tone_ratings()
    assert len(t) >= 100 and t[["rater_a", "rater_b"]].notna().all().all()
    assert t[["rater_a", "rater_b"]].isin([-2, -1, 0, 1, 2]).all().all()


def test_tone_agreement_reports_alpha_and_each_lexicon_with_intervals():
    table = tone_agreement(n_boot=200).set_index("measure")
    alpha = table.loc["raters' Krippendorff's alpha (interval)"]
    assert alpha["ci_low"] <= alpha["value"] <= alpha["ci_high"] and alpha["value"] > 0.667
    for variant in ("plain", "diplomatic"):
        row = table.loc[f"{variant} lexicon: Pearson r with the raters' mean"]
        assert row["ci_low"] <= row["value"] <= row["ci_high"]


def test_second_coder_agreement_with_intervals():
    speakers = speaker_agreement(n_boot=200)
    assert (
        speakers["n"] >= 100 and speakers["speaker_ci"][0] <= speakers["speaker_agreement"] <= speakers["speaker_ci"][1]
    )
    frames = frame_agreement_second_coder(n_boot=200)
    assert frames["n"] >= 60 and frames["kappa_ci"][0] <= frames["kappa"] <= frames["kappa_ci"][1]


def test_every_lexicon_entry_has_its_evidence_listed():
    ev = lexicon_evidence()
    assert ev["term"].is_unique and len(ev) >= 20
    row = ev.set_index("term").loc["interfering"]
    assert row["n_rated"] >= 2 and row["raters_mean"] < -1
