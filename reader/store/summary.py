"""Reading statistics summed up: time per article and per day, articles
finished, notes per week, and how ``limelight stats`` and the stats screen
draw them (bars, day labels, durations).

It reads what :mod:`reader.store.stats` records (the ``reading_time``
table, through the store); neither a start of the app nor the store needs
it, so it is imported when the figures are first asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from reader.store.stats import DEFAULT_DAYS, FINISHED_FRACTION

if TYPE_CHECKING:  # pragma: no cover
    from reader.store.db import Store


# -- the statistics -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleTime:
    article_id: str
    title: str
    seconds: float
    fraction: float | None  # how far it was read (None: no reading place stored)
    finished: bool
    last_day: str  # the last day it was read, ISO


@dataclass(frozen=True, slots=True)
class Finished:
    article_id: str
    title: str
    fraction: float
    updated: str  # when the reading place was last saved


@dataclass(frozen=True, slots=True)
class ReadingStats:
    """Every figure of ``limelight stats`` and the stats screen."""

    today: date
    days: int
    total_seconds: float  # all the time read, every day
    per_day: list[tuple[date, float]]  # the last ``days`` days, oldest first, zeros included
    articles: list[ArticleTime]  # every article read, the most read first
    finished: list[Finished]  # articles read to FINISHED_FRACTION, latest first
    notes_total: int
    notes_per_week: list[tuple[str, int]]  # ISO week ("2025-W09"), notes made in it; oldest first
    undated_notes: int = 0  # notes whose creation stamp could not be read
    weeks: int = 4  # how many weeks :meth:`recent_weeks` gives by default
    _week_counts: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def window_seconds(self) -> float:
        return sum(seconds for _, seconds in self.per_day)

    @property
    def finished_count(self) -> int:
        return len(self.finished)

    def recent_weeks(self, count: int | None = None) -> list[tuple[str, int]]:
        """The last ``count`` ISO weeks up to today's, oldest first, with their notes (0 too)."""
        count = self.weeks if count is None else count
        monday = self.today - timedelta(days=self.today.weekday())
        weeks = [iso_week(monday - timedelta(weeks=back)) for back in range(count - 1, -1, -1)]
        return [(week, self._week_counts.get(week, 0)) for week in weeks]

    def to_dict(self) -> dict[str, Any]:
        """Every figure, for JSON (seconds rounded to the ms)."""
        return {
            "today": self.today.isoformat(),
            "days": self.days,
            "total_seconds": round(self.total_seconds, 3),
            "window_seconds": round(self.window_seconds, 3),
            "per_day": [
                {"day": day.isoformat(), "seconds": round(seconds, 3)}
                for day, seconds in self.per_day
            ],
            "articles": [
                {
                    "article_id": a.article_id,
                    "title": a.title,
                    "seconds": round(a.seconds, 3),
                    "fraction": a.fraction,
                    "finished": a.finished,
                    "last_day": a.last_day,
                }
                for a in self.articles
            ],
            "finished_count": self.finished_count,
            "finished": [
                {
                    "article_id": f.article_id,
                    "title": f.title,
                    "fraction": f.fraction,
                    "updated": f.updated,
                }
                for f in self.finished
            ],
            "notes_total": self.notes_total,
            "undated_notes": self.undated_notes,
            "notes_per_week": [
                {"week": week, "notes": count} for week, count in self.notes_per_week
            ],
            "recent_weeks": [{"week": week, "notes": count} for week, count in self.recent_weeks()],
        }


def iso_week(day: date) -> str:
    """``"2025-W09"``: the ISO year and week of ``day`` (week 1 holds the first Thursday)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _stamp_day(stamp: str, tz: tzinfo | None) -> date | None:
    """The local day of an ISO 8601 stamp (``2025-03-01T09:30:00.125Z``); None if unreadable."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(tz).date()
    except (OverflowError, ValueError, OSError):
        return None


