"""The library's catalogue, kept on disk so a start reads only what changed.

A :class:`CatalogueCache` is one SQLite file (WAL) in the data folder's cache
holding, for every file a scan found, the file's path, size, modification
time and the :class:`~reader.library.model.ArticleMeta` read from it (content
id, title, word count, format, error, warnings), plus the library root it was
found under and its position there. Each root's entries are also kept as
a few marshal blobs (checksummed parts: 1,000 entries, then 10,000 each), so
100,000 of them come back in a dozen reads rather than 100,000 rows, and the
first part at once: the blobs are dropped whenever a row of their root
changes and rewritten by the next complete scan; the rows are the truth.
Why SQLite rather than one JSON file: a scan writes only the rows that
changed, in small transactions, so a scan cut short keeps its work and two
Limelight windows can share the cache.

- :meth:`CatalogueCache.iter_snapshot` yields, in batches (the first one
  small), the metas the last scan of the same library paths found, in order,
  without touching the files: the interface lists them at once.
  :meth:`CatalogueCache.cached_snapshot` is the same as one list.
- :meth:`CatalogueCache.scan` walks the same sources as
  :func:`reader.library.catalogue.iter_sources` (same order, same
  de-duplication, same broken entries) and stats each file: a file whose size
  and modification time match the cache is not read; any other is read with
  :func:`~reader.library.loader.load_file` and recorded. Entries for files
  no longer found under the scanned roots are dropped at the end, and
  :attr:`CatalogueCache.last_scan` says which ids are new or gone.
- :meth:`CatalogueCache.load` reads one article's body on demand.

The cache is only a cache: a file that is corrupt, of another schema or not
a database is discarded and rebuilt, and a cache that cannot be written (read
only, locked, disk full) only costs time. Nothing here raises for what it
finds on disk. The file itself (a connection per thread, the schema, telling
corrupt from busy, deleting a corrupt file) is a
:class:`reader.sqlite_file.SQLiteFile`. Pure Python and the standard
library's ``sqlite3``; no interface code.
"""

from __future__ import annotations

import gc
import marshal
import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from reader.sqlite_file import SQLiteFile
from reader.sqlite_file import says_corrupt as says_corrupt  # re-exported: it lived here

from . import loader
from .loader import format_of
from .model import DETAIL_FIELDS, Article, ArticleMeta, broken_article, meta_of, pending_meta

__all__ = [
    "ArticleMeta",
    "CatalogueCache",
    "LazyArticle",
    "ScanStats",
    "meta_of",
    "root_key",
]

SCHEMA_VERSION = 4
# A file modified this recently when it was read may change again within the
# file system's timestamp granularity without its size or mtime changing; it
# is read again at the next scan rather than trusted (git's "racy" entries).
RACY_SECONDS = 2.0
# Rows are written in transactions of this many, so a scan cut short (the app
# quit) keeps most of its work and the database is not held for long.
WRITE_BATCH = 2000
# Roots not scanned for this long are forgotten (their rows dropped).
FORGET_ROOT_SECONDS = 90 * 24 * 3600
WARNING_SEPARATOR = "\n"
# The snapshot blobs are marshal data of this format (str, int, None, tuple).
# Entries in the first part of a root's snapshot (what the first screen
# needs, read at once), and in each further part.
FIRST_PART = 1000
PART = 10_000
BLOB_FORMAT = f"marshal-{marshal.version}:" + ",".join(ArticleMeta._fields)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    root TEXT NOT NULL,
    seq INTEGER NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    trusted INTEGER NOT NULL,
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    format TEXT NOT NULL,
    words INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    error TEXT,
    warnings TEXT,
    details TEXT
);
CREATE INDEX IF NOT EXISTS files_by_root ON files(root, seq);
CREATE TABLE IF NOT EXISTS roots (
    root TEXT PRIMARY KEY,
    scanned_at REAL NOT NULL
);
-- Per root, its rows in parts: (number of parts, metas in order, untrusted
-- paths), so a start reads 100,000 entries in a few reads. Deleted whenever
-- a row of the root changes; rewritten by the next complete scan (with a new
-- stamp); ``files`` is the truth.
CREATE TABLE IF NOT EXISTS snapshots (
    root TEXT NOT NULL,
    part INTEGER NOT NULL,
    stamp INTEGER NOT NULL,
    format TEXT NOT NULL,
    crc INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (root, part)
);
"""
_TABLES = ("files", "roots", "snapshots")

# The columns of a row, in the order of ArticleMeta's fields.
_META_COLUMNS = "id, title, path, format, words, minutes, error, size, mtime_ns, warnings, details"
_UPSERT = (
    "INSERT INTO files(path, root, seq, size, mtime_ns, trusted, id, title, format, words,"
    " minutes, error, warnings, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(path) DO UPDATE SET root = excluded.root, seq = excluded.seq,"
    " size = excluded.size, mtime_ns = excluded.mtime_ns, trusted = excluded.trusted,"
    " id = excluded.id, title = excluded.title, format = excluded.format,"
    " words = excluded.words, minutes = excluded.minutes, error = excluded.error,"
    " warnings = excluded.warnings, details = excluded.details"
)
_NO_WARNINGS: tuple[tuple[str, ...]] = ((),)
# The ``details`` column: an article's DETAIL_FIELDS joined by this (NULL when
# all are empty, as for every plain file).
DETAIL_SEPARATOR = "\x1f"
_NO_DETAILS = ("",) * len(DETAIL_FIELDS)
# How long a connection waits for another one's write transaction (seconds).
BUSY_TIMEOUT = 10.0


class _Cached(NamedTuple):
    """A file's cached entry: its meta, where it was listed, whether it is trusted."""

    meta: ArticleMeta
    root: str
    seq: int
    trusted: bool


