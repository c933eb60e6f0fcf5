"""reveal.js slides from an executed notebook: code hidden, one figure per slide, offline assets.

The reveal.js files come from the ``sphinx-revealjs`` PyPI package and are copied next to the
slides by :func:`copy_reveal_assets`.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

from readout.reports.notebook_io import nbformat_module

REVEAL_DIR = "reveal.js"  # folder next to the slides holding the reveal.js files


#: Projector styling: large type, one figure filling the slide, tables that scroll.
SLIDES_CSS = """
.reveal { font-size: 30px; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow: auto; padding: 0 .4em; box-sizing: border-box; }
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 { text-transform: none !important; letter-spacing: 0; }
.reveal .slides h1 { font-size: 52px !important; line-height: 1.15; }
.reveal .slides h2 { font-size: 42px !important; line-height: 1.2; }
.reveal .slides h3 { font-size: 34px !important; }
.reveal .slides p, .reveal .slides li, .reveal .slides .jp-RenderedMarkdown p, .reveal .slides .jp-RenderedMarkdown li,
.reveal .slides .jp-RenderedHTMLCommon { font-size: 30px !important; line-height: 1.35; }
.reveal .slides .jp-RenderedImage img, .reveal .slides img { display: block; margin: .2em auto !important; width: auto !important;
  height: auto; max-width: 100% !important; max-height: 520px !important; min-height: 440px; object-fit: contain; }
.reveal .slides table, .reveal .slides table td, .reveal .slides table th { font-size: 18px !important; }
.reveal .slides table { margin: 0 auto; }
.reveal .slides .jp-OutputArea-output pre { font-size: 18px !important; }
.reveal .jp-CodeCell .jp-InputArea, .reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none !important; }
.reveal .slide-number { font-size: 18px; }
"""


#: reveal.js configured from local files only: no jQuery, require.js, MathJax or mermaid from a CDN.
_SLIDES_TEMPLATE = r"""{%- extends 'reveal/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{% block notebook_css %}
{{ super() }}
<style type="text/css">
""" + SLIDES_CSS + r"""
</style>
{% endblock notebook_css %}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, hash: true, center: false,
  transition: "{{ resources.reveal.transition }}", slideNumber: "c/t",
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
  plugins: [ RevealNotes ]
});
</script>
{% endblock footer_js %}
"""


_HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+\S", re.MULTILINE)


def _has_image(cell) -> bool:
    return any(
        "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) or "image/jpeg" in o.get("data", {})
        for o in cell.get("outputs", [])
    )


def _has_table(cell) -> bool:
    return any("<table" in str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))


def _visible_outputs(cell) -> list:
    return [o for o in cell.get("outputs", []) if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]


def has_slide_metadata(nb) -> bool:
    """True when some cell of ``nb`` sets ``metadata.slideshow.slide_type``."""
    return any(c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells)


def assign_slides(nb) -> None:
    """Give every cell of ``nb`` a ``slideshow.slide_type`` chosen from its content, in place.

    A heading starts a slide; a figure gets a slide of its own (a sub-slide below its
    section) whenever the current slide already holds a figure or a table; a table also
    goes on its own sub-slide; code cells with nothing to show are skipped. Cells that
    already carry a ``slide_type`` keep it, so a notebook's own slide tags always win.
    """
    has_figure = has_table = False
    for cell in nb.cells:
        show = cell.metadata.setdefault("slideshow", {})
        if show.get("slide_type"):
            kind = show["slide_type"]
            if kind in ("slide", "subslide"):
                has_figure = has_table = False
            has_figure |= _has_image(cell)
            has_table |= _has_table(cell)
            continue
        if cell.cell_type == "markdown":
            kind = "slide" if _HEADING.match(cell.source) else "-"
            if kind == "slide":
                has_figure = has_table = False
        elif cell.cell_type == "code":
            outputs = _visible_outputs(cell)
            if not outputs:
                kind = "skip"
            elif _has_image(cell):
                kind = "subslide" if (has_figure or has_table) else "-"
                has_figure, has_table = True, _has_table(cell)
            elif _has_table(cell):
                kind = "subslide" if (has_figure or has_table) else "-"
                has_figure, has_table = False, True
            else:
                kind = "-"
        else:
            kind = "skip"
        show["slide_type"] = kind


def split_outputs(nb) -> None:
    """Give each figure and each table of a code cell a cell of its own, in place.

    A cell that displays a table and then draws a figure becomes two cells, so each can
    go on its own slide; text outputs stay with the output before them. A cell with its
    own slide metadata is left whole. The copy's cells are for slides only.
    """

    nbformat = nbformat_module()

    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("slideshow", {}).get("slide_type"):
            cells.append(cell)
            continue
        groups: list[list] = []
        for out in _visible_outputs(cell):
            heavy = _has_image({"outputs": [out]}) or _has_table({"outputs": [out]})
            if heavy or not groups:
                groups.append([out])
            else:
                groups[-1].append(out)
        if len(groups) <= 1:
            cell.outputs = groups[0] if groups else []
            cells.append(cell)
            continue
        for k, outputs in enumerate(groups):
            part = nbformat.v4.new_code_cell(cell.source if k == 0 else "", metadata=copy.deepcopy(cell.metadata))
            part.id = f"{cell.get('id', 'cell')}-{k}"
            part.outputs = outputs
            part.execution_count = cell.execution_count
            cells.append(part)
    nb.cells = cells


def title_slide(nb) -> None:
    """Keep the opening cell's title and question on the first slide; the rest become speaker notes."""

    nbformat = nbformat_module()

    if not nb.cells or nb.cells[0].cell_type != "markdown" or nb.cells[0].metadata.get("slideshow", {}).get("slide_type"):
        return
    lines = nb.cells[0].source.splitlines()
    keep = next((i for i, line in enumerate(lines) if line.lstrip().startswith(("- ", "* "))), len(lines))
    head, rest = "\n".join(lines[:keep]).strip(), "\n".join(lines[keep:]).strip()
    if not rest:
        return
    nb.cells[0].source = head
    nb.cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    notes = nbformat.v4.new_markdown_cell(rest, metadata={"slideshow": {"slide_type": "notes"}})
    notes.id = f"{nb.cells[0].get('id', 'title')}-notes"
    nb.cells.insert(1, notes)


