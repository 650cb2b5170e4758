"""The reader pane: the legend, the article, the note under the cursor, the find line.

:class:`ReaderPane` owns the open article: which one was asked for last
(read from its file in a worker, :class:`~reader.ui.messages.ArticleRead`,
which bubbles on to the app unless a newer one was asked for since), its
analysis (run in a worker when the cache has none, applied here and passed
on to the app for the side panel), the highlight layers shown, the marks of
its notes and the note under the cursor, and finding in it (``/``, ``n`` /
``N``; a long article is searched in a worker). What to show comes down
from the app as method calls: a found match, a quote chosen in People, the
passage a side panel's entry points at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from reader.library.model import Article, ArticleMeta
from reader.library.sanitize import safe_display
from reader.ui.article_view import ArticleView
from reader.ui.layers import HIGHLIGHT_STYLE, NOTE_STYLE
from reader.ui.legend import Legend
from reader.ui.messages import AnalysisFailed, AnalysisReady, ArticleRead, FindDone
from reader.ui.search_bar import SearchBar

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.ui.notes import NoteEntry
    from reader.ui.panel_list import Pointer
    from reader.workspace import Read, Workspace

FIND_IN_WORKER_CHARS = 200_000  # longer articles are searched in a worker

Span = tuple[int, int]


ANALYSING = "◌ highlighting…"  # the loading indicator, while the article is analysed


class ReaderPane(Vertical):
    """The open article, its highlights, its notes' marks and the find line."""

    # The loading indicator floats over the article's blank top line, at its
    # right, so it shows wherever the reader is and moves no text.
    DEFAULT_CSS = """
    ReaderPane > #reading-status {
        position: absolute;
        width: auto;
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-style: italic;
        display: none;
    }
    ReaderPane > #reading-status.shown {
        display: block;
    }
    """

    def __init__(
        self, workspace: Workspace, enabled_layers: frozenset[str], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.enabled_layers = frozenset(enabled_layers)
        self.requested: str | None = None  # the article asked for last
        self.reading = False  # True while the article asked for is read in a worker
        self.notes: Sequence[
            NoteEntry
        ] = ()  # the open article's, as the notes controller found them
        self.legend = Legend(id="legend")
        self.view = ArticleView(id="article")
        self.view.enabled = self.enabled_layers
        self.note_line = Static("", id="note-line", markup=False)
        self.search_bar = SearchBar(id="search-bar")
        self.status = Static(ANALYSING, id="reading-status", markup=False)

    def compose(self) -> ComposeResult:
        yield self.legend
        yield self.view
        yield self.note_line
        yield self.search_bar
        yield self.status

    def on_mount(self) -> None:
        self.legend.show(self.enabled_layers)

    @property
    def article(self) -> Article | None:
        return self.view.article

    @property
    def article_id(self) -> str | None:
        """The id of the article shown (not the one being read, :attr:`requested`)."""
        article = self.view.article
        return article.id if article else None

    # -- opening an article ----------------------------------------------------------
    def open(
        self,
        meta: ArticleMeta,
        position: tuple[int, int] | None = None,
        after: Callable[[], object] | None = None,
    ) -> None:
        """Read ``meta``'s file in a worker; the app shows it (:meth:`show`) when it is read."""
        self.requested = meta.id
        self.reading = True
        self._read(meta, position, after)

    def read_at_once(self, meta: ArticleMeta, read: Read) -> ArticleRead:
        """``meta``, read at once by the caller (a small file at start, so the first
        screen shows it), is the article asked for: what the worker of
        :meth:`open` would post, for the app to show."""
        self.requested = meta.id
        self.reading = False
        return ArticleRead(meta, read.article, read.fresh, None, None, read.follow, read.cached)

    @work(thread=True, exclusive=True, group="open")
    def _read(self, meta: ArticleMeta, position, after) -> None:
        article, fresh, follow, cached = self.workspace.read(meta)
        self.post_message(ArticleRead(meta, article, fresh, position, after, follow, cached))

    @on(ArticleRead)
    def _article_read(self, event: ArticleRead) -> None:
        if event.meta.id != self.requested:
            event.stop()  # the reader has asked for another article since
        else:
            self.reading = False

    def show(
        self, article: Article, analysis: Analysis | None, position: tuple[int, int] | None
    ) -> None:
        """Show ``article`` at ``position``; analyse it in a worker when ``analysis`` is None."""
        focused = self.app.focused
        if focused is not None and self.search_bar in focused.ancestors_with_self:
            self.view.focus()
        self.view.show(article, analysis, position)
        self._show_status()
        self.search_bar.set_count("")
        self.search_bar.hide()
        if article.ok and analysis is None:
            # Once the text is drawn: the analysis thread holds the GIL in long
            # stretches, and started now it would hold the first paint back.
            self.when_drawn(partial(self._analyse_shown, article))

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the article shown is on screen (for work that
        would hold its first paint back)."""
        self.view.when_drawn(callback)

    def _analyse_shown(self, article: Article) -> None:
        if self.article_id == article.id:  # not when another was opened since
            self._analyse(article)

    def focus_article(self) -> None:
        self.view.focus()

    # -- analysis --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self, article: Article) -> None:
        try:
            analysis = self.workspace.analysis(article)
        except Exception as error:  # a bug on one text must not close the app
            reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            self.post_message(AnalysisFailed(article.id, reason))
            return
        self.post_message(AnalysisReady(article.id, analysis))

    @on(AnalysisReady)
    def _analysed(self, event: AnalysisReady) -> None:
        """Highlight the article; the message goes on to the app for the side panel."""
        self.view.set_analysis(event.article_id, event.analysis)
        self._show_status()

    @on(AnalysisFailed)
    def _analysis_failed(self, event: AnalysisFailed) -> None:
        event.stop()
        self.view.analysis_failed(event.article_id)
        self._show_status()
        self.notify(
            f"Could not analyse this article ({event.reason}).", severity="error", markup=False
        )

    def _show_status(self) -> None:
        """Show the loading indicator while the article shown is being analysed."""
        analysing = self.view.analysing
        self.status.set_class(analysing, "shown")
        if analysing:
            self._place_status()
            self.call_after_refresh(self._place_status)  # once laid out

    def _place_status(self) -> None:
        top = self.view.region.y - self.region.y if self.view.region.height else 0
        left = self.size.width - len(ANALYSING) - 5  # its padding, the scrollbar's cells
        self.status.styles.offset = (max(0, left), max(0, top))

    def on_resize(self) -> None:
        if self.status.has_class("shown"):
            self._place_status()

    # -- layers ------------------------------------------------------------------------
    def set_layers(self, enabled: frozenset[str]) -> None:
        self.enabled_layers = frozenset(enabled)
        self.legend.show(self.enabled_layers)
        self.view.set_layers(self.enabled_layers)

    # -- notes -------------------------------------------------------------------------
    def set_notes(self, notes: Sequence[NoteEntry]) -> None:
        """Mark the open article's notes and highlights, and say which one the cursor is on."""
        self.notes = notes
        self.view.set_marks(
            [
                (n.start, n.end, NOTE_STYLE if n.note else HIGHLIGHT_STYLE)
                for n in notes
                if not n.orphaned
            ]
        )
        self._show_note_at_cursor()

    def note_at(self, offset: int) -> NoteEntry | None:
        for entry in self.notes:
            if not entry.orphaned and entry.start <= offset < entry.end:
                return entry
        return None

    def _show_note_at_cursor(self) -> None:
        line = self.note_line
        sentence = self.view.cursor_sentence
        entry = None
        if sentence is not None:
            for offset in (sentence[0], (sentence[0] + sentence[1]) // 2, sentence[1] - 1):
                entry = self.note_at(offset)
                if entry:
                    break
        if entry is None:
            line.remove_class("shown")
            return
        text = safe_display(entry.note) or "(highlight, no note)"
        tags = "  " + " ".join(f"#{safe_display(t)}" for t in entry.tags) if entry.tags else ""
        line.update(Content.assemble(("✎ ", "bold $accent"), text, (tags, "dim")))
        line.add_class("shown")

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._show_note_at_cursor()

    def show_note(self, entry: NoteEntry) -> None:
        """Put the cursor on a note's passage (an orphaned note has none: say so)."""
        if entry.orphaned:
            self.notify("This note's passage is no longer in the article; it is kept as written.")
            return
        self.view.place_cursor_at(entry.start)
        self.view.focus()

    # -- finding in the article --------------------------------------------------------
    def open_find(self) -> None:
        if self.view.article is not None:
            self.search_bar.open()

    @on(SearchBar.Changed)
    def _find_changed(self, event: SearchBar.Changed) -> None:
        self.find(event.query, event.regex)

    def find(self, query: str, regex: bool = False) -> None:
        """Highlight every match of ``query``; the current one is the first after the reading place.

        A long article is searched in a worker, so typing never waits for it.
        """
        article = self.view.article
        if article is None:
            return
        if len(article.body) > FIND_IN_WORKER_CHARS:
            self._find_worker(article, query, regex)
        else:
            self._apply_find(FindDone(article.id, query, *self._find(article.body, query, regex)))

    @staticmethod
    def _find(body: str, query: str, regex: bool) -> tuple[list[Span], str | None]:
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
        self.post_message(FindDone(article.id, query, *self._find(article.body, query, regex)))

    @on(FindDone)
    def _apply_find(self, event: FindDone) -> None:
        view, bar = self.view, self.search_bar
        if view.article is None or view.article.id != event.article_id:
            return
        if event.query != bar.value and bar.has_class("shown"):
            return  # a newer query is on its way
        if event.error or not event.matches:
            view.set_matches([])
            if event.error:
                bar.set_error(event.error)  # beside the query, which stays as typed
            else:
                bar.set_count("no matches" if event.query else "", error=bool(event.query))
            return
        here = self._reading_offset()
        current = next((i for i, (start, _) in enumerate(event.matches) if start >= here), 0)
        view.set_matches(event.matches, current)
        self._show_count()

    def _reading_offset(self) -> int:
        """Body offset of the reading place: the cursor, else the top of the view."""
        view = self.view
        if view.cursor_sentence is not None:
            return view.cursor_sentence[0]
        if view.article is None or not view.article.blocks:
            return 0
        block, offset, _ = view.reading_position()
        return view.article.block_starts[block] + offset

    def _show_count(self) -> None:
        view = self.view
        if view.current_match is not None and view.matches:
            self.search_bar.set_count(f"{view.current_match + 1}/{len(view.matches)}")

    @on(SearchBar.Closed)
    def _find_closed(self, event: SearchBar.Closed) -> None:
        view = self.view
        if not event.keep or not (view.matches or view.head_match):
            self.clear_matches()
        view.focus()

    def clear_matches(self) -> None:
        self.view.set_matches([])
        self.search_bar.set_count("")
        self.search_bar.hide()

    def escape(self) -> None:
        """Escape in the article: drop a selection first, then search matches."""
        view = self.view
        if view.clear_selection():
            return
        if view.matches or view.head_match:
            self.clear_matches()

    def step_match(self, delta: int) -> None:
        view, bar = self.view, self.search_bar
        if not view.matches and view.head_match is not None:
            view.scroll_home(animate=False)  # the one match, in the title or the dek
            bar.set_count("1/1")
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
        if not bar.has_class("shown"):
            bar.show_summary(bar.value or "matches")

    def show_matches(self, spans: Sequence[Span], label: str) -> None:
        """Highlight ``spans`` of the body as matches (``n`` / ``N`` step), the first in view."""
        self.view.set_matches(list(spans), 0)
        self._show_count()
        self.search_bar.show_summary(label)

    def show_quote(self, hit) -> None:
        """Bring a quote chosen in People into view, highlighted like a match
        (one of one), in the body or at the top in the title or the dek."""
        view = self.view
        if view.article is None or view.article.id != hit.article_id:
            return
        said = f"quote by {hit.speaker}" if hit.speaker else "quote"
        if hit.part in ("title", "dek"):
            text = getattr(view.article, hit.part, "") or ""
            span = quote_span(text, hit)
            if span is None:  # not there any more: the top, where it was
                view.scroll_home(animate=False)
                return
            view.set_head_match(hit.part, *span)
            self.search_bar.set_count("1/1")
            self.search_bar.show_summary(said)
            return
        span = quote_span(view.article.body, hit)
        if span is not None:
            self.show_matches([span], said)

    # -- what a side panel's entry points at -----------------------------------------------
    def point_at(self, pointer: Pointer | None) -> None:
        """Underline what ``pointer`` marks (a quote's speaker and cue); None clears."""
        if pointer is None:
            self.view.set_attribution([])
        else:
            self.view.set_attribution(pointer.underline, pointer.part)

    def bring_into_view(self, pointer: Pointer) -> None:
        """Scroll the article (not the focus) to a passage: with what it underlines
        when they fit, the passage itself first; the top for the title's and the dek's."""
        view = self.view
        if pointer.part != "body":
            view.scroll_home(animate=False, immediate=True)
            return
        start, end = pointer.span
        spans = [pointer.span, *pointer.underline]
        view.scroll_span_into_view(min(s for s, _ in spans), max(e for _, e in spans))
        view.scroll_span_into_view(start, end)


def quote_span(text: str, hit) -> Span | None:
    """Where ``hit`` is in ``text``: its offsets, else (stale offsets) where its text is."""
    start, end = hit.start, hit.end
    if text[start:end] == hit.text and start < end:
        return start, end
    found = text.find(hit.text) if hit.text else -1
    return None if found < 0 else (found, found + len(hit.text))
