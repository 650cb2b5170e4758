"""The library sidebar: the title filter, the article list and the status line.

:class:`LibrarySidebar` owns the library as the app lists it: the articles
(read in a worker: what the catalogue cache knew at once, then what is on
disk now), their order, the title filter, the bookmarked-only view, the
marks on each row (read, bookmarked) and the status line (how many
articles, how many unreadable, the search index's progress). It brings the
search index up to date with the library when asked.

Feeds: the list can be grouped by feed (:meth:`LibrarySidebar.toggle_by_feed`,
a heading per feed, newest first within it; :mod:`reader.library.feedview`),
``feed:NAME`` in the filter keeps one feed's articles, and
:meth:`LibrarySidebar.update_feeds` fetches every feed in a worker
(:func:`reader.library.feed_update.update_feeds`), its progress in the status
line, then rescans the library so the new articles appear (unread).

It tells the app what happened by messages: the reader's choice as
:class:`LibrarySidebar.ArticleChosen`; the library's batches
(:class:`~reader.ui.messages.LibraryBatch`, ``LibraryReplaced``) bubble on
once the sidebar has listed them, and ``FilesEdited`` / ``CachesNoticed``
are the app's to handle.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.library.feedview import (
    by_feed,
    feed_query,
    feeds_of,
    matching_feeds,
    split_feed_query,
)
from reader.library.model import Article, ArticleMeta, is_pending
from reader.library.sanitize import safe_display
from reader.library.sorting import ORDERS, sort_library
from reader.search.fuzzy import rank
from reader.store.annotations import now_iso
from reader.text import plural, quoted
from reader.ui.article_list import ArticleList, FeedHeading
from reader.ui.messages import (
    CachesNoticed,
    FeedsProgress,
    FeedsUpdated,
    FilesEdited,
    Filtered,
    IndexStatus,
    LibraryBatch,
    LibraryReplaced,
)

if TYPE_CHECKING:
    from reader.workspace import Workspace

LOAD_BATCH_SECONDS = 0.2  # how often a loading library is handed to the list
# A file that takes longer to read is listed by name and read on the side.
FILE_BUDGET_SECONDS = 1.0
FILTER_PLACEHOLDER = "Filter titles (f)"
FEED_FILTER_PLACEHOLDER = "Filter titles, feed:NAME (f)"  # once the library has feed articles
FAILED_FEEDS_SHOWN = 5  # `R`'s notices: one for each failed feed, up to this many
SORT_LABELS = {
    "added": "in the order added",
    "title": "by title",
    "read": "by last read",
    "length": "by length",
    "date": "by date, newest first",
}


# What the list says when `feed:` is asked for and no article is from a feed.
NO_FEED_ARTICLES = "no article is from a feed (`limelight feed add URL` subscribes to one)"


def feeds_summary(report) -> str:
    """The first line of the notice after `R`: how many new articles, from how many feeds."""
    total, failed = len(report.results), len(report.failed)
    if report.new:
        giving = sum(1 for result in report.results if result.new)
        said = f"{plural(report.new, 'new article')} from {plural(giving, 'feed')}"
    else:
        said = f"No new articles in {plural(total - failed, 'feed')}"
    if failed:
        return said + f"; {failed} of {total} failed:"
    return said + "."


class LibrarySidebar(Vertical):
    """The library: listed, ordered, filtered, with its status line."""

    @dataclass
    class ArticleChosen(Message):
        """The reader chose an article (enter or a click in the list, enter in the filter)."""

        article_id: str

    def __init__(
        self,
        workspace: Workspace,
        sort_order: str,
        *,
        by_feed: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.library: list[ArticleMeta] = []
        self.shown: list[ArticleMeta] = []  # what the list shows: filtered, in order
        self.sort_order = sort_order
        self.by_feed = by_feed  # grouped by feed, a heading before each feed's articles
        self.bookmarked_only = False
        self.feeds_status = ""  # "updating feeds 3/20…" while `R`'s update runs
        self._feeds_cancel: threading.Event | None = None  # set: stop the update (quitting)
        self._top_for: str | None = None  # a feed chosen by its heading: its newest highlighted
        self.index_status = ""
        self.last_read: dict[str, str] = {}  # for the "by last read" order
        self.open_id: str | None = None  # the article shown in the reader pane
        self._by_id: dict[str, ArticleMeta] = {}
        self._broken = 0
        self._loading = True
        self._ordered: tuple | None = None  # (key, the library in sort_order)
        self._grouped: tuple | None = None  # (key, the ordered library grouped by feed)
        self._folded_cache: tuple | None = None
        self.filter_input = Input(placeholder=FILTER_PLACEHOLDER, id="filter")
        self.article_list = ArticleList(id="articles")
        self.status_line = Static("Loading library…", id="library-status", markup=False)

    def compose(self) -> ComposeResult:
        yield self.filter_input
        yield self.article_list
        yield self.status_line

    # -- what the library holds ----------------------------------------------------
    def article_by_id(self, article_id: str) -> ArticleMeta | None:
        """What the library knows of an article (title, words, source…), without its text."""
        return self._by_id.get(article_id)

    def first_article(self) -> ArticleMeta | None:
        """The article to show when none was asked for: the top of the list."""
        if self.shown:
            return self.shown[0]
        return self.library[0] if self.library else None

    def neighbour(self, article_id: str | None, delta: int) -> ArticleMeta | None:
        """The article ``delta`` rows from ``article_id`` in the list; None (said) past an end."""
        visible = self.shown
        if not visible:
            return None
        ids = [article.id for article in visible]
        index = ids.index(article_id) if article_id in ids else -1
        target = max(0, min(len(visible) - 1, index + delta))
        if target == index:
            self.notify("No more articles that way.", timeout=2)
            return None
        return visible[target]

    # -- loading -------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library")
    def load(self) -> None:
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
                self.post_message(LibraryBatch(batch, done=False))
        batch: list[ArticleMeta] = []
        scanned: list[ArticleMeta] = []
        # Files over their reading budget: listed by name, then replaced.
        pending: dict[str, int] = {}
        last = time.monotonic()

        def hand_over() -> None:
            nonlocal batch, last
            if batch and not listed:
                self.post_message(LibraryBatch(batch, done=False))
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
        self.post_message(CachesNoticed())
        if stats.edited:
            self.post_message(FilesEdited(dict(stats.edited)))
        if listed or stats.late:
            self.post_message(LibraryReplaced(scanned))
        else:
            self.post_message(LibraryBatch(batch, done=True))

    @on(LibraryBatch)
    def _batch(self, event: LibraryBatch) -> None:
        self._listed(event.metas, event.done)

    @on(LibraryReplaced)
    def _replaced(self, event: LibraryReplaced) -> None:
        seen: set[str] = set()
        # A slow file read at last may hold the same text as one listed before.
        metas = [meta for meta in event.metas if not (meta.id in seen or seen.add(meta.id))]
        self.library = []
        self._by_id = {}
        self._broken = 0
        self._listed(metas, True)

    def _listed(self, batch: list[ArticleMeta], done: bool) -> None:
        self.library.extend(batch)
        self._by_id.update((meta.id, meta) for meta in batch)
        self._broken += sum(1 for meta in batch if meta.error)
        self._loading = not done
        if any(meta.feed for meta in batch):
            self.filter_input.placeholder = FEED_FILTER_PLACEHOLDER
        self._show_status()
        self._show_ordered()
        if done and not self.library:
            self.notify("The library is empty: add files with `limelight add PATH`.")

    def replace_meta(self, old: ArticleMeta, fresh: ArticleMeta) -> None:
        """A file changed since it was listed: list it as it is now."""
        self._by_id.pop(old.id, None)
        self._by_id[fresh.id] = fresh
        self.library = [fresh if meta is old else meta for meta in self.library]
        self._ordered = None
        self.shown = [fresh if meta is old else meta for meta in self.shown]
        self.article_list.set_articles(self.shown, keep_id=fresh.id)

    # -- order and filter ------------------------------------------------------------
    def ordered_library(self) -> list[ArticleMeta]:
        """The library in the sidebar's order (:attr:`sort_order`)."""
        key = (id(self.library), len(self.library), self.sort_order)
        if self._ordered is None or self._ordered[0] != key:
            ordered = sort_library(self.library, self.sort_order, self.last_read)
            self._ordered = (key, ordered)
        return self._ordered[1]

    def ordered_view(self) -> list[ArticleMeta]:
        """The library as the list shows it unfiltered: in :attr:`sort_order`,
        grouped by feed when :attr:`by_feed` (each feed's articles newest first)."""
        ordered = self.ordered_library()
        if not self.by_feed:
            return ordered
        key = (id(ordered), len(ordered))
        if self._grouped is None or self._grouped[0] != key:
            grouped = [meta for _, metas in by_feed(ordered) for meta in metas]
            self._grouped = (key, grouped)
        return self._grouped[1]

    def _view_ready(self) -> bool:
        """Whether :meth:`ordered_view` is at hand; grouping a large library by
        feed takes a while (about 0.2 s at 100,000 articles), so it is done in
        the filter's worker."""
        if not self.by_feed:
            return True
        ordered = self.ordered_library()
        return self._grouped is not None and self._grouped[0] == (id(ordered), len(ordered))

    def set_sort_order(self, order: str) -> bool:
        """List the library by ``order``; False for an order there is not."""
        if order not in ORDERS:
            return False
        self.sort_order = order
        self._show_ordered()
        self.notify(f"Library sorted {SORT_LABELS[order]}.", timeout=2)
        return True

    def _show_ordered(self) -> None:
        query = self.filter_input.value
        if query.strip() or self.bookmarked_only or not self._view_ready():
            self.filter_library(query)  # in a worker
        else:
            self._present(self.ordered_view())
            self._show_status()

    def _present(
        self,
        visible: list[ArticleMeta],
        empty_text: str = "",
        top: bool = False,
        best: str | None = None,
    ) -> None:
        """List ``visible`` (in :meth:`ordered_view`'s order when grouped by feed:
        each feed's heading is put before its run of articles); the open
        article highlighted, else (or with ``top``) the first one; ``best``
        (the filter's best match, for words typed) before either."""
        self.shown = visible
        rows: list = visible
        keep = visible[0].id if top and visible else (best or self.open_id)
        if self.by_feed:
            rows = []
            for feed, run in groupby(visible, key=attrgetter("feed")):
                items = tuple(run)
                rows.append(FeedHeading(feed, items))
                rows.extend(items)
            if visible and not self._lists(visible, keep):
                keep = visible[0].id  # the first article, not its feed's heading
        self.article_list.set_articles(
            rows, keep_id=keep, empty_text=empty_text, grouped=self.by_feed
        )

    def _lists(self, visible: list[ArticleMeta], article_id: str | None) -> bool:
        """Whether ``visible`` (the library, or part of it) holds ``article_id``."""
        if article_id is None or article_id not in self._by_id:
            return False
        return len(visible) == len(self.library) or any(meta.id == article_id for meta in visible)

    def toggle_by_feed(self) -> None:
        """Group the list by feed, or list it in one again."""
        self.by_feed = not self.by_feed
        self.display = True
        self._show_ordered()
        feeds = len(feeds_of(self.library))
        if self.by_feed:
            said = f"Sidebar by feed ({plural(feeds, 'feed')}), newest first."
            if not feeds:
                said = (
                    "Sidebar by feed: no article is from a feed yet (subscribe with"
                    " `limelight feed add URL`, then R updates the feeds)."
                )
        else:
            said = f"Sidebar in one list, {SORT_LABELS[self.sort_order]}."
        self.notify(said, timeout=3)

    def show_feed(self, feed: str) -> None:
        """Only ``feed``'s articles (the filter says ``feed:"Name"``)."""
        self.display = True
        self._top_for = feed_query(feed)
        self.filter_input.value = self._top_for  # the filter runs on the change

    def show_all(self) -> bool:
        """Every article again: the filter cleared, bookmarked-only off; False
        when nothing was filtered."""
        if not self.filtered:
            return False
        self.bookmarked_only = False
        if self.filter_input.value:
            self.filter_input.value = ""  # the filter runs on the change
        else:
            self.refilter()
        return True

    def refilter(self) -> None:
        self.filter_library(self.filter_input.value)

    @work(thread=True, exclusive=True, group="filter")
    def filter_library(self, query: str) -> None:
        library = ordered = self.ordered_view()
        if self.bookmarked_only:
            marked = self.article_list.bookmarked
            library = [article for article in library if article.id in marked]
        feed, words = split_feed_query(query)
        if feed is not None:
            feeds = matching_feeds(feed, feeds_of(library))
            library = [article for article in library if article.feed in feeds]
        titles = [article.title for article in library]
        folded = self._folded_titles(titles, ordered) if library is ordered else None
        order = rank(words, titles, folded)
        # the best match is highlighted (enter opens it), wherever it is listed
        best = library[order[0]].id if order and words.strip() else None
        if self.by_feed and words.strip():
            order.sort()  # grouped: the feeds' order, not the best match first
        visible = [library[index] for index in order]
        if not get_current_worker().is_cancelled:
            self.post_message(Filtered(query, visible, best))

    def _folded_titles(self, titles: list[str], library: list) -> list[str]:
        """Folded titles, kept between keystrokes for the same list of titles."""
        from reader.search.fuzzy import fold

        key = (id(library), len(titles))
        cached = self._folded_cache
        if cached is None or cached[0] != key:
            cached = (key, [fold(title) for title in titles])
            self._folded_cache = cached
        return cached[1]

    @on(Filtered)
    def _filtered(self, event: Filtered) -> None:
        event.stop()
        if event.query != self.filter_input.value:
            return  # typed on since; a newer filter is on its way
        top = self._top_for == event.query
        self._top_for = None
        self._present(event.visible, self._nothing_shown(event.query), top=top, best=event.best)
        self._show_status()

    def _nothing_shown(self, query: str) -> str:
        """What the list says when the filter (or the bookmarked-only view) leaves nothing."""
        if not self.library:
            return ""
        feed, query = split_feed_query(" ".join(query.split()))
        if feed is not None and not matching_feeds(feed, feeds_of(self.library)):
            return f"no feed matches {quoted(safe_display(feed))}" if feed else NO_FEED_ARTICLES
        if feed is not None and not query and not self.bookmarked_only:
            return ""
        if self.bookmarked_only:
            if query:
                return f"no bookmarked titles match {quoted(safe_display(query))}"
            return "no bookmarked articles"
        return f"no titles match {quoted(safe_display(query))}" if query else ""

    @property
    def filtered(self) -> bool:
        """Whether the list shows part of the library: a title filter, or bookmarks only."""
        return bool(self.filter_input.value.strip()) or self.bookmarked_only

    def toggle_bookmarked_only(self) -> None:
        self.bookmarked_only = not self.bookmarked_only
        self.display = True
        self.refilter()
        self.notify(
            "Showing bookmarked articles only."
            if self.bookmarked_only
            else "Showing every article.",
            timeout=2,
        )

    def focus_filter(self) -> None:
        self.display = True
        # At once, so keys typed right after `f` land in the box.
        self.screen.set_focus(self.filter_input)

    # -- the rows' marks -----------------------------------------------------------
    def set_current(self, article_id: str) -> None:
        """Mark the article being opened."""
        self.article_list.set_current(article_id)

    def article_opened(self, article: Article) -> None:
        """The reader pane shows ``article``: marked current, and no longer unread."""
        self.open_id = article.id
        self.article_list.set_current(article.id)
        if article.ok:
            self.article_list.progress.setdefault(article.id, 0.0)

    def set_places(self, places: Mapping) -> None:
        """The reading places kept (article id -> place): how far each was read, and when."""
        self.article_list.progress = {key: place.fraction for key, place in places.items()}
        self.last_read = {key: place.updated for key, place in places.items()}

    def mark_read(self, article_id: str, fraction: float) -> None:
        """The reader is ``fraction`` through an article now."""
        self.article_list.progress[article_id] = fraction
        self.article_list.refresh()
        self.last_read[article_id] = now_iso()  # the "by last read" order, next time it sorts

    def set_bookmarked(self, article_ids: set[str]) -> None:
        self.article_list.bookmarked = article_ids
        self.article_list.refresh()
        if self.bookmarked_only:
            self.refilter()

    # -- the status line -------------------------------------------------------------
    def _show_status(self) -> None:
        count = len(self.library)
        parts = [plural(count, "article")]
        if self.filtered:
            parts = [f"{len(self.shown):,} of {parts[0]}"]
            if self.bookmarked_only:
                parts.append("bookmarked")
        if self._broken:
            parts.append(f"{self._broken} unreadable")
        if self._loading:
            parts.append("checking files…" if count else "loading…")
        if self.index_status:
            parts.append(self.index_status)
        if self.feeds_status:
            parts.append(self.feeds_status)
        self.status_line.update(" · ".join(parts))

    # -- feeds ---------------------------------------------------------------------------
    @property
    def updating_feeds(self) -> bool:
        """Whether `R`'s update of the feeds is running."""
        return self._feeds_cancel is not None

    def update_feeds(self) -> None:
        """Update every feed in a worker (one update at a time), its progress in
        the status line; the library is rescanned once the new articles are saved."""
        if self.updating_feeds:
            self.notify(f"The feeds are being updated ({self.feeds_status}).", timeout=3)
            return
        from reader.store.db import StoreError
        from reader.store.feeds import subscriptions

        try:
            count = len(subscriptions(self.workspace.store))
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if not count:
            self.notify("No feeds: add one with `limelight feed add URL`.", timeout=6)
            return
        self._feeds_cancel = threading.Event()
        self._say_feeds(0, count)
        if not self.display:  # the status line is hidden (`t`, zen mode): say it starts
            self.notify(f"Updating {plural(count, 'feed')}…", timeout=3)
        self._update_feeds(self._feeds_cancel)

    @work(thread=True, group="feeds")
    def _update_feeds(self, cancel: threading.Event) -> None:
        from reader.library.feed_update import update_feeds

        def progress(done: int, total: int, result) -> None:
            self.post_message(FeedsProgress(done, total))

        try:
            report = update_feeds(self.workspace.store, on_progress=progress, cancel=cancel)
        except Exception as error:  # the subscriptions could not be saved (StoreError), a bug
            reason = " ".join(str(error).split()) or type(error).__name__
            self.post_message(FeedsUpdated(None, f"The feeds could not be updated: {reason}"))
        else:
            self.post_message(FeedsUpdated(report, ""))

    def _say_feeds(self, done: int, total: int) -> None:
        self.feeds_status = f"updating feeds {done}/{total}…"
        self._show_status()

    @on(FeedsProgress)
    def _feeds_progress(self, event: FeedsProgress) -> None:
        event.stop()
        if self.updating_feeds:
            self._say_feeds(event.done, event.total)

    @on(FeedsUpdated)
    def _feeds_updated(self, event: FeedsUpdated) -> None:
        event.stop()
        self._feeds_cancel = None
        self.feeds_status = ""
        self._show_status()
        report = event.report
        if report is None:
            self.notify(event.error, severity="error", timeout=10)
            return
        failed = report.failed
        self.notify(feeds_summary(report), timeout=10 if failed else 5)
        # A notice is one line: one for each feed that failed (the first few).
        for result in failed[:FAILED_FEEDS_SHOWN]:
            self.notify(f"{result.name}: {result.reason}", severity="warning", timeout=10)
        if len(failed) > FAILED_FEEDS_SHOWN:
            more = len(failed) - FAILED_FEEDS_SHOWN
            self.notify(
                f"… and {more} more; `limelight feed list` says why.",
                severity="warning",
                timeout=10,
            )
        if report.saved:
            self.load()  # the new articles join the list (unread: never opened)

    def on_unmount(self) -> None:
        if self._feeds_cancel is not None:
            self._feeds_cancel.set()  # quitting: the feeds not started are skipped

    # -- the search index ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index")
    def build_index(self) -> None:
        """Bring the search index up to date with the library and the notes."""
        worker = get_current_worker()
        said = ""

        def say(text: str) -> None:
            nonlocal said
            if text != said:  # each change once, not once a batch
                said = text
                self.post_message(IndexStatus(text))

        say("indexing…")
        try:
            self.workspace.update_index(
                self.library,
                progress=lambda done, count: say(f"indexing {done * 100 // max(1, count)}%"),
                cancelled=lambda: worker.is_cancelled,
            )
        except Exception as error:  # an index is a cache: report and carry on
            say(f"search index unavailable: {error}")
        else:
            say("")
        self.post_message(CachesNoticed())

    @on(IndexStatus)
    def _index_status(self, event: IndexStatus) -> None:
        event.stop()
        self.index_status = event.text
        self._show_status()

    # -- the reader's choices ----------------------------------------------------------
    @on(ArticleList.Opened)
    def _opened(self, event: ArticleList.Opened) -> None:
        event.stop()
        self.post_message(self.ArticleChosen(event.article.id))

    @on(ArticleList.HeadingChosen)
    def _heading_chosen(self, event: ArticleList.HeadingChosen) -> None:
        event.stop()
        if event.heading.feed:
            self.show_feed(event.heading.feed)

    @on(ArticleList.ShowAll)
    def _show_all(self, event: ArticleList.ShowAll) -> None:
        event.stop()
        self.show_all()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_library(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        article = self.article_list.highlighted_article
        if article is not None:
            self.post_message(self.ArticleChosen(article.id))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("escape", "down") and self.filter_input.has_focus:
            self.article_list.focus()
            event.stop()
