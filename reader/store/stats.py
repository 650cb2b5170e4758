"""Reading statistics: the time actually spent reading, articles finished, notes per week.

No Textual here: the app feeds a :class:`ReadingClock` with what the reader
does, the store keeps the time per article per day (the ``reading_time``
table, :meth:`reader.store.db.Store.add_reading_time`), and
:func:`reading_stats` sums it all up for ``limelight stats`` and the stats
screen.

Active time, not time with the article open: the app calls
``clock.activity(article_id, now)`` on every key, scroll and resize while an
article is shown. The time between two events counts as reading up to
:data:`IDLE_CAP` seconds: a reader pausing to think over a paragraph still
reads, one who walked away does not (the first minute after their last key
is counted, the rest is not). Opening another article closes the span of the
first one. ``clock.flush(now)`` hands over the spans finished so far (the one
still going is cut at ``now`` and carries on); :func:`record_spans` adds them
to the store, split at local midnight, so a span from 23:50 to 00:10 gives
ten minutes to each day.

Times are POSIX seconds (``time.time()``), wall-clock time because days are
local days; a clock that steps back (the system clock corrected) starts a
new span and counts nothing for the step.
"""

from __future__ import annotations

import math
import time as _time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as day_start
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from reader.store.db import Store

IDLE_CAP = 60.0  # seconds between two events counted as reading, at most
FINISHED_FRACTION = 0.98  # an article read this far is finished
DAY_LIMIT = 25 * 3600  # the most one (article, day) row may hold: the longest local day
DEFAULT_DAYS = 7
MAX_DAYS = 3660  # --days: ten years


