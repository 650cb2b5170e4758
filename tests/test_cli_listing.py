"""``limelight list PATH`` does what a listing must and no more: it writes no
database into a new data folder, remembers nothing it did not before, and
its process leaves at once (no clean-up of the interpreter) without losing
what it kept in the library cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reader.cli import main
from reader.library.catalogue_cache import CatalogueCache
from reader.store import Store
from reader.store.paths import cache_dir
from tests.helpers import write

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "pages" / "dev" / "essay_slow_reading.html"


def listed(capsys, *paths: Path | str) -> list[dict]:
    code = main(["list", "--json", *map(str, paths)])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    return json.loads(out)


def limelight(home: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m reader ARGS`` as the user runs it (through ``run()``)."""
    env = {**os.environ, "LIMELIGHT_HOME": str(home), "LIMELIGHT_CONFIG": str(home / "none.toml")}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_listing_a_path_in_a_new_data_folder_makes_no_database(capsys, tmp_path, limelight_home):
    article = write(tmp_path, "puffins.txt", "Puffins\n\nPuffins nest on the cliffs.\n")
    rows = listed(capsys, article)
    assert [(row["title"], row["source"]) for row in rows] == [("Puffins", str(article.resolve()))]
    assert not (limelight_home / "limelight.json").exists()
    # Nothing was remembered either: the next plain listing is the sample library.
    assert [row["title"] for row in listed(capsys)][0].startswith("China")


def test_a_listing_reads_the_database_once_there_is_one(capsys, tmp_path, limelight_home):
    (tmp_path / "added").mkdir()
    added = write(tmp_path / "added", "a.txt", "Added\n\nFrom a remembered folder.\n")
    opened = write(tmp_path, "opened.txt", "Opened\n\nOpened once with limelight PATH.\n")
    named = write(tmp_path, "named.txt", "Named\n\nNamed on this command line.\n")
    store = Store()
    store.add_source(added.parent)
    store.remember_opened([opened])
    store.close()
    titles = [row["title"] for row in listed(capsys, named)]
    assert titles == ["Named", "Added", "Opened"]


def test_a_data_folder_that_cannot_be_made_still_fails_a_listing(tmp_path, capsys, monkeypatch):
    blocker = write(tmp_path, "a-file", "not a folder")
    monkeypatch.setenv("LIMELIGHT_HOME", str(blocker / "limelight"))
    assert main(["list", str(blocker)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("limelight: cannot use the data folder") and err.count("\n") == 1


def test_a_database_link_is_read_through_not_passed_over(capsys, tmp_path, limelight_home):
    kept = tmp_path / "elsewhere" / "limelight.json"
    kept.parent.mkdir()
    (tmp_path / "lib").mkdir()
    folder = write(tmp_path / "lib", "a.txt", "Linked\n\nA source the linked database keeps.\n")
    (limelight_home / "limelight.json").symlink_to(kept)
    Store().add_source(folder.parent)
    assert kept.exists()
    assert [row["title"] for row in listed(capsys)] == ["Linked"]


def test_the_quick_exit_keeps_what_the_listing_cached(tmp_path, monkeypatch):
    home = tmp_path / "home"
    # A copy dated an hour ago: a file changed within the last moments is
    # read again by every scan (its time cannot yet be trusted), and a fresh
    # checkout's files are that new.
    page = tmp_path / PAGE.name
    page.write_bytes(PAGE.read_bytes())
    hour_ago = page.stat().st_mtime - 3600
    os.utime(page, (hour_ago, hour_ago))
    done = limelight(home, "list", "--json", str(page))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    [row] = json.loads(done.stdout)
    assert row["title"] == "On Reading Slowly" and row["words"] > 100
    assert not (home / "limelight.json").exists()
    # The cache the process left holds the page: a scan reuses it, reading nothing.
    monkeypatch.setenv("LIMELIGHT_HOME", str(home))
    with CatalogueCache(cache_dir() / "catalogue.sqlite") as cache:
        [meta] = cache.scan([page])
        assert (cache.last_scan.read, cache.last_scan.reused) == (0, 1)
    assert meta.id == row["id"] and meta.title == row["title"]


def test_a_listing_into_a_closed_pipe_exits_quietly(tmp_path):
    home = tmp_path / "home"
    env = {**os.environ, "LIMELIGHT_HOME": str(home), "LIMELIGHT_CONFIG": str(home / "none.toml")}
    listing = subprocess.Popen(
        [sys.executable, "-m", "reader", "list", str(PAGE)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    listing.stdout.close()  # the reader of the pipe is gone before anything is written
    err = listing.stderr.read().decode()
    assert listing.wait(timeout=60) == 0 and "Traceback" not in err
