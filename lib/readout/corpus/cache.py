"""A disk cache for analysis tables, shared by every process that reads the same corpus.

The report build runs each notebook in its own kernel; most of them need the same
mentions, quotes, reuse passages and sentiment scores. With the cache on, the first
process to compute ``corpus.cached(key, func)`` writes the result to disk and the others
read it back instead of computing it again.

A result is stored under a *context* that changes whenever anything it could depend on
changes, so a stale entry is never read:

- the corpus (:attr:`readout.corpus.model.Corpus.fingerprint`: every raw text and the
  metadata), and every other file in the corpus folder that is not an article (its own
  ``actors.csv``, codebooks, ...);
- the library's source (every ``.py`` file of the ``readout`` package);
- the project's data files (``data/``: codebooks, lexicons, furniture rules);
- the Python version and the versions of the packages results depend on.

The key passed to ``corpus.cached`` must name the parameters of the computation (the
library's keys do); a value that cannot be pickled is simply not stored. Files are
written atomically, and a per-entry lock makes a second process wait for the first one
rather than compute the same table twice.

The cache is off unless switched on: ``READOUT_CACHE=1`` in the environment (the report
build sets it for its kernels), or :func:`enable`. Entries live in ``.cache/readout/``
in the project (``READOUT_CACHE_DIR`` overrides). ``readout.corpus.cache.clear()`` empties it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from readout.paths import DATA_DIR, PROJECT_ROOT

_ENV_FLAG = "READOUT_CACHE"


_ENV_DIR = "READOUT_CACHE_DIR"


_PACKAGES = ("pandas", "numpy", "nltk", "networkx", "vaderSentiment")


_CONTEXT_KEY = "readout.corpus.cache:context"


_state: dict[str, bool | None] = {"enabled": None}


def enable(on: bool | None = True) -> None:
    """Switch the disk cache on (or off) for this process, whatever the environment says.

    ``None`` goes back to what ``READOUT_CACHE`` says.
    """
    _state["enabled"] = None if on is None else bool(on)


def enabled() -> bool:
    if _state["enabled"] is not None:
        return _state["enabled"]
    return os.environ.get(_ENV_FLAG, "").strip().lower() in ("1", "true", "yes", "on")


def cache_dir() -> Path:

    return Path(os.environ.get(_ENV_DIR) or PROJECT_ROOT / ".cache" / "readout")


def _hash_files(paths, root: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root) if root else path.name).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def library_hash() -> str:
    """A hash of the library's source, the project's data files, Python and package versions."""
    from importlib import metadata

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(_hash_files(package.rglob("*.py"), package).encode())
    if DATA_DIR.is_dir():
        digest.update(_hash_files((p for p in DATA_DIR.rglob("*") if p.is_file()), DATA_DIR).encode())
    digest.update(sys.version.encode())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    return digest.hexdigest()[:16]


def corpus_context(corpus) -> str:
    """The cache context of ``corpus``: its fingerprint, its folder's side files, the library hash."""
    folder = Path(corpus.folder)
    side_files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() != ".txt"] if folder.is_dir() else []
    digest = hashlib.sha256()
    digest.update(corpus.fingerprint.encode())
    digest.update(_hash_files(side_files).encode())
    digest.update(library_hash().encode())
    return digest.hexdigest()[:24]


def entry_path(context: str, key: str) -> Path:
    name = hashlib.sha256(key.encode()).hexdigest()[:32]
    return cache_dir() / context / f"{name}.pkl"


@contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``path``.lock (no-op where fcntl is missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with open(path.with_suffix(".lock"), "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read(path: Path, key: str):
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # a torn or foreign file is a miss, never an error
        return False, None
    if stored_key != key:  # a hash collision on the key: treat as a miss
        return False, None
    return True, value


def _write(path: Path, key: str, value: Any) -> None:
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    try:
        with open(tmp, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # unpicklable values are not stored
        tmp.unlink(missing_ok=True)


def files_context(paths) -> str:
    """A cache context for results computed from ``paths`` (their names, bytes) and the library."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(str(path.resolve()).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(library_hash().encode())
    return "files-" + digest.hexdigest()[:24]


def cached_in(context: str, key: str, func: Callable[[], Any], store: Callable[[Any], bool] | None = None) -> Any:
    """``func()`` remembered on disk under ``context`` and ``key`` (computed when missing).

    ``store(value)`` False keeps a value out of the cache. With the cache off this is
    just ``func()``.
    """
    if not enabled():
        return func()
    path = entry_path(context, key)
    hit, value = _read(path, key)
    if hit:
        return value
    with _locked(path):
        hit, value = _read(path, key)  # another process may have written it meanwhile
        if hit:
            return value
        value = func()
        if store is None or store(value):
            _write(path, key, value)
    return value


def cached_value(corpus, key: str, func: Callable[[], Any]) -> Any:
    """``func()`` for ``corpus`` and ``key``, read from the disk cache when it holds it."""
    if not enabled():
        return func()
    context = corpus.recall(_CONTEXT_KEY)
    if context is None:
        context = corpus_context(corpus)
        corpus.remember(_CONTEXT_KEY, context)
    return cached_in(context, key, func)


def clear() -> int:
    """Delete every cache entry; return how many files were removed."""
    import shutil

    root = cache_dir()
    if not root.exists():
        return 0
    n = sum(1 for p in root.rglob("*") if p.is_file())
    shutil.rmtree(root)
    return n
