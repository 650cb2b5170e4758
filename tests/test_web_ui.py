"""The web's articles as the reader sees them: the sidebar's meta lines of
fetched pages and feed items (whole names rather than stubs; under a feed's
heading, no site that only repeats the heading or the page's address), the
sidebar's feed colours readable in every theme, and the one-line messages of
the feed and refresh commands. Against the local server only
(tests/localweb.py)."""

from __future__ import annotations

from html import escape

import pytest

from reader.cli import main
from reader.colours import contrast
from reader.library.model import PARAGRAPH, Article, Block
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList, FeedHeading, meta_line
from tests.helpers import screen_text, settle, wait_until
from tests.test_app_feeds import feed_items  # noqa: F401 - registers the feed items' format

RSS_TYPE = "application/rss+xml"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def page(title: str, *, author: str = "", site: str = "") -> str:
    """A small article page: its byline and site name only when given."""
    head = f"<title>{escape(title)}</title>"
    if author:
        head += f'<meta name="author" content="{escape(author)}">'
    if site:
        head += f'<meta property="og:site_name" content="{escape(site)}">'
    body = " ".join(f"{title} is told here in plain words, sentence {n}." for n in range(12))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{head}</head>'
        f"<body><article><h1>{escape(title)}</h1><p>{escape(body)}</p></article></body></html>"
    )


def rss(title: str, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of ``(title, link, pubDate)`` items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid>{escape(link)}</guid><pubDate>{date}</pubDate></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>d</description>{entries}</channel></rss>"
    )


def article(**details: str) -> Article:
    return Article("T", (Block(PARAGRAPH, "word " * 460),), **details)


# -- the sidebar's meta line ---------------------------------------------------------------


def test_two_names_too_long_to_fit_give_the_site_whole_rather_than_two_stubs():
    story = article(author="Maria Alvarez", site="The Riverside Gazette", published="2024-11-28")
    assert meta_line(story) == "Maria Alvarez · The Riverside Gazette · 28 Nov 2024 · 2 min"
    # where neither name fits whole beside the other: the site alone, whole
    for width in (36, 40):
        assert meta_line(story, width=width) == "The Riverside Gazette · 28 Nov 2024"
    # narrower, the site alone is cut, never the author beside it as a stub
    line = meta_line(story, width=31)
    assert line.startswith("The Riverside") and line.endswith("… · 28 Nov 2024"), line
    assert len(line) <= 31
    # a name that would be cut to a stub is left out: the date alone
    short = article(author="Dr. Ian Moss", site="Sky Weekly", published="2024-11-20")
    assert meta_line(short, 1.0, width=25) == "20 Nov 2024 · read"
    assert meta_line(short, width=25) == "Sky Weekly · 20 Nov 2024"
    # where the shorter fits whole, only the longer is cut
    line = meta_line(story, width=45)
    assert line.startswith("Maria Alvarez · The Riverside") and "…" in line, line
    assert len(line) <= 45


def test_under_its_feeds_heading_an_items_site_is_left_out_when_it_says_nothing_more():
    host_only = article(
        author="Joe Baker",
        site="127.0.0.1",
        url="http://127.0.0.1:8765/tap.html",
        feed="Joe's Home Blog",
        published="2024-11-29",
    )
    # in the one list the feed's name tells where it is from
    assert meta_line(host_only) == "Joe's Home Blog · 29 Nov 2024 · 2 min"
    # under the feed's heading: its author, not the bare address of its server
    assert meta_line(host_only, show_feed=False) == "Joe Baker · 29 Nov 2024 · 2 min"
    no_author = article(site="www.example.com", url="https://WWW.Example.com/a", feed="Blog")
    assert meta_line(no_author, show_feed=False) == "460 words · 2 min"
    same_as_feed = article(author="Sam Lee", site="Byte Notes", feed="Byte Notes")
    assert meta_line(same_as_feed, show_feed=False) == "Sam Lee · 2 min"
    # a site that says something of its own stays, and so does any site outside a feed
    own = article(author="Dr. Ian Moss", site="Sky Weekly", feed="Byte Notes")
    assert meta_line(own, show_feed=False) == "Dr. Ian Moss · Sky Weekly · 2 min"
    plain = article(site="127.0.0.1", url="http://127.0.0.1/x")
    assert meta_line(plain, show_feed=False).startswith("127.0.0.1 · ")


@pytest.fixture
def subscribed(web, capsys):
    """A feed of two pages, updated: one page names its author but no site (its
    site is then its server's host), the other names a site of its own."""
    tap = web.route("/tap.html", page("How to fix a dripping tap", author="Joe Baker"))
    sky = web.route(
        "/sky.html", page("Why the night sky is dark", author="Ian Moss", site="Sky Weekly")
    )
    items = [
        ("How to fix a dripping tap", tap, "Sun, 29 Nov 2026 10:00:00 GMT"),
        ("Why the night sky is dark", sky, "Fri, 20 Nov 2026 21:00:00 GMT"),
    ]
    feed = web.route("/blog.xml", rss("Joe's Home Blog", items), content_type=RSS_TYPE)
    assert run(capsys, "feed", "add", feed)[0] == 0
    code, _, err = run(capsys, "update")
    assert code == 0, err
    return feed