def root_key(path: str | os.PathLike[str]) -> str:
    """The key a library path is stored under: absolute, links resolved."""
    try:
        raw = os.path.expanduser(os.fspath(path))
    except (TypeError, ValueError):
        return ""
    try:
        return os.path.realpath(raw)
    except (OSError, ValueError):
        try:
            return os.path.abspath(raw)
        except (OSError, ValueError):
            return raw


def _paths_list(paths: Iterable[str | os.PathLike[str]]) -> list:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def _db(text: str | None):
    """``text`` as SQLite can store it: itself, or, if it holds lone surrogates
    (a file name that is not valid UTF-8, decoded by ``os.fsdecode`` with
    surrogateescape), its bytes as a BLOB, which :func:`_from_db` turns back
    into the very same string. (Strict UTF-8 cannot encode a lone surrogate.)
    """
    if text is None or text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no file name decodes to
            return text.encode("utf-8", "surrogatepass")
    return text


def _from_db(value):
    """The string :func:`_db` stored (a BLOB back to its surrogateescape text)."""
    if value.__class__ is bytes:
        try:
            return value.decode("utf-8", "surrogateescape")
        except UnicodeDecodeError:  # pragma: no cover - surrogateescape decodes anything
            return value.decode("utf-8", "replace")
    return value


def _meta_from_row(row: tuple) -> ArticleMeta:
    """A meta from the first eleven columns of a row (``_META_COLUMNS`` order)."""
    if bytes in map(type, row[:11]):
        row = tuple(_from_db(value) for value in row[:11]) + tuple(row[11:])
    warnings = row[9]
    warned = tuple(warnings.split(WARNING_SEPARATOR)) if warnings else ()
    details = row[10]
    told = tuple(details.split(DETAIL_SEPARATOR)) if details else _NO_DETAILS
    if len(told) != len(DETAIL_FIELDS):  # pragma: no cover - only this module writes it
        told = _NO_DETAILS
    return tuple.__new__(ArticleMeta, (*row[:9], warned, *told))


def _details_value(meta: ArticleMeta) -> str | None:
    """``meta``'s DETAIL_FIELDS as the ``details`` column stores them."""
    told = meta[-len(DETAIL_FIELDS) :]
    if not any(told):
        return None
    return DETAIL_SEPARATOR.join(value.replace(DETAIL_SEPARATOR, " ") for value in told)


class _NoSnapshot(Exception):
    """A root has no usable snapshot blob: read its rows instead."""


def _new_ids(metas: list[ArticleMeta], seen_ids: set[str]) -> list[ArticleMeta]:
    """The metas whose id is not in ``seen_ids`` (which learns them), in order."""
    add = seen_ids.add
    return [meta for meta in metas if not (meta[0] in seen_ids or add(meta[0]))]


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while 100,000 tuples are made.

    Making that many containers triggers many collections that find nothing
    (they are all new and acyclic); pausing them halves the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ScanStats:
    """What the last :meth:`CatalogueCache.scan` did (complete once it has finished).

    A plain class, not a dataclass: a start makes one before its first frame,
    and the dataclass decorator costs more than the rest of it.
    """

    __slots__ = (
        "listed", "reused", "read", "duplicates", "changed_ids", "removed_ids", "edited",
        "removed_paths", "late", "finished", "seconds",
    )  # fmt: skip

    def __init__(self) -> None:
        self.listed = 0  # metas yielded (after de-duplication by id)
        self.reused = 0  # files taken from the cache without reading them
        self.read = 0  # files read (new, changed, renamed, or never trusted)
        self.duplicates: list[ArticleMeta] = []  # same id as an earlier one
        # Ids listed by this scan whose file was read and did not hold that id
        # before (new files, changed content, moves): what a search index must
        # (re)index. Over-inclusive rather than under: an id may already be indexed.
        self.changed_ids: set[str] = set()
        # Ids cached for these roots before the scan and listed no more (files
        # gone, or changed to other content).
        self.removed_ids: set[str] = set()
        # Files read again whose content changed: old id -> new id, so that what
        # the reader keyed to the old content (notes, places) can follow the file;
        # once the scan has finished, only the old ids no file found holds any more.
        self.edited: dict[str, str] = {}
        self.removed_paths = 0
        self.late = 0  # files over the scan's budget, listed after the others
        self.finished = False
        self.seconds = 0.0

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"ScanStats({shown})"


