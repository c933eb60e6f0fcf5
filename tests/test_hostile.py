"""Hostile text: markup, entities, Markdown/LaTeX specials, bidi and zero-width characters in articles.

A corpus built from the bundled seeds with hostile words injected into headlines,
outlet names, body text and quotations goes through every table and every
notebook. Everywhere it must come out as the same characters, shown as text:
no script runs, no markup is interpreted, offsets still give back the text.
The browser half of this test lives in ``test_browser_reports.py``.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

import readout
from readout.paths import DATA_DIR, SEEDS_DIR
from readout.reports.display import html_escape, md_escape

#: Each payload, exactly as it must be visible to a reader.
SCRIPT = "<script>window.__pwned=(window.__pwned||0)+1</script>"
IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">'
ENTITY = "&amp; &lt;b&gt; &#36;"
LATEX = "$x^2$ and $$\\frac{a}{b}$$"
MARKDOWN = "*star* _under_ `tick` [link](javascript:window.__pwned=1) # hash | pipe"
BIDI = "\u202eRTL override\u202c שלום مرحبا"
ZERO_WIDTH = "Bei\u200bjing zero\u200dwidth\ufeffmark"
PAYLOADS = [SCRIPT, IMG, ENTITY, LATEX, MARKDOWN, BIDI, ZERO_WIDTH]
#: Seed articles the hostile corpus is built from (plus one with no metadata row); three keep the build quick.
N_SEEDS = 3


def hostile_corpus(folder):
    """The seeds, each with a hostile headline, a hostile paragraph and a hostile quotation; hostile outlets."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = pd.read_csv(DATA_DIR / "articles.csv", dtype=str, keep_default_na=False)
    rows = []
    for i, row in enumerate(meta.to_dict("records")[:N_SEEDS]):
        text = (SEEDS_DIR / row["file"]).read_text(encoding="utf-8")
        headline = f"Blinken {SCRIPT} visits {LATEX} Beijing {i}"
        paragraph = f"Officials said the agenda was {MARKDOWN} and {ENTITY}, with notes in {BIDI} and {ZERO_WIDTH}."
        quote = f"“We reject {SCRIPT} and {IMG} and {LATEX},” Blinken said on Sunday in {ZERO_WIDTH}."
        body = "\n\n".join([headline, paragraph, quote, text, paragraph])
        (folder / row["file"]).write_text(body, encoding="utf-8")
        row = dict(row, outlet=f"{row['outlet']} {IMG}*{i}* {LATEX}", headline=headline)
        rows.append(row)
    # Two recoverable problems, so the report must list warnings: the last file is re-saved
    # with a byte-order mark and Windows line endings, and one article has no metadata row.
    last = folder / rows[-1]["file"]
    last.write_bytes(b"\xef\xbb\xbf" + last.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    orphan = (SEEDS_DIR / rows[0]["file"]).read_text(encoding="utf-8")
    (folder / "zz-orphan.txt").write_text(
        f"Orphan {SCRIPT} headline\n\n{paragraph}\n\n{quote}\n\n{orphan}", encoding="utf-8"
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / "articles.csv").write_text(out.getvalue(), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def hostile_folder(tmp_path_factory):
    return hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="session")
def hostile_reports(hostile_folder, tmp_path_factory):
    """`readout report` on the hostile corpus (which loads with warnings); returns the output folder."""
    from readout.cli import main

    out = tmp_path_factory.mktemp("hostile-reports")
    assert main(["report", "--corpus", str(hostile_folder), "--out", str(out)]) == 0
    return out


def _pages(out):
    return sorted(out.rglob("*.html"))


# --------------------------------------------------------------------------- the helpers


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_escape_renders_as_the_same_text(payload):
    """Markdown → HTML (as the reports render it) → text gives back the payload, with no tag created."""
    from html.parser import HTMLParser

    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(f"Before {md_escape(payload)} after.")

    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.text, self.tags = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data):
            self.text.append(data)

    parser = Collect()
    parser.feed(rendered)
    assert "".join(parser.text).strip() == f"Before {payload} after."
    assert [t for t, _ in parser.tags] == ["p", "span"], rendered
    # Dollars sit only inside the span MathJax is told to skip.
    assert "tex2jax_ignore" in parser.tags[1][1]["class"] and "mathjax_ignore" in parser.tags[1][1]["class"]
    assert "$" not in rendered.replace(parser.text[1], "")


def test_md_escape_joins_lines_and_accepts_any_value():
    assert "\n" not in md_escape("a\r\nb\rc\nd") and "a b c d" in md_escape("a\r\nb\rc\nd")
    assert "None" in md_escape(None) and "3.5" in md_escape(3.5)
    assert html_escape("<b>").count("&lt;b&gt;") == 1


# --------------------------------------------------------------------------- tables


