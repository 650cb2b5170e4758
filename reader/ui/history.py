"""The jump history: where the reader was before each jump, to go back and forth.

Like vim's jump list (and bookokrat's): a jump (a search hit, a note, a
bookmark, a person's quote, another article) records the place it left;
``back`` returns there, and ``forward`` undoes a ``back``. A place is any
value the caller chooses (the app uses ``(article id, block, offset)``).
Plain Python, no Textual: the app owns one and feeds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["JumpHistory"]

P = TypeVar("P")


class JumpHistory(Generic[P]):
    """Places before jumps, newest last, with a cursor for back and forward.

    ``same(a, b)`` says whether two places are the same spot (a jump that
    goes nowhere is not recorded; consecutive duplicates are kept once).
    At most ``limit`` places are kept: the oldest go first.
    """

    def __init__(self, limit: int = 100, same: Callable[[P, P], bool] | None = None) -> None:
        self.limit = max(1, limit)
        self._same = same or (lambda a, b: a == b)
        self._places: list[P] = []
        self._at = 0  # index of the place ``forward`` returns to; len() when at the end

    def __len__(self) -> int:
        return len(self._places)

    def jump(self, leaving: P, to: P | None = None) -> None:
        """A jump from ``leaving`` (to ``to``, if known): ``leaving`` is recorded.

        Places after the cursor (those ``back`` left) are dropped, as in vim.
        """
        if to is not None and self._same(leaving, to):
            return
        del self._places[self._at :]
        if not self._places or not self._same(self._places[-1], leaving):
            self._places.append(leaving)
        if len(self._places) > self.limit:
            del self._places[: len(self._places) - self.limit]
        self._at = len(self._places)

    def back(self, current: P) -> P | None:
        """The place before the last jump (None at the oldest); ``current`` is
        kept so that :meth:`forward` can return to it."""
        if self._at == len(self._places):
            if self._places and self._same(self._places[-1], current):
                self._at -= 1  # already recorded: step past it
            else:
                self._places.append(current)
        if self._at == 0:
            return None
        self._at -= 1
        return self._places[self._at]

    def forward(self, current: P) -> P | None:
        """The place :meth:`back` left (None when there is none)."""
        if self._at + 1 >= len(self._places):
            return None
        self._at += 1
        return self._places[self._at]

    @property
    def can_go_back(self) -> bool:
        return self._at > 0

    @property
    def can_go_forward(self) -> bool:
        return self._at + 1 < len(self._places)
