"""Quote scanning, attribution and the ledger's agreement with the hand labels."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import readout
from readout.analysis.quote_accuracy import evaluate_quotes, load_quote_labels
from readout.analysis.quote_spans import classify_kind, scan_quotes
from readout.analysis.quotes import QUOTE_COLUMNS, extract_quotes


def spans(text):
    return [text[q.start : q.end] for q in scan_quotes(text)]


# --------------------------------------------------------------------------- quote marks


def test_curly_doubles_and_apostrophes():
    text = "China’s minister said the U.S. must “show respect” and “stop interfering,” he said."
    assert spans(text) == ["show respect", "stop interfering,"]


def test_curly_singles_in_a_headline_are_quotes_but_apostrophes_are_not():
    text = "US official: Blinken not seeking ‘deliverables’ in the countries’ talks; we’ll see"
    assert spans(text) == ["deliverables"]


def test_straight_doubles_and_straight_apostrophes():
    text = "\"I'm confident that, over time, that's going to happen. But we're not there yet,\" Austin said."
    assert spans(text) == ["I'm confident that, over time, that's going to happen. But we're not there yet,"]


def test_mixed_pair_straight_open_curly_close_keeps_nested_singles_inside():
    text = "Wang said that \"the U.S. views China as its 'primary rival' and 'a challenge.' This is wrong.” Later."
    found = scan_quotes(text)
    assert len(found) == 1
    assert (
        text[found[0].start : found[0].end]
        == "the U.S. views China as its 'primary rival' and 'a challenge.' This is wrong."
    )
    assert found[0].opening == '"' and found[0].closing == "”"


def test_curly_nested_single_inside_double():
    text = "He said “they used the words ‘to stop the spiral,’” he explained."
    assert spans(text) == ["they used the words ‘to stop the spiral,’"]


def test_unclosed_quote_runs_to_end_of_paragraph():
    text = "“But I do think we need to be realistic,” he said. “We're not going to Beijing for a breakthrough.\n"
    found = scan_quotes(text)
    assert spans(text) == ["But I do think we need to be realistic,", "We're not going to Beijing for a breakthrough."]
    assert found[1].closing == "" and not found[1].closed


def test_a_single_quoted_paragraph_left_open_runs_on_to_the_next_but_an_inner_one_does_not():
    # the British way of quoting two paragraphs: the first is not closed, the next reopens the mark
    text = "‘For twenty years we were told to choose. We never chose.\n"
    assert spans(text) == ["For twenty years we were told to choose. We never chose."]
    assert not scan_quotes(text)[0].closed
    assert spans("Ministers said the ‘open door is open. It was.\n") == []  # not at the paragraph's start
    assert spans("‘Ordinary words’ matter, he said.") == ["Ordinary words"]


def test_plural_possessive_is_not_a_closing_mark_without_an_opener():
    assert spans("Expectations are low that the two countries’ fraught relationship will change.") == []


def test_elided_decade_is_not_an_opening_mark():
    assert spans("Ties were warmer in the ’90s and the '80s.") == []


# --------------------------------------------------------------------------- kind


def test_kind_rules():
    assert classify_kind("“We are ready,” she said.", 1, 13) == "full"
    assert classify_kind("He wants “open and empowered” channels.", 10, 28) == "partial"
    assert classify_kind("Glaser said: “talks matter”.", 14, 26) == "full"
    # fragment that runs on past a sentence end quotes whole sentences
    text = "Both wanted “channels open. Talks matter,” he said."
    assert classify_kind(text, 13, 41) == "full"
    assert classify_kind("‘Show respect’", 1, 13, role="headline") == "partial"
    assert classify_kind("A so-called “peace plan” was aired.", 12, 22, attributed=False) == "scare"


# --------------------------------------------------------------------------- the ledger on hand-made corpora


def _write_corpus(tmp_path, text, name="a.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return readout.load_corpus(tmp_path)


ARTICLE = """Envoy: talks will be ‘candid’

