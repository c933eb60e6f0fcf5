"""The `readout` command line: check, export, exit codes."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from conftest import write_corpus
from readout.cli import main


def test_export_writes_tables_with_exact_offsets(tmp_path, corpus):
    assert main(["export", "--out", str(tmp_path)]) == 0
    articles = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    paragraphs = pd.read_csv(tmp_path / "paragraphs.csv", keep_default_na=False)
    sentences = pd.read_csv(tmp_path / "sentences.csv", keep_default_na=False)
    assert list(articles.columns[:9]) == [
        "article_id",
        "file",
        "outlet",
        "outlet_kind",
        "headline",
        "byline",
        "published",
        "date_basis",
        "wire_credits",
    ]
    assert {"article_id", "para_id", "role", "start", "end", "text"} <= set(paragraphs.columns)
    assert {"article_id", "para_id", "sent_id", "start", "end", "text"} <= set(sentences.columns)
    assert len(paragraphs) == len(corpus.paragraphs) and len(sentences) == len(corpus.sentences)
    raw = {row.article_id: (corpus.folder / row.file).read_text(encoding="utf-8") for row in articles.itertuples()}
    for frame in (paragraphs, sentences):
        for row in frame.itertuples():
            assert raw[row.article_id][row.start : row.end] == str(row.text)


def test_check_exit_codes(tmp_path, capsys):
    assert main(["check"]) == 0
    assert "5 articles" in capsys.readouterr().out
    warn = write_corpus(tmp_path / "warn", {"a.txt": "Headline\n\nText."})
    assert main(["check", "--corpus", str(warn)]) == 1
    bad = write_corpus(tmp_path / "bad", {"a.txt": b"caf\x92 au lait", "b.txt": b"  \n"})
    assert main(["check", "--corpus", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "a.txt: is not UTF-8: byte 0x92 at offset 3" in err
    assert "b.txt: the file is empty or holds only whitespace" in err


def test_python_dash_m_works(tmp_path):
    done = subprocess.run([sys.executable, "-m", "readout", "check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "No problems found." in done.stdout


def test_export_writes_a_manifest_and_bad_options_are_exit_2(tmp_path, capsys):
    import readout

    out = tmp_path / "out"
    assert main(["export", "--out", str(out)]) == 0
    assert "export.json" in capsys.readouterr().out
    assert set(readout.read_export(out)) == {p.stem for p in out.glob("*.csv")}
    assert main(["export", "--out", str(out)]) == 0  # an earlier export's folder is reused
    assert main(["export", "--out", str(tmp_path / "other"), "--jobs", "0"]) == 2
    assert "--jobs 0: give 1 or more worker processes" in capsys.readouterr().err
    assert main(["check", "--corpus", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err
