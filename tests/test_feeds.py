"""Feeds: parsing RSS 2.0, RSS 1.0 and Atom, OPML in and out, the subscriptions
in the store, `limelight feed ...` and `limelight update` against the local
server (tests/localweb.py): nothing leaves 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.library.feeds import FeedError, Outline, parse_feed, read_opml, write_opml
from reader.library.web import ARTICLE_SUFFIX
from reader.store import Store
from reader.store import feeds as stored
from tests.localweb import closed_port

LAST_MODIFIED = "Tue, 01 Dec 2026 10:00:00 GMT"
RSS_TYPE = "application/rss+xml"


def _page(title: str, words: str) -> str:
    paragraphs = "".join(
        f"<p>{escape(words)} Paragraph {n} of the article carries enough words to be read as"
        " the body of a real article, which the extractor keeps.</p>"
        for n in range(1, 5)
    )
    return (
        f"<html><head><title>{escape(title)}</title></head><body><article>"
        f"<h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    )


def rss2(title: str, items: list[dict]) -> str:
    entries = "".join(
        "<item>"
        f"<title>{escape(i['title'])}</title>"
        + (f"<link>{escape(i['link'])}</link>" if i.get("link") else "")
        + f'<guid isPermaLink="false">{escape(i["guid"])}</guid>'
        f"<pubDate>{i.get('date', 'Mon, 30 Nov 2026 08:00:00 GMT')}</pubDate>"
        f"<description>{escape(i.get('summary', 'A summary.'))}</description>"
        "</item>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>d</description>{entries}</channel></rss>"
    )


def rss1(title: str, items: list[dict]) -> str:
    entries = "".join(
        f'<item rdf:about="{escape(i["link"])}"><title>{escape(i["title"])}</title>'
        f"<link>{escape(i['link'])}</link><description>{escape(i.get('summary', 's'))}</description>"
        f"<dc:date>{i.get('date', '2026-11-29T09:30:00+01:00')}</dc:date>"
        f"<dc:creator>Rachel Ardent</dc:creator></item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.invalid/"><title>{escape(title)}</title>'
        "<link>http://example.invalid/</link><description>d</description></channel>"
        f"{entries}</rdf:RDF>"
    )


def atom(title: str, items: list[dict]) -> str:
    entries = "".join(
        f"<entry><title>{escape(i['title'])}</title>"
        + (f'<link href="{escape(i["link"])}"/>' if i.get("link") else "")
        + f"<id>{escape(i['guid'])}</id><updated>{i.get('date', '2026-11-28T12:00:00Z')}</updated>"
        f"<author><name>Sam Quill</name></author>"
        f"<summary>{escape(i.get('summary', 'An Atom summary.'))}</summary></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:feed</id><updated>2026-11-28T12:00:00Z</updated>"
        f"{entries}</feed>"
    )


# -- parsing -------------------------------------------------------------------------------


def test_rss2_items_have_their_fields():
    feed = parse_feed(
        rss2(
            "Daily &amp; Co",
            [
                {
                    "title": "First",
                    "link": "/posts/1",
                    "guid": "p1",
                    "date": "Tue, 01 Dec 2026 09:15:00 +0100",
                    "summary": "<p>Hello <b>world</b></p>",
                }
            ],
        ).encode(),
        url="http://news.example.invalid/feed.xml",
    )
    assert feed.kind == "RSS 2.0"
    assert feed.title == "Daily &amp; Co".replace("&amp;", "&")
    (item,) = feed.items
    assert item.title == "First"
    assert item.link == "http://news.example.invalid/posts/1"  # resolved against the feed's URL
    assert item.published == "2026-12-01T08:15:00Z"
    assert item.summary == "Hello world"
    assert "<b>world</b>" in item.content
    assert item.guid == "p1"


def test_rss1_and_atom_are_read():
    rdf = parse_feed(rss1("RDF news", [{"title": "R", "link": "http://x.invalid/r"}]).encode())
    assert rdf.kind == "RSS 1.0"
    assert (rdf.items[0].link, rdf.items[0].author) == ("http://x.invalid/r", "Rachel Ardent")
    assert rdf.items[0].published == "2026-11-29T08:30:00Z"
    feed = parse_feed(
        atom("Atom news", [{"title": "A", "link": "http://x.invalid/a", "guid": "urn:a"}]).encode()
    )
    assert feed.kind == "Atom 1.0"
    item = feed.items[0]
    assert (item.guid, item.author, item.published) == (
        "urn:a",
        "Sam Quill",
        "2026-11-28T12:00:00Z",
    )
    assert item.key == "urn:a"


def test_charset_comes_from_the_response_headers():
    body = rss2("Café", [{"title": "Crème brûlée", "link": "http://x.invalid/1", "guid": "1"}])
    body = body.replace('encoding="utf-8"', "").encode("latin-1")
    feed = parse_feed(body, headers={"Content-Type": "application/rss+xml; charset=ISO-8859-1"})
    assert (feed.title, feed.items[0].title) == ("Café", "Crème brûlée")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body><p>A page</p></body></html>", "HTML"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a feed"),
    ],
)
def test_what_is_no_feed_is_one_line(data, words):
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_bytes_naming_a_file_or_url_are_never_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(
        rss2("Secret feed", [{"title": "s", "link": "http://x.invalid/", "guid": "s"}])
    )
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode())
    with pytest.raises(FeedError):
        parse_feed(f"http://127.0.0.1:{closed_port()}/feed".encode())


# -- OPML ------------------------------------------------------------------------------------

NESTED_OPML = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="News">
    <outline text="Tech"><outline text="Gadgets" xmlUrl="http://a.invalid/feed" htmlUrl="http://a.invalid/"/></outline>
    <outline title="World" text="ignored" type="rss" xmlUrl="http://b.invalid/rss"/>
  </outline>
  <outline text="Loose" xmlUrl="http://c.invalid/atom"/>
  <outline text="Twice" xmlUrl="http://c.invalid/atom"/>
  <outline text="A folder with no feeds"/>
</body></opml>"""


