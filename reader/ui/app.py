"""Limelight's Textual application: the composition root.

The screen is the library sidebar (:mod:`reader.ui.sidebar`), the reader
pane (:mod:`reader.ui.reader_pane`) and the side panel
(:mod:`reader.ui.panels`, its lists registered in :data:`PANELS`), over the
footer. Notes, bookmarks and the reading place go through the notes
controller (:mod:`reader.ui.notes`). The app holds the workspace and the
store, runs the keys of the key table's ``app`` scope, and passes on what
one part posts (an article chosen, read or analysed; a panel's entry
chosen) to the others.

It also keeps what spans the parts: the reading clock (active reading
time, saved to the store now and then; ``S`` shows the statistics), the
jump history (``ctrl+o`` / ``ctrl+i``: each jump to a search hit, a note, a
bookmark, a quote, a heading or another article records the place left),
zen mode (``z``), the contents (``T``, :mod:`reader.ui.contents`) and
copying a passage (``y``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from reader import startgc
from reader.config import DEFAULT_TEXT_WIDTH, Config, load_config
from reader.library.sanitize import clean_inline, safe_display
from reader.library.sorting import ORDERS
from reader.resources import styles_dir
from reader.store import Store
from reader.store.db import StoreError
from reader.store.stats import ReadingClock, record_spans
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticleCommands, NoteCommands, binding_commands
from reader.ui.footer import FittingFooter
from reader.ui.history import JumpHistory
from reader.ui.keys import APP, ARTICLE, binding_ids, bindings_for
from reader.ui.layers import next_preset
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
from reader.ui.palette import theme_variables
from reader.ui.panels import SidePanel
from reader.ui.reader_pane import ReaderPane
from reader.ui.settings import Settings, apply_config
from reader.ui.sidebar import SORT_LABELS, LibrarySidebar
from reader.ui.widths import AutoHide, measure_step, panel_width, sidebar_in_the_way, sidebar_width
from reader.workspace import Workspace

if TYPE_CHECKING:
    from reader.library.model import Article, ArticleMeta
    from reader.ui.notes import NoteEntry
    from reader.ui.notes_panel import NotesList
    from reader.ui.panel_list import PanelList
    from reader.ui.quotes_panel import QuotesList

# What counts as reading for the reading clock: a key, the wheel, a click, a resize.
ACTIVITY_EVENTS = (
    events.Key,
    events.MouseScrollDown,
    events.MouseScrollUp,
    events.MouseDown,
    events.Resize,
)
READING_FLUSH_SECONDS = 60.0  # how often the reading time is saved

# The side panel's lists, in tab order: (its PANEL name, "module:Class"). A new
# panel is a PanelList subclass (reader/ui/panel_list.py) in a module of its own,
# added here (and a `panel('name')` key in reader/ui/keys.py); the panel imports
# the lists when it is first shown.
PANELS: tuple[tuple[str, str], ...] = (
    ("notes", "reader.ui.notes_panel:NotesList"),
    ("entities", "reader.ui.entities_panel:EntitiesList"),
    ("quotes", "reader.ui.quotes_panel:QuotesList"),
)


def _run(part: str, method: str, *args) -> Callable[[LimelightApp], None]:
    """An action of the app that the app's ``part`` does: ``part.method(*args)``."""

    def action(app: LimelightApp) -> None:
        getattr(getattr(app, part), method)(*args)

    return action


# A place in the library: (article id, block, offset in the block), as reading places are.
Place = tuple[str, int, int]


def same_spot(a: Place, b: Place) -> bool:
    """Two places of the jump history are one spot when they are in the same block."""
    return a[:2] == b[:2]


