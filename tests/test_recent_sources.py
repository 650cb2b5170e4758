"""What ``limelight PATH`` opened is remembered: the last article read there
reopens at its place, and its files stay in the command line's library
(``search``, ``list``) until ``limelight remove PATH`` forgets them."""

from __future__ import annotations

import json
from pathlib import Path

from reader.cli import main
from reader.store import Store
from reader.store.db import RECENT_LIMIT
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from tests.helpers import settle, wait_until, write


def long_library(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write(folder, "a.txt", "Alpha\n\nShort and first.\n")
    paragraphs = "\n\n".join(f"Paragraph {i} of the long beta article." for i in range(80))
    write(folder, "b.txt", f"Beta\n\n{paragraphs}\n")
    return folder


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the store ------------------------------------------------------------------


def test_recent_sources_are_kept_apart_from_the_added_ones(tmp_path):
    store = Store()
    added, first, second = (tmp_path / name for name in ("added", "first.txt", "second"))
    store.add_source(added)
    assert store.remember_opened([first]) == [str(first.resolve())]
    assert store.remember_opened([second, added]) == [str(second.resolve())]
    assert store.sources() == [str(added.resolve())]
    assert store.recent_sources() == [str(second.resolve()), str(first.resolve())]
    store.remember_opened([first])  # opened again: the most recent once more
    assert Store().recent_sources() == [str(first.resolve()), str(second.resolve())]


def test_only_the_last_recent_sources_are_kept(tmp_path):
    store = Store()
    for n in range(RECENT_LIMIT + 3):
        store.remember_opened([tmp_path / f"{n}.txt"])
    kept = store.recent_sources()
    assert len(kept) == RECENT_LIMIT
    assert kept[0].endswith(f"{RECENT_LIMIT + 2}.txt") and kept[-1].endswith("3.txt")


def test_opening_the_same_path_again_writes_nothing(tmp_path):
    store = Store()
    store.remember_opened([tmp_path / "a.txt"])
    before = store.path.stat().st_mtime_ns, store.path.stat().st_ino
    store.remember_opened([tmp_path / "a.txt"])
    assert (store.path.stat().st_mtime_ns, store.path.stat().st_ino) == before


def test_adding_a_recent_source_makes_it_a_remembered_one(tmp_path):
    store = Store()
    store.remember_opened([tmp_path / "a.txt"])
    assert store.add_source(tmp_path / "a.txt")
    assert store.sources() == [str((tmp_path / "a.txt").resolve())]
    assert store.recent_sources() == []


# -- the command line -------------------------------------------------------------


async def test_files_opened_with_a_path_stay_in_the_library_until_removed(capsys, tmp_path):
    opened = write(tmp_path, "walrus.txt", "Walruses\n\nA walrus hauls out on the ice floe.\n")
    app = LimelightApp(paths=[opened])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: Store().recent_sources() == [str(opened.resolve())])
        await pilot.press("q")

    code, out, _ = cli(capsys, "search", "walrus", "--json")
    assert code == 0 and [row["title"] for row in json.loads(out)] == ["Walruses"]
    _, out, _ = cli(capsys, "list", "--json")
    assert str(opened.resolve()) in [row["source"] for row in json.loads(out)]

    code, out, _ = cli(capsys, "remove", str(opened))
    assert code == 0 and out.strip() == f"removed: {opened.resolve()}"
    _, out, _ = cli(capsys, "list", "--json")
    assert str(opened.resolve()) not in [row["source"] for row in json.loads(out)]
    code, out, _ = cli(capsys, "search", "walrus", "--json")
    assert json.loads(out) == []


def test_a_recent_source_that_is_gone_is_left_out_without_a_warning(capsys, tmp_path):
    opened = write(tmp_path, "gone.txt", "Gone\n\nSoon.\n")
    Store().remember_opened([opened])
    opened.unlink()
    code, out, err = cli(capsys, "list", "--json")
    assert code == 0 and err == ""
    assert str(opened.resolve()) not in [row["source"] for row in json.loads(out)]


# -- the app ------------------------------------------------------------------------


async def read_beta_and_scroll(app: LimelightApp) -> int:
    """Open the long article, scroll into it, quit; the block at the top."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Alpha"  # the first file, never read before
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.article.title == "Beta"
        await pilot.press("space", "space")
        await pilot.pause()
        block = view.reading_position()[0]
        assert block > 5
        await pilot.press("q")
    return block


async def test_a_folder_reopens_at_the_last_article_read_in_it_at_its_place(tmp_path):
    folder = long_library(tmp_path / "lib")
    block = await read_beta_and_scroll(LimelightApp(paths=[folder]))
    # Another folder read since: the last article overall is not in this one.
    other = tmp_path / "other"
    other.mkdir()
    write(other, "c.txt", "Gamma\n\nElsewhere.\n")
    app = LimelightApp(paths=[other])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "Gamma"
        await pilot.press("q")

    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Beta"
        assert abs(view.reading_position()[0] - block) <= 1


async def test_a_folder_never_read_opens_at_its_first_article(tmp_path):
    folder = long_library(tmp_path / "lib")
    await read_beta_and_scroll(LimelightApp(paths=[folder]))
    fresh = long_library(tmp_path / "fresh")
    write(fresh, "0.txt", "Zero\n\nFirst by name.\n")
    app = LimelightApp(paths=[fresh])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "Zero"


def test_the_last_read_is_the_last_opened_there_else_the_last_place_kept(tmp_path):
    from reader.workspace import Workspace

    folder = long_library(tmp_path / "lib")
    elsewhere = tmp_path / "elsewhere.txt"
    write(tmp_path, "elsewhere.txt", "Elsewhere\n\nNot in the folder.\n")
    store = Store()
    scanned = Workspace([folder, elsewhere], store)
    ids = {meta.title: meta.id for meta in scanned.scan()}
    scanned.close()

    workspace = Workspace([folder], store)
    assert workspace.last_read() is None  # nothing read there yet
    store.set_progress(ids["Beta"], 3, 0, 0.2)
    store.set_progress(ids["Elsewhere"], 1, 0, 0.5)  # read later, but not in the folder
    store.set_last_article(ids["Elsewhere"])
    assert workspace.last_read() == ids["Beta"]
    store.set_last_article(ids["Alpha"])  # opened last, in the folder
    assert workspace.last_read() == ids["Alpha"]
    assert Workspace([folder / "b.txt"], store).last_read() == ids["Beta"]
    assert Workspace([], store).last_read() == ids["Alpha"]  # no path: the last session's
