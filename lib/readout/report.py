"""Build the HTML reports: execute every notebook, write a full and a briefing page for each.

``reports/full/<name>.html`` shows code (for teaching); ``reports/briefing/<name>.html``
hides all code input (for a briefing room); ``reports/index.html`` lists each notebook's
title and question and links both, plus any corpus warnings; ``reports/notebooks/<name>.ipynb``
keeps each executed notebook, outputs and all. The corpus path reaches each
notebook through a cell injected right after its ``parameters``-tagged cell, in the way
papermill does it. Notebooks run in parallel, each in its own kernel. A cell error stops
the build with :class:`ReportError`, naming the notebook and the cell.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from readout.display import sanitize_outputs
from readout.paths import NOTEBOOKS_DIR, REPORTS_DIR

INJECTED_TAG = "injected-parameters"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class ReportError(RuntimeError):
    """A notebook failed while the reports were built."""


@dataclass
class NotebookInfo:
    path: Path
    title: str
    question: str

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class ReportResult:
    out: Path
    notebooks: list[NotebookInfo]
    pages: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def list_notebooks(folder: Path | None = None) -> list[Path]:
    """The analysis notebooks, in their numbered order (``NN-*.ipynb`` directly in ``folder``)."""
    folder = Path(folder or NOTEBOOKS_DIR)
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))


def _markdown_to_text(md: str) -> str:
    text = re.sub(r"\*\*|__|`", "", md)
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text).strip()


def describe(nb, path: Path) -> NotebookInfo:
    """Title (first ``# `` heading) and question (the ``**Question:**`` line) of a notebook."""
    title, question = path.stem, ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if not title or title == path.stem:
                m = re.match(r"#\s+(.+)", line)
                if m:
                    title = _markdown_to_text(m.group(1))
                    continue
            m = re.match(r"\s*\*\*Question:?\*\*:?\s*(.+)", line)
            if m and not question:
                question = _markdown_to_text(m.group(1))
        break
    return NotebookInfo(path=path, title=title, question=question)


def inject_parameters(nb, params: dict) -> None:
    """Insert a cell assigning ``params`` right after the ``parameters``-tagged cell."""
    import nbformat

    source = "# Parameters injected by the report build\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG, "remove-input"]})
    cell.id = INJECTED_TAG  # a fixed id keeps two builds byte-identical
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and "parameters" in c.metadata.get("tags", []):
            nb.cells.insert(i + 1, cell)
            return
    raise ReportError(f"{nb.metadata.get('_path', 'notebook')}: has no cell tagged 'parameters'; tag its inputs cell.")


def execute_notebook(path: Path, params: dict, timeout: int = 900):
    """Execute one notebook (in its own folder) with ``params`` injected; return the executed notebook."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    nb.metadata["_path"] = str(path)
    inject_parameters(nb, params)
    del nb.metadata["_path"]
    client = NotebookClient(
        nb, timeout=timeout, kernel_name="python3", record_timing=False,  # no timestamps: builds stay identical
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as exc:
        original = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
        number, source = next(
            ((i, c.source) for i, c in enumerate(original, start=1)
             if c.cell_type == "code" and any(o.get("output_type") == "error" for o in c.get("outputs", []))),
            (None, ""),
        )
        where = f"cell {number} (`{source.strip().splitlines()[0][:60]}`)" if number else "a cell"
        lines = _ANSI.sub("", str(exc)).strip().splitlines()
        raise ReportError(f"{path.name}: {where} failed: {lines[-1] if lines else type(exc).__name__}") from None
    sanitize_outputs(nb)  # corpus text in Markdown outputs shows as text on every page, never as live HTML
    return nb


#: JupyterLab's page without the scripts it would fetch from a CDN (require.js, MathJax, mermaid,
#: widgets), so every page opens complete offline, in a briefing room with no network.
OFFLINE_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""


def offline_html_exporter():
    """An nbconvert HTMLExporter (lab look, images embedded) whose pages load nothing from the network."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[DictLoader({"readout_offline.html.j2": OFFLINE_TEMPLATE})],
                            template_file="readout_offline.html.j2")
    exporter.embed_images = True
    return exporter


