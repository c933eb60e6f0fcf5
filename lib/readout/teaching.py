"""The teaching and briefing kit: slides, exercise workbooks and a one-page brief.

Everything here is built from the same notebooks as the HTML reports, so nothing drifts:

* :func:`write_slides` turns an executed notebook into reveal.js slides (code hidden, one
  figure per slide, large type) that work offline: the reveal.js files come from the
  ``sphinx-revealjs`` PyPI package and are copied next to the slides by
  :func:`copy_reveal_assets`.
* :func:`build_workbooks` executes each workbook in ``notebooks/exercises/`` and writes a
  student version (cells tagged ``solution`` removed) and an instructor version (kept),
  each as HTML and ``.ipynb``.
* :func:`write_brief` writes ``brief.html``: the headline findings of the four analyses,
  each sentence generated from an exported table, its key figure, and a link to the
  section of the full report that holds the evidence. Every number carries the recipe
  (:class:`Spec`) that recomputes it from the table, so a test can check it.
"""

from __future__ import annotations

import copy
import html
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from readout.paths import NOTEBOOKS_DIR

EXERCISES_DIR = NOTEBOOKS_DIR / "exercises"
SOLUTION_TAG = "solution"
REVEAL_DIR = "reveal.js"  # folder next to the slides holding the reveal.js files

# --------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------

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
    from readout.report import _nbformat

    nbformat = _nbformat()

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
    from readout.report import _nbformat

    nbformat = _nbformat()

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


def slides_html(nb, reveal_prefix: str = REVEAL_DIR) -> str:
    """Render an executed notebook as reveal.js slides with code hidden; returns the HTML."""
    from readout.report import render_page

    return render_page(slides_notebook(nb), "slides", reveal_prefix=reveal_prefix)


