"""Offline nltk data: the VADER lexicon, provisioned from a PyPI package.

nltk normally fetches its data with ``nltk.download``, which needs the network.
Readout never does. The VADER lexicon ships inside the ``vaderSentiment``
package on PyPI (Hutto & Gilbert, ICWSM 2014; MIT licence); :func:`provision`
copies it into the layout nltk expects::

    nltk_data/sentiment/vader_lexicon.zip   (holding vader_lexicon/vader_lexicon.txt)

and :func:`ensure_nltk_data` puts that folder first on ``nltk.data.path``. nltk 3.10
refuses lexicon paths outside its data folders, which is why the zip and the
folder layout matter. Sentence splitting needs no download: Readout builds its
Punkt parameters itself (see :mod:`readout.corpus.roles`).

``python -m readout.nltk_setup`` (run by ``make``) provisions the folder.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from readout.paths import NLTK_DATA_DIR

VADER_RESOURCE = "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"


class NltkDataError(RuntimeError):
    """Raised when the offline nltk data cannot be provisioned."""


def vader_zip_path(data_dir: Path | None = None) -> Path:
    return Path(data_dir or NLTK_DATA_DIR) / "sentiment" / "vader_lexicon.zip"


def provision(data_dir: Path | None = None) -> Path:
    """Build ``sentiment/vader_lexicon.zip`` under ``data_dir`` from the vaderSentiment package.

    Returns the zip's path. Idempotent: an existing zip with the same lexicon is kept.
    Raises :class:`NltkDataError` if vaderSentiment is not installed.
    """
    try:
        import vaderSentiment
    except ImportError as exc:  # pragma: no cover - dependency of the project
        raise NltkDataError(
            "The vaderSentiment package is not installed; run `make report` or "
            "`pip install vaderSentiment` to provision the VADER lexicon offline."
        ) from exc
    source = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    lexicon = source.read_bytes()
    target = vader_zip_path(data_dir)
    if target.exists():
        try:
            with zipfile.ZipFile(target) as zf:
                if zf.read("vader_lexicon/vader_lexicon.txt") == lexicon:
                    return target
        except (zipfile.BadZipFile, KeyError):
            pass
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        info = zipfile.ZipInfo("vader_lexicon/vader_lexicon.txt", date_time=(2014, 6, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(info, lexicon)
    tmp.replace(target)
    return target


def ensure_nltk_data(data_dir: Path | None = None) -> Path:
    """Make the project's nltk data folder available to nltk, provisioning it if needed.

    Returns the folder. After this, ``nltk.sentiment.vader.SentimentIntensityAnalyzer()``
    loads its lexicon offline.
    """
    import nltk

    folder = Path(data_dir or NLTK_DATA_DIR)
    if not vader_zip_path(folder).exists():
        provision(folder)
    entry = str(folder)
    if entry not in nltk.data.path:
        nltk.data.path.insert(0, entry)
    return folder


def main() -> None:
    path = provision()
    print(f"VADER lexicon provisioned for nltk at {path}")


if __name__ == "__main__":
    main()