# -- the records --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of active reading of one article: ``start`` to ``end``, POSIX seconds."""

    article_id: str
    start: float
    end: float
    title: str = ""

    @property
    def seconds(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class ReadingTime:
    """One row of the ``reading_time`` table: seconds read of an article on a local day."""

    article_id: str
    day: str  # ISO date, "2025-03-01"
    seconds: float
    title: str = ""
    updated: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "day": self.day,
            "seconds": self.seconds,
            "title": self.title,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReadingTime:
        try:
            seconds = float(data.get("seconds") or 0.0)
        except (TypeError, ValueError):
            seconds = 0.0
        if not math.isfinite(seconds):
            seconds = 0.0
        return cls(
            article_id=str(data.get("article_id", "")),
            day=str(data.get("day") or ""),
            seconds=min(float(DAY_LIMIT), max(0.0, seconds)),
            title=str(data.get("title") or ""),
            updated=str(data.get("updated") or ""),
        )


def valid_day(value: Any) -> bool:
    """True for an ISO date string as the table stores it (``"2025-03-01"``)."""
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def valid_seconds(value: Any) -> bool:
    """True for a stored row's seconds: a finite number from 0 to :data:`DAY_LIMIT`."""
    return type(value) in (int, float) and math.isfinite(value) and 0 <= value <= DAY_LIMIT


# -- the clock ----------------------------------------------------------------------


class ReadingClock:
    """Turns the reader's activity into spans of active reading (see the module's doc).

    ``clock`` gives the time when a call leaves ``now`` out (``time.time`` by
    default; tests pass ``now`` or a fake clock). Not thread-safe: the app
    calls it from its own thread only.
    """

    def __init__(self, idle_cap: float = IDLE_CAP, clock: Callable[[], float] = _time.time) -> None:
        if not idle_cap > 0:
            raise ValueError("the idle cap must be a positive number of seconds")
        self.idle_cap = float(idle_cap)
        self._clock = clock
        self.article_id: str | None = None  # the article being read
        self.title = ""
        self._start = 0.0  # where the open span starts
        self._last = 0.0  # the last activity
        self._finished: list[Span] = []

    def _now(self, now: float | None) -> float:
        return float(self._clock() if now is None else now)

    def _close(self, end: float) -> None:
        """Finish the open span at ``end`` (kept only when it has a length)."""
        if self.article_id is not None and end > self._start:
            self._finished.append(Span(self.article_id, self._start, end, self.title))
        self._start = max(self._start, end)

    def _close_open(self, now: float) -> None:
        """Finish the open span as of ``now``: it counts up to the idle cap after
        the last event (only up to that event when the clock stepped back)."""
        if self.article_id is not None:
            self._close(self._last if now < self._last else min(now, self._last + self.idle_cap))

    def activity(self, article_id: str, now: float | None = None, title: str = "") -> None:
        """The reader did something (a key, a scroll, a resize) in ``article_id`` at ``now``."""
        now = self._now(now)
        if article_id != self.article_id:
            self._close_open(now)
            self.article_id, self.title = article_id, title
            self._start = self._last = now
            return
        if title:
            self.title = title
        if now < self._last:  # the clock stepped back: count nothing for the step
            self._close(self._last)
            self._start = self._last = now
            return
        if now - self._last > self.idle_cap:  # the reader was away: count the first minute
            self._close(self._last + self.idle_cap)
            self._start = now
        self._last = now

    def stop(self, now: float | None = None) -> None:
        """The reader stopped reading (quit, left the app, closed the article): close the span."""
        self._close_open(self._now(now))
        self.article_id, self.title = None, ""

    def flush(self, now: float | None = None) -> list[Span]:
        """The spans finished since the last flush, the open one cut at ``now`` (it
        carries on from there: nothing is counted twice)."""
        self._close_open(self._now(now))
        spans, self._finished = self._finished, []
        return spans

    @property
    def pending(self) -> float:
        """Seconds finished but not flushed yet (the open span not included)."""
        return sum(span.seconds for span in self._finished)


# -- days ---------------------------------------------------------------------------


def local_day(moment: float, tz: tzinfo | None = None) -> date:
    """The day ``moment`` falls on, in ``tz`` (None: the local time zone)."""
    return datetime.fromtimestamp(moment, tz).date()


def _midnight_after(day: date, tz: tzinfo | None) -> float:
    return datetime.combine(day + timedelta(days=1), day_start(), tzinfo=tz).timestamp()


def split_by_day(start: float, end: float, tz: tzinfo | None = None) -> list[tuple[date, float]]:
    """``[(day, seconds)]`` of the stretch ``start``..``end``, cut at each midnight
    of ``tz`` (None: the local time zone, summer time included)."""
    parts: list[tuple[date, float]] = []
    while start < end:
        day = local_day(start, tz)
        cut = _midnight_after(day, tz)
        if not start < cut:  # a zone whose midnight does not exist: the rest is this day's
            cut = end
        cut = min(cut, end)
        parts.append((day, cut - start))
        start = cut
    return parts


def daily_totals(spans: Iterable[Span], tz: tzinfo | None = None) -> list[ReadingTime]:
    """The spans summed per (article, day), as rows to add (seconds rounded to the ms)."""
    totals: dict[tuple[str, str], float] = {}
    titles: dict[str, str] = {}
    for span in spans:
        if span.title:
            titles[span.article_id] = span.title
        for day, seconds in split_by_day(span.start, span.end, tz):
            key = (span.article_id, day.isoformat())
            totals[key] = totals.get(key, 0.0) + seconds
    return [
        ReadingTime(article_id, day, round(seconds, 3), titles.get(article_id, ""))
        for (article_id, day), seconds in totals.items()
        if seconds > 0
    ]


def record_spans(store: Store, spans: Iterable[Span], tz: tzinfo | None = None) -> int:
    """Add the spans to the store, per article per local day, in one write (none
    when there is nothing to add). Returns how many rows were added to.
    Raises :class:`~reader.store.db.StoreError` when the save fails."""
    rows = daily_totals(spans, tz)
    if rows:
        store.add_reading_time(rows)
    return len(rows)


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
