"""Render executed notebooks as pages: full (code shown), briefing (code hidden) and slides, all offline."""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

from readout.reports.notebook_io import ALT_TEXT_BLOCK, NotebookInfo, ReportError, describe, nbformat_module
from readout.reports.slides import (
    REVEAL_DIR,
    overflowing_slides,
    slides_exporter,
    slides_notebook,
)
from readout.reports.table_html import readable_tables

#: JupyterLab's page without the scripts it would fetch from a CDN (require.js, MathJax, mermaid,
#: widgets), so every page opens complete offline, in a briefing room with no network.
OFFLINE_TEMPLATE = (
    r"""{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
    + ALT_TEXT_BLOCK
)


def offline_html_exporter(**traits):
    """An nbconvert HTMLExporter (lab look, images embedded) whose pages load nothing from the network.

    ``traits`` go to the exporter (``filters={...}`` for instance).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"readout_offline.html.j2": OFFLINE_TEMPLATE})],
        template_file="readout_offline.html.j2",
        **traits,
    )
    exporter.embed_images = True
    return exporter


#: Exporters of this process by page kind, built on first use: their templates compile once.
_EXPORTERS: dict[tuple[str, str | None], Any] = {}


#: nbconvert's HTML sanitiser results by input, shared by the exporters: a notebook's full
#: page, briefing page and slides sanitise the same Markdown and outputs.
CLEANED_HTML: dict[str, str] = {}


_CLEANED_MAX = 20_000


def _clean_html(element) -> str:
    """nbconvert's ``clean_html`` filter, remembered by input (the same input gives the same HTML)."""
    from nbconvert.filters.strings import clean_html

    key = element.decode() if isinstance(element, bytes) else str(element)
    cleaned = CLEANED_HTML.get(key)
    if cleaned is None:
        if len(CLEANED_HTML) >= _CLEANED_MAX:
            CLEANED_HTML.clear()
        cleaned = CLEANED_HTML[key] = clean_html(key)
    return cleaned


