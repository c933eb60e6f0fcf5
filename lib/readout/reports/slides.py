"""reveal.js slides from an executed notebook: code hidden, one figure per slide, offline assets.

The reveal.js files come from the ``sphinx-revealjs`` PyPI package and are copied next to the
slides by :func:`copy_reveal_assets`.
"""

from __future__ import annotations

import copy
import math
import re
import shutil
from pathlib import Path

from readout.reports.notebook_io import ALT_TEXT_BLOCK, nbformat_module
from readout.reports.slide_tables import fit_table_html, table_height
from readout.reports.table_html import readable_tables

REVEAL_DIR = "reveal.js"  # folder next to the slides holding the reveal.js files

#: the height a slide's content may take, in reveal.js's 1280x720 canvas (pixels)
SLIDE_HEIGHT = 720
#: what the slides' fit script may shrink a slide's content to (see the template)
MIN_FIT_SCALE = 0.7


#: Projector styling: large type, one figure filling the slide, tables that scroll.
SLIDES_CSS = """
.reveal { font-size: 28px; }
.reveal .slides { text-align: left; }
.reveal .slides section { height: 100%; overflow: hidden; padding: 0 .4em; box-sizing: border-box; }
.reveal .slides h1, .reveal .slides h2, .reveal .slides h3 { text-transform: none !important; letter-spacing: 0; }
.reveal .slides h1 { font-size: 48px !important; line-height: 1.15; }
.reveal .slides h2 { font-size: 40px !important; line-height: 1.2; }
.reveal .slides h3 { font-size: 32px !important; }
.reveal .slides p, .reveal .slides li, .reveal .slides .jp-RenderedMarkdown p, .reveal .slides .jp-RenderedMarkdown li,
.reveal .slides .jp-RenderedHTMLCommon { font-size: 28px !important; line-height: 1.3; }
.reveal .slides .jp-RenderedImage img, .reveal .slides img { display: block; margin: .2em auto !important; width: auto !important;
  height: auto; max-width: 100% !important; max-height: 540px !important; object-fit: contain; }
.reveal .slides .jp-RenderedMarkdown + .jp-OutputArea img { max-height: 460px !important; }
.reveal .slides table, .reveal .slides table td, .reveal .slides table th { font-size: 18px !important; }
.reveal .slides table { margin: 0 auto; table-layout: auto; }
.reveal .slides .jp-OutputArea-output pre { font-size: 18px !important; }
.reveal .slides .slide-note { font-size: 20px !important; color: #555; }
.reveal .jp-CodeCell .jp-InputArea, .reveal .jp-InputPrompt, .reveal .jp-OutputPrompt { display: none !important; }
.reveal .slide-number { font-size: 18px; }
"""


#: reveal.js configured from local files only: no jQuery, require.js, MathJax or mermaid from a CDN.
_SLIDES_TEMPLATE = (
    r"""{%- extends 'reveal/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
"""
    + ALT_TEXT_BLOCK
    + r"""
{% block notebook_css %}
{{ super() }}
<style type="text/css">
"""
    + SLIDES_CSS
    + r"""
</style>
{% endblock notebook_css %}
{% block footer_js %}
<script src="{{ resources.reveal.url_prefix }}/dist/reveal.js"></script>
<script src="{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"></script>
<script>
Reveal.initialize({
  controls: true, progress: true, hash: true, center: false, navigationMode: "linear",
  transition: "{{ resources.reveal.transition }}", slideNumber: "c/t",
  width: {{ resources.reveal.width }}, height: {{ resources.reveal.height }},
  plugins: [ RevealNotes ]
});
// Shrink a slide whose content runs past the slide's height (CSS zoom, so the layout shrinks
// too), down to MIN_FIT_SCALE of its size; the build refuses slides that would need more.
function readoutFit(slide) {
  if (!slide || slide.dataset.fitted) return;
  slide.dataset.fitted = "1";
  const h = slide.clientHeight, full = slide.scrollHeight;
  if (full > h + 2) {
    const box = document.createElement("div");
    box.className = "readout-fit";
    while (slide.firstChild) box.appendChild(slide.firstChild);
    slide.appendChild(box);
    box.style.zoom = Math.max("""
    + str(MIN_FIT_SCALE)
    + r""", (h - 4) / full);
  }
}
Reveal.on("ready", e => readoutFit(e.currentSlide));
Reveal.on("slidechanged", e => readoutFit(e.currentSlide));
</script>
{% endblock footer_js %}
"""
)


