"""The key table (reader/ui/keys.py): the one source of the bindings, the help
screen, the palette's key commands and the README's Keys section."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.ui import keys as key_table
from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.contents import ContentsScreen
from reader.ui.dialogs import LabelPrompt, ListPicker, NoteEditor
from reader.ui.help import HelpScreen
from reader.ui.keys import (
    KEY_BY_ID,
    KEYS,
    SCOPES,
    binding_ids,
    bindings_for,
    current_keys,
    describe_keys,
    help_rows,
    key_display,
    keys_display,
    keys_in,
    markdown,
    readme_section,
)
from reader.ui.layers import LAYERS
from reader.ui.library_search import LibrarySearch
from reader.ui.notes_panel import NotesList
from reader.ui.panel_list import PanelList
from reader.ui.people import PeopleScreen
from reader.ui.quotes_panel import QuotesList
from reader.ui.search_bar import SearchBar
from tests.helpers import settle

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "reader" / "ui"

# Each widget or screen with bindings of its own, and its scope in the table.
OWNERS = {
    "app": LimelightApp,
    "article": ArticleView,
    "article-list": ArticleList,
    "panel-list": PanelList,
    "notes-list": NotesList,
    "quotes-list": QuotesList,
    "search-bar": SearchBar,
    "library-search": LibrarySearch,
    "people": PeopleScreen,
    "note-editor": NoteEditor,
    "label-prompt": LabelPrompt,
    "list-picker": ListPicker,
    "help": HelpScreen,
    "contents": ContentsScreen,
}


# -- the table ------------------------------------------------------------------------


def test_ids_are_unique_kebab_case_and_include_the_promised_ones():
    ids = [key.id for key in KEYS]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", binding_id) for binding_id in ids)
    for promised in ("next-article", "previous-article", "annotate", "find", "search", "quit"):
        assert promised in KEY_BY_ID


def test_every_key_has_a_known_group_scope_and_help():
    for key in KEYS:
        assert key.group in key_table.GROUPS, key
        assert key.scope in SCOPES, key
        assert key.help and key.description, key
        assert all(key.key_list), key


def test_binding_ids_give_the_default_keys():
    ids = binding_ids()
    assert list(ids) == [key.id for key in KEYS]
    assert ids["next-article"] == "right_square_bracket"
    assert ids["previous-article"] == "left_square_bracket"
    assert ids["annotate"] == "a"
    assert ids["find"] == "slash"
    assert ids["search"] == "s"
    assert ids["quit"] == "q"
    assert ids["scroll-down"] == "j,down"
    assert ids["layer-quotes"] == "1" and ids["layer-event"] == "0"


def test_importing_the_table_is_cheap():
    code = (
        "import sys, reader.ui.keys as k; k.binding_ids(); k.markdown(); k.describe_keys();"
        " heavy = [m for m in ('textual', 'rich', 'reader.analysis', 'reader.library')"
        " if m in sys.modules]; print(heavy)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


# -- the bindings come from it --------------------------------------------------------


@pytest.mark.parametrize("scope", sorted(OWNERS))
def test_each_widgets_bindings_are_the_tables(scope):
    owner = OWNERS[scope]
    expected = [
        (key.id, key.keys, key.action, key.description, key.show, key.priority)
        for key in keys_in(scope)
    ]
    got = [(b.id, b.key, b.action, b.description, b.show, b.priority) for b in owner.BINDINGS]
    assert got == expected


def test_every_scope_belongs_to_a_widget_and_no_binding_is_written_by_hand():
    assert set(OWNERS) == set(SCOPES)
    for path in UI.glob("*.py"):
        if path.name == "keys.py":
            continue
        assert "Binding(" not in path.read_text(encoding="utf-8"), path.name


def test_bindings_for_rejects_an_unknown_scope():
    with pytest.raises(ValueError):
        bindings_for("nowhere")


def test_the_layer_keys_are_the_legends():
    for layer in LAYERS:
        key = KEY_BY_ID[f"layer-{layer.label.lower()}"]
        assert key.keys == layer.key
        assert key.action == f"toggle_layer('{layer.name}')"
        assert key.description == layer.label


# -- how keys look -------------------------------------------------------------------


def test_keys_display_as_a_reader_sees_them():
    assert key_display("question_mark") == "?"
    assert key_display("left_square_bracket") == "["
    assert key_display("apostrophe") == "'"
    assert key_display("slash") == "/"
    assert key_display("less_than_sign") == "<"
    assert key_display("down") == "↓"
    assert key_display("ctrl+r") == "ctrl+r"
    assert key_display("ctrl+left_square_bracket") == "ctrl+["
    assert key_display("delete") == "delete"
    assert key_display("G") == "G"
    assert keys_display("escape,q,question_mark") == "escape / q / ?"
    assert keys_display(()) == ""


def test_current_keys_apply_a_keymap_as_textual_does():
    assert current_keys() == {key.id: key.key_list for key in KEYS}
    keys = current_keys({"next-article": "ctrl+n", "cursor-mode": "x, ]"})
    assert keys["next-article"] == ("ctrl+n",)
    assert keys["cursor-mode"] == ("x", "right_square_bracket")
    assert keys["previous-article"] == ("left_square_bracket",)
    # A key given to another binding of the same widget is that binding's only.
    assert current_keys({"next-article": "n"})["next-match"] == ()


def test_describe_keys_for_the_command_line():
    rows = describe_keys()
    assert [row[0] for row in rows] == [key.id for key in KEYS]
    assert ("quit", "q", "quit") in rows
    cursor = dict((row[0], row[2]) for row in rows)["cursor-mode"]
    assert "{" not in cursor and "j / k" in cursor
    assert dict((row[0], row[1]) for row in describe_keys({"quit": "ctrl+x"}))["quit"] == "ctrl+x"


def test_help_rows_are_grouped_with_ids_and_current_keys():
    groups = help_rows()
    assert [group for group, _ in groups] == list(key_table.GROUPS)
    listed = [row.id for _, rows in groups for row in rows if row.id]
    assert sorted(listed) == sorted(KEY_BY_ID)
    reading = dict(groups)["Reading"]
    assert any(row.id == "next-article" and row.keys == "]" for row in reading)
    assert all("`" not in row.text and "{" not in row.text for _, rows in groups for row in rows)
    rebound = dict(help_rows({"next-article": "ctrl+n"}))["Reading"]
    assert any(row.id == "next-article" and row.keys == "ctrl+n" for row in rebound)


# -- README ---------------------------------------------------------------------------


def test_the_readme_keys_section_is_the_generated_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme_section(readme)
    assert section is not None, "README.md has lost the generated keys markers"
    assert section == markdown(), (
        "README.md's key tables differ from reader/ui/keys.py:"
        " run `python -m reader.ui.keys --readme`"
    )


def test_the_markdown_lists_every_id_once():
    text = markdown()
    for key in KEYS:
        assert text.count(f"| `{key.id}` |") == 1, key.id
    assert "{" not in text
    assert "| `[` | `previous-article` |" in text


def test_update_readme_rewrites_only_between_the_markers(tmp_path: Path):
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# Title\n\n## Keys\n\nProse.\n\n{key_table.README_BEGIN}\nstale\n"
        f"{key_table.README_END}\n\n## After\n",
        encoding="utf-8",
    )
    assert key_table.update_readme(readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Title\n\n## Keys\n\nProse.\n\n")
    assert text.endswith(f"{key_table.README_END}\n\n## After\n")
    assert readme_section(text) == markdown()
    assert not key_table.update_readme(readme)


def test_the_module_prints_the_markdown():
    done = subprocess.run(
        [sys.executable, "-m", "reader.ui.keys", "--markdown"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout == markdown()


# -- in the app -----------------------------------------------------------------------


async def test_set_keymap_rebinds_next_article_by_id(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Alpha title"
        app.set_keymap({"next-article": "ctrl+n"})
        await pilot.press("right_square_bracket")  # the old key does nothing now
        await settle(pilot)
        assert view.article.title == "Alpha title"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert view.article.title == "Beta title"
        await pilot.press("left_square_bracket")  # previous-article keeps its key
        await settle(pilot)
        assert view.article.title == "Alpha title"


async def test_set_keymap_rebinds_a_widgets_binding(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        app.set_keymap({"cursor-mode": "x"})
        await pilot.press("c")
        assert not view.cursor_mode
        await pilot.press("x")
        assert view.cursor_mode


async def test_help_shows_the_keys_in_force(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        app.set_keymap({"next-article": "ctrl+n", "help": "f1"})
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)  # ? is no longer help
        await pilot.press("f1")
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        rows = {row.id: row for _, group in screen.groups for row in group}
        assert rows["next-article"].keys == "ctrl+n"
        assert rows["help"].keys == "f1"
        assert rows["previous-article"].keys == "["
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_key_commands_come_from_the_table():
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        for key in KEYS:
            if key.command:
                assert key.command in commands
        assert commands["Help"].help.endswith("· ?")
        assert commands["Toggle quotes highlights"].help.endswith("· 1")
        await commands["Toggle quotes highlights"].callback()
        assert "QUOTES" not in app.enabled_layers
        await commands["Toggle cursor mode"].callback()
        assert app.query_one(ArticleView).cursor_mode
        app.set_keymap({"layer-quotes": "ctrl+1"})
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        assert commands["Toggle quotes highlights"].help.endswith("· ctrl+1")