def write_slides(nb, target: str | Path) -> Path:
    """Write the slides of an executed notebook to ``target`` (reveal.js expected beside it)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(slides_html(nb), encoding="utf-8")
    return target


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


# --------------------------------------------------------------------------------------
# Exercise workbooks
# --------------------------------------------------------------------------------------


def list_workbooks(folder: str | Path | None = None) -> list[Path]:
    """The exercise workbooks, in order (``NN-*.ipynb`` in ``notebooks/exercises/``)."""
    folder = Path(folder or EXERCISES_DIR)
    return sorted(folder.glob("[0-9][0-9]-*.ipynb"))


def is_solution(cell) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(nb):
    """A copy of ``nb`` without its ``solution``-tagged cells."""
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not is_solution(c)]
    return out


def _stripped(nb):
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return out


@dataclass
class Workbook:
    name: str
    title: str
    question: str
    student_html: Path
    student_ipynb: Path
    instructor_html: Path
    instructor_ipynb: Path
    n_solutions: int


def write_workbook_pages(executed, path: str | Path, out: str | Path) -> Workbook:
    """Write the student and instructor versions of an executed workbook into ``out/exercises``.

    ``executed`` is the workbook run with every solution cell; ``path`` its source (the
    downloads are the source without outputs, the student one without its solution cells).
    """
    from readout.report import _nbformat, describe, render_page

    nbformat = _nbformat()
    path, out = Path(path), Path(out)
    source = nbformat.read(path, as_version=4)
    info = describe(executed, path)
    targets = {}
    for kind, nb_run, nb_src in (("instructor", executed, source), ("student", student_copy(executed), student_copy(source))):
        folder = out / "exercises" / kind
        folder.mkdir(parents=True, exist_ok=True)
        html_path = folder / f"{path.stem}.html"
        html_path.write_text(render_page(nb_run, "full"), encoding="utf-8")
        ipynb_path = folder / f"{path.stem}.ipynb"
        nbformat.write(_stripped(nb_src), ipynb_path)
        targets[kind] = (html_path, ipynb_path)
    return Workbook(name=path.stem, title=info.title, question=info.question,
                    student_html=targets["student"][0], student_ipynb=targets["student"][1],
                    instructor_html=targets["instructor"][0], instructor_ipynb=targets["instructor"][1],
                    n_solutions=sum(is_solution(c) for c in source.cells))


def build_workbooks(out: str | Path, corpus_path: str | None = None, jobs: int = 1,
                    folder: str | Path | None = None) -> list[Workbook]:
    """Execute every workbook (solutions included) and write student and instructor versions.

    ``out/exercises/instructor/<name>.html`` shows every cell with its output;
    ``out/exercises/student/<name>.html`` is the same run with the solution cells removed.
    Each folder also holds the ``.ipynb`` (outputs stripped) to download and work in.
    A failing cell raises :class:`readout.report.ReportError` naming the workbook and cell.
    """
    from readout.report import run_notebooks

    paths = list_workbooks(folder)
    written: list = [None] * len(paths)

    def on_result(i, nb):
        written[i] = write_workbook_pages(nb, paths[i], out)

    run_notebooks(paths, {"CORPUS": corpus_path}, jobs, on_result)
    return written


# --------------------------------------------------------------------------------------
# The one-page brief
# --------------------------------------------------------------------------------------

_OPS = {
    "==": lambda s, v: s == v,
    "!=": lambda s, v: s != v,
    ">": lambda s, v: s > v,
    ">=": lambda s, v: s >= v,
    "<": lambda s, v: s < v,
    "<=": lambda s, v: s <= v,
    "contains": lambda s, v: s.fillna("").astype(str).str.contains(v, case=False, regex=False),
}


@dataclass(frozen=True)
class Spec:
    """How one number of the brief is computed from one exported table.

    Rows of ``table`` are kept where every ``(column, op, value)`` of ``where`` holds, then
    sorted by ``sort`` (``(column, ascending)`` pairs). Without ``by``, ``agg`` reduces
    ``column`` (a list of columns is summed row-wise first; no column counts rows). With
    ``by``, ``agg`` runs per group and ``pick`` reduces the groups: ``idxmax``/``idxmin``
    name a group, ``max``/``min``/``sum`` give a value. ``over`` divides by a second Spec.
    """

    table: str
    column: str | tuple[str, ...] | None = None
    agg: str = "size"
    where: tuple = ()
    sort: tuple = ()
    by: str | None = None
    pick: str | None = None
    over: "Spec | None" = None

    def to_dict(self) -> dict:
        d = {"table": self.table, "column": list(self.column) if isinstance(self.column, tuple) else self.column,
             "agg": self.agg, "where": [list(w) for w in self.where], "sort": [list(s) for s in self.sort],
             "by": self.by, "pick": self.pick}
        if self.over is not None:
            d["over"] = self.over.to_dict()
        return d


def evaluate(spec: Spec, tables: dict):
    """The value of ``spec`` on ``tables`` (table name -> DataFrame): a number or a label."""
    df = tables[spec.table]
    for col, op, value in spec.where:
        df = df[_OPS[op](df[col], value)]
    if spec.sort:
        df = df.sort_values([c for c, _ in spec.sort], ascending=[a for _, a in spec.sort], kind="stable")
    if spec.by is not None:
        grouped = df.groupby(spec.by)
        series = grouped.size() if spec.column is None else grouped[spec.column].agg(spec.agg)
        value = getattr(series, spec.pick)()
    else:
        if spec.column is None:
            value = len(df)
        else:
            col = df[list(spec.column)].sum(axis=1) if isinstance(spec.column, tuple) else df[spec.column]
            value = col.iloc[0] if spec.agg == "first" else col.agg(spec.agg)
    if spec.over is not None:
        den = evaluate(spec.over, tables)
        value = value / den if den else float("nan")
    if hasattr(value, "item"):
        value = value.item()
    return value


def format_value(value, fmt: str) -> str:
    """Display ``value``: ``pct`` (0.734 -> 73%), ``int`` (1,204), ``dec2`` (0.14, signed with a true minus), ``label``."""
    if fmt != "label" and isinstance(value, float) and value != value:
        return "n/a"  # a mean or share over no rows
    if fmt == "pct":
        return f"{value:.0%}"
    if fmt == "int":
        return f"{int(round(value)):,}"
    if fmt == "dec2":
        return f"{value:.2f}".replace("-", "\u2212")
    return str(value)


class MissingAnalysis(RuntimeError):
    """A table the brief needs could not be built (its module is missing or failed)."""


class _Numbers:
    """Evaluates specs against tables built on demand, and renders each as a checkable element."""

    def __init__(self, corpus, tables: dict | None = None):
        self.corpus = corpus
        self.tables = dict(tables or {})

    def table(self, name: str):
        if name not in self.tables:
            from readout.tables import TABLES, build_table

            if name not in TABLES:
                raise MissingAnalysis(f"the table '{name}' is not registered in readout.tables yet")
            try:
                self.tables[name] = build_table(name, self.corpus)
            except Exception as exc:  # a module still landing: say so, do not crash the brief
                raise MissingAnalysis(f"the table '{name}' could not be built ({type(exc).__name__}: {exc})") from exc
        return self.tables[name]

    def value(self, spec: Spec):
        needed, s = [], spec
        while s is not None:
            needed.append(s.table)
            s = s.over
        for name in needed:
            self.table(name)
        return evaluate(spec, self.tables)

    def html(self, spec: Spec, fmt: str, value=None) -> str:
        value = self.value(spec) if value is None else value
        shown = format_value(value, fmt)
        raw = value if isinstance(value, str) else repr(float(value))
        return (f'<data class="num" value="{html.escape(raw)}" data-format="{fmt}" '
                f"data-spec='{html.escape(json.dumps(spec.to_dict()), quote=True)}'>{html.escape(shown)}</data>")


@dataclass
class Finding:
    key: str  # html of the key figure (a <data> element)
    key_label: str  # what the key figure counts
    sentence: str  # html with <data> elements
    anchors: tuple[str, ...]  # words that pick the evidence section in the full report


@dataclass
class Analysis:
    prefix: str  # notebook number, e.g. "01"
    title: str
    findings: list[Finding] = field(default_factory=list)
    missing: str = ""


def _esc_label(n: _Numbers, spec: Spec) -> tuple[str, str]:
    """A label (e.g. an actor name) as value and as a checkable element."""
    value = n.value(spec)
    return value, n.html(spec, "label", value)


def _compare_findings(n: _Numbers) -> list[Finding]:
    P = "outlet_profiles"
    sides = ("quoted_words_us", "quoted_words_china", "quoted_words_other")
    attributed = Spec(P, column=sides, agg="sum")
    us = n.html(Spec(P, column="quoted_words_us", agg="sum", over=attributed), "pct")
    cn = n.html(Spec(P, column="quoted_words_china", agg="sum", over=attributed), "pct")
    reports = n.html(Spec(P), "int")
    out = [Finding(us, "of attributed quoted words are US speakers'",
                   f"US speakers supply {us} of the words quoted with an attributed speaker across the {reports} reports; "
                   f"Chinese speakers supply {cn}.", ("voices", "side"))]
    passages = n.html(Spec("reuse"), "int")
    _, top = _esc_label(n, Spec(P, column="shared_share", agg="max", by="outlet", pick="idxmax"))
    top_share = n.html(Spec(P, column="shared_share", agg="max"), "pct")
    out.append(Finding(passages, "passages of shared wording",
                       f"{passages} passages of the same wording recur between reports; {top} has the largest share of "
                       f"its words in shared passages ({top_share}).", ("passages", "share")))
    every = Spec("topics", column="covered", agg="min", by="topic", pick="sum")
    everywhere = n.html(every, "int")
    n_topics = n.html(Spec("topics", column="topic", agg="nunique"), "int")
    verb = "is" if n.value(every) == 1 else "are"
    out.append(Finding(everywhere, "agenda topics named by every report",
                       f"{everywhere} of the {n_topics} agenda topics in the codebook {verb} named by every report.",
                       ("topics", "agenda")))
    return out


def _network_findings(n: _Numbers) -> list[Finding]:
    M = "mentions"
    actor, actor_html = _esc_label(n, Spec(M, by="actor", pick="idxmax"))
    count = n.html(Spec(M, by="actor", pick="max"), "int")
    in_articles = n.html(Spec(M, column="article_id", agg="nunique", where=(("actor", "==", actor),)), "int")
    reports = n.html(Spec("articles"), "int")
    out = [Finding(count, "mentions of the most-named actor",
                   f"{actor_html} is the most-named actor: {count} mentions, in {in_articles} of the {reports} reports.",
                   ("who", "mention", "named"))]
    us = n.html(Spec(M, where=(("side", "==", "US"),), over=Spec(M)), "pct")
    cn = n.html(Spec(M, where=(("side", "==", "China"),), over=Spec(M)), "pct")
    out.append(Finding(us, "of actor mentions are of US actors",
                       f"{us} of actor mentions name a US actor and {cn} a Chinese one.", ("side", "who")))
    E = "edges"
    order = (("weight", False), ("source", True), ("target", True))
    where = (("window", "==", "sentence"),)
    _, a = _esc_label(n, Spec(E, column="source", agg="first", where=where, sort=order))
    _, b = _esc_label(n, Spec(E, column="target", agg="first", where=where, sort=order))
    weight = n.html(Spec(E, column="weight", agg="first", where=where, sort=order), "int")
    arts = n.html(Spec(E, column="n_articles", agg="first", where=where, sort=order), "int")
    out.append(Finding(weight, "sentences naming the strongest pair",
                       f"The strongest tie is {a} with {b}: named in the same sentence {weight} times, in {arts} reports.",
                       ("strongest", "with whom", "together")))
    return out


def _sentiment_findings(n: _Numbers) -> list[Finding]:
    S = "sentiment"
    variants = list(dict.fromkeys(n.table(S)["variant"]))
    variant = "diplomatic" if "diplomatic" in variants else variants[0]
    quotes = (("unit", "==", "quote"), ("variant", "==", variant))
    side = lambda s: (*quotes, ("speaker_side", "==", s))  # noqa: E731
    us = n.html(Spec(S, column="compound", agg="mean", where=side("US")), "dec2")
    cn = n.html(Spec(S, column="compound", agg="mean", where=side("China")), "dec2")
    n_us = n.html(Spec(S, where=side("US")), "int")
    n_cn = n.html(Spec(S, where=side("China")), "int")
    out = [Finding(us, "mean VADER score of US quotes",
                   f"Quotes from US speakers average {us} on VADER's compound scale, which runs from minus one to plus one "
                   f"({n_us} quotes, {html.escape(variant)} lexicon); quotes from Chinese speakers average {cn} ({n_cn} quotes).",
                   ("versus", "tone", "side"))]
    zero = n.html(Spec(S, where=(*quotes, ("compound", "==", 0)), over=Spec(S, where=quotes)), "pct")
    out.append(Finding(zero, "of quotes score exactly zero",
                       f"{zero} of quotes score exactly zero: VADER finds no word of its lexicon in them, so a neutral "
                       "score often means \u201cnot measured\u201d rather than \u201cneutral\u201d.",
                       ("zero", "neutral", "lexicon", "cannot")))
    return out


def _framing_findings(n: _Numbers) -> list[Finding]:
    F = "frames_by_side"
    order = (("share", False), ("n_primary", False), ("n_hits", False), ("frame", True))
    side = lambda s: (("side", "==", s), ("frame", "!=", "none"))  # noqa: E731
    _, us_label = _esc_label(n, Spec(F, column="label", agg="first", where=side("US"), sort=order))
    us_share = n.html(Spec(F, column="share", agg="first", where=side("US"), sort=order), "pct")
    us_n = n.html(Spec(F, column="n_statements", agg="first", where=side("US"), sort=order), "int")
    _, cn_label = _esc_label(n, Spec(F, column="label", agg="first", where=side("China"), sort=order))
    cn_share = n.html(Spec(F, column="share", agg="first", where=side("China"), sort=order), "pct")
    cn_n = n.html(Spec(F, column="n_statements", agg="first", where=side("China"), sort=order), "int")
    out = [Finding(us_share, "of US statements use its most frequent frame",
                   f"The most frequent frame in the {us_n} US statements is {us_label} ({us_share} of them); "
                   f"in the {cn_n} Chinese statements it is {cn_label} ({cn_share}).", ("frame",))]
    T = "framing_terms"
    up = (("z", False), ("term", True))
    down = (("z", True), ("term", True))
    _, us_term = _esc_label(n, Spec(T, column="term", agg="first", sort=up))
    us_z = n.html(Spec(T, column="z", agg="first", sort=up), "dec2")
    _, cn_term = _esc_label(n, Spec(T, column="term", agg="first", sort=down))
    cn_z = n.html(Spec(T, column="z", agg="first", sort=down), "dec2")
    out.append(Finding(us_z, "z-score of the most US-distinctive word",
                       f"The word most distinctive of US statements against Chinese ones is \u201c{us_term}\u201d (z = {us_z}); "
                       f"the most distinctive of Chinese statements is \u201c{cn_term}\u201d (z = {cn_z}).",
                       ("word", "distinctive", "term", "vocabulary")))
    return out


#: The four analyses of the brief: notebook number, title, and the function that writes its findings.
BRIEF_SECTIONS = (
    ("01", "How the outlets reported it", _compare_findings),
    ("02", "Who appears, and with whom", _network_findings),
    ("03", "What tone the speakers took", _sentiment_findings),
    ("04", "How the two governments framed it", _framing_findings),
)


def brief_analyses(corpus, tables: dict | None = None) -> tuple[list[Analysis], _Numbers]:
    """The brief's findings, one :class:`Analysis` per section; a missing module gives a note, not an error."""
    n = _Numbers(corpus, tables)
    analyses = []
    for prefix, title, func in BRIEF_SECTIONS:
        a = Analysis(prefix, title)
        try:
            a.findings = func(n)
        except MissingAnalysis as exc:
            a.missing = str(exc)
        except (KeyError, IndexError, ValueError, TypeError) as exc:  # e.g. a table with no rows on this corpus
            a.missing = f"its findings could not be computed on this corpus ({type(exc).__name__}: {exc})"
        analyses.append(a)
    return analyses, n


