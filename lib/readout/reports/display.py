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

import hashlib
import html
import re

from readout.reports.widget_js import WIDGET_SCRIPTS

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


#: Markup that can run code in a page: a script-bearing element, an event-handler attribute, a
#: script URL. Over-inclusive on purpose (text such as "go on=" matches too): a match only sends
#: the output through :func:`sanitize_html`, which keeps ordinary markup.
_ACTIVE_TAG = re.compile(r"<\s*/?\s*(?:script|i?frame|frameset|object|embed|applet|base|meta|link|portal)\b", re.I)
_HANDLER_ATTRIBUTE = re.compile(r"[\s/\"'`\x00]on[a-z]+\s*=", re.I)
_SCRIPT_URL = re.compile(r"(?:java|vb|live)script:|data:text/html|srcdoc|formaction", re.I)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def has_active_content(markup: str) -> bool:
    """Whether ``markup`` may hold something a browser would run (see :func:`sanitize_html`).

    >>> has_active_content('<table class="dataframe"><td>&lt;script&gt;</td></table>')
    False
    >>> has_active_content('<img src=x onerror="alert(1)">'), has_active_content('<a href="jav&#x09;ascript:x">')
    (True, True)
    """
    flat = _URL_NOISE.sub("", html.unescape(markup))  # entities decoded, spaces and controls gone, as URLs read
    return bool(_ACTIVE_TAG.search(markup) or _HANDLER_ATTRIBUTE.search(markup) or _SCRIPT_URL.search(flat))


#: Tags an HTML output keeps once sanitized (others, scripts included, are shown as text).
OUTPUT_TAGS = MARKDOWN_TAGS | frozenset(
    "style caption colgroup col tfoot img figure figcaption details summary small mark abbr cite q s u "
    "kbd samp var dl dt dd section article header footer label".split()
)


def _safe_attribute(tag: str, name: str, value: str) -> bool:
    name = name.lower()
    if name.startswith("on") or name in ("srcdoc", "formaction", "action"):
        return False
    return not _SCRIPT_URL.search(_URL_NOISE.sub("", html.unescape(value)))


def sanitize_html(markup: str) -> str:
    """``markup`` (an HTML output) with nothing left that runs: scripts, frames, objects and
    any other tag outside :data:`OUTPUT_TAGS` shown as text, event-handler attributes and
    script URLs dropped, inline styles kept to harmless properties. Tables, styles and
    formatting stay.

    >>> sanitize_html('<b onclick="x()">bold</b><script>alert(1)</script>')
    '<b>bold</b>&lt;script&gt;alert(1)&lt;/script&gt;'
    """
    import bleach
    from bleach.css_sanitizer import CSSSanitizer

    return bleach.clean(
        markup,
        tags=OUTPUT_TAGS,
        attributes=_safe_attribute,
        protocols=["http", "https", "mailto", "data"],
        css_sanitizer=CSSSanitizer(),
        strip=False,
        strip_comments=True,
    )


_SCRIPT_ELEMENT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
_SCRIPT_OPEN = re.compile(r"<script\b", re.I)


def is_trusted_widget(output) -> bool:
    """Whether ``output`` is an explorer made by :mod:`readout.reports.interactive`, unaltered.

    Its metadata must name a widget kind and the sha256 of the exact ``text/html``; every
    script in it must be either that kind's own constant script
    (:data:`readout.reports.widget_js.WIDGET_SCRIPTS`) or an inert
    ``<script type="application/json">`` holding no ``<``; and the rest must hold nothing
    active (:func:`has_active_content`). A corpus text, which reaches an explorer only as
    JSON, can therefore never bring a script of its own.
    """
    meta = (output.get("metadata") or {}).get("readout")
    markup = output.get("data", {}).get("text/html")
    if isinstance(markup, list):
        markup = "".join(markup)
    if not isinstance(meta, dict) or not isinstance(markup, str) or meta.get("widget") not in WIDGET_SCRIPTS:
        return False
    if meta.get("sha256") != hashlib.sha256(markup.encode("utf-8")).hexdigest():
        return False
    scripts = list(_SCRIPT_ELEMENT.finditer(markup))
    if len(scripts) != len(_SCRIPT_OPEN.findall(markup)):
        return False
    for match in scripts:
        attributes, body = match.group(1), match.group(2)
        data = attributes == ' type="application/json"' and "<" not in body
        if not data and not (attributes == "" and body == WIDGET_SCRIPTS[meta["widget"]]):
            return False
    return not has_active_content(_SCRIPT_ELEMENT.sub("", markup))


def sanitize_outputs(nb) -> int:
    """Make every output of ``nb`` safe to show; return how many outputs changed.

    A ``text/markdown`` output gets a sanitized ``text/html`` rendering (HTML exporters
    prefer ``text/html``, so pages show it; the Markdown stays for anything that reads it).
    A ``text/html`` output that could run code is sanitized (:func:`sanitize_html`) unless
    it is an explorer of :mod:`readout.reports.interactive` that passes
    :func:`is_trusted_widget`, whose scripts are kept; ``application/javascript`` outputs
    are dropped. Markdown cells (written by the notebook's author) are left alone; outputs
    carry corpus text and are treated as untrusted.
    """
    changed = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            before = len(data), data.get("text/html")
            if "text/markdown" in data:
                data["text/html"] = sanitize_markdown(data["text/markdown"])
            elif "text/html" in data:
                markup = data["text/html"]
                markup = "".join(markup) if isinstance(markup, list) else str(markup)
                if has_active_content(markup) and not is_trusted_widget(output):
                    data["text/html"] = sanitize_html(markup)
            data.pop("application/javascript", None)
            changed += (len(data), data.get("text/html")) != before or "text/markdown" in data
    return changed
