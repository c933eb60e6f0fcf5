r"""The browser side of the interactive explorers: one stylesheet and one script per explorer.

Hand-written, dependency-free JavaScript (ES2015) and inline SVG. Every script is a
constant: the data an explorer shows travels separately, as JSON in an inert
``<script type="application/json">`` element, and is read with ``JSON.parse``. Corpus text
only ever reaches the page through ``textContent``, ``createTextNode`` and ``setAttribute``
(never ``innerHTML`` or anything else that parses markup), so a term, a statement or an
actor name shows as the literal text it is. The report sanitiser
(:func:`readout.reports.display.sanitize_outputs`) keeps a script in an output only when it
is exactly one of :data:`WIDGET_SCRIPTS`.

Each script finds its explorer from ``document.currentScript`` (its parent element), and
otherwise every explorer of its kind not yet started, so it runs the same in a report page
(scripts run as the page is parsed) and in JupyterLab (which re-creates the scripts of a
trusted output).
"""

from __future__ import annotations

from readout.reports.explorer_js import LEDGER_JS, NETWORK_JS, TERMS_JS

#: Styles shared by the explorers, every rule scoped to ``.ro-w``.
WIDGET_CSS = (
    ".ro-w{font:13px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;background:#fff;"
    "position:relative;margin:.6em 0;max-width:62rem}"
    ".ro-w *{box-sizing:border-box}"
    ".ro-w .ro-bar{display:flex;flex-wrap:wrap;gap:.35em 1.1em;align-items:center;margin:.35em 0}"
    ".ro-w .ro-group{display:inline-flex;flex-wrap:wrap;gap:.2em .7em;align-items:center}"
    ".ro-w .ro-group b{font-weight:600}"
    ".ro-w label{cursor:pointer;white-space:nowrap}"
    ".ro-w input[type=search]{font:inherit;padding:.2em .45em;border:1px solid #999;border-radius:3px;min-width:15em}"
    ".ro-w button{font:inherit;cursor:pointer}"
    ".ro-w .ro-chip{border:1px solid #bbb;background:#f6f6f6;border-radius:3px;padding:0 .4em}"
    ".ro-w svg{display:block;width:100%;height:auto;border:1px solid #eee;background:#fff}"
    ".ro-w svg text{font:11px system-ui,sans-serif;paint-order:stroke;stroke:#fff;stroke-width:3px}"
    ".ro-w svg .ro-axis text{stroke:none;fill:#444}"
    ".ro-w .ro-tip{position:absolute;pointer-events:none;background:#fff;border:1px solid #888;border-radius:3px;"
    "padding:.3em .55em;box-shadow:0 1px 5px rgba(0,0,0,.25);max-width:26em;display:none;z-index:9}"
    ".ro-w .ro-panel{border-top:1px solid #ddd;margin-top:.4em;padding-top:.3em;max-height:30em;overflow:auto}"
    ".ro-w .ro-head{font-weight:600;margin:.2em 0}"
    ".ro-w .ro-item{margin:.35em 0;padding:.3em .55em;border-left:4px solid #999;background:#fafafa}"
    ".ro-w .ro-meta{color:#555;font-size:12px}"
    ".ro-w .ro-status{color:#555}"
    ".ro-w mark{background:#ffe27a;color:inherit;padding:0}"
    ".ro-w .ro-scroll{max-height:34em;overflow:auto;border:1px solid #eee}"
    ".ro-w .ro-grid{border-collapse:collapse;width:100%;font-size:12.5px;table-layout:auto}"
    ".ro-w .ro-grid th,.ro-w .ro-grid td{border:0;border-bottom:1px solid #e4e4e4;padding:.25em .45em;"
    "text-align:left;vertical-align:top;background:none;white-space:normal;max-width:none}"
    ".ro-w .ro-grid th{white-space:nowrap}"
    ".ro-w .ro-grid .ro-wide{min-width:22em}"
    ".ro-w .ro-grid th{position:sticky;top:0;background:#f3f3f3;z-index:1}"
    ".ro-w .ro-grid th button{background:none;border:0;padding:0;font-weight:600;color:#222}"
    ".ro-w .ro-grid .ro-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    ".ro-w .ro-fallback{color:#555;font-style:italic}"
)


#: Helpers every explorer script starts with.
COMMON_JS = r"""
"use strict";
var SVGNS = "http://www.w3.org/2000/svg";
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function sv(tag, attrs, text) {
  var e = document.createElementNS(SVGNS, tag);
  for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function clear(n) { while (n.firstChild) n.removeChild(n.firstChild); }
function fixed(v, d) { return v === null || v === undefined ? "\u2014" : Number(v).toFixed(d); }
function signed(v, d) { return v === null || v === undefined ? "\u2014" : (v > 0 ? "+" : "") + Number(v).toFixed(d); }
function escRe(s) { return String(s).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
function colourOf(D, side) { return (D.colours && D.colours[side]) || "#999999"; }
function marked(node, text, re) {
  text = String(text);
  if (!re) { node.appendChild(document.createTextNode(text)); return; }
  var last = 0, m;
  re.lastIndex = 0;
  while ((m = re.exec(text)) !== null) {
    if (!m[0]) { re.lastIndex++; continue; }
    node.appendChild(document.createTextNode(text.slice(last, m.index)));
    node.appendChild(el("mark", "", m[0]));
    last = m.index + m[0].length;
  }
  node.appendChild(document.createTextNode(text.slice(last)));
}
function tipper(root) {
  var t = el("div", "ro-tip");
  t.setAttribute("role", "tooltip");
  root.appendChild(t);
  return {
    show: function (lines, evt) {
      clear(t);
      lines.forEach(function (line, i) { t.appendChild(el("div", i ? "ro-meta" : "ro-head", line)); });
      t.style.display = "block";
      var r = root.getBoundingClientRect();
      var x = evt.clientX - r.left + 14, y = evt.clientY - r.top + 14;
      if (x + t.offsetWidth > root.clientWidth) x = Math.max(0, evt.clientX - r.left - t.offsetWidth - 14);
      t.style.left = x + "px";
      t.style.top = y + "px";
    },
    hide: function () { t.style.display = "none"; }
  };
}
var groupCount = 0;
function choice(type, title, options, checked, onchange) {
  var box = el("span", "ro-group");
  var name = "ro-" + type + "-" + (++groupCount);
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", title);
  box.appendChild(el("b", "", title));
  options.forEach(function (opt) {
    var lab = el("label"), inp = el("input");
    inp.type = type;
    inp.name = name;
    inp.value = String(opt[0]);
    inp.checked = checked(opt[0]);
    inp.addEventListener("change", function () { onchange(opt[0], inp.checked); });
    lab.appendChild(inp);
    lab.appendChild(document.createTextNode(" " + opt[1]));
    box.appendChild(lab);
  });
  return box;
}
function searchBox(label, oninput) {
  var s = el("input");
  s.type = "search";
  s.placeholder = label;
  s.setAttribute("aria-label", label);
  s.addEventListener("input", function () { oninput(s.value); });
  return s;
}
function niceTicks(lo, hi, n) {
  var span = hi - lo || 1, step = Math.pow(10, Math.floor(Math.log10(span / n)));
  [1, 2, 5, 10].some(function (k) { if (span / (step * k) <= n) { step *= k; return true; } return false; });
  var out = [];
  for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}
function boot(kind, init) {
  var s = document.currentScript, p = s && s.parentNode;
  var roots = p && p.getAttribute && p.getAttribute("data-readout-widget") === kind ? [p]
    : Array.prototype.slice.call(document.querySelectorAll("div[data-readout-widget='" + kind + "']"));
  roots.forEach(function (root) {
    var holder = root.querySelector("script[type='application/json']");
    if (!holder || root.getAttribute("data-ro-ready")) return;
    root.setAttribute("data-ro-ready", "1");
    var fallback = root.querySelector(".ro-fallback");
    if (fallback) fallback.style.display = "none";
    try { init(root, JSON.parse(holder.textContent)); }
    catch (err) { if (fallback) { fallback.style.display = ""; fallback.textContent = "This explorer could not start (" + err + ")."; } }
  });
}
"""


def _script(body: str) -> str:
    return "(function () {" + COMMON_JS + body + "})();"


#: widget kind -> the exact script its outputs carry (the sanitiser keeps no other).
WIDGET_SCRIPTS: dict[str, str] = {
    "term-explorer": _script(TERMS_JS),
    "network-explorer": _script(NETWORK_JS),
    "quote-ledger": _script(LEDGER_JS),
}