_HEADING_ID = re.compile(r'<h([1-3]) id="([^"]+)"[^>]*>(.*?)(?:<a class="anchor-link"|</h\1>)', re.S)


def section_anchor(page: Path, words: tuple[str, ...]) -> str | None:
    """The id of the first heading (level 2 or 3) of ``page`` that contains one of ``words``; None if none does."""
    if not page.is_file():
        return None
    heads = [(int(level), hid, re.sub(r"<[^>]+>", "", text)) for level, hid, text in _HEADING_ID.findall(page.read_text(encoding="utf-8"))]
    for word in words:
        for level, hid, text in heads:
            if level >= 2 and word.lower() in text.lower():
                return hid
    return None


BRIEF_CSS = """
@page { size: auto; margin: 12mm 14mm; }
* { box-sizing: border-box; }
body { font-family: Georgia, 'Times New Roman', serif; color: #111; max-width: 178mm; margin: 1.5rem auto; padding: 0 .5rem;
  font-size: 10.5pt; line-height: 1.35; }
header h1 { font-family: system-ui, sans-serif; font-size: 17pt; margin: 0 0 .2rem; }
header p { margin: 0 0 .6rem; color: #333; font-size: 9.5pt; }
section { margin: 0 0 .55rem; break-inside: avoid; }
h2 { font-family: system-ui, sans-serif; font-size: 11.5pt; margin: .5rem 0 .25rem; border-bottom: 1.5pt solid #0072B2; padding-bottom: 1pt; }
.finding { display: grid; grid-template-columns: 24mm 1fr; column-gap: 4mm; margin: .25rem 0; break-inside: avoid; }
.key { font-family: system-ui, sans-serif; text-align: right; }
.key .big { display: block; font-size: 17pt; font-weight: 700; line-height: 1.05; color: #0072B2; }
.key .what { display: block; font-size: 7pt; line-height: 1.15; color: #444; }
.finding p { margin: 0; }
.evidence { font-family: system-ui, sans-serif; font-size: 8.5pt; white-space: nowrap; }
.missing { color: #8a1c00; font-style: italic; }
footer { font-size: 8pt; color: #444; border-top: .5pt solid #999; margin-top: .6rem; padding-top: .2rem; }
a { color: #0057a0; }
@media print {
  body { margin: 0; max-width: none; }
  a { color: #000; text-decoration: none; }
  .evidence a::after { content: " (full report)"; }
}
"""


