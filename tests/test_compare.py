"""Source comparison: topic codebook, similarity, quote fidelity and outlet profiles."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from conftest import load_texts as _write
from readout.analysis.fidelity import compare_wording, quote_fidelity
from readout.analysis.outlets import (
    _count_inside,
    _word_bounds,
    add_shared_copy,
    first_actors,
    outlet_profiles,
    profile_rows,
    quoted_share,
)
from readout.analysis.reuse import find_reuse, flag_shared_copy
from readout.analysis.similarity import lexical_overlap, tfidf_matrix, tfidf_similarity
from readout.analysis.topics import (
    HIT_COLUMNS,
    article_topics,
    load_topics,
    score_topic_agreement,
    topic_agreement,
    topic_hits,
)
from readout.reports.evidence_html import fidelity_html
from readout.text.cues import _fold, cue_pattern, split_cell


@pytest.fixture(scope="module")
def seeds(corpus):
    return corpus


# ---------------------------------------------------------------- topics


def test_codebook_has_every_agenda_topic():
    book = load_topics()
    assert list(book.columns) == ["topic", "label", "cues", "exclude", "notes"]
    assert set(book.topic) == {
        "taiwan",
        "balloon",
        "military_communication",
        "fentanyl",
        "climate",
        "trade_tech",
        "human_rights",
        "detained_americans",
        "russia_ukraine",
        "summit_apec",
        "south_china_sea",
    }
    assert book.topic.is_unique and (book.cues.str.len() > 0).all()


def test_codebook_errors_name_the_file(tmp_path):
    bad = tmp_path / "topics.csv"
    bad.write_text("topic,label,cues\nx,X,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"topics.csv, line 2: topic 'x' has no cue"):
        load_topics(bad)
    bad.write_text("topic,label\nx,X\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        load_topics(bad)


def test_cue_pattern_whole_words_wildcards_and_apostrophes():
    assert cue_pattern("chip*").search("US curbs on chips").group() == "chips"
    assert cue_pattern("trade").search("a trader said") is None
    assert cue_pattern("military-to-military").search("open military to military talks")
    assert cue_pattern("Russia's").search("Russia’s war").group() == "Russia’s"


def test_topic_hits_carry_evidence_and_exact_offsets(tmp_path):
    corpus = _write(
        tmp_path,
        {
            "a": "Talks on Taiwan\n\nThey discussed the Taiwan Strait and fentanyl. Sarah Beran directs China and Taiwan affairs.\n",
        },
    )
    book = pd.DataFrame(
        {
            "topic": ["taiwan", "fentanyl"],
            "label": ["Taiwan", "Fentanyl"],
            "cues": ["Taiwan;Taiwan Strait", "fentanyl"],
            "exclude": ["China and Taiwan affairs", ""],
            "notes": ["", ""],
        }
    )
    hits = topic_hits(corpus, book)
    assert hits[["topic", "matched"]].values.tolist() == [
        ["taiwan", "Taiwan"],
        ["taiwan", "Taiwan Strait"],
        ["fentanyl", "fentanyl"],
    ]
    for h in hits.itertuples():
        assert corpus.raw[h.article_id][h.start : h.end] == h.matched
        assert corpus.raw[h.article_id][h.sent_start : h.sent_end] == h.sentence
        assert h.matched in h.sentence
    assert "Beran" not in " ".join(hits.sentence)  # the job title is excluded
    per = article_topics(corpus, book)
    assert per.set_index("topic").hits.to_dict() == {"taiwan": 2, "fentanyl": 1}
    assert per.set_index("topic").sentences.to_dict() == {"taiwan": 2, "fentanyl": 1}


def test_seed_topics(seeds):
    per = article_topics(seeds)
    assert len(per) == len(seeds.articles) * len(load_topics())
    cov = per[per.covered].groupby("topic").article_id.apply(lambda s: sorted(s.str[:3])).to_dict()
    assert cov["fentanyl"] == ["001"]  # only VOA names fentanyl and counternarcotics
    assert cov["detained_americans"] == ["001"]
    assert cov["balloon"] == ["000", "001", "002", "003", "004"]
    assert "002" not in cov["taiwan"]
    hits = topic_hits(seeds)
    summit = hits[hits.topic == "summit_apec"]
    assert "Asia-Pacific Economic Cooperation" in summit.matched.tolist()
    assert summit.apply(lambda h: h.matched in h.sentence, axis=1).all()


# ---------------------------------------------------------------- similarity


def test_tfidf_by_hand():
    counts = pd.DataFrame({"beijing": [2, 1, 0], "talks": [1, 0, 1], "balloon": [0, 0, 3]}, index=["a", "b", "c"])
    w = tfidf_matrix(counts)
    idf_beijing = math.log(4 / 3) + 1
    idf_balloon = math.log(4 / 2) + 1
    # b has only "beijing": unit vector
    assert w.loc["b", "beijing"] == pytest.approx(1.0)
    raw_c = [1 * (math.log(4 / 3) + 1), 3 * idf_balloon]
    assert w.loc["c", "balloon"] == pytest.approx(raw_c[1] / math.hypot(*raw_c))
    assert w.loc["a", "beijing"] == pytest.approx(2 * idf_beijing / math.hypot(2 * idf_beijing, math.log(4 / 3) + 1))
    assert ((w**2).sum(axis=1)).round(9).tolist() == [1.0, 1.0, 1.0]


def test_similarity_and_overlap_on_small_corpus(tmp_path):
    corpus = _write(
        tmp_path,
        {
            "a": "Headline A\n\nBlinken visits Beijing to discuss fentanyl.\n",
            "b": "Headline B\n\nBlinken visits Beijing to discuss climate.\n",
            "c": "Other words\n\nYellen rejects decoupling entirely.\n",
        },
    )
    sim = tfidf_similarity(corpus)
    assert sim.loc["a", "a"] == pytest.approx(1.0)
    assert sim.loc["a", "b"] > sim.loc["a", "c"]
    assert sim.loc["a", "c"] == pytest.approx(0.0)
    jac = lexical_overlap(corpus)
    # a: headline blinken visits beijing discuss fentanyl ; b: headline blinken visits beijing discuss climate
    assert jac.loc["a", "b"] == pytest.approx(5 / 7)
    assert jac.loc["b", "c"] == 0


def test_seed_similarity_is_symmetric(seeds):
    sim = tfidf_similarity(seeds)
    assert sim.shape == (5, 5)
    assert (abs(sim - sim.T) < 1e-12).all().all()
    assert 0 < sim.values[0, 1] < 1
    # Reading shared copy once lowers the similarity of the two articles carrying Kritenbrink's lines.
    once = tfidf_similarity(seeds, dedupe=True)
    a3, a4 = sim.index[3], sim.index[4]
    assert once.loc[a3, a4] < sim.loc[a3, a4] - 0.01


# ---------------------------------------------------------------- quote fidelity


def test_compare_wording_apostrophe_only():
    r = compare_wording("We're not going to Beijing", "We’re not going to Beijing")
    assert r["verdict"] == "quote marks/apostrophes"
    assert r["marked_a"] == "[[We're]] not going to Beijing"
    assert r["similarity"] == 1.0


def test_compare_wording_separates_style_punctuation_trim_and_wording():
    a = "It’ll be a substantive and productive agenda, but again, the objective is those topline goals"
    b = "There will be a substantive and productive agenda, but, again, the objective is those top-line goals and more"
    r = compare_wording(a, b)
    kinds = [d["kind"] for d in r["differences"]]
    assert kinds == ["wording", "punctuation", "house style", "trim"]
    assert r["differences"][0] == {"kind": "wording", "a": "It’ll", "b": "There will"}
    assert r["differences"][3] == {"kind": "trim", "a": "∅", "b": "and more"}
    assert r["verdict"] == "wording"
    assert r["kinds"] == ["punctuation", "house style", "trim", "wording"]
    r2 = compare_wording("the U.S.-PRC relationship", "the US-PRC relationship")
    assert r2["verdict"] == "house style"
    assert compare_wording("same words", "same words")["verdict"] == "identical"
    trim = compare_wording("This is not a visit with a long list of deliverables coming", "a long list of deliverables")
    assert trim["verdict"] == "trim" and trim["shared_words"] == 5


def test_quote_fidelity_pairs_versions_across_articles(tmp_path):
    corpus = _write(tmp_path, {"a": "x\n\ny\n", "b": "x\n\ny\n"})
    quotes = pd.DataFrame(
        {
            "quote_id": ["qa1", "qa2", "qb1"],
            "article_id": ["a", "a", "b"],
            "start": [0, 50, 0],
            "end": [40, 90, 40],
            "text": [
                "We're not going to Beijing with the intent of a breakthrough",
                "Something else entirely was said here today",
                "We’re not going to Beijing with the intent of any breakthrough",
            ],
            "speaker": ["Daniel Kritenbrink", "Someone", "Daniel Kritenbrink"],
            "speaker_side": ["US", "US", "US"],
        }
    )
    fid = quote_fidelity(corpus, quotes)
    assert len(fid) == 1
    row = fid.iloc[0]
    assert (row.quote_id_a, row.quote_id_b) == ("qa1", "qb1")
    assert row.kinds == "quote marks/apostrophes;wording"
    assert "[[a]] breakthrough" in row.marked_a and "[[any]] breakthrough" in row.marked_b
    html = fidelity_html(fid, {"a": "Outlet A", "b": "Outlet B"})
    assert "<mark" in html and "Outlet A (qa1)" in html


# ---------------------------------------------------------------- outlet profiles


@pytest.fixture()
def small(tmp_path):
    text_a = "Talks in Beijing\n\nBlinken met Qin Gang. Qin said “stop interfering now” and Blinken said “we want open channels”.\n"
    text_b = "Another report\n\nAnalysts watched. Weiss said “a good outcome is possible”.\n"
    corpus = _write(tmp_path, {"a": text_a, "b": text_b})

    def span(aid, words):
        raw = corpus.raw[aid]
        s = raw.index(words)
        return s, s + len(words)

    rows = []
    for qid, aid, words, speaker, side in [
        ("a-q1", "a", "stop interfering now", "Qin Gang", "China"),
        ("a-q2", "a", "we want open channels", "Antony Blinken", "US"),
        ("b-q1", "b", "a good outcome is possible", "Jessica Chen Weiss", "Other"),
    ]:
        s, e = span(aid, words)
        rows.append(
            {
                "quote_id": qid,
                "article_id": aid,
                "para_id": 1,
                "start": s,
                "end": e,
                "text": words,
                "speaker": speaker,
                "speaker_side": side,
            }
        )
    quotes = pd.DataFrame(rows)
    m = []
    for aid, surface, actor, side in [
        ("a", "Blinken", "Antony Blinken", "US"),
        ("a", "Qin Gang", "Qin Gang", "China"),
        ("b", "Weiss", "Jessica Chen Weiss", "Other"),
    ]:
        s, e = span(aid, surface)
        m.append(
            {
                "article_id": aid,
                "para_id": 1,
                "sent_id": 1,
                "start": s,
                "end": e,
                "surface": surface,
                "actor": actor,
                "side": side,
            }
        )
    return corpus, quotes, pd.DataFrame(m)


def test_quoted_share_counts_words_inside_quotes(small):
    corpus, quotes, _ = small
    qs = quoted_share(corpus, quotes).set_index("article_id")
    # a: headline 3 words + body 16 words; quoted 3 + 4
    assert qs.loc["a", "words"] == 19 and qs.loc["a", "quoted_words"] == 7
    assert qs.loc["a", "quoted_share"] == round(7 / 19, 3)
    assert qs.loc["b", "quoted_words"] == 5 and qs.loc["b", "paraphrase_words"] == qs.loc["b", "words"] - 5


def test_outlet_profiles_voices_sides_and_first_actor(small):
    corpus, quotes, mentions = small
    prof = outlet_profiles(corpus, quotes=quotes, mentions=mentions).set_index("article_id")
    assert prof.loc["a", "voices"] == 2 and prof.loc["a", "voices_us"] == 1 and prof.loc["a", "voices_china"] == 1
    assert prof.loc["a", "share_china"] == round(3 / 7, 3) and prof.loc["a", "share_us"] == round(4 / 7, 3)
    assert prof.loc["b", "share_other"] == 1.0 and prof.loc["b", "voices_us"] == 0
    assert prof.loc["a", "first_actor"] == "Antony Blinken" and prof.loc["b", "first_actor"] == "Jessica Chen Weiss"
    assert prof.loc["a", "quotes"] == 2


def test_seed_quote_fidelity_shows_the_known_differences(seeds):
    pytest.importorskip("readout.analysis.quotes")
    fid = quote_fidelity(seeds)
    by_pair = {(r.article_a[:3], r.article_b[:3], r.verdict) for r in fid.itertuples()}
    # Kritenbrink's "not going to Beijing": only the apostrophe differs between RFA and the Reuters-based copy
    krit = fid[fid.text_a.str.contains("not going to Beijing") & fid.text_b.str.contains("not going to Beijing")]
    assert set(krit.verdict) <= {"identical", "quote marks/apostrophes"} and len(krit) == 3
    assert ("000", "003", "quote marks/apostrophes") in by_pair
    agenda = fid[
        fid.text_a.str.contains("substantive and productive agenda")
        & fid.text_b.str.contains("substantive and productive agenda")
    ]
    assert len(agenda) == 1 and agenda.iloc[0].verdict == "wording"
    assert "wording: It’ll → There will" in agenda.iloc[0].differences
    assert "house style: topline → top-line" in agenda.iloc[0].differences
    qin = fid[fid.text_a.str.contains("undermining")]
    assert "wording: undermining → harming" in qin.iloc[0].differences
    for r in fid.itertuples():
        assert seeds.raw[r.article_a][r.start_a : r.end_a] == r.text_a
        assert seeds.raw[r.article_b][r.start_b : r.end_b] == r.text_b


# ---------------------------------------------------------------- notebook


def test_notebook_runs_and_its_briefing_matches_the_library(seeds, executed_notebook):
    import nbformat

    from readout.paths import NOTEBOOKS_DIR

    committed = nbformat.read(NOTEBOOKS_DIR / "01-compare-sources.ipynb", as_version=4)
    assert "parameters" in committed.cells[1].metadata.get("tags", [])
    assert all(
        c.get("execution_count") is None and not c.get("outputs") for c in committed.cells if c.cell_type == "code"
    )
    nb = executed_notebook("01-compare-sources")  # executed once by the report build
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    briefing = nb.cells[-1].outputs[0].data["text/markdown"]
    reuse = find_reuse(seeds)
    flags = flag_shared_copy(seeds)
    fid = quote_fidelity(seeds)
    assert f"{len(reuse)} passages are shared between outlets" in briefing
    assert (
        f"{int(flags.shared_copy.sum())} sentences are shared copy in {flags.copy_group.nunique()} groups" in briefing
    )
    assert f"of {len(fid)} pairs differ at most in typography" in briefing
    prof = outlet_profiles(seeds)
    top = prof.loc[prof.quoted_share.idxmax()]
    from readout.reports.display import (
        md_escape,  # corpus text reaches the Markdown escaped
    )

    assert f"{md_escape(top.outlet)} leans most on quotation ({top.quoted_share:.0%} of its words)" in briefing


def test_topic_agreement_scores_against_hand_labels(tmp_path):
    corpus = _write(
        tmp_path, {"a": "Talks\n\nThey discussed Taiwan. Nothing else.\n", "b": "Other\n\nClimate only here.\n"}
    )
    book = pd.DataFrame(
        {
            "topic": ["taiwan", "climate"],
            "label": ["Taiwan", "Climate"],
            "cues": ["Taiwan", "climate"],
            "exclude": ["", ""],
            "notes": ["", ""],
        }
    )
    labels = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "b", "zzz"],
            "topic": ["taiwan", "climate", "taiwan", "climate", "taiwan"],
            "covered": [1, 1, 0, 0, 1],
            "note": ["", "implicit", "", "says climate but means weather", ""],
        }
    )
    agree = topic_agreement(corpus, labels, book)
    assert len(agree) == 4  # the label for an article outside the corpus is ignored
    assert agree.set_index(["article_id", "topic"]).agree.to_dict() == {
        ("a", "taiwan"): True,
        ("a", "climate"): False,
        ("b", "taiwan"): True,
        ("b", "climate"): False,
    }
    score = score_topic_agreement(agree).iloc[0]
    assert score.accuracy == 0.5 and score.precision == 0.5 and score.recall == 0.5
    assert score.false_positives == 1 and score.false_negatives == 1


def test_seed_topic_codebook_agrees_with_hand_labels(seeds):
    score = score_topic_agreement(topic_agreement(seeds)).iloc[0]
    assert score.cells == 55
    assert score.accuracy >= 0.9 and score.recall >= 0.9


def test_contractions_are_kept_apart_from_wording():
    r = compare_wording("It will be a substantive agenda", "It’ll be a substantive agenda")
    assert r["verdict"] == "contraction" and r["differences"] == [{"kind": "contraction", "a": "It will", "b": "It’ll"}]
    assert (
        compare_wording("It’ll be a substantive agenda", "There will be a substantive agenda")["verdict"] == "wording"
    )


# ---------------------------------------------------------------- one-pass searches against the plain loops

import re
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readout.text.tokens import WORD_RE as _TOKEN_RE

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _reference_topic_hits(sentences: pd.DataFrame, book: pd.DataFrame) -> list[tuple]:
    """Topic hits by the plain loops: every topic, sentence and cue searched on its own."""
    rows = []
    for topic in book.itertuples(index=False):
        cues = [(c, cue_pattern(c)) for c in split_cell(topic.cues)]
        excludes = [cue_pattern(x) for x in split_cell(topic.exclude)]
        for s in sentences.itertuples(index=False):
            blocked = [(m.start(), m.end()) for x in excludes for m in x.finditer(s.text)]
            found = [
                (m.start(), m.end(), cue)
                for cue, pat in cues
                for m in pat.finditer(s.text)
                if not any(bs <= m.start() and m.end() <= be for bs, be in blocked)
            ]
            found.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
            kept = []
            for h in found:
                if all(h[1] <= k[0] or h[0] >= k[1] for k in kept):
                    kept.append(h)
            rows += [
                (s.article_id, s.sent_id, topic.topic, cue, s.start + hs, s.text[hs:he]) for hs, he, cue in sorted(kept)
            ]
    return sorted(rows, key=lambda r: (r[0], r[4], r[2]))


def _sentence_table(texts: list[str]) -> pd.DataFrame:
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    return pd.DataFrame(
        {
            "article_id": [f"a{i % 2}" for i in range(len(texts))],
            "para_id": range(len(texts)),
            "sent_id": range(len(texts)),
            "role": "body",
            "start": starts,
            "end": [s + len(t) for s, t in zip(starts, texts)],
            "text": texts,
        }
    )


def _book(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"topic": t, "label": t.title(), "cues": cues, "exclude": exclude, "notes": ""} for t, cues, exclude in rows]
    )


def _hits(sentences: pd.DataFrame, book: pd.DataFrame) -> list[tuple]:
    hits = topic_hits(SimpleNamespace(sentences=sentences), book)
    return list(zip(hits.article_id, hits.sent_id, hits.topic, hits.cue, hits.start, hits.matched))


def test_topic_hits_case_folding_boundaries_and_fallbacks():
    texts = [
        "They crossed the TAIWAN STRAIT, then Taiwan’s envoy left.",
        "The ſpy balloon drifted over İstanbul and balloons followed.",
        "Talks on Taiwan",  # a cue never runs on into the next sentence
        "Strait traffic grew; mil-to-mil and mil to mil links, [military] accidents, ÜRÜMQI.",
        "Sarah Beran directs China and Taiwan affairs.",
    ]
    book = _book(
        [
            ("taiwan", "Taiwan;Taiwan Strait;Taiwan's envoy", "China and Taiwan affairs"),
            ("balloon", "balloon*;spy balloon;istanbul", ""),
            ("military", "mil-to-mil;[military] accidents;Ürümqi", ""),
        ]
    )
    sents = _sentence_table(texts)
    got = _hits(sents, book)
    assert [(r[2], r[5]) for r in got] == [
        ("taiwan", "TAIWAN STRAIT"),
        ("taiwan", "Taiwan’s envoy"),
        ("taiwan", "Taiwan"),
        ("balloon", "ſpy balloon"),
        ("balloon", "İstanbul"),
        ("balloon", "balloons"),
        ("military", "mil-to-mil"),
        ("military", "mil to mil"),
        ("military", "[military] accidents"),
        ("military", "ÜRÜMQI"),
    ]
    assert got == _reference_topic_hits(sents, book)


def test_topic_hits_of_text_holding_nul_or_no_sentence():
    book = _book([("t", "trade;chip*", "")])
    sents = _sentence_table(["trade\x00chips and trade", "no cue here"])
    assert [r[5] for r in _hits(sents, book)] == ["trade", "chips", "trade"]
    empty = topic_hits(SimpleNamespace(sentences=sents.iloc[:0]), book)
    assert empty.empty and list(empty.columns) == HIT_COLUMNS


def test_fold_covers_every_case_insensitive_match_of_an_ascii_letter():
    # The prefix search relies on this: a character that a case-insensitive pattern
    # matches to an ASCII letter folds to that letter.
    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c < 0xE000)
    found = re.compile("[a-zA-Z]", re.IGNORECASE).findall(others)
    assert found  # İ, ı, ſ and the Kelvin sign
    for ch in found:
        folded = _fold(ch).decode()
        assert len(folded) == 1 and re.fullmatch(folded, ch, re.IGNORECASE), ch
    assert not re.compile(r"[\x00-\x40\x5b-\x60\x7b-\x7f]", re.IGNORECASE).findall(others)


CUE_WORDS = [
    "Taiwan",
    "Strait",
    "mil-to-mil",
    "Russia's",
    "chip*",
    "balloon",
    "Xi",
    "İs",
    "ſpy",
    "Ürümqi",
    "[x]",
    "K\u212aK",
]
TEXT_PIECES = [
    "Taiwan",
    "taiwan",
    "TAIWAN",
    "Strait",
    "strait",
    "mil",
    "-",
    "‐",
    "‑",
    "to",
    "Russia",
    "'",
    "’",
    "chips",
    "chip",
    "balloon",
    "xi",
    "Xi",
    "ıs",
    "İs",
    "is",
    "ſpy",
    "spy",
    "ürümqi",
    "ÜRÜMQI",
    "[x]",
    "kkk",
    "_",
    ".",
    ",",
    " ",
    "  ",
    "\n",
    "\t",
    "é",
    "\x00",
]


@PROPERTY
@given(
    texts=st.lists(st.lists(st.sampled_from(TEXT_PIECES), max_size=14).map("".join), min_size=1, max_size=5),
    cues=st.lists(st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=2).map(" ".join), min_size=1, max_size=4),
    excludes=st.lists(st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=3).map(" ".join), max_size=2),
)
def test_topic_hits_equal_the_plain_loops(texts, cues, excludes):
    book = _book([("a", ";".join(cues), ";".join(excludes)), ("b", ";".join(reversed(cues)), "")])
    sents = _sentence_table(texts)
    assert _hits(sents, book) == _reference_topic_hits(sents, book)


def test_article_topics_groups_hits_per_article_and_topic(tmp_path):
    corpus = _write(
        tmp_path,
        {
            "a": "Taiwan talks\n\nTaiwan and TAIWAN again. Nothing here. Chips, then chip makers and taiwan.\n",
            "b": "Quiet\n\nNo topic at all.\n",
        },
    )
    book = _book([("taiwan", "Taiwan", ""), ("tech", "chip*", "")])
    per = article_topics(corpus, book).set_index(["article_id", "topic"])
    a = per.loc[("a", "taiwan")]
    assert (a.hits, a.sentences, a.cues, a.evidence_sent_ids) == (4, 3, "taiwan", "0;1;3")
    assert a.evidence == "Taiwan talks"
    t = per.loc[("a", "tech")]
    assert (t.hits, t.cues, t.evidence) == (2, "chips;chip", "Chips, then chip makers and taiwan.")
    b = per.loc[("b", "taiwan")]
    assert (b.hits, b.covered, b.cues, b.evidence_sent_ids, b.evidence) == (0, False, "", "", "")
    assert per["hits"].dtype == "int64" and per["covered"].dtype == bool


def test_default_topic_hits_are_memoised_as_copies(seeds):
    first = topic_hits(seeds)
    first.loc[0, "topic"] = "changed"
    again = topic_hits(seeds)
    assert again.loc[0, "topic"] != "changed"
    pd.testing.assert_frame_equal(again, topic_hits(seeds, load_topics()))


# ---------------------------------------------------------------- words inside quotes


def _reference_words(raw: str, paragraphs) -> list[tuple[int, int]]:
    return [m.span() for s, e in paragraphs for m in _TOKEN_RE.finditer(raw, s, e)]


def test_word_bounds_are_the_token_pattern_spans():
    raw = "U.S.-China  talks’ end.\n\nIt’s 2023—they said ‘no’. x_y é.\n\nTail"
    paragraphs = [(0, 23), (25, 57), (59, 63), (59, 61), (10, 5)]  # out of order, overlapping, empty
    starts, ends = _word_bounds(raw, paragraphs)
    assert list(zip(starts.tolist(), ends.tolist())) == _reference_words(raw, paragraphs)
    assert [raw[s:e] for s, e in zip(starts.tolist(), ends.tolist())][:3] == ["U.S.-China", "talks", "end"]


@PROPERTY
@given(
    pieces=st.lists(
        st.sampled_from(["ab", "Z9", "é", "_", ".", "-", "‐", "’", "'", " ", "\n", "\x00", "“", "1"]), max_size=40
    ),
    cuts=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=4),
)
def test_word_bounds_equal_the_token_pattern(pieces, cuts):
    raw = "".join(pieces)
    starts, ends = _word_bounds(raw, cuts)
    assert list(zip(starts.tolist(), ends.tolist())) == _reference_words(raw, cuts)


def test_count_inside_nested_and_overlapping_spans():
    import numpy as np

    starts, ends = np.array([0, 4, 8, 12, 16, 20]), np.array([3, 7, 11, 15, 19, 23])
    # (8, 13) ends inside a word; (5, 30) starts inside one; (0, 3) is nested in (0, 7)
    assert _count_inside(starts, ends, [(8, 13), (0, 7), (0, 3)]) == 3
    assert _count_inside(starts, ends, [(5, 30)]) == 4  # not the word at 4-7
    assert _count_inside(starts, ends, [(12, 13), (13, 15)]) == 0  # neither alone holds 12-15
    assert _count_inside(starts, ends, []) == 0


def test_quoted_share_with_overlapping_quotes(tmp_path):
    corpus = _write(tmp_path, {"a": "Head line\n\nShe said “we stay, we talk” and left.\n"})
    raw = corpus.raw["a"]
    s = raw.index("we stay")
    quotes = pd.DataFrame(
        {
            "quote_id": ["q1", "q2"],
            "article_id": ["a", "a"],
            "start": [s, s + 3],
            "end": [s + 7, s + 16],
            "text": [raw[s : s + 7], raw[s + 3 : s + 16]],
            "speaker": ["X", "X"],
            "speaker_side": ["US", "US"],
        }
    )
    row = quoted_share(corpus, quotes).iloc[0]
    assert (row.words, row.quoted_words, row.paraphrase_words) == (10, 4, 6)  # we, stay, we, talk
    assert row.quoted_share == 0.4


def test_outlet_profiles_leave_out_unattributed_and_sideless_voices(small):
    corpus, quotes, mentions = small
    extra = quotes.iloc[[0, 0]].copy()
    extra["quote_id"] = ["a-q3", "a-q4"]
    extra["speaker"] = ["UNATTRIBUTED", "Someone"]
    extra["speaker_side"] = ["Unknown", None]
    prof = outlet_profiles(corpus, quotes=pd.concat([quotes, extra], ignore_index=True), mentions=mentions).set_index(
        "article_id"
    )
    a = prof.loc["a"]
    assert (a.quotes, a.voices, a.voices_unknown) == (4, 2, 0)
    assert (a.quoted_words_unknown, a.quoted_words_china, a.quoted_words_us) == (3, 3, 4)
    assert a.share_china == round(3 / 7, 3)
    assert (prof.loc["b", "quotes"], prof.loc["b", "voices"]) == (1, 1)


def test_first_actors_of_an_article_naming_nobody(small):
    corpus, _, mentions = small
    firsts = first_actors(corpus, mentions[mentions.article_id == "a"]).set_index("article_id")
    assert firsts.loc["a", "actor"] == "Antony Blinken" and firsts.loc["a", "start"] == corpus.raw["a"].index("Blinken")
    assert firsts.loc["b", "actor"] == "" and pd.isna(firsts.loc["b", "para_id"])


def test_profile_rows_of_partitions_add_up_to_the_outlet_profiles(seeds):
    # the export builds the per-article columns per partition and adds the shared-copy
    # columns, which compare articles across partitions, from the whole corpus
    from readout.scale.partitions import merge_frames, partitions, sub_corpus

    whole = outlet_profiles(seeds)
    ids = seeds.articles["article_id"].tolist()
    parts = [profile_rows(sub_corpus(seeds, p)) for p in partitions(ids, 3)]
    assert "shared_words" not in parts[0].columns
    merged = add_shared_copy(merge_frames(parts, ("sorted",)), seeds)
    assert merged.to_csv(index=False) == whole.to_csv(index=False)
    assert whole["shared_words"].sum() > 0  # the seeds do share wire copy
