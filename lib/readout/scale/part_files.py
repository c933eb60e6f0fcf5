"""Part files: per-partition rows written by the workers, joined in whole-corpus order.

A part file holds one partition's rows of a table, already in whole-corpus order within
the partition: CSV lines without a header, joined byte range by byte range into the CSV a
single process writes; or, for a Parquet export, an Arrow IPC file of record batches of
:data:`PART_BATCH_ROWS` rows, joined row range by row range into the Parquet file a single
process writes (:class:`readout.scale.formats.ParquetSink`). Only the batches a range
needs are read, so joining holds about one batch per part file and one row group.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from readout.scale.formats import ParquetSink, arrow_table
from readout.scale.partitions import merge_frames, value_ranks
from readout.scale.tables import resolve

#: rows per record batch of an Arrow part file
PART_BATCH_ROWS = 1 << 13


@dataclass
class PartFile:
    """One partition's rows of a table, written by a worker as CSV lines without a header
    (``format`` "csv") or as an Arrow IPC file ("arrow", for a Parquet export).

    ``runs`` are ``(group values, article_id, start, end)``: the byte range (CSV) or the
    row range (Arrow) of the rows of one article (within one group of the table's leading
    sort columns, such as sentiment's variant and unit). ``groups`` lists each group
    column's values in order of first appearance in the partition's table (the order
    :func:`merge_frames` ranks unlisted values by). ``rows`` is the number of rows written.
    """

    path: str
    columns: list[str]
    dtypes: dict[str, str]
    groups: dict[str, list]
    runs: list[tuple]
    rows: int = 0
    format: str = "csv"


def _split_order(order) -> tuple[list[tuple[str, tuple]], str] | None:
    """(group columns with their listed values, "corpus" or "sorted") if ``order`` is such
    group keys followed by one article key; None otherwise."""
    if not isinstance(order, tuple) or not order or order[-1] not in ("corpus", "sorted"):
        return None
    groups = [spec if isinstance(spec, tuple) else (spec, ()) for spec in order[:-1]]
    if any(column in ("corpus", "sorted") for column, _ in groups):
        return None
    return groups, order[-1]


def _csv_lines(text: str) -> list[str]:
    """The rows of CSV ``text`` (each ending in a newline), keeping newlines inside quoted fields."""
    lines = text.split("\n")[:-1]
    if '"' not in text:
        return [line + "\n" for line in lines]
    rows, pending = [], None
    for line in lines:
        odd = line.count('"') % 2 == 1
        if pending is None:
            if odd:
                pending = [line]
            else:
                rows.append(line + "\n")
        else:
            pending.append(line)
            if odd:
                rows.append("\n".join(pending) + "\n")
                pending = None
    return rows


def write_part(
    table: pd.DataFrame, order, article_ids: list[str], path: Path, fmt: str = "csv"
) -> PartFile | pd.DataFrame:
    """Write ``table`` (one partition's rows) to ``path`` in whole-corpus order, as CSV lines
    (``fmt`` "csv") or an Arrow IPC file of :data:`PART_BATCH_ROWS`-row batches ("arrow");
    returns its :class:`PartFile`, or ``table`` itself when ``order`` has no article key last."""
    split = _split_order(order)
    if split is None:
        return table
    groups, _ = split
    columns = [c for c, _ in groups if c in table.columns]
    first_seen = {c: pd.unique(table[c]).tolist() for c in columns}
    ordered = merge_frames([table], order, article_ids)
    keys = list(zip(*(ordered[c].tolist() for c in columns), ordered["article_id"].tolist()))
    bounds = [i for i in range(1, len(keys) + 1) if i == len(keys) or keys[i] != keys[i - 1]]
    runs = []
    if fmt == "arrow":
        import pyarrow as pa

        data = arrow_table(ordered).combine_chunks()
        with pa.ipc.new_file(str(path), data.schema) as writer:
            for batch in data.to_batches(max_chunksize=PART_BATCH_ROWS):
                writer.write_batch(batch)
        begin = 0
        for end in bounds:
            runs.append((keys[begin][:-1], keys[begin][-1], begin, end))
            begin = end
    else:
        rows = _csv_lines(ordered.to_csv(index=False, header=False, lineterminator="\n")) if len(ordered) else []
        if len(rows) != len(keys):  # pragma: no cover - pandas writes one line per row
            raise RuntimeError(f"{path.name}: {len(rows)} CSV lines for {len(keys)} rows")
        at, begin = 0, 0
        with open(path, "wb") as out:
            for end in bounds:
                data = "".join(rows[begin:end]).encode("utf-8")
                out.write(data)
                runs.append((keys[begin][:-1], keys[begin][-1], at, at + len(data)))
                at += len(data)
                begin = end
    dtypes = {str(c): str(t) for c, t in table.dtypes.items()}
    return PartFile(str(path), list(table.columns), dtypes, first_seen, runs, len(keys), fmt)


@dataclass
class PartFiles:
    """A table's part files from every partition, joined in whole-corpus order by :meth:`write`."""

    parts: list[PartFile]
    order: tuple
    article_ids: list[str]

    @property
    def rows(self) -> int:
        """Rows of the joined table."""
        return sum(p.rows for p in self.parts)

    @property
    def dtypes(self) -> dict[str, str]:
        """Column types of the joined table (those of the first partition with rows)."""
        return next((p.dtypes for p in self.parts if p.runs), self.parts[0].dtypes if self.parts else {})

    def write(self, path: Path) -> bool:
        """Write the table to ``path``: (CSV) the header, then every partition's runs in the
        order of :func:`merge_frames`. Returns False (writing nothing) when the partitions'
        column types differ, so one table's values would be formatted or typed differently
        (say ``1`` and ``1.0``): the caller builds that table in one piece instead."""
        filled = [p for p in self.parts if p.runs]
        reference = filled[0] if filled else self.parts[0]
        if any(p.dtypes != reference.dtypes or p.columns != reference.columns for p in filled):
            return False
        ranges = self._ranges(reference.columns)
        if reference.format == "arrow":
            return _join_arrow(self.parts, ranges, path)
        header = pd.DataFrame(columns=reference.columns).to_csv(index=False, lineterminator="\n")
        files = [open(p.path, "rb") for p in self.parts]
        try:
            with open(path, "wb") as out:
                out.write(header.encode("utf-8"))
                for n, start, end in ranges:
                    _copy_range(files[n], start, end, out)
        finally:
            for f in files:
                f.close()
        return True

    def _ranges(self, columns: list[str]) -> list[tuple[int, int, int]]:
        """``(part, start, end)`` in whole-corpus order: every partition's runs, sorted, with
        runs that follow one another in the same part file joined into one range."""
        split = _split_order(self.order)
        assert split is not None, "part files are written only for tables ordered by article"
        groups, article_key = split
        groups = [(column, values) for column, values in groups if column in columns]
        ranks = [
            value_ranks(values, (v for part in self.parts for v in part.groups.get(column, ())))
            for column, values in groups
        ]
        position = value_ranks(sorted(self.article_ids) if article_key == "sorted" else self.article_ids)
        runs = sorted(
            (*(rank[v] for rank, v in zip(ranks, values)), position.get(aid, len(position)), n, start, end)
            for n, part in enumerate(self.parts)
            for values, aid, start, end in part.runs
        )
        ranges: list[tuple[int, int, int]] = []
        for *_, n, start, end in runs:
            if ranges and ranges[-1][0] == n and ranges[-1][2] == start:
                ranges[-1] = (n, ranges[-1][1], end)
            else:
                ranges.append((n, start, end))
        return ranges


def _join_arrow(parts: list[PartFile], ranges: list[tuple[int, int, int]], path: Path) -> bool:
    """Join Arrow part files into the Parquet file ``path``: the row ranges ``ranges`` in
    order, reading only the batches each needs (the last one read of each part is kept).
    False (writing nothing) when the parts' Arrow types differ."""
    import pyarrow as pa

    files = [pa.OSFile(p.path) for p in parts]
    try:
        readers = [pa.ipc.open_file(f) for f in files]
        schemas = [readers[n].schema for n, p in enumerate(parts) if p.runs] or [readers[0].schema]
        if any(not s.equals(schemas[0], check_metadata=False) for s in schemas[1:]):
            return False
        last: dict[int, tuple[int, Any]] = {}

        def batch(n: int, i: int):
            if n not in last or last[n][0] != i:
                last[n] = (i, readers[n].get_batch(i))
            return last[n][1]

        with ParquetSink(path, schemas[0]) as sink:
            for n, start, end in ranges:
                while start < end:
                    i, offset = divmod(start, PART_BATCH_ROWS)
                    take = min(end - start, PART_BATCH_ROWS - offset)
                    sink.add(pa.Table.from_batches([batch(n, i).slice(offset, take)]))
                    start += take
    finally:
        for f in files:
            f.close()
    return True


def _copy_range(source, start: int, end: int, out, block: int = 1 << 23) -> None:
    source.seek(start)
    while start < end:
        data = source.read(min(block, end - start))
        out.write(data)
        start += len(data)


def merge_parts(parts: list, order, article_ids=None):
    """Merge one per-article result over partitions: tables by :func:`merge_frames`, counts
    by summing, part files into a :class:`PartFiles`, or by the function ``order`` names."""
    if parts and isinstance(parts[0], PartFile):
        return PartFiles(parts, order, list(article_ids))
    if order == "sum":
        parts = [p for p in parts if p is not None]
        single = isinstance(parts[0], dict)  # one Counter per part, not a tuple of them
        parts = [(p,) for p in parts] if single else parts
        totals = tuple(type(c)() for c in parts[0])
        for part in parts:
            for total, counts in zip(totals, part):
                total.update(counts)
        return totals[0] if single else totals
    if isinstance(order, str):
        return resolve(order)(parts)
    return merge_frames(parts, order or (), article_ids)