By Staff

The U.S. Secretary of State Antony Blinken arrived in Beijing on Sunday for talks with officials.

“We are here to manage the competition responsibly,” Blinken told reporters at a news conference. “We will be candid.”

Chinese Ministry of Foreign Affairs spokesperson Wang Wenbin said the United States should stop its “bullying.”

He added that Beijing wanted “stable and healthy” relations.

“Dialogue is better than confrontation.”

Qin urged Washington to respect China’s “core interests,” according to a readout issued by China’s foreign ministry.

The talks were “candid,” said Kurt Campbell, the White House Indo-Pacific coordinator.

In a tweet, Blinken said the talks were “productive.”

Officials said the meeting was “a first step.”
"""


def _ledger_of(tmp_path_factory, text):
    corpus = _write_corpus(tmp_path_factory.mktemp("toy"), text)
    return corpus, extract_quotes(corpus)


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    return _ledger_of(tmp_path_factory, ARTICLE)


def test_ledger_columns_and_exact_offsets(toy):
    corpus, ledger = toy
    assert list(ledger.columns) == QUOTE_COLUMNS
    for row in ledger.itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.text
    assert ledger["quote_id"].is_unique


def _row(ledger, text):
    hits = ledger[ledger["text"] == text]
    assert len(hits) == 1, (text, ledger["text"].tolist())
    return hits.iloc[0]


def test_explicit_and_continuation_with_channel(toy):
    _, ledger = toy
    first = _row(ledger, "We are here to manage the competition responsibly,")
    assert (first.speaker, first.attribution, first.cue, first.kind) == ("Antony Blinken", "explicit", "told", "full")
    assert first.channel == "press conference"
    second = _row(ledger, "We will be candid.")
    assert (second.speaker, second.attribution) == ("Antony Blinken", "continuation")


def test_title_only_speaker_pronoun_and_previous_paragraph(toy):
    _, ledger = toy
    assert _row(ledger, "bullying.").speaker == "Wang Wenbin"
    pron = _row(ledger, "stable and healthy")
    assert (pron.speaker, pron.attribution, pron.cue) == ("Wang Wenbin", "pronoun", "added")
    cont = _row(ledger, "Dialogue is better than confrontation.")
    assert (cont.speaker, cont.attribution, cont.speaker_side) == ("Wang Wenbin", "continuation", "China")


def test_verb_beats_according_to_and_readout_channel(toy):
    _, ledger = toy
    row = _row(ledger, "core interests,")
    assert (row.speaker, row.attribution, row.channel) == ("Qin Gang", "explicit", "readout")


def test_inverted_said_tweet_officials_and_headline(toy):
    _, ledger = toy
    inverted = _row(ledger, "candid,")
    assert (inverted.speaker, inverted.cue) == ("Kurt Campbell", "said")
    tweet = _row(ledger, "productive.")
    assert (tweet.speaker, tweet.channel) == ("Antony Blinken", "tweet")
    bare = _row(ledger, "a first step.")  # no side is named anywhere near: no default side either
    assert (bare.speaker, bare.speaker_side) == ("officials", "Unknown")
    head = _row(ledger, "candid")  # headline: "Envoy:" is not in the codebook, so the body quote decides
    assert (head.attribution, head.speaker) == ("headline", "Kurt Campbell")


def test_unattributed_quote(tmp_path):
    corpus = _write_corpus(
        tmp_path, "Headline here\n\nBlinken heads to London for a conference to “help Ukraine recover.”\n"
    )
    ledger = extract_quotes(corpus)
    assert ledger["speaker"].tolist() == ["UNATTRIBUTED"]
    assert ledger["speaker_side"].tolist() == ["Unknown"]
    assert ledger["attribution"].tolist() == ["none"]


# --------------------------------------------------------------------------- the seeds against the hand labels


@pytest.fixture(scope="module")
def seeds():
    corpus = readout.load_corpus()
    return corpus, extract_quotes(corpus), load_quote_labels()


def test_labels_have_exact_offsets(seeds):
    corpus, _, labels = seeds
    assert len(labels) > 50
    for row in labels.itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.text


def test_seed_accuracy_per_article(seeds):
    _, ledger, labels = seeds
    scores = evaluate_quotes(ledger, labels)
    per_article = scores[scores["article_id"] != "ALL"]
    assert set(per_article["article_id"]) == set(labels["article_id"])
    assert (per_article["recall"] >= 0.95).all(), per_article
    assert (per_article["speaker_accuracy"] >= 0.90).all(), per_article


def test_nested_primary_rival_stays_inside_and_has_its_own_row(seeds):
    corpus, ledger, _ = seeds
    outer = ledger[ledger["text"].str.contains("'primary rival'", regex=False)]
    assert len(outer) == 1
    assert outer.iloc[0]["speaker"] == "Wang Wenbin" and outer.iloc[0]["nested_in"] == ""
    inner = ledger[ledger["text"] == "primary rival"].iloc[0]
    assert inner["nested_in"] == outer.iloc[0]["quote_id"]
    assert inner["speaker"] != "Wang Wenbin" and inner["kind"] == "scare"  # the U.S. phrase he holds up is not his


def test_unclosed_quote_at_end_of_rfa_article(seeds):
    corpus, ledger, _ = seeds
    rfa = corpus.articles.loc[corpus.articles["outlet"] == "RFA", "article_id"].iloc[0]
    raw = corpus.raw[rfa]
    last = ledger[ledger["article_id"] == rfa].iloc[-1]
    assert last["text"].startswith("We're not going to Beijing")
    assert raw[last["end"]] == "\n"  # no closing mark: the quote ends with its paragraph
    assert last["speaker"] == "Daniel Kritenbrink"


def test_evaluate_counts_a_miss_and_a_wrong_speaker():
    labels = pd.DataFrame(
        [("a", 0, 10, "x" * 10, "A", "full"), ("a", 20, 30, "y" * 10, "B", "partial")],
        columns=["article_id", "start", "end", "text", "speaker", "kind"],
    )
    ledger = pd.DataFrame(
        [
            ("a-q001", "a", 0, 0, 10, "x" * 10, "C", "US", "said", "explicit", "full", "", True, ""),
            ("a-q002", "a", 0, 2, 8, "x" * 6, "A", "US", "", "explicit", "scare", "", True, "a-q001"),
        ],
        columns=QUOTE_COLUMNS,
    )
    scores = evaluate_quotes(ledger, labels).set_index("article_id")  # the nested row is not matched to "A"
    assert scores.loc["a", "recall"] == 0.5
    assert scores.loc["a", "speaker_accuracy"] == 0.0
    assert scores.loc["a", "exact_span"] == 0.5


SECOND = """Talks resume in Beijing

