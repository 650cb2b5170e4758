"""The sidebar's feed views at library scale (issue 13), beside the sidebar's
existing title order in the same run.

    python benchmarks/sidebar_feeds.py [--articles 100000] [--feeds 200] [--repeat 5]

A library of ``--articles`` metas (nine in ten from one of ``--feeds`` feeds,
each with a date) is made in memory, and each of these is timed (best of
``--repeat``):

- ``title`` order: ``sort_library(..., "title")``, what the sidebar already
  does on the event loop when the order is chosen (the anchor);
- ``date`` order: ``sort_library(..., "date")``, the new order;
- grouping by feed (``feedview.by_feed``: feeds A to Z, newest first in
  each), which the sidebar does in its filter worker;
- the heading rows (what ``LibrarySidebar._present`` does on the event loop
  with the grouped list: a ``FeedHeading`` before each feed's run);
- ``feed:NAME`` narrowing (``matching_feeds`` and the list comprehension the
  filter worker runs).

Each line gives milliseconds and the ratio to the title order.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import groupby
from operator import attrgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.library.feedview import by_feed, feeds_of, matching_feeds  # noqa: E402
from reader.library.model import ArticleMeta  # noqa: E402
from reader.library.sorting import sort_library  # noqa: E402
from reader.ui.article_list import FeedHeading  # noqa: E402


def library(count: int, feeds: int, seed: int = 13) -> list[ArticleMeta]:
    rng = random.Random(seed)
    names = [f"Feed number {index}" for index in range(feeds)]
    words = "storm chip kernel tide market vote river launch report review".split()
    metas = []
    for index in range(count):
        feed = rng.choice(names) if rng.random() < 0.9 else ""
        stamp = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00Z"
        title = " ".join(rng.choice(words) for _ in range(5)).capitalize() + f" {index}"
        metas.append(
            ArticleMeta(
                id=f"{index:016x}",
                title=title,
                source=f"/lib/{index}.limelight",
                format="web",
                words=rng.randint(100, 5000),
                minutes=1,
                error=None,
                size=1,
                mtime_ns=1,
                feed=feed,
                published=stamp if feed else "",
            )
        )
    return metas


def best(repeat: int, action) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def headings(visible: list[ArticleMeta]) -> list:
    rows: list = []
    for feed, run in groupby(visible, key=attrgetter("feed")):
        items = tuple(run)
        rows.append(FeedHeading(feed, items))
        rows.extend(items)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    metas = library(args.articles, args.feeds)
    grouped = [meta for _, items in by_feed(metas) for meta in items]

    def narrowed() -> list:
        wanted = matching_feeds("feed number 7", feeds_of(metas))
        return [meta for meta in metas if meta.feed in wanted]

    rows = [
        ("title order (the anchor)", lambda: sort_library(metas, "title")),
        ("date order", lambda: sort_library(metas, "date")),
        ("grouped by feed (worker)", lambda: by_feed(metas)),
        ("heading rows (event loop)", lambda: headings(grouped)),
        ("feed:NAME narrowing (worker)", narrowed),
    ]
    print(f"{args.articles:,} articles, {args.feeds} feeds, best of {args.repeat}")
    print(f"{'step':<30} {'ms':>9} {'× title order':>14}")
    anchor = None
    for label, action in rows:
        ms = best(args.repeat, action)
        anchor = anchor or ms
        print(f"{label:<30} {ms:>9.1f} {ms / anchor:>14.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
