"""Build the HTML reports: execute every notebook, write a full and a briefing page for each.

``reports/full/<name>.html`` shows code (for teaching); ``reports/briefing/<name>.html``
hides all code input (for a briefing room); ``reports/index.html`` lists each notebook's
title and question and links both, plus any corpus warnings; ``reports/notebooks/<name>.ipynb``
keeps each executed notebook, outputs and all. The corpus path reaches each
notebook through a cell injected right after its ``parameters``-tagged cell, in the way
papermill does it. A cell error stops the build with :class:`ReportError`, naming the
notebook and the cell.

The analysis notebooks and the exercise workbooks (:mod:`readout.teaching`) run in one pool
of worker processes (:func:`run_notebooks`), one kernel per core, each notebook in a fresh
kernel of its own, the longest first, so the cores stay busy to the end; a worker starts
its next kernel while the current notebook runs. Workers only execute: this process writes
every page as the executed notebooks come back, while the other kernels run, with nbconvert
exporters built once (:func:`render_page`), and works out the brief's numbers while the
first kernels start.
"""

from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

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


def _nbformat():
    """The ``nbformat`` module, imported so that it costs a fraction of a second.

    nbformat imports ``jsonschema``, which builds a grammar for the ``iri`` string format
    when the optional ``rfc3987_syntax`` package is installed: over a second of CPU in every
    process that imports it, for a format no notebook schema uses (notebooks are validated
    with fastjsonschema). The import goes ahead without that optional package, which
    stays importable afterwards.
    """
    if "nbformat" in sys.modules:
        return sys.modules["nbformat"]
    hide = "rfc3987_syntax" not in sys.modules
    if hide:
        sys.modules["rfc3987_syntax"] = None  # an import of it raises ImportError, which jsonschema expects
    try:
        import nbformat
    finally:
        if hide and sys.modules.get("rfc3987_syntax", 0) is None:
            del sys.modules["rfc3987_syntax"]
    return nbformat


def inject_parameters(nb, params: dict) -> None:
    """Insert a cell assigning ``params`` right after the ``parameters``-tagged cell."""
    nbformat = _nbformat()

    source = "# Parameters injected by the report build\n" + "".join(f"{k} = {v!r}\n" for k, v in params.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG, "remove-input"]})
    cell.id = INJECTED_TAG  # a fixed id keeps two builds byte-identical
    nb.cells = [c for c in nb.cells if INJECTED_TAG not in c.metadata.get("tags", [])]
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and "parameters" in c.metadata.get("tags", []):
            nb.cells.insert(i + 1, cell)
            return
    raise ReportError(f"{nb.metadata.get('_path', 'notebook')}: has no cell tagged 'parameters'; tag its inputs cell.")


def kernel_env() -> dict[str, str]:
    """The environment a notebook's kernel starts with: this one, with ``PYTHONHASHSEED``
    set to 0 unless it is set already (set iteration order, hence tables and figures, stays
    the same from build to build)."""
    env = dict(os.environ)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


#: The arguments nbclient gives the kernels it starts (IPython history kept in memory only).
_KERNEL_ARGUMENTS = ["--HistoryManager.hist_file=:memory:"]

#: how often a notebook's kernel is started when it dies before answering (see :func:`_execute`)
_KERNEL_STARTS = 3
#: jupyter_client's message for a kernel that exited before replying to its first request
_KERNEL_DIED_AT_START = "Kernel died before replying to kernel_info"
#: Kernels a worker process started ahead of its next notebook, by the folder they run in;
#: one nobody took is stopped when the worker exits.
_SPARE_KERNELS: dict[str, object] = {}
_SPARE_STOPPER: list = []


async def _start_spare_kernel(folder: str) -> None:
    """Start a kernel in ``folder`` for this process's next notebook there, without waiting
    for it: it starts while the current notebook runs. Nothing has run in it when it is used."""
    if folder in _SPARE_KERNELS:
        return
    from jupyter_client.manager import AsyncKernelManager

    if not _SPARE_STOPPER:
        from multiprocessing.util import Finalize

        _SPARE_STOPPER.append(Finalize(None, _stop_spare_kernels, exitpriority=10))  # at the worker's exit
    km = AsyncKernelManager(kernel_name="python3")
    try:
        await km.start_kernel(extra_arguments=list(_KERNEL_ARGUMENTS), cwd=folder, env=kernel_env())
    except Exception:  # no spare then: the next notebook starts its kernel itself, and reports any error
        return
    _SPARE_KERNELS[folder] = km


