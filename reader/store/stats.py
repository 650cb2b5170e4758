"""Reading statistics: the time actually spent reading, articles finished, notes per week.

No Textual here: the app feeds a :class:`ReadingClock` with what the reader
does, the store keeps the time per article per day (the ``reading_time``
table, :meth:`reader.store.db.Store.add_reading_time`), and
:func:`reader.store.summary.reading_stats` sums it all up for ``limelight
stats`` and the stats screen.

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

The figures summed from the store (:func:`reader.store.summary.reading_stats`,
for ``limelight stats`` and the stats screen) are in :mod:`reader.store.summary`:
this module is what the store and a start of the app need.

Times are POSIX seconds (``time.time()``), wall-clock time because days are
local days; a clock that steps back (the system clock corrected) starts a
new span and counts nothing for the step.
"""

from __future__ import annotations

import math
import time as _time
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as day_start
from typing import TYPE_CHECKING, Any

from reader.record import Frozen

if TYPE_CHECKING:  # pragma: no cover
    from reader.store.db import Store

IDLE_CAP = 60.0  # seconds between two events counted as reading, at most
FINISHED_FRACTION = 0.98  # an article read this far is finished
DAY_LIMIT = 25 * 3600  # the most one (article, day) row may hold: the longest local day
DEFAULT_DAYS = 7
MAX_DAYS = 3660  # --days: ten years


# -- the records --------------------------------------------------------------------


_set = object.__setattr__  # how a frozen record's __init__ sets its fields


class Span(Frozen):
    """A stretch of active reading of one article: ``start`` to ``end``, POSIX seconds."""

    __slots__ = ("article_id", "start", "end", "title")
    article_id: str
    start: float
    end: float
    title: str

    def __init__(self, article_id: str, start: float, end: float, title: str = "") -> None:
        _set(self, "article_id", article_id)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "title", title)

    @property
    def seconds(self) -> float:
        return max(0.0, self.end - self.start)


class ReadingTime(Frozen):
    """One row of the ``reading_time`` table: seconds read of an article on a local day."""

    __slots__ = ("article_id", "day", "seconds", "title", "updated")
    article_id: str
    day: str  # ISO date, "2025-03-01"
    seconds: float
    title: str
    updated: str

    def __init__(
        self, article_id: str, day: str, seconds: float, title: str = "", updated: str = ""
    ) -> None:
        _set(self, "article_id", article_id)
        _set(self, "day", day)
        _set(self, "seconds", seconds)
        _set(self, "title", title)
        _set(self, "updated", updated)

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
