"""Which codebook file a corpus uses: the corpus folder's own copy first, the project's ``data/`` otherwise.

A corpus folder may carry its own ``actors.csv``, ``topics.csv``, ``frames.csv``,
``events.csv``, ``page_furniture.csv`` or ``diplomatic_lexicon.csv`` (same columns as the
files in ``data/``, documented in ``data/README.md``). Every analysis and every notebook
finds its codebook through :func:`codebook_path`, so one corpus never mixes its own
codebook with the bundled one, and the reports can say which file was read
(:func:`codebook_label`).

>>> codebook_path("topics.csv").name
'topics.csv'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from readout.paths import DATA_DIR, PROJECT_ROOT, SEEDS_DIR

#: the codebooks a corpus folder may override, by file name
CODEBOOKS = (
    "actors.csv",
    "topics.csv",
    "frames.csv",
    "events.csv",
    "page_furniture.csv",
    "diplomatic_lexicon.csv",
)


def codebook_path(name: str, corpus: Any = None) -> Path:
    """``name`` from ``corpus``'s folder if it has its own copy, else from the project's ``data/``.

    ``corpus`` is a :class:`readout.corpus.model.Corpus`, a folder path, or None (``data/``).
    """
    folder = getattr(corpus, "folder", corpus)
    if folder is not None and (Path(folder) / name).is_file():
        return Path(folder) / name
    return DATA_DIR / name


def codebook_label(name: str, corpus: Any = None) -> str:
    """Where :func:`codebook_path` found ``name``, in words for a report: ``the corpus's own
    topics.csv`` or ``data/topics.csv``."""
    path = codebook_path(name, corpus)
    if path.parent == DATA_DIR:
        return f"data/{name}" if DATA_DIR.parent == PROJECT_ROOT else str(path)
    return f"the corpus's own {name}"


#: files about one corpus, not codebooks: the bundled ones in data/ describe the seeds only
CORPUS_FILES = ("events.csv",)


def corpus_file_path(name: str, corpus: Any = None) -> Path | None:
    """A file that describes one corpus (``events.csv``): the corpus folder's own, else the bundled
    one in ``data/`` only when the corpus is the bundled ``seeds/``; None otherwise, so another
    corpus is never described by the seeds' events."""
    folder = getattr(corpus, "folder", corpus)
    if folder is not None and (Path(folder) / name).is_file():
        return Path(folder) / name
    if folder is None or Path(folder).resolve() == SEEDS_DIR.resolve():
        return DATA_DIR / name if (DATA_DIR / name).is_file() else None
    return None
