"""The local engine's worker processes build the same tables as one process, row for row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from readout.paths import DATA_DIR, SEEDS_DIR
from readout.scale.export import ExportTimings, export_tables
from readout.scale.part_files import PartFiles, write_part
from readout.scale.partitions import merge_frames
from readout.scale.tables import STAGES, TABLES


def write_shuffled_corpus(folder: Path) -> Path:
    """The seeds twice, with article ids whose sorted order is not the files' order.

    Files are f00.txt ... f09.txt (the corpus order); ids run backwards (z9_... first), so a
    merge that confused corpus order with sorted order would show.
    """
    meta = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)
    rows = []
    for n, row in enumerate([*meta.to_dict("records"), *meta.to_dict("records")]):
        file = f"f{n:02d}.txt"
        shutil.copy(SEEDS_DIR / row["file"], folder / file)
        rows.append(row | {"article_id": f"z{9 - n}_{row['article_id'][:3]}", "file": file})
    pd.DataFrame(rows).to_csv(folder / "articles.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def shuffled_corpus(tmp_path_factory) -> Path:
    return write_shuffled_corpus(tmp_path_factory.mktemp("shuffled"))


def test_worker_processes_and_one_process_write_identical_tables(shuffled_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(
        "readout.scale.export.PARALLEL_MIN_ARTICLES", 2
    )  # the seeds are too few to start workers otherwise
    one, pool = tmp_path / "one", tmp_path / "pool"
    corpus, names = export_tables(shuffled_corpus, one, jobs=1)
    timings = ExportTimings()
    export_tables(shuffled_corpus, pool, jobs=2, timings=timings)
    assert "side_pieces" in timings.seconds  # the per-article stages did run on the workers
    assert names == list(TABLES) and len(corpus.raw) == 10
    assert corpus.articles["article_id"].tolist() != sorted(corpus.articles["article_id"])
    for name in names:
        assert (one / f"{name}.csv").read_bytes() == (pool / f"{name}.csv").read_bytes(), f"{name}.csv differs"
    mentions = pd.read_csv(pool / "mentions.csv")
    assert mentions["article_id"].nunique() == 10
    assert mentions["article_id"].drop_duplicates().tolist() == corpus.articles["article_id"].tolist()
    # no part files or staging folders left: the tables and their manifest
    assert sorted(p.name for p in pool.iterdir()) == sorted([f"{n}.csv" for n in names] + ["export.json"])


def test_tables_fall_back_to_one_piece_when_partitions_disagree_on_types(shuffled_corpus, tmp_path, monkeypatch):
    # a part file is only joined when every partition formatted its columns alike; else
    # the table is built in the calling process, and the CSV is the same
    monkeypatch.setattr("readout.scale.export.PARALLEL_MIN_ARTICLES", 2)
    monkeypatch.setattr(PartFiles, "write", lambda self, path: False)
    one, pool = tmp_path / "one", tmp_path / "pool"
    export_tables(shuffled_corpus, one, jobs=1)
    export_tables(shuffled_corpus, pool, jobs=2)
    for name in [stage.name for stage in STAGES if stage.spill]:
        assert (one / f"{name}.csv").read_bytes() == (pool / f"{name}.csv").read_bytes(), f"{name}.csv differs"


def _join_parts(tmp_path, frames, order, ids):
    parts = [
        write_part(f, order, [i for i in ids if i in set(f["article_id"])], tmp_path / f"p{n}.csv")
        for n, f in enumerate(frames)
    ]
    ok = PartFiles(parts, order, ids).write(tmp_path / "joined.csv")
    return ok, (tmp_path / "joined.csv").read_bytes() if ok else None


def test_part_files_join_in_whole_corpus_order(tmp_path):
    ids = ["b", "a", "c"]  # corpus order, not sorted
    p1 = pd.DataFrame(
        {
            "variant": ["zeta", "plain", "zeta"],
            "article_id": ["b", "a", "a"],
            "text": ['one "quoted"\nline', "two, with a comma", "three"],
            "n": [1, 2, 3],
        }
    )
    p2 = pd.DataFrame(
        {
            "variant": ["plain", "eta", "zeta"],
            "article_id": ["c", "c", "c"],
            "text": ["four\n\nfive", "six", 'se"ven'],
            "n": [4, 5, 6],
        }
    )
    for order in ((("variant", ("plain",)), "corpus"), ("corpus",), ("sorted",), (("variant", ()), "sorted")):
        whole = merge_frames([p1, p2], order, ids).to_csv(index=False, lineterminator="\n").encode()
        ok, joined = _join_parts(tmp_path, [p1, p2], order, ids)
        assert ok and joined == whole, order
    # unlisted variants rank by first appearance over the partitions in order: zeta, then eta
    ok, joined = _join_parts(tmp_path, [p1, p2], (("variant", ("plain",)), "corpus"), ids)
    assert ok and pd.read_csv(tmp_path / "joined.csv")["variant"].tolist() == [
        "plain",
        "plain",
        "zeta",
        "zeta",
        "zeta",
        "eta",
    ]


def test_part_files_refuse_to_join_columns_of_different_types(tmp_path):
    ids = ["a", "b"]
    ints = pd.DataFrame({"article_id": ["a"], "x": [1]})
    floats = pd.DataFrame({"article_id": ["b"], "x": [1.5]})
    assert _join_parts(tmp_path, [ints, floats], ("corpus",), ids) == (False, None)
    empty = pd.DataFrame({"article_id": pd.Series(dtype=object), "x": pd.Series(dtype=object)})
    ok, joined = _join_parts(tmp_path, [ints, empty], ("corpus",), ids)  # an empty part has nothing to format
    assert ok and joined == b"article_id,x\na,1\n"


def test_small_corpora_stay_in_one_process(tmp_path):
    timings = ExportTimings()
    export_tables(None, tmp_path, jobs=2, timings=timings)  # the five seeds: below PARALLEL_MIN_ARTICLES
    assert "side_pieces" not in timings.seconds


def test_merge_orders_by_corpus_position_then_keeps_partition_order():
    ids = ["b", "a", "c"]  # corpus order, not sorted
    p1 = pd.DataFrame({"article_id": ["b", "b", "a"], "n": [1, 2, 3]})
    p2 = pd.DataFrame({"article_id": ["c"], "n": [4]})
    assert merge_frames([p2, p1], ("corpus",), ids)["n"].tolist() == [1, 2, 3, 4]
    assert merge_frames([p2, p1], ("sorted",), ids)["n"].tolist() == [3, 1, 2, 4]
    grouped = merge_frames(
        [
            pd.DataFrame({"unit": ["sentence", "quote"], "article_id": ["b", "b"]}),
            pd.DataFrame({"unit": ["sentence"], "article_id": ["a"]}),
        ],
        (("unit", ("quote", "sentence")), "corpus"),
        ids,
    )
    assert grouped["unit"].tolist() == ["quote", "sentence", "sentence"]
    assert grouped["article_id"].tolist() == ["b", "b", "a"]


def test_unknown_engine_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown engine"):
        export_tables(None, tmp_path, engine="spark")
