"""The teaching and briefing kit: slides, exercise workbooks and the one-page brief.

Built once by the session fixture ``built_reports`` (what ``readout report`` writes), then
read as files and opened in Debian's chromium with every network request cut.
"""

from __future__ import annotations

import ast
import html as htmllib
import json
import math
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from conftest import offline_page
from readout.reports.brief import write_brief
from readout.reports.brief_query import Spec, evaluate, format_value
from readout.reports.notebook_io import list_notebooks
from readout.reports.slides import REVEAL_FILES, copy_reveal_assets, slides_notebook
from readout.reports.workbooks import EXERCISES_DIR, is_solution, list_workbooks
from readout.scale.tables import TABLES

WORKBOOKS = list_workbooks()
ANALYSES = [p.stem for p in list_notebooks() if p.stem[:2] in {"01", "02", "03", "04"}]


# ------------------------------------------------------------------------------------------
# slide assignment on hand-made notebooks
# ------------------------------------------------------------------------------------------

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def _figure():
    return nbformat.v4.new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"})


def _table():
    return nbformat.v4.new_output(
        "display_data", data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t"}
    )


def _text(s):
    return nbformat.v4.new_output("display_data", data={"text/markdown": s, "text/plain": s})


def _nb(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def _code(*outputs, tags=()):
    c = nbformat.v4.new_code_cell("x = 1")
    c.outputs = list(outputs)
    if tags:
        c.metadata["tags"] = list(tags)
    return c


def test_each_figure_gets_its_own_slide_and_headings_start_slides():
    nb = _nb(
        nbformat.v4.new_markdown_cell("# Title\n\n**Question:** q?\n\n- **Data:** d\n- **Method:** m"),
        _code(tags=["parameters"]),
        nbformat.v4.new_markdown_cell("## First question?"),
        _code(_table(), _figure(), _text("*caption one*")),
        _code(_figure(), _text("*caption two*")),
        nbformat.v4.new_markdown_cell("Some reading."),
        nbformat.v4.new_markdown_cell("## Second question?"),
        _code(_text("a computed sentence")),
    )
    deck = slides_notebook(nb)
    kinds = [(c.cell_type, c.metadata["slideshow"]["slide_type"]) for c in deck.cells]
    assert kinds == [
        ("markdown", "slide"),  # title and question
        ("markdown", "notes"),  # the rest of the opening block goes to speaker notes
        ("code", "skip"),  # the parameters cell shows nothing
        ("markdown", "slide"),
        ("code", "-"),  # the table, under its heading
        ("code", "subslide"),  # its figure, split off onto a slide of its own, caption kept with it
        ("code", "subslide"),  # the second figure: never two figures on one slide
        ("markdown", "-"),
        ("markdown", "slide"),
        ("code", "-"),
    ]
    assert deck.cells[0].source.startswith("# Title") and "Data:" not in deck.cells[0].source
    assert [len(c.outputs) for c in deck.cells if c.cell_type == "code"] == [0, 1, 2, 2, 1]
    per_slide, count = [], 0
    for c in deck.cells:
        if c.metadata["slideshow"]["slide_type"] in ("slide", "subslide"):
            per_slide.append(count)
            count = 0
        count += sum("image/png" in o.get("data", {}) for o in c.get("outputs", []))
    per_slide.append(count)
    assert max(per_slide) == 1
    assert len(nb.cells) == 8 and "slideshow" not in nb.cells[3].metadata  # the original is untouched


def test_notebook_slide_metadata_wins():
    md = nbformat.v4.new_markdown_cell("## A heading kept as a fragment")
    md.metadata["slideshow"] = {"slide_type": "fragment"}
    fig = _code(_figure(), _figure())
    fig.metadata["slideshow"] = {"slide_type": "skip"}
    deck = slides_notebook(_nb(nbformat.v4.new_markdown_cell("# T"), md, fig))
    assert [c.metadata["slideshow"]["slide_type"] for c in deck.cells] == ["slide", "fragment", "skip"]
    assert len(deck.cells[2].outputs) == 2  # a cell with its own slide type is not split


def test_stderr_never_reaches_a_slide():
    warn = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: something\n")
    deck = slides_notebook(_nb(nbformat.v4.new_markdown_cell("# T"), _code(warn)))
    assert deck.cells[1].outputs == [] and deck.cells[1].metadata["slideshow"]["slide_type"] == "skip"


def test_reveal_assets_are_local_and_licensed(tmp_path):
    dest = copy_reveal_assets(tmp_path)
    for rel in REVEAL_FILES:
        assert (dest / rel).stat().st_size > 0, rel
    assert "MIT" in (dest / "LICENSE").read_text()
    assert re.search(r"reveal\.js [45]\.", (dest / "dist" / "reveal.js").read_text()[:300])
    theme = (dest / "dist" / "theme" / "white.css").read_text()
    for url in re.findall(r"url\(([^)]+)\)", theme):
        assert not url.strip("'\"").startswith(("http:", "https:", "//")), url


# ------------------------------------------------------------------------------------------
# slides as built
# ------------------------------------------------------------------------------------------


def test_slides_written_for_each_analysis_notebook(built_reports):
    slides = built_reports.out / "slides"
    assert len(ANALYSES) == 4
    for name in ANALYSES:
        page = (slides / f"{name}.html").read_text(encoding="utf-8")
        assert page.count("data:image/png;base64") >= 1, f"{name}: no figure on the slides"
        assert not re.search(r'class="[^"]*jp-InputArea-editor', page), f"{name}: code on the slides"
        remote = re.findall(r'<(?:script|link)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', page)
        assert remote == [], f"{name}: slides load {remote}"
        assert 'src="reveal.js/dist/reveal.js"' in page
    assert (slides / "reveal.js" / "dist" / "reveal.js").is_file()


@pytest.mark.parametrize("name", ANALYSES)
def test_slides_open_and_advance_with_the_network_cut(built_reports, chromium, name):
    page = offline_page(chromium, viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built_reports.out / "slides" / f"{name}.html").as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 4, f"{name}: only {total} slides"
    first = page.evaluate("Reveal.getIndices()")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h > 0", timeout=5000)
    assert page.evaluate("Reveal.getIndices()") != first
    stats = page.evaluate("""() => {
        const leaves = [...document.querySelectorAll('.reveal .slides section')].filter(s => !s.querySelector('section'));
        return {
          perSlide: leaves.map(s => s.querySelectorAll('img').length),
          code: document.querySelectorAll('.jp-InputArea-editor, .jp-CodeCell .highlight').length,
          h1: parseFloat(getComputedStyle(document.querySelector('.reveal h1')).fontSize),
          body: parseFloat(getComputedStyle(document.querySelector('.reveal .jp-RenderedMarkdown p')).fontSize),
        };
    }""")
    assert sum(stats["perSlide"]) >= 1 and max(stats["perSlide"]) == 1, f"{name}: figures per slide {stats['perSlide']}"
    assert stats["code"] == 0, f"{name}: code visible on the slides"
    assert stats["body"] >= 28 and stats["h1"] >= 40, stats  # projector type, in reveal's 1280x720 canvas
    # walk to the first figure: it is drawn, fills most of the slide height, and is not cut off
    for _ in range(total):
        shown = page.evaluate("""() => { const s = Reveal.getCurrentSlide(); const img = s.querySelector('img');
            if (!img) return null; const r = img.getBoundingClientRect();
            return {w: img.naturalWidth, h: r.height, bottom: r.bottom, top: r.top}; }""")
        if shown:
            break
        page.evaluate("Reveal.next()")
    assert shown and shown["w"] > 0, f"{name}: no figure reached"
    assert shown["h"] >= 0.55 * 720 and shown["top"] >= 0, f"{name}: figure too small for a projector: {shown}"
    assert page.blocked_requests == [], f"{name}: tried the network: {page.blocked_requests}"
    assert errors == [], errors
    page.close()


@pytest.mark.parametrize("name", ANALYSES)
def test_every_slide_is_reached_with_the_right_arrow_and_fits(built_reports, chromium, name):
    """A presenter pressing only the right arrow reaches every slide, vertical ones included,
    and no slide's content runs past the 1280x720 slide."""
    page = offline_page(chromium, viewport={"width": 1280, "height": 720})
    page.goto((built_reports.out / "slides" / f"{name}.html").as_uri())
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=15000)
    total = page.evaluate("Reveal.getTotalSlides()")
    seen, overflowing = set(), []
    for _ in range(total + 2):
        at = page.evaluate("(() => { const i = Reveal.getIndices(); return [i.h, i.v || 0]; })()")
        seen.add(tuple(at))
        over = page.evaluate("""() => { const s = Reveal.getCurrentSlide();
            return s.scrollHeight - s.clientHeight > 2 || s.scrollWidth - s.clientWidth > 2; }""")
        if over:
            overflowing.append(tuple(at))
        if page.evaluate("Reveal.isLastSlide()"):
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(30)
    assert len(seen) == total, f"{name}: the right arrow reached {len(seen)} of {total} slides"
    assert overflowing == [], f"{name}: slides running past 1280x720: {overflowing}"
    page.close()


