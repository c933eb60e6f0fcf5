"""The interactive explorers: their data agrees with the library's tables, they are safe with
hostile text, the report sanitiser keeps their scripts and no other, and in Chromium, with
every network request refused, they do what a reader asks of them."""

from __future__ import annotations

import csv
import io
import json
import re

import nbformat
import pandas as pd
import pytest

import readout
import test_browser_lab
from conftest import load_texts, offline_page
from readout.analysis.fightin_words import framing_terms_table
from readout.analysis.network import WINDOWS, co_mention_graph, edge_table
from readout.analysis.statements import side_statements
from readout.paths import DATA_DIR, SEEDS_DIR
from readout.reports.display import has_active_content, is_trusted_widget, sanitize_outputs
from readout.reports.interactive import (
    DEMO_PAGES,
    PAGE_BUDGET,
    network_explorer,
    quote_ledger,
    static_layout,
    term_explorer,
    write_demo_pages,
)
from readout.reports.widget_js import WIDGET_SCRIPTS
from readout.reports.widgets import html_sha256, make_widget, script_json

#: the JupyterLab server of the notebook tests (a fixture), for the explorers' run inside Lab
lab_server = test_browser_lab.lab_server

#: Markup, an entity, a line separator: each must reach the reader as these very characters.
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">\u2028&amp; <!-- x'
HOSTILE_ACTOR = '<img src=y onerror="window.__pwned=3">Actor\u2029'

_PAYLOAD = re.compile(r'<script type="application/json">(.*?)</script>', re.S)


def payload(widget) -> dict:
    """The data an explorer (or a page holding one) carries, decoded as the page decodes it."""
    found = _PAYLOAD.search(widget if isinstance(widget, str) else widget.html)
    assert found is not None
    return json.loads(found.group(1))


def widget_output(widget) -> dict:
    data, metadata = widget._repr_mimebundle_()
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata)


# --------------------------------------------------------------------------- data and markup


def test_script_json_cannot_leave_its_script_element():
    data = {"t": HOSTILE, "list": [HOSTILE_ACTOR, "\u2028\u2029", "a>b&c"], "lone": "x\ud800y"}
    text = script_json(data)
    assert not set("<>&\u2028\u2029") & set(text)
    decoded = json.loads(text)
    assert decoded["t"] == HOSTILE and decoded["list"] == data["list"] and decoded["lone"] == "x\ufffdy"
    with pytest.raises(ValueError):
        script_json({"x": float("nan")})


def test_scripts_insert_text_never_markup():
    for kind, script in WIDGET_SCRIPTS.items():
        assert script.isascii(), kind
        for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "</"):
            assert forbidden not in script, f"{kind} uses {forbidden}"
        assert "<table" not in script and "<tr" not in script  # the report's table rewriting must leave it alone


def test_widget_output_is_marked_and_has_a_text_fallback(corpus):
    widget = quote_ledger(readout.extract_quotes(corpus), corpus=corpus)
    data, metadata = widget._repr_mimebundle_()
    assert data["text/html"] == widget.html == widget._repr_html_()
    assert data["text/plain"].startswith("Quote ledger:") and "<" not in data["text/plain"]
    assert metadata == {"readout": {"widget": "quote-ledger", "sha256": html_sha256(widget.html)}}
    assert repr(widget) == data["text/plain"]
    assert "<table" not in widget.html  # briefing pages rewrite pandas tables; this is none


def test_term_explorer_lists_the_statements_behind_every_count(corpus):
    terms = framing_terms_table(corpus)
    data = payload(term_explorer(terms, side_statements(corpus)))
    assert len(data["terms"]) == len(terms) and data["orders"] == [1, 2]
    statements = data["statements"]
    for (term, order, n_us, n_china, z, q, x), uses in zip(data["terms"], data["uses"]):
        pairs = list(zip(uses[::2], uses[1::2]))
        assert sum(n for s, n in pairs if statements[s][0] == "US") == n_us, term
        assert sum(n for s, n in pairs if statements[s][0] == "China") == n_china, term
    first = terms.iloc[0]
    assert data["terms"][0][:4] == [first["term"], first["order"], first["n_us"], first["n_china"]]
    assert data["terms"][0][4] == pytest.approx(first["z"], abs=1e-4)


def test_term_explorer_shows_the_layer_when_statements_have_one(corpus):
    pieces = side_statements(corpus).assign(layer="reported speech")
    records = payload(term_explorer(framing_terms_table(corpus), pieces))["statements"]
    assert {r[3] for r in records} == {"reported speech"}