def reading_stats(
    store: Store,
    today: date,
    days: int = DEFAULT_DAYS,
    tz: tzinfo | None = None,
    weeks: int | None = None,
) -> ReadingStats:
    """The reading figures as of ``today`` (a local date; tests pass a fixed one):
    time per article (all days), time per day for the last ``days`` days,
    articles finished (reading place at :data:`FINISHED_FRACTION` or further),
    notes per ISO week of their creation in ``tz`` (None: local time).
    ``weeks`` (default: enough to cover ``days``, at least 4) is how many
    weeks :meth:`ReadingStats.recent_weeks` gives.

    Reads only the database (no library scan): titles come from the reading
    rows, then from the notes and bookmarks of the article.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    rows = store.reading_time()
    progress = store.all_progress()
    notes = store.annotations()
    titles: dict[str, str] = {}
    for mark in store.bookmarks():
        if mark.title:
            titles[mark.article_id] = mark.title
    for note in notes:
        if note.title:
            titles[note.article_id] = note.title
    by_article: dict[str, float] = {}
    last_day: dict[str, str] = {}
    by_day: dict[str, float] = {}
    row_titles: dict[str, tuple[str, str]] = {}  # article -> (updated, title)
    for row in rows:
        by_article[row.article_id] = by_article.get(row.article_id, 0.0) + row.seconds
        by_day[row.day] = by_day.get(row.day, 0.0) + row.seconds
        if row.day > last_day.get(row.article_id, ""):
            last_day[row.article_id] = row.day
        if row.title and (row.updated, row.title) >= row_titles.get(row.article_id, ("", "")):
            row_titles[row.article_id] = (row.updated, row.title)
    for article_id, (_, title) in row_titles.items():
        titles[article_id] = title
    first = today - timedelta(days=days - 1)
    per_day = [
        (day, by_day.get(day.isoformat(), 0.0))
        for day in (first + timedelta(days=n) for n in range(days))
    ]
    articles = sorted(
        (
            ArticleTime(
                article_id,
                titles.get(article_id, ""),
                seconds,
                progress[article_id].fraction if article_id in progress else None,
                article_id in progress and progress[article_id].fraction >= FINISHED_FRACTION,
                last_day.get(article_id, ""),
            )
            for article_id, seconds in by_article.items()
        ),
        key=lambda a: (-a.seconds, a.title.casefold(), a.article_id),
    )
    finished = sorted(
        (
            Finished(p.article_id, titles.get(p.article_id, ""), p.fraction, p.updated)
            for p in progress.values()
            if p.fraction >= FINISHED_FRACTION
        ),
        key=lambda f: (f.updated, f.article_id),
        reverse=True,
    )
    week_counts: dict[str, int] = {}
    undated = 0
    for note in notes:
        day = _stamp_day(note.created, tz)
        if day is None:
            undated += 1
            continue
        week = iso_week(day)
        week_counts[week] = week_counts.get(week, 0) + 1
    if weeks is None:
        weeks = max(4, math.ceil(days / 7))
    return ReadingStats(
        today=today,
        days=days,
        total_seconds=sum(by_article.values()),
        per_day=per_day,
        articles=articles,
        finished=finished,
        notes_total=len(notes),
        notes_per_week=sorted(week_counts.items()),
        undated_notes=undated,
        weeks=weeks,
        _week_counts=week_counts,
    )


# -- showing them ---------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉"
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def bar(value: float, most: float, width: int) -> str:
    """A bar of block characters for ``value`` out of ``most`` in ``width`` columns
    (eighths of a column; anything above zero shows at least a sliver)."""
    if width <= 0 or most <= 0 or value <= 0:
        return ""
    eighths = round(min(1.0, value / most) * width * 8)
    eighths = max(1, eighths)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def day_label(day: date) -> str:
    """``"Mon 03 Mar"``, the same in every locale."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day:02d} {_MONTHS[day.month - 1]}"


def format_duration(seconds: float) -> str:
    """``"45 s"``, ``"12 min"``, ``"2 h 05 min"``."""
    seconds = max(0.0, seconds)
    if seconds < 59.5:
        return f"{int(round(seconds))} s" if seconds else "0 min"
    minutes = int(round(seconds / 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def window_label(stats: ReadingStats) -> str:
    """``"in the last 7 days"``, or ``"on Tue 04 Mar"`` for a one-day window."""
    return f"in the last {stats.days} days" if stats.days > 1 else f"on {day_label(stats.today)}"


def day_chart(per_day: list[tuple[date, float]], width: int = 30) -> list[tuple[str, str, str]]:
    """``[(day label, bar, duration)]``: the bar chart of time per day."""
    most = max((seconds for _, seconds in per_day), default=0.0)
    return [
        (day_label(day), bar(seconds, most, width), format_duration(seconds) if seconds else "")
        for day, seconds in per_day
    ]