# ------------------------------------------------------------------------------------------
# exercise workbooks
# ------------------------------------------------------------------------------------------


def test_one_workbook_per_analysis_with_graded_tasks():
    assert [p.stem for p in WORKBOOKS] == ANALYSES
    for path in WORKBOOKS:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0].source
        assert nb.cells[0].cell_type == "markdown" and first.startswith("# ") and "**Question:**" in first, path.name
        params = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(params) == 1 and "CORPUS = None" in params[0].source, path.name
        headings = [
            c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("## ")
        ]
        tasks = [h for h in headings if h.startswith("## Task")]
        assert [re.search(r"\(([^)]+)\)", t).group(1) for t in tasks] == [
            "read a figure",
            "change a parameter",
            "extend the codebook",
        ], path.name
        assert headings[-1].startswith("## What this shows / Caveats / Where next"), path.name
        solutions = [c for c in nb.cells if is_solution(c)]
        assert len(solutions) == len(tasks) and all(c.cell_type == "code" for c in solutions), path.name
        answers = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("# Your answer")]
        assert len(answers) == len(tasks), path.name


def _names(tree) -> tuple[set[str], set[str]]:
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (stored if isinstance(node.ctx, ast.Store) else loaded).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            stored.add(node.name)
    return stored, loaded


def test_student_version_does_not_need_the_solutions():
    """No cell a student runs reads a name that only a solution cell defines."""
    for path in WORKBOOKS:
        nb = nbformat.read(path, as_version=4)
        only_solutions: set[str] = set()
        defined: set[str] = set()
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            stored, loaded = _names(ast.parse(cell.source))
            if is_solution(cell):
                only_solutions |= stored - defined
            else:
                leaked = (loaded & only_solutions) - defined
                assert not leaked, f"{path.name}: a student cell uses {leaked}, defined only in a solution"
                defined |= stored


