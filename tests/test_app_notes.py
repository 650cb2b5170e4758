"""Pilot tests: annotating by keyboard and mouse, the notes panel, bookmarks, reading place."""

from __future__ import annotations

from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import TextArea

from reader.store import Store
from reader.store.db import StoreError
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView, Block
from reader.ui.dialogs import ListPicker, NoteEditor
from reader.ui.layers import NOTE_STYLE
from tests.helpers import settle


def painted_styles(app: LimelightApp) -> set[str]:
    return {str(span.style) for w in app.query(Block) for span in w.render().spans}


async def annotate(pilot, note: str) -> None:
    await pilot.press("a")
    assert isinstance(pilot.app.screen, NoteEditor)
    pilot.app.screen.query_one(TextArea).insert(note)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_annotate_the_cursor_sentence_by_keyboard():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", "j", "j")
        sentence = view.cursor_sentence
        await annotate(pilot, "Key claim about sanctions")
        assert not isinstance(app.screen, NoteEditor)
        [saved] = Store().annotations(view.article.id)
        assert (saved.start, saved.end) == sentence
        assert saved.quote == view.article.body[sentence[0] : sentence[1]]
        assert saved.note == "Key claim about sanctions"
        assert NOTE_STYLE in painted_styles(app)
        note_line = app.query_one("#note-line")
        assert note_line.has_class("shown")
        assert "Key claim about sanctions" in str(note_line.render())
        await pilot.press("j")
        await pilot.pause()
        assert not note_line.has_class("shown")


async def test_v_selects_several_sentences():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", "v", "j", "j")
        first, third = view.sentences[0], view.sentences[2]
        assert view.passage() == (first[0], third[1])
        await annotate(pilot, "")  # an empty note is a plain highlight
        [saved] = Store().annotations(view.article.id)
        assert (saved.start, saved.end) == (first[0], third[1]) and saved.note == ""
        assert view.keyboard_selection is None  # the selection is cleared after saving


async def test_mouse_selection_is_annotated_with_its_offsets():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        block = view.query(Block)[1]
        app.screen.selections = {block: Selection(Offset(4, 0), Offset(30, 0))}
        await pilot.pause()
        await annotate(pilot, "mouse")
        [saved] = Store().annotations(view.article.id)
        start = view.article.block_starts[block.index]
        assert saved.quote == block.block_text[4:30]
        assert (saved.start, saved.end) == (start + 4, start + 30)


async def test_escape_cancels_the_editor_without_saving():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "a")
        app.screen.query_one(TextArea).insert("never mind")
        await pilot.press("escape")
        assert not isinstance(app.screen, NoteEditor)
        assert Store().annotations() == []


async def test_a_failed_save_keeps_the_note_in_the_editor(monkeypatch):
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def disk_full(annotation):
            raise StoreError("could not save the note: No space left on device")

        with monkeypatch.context() as patch:
            patch.setattr(app.store, "add_annotation", disk_full)
            await pilot.press("c", "a")
            app.screen.query_one(TextArea).insert("precious words")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, NoteEditor)
            assert app.screen.query_one(TextArea).text == "precious words"
            assert "No space left" in str(app.screen.query_one("#editor-error").render())
        await pilot.press("ctrl+s")  # retry succeeds
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        assert [a.note for a in Store().annotations()] == ["precious words"]


async def test_notes_panel_jumps_edits_deletes_and_undoes():
    app = LimelightApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", *"jjjjjjjjjj")
        await annotate(pilot, "later note")
        await pilot.press("g", "c", "c")  # cursor back at the top
        await annotate(pilot, "early note")
        await pilot.press("o")
        notes = app.query_one("#notes")
        assert notes.has_focus
        assert [entry.note for entry in notes.values] == ["early note", "later note"]
        await pilot.press("down", "enter")  # jump to the later note
        assert view.has_focus
        assert view.cursor_sentence[0] == notes.values[1].start
        await pilot.press("o", "end", "e")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert(" (edited)")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert {a.note for a in Store().annotations()} == {"early note", "later note (edited)"}
        assert notes.has_focus  # back where the edit was asked for
        await pilot.press("d")
        assert len(Store().annotations()) == 1
        await pilot.press("escape", "u")
        assert len(Store().annotations()) == 2


async def test_bookmarks_article_and_place(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha\n\n" + "Alpha text goes on. " * 200 + "\n")
    (folder / "b.txt").write_text("Beta\n\nBeta body.\n")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        listing = app.query_one(ArticleList)
        await pilot.press("m")
        assert view.article.id in listing.bookmarked
        await pilot.press("space", "space")
        await pilot.press("M", *"here", "enter")
        place = [b for b in Store().bookmarks() if b.kind == "position"]
        assert len(place) == 1 and place[0].label == "here"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.article.title == "Beta"
        await pilot.press("B")  # bookmarked only
        await settle(pilot)
        assert [a.title for a in listing.articles] == ["Alpha"]
        await pilot.press("apostrophe")
        assert isinstance(app.screen, ListPicker)
        await pilot.press("down", "enter")  # the place bookmark
        await settle(pilot)
        assert view.article.title == "Alpha"
        assert view.scroll_y > 0


async def test_reopening_returns_to_the_article_the_place_and_the_notes(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Alpha\n\nShort.\n")
    (folder / "b.txt").write_text("Beta\n\n" + "\n\n".join(f"Paragraph {i} of beta." for i in range(80)))
    Store().add_source(folder)
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", *"jjjjj")
        await annotate(pilot, "remember me")
        await pilot.press("c", "space", "space")
        await pilot.pause()
        block, offset, _ = view.reading_position()
        assert block > 5
        await pilot.press("q")
    app = LimelightApp()
    async with app.run_test(size=(80, 30)) as pilot:  # another width: same place
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Beta"
        assert abs(view.reading_position()[0] - block) <= 1
        assert NOTE_STYLE in painted_styles(app)
        listing = app.query_one(ArticleList)
        assert listing.progress[view.article.id] > 0


async def test_palette_jumps_to_a_note():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", *"jjjjjjjj")
        target = view.cursor_sentence
        await annotate(pilot, "zebra crossing")
        await pilot.press("g", "c", "c")
        assert view.cursor_sentence != target
        await pilot.press("ctrl+p", *"zebra")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert view.cursor_sentence == target


async def test_refresh_picks_up_notes_from_another_window():
    from reader.store.annotations import make_annotation

    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article = app.query_one(ArticleView).article
        other = Store()  # another window on the same data folder
        other.add_annotation(make_annotation(article.id, article.body, 0, 20, note="from the other window"))
        assert app.notes == []
        await pilot.press("r")
        await settle(pilot)
        assert [n.note for n in app.notes] == ["from the other window"]
        assert NOTE_STYLE in painted_styles(app)
