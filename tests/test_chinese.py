"""Chinese documents: sentences, segmentation with the codebook's names, glosses, alignment with
the English version and the coverage, framing in the original, and the export of alignment.csv."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest

import readout
from conftest import write_corpus
from readout.analysis import chinese_text
from readout.analysis.actors import load_codebook
from readout.analysis.alignment import ALIGNMENT_COLUMNS, KINDS, alignment_table, classify
from readout.analysis.alignment_accuracy import (
    alignment_accuracy,
    coverage_agreement,
    drop_one_sentence,
    hand_links,
    load_hand_alignment,
)
from readout.analysis.alignment_units import chinese_units, english_units, places_of
from readout.analysis.chinese_framing import CHINESE_TERM_COLUMNS, chinese_fightin_words, chinese_terms
from readout.analysis.chinese_text import (
    chinese_names,
    chinese_paragraphs,
    chinese_quotes,
    chinese_sentences,
    chinese_tokens,
    gloss,
    name_spans,
    segment,
)
from readout.analysis.fightin_words import benjamini_hochberg, recompute_z, two_sided_p
from readout.analysis.preconditions import NotEnoughData
from readout.paths import DATA_DIR, PROJECT_ROOT
from readout.scale.tables import TABLES, build_table

FIXTURE = DATA_DIR / "fixtures" / "chinese_readout"

#: what the aligner reaches on the fixture against the hand alignment (written before it first ran)
TRANSLATION_EXACT = 1.0
COVERAGE_ACCURACY = 23 / 26
COVERAGE_KAPPA = 0.8
STRESS_ANCHORED = 0.78


@pytest.fixture(scope="module")
def fixture_corpus():
    return readout.load_corpus(FIXTURE)


@pytest.fixture(scope="module")
def table(fixture_corpus):
    return alignment_table(fixture_corpus)


# ------------------------------------------------------------------------------ the codebook


def test_codebook_has_chinese_names_and_the_loader_accepts_them():
    book = load_codebook()
    raw = pd.read_csv(DATA_DIR / "actors.csv", dtype=str, keep_default_na=False)
    assert "name_zh" in raw.columns and len(book) == len(raw)
    names = chinese_names().set_index("name_zh")["actor"]
    assert names["布林肯"] == "Antony Blinken" and names["秦刚"] == "Qin Gang" and names["王毅"] == "Wang Yi"
    assert book.set_index("actor").loc["Wang Yi", "side"] == "China"


def test_a_codebook_without_the_column_gives_no_names(tmp_path):
    (tmp_path / "actors.csv").write_text(
        "actor,kind,side,role,aliases,notes\nQin Gang,person,China,,Qin,\n", encoding="utf-8"
    )
    assert chinese_names(tmp_path).empty


# ------------------------------------------------------------------------------ sentences


def test_sentences_split_on_chinese_marks_with_offsets(tmp_path):
    text = "双方会谈\n\n中方表示愿意合作。美方说：“我们同意！”会谈成果如何？双方都满意。\n\n记者问：「下次何时？」尚未确定\n"
    corpus = readout.load_corpus(write_corpus(tmp_path / "c", {"talks.txt": text}))
    assert corpus.articles.set_index("article_id").loc["talks", "language"] == "zh"
    sents = chinese_sentences(corpus)
    assert sents["text"].tolist() == [
        "双方会谈",
        "中方表示愿意合作。",
        "美方说：“我们同意！”",
        "会谈成果如何？",
        "双方都满意。",
        "记者问：「下次何时？」",
        "尚未确定",
    ]
    assert all(corpus.raw[r.article_id][r.start : r.end] == r.text for r in sents.itertuples())
    assert sents["sent_id"].tolist() == list(range(7))
    quotes = chinese_quotes(corpus)
    assert quotes["text"].tolist() == ["我们同意！", "下次何时？"]
    assert all(corpus.raw[r.article_id][r.start : r.end] == r.text for r in quotes.itertuples())


def test_chinese_prose_is_read_as_body(fixture_corpus):
    paras = chinese_paragraphs(fixture_corpus)
    zh = paras[paras["article_id"] == "zh_qin_blinken"]
    assert zh["role"].tolist() == ["headline"] + ["body"] * (len(zh) - 1)
    assert len(chinese_sentences(fixture_corpus).query("article_id == 'zh_qin_blinken'")) == 14


# ------------------------------------------------------------------------------ words


def _contexts(name: str) -> list[str]:
    """Sentences written here that hold ``name`` next to characters a dictionary could join it to."""
    return [
        f"{name}说，双方应当加强沟通。",
        f"昨天{name}强调，{name}的立场没有改变。",
        f"外交部发言人表示，{name}会见了来访的代表团。",
        f"据报道，美方和{name}同意继续对话。",
    ]


def test_segmentation_keeps_every_codebook_name_whole(fixture_corpus):
    names = tuple(chinese_names()["name_zh"])
    texts = [t for n in names for t in _contexts(n)] + chinese_sentences(fixture_corpus)["text"].tolist()
    checked = 0
    for text in texts:
        words = {(s, e) for _, s, e in segment(text, names)}
        for span in name_spans(text, names):
            assert span in words, (text, text[span[0] : span[1]])
            checked += 1
    assert checked >= 4 * len(names)


def test_names_in_the_token_table_are_whole_and_known(fixture_corpus):
    tokens = chinese_tokens(fixture_corpus)
    raw = fixture_corpus.raw
    assert all(raw[r.article_id][r.start : r.end] == r.token for r in tokens.itertuples())
    names = tokens[tokens["kind"] == "name"]
    assert {"布林肯", "秦刚"} <= set(names["token"])
    assert set(names.loc[names["token"] == "布林肯", "actor"]) == {"Antony Blinken"}


def test_an_institution_before_zhang_is_a_title():
    words = [w for w, _, _ in segment("中国外交部长秦刚与中国外交部发言人", ("中国外交部", "秦刚"))]
    assert "中国外交部" in words and "秦刚" in words and words[:2] != ["中国外交部", "长"]


@pytest.mark.slow  # over a second: left to make test, out of make test-fast
def test_glosses_come_from_cc_cedict_and_the_codebook(fixture_corpus):
    assert gloss("主权") == ("zhu3 quan2", "sovereignty", "cedict")
    assert gloss("布林肯", "Antony Blinken")[1:] == ("Antony Blinken", "codebook")
    terms = chinese_terms(fixture_corpus, "zh_qin_blinken")
    assert terms.loc[terms["term"] == "秦刚", "gloss"].item() == "Qin Gang"
    assert (terms["gloss"] != "").mean() > 0.95


# ------------------------------------------------------------------------------ offline


def test_jieba_cache_falls_back_to_the_temporary_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(chinese_text, "JIEBA_CACHE_DIR", blocker / "jieba")
    assert chinese_text.jieba_cache_dir() != blocker / "jieba"


@pytest.mark.slow
def test_segmenting_and_glossing_write_only_to_the_cache_and_never_connect(tmp_path):
    code = textwrap.dedent(
        f"""
        import sys
        writes = []
        def hook(event, args):
            if event == "socket.connect":
                raise RuntimeError("network")
            if event == "open" and isinstance(args[0], str) and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
                writes.append(args[0])
        sys.addaudithook(hook)
        import tempfile
        from pathlib import Path
        tempfile.tempdir = {str(tmp_path / "tmp")!r}
        from readout.analysis import chinese_text
        chinese_text.JIEBA_CACHE_DIR = Path({str(tmp_path / "cache")!r})
        words = [w for w, s, e in chinese_text.segment("美国国务卿布林肯会见秦刚。", ("布林肯", "秦刚"))]
        assert words == ["美国", "国务卿", "布林肯", "会见", "秦刚", "。"], words
        assert chinese_text.gloss("主权")[1] == "sovereignty"
        print("\\n".join(writes))
        """
    )
    (tmp_path / "tmp").mkdir()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [w for w in done.stdout.split() if not w.startswith(str(tmp_path))] == []
    assert (tmp_path / "cache" / "jieba.cache").exists()


@pytest.mark.slow
def test_segmenting_works_with_read_only_packages_and_no_network(tmp_path):
    """site-packages, the interpreter and the project's .cache mounted read-only, no network
    interface: jieba builds its cache in the temporary folder and segments."""
    import os
    import sysconfig

    if os.name != "posix" or os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount folders read-only")
    folders = {sysconfig.get_paths()["purelib"], sys.base_prefix, str(PROJECT_ROOT / ".cache")}
    (PROJECT_ROOT / ".cache").mkdir(exist_ok=True)
    mounts = " && ".join(f"mount --bind '{f}' '{f}' && mount -o remount,bind,ro '{f}'" for f in sorted(folders))
    script = (
        "from readout.analysis.chinese_text import segment, jieba_cache_dir\n"
        "print(jieba_cache_dir())\n"
        "print(' '.join(w for w, s, e in segment('王毅会见布林肯。', ('王毅', '布林肯'))))\n"
    )
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    done = subprocess.run(
        [
            "unshare",
            "-m",
            "-n",
            "sh",
            "-c",
            f"{mounts} && TMPDIR='{tmp_path}' '{sys.executable}' '{tmp_path / 'run.py'}'",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 and "mount" in done.stderr and "permission" in done.stderr.lower():
        pytest.skip(f"this machine does not allow private mounts: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == [str(tmp_path), "王毅 会见 布林肯 。"]
    assert (tmp_path / "jieba.cache").exists()


# ------------------------------------------------------------------------------ alignment


def test_alignment_table_offsets_and_kinds(fixture_corpus, table):
    assert list(table.columns) == ALIGNMENT_COLUMNS
    assert set(table["kind"]) <= set(KINDS)
    raw = fixture_corpus.raw
    for r in table.itertuples():
        assert raw[r.zh_article_id][r.zh_start : r.zh_end] == r.zh_text
        if pd.notna(r.en_start):
            assert raw[r.en_article_id][int(r.en_start) : int(r.en_end)] == r.en_text
        else:
            assert r.en_text == "" and r.kind == "dropped"
    version = table[table["kind"] == "translation"]
    assert set(version["en_article_id"]) == {"en_qin_blinken"}
    assert set(table.loc[table["basis"] == "gloss", "zh_article_id"]) == {"zh_us_readout"}


def test_alignment_accuracy_against_the_hand_alignment(table):
    acc = alignment_accuracy(table, load_hand_alignment(FIXTURE / "hand_alignment.csv"))
    assert acc["n"] == 14
    assert acc["exact"] >= TRANSLATION_EXACT and acc["f1"] >= TRANSLATION_EXACT


def test_coverage_agreement_against_the_hand_coding(table):
    hand = pd.read_csv(FIXTURE / "hand_coverage.csv", dtype=str, keep_default_na=False)
    hand["zh_sent"] = hand["zh_sent"].astype(int)
    agree = coverage_agreement(table, hand)
    assert agree["n"] == 26
    assert agree["accuracy"] >= COVERAGE_ACCURACY - 1e-9 and agree["kappa"] >= COVERAGE_KAPPA
    assert agree["same_sentence"] == 1.0


def test_anchors_help_when_the_version_leaves_a_sentence_out(fixture_corpus):
    zh = chinese_units(fixture_corpus)
    en = english_units(fixture_corpus, places_of(zh))
    links = hand_links(load_hand_alignment(FIXTURE / "hand_alignment.csv"), "zh_qin_blinken", "en_qin_blinken")
    stress = drop_one_sentence(zh["zh_qin_blinken"], en["en_qin_blinken"], links)
    assert len(stress) == 14
    assert stress["anchored"].mean() >= STRESS_ANCHORED
    assert stress["anchored"].mean() > stress["plain"].mean()


def test_coverage_kinds_follow_the_thresholds():
    assert classify(0.1, 1, 3, False) == "carried"
    assert classify(0.3, 2, 0, True) == "carried"
    assert classify(0.3, 2, 0, False) == "paraphrased"
    assert classify(0.29, 5, 2, False) == "dropped"


def test_a_corpus_without_chinese_gives_an_empty_table_and_a_warning(corpus):
    with pytest.raises(NotEnoughData):
        alignment_table(corpus)
    loaded = readout.load_corpus()
    empty = build_table("alignment", loaded)
    assert empty.empty and list(empty.columns) == ALIGNMENT_COLUMNS
    assert any(w.startswith("alignment: left empty") for w in loaded.warnings)
    assert "alignment" in TABLES


# ------------------------------------------------------------------------------ framing


def test_fightin_words_in_chinese_follow_the_english_rules(fixture_corpus):
    for order in (1, 2):
        t = chinese_fightin_words(fixture_corpus, order=order)
        assert list(t.columns) == CHINESE_TERM_COLUMNS
        assert np.allclose(recompute_z(t), t["z"])
        assert np.allclose(t["p"], two_sided_p(t["z"].to_numpy()))
        assert np.allclose(t["q"], benjamini_hochberg(t["p"].to_numpy()))
        assert (t["gloss"] != "").mean() > 0.9
    uni = chinese_fightin_words(fixture_corpus)
    assert not uni["term"].isin(["中国", "美方", "秦刚", "布林肯"]).any()
    assert uni.set_index("term").loc["原则", "z"] < 0 < uni.set_index("term").loc["政策", "z"]


def test_fightin_words_need_a_chinese_text_from_each_side(tmp_path):
    folder = tmp_path / "one_side"
    folder.mkdir()
    shutil.copy(FIXTURE / "zh_qin_blinken.txt", folder)
    (folder / "articles.csv").write_text(
        "article_id,file,government,language\nzh_qin_blinken,zh_qin_blinken.txt,China,zh\n", encoding="utf-8"
    )
    with pytest.raises(NotEnoughData, match="US government"):
        chinese_fightin_words(readout.load_corpus(folder))


# ------------------------------------------------------------------------------ export


@pytest.mark.slow
def test_a_users_folder_exports_alignment_csv(tmp_path):
    from readout.scale.export import export_tables

    folder = tmp_path / "user"
    folder.mkdir()
    for name in ("zh_qin_blinken.txt", "en_qin_blinken.txt", "news_coastline.txt", "news_pacific.txt"):
        shutil.copy(FIXTURE / name, folder / name)
    rows = [
        line
        for line in (FIXTURE / "articles.csv").read_text(encoding="utf-8").splitlines()
        if "zh_us_readout" not in line
    ]
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus, names = export_tables(folder, tmp_path / "out", jobs=1)
    assert "alignment" in names
    out = pd.read_csv(tmp_path / "out" / "alignment.csv", dtype={"en_sent_ids": str}, keep_default_na=False)
    assert len(out) == 14 + 2 * 13
    assert set(out["kind"]) == {"translation", "carried", "paraphrased", "dropped"}
    for r in out.itertuples():
        assert corpus.raw[r.zh_article_id][r.zh_start : r.zh_end] == r.zh_text
        if r.en_start != "":
            assert corpus.raw[r.en_article_id][int(r.en_start) : int(r.en_end)] == r.en_text


def test_the_fixture_is_the_notebooks_default():
    nb = (PROJECT_ROOT / "notebooks" / "05-read-the-original-readouts.ipynb").read_text(encoding="utf-8")
    assert "fixtures" in nb and "chinese_readout" in nb
