r"""The three explorers' scripts (each runs after :data:`readout.reports.widget_js.COMMON_JS`).

* :data:`TERMS_JS`: the Fightin' Words plot; hover a term for its counts, z and q, click it for
  its statements; a search box and a switch between single words and word pairs.
* :data:`NETWORK_JS`: the co-mention network in a fixed layout, filtered by window, side and
  outlet; hover or click a tie for its evidence sentences.
* :data:`LEDGER_JS`: the quote ledger; sort by a heading, search, open a row's sentence.

Data come in as one parsed JSON object ``D`` (see :mod:`readout.reports.interactive` for its
fields) and reach the page through ``textContent`` and ``setAttribute`` only.
"""

from __future__ import annotations

#: Fightin' Words plot: ``D.terms`` rows [term, order, n_us, n_china, z, q, x], ``D.statements``
#: rows [side, outlet, speaker, layer, kind, text, also printed by], ``D.uses`` per term
#: [statement, uses, ...].
TERMS_JS = r"""
function initTerms(root, D) {
  var T = D.terms, S = D.statements, U = D.uses, thr = D.threshold;
  var state = { order: D.orders[0], query: "", sel: -1 };
  var bar = el("div", "ro-bar");
  root.appendChild(bar);
  if (D.orders.length > 1) {
    bar.appendChild(choice("radio", "Terms", D.orders.map(function (o) { return [o, o === 1 ? "single words" : "word pairs"]; }),
      function (o) { return o === state.order; }, function (o) { state.order = o; state.sel = -1; draw(); showMatches(); panelHint(); }));
  }
  bar.appendChild(searchBox("Find a term", function (v) { state.query = v.trim().toLowerCase(); draw(); showMatches(); }));
  var status = el("span", "ro-status");
  bar.appendChild(status);
  var W = 760, H = 460, L = 58, R = 150, TOP = 14, B = 42;
  var svg = sv("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Distinctive terms: frequency against z; hover a point for its numbers, click it for its statements" });
  root.appendChild(svg);
  var matches = el("div", "ro-bar");
  root.appendChild(matches);
  var panel = el("div", "ro-panel");
  panel.setAttribute("aria-live", "polite");
  root.appendChild(panel);
  var tip = tipper(root);
  function panelHint() { clear(panel); panel.appendChild(el("div", "ro-meta", "Click a term to list every statement that used it.")); }
  function shown() { var out = []; for (var i = 0; i < T.length; i++) if (T[i][1] === state.order) out.push(i); return out; }
  function hit(i) { return state.query && T[i][0].indexOf(state.query) >= 0; }
  function draw() {
    clear(svg);
    var idx = shown();
    var xs = idx.map(function (i) { return T[i][6]; }), zs = idx.map(function (i) { return T[i][4]; });
    var x0 = Math.min(0, Math.min.apply(null, xs)) - 0.06, x1 = Math.max(0.5, Math.max.apply(null, xs)) + 0.06;
    var z0 = Math.min(-thr - 0.4, Math.min.apply(null, zs) - 0.3), z1 = Math.max(thr + 0.4, Math.max.apply(null, zs) + 0.3);
    function X(v) { return L + (v - x0) / (x1 - x0) * (W - L - R); }
    function Y(v) { return TOP + (z1 - v) / (z1 - z0) * (H - TOP - B); }
    var axis = sv("g", { "class": "ro-axis" });
    svg.appendChild(axis);
    [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].forEach(function (v) {
      var lv = Math.log10(v);
      if (lv < x0 || lv > x1) return;
      axis.appendChild(sv("line", { x1: X(lv), x2: X(lv), y1: H - B, y2: H - B + 4, stroke: "#666" }));
      axis.appendChild(sv("text", { x: X(lv), y: H - B + 16, "text-anchor": "middle" }, v));
    });
    niceTicks(z0, z1, 8).forEach(function (v) {
      axis.appendChild(sv("line", { x1: L - 4, x2: L, y1: Y(v), y2: Y(v), stroke: "#666" }));
      axis.appendChild(sv("text", { x: L - 7, y: Y(v) + 4, "text-anchor": "end" }, v));
    });
    axis.appendChild(sv("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, stroke: "#666" }));
    axis.appendChild(sv("line", { x1: L, x2: L, y1: TOP, y2: H - B, stroke: "#666" }));
    axis.appendChild(sv("text", { x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle" }, "frequency: uses in both sides' statements (log scale)"));
    axis.appendChild(sv("text", { x: 14, y: (TOP + H - B) / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + (TOP + H - B) / 2 + ")" }, "z (+ more US, \u2212 more China)"));
    [thr, -thr].forEach(function (v) { axis.appendChild(sv("line", { x1: L, x2: W - R, y1: Y(v), y2: Y(v), stroke: "#666", "stroke-dasharray": "5 4" })); });
    axis.appendChild(sv("line", { x1: L, x2: W - R, y1: Y(0), y2: Y(0), stroke: "#aaa" }));
    var faint = idx.filter(function (i) { return Math.abs(T[i][4]) < thr; }), strong = idx.filter(function (i) { return Math.abs(T[i][4]) >= thr; });
    var labs = sv("g", {}), pts = sv("g", {});
    svg.appendChild(labs);
    svg.appendChild(pts);
    faint.concat(strong).forEach(function (i) {
      var t = T[i], x = X(t[6]), y = Y(t[4]), big = Math.abs(t[4]) >= thr, side = t[4] > 0 ? "US" : "China";
      var r = big ? 4.6 : 3.4;
      var p = big ? sv("path", { d: "M" + x + " " + (y - r) + "L" + (x + r) + " " + y + "L" + x + " " + (y + r) + "L" + (x - r) + " " + y + "Z" })
        : sv("circle", { cx: x, cy: y, r: r });
      p.setAttribute("class", "ro-pt");
      p.setAttribute("data-i", i);
      p.setAttribute("fill", colourOf(D, side));
      p.setAttribute("fill-opacity", big ? 1 : 0.4);
      p.setAttribute("tabindex", "0");
      p.setAttribute("role", "button");
      p.setAttribute("aria-label", t[0]);
      if (hit(i) || i === state.sel) { p.setAttribute("stroke", "#000"); p.setAttribute("stroke-width", i === state.sel ? 2.2 : 1.3); p.setAttribute("fill-opacity", 1); }
      pts.appendChild(p);
    });
    var labelled = {}, placed = [];
    idx.slice().sort(function (a, b) { return T[b][4] - T[a][4]; }).slice(0, D.label).forEach(function (i) { labelled[i] = 1; });
    idx.slice().sort(function (a, b) { return T[a][4] - T[b][4]; }).slice(0, D.label).forEach(function (i) { labelled[i] = 1; });
    idx.forEach(function (i) { if (hit(i) && Object.keys(labelled).length < 2 * D.label + 30) labelled[i] = 1; });
    if (state.sel >= 0) labelled[state.sel] = 1;
    Object.keys(labelled).map(Number).sort(function (a, b) { return Math.abs(T[b][4]) - Math.abs(T[a][4]); }).forEach(function (i) {
      var t = T[i], x = X(t[6]) + 7, y = Y(t[4]), w = 6.2 * t[0].length, ly = y;
      for (var k = 0; k < 30; k++) {
        ly = y + Math.ceil(k / 2) * 12 * (k % 2 ? 1 : -1) * (t[4] > 0 ? 1 : -1);
        var box = [x, ly - 6, x + w, ly + 6];
        if (!placed.some(function (b) { return !(box[2] < b[0] || box[0] > b[2] || box[3] < b[1] || box[1] > b[3]); })) break;
      }
      placed.push([x, ly - 6, x + w, ly + 6]);
      if (ly !== y) labs.appendChild(sv("line", { x1: x - 6, y1: y, x2: x - 1, y2: ly, stroke: "#bbb" }));
      var lab = sv("text", { x: x, y: ly + 4, fill: colourOf(D, t[4] > 0 ? "US" : "China"), "data-i": i, "class": "ro-pt" }, t[0]);
      if (i === state.sel) lab.setAttribute("font-weight", "bold");
      labs.appendChild(lab);
    });
    var nhit = state.query ? idx.filter(hit).length : 0;
    status.textContent = idx.length + " terms" + (state.query ? ", " + nhit + " match" : "") + "; dashed lines: |z| = " + thr;
  }
  function showMatches() {
    clear(matches);
    if (!state.query) return;
    var found = shown().filter(hit).sort(function (a, b) { return Math.abs(T[b][4]) - Math.abs(T[a][4]); });
    found.slice(0, 40).forEach(function (i) {
      var b = el("button", "ro-chip", T[i][0]);
      b.type = "button";
      b.addEventListener("click", function () { select(i); });
      matches.appendChild(b);
    });
    if (found.length > 40) matches.appendChild(el("span", "ro-meta", "and " + (found.length - 40) + " more"));
    if (!found.length) matches.appendChild(el("span", "ro-meta", "No term of this kind contains that text."));
  }
  function select(i) {
    state.sel = i;
    draw();
    var t = T[i], uses = U[i] || [], items = [];
    for (var k = 0; k + 1 < uses.length; k += 2) items.push([uses[k], uses[k + 1]]);
    var order = { US: 0, China: 1 };
    items.sort(function (a, b) {
      var sa = S[a[0]], sb = S[b[0]];
      return ((order[sa[0]] === undefined ? 2 : order[sa[0]]) - (order[sb[0]] === undefined ? 2 : order[sb[0]])) || String(sa[1]).localeCompare(String(sb[1])) || a[0] - b[0];
    });
    clear(panel);
    panel.appendChild(el("div", "ro-head", "\u201c" + t[0] + "\u201d: used " + t[2] + " times in US statements and " + t[3] + " in Chinese statements; z = " + fixed(t[4], 2) + ", q = " + fixed(t[5], 3) + "; " + items.length + " statement" + (items.length === 1 ? "" : "s") + ":"));
    var re = new RegExp("(^|[^A-Za-z0-9])(" + t[0].split(" ").map(function (w) { return escRe(w).replace("u\\.s\\.", "u\\.?s\\.?"); }).join("[^A-Za-z0-9]+(?:s[^A-Za-z0-9]+)?") + ")(?![A-Za-z0-9])", "gi");
    items.forEach(function (it) {
      var s = S[it[0]], box = el("div", "ro-item");
      box.style.borderLeftColor = colourOf(D, s[0]);
      var meta = [s[0], s[1], s[2]];
      if (s[3]) meta.push(s[3]);
      meta.push(s[4]);
      if (it[1] > 1) meta.push("\u00d7" + it[1]);
      box.appendChild(el("div", "ro-meta", meta.join(" \u00b7 ")));
      var text = el("div");
      var plain = String(s[5]), last = 0, m;
      re.lastIndex = 0;
      while ((m = re.exec(plain)) !== null) {
        var at = m.index + m[1].length;
        text.appendChild(document.createTextNode(plain.slice(last, at)));
        text.appendChild(el("mark", "", m[2]));
        last = at + m[2].length;
        re.lastIndex = Math.max(re.lastIndex, last);
      }
      text.appendChild(document.createTextNode(plain.slice(last)));
      box.appendChild(text);
      if (s[6] && s[6].length) box.appendChild(el("div", "ro-meta", "Also printed by " + s[6].join(", ") + " (counted once)"));
      panel.appendChild(box);
    });
  }
  svg.addEventListener("mouseover", function (e) {
    var i = e.target.getAttribute && e.target.getAttribute("data-i");
    if (i === null || i === undefined) return;
    var t = T[+i];
    tip.show([t[0], "US " + t[2] + " \u00b7 China " + t[3], "z = " + fixed(t[4], 2) + " \u00b7 q = " + fixed(t[5], 3)], e);
  });
  svg.addEventListener("mouseout", function () { tip.hide(); });
  svg.addEventListener("click", function (e) {
    var i = e.target.getAttribute && e.target.getAttribute("data-i");
    if (i !== null && i !== undefined) select(+i);
  });
  svg.addEventListener("keydown", function (e) {
    var i = e.target.getAttribute && e.target.getAttribute("data-i");
    if ((e.key === "Enter" || e.key === " ") && i !== null && i !== undefined) { e.preventDefault(); select(+i); }
  });
  draw();
  panelHint();
}
boot("term-explorer", initTerms);
"""


