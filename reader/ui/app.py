"""Limelight's Textual application: the composition root.

The screen is the library sidebar (:mod:`reader.ui.sidebar`), the reader
pane (:mod:`reader.ui.reader_pane`) and the side panel
(:mod:`reader.ui.panels`, its lists registered in :data:`PANELS`), over the
footer. Notes, bookmarks and the reading place go through the notes
controller (:mod:`reader.ui.notes`). The app holds the workspace and the
store, runs the keys of the key table's ``app`` scope, and passes on what
one part posts (an article chosen, read or analysed; a panel's entry
chosen) to the others.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer

from reader.config import Config, load_config
from reader.library.sanitize import safe_display
from reader.library.sorting import ORDERS
from reader.resources import styles_dir
from reader.store import Store
from reader.store.db import StoreError
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticleCommands, NoteCommands, binding_commands
from reader.ui.entities_panel import EntitiesList
from reader.ui.help import HelpScreen
from reader.ui.keys import APP, ARTICLE, binding_ids, bindings_for
from reader.ui.layers import next_preset, set_colours
from reader.ui.messages import (
    AnalysisReady,
    ArticleRead,
    CachesNoticed,
    FilesEdited,
    LibraryBatch,
    LibraryReplaced,
    NotesAnchored,
)
from reader.ui.notes import NotesController
from reader.ui.notes_panel import NotesList
from reader.ui.panels import PanelList, SidePanel
from reader.ui.quotes_panel import QuotesList
from reader.ui.reader_pane import ReaderPane
from reader.ui.settings import Settings, apply_config
from reader.ui.sidebar import SORT_LABELS, LibrarySidebar
from reader.workspace import Workspace

if TYPE_CHECKING:
    from reader.library.model import ArticleMeta
    from reader.ui.notes_panel import NoteEntry

# The side panel's lists, in tab order. A new panel is a PanelList subclass in
# a module of its own, added here (and a `panel('name')` key in reader/ui/keys.py).
PANELS: tuple[type[PanelList], ...] = (NotesList, EntitiesList, QuotesList)


def _run(part: str, method: str, *args) -> Callable[[LimelightApp], None]:
    """An action of the app that the app's ``part`` does: ``part.method(*args)``."""

    def action(app: LimelightApp) -> None:
        getattr(getattr(app, part), method)(*args)

    return action


