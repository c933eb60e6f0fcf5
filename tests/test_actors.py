"""Actor codebook, mention finding, name resolution and the measured accuracy of both."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

import readout
from conftest import write_corpus
from readout.analysis.actors import (
    CODEBOOK_COLUMNS,
    KINDS,
    METHODS,
    CodebookError,
    codebook_path,
    load_codebook,
    resolve_name,
)
from readout.analysis.mention_accuracy import (
    check_annotations,
    load_annotations,
    score_mentions,
)
from readout.analysis.mentions import (
    MENTION_COLUMNS,
    codebook_with_counts,
    mention_counts,
    surname_coverage,
)
from readout.analysis.quotes import extract_quotes
from readout.paths import DATA_DIR

SMALL_CODEBOOK = """actor,kind,side,role,aliases,notes
Antony Blinken,person,US,Secretary of State,Blinken|Secretary Blinken|Mr. Blinken|the top U.S. diplomat,
Qin Gang,person,China,Foreign Minister,Qin|the Chinese foreign minister|China's foreign minister,
Wang Wenbin,person,China,Spokesperson,Wang,
Wang Wentao,person,China,Commerce Minister,Wang,
Joe Biden,person,US,President,Biden,
Harold Finch,person,Other,Analyst,,no declared surname
Biden administration,institution,US,Executive,the Biden administration,
White House,institution,US,Office of the President,the White House,
National Security Council,institution,US,NSC,White House National Security Council,
U.S. Department of State,institution,US,Foreign ministry,State Department|the State Department,
Associated Press,institution,Other,News agency,AP,
U.S. officials,group,US,Unnamed officials,US officials|senior U.S. officials,
Chinese officials,group,China,Unnamed officials,Chinese counterparts,
"""


def small_corpus(tmp_path, texts: dict[str, str]):
    folder = write_corpus(tmp_path / "c", texts)
    (folder / "actors.csv").write_text(SMALL_CODEBOOK, encoding="utf-8")
    return readout.load_corpus(folder)


def mentions_of(corpus, **kw):
    return readout.find_mentions(corpus, **kw)


# --------------------------------------------------------------------------- the codebook


def test_codebook_covers_the_names_the_quote_labels_use():
    book = load_codebook()
    assert len(book) >= 40
    assert list(book.columns) == CODEBOOK_COLUMNS
    names = set(book["actor"])
    required = {
        "Antony Blinken",
        "Qin Gang",
        "Daniel Kritenbrink",
        "Kurt Campbell",
        "Wang Wenbin",
        "Bonnie Glaser",
        "Lloyd Austin",
        "Li Shangfu",
        "Matthew Miller",
        "Michael McCaul",
        "Mike Gallagher",
        "Janet Yellen",
        "Jessica Chen Weiss",
        "Joe Biden",
        "Xi Jinping",
        "Vivian Balakrishnan",
        "Sarah Beran",
        "Jake Sullivan",
        "Bill Burns",
        "Wang Wentao",
        "U.S. Department of State",
        "Chinese Ministry of Foreign Affairs",
        "Pentagon",
        "National Security Council",
        "White House",
        "House Select Committee on China",
        "House Foreign Affairs Committee",
        "Chinese state media",
        "U.S. officials",
        "Chinese officials",
    }
    assert required <= names
    sides = book.set_index("actor")["side"]
    assert sides["U.S. officials"] == "US" and sides["Chinese officials"] == "China"
    assert sides["Vivian Balakrishnan"] == "Other"
    assert set(book["kind"]) <= set(KINDS)


def test_codebook_errors_name_the_file_and_line(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text(SMALL_CODEBOOK + "Qin Gang,person,China,dup,,\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"line 15 repeats actor 'Qin Gang'"):
        load_codebook(path)
    path.write_text(SMALL_CODEBOOK + "Someone Else,person,,x,the top U.S. diplomat,\n", encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        load_codebook(path)
    assert "has side ''" in str(err.value)
    assert "alias 'the top U.S. diplomat'" in str(err.value)
    path.write_text("actor,kind,side\nX,person,US\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="missing column"):
        load_codebook(path)


def test_a_corpus_folder_codebook_is_used(tmp_path):
    corpus = small_corpus(tmp_path, {"a.txt": "Headline here\n\nHarold Finch spoke. Finch left.\n"})
    assert codebook_path(corpus) == corpus.folder / "actors.csv"
    assert len(load_codebook(corpus=corpus)) == 13
    assert codebook_path(None) == DATA_DIR / "actors.csv"


# --------------------------------------------------------------------------- mentions on hand-made text


def test_every_surface_of_one_person_lands_on_one_actor(tmp_path):
    text = (
        "Talks in Beijing\n\n"
        "U.S. Secretary of State Antony Blinken arrived on Sunday. Secretary Blinken met the Chinese "
        "foreign minister. Later Mr. Blinken said the top U.S. diplomat was tired, and Blinken left.\n"
    )
    corpus = small_corpus(tmp_path, {"a.txt": text})
    m = mentions_of(corpus)
    raw = corpus.raw["a"]
    assert all(raw[r.start : r.end] == r.surface for r in m.itertuples())
    blinken = m[m["actor"] == "Antony Blinken"]
    assert blinken["surface"].tolist() == [
        "Antony Blinken",
        "Secretary Blinken",
        "Mr. Blinken",
        "top U.S. diplomat",
        "Blinken",
    ]
    assert blinken["method"].tolist() == ["full name", "title + surname", "title + surname", "descriptor", "surname"]
    qin = m[m["actor"] == "Qin Gang"]
    assert qin["surface"].tolist() == ["Chinese foreign minister"]
    assert set(m["sent_id"]) == {1, 2, 3}


def test_descriptor_before_the_name_is_not_counted_twice(tmp_path):
    corpus = small_corpus(
        tmp_path, {"a.txt": "Head line\n\nThe Chinese foreign minister Qin Gang spoke, and Qin left.\n"}
    )
    m = mentions_of(corpus)
    assert m["surface"].tolist() == ["Qin Gang", "Qin"]


def test_shared_surname_needs_the_article_context(tmp_path):
    texts = {
        "a.txt": "Head line\n\nWang Wenbin spoke on Friday. Wang said more.\n",
        "b.txt": "Head line\n\nWang Wentao visited. Later Wang Wenbin briefed. Wang said nothing.\n",
        "c.txt": "Head line\n\nWang said something unattributed.\n",
    }
    corpus = small_corpus(tmp_path, texts)
    m = mentions_of(corpus)
    bare = m[m["surface"] == "Wang"].set_index("article_id")["actor"]
    assert bare.to_dict() == {"a": "Wang Wenbin", "b": "Wang Wenbin"}


def test_undeclared_surname_resolves_only_where_named_in_full(tmp_path):
    texts = {"a.txt": "Head line\n\nHarold Finch spoke. Finch left.\n", "b.txt": "Head line\n\nFinch left.\n"}
    m = mentions_of(small_corpus(tmp_path, texts))
    assert m[["article_id", "surface"]].values.tolist() == [["a", "Harold Finch"], ["a", "Finch"]]


def test_longest_match_wins(tmp_path):
    text = "Head line\n\nThe Biden administration and Biden agreed, said a member of the White House National Security Council.\n"
    m = mentions_of(small_corpus(tmp_path, {"a.txt": text}))
    assert m[["surface", "actor"]].values.tolist() == [
        ["Biden administration", "Biden administration"],
        ["Biden", "Joe Biden"],
        ["White House National Security Council", "National Security Council"],
    ]


def test_us_spellings_and_groups(tmp_path):
    text = "Head line\n\nSenior U.S. officials and US officials met their Chinese counterparts.\n"
    m = mentions_of(small_corpus(tmp_path, {"a.txt": text}))
    assert m[["surface", "actor", "method"]].values.tolist() == [
        ["Senior U.S. officials", "U.S. officials", "descriptor"],
        ["US officials", "U.S. officials", "descriptor"],
        ["Chinese counterparts", "Chinese officials", "descriptor"],
    ]


def test_institution_in_a_title_is_flagged(tmp_path):
    text = (
        "Head line\n\nState Department spokesperson Wang Wenbin said so. "
        "The White House disagreed, the State Department said.\n"
    )
    m = mentions_of(small_corpus(tmp_path, {"a.txt": text}))
    flags = m.set_index("start")[["surface", "in_title"]].values.tolist()
    assert flags == [
        ["State Department", True],
        ["Wang Wenbin", False],
        ["White House", False],
        ["State Department", False],
    ]


def test_caption_credit_is_skipped(tmp_path):
    text = "Head line\n\nBlinken spoke at length today about the talks.\n\nBlinken waves. (Photo: AP)\n"
    corpus = small_corpus(tmp_path, {"a.txt": text})
    roles = corpus.paragraphs.set_index("para_id")["role"].to_dict()
    m = mentions_of(corpus, roles=("headline", "body", "caption", "dek"))
    if roles.get(2) == "caption":
        assert "AP" not in m["surface"].tolist()
    assert m["surface"].tolist().count("Blinken") == 2


def test_pronouns_link_to_the_subject(tmp_path):
    text = "Head line\n\nBlinken met Qin Gang in Beijing before he left. “He is fine,” an aide said.\n"
    corpus = small_corpus(tmp_path, {"a.txt": text})
    m = mentions_of(corpus, pronouns=True)
    pron = m[m["method"] == "pronoun"]
    assert pron[["surface", "actor"]].values.tolist() == [["he", "Antony Blinken"]]
    m_all = mentions_of(corpus, pronouns="all")
    assert m_all[m_all["method"] == "pronoun"]["surface"].tolist() == ["he", "He"]
    assert "pronoun" not in set(mentions_of(corpus)["method"])


def test_resolve_name():
    r = resolve_name
    assert r("Chinese Ministry of Foreign Affairs spokesperson Wang Wenbin") == "Wang Wenbin"
    assert r("the State Department") == "U.S. Department of State"
    assert r("Mr. Blinken") == "Antony Blinken"
    assert r("Blinken’s") == "Antony Blinken"
    assert r("House Foreign Affairs Committee Chairman Michael McCaul (R-Texas)") == "Michael McCaul"
    assert r("senior U.S. officials") == "U.S. officials"
    assert r("Chinese officials") == "Chinese officials"
    assert r("China's foreign ministry") == "Chinese Ministry of Foreign Affairs"
    assert r("the top U.S. diplomat") == "Antony Blinken"
    assert r("Wang") is None
    assert r("Wang", context=["Wang Wentao"]) == "Wang Wentao"
    assert r("the senior official") is None
    assert r("he") is None
    assert r("") is None


def test_unknown_names_lists_what_the_codebook_lacks(tmp_path):
    text = (
        "Head line\n\nOn Monday, Blinken met Gerald Ostrowski, who chairs the Pacific Maritime Council, in Vienna. "
        "Later Ostrowski spoke, and later still the German Marshall Fund of the United States wrote.\n"
    )
    corpus = small_corpus(tmp_path, {"a.txt": text})
    names = readout.unknown_names(corpus)
    listed = set(names["name"])
    assert {
        "Gerald Ostrowski",
        "Pacific Maritime Council",
        "Vienna",
        "Ostrowski",
        "German Marshall Fund of the United States",
    } <= listed
    assert "Blinken" not in listed and "Monday" not in listed
    row = names.set_index("name").loc["Gerald Ostrowski"]
    assert corpus.raw["a"][row["start"] : row["end"]] == "Gerald Ostrowski"


# --------------------------------------------------------------------------- the bundled corpus


@pytest.fixture(scope="module")
def seed_mentions(corpus):
    return readout.find_mentions(corpus)


def test_seed_offsets_are_exact(corpus, seed_mentions):
    assert len(seed_mentions) > 150
    assert list(seed_mentions.columns) == MENTION_COLUMNS
    for r in seed_mentions.itertuples():
        assert corpus.raw[r.article_id][r.start : r.end] == r.surface
    sents = corpus.sentences.set_index(["article_id", "sent_id"])
    for r in seed_mentions.itertuples():
        s = sents.loc[(r.article_id, r.sent_id)]
        assert s["start"] <= r.start < s["end"]
    assert set(seed_mentions["method"]) <= set(METHODS)


@pytest.mark.parametrize(
    "surname,actor",
    [
        ("Blinken", "Antony Blinken"),
        ("Qin", "Qin Gang"),
        ("Kritenbrink", "Daniel Kritenbrink"),
        ("Campbell", "Kurt Campbell"),
    ],
)
def test_seed_all_surfaces_of_a_person_are_one_node(seed_mentions, surname, actor):
    with_name = seed_mentions[seed_mentions["surface"].str.contains(surname)]
    assert len(with_name) >= 5
    assert set(with_name["actor"]) == {actor}


def test_seed_every_named_person_is_found(seed_mentions):
    found = set(seed_mentions["actor"])
    people = {
        "Antony Blinken",
        "Qin Gang",
        "Daniel Kritenbrink",
        "Kurt Campbell",
        "Wang Wenbin",
        "Xi Jinping",
        "Joe Biden",
        "Lloyd Austin",
        "Li Shangfu",
        "Bonnie Glaser",
        "Jessica Chen Weiss",
        "Mike Gallagher",
        "Michael McCaul",
        "Janet Yellen",
        "Jake Sullivan",
        "Bill Burns",
        "Vivian Balakrishnan",
        "Sarah Beran",
        "Matthew Miller",
        "Wang Wentao",
    }
    assert people <= found
    book = set(load_codebook()["actor"])
    assert found <= book  # no node is a bare title: every actor is a codebook row


def test_seed_surname_occurrences_are_mentions(corpus, seed_mentions):
    cov = surname_coverage(
        corpus, ["Blinken", "Qin", "Kritenbrink", "Campbell", "Glaser", "Austin", "Xi"], seed_mentions
    )
    assert (cov["occurrences"] > 0).all()
    low = cov[cov["share"] < 0.9]
    assert low.empty, low
    assert cov.set_index("surname").loc["Blinken", "occurrences"] == 56


def test_seed_annotations_are_valid_and_cover_three_articles(corpus):
    gold = load_annotations()
    assert check_annotations(gold, corpus) == []
    assert gold["article_id"].nunique() >= 2
    assert set(gold["method"]) <= set(METHODS)


def test_seed_measured_precision_and_recall(corpus, seed_mentions):
    gold = load_annotations()
    score = score_mentions(seed_mentions, gold, corpus)
    assert score["n_gold"] > 100
    assert score["precision"] >= 0.95
    assert score["recall"] >= 0.9
    # the known misses are descriptors that need context ("his Chinese counterpart")
    assert set(score["false_negatives"]["method"]) == {"descriptor"}
    with_pron = score_mentions(readout.find_mentions(corpus, pronouns=True), gold, corpus, include_pronouns=True)
    pron = with_pron["by_method"].set_index("method").loc["pronoun"]
    assert pron["n_gold"] >= 15 and pron["precision"] >= 0.9


def test_score_counts_by_hand():
    gold = pd.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "start": [0, 10, 20],
            "end": [5, 15, 25],
            "surface": ["x"] * 3,
            "actor": ["A", "B", "C"],
            "method": ["surname"] * 3,
            "note": [""] * 3,
        }
    )
    pred = pd.DataFrame(
        {
            "article_id": ["a", "a", "a", "b"],
            "start": [0, 10, 30, 0],
            "end": [5, 15, 35, 5],
            "surface": ["x"] * 4,
            "actor": ["A", "Z", "C", "A"],
            "method": ["surname"] * 4,
        }
    )
    s = score_mentions(pred, gold)
    assert (s["tp"], s["n_gold"], s["n_predicted"]) == (1, 3, 3)
    assert s["precision"] == pytest.approx(1 / 3) and s["recall"] == pytest.approx(1 / 3)


def test_export_tables(corpus):
    from readout.scale.tables import TABLES, build_table

    assert {"mentions", "actors", "edges"} <= set(TABLES)
    book = build_table("actors", corpus)
    assert (
        book.set_index("actor").loc["Antony Blinken", "n_mentions"]
        == (readout.find_mentions(corpus)["actor"] == "Antony Blinken").sum()
    )
    # the export counts mentions per partition and adds the counts up
    from readout.scale.partitions import partitions, sub_corpus

    ids = corpus.articles["article_id"].tolist()
    counts = sum((mention_counts(sub_corpus(corpus, p)) for p in partitions(ids, 2)), start=Counter())
    assert codebook_with_counts(counts, corpus).equals(book)
    assert book["n_mentions"].sum() == len(readout.find_mentions(corpus))


def test_quote_mask_matches_the_per_character_definition():
    import random

    from readout.text.quote_marks import quote_mask as _quote_mask

    def per_character(text):
        inside, mask = False, []
        for ch in text:
            inside = True if ch == "\u201c" else False if ch == "\u201d" else (not inside) if ch == '"' else inside
            mask.append(inside)
        return mask

    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice('ab \u201c\u201d"') for _ in range(rng.randint(0, 30)))
        mask, expected = _quote_mask(text), per_character(text)
        assert len(mask) == len(expected)
        assert [mask[i] for i in range(-len(text), len(text))] == expected + expected
    assert [_quote_mask("He said “no” twice")[i] for i in (7, 8, 11)] == [False, True, False]


# --------------------------------------------------------------------------- names the codebook lacks


def test_an_alias_never_matches_inside_a_longer_name(tmp_path):
    text = (
        "Head line\n\n"
        "Wang Yi, director of the foreign affairs office, met Blinken. Later Wang Wenbin spoke, and Wang said more.\n\n"
        "U.S. Ambassador to China Nicholas Burns, who joined the talks, said little. CIA Director Bill Burns did not.\n\n"
        "The Standing Committee of the National People's Congress voted, a spokesperson for the National People's "
        "Congress said.\n"
    )
    m = mentions_of(small_corpus(tmp_path, {"a.txt": text}))
    by_surface = m.groupby("surface")["actor"].agg(set).to_dict()
    assert by_surface["Wang Yi"] == {"Wang Yi"}  # not a Wang of the codebook
    assert by_surface["Wang"] == {"Wang Wenbin"}  # the Wang last named in full
    assert by_surface["Nicholas Burns"] == {"Nicholas Burns"}
    assert by_surface["National People's Congress"] == {"National People's Congress"}
    assert "Congress" not in by_surface
    found = m[~m["in_codebook"]].drop_duplicates("actor").set_index("actor")
    assert found.loc["Wang Yi", "kind"] == "person" and found.loc["Wang Yi", "side"] == "China"
    assert found.loc["Nicholas Burns", "side"] == "US"
    assert found.loc["National People's Congress", "kind"] == "institution"
    assert m.loc[m["actor"] == "Antony Blinken", "in_codebook"].all()


def test_a_family_name_that_is_an_english_word_is_a_name_only_on_evidence(tmp_path):
    text = (
        "Head line\n\n"
        "Yellen met Vice Premier He Lifeng, China's economic czar, on Friday. He said little afterwards. "
        "Officials said Vice Premier He would visit Washington.\n"
    )
    corpus = small_corpus(tmp_path, {"a.txt": text})
    m = mentions_of(corpus)
    he = m[m["actor"] == "He Lifeng"]
    assert he["surface"].tolist() == ["He Lifeng", "He"]  # "Vice Premier He", not "He said"
    assert he["start"].iloc[1] > corpus.raw["a"].index("Officials said")
    assert set(he["side"]) == {"China"}


def test_names_found_by_their_form_a_closing_apposition_and_a_turn_label(tmp_path):
    texts = {
        # a hyphenated given name after a Chinese or Korean family name is a person's, verb or not
        "a.txt": "Head line\n\nWashington welcomed, in all but name, Lai Ching-te and Park Min-jun.\n",
        # "Its spokesperson, Gan Yu, said": the name closes an apposition before its verb
        "b.txt": "Head line\n\nThe Sea Patrol Command issued a notice. Its spokesperson, Gan Yu, said the boats left.\n",
        # the press conference's title names its speaker before a possessive; the turns repeat her name
        "c.txt": (
            "Foreign Ministry Spokesperson Ning Hui's Regular Press Conference on June 19, 2023\n\n"
            "Ning Hui: Good afternoon.\n\nReporter: A question on trade.\n\nNing Hui: China is open.\n"
        ),
        # one line that opens with two capitalised words and a colon is no speaker
        "d.txt": "Head line\n\nKey Points: the talks went on for hours.\n",
    }
    m = mentions_of(small_corpus(tmp_path, texts))
    found = {a: set(g["actor"]) for a, g in m[~m["in_codebook"]].groupby("article_id")}
    assert {"Lai Ching-te", "Park Min-jun"} <= found["a"]
    assert "Gan Yu" in found["b"]
    assert "Ning Hui" in found["c"] and not any("Conference" in a for a in found["c"])
    assert "Key Points" not in found.get("d", set())


def test_unknown_names_lists_whole_names_not_fragments(tmp_path):
    text = "Head line\n\nOn Monday, Blinken met Nicholas Burns and Wang Yi in Beijing, and Burns spoke later.\n"
    names = set(readout.unknown_names(small_corpus(tmp_path, {"a.txt": text}))["name"])
    assert "Nicholas Burns" in names and "Wang Yi" in names
    assert "Yi" not in names and "Nicholas" not in names


def test_suggested_actors_are_a_draft_codebook(tmp_path):
    from readout.analysis.actor_suggestions import SUGGESTION_COLUMNS, suggest_actors, write_actor_suggestions
    from readout.cli import main

    text = (
        "Head line\n\n"
        'Chen Ming, a researcher at the Harbour Institute, said talks were "useful." Chen added more.\n\n'
        "Chinese Foreign Ministry spokeswoman Hua Jing said China was ready.\n"
    )
    corpus = small_corpus(tmp_path, {"a.txt": text})
    table = suggest_actors(corpus)
    assert list(table.columns) == SUGGESTION_COLUMNS
    rows = table.set_index("actor")
    assert rows.loc["Chen Ming", "side"] == "Other" and rows.loc["Chen Ming", "aliases"] == "Chen"
    assert rows.loc["Chen Ming", "n_mentions"] == 2 and "researcher" in rows.loc["Chen Ming", "role"]
    assert rows.loc["Hua Jing", "side"] == "China"
    assert rows.loc["Harbour Institute", "kind"] == "institution"
    assert "useful" in rows.loc["Chen Ming", "example"]
    out = tmp_path / "draft.csv"
    assert write_actor_suggestions(corpus, out).equals(table)
    assert main(["actors", "suggest", "--corpus", str(corpus.folder), "--out", str(tmp_path / "cli.csv")]) == 0
    assert pd.read_csv(tmp_path / "cli.csv")["actor"].tolist() == table["actor"].tolist()


def test_a_dated_alias_names_the_later_holder_of_an_office_from_its_date(tmp_path):
    text = 'Jakarta meeting\n\nChina\'s foreign minister told Blinken that both sides should "keep the lines open."\n'
    header = "article_id,file,outlet,headline,published\n"
    rows = "early,early.txt,Paper,Jakarta meeting,2023-07-14\nlate,late.txt,Paper,Jakarta meeting,2023-07-26\n"
    corpus = readout.load_corpus(write_corpus(tmp_path / "c", {"early.txt": text, "late.txt": text}, header + rows))
    quotes = extract_quotes(corpus).set_index("article_id")
    assert quotes.loc["early", "speaker"] == "Qin Gang"
    assert quotes.loc["late", "speaker"] == "Wang Yi"  # foreign minister again from 25 July 2023
    bad = tmp_path / "actors.csv"
    bad.write_text(
        "actor,kind,side,role,aliases,notes\nA B,person,US,x,the minister [since 2023-07-25],\n", encoding="utf-8"
    )
    with pytest.raises(CodebookError, match=r"a dated alias is written 'words \[from YYYY-MM-DD\]'"):
        load_codebook(bad)


def test_two_holders_of_the_family_name_burns_are_told_apart_by_title(tmp_path):
    texts = {
        "e.txt": 'Embassy\n\nAmbassador Burns said the embassy was "ready for the next visit."\n',
        "c.txt": 'Agency\n\nDirector Burns told lawmakers the channel was "still open."\n',
    }
    quotes = extract_quotes(readout.load_corpus(write_corpus(tmp_path / "c", texts))).set_index("article_id")
    assert quotes.loc["e", "speaker"] == "Nicholas Burns"  # the ambassador, not the CIA director
    assert quotes.loc["c", "speaker"] == "Bill Burns"
