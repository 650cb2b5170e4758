"""``limelight update`` of 20 local feeds, whole processes, beside a serial loop
of plain urllib requests for the same URLs.

    python benchmarks/update_feeds.py [--feeds 20] [--items 10] [--delay 0.05] [--runs 3]

A local server (``tests/localweb.py``, on 127.0.0.1 in this process) serves
``--feeds`` RSS 2.0 feeds of ``--items`` items each, every item linking to an
article page of about 600 words; every feed answers with an ETag and a
Last-Modified (and 304 to a conditional request), and one feed in four (and
its pages) answers after ``--delay`` seconds, as a distant server would. The
feeds are subscribed in a fresh data folder (``limelight feed import`` of an
OPML file), then timed, each as one whole process (``python -m reader
update``: start, fetch, extract, save, output to a pipe):

- the first update: every item is new, so every feed and every page is fetched;
- the second: nothing changed, so every feed answers 304 and nothing else is fetched.

The anchor, in the same run: a process that fetches the same URLs one after
another with ``urllib.request`` and does nothing with them (the feeds and
every page for the first update; the feeds with If-None-Match for the
second). The first update is repeated ``--runs`` times on fresh data folders
(medians shown). Per feed: its items, the requests the server received for
it, and the time from its feed's request to its last page's answer, in the
first update of the last run. Not a test: it prints figures.
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
import threading
import time
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.localweb import LocalWeb  # noqa: E402

LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"
WORDS = (
    "council budget river harbour teacher market station garden winter report vote"
    " museum bridge engine library doctor village morning season festival"
).split()


class TimedWeb(LocalWeb):
    """The test server, noting when each request arrived and was answered."""

    def __init__(self) -> None:
        self.timings: list[tuple[str, float, float]] = []  # (path, arrived, answered)
        self._timing_lock = threading.Lock()
        super().__init__()
        # Answer as a web server does: headers and body are two writes, and on a
        # kept-alive connection Nagle's algorithm would hold the body back until
        # the client's delayed ACK (40 ms), which no real server makes a client wait.
        self._server.RequestHandlerClass.disable_nagle_algorithm = True

    def _answer(self, handler) -> None:
        arrived = time.perf_counter()
        super()._answer(handler)
        with self._timing_lock:
            self.timings.append((handler.path, arrived, time.perf_counter()))

    def reset(self) -> None:
        with self._timing_lock:
            self.timings.clear()
        with self._lock:
            self.requests.clear()


def article(feed: int, item: int) -> str:
    pick = random.Random(feed * 1000 + item)  # paragraphs that differ (no two alike)
    words = [pick.choice(WORDS) for _ in range(600)]
    paragraphs = "".join(
        f"<p>{' '.join(words[start : start + 60]).capitalize()}.</p>" for start in range(0, 600, 60)
    )
    title = f"Item {item} of feed {feed}"
    return (
        f"<html><head><title>{title}</title><meta name='author' content='Reporter {feed}'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    )


def feed_xml(web: LocalWeb, feed: int, items: int) -> str:
    entries = "".join(
        f"<item><title>Item {i} of feed {feed}</title>"
        f"<link>{escape(web.url(f'/f{feed}/item{i}'))}</link><guid>f{feed}-i{i}</guid>"
        f"<pubDate>Mon, {i + 1:02d} Nov 2026 08:00:00 GMT</pubDate>"
        f"<description>Summary {i}.</description></item>"
        for i in range(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Feed {feed}</title><link>{web.url(f'/f{feed}/')}</link>"
        f"<description>d</description>{entries}</channel></rss>"
    )


def serve(web: LocalWeb, feeds: int, items: int, delay: float) -> list[str]:
    urls = []
    for feed in range(feeds):
        wait = delay if feed % 4 == 3 else 0.0
        urls.append(
            web.route(
                f"/f{feed}/feed.xml",
                feed_xml(web, feed, items),
                content_type="application/rss+xml",
                etag=f'"f{feed}-v1"',
                last_modified=LAST_MODIFIED,
                delay=wait,
            )
        )
        for item in range(items):
            web.route(f"/f{feed}/item{item}", article(feed, item), delay=wait)
    return urls


def opml(urls: list[str]) -> str:
    outlines = "".join(
        f'<outline type="rss" text="Feed {n}" xmlUrl="{escape(url)}"/>'
        for n, url in enumerate(urls)
    )
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{outlines}</body></opml>'


ANCHOR = """
import sys, urllib.request
conditional = sys.argv[1] == "conditional"
for line in sys.stdin.read().split():
    url, _, etag = line.partition("|")
    request = urllib.request.Request(url, headers={"If-None-Match": etag} if conditional else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()
    except urllib.error.HTTPError as error:
        if error.code != 304:
            raise
"""


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(LIMELIGHT_HOME=str(home), LIMELIGHT_CONFIG=str(home / "config.toml"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], env: dict[str, str], stdin: str = "") -> tuple[float, str, int]:
    start = time.perf_counter()
    done = subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    return time.perf_counter() - start, done.stdout + done.stderr, done.returncode


def fresh_home(base: Path, urls: list[str], run: int) -> Path:
    home = base / f"home-{run}"
    home.mkdir()
    (base / "feeds.opml").write_text(opml(urls))
    _, output, code = timed(
        [sys.executable, "-m", "reader", "feed", "import", str(base / "feeds.opml")],
        environment(home),
    )
    if code != 0:
        raise SystemExit(f"feed import failed: {output}")
    return home


def per_feed(web: TimedWeb, feeds: int) -> list[tuple[int, int, float]]:
    """(feed, requests, seconds from its feed's request to its last answer)."""
    rows = []
    for feed in range(feeds):
        mine = [(a, b) for path, a, b in web.timings if path.startswith(f"/f{feed}/")]
        if mine:
            rows.append((feed, len(mine), max(b for _, b in mine) - min(a for a, _ in mine)))
        else:
            rows.append((feed, 0, 0.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=20)
    parser.add_argument("--items", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.05, help="seconds, one feed in four")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    web = TimedWeb()
    base = Path(tempfile.mkdtemp(prefix="limelight-feeds-bench-"))
    try:
        urls = serve(web, args.feeds, args.items, args.delay)
        pages = [web.url(f"/f{f}/item{i}") for f in range(args.feeds) for i in range(args.items)]
        everything = "\n".join(urls + pages)
        conditional = "\n".join(f'{url}|"f{n}-v1"' for n, url in enumerate(urls))
        anchor = [sys.executable, "-c", ANCHOR]

        first, second, serial_all, serial_304 = [], [], [], []
        for run in range(args.runs):
            home = fresh_home(base, urls, run)
            env = environment(home)
            web.reset()
            seconds, output, code = timed([sys.executable, "-m", "reader", "update"], env)
            if code != 0:
                raise SystemExit(f"the first update failed ({code}):\n{output}")
            first.append(seconds)
            rows = per_feed(web, args.feeds)
            requests_first = len(web.requests)
            saved = sum(1 for _ in (home / "web" / "feeds").rglob("*.limelight"))
            web.reset()
            seconds, output_2, code = timed([sys.executable, "-m", "reader", "update"], env)
            if code != 0:
                raise SystemExit(f"the second update failed ({code}):\n{output_2}")
            second.append(seconds)
            requests_second = len(web.requests)
            not_modified = sum(1 for r in web.requests if r.headers.get("if-none-match"))
            serial_all.append(timed([*anchor, "plain"], env, everything)[0])
            serial_304.append(timed([*anchor, "conditional"], env, conditional)[0])
            shutil.rmtree(home, ignore_errors=True)

        def median(values: list[float]) -> float:
            return statistics.median(values)

        print(
            f"{args.feeds} feeds x {args.items} items, ~600-word pages; one feed in four"
            f" answers after {args.delay * 1000:.0f} ms; {args.runs} runs, medians"
        )
        print(
            f"first update saved {saved} articles; {requests_first} requests,"
            f" second update {requests_second} requests ({not_modified} conditional)"
        )
        print()
        print(f"{'':34}{'limelight update':>18}{'serial urllib':>16}{'ratio':>8}")
        for label, ours, theirs in (
            ("first update (everything new)", first, serial_all),
            ("second update (all 304)", second, serial_304),
        ):
            mine, anchor_s = median(ours), median(theirs)
            print(
                f"{label:34}{mine * 1000:>15.0f} ms{anchor_s * 1000:>13.0f} ms"
                f"{mine / anchor_s:>7.2f}x"
            )
        print()
        print("first update, per feed (last run): requests, feed request to last answer")
        for feed, count, seconds in rows:
            slow = " (delayed)" if feed % 4 == 3 else ""
            print(f"  feed {feed:>2}: {count:>3} requests  {seconds * 1000:>7.0f} ms{slow}")
        print()
        print(output.strip().splitlines()[-1])
        print(output_2.strip().splitlines()[-1])
    finally:
        web.stop()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
