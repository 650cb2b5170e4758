"""The reader's data folder as the app and the command line both use it.

One :class:`Workspace` holds what a session opens there: the store (notes,
bookmarks, settings, the remembered library sources), the catalogue cache,
the analysis cache and the search index. It answers the questions both the
app and the CLI ask, written once here so the two cannot drift:

- :meth:`Workspace.scan` / :meth:`Workspace.snapshot`: the library's
  articles (remembered sources and the paths named at start), with a removed
  source said to be gone and how to forget it;
- :meth:`Workspace.analysis`: an article's analysis from the cache, or
  analysed and cached; two threads asking for the same article at once share
  one analysis;
- :meth:`Workspace.update_index` / :meth:`Workspace.index_notes`: the search
  index brought up to date with the library and the notes (tags included);
  :meth:`Workspace.fresh_index`: the same, found at once when the index's
  stamp and the files' times say nothing changed (what ``limelight search``
  runs), the files' times taken in another process while the caller goes
  on after :meth:`Workspace.look_ahead`;
- :meth:`Workspace.remember_opened` / :meth:`Workspace.last_read`: the paths
  of ``limelight PATH`` kept as recent sources, and the article last read
  among them;
- :meth:`Workspace.listed` / :meth:`Workspace.read`: an article as the last
  scan listed it, and read for showing with its cached analysis (what the
  app's start shows before its first frame, and its workers read);
- :meth:`Workspace.take_notices`: what the caches noticed (a corrupt cache
  rebuilt, an index kept only for this session), each said once.

No interface code; heavy modules are imported when first needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.library.catalogue_cache import CatalogueCache
    from reader.library.freshness import Ahead, Fingerprint
    from reader.library.model import Article, ArticleMeta
    from reader.search.index import SearchIndex, UpdateStats
    from reader.store import AnalysisCache, Store

# The layout of the index's freshness stamp (Workspace.fresh_index); 2: the
# data folder's web/ is always among its paths.
_STAMP_VERSION = 2

__all__ = ["READ_AT_ONCE_BYTES", "Read", "Workspace", "analyse_article"]

# A file this small is read before the app's first screen is drawn, so the
# article the reader left is on it (highlighted, when its analysis is cached);
# a larger one is read in a worker.
READ_AT_ONCE_BYTES = 256 * 1024


class Read(NamedTuple):
    """An article read for showing (:meth:`Workspace.read`)."""

    article: Article
    fresh: ArticleMeta  # its meta as the file is now
    follow: bool  # the text changed: its notes and place move to the new id
    cached: Analysis | None  # its analysis, if the cache has one


def analyse_article(article: Article) -> Analysis:
    """An article's analysis: the body with the title and the dek.

    Every analysis Limelight shows or indexes goes through here, so the title
    and the dek (``Analysis.title`` / ``.dek``) are always analysed with the body.
    """
    from reader.analysis import analyze

    return analyze(article.body, title=article.title, dek=article.dek)


class Workspace:
    """The data folder's store and caches, opened on first use.

    ``paths`` are files and folders named at start, read before the
    remembered sources; ``folders`` (the config file's library folders) are
    read after them, and the recent sources (files and folders opened with
    ``limelight PATH``) last. ``store`` may be given (the app is handed one
    in tests); otherwise :meth:`open_store` makes one when first needed, with
    ``open_store`` when given (the command line's says what it found).
    """

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        store: Store | None = None,
        folders: Sequence[str | Path] = (),
        *,
        open_store: Callable[[], Store] | None = None,
    ) -> None:
        self.paths = list(paths)
        self.folders = [str(folder) for folder in folders]  # from the config file
        self._store = store
        self._open_store = open_store
        self._catalogue: CatalogueCache | None = None
        self._analyses: AnalysisCache | None = None
        self._index: SearchIndex | None = None
        self._index_folder = None  # a temporary folder when the data folder is read-only
        self._lock = threading.RLock()
        self._analysing: dict[str, threading.Event] = {}
        self._notices: list[str] = []
        self._told: set[str] = set()
        self._ahead: tuple[dict | None, Ahead] | None = None  # look_ahead(): the stamp, its walk
        #: Whether the last :meth:`fresh_index` found the index as
        #: :meth:`look_ahead` saw it, with nothing to read or write: an answer
        #: asked of :attr:`index` since then stands.
        self.held_since_look_ahead = False
        self._walked: tuple[list[str], Fingerprint] | None = None  # the last fingerprint taken

    # -- what is kept in the data folder ---------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = self.open_store()
        return self._store

    def open_store(self) -> Store:
        if self._open_store is not None:
            return self._open_store()
        from reader.store import Store

        return Store()

    @property
    def catalogue(self) -> CatalogueCache:
        with self._lock:
            if self._catalogue is None:
                from reader.library.catalogue_cache import CatalogueCache
                from reader.store.paths import cache_dir

                self._catalogue = CatalogueCache(cache_dir() / "catalogue.sqlite")
            return self._catalogue

    @property
    def analyses(self) -> AnalysisCache:
        with self._lock:
            if self._analyses is None:
                from reader.store import AnalysisCache

                self._analyses = AnalysisCache()
            return self._analyses

    @property
    def index(self) -> SearchIndex:
        """The search index; when the data folder cannot keep it (read only,
        say), one in a temporary folder kept until :meth:`close`, said once."""
        with self._lock:
            if self._index is None:
                self._index = self._open_index()
            return self._index

    @property
    def index_is_temporary(self) -> bool:
        """Whether the index is one kept only for this session (the data folder failed)."""
        return self._index_folder is not None

    def _open_index(self) -> SearchIndex:
        import sqlite3
        import tempfile

        from reader.search.index import SearchIndex
        from reader.search.stamp import default_path

        try:
            return SearchIndex()
        except (OSError, sqlite3.Error) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            self._notice(
                f"the search index cannot be saved in {default_path().parent} ({reason}):"
                " it is kept only until Limelight closes"
            )
        self._index_folder = tempfile.TemporaryDirectory(
            prefix="limelight-index-", ignore_cleanup_errors=True
        )
        return SearchIndex(Path(self._index_folder.name) / "search.sqlite")

    # -- the library -------------------------------------------------------------
    def _named(self) -> list[str]:
        """The paths named at start, resolved as sources are kept."""
        from reader.library.sources import expand

        return [str(expand(path).resolve()) for path in self.paths]

    @cached_property
    def _named_folders(self) -> tuple[str, ...]:
        import os

        return tuple(path.rstrip(os.sep) + os.sep for path in self._named())

    def is_named(self, source: str) -> bool:
        """Whether ``source`` (a file as the library lists it) is one of the
        paths named at start or in one of their folders."""
        import os

        folders = self._named_folders
        return source.startswith(folders) or (source + os.sep).startswith(folders)

    def _sources(self) -> tuple[list[str], list[str], list[str]]:
        """(remembered sources, config folders and the data folder's ``web/``
        (articles fetched by URL or from feeds, when there are any) besides
        them, recent sources besides both)."""
        import os

        from reader.store.paths import web_dir

        remembered, recent = self._kept_sources()
        web = str(web_dir())
        folders = [*self.folders, web] if os.path.isdir(web) else self.folders
        extra = [folder for folder in folders if folder not in remembered]
        known = {*remembered, *extra, *self._named()}
        recent = [path for path in recent if path not in known]
        return remembered, extra, recent

    def _kept_sources(self) -> tuple[list[str], list[str]]:
        """(the remembered sources, the recent ones) as the store keeps them.

        A data folder with no database yet keeps none: reading the library
        (``limelight list PATH`` in a new data folder) makes the folder but
        not the database, which the first thing saved makes. (Making it
        imports the store and its file lock and writes with two fsyncs: a
        tenth of a one-off listing.)
        """
        if self._store is None and self._no_database_yet():
            return [], []
        return self.store.sources(), self.store.recent_sources()

    def _no_database_yet(self) -> bool:
        """Whether the data folder (made now if need be) has no database
        file, nor a link by that name; False when the folder cannot be made
        (the store, when opened, says why)."""
        import os

        from reader.store.paths import database_path

        path = database_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return not os.path.lexists(path)
        except (OSError, ValueError):
            return False

    def library_paths(self) -> tuple[list[str], list]:
        """(the remembered sources, every path to read: the named ones first,
        the recent sources that still exist last)."""
        import os

        from reader.library.sources import library_paths

        remembered, extra, recent = self._sources()
        recent = [path for path in recent if os.path.exists(path)]  # gone: left out, unsaid
        return remembered, library_paths([*remembered, *extra, *recent], self.paths)

    def remember_opened(self) -> list[str]:
        """Keep the paths named at start (``limelight PATH``) as recent
        sources, so that the command line's ``search`` and ``list`` and the
        index cover them afterwards (``limelight remove PATH`` forgets one)."""
        import os

        named = [path for path in self._named() if os.path.exists(path)]
        if not named or self.store.read_only:  # a read-only database says so once, at start
            return []
        return self.store.remember_opened(named)

    def last_read(self) -> str | None:
        """The article to reopen: with paths named at start, the one last read
        among theirs (the last one opened, when it is theirs, else the one
        whose reading place was saved last; None when none was read); without,
        the article the last session ended on."""
        last = self.store.last_article()
        if not self.paths:
            return last
        ids = self.catalogue.ids_under(self._named())
        if not ids:
            return None
        if last in ids:
            return last
        from reader.store import StoreError

        try:
            found = self.store.all_progress()
        except StoreError:  # the app says why when it reads them
            return None
        places = [place for place in found.values() if place.article_id in ids]
        if not places:
            return None
        return max(places, key=lambda place: place.updated).article_id

    def scan(
        self,
        *,
        budget: float | None = None,
        waiting: Callable[[], None] | None = None,
    ) -> Iterator[ArticleMeta]:
        """The library's articles as they are on disk now (see :meth:`CatalogueCache.scan`)."""
        from reader.library.sources import explain_missing_sources

        remembered, paths = self.library_paths()
        found = self.catalogue.scan(paths, budget=budget, waiting=waiting)
        yield from explain_missing_sources(found, remembered)
        self._catalogue_notice()

    def snapshot(self) -> Iterator[list[ArticleMeta]]:
        """The list the last scan of this library found, in batches, without reading files."""
        from reader.library.sources import explain_missing_sources

        remembered, paths = self.library_paths()
        for batch in self.catalogue.iter_snapshot(paths):
            yield list(explain_missing_sources(batch, remembered))
        self._catalogue_notice()

    def load(self, meta: ArticleMeta) -> tuple[Article, ArticleMeta]:
        """The article behind ``meta`` read now, and its meta as it is now."""
        return self.catalogue.load_with_meta(meta)

    def listed(self, article_id: str) -> ArticleMeta | None:
        """``article_id`` as the last scan of this library listed it (the
        catalogue cache, looked up by id: no file is read, and the snapshot is
        left for the sidebar to read once); None if it was not."""
        from reader.library.sources import explain_missing_sources

        remembered, paths = self.library_paths()
        meta = self.catalogue.listed(paths, article_id)
        self._catalogue_notice()
        return None if meta is None else next(explain_missing_sources([meta], remembered))

    def opening(self, article_id: str) -> tuple[ArticleMeta, Read | None] | None:
        """What a start shows before its first frame for ``article_id`` (the
        article the last session ended on): its meta as the last scan listed
        it and the article read with its cached analysis, when it is listed,
        its file is at most :data:`READ_AT_ONCE_BYTES` and it reads; for a
        larger file, its meta and None (to be read in a worker at once, not
        once the library is listed); None otherwise (the library's listing
        opens it, or says what is wrong)."""
        meta = self.listed(article_id)
        if meta is None:
            return None
        if meta.size > READ_AT_ONCE_BYTES:
            return meta, None
        read = self.read(meta)
        return (meta, read) if read.article.ok else None

    def read(self, meta: ArticleMeta) -> Read:
        """``meta``'s article read now for showing, with its cached analysis."""
        article, fresh = self.load(meta)
        # An edited file's notes follow it, unless another file still has the old text.
        follow = (
            fresh.id != meta.id
            and article.ok
            and not self.catalogue.still_holds(meta.id, besides=meta.source)
        )
        cached = self.cached_analysis(article.id) if article.ok else None
        return Read(article, fresh, follow, cached)

    # -- analysis -----------------------------------------------------------------
    def cached_analysis(self, article_id: str) -> Analysis | None:
        return self.analyses.get(article_id)

    def analysis(self, article: Article) -> Analysis:
        """The article's analysis from the cache, or analysed now and cached.

        A thread asking while another analyses the same article waits for
        that analysis instead of running its own. An analysis that fails
        raises here and is not cached: the next call tries again.
        """
        while True:
            found = self.analyses.get(article.id)
            if found is not None:
                return found
            with self._lock:
                running = self._analysing.get(article.id)
                if running is None:
                    running = self._analysing[article.id] = threading.Event()
                    mine = True
                else:
                    mine = False
            if not mine:
                running.wait()
                found = self.analyses.get(article.id)
                if found is not None:
                    return found
                continue  # that analysis failed (or was not kept): try here
            try:
                found = analyse_article(article)
                self.analyses.put(article.id, found)
                return found
            finally:
                with self._lock:
                    del self._analysing[article.id]
                running.set()

    # -- the search index ---------------------------------------------------------
    def update_index(
        self,
        metas: Iterable[ArticleMeta],
        *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateStats:
        """Bring the search index up to date with ``metas`` and the notes.

        Only articles the index lacks are read from their files, one at a time.
        """
        from reader.library.catalogue_cache import LazyArticle

        index = self.index
        indexed = index.indexed_ids()
        catalogue = self.catalogue
        library = [
            meta if meta.id in indexed or meta.error else LazyArticle(meta, catalogue)
            for meta in metas
        ]
        stats = index.update(
            library, analyse=self.analysis, progress=progress, cancelled=cancelled
        )
        if cancelled is None or not cancelled():
            self.index_notes()
        self._index_notice()
        return stats

    def fresh_index(self) -> SearchIndex:
        """The search index, up to date with the library and the notes, found
        so cheaply when nothing changed that a search starts at once.

        The index keeps a stamp of what it was last brought up to date with
        here: the database file's state (size, times, inode) and the
        library's :func:`~reader.library.freshness.fingerprint` (every file's
        and folder's size and times). When both are as they were, no file is
        read and no database but the index is opened; when only the database
        changed (a note, a reading place), its sources are compared and its
        notes indexed. Otherwise the library is scanned (only new and changed
        files are read), the index updated and a new stamp kept.
        """
        index = self.index
        self.held_since_look_ahead, self._walked = False, None
        if not self.index_is_temporary and self._stamp_holds(index):
            return index
        from reader.library.freshness import file_state

        store_state = file_state(self._database_path())  # before the store is read
        paths = self._fingerprinted_paths()
        # before the scan (a change during it shows next time): the one the
        # stamp was just compared with, when it is of these paths
        # (or the one :meth:`look_ahead` began, when there was no stamp to compare)
        walked, self._walked = self._walked, None
        library = walked[1] if walked and walked[0] == paths else self._fingerprint(paths)[0]
        stats = self.update_index(list(self.scan()))
        if stats.cancelled or stats.unavailable or self._catalogue_failed():
            return index
        if store_state is not None and library.settled() and _settled(store_state, library):
            stamp = {"version": _STAMP_VERSION, "paths": paths, "store": store_state}
            if index.set_freshness({**stamp, "library": library.to_list()}, stats.generation):
                from reader.search.stamp import keep_paths_hint

                keep_paths_hint(paths, index.path)  # the next look-ahead walks these at once
        return index

    def look_ahead(self) -> None:
        """Begin :meth:`fresh_index`'s check now: the library's fingerprint
        taken in another process (:class:`~reader.library.freshness.Ahead`)
        while this one goes on: imports, opening the index and reading its
        stamp, a query asked of :attr:`index` before :meth:`fresh_index`
        (which stands when :attr:`held_since_look_ahead` says so). Nothing
        when there is neither a stamp nor a hint, or paths were named at start.

        The walk begins first, of the paths the hint beside the index names
        (:func:`~reader.search.stamp.paths_hint`: read before SQLite is
        imported); it counts only for those paths: compared with a stamp of
        the same paths, or kept as the new stamp's when there is none.
        Without a hint it begins once the stamp is read."""
        if self._ahead is not None or self._index is not None or self.paths:
            return
        from reader.library.freshness import Ahead
        from reader.search import stamp as stamps

        hinted = stamps.paths_hint()
        ahead = Ahead(hinted) if hinted is not None else None
        try:
            index = self.index  # opened now: the query asked next needs it
        except BaseException:
            if ahead is not None:
                ahead.close()
            raise
        stamp = None if self.index_is_temporary else index.freshness()
        paths = stamp.get("paths") if stamp is not None else None
        if stamp is None or stamp.get("version") != _STAMP_VERSION or not isinstance(paths, list):
            # No stamp to compare (voided by an update, say): the walk is still
            # the fingerprint the next stamp needs, if its paths are the same.
            stamp = None
        elif ahead is None or ahead.paths != paths:
            if ahead is not None:
                ahead.close()
            ahead = Ahead(paths)
            stamps.keep_paths_hint(paths)  # a stamp kept without its hint, or another
        if ahead is not None:
            self._ahead = (stamp, ahead)

    def _fingerprint(
        self, paths: list[str], stamp: dict | None = None
    ) -> tuple[Fingerprint, bool]:
        """(the fingerprint of ``paths``, whether :meth:`look_ahead` took it
        under this same ``stamp``)."""
        from reader.library.freshness import fingerprint

        found, as_seen = None, False
        if self._ahead is not None:
            seen, ahead = self._ahead
            self._ahead = None
            if ahead.paths == paths:
                found, as_seen = ahead.result(), seen is not None and seen == stamp
            else:
                ahead.close()
        if found is None:
            found = fingerprint(paths)
        self._walked = (list(paths), found)
        return found, as_seen

    def _database_path(self) -> Path:
        if self._store is not None:
            return self._store.path
        from reader.store.paths import database_path

        return database_path()

    def _fingerprinted_paths(self) -> list[str]:
        """Every path the library could be read from (named, remembered, config
        folders, every recent source, gone or not) or, with none, the samples;
        and the data folder's ``web/`` whether it exists or not, so that the
        first page fetched into it shows in the fingerprint (the store need
        not change when it is saved)."""
        from reader.library.sources import library_paths
        from reader.store.paths import web_dir

        remembered, extra, recent = self._sources()
        paths = [str(path) for path in library_paths([*remembered, *extra, *recent], self.paths)]
        web = str(web_dir())
        return paths if web in paths else [*paths, web]

    def _catalogue_failed(self) -> bool:
        return self._catalogue is not None and self._catalogue.notice is not None

    def _stamp_holds(self, index: SearchIndex) -> bool:
        """Whether the index's stamp says it holds the library and the notes as they are now."""
        from reader.library.freshness import Fingerprint, file_state

        stamp = index.freshness()
        if stamp is None or stamp.get("version") != _STAMP_VERSION:
            return False
        kept = Fingerprint.from_list(stamp.get("library") or ())
        paths = stamp.get("paths")
        if kept is None or not isinstance(paths, list):
            return False
        if self.paths and not set(self._named()) <= set(paths):
            return False
        store_state = file_state(self._database_path())  # before the notes are read
        store_changed = store_state is None or store_state != stamp.get("store")
        # a note, a place, a source: read the sources and the notes
        if store_changed and self._fingerprinted_paths() != paths:
            return False
        library, as_seen = self._fingerprint(paths, stamp)
        if not library.same(kept):
            return False
        self.held_since_look_ahead = as_seen and not store_changed
        if store_changed:
            self.index_notes()  # nothing is written when they are the indexed ones
            if store_state is not None and _settled(store_state, library):
                index.set_freshness({**stamp, "store": store_state}, stamp["generation"])
        return True

    def index_notes(self) -> None:
        """The notes (text, tags and the passage they mark) into the search index."""
        from reader.search.index import note_rows
        from reader.store import StoreError

        try:
            annotations = self.store.annotations()
        except StoreError as error:  # the store says why; search the rest
            self._notice(f"notes are not searched: {error}")
            return
        self.index.index_notes(note_rows(annotations))
        self._index_notice()

    # -- notices -------------------------------------------------------------------
    def _notice(self, message: str | None) -> None:
        if message and message not in self._told:
            self._told.add(message)
            with self._lock:
                self._notices.append(message)

    def _catalogue_notice(self) -> None:
        if self._catalogue is not None:
            self._notice(self._catalogue.notice)

    def _index_notice(self) -> None:
        if self._index is not None:
            self._notice(self._index.notice)

    def take_notices(self) -> list[str]:
        """What the caches noticed since last asked, each message once a session."""
        with self._lock:
            notices, self._notices = self._notices, []
        return notices

    def close(self) -> None:
        if self._ahead is not None:
            self._ahead[1].close()
            self._ahead = None
        if self._index is not None:
            self._index.close()
            self._index = None
        if self._index_folder is not None:
            self._index_folder.cleanup()
            self._index_folder = None


def _settled(state: list[int], library: Fingerprint) -> bool:
    """Whether a file's (size, mtime, ctime, inode) is old enough to trust at ``library``'s time."""
    from reader.library.freshness import RACY_NS

    return max(state[1], state[2]) < library.taken_ns - RACY_NS
