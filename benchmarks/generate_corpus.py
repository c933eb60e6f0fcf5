"""Build a synthetic corpus of N articles from the seeds, reproducibly from a seed.

    python benchmarks/generate_corpus.py --n 1000 [--seed 7] [--out benchmarks/corpora/n1000-s7]

Every synthetic article is made of the seeds' analysed paragraphs (headline, dek, body,
caption), resampled and recombined:

* **Structure.** A headline, sometimes a dek, a byline, a printed date, body paragraphs
  (as many as a seed article has, drawn from the seeds' own counts), sometimes a caption
  and a line of page furniture, so the loader's role rules are exercised too.
* **Recombination.** A body paragraph is a seed paragraph, or (with probability
  ``--mix``) the first sentences of one seed paragraph joined to the last sentences of
  another.
* **Actors.** Each story draws its own cast: every person, institution and group of
  ``data/actors.csv`` is rotated to another entry of the same kind and side (Blinken may
  become Sullivan, the White House the Pentagon), so mentions, speakers and co-mention
  edges spread over the codebook instead of repeating the seeds' five casts.
* **Wording.** A share (``--vary``) of the lower-case content words are replaced by
  words drawn from the seeds' own vocabulary in proportion to their frequency, so that
  two unrelated stories do not share long passages (independent reports rarely do)
  while words of the sentiment lexicon and the topic cues keep their seed rates. Names,
  capitalised words, function words, pronouns, numbers, quotation marks and reporting
  verbs ("said", "told", "according to") are never replaced, so quotes keep their
  attribution cues.
* **Reuse.** Articles are grouped into stories (sizes geometric, mean ``--story-size``).
  The first article of a story is the wire original; the others carry a run of its
  paragraphs word for word (a share ``--reuse`` of their body) and write the rest
  themselves, as outlets that run wire copy do.

The folder gets ``syn000000.txt`` ... and an ``articles.csv`` (metadata as
``data/articles.csv``: outlet, outlet_kind, headline, byline, published, date_basis,
wire_credits) plus ``generator.json`` recording the parameters. The same arguments give
byte-identical files; a folder made with the same parameters is reused, not rebuilt.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "lib"))

DEFAULTS = {"seed": 7, "mix": 0.35, "vary": 0.55, "story_size": 3.0, "reuse": 0.5}

# Lower-case words that carry structure rather than content: never replaced.
_KEEP = set(
    """
    a an the and or but nor so yet for of in on at to from by with about as into onto over under
    after before between through during without within against among since until while than
    that this these those there here which who whom whose what when where why how whether if
    not no nor only also very just more most less least much many some any each every all both
    either neither other another such own same few
    i me my we us our you your he him his she her it its they them their
    is am are was were be been being has have had having do does did doing will would shall
    should can could may might must
    said says say saying told tells tell telling added adds adding stated states explained
    explains noted notes asked asks according wrote writes warned warns urged urges called calls
    insisted insists argued argues acknowledged acknowledges replied replies declared declares
    announced announces remarked remarks predicted predicts suggested suggests emphasized
    stressed stresses cautioned cautions
    mr mrs ms dr
    """.split()
)
_WORD = re.compile(r"(?<![\w’'.-])[a-z]{4,}(?![\w’'-])")
_DATE_FMT = "%B %d, %Y"
_SEED_OUTLETS = [
    ("Wire Service", "news agency"),
    ("Public Broadcaster", "US government-funded broadcaster"),
    ("Policy Newsletter", "policy newsletter"),
    ("Business Daily", "business news"),
    ("Regional Paper", "newspaper"),
]


def _load_seed_material():
    """Paragraph pools, per-article body counts, vocabulary and codebook from the seeds."""
    import pandas as pd

    from readout.corpus import load_corpus
    from readout.paths import DATA_DIR

    corpus = load_corpus()
    paras = corpus.paragraphs
    sents = corpus.sentences
    pools: dict[str, list[list[str]]] = {"headline": [], "dek": [], "body": [], "caption": []}
    for row in paras.itertuples(index=False):
        if row.role in pools:
            mine = sents[(sents["article_id"] == row.article_id) & (sents["para_id"] == row.para_id)]
            pieces = [" ".join(t.split()) for t in mine["text"]] or [" ".join(row.text.split())]
            pools[row.role].append(pieces)
    furniture = [" ".join(t.split()) for t in corpus.furniture()["text"] if len(t) < 80]
    body_counts = paras[paras["role"] == "body"].groupby("article_id").size().tolist()
    counts: dict[str, int] = {}
    for pieces in pools["body"] + pools["headline"] + pools["dek"]:
        for piece in pieces:
            for w in _WORD.findall(piece):
                if w not in _KEEP:
                    counts[w] = counts.get(w, 0) + 1
    vocab = sorted(counts)
    weights = [counts[w] for w in vocab]
    codebook = pd.read_csv(DATA_DIR / "actors.csv", dtype=str, keep_default_na=False)
    return pools, furniture, body_counts, vocab, weights, codebook


def _cast(codebook, rng: random.Random) -> dict[str, str]:
    """A rotation of actor names within each (kind, side): canonical and surname forms."""
    mapping: dict[str, str] = {}
    for (_, _), group in sorted(codebook.groupby(["kind", "side"]), key=lambda kv: kv[0]):
        names = sorted(group["actor"])
        shuffled = names[:]
        rng.shuffle(shuffled)
        for old, new in zip(names, shuffled):
            mapping[old] = new
        if group["kind"].iloc[0] == "person":
            short = {row.actor: _short_name(row.actor, row.aliases) for row in group.itertuples(index=False)}
            for old in names:
                old_short, new_short = short[old], short[mapping[old]]
                if old_short not in mapping:
                    mapping[old_short] = new_short
    return {k: v for k, v in mapping.items() if k != v}


def _short_name(actor: str, aliases: str) -> str:
    """The one-word form of a person's name the codebook lists (Blinken, Qin), else the last word."""
    words = actor.split()
    for alias in aliases.split("|"):
        if alias in words:
            return alias
    return words[-1]


