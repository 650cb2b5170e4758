"""People and quotes across the library: whole-process times at 10,000 articles.

    python benchmarks/people.py [--articles 10000] [--dir DIR] [--runs 5] [--rebuild]

Writes a generated library of ``--articles`` articles (``make_library.py``:
people, organisations and quotations throughout) under ``DIR/library``
(default: a folder in the system's temporary directory named after the
count, reused by later runs), with a data folder ``DIR/home`` that has it as
its library source, and builds the search index there once with
``limelight search`` (the one-off cost: reading, analysing and indexing
every article; its time is printed). Then it times whole processes, each
``--runs`` times over the warm index, and prints the median and the best:

- ``limelight people``, ``limelight people --json``,
- ``limelight quotes --speaker NAME`` (NAME: the most quoted person),
- as anchors, ``limelight search WORD`` and ``python -c pass``.

Target: every ``limelight`` command under one second at 10,000 articles.
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def limelight() -> list[str]:
    script = shutil.which("limelight")
    return [script] if script else [sys.executable, "-m", "reader"]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return elapsed, done


def prepare(work: Path, count: int, rebuild: bool, env: dict[str, str]) -> None:
    """The library and its data folder, with the index built (once)."""
    from benchmarks.make_library import make_library

    library, home, ready = work / "library", work / "home", work / "ready"
    if rebuild and work.exists():
        shutil.rmtree(work)
    if ready.exists():
        print(f"reusing {work} (index built before; --rebuild to start afresh)")
        return
    if library.exists():
        shutil.rmtree(library)
    if home.exists():
        shutil.rmtree(home)
    started = time.perf_counter()
    words = make_library(count, library)
    print(
        f"library: {count:,} articles, {words:,} words, written in {time.perf_counter() - started:.1f} s"
    )
    run([*limelight(), "add", str(library)], env)
    seconds, _ = run([*limelight(), "search", "water"], env)
    print(
        f"index build (one-off: read, analyse and index every article with `limelight search`):"
        f" {seconds:.1f} s ({words / seconds / 1000:.0f} k words/s)"
    )
    ready.write_text("built\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--dir", type=Path, help="where the library and its data folder live")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the library and index")
    args = parser.parse_args()

    work = args.dir or Path(tempfile.gettempdir()) / f"limelight-people-bench-{args.articles}"
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LIMELIGHT_HOME": str(work / "home"), "PYTHONPATH": str(ROOT)}
    prepare(work, args.articles, args.rebuild, env)

    _, done = run([*limelight(), "people", "--json"], env)
    people = json.loads(done.stdout)
    if not people:
        raise SystemExit("no people found in the library")
    top = people[0]["name"]
    _, done = run([*limelight(), "quotes", "--speaker", top, "--json"], env)
    quoted = len(json.loads(done.stdout))
    print(f"{len(people)} people; the most quoted, {top}, has {quoted} quotes")

    commands = [
        ("limelight people", [*limelight(), "people"]),
        ("limelight people --json", [*limelight(), "people", "--json"]),
        (f"limelight quotes --speaker '{top}'", [*limelight(), "quotes", "--speaker", top]),
        ("limelight search water", [*limelight(), "search", "water"]),
        ("python -c pass", [sys.executable, "-c", "pass"]),
    ]
    print()
    print(f"whole-process times, {args.articles:,} articles, {args.runs} runs each (warm index)")
    width = max(len(label) for label, _ in commands)
    print(f"{'command':<{width}}  {'median':>8}  {'best':>8}")
    print("-" * (width + 20))
    for label, argv in commands:
        run(argv, env)  # warm the page cache
        times = [run(argv, env)[0] for _ in range(args.runs)]
        print(
            f"{label:<{width}}  {statistics.median(times) * 1000:>6.0f} ms  {min(times) * 1000:>6.0f} ms"
        )
    print("target: under 1,000 ms each")
    return 0


if __name__ == "__main__":
    sys.exit(main())
