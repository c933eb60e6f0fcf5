"""What a document is: its kind, government, country and language, from the metadata or the text."""

from __future__ import annotations

import pytest

import readout
from conftest import write_corpus
from readout.analysis.voices import document_voices
from readout.corpus.model import CorpusError

TRANSCRIPT = (
    "Press availability\n\nMR. MILLER: Good afternoon, everyone.\n\nQUESTION: Did the talks go well?\n\n"
    "MR. MILLER: They were candid and constructive.\n\nQUESTION: Thank you.\n"
)
READOUT = (
    "Secretary Blinken's meeting with the foreign minister\n\n"
    "Secretary Blinken met today with the foreign minister in Beijing.\n\nThe Secretary stressed open channels.\n"
)
WIRE = "Talks end\n\nBEIJING, June 19 (Reuters) - The two sides met for five hours on Sunday.\n\nMore talks follow.\n"
CHINESE = "外交部发言人答记者问\n\n外交部发言人说，双方进行了坦诚、深入的沟通。\n"


def _articles(tmp_path, texts: dict[str, str]):
    """The article table (by id) of a corpus of ``texts`` with no metadata."""
    return readout.load_corpus(write_corpus(tmp_path / "c", texts)).articles.set_index("article_id")


def _kind_and_voice(tmp_path, text: str) -> tuple[str, str]:
    """The document kind and voice read from one text with no metadata."""
    corpus = readout.load_corpus(write_corpus(tmp_path / "c", {"a.txt": text}))
    return corpus.articles.iloc[0]["doc_kind"], document_voices(corpus).iloc[0]["voice"]


def test_kinds_and_languages_are_read_from_the_text_with_their_basis(tmp_path):
    folder = write_corpus(tmp_path / "c", {"t.txt": TRANSCRIPT, "r.txt": READOUT, "w.txt": WIRE, "z.txt": CHINESE})
    arts = readout.load_corpus(folder).articles.set_index("article_id")
    assert arts.loc["t", "doc_kind"] == "transcript" and "speaker label" in arts.loc["t", "doc_kind_basis"]
    assert arts.loc["r", "doc_kind"] == "official_readout"
    assert arts.loc["w", "doc_kind"] == "wire"
    assert arts.loc["z", "language"] == "zh" and arts.loc["t", "language"] == "en"
    # nothing in a page says who funds its outlet: no guess
    assert (arts["government"] == "").all() and (arts["government_basis"] == "unknown").all()


def test_metadata_wins_and_is_marked_csv(tmp_path):
    csv = "article_id,file,doc_kind,government,country,language\nw,w.txt,state_media,China,China,en\n"
    folder = write_corpus(tmp_path / "c", {"w.txt": WIRE}, csv=csv)
    row = readout.load_corpus(folder).articles.iloc[0]
    assert (row["doc_kind"], row["government"], row["country"]) == ("state_media", "China", "China")
    assert row["doc_kind_basis"] == row["government_basis"] == "csv"


def test_an_unknown_doc_kind_names_the_file(tmp_path):
    csv = "article_id,file,doc_kind\nw,w.txt,blog post\n"
    folder = write_corpus(tmp_path / "c", {"w.txt": WIRE}, csv=csv)
    with pytest.raises(CorpusError, match=r"articles\.csv.*'blog post' is not one of news"):
        readout.load_corpus(folder)


def test_the_seeds_carry_their_kinds_from_the_metadata(corpus):
    arts = corpus.articles.set_index("outlet")
    assert arts.loc["VOA", "government"] == "US" and arts.loc["Bloomberg", "government"] == ""
    assert arts.loc["Reuters (republished)", "doc_kind"] == "wire"
    assert set(corpus.articles["doc_kind_basis"]) == {"csv"}


def test_a_spokespersons_statement_a_readout_title_and_a_ministrys_meeting_by_their_titles_not_news(tmp_path):
    texts = {
        "s.txt": (
            "Embassy Spokesperson's Statement on Recent Remarks by U.S. Politicians\n\nEmbassy of a Country\n\n"
            "Some politicians have made irresponsible remarks. We firmly oppose them.\n"
        ),
        "r.txt": "Readout of Secretary Raimondo's Meeting with the Minister\n\nThe two met today in Beijing.\n",
        "m.txt": (
            "Qin Gang Holds Talks with U.S. Secretary of State Antony Blinken\n\n2023-06-18\n\nOn June 18, 2023, State "
            "Councilor and Foreign Minister Qin Gang held talks in Beijing with Antony Blinken.\n"
        ),
        "n.txt": (
            "Australia welcomes talks\n\nForeign Minister Penny Wong said Australia had always encouraged dialogue.\n\n"
            "Growers were hopeful.\n"
        ),
    }
    arts = _articles(tmp_path, texts)
    assert arts.loc["s", "doc_kind"] == "official_statement"
    assert arts.loc["r", "doc_kind"] == "official_readout"
    assert arts.loc["m", "doc_kind"] == "official_readout"
    assert not arts.loc["n", "doc_kind"].startswith("official")  # "Foreign Minister X said" opens news too


