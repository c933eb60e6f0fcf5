"""Speaker rules for titles, appositions and nominal references, each on a short text
written for the rule (the challenge set measures them together)."""

from __future__ import annotations

import pytest

import readout
from conftest import load_texts, write_corpus
from readout.analysis.mentions import find_mentions
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
    return _ledger(tmp_path_factory.mktemp("rules"), TEXTS)


def _one_document(tmp_path, text, row):
    """The quote ledger of one document ``d.txt`` with its ``articles.csv`` row."""
    header = "article_id,file,outlet,headline,published,doc_kind,voice\n"
    return extract_quotes(readout.load_corpus(write_corpus(tmp_path / "doc", {"d.txt": text}, header + row + "\n")))


def _ledger(tmp_path, texts):
    """The quote ledger of ``texts`` (article id -> text), loaded as a corpus without metadata."""
    return extract_quotes(load_texts(tmp_path, texts))


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
    quotes = _ledger(tmp_path, {"eu": text})
    assert _speaker(quotes, "eu", "reduce the noise") == "EU diplomat"


def test_a_sentence_ending_in_a_number_ends_a_group_phrase_too(tmp_path):
    # "on August 1. The spokeswoman" is two sentences: the nominal still finds the spokeswoman named before
    text = (
        "Metals\n\nGao Lin, a spokeswoman for the trade ministry, spoke in July. Curbs on gallium took effect on "
        "August 1. The spokeswoman said they were \u201cin line with practice.\u201d\n"
    )
    quotes = _ledger(tmp_path, {"gallium": text})
    assert _speaker(quotes, "gallium", "in line with practice.") == "Gao Lin"


def test_a_description_of_a_named_person_is_not_a_second_actor(tmp_path):
    texts = {
        "fronted": "A visit\n\nThe most senior US official to travel there in years, Blinken arrived on Sunday.\n",
        "after": "A visit\n\nBlinken, the top US official in the room, said little. A US official later briefed reporters.\n",
    }
    mentions = find_mentions(load_texts(tmp_path, texts))
    actors = mentions.groupby("article_id")["actor"].apply(list).to_dict()
    assert actors["fronted"] == ["Antony Blinken"]
    assert actors["after"] == ["Antony Blinken", "U.S. officials"]  # the second official is someone else


CLAUSES = {
    "agents": (
        "A rebuke\n\n"
        'Beijing on Monday condemned Senator Ruth Calloway for calling the talks "a surrender." '
        'Officials said remarks by Calloway describing the envoy as "naive" were "irresponsible."\n'
    ),
    "possessive": (
        "Calloway's 'surrender' jibe draws a reply, ministry calls it 'absurd'\n\n"
        'Senator Ruth Calloway spoke on Sunday. Calloway\'s offhand use of the word "surrender" began the spat.\n'
    ),
    "title": (
        "A report\n\n"
        "Senator Ruth Calloway raised the findings, which were set out at length in the annual "
        '"Review of Maritime Incidents in the Western Pacific," with the envoy.\n'
    ),
}


@pytest.fixture(scope="module")
def clauses(tmp_path_factory):
    return _ledger(tmp_path_factory.mktemp("clauses"), CLAUSES)


def test_a_participle_speaks_for_the_object_before_for_and_the_author_after_by(clauses):
    assert _speaker(clauses, "agents", "a surrender.") == "Ruth Calloway"
    assert _speaker(clauses, "agents", "naive") == "Ruth Calloway"


def test_a_main_verb_after_a_participle_ends_its_reach(clauses):
    assert _speaker(clauses, "agents", "irresponsible.") != "Ruth Calloway"


def test_a_possessive_noun_of_speech_holds_the_quotation_inside_it(clauses):
    rows = clauses[clauses.article_id == "possessive"].set_index("para_id")
    headline, body = rows.loc[[0]], rows.loc[1]
    assert list(headline.text) == ["surrender", "absurd"]
    assert headline.speaker.iloc[0] == "Ruth Calloway"  # the jibe's own word
    assert headline.speaker.iloc[1] != "Ruth Calloway"  # after "calls it": not the jibe
    assert body.speaker == "Ruth Calloway"  # "use of the word" is a use, not a mention


def test_a_title_takes_no_speaker_from_a_verb_far_before_it(clauses):
    assert _speaker(clauses, "title", "Review of Maritime Incidents in the Western Pacific,") == "UNATTRIBUTED"


def test_a_transcript_label_without_a_name_elsewhere_loses_its_title(tmp_path):
    text = (
        "Regular press conference, June 20\n\n"
        "QUESTION: Will the talks continue?\n\n"
        'SPOKESPERSON LIN HUA: We have said that "dialogue is better than confrontation."\n'
    )
    row = "d,d.txt,Ministry of Foreign Affairs,Regular press conference,2023-06-20,transcript,China"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "dialogue is better than confrontation.") == "Lin Hua"


MORE = {
    "aside": (
        "Ties\n\n"
        "Talks resumed weeks after Wang Yi, now back as foreign minister, told Blinken that curbs were "
        '"a major obstacle."\n'
    ),
    "envoys": (
        "Climate\n\n"
        "Xie Zhenhua, China's climate envoy, met Special Presidential Envoy John Kerry. Xie said the two "
        'envoys "will stay in touch." The U.S. envoy said the world had to act "with urgency."\n'
    ),
    "quoted_as": (
        "Talks\n\n"
        "An article carried by the state news agency quoted Vice Premier He Lifeng as saying the talks were "
        '"constructive." Blinken assured his hosts that the United States "seeks no new cold war."\n'
    ),
}


@pytest.fixture(scope="module")
def more(tmp_path_factory):
    return _ledger(tmp_path_factory.mktemp("more"), MORE)


def test_the_name_before_an_aside_is_the_subject(more):
    assert _speaker(more, "aside", "a major obstacle.") == "Wang Yi"


def test_a_person_after_a_run_of_title_words_and_a_nominal_of_one_side(more):
    assert _speaker(more, "envoys", "will stay in touch.") == "Xie Zhenhua"
    assert _speaker(more, "envoys", "with urgency.") == "John Kerry"


def test_quoted_as_saying_and_assured(more):
    assert _speaker(more, "quoted_as", "constructive.") == "He Lifeng"
    assert _speaker(more, "quoted_as", "seeks no new cold war.") == "Antony Blinken"


def test_an_official_document_speaks_for_the_body_its_outlet_names(tmp_path):
    text = 'Readout of a meeting\n\nThe Secretary called the meeting "candid and productive."\n'
    row = "d,d.txt,U.S. Department of Commerce,Readout of a meeting,2023-08-28,official_readout,US"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "candid and productive.") == "U.S. Department of Commerce"


def test_an_interview_turn_addresses_the_other_speaker_and_a_held_up_term_is_nobodys(tmp_path):
    text = (
        "Interview\n\n"
        'DANA REYES: You told reporters that you see this as "a long-term project." Will you be back?\n\n'
        'JANET YELLEN: I expect so. Some people keep talking about "decoupling." We do not.\n'
    )
    row = "d,d.txt,Channel Nine,Interview,2023-07-09,transcript,"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "a long-term project.") == "Janet Yellen"
    assert _speaker(quotes, "d", "decoupling.") == "UNATTRIBUTED"


def test_a_descriptor_that_speaks_before_a_comma_stays_an_actor(tmp_path):
    text = "A visit\n\nA US official said on Tuesday, Blinken would not meet the defense minister.\n"
    actors = find_mentions(load_texts(tmp_path, {"said": text}))["actor"].tolist()
    assert actors[:2] == ["U.S. officials", "Antony Blinken"]


def test_the_secretary_in_a_department_briefing_is_the_head_of_that_department(tmp_path):
    # no Secretary is named: the codebook's Secretary of State heads the document's institution,
    # and "he" in the next sentence is the Secretary the sentence before was about
    text = (
        "Department Press Briefing\n\n"
        "MR PARKS: Good afternoon. The Secretary spoke with two counterparts this morning. As he said last "
        'week, "We will keep every channel open." Next, as the Secretary has put it, "the stakes are high."\n\n'
        "QUESTION: Thanks. What about the talks?\n"
    )
    row = "d,d.txt,U.S. Department of State,Department Press Briefing,2023-07-26,transcript,US"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "We will keep every channel open.") == "Antony Blinken"
    assert _speaker(quotes, "d", "the stakes are high.") == "Antony Blinken"


def test_the_spokesperson_of_a_statement_is_its_body_not_a_spokesperson_it_never_names(tmp_path):
    text = (
        "Remarks on the order\n\n"
        'A spokesperson of the Ministry of Commerce made the following remarks:\n\n"We are gravely concerned."\n\n'
        'The spokesperson added that China "will follow developments closely."\n'
    )
    row = "d,d.txt,Ministry of Commerce of the People's Republic of China,Remarks,2023-08-10,official_statement,China"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "will follow developments closely.") == "Chinese Ministry of Commerce"


