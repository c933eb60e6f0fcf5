"""The corpus loader: exact offsets, roles, sentence splitting, and every kind of bad input."""

from __future__ import annotations

import re

import pytest

import readout
from conftest import write_corpus
from readout.corpus.loading import load_corpus
from readout.corpus.model import CorpusError
from readout.corpus.roles import assign_roles, split_paragraphs
from readout.corpus.sentences import split_sentences

SEED_IDS = [
    "000_65f3ce2d0dc05172",
    "001_7c70537eef152a88",
    "002_582366867052e869",
    "003_08dd639a47279972",
    "004_43d27d1a9e9d926f",
]


def role_of(corpus, article_id, startswith):
    p = corpus.paragraphs
    rows = p[(p.article_id == article_id) & p.text.str.startswith(startswith)]
    assert len(rows) >= 1, startswith
    return rows.iloc[0]["role"]


def test_seeds_load_with_metadata(corpus):
    assert corpus.articles["article_id"].tolist() == SEED_IDS
    assert corpus.articles["outlet"].tolist() == [
        "RFA",
        "VOA",
        "Policy newsletter",
        "Reuters (republished)",
        "Bloomberg",
    ]
    assert corpus.articles["published"].tolist() == [
        "2023-06-14",
        "2023-06-16",
        "2023-06-15",
        "2023-06-14",
        "2023-06-18",
    ]
    assert corpus.warnings == []
    assert (corpus.articles["date_basis"].str.len() > 10).all()


@pytest.mark.parametrize("table", ["paragraphs", "sentences"])
def test_offsets_give_back_text(corpus, table):
    frame = getattr(corpus, table)
    assert len(frame) > 100
    for row in frame.itertuples(index=False):
        assert corpus.raw[row.article_id][row.start : row.end] == row.text


def test_every_non_space_character_is_in_a_paragraph(corpus):
    for aid, raw in corpus.raw.items():
        covered = [False] * len(raw)
        for row in corpus.paragraphs[corpus.paragraphs.article_id == aid].itertuples():
            for i in range(row.start, row.end):
                assert not covered[i], "paragraphs overlap"
                covered[i] = True
        missing = [i for i, ch in enumerate(raw) if not ch.isspace() and not covered[i]]
        assert missing == [], f"{aid}: characters outside any paragraph at {missing[:5]}"


def test_sentences_tile_their_paragraphs(corpus):
    for (aid, pid), sents in corpus.sentences.groupby(["article_id", "para_id"]):
        para = corpus.paragraphs[(corpus.paragraphs.article_id == aid) & (corpus.paragraphs.para_id == pid)].iloc[0]
        assert sents.start.min() >= para.start and sents.end.max() <= para.end
        inside = "".join(corpus.raw[aid][para.start : para.end].split())
        assert "".join("".join(sents.text).split()) == inside
    ids = corpus.sentences.groupby("article_id")["sent_id"]
    assert (ids.apply(lambda s: list(s) == list(range(len(s))))).all()


def test_roles_on_the_seeds(corpus):
    rfa, voa, news, reu, bbg = SEED_IDS
    assert role_of(corpus, rfa, "top of page") == "furniture"
    assert role_of(corpus, rfa, "US official: Blinken not seeking") == "headline"
    assert role_of(corpus, rfa, "The official trip announcement") == "dek"
    assert role_of(corpus, rfa, "By Alex Willemyns") == "byline"
    assert role_of(corpus, rfa, "June 14, 2023") == "dateline"
    assert role_of(corpus, rfa, "Chinese Foreign Minister Qin Gang, left,") == "caption"
    assert role_of(corpus, rfa, "A Chinese J-16 fighter") == "caption"
    assert role_of(corpus, rfa, "‘Show respect’") == "headline"
    assert role_of(corpus, rfa, "Edited by Malcolm Foster") == "credit"
    assert role_of(corpus, voa, "Accessibility links") == "furniture"
    assert role_of(corpus, voa, "Can Blinken's China Trip") == "furniture"
    assert role_of(corpus, voa, "0:00 0:02:04") == "furniture"
    assert role_of(corpus, voa, "U.S. Secretary of State Antony Blinken said Friday") == "body"
    assert role_of(corpus, news, "Posted") == "furniture"
    assert role_of(corpus, news, "No comments on this item") == "furniture"
    assert role_of(corpus, reu, "Leave a Reply") == "furniture"
    assert role_of(corpus, bbg, "More stories like this") == "furniture"
    assert role_of(corpus, bbg, "©2023 Bloomberg") == "credit"
    # the repeated headline is kept, as furniture, with the reason
    p = corpus.paragraphs
    dup = p[(p.article_id == reu) & (p.role == "furniture") & p.text.str.startswith("US Down Plays")]
    assert dup.role_basis.tolist() == ["repeats paragraph 0"]
    assert set(p.role) <= set(readout.corpus.roles.ROLES)


