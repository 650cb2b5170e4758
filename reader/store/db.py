"""Limelight's TinyDB database: library sources, settings, notes, bookmarks, progress.

One JSON file in the data folder (``limelight.json``), written through
:class:`AtomicJSONStorage` (temp file, fsync, rename, fsync folder): every
save is on disk when the method returns, and a crash leaves the old or the
new file, never a broken one.

Tables: ``meta`` (schema version), ``sources``, ``settings``,
``annotations``, ``bookmarks``, ``progress``, ``reading_time`` (seconds of
active reading per article per local day, :mod:`reader.store.stats`), ``feeds``
(the feed subscriptions, :mod:`reader.store.feeds`; like ``reading_time``, a
table added without a new schema version).
:data:`MIGRATIONS` upgrades older files step by step.

``reading_time`` came after schema 2 without a new version: a table the file
does not have reads as empty (a database written before it works as it is),
and an older Limelight keeps a table it does not know as it is, so a
database shared with one is neither refused nor stripped.

Several Limelight processes may share the data folder. Every
read-modify-write holds an exclusive lock on ``limelight.json.lock``
(filelock) and reads the current file under it, so no process overwrites
another's notes; tables are built with no query cache, so reads always see
the file as it is now. Reads need no lock: the file is replaced atomically.
Opening a database already as this version writes it takes no lock either
(nothing is written then), so the lock, and filelock itself, are first
needed by the first write. Any other open (a new, older, corrupt or
unchecked file, a temporary file a killed save left, a linked database, a
data folder or lock file that cannot be written) prepares the file under
the lock.

A file that cannot be parsed is never overwritten: at start it is moved
aside (``limelight.json.corrupt-<seconds>``, ``...-<seconds>-2`` when that
name is taken: a kept copy is never replaced) and reported in
:attr:`Store.notice`; if it becomes unreadable later, saves fail with
:class:`StoreError` and leave it as it is. Any failure to save (disk full,
read-only folder, lock held too long) raises :class:`StoreError` with a
readable reason, and the file on disk keeps its previous contents.

What is read is checked (:mod:`reader.store.checks`): a table or record of
the wrong shape (a schema version ``"2"``, a note whose tags are ``5``, a
reading place that is a list) is left out of what the store shows and, before
the file is next written, kept in a side file
(``limelight.json.set-aside-<seconds>.json``); at start that happens at once.
A database written by a newer schema is opened read-only and never written.

What the user must be told about the database (a file moved aside, records
kept aside) is in :attr:`Store.problems` for the process that found it (the
command line prints it) and saved in the database as unseen
(:meth:`Store.unseen_notices`) until the app has shown it
(:meth:`Store.mark_notices_seen`).

A symbolic link ``limelight.json`` is written through: its target is replaced.
"""

from __future__ import annotations

import contextlib
import math
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where
from tinydb.table import Document, Table

from reader.store.annotations import (
    ARTICLE,
    POSITION,
    Annotation,
    Bookmark,
    Progress,
    new_id,
    now_iso,
)
from reader.store.atomic import (
    TEMP_PREFIX,
    AtomicJSONStorage,
    CorruptDatabase,
    clean_stray_temporaries,
    dumps,
    move_aside,
    write_aside,
    write_target,
)
from reader.store.checks import UNSEEN_NOTICES_SETTING, check_database
from reader.store.errors import StoreError  # re-exported: it lived here
from reader.store.paths import database_path
from reader.store.stats import DAY_LIMIT, ReadingTime, valid_day
from reader.text import plural

SCHEMA_VERSION = 2

TABLES = (
    "meta", "sources", "settings", "annotations", "bookmarks", "progress", "reading_time", "feeds",
)
READING_TIME = "reading_time"
LAST_ARTICLE_SETTING = "reading.last_article"
# Notes found orphaned, by note id: the content id of the text they were
# searched for in. Such a note is not searched for again in that same text.
ORPHANS_SETTING = "anchoring.orphaned"
LOCK_TIMEOUT = 10.0  # seconds to wait for another process's save
RECENT_LIMIT = 20  # files and folders opened with `limelight PATH` kept as recent sources


def _migrate_1_to_2(db: TinyDB) -> None:
    """Version 2 adds the ``annotations``, ``bookmarks`` and ``progress`` tables,
    which start empty: nothing to convert."""


