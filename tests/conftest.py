"""Shared fixtures: the bundled corpus, and one report build reused by every report test."""

from __future__ import annotations

from pathlib import Path

import pytest

import readout
from readout.paths import PROJECT_ROOT

ROOT = PROJECT_ROOT


@pytest.fixture(scope="session")
def corpus():
    return readout.load_corpus()


@pytest.fixture(scope="session")
def built_reports(tmp_path_factory):
    """Execute every notebook once (as `readout report` does) into a temporary reports folder."""
    from readout.report import build_reports

    out = tmp_path_factory.mktemp("reports")
    return build_reports(out=out)


def write_corpus(folder: Path, files: dict[str, bytes | str], csv: str | None = None) -> Path:
    """Make a small corpus folder: ``files`` maps file name to content; ``csv`` is articles.csv text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    if csv is not None:
        (folder / "articles.csv").write_text(csv, encoding="utf-8")
    return folder
