"""Tables on disk as CSV or Parquet: the seeds' tables go out and come back unchanged."""

from __future__ import annotations

import pandas as pd
import pytest

from readout.analysis.statements import side_statements
from readout.scale.formats import FORMATS, read_table, write_table
from readout.scale.tables import TABLES, build_table


@pytest.fixture(scope="module")
def seed_tables(corpus):
    tables = {name: build_table(name, corpus) for name in TABLES}
    return {name: t for name, t in tables.items() if isinstance(t, pd.DataFrame)}


def _dtypes(table: pd.DataFrame) -> dict[str, str]:
    return {str(c): str(t) for c, t in table.dtypes.items()}


def test_every_seed_table_round_trips_through_parquet_with_its_types(seed_tables, tmp_path):
    assert len(seed_tables) >= 10
    for name, table in seed_tables.items():
        path = write_table(table, tmp_path / name, "parquet")
        assert path == tmp_path / f"{name}.parquet"
        back = read_table(path)
        assert _dtypes(back) == _dtypes(table), name
        pd.testing.assert_frame_equal(back, table.reset_index(drop=True), check_exact=True)


def test_csv_is_written_exactly_as_the_export_writes_it(seed_tables, tmp_path):
    for name, table in seed_tables.items():
        path = write_table(table, tmp_path / name, "csv")
        assert path.name == f"{name}.csv"
        expected = table.to_csv(index=False, lineterminator="\n")
        assert path.read_bytes() == expected.encode("utf-8"), name
        back = read_table(path, _dtypes(table))
        assert _dtypes(back) == _dtypes(table), name
        pd.testing.assert_frame_equal(back, table.reset_index(drop=True))


def test_parquet_keeps_missing_values_and_awkward_text(corpus, tmp_path):
    pieces = side_statements(corpus)  # nullable copy groups, missing duplicate_of
    back = read_table(write_table(pieces, tmp_path / "pieces", "parquet"))
    pd.testing.assert_frame_equal(back, pieces.reset_index(drop=True))
    text = ["=SUM(A1)", "line\u2028separator", "nul\x00byte", "", "中文", None]
    table = pd.DataFrame({"text": text, "n": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"), "ok": [True] * 6})
    back = read_table(write_table(table, tmp_path / "awkward", "parquet"))
    pd.testing.assert_frame_equal(back, table)
    assert back["text"].tolist()[:5] == text[:5] and pd.isna(back["text"].iloc[5])


def test_unknown_formats_are_refused(tmp_path):
    table = pd.DataFrame({"a": [1]})
    assert FORMATS == ("csv", "parquet")
    with pytest.raises(ValueError, match="unknown table format"):
        write_table(table, tmp_path / "a", "xlsx")
    (tmp_path / "a.tsv").write_text("a\n1\n")
    with pytest.raises(ValueError, match=r"\.csv or \.parquet"):
        read_table(tmp_path / "a.tsv")
    assert read_table(write_table(table, tmp_path / "a", "csv")).equals(table)
