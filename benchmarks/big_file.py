"""Opening very large single files: import, first paint, scrolling, memory.

    python benchmarks/big_file.py [--mb 5] [--html-mb 20] [--line-mb 10] [--no-html] [--no-app]

Writes a plain-text file of about ``--mb`` megabytes (one paragraph per
blank-line separated block) and an HTML page of about ``--html-mb``
megabytes and a single-line text of ``--line-mb`` megabytes (one enormous
paragraph, no newline inside; 0 skips it), times each importer on its own, then runs the app headless
(``App.run_test``, 120x40) on each file and reports:

- time from starting the app to the first paint of the article's lines;
- the main thread's CPU time for ``G`` (to the end), ``j``/``k`` and a page
  up/down there, cursor moves, find and a resize (``time.thread_time``: the
  time the interface is busy, not the pilot's idle waits nor the workers);
- how many lines the article widget rendered (only visible ones should be);
- the analysis time (a worker) and the process's peak RSS.

Every figure is wall-clock on this machine; the analysis and the search
index run in threads next to the interface, as in the real app.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = (
    "government minister said market economy election city council report people "
    "year week policy trade energy water school hospital court police club match "
    "season player coach company shares growth rate bank budget plan talks summit"
).split()
NAMES = ["Maria Silva", "John Carter", "Li Wei", "Ana Costa", "the Mayor of Lisbon"]


def paragraphs(target_bytes: int, seed: int = 11):
    rng = random.Random(seed)
    size = 0
    index = 0
    while size < target_bytes:
        words = [rng.choice(WORDS) for _ in range(rng.randint(25, 110))]
        text = f"{' '.join(words).capitalize()}."
        if index % 7 == 3:
            text += f' "We will see what happens," {rng.choice(NAMES)} said on Monday.'
        if index % 50 == 10:
            text = "Short heading number " + str(index)
        size += len(text) + 2
        index += 1
        yield text


def write_text(path: Path, megabytes: float) -> int:
    paras = list(paragraphs(int(megabytes * 1_000_000)))
    path.write_text("A very long text file\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return len(paras)


def write_html(path: Path, megabytes: float) -> int:
    from html import escape

    paras = list(paragraphs(int(megabytes * 1_000_000), seed=12))
    parts = ["<!doctype html><html><head><title>A very long page</title></head><body>"]
    parts.append("<nav><a href='/'>Home</a></nav><article><h1>A very long page</h1>")
    for text in paras:
        if text.startswith("Short heading"):
            parts.append(f"<h2>{escape(text)}</h2>")
        else:
            parts.append(f"<p>{escape(text)}</p>")
    parts.append("</article><footer>Footer</footer></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return len(paras)


def write_single_line(path: Path, megabytes: float) -> None:
    """One paragraph of ``megabytes`` on one line, with some non-ASCII words."""
    rng = random.Random(13)
    words = [*WORDS, "größe", "naïve", "café"]
    out: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        word = rng.choice(words)
        out.append(word)
        size += len(word.encode()) + 1
    path.write_text(" ".join(out) + "\n", encoding="utf-8")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_import(path: Path):
    from reader.library.catalogue import iter_articles

    start = time.perf_counter()
    articles = list(iter_articles([path]))
    elapsed = time.perf_counter() - start
    article = articles[0]
    return article, elapsed


async def run_app(path: Path) -> dict[str, float]:
    from reader.ui.app import LimelightApp
    from reader.ui.article_view import ArticleView

    figures: dict[str, float] = {}
    start = time.perf_counter()
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(ArticleView)
        shown = None
        while True:
            widget = view.long_text
            if shown is None and view.article is not None:
                shown = time.perf_counter()
            if widget is not None and widget.lines_rendered:
                break
            if view.article is not None and widget is None and view.children:
                break
            await asyncio.sleep(0.002)  # a benchmark may poll; tests never do
        figures["first paint, from app start (s)"] = time.perf_counter() - start
        figures["first paint, from show() (s)"] = time.perf_counter() - shown
        widget = view.long_text
        figures["blocks"] = len(view.article.blocks)
        figures["long path"] = float(widget is not None)
        if widget is not None:
            figures["lines (rows)"] = widget.line_count
            figures["lines rendered at first paint"] = widget.lines_rendered

        async def timed(*keys: str) -> float:
            """Main-thread CPU seconds spent handling ``keys`` and drawing the result
            (wall-clock would count the pilot's idle waits and the worker threads)."""
            begin = time.thread_time()
            await pilot.press(*keys)
            await pilot.pause()
            return time.thread_time() - begin

        figures["G during analysis (s)"] = await timed("G")
        figures["g during analysis (s)"] = await timed("g")
        begin = time.perf_counter()
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures["analysis + index workers (s)"] = time.perf_counter() - begin
        before = widget.lines_rendered if widget is not None else 0
        figures["G (s)"] = await timed("G")
        figures["j at the end (s)"] = sum([await timed("k") for _ in range(5)]) / 5
        figures["page up at the end (s)"] = sum([await timed("b") for _ in range(5)]) / 5
        figures["page down (s)"] = sum([await timed("space") for _ in range(5)]) / 5
        if widget is not None:
            figures["lines rendered for G + 15 keys"] = widget.lines_rendered - before
        figures["cursor c + j (s)"] = (await timed("c") + await timed("j")) / 2
        figures["find 'summit' typed, per key (s)"] = await timed("slash", *"summit") / 7
        figures["enter, then n (s)"] = (await timed("enter") + await timed("n")) / 2
        figures["matches"] = len(view.matches)
        figures["resize 120->90 (s)"] = await pilot_resize(pilot, 90, 40)
    figures["peak RSS (MB)"] = peak_rss_mb()
    return figures


async def pilot_resize(pilot, width: int, height: int) -> float:
    begin = time.thread_time()
    await pilot.resize_terminal(width, height)
    await pilot.pause()
    await pilot.pause()
    return time.thread_time() - begin


def report(title: str, figures: dict[str, float]) -> None:
    print(title)
    for name, value in figures.items():
        if name.endswith("(s)"):
            print(f"  {name:<36} {value * 1000:9.1f} ms")
        elif name.endswith("(MB)"):
            print(f"  {name:<36} {value:9.0f} MB")
        else:
            print(f"  {name:<36} {value:9,.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5)
    parser.add_argument("--html-mb", type=float, default=20)
    parser.add_argument("--line-mb", type=float, default=10)
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--no-app", action="store_true", help="only time the importers")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="limelight-big-"))
    os.environ["LIMELIGHT_HOME"] = str(work / "home")
    try:
        text_path = work / "big.txt"
        count = write_text(text_path, options.mb)
        size = text_path.stat().st_size / 1e6
        article, elapsed = time_import(text_path)
        print(f"text file: {size:.1f} MB, {count:,} paragraphs -> {len(article.blocks):,} blocks")
        print(f"  import (plaintext)                   {elapsed * 1000:9.1f} ms")
        from reader.ui.long_text import LongText

        begin = time.perf_counter()
        LongText(article).layout_at(80)
        print(f"  LongText wrap + prefix sums at 80    {(time.perf_counter() - begin) * 1000:9.1f} ms")
        line_path = None
        if options.line_mb > 0:
            line_path = work / "one-line.txt"
            write_single_line(line_path, options.line_mb)
            article, elapsed = time_import(line_path)
            size = line_path.stat().st_size / 1e6
            print(f"single-line text: {size:.1f} MB -> {len(article.blocks):,} blocks")
            print(f"  import (plaintext)                   {elapsed * 1000:9.1f} ms")
            begin = time.perf_counter()
            LongText(article).layout_at(80)
            print(f"  LongText wrap + prefix sums at 80    {(time.perf_counter() - begin) * 1000:9.1f} ms")
        html_path = None
        if not options.no_html:
            html_path = work / "big.html"
            count = write_html(html_path, options.html_mb)
            size = html_path.stat().st_size / 1e6
            article, elapsed = time_import(html_path)
            print(f"HTML page: {size:.1f} MB, {count:,} paragraphs -> {len(article.blocks):,} blocks")
            print(f"  import (HTML extractor)              {elapsed * 1000:9.1f} ms")
        print(f"peak RSS after imports: {peak_rss_mb():.0f} MB")
        if options.no_app:
            return
        report(f"app on {text_path.name}:", asyncio.run(run_app(text_path)))
        if line_path is not None:
            report(f"app on {line_path.name}:", asyncio.run(run_app(line_path)))
        if html_path is not None:
            report(f"app on {html_path.name}:", asyncio.run(run_app(html_path)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
