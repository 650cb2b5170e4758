"""Opening a long article never seen before: key press to text, and to highlights.

    python benchmarks/open_long.py [--runs 3] [--words 15000] [--before DIR]

Runs the whole ``limelight`` process in a pseudo-terminal of 120x40 with a
fresh data folder (so nothing is cached) on a folder of two articles: a
short one, shown at start, and a generated article of ``--words`` words.
Once the first article is shown and highlighted, it presses ``]`` (the next
article) and times, from that key press:

- **text**: the long article's first paragraph is drawn (a marker word in it);
- **highlights**: its first quotation's speaker line ("— quoted: ...") is drawn,
  which appears only once the article is analysed.

The anchor, in the same run: the same key press opening a short article
(200 words) never seen before. With ``--before DIR`` (a checkout of another
commit, e.g. ``git archive HEAD | tar -x -C DIR``) the same is measured with
that code beside this one.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "government minister market economy election city council report people year week "
    "policy trade energy water school hospital court police club match season player "
    "coach company shares growth rate bank budget plan talks summit harbour bridge"
).split()
MARKER = "Quixotically"
SPEAKER = "Anna Lindqvist"


def article(
    title: str, words: int, seed: int = 11, marker: str = MARKER, speaker: str = SPEAKER
) -> str:
    """A news-like article of about ``words`` words: a lead with the ``marker``
    word, a paragraph quoting ``speaker``, then paragraphs of 30 to 90 words,
    some quoted."""
    rng = random.Random(seed)
    paragraphs = [
        f"{marker} the council met on Monday to talk about the bridge.",
        f"\u201cWe will finish the bridge by spring,\u201d said {speaker}, the mayor of Harbourton.",
    ]
    count = sum(len(paragraph.split()) for paragraph in paragraphs)
    while count < words:
        size = rng.randint(30, 90)
        text = " ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + "."
        if rng.random() < 0.2:
            text += f" \u201cThe {rng.choice(WORDS)} is ready,\u201d said Tomas Berg."
        paragraphs.append(text)
        count += size
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


# ``limelight FOLDER`` without the background indexing of the library, which
# analyses (and caches) every article soon after the start: with it, the
# article would be analysed before the key press, not "never seen before".
LAUNCH = """
import sys
from reader.ui.sidebar import LibrarySidebar
LibrarySidebar.build_index = lambda self: None
from reader.cli import main
sys.argv[0] = "limelight"
sys.exit(main())
"""


class Terminal:
    """``python -m reader FOLDER`` in a pty; everything it draws, with arrival times."""

    def __init__(self, source: Path, folder: Path, home: Path) -> None:
        env = dict(
            os.environ,
            LIMELIGHT_HOME=str(home),
            LIMELIGHT_CONFIG=str(home / "config.toml"),
            TERM="xterm-256color",
            COLORTERM="truecolor",
            PYTHONPATH=str(source),
        )
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.chdir(source)
            os.execvpe(sys.executable, [sys.executable, "-c", LAUNCH, str(folder)], env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.seen = b""

    def read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        self.seen += chunk
        return bool(chunk)

    def wait_for(self, marker: bytes, since: int = 0, timeout: float = 60) -> float:
        """Seconds (perf_counter) when ``marker`` arrived after byte ``since``."""
        deadline = time.perf_counter() + timeout
        while marker not in self.seen[since:]:
            if time.perf_counter() > deadline:
                raise TimeoutError(marker)
            self.read(0.01)
        return time.perf_counter()

    def quiet(self, seconds: float = 0.5) -> None:
        """Read until nothing has been drawn for ``seconds``."""
        while self.read(seconds):
            pass

    def press(self, key: bytes) -> tuple[float, int]:
        mark = len(self.seen)
        os.write(self.fd, key)
        return time.perf_counter(), mark

    def close(self) -> None:
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def open_next(source: Path, words: int, work: Path, run: int) -> tuple[float, float]:
    """(key -> text, key -> highlights) in seconds, opening an article of ``words`` words."""
    folder = Path(tempfile.mkdtemp(prefix="library-", dir=work))
    opening = article("Opening article", 150, seed=1, marker="Firstly", speaker="Ines Moreau")
    (folder / "a.txt").write_text(opening, encoding="utf-8")
    (folder / "b.txt").write_text(article("Next article", words, seed=run), encoding="utf-8")
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    terminal = Terminal(source, folder, home)
    try:
        terminal.wait_for(b"quoted: Ines Moreau")  # the first article, highlighted
        terminal.quiet()
        pressed, mark = terminal.press(b"]")
        text = terminal.wait_for(MARKER.encode(), mark)
        after_text = terminal.seen.index(MARKER.encode(), mark)
        highlighted = terminal.wait_for(f"quoted: {SPEAKER}".encode(), after_text)
        return text - pressed, highlighted - pressed
    finally:
        terminal.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--words", type=int, default=15_000)
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this one")
    options = parser.parse_args()
    sources = [("this checkout", ROOT)]
    if options.before:
        sources.insert(0, ("before", options.before.resolve()))
    work = Path(tempfile.mkdtemp(prefix="limelight-open-long-"))
    try:
        print(f"key press (]) -> next article, never seen before, pty 120x40, {options.runs} runs")
        print(f"{'':16}{'article':>14}{'to text':>12}{'to highlights':>16}")
        for label, source in sources:
            results = {}
            for words in (200, options.words):
                runs = [open_next(source, words, work, run) for run in range(options.runs)]
                text = statistics.median(r[0] for r in runs) * 1000
                lit = statistics.median(r[1] for r in runs) * 1000
                results[words] = (text, lit)
                print(f"{label:16}{words:>8,} words{text:>9.0f} ms{lit:>13.0f} ms")
            short, long = results[200], results[options.words]
            print(
                f"{'':16}{'long / short':>14}{long[0] / short[0]:>11.1f}x{long[1] / short[1]:>15.1f}x"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
