"""Opening a 300,000-word EPUB: ``limelight list`` and launch to first text.

    python benchmarks/epub_open.py [--words 300000] [--chapters 120] [--runs 3]

Builds a book of ``--words`` words in ``--chapters`` chapters with
:mod:`zipfile` (EPUB 3: a package document, a navigation document, one
XHTML file per chapter of headings, paragraphs with italic and bold, and
lists), and the same text as a plain ``.txt`` file, the anchor. For each
it measures, as whole processes with a fresh data folder (nothing cached):

- **list**: ``limelight list FILE`` run to its end;
- **open**: ``limelight FILE`` in a real terminal (tmux, 120x40, a tmux
  server of its own) from launch until the book's first words are on screen.

It prints the absolute times (median and best of ``--runs``, the two files
interleaved) side by side, and the EPUB's over the text file's.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "the river ran past the mill and the miller watched it go by every morning while "
    "his daughter read letters from the city about ships and storms and distant harbours"
).split()
MARKER = "Quixotically"  # the book's first word, looked for on screen

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def chapters(words: int, count: int, seed: int = 7) -> list[tuple[str, list[str]]]:
    """``count`` chapters of about ``words`` words in all: (title, paragraphs)."""
    rng = random.Random(seed)
    per_chapter = words // count
    book = []
    for number in range(1, count + 1):
        paragraphs = []
        total = 0
        if number == 1:
            paragraphs.append(f"{MARKER} the story begins by the river.")
            total += 6
        while total < per_chapter:
            size = rng.randint(40, 120)
            paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(size)).capitalize() + ".")
            total += size
        book.append((f"Chapter {number}", paragraphs))
    return book


def xhtml(title: str, paragraphs: list[str]) -> str:
    body = [f"<h1>{escape(title)}</h1>"]
    for index, text in enumerate(paragraphs):
        if index % 9 == 4:
            first, _, rest = text.partition(" ")
            body.append(f"<p><em>{escape(first)}</em> <b>{escape(rest)}</b></p>")
        elif index % 13 == 6:
            items = text.split(" and ")
            body.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        else:
            body.append(f"<p>{escape(text)}</p>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>'
        f'{escape(title)}</title><link rel="stylesheet" href="style.css"/></head>'
        f"<body>{''.join(body)}</body></html>"
    )


def write_epub(path: Path, book: list[tuple[str, list[str]]]) -> None:
    items = "".join(
        f'<item id="c{n}" href="c{n}.xhtml" media-type="application/xhtml+xml"/>'
        for n in range(1, len(book) + 1)
    )
    spine = "".join(f'<itemref idref="c{n}"/>' for n in range(1, len(book) + 1))
    toc = "".join(
        f'<li><a href="c{n}.xhtml">{escape(title)}</a></li>'
        for n, (title, _) in enumerate(book, start=1)
    )
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
        ' unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:identifier id="id">urn:uuid:bench</dc:identifier><dc:title>The Long River</dc:title>'
        "<dc:creator>Ann Author</dc:creator><dc:language>en</dc:language></metadata>"
        f'<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml"'
        f' properties="nav"/><item id="css" href="style.css" media-type="text/css"/>{items}'
        f"</manifest><spine>{spine}</spine></package>"
    )
    nav = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f'<body><nav epub:type="toc"><ol>{toc}</ol></nav></body></html>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/nav.xhtml", nav)
        archive.writestr("OEBPS/style.css", "p { margin: 0 }")
        for number, (title, paragraphs) in enumerate(book, start=1):
            archive.writestr(f"OEBPS/c{number}.xhtml", xhtml(title, paragraphs))


def write_text(path: Path, book: list[tuple[str, list[str]]]) -> None:
    parts = ["The Long River"]
    for title, paragraphs in book:
        parts.append(title)
        parts.extend(paragraphs)
    path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


# A tmux server of this benchmark's own: nothing else's sessions, or a
# ``kill-server`` elsewhere, touch it.
SOCKET = f"limelight-epub-open-{os.getpid()}"


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], check=True, capture_output=True, text=True
    ).stdout


def environment(home: Path) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(ROOT),
        LIMELIGHT_HOME=str(home),
        LIMELIGHT_CONFIG=str(home / "config.toml"),
    )


def time_list(path: Path, work: Path) -> float:
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(path)],
        env=environment(home),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "The Long River" not in result.stdout:
        raise RuntimeError(f"list failed: {result.stdout} {result.stderr}")
    return elapsed


def time_open(path: Path, work: Path, name: str) -> float:
    """Launch -> the book's first words on screen, in tmux (polled every 5 ms)."""
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    env = " ".join(
        f"{key}={value}"
        for key, value in environment(home).items()
        if key.startswith(("PYTHONPATH", "LIMELIGHT"))
    )
    command = f"cd {ROOT} && env {env} {sys.executable} -m reader {path}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    try:
        deadline = started + 60
        while time.perf_counter() < deadline:
            screen = tmux("capture-pane", "-p", "-t", name)
            if MARKER in screen:
                return time.perf_counter() - started
            time.sleep(0.005)
        raise TimeoutError("the book's first words never appeared")
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--chapters", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="limelight-epub-open-"))
    try:
        book = chapters(options.words, options.chapters)
        words = sum(len(p.split()) for _, paragraphs in book for p in paragraphs)
        epub, text = work / "book" / "long-river.epub", work / "text" / "long-river.txt"
        epub.parent.mkdir()
        text.parent.mkdir()
        write_epub(epub, book)
        write_text(text, book)
        print(
            f"a book of {words:,} words in {len(book)} chapters: EPUB {epub.stat().st_size / 1e6:.1f} MB,"
            f" the same text as .txt {text.stat().st_size / 1e6:.1f} MB; {options.runs} runs,"
            " whole processes, fresh data folder"
        )
        files = {"txt (anchor)": text, "epub": epub}
        lists: dict[str, list[float]] = {label: [] for label in files}
        opens: dict[str, list[float]] = {label: [] for label in files}
        for run in range(options.runs):  # the two interleaved: the machine's load hits both
            for kind, (label, path) in enumerate(files.items()):
                lists[label].append(time_list(path, work))
                name = f"epub-open-{os.getpid()}-{kind}-{run}"
                opens[label].append(time_open(path, work, name))
        print(f"{'':14}{'limelight list':>24}{'launch -> first text (tmux)':>34}")
        print(f"{'':14}{'median':>12}{'best':>12}{'median':>22}{'best':>12}")
        for label in files:
            print(
                f"{label:14}{statistics.median(lists[label]) * 1000:>9.0f} ms"
                f"{min(lists[label]) * 1000:>9.0f} ms"
                f"{statistics.median(opens[label]) * 1000:>19.0f} ms"
                f"{min(opens[label]) * 1000:>9.0f} ms"
            )
        ratios = [
            f(values["epub"]) / f(values["txt (anchor)"])
            for values in (lists, opens)
            for f in (statistics.median, min)
        ]
        print(
            f"{'epub / txt':14}{ratios[0]:>11.2f}x{ratios[1]:>11.2f}x"
            f"{ratios[2]:>21.2f}x{ratios[3]:>11.2f}x"
        )
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