def test_opml_nested_outlines_give_feeds_with_their_folders():
    assert read_opml(NESTED_OPML) == [
        Outline("http://a.invalid/feed", "Gadgets", "News/Tech", "http://a.invalid/"),
        Outline("http://b.invalid/rss", "World", "News"),
        Outline("http://c.invalid/atom", "Loose"),
    ]


def test_opml_written_reads_back_the_same():
    outlines = read_opml(NESTED_OPML)
    written = write_opml(outlines)
    assert b'version="2.0"' in written
    assert read_opml(written) == outlines


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not an OPML file"),
        (b"<rss version='2.0'/>", "root element is <rss>"),
        (b"<opml><head/></opml>", "no <body>"),
        (b'<!DOCTYPE opml [<!ENTITY x "y">]><opml><body/></opml>', "entities"),
        (b"<opml><body><outline", "not an OPML file"),
    ],
)
def test_a_bad_opml_file_is_one_line(data, words):
    with pytest.raises(FeedError) as caught:
        read_opml(data)
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


VALID_FEEDS = [
    rss2("R2", [{"title": "t", "link": "http://x.invalid/1", "guid": "g"}]).encode(),
    rss1("R1", [{"title": "t", "link": "http://x.invalid/1"}]).encode(),
    atom("At", [{"title": "t", "link": "http://x.invalid/1", "guid": "g"}]).encode(),
]