def test_student_and_instructor_versions_written(built_reports):
    out = built_reports.out / "exercises"
    for path in WORKBOOKS:
        source = nbformat.read(path, as_version=4)
        solutions = [c for c in source.cells if is_solution(c)]
        student = nbformat.read(out / "student" / f"{path.stem}.ipynb", as_version=4)
        instructor = nbformat.read(out / "instructor" / f"{path.stem}.ipynb", as_version=4)
        assert not any(is_solution(c) for c in student.cells), path.name
        assert len(student.cells) == len(source.cells) - len(solutions)
        assert sum(is_solution(c) for c in instructor.cells) == len(solutions)
        for nb in (student, instructor):  # downloads come stripped, ready to run
            assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")
        s_html = (out / "student" / f"{path.stem}.html").read_text(encoding="utf-8")
        i_html = (out / "instructor" / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "data:image/png;base64" in s_html and "data:image/png;base64" in i_html, path.name
        assert "output_error" not in i_html and "Traceback" not in i_html, path.name
        # the solution cells' outputs appear only in the instructor page
        assert len(i_html) > len(s_html)


def test_instructor_version_runs_every_solution_cell(built_reports, tmp_path):
    """Execute the instructor notebooks the build wrote; every solution cell runs without error."""
    from concurrent.futures import ThreadPoolExecutor

    from nbclient import NotebookClient

    def run(path: Path):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(EXERCISES_DIR)}}
        ).execute()
        return path.name, nb

    paths = [built_reports.out / "exercises" / "instructor" / f"{p.stem}.ipynb" for p in WORKBOOKS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, paths))
    for name, nb in results:
        solutions = [c for c in nb.cells if is_solution(c)]
        assert len(solutions) == 3, name
        for cell in solutions:
            assert cell.execution_count is not None, f"{name}: a solution cell did not run"
            assert not any(o.get("output_type") == "error" for o in cell.outputs), f"{name}: {cell.source[:60]}"
            assert any(o.get("output_type") in ("display_data", "execute_result") for o in cell.outputs), (
                f"{name}: a solution cell shows nothing"
            )


