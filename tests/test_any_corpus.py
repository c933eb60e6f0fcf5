"""A corpus other than the seeds: analyses that cannot run leave their table empty with a warning,
codebooks come from the corpus folder first, and reports never overwrite another corpus's."""

from __future__ import annotations

import pandas as pd

from conftest import write_corpus
from readout.analysis.fightin_words import TERM_COLUMNS
from readout.corpus.codebooks import codebook_label, codebook_path
from readout.paths import DATA_DIR, REPORTS_DIR, SEEDS_DIR
from readout.reports.build import default_out
from readout.scale.export import export_tables
from readout.scale.tables import TABLES

ONE_SIDE = (
    'US statement\n\nSecretary Blinken said the talks were "candid and constructive" and that the United '
    "States would keep its channels open.\n"
)


def test_one_side_silent_leaves_the_comparison_empty_with_a_warning(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": ONE_SIDE})
    corpus, names = export_tables(folder, tmp_path / "out")
    terms = pd.read_csv(tmp_path / "out" / "framing_terms.csv")
    assert terms.empty and list(terms.columns) == TERM_COLUMNS
    assert any(w.startswith("framing_terms: left empty: no China statements") for w in corpus.warnings)
    assert names == list(TABLES) and (tmp_path / "out" / "frames_by_side.csv").exists()


def test_codebooks_come_from_the_corpus_folder_first(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": ONE_SIDE})
    assert codebook_path("topics.csv", folder) == DATA_DIR / "topics.csv"
    assert codebook_label("topics.csv", folder) == "data/topics.csv"
    (folder / "topics.csv").write_text("topic,label,cues\nt,Talks,talks\n", encoding="utf-8")
    assert codebook_path("topics.csv", folder) == folder / "topics.csv"
    assert codebook_label("topics.csv", folder) == "the corpus's own topics.csv"

    import readout

    topics = readout.article_topics(readout.load_corpus(folder))
    assert topics["topic"].tolist() == ["t"] and topics["hits"].tolist() == [1]


def test_reports_of_another_corpus_go_to_their_own_folder(tmp_path):
    assert default_out(None) == REPORTS_DIR and default_out(SEEDS_DIR) == REPORTS_DIR
    assert default_out(tmp_path / "my-event") == REPORTS_DIR / "my-event"


def test_a_corpus_folder_can_carry_its_own_furniture_rules(tmp_path):
    import readout

    page = "Bulletin of the Harbour Board\n\nRiver talks resume\n\nThe two ministers met on Monday.\n"
    folder = write_corpus(tmp_path / "c", {"a.txt": page})
    assert readout.load_corpus(folder).paragraphs["role"].tolist()[0] != "furniture"
    rules = (DATA_DIR / "page_furniture.csv").read_text(encoding="utf-8")
    (folder / "page_furniture.csv").write_text(rules + "^Bulletin of the Harbour Board$,furniture,full,site name\n")
    roles = readout.load_corpus(folder).paragraphs.set_index("text")
    assert roles.loc["Bulletin of the Harbour Board", "role"] == "furniture"
    assert roles.loc["Bulletin of the Harbour Board", "role_basis"] == "rule: site name"
