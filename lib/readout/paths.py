"""Where the project's files live.

The library is installed in editable mode from the project folder, so the
bundled corpus (``seeds/``), the codebooks (``data/``) and the provisioned nltk
data (``nltk_data/``) are found relative to this file. ``READOUT_HOME`` points
the library at another project folder; ``READOUT_NLTK_DATA`` at another nltk
data folder.
"""

from __future__ import annotations

import os
from pathlib import Path


def _project_root() -> Path:
    env = os.environ.get("READOUT_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parents[2]


PROJECT_ROOT: Path = _project_root()
SEEDS_DIR: Path = PROJECT_ROOT / "seeds"
DATA_DIR: Path = PROJECT_ROOT / "data"
NOTEBOOKS_DIR: Path = PROJECT_ROOT / "notebooks"
REPORTS_DIR: Path = PROJECT_ROOT / "reports"
NLTK_DATA_DIR: Path = Path(os.environ.get("READOUT_NLTK_DATA") or PROJECT_ROOT / "nltk_data")
