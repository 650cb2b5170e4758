"""A longer run of the importer fuzzer: random HTML-ish pages, counted.

    python benchmarks/fuzz_importers.py [--inputs 16000] [--seed 1] [--suffix .html]
    python benchmarks/fuzz_importers.py --sizes

With ``--sizes``, times the hostile sizes of issue 10 instead, each in a
fresh interpreter (seconds, and the peak RSS of that process).

Figures on this machine (2 shared cores), before and after the fixes:

- fuzzer, 16,000 HTML-ish inputs: 513 failed ("All strings must be XML
  compatible", "Input object is not an XML element: _Comment"; the issue
  counted 482), after: 0 failed (57 s); ``.md``: 0 of 3,000 either way;
- one tag with 20,000 attributes: 2.9 s, 112 MB; after 0.24 s, 71 MB
  (the issue: 6.7 s); 50,000 attributes (539 KB): 17 s, 177 MB (the
  issue: 79 s, 190 MB), after 0.25 s, 71 MB, with the warning "49,900
  attributes ignored (over 100 on one tag)";
- Markdown, a million one-character paragraphs (3 MB): 27 s, 1,574 MB peak
  RSS (the issue: 37 s, 1.57 GB), after 16 s, 123 MB (tracemalloc peak
  101 MB, 34x the file, was about 490x; make_article's Block per paragraph,
  56 bytes for 3 bytes of file, is most of what is left); markdown-it's own
  speed (about 16 us a paragraph) is what is left of the time;
- a 10 MB single-line text: 0.13 s to import before and after (the 50 s of
  the report are in the app, not the importer).

Builds byte strings from the pieces the default test run's fuzzer uses
(``tests/test_importers_fuzz.py``: tags, control characters, comments,
entities, charset declarations, stray bytes), reads each with
:func:`reader.library.loader.load_file`, and prints how many inputs it tried,
how many failed (an exception, a broken article saying "could not read", a
control character in the text) and the first few failures with their input.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.library.loader import load_file  # noqa: E402
from tests.test_importers_fuzz import check_readable, random_html_ish  # noqa: E402

SIZES = {
    "html, 20,000 attributes on one tag": (
        ".html",
        "'<html><body><p ' + ' '.join(f'a{i}=\"v\"' for i in range(20_000)) + '>Hello.</p></body></html>'",
    ),
    "html, 50,000 attributes on one tag": (
        ".html",
        "'<html><body><p ' + ' '.join(f'a{i}=\"v\"' for i in range(50_000)) + '>Hello.</p></body></html>'",
    ),
    "md, 1,000,000 one-character paragraphs": (".md", "'a\\n\\n' * 1_000_000"),
    "md, 200,000 distinct short paragraphs": (
        ".md",
        "''.join(f'{i:x}\\n\\n' for i in range(200_000))",
    ),
    "txt, 10 MB on one line": (".txt", "'word ' * 2_000_000"),
}

_SIZE_SCRIPT = """
import json, resource, sys, time
from pathlib import Path
from reader.library.loader import load_file
path = Path(sys.argv[1])
path.write_text({expression})
start = time.perf_counter()
article = load_file(path)
print(json.dumps({{"seconds": time.perf_counter() - start, "bytes": path.stat().st_size,
                  "blocks": len(article.blocks), "warnings": list(article.warnings),
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def sizes() -> None:
    import json
    import subprocess

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, expression) in SIZES.items():
            path = Path(folder) / f"size{suffix}"
            result = subprocess.run(
                [sys.executable, "-c", _SIZE_SCRIPT.format(expression=expression), str(path)],
                capture_output=True,
                text=True,
                cwd=root,
                timeout=600,
                check=True,
            )
            row = json.loads(result.stdout.strip().splitlines()[-1])
            print(
                f"{name:<42} {row['bytes'] / 1e6:6.1f} MB {row['seconds']:7.2f} s "
                f"{row['rss']:6.0f} MB RSS {row['blocks']:>9,} blocks {'; '.join(row['warnings'])}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=16000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--suffix", default=".html")
    parser.add_argument("--show", type=int, default=5, help="failures to print")
    parser.add_argument("--sizes", action="store_true", help="time the hostile sizes instead")
    options = parser.parse_args()
    if options.sizes:
        sizes()
        return
    rng = random.Random(options.seed)
    failures: list[tuple[bytes, str]] = []
    kinds: Counter[str] = Counter()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{options.suffix}"
        for _ in range(options.inputs):
            data = random_html_ish(rng)
            path.write_bytes(data)
            try:
                check_readable(load_file(path))
            except Exception as exc:  # AssertionError from the check, or a crash
                reason = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
                failures.append((data, reason))
                kinds[reason[:70]] += 1
    elapsed = time.perf_counter() - start
    print(
        f"{options.inputs:,} inputs ({options.suffix}, seed {options.seed}), "
        f"{len(failures):,} failed, {elapsed:.1f} s"
    )
    for reason, count in kinds.most_common(10):
        print(f"  {count:6,}  {reason}")
    for data, reason in failures[: options.show]:
        print(f"  {data!r}\n    -> {reason}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
