"""Pilot tests of details found trying Limelight as a reader would: the find
bar keeps an invalid query and fits its labels, the title filter says when
nothing matches and counts what it shows, `a` annotates the sentence at the
top, editing a note returns to the notes panel, and `]` through the library
marks nothing read."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from reader.store import Store
from reader.store.progress import MIN_DWELL
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.dialogs import NoteEditor
from reader.ui.search_bar import PLACEHOLDER, REGEX_MODE, SearchBar
from tests.helpers import screen_text, settle, wait_until, write


def bar_line(app: LimelightApp) -> str:
    """The find bar's row of the screen, as shown."""
    bar = app.query_one(SearchBar)
    region = bar.region
    line = screen_text(app).splitlines()[region.y]
    return line[region.x : region.right]


async def show_sidebar(pilot) -> None:
    """The sidebar shown, whatever the width decided: the narrowest article pane."""
    if not pilot.app.sidebar.display:
        await pilot.press("t")
    await pilot.pause()
    assert pilot.app.sidebar.display


# -- the find bar ---------------------------------------------------------------------


@pytest.mark.parametrize("width", [80, 120])
async def test_an_invalid_regex_leaves_the_query_and_says_why_beside_it(width):
    app = LimelightApp()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await show_sidebar(pilot)
        bar = app.query_one(SearchBar)
        await pilot.press("slash", "ctrl+r", *"Li(")
        await pilot.pause()
        assert bar.value == "Li("  # what was typed, untouched
        assert bar.error.startswith("invalid pattern")
        line = bar_line(app)
        assert "/Li(" in line  # the query is on screen in full
        assert "invalid" in line
        error = app.query_one("#search-error", Static)
        assert error.display and error.region.width > 0
        assert "missing )" in line  # the reason, cut with an ellipsis if it must be
        # typing on fixes it: the error goes, the count comes back
        await pilot.press(*"a|b)")
        await pilot.pause()
        assert bar.value == "Li(a|b)"
        assert bar.error == ""
        assert not app.query_one("#search-error", Static).display
        assert "missing" not in bar_line(app)


@pytest.mark.parametrize("width", [80, 120])
async def test_the_find_bar_labels_fit(width):
    app = LimelightApp()
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        await show_sidebar(pilot)
        bar = app.query_one(SearchBar)
        form = 1 if bar.narrow else 0
        await pilot.press("slash")
        await pilot.pause()
        placeholder = PLACEHOLDER[form].replace("{find-regex}", "ctrl+r")
        assert placeholder in bar_line(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        line = bar_line(app)
        assert placeholder in line and REGEX_MODE[form] in line
        await pilot.press(*"Putin")
        await pilot.pause()
        view = app.query_one(ArticleView)
        count = f"1/{len(view.matches)}"
        assert count in bar_line(app)
        await pilot.press("enter")  # the summary line: the query, n / N, escape
        await pilot.pause()
        line = bar_line(app).rstrip()
        assert "Putin" in line and count in line
        assert "esc" in line and "n" in line and "…" not in line
    assert width < 100 or form == 0  # a wide pane has the long forms


# -- the title filter -----------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    for name, title in [
        ("a.txt", "Harbour talks resume"),
        ("b.txt", "Harvest festival"),
        ("c.txt", "Budget vote delayed"),
    ]:
        write(folder, name, f"{title}\n\nA first paragraph of {title.lower()}.\n")
    return folder


def status(app: LimelightApp) -> str:
    return str(app.query_one("#library-status").render())


def list_text(app: LimelightApp) -> str:
    listing = app.query_one(ArticleList)
    lines = (listing.render_line(y).text.strip() for y in range(listing.size.height))
    return " ".join(line for line in lines if line)


