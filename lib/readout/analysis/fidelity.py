"""Quote fidelity: the same utterance as two outlets print it, with every difference classified
(quote marks, punctuation, house style, contraction, trim, wording).
"""

from __future__ import annotations

import difflib
import re

import pandas as pd

from readout.analysis.quotes import extract_quotes, outer_quotes
from readout.text.quote_marks import QUOTE_MARKS_TO_ASCII
from readout.text.tokens import WORD_RE, token_key

#: Difference kinds, from least to most consequential.
DIFF_KINDS = ("quote marks/apostrophes", "punctuation", "house style", "contraction", "trim", "wording")


_CONTRACTIONS = {
    "won't": "will not",
    "can't": "cannot",
    "shan't": "shall not",
    "ain't": "is not",
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "here's": "here is",
    "what's": "what is",
    "he's": "he is",
    "she's": "she is",
    "who's": "who is",
    "let's": "let us",
}


_CONTRACTION_SUFFIXES = (
    ("n't", " not"),
    ("'ll", " will"),
    ("'re", " are"),
    ("'ve", " have"),
    ("'m", " am"),
    ("'d", " would"),
)


def _expand(keys: list[str]) -> list[str]:
    """Word keys with contractions written out (``it'll`` -> ``it will``, ``cannot`` -> ``can not``)."""
    out: list[str] = []
    for k in keys:
        full = _CONTRACTIONS.get(k)
        if full is None:
            for suffix, rest in _CONTRACTION_SUFFIXES:
                if k.endswith(suffix) and len(k) > len(suffix):
                    full = k[: -len(suffix)] + rest
                    break
        out.extend((full or k).replace("cannot", "can not").split())
    return out


def _words(text: str):
    return [(m.group(), m.start(), m.end()) for m in WORD_RE.finditer(text)]


def _gap_norm(gap: str) -> str:
    return re.sub(r"\s+", " ", gap.translate(QUOTE_MARKS_TO_ASCII)).strip()


