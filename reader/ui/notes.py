"""Notes, highlights, bookmarks and the reading place: the app's side of them.

:class:`NotesController` is a plain object the app owns (no widget): the
app's keys and the notes panel's messages call it. It keeps the open
article's notes (re-anchored to its text, in a worker when they have to be
searched for) and hands them to the reader pane (their marks, the note
under the cursor) and to the side panel; it writes notes, bookmarks and
reading places through :class:`~reader.store.Store`. A failed save is
reported and the reader's text stays in the editor so it can be retried.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.content import Content

from reader.library.model import Article
from reader.library.sanitize import safe_display
from reader.record import Frozen
from reader.store.annotations import Annotation, Bookmark, make_annotation
from reader.store.db import StoreError
from reader.store.progress import ReadingProgress, view_fractions
from reader.text import quoted, snippet
from reader.ui.messages import NotesAnchored

if TYPE_CHECKING:
    from textual.widget import Widget

    from reader.store import Store
    from reader.ui.app import LimelightApp
    from reader.ui.article_view import ArticleView

PROGRESS_DELAY = 1.0  # seconds of stillness before the reading place is saved


class NoteEntry(Frozen):
    """An annotation as the notes panel and the reader pane show it: placed at
    (start, end) of the open article, or orphaned."""

    __slots__ = ("id", "quote", "note", "tags", "start", "end")
    id: str
    quote: str
    note: str
    tags: tuple[str, ...]
    start: int | None
    end: int | None

    def __init__(
        self,
        id: str,
        quote: str,
        note: str,
        tags: tuple[str, ...],
        start: int | None,
        end: int | None,
    ) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "quote", quote)
        object.__setattr__(self, "note", note)
        object.__setattr__(self, "tags", tags)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def orphaned(self) -> bool:
        return self.start is None


class NotesController:
    """Annotate (a), the notes' list, bookmarks (m, M, '), undo (u), the reading place."""

    def __init__(self, app: LimelightApp) -> None:
        self.app = app
        self.entries: list[NoteEntry] = []  # the open article's notes
        self._deleted: Annotation | None = None  # what u restores
        self._anchoring = 0  # which refresh of the notes the last worker's answer belongs to
        self._progress_timer = None
        # How much of the open article is read (reader/store/progress.py's rule).
        self.reading = ReadingProgress()

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def view(self) -> ArticleView:
        return self.app.reader.view

    def notify(self, message: str, **options) -> None:
        self.app.notify(message, **options)

    def reload(self) -> None:
        """Pick up what another Limelight window saved: notes and bookmarks."""
        self.store.refresh()
        self.refresh()
        self.refresh_bookmarks()

    # -- notes of the open article ---------------------------------------------
    def article_shown(self, article: Article) -> None:
        """A new article is open: show its notes, and open it first next time."""
        self.refresh()
        self.app.quietly(self.store.set_last_article, article.id)
        if self._progress_timer is not None:
            self._progress_timer.stop()
        place = self.app.quietly(self.store.progress, article.id)
        self.reading.start(article.id, article.words, place.fraction if place else 0.0)

    def refresh(self) -> None:
        """Re-anchor the open article's annotations and show them.

        What needs no search is shown at once: the notes still at their
        offsets and those already found orphaned in this very text. Any other
        note (the text changed) is searched for in a worker, so a long article
        never holds up the interface, and the notes are shown again when it
        is done.
        """
        article = self.view.article
        self._anchoring += 1
        if article is None or not article.ok:
            self._show([])
            return
        try:
            pairs, pending = self.store.anchor_known(article.id, article.body)
        except StoreError as error:
            self.notify(str(error), severity="error")
            pairs, pending = [], 0
        self._show(pairs)
        if pending:
            self.app.run_worker(
                partial(self._reanchor, article, self._anchoring),
                thread=True,
                exclusive=True,
                group="anchoring",
            )

    def _reanchor(self, article: Article, generation: int) -> None:
        """(In a worker.) Search the text for the notes that moved."""
        try:
            pairs = self.store.reanchor(article.id, article.body)
        except StoreError as error:
            self.app.post_message(NotesAnchored(article, generation, [], str(error)))
            return
        self.app.post_message(NotesAnchored(article, generation, pairs))

    def anchored(self, event: NotesAnchored) -> None:
        if event.error:
            self.notify(event.error, severity="error")
            return
        if event.generation != self._anchoring or self.view.article is not event.article:
            return  # another article, or the notes changed meanwhile: a newer answer comes
        self._show(event.pairs)

    def _show(self, pairs: list) -> None:
        self.entries = [
            NoteEntry(
                a.id,
                a.quote,
                a.note,
                tuple(a.tags),
                where.start if where else None,
                where.end if where else None,
            )
            for a, where in pairs
        ]
        self.app.reader.set_notes(self.entries)
        self.app.panel.show_notes(self.entries)

    # -- annotating ---------------------------------------------------------------
    def annotate(self) -> None:
        view = self.view
        article = view.article
        if article is None or not article.ok:
            return
        passage = view.passage()
        if passage is None and not view.cursor_mode:
            # No selection and no cursor: the sentence at the top of the view,
            # in cursor mode, so the reader sees what is annotated.
            view.action_toggle_cursor()
            passage = view.passage()
        if passage is None:
            self.notify("No sentence to annotate here.", timeout=2)
            return
        start, end = passage
        existing = next((n for n in self.entries if (n.start, n.end) == (start, end)), None)
        if existing is not None:
            self.edit(existing)
            return

        def save(note: str, tags: list[str]) -> str | None:
            annotation = make_annotation(
                article.id, article.body, start, end, note=note, tags=tags, title=article.title
            )
            try:
                self.store.add_annotation(annotation)
            except StoreError as error:
                return str(error)
            return None

        from reader.ui.dialogs import NoteEditor  # not at start: only when asked for

        self.app.push_screen(NoteEditor(article.body[start:end], save), self._saved)

    def edit(self, entry: NoteEntry) -> None:
        def save(note: str, tags: list[str]) -> str | None:
            try:
                self.store.update_annotation(entry.id, note=note, tags=tags)
            except (StoreError, KeyError) as error:
                return str(error)
            return None

        # Back, once saved or cancelled, to where the edit was asked for: the
        # notes panel, or the article.
        back = self.app.focused
        from reader.ui.dialogs import NoteEditor

        self.app.push_screen(
            NoteEditor(entry.quote, save, entry.note, entry.tags), partial(self._saved, back=back)
        )

    def _saved(self, saved: bool | None, back: Widget | None = None) -> None:
        if saved:
            self.view.clear_selection()
            self.refresh()
            self.reindex()
            self.notify("Note saved.", timeout=2)
        if back is not None and back.is_attached and back.display and back.focusable:
            back.focus()
        else:
            self.view.focus()

    def delete(self, entry: NoteEntry) -> None:
        try:
            self._deleted = self.store.delete_annotation(entry.id)
        except (StoreError, KeyError) as error:
            self.notify(str(error), severity="error")
            return
        self.refresh()
        self.reindex()
        self.notify("Note deleted: press u to undo.", timeout=5)

    def undo(self) -> None:
        if self._deleted is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        try:
            self.store.restore_annotation(self._deleted)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self._deleted = None
        self.refresh()
        self.reindex()
        self.notify("Note restored.", timeout=2)

    def open_note(self, article_id: str, note_id: str) -> None:
        """Open an article and put the cursor on one of its notes."""

        def jump() -> None:
            entry = next((n for n in self.entries if n.id == note_id), None)
            if entry is not None:
                self.app.reader.show_note(entry)

        if self.app.reader.article_id != article_id:
            self.app.open_article(article_id, after=jump)
        else:
            leaving = self.app.reading_place()
            jump()
            self.app.jumped_from(leaving)

    def reindex(self) -> None:
        """The notes into the search index, in a worker."""
        self.app.run_worker(self._index_notes, thread=True, exclusive=True, group="index-notes")

    def _index_notes(self) -> None:
        try:
            self.app.workspace.index_notes()
        except Exception:
            pass  # searched notes catch up at the next start

    # -- bookmarks ----------------------------------------------------------------
    def bookmark_article(self) -> None:
        article = self.view.article
        if article is None:
            return
        try:
            marked = self.store.toggle_article_bookmark(article.id, article.title)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.refresh_bookmarks()
        self.notify("Article bookmarked." if marked else "Bookmark removed.", timeout=2)

    def refresh_bookmarks(self) -> None:
        try:
            marked = self.store.bookmarked_article_ids()
        except StoreError:
            return
        self.app.sidebar.set_bookmarked(marked)

    def _cursor_or_top(self) -> tuple[int, int]:
        """(block, offset in block) of the cursor, else of the top of the view."""
        view = self.view
        sentence = view.cursor_sentence
        if sentence is not None and view.article is not None:
            located = view.locate(sentence[0])
            if located is not None:
                return located
        block, offset, _ = view.reading_position()
        return block, offset

    def bookmark_place(self) -> None:
        article = self.view.article
        if article is None or not article.blocks:
            return
        block, offset = self._cursor_or_top()

        def save(label: str | None) -> None:
            if label is None:
                return
            try:
                self.store.add_position_bookmark(article.id, article.title, block, offset, label)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            self.notify("Place bookmarked.", timeout=2)

        from reader.ui.dialogs import LabelPrompt

        self.app.push_screen(LabelPrompt("Bookmark this place", "label (optional)"), save)

    def bookmarks(self) -> None:
        try:
            marks = self.store.bookmarks()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        shown = self.view.article
        entries = [
            (bookmark_prompt(mark, shown if shown and shown.id == mark.article_id else None), mark)
            for mark in marks
        ]

        def delete(mark: Bookmark) -> None:
            try:
                self.store.remove_bookmark(mark.id)
            except StoreError as error:
                self.notify(str(error), severity="error")
            self.refresh_bookmarks()

        from reader.ui.dialogs import ListPicker

        self.app.push_screen(
            ListPicker(
                "Bookmarks", entries, "No bookmarks yet: m marks an article, M a place.", delete
            ),
            self._bookmark_chosen,
        )

    def _bookmark_chosen(self, mark: Bookmark | None) -> None:
        if mark is None:
            return
        if self.app.article_by_id(mark.article_id) is None:
            title = quoted(safe_display(mark.title))
            self.notify(f"{title} is not in the library now.", severity="warning")
            return
        position = (mark.block, mark.offset or 0) if mark.kind == "position" else None
        if position is not None and mark.article_id == self.app.reader.article_id:
            leaving = self.app.reading_place()
            self.view.scroll_to_position(*position)
            self.app.jumped_from(leaving)
        else:
            self.app.open_article(mark.article_id, position=position)
        self.view.focus()

    # -- reading place --------------------------------------------------------------
    def saved_place(self, article_id: str) -> tuple[int, int] | None:
        """Where the reader left ``article_id`` (block, offset); None at its top."""
        place = self.app.quietly(self.store.progress, article_id)
        if place is not None and (place.block or place.offset):
            return place.block, place.offset
        return None

    def place_changed(self) -> None:
        """The article scrolled: save the reading place once it is still."""
        self.reading.moved()
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self._progress_timer = self.app.set_timer(PROGRESS_DELAY, self.save_progress)

    def save_progress(self, wait: bool = False) -> None:
        """Remember where the reader is in the open article (block and offset).

        Written by a worker, or at once with ``wait`` (when quitting). The
        fraction read follows :mod:`reader.store.progress`: what scrolled past
        the top of the view, and the rest of the view once it stayed on screen
        long enough to be read (saved again then, if the reader stays).
        """
        view = self.view
        article = view.article
        if article is None or not article.ok or not article.blocks:
            return
        block, offset, _ = view.reading_position()
        top, bottom = view_fractions(
            view.scroll_y, view.scrollable_content_region.height, view.virtual_size.height
        )
        if self.reading.article_id != article.id:
            self.reading.start(article.id, article.words)
        fraction = self.reading.fraction(top, bottom)
        waiting = self.reading.waiting(top, bottom)
        if waiting and not wait:
            if self._progress_timer is not None:
                self._progress_timer.stop()
            self._progress_timer = self.app.set_timer(waiting + 0.1, self.save_progress)
        self.app.sidebar.mark_read(article.id, fraction)
        if wait:
            self._store_progress(article.id, block, offset, fraction)
        else:
            self.app.run_worker(
                partial(self._store_progress, article.id, block, offset, fraction),
                thread=True,
                group="progress",
            )

    def _store_progress(self, article_id: str, block: int, offset: int, fraction: float) -> None:
        try:
            self.store.set_progress(article_id, block, offset, fraction)
        except StoreError:
            pass  # the reading place is a convenience; a failed note save is reported


def bookmark_prompt(mark: Bookmark, article: Article | None) -> Content:
    """A bookmark as the list shows it; ``article`` (when open) gives a place its text."""
    title = safe_display(mark.title or (article.title if article else mark.article_id))
    if mark.kind == "position":
        where = ""
        blocks = getattr(article, "blocks", ())
        if mark.block is not None and mark.block < len(blocks):
            where = snippet(blocks[mark.block].text[mark.offset or 0 :], 60)
        label = safe_display(mark.label) or "place"
        return Content("\n").join(
            [
                Content.assemble(("◆ ", "bold $accent"), (label, "bold"), ("  in ", "dim"), title),
                Content(f"  {where}").stylize("dim italic"),
            ]
        )
    return Content.assemble(("★ ", "bold $warning"), (title, "bold"))
