r"""Show corpus text safely inside notebook prose and tables.

Article text comes from the web and may hold anything: HTML (``<script>``,
``<img onerror=...>``), entities, Markdown and LaTeX specials (``*``, ``_``,
backticks, ``$...$``), right-to-left overrides and zero-width characters. A
notebook that pastes such text into ``Markdown(f"...")`` lets it run as markup:
a script would execute in the HTML report, ``$x$`` would be typeset as maths,
``*word*`` would turn italic. Wrap every corpus-derived value in
:func:`md_escape` before it goes into Markdown:

>>> md_escape("<script>alert(1)</script> costs $5 *now*")
'<span class="tex2jax_ignore mathjax_ignore" dir="auto">&lt;script&gt;alert\\(1\\)&lt;/script&gt; costs &#36;5 \\*now\\*</span>'

The result renders as the literal text in JupyterLab and in the nbconvert
reports: HTML specials become entities, Markdown specials are backslash-escaped,
dollars become ``&#36;`` inside an element MathJax is told to skip, and
``dir="auto"`` isolates any right-to-left run so it cannot reorder the
surrounding sentence. Line breaks become spaces (the value is inline text).

:func:`safe_tables` sets the pandas options that keep MathJax away from
DataFrame tables (pandas already escapes their HTML).
"""

from __future__ import annotations

import html
import re

#: ASCII punctuation with a meaning inside a Markdown line (CommonMark lets any of it be
#: backslash-escaped). Line-start markers (#, -, +, 1.) need nothing: the value sits inside a span.
_MD_SPECIALS = re.compile(r"([\\`*_{}\[\]()!|~^])")


_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


#: MathJax 2 (nbconvert pages) skips ``tex2jax_ignore``; MathJax 3 (JupyterLab) skips ``mathjax_ignore``.
IGNORE_MATH = "tex2jax_ignore mathjax_ignore"


def md_escape(text: object) -> str:
    """Return ``text`` (any value, converted with ``str``) as Markdown that shows it literally.

    Never raises; ``None`` becomes ``"None"``. The result is one inline span, safe
    to put anywhere in a Markdown paragraph (not inside a code span or a link URL).
    """
    value = _LINE_BREAKS.sub(" ", str(text))
    value = html.escape(value, quote=True)  # & < > " '  ->  entities
    value = _MD_SPECIALS.sub(r"\\\1", value)
    value = value.replace("$", "&#36;")
    return f'<span class="{IGNORE_MATH}" dir="auto">{value}</span>'


def html_escape(text: object) -> str:
    """Return ``text`` as HTML text content: entities for ``& < > " '``, dollars kept away from MathJax.

    For notebook cells that build their own HTML around corpus text.

    >>> html_escape('<img src=x onerror="alert(1)"> $x$')
    '<span class="tex2jax_ignore mathjax_ignore" dir="auto">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &#36;x&#36;</span>'
    """
    value = html.escape(str(text), quote=True).replace("$", "&#36;")
    return f'<span class="{IGNORE_MATH}" dir="auto">{value}</span>'


def safe_tables() -> None:
    """Tell pandas to mark its HTML tables so MathJax leaves ``$...$`` in cells as text.

    pandas escapes the HTML in DataFrame cells by default; without these options a
    cell holding ``$x$`` would still be typeset as maths in JupyterLab and the reports.
    """
    import pandas as pd

    pd.set_option("display.html.use_mathjax", False)
    pd.set_option("styler.html.mathjax", False)


#: Tags Markdown produces; any other tag in a Markdown output is shown as text, not run.
MARKDOWN_TAGS = frozenset(
    "p br hr em strong b i code pre a ul ol li h1 h2 h3 h4 h5 h6 blockquote del sup sub span div "
    "table thead tbody tr th td".split()
)


MARKDOWN_ATTRIBUTES = {"a": ["href", "title"], "*": ["class", "dir", "id", "align"]}


def sanitize_markdown(markdown: str) -> str:
    """Render a Markdown output to HTML in which only Markdown's own markup is live.

    Raw HTML that reached the Markdown (an article's ``<script>`` or ``<img onerror>``
    pasted into ``Markdown(f"...")``) is escaped, so it shows as text; links keep only
    http, https and mailto targets. Used by the report build on every Markdown output,
    a second line of defence behind :func:`md_escape` in the notebooks.
    """
    import bleach
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    rendered = markdown2html_mistune(markdown)
    return bleach.clean(
        rendered,
        tags=MARKDOWN_TAGS,
        attributes=MARKDOWN_ATTRIBUTES,
        protocols=["http", "https", "mailto"],
        strip=False,
    )


def sanitize_outputs(nb) -> int:
    """Give every ``text/markdown`` output of ``nb`` a sanitized ``text/html`` rendering; return how many.

    HTML exporters prefer ``text/html``, so pages show the sanitized version; the
    Markdown itself stays in the output for anything that reads it. Markdown cells
    (written by the notebook's author) are left alone; outputs carry corpus text and
    are treated as untrusted.
    """
    changed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/html"] = sanitize_markdown(data["text/markdown"])
                changed += 1
    return changed
