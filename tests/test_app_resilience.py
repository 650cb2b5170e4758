"""Pilot tests: edits to files, a store that cannot be written, reloads, views that must follow."""

from __future__ import annotations

import os
import time
from pathlib import Path

from textual.widgets import TextArea

from reader.store import Store
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.layers import NOTE_STYLE
from tests.helpers import settle

PARAGRAPHS = [f"Paragraph {i} tells of the harbour at Lisbon and its ships." for i in range(40)]


def write_article(path: Path, paragraphs: list[str]) -> None:
    path.write_text("Harbour diary\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    # Files written within the last seconds are re-read anyway; age it so the
    # test checks the (size, mtime) path like a real later start.
    past = time.time() - 60
    os.utime(path, (past, past))


async def test_notes_and_place_follow_an_edited_file(tmp_path):
    path = tmp_path / "diary.txt"
    write_article(path, PARAGRAPHS)
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        old_id = view.article.id
        await pilot.press("c", *"jjjjjjjjjj", "a")
        app.screen.query_one(TextArea).insert("ships again")
        await pilot.press("ctrl+s")
        await pilot.pause()
        quote = Store().annotations(old_id)[0].quote
        await pilot.press("q")
    edited = ["A new first paragraph was added by the author."] + PARAGRAPHS
    write_article(path, edited)
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.id != old_id
        [note] = app.notes
        assert note.note == "ships again" and not note.orphaned
        assert view.article.body[note.start : note.end] == quote
        assert NOTE_STYLE in {
            str(span.style) for w in app.query("Block") for span in w.render().spans
        }
        assert Store().annotations(old_id) == []


async def test_a_store_that_cannot_be_written_never_stops_reading(limelight_home):
    Store()  # a database exists
    lock = limelight_home / "limelight.json.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()  # the lock cannot be taken: nothing can be saved
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.query_one(ArticleView).article is not None
        await pilot.press("1", "m", "j", "space")
        await settle(pilot)
        assert app.is_running
        assert any("save" in n.message or "cannot" in n.message for n in app._notifications)


async def test_reload_keeps_one_entry_per_article_and_the_unreadable_count(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for name in "abc":
        (folder / f"{name}.txt").write_text(f"Title {name}\n\nBody {name}.\n")
    (folder / "empty.txt").write_bytes(b"")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(2):
            await pilot.press("r")
            await settle(pilot)
        listing = app.query_one(ArticleList)
        assert len(listing.articles) == 4
        assert "1 unreadable" in str(app.query_one("#library-status").render())


async def test_bookmarked_only_view_follows_new_bookmarks(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    for name in "ab":
        (folder / f"{name}.txt").write_text(f"Title {name}\n\nBody {name}.\n")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        await pilot.press("B")
        await settle(pilot)
        assert listing.articles == []
        await pilot.press("m")
        await settle(pilot)
        assert [a.title for a in listing.articles] == ["Title a"]
        await pilot.press("m")
        await settle(pilot)
        assert listing.articles == []


async def test_panels_of_an_unreadable_file_say_so(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        text = str(app.query_one("#entities").render_line(0).text)
        assert text.startswith("Nothing to analyse")


async def test_a_removed_library_folder_says_it_is_gone_and_how_to_forget_it(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "k.txt").write_text("Kept\n\nStill here.\n")
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "g.txt").write_text("Gone\n\nSoon gone.\n")
    store = Store()
    store.add_source(kept)
    store.add_source(gone)
    store.close()
    for path in gone.iterdir():
        path.unlink()
    gone.rmdir()
    for start in ("first", "from the cache"):
        app = LimelightApp()
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            listing = app.query_one(ArticleList)
            [entry] = [a for a in listing.articles if a.source == str(gone)]
            assert "file not found" not in entry.error, start
            assert "folder is gone" in entry.error and f"limelight remove {gone}" in entry.error
