"""Pilot tests: a very large article is drawn by one line-API widget (LongText).

The app opens a generated text file of a few thousand paragraphs (over the
LongText threshold) and must behave as on a normal article: scrolling,
find, cursor, annotation, resize, with highlights aligned on wide and
combining characters.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.geometry import Offset
from textual.selection import Selection
from textual.widgets import TextArea

from reader.library.model import ITEM, PARAGRAPH, QUOTE, Article
from reader.library.model import Block as ModelBlock
from reader.store import Store
from reader.ui.app import LimelightApp
from reader.ui.article_view import LONG_BLOCKS, ArticleView, Block, is_long
from reader.ui.dialogs import NoteEditor
from reader.ui.layers import CURRENT_MATCH_STYLE, LAYER_BY_NAME, MATCH_STYLE, NOTE_STYLE
from reader.ui.long_text import LongText, clean, wrap
from tests.helpers import settle

PARAGRAPHS = 3_000
WIDE = (
    "在東京和上海之间 😀👍🏽 café naïve e\u0301 Maria Silva flew to Lisbon on Monday. "
    "中文 zebra crossing in Paris."
)


def paragraph(index: int) -> str:
    return (
        f"Paragraph {index} begins here. The council met on a quiet morning to talk "
        f"about water and schools. Nothing else happened in paragraph {index}."
    )


@pytest.fixture
def long_file(tmp_path: Path) -> Path:
    paras = [paragraph(i) for i in range(PARAGRAPHS)]
    paras[5] = WIDE
    for index in (2000, PARAGRAPHS - 1):
        paras[index] += " A quokka smiled."
    path = tmp_path / "long.txt"
    path.write_text(
        "A very long file\n\nA standfirst.\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8"
    )
    return path


def visible_rows(view: ArticleView) -> list[str]:
    """The LongText lines inside the view's viewport, as plain text."""
    widget = view.long_text
    top = int(view.scroll_y) - widget.virtual_region.y
    height = view.scrollable_content_region.height
    rows = range(max(0, top), min(widget.line_count, top + height))
    return [widget.render_line(y).text for y in rows]


def styled_texts(view: ArticleView, style: str, rows: range | None = None) -> list[str]:
    """Texts of the visible segments painted with ``style`` (its colours and underline)."""
    want = view.app.stylesheet.parse_style(style).rich_style  # its colours are the theme's
    widget = view.long_text
    if rows is None:
        top = int(view.scroll_y) - widget.virtual_region.y
        rows = range(max(0, top), top + view.scrollable_content_region.height)
    found = []
    for y in rows:
        for segment in widget.render_line(y):
            seg = segment.style
            if seg is None or segment.text.isspace():
                continue
            if want.bgcolor is not None and seg.bgcolor != want.bgcolor:
                continue
            if want.color is not None and seg.color != want.color:
                continue
            if want.underline and not seg.underline:
                continue
            found.append(segment.text)
    return found


async def open_long(pilot) -> ArticleView:
    await settle(pilot)
    return pilot.app.query_one(ArticleView)


