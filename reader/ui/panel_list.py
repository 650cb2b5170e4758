"""What each list of the side panel is built on: :class:`PanelList`.

A list is a :class:`PanelList` subclass in a module of its own
(``notes_panel.py``, ``entities_panel.py``, ``quotes_panel.py``), registered
in ``PANELS`` in :mod:`reader.ui.app` and imported when the side panel
(:mod:`reader.ui.panels`) is first shown; a key ``panel('name')`` in
:mod:`reader.ui.keys` opens it. A list names itself (``PANEL``,
``PANEL_TITLE``, ``PANEL_HINT``), fills itself from the open article's notes
and analysis (:meth:`PanelList.show_notes`, :meth:`PanelList.show_analysis`),
says what ``enter`` on an entry does (:meth:`PanelList.choose`, given the
reader pane) and may point at a passage of the article
(:meth:`PanelList.pointer`: the article underlines it while the entry is
highlighted and scrolls to it).

Each list is an ``OptionList`` (rendered lazily) that ``j`` / ``k`` move
like the arrow keys. Every entry is built from plain text with
:class:`Content` (never markup). The entities and quotes lists take in the
title and the standfirst (dek) with the body: their analysis is
``Analysis.title`` / ``.dek``, with offsets into those texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.analysis.model import Analysis, Part
from reader.record import Frozen
from reader.ui.keys import PANEL_LIST, bindings_for

if TYPE_CHECKING:
    from reader.ui.notes import NoteEntry
    from reader.ui.reader_pane import ReaderPane

Span = tuple[int, int]


# The parts of an article in reading order, as the analysis names them.
PARTS = ("title", "dek", "body")
PART_NAMES = {"title": "the title", "dek": "the standfirst", "body": "the body"}


def analysis_parts(analysis: Analysis) -> list[tuple[str, Analysis | Part]]:
    """(part name, its analysis) for the title, the dek and the body, in reading order."""
    return [
        (name, analysis if name == "body" else getattr(analysis, name, None) or Part())
        for name in PARTS
    ]


def waiting_text(readable: bool) -> str:
    """What a list of the analysis says before there is one."""
    return "Analysing…" if readable else "Nothing to analyse: the file could not be read."


class Pointer(Frozen):
    """A passage a list's entry points at: ``span`` of ``part`` ("title", "dek"
    or "body"), and the spans the article underlines for it (a quote's
    speaker and cue)."""

    __slots__ = ("part", "span", "underline")
    part: str
    span: Span
    underline: tuple[Span, ...]

    def __init__(self, part: str, span: Span, underline: tuple[Span, ...] = ()) -> None:
        object.__setattr__(self, "part", part)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "underline", underline)


class PanelList(OptionList):
    """One list of the side panel (subclass it: see the module's docstring).

    It reports which entry was chosen; ``j`` / ``k`` move like the arrow
    keys, as in the sidebar.
    """

    BINDINGS = bindings_for(PANEL_LIST)

    PANEL: ClassVar[str] = ""  # its name: the id, and what panel('name') opens
    PANEL_TITLE: ClassVar[str] = ""
    PANEL_HINT: ClassVar[str] = ""

    class Chosen(Message):
        def __init__(self, kind: str, value: object) -> None:
            super().__init__()
            self.kind = kind
            self.value = value

    class Pointed(Message):
        """The reader highlighted another entry; ``pointer``: what it points at, if anything."""

        def __init__(self, pointer: Pointer | None) -> None:
            super().__init__()
            self.pointer = pointer

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id or self.PANEL)
        self.kind = self.PANEL
        self.values: list[object] = []

    def fill(self, entries: Sequence[tuple[Content, object]], empty: str) -> None:
        """Replace the entries. Filling is not the reader moving: it posts no
        ``OptionHighlighted`` (whoever shows the current entry asks for it)."""
        highlighted = self.highlighted
        self.values = [value for _, value in entries]
        with self.prevent(OptionList.OptionHighlighted):
            if entries:
                self.set_options(Option(prompt) for prompt, _ in entries)
                self.highlighted = min(highlighted or 0, len(entries) - 1)
            else:
                self.set_options([Option(Content(empty).stylize("dim italic"), disabled=True)])

    @property
    def current(self) -> object | None:
        index = self.highlighted
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.values):
            self.post_message(self.Chosen(self.kind, self.values[event.option_index]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Pointed(self.pointer()))

    # -- what a list does (override what it needs) ---------------------------------
    def show_notes(self, notes: Sequence[NoteEntry]) -> None:
        """The open article's notes changed."""

    def show_analysis(self, analysis: Analysis | None, readable: bool = True) -> None:
        """The open article's analysis (None: not yet; ``readable=False``: the file
        could not be read)."""

    def choose(self, value: object, reader: ReaderPane) -> None:
        """``enter`` on the entry ``value``: show it in the reader pane."""

    def pointer(self) -> Pointer | None:
        """What the highlighted entry points at in the article."""
        return None
