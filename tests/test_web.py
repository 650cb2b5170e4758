"""Articles by URL (reader/library/web.py and the commands on it), against the
local server only (tests/localweb.py): nothing leaves 127.0.0.1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import web as pages
from reader.library.loader import load_file
from reader.store.paths import web_dir
from tests.helpers import settle, wait_until
from tests.localweb import closed_port

STORY = """<!doctype html><html lang="en"><head>
<title>The Big Story | Daily Planet</title>
<meta name="author" content="Lois Lane">
<meta property="og:site_name" content="Daily Planet">
<meta property="article:published_time" content="2026-03-04T10:00:00Z">
<link rel="canonical" href="https://planet.example/big-story">
</head><body><nav>Home | World | Sport</nav><article>
<h1>The Big Story</h1>
<p>Metropolis woke to news of the <b>harbour bridge</b> reopening after two years of repairs.</p>
<p>"We will have traffic moving by noon," said Perry White, the city's transport chief.</p>
<h2>What comes next</h2>
<ol><li>Buses return on Monday.</li><li>Ferries keep their timetable.</li></ol>
<p>The council meets again on Thursday to discuss the tolls.</p>
</article><footer>Copyright Daily Planet</footer></body></html>"""

CHANGED = STORY.replace(
    "<p>Metropolis woke",
    "<p>Update: the mayor will cut the ribbon herself.</p>\n<p>Metropolis woke",
)
NOTED = '"We will have traffic moving by noon," said Perry White'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def web_files() -> list[str]:
    """Every file under web/ (hidden ones included), relative, sorted."""
    root = web_dir()
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def listed(capsys) -> list[dict]:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    return json.loads(out)


# -- the core --------------------------------------------------------------------------


def test_a_page_is_kept_and_reads_back_exactly(web):
    url = web.route("/story", STORY)
    saved = pages.add_url(url)
    article = load_file(saved.path)
    assert article == saved.article
    assert article.format == "web"
    assert article.title == "The Big Story"
    assert (article.author, article.site, article.url) == (
        "Lois Lane",
        "Daily Planet",
        "https://planet.example/big-story",
    )
    assert article.published.startswith("2026-03-04")
    kinds = [block.kind for block in article.blocks]
    assert "heading" in kinds and kinds.count("item") == 2
    assert [block.number for block in article.blocks if block.kind == "item"] == [1, 2]
    bold = [b for b in article.blocks if b.styles][0]
    start, end, style = bold.styles[0]
    assert (bold.text[start:end], style) == ("harbour bridge", "bold")
    # the page as fetched is kept beside it, byte for byte, where no scan looks
    assert saved.page.read_bytes() == STORY.encode("utf-8")
    assert saved.page.parent.name == ".pages"
    info = pages.saved_info(saved.path)
    assert info["url"] == url and info["final_url"] == url
    assert info["http"]["content_type"] == "text/html"
    assert info["fetched_at"].endswith("Z")


def test_a_kept_table_reads_back_with_its_columns_aligned(web):
    """A table's rows are saved aligned (padded cells) and read back so: the
    web importer keeps them as the HTML importer made them, not squeezed."""
    page = (
        "<html><head><title>Night trains</title></head><body><article><h1>Night trains</h1>"
        "<p>Sleeper services are back across Europe, and the carriages are full again.</p>"
        "<table><tr><th>Route</th><th>Seats</th></tr>"
        "<tr><td>Vienna – Paris</td><td>182,000</td></tr>"
        "<tr><td>Oslo – Bergen</td><td>9,500</td></tr></table>"
        "<p>Operators plan more routes next year, the report says.</p></article></body></html>"
    )
    saved = pages.add_url(web.route("/trains", page))
    rows = [block.text for block in load_file(saved.path).blocks if block.kind == "row"]
    assert rows == [block.text for block in saved.article.blocks if block.kind == "row"]
    assert len(rows) == 3
    # every row's separator stands in the same column
    assert len({row.index("│") for row in rows}) == 1
    assert "Oslo – Bergen " in rows[2]  # padded to the widest cell


def test_the_same_address_keeps_one_file(web):
    url = web.route("/story", STORY)
    first = pages.add_url(url)
    again = pages.add_url(url.replace("127.0.0.1", "127.0.0.1") + "#section")
    assert again.path == first.path
    assert again.replaced_id == first.article.id
    assert len([name for name in web_files() if name.endswith(".limelight")]) == 1


def test_file_names_are_stable_and_readable():
    stem = pages.stem_for("HTTPS://www.Example.com:443/2026/a-story.html#top")
    assert stem == pages.stem_for("https://www.example.com/2026/a-story.html")
    assert stem.startswith("example-com-2026-a-story-")
    assert pages.stem_for("https://example.com/a?page=2") != pages.stem_for("https://example.com/a")


def test_a_damaged_article_file_is_listed_with_its_reason(tmp_path):
    path = tmp_path / "broken.limelight"
    path.write_text('{"limelight": "web-article", "version": 1, "article": {"blocks": 3}}')
    article = load_file(path)
    assert article.error == "damaged web article file: blocks is not a list"


def test_the_raw_page_is_not_a_second_article(web, capsys):
    web.route("/story", STORY)
    assert run(capsys, "add", web.url("/story"))[0] == 0
    rows = listed(capsys)
    assert [row["title"] for row in rows] == ["The Big Story"]


# -- limelight add URL -----------------------------------------------------------------------


def test_add_prints_the_title_and_where_it_is_kept(web, capsys):
    url = web.route("/story", STORY)
    code, out, err = run(capsys, "add", url)
    assert code == 0, err
    kept = pages.find_saved(url)
    assert kept is not None
    assert out == f"added: The Big Story  kept in {kept}\n"


def test_list_json_has_the_details(web, capsys):
    web.route("/story", STORY)
    run(capsys, "add", web.url("/story"))
    (row,) = listed(capsys)
    assert row["format"] == "web"
    assert row["author"] == "Lois Lane"
    assert row["site"] == "Daily Planet"
    assert row["url"] == "https://planet.example/big-story"
    assert row["published"].startswith("2026-03-04")
    assert row["language"] == "en"
    assert row["feed"] == ""


def test_urls_and_paths_mix(web, capsys, two_articles):
    web.route("/story", STORY)
    code, out, _ = run(capsys, "add", web.url("/story"), str(two_articles))
    assert code == 0
    assert out.count("added") == 2
    titles = sorted(row["title"] for row in listed(capsys))
    assert titles == ["Alpha title", "Beta title", "The Big Story"]


def test_an_added_page_reads_offline_and_is_found_by_search(web, capsys):
    url = web.route("/story", STORY)
    run(capsys, "add", url)
    web.stop()  # the server is gone: everything below is read from the data folder
    (row,) = listed(capsys)
    assert row["title"] == "The Big Story"
    article = load_file(Path(row["source"]))
    assert "harbour bridge" in article.body
    code, out, _ = run(capsys, "search", "--json", "harbour", "bridge")
    assert code == 0
    assert [hit["title"] for hit in json.loads(out)] == ["The Big Story"]


def test_search_sees_a_page_added_after_the_last_search(web, capsys, two_articles):
    run(capsys, "add", str(two_articles))
    code, out, _ = run(capsys, "search", "--json", "harbour")
    assert json.loads(out) == []
    web.route("/story", STORY)
    run(capsys, "add", web.url("/story"))
    code, out, _ = run(capsys, "search", "--json", "harbour")
    assert [hit["title"] for hit in json.loads(out)] == ["The Big Story"]


def test_a_redirect_keeps_the_final_address(web, capsys):
    final = web.route(
        "/2026/big-story",
        STORY.replace('<link rel="canonical" href="https://planet.example/big-story">', ""),
    )
    web.route("/short", redirect="/2026/big-story", status=301)
    code, _, err = run(capsys, "add", web.url("/short"))
    assert code == 0, err
    (row,) = listed(capsys)
    assert row["url"] == final  # no canonical address: the one fetched
    info = pages.saved_info(Path(row["source"]))
    assert (info["url"], info["final_url"]) == (web.url("/short"), final)
    assert pages.find_saved(final) == Path(row["source"])  # found by either address


# -- failures: one line, exit 1, nothing kept ---------------------------------------------------


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ({"status": 404}, "not found (HTTP 404)"),
        ({"status": 500}, "the server failed: internal server error (HTTP 500)"),
        (
            {"body": b"\x89PNG\r\n\x1a\n....", "content_type": "image/png"},
            "not an article page: image/png",
        ),
        (
            {"body": b"%PDF-1.7 ...", "content_type": "application/pdf"},
            "not an article page: application/pdf",
        ),
        (
            {"body": '{"a": 1}', "content_type": "application/json"},
            "not an article page: application/json",
        ),
        ({"body": "<html><body></body></html>"}, "could not read the page: no readable text"),
    ],
)
def test_a_failure_is_one_line_and_keeps_nothing(web, capsys, route, reason):
    url = web.route("/page", route.pop("body", "oops"), **route)
    code, out, err = run(capsys, "add", url)
    assert code == 1
    assert out == ""
    assert err == f"limelight: {url}: {reason}\n"
    assert web_files() == []


def test_a_slow_page_times_out(web, capsys, limelight_home):
    (limelight_home / "config.toml").write_text("[web]\ntimeout = 0.5\n")
    url = web.route("/slow", STORY, delay=30)
    code, _, err = run(capsys, "add", url)
    assert code == 1
    assert err == f"limelight: {url}: timed out after 0.5 s\n"
    assert web_files() == []


def test_an_oversized_page_is_refused(web, capsys, limelight_home):
    (limelight_home / "config.toml").write_text("[web]\nmax_megabytes = 1\n")
    url = web.route("/huge", size=3_000_000)
    code, _, err = run(capsys, "add", url)
    assert code == 1
    assert err == f"limelight: {url}: page is larger than 1 MB\n"
    assert web_files() == []


def test_a_refused_connection(capsys):
    url = f"http://127.0.0.1:{closed_port()}/story"
    code, _, err = run(capsys, "add", url)
    assert code == 1
    assert (
        err
        == f"limelight: {url}: connection refused by 127.0.0.1:{url.split(':')[2].split('/')[0]}\n"
    )
    assert web_files() == []


def test_tls_to_a_plain_port(web, capsys):
    web.route("/story", STORY)
    url = f"https://127.0.0.1:{web.port}/story"
    code, _, err = run(capsys, "add", url)
    assert code == 1
    assert err.startswith(f"limelight: {url}: secure connection (TLS) failed")
    assert err.count("\n") == 1
    assert web_files() == []


def test_a_failed_write_keeps_nothing(web, monkeypatch):
    url = web.route("/story", STORY)
    from reader.store import atomic

    real = atomic.atomic_write_bytes
    calls = []

    def fail_on_the_article(path, data):
        calls.append(Path(path))
        if str(path).endswith(".limelight"):
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(atomic, "atomic_write_bytes", fail_on_the_article)
    with pytest.raises(
        pages.WebError, match="could not save the page in .*: No space left on device"
    ):
        pages.add_url(url)
    assert any(path.parent.name == ".pages" for path in calls)  # the page was written first...
    assert web_files() == []  # ...and taken back


def test_one_failure_does_not_stop_the_others(web, capsys):
    good = web.route("/story", STORY)
    bad = web.url("/missing")
    code, out, err = run(capsys, "add", bad, good)
    assert code == 1
    assert err == f"limelight: {bad}: not found (HTTP 404)\n"
    assert out.startswith("added: The Big Story")


# -- refresh and remove ----------------------------------------------------------------------


def test_refresh_picks_up_a_changed_page_and_its_note_follows(web, capsys):
    from reader.store import Store
    from reader.store.annotations import make_annotation

    url = web.route("/story", STORY)
    run(capsys, "add", url)
    before = pages.add_url(url).article  # the same page again: the same article
    start = before.body.index(NOTED)
    store = Store()
    note = make_annotation(
        before.id, before.body, start, start + len(NOTED), note="the chief", title=before.title
    )
    store.add_annotation(note)

    web.route("/story", CHANGED)  # the page changed on the server
    offline = load_file(pages.find_saved(url))
    assert offline.id == before.id  # kept text stays as it was until refreshed

    code, out, err = run(capsys, "refresh", url)
    assert code == 0, err
    assert "its text changed" in out
    after = load_file(pages.find_saved(url))
    assert after.id != before.id
    assert "the mayor will cut the ribbon" in after.body
    # the note moved to the new text and is found at its passage there
    store = Store()
    assert [a.id for a in store.annotations(after.id)] == [note.id]
    ((annotation, found),) = store.reanchor(after.id, after.body)
    assert found is not None
    assert after.body[found.start : found.end] == NOTED
    assert found.start == after.body.index(NOTED) != start


def test_refresh_of_an_unchanged_page(web, capsys):
    url = web.route("/story", STORY)
    run(capsys, "add", url)
    code, out, _ = run(capsys, "refresh", url)
    assert code == 0
    assert "its text is unchanged" in out


def test_refresh_of_an_address_not_kept(web, capsys):
    url = web.url("/never")
    code, _, err = run(capsys, "refresh", url)
    assert code == 1
    assert err == f"limelight: {url}: not in the library (add it with: limelight add URL)\n"


def test_a_failed_refresh_keeps_the_old_article(web, capsys):
    url = web.route("/story", STORY)
    run(capsys, "add", url)
    kept = web_files()
    web.route("/story", status=500)
    code, _, err = run(capsys, "refresh", url)
    assert code == 1 and "HTTP 500" in err
    assert web_files() == kept
    assert "harbour bridge" in load_file(pages.find_saved(url)).body


def test_remove_forgets_the_page_and_its_files(web, capsys):
    url = web.route("/story", STORY)
    run(capsys, "add", url)
    assert len(web_files()) == 2
    code, out, _ = run(capsys, "remove", url)
    assert code == 0 and out.startswith(f"removed: {url}")
    assert web_files() == []
    assert [row["title"] for row in listed(capsys)] != ["The Big Story"]
    code, _, err = run(capsys, "remove", url)
    assert code == 1 and err == f"limelight: {url}: not in the library\n"


# -- the export's citation ----------------------------------------------------------------------


def _noted(capsys, web) -> None:
    from reader.store import Store
    from reader.store.annotations import make_annotation

    url = web.route("/story", STORY)
    run(capsys, "add", url)
    article = load_file(pages.find_saved(url))
    start = article.body.index(NOTED)
    Store().add_annotation(
        make_annotation(article.id, article.body, start, start + 20, title=article.title)
    )


def test_the_json_export_cites_each_article(web, capsys):
    _noted(capsys, web)
    code, out, _ = run(capsys, "export", "--format", "json")
    assert code == 0
    (cited,) = json.loads(out)["articles"]
    assert cited["title"] == "The Big Story"
    assert cited["author"] == "Lois Lane"
    assert cited["site"] == "Daily Planet"
    assert cited["published"].startswith("2026-03-04")
    assert cited["url"] == "https://planet.example/big-story"


def test_the_markdown_export_cites_each_article(web, capsys):
    _noted(capsys, web)
    code, out, _ = run(capsys, "export")
    assert code == 0
    lines = out.splitlines()
    heading = lines.index("## The Big Story")
    assert lines[heading + 2] == (
        "Lois Lane · *Daily Planet* · 2026-03-04 · <https://planet.example/big-story>"
    )


# -- what the app shows ----------------------------------------------------------------------


async def test_the_meta_lines_show_author_and_site(web):
    from reader.ui.app import LimelightApp
    from reader.ui.article_list import ArticleList
    from reader.ui.article_view import ArticleView
    from tests.helpers import screen_text

    saved = pages.add_url(web.route("/story", STORY))
    app = LimelightApp(paths=[str(saved.path)])
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await wait_until(pilot, lambda: view.article is not None)
        assert view.article.title == "The Big Story"
        screen = screen_text(app)
        meta = [line for line in screen.splitlines() if "Lois Lane · Daily Planet" in line]
        assert meta, screen
        assert any("min read" in line for line in meta)  # the view's line, whole
        listing = app.query_one(ArticleList)
        assert listing.articles and listing.articles[0].author == "Lois Lane"
        # the sidebar's line fits its width
        for line in screen.splitlines():
            assert len(line) <= 80


def test_the_sidebar_meta_line_fits_its_width():
    from reader.library.model import Article, Block
    from reader.ui.article_list import meta_line

    article = Article(
        "T",
        (Block("paragraph", "word " * 460),),
        author="Alexandra Konstantinopoulou-Smythe",
        site="The Extraordinarily Long Named Gazette",
        published="2024-03-04",
    )
    assert meta_line(article) == (
        "Alexandra Konstantinopoulou-Smythe · The Extraordinarily Long Named Gazette"
        " · 4 Mar 2024 · 2 min"
    )
    for width in (20, 30, 36, 50, 70):
        line = meta_line(article, width=width)
        assert len(line) <= width, (width, line)
        assert line.endswith("4 Mar 2024"), (width, line)  # the minutes go first
    # rather than two names cut, or two stubs, the site alone
    assert meta_line(article, width=50).startswith("The Extraordinarily Long Named")
    assert meta_line(article, width=30) == "The Extraordinar… · 4 Mar 2024"


def test_the_web_folder_is_part_of_the_library_only_when_it_exists(web):
    from reader.workspace import Workspace

    workspace = Workspace()
    assert str(web_dir()) not in [str(p) for p in workspace.library_paths()[1]]
    web.route("/story", STORY)
    saved = pages.add_url(web.url("/story"))
    workspace = Workspace()
    assert str(web_dir()) in [str(p) for p in workspace.library_paths()[1]]
    assert [meta.source for meta in workspace.scan()] == [str(saved.path)]
    assert os.path.isdir(web_dir() / ".pages")


class _FakeApp:
    """Stands in for the app: records what `limelight URL...` would open it on."""

    opened: list[list[str]] = []

    def __init__(self, paths=(), theme=None):
        self.paths = list(paths)
        self.return_code = 0

    def run(self):
        _FakeApp.opened.append(self.paths)


def _fake_app(monkeypatch) -> None:
    """The app module replaced by one whose app only records its paths."""
    import sys
    import types

    _FakeApp.opened = []
    module = types.ModuleType("reader.ui.app")
    module.LimelightApp = _FakeApp
    monkeypatch.setitem(sys.modules, "reader.ui.app", module)


def test_limelight_url_fetches_first_then_opens_the_app_on_it(
    web, capsys, monkeypatch, two_articles
):
    _fake_app(monkeypatch)
    url = web.route("/story", STORY)
    code, _, err = run(capsys, url, str(two_articles))
    assert code == 0
    assert err == f"limelight: fetching {url}\n"  # one line of progress each
    assert _FakeApp.opened == [[str(pages.find_saved(url)), str(two_articles)]]


def test_limelight_url_that_fails_never_starts_the_app(web, capsys, monkeypatch):
    _fake_app(monkeypatch)
    url = web.route("/logo.png", b"\x89PNG....", content_type="image/png")
    code, _, err = run(capsys, url)
    assert code == 1
    assert err.splitlines() == [
        f"limelight: fetching {url}",
        f"limelight: {url}: not an article page: image/png",
    ]
    assert _FakeApp.opened == []
    assert web_files() == []


def test_search_follows_a_refreshed_page(web, capsys):
    url = web.route("/story", STORY)
    run(capsys, "add", url)
    assert json.loads(run(capsys, "search", "--json", "ribbon")[1]) == []  # stamped now
    web.route("/story", CHANGED)
    assert run(capsys, "refresh", url)[0] == 0
    hits = json.loads(run(capsys, "search", "--json", "ribbon")[1])
    assert [hit["title"] for hit in hits] == ["The Big Story"]