def test_hostile_text_survives_every_table(hostile_folder, tmp_path):
    """`readout export` on the hostile corpus: every text cell with offsets equals the raw text it points at."""
    from readout.cli import main

    corpus = readout.load_corpus(hostile_folder)
    for payload in PAYLOADS:
        assert sum(payload in raw for raw in corpus.raw.values()) == len(corpus.raw)
    assert main(["export", "--corpus", str(hostile_folder), "--out", str(tmp_path)]) == 0
    checked = 0
    for path in sorted(tmp_path.glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for text_col in ("text", "surface"):
            if {"article_id", "start", "end", text_col} <= set(table.columns):
                for row in table.itertuples(index=False):
                    raw = corpus.raw[row.article_id]
                    assert raw[int(row.start) : int(row.end)] == getattr(row, text_col), (path.name, row)
                    checked += 1
    articles = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    from_csv = articles["metadata_source"] == "csv"
    assert from_csv.sum() == N_SEEDS and articles.loc[from_csv, "outlet"].str.contains(IMG, regex=False).all()
    assert articles["headline"].str.contains(SCRIPT, regex=False).all()
    sentences = pd.read_csv(tmp_path / "sentences.csv", dtype=str, keep_default_na=False)
    for payload in (SCRIPT, BIDI, ZERO_WIDTH):
        assert sentences["text"].str.contains(payload, regex=False).any(), payload
    quotes = pd.read_csv(tmp_path / "quotes.csv", dtype=str, keep_default_na=False)
    assert quotes["text"].str.contains(SCRIPT, regex=False).any()
    assert checked > 1000


# --------------------------------------------------------------------------- reports (HTML source)


_LIVE_SCRIPT = re.compile(r"<script[^>]*>\s*window\.__pwned", re.IGNORECASE)
_LIVE_IMG = re.compile(r"<img\b[^>]*\bonerror\s*=", re.IGNORECASE)
_LIVE_LINK = re.compile(r"<a\b[^>]*href\s*=\s*[\"']?javascript:", re.IGNORECASE)


def test_hostile_markup_is_only_ever_escaped_in_reports(hostile_reports):
    from readout.reports.notebook_io import list_notebooks

    pages = {p.relative_to(hostile_reports).as_posix(): p.read_text(encoding="utf-8") for p in _pages(hostile_reports)}
    for nb in list_notebooks():
        assert f"full/{nb.stem}.html" in pages and f"briefing/{nb.stem}.html" in pages
    for name, page in pages.items():
        assert not _LIVE_SCRIPT.search(page), f"{name}: an article's <script> is live markup"
        assert not _LIVE_IMG.search(page), f"{name}: an article's <img onerror> is live markup"
        assert not _LIVE_LINK.search(page), f"{name}: an article's javascript: link is live"
    full = pages["full/00-explore-corpus.html"]
    assert "&lt;script&gt;window.__pwned" in full  # the headline, shown as text in the articles table
    assert "&lt;img src=x onerror=" in full  # the outlet


def test_report_with_warnings_lists_them_in_the_index(hostile_reports, hostile_folder):
    corpus = readout.load_corpus(hostile_folder)
    assert len(corpus.warnings) >= 3  # BOM, CRLF, no metadata row
    index = (hostile_reports / "index.html").read_text(encoding="utf-8")
    assert "Corpus warnings" in index
    import html

    for warning in corpus.warnings:
        assert f"<li>{html.escape(warning)}</li>" in index, warning


def test_hostile_reports_in_chromium(chromium, hostile_reports):
    """Every page in a real browser: no script from an article runs, and the words are there as text."""
    from conftest import offline_page

    seen_text = ""
    for path in _pages(hostile_reports):
        page = offline_page(chromium)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(50)  # let onerror handlers of broken images fire, if any were live
        where = path.relative_to(hostile_reports)
        assert page.evaluate("() => window.__pwned") is None, f"{where}: a script from an article ran"
        assert not dialogs, f"{where}: a dialog opened: {dialogs}"
        live = page.evaluate("""() => Array.from(document.querySelectorAll('*')).filter(e =>
            Array.from(e.attributes).some(a => a.name.startsWith('on') && a.value.includes('__pwned'))
            || (e.tagName === 'SCRIPT' && e.type !== 'application/json' && e.textContent.includes('__pwned'))
            || (e.tagName === 'A' && (e.getAttribute('href') || '').startsWith('javascript:'))).length""")
        assert live == 0, f"{where}: {live} element(s) built from article markup"
        text = page.evaluate("() => document.body.innerText")
        seen_text += text
        if where.as_posix() in ("full/00-explore-corpus.html", "briefing/00-explore-corpus.html"):
            for payload in (SCRIPT, IMG):  # headline and outlet cells of the articles table
                assert payload in text, (where, payload)
        page.close()
    for payload in PAYLOADS:
        assert payload in seen_text, f"{payload!r} is never visible as text"
