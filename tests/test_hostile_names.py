"""Hostile names: nothing from a file name, a title or the database reaches the terminal raw.

Issue 10, items 1-3 and the hostile-names corpus of its "Done" section:

1. every string printed or rendered that is not article text (file names,
   paths, titles, notes and tags from the database, snippets, people and
   quotes, the meta line) goes through ``safe_display``: escape sequences are
   removed whole (an OSC ended by ESC-backslash included), C0/C1 controls too;
2. bidi controls and invisible characters are removed from what is shown
   (the stored text is unchanged and search folds them away), and JSON
   escapes them;
3. a file name that is not valid UTF-8 is listed (``bad-\\xff.txt``), opens,
   and its notes and cache entry persist across runs.

The corpus runs through ``limelight list``, ``limelight analyze FILE`` (real
processes, strict UTF-8 stdout, raw bytes checked) and the app (Pilot, the
compositor's output checked).
"""

from __future__ import annotations

import json
import os
import re
import select
import sqlite3
import struct
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.widgets import TextArea

from reader.library.catalogue_cache import CatalogueCache
from reader.library.sanitize import (
    INVISIBLE_CHARS,
    json_dumps,
    safe_display,
    safe_display_spans,
)
from reader.search.find import find_all
from reader.search.people import Person, QuoteHit
from reader.store import Store
from reader.store.annotations import make_annotation
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.dialogs import NoteEditor
from tests.helpers import screen_text, settle

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
INVISIBLE = "\u200b\u200d\u2060\ufeff\u00ad"
UNSAFE = frozenset(BIDI + INVISIBLE)

# (file name as bytes, content). Every body differs, so every file is its own article.
CORPUS: list[tuple[bytes, str]] = [
    (b"\x1b]52;c;ZXZpbC1jbGlwYm9hcmQ=\x1b\\.txt", "Clipboard\n\nBody one.\n"),
    (b"\x1b]2;PWN\x1b\\.txt", "Retitle\n\nBody two.\n"),
    (b"csi\x1b[2J\x1b[31mred.txt", "Wipe\n\nBody three.\n"),
    (b"bad-\xff.txt", "Bad bytes\n\nBody four.\n"),
    (b"c1-\xc2\x9b2J\xc2\x9d0;x\xc2\x9c.txt", "Eight bit\n\nBody five.\n"),
    ("bidi\u202etxt.exe.txt".encode(), "Title \u202eevil\u202c here\n\nBody six.\n"),
    (
        "iso\u2066x\u2069zw\u200b\u200d\u2060\ufeff\u00ad.txt".encode(),
        "Pu\u00adtin\u200b and \u2067friends\u2069\n\nBody seven.\n",
    ),
    (b"L" * 251 + b".txt", "Long name\n\nBody eight.\n"),  # 255 bytes: NAME_MAX
    ("é".encode() * 125 + b".txt", "Long accents\n\nBody nine.\n"),  # 254 bytes
    (b"new\nline\ttab.txt", "Newline\n\nBody ten.\n"),
    (b"\x1b]2;EMPTY\x1b\\.txt", ""),  # unreadable: listed under its name
    ("rlo\u202egnp.md".encode(), "Just a paragraph, no heading at all.\n"),  # title from the name
    (b"dir\x1b[5m\xfe/" + "inner\u202e.txt".encode(), "Inner\n\nBody eleven.\n"),
]
READABLE = [name for name, text in CORPUS if text]


