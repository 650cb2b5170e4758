"""A busy search index is waited for, never treated as corrupt (issue 10,
item 11); a long query is deduplicated and capped (item 14).

The tests with two processes hold a write transaction in a helper process
that says "ready" on stdout and commits when told so on stdin: nothing
depends on timing, and every wait is bounded.
"""

from __future__ import annotations

import json
import os
import queue
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from reader.library.model import Article, Block
from reader.search.index import SearchIndex
from reader.search.query import MAX_PHRASE_WORDS, MAX_TERMS, parse

BOUND = 60  # seconds: no helper process or command may take longer


def article(title: str, body: str) -> Article:
    return Article(title=title, blocks=(Block("paragraph", body),), source=f"/lib/{title}.txt")


def titles(results) -> list[str]:
    return [r.title for r in results]


def aside(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    if sys.argv[2] == "schema":  # the schema, as a first SearchIndex() writes it
        from reader.search.index import _SCHEMA, SCHEMA_VERSION
        statement = ""
        for line in _SCHEMA.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                conn.execute(statement)
                statement = ""
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("CREATE TABLE IF NOT EXISTS holder(x)")
    conn.execute("INSERT INTO holder VALUES ('held')")
    print("ready", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    conn.close()
    print("committed", flush=True)
    """
)


class Holder:
    """Another process holding a write transaction on ``path`` until :meth:`commit`."""

    def __init__(self, path: Path, what: str = "row") -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), what],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.expect("ready")

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.strip())
        self.lines.put("")

    def expect(self, word: str) -> None:
        try:
            line = self.lines.get(timeout=BOUND)
        except queue.Empty:  # pragma: no cover - reported below
            line = "(nothing)"
        if line != word:
            self.process.kill()
            raise AssertionError(f"holder said {line!r}: {self.process.stderr.read()}")

    def commit(self) -> None:
        self.process.stdin.write("commit\n")
        self.process.stdin.flush()
        self.expect("committed")
        assert self.process.wait(timeout=BOUND) == 0

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=BOUND)


@pytest.fixture
def holders():
    started: list[Holder] = []

    def hold(path: Path, what: str = "row") -> Holder:
        holder = Holder(path, what)
        started.append(holder)
        return holder

    yield hold
    for holder in started:
        holder.kill()


def held_row_is_live(path: Path) -> bool:
    """Whether the holder's committed row reached the live index file (not a
    file moved aside, nor a deleted -wal)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return conn.execute("SELECT x FROM holder").fetchall() == [("held",)]
    finally:
        conn.close()


# -- item 11: busy is not corrupt ---------------------------------------------------


def test_index_held_by_another_process_is_read_as_it_is(tmp_path, holders):
    path = tmp_path / "search.sqlite"
    with SearchIndex(path) as idx:
        idx.update([article("A", "kestrel")], entities=False)
    holder = holders(path)
    wal = Path(f"{path}-wal")
    assert wal.exists()
    with SearchIndex(path, timeout=0.5) as idx:
        assert idx.notice is None  # opening writes nothing, so waits for no one
        assert titles(idx.search("kestrel")) == ["A"]
        stats = idx.update([article("A", "kestrel"), article("B", "kestrel")], entities=False)
        assert stats.unavailable and stats.added == 0
        assert "busy" in idx.notice
        # answers from what is there
        assert titles(idx.search("kestrel")) == ["A"]
        idx.index_notes([("n1", "some-id", "passage", "kestrel note")])  # waits, gives up
        assert path.exists() and wal.exists() and not aside(path)
    holder.commit()
    assert held_row_is_live(path)
    with SearchIndex(path, timeout=0.5) as idx:
        assert idx.notice is None
        assert idx.update([article("A", "kestrel"), article("B", "kestrel")]).added == 1
        assert sorted(titles(idx.search("kestrel"))) == ["A", "B"]
    assert not aside(path)


def test_first_open_while_another_process_creates_the_index(tmp_path, holders):
    path = tmp_path / "search.sqlite"
    holder = holders(path, "schema")
    with SearchIndex(path, timeout=0.5) as idx:
        assert idx.notice and "busy" in idx.notice
        assert len(idx) == 0 and idx.search("kestrel") == [] and idx.people() == []
        assert path.exists() and Path(f"{path}-wal").exists() and not aside(path)
        holder.commit()
        # the schema the other process committed is used, not replaced
        assert idx.update([article("A", "kestrel")], entities=False).added == 1
        assert titles(idx.search("kestrel")) == ["A"]
    assert held_row_is_live(path) and not aside(path)


FIRST_SEARCH = textwrap.dedent(
    """
    import json, sys
    from reader.library.model import Article, Block
    from reader.search.index import SearchIndex
    print("ready", flush=True)
    sys.stdin.readline()  # the barrier: both processes go at once
    idx = SearchIndex(sys.argv[1])
    name = sys.argv[2]
    blocks = (Block("paragraph", "kestrel " + name),)
    stats = idx.update([Article(title=name, blocks=blocks, source=name + ".txt")])
    found = [r.title for r in idx.search("kestrel")]
    print(json.dumps({"notice": idx.notice, "found": found, "unavailable": getattr(stats, "unavailable", False)}))
    idx.close()
    """
)


@pytest.mark.parametrize("round_", range(3))
def test_two_first_time_searches_at_once(tmp_path, round_):
    path = tmp_path / "search.sqlite"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", FIRST_SEARCH, str(path), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("A", "B")
    ]
    try:
        for process in processes:
            assert process.stdout.readline().strip() == "ready"
        for process in processes:
            process.stdin.write("go\n")
            process.stdin.flush()
        outputs = [process.communicate(timeout=BOUND) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
    for (out, err), process in zip(outputs, processes, strict=True):
        assert process.returncode == 0, err
        report = json.loads(out)
        assert report["notice"] is None and not report["unavailable"]
    assert not aside(path)
    with SearchIndex(path) as idx:
        assert sorted(titles(idx.search("kestrel"))) == ["A", "B"]


def test_full_disk_stops_the_update_and_keeps_the_index(tmp_path):
    path = tmp_path / "search.sqlite"
    with SearchIndex(path) as idx:
        idx.update([article("A", "kestrel")], entities=False)
        conn = idx._conn()
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # "database or disk is full"
        big = article("B", " ".join(f"kestrel{i}" for i in range(50_000)))
        stats = idx.update([article("A", "kestrel"), big], entities=False)
        assert stats.unavailable
        assert "full" in idx.notice
        assert titles(idx.search("kestrel")) == ["A"]
    assert not aside(path)
    with SearchIndex(path) as idx:
        assert idx.notice is None and titles(idx.search("kestrel")) == ["A"]


def test_a_corrupt_index_is_rebuilt_and_only_the_newest_copy_kept(tmp_path):
    path = tmp_path / "search.sqlite"
    older = tmp_path / "search.sqlite.corrupt-1"
    older.write_bytes(b"an old copy")
    for _ in range(2):
        path.write_bytes(b"this is not a database" * 100)
        Path(f"{path}-wal").write_bytes(b"its wal")
        with SearchIndex(path) as idx:
            assert idx.notice and "rebuilding" in idx.notice
            idx.update([article("A", "kestrel")], entities=False)
            assert titles(idx.search("kestrel")) == ["A"]
        kept = [p for p in aside(path) if not p.name.endswith(("-wal", "-shm"))]
        assert len(kept) == 1 and kept[0].read_bytes().startswith(b"this is not")
        # the corrupt file's -wal went with it (or SQLite dropped it), never
        # into the new index
        wal = Path(f"{path}-wal")
        assert not wal.exists() or wal.read_bytes() != b"its wal"
    assert not older.exists()


def test_a_damaged_database_fails_quick_check_and_is_rebuilt(tmp_path):
    path = tmp_path / "search.sqlite"
    with SearchIndex(path) as idx:
        idx.update([article(f"T{i}", f"kestrel {i} " * 200) for i in range(40)], entities=False)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    # sqlite_master's page (page 1 after the header) is damaged
    with open(path, "r+b") as file:
        file.seek(100)
        file.write(b"\xff" * 400)
    with SearchIndex(path) as idx:
        assert idx.notice and "rebuilding" in idx.notice
        assert len(idx) == 0
    assert len([p for p in aside(path) if not p.name.endswith(("-wal", "-shm"))]) == 1


def test_search_command_answers_while_another_process_writes(tmp_path, holders):
    """``limelight search china`` with a write transaction held on the index:
    it answers at once from the index, which is left where it is."""
    command = [sys.executable, "-m", "reader", "search", "china", "--json"]
    first = subprocess.run(command, capture_output=True, text=True, timeout=BOUND)
    assert first.returncode == 0, first.stderr
    path = Path(os.environ["LIMELIGHT_HOME"]) / "cache" / "search.sqlite"
    assert path.exists()
    holder = holders(path)
    second = subprocess.run(command, capture_output=True, text=True, timeout=BOUND)
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == json.loads(first.stdout) != []
    assert not aside(path) and Path(f"{path}-wal").exists()
    holder.commit()
    assert held_row_is_live(path)


# -- item 14: long queries ----------------------------------------------------------


def test_repeated_terms_count_once():
    query = parse("china China CHINA trade -oil -oil person:Li person:li")
    assert [t.words for t in query.terms] == [("china",), ("trade",), ("oil",)]
    assert len(query.filters) == 1
    assert not query.truncated and query.notice is None


def test_a_pasted_passage_is_capped_with_a_notice():
    words = [f"word{i}" for i in range(1000)]
    query = parse(" ".join(words * 2))  # 2,000 words, 1,000 distinct
    assert [t.words[0] for t in query.terms] == words[:MAX_TERMS]
    assert query.truncated and query.dropped == 1000 - MAX_TERMS
    assert "too long" in query.notice and str(MAX_TERMS) in query.notice


def test_a_long_phrase_is_cut():
    query = parse('"' + " ".join(f"w{i}" for i in range(500)) + '*"')
    (term,) = query.terms
    assert len(term.words) == MAX_PHRASE_WORDS and not term.prefix
    assert query.truncated and "phrases cut" in query.notice


def test_a_query_within_the_cap_is_untouched():
    text = " ".join(f"w{i}" for i in range(MAX_TERMS))
    query = parse(text)
    assert len(query.terms) == MAX_TERMS and not query.truncated


def test_long_search_command_answers_with_a_notice():
    """A pasted passage of 2,000 words (repeats of common words, the slow case:
    minutes before) answers in a bounded time and says the query was cut."""
    passage = " ".join(
        ["china", "the", "and", "of", "li", "premier", "said", "russia"] * 250
        + [f"extra{i}" for i in range(100)]
    )
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", passage],
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    assert result.returncode == 0, result.stderr
    assert "query too long" in result.stderr