Secretary Blinken met Foreign Minister Qin Gang on Sunday. “We have a lot to discuss.”

Janet Yellen arrived the next day.

“Decoupling would be a big mistake.”

A Chinese embassy spokesperson said Washington should “stop the smears.”

The State Department said the meeting was “candid and productive.”

“The first paragraph of a long statement,” Kurt Campbell said. “It goes on

“and on, across paragraphs.”
"""


@pytest.fixture(scope="module")
def toy2(tmp_path_factory):
    return _ledger_of(tmp_path_factory, SECOND)


def test_speaker_named_in_previous_sentence_or_paragraph(toy2):
    _, ledger = toy2
    same = _row(ledger, "We have a lot to discuss.")
    assert (same.speaker, same.attribution) == ("Antony Blinken", "continuation")  # subject of the sentence before
    prev = _row(ledger, "Decoupling would be a big mistake.")
    assert (prev.speaker, prev.attribution) == ("Janet Yellen", "continuation")


def test_unnamed_spokesperson_takes_the_side_its_words_name(toy2):
    _, ledger = toy2
    # "A Chinese embassy spokesperson", the embassy placed nowhere: China's foreign ministry speaks through it
    smears = _row(ledger, "stop the smears.")
    assert (smears.speaker, smears.speaker_side) == ("Chinese Ministry of Foreign Affairs", "China")
    assert _row(ledger, "candid and productive.").speaker == "U.S. Department of State"


def test_quote_running_across_paragraphs(toy2):
    corpus, ledger = toy2
    open_ended = _row(ledger, "It goes on")
    assert open_ended.speaker == "Kurt Campbell"
    follow = _row(ledger, "and on, across paragraphs.")
    assert (follow.speaker, follow.attribution) == ("Kurt Campbell", "continuation")


def test_channels_named_by_the_text(tmp_path):
    text = (
        "Channels\n\n"
        "“Talks matter,” Glaser told VOA.\n\n"
        "“We act,” McCaul said in a statement.\n\n"
        "Yellen told the House Financial Services Committee that “decoupling would be a mistake.”\n\n"
        "Wang Wenbin said during a Wednesday briefing that the U.S. should “take concrete actions.”\n\n"
        "“We will meet,” Austin said.\n"
    )
    ledger = extract_quotes(_write_corpus(tmp_path, text)).set_index("text")
    assert ledger.loc["Talks matter,", "channel"] == "interview"
    assert ledger.loc["We act,", "channel"] == "statement"
    assert ledger.loc["decoupling would be a mistake.", "channel"] == "hearing"
    assert ledger.loc["take concrete actions.", "channel"] == "briefing"
    assert ledger.loc["We will meet,", "channel"] == ""
    assert ledger["speaker"].tolist() == [
        "Bonnie Glaser",
        "Michael McCaul",
        "Janet Yellen",
        "Wang Wenbin",
        "Lloyd Austin",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n“”‘’\"'", max_size=60))
def test_scan_quotes_spans_are_ordered_disjoint_and_inside_the_text(text):
    found = scan_quotes(text)
    last_end = -1
    for q in found:
        assert 1 <= q.start < q.end <= len(text)
        assert text[q.start - 1] == q.opening
        if q.closed:
            assert text[q.end] == q.closing
        assert q.start - 1 >= last_end
        last_end = q.end + (1 if q.closed else 0)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["China’s", "we'll", "don’t", "it's", "talks", "the", "U.S."]), max_size=12))
def test_words_with_apostrophes_never_make_a_quote(words):
    assert scan_quotes(" ".join(words)) == []


# --------------------------------------------------------------------------- open-world speakers, written here

OPEN_WORLD = """Beijing and Washington trade words

