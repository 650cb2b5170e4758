"""The help screen (``?``): every binding of the key table, scrolled with the
reading keys, its wrapped descriptions indented under their column."""

from __future__ import annotations

from reader.ui import keys as key_table
from reader.ui.app import LimelightApp
from reader.ui.help import HelpScreen
from tests.helpers import screen_text, settle


async def open_help(pilot) -> HelpScreen:
    await settle(pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


def every_binding_id() -> set[str]:
    """The id of every binding of every widget and screen, as Textual gets them."""
    return {
        binding.id
        for scope in key_table.SCOPES
        for binding in key_table.bindings_for(scope)
        if binding.id
    }


async def test_the_help_lists_every_binding_of_every_scope(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_help(pilot)
        listed = [row.id for _, rows in screen.groups for row in rows if row.id]
        assert len(listed) == len(set(listed))  # each once
        assert set(listed) == every_binding_id()
        rows = {row.id: row for _, rows in screen.groups for row in rows}
        assert rows["search"].keys == "s"  # the key the old help left out
        assert rows["help-down"].keys == "j / ↓"
        # Textual's own keys are documented too (no id)
        assert any(row.keys == "ctrl+p" for _, rows in screen.groups for row in rows)


async def test_the_help_shows_every_row_on_screen_as_it_scrolls(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_help(pilot)
        seen = screen_text(app)
        box = screen.box
        assert box.max_scroll_y > 0  # more than a screenful at 80×30
        while box.scroll_y < box.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
            seen += "\n" + screen_text(app)
        for binding_id in every_binding_id():
            assert f" {binding_id} " in seen, binding_id


async def test_a_burst_of_j_scrolls_by_every_press_and_g_G_go_to_the_ends(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_help(pilot)
        box = screen.box
        await pilot.press(*["j"] * 10)
        assert box.scroll_y == 10
        await pilot.press("k", "k", "k")
        assert box.scroll_y == 7
        await pilot.press("down")
        assert box.scroll_y == 8
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y > 10
        await pilot.press("g")
        assert box.scroll_y == 0
        await pilot.press("space")
        page = box.scroll_y
        assert page > 10  # about a screenful
        await pilot.press("b")
        assert box.scroll_y == 0
        await pilot.press("end")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("home")
        assert box.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_keymap_rebinds_the_help_scrolling(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        app.set_keymap({"help-down": "x"})
        screen = await open_help(pilot)
        await pilot.press("x", "x")
        assert screen.box.scroll_y == 2
        rows = {row.id: row for _, rows in screen.groups for row in rows}
        assert rows["help-down"].keys == "x"


async def test_wrapped_descriptions_stay_in_their_column_at_80_columns(two_articles):
    app = LimelightApp(paths=[two_articles])
    # Tall enough for the whole help at once; 80 columns wraps many descriptions.
    async with app.run_test(size=(80, 400)) as pilot:
        screen = await open_help(pilot)
        assert screen.box.max_scroll_y == 0
        lines = screen_text(app).splitlines()
        id_column = next(
            line.index(" scroll-down ") + 1 for line in lines if " scroll-down " in line
        )
        wrapped = 0
        for row in (row for _, rows in screen.groups for row in rows if row.id):
            at = next(
                i for i, line in enumerate(lines) if line[id_column:].startswith(f"{row.id} ")
            )
            column = lines[at].index(row.text.split()[0], id_column + len(row.id))
            words = lines[at][column:].rstrip(" │▁▂▃▄▅▆▇█▌▐").split()
            # the lines after it, as long as nothing stands left of that column
            for line in lines[at + 1 :]:
                inner = line[:column].replace("│", " ")
                if inner.strip() or not line[column:].strip(" │"):
                    break
                assert line[column] != " ", f"{row.id}: a wrapped line is not under its column"
                words += line[column:].rstrip(" │▁▂▃▄▅▆▇█▌▐").split()
                wrapped += 1
            assert words == row.text.split(), row.id
        assert wrapped > 10  # the test saw wrapped descriptions