def _rename(text: str, cast: dict[str, str], pattern: re.Pattern | None) -> str:
    if not pattern:
        return text
    return pattern.sub(lambda m: cast[m.group(0)], text)


def _cast_pattern(cast: dict[str, str]) -> re.Pattern | None:
    if not cast:
        return None
    alts = sorted(cast, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")


class Generator:
    def __init__(self, seed: int, mix: float, vary: float, story_size: float, reuse: float):
        self.rng = random.Random(seed)
        self.mix, self.vary, self.story_size, self.reuse = mix, vary, story_size, reuse
        self.pools, self.furniture, self.body_counts, self.vocab, weights, self.codebook = _load_seed_material()
        self.cum_weights = list(accumulate(weights))
        reporters = self.codebook[(self.codebook["kind"] == "person") & self.codebook["role"].str.contains("reporter|editor", case=False)]
        self.reporters = sorted(reporters["actor"]) or ["Staff"]

    def _vary(self, text: str) -> str:
        rng, vocab, cum = self.rng, self.vocab, self.cum_weights
        out, last = [], 0
        for m in _WORD.finditer(text):
            w = m.group(0)
            if w in _KEEP or rng.random() >= self.vary:
                continue
            out.append(text[last : m.start()])
            out.append(rng.choices(vocab, cum_weights=cum)[0])
            last = m.end()
        out.append(text[last:])
        return "".join(out)

    def _paragraph(self, role: str, cast, pattern) -> str:
        rng = self.rng
        pool = self.pools[role] or self.pools["body"]
        first = rng.choice(pool)
        if role == "body" and len(first) > 1 and rng.random() < self.mix:
            second = rng.choice(pool)
            cut = rng.randint(1, len(first) - 1)
            keep = rng.randint(1, len(second)) if len(second) > 1 else 1
            pieces = first[:cut] + second[-keep:]
        else:
            pieces = first
        return self._vary(_rename(" ".join(pieces), cast, pattern))

    def _story(self):
        """A cast and a wire original's body for one story."""
        cast = _cast(self.codebook, self.rng)
        pattern = _cast_pattern(cast)
        n = self.rng.choice(self.body_counts)
        body = [self._paragraph("body", cast, pattern) for _ in range(n)]
        return cast, pattern, body

    def article(self, index: int, story, wire: bool, day: date, outlet, wire_name: str):
        rng = self.rng
        cast, pattern, wire_body = story
        if wire:
            body = list(wire_body)
        else:
            n = rng.choice(self.body_counts)
            run = max(1, min(len(wire_body), round(n * self.reuse)))
            at = rng.randint(0, len(wire_body) - run)
            own = [self._paragraph("body", cast, pattern) for _ in range(max(0, n - run))]
            split = rng.randint(0, len(own))
            body = own[:split] + wire_body[at : at + run] + own[split:]
        headline = self._paragraph("headline", cast, pattern).rstrip(".")
        reporter = rng.choice(self.reporters)
        lines = [headline]
        if rng.random() < 0.3 and self.pools["dek"]:
            lines.append(self._paragraph("dek", cast, pattern))
        lines += [f"By {reporter}", day.strftime(_DATE_FMT)]
        lines += body
        if rng.random() < 0.3 and self.pools["caption"]:
            lines.insert(len(lines) - len(body) // 2, self._paragraph("caption", cast, pattern))
        if rng.random() < 0.3 and self.furniture:
            lines.append(rng.choice(self.furniture))
        text = "\n\n".join(lines) + "\n"
        meta = {
            "article_id": f"syn{index:06d}",
            "file": f"syn{index:06d}.txt",
            "outlet": outlet[0],
            "outlet_kind": outlet[1],
            "headline": headline,
            "byline": reporter,
            "published": day.isoformat(),
            "date_basis": "synthetic: printed date",
            "wire_credits": wire_name if not wire else "",
        }
        return text, meta

    def generate(self, n: int):
        rng = self.rng
        start = date(2023, 6, 10)
        index = 0
        story_no = 0
        while index < n:
            size = 1
            p = 1.0 / max(1.0, self.story_size)
            while rng.random() > p and size < 50:
                size += 1
            story = self._story()
            day = start + timedelta(days=rng.randint(0, 14))
            wire_name = f"Wire story {story_no:05d}"
            for k in range(min(size, n - index)):
                outlet = _SEED_OUTLETS[0] if k == 0 else rng.choice(_SEED_OUTLETS[1:])
                yield self.article(index, story, k == 0, day + timedelta(days=min(k, 2)), outlet, wire_name)
                index += 1
            story_no += 1


def _generator_hash() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def generate_corpus(n: int, out: str | Path | None = None, seed: int = DEFAULTS["seed"], *, mix: float = DEFAULTS["mix"],
                    vary: float = DEFAULTS["vary"], story_size: float = DEFAULTS["story_size"],
                    reuse: float = DEFAULTS["reuse"], force: bool = False) -> Path:
    """Write ``n`` synthetic articles and their ``articles.csv`` into ``out``; return the folder.

    A folder already holding a corpus made by this generator with the same parameters is
    returned untouched (``force`` rebuilds it).
    """
    out = Path(out) if out else HERE / "corpora" / f"n{n}-s{seed}"
    params = {"n": n, "seed": seed, "mix": mix, "vary": vary, "story_size": story_size, "reuse": reuse,
              "generator": _generator_hash(), "seeds": _seed_hash()}
    stamp = out / "generator.json"
    if not force and stamp.exists() and json.loads(stamp.read_text()) == params:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    gen = Generator(seed, mix, vary, story_size, reuse)
    rows = []
    for text, meta in gen.generate(n):
        (out / meta["file"]).write_text(text, encoding="utf-8", newline="\n")
        rows.append(meta)
    with open(out / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    stamp.write_text(json.dumps(params, indent=1) + "\n")
    return out


def _seed_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "seeds").glob("*.txt")) + [ROOT / "data" / "actors.csv", ROOT / "data" / "articles.csv"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"], help="random seed (same seed, same corpus)")
    parser.add_argument("--out", help="output folder (default benchmarks/corpora/n<N>-s<SEED>)")
    parser.add_argument("--mix", type=float, default=DEFAULTS["mix"], help="share of body paragraphs joined from two seed paragraphs")
    parser.add_argument("--vary", type=float, default=DEFAULTS["vary"], help="share of content words replaced from the seed vocabulary")
    parser.add_argument("--story-size", type=float, default=DEFAULTS["story_size"], help="mean articles per story (wire original plus copies)")
    parser.add_argument("--reuse", type=float, default=DEFAULTS["reuse"], help="share of a copying article's body taken from the wire original")
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is up to date")
    args = parser.parse_args(argv)
    out = generate_corpus(args.n, args.out, args.seed, mix=args.mix, vary=args.vary, story_size=args.story_size,
                          reuse=args.reuse, force=args.force)
    print(f"{args.n} articles in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
