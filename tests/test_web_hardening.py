"""What the review of issue 13's web code found: addresses that are no
addresses, feed text with terminal controls in it, one feed under two
spellings, an update stopped with Ctrl-C, page copies named outside their
folder. Against the local server only (tests/localweb.py)."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from reader.cli import main
from reader.library import web as pages
from reader.library.feed_update import add_feed, update_feeds
from reader.library.feeds import FeedError, Outline, parse_feed, read_opml, write_opml
from reader.library.fetch import FetchError, fetch
from reader.store import Store
from reader.store import feeds as stored
from reader.store.paths import data_dir, web_dir

PAGE = (
    "<html><head><title>A page</title></head><body><article><h1>A page</h1>"
    + "<p>Enough words in this paragraph for the extractor to keep it as the body.</p>" * 4
    + "</article></body></html>"
)
CONTROLS = ("\x1b", "\x07", "\x9b")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def rss(title: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>item {n}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        "<description>s</description></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>{items}</channel></rss>"
    ).encode()


# -- addresses that are no addresses --------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/a", "http://[::1/a", "http://h:port/"])
def test_fetch_refuses_a_broken_address_in_one_line(url):
    with pytest.raises(FetchError, match="not a web address"):
        fetch(url)


@pytest.mark.parametrize("command", ["add", "refresh", "remove"])
@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/a", "http://[::1/a"])
def test_commands_on_a_broken_address_say_so_in_one_line(capsys, command, url):
    code, _, err = run(capsys, command, url)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "not a web address" in err
    assert "unexpected" not in err


@pytest.mark.parametrize("address", ["ftp://127.0.0.1/story.html", "file:///tmp/story.html"])
@pytest.mark.parametrize("command", [["add"], []])
def test_an_address_limelight_does_not_fetch_says_which_it_does(capsys, command, address):
    code, _, err = run(capsys, *command, address)
    assert code == 1
    assert (
        err.strip() == f"limelight: {address}: only http:// and https:// addresses can be fetched"
    )


# -- one address, one spelling ----------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    [
        "HTTP://Example.COM/a/b?q=1",
        "http://example.com:80/a/b?q=1#part",
        "http://example.com./a/b?q=1",
    ],
)
def test_spellings_of_one_address_name_one_file(other):
    assert pages.stem_for(other) == pages.stem_for("http://example.com/a/b?q=1")


def test_an_international_host_is_one_address_in_either_form():
    assert pages.normalise_url("https://Bücher.example/x") == pages.normalise_url(
        "https://xn--bcher-kva.example/x"
    )


def test_a_name_and_password_never_reach_a_file_name():
    stem = pages.stem_for("https://alice:s3cret@example.com/story")
    assert "alice" not in stem
    assert "s3cret" not in stem
    assert stem.startswith("example-com-story-")
    # still another address than the one without them
    assert stem != pages.stem_for("https://example.com/story")


def test_a_feed_is_subscribed_once_whatever_the_spelling(tmp_path):
    store = Store(tmp_path / "db.json")
    assert stored.subscribe(store, "https://Example.com/feed.xml", "A") is not None
    assert stored.subscribe(store, "https://example.com:443/feed.xml#top", "A") is None
    added = stored.subscribe_many(
        store,
        [
            stored.Subscription("HTTPS://EXAMPLE.COM/feed.xml"),
            stored.Subscription("https://b.example/"),
        ],
    )
    assert [sub.url for sub in added] == ["https://b.example/"]
    assert stored.get_subscription(store, "https://example.com/feed.xml") is not None
    gone = stored.unsubscribe(store, "https://example.com/feed.xml")
    assert gone is not None and gone.url == "https://Example.com/feed.xml"
    assert [sub.url for sub in stored.subscriptions(store)] == ["https://b.example/"]


def test_feed_add_of_another_spelling_refuses_without_fetching(tmp_path, web):
    url = web.route("/feed.xml", rss("Feed", []), content_type="application/rss+xml")
    store = Store(tmp_path / "db.json")
    add_feed(store, url)
    asked = len(web.requests_for("/feed.xml"))
    with pytest.raises(FeedError, match="already subscribed"):
        add_feed(store, url.replace("http://127.0.0.1", "HTTP://127.0.0.1") + "#latest")
    assert len(web.requests_for("/feed.xml")) == asked
    assert len(stored.subscriptions(store)) == 1


# -- feed text reaching the terminal ---------------------------------------------------------


EVIL = "Evil \x1b]0;owned\x07 \x1b[2Jfeed \x9b31m"


def test_controls_in_a_feed_never_reach_its_titles_and_authors():
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{EVIL}</title><link>http://example.invalid/</link>"
        f"<item><title>{EVIL}</title><author>{EVIL}</author>"
        "<link>http://example.invalid/1</link><description>&amp;#27;[31m text</description>"
        "</item></channel></rss>"
    ).encode()
    feed = parse_feed(data)
    item = feed.items[0]
    for text in (feed.title, item.title, item.author, item.summary):
        assert text and not any(c in text for c in CONTROLS), repr(text)
    assert "feed" in feed.title


def test_the_opml_export_holds_no_controls_and_reads_back(tmp_path, capsys, limelight_home):
    store = Store(data_dir() / "limelight.json")
    stored.subscribe(store, "http://example.invalid/feed.xml", EVIL, category=f"News/{EVIL}")
    code = main(["feed", "export"])
    out = capsys.readouterr().out
    assert code == 0
    assert not any(c in out for c in CONTROLS)
    (back,) = read_opml(out.encode())
    assert back.url == "http://example.invalid/feed.xml"
    assert "feed" in back.title and not any(c in back.title for c in CONTROLS)


def test_an_opml_file_with_controls_gives_clean_outlines():
    data = write_opml([Outline("http://x.invalid/f", "a\x1b[2Jb", "c\x07d")])
    (outline,) = read_opml(data)
    assert (outline.title, outline.category) == ("ab", "cd")


def test_an_xml_error_says_its_line_once():
    with pytest.raises(FeedError) as caught:
        read_opml(b"<opml>\n<body>\n<outline></body></opml>")
    assert str(caught.value).count("line 3") == 1


# -- an update stopped part way ------------------------------------------------------------------


def test_ctrl_c_during_an_update_starts_no_other_feed(tmp_path, web, limelight_home):
    first = web.route("/one.xml", rss("One", []), content_type="application/rss+xml")
    slow = web.route("/two.xml", rss("Two", []), content_type="application/rss+xml", delay=1)
    last = web.route("/three.xml", rss("Three", []), content_type="application/rss+xml")
    store = Store(data_dir() / "limelight.json")
    for url in (first, slow, last):
        stored.subscribe(store, url)

    def interrupted(done, total, result):
        if result is not None:  # the first feed is done, the second on its way
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        update_feeds(store, workers=1, on_progress=interrupted)
    assert web.requests_for("/one.xml")
    assert not web.requests_for("/three.xml")


# -- page copies ---------------------------------------------------------------------------------


def test_refresh_and_remove_delete_no_file_outside_the_page_folder(web, limelight_home):
    url = web.route("/story", PAGE)
    saved = pages.add_url(url)
    victim = data_dir() / "elsewhere" / ".pages" / "keep.txt"
    victim.parent.mkdir(parents=True)
    victim.write_text("mine")
    data = json.loads(saved.path.read_text())
    data["page"] = "../elsewhere/.pages/keep.txt"  # a damaged (or hostile) file
    saved.path.write_text(json.dumps(data))
    pages.refresh_url(url)
    assert victim.read_text() == "mine"
    data = json.loads(saved.path.read_text())
    data["page"] = "../elsewhere/.pages/keep.txt"
    saved.path.write_text(json.dumps(data))
    pages.remove_url(url)
    assert victim.read_text() == "mine"
    assert not any(web_dir().rglob("*.limelight"))


def test_a_page_too_deep_to_read_is_one_line(monkeypatch):
    def too_deep(*_args, **_kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pages, "_html_article", too_deep)
    with pytest.raises(pages.NotAnArticle, match="nested too deeply"):
        pages.extract(b"<html><p>x</p></html>", url="http://x.invalid/", content_type="text/html")


# -- removing a feed ---------------------------------------------------------------------------


def test_deleting_a_feed_never_deletes_the_articles_of_another(capsys, limelight_home):
    store = Store(data_dir() / "limelight.json")
    kept = stored.subscribe(store, "https://news.example/feed.xml", "News")
    # a row without its folder (written by hand, or by an older Limelight)
    # falls back to the folder its title gives: the other feed's
    with store._writing("test"):
        store._table(stored.TABLE).insert({"url": "https://other.example/rss", "title": "News"})
    folder = stored.feed_folder(kept)
    folder.mkdir(parents=True)
    (folder / "story.limelight").write_text("{}")
    code, _, err = run(capsys, "feed", "remove", "--delete", "https://other.example/rss")
    assert code == 1
    assert "another feed keeps its articles" in err
    assert (folder / "story.limelight").exists()
    assert [sub.url for sub in stored.subscriptions(store)] == [kept.url]


def test_a_feed_is_removed_by_any_spelling_of_its_address_or_by_its_title(capsys, limelight_home):
    store = Store(data_dir() / "limelight.json")
    stored.subscribe(store, "https://news.example/feed.xml", "Harbour News")
    stored.subscribe(store, "https://two.example/feed.xml", "Hill Post")
    assert run(capsys, "feed", "remove", "HTTPS://NEWS.example:443/feed.xml#x")[0] == 0
    assert run(capsys, "feed", "remove", "hill post")[0] == 0
    assert stored.subscriptions(store) == []


# -- an article file written by someone else -----------------------------------------------------


def test_an_article_file_from_elsewhere_brings_no_terminal_controls(tmp_path):
    from reader.library.loader import load_file

    evil = "Owned \x1b]0;title\x07\x1b[2J now \x9b31m"
    path = tmp_path / "story.limelight"
    blocks = [
        {"kind": "heading", "text": evil, "level": 1},
        {"kind": "paragraph", "text": evil, "styles": [[0, 5, "bold"]]},
        {"kind": "code", "text": f"line one\n    {evil}"},
    ]
    article = {"title": evil, "dek": evil, "author": evil, "site": evil, "blocks": blocks}
    path.write_text(json.dumps({"limelight": "web-article", "version": 1, "article": article}))
    loaded = load_file(path)
    assert loaded.ok, loaded.error
    texts = [loaded.title, loaded.dek, loaded.author, loaded.site, *(b.text for b in loaded.blocks)]
    assert len(texts) == 7
    for text in texts:
        assert "Owned" in text and not any(c in text for c in CONTROLS), repr(text)
    assert loaded.blocks[2].text.startswith("line one\n    ")  # code keeps its lines


# -- the time cap ---------------------------------------------------------------------------------


@pytest.fixture
def trickling_headers():
    """A server that sends its status line and headers a byte every 0.1 s (some
    8 s in all), each byte well within any socket timeout; ``halfway`` is set
    once half of them are sent, some 4 s in."""
    import socket
    import threading

    halfway, stopping = threading.Event(), threading.Event()
    server = socket.create_server(("127.0.0.1", 0))

    def serve():
        client, _ = server.accept()
        with client:
            client.recv(65536)
            head = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 40 + b"\r\nContent-Length: 2\r\n\r\nok"
            try:
                for sent, byte in enumerate(head):
                    client.sendall(bytes([byte]))
                    if sent == len(head) // 2:
                        halfway.set()
                    if stopping.wait(0.1):
                        return
            except OSError:
                return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", halfway
    stopping.set()
    thread.join(timeout=5)
    server.close()


def test_headers_sent_a_byte_at_a_time_cannot_stretch_the_time_cap(trickling_headers):
    from reader.library.fetch import Timeouts

    url, halfway = trickling_headers
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        fetch(url, timeout=Timeouts(connect=0.5, total=0.5))
    assert not halfway.is_set()  # given up on long before the headers were through


def test_an_update_while_another_runs_says_so_and_fetches_nothing(capsys, web, limelight_home):
    from filelock import FileLock

    url = web.route(
        "/feed.xml", rss("Feed", [web.url("/story")]), content_type="application/rss+xml"
    )
    web.route("/story", PAGE)
    store = Store(data_dir() / "limelight.json")
    stored.subscribe(store, url, "Feed")
    running = FileLock(str(store.path.with_name(f"{store.path.name}.update.lock")))
    with running:  # another `limelight update`, or the app's R, part way
        code, out, err = run(capsys, "update")
        assert code == 1
        assert len(err.strip().splitlines()) == 1
        assert "another update of the feeds is running" in err
        assert not web.requests_for("/feed.xml")
    code, out, _ = run(capsys, "update")  # once it is done, the next one runs
    assert code == 0
    assert "1 new item" in out


def test_items_without_links_and_of_one_title_are_each_kept(capsys, web, limelight_home):
    items = "".join(
        f"<item><title>Daily notes</title><guid isPermaLink='false'>day-{n}</guid>"
        f"<description>What happened on day {n} at the harbour, told in full.</description></item>"
        for n in (1, 2, 3)
    )
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Diary</title>'
        f"<link>http://example.invalid/</link>{items}</channel></rss>"
    )
    url = web.route("/diary.xml", feed, content_type="application/rss+xml")
    stored.subscribe(Store(data_dir() / "limelight.json"), url, "Diary")
    assert run(capsys, "update")[0] == 0
    saved = sorted(web_dir().rglob("*.limelight"))
    assert len(saved) == 3
    bodies = {json.loads(path.read_text())["article"]["blocks"][0]["text"] for path in saved}
    assert bodies == {f"What happened on day {n} at the harbour, told in full." for n in (1, 2, 3)}


def test_a_server_answering_304_to_a_first_request_is_no_feed(capsys, web, limelight_home):
    url = web.route("/feed.xml", status=304)
    code, _, err = run(capsys, "feed", "add", url)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "not a feed" in err and "304" in err
    assert "unexpected" not in err
    assert run(capsys, "feed", "list", "--json")[1].strip() == "[]"


def test_feed_add_of_a_feed_subscribed_names_it_once(capsys, web, limelight_home):
    url = web.route("/feed.xml", rss("Feed", []), content_type="application/rss+xml")
    assert run(capsys, "feed", "add", url)[0] == 0
    code, _, err = run(capsys, "feed", "add", url)
    assert code == 1
    assert "already subscribed" in err and err.count(url) == 1


# -- what a page is -------------------------------------------------------------------------------


def test_a_text_page_with_no_type_is_read_when_a_character_spans_the_sample():
    text = ("a" * 4095 + "é and then the rest of a plain text article.\n").encode()
    article = pages.extract(text, url="http://x.invalid/notes", content_type="")
    assert article.body.startswith("a" * 100)


def test_adding_a_feed_as_a_page_says_what_to_do(capsys, web, limelight_home):
    url = web.route("/feed.xml", rss("Feed", []), content_type="application/rss+xml")
    code, _, err = run(capsys, "add", url)
    assert code == 1
    assert "feed add" in err


def test_a_charset_that_is_no_charset_does_not_decode_the_text():
    data = b"Title\n\nA line that shows \\u0041 as written, backslash and all.\n"
    article = pages.extract(
        data, url="http://x.invalid/t", content_type="text/plain", charset="unicode-escape"
    )
    assert "\\u0041" in article.body


def test_a_redirect_to_a_broken_address_is_one_line(web):
    url = web.route("/moved", redirect="http://[::1/elsewhere")
    with pytest.raises(FetchError, match="redirected to something that is not a web address"):
        fetch(url)
