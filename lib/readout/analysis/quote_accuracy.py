"""Measure the quote ledger against hand labels (``data/annotations/quotes.csv``): quote recall and speaker accuracy."""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from pathlib import Path

import pandas as pd

from readout.analysis.actors import load_codebook
from readout.analysis.quotes import UNATTRIBUTED, outer_quotes
from readout.corpus.loading import load_corpus
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
    is the share of ledger quotes that match a label. Only articles with labels count. These
    labels give a nested quotation no row of its own, so the ledger's nested rows are left out
    (:func:`readout.analysis.quotes.outer_quotes`).
    """
    ledger = outer_quotes(ledger)
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


#: The hand-labelled attribution challenge set (``data/challenge/attribution/``).
CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution"

#: A second set, written after the rules were developed on :data:`CHALLENGE_DIR` and scored once as held out.
FRESH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fresh"

#: A third, written after the rules were extended on :data:`FRESH_CHALLENGE_DIR` and scored once as held out.
THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_third"

#: A fourth, on the June 2023 visit, written after the rules were extended on the third and scored once as held out.
FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fourth"

#: A fifth, on the June 2023 meetings and reactions, written after the rules were extended on the fourth and scored once.
FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fifth"
#: A sixth, on the same visit in several house styles, written after nested quotations got their own rows and scored once.
SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixth"

#: A seventh, with third-country bodies named by their acronyms, written after the rules were extended on the sixth.
SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventh"

#: An eighth, a ninth and a tenth, each written after the rules were extended on the set before.
EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_eighth"
NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_ninth"
TENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_tenth"
#: An eleventh and a twelfth, written side by side after the rules were extended on the tenth, in the styles of real pages.
ELEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_eleventh"
TWELFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twelfth"
#: A thirteenth and a fourteenth, written side by side after the rules were extended on those two.
THIRTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirteenth"
FOURTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fourteenth"
#: A fifteenth and a sixteenth, written side by side after the rules were extended on the thirteenth and fourteenth.
FIFTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fifteenth"
SIXTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixteenth"
#: A seventeenth and an eighteenth, written side by side after the rules were extended on the fifteenth and sixteenth.
SEVENTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventeenth"
EIGHTEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_eighteenth"
#: A nineteenth and a twentieth, in the styles of the pages most coverage of the trip is on, written side by side
#: after the rules were extended on the seventeenth and eighteenth.
NINETEENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_nineteenth"
TWENTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentieth"
#: A twenty-first and a twenty-second, in the same styles, written side by side after the rules were extended on
#: the nineteenth and twentieth.
TWENTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyfirst"
TWENTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentysecond"
#: A twenty-third and a twenty-fourth, in the same styles, written side by side after the rules were extended on
#: the twenty-first and twenty-second.
TWENTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentythird"
TWENTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyfourth"
#: A twenty-fifth and a twenty-sixth, in the same styles, written side by side after the rules were extended on
#: the twenty-third and twenty-fourth.
TWENTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyfifth"
TWENTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentysixth"
#: A twenty-seventh and a twenty-eighth, in the same styles with papers from eight countries, written side by
#: side after the rules were extended on the twenty-fifth and twenty-sixth.
TWENTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyseventh"
TWENTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyeighth"
#: A twenty-ninth and a thirtieth, in the same styles with papers from nine countries each, written side by side
#: after the rules were extended on the twenty-seventh and twenty-eighth.
TWENTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_twentyninth"
THIRTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtieth"
#: A thirty-first and a thirty-second, in the same styles, written side by side after the rules were extended on
#: the twenty-ninth and thirtieth.
THIRTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyfirst"
THIRTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtysecond"
#: A thirty-third and a thirty-fourth, in the same styles, written side by side after the rules were extended on
#: the thirty-first and thirty-second.
THIRTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtythird"
THIRTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyfourth"
#: A thirty-fifth and a thirty-sixth, in the same styles, written side by side after the rules were extended on
#: the thirty-third and thirty-fourth.
THIRTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyfifth"
THIRTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtysixth"
#: A thirty-seventh and a thirty-eighth, in the same styles, written side by side after the rules were extended
#: on the thirty-fifth and thirty-sixth.
THIRTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyseventh"
THIRTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyeighth"
#: A thirty-ninth and a fortieth, in the same styles, written side by side after the rules were extended on
#: the thirty-seventh and thirty-eighth.
THIRTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_thirtyninth"
FORTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortieth"
#: A forty-first and a forty-second, in the same styles, written side by side after the rules were extended on
#: the thirty-ninth and fortieth.
FORTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyfirst"
FORTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortysecond"
#: A forty-third and a forty-fourth, in the same styles, written side by side after the rules were extended on
#: the forty-first and forty-second.
FORTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortythird"
FORTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyfourth"
#: A forty-fifth and a forty-sixth, in the same styles, written side by side after the rules were extended on
#: the forty-third and forty-fourth.
FORTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyfifth"
FORTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortysixth"
#: A forty-seventh and a forty-eighth, in the same styles, written side by side after the rules were extended
#: on the forty-fifth and forty-sixth.
FORTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyseventh"
FORTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyeighth"
#: A forty-ninth and a fiftieth, in the same styles, written side by side after the rules were extended on the
#: forty-seventh and forty-eighth.
FORTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fortyninth"
FIFTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftieth"
#: A fifty-first and a fifty-second, in the same styles, written side by side after the rules were extended on the
#: forty-ninth and fiftieth.
FIFTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyfirst"
FIFTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftysecond"
#: A fifty-third and a fifty-fourth, in the same styles, written side by side after the rules were extended on
#: the fifty-first and fifty-second.
FIFTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftythird"
FIFTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyfourth"
#: A fifty-fifth and a fifty-sixth, in the same styles, written side by side after the rules were extended on
#: the fifty-third and fifty-fourth.
FIFTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyfifth"
FIFTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftysixth"
#: A fifty-seventh and a fifty-eighth, in the same styles, written side by side after the rules were extended on
#: the fifty-fifth and fifty-sixth.
FIFTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyseventh"
FIFTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyeighth"
#: A fifty-ninth and a sixtieth, in the same styles, written side by side after the rules were extended on the
#: fifty-seventh and fifty-eighth.
FIFTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_fiftyninth"
SIXTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtieth"
#: A sixty-first and a sixty-second, in the same styles, written side by side after the rules were extended on the
#: fifty-ninth and sixtieth.
SIXTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyfirst"
SIXTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtysecond"
#: A sixty-third and a sixty-fourth, in the same styles, written side by side after the rules were extended on
#: the sixty-first and sixty-second.
SIXTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtythird"
SIXTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyfourth"
#: A sixty-fifth and a sixty-sixth, in the same styles, written side by side after the rules were extended on
#: the sixty-third and sixty-fourth.
SIXTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyfifth"
SIXTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtysixth"
#: A sixty-seventh and a sixty-eighth, in the same styles, written side by side after the rules were extended
#: on the sixty-fifth and sixty-sixth.
SIXTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyseventh"
SIXTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyeighth"
#: A sixty-ninth and a seventieth, in the same styles, written side by side after the rules were extended on
#: the sixty-seventh and sixty-eighth.
SIXTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_sixtyninth"
SEVENTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventieth"
#: A seventy-first and a seventy-second, in the same styles, written side by side after the rules were extended
#: on the sixty-ninth and seventieth.
SEVENTY_FIRST_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyfirst"
SEVENTY_SECOND_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventysecond"
#: A seventy-third and a seventy-fourth, in the same styles, written side by side after the rules were extended
#: on the seventy-first and seventy-second.
SEVENTY_THIRD_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventythird"
SEVENTY_FOURTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyfourth"
#: A seventy-fifth and a seventy-sixth, in the same styles, written side by side after the rules were extended
#: on the seventy-third and seventy-fourth.
SEVENTY_FIFTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyfifth"
SEVENTY_SIXTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventysixth"
#: A seventy-seventh and a seventy-eighth, in the same styles, written side by side after the rules were extended
#: on the seventy-fifth and seventy-sixth.
SEVENTY_SEVENTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyseventh"
SEVENTY_EIGHTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyeighth"
#: A seventy-ninth and an eightieth, in the same styles, written side by side after the rules were extended on
#: the seventy-seventh and seventy-eighth.
SEVENTY_NINTH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_seventyninth"
EIGHTIETH_CHALLENGE_DIR = DATA_DIR / "challenge" / "attribution_eightieth"


#: The halves of the challenge set: texts c01, c03, ... are for development, c02, c04, ... are held out.
HALVES = ("dev", "held_out")


def challenge_half(article_id: str) -> str:
    """``dev`` for an odd-numbered challenge text (``c01_...``), ``held_out`` for an even one.

    >>> challenge_half("c03_mfa_readout_qin"), challenge_half("c10_x")
    ('dev', 'held_out')
    """
    number = int(re.match(r"\D*(\d+)", article_id).group(1))  # type: ignore[union-attr]
    return "dev" if number % 2 else "held_out"


def load_challenge(folder: str | Path | None = None, half: str | None = None, codebook=None):
    """The attribution challenge set as ``(corpus, labels)``.

    ``folder`` holds ``articles.csv`` (its ``file`` column may name files in a subfolder,
    ``texts/c01.txt``), the texts and ``quotes.csv`` (default :data:`CHALLENGE_DIR`).
    ``half`` None loads every text; ``"dev"`` or ``"held_out"`` only that half
    (:func:`challenge_half`), and only its labels. The texts are copied into a temporary
    folder (removed with the corpus) with the metadata rewritten to plain file names, so the
    corpus loader reads them as any corpus; offsets are those of the original files. ``codebook`` (a DataFrame or a
    CSV path) is used as the corpus's own ``actors.csv``; None uses the project's.
    """
    folder = Path(folder) if folder is not None else CHALLENGE_DIR
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be None or one of {', '.join(HALVES)}, not {half!r}")
    meta = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    if half is not None:
        meta = meta[[challenge_half(a) == half for a in meta["article_id"]]]
    labels = pd.read_csv(folder / "quotes.csv", dtype={"article_id": str}, keep_default_na=False)
    labels = labels[labels["article_id"].isin(set(meta["article_id"]))].reset_index(drop=True)
    target = Path(tempfile.mkdtemp(prefix="readout-challenge-"))
    for source in meta["file"]:
        shutil.copyfile(folder / source, target / Path(source).name)
    meta.assign(file=[Path(f).name for f in meta["file"]]).to_csv(target / "articles.csv", index=False)
    if codebook is not None:
        book = codebook if isinstance(codebook, pd.DataFrame) else pd.read_csv(codebook, dtype=str)
        book.to_csv(target / "actors.csv", index=False)
    corpus = load_corpus(target)
    weakref.finalize(corpus, shutil.rmtree, target, True)  # the folder (and its codebook) lives as long as the corpus
    return corpus, labels


def codebook_as_labelled(labels: pd.DataFrame, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """The codebook (default :func:`readout.analysis.actors.load_codebook`) without the actors the
    labels call speakers outside it (``in_codebook`` False): the codebook the labellers saw, so a
    row added since does not turn the open-world rules' work into a codebook lookup."""
    book = load_codebook() if codebook is None else codebook
    outside = set(labels.loc[labels["in_codebook"].astype(str).str.lower() == "false", "speaker"])
    return book[~book["actor"].isin(outside)].reset_index(drop=True)