def citation(article: Article) -> str:
    """The line ``y`` adds under a passage: ``— Title, source``."""
    title = clean_inline(article.title or "") or "Untitled"
    source = clean_inline(article.source or "")
    return f"— {title}, {source}" if source else f"— {title}"


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
        theme: str | None = None,
    ) -> None:
        """``theme`` (``limelight --theme NAME``) wins over the config file and
        the theme kept from the last time, for this run: it is not kept."""
        super().__init__()
        self.config_problems: list = []
        if config is None:
            config, self.config_problems = load_config(
                known_themes=set(self.available_themes), known_binding_ids=set(binding_ids())
            )
        self.config = config
        self.workspace = Workspace(paths, store or Store(), folders=config.library_folders)
        self.store = self.workspace.store
        self._store_warned = False
        self.settings = Settings(config, self.store, self.quietly)
        self.notes_controller = NotesController(self)
        # Active reading time (the stats, `S`): fed by the events below, saved now and then.
        self.reading_clock = ReadingClock()
        # Where the reader was before each jump (ctrl+o back, ctrl+i forward).
        self.jumps: JumpHistory[Place] = JumpHistory(same=same_spot)
        # Zen mode (`z`): what was shown before it, to show again after; None out of it.
        self._zen: dict[str, bool] | None = None
        # The sidebar hiding itself when the window narrows (reader/ui/widths.py).
        self.sidebar_auto = AutoHide()
        self.text_measure = self.settings.text_width()  # the body text's columns (+ / -)
        # The article the last session ended on (with paths, the one last read
        # among theirs), reopened at its place once the library lists it.
        self._wanted = self.workspace.last_read()
        self._remembered = False  # the paths named kept as recent sources
        self._index_when_shown = False  # the library's index waits for the article being read
        # The theme named on the command line is not kept (see _theme_changed).
        self._given_theme = theme if theme in self.available_themes else None
        theme = self._given_theme or self.settings.theme(self.available_themes)
        recolour = theme is not None and theme != self.theme
        if theme is not None:
            self.theme = theme
        # The variables again when the theme or the config changes them (Textual
        # made them before either was read): the theme's highlight palette with
        # the file's [highlights] colours, and the text's measure.
        if recolour or config.chosen_colours or self.text_measure != DEFAULT_TEXT_WIDTH:
            self.stylesheet.set_variables(self.get_css_variables())

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification is shown safe: messages carry file names, paths,
        titles and errors (see :func:`reader.library.sanitize.safe_display`),
        and as plain text: a "[" in a title is never read as markup."""
        options.setdefault("markup", False)
        super().notify(safe_display(message), title=safe_display(title), **options)

    def get_default_screen(self) -> Screen:
        """The main screen: it focuses the article first, not the first focusable
        widget (the filter), so a start moves the focus once, not twice (each
        move restyles what the widget holds)."""
        screen = super().get_default_screen()
        screen.AUTO_FOCUS = "#article"
        return screen

    def compose(self) -> ComposeResult:
        self.sidebar = LibrarySidebar(
            self.workspace,
            self.settings.sort_order(),
            by_feed=self.settings.by_feed(),
            id="sidebar",
        )
        self.reader = ReaderPane(self.workspace, self.settings.layers(), id="main")
        self.panel = SidePanel(PANELS, id="panel")
        with Horizontal(id="body"):
            yield self.sidebar
            yield self.reader
            yield self.panel
        self.footer = FittingFooter()
        yield self.footer

    def on_mount(self) -> None:
        apply_config(self, self.config, self.config_problems)
        self.fit_widths()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.notes_controller.refresh_bookmarks()
        try:
            places = self.store.all_progress()
        except StoreError as error:
            self.notify(str(error), severity="error")
        else:
            self.sidebar.set_places(places)
        self._show_left_article()
        self.reader.focus_article()
        shown = self.store.notices_to_show()
        for message in shown:
            self.notify(message, severity="warning", timeout=10)
        self.quietly(self.store.mark_notices_seen, shown)  # not again next time
        if self.reader.requested is None:
            self.sidebar.load()  # the article to show waits for the library's list
        else:  # the article is shown: list the library once it is on screen
            self.call_after_refresh(self.sidebar.load)
        self.call_after_refresh(startgc.resume)  # collection paused by the command line
        self.set_interval(READING_FLUSH_SECONDS, self.save_reading_time)

    def _show_left_article(self) -> None:
        """Before the first screen is drawn: the article the last session ended
        on, when the last scan listed it and its file is small, read now with
        its cached analysis, so the first screen shows it already highlighted;
        a large one is read in a worker from now (otherwise it is opened once
        the library is listed)."""
        wanted = self._wanted
        if wanted is None:
            return
        try:
            opened = self.workspace.opening(wanted)
        except StoreError:
            return  # the library's load says why
        if opened is None:
            return  # not listed, large, gone or unreadable: the library's listing says
        meta, read = opened
        if read is None:  # large: its reading starts now, not after the library's listing
            self._wanted = meta.id
            self.sidebar.set_current(meta.id)
            self.reader.open(meta)
            return
        self._wanted = read.fresh.id  # the id the library lists it by
        self.sidebar.set_current(read.fresh.id)
        self._article_read(self.reader.read_at_once(meta, read))

    def _theme_changed(self, theme) -> None:
        """The theme chosen in the app is kept for the next start (the one
        ``--theme`` started in is not: only a later choice is)."""
        given, self._given_theme = self._given_theme, None
        if theme.name != given:
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
            self._store_failed(error)
            return None

    def _store_failed(self, error: StoreError) -> None:
        """Say that the store failed, once a session."""
        if not self._store_warned:
            self._store_warned = True
            self.notify(str(error), severity="warning", timeout=8)

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

    def _first_article(self, listed: bool) -> ArticleMeta | None:
        """The article to show when none was asked for: the top of the list or,
        with paths named (``limelight PATH``), the top one of theirs (the
        recent sources are listed too): none yet while theirs are still to
        come, the top of the list once everything is ``listed``."""
        first = self.sidebar.first_article()
        named = self.workspace.is_named
        if first is None or not self.workspace.paths or named(first.source):
            return first
        mine = next((meta for meta in self.sidebar.shown if named(meta.source)), None)
        return mine or (first if listed else None)

    @on(LibraryBatch)
    @on(LibraryReplaced)
    def _library_listed(self, event: LibraryBatch | LibraryReplaced) -> None:
        """Reopen the article the reader was reading last time, where they left
        it; otherwise the first one (command-line paths come first). Index the
        library once it is all listed."""
        wanted = self._wanted
        if wanted and self.article_by_id(wanted) is not None:
            self._wanted = None
            if wanted not in (self.reader.article_id, self.reader.requested):
                self.open_article(wanted, jump=False)
        first = self._first_article(isinstance(event, LibraryReplaced) or event.done)
        if first is not None and self.reader.requested is None:
            self.open_article(first.id, chosen=False, jump=False)
        if isinstance(event, LibraryReplaced) or event.done:
            if self.workspace.paths and not self._remembered:
                self._remembered = True  # `limelight PATH`: its files stay in the library
                self.quietly(self.workspace.remember_opened)
            # Once the article shown is drawn: the index reads and analyses in
            # long stretches, which would hold its first paint back.
            if self.reader.reading:
                self._index_when_shown = True  # see _article_read
            else:
                self.reader.when_drawn(self.sidebar.build_index)

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
        jump: bool = True,
    ) -> None:
        """Show an article at ``position`` (block, offset), else where the reader left it.

        The file is read in a worker; ``after`` runs once the article is shown.
        ``chosen=False`` for the article shown while the library loads, which
        gives way to the last session's article when that is found. The place
        left is recorded in the jump history (``ctrl+o`` returns to it) unless
        ``jump=False``.
        """
        meta = self.article_by_id(article_id)
        if meta is None:
            return
        if jump:
            here = self.reading_place()
            if here is not None:
                if position is not None:
                    to: Place | None = (article_id, *position)
                elif article_id == here[0] and after is None:
                    to = here  # the same article at its place: no jump
                else:
                    to = None
                self.jumps.jump(here, to)
        if chosen:
            self._wanted = None  # the reader has chosen; the last session's article waits no more
        if self.reader.article_id and self.reader.article_id != article_id:
            self.notes_controller.save_progress()
            self.save_reading_time()
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
        clock = self.reading_clock
        if clock.article_id is not None and clock.article_id != article.id:
            # Reading on in another article: its time starts now.
            if article.ok:
                clock.activity(article.id, None, article.title)
            else:
                clock.stop()
        self.notes_controller.article_shown(article)
        self.panel.show_analysis(event.cached, readable=article.ok)
        self._show_pointer()
        self.sidebar.article_opened(article)
        self.sub_title = safe_display(article.title)
        if event.after is not None:
            self.call_after_refresh(event.after)
        if self._index_when_shown:
            self._index_when_shown = False
            self.reader.when_drawn(self.sidebar.build_index)

    @on(AnalysisReady)
    def _analysed(self, event: AnalysisReady) -> None:
        if self.reader.article_id == event.article_id:
            self.panel.show_analysis(event.analysis)
            self._show_pointer()

    # -- the side panel --------------------------------------------------------------
    def action_panel(self, name: str) -> None:
        """Show the panel on ``name`` and focus it; the same key in the panel hides it."""
        self.leave_zen()
        if not self.panel.toggle(name):
            self.reader.focus_article()
        self.fit_widths()  # the sidebar may step aside for the panel
        self._show_pointer()

    def _show_pointer(self) -> None:
        """Underline what the panel's highlighted entry points at (a quote's
        speaker and cue); nothing while the panel is closed."""
        self.reader.point_at(self.panel.pointer())

    # The panel's lists post these (their modules are imported with the panel,
    # so they are handled by name rather than with @on).
    def on_panel_list_pointed(self, event: PanelList.Pointed) -> None:
        """The reader moved in a list (filling one posts nothing)."""
        pointer = self.panel.pointer()
        self.reader.point_at(pointer)
        if event.pointer is not None and event.pointer == pointer:
            self.reader.bring_into_view(pointer)

    def on_panel_list_chosen(self, event: PanelList.Chosen) -> None:
        leaving = self.reading_place()
        self.panel.choose(event.kind, event.value, self.reader)
        self.jumped_from(leaving)
        self.reader.focus_article()

    def on_quotes_list_speaker(self, event: QuotesList.Speaker) -> None:
        """From a quote to everything its speaker said across the library."""
        self.action_people(event.quote.speaker)

    # -- notes ---------------------------------------------------------------------
    def on_notes_list_edit(self, event: NotesList.Edit) -> None:
        self.notes_controller.edit(event.entry)

    def on_notes_list_delete(self, event: NotesList.Delete) -> None:
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

    def on_app_blur(self) -> None:
        # Off to another window: the reading stops there.
        self.reading_clock.stop()
        self.save_reading_time()

    # -- reading time -------------------------------------------------------------------
    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, ACTIVITY_EVENTS) and not event.is_forwarded:
            self._reading_activity()
        if isinstance(event, events.Key) and not event.is_forwarded and self._bindings_at_once():
            # A key bound on the main screen runs here and now, not after it has
            # travelled to the focused widget and back: the keys after it in the
            # same read (a burst, a paste) then go where it moved the focus, so
            # "/har" typed at once finds "har" (issue 12: every key counts).
            self.app_focus = True
            if await self._check_bindings(event.key, priority=True):
                return
            if await self._check_bindings(event.key):
                return
        await super().on_event(event)
        if isinstance(event, events.Resize):
            self.fit_widths()  # the terminal's new size (Textual's own handler stops the event)

    def _bindings_at_once(self) -> bool:
        """Whether a key's bindings can be checked as it arrives: on the main
        screen (a dialog or the palette handles its own keys) with no text
        field focused (where a key is typed, not bound)."""
        if len(self.screen_stack) != 1 or self.screen.maximized is not None:
            return False
        focused = self.focused
        # TextArea's module is imported only once a note is edited.
        text_area = sys.modules.get("textual.widgets._text_area")
        typing = isinstance(focused, Input) or (
            text_area is not None and isinstance(focused, text_area.TextArea)
        )
        return not typing

    def _reading_activity(self) -> None:
        """The reader did something: the open article is being read (not while
        the statistics are on top)."""
        reader = getattr(self, "reader", None)  # None until composed
        article = reader.article if reader is not None else None
        if article is None or not article.ok or self._on_stats():
            return
        self.reading_clock.activity(article.id, None, article.title)

    def _on_stats(self) -> bool:
        """Whether the statistics screen is on top (its module is imported only
        when it is first shown, so not before)."""
        stats = sys.modules.get("reader.ui.stats")
        return stats is not None and isinstance(self.screen, stats.StatsScreen)

    def save_reading_time(self, wait: bool = False) -> None:
        """Hand the reading clock's finished spans to the store: in a worker, or
        at once with ``wait`` (quitting, the statistics)."""
        spans = self.reading_clock.flush()
        if not spans:
            return
        if wait:
            self.quietly(record_spans, self.store, spans)
        else:
            self.run_worker(partial(self._record_spans, spans), thread=True, group="reading-time")

    def _record_spans(self, spans) -> None:
        """(In a worker.)"""
        try:
            record_spans(self.store, spans)
        except StoreError as error:
            self.call_from_thread(self._store_failed, error)

    async def _stop_reading(self) -> None:
        """Stop the clock and save all of the reading time (the workers' too)."""
        self.reading_clock.stop()
        for worker in list(self.workers):
            if worker.group == "reading-time":
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass  # nothing more to wait for
        self.save_reading_time(wait=True)

    async def action_stats(self) -> None:
        """Reading statistics, the time read so far included."""
        if self._on_stats():
            return
        from reader.store.summary import reading_stats
        from reader.ui.stats import StatsScreen

        await self._stop_reading()
        stats = self.quietly(reading_stats, self.store, date.today())
        if stats is not None:
            self.push_screen(StatsScreen(stats))

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
        await self._stop_reading()
        self.exit()

    def action_help(self) -> None:
        from reader.ui.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_filter(self) -> None:
        self.leave_zen()
        self.sidebar.focus_filter()

    def action_bookmarked_only(self) -> None:
        self.leave_zen()
        self.sidebar.toggle_bookmarked_only()

    def action_by_feed(self) -> None:
        """The sidebar grouped by feed, or in one list (kept for the next start)."""
        self.leave_zen()
        self.sidebar.toggle_by_feed()
        self.settings.keep_by_feed(self.sidebar.by_feed)

    def action_update_feeds(self) -> None:
        self.sidebar.update_feeds()

    # -- the jump history ------------------------------------------------------------------
    def reading_place(self) -> Place | None:
        """Where the reader is: the article shown and the place at the top of the view."""
        article = self.reader.article
        if article is None:
            return None
        block, offset, _ = self.article_view.reading_position()
        return article.id, block, offset

    def jumped_from(self, leaving: Place | None) -> None:
        """The reader jumped within the article from ``leaving`` (recorded unless
        the jump went nowhere)."""
        if leaving is not None:
            here = self.reading_place()
            self.jumps.jump(leaving, here if here is not None and here[0] == leaving[0] else None)

    def action_jump_back(self) -> None:
        """Back to where the reader was before the last jump."""
        here = self.reading_place()
        there = self.jumps.back(here) if here is not None else None
        if there is None:
            self.notify("No earlier place to go back to.", timeout=2)
            return
        self._go_to(there)

    def action_jump_forward(self) -> None:
        """Forward again, to where the reader was before going back."""
        here = self.reading_place()
        there = self.jumps.forward(here) if here is not None else None
        if there is None:
            self.notify("No later place to go forward to.", timeout=2)
            return
        self._go_to(there)

    def _go_to(self, place: Place) -> None:
        article_id, block, offset = place
        if not self._in_library(article_id):
            return
        reader = self.reader
        if reader.article_id == article_id and reader.requested == article_id:
            self.article_view.scroll_to_position(block, offset)
        else:
            self.open_article(article_id, position=(block, offset), jump=False)
        reader.focus_article()

    # -- copying -------------------------------------------------------------------------
    def action_copy(self) -> None:
        """Copy the selection, else the cursor's sentence (with a citation line
        when the config asks for one)."""
        view = self.article_view
        article = view.article
        if article is None:
            return
        passage = view.passage() if article.ok else None
        if passage is not None:
            text = article.body[passage[0] : passage[1]]
        else:  # a mouse selection outside the body (the title, say), if any
            text = self.screen.get_selected_text() or ""
        if not text:
            self.notify(
                "Nothing to copy: select with v (or the mouse), or put the cursor on a"
                " sentence with c, then press y.",
                timeout=4,
            )
            return
        if self.config.copy_citation:
            text = f"{text}\n{citation(article)}"
        self.copy_to_clipboard(text)
        from reader.text import plural

        self.notify(f"Copied {plural(len(text), 'character')}.", timeout=2)

    # -- contents ------------------------------------------------------------------------
    def action_contents(self) -> None:
        """The open article's headings; ``enter`` on one puts it at the top of the view."""
        from reader.library.contents import contents
        from reader.ui.contents import ContentsScreen, current_heading

        article = self.reader.article
        if article is None:
            return
        headings = contents(article) if article.ok else []
        if not headings:
            self.notify("This article has no headings.", timeout=3)
            return
        block = self.article_view.reading_position()[0]
        screen = ContentsScreen(headings, article.title, current_heading(headings, block))
        self.push_screen(screen, partial(self._heading_chosen, article.id))

    def _heading_chosen(self, article_id: str, block: int | None) -> None:
        if block is not None and self.reader.article_id == article_id:
            leaving = self.reading_place()
            self.article_view.scroll_to_position(block, 0)
            self.jumped_from(leaving)
        self.reader.focus_article()

    # -- zen mode ------------------------------------------------------------------------
    @property
    def zen(self) -> bool:
        return self._zen is not None

    def action_zen(self) -> None:
        """Only the text: no sidebar, legend, side panel, note line or footer; again
        to bring back what was shown before."""
        if self.leave_zen():
            return
        sidebar, panel, footer = self.sidebar, self.panel, self.footer
        self._zen = {
            "sidebar": sidebar.display,
            "panel": panel.has_class("shown"),
            "footer": footer.display,
        }
        focused = self.focused
        sidebar.display = False
        panel.remove_class("shown")
        footer.display = False
        self.reader.add_class("zen")  # the legend and the note line (app.tcss)
        if focused is not None and (sidebar in focused.ancestors or panel in focused.ancestors):
            self.reader.focus_article()
        self._show_pointer()

    def leave_zen(self) -> bool:
        """Show again what zen mode hid; False when not in zen mode. The keys that
        show a hidden part (the sidebar's, the panels') leave zen mode first."""
        shown = self._zen
        if shown is None:
            return False
        self._zen = None
        self.sidebar.display = shown["sidebar"]
        self.panel.set_class(shown["panel"], "shown")
        self.footer.display = shown["footer"]
        self.reader.remove_class("zen")
        self.fit_widths()  # the window may have changed meanwhile
        self._show_pointer()
        return True

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        self.sidebar_auto.reader_toggled()
        if self.leave_zen():  # in zen mode, the key asks for the sidebar
            sidebar.display = True
            return
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.reader.focus_article()

    # -- widths ----------------------------------------------------------------------------
    def get_css_variables(self) -> dict[str, str]:
        """Textual's, ``$text-measure``: the body text's columns (app.tcss), and
        the theme's highlight palette (``$limelight-person``…, reader/ui/palette.py)."""
        variables = super().get_css_variables()
        variables["text-measure"] = str(getattr(self, "text_measure", DEFAULT_TEXT_WIDTH))
        config = getattr(self, "config", None)  # None while Textual's __init__ runs
        chosen = config.chosen_colours if config is not None else None
        variables.update(
            theme_variables(self.current_theme, self.ansi_theme, chosen, variables=variables)
        )
        return variables

    def fit_widths(self) -> None:
        """Size the sidebar, the panel and the text's column to the window; hide
        the sidebar when the window gets narrow or a panel needs its room, and
        show it again when that passes (unless the reader hid it meanwhile)."""
        window = self.size.width
        if not window:
            return
        sidebar, panel = self.sidebar, self.panel
        side = sidebar_width(window, self.settings.sidebar_width())
        sidebar.styles.width = side
        panel.styles.width = panel_width(window)
        if self.zen:
            return  # zen mode shows no sidebar; leaving it fits again
        open_panel = panel_width(window) if panel.has_class("shown") else None
        show = self.sidebar_auto.update(
            sidebar_in_the_way(window, side, open_panel), bool(sidebar.display)
        )
        if show is None:
            return
        sidebar.display = show
        if not show and self.focused is not None and sidebar in self.focused.ancestors:
            self.reader.focus_article()

    def _widen(self, steps: int) -> None:
        measure = measure_step(self.text_measure, steps)
        if measure == self.text_measure:
            edge = "widest" if steps > 0 else "narrowest"
            self.notify(f"The text is at its {edge}: {measure} columns.", timeout=2)
            return
        self.text_measure = measure
        self.settings.keep_text_width(measure)
        self.refresh_css(animate=False)  # $text-measure
        self.notify(f"Text {measure} columns wide.", timeout=2)

    def action_wider(self) -> None:
        self._widen(1)

    def action_narrower(self) -> None:
        self._widen(-1)

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
