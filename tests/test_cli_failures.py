"""Ordinary failures of the command line: one line, ``limelight: ...``, a non-zero
exit, never a traceback (issue 10: item 5, item 7 and ``add ''`` / a removed
source folder). Commands run as real subprocesses with their own data folder
wherever a subprocess can reproduce the failure; the rest inject the OSError
in-process."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parent.parent


def limelight(home: Path | str, *args: str, cwd: Path | None = None, timeout: float = 60):
    env = {**os.environ, "LIMELIGHT_HOME": str(home)}
    env.pop("LIMELIGHT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
    )


def one_line_failure(result, *words: str) -> str:
    """The process failed with exactly one line on stderr, ``limelight: ...``."""
    err = result.stderr
    assert result.returncode != 0, (result.stdout, err)
    assert "Traceback" not in err, err
    lines = err.strip("\n").split("\n")
    assert len(lines) == 1 and lines[0].startswith("limelight: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    (folder / "harbour.txt").write_text(
        "Harbour diary\n\nThe ships sailed from Lisbon at dawn.\n", encoding="utf-8"
    )
    return folder


@contextlib.contextmanager
def read_only(folder: Path):
    """``folder`` cannot be written, even by root (``chattr +i`` then)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root without chattr: no way to make a folder read-only")
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if made.returncode != 0:
            pytest.skip(f"chattr +i refused here: {made.stderr.decode(errors='replace')}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


# -- item 5: a read-only data folder ------------------------------------------------


def test_a_read_only_data_folder_refuses_changes_in_one_line(tmp_path, limelight_home):
    folder = articles(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    assert limelight(limelight_home, "add", str(folder)).returncode == 0
    with read_only(limelight_home):
        one_line_failure(limelight(limelight_home, "add", str(other)), "could not save")
        one_line_failure(limelight(limelight_home, "remove", str(folder)), "could not forget")
        # What needs no write still works.
        listed = limelight(limelight_home, "list")
        assert listed.returncode == 0 and "Harbour diary" in listed.stdout, listed.stderr
        again = limelight(limelight_home, "add", str(folder))
        assert again.returncode == 0 and "already in the library" in again.stdout


def test_search_in_a_read_only_data_folder_answers_and_says_once_it_cannot_save(
    tmp_path, limelight_home
):
    folder = articles(tmp_path)
    assert limelight(limelight_home, "add", str(folder)).returncode == 0
    with read_only(limelight_home):
        found = limelight(limelight_home, "search", "ships")
    assert found.returncode == 1, found.stderr  # answered, but the failure is reported
    assert "Traceback" not in found.stderr
    assert "Harbour diary" in found.stdout
    lines = found.stderr.strip().split("\n")
    assert all(line.startswith("limelight: ") for line in lines) and len(set(lines)) == len(lines)
    [line] = [line for line in lines if "search index" in line]  # said once
    assert line.startswith("limelight: the search index cannot be saved")


def test_a_data_folder_without_its_lock_file_refuses_changes_in_one_line(tmp_path, limelight_home):
    """Read-only before the lock file was ever made: the store opens read-only."""
    folder = articles(tmp_path)
    with read_only(limelight_home):
        one_line_failure(limelight(limelight_home, "add", str(folder)), "could not save")


# -- item 5: broken files in the data folder ----------------------------------------


def test_a_database_that_is_a_folder_fails_in_one_line(tmp_path, limelight_home):
    folder = articles(tmp_path)
    (limelight_home / "limelight.json").mkdir()
    for args in (["add", str(folder)], ["remove", str(folder)], ["list"], ["search", "ships"]):
        one_line_failure(limelight(limelight_home, *args), "limelight.json")


def test_a_lock_that_is_a_folder_fails_in_one_line(tmp_path, limelight_home):
    folder = articles(tmp_path)
    assert limelight(limelight_home, "add", str(folder)).returncode == 0
    lock = limelight_home / "limelight.json.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    other = tmp_path / "other"
    other.mkdir()
    one_line_failure(limelight(limelight_home, "add", str(other)), "limelight.json.lock")
    one_line_failure(limelight(limelight_home, "remove", str(folder)), "limelight.json.lock")
    assert limelight(limelight_home, "list").returncode == 0


def test_an_unreadable_database_fails_in_one_line(tmp_path, limelight_home, monkeypatch, capsys):
    folder = articles(tmp_path)
    assert limelight(limelight_home, "add", str(folder)).returncode == 0
    database = limelight_home / "limelight.json"
    if os.geteuid() != 0:
        database.chmod(0)
        try:
            for args in (["add", str(folder)], ["list"], ["search", "ships"]):
                one_line_failure(limelight(limelight_home, *args), "ermission denied")
        finally:
            database.chmod(0o644)
        return
    # Root reads every file: refuse the read in-process instead.
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "limelight.json":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    for args in (["add", str(folder)], ["remove", str(folder)], ["list"], ["search", "ships"]):
        code = main(args)
        out, err = capsys.readouterr()
        assert code == 1, (args, out, err)
        assert err.count("\n") == 1 and err.startswith("limelight: "), err
        assert "Permission denied" in err and "limelight.json" in err


def test_a_data_folder_that_cannot_be_made_fails_in_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    home = blocker / "limelight"
    folder = articles(tmp_path)
    for args in (["add", str(folder)], ["remove", str(folder)], ["list"], ["search", "ships"]):
        one_line_failure(limelight(home, *args), "cannot use the data folder", "Not a directory")


def test_names_over_the_length_limit_fail_in_one_line(tmp_path, limelight_home):
    long_name = "a" * 300
    one_line_failure(limelight(limelight_home, "add", str(tmp_path / long_name)), "too long")
    one_line_failure(limelight(tmp_path / long_name, "list"), "cannot use the data folder")
    one_line_failure(limelight(tmp_path / long_name, "search", "x"), "too long")


def test_an_unknown_user_in_a_path_fails_in_one_line(limelight_home):
    for command in ("add", "remove", "list"):
        one_line_failure(
            limelight(limelight_home, command, "~nosuchuser-limelight/x"), "no such user"
        )
    one_line_failure(limelight(limelight_home, "~nosuchuser-limelight/x"), "no such")


def test_a_limit_sqlite_cannot_hold_fails_in_one_line(limelight_home):
    huge = "99999999999999999999"
    one_line_failure(limelight(limelight_home, "search", "--limit", huge, "china"), "--limit")
    one_line_failure(limelight(limelight_home, "people", "--limit", huge), "--limit")
    found = limelight(limelight_home, "search", "--limit", "1000000000", "china", "--json")
    assert found.returncode == 0 and len(json.loads(found.stdout)) == 1


# -- item 5: failures injected in-process -------------------------------------------


def test_a_full_disk_fails_in_one_line(tmp_path, monkeypatch, capsys):
    folder = articles(tmp_path)
    assert main(["list"]) == 0  # the data folder and its database exist
    capsys.readouterr()
    real_fsync = os.fsync

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    assert main(["add", str(folder)]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "No space left on device" in err, err
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert main(["add", str(folder)]) == 0
    capsys.readouterr()

    import sqlite3

    from reader.search.index import SearchIndex

    def full(self, *args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SearchIndex, "update", full)
    assert main(["search", "ships"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "disk is full" in err, err


def test_a_lock_held_over_its_timeout_fails_in_one_line(
    tmp_path, limelight_home, monkeypatch, capsys
):
    from reader.store import Store

    folder = articles(tmp_path)
    Store()
    lock = limelight_home / "limelight.json.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from filelock import FileLock; "
            f"l = FileLock({str(lock)!r}); l.acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setitem(Store.__init__.__kwdefaults__, "lock_timeout", 0.3)
        started = time.monotonic()
        assert main(["add", str(folder)]) == 1
        _, err = capsys.readouterr()
        assert err.count("\n") == 1 and "did not come free" in err, err
        assert time.monotonic() - started < 5  # the lock is waited for once, not per write
    finally:
        holder.kill()
        holder.wait()


# -- item 5: the app ------------------------------------------------------------------


def test_the_app_exits_non_zero_after_a_crash(monkeypatch):
    from reader.ui.app import LimelightApp

    run = LimelightApp.run
    monkeypatch.setattr(LimelightApp, "run", lambda self, **kw: run(self, headless=True, **kw))

    def crash(self):
        raise RuntimeError("boom")

    monkeypatch.setattr(LimelightApp, "on_mount", crash)
    assert main([]) != 0


async def test_the_app_keeps_reading_in_a_read_only_data_folder(tmp_path, limelight_home):
    from reader.store import Store
    from reader.ui.app import LimelightApp
    from reader.ui.article_view import ArticleView
    from tests.helpers import settle

    Store()
    with read_only(limelight_home):
        app = LimelightApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.is_running
            assert app.query_one(ArticleView).article is not None
            assert app.search_index.search("china")  # searching still works
            await pilot.press("j", "space", "m")
            await settle(pilot)
            messages = [n.message for n in app._notifications]
            assert sum("search index cannot be saved" in m for m in messages) == 1, messages
    assert not app.return_code  # no crash


# -- item 7: a lone surrogate in a note ---------------------------------------------


def test_a_lone_surrogate_in_a_note_breaks_no_output(tmp_path, limelight_home):
    from reader.library.loader import load_file
    from reader.store import Store, make_annotation

    folder = articles(tmp_path)
    assert limelight(limelight_home, "add", str(folder)).returncode == 0
    article = load_file(folder / "harbour.txt")
    start = article.body.index("ships")
    Store().add_annotation(
        make_annotation(
            article.id,
            article.body,
            start,
            start + 5,
            note="odd \ud800 note \udcff byte",
            tags=["t\udfffag"],
            title="Harbour\ud83d diary",
        )
    )
    for args in (
        ["notes"],
        ["notes", "--json"],
        ["export"],
        ["export", "--format", "json"],
        ["search", "ships"],
        ["search", "odd", "--json"],
    ):
        result = limelight(limelight_home, *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
    # JSON keeps the string exact, as \u escapes.
    exported = json.loads(limelight(limelight_home, "export", "--format", "json").stdout)
    assert exported["annotations"][0]["note"] == "odd \ud800 note \udcff byte"
    assert exported["annotations"][0]["tags"] == ["t\udfffag"]
    notes = json.loads(limelight(limelight_home, "notes", "--json").stdout)
    assert notes[0]["title"] == "Harbour\ud83d diary"
    # Markdown and plain output: U+FFFD for each, the same way.
    markdown = limelight(limelight_home, "export").stdout
    assert "odd \ufffd note \ufffd byte" in markdown and "#t\ufffdag" in markdown
    assert "## Harbour\ufffd diary" in markdown
    plain = limelight(limelight_home, "notes").stdout
    assert "odd \ufffd note \ufffd byte" in plain
    out = tmp_path / "notes.md"
    written = limelight(limelight_home, "export", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8") == markdown
    hits = json.loads(limelight(limelight_home, "search", "odd", "--json").stdout)
    assert [hit["field"] for hit in hits] == ["note"]


# -- also: add '' and a removed source folder ---------------------------------------


def test_an_empty_path_is_refused_not_taken_for_the_current_folder(tmp_path, limelight_home):
    (tmp_path / "here.txt").write_text("Here\n\nText here.\n", encoding="utf-8")
    for args in (["add", ""], ["remove", ""], ["list", ""], [""]):
        one_line_failure(limelight(limelight_home, *args, cwd=tmp_path), "empty path")
    listed = json.loads(limelight(limelight_home, "list", "--json", cwd=tmp_path).stdout)
    assert "Here" not in [row["title"] for row in listed]


def test_a_removed_source_folder_says_it_is_gone_and_how_to_forget_it(tmp_path, limelight_home):
    folder = articles(tmp_path)
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "g.txt").write_text("G\n\nBody.\n", encoding="utf-8")
    assert limelight(limelight_home, "add", str(folder), str(gone)).returncode == 0
    shutil.rmtree(gone)
    listed = limelight(limelight_home, "list")
    assert listed.returncode == 0
    [line] = [line for line in listed.stdout.splitlines() if str(gone) in line]
    assert "file not found" not in line
    assert "folder is gone" in line and f"limelight remove {gone}" in line
    rows = json.loads(limelight(limelight_home, "list", "--json").stdout)
    [row] = [row for row in rows if row["source"] == str(gone)]
    assert "folder is gone" in row["error"]
    assert limelight(limelight_home, "remove", str(gone)).returncode == 0
