"""Write a generated library of N articles, for the scale benchmarks.

    python benchmarks/make_library.py N OUTDIR [--seed 7] [--per-folder 1000]

Articles have lognormal lengths (about 100 to 3,000 words, median about 600),
are mostly plain text, about 10% Markdown and 5% HTML, and are full of
people, organisations, places, dates, sums and quotations so that analysis
has work to do. They are spread over sub-folders of ``--per-folder`` files
(``000/``, ``001/``, …). The output is deterministic for a given seed and
N. Sentences are drawn from a pool built once, so 100,000 articles take
seconds, not minutes.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import random
import sys
import time
from pathlib import Path

FIRST = (
    "Maria James Ahmed Olena Kenji Fatima Pierre Ana Lars Priya Tomasz Chloe Samuel "
    "Ingrid Mateo Aisha Viktor Elena Hiroshi Grace Omar Sofia Daniel Leila Marco"
).split()
LAST = (
    "Gonzalez Whitaker Haddad Kovalenko Tanaka Rahman Dubois Ribeiro Nilsson Sharma "
    "Nowak Martin Okafor Berg Fernandez Yusuf Petrov Rossi Sato Mensah Khalil Costa"
).split()
ORGS = (
    "the European Commission",
    "the World Bank",
    "Reuters",
    "the United Nations",
    "NATO",
    "the Bank of England",
    "Siemens",
    "the Red Cross",
    "the International Monetary Fund",
    "Oxfam",
    "the Ministry of Finance",
    "Greenpeace",
)
PLACES = (
    "Lisbon Kyiv Nairobi Toronto Madrid Berlin Jakarta Lagos Oslo Lima Seoul Cairo "
    "Warsaw Manila Santiago Dublin Hanoi Accra Quito Athens Vienna Dhaka Tunis"
).split()
ROLES = (
    "the mayor of",
    "a spokesperson for",
    "an economist at",
    "the chief executive of",
    "a researcher at",
    "a minister in",
)
TOPICS = (
    "housing water energy prices wages schools hospitals transport tariffs rainfall "
    "elections courts harvests pensions bridges vaccines exports fisheries"
).split()
VERBS = (
    "said rose fell warned announced promised rejected approved delayed doubled "
    "criticised defended expanded cut reviewed"
).split()
MONTHS = (
    "January February March April May June July August September October November December"
).split()
FILLER = (
    "the government market economy report people year week policy trade council city "
    "region plan talks budget growth rate company shares season crowd village river "
    "road factory farm border coast station festival museum court union debate"
).split()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    place = rng.choice(PLACES)
    org = rng.choice(ORGS)
    topic = rng.choice(TOPICS)
    if kind < 0.22:
        words = " ".join(rng.choice(FILLER) for _ in range(rng.randint(6, 14)))
        quote = f"We will not accept {words} in {place}"
        return f'"{quote}," said {person(rng)}, {rng.choice(ROLES)} {org}.'
    if kind < 0.32:
        return (
            f"{person(rng)} told {rng.choice(ORGS)} that {topic} in {place} "
            f'were "{rng.choice(FILLER)} and {rng.choice(FILLER)}".'
        )
    if kind < 0.45:
        amount = rng.randint(2, 900)
        return (
            f"On {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(1990, 2025)}, "
            f"{org[0].upper() + org[1:]} {rng.choice(VERBS)} a plan worth ${amount} million "
            f"for {topic} in {place}."
        )
    if kind < 0.55:
        return (
            f"In {place}, {topic} {rng.choice(VERBS)} by {rng.randint(2, 60)} percent "
            f"last year, according to {org}."
        )
    words = [rng.choice(FILLER) for _ in range(rng.randint(10, 26))]
    words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), person(rng))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


class Writer:
    """Builds articles from a pool of sentences (built once per seed)."""

    def __init__(self, seed: int = 7, pool: int = 6000) -> None:
        rng = random.Random(seed)
        self.pool = [sentence(rng) for _ in range(pool)]
        self.pool_words = [len(s.split()) for s in self.pool]

    def paragraphs(self, rng: random.Random, words: int) -> list[str]:
        out: list[str] = []
        total = 0
        while total < words:
            picks = rng.choices(range(len(self.pool)), k=rng.randint(2, 6))
            out.append(" ".join(self.pool[i] for i in picks))
            total += sum(self.pool_words[i] for i in picks)
        return out

    def title(self, rng: random.Random, index: int) -> str:
        return (
            f"{rng.choice(PLACES)} {rng.choice(TOPICS)} {rng.choice(VERBS)} as "
            f"{person(rng)} meets {rng.choice(ORGS).removeprefix('the ')} ({index})"
        )

    def article(self, rng: random.Random, index: int, words: int, fmt: str) -> str:
        title = self.title(rng, index)
        dek = f"{person(rng)} reports from {rng.choice(PLACES)} on {rng.choice(TOPICS)}."
        paras = self.paragraphs(rng, words)
        if fmt == "md":
            parts = [f"# {title}", f"*{dek}*"]
            for n, para in enumerate(paras):
                if n and n % 5 == 0:
                    parts.append(f"## {rng.choice(TOPICS).capitalize()} in {rng.choice(PLACES)}")
                parts.append(f"> {para}" if n % 7 == 3 else para)
            return "\n\n".join(parts) + "\n"
        if fmt == "html":
            body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paras)
            return (
                "<!doctype html><html><head><meta charset='utf-8'>"
                f"<title>{html.escape(title)}</title></head><body>"
                "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
                f"<article><h1>{html.escape(title)}</h1>"
                f"<p class='standfirst'>{html.escape(dek)}</p>\n{body}</article>"
                "<footer>Share · Leave a comment</footer></body></html>\n"
            )
        return f"{title}\n\n{dek}\n\n" + "\n\n".join(paras) + "\n"


def lognormal_words(rng: random.Random) -> int:
    return int(min(3000, max(100, rng.lognormvariate(math.log(600), 0.7))))


def make_library(count: int, folder: Path, *, seed: int = 7, per_folder: int = 1000) -> int:
    """Write ``count`` articles under ``folder``; returns the number of words written."""
    writer = Writer(seed)
    rng = random.Random(seed * 1_000_003 + count)
    total = 0
    made: set[Path] = set()
    for index in range(count):
        sub = folder / f"{index // per_folder:03d}"
        if sub not in made:
            sub.mkdir(parents=True, exist_ok=True)
            made.add(sub)
        roll = rng.random()
        fmt, suffix = (
            ("html", ".html") if roll < 0.05 else ("md", ".md") if roll < 0.15 else ("txt", ".txt")
        )
        words = lognormal_words(rng)
        total += words
        text = writer.article(rng, index, words, fmt)
        with open(sub / f"article-{index:06d}{suffix}", "w", encoding="utf-8") as handle:
            handle.write(text)
    return total


def write_long_article(path: Path, words: int = 10_000, seed: int = 11) -> Path:
    """One plain-text article of about ``words`` words (for the opening benchmark)."""
    rng = random.Random(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(Writer(seed).article(rng, 0, words, "txt"), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--per-folder", type=int, default=1000)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    words = make_library(args.count, args.outdir, seed=args.seed, per_folder=args.per_folder)
    size = sum(
        entry.stat().st_size
        for sub in os.scandir(args.outdir)
        if sub.is_dir()
        for entry in os.scandir(sub.path)
    )
    print(
        f"wrote {args.count:,} articles ({words:,} words, {size / 1e6:.0f} MB) to {args.outdir}"
        f" in {time.perf_counter() - began:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
