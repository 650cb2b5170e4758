"""How Limelight scales with the size of the library (issue 6).

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--workdir DIR] [--no-app]

For each size it writes (once, kept in ``--workdir``) a generated library
(see ``make_library.py``) and measures, each phase in a fresh subprocess so
that peak memory is per phase:

- library level, with :class:`reader.library.catalogue_cache.CatalogueCache`:
  the cold scan (empty cache: every file read), then in a "warm start"
  process the ``iter_snapshot`` (its first batch and the whole list), the
  "first screen" (imports, first batch, loading the first article), the warm
  scan (stat only), fuzzy-filtering the titles with
  ``reader.search.fuzzy.rank``, and that process's peak RSS;
- opening a 10,000-word article (load + parse, what precedes the first
  paint; analysis runs afterwards in a worker);
- the app (``LimelightApp(paths=[folder])`` headless with ``run_test``): the
  time from creating the app to the first article shown
  (``app.article_view.article is not None``) on a warm catalogue, the time
  until the whole library is listed, and peak RSS. If the app cannot be
  driven that way the error is printed and the library figures stand.

The baseline is the same measurement with a one-article library. The table
ends with the ratios the issue asks for: warm launch at the largest size over
launch with one article (aim: at most 1.5), memory at the largest size (aim:
at most 300 MB), opening the long article (aim: under 100 ms), and how time
and memory grow between sizes (aim: no faster than linearly).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUERIES = ("lisbon", "kyiv water", "gnzlz", "bank of england 42", "xqz")
LONG_WORDS = 10_000


def peak_rss_mb() -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


# --- libraries ------------------------------------------------------------------


def library(workdir: Path, count: int) -> Path:
    """The generated library of ``count`` articles, written the first time."""
    from make_library import make_library

    folder = workdir / f"lib-{count}"
    marker = folder / ".complete"  # hidden: never listed
    if not marker.exists():
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
        began = time.perf_counter()
        make_library(count, folder)
        # Old enough that no file is "racy" (read again because just written).
        past = time.time() - 3600
        for sub in os.scandir(folder):
            if sub.is_dir():
                for entry in os.scandir(sub.path):
                    os.utime(entry.path, (past, past))
        marker.write_text(str(count))
        print(f"  wrote lib-{count} in {time.perf_counter() - began:.1f} s", file=sys.stderr)
    return folder


def long_article(workdir: Path) -> Path:
    from make_library import write_long_article

    path = workdir / "long" / f"long-{LONG_WORDS}.txt"
    if not path.exists():
        write_long_article(path, LONG_WORDS)
    return path


# --- children (one phase each) ---------------------------------------------------


def child_cold(folder: str, cache_path: str) -> dict:
    began = time.perf_counter()
    from reader.library.catalogue_cache import CatalogueCache

    for suffix in ("", "-wal", "-shm"):
        Path(cache_path + suffix).unlink(missing_ok=True)
    cache = CatalogueCache(cache_path)
    start = time.perf_counter()
    metas = list(cache.scan([folder]))
    cold = time.perf_counter() - start
    cache.close()
    return {
        "cold_scan": cold,
        "cold_read": cache.last_scan.read,
        "listed": len(metas),
        "cold_total": time.perf_counter() - began,
        "cold_peak_mb": peak_rss_mb(),
        "cache_mb": sum(
            os.path.getsize(cache_path + s) for s in ("", "-wal") if os.path.exists(cache_path + s)
        )
        / 1e6,
    }


def child_warm(folder: str, cache_path: str) -> dict:
    began = time.perf_counter()
    from reader.library.catalogue_cache import CatalogueCache
    from reader.search.fuzzy import fold, rank

    imported = time.perf_counter()
    cache = CatalogueCache(cache_path)
    start = time.perf_counter()
    batches = cache.iter_snapshot([folder])
    snapshot = next(batches, [])
    first_batch = time.perf_counter() - start
    first = cache.load(snapshot[0]) if snapshot else None
    first_screen = time.perf_counter() - began
    start = time.perf_counter()
    for batch in batches:
        snapshot.extend(batch)
    snap = first_batch + time.perf_counter() - start
    after_snapshot = rss_mb()
    start = time.perf_counter()
    metas = list(cache.scan([folder]))
    warm = time.perf_counter() - start
    assert first is None or first.id == metas[0].id
    del snapshot  # the app swaps the snapshot for the scan's list
    titles = [meta.title for meta in metas]
    # The app folds the titles once (in the filter's worker) and keeps them
    # between keystrokes; each keystroke then ranks the folded titles.
    folded = [fold(title) for title in titles]
    fuzzy = {}
    for query in QUERIES:
        start = time.perf_counter()
        found = rank(query, titles, folded)
        fuzzy[query] = (time.perf_counter() - start, len(found))
    cache.close()
    return {
        "import": imported - began,
        "snapshot": snap,
        "first_batch": first_batch,
        "snapshot_count": len(metas),
        "first_screen": first_screen,
        "warm_scan": warm,
        "warm_read": cache.last_scan.read,
        "fuzzy": fuzzy,
        "rss_after_snapshot_mb": after_snapshot,
        "warm_peak_mb": peak_rss_mb(),
    }


def child_open(path: str, cache_path: str) -> dict:
    from reader.library.catalogue_cache import CatalogueCache

    cache = CatalogueCache(cache_path)
    (meta,) = list(cache.scan([path]))
    times = []
    for _ in range(7):
        start = time.perf_counter()
        article = cache.load(meta)
        _ = article.body, article.block_starts, article.words
        times.append(time.perf_counter() - start)
    start = time.perf_counter()
    from reader.analysis import analyze

    analyze(article.body)
    analysis = time.perf_counter() - start
    cache.close()
    times.sort()
    return {"open": times[len(times) // 2], "words": meta.words, "analysis": analysis}


def child_app(folder: str, expected: int, timeout: float) -> dict:
    import asyncio
    import inspect

    began = time.perf_counter()
    import reader.ui.app as app_module
    from reader.ui.app import LimelightApp

    integrated = "catalogue_cache" in inspect.getsource(app_module)
    imported = time.perf_counter()

    async def run() -> dict:
        start = time.perf_counter()
        app = LimelightApp(paths=[folder])
        result: dict = {"integrated": integrated, "import": imported - began}
        async with app.run_test(size=(120, 40)) as pilot:
            while app.article_view.article is None:
                if time.perf_counter() - start > timeout:
                    result["error"] = "no article shown before the timeout"
                    return result
                await pilot.pause(0.005)
            result["first_article"] = time.perf_counter() - start
            result["first_article_from_exec"] = time.perf_counter() - began
            while len(getattr(app, "library", ())) < expected:
                if time.perf_counter() - start > timeout:
                    result["listed_error"] = (
                        f"{len(getattr(app, 'library', ()))} of {expected} listed at the timeout"
                    )
                    break
                await pilot.pause(0.05)
            else:
                result["all_listed"] = time.perf_counter() - start
            await pilot.pause(0.2)
            result["rss_mb"] = rss_mb()
            result["peak_mb"] = peak_rss_mb()
        return result

    return asyncio.run(run())


def run_child(args: list[str], env: dict | None = None, timeout: float = 1800) -> dict:
    command = [sys.executable, __file__, "--child", *args]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
    return {"error": " | ".join(tail) or f"exit status {done.returncode}"}


def child_main(argv: list[str]) -> None:
    phase, *rest = argv
    if phase == "cold":
        result = child_cold(*rest)
    elif phase == "warm":
        result = child_warm(*rest)
    elif phase == "open":
        result = child_open(*rest)
    elif phase == "app":
        result = child_app(rest[0], int(rest[1]), float(rest[2]))
    else:
        raise SystemExit(f"unknown phase {phase}")
    print(json.dumps(result), flush=True)
    os._exit(0)  # do not wait for the app's background workers (index building)


# --- the report -------------------------------------------------------------------


def fmt_s(value: float | None) -> str:
    if value is None:
        return "–"
    if value < 0.01:
        return f"{value * 1000:.1f} ms"
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child_main(argv[1:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/limelight-scale"))
    parser.add_argument("--no-app", action="store_true", help="library-level figures only")
    parser.add_argument(
        "--app-timeout", type=float, default=300, help="seconds to wait for the app to list all"
    )
    args = parser.parse_args(argv)
    sizes = [1, *sorted({int(size) for size in args.sizes.split(",") if size.strip()})]
    workdir = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)

    rows: dict[int, dict] = {}
    long_path = long_article(workdir)
    opened = run_child(["open", str(long_path), str(workdir / "long-cache.sqlite")])
    for size in sizes:
        folder = library(workdir, size)
        cache_path = str(workdir / f"catalogue-{size}.sqlite")
        print(f"size {size:,}: cold scan…", file=sys.stderr)
        row = run_child(["cold", str(folder), cache_path])
        print(f"size {size:,}: warm start…", file=sys.stderr)
        row |= run_child(["warm", str(folder), cache_path])
        if not args.no_app:
            home = workdir / f"home-{size}"
            env = {"LIMELIGHT_HOME": str(home)}
            timeout = str(args.app_timeout)
            print(f"size {size:,}: app (first launch fills its caches)…", file=sys.stderr)
            row["app_cold"] = run_child(["app", str(folder), str(size), timeout], env)
            print(f"size {size:,}: app, warm launch…", file=sys.stderr)
            row["app_warm"] = run_child(["app", str(folder), str(size), timeout], env)
        rows[size] = row

    print()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; workdir {workdir}")
    print()
    print("Library level (CatalogueCache)")
    header = (
        f"{'articles':>9} | {'cold scan':>9} | {'warm scan':>9} | {'snapshot':>9} | {'1st batch':>9} | "
        f"{'1st screen':>10} | {'peak warm':>9} | {'peak cold':>9} | {'cache':>7} | fuzzy (max)"
    )
    print(header)
    print("-" * len(header))
    for size, row in rows.items():
        if "error" in row and "snapshot" not in row:
            print(f"{size:>9,} | error: {row['error']}")
            continue
        fuzzy = max((t for t, _ in row.get("fuzzy", {}).values()), default=None)
        print(
            f"{size:>9,} | {fmt_s(row.get('cold_scan')):>9} | {fmt_s(row.get('warm_scan')):>9} | "
            f"{fmt_s(row.get('snapshot')):>9} | {fmt_s(row.get('first_batch')):>9} | "
            f"{fmt_s(row.get('first_screen')):>10} | "
            f"{row.get('warm_peak_mb', float('nan')):>6.0f} MB | "
            f"{row.get('cold_peak_mb', float('nan')):>6.0f} MB | "
            f"{row.get('cache_mb', float('nan')):>4.0f} MB | {fmt_s(fuzzy)}"
        )
    largest = max(rows)
    print()
    print(f"fuzzy rank over {largest:,} titles:")
    for query, (seconds, found) in rows[largest].get("fuzzy", {}).items():
        print(f"  {query!r:24} {fmt_s(seconds):>8}  {found:,} matches")
    print()
    if "error" in opened:
        print(f"opening a {LONG_WORDS:,}-word article: error: {opened['error']}")
    else:
        print(
            f"opening a {opened['words']:,}-word article (load + parse): {fmt_s(opened['open'])}"
            f" (aim < 100 ms); its analysis, in a worker afterwards: {fmt_s(opened['analysis'])}"
        )

    if not args.no_app:
        print()
        print("App (LimelightApp(paths=[folder]).run_test(), 120x40)")
        header = (
            f"{'articles':>9} | {'integrated':>10} | {'1st article (cold)':>18} | "
            f"{'1st article (warm)':>18} | {'all listed (warm)':>17} | {'RSS (warm)':>10} | "
            f"{'peak (warm)':>11}"
        )
        print(header)
        print("-" * len(header))
        for size, row in rows.items():
            cold, warm = row.get("app_cold", {}), row.get("app_warm", {})
            if "first_article" not in warm:
                print(f"{size:>9,} | error: {warm.get('error') or cold.get('error')}")
                continue
            print(
                f"{size:>9,} | {'yes' if warm.get('integrated') else 'NO':>10} | "
                f"{fmt_s(cold.get('first_article')):>18} | {fmt_s(warm['first_article']):>18} | "
                f"{fmt_s(warm.get('all_listed')) if 'all_listed' in warm else 'timeout':>17} | "
                f"{warm.get('rss_mb', float('nan')):>7.0f} MB | "
                f"{warm.get('peak_mb', float('nan')):>8.0f} MB"
            )

    print()
    print("Ratios (aims from issue 6)")
    base = rows[1]
    big = rows[largest]
    if "first_screen" in base and "first_screen" in big:
        print(
            f"  library first screen, {largest:,} / 1 article: "
            f"{big['first_screen'] / base['first_screen']:.2f}x "
            f"({fmt_s(big['first_screen'])} / {fmt_s(base['first_screen'])}; aim <= 1.5x)"
        )
    app_big = big.get("app_warm", {})
    app_base = base.get("app_warm", {})
    if "first_article" in app_big and "first_article" in app_base:
        print(
            f"  app launch to first article, warm, {largest:,} / 1 article: "
            f"{app_big['first_article'] / app_base['first_article']:.2f}x "
            f"({fmt_s(app_big['first_article'])} / {fmt_s(app_base['first_article'])}; aim <= 1.5x)"
        )
        if "all_listed" in app_big:
            print(
                f"  app launch to whole library listed, warm, {largest:,} / 1 article: "
                f"{app_big['all_listed'] / app_base.get('all_listed', app_base['first_article']):.2f}x"
            )
    if "warm_peak_mb" in big:
        print(f"  library peak RSS at {largest:,}: {big['warm_peak_mb']:.0f} MB (aim <= 300 MB)")
    if "peak_mb" in app_big:
        print(f"  app peak RSS at {largest:,}: {app_big['peak_mb']:.0f} MB (aim <= 300 MB)")
    if "open" in opened:
        print(f"  open a {opened['words']:,}-word article: {fmt_s(opened['open'])} (aim < 100 ms)")
    measured = [size for size in rows if size > 1 and "warm_scan" in rows[size]]
    for small, large in zip(measured, measured[1:], strict=False):
        a, b = rows[small], rows[large]
        factor = large / small
        parts = [
            f"{name} x{b[key] / a[key]:.1f}"
            for name, key in (
                ("cold scan", "cold_scan"),
                ("warm scan", "warm_scan"),
                ("snapshot", "snapshot"),
                ("peak RSS", "warm_peak_mb"),
            )
            if a.get(key) and b.get(key)
        ]
        print(f"  growth {small:,} -> {large:,} (x{factor:.0f} articles): " + ", ".join(parts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
