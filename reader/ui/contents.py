"""The contents screen (``T``): the open article's headings, to jump to one.

The headings come from :func:`reader.library.contents.contents`; each is an
entry of an ``OptionList`` (drawn lazily, so a book's hundreds of chapters
cost what is on screen), indented by its level. Heading text is untrusted:
it is shown through :func:`safe_display` as plain :class:`Content`, never
parsed as markup. ``enter`` dismisses the screen with the heading's block
(the app scrolls the article there); ``escape`` closes it.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.library.contents import Heading
from reader.library.sanitize import clean_inline, safe_display
from reader.ui.keys import CONTENTS, bindings_for

INDENT = "  "  # per level below the article's top one


def heading_prompt(heading: Heading, top_level: int) -> Content:
    """One heading as the list shows it: indented by level, the top ones bold."""
    indent = INDENT * max(0, heading.level - top_level)
    text = Content(safe_display(clean_inline(heading.text)))
    if heading.level == top_level:
        text = text.stylize("bold")
    return Content(indent) + text


def current_heading(headings: Sequence[Heading], block: int) -> int:
    """Index of the heading the reader is under at ``block`` (the first when above them all)."""
    current = 0
    for index, heading in enumerate(headings):
        if heading.block > block:
            break
        current = index
    return current


class ContentsScreen(ModalScreen["int | None"]):
    """The headings of an article; dismissed with the chosen heading's block, or None."""

    BINDINGS = bindings_for(CONTENTS)

    def __init__(self, headings: Sequence[Heading], title: str = "", current: int = 0) -> None:
        super().__init__()
        self.headings = list(headings)
        self.article_title = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="contents-box"):
            title = Content("Contents").stylize("bold")
            if self.article_title:
                shown = safe_display(clean_inline(self.article_title))
                title = title + Content(f"  {shown}").stylize("dim")
            yield Static(title, classes="dialog-title", markup=False)
            yield OptionList(id="contents-list")
            yield Static(Content("enter jump · escape close"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        top = min((heading.level for heading in self.headings), default=1)
        options.set_options(Option(heading_prompt(heading, top)) for heading in self.headings)
        if self.headings:
            options.highlighted = max(0, min(self.current, len(self.headings) - 1))
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.headings):
            self.dismiss(self.headings[event.option_index].block)

    def action_cancel(self) -> None:
        self.dismiss(None)
