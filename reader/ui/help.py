"""The help screen (``?``): every key, grouped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Reading",
        (
            ("j / k / ↓ / ↑", "scroll a line; in cursor mode, a sentence"),
            ("space / b", "page down / up"),
            ("g / G", "top / bottom of the article"),
            ("c", "cursor mode (a current sentence)"),
            ("[ / ]", "previous / next article"),
        ),
    ),
    (
        "Finding",
        (
            ("/", "find in the article (as you type; ctrl+r regex)"),
            ("enter / escape", "keep the matches / clear them"),
            ("n / N", "next / previous match (wraps around)"),
        ),
    ),
    (
        "Notes and bookmarks",
        (
            ("v", "select from the cursor's sentence (j / k extend)"),
            ("a", "annotate the selection or the cursor's sentence"),
            ("o", "notes panel (enter jump · e edit · d delete)"),
            ("u", "undo the last deletion"),
            ("m", "bookmark the article (★ in the sidebar)"),
            ("M", "bookmark this place, with a label"),
            ("'", "bookmarks list (enter jump · d delete)"),
            ("B", "sidebar: bookmarked articles only"),
        ),
    ),
    (
        "Panels",
        (
            ("e", "entities, counted (enter: step mentions)"),
            ("w", "quotes, speakers (enter jump · p people)"),
            ("p", "people quoted across the library"),
        ),
    ),
    (
        "Highlights",
        (
            (
                "1 … 9, 0",
                "show or hide a layer (keys in the legend)",
            ),
            ("l", "cycle: all, quotes only, entities only, none"),
        ),
    ),
    (
        "Library",
        (
            ("f", "filter the library by title (fuzzy)"),
            ("enter", "open the chosen article"),
            ("t", "show or hide the sidebar"),
            ("tab / shift+tab", "move focus between panes"),
        ),
    ),
    (
        "App",
        (
            ("ctrl+p", "command palette (open an article by title)"),
            ("r", "refresh: notes from other windows, new files"),
            ("?", "this help"),
            ("q", "quit"),
        ),
    ),
)


def help_content() -> Content:
    lines: list[Content] = []
    for group, keys in KEYS:
        lines.append(Content(group).stylize("bold underline"))
        for key, what in keys:
            lines.append(Content.assemble((f"  {key:<22}", "bold"), what))
        lines.append(Content(""))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Content("Limelight keys").stylize("bold"), id="help-title")
            yield Static(help_content(), id="help-keys")
            yield Static(Content("escape closes this screen"), id="help-hint")

    def action_dismiss(self) -> None:
        self.dismiss(None)
