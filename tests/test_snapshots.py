"""Snapshots of the key screens (pytest-textual-snapshot).

Update after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from reader.ui.app import LimelightApp
from tests.helpers import settle


def test_main_screen_on_the_seed(snap_compare):
    assert snap_compare(LimelightApp(), terminal_size=(120, 40), run_before=settle)


def test_help_screen(snap_compare):
    async def open_help(pilot):
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(LimelightApp(), terminal_size=(100, 40), run_before=open_help)


def test_cursor_and_layers(snap_compare):
    async def cursor_without_quotes(pilot):
        await settle(pilot)
        await pilot.press("space", "c", "j", "1")

    assert snap_compare(LimelightApp(), terminal_size=(100, 30), run_before=cursor_without_quotes)


def test_contents_screen(snap_compare, tmp_path):
    from tests.test_app_reading import book_text

    path = tmp_path / "book.md"
    path.write_text(book_text(), encoding="utf-8")

    async def open_contents(pilot):
        await settle(pilot)
        await pilot.press("T", "down")

    app = LimelightApp(paths=[path])
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_contents)
