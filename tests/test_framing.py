"""Tests for readout.analysis.statements: the Fightin' Words arithmetic, cue matching, kappa, side assembly."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from readout.analysis.agreement import cohen_kappa
from readout.analysis.duplicates import mark_duplicates
from readout.analysis.fightin_words import (
    DEFAULT_ALPHA0,
    background_counts,
    fightin_words,
    framing_terms_table,
    is_name,
    leave_one_out,
    log_odds_dirichlet,
    name_words,
    prior_sweep,
    recompute_z,
    side_texts,
)
from readout.analysis.frames import (
    _frame_cue_hits,
    frame_agreement,
    frames_by_side,
    load_frames,
    term_frames,
    topic_alignment,
)
from readout.analysis.statements import default_layer, side_statements, statements
from readout.text.cues import any_cue_pattern as cue_pattern
from readout.text.cues import find_cues
from readout.text.tokens import count_terms, norm_words, terms, tokenize

# --------------------------------------------------------------------------- hand-computed model
#
# US counts {open: 2, lines: 1} (n_us = 3), China counts {respect: 1, open: 1} (n_china = 2),
# background {open: 4, lines: 2, respect: 2}, alpha0 = 8, so the priors are open 4,
# lines 2, respect 2 (they sum to alpha0 = 8). By hand:
#
#   open:    delta = log((2+4)/(3+8-2-4)) - log((1+4)/(2+8-1-4)) = log(6/5) - log(5/5)
#            var   = 1/(2+4) + 1/(1+4) = 1/6 + 1/5
#   lines:   delta = log((1+2)/(3+8-1-2)) - log((0+2)/(2+8-0-2)) = log(3/8) - log(2/8)
#            var   = 1/3 + 1/2
#   respect: delta = log((0+2)/(3+8-0-2)) - log((1+2)/(2+8-1-2)) = log(2/9) - log(3/7)
#            var   = 1/2 + 1/3
#   full variance for open adds 1/(3+8-2-4) + 1/(2+8-1-4) = 1/5 + 1/5.

US = {"open": 2, "lines": 1}
CN = {"respect": 1, "open": 1}
BG = {"open": 4, "lines": 2, "respect": 2}


def _by_term(t):
    return t.set_index("term")


def test_hand_computed_priors_deltas_and_z():
    t = _by_term(log_odds_dirichlet(US, CN, BG, alpha0=8))
    assert t.loc["open", "prior"] == pytest.approx(4.0)
    assert t.loc["lines", "prior"] == pytest.approx(2.0)
    assert t.loc["respect", "prior"] == pytest.approx(2.0)
    assert t.loc["open", "delta"] == pytest.approx(math.log(6 / 5), abs=1e-12)
    assert t.loc["lines", "delta"] == pytest.approx(math.log(1.5), abs=1e-12)
    assert t.loc["respect", "delta"] == pytest.approx(math.log(14 / 27), abs=1e-12)
    assert t.loc["open", "z"] == pytest.approx(0.301095, abs=1e-6)
    assert t.loc["open", "z"] == pytest.approx(math.log(6 / 5) / math.sqrt(1 / 6 + 1 / 5), abs=1e-12)
    assert t.loc["lines", "z"] == pytest.approx(0.444165, abs=1e-6)
    assert t.loc["respect", "z"] == pytest.approx(-0.719466, abs=1e-6)
    # sorted with the most US-leaning first
    assert list(t.index) == ["lines", "open", "respect"]


def test_full_variance_adds_the_two_remaining_terms():
    t = _by_term(log_odds_dirichlet(US, CN, BG, alpha0=8, variance="full"))
    assert t.loc["open", "var"] == pytest.approx(1 / 6 + 1 / 5 + 1 / 5 + 1 / 5, abs=1e-12)
    assert t.loc["open", "z"] == pytest.approx(0.208226, abs=1e-6)


def test_prior_scales_with_alpha0_and_sums_to_it():
    for a0 in (1, 10, 1000):
        t = log_odds_dirichlet(US, CN, BG, alpha0=a0)
        assert t["prior"].sum() == pytest.approx(a0)
        assert _by_term(t).loc["open", "prior"] == pytest.approx(a0 / 2)


def test_prior_is_restricted_to_the_compared_vocabulary():
    # a background term neither side uses does not take prior mass
    t = log_odds_dirichlet(US, CN, BG | {"unused": 100}, alpha0=8)
    assert "unused" not in set(t["term"])
    assert _by_term(t).loc["open", "prior"] == pytest.approx(4.0)


def test_missing_background_falls_back_to_own_counts():
    t = _by_term(log_odds_dirichlet({"x": 3}, {"y": 1}, {}, alpha0=4))
    assert t.loc["x", "prior"] == pytest.approx(3.0)
    assert t.loc["y", "prior"] == pytest.approx(1.0)


def test_symmetry_swapping_sides_flips_the_sign():
    a = _by_term(log_odds_dirichlet(US, CN, BG, alpha0=8))
    b = _by_term(log_odds_dirichlet(CN, US, BG, alpha0=8))
    np.testing.assert_allclose(a["z"], -b.loc[a.index, "z"], atol=1e-12)


def test_bad_inputs_raise():
    with pytest.raises(ValueError):
        log_odds_dirichlet(US, CN, BG, alpha0=0)
    with pytest.raises(ValueError):
        log_odds_dirichlet(US, {}, BG)
    with pytest.raises(ValueError):
        log_odds_dirichlet(US, CN, BG, variance="exact")


def test_recompute_z_matches_model():
    t = log_odds_dirichlet(US, CN, BG, alpha0=8).rename(columns={"n_i": "n_us", "n_j": "n_china"})
    np.testing.assert_allclose(recompute_z(t), t["z"], atol=1e-12)


# --------------------------------------------------------------------------- tokens and cues


def test_tokenize_keeps_country_us_apart_from_pronoun():
    assert tokenize("The U.S. told us; the US-PRC relationship") == [
        ["the", "u.s.", "told", "us"],
        ["the", "u.s.", "prc", "relationship"],
    ]


def test_terms_drop_stopwords_and_break_bigrams_at_punctuation():
    assert terms("Stop interfering in China’s sovereignty, security and development", 1) == [
        "stop",
        "interfering",
        "china",
        "sovereignty",
        "security",
        "development",
    ]
    assert terms("sovereignty, security and development interests", 2) == ["development interests"]
    assert terms("Qin said on Wednesday that lines of communication matter", 1) == [
        "qin",
        "lines",
        "communication",
        "matter",
    ]


def test_cue_pattern_wildcards_phrases_and_apostrophes():
    p = cue_pattern("communicat*; core interests; China's; de-risk*")
    text = "open communications, “core interests”, China’s view, de-risking"
    assert [m[2] for m in find_cues(text, p)] == ["communications", "core interests", "China’s", "de-risking"]
    assert find_cues("miscommunication", cue_pattern("communicat*")) == []


def test_cue_patterns_do_not_change_with_string_hashing():
    # cues of one length keep the codebook's order: a set's order changes with PYTHONHASHSEED,
    # and with it which of two such cues matches (and the frame counts)
    import os
    import subprocess
    import sys

    script = (
        "from readout.text.cues import any_cue_pattern as cue_pattern\nfrom readout.analysis.frames import load_frames\n"
        "for cues in load_frames()['cue_terms']:\n"
        "    p = cue_pattern(cues)\n"
        "    print(p.pattern if p else '')\n"
    )
    runs = {
        seed: subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert runs["1"] and runs["1"] == runs["2"] == runs["3"]
    p = cue_pattern("abcd; wxy*; efgh")
    assert p.pattern.index("abcd") < p.pattern.index("wxy") < p.pattern.index("efgh")


def test_term_frames_reads_the_words_of_cue_phrases():
    f = pd.DataFrame(
        {
            "frame": ["sov", "comm"],
            "cue_terms": ["internal affairs; interfer*; core interests", "communicat*; lines of communication"],
        }
    )
    assert term_frames("affairs", f) == ["sov"]
    assert term_frames("interfering", f) == ["sov"]
    assert term_frames("communication", f) == ["comm"]
    assert term_frames("lines", f) == ["comm"]
    assert term_frames("of", f) == []  # stopwords in a phrase are not frame words
    assert term_frames("stop interfering", f) == ["sov"]


def test_find_cues_honours_exclusions():
    p, x = cue_pattern("Taiwan"), cue_pattern("China and Taiwan affairs")
    text = "director for China and Taiwan affairs; Taiwan Strait"
    assert [(a, m) for a, _, m in find_cues(text, p, x)] == [(39, "Taiwan")]


# --------------------------------------------------------------------------- kappa


def test_cohen_kappa_hand_computed():
    # p_o = 5/6; coder a: x 3, y 3; coder b: x 2, y 4 -> p_e = (3*2 + 3*4) / 36 = 1/2
    a = ["x", "x", "x", "y", "y", "y"]
    b = ["x", "x", "y", "y", "y", "y"]
    assert cohen_kappa(a, b) == pytest.approx((5 / 6 - 1 / 2) / (1 - 1 / 2))
    assert cohen_kappa(a, a) == pytest.approx(1.0)
    assert cohen_kappa(["x", "y"], ["y", "x"]) == pytest.approx(-1.0)
    assert math.isnan(cohen_kappa(["x", "x"], ["x", "x"]))
    with pytest.raises(ValueError):
        cohen_kappa(["x"], ["x", "y"])


# --------------------------------------------------------------------------- the corpus


@pytest.fixture(scope="module")
def corpus():
    import readout

    return readout.load_corpus()


@pytest.fixture(scope="module")
def pieces(corpus):
    return side_statements(corpus)


def test_pieces_have_exact_offsets(corpus, pieces):
    assert len(pieces) > 0
    for r in pieces.itertuples():
        assert corpus.raw[r.article_id][r.start : r.end] == r.text
    assert set(pieces["kind"]) == {"quote", "paraphrase"}
    assert set(pieces["side"]) <= {"US", "China"}


def test_paraphrase_takes_the_side_of_the_attributed_actor(pieces):
    para = pieces[pieces["kind"] == "paraphrase"]
    # "Qin said Washington should “...”": the paraphrase is China's, the attribution is gone
    qin = para[para["text"].str.contains("stop meddling")]
    assert len(qin) == 1 and qin["side"].iloc[0] == "China" and qin["speaker"].iloc[0] == "Qin Gang"
    assert not qin["text"].iloc[0].startswith("Chinese foreign minister")
    assert "foreign ministry said" not in qin["text"].iloc[0]
    # "..., the State Department said": US
    sched = para[para["text"].str.startswith("Blinken is scheduled to travel")]
    assert sched["side"].tolist() == ["US"] and sched["speaker"].tolist() == ["U.S. Department of State"]
    # the attribution and the speaker's title are not part of the compared text
    assert not para["text"].str.contains(r"according to|assistant secretary of state", case=False).any()
    assert not para["text"].str.contains(r"\b(?:said|told|added)$").any()
    assert not para["text"].str.contains(r"^(?:Qin|Kritenbrink|Blinken) said").any()


def test_every_piece_has_a_layer_and_the_seeds_are_reported_words(pieces):
    assert set(pieces["layer"]) == {"quotation", "paraphrase"}
    assert (pieces.loc[pieces["kind"] == "quote", "layer"] == "quotation").all()
    assert default_layer(pieces) == "quotation"  # no side has an official readout among the seeds


TWO_READOUTS = Path(__file__).parent / "fixtures" / "two_readouts"


@pytest.fixture(scope="module")
def readouts():
    import readout

    corpus = readout.load_corpus(TWO_READOUTS)
    return corpus, side_statements(corpus)


def test_each_readout_speaks_for_its_own_side(readouts):
    corpus, pieces = readouts
    official = pieces[pieces["layer"] == "official"]
    assert set(official.groupby("article_id")["side"].unique().map(tuple)) == {("US",), ("China",)}
    assert official.loc[official["article_id"] == "us_readout", "side"].eq("US").all()
    assert official.loc[official["article_id"] == "cn_readout", "side"].eq("China").all()
    us = " ".join(official.loc[official["article_id"] == "us_readout", "text"])
    cn = " ".join(official.loc[official["article_id"] == "cn_readout", "text"])
    # every sentence of each readout in its own voice, the institutional ones too
    assert "The Secretary stressed the value of keeping every channel" in us
    assert "He made clear that the United States will keep defending" in us
    assert "The Chinese side expressed firm opposition" in cn and "pointed out that the harbour belongs" in cn
    # but not the line naming the spokesperson, nor what both sides agreed, nor a quotation of the other side
    assert "attributable" not in us and "two sides agreed" not in us
    assert "calm and restraint" not in cn
    quoted = pieces[pieces["layer"] == "quotation"]
    assert quoted.set_index("text").loc["calm and restraint", "side"] == "US"
    for r in pieces.itertuples():
        assert corpus.raw[r.article_id][r.start : r.end] == r.text
    assert default_layer(pieces) == "official"


def test_each_transcript_turn_is_its_speakers(readouts):
    _, pieces = readouts
    turns = pieces[pieces["layer"] == "transcript"]
    assert set(turns["article_id"]) == {"briefing"}
    assert set(turns["speaker"]) == {"Oyelaran"} and set(turns["side"]) == {"US"}
    text = " ".join(turns["text"])
    assert "we want the crews home" in text and "keep raising the case" in text
    assert "Does the department expect" not in text  # the reporter's question is nobody's statement
    assert not turns["text"].str.startswith("MS.").any()  # the label is not part of the turn


def test_the_statements_table_lists_every_layer(readouts):
    import readout
    from readout.analysis.statements import STATEMENT_COLUMNS, statements_table

    corpus, _ = readouts
    table = statements_table(corpus)
    assert list(table.columns) == STATEMENT_COLUMNS
    assert set(table["layer"]) == {"official", "transcript", "quotation"}
    assert table["statement_id"].str.endswith(("#official", "#transcript", "#US", "#China")).all()
    assert readout.build_table("statements", corpus).equals(table)


def test_narration_by_a_news_agency_reporter_or_analyst_is_nobodys_statement(tmp_path):
    import readout

    folder = tmp_path / "narration"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks end in Beijing\n\n"
        "Xinhua said the talks had opened a new chapter for the two countries.\n\n"
        "Reuters reported that Washington would send another envoy next month.\n\n"
        "Bonnie Glaser said the visit showed both governments wanted calmer ties.\n\n"
        "Qin Gang said the United States must respect China's core interests.\n",
        encoding="utf-8",
    )
    pieces = side_statements(readout.load_corpus(folder))
    assert pieces["speaker"].tolist() == ["Qin Gang"]
    assert pieces["side"].tolist() == ["China"] and pieces["layer"].tolist() == ["paraphrase"]


def test_congress_and_analysts_are_not_government_statements(pieces):
    assert not pieces["speaker"].isin(["Michael McCaul", "Mike Gallagher", "Bonnie Glaser", "Jessica Chen Weiss"]).any()


def test_shared_copy_counted_once(pieces):
    line = "not going to Beijing with the intent of having some sort of breakthrough"
    same = pieces[pieces["text"].str.contains(line)]
    assert same["article_id"].nunique() >= 3
    assert same["counted"].sum() == 1
    kept = same.loc[same["counted"], "piece_id"].iloc[0]
    assert set(same.loc[~same["counted"], "duplicate_of"]) == {kept}
    # duplicates always point at a counted piece of the same side
    dup = pieces[~pieces["counted"]]
    kept_ids = pieces.set_index("piece_id")
    assert kept_ids.loc[dup["duplicate_of"], "counted"].all()
    assert (kept_ids.loc[dup["duplicate_of"], "side"].values == dup["side"].values).all()


@pytest.fixture(scope="module")
def export(corpus):
    return framing_terms_table(corpus)


def test_export_schema_and_all_terms(corpus, export):
    assert list(export.columns)[:7] == ["term", "order", "n_us", "n_china", "prior", "delta", "z"]
    assert set(export["order"]) == {1, 2}
    texts = side_texts(corpus)
    names = name_words(corpus)  # the parties' names and their people's are left out
    for order in (1, 2):
        vocab = {t for t in count_terms(texts["US"] + texts["China"], order) if not is_name(t, names)}
        sub = export[export["order"] == order]
        assert set(sub["term"]) == vocab  # every term, not just the top
        assert sub["n_us"].sum() == len([t for x in texts["US"] for t in terms(x, order) if not is_name(t, names)])
        assert sub["prior"].sum() == pytest.approx(DEFAULT_ALPHA0)


def test_exported_z_equals_monroe_formula_from_exported_columns(tmp_path, export):
    # round-trip through CSV, then recompute from the exported counts and priors only
    path = tmp_path / "framing_terms.csv"
    export.to_csv(path, index=False)
    back = pd.read_csv(path, keep_default_na=False)
    for _order, sub in back.groupby("order"):
        yi, yj, a = sub["n_us"].astype(float), sub["n_china"].astype(float), sub["prior"]
        ni, nj, a0 = yi.sum(), yj.sum(), a.sum()
        delta = np.log((yi + a) / (ni + a0 - yi - a)) - np.log((yj + a) / (nj + a0 - yj - a))
        z = delta / np.sqrt(1 / (yi + a) + 1 / (yj + a))
        assert np.max(np.abs(z - sub["z"])) < 1e-6
        assert np.max(np.abs(delta - sub["delta"])) < 1e-6


def test_top_china_unigrams_carry_sovereignty_respect_interference(corpus, export):
    uni = export[export["order"] == 1].sort_values("z")
    china_top = list(uni["term"][:20])
    frames = load_frames()
    hits = [t for t in china_top if {"sovereignty", "respect"} & set(term_frames(t, frames))]
    assert len(hits) >= 4, china_top
    assert "respect" in hits


def test_top_us_unigrams_carry_communication_and_risk(corpus, export):
    uni = export[export["order"] == 1].sort_values("z", ascending=False)
    us_top = list(uni["term"][:20])
    frames = load_frames()
    comm = [t for t in us_top if "communication" in term_frames(t, frames)]
    risk = [t for t in us_top if "risk" in term_frames(t, frames)]
    assert len(comm) >= 3 and len(risk) >= 2, us_top
    assert "communication" in comm
    assert (uni["z"] > 0).sum() > 0 and (uni["z"] < 0).sum() > 0


def test_frames_by_side_shares(corpus):
    t = frames_by_side(corpus)
    frames = load_frames()
    assert set(t["frame"]) == set(frames["frame"]) | {"none"}
    for _side, g in t.groupby("side"):
        assert g["primary_share"].sum() == pytest.approx(1.0)
        assert (g["share"] <= 1).all()
    get = t.set_index(["side", "frame"])["share"]
    assert get["China", "sovereignty"] > get["US", "sovereignty"]
    assert get["US", "communication"] > get["China", "communication"]


def test_frames_codebook_is_complete():
    f = load_frames()
    pfc = f[f["family"] == "Policy Frames Codebook"]
    assert set(pfc["frame"]) == {"security", "economic", "political", "legality", "reputation", "morality"}
    assert set(f.loc[f["family"] == "Diplomacy sub-frame", "frame"]) == {
        "communication",
        "competition",
        "sovereignty",
        "respect",
        "responsibility",
        "risk",
        "cooperation",
    }
    assert (f["definition"].str.len() > 40).all()


def test_hand_coding_covers_every_statement_and_kappa_is_library_computed(corpus):
    agr = frame_agreement(corpus)
    # the one hand-coded statement the rules no longer make is narration by a news organisation
    # ("Chinese state media said he was due to visit ..."), which is nobody's statement
    assert agr["unmatched_auto"] == [] and agr["unmatched_hand"] == ["003_08dd639a47279972#19#China"]
    pairs = agr["pairs"]
    assert agr["n"] == len(statements(side_statements(corpus)))
    assert agr["primary_kappa"] == pytest.approx(cohen_kappa(pairs["hand"], pairs["auto"]))
    assert -1 <= agr["primary_kappa"] <= 1


def test_sensitivity_sweep_and_leave_one_out(corpus):
    texts = side_texts(corpus)
    ci, cj = count_terms(texts["US"]), count_terms(texts["China"])
    bg = background_counts(corpus)
    sweep = prior_sweep(ci, cj, bg, alphas=(1, 100, 1000))
    ref = sweep[sweep["alpha0"] == DEFAULT_ALPHA0]
    assert (ref["overlap"] == 1.0).all()
    assert len(sweep) == 6
    loo = leave_one_out(texts["US"], texts["China"], bg, top=10)
    assert len(loo) == 20
    assert loo["kept"].between(0, 1).all()
    assert (loo["worst_rank"] >= loo["rank"]).all()


def test_topic_alignment_table(corpus):
    t = topic_alignment(corpus)
    assert set(t["raised_by"]) <= {"both", "US only", "China only", "neither"}
    row = t.set_index("topic").loc["taiwan"]
    assert row["n_china"] >= 1 and row["n_us"] >= 1 and row["raised_by"] == "both"
    assert t["reading"].str.endswith(".").all()


# --------------------------------------------------------------------------- a hand-made corpus

MINI = {
    "a1.txt": (
        "Blinken heads to Beijing\n\n"
        "Chinese Foreign Minister Qin Gang urged the United States to stop interfering in China\u2019s internal "
        "affairs, China\u2019s foreign ministry said.\n\n"
        "\u201cWe want open lines of communication to reduce the risk of miscalculation,\u201d Kritenbrink said on Wednesday.\n\n"
        "Qin said Washington should \u201cshow respect and stop undermining China\u2019s sovereignty,\u201d the readout said.\n\n"
        "Rep. Michael McCaul said the talks were fruitless.\n"
    ),
    "a2.txt": (
        "US plays down talks\n\n"
        "\u201cWe want open lines of communication to reduce the risk of miscalculation,\u201d Kritenbrink told reporters.\n\n"
        "Blinken is scheduled to travel to China on Friday, the State Department said.\n"
    ),
}


@pytest.fixture()
def mini(tmp_path):
    import readout

    for name, text in MINI.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return readout.load_corpus(tmp_path)


def test_mini_corpus_assembly(mini):
    p = side_statements(mini)
    for r in p.itertuples():
        assert mini.raw[r.article_id][r.start : r.end] == r.text
    got = {(r.article_id, r.side, r.kind, r.text.strip(" ,"), r.counted) for r in p.itertuples()}
    assert got == {
        ("a1", "China", "paraphrase", "the United States to stop interfering in China\u2019s internal affairs", True),
        ("a1", "US", "quote", "We want open lines of communication to reduce the risk of miscalculation", True),
        ("a1", "China", "paraphrase", "Washington should", True),
        ("a1", "China", "quote", "show respect and stop undermining China\u2019s sovereignty", True),
        ("a2", "US", "quote", "We want open lines of communication to reduce the risk of miscalculation", False),
        ("a2", "US", "paraphrase", "Blinken is scheduled to travel to China on Friday", True),
    }
    # McCaul (Congress) is not a government voice
    assert "Michael McCaul" not in set(p["speaker"])
    fw = fightin_words(mini).set_index("term")
    assert fw.loc["communication", "n_us"] == 1  # the repeated quotation counts once
    assert fw.loc["sovereignty", "z"] < 0 < fw.loc["communication", "z"]


def test_one_sided_corpus_fails_clearly(tmp_path):
    import readout

    (tmp_path / "b.txt").write_text(MINI["a2.txt"], encoding="utf-8")
    with pytest.raises(ValueError, match="no China statements"):
        fightin_words(readout.load_corpus(tmp_path))


def test_export_registry_builds_framing_tables(corpus):
    from readout.scale.tables import TABLES, build_table

    assert TABLES["framing_terms"].build == "readout.analysis.fightin_words:framing_terms_table"
    t = build_table("framing_terms", corpus)
    assert list(t.columns)[:7] == ["term", "order", "n_us", "n_china", "prior", "delta", "z"]
    f = build_table("frames_by_side", corpus)
    assert set(f["side"]) == {"US", "China"}


# --------------------------------------------------------------------------- the notebook


def test_notebook_runs_and_shows_the_library_figures(corpus, executed_notebook):
    import nbformat

    from readout.paths import NOTEBOOKS_DIR

    committed = nbformat.read(NOTEBOOKS_DIR / "04-contrast-us-china-framing.ipynb", as_version=4)
    assert committed.cells[0].source.startswith("# ") and "**Question:**" in committed.cells[0].source
    assert "parameters" in committed.cells[1].metadata.get("tags", []) and "CORPUS = None" in committed.cells[1].source
    assert all(
        c.get("execution_count") is None and not c.get("outputs") for c in committed.cells if c.cell_type == "code"
    )
    nb = executed_notebook("04-contrast-us-china-framing")  # executed once by the report build
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(
        o.get("data", {}).get("text/markdown", "") + o.get("data", {}).get("text/plain", "") for o in outputs
    )
    agr = frame_agreement(corpus)
    assert f"Cohen's κ = **{agr['primary_kappa']:.2f}** over {agr['n']} statements" in text
    pieces = side_statements(corpus)
    layer = default_layer(pieces)  # the notebook compares one layer: here, direct quotations
    n = statements(pieces[pieces["layer"] == layer]).groupby("side").size()
    for count, side in ((n["US"], "US"), (n["China"], "Chinese")):
        assert re.search(rf"\*\*{count} (?:<span[^>]*>)?{side}(?:</span>)? statements\*\*", text), (count, side)
    assert "In the top 20 at every prior strength from 1 to 1,000" in text  # the sweep
    assert "refits, one per statement" in text  # leave one out
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4
    closing = nb.cells[-1].outputs[0].data["text/markdown"]
    for caveat in ("A tiny sample", "statements reach us as others report them", "A readout is not a transcript"):
        assert caveat in closing


# --------------------------------------------------------------------------- duplicate marking


def _mark_duplicates_all_pairs(table: pd.DataFrame, share: float, min_words_cross: int = 15) -> tuple[list, list]:
    """The definition of side_statements' duplicate rule, written as the plain all-pairs loop."""
    words = [norm_words(t) for t in table["text"]]

    def grams(w):
        return {tuple(w[k : k + 3]) for k in range(len(w) - 2)} if len(w) >= 3 else {tuple(w)}

    def contained(small, big):
        if len(small) < 3:
            return any(big[k : k + len(small)] == small for k in range(len(big) - len(small) + 1))
        return len(grams(small) & grams(big)) / len(grams(small)) >= share

    rows = table.to_dict("records")
    order = sorted(range(len(rows)), key=lambda i: (-len(words[i]), rows[i]["article_id"], rows[i]["start"]))
    kept, dup_of = [], {}
    for i in order:
        for k in kept:
            a, b = rows[i], rows[k]
            if a["side"] != b["side"]:
                continue
            same_group = (
                not pd.isna(a["copy_group"])
                and a["copy_group"] == b["copy_group"]
                and a["kind"] == b["kind"]
                and a["article_id"] != b["article_id"]
            )
            same_words = (a["speaker"] == b["speaker"] or len(words[i]) >= min_words_cross) and contained(
                words[i], words[k]
            )
            if same_group or same_words:
                dup_of[i] = b["piece_id"]
                break
        else:
            kept.append(i)
    return [i not in dup_of for i in range(len(rows))], [dup_of.get(i) for i in range(len(rows))]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("share", [0.0, 0.5, 0.8, 1.0])
