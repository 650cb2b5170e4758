"""The right-hand panel, and what each of its lists is built on.

:class:`SidePanel` shows one list at a time. A list is a :class:`PanelList`
subclass in a module of its own (``notes_panel.py``, ``entities_panel.py``,
``quotes_panel.py``), registered in ``PANELS`` in :mod:`reader.ui.app`; a key
``panel('name')`` in :mod:`reader.ui.keys` opens it. A list names itself
(``PANEL``, ``PANEL_TITLE``, ``PANEL_HINT``), fills itself from the open
article's notes and analysis (:meth:`PanelList.show_notes`,
:meth:`PanelList.show_analysis`), says what ``enter`` on an entry does
(:meth:`PanelList.choose`, given the reader pane) and may point at a
passage of the article (:meth:`PanelList.pointer`: the article underlines
it while the entry is highlighted and scrolls to it).

Each list is an ``OptionList`` (rendered lazily) that ``j`` / ``k`` move
like the arrow keys. Every entry is built from plain text with
:class:`Content` (never markup). The entities and quotes lists take in the
title and the standfirst (dek) with the body: their analysis is
``Analysis.title`` / ``.dek``, with offsets into those texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.model import Analysis, Part
from reader.library.sanitize import safe_display
from reader.ui.keys import PANEL_LIST, bindings_for

if TYPE_CHECKING:
    from reader.ui.notes_panel import NoteEntry
    from reader.ui.reader_pane import ReaderPane

SNIPPET = 70

Span = tuple[int, int]


def snippet(text: str, width: int = SNIPPET) -> str:
    """One line of at most ``width`` characters, safe for the terminal."""
    text = " ".join(safe_display(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


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


@dataclass(frozen=True)
class Pointer:
    """A passage a list's entry points at: ``span`` of ``part`` ("title", "dek"
    or "body"), and the spans the article underlines for it (a quote's
    speaker and cue)."""

    part: str
    span: Span
    underline: tuple[Span, ...] = ()


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


class SidePanel(Vertical):
    """The registered lists of the open article; one shown at a time.

    Hidden until a panel key first opens it, the panel holds nothing on
    screen at start: its title, lists and hint are mounted, and the lists
    filled with the open article's notes and analysis, when it is first
    shown (a start styles and lays out none of them). Until then it keeps
    the latest notes and analysis it was given.
    """

    def __init__(self, lists: Sequence[type[PanelList]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lists = {kind.PANEL: kind() for kind in lists}
        self._built = False
        self._pending_notes: Sequence[NoteEntry] | None = None
        self._pending_analysis: tuple[Analysis | None, bool] | None = None

    def compose(self) -> ComposeResult:
        return ()  # see _build

    def _build(self, first: str) -> None:
        """Mount the title, the lists (``first`` shown) and the hint, and fill the lists."""
        if self._built:
            return
        self._built = True
        switcher = ContentSwitcher(initial=first, id="panel-switcher")
        self.mount_all(
            (
                Static("", id="panel-title", markup=False),
                switcher,
                Static("", id="panel-hint", markup=False),
            )
        )
        switcher.mount_all(self.lists.values())  # in the DOM now: the list shown takes the focus
        if self._pending_notes is not None:
            self.show_notes(self._pending_notes)
        if self._pending_analysis is not None:
            self.show_analysis(*self._pending_analysis)
        self._pending_notes = self._pending_analysis = None

    @property
    def current(self) -> str:
        if not self._built:
            return next(iter(self.lists))
        return self.query_one(ContentSwitcher).current or next(iter(self.lists))

    def toggle(self, name: str) -> bool:
        """Show the list ``name`` and focus it; hide the panel instead when that
        list has the focus already. Whether the panel is shown now."""
        focused = self.app.focused
        inside = focused is not None and self in focused.ancestors
        if self.has_class("shown") and self.current == name and inside:
            self.remove_class("shown")
            return False
        self.add_class("shown")
        self.screen.set_focus(self.show_tab(name))
        return True

    def show_tab(self, name: str) -> PanelList:
        self._build(name)
        shown = self.lists[name]
        self.query_one(ContentSwitcher).current = name
        self.query_one("#panel-title", Static).update(Content(shown.PANEL_TITLE).stylize("bold"))
        self.query_one("#panel-hint", Static).update(Content(shown.PANEL_HINT))
        return shown

    def show_notes(self, notes: Sequence[NoteEntry]) -> None:
        if not self._built:
            self._pending_notes = notes
            return
        for shown in self.lists.values():
            shown.show_notes(notes)

    def show_analysis(self, analysis: Analysis | None, readable: bool = True) -> None:
        if not self._built:
            self._pending_analysis = (analysis, readable)
            return
        for shown in self.lists.values():
            shown.show_analysis(analysis, readable)

    def choose(self, kind: str, value: object, reader: ReaderPane) -> None:
        if kind in self.lists:
            self.lists[kind].choose(value, reader)

    def pointer(self) -> Pointer | None:
        """What the shown list's highlighted entry points at; None while the panel is closed."""
        if not self.has_class("shown"):
            return None
        return self.lists[self.current].pointer()
