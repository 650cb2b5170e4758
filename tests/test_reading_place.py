"""Pilot tests: the reading place holds while the text is laid out again.

Hiding and showing the sidebar, a side panel or everything (zen), resizing
the terminal, changing the theme, highlights arriving: the text under the
top of the view stays there, so the sentence the reader was on stays the
first one visible (within a line, as the text re-wraps at another width).

The place is checked on what the screen shows: the first line of text in
the article pane, found in the article's body.
"""

from __future__ import annotations

import pytest

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from tests.helpers import settle, write


def article_text(paragraphs: int = 90) -> str:
    """Paragraphs of different lengths whose every line is unique text."""
    body = []
    for index in range(paragraphs):
        sentences = [
            f"Sentence {index}.{number} tells of the harbour, the boats and the crew {index * 7 + number}."
            for number in range(1 + index % 5)
        ]
        body.append(" ".join(sentences))
    return "A steady place\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", article_text())
    return folder


def first_line(app: LimelightApp, view: ArticleView) -> str:
    """The first line of text the article pane shows."""
    region = view.scrollable_content_region  # without the scrollbar
    strips = app.screen._compositor.render_strips()
    for y in range(region.y, region.bottom):
        text = strips[y].crop(region.x, region.right).text.strip()
        if text:
            return text
    raise AssertionError("the article pane shows no text")


def top_offset(app: LimelightApp, view: ArticleView) -> tuple[int, str]:
    """(body offset, text) of the first line on screen."""
    line = first_line(app, view)
    offset = view.article.body.find(line)
    assert offset >= 0 and view.article.body.count(line) == 1, line
    return offset, line


def assert_same_place(app, view, before: tuple[int, str], what: str) -> None:
    """The character that was first on screen is on the first line shown now."""
    offset, line = top_offset(app, view)
    assert offset <= before[0] <= offset + len(line), (
        f"after {what} the top moved from {before[1]!r} to {line!r}"
    )


async def open_at(pilot, row: int) -> ArticleView:
    await settle(pilot)
    view = pilot.app.query_one(ArticleView)
    view.focus()
    view.scroll_to(y=row, animate=False, immediate=True)
    await settle(pilot)
    return view


@pytest.mark.parametrize("row", [23, 58, 91])
async def test_the_sidebar_shown_and_hidden_four_times_keeps_the_place(library, row):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_at(pilot, row)
        before = top_offset(app, view)
        width = view.size.width
        for toggle in range(4):
            await pilot.press("t")
            await settle(pilot)
            assert_same_place(app, view, before, f"{toggle + 1} sidebar toggles")
            if toggle == 0:
                assert view.size.width != width  # the text was laid out again
        assert top_offset(app, view) == before  # back at the first width: exactly


@pytest.mark.parametrize("row", [23, 58])
async def test_resizing_80_to_120_and_back_keeps_the_place(library, row):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(80, 30)) as pilot:
        view = await open_at(pilot, row)
        before = top_offset(app, view)
        for size in ((120, 30), (80, 30), (120, 40), (80, 30)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert_same_place(app, view, before, f"a resize to {size}")
        assert top_offset(app, view) == before


async def test_panels_zen_and_themes_keep_the_place(library):
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(110, 30)) as pilot:
        view = await open_at(pilot, 47)
        before = top_offset(app, view)
        for key in ("e", "e", "w", "w", "z", "z"):  # entities, quotes, zen: open and close
            await pilot.press(key)
            await settle(pilot)
            assert_same_place(app, view, before, f"pressing {key}")
        for theme in ("textual-light", "nord", "textual-dark"):
            app.theme = theme
            await settle(pilot)
            assert_same_place(app, view, before, f"the {theme} theme")
        assert top_offset(app, view) == before


async def test_scrolling_after_a_toggle_is_a_new_place(library):
    """The place kept is where the reader last scrolled to, not the first one."""
    app = LimelightApp(paths=[library])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_at(pilot, 30)
        await pilot.press("t")
        await settle(pilot)
        for _ in range(9):
            await pilot.press("j")
        await settle(pilot)
        before = top_offset(app, view)
        await pilot.press("t")
        await settle(pilot)
        assert_same_place(app, view, before, "a toggle after scrolling")


@pytest.mark.parametrize("width", [7, 20, 33])
async def test_line_starts_are_where_a_static_breaks_its_lines(width):
    """The geometry the place is kept with is Textual's own wrap, line for line."""
    from textual.app import App
    from textual.widgets import Static

    from reader.ui.article_view import line_starts

    text = (
        "A paragraph with some words, a hyphenated-compound and an "
        "extraordinarilylongwordthatmustbefolded across lines.\nA hard break, then more"
        " words \u201cquoted\u201d \u2014 to the end."
    )

    class One(App):
        CSS = f"Static {{ width: {width}; }}"

        def compose(self):
            yield Static(text, markup=False)

    app = One()
    async with app.run_test(size=(60, 40)):
        widget = app.query_one(Static)
        shown = [strip.text.rstrip() for strip in widget.render_lines(widget.region.reset_offset)]
        starts = line_starts(text, width)
        ends = [*starts[1:], len(text)]
        expected = [text[start:end].rstrip().rstrip("\n") for start, end in zip(starts, ends, strict=True)]
        assert shown[: len(expected)] == expected
        assert not any(shown[len(expected) :])