# version -> function upgrading a database from that version to the next one.
MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {1: _migrate_1_to_2}

# Fields of an annotation that update_annotation may change.
_EDITABLE = ("note", "tags", "start", "end", "quote", "prefix", "suffix", "title", "orphaned")


def _timed_out(error: BaseException) -> bool:
    """Whether ``error`` is filelock's Timeout (a TimeoutError, so an OSError):
    the lock another process held did not come free."""
    if not isinstance(error, TimeoutError):
        return False
    from filelock import Timeout

    return isinstance(error, Timeout)


def _reason(error: BaseException) -> str:
    if _timed_out(error):
        return "the database is being saved by another Limelight and did not come free"
    if isinstance(error, CorruptDatabase):
        return f"the database file could not be read ({error}); it was left as it is"
    if isinstance(error, OSError):
        return error.strerror or str(error) or type(error).__name__
    return str(error) or type(error).__name__


def _check(data: dict) -> Any:
    return check_database(data, TABLES)


def _number(value) -> float:
    """A stored time as a number (0 for what is not one)."""
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _records(count: int) -> str:
    return plural(count, "record")


class Store:
    def __init__(self, path: Path | None = None, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path) if path else database_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock_path = self.path.with_name(f"{self.path.name}.lock")
        self.notice: str | None = None
        # What this process found wrong with the database and must say (once).
        self.problems: list[str] = []
        self.read_only = False
        self._refusal: str | None = None  # why writes are refused (newer schema)
        self._lock_timeout = lock_timeout
        self._file_lock_made = None  # the FileLock, made when first needed (_file_lock)
        self._thread_lock = threading.RLock()
        self.db = TinyDB(self.path, storage=AtomicJSONStorage, check=_check)
        self.storage: AtomicJSONStorage = self.db.storage  # type: ignore[assignment]
        self.storage.on_set_aside = self._keep_aside
        if self._open_as_it_is():
            return
        try:
            self._file_lock.acquire()
        except OSError as error:  # filelock's Timeout among them
            # A read-only folder (or a lock never released): open for reading only.
            self.read_only = True
            self.notice = f"notes cannot be saved: {_reason(error)}"
            self._check_readable()
            return
        try:
            self._tidy()
            self._open()
            self._migrate()
            if self._refusal is None and self.storage.changed:
                # Records were set aside or renumbered: keep them now (once).
                self.storage.write(self.storage.read())
        except OSError as error:
            self._add_notice(f"the database could not be prepared: {_reason(error)}")
        finally:
            self._file_lock.release()

    @property
    def _file_lock(self):
        """The lock on ``limelight.json.lock`` every write holds (made, and
        filelock imported, when first needed)."""
        if self._file_lock_made is None:
            from filelock import FileLock

            self._file_lock_made = FileLock(
                self.lock_path, timeout=self._lock_timeout, thread_local=False
            )
        return self._file_lock_made

    def _open_as_it_is(self) -> bool:
        """Read the database without the lock, when opening it needs no write:
        the file is already as this version writes it (this schema, every
        record as the checks want it), no killed save left a temporary file
        beside it, it is no link, and the data folder and the lock file can be
        written (so a write, when one comes, can take the lock). False
        (nothing kept from the read) when it must be prepared under the lock."""
        try:
            lock = os.stat(self.lock_path)
            if not stat.S_ISREG(lock.st_mode) or self.path.is_symlink():
                return False
            with os.scandir(self.path.parent) as entries:
                if any(entry.name.startswith(TEMP_PREFIX) for entry in entries):
                    return False
        except OSError:
            return False
        if not all(os.access(path, os.W_OK) for path in (self.lock_path, self.path.parent)):
            return False
        try:
            data = self.storage.read()
        except (OSError, CorruptDatabase):
            data = None
        if data is None or self.storage.changed or self.storage.aside:
            self.storage.invalidate()
            return False
        if self._version() != SCHEMA_VERSION:
            self.storage.invalidate()
            return False
        return True

    def _add_notice(self, message: str, *, problem: bool = False) -> None:
        self.notice = f"{self.notice}; {message}" if self.notice else message
        if problem:
            self.problems.append(message)

    def _keep_aside(self, data: dict, aside: list[dict]) -> None:
        """Called before ``data`` replaces a file holding the records in ``aside``
        (which the checks left out of it): write them to a side file, and note
        in ``data`` that the user has not been told yet."""
        record = {
            "format": "limelight-set-aside",
            "database": self.path.name,
            "found": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            "why": "these records of the database could not be read; they were kept here"
            " instead of being dropped",
            "records": aside,
        }
        side = write_aside(self.path, "set-aside", dumps(record))
        message = (
            f"{_records(len(aside))} in the database could not be read; kept aside in {side.name}"
        )
        self._add_notice(message, problem=True)
        self._remember_unseen(data, message)

    @staticmethod
    def _remember_unseen(data: dict, message: str) -> None:
        """Add ``message`` to the unseen notices inside ``data`` (written by the caller)."""
        settings = data.setdefault("settings", {})
        for doc in settings.values():
            if doc.get("key") == UNSEEN_NOTICES_SETTING:
                doc["value"] = [*(doc.get("value") or []), message]
                return
        next_id = max((int(key) for key in settings), default=0) + 1
        settings[str(next_id)] = {"key": UNSEEN_NOTICES_SETTING, "value": [message]}

    # -- locking ----------------------------------------------------------------
    @contextlib.contextmanager
    def _writing(self, action: str) -> Iterator[None]:
        """Hold the file lock for one read-modify-write; turn failures into StoreError."""
        with self._thread_lock:
            if self._refusal is not None:
                raise StoreError(f"could not {action}: {self._refusal}")
            try:
                self._file_lock.acquire()
            except OSError as error:  # filelock's Timeout among them
                raise StoreError(f"could not {action}: {_reason(error)}") from error
            try:
                self._refuse_newer(action)
                yield
            except (OSError, CorruptDatabase) as error:
                self.storage.invalidate()
                raise StoreError(f"could not {action}: {_reason(error)}") from error
            except BaseException:
                self.storage.invalidate()
                raise
            finally:
                self._file_lock.release()

    @contextlib.contextmanager
    def _reading(self, action: str) -> Iterator[None]:
        with self._thread_lock:
            try:
                yield
            except (OSError, CorruptDatabase) as error:
                self.storage.invalidate()
                raise StoreError(f"could not {action}: {_reason(error)}") from error

    def _tidy(self) -> None:
        """Remove the temporary files a killed save left (under the lock: no
        save is under way), in the data folder and the one a linked database
        is written to."""
        clean_stray_temporaries(self.path.parent)
        with contextlib.suppress(OSError):
            target_folder = write_target(self.path).parent
            if target_folder != self.path.parent:
                clean_stray_temporaries(target_folder)

    def _refuse_newer(self, action: str) -> None:
        """Raise StoreError if a newer Limelight has upgraded the file since it was opened."""
        version = self._version()
        if version > SCHEMA_VERSION:
            self._refusal = self._newer_message(version)
            raise StoreError(f"could not {action}: {self._refusal}")

    def _version(self) -> int:
        row = self._table("meta").get(doc_id=1)
        return row["schema"] if row else 0

    @staticmethod
    def _newer_message(version: int) -> str:
        return (
            f"the database was written by a newer Limelight (schema {version}); "
            "it is opened read-only, and some of it may not be shown"
        )

    def _table(self, name: str) -> Table:
        # A fresh table each time: no query cache and no remembered next id,
        # both of which would go stale when another process writes.
        return Table(self.storage, name, cache_size=0)

    def refresh(self) -> None:
        """Forget anything held in memory; the next read parses the file.
        (Reads already compare the file with what was parsed, so this is
        only needed by callers that want to be explicit.)"""
        with self._thread_lock:
            self.storage.invalidate()

    # -- opening and schema -----------------------------------------------------
    def _check_readable(self) -> None:
        try:
            self.storage.read()
        except CorruptDatabase as error:
            self._add_notice(f"database could not be read ({error}); it was left as it is")
            return
        except OSError:
            return
        version = self._version()
        if version > SCHEMA_VERSION:
            self._refusal = self._newer_message(version)
            self._add_notice(self._refusal, problem=True)
        elif self.storage.aside:
            self._add_notice(
                f"{_records(len(self.storage.aside))} in the database could not be read"
                " and are not shown (they are left in the file)",
                problem=True,
            )

    def _open(self) -> None:
        try:
            self.storage.read()  # parse now, not on first use
        except CorruptDatabase as error:
            aside = move_aside(self.path, "corrupt")
            self.storage.invalidate()
            message = f"the database could not be read ({error}); kept as {aside.name}"
            self._add_notice(message, problem=True)
            self._migrate()  # a fresh database, which remembers to tell the app
            data = self.storage.read() or {}
            self._remember_unseen(data, message)
            self.storage.write(data)

    def _migrate(self) -> None:
        meta = self._table("meta")
        version = self._version()
        if version == 0:
            meta.insert(Document({"schema": SCHEMA_VERSION}, doc_id=1))
            return
        if version > SCHEMA_VERSION:
            self._refusal = self._newer_message(version)
            self.read_only = True
            self._add_notice(self._refusal, problem=True)
            return
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self.db)
            version += 1
            meta.update({"schema": version}, doc_ids=[1])

    @property
    def schema_version(self) -> int:
        with self._reading("read the database"):
            return self._version()

    # -- notices ------------------------------------------------------------------
    def unseen_notices(self) -> list[str]:
        """What was found wrong with the database and the app has not shown yet."""
        try:
            return list(self.get_setting(UNSEEN_NOTICES_SETTING) or [])
        except StoreError:
            return []

    def notices_to_show(self) -> list[str]:
        """The app's list at start: this store's notice, then the unseen ones
        (each once)."""
        shown = [self.notice] if self.notice else []
        for message in self.unseen_notices():
            if not any(message in line for line in shown):
                shown.append(message)
        return shown

    def mark_notices_seen(self, shown: list[str] | None = None) -> None:
        """The app has shown these notices (all unseen ones when None): forget
        them, keeping any another process added meanwhile. No write if none."""
        if self.read_only or self._refusal is not None or not self.unseen_notices():
            return  # nothing to forget, or no way to save it (said already)
        with self._writing("save that the notices were seen"):
            hit = self._find("settings", "key", UNSEEN_NOTICES_SETTING)
            if hit is None:
                return
            doc_id, doc = hit
            left = [
                message
                for message in doc.get("value") or []
                if shown is not None and not any(message in line for line in shown)
            ]
            table = self._table("settings")
            if left:
                table.update({"value": left}, doc_ids=[doc_id])
            else:
                table.remove(doc_ids=[doc_id])

    # -- library sources ----------------------------------------------------------
    # A source row is {"path", "added"}: a file or folder given to `limelight
    # add`; or, with "recent": true and "opened", one opened with `limelight
    # PATH` (the RECENT_LIMIT last), which the library keeps while it exists.
    def sources(self) -> list[str]:
        """The files and folders given to ``limelight add``, in the order added."""
        with self._reading("read the library sources"):
            return [row["path"] for row in self._table("sources").all() if not row.get("recent")]

    def recent_sources(self) -> list[str]:
        """The files and folders opened with ``limelight PATH``, the last opened first."""
        with self._reading("read the recent sources"):
            rows = [row for row in self._table("sources").all() if row.get("recent")]
        rows.sort(key=lambda row: _number(row.get("opened")), reverse=True)
        return [row["path"] for row in rows]

    def add_source(self, path: str | Path) -> bool:
        """Remember a file or folder; False if it was already there (a recent
        source given to ``limelight add`` becomes a remembered one)."""
        resolved = str(Path(path).expanduser().resolve())
        with self._writing("save the library source"):
            table = self._table("sources")
            row = table.get(where("path") == resolved)
            if row is not None and not row.get("recent"):
                return False
            if row is not None:
                table.remove(doc_ids=[row.doc_id])
            table.insert({"path": resolved, "added": time.time()})
            return True

    def remember_opened(self, paths: Iterable[str | Path]) -> list[str]:
        """Keep ``paths`` (opened with ``limelight PATH``) as recent sources,
        the most recent first, at most :data:`RECENT_LIMIT`; a path already
        added is left as it is. One write, none when nothing changes. Returns
        the resolved paths kept as recent."""
        resolved = list(dict.fromkeys(str(Path(p).expanduser().resolve()) for p in paths))
        if not resolved:
            return []
        now = time.time()
        with self._writing("save the recent sources"):
            table = self._table("sources")
            rows = {row["path"]: row for row in table.all()}
            fresh = [p for p in resolved if not (p in rows and not rows[p].get("recent"))]
            recent = sorted(
                (row for row in rows.values() if row.get("recent")),
                key=lambda row: _number(row.get("opened")),
                reverse=True,
            )
            if [row["path"] for row in recent[: len(fresh)]] == fresh:
                return fresh  # already the most recent, in this order: no write
            drop = [rows[p].doc_id for p in fresh if p in rows]
            # The most recent first: the ones past the limit are forgotten.
            kept = [row for row in recent if row["path"] not in fresh]
            drop += [row.doc_id for row in kept[max(0, RECENT_LIMIT - len(fresh)) :]]
            if drop:
                table.remove(doc_ids=drop)
            # The first named is the most recent (ties broken by order).
            count = len(fresh)
            table.insert_multiple(
                {"path": p, "recent": True, "opened": now + (count - i) * 1e-6}
                for i, p in enumerate(fresh)
            )
            return fresh

    def remove_source(self, path: str | Path) -> bool:
        """Forget a source (remembered or recent); False if it was neither."""
        resolved = str(Path(path).expanduser().resolve())
        with self._writing("forget the library source"):
            return bool(self._table("sources").remove(where("path") == resolved))

    # -- settings -----------------------------------------------------------------
    def get_setting(self, key: str, default=None):
        with self._reading("read the settings"):
            row = self._table("settings").get(where("key") == key)
        return row["value"] if row else default

    def set_setting(self, key: str, value) -> None:
        """Save ``value`` under ``key``. A value the file already holds is
        neither written nor locked for (a start reopening the article it
        ended on saves nothing)."""
        if self._refusal is None:
            with self._reading("read the settings"):
                hit = self._find("settings", "key", key)
            if hit is not None and hit[1].get("value") == value:
                return
        with self._writing("save the setting"):
            table = self._table("settings")
            row = table.get(where("key") == key)
            if row is not None and row.get("value") == value:
                return  # unchanged: no write
            table.upsert({"key": key, "value": value}, where("key") == key)

    # -- annotations --------------------------------------------------------------
    def _rows(self, name: str) -> dict[str, dict]:
        """The raw documents of a table, by doc id (as read; do not modify)."""
        return (self.storage.read() or {}).get(name) or {}

    def _find(self, name: str, field: str, value: str) -> tuple[int, dict] | None:
        """(doc id, document) of the first document whose ``field`` equals
        ``value``: a plain scan of the raw table, far cheaper than a Query."""
        for doc_id, doc in self._rows(name).items():
            if doc.get(field) == value:
                return int(doc_id), dict(doc)
        return None

    def annotations(self, article_id: str | None = None) -> list[Annotation]:
        """Annotations of one article in reading order (by start), or of all
        articles grouped by article title."""
        with self._reading("read the notes"):
            rows = list(self._rows("annotations").values())
        found = [
            Annotation.from_dict(row)
            for row in rows
            if "id" in row and (article_id is None or row.get("article_id") == article_id)
        ]
        if article_id is not None:
            return sorted(found, key=lambda a: (a.start, a.end, a.created))
        return sorted(
            found, key=lambda a: (a.title.casefold(), a.article_id, a.start, a.end, a.created)
        )

    def get_annotation(self, annotation_id: str) -> Annotation | None:
        with self._reading("read the note"):
            hit = self._find("annotations", "id", annotation_id)
        return Annotation.from_dict(hit[1]) if hit is not None else None

    def add_annotation(self, annotation: Annotation) -> Annotation:
        """Save a new annotation (see :func:`reader.store.annotations.make_annotation`)."""
        with self._writing("save the note"):
            if self._find("annotations", "id", annotation.id) is not None:
                raise StoreError(f"could not save the note: id {annotation.id} is already used")
            self._table("annotations").insert(annotation.to_dict())
        return annotation

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back an annotation exactly as it was (undo of a delete)."""
        with self._writing("restore the note"):
            table = self._table("annotations")
            hit = self._find("annotations", "id", annotation.id)
            if hit is None:
                table.insert(annotation.to_dict())
            else:
                table.update(annotation.to_dict(), doc_ids=[hit[0]])
        return annotation

    def update_annotation(self, annotation_id: str, **changes: Any) -> Annotation:
        """Change ``note``, ``tags``, or (after re-anchoring) ``start``, ``end``,
        ``quote``, ``prefix``, ``suffix``, ``title``, ``orphaned``; sets ``updated``.

        Raises KeyError for an unknown id, TypeError for an unknown field.
        """
        unknown = set(changes) - set(_EDITABLE)
        if unknown:
            raise TypeError(f"cannot update annotation field(s): {', '.join(sorted(unknown))}")
        with self._writing("save the note"):
            hit = self._find("annotations", "id", annotation_id)
            if hit is None:
                raise KeyError(annotation_id)
            updated = Annotation.from_dict(hit[1]).edited(**changes)
            self._table("annotations").update(updated.to_dict(), doc_ids=[hit[0]])
        return updated

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete an annotation and return it (pass it to :meth:`restore_annotation` to undo).

        Raises KeyError for an unknown id.
        """
        with self._writing("delete the note"):
            hit = self._find("annotations", "id", annotation_id)
            if hit is None:
                raise KeyError(annotation_id)
            self._table("annotations").remove(doc_ids=[hit[0]])
        return Annotation.from_dict(hit[1])

    def _orphan_memo(self) -> tuple[int | None, dict[str, str]]:
        """(doc id, {note id: content id}) of the orphan memo; what is not a
        pair of strings (a synced copy can carry anything) is ignored."""
        hit = self._find("settings", "key", ORPHANS_SETTING)
        if hit is None:
            return None, {}
        value = hit[1].get("value")
        if not isinstance(value, dict):
            return hit[0], {}
        return hit[0], {
            key: content
            for key, content in value.items()
            if isinstance(key, str) and isinstance(content, str)
        }

    def remembered_orphans(self, article_id: str) -> set[str]:
        """Ids of the notes already found orphaned in the text whose content id
        is ``article_id`` (they are not searched for again in it)."""
        with self._reading("read the notes"):
            _, memo = self._orphan_memo()
        return {key for key, content in memo.items() if content == article_id}

    def _save_orphan_memo(self, changes: dict[str, str | None]) -> None:
        """Apply ``changes`` (note id -> content id, or None to forget) to the
        memo, dropping notes that no longer exist; inside :meth:`_writing`."""
        doc_id, memo = self._orphan_memo()
        before = dict(memo)
        for key, content in changes.items():
            if content is None:
                memo.pop(key, None)
            else:
                memo[key] = content
        existing = {doc.get("id") for doc in self._rows("annotations").values()}
        memo = {key: content for key, content in memo.items() if key in existing}
        if memo == before and doc_id is not None:
            return
        table = self._table("settings")
        if not memo:
            if doc_id is not None:
                table.remove(doc_ids=[doc_id])
        elif doc_id is None:
            table.insert({"key": ORPHANS_SETTING, "value": memo})
        else:
            table.update({"value": memo}, doc_ids=[doc_id])

    def anchor_known(self, article_id: str, body: str) -> tuple[list[tuple[Annotation, Any]], int]:
        """What can be told of an article's notes at once, without searching:
        ``(pairs, pending)``, the ``(annotation, anchor)`` pairs of the notes
        still at their offsets and of those remembered orphaned in this very
        text (anchor None), in reading order, and how many notes need a search
        (:meth:`reanchor` finds them). Nothing is written."""
        from reader.store.anchoring import at_position

        remembered = self.remembered_orphans(article_id)
        pairs: list[tuple[Annotation, Any]] = []
        pending = 0
        for a in self.annotations(article_id):
            if a.orphaned and a.id in remembered:
                pairs.append((a, None))
                continue
            held = None if a.orphaned else at_position(body, a)
            if held is None:
                pending += 1
            else:
                pairs.append((a, held))
        pairs.sort(key=lambda pair: (pair[1] is None, pair[0].start))
        return pairs, pending

    def reanchor(self, article_id: str, body: str) -> list[tuple[Annotation, Any]]:
        """Anchor every annotation of an article in its current ``body``.

        Returns ``(annotation, anchor)`` pairs in reading order, where anchor is an
        :class:`~reader.store.anchoring.Anchor` or None (orphaned). Annotations
        whose place moved, or that became or stopped being orphaned, are saved
        with their new ``start``/``end``/``orphaned`` in one write (their quote
        and context are kept as written, so nothing of the passage is lost).

        A note found orphaned is remembered as orphaned in this text (by its
        content id, ``article_id``): it is not searched for again in it, at
        the next open or the next start. Another text (the file edited: a new
        content id) is searched afresh. Safe to call from a worker thread.
        """
        from reader.store.anchoring import anchor

        remembered = self.remembered_orphans(article_id)
        pairs: list[tuple[Annotation, Any]] = []
        changed: dict[str, dict[str, Any]] = {}
        memo: dict[str, str | None] = {}
        for a in self.annotations(article_id):
            if a.orphaned and a.id in remembered:
                pairs.append((a, None))  # searched for in this text already
                continue
            where_now = anchor(body, a)
            if where_now is None:
                memo[a.id] = article_id
                if not a.orphaned:
                    changed[a.id] = {"orphaned": True}
                    a = a.edited(orphaned=True)
            else:
                if a.id in remembered:
                    memo[a.id] = None
                if (where_now.start, where_now.end, False) != (a.start, a.end, a.orphaned):
                    fields = {"start": where_now.start, "end": where_now.end, "orphaned": False}
                    changed[a.id] = fields
                    a = a.edited(**fields)
            pairs.append((a, where_now))
        if changed or memo:
            stamp = now_iso()

            def apply(doc: dict) -> None:
                doc.update(changed[doc["id"]], updated=stamp)

            with self._writing("save the notes' new places"):
                rows = self._rows("annotations")
                ids = [int(key) for key, doc in rows.items() if doc.get("id") in changed]
                if ids:
                    self._table("annotations").update(apply, doc_ids=ids)
                if memo:
                    self._save_orphan_memo(memo)
        pairs.sort(key=lambda pair: (pair[1] is None, pair[0].start))
        return pairs

    def rekey(self, old_id: str, new_id: str) -> int:
        """Move what is stored under article ``old_id`` to ``new_id`` (the file was edited).

        Notes, bookmarks and the reading place follow the file; notes are
        re-anchored in the new text when the article is next opened (notes
        remembered orphaned in the old text are searched for again). Returns
        how many records moved. One write, under the lock.

        Only for an ``old_id`` that no file holds any more: when another file
        still has the old content (an identical copy left unedited), its
        records stay with it; the caller checks (see
        :func:`reader.library.catalogue.edits_to_follow`).
        """
        if old_id == new_id:
            return 0
        moved = 0
        with self._writing("move the notes to the edited article"):
            notes: list[str] = []
            for name in ("annotations", "bookmarks", "progress", READING_TIME):
                rows = self._rows(name)
                ids = [int(key) for key, doc in rows.items() if doc.get("article_id") == old_id]
                if name == "annotations":
                    notes = [rows[str(key)].get("id") for key in ids]
                if ids:
                    self._table(name).update({"article_id": new_id}, doc_ids=ids)
                    moved += len(ids)
            last = self._find("settings", "key", LAST_ARTICLE_SETTING)
            if last is not None and last[1].get("value") == old_id:
                self._table("settings").update({"value": new_id}, doc_ids=[last[0]])
            _, memo = self._orphan_memo()
            if any(memo.get(note) == old_id for note in notes):
                self._save_orphan_memo(dict.fromkeys(notes))  # another text: search again
        return moved

    # -- bookmarks ------------------------------------------------------------------
    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, article and position ones, oldest first."""
        with self._reading("read the bookmarks"):
            rows = list(self._rows("bookmarks").values())
        return sorted(
            (Bookmark.from_dict(row) for row in rows if "id" in row), key=lambda b: b.created
        )

    def is_bookmarked(self, article_id: str) -> bool:
        return article_id in self.bookmarked_article_ids()

    def bookmarked_article_ids(self) -> set[str]:
        return {b.article_id for b in self.bookmarks() if b.kind == ARTICLE}

    def toggle_article_bookmark(self, article_id: str, title: str = "") -> bool:
        """Bookmark the article, or remove its bookmark; return the new state."""
        with self._writing("save the bookmark"):
            table = self._table("bookmarks")
            existing = [
                int(key)
                for key, doc in self._rows("bookmarks").items()
                if doc.get("kind") == ARTICLE and doc.get("article_id") == article_id
            ]
            if existing:
                table.remove(doc_ids=existing)
                return False
            mark = Bookmark(new_id(), ARTICLE, article_id, title=title, created=now_iso())
            table.insert(mark.to_dict())
            return True

    def add_position_bookmark(
        self, article_id: str, title: str, block: int, offset: int, label: str = ""
    ) -> Bookmark:
        """Bookmark a place: block index and character offset within that block."""
        mark = Bookmark(
            new_id(), POSITION, article_id, title, int(block), int(offset), label, now_iso()
        )
        with self._writing("save the bookmark"):
            self._table("bookmarks").insert(mark.to_dict())
        return mark

    def remove_bookmark(self, bookmark_id: str) -> Bookmark | None:
        """Remove a bookmark of either kind; return it, or None if there was none."""
        with self._writing("remove the bookmark"):
            hit = self._find("bookmarks", "id", bookmark_id)
            if hit is None:
                return None
            self._table("bookmarks").remove(doc_ids=[hit[0]])
        return Bookmark.from_dict(hit[1])

    # -- reading progress -------------------------------------------------------------
    def set_progress(self, article_id: str, block: int, offset: int, fraction: float) -> Progress:
        """Remember the reading place (block index, offset within the block) and the
        fraction of the article read (clamped to 0..1). No write if unchanged."""
        place = Progress(article_id, int(block), int(offset), min(1.0, max(0.0, float(fraction))))
        with self._writing("save the reading place"):
            hit = self._find("progress", "article_id", article_id)
            if hit is not None:
                old = Progress.from_dict(hit[1])
                if (old.block, old.offset, old.fraction) == (
                    place.block,
                    place.offset,
                    place.fraction,
                ):
                    return old
            place = Progress(place.article_id, place.block, place.offset, place.fraction, now_iso())
            if hit is None:
                self._table("progress").insert(place.to_dict())
            else:
                self._table("progress").update(place.to_dict(), doc_ids=[hit[0]])
        return place

    def progress(self, article_id: str) -> Progress | None:
        with self._reading("read the reading place"):
            hit = self._find("progress", "article_id", article_id)
        return Progress.from_dict(hit[1]) if hit is not None else None

    def all_progress(self) -> dict[str, Progress]:
        with self._reading("read the reading places"):
            rows = list(self._rows("progress").values())
        return {p.article_id: p for p in map(Progress.from_dict, rows)}

    # -- reading time -----------------------------------------------------------------
    def reading_time(self, article_id: str | None = None) -> list[ReadingTime]:
        """The rows of active reading time (of one article, or all), by day then article."""
        with self._reading("read the reading time"):
            rows = list(self._rows(READING_TIME).values())
        found = [
            ReadingTime.from_dict(row)
            for row in rows
            if article_id is None or row.get("article_id") == article_id
        ]
        return sorted(found, key=lambda r: (r.day, r.article_id))

    def add_reading_time(self, entries: Iterable[ReadingTime]) -> None:
        """Add each entry's seconds to its article's row for its day (made when
        missing; a row holds at most a day's seconds), keeping the newest title
        given. One write, under the lock; none when there is nothing to add
        (see :func:`reader.store.stats.record_spans`)."""
        added: dict[tuple[str, str], list] = {}  # (article, day) -> [seconds, title]
        for entry in entries:
            if not entry.article_id or not valid_day(entry.day):
                continue
            if not math.isfinite(entry.seconds) or entry.seconds <= 0:
                continue
            slot = added.setdefault((entry.article_id, entry.day), [0.0, ""])
            slot[0] += entry.seconds
            slot[1] = entry.title or slot[1]
        if not added:
            return
        stamp = now_iso()
        with self._writing("save the reading time"):
            data = dict(self.storage.read() or {})
            table = dict(data.get(READING_TIME) or {})
            for key, doc in table.items():
                slot = added.pop((doc.get("article_id"), doc.get("day")), None)
                if slot is None:
                    continue
                seconds = min(float(DAY_LIMIT), round(doc.get("seconds", 0) + slot[0], 3))
                table[key] = {
                    **doc,
                    "seconds": seconds,
                    "title": slot[1] or doc.get("title") or "",
                    "updated": stamp,
                }
            next_id = max((int(key) for key in table), default=0) + 1
            for (article_id, day), (seconds, title) in added.items():
                row = ReadingTime(
                    article_id, day, min(float(DAY_LIMIT), round(seconds, 3)), title, stamp
                )
                table[str(next_id)] = row.to_dict()
                next_id += 1
            data[READING_TIME] = table
            self.storage.write(data)

    def set_last_article(self, article_id: str | None) -> None:
        self.set_setting(LAST_ARTICLE_SETTING, article_id)

    def last_article(self) -> str | None:
        return self.get_setting(LAST_ARTICLE_SETTING)

    def close(self) -> None:
        self.db.close()