def compare_wording(a: str, b: str) -> dict:
    """Compare two versions of the same quotation, word by word.

    Words are aligned on :func:`readout.text.tokens.token_key`. Returns a dict with:

    - ``differences``: list of dicts ``{kind, a, b}`` where kind is one of
      :data:`DIFF_KINDS`: ``quote marks/apostrophes`` (’ versus '), ``punctuation``
      (commas and other marks between words), ``house style`` (case, ``U.S.``/``US``,
      ``top-line``/``topline``), ``contraction`` (``it'll``/``it will``: the same
      words, contracted or not), ``trim`` (words only one version has, at its start
      or end: one outlet quoted less) and ``wording`` (words replaced, or added or
      dropped inside the quotation: a real change of wording). Punctuation at the
      very start or end is ignored: it follows the sentence around the quotation
      (``…,” he said`` against ``….”``);
    - ``verdict``: ``identical``, or the most consequential kind present;
    - ``kinds``: the kinds present, in :data:`DIFF_KINDS` order;
    - ``marked_a`` / ``marked_b``: the texts with differing words in ``[[...]]``;
    - ``words_a``, ``words_b``, ``shared_words`` and ``similarity``
      (2 x shared / (words_a + words_b)).

    >>> compare_wording("We're going", "We’re going")["verdict"]
    'quote marks/apostrophes'
    >>> compare_wording("stop undermining China", "stop harming China")["verdict"]
    'wording'
    """
    wa, wb = _words(a), _words(b)
    ka, kb = [token_key(w) for w, _, _ in wa], [token_key(w) for w, _, _ in wb]
    matcher = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False)
    diffs: list[dict] = []
    marks_a: list[tuple[int, int]] = []
    marks_b: list[tuple[int, int]] = []
    shared = 0
    ops = matcher.get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            shared += i2 - i1
            for k in range(i2 - i1):
                ra, rb = wa[i1 + k][0], wb[j1 + k][0]
                if ra != rb:
                    same = ra.translate(QUOTE_MARKS_TO_ASCII) == rb.translate(QUOTE_MARKS_TO_ASCII)
                    diffs.append({"kind": "quote marks/apostrophes" if same else "house style", "a": ra, "b": rb})
                    marks_a.append(wa[i1 + k][1:])
                    marks_b.append(wb[j1 + k][1:])
                if k == i2 - i1 - 1:
                    break
                # punctuation between this aligned word and the next
                ga = a[wa[i1 + k][2] : wa[i1 + k + 1][1]]
                gb = b[wb[j1 + k][2] : wb[j1 + k + 1][1]]
                if (
                    ga == gb
                    or ga.translate(QUOTE_MARKS_TO_ASCII).split() == gb.translate(QUOTE_MARKS_TO_ASCII).split() == []
                ):
                    continue
                if _gap_norm(ga) == _gap_norm(gb):
                    if ga.translate(QUOTE_MARKS_TO_ASCII) != gb.translate(QUOTE_MARKS_TO_ASCII) and _gap_norm(ga):
                        diffs.append({"kind": "quote marks/apostrophes", "a": ga.strip(), "b": gb.strip()})
                    continue
                diffs.append({"kind": "punctuation", "a": ga.strip() or "∅", "b": gb.strip() or "∅"})
                marks_a.append((wa[i1 + k][2], wa[i1 + k + 1][1]))
                marks_b.append((wb[j1 + k][2], wb[j1 + k + 1][1]))
            continue
        at_start = i1 == 0 and j1 == 0
        at_end = i2 == len(ka) and j2 == len(kb)
        has_common = any(t == "equal" for t, *_ in ops)
        kind = "trim" if tag in ("insert", "delete") and (at_start or at_end) and has_common else "wording"
        if tag == "replace" and _expand(ka[i1:i2]) == _expand(kb[j1:j2]):
            kind = "contraction"
        text_a = a[wa[i1][1] : wa[i2 - 1][2]] if i2 > i1 else ""
        text_b = b[wb[j1][1] : wb[j2 - 1][2]] if j2 > j1 else ""
        diffs.append({"kind": kind, "a": text_a or "∅", "b": text_b or "∅"})
        if i2 > i1:
            marks_a.append((wa[i1][1], wa[i2 - 1][2]))
        if j2 > j1:
            marks_b.append((wb[j1][1], wb[j2 - 1][2]))
    kinds = [k for k in DIFF_KINDS if any(d["kind"] == k for d in diffs)]
    if not kinds and _edge_strip(a) != _edge_strip(b):
        same = _edge_strip(a.translate(QUOTE_MARKS_TO_ASCII)) == _edge_strip(b.translate(QUOTE_MARKS_TO_ASCII))
        kinds = ["quote marks/apostrophes" if same else "punctuation"]
        diffs.append({"kind": kinds[0], "a": _edge_strip(a), "b": _edge_strip(b)})
    return {
        "differences": diffs,
        "kinds": kinds,
        "verdict": kinds[-1] if kinds else "identical",
        "marked_a": _mark(a, marks_a),
        "marked_b": _mark(b, marks_b),
        "words_a": len(ka),
        "words_b": len(kb),
        "shared_words": shared,
        "similarity": round(2 * shared / (len(ka) + len(kb)), 3) if ka or kb else 1.0,
    }


_EDGE_PUNCT = " \t\r\n.,;:!?…—–-\"'“”‘’"


def _edge_strip(text: str) -> str:
    """Drop punctuation at the very ends: a quotation's last mark follows its sentence ("…," he said)."""
    return text.strip(_EDGE_PUNCT)


def _mark(text: str, spans: list[tuple[int, int]], open_: str = "[[", close: str = "]]") -> str:
    out, pos = [], 0
    for s, e in sorted(set(spans)):
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(f"{open_}{text[s:e]}{close}")
        pos = e
    out.append(text[pos:])
    return "".join(out)


FIDELITY_COLUMNS = [
    "pair_id",
    "quote_id_a",
    "article_a",
    "start_a",
    "end_a",
    "quote_id_b",
    "article_b",
    "start_b",
    "end_b",
    "speaker_a",
    "speaker_b",
    "text_a",
    "text_b",
    "marked_a",
    "marked_b",
    "verdict",
    "kinds",
    "differences",
    "words_a",
    "words_b",
    "shared_words",
    "similarity",
]


