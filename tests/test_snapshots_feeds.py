"""A snapshot of the sidebar with feed items (pytest-textual-snapshot): flat,
each item with its feed's name and date, and grouped by feed (`F`).

Update after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from reader.ui.app import LimelightApp
from tests.helpers import settle
from tests.test_app_feeds import feed_items, item  # noqa: F401 - the fixture registers the format


def _library(folder):
    folder.mkdir()
    item(folder, "w1", "Storm warning for the coast", "Weather Desk", "2024-03-04T09:30:00")
    item(folder, "w2", "Heatwave ends after a week", "Weather Desk", "2024-05-06")
    item(folder, "a1", "Chip shortage eases", "Ars Technica", "2023-11-20T12:00:00")
    item(folder, "a2", "A long look at the new kernel scheduler", "Ars Technica", "2024-01-08")
    item(folder, "l1", "Weekly edition", "LWN.net", "2024-06-13T07:00:00")
    (folder / "notes.txt").write_text("Reading list\n\nThings to read.\n", encoding="utf-8")
    return folder


def test_sidebar_with_feed_items(snap_compare, tmp_path):
    app = LimelightApp(paths=[_library(tmp_path / "lib")])
    assert snap_compare(app, terminal_size=(120, 40), run_before=settle)


def test_sidebar_grouped_by_feed(snap_compare, tmp_path):
    async def grouped(pilot):
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        pilot.app.clear_notifications()  # the notice would go at its own time
        await pilot.pause()

    app = LimelightApp(paths=[_library(tmp_path / "lib")])
    assert snap_compare(app, terminal_size=(120, 40), run_before=grouped)
