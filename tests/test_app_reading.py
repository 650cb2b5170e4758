"""Pilot tests: the reading clock and statistics (S), zen mode (z), the contents (T),
copying (y) and the jump history (ctrl+o / ctrl+i)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console
from textual import events
from textual.widgets import Static

from reader.store import Store
from reader.store.stats import ReadingClock
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.stats import StatsScreen
from tests.helpers import settle, wait_until, write


class FakeClock:
    """A wall clock the test moves by hand (today, so the stats' days hold it)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def shown(renderable) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


# -- the reading clock and the statistics ------------------------------------------------


async def test_reading_time_counts_keys_shows_in_stats_and_is_saved_at_quit(two_articles):
    clock = FakeClock()
    app = LimelightApp(paths=[two_articles])
    app.reading_clock = ReadingClock(clock=clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Alpha title"
        article_id = view.article.id
        for _ in range(4):
            await pilot.press("j")
            clock.now += 30  # 30 s between keys: all of it reading
        await pilot.press("j")  # the fifth key, 120 s after the first
        clock.now += 600  # a walk away: only the first minute after the last key counts
        await pilot.press("S")
        await wait_until(pilot, lambda: isinstance(app.screen, StatsScreen))
        screen = app.screen
        assert screen.stats.articles[0].article_id == article_id
        assert screen.stats.articles[0].seconds == pytest.approx(180)
        table = shown(screen.query_one("#stats-articles", Static).content)
        assert "Alpha title" in table and "3 min" in table
        clock.now += 100  # keys on the stats screen are not reading
        await pilot.press("j")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen) and app.is_running
        await pilot.press("j")
        clock.now += 20
        await pilot.press("j")
        clock.now += 5
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    rows = Store().reading_time(article_id)
    assert sum(row.seconds for row in rows) == pytest.approx(180 + 25)
    assert rows[0].title == "Alpha title"


async def test_switching_articles_hands_the_clock_on(two_articles):
    clock = FakeClock()
    app = LimelightApp(paths=[two_articles])
    app.reading_clock = ReadingClock(clock=clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        alpha = view.article.id
        await pilot.press("j")
        clock.now += 40
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: view.article.title == "Beta title")
        beta = view.article.id
        clock.now += 10
        await pilot.press("j")
        await pilot.press("q")
        await pilot.pause()
    store = Store()
    assert sum(row.seconds for row in store.reading_time(alpha)) == pytest.approx(40)
    assert sum(row.seconds for row in store.reading_time(beta)) == pytest.approx(10)


async def test_leaving_the_app_stops_the_clock(two_articles):
    clock = FakeClock()
    app = LimelightApp(paths=[two_articles])
    app.reading_clock = ReadingClock(clock=clock)
    async with app.run_test() as pilot:
        await settle(pilot)
        alpha = app.query_one(ArticleView).article.id
        await pilot.press("j")
        clock.now += 15
        await pilot.press("j")
        clock.now += 30
        app.post_message(events.AppBlur())
        await settle(pilot)
        assert app.reading_clock.article_id is None
        await wait_until(pilot, lambda: bool(Store().reading_time(alpha)))
        assert sum(row.seconds for row in Store().reading_time(alpha)) == pytest.approx(45)


# -- zen mode ------------------------------------------------------------------------------


def parts_shown(app: LimelightApp) -> dict[str, bool]:
    return {
        "sidebar": app.query_one("#sidebar").display,
        "legend": app.query_one("#legend").display,
        "footer": app.footer.display,
        "panel": app.query_one("#panel").display,
        "note-line": app.query_one("#note-line").display,
    }


async def test_zen_shows_only_the_text_and_brings_back_what_was_shown(two_articles):
    app = LimelightApp(paths=[two_articles])
    # wide enough for the sidebar beside a panel (narrower, it steps aside for one)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        before = parts_shown(app)
        assert before == {
            "sidebar": True,
            "legend": True,
            "footer": True,
            "panel": False,
            "note-line": False,
        }
        await pilot.press("w")  # the quotes panel, focused
        await pilot.pause()
        assert parts_shown(app)["panel"]
        await pilot.press("z")
        await pilot.pause()
        assert app.zen and not any(parts_shown(app).values())
        view = app.query_one(ArticleView)
        assert view.has_focus  # the hidden panel had it
        await pilot.press("j")  # reading goes on
        await pilot.press("z")
        await pilot.pause()
        assert not app.zen
        assert parts_shown(app) == {**before, "panel": True}


async def test_zen_keeps_a_hidden_sidebar_hidden(two_articles):
    app = LimelightApp(paths=[two_articles])
    # wide enough for the sidebar, which hides itself below 90 columns
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        assert not app.sidebar.display
        await pilot.press("z", "z")
        await pilot.pause()
        shown = parts_shown(app)
        assert not shown["sidebar"] and shown["legend"] and shown["footer"]


async def test_the_sidebars_keys_leave_zen_mode(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press("t")  # in zen mode t asks for the sidebar: all comes back
        await pilot.pause()
        shown = parts_shown(app)
        assert not app.zen and shown["sidebar"] and shown["footer"] and shown["legend"]
        await pilot.press("t", "z", "t")  # hidden before zen mode: t still shows it
        await pilot.pause()
        assert not app.zen and app.sidebar.display
        await pilot.press("z", "f")
        await pilot.pause()
        assert not app.zen and app.sidebar.display and app.sidebar.filter_input.has_focus


# -- contents ------------------------------------------------------------------------------


def book_text() -> str:
    """A Markdown article with headings at two levels, long enough to scroll."""
    filler = "A sentence that fills the chapter out. " * 12
    parts = ["# The book", "An opening paragraph."]
    for chapter in ("One", "Two", "Three"):
        parts.append(f"## Chapter {chapter}")
        parts += [filler] * 3
        parts.append(f"### A part of {chapter.lower()}")
        parts += [filler] * 2
    parts.append("## [bold]Not markup[/bold]")
    parts += [filler] * 6
    return "\n\n".join(parts) + "\n"


async def test_contents_list_the_headings_and_enter_jumps_to_one(tmp_path):
    from textual.widgets import OptionList

    from reader.library.contents import contents
    from reader.ui.contents import ContentsScreen

    path = write(tmp_path, "book.md", book_text())
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        headings = contents(view.article)
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ContentsScreen)
        options = screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert prompts == [
            "Chapter One",
            "  A part of one",
            "Chapter Two",
            "  A part of two",
            "Chapter Three",
            "  A part of three",
            "[bold]Not markup[/bold]",  # shown as written
        ]
        assert options.highlighted == 0
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ContentsScreen) and view.has_focus
        target = headings[2]
        assert view.reading_position()[:2] == (target.block, 0)
        assert view.article.blocks[target.block].text == "Chapter Two"
        await pilot.press("T")  # the heading read now is the one highlighted
        await pilot.pause()
        assert app.screen.query_one(OptionList).highlighted == 2
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ContentsScreen)
        assert view.reading_position()[:2] == (target.block, 0)