class LimelightApp(App[None]):
    TITLE = "Limelight"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    COMMANDS = App.COMMANDS | {ArticleCommands, NoteCommands}

    BINDINGS = bindings_for(APP)

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        store: Store | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.config_problems: list = []
        if config is None:
            config, self.config_problems = load_config(
                known_themes=set(self.available_themes), known_binding_ids=set(binding_ids())
            )
        self.config = config
        set_colours(config.layer_colours)  # [highlights]
        self.workspace = Workspace(paths, store or Store(), folders=config.library_folders)
        self.store = self.workspace.store
        self._store_warned = False
        self.settings = Settings(config, self.store, self.quietly)
        self.notes_controller = NotesController(self)
        # The article the last session ended on, reopened once the library lists it.
        self._wanted = self.store.last_article() if not paths else None
        theme = self.settings.theme(self.available_themes)
        if theme is not None:
            self.theme = theme

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification is shown safe: messages carry file names, paths,
        titles and errors (see :func:`reader.library.sanitize.safe_display`)."""
        super().notify(safe_display(message), title=safe_display(title), **options)

    def compose(self) -> ComposeResult:
        self.sidebar = LibrarySidebar(self.workspace, self.settings.sort_order(), id="sidebar")
        self.reader = ReaderPane(self.workspace, self.settings.layers(), id="main")
        self.panel = SidePanel(PANELS, id="panel")
        with Horizontal(id="body"):
            yield self.sidebar
            yield self.reader
            yield self.panel
        yield Footer()

    def on_mount(self) -> None:
        apply_config(self, self.config, self.config_problems)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.notes_controller.refresh_bookmarks()
        try:
            places = self.store.all_progress()
        except StoreError as error:
            self.notify(str(error), severity="error")
        else:
            self.sidebar.set_places(places)
        self.reader.focus_article()
        shown = self.store.notices_to_show()
        for message in shown:
            self.notify(message, severity="warning", timeout=10)
        self.quietly(self.store.mark_notices_seen, shown)  # not again next time
        self.sidebar.load()

    def _theme_changed(self, theme) -> None:
        """The theme chosen in the app is kept for the next start."""
        self.settings.keep_theme(theme.name)

    # -- the parts, as the palette, the benchmarks and the tests ask for them -----
    @property
    def article_view(self) -> ArticleView:
        return self.reader.view

    @property
    def library(self) -> list[ArticleMeta]:
        return self.sidebar.library

    @property
    def notes(self) -> list[NoteEntry]:
        """The open article's notes."""
        return self.notes_controller.entries

    @property
    def enabled_layers(self) -> frozenset[str]:
        return self.reader.enabled_layers

    @property
    def search_index(self):
        """The search index (one kept for this session if the data folder cannot keep it)."""
        index = self.workspace.index
        self.show_notices()
        return index

    def article_by_id(self, article_id: str) -> ArticleMeta | None:
        return self.sidebar.article_by_id(article_id)

    def quietly(self, action: Callable, *args):
        """Run a store call whose failure must not stop reading; report it once."""
        try:
            return action(*args)
        except StoreError as error:
            if not self._store_warned:
                self._store_warned = True
                self.notify(str(error), severity="warning", timeout=8)
            return None

    @on(CachesNoticed)
    def show_notices(self) -> None:
        """Say what the caches noticed (a corrupt cache rebuilt, say), once each."""
        for message in self.workspace.take_notices():
            self.notify(message, severity="warning", timeout=10)

    # -- the library -------------------------------------------------------------
    @on(FilesEdited)
    def _files_edited(self, event: FilesEdited) -> None:
        """Files whose text changed get new ids: move their notes and places along."""
        for old, new in event.edited.items():
            self.quietly(self.store.rekey, old, new)
            if self._wanted == old:
                self._wanted = new

    @on(LibraryBatch)
    @on(LibraryReplaced)
    def _library_listed(self, event: LibraryBatch | LibraryReplaced) -> None:
        """Reopen the article the reader was reading last time, where they left
        it; otherwise the first one (command-line paths come first). Index the
        library once it is all listed."""
        wanted = self._wanted
        if wanted and self.article_by_id(wanted) is not None:
            self._wanted = None
            if wanted != self.reader.article_id:
                self.open_article(wanted)
        first = self.sidebar.first_article()
        if first is not None and self.reader.requested is None:
            self.open_article(first.id, chosen=False)
        if isinstance(event, LibraryReplaced) or event.done:
            self.sidebar.build_index()

    @on(LibrarySidebar.ArticleChosen)
    def _article_chosen(self, event: LibrarySidebar.ArticleChosen) -> None:
        self.open_article(event.article_id)
        self.reader.focus_article()

    def set_sort_order(self, order: str) -> None:
        """List the library by ``order`` (kept for the next start)."""
        if self.sidebar.set_sort_order(order):
            self.settings.keep_sort(order)

    # -- the open article ----------------------------------------------------------
    def open_article(
        self,
        article_id: str,
        position: tuple[int, int] | None = None,
        after: Callable[[], object] | None = None,
        chosen: bool = True,
    ) -> None:
        """Show an article at ``position`` (block, offset), else where the reader left it.

        The file is read in a worker; ``after`` runs once the article is shown.
        ``chosen=False`` for the article shown while the library loads, which
        gives way to the last session's article when that is found.
        """
        meta = self.article_by_id(article_id)
        if meta is None:
            return
        if chosen:
            self._wanted = None  # the reader has chosen; the last session's article waits no more
        if self.reader.article_id and self.reader.article_id != article_id:
            self.notes_controller.save_progress()
        self.sidebar.set_current(meta.id)
        self.reader.open(meta, position, after)

    @on(ArticleRead)
    def _article_read(self, event: ArticleRead) -> None:
        meta, article, fresh = event.meta, event.article, event.fresh
        if fresh != meta:  # the file changed since it was listed
            self.sidebar.replace_meta(meta, fresh)
        if event.follow:
            self.quietly(self.store.rekey, meta.id, fresh.id)
        position = event.position
        if position is None:
            position = self.notes_controller.saved_place(article.id)
        self.reader.show(article, event.cached, position)
        self.notes_controller.article_shown(article)
        self.panel.show_analysis(event.cached, readable=article.ok)
        self._show_pointer()
        self.sidebar.article_opened(article)
        self.sub_title = safe_display(article.title)
        if event.after is not None:
            self.call_after_refresh(event.after)

    @on(AnalysisReady)
    def _analysed(self, event: AnalysisReady) -> None:
        if self.reader.article_id == event.article_id:
            self.panel.show_analysis(event.analysis)
            self._show_pointer()

    # -- the side panel --------------------------------------------------------------
    def action_panel(self, name: str) -> None:
        """Show the panel on ``name`` and focus it; the same key in the panel hides it."""
        if not self.panel.toggle(name):
            self.reader.focus_article()
        self._show_pointer()

    def _show_pointer(self) -> None:
        """Underline what the panel's highlighted entry points at (a quote's
        speaker and cue); nothing while the panel is closed."""
        self.reader.point_at(self.panel.pointer())

    @on(PanelList.Pointed)
    def _panel_pointed(self, event: PanelList.Pointed) -> None:
        """The reader moved in a list (filling one posts nothing)."""
        pointer = self.panel.pointer()
        self.reader.point_at(pointer)
        if event.pointer is not None and event.pointer == pointer:
            self.reader.bring_into_view(pointer)

    @on(PanelList.Chosen)
    def _panel_chosen(self, event: PanelList.Chosen) -> None:
        self.panel.choose(event.kind, event.value, self.reader)
        self.reader.focus_article()

    @on(QuotesList.Speaker)
    def _quote_speaker(self, event: QuotesList.Speaker) -> None:
        """From a quote to everything its speaker said across the library."""
        self.action_people(event.quote.speaker)

    # -- notes ---------------------------------------------------------------------
    @on(NotesList.Edit)
    def _edit_note(self, event: NotesList.Edit) -> None:
        self.notes_controller.edit(event.entry)

    @on(NotesList.Delete)
    def _delete_note(self, event: NotesList.Delete) -> None:
        self.notes_controller.delete(event.entry)

    @on(NotesAnchored)
    def _notes_anchored(self, event: NotesAnchored) -> None:
        self.notes_controller.anchored(event)

    @on(ArticleView.Scrolled)
    def _scrolled(self) -> None:
        self.notes_controller.place_changed()

    def on_app_focus(self) -> None:
        # Back from another window (terminals that report focus): show its notes.
        self.notes_controller.reload()

    # -- library search and people ---------------------------------------------------
    def _in_library(self, article_id: str) -> bool:
        if self.article_by_id(article_id) is None:
            self.notify("That article is no longer in the library.", severity="warning")
            return False
        return True

    def action_library_search(self) -> None:
        from reader.ui.library_search import LibrarySearch

        screen = LibrarySearch(self.search_index, self.sidebar.index_status)
        self.push_screen(screen, self._search_result_chosen)

    def _search_result_chosen(self, result) -> None:
        if result is not None:
            if not self._in_library(result.article_id):
                return
            if result.note_id:
                self.notes_controller.open_note(result.article_id, result.note_id)
            else:
                self.open_article(result.article_id, after=partial(self._show_hits, result))
        self.reader.focus_article()

    def _show_hits(self, result) -> None:
        """A library search hit: its matches highlighted, the first in view."""
        if result.offsets:
            self.reader.show_matches(result.offsets, "matches")

    def action_people(self, person: str | None = None) -> None:
        """Everyone quoted across the library; ``person``: open on their quotes."""
        from reader.ui.people import PeopleScreen

        screen = PeopleScreen(self.search_index, self.sidebar.index_status, person=person)
        self.push_screen(screen, self._people_quote_chosen)

    def _people_quote_chosen(self, hit) -> None:
        if hit is not None and self._in_library(hit.article_id):
            self.open_article(hit.article_id, after=partial(self.reader.show_quote, hit))
            self.reader.focus_article()

    # -- the keys of the app scope ------------------------------------------------------
    # Those one part does alone: the key table's action, run by that part.
    action_filter = _run("sidebar", "focus_filter")
    action_bookmarked_only = _run("sidebar", "toggle_bookmarked_only")
    action_find = _run("reader", "open_find")
    action_next_match = _run("reader", "step_match", 1)
    action_previous_match = _run("reader", "step_match", -1)
    action_escape = _run("reader", "escape")  # the article's escape: selection, then matches
    action_annotate = _run("notes_controller", "annotate")
    action_undo = _run("notes_controller", "undo")
    action_bookmark_article = _run("notes_controller", "bookmark_article")
    action_bookmark_place = _run("notes_controller", "bookmark_place")
    action_bookmarks = _run("notes_controller", "bookmarks")

    def action_refresh(self) -> None:
        """Pick up what another Limelight window saved, and rescan the library."""
        self.notes_controller.reload()
        self.sidebar.load()
        self.notify("Refreshed.", timeout=2)

    async def action_quit(self) -> None:
        self.notes_controller.save_progress(wait=True)
        self.exit()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.reader.focus_article()

    def _step_article(self, delta: int) -> None:
        current = self.reader.requested or self.reader.article_id
        target = self.sidebar.neighbour(current, delta)
        if target is not None:
            self.open_article(target.id)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_notes(self) -> None:
        self.action_panel("notes")

    def action_toggle_layer(self, name: str) -> None:
        self._set_layers(self.enabled_layers ^ {name})

    def action_cycle_layers(self) -> None:
        label, layers = next_preset(self.enabled_layers)
        self._set_layers(layers)
        self.notify(f"Showing {label}.", timeout=2)

    def _set_layers(self, enabled: frozenset[str]) -> None:
        self.reader.set_layers(enabled)
        self.settings.keep_layers(self.enabled_layers)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        for order in ORDERS:
            if order != self.sidebar.sort_order:
                yield SystemCommand(
                    f"Sort library {SORT_LABELS[order]}",
                    f"List the sidebar {SORT_LABELS[order]} (kept for the next start)",
                    lambda order=order: self.set_sort_order(order),
                )
        # Help, bookmarks, notes, the sidebar, cursor mode, the layers: from the key table.
        yield from binding_commands(
            self,
            lambda scope: self.article_view if scope == ARTICLE else self,
            self._keymap,
        )
