"""The HTML importer against trafilatura alone: word F1 and time per page.

    python benchmarks/html_vs_trafilatura.py [--runs 5] [--before DIR] [--no-time] [--only dev]

Scores every page under tests/pages/dev and tests/pages/heldout (and the
long page of each set, made by tests/pages/long_page.py) against the text a
person reads on it (the ``.txt`` beside it): word precision, recall and F1
(tests/pages/words.py; words as multisets, each CJK character a word) of

- **ours**: the article's text as Limelight shows it, read through
  ``load_file`` (the file's bytes, its charset, the importer): its title and
  each block with its list number. The dek, when it comes from the page's
  ``<meta name=description>`` and not from its text, is the page's own
  summary (metadata, as the author and date are): it is scored apart, as
  "ours + dek", the mean with it added to the text;
- **trafilatura**: ``trafilatura.extract(bytes, output_format="txt",
  include_tables=True)``, trafilatura alone on the same bytes;
- **before** (with ``--before DIR``, another checkout such as
  ``git archive HEAD | tar -x -C DIR``): that code's ``load_file``.

It prints them per page and the mean of each set, the pages where ours is
below trafilatura (and more than 0.02 below), and then the time per page
as a whole process, each the median of ``--runs`` runs over the dev pages,
the kinds interleaved run by run:

- ``limelight list --json PAGE`` with a fresh data folder (the cold path:
  nothing cached), for this checkout and ``--before``; and with a data
  folder in use (a database there, the page not yet in the library cache);
- the importer's cold path alone: ``python -c "load_file(PAGE)"``;
- trafilatura alone: ``python -c "trafilatura.extract(...)"`` on the same
  page, the anchor; and ``python -c pass``, the interpreter's start.

Each checkout's modules are compiled first (``compileall``): with
PYTHONDONTWRITEBYTECODE set, a checkout without ``__pycache__`` would be
compiled again in every run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "pages"
sys.path.insert(0, str(PAGES))

import long_page  # noqa: E402
from words import f1  # noqa: E402

# Prints each page's text as Limelight shows it, as JSON, for the checkout
# on sys.path[0].
_TEXTS = """
import json, sys
sys.path.insert(0, sys.argv[1])
from reader.library.loader import load_file
out = {}
for path in sys.argv[2:]:
    a = load_file(path)
    blocks = [getattr(b, "marker", "") + b.text for b in a.blocks]
    out[path] = ["\\n".join([a.title, *blocks]), a.dek]
