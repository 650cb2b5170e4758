"""The reading statistics screen (reader/ui/stats.py), on fixed figures.

Update the snapshot after an intended visual change with ``pytest --snapshot-update``.
"""

from __future__ import annotations

import io
from datetime import UTC, date

from rich.console import Console
from textual.app import App
from textual.widgets import Static

from reader.store import Store
from reader.store.annotations import Annotation
from reader.store.stats import ReadingTime
from reader.store.summary import ReadingStats, reading_stats
from reader.ui.keys import KEY_BY_ID
from reader.ui.stats import StatsScreen

TODAY = date(2025, 3, 5)


def fixed_stats() -> ReadingStats:
    """Figures from a store filled with fixed rows, as of a fixed day."""
    store = Store()
    store.add_reading_time(
        [
            ReadingTime("alpha", "2025-02-28", 900.0, "Trade talks resume in Moscow"),
            ReadingTime("alpha", "2025-03-03", 1260.0, "Trade talks resume in Moscow"),
            ReadingTime(
                "beta", "2025-03-04", 2700.0, "[bold]Not bold[/bold] and [@click=app.quit]x[/]"
            ),
            ReadingTime("gamma", "2025-03-05", 420.0, "A very long title " * 8),
            ReadingTime("delta", "2025-03-05", 30.0),
        ]
    )
    store.set_progress("beta", 12, 0, 1.0)
    for n, created in enumerate(
        ["2025-02-18T09:00:00Z", "2025-03-03T09:00:00Z", "2025-03-04T09:00:00Z"]
    ):
        store.add_annotation(Annotation(f"n{n}", "alpha", "q", "", "", 0, 1, created=created))
    return reading_stats(store, TODAY, days=7, tz=UTC)


class StatsApp(App[None]):
    """A bare app that shows the screen and nothing else."""

    def __init__(self, stats: ReadingStats) -> None:
        super().__init__()
        self.stats = stats

    def on_mount(self) -> None:
        self.push_screen(StatsScreen(self.stats))


def test_stats_screen_snapshot(snap_compare):
    assert snap_compare(StatsApp(fixed_stats()), terminal_size=(90, 42))


async def test_titles_are_shown_as_written_and_escape_closes():
    app = StatsApp(fixed_stats())
    async with app.run_test(size=(90, 42)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        articles = screen.query_one("#stats-articles", Static).content
        console = Console(width=80, record=True, file=io.StringIO())
        console.print(articles)
        shown = console.export_text()
        assert "[bold]Not bold[/bold]" in shown and "[@click=app.quit]x[/]" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
        assert app.is_running  # closed, not quit


async def test_an_empty_record_shows_zeros_and_a_word():
    app = StatsApp(reading_stats(Store(), TODAY))
    async with app.run_test(size=(90, 42)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#stats-articles", Static).content)
        assert "Nothing read yet" in text


def test_the_key_is_in_the_table():
    key = KEY_BY_ID["stats"]
    assert (key.keys, key.action, key.group, key.scope) == ("S", "stats", "App", "app")