def meta_row_of(app: LimelightApp, title: str) -> str:
    """The sidebar's line under ``title``'s (the sidebar's part of the screen only)."""
    width = app.query_one(ArticleList).region.right
    lines = [line[:width] for line in screen_text(app).splitlines()]
    at = next(index for index, line in enumerate(lines) if title in line)
    return lines[at + 1]


async def test_grouped_by_feed_the_sidebar_names_no_bare_host(subscribed):
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        await wait_until(pilot, lambda: len(listing.articles) == 2)
        assert "Joe's Home Blog" in meta_row_of(app, "How to fix a dripping tap")
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(listing.articles[0], FeedHeading))
        await pilot.pause()
        tap = meta_row_of(app, "How to fix a dripping tap")
        assert "Joe Baker" in tap and "127.0.0.1" not in tap, tap
        assert "Ian Moss" in meta_row_of(app, "Why the night sky is dark")
        assert "127.0.0.1" not in screen_text(app)


# -- colours -------------------------------------------------------------------------------

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "solarized-light", "catppuccin-latte")


@pytest.mark.parametrize("theme", THEMES)
async def test_the_sidebars_feed_headings_and_marks_read_in_every_theme(theme):
    app = LimelightApp(paths=[], theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        ground = listing.rich_style.bgcolor.triplet.hex

        def against(part: str) -> float:
            colour = listing.get_component_rich_style(f"article-list--{part}").color
            return contrast(colour.triplet.hex, ground)

        assert against("heading") >= 4.5  # a feed's name: text (WCAG AA)
        assert against("unread") >= 3.0  # the unread mark: a sign (WCAG 1.4.11)
        assert against("current") >= 3.0  # the open article's bar


# -- one-line messages ---------------------------------------------------------------------


async def test_with_no_feed_article_the_sidebar_says_how_to_subscribe(tmp_path):
    (tmp_path / "a.txt").write_text("A plain note\n\nNot from any feed.\n", encoding="utf-8")
    app = LimelightApp(paths=[tmp_path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("limelight feed add URL" in message for message in said), said
        await pilot.press("F", "f", *"feed:")
        listing = app.query_one(ArticleList)
        await wait_until(pilot, lambda: not listing.articles)
        await pilot.pause()
        assert "limelight feed add URL" in listing.empty_text


def test_feed_list_says_a_feed_not_updated_yet_once(web, capsys):
    feed = web.route("/blog.xml", rss("Joe's Home Blog", []), content_type=RSS_TYPE)
    run(capsys, "feed", "add", feed)
    code, out, _ = run(capsys, "feed", "list")
    assert code == 0
    assert "not updated yet" in out and "never" not in out, out
    run(capsys, "update")
    out = run(capsys, "feed", "list")[1]
    assert "updated 2" in out and "not updated yet" not in out, out


def test_refresh_says_how_many_notes_moved_to_the_new_text(web, capsys):
    from reader.library import web as pages
    from reader.store import Store
    from reader.store.annotations import make_annotation

    url = web.route("/story", page("The Big Story", author="Lois Lane"))
    before = pages.add_url(url).article
    passage = "sentence 3."
    start = before.body.index(passage)
    note = make_annotation(before.id, before.body, start, start + len(passage), note="check")
    Store().add_annotation(note)
    web.route("/story", page("The Big Story", author="Lois Lane").replace("<p>", "<p>Update. "))
    code, out, err = run(capsys, "refresh", url)
    assert code == 0, err
    assert "its text changed; 1 note moved to the new text" in out, out
    code, out, _ = run(capsys, "refresh", url)
    assert "its text is unchanged" in out and "note" not in out


# -- the filter, grouped by feed -----------------------------------------------------------


async def test_grouped_by_feed_the_filters_best_match_is_the_one_enter_opens(tmp_path):
    from reader.ui.article_view import ArticleView
    from tests.test_app_feeds import item

    folder = tmp_path / "lib"
    folder.mkdir()
    # a feed's title that "night train" matches loosely (n-i-g-h-t t-r-a-i-n)
    item(folder, "a1", "Benchmarking three JSON parsers in Python", "Byte Notes", "2024-10-02")
    (folder / "essay.txt").write_text(
        "The quiet return of the night train\n\nSleeper trains are back.\n", encoding="utf-8"
    )
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(listing.articles[0], FeedHeading))
        await pilot.press("f", *"night train")
        await wait_until(pilot, lambda: len(listing.articles) == 4)  # two feeds' headings
        assert listing.articles[1].title.startswith("Benchmarking")  # the feeds' order stays
        assert listing.highlighted_article.title == "The quiet return of the night train"
        await pilot.press("enter")
        view = app.query_one(ArticleView)
        await wait_until(
            pilot,
            lambda: view.article is not None and view.article.title.endswith("night train"),
        )