@st.composite
def mutated(draw, originals):
    """A valid document with a few bytes replaced, inserted or cut."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("replace", "insert", "cut")))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if action == "replace":
            data[at : at + len(chunk)] = chunk
        elif action == "insert":
            data[at:at] = chunk
        else:
            del data[at : at + len(chunk)]
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), mutated(VALID_FEEDS)))
def test_any_bytes_give_a_feed_or_a_clean_failure(data):
    try:
        feed = parse_feed(data, url="http://x.invalid/feed")
    except FeedError as error:
        assert str(error) and "\n" not in str(error)
        return
    for item in feed.items:
        assert isinstance(item.key, str) and item.key


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(st.binary(max_size=400), mutated([NESTED_OPML, write_opml(read_opml(NESTED_OPML))]))
)
def test_any_bytes_give_outlines_or_a_clean_opml_failure(data):
    try:
        outlines = read_opml(data)
    except FeedError as error:
        assert str(error) and "\n" not in str(error)
        return
    assert all(o.url for o in outlines)
    assert read_opml(write_opml(outlines)) == outlines


# -- the store ---------------------------------------------------------------------------------


def test_subscriptions_are_kept_with_a_folder_each(tmp_path):
    store = Store(tmp_path / "db.json")
    first = stored.subscribe(store, "http://a.invalid/feed", "Ars & Crafts")
    assert first is not None and first.folder == "ars-crafts"
    assert stored.subscribe(store, "http://a.invalid/feed", "again") is None
    second = stored.subscribe(store, "http://b.invalid/feed", "Ars  Crafts")
    assert second is not None and second.folder == "ars-crafts-2"
    stored.save_update(store, first.url, status="ok", etag='"e1"', new_seen=["k1", "k2"], saved=2)
    again = Store(tmp_path / "db.json")  # another process reads the file
    (kept, other) = stored.subscriptions(again)
    assert (kept.etag, kept.seen, kept.items, kept.status) == ('"e1"', ("k1", "k2"), 2, "ok")
    assert kept.updated and other.url == "http://b.invalid/feed"
    assert stored.unsubscribe(again, first.url).title == "Ars & Crafts"
    assert [s.url for s in stored.subscriptions(again)] == ["http://b.invalid/feed"]


def test_a_damaged_feed_row_is_kept_aside_not_dropped(tmp_path):
    path = tmp_path / "db.json"
    store = Store(path)
    stored.subscribe(store, "http://a.invalid/feed", "Good")
    data = json.loads(path.read_text())
    data["feeds"]["2"] = {"url": "http://b.invalid/", "seen": "not a list"}
    data["feeds"]["3"] = {"url": "http://c.invalid/", "folder": "../../escape"}
    path.write_text(json.dumps(data))
    reopened = Store(path)
    assert [s.title for s in stored.subscriptions(reopened)] == ["Good"]
    assert any("could not be read" in problem for problem in reopened.problems)
    assert list(tmp_path.glob("db.json.set-aside-*"))


# -- the command line ------------------------------------------------------------------------


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_feed_add_learns_the_title_and_refuses_what_is_no_feed(web, capsys):
    url = web.route("/feed.xml", rss2("Night Owl News", []), content_type=RSS_TYPE)
    page = web.route("/page", _page("A page", "Words"))
    missing = web.url("/missing.xml")
    code, out, _ = _run(capsys, "feed", "add", url)
    assert code == 0 and "Night Owl News" in out
    code, _, err = _run(capsys, "feed", "add", url)
    assert code == 1 and "already subscribed" in err
    for bad, words in ((page, "HTML"), (missing, "HTTP 404")):
        code, _, err = _run(capsys, "feed", "add", bad)
        assert code == 1 and words in err and err.count("\n") == 1
    code, out, _ = _run(capsys, "feed", "list", "--json")
    rows = json.loads(out)
    assert [(r["url"], r["title"], r["items"]) for r in rows] == [(url, "Night Owl News", 0)]


def test_feed_import_export_round_trip(tmp_path, capsys):
    source = tmp_path / "in.opml"
    source.write_bytes(NESTED_OPML)
    code, out, _ = _run(capsys, "feed", "import", str(source))
    assert code == 0 and "imported 3 feeds" in out
    code, out, _ = _run(capsys, "feed", "import", str(source))
    assert "imported 0 feeds (3 already subscribed)" in out
    target = tmp_path / "out.opml"
    assert _run(capsys, "feed", "export", str(target))[0] == 0
    assert read_opml(target.read_bytes()) == read_opml(NESTED_OPML)
    code, out, _ = _run(capsys, "feed", "export")
    assert read_opml(out.encode()) == read_opml(NESTED_OPML)


def test_feed_import_of_a_bad_file_is_one_line_and_adds_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline text='x' xmlUrl='http://a.invalid/'>")
    code, _, err = _run(capsys, "feed", "import", str(bad))
    assert code == 1 and err.count("\n") == 1 and "not an OPML file" in err
    code, _, err = _run(capsys, "feed", "import", str(tmp_path / "none.opml"))
    assert code == 1 and "no such file" in err
    assert json.loads(_run(capsys, "feed", "list", "--json")[1]) == []


def test_feed_remove_forgets_and_says_what_happens_to_the_articles(web, capsys):
    url = web.route("/feed.xml", rss2("Keeper", []), content_type=RSS_TYPE)
    _run(capsys, "feed", "add", url)
    code, out, _ = _run(capsys, "feed", "remove", url)
    assert code == 0 and "unsubscribed: Keeper" in out
    code, _, err = _run(capsys, "feed", "remove", url)
    assert code == 1 and "not a subscribed feed" in err


# -- limelight update ------------------------------------------------------------------------


def _items(web, prefix: str, count: int, start: int = 1) -> list[dict]:
    """``count`` items whose pages the server has, dated a day apart."""
    items = []
    for n in range(start, start + count):
        link = web.route(f"/{prefix}/{n}", _page(f"{prefix} story {n}", f"{prefix.title()} words."))
        items.append(
            {
                "title": f"{prefix} story {n}",
                "link": link,
                "guid": f"{prefix}-{n}",
                "date": f"Mon, {n + 10:02d} Nov 2026 08:00:00 GMT",
            }
        )
    return items


def _subscribe(capsys, *urls: str) -> None:
    for url in urls:
        code, _, err = _run(capsys, "feed", "add", url)
        assert code == 0, err


def _import(tmp_path, capsys, *urls: str) -> None:
    """Subscribe without fetching (``feed add`` would refuse a broken feed)."""
    source = tmp_path / "subs.opml"
    source.write_bytes(write_opml(Outline(url, f"sub {n}") for n, url in enumerate(urls)))
    assert _run(capsys, "feed", "import", str(source))[0] == 0


def _saved(home: Path) -> list[Path]:
    """The articles saved from feeds (not the copies of their pages beside them)."""
    return sorted((home / "web" / "feeds").rglob(f"*{ARTICLE_SUFFIX}"))


def _articles(home: Path):
    from reader.library.loader import load_file

    return [load_file(path) for path in _saved(home)]


FEEDS = {
    "rss2": (rss2, "Two News"),
    "rss1": (rss1, "One News"),
    "atom": (atom, "Atom News"),
}


def _serve_feeds(web) -> dict[str, str]:
    urls = {}
    for name, (build, title) in FEEDS.items():
        urls[name] = web.route(
            f"/{name}.xml",
            build(title, _items(web, name, 2)),
            content_type=RSS_TYPE if name != "atom" else "application/atom+xml",
            etag=f'"{name}-v1"',
            last_modified=LAST_MODIFIED,
        )
    return urls


def test_update_saves_every_new_item_with_its_feed_and_date(web, capsys, limelight_home):
    urls = _serve_feeds(web)
    _subscribe(capsys, *urls.values())
    code, out, _ = _run(capsys, "update")
    assert code == 0
    for _, title in FEEDS.values():
        assert f"{title}: 2 new items" in out
    assert out.strip().splitlines()[-1] == "6 new items from 3 feeds"
    articles = _articles(limelight_home)
    assert len(articles) == 6
    by_title = {a.title: a for a in articles}
    story = by_title["rss2 story 1"]
    assert story.feed == "Two News"
    assert story.published.startswith("2026-11-11")
    assert "Rss2 words." in story.body
    assert by_title["rss1 story 2"].feed == "One News"
    assert by_title["atom story 1"].feed == "Atom News"
    rows = json.loads(_run(capsys, "feed", "list", "--json")[1])
    assert [(r["status"], r["items"]) for r in rows] == [("ok", 2)] * 3


def test_a_second_update_asks_conditionally_gets_304_and_adds_nothing(web, capsys, limelight_home):
    urls = _serve_feeds(web)
    _subscribe(capsys, *urls.values())
    assert _run(capsys, "update")[0] == 0
    before = _saved(limelight_home)
    pages_before = sum(len(web.requests_for(f"/rss2/{n}")) for n in (1, 2))
    code, out, _ = _run(capsys, "update")
    assert code == 0
    for name in FEEDS:
        asked = web.requests_for(f"/{name}.xml")[-1].headers
        assert asked["if-none-match"] == f'"{name}-v1"'
        assert asked["if-modified-since"] == LAST_MODIFIED
    assert out.count("not modified") == 3
    assert out.strip().splitlines()[-1] == "0 new items from 3 feeds"
    assert _saved(limelight_home) == before
    assert sum(len(web.requests_for(f"/rss2/{n}")) for n in (1, 2)) == pages_before


def test_a_changed_feed_gives_only_its_new_item(web, capsys, limelight_home):
    items = _items(web, "news", 2)
    url = web.route("/news.xml", rss2("Changing", items), content_type=RSS_TYPE, etag='"v1"')
    _subscribe(capsys, url)
    assert "2 new items" in _run(capsys, "update")[1]
    newer = _items(web, "news", 1, start=3)
    web.route("/news.xml", rss2("Changing", newer + items), content_type=RSS_TYPE, etag='"v2"')
    code, out, _ = _run(capsys, "update")
    assert code == 0 and "Changing: 1 new item" in out
    assert [len(web.requests_for(f"/news/{n}")) for n in (1, 2, 3)] == [1, 1, 1]
    assert sorted(a.title for a in _articles(limelight_home)) == [
        "news story 1",
        "news story 2",
        "news story 3",
    ]


def test_broken_feeds_each_give_their_reason_and_the_others_update(
    web, capsys, tmp_path, limelight_home
):
    (limelight_home / "config.toml").write_text("[web]\ntimeout = 1\n")
    good = web.route("/good.xml", rss2("Good Feed", _items(web, "good", 2)), content_type=RSS_TYPE)
    missing = web.url("/missing.xml")
    page = web.route("/page.html", _page("Just a page", "Not a feed."))
    slow = web.route("/slow.xml", rss2("Slow", []), content_type=RSS_TYPE, delay=5)
    unreachable = f"http://127.0.0.1:{closed_port()}/feed.xml"
    _import(tmp_path, capsys, missing, page, good, slow, unreachable)
    code, out, _ = _run(capsys, "update")
    assert code == 1
    lines = {line.split(":")[0].lstrip("✗+ ").strip(): line for line in out.splitlines()}
    assert "not found (HTTP 404)" in lines["sub 0"]
    assert "HTML" in lines["sub 1"]
    assert "sub 2: 2 new items" in lines["sub 2"]  # the title it was imported with
    assert "timed out" in lines["sub 3"]
    assert "connection refused" in lines["sub 4"]
    assert out.strip().splitlines()[-1] == "2 new items from 5 feeds; 4 failed"
    rows = {r["url"]: r for r in json.loads(_run(capsys, "feed", "list", "--json")[1])}
    assert rows[missing]["status"] == "failed" and "404" in rows[missing]["reason"]
    assert rows[good]["status"] == "ok" and rows[good]["items"] == 2
    assert len(_articles(limelight_home)) == 2


def test_items_without_a_page_are_saved_from_their_summary(web, capsys, limelight_home):
    items = [
        {
            "title": "Gone story",
            "link": web.url("/gone"),
            "guid": "gone",
            "summary": "The feed's own summary of the gone story.",
        },
        {"title": "Linkless story", "guid": "nolink", "summary": "Only the feed has this text."},
    ]
    url = web.route("/feed.xml", rss2("Summaries", items), content_type=RSS_TYPE)
    _subscribe(capsys, url)
    code, out, _ = _run(capsys, "update")
    assert code == 0 and "Summaries: 2 new items" in out
    by_title = {a.title: a for a in _articles(limelight_home)}
    gone = by_title["Gone story"]
    assert "The feed's own summary of the gone story." in gone.body
    assert gone.feed == "Summaries"
    assert "Only the feed has this text." in by_title["Linkless story"].body
    assert any("feed" in warning for warning in gone.warnings)


def test_feed_remove_keeps_the_saved_articles_unless_asked(web, capsys, limelight_home):
    url = web.route("/feed.xml", rss2("Keeper", _items(web, "keep", 1)), content_type=RSS_TYPE)
    _subscribe(capsys, url)
    _run(capsys, "update")
    assert len(_saved(limelight_home)) == 1
    code, out, _ = _run(capsys, "feed", "remove", url)
    assert code == 0 and "stay in the library" in out
    assert len(_saved(limelight_home)) == 1
    _subscribe(capsys, url)
    code, out, _ = _run(capsys, "feed", "remove", "--delete", "keeper")  # by its title
    assert code == 0 and "removed" in out
    assert not (limelight_home / "web" / "feeds" / "keeper").exists()


def test_feed_add_of_a_page_that_names_its_feed_subscribes_to_the_feed(web, capsys):
    feed = web.route("/blog/feed.atom", atom("Blog Feed", []), content_type="application/atom+xml")
    page = web.route(
        "/blog/",
        "<html><head><title>Blog</title>"
        '<link rel="alternate" type="application/atom+xml" href="feed.atom"></head>'
        "<body><p>Welcome.</p></body></html>",
    )
    code, out, _ = _run(capsys, "feed", "add", page)
    assert code == 0 and "Blog Feed" in out and feed in out
    rows = json.loads(_run(capsys, "feed", "list", "--json")[1])
    assert [row["url"] for row in rows] == [feed]
    code, _, err = _run(capsys, "feed", "add", page)
    assert code == 1 and "already subscribed" in err


def test_an_item_whose_page_was_added_by_url_is_not_kept_twice(web, capsys, limelight_home):
    """A page kept with `limelight add URL` that a feed lists later stays one
    article: the update neither fetches it again nor counts it as new."""
    urls = _serve_feeds(web)
    page = web.url("/rss2/1")
    code, _, err = _run(capsys, "add", page)
    assert code == 0, err
    fetched = len(web.requests_for("/rss2/1"))
    _subscribe(capsys, urls["rss2"])
    code, out, _ = _run(capsys, "update")
    assert code == 0
    assert "Two News: 1 new item" in out
    assert [a.title for a in _articles(limelight_home)] == ["rss2 story 2"]
    assert len(web.requests_for("/rss2/1")) == fetched
    assert _run(capsys, "update")[1].strip().splitlines()[-1] == "0 new items from 1 feed"


def test_a_page_two_feeds_list_is_kept_once(web, capsys, limelight_home):
    """Two feeds that list the same story (a wire piece, a cross-post) give one
    article, saved by whichever feed came first, in one update or the next."""
    shared = _items(web, "wire", 1)
    own = _items(web, "local", 1)
    first = web.route("/first.xml", rss2("First Desk", shared + own), content_type=RSS_TYPE)
    second = web.route("/second.xml", atom("Second Desk", shared), content_type=RSS_TYPE)
    _subscribe(capsys, first, second)
    code, out, _ = _run(capsys, "update")
    assert code == 0
    assert out.strip().splitlines()[-1] == "2 new items from 2 feeds"
    titles = sorted(a.title for a in _articles(limelight_home))
    assert titles == ["local story 1", "wire story 1"]
    assert len(web.requests_for("/wire/1")) == 1
