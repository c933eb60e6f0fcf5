"""Reading a corpus's files safely: only regular files inside the corpus folder, never more than a limit.

A file (an article ``.txt`` or an ``articles.csv``) is read only when it resolves inside
the corpus folder: a symbolic link out of it, a broken or looping link, and anything but a
regular file (a folder named ``x.txt``, a FIFO, a device, a socket) are errors naming it,
and so is a file larger than :data:`MAX_ARTICLE_BYTES` (``articles.csv``:
:data:`MAX_METADATA_BYTES`). Nothing is opened that could block, and no read is unbounded.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from readout.corpus.model import CorpusError


def _limit_from_env(name: str, default_mb: int) -> int:
    try:
        return int(float(os.environ.get(name, "")) * 2**20)
    except ValueError:
        return default_mb * 2**20


#: the largest article file read, in bytes (``READOUT_MAX_ARTICLE_MB`` in the environment overrides)
MAX_ARTICLE_BYTES = _limit_from_env("READOUT_MAX_ARTICLE_MB", 128)
#: the largest ``articles.csv`` read, in bytes (``READOUT_MAX_METADATA_MB`` overrides)
MAX_METADATA_BYTES = _limit_from_env("READOUT_MAX_METADATA_MB", 64)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shown(path: Path | str) -> str:
    """``path`` as text, with bytes that are not UTF-8 escaped (``\\xff``)."""
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def read_file_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; raise CorpusError naming it.

    With ``root``, ``path`` must resolve inside that folder (a symbolic link out of it is
    refused). The file is opened without following a link, without blocking (a FIFO swapped
    in meanwhile cannot hang the read) and checked to be the file that was inspected.
    """
    path = Path(path)
    name = shown(path)
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        if path.is_symlink():
            raise CorpusError(
                f"{name}: is a symbolic link to {shown(os.readlink(path))}, which does not exist; "
                "replace the link with the file."
            ) from None
        raise CorpusError(f"{name}: disappeared while the corpus was being read; run again.") from None
    except (OSError, RuntimeError):  # a loop of symbolic links
        raise CorpusError(f"{name}: is a symbolic link that loops; replace the link with the file.") from None
    if root is not None and not target.is_relative_to(Path(root).resolve()):
        how = "is a symbolic link to" if path.is_symlink() else "resolves to"
        raise CorpusError(
            f"{name}: {how} {shown(target)}, outside the corpus folder {shown(root)}; files "
            "are read only from inside the corpus folder: copy the file into it instead."
        )
    try:
        before = target.stat()
    except OSError as exc:
        raise CorpusError(f"{name}: cannot be read ({exc.strerror}).") from None
    kind = _not_regular(before.st_mode)
    if kind is not None:
        raise CorpusError(f"{name}: is {kind}, not a regular file; only plain files are read. Remove or rename it.")
    if before.st_size > limit:
        raise CorpusError(_too_large(name, before.st_size, limit))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags)
    except PermissionError:
        raise CorpusError(
            f"{name}: cannot be read: permission denied; make it readable (chmod u+r) or remove it."
        ) from None
    except FileNotFoundError:
        raise CorpusError(f"{name}: disappeared while the corpus was being read; run again.") from None
    except OSError as exc:
        raise CorpusError(f"{name}: cannot be read ({exc.strerror}).") from None
    try:
        now = os.fstat(fd)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) or _not_regular(now.st_mode):
            raise CorpusError(f"{name}: was replaced while the corpus was being read; run again.")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 24, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise CorpusError(f"{name}: cannot be read ({exc.strerror}).") from None
    finally:
        os.close(fd)
    if size > limit:
        raise CorpusError(_too_large(name, size, limit))
    return b"".join(chunks)


def _too_large(name: str, size: int, limit: int) -> str:
    variable = "READOUT_MAX_METADATA_MB" if name.endswith(".csv") else "READOUT_MAX_ARTICLE_MB"
    return (
        f"{name}: is {size / 2**20:.1f} MB, over the limit of {limit / 2**20:.0f} MB; split it, "
        f"or raise the limit with {variable}=<megabytes> in the environment."
    )


def foreign_bom(data: bytes) -> str | None:
    """The encoding a byte-order mark names, when it is not UTF-8."""
    for bom, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if data.startswith(bom):
            return name
    return None