def test_network_explorer_adds_up_to_the_static_network(corpus):
    mentions = readout.find_mentions(corpus)
    data = payload(network_explorer(mentions, corpus))
    actors = [a[0] for a in data["actors"]]
    sentences = data["sentences"]
    article_ids = [a for a in corpus.articles["article_id"] if a in set(mentions["article_id"])]
    for window in WINDOWS:
        totals: dict = {}
        for a, b, art, weight, ids in data["edges"][window]:
            entry = totals.setdefault((actors[a], actors[b]), [0, set(), set()])
            entry[0] += weight
            entry[1].add(art)
            entry[2].update((article_ids[sentences[k][0]], sentences[k][1]) for k in ids)
        graph = co_mention_graph(mentions, window=window)
        expected = edge_table(graph)
        assert len(totals) == len(expected), window
        for row in expected.itertuples():
            weight, arts, evidence = totals[(row.source, row.target)]
            assert (weight, len(arts)) == (row.weight, row.n_articles)
            assert evidence == {(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in row.evidence.split(";")}
    graph = co_mention_graph(mentions, window="sentence")
    mentions_of = {}
    for actor, _, n in data["mentions"]:
        mentions_of[actors[actor]] = mentions_of.get(actors[actor], 0) + n
    assert mentions_of == {n: d["mentions"] for n, d in graph.nodes(data=True)}
    layout = static_layout(mentions)
    for name, pos in zip(actors, data["pos"]):
        if name in layout:
            assert pos == pytest.approx(list(layout[name]), abs=1e-4)
        else:
            assert pos is None and graph.degree(name) == 0


def test_quote_ledger_rows_carry_tone_and_sentence(corpus):
    quotes = readout.extract_quotes(corpus)
    sentiment = readout.score_sentiment(corpus)
    data = payload(quote_ledger(quotes, sentiment, corpus=corpus))
    f = {name: k for k, name in enumerate(data["fields"])}
    assert len(data["rows"]) == len(quotes)
    plain = sentiment[(sentiment["unit"] == "quote") & (sentiment["variant"] == "plain")].set_index("unit_id")
    found = 0
    for row in data["rows"]:
        assert row[f["tone"]] == pytest.approx(plain.at[row[f["quote_id"]], "compound"], abs=1e-3)
        if row[f["sentence"]] is not None:
            found += 1
            assert row[f["sentence"]][row[f["sentence_start"]] : row[f["sentence_end"]]] == row[f["text"]]
    assert found == len(quotes)
    # without the corpus, the sentiment table's sentence rows still place every one-sentence quote
    bare = payload(quote_ledger(quotes, sentiment))
    assert sum(r[f["sentence"]] is not None for r in bare["rows"]) >= 0.9 * len(quotes)


def test_page_sizes_keep_to_the_budget(corpus, tmp_path):
    paths = write_demo_pages(corpus, tmp_path)
    assert [p.name for p in paths] == list(DEMO_PAGES)
    for path in paths:
        assert path.stat().st_size <= PAGE_BUDGET, f"{path.name}: {path.stat().st_size} bytes"


# --------------------------------------------------------------------------- the sanitiser


def _hostile_terms_widget():
    terms = pd.DataFrame(
        {
            "term": [HOSTILE, "respect"],
            "order": [1, 1],
            "n_us": [1, 1],
            "n_china": [0, 0],
            "z": [2.5, 0.4],
            "q": [0.01, 0.9],
        }
    )
    statements = pd.DataFrame(
        {
            "piece_id": ["p1"],
            "statement_id": ["s1"],
            "side": ["US"],
            "article_id": ["a"],
            "outlet": [HOSTILE],
            "start": [0],
            "kind": ["quote"],
            "text": [f"Show respect {HOSTILE}"],
            "speaker": [HOSTILE_ACTOR],
            "layer": [HOSTILE],
            "counted": [True],
            "duplicate_of": [None],
        }
    )
    return term_explorer(terms, statements)


def test_sanitiser_keeps_the_scripts_of_untouched_explorers_only():
    widget = _hostile_terms_widget()
    good = widget_output(widget)
    tampered = widget_output(widget)
    tampered["data"]["text/html"] = widget.html.replace("</div>", "<script>window.__pwned=4</script></div>")
    forged = widget_output(widget)  # a foreign script with metadata whose hash matches
    forged["data"]["text/html"] = tampered["data"]["text/html"]
    forged["metadata"]["readout"]["sha256"] = html_sha256(forged["data"]["text/html"])
    smuggled = widget_output(widget)  # markup inside the JSON element
    smuggled["data"]["text/html"] = widget.html.replace('json">{', 'json"><img src=x onerror=alert(1)>{')
    smuggled["metadata"]["readout"]["sha256"] = html_sha256(smuggled["data"]["text/html"])
    plain = nbformat.v4.new_output("display_data", data={"text/html": f"<p>{HOSTILE}</p>", "text/plain": "x"})
    table = pd.DataFrame({"a": [HOSTILE]}).to_html()
    benign = nbformat.v4.new_output("execute_result", data={"text/html": table}, execution_count=1)
    script = nbformat.v4.new_output("display_data", data={"application/javascript": "window.__pwned=5"})
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x", outputs=[good, tampered, forged, smuggled, plain, benign, script])]
    assert is_trusted_widget(good) and not any(map(is_trusted_widget, (tampered, forged, smuggled, plain)))
    assert sanitize_outputs(nb) == 5
    outs = nb.cells[0].outputs
    assert outs[0]["data"]["text/html"] == widget.html
    for out in outs[1:5]:
        assert not re.search(r"<script|<[^>]*\son\w+=", out["data"]["text/html"]), out["data"]["text/html"][-300:]
    assert outs[5]["data"]["text/html"] == table  # ordinary tables are left byte for byte
    assert "application/javascript" not in outs[6]["data"]


def test_explorer_markup_outside_its_scripts_is_inert():
    for widget in (_hostile_terms_widget(), make_widget("quote-ledger", {"rows": [HOSTILE]}, "text", "fallback")):
        rest = re.sub(r"<script\b.*?</script>", "", widget.html, flags=re.S)
        assert not has_active_content(rest)


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture(scope="module")
def demo_pages(corpus, tmp_path_factory):
    return {p.name: p for p in write_demo_pages(corpus, tmp_path_factory.mktemp("explorers"))}


def _open(chromium, path):
    page = offline_page(chromium, viewport={"width": 1200, "height": 1000})
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("[data-ro-ready]", state="attached")
    page.requests, page.errors = requests, errors
    return page


def _done(page):
    assert page.errors == []
    assert page.blocked_requests == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in page.requests), page.requests
    page.close()


