"""Ordered list numbers, bold and italic, heading levels: kept beside the text.

The importers keep what Markdown and HTML say about emphasis and numbering
as metadata on each block (``Block.styles``, ``Block.number``, ``level``);
the text itself -- ``article.body``, which every analysis offset, note anchor
and search points into -- is the same as without them. The article view
draws them (bold and italic under the highlights, "7." before an item, a
class per heading level) on both of its paths.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library.html import parse_html
from reader.library.markdown import parse_markdown
from reader.library.model import BOLD, HEADING, INLINE_STYLES, ITALIC, ITEM, STRIKE
from reader.library.plaintext import parse_plaintext
from reader.library.sanitize import make_article
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView, Block, is_long
from tests.helpers import screen_text, settle, write

TITLED = "# The title\n\nA standfirst of a few words that stands first.\n\n"


def styled(block) -> list[tuple[str, str]]:
    return [(style, block.text[start:end]) for start, end, style in block.styles]


# -- Markdown --------------------------------------------------------------------


def test_ordered_lists_keep_their_numbers():
    article = parse_markdown(
        TITLED + "1. one\n2. two\n3. three\n\nText between.\n\n7. seven\n8. eight\n"
    )
    items = [(block.number, block.text) for block in article.blocks if block.kind == ITEM]
    assert items == [(1, "one"), (2, "two"), (3, "three"), (7, "seven"), (8, "eight")]
    # The numbers are not in the text: body offsets stay what they were.
    assert "1." not in article.body and "7." not in article.body
    assert [block.marker for block in article.blocks if block.kind == ITEM][3] == "7. "


def test_bullets_and_nested_lists_have_no_number():
    article = parse_markdown(TITLED + "3. three\n   - a bullet\n4. four\n\n- plain\n")
    items = [
        (block.number, block.level, block.marker) for block in article.blocks if block.kind == ITEM
    ]
    assert items == [(3, 1, "3. "), (0, 2, "• "), (4, 1, "4. "), (0, 1, "• ")]


def test_bold_italic_and_strikethrough_are_kept_beside_the_text():
    article = parse_markdown(
        TITLED + "Some **bold** and *italic*, _under_, __strong__, ***both*** and ~~gone~~ words.\n"
    )
    [block] = article.blocks
    assert block.text == "Some bold and italic, under, strong, both and gone words."
    assert styled(block) == [
        (BOLD, "bold"),
        (ITALIC, "italic"),
        (ITALIC, "under"),
        (BOLD, "strong"),
        (BOLD, "both"),
        (ITALIC, "both"),
        (STRIKE, "gone"),
    ]


def test_emphasis_leaves_the_body_and_the_article_id_unchanged():
    plain = parse_markdown(TITLED + "A sentence with bold words\nacross two lines.\n")
    marked = parse_markdown(TITLED + "A sentence with **bold words\nacross** two lines.\n")
    assert marked.body == plain.body and marked.id == plain.id
    [block] = marked.blocks
    assert styled(block) == [(BOLD, "bold words across")]


def test_inline_html_emphasis_in_markdown():
    [block] = parse_markdown(TITLED + "Some <b>bold</b> and <em>stressed</em> words.\n").blocks
    assert block.text == "Some bold and stressed words."
    assert styled(block) == [(BOLD, "bold"), (ITALIC, "stressed")]


def test_emphasis_in_a_heading_a_quote_and_a_list_item():
    article = parse_markdown(
        TITLED + "## A *fine* heading\n\n> Quoted **loud**.\n\n1. Item *one*\n"
    )
    assert [styled(block) for block in article.blocks] == [
        [(ITALIC, "fine")],
        [(BOLD, "loud")],
        [(ITALIC, "one")],
    ]


def test_literal_asterisks_and_underscores_stay_text():
    [block] = parse_markdown(TITLED + "2 * 3 * 4 is snake_case_name and a \\*star\\*.\n").blocks
    assert block.text == "2 * 3 * 4 is snake_case_name and a *star*."
    assert block.styles == ()


def test_heading_levels_are_kept():
    article = parse_markdown(TITLED + "## Second\n\nText.\n\n### Third\n\nMore text.\n")
    assert [(block.kind, block.level) for block in article.blocks if block.kind == HEADING] == [
        (HEADING, 2),
        (HEADING, 3),
    ]


def test_a_title_split_off_the_first_paragraph_keeps_the_rest_styled():
    article = parse_markdown(
        "A first line\nthen **bold** words follow here.\n\nAnother paragraph.\n"
    )
    assert article.title == "A first line"
    assert styled(article.blocks[0]) == [(BOLD, "bold")]


def test_cleaning_the_text_keeps_the_styles_on_their_words():
    from reader.library.model import PARAGRAPH
    from reader.library.model import Block as ModelBlock

    raw = "  Tab\there,\u00a0 and  \x1b[31mred\x1b[0m bold  "
    start = raw.index("bold")
    article = make_article("T", [ModelBlock(PARAGRAPH, raw, styles=((start, start + 4, BOLD),))])
    [block] = article.blocks
    assert block.text == "Tab here, and red bold"
    assert styled(block) == [(BOLD, "bold")]


# Hypothesis: whatever the input, no exception, and every span inside its block.
_PIECES = list("ab *_~`#>-1.\n<>/[]()!\\\t") + ["**", "<b>", "</b>", "<em>", "\n\n", "7. "]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=60).map("".join))
def test_any_markdown_gives_spans_inside_their_blocks(text):
    article = parse_markdown(text)
    for block in article.blocks:
        for start, end, style in block.styles:
            assert 0 <= start < end <= len(block.text)
            assert style in INLINE_STYLES
        assert list(block.styles) == sorted(block.styles)


_WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=6)
_STYLE = st.sampled_from(["", "**", "*", "_", "__", "~~"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_WORD, _STYLE), min_size=1, max_size=12))
def test_emphasis_markers_never_reach_the_text(words):
    """Words wrapped in ``**``, ``*``, ``_``, ``__``, ``~~``: the block's text is
    the words alone, and its styles are exactly the wrapped ones."""
    source = " ".join(f"{mark}{word}{mark}" for word, mark in words)
    [block] = parse_markdown(TITLED + "Body: " + source + "\n").blocks
    assert block.text == "Body: " + " ".join(word for word, _ in words)
    assert not any(char in block.text for char in "*_~")
    expected = {"**": BOLD, "__": BOLD, "*": ITALIC, "_": ITALIC, "~~": STRIKE}
    want = []
    position = len("Body: ")
    for word, mark in words:
        if mark:
            want.append((expected[mark], word))
        position += len(word) + 1
    assert sorted(styled(block)) == sorted(want)


# -- HTML and plain text ---------------------------------------------------------

PAGE = """<html><head><title>Harbour news</title></head><body><article>
<h1>Harbour news</h1>
<p>The harbour is <strong>closed</strong> today, and the <em>ferry</em> will not sail; the
council said so on Monday in a statement read out at the quay.</p>
<h2>What happens next</h2>
<p>The council will meet again next week to talk about the harbour and the ferry.</p>
<h3>Who decides</h3>
<ol start="7"><li>The <b>mayor</b> first</li><li>Then the <i>council</i></li></ol>
<p>Nothing else is planned for now, the council said in its statement on Monday.</p>
</article></body></html>"""


def check_page(article) -> None:
    blocks = article.blocks
    assert [(b.level, b.text) for b in blocks if b.kind == HEADING] == [
        (2, "What happens next"),
        (3, "Who decides"),
    ]
    assert [(b.number, b.text) for b in blocks if b.kind == ITEM] == [
        (7, "The mayor first"),
        (8, "Then the council"),
    ]
    assert styled(blocks[0]) == [(BOLD, "closed"), (ITALIC, "ferry")]
    assert [styled(b) for b in blocks if b.kind == ITEM] == [
        [(BOLD, "mayor")],
        [(ITALIC, "council")],
    ]


def test_html_keeps_numbers_emphasis_and_heading_levels():
    check_page(parse_html(PAGE))


def test_html_without_the_extractor_keeps_them_too(monkeypatch):
    from reader.library import html

    monkeypatch.setattr(html, "_from_trafilatura", lambda *args: None)
    article = parse_html(PAGE)
    check_page(article)
    # The same text either way: the emphasis is beside it.
    assert article.body.startswith("The harbour is closed today, and the ferry will not sail;")


def test_plain_text_numbered_items_keep_their_numbers():
    article = parse_plaintext(
        "A title\n\nA standfirst line that says what this is about.\n\n"
        "The steps are these ones, in order.\n\n4. Four\n5) Five\n- a dash\n"
    )
    assert [(b.number, b.text) for b in article.blocks if b.kind == ITEM] == [
        (4, "Four"),
        (5, "Five"),
        (0, "a dash"),
    ]


# -- the article view ------------------------------------------------------------

ARTICLE = (
    TITLED
    + "The harbour is **closed** today and the *ferry* will not sail, the council said.\n\n"
    + "“This is **vital** for us,” the mayor said at the quay on Monday.\n\n"
    + "## What happens next\n\nThe council meets again.\n\n### Who decides\n\n"
    + "7. The mayor\n8. The council\n"
)


def screen_segments(app):
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.text.strip():
                yield segment


def texts_with(app, attribute: str) -> str:
    return " ".join(
        segment.text.strip()
        for segment in screen_segments(app)
        if segment.style is not None and getattr(segment.style, attribute)
    )


async def test_the_view_draws_bold_italic_numbers_and_heading_levels(tmp_path: Path):
    path = write(tmp_path, "harbour.md", ARTICLE)
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(110, 44)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.analysis is not None
        bold = texts_with(app, "bold")
        assert "closed" in bold and "vital" in bold and "ferry" not in bold
        assert "harbour is" not in bold
        assert "ferry" in texts_with(app, "italic")
        # Bold under the quote layer's highlight: both at once.
        [vital] = [s for s in screen_segments(app) if s.text.strip() == "vital"]
        [opening] = [s for s in screen_segments(app) if "This is" in s.text]
        assert vital.style.bold and vital.style.bgcolor is not None
        assert vital.style.bgcolor == opening.style.bgcolor
        # Numbered items, and two heading levels that look different.
        items = [w for w in app.query(Block) if w.has_class("item")]
        assert [w.prefix for w in items] == ["7. ", "8. "]
        assert "7. The mayor" in screen_text(app)
        [h2] = [w for w in app.query(Block) if w.has_class("heading-2")]
        [h3] = [w for w in app.query(Block) if w.has_class("heading-3")]
        assert h2.block_text == "What happens next" and h3.block_text == "Who decides"
        [second] = [s for s in screen_segments(app) if s.text.strip() == "What happens next"]
        [third] = [s for s in screen_segments(app) if s.text.strip() == "Who decides"]
        assert second.style.bold and third.style.bold
        assert second.style != third.style
        # The text the view holds has no markup in it.
        assert "**" not in view.article.body and "7." not in view.article.body


async def test_a_long_article_draws_bold_and_numbers_too(tmp_path: Path):
    paragraphs = [f"Paragraph {n} of the long article, with some words." for n in range(2_000)]
    paragraphs[1] = "A paragraph with **strong words** in it and *slanted* ones."
    paragraphs[2] = "12. Twelfth item\n13. Thirteenth item"
    path = write(tmp_path, "long.md", TITLED + "\n\n".join(paragraphs) + "\n")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert is_long(view.article)
        assert "strong words" in texts_with(app, "bold")
        assert "slanted" in texts_with(app, "italic")
        shown = screen_text(app)
        assert "12. Twelfth item" in shown and "13. Thirteenth item" in shown


async def test_a_long_article_draws_its_heading_levels_apart(tmp_path: Path):
    paragraphs = [f"Paragraph {n} of the long article, with some words." for n in range(2_000)]
    paragraphs[1] = "## Second level heading"
    paragraphs[3] = "### Third level heading"
    path = write(tmp_path, "long.md", TITLED + "\n\n".join(paragraphs) + "\n")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(110, 30)) as pilot:
        await settle(pilot)
        assert is_long(app.query_one(ArticleView).article)
        styles = {
            segment.text.strip(): segment.style
            for segment in screen_segments(app)
            if "level heading" in segment.text
        }
        second, third = styles["Second level heading"], styles["Third level heading"]
        assert second.bold and third.bold
        assert second.color != third.color  # H2 in the heading colour, H3 in the text's
