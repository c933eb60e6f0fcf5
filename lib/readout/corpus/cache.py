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
rather than compute the same table twice. A lock whose holder no longer runs (or is
stopped) is taken over with a message, and no process waits longer than
:data:`LOCK_WAIT_SECONDS`: it then computes the value itself (entries are replaced
atomically, so two writers cannot tear one).

Entries are pickles, and unpickling runs code: an entry is read only from a cache folder
owned by this user and writable by no one else (folders are created ``0700``). A cache
folder that fails the check is not used at all, with one warning.

The cache is off unless switched on: ``READOUT_CACHE=1`` in the environment (the report
build sets it for its kernels), or :func:`enable`. Entries live in ``.cache/readout/``
in the project (``READOUT_CACHE_DIR`` overrides). ``readout.corpus.cache.clear()`` empties it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable
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

#: longest wait for another live process's lock on an entry, in seconds, before computing anyway
LOCK_WAIT_SECONDS = 120.0
#: seconds of waiting after which the wait is reported (on stderr)
LOCK_REPORT_SECONDS = 2.0
#: cache folders already found unsafe in this process (warned once each)
_unsafe: set[str] = set()


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


def _field(digest, data: bytes) -> None:
    """Add ``data`` to ``digest`` prefixed by its length, so no two sequences of fields collide."""
    digest.update(len(data).to_bytes(8, "big"))
    digest.update(data)


def file_digest(path: Path) -> bytes:
    """sha256 of a regular file's bytes, read in blocks, opened without blocking; for
    anything but a regular file (a FIFO, a device), a marker saying so. Raises OSError."""
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b"not a regular file"
        while data := os.read(fd, 1 << 22):
            digest.update(data)
    finally:
        os.close(fd)
    return digest.digest()


def _hash_files(paths, root: Path | None = None) -> str:
    """A hash of regular files' names (relative to ``root``) and bytes; others, and files
    gone or unreadable meanwhile, count by name and a marker."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        _field(digest, os.fsencode(str(path.relative_to(root) if root else path.name)))
        try:
            _field(digest, file_digest(path))
        except OSError as exc:
            _field(digest, f"unreadable: {exc.strerror}".encode())
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


def side_files(folder: Path) -> list[Path]:
    """The regular files of a corpus folder that are not articles, resolving inside it."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    root = folder.resolve()
    out = []
    for p in folder.iterdir():
        try:
            if p.suffix.lower() != ".txt" and p.is_file() and p.resolve().is_relative_to(root):
                out.append(p)
        except (OSError, RuntimeError):  # a link that loops, a file gone meanwhile
            continue
    return out


def corpus_context(corpus) -> str:
    """The cache context of ``corpus``: its fingerprint, its folder's side files, the library hash."""
    digest = hashlib.sha256()
    _field(digest, corpus.fingerprint.encode())
    _field(digest, _hash_files(side_files(Path(corpus.folder))).encode())
    _field(digest, library_hash().encode())
    return digest.hexdigest()[:32]


def entry_path(context: str, key: str) -> Path:
    name = hashlib.sha256(key.encode()).hexdigest()[:32]
    return cache_dir() / context / f"{name}.pkl"


def _private_dir(folder: Path) -> None:
    """Create the cache root and ``folder`` in it, where missing, readable and writable by this user only."""
    for where in (cache_dir(), folder):
        if not where.is_dir():
            where.mkdir(parents=True, exist_ok=True)
            os.chmod(where, 0o700)


def _owned_and_private(path: Path, follow: bool = False) -> str | None:
    """Why ``path`` may not be trusted (owned by another user, writable by others, a symbolic
    link unless ``follow``), or None."""
    try:
        st = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be inspected ({exc.strerror})"
    if stat.S_ISLNK(st.st_mode):
        return "is a symbolic link"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"is owned by user {st.st_uid}, not by this user ({os.getuid()})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by others (mode {stat.S_IMODE(st.st_mode):o})"
    return None


def _safe_location(path: Path) -> bool:
    """Whether entries at ``path`` may be unpickled: the cache root (a link to it is followed),
    the entry's folder and the entry itself owned by this user and writable by no one else.
    Warns once per place."""
    root = cache_dir()
    for where in (root, path.parent, path):
        problem = _owned_and_private(where, follow=where == root)
        if problem is not None:
            if str(where) not in _unsafe:
                _unsafe.add(str(where))
                warnings.warn(
                    f"readout cache: {where} {problem}; the disk cache is not used there (entries are pickles, "
                    f"and a pickle from another user could run code). Remove it or set {_ENV_DIR} to a private folder.",
                    stacklevel=3,
                )
            return False
    return True


