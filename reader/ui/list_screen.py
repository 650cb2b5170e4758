"""The tall modal box of a list to search or browse: the library search and People.

Both screens are a box near the top of the window holding a title, an input,
a status line and the list; their look is written once here. (Imported with
the screens, when first opened: not at start.)
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")


class ListScreen(ModalScreen[ResultType]):
    """A modal screen whose box (``list-screen-box``) holds a status line
    (``list-screen-status``) and a list (``list-screen-list``)."""

    # Here, not in app.tcss: parsed when such a screen is first opened, not at
    # every start. Two classes deep, so the list's own rules (OptionList's
    # border when focused) do not win over these.
    DEFAULT_CSS = """
    ListScreen {
        align: center top;
    }

    ListScreen .list-screen-box {
        width: 100;
        max-width: 95%;
        height: 90%;
        margin: 2 0 0 0;
        border: round $primary;
        background: $surface;
        padding: 1 2;
    }

    ListScreen .list-screen-box .list-screen-status {
        color: $text-muted;
        height: 1;
        margin: 0 0 1 0;
    }

    ListScreen .list-screen-box .list-screen-list {
        height: 1fr;
        border: none;
    }
    """
