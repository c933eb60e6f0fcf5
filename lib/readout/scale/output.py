"""The export folder: tables staged under temporary names, committed all at once, described by ``export.json``.

``readout export --out DIR`` never leaves a folder that looks complete and is not:

1. ``DIR`` must be missing, empty, or a folder an earlier export wrote (it holds
   ``export.json``); a folder holding anything else is refused, so no file of the user's is
   overwritten. ``DIR`` may not be the corpus folder or inside it.
2. Every table is written to a staging folder inside ``DIR`` (``.export-<pid>-<random>/``,
   the same file system, so a rename is atomic), flushed to disk and checksummed.
3. Once all are complete, ``export.json`` is replaced by one saying ``"complete": false``;
   the tables are renamed into place; tables of the earlier export that this one does not
   write are removed, and so is a file of a table this one writes in the other format
   (``quotes.csv`` beside a new ``quotes.parquet``, even one an interrupted export left);
   then ``export.json`` is written in full (``"complete": true``, the corpus fingerprint,
   each table's file, rows, bytes, sha256 and column types, the versions of readout,
   Python and pandas) and the staging folder removed.

The tables are CSV or Parquet files (``readout export --format``,
:mod:`readout.scale.formats`); each table's entry names its file, so the suffix says
which, and :func:`read_export` reads either.

Interrupted anywhere, the folder holds either the earlier export, complete, or a manifest
saying ``"complete": false`` (or none): :func:`read_export` refuses it. Staging folders
left by a process that no longer runs (killed with SIGKILL) are removed by the next export
into the same folder.

``--spreadsheet-safe`` writes a variant for spreadsheet programs: a field starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return (and not a plain number) gets a
leading ``'`` so it is not run as a formula. Offsets then no longer index those fields, so
the manifest says ``"spreadsheet_safe": true`` and :func:`read_export` refuses the folder.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

import readout
from readout.scale.formats import FORMATS, read_table

#: the manifest's file name, written last
MANIFEST = "export.json"
#: what the manifest's ``format`` says
FORMAT = "readout-export"
FORMAT_VERSION = 1
#: prefixes of the scratch folders an export keeps inside ``--out`` while it runs
STAGING_PREFIX = ".export-"
LEGACY_PARTS_PREFIX = ".parts-"


class ExportError(ValueError):
    """An export folder cannot be written or read; the message names the folder or file."""


@dataclass
class StagedTable:
    """One table written to the staging folder: file name, rows, bytes, sha256, column types."""

    file: str
    rows: int
    bytes: int
    sha256: str
    dtypes: dict[str, str]

    def manifest_entry(self) -> dict:
        return {"file": self.file, "rows": self.rows, "bytes": self.bytes, "sha256": self.sha256, "dtypes": self.dtypes}


# --------------------------------------------------------------------------- the folder


def check_out_folder(out: Path, corpus_folder: Path | None) -> Path:
    """Refuse an ``--out`` that is a file, the corpus folder or inside it, or a folder holding
    files no export wrote. Returns ``out`` made absolute (it need not exist yet)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"--out {out}: is a file, not a folder; name a folder for the tables.")
    resolved = out.resolve()
    if corpus_folder is not None:
        corpus = Path(corpus_folder).resolve()
        if resolved == corpus or resolved.is_relative_to(corpus):
            raise ExportError(
                f"--out {out}: is the corpus folder {corpus_folder} or inside it; the tables would mix with "
                "the corpus's own files (articles.csv, actors.csv). Choose a folder outside the corpus."
            )
    if out.is_dir():
        foreign = [p.name for p in sorted(out.iterdir()) if not _is_scratch(p.name)]
        if foreign and read_manifest(out) is None:
            shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
            raise ExportError(
                f"--out {out}: holds files that no readout export wrote ({shown}); "
                "choose an empty or new folder, or one an earlier export wrote (with export.json)."
            )
    return resolved


def _is_scratch(name: str) -> bool:
    return name.startswith((STAGING_PREFIX, LEGACY_PARTS_PREFIX))


def _scratch_owner(name: str) -> int | None:
    """The process id in a scratch folder's name (``.export-<pid>-...``), or None."""
    m = re.match(rf"^(?:{re.escape(STAGING_PREFIX)}|{re.escape(LEGACY_PARTS_PREFIX)})(\d+)-", name)
    return int(m.group(1)) if m else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale_scratch(out: Path) -> list[str]:
    """Remove scratch folders in ``out`` left by exports whose process no longer runs
    (and those of older versions, whose names carry no process id). Returns their names."""
    removed: list[str] = []
    if not out.is_dir():
        return removed
    for entry in out.iterdir():
        if not _is_scratch(entry.name) or not entry.is_dir() or entry.is_symlink():
            continue
        pid = _scratch_owner(entry.name)
        if pid is not None and (pid == os.getpid() or _running(pid)):
            continue  # this export's, or another export into this folder is running
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


def make_staging(out: Path) -> Path:
    """Create ``out`` (if needed) and a staging folder in it; ExportError if that is not allowed."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out))
    except OSError as exc:
        raise ExportError(
            f"--out {out}: cannot write there ({exc.strerror or exc}); choose a writable folder."
        ) from None


# --------------------------------------------------------------------------- writing


def file_digest(path: Path, block: int = 1 << 22) -> tuple[int, str]:
    """(bytes, sha256 hex) of a file, read in blocks."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as handle:
        while data := handle.read(block):
            digest.update(data)
            size += len(data)
    return size, digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finish_staged(path: Path, rows: int, dtypes: dict[str, str], spreadsheet_safe: bool = False) -> StagedTable:
    """Flush a table written to the staging folder to disk, make it spreadsheet-safe if asked,
    and describe it for the manifest."""
    if spreadsheet_safe and path.suffix == ".csv":
        spreadsheet_safe_csv(path)
    _fsync(path)
    size, sha = file_digest(path)
    return StagedTable(path.name, int(rows), size, sha, dtypes)


