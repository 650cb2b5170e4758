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
- :meth:`Workspace.take_notices`: what the caches noticed (a corrupt cache
  rebuilt, an index kept only for this session), each said once.

No interface code; heavy modules are imported when first needed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.library.catalogue_cache import CatalogueCache
    from reader.library.model import Article, ArticleMeta
    from reader.search.index import SearchIndex
    from reader.store import AnalysisCache, Store

__all__ = ["Workspace", "analyse_article"]


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
    read after them. ``store`` may be given (the app is handed one in
    tests); otherwise :meth:`open_store` makes one.
    """

    def __init__(
        self,
        paths: Sequence[str | Path] = (),
        store: Store | None = None,
        folders: Sequence[str | Path] = (),
    ) -> None:
        self.paths = list(paths)
        self.folders = [str(folder) for folder in folders]  # from the config file
        self._store = store
        self._catalogue: CatalogueCache | None = None
        self._analyses: AnalysisCache | None = None
        self._index: SearchIndex | None = None
        self._index_folder = None  # a temporary folder when the data folder is read-only
        self._lock = threading.RLock()
        self._analysing: dict[str, threading.Event] = {}
        self._notices: list[str] = []
        self._told: set[str] = set()

    # -- what is kept in the data folder ---------------------------------------
    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = self.open_store()
        return self._store

    def open_store(self) -> Store:
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

        from reader.search.index import SearchIndex, default_path

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
    def library_paths(self) -> tuple[list[str], list]:
        """(the remembered sources, every path to read: the named ones first)."""
        from reader.library.sources import library_paths

        remembered = self.store.sources()
        extra = [folder for folder in self.folders if folder not in remembered]
        return remembered, library_paths([*remembered, *extra], self.paths)

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
    ) -> None:
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
        index.update(library, analyse=self.analysis, progress=progress, cancelled=cancelled)
        if cancelled is None or not cancelled():
            self.index_notes()
        self._index_notice()

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
        if self._index is not None:
            self._index.close()
            self._index = None
        if self._index_folder is not None:
            self._index_folder.cleanup()
            self._index_folder = None
