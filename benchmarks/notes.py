"""How long saving a note takes with a large store, and how long re-anchoring takes.

    python benchmarks/notes.py [--notes 10000] [--saves 20] [--words 10000]

Fills a fresh data folder (a temporary one) with ``--notes`` annotations
spread over 200 articles, then times ``--saves`` further saves of one note
(``add_annotation``, then ``update_annotation`` of its text) and prints the
median and the worst. Every save is a locked read-modify-write of the whole
TinyDB file with an fsync, as in the app. It also times ``anchor`` on an
article of ``--words`` words: by position, by quote, and fuzzily after an edit.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.store.anchoring import anchor  # noqa: E402
from reader.store.annotations import make_annotation  # noqa: E402
from reader.store.atomic import AtomicJSONStorage  # noqa: E402
from reader.store.db import Store  # noqa: E402

WORDS = (
    "government minister said market economy election city council report people "
    "year week policy trade energy water school hospital court police club match "
    "season player coach company shares growth rate bank budget plan talks summit"
).split()


def make_body(rng: random.Random, words: int) -> str:
    paragraphs = []
    for _ in range(max(1, words // 100)):
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(100)).capitalize() + ".")
    return "\n\n".join(paragraphs)


def fill(path: Path, count: int, rng: random.Random) -> None:
    """Write ``count`` annotations in one go (building them one save at a time
    would take minutes and measure nothing new)."""
    bodies = [make_body(rng, 1000) for _ in range(200)]
    rows = {}
    for index in range(count):
        body = bodies[index % len(bodies)]
        start = rng.randrange(0, len(body) - 200)
        a = make_annotation(
            f"article{index % len(bodies):03d}",
            body,
            start,
            start + rng.randint(20, 200),
            note=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30))),
            tags=rng.sample(WORDS, rng.randint(0, 3)),
            title=f"Article {index % len(bodies)}",
        )
        rows[str(index + 1)] = a.to_dict()
    store = Store(path)
    data = store.storage.read() or {}
    data["annotations"] = rows
    AtomicJSONStorage(path).write(data)


def time_saves(path: Path, saves: int, rng: random.Random) -> tuple[list[float], list[float]]:
    store = Store(path)
    body = make_body(rng, 1000)
    adds, updates = [], []
    for _ in range(saves):
        start = rng.randrange(0, len(body) - 200)
        a = make_annotation("bench", body, start, start + 120, note="a new note", title="Bench")
        began = time.perf_counter()
        store.add_annotation(a)
        adds.append(time.perf_counter() - began)
        began = time.perf_counter()
        store.update_annotation(a.id, note="an edited note", tags=["edited"])
        updates.append(time.perf_counter() - began)
    return adds, updates


def time_anchoring(words: int, rng: random.Random) -> dict[str, float]:
    body = make_body(rng, words)
    figures: dict[str, list[float]] = {"position": [], "quote": [], "fuzzy": [], "orphan": []}
    for _ in range(20):
        start = rng.randrange(0, len(body) - 300)
        a = make_annotation("bench", body, start, start + rng.randint(40, 250))
        middle = (a.start + a.end) // 2
        cases = {
            "position": body,
            "quote": "A new opening sentence. " + body,
            "fuzzy": body[:middle] + " some inserted words " + body[middle:],
            "orphan": body[: a.start] + body[a.end :],
        }
        for name, text in cases.items():
            began = time.perf_counter()
            anchor(text, a)
            figures[name].append(time.perf_counter() - began)
    return {name: statistics.median(times) for name, times in figures.items()} | {
        f"{name} (worst)": max(times) for name, times in figures.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "limelight.json"
        fill(path, args.notes, rng)
        size = path.stat().st_size
        adds, updates = time_saves(path, args.saves, rng)
    ms = 1000
    print(f"store: {args.notes} notes, file {size / 1e6:.1f} MB")
    print(
        f"add_annotation:    median {statistics.median(adds) * ms:6.1f} ms, "
        f"worst {max(adds) * ms:6.1f} ms  ({args.saves} saves)"
    )
    print(
        f"update_annotation: median {statistics.median(updates) * ms:6.1f} ms, "
        f"worst {max(updates) * ms:6.1f} ms  ({args.saves} saves)"
    )
    figures = time_anchoring(args.words, rng)
    print(f"anchor on a {args.words}-word article (median of 20 annotations):")
    for name, seconds in figures.items():
        print(f"  {name:16} {seconds * ms:6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