class CatalogueCache:
    """Metas of the library's files, kept in a SQLite file; see the module's docstring.

    Safe to use from several threads (each gets its own connection) and from
    several processes (SQLite's locking; every write is an idempotent upsert).
    """

    def __init__(self, path: str | os.PathLike[str], *, racy_seconds: float = RACY_SECONDS) -> None:
        self.path = Path(path)
        self.racy_ns = int(racy_seconds * 1e9)
        self.last_scan = ScanStats()
        # A connection per thread; a corrupt file is deleted and rebuilt.
        self._file = SQLiteFile(
            self.path,
            what="library cache",
            version=SCHEMA_VERSION,
            names=_TABLES,
            create=_SCHEMA,
            timeout=BUSY_TIMEOUT,
        )
        # root -> (stamp, entries) of the snapshot last listed, for the next scan.
        self._recent: dict[str, tuple[int, _RootEntries]] = {}

    @property
    def notice(self) -> str | None:
        """Set when an unreadable cache was replaced, or the cache cannot be used."""
        return self._file.notice

    @notice.setter
    def notice(self, text: str | None) -> None:
        self._file.notice = text

    # -- connections ------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection | None:
        """This thread's connection, or None if the cache cannot be used."""
        try:
            return self._file.open()
        except (sqlite3.Error, OSError) as error:
            self.notice = f"library cache unavailable ({error})"
            return None

    def _failed(self, error: sqlite3.Error) -> None:
        """A database error in use: discard a corrupt file, otherwise carry on without."""
        self._file.recover(error)

    def close(self) -> None:
        """Close every thread's connection (the cache reopens if used again)."""
        self._recent.clear()
        self._file.close()

    def __enter__(self) -> CatalogueCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading ----------------------------------------------------------------

    def __len__(self) -> int:
        conn = self._conn()
        if conn is None:
            return 0
        try:
            return conn.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error as error:
            self._failed(error)
            return 0

    def ids_under(self, paths: Iterable[str | os.PathLike[str]]) -> set[str]:
        """The ids of the cached files at or under ``paths`` (files or folders),
        as the last scans found them, touching no file."""
        conn = self._conn()
        if conn is None:
            return set()
        found: set[str] = set()
        try:
            for raw in _paths_list(paths):
                key = root_key(raw)
                if not key:
                    continue
                folder = key.rstrip(os.sep) + os.sep
                # Under the folder: paths from "folder/" up to "folder0" ("/" + 1).
                upper = folder[:-1] + chr(ord(os.sep) + 1)
                found.update(
                    row[0]
                    for row in conn.execute(
                        "SELECT id FROM files WHERE error IS NULL"
                        " AND (path = ? OR (path >= ? AND path < ?))",
                        (_db(key), _db(folder), _db(upper)),
                    )
                )
        except sqlite3.Error as error:
            self._failed(error)
        return found

    def listed(
        self, paths: Iterable[str | os.PathLike[str]], article_id: str
    ) -> ArticleMeta | None:
        """``article_id`` as the last scans of ``paths`` listed it (the first of
        ``paths`` holding it, as :meth:`iter_snapshot` would give it), looked up
        by id: no snapshot is read, no file touched. None if none listed it."""
        conn = self._conn()
        if conn is None:
            return None
        seen_roots: set[str] = set()
        try:
            for raw in _paths_list(paths):
                key = root_key(raw)
                if not key or key in seen_roots:
                    continue
                seen_roots.add(key)
                found = conn.execute(
                    f"SELECT {_META_COLUMNS} FROM files WHERE root = ? AND id = ?"
                    " ORDER BY seq LIMIT 1",
                    (_db(key), article_id),
                ).fetchone()
                if found is not None:
                    return _meta_from_row(found)
        except sqlite3.Error as error:
            self._failed(error)
        return None

    def cached_snapshot(self, paths: Iterable[str | os.PathLike[str]]) -> list[ArticleMeta]:
        """The metas the last scan of ``paths`` listed, in order, without touching the files.

        :meth:`iter_snapshot` as one list.
        """
        metas: list[ArticleMeta] = []
        for batch in self.iter_snapshot(paths):
            metas.extend(batch)
        return metas

    def iter_snapshot(self, paths: Iterable[str | os.PathLike[str]]) -> Iterator[list[ArticleMeta]]:
        """Batches of the metas the last scan of ``paths`` listed, in order, touching no file.

        De-duplicated by id like :meth:`scan`. The first batch holds the
        first 1,000 entries and comes at once; the others hold 10,000 each.
        Nothing when these paths were never scanned (or the cache is
        unusable). Entries may be stale: the caller lists them at once and
        reconciles with :meth:`scan`, which, run next, reuses these metas
        rather than reading the cache again.
        """
        conn = self._conn()
        if conn is None:
            return
        seen_ids: set[str] = set()
        seen_roots: set[str] = set()
        for raw in _paths_list(paths):
            key = root_key(raw)
            if not key or key in seen_roots:
                continue
            seen_roots.add(key)
            everything: list[ArticleMeta] = []
            untrusted: set[str] = set()
            stamp = None
            try:
                for part_stamp, metas, unsure in self._read_parts(conn, key):
                    stamp = part_stamp
                    everything.extend(metas)
                    untrusted.update(unsure)
                    batch = _new_ids(metas, seen_ids)
                    if batch:
                        yield batch
            except _NoSnapshot:
                # No (valid) snapshot: the rows, ordered. Metas already
                # yielded from a damaged one are skipped by id.
                entries = self._rows_entries(conn, key)
                if entries is None:
                    return
                for start in range(0, len(entries.metas), PART):
                    batch = _new_ids(entries.metas[start : start + PART], seen_ids)
                    if batch:
                        yield batch
                continue
            if stamp is not None:
                self._recent[key] = (stamp, _RootEntries(everything, None, untrusted, blob=True))

    def _read_parts(
        self, conn: sqlite3.Connection, key: str
    ) -> Iterator[tuple[int, list[ArticleMeta], list[str]]]:
        """``(stamp, metas, untrusted paths)`` per stored part of a root's snapshot.

        Raises :class:`_NoSnapshot` (possibly after some parts) if there is
        none, or it is damaged, incomplete or of another format.
        """
        try:
            cursor = conn.execute(
                "SELECT part, stamp, format, crc, data FROM snapshots WHERE root = ? ORDER BY part",
                (_db(key),),
            )
            expected, parts, first_stamp = 0, None, None
            while True:
                found = cursor.fetchone()
                if found is None:
                    break
                part, stamp, fmt, crc, data = found
                if (
                    part != expected
                    or fmt != BLOB_FORMAT
                    or zlib.crc32(data) != crc
                    or (first_stamp is not None and stamp != first_stamp)
                ):
                    raise _NoSnapshot
                try:
                    with _no_gc():
                        count, plain, untrusted = marshal.loads(data)
                        new = tuple.__new__
                        metas = [new(ArticleMeta, item) for item in plain]
                except (ValueError, EOFError, TypeError):
                    raise _NoSnapshot from None
                if parts is None:
                    parts, first_stamp = count, stamp
                elif count != parts:
                    raise _NoSnapshot
                expected += 1
                yield stamp, metas, untrusted
        except sqlite3.Error as error:
            self._failed(error)
            raise _NoSnapshot from None
        if parts is None or expected != parts:
            raise _NoSnapshot

    def _rows_entries(self, conn: sqlite3.Connection, key: str) -> _RootEntries | None:
        """A root's entries from its rows (None if the cache failed)."""
        metas, seqs, untrusted = [], [], set()
        try:
            with _no_gc():
                for found in conn.execute(
                    f"SELECT {_META_COLUMNS}, seq, trusted FROM files WHERE root = ? ORDER BY seq",
                    (_db(key),),
                ):
                    meta = _meta_from_row(found)
                    metas.append(meta)
                    seqs.append(found[11])
                    if not found[12]:
                        untrusted.add(meta[2])
        except sqlite3.Error as error:
            self._failed(error)
            return None
        return _RootEntries(metas, seqs, untrusted)

    def _root_entries(self, conn: sqlite3.Connection | None, key: str) -> _RootEntries | None:
        """The cached entries of one root, for a scan (None if the cache failed)."""
        if conn is None:
            return _RootEntries([], None, set())
        recent = self._recent.pop(key, None)
        try:
            if recent is not None:
                # The snapshot just listed, if it is still the stored one: same metas.
                found = conn.execute(
                    "SELECT stamp FROM snapshots WHERE root = ? AND part = 0", (_db(key),)
                ).fetchone()
                if found is not None and found[0] == recent[0]:
                    return recent[1]
            metas: list[ArticleMeta] = []
            untrusted: set[str] = set()
            for _, part, unsure in self._read_parts(conn, key):
                metas.extend(part)
                untrusted.update(unsure)
            return _RootEntries(metas, None, untrusted, blob=True)
        except _NoSnapshot:
            return self._rows_entries(conn, key)
        except sqlite3.Error as error:
            self._failed(error)
            return None

    def _has_other_roots(self, conn: sqlite3.Connection | None, keys: list[str]) -> bool:
        if conn is None:
            return False
        try:
            found = conn.execute(
                f"SELECT EXISTS(SELECT 1 FROM files WHERE root NOT IN ({', '.join('?' * len(keys))}))",
                [_db(key) for key in keys],
            ).fetchone()
            return found[0] == 1
        except sqlite3.Error as error:
            self._failed(error)
            return False

    def _entry(self, conn: sqlite3.Connection | None, path: str) -> _Cached | None:
        """The cached entry of one path, under whatever root."""
        if conn is None:
            return None
        try:
            found = conn.execute(
                f"SELECT {_META_COLUMNS}, root, seq, trusted FROM files WHERE path = ?",
                (_db(path),),
            ).fetchone()
        except sqlite3.Error as error:
            self._failed(error)
            return None
        if found is None:
            return None
        return _Cached(_meta_from_row(found), _from_db(found[11]), found[12], bool(found[13]))

    def _trusted(self, size: int, mtime_ns: int) -> bool:
        """True if a file read now can be trusted unchanged while its size and mtime are."""
        if size < 0:
            return False
        now = time.time_ns()
        # Modified in the last moments: a change within the timestamp's
        # granularity would go unseen. (A future mtime is safe: any write now
        # sets an earlier one.)
        return not (now - self.racy_ns <= mtime_ns <= now)

    # -- scanning ---------------------------------------------------------------

    def scan(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[int, str], None] | None = None,
        budget: float | None = None,
        waiting: Callable[[], None] | None = None,
    ) -> Iterator[ArticleMeta]:
        """Yield the metas of the articles in ``paths``, reading only changed files.

        Same sources, order and broken entries as
        :func:`~reader.library.catalogue.iter_sources`; identical content at
        two paths is listed once (the first; the others are in
        ``last_scan.duplicates``). ``progress(count, path)`` is called after
        each file. The cache is brought up to date as the scan goes; entries
        for files no longer under the scanned roots are dropped when the scan
        finishes (not if it is abandoned part way). :attr:`last_scan` holds
        the statistics, ``changed_ids`` and ``removed_ids``.

        With a ``budget`` (seconds), a file that takes longer to read does not
        hold up the others: a placeholder (:func:`is_pending`, titled by the
        file's name) is yielded in its place and the scan goes on; once every
        other file is listed, ``waiting()`` is called if given, and the late
        files' metas are yielded as they finish, each replacing the placeholder
        of the same ``source``. The cache and the snapshot get the real metas.
        """
        # Here, not at import: a start reads its first article before it scans.
        from .bounded import Bounded
        from .catalogue import edits_to_follow, iter_sources

        began = time.perf_counter()
        sources = _paths_list(paths)
        stats = self.last_scan = ScanStats()
        run = _Run(self, self._conn())
        keys = sorted({key for key in map(root_key, sources) if key})
        # Are there rows under other roots? Only then is a path missing from
        # its root's entries looked up on its own (a file moved between
        # roots); a cold scan skips that query.
        elsewhere = self._has_other_roots(run.conn, keys) if keys else False
        current: list = [None]  # the root being walked (_RunRoot)

        def roots() -> Iterator[str | os.PathLike[str]]:
            for raw in sources:
                current[0] = run.root(root_key(raw))
                yield raw

        count = 0
        finished = False
        seen_ids: set[str] = set()
        bounded = Bounded(loader.load_file, budget) if budget is not None else None
        # Files over budget: (root, position in root.listed, seq, cached, size,
        # mtime_ns, future of the article).
        late: list[tuple] = []

        def read(path, size, mtime_ns, cached, root, seq) -> tuple[ArticleMeta, bool, bool | None]:
            """The meta of a file read now, whether to trust it, and whether its row holds.

            ``None`` for the last: the file is over budget, this is its placeholder.
            """
            if bounded is None:
                article = loader.load_file(path)
            else:
                article, future = bounded(path)
                if future is not None:
                    late.append((root, len(root.listed), seq, cached, size, mtime_ns, future))
                    return pending_meta(path, size, mtime_ns, format_of(path)), True, None
            return settle(meta_of(article, size, mtime_ns), cached)

        def settle(meta, cached) -> tuple[ArticleMeta, bool, bool]:
            trusted = self._trusted(meta.size, meta.mtime_ns)
            same = cached is not None and cached.meta == meta and cached.trusted == trusted
            stats.read += 1
            if cached is None or cached.meta[0] != meta[0]:
                stats.changed_ids.add(meta[0])
                if cached is not None:
                    stats.removed_ids.add(cached.meta[0])  # unless listed elsewhere
                    if cached.meta[6] is None and meta[6] is None:
                        stats.edited[cached.meta[0]] = meta[0]
            return meta, trusted, same

        try:
            for path, problem in iter_sources(roots()):
                root = current[0]
                seq = root.next_seq
                root.next_seq += 1
                run.seen_paths.add(path)
                cached = root.entries.get(path)
                if cached is None and elsewhere:
                    cached = self._entry(run.conn, path)
                if problem is not None:
                    meta = meta_of(broken_article(path, problem, format_of(path)))
                    trusted = False
                    same = cached is not None and cached.meta == meta and not cached.trusted
                else:
                    try:
                        info = os.stat(path)
                        size, mtime_ns = info.st_size, info.st_mtime_ns
                    except (OSError, ValueError):
                        size = mtime_ns = -1
                    if (
                        cached is not None
                        and cached.trusted
                        and size >= 0
                        and cached.meta[7] == size
                        and cached.meta[8] == mtime_ns
                    ):
                        meta = cached.meta
                        trusted = same = True
                        stats.reused += 1
                    else:
                        meta, trusted, same = read(path, size, mtime_ns, cached, root, seq)
                root.listed.append(meta)
                if same is None:
                    pass  # over budget: recorded once it is read
                elif not same or cached.root != root.key or cached.seq != seq:
                    run.write(meta, root.key, seq, trusted, cached.root if cached else None)
                if not trusted:
                    root.untrusted.append(path)
                count += 1
                if meta[0] in seen_ids:
                    stats.duplicates.append(meta)
                else:
                    seen_ids.add(meta[0])
                    stats.listed += 1
                    yield meta
                if progress is not None:
                    progress(count, path)
            stats.late = len(late)
            if late and waiting is not None:
                waiting()
            for root, at, seq, cached, size, mtime_ns, future in late:
                meta, trusted, same = settle(meta_of(future.result(), size, mtime_ns), cached)
                root.listed[at] = meta
                if not trusted:
                    root.untrusted.append(meta.source)
                if not same or cached.root != root.key or cached.seq != seq:
                    run.write(meta, root.key, seq, trusted, cached.root if cached else None)
                if meta[0] in seen_ids:
                    stats.duplicates.append(meta)
                else:
                    seen_ids.add(meta[0])
                yield meta
            finished = True
        finally:
            if bounded is not None:
                bounded.close()
            run.flush()
            if finished:
                run.finish(stats)
                stats.changed_ids &= seen_ids
                stats.removed_ids -= seen_ids
                stats.edited = edits_to_follow(stats.edited, seen_ids)
                stats.finished = True
            stats.seconds = time.perf_counter() - began

    def _write_snapshot(self, conn: sqlite3.Connection, key: str, metas, untrusted) -> None:
        """Store a root's snapshot in parts (replacing any), in the caller's transaction."""
        untrusted = set(untrusted)
        bounds = [0, *range(FIRST_PART, len(metas), PART)] if len(metas) > FIRST_PART else [0]
        stamp = time.time_ns() ^ (os.getpid() << 20)
        conn.execute("DELETE FROM snapshots WHERE root = ?", (_db(key),))
        for part, start in enumerate(bounds):
            end = bounds[part + 1] if part + 1 < len(bounds) else len(metas)
            chunk = metas[start:end]
            data = marshal.dumps(
                (
                    len(bounds),
                    [tuple(meta) for meta in chunk],
                    [meta[2] for meta in chunk if meta[2] in untrusted],
                )
            )
            conn.execute(
                "INSERT INTO snapshots(root, part, stamp, format, crc, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_db(key), part, stamp, BLOB_FORMAT, zlib.crc32(data), data),
            )

    # -- loading on demand --------------------------------------------------------

    def load(self, meta: ArticleMeta) -> Article:
        """The full article behind ``meta``, read and parsed now.

        If the file vanished, the article is a broken one saying so; if it
        changed, it is the new content (with another id). Either way
        ``article.id != meta.id`` tells the caller to replace its meta (see
        :meth:`load_with_meta`), and the cache is updated.
        """
        return self.load_with_meta(meta)[0]

    def load_with_meta(self, meta: ArticleMeta) -> tuple[Article, ArticleMeta]:
        """``(article, meta)``: the article and its meta, ``meta`` itself if unchanged."""
        if meta.error is not None and meta.size < 0:
            # A problem met while listing (unreadable folder, broken link):
            # there is nothing to read; the next scan looks again.
            return broken_article(meta.source, meta.error, meta.format), meta
        try:
            info = os.stat(meta.source)
            size, mtime_ns = info.st_size, info.st_mtime_ns
        except (OSError, ValueError):
            size = mtime_ns = -1
        article = loader.load_file(meta.source)
        if article.id == meta.id:
            if (size, mtime_ns) == (meta.size, meta.mtime_ns) and meta.words >= 0:
                # The file as listed: its words are the ones counted then
                # (counting a long book's again costs tens of milliseconds).
                article.words_counted(meta.words)
            return article, meta
        fresh = meta_of(article, size, mtime_ns)
        self._update(meta, fresh)
        return article, fresh

    def still_holds(self, article_id: str, *, besides: str) -> bool:
        """True if a cached file other than ``besides`` still holds the content
        ``article_id`` (checked on disk: unchanged size and time, or read again)."""
        conn = self._conn()
        if conn is None:
            return False
        try:
            rows = conn.execute(
                "SELECT path, size, mtime_ns, trusted FROM files WHERE id = ? AND path != ?",
                (article_id, _db(besides)),
            ).fetchall()
        except sqlite3.Error as error:
            self._failed(error)
            return False
        for raw, size, mtime_ns, trusted in rows:
            path = _from_db(raw)
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                continue
            if trusted and (info.st_size, info.st_mtime_ns) == (size, mtime_ns):
                return True
            if loader.load_file(path).id == article_id:
                return True
        return False

    def _update(self, old: ArticleMeta, fresh: ArticleMeta) -> None:
        conn = self._conn()
        if conn is None:
            return
        values = _row_values(fresh, "", 0, self._trusted(fresh.size, fresh.mtime_ns))
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "DELETE FROM snapshots WHERE root = (SELECT root FROM files WHERE path = ?)",
                (_db(old.source),),
            )
            conn.execute(
                "UPDATE files SET size = ?, mtime_ns = ?, trusted = ?, id = ?, title = ?,"
                " format = ?, words = ?, minutes = ?, error = ?, warnings = ?, details = ?"
                " WHERE path = ?",
                (*values[3:], _db(old.source)),
            )
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            self._failed(error)


