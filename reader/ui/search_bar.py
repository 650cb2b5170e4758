"""The in-article search line (``/``): incremental, smart case, regex toggle."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reader.library.sanitize import safe_display
from reader.ui.keys import SEARCH_BAR, bindings_for


class SearchBar(Horizontal):
    """An input with a match counter; the app does the searching."""

    BINDINGS = bindings_for(SEARCH_BAR)

    class Changed(Message):
        def __init__(self, query: str, regex: bool) -> None:
            super().__init__()
            self.query = query
            self.regex = regex

    class Closed(Message):
        """Enter closes the line keeping matches; escape clears them too."""

        def __init__(self, keep: bool) -> None:
            super().__init__()
            self.keep = keep

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.regex = False

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield Input(placeholder="find in article (ctrl+r regex)", id="search-input")
        yield Static("", id="search-summary", markup=False)
        yield Static("", id="search-mode", markup=False)
        yield Static("", id="search-count", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def open(self) -> None:
        self.remove_class("summary")
        self.add_class("shown")
        # Focus at once (not on the next idle) so keys typed right after `/`
        # already land in the input.
        self.screen.set_focus(self.input)
        self.input.select_all()

    def set_count(self, text: str, error: bool = False) -> None:
        label = self.query_one("#search-count", Static)
        label.update(Content(text).stylize("bold $error" if error else "bold"))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value, self.regex))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remove_class("shown")
        self.show_summary(event.value)
        self.post_message(self.Closed(keep=True))

    def show_summary(self, label: str) -> None:
        """Keep a one-line reminder of the matches (n / N step, escape clears)."""
        if not label:
            self.hide()
            return
        self.query_one("#search-summary", Static).update(
            Content.assemble(
                (safe_display(label), "bold"), ("   n / N next / previous · escape clears", "dim")
            )
        )
        self.add_class("summary")

    def hide(self) -> None:
        self.remove_class("shown")
        self.remove_class("summary")

    def action_toggle_regex(self) -> None:
        self.regex = not self.regex
        self.query_one("#search-mode", Static).update(
            Content(".* regex" if self.regex else "").stylize("bold $accent")
        )
        self.post_message(self.Changed(self.value, self.regex))

    def action_clear(self) -> None:
        self.input.value = ""
        self.hide()
        self.post_message(self.Closed(keep=False))