BEIJING (Coastline Wire) - Chinese Foreign Ministry spokeswoman Hua Jing said on Tuesday that the U.S. must "stop smearing China." "Dialogue needs respect," the spokeswoman added.

Tom Hardy, a fellow at the Harbour Institute, said: "Both sides want a pause." "Neither wants a fight," said Hardy. "That is new."

Defense Minister Li Shangfu declined to meet his counterpart. A State Department spokesperson said the United States would "keep asking" for talks.

Premier Li Qiang told investors China was "open for business." Li, who took office in March, added that "walls help nobody."

Blinken said he had raised the detained Americans, whose cases Beijing calls "lawful handling."

Officials in Beijing said the visit was "a good start."

The so-called "Harbour Accord" was not discussed.
"""


@pytest.fixture(scope="module")
def open_world(tmp_path_factory):
    return _ledger_of(tmp_path_factory, OPEN_WORLD)


def test_speakers_outside_the_codebook_are_found_with_their_side(open_world):
    _, ledger = open_world
    smear = _row(ledger, "stop smearing China.")
    assert (smear.speaker, smear.speaker_side, bool(smear.in_codebook)) == ("Hua Jing", "China", False)
    assert _row(ledger, "Dialogue needs respect,").speaker == "Hua Jing"  # "the spokeswoman"
    hardy = _row(ledger, "Both sides want a pause.")
    assert (hardy.speaker, hardy.speaker_side, hardy.cue) == ("Tom Hardy", "Other", "said")  # colon attribution
    assert _row(ledger, "Neither wants a fight,").speaker == "Tom Hardy"
    assert _row(ledger, "That is new.").speaker == "Tom Hardy"  # '..., said Hardy. "..."'


def test_a_family_name_two_people_share_goes_to_the_one_the_text_is_about(open_world):
    _, ledger = open_world
    assert _row(ledger, "open for business.").speaker == "Li Qiang"
    assert _row(ledger, "walls help nobody.").speaker == "Li Qiang"
    # the spokesperson quoted beside a Chinese minister is the State Department
    keep = _row(ledger, "keep asking")
    assert (keep.speaker, keep.speaker_side) == ("U.S. Department of State", "US")


def test_a_quotation_in_a_clause_goes_to_that_clauses_actor_and_a_title_to_nobody(open_world):
    _, ledger = open_world
    lawful = _row(ledger, "lawful handling.")
    assert (lawful.speaker, lawful.speaker_side) == ("Chinese Ministry of Foreign Affairs", "China")
    assert _row(ledger, "a good start.").speaker == "Chinese officials"  # officials in Beijing
    accord = _row(ledger, "Harbour Accord")
    assert (accord.speaker, accord.kind) == ("UNATTRIBUTED", "scare")


TRANSCRIPT = """Transcript: Ambassador Nicholas Burns on "Night Desk"

