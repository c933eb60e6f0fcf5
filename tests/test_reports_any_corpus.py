"""Reports built on a corpus that is not the seeds say nothing written for the seeds.

The corpus is the 21 page shapes (tests/fixtures/page_shapes: government readouts with site
banners, state-media reports, wire copy, transcripts, aggregators, magazines, newsletters), none
of them bundled, with no events file of its own.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from readout.reports.build import build_reports

FIXTURES = Path(__file__).parent / "fixtures" / "page_shapes"

#: sentences that only the bundled seeds make true
SEED_SPECIFIC = [
    r"\bfive (?:articles|reports|outlets|documents)\b",
    r"\ball five\b",
    r"No Chinese outlet",
    r"funded by the US government",
    r"Secretary Blinken's visit to Beijing \(18",
    r"bundled seeds",
    r"outlet_kind",
]


@pytest.mark.slow
@pytest.mark.notebooks
def test_reports_of_another_corpus_say_nothing_written_for_the_seeds(tmp_path):
    corpus = tmp_path / "page-shapes"
    corpus.mkdir()
    for path in FIXTURES.iterdir():
        if path.suffix in (".txt", ".csv") and path.name != "labels.csv":
            shutil.copy(path, corpus / path.name)
    assert len(list(corpus.glob("*.txt"))) >= 12
    result = build_reports(corpus, tmp_path / "out")
    out = tmp_path / "out"
    # the pages a reader reads as prose (the full pages and workbooks also show code and its comments)
    pages = sorted(
        [
            out / "brief.html",
            out / "index.html",
            out / "facilitator.html",
            *out.glob("briefing/*.html"),
            *out.glob("slides/*.html"),
        ]
    )
    assert len(pages) >= 12
    found = []
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        for pattern in SEED_SPECIFIC:
            for match in re.finditer(pattern, text):
                found.append(f"{page.relative_to(tmp_path)}: {text[max(0, match.start() - 60) : match.end() + 60]!r}")
    assert found == [], "\n".join(found[:10])
    brief = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "the event these documents cover" in brief
    assert result.notebooks and all(
        (tmp_path / "out" / "briefing" / f"{i.name}.html").exists() for i in result.notebooks
    )
