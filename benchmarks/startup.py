"""Time from launching ``limelight`` to its first screen, in a real pseudo-terminal.

    python benchmarks/startup.py [--runs 5] [--articles 0]

Starts ``python -m reader`` in a pty of 120x40 with an empty data folder and
measures the time until the terminal receives the sidebar's status line
("N article(s)") and the article's title, i.e. until the library is listed
and an article is shown. With ``--articles N`` it first writes a library of N
generated articles (about 800 words each) and opens Limelight on it.
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

WORDS = (
    "government minister said market economy election city council report people "
    "year week policy trade energy water school hospital court police club match "
    "season player coach company shares growth rate bank budget plan talks summit"
).split()


def make_library(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for index in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()
        paragraphs = []
        for _ in range(10):
            sentence_words = [rng.choice(WORDS) for _ in range(80)]
            paragraphs.append(" ".join(sentence_words).capitalize() + ".")
        body = "\n\n".join(paragraphs)
        (folder / f"{index:05d}.txt").write_text(f"{title} {index}\n\n{body}\n", encoding="utf-8")


def time_screens(
    args: list[str], home: str, stages: list[list[bytes]], timeout: float = 120
) -> list[float]:
    """Seconds until each stage's markers have all been drawn, in order."""
    env = dict(os.environ, LIMELIGHT_HOME=home, TERM="xterm-256color", COLORTERM="truecolor")
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(sys.executable, [sys.executable, "-m", "reader", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed: list[float] = []
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            while len(elapsed) < len(stages) and all(m in seen for m in stages[len(elapsed)]):
                elapsed.append(time.perf_counter() - start)
            if len(elapsed) == len(stages):
                break
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed + [float("nan")] * (len(stages) - len(elapsed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=0)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="limelight-bench-"))
    try:
        args: list[str] = []
        stages = [[b"1 article", b"China strengthens"]]
        if options.articles:
            library = work / "library"
            library.mkdir()
            made = time.perf_counter()
            make_library(library, options.articles)
            print(f"wrote {options.articles:,} articles in {time.perf_counter() - made:.1f} s")
            args = [str(library)]
            first_title = (library / "00000.txt").read_text(encoding="utf-8").split("\n")[0]
            stages = [
                [b" articles", first_title[:20].encode()],
                [f"{options.articles:,} articles\x1b".encode()],
            ]
        runs = []
        for run in range(options.runs):
            home = work / f"home{run}"
            home.mkdir()
            runs.append(time_screens(args, str(home), stages))
        label = f"{options.articles:,} articles" if options.articles else "the seed"
        names = ["first screen (an article shown)", "whole library listed"]
        print(f"launch to ... ({label}), {options.runs} runs:")
        for stage, name in enumerate(names[: len(stages)]):
            times = [run[stage] for run in runs]
            shown = "  ".join(f"{t * 1000:.0f} ms" for t in times)
            print(f"  {name:<32} {shown}   median {statistics.median(times) * 1000:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