def test_furniture_is_audited_not_dropped(corpus):
    removed = corpus.furniture()
    assert len(removed) == (~corpus.paragraphs.role.isin(readout.ANALYSED_ROLES)).sum()
    assert removed.role_basis.str.len().min() > 5
    assert "Leave a Reply" in removed.text.tolist()


def test_abbreviations_do_not_split_sentences(corpus):
    texts = corpus.sentences.text
    assert texts.str.startswith("U.S. Secretary of State Antony Blinken will not be seeking").sum() == 1
    assert not texts.isin(["U.S.", "Rep.", "Mr."]).any()
    for text in [
        "Rep. Mike Gallagher, a Republican, spoke.",
        "Mr. Blinken canceled a trip in Feb. and left.",
        "Gen. Li said the U.S. Navy was close. Then he left.",
    ]:
        spans = split_sentences(text)
        assert text[spans[0][0] : spans[0][1]].endswith(("spoke.", "left.", "close."))
    two = "He said “no.” Then left."
    assert [two[s:e] for s, e in split_sentences(two)] == ["He said “no.”", "Then left."]


def test_a_quoted_question_goes_on_into_its_reporting_clause():
    text = '"Is this for good, or just for the summer?" said Ada Frome, a trader. Nobody knows. Why? Ask.'
    assert [text[s:e] for s, e in split_sentences(text)] == [
        '"Is this for good, or just for the summer?" said Ada Frome, a trader.',
        "Nobody knows.",
        "Why?",
        "Ask.",
    ]
    cried = "“Enough!” she shouted. “Go.”"
    assert [cried[s:e] for s, e in split_sentences(cried)] == ["“Enough!” she shouted.", "“Go.”"]


def test_hard_wrapped_prose_joins_lines():
    text = "Headline here\n\nThis paragraph was wrapped by an editor at a fixed width and so it\ncontinues on the next line.\nShort line"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == [
        "Headline here",
        "This paragraph was wrapped by an editor at a fixed width and so it\ncontinues on the next line.",
        "Short line",
    ]


def test_assign_roles_structure():
    roles = [
        r
        for r, _ in assign_roles(
            ["Big news today", "A dek line.", "By Jane Doe", "Body text here.", "Section", "More body."]
        )
    ]
    assert roles == ["headline", "dek", "byline", "body", "headline", "body"]


# ----------------------------------------------------------------------------- own corpora


def test_own_folder_without_csv_falls_back_with_warnings(tmp_path):
    folder = write_corpus(
        tmp_path / "c", {"a.txt": "My headline\n\nFirst paragraph. Second sentence.\n", "b.txt": "Other\n\nText."}
    )
    corpus = load_corpus(folder)
    assert corpus.articles["article_id"].tolist() == ["a", "b"]
    assert corpus.articles["headline"].tolist() == ["My headline", "Other"]
    assert len(corpus.warnings) == 2 and all("has no row in articles.csv" in w for w in corpus.warnings)
    assert "a.txt" in corpus.warnings[0]


def test_csv_row_naming_a_missing_file(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "H\n\nText."}, csv="article_id,file,outlet\na,a.txt,X\nz,z.txt,Y\n")
    with pytest.raises(CorpusError, match=r"names 'z.txt', which is not in"):
        load_corpus(folder)


def test_file_without_csv_row_is_a_warning(tmp_path):
    folder = write_corpus(
        tmp_path / "c", {"a.txt": "H\n\nText.", "b.txt": "H2\n\nMore."}, csv="article_id,file,outlet\na,a.txt,X\n"
    )
    corpus = load_corpus(folder)
    assert corpus.articles.set_index("article_id").loc["a", "outlet"] == "X"
    assert any("b.txt" in w and "no row" in w for w in corpus.warnings)


def test_duplicate_ids(tmp_path):
    folder = write_corpus(
        tmp_path / "c", {"a.txt": "H\n\nT.", "b.txt": "H\n\nT."}, csv="article_id,file\nx,a.txt\nx,b.txt\n"
    )
    with pytest.raises(CorpusError, match="duplicate article_id 'x'"):
        load_corpus(folder)


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path, content):
    folder = write_corpus(tmp_path / "c", {"blank.txt": content, "ok.txt": "H\n\nT."})
    with pytest.raises(CorpusError, match=r"blank\.txt: the file is empty or holds only whitespace"):
        load_corpus(folder)


