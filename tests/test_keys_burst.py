"""Pilot tests: every key of a burst counts.

Key repeat, a paste or a slow link delivers many presses in one read; the
app must handle them one after the other, each from where the last one left
the view, so ten `j` scroll ten lines. ``burst`` posts the key events all at
once, with no pause for the app to draw between them, as such a read does.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.search_bar import SearchBar
from tests.helpers import settle, wait_until, write

KEY_CHARACTERS = {"space": " ", "pagedown": None, "pageup": None, "down": None, "up": None}


def article_text(paragraphs: int) -> str:
    """A title, then ``paragraphs`` paragraphs of a few sentences, each naming the Harbour."""
    body = [
        f"Paragraph {index} begins here. The Harbour was quiet on day {index}."
        " Boats came in slowly and the crews went home for the night."
        for index in range(paragraphs)
    ]
    return "Burst test\n\n" + "\n\n".join(body) + "\n"


def burst(app: LimelightApp, key: str, times: int) -> None:
    """Deliver ``times`` presses of ``key`` at once, as one read from the terminal."""
    character = KEY_CHARACTERS.get(key, key)
    for _ in range(times):
        app.post_message(events.Key(key, character))


@pytest.fixture(params=["blocks", "long"])
def library(request, tmp_path):
    """A folder with one article long enough to scroll: drawn a Static per block,
    or (over 1,500 blocks) by the line-by-line LongText."""
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", article_text(120 if request.param == "blocks" else 1_600))
    return folder


async def open_view(pilot) -> ArticleView:
    await settle(pilot)
    view = pilot.app.query_one(ArticleView)
    view.focus()
    await pilot.pause()
    return view


async def test_a_burst_of_j_then_k_scrolls_by_every_press(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        assert view.scroll_y == 0
        burst(app, "j", 10)
        await wait_until(pilot, lambda: view.scroll_y == 10)
        await settle(pilot)
        assert view.scroll_y == 10
        burst(app, "down", 5)
        await wait_until(pilot, lambda: view.scroll_y == 15)
        burst(app, "k", 7)
        await wait_until(pilot, lambda: view.scroll_y == 8)
        await settle(pilot)
        assert view.scroll_y == 8


async def test_a_burst_of_pages_moves_by_every_page(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        page = view.scrollable_content_region.height
        assert view.max_scroll_y > 4 * page
        burst(app, "space", 3)
        await wait_until(pilot, lambda: view.scroll_y == 3 * page)
        burst(app, "pagedown", 1)
        await wait_until(pilot, lambda: view.scroll_y == 4 * page)
        burst(app, "b", 2)
        await wait_until(pilot, lambda: view.scroll_y == 2 * page)
        await settle(pilot)
        assert view.scroll_y == 2 * page


async def test_a_burst_of_n_steps_through_as_many_matches(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        await pilot.press("slash", *"Harbour", "enter")
        await wait_until(pilot, lambda: len(view.matches) > 20 and view.has_focus)
        assert view.current_match == 0
        burst(app, "n", 10)
        await wait_until(pilot, lambda: view.current_match == 10)
        await settle(pilot)
        assert view.current_match == 10
        # and the view went with it: the tenth match is on screen
        row = view._row_of_offset(view.matches[10][0])
        assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height
        burst(app, "N", 4)
        await wait_until(pilot, lambda: view.current_match == 6)


async def test_a_burst_moves_the_cursor_by_every_press(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        await pilot.press("c")
        await wait_until(pilot, lambda: view.cursor_mode and view.sentences)
        start = view.cursor_index
        burst(app, "j", 12)
        await wait_until(pilot, lambda: view.cursor_index == start + 12)
        burst(app, "k", 5)
        await wait_until(pilot, lambda: view.cursor_index == start + 7)
        await settle(pilot)
        assert view.cursor_index == start + 7
        # the cursor's sentence is on screen
        row = view._row_of_offset(view.cursor_sentence[0])
        assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height


async def test_keys_in_the_burst_of_a_toggle_count_from_the_place_it_keeps(library):
    """`t` then five `j` in one read: the place is kept through the new layout
    and moved five lines, as when pressed one by one (within the line the
    re-wrap may shift: the keys moved the text before it was laid out again)."""
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        view.scroll_to(y=40, animate=False, immediate=True)
        await settle(pilot)
        place = view.reading_position()[:2]
        await pilot.press("t")
        await settle(pilot)
        for _ in range(5):
            await pilot.press("j")
        await settle(pilot)
        one_by_one = view.scroll_y
        await pilot.press("t")
        await settle(pilot)
        view.scroll_to_position(*place)
        await settle(pilot)
        assert view.reading_position()[:2] == place
        burst(app, "t", 1)
        burst(app, "j", 5)
        await settle(pilot)
        assert abs(view.scroll_y - one_by_one) <= 1


def typed(app: LimelightApp, keys: list[tuple[str, str]]) -> None:
    """Deliver (key, character) presses at once, as one read from the terminal."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_keys_typed_at_once_after_slash_go_to_the_find_bar(library):
    # "/Harbour" arriving in one read: "/" moves the focus to the find bar, and
    # the letters after it must land there, not in the article (where "h" and
    # "r" are keys of their own).
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_view(pilot)
        typed(app, [("slash", "/"), *((ch.lower(), ch) for ch in "Harbour")])
        await wait_until(pilot, lambda: len(view.matches) > 20)
        bar = app.query_one(SearchBar)
        assert bar.input.value == "Harbour"
        assert bar.input.has_focus


async def test_keys_typed_at_once_after_the_filter_key_go_to_the_filter(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(120, 30)) as pilot:
        await open_view(pilot)
        typed(app, [("f", "f"), ("b", "b"), ("u", "u"), ("r", "r")])
        await wait_until(pilot, lambda: app.query_one("#filter", Input).value == "bur")
        await settle(pilot)
        assert app.query_one("#filter", Input).value == "bur"
        assert app.query_one("#filter", Input).has_focus


async def test_a_note_typed_in_the_same_read_as_a_goes_into_the_editor(library):
    # `a` opens the note editor (a screen of its own, still mounting when the
    # next keys arrive): they wait for it, in order, rather than being lost.
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        await open_view(pilot)
        typed(app, [("a", "a"), *((ch if ch != " " else "space", ch) for ch in "so it goes")])
        await wait_until(pilot, lambda: app.screen.query("#editor-note"))
        editor = app.screen.query_one("#editor-note", TextArea)
        await wait_until(pilot, lambda: editor.text == "so it goes")
        await settle(pilot)
        assert editor.text == "so it goes"
        assert editor.has_focus