def _caveats(n: _Numbers) -> str:
    """The limits to say with the findings, each with its number (or a note where a table is missing)."""
    A = "articles"
    parts = []
    try:
        gov = n.html(Spec(A, where=(("outlet_kind", "contains", "government"),)), "int")
        reports = n.html(Spec(A), "int")
        chinese = Spec(A, where=(("outlet_kind", "contains", "chin"),))
        china_note = ("no outlet is marked as Chinese, so Chinese positions arrive as these outlets reported them"
                      if n.value(chinese) == 0 else f"{n.html(chinese, 'int')} marked as Chinese")
        parts.append(f"{gov} of the {reports} reports come from government-funded outlets (by their <code>outlet_kind</code>); "
                     f"{china_note}.")
    except (MissingAnalysis, KeyError, ValueError) as exc:
        parts.append(f'<span class="missing">Outlet kinds unavailable: {html.escape(str(exc))}.</span>')
    try:
        quotes = n.html(Spec("quotes", where=(("speaker_side", "==", "China"),)), "int")
        stmts = n.html(Spec("frames_by_side", column="n_statements", agg="first", where=(("side", "==", "China"),)), "int")
        parts.append(f"The Chinese side rests on {quotes} quotations and {stmts} statements: every China figure above "
                     "can move with a single quote.")
    except (MissingAnalysis, KeyError, IndexError, ValueError) as exc:
        parts.append(f'<span class="missing">Chinese-side counts unavailable: {html.escape(str(exc))}.</span>')
    return '<section id="caveats"><h2>Read with care</h2><p>' + " ".join(parts) + "</p></section>"