async def test_an_article_without_headings_says_so(two_articles):
    from reader.ui.contents import ContentsScreen

    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert not isinstance(app.screen, ContentsScreen)
        assert any("no headings" in n.message for n in app._notifications)


# -- copying -------------------------------------------------------------------------------


def notices(app: LimelightApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_y_copies_the_cursor_sentence_then_the_selection(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("y")  # nothing to copy yet: a hint, no copy
        assert app.clipboard == ""
        assert any("Nothing to copy" in message for message in notices(app))
        await pilot.press("c", "y")
        assert app.clipboard == "First paragraph of alpha."
        assert "Copied 25 characters." in notices(app)
        await pilot.press("v", "j", "y")
        assert app.clipboard == "First paragraph of alpha. It has two sentences."
        assert "Copied 47 characters." in notices(app)


async def test_y_adds_a_citation_when_the_config_asks(two_articles, limelight_home):
    import os

    Path(os.environ["LIMELIGHT_CONFIG"]).write_text("[copy]\ncitation = true\n", "utf-8")
    app = LimelightApp(paths=[two_articles])
    assert app.config.copy_citation
    async with app.run_test() as pilot:
        await settle(pilot)
        source = app.article_view.article.source
        assert source.endswith("a.txt")
        await pilot.press("c", "y")
        assert app.clipboard == f"First paragraph of alpha.\n— Alpha title, {source}"
        assert f"Copied {len(app.clipboard)} characters." in notices(app)


async def test_y_copies_a_mouse_selection(two_articles):
    from textual.geometry import Offset
    from textual.selection import Selection

    from reader.ui.article_view import Block

    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        block = app.query(Block)[0]
        app.screen.selections = {block: Selection(Offset(6, 0), Offset(15, 0))}
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == "paragraph" == block.block_text[6:15]


# -- the jump history ----------------------------------------------------------------------


@pytest.fixture
def two_books(tmp_path: Path) -> Path:
    folder = tmp_path / "books"
    folder.mkdir()
    write(folder, "a.md", book_text())
    write(folder, "b.md", book_text().replace("The book", "The other book"))
    return folder


async def test_ctrl_o_goes_back_to_the_article_left_and_ctrl_i_forward_again(two_books):
    app = LimelightApp(paths=[two_books])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "The book"
        await pilot.press("space", "space")
        # The place is read once the view has arrived where the keys sent it.
        await wait_until(pilot, lambda: view.scroll_y == view.scroll_target_y > 0)
        await settle(pilot)
        alpha = app.reading_place()
        alpha_y = view.scroll_y
        assert alpha[1] > 0
        await pilot.press("right_square_bracket")
        await wait_until(pilot, lambda: view.article.title == "The other book")
        await settle(pilot)
        await pilot.press("j", "j", "j")
        beta = app.reading_place()
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: view.article.title == "The book")
        await wait_until(pilot, lambda: app.reading_place()[:2] == alpha[:2])
        assert abs(view.scroll_y - alpha_y) <= 1
        await pilot.press("ctrl+o")  # nothing before that
        assert "No earlier place to go back to." in notices(app)
        await pilot.press("ctrl+i")
        await wait_until(pilot, lambda: view.article.title == "The other book")
        await wait_until(pilot, lambda: app.reading_place()[:2] == beta[:2])
        await pilot.press("ctrl+i")
        assert "No later place to go forward to." in notices(app)
        assert view.article.title == "The other book"


async def test_a_heading_of_the_contents_and_the_sidebar_are_jumps(two_books):
    from reader.ui.article_list import ArticleList

    app = LimelightApp(paths=[two_books])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        top = app.reading_place()
        await pilot.press("T", "down", "down", "down", "enter")  # A part of two
        await pilot.pause()
        heading = app.reading_place()
        assert view.article.blocks[heading[1]].text == "A part of two"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.reading_place()[:2] == top[:2]
        await pilot.press("ctrl+i")
        await pilot.pause()
        assert app.reading_place()[:2] == heading[:2]
        listing = app.query_one(ArticleList)
        listing.focus()
        await pilot.press("j", "enter")  # the other book, from the sidebar
        await wait_until(pilot, lambda: view.article.title == "The other book")
        await settle(pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: view.article.title == "The book")
        await wait_until(pilot, lambda: app.reading_place()[:2] == heading[:2])
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.reading_place()[:2] == top[:2]


async def test_a_note_chosen_in_the_panel_is_a_jump(two_books):
    from reader.store.annotations import make_annotation

    app = LimelightApp(paths=[two_books])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        article = view.article
        start = article.block_starts[-1]
        Store().add_annotation(make_annotation(article.id, article.body, start, start + 20))
        app.notes_controller.refresh()
        top = app.reading_place()
        await pilot.press("o", "enter")  # the notes panel: jump to the note
        await pilot.pause()
        assert app.reading_place()[1] > top[1]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert app.reading_place()[:2] == top[:2]