async def test_opens_with_one_line_widget_drawing_only_visible_lines(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_long(pilot)
        assert view.article.title == "A very long file" and is_long(view.article)
        assert not app.query(Block)
        [widget] = app.query(LongText)
        assert view.long_text is widget
        assert widget.line_count > PARAGRAPHS * 2
        rows = visible_rows(view)
        assert "Paragraph 0 begins here." in "\n".join(rows)
        assert all(cell_len(row) == widget.size.width for row in rows)
        # Only what is on screen was drawn, not the thousands of lines.
        assert widget.lines_rendered < 3 * 30
        assert view.analysis is not None


async def test_g_j_k_and_space_scroll(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_long(pilot)
        await pilot.press("j", "j", "j")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
        await pilot.press("space")
        assert view.scroll_y > 15
        before = view.long_text.lines_rendered
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_y == view.max_scroll_y > 1000
        assert f"Nothing else happened in paragraph {PARAGRAPHS - 1}." in " ".join(
            row.strip() for row in visible_rows(view)
        )
        assert view.long_text.lines_rendered - before < 4 * 30
        block, _, fraction = view.reading_position()
        assert block > PARAGRAPHS - 20 and fraction == 1.0
        await pilot.press("b")
        assert view.scroll_y < view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0


async def test_find_highlights_and_n_scrolls_to_matches(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_long(pilot)
        await pilot.press("slash", *"quokka", "enter")
        await pilot.pause()
        assert view.has_focus and len(view.matches) == 2
        body = view.article.body
        assert all(body[s:e] == "quokka" for s, e in view.matches)
        assert view.current_match == 0
        assert styled_texts(view, CURRENT_MATCH_STYLE) == ["quokka"]
        assert "Paragraph 2000 begins here." in " ".join(visible_rows(view))
        assert view.scroll_y > 1000  # scrolled to the match
        await pilot.press("n")
        assert view.current_match == 1
        assert styled_texts(view, CURRENT_MATCH_STYLE) == ["quokka"]
        assert f"Paragraph {PARAGRAPHS - 1} begins here." in " ".join(visible_rows(view))
        await pilot.press("N")
        assert view.current_match == 0
        assert "Paragraph 2000 begins here." in " ".join(visible_rows(view))
        await pilot.press("escape")
        assert view.matches == [] and not styled_texts(view, MATCH_STYLE)


async def test_cursor_moves_by_sentence_and_annotation_is_painted(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_long(pilot)
        await pilot.press("c")
        first = view.cursor_sentence
        assert first == view.sentences[0]
        await pilot.press("j", "j")
        sentence = view.cursor_sentence
        assert sentence == view.sentences[2]
        assert view.scroll_y == 0
        await pilot.press("a")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("long note")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = Store().annotations(view.article.id)
        assert (saved.start, saved.end) == sentence
        await pilot.press("c")  # cursor off: the mark shows on its own
        painted = "".join(styled_texts(view, NOTE_STYLE))
        assert painted.replace(" ", "") == view.article.body[sentence[0] : sentence[1]].replace(" ", "")
        # cursor deep in the article: the view follows it
        await pilot.press("G", "c")
        assert view.cursor_sentence[0] > view.article.block_starts[PARAGRAPHS - 30]


async def test_keyboard_and_mouse_selection(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_long(pilot)
        await pilot.press("c", "v", "j")
        first, second = view.sentences[0], view.sentences[1]
        assert view.passage() == (first[0], second[1])
        await pilot.press("escape", "c")
        widget = view.long_text
        start = view.article.block_starts[1]
        row = widget.row_of(1, 0)
        app.screen.selections = {widget: Selection(Offset(start + 4, row), Offset(start + 20, row))}
        await pilot.pause()
        assert view.passage() == (start + 4, start + 20)
        assert app.screen.get_selected_text() == view.article.body[start + 4 : start + 20]


async def test_resize_keeps_the_reading_place(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(120, 30)) as pilot:
        view = await open_long(pilot)
        view.scroll_to_position(1500, 40)
        await pilot.pause()
        block, offset, _ = view.reading_position()
        assert block == 1500
        await pilot.resize_terminal(70, 30)
        await settle(pilot)
        after, after_offset, _ = view.reading_position()
        assert after == block and abs(after_offset - offset) < 70
        await pilot.press("t")  # hide the sidebar: another width again
        await settle(pilot)
        assert view.reading_position()[0] == block
        app.open_article(view.article.id, position=(2500, 0))  # a bookmark or saved place
        await settle(pilot)
        assert view.reading_position()[:2] == (2500, 0)


async def test_wide_and_combining_characters_keep_highlights_aligned(long_file):
    app = LimelightApp(paths=[long_file])
    async with app.run_test(size=(60, 30)) as pilot:
        view = await open_long(pilot)
        await pilot.press("t")  # no sidebar: the paragraph wraps less
        await settle(pilot)
        widget = view.long_text
        wide_block = next(i for i, b in enumerate(view.article.blocks) if "東京" in b.text)
        top, count = widget.row_span(wide_block)
        rows = range(top, top + count)
        text = "".join(widget.render_line(y).text.strip() for y in rows)
        assert text.replace(" ", "") == clean(WIDE).replace(" ", "")
        for y in rows:
            assert widget.render_line(y).cell_length == widget.size.width
            assert "\x1b" not in widget.render_line(y).text
        person = LAYER_BY_NAME["PERSON"].style
        place = LAYER_BY_NAME["PLACE"].style
        assert "".join(styled_texts(view, person, rows)) == "Maria Silva"
        assert {"Lisbon", "Paris"} <= set(styled_texts(view, place, rows))
        await pilot.press("slash", *"zebra", "enter")
        await pilot.pause()
        assert styled_texts(view, CURRENT_MATCH_STYLE, rows) == ["zebra"]


def test_wrap_respects_cell_widths():
    for text in (WIDE, "word " * 50, "x" * 200, "中" * 90, "a\nbb cc\n\nd", ""):
        for width in (1, 5, 17, 40):
            ranges = wrap(text, width)
            assert ranges and ranges[0][0] == 0
            for start, end in ranges:
                assert cell_len(text[start:end].rstrip(" ")) <= max(width, 2)
            # every visible character is on exactly one line
            kept = "".join(text[s:e] for s, e in ranges).replace(" ", "")
            assert kept == text.replace(" ", "").replace("\n", "")


def test_fifty_thousand_blocks_lay_out_quickly():
    kinds = (PARAGRAPH, PARAGRAPH, QUOTE, ITEM)
    blocks = tuple(
        ModelBlock(kinds[i % 4], f"Block {i}: " + "some words in a row " * (i % 9 + 1))
        for i in range(50_000)
    )
    article = Article(title="Huge", blocks=blocks)
    assert len(article.blocks) > LONG_BLOCKS and is_long(article)
    begin = time.perf_counter()
    widget = LongText(article)
    layout = widget.layout_at(80)
    elapsed = time.perf_counter() - begin
    assert layout.tops[-1] > 50_000
    assert elapsed < 2.0, f"laying out 50,000 blocks took {elapsed:.2f} s"


def test_identical_short_blocks_share_one_object():
    """A million one-character paragraphs must cost a pointer each, not an object
    each (issue 10, item 15): make_article shares identical short blocks and
    keeps a block that needs no cleaning as it is."""
    from reader.library.sanitize import clean_inline, make_article

    given = [ModelBlock(PARAGRAPH, "abc"[i % 3]) for i in range(3_000)]
    given += [ModelBlock(PARAGRAPH, " a\t"), ModelBlock(QUOTE, "a"), ModelBlock(PARAGRAPH, "x" * 200)]
    article = make_article("T", given)
    blocks = article.blocks
    assert [b.text for b in blocks[:6]] == ["a", "b", "c", "a", "b", "c"]
    assert len({id(b) for b in blocks[:3_000]}) == 3
    assert blocks[3_000] is blocks[0]  # " a\t" cleans to "a"
    assert blocks[3_001].kind == QUOTE and blocks[3_001] is not blocks[0]
    assert blocks[3_002] is given[-1]  # long and already clean: kept as is
    for text in ("Größe  Straße", "a\u00a0b", "\x1b[31mred", " x ", "日本\u3000語", "é\x85e"):
        assert make_article("T", [ModelBlock(PARAGRAPH, text)]).blocks[0].text == clean_inline(text)


def test_ten_megabyte_single_line_text_imports_and_lays_out(tmp_path: Path):
    """A hang guard (issue 10, item 15: a 10 MB single-line text took 50 s to
    open): import and wrap it in a subprocess, with a generous timeout."""
    import subprocess
    import sys

    path = tmp_path / "one-line.txt"
    words = ("Größe", "market", "中文", "economy", "naïve", "council")
    path.write_text(" ".join(words[i % 6] for i in range(1_400_000)) + "\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reader.library.catalogue import iter_articles\n"
        "from reader.ui.long_text import LongText\n"
        "article = list(iter_articles([Path(sys.argv[1])]))[0]\n"
        "layout = LongText(article).layout_at(120)\n"
        "print(len(article.blocks), layout.tops[-1], len(article.body))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    blocks, rows, length = map(int, done.stdout.split())
    assert blocks == 1 and length > 8_000_000 and rows > 70_000