_HEADING = re.compile(r"^\s{0,3}(#{1,3})\s+\S", re.MULTILINE)


def _has_image(cell) -> bool:
    return any(
        "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) or "image/jpeg" in o.get("data", {})
        for o in cell.get("outputs", [])
    )


def _has_table(cell) -> bool:
    return any("<table" in str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", []))


def _visible_outputs(cell) -> list:
    """A cell's outputs a slide shows: not stderr, and not an interactive explorer (the static figure
    beside it is on the slide; the explorer is on the pages)."""
    return [
        o
        for o in cell.get("outputs", [])
        if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
        and "widget" not in o.get("metadata", {}).get("readout", {})
    ]


def has_slide_metadata(nb) -> bool:
    """True when some cell of ``nb`` sets ``metadata.slideshow.slide_type``."""
    return any(c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells)


def _text_height(text: str, heading: bool = False) -> float:
    """Estimated pixels of ``text`` in the slide's type: about 62 characters a line, 38 px a line
    (markup such as ``<span>`` and ``**`` is not shown, so not counted)."""
    shown = re.sub(r"<[^>]+>|\*\*|`", "", text)
    lines = sum(max(1, math.ceil(len(line) / 62)) for line in shown.splitlines() if line.strip()) or 1
    return lines * (58 if heading else 38) + 18


def estimate_height(cell) -> float:
    """Estimated pixels a cell takes on a slide: text by its lines, a figure at its capped
    height, a table by its rows (tables are cut to fit by :func:`fit_outputs` first)."""
    if cell.cell_type == "markdown":
        heading = bool(_HEADING.match(cell.source))
        return _text_height(cell.source, heading)
    height = 0.0
    for out in _visible_outputs(cell):
        data = out.get("data", {})
        if _has_image({"outputs": [out]}):
            height += 545
        elif "<table" in str(data.get("text/html", "")):
            height += table_height(str(data["text/html"]))
        elif "text/markdown" in data:
            height += _text_height(str(data["text/markdown"]))
        elif "text/html" in data:
            height += _text_height(re.sub(r"<[^>]+>", "", str(data["text/html"])))
        elif out.get("output_type") == "stream":
            height += 24 * len(str(out.get("text", "")).splitlines()) + 10
        elif "text/plain" in data:
            height += 24 * len(str(data["text/plain"]).splitlines()) + 10
    return height


def assign_slides(nb) -> None:
    """Give every cell of ``nb`` a ``slideshow.slide_type`` chosen from its content, in place.

    A heading starts a slide; a figure gets a slide of its own (a sub-slide below its
    section) whenever the current slide already holds a figure or a table; a table also
    goes on its own sub-slide; any cell that would take the slide past its height
    (:func:`estimate_height`) starts a sub-slide; code cells with nothing to show are
    skipped. Cells that already carry a ``slide_type`` keep it, so a notebook's own slide
    tags always win.
    """
    has_figure = has_table = False
    used = 0.0
    for cell in nb.cells:
        show = cell.metadata.setdefault("slideshow", {})
        height = estimate_height(cell)
        if show.get("slide_type"):
            kind = show["slide_type"]
            if kind in ("slide", "subslide"):
                has_figure = has_table = False
                used = 0.0
            if kind not in ("notes", "skip"):
                used += height
            has_figure |= _has_image(cell)
            has_table |= _has_table(cell)
            continue
        if cell.cell_type == "markdown":
            kind = "slide" if _HEADING.match(cell.source) else ("subslide" if used + height > SLIDE_HEIGHT else "-")
            if kind != "-":
                has_figure = has_table = False
                used = 0.0
        elif cell.cell_type == "code":
            outputs = _visible_outputs(cell)
            if not outputs:
                kind = "skip"
            elif _has_image(cell):
                kind = "subslide" if (has_figure or has_table or used + height > SLIDE_HEIGHT) else "-"
                if kind == "subslide":
                    used = 0.0
                has_figure, has_table = True, _has_table(cell)
            elif _has_table(cell):
                kind = "subslide" if (has_figure or has_table or used + height > SLIDE_HEIGHT) else "-"
                if kind == "subslide":
                    used = 0.0
                has_figure, has_table = False, True
            else:
                kind = "subslide" if used and used + height > SLIDE_HEIGHT else "-"
                if kind == "subslide":
                    has_figure = has_table = False
                    used = 0.0
        else:
            kind = "skip"
        if kind not in ("skip", "notes"):
            used += height
        show["slide_type"] = kind


def slide_heights(nb) -> list[float]:
    """The estimated content height of every slide of a prepared deck, in order."""
    heights: list[float] = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        if kind in ("skip", "notes"):
            continue
        if kind in ("slide", "subslide") or not heights:
            heights.append(0.0)
        heights[-1] += estimate_height(cell)
    return heights


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

    if (
        not nb.cells
        or nb.cells[0].cell_type != "markdown"
        or nb.cells[0].metadata.get("slideshow", {}).get("slide_type")
    ):
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


#: a text output on a slide shows at most this many lines
SLIDE_TEXT_LINES = 10
#: a markdown cell longer than this (characters) is split over several slides
SLIDE_TEXT_CHARS = 520


#: an HTML output (not a table) with more visible text than this is left to the full page
SLIDE_HTML_CHARS = 900


def markdown_outputs_as_cells(nb) -> None:
    """Give each long Markdown output (computed prose) of a code cell its own cells, one per piece
    of at most :data:`SLIDE_TEXT_CHARS` shown characters, in place, so long prose is spread over
    slides. The pieces stay Markdown *outputs*, rendered and sanitised as outputs are."""
    nbformat = nbformat_module()
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.metadata.get("slideshow", {}).get("slide_type"):
            cells.append(cell)
            continue
        kept: list = []
        pending: list = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            text = str(data.get("text/markdown", ""))
            if text and _shown_len(text) > SLIDE_TEXT_CHARS:
                for k, chunk in enumerate(_markdown_chunks(text)):
                    part = nbformat.v4.new_code_cell("")
                    part.id = f"{cell.get('id', 'cell')}-md{len(pending)}-{k}"
                    part.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": chunk})]
                    pending.append(part)
            else:
                kept.append(out)
        cell.outputs = kept
        cells.append(cell)
        cells.extend(pending)
    nb.cells = cells


def fit_outputs(nb) -> None:
    """Cut every table to :data:`~readout.reports.slide_tables.SLIDE_TABLE_ROWS` rows and :data:`~readout.reports.slide_tables.SLIDE_TABLE_COLUMNS` columns and
    every text output to :data:`SLIDE_TEXT_LINES` lines, in place, so each fits a 1280×720 slide."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "<table" in str(data.get("text/html", "")):
                data["text/html"] = fit_table_html(str(data["text/html"]))
            elif "text/html" in data and "text/markdown" not in data:
                text = re.sub(r"<[^>]+>", " ", str(data["text/html"]))
                if len(" ".join(text.split())) > SLIDE_HTML_CHARS:
                    data["text/html"] = '<p class="slide-note">A long list of evidence: read it in the full report.</p>'
            if out.get("output_type") == "stream":
                lines = str(out.get("text", "")).splitlines()
                if len(lines) > SLIDE_TEXT_LINES:
                    out["text"] = (
                        "\n".join(lines[:SLIDE_TEXT_LINES]) + f"\n\u2026 {len(lines) - SLIDE_TEXT_LINES} more lines\n"
                    )


def _shown_len(text: str) -> int:
    """Characters of ``text`` a reader sees (markup left out)."""
    return len(re.sub(r"<[^>]+>|\*\*|`", "", text))


def _markdown_chunks(text: str, limit: int = SLIDE_TEXT_CHARS) -> list[str]:
    """``text`` cut at paragraph or list-item boundaries into pieces of at most ``limit`` characters;
    a longer paragraph is cut between its sentences."""
    blocks = []
    for block in re.split(r"\n(?=\s*\n)|\n(?=[-*] |\d+\. )", text):
        if _shown_len(block) <= limit:
            blocks.append(block)
            continue
        piece = ""
        for sentence in re.split(r"(?<=[.!?。！？])\s+", block):
            if piece and _shown_len(piece) + _shown_len(sentence) > limit:
                blocks.append(piece)
                piece = sentence
            else:
                piece = f"{piece} {sentence}".strip()
        blocks.append(piece)
    chunks: list[str] = []
    for block in blocks:
        if chunks and _shown_len(chunks[-1]) + _shown_len(block) <= limit:
            chunks[-1] += "\n" + block
        else:
            chunks.append(block)
    return [c.strip("\n") for c in chunks if c.strip()]


def split_long_text(nb) -> None:
    """Split long markdown cells over several sub-slides, in place; a caveats section also goes
    into the speaker notes whole, so it can be read aloud from the presenter view."""
    nbformat = nbformat_module()
    cells = []
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if cell.cell_type != "markdown" or kind in ("notes", "skip") or _shown_len(cell.source) <= SLIDE_TEXT_CHARS:
            cells.append(cell)
            continue
        for k, chunk in enumerate(_markdown_chunks(cell.source)):
            part = nbformat.v4.new_markdown_cell(chunk, metadata=copy.deepcopy(cell.metadata))
            part.id = f"{cell.get('id', 'md')}-{k}"
            if k > 0:
                part.metadata.setdefault("slideshow", {})["slide_type"] = "subslide"
            cells.append(part)
        if re.search(r"caveat", cell.source, re.I):
            notes = nbformat.v4.new_markdown_cell(cell.source, metadata={"slideshow": {"slide_type": "notes"}})
            notes.id = f"{cell.get('id', 'md')}-notes"
            cells.append(notes)
    nb.cells = cells


def slides_notebook(nb):
    """A copy of an executed notebook prepared for slides: stderr dropped, outputs split and cut to
    fit, long text split, slide types set."""
    deck = readable_tables(nb)
    if not has_slide_metadata(deck):
        title_slide(deck)
    split_outputs(deck)
    markdown_outputs_as_cells(deck)
    fit_outputs(deck)
    split_long_text(deck)
    assign_slides(deck)
    leave_to_full_page(deck)
    return deck


def leave_to_full_page(deck) -> None:
    """On a slide that would still not fit, replace its tallest output by a line pointing to the
    full page, in place, until the slide fits: a slide never runs past its height."""
    nbformat = nbformat_module()
    limit = SLIDE_HEIGHT / MIN_FIT_SCALE
    text = "Too long for a slide: read it on the full page."
    note_html = f'<p class="slide-note">{text}</p>'
    for _ in range(len(deck.cells)):
        slides: list[list] = []
        for cell in deck.cells:
            kind = cell.metadata.get("slideshow", {}).get("slide_type", "-")
            if kind in ("skip", "notes"):
                continue
            if kind in ("slide", "subslide") or not slides:
                slides.append([])
            slides[-1].append(cell)
        tall = [cells for cells in slides if sum(estimate_height(c) for c in cells) > limit]
        if not tall:
            return
        tallest = max(tall[0], key=estimate_height)
        if tallest.cell_type == "markdown":  # cut it where it fits, and say where the rest is
            lines = tallest.source.splitlines()
            while len(lines) > 1 and _text_height("\n".join(lines)) > limit * 0.8:
                lines = lines[: max(1, len(lines) * 3 // 4)]
            if len(lines) == len(tallest.source.splitlines()):
                return
            tallest.source = "\n".join(lines) + "\n\n*\u2026 continued on the full page.*"
            continue
        cells = [c for c in tall[0] if c.cell_type == "code" and c.get("outputs")]
        if not cells:
            return
        outputs = max(cells, key=estimate_height)["outputs"]
        worst = max(
            range(len(outputs)),
            key=lambda k: estimate_height(nbformat.from_dict({"cell_type": "code", "outputs": [outputs[k]]})),
        )
        if outputs[worst].get("data", {}).get("text/html") == note_html:
            return
        outputs[worst] = nbformat.v4.new_output("display_data", data={"text/html": note_html, "text/plain": text})


def overflowing_slides(deck) -> list[tuple[int, float]]:
    """(slide number from 1, estimated height) of the slides of a prepared deck that would not fit
    even once the fit script has shrunk them to :data:`MIN_FIT_SCALE`."""
    limit = SLIDE_HEIGHT / MIN_FIT_SCALE
    return [(k + 1, h) for k, h in enumerate(slide_heights(deck)) if h > limit]


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
        raise FileNotFoundError(
            "reveal.js not found: install the project's dependencies (pip install -e .) "
            "to get the sphinx-revealjs package that ships it"
        )
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
