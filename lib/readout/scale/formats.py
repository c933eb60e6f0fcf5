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

import pandas as pd

#: the formats :func:`write_table` writes, each also the file suffix
FORMATS = ("csv", "parquet")

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
        table.to_parquet(path, engine="pyarrow", index=False)
    return path


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