def test_non_utf8_names_byte_and_offset(tmp_path):
    folder = write_corpus(tmp_path / "c", {"win.txt": "Headline\n\nHe said \x93no\x94.".encode("latin-1")})
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    message = str(info.value)
    assert "win.txt: is not UTF-8: byte 0x93 at offset 18 (line 3)" in message
    assert "re-save the file as UTF-8" in message


def test_binary_file(tmp_path):
    folder = write_corpus(tmp_path / "c", {"image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    with pytest.raises(CorpusError, match=r"image\.txt: looks like a binary file, not text \(NUL byte at offset 8\)"):
        load_corpus(folder)


def test_all_problems_reported_at_once(tmp_path):
    folder = write_corpus(tmp_path / "c", {"empty.txt": b"", "cp.txt": b"caf\xe9", "ok.txt": "H\n\nT."})
    with pytest.raises(CorpusError) as info:
        load_corpus(folder)
    assert len(info.value.problems) == 2
    assert any("empty.txt" in p for p in info.value.problems) and any("cp.txt" in p for p in info.value.problems)


def test_bom_is_removed_with_warning(tmp_path):
    folder = write_corpus(tmp_path / "c", {"bom.txt": b"\xef\xbb\xbfHeadline\n\nBody text."})
    corpus = load_corpus(folder)
    assert corpus.raw["bom"].startswith("Headline")
    assert any("byte-order mark" in w and "bom.txt" in w for w in corpus.warnings)
    row = corpus.paragraphs.iloc[0]
    assert (row.start, row.text) == (0, "Headline")


def test_crlf_offsets_stay_exact(tmp_path):
    text = "Headline\r\n\r\nFirst para. Second one.\r\nAnother line here.\r\n"
    folder = write_corpus(tmp_path / "c", {"win.txt": text.encode()})
    corpus = load_corpus(folder)
    assert any("CRLF" in w for w in corpus.warnings)
    assert corpus.paragraphs.text.tolist() == ["Headline", "First para. Second one.", "Another line here."]
    for row in corpus.sentences.itertuples():
        assert corpus.raw["win"][row.start : row.end] == row.text
    assert "\r" not in "".join(corpus.sentences.text)


def test_missing_folder_and_empty_folder(tmp_path):
    with pytest.raises(CorpusError, match="no such folder"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorpusError, match="holds no .txt files"):
        load_corpus(tmp_path / "empty")


def test_keyword_in_context(corpus):
    kwic = readout.keyword_in_context(corpus, "communication")
    assert len(kwic) >= 10
    for row in kwic.itertuples():
        assert corpus.raw[row.article_id][row.start : row.end] == row.match
        assert re.match("communication", row.match, re.I)


def test_cached_computes_once(corpus):
    calls = []
    assert corpus.cached("test-key", lambda: calls.append(1) or 42) == 42
    assert corpus.cached("test-key", lambda: calls.append(1) or 43) == 42
    assert calls == [1]


def test_joined_rule_pattern_matches_exactly_when_some_role_rule_does():
    import random

    from readout.corpus.roles import Rule, _any_rule, assign_roles, default_rules

    rules = default_rules()
    joined = _any_rule(rules)
    pieces = [
        "top of page",
        "By Jane Doe",
        "Edited by",
        "© 2023",
        "(Updates 1)",
        "June 18, 2023",
        "18 June 2023",
        "2023-06-18",
        "(AP Photo)",
        "Share",
        "0:00",
        " ",
        "\n",
        "x",
        "Also: ",
        "Comments",
        "Blinken said.",
    ]
    rng = random.Random(0)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 3))) for _ in range(3000)]
    verdicts = [(joined(t), any(r.matches(t) for r in rules)) for t in texts]
    assert all(a == b for a, b in verdicts)
    assert 0 < sum(b for _, b in verdicts) < len(texts)  # both outcomes occur
    # rules with their own flags are not joined: every rule is then tried in turn
    flagged = (Rule(re.compile("(?i)^share$"), "furniture", True, "share widget"),)
    assert assign_roles(["A headline", "SHARE", "Body text."], rules=flagged)[1] == ("furniture", "rule: share widget")


def test_unknown_lines_above_the_metadata_headline_are_furniture(tmp_path):
    folder = write_corpus(
        tmp_path / "c",
        {"a.txt": "Jakarta 31°C sunny all day long\n\nA headline here\n\nBody."},
        csv="article_id,file,headline\na,a.txt,A headline here\n",
    )
    corpus = readout.load_corpus(folder)
    roles = corpus.paragraphs.set_index("para_id")[["role", "role_basis"]]
    assert roles.loc[0, "role"] == "furniture" and roles.loc[0, "role_basis"] == "precedes the metadata headline"
    assert roles.loc[1, "role"] == "headline" and roles.loc[2, "role"] == "body"