def test_solutions_absent_from_the_student_page_in_the_browser(built_reports, chromium):
    for path in WORKBOOKS:
        source = nbformat.read(path, as_version=4)

        def norm(text):
            return re.sub(r"\s+", " ", text).strip()

        solutions = [norm(c.source) for c in source.cells if is_solution(c)]
        others = [norm(c.source) for c in source.cells if c.cell_type == "code" and not is_solution(c)]
        for kind, present in (("student", False), ("instructor", True)):
            page = offline_page(chromium)
            page.goto((built_reports.out / "exercises" / kind / f"{path.stem}.html").as_uri())
            cells = [
                norm(t)
                for t in page.evaluate("[...document.querySelectorAll('.jp-InputArea-editor')].map(e => e.innerText)")
            ]
            figures = page.evaluate("[...document.querySelectorAll('img')].filter(i => i.naturalWidth > 0).length")
            assert figures >= 1, f"{kind}/{path.name}: no figure drawn"
            for sol in solutions:
                assert (sol in cells) is present, f"{kind}/{path.name}: solution {sol[:60]!r}"
            assert set(others) <= set(cells), f"{kind}/{path.name}: a task cell is missing"
            assert page.blocked_requests == []
            page.close()


# ------------------------------------------------------------------------------------------
# the brief
# ------------------------------------------------------------------------------------------

_OPS = {"==": "__eq__", "!=": "__ne__", ">": "__gt__", ">=": "__ge__", "<": "__lt__", "<=": "__le__"}


def _recompute(spec: dict, folder: Path):
    """An independent reading of a brief number's recipe, on the CSV files `readout export` wrote."""
    df = pd.read_csv(folder / f"{spec['table']}.csv", keep_default_na=True)
    if spec.get("distinct") == "quotations":  # repeated copy counted once, by the library's one rule
        from readout.analysis.sentiment import distinct_quotes

        df = distinct_quotes(df.fillna({"speaker": "", "text": ""}))
    for col, op, value in spec["where"]:
        if op == "contains":
            df = df[df[col].fillna("").astype(str).str.lower().str.contains(str(value).lower(), regex=False)]
        else:
            series = df[col].fillna("") if isinstance(value, str) else df[col]  # an empty cell reads as NaN
            df = df[getattr(series, _OPS[op])(value)]
    if spec["sort"]:
        df = df.sort_values([c for c, _ in spec["sort"]], ascending=[a for _, a in spec["sort"]], kind="stable")
    column = spec["column"]
    if spec["by"]:
        g = df.groupby(spec["by"])
        s = g.size() if column is None else g[column].agg(spec["agg"])
        value = {"idxmax": s.idxmax, "idxmin": s.idxmin, "max": s.max, "min": s.min, "sum": s.sum}[spec["pick"]]()
    elif column is None:
        value = len(df)
    else:
        col = df[column].sum(axis=1) if isinstance(column, list) else df[column]
        value = col.iloc[0] if spec["agg"] == "first" else col.agg(spec["agg"])
    if spec.get("over"):
        value = value / _recompute(spec["over"], folder)
    return value


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from readout.cli import main

    out = tmp_path_factory.mktemp("exported")
    assert main(["export", "--out", str(out)]) == 0
    return out


