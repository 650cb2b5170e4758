"""The comparison program of ``benchmarks/startup.py``: a bare Textual app.

    python benchmarks/bare_textual.py FILE

Shows FILE's text, one ``Static`` per paragraph (paragraphs are separated by
blank lines) in a ``VerticalScroll``, and nothing else: the least any
Textual app showing that article can do before its first screen. ``q``
quits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class BareApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for paragraph in self.paragraphs:
                yield Static(Content(paragraph), markup=False)


if __name__ == "__main__":
    BareApp(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
