"""Notes, highlights, bookmarks and the reading place: the app's side of them.

A mixin for :class:`~reader.ui.app.LimelightApp`. Everything it writes goes
through :class:`~reader.store.Store`; a failed save is reported and the
reader's text stays in the editor so it can be retried.
"""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import Input, Static

from reader.library.model import Article
from reader.library.sanitize import safe_display
from reader.store.annotations import Annotation, Bookmark, make_annotation, now_iso
from reader.store.db import StoreError
from reader.ui.article_view import ArticleView
from reader.ui.dialogs import LabelPrompt, ListPicker, NoteEditor
from reader.ui.layers import HIGHLIGHT_STYLE, NOTE_STYLE
from reader.ui.panels import NoteEntry, NotesList, snippet

PROGRESS_DELAY = 1.0  # seconds of stillness before the reading place is saved


class AnnotatingMixin:
    """Annotate (a), notes panel (o), bookmarks (m, M, '), undo (u), reading place."""

    notes: list[NoteEntry]
    _deleted: Annotation | None
    _progress_timer = None

    # -- notes of the open article ---------------------------------------------
    _anchoring = 0  # which refresh of the notes the last worker's answer belongs to

    def refresh_notes(self) -> None:
        """Re-anchor the open article's annotations and show them.

        What needs no search is shown at once: the notes still at their
        offsets and those already found orphaned in this very text. Any other
        note (the text changed) is searched for in a worker, so a long article
        never holds up the interface, and the notes are shown again when it
        is done.
        """
        view: ArticleView = self.article_view
        article = view.article
        self._anchoring += 1
        if article is None or not article.ok:
            self._show_notes([])
            return
        try:
            pairs, pending = self.store.anchor_known(article.id, article.body)
        except StoreError as error:
            self.notify(str(error), severity="error")
            pairs, pending = [], 0
        self._show_notes(pairs)
        if pending:
            self._reanchor(article, self._anchoring)

    @work(thread=True, exclusive=True, group="anchoring")
    def _reanchor(self, article: Article, generation: int) -> None:
        try:
            pairs = self.store.reanchor(article.id, article.body)
        except StoreError as error:
            self.call_from_thread(self.notify, str(error), severity="error")
            return
        self.call_from_thread(self._reanchored, article, generation, pairs)

    def _reanchored(self, article: Article, generation: int, pairs: list) -> None:
        if generation != self._anchoring or self.article_view.article is not article:
            return  # another article, or the notes changed meanwhile: a newer answer comes
        self._show_notes(pairs)

    def _show_notes(self, pairs: list) -> None:
        self.notes = [
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
        self.article_view.set_marks(
            [
                (n.start, n.end, NOTE_STYLE if n.note else HIGHLIGHT_STYLE)
                for n in self.notes
                if not n.orphaned
            ]
        )
        self.panel.set_notes(self.notes)
        self._show_note_at_cursor()

    def note_at(self, offset: int) -> NoteEntry | None:
        for entry in self.notes:
            if not entry.orphaned and entry.start <= offset < entry.end:
                return entry
        return None

    def _show_note_at_cursor(self) -> None:
        line = self.query_one("#note-line", Static)
        sentence = self.article_view.cursor_sentence
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

    # Handlers are named, not @on-decorated: Textual only collects @on
    # handlers from classes built by its metaclass, which a mixin is not.
    def on_article_view_cursor_moved(self) -> None:
        self._show_note_at_cursor()

    # -- annotating ---------------------------------------------------------------
    def action_annotate(self) -> None:
        view: ArticleView = self.article_view
        article = view.article
        if article is None or not article.ok:
            return
        passage = view.passage()
        if passage is None:
            view.action_toggle_cursor()
            self.notify("Move the cursor to a sentence (j / k) or select with v, then press a.")
            return
        start, end = passage
        existing = next(
            (n for n in self.notes if (n.start, n.end) == (start, end)), None
        )
        if existing is not None:
            self.edit_note(existing)
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

        self.push_screen(NoteEditor(article.body[start:end], save), self._note_saved)

    def edit_note(self, entry: NoteEntry) -> None:
        def save(note: str, tags: list[str]) -> str | None:
            try:
                self.store.update_annotation(entry.id, note=note, tags=tags)
            except (StoreError, KeyError) as error:
                return str(error)
            return None

        self.push_screen(NoteEditor(entry.quote, save, entry.note, entry.tags), self._note_saved)

    def _note_saved(self, saved: bool | None) -> None:
        if saved:
            self.article_view.clear_selection()
            self.refresh_notes()
            self.reindex_notes()
            self.notify("Note saved.", timeout=2)
        self.article_view.focus()

    def on_notes_list_edit(self, event: NotesList.Edit) -> None:
        self.edit_note(event.entry)

    def on_notes_list_delete(self, event: NotesList.Delete) -> None:
        try:
            self._deleted = self.store.delete_annotation(event.entry.id)
        except (StoreError, KeyError) as error:
            self.notify(str(error), severity="error")
            return
        self.refresh_notes()
        self.reindex_notes()
        self.notify("Note deleted: press u to undo.", timeout=5)

    def action_undo(self) -> None:
        if self._deleted is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        try:
            self.store.restore_annotation(self._deleted)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self._deleted = None
        self.refresh_notes()
        self.reindex_notes()
        self.notify("Note restored.", timeout=2)

    def jump_to_note(self, entry: NoteEntry) -> None:
        if entry.orphaned:
            self.notify("This note's passage is no longer in the article; it is kept as written.")
            return
        self.article_view.place_cursor_at(entry.start)
        self.article_view.focus()

    # -- bookmarks ----------------------------------------------------------------
    def action_bookmark_article(self) -> None:
        article: Article | None = self.article_view.article
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
            self.article_list.bookmarked = self.store.bookmarked_article_ids()
        except StoreError:
            return
        self.article_list.refresh()
        if self.bookmarked_only:
            self.filter_library(self.query_one("#filter", Input).value)

    def _cursor_or_top(self) -> tuple[int, int]:
        """(block, offset in block) of the cursor, else of the top of the view."""
        view: ArticleView = self.article_view
        sentence = view.cursor_sentence
        if sentence is not None and view.article is not None:
            located = view.locate(sentence[0])
            if located is not None:
                return located
        block, offset, _ = view.reading_position()
        return block, offset

    def action_bookmark_place(self) -> None:
        article: Article | None = self.article_view.article
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

        self.push_screen(LabelPrompt("Bookmark this place", "label (optional)"), save)

    def action_bookmarks(self) -> None:
        try:
            marks = self.store.bookmarks()
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        shown = self.article_view.article
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

        self.push_screen(
            ListPicker("Bookmarks", entries, "No bookmarks yet: m marks an article, M a place.", delete),
            self._bookmark_chosen,
        )

    def _bookmark_chosen(self, mark: Bookmark | None) -> None:
        if mark is None:
            return
        if self.article_by_id(mark.article_id) is None:
            self.notify(f"“{mark.title}” is not in the library now.", severity="warning")
            return
        position = (mark.block, mark.offset or 0) if mark.kind == "position" else None
        if position is not None and mark.article_id == self.article_view_id:
            self.article_view.scroll_to_position(*position)
        else:
            self.open_article(mark.article_id, position=position)
        self.article_view.focus()

    def open_note(self, article_id: str, note_id: str) -> None:
        """Open an article and put the cursor on one of its notes."""

        def jump() -> None:
            entry = next((n for n in self.notes if n.id == note_id), None)
            if entry is not None:
                self.jump_to_note(entry)

        if self.article_view_id != article_id:
            self.open_article(article_id, after=jump)
        else:
            jump()

    def action_notes(self) -> None:
        self.action_panel("notes")

    # -- reading place --------------------------------------------------------------
    def on_article_view_scrolled(self) -> None:
        if self._progress_timer is not None:
            self._progress_timer.stop()
        self._progress_timer = self.set_timer(PROGRESS_DELAY, self.save_progress)

    def save_progress(self, wait: bool = False) -> None:
        """Remember where the reader is in the open article (block and offset).

        Written by a worker, or at once with ``wait`` (when quitting).
        """
        view: ArticleView = self.article_view
        article = view.article
        if article is None or not article.ok or not article.blocks:
            return
        block, offset, fraction = view.reading_position()
        self.article_list.progress[article.id] = fraction
        self.article_list.refresh()
        self._last_read[article.id] = now_iso()  # the "by last read" order, next time it sorts
        if wait:
            self._store_progress(article.id, block, offset, fraction)
        else:
            self._write_progress(article.id, block, offset, fraction)

    def _store_progress(self, article_id: str, block: int, offset: int, fraction: float) -> None:
        try:
            self.store.set_progress(article_id, block, offset, fraction)
        except StoreError:
            pass  # the reading place is a convenience; a failed note save is reported

    @work(thread=True, group="progress")
    def _write_progress(self, article_id: str, block: int, offset: int, fraction: float) -> None:
        self._store_progress(article_id, block, offset, fraction)


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
