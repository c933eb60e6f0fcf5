"""Speaker rules for unnamed groups, bodies a country owns, days beside a name, family names
told apart by their description, and the reporter of a clause whose subject is their own
country; each on a short text written for the rule."""

from __future__ import annotations

import pytest

import readout
from conftest import load_texts, write_corpus
from readout.analysis.mentions import find_mentions
from readout.analysis.names import side_from_description
from readout.analysis.quotes import extract_quotes

TEXTS = {
    "groups": (
        "Markets calm\n\n"
        'Traders said most funds were "content to wait for the next signal."\n\n'
        'In a note to clients, analysts at Brockhaven Partners wrote: "Lower risk is not the same as a deal."\n\n'
        'Several Democrats, speaking privately, said the remark could "hand critics an easy line."\n\n'
        "Republicans and a few Democrats say the administration’s push to “steady” ties has yet to pay off.\n"
    ),
    "owned": (
        "Neighbours react\n\n"
        "Thailand's Foreign Ministry on Tuesday welcomed the talks, saying it hoped they would open "
        '"a quieter season for the region."\n\n'
        "Türkiye’s Foreign Ministry also welcomed them. In a statement, the ministry said it hoped for "
        '"fewer blocs and more bridges."\n\n'
        'Taiwan\'s foreign ministry said it was "grateful for the reassurance."\n'
    ),
    "reporter": (
        "Tokyo's view\n\n"
        "Japan's Chief Cabinet Secretary Daisuke Oyama told a regular news conference that Tokyo welcomed "
        '"every step that lowers the risk of an accident."\n\n'
        'Blinken said China had called the new rules "a needless provocation."\n\n'
        "A government spokesperson in Berlin said Germany saw the meetings as "
        '"a sign that the big two are talking again."\n'
    ),
    "surnames": (
        "Two Ostrands\n\n"
        "Foreign Minister Erik Ostrand met the ambassador on Monday. Lise Ostrand, a professor at Norrvik "
        "University who is not related to the foreign minister, said the meeting was "
        '"overdue." Odile Ostrand of the Halden Institute said it was "useful."\n\n'
        'Ostrand, the foreign minister, told reporters that Oslo would "stay in close touch."\n\n'
        '"The hard part," said Ms. Ostrand of the Halden Institute, "is what comes next."\n'
    ),
    "trader_side": (
        "Supply chains\n\n"
        "Kenji Mori, a manager in the China business division of a trading house in Osaka, said customers "
        'wanted "predictability more than warmth."\n'
    ),
    "described": (
        "A gaffe?\n\n"
        "The president's remark was less a slip than a reminder that "
        '"domestic politics never take a week off," one scholar wrote.\n\n'
        "Secretary Blinken met Qin Gang on Sunday. The Secretary's words afterwards were that the two would "
        '"explore the idea together."\n'
    ),
}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    return extract_quotes(load_texts(tmp_path_factory.mktemp("groups"), TEXTS))


def _ledger_of(tmp_path, article, text):
    """The quote ledger of a corpus of one text."""
    return extract_quotes(load_texts(tmp_path, {article: text}))


def _row(ledger, article, text):
    """The one ledger row of ``article`` whose quotation is ``text``."""
    rows = ledger[(ledger.article_id == article) & (ledger.text == text)]
    assert len(rows) == 1, ledger[ledger.article_id == article]
    return rows.iloc[0]


def _speaker(ledger, article, text):
    return _row(ledger, article, text).speaker


def test_unnamed_groups_are_named_as_a_codebook_would_name_them(ledger):
    assert _speaker(ledger, "groups", "content to wait for the next signal.") == "Traders"
    # a group at a firm is that firm's, even after an opening adverbial and before a colon
    assert _speaker(ledger, "groups", "Lower risk is not the same as a deal.") == "Brockhaven Partners analysts"
    assert _speaker(ledger, "groups", "hand critics an easy line.") == "U.S. lawmakers"
    # the aim a push is named by is nobody's speech, not the words of those who talk about it
    assert _speaker(ledger, "groups", "steady") == "UNATTRIBUTED"


def test_a_body_a_third_country_owns_is_named_for_the_country(ledger):
    # a day between the body and its verb is neither part of its name nor a break before the verb
    assert _speaker(ledger, "owned", "a quieter season for the region.") == "Thai Ministry of Foreign Affairs"
    assert _speaker(ledger, "owned", "fewer blocs and more bridges.") == "Turkish Ministry of Foreign Affairs"
    assert _speaker(ledger, "owned", "grateful for the reassurance.") == "Taiwan Ministry of Foreign Affairs"


