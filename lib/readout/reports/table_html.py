"""Tables for reading: pandas HTML tables turned into what a briefing page or a slide shows.

A notebook displays DataFrames as pandas renders them: an index column of row numbers,
snake_case headers, ``NaN`` and six decimals. The full (teaching) page keeps that, since it
is what the code returns; the briefing pages and the slides show the same tables for reading
(:func:`readable_tables`): no row-number column, headers in words, numbers rounded, shares as
percentages, and a dash for a missing value.
"""

from __future__ import annotations

import copy
import html
import re

_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</\1>", re.S)
_NUMBER = re.compile(r"^-?\d+\.\d{3,}$")
_INTEGER = re.compile(r"^-?\d+$")

#: words kept in capitals in a header
_ACRONYMS = {"us": "US", "ci": "CI", "id": "ID", "tf": "TF", "idf": "IDF", "nyt": "NYT", "pfc": "PFC", "z": "z"}


def human_header(name: str) -> str:
    """``n_statements`` -> ``n statements``, ``ci_low`` -> ``CI low``, ``share_us`` -> ``Share US``.

    >>> human_header("quoted_words_us"), human_header("ci_low"), human_header("n")
    ('Quoted words US', 'CI low', 'n')
    """
    words = [w for w in name.replace("_", " ").split(" ") if w]
    if not words:
        return name
    out = [_ACRONYMS.get(w.lower(), w) for w in words]
    if out[0] == words[0] and out[0] not in ("n", "z"):
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _cells(row: str) -> list[re.Match]:
    return list(_CELL.finditer(row))


def _is_row_number_column(rows: list[str]) -> bool:
    """Whether the table's first column is an unnamed index of row numbers: every body row opens
    with a ``<th>`` holding an integer, under an empty header cell."""
    body = [r for r in rows if "<td" in r]
    head = [r for r in rows if "<td" not in r]
    if not body:
        return False
    if head:
        first_head = _cells(head[-1])
        if first_head and html.unescape(first_head[0].group(3)).strip():
            return False
    firsts = [_cells(r)[0] for r in body if _cells(r)]
    return len(firsts) == len(body) and all(
        m.group(1) == "th" and _INTEGER.match(html.unescape(m.group(3)).strip()) for m in firsts
    )


def _format_value(text: str, header: str) -> str:
    raw = html.unescape(text).strip()
    if raw in ("NaN", "nan", "<NA>", "None", "NaT"):
        return "\u2014"
    if _NUMBER.match(raw):
        value = float(raw)
        if "share" in header.lower() and 0 <= value <= 1:
            return f"{value:.0%}"
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    if _INTEGER.match(raw) and abs(int(raw)) >= 10000:
        return f"{int(raw):,}"
    return text


def readable_table_html(table_html: str) -> str:
    """One pandas HTML table (or any HTML holding such tables) made for reading.

    >>> t = ('<table class="dataframe"><thead><tr><th></th><th>side</th><th>share</th></tr></thead>'
    ...      '<tbody><tr><th>0</th><td>US</td><td>0.964286</td></tr>'
    ...      '<tr><th>1</th><td>China</td><td>NaN</td></tr></tbody></table>')
    >>> readable_table_html(t)
    '<table class="dataframe"><thead><tr><th>Side</th><th>Share</th></tr></thead><tbody><tr><td>US</td><td>96%</td></tr><tr><td>China</td><td>—</td></tr></tbody></table>'
    """
    return _TABLE.sub(lambda m: _readable_one(m.group(0)), table_html)


def fold_index_name(table: str) -> str:
    """A table whose named index pandas shows as a second header row (the index's names, then empty
    cells) with those names moved into the first header row's corner and the second row gone, so
    the headers sit on one line above their columns. A cross-table's column name, which pandas
    puts in the corner, stays beside the index's name ("Speaker / Outlet").

    >>> t = ('<table><thead><tr><th></th><th>words</th></tr><tr><th>label</th><th></th></tr></thead>'
    ...      '<tbody><tr><th>RFA</th><td>10</td></tr></tbody></table>')
    >>> fold_index_name(t)
    '<table><thead><tr><th>label</th><th>words</th></tr></thead><tbody><tr><th>RFA</th><td>10</td></tr></tbody></table>'
    """
    head = re.search(r"<thead>(.*?)</thead>", table, re.S)
    if head is None:
        return table
    rows = _ROW.findall(head.group(1))
    if len(rows) != 2:
        return table
    top, names = _cells(rows[0]), _cells(rows[1])
    texts = [html.unescape(m.group(3)).strip() for m in names]
    k = next((i for i, t in enumerate(texts) if not t), len(texts))
    if not 0 < k < len(top) or len(names) != len(top) or any(texts[k:]):
        return table
    tops = [html.unescape(m.group(3)).strip() for m in top[:k]]
    if any(tops[:-1]):
        return table
    corner = [m.group(3) for m in names[:k]]
    if tops[-1]:
        corner[-1] = f"{corner[-1]} / {top[k - 1].group(3)}"
    cells = [f"<{m.group(1)}{m.group(2)}>{text}</{m.group(1)}>" for m, text in zip(top[:k], corner)]
    new_top = rows[0][: top[0].start()] + "".join(cells) + rows[0][top[k - 1].end() :]
    new_head = head.group(1).replace(rows[1], "", 1).replace(rows[0], new_top, 1)
    new_head = re.sub(r"\n\s*\n", "\n", new_head)
    return table[: head.start(1)] + new_head + table[head.end(1) :]


def _readable_one(table: str) -> str:
    table = fold_index_name(table)
    rows = _ROW.findall(table)
    drop_first = _is_row_number_column(rows)
    header_rows = [r for r in rows if "<td" not in r]
    headers: list[str] = []
    if header_rows:
        headers = [html.unescape(m.group(3)).strip() for m in _cells(header_rows[-1])]
        if drop_first:
            headers = headers[1:]
    out = table
    for row in rows:
        cells = _cells(row)
        if drop_first and cells:
            cells = cells[1:]
        body = "<td" in row
        parts = []
        for k, m in enumerate(cells):
            tag, attrs, text = m.group(1), m.group(2), m.group(3)
            if body and tag == "td":
                text = _format_value(text, headers[k] if k < len(headers) else "")
            elif not body and "<" not in text:
                text = html.escape(human_header(html.unescape(text).strip()))
            parts.append(f"<{tag}{attrs}>{text}</{tag}>")
        opening = re.match(r"<tr\b[^>]*>", row)
        new_row = (opening.group(0) if opening else "<tr>") + "".join(parts) + "</tr>"
        out = out.replace(row, new_row, 1)
    return out


def readable_tables(nb):
    """A copy of an executed notebook whose HTML tables are made for reading (:func:`readable_table_html`)."""
    deck = copy.deepcopy(nb)
    for cell in deck.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "<table" in str(data.get("text/html", "")):
                data["text/html"] = readable_table_html(str(data["text/html"]))
    return deck
