"""Keys arriving in a burst, in a real terminal: does every press count?

    python benchmarks/keys_burst.py [--before DIR]

Runs ``limelight`` in tmux (120x40) on a Markdown list of 400 one-row items
and sends bursts with one ``tmux send-keys`` each (what key repeat, a paste
or a slow link delivers: many keys in one read): 10 ``j``, 10 ``k``, 3
``space`` and, after finding "Line", 10 ``n`` and 4 ``N``. It reads the screen
with ``tmux capture-pane`` and prints, for each burst, the lines scrolled (or
matches stepped) expected beside those seen. With ``--before DIR`` (another
checkout, e.g. ``git archive HEAD | tar -x -C DIR``) the same runs with that
code first, as the anchor.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import tempfile
from pathlib import Path

from tmux_session import Session

ROOT = Path(__file__).resolve().parent.parent
ITEMS = 400
ITEM = re.compile(r"Line (\d{3}) of the list")
COUNT = re.compile(rf"(\d+)/{ITEMS}\b")


def shows_items(screen: list[str]) -> bool:
    return any(ITEM.search(line) for line in screen)


def item_row(screen: list[str]) -> tuple[int, int]:
    """(item number, row) of the first list item on screen."""
    for row, line in enumerate(screen):
        found = ITEM.search(line)
        if found:
            return int(found.group(1)), row
    raise AssertionError("no list item on screen")


def scrolled(before: list[str], after: list[str]) -> int:
    """Rows the text moved up between two screens (items are one row each)."""
    number_before, row_before = item_row(before)
    number_after, row_after = item_row(after)
    return (row_before + number_after - number_before) - row_after


def match_number(screen: list[str]) -> int:
    for line in reversed(screen):
        found = COUNT.search(line)
        if found:
            return int(found.group(1))
    raise AssertionError("no match count on screen")


def measure(source: Path, work: Path, label: str) -> list[tuple[str, int, int]]:
    """(burst, expected, seen) for each burst, with the code in ``source``."""
    article = work / "list.md"
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    session = Session(
        f"limelight-burst-{os.getpid()}-{label}", source, article, home, ready=shows_items
    )
    results = []
    try:
        screen = session.settled()
        after = session.send(*["j"] * 10)
        results.append(("10 x j", 10, scrolled(screen, after)))
        screen = after
        after = session.send(*["k"] * 10)
        results.append(("10 x k", -10, scrolled(screen, after)))
        screen = session.send("j")  # off the top, then one page to learn its height
        after = session.send("Space")
        page = scrolled(screen, after)
        screen = after
        after = session.send(*["Space"] * 3)
        results.append((f"3 x space ({page}-row page)", 3 * page, scrolled(screen, after)))
        session.send("/")  # the find bar takes the focus once drawn
        session.send("-l", "Line")
        session.send("Enter")
        screen = session.send("n")  # one step shows the count ("12/400")
        first = match_number(screen)
        after = session.send(*["n"] * 10)
        results.append(("10 x n (matches)", 10, match_number(after) - first))
        screen = after
        after = session.send(*["N"] * 4)
        results.append(("4 x N (matches)", -4, match_number(after) - match_number(screen)))
    finally:
        session.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout to measure first")
    options = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("keys_burst.py needs tmux")
    work = Path(tempfile.mkdtemp(prefix="limelight-burst-"))
    try:
        items = "\n".join(f"- Line {i:03d} of the list, one row each." for i in range(1, ITEMS + 1))
        (work / "list.md").write_text("# Burst list\n\n" + items + "\n", encoding="utf-8")
        sources = [("this checkout", ROOT)]
        if options.before:
            sources.insert(0, ("before", options.before.resolve()))
        print("bursts sent with one tmux send-keys each, tmux 120x40")
        print(f"{'':16}{'burst':<28}{'expected':>10}{'seen':>8}")
        for label, source in sources:
            for burst, expected, seen in measure(source, work, label.split()[0]):
                flag = "" if seen == expected else "   <- presses lost"
                print(f"{label:16}{burst:<28}{expected:>10}{seen:>8}{flag}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
