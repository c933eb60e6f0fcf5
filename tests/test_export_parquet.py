"""`readout export --format parquet`: the same tables as the CSV export, typed, written as atomically.

Every table of a Parquet export reads back equal to the CSV export read with the manifest's
column types; worker processes write the same Parquet files as one process; an interrupted
or damaged Parquet export is refused by ``read_export``; tables of the other format are
removed; an unknown ``--format`` is exit 2 naming the option. Tests that start worker
processes are marked ``slow``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from readout.cli import main
from readout.paths import SEEDS_DIR
from readout.scale import formats, output, part_files
from readout.scale.export import export_tables
from readout.scale.formats import read_table, write_table
from readout.scale.output import MANIFEST, ExportError, read_export
from readout.scale.part_files import PartFiles, write_part
from readout.scale.partitions import merge_frames
from readout.scale.tables import STAGES, TABLES, build_table


@pytest.fixture(scope="module")
def seed_exports(tmp_path_factory) -> dict[str, Path]:
    """The seeds exported once as CSV and once as Parquet (one process each)."""
    root = tmp_path_factory.mktemp("seed-exports")
    exports = {}
    for fmt in ("csv", "parquet"):
        export_tables(None, root / fmt, jobs=1, table_format=fmt)
        exports[fmt] = root / fmt
    return exports


def manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def assert_same_tables(left: dict[str, pd.DataFrame], right: dict[str, pd.DataFrame]) -> None:
    assert list(left) == list(right)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], check_exact=True, obj=name)


# --------------------------------------------------------------------------- round trip


def test_every_parquet_table_reads_back_as_the_csv_export_reads(seed_exports):
    csv_manifest, pq_manifest = manifest(seed_exports["csv"]), manifest(seed_exports["parquet"])
    assert list(pq_manifest["tables"]) == list(TABLES) == list(csv_manifest["tables"])
    assert pq_manifest["complete"] is True
    for name, entry in pq_manifest["tables"].items():
        assert entry["file"] == f"{name}.parquet"
        assert entry["dtypes"] == csv_manifest["tables"][name]["dtypes"], name
        assert entry["rows"] == csv_manifest["tables"][name]["rows"], name
    typed = read_export(seed_exports["parquet"])
    from_csv = read_export(seed_exports["csv"])
    for name, table in typed.items():
        dtypes = csv_manifest["tables"][name]["dtypes"]
        assert {str(c): str(t) for c, t in table.dtypes.items()} == dtypes, name
        # the CSV file read with the manifest's types, independently of read_export
        csv_file = read_table(seed_exports["csv"] / f"{name}.csv", dtypes)
        pd.testing.assert_frame_equal(table, csv_file, check_exact=True, obj=name)
    assert_same_tables(typed, from_csv)
    # types the CSV could only guess: nullable integers stay integers, booleans stay booleans
    assert str(typed["sentiment"]["sent_id"].dtype) == "Int64" and typed["sentiment"]["sent_id"].isna().any()
    assert typed["mentions"]["in_codebook"].dtype == bool
    assert pd.read_csv(seed_exports["csv"] / "sentiment.csv")["sent_id"].dtype == "float64"


def test_parquet_tables_are_the_tables_the_library_builds(seed_exports, corpus):
    tables = read_export(seed_exports["parquet"])
    for name in TABLES:
        built = build_table(name, corpus).reset_index(drop=True)
        back = pd.read_parquet(seed_exports["parquet"] / f"{name}.parquet")
        pd.testing.assert_frame_equal(back, built, check_exact=True, obj=name)
    sentences = tables["sentences"]
    for row in sentences.itertuples():  # offsets still index the raw text
        assert corpus.raw[row.article_id][row.start : row.end] == row.text
    direct = pd.read_parquet(seed_exports["parquet"] / "quotes.parquet")
    pd.testing.assert_frame_equal(direct, tables["quotes"])


def test_the_cli_writes_parquet_and_says_so(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--format", "parquet"]) == 0
    printed = capsys.readouterr().out
    assert "sentiment.parquet" in printed and ".csv" not in printed.split(":", 1)[1]
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, *(f"{n}.parquet" for n in TABLES)])
    assert len(read_export(out)) == len(TABLES)


# --------------------------------------------------------------------------- part files


FRAMES = [
    pd.DataFrame(
        {
            "variant": ["zeta", "plain", "zeta", "plain", "plain"],
            "article_id": ["b", "a", "a", "b", "b"],
            "text": ['one "quoted"\nline', "two, with a comma", "three", "", "中文"],
            "n": pd.array([1, 2, None, 4, 5], dtype="Int64"),
            "x": [0.5, 1.25, -3.0, 1e-9, 2.0],
        }
    ),
    pd.DataFrame(
        {
            "variant": ["plain", "eta", "zeta", "plain"],
            "article_id": ["c", "c", "c", "d"],
            "text": ["four\n\nfive", "six", 'se"ven', "eight"],
            "n": pd.array([6, 7, 8, None], dtype="Int64"),
            "x": [4.0, 5.0, 6.0, 7.0],
        }
    ),
]
IDS = ["b", "a", "d", "c"]  # corpus order, not sorted


def _join(tmp_path: Path, frames, order, ids=IDS) -> Path | None:
    parts = [
        write_part(f, order, [i for i in ids if i in set(f["article_id"])], tmp_path / f"p{n}.arrow", "arrow")
        for n, f in enumerate(frames)
    ]
    path = tmp_path / "joined.parquet"
    return path if PartFiles(parts, order, ids).write(path) else None


@pytest.mark.parametrize("batch, group", [(2, 3), (1 << 13, 1 << 17)])
def test_arrow_part_files_join_into_the_parquet_file_one_process_writes(tmp_path, monkeypatch, batch, group):
    # small batches and row groups: ranges cross batch ends, and row groups cut across parts
    monkeypatch.setattr(part_files, "PART_BATCH_ROWS", batch)
    monkeypatch.setattr(formats, "ROW_GROUP_ROWS", group)
    for order in ((("variant", ("plain",)), "corpus"), ("corpus",), ("sorted",), (("variant", ()), "sorted")):
        whole = merge_frames(FRAMES, order, IDS)
        expected = write_table(whole, tmp_path / "whole", "parquet")
        joined = _join(tmp_path, FRAMES, order)
        assert joined is not None, order
        assert joined.read_bytes() == expected.read_bytes(), order
        pd.testing.assert_frame_equal(pd.read_parquet(joined), whole, check_exact=True)
        assert pq.ParquetFile(joined).metadata.num_row_groups == -(-len(whole) // group)


def test_arrow_part_files_refuse_to_join_columns_of_different_types(tmp_path):
    ints = pd.DataFrame({"article_id": ["a"], "x": [1]})
    floats = pd.DataFrame({"article_id": ["b"], "x": [1.5]})
    assert _join(tmp_path, [ints, floats], ("corpus",), ["a", "b"]) is None
    empty = pd.DataFrame({"article_id": pd.Series(dtype=object), "x": pd.Series(dtype=object)})
    joined = _join(tmp_path, [ints, empty], ("corpus",), ["a", "b"])  # an empty part has no rows to type
    assert joined is not None and pd.read_parquet(joined).equals(ints)


def write_shuffled_corpus(folder: Path, copies: int = 2) -> Path:
    """The seeds ``copies`` times, with ids whose sorted order is not the files' order."""
    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["article_id,file"]
    for n in range(copies * len(seeds)):
        file = f"f{n:03d}.txt"
        shutil.copy(seeds[n % len(seeds)], folder / file)
        rows.append(f"z{copies * len(seeds) - n:03d},{file}")
    (folder / "articles.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.mark.slow
def test_worker_processes_write_the_same_parquet_files_as_one_process(tmp_path, monkeypatch):
    monkeypatch.setattr("readout.scale.export.PARALLEL_MIN_ARTICLES", 2)  # workers even for ten articles
    corpus = write_shuffled_corpus(tmp_path / "corpus")
    one, pool, csv = tmp_path / "one", tmp_path / "pool", tmp_path / "csv"
    export_tables(corpus, one, jobs=1, table_format="parquet")
    export_tables(corpus, pool, jobs=2, table_format="parquet")
    export_tables(corpus, csv, jobs=2)
    for name in TABLES:
        assert (one / f"{name}.parquet").read_bytes() == (pool / f"{name}.parquet").read_bytes(), name
    assert sorted(p.name for p in pool.iterdir()) == sorted([MANIFEST, *(f"{n}.parquet" for n in TABLES)])
    assert_same_tables(read_export(pool), read_export(csv))


@pytest.mark.slow
def test_parquet_tables_fall_back_to_one_piece_when_parts_disagree(tmp_path, monkeypatch):
    monkeypatch.setattr("readout.scale.export.PARALLEL_MIN_ARTICLES", 2)
    monkeypatch.setattr(PartFiles, "write", lambda self, path: False)
    corpus = write_shuffled_corpus(tmp_path / "corpus")
    one, pool = tmp_path / "one", tmp_path / "pool"
    export_tables(corpus, one, jobs=1, table_format="parquet")
    export_tables(corpus, pool, jobs=2, table_format="parquet")
    for name in [stage.name for stage in STAGES if stage.spill]:
        assert (one / f"{name}.parquet").read_bytes() == (pool / f"{name}.parquet").read_bytes(), name


# --------------------------------------------------------------------------- refused folders


def test_a_damaged_or_incomplete_parquet_export_is_refused(seed_exports, tmp_path):
    def copy(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(seed_exports["parquet"], folder)
        return folder

    def edit_manifest(folder: Path, edit) -> None:
        data = manifest(folder)
        edit(data)
        (folder / MANIFEST).write_text(json.dumps(data), encoding="utf-8")

    pending = copy("pending")
    edit_manifest(pending, lambda m: m.update(complete=False))
    with pytest.raises(ExportError, match="did not complete"):
        read_export(pending)
    torn = copy("torn")
    with open(torn / "sentiment.parquet", "r+b") as handle:  # cut short, as an interrupted write would
        handle.truncate(handle.seek(0, os.SEEK_END) // 2)
    with pytest.raises(ExportError, match="sentiment.parquet differs"):
        read_export(torn)
    with pytest.raises(ExportError, match="sentiment.parquet cannot be read"):
        read_export(torn, verify=False)
    missing = copy("missing")
    (missing / "quotes.parquet").unlink()
    with pytest.raises(ExportError, match="quotes.parquet is listed in export.json but missing"):
        read_export(missing)
    short = copy("short")
    edit_manifest(short, lambda m: m["tables"]["mentions"].update(rows=m["tables"]["mentions"]["rows"] + 1))
    with pytest.raises(ExportError, match="mentions.parquet holds .* rows, export.json records"):
        read_export(short)
    (tmp_path / "none").mkdir()
    with pytest.raises(ExportError, match="no readable export.json"):
        read_export(tmp_path / "none")


def test_an_interrupted_parquet_export_over_a_csv_one_is_refused_then_cleared_up(seed_exports, tmp_path, monkeypatch):
    """Stopped while moving its tables into place over a CSV export, a Parquet export leaves
    a folder read_export refuses, with both formats in it and a manifest listing neither;
    the next export removes the old format's files all the same."""
    out = tmp_path / "out"
    shutil.copytree(seed_exports["csv"], out)
    real_replace, calls = os.replace, [0]

    def interrupted(src, dst):
        calls[0] += 1
        if calls[0] == 4:  # the pending manifest, two tables moved, then Ctrl-C
            raise KeyboardInterrupt("interrupted while committing")
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_tables(None, out, jobs=1, table_format="parquet")
    monkeypatch.setattr(output.os, "replace", real_replace)
    assert manifest(out)["complete"] is False and manifest(out)["tables"] == {}
    assert list(out.glob("*.parquet")) and list(out.glob("*.csv"))
    assert not list(out.glob(".export-*"))
    with pytest.raises(ExportError, match="did not complete"):
        read_export(out)
    export_tables(None, out, jobs=1, table_format="parquet")
    assert sorted(p.name for p in out.iterdir()) == sorted([MANIFEST, *(f"{n}.parquet" for n in TABLES)])
    assert_same_tables(read_export(out), read_export(seed_exports["csv"]))


def test_re_exporting_in_the_other_format_removes_the_old_tables_and_nothing_else(seed_exports, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_exports["csv"], out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    export_tables(None, out, jobs=1, table_format="parquet")
    assert not list(out.glob("*.csv"))
    assert {p.name for p in out.glob("*.parquet")} == {f"{n}.parquet" for n in TABLES}
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert all(e["file"].endswith(".parquet") for e in manifest(out)["tables"].values())
    export_tables(None, out, jobs=1)  # and back
    assert not list(out.glob("*.parquet")) and {p.name for p in out.glob("*.csv")} == {f"{n}.csv" for n in TABLES}
    for name in TABLES:
        assert (out / f"{name}.csv").read_bytes() == (seed_exports["csv"] / f"{name}.csv").read_bytes(), name


@pytest.mark.slow
def test_sigterm_stops_a_parquet_export_with_workers_and_leaves_nothing(tmp_path):
    corpus = write_shuffled_corpus(tmp_path / "corpus", copies=50)  # 250 articles: worker processes
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "readout", "export", "--corpus", str(corpus), "--out", str(out)]
        + ["--format", "parquet", "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.glob(".export-*/parts/*.arrow")):
        assert proc.poll() is None and time.monotonic() < deadline, "no part file was written"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "holds no complete export" in err and "Traceback" not in err
    assert list(out.iterdir()) == []


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize("value", ["xlsx", "json", "CSVs", ""])
def test_an_unknown_format_is_exit_2_naming_the_option(tmp_path, capsys, value):
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as stopped:
        main(["export", "--out", str(out), "--format", value])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "argument --format" in err and f"{value!r} is not a table format" in err and "csv or parquet" in err
    assert "Traceback" not in err and not out.exists()
    if value == "xlsx":
        assert "--spreadsheet-safe" in err


def test_spreadsheet_safe_is_for_csv_only(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--out", str(out), "--format", "parquet", "--spreadsheet-safe"]) == 2
    assert "--spreadsheet-safe: applies to --format csv only" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ValueError, match="spreadsheet_safe applies to CSV"):
        export_tables(None, out, table_format="parquet", spreadsheet_safe=True)
    with pytest.raises(ValueError, match="unknown table format"):
        export_tables(None, out, table_format="xlsx")
    assert not out.exists()


def test_help_names_the_formats(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "--format {csv,parquet}" in text and "column types kept" in text
