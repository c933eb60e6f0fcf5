"""The report build: every notebook executes, every page is written, two builds agree."""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from readout.reports.build import build_reports
from readout.reports.notebook_io import ReportError, inject_parameters, list_notebooks
from readout.reports.pages import render_index


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
        assert not re.search(r"class=\"[^\"]*jp-InputArea-editor", briefing), (
            f"{info.name}: code shown in the briefing page"
        )
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
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Broken\n\n**Question:** does it fail?"),
        params,
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "99-broken.ipynb")
    with pytest.raises(
        ReportError, match=r"99-broken\.ipynb: cell 4 \(`1 / 0`\) failed: ZeroDivisionError: division by zero"
    ):
        build_reports(out=tmp_path / "out", notebooks_dir=folder, jobs=1)


def test_injection_needs_a_parameters_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1")]
    with pytest.raises(ReportError, match="no cell tagged 'parameters'"):
        inject_parameters(nb, {"CORPUS": None})


def test_index_escapes_and_lists_warnings():
    from pathlib import Path

    from readout.reports.notebook_io import NotebookInfo

    page = render_index(
        [NotebookInfo(Path("00-x.ipynb"), "T <b>", "Q?")], ["x.txt: <script>alert(1)</script>"], "seeds"
    )
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "Corpus warnings" in page


def _tiny_notebook(folder, name, *sources):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("CORPUS = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"# {name}\n\n**Question:** does it run?"),
        params,
        *(nbformat.v4.new_code_cell(s) for s in sources),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder / f"{name}.ipynb"


def test_parallel_runs_return_every_notebook_in_order(tmp_path):
    from readout.reports.kernels import run_notebooks

    paths = [
        _tiny_notebook(tmp_path / "a", "01-one", "print('one', CORPUS)"),
        _tiny_notebook(tmp_path / "a", "02-two", "import os; print(os.getcwd())", "2 + 2"),
        _tiny_notebook(tmp_path / "b", "03-three", "import os; print(os.environ['PYTHONHASHSEED'])"),
    ]
    seen = []
    nbs = run_notebooks(paths, {"CORPUS": "x"}, jobs=2, on_result=lambda i, nb: seen.append(i))
    assert sorted(seen) == [0, 1, 2]
    outputs = [
        [o.get("text", o.get("data", {}).get("text/plain")) for c in nb.cells for o in c.get("outputs", [])]
        for nb in nbs
    ]
    assert outputs[0] == ["one x\n"]
    assert outputs[1] == [f"{tmp_path / 'a'}\n", "4"]  # each kernel runs in its notebook's folder
    assert outputs[2] == [os.environ.get("PYTHONHASHSEED", "0") + "\n"]  # kernels start with a fixed hash seed


def test_a_kernel_that_dies_at_start_is_started_again(tmp_path, monkeypatch):
    # two kernels started at once can pick the same free port; the loser dies before it
    # answers. The notebook then runs in a new kernel instead of failing the build.
    from nbclient import NotebookClient

    from readout.reports.kernels import execute_notebook

    real, calls = NotebookClient.execute, []

    def flaky(self, **kwargs):
        calls.append(self.km)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "execute", flaky)
    nb = execute_notebook(_tiny_notebook(tmp_path, "01-once", "print('ran')"), {"CORPUS": None})
    assert len(calls) == 2
    assert [o["text"] for c in nb.cells for o in c.get("outputs", [])] == ["ran\n"]

    def always_dies(self, **kwargs):
        calls.append(self.km)
        raise RuntimeError("Kernel died before replying to kernel_info")

    calls.clear()
    monkeypatch.setattr(NotebookClient, "execute", always_dies)
    with pytest.raises(ReportError, match="02-never.ipynb: its kernel died before answering, 3 times"):
        execute_notebook(_tiny_notebook(tmp_path, "02-never", "1"), {"CORPUS": None})
    assert len(calls) == 3  # given up after three starts


