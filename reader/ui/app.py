"""Limelight's Textual application: sidebar, article pane, legend, footer."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from reader.analysis.model import Analysis
from reader.library.model import Article
from reader.library.sources import library_paths
from reader.resources import styles_dir
from reader.search.fuzzy import rank
from reader.store import AnalysisCache, Store
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.commands import ArticleCommands
from reader.ui.help import HelpScreen
from reader.ui.layers import LAYERS
from reader.ui.legend import Legend

LAYERS_SETTING = "layers.disabled"
LOAD_BATCH_SECONDS = 0.2  # how often a loading library is handed to the sidebar


class LimelightApp(App[None]):
    TITLE = "Limelight"
    CSS_PATH = [str(styles_dir() / "app.tcss")]
    COMMANDS = App.COMMANDS | {ArticleCommands}

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("f", "filter", "Filter"),
        Binding("t", "toggle_sidebar", "Sidebar"),
        Binding("left_square_bracket", "previous_article", "Prev", show=False),
        Binding("right_square_bracket", "next_article", "Article", key_display="[/]"),
        *(
            Binding(layer.key, f"toggle_layer('{layer.name}')", layer.label, show=False)
            for layer in LAYERS
        ),
    ]

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        store: Store | None = None,
    ) -> None:
        super().__init__()
        self.store = store or Store()
        self.cache = AnalysisCache()
        self.paths = list(paths)
        self.library: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self.shown: list[Article] = []
        disabled = set(self.store.get_setting(LAYERS_SETTING, []) or [])
        self.enabled_layers = frozenset(layer.name for layer in LAYERS) - disabled

    # -- layout --------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="Filter titles (f)", id="filter")
                yield ArticleList(id="articles")
                yield Static("", id="library-status", markup=False)
            with Vertical(id="main"):
                yield Legend(id="legend")
                yield ArticleView(id="article")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        self.query_one(Legend).show(self.enabled_layers)
        self.article_view.enabled = self.enabled_layers
        self.query_one("#library-status", Static).update("Loading library…")
        self.article_view.focus()
        if self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=10)
        self.load_library()

    # -- library ---------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load_library(self) -> None:
        """Read the library in a worker, handing articles over in batches."""
        from reader.library.catalogue import Catalogue, iter_articles

        catalogue = Catalogue()  # merges identical content found at two paths
        batch: list[Article] = []
        last = time.monotonic()
        for article in iter_articles(library_paths(self.store.sources(), self.paths)):
            if catalogue.add(article):
                batch.append(article)
            if batch and time.monotonic() - last > LOAD_BATCH_SECONDS:
                self.call_from_thread(self._articles_loaded, batch, False)
                batch, last = [], time.monotonic()
        self.call_from_thread(self._articles_loaded, batch, True)

    def _articles_loaded(self, batch: list[Article], done: bool) -> None:
        first_batch = not self.library
        self.library.extend(batch)
        self._by_id.update((article.id, article) for article in batch)
        count = len(self.library)
        status = f"{count:,} article{'s' if count != 1 else ''}"
        broken = sum(1 for article in self.library if article.error)
        if broken:
            status += f" · {broken} unreadable"
        if not done:
            status += " · loading…"
        self.query_one("#library-status", Static).update(status)
        query = self.query_one("#filter", Input).value
        if query.strip():
            self.filter_library(query)
        else:
            self.shown = self.library
            self.article_list.set_articles(self.library, keep_id=self.article_view_id)
        # Command-line paths come first in the library, so its first article
        # is the one the reader asked for.
        if first_batch and self.library and self.article_view.article is None:
            self.open_article(self.library[0].id)
        if done and not self.library:
            self.notify("The library is empty: add files with `limelight add PATH`.")

    def article_by_id(self, article_id: str) -> Article | None:
        return self._by_id.get(article_id)

    def open_article(self, article_id: str) -> None:
        article = self.article_by_id(article_id)
        if article is None:
            return
        cached = self.cache.get(article.id) if article.ok else None
        self.article_view.show(article, cached)
        self.article_list.set_current(article.id)
        self.sub_title = article.title
        if article.ok and cached is None:
            self.analyse(article)

    @work(thread=True, exclusive=True, group="analysis")
    def analyse(self, article: Article) -> None:
        from reader.analysis import analyze

        analysis = analyze(article.body)
        self.cache.put(article.id, analysis)
        self.call_from_thread(self._analysed, article.id, analysis)

    def _analysed(self, article_id: str, analysis: Analysis) -> None:
        self.article_view.set_analysis(article_id, analysis)

    # -- sidebar events --------------------------------------------------------
    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        self.open_article(event.article.id)
        self.article_view.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_library(event.value)

    @work(thread=True, exclusive=True, group="filter")
    def filter_library(self, query: str) -> None:
        library = self.library
        order = rank(query, [article.title for article in library])
        visible = [library[index] for index in order]
        self.call_from_thread(self._filtered, visible)

    def _filtered(self, visible: list[Article]) -> None:
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
    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_filter(self) -> None:
        self.query_one("#sidebar").display = True
        self.query_one("#filter", Input).focus()

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        sidebar.display = not sidebar.display
        if not sidebar.display and self.focused is not None and sidebar in self.focused.ancestors:
            self.article_view.focus()

    def _step_article(self, delta: int) -> None:
        visible = self.shown
        if not visible:
            return
        current = self.article_view_id
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
        enabled = set(self.enabled_layers)
        enabled.symmetric_difference_update({name})
        self.enabled_layers = frozenset(enabled)
        self.query_one(Legend).show(self.enabled_layers)
        self.article_view.set_layers(self.enabled_layers)
        disabled = sorted(layer.name for layer in LAYERS if layer.name not in enabled)
        self.store.set_setting(LAYERS_SETTING, disabled)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Show every key", self.action_help)
        yield SystemCommand("Toggle sidebar", "Show or hide the library", self.action_toggle_sidebar)
        yield SystemCommand(
            "Toggle cursor mode", "A current sentence that j/k move",
            self.article_view.action_toggle_cursor,
        )
        for layer in LAYERS:
            yield SystemCommand(
                f"Toggle {layer.label.lower()} highlights",
                f"Key {layer.key}",
                lambda name=layer.name: self.action_toggle_layer(name),
            )