def _export_html(nb, briefing: bool) -> str:
    exporter = offline_html_exporter()
    if briefing:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def _run_one(args):
    path, params, out = args
    os.environ.setdefault("PYTHONHASHSEED", "0")
    nb = execute_notebook(Path(path), params)
    info = describe(nb, Path(path))
    import nbformat

    executed = Path(out) / "notebooks" / f"{info.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, executed)
    pages = [executed]
    for kind, briefing in (("full", False), ("briefing", True)):
        target = Path(out) / kind / f"{info.name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_export_html(nb, briefing), encoding="utf-8")
        pages.append(target)
    from readout.teaching import write_slides

    pages.append(write_slides(nb, Path(out) / "slides" / f"{info.name}.html"))
    return info, pages


def render_index(notebooks: list[NotebookInfo], warnings: list[str], corpus_label: str,
                 slides: bool = False, teaching: str = "") -> str:
    """The index page: every notebook's title and question with links, and the corpus warnings.

    ``slides`` adds a link to each notebook's slides; ``teaching`` is an HTML section (the
    brief and the exercise workbooks, from :func:`readout.teaching.render_index_section`).
    """
    esc = html.escape
    items = "\n".join(
        f'<li><h2>{esc(nb.title)}</h2><p class="question">{esc(nb.question)}</p>'
        f'<p><a href="full/{esc(nb.name)}.html">Full report (with code)</a> · '
        f'<a href="briefing/{esc(nb.name)}.html">Briefing (findings only)</a>'
        + (f' · <a href="slides/{esc(nb.name)}.html">Slides</a>' if slides else "")
        + "</p></li>"
        for nb in notebooks
    )
    warn = (
        "<section class='warnings'><h2>Corpus warnings</h2><ul>"
        + "".join(f"<li>{esc(w)}</li>" for w in warnings)
        + "</ul></section>"
        if warnings
        else "<p>The corpus loaded with no warnings.</p>"
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Readout reports</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }}
li {{ list-style: none; margin-bottom: 1.5rem; }} ul {{ padding: 0; }}
h2 {{ margin-bottom: .2rem; font-size: 1.2rem; }} .question {{ margin: .2rem 0; color: #444; }}
.warnings li {{ list-style: disc; margin: .3rem 0 .3rem 1.5rem; font-size: .95rem; }}
</style></head>
<body><h1>Readout reports</h1>
<p>Corpus: <code>{esc(corpus_label)}</code></p>
{teaching}
<ul>
{items}
</ul>
{warn}
</body></html>
"""


def build_reports(corpus: str | Path | None = None, out: str | Path | None = None, jobs: int | None = None,
                  notebooks_dir: str | Path | None = None) -> ReportResult:
    """Execute every analysis notebook on ``corpus`` and write the HTML reports into ``out``.

    Raises :class:`readout.corpus.CorpusError` if the corpus cannot be loaded and
    :class:`ReportError` naming the notebook and cell if a notebook fails.
    """
    from concurrent.futures import ProcessPoolExecutor

    from readout.corpus import load_corpus

    out = Path(out or REPORTS_DIR)
    corpus_path = str(Path(corpus).resolve()) if corpus else None
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    paths = list_notebooks(notebooks_dir)
    if not paths:
        raise ReportError(f"{notebooks_dir or NOTEBOOKS_DIR}: no notebooks named NN-*.ipynb to run.")
    out.mkdir(parents=True, exist_ok=True)
    params = {"CORPUS": corpus_path}
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    tasks = [(str(p), params, str(out)) for p in paths]
    if jobs == 1:
        results = [_run_one(t) for t in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_run_one, tasks))
    infos = [info for info, _ in results]
    pages = [page for _, ps in results for page in ps]
    label = corpus_path or "bundled seeds/"
    from readout.teaching import build_teaching, render_index_section

    kit = build_teaching(out, corpus_path, loaded, infos, jobs=jobs)
    pages += kit.pages
    index = out / "index.html"
    index.write_text(render_index(infos, loaded.warnings, label, slides=True, teaching=render_index_section(kit)),
                     encoding="utf-8")
    return ReportResult(out=out, notebooks=infos, pages=[index, *pages], warnings=loaded.warnings)
