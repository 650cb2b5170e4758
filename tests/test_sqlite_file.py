"""The SQLite file helper the catalogue cache and the search index share
(reader/sqlite_file.py): a connection per thread, the schema, a corrupt file
replaced, a busy one waited for and never replaced."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.sqlite_file import (
    SQLiteFile,
    fails_quick_check,
    is_busy,
    is_unavailable,
    says_corrupt,
    statements,
)

VERSION = 7
SCHEMA = """
CREATE TABLE IF NOT EXISTS items(id INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS log(text TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS items_ai AFTER INSERT ON items BEGIN
    INSERT INTO log(text) VALUES (shout(new.text));
END;
"""
NAMES = ("items", "log", "items_ai")


def create(conn: sqlite3.Connection) -> None:
    for statement in statements(SCHEMA):
        conn.execute(statement)


def setup(conn: sqlite3.Connection) -> None:
    conn.create_function("shout", 1, str.upper, deterministic=True)


def make(path: Path, **options) -> SQLiteFile:
    options.setdefault("timeout", 5.0)
    options.setdefault("create", SCHEMA)  # a script, or a callback
    return SQLiteFile(path, what="test file", version=VERSION, names=NAMES, setup=setup, **options)


def aside(path: Path) -> list[Path]:
    copies = path.parent.glob(f"{path.name}.corrupt-*")
    return sorted(p for p in copies if not p.name.endswith(("-wal", "-shm", "-journal")))


def user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


class Holder:
    """Another connection holding a write transaction on ``path``."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=0)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute("CREATE TABLE IF NOT EXISTS holder(x)")
        self.conn.execute("INSERT INTO holder VALUES ('held')")

    def commit(self) -> None:
        self.conn.execute("COMMIT")
        self.conn.close()


@pytest.fixture
def holders():
    held: list[Holder] = []

    def hold(path: Path) -> Holder:
        holder = Holder(path)
        held.append(holder)
        return holder

    yield hold
    for holder in held:
        try:
            holder.conn.close()
        except sqlite3.Error:  # pragma: no cover
            pass


# -- connections ----------------------------------------------------------------------


def test_each_thread_has_its_own_connection_in_wal_mode(tmp_path):
    db = make(tmp_path / "sub" / "t.sqlite", create=create)  # the folder is made
    mine = db.open()
    assert db.open() is mine and db.connection() is mine
    assert mine.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert mine.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    theirs: list[sqlite3.Connection] = []

    def work() -> None:
        conn = db.open()
        conn.execute("INSERT INTO items(text) VALUES ('from a thread')")
        theirs.append(conn)
        assert db.open() is conn

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(conn) for conn in [mine, *theirs]}) == 4
    # setup ran on every connection: the trigger's function is there
    assert mine.execute("SELECT text FROM log").fetchall() == [("FROM A THREAD",)] * 3


def test_close_closes_every_threads_connection_and_the_next_use_reopens(tmp_path):
    db = make(tmp_path / "t.sqlite")
    mine = db.open()
    theirs: list[sqlite3.Connection] = []
    thread = threading.Thread(target=lambda: theirs.append(db.open()))
    thread.start()
    thread.join()
    generation = db.generation
    db.close()
    assert db.generation == generation + 1 and not db.ready
    for conn in (mine, *theirs):
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    again = db.open()
    assert again is not mine and again.execute("SELECT count(*) FROM items").fetchone() == (0,)
    db.close()


def test_an_unopenable_location_raises_and_leaves_nothing_behind(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    db = make(blocker / "t.sqlite")  # its folder is a file
    with pytest.raises(OSError):
        db.open()
    assert db.notice is None and blocker.read_text() == "x"


# -- the schema -----------------------------------------------------------------------


def test_the_schema_is_made_once_and_opening_it_again_writes_nothing(tmp_path, holders):
    path = tmp_path / "t.sqlite"
    db = make(path)
    db.open().execute("INSERT INTO items(text) VALUES ('kept')")
    db.close()
    assert user_version(path) == VERSION
    holder = holders(path)  # a write transaction: opening must not wait for it
    again = make(path, timeout=0.2)
    conn = again.open()
    assert again.ready and again.notice is None
    assert conn.execute("SELECT text FROM items").fetchall() == [("kept",)]
    again.close()
    holder.commit()


@pytest.mark.parametrize("version", [VERSION + 1, 0, 1])
def test_a_file_of_another_version_or_program_is_rebuilt(tmp_path, version):
    path = tmp_path / "t.sqlite"
    conn = sqlite3.connect(path)
    # a newer (or foreign) schema under the same names, and a table of its own
    conn.executescript(
        "CREATE TABLE items(other TEXT); INSERT INTO items VALUES ('theirs');"
        "CREATE VIEW log AS SELECT 1; CREATE TABLE theirs(x);"
        f"PRAGMA user_version = {version};"
    )
    conn.close()
    db = make(path)
    conn = db.open()
    assert db.notice is None  # not corrupt: nothing to tell
    conn.execute("INSERT INTO items(text) VALUES ('ours')")
    assert conn.execute("SELECT id, text FROM items").fetchall() == [(1, "ours")]
    assert conn.execute("SELECT text FROM log").fetchall() == [("OURS",)]
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "theirs" in names  # only the schema's names are dropped
    db.close()
    assert user_version(path) == VERSION


def test_a_missing_part_of_the_schema_is_added_and_the_rest_kept(tmp_path):
    path = tmp_path / "t.sqlite"
    db = make(path)
    db.open().execute("INSERT INTO items(text) VALUES ('kept')")
    db.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER items_ai")
    conn.close()
    db = make(path)
    conn = db.open()
    assert conn.execute("SELECT text FROM items").fetchall() == [("kept",)]
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert names.issuperset(NAMES)
    db.close()


def test_a_schema_another_connection_is_making_is_waited_for_then_found(tmp_path, holders):
    path = tmp_path / "t.sqlite"
    holder = holders(path)
    db = make(path, timeout=0.2)
    with pytest.raises(sqlite3.OperationalError) as raised:
        db.open()
    assert is_busy(raised.value) and is_unavailable(raised.value)
    assert not says_corrupt(raised.value) and not db.is_corrupt(raised.value)
    assert not db.recover(raised.value)
    assert path.exists() and not aside(path) and db.notice is None
    assert not db.ready and not db.recheck()
    # the other connection makes the schema: found without writing
    create(holder.conn)
    holder.conn.execute(f"PRAGMA user_version = {VERSION}")
    holder.commit()
    assert db.recheck() and db.ready
    db.open().execute("INSERT INTO items(text) VALUES ('ours')")
    conn = db.open()
    assert conn.execute("SELECT x FROM holder").fetchall() == [("held",)]
    db.close()


# -- corrupt and busy -----------------------------------------------------------------


@pytest.mark.parametrize(
    "garbage", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 5000]
)
def test_a_corrupt_file_is_deleted_rebuilt_and_noticed(tmp_path, garbage):
    path = tmp_path / "t.sqlite"
    path.write_bytes(garbage)
    Path(f"{path}-journal").write_bytes(b"its journal")
    db = make(path)
    conn = db.open()
    assert db.notice.startswith("test file could not be read (")
    assert db.notice.endswith("); rebuilding")
    conn.execute("INSERT INTO items(text) VALUES ('new')")
    assert not aside(path) and not Path(f"{path}-journal").exists()
    db.close()
    assert user_version(path) == VERSION