#: Co-mention network: ``D.actors`` [name, side, kind], ``D.pos``, ``D.articles`` [outlet, headline],
#: ``D.mentions`` [actor, article, n], ``D.edges[window]`` [a, b, article, weight, sentence ids], ``D.sentences``.
NETWORK_JS = r"""
function initNetwork(root, D) {
  var A = D.actors, P = D.pos, ART = D.articles, SENT = D.sentences;
  var outlets = [], sides = [];
  ART.forEach(function (a) { if (outlets.indexOf(a[0]) < 0) outlets.push(a[0]); });
  outlets.sort(function (a, b) { return String(a).localeCompare(String(b)); });
  D.sides.forEach(function (s) { if (A.some(function (a) { return a[1] === s; })) sides.push(s); });
  A.forEach(function (a) { if (sides.indexOf(a[1]) < 0) sides.push(a[1]); });
  var state = { window: D.window, outlets: {}, sides: {}, isolates: false, pinned: null };
  outlets.forEach(function (o) { state.outlets[o] = true; });
  sides.forEach(function (s) { state.sides[s] = true; });
  var bar = el("div", "ro-bar");
  root.appendChild(bar);
  bar.appendChild(choice("radio", "Window", D.windows.map(function (w) { return [w, w]; }), function (w) { return w === state.window; },
    function (w) { state.window = w; state.pinned = null; draw(); }));
  bar.appendChild(choice("checkbox", "Side", sides.map(function (s) { return [s, s]; }), function () { return true; },
    function (s, on) { state.sides[s] = on; state.pinned = null; draw(); }));
  var iso = choice("checkbox", "", [["iso", "actors with no tie"]], function () { return false; }, function (_, on) { state.isolates = on; draw(); });
  bar.appendChild(iso);
  var bar2 = el("div", "ro-bar");
  root.appendChild(bar2);
  bar2.appendChild(choice("checkbox", "Outlet", outlets.map(function (o) { return [o, o]; }), function () { return true; },
    function (o, on) { state.outlets[o] = on; state.pinned = null; draw(); }));
  var status = el("div", "ro-status");
  root.appendChild(status);
  var W = 780, H = 600;
  var svg = sv("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Co-mention network; hover a tie for the sentences behind it" });
  root.appendChild(svg);
  var panel = el("div", "ro-panel");
  panel.setAttribute("aria-live", "polite");
  root.appendChild(panel);
  var tip = tipper(root);
  var missing = [];
  A.forEach(function (a, i) { if (!P[i]) missing.push(i); });
  var pos = A.map(function (a, i) { return P[i] || [0.04 + 0.92 * (missing.indexOf(i) + 0.5) / missing.length, -0.05]; });
  function X(v) { return (v + 0.12) / 1.24 * W; }
  function Y(v) { return (1.12 - v) / 1.24 * H; }
  var current = [], last = null;
  function compute() {
    var arts = {}, agg = {}, men = {};
    ART.forEach(function (a, k) { if (state.outlets[a[0]]) arts[k] = true; });
    D.mentions.forEach(function (m) { if (arts[m[1]]) men[m[0]] = (men[m[0]] || 0) + m[2]; });
    (D.edges[state.window] || []).forEach(function (e) {
      if (!arts[e[2]] || !state.sides[A[e[0]][1]] || !state.sides[A[e[1]][1]]) return;
      var key = e[0] + "|" + e[1], g = agg[key];
      if (!g) g = agg[key] = { a: e[0], b: e[1], w: 0, arts: {}, ev: [] };
      g.w += e[3];
      g.arts[e[2]] = true;
      g.ev = g.ev.concat(e[4]);
    });
    var edges = Object.keys(agg).map(function (k) { return agg[k]; });
    var degree = {};
    edges.forEach(function (g) { degree[g.a] = (degree[g.a] || 0) + 1; degree[g.b] = (degree[g.b] || 0) + 1; });
    var nodes = [];
    A.forEach(function (a, i) { if (men[i] && state.sides[a[1]] && (state.isolates || degree[i])) nodes.push(i); });
    edges.sort(function (p, q) { return p.w - q.w; });
    return { edges: edges, nodes: nodes, men: men };
  }
  function shape(side, x, y, r) {
    if (side === "China") return sv("rect", { x: x - r * 0.89, y: y - r * 0.89, width: r * 1.78, height: r * 1.78 });
    if (side === "Other") return sv("path", { d: "M" + x + " " + (y - r * 1.2) + "L" + (x + r * 1.05) + " " + (y + r * 0.65) + "L" + (x - r * 1.05) + " " + (y + r * 0.65) + "Z" });
    if (side === "Unknown") return sv("path", { d: "M" + x + " " + (y - r * 1.15) + "L" + (x + r * 1.15) + " " + y + "L" + x + " " + (y + r * 1.15) + "L" + (x - r * 1.15) + " " + y + "Z" });
    return sv("circle", { cx: x, cy: y, r: r });
  }
  function draw() {
    clear(svg);
    tip.hide();
    var c = last = compute();
    current = c.edges;
    var maxw = Math.max.apply(null, [1].concat(c.edges.map(function (g) { return g.w; })));
    var lines = sv("g", {}), hits = sv("g", {}), dots = sv("g", {}), labs = sv("g", {});
    [lines, hits, dots, labs].forEach(function (g) { svg.appendChild(g); });
    c.edges.forEach(function (g, k) {
      var a = pos[g.a], b = pos[g.b], at = { x1: X(a[0]), y1: Y(a[1]), x2: X(b[0]), y2: Y(b[1]) };
      var line = sv("line", at);
      line.setAttribute("class", "ro-edge");
      line.setAttribute("stroke", state.pinned === g.a + "|" + g.b ? "#000" : "#555");
      line.setAttribute("stroke-opacity", 0.25 + 0.55 * g.w / maxw);
      line.setAttribute("stroke-width", 0.8 + 4.8 * g.w / maxw);
      line.setAttribute("stroke-linecap", "round");
      lines.appendChild(line);
      var h = sv("line", at);
      h.setAttribute("stroke", "transparent");
      h.setAttribute("stroke-width", 12);
      h.setAttribute("data-e", k);
      h.setAttribute("tabindex", "0");
      h.setAttribute("aria-label", A[g.a][0] + " and " + A[g.b][0]);
      hits.appendChild(h);
    });
    function radius(i) { return 3.1 * Math.pow(1 + (c.men[i] || 0), 0.4); }
    var boxes = c.nodes.map(function (i) {
      var p = pos[i], x = X(p[0]), y = Y(p[1]), r = radius(i);
      var s = shape(A[i][1], x, y, r);
      s.setAttribute("fill", colourOf(D, A[i][1]));
      s.setAttribute("stroke", "#000");
      s.setAttribute("stroke-width", 0.7);
      s.setAttribute("class", "ro-node");
      s.setAttribute("data-n", i);
      dots.appendChild(s);
      return [x - r, y - r, x + r, y + r];
    });
    function free(b) { return !boxes.some(function (o) { return !(b[2] < o[0] || b[0] > o[2] || b[3] < o[1] || b[1] > o[3]); }); }
    c.nodes.slice().sort(function (p, q) { return (c.men[q] || 0) - (c.men[p] || 0) || p - q; }).forEach(function (i) {
      var p = pos[i], x = X(p[0]), y = Y(p[1]), r = radius(i), w = 6.4 * String(A[i][0]).length + 2, best = null;
      [[0, -r - 3, "m"], [0, r + 12, "m"], [r + 4, 4, "s"], [-r - 4, 4, "e"], [0, -r - 15, "m"], [0, r + 24, "m"]].some(function (o) {
        var left = o[2] === "m" ? x - w / 2 : o[2] === "s" ? x + o[0] : x + o[0] - w;
        left = Math.max(2, Math.min(W - w - 2, left));
        var b = [left, y + o[1] - 10, left + w, y + o[1] + 2];
        if (!best) best = b;
        if (free(b)) { best = b; return true; }
        return false;
      });
      boxes.push(best);
      labs.appendChild(sv("text", { x: best[0] + 1, y: best[3] - 2, "data-n": i }, A[i][0]));
    });
    var chosen = outlets.filter(function (o) { return state.outlets[o]; }).length;
    status.textContent = c.nodes.length + " actors and " + c.edges.length + " ties; " + state.window + " window; " + chosen + " of " + outlets.length + " outlets. Node size: mentions; tie width: shared windows.";
    if (!state.pinned) hint();
  }
  function hint() { clear(panel); panel.appendChild(el("div", "ro-meta", "Hover a tie to read the sentences behind it; click it to keep them here.")); }
  function evidence(g) {
    clear(panel);
    var ids = g.ev.filter(function (v, k, all) { return all.indexOf(v) === k; }).sort(function (p, q) { return p - q; });
    var n = Object.keys(g.arts).length;
    panel.appendChild(el("div", "ro-head", A[g.a][0] + " \u2014 " + A[g.b][0] + ": " + g.w + " shared " + state.window + (g.w === 1 ? "" : "s") + " in " + n + " article" + (n === 1 ? "" : "s") + "; " + ids.length + " sentence" + (ids.length === 1 ? "" : "s") + ":"));
    ids.slice(0, 60).forEach(function (k) {
      var s = SENT[k], art = ART[s[0]], box = el("div", "ro-item");
      box.appendChild(el("div", "ro-meta", art[0] + " \u00b7 " + art[1] + " \u00b7 sentence " + s[1]));
      box.appendChild(el("div", "", s[2]));
      panel.appendChild(box);
    });
    if (ids.length > 60) panel.appendChild(el("div", "ro-meta", "and " + (ids.length - 60) + " more sentences"));
  }
  function edgeAt(e) { var k = e.target.getAttribute && e.target.getAttribute("data-e"); return k === null || k === undefined ? null : current[+k]; }
  svg.addEventListener("mouseover", function (e) {
    var g = edgeAt(e);
    if (g) {
      tip.show([A[g.a][0] + " \u2014 " + A[g.b][0], g.w + " shared " + state.window + (g.w === 1 ? "" : "s") + " in " + Object.keys(g.arts).length + " article(s)"], e);
      if (!state.pinned) evidence(g);
      return;
    }
    var n = e.target.getAttribute && e.target.getAttribute("data-n");
    if (n !== null && n !== undefined) {
      var a = A[+n];
      tip.show([a[0], a[1] + " \u00b7 " + a[2], (last.men[+n] || 0) + " mentions"], e);
    }
  });
  svg.addEventListener("mouseout", function () { tip.hide(); });
  function pin(e) {
    var g = edgeAt(e);
    if (!g) return;
    var key = g.a + "|" + g.b;
    state.pinned = state.pinned === key ? null : key;
    draw();
    if (state.pinned) evidence(g);
  }
  svg.addEventListener("click", pin);
  svg.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pin(e); } });
  draw();
}
boot("network-explorer", initNetwork);
"""


