"""How wide each part of the main screen is, from the window's width.

Plain Python (no Textual), so the rules are tested on their own; the app
applies them (:mod:`reader.ui.app`), the legend and the footer pick what
fits (:mod:`reader.ui.legend`, :mod:`reader.ui.footer`).

- The sidebar takes about 30% of the window, 24 to 40 columns (a width set
  in the config file wins), and hides itself below :data:`NARROW_BELOW`
  columns, or while a side panel is open when the text would be left
  narrower than :data:`TEXT_BESIDE_PANEL` columns (:class:`AutoHide`).
- The side panel takes about 30% of the window, 28 to 42 columns.
- The body text has a measure (:func:`measure_step`): the config's
  ``[article] width`` or what ``+`` / ``-`` chose last, from
  :data:`MEASURE_MIN` to :data:`MEASURE_MAX` columns in steps of
  :data:`MEASURE_STEP`, centred in a wider pane.
"""

from __future__ import annotations

from collections.abc import Sequence

SIDEBAR_SHARE = 0.30
SIDEBAR_MIN = 24
SIDEBAR_MAX = 40
SIDEBAR_MAX_SHARE = 0.45  # a width from the config file is kept under this share
NARROW_BELOW = 90  # below this many columns the sidebar hides itself

PANEL_SHARE = 0.30
PANEL_MIN = 28
PANEL_MAX = 42

# With a panel open, the sidebar steps aside when the text would get fewer columns.
TEXT_BESIDE_PANEL = 60
# What the article pane takes besides its text: padding (2 + 2) and the scrollbar.
TEXT_GUTTER = 5

MEASURE_MIN = 40
MEASURE_MAX = 120
MEASURE_STEP = 4


def _share(window: int, share: float, low: int, high: int) -> int:
    return max(low, min(high, round(window * share)))


def sidebar_width(window: int, configured: int | None = None) -> int:
    """The sidebar's width in a window ``window`` columns wide: ``configured``
    (the config file's) when given, kept under 45% of the window; else about
    30% of it, from 24 to 40 columns."""
    if configured is not None:
        return max(1, min(configured, int(window * SIDEBAR_MAX_SHARE)))
    return _share(window, SIDEBAR_SHARE, SIDEBAR_MIN, SIDEBAR_MAX)


def panel_width(window: int) -> int:
    """The side panel's width: about 30% of the window, from 28 to 42 columns."""
    return _share(window, PANEL_SHARE, PANEL_MIN, PANEL_MAX)


def sidebar_in_the_way(window: int, sidebar: int, panel: int | None) -> bool:
    """Whether the sidebar should hide itself: the window is narrow, or a panel
    (``panel`` columns wide; None: closed) leaves the text too little room."""
    if window < NARROW_BELOW:
        return True
    if panel is None:
        return False
    return window - sidebar - panel - TEXT_GUTTER < TEXT_BESIDE_PANEL


def measure_step(measure: int, steps: int) -> int:
    """The text measure ``steps`` steps wider (negative: narrower), within bounds."""
    measure = max(MEASURE_MIN, min(MEASURE_MAX, measure))
    return max(MEASURE_MIN, min(MEASURE_MAX, measure + steps * MEASURE_STEP))


class AutoHide:
    """When the sidebar hides and shows itself, and when the reader decided.

    The sidebar hides itself when the layout turns against it (a narrow
    window, a panel that needs the room) and shows itself again when that
    passes, unless the reader hid it meanwhile (``t``). Only a change of
    the layout acts: in between, what the reader shows or hides stays.
    """

    def __init__(self) -> None:
        self.in_the_way: bool | None = None  # as of the last update; None before the first
        self.hidden_by_us = False  # hidden now because of the layout, not by the reader

    def update(self, in_the_way: bool, shown: bool) -> bool | None:
        """The layout now says ``in_the_way``; the sidebar is ``shown``. Whether
        to show it (True) or hide it (False), or None to leave it."""
        if in_the_way == self.in_the_way:
            return None
        self.in_the_way = in_the_way
        if in_the_way:
            if shown:
                self.hidden_by_us = True
                return False
            return None
        if self.hidden_by_us:
            self.hidden_by_us = False
            return None if shown else True
        return None

    def reader_toggled(self) -> None:
        """The reader showed or hid the sidebar: theirs now, until the layout changes again."""
        self.hidden_by_us = False


def fit_in_order(widths: Sequence[int], room: int, keep: Sequence[bool] = ()) -> list[bool]:
    """Which items of ``widths`` (cells each) fit in ``room``, in order, whole:
    those ``keep`` marks are placed first (when they fit together), then the
    others in order until one does not fit. A True per item shown."""
    kept = [bool(keep[i]) if i < len(keep) else False for i in range(len(widths))]
    used = sum(width for width, k in zip(widths, kept, strict=True) if k)
    if used > room:  # not even those: all in order, then
        kept = [False] * len(widths)
        used = 0
    shown = list(kept)
    for i, width in enumerate(widths):
        if kept[i]:
            continue
        if used + width > room:
            break
        used += width
        shown[i] = True
    return shown
