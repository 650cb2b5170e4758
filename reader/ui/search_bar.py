"""The in-article search line (``/``): incremental, smart case, regex toggle.

The line holds the query as typed, the regex mode, the match counter and,
for an invalid regular expression, the reason in a label of its own: an
error never replaces what the reader typed. Its labels have a compact form
for a narrow pane (an 80-column terminal with the sidebar open), so they fit.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from reader.library.sanitize import safe_display
from reader.ui.keys import SEARCH_BAR, bindings_for, current_keys, fill

# Below this many columns the line's labels take their compact form.
NARROW_WIDTH = 64

# (wide, narrow) forms of the labels; {id} is a binding's key in force.
PLACEHOLDER = ("find in article ({find-regex} regex)", "find ({find-regex} regex)")
SUMMARY_HINT = (
    "   {next-match} / {previous-match} next / previous · {find-clear} clears",
    "  {next-match}/{previous-match} · {find-clear}",
)
REGEX_MODE = (".* regex", ".*")
INVALID = "invalid"
ERROR_PREFIX = "invalid pattern: "  # reader.search.find's messages start so


class SearchBar(Horizontal):
    """An input with a match counter; the app does the searching.

    Hidden until ``/``, it holds nothing at start: the prompt, the input and
    the labels are mounted when first needed (a start styles and lays out
    none of them).
    """

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
        self.error = ""  # why the query cannot be searched ("" when it can)
        self._summary = ""  # what the summary line reminds of
        self._built = False

    def compose(self) -> ComposeResult:
        return ()  # see _build

    def _build(self) -> None:
        """Mount the prompt, the input and the labels, the first time they are needed."""
        if self._built:
            return
        self._built = True
        self.mount_all(
            (
                Static("/", id="search-prompt", markup=False),
                Input(id="search-input"),
                Static("", id="search-summary", markup=False),
                Static("", id="search-error", markup=False),
                Static("", id="search-mode", markup=False),
                Static("", id="search-count", markup=False),
            )
        )
        self._show_labels()

    def on_resize(self, event: events.Resize) -> None:
        if self._built:
            self._show_labels()

    @property
    def input(self) -> Input:
        self._build()
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value if self._built else ""

    @property
    def narrow(self) -> bool:
        width = self.size.width or (self.parent.size.width if self.parent else 0)
        return 0 < width < NARROW_WIDTH

    def _text(self, forms: tuple[str, str]) -> str:
        """The form of a label that fits, with the keys in force."""
        keymap = getattr(self.app, "_keymap", None) or {}
        return fill(forms[1] if self.narrow else forms[0], current_keys(keymap))

    def _show_labels(self) -> None:
        """The placeholder, the regex mode and the summary, in the form that fits."""
        self.input.placeholder = self._text(PLACEHOLDER)
        self.query_one("#search-mode", Static).update(
            Content(self._text(REGEX_MODE) if self.regex else "").stylize("bold $accent")
        )
        if self._summary:
            self.query_one("#search-summary", Static).update(
                Content.assemble(
                    (safe_display(self._summary), "bold"), (self._text(SUMMARY_HINT), "dim")
                )
            )

    def open(self) -> None:
        self._build()
        self.remove_class("summary")
        self.add_class("shown")
        self._show_labels()  # for the width of now: a hidden line gets no resize
        # Focus at once (not on the next idle) so keys typed right after `/`
        # already land in the input.
        self.screen.set_focus(self.input)
        self.input.select_all()

    def set_count(self, text: str, error: bool = False) -> None:
        """The counter ("3/12", "no matches" with ``error``); clears an error shown."""
        if not self._built and not text:
            self.error = ""  # nothing shown to clear
            return
        self._build()
        self._set_error("")
        label = self.query_one("#search-count", Static)
        label.update(Content(text).stylize("bold $error" if error else "bold"))

    def set_error(self, message: str) -> None:
        """The query cannot be searched: say why beside it, the query left as typed."""
        self._build()
        self.query_one("#search-count", Static).update(Content(INVALID).stylize("bold $error"))
        self._set_error(message)

    def _set_error(self, message: str) -> None:
        self.error = message
        label = self.query_one("#search-error", Static)
        reason = message.removeprefix(ERROR_PREFIX)
        label.update(Content(reason).stylize("$error"))
        label.tooltip = message or None
        label.set_class(bool(message), "shown")

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
        self._summary = label
        self._build()
        self._show_labels()
        self.add_class("summary")

    def hide(self) -> None:
        self.remove_class("shown")
        self.remove_class("summary")

    def action_toggle_regex(self) -> None:
        self.regex = not self.regex
        self._show_labels()
        self.post_message(self.Changed(self.value, self.regex))

    def action_clear(self) -> None:
        self.input.value = ""
        self.hide()
        self.post_message(self.Closed(keep=False))