def _take_spare_kernel(folder: str):
    """The kernel started ahead for a notebook in ``folder``, if one is there and alive; else None."""
    from jupyter_core.utils import run_sync

    km = _SPARE_KERNELS.pop(folder, None)
    if km is not None and not run_sync(km.is_alive)():
        _stop_kernel(km)
        km = None
    return km


def _stop_kernel(km) -> None:
    from jupyter_core.utils import run_sync

    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:  # already gone
        pass


def _stop_spare_kernels() -> None:
    while _SPARE_KERNELS:
        _stop_kernel(_SPARE_KERNELS.popitem()[1])


def _execute(path: str | Path, params: dict, timeout: int = 900, next_folder: str | None = None):
    """Execute one notebook in a fresh kernel started in its folder; the outputs are not sanitized yet.

    ``next_folder`` is where this process's next notebook probably lies: a kernel is started
    there once this notebook's kernel is up, so the next notebook finds it ready. Raises
    :class:`ReportError` naming the notebook and the cell when a cell fails.
    """
    nbformat = _nbformat()
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    nb.metadata["_path"] = str(path)
    inject_parameters(nb, params)
    del nb.metadata["_path"]
    folder = str(path.parent)
    hooks = {}
    if next_folder is not None:
        async def start_next(notebook) -> None:
            await _start_spare_kernel(next_folder)

        hooks["on_notebook_start"] = start_next
    try:
        for attempt in range(_KERNEL_STARTS):
            client = NotebookClient(
                nb, km=_take_spare_kernel(folder) if attempt == 0 else None, timeout=timeout,
                kernel_name="python3", record_timing=False,  # no timestamps: builds stay identical
                resources={"metadata": {"path": folder}}, extra_arguments=list(_KERNEL_ARGUMENTS),
                # every output is in once the last cell has run: stop the kernel there, rather than
                # wait for it to tear its modules down
                shutdown_kernel="immediate", **hooks,
            )
            try:
                client.execute(env=kernel_env(), cleanup_kc=True)  # the kernel stops here, whoever started it
                break
            except RuntimeError as exc:
                # Kernels started at once pick free ports before they bind them, so two can pick
                # the same one; the one that loses dies before it answers, and no cell has run:
                # start another kernel.
                if _KERNEL_DIED_AT_START not in str(exc):
                    raise
                if attempt == _KERNEL_STARTS - 1:
                    raise ReportError(f"{path.name}: its kernel died before answering, {_KERNEL_STARTS} times "
                                      f"over; check that `python -m ipykernel` runs in this environment") from exc
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
    return nb


def execute_notebook(path: Path, params: dict, timeout: int = 900):
    """Execute one notebook (in its own folder, in a fresh kernel) with ``params`` injected;
    return the executed notebook, its Markdown outputs sanitized (:func:`readout.display.sanitize_outputs`).

    Raises :class:`ReportError` naming the notebook and the cell when a cell fails, and
    when the notebook has no ``parameters`` cell.
    """
    nb = _execute(path, params, timeout)
    sanitize_outputs(nb)  # corpus text in Markdown outputs shows as text on every page, never as live HTML
    return nb


def _estimate(path: Path) -> float:
    """A rough guess of a notebook's run time, to start the longest first: its code cells."""
    try:
        nb = _nbformat().read(path, as_version=4)
    except Exception:  # an unreadable notebook fails when it runs, with the real message
        return 0.0
    return float(sum(1 for c in nb.cells if c.cell_type == "code"))