SPEAKER_SCORE_COLUMNS = [
    "subset",
    "labels",
    "found",
    "quote_recall",
    "speaker_correct",
    "speaker_accuracy",
    "wrong_government",
    "government_for_other",
    "side_named",
    "side_unknown",
    "unknown_share",
]


def _acceptable(label) -> set[str]:
    names = {label.speaker} | {a.strip() for a in str(label.alternatives or "").split("|") if a.strip()}
    return names


def evaluate_speakers(ledger: pd.DataFrame, labels: pd.DataFrame, by=None) -> pd.DataFrame:
    """Speaker attribution of the quote ledger against labels with sides and alternatives.

    ``labels`` has the challenge set's columns (article_id, start, end, text, speaker, side,
    alternatives, ...). A label is *found* when a ledger quote of its article has the same
    offsets or overlaps at least half of it (the smallest such quote, so a nested quotation's
    label meets its own row, not the outer one's). Its attribution is *correct* when the ledger's
    speaker is the label's speaker or one of its ``|``-separated alternatives; a label
    ``NONE`` (a scare quote, a title, a mention) is also correct when the ledger leaves it
    unattributed or calls it a scare quote. A quotation is credited to the *wrong government*
    when its label's side is US or China and the ledger gives it the other one (and no
    acceptable speaker); *government_for_other* counts the quotations whose label's side is
    Other or none (an analyst, a third country, a title) that the ledger gives to US or China;
    *side_named* counts labels whose side is US or China, and *side_unknown* those of them the
    ledger gives neither US nor China.

    ``by`` names a function of the article id that splits the rows (for example
    :func:`challenge_half`); an ``ALL`` row follows. Columns: :data:`SPEAKER_SCORE_COLUMNS`.
    ``result.attrs["detail"]`` has one row per label: the label's columns plus found,
    predicted (speaker), predicted_side, correct, wrong_government, government_for_other,
    side_named, side_unknown.
    """
    detail = []
    by_article = {a: g for a, g in ledger.groupby("article_id", sort=False)}
    for label in labels.itertuples(index=False):
        led = by_article.get(label.article_id)
        best = None
        if led is not None:  # the same offsets, else the smallest quote overlapping half of the label
            for q in led.itertuples(index=False):
                overlap = min(label.end, q.end) - max(label.start, q.start)
                if (q.start, q.end) == (label.start, label.end):
                    best = q
                    break
                if overlap >= 0.5 * (label.end - label.start) > 0 and (
                    best is None or q.end - q.start < best.end - best.start
                ):
                    best = q
        ok_names = _acceptable(label)
        predicted = best.speaker if best is not None else None
        side = best.speaker_side if best is not None else None
        none_ok = "NONE" in ok_names and best is not None and (predicted == UNATTRIBUTED or best.kind == "scare")
        correct = best is not None and (predicted in ok_names or none_ok)
        named = label.side in ("US", "China")
        wrong = bool(best is not None and not correct and named and side in ("US", "China") and side != label.side)
        claimed = bool(best is not None and not correct and not named and side in ("US", "China"))
        detail.append(
            dict(
                label._asdict(),
                found=best is not None,
                predicted=predicted,
                predicted_side=side,
                correct=bool(correct),
                wrong_government=wrong,
                government_for_other=claimed,
                side_named=named,
                side_unknown=bool(named and side not in ("US", "China")),
            )
        )
    table = pd.DataFrame(detail)

    def summary(name: str, d: pd.DataFrame) -> dict:
        n = len(d)
        found, named = (int(d["found"].sum()), int(d["side_named"].sum())) if n else (0, 0)
        correct = int(d["correct"].sum()) if n else 0
        unknown = int(d["side_unknown"].sum()) if n else 0
        return dict(
            subset=name,
            labels=n,
            found=found,
            quote_recall=found / n if n else float("nan"),
            speaker_correct=correct,
            speaker_accuracy=correct / n if n else float("nan"),
            wrong_government=int(d["wrong_government"].sum()) if n else 0,
            government_for_other=int(d["government_for_other"].sum()) if n else 0,
            side_named=named,
            side_unknown=unknown,
            unknown_share=unknown / named if named else float("nan"),
        )

    rows = []
    if by is not None and len(table):
        keys = table["article_id"].map(by)
        rows = [summary(str(k), table[keys == k]) for k in sorted(keys.unique())]
    rows.append(summary("ALL", table))
    result = pd.DataFrame(rows, columns=SPEAKER_SCORE_COLUMNS)
    result.attrs["detail"] = table
    return result