def slides_notebook(nb):
    """A copy of an executed notebook prepared for slides: stderr dropped, outputs split, slide types set."""
    deck = copy.deepcopy(nb)
    if not has_slide_metadata(deck):
        title_slide(deck)
    split_outputs(deck)
    assign_slides(deck)
    return deck


def slides_exporter(reveal_prefix: str = REVEAL_DIR, **traits):
    """The nbconvert SlidesExporter of the slides: code and prompts hidden, images embedded,
    reveal.js loaded from ``reveal_prefix`` (a folder next to the slides). ``traits`` go to
    the exporter (``filters={...}`` for instance)."""
    from jinja2 import DictLoader
    from nbconvert import SlidesExporter

    exporter = SlidesExporter(
        extra_loaders=[DictLoader({"readout_slides.html.j2": _SLIDES_TEMPLATE})],
        template_file="readout_slides.html.j2",
        reveal_url_prefix=reveal_prefix,
        reveal_theme="white",
        reveal_transition="none",
        reveal_width="1280",
        reveal_height="720",
        **traits,
    )
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True
    return exporter






def reveal_source() -> Path:
    """The reveal.js distribution shipped inside the ``sphinx-revealjs`` package.

    Found without importing the package (which would import Sphinx). Raises
    ``FileNotFoundError`` with the fix when the package is missing.
    """
    from importlib.util import find_spec

    spec = find_spec("sphinx_revealjs")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("reveal.js not found: install the project's dependencies (pip install -e .) "
                                "to get the sphinx-revealjs package that ships it")
    root = Path(list(spec.submodule_search_locations)[0]) / "_static" / "revealjs"
    if not (root / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(f"{root}: no dist/reveal.js; reinstall sphinx-revealjs")
    return root


#: The files the slides load, relative to the reveal.js folder.
REVEAL_FILES = ("LICENSE", "dist/reveal.js", "dist/reveal.css", "dist/theme/white.css", "plugin/notes/notes.js")


def copy_reveal_assets(slides_dir: str | Path) -> Path:
    """Copy the reveal.js files the slides need (with its MIT licence) into ``slides_dir/reveal.js``."""
    src = reveal_source()
    dest = Path(slides_dir) / REVEAL_DIR
    for rel in REVEAL_FILES:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / rel, dest / rel)
    fonts = src / "dist" / "theme" / "fonts" / "source-sans-pro"
    if fonts.is_dir():
        out = dest / "dist" / "theme" / "fonts" / "source-sans-pro"
        out.mkdir(parents=True, exist_ok=True)
        for f in sorted(fonts.iterdir()):
            if f.suffix in (".css", ".woff") or f.name == "LICENSE":
                shutil.copyfile(f, out / f.name)
    return dest