def run_notebooks(paths: list[Path], params: dict, jobs: int = 1,
                  on_result: Callable[[int, object], None] | None = None,
                  while_waiting: Callable[[], None] | None = None) -> list:
    """Execute every notebook of ``paths`` with ``params``, each in a fresh kernel.

    With ``jobs`` above 1 they run in that many worker processes at once, folder by folder,
    the notebook with the most code cells first; ``on_result(i, nb)`` is called here, in this process,
    for each executed notebook (sanitized, as :func:`execute_notebook` returns it) as soon as
    it is back, while the others still run, and ``while_waiting()`` runs here once the
    kernels are starting (after the last notebook when ``jobs`` is 1). With one job they
    run here, in order. Returns the executed notebooks in the order of ``paths``.

    The first cell error stops the notebooks not started yet and raises its
    :class:`ReportError` (the first in ``paths`` order if several notebooks fail).
    """
    paths = [Path(p) for p in paths]
    results: list = [None] * len(paths)

    def done(i, nb):
        results[i] = nb
        if on_result is not None:
            on_result(i, nb)

    jobs = max(1, min(jobs, len(paths)))
    if jobs == 1:
        for i, path in enumerate(paths):
            done(i, execute_notebook(path, params))
        if while_waiting is not None:
            while_waiting()
        return results

    from concurrent.futures import ProcessPoolExecutor, as_completed

    _nbformat()
    import nbclient  # noqa: F401  imported before the workers start, so each has it already

    # the longest first within each folder, folder by folder: a worker most likely takes the
    # notebook ``jobs`` places further down the queue next, and starts a kernel in its folder ahead
    folders = list(dict.fromkeys(p.parent for p in paths))
    order = sorted(range(len(paths)), key=lambda i: (folders.index(paths[i].parent), -_estimate(paths[i]), i))
    ahead = [str(paths[order[k + jobs]].parent) if k + jobs < len(order) else None for k in range(len(order))]
    failed: dict[int, ReportError] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_execute, str(paths[i]), params, 900, ahead[k]): i for k, i in enumerate(order)}
        try:
            if while_waiting is not None:
                while_waiting()
            for future in as_completed(futures):
                if future.cancelled():  # not started: a notebook before it failed
                    continue
                i = futures[future]
                try:
                    nb = future.result()
                except ReportError as exc:
                    failed[i] = exc
                    for other in futures:
                        other.cancel()
                    continue
                if not failed:
                    sanitize_outputs(nb)
                    done(i, nb)
        except BaseException:
            for other in futures:
                other.cancel()
            raise
    if failed:
        raise failed[min(failed)]
    return results


#: JupyterLab's page without the scripts it would fetch from a CDN (require.js, MathJax, mermaid,
#: widgets), so every page opens complete offline, in a briefing room with no network.
OFFLINE_TEMPLATE = r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""


def offline_html_exporter(**traits):
    """An nbconvert HTMLExporter (lab look, images embedded) whose pages load nothing from the network.

    ``traits`` go to the exporter (``filters={...}`` for instance).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(extra_loaders=[DictLoader({"readout_offline.html.j2": OFFLINE_TEMPLATE})],
                            template_file="readout_offline.html.j2", **traits)
    exporter.embed_images = True
    return exporter


#: Exporters of this process by page kind, built on first use: their templates compile once.
_EXPORTERS: dict[str, object] = {}
#: nbconvert's HTML sanitiser results by input, shared by the exporters: a notebook's full
#: page, briefing page and slides sanitise the same Markdown and outputs.
_CLEANED: dict[str, str] = {}
_CLEANED_MAX = 20_000


def _clean_html(element) -> str:
    """nbconvert's ``clean_html`` filter, remembered by input (the same input gives the same HTML)."""
    from nbconvert.filters.strings import clean_html

    key = element.decode() if isinstance(element, bytes) else str(element)
    cleaned = _CLEANED.get(key)
    if cleaned is None:
        if len(_CLEANED) >= _CLEANED_MAX:
            _CLEANED.clear()
        cleaned = _CLEANED[key] = clean_html(key)
    return cleaned