def test_a_corrupt_file_is_kept_aside_when_asked_and_only_the_newest_copy(tmp_path):
    path = tmp_path / "t.sqlite"
    (tmp_path / "t.sqlite.corrupt-1").write_bytes(b"an older copy")
    for round_ in range(2):
        path.write_bytes(b"not a database, round %d" % round_ * 100)
        Path(f"{path}-wal").write_bytes(b"its wal")
        db = make(path, keep_aside=True, confirm=True)
        db.open().execute("INSERT INTO items(text) VALUES ('new')")
        assert "rebuilding" in db.notice
        db.close()
        [kept] = aside(path)
        assert kept.read_bytes().startswith(b"not a database, round %d" % round_)
        # the -wal went with it (or SQLite dropped it), never into the new file
        wal = Path(f"{path}-wal")
        assert not wal.exists() or wal.read_bytes() != b"its wal"
    assert not (tmp_path / "t.sqlite.corrupt-1").exists()


def test_a_file_kept_aside_takes_its_companions_with_it(tmp_path):
    path = tmp_path / "t.sqlite"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").write_bytes(suffix.encode() or b"main")
    db = make(path, keep_aside=True)
    db.replace(sqlite3.DatabaseError("file is not a database"))
    [kept] = aside(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        assert not Path(f"{path}{suffix}").exists()
        assert Path(f"{kept}{suffix}").read_bytes() == (suffix.encode() or b"main")
    assert db.notice == "test file could not be read (file is not a database); rebuilding"


def test_corruption_found_in_use_replaces_the_file_for_every_thread(tmp_path):
    path = tmp_path / "t.sqlite"
    db = make(path)
    first = db.open()
    error = sqlite3.DatabaseError("database disk image is malformed")
    assert db.is_corrupt(error)
    assert db.recover(error)
    assert "malformed" in db.notice and "rebuilding" in db.notice
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")  # every connection to the old file is closed
    fresh = db.open()
    assert fresh is not first and fresh.execute("SELECT count(*) FROM items").fetchone() == (0,)
    db.close()


def test_with_confirm_only_a_failed_quick_check_is_corrupt(tmp_path):
    path = tmp_path / "t.sqlite"
    db = make(path, keep_aside=True, confirm=True)
    db.open().execute("INSERT INTO items(text) VALUES ('kept')")
    error = sqlite3.DatabaseError("database disk image is malformed")
    assert says_corrupt(error) and not fails_quick_check(path)
    assert not db.recover(error)  # the file checks out: left as it is
    assert db.notice is None and not aside(path)
    assert db.open().execute("SELECT text FROM items").fetchall() == [("kept",)]
    db.close()


def test_a_busy_file_is_waited_for_and_never_replaced(tmp_path, holders):
    path = tmp_path / "t.sqlite"
    db = make(path, keep_aside=True, confirm=True, timeout=0.2)
    db.open().execute("INSERT INTO items(text) VALUES ('kept')")
    holder = holders(path)
    conn = db.open()
    # reads answer from what is there
    assert conn.execute("SELECT text FROM items").fetchall() == [("kept",)]
    with pytest.raises(sqlite3.OperationalError) as raised:
        conn.execute("BEGIN IMMEDIATE")
    assert is_busy(raised.value) and not db.recover(raised.value)
    assert db.notice is None and not aside(path) and db.open() is conn
    holder.commit()
    conn.execute("INSERT INTO items(text) VALUES ('after')")
    assert conn.execute("SELECT x FROM holder").fetchall() == [("held",)]
    db.close()


def test_error_kinds():
    assert says_corrupt(sqlite3.DatabaseError("file is not a database"))
    assert not says_corrupt(sqlite3.OperationalError("database is locked"))
    assert is_busy(sqlite3.OperationalError("database is locked"))
    assert not is_busy(sqlite3.OperationalError("database or disk is full"))
    assert is_unavailable(sqlite3.OperationalError("database or disk is full"))
    assert is_unavailable(sqlite3.OperationalError("attempt to write a readonly database"))
    assert not is_unavailable(sqlite3.DatabaseError("database disk image is malformed"))