def _process_state(pid: int, started: str | None) -> str:
    """``running``, ``stopped`` or ``gone`` for the process ``pid`` (``started``: its start
    time as recorded, so a reused process id is not mistaken for the holder)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return "gone"
    except PermissionError:
        return "running"
    stat_line = _proc_stat(pid)
    if stat_line is None:
        return "running"
    state, start = stat_line
    if started is not None and start != started:
        return "gone"
    if state in ("Z", "X", "x"):
        return "gone"
    if state in ("T", "t"):
        return "stopped"
    return "running"


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state letter, start time) of ``pid`` from /proc, or None where there is no /proc."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2 :].split()
    return fields[0], fields[19]


def _lock_record() -> bytes:
    """What a lock holder writes in the lock file: its process id and start time."""
    proc = _proc_stat(os.getpid())
    return f"{os.getpid()} {proc[1] if proc else '-'}\n".encode()


def _lock_holder(handle) -> tuple[int, str | None] | None:
    handle.seek(0)
    parts = handle.read(100).decode("ascii", "replace").split()
    if not parts or not parts[0].isdigit():
        return None
    return int(parts[0]), (parts[1] if len(parts) > 1 and parts[1] != "-" else None)


@contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on ``path``.lock (no-op where fcntl is missing).

    The holder writes its process id into the lock file. A waiter takes a lock over (with a
    message on stderr) when its holder has exited (a worker process it forked may still hold
    the file) or is stopped; it reports a wait longer than :data:`LOCK_REPORT_SECONDS`, and
    after :data:`LOCK_WAIT_SECONDS` goes on without the lock.
    """
    _private_dir(path.parent)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock = path.with_suffix(".lock")
    t0, reported = time.monotonic(), False
    while True:
        handle = open(lock, "a+b")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _lock_holder(handle)
            state = _process_state(*holder) if holder else "running"
            if state != "running":
                assert holder is not None
                print(
                    f"readout cache: the lock {lock} is held for process {holder[0]}, which "
                    f"{'no longer runs' if state == 'gone' else 'is stopped'}; taking it over.",
                    file=sys.stderr,
                )
                _replace_lock(lock, handle)
                handle.close()
                continue
            waited = time.monotonic() - t0
            if waited > LOCK_WAIT_SECONDS:
                print(
                    f"readout cache: waited {waited:.0f} s for process {holder[0] if holder else '?'} holding {lock}; "
                    "computing without it.",
                    file=sys.stderr,
                )
                handle.close()
                yield
                return
            if not reported and waited > LOCK_REPORT_SECONDS:
                reported = True
                print(
                    f"readout cache: waiting for process {holder[0] if holder else '?'}, which is computing the same "
                    f"value ({lock}).",
                    file=sys.stderr,
                )
            handle.close()
            time.sleep(0.05)
            continue
        try:
            if not _same_file(handle, lock):  # taken over and replaced meanwhile: lock the new file
                continue
            handle.seek(0)
            handle.truncate()
            handle.write(_lock_record())
            handle.flush()
            yield
            return
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
            handle.close()


def _same_file(handle, path: Path) -> bool:
    try:
        a, b = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _replace_lock(lock: Path, stale_handle) -> None:
    """Put a fresh lock file in place of the stale one (its holder keeps the old, unlinked file)."""
    fd, tmp = tempfile.mkstemp(dir=lock.parent, prefix=".lock-")
    os.close(fd)
    if _same_file(stale_handle, lock):
        os.replace(tmp, lock)
    else:  # someone else replaced it already
        os.unlink(tmp)


def _read(path: Path, key: str):
    if not path.exists() or not _safe_location(path):
        return False, None
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # a torn or foreign file is a miss, never an error
        return False, None
    if stored_key != key:  # a hash collision on the key: treat as a miss
        return False, None
    return True, value


def _write(path: Path, key: str, value: Any) -> None:
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # unpicklable values are not stored
        Path(tmp).unlink(missing_ok=True)


def data_context(named: Iterable[tuple[bytes, bytes]]) -> str:
    """A cache context for results computed from ``named`` (name, bytes) pairs and the library.

    Every name and every content is hashed with its length before it, so no two different
    sequences give the same context; hash the bytes that are then parsed, so an edit made
    meanwhile cannot be stored under the old key.
    """
    digest = hashlib.sha256()
    for name, data in named:
        _field(digest, name)
        _field(digest, hashlib.sha256(data).digest())
    _field(digest, library_hash().encode())
    return "files-" + digest.hexdigest()[:32]


def cached_in(context: str, key: str, func: Callable[[], Any], store: Callable[[Any], bool] | None = None) -> Any:
    """``func()`` remembered on disk under ``context`` and ``key`` (computed when missing).

    ``store(value)`` False keeps a value out of the cache. With the cache off this is
    just ``func()``.
    """
    if not enabled():
        return func()
    path = entry_path(context, key)
    try:
        _private_dir(path.parent)
    except OSError:  # a cache folder that cannot be created: compute without it
        return func()
    if not _safe_location(path):
        return func()
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