class _RootEntries:
    """One root's cached entries: metas in order, their positions, untrusted paths."""

    __slots__ = ("blob", "index", "metas", "seqs", "untrusted")

    def __init__(
        self,
        metas: list[ArticleMeta],
        seqs: list[int] | None,
        untrusted: set[str],
        *,
        blob: bool = False,
    ) -> None:
        self.metas = metas
        self.seqs = seqs  # None: the position in ``metas`` (a blob is always dense)
        self.untrusted = untrusted
        self.blob = blob
        self.index: dict[str, int] | None = None

    def get_index(self) -> dict[str, int]:
        if self.index is None:
            self.index = {meta[2]: i for i, meta in enumerate(self.metas)}
        return self.index


class _RunRoot:
    """A root as one scan walks it."""

    __slots__ = ("cached", "entries", "key", "listed", "next_seq", "untrusted")

    def __init__(self, key: str, cached: _RootEntries) -> None:
        self.key = key
        self.cached = cached
        self.entries = _Lookup(key, cached)
        self.next_seq = 0
        self.listed: list[ArticleMeta] = []  # in order, duplicates included
        self.untrusted: list[str] = []


class _Lookup:
    """path -> :class:`_Cached` over a root's entries, without building them all."""

    __slots__ = ("_entries", "_index", "_key")

    def __init__(self, key: str, entries: _RootEntries) -> None:
        self._key = key
        self._entries = entries
        self._index = entries.get_index()

    def get(self, path: str) -> _Cached | None:
        i = self._index.get(path)
        if i is None:
            return None
        entries = self._entries
        seq = i if entries.seqs is None else entries.seqs[i]
        return _Cached(entries.metas[i], self._key, seq, path not in entries.untrusted)

    def items(self) -> Iterator[tuple[str, str]]:
        """``(path, id)`` of every entry."""
        return ((meta[2], meta[0]) for meta in self._entries.metas)


