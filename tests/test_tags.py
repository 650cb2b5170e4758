"""One tag parser (reader.store.annotations.normalize_tags) for the note
editor's tags field, stored notes read back and edits."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from reader.store import Store
from reader.store import annotations as store_annotations
from reader.store.annotations import Annotation, normalize_tags
from reader.ui import dialogs
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.dialogs import NoteEditor
from tests.helpers import settle


@pytest.mark.parametrize(
    ("typed", "tags"),
    [
        # commas and spaces, in any mix, separate tags
        ("china, trade  energy", ("china", "trade", "energy")),
        ("a,b,,c", ("a", "b", "c")),
        ("a ,b, c", ("a", "b", "c")),
        ("a\tb\nc", ("a", "b", "c")),
        (" , ,", ()),
        # a leading '#' (or several) is not part of the tag; an inner one is
        ("#china ##trade", ("china", "trade")),
        ("c# f#-major", ("c#", "f#-major")),
        ("# #, ##", ()),
        # repeats count once, the first one kept in place
        ("a b a #a", ("a", "b")),
        ("trade, #china, trade", ("trade", "china")),
        # case is kept: tags differing in case are different tags
        ("China china CHINA", ("China", "china", "CHINA")),
        # nothing at all
        ("", ()),
        ("   ", ()),
        # unicode: letters of any script; any Unicode space separates
        ("#日本 #café #Ελλάδα", ("日本", "café", "Ελλάδα")),
        ("naïve\u00a0#résumé", ("naïve", "résumé")),  # a no-break space
        ("zero\u200bwidth", ("zero\u200bwidth",)),  # not a space: one tag
    ],
)
def test_a_typed_string_is_read_as_tags(typed, tags):
    assert normalize_tags(typed) == tags


def test_tags_given_one_by_one():
    assert normalize_tags(["  ", "#", "x y", "#x-y", " #z "]) == ("x-y", "z")
    assert normalize_tags(("long  term", "a\tb")) == ("long-term", "a-b")
    assert normalize_tags([]) == () and normalize_tags(None) == ()
    assert normalize_tags([5]) == ("5",)  # a stored value of the wrong type


def test_parsing_is_idempotent():
    once = normalize_tags("#a, b  #a c, x y ##d")
    assert normalize_tags(once) == once
    assert normalize_tags(" ".join(once)) == once  # what the note editor shows back


def test_stored_and_edited_tags_are_read_by_the_same_rule():
    data = {"id": "n1", "article_id": "a", "quote": "q", "tags": ["#a", "b c", "a"]}
    assert Annotation.from_dict(data).tags == ("a", "b-c")
    assert Annotation.from_dict(data).edited(tags="x, #y x").tags == ("x", "y")


def test_the_note_editor_has_no_tag_parser_of_its_own():
    assert not hasattr(dialogs, "parse_tags")
    assert dialogs.normalize_tags is store_annotations.normalize_tags


async def test_tags_typed_in_the_note_editor_are_saved_as_parsed():
    typed = "#China, trade  #china trade ##日本 ,"
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c", "j")
        await pilot.press("a")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("tagged")
        editor.query_one("#editor-tags", Input).value = typed
        assert editor.tags == list(normalize_tags(typed)) == ["China", "trade", "china", "日本"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        [saved] = Store().annotations(view.article.id)
        assert saved.tags == ("China", "trade", "china", "日本")
