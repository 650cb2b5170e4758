"""Does the reading place hold through sidebar toggles and resizes? In tmux.

    python benchmarks/place.py [--before DIR] [--article PATH] [--columns 120]

Opens an article (the bundled sample by default) in ``limelight`` in tmux
at 120x40 (``--columns``), scrolls a page and a few lines into it, then
presses ``t`` (hide or show the sidebar) four times and resizes the window
to 80 columns and back. After each step it reads the screen (``tmux capture-pane``), finds
the first line of text of the article in the article's body, and prints how
far the top of the view moved from where it was: in characters, and in
lines of the text column at that width. Within one line is the goal. With
``--before DIR`` (another checkout, e.g. ``git archive HEAD | tar -x -C
DIR``) the same runs with that code first, as the anchor.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from tmux_session import Session

ROOT = Path(__file__).resolve().parent.parent
SCROLLBAR = re.compile(r"[\u2581-\u2588\u258f\u2595▕▏]+")


def article_body(path: Path) -> str:
    sys.path.insert(0, str(ROOT))
    from reader.library.catalogue import iter_articles

    return next(iter_articles([path])).body


def top_of_text(screen: list[str], body: str) -> tuple[int, int]:
    """(body offset, width of the text column) of the first article line on screen."""
    widths = []
    found = None
    for line in screen[1:-2]:  # below the legend, above the status and footer lines
        text = SCROLLBAR.sub(" ", line.split("\u2595")[-1]).strip()
        if len(text) < 12:
            continue
        offset = body.find(text)
        if offset >= 0:
            widths.append(len(text))
            if found is None:
                found = offset
    if found is None:
        raise AssertionError("no line of the article's body on screen")
    return found, max(widths)


def measure(
    source: Path, article: Path, body: str, work: Path, label: str, columns: int
) -> list[tuple[str, int, int]]:
    """(step, characters moved, text width) after each step."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    session = Session(
        f"limelight-place-{os.getpid()}-{label}", source, article, home, columns, pause=0.4
    )
    rows = []
    try:
        session.settled()
        time.sleep(1.5)  # the analysis and the index: let the start finish
        session.settled()
        session.send("Space")
        for _ in range(5):
            screen = session.send("j")  # one at a time: the code before lost keys in a burst
        start, width = top_of_text(screen, body)
        rows.append(("start", 0, width))
        for toggle in range(4):
            offset, width = top_of_text(session.send("t"), body)
            rows.append((f"t #{toggle + 1}", offset - start, width))
        for size in (80, columns):
            offset, width = top_of_text(session.resize(size), body)
            rows.append((f"resize to {size}", offset - start, width))
    finally:
        session.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout to measure first")
    parser.add_argument("--article", type=Path, help="the article to read (the sample by default)")
    parser.add_argument("--columns", type=int, default=120, help="the terminal's width at start")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("place.py needs tmux")
    if options.article is None:
        sys.path.insert(0, str(ROOT))
        from reader.resources import seeds_dir

        options.article = sorted(seeds_dir().glob("*.txt"))[0]
    article = options.article.resolve()
    body = article_body(article)
    work = Path(tempfile.mkdtemp(prefix="limelight-place-"))
    sources = [("this checkout", ROOT)]
    if options.before:
        sources.insert(0, ("before", options.before.resolve()))
    try:
        print(f"top of the view after each step, tmux {options.columns}x40, {article.name}")
        print(f"{'':16}{'step':<16}{'moved':>12}{'lines':>8}{'text width':>12}")
        for label, source in sources:
            worst = 0.0
            steps = measure(source, article, body, work, label.split()[0], options.columns)
            for step, moved, width in steps:
                lines = moved / width
                worst = max(worst, abs(lines))
                print(f"{label:16}{step:<16}{moved:>+7} chars{lines:>+8.1f}{width:>12}")
            print(f"{label:16}{'worst':<16}{'':>12}{worst:>8.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
