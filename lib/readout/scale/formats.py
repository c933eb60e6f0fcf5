"""A table on disk as CSV or Parquet: one writer and one reader for both.

CSV is what ``readout export`` has always written (``index=False``, ``\\n`` line ends): any
spreadsheet opens it, but it keeps no column types. Parquet (through pyarrow) keeps them,
nullable integers, booleans and text included, so a table reads back exactly as it was
built, and it is smaller and quicker to load on a large export.

>>> import pandas as pd, tempfile
>>> table = pd.DataFrame({"term": ["open", "respect"], "n": pd.array([3, None], dtype="Int64")})
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_table(table, Path(folder) / "terms", "parquet")
...     back = read_table(path)
>>> path.name, back["n"].dtype.name, back.equals(table)
('terms.parquet', 'Int64', True)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

#: the formats :func:`write_table` writes, each also the file suffix
FORMATS = ("csv", "parquet")
#: rows per Parquet row group: every Parquet table is cut at the same rows, however it was
#: assembled (one DataFrame, or part files joined), so both ways give the same file
ROW_GROUP_ROWS = 1 << 17
#: the Parquet compression (zstd: smaller than snappy at a similar speed; pyarrow reads it)
COMPRESSION = "zstd"

_NUMERIC = re.compile(r"^(u?int|Int|UInt|float|Float|bool|boolean)")


def write_table(table: pd.DataFrame, path_without_suffix: str | Path, fmt: str = "csv") -> Path:
    """Write ``table`` to ``path_without_suffix`` plus ``.csv`` or ``.parquet``; return that path.

    ``fmt`` "csv" writes exactly what the export writes (``index=False``, ``\\n`` line ends);
    "parquet" writes a Parquet file with pyarrow, column types kept, no index. Raises
    ValueError for another ``fmt``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown table format {fmt!r}: use {' or '.join(FORMATS)}")
    base = Path(path_without_suffix)
    path = base.with_name(f"{base.name}.{fmt}")
    if fmt == "csv":
        table.to_csv(path, index=False, lineterminator="\n")
    else:
        write_parquet(table, path)
    return path


def arrow_table(table: pd.DataFrame) -> Any:
    """``table`` as a pyarrow Table without its index (pandas' column types in its metadata)."""
    import pyarrow as pa

    return pa.Table.from_pandas(table, preserve_index=False)


def write_parquet(table: pd.DataFrame, path: str | Path) -> None:
    """Write ``table`` to ``path`` as Parquet, in row groups of :data:`ROW_GROUP_ROWS`."""
    data = arrow_table(table)
    with ParquetSink(path, data.schema) as sink:
        sink.add(data)


class ParquetSink:
    """A Parquet file written from pieces (pyarrow Tables of one schema) added in order.

    Rows are held until a row group of :data:`ROW_GROUP_ROWS` is full, so only one row group
    is ever copied, and the file is cut at the same rows however the pieces were sliced.
    Use as a context manager; after an error inside, the partial file is the caller's to remove.
    """

    def __init__(self, path: str | Path, schema: Any):
        import pyarrow.parquet as pq

        self.schema = schema
        self._writer = pq.ParquetWriter(str(path), schema, compression=COMPRESSION)
        self._pending: list[Any] = []
        self._rows = 0

    def add(self, piece: Any) -> None:
        """Append the rows of ``piece`` (a pyarrow Table with this file's schema)."""
        if piece.num_rows:
            self._pending.append(piece)
            self._rows += piece.num_rows
        if self._rows >= ROW_GROUP_ROWS:
            self._flush(final=False)

    def _flush(self, final: bool) -> None:
        import pyarrow as pa

        if not self._pending:
            return
        held = pa.concat_tables(self._pending)
        full = self._rows if final else self._rows - self._rows % ROW_GROUP_ROWS
        for start in range(0, full, ROW_GROUP_ROWS):
            group = held.slice(start, min(ROW_GROUP_ROWS, full - start)).combine_chunks()
            self._writer.write_table(group, row_group_size=ROW_GROUP_ROWS)
        rest = held.slice(full)
        self._pending, self._rows = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self, flush: bool = True) -> None:
        """Write what is held (unless ``flush`` is false: an error stopped the writing) and close."""
        import pyarrow as pa

        try:
            if flush:
                self._flush(final=True)
        finally:
            self._pending = []
            self._writer.close()
            pa.default_memory_pool().release_unused()  # hand the copies' memory back to the system

    def __enter__(self) -> ParquetSink:
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.close(flush=kind is None)


def read_table(path: str | Path, dtypes: dict[str, str] | None = None) -> pd.DataFrame:
    """Read a table written by :func:`write_table`, by its suffix (``.csv`` or ``.parquet``).

    A Parquet file comes back with its own column types. A CSV file is read by pandas'
    inference, unless ``dtypes`` (column -> dtype name, as ``str(table.dtypes[c])`` gives it
    and the export's manifest records it) is given: then text columns are read as written
    (an empty field is "") and every column is cast to its recorded type. Raises ValueError
    for another suffix.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return pd.read_parquet(path, engine="pyarrow")
    if suffix != ".csv":
        raise ValueError(f"{path}: cannot tell the format; a table file ends in .csv or .parquet")
    if dtypes is None:
        return pd.read_csv(path)
    numeric = {c for c, t in dtypes.items() if _NUMERIC.match(t)}
    text = {c: str for c in dtypes if c not in numeric}
    table = pd.read_csv(path, dtype=text, keep_default_na=False, na_values={c: [""] for c in numeric})
    return table.astype({c: t for c, t in dtypes.items() if c in table.columns})
