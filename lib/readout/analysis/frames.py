"""Frames: code every statement against the frame codebook ``data/frames.csv`` (Policy Frames
Codebook dimensions of Boydstun, Card, Gross, Resnik & Smith 2014, plus diplomacy sub-frames).

:func:`code_frames` finds each frame's cues, :func:`frames_by_side` gives the shares,
:func:`frame_agreement` compares with the hand coding in ``data/annotations/frames.csv``
(Cohen's kappa), and :func:`topic_alignment` says which agenda topics each side raised.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from readout.analysis.agreement import cohen_kappa
from readout.analysis.sides import corpus_sides
from readout.analysis.statements import SIDES, side_statements, statements
from readout.analysis.topics import load_topics
from readout.corpus.codebooks import codebook_path
from readout.paths import DATA_DIR
from readout.reports.evidence_html import highlight
from readout.text.cues import (
    JoinedTexts,
    any_cue_pattern,
    cue_prefix,
    find_cues,
    split_cell,
)
from readout.text.quote_marks import APOSTROPHES_TO_ASCII
from readout.text.stopwords import STOPWORDS

FRAME_COLUMNS = ["frame", "label", "family", "pfc_dimension", "definition", "cue_terms"]


def load_frames(path: str | Path | None = None, corpus=None) -> pd.DataFrame:
    """The frame codebook (``data/frames.csv``, or the corpus folder's own ``frames.csv``).

    Columns: frame (id), label, family ("Policy Frames Codebook" or "Diplomacy sub-frame"),
    pfc_dimension (Boydstun et al. 2014 dimension number and name, blank for sub-frames),
    definition, cue_terms (``;``-separated, ``*`` = any ending; see :func:`any_cue_pattern`).
    Raises ValueError naming the file and what is wrong.
    """
    path = Path(path) if path else codebook_path("frames.csv", corpus)
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in FRAME_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(FRAME_COLUMNS)}")
    dup = table["frame"][table["frame"].duplicated()].tolist()
    if dup:
        raise ValueError(f"{path}: frame id(s) {', '.join(dup)} appear more than once")
    empty = table.index[table["cue_terms"].str.strip() == ""].tolist()
    if empty:
        raise ValueError(f"{path}: line(s) {', '.join(str(i + 2) for i in empty)} have no cue_terms")
    return table


NO_FRAME = "none"


def code_frames(stmts: pd.DataFrame, frames: pd.DataFrame) -> pd.DataFrame:
    """Code each statement against the frame codebook by its cue terms.

    ``stmts`` is :func:`statements` output (statement_id, side, text, ...). Returns one
    row per statement and frame with at least one cue hit: statement_id, side, frame,
    n_hits, cues (the matched words, ``;``-joined), first (offset of the first hit in the
    statement text), primary (bool). A statement's primary frame is the one with most
    hits; a tie goes to the frame cued first in the text.
    """
    rows = []
    for st, coded in zip(stmts.itertuples(), _frame_cue_hits([str(t) for t in stmts["text"]], frames)):
        hits = [
            {
                "statement_id": st.statement_id,
                "side": st.side,
                "frame": frame,
                "n_hits": len(found),
                "cues": ";".join(h[2] for h in found),
                "first": found[0][0],
            }
            for frame, found in coded.items()
        ]
        if hits:
            best = min(hits, key=lambda h: (-h["n_hits"], h["first"]))
            for h in hits:
                h["primary"] = h is best
        rows.extend(hits)
    return pd.DataFrame(rows, columns=["statement_id", "side", "frame", "n_hits", "cues", "first", "primary"])


def _frame_cue_hits(texts: list[str], frames: pd.DataFrame) -> list[dict[str, list[tuple[int, int, str]]]]:
    """For each text: frame -> its cue hits (start, end, matched text), for the frames with
    a hit, in codebook order; the hits :func:`find_cues` gives with the frame's pattern.

    The texts are searched together (:class:`readout.text.cues.JoinedTexts`), each frame's
    pattern tried only where one of its cues' opening letters begins.
    """

    joined = JoinedTexts(list(texts))
    out: list[dict] = [{} for _ in texts]
    for f in frames.itertuples():
        pattern = any_cue_pattern(f.cue_terms)
        if pattern is None:
            continue
        prefixes = tuple(cue_prefix(c) for c in split_cell(f.cue_terms))
        for i, start, end in joined.spans(pattern, prefixes):
            out[i].setdefault(f.frame, []).append((start, end, texts[i][start:end]))
    return out


def term_frames(term: str, frames: pd.DataFrame) -> list[str]:
    """The frames whose cue terms contain a word of ``term`` (a unigram or bigram).

    Every non-stopword of a cue counts as a word of its frame ("affairs" from "internal
    affairs"); a ``*`` cue word matches as a prefix. Used to label Fightin' Words terms.

    >>> f = pd.DataFrame({"frame": ["sovereignty"], "cue_terms": ["internal affairs; interfer*"]})
    >>> term_frames("interfering", f), term_frames("internal", f), term_frames("external", f)
    (['sovereignty'], ['sovereignty'], [])
    """
    words = term.split()
    out = []
    for f in frames.itertuples():
        cue_words = [
            w.lower().translate(APOSTROPHES_TO_ASCII)
            for cue in f.cue_terms.split(";")
            for w in re.split(r"[\s-]+", cue.strip())
        ]
        cue_words = [w for w in cue_words if w and w.rstrip("*") not in STOPWORDS]
        if any(w == c or (c.endswith("*") and w.startswith(c[:-1])) for w in words for c in cue_words):
            out.append(f.frame)
    return out


def primary_frames(stmts: pd.DataFrame, coded: pd.DataFrame) -> pd.Series:
    """Each statement's primary frame (``"none"`` when no cue matched), indexed by statement_id."""
    prim = coded[coded["primary"].astype(bool)].set_index("statement_id")["frame"]
    return stmts["statement_id"].map(prim).fillna(NO_FRAME).set_axis(stmts["statement_id"])


def frames_by_side(corpus, pieces: pd.DataFrame | None = None, sides: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Export entry ``frames_by_side``: how often each frame appears in each side's statements.

    One row per side and frame (including ``none`` for statements no cue matched):
    side, frame, label, family, n_statements (the side's counted statements),
    n_with_frame (statements with at least one cue of the frame), share
    (n_with_frame / n_statements; a statement can carry several frames, so shares sum
    past 1), n_primary and primary_share (each statement's primary frame only; these sum
    to 1 per side), n_hits (cue matches). ``sides`` default to the corpus's two parties
    (:func:`readout.analysis.sides.corpus_sides`).
    """
    frames = load_frames(corpus=corpus)
    sides = tuple(sides) if sides else corpus_sides(corpus)
    stmts = statements(side_statements(corpus, sides=sides) if pieces is None else pieces)
    coded = code_frames(stmts, frames)
    prim = primary_frames(stmts, coded)
    labels = dict(zip(frames.frame, frames.label)) | {NO_FRAME: "No frame cue"}
    families = dict(zip(frames.frame, frames.family)) | {NO_FRAME: ""}
    rows = []
    for side in sides:
        ids = stmts.loc[stmts["side"] == side, "statement_id"]
        n = len(ids)
        c = coded[coded["statement_id"].isin(ids)]
        p = prim[prim.index.isin(ids)]
        for frame in list(frames.frame) + [NO_FRAME]:
            cf = c[c["frame"] == frame]
            with_frame = cf["statement_id"].nunique() if frame != NO_FRAME else int((p == NO_FRAME).sum())
            rows.append(
                {
                    "side": side,
                    "frame": frame,
                    "label": labels[frame],
                    "family": families[frame],
                    "n_statements": n,
                    "n_with_frame": with_frame,
                    "share": with_frame / n if n else float("nan"),
                    "n_primary": int((p == frame).sum()),
                    "primary_share": float((p == frame).mean()) if n else float("nan"),
                    "n_hits": int(cf["n_hits"].sum()),
                }
            )
    return pd.DataFrame(rows)


def frame_evidence(corpus, frame: str | None = None, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """The statements behind each frame, with the cue words highlighted (HTML ``<mark>``).

    Columns: side, frame, statement_id, outlet, kind, primary, text, html.
    """
    frames = load_frames(corpus=corpus)
    if frame is not None:
        frames = frames[frames["frame"] == frame]
        if frames.empty:
            raise KeyError(f"no frame {frame!r} in the codebook")
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    coded = code_frames(stmts, frames).merge(stmts[["statement_id", "outlet", "kind", "text"]], on="statement_id")
    pats = {f.frame: any_cue_pattern(f.cue_terms) for f in frames.itertuples()}
    coded["html"] = [
        highlight(t, [(a, b) for a, b, _ in find_cues(t, pats[f])]) for t, f in zip(coded.text, coded.frame)
    ]
    return coded[["side", "frame", "statement_id", "outlet", "kind", "primary", "text", "html"]]


ANNOTATION_COLUMNS = ["statement_id", "side", "primary_frame", "other_frames", "text", "note"]


def load_frame_annotations(path: str | Path | None = None) -> pd.DataFrame:
    """The hand coding ``data/annotations/frames.csv``: one row per side statement.

    Columns: statement_id, side, primary_frame (a frame id or ``none``), other_frames
    (``;``-separated frame ids, may be blank), text (the statement as coded, for reading),
    note. Raises ValueError naming the file and line of an unknown frame id.
    """

    path = Path(path) if path else DATA_DIR / "annotations" / "frames.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ANNOTATION_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    known = set(load_frames()["frame"]) | {NO_FRAME}
    for i, row in table.iterrows():
        for f in [row.primary_frame] + [x.strip() for x in row.other_frames.split(";") if x.strip()]:
            if f not in known:
                raise ValueError(f"{path}, line {i + 2}: unknown frame {f!r}; use one of {', '.join(sorted(known))}")
    return table


def frame_agreement(corpus, annotations: pd.DataFrame | None = None, pieces: pd.DataFrame | None = None) -> dict:
    """Cohen's kappa between the codebook's coding and the hand coding of the side statements.

    Statements are matched on statement_id. Returns a dict with ``n`` (statements in
    both), ``unmatched_hand`` / ``unmatched_auto`` (ids only one side has),
    ``primary_kappa`` and ``primary_agreement`` (primary frame, ``none`` included),
    ``per_frame`` (DataFrame: frame, n_hand, n_auto, agreement, kappa for the presence
    of each frame, any position) and ``pairs`` (statement_id, side, hand, auto).
    """
    frames = load_frames(corpus=corpus)
    hand = load_frame_annotations() if annotations is None else annotations
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    coded = code_frames(stmts, frames)
    auto_primary = primary_frames(stmts, coded)
    ids = [i for i in hand["statement_id"] if i in set(stmts["statement_id"])]
    h = hand.set_index("statement_id").loc[ids]
    pairs = pd.DataFrame(
        {
            "statement_id": ids,
            "side": h["side"].values,
            "hand": h["primary_frame"].values,
            "auto": auto_primary.loc[ids].values,
        }
    )
    result = {
        "n": len(ids),
        "unmatched_hand": sorted(set(hand["statement_id"]) - set(stmts["statement_id"])),
        "unmatched_auto": sorted(set(stmts["statement_id"]) - set(hand["statement_id"])),
        "pairs": pairs,
    }
    if not ids:
        result.update(primary_kappa=float("nan"), primary_agreement=float("nan"), per_frame=pd.DataFrame())
        return result
    result["primary_kappa"] = cohen_kappa(pairs["hand"], pairs["auto"])
    result["primary_agreement"] = float((pairs["hand"] == pairs["auto"]).mean())
    hand_sets = {
        i: {r.primary_frame} | {x.strip() for x in r.other_frames.split(";") if x.strip()} for i, r in h.iterrows()
    }
    auto_sets = coded.groupby("statement_id")["frame"].apply(set).to_dict()
    rows = []
    for f in frames["frame"]:
        a = [f in hand_sets[i] for i in ids]
        b = [f in auto_sets.get(i, set()) for i in ids]
        rows.append(
            {
                "frame": f,
                "n_hand": sum(a),
                "n_auto": sum(b),
                "agreement": float(np.mean([x == y for x, y in zip(a, b)])),
                "kappa": cohen_kappa(a, b),
            }
        )
    result["per_frame"] = pd.DataFrame(rows)
    return result


def topic_alignment(corpus, pieces: pd.DataFrame | None = None) -> pd.DataFrame:
    """Which agenda topics (``data/topics.csv``) each side's statements raise.

    One row per topic: topic, label, n_us, n_china (statements whose text matches a cue,
    exclusions applied), raised_by ("both", "US only", "China only", "neither"),
    us_example / china_example (the first matching statement's text), and ``reading``,
    a sentence a briefer can read aloud.
    """
    topics = load_topics(corpus=corpus)
    stmts = statements(side_statements(corpus) if pieces is None else pieces)
    rows = []
    for t in topics.itertuples():
        pat, exc = any_cue_pattern(t.cues), any_cue_pattern(t.exclude) if t.exclude.strip() else None
        hit = stmts[[bool(find_cues(x, pat, exc)) for x in stmts["text"]]]
        n = {side: int((hit["side"] == side).sum()) for side in SIDES}
        ex = {side: (hit.loc[hit["side"] == side, "text"].iloc[0] if n[side] else "") for side in SIDES}
        raised = (
            "both" if n["US"] and n["China"] else "US only" if n["US"] else "China only" if n["China"] else "neither"
        )

        def st(k):
            return f"{k} statement" + ("s" if k != 1 else "")

        reading = {
            "both": f"{t.label}: raised by both sides (US {st(n['US'])}, China {st(n['China'])}).",
            "US only": f"{t.label}: raised only by the US side ({st(n['US'])}); the Chinese statements reported here do not mention it.",
            "China only": f"{t.label}: raised only by the Chinese side ({st(n['China'])}); the US statements reported here do not mention it.",
            "neither": f"{t.label}: in neither side's reported statements.",
        }[raised]
        rows.append(
            {
                "topic": t.topic,
                "label": t.label,
                "n_us": n["US"],
                "n_china": n["China"],
                "raised_by": raised,
                "us_example": ex["US"],
                "china_example": ex["China"],
                "reading": reading,
            }
        )
    order = {"both": 0, "US only": 1, "China only": 2, "neither": 3}
    out = pd.DataFrame(rows)
    return out.sort_values(
        ["raised_by", "topic"], key=lambda s: s.map(order) if s.name == "raised_by" else s, ignore_index=True
    )
