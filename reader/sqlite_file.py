"""One SQLite cache file shared by threads: what the catalogue cache and the
search index have in common.

A :class:`SQLiteFile` opens its file in WAL mode with a busy timeout (a
connection waits that long for another one's write transaction), gives each
thread its own connection (all closed by :meth:`SQLiteFile.close`), makes the
schema when it is missing or of another version (the caller's ``create``
callback, in one transaction), and tells a busy file from a corrupt one:

- corrupt means a SQLite error that says the file is malformed or not a
  database (:func:`says_corrupt`), and, with ``confirm``, a file that also
  fails ``PRAGMA quick_check`` on a connection of its own
  (:func:`fails_quick_check`). Only then is the file replaced: deleted, or
  with ``keep_aside`` moved aside with its ``-wal``, ``-shm`` and
  ``-journal`` (``<name>.corrupt-<time ns>-<pid>``, only the newest such copy
  kept), and :attr:`SQLiteFile.notice` says ``"<what> could not be read
  (<error>); rebuilding"``;
- busy or locked (:func:`is_busy`) means waiting up to the timeout, then
  answering from what is there; read-only, full or unopenable files
  (:func:`is_unavailable`) are left alone too. What to tell the user then is
  the caller's: it sets :attr:`SQLiteFile.notice` itself.

Standard library only: usable from ``reader.library`` and ``reader.search``
(and anything else) without an import cycle, and without Textual.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = [
    "ASIDE",
    "SQLiteFile",
    "fails_quick_check",
    "is_busy",
    "is_unavailable",
    "says_corrupt",
    "statements",
]

ASIDE = ".corrupt-"  # <name>.corrupt-<time ns>-<pid>: a corrupt file kept aside
COMPANIONS = ("-wal", "-shm", "-journal")

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
# Errors that leave the file as it is and stop writing it: busy, locked,
# read-only, I/O error, full disk, cannot open, no permission.
_UNAVAILABLE = {_SQLITE_BUSY, _SQLITE_LOCKED, 8, 10, 13, 14, 3}


def _error_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def says_corrupt(error: BaseException) -> bool:
    """Whether a SQLite error says the file may be corrupt (never a busy, full
    or read-only database)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(error).lower()
    return "malformed" in text or "not a database" in text


def is_busy(error: BaseException) -> bool:
    """Whether a SQLite error is another connection holding the file (busy, locked)."""
    code = _error_code(error)
    if code is not None:
        return code in (_SQLITE_BUSY, _SQLITE_LOCKED)
    text = str(error).lower()
    return "locked" in text or "busy" in text


def is_unavailable(error: BaseException) -> bool:
    """Whether a SQLite error leaves the file as it is but unwritable for now:
    busy, locked, read-only, full, an I/O error, cannot open, no permission."""
    code = _error_code(error)
    if code is not None:
        return code in _UNAVAILABLE
    text = str(error).lower()
    return any(word in text for word in ("locked", "busy", "full", "readonly", "read-only"))


def fails_quick_check(path: Path) -> bool:
    """Whether the file at ``path`` is not a database or fails ``PRAGMA
    quick_check``, checked on a connection of its own (read-only, waiting for
    no one: readers are not blocked in WAL mode). A busy or unreadable file is
    not corrupt."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except (sqlite3.Error, OSError, ValueError):
        return False
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return says_corrupt(error)
    finally:
        conn.close()
    return [tuple(row) for row in rows] != [("ok",)]


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one by one (triggers whole), for a
    ``create`` callback to run inside its transaction (``executescript``
    would commit it)."""
    found, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    return found