def test_indexed_duplicate_marking_equals_the_all_pairs_rule(seed, share):
    rng = np.random.default_rng(seed)
    vocab = ["open", "lines", "respect", "core", "interests", "taiwan", "stable", "ties", "the", "u.s."]
    rows = []
    for n in range(120):
        length = int(rng.choice([0, 1, 2, 3, 4, 6, 9, 16, 20]))
        if rows and rng.random() < 0.3:  # a copy, or part of one, of an earlier piece
            base = rows[int(rng.integers(len(rows)))]["text"].split()
            text = " ".join(base[int(rng.integers(len(base) + 1)) :]) if base else ""
        else:
            text = " ".join(rng.choice(vocab, size=length))
        rows.append(
            dict(
                piece_id=f"p{n}",
                article_id=f"a{int(rng.integers(8))}",
                start=int(rng.integers(1000)),
                side=str(rng.choice(["US", "China"])),
                kind=str(rng.choice(["quote", "paraphrase"])),
                speaker=str(rng.choice(["Blinken", "Qin", "Wang"])),
                text=text,
                copy_group=int(rng.integers(5)) if rng.random() < 0.3 else None,
            )
        )
    table = pd.DataFrame(rows)
    table["copy_group"] = pd.array(table["copy_group"].tolist(), dtype="Int64")
    counted, dup_of = _mark_duplicates_all_pairs(table, share)
    mark_duplicates(table, share)
    assert table["counted"].tolist() == counted
    assert [None if pd.isna(d) else d for d in table["duplicate_of"]] == dup_of
    assert 0 < sum(counted) < len(counted)  # the sample exercises both outcomes


