"""Speaker rules for titles, appositions and nominal references, each on a short text
written for the rule (the challenge set measures them together)."""

from __future__ import annotations

import pytest

from conftest import load_texts
from readout.analysis.quotes import extract_quotes

TEXTS = {
    "honorific": (
        "Analysts weigh the talks\n\n"
        'Dr Alma Reyes, an economist at Larchmont University, said: "Trade will recover before politics does."\n'
    ),
    "two_lis": (
        "Two Lis, two messages\n\n"
        "Premier Li Qiang met foreign bankers in Shanghai on Tuesday. Defense Minister Li Shangfu spoke at a "
        "security forum the same week.\n\n"
        'Li, the premier, told the bankers that China would "stay open to the world."\n'
    ),
    "the_diplomat": (
        "Guardrails, again\n\n"
        "Wang Yi, the party's top diplomat, told Blinken on Monday that the two countries must \"treat each "
        'other as equals." "Equals do not lecture each other," the diplomat added.\n'
    ),
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return extract_quotes(load_texts(tmp_path_factory.mktemp("rules"), TEXTS))


def _speaker(ledger, article, text):
    rows = ledger[(ledger.article_id == article) & (ledger.text == text)]
    assert len(rows) == 1, ledger[ledger.article_id == article]
    return rows.iloc[0].speaker


def test_an_honorific_without_a_full_stop_is_not_part_of_the_name(ledger):
    assert _speaker(ledger, "honorific", "Trade will recover before politics does.") == "Alma Reyes"


def test_a_description_after_a_shared_surname_picks_its_holder(ledger):
    assert _speaker(ledger, "two_lis", "stay open to the world.") == "Li Qiang"


def test_a_nominal_reference_prefers_the_person_who_last_spoke(ledger):
    assert _speaker(ledger, "the_diplomat", "Equals do not lecture each other,") == "Wang Yi"


def test_a_group_phrase_does_not_reach_back_into_the_sentence_before(tmp_path):
    text = "Brussels watches\n\nThe union met. An EU diplomat said the talks would \u201creduce the noise\u201d around trade.\n"
    quotes = extract_quotes(load_texts(tmp_path, {"eu": text}))
    assert _speaker(quotes, "eu", "reduce the noise") == "EU diplomat"


def test_a_description_of_a_named_person_is_not_a_second_actor(tmp_path):
    from readout.analysis.mentions import find_mentions

    texts = {
        "fronted": "A visit\n\nThe most senior US official to travel there in years, Blinken arrived on Sunday.\n",
        "after": "A visit\n\nBlinken, the top US official in the room, said little. A US official later briefed reporters.\n",
    }
    mentions = find_mentions(load_texts(tmp_path, texts))
    actors = mentions.groupby("article_id")["actor"].apply(list).to_dict()
    assert actors["fronted"] == ["Antony Blinken"]
    assert actors["after"] == ["Antony Blinken", "U.S. officials"]  # the second official is someone else
