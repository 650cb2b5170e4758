"""The right-hand panel: :class:`SidePanel`, one list of the open article at a time.

Each list is a :class:`~reader.ui.panel_list.PanelList` subclass in a module
of its own, registered in ``PANELS`` in :mod:`reader.ui.app` by name and
where it is; the panel imports the lists when it is first shown, so a start
imports none of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, Static

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.ui.notes import NoteEntry
    from reader.ui.panel_list import PanelList, Pointer
    from reader.ui.reader_pane import ReaderPane


def _list_class(name: str, where: str) -> type[PanelList]:
    """The list class ``where`` names (``"module:Class"``), which must be the list ``name``."""
    module, _, attribute = where.partition(":")
    kind = getattr(import_module(module), attribute)
    if kind.PANEL != name:
        raise ValueError(f"{where} is the panel {kind.PANEL!r}, registered as {name!r}")
    return kind


class SidePanel(Vertical):
    """The registered lists of the open article; one shown at a time.

    ``lists`` names them in tab order: ``(name, "module:Class")``, the
    name the class's ``PANEL``. Hidden until a panel key first opens it, the
    panel holds nothing at start: the lists' modules are imported, and its
    title, lists and hint mounted and the lists filled with the open
    article's notes and analysis, when it is first shown (a start imports,
    styles and lays out none of them). Until then it keeps the latest notes
    and analysis it was given.
    """

    def __init__(self, lists: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._where = dict(lists)  # name -> "module:Class"
        self.lists: dict[str, PanelList] = {}  # name -> the list, once built
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
        self.lists = {name: _list_class(name, where)() for name, where in self._where.items()}
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
            return next(iter(self._where))
        return self.query_one(ContentSwitcher).current or next(iter(self._where))

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
