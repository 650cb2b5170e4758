"""Pilot tests: the loading state of an article being analysed.

The text is shown at once, before its analysis; while the analysis runs a
loading indicator shows over the pane (wherever the reader has scrolled);
when the highlights arrive the indicator goes and the text does not move,
though speaker lines appear above the place being read.

The analysis waits on an Event the test sets, so the pending state is held
as long as the test looks at it, with no timing involved.
"""

from __future__ import annotations

import threading

import pytest

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView, is_long
from reader.ui.reader_pane import ANALYSING, ReaderPane
from reader.workspace import Workspace
from tests.helpers import screen_text, settle, wait_until, write
from tests.test_reading_place import top_offset


def article_text(paragraphs: int) -> str:
    """Paragraphs that each quote someone, so that the analysis adds speaker lines."""
    body = [
        f"Paragraph {index} opens the day at the harbour and the crew comes in at dawn."
        f" \u201cThe boats of day {index} are ready,\u201d said Anna Lindqvist."
        for index in range(paragraphs)
    ]
    return "Waiting for highlights\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def gate(monkeypatch):
    """Every analysis waits until the test sets the returned Event."""
    released = threading.Event()
    analyse = Workspace.analysis

    def waiting(self, article):
        released.wait(30)
        return analyse(self, article)

    monkeypatch.setattr(Workspace, "analysis", waiting)
    yield released
    released.set()


@pytest.mark.parametrize("paragraphs", [60, 400], ids=["blocks", "long"])
async def test_the_indicator_shows_while_analysing_and_highlights_do_not_move_the_text(
    tmp_path, gate, paragraphs
):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", article_text(paragraphs))
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.query_one(ArticleView).article is not None)
        view = app.query_one(ArticleView)
        pane = app.query_one(ReaderPane)
        assert is_long(view.article) == (paragraphs == 400)
        await pilot.pause()
        # the text is there, unhighlighted, and the indicator says work is going on
        assert "Paragraph 0 opens the day" in screen_text(app)
        assert view.analysing and view.analysis is None
        assert pane.status.has_class("shown") and ANALYSING in screen_text(app)
        assert "quoted:" not in screen_text(app)
        # read on while it works: the indicator stays in sight
        view.focus()
        view.scroll_to(y=40, animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        before = top_offset(app, view)
        assert ANALYSING in screen_text(app)

        gate.set()
        await wait_until(pilot, lambda: view.analysis is not None)
        await settle(pilot)
        assert not view.analysing and not pane.status.has_class("shown")
        screen = screen_text(app)
        assert ANALYSING not in screen
        assert "quoted: Anna Lindqvist" in screen  # the highlights arrived...
        assert top_offset(app, view) == before  # ... and the text stayed where it was


async def test_a_failed_analysis_clears_the_indicator(tmp_path, monkeypatch):
    def broken(self, article):
        raise RuntimeError("no analysis today")

    monkeypatch.setattr(Workspace, "analysis", broken)
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", article_text(5))
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.analysis is None
        assert not view.analysing
        assert not app.query_one(ReaderPane).status.has_class("shown")
        assert ANALYSING not in screen_text(app)
        assert any("no analysis today" in n.message for n in app._notifications)


async def test_an_analysed_article_shows_no_indicator(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "a.txt", article_text(5))
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).analysis is not None
        assert not app.query_one(ReaderPane).status.has_class("shown")
        assert ANALYSING not in screen_text(app)
