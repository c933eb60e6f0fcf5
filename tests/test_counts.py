"""One definition of each count: article length and analysed words agree on every table."""

from __future__ import annotations

from readout.text.tokens import count_words


def test_article_length_is_the_same_in_every_table(corpus):
    import readout

    profiles = readout.outlet_profiles(corpus).set_index("article_id")["words"]
    lengths = corpus.articles.set_index("article_id")["n_words"]
    assert profiles.reindex(lengths.index).tolist() == lengths.tolist()
    analysed = corpus.analysed_paragraphs()
    assert int(lengths.sum()) == sum(count_words(t) for t in analysed["text"])


def test_a_word_is_joined_across_dots_and_apostrophes():
    assert count_words("The U.S.-PRC talks: it’s 5 hours.") == 6