def test_parallel_runs_stop_at_the_failing_notebook(tmp_path):
    from readout.reports.kernels import run_notebooks

    # the broken one has the most code cells, so it starts first; the last ones never start
    paths = [
        _tiny_notebook(tmp_path, "01-fine", "x = 1"),
        _tiny_notebook(tmp_path, "02-broken", "x = 1", "1 / 0"),
        *(_tiny_notebook(tmp_path, f"0{k}-fine", "y = 2") for k in range(3, 7)),
    ]
    seen = []
    with pytest.raises(ReportError, match=r"02-broken\.ipynb: cell 4 \(`1 / 0`\) failed: ZeroDivisionError"):
        run_notebooks(paths, {"CORPUS": None}, jobs=2, on_result=lambda i, nb: seen.append(i))
    assert 1 not in seen and len(seen) < len(paths) - 1


def test_pages_match_a_fresh_exporter():
    """Exporters built once per process render what a new exporter renders, page after page."""
    from readout.reports.pages import offline_html_exporter, render_page
    from readout.reports.slides import slides_exporter, slides_notebook

    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("display(df)\nprint('<b>done</b> & $5')")
    code.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": "<table><tr><td>1 &amp; 2</td></tr></table>", "text/plain": "t"}
        ),
        nbformat.v4.new_output("stream", name="stdout", text="<b>done</b> & $5\n"),
    ]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title\n\n**Question:** q?"),
        code,
        nbformat.v4.new_markdown_cell("## A section\n\nText with `code` and <span>html</span>."),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"
    fresh_full = offline_html_exporter().from_notebook_node(nb)[0]
    briefing = offline_html_exporter()
    briefing.exclude_input = briefing.exclude_input_prompt = briefing.exclude_output_prompt = True
    fresh_briefing = briefing.from_notebook_node(nb)[0]
    fresh_slides = slides_exporter().from_notebook_node(slides_notebook(nb))[0]
    for _ in range(2):
        assert render_page(nb, "full") == fresh_full
        assert render_page(nb, "briefing") == fresh_briefing
        assert render_page(slides_notebook(nb), "slides") == fresh_slides
    with pytest.raises(ValueError):
        render_page(nb, "poster")


def test_label_spreading_matches_moving_labels_one_by_one(monkeypatch):
    """Network figures: labels spread on arrays land where label-by-label moves put them, to the bit."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    from readout import plots

    graph = nx.Graph()
    names = [
        "Antony Blinken",
        "Wang Yi",
        "Xi Jinping",
        "Joe Biden",
        "Jake Sullivan",
        "Qin Gang",
        "Li Qiang",
        "Gina Raimondo",
        "Janet Yellen",
        "Nicholas Burns",
        "Xie Feng",
        "State Department",
    ]
    sides = ["US", "China", "China", "US", "US", "China", "China", "US", "US", "US", "China", "US"]
    for i, (name, side) in enumerate(zip(names, sides)):
        graph.add_node(name, side=side, mentions=1 + (i * 7) % 11)
    for i in range(len(names)):
        for j in (i + 1, i + 3):
            if j < len(names):
                graph.add_edge(names[i], names[j], weight=1 + (i + j) % 4)
    pos = {name: (0.45 + 0.04 * (i % 4), 0.45 + 0.05 * (i // 4)) for i, name in enumerate(names)}  # crowded

    def draw():
        fig, ax = plt.subplots(figsize=(6, 5))
        plots.draw_network(graph, ax=ax, pos=pos, title="crowded")
        png = io.BytesIO()
        fig.savefig(png, format="png")
        plt.close(fig)
        return [tuple(map(float, t.get_position())) for t in ax.texts], png.getvalue()

    fast = draw()
    monkeypatch.setattr(plots, "_text_layouts", lambda *args: None)  # the label-by-label loop
    slow = draw()
    assert fast[0] == slow[0] and fast[1] == slow[1]
    moved = [xy for xy, name in zip(fast[0], graph) if xy != (pos[name][0], pos[name][1] + 0.035)]
    assert len(moved) >= len(names) // 2  # the crowded labels did move apart


def test_notebook_tools_import_without_the_iri_grammar():
    """nbformat comes in without jsonschema's optional IRI grammar, which stays importable."""
    import subprocess
    import sys

    code = (
        "import sys, readout.reports.notebook_io as r; r.nbformat_module(); "
        "assert 'rfc3987_syntax' not in sys.modules; import nbformat.validator; "
        "from importlib.util import find_spec; "
        "assert find_spec('rfc3987_syntax') is None or __import__('rfc3987_syntax')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