# ----------------------------------------------------------------------------- furniture that generalises


def _roles(text: str, headline: str | None = None) -> list[tuple[str, str, str]]:
    spans = split_paragraphs(text)
    texts = [text[s:e] for s, e in spans]
    joined = [len(re.findall(r"\r\n|\r|\n", text[e:s])) == 1 for (_, e), (s, _) in zip(spans, spans[1:])]
    return [(t, r, b) for t, (r, b) in zip(texts, assign_roles(texts, headline=headline, same_block_next=joined))]


def test_prompts_match_in_any_capitalisation():
    for line in ["Read more: Talks resume", "READ MORE: Talks resume", "read more: talks resume", "Also read: X"]:
        assert _roles(f"A headline here\n\nBody text.\n\n{line}\n\nMore body text.")[2][1] == "furniture", line
    for line in ["SHARE", "Share this article", "subscribe now", "Sign up for our daily briefing", "ADVERTISEMENT"]:
        assert _roles(f"A headline here\n\nBody text.\n\n{line}\n\nMore body text.")[2][1] == "furniture", line


def test_site_banners_calls_to_action_and_credits_are_found_in_any_wording():
    page = "\n\n".join(
        [
            "An Official Website of the United States Government",
            "Here’s how you know",
            "We use cookies to improve your experience on our site.",
            "Join our channel for more news today!",
            "Trade ministers meet in Hanoi",
            "5 minute read",
            "Updated: June 20, 2023 19:30 | Originally published: June 19, 2023",
            "Ministers from both countries met on Monday to discuss farm trade.",
            "Get the day’s top stories in your inbox every morning.",
            "Enter your email",
            "They agreed to meet again in July.",
            "(Web editor: Chen Lin, Wu Yue)",
            "Editor: Liu Yang",
            "Photo: Jane Lee/Reuters",
            "(Xinhua/Yan Ming)",
        ]
    )
    roles = {t: (r, b) for t, r, b in _roles(page)}
    for line in list(roles)[:4] + [
        "5 minute read",
        "Get the day’s top stories in your inbox every morning.",
        "Enter your email",
    ]:
        assert roles[line][0] == "furniture", line
    assert roles["Trade ministers meet in Hanoi"][0] == "headline"
    assert roles["Updated: June 20, 2023 19:30 | Originally published: June 19, 2023"][0] == "dateline"
    for line in ["(Web editor: Chen Lin, Wu Yue)", "Editor: Liu Yang", "Photo: Jane Lee/Reuters", "(Xinhua/Yan Ming)"]:
        assert roles[line][0] == "credit", line
    assert {r for t, (r, _) in roles.items() if "met on Monday" in t or "meet again" in t} == {"body"}
    assert all(b for _, b in roles.values())  # every removal says which rule removed it


def test_body_lines_that_look_like_prompts_stay_body():
    body = [
        "Subscribers to the state broadcaster rose 5% last year.",
        "Share prices fell 3% in Tokyo.",
        "Close to 100 officials attended the meeting.",
        "Follow-up meetings will be held in July, the ministry said.",
        "“Sign up now,” the minister joked.",
        "- Cut tariffs on farm goods",
    ]
    roles = _roles("\n\n".join(["Trade talks resume in Hanoi", *body]))
    assert [r for _, r, _ in roles] == ["headline"] + ["body"] * len(body)


def test_link_lists_and_the_page_foot_are_furniture_but_headings_are_not():
    page = "\n\n".join(
        [
            "Trade talks resume in Hanoi",
            "The ministers met for five hours on Monday.",
            "What comes next",
            "They will meet again in July, officials said.",
            "Facebook",
            "Twitter",
            "LinkedIn",
            "Officials said the talks went well.",
            "Related Stories",
            "Chile and Vietnam agree to speed up farm talks",
            "Why the talks matter?",
        ]
    )
    roles = [(t, r) for t, r, _ in _roles(page)]
    assert roles[2] == ("What comes next", "headline")
    assert [r for _, r in roles[4:7]] == ["furniture"] * 3  # a run of short lines inside the body
    assert [r for _, r in roles[8:]] == ["furniture"] * 3  # short lines after the last article text