print(json.dumps(out))
"""


def pages(folder: Path, long_dir: Path) -> list[Path]:
    found = sorted(folder.glob("*.html"))
    found.append(long_page.write(long_dir, folder.name))
    return found


def texts_of(checkout: Path, paths: list[Path]) -> dict[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", _TEXTS, str(checkout), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=checkout,
    )
    return json.loads(result.stdout)


def trafilatura_text(path: Path) -> str:
    import trafilatura

    return trafilatura.extract(path.read_bytes(), output_format="txt", include_tables=True) or ""


def score(name: str, paths: list[Path], before: Path | None) -> None:
    ours = texts_of(ROOT, paths)
    old = texts_of(before, paths) if before else {}
    print(f"\n{name}: word F1 against the expected text (P/R of ours in brackets)")
    header = f"{'page':26} {'ours':>18} {'trafilatura':>12}"
    if before:
        header += f" {'before':>8}"
    print(header + f" {'ours-traf':>10}")
    rows = []
    with_dek = []
    for path in paths:
        expected = path.with_suffix(".txt").read_text(encoding="utf-8")
        text, dek = ours[str(path)]
        with_dek.append(f1(text + "\n" + dek, expected)[2])
        p, r, ours_f1 = f1(text, expected)
        traf_f1 = f1(trafilatura_text(path), expected)[2]
        old_f1 = f1(old[str(path)][0], expected)[2] if before else None
        rows.append((path.stem, ours_f1, traf_f1, old_f1))
        line = f"{path.stem:26} {ours_f1:6.3f} ({p:.2f}/{r:.2f}) {traf_f1:12.3f}"
        if before:
            line += f" {old_f1:8.3f}"
        print(line + f" {ours_f1 - traf_f1:+10.3f}")
    mean = statistics.fmean(r[1] for r in rows)
    mean_traf = statistics.fmean(r[2] for r in rows)
    line = f"{'MEAN (' + str(len(rows)) + ' pages)':26} {mean:6.3f} {'':11} {mean_traf:12.3f}"
    if before:
        line += f" {statistics.fmean(r[3] for r in rows):8.3f}"
    print(line + f" {mean - mean_traf:+10.3f}")
    print(f"{'ours + dek: mean':26} {statistics.fmean(with_dek):6.3f}")
    below = [r[0] for r in rows if r[1] < r[2] - 1e-9]
    far = [r[0] for r in rows if r[1] < r[2] - 0.02]
    print(f"pages below trafilatura: {len(below)} of {len(rows)} {below or ''}")
    print(f"pages more than 0.02 below trafilatura: {len(far)} {far or ''}")


# Makes the database of the data folder in LIMELIGHT_HOME, as any saved thing does.
_IN_USE = "from reader.store import Store; Store().close()"


def whole_process(argv: list[str], cwd: Path, *, in_use: bool = False) -> float:
    """Seconds of ``argv`` as a whole process, with a fresh data folder (one
    with a database in it, ``in_use``)."""
    with tempfile.TemporaryDirectory() as home:
        env = {
            **os.environ,
            "LIMELIGHT_HOME": home,
            "LIMELIGHT_CONFIG": os.path.join(home, "none.toml"),
        }
        if in_use:
            subprocess.run([sys.executable, "-c", _IN_USE], cwd=cwd, env=env, check=True)
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - start


def timing(paths: list[Path], runs: int, before: Path | None) -> None:
    print(
        f"\ntime per page, whole process: median of {runs} runs x {len(paths)} dev pages,"
        " the kinds interleaved (the machine is shared: load drifts)"
    )
    load = "import sys; from reader.library.loader import load_file; load_file(sys.argv[1])"
    extract = (
        "import sys, trafilatura;"
        " trafilatura.extract(open(sys.argv[1], 'rb').read(), output_format='txt', include_tables=True)"
    )
    listing = [sys.executable, "-m", "reader", "list", "--json"]
    for checkout in (ROOT, before) if before else (ROOT,):
        subprocess.run([sys.executable, "-m", "compileall", "-q", "reader"], cwd=checkout, check=True)
    kinds = [("limelight list --json PAGE (cold)", ROOT, listing, False)]
    if before:
        kinds.append(("  before: limelight list --json PAGE", before, listing, False))
    kinds.append(("  data folder in use (a database)", ROOT, listing, True))
    if before:
        kinds.append(("  before: data folder in use", before, listing, True))
    kinds += [
        ("importer cold path: load_file(PAGE)", ROOT, [sys.executable, "-c", load], False),
        ("trafilatura alone: extract(PAGE)", ROOT, [sys.executable, "-c", extract], False),
        ("python -c pass (interpreter start)", ROOT, [sys.executable, "-c", "pass"], False),
    ]
    samples: dict[str, list[float]] = {label: [] for label, *_ in kinds}
    for _ in range(runs):
        for path in paths:
            for label, cwd, argv, in_use in kinds:
                samples[label].append(whole_process([*argv, str(path)], cwd, in_use=in_use))
    medians = {label: statistics.median(times) for label, times in samples.items()}
    anchor = medians["trafilatura alone: extract(PAGE)"]
    start = medians["python -c pass (interpreter start)"]
    for label, seconds in medians.items():
        print(
            f"{label:40} {seconds * 1000:7.0f} ms   x{seconds / anchor:.2f} of trafilatura alone"
            f"   x{seconds / start:.1f} of python -c pass"
        )
    if before:
        ratio = medians[kinds[0][0]] / medians[kinds[1][0]]
        print(f"limelight list --json, this checkout against before: x{ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", type=Path, help="another checkout to score beside this one")
    parser.add_argument("--no-time", action="store_true", help="scores only")
    parser.add_argument("--only", choices=("dev", "heldout"), help="score one set only")
    options = parser.parse_args()
    before = options.before.resolve() if options.before else None
    with tempfile.TemporaryDirectory() as long_dir:
        dev = pages(PAGES / "dev", Path(long_dir))
        heldout = pages(PAGES / "heldout", Path(long_dir))
        if options.only != "heldout":
            score("DEV pages", dev, before)
        if options.only != "dev":
            score("HELD-OUT pages", heldout, before)
        if not options.no_time:
            timing([p for p in dev if not p.stem.startswith("long_")], options.runs, before)


if __name__ == "__main__":
    main()
