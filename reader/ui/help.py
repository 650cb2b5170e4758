"""The help screen (``?``): every key, grouped, from the key table.

The rows come from :func:`reader.ui.keys.help_rows`: every binding of every
scope, with the keys in force (the app's keymap applied, not only the
defaults), each binding's id (the name a keymap uses) and what it does, its
wrapped lines indented under their column. It scrolls with the article's
keys (``j`` / ``k``, ``space`` / ``b``, ``g`` / ``G``), without animation, so a
burst of presses scrolls by all of them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.keys import HELP, HelpRow, bindings_for, current_keys, fill, help_rows

MAX_KEYS_WIDTH = 24  # a longer list of keys is cut with an ellipsis


def help_table(rows: list[HelpRow], keys_width: int, id_width: int) -> Table:
    """One group's rows: keys, id, what it does (wrapped in its column)."""
    table = Table.grid(padding=(0, 2, 0, 0), expand=True)
    table.add_column(width=keys_width, no_wrap=True, overflow="ellipsis", style="bold")
    table.add_column(width=id_width, no_wrap=True, style="dim")
    table.add_column(ratio=1)
    for row in rows:
        # Text, never markup: a key such as "[" must show as itself.
        table.add_row(Text(row.keys), Text(row.id), Text(row.text))
    return table


class HelpScreen(ModalScreen[None]):
    # Here, not in app.tcss: parsed when help is first opened, not at every start.
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }

    #help-box {
        width: 100;
        max-width: 95%;
        max-height: 90%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }

    #help-title {
        margin: 0;
    }

    .help-group {
        margin: 1 0 0 0;
    }

    #help-hint {
        margin: 1 0 0 0;
        color: $text-muted;
    }
    """
    BINDINGS = bindings_for(HELP)

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._keymap_given = keymap
        self.groups: list[tuple[str, list[HelpRow]]] = []

    @property
    def keymap(self) -> Mapping[str, str]:
        """The keymap shown: the one given, else the app's (``App.set_keymap``)."""
        if self._keymap_given is not None:
            return self._keymap_given
        return getattr(self.app, "_keymap", None) or {}

    def compose(self) -> ComposeResult:
        keymap = self.keymap
        self.groups = help_rows(keymap)
        rows = [row for _, group in self.groups for row in group]
        keys_width = min(MAX_KEYS_WIDTH, max(len(row.keys) for row in rows))
        id_width = max(len(row.id) for row in rows)
        hint = fill(
            "{help-down} / {help-up} scroll · {close-help} closes this screen"
            " · a keymap changes a key by its id",
            current_keys(keymap),
        )
        # Not focusable: every key reaches the screen's bindings (the keymap's).
        with VerticalScroll(id="help-box", can_focus=False):
            yield Static(Content("Limelight keys").stylize("bold"), id="help-title")
            for group, group_rows in self.groups:
                yield Static(Content(group).stylize("bold underline"), classes="help-group")
                yield Static(help_table(group_rows, keys_width, id_width), classes="help-keys")
            yield Static(Content(hint), id="help-hint")

    @property
    def box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def _scroll_to(self, y: float) -> None:
        # At once, never animated: each press of a burst counts.
        self.box.scroll_to(y=y, animate=False, immediate=True)

    def action_scroll(self, lines: int) -> None:
        self._scroll_to(self.box.scroll_y + lines)

    def action_page(self, pages: int) -> None:
        box = self.box
        self._scroll_to(box.scroll_y + pages * max(1, box.scrollable_content_region.height - 1))

    def action_top(self) -> None:
        self._scroll_to(0)

    def action_bottom(self) -> None:
        self._scroll_to(self.box.max_scroll_y)

    def action_dismiss(self) -> None:
        self.dismiss(None)
