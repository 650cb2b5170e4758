"""What the app keeps between starts, and what the config file says of it.

A setting the config file gives wins at start; otherwise what the reader
chose last time in the app (saved in the database): the highlight layers,
the sidebar's order, the theme and the text's width (:class:`Settings`).
:func:`apply_config` applies what the file sets beyond those (keys) and
says once what in it was wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from reader.library.sorting import ORDERS
from reader.ui.layers import ALL_LAYERS
from reader.ui.widths import MEASURE_MAX, MEASURE_MIN

if TYPE_CHECKING:
    from textual.app import App

    from reader.config import Config
    from reader.store import Store

LAYERS_SETTING = "layers.disabled"
SORT_SETTING = "sidebar.sort"
BY_FEED_SETTING = "sidebar.by_feed"
THEME_SETTING = "theme"
TEXT_WIDTH_SETTING = "article.width"


class Settings:
    """The layers, the sidebar's order, the theme and the text's width: at
    start, and as the reader changes them.

    ``quietly`` runs a store call whose failure must not stop reading (the
    app's, which reports one failure once).
    """

    def __init__(self, config: Config, store: Store, quietly: Callable) -> None:
        self.config = config
        self.store = store
        self.quietly = quietly

    def _given(self, name: str) -> bool:
        return name in self.config.set_in_file

    def layers(self) -> frozenset[str]:
        if self._given("layers.on"):
            return frozenset(self.config.layers_on)
        disabled = set(self.store.get_setting(LAYERS_SETTING, []) or [])
        return ALL_LAYERS - disabled

    def sort_order(self) -> str:
        saved = self.store.get_setting(SORT_SETTING)
        if self._given("sidebar.sort") or saved not in ORDERS:
            return self.config.sidebar_sort
        return saved

    def theme(self, known: Iterable[str]) -> str | None:
        theme = self.config.theme if self._given("theme") else self.store.get_setting(THEME_SETTING)
        return theme if isinstance(theme, str) and theme in known else None

    def sidebar_width(self) -> int | None:
        """The sidebar's width the config file sets; None: it follows the window."""
        return self.config.sidebar_width if self._given("sidebar.width") else None

    def text_width(self) -> int:
        """The body text's measure: the config file's ``[article] width``, else
        what ``+`` / ``-`` chose last, else the default."""
        saved = self.store.get_setting(TEXT_WIDTH_SETTING)
        if self._given("article.width") or not _is_measure(saved):
            return self.config.text_width
        return saved

    def keep_text_width(self, width: int) -> None:
        if self.store.get_setting(TEXT_WIDTH_SETTING) != width:
            self.quietly(self.store.set_setting, TEXT_WIDTH_SETTING, width)

    def keep_layers(self, enabled: frozenset[str]) -> None:
        self.quietly(self.store.set_setting, LAYERS_SETTING, sorted(ALL_LAYERS - enabled))

    def keep_sort(self, order: str) -> None:
        self.quietly(self.store.set_setting, SORT_SETTING, order)

    def by_feed(self) -> bool:
        """Whether the sidebar was grouped by feed last time (`F`)."""
        return self.store.get_setting(BY_FEED_SETTING) is True

    def keep_by_feed(self, grouped: bool) -> None:
        self.quietly(self.store.set_setting, BY_FEED_SETTING, grouped)

    def keep_theme(self, name: str) -> None:
        if self.store.get_setting(THEME_SETTING) != name:
            self.quietly(self.store.set_setting, THEME_SETTING, name)


def _is_measure(value: object) -> bool:
    return type(value) is int and MEASURE_MIN <= value <= MEASURE_MAX


def apply_config(app: App, config: Config, problems: list) -> None:
    """What the config file sets beyond the start values: keys (the widths are
    the app's, :mod:`reader.ui.widths`); say once what in it was wrong (the
    defaults stand in for it)."""
    if config.keymap:
        app.set_keymap(dict(config.keymap))
    if problems:
        from reader.config import format_problem

        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        app.notify(
            f"Config: {format_problem(problems[0])}{more}. The defaults stand in for"
            " what is wrong; `limelight config check` lists every problem.",
            severity="warning",
            timeout=12,
        )