_DATA = re.compile(r"<data class=\"num\" value=\"([^\"]*)\" data-format=\"(\w+)\" data-spec='([^']*)'>([^<]*)</data>")


def test_every_number_in_the_brief_matches_the_exported_tables(built_reports, exported):
    page = (built_reports.out / "brief.html").read_text(encoding="utf-8")
    found = _DATA.findall(page)
    assert len(found) >= 30
    tables = set()
    for value, fmt, spec_json, shown in found:
        spec = json.loads(htmllib.unescape(spec_json))
        tables.add(spec["table"])
        expected = _recompute(spec, exported)
        if fmt == "label":
            assert str(expected) == htmllib.unescape(value) == htmllib.unescape(shown), spec
        elif fmt == "date":
            assert str(expected) == htmllib.unescape(value), spec
            assert htmllib.unescape(shown) == format_value(str(expected), fmt), (shown, expected)
        else:
            assert math.isclose(float(value), float(expected), rel_tol=1e-9, abs_tol=1e-12), (spec, value, expected)
            assert htmllib.unescape(shown) == format_value(float(expected), fmt), (shown, expected)
    assert {
        "outlet_profiles",
        "reuse",
        "topics",
        "mentions",
        "edges",
        "sentiment",
        "frames_by_side",
        "framing_terms",
        "articles",
        "quotes",
    } <= tables
    # and no number is typed by hand: outside the <data> elements, the visible text holds no digit
    body = page[page.index("<body>") :]
    body = re.sub(r'<data class="derived" data-source="[^"]+">.*?</data>', " ", body)  # intervals, dates: see claims
    text = re.sub(r"<[^>]+>", " ", _DATA.sub(" ", body))
    assert not re.findall(r"\d", htmllib.unescape(text)), re.findall(r".{20}\d.{20}", htmllib.unescape(text))


def test_brief_has_all_four_analyses_each_linked_to_its_evidence(built_reports):
    out = built_reports.out
    page = (out / "brief.html").read_text(encoding="utf-8")
    assert "Not in this build" not in page and "briefing page not built" not in page
    # the brief names the event and when it was built, in words
    assert "Readout brief: Secretary Blinken" in page and "(18\u201319 June 2023)" in page
    shown = re.sub(r"<[^>]+>", "", page)  # the date is marked up as a derived number
    assert re.search(r"Built \d{1,2} [A-Z][a-z]+ \d{4}", shown) and "outlet_kind" not in page
    for prefix in ("01", "02", "03", "04"):
        section = re.search(rf'<section id="analysis-{prefix}">(.*?)</section>', page, re.S).group(1)
        assert section.count('class="finding"') >= 2, prefix
        assert section.count('class="big"') == section.count('class="finding"'), prefix
    links = re.findall(r'href="(briefing/[^"#]+)#([^"]+)"', page)
    assert len(links) == page.count('class="finding"')
    for target, anchor in links:
        html = (out / target).read_text(encoding="utf-8")
        assert f'id="{htmllib.unescape(anchor)}"' in html, (target, anchor)


