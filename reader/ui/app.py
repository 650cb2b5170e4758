"""Limelight's Textual application: sidebar, article pane, legend, footer."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.analysis.model import SPEAKER_DESCRIBED, Analysis
from reader.config import Config, load_config
from reader.library.model import Article, ArticleMeta, is_pending
from reader.library.sanitize import safe_display
from reader.library.sorting import ORDERS, sort_library
from reader.resources import styles_dir
from reader.search.fuzzy import rank
from reader.store import Store
from reader.store.db import StoreError
from reader.ui.annotating import AnnotatingMixin
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticleCommands, NoteCommands, binding_commands
from reader.ui.help import HelpScreen
from reader.ui.keys import APP, ARTICLE, binding_ids, bindings_for
from reader.ui.layers import LAYERS, attribution_spans, set_colours
from reader.ui.legend import Legend
from reader.ui.panels import EntityGroup, PanelList, QuoteEntry, QuotesList, SidePanel
from reader.ui.search_bar import SearchBar
from reader.workspace import Workspace

LAYERS_SETTING = "layers.disabled"
FIND_IN_WORKER_CHARS = 200_000  # longer articles are searched in a worker
LOAD_BATCH_SECONDS = 0.2  # how often a loading library is handed to the sidebar
# A file that takes longer to read is listed by name and read on the side.
FILE_BUDGET_SECONDS = 1.0
ALL_LAYERS = frozenset(layer.name for layer in LAYERS)
THEME_SETTING = "theme"
SORT_SETTING = "sidebar.sort"
SORT_LABELS = {
    "added": "in the order added",
    "title": "by title",
    "read": "by last read",
    "length": "by length",
}
# What `l` cycles through: everything, quotes only, entities only, nothing.
LAYER_PRESETS = (
    ("all highlights", ALL_LAYERS),
    ("quotes only", frozenset({"QUOTES"})),
    ("entities only", ALL_LAYERS - {"QUOTES"}),
    ("no highlights", frozenset()),
)


class LimelightApp(AnnotatingMixin, App[None]):
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
        self.paths = list(paths)
        self.library: list[ArticleMeta] = []
        self._by_id: dict[str, ArticleMeta] = {}
        self.shown: list[ArticleMeta] = []
        self._broken = 0
        self._loading = True
        self._requested: str | None = None  # the article asked for last
        self._folded_cache: tuple | None = None
        self._store_warned = False
        self.notes = []
        self._deleted = None
        self._wanted = self.store.last_article() if not paths else None
        self.bookmarked_only = False
        self.index_status = ""
        # A setting the config file gives wins at start; otherwise what the
        # reader chose last time in the app (saved in the database).
        given = config.set_in_file
        if "layers.on" in given:
            self.enabled_layers = frozenset(config.layers_on)
        else:
            disabled = set(self.store.get_setting(LAYERS_SETTING, []) or [])
            self.enabled_layers = ALL_LAYERS - disabled
        saved_sort = self.store.get_setting(SORT_SETTING)
        self.sort_order = (
            config.sidebar_sort
            if "sidebar.sort" in given or saved_sort not in ORDERS
            else saved_sort
        )
        self._ordered: tuple | None = None  # (key, the library in sort_order)
        self._last_read: dict[str, str] = {}
        theme = config.theme if "theme" in given else self.store.get_setting(THEME_SETTING)
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme

    # -- layout --------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notification is shown safe: messages carry file names, paths,
        titles and errors (see :func:`reader.library.sanitize.safe_display`)."""
        super().notify(safe_display(message), title=safe_display(title), **options)

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="Filter titles (f)", id="filter")
                yield ArticleList(id="articles")
                yield Static("", id="library-status", markup=False)
            with Vertical(id="main"):
                yield Legend(id="legend")
                yield ArticleView(id="article")
                yield Static("", id="note-line", markup=False)
                yield SearchBar(id="search-bar")
            yield SidePanel(id="panel")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self._apply_config()
        self.refresh_bookmarks()
        try:
            places = self.store.all_progress()
        except StoreError as error:
            self.notify(str(error), severity="error")
        else:
            self.article_list.progress = {key: place.fraction for key, place in places.items()}
            self._last_read = {key: place.updated for key, place in places.items()}
        self.query_one(Legend).show(self.enabled_layers)
        self.article_view.enabled = self.enabled_layers
        self.query_one("#library-status", Static).update("Loading library…")
        self.article_view.focus()
        shown = self.store.notices_to_show()
        for message in shown:
            self.notify(message, severity="warning", timeout=10)
        self.quietly(self.store.mark_notices_seen, shown)  # not again next time
        self.load_library()

    # -- the config file ---------------------------------------------------------
    def _apply_config(self) -> None:
        """What the config file sets beyond the start values: keys, widths; say
        once what in it was wrong (the defaults stand in for it)."""
        config = self.config
        if config.keymap:
            self.set_keymap(dict(config.keymap))
        rules = []
        if "sidebar.width" in config.set_in_file:
            rules.append(f"#sidebar {{ width: {config.sidebar_width}; }}")
        if "article.width" in config.set_in_file:
            rules.append(
                "ArticleView > Static, ArticleView > LongText"
                f" {{ max-width: {config.text_width}; }}"
            )
        if rules:
            self.stylesheet.add_source(
                "\n".join(rules), read_from=(str(config.path), ""), is_default_css=False
            )
            self.stylesheet.reparse()
            self.refresh_css()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        problems = self.config_problems
        if problems:
            from reader.config import format_problem

            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.notify(
                f"Config: {format_problem(problems[0])}{more}. The defaults stand in for"
                " what is wrong; `limelight config check` lists every problem.",
                severity="warning",
                timeout=12,
            )

    def _theme_changed(self, theme) -> None:
        """The theme chosen in the app is kept for the next start."""
        if self.store.get_setting(THEME_SETTING) != theme.name:
            self.quietly(self.store.set_setting, THEME_SETTING, theme.name)

    # -- library ---------------------------------------------------------------
    def ordered_library(self) -> list[ArticleMeta]:
        """The library in the sidebar's order (:attr:`sort_order`)."""
        key = (id(self.library), len(self.library), self.sort_order)
        if self._ordered is None or self._ordered[0] != key:
            ordered = sort_library(self.library, self.sort_order, self._last_read)
            self._ordered = (key, ordered)
        return self._ordered[1]

    def set_sort_order(self, order: str) -> None:
        """List the library by ``order`` (kept for the next start)."""
        if order not in ORDERS:
            return
        self.sort_order = order
        self.quietly(self.store.set_setting, SORT_SETTING, order)
        self._show_ordered()
        self.notify(f"Library sorted {SORT_LABELS[order]}.", timeout=2)

    def _show_ordered(self) -> None:
        query = self.query_one("#filter", Input).value
        if query.strip() or self.bookmarked_only:
            self.filter_library(query)
        else:
            self.shown = self.ordered_library()
            self.article_list.set_articles(self.shown, keep_id=self.article_view_id)

    @property
    def catalogue(self):
        return self.workspace.catalogue

    def show_notices(self) -> None:
        """Say what the caches noticed (a corrupt cache rebuilt, say), once each."""
        for message in self.workspace.take_notices():
            self.notify(message, severity="warning", timeout=10)

    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """List the library in a worker.

        What the last start found is listed at once from the catalogue cache;
        then every file is checked (only new or changed files are read) and
        the list replaced by what is on disk now. Without a cache the list
        grows in batches as files are read.
        """
        workspace = self.workspace
        worker = get_current_worker()
        # A reload keeps the current list until the scan's replaces it.
        listed = bool(self.library)
        if not listed:
            for batch in workspace.snapshot():
                listed = True
                self.call_from_thread(self._articles_loaded, batch, False)
        batch: list[ArticleMeta] = []
        scanned: list[ArticleMeta] = []
        # Files over their reading budget: listed by name, then replaced.
        pending: dict[str, int] = {}
        last = time.monotonic()

        def hand_over() -> None:
            nonlocal batch, last
            if batch and not listed:
                self.call_from_thread(self._articles_loaded, batch, False)
            batch, last = [], time.monotonic()

        for meta in workspace.scan(budget=FILE_BUDGET_SECONDS, waiting=hand_over):
            if worker.is_cancelled:
                return
            at = pending.pop(meta.source, None) if pending else None
            if at is not None:
                scanned[at] = meta  # a slow file, read at last
                continue
            if is_pending(meta):
                pending[meta.source] = len(scanned)
            scanned.append(meta)
            if listed:
                continue
            batch.append(meta)
            if time.monotonic() - last > LOAD_BATCH_SECONDS:
                hand_over()
        stats = workspace.catalogue.last_scan
        self.call_from_thread(self.show_notices)
        edited = dict(stats.edited)
        if edited:
            self.call_from_thread(self._follow_edits, edited)
        if listed or stats.late:
            self.call_from_thread(self._library_replaced, scanned)
        else:
            self.call_from_thread(self._articles_loaded, batch, True)

    def _follow_edits(self, edited: dict[str, str]) -> None:
        """Files whose text changed get new ids: move their notes and places along."""
        for old, new in edited.items():
            self.quietly(self.store.rekey, old, new)
            if self._wanted == old:
                self._wanted = new

    def _library_replaced(self, metas: list[ArticleMeta]) -> None:
        """The scan's list (what is on disk now) replaces the cached one."""
        seen: set[str] = set()
        # A slow file read at last may hold the same text as one listed before.
        metas = [meta for meta in metas if not (meta.id in seen or seen.add(meta.id))]
        self.library = []
        self._by_id = {}
        self._broken = 0
        self._articles_loaded(metas, True)

    def _articles_loaded(self, batch: list[ArticleMeta], done: bool) -> None:
        first_batch = not self.library
        self.library.extend(batch)
        self._by_id.update((meta.id, meta) for meta in batch)
        self._broken += sum(1 for meta in batch if meta.error)
        self._loading = not done
        self._show_library_status()
        self._show_ordered()
        # Reopen the article the reader was reading last time, where they left
        # it; otherwise the first one (command-line paths come first).
        wanted = self._wanted
        if wanted and wanted in self._by_id:
            self._wanted = None
            if wanted != self.article_view_id:
                self.open_article(wanted)
        if first_batch and self.library and self._requested is None:
            first = self.shown[0] if self.shown else self.library[0]
            self.open_article(first.id, chosen=False)
        if done and not self.library:
            self.notify("The library is empty: add files with `limelight add PATH`.")
        if done:
            self.build_index()

    def article_by_id(self, article_id: str) -> ArticleMeta | None:
        """What the library knows of an article (title, words, source…), without its text."""
        return self._by_id.get(article_id)

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
        if self.article_view_id and self.article_view_id != article_id:
            self.save_progress()
        self._requested = meta.id
        self.article_list.set_current(meta.id)
        self.read_article(meta, position, after)

    @work(thread=True, exclusive=True, group="open")
    def read_article(self, meta: ArticleMeta, position, after) -> None:
        article, fresh = self.workspace.load(meta)
        # An edited file's notes follow it, unless another file still has the old text.
        follow = (
            fresh.id != meta.id
            and article.ok
            and not self.catalogue.still_holds(meta.id, besides=meta.source)
        )
        cached = self.workspace.cached_analysis(article.id) if article.ok else None
        self.call_from_thread(
            self._show_article, meta, article, fresh, position, after, follow, cached
        )

    def _show_article(
        self, meta, article: Article, fresh, position, after, follow=False, cached=None
    ) -> None:
        if meta.id != self._requested:
            return  # the reader has asked for another article since
        if fresh != meta:  # the file changed since it was listed
            self._replace_meta(meta, fresh)
        if follow:
            self.quietly(self.store.rekey, meta.id, fresh.id)
        if position is None:
            place = self.quietly(self.store.progress, article.id)
            if place is not None and (place.block or place.offset):
                position = (place.block, place.offset)
        if self.focused is not None and self.search_bar in self.focused.ancestors_with_self:
            self.article_view.focus()
        self.article_view.show(article, cached, position)
        self.refresh_notes()
        self.quietly(self.store.set_last_article, article.id)
        self.panel.set_analysis(cached, readable=article.ok)
        self._show_attribution()
        self.search_bar.set_count("")
        self.search_bar.hide()
        self.article_list.set_current(article.id)
        if article.ok:  # opened: no longer marked unread
            self.article_list.progress.setdefault(article.id, 0.0)
        self.sub_title = safe_display(article.title)
        if article.ok and cached is None:
            self.analyse(article)
        if after is not None:
            self.call_after_refresh(after)

    def _replace_meta(self, old: ArticleMeta, fresh: ArticleMeta) -> None:
        self._by_id.pop(old.id, None)
        self._by_id[fresh.id] = fresh
        self.library = [fresh if meta is old else meta for meta in self.library]
        self._ordered = None
        self.shown = [fresh if meta is old else meta for meta in self.shown]
        self.article_list.set_articles(self.shown, keep_id=fresh.id)

    def quietly(self, action: Callable, *args):
        """Run a store call whose failure must not stop reading; report it once."""
        try:
            return action(*args)
        except StoreError as error:
            if not self._store_warned:
                self._store_warned = True
                self.notify(str(error), severity="warning", timeout=8)
            return None

    def _show_library_status(self) -> None:
        count = len(self.library)
        parts = [f"{count:,} article{'s' if count != 1 else ''}"]
        if self._broken:
            parts.append(f"{self._broken} unreadable")
        if self._loading:
            parts.append("checking files…" if count else "loading…")
        if self.index_status:
            parts.append(self.index_status)
        try:
            status = self.query_one("#library-status", Static)
        except NoMatches:  # closing: a worker's last word arrives after the screen went
            return
        status.update(" · ".join(parts))

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self, article: Article) -> None:
        try:
            analysis = self.workspace.analysis(article)
        except Exception as error:  # a bug on one text must not close the app
            reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            self.call_from_thread(
                self.notify, f"Could not analyse this article ({reason}).", severity="error"
            )
            return
        self.call_from_thread(self._analysed, article.id, analysis)

    def _analysed(self, article_id: str, analysis: Analysis) -> None:
        self.article_view.set_analysis(article_id, analysis)
        if self.article_view_id == article_id:
            self.panel.set_analysis(analysis)
            self._show_attribution()

    @property
    def panel(self) -> SidePanel:
        return self.query_one(SidePanel)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    # -- the search index -------------------------------------------------------
    @property
    def search_index(self):
        """The search index (one kept for this session if the data folder cannot keep it)."""
        index = self.workspace.index
        self.show_notices()
        return index

    @work(thread=True, exclusive=True, group="index")
    def build_index(self) -> None:
        """Bring the search index up to date with the library and the notes."""
        worker = get_current_worker()

        def progress(done: int, count: int) -> None:
            self.index_status = f"indexing {done * 100 // max(1, count)}%"
            self.call_from_thread(self._show_library_status)

        self.index_status = "indexing…"
        self.call_from_thread(self._show_library_status)
        try:
            self.workspace.update_index(
                self.library, progress=progress, cancelled=lambda: worker.is_cancelled
            )
        except Exception as error:  # an index is a cache: report and carry on
            self.index_status = f"search index unavailable: {error}"
        else:
            self.index_status = ""
        self.call_from_thread(self._show_library_status)
        self.call_from_thread(self.show_notices)

    def _index_notes(self) -> None:
        self.workspace.index_notes()

    @work(thread=True, exclusive=True, group="index-notes")
    def reindex_notes(self) -> None:
        try:
            self._index_notes()
        except Exception:
            pass  # searched notes catch up at the next start

    def action_library_search(self) -> None:
        from reader.ui.library_search import LibrarySearch

        self.push_screen(
            LibrarySearch(self.search_index, self.index_status), self._search_result_chosen
        )

    def _search_result_chosen(self, result) -> None:
        if result is None:
            self.article_view.focus()
            return
        if self.article_by_id(result.article_id) is None:
            self.notify("That article is no longer in the library.", severity="warning")
            return
        view = self.article_view
        if result.note_id:
            self.open_note(result.article_id, result.note_id)
        else:
            self.open_article(result.article_id, after=lambda: self._after_jump(result))
        view.focus()

    def _after_jump(self, result) -> None:
        """Show a library search hit: its matches highlighted, the first in view."""
        if not result.offsets:
            return
        self.article_view.set_matches(list(result.offsets), 0)
        self._show_count()
        self.search_bar.show_summary("matches")

    # -- people ------------------------------------------------------------------
    def action_people(self, person: str | None = None) -> None:
        """Everyone quoted across the library; ``person``: open on their quotes."""
        from reader.ui.people import PeopleScreen

        self.push_screen(
            PeopleScreen(self.search_index, self.index_status, person=person),
            self._people_quote_chosen,
        )

    def _people_quote_chosen(self, hit) -> None:
        if hit is None:
            return
        if self.article_by_id(hit.article_id) is None:
            self.notify("That article is no longer in the library.", severity="warning")
            return
        self.open_article(hit.article_id, after=lambda: self._show_quote(hit))
        self.article_view.focus()

    def _show_quote(self, hit) -> None:
        """Bring a quote chosen in People into view, highlighted like a match
        (one of one), in the body or at the top in the title or the dek."""
        view = self.article_view
        if view.article is None or view.article.id != hit.article_id:
            return
        said = f"quote by {hit.speaker}" if hit.speaker else "quote"
        if hit.part in ("title", "dek"):
            text = getattr(view.article, hit.part, "") or ""
            span = self._quote_span(text, hit)
            if span is None:  # not there any more: the top, where it was
                view.scroll_home(animate=False)
                return
            view.set_head_match(hit.part, *span)
            self.search_bar.set_count("1/1")
            self.search_bar.show_summary(said)
            return
        span = self._quote_span(view.article.body, hit)
        if span is None:
            return
        view.set_matches([span], 0)
        self._show_count()
        self.search_bar.show_summary(said)

    @staticmethod
    def _quote_span(text: str, hit) -> tuple[int, int] | None:
        """Where ``hit`` is in ``text``: its offsets, else (stale offsets) where its text is."""
        start, end = hit.start, hit.end
        if text[start:end] == hit.text and start < end:
            return start, end
        found = text.find(hit.text) if hit.text else -1
        return None if found < 0 else (found, found + len(hit.text))

    # -- finding in the article ------------------------------------------------
    def action_find(self) -> None:
        if self.article_view.article is None:
            return
        self.search_bar.open()

    @on(SearchBar.Changed)
    def _find_changed(self, event: SearchBar.Changed) -> None:
        self.find_in_article(event.query, event.regex)

    def find_in_article(self, query: str, regex: bool = False) -> None:
        """Highlight every match of ``query``; the current one is the first after the reading place.

        A long article is searched in a worker, so typing never waits for it.
        """
        view = self.article_view
        if view.article is None:
            return
        if len(view.article.body) > FIND_IN_WORKER_CHARS:
            self._find_worker(view.article, query, regex)
        else:
            self._apply_find(view.article.id, query, *self._find(view.article.body, query, regex))

    @staticmethod
    def _find(body: str, query: str, regex: bool) -> tuple[list[tuple[int, int]], str | None]:
        """(matches, error message)."""
        from reader.search.find import FindError, find_all

        if not query:
            return [], None
        try:
            return find_all(body, query, regex=regex), None
        except FindError as error:
            return [], str(error)

    @work(thread=True, exclusive=True, group="find")
    def _find_worker(self, article: Article, query: str, regex: bool) -> None:
        matches, error = self._find(article.body, query, regex)
        self.call_from_thread(self._apply_find, article.id, query, matches, error)

    def _apply_find(
        self, article_id: str, query: str, matches: list[tuple[int, int]], error: str | None
    ) -> None:
        view = self.article_view
        if view.article is None or view.article.id != article_id:
            return
        if query != self.search_bar.value and self.search_bar.has_class("shown"):
            return  # a newer query is on its way
        if error or not matches:
            view.set_matches([])
            message = error or ("no matches" if query else "")
            self.search_bar.set_count(message, error=bool(message))
            return
        here = self._reading_offset()
        current = next((i for i, (start, _) in enumerate(matches) if start >= here), 0)
        view.set_matches(matches, current)
        self._show_count()

    def _reading_offset(self) -> int:
        """Body offset of the reading place: the cursor, else the top of the view."""
        view = self.article_view
        if view.cursor_sentence is not None:
            return view.cursor_sentence[0]
        if view.article is None or not view.article.blocks:
            return 0
        block, offset, _ = view.reading_position()
        return view.article.block_starts[block] + offset

    def _show_count(self) -> None:
        view = self.article_view
        if view.current_match is not None and view.matches:
            self.search_bar.set_count(f"{view.current_match + 1}/{len(view.matches)}")

    @on(SearchBar.Closed)
    def _find_closed(self, event: SearchBar.Closed) -> None:
        view = self.article_view
        if not event.keep or not (view.matches or view.head_match):
            self.clear_matches()
        self.article_view.focus()

    def clear_matches(self) -> None:
        self.article_view.set_matches([])
        self.search_bar.set_count("")
        self.search_bar.hide()

    def action_escape(self) -> None:
        """Escape in the article: drop a selection first, then search matches."""
        view = self.article_view
        if view.clear_selection():
            return
        if view.matches or view.head_match:
            self.clear_matches()

    def _step_match(self, delta: int) -> None:
        view = self.article_view
        if not view.matches and view.head_match is not None:
            view.scroll_home(animate=False)  # the one match, in the title or the dek
            self.search_bar.set_count("1/1")
            return
        if not view.matches:
            self.notify("No search: press / to find in the article.", timeout=2)
            return
        current = view.current_match if view.current_match is not None else -delta
        target = current + delta
        if target >= len(view.matches):
            target = 0
            self.notify("Search wrapped to the top.", timeout=2)
        elif target < 0:
            target = len(view.matches) - 1
            self.notify("Search wrapped to the bottom.", timeout=2)
        view.set_matches(view.matches, target)
        self._show_count()
        if not self.search_bar.has_class("shown"):
            label = self.search_bar.value or "matches"
            self.search_bar.show_summary(label)

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_previous_match(self) -> None:
        self._step_match(-1)

    # -- side panel --------------------------------------------------------------
    def action_panel(self, name: str) -> None:
        """Show the panel on ``name`` and focus it; the same key in the panel hides it."""
        panel = self.panel
        focused_inside = self.focused is not None and panel in self.focused.ancestors
        if panel.has_class("shown") and panel.current == name and focused_inside:
            panel.remove_class("shown")
            self._show_attribution()
            self.article_view.focus()
            return
        panel.add_class("shown")
        self.screen.set_focus(panel.show_tab(name))
        self._show_attribution()

    def _current_quote(self) -> QuoteEntry | None:
        """The quote highlighted in the quotes panel, if that is the list shown."""
        panel = self.panel
        if panel.has_class("shown") and panel.current == "quotes":
            return panel.query_one(QuotesList).current_entry
        return None

    def _show_attribution(self) -> None:
        """Underline who said the quote highlighted in the quotes panel, and the
        cue, in the body, the title or the dek; nothing while the panel is
        closed or on another list."""
        entry = self._current_quote()
        if entry is None:
            self.article_view.set_attribution([])
        else:
            self.article_view.set_attribution(attribution_spans(entry.quote), entry.part)

    def _bring_quote_into_view(self, entry: QuoteEntry) -> None:
        """Scroll the article (not the focus) to a quote of the panel: with its
        attribution when they fit, the quote itself first; the top for the
        title's and the dek's."""
        view = self.article_view
        if entry.part != "body":
            view.scroll_home(animate=False, immediate=True)
            return
        quote = entry.quote
        spans = [(quote.start, quote.end), *attribution_spans(quote)]
        view.scroll_span_into_view(min(s for s, _ in spans), max(e for _, e in spans))
        view.scroll_span_into_view(quote.start, quote.end)

    @on(QuotesList.Highlighted)
    def _quote_highlighted(self, event: QuotesList.Highlighted) -> None:
        """The reader moved in the quotes list (filling it posts nothing)."""
        self._show_attribution()
        if event.entry is not None and event.entry == self._current_quote():
            self._bring_quote_into_view(event.entry)

    @on(QuotesList.Speaker)
    def _quote_speaker(self, event: QuotesList.Speaker) -> None:
        """From a quote to everything its speaker said across the library."""
        quote = event.quote
        if not quote.speaker:
            self.notify("No one is named for this quote.", timeout=3)
        elif quote.speaker_kind == SPEAKER_DESCRIBED:
            self.notify(
                f"This source is described, not named: {quote.speaker}.", timeout=4, markup=False
            )
        else:
            self.action_people(quote.speaker)

    @on(PanelList.Chosen)
    def _panel_chosen(self, event: PanelList.Chosen) -> None:
        view = self.article_view
        if event.kind == "entities" and isinstance(event.value, EntityGroup):
            if event.value.mentions:
                view.set_matches(list(event.value.mentions), 0)
                self._show_count()
                self.search_bar.show_summary(event.value.text)
            else:
                view.scroll_home(animate=False)
                self.notify(
                    f"{event.value.text} is named only in the title or standfirst.",
                    timeout=3,
                    markup=False,
                )
        elif event.kind == "quotes" and isinstance(event.value, QuoteEntry):
            if event.value.part == "body":
                view.place_cursor_at(event.value.quote.start)
            else:
                view.scroll_home(animate=False)
        elif event.kind == "notes":
            self.jump_to_note(event.value)
        view.focus()

    def action_cycle_layers(self) -> None:
        names = [layers for _, layers in LAYER_PRESETS]
        try:
            index = names.index(self.enabled_layers)
        except ValueError:
            index = -1
        label, layers = LAYER_PRESETS[(index + 1) % len(LAYER_PRESETS)]
        self._set_layers(layers)
        self.notify(f"Showing {label}.", timeout=2)

    # -- sidebar events --------------------------------------------------------
    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article.id)
        self.article_view.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_library(event.value)

    def action_bookmarked_only(self) -> None:
        self.bookmarked_only = not self.bookmarked_only
        self.query_one("#sidebar").display = True
        self.filter_library(self.query_one("#filter", Input).value)
        self.notify(
            "Showing bookmarked articles only."
            if self.bookmarked_only
            else "Showing every article.",
            timeout=2,
        )

    @work(thread=True, exclusive=True, group="filter")
    def filter_library(self, query: str) -> None:
        library = ordered = self.ordered_library()
        if self.bookmarked_only:
            marked = self.article_list.bookmarked
            library = [article for article in library if article.id in marked]
        titles = [article.title for article in library]
        folded = self._folded_titles(titles, ordered) if library is ordered else None
        order = rank(query, titles, folded)
        visible = [library[index] for index in order]
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._filtered, query, visible)

    def _folded_titles(self, titles: list[str], library: list) -> list[str]:
        """Folded titles, kept between keystrokes for the same list of titles."""
        from reader.search.fuzzy import fold

        key = (id(library), len(titles))
        cached = self._folded_cache
        if cached is None or cached[0] != key:
            cached = (key, [fold(title) for title in titles])
            self._folded_cache = cached
        return cached[1]

    def _filtered(self, query: str, visible: list[ArticleMeta]) -> None:
        if query != self.query_one("#filter", Input).value:
            return  # typed on since; a newer filter is on its way
        self.shown = visible
        self.article_list.set_articles(visible, keep_id=self.article_view_id)

    @property
    def article_view_id(self) -> str | None:
        article = self.article_view.article
        return article.id if article else None

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        article = self.article_list.highlighted_article
        if article is not None:
            self.open_article(article.id)
            self.article_view.focus()

    def on_key(self, event) -> None:
        if event.key in ("escape", "down") and self.focused is self.query_one("#filter"):
            self.article_list.focus()
            event.stop()

    # -- actions ---------------------------------------------------------------
    def action_refresh(self) -> None:
        """Pick up what another Limelight window saved, and rescan the library."""
        self.store.refresh()
        self.refresh_notes()
        self.refresh_bookmarks()
        self.library_reload()
        self.notify("Refreshed.", timeout=2)

    def on_app_focus(self) -> None:
        # Back from another window (terminals that report focus): show its notes.
        self.store.refresh()
        self.refresh_notes()
        self.refresh_bookmarks()

    def library_reload(self) -> None:
        self.load_library()

    async def action_quit(self) -> None:
        self.save_progress(wait=True)
        self.exit()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_filter(self) -> None:
        self.query_one("#sidebar").display = True
        # At once, so keys typed right after `f` land in the box.
        self.screen.set_focus(self.query_one("#filter", Input))

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.article_view.focus()

    def _step_article(self, delta: int) -> None:
        visible = self.shown
        if not visible:
            return
        current = self._requested or self.article_view_id
        ids = [article.id for article in visible]
        index = ids.index(current) if current in ids else -1
        target = max(0, min(len(visible) - 1, index + delta))
        if target == index:
            self.notify("No more articles that way.", timeout=2)
            return
        self.open_article(visible[target].id)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_toggle_layer(self, name: str) -> None:
        self._set_layers(self.enabled_layers ^ {name})

    def _set_layers(self, enabled: frozenset[str]) -> None:
        self.enabled_layers = frozenset(enabled)
        self.query_one(Legend).show(self.enabled_layers)
        self.article_view.set_layers(self.enabled_layers)
        disabled = sorted(layer.name for layer in LAYERS if layer.name not in enabled)
        self.quietly(self.store.set_setting, LAYERS_SETTING, disabled)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        for order in ORDERS:
            if order != self.sort_order:
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
