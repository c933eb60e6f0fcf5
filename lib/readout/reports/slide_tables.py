"""Tables cut to fit a reveal.js slide: long cells shortened, rows and columns cut to the slide's
height and width, with a line saying how much is left for the full page."""

from __future__ import annotations

import math
import re

#: a table on a slide shows at most this many rows and columns; the full page has the rest
SLIDE_TABLE_ROWS = 8
SLIDE_TABLE_COLUMNS = 6

_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<t([hd])\b[^>]*>.*?</t\1>", re.S)


#: a table cell on a slide shows at most this many characters
SLIDE_CELL_CHARS = 90


#: the height a table may take on a slide (pixels), leaving room for a heading and a line of text
SLIDE_TABLE_HEIGHT = 560


def table_height(table_html: str) -> float:
    """Estimated pixels of an HTML table at the slides' 18 px type: the slide's width shared by the
    columns (about 130 characters of 18 px type across), each row as tall as its most wrapped cell."""
    rows = re.findall(r"<tr\b.*?</tr>", table_html, re.S)
    height = 40.0
    for row in rows:
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)]
        per_line = max(8, 130 // max(1, len(cells)))
        lines = max((math.ceil(len(c) / per_line) for c in cells), default=1)
        height += 28 * max(1, lines)
    return height


def _short_cell(match: re.Match) -> str:
    tag, attrs, inner = match.group(1), match.group(2), match.group(3)
    if "<" in inner or len(inner) <= SLIDE_CELL_CHARS:
        return match.group(0)
    cut = inner[:SLIDE_CELL_CHARS].rsplit(" ", 1)[0]
    cut = re.sub(r"&[#\w]*$", "", cut)  # never cut an entity in two
    return f"<{tag}{attrs}>{cut} \u2026</{tag}>"


def fit_table_html(table_html: str) -> str:
    """A table cut to fit a slide: long cells shortened to :data:`SLIDE_CELL_CHARS` characters, then
    as many rows as fit :data:`SLIDE_TABLE_HEIGHT` (at most :data:`SLIDE_TABLE_ROWS`), with a line
    saying what is left for the full page."""
    short = re.sub(r"<(t[hd])\b([^>]*)>(.*?)</\1>", _short_cell, table_html, flags=re.S)
    for rows in range(SLIDE_TABLE_ROWS, 0, -1):
        fitted = trim_table_html(short, rows=rows)
        if table_height(fitted) <= SLIDE_TABLE_HEIGHT:
            return fitted
    return trim_table_html(short, rows=1)


def trim_table_html(table_html: str, rows: int = SLIDE_TABLE_ROWS, columns: int = SLIDE_TABLE_COLUMNS) -> str:
    """A pandas HTML table cut to its first ``rows`` body rows and ``columns`` columns, with a
    line saying how much is left for the full page.

    >>> html = "<table><thead><tr><th>a</th></tr></thead><tbody>" + "<tr><td>1</td></tr>" * 10 + "</tbody></table>"
    >>> trimmed = trim_table_html(html, rows=3)
    >>> trimmed.count("<td>"), "7 more rows" in trimmed
    (3, True)
    """
    body = re.search(r"<tbody>(.*?)</tbody>", table_html, re.S)
    hidden_rows = hidden_cols = 0
    out = table_html
    if body:
        body_rows = _ROW.findall(body.group(1))
        hidden_rows = max(0, len(body_rows) - rows)
        out = out.replace(body.group(1), "\n".join(body_rows[:rows]))

    def cut(row: re.Match) -> str:
        nonlocal hidden_cols
        found = list(_CELL.finditer(row.group(0)))
        if len(found) <= columns:
            return row.group(0)
        hidden_cols = max(hidden_cols, len(found) - columns)
        return row.group(0)[: found[0].start()] + "".join(m.group(0) for m in found[:columns]) + "</tr>"

    out = _ROW.sub(cut, out)
    more = []
    if hidden_rows:
        more.append(f"{hidden_rows} more rows")
    if hidden_cols:
        more.append(f"{hidden_cols} more columns")
    if more:
        out += f'<p class="slide-note">\u2026 {" and ".join(more)} in the full report.</p>'
    return out