def _exporter(kind: str, reveal_prefix: str | None = None):
    exporter = _EXPORTERS.get((kind, reveal_prefix))
    if exporter is None:
        # the notebook is validated once after nbconvert's preprocessors rather than after each
        traits = {"filters": {"clean_html": _clean_html}, "optimistic_validation": True}
        if kind == "slides":
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
    prompts hidden) or ``slides`` (reveal.js, as :func:`readout.reports.pages.slides_html` makes them
    from :func:`readout.reports.slides.slides_notebook`, loaded from ``reveal_prefix``; default
    the folder beside the slides). Raises ValueError for another kind.

    The exporters are built once per process and reused, so their templates compile once.
    """
    body, _ = _exporter(kind, reveal_prefix if kind == "slides" else None).from_notebook_node(nb)
    return body


NAV_CSS = (
    "nav.readout-nav{font:15px/1.4 system-ui,sans-serif;padding:.5em 1em;border-bottom:1px solid #ddd;"
    "display:flex;gap:1.2em;flex-wrap:wrap}nav.readout-nav a{color:#0b5394}"
    "@media print{nav.readout-nav{display:none}}"
    "details.readout-method>summary{font:18px/1.4 system-ui,sans-serif;padding:.6em 1em;cursor:pointer}"
)


def nav_html(kind: str, name: str, names: list[str]) -> str:
    """The navigation bar of a notebook page: back to the index, the page's other version (full or
    briefing), its slides, and the previous and next notebook in the same version."""
    esc = html.escape
    other = "briefing" if kind == "full" else "full"
    links = [
        '<a href="../index.html">\u2190 All reports</a>',
        f'<a href="../{other}/{esc(name)}.html">{"Briefing" if other == "briefing" else "Full"} version</a>',
        f'<a href="../slides/{esc(name)}.html">Slides</a>',
    ]
    if name in names:
        k = names.index(name)
        if k > 0:
            links.append(f'<a href="{esc(names[k - 1])}.html" rel="prev">Previous: {esc(names[k - 1])}</a>')
        if k + 1 < len(names):
            links.append(f'<a href="{esc(names[k + 1])}.html" rel="next">Next: {esc(names[k + 1])}</a>')
    return f'<style>{NAV_CSS}</style><nav class="readout-nav" aria-label="Reports">{" ".join(links)}</nav>'


def with_nav(page: str, nav: str) -> str:
    """``page`` with ``nav`` placed first inside its body."""
    match = re.search(r"<body\b[^>]*>", page)
    if match is None:
        return nav + page
    return page[: match.end()] + nav + page[match.end() :]


def _plain(markdown: str) -> str:
    text = re.sub(r"<[^>]+>", "", markdown)
    text = re.sub(r"[*_`#>]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    return " ".join(text.split())


def _first_sentences(text: str, limit: int = 240) -> str:
    out = ""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip()
    return out[:limit]


def add_alt_text(nb):
    """A copy of ``nb`` whose figures carry alt text: the caption that follows each figure (the next
    Markdown output or cell), else the section heading above it."""
    deck = copy.deepcopy(nb)
    heading = ""
    cells = deck.cells
    for k, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            match = re.search(r"^#{1,4}\s+(.+)$", cell.source, re.M)
            if match:
                heading = _plain(match.group(1))
            continue
        outputs = cell.get("outputs", [])
        for j, out in enumerate(outputs):
            if "image/png" not in out.get("data", {}):
                continue
            caption = ""
            for later in outputs[j + 1 :]:
                text = later.get("data", {}).get("text/markdown")
                if text:
                    caption = _plain(str(text))
                    break
            if not caption and k + 1 < len(cells) and cells[k + 1].cell_type == "markdown":
                caption = _plain(cells[k + 1].source)
            alt = _first_sentences(caption) or (f"Figure: {heading}" if heading else "Figure")
            out.setdefault("metadata", {}).setdefault("image/png", {})["alt"] = alt
    return deck


#: cell tags the briefing page reads: ``full-only`` cells are left out of it (raw ledgers, coder
#: instructions); ``method`` cells (data, method, accuracy checks) go to its end, folded
FULL_ONLY_TAG = "full-only"
METHOD_TAG = "method"
METHOD_SUMMARY = "Data, method and accuracy checks"
METHOD_ANCHOR = METHOD_SUMMARY.replace(" ", "-")


def briefing_notebook(nb):
    """A copy of an executed notebook arranged as a briefing: findings first, ``full-only`` cells
    dropped, the opening block's data and method notes and every ``method`` cell moved to the end
    (:func:`fold_method_cells` folds them on the page)."""
    nbformat = nbformat_module()
    deck = copy.deepcopy(nb)
    cells = [c for c in deck.cells if FULL_ONLY_TAG not in c.metadata.get("tags", [])]
    moved = []
    if cells and cells[0].cell_type == "markdown":
        lines = cells[0].source.splitlines()
        keep = next((i for i, line in enumerate(lines) if line.lstrip().startswith(("- ", "* "))), len(lines))
        head, rest = "\n".join(lines[:keep]).strip(), "\n".join(lines[keep:]).strip()
        if rest:
            cells[0].source = head
            about = nbformat.v4.new_markdown_cell(rest, metadata={"tags": [METHOD_TAG]})
            about.id = f"{cells[0].get('id', 'opening')}-about"
            moved.append(about)
    kept = []
    for cell in cells:
        (moved if METHOD_TAG in cell.metadata.get("tags", []) else kept).append(cell)
    if moved:
        opening = nbformat.v4.new_markdown_cell(f"## {METHOD_SUMMARY}")
        opening.id = "readout-method-heading"
        moved.insert(0, opening)
    deck.cells = kept + moved
    return deck


def fold_method_cells(page: str, summary: str = METHOD_SUMMARY) -> str:
    """Wrap a briefing page's closing run of method cells, from the heading :func:`briefing_notebook`
    puts before them to the end of the notebook, in one ``<details>``."""
    heading = re.search(r'<h2 id="' + re.escape(METHOD_ANCHOR) + '"', page)
    end = page.rfind("</main>")
    if heading is None or end < heading.start():
        return page
    start = page.rfind('<div class="jp-Cell jp-MarkdownCell', 0, heading.start())
    if start < 0:
        return page
    return (
        page[:start]
        + f'<details class="readout-method"><summary><strong>{html.escape(summary)}</strong></summary>'
        + page[start:end]
        + "</details>\n"
        + page[end:]
    )


def write_notebook_pages(nb, path: Path, out: Path, names: list[str] | None = None) -> tuple[NotebookInfo, list[Path]]:
    """Write an executed analysis notebook's pages into ``out``: the ``.ipynb``, the full and
    briefing pages and the slides. ``names`` lists every analysis notebook in order, for the
    previous/next links. Returns its title and question and the files written."""

    info = describe(nb, Path(path))
    executed = Path(out) / "notebooks" / f"{info.name}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    nbformat_module().write(nb, executed)
    pages = [executed]
    described = add_alt_text(nb)
    for kind in ("full", "briefing"):
        target = Path(out) / kind / f"{info.name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if kind == "briefing":
            page = fold_method_cells(render_page(readable_tables(briefing_notebook(described)), kind))
        else:
            page = render_page(described, kind)
        target.write_text(with_nav(page, nav_html(kind, info.name, names or [info.name])), encoding="utf-8")
        pages.append(target)
    pages.append(write_slides(described, Path(out) / "slides" / f"{info.name}.html"))
    return info, pages


def render_index(
    notebooks: list[NotebookInfo], warnings: list[str], corpus_label: str, slides: bool = False, teaching: str = ""
) -> str:
    """The index page: every notebook's title and question with links, and the corpus warnings.

    ``slides`` adds a link to each notebook's slides; ``teaching`` is an HTML section (the
    brief and the exercise workbooks, from :func:`readout.reports.teaching_kit.render_index_section`).
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
<p>{esc(corpus_label)}</p>
{teaching}
<ul>
{items}
</ul>
{warn}
</body></html>
"""


def slides_html(nb, reveal_prefix: str = REVEAL_DIR) -> str:
    """Render an executed notebook as reveal.js slides with code hidden; returns the HTML."""

    return render_page(slides_notebook(nb), "slides", reveal_prefix=reveal_prefix)


def write_slides(nb, target: str | Path) -> Path:
    """Write the slides of an executed notebook to ``target`` (reveal.js expected beside it)."""
    target = Path(target)
    too_tall = overflowing_slides(slides_notebook(nb))
    if too_tall:
        listed = ", ".join(f"slide {k} (about {h:.0f} px)" for k, h in too_tall)
        raise ReportError(f"{target.name}: {listed} would not fit a 1280x720 slide; split the notebook cell")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(slides_html(nb), encoding="utf-8")
    return target