class _Run:
    """The writing side of one scan: batched upserts, snapshot upkeep, the final sweep."""

    def __init__(self, cache: CatalogueCache, conn: sqlite3.Connection | None) -> None:
        self.cache = cache
        self.conn = conn
        self.generation = cache._file.generation
        self.roots: dict[str, _RunRoot] = {}
        self.seen_paths: set[str] = set()
        self.pending: list[tuple] = []
        self.touched: set[str] = set()  # roots whose rows changed since the last flush
        self.dirty: set[str] = set()  # roots whose rows changed in this scan

    def root(self, key: str) -> _RunRoot:
        found = self.roots.get(key)
        if found is None:
            with _no_gc():
                entries = self.cache._root_entries(self.conn, key) if key else None
            found = _RunRoot(key, entries or _RootEntries([], None, set()))
            if key:
                self.roots[key] = found
        return found

    def usable(self) -> bool:
        return self.conn is not None and self.generation == self.cache._file.generation

    def write(self, meta: ArticleMeta, key: str, seq: int, trusted: bool, old: str | None) -> None:
        self.pending.append(_row_values(meta, key, seq, trusted))
        self.touched.add(key)
        if old is not None:
            self.touched.add(old)
        if len(self.pending) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self.usable():
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "DELETE FROM snapshots WHERE root = ?", [(_db(key),) for key in self.touched]
                )
                conn.executemany(_UPSERT, self.pending)
                conn.execute("COMMIT")
            except sqlite3.Error as error:
                _rollback(conn)
                self.cache._failed(error)
                self.conn = None  # carry on without the cache
        self.dirty |= self.touched
        self.touched = set()
        self.pending.clear()

    def finish(self, stats: ScanStats) -> None:
        """Drop the rows of files no longer found; store the roots' snapshots."""
        gone: list[str] = []
        for key, root in self.roots.items():
            before = len(gone)
            for path, article_id in root.entries.items():
                if path not in self.seen_paths:
                    gone.append(path)
                    stats.removed_ids.add(article_id)
            if len(gone) > before:
                self.dirty.add(key)
        stats.removed_paths = len(gone)
        if not self.usable():
            return
        conn = self.conn
        keys = list(self.roots)
        now = time.time()
        try:
            conn.execute("BEGIN IMMEDIATE")
            if gone:
                # Only rows still under a scanned root: another scan may have moved them.
                marks = ", ".join("?" * len(keys))
                conn.executemany(
                    f"DELETE FROM files WHERE path = ? AND root IN ({marks})",
                    [(_db(path), *map(_db, keys)) for path in gone],
                )
            conn.executemany(
                "INSERT INTO roots(root, scanned_at) VALUES (?, ?)"
                " ON CONFLICT(root) DO UPDATE SET scanned_at = excluded.scanned_at",
                [(_db(key), now) for key in keys],
            )
            for key, root in self.roots.items():
                if key in self.dirty or not root.cached.blob:
                    self.cache._write_snapshot(conn, key, root.listed, root.untrusted)
            stale = [
                (key,)
                for (key,) in conn.execute(
                    "SELECT root FROM roots WHERE scanned_at < ?", (now - FORGET_ROOT_SECONDS,)
                )
            ]
            for table in _TABLES:
                conn.executemany(f"DELETE FROM {table} WHERE root = ?", stale)
            conn.execute("COMMIT")
        except sqlite3.Error as error:
            _rollback(conn)
            self.cache._failed(error)


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _row_values(meta: ArticleMeta, root: str, seq: int, trusted: bool) -> tuple:
    return (
        _db(meta.source),
        _db(root),
        seq,
        meta.size,
        meta.mtime_ns,
        int(trusted),
        meta.id,
        _db(meta.title),
        meta.format,
        meta.words,
        meta.minutes,
        _db(meta.error),
        _db(WARNING_SEPARATOR.join(meta.warnings) or None),
        _db(_details_value(meta)),
    )


class LazyArticle:
    """An article known by its meta, read from its file only when its text is needed.

    Only the most recently read one is held in memory (one slot shared by all
    instances), so handing a whole library of these to the search index costs
    one article's memory, not the library's. For use by one thread at a time.
    """

    __slots__ = ("_catalogue", "meta")
    _last: tuple[LazyArticle, Article] | None = None

    def __init__(self, meta: ArticleMeta, catalogue: CatalogueCache) -> None:
        self.meta = meta
        self._catalogue = catalogue

    id = property(lambda self: self.meta.id)
    title = property(lambda self: self.meta.title)
    source = property(lambda self: self.meta.source)
    format = property(lambda self: self.meta.format)
    error = property(lambda self: self.meta.error)

    @property
    def article(self) -> Article:
        last = LazyArticle._last
        if last is not None and last[0] is self:
            return last[1]
        article = self._catalogue.load(self.meta)
        LazyArticle._last = (self, article)
        return article

    def __getattr__(self, name: str):
        return getattr(self.article, name)
