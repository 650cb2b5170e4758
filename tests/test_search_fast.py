"""``limelight search`` answers from the index when nothing changed, and
still finds what did: a file edited, added or removed, a new note."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import freshness
from reader.library.freshness import fingerprint
from reader.search.index import SearchIndex
from reader.store import Store
from reader.workspace import Workspace
from tests.helpers import write


@pytest.fixture(autouse=True)
def trust_recent_times(monkeypatch):
    """Trust file times however recent: the tests change files with explicit,
    distinct sizes and times, so no change hides in the clock's granularity."""
    monkeypatch.setattr(freshness, "RACY_NS", -(10**9))


@pytest.fixture
def library(tmp_path) -> Path:
    folder = tmp_path / "lib"
    (folder / "sub").mkdir(parents=True)
    write(folder, "otter.txt", "Otters\n\nThe river otter swims at dawn.\n")
    write(folder, "sub/heron.md", "# Herons\n\nA grey heron waits by the weir.\n")
    Store().add_source(folder)
    return folder


def titles(capsys, *words: str) -> list[str]:
    code = main(["search", *words, "--json"])
    out, _ = capsys.readouterr()
    assert code == 0
    return [row["title"] for row in json.loads(out)]


def edit(path: Path, text: str) -> None:
    """Rewrite ``path`` in place, with a modification time of its own."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 7_000_000_000, before + 7_000_000_000))


def test_a_search_with_nothing_changed_reads_no_file_and_no_database(capsys, library, monkeypatch):
    assert titles(capsys, "otter") == ["Otters"]

    def refuse(*args, **kwargs):
        raise AssertionError("nothing changed: nothing should be scanned or opened")

    monkeypatch.setattr(Workspace, "scan", refuse)
    monkeypatch.setattr(Workspace, "open_store", refuse)
    assert titles(capsys, "heron") == ["Herons"]
    assert titles(capsys, "otter") == ["Otters"]


def test_a_file_edited_in_place_is_searched_as_it_is_now(capsys, library):
    assert titles(capsys, "otter") == ["Otters"]
    edit(library / "otter.txt", "Otters\n\nThe sea otter floats among kelp forests.\n")
    assert titles(capsys, "kelp") == ["Otters"]
    assert titles(capsys, "river") == []


def test_a_file_added_is_found_and_a_file_removed_is_forgotten(capsys, library):
    assert titles(capsys, "heron") == ["Herons"]
    write(library / "sub", "crane.txt", "Cranes\n\nA crane dances on the marsh.\n")
    assert titles(capsys, "marsh") == ["Cranes"]
    (library / "sub" / "heron.md").unlink()
    assert titles(capsys, "heron") == []
    assert titles(capsys, "marsh") == ["Cranes"]


def test_a_new_note_is_found_without_a_scan(capsys, library, monkeypatch):
    from reader.store.annotations import make_annotation

    main(["search", "otter", "--json"])
    (row,) = json.loads(capsys.readouterr().out)
    article_id = row["article_id"]
    body = "The river otter swims at dawn."
    Store().add_annotation(make_annotation(article_id, body, 4, 9, note="quokka sighting"))
    monkeypatch.setattr(
        Workspace, "scan", lambda *a, **k: (_ for _ in ()).throw(AssertionError("scanned"))
    )
    code = main(["search", "quokka", "--json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 0 and [row["field"] for row in rows] == ["note"]


def test_another_update_of_the_index_voids_its_stamp(capsys, library, tmp_path):
    assert titles(capsys, "otter") == ["Otters"]
    other = tmp_path / "other.txt"
    write(tmp_path, "other.txt", "Badgers\n\nA badger digs a sett.\n")
    workspace = Workspace([other])  # the app, say, named another file
    assert workspace.index.freshness() is not None
    workspace.update_index(list(workspace.scan()))
    assert workspace.index.freshness() is None
    workspace.close()
    assert titles(capsys, "badger") == []  # not a source of the command line's library
    assert titles(capsys, "otter") == ["Otters"]


def test_the_fingerprint_changes_with_every_change_a_scan_would_see(tmp_path):
    folder = tmp_path / "lib"
    (folder / "deep").mkdir(parents=True)
    write(folder, "a.txt", "Alpha\n\nOne.\n")
    write(folder, "deep/b.md", "# Beta\n\nTwo.\n")
    first = fingerprint([folder])
    assert first.same(fingerprint([folder]))
    assert first.count == 4  # two files, the folder and its sub-folder

    edit(folder / "deep" / "b.md", "# Beta\n\nTwo, and more.\n")
    edited = fingerprint([folder])
    assert not edited.same(first)

    write(folder, "c.html", "<title>Gamma</title><p>Three.</p>")
    added = fingerprint([folder])
    assert not added.same(edited) and added.count == edited.count + 1

    (folder / "a.txt").unlink()
    removed = fingerprint([folder])
    assert not removed.same(added) and removed.count == added.count - 1


def test_hidden_and_unread_files_are_not_walked(tmp_path):
    folder = tmp_path / "lib"
    (folder / ".git").mkdir(parents=True)
    write(folder, "a.txt", "Alpha\n\nOne.\n")
    for name in (".git/index.txt", ".notes.txt", "photo.jpg"):
        write(folder, name, "x")
    assert fingerprint([folder]).count == 2  # the folder and a.txt


def test_a_missing_source_has_a_fingerprint_that_changes_when_it_appears(tmp_path):
    gone = tmp_path / "later.txt"
    missing = fingerprint([gone])
    assert missing.count == 1 and missing.same(fingerprint([gone]))
    write(tmp_path, "later.txt", "Later\n\nHere now.\n")
    assert not fingerprint([gone]).same(missing)


def test_a_fingerprint_of_times_just_now_is_not_settled(tmp_path, monkeypatch):
    monkeypatch.setattr(freshness, "RACY_NS", 2_000_000_000)
    write(tmp_path, "a.txt", "Alpha\n\nOne.\n")
    assert not fingerprint([tmp_path]).settled()
    # Modification times set back (cp -p, tar, rsync -t) hide nothing: the
    # change time of the file is still now.
    old = 1_000_000_000_000_000_000  # 2001
    os.utime(tmp_path / "a.txt", ns=(old, old))
    os.utime(tmp_path, ns=(old, old))
    assert not fingerprint([tmp_path]).settled()


def test_a_stamp_kept_while_files_were_this_recent_is_not_trusted(capsys, library, monkeypatch):
    monkeypatch.setattr(freshness, "RACY_NS", 3600 * 10**9)  # everything is "just now"
    assert titles(capsys, "otter") == ["Otters"]
    index = SearchIndex()
    assert index.freshness() is None  # nothing kept: the next search scans
    index.close()


async def test_the_library_search_shows_the_first_matches_then_every_match_ranked(
    tmp_path, monkeypatch
):
    from reader.ui import library_search
    from reader.ui.app import LimelightApp
    from tests.helpers import settle

    # A screenful of 2, from the first 2 matches: the best match comes later.
    monkeypatch.setattr(library_search, "QUICK_SHOWN", 2)
    monkeypatch.setattr(library_search, "QUICK_MATCHES", 2)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(4):
        write(folder, f"{n}.txt", f"Note {n}\n\nA line that mentions the otter once.\n")
    write(folder, "9.txt", "Otter otter\n\nThe otter, the otter and the otter again.\n")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()  # the index is built
        await pilot.press("s", *"otter")
        await settle(pilot)
        screen = app.screen
        assert [r.title for r in screen.results][0] == "Otter otter"
        assert len(screen.results) == 5
        status = str(screen.query_one("#library-search-status").render())
        assert status.split(" · ")[0] == "5 results"


def test_unranked_search_gives_the_first_matches_title_hits_first(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for n in range(5):
        write(folder, f"{n}.txt", f"Note {n}\n\nA line that mentions the otter once.\n")
    write(folder, "9.txt", "Otter news\n\nThe otter again.\n")
    Store().add_source(folder)
    workspace = Workspace()
    index = workspace.fresh_index()
    first = index.search("otter", limit=3, ranked=False)
    assert len(first) == 3 and first[0].title == "Otter news"  # title hits first
    assert not index.ranking_is_quick("otter", 5)  # in six articles
    assert index.ranking_is_quick("otter", 6)
    assert index.ranking_is_quick("otter -none", 6)
    workspace.close()