async def test_the_title_filter_counts_what_it_shows_and_says_when_nothing_matches(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert status(app).startswith("3 articles")
        await pilot.press("f", *"harv")
        await wait_until(pilot, lambda: status(app).startswith("1 of 3 articles"))
        assert "Harvest festival" in list_text(app)
        await pilot.press(*"zzq")
        await wait_until(pilot, lambda: status(app).startswith("0 of 3 articles"))
        assert "no titles match “harvzzq”" in list_text(app)
        for _ in range(7):
            await pilot.press("backspace")
        await wait_until(pilot, lambda: status(app).startswith("3 articles"))
        assert "no titles match" not in list_text(app)


async def test_bookmarked_only_counts_and_says_when_there_are_none(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("B")
        await wait_until(pilot, lambda: status(app).startswith("0 of 3 articles"))
        assert "bookmarked" in status(app)
        assert "no bookmarked articles" in list_text(app)
        await pilot.press("B")
        await wait_until(pilot, lambda: status(app).startswith("3 articles"))
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.press("m")  # bookmark the open article
        await pilot.press("B")
        await wait_until(pilot, lambda: status(app).startswith("1 of 3 articles"))
        assert view.article.title in list_text(app)
        other = next(
            word
            for word in ("harbour", "harvest", "budget")
            if word not in view.article.title.lower()
        )
        await pilot.press("f", *other)
        await wait_until(pilot, lambda: f"no bookmarked titles match “{other}”" in list_text(app))
        assert status(app).startswith("0 of 3 articles")


# -- notes ----------------------------------------------------------------------------


async def test_a_outside_cursor_mode_annotates_the_sentence_at_the_top():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press(*"jjjjjjjj")  # some way down, no cursor
        assert not view.cursor_mode
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        assert view.cursor_mode  # the reader sees what is annotated
        sentence = view.cursor_sentence
        top = view._first_visible_sentence()
        assert sentence == view.sentences[top]
        app.screen.query_one(TextArea).insert("from the top")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = Store().annotations(view.article.id)
        assert (saved.start, saved.end) == sentence and saved.note == "from the top"


async def test_after_editing_a_note_the_focus_is_back_in_the_notes_panel():
    app = LimelightApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "j", "a")
        app.screen.query_one(TextArea).insert("first")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("o")
        notes = app.query_one("#notes")
        assert notes.has_focus
        await pilot.press("e")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert(" edited")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert notes.has_focus
        assert [a.note for a in Store().annotations()] == ["first edited"]
        await pilot.press("e", "escape")  # cancelled: back there too
        await pilot.pause()
        assert notes.has_focus


# -- reading progress -----------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def long_and_short(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    paragraph = "A sentence of the long article goes on for a while. " * 6
    for name in ("a.txt", "b.txt", "c.txt"):
        write(folder, name, f"Long {name[0]}\n\n" + "\n\n".join([paragraph] * 30) + "\n")
    write(folder, "d.txt", "Short d\n\nOnly a line.\n")
    return folder


def fraction(article_id: str) -> float:
    place = Store().progress(article_id)
    return 0.0 if place is None else place.fraction


async def test_moving_through_the_library_with_a_bracket_marks_nothing_read(long_and_short):
    app = LimelightApp(paths=[long_and_short])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notes_controller.reading._clock = FakeClock()
        view = app.query_one(ArticleView)
        listing = app.query_one(ArticleList)
        seen = []
        for _ in range(3):
            seen.append(view.article.id)
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert view.article.title == "Short d"
        await pilot.press("q")
    for article_id in seen:
        assert fraction(article_id) == 0.0
        assert listing.progress.get(article_id, 0.0) == 0.0  # not "80%", not "read"


async def test_what_stayed_on_screen_is_read_and_the_end_only_once_reached(long_and_short):
    clock = FakeClock()
    app = LimelightApp(paths=[long_and_short])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        reading = app.notes_controller.reading
        reading._clock = clock
        view = app.query_one(ArticleView)
        first = view.article.id
        reading.start(first, view.article.words)
        await pilot.press("space", "space")
        await pilot.pause()
        app.notes_controller.save_progress(wait=True)
        passed = fraction(first)
        assert 0 < passed < 0.5  # what scrolled past the top
        await pilot.press("G")  # the end, left at once: not finished
        await pilot.pause()
        app.notes_controller.save_progress(wait=True)
        assert 0.5 < fraction(first) < 0.98
        clock.now += 600  # the reader stays on the last screen
        app.notes_controller.save_progress(wait=True)
        assert fraction(first) == 1.0
        await pilot.press("g")  # rereading the start keeps it read
        await pilot.pause()
        app.notes_controller.save_progress(wait=True)
        assert fraction(first) == 1.0
        # a short article on one screen: read once the reader stayed on it
        await pilot.press("G")
        for _ in range(3):
            await pilot.press("right_square_bracket")
            await settle(pilot)
        assert view.article.title == "Short d"
        short = view.article.id
        clock.now += MIN_DWELL + 1
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert fraction(short) == 1.0
        assert app.query_one(ArticleList).progress[short] == 1.0


async def test_a_bookmark_title_in_a_notice_is_never_markup(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        from reader.store.annotations import Bookmark

        gone = Bookmark(id="b1", article_id="gone", title="[bold]Gone[/bold]", kind="article")
        app.notes_controller._bookmark_chosen(gone)
        await pilot.pause()
        [notice] = [n for n in app._notifications if "not in the library" in n.message]
        assert notice.message == "“[bold]Gone[/bold]” is not in the library now."
        assert notice.markup is False
