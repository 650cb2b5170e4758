"""``limelight search WORD`` against ``grep -ril WORD``, whole processes, and
the library search's cost per keystroke.

    python benchmarks/search_vs_grep.py [--articles 10000] [--large 100000 | --no-large]
                                        [--runs 11] [--word minister] [--analyse] [--keep DIR]

For each size, writes a library with ``benchmarks/make_library.py`` (about 600
words an article, 1,000 to a folder) in a temporary folder, adds it to a fresh
data folder (``LIMELIGHT_HOME``), warms the search index once, then times, in
alternating runs, the whole process of ``python -m reader search WORD`` (what
``limelight search WORD`` runs: start, freshness check, query, output to a
pipe) against ``grep -ril WORD FOLDER``, and prints the medians and their
ratio, and the medians of the CPU time each took (user and system, all its
processes: ``limelight search`` walks the library in a second process, so on
a machine whose other core is busy its time is nearer its CPU time). The index is warmed without entity analysis (``--analyse`` runs it:
about 100 s at 10,000 articles), which a one-word search does not read.
100,000 articles take about 30 s to write and 8 minutes to index on two
cores (``--no-large`` leaves them out); ``--keep DIR`` keeps the libraries
and their data folders there, and a later run with the same ``DIR`` times
them again without writing or indexing anything.

Then, at the largest size, the library search (``s`` in the app): the cost
of the query behind each keystroke of typing a few queries, in process,
as the screen runs it (a screenful, ranked when every word is in at most
1,000 articles, else the first matches: ``ranking_is_quick`` and
``search(query, limit=15, ranked=...)``), median and worst, against a frame
at 60 Hz (16.7 ms); and the ranking of every match (50 results) that follows
in the same worker thread, off the keystroke.

The processes run with bytecode caching on (as an installed Limelight has
its ``.pyc`` files), whatever ``PYTHONDONTWRITEBYTECODE`` says here. Not a
test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_library import make_library  # noqa: E402

FRAME_MS = 1000 / 60
# Typed one key at a time: words in most articles ("the", "said") are the worst case.
TYPED = ("minister budget", "the mayor said", "reuters report")


def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["LIMELIGHT_HOME"] = str(home)
    env["LIMELIGHT_CONFIG"] = str(home / "no-config.toml")
    env["PYTHONPATH"] = str(ROOT)
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms: user and system time of the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
    )
    wall = (time.perf_counter() - began) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def warm(folder: Path, home: Path, *, analyse: bool) -> float:
    """Add ``folder`` to the data folder at ``home`` and build its index; seconds."""
    env = environment(home)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "reader", "add", str(folder)],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    if not analyse:
        # Build the index in this process with an empty analysis for every
        # article (no entity rows): what a one-word search reads is the same.
        code = (
            "from reader.analysis.model import Analysis\n"
            "from reader.workspace import Workspace\n"
            "w = Workspace()\n"
            "w.analysis = lambda article: Analysis()\n"
            "w.update_index(list(w.scan()))\n"
            "w.index.optimize()\n"
            "w.close()\n"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    # The first search scans and indexes what is missing and keeps the stamp;
    # a second makes sure the stamp holds (and writes the .pyc files).
    for _ in range(2):
        subprocess.run(
            [sys.executable, "-m", "reader", "search", "warm"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - began


def compare(folder: Path, home: Path, word: str, runs: int) -> tuple[float, ...]:
    """Medians (ms) of limelight search, grep -ril and Python starting and
    stopping; then the CPU time of the first two."""
    env = environment(home)
    ours = [sys.executable, "-m", "reader", "search", word]
    grep = ["grep", "-ril", word, str(folder)]
    bare = [sys.executable, "-c", "pass"]
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    python: list[tuple[float, float]] = []
    for _ in range(runs):  # alternating, so all see the same load
        mine.append(timed(ours, env))
        theirs.append(timed(grep, env))
        python.append(timed(bare, env))
    return (
        *(statistics.median(wall for wall, _ in found) for found in (mine, theirs, python)),
        *(statistics.median(cpu for _, cpu in found) for found in (mine, theirs)),
    )


def keystrokes(home: Path) -> list[tuple[str, float, float]]:
    """Per prefix of TYPED: the query cost in ms of what answers the keystroke
    (a screenful, as the library search runs it)
    and of the ranking of every match that follows it in the same worker;
    best of three each."""
    os.environ["LIMELIGHT_HOME"] = str(home)
    from reader.search.index import SearchIndex
    from reader.search.query import parse
    from reader.ui.library_search import LIMIT, QUICK_MATCHES, QUICK_SHOWN

    def best(action) -> float:
        fastest = float("inf")
        for _ in range(3):
            began = time.perf_counter()
            action()
            fastest = min(fastest, (time.perf_counter() - began) * 1000)
        return fastest

    index = SearchIndex()
    costs = []
    try:
        for typed in TYPED:
            for end in range(1, len(typed) + 1):
                query = parse(typed[:end])

                def quick(query=query) -> None:
                    ranked = index.ranking_is_quick(query, QUICK_MATCHES)
                    index.search(query, limit=QUICK_SHOWN, ranked=ranked)

                full = best(lambda query=query: index.search(query, limit=LIMIT))
                costs.append((typed[:end], best(quick), full))
    finally:
        index.close()
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--no-large", action="store_true", help="only --articles")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--word", default="minister")
    parser.add_argument("--analyse", action="store_true", help="warm with entity analysis")
    parser.add_argument("--keep", type=Path, help="write the libraries here and keep them")
    args = parser.parse_args(argv)
    if shutil.which("grep") is None:
        print("grep is not installed", file=sys.stderr)
        return 1
    sizes = [args.articles] if args.no_large else [args.articles, args.large]
    base = args.keep or Path(tempfile.mkdtemp(prefix="limelight-search-vs-grep-"))
    rows = []
    last_home = None
    try:
        for size in sizes:
            folder = base / f"library-{size}"
            home = base / f"home-{size}"
            if not folder.exists():
                began = time.perf_counter()
                make_library(size, folder)
                print(
                    f"{size:,} articles written in {time.perf_counter() - began:.0f} s",
                    file=sys.stderr,
                )
            if not (home / "cache" / "search.sqlite").exists():
                seconds = warm(folder, home, analyse=args.analyse)
                print(f"{size:,} articles indexed in {seconds:.0f} s", file=sys.stderr)
            rows.append((size, *compare(folder, home, args.word, args.runs)))
            last_home = home
        print(f"whole process, median of {args.runs} alternating runs, word {args.word!r}:")
        print(
            f"{'articles':>9}  {'limelight search':>16}  {'grep -ril':>9}  ratio"
            "   (python -c pass: the interpreter alone; CPU time, limelight search / grep)"
        )
        for size, mine, theirs, python, mine_cpu, theirs_cpu in rows:
            print(
                f"{size:>9,}  {mine:>13.0f} ms  {theirs:>6.0f} ms  {mine / theirs:.2f}×"
                f"   ({python:.0f} ms; CPU {mine_cpu:.0f} / {theirs_cpu:.0f} ms)"
            )
        if last_home is not None:
            costs = keystrokes(last_home)
            quick = [cost for _, cost, _ in costs]
            worst = max(costs, key=lambda item: item[1])
            slowest = max(costs, key=lambda item: item[2])
            print(
                f"library search at {sizes[-1]:,} articles, typing {' / '.join(TYPED)!r},"
                " query per keystroke:"
                f" median {statistics.median(quick):.1f} ms, worst {worst[1]:.1f} ms"
                f" ({worst[0]!r}); a frame is {FRAME_MS:.1f} ms"
            )
            print(
                f"  every match ranked, after it in the same worker: median"
                f" {statistics.median(c for _, _, c in costs):.1f} ms, worst {slowest[2]:.1f} ms"
                f" ({slowest[0]!r})"
            )
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
