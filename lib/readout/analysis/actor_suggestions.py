"""A draft of codebook rows for the people and organisations a corpus names that the codebook lacks.

:func:`suggest_actors` gathers :func:`readout.analysis.mentions.discovered_actors` over the
corpus: one row per name, with the side the printed titles suggest, the titles seen, how often
and where it is named, and one sentence to read. :func:`write_actor_suggestions` writes it as
a CSV with the codebook's columns (``readout actors suggest``): a user reviews it, corrects
the sides and kinds, and copies the rows worth keeping into ``actors.csv``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from readout.analysis.actors import CODEBOOK_COLUMNS
from readout.analysis.mentions import discovered_actors

SUGGESTION_COLUMNS = [*CODEBOOK_COLUMNS, "n_mentions", "n_articles", "example_article", "example"]


def suggest_actors(corpus) -> pd.DataFrame:
    """One row per discovered actor, most mentioned first (columns :data:`SUGGESTION_COLUMNS`).

    actor (the full name as printed), kind (person or institution), side (the side most of
    its articles' titles name; ``Unknown`` when none does, to be filled in), role (the titles
    and descriptions seen, ``|``-joined), aliases (a person's family name, so a bare family
    name resolves once the row is in the codebook), notes (what to check), n_mentions,
    n_articles, example_article and example (the sentence of its first full name).
    """
    found = discovered_actors(corpus)
    rows = []
    for actor, group in found.groupby("actor", sort=False):
        sides = Counter(s for s in group["side"] if s != "Unknown")
        side = sides.most_common(1)[0][0] if sides else "Unknown"
        titles = list(dict.fromkeys(t for cell in group["titles"] for t in str(cell).split(" | ") if t))
        kind = group["kind"].iloc[0]
        surname = str(group["surname"].iloc[0] or "")
        notes = "side inferred from the titles printed with the name; review" if sides else "no side printed; fill in"
        if len(sides) > 1:
            notes = f"titles name several sides ({', '.join(sorted(sides))}); review"
        rows.append(
            dict(
                actor=actor,
                kind=kind,
                side=side,
                role=" | ".join(titles[:4]),
                aliases=surname if kind == "person" and surname and surname != actor else "",
                notes=notes,
                n_mentions=int(group["n_mentions"].sum()),
                n_articles=int(group["article_id"].nunique()),
                example_article=group["article_id"].iloc[0],
                example=group["sentence"].iloc[0],
            )
        )
    table = pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)
    return table.sort_values(["n_mentions", "actor"], ascending=[False, True], ignore_index=True)


def write_actor_suggestions(corpus, path: str | Path) -> pd.DataFrame:
    """Write :func:`suggest_actors` to ``path`` (UTF-8 CSV) and return it."""
    table = suggest_actors(corpus)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, encoding="utf-8")
    return table