class SQLiteFile:
    """One SQLite file, a connection per thread; see the module's docstring.

    ``version`` is the schema's ``user_version``; ``names`` the tables,
    triggers, views or indexes it must hold; ``create`` makes them, in a
    write transaction :meth:`ensure_schema` has opened after dropping those
    of another version: a script of ``CREATE ... IF NOT EXISTS`` statements,
    or a callback ``create(conn)`` (which must not commit). ``setup(conn)``
    is called on each new connection (to register SQL functions, say).
    ``what`` names the file in :attr:`notice` ("search index").
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        what: str,
        version: int,
        names: Iterable[str],
        create: str | Callable[[sqlite3.Connection], None],
        timeout: float,
        setup: Callable[[sqlite3.Connection], None] | None = None,
        keep_aside: bool = False,
        confirm: bool = False,
    ) -> None:
        self.path = Path(path)
        self.what = what
        self.version = version
        self.names = tuple(names)
        self.timeout = timeout  # seconds to wait for another connection's write
        self.keep_aside = keep_aside  # a corrupt file is moved aside (else deleted)
        self.confirm = confirm  # corrupt only if PRAGMA quick_check fails too
        self.notice: str | None = None  # one line for the user, set when replaced
        # The schema was found or made since the file was last (re)opened.
        self.ready = False
        self.generation = 0  # bumped by close(): every thread reconnects
        if isinstance(create, str):
            script = statements(create)

            def create(conn: sqlite3.Connection) -> None:
                for statement in script:
                    conn.execute(statement)

        self._create = create
        self._setup = setup
        self._local = threading.local()
        self._lock = threading.Lock()  # guards _connections and generation
        self._connections: list[sqlite3.Connection] = []

    # -- connections ------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            if self._setup is not None:
                self._setup(conn)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError as error:
                # Another connection is switching a new file to WAL (it
                # stays so): carry on; anything else is for the caller.
                if not is_busy(error):
                    raise
            conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened now if it has none (or the file was
        closed or replaced since). The schema is not looked at: see :meth:`open`.
        Raises what opening raises (``sqlite3.Error``, ``OSError``)."""
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and local.generation == self.generation:
            return conn
        while True:
            generation = self.generation
            conn = self._connect()
            with self._lock:
                if generation == self.generation:
                    self._connections.append(conn)
                    local.conn, local.generation, local.checked = conn, generation, False
                    return conn
            conn.close()  # the file was closed or replaced meanwhile: open the new one

    def open(self) -> sqlite3.Connection:
        """This thread's connection with the schema checked, made if missing or
        of another version (see :meth:`ensure_schema`). A corrupt file is
        replaced (see :meth:`recover`) and opened afresh, once; any other error
        is raised, the file left as it is."""
        try:
            return self.ensure_schema()
        except sqlite3.Error as error:
            if not self.recover(error):
                raise
        return self.ensure_schema()

    def ensure_schema(self) -> sqlite3.Connection:
        """This thread's connection, the schema checked on it (once per new
        connection, and whenever :attr:`ready` is false). When the schema is
        there nothing is written, so that opening never waits for another
        process's writes; otherwise it is made in one write transaction, which
        waits up to the timeout (a busy file raises)."""
        conn = self.connection()
        local = self._local
        if not self.ready or not local.checked:
            self._ensure(conn)
            local.checked = True
            self.ready = True
        return conn

    def has_schema(self, conn: sqlite3.Connection) -> bool:
        """Whether the file holds this version's schema (read only)."""
        if conn.execute("PRAGMA user_version").fetchone()[0] != self.version:
            return False
        found = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        return found.issuperset(self.names)

    def recheck(self) -> bool:
        """:attr:`ready`, looked at again without writing (another process may
        have made the schema since, or a newer one replaced it); unchanged if
        the file cannot be opened."""
        try:
            conn = self.connection()
        except (sqlite3.Error, OSError):
            return self.ready
        try:
            self.ready = self.has_schema(conn)
        except sqlite3.Error:
            self.ready = False
        return self.ready

    def _ensure(self, conn: sqlite3.Connection) -> None:
        if self.has_schema(conn):
            return
        # IMMEDIATE: wait for the write lock first, then look again (another
        # process may have made the schema meanwhile).
        conn.execute("BEGIN IMMEDIATE")
        try:
            if not self.has_schema(conn):
                if conn.execute("PRAGMA user_version").fetchone()[0] != self.version:
                    self._drop(conn)
                self._create(conn)
                conn.execute(f"PRAGMA user_version = {int(self.version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _drop(self, conn: sqlite3.Connection) -> None:
        """Drop this schema's names, as another version (or program) made them."""
        kinds = dict(
            conn.execute(
                "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view', 'trigger',"
                " 'index') AND name NOT LIKE 'sqlite_%'"
            )
        )
        order = {"trigger": 0, "view": 1, "table": 2, "index": 3}
        present = [name for name in self.names if name in kinds]
        for name in sorted(present, key=lambda name: order[kinds[name]]):
            quoted = name.replace('"', '""')
            conn.execute(f'DROP {kinds[name].upper()} IF EXISTS "{quoted}"')

    def close(self) -> None:
        """Close every thread's connection; the next use opens the file again."""
        with self._lock:
            connections, self._connections = self._connections, []
            self.generation += 1
            self.ready = False
        for conn in connections:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    # -- corruption -------------------------------------------------------------

    def is_corrupt(self, error: BaseException) -> bool:
        """Whether ``error`` (met on this file) means the file is corrupt: it
        says so, and, with ``confirm``, ``PRAGMA quick_check`` agrees."""
        return says_corrupt(error) and (not self.confirm or fails_quick_check(self.path))

    def recover(self, error: BaseException) -> bool:
        """Replace the file if ``error`` says it is corrupt (True), else leave it."""
        if not self.is_corrupt(error):
            return False
        self.replace(error)
        return True

    def replace(self, error: BaseException) -> None:
        """Throw the file away (deleted, or moved aside): the next use starts
        afresh. :attr:`notice` says so."""
        self.close()
        if self.keep_aside:
            self._move_aside()
        else:
            for suffix in ("", *COMPANIONS):
                try:
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                except OSError:
                    pass
        self.notice = f"{self.what} could not be read ({error}); rebuilding"

    def _move_aside(self) -> None:
        """Move the file and its companions aside under a new name (a process
        that still has them open keeps writing there, never into the new
        file), and remove older copies kept aside: at most one stays."""
        path = self.path
        aside: Path | None = path.with_name(f"{path.name}{ASIDE}{time.time_ns()}-{os.getpid()}")
        try:
            os.rename(path, aside)
        except OSError:
            aside = None
        for suffix in COMPANIONS:
            companion = Path(f"{path}{suffix}")
            try:
                if aside is not None:
                    os.rename(companion, f"{aside}{suffix}")
                else:
                    companion.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                try:
                    companion.unlink(missing_ok=True)
                except OSError:
                    pass
        if aside is None:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                pass
        kept = {f"{aside.name}{suffix}" for suffix in ("", *COMPANIONS)} if aside else set()
        for old in path.parent.glob(f"{path.name}{ASIDE}*"):
            if old.name not in kept:
                try:
                    old.unlink()
                except OSError:
                    pass
