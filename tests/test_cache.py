"""The disk cache: shared between processes, keyed so that a stale entry is never read."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.conftest import write_corpus

import readout
from readout.corpus.cache import (
    cached_in,
    clear,
    corpus_context,
    enable,
    enabled,
    entry_path,
)

TEXT = "Talks resume in Beijing\n\nAntony Blinken met Qin Gang on Sunday. “We talked,” Blinken said.\n"


@pytest.fixture
def disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_CACHE_DIR", str(tmp_path / "cache"))
    enable(True)
    yield tmp_path / "cache"
    enable(None)


def counting(value):
    calls = []

    def func():
        calls.append(1)
        return value

    return func, calls


def test_off_by_default(monkeypatch):
    monkeypatch.delenv("READOUT_CACHE", raising=False)
    enable(None)
    assert not enabled()
    monkeypatch.setenv("READOUT_CACHE", "1")
    assert enabled()


def test_second_load_reads_from_disk(disk_cache, tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": TEXT})
    first = readout.load_corpus(folder)
    func, calls = counting(pd.DataFrame({"x": [1, 2]}))
    first.cached("demo", func)
    second = readout.load_corpus(folder)  # a new corpus object, as in another kernel
    value = second.cached("demo", func)
    assert len(calls) == 1
    assert value["x"].tolist() == [1, 2]
    # the loader's segmentation is cached too, and gives the same tables
    assert second.sentences.equals(first.sentences)
    assert list(disk_cache.glob("files-*/*.pkl"))


def test_changed_text_is_a_miss(disk_cache, tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": TEXT})
    func, calls = counting("old")
    readout.load_corpus(folder).cached("demo", func)
    (folder / "a.txt").write_text(TEXT.replace("Sunday", "Monday"), encoding="utf-8")
    changed = readout.load_corpus(folder)
    assert "Monday" in changed.sentences["text"].str.cat()
    func2, calls2 = counting("new")
    assert changed.cached("demo", func2) == "new"
    assert len(calls2) == 1


def test_changed_side_file_or_library_is_a_miss(disk_cache, tmp_path, monkeypatch):
    folder = write_corpus(tmp_path / "c", {"a.txt": TEXT})
    corpus = readout.load_corpus(folder)
    before = corpus_context(corpus)
    (folder / "actors.csv").write_text("actor,kind,side,role,aliases,notes\n", encoding="utf-8")
    with_codebook = corpus_context(readout.load_corpus(folder))
    assert with_codebook != before
    monkeypatch.setattr("readout.corpus.cache.library_hash", lambda: "another-version")
    assert corpus_context(readout.load_corpus(folder)) not in (before, with_codebook)


def test_torn_entry_is_recomputed(disk_cache, tmp_path):
    func, calls = counting(41)
    assert cached_in("ctx", "k", func) == 41
    path = entry_path("ctx", "k")
    path.write_bytes(b"not a pickle")
    func2, calls2 = counting(42)
    assert cached_in("ctx", "k", func2) == 42
    assert cached_in("ctx", "k", func2) == 42
    assert len(calls2) == 1


def test_cached_tables_match_uncached(disk_cache):
    enable(False)
    plain = readout.find_mentions(readout.load_corpus())
    enable(True)
    readout.find_mentions(readout.load_corpus())  # fills the cache
    hit = readout.find_mentions(readout.load_corpus())  # read back
    pd.testing.assert_frame_equal(plain, hit)
    assert clear() > 0