def test_the_reporter_of_their_own_countrys_view_speaks(ledger):
    assert _speaker(ledger, "reporter", "every step that lowers the risk of an accident.") == "Daisuke Oyama"
    # a clause whose subject is the other side keeps its own speaker
    assert _speaker(ledger, "reporter", "a needless provocation.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(ledger, "reporter", "a sign that the big two are talking again.") == "German government"


def test_a_shared_family_name_is_told_apart_by_its_description(ledger):
    # the professor's relative clause mentions a foreign minister but does not make her one
    assert _speaker(ledger, "surnames", "stay in close touch.") == "Erik Ostrand"
    assert _speaker(ledger, "surnames", "The hard part,") == "Odile Ostrand"
    assert _speaker(ledger, "surnames", "is what comes next.") == "Odile Ostrand"


def test_a_business_description_naming_china_is_no_chinese_official(ledger):
    rows = ledger[ledger.article_id == "trader_side"]
    assert rows.iloc[0].speaker == "Kenji Mori"
    assert rows.iloc[0].speaker_side == "Other"


def test_words_about_a_remark_are_not_the_remark(ledger):
    assert _speaker(ledger, "described", "domestic politics never take a week off,") == "Scholar"
    # "were that ...": the words themselves
    assert _speaker(ledger, "described", "explore the idea together.") == "Antony Blinken"


def test_a_headline_reports_a_stance_with_a_present_tense_verb(tmp_path):
    quotes = extract_quotes(
        load_texts(
            tmp_path,
            {
                "stance": "Ankara hopes US-China ‘dialogue’ will calm the region\n\nThe talks ended on Monday.\n",
                "thanks": "Taiwan thanks U.S. for 'steady' support\n\nThe talks ended on Monday.\n",
            },
        )
    )
    assert _speaker(quotes, "stance", "dialogue") == "Turkish officials"
    assert _speaker(quotes, "thanks", "steady") == "Taiwanese officials"


def test_an_embassy_no_text_places_speaks_for_its_foreign_ministry(tmp_path):
    texts = {
        "placed": "Reaction\n\nThe Chinese embassy in Lisbon called the remark “careless.”\n",
        "unplaced": "Reaction\n\nThe Chinese embassy called the remark “careless and unworthy.”\n",
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "placed", "careless.") == "Chinese embassy in Lisbon"
    assert _speaker(quotes, "unplaced", "careless and unworthy.") == "Chinese Ministry of Foreign Affairs"


def test_held_up_words_policy_names_and_sayings_are_nobodys(tmp_path):
    texts = {
        "talk": (
            "Words\n\nThe U.S. side keeps talking about “guardrails,” yet its ships sail on. "
            "Blinken spoke of “a responsibility to both peoples,” aides said.\n"
        ),
        "policy": 'Taiwan\n\nBlinken said the United States still holds to its "one China" policy.\n',
        "saying": "Knots\n\n“Whoever tied the knot should untie it,” as an old Chinese saying goes.\n",
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "talk", "guardrails,") == "UNATTRIBUTED"
    assert _speaker(quotes, "talk", "a responsibility to both peoples,") == "Antony Blinken"  # past tense: a report
    assert _speaker(quotes, "policy", "one China") == "UNATTRIBUTED"
    assert _speaker(quotes, "saying", "Whoever tied the knot should untie it,") == "UNATTRIBUTED"


def test_a_leading_initial_before_a_given_name_is_not_part_of_the_name(tmp_path):
    text = (
        "Statement by Ambassador R. Nicholas Vance on the Visit\n\n"
        "Ambassador R. Nicholas Vance today welcomed the visit. "
        '"It was a good week," Vance said.\n\n'
        'Minister S. Jaishankar said the talks were "useful."\n'
    )
    quotes = _ledger_of(tmp_path, "initial", text)
    assert _speaker(quotes, "initial", "It was a good week,") == "Nicholas Vance"
    assert _speaker(quotes, "initial", "useful.") == "S. Jaishankar"  # no given name follows: the initial stays


def test_an_embassys_own_statement_speaks_for_its_foreign_ministry(tmp_path):
    text = (
        "Embassy Statement on the Visit\n\nU.S. Embassy & Consulates in Freedonia\n\n"
        'The visit was "a good start on a long road," the Embassy said. '
        'Asked about other matters, an embassy spokesperson said the embassy "does not comment on them."\n'
    )
    row = (
        "e,e.txt,U.S. Embassy & Consulates in Freedonia,Embassy Statement on the Visit,2023-06-20,official_statement,US"
    )
    header = "article_id,file,outlet,headline,published,doc_kind,voice\n"
    corpus = readout.load_corpus(write_corpus(tmp_path / "doc", {"e.txt": text}, header + row + "\n"))
    quotes = extract_quotes(corpus)
    assert _speaker(quotes, "e", "a good start on a long road,") == "U.S. Department of State"
    assert _speaker(quotes, "e", "does not comment on them.") == "U.S. Department of State"


def test_a_quotation_inside_a_persons_sentence_a_plural_verb_and_a_countrys_ministry(tmp_path):
    texts = {
        "subject": (
            "Talks\n\nBlinken said the U.S. side hoped to “steady things,” and he invited Qin to visit. "
            "Qin agreed to visit Washington “at a time that suits both sides.”\n"
        ),
        "plural": 'Chips\n\nU.S. officials insist that the export controls are "narrowly drawn."\n',
        "ministry": (
            'Neighbours\n\nThe Japanese foreign ministry said it was "watching closely."\n\n'
            'The Taiwanese foreign ministry said it was "grateful for the briefing."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    row = quotes[quotes.text == "at a time that suits both sides."].iloc[0]
    assert (row.speaker, row.attribution) == ("Qin Gang", "subject")  # not a continuation of Blinken
    assert _speaker(quotes, "plural", "narrowly drawn.") == "U.S. officials"
    assert _speaker(quotes, "ministry", "watching closely.") == "Japanese Ministry of Foreign Affairs"
    assert _speaker(quotes, "ministry", "grateful for the briefing.") == "Taiwan Ministry of Foreign Affairs"


def test_politicians_netizens_a_seats_spokesman_and_a_view_held_by_a_pronoun(tmp_path):
    texts = {
        "groups": (
            'Reaction\n\nBefore he had boarded, some American politicians were calling the trip "begging diplomacy."\n\n'
            'Chinese netizens joked that it was "a long flight for a short handshake."\n\n'
            'A Downing Street spokesman said the prime minister "welcomes any contact."\n'
        ),
        "view": (
            "Views\n\nOrla Quenby, a professor at Tarn University, spoke on Monday. "
            'She said some lawmakers had called the trip "a concession," which in her view showed '
            '"how little room there is for diplomacy."\n'
        ),
        "apposition": (
            'Flights\n\n"It was useful," said Fei Jingwen, a researcher at the Yunlu Institute. She called the '
            'deal on more passenger flights "small but concrete," noting that few remain.\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "groups", "begging diplomacy.") == "U.S. lawmakers"
    assert _speaker(quotes, "groups", "a long flight for a short handshake.") == "Chinese netizens"
    assert _speaker(quotes, "groups", "welcomes any contact.") == "UK government"
    assert _speaker(quotes, "view", "how little room there is for diplomacy.") == "Orla Quenby"
    # an affiliation ends at a full stop: "She" opens the next sentence
    assert _speaker(quotes, "apposition", "small but concrete,") == "Fei Jingwen"


def _official(tmp_path, name, text, outlet, kind="official_statement", voice=""):
    row = f"{name},{name}.txt,{outlet},{text.splitlines()[0]},2023-06-20,{kind},{voice}"
    header = "article_id,file,outlet,headline,published,doc_kind,voice\n"
    corpus = readout.load_corpus(write_corpus(tmp_path / name, {f"{name}.txt": text}, header + row + "\n"))
    return extract_quotes(corpus), corpus


def test_an_envoys_statement_speaks_in_the_first_person_of_its_envoy(tmp_path):
    text = (
        "Ambassador Vance's Statement on the Visit\n\nU.S. Embassy & Consulates in Freedonia\n\n"
        "The following statement is from U.S. Ambassador to Freedonia R. Nicholas Vance:\n\n"
        'At a university event, one student asked me, "Are Americans still welcome here?" '
        'I told her, "Yes, and we want you to come too."\n'
    )
    quotes, corpus = _official(tmp_path, "s", text, "U.S. Embassy & Consulates in Freedonia")
    assert corpus.articles.set_index("article_id").loc["s", "doc_kind"] == "official_statement"  # from its text
    assert _speaker(quotes, "s", "Yes, and we want you to come too.") == "Nicholas Vance"


def test_a_paragraph_ending_in_a_colon_hands_its_last_sentence_to_the_next(tmp_path):
    text = (
        "Embassy Spokesperson Lin Haoran's Remarks on Lawmakers' Comments\n\n2023/06/22\n\n"
        'Some lawmakers called the visit "a trip to nowhere." Representative Dale Orcutt described it as '
        '"a photo op." Asked to comment, Embassy spokesperson Lin Haoran said:\n\n'
        '"The visit was a useful step. Both sides agreed to keep up contacts.\n\n'
        '"China\'s policy toward the United States is consistent."\n'
    )
    quotes, corpus = _official(tmp_path, "r", text, "Chinese embassy in Freedonia", kind="")
    assert corpus.articles.set_index("article_id").loc["r", "doc_kind"] == "official_statement"
    assert _speaker(quotes, "r", "The visit was a useful step. Both sides agreed to keep up contacts.") == "Lin Haoran"


def test_the_one_a_naming_verb_names_is_not_its_subject(tmp_path):
    text = (
        "Dinner\n\nPresident Biden told donors in California that the episode had embarrassed Xi Jinping "
        "and called the Chinese leader a “dictator.”\n"
    )
    quotes = _ledger_of(tmp_path, "n", text)
    assert _speaker(quotes, "n", "dictator.") == "Joe Biden"


def test_a_brand_in_camel_case_is_nobodys_words(tmp_path):
    text = 'Students\n\nOur "EducationUSA" advisers are ready to help, the ambassador said.\n'
    quotes = _ledger_of(tmp_path, "b", text)
    assert _speaker(quotes, "b", "EducationUSA") == "UNATTRIBUTED"


def test_the_foreign_minister_and_the_uks_bodies(tmp_path):
    texts = {
        "minister": (
            "Talks\n\nState Councilor and Foreign Minister Qin Gang held talks with Blinken.\n\n"
            "On Taiwan, Qin said the question was at the heart of China’s interests. "
            "“On this there is no room for a wrong step,” the foreign minister said.\n"
        ),
        "uk": (
            'London\n\nIn London, a Foreign Office spokesperson said the UK "welcomes any contact."\n\n'
            'A British official said the talks were "a useful start."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "minister", "On this there is no room for a wrong step,") == "Qin Gang"
    assert _speaker(quotes, "uk", "welcomes any contact.") == "UK Foreign Office"
    assert _speaker(quotes, "uk", "a useful start.") == "UK officials"


def test_a_ministry_named_without_its_country_and_an_assistant_professor(tmp_path):
    texts = {
        "taipei": (
            "Taipei welcomes US reassurance\n\nTAIPEI, June 20 (Formosa Wire) - The Ministry of Foreign Affairs (MOFA) "
            'said it welcomed the "reassurance" Washington had conveyed.\n'
        ),
        "prof": (
            "Relief\n\nAsst Prof Malee Srisuk, who teaches at the Rattana Institute, said Bangkok was relieved. "
            '"When the big ships slow down, the small boats can fish," she said.\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "taipei", "reassurance") == "Taiwan Ministry of Foreign Affairs"
    assert _speaker(quotes, "prof", "When the big ships slow down, the small boats can fish,") == "Malee Srisuk"


def test_a_habitual_label_is_nobodys_words_but_what_someone_called_is_theirs(tmp_path):
    texts = {
        "habit": (
            'Labels\n\nBeijing criticised what Washington calls "de-risking" as a cover for containment. '
            'Washington likes to say it wants to "compete responsibly." The Secretary raised the cases of '
            'citizens who are "wrongfully detained."\n'
        ),
        "called": (
            'Talks\n\nBlinken welcomed what Director Wang called "a necessary conversation." '
            'The talks covered what I\'d call "the practical agenda," Blinken said.\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    for words in ("de-risking", "compete responsibly.", "wrongfully detained."):
        assert _speaker(quotes, "habit", words) == "UNATTRIBUTED", words
    assert _speaker(quotes, "called", "a necessary conversation.") == "Wang Yi"
    assert _speaker(quotes, "called", "the practical agenda,") == "Antony Blinken"


def test_a_word_vague_others_use_in_a_transcript_turn_is_not_the_speakers(tmp_path):
    text = (
        "Press availability\n\nMR. DALE: Good afternoon.\n\nSECRETARY BLINKEN: Thank you. "
        'Some people have already labeled this visit a "thaw." I would say it is a start.\n\n'
        "QUESTION: Thank you.\n\nSECRETARY BLINKEN: Our teams will keep working on what I'd call "
        '"the practical agenda."\n'
    )
    quotes = _ledger_of(tmp_path, "t", text)
    assert _speaker(quotes, "t", "thaw.") == "UNATTRIBUTED"
    assert _speaker(quotes, "t", "the practical agenda.") == "Antony Blinken"


def test_the_other_sides_answer_in_a_transcript_turn_is_the_other_sides(tmp_path):
    text = (
        "Press availability\n\nMR. DALE: Good afternoon.\n\nSECRETARY BLINKEN: Thank you. On military channels, "
        'we pushed hard, and Beijing\'s answer for now is "not yet." China is "not ready," as my counterparts put it. '
        'In the words of one of my counterparts, "Hard talks are worth having." The Chinese side is wary. '
        'In their words, the sanctions are "an obstacle you made." I told them we "will keep at it." '
        'Beijing\'s position, as it was put to me, is that the sanctions are "the obstacle."\n\n'
        'QUESTION: Thank you. A senior official traveling with you told us that hopes were "very low." Were they?\n\n'
        'SECRETARY BLINKEN: Director Wang said that China\'s position was "clear and firm." I take him at his word.\n'
    )
    news = (
        'Talks\n\nBlinken said military talks were stalled. China was "not ready," as his counterparts put it, '
        "and he would keep trying.\n"
    )
    quotes = extract_quotes(load_texts(tmp_path, {"t": text, "n": news}))
    for words in ("not yet.", "not ready,", "Hard talks are worth having.", "an obstacle you made.", "the obstacle."):
        assert _speaker(quotes, "t", words) in ("Chinese officials", "Chinese Ministry of Foreign Affairs"), words
    assert _speaker(quotes, "t", "will keep at it.") == "Antony Blinken"
    assert _speaker(quotes, "t", "very low.") == "U.S. officials"  # after the other side's answer, still his side's
    assert _speaker(quotes, "t", "clear and firm.") == "Wang Yi"  # an answer inside what Wang said is Wang's
    assert _speaker(quotes, "n", "not ready,") == "Chinese officials"


def test_a_participle_after_said_a_possessor_after_a_preposition_and_quotes_him_as_saying(tmp_path):
    texts = {
        "adding": (
            "Military talks\n\nChina turned down a request to reopen military lines, a senior State Department "
            'official said, adding that Washington would "keep asking at every chance."\n'
        ),
        "referring": (
            "Scholars\n\nLin Meiyu, a scholar at the Haibin Institute, was doubtful. Referring to Blinken's remark "
            'that Washington does not seek to "contain" China, she said: "Words spoken here should hold at home."\n'
        ),
        "quotes": (
            "Press availability\n\nMR. DALE: Good afternoon.\n\nQUESTION: The Chinese readout of your meeting with "
            'President Xi quotes him as saying the two countries should be "partners, not rivals." Do you agree?\n\n'
            "SECRETARY BLINKEN: We will see.\n"
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "adding", "keep asking at every chance.") == "U.S. officials"
    assert _speaker(quotes, "referring", "Words spoken here should hold at home.") == "Lin Meiyu"
    assert _speaker(quotes, "quotes", "partners, not rivals.") == "Xi Jinping"


def test_a_title_case_headline_makes_no_name_of_its_capitals(tmp_path):
    text = (
        "U.S. Firms Cheer Blinken's China Visit but Say Risks Remain\n\nBy Ann Cole\n\n"
        "BEIJING -- Blinken met Xi on Monday.\n\n"
        'Blinken told reporters that Washington wanted "steady ties." "We want trade," he said.\n'
    )
    quotes = _ledger_of(tmp_path, "h", text)
    assert _speaker(quotes, "h", "steady ties.") == "Antony Blinken"
    assert _speaker(quotes, "h", "We want trade,") == "Antony Blinken"


def test_a_title_through_a_republic_a_relayed_object_a_relative_who_and_one_netizen(tmp_path):
    texts = {
        "statement": (
            "Envoy on the visit\n\nU.S. Ambassador to the People's Republic of China R. Nicholas Burns issued the "
            "following statement at the end of Secretary of State Antony J. Blinken's visit:\n\n"
            '"The visit came when our two countries needed to talk."\n\n'
            "The Ambassador also noted the concerns the Secretary raised, including detained Americans. "
            '"We will not rest until they are home," he said.\n'
        ),
        "who": (
            "Readouts\n\nBERLIN -- The later readouts reused the words of Blinken's meeting with Xi Jinping, who had "
            'spoken of "building on solid ground." "Beijing is consistent," said Jobst Rautenberg, an analyst.\n'
        ),
        "netizen": (
            "Two names\n\nBEIJING -- The two are hard to tell apart. As one Chinese netizen put it, "
            '"A new label does not change the medicine."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "statement", "The visit came when our two countries needed to talk.") == "Nicholas Burns"
    assert _speaker(quotes, "statement", "We will not rest until they are home,") == "Nicholas Burns"
    assert _speaker(quotes, "who", "building on solid ground.") == "Xi Jinping"
    assert _speaker(quotes, "netizen", "A new label does not change the medicine.") == "Chinese netizen"


def test_lawmakers_named_by_their_chamber_their_party_or_an_attack(tmp_path):
    text = (
        'Critics\n\nWASHINGTON -- The debate goes on. Others in Congress called the trip "a photo op." Many on '
        'Capitol Hill called it "weak." Some lawmakers attacked the trip as "a gift to Beijing." Was it, as one '
        'Republican senator put it this morning, "a trip for the photo album"?\n'
    )
    quotes = _ledger_of(tmp_path, "c", text)
    for words in ("a photo op.", "weak.", "a gift to Beijing.", "a trip for the photo album"):
        assert _speaker(quotes, "c", words) == "U.S. lawmakers", words


def test_bodies_named_with_their_country_an_association_and_a_presidential_official(tmp_path):
    texts = {
        "ottawa": (
            'Ottawa reacts\n\nOTTAWA -- Global Affairs Canada said in a statement that Ottawa "takes note of" the '
            'changes. The State Department has made this clear: "We will keep talking."\n'
        ),
        "tokyo": (
            "Exporters\n\nTOKYO -- The Japan-China Machinery Exporters' Association welcomed the talks. The law "
            'already requires firms to report on supply chains, a burden the association calls "heavy but fair."\n'
        ),
        "seoul": (
            "Seoul\n\nSEOUL -- South Korea welcomed the talks. A senior presidential official, speaking on condition "
            'of anonymity, said Seoul and Washington "remain in lockstep."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "ottawa", "takes note of") == "Global Affairs Canada"
    assert _speaker(quotes, "ottawa", "We will keep talking.") == "U.S. Department of State"
    assert _speaker(quotes, "tokyo", "heavy but fair.") == "Japan-China Machinery Exporters' Association"
    assert _speaker(quotes, "seoul", "remain in lockstep.") == "South Korean officials"


def test_a_list_after_with_holds_no_subject_and_the_foreign_ministry_of_the_place(tmp_path):
    texts = {
        "list": (
            "Statement on the visit\n\nSecretary Blinken visited Beijing on June 18-19.\n\nIn meetings with President "
            "Xi Jinping, Director Wang Yi and Foreign Minister Qin Gang, the Secretary was direct about our concerns. "
            'As he told reporters on Monday evening, "We came here to talk about hard things."\n'
        ),
        "seoul": (
            "Seoul\n\nSEOUL -- South Korea welcomed the talks on Tuesday. The foreign ministry said in a statement "
            'that it "welcomes high-level communication."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "list", "We came here to talk about hard things.") == "Antony Blinken"
    assert _speaker(quotes, "seoul", "welcomes high-level communication.") == "South Korean Ministry of Foreign Affairs"


def test_a_participle_after_a_coordinated_clause_one_told_and_the_department(tmp_path):
    texts = {
        "protest": (
            "Protest\n\nWASHINGTON -- Then there was President Biden. At a fundraiser on Tuesday he called Xi a "
            '"dictator," and China lodged a protest the next day, calling the remark "absurd."\n'
        ),
        "told": (
            'Talks\n\nBEIJING -- Director Wang Yi told Blinken on Monday that the U.S. side "should see China as it '
            'is" and drop what he called "the old script of containment."\n'
        ),
        "he": (
            "Yellen\n\nBEIJING -- Yellen also sat down with Vice Premier He Lifeng, her new counterpart. He said the talks "
            'were "useful and down-to-earth," according to the Chinese side.\n'
        ),
        "met": (
            "Jakarta\n\nJAKARTA -- Foreign Minister Wang Yi met Blinken again on July 13, when he urged Washington to "
            '"stop drawing lines."\n'
        ),
        "readout": (
            "Secretary Blinken's Meeting with Foreign Minister Qin\n\nOffice of the Spokesperson\n\n"
            "The following is attributable to Spokesperson Matthew Miller:\n\nSecretary Blinken met Foreign Minister "
            'Qin Gang in Beijing. In keeping with what the Department has called "diplomacy that is steady," the '
            "Foreign Minister accepted an invitation to visit Washington.\n"
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "protest", "absurd.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "told", "the old script of containment.") == "Wang Yi"
    assert _speaker(quotes, "met", "stop drawing lines.") == "Wang Yi"
    assert _speaker(quotes, "he", "useful and down-to-earth,") == "He Lifeng"
    assert _speaker(quotes, "readout", "diplomacy that is steady,") == "U.S. Department of State"


def test_a_title_holder_after_a_body_is_the_subject_and_an_apposition_says(tmp_path):
    texts = {
        "kjp": (
            'Dictator row\n\nBEIJING -- Mao Ning said China had lodged "stern representations." White House press '
            'secretary Karine Jean-Pierre did not back away. "The president says what he thinks," she told reporters.\n'
        ),
        "hear": (
            "Ambassador's statement\n\nI was glad to hear my counterpart in Washington, Ambassador Xie Feng, say he "
            'wants to "turn down the temperature." We agree.\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "kjp", "The president says what he thinks,") == "Karine Jean-Pierre"
    assert _speaker(quotes, "hear", "turn down the temperature.") == "Xie Feng"


def test_a_shared_family_name_is_told_apart_by_the_occasion(tmp_path):
    text = (
        "Two Wangs\n\nWang Yi, China's top diplomat, met Blinken on Monday. Foreign ministry spokesperson "
        "Wang Wenbin spoke later.\n\n"
        'Wang told a regular news briefing that the visit had been "arranged through consultation."\n\n'
        'Wang told Blinken that the two sides should "steer the relationship back on course."\n'
    )
    quotes = _ledger_of(tmp_path, "w", text)
    assert _speaker(quotes, "w", "arranged through consultation.") == "Wang Wenbin"
    assert _speaker(quotes, "w", "steer the relationship back on course.") == "Wang Yi"


def test_a_countrys_foreign_ministry_by_its_own_name_and_a_capitalised_one_after_with(tmp_path):
    texts = {
        "brazil": (
            "Brasília\n\nBrazil’s government on Tuesday welcomed the talks between Blinken and Xi Jinping, with the "
            "Foreign Ministry saying that dialogue was “essential for a predictable world.”\n"
        ),
        "paris": 'Paris\n\nIn Paris, the foreign ministry said the talks were "welcome news."\n',
        "delhi": 'Delhi\n\nIndia\'s foreign ministry said it was "following the talks closely."\n',
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "brazil", "essential for a predictable world.") == "Brazilian Ministry of Foreign Affairs"
    assert _speaker(quotes, "paris", "welcome news.") == "French Ministry for Europe and Foreign Affairs"
    assert _speaker(quotes, "delhi", "following the talks closely.") == "Indian Ministry of External Affairs"


def test_what_a_remark_shows_is_not_the_remark_and_a_direction_is_speech(tmp_path):
    texts = {
        "shows": (
            'Taipei\n\nLegislator Kao Chien-hung said the visit went well. "It did not happen," Kao said.\n\n'
            'Kao said the TAO\'s response showed that Beijing "has not changed its tune."\n'
        ),
        "direction": (
            "Channels\n\nBlinken spoke of President Biden's direction that senior officials "
            '"keep lines of communication open."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "shows", "has not changed its tune.") == "Kao Chien-hung"
    assert _speaker(quotes, "direction", "keep lines of communication open.") == "Joe Biden"


def test_an_interviews_questions_are_its_named_interviewers(tmp_path):
    text = (
        "Secretary Antony J. Blinken With Marisol Quayle of Lantern News Network\n\nINTERVIEW\n\n"
        'QUESTION: Mr. Secretary, thank you. So is this a "thaw"?\n\n'
        "SECRETARY BLINKEN: I would not put it that way. We have work to do.\n\n"
        "QUESTION: And the military channels?\n\nSECRETARY BLINKEN: Not yet.\n"
    )
    quotes = _ledger_of(tmp_path, "i", text)
    assert _speaker(quotes, "i", "thaw") == "Marisol Quayle"


def test_media_as_a_group_and_a_spokesperson_for_a_countrys_ministry(tmp_path):
    texts = {
        "media": 'Coverage\n\nSome U.S. media outlets have described the visit as "a thaw in name only."\n',
        "seoul": 'Seoul\n\nA spokesperson for South Korea’s foreign ministry said Seoul "welcomed the talks."\n',
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "media", "a thaw in name only.") == "U.S. media"
    assert _speaker(quotes, "seoul", "welcomed the talks.") == "South Korean Ministry of Foreign Affairs"


def test_a_spokesperson_for_a_named_body_speaks_for_it(tmp_path):
    text = 'Ottawa\n\nA spokesperson for Global Affairs Canada said the department had been "kept informed."\n'
    quotes = _ledger_of(tmp_path, "o", text)
    assert _speaker(quotes, "o", "kept informed.") == "Global Affairs Canada"


def test_an_envoy_posted_to_a_country_is_not_its_and_an_officer_speaks_for_his_documents_side(tmp_path):
    assert side_from_description("ambassador to China") is None
    assert side_from_description("U.S. Ambassador to the People's Republic of China") == "US"
    text = (
        "Ambassador Vance on the Secretary's Visit\n\nU.S. Embassy & Consulates in Freedonia\n\nStatement | June 20, 2023\n\n"
        'Ambassador R. Nicholas Vance welcomed the visit. "This was a serious trip," Vance said.\n'
    )
    quotes, _ = _official(tmp_path, "v", text, "U.S. Embassy & Consulates in Freedonia", voice="US")
    row = quotes[quotes.text == "This was a serious trip,"].iloc[0]
    assert (row.speaker, row.speaker_side) == ("Nicholas Vance", "US")


def test_a_passive_agent_a_ministry_statement_and_a_speaker_who_was_clear(tmp_path):
    texts = {
        "agent": 'Talks\n\nQin held talks with Blinken. They were described by the Chinese side as "thorough and frank."\n',
        "statement": 'Talks\n\nQin urged restraint. A foreign ministry statement said ties were "at a low ebb."\n',
        "clear": 'Gaggle\n\nBlinken left Beijing on Monday. The Secretary was clear that we will "compete vigorously."\n',
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "agent", "thorough and frank.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "statement", "at a low ebb.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "clear", "compete vigorously.") == "Antony Blinken"


def test_washingtons_departments_by_their_full_names(tmp_path):
    text = 'Export rules\n\nIn Washington, the Commerce Department said there was "no change" in its policy.\n'
    quotes = _ledger_of(tmp_path, "c", text)
    assert _speaker(quotes, "c", "no change") == "U.S. Department of Commerce"


def test_the_naming_verbs_subject_is_the_earlier_reporters_and_a_base_is_no_modifier(tmp_path):
    texts = {
        "after": (
            "Dinner\n\nLess than a day after Blinken left Beijing, President Biden told donors that the episode had "
            "embarrassed Xi Jinping and called the Chinese leader a “dictator.”\n"
        ),
        "based": "Mood\n\nA Beijing-based European diplomat said the mood was “noticeably lighter.”\n",
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "after", "dictator.") == "Joe Biden"
    assert _speaker(quotes, "based", "noticeably lighter.") == "European diplomat"


def test_a_group_phrase_never_spans_a_quotation_and_a_title_before_an_apposed_name(tmp_path):
    texts = {
        "span": (
            "Briefing\n\nGlobal Times: Some lawmakers have criticized the trip, with one senator calling it "
            '"a tour of concessions." Chinese experts say such comments show a "zero-sum mindset." Your comment?\n'
        ),
        "general": (
            'Forum\n\nAustin said the worst time to talk is "in the middle of a crisis." China\'s defence minister, '
            'General Li Shangfu, used his speech to accuse the U.S. of "stirring the pot in Asia."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "span", "zero-sum mindset.") == "Chinese experts"
    assert _speaker(quotes, "general", "stirring the pot in Asia.") == "Li Shangfu"


def test_a_speaker_relayed_inside_anothers_words_is_no_he_to_come(tmp_path):
    text = (
        "Talks\n\nWang Yi met Blinken on Monday.\n\n"
        'Wang Yi noted that President Xi Jinping has pointed out that "a stable relationship serves both peoples." '
        'He said China\'s growth is "for its own people, not against anyone."\n'
    )
    quotes = _ledger_of(tmp_path, "r", text)
    assert _speaker(quotes, "r", "for its own people, not against anyone.") == "Wang Yi"


def test_a_former_official_is_no_governments_and_keeps_the_printed_order(tmp_path):
    texts = {
        "former": 'Profile\n\nA former U.S. official who dealt with Qin described him as "polished and ambitious."\n',
        "retired": "Tea\n\nAs a retired Chinese diplomat put it to me this week: “The Americans came to talk.”\n",
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    row = quotes[quotes.text == "polished and ambitious."].iloc[0]
    assert (row.speaker, row.speaker_side) == ("Former U.S. official", "Other")
    assert _speaker(quotes, "retired", "The Americans came to talk.") == "Retired Chinese diplomat"


def test_an_apposition_after_a_closing_quotation_mark_names_a_person(tmp_path):
    text = (
        "London\n\nA spokesperson said: ‘The UK welcomes any step.’ The foreign secretary, Edmund Varley, is "
        "understood to be considering a trip. Mr Varley has said Britain will ‘engage where it helps’.\n"
    )
    quotes = _ledger_of(tmp_path, "l", text)
    assert _speaker(quotes, "l", "engage where it helps") == "Edmund Varley"


def test_the_foreign_secretary_is_no_secretary_of_state(tmp_path):
    text = (
        "London talks\n\nLONDON, June 21 (Wire) - Blinken met Chinese leaders in Beijing before flying to London.\n\n"
        "Speaking alongside Mr Blinken on Wednesday, the foreign secretary said Britain would ‘keep its eyes open’.\n"
    )
    quotes = _ledger_of(tmp_path, "f", text)
    assert _speaker(quotes, "f", "keep its eyes open") == "UK Foreign Office"  # his ministry, not Blinken


def test_a_leading_time_clause_holds_no_subject(tmp_path):
    text = (
        "Dinner\n\nBarely a day after the U.S. secretary of state left Beijing, the U.S. president stood before "
        "donors in California and called China’s head of state a “dictator.”\n"
    )
    quotes = _ledger_of(tmp_path, "t", text)
    assert _speaker(quotes, "t", "dictator.") == "Joe Biden"


def test_the_spokesperson_of_a_spokespersons_remarks_is_their_author(tmp_path):
    text = (
        "Embassy Spokesperson Lin Haoran’s Remarks on the U.S. President’s Comments\n\n2023-06-21\n\n"
        "The remarks were a careless act. China is firmly opposed to them.\n\n"
        'A White House spokesperson said the words "speak for themselves." '
        "The Spokesperson said: “They do. That is exactly the problem.”\n"
    )
    quotes, _ = _official(tmp_path, "s", text, "Chinese embassy in Freedonia", voice="China")
    assert _speaker(quotes, "s", "They do. That is exactly the problem.") == "Lin Haoran"


def test_a_questioner_named_by_the_moderator_frames_their_question(tmp_path):
    text = (
        "Press availability\n\nSECRETARY BLINKEN: Good evening.\n\n"
        "MR. DALE: We'll take a few questions. First, Galen Orrin of Cormorant News.\n\n"
        'QUESTION: Mr. Secretary, is this a "reset"?\n\nSECRETARY BLINKEN: It is a start.\n\n'
        "MR. DALE: Next question.\n\nQUESTION: Thank you.\n\nSECRETARY BLINKEN: Thank you.\n"
    )
    quotes = _ledger_of(tmp_path, "p", text)
    assert _speaker(quotes, "p", "reset") == "Galen Orrin"


def test_a_visit_concluded_is_no_conclusion_and_a_descriptor_is_no_name(tmp_path):
    texts = {
        "ended": (
            'Embassy\n\n"Three days do not undo three years," Ambassador Edwin Farrow said on Tuesday, a day after '
            'Secretary of State Antony Blinken concluded his visit to Beijing. "But they give us something to build on."\n'
        ),
        "daily": (
            "Coverage\n\nThe English-language China Daily wrote in an editorial that the visit was "
            '"a chance for Washington to correct its course."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "ended", "But they give us something to build on.") == "Edwin Farrow"
    assert _speaker(quotes, "daily", "a chance for Washington to correct its course.") == "China Daily"


def test_an_ambassador_at_his_embassy_is_not_the_spy_chief_of_the_same_name(tmp_path):
    text = (
        "Burns and Burns\n\nNicholas Burns, the American ambassador, sat in on the meetings. William Burns, the C.I.A. "
        "director, visited in May.\n\n"
        'Burns said the embassy had spent weeks preparing and that "every hour of the schedule was negotiated."\n'
    )
    quotes = _ledger_of(tmp_path, "b", text)
    assert _speaker(quotes, "b", "every hour of the schedule was negotiated.") == "Nicholas Burns"


def test_a_shared_family_name_after_a_leading_time_phrase_is_the_one_just_named(tmp_path):
    text = (
        'Second day\n\nForeign ministry spokesman Wang Wenbin said the talks had been "useful."\n\n'
        "Later on Monday, Commerce Minister Wang Wentao met foreign chambers in Beijing. Wang said China would "
        '"treat every firm alike."\n'
    )
    quotes = _ledger_of(tmp_path, "w", text)
    assert _speaker(quotes, "w", "treat every firm alike.") == "Wang Wentao"
    assert _speaker(quotes, "w", "useful.") == "Wang Wenbin"


def test_one_of_a_group_speaks_for_the_group(tmp_path):
    text = (
        "Chips\n\nThree equipment makers' executives said the visit had changed little. One called it "
        '"a handshake without a contract."\n\n'
        "Officials in Washington, speaking on condition of anonymity, said they were calm. One said the "
        'administration would "work with whoever is in the chair."\n'
    )
    quotes = _ledger_of(tmp_path, "o", text)
    assert _speaker(quotes, "o", "work with whoever is in the chair.") == "U.S. officials"
    assert _speaker(quotes, "o", "a handshake without a contract.") != "UNATTRIBUTED"


def test_would_only_say_reports_and_would_call_does_not(tmp_path):
    text = (
        "Next steps\n\nA senior administration official would only say that Washington was "
        '"open to whatever the hosts propose." What you would call "a thaw" is not here yet.\n'
    )
    quotes = _ledger_of(tmp_path, "m", text)
    assert _speaker(quotes, "m", "open to whatever the hosts propose.") == "U.S. officials"
    assert _speaker(quotes, "m", "a thaw") == "UNATTRIBUTED"


def test_quoted_as_saying_gives_the_one_quoted(tmp_path):
    text = (
        "Envoy\n\nChina's ambassador, Xie Feng, raised the remark in Washington, the Chinese embassy said. The "
        'embassy quoted him as saying that such words "spend in a night what was saved over weeks."\n\n'
        'State media quoted Wang Yi as saying the U.S. must "choose its course."\n'
    )
    quotes = _ledger_of(tmp_path, "q", text)
    assert _speaker(quotes, "q", "spend in a night what was saved over weeks.") == "Xie Feng"
    assert _speaker(quotes, "q", "choose its course.") == "Wang Yi"


def test_a_ministry_named_with_no_country_is_the_one_the_text_is_about(tmp_path):
    text = (
        "Talks\n\nBlinken met Qin Gang on Sunday.\n\n"
        'Later, the Foreign Ministry spokesperson stated that the remarks "do not match the talks."\n\n'
        'According to the Foreign Ministry, Qin accepted an invitation to visit "when both sides find it convenient."\n\n'
        "A spokesperson for the Ministry of Commerce told a news conference that China hoped to "
        '"bring trade back to routine."\n'
    )
    quotes = _ledger_of(tmp_path, "g", text)
    assert _speaker(quotes, "g", "do not match the talks.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "g", "when both sides find it convenient.") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "g", "bring trade back to routine.") == "Chinese Ministry of Commerce"


def test_the_chinese_leader_is_the_head_of_state_named_and_an_asked_clause_names_no_answerer(tmp_path):
    text = (
        "Great Hall\n\nBlinken met Xi Jinping on Monday. In short remarks, the Chinese leader said the sides had "
        "‘cleared up a few matters’.\n\n"
        "Press secretary Karine Jean-Pierre spoke to reporters on the plane. Asked whether President Biden would "
        "meet Xi soon, she said: “We will see.”\n"
    )
    quotes = _ledger_of(tmp_path, "x", text)
    assert _speaker(quotes, "x", "cleared up a few matters") == "Xi Jinping"
    assert _speaker(quotes, "x", "We will see.") == "Karine Jean-Pierre"


def test_someones_words_are_no_word_named_and_the_readout_is_the_one_last_quoted(tmp_path):
    text = (
        "Readouts\n\nA White House spokesperson said the President’s words “need no gloss.”\n\n"
        'The Chinese readout said Qin urged the U.S. to "stop stirring." The readout called the talks '
        '"long and plain-spoken."\n'
    )
    quotes = _ledger_of(tmp_path, "r", text)
    assert _speaker(quotes, "r", "need no gloss.") == "White House"
    assert _speaker(quotes, "r", "long and plain-spoken.") == "Chinese Ministry of Foreign Affairs"


def test_a_country_named_by_several_names_and_its_capital_is_where_the_text_is_set(tmp_path):
    text = (
        "Welcome in London\n\nThe foreign secretary welcomed the talks as Blinken prepared to fly to London for a "
        "conference on Ukraine's recovery. Britain wants Ukraine's partners at the table.\n\n"
        "The UK will host delegations in London. Britain has pledged support for Ukraine.\n\n"
        "A Foreign Office spokesperson said the UK would 'keep talking where it helps'.\n\n"
        'In Berlin, a government spokesperson said Germany "welcomes every calmer week."\n'
    )
    quotes = _ledger_of(tmp_path, "u", text)
    assert _speaker(quotes, "u", "keep talking where it helps") == "UK Foreign Office"  # not Ukraine's
    assert _speaker(quotes, "u", "welcomes every calmer week.") == "German government"


def test_department_officials_in_the_departments_own_statement_are_its_own(tmp_path):
    text = (
        "Secretary Blinken's Travel to London\n\nOffice of the Spokesperson\n\nJune 20, 2023\n\n"
        "Secretary Blinken will travel to London, United Kingdom, for a conference the United Kingdom hosts with "
        'Ukraine. The UK and Ukraine call it "a recovery that lasts." Department officials described the stop as '
        '"one more part of a full week."\n'
    )
    quotes, _ = _official(tmp_path, "d", text, "U.S. Department of State", voice="US")
    assert _speaker(quotes, "d", "one more part of a full week.") == "U.S. Department of State"


def test_a_foreign_ministry_named_by_its_own_name_is_its_countrys(tmp_path):
    text = (
        "Partners\n\nGermany adopted a strategy in July, and Berlin said so twice. A spokesperson for the Federal "
        'Foreign Office said Berlin had been "in touch all spring."\n\n'
        "New Delhi is watching “calmly,” a senior official in the Ministry of External Affairs said.\n\n"
        'The Ministry of External Affairs later said it was "taking note."\n'
    )
    quotes = _ledger_of(tmp_path, "m", text)
    assert _speaker(quotes, "m", "in touch all spring.") == "German Federal Foreign Office"
    assert _speaker(quotes, "m", "calmly,") == "Indian Ministry of External Affairs"
    assert _speaker(quotes, "m", "taking note.") == "Indian Ministry of External Affairs"  # not Germany's


def test_government_officials_of_a_third_country_are_its_own_and_one_of_them_too(tmp_path):
    text = (
        "Tokyo watches\n\nTOKYO -- Japan welcomed the talks. U.S. officials said they had briefed Tokyo.\n\n"
        "Japanese government officials, however, privately expressed concern that a thaw could bring "
        '"bargains made over our heads." One '
        'senior official said Tokyo had "learned to read the footnotes."\n'
    )
    quotes = _ledger_of(tmp_path, "j", text)
    assert _speaker(quotes, "j", "bargains made over our heads.") == "Japanese officials"
    assert _speaker(quotes, "j", "learned to read the footnotes.") == "Japanese officials"


def test_a_family_name_after_a_leading_setting_phrase_and_the_official_after_a_relayed_clause(tmp_path):
    text = (
        "Third day\n\nWang Yi met Blinken on Monday.\n\nIn a separate session on Tuesday, Commerce Minister Wang "
        'Wentao told executives that China would "keep the door open." Wang said firms should "look past the news."'
        "\n\nA senior State Department official said Chinese officials had made clear that military talks were "
        '"not on the agenda." "We will keep asking," the official said.\n'
    )
    quotes = _ledger_of(tmp_path, "w", text)
    assert _speaker(quotes, "w", "look past the news.") == "Wang Wentao"
    assert _speaker(quotes, "w", "We will keep asking,") == "U.S. officials"  # the source, not whom it relayed


def test_footage_of_someone_telling_and_a_live_blog_entry_heading_name_the_speaker(tmp_path):
    text = (
        "Live: the visit\n\n4:10 a.m. ET\n\nBlinken arrives at the Great Hall.\n\n"
        "Chinese state television aired footage of Xi Jinping telling Blinken that China "
        "\"wishes no one harm.\"\n\nWang Yi: U.S. must 'choose its road'\n\n"
        "Wang Yi met Blinken for three hours before the meeting with Xi.\n"
    )
    quotes = _ledger_of(tmp_path, "l", text)
    assert _speaker(quotes, "l", "wishes no one harm.") == "Xi Jinping"
    assert _speaker(quotes, "l", "choose its road") == "Wang Yi"


def test_a_readouts_he_a_second_that_clause_firms_a_chamber_and_a_one_word_body(tmp_path):
    texts = {
        "r": (
            "Readout\n\nSecretary Blinken met Foreign Minister Qin Gang today.\n\nHe conveyed President Biden's "
            'message that "the region is watching." He also raised "the cases of detained citizens," and told the '
            'Foreign Minister that their return "matters to me."\n\n'
            "Blinken said President Biden had asked him to come, and that the U.S. side "
            '"wants to hear China directly," according to the Chinese side.\n'
        ),
        "b": (
            'Business\n\nForeign businesses in China welcomed what they called "clearer signals."\n\n'
            'The Pacific Chamber of Commerce said its members "want a calendar." "Members plan in years," the '
            "chamber said.\n\nA spokesperson for Nordvik, the national employers' federation, said it \"hopes for "
            'steady rules."\n\nA German foreign ministry spokesperson said Berlin would "keep talking."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "r", "the cases of detained citizens,") == "Antony Blinken"  # "He", not Biden
    assert _speaker(quotes, "r", "matters to me.") == "Antony Blinken"
    assert _speaker(quotes, "r", "wants to hear China directly,") == "Antony Blinken"  # said ..., and that
    assert _speaker(quotes, "b", "clearer signals.") == "Foreign businesses"
    assert _speaker(quotes, "b", "Members plan in years,") == "Pacific Chamber of Commerce"
    assert _speaker(quotes, "b", "hopes for steady rules.") == "Nordvik"
    assert _speaker(quotes, "b", "keep talking.") == "German Federal Foreign Office"


def test_an_office_holder_reporting_her_country_the_secretary_and_the_researcher(tmp_path):
    texts = {
        "w": (
            "Canberra\n\nForeign Minister Dana Wexley said Australia welcomed \u201cany step that lowers the risk.\u201d\n"
        ),
        "h": (
            "Press briefing by Press Secretary Karine Jean-Pierre\n\nMS. JEAN-PIERRE: Good afternoon. The Secretary "
            'came back with what we wanted. The Secretary himself called it "a beginning."\n\n'
            "Q: Thank you.\n\nMS. JEAN-PIERRE: Thanks.\n\nQ: One more.\n"
        ),
        "r": (
            "Views\n\nNing Shaoyan, a research fellow at the Lakeside Institute, told a broadcaster it was "
            '"a start." The researcher said Washington should "match words with deeds."\n'
        ),
    }
    quotes = extract_quotes(load_texts(tmp_path, texts))
    assert _speaker(quotes, "w", "any step that lowers the risk.") == "Dana Wexley"
    assert _speaker(quotes, "h", "a beginning.") == "Antony Blinken"  # not the press secretary
    assert _speaker(quotes, "r", "match words with deeds.") == "Ning Shaoyan"


def test_a_foreign_ministry_spokesperson_in_a_capital_and_an_official_on_the_secretarys_plane(tmp_path):
    text = (
        'Reactions\n\nA foreign ministry spokesperson in Seoul said Korea "welcomes the talks."\n\n'
        'QUESTION: Mr. Secretary, a senior official traveling with you told us that hopes were "modest." '
        "Were they met?\n"
    )
    quotes = _ledger_of(tmp_path, "s", text)
    assert _speaker(quotes, "s", "welcomes the talks.") == "South Korean Ministry of Foreign Affairs"
    assert _speaker(quotes, "s", "modest.") == "U.S. officials"


def test_his_aides_are_the_officials_of_his_side(tmp_path):
    text = (
        'Flight home\n\nWang Yi met Blinken. Chinese officials called it "useful."\n\n'
        'As Blinken flew out of Beijing, his aides said the talks had been "workmanlike." One of them described '
        "the mood on the plane as “tired, not triumphant.”\n"
    )
    quotes = _ledger_of(tmp_path, "a", text)
    assert _speaker(quotes, "a", "workmanlike.") == "U.S. officials"
    assert _speaker(quotes, "a", "tired, not triumphant.") == "U.S. officials"  # not the officials who spoke before


def test_an_unqualified_official_in_a_governments_transcript_is_its_own_and_yesterday_is_no_name(tmp_path):
    transcript = (
        "Secretary Blinken at a Press Availability\n\nSECRETARY BLINKEN: Good evening.\n\n"
        'QUESTION: A senior official told us before the trip that hopes were "deliberately low." Are they still?\n\n'
        "SECRETARY BLINKEN: I will leave that to others.\n\nMR. MILLER: Next.\n"
    )
    quotes, _ = _official(tmp_path, "t", transcript, "U.S. Department of State", kind="transcript", voice="US")
    assert _speaker(quotes, "t", "deliberately low.") == "U.S. officials"
    blog = "Live\n\nThe talks went on. Yesterday Blinken told reporters that the day had brought real progress.\n"
    actors = set(readout.find_mentions(load_texts(tmp_path / "b", {"b": blog}))["actor"])
    assert "Antony Blinken" in actors and not any(a.startswith("Yesterday") for a in actors)


def test_the_pages_own_correspondent_replies_for_no_government(tmp_path):
    text = (
        "Live\n\nBlinken met Xi on Monday.\n\n"
        "Reader question: did Blinken get anything on fentanyl? Our Beijing correspondent replies: "
        "\u201cOnly a promise to keep talking.\u201d\n"
    )
    quotes = _ledger_of(tmp_path, "c", text)
    assert _speaker(quotes, "c", "Only a promise to keep talking.") == "Beijing correspondent"
    assert quotes.loc[quotes.article_id == "c", "speaker_side"].tolist() == ["Other"]


def test_the_prime_ministers_spokesman_speaks_for_the_government_where_the_text_is_set(tmp_path):
    text = (
        "London\n\nLONDON -- Britain welcomed the talks. The UK said so, and London agreed.\n\n"
        "The prime minister\u2019s official spokesman said the UK would \u2018talk without being naive\u2019.\n"
    )
    quotes = _ledger_of(tmp_path, "p", text)
    assert _speaker(quotes, "p", "talk without being naive") == "UK government"


def test_heard_from_our_chinese_counterparts_is_theirs_in_a_us_turn(tmp_path):
    text = (
        "Secretary Blinken at a Press Availability\n\nSECRETARY BLINKEN: On the military channel, we did not get "
        'there. What I heard from our Chinese counterparts was, in effect, "not this year."\n\n'
        "MR MILLER: First question.\n\nQUESTION: Thanks.\n\nSECRETARY BLINKEN: Thanks.\n"
    )
    quotes = _ledger_of(tmp_path, "h", text)
    assert _speaker(quotes, "h", "not this year.") == "Chinese officials"  # not the Secretary whose turn it is


def test_a_title_ends_with_its_paragraph(tmp_path):
    text = (
        "Views\n\n\u201cBoth capitals are deciding,\u201d said Vera Dunmore, a specialist at the Kestrel Foundation in "
        "Washington.\n\nThe Chinese Foreign Ministry said in a statement that Washington should not "
        '"see a rival in every mirror."\n'
    )
    quotes = _ledger_of(tmp_path, "t", text)
    assert _speaker(quotes, "t", "see a rival in every mirror.") == "Chinese Ministry of Foreign Affairs"


def test_a_naming_verb_names_only_the_quotation_right_after_it(tmp_path):
    text = (
        "Scholars weigh in\n\n"
        "Petra Quillon, who studies Chinese foreign policy at Ormsby College, said the U.S. side often calls "
        'its approach "managed rivalry," but that Beijing "will not sign up to rules written for it."\n\n'
        'Tobias Renwick said he would watch whether Beijing eased what Washington calls "exit bans" on '
        'foreign staff, and whether it ended "surprise inspections" of consultancies.\n\n'
        'The ministry called the sanctions "unlawful," "unilateral" and "doomed."\n\n'
        'Some senators called the trip "a wasted week," while others said the department should "try again."\n'
    )
    quotes = _ledger_of(tmp_path, "n", text)
    assert _speaker(quotes, "n", "will not sign up to rules written for it.") == "Petra Quillon"  # "but that"
    assert _speaker(quotes, "n", "surprise inspections") != "U.S. officials"  # the verb's object ended
    assert _speaker(quotes, "n", "doomed.") == _speaker(quotes, "n", "unlawful,")  # one list, one namer
    assert _speaker(quotes, "n", "try again.") == _speaker(quotes, "n", "a wasted week,")  # others of the group


def test_his_president_is_the_president_named_in_the_text(tmp_path):
    text = (
        "A week of mixed signals\n\n"
        "President Joe Biden wished the Secretary well. Blinken flew home on Tuesday, and within a day his "
        "President had called his Chinese counterpart a \u2018tyrant of the old school\u2019.\n"
    )
    quotes = _ledger_of(tmp_path, "p", text)
    assert _speaker(quotes, "p", "tyrant of the old school") == "Joe Biden"


def test_a_cue_of_the_sentence_before_yields_to_the_name_after_a_quotation(tmp_path):
    text = (
        "Delhi shrugs\n\n"
        "Diplomats here say the worry is overdone. \u201cTwo big powers talking is no loss for us,\u201d "
        "Ketaki Sondhiya, a senior fellow at the Vindhya Policy Circle, told the Morning Ledger.\n\n"
        "Chinese scholars told the paper that the visit mattered. \u201cA phone line is worth more than a "
        "summit,\u201d one scholar of China-U.S. relations said.\n"
    )
    quotes = _ledger_of(tmp_path, "d", text)
    assert _speaker(quotes, "d", "Two big powers talking is no loss for us,") == "Ketaki Sondhiya"
    assert _speaker(quotes, "d", "A phone line is worth more than a summit,") == "Chinese scholars"  # not U.S.


def test_state_media_of_a_third_country_is_not_chinas_and_state_television_is(tmp_path):
    text = (
        "Watching from afar\n\n"
        'Russian state media said the meetings were "a show for the cameras."\n\n'
        "North Korea\u2019s state news agency called the trip \u201ca journey of the weak.\u201d\n\n"
        'Chinese state television said in its late bulletin that the talks had been "long and frank."\n'
    )
    quotes = _ledger_of(tmp_path, "s", text)
    assert _speaker(quotes, "s", "a show for the cameras.") != "Chinese state media"
    assert _speaker(quotes, "s", "a journey of the weak.") != "Chinese state media"
    assert _speaker(quotes, "s", "long and frank.") == "Chinese state media"


def test_the_then_minister_and_an_unnamed_source_before_a_long_aside(tmp_path):
    text = (
        "Looking back\n\n"
        "Qin Gang was removed from his post on Tuesday.\n\n"
        "At the June talks, the then foreign minister told Blinken that China wanted the U.S. to "
        '"know where the lines are drawn."\n\n'
        "A senior U.S. official, speaking to reporters after a banquet that ran well past midnight, described "
        "the day as \u201cslow but not wasted.\u201d\n"
    )
    quotes = _ledger_of(tmp_path, "t", text)
    assert _speaker(quotes, "t", "know where the lines are drawn.") == "Qin Gang"
    assert _speaker(quotes, "t", "slow but not wasted.") == "U.S. officials"


def test_officials_named_by_a_body_with_its_country_and_the_new_minister(tmp_path):
    text = (
        "Ottawa and Delhi\n\n"
        "A Global Affairs Canada official, speaking on background, said Ottawa had been told of the talks by "
        'U.S. counterparts. The official called the American mood "careful, not giddy."\n\n'
        "Prime Minister Narendra Modi leaves on Wednesday. The official in New Delhi saw no link. "
        '"The trip was fixed months ago," he said.\n\n'
        "Wang Yi, reappointed on Tuesday, knows the file. The new foreign minister told Blinken in July that both "
        'sides should "stop the drift."\n\n'
        'Wang called on Washington to "lift the sanctions" on Chinese firms and to stop "drawing lines around China."\n'
    )
    quotes = _ledger_of(tmp_path, "o", text)
    assert _speaker(quotes, "o", "careful, not giddy.") == "Canadian officials"
    assert _speaker(quotes, "o", "The trip was fixed months ago,") == "Indian officials"  # not Modi
    assert _speaker(quotes, "o", "stop the drift.") == "Wang Yi"
    assert _speaker(quotes, "o", "drawing lines around China.") == "Wang Yi"  # "called on" names nothing


def test_a_lower_case_state_department_and_sources_a_relative_clause_describes(tmp_path):
    text = (
        "Live: the talks\n\n9.40pm AEST \u2013 Foreign Minister Penny Wong spoke to reporters in Adelaide. Asked "
        "whether Canberra had been told in advance, the minister said only that Australia was \u201cin touch.\u201d\n\n"
        "8.15pm AEST \u2013 A state department spokesperson says the secretary \u201cexpects a frank exchange.\u201d\n\n"
        "The White House took weeks over Mr. Blinken's plans, according to two people familiar with the "
        'preparations, who said officials wanted "nothing left to chance."\n\n'
        "Mr. Blinken later met Hesper Quayle, an analyst at the Tamsin Institute, who said the mood was "
        '"lighter than expected."\n'
    )
    quotes = _ledger_of(tmp_path, "l", text)
    assert _speaker(quotes, "l", "expects a frank exchange.") == "U.S. Department of State"  # not Australia's
    assert _speaker(quotes, "l", "nothing left to chance.") == "People familiar with the preparations"
    assert _speaker(quotes, "l", "lighter than expected.") == "Hesper Quayle"  # the apposition's name


def test_when_he_after_he_met_someone_is_the_one_who_met_them(tmp_path):
    text = (
        "A familiar face\n\n"
        "Wang Yi returned as foreign minister on Tuesday. He met Blinken in Jakarta on July 13, when he told "
        'him that the Beijing understandings "must be kept to the letter."\n'
    )
    quotes = _ledger_of(tmp_path, "w", text)
    assert _speaker(quotes, "w", "must be kept to the letter.") == "Wang Yi"  # not Blinken, whom he met


def test_a_verb_inverted_at_the_end_of_a_sentence_after_a_quotation_inside_it(tmp_path):
    text = (
        "Allies weigh the visit\n\n"
        "Foreign Secretary Rowena Vantreight spoke in London on Tuesday.\n\n"
        "The trip \u2018bought a little quiet\u2019 for allies, says Vantreight.\n\n"
        'The White House, for its part, said the president "meant every word."\n\n'
        '"We sell more when they talk," Odile Marchetti, who runs an exporter in Lyon, told the Gazette.\n'
    )
    quotes = _ledger_of(tmp_path, "v", text)
    assert _speaker(quotes, "v", "bought a little quiet") == "Rowena Vantreight"
    assert _speaker(quotes, "v", "meant every word.") != "Joe Biden"  # the quotation follows the verb
    assert _speaker(quotes, "v", "We sell more when they talk,") == "Odile Marchetti"  # not the paper told


def test_what_a_spokesperson_has_heard_or_seen_reported_is_the_other_sides(tmp_path):
    text = (
        "Foreign Ministry Spokesperson's Regular Press Conference\n\n"
        "Wang Wenbin: Whether relations improve depends on the U.S. We have heard many times that the U.S. "
        "\u201cwelcomes a China that does well.\u201d We want to see it.\n\n"
        "We have seen reports citing U.S. officials that the talks were \u201cworth the trip.\u201d\n\n"
        'Hu Renxi, a scholar who has heard him speak, said the minister was "careful with every word."\n'
    )
    quotes = _ledger_of(tmp_path, "m", text)
    assert _speaker(quotes, "m", "welcomes a China that does well.") == "U.S. officials"  # not Wang Wenbin
    assert _speaker(quotes, "m", "worth the trip.") == "U.S. officials"
    assert _speaker(quotes, "m", "careful with every word.") == "Hu Renxi"  # "heard him": no clause reported


def test_a_headline_naming_who_spoke_to_whom_before_its_colon(tmp_path):
    text = (
        "Qin Gang to Blinken: the two countries must \u2018stop the slide\u2019\n\n"
        "BEIJING, June 18 \u2013 Qin Gang held talks with Antony Blinken on Sunday.\n"
    )
    quotes = _ledger_of(tmp_path, "h", text)
    assert _speaker(quotes, "h", "stop the slide") == "Qin Gang"


def test_a_headline_that_opens_on_a_capital_sets_the_text_there(tmp_path):
    text = (
        "Seoul hopes talks will rein in North Korea\n\n"
        "South Korea welcomed the Beijing talks and said it hoped China would press North Korea. North Korea "
        "has fired missiles all spring, and North Korea's envoy has called the drills a provocation.\n\n"
        '"We hope for calm on the peninsula," a foreign ministry spokesperson said at a regular briefing.\n'
    )
    quotes = _ledger_of(tmp_path, "k", text)
    assert "North" not in _speaker(quotes, "k", "We hope for calm on the peninsula,")


def test_a_hyphened_title_and_he_after_vice_premier_he(tmp_path):
    text = (
        "Treasury chief in Beijing\n\n"
        "U.S. Treasury Secretary Janet Yellen ended a four-day visit on Sunday.\n\n"
        "Vice-Premier He Lifeng held talks with Yellen on Saturday. He said both sides should "
        '"put the leaders\' consensus to work," and raised the chip rules.\n\n'
        'Deputy-Governor Ilse Brandauer said the bank saw "no reason for alarm."\n'
    )
    quotes = _ledger_of(tmp_path, "y", text)
    assert _speaker(quotes, "y", "put the leaders' consensus to work,") == "He Lifeng"  # not Yellen
    assert _speaker(quotes, "y", "no reason for alarm.") == "Ilse Brandauer"


def test_a_negotiator_in_apposition_a_qualified_plan_and_a_ministry_named_with_its_country(tmp_path):
    text = (
        "Reactions\n\n"
        "Tamsin Orpwood, a former U.S. trade negotiator now at the Halyard Institute, said the tone mattered. "
        '"Both men needed a floor," she said.\n\n'
        "Two people familiar with the U.S. planning said the aim was a military channel. One of them called "
        'the odds "thin for now."\n\n'
        'A Global Affairs Canada spokesperson said Canada "backs every effort to cool things down."\n'
    )
    quotes = _ledger_of(tmp_path, "r", text)
    assert _speaker(quotes, "r", "Both men needed a floor,") == "Tamsin Orpwood"
    assert _speaker(quotes, "r", "thin for now.") == "People familiar with the planning"  # not "with the the"
    assert _speaker(quotes, "r", "backs every effort to cool things down.") == "Global Affairs Canada"


def test_who_he_said_and_a_countrys_statement_that(tmp_path):
    text = (
        "Statement by the Ambassador\n\n"
        "Ambassador Burns said the meetings had been useful.\n\n"
        "Ambassador Burns thanked the staff of the consulates in China, who he said had "
        '"worked through every weekend."\n\n'
        "An Embassy spokesperson added that visas would follow, and that the Embassy welcomed Beijing's "
        'statement that it would "ease travel both ways."\n'
    )
    quotes = _ledger_of(tmp_path, "e", text)
    assert _speaker(quotes, "e", "worked through every weekend.") == "Nicholas Burns"  # not China, before "who"
    assert _speaker(quotes, "e", "ease travel both ways.") == "Chinese officials"


def test_one_of_a_group_just_named_diplomats_posted_in_a_capital_and_a_place_based_source(tmp_path):
    text = (
        "Reactions to the visit\n\n"
        "Republican lawmakers attacked the trip as weak.\n\n"
        "Japanese analysts interviewed for this article were cautious. One said the visit had "
        '"cooled things by a degree."\n\n'
        "The envoy flew in quietly in May, according to two people familiar with the trip. "
        '"He kept a line open," one of them said.\n\n'
        'Diplomats in Beijing said the new minister was "a steady hand." Two Shanghai-based diplomats '
        'called him "careful."\n\n'
        'One Hong Kong-based portfolio manager called the summer "a truce nobody signed."\n'
    )
    quotes = _ledger_of(tmp_path, "g", text)
    # the group named in the sentence before, though it never spoke, not the lawmakers who did
    assert _speaker(quotes, "g", "cooled things by a degree.") == "Japanese analysts"
    assert _speaker(quotes, "g", "He kept a line open,") == "People familiar with the trip"
    # diplomats posted in a capital are of any country, not its government's
    assert _speaker(quotes, "g", "a steady hand.") == "Foreign diplomats in Beijing"
    assert _speaker(quotes, "g", "careful.") == "Foreign diplomats in Shanghai"
    assert _speaker(quotes, "g", "a truce nobody signed.") == "Hong Kong-based portfolio manager"  # not "Hong"


def test_a_countrys_embassy_a_capitals_foreign_ministry_and_the_spokesperson_of_a_body_just_named(tmp_path):
    text = (
        "Neighbours watch the Beijing talks\n\n"
        "By a staff writer in Beijing\n\n"
        'China\'s embassy in New Delhi said in a post that Beijing was "open to steady ties with neighbours."\n\n'
        'Seoul\'s foreign ministry said it "welcomes any effort to manage the relationship."\n\n'
        'The Foreign Office welcomed the visit. A spokesperson said the UK "has always wanted the two to talk."\n'
    )
    quotes = _ledger_of(tmp_path, "n", text)
    # a possessive of China is a Chinese mission, placed where the sentence places it
    assert _speaker(quotes, "n", "open to steady ties with neighbours.") == "Chinese embassy in New Delhi"
    # a capital's possessive is its country's
    assert _speaker(quotes, "n", "welcomes any effort to manage the relationship.") == (
        "South Korean Ministry of Foreign Affairs"
    )
    # the body a spokesperson speaks for, just named, is read as a name of it would be: London's
    assert _speaker(quotes, "n", "has always wanted the two to talk.") == "UK Foreign Office"


def test_a_spokespersons_past_perfect_report_of_a_principal_and_a_readouts_relay(tmp_path):
    text = (
        "Talks in Beijing\n\n"
        "State Department spokesperson Matthew Miller said in a statement that Blinken had made clear the "
        'United States would "stand up for its interests without apology."\n\n'
        'Beijing\'s readout said Qin had urged Washington to "treat the Taiwan question with great care."\n\n'
        'Dalibor Quennell, an analyst at the Ferncastle Institute, said Blinken had promised to "keep talking."\n'
    )
    quotes = _ledger_of(tmp_path, "m", text)
    # the spokesperson reports the principal of his own side: his words, not Blinken's
    assert _speaker(quotes, "m", "stand up for its interests without apology.") == "Matthew Miller"
    # a readout relays the principal's words; an analyst reports another side's
    assert _speaker(quotes, "m", "treat the Taiwan question with great care.") == "Qin Gang"
    assert _speaker(quotes, "m", "keep talking.") == "Antony Blinken"


def test_a_word_between_its_possessor_and_a_noun_of_speech_is_the_possessors(tmp_path):
    text = (
        "Biden's 'dictator' jab at Xi rattles Beijing, analysts say\n\n"
        'Chinese observers said Biden\'s "dictator" jibe was "out of step with the talks."\n'
    )
    quotes = _ledger_of(tmp_path, "p", text)
    rows = quotes[quotes.text == "dictator"]
    assert list(rows.speaker) == ["Joe Biden", "Joe Biden"]  # not the analysts or observers who talk about it
    assert _speaker(quotes, "p", "out of step with the talks.") == "Chinese observers"


def test_the_congress_after_chinas_national_peoples_congress_is_that_congress(tmp_path):
    text = (
        "China names a new foreign minister\n\n"
        "The Standing Committee of the National People's Congress, the country's top legislature, announced the "
        'change on Tuesday. The Congress said in a brief notice that the new minister would "take office at once."\n'
    )
    quotes = _ledger_of(tmp_path, "c", text)
    row = _row(quotes, "c", "take office at once.")
    assert (row.speaker, row.speaker_side) == ("Standing Committee of the National People's Congress", "China")


def test_a_readouts_quotation_with_no_cue_is_its_voices_not_a_group_listed_after_it(tmp_path):
    text = (
        "Wang Yi Holds Talks with U.S. Secretary of State Antony Blinken\n\n"
        "2023-06-19 18:00\n\n"
        "On the morning of June 19, 2023, Wang Yi held talks with U.S. Secretary of State Antony Blinken in "
        "Beijing.\n\n"
        "The two sides agreed to \u201ckeep up visits at every level\u201d and to encourage contact between "
        "students, scholars, companies and the press.\n\n"
        "Whether such curbs are described as \u201cde-risking\u201d or not, they hurt both sides.\n"
    )
    quotes = _ledger_of(tmp_path, "r", text)
    assert _speaker(quotes, "r", "keep up visits at every level") == "Chinese Ministry of Foreign Affairs"
    assert _speaker(quotes, "r", "de-risking") == "UNATTRIBUTED"  # a term held up, not the voice's words


def test_a_text_datelined_in_beijing_is_not_set_in_the_third_country_it_names_most(tmp_path):
    text = (
        "China replaces its foreign minister\n\n"
        "Agence Exemple | Beijing | 26 July 2023\n\n"
        "China on Tuesday replaced its foreign minister, who missed a meeting in Jakarta this month.\n\n"
        'The foreign ministry had earlier cited "health reasons" for his absence from the talks in Jakarta.\n'
    )
    quotes = _ledger_of(tmp_path, "d", text)
    row = _row(quotes, "d", "health reasons")
    assert row.speaker_side != "Other"  # not Indonesia's, though Jakarta is the only third place it names


def test_a_commentary_or_editorial_in_a_paper_is_that_papers(tmp_path):
    text = (
        "What Beijing's papers said\n\n"
        'A commentary in the Quillon Herald on Tuesday said dialogue "is not the same as giving ground."\n\n'
        'An editorial in the Global Times said the visit would be judged by "what follows it."\n'
    )
    quotes = _ledger_of(tmp_path, "e", text)
    assert _speaker(quotes, "e", "is not the same as giving ground.") == "Quillon Herald"
    assert _speaker(quotes, "e", "what follows it.") == "Chinese state media"


def test_a_verb_ends_a_group_phrase_the_congress_party_and_a_ministers_office(tmp_path):
    text = (
        "After the talks\n\n"
        "Secretary Blinken visited China.\n\n"
        '"This visit took months of work," Ambassador Burns said.\n\n'
        "The Secretary met members of the embassy community. He told them their work was "
        '"the spine of our diplomacy here."\n\n'
        'In New Delhi, the Congress party said the thaw must not become "an excuse for silence."\n\n'
        'Foreign Minister Mélanie Joly\'s office said Ottawa "keeps talking to Beijing where it helps."\n'
    )
    quotes = _ledger_of(tmp_path, "v", text)
    # "the Secretary met members": the Secretary is the sentence's subject, not "Secretary met members"
    assert _speaker(quotes, "v", "the spine of our diplomacy here.") == "Antony Blinken"
    row = _row(quotes, "v", "an excuse for silence.")
    assert row.speaker_side == "Other"  # India's Congress party, not the U.S. Congress
    assert _speaker(quotes, "v", "keeps talking to Beijing where it helps.") == "Mélanie Joly"


def test_a_verb_after_a_reported_clause_and_no_apposition_across_a_quotation(tmp_path):
    text = (
        "Questions for the Secretary\n\n"
        "QUESTION: Secretary Blinken said yesterday that China is not ready to reopen military channels and "
        'called that "a mistake." Chinese state media this morning called your visit "a test of sincerity." '
        'At home, Senator Quillan Osterby says you are "rewarding bad behavior." What do you say?\n'
    )
    quotes = _ledger_of(tmp_path, "q", text)
    # "and called" goes with "said", not with the clause it reports
    assert _speaker(quotes, "q", "a mistake.") == "Antony Blinken"
    # a name after the next sentence's opening is no apposition of the subject before a quotation
    assert _speaker(quotes, "q", "a test of sincerity.") == "Chinese state media"
    assert _speaker(quotes, "q", "rewarding bad behavior.") == "Quillan Osterby"


def test_an_outlet_asking_at_a_chinese_briefing_is_no_voice_of_china(tmp_path):
    text = (
        "Foreign Ministry Spokesperson Wang Wenbin's Regular Press Conference on June 20, 2023\n\n"
        "Wang Wenbin: Good afternoon.\n\n"
        'Kiso Shimbun: Japan\'s chief cabinet secretary said today that Tokyo "wants no deals over its head." '
        "Do you have any comment?\n\n"
        "Wang Wenbin: China's position is consistent.\n"
    )
    quotes = _ledger_of(tmp_path, "k", text)
    row = _row(quotes, "k", "wants no deals over its head.")
    # "Shimbun" names a paper: the paper asking quotes an official's words, not its own or China's
    assert row.speaker != "Kiso Shimbun" and row.speaker_side != "China"


def test_words_that_only_describe_a_remark_are_not_the_remarks(tmp_path):
    text = (
        "China slams Biden's 'dictator' remark as 'reckless'\n\n"
        "By a staff writer\n\n"
        'The warship came within what the Pentagon said was "an unsafe distance."\n'
    )
    quotes = _ledger_of(tmp_path, "w", text)
    assert _speaker(quotes, "w", "reckless") != "Joe Biden"  # China's word for the remark, not in it
    assert _speaker(quotes, "w", "an unsafe distance.") == "Pentagon"  # "what X said was": X's words
    briefing = (
        "Foreign Ministry Spokesperson Mao Ning's Regular Press Conference on June 21, 2023\n\n"
        "Mao Ning: Good afternoon.\n\n"
        "Question: The U.S. president called President Xi a dictator. What is China's response?\n\n"
        'Mao Ning: We have noted the remarks. What the U.S. leader said is "against basic facts." China '
        "is strongly dissatisfied.\n"
    )
    turns = _ledger_of(tmp_path / "b", "b", briefing)
    assert _speaker(turns, "b", "against basic facts.") == "Mao Ning"  # what he said, described in her words


def test_a_student_quoted_in_an_embassy_statement_is_the_students(tmp_path):
    text = (
        "Statement on Student Exchanges\n\n"
        "The U.S. Embassy in Beijing welcomes more exchanges. One student from Chengdu told us at a visa "
        'event last month: "I want to study in Ohio next year."\n'
    )
    quotes = _ledger_of(tmp_path, "s", text)
    row = _row(quotes, "s", "I want to study in Ohio next year.")
    assert (row.speaker, row.speaker_side) == ("Chengdu student", "Other")  # not the embassy's own words


def test_a_lawmaker_is_not_of_the_city_the_sentence_names(tmp_path):
    text = (
        "Critics in Washington\n\n"
        "Some members of Congress keep trying to make China an issue at home. One lawmaker even described "
        'the Beijing talks as "a waste of jet fuel."\n'
    )
    quotes = _ledger_of(tmp_path, "l", text)
    row = _row(quotes, "l", "a waste of jet fuel.")
    assert row.speaker != "Chinese lawmakers" and row.speaker_side != "China"  # "the Beijing talks" names a place


def test_he_after_i_met_x_in_a_turn_is_the_one_met(tmp_path):
    text = (
        "Secretary Blinken at a Press Availability\n\n"
        "SECRETARY BLINKEN: Good evening. President Biden asked me to come.\n\n"
        'This afternoon I met with President Xi. He told me that the two countries "cannot keep circling '
        'each other without a plan," and I agreed.\n'
    )
    quotes = _ledger_of(tmp_path, "t", text)
    assert _speaker(quotes, "t", "cannot keep circling each other without a plan,") == "Xi Jinping"  # not Biden


def test_she_after_a_party_and_title_is_the_lawmaker_named(tmp_path):
    text = (
        "Talk is cheap\n\n"
        'Secretary of State Antony Blinken said "progress takes more than one trip." Republican Rep. Odile Brack, '
        'who sits on the armed services panel, was among the loudest critics. "We should not fly there to be '
        'lectured," she posted on Monday.\n'
    )
    quotes = _ledger_of(tmp_path, "r", text)
    assert _speaker(quotes, "r", "We should not fly there to be lectured,") == "Odile Brack"  # not Blinken


def test_words_described_by_an_agent_are_the_agents(tmp_path):
    text = (
        "A visit reconsidered\n\n"
        "PARIS — Analysts took stock on Friday.\n\n"
        'The Blinken visit, once described by Chinese state media as "a chance to clear the air," now looks more '
        'like "a single step on a long road," Ines Varte said.\n\n'
        'Jake Sullivan has described the approach as "narrowly drawn" and aimed at "technologies that matter."\n'
    )
    quotes = _ledger_of(tmp_path, "d", text)
    described = _row(quotes, "d", "a chance to clear the air,")
    assert (described.speaker, described.speaker_side) == ("Chinese state media", "China")  # not Blinken
    assert _speaker(quotes, "d", "a single step on a long road,") == "Ines Varte"  # the later cue's
    assert _speaker(quotes, "d", "technologies that matter.") == "Jake Sullivan"  # one description, two quotations


def test_a_sentence_going_on_after_a_name_in_commas_is_no_title_of_it(tmp_path):
    text = (
        "London welcomes the talks\n\n"
        "The Foreign Secretary, Hugo Penderel, has welcomed the US Secretary of State's two days of talks in "
        'Beijing, calling them "worth the trip".\n'
    )
    quotes = _ledger_of(tmp_path, "f", text)
    row = _row(quotes, "f", "worth the trip")
    assert row.speaker == "Hugo Penderel" and row.speaker_side != "US"  # "has welcomed the US Secretary" is no title


def test_a_chinese_ministry_spokesperson_stays_chinese_in_a_text_set_abroad(tmp_path):
    text = (
        "Blinken meets Xi - as it happened\n\n"
        "Asked whether the visit would help Australia's own trade disputes, the minister said it might.\n\n"
        "Analysts said Australia should take heart.\n\n"
        'Chinese state TV reported that the two sides had agreed to "keep talking," and Canberra said it was '
        "pleased.\n\n"
        'A Chinese foreign ministry spokesperson said earlier today that the US should "act on its words."\n'
    )
    quotes = _ledger_of(tmp_path, "a", text)
    row = _row(quotes, "a", "act on its words.")
    assert (row.speaker, row.speaker_side) == ("Chinese Ministry of Foreign Affairs", "China")  # not Canberra's
    assert _row(quotes, "a", "keep talking,").speaker_side == "China"  # what state TV reported, not Canberra


def test_the_same_pronoun_again_is_the_same_person(tmp_path):
    text = (
        "Preview of the trip\n\n"
        "The Secretary leaves tomorrow. When he spoke with Foreign Minister Qin by phone, he told him that the "
        'United States would "raise every issue that matters."\n\n'
        "Wang Yi is back as foreign minister. "
        'He told Blinken in Jakarta that ties needed "calm," and Blinken said afterward that he had pressed '
        'him on "the hard questions."\n'
    )
    quotes = _ledger_of(tmp_path, "p", text)
    assert _speaker(quotes, "p", "raise every issue that matters.") == "Antony Blinken"  # not Qin, the one called
    assert _speaker(quotes, "p", "the hard questions.") == "Antony Blinken"  # one who spoke since: not the first he


def test_what_a_possessor_owns_in_a_title_case_line_is_no_person(tmp_path):
    text = (
        "Senior State Department Official On Secretary Blinken's Upcoming Travel\n\n"
        "The Secretary leaves tomorrow for Beijing, the official said.\n"
    )
    corpus = load_texts(tmp_path, {"t": text})
    assert "Upcoming Travel" not in set(find_mentions(corpus)["actor"])


def test_a_named_place_of_the_people_is_no_person_for_the_secretary(tmp_path):
    text = (
        "Secretary Blinken's Meeting with President Xi\n\n"
        "Secretary of State Antony J. Blinken met today in Beijing with President Xi Jinping at the Great Hall of "
        'the People. The Secretary said that the United States seeks "a relationship both peoples can count '
        'on."\n'
    )
    corpus = load_texts(tmp_path, {"g": text})
    assert "Great Hall" not in set(find_mentions(corpus)["actor"])  # "of the People" is no affiliation of a person
    assert _speaker(extract_quotes(corpus), "g", "a relationship both peoples can count on.") == "Antony Blinken"


def test_a_participle_after_a_speech_verb_and_a_comma_is_that_speakers(tmp_path):
    text = (
        "Military talks stay shut\n\n"
        "WASHINGTON — The talks ended on Monday.\n\n"
        "Beijing wants the U.S. to lift sanctions on Defense Minister Li Shangfu first, a senior U.S. official told "
        'reporters, describing that demand as "a non-starter."\n'
    )
    row = _row(_ledger_of(tmp_path, "m", text), "m", "a non-starter.")
    assert (row.speaker, row.speaker_side) == ("U.S. officials", "US")  # not Beijing, the clause's subject


def test_hosts_of_a_nationality_are_its_officials(tmp_path):
    text = 'Embassy statement\n\nOur Chinese hosts told us they want "more Americans to come and see."\n'
    assert _speaker(_ledger_of(tmp_path, "h", text), "h", "more Americans to come and see.") == "Chinese officials"


def test_a_title_after_that_is_the_name_it_stands_with(tmp_path):
    text = (
        "Trip reports\n\n"
        "There are reports that Treasury Secretary Janet Yellen may travel to China soon. She told a hearing last "
        'week that engagement "is not a favor to anyone."\n'
    )
    assert _speaker(_ledger_of(tmp_path, "y", text), "y", "is not a favor to anyone.") == "Janet Yellen"


def test_the_subject_of_a_that_clause_in_a_readout_is_not_the_sentences(tmp_path):
    text = (
        "Secretary Blinken's Meeting with Foreign Minister Qin Gang\n\n"
        "OFFICE OF THE SPOKESPERSON\n\n"
        "The following is attributable to Spokesperson Matthew Miller:\n\n"
        'The Secretary raised every issue "directly and without apology."\n\n'
        'The two sides agreed that Qin Gang would visit Washington "at a mutually suitable time."\n'
    )
    row = _row(_ledger_of(tmp_path, "r", text), "r", "at a mutually suitable time.")
    assert row.speaker_side == "US"  # the readout's voice, not the words of Qin Gang, the clause's subject


def test_a_country_put_first_before_a_speech_aside_is_no_speaker(tmp_path):
    text = (
        "Talks in Beijing\n\n"
        'China\'s foreign ministry said Qin had told Blinken that Washington should "mind the gap." Taiwan, the '
        'ministry said, was "the issue where misjudgment costs most."\n'
    )
    row = _row(_ledger_of(tmp_path, "t", text), "t", "the issue where misjudgment costs most.")
    assert row.speaker_side == "China" and "Taiwan" not in row.speaker  # the ministry just named, not Taipei's


def test_a_chamber_in_a_place_speaks_after_an_aside(tmp_path):
    text = (
        "Business briefing\n\n"
        "The American Chamber of Commerce in China, which helped organize the session, said in a statement that "
        'its members "welcome any step toward clearer rules."\n'
    )
    row = _row(_ledger_of(tmp_path, "c", text), "c", "welcome any step toward clearer rules.")
    assert row.speaker == "American Chamber of Commerce in China"


def test_a_description_of_someone_as_a_word_is_the_describers(tmp_path):
    text = (
        "Blinken in London\n\n"
        'Antony Blinken has played down Joe Biden\'s description of Xi Jinping as a "dictator", insisting that the '
        "talks remain on track.\n"
    )
    assert _speaker(_ledger_of(tmp_path, "d", text), "d", "dictator") == "Joe Biden"  # not Blinken, who played it down


def test_the_chancellor_after_a_chancellor_named(tmp_path):
    text = (
        "Berlin's strategy\n\n"
        "BERLIN — Germany published its strategy on Thursday.\n\n"
        "Chancellor Olaf Scholz struck a similar note. Cooperation would continue, the chancellor said, but "
        '"the rules must be the same on both sides."\n'
    )
    assert _speaker(_ledger_of(tmp_path, "c", text), "c", "the rules must be the same on both sides.") == "Olaf Scholz"


def test_maintained_reports_a_view(tmp_path):
    text = "Delhi's line\n\nNEW DELHI — India's foreign ministry has long maintained that its ties \"stand on their own.\"\n"
    row = _row(_ledger_of(tmp_path, "m", text), "m", "stand on their own.")
    assert row.speaker != "UNATTRIBUTED" and row.speaker_side == "Other"


def test_the_spokesperson_is_the_one_who_spoke_last_of_two(tmp_path):
    text = (
        "UK reacts to the talks - live\n\n"
        "LONDON — Reaction in Britain.\n\n"
        'A spokesperson for the Chinese embassy in London said the visit was "welcome."\n\n'
        'The prime minister\'s official spokesperson said Rishi Sunak "wants the channels kept open." Asked '
        'about trade, the spokesperson said: "That is not a phrase we use."\n'
    )
    row = _row(_ledger_of(tmp_path, "s", text), "s", "That is not a phrase we use.")
    assert row.speaker_side == "Other"  # Downing Street's spokesperson, who spoke since, not the embassy's


def test_the_congress_partys_spokesperson_is_indias_party(tmp_path):
    text = (
        "Delhi reacts\n\n"
        "NEW DELHI — The opposition was sharper. The Congress party's spokesperson said the government had "
        '"outsourced its China policy."\n'
    )
    row = _row(_ledger_of(tmp_path, "i", text), "i", "outsourced its China policy.")
    assert (row.speaker, row.speaker_side) == ("Indian National Congress", "Other")  # not the U.S. Congress