@pytest.mark.parametrize(
    "cut, role",
    [
        ("Officials from both sides said the first round would focus on", "body"),
        ("The two sides also discussed the", "body"),
        ("Secretary Blinken's Call with Japanese Foreign Minister Hayashi", "furniture"),
    ],
)
def test_a_last_line_cut_mid_sentence_is_body_not_a_heading(cut, role):
    page = f"Talks resume in Manila\n\nNegotiators met on Thursday to restart talks.\n\n{cut}\n\nSubscribe to continue reading"
    roles = _roles(page)
    assert roles[2][:2] == (cut, role)
    assert roles[3][1] == "furniture"


def test_headline_without_metadata_skips_labels_and_banners_above_it():
    page = "\n\n".join(
        [
            "Skip to content",
            "Business | Trade",
            "Politics",
            "Canada and the Philippines resume trade talks in Manila",
            "The first round in more than a decade will focus on farm goods.",
            "Jenna Kowalczyk and Li Wen",
            "June 22, 2023 7:30 a.m. ET",
            "Negotiators met in Manila on Thursday to restart talks on a trade agreement.",
        ]
    )
    roles = [r for _, r, _ in _roles(page)]
    assert roles == ["furniture", "furniture", "furniture", "headline", "dek", "byline", "dateline", "body"]


def test_the_metadata_headline_wins_over_every_rule():
    roles = _roles("Share\n\nBlinken meets Xi\nShare\n\nBlinken met Xi on Monday.", headline="Blinken meets Xi")
    assert roles[1][1:] == ("headline", "metadata headline")


def test_lines_repeated_across_articles_of_an_outlet_are_furniture(tmp_path):
    boiler = "The Harbour Ledger morning desk"
    files = {
        "a.txt": f"Trade talks resume\n\nNegotiators met in Manila on Thursday.\n\n{boiler}\n\nThey will meet again.",
        "b.txt": f"Rice prices climb\n\nWholesale rice prices rose for a third week.\n\n{boiler}\n\nTraders expect more.",
        "c.txt": f"Ports reopen\n\nThe ports reopened on Friday.\n\n{boiler}\n\nShips queued all day.",
    }
    csv = "article_id,file,outlet\na,a.txt,Ledger\nb,b.txt,Ledger\nc,c.txt,Other\n"
    corpus = load_corpus(write_corpus(tmp_path / "c", files, csv=csv))
    rows = corpus.paragraphs[corpus.paragraphs.text == boiler]
    assert rows.role.tolist() == ["furniture"] * 3
    assert rows.role_basis.tolist() == ["repeated in 2 articles of the outlet Ledger"] * 2 + [
        "repeated in 3 articles of the corpus"
    ]
    sentences = corpus.sentences[corpus.sentences.text == boiler]
    assert sentences.role.tolist() == ["furniture"] * 3  # sentences follow their paragraph
    assert boiler in corpus.furniture().text.tolist()
    # the pass runs after the per-file map, so a mapper (worker processes) gives the same roles
    mapped = load_corpus(tmp_path / "c", mapper=lambda func, tasks: [func(*t) for t in tasks])
    assert mapped.paragraphs.equals(corpus.paragraphs)


def test_copies_of_one_story_keep_their_shared_lines(tmp_path):
    long_a = "Negotiators from Canada and the Philippines met in Manila on Thursday to restart talks on a trade deal."
    long_b = "Canadian officials said they hoped to open new markets for pork, canola and wheat in the coming years."
    shared = "Talks will continue in Ottawa"
    text = f"Trade talks resume\n\n{long_a}\n\n{shared}\n\n{long_b}"
    files = {"a.txt": text, "b.txt": text.replace("resume", "restart")}
    csv = "article_id,file,outlet\na,a.txt,Ledger\nb,b.txt,Ledger\n"
    corpus = load_corpus(write_corpus(tmp_path / "c", files, csv=csv))
    assert set(corpus.paragraphs[corpus.paragraphs.text == shared].role) == {"headline"}


@pytest.mark.slow
def test_repeated_lines_are_found_when_articles_load_on_worker_processes(tmp_path):
    from readout.scale.runners import PoolRunner, runner_mapper

    boiler = "Weekly desk from the Ledger newsroom"
    files = {f"{n}.txt": f"Story {n} headline here\n\nText of story {n} number.\n\n{boiler}" for n in "abc"}
    csv = "article_id,file,outlet\n" + "".join(f"{n},{n}.txt,Ledger\n" for n in "abc")
    folder = write_corpus(tmp_path / "c", files, csv=csv)
    runner = PoolRunner(2)
    try:
        corpus = load_corpus(folder, mapper=runner_mapper(runner, batch_size=1))
    finally:
        runner.close()
    assert set(corpus.paragraphs[corpus.paragraphs.text == boiler].role) == {"furniture"}
    assert corpus.paragraphs.equals(load_corpus(folder).paragraphs)