The following is an interview with U.S. Ambassador to China Nicholas Burns. The program is hosted by Ana Ruiz.

ANCHOR: Ambassador, is this what you would call "a reset"?

AMBASSADOR BURNS: No. My friend Bill Burns likes to say that intelligence is "the first line of defense." I would call this "managed competition."
"""


def test_transcript_turns_moderators_and_titles(tmp_path_factory):
    corpus = _write_corpus(tmp_path_factory.mktemp("tv"), TRANSCRIPT, name="tv.txt")
    (corpus.folder / "articles.csv").write_text(
        'article_id,file,outlet,headline,doc_kind,voice\ntv,tv.txt,Night Desk,"Transcript",transcript,\n',
        encoding="utf-8",
    )
    corpus = readout.load_corpus(corpus.folder)
    ledger = extract_quotes(corpus)
    assert _row(ledger, "a reset").speaker == "Ana Ruiz"  # the host's own framing ("you would call")
    assert _row(ledger, "the first line of defense.").speaker == "Bill Burns"
    assert _row(ledger, "managed competition.").speaker == "Nicholas Burns"  # the ambassador, not the CIA director
    assert _row(ledger, "Night Desk").speaker == "UNATTRIBUTED"


def test_an_official_readout_speaks_in_its_institutional_voice(tmp_path):
    text = (
        "Secretary Blinken's Meeting with Foreign Minister Qin Gang\n\n"
        "The following readout is attributable to Spokesperson Matthew Miller:\n\n"
        "Secretary Blinken met Foreign Minister Qin Gang in Beijing. "
        'The Secretary underscored the need to keep "open lines of communication." '
        'He also raised the cases of "wrongfully detained" Americans.\n'
    )
    corpus = _write_corpus(tmp_path, text)
    ledger = extract_quotes(corpus).set_index("text")
    assert ledger.loc["open lines of communication.", "speaker"] == "Antony Blinken"
    assert ledger.loc["wrongfully detained", "speaker"] == "UNATTRIBUTED"  # a designation held up, no one's words
    from readout.analysis.quotes import document_units

    units = document_units(corpus)
    assert set(units["layer"]) == {"official"} and set(units["side"]) == {"US"}
    assert len(units) == 3  # the sentences after the line naming the spokesperson
