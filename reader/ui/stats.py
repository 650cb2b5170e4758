"""The reading statistics screen (``S``): the figures of ``limelight stats``.

It shows a :class:`~reader.store.summary.ReadingStats` computed by the caller
(``reading_stats(store, date.today())``, after flushing the app's reading
clock so the current session counts), so what it draws depends on nothing
but that: the snapshot test gives it a fixed day.

Titles are untrusted text: they go through :func:`safe_display` and into
:class:`~rich.text.Text` or :class:`~textual.content.Content` as plain text,
never into markup. ``escape`` closes the screen.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.library.sanitize import clean_inline, safe_display
from reader.store.summary import (
    ReadingStats,
    bar,
    day_chart,
    day_label,
    format_duration,
    window_label,
)
from reader.text import plural

BAR_WIDTH = 30  # columns of the longest bar
LABEL_WIDTH = 10  # "Mon 03 Mar", "2025-W09": the bars of both charts start together
TOP_ARTICLES = 8  # the most read articles listed


def _title(text: str, article_id: str) -> str:
    shown = safe_display(clean_inline(text or ""))
    return shown or f"article {safe_display(article_id)}"


def summary_table(stats: ReadingStats) -> Table:
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    this_week = stats.recent_weeks(1)[0][1]
    table.add_row(
        Text("reading time"),
        Text(
            f"{format_duration(stats.total_seconds)} in all · "
            f"{format_duration(stats.window_seconds)} {window_label(stats)}"
        ),
    )
    table.add_row(Text("finished"), Text(plural(stats.finished_count, "article")))
    table.add_row(Text("notes"), Text(f"{stats.notes_total} · {this_week} this week"))
    return table


def day_table(stats: ReadingStats) -> Table:
    """The bar chart of the time per day, oldest first."""
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(width=LABEL_WIDTH, no_wrap=True, style="dim")
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(no_wrap=True)
    for label, line, duration in day_chart(stats.per_day, BAR_WIDTH):
        table.add_row(Text(label), Text(line, style="green"), Text(duration))
    return table


def articles_table(stats: ReadingStats, limit: int = TOP_ARTICLES) -> Table:
    """The most read articles: time, title (cut to its column), finished or not."""
    table = Table.grid(padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, justify="right")
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(no_wrap=True, style="dim")
    for article in stats.articles[:limit]:
        table.add_row(
            Text(format_duration(article.seconds)),
            Text(_title(article.title, article.article_id)),  # plain text, never markup
            Text("✓ finished" if article.finished else ""),
        )
    return table


def weeks_table(stats: ReadingStats) -> Table:
    """Notes per ISO week, the recent weeks, as bars."""
    weeks = stats.recent_weeks()
    most = max((count for _, count in weeks), default=0)
    table = Table.grid(padding=(0, 2, 0, 0))
    table.add_column(width=LABEL_WIDTH, no_wrap=True, style="dim")
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(no_wrap=True)
    for week, count in weeks:
        table.add_row(Text(week), Text(bar(count, most, BAR_WIDTH), style="blue"), Text(str(count)))
    return table


class StatsScreen(ModalScreen[None]):
    """Reading time per day (a bar chart), the most read articles, notes per week."""

    DEFAULT_CSS = """
    StatsScreen {
        align: center middle;
    }
    #stats-box {
        width: 80;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }
    #stats-summary {
        margin: 1 0 0 0;
    }
    .stats-heading {
        margin: 1 0 0 0;
    }
    #stats-hint {
        margin: 1 0 0 0;
        color: $text-muted;
    }
    """

    def __init__(self, stats: ReadingStats) -> None:
        super().__init__()
        self.stats = stats

    def compose(self) -> ComposeResult:
        stats = self.stats
        with VerticalScroll(id="stats-box"):
            yield Static(
                Content.assemble(
                    ("Reading statistics", "bold"), ("  as of " + day_label(stats.today), "dim")
                ),
                id="stats-title",
            )
            yield Static(summary_table(stats), id="stats-summary", classes="stats-section")
            yield Static(Content("Time per day").stylize("bold underline"), classes="stats-heading")
            yield Static(day_table(stats), id="stats-days", classes="stats-section")
            yield Static(Content("Most read").stylize("bold underline"), classes="stats-heading")
            if stats.articles:
                yield Static(articles_table(stats), id="stats-articles", classes="stats-section")
            else:
                yield Static(
                    Content("Nothing read yet: the time counts while you read an article."),
                    id="stats-articles",
                    classes="stats-section",
                )
            yield Static(
                Content("Notes per week").stylize("bold underline"), classes="stats-heading"
            )
            yield Static(weeks_table(stats), id="stats-weeks", classes="stats-section")
            yield Static(
                Content(
                    "escape closes · reading time is active time: idle minutes are not counted"
                ),
                id="stats-hint",
            )

    def on_key(self, event: events.Key) -> None:
        # Closed by escape, the way the other screens are; the key table has one
        # entry for this screen (the app's `stats`), so the key is handled here.
        if event.key == "escape":
            event.stop()
            self.dismiss(None)
