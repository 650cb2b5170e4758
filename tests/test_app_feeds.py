"""Feeds in the app: feed items in the sidebar (their feed's name and date, the
unread mark), the sidebar grouped by feed (`F`), one feed's articles
(`feed:NAME` in the filter, `enter` on a feed's heading), and `R`, which
updates the feeds in a worker while the app stays usable."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from reader.library import importers
from reader.library.importers import Importer
from reader.library.model import PARAGRAPH, Article, Block
from reader.ui.app import LimelightApp
from reader.ui.article_list import NO_FEED, UNREAD_MARK, FeedHeading
from tests.helpers import screen_text, settle, wait_until

# -- feed items as files ------------------------------------------------------------------
# An item is a small file of a format of the tests' own: "key: value" lines (title,
# feed, published), a blank line, its text. What the sidebar does with an article
# from a feed depends only on the fields its importer sets, whatever the format.

SUFFIX = ".feeditem"


def parse_item(text: str, *, source: str, warnings, fallback_title: str = "") -> Article:
    head, _, body = text.partition("\n\n")
    fields = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    return Article(
        title=fields.get("title", fallback_title),
        blocks=(Block(PARAGRAPH, body.strip() or "Text."),),
        source=source,
        format="feeditem",
        warnings=tuple(warnings),
        feed=fields.get("feed", ""),
        published=fields.get("published", ""),
    )


@pytest.fixture(autouse=True)
def feed_items():
    importer = Importer("feeditem", (SUFFIX,), parse_item)
    importers.register(importer)
    try:
        yield
    finally:
        importers.unregister("feeditem")


def item(folder: Path, name: str, title: str, feed: str, published: str, body: str = "") -> Path:
    path = folder / f"{name}{SUFFIX}"
    text = f"title: {title}\nfeed: {feed}\npublished: {published}\n\n{body or title + ' text.'}\n"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def feed_library(tmp_path: Path) -> Path:
    """Two feeds' items (dates long past, so shown with their year) and one plain file."""
    folder = tmp_path / "lib"
    folder.mkdir()
    item(folder, "a1", "Older storm report", "Weather Desk", "2024-03-04T09:30:00")
    item(folder, "a2", "Newer storm report", "Weather Desk", "2024-05-06")
    item(folder, "b1", "Chip shortage eases", "Ars Technica", "2023-11-20T12:00:00")
    (folder / "plain.txt").write_text("A plain note\n\nNot from any feed.\n", encoding="utf-8")
    return folder


def titles_shown(app: LimelightApp) -> list[str]:
    """The list's rows: each article's title; a feed heading as "# feed"."""
    return [
        f"# {row.feed}" if isinstance(row, FeedHeading) else row.title
        for row in app.sidebar.article_list.articles
    ]