@pytest.mark.browser
def test_clicking_a_term_lists_its_statements(chromium, demo_pages, corpus):
    page = _open(chromium, demo_pages["term-explorer.html"])
    data = payload(demo_pages["term-explorer.html"].read_text(encoding="utf-8"))
    i = max(range(len(data["terms"])), key=lambda k: len(data["uses"][k]) if data["terms"][k][1] == 1 else -1)
    term = data["terms"][i][0]
    page.click(f'circle[data-i="{i}"], path[data-i="{i}"]')
    panel = page.locator(".ro-panel")
    assert panel.locator(".ro-item").count() == len(data["uses"][i]) // 2
    assert term in panel.locator(".ro-head").inner_text()
    assert panel.locator("mark").count() >= len(data["uses"][i]) // 2
    page.hover(f'circle[data-i="{i}"], path[data-i="{i}"]')
    assert f"US {data['terms'][i][2]}" in page.locator(".ro-tip").inner_text()
    page.get_by_label("word pairs").check()
    assert page.locator(".ro-pt:not(text)").count() == sum(t[1] == 2 for t in data["terms"])
    page.fill("input[type=search]", "lines")
    assert page.locator(".ro-chip").count() >= 1
    _done(page)


@pytest.mark.browser
def test_filtering_the_network_by_outlet_changes_its_ties(chromium, demo_pages):
    path = demo_pages["network-explorer.html"]
    data = payload(path.read_text(encoding="utf-8"))
    page = _open(chromium, path)
    edges = page.locator("line.ro-edge")
    assert edges.count() == len({(e[0], e[1]) for e in data["edges"]["sentence"]})
    outlets = sorted({a[0] for a in data["articles"]})
    keep = outlets[0]
    for outlet in outlets[1:]:
        page.get_by_label(outlet, exact=True).uncheck()
    kept = {k for k, a in enumerate(data["articles"]) if a[0] == keep}
    expected = len({(e[0], e[1]) for e in data["edges"]["sentence"] if e[2] in kept})
    assert edges.count() == expected < len({(e[0], e[1]) for e in data["edges"]["sentence"]})
    page.get_by_label("article", exact=True).check()
    assert edges.count() == len({(e[0], e[1]) for e in data["edges"]["article"] if e[2] in kept})
    page.locator("line[data-e]").last.dispatch_event("mouseover")
    assert page.locator(".ro-panel .ro-item").count() >= 1
    assert "shared article" in page.locator(".ro-tip").inner_text()
    _done(page)