def test_a_bare_spokesperson_speaks_for_the_body_just_named_never_for_a_medium(tmp_path):
    texts = {
        "body": (
            "Talks\n\nThe Chinese foreign ministry welcomed the visit. A spokesperson said China "
            "supported \u201copen channels\u201d between the two powers.\n"
        ),
        "medium": (
            "Talks\n\nReuters reported the visit on Monday. A spokesperson said the two sides "
            "wanted \u201copen channels\u201d in the future.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "body", "open channels") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "medium", "open channels") == "UNATTRIBUTED"


def test_the_ministry_is_the_body_named_before_or_the_one_its_words_and_the_story_fit(tmp_path):
    texts = {
        "named": (
            "Talks\n\nThe Chinese foreign ministry spoke on Monday. On Tuesday, the ministry said the talks "
            "were \u201ccandid and constructive\u201d in tone.\n"
        ),
        "side": "Removed\n\nQin Gang was removed. The foreign ministry said it was \u201ca normal arrangement\u201d.\n",
        "unclear": "Talks\n\nBlinken met Wang Yi. The ministry said the talks were \u201cfrank\u201d in tone.\n",
        "us_side": "Talks\n\nBlinken landed. The foreign ministry said the visit was \u201cwelcome\u201d at last.\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "named", "candid and constructive") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "side", "a normal arrangement") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "unclear", "frank") == "UNATTRIBUTED"  # which ministry is not said
    assert _speaker(quotes, "us_side", "welcome") == "UNATTRIBUTED"  # Washington has no foreign ministry


def test_referred_to_as_and_talked_about_are_reporting_cues(tmp_path):
    texts = {
        "referred": "A word\n\nOn Tuesday Blinken referred to the meetings as \u201ccandid and constructive\u201d in Beijing.\n",
        "talked": "A call\n\nAnd Austin, by the Pentagon's account, talked about \u201ckeeping the channels open\u201d all year.\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "referred", "candid and constructive") == "Antony Blinken"
    assert _speaker(quotes, "talked", "keeping the channels open") == "Lloyd Austin"


def test_a_title_that_names_its_field_ends_where_the_name_begins(tmp_path):
    text = (
        "Titles\n\nSpecial Envoy for Climate Arlo Pennick said the talks were \u201cfrank and useful.\u201d "
        "Minister of Ecology and Environment Huang Runqiu said the two sides were \u201cclose.\u201d "
        "Minister of Commerce Wang Wentao said it was \u201ca start.\u201d\n"
    )
    corpus = load_texts(tmp_path, {"field": text})
    quotes = extract_quotes(corpus)
    assert _speaker(quotes, "field", "frank and useful.") == "Arlo Pennick"  # not "Climate Arlo Pennick"
    assert _speaker(quotes, "field", "close.") == "Huang Runqiu"
    assert _speaker(quotes, "field", "a start.") == "Wang Wentao"  # the codebook name after a field word
    assert set(find_mentions(corpus)["actor"]) == {"Arlo Pennick", "Huang Runqiu", "Wang Wentao"}


def test_a_paragraph_ending_in_a_colon_hands_its_subject_the_quotation_that_follows(tmp_path):
    texts = {
        "verbless": (
            "Talks\n\nWashington announced new tariffs on Monday. During his talks with Blinken, Foreign Minister "
            'Wang Yi laid out his concerns frankly:\n\n"Since last year the relationship has begun to stabilize."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "verbless", "Since last year the relationship has begun to stabilize.") == "Wang Yi"


def test_a_body_named_without_its_country_in_its_own_statement_is_the_document_body(tmp_path):
    text = (
        "Remarks on tariffs\n\nOn May 14, the U.S. side announced further tariff increases. A spokesperson for the "
        'Ministry of Commerce made the following remarks:\n\n"China firmly opposes this decision."\n'
    )
    row = "d,d.txt,Ministry of Commerce of the People's Republic of China,Remarks,2024-05-14,official_statement,China"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "China firmly opposes this decision.") == "Chinese Ministry of Commerce"


def test_a_general_secretary_is_not_the_secretary_of_a_state_department_briefing(tmp_path):
    text = (
        "Department Press Briefing\n\n"
        "MR PARKS: The President's meeting with President Xi lasted four hours, and the Secretary, who was in "
        'the room, told me it was "as businesslike a conversation as any."\n\nQUESTION: Thanks.\n'
    )
    row = "d,d.txt,U.S. Department of State,Department Press Briefing,2023-11-16,transcript,US"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "as businesslike a conversation as any.") == "Antony Blinken"


def test_coast_guards_commands_and_armies_are_organisations_that_speak(tmp_path):
    text = (
        "Shoal\n\nThe China Coast Guard said it had taken \u201cnecessary control measures\u201d on Sunday. "
        "The Eastern Theater Command said its drills were \u201ca stern warning\u201d to separatists.\n"
    )
    quotes = _ledger(tmp_path, {"guard": text})
    assert _speaker(quotes, "guard", "necessary control measures") == "China Coast Guard"
    assert _speaker(quotes, "guard", "a stern warning") == "Eastern Theater Command"


def test_a_body_named_once_before_its_claim_is_found_and_speaks(tmp_path):
    text = (
        "Shoal\n\nThe Sea Patrol Command's claim that the boats \u201centered without permission\u201d has no "
        "basis in law.\n"
    )
    quotes = _ledger(tmp_path, {"claim": text})
    assert _speaker(quotes, "claim", "entered without permission") == "Sea Patrol Command"


def test_a_family_name_at_a_sentence_end_is_still_part_of_the_longer_name(tmp_path):
    # "Premier Li" is not the codebook's Li Shangfu when the name runs on to "Li Qiang."
    text = (
        "Visit\n\nYellen met Vice Premier He Lifeng and Premier Li Qiang. Li told her that growth was "
        "\u201ca market to sell into.\u201d\n\nLi Dongping, an economist, disagreed. \u201cNot so,\u201d Li said.\n"
    )
    quotes = _ledger(tmp_path, {"lis": text})
    assert _speaker(quotes, "lis", "a market to sell into.") == "Li Qiang"
    assert _speaker(quotes, "lis", "Not so,") == "Li Dongping"


def test_a_person_named_once_without_a_verb_is_found_when_the_family_name_speaks_later(tmp_path):
    texts = {
        "fisher": (
            "Shoal\n\nRodel Manalastas has fished these waters for thirty years.\n\n"
            "\u201cThe boats chase us away,\u201d Manalastas said on Sunday.\n"
        ),
        "sheriff": (
            'County\n\nSheriff Dale Hutchins keeps a chart on his wall.\n\n"We count every death," Hutchins said.\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "fisher", "The boats chase us away,") == "Rodel Manalastas"
    assert _speaker(quotes, "sheriff", "We count every death,") == "Dale Hutchins"


def test_she_after_a_sentence_about_her_relative_is_her(tmp_path):
    text = (
        "Loss\n\n\u201cThe sanctions should move,\u201d Walter Pennick said.\n\n"
        "Carol Mabry's son died in 2022 after taking a pill. \u201cHe died of a pill,\u201d she said.\n"
    )
    quotes = _ledger(tmp_path, {"kin": text})
    assert _speaker(quotes, "kin", "He died of a pill,") == "Carol Mabry"


def test_the_chinese_side_in_a_chinese_bodys_own_readout_is_that_body(tmp_path):
    text = (
        "Defense chiefs hold video call\n\nThe Chinese side stressed that the two militaries should "
        '"treat each other as equals," so as to avoid miscalculation.\n'
    )
    row = "d,d.txt,Chinese Ministry of National Defense,Video call,2024-04-16,official_readout,China"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "treat each other as equals,") == "Chinese Ministry of National Defense"


def test_unnamed_sources_take_their_side_from_a_department_or_a_region(tmp_path):
    text = (
        "Chips\n\nA senior Commerce Department official said designers had \u201cgotten very creative\u201d "
        "lately. A Southeast Asian diplomat said the talks were \u201cmore listening than lecturing\u201d this time.\n"
    )
    quotes = _ledger(tmp_path, {"sources": text})
    rows = quotes.set_index("text")
    assert rows.loc["gotten very creative", "speaker_side"] == "US"
    assert rows.loc["more listening than lecturing", "speaker"] == "Southeast Asian diplomat"
    assert rows.loc["more listening than lecturing", "speaker_side"] == "Other"


def test_a_government_body_the_codebook_lacks_speaks_for_its_side(tmp_path):
    text = (
        "Shoal\n\nThe Chinese embassy in Manila, in a statement on its website, urged the Philippine side to stop "
        '"inviting outside forces" into the dispute.\n'
    )
    quotes = _ledger(tmp_path, {"embassy": text})
    assert _speaker(quotes, "embassy", "inviting outside forces") == "Chinese embassy in Manila"
    assert set(quotes.loc[quotes.article_id == "embassy", "speaker_side"]) >= {"China"}


def test_a_colon_inside_a_turn_hands_the_quotation_to_the_sentence_subject(tmp_path):
    text = (
        "Department Press Briefing\n\n"
        "QUESTION: Will it hold?\n\nMR PARKS: Nobody takes it on trust. The President was very clear yesterday: "
        '"We will judge this by what happens at the ports." That is the test.\n'
    )
    row = "d,d.txt,U.S. Department of State,Department Press Briefing,2023-11-16,transcript,US"
    quotes = _one_document(tmp_path, text, row)
    assert _speaker(quotes, "d", "We will judge this by what happens at the ports.") == "Joe Biden"


def test_made_it_clear_and_party_lawmakers(tmp_path):
    texts = {
        "clear": "Drills\n\nThe Eastern Theater Command has made it clear that the drills are \u201ca stern warning\u201d.\n",
        "hill": "Trip\n\nRepublicans on the Hill say the administration is \u201cchasing meetings\u201d again.\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "clear", "a stern warning") == "Eastern Theater Command"
    assert _speaker(quotes, "hill", "chasing meetings") == "U.S. lawmakers"


def test_people_familiar_with_something_are_a_source_without_a_side(tmp_path):
    texts = {
        "talks": "Talks\n\nTwo people familiar with the talks said the mood had been \u201cbusinesslike\u201d throughout.\n",
        "plan": "Summit\n\nPeople familiar with the planning said the venue would be \u201ccalmer\u201d than the hall.\n",
    }
    quotes = _ledger(tmp_path, texts).set_index("article_id")
    assert quotes.loc["talks", "speaker"] == "People familiar with the talks"  # named as a codebook names a group
    assert quotes.loc["plan", "speaker"] == "People familiar with the planning"
    assert set(quotes["speaker_side"]) == {"Unknown"}  # no default side


def test_claiming_is_a_participle_of_its_clause_subject(tmp_path):
    text = (
        "Remarks\n\nBiden made the comments at a fundraiser on Tuesday, linking them to a balloon and claiming "
        "that Xi had been \u201cvery embarrassed\u201d by it.\n"
    )
    quotes = _ledger(tmp_path, {"claiming": text})
    assert _speaker(quotes, "claiming", "very embarrassed") == "Joe Biden"


def test_a_body_before_which_said_speaks_and_keeps_its_country(tmp_path):
    texts = {
        "which": "News\n\nThe meeting led the newscast on state broadcaster CCTV, which said Xi had \u201csteered relations back\u201d at last.\n",
        "us": "Strait\n\nA warship cut across the bow in what US Indo-Pacific Command said was \u201ca dangerous close pass.\u201d\n",
    }
    quotes = _ledger(tmp_path, texts).set_index("article_id")
    assert quotes.loc["which", "speaker"] == "Chinese state media"
    assert (quotes.loc["us", "speaker"], quotes.loc["us", "speaker_side"]) == ("US Indo-Pacific Command", "US")


def test_he_in_a_relative_clause_is_the_nearest_person_and_a_document_of_the_ministry_is_its_own(tmp_path):
    texts = {
        "relative": (
            "Remarks\n\nQin Gang spoke when asked about comments Biden made in California on Tuesday, "
            "in which he called Xi a \u201cdictator.\u201d\n"
        ),
        "transcript": (
            "Remarks\n\nThe Chinese foreign ministry spoke on Monday. The U.S. side should \u201ctake concrete "
            "steps,\u201d according to a transcript released by the ministry.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "relative", "dictator.") == "Joe Biden"
    assert _speaker(quotes, "transcript", "take concrete steps,") == "Chinese Ministry of Foreign Affairs"


def test_unnamed_sources_by_capital_ministry_and_the_noun_they_were_named_by(tmp_path):
    texts = {
        "delhi": "India\n\nAn official in New Delhi said India was \u201cwatching closely\u201d for now.\n",
        "ministry": (
            "Tokyo\n\nThe U.S. side briefed Tokyo. A senior Foreign Ministry official said Japan was told "
            "\u201cin detail\u201d about it.\n"
        ),
        "diplomat": (
            "Beijing\n\nAmbassador Nicholas Burns met reporters on Monday. A Japanese diplomat in Beijing said "
            'Tokyo wanted answers. "We will ask for a full readout," the diplomat said.\n'
        ),
        "briefed": "Summit\n\nTwo people briefed on the Xi meeting described it as \u201cbusinesslike\u201d in tone.\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "delhi", "watching closely") == "Indian officials"
    assert _speaker(quotes, "ministry", "in detail") != "U.S. officials"  # Washington has no ministries
    assert _speaker(quotes, "diplomat", "We will ask for a full readout,") == "Japanese diplomat"
    assert _speaker(quotes, "briefed", "businesslike") == "People briefed on the meeting"


def test_a_long_apposition_between_a_name_and_its_verb(tmp_path):
    text = (
        "Trade\n\n\u201cIt helps us plan,\u201d Nikhil Varadarajan, managing director of a Chennai-based "
        "electronics maker that imports components from China, told The Coromandel Herald.\n\n"
        "A Foreign Office spokesperson said the UK \u2018welcomes any dialogue\u2019 between the two.\n"
    )
    corpus = load_texts(tmp_path, {"long": text})
    assert _speaker(extract_quotes(corpus), "long", "It helps us plan,") == "Nikhil Varadarajan"
    assert "A Foreign Office" not in set(find_mentions(corpus)["actor"])  # the article is not part of a name


def test_an_unnamed_senator_near_congress_is_a_us_lawmaker_and_boasted_is_a_cue(tmp_path):
    text = (
        "Visit\n\nThat week Congress passed a law on a Chinese-owned app, and one senator boasted that the "
        "measure would \u201cfinally cut the cord.\u201d The National People's Congress said nothing.\n"
    )
    quotes = _ledger(tmp_path, {"senator": text})
    assert _speaker(quotes, "senator", "finally cut the cord.") == "U.S. lawmakers"


def test_with_a_named_person_before_a_participle_and_a_second_object(tmp_path):
    text = (
        "Singapore\n\nSingapore welcomed the talks between the United States and China, with Foreign Minister "
        "Vivian Balakrishnan describing the visit as \u201ca necessary first step\u201d towards trust.\n"
    )
    quotes = _ledger(tmp_path, {"with": text})
    assert _speaker(quotes, "with", "a necessary first step") == "Vivian Balakrishnan"


def test_a_minister_named_in_full_after_a_title_and_a_predicate_after_labels(tmp_path):
    text = (
        "Trade\n\nCommerce Minister Wang Wentao said last month that such labels \u201cchange the packaging "
        "but not the contents.\u201d\n"
    )
    quotes = _ledger(tmp_path, {"labels": text})
    assert _speaker(quotes, "labels", "change the packaging but not the contents.") == "Wang Wentao"


def test_she_after_an_aside_about_someone_elses_remark_is_the_sentence_subject(tmp_path):
    text = (
        "Ottawa\n\nBiden called Xi a \u201cdictator\u201d on Tuesday.\n\nForeign Affairs Minister Melanie Joly, "
        "asked about Biden's remark on Wednesday, declined to comment. She said Ottawa would \u201cmake its own "
        "assessment\u201d of it.\n"
    )
    quotes = _ledger(tmp_path, {"aside": text})
    assert _speaker(quotes, "aside", "make its own assessment") == "Melanie Joly"


def test_a_third_countrys_ministry_is_never_beijings_or_washingtons(tmp_path):
    texts = {
        "owned": (
            "Brasilia\n\nBrazil's foreign ministry welcomed the meetings between Blinken and Chinese leaders, "
            "calling them \u201cgood news for everyone\u201d in a note.\n"
        ),
        "paris": (
            "Paris\n\nThe Chinese foreign ministry spoke on Monday. In Paris, the foreign ministry said France hoped "
            "the two would \u201ckeep the channels open\u201d whatever happens.\n"
        ),
        "jakarta": (
            "Qin\n\nQin Gang was removed. The foreign ministry had earlier cited \u201chealth reasons\u201d for his "
            "absence from a meeting in Jakarta.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "owned", "good news for everyone") == "Brazilian Ministry of Foreign Affairs"
    assert _speaker(quotes, "paris", "keep the channels open") == "French Ministry for Europe and Foreign Affairs"
    assert (
        _speaker(quotes, "jakarta", "health reasons") == "Chinese Ministry of Foreign Affairs"
    )  # a place, not a speaker


def test_family_names_printed_first_outside_mainland_china(tmp_path):
    text = (
        "Seoul\n\nKang Tae-woo, a researcher in Seoul, spoke on Monday. \u201cA thaw can be good for us,\u201d Kang "
        "said.\n\nTan Wei Ling, a fellow in Singapore, was cautious. \u201cThis is crisis management,\u201d Dr Tan said.\n"
    )
    quotes = _ledger(tmp_path, {"order": text})
    assert _speaker(quotes, "order", "A thaw can be good for us,") == "Kang Tae-woo"
    assert _speaker(quotes, "order", "This is crisis management,") == "Tan Wei Ling"


def test_republicans_chinese_media_and_a_ministry_spokesperson_by_the_ministry(tmp_path):
    texts = {
        "gop": "Trip\n\nSeveral Republicans, including Chairman McCaul, have said the trip \u201crewards bad behavior.\u201d\n",
        "media": "Trip\n\nChinese media are calling the visit \u201ca fresh start\u201d for ties.\n",
        "mofcom": (
            "Firms\n\nQin Gang met Blinken. A commerce ministry spokesperson said China would \u201ckeep improving the "
            "business environment\u201d for firms.\n"
        ),
        "seasia": "Region\n\nA South-east Asian diplomat said the region had been \u201cquietly lobbying\u201d both.\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "gop", "rewards bad behavior.") == "U.S. lawmakers"
    assert _speaker(quotes, "media", "a fresh start") == "Chinese state media"
    assert _speaker(quotes, "mofcom", "keep improving the business environment") == "Chinese Ministry of Commerce"
    assert quotes.set_index("text").loc["quietly lobbying", "speaker_side"] == "Other"


def test_an_embassy_the_codebook_lacks_speaks_for_its_foreign_ministry(tmp_path):
    text = (
        "Ottawa\n\nA spokesperson for the Chinese Embassy in Ottawa said in a statement that Canada should "
        "\u201cstop smearing China\u201d at once.\n"
    )
    quotes = _ledger(tmp_path, {"embassy": text})
    assert _speaker(quotes, "embassy", "stop smearing China") == "Chinese Ministry of Foreign Affairs"


def test_a_term_of_the_debate_held_up_in_quotation_marks_is_nobodys_words(tmp_path):
    text = (
        "Talks\n\nQin Gang urged the U.S. side to stop sending wrong signals to \u201cTaiwan independence\u201d "
        "forces. Wang Yi said the United States should not pursue \u201cdecoupling\u201d under another name, "
        "and that ties must \u201cstabilize\u201d soon.\n"
    )
    quotes = _ledger(tmp_path, {"terms": text}).set_index("text")
    assert quotes.loc["Taiwan independence", "speaker"] == "UNATTRIBUTED"
    assert quotes.loc["decoupling", "kind"] == "scare"
    assert quotes.loc["stabilize", "speaker"] == "Wang Yi"  # not a held-up term: his words


def test_a_quotation_inside_another_has_its_own_row_and_speaker(tmp_path):
    texts = {
        "relayed": (
            'Berlin\n\n"Blinken says he raised \u2018every issue that worries us,\u2019 and he was not shy," said '
            "Jonas Feld, a member of parliament.\n"
        ),
        "the_president": (
            'Trip\n\n"The President told me, \u2018Go and open the lines,\u2019 and we did," Blinken said.\n'
        ),
        "held_up": (
            'Statement\n\nThe Commerce Ministry said: "The so-called \u2018overcapacity\u2019 is a false '
            "proposition. We have noted the U.S. side's claim that its rules are \u2018narrow and targeted.\u2019\"\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    outer = quotes[quotes["nested_in"] == ""].set_index("article_id")
    inner = quotes[quotes["nested_in"] != ""]
    assert set(inner["nested_in"]) <= set(outer["quote_id"])
    assert _speaker(quotes, "relayed", "every issue that worries us,") == "Antony Blinken"
    assert outer.loc["relayed", "speaker"] == "Jonas Feld"
    assert _speaker(quotes, "the_president", "Go and open the lines,") == "Joe Biden"  # the outer speaker's side
    # a phrase the speaker holds up, and a claim inside a sentence whose verb is the speaker's, are nobody's
    assert _speaker(quotes, "held_up", "overcapacity") == "UNATTRIBUTED"
    assert _speaker(quotes, "held_up", "narrow and targeted.") == "UNATTRIBUTED"
    assert len(readout.analysis.quotes.outer_quotes(quotes)) == len(outer)


def test_a_reaction_is_not_given_to_the_visitor_it_names_nor_a_regional_source_to_a_country(tmp_path):
    texts = {
        # "between US Secretary of State Antony Blinken and ...": he is the object of "between", not who said it
        "welcome": (
            "Manila\n\nThe Department of Foreign Affairs on Tuesday welcomed the talks between US Secretary of State "
            'Antony Blinken and Chinese leaders, saying dialogue was "good for every country in the region."\n'
        ),
        # a western diplomat is no one country's, though the sentence names China
        "western": (
            "Hotlines\n\nChina\u2019s refusal to reopen military hotlines left what one western diplomat called "
            "\u2018the most dangerous gap\u2019 unfilled.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "welcome", "good for every country in the region.") != "Antony Blinken"
    western = quotes[quotes.article_id == "western"].iloc[0]
    assert (western.speaker, western.speaker_side) == ("Western diplomat", "Other")


def test_a_third_country_body_by_its_short_name_and_its_spokeswoman(tmp_path):
    texts = {
        "manila": (
            "Manila\n\nThe Department of Foreign Affairs (DFA) on Tuesday welcomed the meetings between U.S. Secretary "
            'of State Antony Blinken and Chinese leaders, saying talks were "good for the region."\n\n'
            'But the department\'s spokeswoman said its rights were "not up for trade."\n\n'
            'The DFA said it would "keep every channel open."\n'
        ),
        # "after U.S. President Joe Biden called ...": a clause whose subject is Biden, not the object of "after"
        "after": (
            "Ottawa\n\nExporters were wary, especially after U.S. President Joe Biden called Chinese President Xi "
            'Jinping a "dictator" days later.\n'
        ),
        # Taiwan's ruling party is no U.S. party; "the spokeswoman" is the body whose spokeswoman spoke
        "taipei": (
            "Taipei\n\nLin urged the Democratic Progressive Party (DPP) government to act.\n\nIn Beijing, a Taiwan "
            "Affairs Office spokeswoman accused the DPP of \u201cbegging for protection.\u201d \u201cNo lobbying will "
            "change the facts,\u201d the spokeswoman said.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    for text in ("good for the region.", "not up for trade.", "keep every channel open."):
        assert _speaker(quotes, "manila", text) == "Philippine Department of Foreign Affairs"  # set in Manila
    assert _speaker(quotes, "after", "dictator") == "Joe Biden"
    last = quotes[quotes.article_id == "taipei"].iloc[-1]
    assert (last.speaker, last.speaker_side) == ("Taiwan Affairs Office", "China")


def test_a_family_name_quoted_or_possessive_does_not_take_over_from_the_speaker(tmp_path):
    text = (
        "Beijing\n\nWang Shuhua, a scholar at Beihai University, said Director Wang Yi\u2019s message to Blinken had "
        "been \u201cunusually blunt.\u201d\n\n\u201cDirector Wang wanted the Americans to listen,\u201d Wang said.\n"
    )
    quotes = _ledger(tmp_path, {"wangs": text})
    # words about Wang Yi's message are the scholar's; "Wang said" is the scholar, not the Wang she quoted
    assert _speaker(quotes, "wangs", "unusually blunt.") == "Wang Shuhua"
    assert _speaker(quotes, "wangs", "Director Wang wanted the Americans to listen,") == "Wang Shuhua"


def test_a_third_country_or_its_capital_speaking_is_its_officials(tmp_path):
    texts = {
        "jakarta": (
            "Jakarta\n\nIndonesia on Tuesday welcomed the meetings between U.S. Secretary of State Antony Blinken and "
            'Chinese leaders, saying it hoped the talks would "turn down the heat."\n\nTokyo said it valued "any '
            'effort that helps." The Japan Coast Guard said it was "ready."\n'
        ),
        "manila": (
            "Manila\n\nThe Department of Foreign Affairs (DFA) welcomed the talks on Tuesday.\n\nBut the department's "
            'spokeswoman said the Philippines\' rights were "not up for trade."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "jakarta", "turn down the heat.") == "Indonesian officials"
    assert _speaker(quotes, "jakarta", "any effort that helps.") == "Japanese officials"
    assert _speaker(quotes, "jakarta", "ready.") == "Japan Coast Guard"  # a country's name opening a longer name
    assert set(quotes.loc[quotes.article_id == "jakarta", "speaker_side"]) == {"Other"}
    # a text set in Manila (its capital and the Philippines named): the department is the Philippines'
    assert _speaker(quotes, "manila", "not up for trade.") == "Philippine Department of Foreign Affairs"
    assert set(quotes.loc[quotes.article_id == "manila", "speaker_side"]) == {"Other"}


def test_asking_not_to_be_named_is_no_report():
    from readout.analysis.quote_cues import find_cues

    words = [c.word for c in find_cues("A manager, who asked not to be named because of policy, was blunter.")]
    assert words == []
    assert [c.word for c in find_cues("She asked not to be quoted, and asked whether it mattered.")] == ["asked"]


def test_business_sources_reporters_turns_and_one_unnamed_person_as_he(tmp_path):
    texts = {
        "firms": (
            "Firms\n\nU.S. business groups say they are \u201ccautiously encouraged\u201d by the visit.\n\nOne manager at "
            "a U.S. chemicals company in eastern China, who asked not to be named, was blunter. \u201cWe read the "
            "readouts,\u201d he said.\n"
        ),
        # a reporter's turn labelled by the agency asks; it is not the ministry's voice
        "presser": (
            "Foreign Ministry Spokesperson's Regular Press Conference\n\nAFP: Business groups in Washington say they "
            'are "cautiously encouraged." Will China ease rules?\n\nLi Hua: We welcome foreign firms.\n\nAFP: And '
            "the chips?\n\nLi Hua: I have nothing more.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    firms = quotes[quotes.article_id == "firms"]
    assert list(firms.speaker) == ["U.S. business groups", "U.S. manager"]
    assert set(firms.speaker_side) == {"Other"}
    assert _speaker(quotes, "presser", "cautiously encouraged.") != "Afp"


def test_short_names_in_mixed_case_and_a_body_before_its_which_clause(tmp_path):
    text = (
        "Pretoria\n\nThe Transpacific Commerce Alliance (TCA), which represents about 200 companies, said the visit "
        'was "a welcome step." The TCA said it wanted "fewer irritants."\n\nThe Department of International '
        'Relations and Cooperation (Dirco) said it was "good news". Dirco said it backed "active non-alignment".\n\n'
        'The Ministry of Commerce (Reuters) said it saw "no change".\n'
    )
    quotes = _ledger(tmp_path, {"short": text})
    assert _speaker(quotes, "short", "a welcome step.") == "Transpacific Commerce Alliance"
    assert _speaker(quotes, "short", "fewer irritants.") == "Transpacific Commerce Alliance"
    dirco = "South African Department of International Relations and Cooperation"  # its own name tells whose
    assert _speaker(quotes, "short", "good news") == _speaker(quotes, "short", "active non-alignment") == dirco
    found = readout.analysis.mentions.discovered_actors(load_texts(tmp_path / "again", {"short": text}))
    assert "Reuters" not in set(found["surname"])  # a credit in brackets is no short name


def test_a_government_body_named_without_its_country_takes_the_country_the_text_is_set_in(tmp_path):
    texts = {
        "hanoi": (
            "Vietnam welcomes talks\n\nHANOI, June 20 (LHNA) - Vietnam welcomed the talks.\n\nAnswering a question at "
            "the Ministry of Foreign Affairs' regular press briefing, the ministry's deputy spokesperson said all "
            'parties should show "restraint" at sea.\n'
        ),
        "delhi": (
            "Delhi reads the visit\n\nNew Delhi, June 20, 2023 | Updated 22:10 IST\n\nIndia played the visit down, "
            "with the Ministry of External Affairs (MEA) saying ties with the US \u201cstand on their own feet.\u201d\n"
        ),
        "owned": "Seoul\n\nIndia\u2019s Ministry of External Affairs (MEA) said it was \u201ckept informed.\u201d\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "hanoi", "restraint") == "Vietnamese Ministry of Foreign Affairs"
    assert _speaker(quotes, "delhi", "stand on their own feet.") == "Indian Ministry of External Affairs"
    assert _speaker(quotes, "owned", "kept informed.") == "Indian Ministry of External Affairs"
    assert set(quotes["speaker_side"]) == {"Other"}


def test_a_warning_from_someone_and_a_relative_that_before_a_group(tmp_path):
    texts = {
        "warning": (
            "Beijing\n\nBlinken left Beijing with modest agreements and a warning from President Xi Jinping that ties "
            'would be judged \u2018year after year\u2019.\n\nShe was warning from the start that it would "fail."\n'
        ),
        "experts": (
            'Experts\n\nBlinken left after two days of talks that Chinese experts described as a "necessary first '
            'step."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "warning", "year after year") == "Xi Jinping"
    fail = quotes[quotes.text == "fail."].iloc[0]
    assert (fail.attribution, fail.cue) == ("pronoun", "warning")  # "She was warning from the start": a verb
    assert _speaker(quotes, "experts", "necessary first step.") == "Chinese experts"


def test_korean_names_an_mp_and_the_government_of_the_country_a_text_is_set_in(tmp_path):
    texts = {
        "seoul": (
            "Seoul\n\nSouth Korea welcomed the talks, with Foreign Minister Park Jin saying ties were \u201cin Korea\u2019s "
            "interest.\u201d\n\nSpeaking to reporters, Park said he hoped for a \u201cpositive spillover.\u201d\n\nPark "
            "Soo-min, a professor, said the words were \u201ccarefully chosen.\u201d\n"
        ),
        "ottawa": (
            'Ottawa\n\nOTTAWA - The federal government says it is "encouraged" by the talks.\n\n"Canada wants calm," '
            "Joly said.\n\nConservative MP Gordon Leclair, his party's critic for foreign affairs, was unmoved. He "
            'said: "Canadians are still being harassed."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "seoul", "positive spillover.") == "Park Jin"  # "Park" is his family name
    assert _speaker(quotes, "seoul", "carefully chosen.") == "Park Soo-min"
    assert _speaker(quotes, "ottawa", "encouraged") == "Canadian officials"
    assert _speaker(quotes, "ottawa", "Canadians are still being harassed.") == "Gordon Leclair"


def test_a_spokesperson_for_a_body_whose_name_runs_on_or_lists_its_fields(tmp_path):
    text = (
        'Tokyo\n\nA spokesperson for the Department of Foreign Affairs and Trade said it had "consistently '
        'encouraged" dialogue.\n\nA spokesman for the Ministry of Economy, Trade and Industry said the rules were '
        "\u201cnot aimed at any country\u201d.\n\nThe envoy met Germany, France and Italy and called the talks "
        '"useful."\n'
    )
    quotes = _ledger(tmp_path, {"bodies": text})
    # its own name tells whose it is, wherever the text is set
    assert _speaker(quotes, "bodies", "consistently encouraged") == "Australian Department of Foreign Affairs and Trade"
    assert _speaker(quotes, "bodies", "not aimed at any country") == "Japanese Ministry of Economy, Trade and Industry"
    found = readout.analysis.mentions.discovered_actors(load_texts(tmp_path / "again", {"bodies": text}))
    assert not any("Germany" in a for a in found["actor"])  # a list of countries is no body's name


def test_sides_from_washington_cabinet_titles_and_a_chinese_readout_s_own_people(tmp_path):
    header = "article_id,file,outlet,headline,published,doc_kind,voice\n"
    readout_text = (
        "Wang Yi Meets U.S. Secretary of State Blinken\n\nOn June 19, Wang Yi met with Antony Blinken in Beijing. "
        'Wang Yi said the U.S. side should not "play up the so-called China threat."\n'
    )
    book = readout.load_codebook()  # without Wang Yi, as a user's own codebook might be
    corpus_no_wang = write_corpus(
        tmp_path / "doc",
        {"d.txt": readout_text},
        header + "d,d.txt,Ministry of Foreign Affairs,Wang Yi Meets U.S. Secretary of State Blinken,2023-06-19,"
        "official_readout,China\n",
    )
    book[book["actor"] != "Wang Yi"].to_csv(corpus_no_wang / "actors.csv", index=False)
    quotes = extract_quotes(readout.load_corpus(corpus_no_wang))
    row = quotes[quotes.text.str.startswith("play up")].iloc[0]
    assert (row.speaker, row.speaker_side) == ("Wang Yi", "China")  # a name in Chinese order in China's own readout
    texts = {"cabinet": 'Trip\n\nCommerce Secretary Gina Raimondo told reporters the rules would "close gaps."\n'}
    cabinet = _ledger(tmp_path / "ledger", texts).iloc[0]
    assert (cabinet.speaker, cabinet.speaker_side) == ("Gina Raimondo", "US")


def test_words_talked_about_titles_and_lawmakers_abroad_are_not_a_governments(tmp_path):
    texts = {
        "terms": (
            'Presser\n\nSECRETARY BLINKEN: "Fresh start" is your phrase, not mine. On "correct course," I\'d say we '
            'made our positions clear.\n\nREPORTER: Some call it "a reward." Will you respond?\n\nSECRETARY BLINKEN: '
            '"Reward" is not a word I would use.\n'
        ),
        "titles": (
            'Advisory\n\nThe Secretary reminded citizens of the guidance published as "China Travel Advisory - Level '
            '3: Reconsider Travel" on the website. Its "National Security Strategy" describes China as a challenge.\n'
        ),
        "seoul": (
            "Seoul\n\nSEOUL \u2014 South Korea welcomed the talks.\n\nLawmakers from the opposition said the "
            'government should mend ties, calling its approach "one-sided and short-sighted."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    for text in ("Fresh start", "correct course,", "Reward"):
        assert _speaker(quotes, "terms", text) == "UNATTRIBUTED"
    for text in ("China Travel Advisory - Level 3: Reconsider Travel", "National Security Strategy"):
        assert _speaker(quotes, "titles", text) == "UNATTRIBUTED"
    lawmakers = quotes[quotes.article_id == "seoul"].iloc[0]
    assert (lawmakers.speaker, lawmakers.speaker_side) == ("South Korean lawmakers", "Other")


def test_a_clause_after_after_a_titled_he_the_chinese_and_a_proverb(tmp_path):
    texts = {
        "after": (
            "Comment\n\nBarely a day after the U.S. secretary of state left Beijing saying the two countries had agreed "
            'to "keep talking," the U.S. president stood before donors and called the Chinese leader a "dictator."\n\n'
            'The Chinese have a saying: "Words must be trustworthy."\n'
        ),
        "interview": (
            'Interview\n\nHOST: Vice Premier He said the U.S. should "stop using security as an excuse." Did he raise '
            "chips?\n\nJANET YELLEN: We discussed it.\n"
        ),
        "nested": (
            "Delhi\n\n\u201cBlinken kept saying \u2018we want fewer surprises\u2019, and the Chinese kept answering "
            "\u2018then stop surprising us\u2019,\u201d Iyer said.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "after", "keep talking,") == "Antony Blinken"
    assert _speaker(quotes, "after", "dictator.") == "Joe Biden"
    assert _speaker(quotes, "after", "Words must be trustworthy.") == "UNATTRIBUTED"
    assert _speaker(quotes, "interview", "stop using security as an excuse.") != "Janet Yellen"  # not "he"
    assert quotes.loc[quotes.text == "then stop surprising us", "speaker_side"].iloc[0] == "China"


def test_he_in_a_speakers_own_turn_is_someone_else(tmp_path):
    text = (
        "Press availability\n\nQUESTION: Will Foreign Minister Qin come to Washington?\n\nSECRETARY BLINKEN: He said "
        'yes. His words to me were, "I will come, and we will continue this." We will work out the timing.\n\n'
        "QUESTION: Thank you.\n"
    )
    quotes = _ledger(tmp_path, {"turns": text})
    assert _speaker(quotes, "turns", "I will come, and we will continue this.") == "Qin Gang"


def test_a_given_name_standing_alone_a_name_with_a_particle_and_a_third_country_ministry(tmp_path):
    texts = {
        "bangkok": (
            "Bangkok\n\nNiran Chaiyaporn, who heads an exporters' association, said lines had moved.\n\n'The "
            "handshake is nice. But the real test is in the tariff lists,' Niran said.\n"
        ),
        "santiago": (
            "Santiago\n\nSANTIAGO, June 20 (Reuters) - Chile welcomed the talks. A foreign ministry spokesperson added "
            "that Chile \u201cchooses its interests.\u201d\n\nForeign Minister Alberto van Klaveren said: \u201cA trade "
            "war is the last thing we need.\u201d Van Klaveren said Chile would keep \u201ctalking to both.\u201d\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "bangkok", "The handshake is nice. But the real test is in the tariff lists,") == (
        "Niran Chaiyaporn"
    )
    assert _speaker(quotes, "santiago", "chooses its interests.") == "Chilean officials"
    assert _speaker(quotes, "santiago", "talking to both.") == "Alberto van Klaveren"


def test_a_spokesperson_of_a_body_a_prc_ministry_and_a_country_the_source_talks_about(tmp_path):
    presser = (
        "Foreign Ministry Spokesperson's Regular Press Conference\n\nReuters: The Pentagon wants talks. What is China's "
        "response?\n\nMao Ning: China's position is clear. The spokesperson of the Ministry of National Defense has "
        'said that the U.S. side "knows very well where the obstacles lie."\n\nAFP: And the PRC defense ministry said '
        'the U.S. cannot keep "provoking and then asking for a call." Why?\n\nMao Ning: I refer you to the ministry.\n'
    )
    quotes = _one_document(tmp_path, presser, "d,d.txt,MFA,Presser,2023-06-20,transcript,China")
    assert set(quotes["speaker"]) == {"Chinese Ministry of National Defense"}
    texts = {
        "region": (
            'Call\n\nSome diplomats in the region have described Washington\'s approach as "talking over our heads."\n'
        )
    }
    region = _ledger(tmp_path / "ledger", texts).iloc[0]
    assert region.speaker_side != "US"  # Washington is what they talk about


def test_a_group_of_lawmakers_and_an_embassy_named_once_then_as_the_embassy(tmp_path):
    text = (
        'Ankara\n\nANKARA - A group of American congressmen accused the secretary of going to Beijing "hat in '
        'hand."\n\nThe Chinese embassy in Ankara welcomed the trip as well. Relations "do not depend on the '
        'weather," the embassy said.\n'
    )
    quotes = _ledger(tmp_path, {"ankara": text})
    assert _speaker(quotes, "ankara", "hat in hand.") == "U.S. lawmakers"
    embassy = quotes[quotes.text.str.startswith("do not depend")].iloc[0]
    assert (embassy.speaker, embassy.speaker_side) == ("Chinese embassy in Ankara", "China")


def test_places_that_speak_for_a_government_and_an_embassy_with_a_capital_e(tmp_path):
    texts = {
        "places": (
            "Reactions\n\nBuenos Aires said in a statement that trade should stay \u201cout of the crossfire.\u201d\n\n"
            "Downing Street said the prime minister \u2018welcomes any dialogue\u2019.\n\nIn a statement, Wisma Putra "
            "said Malaysia \u201chas encouraged both powers.\u201d\n"
        ),
        "abuja": (
            'Abuja\n\nABUJA, June 22 (KNA) - The Federal Government has welcomed the talks, saying Africa "must not be '
            'a battleground."\n\nThe Chinese Embassy in Abuja, in a post on its website, said its cooperation "has '
            'never come with a list of enemies attached."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "places", "out of the crossfire.") == "Argentine officials"
    assert _speaker(quotes, "places", "welcomes any dialogue") == "UK government"
    assert _speaker(quotes, "places", "has encouraged both powers.") == "Malaysian Ministry of Foreign Affairs"
    assert _speaker(quotes, "abuja", "must not be a battleground.") == "Nigerian officials"
    assert _speaker(quotes, "abuja", "has never come with a list of enemies attached.") == "Chinese embassy in Abuja"


def test_malaysian_names_a_foreign_office_official_abroad_and_a_ministry_in_china_s_press_conference(tmp_path):
    texts = {
        "kl": (
            "Kuala Lumpur\n\nKUALA LUMPUR, June 20 - Foreign Minister Datuk Seri Zambry Abdul Kadir said members want "
            '"good relations with both." "We are neutral about their quarrel," Zambry said.\n\nDr Teoh Wei Ming, a '
            'political scientist, said so too. "People here hear the warning," Teoh said.\n\nPakistan has conveyed '
            'that it "will not be drawn into any bloc," according to a senior Foreign Office official.\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "kl", "We are neutral about their quarrel,") == "Zambry Abdul Kadir"
    assert _speaker(quotes, "kl", "People here hear the warning,") == "Teoh Wei Ming"
    assert _speaker(quotes, "kl", "will not be drawn into any bloc,") == "Malaysian officials"  # set in Kuala Lumpur
    presser = (
        "Foreign Ministry Spokesperson's Regular Press Conference\n\nAFP: Pakistan welcomed the talks. Pakistan says "
        "it wants calm.\n\nMao Ning: China appreciates it.\n\nCCTV: The Ministry of Commerce announced export "
        'controls. What is your comment?\n\nMao Ning: As the Ministry of Commerce has made clear, they are "a normal '
        'step."\n'
    )
    ledger = _one_document(tmp_path, presser, "d,d.txt,MFA,Presser,2023-07-04,transcript,China")
    assert ledger.loc[ledger.text == "a normal step.", "speaker"].iloc[0] == "Chinese Ministry of Commerce"


def test_foreign_language_bodies_a_chamber_in_a_place_and_beijing_s_ministry(tmp_path):
    texts = {
        "bodies": (
            'Trade\n\nThe American Chamber of Commerce in China said its members hoped for "predictable rules."\n\n'
            "The Associação dos Exportadores de Grãos do Centro-Oeste (AEGCO), which represents soy traders, said the "
            'talks "reduce the risk." "Both facts can be true," the AEGCO said.\n\nItamaraty said in a note that '
            'Brazil "maintains good partners."\n'
        ),
        "beijing": 'Briefing\n\nQUESTION: Beijing\'s foreign ministry called that "a reckless remark." Do you agree?\n',
    }
    quotes = _ledger(tmp_path, texts)
    chamber = quotes[quotes.text == "predictable rules."].iloc[0]
    assert (chamber.speaker, chamber.speaker_side) == (
        "American Chamber of Commerce in China",
        "Other",
    )  # a business group
    aegco = "Associação dos Exportadores de Grãos do Centro-Oeste"
    assert (
        _speaker(quotes, "bodies", "reduce the risk.") == _speaker(quotes, "bodies", "Both facts can be true,") == aegco
    )
    assert _speaker(quotes, "bodies", "maintains good partners.") == "Brazilian Ministry of Foreign Affairs"
    assert _speaker(quotes, "beijing", "a reckless remark.") == "Chinese Ministry of Foreign Affairs"


def test_the_minister_after_a_quote_a_prime_minister_a_with_phrase_and_a_seat_opening_a_sentence(tmp_path):
    texts = {
        "minister": (
            "Soy\n\nForeign Minister Santiago Cafiero said on Monday that trade matters. "
            "“We sell soybeans to China,” the minister said.\n"
        ),
        "prime": (
            "Visit\n\nForeign Minister Ana Ruiz spoke first. Prime Minister Tomas Berg then met Xi.\n\n"
            'The prime minister told reporters that the two had "a mature relationship."\n'
        ),
        "with": (
            'Markets\n\nMarkets rose, with analysts saying the talks "cut the risk of escalation."\n\n'
            'Brazil on Tuesday welcomed the talks, with the foreign ministry saying trade "must not be held hostage."\n\n'
            'In Paris, the Chinese embassy said the remark was "irresponsible."\n'
        ),
        "seat": "Column\n\nThe Quai d’Orsay welcomed the talks in a short statement, calling them “useful for stability.”\n",
    }
    quotes = _ledger(tmp_path, texts)
    # '"...," the minister said': a nominal even when the phrase search starts at a word before it
    assert _speaker(quotes, "minister", "We sell soybeans to China,") == "Santiago Cafiero"
    assert _speaker(quotes, "prime", "a mature relationship.") == "Tomas Berg"  # not the foreign minister
    assert _speaker(quotes, "with", "cut the risk of escalation.") == "Analysts"  # not cut off by "rose,"
    # the noun of "with X saying" speaks, and a third country opening the sentence owns "the foreign ministry"
    assert _speaker(quotes, "with", "must not be held hostage.") == "Brazilian Ministry of Foreign Affairs"
    assert _speaker(quotes, "with", "irresponsible.") == "Chinese embassy in Paris"  # a named side beats the place
    assert _speaker(quotes, "seat", "useful for stability.") == "French Ministry for Europe and Foreign Affairs"


def test_a_person_fronted_as_topic_a_bodys_official_an_adviser_at_a_seat_and_a_mixed_case_short_name(tmp_path):
    texts = {
        "lede": (
            "Farmers\n\nGOLDSBORO — For Dana Pruett, who grows soybeans outside town, the news sounded familiar. "
            "“Every couple of years somebody flies over there,” she said.\n"
        ),
        "gulf": (
            "Gulf\n\nThe six members of the Gulf Cooperation Council (GCC) have courted both capitals.\n\n"
            "A GCC official in Riyadh said the bloc wanted “good relations with all.”\n\n"
            "A senior Foreign Ministry official in Tokyo said Japan had been briefed “in detail.”\n"
        ),
        "paris": "Paris\n\nAn adviser at the Élysée, speaking on condition of anonymity, said France would “talk to all.”\n",
        "zone": (
            "Suez\n\nThe Suez Canal Economic Zone (SCZone), which hosts an industrial park, has drawn investment. "
            "SCZone said on Tuesday that calmer relations would ‘help investors plan ahead’.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "lede", "Every couple of years somebody flies over there,") == "Dana Pruett"
    assert _speaker(quotes, "gulf", "good relations with all.") == "Gulf Cooperation Council"  # not Riyadh's
    assert _speaker(quotes, "gulf", "in detail.") == "Japanese officials"  # a ministry is a government's own
    assert _speaker(quotes, "paris", "talk to all.") == "French officials"
    assert _speaker(quotes, "zone", "help investors plan ahead") == "Suez Canal Economic Zone"


def test_a_columnists_i_is_the_byline_and_a_report_title_with_a_hyphenated_word_is_nobodys(tmp_path):
    texts = {
        "column": (
            "Opinion | Europe should not wait\n\nThe Rhône Review | By Étienne Marchal | 24 June 2023\n\n"
            "I wrote in these pages in April that “Europe cannot be a spectator.” Nothing has changed.\n\n"
            "Last spring my colleagues and I published a report, “Floors and Ceilings: Managing U.S.-China Crises,” "
            "arguing that channels matter.\n"
        ),
        "two": ("News\n\nAna Ruiz and Tom Berg | Meridian Wire\n\nI wrote last year that “the channel matters.”\n"),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "column", "Europe cannot be a spectator.") == "Étienne Marchal"
    assert _speaker(quotes, "column", "Floors and Ceilings: Managing U.S.-China Crises,") == "UNATTRIBUTED"
    assert _speaker(quotes, "two", "the channel matters.") == "UNATTRIBUTED"  # two writers: no one "I"


def test_the_diplomat_after_an_unnamed_one_a_states_republican_and_sources_in_words_of_and_as(tmp_path):
    texts = {
        "diplomat": (
            "London\n\nA Chinese diplomat in London, who asked not to be named, said the timing was “what people "
            "will remember.”\n\n“Words from the top carry more weight,” the diplomat said.\n\n"
            "In Tokyo, a senior Foreign Ministry official said the talks had “lowered the temperature.” "
            "“That matters,” the official said.\n"
        ),
        "mexico": (
            "Mexico\n\nAn official at Mexico’s Economy Ministry, who spoke on condition of anonymity, said investment "
            "would keep growing “regardless of the weather.”\n"
        ),
        "house": (
            'Hill\n\nHouse Foreign Affairs Committee Chairman Michael McCaul said the administration had "traded a '
            'handshake." "Talking is not a strategy," the Texas Republican said.\n\n'
            'Several Republicans in Congress echoed that view and urged the administration to "show some spine."\n'
        ),
        "sources": (
            'Law\n\nThe law gives, in the words of the Xinhua summary, "legal teeth" to diplomacy.\n\n'
            'China welcomes exchanges that are "sincere and results-oriented," as Foreign Minister Qin Gang has said.\n'
        ),
        "secretary": (
            "Travel\n\nSecretary Antony Blinken will travel to Beijing. Assistant Secretary Daniel Kritenbrink will "
            'join him.\n\nBefore departing, the Secretary told staff that he was going "to talk, and to listen."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    # "the diplomat" is the unnamed diplomat just quoted, not the last person named whose title fits
    assert _speaker(quotes, "diplomat", "Words from the top carry more weight,") == "Chinese officials"
    assert _speaker(quotes, "diplomat", "That matters,") == "Japanese Ministry of Foreign Affairs"  # the official's
    assert _speaker(quotes, "mexico", "regardless of the weather.") == "Mexican Economy Ministry"
    assert _speaker(quotes, "house", "Talking is not a strategy,") == "Michael McCaul"
    assert _speaker(quotes, "house", "show some spine.") == "U.S. lawmakers"  # "that" was a determiner
    assert _speaker(quotes, "sources", "legal teeth") == "Chinese state media"
    assert _speaker(quotes, "sources", "sincere and results-oriented,") == "Qin Gang"
    assert _speaker(quotes, "secretary", "to talk, and to listen.") == "Antony Blinken"


def test_a_partys_member_initials_after_a_title_and_lawmakers_abroad(tmp_path):
    texts = {
        "labour": (
            "UK\n\nLabour’s Joanna Eldridge, who sits on the committee, said the government had "
            "‘no China strategy worth the name’.\n"
        ),
        "india": (
            'India\n\nExternal Affairs Minister S. Jaishankar said "the border decides." The minister said India '
            'would "take its own call."\n'
        ),
        "seoul": (
            "Seoul\n\nSEOUL, June 20 - Rep. Baek Seung-ho of the main opposition Democratic Party said the "
            "government had “tied itself too tightly.” “It is late,” said another South Korean expert.\n"
        ),
        "korea": 'Korea\n\nSouth Korea\'s foreign ministry said it hopes the talks will help "peace in the region."\n',
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "labour", "no China strategy worth the name") == "Joanna Eldridge"
    assert _speaker(quotes, "india", "the border decides.") == _speaker(quotes, "india", "take its own call.")
    assert _speaker(quotes, "india", "the border decides.") == "S. Jaishankar"
    baek = quotes[quotes.text == "tied itself too tightly."].iloc[0]
    assert (baek.speaker, baek.speaker_side) == ("Baek Seung-ho", "Other")  # Seoul's assembly, not Congress
    assert _speaker(quotes, "seoul", "It is late,") == "South Korean expert"
    assert _speaker(quotes, "korea", "peace in the region.") == "South Korean Ministry of Foreign Affairs"


def test_bodies_of_both_countries_chambers_in_a_place_two_asides_and_a_post(tmp_path):
    texts = {
        "council": 'Business\n\nThe U.S.-China Business Council said the resumption was "a necessary first step."\n',
        "amcham": (
            "Chamber\n\nThe American Chamber of Commerce in China (AmCham China) was more guarded. AmCham China said "
            'many members were "still waiting for clarity."\n'
        ),
        "aside": (
            "Jakarta\n\nYohanes Simanjuntak, a member of House of Representatives Commission I, which oversees "
            "defense, said one meeting “does not change the fact.”\n"
        ),
        "post": 'Hill\n\nChairman Mike Gallagher posted that the trip produced "a lot of tea and little leverage."\n',
    }
    quotes = _ledger(tmp_path, texts)
    council = quotes[quotes.text == "a necessary first step."].iloc[0]
    assert (council.speaker, council.speaker_side) == ("U.S.-China Business Council", "Other")  # not U.S. officials
    amcham = quotes[quotes.text == "still waiting for clarity."].iloc[0]
    assert (amcham.speaker, amcham.speaker_side) == ("American Chamber of Commerce in China", "Other")  # not China
    assert _speaker(quotes, "aside", "does not change the fact.") == "Yohanes Simanjuntak"
    assert _speaker(quotes, "post", "a lot of tea and little leverage.") == "Mike Gallagher"


def test_a_hosts_relayed_words_heard_from_a_sides_message_and_what_someone_called(tmp_path):
    interview = (
        "Interview\n\nRHONA OSTRAND: Welcome back. Within 48 hours the president had called Xi Jinping a "
        '"dictator" at a fundraiser. Which message should Beijing believe?\n\nKURT CAMPBELL: Both. What the '
        'secretary heard from President Xi was that China wants "a relationship that can function."\n\n'
        "RHONA OSTRAND: And the Chinese side?\n\nKURT CAMPBELL: The Chinese side's message, and I am paraphrasing, "
        'was that they want "a steady relationship." In our talks with our PRC counterparts, they have told us '
        'they want "fewer surprises."\n\nRHONA OSTRAND: Thank you.\n'
    )
    readout_text = (
        "Readout\n\nSecretary Blinken met State Councilor Qin Gang and Director Wang Yi. He welcomed what the State "
        'Councilor called "a frank exchange." The Secretary noted that Director Wang had welcomed what he called '
        '"candid and substantive" exchanges, and said the United States would measure progress "by actions."\n\n'
        "Her main counterpart will be Vice Premier He Lifeng. He has said economic talks work best when "
        '"nobody keeps score."\n'
    )
    pledge = (
        "Analysts weigh the pledge\n\nDana Whitfield, a fellow at a Beijing institute, spoke. She said the U.S. side's pledge not to support "
        '"Taiwan independence" "will mean little if arms sales keep growing."\n'
    )
    quotes = _ledger(tmp_path, {"interview": interview, "readout": readout_text, "pledge": pledge})
    assert _speaker(quotes, "interview", "dictator") == "Joe Biden"  # the one president not named beside it
    assert _speaker(quotes, "interview", "a relationship that can function.") == "Xi Jinping"
    assert _speaker(quotes, "interview", "a steady relationship.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "interview", "fewer surprises.") == "Chinese officials"
    assert _speaker(quotes, "readout", "a frank exchange.") == "Qin Gang"
    assert _speaker(quotes, "readout", "candid and substantive") == "Wang Yi"
    assert _speaker(quotes, "readout", "by actions.") == "Antony Blinken"  # ", and said": the sentence's subject
    assert _speaker(quotes, "readout", "nobody keeps score.") == "He Lifeng"
    assert _speaker(quotes, "pledge", "will mean little if arms sales keep growing.") == "Dana Whitfield"


def test_honorifics_tell_two_holders_apart_seats_a_quote_then_name_headline_and_a_described_name(tmp_path):
    texts = {
        "singapore": (
            "Trade\n\nSINGAPORE — “Calm helps planning,” said Mr Chua Teck Seng, chairman of a trade association.\n\n"
            "Dr Chua Mei Ling, a senior fellow at a policy institute, was more cautious.\n\n"
            "“Companies here sell to both,” Mr Chua added.\n"
        ),
        "seats": (
            "Reactions\n\nNo 10 said the prime minister had ‘no plans’ to visit.\n\nMalacañang said President "
            'Ferdinand Marcos Jr. was "encouraged." Speaking to reporters, the President said: "We talk to everyone."\n'
        ),
        "interview": (
            "‘They agreed to keep answering the phone’: Miriam Caldecott on the trip\n\nMiriam Caldecott is a senior "
            "fellow at the Harwood Institute.\n\nREVIEW: Was this a reset?\n\nCALDECOTT: Neither. I wrote that "
            "“pressure without a door is just a wall.”\n\nREVIEW: Thank you.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "singapore", "Companies here sell to both,") == "Chua Teck Seng"  # "Mr", not "Dr"
    assert _speaker(quotes, "seats", "no plans") == "UK government"
    assert _speaker(quotes, "seats", "encouraged.") == "Philippine officials"
    assert _speaker(quotes, "seats", "We talk to everyone.") == "Ferdinand Marcos Jr."
    assert _speaker(quotes, "interview", "They agreed to keep answering the phone") == "Miriam Caldecott"
    assert _speaker(quotes, "interview", "pressure without a door is just a wall.") == "Miriam Caldecott"


def test_own_words_nested_initials_in_another_order_and_a_list_after_including(tmp_path):
    texts = {
        "teacher": (
            'School\n\nTan Wei, a teacher in Beijing, spoke to reporters. "They asked whether the two are friends. '
            "I told them, 'Friends is a big word,'\" he said.\n"
        ),
        "fisi": (
            "Nickel\n\nThe Indonesian Smelter Industry Forum (FISI), which represents processors, spoke. FISI said the "
            "industry “cannot plan for a world split in two.”\n"
        ),
        "list": (
            "Readout\n\nThe two sides discussed exchanges, including students, scholars, business leaders and "
            'journalists, and agreed to "take up the unfinished items."\n\nSenior officials will keep working, '
            'including on what the Secretary termed a "practical to-do list."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "teacher", "Friends is a big word,") == "Tan Wei"  # "I told them, '...'"
    assert _speaker(quotes, "fisi", "cannot plan for a world split in two.") == "Indonesian Smelter Industry Forum"
    assert _speaker(quotes, "list", "take up the unfinished items.") != "scholars"  # one of a list is no subject


def test_the_subject_is_not_whom_the_verb_is_about_he_who_some_in_a_capital_and_which_after_a_place(tmp_path):
    texts = {
        "dictator": (
            "Doubts\n\nXi Jinping met Antony Blinken in June. On June 20, the president called Xi a “dictator” at a "
            "fundraiser.\n\nPresident Joe Biden called Xi Jinping a “tyrant” in California, drawing a protest from "
            "Beijing, which called the remark “a careless insult.”\n"
        ),
        "secretary": (
            "London\n\nIn London, Blinken played down the row. ‘The president says what he thinks,’ the secretary of "
            "state told reporters.\n"
        ),
        "he": (
            "Talks\n\nVice Premier He Lifeng met Janet Yellen. He, who took over the economic portfolio in March, said "
            'the two sides should "keep the conversation going."\n'
        ),
        "some": "Statement\n\nSome in Washington keep accusing China of “flooding America with poison.”\n",
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "dictator", "dictator") == "Joe Biden"  # not Xi, whom "called" is about
    assert _speaker(quotes, "dictator", "a careless insult.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "secretary", "The president says what he thinks,") == "Antony Blinken"
    assert _speaker(quotes, "he", "keep the conversation going.") == "He Lifeng"
    assert _speaker(quotes, "some", "flooding America with poison.") == "U.S. officials"


def test_a_possessor_an_object_possessive_a_lead_clause_has_been_clear_and_honorifics_of_other_countries(tmp_path):
    texts = {
        "instruction": (
            'Remarks\n\nSECRETARY BLINKEN: Thank you. The President\'s instruction to me was short: "Go listen."\n\n'
            "MR MILLER: Next.\n\nSECRETARY BLINKEN: Fine.\n"
        ),
        "called": (
            "Briefing\n\nChina's foreign ministry called the President's comments \"a blatant provocation.\" Qin Gang "
            "met Blinken. The Secretary noted Foreign Minister Qin's own assessment that ties had hit their \"lowest "
            'point."\n'
        ),
        "lead": (
            "Column\n\nA day after the U.S. secretary of state left Beijing, the U.S. president stood before donors "
            "and called China’s head of state a “despot.”\n\nChina announced export controls, which its commerce "
            "ministry described as “a routine matter.”\n\n“Anything that keeps freight rates down is good,” said "
            "Alhaji Kabiru Garba, who imports machinery.\n\nIn the Bundestag, the Greens' Friederike Hauck, a member "
            "of the committee, said Germany could learn. “The Americans talk openly,” she said.\n"
        ),
        "clear": (
            'Call\n\nMS. BERAN: The President has been clear since Bali that he wants to "build a floor that holds."\n\n'
            "MR. KIRBY: Next.\n\nMS. BERAN: Fine.\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "instruction", "Go listen.") == "Joe Biden"
    assert _speaker(quotes, "called", "a blatant provocation.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "called", "lowest point.") == "Qin Gang"  # "Qin's own assessment that ..."
    assert _speaker(quotes, "lead", "despot.") == "Joe Biden"  # not the secretary in "A day after ...,"
    assert _speaker(quotes, "lead", "a routine matter.") == "Chinese Ministry of Commerce"
    assert _speaker(quotes, "lead", "Anything that keeps freight rates down is good,") == "Kabiru Garba"
    assert _speaker(quotes, "lead", "The Americans talk openly,") == "Friederike Hauck"
    assert _speaker(quotes, "clear", "build a floor that holds.") == "Joe Biden"


def test_members_of_a_legislature_a_causative_had_a_long_names_tail_and_a_conflicting_honorific(tmp_path):
    texts = {
        "senate": (
            "Hearing\n\nOn June 22, some members of the U.S. Senate claimed that the visit was “a reward for bad "
            "behavior.” Members of a trade club said it was “fine.”\n"
        ),
        "readout": (
            'Podcast\n\nURENA: Blinken saw Xi. The Chinese readout had Xi telling him the two should be "partners who '
            'talk."\n\nSZABO: Next.\n\nURENA: Fine.\n'
        ),
        "mexico": (
            "Mexico\n\nMEXICO CITY, June 23 - President Andrés Manuel López Obrador said cooperation had to go beyond "
            'words. "We are glad they are talking," López Obrador said.\n'
        ),
        "singapore": (
            "Ties\n\nDefence Minister Ng Eng Hen said the lack of military talks was “a worry”.\n\nMs Ng Pei Shan, "
            "director of a freight association, said the mood had lifted. “They need to be predictable,” Ms Ng said.\n\n"
            "Dr Ng said: “Predictability starts with picking up the phone.”\n"
        ),
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "senate", "a reward for bad behavior.") == "U.S. lawmakers"
    assert _speaker(quotes, "senate", "fine.") != "U.S. lawmakers"  # members of anything else are no legislature
    assert _speaker(quotes, "readout", "partners who talk.") == "Xi Jinping"
    assert _speaker(quotes, "mexico", "We are glad they are talking,") == "Andrés Manuel López Obrador"
    assert _speaker(quotes, "singapore", "Predictability starts with picking up the phone.") == "Ng Eng Hen"


def test_viet_nam_a_congressman_a_capitalised_foreign_ministry_and_a_verb_after_a_quotation_and_and(tmp_path):
    texts = {
        "hanoi": (
            'Viet Nam\n\nHA NOI — Viet Nam welcomes the dialogue and hopes it will bring "peace and stability," a '
            "foreign ministry spokeswoman said on Thursday.\n"
        ),
        "embassy": (
            "Statement\n\nCertain members of the U.S. Congress have made irresponsible remarks. One congressman "
            'claimed that the visit had "rewarded bad behavior."\n'
        ),
        "brazil": (
            "Brasilia\n\nBrazil welcomed the talks between Blinken and Chinese President Xi Jinping, with the Foreign "
            "Ministry saying that dialogue was “essential.”\n"
        ),
        "readout": (
            'Readout\n\nQin Gang stressed that the Taiwan question "sits at the center of China\'s interests," and '
            'urged the U.S. side to "match its words with deeds."\n'
        ),
    }
    quotes = _ledger(tmp_path, texts)
    hanoi = quotes[quotes.text == "peace and stability,"].iloc[0]
    assert hanoi.speaker_side == "Other"  # Viet Nam is a country, never a U.S. speaker
    assert _speaker(quotes, "embassy", "rewarded bad behavior.") == "U.S. lawmakers"
    assert _speaker(quotes, "brazil", "essential.") == "Brazilian Ministry of Foreign Affairs"
    assert _speaker(quotes, "readout", "match its words with deeds.") == "Qin Gang"  # not Taiwan, after "that"


def test_official_as_an_adjective_before_a_name_is_no_unnamed_official(tmp_path):
    texts = {
        "xinhua": (
            'Markets\n\nThe official Xinhua news agency said in a commentary that the cut showed "firm resolve." One '
            'official Monday said it was "fine."\n'
        )
    }
    quotes = _ledger(tmp_path, texts)
    assert _speaker(quotes, "xinhua", "firm resolve.") == "Chinese state media"
    assert _speaker(quotes, "xinhua", "fine.") == "officials"  # a weekday after "official" is no name