def _exporter(kind: str, reveal_prefix: str | None = None):
    exporter = _EXPORTERS.get((kind, reveal_prefix))
    if exporter is None:
        # the notebook is validated once after nbconvert's preprocessors rather than after each
        traits = {"filters": {"clean_html": _clean_html}, "optimistic_validation": True}
        if kind == "slides":
            from readout.teaching import REVEAL_DIR, slides_exporter

            exporter = slides_exporter(reveal_prefix or REVEAL_DIR, **traits)
        elif kind in ("full", "briefing"):
            exporter = offline_html_exporter(**traits)
            if kind == "briefing":
                exporter.exclude_input = True
                exporter.exclude_input_prompt = True
                exporter.exclude_output_prompt = True
        else:
            raise ValueError(f"unknown page kind {kind!r}: use full, briefing or slides")
        _EXPORTERS[kind, reveal_prefix] = exporter
    return exporter


def render_page(nb, kind: str = "full", reveal_prefix: str | None = None) -> str:
    """One page of an executed notebook as HTML: ``full`` (code shown), ``briefing`` (code,
    prompts hidden) or ``slides`` (reveal.js, as :func:`readout.teaching.slides_html` makes them
    from :func:`readout.teaching.slides_notebook`, loaded from ``reveal_prefix``; default
    the folder beside the slides). Raises ValueError for another kind.

    The exporters are built once per process and reused, so their templates compile once.
    """
    body, _ = _exporter(kind, reveal_prefix if kind == "slides" else None).from_notebook_node(nb)
    return body


def write_notebook_pages(nb, path: Path, out: Path) -> tuple[NotebookInfo, list[Path]]:
    """Write an executed analysis notebook's pages into ``out``: the ``.ipynb``, the full and
    briefing pages and the slides. Returns its title and question and the files written."""
    from readout.teaching import write_slides

    info = describe(nb, Path(path))
    executed = Path(out) / "notebooks" / f"{info.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    _nbformat().write(nb, executed)
    pages = [executed]
    for kind in ("full", "briefing"):
        target = Path(out) / kind / f"{info.name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(nb, kind), encoding="utf-8")
        pages.append(target)
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
    """Execute every analysis notebook and exercise workbook on ``corpus`` and write the reports into ``out``.

    ``out`` gets each notebook's full and briefing pages, slides and executed ``.ipynb``,
    the student and instructor workbooks, ``brief.html`` and ``index.html``. ``jobs``
    notebooks run at once (default: one per core). Raises
    :class:`readout.corpus.CorpusError` if the corpus cannot be loaded and
    :class:`ReportError` naming the notebook and cell if a notebook fails.
    """
    from readout import teaching
    from readout.corpus import load_corpus

    out = Path(out or REPORTS_DIR)
    corpus_path = str(Path(corpus).resolve()) if corpus else None
    loaded = load_corpus(corpus_path)  # fail fast, before any kernel starts
    paths = list_notebooks(notebooks_dir)
    if not paths:
        raise ReportError(f"{notebooks_dir or NOTEBOOKS_DIR}: no notebooks named NN-*.ipynb to run.")
    workbooks = teaching.list_workbooks()
    out.mkdir(parents=True, exist_ok=True)
    every = [*paths, *workbooks]
    jobs = jobs or os.cpu_count() or 1  # run_notebooks caps it at the number of notebooks
    _CLEANED.clear()
    written: list = [None] * len(every)
    brief: list = []

    def on_result(i: int, nb) -> None:
        if i < len(paths):
            written[i] = write_notebook_pages(nb, every[i], out)
        else:
            written[i] = teaching.write_workbook_pages(nb, every[i], out)

    run_notebooks(every, {"CORPUS": corpus_path}, jobs, on_result,
                  while_waiting=lambda: brief.append(teaching.prepare_brief(loaded)))
    infos = [info for info, _ in written[:len(paths)]]
    pages = [page for _, notebook_pages in written[:len(paths)] for page in notebook_pages]
    label = corpus_path or "bundled seeds/"
    kit = teaching.finish_teaching(out, corpus_path, infos, written[len(paths):], brief[0])
    pages += kit.pages
    index = out / "index.html"
    index.write_text(render_index(infos, loaded.warnings, label, slides=True,
                                  teaching=teaching.render_index_section(kit)), encoding="utf-8")
    return ReportResult(out=out, notebooks=infos, pages=[index, *pages], warnings=loaded.warnings)
