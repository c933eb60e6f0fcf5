"""The shell of an interactive explorer: safe JSON in, one self-contained HTML output out.

An explorer is one ``<div>`` holding its stylesheet, a fallback line, its data as JSON in an
inert ``<script type="application/json">`` element and its constant script
(:data:`readout.reports.widget_js.WIDGET_SCRIPTS`): no file, no CDN, nothing fetched, so it
works from disk with the network cut, in a report page and in JupyterLab.

The JSON cannot end its script element early: :func:`script_json` writes ``<``, ``>``, ``&``
and the line separators U+2028 and U+2029 as ``\\u`` escapes, so the payload holds no ``<``
at all. The output carries ``{"readout": {"widget": kind, "sha256": <hash of the HTML>}}``
as its metadata; the report sanitiser keeps its scripts only when that hash and the
scripts match (:func:`readout.reports.display.is_trusted_widget`).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from dataclasses import dataclass
from typing import Any

from readout.reports.display import IGNORE_MATH
from readout.reports.widget_js import WIDGET_CSS, WIDGET_SCRIPTS

#: output metadata key of the explorers' outputs (``output.metadata["readout"]["widget"]``)
METADATA_KEY = "readout"

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_UNSAFE = re.compile("[<>&\u2028\u2029]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def script_json(data: Any) -> str:
    """``data`` as JSON that can sit inside a ``<script>`` element and be read back with ``JSON.parse``.

    ``<``, ``>``, ``&``, U+2028 and U+2029 are written as ``\\u`` escapes (they can only occur
    inside JSON strings, where the escape means the same character); a lone surrogate
    becomes U+FFFD. NaN is refused (``ValueError``): pass None.

    >>> script_json({"t": "</script><b>&\\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return _SCRIPT_UNSAFE.sub(lambda m: _SCRIPT_ESCAPES[m.group()], text)


def html_sha256(markup: str) -> str:
    """The hex sha256 of ``markup``'s UTF-8 bytes: what an explorer's metadata records."""
    return hashlib.sha256(markup.encode("utf-8")).hexdigest()


@dataclass(frozen=True, repr=False)
class Widget:
    """One explorer: ``html`` (the self-contained output), ``text`` (its ``text/plain``
    fallback) and ``kind``. ``display(widget)`` in a notebook shows it, with the metadata
    the report sanitiser checks."""

    kind: str
    html: str
    text: str

    @property
    def sha256(self) -> str:
        return html_sha256(self.html)

    @property
    def metadata(self) -> dict:
        """The output metadata marking this explorer: ``{"readout": {"widget", "sha256"}}``."""
        return {METADATA_KEY: {"widget": self.kind, "sha256": self.sha256}}

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        return {"text/html": self.html, "text/plain": self.text}, self.metadata

    def __repr__(self) -> str:
        return self.text

    def page(self, title: str, intro: str = "") -> str:
        """A standalone HTML page holding only this explorer (``title`` and ``intro`` are text)."""
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title>"
            "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;"
            "color:#222}h1{font-size:1.35rem}</style></head>\n<body>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>\n{self.html}\n</body></html>\n"
        )


def make_widget(kind: str, data: Any, text: str, fallback: str) -> Widget:
    """An explorer of ``kind`` (a key of :data:`WIDGET_SCRIPTS`) showing ``data``.

    ``text`` is the ``text/plain`` fallback; ``fallback`` the line shown where scripts do
    not run (an untrusted notebook, a page with scripts stripped). Neither should hold corpus text.
    """
    if kind not in WIDGET_SCRIPTS:
        raise ValueError(f"unknown widget kind {kind!r}: one of {', '.join(sorted(WIDGET_SCRIPTS))}")
    payload = script_json(data)
    uid = html_sha256(kind + payload)[:12]
    markup = (
        f'<div class="ro-w {IGNORE_MATH}" id="ro-{kind}-{uid}" data-readout-widget="{kind}">'
        f"<style>{WIDGET_CSS}</style>"
        f'<p class="ro-fallback">{html.escape(fallback)}</p>'
        f'<script type="application/json">{payload}</script>'
        f"<script>{WIDGET_SCRIPTS[kind]}</script>"
        "</div>"
    )
    return Widget(kind, markup, text)