def assert_clean(text: str, what: str = "") -> None:
    """Nothing that acts on a terminal or disguises text."""
    assert "\x1b" not in text, (what, text)
    assert not [c for c in text if "\x80" <= c <= "\x9f" or c == "\x7f"], (what, text)
    assert not [c for c in text if c < " " and c not in "\n"], (what, text)
    assert not UNSAFE & set(text), (what, sorted(UNSAFE & set(text)))
    assert not [c for c in text if "\ud800" <= c <= "\udfff"], (what, text)
    assert "Traceback" not in text, (what, text)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "hostile"
    root.mkdir()
    base = os.fsencode(root)
    for name, text in CORPUS:
        path = os.path.join(base, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(text.encode("utf-8"))
    return root


def corpus_path(root: Path, name: bytes) -> str:
    return os.fsdecode(os.path.join(os.fsencode(root), name))


def run_cli(*args: str) -> subprocess.Popen:
    """``python -m reader ARGS`` with a strict UTF-8 stdout, as a UTF-8 terminal has."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8", "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=60)
    # The raw bytes must be valid UTF-8 (no surrogate escaped back to a byte).
    return process.returncode, out.decode("utf-8"), err.decode("utf-8")


def cli(*args: str) -> tuple[int, str, str]:
    return finish(run_cli(*args))


# -- 1. one sanitiser for display strings -------------------------------------------


def test_safe_display_removes_escape_sequences_whole():
    assert safe_display("a\x1b]52;c;ZXZpbC1jbGlwYm9hcmQ=\x1b\\b.txt") == "ab.txt"
    assert safe_display("\x1b]2;PWN\x1b\\.txt") == ".txt"
    assert safe_display("x\x1b]2;PWN\x07y") == "xy"
    assert safe_display("csi\x1b[2J\x1b[31mred") == "csired"
    assert safe_display("a\x1bP1|dcs\x1b\\b \x1b_apc\x1b\\c") == "ab c"
    assert safe_display("lone \x1b") == "lone \u241b"
    # C0, DEL and C1 controls (the 8-bit CSI, OSC and ST) are dropped one by one.
    assert safe_display("c1-\x9b2J\x9d0;x\x9c\x07\x08\x7f.") == "c1-2J0;x."
    assert safe_display("new\nline\ttab\r") == "new line tab "
    for text in ("plain", "Café – “quoted” 東京", "", "a  b"):
        assert safe_display(text) == text
    hostile = "a\x1b]0;t\x1b\\\u202eb\x9b\udcff\u200b"
    assert safe_display(safe_display(hostile)) == safe_display(hostile)
    assert safe_display(None) == "" and safe_display(Path("x")) == "x"


def test_safe_display_spans_follow_the_removed_characters():
    text = "a\x1b[31mb\u202ec d"
    shown, spans = safe_display_spans(
        text, [(0, 1, "x"), (6, 9, "y"), (7, 8, "gone"), (9, 11, "z")]
    )
    assert shown == "abc d"
    assert spans == [(0, 1, "x"), (1, 3, "y"), (3, 5, "z")]
    assert [shown[s:e] for s, e, _ in spans] == ["a", "bc", " d"]


def test_list_prints_no_escape_from_file_names(corpus):
    """The issue's reproduction: the name's OSC 52 ended by ESC-backslash."""
    code, out, err = cli("list", str(corpus))
    assert code == 0, err
    assert_clean(out, "list")
    assert_clean(err, "list stderr")
    assert "ZXZpbC1jbGlwYm9hcmQ" not in out  # the sequence is gone whole, payload included
    assert len(out.splitlines()) == len(CORPUS)


def test_notes_search_and_export_messages_from_the_database_are_clean(corpus):
    """Note text, tags and titles read back from the database (a synced copy
    can carry anything) are shown clean, in ``notes`` and in search snippets."""
    from reader.library.loader import load_file

    article = load_file(corpus_path(corpus, b"bad-\xff.txt"))
    body = article.body
    Store().add_annotation(
        make_annotation(
            article.id,
            body,
            0,
            4,
            "zebra \x1b]2;PWN\x1b\\ note \u202eevil\x9b2J",
            ["t\x1b[31mag", "bi\u202edi"],
            title="Ti\x1b]52;c;eA==\x1b\\tle\u200b",
        )
    )
    Store().add_source(str(corpus))
    for name, args in (
        ("notes", ["notes"]),
        ("notes --json", ["notes", "--json"]),
        ("search", ["search", "zebra"]),  # one at a time: they share the index
        ("search --json", ["search", "zebra", "--json"]),
        ("search body", ["search", "body"]),
    ):
        code, out, err = cli(*args)
        assert code == 0, (name, err)
        assert_clean(out, name)
        assert_clean(err, name)
        if name == "notes":
            assert "zebra" in out and "#tag" in out and "#bidi" in out and "Title" in out
        if name == "search":
            assert "zebra" in out
        if name == "notes --json":
            [row] = json.loads(out)
            assert row["note"] == "zebra \x1b]2;PWN\x1b\\ note \u202eevil\x9b2J"  # exact
        if name == "search body":
            assert "Bad bytes" in out and "Long name" in out


@contextmanager
def fake_index(people, quotes):
    class Index:
        def people(self, limit=None, quoted=False):
            return people

        def quotes(self, speaker=None, article_id=None):
            return quotes

        def article_ids(self, prefix):
            return [quotes[0].article_id]

    yield Index()


def test_people_and_quotes_output_is_clean(monkeypatch, capsys):
    from reader import cli as cli_module

    name = "Ma\u200dria \x1b]2;x\x1b\\Lo\u202epez\x9b"
    people = [Person(name, ("Ms Lo\u202epez", "\u2066Maria\u2069"), 1, 2, 1)]
    quotes = [
        QuoteHit("abc\x1b[2J", "Ti\u202etle\x1b]0;t\x07", 0, 9, "“Win\u200b.”", name, "person")
    ]
    monkeypatch.setattr(cli_module, "_library_index", lambda: fake_index(people, quotes))
    for argv in (["people"], ["people", "--json"], ["quotes"], ["quotes", "--json"]):
        assert cli_module.main(argv) == 0
        out, err = capsys.readouterr()
        assert_clean(out, argv)
        assert_clean(err, argv)
        assert "Maria" in out and "Lopez" in out


# -- 2. bidi controls and invisible characters -----------------------------------------


def test_bidi_and_invisible_characters_are_removed_from_display():
    assert safe_display("bidi\u202etxt.exe") == "biditxt.exe"  # logical order: the true name
    assert safe_display("\u2066iso\u2069 \u2067rtl\u2069 \u202aemb\u202c \u200eLRM\u200f") == (
        "iso rtl emb LRM"
    )
    assert safe_display("Pu\u00adtin\u200b\u200d\u2060\ufeff!") == "Putin!"
    assert safe_display("tag\U000e0041\U000e007f") == "tag"
    assert (
        safe_display("ZWNJ\u200ckept, RTL text שלום kept") == "ZWNJ\u200ckept, RTL text שלום kept"
    )
    # Search folds them away, so the stored text stays searchable as written.
    from reader.search.fold import _INVISIBLE

    assert frozenset(INVISIBLE_CHARS) == _INVISIBLE
    assert find_all("Pu\u00adtin and Pu\u200btin", "putin") == [(0, 6), (11, 17)]


def test_json_output_escapes_bidi_invisible_c1_and_surrogates_exactly():
    value = {"title": "a\u202eb\u00ad\u200b\x9b\x1b[1m\U000e0041", "source": "/x/bad-\udcff.txt"}
    text = json_dumps(value, indent=2)
    assert text.isascii() or not UNSAFE & set(text)
    assert_clean(text.replace("\n", " "))
    assert "\\u202e" in text and "\\udcff" in text and "\\u009b" in text
    assert json.loads(text) == value  # exact, lone surrogates included
    assert json_dumps({"t": "Café 東京"}) == '{"t": "Café 東京"}'


def test_list_json_keeps_names_exact_and_escaped(corpus):
    code, out, err = cli("list", "--json", str(corpus))
    assert code == 0, err
    assert_clean(out, "list --json")
    rows = json.loads(out)
    assert {row["source"] for row in rows} == {corpus_path(corpus, name) for name, _ in CORPUS}
    titles = {row["title"] for row in rows}
    assert "Title \u202eevil\u202c here" in titles  # exact in the data, escaped in the output
    assert "\\u202e" in out


# -- 3. file names that are not valid UTF-8 ---------------------------------------------


def test_catalogue_cache_keeps_an_undecodable_name(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    raw = os.path.join(os.fsencode(folder), b"bad-\xff.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Bad bytes\n\nBody four.\n")
    os.utime(raw, (1_700_000_000, 1_700_000_000))  # not "racy": trusted once read
    name = os.fsdecode(raw)
    path = tmp_path / "catalogue.sqlite"
    with CatalogueCache(path) as cache:
        [meta] = list(cache.scan([folder]))
        assert meta.source == name and meta.ok and meta.title == "Bad bytes"
        assert cache.last_scan.read == 1
    with CatalogueCache(path) as cache:
        assert [m.source for m in cache.cached_snapshot([folder])] == [name]
        [again] = list(cache.scan([folder]))
        assert again == meta and cache.last_scan.reused == 1 and cache.last_scan.read == 0
        assert cache.load(again).body == "Body four."
    # Without the snapshot blobs the rows are read: the name comes back exact too.
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM snapshots")
    with CatalogueCache(path) as cache:
        assert [m.source for m in cache.cached_snapshot([folder])] == [name]
        [third] = list(cache.scan([folder]))
        assert third == meta and cache.last_scan.reused == 1


def test_an_undecodable_name_is_listed_searched_and_analysed(corpus):
    bad = corpus_path(corpus, b"bad-\xff.txt")
    Store().add_source(str(corpus))
    for args in (["list"], ["list"], ["search", "bad"], ["analyze", bad]):
        code, out, err = cli(*args)
        assert code == 0, (args, err)
        assert_clean(out, args)
        assert_clean(err, args)
        assert "Bad bytes" in out, args
        if args == ["list"]:
            assert "bad-\\xff.txt" in out  # a readable name for the bad byte
    code, out, _ = cli("analyze", "--json", bad)
    assert code == 0 and json.loads(out)["title"] == "Bad bytes"


async def test_an_undecodable_name_opens_in_the_app_and_keeps_its_notes(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad-\xff.txt"), "wb") as handle:
        handle.write(b"Bad bytes\n\nThe mayor said the bridge would reopen.\n")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        article_id = view.article.id
        assert view.article.title == "Bad bytes"
        assert "bad-\\xff.txt" in str(view._meta.render())
        await pilot.press("c", "a")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("kept across runs")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [n.note for n in Store().annotations(article_id)] == ["kept across runs"]
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.id == article_id  # the same key, run after run
        assert [entry.note for entry in app.notes] == ["kept across runs"]


# -- 4. the corpus through list, analyze and the app -------------------------------------


def test_corpus_through_list_and_analyze(corpus):
    listed = [run_cli("list", str(corpus)), run_cli("list", "--json", str(corpus))]
    analysed = {name: run_cli("analyze", corpus_path(corpus, name)) for name, text in CORPUS}
    as_json = {
        name: run_cli("analyze", "--json", corpus_path(corpus, name)) for name in READABLE[:4]
    }
    for process in listed:
        code, out, err = finish(process)
        assert code == 0, err
        assert_clean(out, "list")
        assert_clean(err, "list")
    for name, text in CORPUS:
        code, out, err = finish(analysed[name])
        assert_clean(out, name)
        assert_clean(err, name)
        if text:
            assert code == 0, (name, err)
            assert "words" in out
        else:
            assert code == 1 and err.startswith("limelight: ") and len(err.splitlines()) == 1
    for name, process in as_json.items():
        code, out, err = finish(process)
        assert code == 0, (name, err)
        assert_clean(out, name)
        json.loads(out)


async def test_corpus_through_the_app(corpus):
    app = LimelightApp(paths=[corpus])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert len(app.library) == len(CORPUS)
        seen = set()
        for _ in range(len(CORPUS)):
            view = app.query_one(ArticleView)
            seen.add(view.article.id)
            text = screen_text(app)
            assert_clean(text, view.article.source)
            assert_clean(app.sub_title, "sub title")
            # The meta line under the title: the file's name, made safe.
            meta = str(view._meta.render())
            assert_clean(meta, "meta line")
            if view.article.source.endswith("bad-\udcff.txt"):
                assert "bad-\\xff.txt" in meta
            await pilot.press("right_square_bracket")
            await settle(pilot)
        for key in ("ctrl+p", "escape", "p", "escape", "s", "escape"):
            await pilot.press(key)
            await settle(pilot)
            assert_clean(screen_text(app), key)
        # Notifications carry file names, titles and error messages too.
        app.notify("could not save x/\x1b]2;PWN\x1b\\\u202e.txt", title="\x9b2J")
        await pilot.pause()
        shown = {(note.message, note.title) for note in app._notifications}
        assert ("could not save x/.txt", "2J") in shown
        for message, title in shown:
            assert_clean(message + title, "notification")
        assert app.is_running
        assert len(seen) == len(CORPUS)


# -- 5. the raw bytes the real app writes to a terminal -----------------------------------

# Textual's own output: CSI sequences (cursor moves, styles, modes), OSC (e.g. 22, the
# pointer shape) ended by BEL or ESC-backslash, and two-byte ESC sequences (ESC 7, ESC =).
_CSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]")
_OSC = re.compile(rb"\x1b\](.*?)(?:\x07|\x1b\\)", re.DOTALL)
_ESC2 = re.compile(rb"\x1b[ -~]")


# What the sidebar shows for every readable article of the corpus, made safe.
_SIDEBAR_TITLES = (
    "Retitle",
    "Clipboard",
    "Bad bytes",
    "Title evil here",
    "Eight bit",
    "Wipe",
    "Inner",
    "Putin and friends",
    "Long name",
    "Newline",
    "rlognp",
    "Long accents",
)


class _Terminal:
    """The app on the slave side of a pseudo-terminal; the raw bytes it writes kept."""

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        import fcntl
        import termios

        self.raw = b""
        self.closed = False
        self.master, slave = os.openpty()
        try:
            columns, rows = size
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            self.process = subprocess.Popen(
                args,
                stdin=slave,
                stdout=slave,
                stderr=slave,  # Textual writes the screen to stderr
                env=env,
                close_fds=True,
                start_new_session=True,  # never the test runner's own terminal
            )
        except BaseException:
            os.close(self.master)
            raise
        finally:
            os.close(slave)

    def text(self, since: int = 0) -> str:
        """What the output says, Textual's own escape sequences taken out."""
        raw = _ESC2.sub(b"", _OSC.sub(b"", _CSI.sub(b"", self.raw[since:])))
        return raw.decode("utf-8", "replace")

    def _read(self, timeout: float) -> None:
        if self.closed:
            return
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: every writer of the slave side has gone
            data = b""
        if data:
            self.raw += data
        else:
            self.closed = True

    def wait_for(self, condition, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.closed:
                raise AssertionError(
                    f"waiting for {what}: {'exited' if self.closed else 'timed out'}; "
                    f"screen so far: {self.text()[-3000:]!r}"
                )
            self._read(min(remaining, 1.0))

    def send(self, keys: bytes) -> int:
        mark = len(self.raw)
        os.write(self.master, keys)
        return mark

    def finish(self, timeout: float = 30.0) -> int:
        """Read to the end (the app must never block on a full terminal), then reap it."""
        deadline = time.monotonic() + timeout
        while not self.closed and time.monotonic() < deadline:
            self._read(deadline - time.monotonic())
        return self.process.wait(timeout=max(1.0, deadline - time.monotonic()))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        os.close(self.master)


def assert_no_hostile_bytes(raw: bytes, shown: str) -> None:
    """Nothing of the corpus's names and titles in the raw bytes written to the terminal."""
    # OSC 52 (clipboard) and the window-title OSC of the names: neither the sequences
    # nor their payloads, anywhere; Textual's own OSCs carry nothing from the corpus.
    assert b"\x1b]52;" not in raw
    for payload in (b"ZXZpbC1jbGlwYm9hcmQ", b"PWN", b"EMPTY"):
        assert payload not in raw, payload
    for osc in _OSC.findall(raw):
        assert not osc.startswith((b"52;", b"0;", b"1;", b"2;")), osc
    # The CSI sequences of the names (clear screen, red, blink) as they were written.
    for sequence in (b"csi\x1b[", b"\x1b[2J\x1b[31m", b"dir\x1b[", b"\x1b[5m\xfe"):
        assert sequence not in raw, sequence
    # Valid UTF-8 throughout: no byte of an undecodable name, no 8-bit C1 control.
    decoded = raw.decode("utf-8")
    assert not [c for c in decoded if "\x80" <= c <= "\x9f"]
    # Every ESC left begins one of Textual's sequences; no other control character.
    assert "\x1b" not in shown
    assert not [c for c in shown if c < " " and c not in "\r\n"], shown
    # No bidi control or invisible character to disguise a name or a title.
    assert not UNSAFE & set(decoded), sorted(UNSAFE & set(decoded))
    assert "Traceback" not in shown


def test_corpus_raw_terminal_output_of_the_real_app(corpus, limelight_home):
    """The real app on a pseudo-terminal: what it writes to the terminal, byte for byte,
    carries none of the corpus's sequences, payloads, C1 controls or bidi characters."""
    if sys.platform == "win32":
        pytest.skip("no pseudo-terminals on Windows")
    pytest.importorskip("pty")
    pytest.importorskip("termios")
    pytest.importorskip("fcntl")
    if not hasattr(os, "openpty"):
        pytest.skip("no os.openpty")
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("COLUMNS", "LINES") and not key.startswith("TEXTUAL")
    }
    env.update(TERM="xterm-256color", LC_ALL="C.UTF-8", LIMELIGHT_HOME=str(limelight_home))
    try:
        terminal = _Terminal([sys.executable, "-m", "reader", str(corpus)], env, (120, 30))
    except OSError as error:
        pytest.skip(f"no pseudo-terminal: {error}")
    try:
        # The library listed (every title in the sidebar, the count in the status line)
        # and the first article, the unreadable one named with an OSC 2, opened.
        terminal.wait_for(
            lambda: (
                all(title in terminal.text() for title in _SIDEBAR_TITLES)
                and f"{len(CORPUS)} articles" in terminal.text()
                and "could not be read" in terminal.text()
            ),
            "the library and the first article",
        )
        # Every other article in turn, in the sidebar's order (as first drawn), so every
        # hostile name is drawn in the meta line under the title. A step is done when
        # the article is highlighted in the sidebar and a meta line is drawn after it.
        first_frame = terminal.text()
        order = sorted(_SIDEBAR_TITLES, key=first_frame.index)
        for title in order:
            mark = terminal.send(b"]")
            step = re.compile(re.escape(f"\u258c{title}") + r".*\.(?:txt|md) · \d+ words", re.S)
            terminal.wait_for(
                lambda step=step, mark=mark: step.search(terminal.text(mark)), f"{title!r} opened"
            )
        terminal.send(b"q")
        code = terminal.finish()
    except AssertionError as error:  # a wait that failed: what was drawn is checked first
        failure, code = error, None
    else:
        failure = None
    finally:
        terminal.close()
    assert_no_hostile_bytes(terminal.raw, terminal.text())
    if failure is not None:
        raise failure
    shown = terminal.text()
    assert code == 0, shown[-3000:]
    # The names were drawn, made safe (so the checks above looked at something).
    for name in ("csired.txt", "c1-2J0;x.txt", "biditxt.exe.txt", "bad-\\xff.txt", "isoxzw.txt"):
        assert name in shown, name
