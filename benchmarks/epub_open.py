"""Opening a 300,000-word EPUB: ``limelight list`` and launch to first text.

    python benchmarks/epub_open.py [--words 300000] [--chapters 120] [--runs 3] [--before DIR]

Builds a book of ``--words`` words in ``--chapters`` chapters with
:mod:`zipfile` (EPUB 3: a package document, a navigation document, one
XHTML file per chapter of headings, paragraphs with italic and bold, and
lists), and the same text as a plain ``.txt`` file, the anchor. For each
it measures, as whole processes with a fresh data folder (nothing cached):

- **list**: ``limelight list FILE`` run to its end;
- **open**: ``limelight FILE`` in a real terminal (tmux, 120x40, a tmux
  server of its own) from launch until the book's first words are on screen,
  cold (a fresh data folder) and warm (a data folder where a start has read
  the book through: listed, highlighted, indexed, then quit).

It prints the absolute times (median and best of ``--runs``, everything
interleaved) side by side, and the EPUB's over the text file's. With
``--before DIR`` (a checkout of another commit, e.g. ``git archive HEAD |
tar -x -C DIR``) the same is measured with that code beside this one, and
this code's over that.
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


def environment(home: Path, source: Path = ROOT) -> dict[str, str]:
    return dict(
        os.environ,
        PYTHONPATH=str(source),
        LIMELIGHT_HOME=str(home),
        LIMELIGHT_CONFIG=str(home / "config.toml"),
    )


def time_list(path: Path, work: Path, source: Path = ROOT) -> float:
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "reader", "list", str(path)],
        env=environment(home, source),
        capture_output=True,
        text=True,
        cwd=source,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or "The Long River" not in result.stdout:
        raise RuntimeError(f"list failed: {result.stdout} {result.stderr}")
    return elapsed


def launch(path: Path, home: Path, name: str, source: Path) -> float:
    """``limelight FILE`` started in a tmux session ``name``; when it was started."""
    env = " ".join(
        f"{key}={value}"
        for key, value in environment(home, source).items()
        if key.startswith(("PYTHONPATH", "LIMELIGHT"))
    )
    command = f"cd {source} && env {env} {sys.executable} -m reader {path}"
    started = time.perf_counter()
    tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command)
    return started


def wait_for(name: str, ready, timeout: float = 60) -> float:
    """When the screen of session ``name`` is first ``ready`` (polled every 5 ms)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if ready(tmux("capture-pane", "-p", "-t", name)):
            return time.perf_counter()
        time.sleep(0.005)
    raise TimeoutError("the screen never got there")


def time_open(path: Path, home: Path, name: str, source: Path = ROOT) -> float:
    """Launch -> the book's first words on screen, in tmux."""
    started = launch(path, home, name, source)
    try:
        return wait_for(name, lambda screen: MARKER in screen) - started
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], capture_output=True)


def read_through(path: Path, home: Path, name: str, source: Path) -> None:
    """A first start left to finish its work (highlights, index), then quit:
    the data folder of someone who has opened the book before."""
    launch(path, home, name, source)
    try:
        wait_for(
            name,
            lambda screen: (
                MARKER in screen and "highlighting" not in screen and "index" not in screen
            ),
            timeout=120,
        )
        tmux("send-keys", "-t", name, "q")
        deadline = time.perf_counter() + 20
        while time.perf_counter() < deadline:
            alive = subprocess.run(
                ["tmux", "-L", SOCKET, "has-session", "-t", name], capture_output=True
            )
            if alive.returncode != 0:
                return
            time.sleep(0.05)
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-session", "-t", name], capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--chapters", type=int, default=120)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this one")
    options = parser.parse_args()
    sources = [("now", ROOT)]
    if options.before:
        sources.insert(0, ("before", options.before.resolve()))
    work = Path(tempfile.mkdtemp(prefix="limelight-epub-open-"))
    # A session kept for the whole run: the server does not exit (and a new
    # session race its exit) each time a measured one is killed.
    tmux("new-session", "-d", "-s", "keep", "-x", "20", "-y", "5", "sleep 86400")
    try:
        book = chapters(options.words, options.chapters)
        words = sum(len(p.split()) for _, paragraphs in book for p in paragraphs)
        epub, text = work / "book" / "long-river.epub", work / "text" / "long-river.txt"
        epub.parent.mkdir()
        text.parent.mkdir()
        write_epub(epub, book)
        write_text(text, book)
        # A book on disk was not written this very moment: a file changed in
        # the last 2 s is read again rather than trusted unchanged.
        time.sleep(2.1)
        print(
            f"a book of {words:,} words in {len(book)} chapters: EPUB {epub.stat().st_size / 1e6:.1f} MB,"
            f" the same text as .txt {text.stat().st_size / 1e6:.1f} MB; {options.runs} runs,"
            " whole processes; cold: a fresh data folder, warm: one where a start has read it through"
        )
        files = {"txt (anchor)": text, "epub": epub}
        rows = [(source, label) for source in sources for label in files]
        lists: dict = {row: [] for row in rows}
        cold: dict = {row: [] for row in rows}
        warm: dict = {row: [] for row in rows}
        homes = {}
        for (label, source), kind in rows:
            home = homes[label, source, kind] = Path(tempfile.mkdtemp(prefix="warm-", dir=work))
            read_through(files[kind], home, f"epub-read-{os.getpid()}-{len(homes)}", source)
        for run in range(options.runs):  # all interleaved: the machine's load hits each
            for number, ((label, source), kind) in enumerate(rows):
                row = ((label, source), kind)
                path = files[kind]
                lists[row].append(time_list(path, work, source))
                home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
                cold[row].append(
                    time_open(path, home, f"epub-open-{os.getpid()}-{number}-{run}", source)
                )
                warm[row].append(
                    time_open(
                        path,
                        homes[label, source, kind],
                        f"epub-warm-{os.getpid()}-{number}-{run}",
                        source,
                    )
                )
        print(f"{'':22}{'limelight list':>20}{'launch -> first text (tmux)':>44}")
        print(
            f"{'':22}{'median':>10}{'best':>10}{'cold median':>14}{'best':>10}"
            f"{'warm median':>14}{'best':>10}"
        )

        def ms(values) -> str:
            return f"{statistics.median(values) * 1000:>7.0f} ms{min(values) * 1000:>7.0f} ms"

        for row in rows:
            (label, _), kind = row
            print(f"{label + ' ' + kind:22}{ms(lists[row])}  {ms(cold[row])}  {ms(warm[row])}")
        for label, _ in sources:
            pair = [((label, source), kind) for (name, source), kind in rows if name == label]
            ratios = [
                statistics.median(values[pair[1]]) / statistics.median(values[pair[0]])
                for values in (lists, cold, warm)
            ]
            print(
                f"{label + ' epub / txt':22}{ratios[0]:>9.2f}x{'':10}{ratios[1]:>11.2f}x"
                f"{'':12}{ratios[2]:>11.2f}x{'':10}"
            )
        if options.before:
            for kind in files:
                then, now = (((label, source), kind) for label, source in sources)
                ratios = [
                    statistics.median(values[now]) / statistics.median(values[then])
                    for values in (lists, cold, warm)
                ]
                print(
                    f"{'now / before ' + kind.split()[0]:22}{ratios[0]:>9.2f}x{'':10}"
                    f"{ratios[1]:>11.2f}x{'':12}{ratios[2]:>11.2f}x{'':10}"
                )
    finally:
        subprocess.run(["tmux", "-L", SOCKET, "kill-server"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
