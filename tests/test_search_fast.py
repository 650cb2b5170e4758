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
    distinct sizes and times, so no change hides in the clock's granularity.
    And walk ahead in a child whatever else the machine is running, so the
    tests of the look-ahead take the same path each time."""
    monkeypatch.setattr(freshness, "RACY_NS", -(10**9))
    monkeypatch.setattr(freshness, "_cpu_to_spare", lambda: True)


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


def test_pages_fetched_into_the_data_folder_are_found_without_a_change_to_the_store(
    capsys, library, monkeypatch
):
    from reader.store.paths import web_dir

    assert titles(capsys, "otter") == ["Otters"]  # the stamp kept: web/ not there yet
    # A fetched page is only a file in web/: the store is not written.
    monkeypatch.setattr(Store, "add_source", lambda *a, **k: pytest.fail("store written"))
    web_dir().mkdir()
    write(web_dir(), "kingfisher.txt", "Kingfishers\n\nA kingfisher dives for a minnow.\n")
    assert titles(capsys, "minnow") == ["Kingfishers"]
    write(web_dir(), "dipper.txt", "Dippers\n\nA dipper walks under the stream.\n")
    assert titles(capsys, "stream") == ["Dippers"]  # the stamp now holds web/ too
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


# -- the look-ahead: the library walked in another process while the query runs


def test_a_fingerprint_taken_ahead_is_the_one_taken_here(tmp_path):
    folder = tmp_path / "lib"
    (folder / "deep").mkdir(parents=True)
    write(folder, "a.txt", "Alpha\n\nOne.\n")
    write(folder, "deep/b.md", "# Beta\n\nTwo.\n")
    ahead = freshness.Ahead([folder, tmp_path / "gone.txt"])
    if freshness._can_fork():
        assert ahead._pid is not None  # walking in a child process
    found = ahead.result()
    assert found.same(fingerprint([folder, tmp_path / "gone.txt"])) and found.count == 5
    assert ahead._pid is None  # the child was waited for
    assert ahead.result() is found


def test_a_fingerprint_is_taken_here_when_no_child_can_be(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Alpha\n\nOne.\n")

    def no_fork():
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork, raising=False)
    ahead = freshness.Ahead([tmp_path])
    assert ahead.result().same(fingerprint([tmp_path]))


def test_no_child_walks_where_this_process_has_one_cpu(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Alpha\n\nOne.\n")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked with one CPU"), raising=False)
    ahead = freshness.Ahead([tmp_path])
    assert ahead._pid is None
    assert ahead.result().same(fingerprint([tmp_path]))


def test_no_child_walks_while_every_cpu_is_busy(tmp_path, monkeypatch):
    write(tmp_path, "a.txt", "Alpha\n\nOne.\n")
    monkeypatch.undo()  # the real _cpu_to_spare, reading the /proc/loadavg made here
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    loadavg = tmp_path / "loadavg"
    real_open = open

    def proc(path, *args, **kwargs):
        return real_open(loadavg if path == "/proc/loadavg" else path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", proc)
    loadavg.write_text("1.90 1.20 0.80 2/412 4242\n")  # this process and another running
    monkeypatch.setattr(os, "fork", lambda: pytest.fail("forked with no CPU free"), raising=False)
    ahead = freshness.Ahead([tmp_path])
    assert ahead._pid is None and ahead.result().same(fingerprint([tmp_path]))
    loadavg.write_text("0.90 1.20 0.80 1/412 4242\n")  # this process alone
    assert freshness._cpu_to_spare()
    loadavg.write_text("garbage")
    assert freshness._cpu_to_spare()  # cannot be told: a child is tried


def test_a_child_that_fails_leaves_the_answer_to_this_process(tmp_path, monkeypatch):
    if not freshness._can_fork():
        pytest.skip("no fork here")
    for n in range(3):
        (tmp_path / f"f{n}").mkdir()
        write(tmp_path / f"f{n}", "a.txt", "Alpha\n\nOne.\n")
    real = freshness._Walk.part
    parent = os.getpid()

    def broken_in_the_child(self, number):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(self, number)

    monkeypatch.setattr(freshness._Walk, "part", broken_in_the_child)
    found = freshness.Ahead([tmp_path]).result()
    assert found.same(fingerprint([tmp_path])) and found.count == 7


def test_a_walk_shared_between_two_processes_adds_up_to_the_whole(tmp_path):
    folder = tmp_path / "lib"
    for n in range(6):
        (folder / f"f{n}" / "deeper").mkdir(parents=True)
        write(folder / f"f{n}", "a.md", "# A\n\nOne.\n")
        write(folder / f"f{n}" / "deeper", "b.txt", "B\n\nTwo.\n")
    for n in range(freshness._BLOCK + 3):  # more than one block of files at the top
        write(folder, f"top{n}.txt", "T\n\nThree.\n")
    write(folder, ".hidden.txt", "x")
    (folder / "f0" / "loop").symlink_to(folder)  # back to the top: walked once
    (folder / "again").symlink_to(folder / "f1")  # the same folder twice: in two parts
    whole = fingerprint([folder])
    # the top, six folders of four, the top files, f1 again (not the loop)
    assert whole.count == 1 + 6 * 4 + freshness._BLOCK + 3 + 4
    for _ in range(3):  # the child and this process meet at different parts
        ahead = freshness.Ahead([folder])
        assert ahead.result().same(whole)
    edit(folder / "f5" / "deeper" / "b.txt", "B\n\nTwo, and more.\n")
    assert not freshness.Ahead([folder]).result().same(whole)


def test_an_abandoned_look_ahead_leaves_no_child_behind(tmp_path):
    if not freshness._can_fork():
        pytest.skip("no fork here")
    write(tmp_path, "a.txt", "Alpha\n\nOne.\n")
    ahead = freshness.Ahead([tmp_path])
    pid = ahead._pid
    ahead.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # already reaped


def test_the_stamp_is_read_by_sqlite_exactly_as_json_reads_it(tmp_path):
    from reader.search import stamp

    index = SearchIndex(tmp_path / "search.sqlite")
    conn = index._reader()
    assert stamp.read(conn) is None  # none kept yet
    not_utf8 = os.fsdecode(b"/lib/caf\xe9")  # a name's undecodable byte, kept as a surrogate
    big = freshness.Fingerprint(3, (1 << 64) - 5, -7, 10**18, 10**18 + 1)  # a total past 2**63
    for paths in (["/lib/plain", "/lib/ünïcode \"quoted\""], [not_utf8]):
        kept = {"version": 2, "paths": paths, "store": [1, 2, 3, 4], "library": big.to_list()}
        assert index.set_freshness(kept, index.generation())
        value = conn.execute("SELECT value FROM fresh WHERE key = 'library'").fetchone()[0]
        read = stamp.read(conn)
        assert read == json.loads(value) == {**kept, "generation": index.generation()}
        assert freshness.Fingerprint.from_list(read["library"]) == big
        stamp.keep_paths_hint(paths, index.path)
        assert stamp.paths_hint(index.path) == paths
    index.close()


def test_the_walk_ahead_begins_with_the_paths_the_stamp_had_and_no_other(
    capsys, library, tmp_path, monkeypatch
):
    from reader.search import stamp

    assert titles(capsys, "otter") == ["Otters"]
    index = SearchIndex()
    kept = index.freshness()["paths"]
    index.close()
    assert stamp.paths_hint() == kept  # kept beside the index with the stamp
    stamp.hint_path().unlink()
    assert titles(capsys, "heron") == ["Herons"]
    assert stamp.paths_hint() == kept  # a stamp without its hint gets it back
    decoy = tmp_path / "decoy"
    decoy.mkdir()
    write(decoy, "otter.txt", "Otters\n\nThe river otter swims at dawn.\n")
    stamp.keep_paths_hint([str(decoy)])  # as if another library's stamp had been kept
    walks = []
    real = freshness._Walk.__init__

    def counted(self, paths):
        walks.append([str(path) for path in paths])
        real(self, paths)

    monkeypatch.setattr(freshness._Walk, "__init__", counted)
    edit(library / "otter.txt", "Otters\n\nThe sea otter floats among kelp forests.\n")
    assert titles(capsys, "kelp") == ["Otters"]  # the decoy's walk did not stand for the library's
    assert walks == [[str(decoy)], kept]
    assert stamp.paths_hint() == kept  # put right


def test_a_query_asked_ahead_stands_only_if_nothing_changed(capsys, library, monkeypatch):
    asked = []
    real = SearchIndex.search

    def counted(self, *args, **kwargs):
        asked.append(args[0])
        return real(self, *args, **kwargs)

    monkeypatch.setattr(SearchIndex, "search", counted)
    assert titles(capsys, "otter") == ["Otters"]  # first: no stamp to look ahead with
    asked.clear()
    assert titles(capsys, "otter") == ["Otters"]
    assert len(asked) == 1  # asked while the library was walked, and it stood
    asked.clear()
    edit(library / "otter.txt", "Otters\n\nThe sea otter floats among kelp forests.\n")
    assert titles(capsys, "kelp") == ["Otters"]
    assert len(asked) == 2  # the answer asked ahead was from before the edit: asked again


def test_an_index_updated_while_looking_ahead_is_asked_again(capsys, library, tmp_path):
    assert titles(capsys, "otter") == ["Otters"]
    workspace = Workspace()
    workspace.look_ahead()
    guess = workspace.index.search("crane")
    # Meanwhile another process adds a file and brings the index up to date.
    write(library, "crane.txt", "Cranes\n\nA crane dances on the marsh.\n")
    other = Workspace()
    other.fresh_index()
    other.close()
    index = workspace.fresh_index()
    assert guess == [] and not workspace.held_since_look_ahead
    assert [r.title for r in index.search("crane")] == ["Cranes"]
    workspace.close()


def test_a_search_process_ends_with_all_its_output_and_its_status(library, tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    for _ in range(2):  # the index built, then answered from it (looking ahead)
        done = subprocess.run(
            [sys.executable, "-m", "reader", "search", "otter", "--json"],
            capture_output=True, text=True, env=env, check=False,
        )
        assert done.returncode == 0, done.stderr
        assert [row["title"] for row in json.loads(done.stdout)] == ["Otters"]
    failed = subprocess.run(
        [sys.executable, "-m", "reader", "search", "otter", "--limit", "0"],
        capture_output=True, text=True, env=env, check=False,
    )
    assert failed.returncode == 1 and "--limit must be at least 1" in failed.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["otter"],
        ["river", "otter", "--json"],
        ["--limit", "3", "otter"],
        ["otter", "--limit", "007", "--json", "--json"],
        ['"belt and road"', "said:Li", "sanction*"],
        ["", "otter"],
    ],
)
def test_plain_search_arguments_are_read_as_argparse_reads_them(argv):
    from reader.cli import _search_args, _search_parser

    quick, parsed = _search_args(argv), _search_parser().parse_args(argv)
    assert (quick.query, quick.json, quick.limit) == (parsed.query, parsed.json, parsed.limit)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--json"],
        ["otter", "-river"],  # an exclusion: argparse puts it last
        ["otter", "--limit"],
        ["otter", "--limit", "-1"],
        ["otter", "--limit=3"],
        ["otter", "--limit", "²"],
        ["otter", "--lim", "3"],
        ["otter", "--help"],
        ["--", "otter"],
    ],
)
def test_other_search_arguments_are_left_to_argparse(argv):
    from reader.cli import _search_args

    assert _search_args(argv) is None


def test_a_search_after_a_change_walks_the_library_once(capsys, library, monkeypatch):
    assert titles(capsys, "otter") == ["Otters"]
    walks = []
    real = freshness._Walk.__init__

    def counted(self, paths):
        walks.append(list(paths))
        real(self, paths)

    monkeypatch.setattr(freshness._Walk, "__init__", counted)
    edit(library / "otter.txt", "Otters\n\nThe sea otter floats among kelp forests.\n")
    assert titles(capsys, "kelp") == ["Otters"]
    assert len(walks) == 1  # compared with the stamp, then kept as the new one's
    walks.clear()
    assert titles(capsys, "kelp") == ["Otters"]  # the new stamp holds
    assert len(walks) == 1
