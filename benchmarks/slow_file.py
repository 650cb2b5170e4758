"""One slow file in the library: how long until the others are listed.

    python benchmarks/slow_file.py [--files 200] [--paragraphs 1000000]

Makes a folder of ordinary articles with one pathological file among them
(a Markdown file of a million one-character paragraphs, the slowest kind of
file issue 10 found), then scans it cold, in a fresh process each time, as
the app does (with its per-file budget) and as before it (no budget). It
prints, side by side, the seconds until every ordinary file was listed and
until the scan finished.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from reader.library.catalogue_cache import CatalogueCache
    from reader.library.model import is_pending
    folder, cache, budget = sys.argv[1], sys.argv[2], sys.argv[3]
    budget = None if budget == "none" else float(budget)
    began = time.perf_counter()
    others = None
    count = 0
    wanted = int(sys.argv[4])
    for meta in CatalogueCache(cache).scan([folder], budget=budget):
        if not is_pending(meta) and not meta.source.endswith("-slow.md"):
            count += 1
            if count == wanted:
                others = time.perf_counter() - began
    print(json.dumps({"others": others, "done": time.perf_counter() - began}))
    """
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--paragraphs", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "lib"
        folder.mkdir()
        for i in range(args.files):
            (folder / f"{i:04d}.txt").write_text(
                f"Article {i}\n\n" + "A sentence of an ordinary article. " * 80 + "\n"
            )
        (folder / "0001-slow.md").write_text("\n\n".join("x" for _ in range(args.paragraphs)))
        print(f"{args.files} ordinary files and one {args.paragraphs:,}-paragraph Markdown file")
        print(f"{'scan':<28}{'others listed':>15}{'scan done':>12}")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        results = {}
        for label, budget in (("no budget (before)", "none"), ("1 s budget (the app)", "1.0")):
            cache = Path(tmp) / f"cache-{budget}.sqlite"
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(folder), str(cache), budget, str(args.files)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            found = json.loads(out)
            results[label] = found
            print(f"{label:<28}{found['others']:>14.2f}s{found['done']:>11.2f}s")
        before, after = results.values()
        print(f"others listed {before['others'] / after['others']:.1f}x sooner with the budget")


if __name__ == "__main__":
    main()