def notices(app: LimelightApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def row_of(app: LimelightApp, title: str) -> str:
    """The screen's line that holds ``title`` (its row in the sidebar)."""
    return next(line for line in screen_text(app).splitlines() if title in line)


def meta_row_of(app: LimelightApp, title: str) -> str:
    lines = screen_text(app).splitlines()
    at = next(index for index, line in enumerate(lines) if title in line)
    return lines[at + 1]


# -- what the sidebar shows ------------------------------------------------------------
async def test_a_feed_item_shows_its_feed_and_date(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        meta = meta_row_of(app, "Older storm report")
        assert "Weather Desk · 4 Mar 2024 · 1 min" in meta
        assert "Ars Technica · 20 Nov 2023" in meta_row_of(app, "Chip shortage eases")
        plain = meta_row_of(app, "A plain note")
        assert "Weather" not in plain and "words" in plain


async def test_the_unread_mark_goes_once_an_item_is_opened_and_stays_gone(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.sidebar.article_list
        opened = app.reader.article_id
        never = next(meta for meta in app.sidebar.shown if meta.id != opened)
        assert UNREAD_MARK + never.title in row_of(app, never.title)
        listing.focus()
        listing.highlighted = listing.index_of(never.id)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.reader.article_id == never.id)
        await pilot.pause()
        assert UNREAD_MARK not in row_of(app, never.title)
        others = [meta for meta in app.sidebar.shown if meta.id not in (opened, never.id)]
        assert all(UNREAD_MARK + meta.title in row_of(app, meta.title) for meta in others)
        await pilot.press("q")
    again = LimelightApp(paths=[feed_library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert UNREAD_MARK not in row_of(again, never.title)


# -- by feed ---------------------------------------------------------------------------
async def test_F_groups_the_sidebar_by_feed_newest_first_and_is_kept(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        assert titles_shown(app) == [
            "# Ars Technica",
            "Chip shortage eases",
            "# Weather Desk",
            "Newer storm report",
            "Older storm report",
            "# ",
            "A plain note",
        ]
        screen = screen_text(app)
        assert "▾ Weather Desk" in screen and f"▾ {NO_FEED}" in screen
        # under its heading an item's meta line leaves the feed out
        assert "Weather Desk" not in meta_row_of(app, "Older storm report")
        # `]` goes through the articles in the order shown
        assert [meta.title for meta in app.sidebar.shown][:2] == [
            "Chip shortage eases",
            "Newer storm report",
        ]
        await pilot.press("q")
    again = LimelightApp(paths=[feed_library])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles_shown(again)[0] == "# Ars Technica"
        await pilot.press("F")
        await pilot.pause()
        assert not any(title.startswith("# ") for title in titles_shown(again))


async def test_a_feed_heading_counts_its_unread_articles(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        heading = meta_row_of(app, "▾ Weather Desk")
        opened = app.sidebar.article_by_id(app.reader.article_id)
        unread = 2 - (opened.feed == "Weather Desk")
        assert "2 articles" in heading
        assert f"{unread} unread" in heading


async def test_feed_NAME_in_the_filter_keeps_one_feeds_articles(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"feed:weather")
        await wait_until(pilot, lambda: len(app.sidebar.shown) == 2)
        assert {meta.feed for meta in app.sidebar.shown} == {"Weather Desk"}
        await pilot.press(*" newer")
        await wait_until(pilot, lambda: len(app.sidebar.shown) == 1)
        assert app.sidebar.shown[0].title == "Newer storm report"
        await pilot.press("ctrl+a", "ctrl+k", *"feed:nowhere")
        await wait_until(pilot, lambda: not app.sidebar.shown)
        assert "no feed matches “nowhere”" in screen_text(app)


async def test_enter_on_a_feed_heading_shows_its_articles_and_escape_all(feed_library):
    app = LimelightApp(paths=[feed_library])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        listing = app.sidebar.article_list
        listing.focus()
        listing.highlighted = titles_shown(app).index("# Weather Desk")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app.sidebar.shown) == 2)
        assert titles_shown(app) == ["# Weather Desk", "Newer storm report", "Older storm report"]
        assert app.sidebar.filter_input.value == 'feed:"Weather Desk"'
        assert listing.has_focus
        assert listing.highlighted_article.title == "Newer storm report"
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.sidebar.shown) == 4)
        assert app.sidebar.filter_input.value == ""


# -- R: updating the feeds -------------------------------------------------------------
class FakeUpdate:
    """Stands in for ``reader.library.feed_update.update_feeds``: says its progress,
    writes ``new`` items into the library, and finishes once ``release`` is set."""

    def __init__(self, folder: Path, new: list[tuple[str, str]], failed=()) -> None:
        self.folder = folder
        self.new = new
        self.failed = list(failed)
        self.release = threading.Event()
        self.calls = 0

    def __call__(self, store, *, urls=None, workers=6, on_progress=None, cancel=None):
        from reader.library.feed_update import FeedResult, UpdateReport

        self.calls += 1
        total = 1 + len(self.failed)
        on_progress(0, total, None)
        saved = tuple(
            item(self.folder, f"new{index}", title, "Weather Desk", "2024-06-01")
            for index, (title, _) in enumerate(self.new)
        )
        good = FeedResult(
            "http://127.0.0.1/weather", "Weather Desk", "updated", len(saved), "", saved
        )
        on_progress(1, total, good)
        self.cancel = cancel
        while not self.release.wait(0.05) and not cancel.is_set():
            pass  # the test lets the update finish, or the app stops it
        results = [good]
        for done, (title, reason) in enumerate(self.failed, start=2):
            bad = FeedResult(f"http://127.0.0.1/{done}", title, "failed", 0, reason)
            on_progress(done, total, bad)
            results.append(bad)
        return UpdateReport(tuple(results))


@contextmanager
def subscribed(*feeds: tuple[str, str]):
    from reader.store import Store
    from reader.store.feeds import subscribe

    store = Store()
    for url, title in feeds:
        subscribe(store, url, title)
    yield


async def test_R_updates_in_a_worker_and_the_new_items_arrive_unread(feed_library, monkeypatch):
    from reader.library import feed_update

    fake = FakeUpdate(feed_library, [("Flood warning lifted", "")])
    monkeypatch.setattr(feed_update, "update_feeds", fake)
    with subscribed(("http://127.0.0.1/weather", "Weather Desk")):
        app = LimelightApp(paths=[feed_library])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            status = app.sidebar.status_line
            await wait_until(pilot, lambda: "updating feeds 1/1…" in str(status.render()))
            # the app goes on answering keys meanwhile, and a second R starts nothing
            await pilot.press("F")
            assert app.sidebar.by_feed
            await pilot.press("R")
            assert any("being updated" in message for message in notices(app))
            assert fake.calls == 1
            fake.release.set()
            await wait_until(pilot, lambda: "Flood warning lifted" in titles_shown(app))
            assert "updating" not in str(status.render())
            assert fake.calls == 1
            assert "1 new article from 1 feed." in notices(app)
            assert UNREAD_MARK + "Flood warning lifted" in row_of(app, "Flood warning lifted")
            assert titles_shown(app)[:4] == [
                "# Ars Technica",
                "Chip shortage eases",
                "# Weather Desk",
                "Flood warning lifted",  # the newest of its feed
            ]


async def test_quitting_during_an_update_stops_it(feed_library, monkeypatch):
    from reader.library import feed_update

    fake = FakeUpdate(feed_library, [("Flood warning lifted", "")])
    monkeypatch.setattr(feed_update, "update_feeds", fake)
    with subscribed(("http://127.0.0.1/weather", "Weather Desk")):
        app = LimelightApp(paths=[feed_library])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await wait_until(pilot, lambda: app.sidebar.feeds_status.endswith("1/1…"))
            await pilot.press("q")
        assert fake.cancel.is_set()


async def test_R_says_which_feeds_failed_and_why_one_line_each(feed_library, monkeypatch):
    from reader.library import feed_update

    fake = FakeUpdate(
        feed_library, [], failed=[("Broken Feed", "not found (HTTP 404)"), ("", "timed out")]
    )
    fake.release.set()
    monkeypatch.setattr(feed_update, "update_feeds", fake)
    with subscribed(("http://127.0.0.1/weather", "Weather Desk")):
        app = LimelightApp(paths=[feed_library])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await wait_until(pilot, lambda: any("failed" in message for message in notices(app)))
            said = notices(app)
            at = said.index("No new articles in 1 feed; 2 of 3 failed:")
            assert said[at + 1 : at + 3] == [
                "Broken Feed: not found (HTTP 404)",
                "http://127.0.0.1/3: timed out",  # a feed whose title was never learnt
            ]


async def test_R_with_no_feeds_says_how_to_add_one(two_articles, monkeypatch):
    from reader.library import feed_update

    def never(*args, **kwargs):  # pragma: no cover - the test fails if it runs
        raise AssertionError("no update without feeds")

    monkeypatch.setattr(feed_update, "update_feeds", never)
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert "No feeds: add one with `limelight feed add URL`." in notices(app)
        assert not app.sidebar.updating_feeds


# -- R against the local web server (tests/localweb.py): the real update -------------------
def _rss(title: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{name}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate><description>A summary of {name}.</description></item>"
        for name, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>"
        f"<description>d</description>{entries}</channel></rss>"
    )


def _page(title: str) -> str:
    paragraphs = "".join(
        f"<p>Paragraph {n} of {title} carries enough words to be read as the body of a"
        " real article, which the extractor keeps whole.</p>"
        for n in range(1, 5)
    )
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article></body></html>"


async def test_R_fetches_local_feeds_and_lists_their_items(two_articles, web):
    feed = web.route(
        "/tide.xml",
        _rss(
            "Tide Tables",
            [
                ("Spring tide due", web.url("/spring"), "Mon, 30 Nov 2026 08:00:00 GMT"),
                ("Neap tide ahead", web.url("/neap"), "Sun, 22 Nov 2026 08:00:00 GMT"),
            ],
        ),
        content_type="application/rss+xml",
    )
    web.route("/spring", _page("Spring tide due"))
    web.route("/neap", _page("Neap tide ahead"))
    with subscribed((feed, "Tide Tables"), (web.url("/gone.xml"), "Gone Feed")):
        app = LimelightApp(paths=[two_articles])
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("R")
            await wait_until(pilot, lambda: "Spring tide due" in titles_shown(app), timeout=30)
            await wait_until(pilot, lambda: "Neap tide ahead" in titles_shown(app))
            spring = next(meta for meta in app.sidebar.shown if meta.title == "Spring tide due")
            assert spring.feed == "Tide Tables"
            assert "Tide Tables · 30 Nov" in meta_row_of(app, "Spring tide due")
            assert UNREAD_MARK + "Spring tide due" in row_of(app, "Spring tide due")
            said = notices(app)
            assert "2 new articles from 1 feed; 1 of 2 failed:" in said
            assert any(message.startswith("Gone Feed: ") and "404" in message for message in said)
