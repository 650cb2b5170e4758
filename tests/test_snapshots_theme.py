"""A snapshot of the article screen in a light theme (pytest-textual-snapshot):
every highlight in the theme's own palette, readable on its light background.

Update after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

from reader.ui.app import LimelightApp
from tests.helpers import settle


def test_article_screen_in_a_light_theme(snap_compare):
    async def cursor_on(pilot):
        await settle(pilot)
        await pilot.press("c")  # the cursor's tint too

    app = LimelightApp(theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=cursor_on)
