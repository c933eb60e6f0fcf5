"""Text reuse: shared passages with exact offsets, and the shared-copy sentence flag."""

from __future__ import annotations

import pytest

from readout.reuse import align_texts, find_reuse, flag_shared_copy, shared_word_matrix, token_key


from conftest import load_texts as _write


@pytest.fixture(scope="module")
def seeds(corpus):
    return corpus


@pytest.fixture(scope="module")
def seed_reuse(seeds):
    return find_reuse(seeds)


def test_token_key_ignores_typography_only():
    assert token_key("We're") == token_key("We’re") == "we're"
    assert token_key("U.S.-PRC") == token_key("US-PRC") == "usprc"
    assert token_key("top-line") == token_key("topline")
    assert token_key("were") != token_key("we're")


def test_align_texts_extends_seed_to_maximal_span_with_exact_offsets():
    a = "Intro words here. “We’re going to Beijing with a realistic, confident approach today,” he said. End."
    b = "Other start. He said: \"We're going to Beijing with a realistic confident approach today\" and left."
    table, _, _ = align_texts({"a": a, "b": b}, shingle=4, min_words=5)
    assert len(table) == 1
    row = table.iloc[0]
    assert a[row.start_a : row.end_a] == "We’re going to Beijing with a realistic, confident approach today"
    assert b[row.start_b : row.end_b] == "We're going to Beijing with a realistic confident approach today"
    assert row.n_words == row.n_matched == 10
    assert not row.identical


def test_align_texts_joins_spans_across_a_one_word_change_but_not_a_long_insertion():
    a = "stop interfering in the internal affairs and stop undermining the sovereignty security and development interests"
    b = "stop interfering in the internal affairs and stop harming the sovereignty security and development interests"
    table, _, _ = align_texts({"a": a, "b": b}, shingle=4, min_words=5, max_gap=2)
    assert len(table) == 1
    assert table.iloc[0].n_words == 15 and table.iloc[0].n_matched == 14
    table0, _, _ = align_texts({"a": a, "b": b}, shingle=4, min_words=5, max_gap=0)
    assert len(table0) == 2
    c = "stop interfering in the internal affairs said a long list of different people and stop undermining the sovereignty security and development interests"
    table2, _, _ = align_texts({"a": a, "c": c}, shingle=4, min_words=5, max_gap=2)
    assert sorted(table2.n_matched) == [6, 9]


def test_min_words_and_no_sharing():
    table, _, _ = align_texts({"a": "one two three four five six", "b": "one two three four five seven"}, shingle=5, min_words=6)
    assert table.empty and list(table.columns)[:8] == [
        "passage_id", "article_a", "start_a", "end_a", "article_b", "start_b", "end_b", "text"]


def test_alignment_does_not_cross_excluded_regions():
    a = "alpha beta gamma delta epsilon\nFURNITURE\nzeta eta theta iota kappa"
    b = "alpha beta gamma delta epsilon zeta eta theta iota kappa"
    regions = {"a": [(0, 30), (41, len(a))], "b": None}
    table, _, _ = align_texts({"a": a, "b": b}, regions, shingle=3, min_words=3)
    assert len(table) == 2
    assert sorted(table.text) == ["alpha beta gamma delta epsilon", "zeta eta theta iota kappa"]


def _row_covering(reuse, raw, phrase_a, a, b):
    """The reuse row between articles starting a and b whose spans contain the phrase."""
    hits = []
    for row in reuse.itertuples(index=False):
        ids = {row.article_a[:3]: (row.article_a, row.start_a, row.end_a), row.article_b[:3]: (row.article_b, row.start_b, row.end_b)}
        if set(ids) != {a, b}:
            continue
        ok = True
        for key in (a, b):
            aid, s, e = ids[key]
            span = raw[aid][s:e].replace("’", "'").replace("U.S.-", "US-")
            ok &= phrase_a in span
        if ok:
            hits.append(row)
    return hits


