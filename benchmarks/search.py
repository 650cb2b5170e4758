"""Library search: index build time and query latency, against grep (and rg).

    python benchmarks/search.py [--articles 10000] [--queries 50] [--grep-queries 50]
                                [--no-entities] [--keep]

Writes a library of ``--articles`` generated articles (about 800 words each,
a Zipf-distributed vocabulary of real and made-up words, and people, places
and organisations scattered through them) as .txt files in a temporary
folder, loads it with the catalogue, then reports:

- the index build time without entity analysis, then the time to add the
  entity rows (running ``reader.analysis.analyze`` on every article), and
  the time of an update with nothing to do (what every start pays);
- the median and 95th percentile of ``SearchIndex.search(query, limit=20)``
  (results complete with snippets and body offsets) for one-word,
  three-word and phrase queries, and for entity filters;
- the same text queries with ``grep -ril`` over the files (three words: a
  pipeline of three ``grep -il``), and ``rg -il`` where installed.

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his from "
    "at which but have an they you were her she there been one all we their has would when "
    "if so no will more said who about up out them into than its two some only could new "
    "time these may then do first any like now my other over such our man me even most made "
    "after also did many before must through back years where much your way well down should "
    "because each just those people how too little state good very make world still own see "
    "men work long get here between both life being under never day same another know while "
    "last might us great old year off come since against go came right used take three"
).split()

TOPICAL = (
    "government minister market economy election council report policy trade energy water "
    "school hospital court police club match season player coach company shares growth rate "
    "bank budget plan talks summit sanctions pipeline harvest drought vaccine festival museum "
    "orchestra bridge railway airport satellite glacier reef forest refugee border ceasefire "
    "treaty tariff inflation mortgage pension strike union factory reactor turbine battery "
    "semiconductor algorithm startup merger verdict appeal senate parliament cabinet coalition "
    "referendum protest journalist editor novel gallery cathedral stadium tournament marathon"
).split()

PEOPLE = (
    "Vladimir Putin|Xi Jinping|Li Qiang|Emmanuel Macron|Olaf Scholz|Angela Merkel|Joe Biden|"
    "Narendra Modi|Luiz Inácio Lula da Silva|Recep Tayyip Erdoğan|Giorgia Meloni|Pedro Sánchez|"
    "Cyril Ramaphosa|Jacinda Ardern|Justin Trudeau|Fumio Kishida|Yoon Suk Yeol|Ursula von der Leyen|"
    "António Guterres|Christine Lagarde|Jerome Powell|Greta Thunberg|Elon Musk|Tim Cook"
).split("|")
PLACES = (
    "Moscow|Beijing|Paris|Berlin|London|Washington|New Delhi|Brasília|São Paulo|Ankara|Rome|"
    "Madrid|Pretoria|Wellington|Ottawa|Tokyo|Seoul|Brussels|Geneva|Nairobi|Lagos|Jakarta|Kyiv"
).split("|")
ORGS = "NATO|the United Nations|the European Union|the World Bank|the IMF|Reuters|Apple".split("|")


def made_up_words(rng: random.Random, count: int) -> list[str]:
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr st tr ch sh th pl".split()
    vowels = "a e i o u ai ea ou io".split()
    codas = ["", "n", "r", "s", "l", "m", "nd", "st", "rk", "x"]
    words: set[str] = set()
    while len(words) < count:
        syllables = rng.randint(2, 4)
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables)
        )
        words.add(word)
    return sorted(words)


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Words ranked by frequency, with Zipf cumulative weights."""
    words = COMMON + TOPICAL + made_up_words(rng, 20000)
    cumulative = []
    total = 0.0
    for rank in range(1, len(words) + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return words, cumulative


def make_library(folder: Path, count: int, seed: int = 11) -> list[str]:
    """Write ``count`` articles; returns the vocabulary (most frequent first)."""
    rng = random.Random(seed)
    words, cumulative = vocabulary(rng)
    for index in range(count):
        people = rng.sample(PEOPLE, 3)
        places = rng.sample(PLACES, 2)
        org = rng.choice(ORGS)
        title = " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(4, 8)))
        paragraphs = []
        for _ in range(10):
            sentences = []
            for _ in range(4):
                chunk = rng.choices(words, cum_weights=cumulative, k=rng.randint(14, 24))
                roll = rng.random()
                if roll < 0.35:
                    chunk.insert(rng.randrange(len(chunk)), rng.choice(people))
                elif roll < 0.55:
                    chunk.insert(rng.randrange(len(chunk)), "in " + rng.choice(places))
                elif roll < 0.62:
                    chunk.insert(rng.randrange(len(chunk)), org)
                sentence = " ".join(chunk)
                sentences.append(sentence[0].upper() + sentence[1:] + ".")
            paragraphs.append(" ".join(sentences))
        text = f"{title[0].upper()}{title[1:]} {index}\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
    return words


def queries(words: list[str], bodies: list[str], count: int, seed: int = 5) -> dict[str, list]:
    rng = random.Random(seed)
    # Content words of middling frequency: neither "the" nor unique.
    pool = TOPICAL + words[len(COMMON) + len(TOPICAL) : len(COMMON) + len(TOPICAL) + 3000]
    one = [[rng.choice(pool)] for _ in range(count)]
    three = [
        rng.sample(TOPICAL + words[len(COMMON) + len(TOPICAL) :][:300], 3) for _ in range(count)
    ]
    phrases = []
    while len(phrases) < count:
        tokens = rng.choice(bodies).split()
        at = rng.randrange(len(tokens) - 2)
        pair = [t.strip(".,").lower() for t in tokens[at : at + 2]]
        if all(p.isalpha() and p not in COMMON for p in pair):
            phrases.append(pair)
    entities = [[f'person:"{rng.choice(PEOPLE)}"'] for _ in range(count // 2)] + [
        [f'place:"{rng.choice(PLACES)}"'] for _ in range(count - count // 2)
    ]
    return {"one word": one, "three words": three, "phrase": phrases, "entity filter": entities}


def to_query(kind: str, words: list[str]) -> str:
    if kind == "phrase":
        return '"' + " ".join(words) + '"'
    return " ".join(words)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def time_calls(calls) -> list[float]:
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def grep_command(tool: str, kind: str, words: list[str], folder: Path) -> str:
    import shlex

    q = shlex.quote
    if tool == "grep":
        if kind == "three words":
            first, *rest = words
            cmd = f"grep -rilZ -- {q(first)} {q(str(folder))}"
            for word in rest[:-1]:
                cmd += f" | xargs -0 -r grep -ilZ -- {q(word)}"
            return cmd + f" | xargs -0 -r grep -il -- {q(rest[-1])}"
        return f"grep -ril -- {q(' '.join(words))} {q(str(folder))}"
    if kind == "three words":
        first, *rest = words
        cmd = f"rg -il0 -- {q(first)} {q(str(folder))}"
        for word in rest[:-1]:
            cmd += f" | xargs -0 -r rg -il0 -- {q(word)}"
        return cmd + f" | xargs -0 -r rg -il -- {q(rest[-1])}"
    return f"rg -il -F -- {q(' '.join(words))} {q(str(folder))}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=50, help="queries of each kind")
    parser.add_argument("--grep-queries", type=int, default=50, help="of those, run with grep")
    parser.add_argument("--no-entities", action="store_true", help="skip entity analysis")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    from reader.library.catalogue import Catalogue
    from reader.search.index import SearchIndex

    work = Path(tempfile.mkdtemp(prefix="limelight-search-bench-"))
    library = work / "library"
    library.mkdir()
    try:
        started = time.perf_counter()
        words = make_library(library, args.articles)
        print(f"library: {args.articles} articles written in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        catalogue = Catalogue.from_paths([library])
        articles = list(catalogue.readable)
        total_words = sum(a.words for a in articles)
        print(
            f"loaded {len(articles)} articles ({total_words / len(articles):.0f} words each,"
            f" {total_words / 1e6:.1f} M words) in {time.perf_counter() - started:.1f} s"
        )
        index = SearchIndex(work / "search.sqlite")
        stats = index.update(articles, entities=False)
        print(f"index build, text only: {stats.seconds:.1f} s")
        if not args.no_entities:
            stats = index.update(articles)
            print(
                f"entity analysis + rows: {stats.seconds:.1f} s"
                f" ({total_words / stats.seconds / 1000:.0f} k words/s)"
            )
        started = time.perf_counter()
        index.optimize()
        print(f"optimize: {time.perf_counter() - started:.1f} s")
        index.close()
        size = sum(p.stat().st_size for p in work.glob("search.sqlite*"))
        print(f"index size: {size / 1e6:.0f} MB")

        started = time.perf_counter()
        index = SearchIndex(work / "search.sqlite")
        stats = index.update(articles, entities=not args.no_entities)
        print(
            f"reopen + update with nothing to do: {(time.perf_counter() - started) * 1000:.0f} ms"
            f" (analysed {stats.analysed})"
        )

        sets = queries(words, [a.body for a in articles[:200]], args.queries)
        if args.no_entities:
            sets.pop("entity filter")
        tools = ["grep"] + (["rg"] if shutil.which("rg") else [])
        rows = []
        for kind, batch in sets.items():
            texts = [to_query(kind, q) for q in batch]
            index.search(texts[0])  # warm up
            found = [len(index.search(t)) for t in texts]
            ours = time_calls([lambda t=t: index.search(t, limit=20) for t in texts])
            row = [kind, f"{statistics.mean(found):.1f}", ours]
            for tool in tools:
                if kind == "entity filter":
                    row.append(None)
                    continue
                commands = [
                    grep_command(tool, kind, q, library) for q in batch[: args.grep_queries]
                ]
                subprocess.run(commands[0], shell=True, capture_output=True)  # warm the cache
                row.append(
                    time_calls(
                        [
                            lambda c=c: subprocess.run(c, shell=True, capture_output=True)
                            for c in commands
                        ]
                    )
                )
            rows.append(row)
        index.close()

        header = f"{'query':<14} {'hits':>5} {'index med':>10} {'p95':>8}"
        for tool in tools:
            header += f" {tool + ' med':>10} {'p95':>8} {'speed-up':>9}"
        print()
        print(f"query times in ms, {args.articles} articles, {args.queries} queries each")
        print(header)
        print("-" * len(header))
        for kind, hits, ours, *others in rows:
            line = f"{kind:<14} {hits:>5} {statistics.median(ours):>10.2f} {percentile(ours, 0.95):>8.2f}"
            for other in others:
                if other is None:
                    line += f" {'-':>10} {'-':>8} {'-':>9}"
                    continue
                ratio = statistics.median(other) / statistics.median(ours)
                line += (
                    f" {statistics.median(other):>10.1f} {percentile(other, 0.95):>8.1f}"
                    f" {ratio:>8.0f}x"
                )
            print(line)
        if "rg" not in tools:
            print("(rg not installed)")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
