"""Build the HTML reports: execute every notebook, write a full and a briefing page for each.

``reports/full/<name>.html`` shows code (for teaching); ``reports/briefing/<name>.html``
hides all code input (for a briefing room); ``reports/index.html`` lists each notebook's
title and question and links both, plus any corpus warnings; ``reports/notebooks/<name>.ipynb``
keeps each executed notebook, outputs and all. The corpus path reaches each
notebook through a cell injected right after its ``parameters``-tagged cell, in the way
papermill does it. A cell error stops the build with :class:`ReportError`, naming the
notebook and the cell.

The analysis notebooks and the exercise workbooks (:mod:`readout.reports.workbooks`) run in one pool
of worker processes (:func:`run_notebooks`), one kernel per core, each notebook in a fresh
kernel of its own, the longest first, so the cores stay busy to the end; a worker starts
its next kernel while the current notebook runs. Workers only execute: this process writes
every page as the executed notebooks come back, while the other kernels run, with nbconvert
exporters built once (:func:`render_page`), and works out the brief's numbers while the
first kernels start.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from readout.corpus.loading import load_corpus
from readout.paths import NOTEBOOKS_DIR, REPORTS_DIR, SEEDS_DIR
from readout.reports.brief import corpus_words, prepare_brief
from readout.reports.kernels import run_notebooks
from readout.reports.notebook_io import NotebookInfo, ReportError, list_notebooks
from readout.reports.pages import CLEANED_HTML, render_index, write_notebook_pages
from readout.reports.teaching_kit import finish_teaching, render_index_section
from readout.reports.workbooks import list_workbooks, write_workbook_pages


@dataclass
class ReportResult:
    out: Path
    notebooks: list[NotebookInfo]
    pages: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_out(corpus: str | Path | None) -> Path:
    """Where the reports of ``corpus`` go without ``--out``: ``reports/`` for the bundled seeds,
    ``reports/<corpus folder name>/`` for any other corpus, so one never overwrites another's."""
    if corpus is None or Path(corpus).resolve() == SEEDS_DIR.resolve():
        return REPORTS_DIR
    return REPORTS_DIR / Path(corpus).resolve().name


def build_reports(
    corpus: str | Path | None = None,
    out: str | Path | None = None,
    jobs: int | None = None,
    notebooks_dir: str | Path | None = None,
) -> ReportResult:
    """Execute every analysis notebook and exercise workbook on ``corpus`` and write the reports into ``out``.

    ``out`` gets each notebook's full and briefing pages, slides and executed ``.ipynb``,
    the student and instructor workbooks, ``brief.html`` and ``index.html``. ``jobs``
    notebooks run at once (default: one per core). Raises
    :class:`readout.corpus.model.CorpusError` if the corpus cannot be loaded and
    :class:`ReportError` naming the notebook and cell if a notebook fails.
    """
    out = Path(out) if out else default_out(corpus)
    corpus_path = str(Path(corpus).resolve()) if corpus else None
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    paths = list_notebooks(Path(notebooks_dir) if notebooks_dir else None)
    if not paths:
        raise ReportError(f"{notebooks_dir or NOTEBOOKS_DIR}: no notebooks named NN-*.ipynb to run.")
    workbooks = list_workbooks()
    out.mkdir(parents=True, exist_ok=True)
    every = [*paths, *workbooks]
    jobs = jobs or os.cpu_count() or 1  # run_notebooks caps it at the number of notebooks
    CLEANED_HTML.clear()
    written: list = [None] * len(every)
    brief: list = []

    def on_result(i: int, nb) -> None:
        if i < len(paths):
            written[i] = write_notebook_pages(nb, every[i], out, [Path(p).stem for p in paths])
        else:
            written[i] = write_workbook_pages(nb, every[i], out)

    run_notebooks(
        every, {"CORPUS": corpus_path}, jobs, on_result, while_waiting=lambda: brief.append(prepare_brief(loaded))
    )
    infos = [info for info, _ in written[: len(paths)]]
    pages = [page for _, notebook_pages in written[: len(paths)] for page in notebook_pages]
    label = corpus_words(corpus_path)
    kit = finish_teaching(out, corpus_path, infos, written[len(paths) :], brief[0])
    pages += kit.pages
    index = out / "index.html"
    index.write_text(
        render_index(infos, loaded.warnings, label, slides=True, teaching=render_index_section(kit)), encoding="utf-8"
    )
    return ReportResult(out=out, notebooks=infos, pages=[index, *pages], warnings=loaded.warnings)