@pytest.mark.parametrize(
    "phrase, a, b",
    [
        ("We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another", "000", "003"),
        ("We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another", "000", "004"),
        ("We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another", "003", "004"),
        ("While in Beijing, Secretary Blinken will meet with senior PRC officials where he will discuss the importance of maintaining open lines of communication to responsibly manage the US-PRC relationship", "001", "002"),
        ("coming to Beijing with a realistic, confident approach", "003", "004"),
        ("a substantive and productive agenda that we'll have before us", "002", "003"),
    ],
)
def test_seed_passages_found_with_whole_phrase_in_both_articles(seeds, seed_reuse, phrase, a, b):
    assert len(_row_covering(seed_reuse, seeds.raw, phrase, a, b)) == 1


def test_seed_offsets_are_exact(seeds, seed_reuse):
    assert len(seed_reuse) >= 6
    for row in seed_reuse.itertuples(index=False):
        assert seeds.raw[row.article_a][row.start_a : row.end_a] == row.text
        assert seeds.raw[row.article_b][row.start_b : row.end_b] == row.text_b
        assert row.article_a < row.article_b
        assert row.n_matched >= 8


def test_apostrophe_difference_is_kept_in_raw_text(seeds, seed_reuse):
    rows = _row_covering(seed_reuse, seeds.raw, "We're not going to Beijing", "000", "003")
    assert rows[0].text.startswith("We're not going") and rows[0].text_b.startswith("We’re not going")
    assert not rows[0].identical


def test_flag_shared_copy_groups_the_same_sentence_across_articles(tmp_path):
    shared = "The minister said the talks would be candid, constructive and focused on the hotline between the two militaries."
    corpus = _write(
        tmp_path,
        {
            "a": "Headline one\n\nFirst report opens here with its own words.\n\n" + shared + "\n\nA closing line only A has.\n",
            "b": "Headline two\n\nSecond report starts differently and at length.\n\n" + shared + "\n\nB ends on its own note.\n",
            "c": "Headline three\n\nA third report shares nothing with the others at all.\n",
        },
    )
    flags = flag_shared_copy(corpus)
    assert list(flags.columns)[:7] == ["article_id", "para_id", "sent_id", "role", "start", "end", "text"]
    hit = flags[flags.shared_copy]
    assert sorted(hit.article_id) == ["a", "b"]
    assert set(hit.text) == {shared}
    assert hit.copy_group.nunique() == 1 and (hit.copies == 2).all()
    assert hit.count_once.tolist() == [True, False]  # a's copy is kept, b's counted once
    rest = flags[~flags.shared_copy]
    assert rest.copy_group.isna().all() and rest.count_once.all() and (rest.copies == 1).all()
    assert (flags.loc[flags.shared_copy, "shared_share"] == 1.0).all()
    for row in flags.itertuples(index=False):
        assert corpus.raw[row.article_id][row.start : row.end] == row.text


def test_flag_shared_copy_on_seeds(seeds):
    flags = flag_shared_copy(seeds)
    shared = flags[flags.shared_copy]
    # Kritenbrink's "not going to Beijing" sentence: one group across RFA, Reuters-based and Bloomberg.
    krit = shared[shared.text.str.contains("not going to Beijing with the intent")]
    assert sorted(krit.article_id.str[:3]) == ["000", "003", "004"]
    assert krit.copy_group.nunique() == 1 and krit.count_once.sum() == 1
    # every group has at least two sentences from at least two articles
    for _, group in shared.groupby("copy_group"):
        assert len(group) >= 2 and group.article_id.nunique() >= 2 and group.count_once.sum() == 1
    assert flags.count_once.sum() == len(flags) - (len(shared) - shared.copy_group.nunique())


def test_shared_word_matrix_counts_words_in_passages(seeds, seed_reuse):
    mat = shared_word_matrix(seeds, seed_reuse)
    ids = sorted(seeds.raw)
    assert list(mat.index) == ids and list(mat.columns) == ids
    assert mat.isna().values.diagonal().all()
    a003, a004 = ids[3], ids[4]
    pair = seed_reuse[(seed_reuse.article_a == a003) & (seed_reuse.article_b == a004)]
    assert mat.loc[a003, a004] == pair.n_words.sum()
    assert int(mat.loc[ids[2], ids[3]]) > 0 and int(mat.loc[ids[1], ids[3]]) > 0


def test_compare_module_exposes_the_flag():
    from readout import compare

    assert compare.flag_shared_copy is flag_shared_copy