def frame_dtypes(table: pd.DataFrame) -> dict[str, str]:
    return {str(c): str(t) for c, t in table.dtypes.items()}


_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe_field(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    >>> [spreadsheet_safe_field(v) for v in ("=HYPERLINK(1)", "-0.25", "@x", "text", "-x")]
    ["'=HYPERLINK(1)", '-0.25', "'@x", 'text', "'-x"]
    """
    if value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def spreadsheet_safe_csv(path: Path) -> None:
    """Rewrite the CSV at ``path`` with every field passed through :func:`spreadsheet_safe_field`."""
    tmp = path.with_name(path.name + ".safe")
    with open(path, encoding="utf-8", newline="") as src, open(tmp, "w", encoding="utf-8", newline="") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        for n, row in enumerate(csv.reader(src)):
            writer.writerow(row if n == 0 else [spreadsheet_safe_field(v) for v in row])
    os.replace(tmp, path)


def _write_json(path: Path, data: dict, scratch: Path) -> None:
    """Write ``data`` to ``path`` atomically (through a file in ``scratch``), flushed to disk."""
    tmp = scratch / f"{path.name}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def manifest_for(
    tables: dict[str, StagedTable], fingerprint: str, corpus_folder: Path, n_articles: int, **extra
) -> dict:
    """The complete manifest of an export."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "complete": True,
        "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "corpus": {"folder": str(corpus_folder), "fingerprint": fingerprint, "articles": int(n_articles)},
        "versions": {"readout": readout.__version__, "python": platform.python_version(), "pandas": pd.__version__},
        **extra,
        "tables": {name: t.manifest_entry() for name, t in tables.items()},
    }


def read_manifest(out: Path) -> dict | None:
    """The manifest in ``out``, or None when there is none or it cannot be read."""
    try:
        data = json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def commit(out: Path, staging: Path, manifest: dict) -> None:
    """Move the staged tables into ``out`` and write the manifest (see the module docstring)."""
    old = read_manifest(out)
    new_files = {entry["file"] for entry in manifest["tables"].values()}
    old_files = {
        e["file"]
        for e in (old or {}).get("tables", {}).values()
        if isinstance(e, dict) and isinstance(e.get("file"), str)
    }
    # this export's tables in the other format: an earlier export's, or left by an
    # interrupted one (whose manifest no longer lists them)
    other_format = {f"{name}.{fmt}" for name in manifest["tables"] for fmt in FORMATS}
    pending = dict(manifest, complete=False, tables={})
    _write_json(out / MANIFEST, pending, staging)
    for name in sorted(new_files):
        os.replace(staging / name, out / name)
    for name in sorted(old_files - new_files - {MANIFEST}):
        if name == Path(name).name and not _is_scratch(name):
            (out / name).unlink(missing_ok=True)
    for name in sorted(other_format - old_files - new_files):
        if (out / name).is_file() and not (out / name).is_symlink():
            (out / name).unlink(missing_ok=True)
    _fsync_dir(out)
    _write_json(out / MANIFEST, manifest, staging)
    _fsync_dir(out)


# --------------------------------------------------------------------------- reading


def read_export(folder: str | Path, verify: bool = True) -> dict[str, pd.DataFrame]:
    """The tables of a complete ``readout export`` folder: table name -> DataFrame.

    Reads CSV and Parquet tables alike (each manifest entry names its file). Raises
    :class:`ExportError` naming the folder when it holds no manifest (``export.json``),
    when the manifest does not say the export completed (it was interrupted, or is being
    written), when it was written with ``--spreadsheet-safe`` (text altered, offsets off),
    when a table cannot be read or has another number of rows than the manifest records,
    or, with ``verify``, when a table's size or sha256 differs from the manifest's. Every
    column comes back with the type the manifest records: text exactly as written (from a
    CSV, an empty field is ""), numbers and booleans as such.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        raise ExportError(
            f"{folder}: no readable export.json: not a complete readout export (interrupted, or not written "
            "by readout export); run `readout export --out` again."
        )
    if manifest.get("complete") is not True:
        raise ExportError(
            f"{folder}: export.json says the export did not complete (interrupted, or still being written); "
            "run `readout export --out` again."
        )
    if manifest.get("spreadsheet_safe"):
        raise ExportError(
            f"{folder}: was written with --spreadsheet-safe: fields starting with = + - @ carry a leading ', so "
            "offsets no longer index the text; export again without --spreadsheet-safe to analyse the tables."
        )
    tables = {}
    for name, entry in manifest.get("tables", {}).items():
        path = folder / entry["file"]
        if not path.is_file():
            raise ExportError(f"{folder}: {entry['file']} is listed in export.json but missing; export again.")
        if verify and file_digest(path) != (entry["bytes"], entry["sha256"]):
            raise ExportError(
                f"{folder}: {entry['file']} differs from what export.json records (changed since the export?); "
                "export again."
            )
        try:
            table = read_table(path, entry.get("dtypes", {}))
        except (OSError, ValueError) as exc:  # pyarrow's and pandas' read errors are ValueErrors
            raise ExportError(f"{folder}: {entry['file']} cannot be read ({exc}); export again.") from None
        if "rows" in entry and len(table) != entry["rows"]:
            raise ExportError(
                f"{folder}: {entry['file']} holds {len(table)} rows, export.json records {entry['rows']}; export again."
            )
        tables[name] = table
    return tables