def test_an_envoys_statement_a_spokespersons_response_and_a_dated_label_by_their_titles(tmp_path):
    texts = {
        "a.txt": (
            "Statement by Ambassador R. Nicholas Vance on the Secretary's Visit\n\nU.S. Embassy in Freedonia\n\n"
            "The visit was a good start.\n"
        ),
        "c.txt": (
            "Spokesperson of the Chinese Consulate General in Valdor Responds to Remarks at a Political Event\n\n"
            "2023/06/21\n\nThe remarks were wrong. We firmly oppose them.\n"
        ),
        "d.txt": "Ambassador on the Visit\n\nU.S. Embassy in Freedonia\n\nStatement | June 20, 2023\n\nIt went well.\n",
        "p.txt": (
            "Ambassador on the Visit\n\nU.S. EMBASSY IN FREEDONIA\n\nPRESS RELEASE | JUNE 19, 2023 | TOPICS: AMBASSADOR, "
            "NEWS\n\nIt went well.\n"
        ),
        "w.txt": "Statement from National Security Advisor Ada Vance on the Visit\n\nJUNE 20, 2023\n\nIt went well.\n",
        "n.txt": "Statement of intent? Analysts doubt the trip\n\nAnalysts said little changed.\n",
    }
    arts = _articles(tmp_path, texts)
    assert arts.loc["a", "doc_kind"] == "official_statement"
    assert arts.loc["c", "doc_kind"] == "official_statement"
    assert arts.loc["d", "doc_kind"] == "official_statement"
    assert arts.loc["p", "doc_kind"] == "official_statement"  # the label in capitals, the site's topics beside it
    assert arts.loc["w", "doc_kind"] == "official_statement"  # an adviser's statement
    assert not arts.loc["n", "doc_kind"].startswith("official")


def test_a_news_page_under_a_credit_line_is_no_readout_though_its_lede_reads_like_one(tmp_path):
    lede = "Foreign Minister Qin Gang held talks with visiting U.S. Secretary of State Antony Blinken in Beijing."
    texts = {
        "news.txt": f"Qin to Blinken: ties must stop the fall\n\nSome Television | Updated 22:41, 18-Jun-2023\n\n{lede}\n",
        "readout.txt": f"Qin Gang Met with Antony Blinken\n\n{lede}\n",
    }
    arts = _articles(tmp_path, texts)
    assert arts.loc["news", "doc_kind"] != "official_readout"
    assert arts.loc["readout", "doc_kind"] == "official_readout"


def test_a_press_release_filed_so_on_a_government_sites_header_line(tmp_path):
    texts = {
        "e.txt": (
            "Envoy thanks staff after the visit\n\nU.S. Embassy in Freedonia | Home | News | Press Releases\n\n"
            "VALDOR - The ambassador thanked the staff on Tuesday.\n"
        ),
        "t.txt": (
            "Envoy on the visit\n\nBy U.S. Mission Freedonia | June 20, 2023 | Topics: Ambassador, News, Press Releases"
            "\n\nThe ambassador welcomed the visit.\n"
        ),
        "n.txt": (
            "Markets shrug at the visit\n\nThe Valdor Ledger | Business | Press releases roundup\n\n"
            "Shares were flat on Tuesday.\n"
        ),
    }
    arts = _articles(tmp_path, texts)
    assert arts.loc["e", "doc_kind"] == "official_statement"
    assert arts.loc["t", "doc_kind"] == "official_statement"
    assert not arts.loc["n", "doc_kind"].startswith("official")  # a paper's section line names no government body


def test_a_ministrys_meeting_below_its_site_lines_and_without_a_year_is_a_readout_of_its_side(tmp_path):
    text = (
        "Minister Wang Wentao Meets with a Delegation of Visiting Executives\n\n"
        "Ministry of Commerce of the People's Republic of China\n\n"
        "Release time: 2023-06-29 17:20 | Source: Department of American and Oceanian Affairs\n\n"
        "On June 28, Minister of Commerce Wang Wentao met in Beijing with a delegation of executives from ten "
        "American firms. The two sides exchanged views on trade.\n\n"
        "Wang Wentao said that stable trade serves both peoples.\n"
    )
    assert _kind_and_voice(tmp_path, text) == ("official_readout", "China")


def test_a_ministrys_phone_call_by_its_title_and_dated_opening(tmp_path):
    text = (
        "Minister Speaks with a Visiting Counterpart on the Phone\n\n"
        "Ministry of Foreign Affairs of the People's Republic of China\n\n"
        "2023-06-14 22:40\n\n"
        "On the evening of June 14, State Councilor and Foreign Minister Qin Gang spoke with U.S. Secretary of State "
        "Antony Blinken on the phone at the request of the U.S. side.\n"
    )
    assert _kind_and_voice(tmp_path, text) == ("official_readout", "China")
