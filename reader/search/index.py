"""The library search index: SQLite FTS5 over titles, bodies, notes and entities.

One SQLite file in the data folder's cache (``cache/search.sqlite``); it is
only a cache, rebuilt from the library when missing, corrupt or of another
schema version. Corrupt means a file that is not a database, or one that
fails ``PRAGMA quick_check``: it is then moved aside with its ``-wal`` and
``-shm`` files (``search.sqlite.corrupt-<time>-<pid>``, only the newest such
copy kept). Any other error leaves the file alone: a busy index (another
process writing it) is waited for up to the busy timeout, then read as it
is, and a full disk or a read-only folder only stops updates;
:attr:`SearchIndex.notice` says so. (The file, its connections and that
recovery are a :class:`reader.sqlite_file.SQLiteFile`, like the catalogue
cache's.) Tables:

- ``docs`` one row per indexed article (``id`` is the article's content hash,
  ``source`` its file) and ``docs_fts`` its title, dek and body, tokenized
  with ``unicode61 remove_diacritics 2`` (case and accents folded) and ranked
  with ``bm25`` weighing title hits most;
- ``entities`` (article, label, normalised text, mention count) from
  :func:`reader.analysis.analyze`, with ``entities_fts`` over the normalised
  text, so ``person:Putin`` finds "Vladimir Putin" too;
- ``notes_fts`` the reader's notes (annotation id, article id, note, passage);
- ``mentions`` the people of each article: one row per (person, mention text)
  with its count, a person being keyed by their full name folded and without
  titles (:func:`reader.search.people.person_key`); a quoted person never
  named as an entity has a row with count 0;
- ``quotes`` every quotation (part: body, title or dek; offsets into that
  part; text; speaker, its kind and its key) for ``said:``,
  :meth:`SearchIndex.quotes` and :meth:`SearchIndex.people`;
- ``fresh`` what the index was last brought up to date with (a stamp:
  :meth:`SearchIndex.freshness`), and a generation counting the updates that
  changed its articles, so the stamp holds only until another update;
- ``people`` the counts of each person key, kept up to date by updates;
  :meth:`SearchIndex.people` merges there, as it reads, a person known only
  by one word ("Li") into the one full name that has it ("Li Qiang").

Articles are analysed with their title and dek
(``analyze(body, title=..., dek=...)``), so the entities, people and quotes
of titles and deks are indexed too.

:meth:`SearchIndex.update` is incremental: since an article's id is a hash of
its content, an unchanged article is recognised by its id alone and skipped,
a changed one is a new id (the old one is removed). The index may be updated
in one thread and searched from others: each thread gets its own connection
and the database runs in WAL mode, so searches see the last committed batch
while an update goes on.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path
from re import Pattern
from typing import TYPE_CHECKING, NamedTuple

from reader.lazy import LazyModule
from reader.library.sanitize import replace_surrogates
from reader.search.find import find_lowered, fold_query, fold_text
from reader.search.people import (
    Person,
    QuoteHit,
    described_words,
    display_name,
    person_key,
    single_word_owners,
    speaker_key,
)
from reader.search.query import SAID, Query, parse, words_of
from reader.search.stamp import default_path, read
from reader.sqlite_file import SQLiteFile, is_busy, is_unavailable

if TYPE_CHECKING:  # a search reads no article: the model is not imported for it
    from reader.library.model import Article

json = LazyModule("json")  # imported when first used: a plain search uses none

__all__ = [
    "SCHEMA_VERSION",
    "Person",
    "QuoteHit",
    "Result",
    "SearchIndex",
    "UpdateStats",
    "default_path",
]

# Bump when the schema or the folding (reader.search.fold.fold_char) changes:
# the index is then rebuilt.
SCHEMA_VERSION = 4  # 4: invisible and bidi control characters fold to nothing
TOKENIZER = "unicode61 remove_diacritics 2"
# bm25 weights of docs_fts's columns: title, dek, body.
WEIGHTS = (10.0, 3.0, 1.0)
# bm25 weights of notes_fts's indexed columns: note, passage.
NOTE_WEIGHTS = (2.0, 1.0)
# Articles indexed per transaction: searches see progress batch by batch.
BATCH = 200
# bm25 gives next to nothing to a word found in more than half the library
# (a small library, a common word): a title hit then still ranks first.
TITLE_BONUS = 1.0
TITLE_WINDOW = 30
SNIPPET_WORDS = 20
SNIPPET_MAX_CHARS = 240
_SPACES = re.compile(r"\S+")
# How long a connection waits for another one's write transaction (seconds).
BUSY_TIMEOUT = 30.0

Analyse = Callable[["Article"], object]  # returns reader.analysis.Analysis
Progress = Callable[[int, int], None]

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS docs(
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    dek TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    analysed INTEGER NOT NULL DEFAULT 0
);
-- Contentless: the texts are in docs; the index holds them folded (fold()
-- is registered on every connection), which unicode61 alone does not do
-- for ß, ligatures, æ, ø, ł...
CREATE VIRTUAL TABLE IF NOT EXISTS docs_fts USING fts5(
    title, dek, body, content = '', tokenize = '{TOKENIZER}'
);
CREATE TRIGGER IF NOT EXISTS docs_ai AFTER INSERT ON docs BEGIN
    INSERT INTO docs_fts(rowid, title, dek, body)
    VALUES (new.rowid, fold(new.title), fold(new.dek), fold(new.body));
END;
CREATE TRIGGER IF NOT EXISTS docs_ad AFTER DELETE ON docs BEGIN
    INSERT INTO docs_fts(docs_fts, rowid, title, dek, body)
    VALUES ('delete', old.rowid, fold(old.title), fold(old.dek), fold(old.body));
    DELETE FROM entities WHERE doc = old.rowid;
    DELETE FROM mentions WHERE doc = old.rowid;
    DELETE FROM quotes WHERE doc = old.rowid;
END;
CREATE TABLE IF NOT EXISTS entities(
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    label TEXT NOT NULL,
    norm TEXT NOT NULL,
    text TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(doc);
CREATE VIRTUAL TABLE IF NOT EXISTS entities_fts USING fts5(
    norm, content = 'entities', content_rowid = 'rowid', tokenize = '{TOKENIZER}'
);
CREATE TRIGGER IF NOT EXISTS entities_ai AFTER INSERT ON entities BEGIN
    INSERT INTO entities_fts(rowid, norm) VALUES (new.rowid, new.norm);
END;
CREATE TRIGGER IF NOT EXISTS entities_ad AFTER DELETE ON entities BEGIN
    INSERT INTO entities_fts(entities_fts, rowid, norm) VALUES ('delete', old.rowid, old.norm);
END;
CREATE TABLE IF NOT EXISTS mentions(
    doc INTEGER NOT NULL,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc);
CREATE INDEX IF NOT EXISTS mentions_key ON mentions(key);
CREATE INDEX IF NOT EXISTS mentions_alias ON mentions(alias_key);
-- The people counted from mentions and quotes, kept up to date by update():
-- the keys of the articles it adds or removes go to people_dirty in the same
-- transaction, and are recounted at its end.
CREATE TABLE IF NOT EXISTS people(
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    articles INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    quotes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS people_dirty(key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS quotes(
    doc INTEGER NOT NULL,
    part TEXT NOT NULL,
    qstart INTEGER NOT NULL,
    qend INTEGER NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT,
    speaker_kind TEXT,
    speaker_key TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc, qstart);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_key);
-- The described sources' keys ("spokeswoman for the ministry"), which a
-- speaker is matched by word against.
CREATE INDEX IF NOT EXISTS quotes_described ON quotes(speaker_key)
    WHERE speaker_kind = 'described';
CREATE TABLE IF NOT EXISTS notes(
    rowid INTEGER PRIMARY KEY,
    note_id TEXT NOT NULL,
    article_id TEXT NOT NULL,
    note TEXT NOT NULL,
    passage TEXT NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS notes_fts USING fts5(
    note, passage, content = '', tokenize = '{TOKENIZER}'
);
-- What the index was last made to match, for a search that checks freshness
-- without a scan: ('generation', n) counts the updates that changed docs;
-- ('library', JSON) is the stamp set_freshness() wrote (with the generation
-- it was true at).
CREATE TABLE IF NOT EXISTS fresh(key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_TRIGGERS = ("docs_ai", "docs_ad", "entities_ai", "entities_ad")
_TABLES = (
    "docs",
    "docs_fts",
    "entities",
    "entities_fts",
    "mentions",
    "quotes",
    "people",
    "people_dirty",
    "notes",
    "notes_fts",
    "fresh",  # added after schema 4 was out: made in place when missing (no rebuild)
)


def _register_fold(conn: sqlite3.Connection) -> None:
    conn.create_function("fold", 1, _fold_sql, deterministic=True)


def note_rows(annotations) -> list[tuple[str, str, str, str]]:
    """The rows :meth:`SearchIndex.index_notes` takes for the reader's notes:
    the passage, and the note with its tags (``#tag``), so searching a tag
    finds the note; the command line and the app index notes this one way."""
    return [
        (a.id, a.article_id, a.quote, " ".join([a.note, *(f"#{t}" for t in a.tags)]).strip())
        for a in annotations
    ]


def _like(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _source_text(source: str) -> str:
    """A file's path as the index stores it: a name that is not valid UTF-8
    (lone surrogates from ``os.fsdecode``) has its bad bytes written ``\\xNN``,
    as strict UTF-8 (SQLite's text) cannot hold them."""
    if source.isascii():
        return source
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:
        return source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return source


def _fold_sql(text):
    return fold_query(text) if isinstance(text, str) else text


def normalise_entity(text: str) -> str:
    """Case- and accent-folded words of an entity's text: ``Xi  Jinping`` → ``xi jinping``."""
    return " ".join(words_of(fold_query(text))).lower()


class UpdateStats(NamedTuple):
    added: int = 0  # articles newly indexed (changed ones included)
    changed: int = 0  # of which replace an article from the same source
    removed: int = 0  # articles no longer in the library (changed ones included)
    unchanged: int = 0  # articles skipped because already indexed
    analysed: int = 0  # articles whose entities, people and quotes were computed
    seconds: float = 0.0
    cancelled: bool = False
    # The update stopped because the index could not be written (busy past the
    # timeout, a full disk, a read-only folder): see SearchIndex.notice.
    unavailable: bool = False
    # The index's generation once this update was written (see
    # SearchIndex.generation): a stamp set with it holds until the next change.
    generation: int = 0


class Result(NamedTuple):
    """One search hit: an article (or a note on it)."""

    article_id: str
    title: str
    score: float  # higher is better
    field: str  # "title" | "body" | "note" | "entity" | "quote" (a said: hit)
    snippet: str  # plain text, about 20 words around the first hit
    highlights: tuple[tuple[int, int], ...] = ()  # spans of the hits in ``snippet``
    # Spans of the hits in the article's body (for "note", empty: see note_id).
    offsets: tuple[tuple[int, int], ...] = ()
    note_id: str | None = None  # the annotation, for a "note" hit
    source: str = ""
    mentions: int = 0  # entity mentions matched by the query's filters

    def to_dict(self) -> dict:
        data = {
            "article_id": self.article_id,
            "title": self.title,
            "score": round(self.score, 4),
            "field": self.field,
            "snippet": self.snippet,
            "offsets": [list(span) for span in self.offsets],
        }
        if self.note_id is not None:
            data["note_id"] = self.note_id
        return data


class _Hit(NamedTuple):
    rowid: int
    article_id: str
    title: str
    source: str
    score: float
    mentions: int = 0
    note: tuple[str, str, str] | None = None  # (note id, note, passage)


def snippet_around(
    text: str,
    spans: list[tuple[int, int]],
    patterns: tuple[Pattern[str], ...],
    words: int = SNIPPET_WORDS,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``words`` words of ``text`` around the first span, whitespace collapsed.

    Returns the snippet (with "…" where text was cut) and the spans of
    ``patterns``' hits in it (see :func:`reader.search.find.find_lowered`).
    Without spans, the beginning of the text.
    """
    if not text:
        return "", ()
    hit = spans[0][0] if spans else 0
    hit_end = spans[0][1] if spans else 0
    before, after = words * 2 // 5, words - words * 2 // 5
    lo = max(0, hit - 30 * before)
    hi = min(len(text), max(hit_end, hit) + 30 * after)
    region = [match.span() for match in _SPACES.finditer(text, lo, hi)]
    if not region:
        return "", ()
    # the first word ending after the hit (the words' ends rise)
    first = min(bisect_right(list(map(itemgetter(1), region)), hit), len(region) - 1)
    start_word = max(0, first - before) if spans else 0
    chosen = region[start_word : start_word + words]
    cut_start = chosen[0][0] > 0 and (start_word > 0 or lo > 0 or text[: chosen[0][0]].strip())
    cut_end = _SPACES.search(text, chosen[-1][1]) is not None  # a word after the last
    body = " ".join(text[s:e] for s, e in chosen)
    if len(body) > SNIPPET_MAX_CHARS:
        # Long unspaced runs (CJK text, URLs): cut by characters around the hit.
        centre = hit - chosen[0][0] if spans else 0
        left = max(0, min(centre - SNIPPET_MAX_CHARS // 3, len(body) - SNIPPET_MAX_CHARS))
        cut_start = cut_start or left > 0
        cut_end = cut_end or left + SNIPPET_MAX_CHARS < len(body)
        body = body[left : left + SNIPPET_MAX_CHARS]
    snippet = ("… " if cut_start else "") + body + (" …" if cut_end else "")
    highlights = tuple(find_lowered(snippet, patterns))
    return snippet, highlights


class SearchIndex:
    """The search index of one library; see the module's docstring."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.timeout = timeout  # seconds to wait for another connection's write
        # A connection per thread; a corrupt file (one that fails PRAGMA
        # quick_check) is moved aside and rebuilt.
        self._file = SQLiteFile(
            self.path,
            what="search index",
            version=SCHEMA_VERSION,
            names=(*_TABLES, *_TRIGGERS),
            create=_SCHEMA,
            timeout=timeout,
            setup=_register_fold,  # the triggers and the queries call fold()
            keep_aside=True,
            confirm=True,
        )
        self._write_lock = threading.Lock()  # one update at a time
        self._closed = False
        self._open_schema()

    @property
    def notice(self) -> str | None:
        """Set when the index was rebuilt or cannot be written (busy, full disk,
        read-only folder): one line for the user."""
        return self._file.notice

    @notice.setter
    def notice(self, text: str | None) -> None:
        self._file.notice = text

    # -- connections ----------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if self._closed:
            raise RuntimeError("search index is closed")
        return self._file.connection()

    def _reader(self) -> sqlite3.Connection | None:
        """This thread's connection, or None while the index has no schema
        (it could not be created: busy, read-only, full); finds it if another
        process has created it since."""
        conn = self._conn()
        if not self._file.ready and not self._file.recheck():
            return None
        return conn

    def _open_schema(self) -> None:
        """Create the schema if needed (nothing is written when it is there). A
        corrupt file (see :func:`reader.sqlite_file.fails_quick_check`) is moved
        aside and the index rebuilt; a busy one (another process's write
        transaction past the timeout) is left as it is, with :attr:`notice`
        set, and answers from what is there; any other error (a read-only
        folder, a full disk) is raised, the file left alone."""
        if self._closed:
            raise RuntimeError("search index is closed")
        try:
            self._file.open()
        except sqlite3.DatabaseError as error:
            if not is_busy(error):
                raise
            self._unusable(error)

    def _unusable(self, error: sqlite3.Error) -> None:
        """Say why the index cannot be written (it is left as it is)."""
        self._file.recheck()
        if is_busy(error):
            reason = "busy: another Limelight is writing it"
        else:
            reason = str(error)
        self.notice = f"search index cannot be updated ({reason}); results may be out of date"

    def close(self) -> None:
        """Close every thread's connection; the index cannot be used afterwards."""
        self._closed = True
        self._file.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading state ----------------------------------------------------------

    def __len__(self) -> int:
        conn = self._reader()
        return 0 if conn is None else conn.execute("SELECT count(*) FROM docs").fetchone()[0]

    def indexed_ids(self) -> set[str]:
        conn = self._reader()
        return set() if conn is None else {row[0] for row in conn.execute("SELECT id FROM docs")}

    def note_count(self) -> int:
        conn = self._reader()
        return 0 if conn is None else conn.execute("SELECT count(*) FROM notes").fetchone()[0]

    # -- freshness ---------------------------------------------------------------

    def generation(self) -> int:
        """How many updates have changed the indexed articles (0 if unknown)."""
        conn = self._reader()
        if conn is None:
            return 0
        try:
            return _generation(conn)
        except sqlite3.Error:
            return 0

    def freshness(self) -> dict | None:
        """The stamp :meth:`set_freshness` last wrote, if no update has changed
        the indexed articles since (None otherwise, or if there is none)."""
        conn = self._reader()
        if conn is None:
            return None
        return read(conn)

    def set_freshness(self, stamp: dict, generation: int) -> bool:
        """Keep ``stamp`` (JSON-able: what the index now matches) if the index
        is still at ``generation`` (no other update since); whether it was kept.
        A stamp that cannot be written (busy, read-only) is only not kept."""
        with self._write_lock:
            conn = self._reader()
            if conn is None:
                return False
            value = json.dumps({**stamp, "generation": generation})
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    if _generation(conn) != generation:
                        conn.execute("ROLLBACK")
                        return False
                    conn.execute(
                        "INSERT OR REPLACE INTO fresh(key, value) VALUES ('library', ?)", (value,)
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.OperationalError as error:
                if not is_unavailable(error):
                    raise
                return False
            return True

    def __contains__(self, article_id: object) -> bool:
        """Whether the article with this id is indexed."""
        conn = self._reader()
        if conn is None:
            return False
        row = conn.execute("SELECT 1 FROM docs WHERE id = ?", (str(article_id),))
        return row.fetchone() is not None

    # -- people and quotes --------------------------------------------------------

    def people(self, limit: int | None = None, *, quoted: bool = False) -> list[Person]:
        """Everyone named as a PERSON across the library (titles and deks
        included), most quoted first, then most mentioned, then by name;
        with ``quoted``, only those quoted at least once.

        People are grouped by full name: "Mr Li" and "Li" in an article that
        names Li Qiang count for Li Qiang, and "Li Qiang" in two articles is
        one person. A person known only by one word in some articles ("Li",
        from an article that never gives the full name) is merged into the
        one full name of the library that ends or starts with that word
        (:func:`reader.search.people.single_word_owners`), the word becoming
        an alias; with two such full names ("Li Qiang", "Li Wei") it stays
        apart. ``aliases`` are the other texts their mentions had (never the
        name itself); ``quotes`` counts the quotations attributed to them,
        so it is ``len(self.quotes(speaker=name))``. A title alone ("Mr",
        "President") is never a person.
        """
        if limit is not None and limit <= 0:
            return []
        conn = self._reader()
        if conn is None:
            return []
        conn.execute("BEGIN")  # one snapshot of both tables
        try:
            found = {
                key: Person(name, tuple(json.loads(aliases)), articles, mentions, quotes)
                for key, name, aliases, articles, mentions, quotes in conn.execute(
                    "SELECT key, name, aliases, articles, mentions, quotes FROM people"
                )
            }
            # Keys an unfinished update touched: counted afresh.
            dirty = [row[0] for row in conn.execute("SELECT key FROM people_dirty")]
            if dirty:
                for key in dirty:
                    found.pop(key, None)
                found.update(_aggregate_people(conn, dirty))
            _merge_single_words(conn, found)
        finally:
            conn.execute("COMMIT")
        everyone = [p for p in found.values() if p.quotes > 0] if quoted else found.values()
        ranked = sorted(everyone, key=lambda p: (-p.quotes, -p.mentions, p.name.casefold(), p.name))
        return ranked if limit is None else ranked[:limit]

    def _refresh_people(self, conn: sqlite3.Connection) -> None:
        """Recount the people whose articles changed (listed in ``people_dirty``)."""
        if conn.execute("SELECT 1 FROM people_dirty LIMIT 1").fetchone() is None:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            dirty = [row[0] for row in conn.execute("SELECT key FROM people_dirty")]
            counted = _aggregate_people(conn, dirty)
            conn.executemany("DELETE FROM people WHERE key = ?", [(key,) for key in dirty])
            conn.executemany(
                "INSERT INTO people(key, name, aliases, articles, mentions, quotes)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        key,
                        p.name,
                        json.dumps(p.aliases, ensure_ascii=False),
                        p.articles,
                        p.mentions,
                        p.quotes,
                    )
                    for key, p in counted.items()
                ],
            )
            conn.execute("DELETE FROM people_dirty")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def quotes(self, speaker: str | None = None, article_id: str | None = None) -> list[QuoteHit]:
        """The quotations of articles (title, dek and body), ordered by article
        title, then part, then offset.

        ``speaker`` keeps those of one speaker: a full name or any alias of a
        person (case, accents and titles ignored: "mr li" finds Li Qiang's,
        and Li Qiang's name finds the quotes of "Mr Li" merged into him, see
        :meth:`people`), an organisation as written ("Kremlin"), or words of
        a described source's description ("spokeswoman" finds "a
        spokeswoman for the ministry"); None keeps every quotation,
        unattributed ones included. ``article_id`` keeps one article's (a
        whole id: see :meth:`article_ids` for a prefix). Offsets point into
        the quotation's part: the article's body, dek or title
        (``QuoteHit.part``).
        """
        conn = self._reader()
        if conn is None:
            return []
        sql = (
            "SELECT d.id, d.title, q.qstart, q.qend, q.text, q.speaker, q.speaker_kind, q.part"
            " FROM quotes q JOIN docs d ON d.rowid = q.doc WHERE 1"
        )
        params: list = []
        if speaker is not None:
            keys = self._speaker_keys(conn, speaker)
            if not keys:
                return []
            sql += " AND q.speaker_key IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(keys)))
        if article_id is not None:
            sql += " AND d.id = ?"
            params.append(article_id)
        sql += (
            " ORDER BY d.title COLLATE NOCASE, d.title, d.id,"
            " CASE q.part WHEN 'title' THEN 0 WHEN 'dek' THEN 1 ELSE 2 END, q.qstart"
        )
        return [QuoteHit(*row) for row in conn.execute(sql, params)]

    @staticmethod
    def _speaker_keys(conn: sqlite3.Connection, speaker: str) -> set[str]:
        """The speaker keys ``speaker`` stands for: its own; every person one
        of whose mentions reads that way; every person whose full name ends
        or starts with it as whole words ("Putin" → Vladimir Putin, "Li" →
        Li Qiang); the single-word people :meth:`people` merges into any of
        those ("Li Qiang" → ``li``, when Li Qiang is the only full name with
        that word); and every described source whose description has all of
        its words, in any order ("spokeswoman" → "a spokeswoman for the
        ministry")."""
        keys = {key for key in (person_key(speaker), speaker_key(speaker, "org")) if key}
        own = person_key(speaker)
        if own:
            keys.update(
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT key FROM mentions WHERE alias_key = ?", (own,)
                )
            )
            # The people table is small (one row a person): one pass over it.
            everyone = [row[0] for row in conn.execute("SELECT key FROM people")]
            keys.update(
                key for key in everyone if key.startswith(own + " ") or key.endswith(" " + own)
            )
            keys.update(
                single for single, full in single_word_owners(everyone).items() if full in keys
            )
        words = list(dict.fromkeys(described_words(speaker)))
        if words:
            # quotes_described holds the described speakers' keys: no table scan.
            keys.update(
                row[0]
                for row in conn.execute(
                    "SELECT DISTINCT speaker_key FROM quotes WHERE speaker_kind = 'described'"
                    + " AND ' ' || speaker_key || ' ' LIKE ? ESCAPE '\\'" * len(words),
                    [f"% {_like(word)} %" for word in words],
                )
            )
        return keys

    def article_ids(self, prefix: str) -> list[str]:
        """The ids of the indexed articles ``prefix`` names: its own if it is a
        whole id, else every id that starts with it (case ignored), sorted;
        none for an empty prefix."""
        if not prefix:
            return []
        conn = self._reader()
        if conn is None:
            return []
        if conn.execute("SELECT 1 FROM docs WHERE id = ?", (prefix,)).fetchone() is not None:
            return [prefix]
        return [
            row[0]
            for row in conn.execute(
                "SELECT id FROM docs WHERE lower(substr(id, 1, ?)) = lower(?) ORDER BY id",
                (len(prefix), prefix),
            )
        ]

    # -- updating ---------------------------------------------------------------

    def update(
        self,
        articles: Iterable[Article],
        *,
        analyse: Analyse | None = None,
        entities: bool = True,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> UpdateStats:
        """Make the index match ``articles`` (the whole library).

        New and changed articles are indexed, articles no longer present
        removed, unchanged ones skipped after a single query. ``analyse``
        gives an article's :class:`~reader.analysis.Analysis` for its entity,
        people and quote rows (default ``analyze(article.body,
        title=article.title, dek=article.dek)``; pass a cached one);
        with ``entities=False`` no analysis runs and the articles are analysed
        by a later update that has ``entities=True``. ``progress(done, total)``
        is called as articles are indexed; ``cancelled()`` returning True stops
        the update between articles (what was committed stays valid).
        Broken articles (``article.error``) are not indexed.
        """
        began = time.perf_counter()
        if analyse is None:
            from reader.analysis import analyze

            def analyse(article: Article):
                return analyze(article.body, title=article.title, dek=article.dek)

        with self._write_lock:
            if not self._file.ready:
                self._open_schema()  # it could not be created at the start
            if not self._file.ready:
                return UpdateStats(seconds=time.perf_counter() - began, unavailable=True)
            conn = self._conn()
            current: dict[str, Article] = {}
            for article in articles:
                if article.error is None and article.id not in current:
                    current[article.id] = article
            indexed = {
                row[0]: (row[1], row[2], row[3])
                for row in conn.execute("SELECT id, rowid, source, analysed FROM docs")
            }
            gone = [
                (rowid, source) for id_, (rowid, source, _) in indexed.items() if id_ not in current
            ]
            new = [a for id_, a in current.items() if id_ not in indexed]
            moved = [
                (_source_text(current[id_].source), rowid)
                for id_, (rowid, source, _) in indexed.items()
                if id_ in current and _source_text(current[id_].source) != source
            ]
            pending = (
                [
                    (rowid, current[id_])
                    for id_, (rowid, _, analysed) in indexed.items()
                    if id_ in current and not analysed
                ]
                if entities
                else []
            )
            gone_sources = {source for _, source in gone if source}
            changed = sum(1 for a in new if a.source and _source_text(a.source) in gone_sources)
            unavailable = False
            made = [0, 0, 0]  # removed, done, analysed: committed so far
            try:
                generation = _generation(conn)
                if gone or moved or new or pending:
                    generation = _next_generation(conn)  # stamps of what was are void
                self._write_update(
                    conn, gone, moved, new, pending, entities, analyse, progress, cancelled, made
                )
            except sqlite3.OperationalError as error:
                # Busy past the timeout, a full disk, a read-only folder: what
                # was committed stays, the rest waits for a later update.
                if not is_unavailable(error):
                    raise
                self._unusable(error)
                unavailable = True
                generation = -1  # no stamp holds for an update cut short
            stopped = len(made) > 3 and made[3]
            removed, done, analysed = made[:3]
        added = min(len(new), done)  # new articles come first in ``work``
        return UpdateStats(
            added=added,
            changed=min(changed, added),
            removed=removed,
            unchanged=len(current) - len(new),
            analysed=analysed,
            seconds=time.perf_counter() - began,
            cancelled=stopped,
            unavailable=unavailable,
            generation=generation,
        )

    def _write_update(
        self, conn, gone, moved, new, pending, entities, analyse, progress, cancelled, made
    ) -> None:
        """The writes of :meth:`update`; ``made`` (removed, done, analysed)
        follows what is committed, and gets ``stopped`` appended at the end."""
        done = analysed = 0
        total = len(new) + len(pending)
        if gone or moved:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT OR IGNORE INTO people_dirty(key) SELECT DISTINCT key"
                    " FROM mentions WHERE doc IN (SELECT value FROM json_each(?))",
                    (json.dumps([rowid for rowid, _ in gone]),),
                )
                # The triggers take them out of docs_fts, entities, mentions
                # and quotes too.
                conn.executemany(
                    "DELETE FROM docs WHERE rowid = ?", [(rowid,) for rowid, _ in gone]
                )
                conn.executemany("UPDATE docs SET source = ? WHERE rowid = ?", moved)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            made[0] = len(gone)
        stopped = False
        if progress is not None:
            progress(0, total)
        work: list[tuple[int | None, Article]] = [(None, a) for a in new] + pending
        for batch_start in range(0, len(work), BATCH):
            if cancelled is not None and cancelled():
                stopped = True
                break
            batch = work[batch_start : batch_start + BATCH]
            rows = []
            for rowid, article in batch:
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                found = _analysis_rows(article, analyse) if entities else None
                rows.append((rowid, article, found))
            conn.execute("BEGIN IMMEDIATE")
            try:
                for rowid, article, found in rows:
                    if rowid is None:
                        rowid = self._insert(conn, article, analysed=found is not None)
                        if rowid is None:
                            continue  # indexed meanwhile by another process
                    elif found is not None:
                        conn.execute("UPDATE docs SET analysed = 1 WHERE rowid = ?", (rowid,))
                    if found is not None:
                        entity_rows, mention_rows, quote_rows = found
                        conn.executemany(
                            "INSERT INTO entities(doc, label, norm, text, count)"
                            " VALUES (?, ?, ?, ?, ?)",
                            [(rowid, *entry) for entry in entity_rows],
                        )
                        conn.executemany(
                            "INSERT INTO mentions(doc, key, name, alias, alias_key, count)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            [(rowid, *entry) for entry in mention_rows],
                        )
                        conn.executemany(
                            "INSERT INTO quotes(doc, part, qstart, qend, text, speaker,"
                            " speaker_kind, speaker_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            [(rowid, *entry) for entry in quote_rows],
                        )
                        conn.executemany(
                            "INSERT OR IGNORE INTO people_dirty(key) VALUES (?)",
                            [(key,) for key in {entry[0] for entry in mention_rows}],
                        )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            done += len(rows)
            analysed += sum(found is not None for _, _, found in rows)
            made[1:3] = [done, analysed]
            if progress is not None:
                progress(done, total)
            if stopped:
                break
        self._refresh_people(conn)
        made.append(stopped)

    @staticmethod
    def _insert(conn: sqlite3.Connection, article: Article, *, analysed: bool) -> int | None:
        cursor = conn.execute(
            "INSERT INTO docs(id, source, title, dek, body, analysed) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO NOTHING",
            (
                article.id,
                _source_text(article.source),
                article.title,
                article.dek,
                article.body,
                int(analysed),
            ),
        )
        return cursor.lastrowid if cursor.rowcount == 1 else None

    def index_notes(self, notes: Iterable[tuple[str, str, str, str]]) -> int:
        """Replace the indexed notes with ``(note_id, article_id, passage, note)``
        rows (:func:`note_rows` makes them from the store's annotations).

        Nothing is written when they are already the indexed ones; when the
        index cannot be written (busy past the timeout, a full disk) the
        notes indexed before stay and :attr:`notice` says so. A lone
        surrogate (which SQLite cannot store, and a synced or edited
        database can hold) is indexed as U+FFFD; offsets do not move."""
        rows = [
            (
                str(note_id),
                str(article_id),
                replace_surrogates(note or ""),
                replace_surrogates(passage or ""),
            )
            for note_id, article_id, passage, note in notes
        ]
        with self._write_lock:
            conn = self._reader()
            if conn is None:
                return len(rows)
            indexed = conn.execute(
                "SELECT note_id, article_id, note, passage FROM notes ORDER BY rowid"
            ).fetchall()
            if indexed == rows:
                return len(rows)
            try:
                self._write_notes(conn, rows)
            except sqlite3.OperationalError as error:
                if not is_unavailable(error):
                    raise
                self._unusable(error)
        return len(rows)

    @staticmethod
    def _write_notes(conn: sqlite3.Connection, rows: list[tuple[str, str, str, str]]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM notes")
            conn.execute("INSERT INTO notes_fts(notes_fts) VALUES ('delete-all')")
            for row in rows:
                rowid = conn.execute(
                    "INSERT INTO notes(note_id, article_id, note, passage) VALUES (?, ?, ?, ?)",
                    row,
                ).lastrowid
                conn.execute(
                    "INSERT INTO notes_fts(rowid, note, passage) VALUES (?, ?, ?)",
                    (rowid, fold_query(row[2]), fold_query(row[3])),
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def optimize(self) -> None:
        """Merge the FTS5 b-trees (worth it after a large build)."""
        with self._write_lock:
            conn = self._reader()
            if conn is None:
                return
            try:
                conn.execute("INSERT INTO docs_fts(docs_fts) VALUES ('optimize')")
                conn.execute("INSERT INTO entities_fts(entities_fts) VALUES ('optimize')")
            except sqlite3.OperationalError as error:
                if not is_unavailable(error):
                    raise
                self._unusable(error)

    # -- searching ----------------------------------------------------------------

    def search(
        self, query: str | Query, limit: int = 20, *, ranked: bool = True
    ) -> list[Result]:
        """The best ``limit`` hits for ``query`` (see :mod:`reader.search.query`).

        With ``ranked=False``, the first ``limit`` hits in the index's order,
        title hits first: ranking (bm25) costs as much as there are articles
        holding each word, this does not, for a search as one types
        (:meth:`ranking_is_quick` says when ranking costs little too).
        """
        parsed = parse(query) if isinstance(query, str) else query
        if parsed.empty or limit <= 0:
            return []
        conn = self._reader()
        if conn is None:
            return []
        try:
            hits = self._hits(conn, parsed, limit, ranked)
            terms = parsed.highlight_patterns(filters=False)
            everything = (
                parsed.highlight_patterns(filters=True) if parsed.positive_filters else terms
            )
            said: set[str] = set()
            for flt in parsed.positive_filters:
                if flt.label == SAID:
                    said |= self._speaker_keys(conn, " ".join(flt.words))
            return [self._result(conn, hit, terms, everything, said) for hit in hits]
        except sqlite3.OperationalError as error:
            # Every user word is quoted, so this is not expected; a search
            # must still never crash the reader.
            if is_unavailable(error):
                self._unusable(error)
            return []

    def _mentions(
        self, conn: sqlite3.Connection, query: Query
    ) -> tuple[dict[int, int] | None, set[int]]:
        """(allowed doc -> mentions, or None without filters; excluded docs)."""
        allowed: dict[int, int] | None = None
        for flt in query.positive_filters:
            if flt.label == SAID:
                counts = self._said_counts(conn, flt.words)
            else:
                counts = dict(
                    conn.execute(
                        "SELECT e.doc, SUM(e.count) FROM entities_fts"
                        " JOIN entities e ON e.rowid = entities_fts.rowid"
                        " WHERE entities_fts MATCH ? AND e.label = ? GROUP BY e.doc",
                        (flt.fts(), flt.label),
                    )
                )
            if allowed is None:
                allowed = counts
            else:
                allowed = {doc: n + counts[doc] for doc, n in allowed.items() if doc in counts}
        excluded: set[int] = set()
        for flt in query.negative_filters:
            if flt.label == SAID:
                excluded.update(self._said_counts(conn, flt.words))
                continue
            excluded.update(
                row[0]
                for row in conn.execute(
                    "SELECT e.doc FROM entities_fts JOIN entities e ON e.rowid = entities_fts.rowid"
                    " WHERE entities_fts MATCH ? AND e.label = ?",
                    (flt.fts(), flt.label),
                )
            )
        exclusion = query.exclusion_expression() if not query.positive else None
        if exclusion:
            excluded.update(
                row[0]
                for row in conn.execute(
                    "SELECT rowid FROM docs_fts WHERE docs_fts MATCH ?", (exclusion,)
                )
            )
        return allowed, excluded

    def _said_counts(self, conn: sqlite3.Connection, words: tuple[str, ...]) -> dict[int, int]:
        """doc -> how many quotations the speaker ``words`` has in it."""
        keys = self._speaker_keys(conn, " ".join(words))
        if not keys:
            return {}
        return dict(
            conn.execute(
                "SELECT doc, COUNT(*) FROM quotes"
                " WHERE speaker_key IN (SELECT value FROM json_each(?)) GROUP BY doc",
                (json.dumps(sorted(keys)),),
            )
        )

    def ranking_is_quick(self, query: str | Query, most: int) -> bool:
        """Whether every word and phrase of ``query`` is in at most ``most``
        articles, so that ranking its hits costs about as little as finding
        them (bm25 counts the articles holding each word)."""
        parsed = parse(query) if isinstance(query, str) else query
        conn = self._reader()
        if conn is None:
            return True
        try:
            for term in parsed.terms:
                found = conn.execute(
                    "SELECT 1 FROM docs_fts WHERE docs_fts MATCH ? LIMIT 1 OFFSET ?",
                    (term.fts(), most),
                ).fetchone()
                if found is not None:
                    return False
        except sqlite3.OperationalError:
            return True
        return True

    def _hits(
        self, conn: sqlite3.Connection, query: Query, limit: int, ranked: bool = True
    ) -> list[_Hit]:
        allowed, excluded = self._mentions(conn, query)
        if allowed is not None:
            for doc in excluded:
                allowed.pop(doc, None)
            if not allowed:
                return []
        hits: list[_Hit] = []
        expression = query.match_expression()
        if expression is None:
            # Filters only: rank by how often the article mentions them.
            ranked = sorted(allowed.items(), key=lambda item: (-item[1], item[0]))[:limit]
            if not ranked:
                return []
            marks = ",".join("?" * len(ranked))
            rows = {
                row[0]: row[1:]
                for row in conn.execute(
                    f"SELECT rowid, id, title, source FROM docs WHERE rowid IN ({marks})",
                    [doc for doc, _ in ranked],
                )
            }
            for doc, mentions in ranked:
                if doc in rows:
                    id_, title, source = rows[doc]
                    hits.append(_Hit(doc, id_, title, source, float(mentions), mentions))
            return hits
        weights = ", ".join(str(w) for w in WEIGHTS)
        # Ranked in the full-text table alone, then the few best joined to
        # their rows: joining every match first costs three times as much.
        # Unranked: the first matches, in the index's order.
        rank, order = (f"bm25(docs_fts, {weights})", "r") if ranked else ("rowid", "rowid")
        sql = f"SELECT rowid, {rank} AS r FROM docs_fts WHERE docs_fts MATCH ?"
        params: list = [expression]
        if allowed is not None:
            sql += " AND rowid IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(allowed)))
        if excluded:
            sql += " AND rowid NOT IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(list(excluded)))
        # A few more than asked: the title bonus below may reorder them.
        sql = (
            f"SELECT d.rowid, d.id, d.title, d.source, f.r FROM ({sql} ORDER BY {order} LIMIT ?) f"
            " JOIN docs d ON d.rowid = f.rowid ORDER BY f.r"
        )
        params.append(limit + TITLE_WINDOW)
        terms = query.highlight_patterns(filters=False)
        for rowid, id_, title, source, rank in conn.execute(sql, params):
            mentions = allowed.get(rowid, 0) if allowed is not None else 0
            score = -rank if ranked else 0.0
            if terms and find_lowered(title, terms, limit=1):
                score += TITLE_BONUS
            hits.append(_Hit(rowid, id_, title, source, score, mentions))
        hits.extend(self._note_hits(conn, query, expression, allowed, excluded, limit))
        hits.sort(key=lambda hit: -hit.score)
        return hits[:limit]

    def _note_hits(
        self,
        conn: sqlite3.Connection,
        query: Query,
        expression: str,
        allowed: dict[int, int] | None,
        excluded: set[int],
        limit: int,
    ) -> list[_Hit]:
        weights = ", ".join(str(w) for w in NOTE_WEIGHTS)
        rows = conn.execute(
            f"SELECT d.rowid, d.id, d.title, d.source, n.note_id, n.note, n.passage,"
            f" bm25(notes_fts, {weights}) AS r"
            " FROM notes_fts JOIN notes n ON n.rowid = notes_fts.rowid"
            " JOIN docs d ON d.id = n.article_id"
            " WHERE notes_fts MATCH ? ORDER BY r LIMIT ?",
            (expression, limit * 4 if allowed is not None or excluded else limit),
        )
        hits = []
        for rowid, id_, title, source, note_id, note, passage, rank in rows:
            if (allowed is not None and rowid not in allowed) or rowid in excluded:
                continue
            mentions = allowed.get(rowid, 0) if allowed is not None else 0
            hits.append(_Hit(rowid, id_, title, source, -rank, mentions, (note_id, note, passage)))
        return hits[:limit]

    def _result(
        self,
        conn: sqlite3.Connection,
        hit: _Hit,
        terms: tuple[Pattern[str], ...],
        everything: tuple[Pattern[str], ...],
        said: set[str] = frozenset(),
    ) -> Result:
        """The result for ``hit``: ``terms`` matches the query's words, ``everything``
        its words and filters' names, ``said`` the speaker keys of its ``said:``
        filters (the snippet is then the speaker's quote)."""
        if hit.note is not None:
            note_id, note, passage = hit.note
            # The snippet shows the note, or the passage when only it matches.
            text = note or passage
            spans = find_lowered(note, terms, limit=1)
            if not spans:
                passage_spans = find_lowered(passage, terms, limit=1)
                if passage_spans:
                    text, spans = passage, passage_spans
            snippet, highlights = snippet_around(text, spans, terms)
            return Result(
                hit.article_id,
                hit.title,
                hit.score,
                "note",
                snippet,
                highlights,
                (),
                note_id=note_id,
                source=hit.source,
                mentions=hit.mentions,
            )
        row = conn.execute("SELECT dek, body FROM docs WHERE rowid = ?", (hit.rowid,)).fetchone()
        dek, body = row if row else ("", "")
        folded = fold_text(body)
        if said:
            quoted = self._said_result(conn, hit, body, folded, terms, said)
            if quoted is not None:
                return quoted
        offsets = find_lowered(folded, everything)
        if not terms:
            field_name = "entity"
        elif find_lowered(hit.title, terms, limit=1) or (
            not (offsets if terms is everything else find_lowered(folded, terms, limit=1))
            and find_lowered(dek, terms, limit=1)
        ):
            field_name = "title"
        else:
            field_name = "body"
        if offsets:
            snippet, highlights = snippet_around(body, offsets, everything)
        elif terms and (dek_spans := find_lowered(dek, terms, limit=1)):
            snippet, highlights = snippet_around(dek, dek_spans, terms)
        elif terms and find_lowered(hit.title, terms, limit=1):
            snippet = hit.title
            highlights = tuple(find_lowered(snippet, terms))
        else:
            snippet, highlights = snippet_around(body, [], ())
        return Result(
            hit.article_id,
            hit.title,
            hit.score,
            field_name,
            snippet,
            highlights,
            tuple(offsets),
            source=hit.source,
            mentions=hit.mentions,
        )

    def _said_result(
        self,
        conn: sqlite3.Connection,
        hit: _Hit,
        body: str,
        folded,
        terms: tuple[Pattern[str], ...],
        said: set[str],
    ) -> Result | None:
        """A ``said:`` hit: the speaker's quote as the snippet (the first one
        with the query's words, else the first, the title's and dek's before
        the body's); offsets are the speaker's quotes in the body and the
        words' hits outside them."""
        rows = conn.execute(
            "SELECT qstart, qend, text, part FROM quotes WHERE doc = ?"
            " AND speaker_key IN (SELECT value FROM json_each(?))"
            " ORDER BY part = 'body', qstart",
            (hit.rowid, json.dumps(sorted(said))),
        ).fetchall()
        quotes = [row[:3] for row in rows]
        if not quotes:
            return None
        chosen, spans = quotes[0], []
        if terms:
            for quote in quotes:
                spans = find_lowered(quote[2], terms, limit=1)
                if spans:
                    chosen = quote
                    break
        snippet, highlights = snippet_around(chosen[2], spans, terms, words=2 * SNIPPET_WORDS)
        # offsets highlight the body: a quotation of the dek or title has none there
        inside = [(start, end) for start, end, _, part in rows if part == "body"]
        words = [
            span
            for span in (find_lowered(folded, terms) if terms else [])
            if not any(start <= span[0] and span[1] <= end for start, end in inside)
        ]
        return Result(
            hit.article_id,
            hit.title,
            hit.score,
            "quote",
            snippet,
            highlights,
            tuple(sorted(inside + words)),
            source=hit.source,
            mentions=hit.mentions,
        )


_EntityRow = tuple[str, str, str, int]  # label, norm, text, count
_MentionRow = tuple[str, str, str, str, int]  # key, name, alias, alias key, count
_QuoteRow = tuple[str, int, int, str, str | None, str | None, str]


def _generation(conn: sqlite3.Connection) -> int:
    found = conn.execute("SELECT value FROM fresh WHERE key = 'generation'").fetchone()
    try:
        return int(found[0]) if found else 0
    except ValueError:
        return 0


def _next_generation(conn: sqlite3.Connection) -> int:
    """Count one more update that changes the articles (its own transaction)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        generation = _generation(conn) + 1
        conn.execute(
            "INSERT OR REPLACE INTO fresh(key, value) VALUES ('generation', ?)", (str(generation),)
        )
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return generation


def _aggregate_people(conn: sqlite3.Connection, keys: list[str]) -> dict[str, Person]:
    """key -> the person, counted from the ``mentions`` and ``quotes`` rows."""
    within = json.dumps(keys)
    names: dict[str, list[tuple[int, str]]] = {}
    aliases: dict[str, Counter[str]] = {}
    for key, name, alias, count in conn.execute(
        "SELECT key, name, alias, SUM(count) FROM mentions"
        " WHERE key IN (SELECT value FROM json_each(?)) GROUP BY key, name, alias",
        (within,),
    ):
        names.setdefault(key, []).append((count, name))
        if alias:
            aliases.setdefault(key, Counter())[alias] += count
    quoted = dict(
        conn.execute(
            "SELECT speaker_key, COUNT(*) FROM quotes"
            " WHERE speaker_kind = 'person' AND speaker_key IN (SELECT value FROM json_each(?))"
            " GROUP BY speaker_key",
            (within,),
        )
    )
    found = {}
    for key, articles, mentions in conn.execute(
        "SELECT key, COUNT(DISTINCT doc), SUM(count) FROM mentions"
        " WHERE key IN (SELECT value FROM json_each(?)) GROUP BY key",
        (within,),
    ):
        name = _commonest(names.get(key, []))
        seen = aliases.get(key, Counter())
        others = tuple(
            alias
            for alias, _ in sorted(seen.items(), key=lambda item: (-item[1], item[0]))
            if alias != name
        )
        found[key] = Person(name, others, articles, mentions or 0, quoted.get(key, 0))
    return found


def _merge_single_words(conn: sqlite3.Connection, found: dict[str, Person]) -> None:
    """Merge, in ``found`` (key -> person), each single-word person into the one
    full-name person its word ends or starts (:func:`single_word_owners`):
    quotes and mentions add up, the single word's name and aliases become
    aliases, and articles are the distinct articles of them all: the full
    name's plus those of the single words' articles that do not name it (one
    query, over the single words' mentions only)."""
    owners = single_word_owners(found)
    if not owners:
        return
    extra = dict(
        conn.execute(
            "SELECT g.value, COUNT(DISTINCT m.doc) FROM json_each(?) g"
            " JOIN mentions m ON m.key = g.key"
            " WHERE NOT EXISTS (SELECT 1 FROM mentions o WHERE o.doc = m.doc AND o.key = g.value)"
            " GROUP BY g.value",
            (json.dumps(owners),),
        )
    )
    merged: dict[str, list[Person]] = {}
    for single, full in sorted(owners.items()):
        merged.setdefault(full, []).append(found.pop(single))
    for full, ones in merged.items():
        whole = found[full]
        aliases = dict.fromkeys(
            [*whole.aliases, *(text for one in ones for text in (one.name, *one.aliases))]
        )
        aliases.pop(whole.name, None)
        aliases.pop("", None)
        found[full] = Person(
            whole.name,
            tuple(aliases),
            whole.articles + extra.get(full, 0),
            whole.mentions + sum(one.mentions for one in ones),
            whole.quotes + sum(one.quotes for one in ones),
        )


def _commonest(names: list[tuple[int, str]]) -> str:
    """The name written most often (then the longest, then the first in order)."""
    totals: Counter[str] = Counter()
    for count, name in names:
        totals[name] += count
    if not totals:
        return ""
    return min(totals, key=lambda name: (-totals[name], -len(name), name))


def _analysis_rows(
    article: Article, analyse: Analyse
) -> tuple[list[_EntityRow], list[_MentionRow], list[_QuoteRow]] | None:
    """The rows of ``article``'s entities, people and quotes; None if the analysis
    failed (the article is indexed unanalysed, and analysed again next time)."""
    try:
        analysis = analyse(article)
    except Exception:  # a bad article must not stop the whole index
        return None
    parts = [("body", analysis)] + [
        (name, part) for name in ("title", "dek") if (part := getattr(analysis, name, None))
    ]
    counts: Counter[tuple[str, str]] = Counter()
    surface: dict[tuple[str, str], Counter[str]] = {}
    people: Counter[tuple[str, str, str]] = Counter()  # (key, name, alias)
    for _, part in parts:
        for entity in getattr(part, "entities", ()):
            norm = normalise_entity(entity.text)
            if not norm:
                continue
            key = (entity.label, norm)
            counts[key] += 1
            surface.setdefault(key, Counter())[entity.text] += 1
            if entity.label == "PERSON":
                full = getattr(entity, "canon", None) or entity.text
                who = person_key(full)
                if who:  # a title alone ("Mr", "President") is nobody
                    alias = entity.text if person_key(entity.text) else ""
                    people[(who, display_name(full) or full, alias)] += 1
    entity_rows = [
        (label, norm, surface[(label, norm)].most_common(1)[0][0], count)
        for (label, norm), count in counts.items()
    ]
    known = {who for who, _, _ in people}
    quote_rows: list[_QuoteRow] = []
    for part_name, part in parts:
        for quote in getattr(part, "quotes", ()):
            speaker = quote.speaker or None
            kind = quote.speaker_kind if speaker else None
            key = speaker_key(speaker, kind) if speaker else ""
            if kind == "person" and key and key not in known:
                known.add(key)
                people[(key, display_name(speaker) or speaker, "")] += 0
            quote_rows.append((part_name, quote.start, quote.end, quote.text, speaker, kind, key))
    mention_rows = [
        (who, name, alias, person_key(alias) if alias else "", count)
        for (who, name, alias), count in people.items()
    ]
    return entity_rows, mention_rows, quote_rows
