"""Pilot tests: finding in the article, the entities and quotes panels, layer cycling."""

from __future__ import annotations

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.layers import CURRENT_MATCH_STYLE, MATCH_STYLE
from reader.ui.panels import SidePanel
from tests.helpers import settle


def count_label(app: LimelightApp) -> str:
    return str(app.query_one("#search-count").render())


async def test_slash_finds_incrementally_with_counter_and_wraps():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        body = view.article.body
        await pilot.press("slash", *"Putin")
        assert len(view.matches) == body.count("Putin")
        assert count_label(app) == f"1/{body.count('Putin')}"
        assert all(body[s:e] == "Putin" for s, e in view.matches)
        styles = {str(span.style) for w in view.query("Block") for span in w.render().spans}
        assert MATCH_STYLE in styles and CURRENT_MATCH_STYLE in styles
        await pilot.press("enter")
        assert view.has_focus and view.matches  # enter keeps the matches
        total = len(view.matches)
        for _ in range(total - 1):
            await pilot.press("n")
        assert view.current_match == total - 1
        await pilot.press("n")  # wraps to the first, with a notice
        assert view.current_match == 0
        assert any("wrapped" in n.message for n in app._notifications)
        await pilot.press("N")
        assert view.current_match == total - 1
        await pilot.press("escape")
        assert view.matches == []


async def test_smart_case_and_regex_errors():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        body = view.article.body
        await pilot.press("slash", *"west")
        insensitive = len(view.matches)
        assert insensitive == body.lower().count("west")
        await pilot.press("escape", "slash", *"West")
        assert len(view.matches) == body.count("West") < insensitive
        await pilot.press("escape", "slash", "ctrl+r", *"Li(")
        assert view.matches == []
        assert "invalid" in count_label(app).lower()
        assert app.is_running
        await pilot.press("backspace", "backspace", "backspace", *"Mi\\w+n")
        assert view.matches and all(body[s:e].startswith("Mi") for s, e in view.matches)


async def test_search_starts_after_the_reading_place():
    app = LimelightApp()
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("slash", *"Li")
        here = view.matches[view.current_match][0]
        assert view.current_match > 0
        top_block, offset, _ = view.reading_position()
        assert here >= view.article.block_starts[top_block] + offset or view.current_match == 0


async def test_entities_panel_steps_through_mentions():
    app = LimelightApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("e")
        panel = app.query_one(SidePanel)
        assert panel.has_class("shown") and panel.current == "entities"
        await pilot.press("enter")  # the most mentioned person comes first
        assert len(view.matches) >= 2 and view.has_focus
        first = view.current_match
        await pilot.press("n")
        assert view.current_match == first + 1
        await pilot.press("e")  # back to the panel
        assert panel.has_class("shown") and app.focused.id == "entities"
        await pilot.press("e")  # the same key in the panel hides it
        assert not panel.has_class("shown") and view.has_focus


async def test_quotes_panel_jumps_to_the_quote():
    app = LimelightApp()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("w")
        for _ in range(10):
            await pilot.press("down")
        await pilot.press("enter")
        quote = view.analysis.quotes[10]
        sentence = view.cursor_sentence
        assert sentence is not None and sentence[0] <= quote.start < sentence[1]
        assert view.scroll_y > 0


async def test_l_cycles_layer_presets():
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert app.enabled_layers == {"QUOTES"}
        await pilot.press("l")
        assert "QUOTES" not in app.enabled_layers and "PERSON" in app.enabled_layers
        await pilot.press("l")
        assert app.enabled_layers == frozenset()
        await pilot.press("l")
        assert "QUOTES" in app.enabled_layers and "PERSON" in app.enabled_layers


async def test_library_search_opens_the_hit_with_matches(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Harvest report\n\nWheat and barley prices rose.\n")
    (folder / "b.txt").write_text(
        "Port news\n\n" + "\n\n".join(f"Paragraph {i} about ships." for i in range(40))
        + "\n\nThe zeppelin landed in Lisbon.\n"
    )
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Harvest report"
        await pilot.press("s", *"zeppelin")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert view.article.title == "Port news"
        body = view.article.body
        assert [body[s:e].lower() for s, e in view.matches] == ["zeppelin"]
        assert view.scroll_y > 0  # scrolled to the hit
        await pilot.press("n")  # n continues from there (one match: wraps)
        assert view.current_match == 0


async def test_library_search_says_when_a_pasted_passage_is_cut(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text("Harvest report\n\nWheat and barley prices rose.\n")
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        words = " ".join(f"word{i}" for i in range(40))
        await pilot.press("s")
        app.screen.query_one("Input").value = words  # a paste arrives at once
        await settle(pilot)
        status = str(app.screen.query_one("#library-search-status").render())
        assert "no results" in status
        assert "32" in status and "left out" in status
        app.screen.query_one("Input").value = "wheat"
        await settle(pilot)
        assert str(app.screen.query_one("#library-search-status").render()).split(" · ")[0] == "1 result"
