"""Text reuse: shared passages with exact offsets, and the shared-copy sentence flag."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import load_texts as _write
from readout.analysis.reuse import find_reuse, flag_shared_copy, shared_word_matrix
from readout.analysis.reuse_matching import align_texts
from readout.text.tokens import token_key


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
    b = 'Other start. He said: "We\'re going to Beijing with a realistic confident approach today" and left.'
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
    table, _, _ = align_texts(
        {"a": "one two three four five six", "b": "one two three four five seven"}, shingle=5, min_words=6
    )
    assert table.empty and list(table.columns)[:8] == [
        "passage_id",
        "article_a",
        "start_a",
        "end_a",
        "article_b",
        "start_b",
        "end_b",
        "text",
    ]


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
        ids = {
            row.article_a[:3]: (row.article_a, row.start_a, row.end_a),
            row.article_b[:3]: (row.article_b, row.start_b, row.end_b),
        }
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
        (
            "We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another",
            "000",
            "003",
        ),
        (
            "We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another",
            "000",
            "004",
        ),
        (
            "We're not going to Beijing with the intent of having some sort of breakthrough or transformation in the way that we deal with one another",
            "003",
            "004",
        ),
        (
            "While in Beijing, Secretary Blinken will meet with senior PRC officials where he will discuss the importance of maintaining open lines of communication to responsibly manage the US-PRC relationship",
            "001",
            "002",
        ),
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
            "a": "Headline one\n\nFirst report opens here with its own words.\n\n"
            + shared
            + "\n\nA closing line only A has.\n",
            "b": "Headline two\n\nSecond report starts differently and at length.\n\n"
            + shared
            + "\n\nB ends on its own note.\n",
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
    from readout.analysis.reuse import flag_shared_copy

    assert flag_shared_copy is flag_shared_copy


# --------------------------------------------------------------------------- the boilerplate cap

_STOCK = "the two sides agreed to keep lines of communication open"  # 10 words


def _with_stock(n: int) -> dict[str, str]:
    """``n`` texts that share only the stock phrase, each in its own words around it."""
    words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november".split()
    return {f"t{k}": f"{words[k]} opens {words[k]}. {_STOCK}. {words[k]} closes {words[k]}." for k in range(n)}


def test_max_df_drops_a_shingle_held_by_more_texts_than_the_cap():
    texts = _with_stock(4)
    table, _, _ = align_texts(texts, max_df=4)  # at the cap: kept
    assert len(table) == 6  # one passage per pair of the four texts
    assert set(table.text) == {_STOCK} and (table.n_matched == 10).all()
    capped, _, _ = align_texts(texts, max_df=3)  # held by max_df + 1 texts: boilerplate
    assert capped.empty
    uncapped, _, _ = align_texts(texts, max_df=None)
    assert uncapped.equals(table)


def test_capped_shingles_seed_nothing_but_a_span_still_runs_through_them():
    texts = _with_stock(5)
    # t0 and t1 also share a sentence of their own that runs into the stock phrase
    own = "after a long dinner in the capital both delegations said that"
    texts["t0"] = f"one two three. {own} {_STOCK}. four five."
    texts["t1"] = f"six seven eight. {own} {_STOCK}. nine ten."
    table, _, _ = align_texts(texts, max_df=3)
    assert len(table) == 1  # the stock phrase alone (in five texts) seeds no pair
    row = table.iloc[0]
    assert (row.article_a, row.article_b) == ("t0", "t1")
    assert row.text == f"{own} {_STOCK}" and row.n_matched == 21
    # the same with the stock phrase first: the span is seeded after it and walks back
    texts["t0"] = f"one two three. {_STOCK} {own}. four five."
    texts["t1"] = f"six seven eight. {_STOCK} {own}. nine ten."
    table, _, _ = align_texts(texts, max_df=3)
    assert table.text.tolist() == [f"{_STOCK} {own}"] and table.n_matched.tolist() == [21]


def test_find_reuse_defaults_to_passims_cap(tmp_path):
    from readout.analysis.reuse_matching import MAX_DF

    assert MAX_DF == 100
    corpus = _write(tmp_path, {k: f"Headline {k}\n\n{v}\n" for k, v in _with_stock(3).items()})
    assert len(find_reuse(corpus)) == 3
    assert find_reuse(corpus, max_df=2).empty
    assert find_reuse(corpus, max_df=None).equals(find_reuse(corpus))
    with pytest.raises(ValueError, match="max_df"):
        find_reuse(corpus, max_df=1)


def test_the_cap_changes_nothing_on_the_seeds(seeds, seed_reuse):
    """Five articles: no shingle can be held by more than 100."""
    assert find_reuse(seeds, max_df=None).equals(seed_reuse)
    pd_testing = pytest.importorskip("pandas.testing")
    pd_testing.assert_frame_equal(flag_shared_copy(seeds, max_df=None), flag_shared_copy(seeds))


# --------------------------------------------------------------------------- shared copy groups


def test_flag_shared_copy_groups_across_three_articles(tmp_path):
    three = "Officials from both governments met for five hours in the capital on Sunday afternoon."
    two = "The readout said the ministers agreed to resume military talks within a month or so."
    corpus = _write(
        tmp_path,
        {
            "a": f"Alpha headline\n\nAlpha opens with words nobody else prints today.\n\n{three}\n",
            "b": f"Bravo headline\n\n{three}\n\n{two}\n\nBravo closes alone.\n",
            "c": f"Charlie headline\n\nCharlie starts in its own way entirely.\n\n{two} {three}\n",
        },
    )
    flags = flag_shared_copy(corpus)
    shared = flags[flags.shared_copy]
    assert sorted(zip(shared.article_id, shared.text)) == sorted(
        [("a", three), ("b", three), ("b", two), ("c", two), ("c", three)]
    )
    by_text = {t: g for t, g in shared.groupby("text")}
    g3, g2 = by_text[three], by_text[two]
    assert g3.copy_group.nunique() == 1 and g2.copy_group.nunique() == 1
    # groups are numbered in order of their first sentence (a's copy of `three` comes first)
    assert int(g3.copy_group.iloc[0]) == 0 and int(g2.copy_group.iloc[0]) == 1
    assert (g3.copies == 3).all() and (g2.copies == 2).all()
    assert g3.set_index("article_id").count_once.to_dict() == {"a": True, "b": False, "c": False}
    assert g2.set_index("article_id").count_once.to_dict() == {"b": True, "c": False}
    assert (shared.shared_share == 1.0).all() and (shared.shared_words == shared.n_words).all()
    rest = flags[~flags.shared_copy]
    assert (rest.shared_words == 0).all() and rest.count_once.all() and rest.copy_group.isna().all()
    assert flags.count_once.sum() == len(flags) - 3
    assert list(flags.columns) == list(flags.columns.unique()) and str(flags.copy_group.dtype) == "Int64"


def test_flag_shared_copy_keeps_a_sentence_whose_partner_is_mostly_new_unshared(tmp_path):
    shared = "the envoy will travel to the region next week to meet his counterparts"
    corpus = _write(
        tmp_path,
        {
            "a": f"Head A\n\nAs announced, {shared}.\n",
            # b wraps the same words in a much longer sentence: under min_share there
            "b": f"Head B\n\nIn a statement that surprised many observers and several allied governments across "
            f"the continent, and after weeks of speculation and denials by various spokespeople, {shared}.\n",
        },
    )
    flags = flag_shared_copy(corpus).set_index("article_id")
    body = flags[flags.role == "body"]
    assert body.loc["a", "shared_share"] > 0.5 and body.loc["b", "shared_share"] < 0.5
    assert not body.shared_copy.any() and body.copy_group.isna().all() and (body.copies == 1).all()


# --------------------------------------------------------------------------- the array tokeniser


@pytest.mark.parametrize(
    "raw, regions",
    [
        ("We’re in U.S.-PRC talks -- top-line 'goals' ... e.g. Δelta Σίσυφος ΟΔΟΣ İstanbul x_y 3.5% a—b", None),
        ("alpha beta\n\nFURNITURE LINE\n\ngamma's delta\n\n  epsilon", [(0, 10), (28, 41), (43, 52)]),
        ("one two\n\nthree four", [(0, 7), (9, 19)]),  # apart, white space between: one block
        ("touching regions split a word", [(0, 12), (12, 30)]),  # touching: region by region
        ("overlap overlap", [(0, 10), (5, 15)]),
        ("past the end", [(0, 99)]),
        ("nothing to read", []),
        ("", None),
        ("a lone \ud800 surrogate\x00and a NUL", None),
    ],
)
def test_corpus_tokeniser_matches_the_reference(raw, regions):
    from readout.analysis.reuse_tokens import tokenize_corpus as _tokenize_corpus
    from readout.analysis.reuse_tokens import tokenize_regions as tokenize

    other = "A second text, so that the batch holds two."
    tokens, keys, blocks = _tokenize_corpus({"a": raw, "b": other}, ("a", "b"), {"a": regions})
    ref = tokenize(raw, regions)
    n = len(ref.keys)
    assert tokens.offsets.tolist() == [0, n, n + len(tokenize(other).keys)]
    assert tokens.starts[:n].tolist() == ref.starts and tokens.ends[:n].tolist() == ref.ends
    vocab = {}
    for k, key in zip(keys[1 : n + 1].tolist(), ref.keys):
        assert vocab.setdefault(k, key) == key  # one id per key
    assert len(set(vocab.values())) == len(vocab)
    got = blocks[1 : n + 1].tolist()
    assert [g - got[0] for g in got] == [b - ref.blocks[0] for b in ref.blocks] if n else True
    assert keys[0] == -1 and keys[-1] == -2 and blocks[0] == blocks[-1] == -1  # sentinels


def test_shingles_that_share_a_hash_are_told_apart(monkeypatch):
    """With a hash that maps every shingle to one value, every group must be split by its tokens."""
    import readout.analysis.reuse_matching as matching

    texts = _with_stock(4) | {"x": "the two sides agreed to keep their differences private"}
    expected, _, _ = align_texts(texts)
    monkeypatch.setattr(matching, "_MIX1", np.uint64(0))
    table, _, _ = align_texts(texts)
    assert table.equals(expected) and len(table) == 6


def test_runs_give_the_aligned_token_pairs():
    a = "one two three four five six seven eight nine"
    b = "zero one two three four five six seven eight ten"
    table, tokens, runs = align_texts({"a": a, "b": b}, shingle=3, min_words=5)
    assert len(table) == 1 and table.iloc[0].text == "one two three four five six seven eight"
    assert runs.pairs(tokens, 0) == [(i, i + 1) for i in range(8)]