#: Quote ledger: ``D.fields`` names the values of each row of ``D.rows``; ``D.columns`` [field, heading, numeric].
LEDGER_JS = r"""
function initLedger(root, D) {
  var F = D.fields, R = D.rows, cols = D.columns;
  var f = {};
  F.forEach(function (name, k) { f[name] = k; });
  var state = { query: [], key: null, dir: 1, limit: 200, chosen: -1 };
  var bar = el("div", "ro-bar");
  root.appendChild(bar);
  bar.appendChild(searchBox("Search quotations, speakers, outlets", function (v) {
    state.query = v.toLowerCase().split(/\s+/).filter(Boolean);
    state.limit = 200;
    render();
  }));
  var status = el("span", "ro-status");
  bar.appendChild(status);
  var scroll = el("div", "ro-scroll");
  root.appendChild(scroll);
  var table = el("table", "ro-grid"), thead = el("thead"), tbody = el("tbody"), hrow = el("tr");
  table.appendChild(thead);
  table.appendChild(tbody);
  thead.appendChild(hrow);
  scroll.appendChild(table);
  var more = el("button", "ro-chip", "Show every row");
  more.type = "button";
  more.addEventListener("click", function () { state.limit = Infinity; render(); });
  root.appendChild(more);
  var detail = el("div", "ro-panel");
  detail.id = root.id + "-sentence";
  detail.setAttribute("tabindex", "-1");
  detail.setAttribute("aria-live", "polite");
  root.appendChild(detail);
  detail.appendChild(el("div", "ro-meta", "Follow a row's \u201csentence\u201d link to read the quotation in its sentence."));
  var heads = cols.map(function (c) {
    var th = el("th"), b = el("button", "", c[1]);
    b.type = "button";
    b.addEventListener("click", function () {
      state.dir = state.key === c[0] ? -state.dir : (c[2] ? -1 : 1);
      state.key = c[0];
      render();
    });
    th.appendChild(b);
    th.setAttribute("scope", "col");
    if (c[2]) th.className = "ro-num";
    hrow.appendChild(th);
    return th;
  });
  var link = el("th", "", "In context");
  link.setAttribute("scope", "col");
  hrow.appendChild(link);
  var hay = R.map(function (r) { return D.search.map(function (name) { return r[f[name]] === null ? "" : String(r[f[name]]); }).join(" \u0001 ").toLowerCase(); });
  function cmp(a, b) {
    var k = f[state.key], x = R[a][k], y = R[b][k];
    if (x === null || x === "") return (y === null || y === "") ? a - b : 1;
    if (y === null || y === "") return -1;
    var d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
    return d * state.dir || a - b;
  }
  function render() {
    var rows = [];
    for (var i = 0; i < R.length; i++) if (state.query.every(function (w) { return hay[i].indexOf(w) >= 0; })) rows.push(i);
    if (state.key !== null) rows.sort(cmp);
    heads.forEach(function (th, k) { th.setAttribute("aria-sort", cols[k][0] === state.key ? (state.dir > 0 ? "ascending" : "descending") : "none"); });
    clear(tbody);
    rows.slice(0, state.limit).forEach(function (i) {
      var r = R[i], tr = el("tr");
      tr.setAttribute("data-row", i);
      cols.forEach(function (c) {
        var v = r[f[c[0]]], td = el("td", c[2] ? "ro-num" : c[0] === "text" ? "ro-wide" : "");
        td.textContent = c[2] ? signed(v, 2) : (v === null ? "" : String(v));
        if (c[0] === "side") td.style.color = colourOf(D, v);
        tr.appendChild(td);
      });
      var td = el("td"), a = el("a", "", "sentence");
      a.href = "#" + detail.id;
      a.addEventListener("click", function (e) { e.preventDefault(); show(i); });
      td.appendChild(a);
      tr.appendChild(td);
      tbody.appendChild(tr);
    });
    status.textContent = "Showing " + Math.min(rows.length, state.limit) + " of " + rows.length + " matching quotations (" + R.length + " in all). Click a heading to sort.";
    more.style.display = rows.length > state.limit ? "" : "none";
  }
  function show(i) {
    var r = R[i];
    clear(detail);
    var meta = [r[f.speaker] + " (" + r[f.side] + ")", r[f.outlet]];
    if (r[f.headline]) meta.push(r[f.headline]);
    detail.appendChild(el("div", "ro-head", meta.join(" \u00b7 ")));
    var box = el("div", "ro-item"), text = el("div");
    box.style.borderLeftColor = colourOf(D, r[f.side]);
    var s = r[f.sentence], qs = r[f.sentence_start], qe = r[f.sentence_end];
    if (s !== null && qs !== null && qe !== null && qs >= 0 && qe <= String(s).length) {
      s = String(s);
      text.appendChild(document.createTextNode(s.slice(0, qs)));
      text.appendChild(el("mark", "", s.slice(qs, qe)));
      text.appendChild(document.createTextNode(s.slice(qe)));
    } else {
      text.appendChild(el("mark", "", r[f.text]));
    }
    box.appendChild(text);
    var where = [r[f.article_id] + ", characters " + r[f.start] + "\u2013" + r[f.end]];
    ["kind", "attribution", "cue", "channel"].forEach(function (k) { if (f[k] !== undefined && r[f[k]]) where.push(k + ": " + r[f[k]]); });
    box.appendChild(el("div", "ro-meta", where.join(" \u00b7 ")));
    detail.appendChild(box);
    detail.focus();
    if (detail.scrollIntoView) detail.scrollIntoView({ block: "nearest" });
  }
  render();
}
boot("quote-ledger", initLedger);
"""