def test_brief_prints_on_one_page_in_a4_and_letter(built_reports, chromium):
    page = offline_page(chromium)
    page.goto((built_reports.out / "brief.html").as_uri())
    for fmt in ("A4", "Letter"):
        pdf = page.pdf(format=fmt, print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        assert pages == 1, f"{fmt}: {pages} pages"
    links = page.evaluate("[...document.querySelectorAll('.evidence a')].length")
    assert links == page.evaluate("document.querySelectorAll('.finding').length") >= 8
    assert page.blocked_requests == []
    page.close()


def test_brief_notes_an_unregistered_analysis_and_fails_on_a_broken_one(corpus, monkeypatch, tmp_path):
    from readout.reports.brief import write_brief
    from readout.reports.brief_query import BriefError
    from readout.scale.tables import Table

    monkeypatch.delitem(TABLES, "framing_terms")
    path, analyses = write_brief(tmp_path, corpus, "seeds")
    by_prefix = {a.prefix: a for a in analyses}
    assert "not registered" in by_prefix["04"].missing and by_prefix["04"].findings == []
    assert by_prefix["01"].findings and by_prefix["02"].findings and not by_prefix["01"].missing
    page = path.read_text(encoding="utf-8")
    assert page.count('class="missing"') >= 1 and "Not in this build" in page
    # a table that fails to build is an error that names it, not a quiet gap in the brief
    monkeypatch.setitem(TABLES, "sentiment", Table("sentiment", "readout.no_such_module:score"))
    with pytest.raises(BriefError, match="'sentiment' failed to build: ModuleNotFoundError"):
        write_brief(tmp_path / "again", corpus, "seeds")


def test_spec_evaluation_on_a_small_table():
    t = {"x": pd.DataFrame({"side": ["US", "US", "China", "Other"], "n": [3, 1, 4, 2], "who": ["a", "b", "c", "d"]})}
    assert evaluate(Spec("x"), t) == 4
    assert evaluate(Spec("x", column="n", agg="sum", where=(("side", "==", "US"),)), t) == 4
    assert evaluate(Spec("x", by="side", column="n", agg="sum", pick="idxmax"), t) == "China"
    assert evaluate(Spec("x", column="who", agg="first", sort=(("n", False),)), t) == "c"
    share = Spec("x", column="n", agg="sum", where=(("side", "==", "China"),), over=Spec("x", column="n", agg="sum"))
    assert evaluate(share, t) == 0.4
    assert format_value(0.4, "pct") == "40%" and format_value(-0.125, "dec2") == "\u22120.12"


def test_index_links_slides_workbooks_and_brief(built_reports):
    out = built_reports.out
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"#]+)"', index)
    assert "brief.html" in hrefs
    for name in ANALYSES:
        assert f"slides/{name}.html" in hrefs
    for path in WORKBOOKS:
        for kind in ("student", "instructor"):
            for ext in ("html", "ipynb"):
                assert f"exercises/{kind}/{path.stem}.{ext}" in hrefs
    for href in hrefs:
        assert (out / href).is_file(), href


def test_brief_on_a_corpus_without_chinese_statements(tmp_path):
    """A small corpus of the user's own: sections that cannot be computed say so; the rest stands."""
    import readout
    from conftest import write_corpus

    folder = write_corpus(
        tmp_path / "mine",
        {
            "a.txt": "Blinken visits\n\nAntony Blinken met officials on Monday. \u201cWe want open lines,\u201d Blinken said.\n",
            "b.txt": "Talks resume\n\nU.S. officials said the talks were constructive and candid.\n",
        },
    )
    corpus = readout.load_corpus(folder)
    path, analyses = write_brief(tmp_path, corpus, str(folder))
    page = path.read_text(encoding="utf-8")
    by_prefix = {a.prefix: a for a in analyses}
    assert by_prefix["02"].findings, "the network findings need only mentions"
    assert "Antony Blinken" in page
    # no Chinese statements to contrast: the section says so in its findings, not with a gap
    framing = " ".join(f.sentence for f in by_prefix["04"].findings)
    assert "there are no China statements" in framing and "No word is distinctive" in framing
    values = re.findall(r'data-format="int"[^>]*>(\d+)</data> documents from', page)
    assert values == ["2"]
