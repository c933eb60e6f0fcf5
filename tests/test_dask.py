"""The Dask engine builds the same tables as the local engine, row for row."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask.distributed")

from readout.paths import DATA_DIR, SEEDS_DIR  # noqa: E402
from readout.scale.export import export_tables, partitions  # noqa: E402
from readout.scale.partitions import merge_frames
from readout.scale.tables import TABLES  # noqa: E402


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """The seeds, each twice under a new id, so partitions hold several articles and reuse spans partitions."""
    folder = tmp_path_factory.mktemp("corpus")
    meta = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)
    rows = []
    for copy in ("a", "b"):
        for row in meta.to_dict("records"):
            new_id = f"{copy}_{row['article_id']}"
            shutil.copy(SEEDS_DIR / row["file"], folder / f"{new_id}.txt")
            rows.append(row | {"article_id": new_id, "file": f"{new_id}.txt"})
    pd.DataFrame(rows).to_csv(folder / "articles.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1", dashboard_address=None
    )
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_partitions_are_contiguous_and_cover_every_id():
    ids = [f"a{i}" for i in range(11)]
    parts = partitions(ids, 4)
    assert [len(p) for p in parts] == [3, 3, 3, 2]
    assert [x for p in parts for x in p] == ids
    assert partitions(ids[:2], 5) == [["a0"], ["a1"]]


def test_merge_frames_restores_group_order():
    # two partitions, each ordered by variant then article: the merge must group by variant first
    p1 = pd.DataFrame({"variant": ["plain", "plain", "dip"], "article_id": ["x", "y", "x"]})
    p2 = pd.DataFrame({"variant": ["plain", "dip", "dip"], "article_id": ["z", "y", "z"]})
    merged = merge_frames([p1, p2], ("variant",))
    assert merged["variant"].tolist() == ["plain"] * 3 + ["dip"] * 3
    assert merged["article_id"].tolist() == ["x", "y", "z", "x", "y", "z"]


def test_dask_and_local_exports_are_identical_with_ids_out_of_file_order(client, tmp_path):
    from test_engine import write_shuffled_corpus

    corpus_dir = write_shuffled_corpus(_mkdir(tmp_path / "shuffled"))
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    export_tables(corpus_dir, local_out, engine="local", jobs=1)
    export_tables(corpus_dir, dask_out, engine="dask", client=client)
    for name in TABLES:
        assert (local_out / f"{name}.csv").read_bytes() == (dask_out / f"{name}.csv").read_bytes(), name


def test_dask_and_local_exports_are_identical(small_corpus, client, tmp_path):
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"
    corpus, names = export_tables(small_corpus, local_out, engine="local")
    export_tables(small_corpus, dask_out, engine="dask", client=client)
    assert names == list(TABLES)
    assert len(corpus.raw) == 10
    for name in names:
        a = (local_out / f"{name}.csv").read_bytes()
        b = (dask_out / f"{name}.csv").read_bytes()
        assert a == b, f"{name}.csv differs between the local and the dask engine"
    # the per-article and aggregated tables are not trivially empty
    mentions = pd.read_csv(dask_out / "mentions.csv")
    assert mentions["article_id"].nunique() == 10
    reuse = pd.read_csv(dask_out / "reuse.csv")
    # each seed shares everything with its copy, and the copies sit in different partitions
    assert ((reuse["article_a"].str[2:] == reuse["article_b"].str[2:]) & reuse["identical"]).sum() >= 5


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