@pytest.mark.browser
def test_searching_the_ledger_filters_its_rows(chromium, demo_pages):
    path = demo_pages["quote-ledger.html"]
    data = payload(path.read_text(encoding="utf-8"))
    page = _open(chromium, path)
    rows = page.locator("tbody tr")
    assert rows.count() == len(data["rows"])
    f = {name: k for k, name in enumerate(data["fields"])}
    expected = [r for r in data["rows"] if "qin" in " ".join(str(r[f[n]]) for n in data["search"]).lower()]
    page.fill("input[type=search]", "Qin")
    assert 0 < rows.count() == len(expected) < len(data["rows"])
    page.locator("thead button", has_text="Tone").first.click()
    tones = [r[f["tone"]] for r in expected]
    shown = [float(t) for t in rows.locator("td:nth-child(4)").all_inner_texts()]
    assert shown == pytest.approx(sorted(tones, reverse=True), abs=0.006)
    rows.first.locator("a").click()
    assert page.locator(".ro-panel mark").inner_text().strip() != ""
    _done(page)


def _hostile_corpus(folder):
    """Two seeds with a hostile headline, outlet and quotation."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False).to_dict("records")[:2]
    for i, row in enumerate(meta):
        text = (SEEDS_DIR / row["file"]).read_text(encoding="utf-8")
        quote = f"\u201cWe reject {HOSTILE} and respect,\u201d Blinken said."
        (folder / row["file"]).write_text(f"Blinken {HOSTILE} visits {i}\n\n{quote}\n\n{text}", encoding="utf-8")
        row.update(outlet=f"{row['outlet']} {HOSTILE}", headline=f"Blinken {HOSTILE} visits {i}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(meta[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(meta)
    (folder / "articles.csv").write_text(out.getvalue(), encoding="utf-8")
    return readout.load_corpus(folder)


def _assert_inert(page, where):
    assert page.evaluate("() => window.__pwned") is None, f"{where}: a script from the data ran"
    assert page.locator(".ro-w img").count() == 0, where
    assert page.locator(".ro-w script").count() == 2 * page.locator(".ro-w").count(), where


@pytest.mark.browser
def test_hostile_text_shows_literally_and_runs_nothing(chromium, tmp_path):
    corpus = _hostile_corpus(tmp_path / "corpus")
    pages = {p.name: p for p in write_demo_pages(corpus, tmp_path / "pages")}
    actor_text = load_texts(tmp_path / "actors", {"a": f"{HOSTILE}\n\nOne met two. Two met three."})
    sentences = actor_text.sentences
    mentions = pd.DataFrame(
        {
            "article_id": [actor_text.articles["article_id"].iloc[0]] * 4,
            "para_id": [sentences["para_id"].iloc[-1]] * 4,
            "sent_id": [sentences["sent_id"].iloc[-2]] * 2 + [sentences["sent_id"].iloc[-1]] * 2,
            "actor": [HOSTILE_ACTOR, HOSTILE, HOSTILE, "Three"],
            "side": ["US", "China", "China", "Other"],
            "kind": ["person"] * 4,
        }
    )
    network = network_explorer(mentions, actor_text, layout={HOSTILE_ACTOR: (0.2, 0.5), HOSTILE: (0.8, 0.5)})
    (tmp_path / "pages" / "actors.html").write_text(network.page("Actors"), encoding="utf-8")
    (tmp_path / "pages" / "terms.html").write_text(_hostile_terms_widget().page("Terms"), encoding="utf-8")

    page = _open(chromium, tmp_path / "pages" / "terms.html")
    page.hover('circle[data-i="0"], path[data-i="0"]')
    assert HOSTILE in page.locator(".ro-tip").text_content()
    page.click('circle[data-i="1"], path[data-i="1"]')
    listed = page.locator(".ro-panel").text_content()
    assert f"Show respect {HOSTILE}" in listed and HOSTILE_ACTOR in listed
    _assert_inert(page, "terms")
    _done(page)

    page = _open(chromium, tmp_path / "pages" / "actors.html")
    assert page.locator("line.ro-edge").count() == 2
    assert HOSTILE_ACTOR in page.locator("svg").text_content()
    page.locator("line[data-e]").first.dispatch_event("mouseover")
    assert HOSTILE in page.locator(".ro-panel").text_content()
    _assert_inert(page, "actors")
    _done(page)

    for name in pages:
        page = _open(chromium, pages[name])
        if name == "quote-ledger.html":
            page.fill("input[type=search]", "reject")
            assert page.locator("tbody tr").count() >= 2
            assert HOSTILE in page.locator("tbody").text_content()
            page.locator("tbody a").first.click()
            assert HOSTILE in page.locator(".ro-panel").text_content()
        if name == "network-explorer.html":
            assert HOSTILE in page.locator(".ro-bar").nth(1).text_content()  # the outlet names
        _assert_inert(page, name)
        _done(page)


@pytest.mark.browser
def test_a_report_page_runs_the_explorer_and_nothing_smuggled(chromium, tmp_path):
    from readout.reports.pages import render_page

    widget = _hostile_terms_widget()
    forged = widget_output(widget)
    forged["data"]["text/html"] = widget.html.replace("</div>", "<script>window.__pwned=4</script></div>")
    forged["metadata"]["readout"]["sha256"] = html_sha256(forged["data"]["text/html"])
    plain = nbformat.v4.new_output("display_data", data={"text/html": f"<p>{HOSTILE}</p>"})
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Explorer\n\n**Question:** does it run?"),
        nbformat.v4.new_code_cell("display(explorer)", outputs=[widget_output(widget), forged, plain]),
    ]
    sanitize_outputs(nb)
    path = tmp_path / "page.html"
    path.write_text(render_page(nb, "full"), encoding="utf-8")
    page = _open(chromium, path)
    assert page.locator("[data-ro-ready]").count() == 1  # the real explorer started; the forged one is text
    page.click('circle[data-i="1"], path[data-i="1"]')
    assert f"Show respect {HOSTILE}" in page.locator(".ro-panel").first.text_content()
    assert page.evaluate("() => window.__pwned") is None
    assert "window.__pwned=4" in page.locator("body").text_content()  # shown as text
    _done(page)


LAB_NOTEBOOK_SOURCE = [
    "import readout\n"
    "from readout.analysis.fightin_words import framing_terms_table\n"
    "from readout.analysis.statements import side_statements\n"
    "from readout.reports.interactive import network_explorer, quote_ledger, term_explorer\n"
    "corpus = readout.load_corpus()",
    "display(term_explorer(framing_terms_table(corpus), side_statements(corpus)))",
    "display(network_explorer(readout.find_mentions(corpus), corpus))",
    "display(quote_ledger(readout.extract_quotes(corpus), readout.score_sentiment(corpus), corpus=corpus))",
]


@pytest.mark.notebooks
@pytest.mark.browser
def test_the_explorers_run_in_jupyterlab(chromium, lab_server):
    base, work = lab_server
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in LAB_NOTEBOOK_SOURCE]
    nbformat.write(nb, work / "explorers.ipynb")
    page = offline_page(chromium, allow_loopback=True, viewport={"width": 1400, "height": 1100})
    try:
        page.goto(f"{base}/lab/tree/explorers.ipynb?reset", wait_until="domcontentloaded")
        page.wait_for_function(test_browser_lab.READY_JS, timeout=120_000)
        page.evaluate(test_browser_lab.START_JS)
        page.wait_for_function("() => window.__readout_result !== undefined", timeout=300_000, polling=500)
        assert page.evaluate("() => window.__readout_result.ok") is True
        page.wait_for_function("() => document.querySelectorAll('[data-ro-ready]').length === 3", timeout=30_000)
        term = page.locator("[data-readout-widget='term-explorer'] circle.ro-pt").first
        term.scroll_into_view_if_needed()
        term.click()
        assert page.locator("[data-readout-widget='term-explorer'] .ro-item").count() >= 1
        page.locator("[data-readout-widget='quote-ledger'] input[type=search]").fill("Qin")
        assert 0 < page.locator("[data-readout-widget='quote-ledger'] tbody tr").count() < 72
        assert page.blocked_requests == []
        page.evaluate("async () => { await window.jupyterapp.shell.currentWidget.sessionContext.shutdown(); }")
    finally:
        page.close()
