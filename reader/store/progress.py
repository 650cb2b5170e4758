"""How much of an article the reader has read: the rule behind "42%" and "read".

The fraction kept with a reading place (and shown in the sidebar, and counted
as finished by the statistics at :data:`reader.store.stats.FINISHED_FRACTION`)
is what the reader has had the time to read, not what happened to be on
screen:

- what has scrolled past the top of the view is read;
- the rest of the view counts once it has stayed on screen long enough to be
  read: its words not read yet at :data:`SKIM_WPM`, and at least
  :data:`MIN_DWELL` seconds. So passing an article by (``]`` to the next one, a jump that
  moves on at once) reads only what scrolled past the top, and the end of an
  article, or all of a short one, counts once the reader has stayed there;
- the furthest point read is kept, from earlier visits too: rereading the
  start of a finished article does not make it unread.

:class:`ReadingProgress` applies the rule to the open article, with a clock
that can be given (a test's); no Textual.
"""

from __future__ import annotations

import time
from collections.abc import Callable

SKIM_WPM = 500  # a fast reader's words per minute: the least time a screen takes
MIN_DWELL = 2.0  # seconds: the least time on screen before the view's text counts


def view_fractions(top: float, height: float, total: float) -> tuple[float, float]:
    """(top, bottom) of a view of ``height`` rows at row ``top`` of ``total``,
    as fractions of the article; a view that holds all of it is (0, 1)."""
    if total <= 0 or height >= total:
        return 0.0, 1.0
    top = max(0.0, min(float(top), total - height))
    return top / total, min(1.0, (top + height) / total)


class ReadingProgress:
    """How far the reader has read the open article (see the module docstring)."""

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        wpm: float = SKIM_WPM,
        min_dwell: float = MIN_DWELL,
    ) -> None:
        self._clock = clock
        self.wpm = wpm
        self.min_dwell = min_dwell
        self.article_id: str | None = None
        self.words = 0
        self.read = 0.0  # the furthest fraction read
        self._since = 0.0  # when the view last moved

    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now

    def start(
        self, article_id: str, words: int, before: float = 0.0, now: float | None = None
    ) -> None:
        """An article is shown; ``before`` is what earlier visits read of it."""
        self.article_id = article_id
        self.words = max(0, int(words))
        self.read = min(1.0, max(0.0, float(before)))
        self._since = self._now(now)

    def moved(self, now: float | None = None) -> None:
        """The view moved: what it shows now starts its time on screen."""
        self._since = self._now(now)

    def dwell(self, top: float, bottom: float) -> float:
        """Seconds the view from ``top`` to ``bottom`` must stay to count as
        read: the time its words not read yet take."""
        words = max(0.0, bottom - max(top, self.read)) * self.words
        return max(self.min_dwell, words * 60.0 / self.wpm)

    def waiting(self, top: float, bottom: float, now: float | None = None) -> float:
        """Seconds until the view's text counts as read (0 when it does)."""
        if bottom <= self.read:
            return 0.0
        return max(0.0, self._since + self.dwell(top, bottom) - self._now(now))

    def fraction(self, top: float, bottom: float, now: float | None = None) -> float:
        """How far the article is read with the view from ``top`` to ``bottom``."""
        seen = bottom if self.waiting(top, bottom, now) == 0 else top
        self.read = max(self.read, min(1.0, max(0.0, seen)))
        return self.read