def test_frame_cue_search_equals_every_frame_pattern_everywhere():
    import random

    frames = load_frames()
    patterns = {f.frame: cue_pattern(f.cue_terms) for f in frames.itertuples()}
    words = [w for cues in frames["cue_terms"] for cue in cues.split(";") for w in cue.replace("*", "").split()]
    words += ["the", "said", "Élan", "ſecurity", "-", "’s", "co-op", "U.S.", ","]
    rng = random.Random(4)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 9))) for _ in range(1500)]
    texts += ["".join(rng.choice(words + [" ", "-", "s"]) for _ in range(rng.randint(0, 6))) for _ in range(1500)]
    with_hits = 0
    for text, found in zip(texts, _frame_cue_hits(texts, frames)):
        expected = {name: h for name, p in patterns.items() if (h := find_cues(text, p))}
        assert found == expected, text
        with_hits += bool(expected)
    assert with_hits > 1000


def test_official_documents_are_known_by_their_shape_when_the_metadata_names_no_kind_or_voice(tmp_path):
    import readout

    folder = tmp_path / "bare"
    folder.mkdir()
    texts = {
        "cn.txt": (
            "Qin Gang Holds Talks with U.S. Secretary of State Antony Blinken\n\n2023-06-18 22:10\n\n"
            "On the afternoon of June 18, 2023, State Councilor and Foreign Minister Qin Gang held talks with U.S. "
            "Secretary of State Antony Blinken in Beijing.\n\nQin Gang said the relationship is at its lowest point. He "
            "stressed that the Taiwan question is at the core of China's core interests.\n"
        ),
        "us.txt": (
            "The Secretary's Travel to the People's Republic of China\n\nPRESS STATEMENT\n\nANTONY J. BLINKEN, "
            "SECRETARY OF STATE\n\nJUNE 19, 2023\n\nI met with senior officials in Beijing this week. We agreed to keep "
            "channels open and to keep working on the issues that divide us.\n"
        ),
        "cn2.txt": (  # no year in the opening
            "Wang Yi Meets with Antony Blinken\n\nUpdated: June 19, 2023 18:40\n\nOn the morning of June 19, Wang Yi, "
            "Director of the Office of the Central Foreign Affairs Commission, met with Antony Blinken in Beijing.\n\n"
            "Wang Yi said the relationship is at a critical juncture.\n"
        ),
        "treasury.txt": (
            "Secretary of the Treasury to Travel to Beijing\n\nPress Releases\n\nThe Secretary will travel to Beijing "
            "next week. She will raise concerns about recent actions against U.S. firms.\n"
        ),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "articles.csv").write_text(
        "article_id,file,outlet,headline,published\n"
        "cn,cn.txt,Chinese Ministry of Foreign Affairs,Qin Gang Holds Talks with U.S. Secretary of State Antony Blinken,"
        "2023-06-18\ncn2,cn2.txt,Chinese Ministry of Foreign Affairs,Wang Yi Meets with Antony Blinken,2023-06-19\n"
        "us,us.txt,U.S. Department of State,The Secretary's Travel to the People's Republic of China,"
        "2023-06-19\ntreasury,treasury.txt,U.S. Department of the Treasury,Secretary of the Treasury to Travel to "
        "Beijing,2023-07-02\n",
        encoding="utf-8",
    )
    corpus = readout.load_corpus(folder)
    kinds = corpus.articles.set_index("article_id")["doc_kind"]
    assert kinds.to_dict() == {
        "cn": "official_readout",
        "cn2": "official_readout",
        "us": "official_statement",
        "treasury": "official_statement",
    }
    official = side_statements(corpus)
    official = official[official["layer"] == "official"]
    assert set(official.groupby("article_id")["side"].unique().map(tuple)) == {("China",), ("US",)}
    assert set(official["article_id"]) == {"cn", "cn2", "us", "treasury"}  # each speaks for its own side