def quote_fidelity(
    corpus, quotes: pd.DataFrame | None = None, *, min_run: int = 5, min_cover: float = 0.6
) -> pd.DataFrame:
    """Pairs of quotations in different articles that print the same words.

    Two quotes (rows of ``readout.extract_quotes(corpus)``, or of ``quotes``) are
    taken as versions of the same utterance when they share a run of at least
    ``min_run`` consecutive words (compared on :func:`readout.text.tokens.token_key`)
    and the aligned words cover at least ``min_cover`` of the shorter one. One row per
    pair: quote ids, articles and exact offsets of both versions, speakers, texts,
    the texts with differing words marked ``[[...]]``, and the comparison of
    :func:`compare_wording` (verdict, kinds, differences as ``kind: a → b`` lines,
    word counts, similarity). Sorted by article pair and position.

    A short partial quote ("a long list of deliverables") can pair with more than
    one longer quotation when the speaker used the phrase twice; each pairing is
    listed.
    """
    quotes = outer_quotes(extract_quotes(corpus) if quotes is None else quotes)
    q = quotes.sort_values(["article_id", "start"]).reset_index(drop=True)
    keys = [[token_key(w) for w, _, _ in _words(t)] for t in q["text"]]
    shingles: dict[tuple[str, ...], set[int]] = {}
    for idx, ks in enumerate(keys):
        for i in range(len(ks) - min_run + 1):
            shingles.setdefault(tuple(ks[i : i + min_run]), set()).add(idx)
    pairs = set()
    for members in shingles.values():
        for x in members:
            for y in members:
                if x < y and q.at[x, "article_id"] != q.at[y, "article_id"]:
                    pairs.add((x, y))
    rows = []
    for x, y in sorted(pairs):
        qa, qb = q.loc[x], q.loc[y]
        cmp = compare_wording(qa["text"], qb["text"])
        if cmp["shared_words"] < min_cover * min(cmp["words_a"], cmp["words_b"]):
            continue
        rows.append(
            {
                "quote_id_a": qa["quote_id"],
                "article_a": qa["article_id"],
                "start_a": int(qa["start"]),
                "end_a": int(qa["end"]),
                "quote_id_b": qb["quote_id"],
                "article_b": qb["article_id"],
                "start_b": int(qb["start"]),
                "end_b": int(qb["end"]),
                "speaker_a": qa.get("speaker", ""),
                "speaker_b": qb.get("speaker", ""),
                "text_a": qa["text"],
                "text_b": qb["text"],
                "marked_a": cmp["marked_a"],
                "marked_b": cmp["marked_b"],
                "verdict": cmp["verdict"],
                "kinds": ";".join(cmp["kinds"]),
                "differences": "\n".join(f"{d['kind']}: {d['a']} → {d['b']}" for d in cmp["differences"]),
                "words_a": cmp["words_a"],
                "words_b": cmp["words_b"],
                "shared_words": cmp["shared_words"],
                "similarity": cmp["similarity"],
            }
        )
    out = pd.DataFrame(rows, columns=FIDELITY_COLUMNS[1:])
    out = out.sort_values(["article_a", "article_b", "start_a"], kind="stable").reset_index(drop=True)
    out.insert(0, "pair_id", [f"f{k:03d}" for k in range(len(out))])
    return out


def reuse_in_quotes(reuse: pd.DataFrame, quotes: pd.DataFrame, corpus) -> pd.DataFrame:
    """Add to a :func:`find_reuse` table how much of each span lies inside quotation marks.

    Adds ``quoted_a`` and ``quoted_b`` (share of the span's words inside a quote of the
    ledger, 0–1) and ``kind``: ``quotation`` when both spans are at least half quoted,
    ``narration`` when neither is, ``mixed`` otherwise (one outlet quotes what the
    other paraphrases or narrates).
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for q in quotes.itertuples(index=False):
        spans.setdefault(q.article_id, []).append((int(q.start), int(q.end)))

    def quoted(aid: str, start: int, end: int) -> float:
        toks = [(m.start(), m.end()) for m in WORD_RE.finditer(corpus.raw[aid], start, end)]
        inside = sum(1 for s, e in toks if any(qs <= s and e <= qe for qs, qe in spans.get(aid, [])))
        return round(inside / len(toks), 3) if toks else 0.0

    out = reuse.copy()
    out["quoted_a"] = [quoted(r.article_a, r.start_a, r.end_a) for r in reuse.itertuples(index=False)]
    out["quoted_b"] = [quoted(r.article_b, r.start_b, r.end_b) for r in reuse.itertuples(index=False)]
    both = (out["quoted_a"] >= 0.5) & (out["quoted_b"] >= 0.5)
    neither = (out["quoted_a"] < 0.5) & (out["quoted_b"] < 0.5)
    out["kind"] = ["quotation" if b else "narration" if n else "mixed" for b, n in zip(both, neither)]
    return out
