"""Long search queries (a pasted passage): time with and without the cap.

    python benchmarks/search_long_query.py [--index PATH] [--articles 2000]
                                           [--words 100,1000,2000] [--uncapped 100,200]

``--index`` times against an existing index file (pass a copy: opening it may
write its schema version); without it a library of ``--articles`` articles is
generated as benchmarks/search.py does and indexed in a temporary folder.

For each length, the passage is (a) the most common words of the library
repeated (the slow case: FTS5 ANDs every repeat of every word) and (b) the
words of library articles in order. "capped" is ``SearchIndex.search`` as it
is (terms deduplicated, at most ``MAX_TERMS``); "uncapped" builds the query
with every term, as parsing did before the cap (only for ``--uncapped``
lengths: it takes minutes beyond a few hundred words).

Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import collections
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reader.search.index import SearchIndex  # noqa: E402
from reader.search.query import MAX_TERMS, Query, Term, parse, words_of  # noqa: E402


def uncapped(text: str) -> Query:
    """Every word a term, repeats included (the parse before the cap)."""
    return Query(tuple(Term((word,)) for word in words_of(text)))


def passages(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    bodies = [row[0] for row in conn.execute("SELECT body FROM docs ORDER BY rowid LIMIT 300")]
    conn.close()
    frequency: collections.Counter[str] = collections.Counter()
    for body in bodies:
        frequency.update(set(re.findall(r"[a-z]+", body.lower())))
    common = [word for word, _ in frequency.most_common(20)]
    return {"common words repeated": common, "article text": " ".join(bodies[:5]).split()}


def timed(index: SearchIndex, query) -> tuple[float, int]:
    began = time.perf_counter()
    found = index.search(query, limit=20)
    return time.perf_counter() - began, len(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", default="100,1000,2000")
    parser.add_argument("--uncapped", default="100,200")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="limelight-longq-")
    path = args.index
    if path is None:
        from search import make_library  # benchmarks/search.py

        from reader.library.loader import load_file

        library = Path(folder.name) / "library"
        library.mkdir()
        make_library(library, args.articles)
        path = Path(folder.name) / "search.sqlite"
        with SearchIndex(path) as index:
            index.update([load_file(p) for p in sorted(library.glob("*.txt"))], entities=False)
    with SearchIndex(path) as index:
        print(f"{len(index)} articles; MAX_TERMS = {MAX_TERMS}")
        lengths = [int(n) for n in args.words.split(",")]
        slow = {int(n) for n in args.uncapped.split(",") if n}
        for kind, words in passages(path).items():
            for length in sorted(set(lengths) | slow):
                text = " ".join((words * (length // max(1, len(words)) + 1))[:length])
                line = f"{kind:>22}, {length:>5} words:"
                if length in lengths:
                    seconds, found = timed(index, parse(text))
                    line += f" capped {seconds:7.3f} s ({found} results)"
                if length in slow:
                    seconds, found = timed(index, uncapped(text))
                    line += f"   uncapped {seconds:7.3f} s ({found} results)"
                print(line, flush=True)
    folder.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
