"""Measure the quote ledger against hand labels (``data/annotations/quotes.csv``): quote recall and speaker accuracy."""

from __future__ import annotations

import pandas as pd

from readout.paths import DATA_DIR


def load_quote_labels(path=None) -> pd.DataFrame:
    """The hand-labelled quotations (``data/annotations/quotes.csv``): article_id, start, end, text, speaker, kind."""

    labels = pd.read_csv(path or DATA_DIR / "annotations" / "quotes.csv", dtype={"article_id": str})
    return labels


def evaluate_quotes(ledger: pd.DataFrame, labels: pd.DataFrame) -> pd.DataFrame:
    """Per-article agreement between the ledger and hand labels, plus an ``ALL`` row.

    A label is *found* when a ledger quote overlaps at least half of it (and the quote
    is no more than twice as long); ``exact_span`` counts identical offsets;
    ``speaker_accuracy`` and ``kind_agreement`` are over found labels; ``precision``
    is the share of ledger quotes that match a label. Only articles with labels count.
    """
    out = []
    matched_rows = []
    for article_id, lab in labels.groupby("article_id", sort=True):
        led = ledger[ledger["article_id"] == article_id]
        used: set = set()
        for row in lab.itertuples(index=False):
            best = None
            for q in led.itertuples():
                overlap = min(row.end, q.end) - max(row.start, q.start)
                if overlap >= 0.5 * (row.end - row.start) and (q.end - q.start) <= 2 * (row.end - row.start):
                    best = q
                    break
            matched_rows.append(
                dict(
                    article_id=article_id,
                    label_start=row.start,
                    label_end=row.end,
                    label_text=row.text,
                    label_speaker=row.speaker,
                    label_kind=row.kind,
                    found=best is not None,
                    exact=best is not None and (best.start, best.end) == (row.start, row.end),
                    speaker=best.speaker if best is not None else None,
                    kind=best.kind if best is not None else None,
                )
            )
            if best is not None:
                used.add(best.Index)
        n_led = len(led)
        out.append((article_id, len(lab), n_led, len(used)))
    detail = pd.DataFrame(matched_rows)
    detail["speaker_ok"] = detail["found"] & (detail["speaker"] == detail["label_speaker"])
    detail["kind_ok"] = detail["found"] & (detail["kind"] == detail["label_kind"])

    def summarise(d: pd.DataFrame, n_ledger: int, n_used: int, name: str) -> dict:
        found = d["found"].sum()
        return dict(
            article_id=name,
            labels=len(d),
            ledger_quotes=n_ledger,
            recall=found / len(d) if len(d) else float("nan"),
            precision=n_used / n_ledger if n_ledger else float("nan"),
            exact_span=d["exact"].sum() / len(d) if len(d) else float("nan"),
            speaker_accuracy=d["speaker_ok"].sum() / found if found else float("nan"),
            kind_agreement=d["kind_ok"].sum() / found if found else float("nan"),
        )

    rows = [summarise(detail[detail["article_id"] == a], n_led, n_used, a) for a, _, n_led, n_used in out]
    rows.append(summarise(detail, sum(o[2] for o in out), sum(o[3] for o in out), "ALL"))
    result = pd.DataFrame(rows)
    result.attrs["detail"] = detail
    return result
