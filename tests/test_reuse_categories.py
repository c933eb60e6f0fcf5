"""Shared passages by what they are: only shared copy and quotations count as repeated copy."""

from __future__ import annotations

import readout
from conftest import write_corpus
from readout.analysis.reuse_categories import CATEGORIES, is_title_or_boilerplate

TITLE = "Assistant Secretary of State for East Asian and Pacific Affairs Daniel Kritenbrink"
COPY = "The two delegations spent more than five hours on a long list of military and trade disputes."
QUOTE = "we want open lines of communication to reduce the risk of miscalculation"


def _pages(tmp_path, csv=None):
    a = f"First report\n\n{TITLE} spoke on Monday.\n\n{COPY}\n\nHe said: \u201c{QUOTE}.\u201d\n"
    b = (
        f"Second report\n\nOn Tuesday {TITLE} left for Asia.\n\n{COPY}\n\nNeither side gave details of a date for"
        f" further meetings.\n\nThe envoy said \u201c{QUOTE}\u201d on Monday.\n"
    )
    return write_corpus(tmp_path / "c", {"a.txt": a, "b.txt": b}, csv=csv)


def test_titles_quotations_and_copy_are_told_apart(tmp_path):
    reuse = readout.find_reuse(readout.load_corpus(_pages(tmp_path)))
    by_text = {row.text.strip(" .\u201c\u201d"): row.category for row in reuse.itertuples()}
    assert set(reuse["category"]) <= set(CATEGORIES)
    assert any(cat == "boilerplate or title" and "Kritenbrink" in text for text, cat in by_text.items())
    assert any(cat == "shared copy" and "five hours" in text for text, cat in by_text.items())
    assert any(cat == "quotation" and "miscalculation" in text for text, cat in by_text.items())


def test_two_documents_of_one_government_are_not_copies_of_each_other(tmp_path):
    csv = "article_id,file,doc_kind,government\na,a.txt,official_readout,US\nb,b.txt,transcript,US\n"
    corpus = readout.load_corpus(_pages(tmp_path, csv))
    assert set(readout.find_reuse(corpus)["category"]) == {"same-source documents"}
    assert readout.flag_shared_copy(corpus)["count_once"].all()


def test_only_copies_count_once(tmp_path):
    flags = readout.flag_shared_copy(readout.load_corpus(_pages(tmp_path)))
    repeated = flags[~flags["count_once"]]["text"].tolist()
    assert any("five hours" in t for t in repeated)
    assert not any("Kritenbrink" in t and "five hours" not in t for t in repeated)


def test_title_rule():
    assert is_title_or_boilerplate(TITLE) and not is_title_or_boilerplate(COPY)