def render_brief(analyses: list[Analysis], n: _Numbers, pages: dict[str, Path], corpus_label: str) -> str:
    """The brief as HTML. ``pages`` maps a notebook number to its full report page (for evidence links)."""
    esc = html.escape
    A = "articles"
    reports = n.html(Spec(A), "int")
    outlets = n.html(Spec(A, column="outlet", agg="nunique"), "int")
    first = n.html(Spec(A, column="published", agg="min"), "label")
    last = n.html(Spec(A, column="published", agg="max"), "label")
    blocks = []
    caveats = _caveats(n)
    for a in analyses:
        page = pages.get(a.prefix)
        link_base = f"full/{page.name}" if page is not None else None
        body = []
        if a.missing:
            body.append(f'<p class="missing">Not in this build: {esc(a.missing)}.</p>')
        for f in a.findings:
            if link_base:
                anchor = section_anchor(page, f.anchors)
                href = link_base + (f"#{anchor}" if anchor else "")
                evidence = f' <span class="evidence"><a href="{esc(href)}">evidence &rarr;</a></span>'
            else:
                evidence = ' <span class="evidence missing">(full report not built)</span>'
            body.append(f'<div class="finding"><div class="key"><span class="big">{f.key}</span>'
                        f'<span class="what">{esc(f.key_label)}</span></div><p>{f.sentence}{evidence}</p></div>')
        title = esc(a.title)
        if link_base:
            title = f'<a href="{esc(link_base)}">{title}</a>'
        blocks.append(f'<section id="analysis-{esc(a.prefix)}"><h2>{title}</h2>\n' + "\n".join(body) + "</section>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Readout brief</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{BRIEF_CSS}</style></head>
<body>
<header><h1>Readout brief: headline findings</h1>
<p>{reports} reports from {outlets} outlets, published {first} to {last}. Corpus: <code>{esc(corpus_label)}</code>.
Every sentence below is generated from the exported tables; each links to its evidence in the full report.</p></header>
{chr(10).join(blocks)}
{caveats}
<footer>Built by <code>readout report</code> from the tables <code>readout export</code> writes; the numbers change when the corpus does.
Read the caveats in each full report before quoting a figure.</footer>
</body></html>
"""


#: Tables the brief reads besides those of its findings: the header and the caveats
#: (:func:`render_brief`, :func:`_caveats`; keep this in step with them).
_BRIEF_EXTRA_TABLES = ("articles", "quotes", "frames_by_side")


def prepare_brief(corpus, tables: dict | None = None) -> tuple[list[Analysis], _Numbers]:
    """The brief's findings with every table the brief reads built: what :func:`write_brief`
    needs, computed before the report pages exist (the report build does it while the
    notebooks run). A table that cannot be built is left for the brief to report as missing."""
    analyses, n = brief_analyses(corpus, tables)
    for name in _BRIEF_EXTRA_TABLES:
        try:
            n.table(name)
        except MissingAnalysis:
            pass
    return analyses, n


def write_brief(out: str | Path, corpus, corpus_label: str, pages: dict[str, Path] | None = None,
                tables: dict | None = None) -> tuple[Path, list[Analysis]]:
    """Write ``out/brief.html``; ``pages`` maps notebook numbers ("01") to full report pages."""
    analyses, n = brief_analyses(corpus, tables)
    return _write_brief_page(out, analyses, n, pages or {}, corpus_label), analyses


def _write_brief_page(out, analyses: list[Analysis], n: _Numbers, pages: dict[str, Path], corpus_label: str) -> Path:
    target = Path(out) / "brief.html"
    target.write_text(render_brief(analyses, n, pages, corpus_label), encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------
# Putting it together (finish_teaching is called by readout.report.build_reports)
# --------------------------------------------------------------------------------------


@dataclass
class TeachingKit:
    out: Path
    brief: Path
    analyses: list[Analysis]
    workbooks: list[Workbook]
    slides: list[Path]
    pages: list[Path]


def finish_teaching(out: str | Path, corpus_path: str | None, infos, workbooks: list[Workbook],
                    brief: tuple[list[Analysis], _Numbers]) -> TeachingKit:
    """Once the notebooks' pages and the workbooks are written: copy the reveal.js files beside
    the slides and write the brief (``brief`` from :func:`prepare_brief`) into ``out``."""
    out = Path(out)
    copy_reveal_assets(out / "slides")
    full = {info.name[:2]: out / "full" / f"{info.name}.html" for info in infos}
    analyses, n = brief
    page = _write_brief_page(out, analyses, n, full, corpus_path or "bundled seeds/")
    slides = [out / "slides" / f"{info.name}.html" for info in infos]
    pages = [page] + [p for w in workbooks for p in (w.student_html, w.instructor_html)]
    return TeachingKit(out=out, brief=page, analyses=analyses, workbooks=workbooks, slides=slides, pages=pages)


def _short_title(title: str) -> str:
    short = re.sub(r"^Exercises:\s*", "", title)
    return short[:1].upper() + short[1:]


def render_index_section(kit: TeachingKit) -> str:
    """The index page's links to the brief, the slides and the exercise workbooks."""
    esc = html.escape
    rows = "\n".join(
        f'<li><strong>{esc(_short_title(w.title))}</strong>: '
        f'<a href="exercises/student/{esc(w.name)}.html">student</a> '
        f'(<a href="exercises/student/{esc(w.name)}.ipynb" download>.ipynb</a>) · '
        f'<a href="exercises/instructor/{esc(w.name)}.html">instructor, with solutions</a> '
        f'(<a href="exercises/instructor/{esc(w.name)}.ipynb" download>.ipynb</a>)</li>'
        for w in kit.workbooks
    )
    slides = " · ".join(f'<a href="slides/{esc(p.name)}">{esc(p.stem)}</a>' for p in kit.slides)
    return f"""<section class="teaching">
<p><a href="brief.html"><strong>The one-page brief</strong></a>: headline findings of the four analyses, printable (A4 or Letter).</p>
<p><strong>Slides</strong> (reveal.js, work offline; arrow keys to advance, S for speaker notes): {slides}</p>
<h2>Exercises</h2>
<p>One workbook per analysis: read a figure, change a parameter, extend a codebook.</p>
<ul class="workbooks">
{rows}
</ul>
<p>Facilitator notes (session order, timings, questions for the room, caveats to say aloud): <code>notebooks/README.md</code>.</p>
<h2>Analysis notebooks</h2>
</section>"""
