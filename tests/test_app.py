"""Pilot tests: the app as a reader uses it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView, Block
from reader.ui.help import HelpScreen
from reader.ui.layers import LAYER_BY_NAME
from tests.helpers import settle, write

SEED_TITLE = "China strengthens its ties with Russia amid the West’s sanctions"


def rendered_text(app: LimelightApp) -> str:
    """Everything the article pane shows, as plain text."""
    view = app.query_one(ArticleView)
    return "\n".join(str(widget.render()) for widget in view.children)


async def test_starts_on_the_seed_with_highlights():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        assert [a.title for a in listing.articles] == [SEED_TITLE]
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.title == SEED_TITLE
        assert view.analysis is not None and view.analysis.quotes
        styled = [w for w in view.query(Block) if w.render().spans]
        assert styled, "no block carries a highlight"
        assert SEED_TITLE in rendered_text(app)


async def test_reopening_uses_the_analysis_cache(limelight_home):
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
    assert list((limelight_home / "cache" / "analysis").rglob("*.json"))
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.query_one(ArticleView).analysing


async def test_scroll_keys_move_the_article():
    app = LimelightApp()
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.has_focus
        await pilot.press("j", "j", "j")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        after_page = view.scroll_y
        assert after_page > 10
        await pilot.press("b")
        assert view.scroll_y < after_page
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_y == 0


async def test_cursor_mode_moves_sentence_by_sentence():
    app = LimelightApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("c")
        first = view.cursor_sentence
        assert first is not None
        await pilot.press("j", "j")
        assert view.cursor_sentence == view.sentences[view.sentences.index(first) + 2]
        assert view.scroll_y == 0  # cursor mode moves the cursor, not the page
        await pilot.press("k")
        assert view.cursor_sentence == view.sentences[view.sentences.index(first) + 1]
        await pilot.press("c")
        assert view.cursor_sentence is None
        await pilot.press("j")
        assert view.scroll_y == 1


async def test_layer_keys_switch_highlights_off_and_on():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)

        def styles() -> set[str]:
            return {str(span.style) for w in view.query(Block) for span in w.render().spans}

        quote_style = LAYER_BY_NAME["QUOTES"].style
        assert quote_style in styles()
        await pilot.press("1")
        assert quote_style not in styles()
        assert "QUOTES" not in app.enabled_layers
        await pilot.press("1")
        assert quote_style in styles()
        for key in "234567890":
            await pilot.press(key)
        await pilot.press("1")
        assert styles() == set()


async def test_layer_choice_is_remembered():
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("6")
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "DATE" not in app.enabled_layers
        assert "PERSON" in app.enabled_layers


async def test_help_screen_opens_and_closes():
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits():
    app = LimelightApp()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_brackets_step_between_articles(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.title == "Alpha title"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert view.article.title == "Beta title"
        await pilot.press("right_square_bracket")  # last: stays, with a notice
        assert view.article.title == "Beta title"
        await pilot.press("left_square_bracket")
        assert view.article.title == "Alpha title"


async def test_tab_moves_focus_and_sidebar_opens_articles(two_articles):
    app = LimelightApp(paths=[two_articles])
    # wide enough for the sidebar, which hides itself below 90 columns
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        await pilot.press("shift+tab")
        assert listing.has_focus
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "Beta title"
        assert app.query_one(ArticleView).has_focus


async def test_filter_narrows_the_sidebar_by_fuzzy_title(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("f")
        assert app.query_one("#filter", Input).has_focus
        await pilot.press("b", "t", "t")
        await settle(pilot)
        listing = app.query_one(ArticleList)
        assert [a.title for a in listing.articles] == ["Beta title"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "Beta title"


async def test_sidebar_toggle_hides_and_shows_it(two_articles):
    app = LimelightApp(paths=[two_articles])
    # wide enough for the sidebar, which hides itself below 90 columns
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sidebar = app.query_one("#sidebar")
        await pilot.press("t")
        assert not sidebar.display
        await pilot.press("t")
        assert sidebar.display


async def test_markup_in_articles_is_shown_literally(tmp_path):
    path = write(
        tmp_path,
        "evil.txt",
        "[bold red]x[/] title\n\nClick [@click=app.quit]y[/] now.\x1b[31m red \x07\n",
    )
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = rendered_text(app)
        assert "[bold red]x[/] title" in text
        assert "[@click=app.quit]y[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        block = app.query_one(Block)
        await pilot.click(block)
        await pilot.pause()
        assert app.is_running


async def test_unreadable_file_is_listed_with_its_reason(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "good.txt", "Good title\n\nA paragraph.\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    app = LimelightApp(paths=[folder])
    async with app.run_test() as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        broken = [a for a in listing.articles if a.error]
        assert len(broken) == 2 and len(listing.articles) == 3
        app.open_article(broken[0].id)
        await pilot.pause()
        assert "could not be read" in rendered_text(app)


async def test_resize_keeps_the_reading_place():
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        for _ in range(40):
            await pilot.press("j")
        await pilot.pause()
        before = view._block_at_top()
        await pilot.resize_terminal(70, 40)
        await settle(pilot)
        assert view._block_at_top()[0] == before[0]
        await pilot.press("t")
        await settle(pilot)
        assert view._block_at_top()[0] == before[0]


async def test_palette_opens_an_article_by_title(two_articles):
    app = LimelightApp(paths=[two_articles])
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"beta")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.query_one(ArticleView).article.title == "Beta title"


async def test_list_items_show_bullets_and_keep_text_offsets(tmp_path):
    path = write(tmp_path, "list.md", "# Shopping\n\nIntro paragraph.\n\n- Paris trip\n- Berlin trip\n")
    app = LimelightApp(paths=[path])
    async with app.run_test() as pilot:
        await settle(pilot)
        items = [w for w in app.query(Block) if w.has_class("item")]
        assert [str(w.render()) for w in items] == ["• Paris trip", "• Berlin trip"]
        assert items[0].block_text == "Paris trip"


async def test_wide_and_combining_characters_keep_highlights_aligned(tmp_path):
    text = "Wide text\n\n東京で 🎉🎉 Vladimir Putin met e\u0301lite 習近平 guests in Moscow on Monday.\n"
    path = write(tmp_path, "wide.txt", text)
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        body = view.article.body
        entities = {e.text: e for e in view.analysis.entities}
        assert "Vladimir Putin" in entities and "Moscow" in entities
        block = app.query_one(Block)
        content = block.render()
        for name in ("Vladimir Putin", "Moscow"):
            entity = entities[name]
            styled = "".join(
                segment.text
                for segment in content.render_segments()
                if segment.style is not None and segment.style.bold
                and segment.text.strip() in name
            )
            assert name in styled, (name, styled)
            assert body[entity.start : entity.end] == name
        # The screen shows the whole line, wide characters included, in order.
        await pilot.press("slash", *"Moscow", "enter")
        start, end = view.matches[0]
        assert body[start:end] == "Moscow"


async def test_every_nasty_file_opens_in_the_app_without_harm():
    """The hostile corpus: each file is listed, opens, and the app keeps running."""
    nasty = Path(__file__).parent / "nasty"
    app = LimelightApp(paths=[nasty])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listing = app.query_one(ArticleList)
        assert len(listing.articles) >= 25
        seen = set()
        for _ in range(len(listing.articles)):
            view = app.query_one(ArticleView)
            seen.add(view.article.id)
            text = rendered_text(app)
            assert "\x1b" not in text and "\x07" not in text
            await pilot.press("G", "g", "right_square_bracket")
            await settle(pilot)
        assert app.is_running
        assert len(seen) == len(listing.articles)
        broken = [a for a in listing.articles if a.error]
        assert broken and all(a.error and "\n" not in a.error for a in broken)
