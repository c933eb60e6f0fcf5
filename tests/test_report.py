"""The report build: every notebook executes, every page is written, two builds agree."""

from __future__ import annotations

import re

import nbformat
import pytest

from readout.report import ReportError, build_reports, inject_parameters, list_notebooks, render_index


def test_every_notebook_has_a_full_and_briefing_page(built_reports):
    names = [p.stem for p in list_notebooks()]
    assert names and names[0] == "00-explore-corpus"
    assert [nb.name for nb in built_reports.notebooks] == names
    index = (built_reports.out / "index.html").read_text(encoding="utf-8")
    for info in built_reports.notebooks:
        assert info.title and info.question, info.name
        for kind in ("full", "briefing"):
            page = built_reports.out / kind / f"{info.name}.html"
            html = page.read_text(encoding="utf-8")
            assert f'href="{kind}/{info.name}.html"' in index
            assert "<img" in html and "data:image/png;base64" in html, f"{page}: no figure"
            assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html or "Traceback" not in html
            assert "output_error" not in html and "jp-OutputArea-output jp-error" not in html
        briefing = (built_reports.out / "briefing" / f"{info.name}.html").read_text(encoding="utf-8")
        assert not re.search(r"class=\"[^\"]*jp-InputArea-editor", briefing), f"{info.name}: code shown in the briefing page"
        full = (built_reports.out / "full" / f"{info.name}.html").read_text(encoding="utf-8")
        assert re.search(r"class=\"[^\"]*jp-InputArea-editor", full)


def test_corpus_reaches_the_notebooks(built_reports):
    html = (built_reports.out / "full" / "00-explore-corpus.html").read_text(encoding="utf-8")
    assert "Parameters injected by the report build" in html
    assert re.search(r"The corpus holds <strong>5 articles</strong>", html)


def test_two_builds_are_identical(built_reports, tmp_path):
    again = build_reports(out=tmp_path / "again").out
    for page in built_reports.pages:
        twin = again / page.relative_to(built_reports.out)
        assert twin.read_bytes() == page.read_bytes(), page.name


def test_cell_error_names_notebook_and_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("CORPUS = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Broken\n\n**Question:** does it fail?"), params,
                nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("1 / 0")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "99-broken.ipynb")
    with pytest.raises(ReportError, match=r"99-broken\.ipynb: cell 4 \(`1 / 0`\) failed: ZeroDivisionError: division by zero"):
        build_reports(out=tmp_path / "out", notebooks_dir=folder, jobs=1)


def test_injection_needs_a_parameters_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ReportError, match="no cell tagged 'parameters'"):
        inject_parameters(nb, {"CORPUS": None})


def test_index_escapes_and_lists_warnings():
    from readout.report import NotebookInfo
    from pathlib import Path

    page = render_index([NotebookInfo(Path("00-x.ipynb"), "T <b>", "Q?")], ["x.txt: <script>alert(1)</script>"], "seeds")
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Corpus warnings" in page
