"""The main pane: one article, its highlights and the reading cursor.

Each block is one ``Static`` holding a :class:`~textual.content.Content`
built from the block's plain text (never parsed as markup), so Textual's
mouse selection reports offsets into the block's own text. Highlights are
re-applied by replacing the content of the blocks whose spans changed,
without remounting.

A long article (more than ``LONG_BLOCKS`` blocks or ``LONG_CHARS``
characters: a long read of 6,000 words or more) is shown instead by one
line-API widget,
:class:`~reader.ui.long_text.LongText`, which draws only the visible lines.
The two paths answer the same geometry questions (which block and offset is
at a virtual row; which row holds a block's character) through a small
interface, :class:`Pane`, so cursor, selection, search and the reading place
are written once.

All positions the rest of the app sees are character offsets into
``article.body`` (blocks joined by blank lines), never screen rows, so
they survive a resize or another terminal width.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Protocol

from rich._wrap import divide_line  # how Textual's Content wraps a line
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from reader.analysis.model import Analysis
from reader.library.model import CAPTION, CODE, HEADING, ITEM, QUOTE, ROW, Article
from reader.library.sanitize import safe_display, safe_display_spans
from reader.ui.keys import ARTICLE, bindings_for
from reader.ui.layers import (
    ATTRIBUTION_STYLE,
    CURRENT_MATCH_STYLE,
    CURSOR_STYLE,
    LAYERS,
    MATCH_STYLE,
    QUOTES,
    SELECTION_STYLE,
    analysis_spans,
    block_spans,
    speakers_by_block,
)

if TYPE_CHECKING:  # imported when a long article is first shown
    from reader.ui.long_text import LongText


def _clipped(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, "…" ending what was cut (the meta line's parts)."""
    from rich.cells import cell_len

    if cell_len(text) <= width:
        return text
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


def _next_is_row(article: Article, index: int) -> bool:
    """Whether the block after ``index`` is another row of a table."""
    return index + 1 < len(article.blocks) and article.blocks[index + 1].kind == ROW


BLOCK_CLASSES = {
    HEADING: "heading",
    QUOTE: "blockquote",
    ITEM: "item",
    CAPTION: "caption",
    CODE: "code",
    ROW: "row",
}

Span = tuple[int, int]

# Above either size an article is drawn by one LongText, not a Static per block:
# mounting and laying out a Static costs about 2 ms a block on a slow machine,
# the LongText what is on screen, so a long article is on screen at once
# (benchmarks/open_long.py). Both draw the same text the same way.
LONG_BLOCKS = 120
LONG_CHARS = 40_000


def is_long(article: Article) -> bool:
    """Whether ``article`` is shown line by line (one LongText) rather than block by block."""
    if len(article.blocks) > LONG_BLOCKS:
        return True
    return sum(len(block.text) for block in article.blocks) > LONG_CHARS


def line_starts(text: str, width: int) -> list[int]:
    """Offsets into ``text`` where its lines start when a ``Static`` wraps it at
    ``width`` cells: hard lines split at newlines, each divided as Textual's
    ``Content`` divides it (Rich's ``divide_line``, long words folded)."""
    starts: list[int] = []
    base = 0
    for part in text.split("\n"):
        starts.append(base)
        if width > 0 and part:
            starts.extend(base + cut for cut in divide_line(part, width, fold=True))
        base += len(part) + 1
    return starts


class Block(Static):
    """One block of the article; ``index`` is its position in ``article.blocks``.

    ``prefix`` (a list bullet) is drawn before the block's text: offsets into
    the text are offsets into the widget's content minus ``len(prefix)``.
    """

    def __init__(
        self,
        index: int,
        text: str,
        classes: str,
        prefix: str = "",
        inline: tuple = (),
        painted: tuple = (),
    ) -> None:
        self.index = index
        self.block_text = text
        self.prefix = prefix
        self.inline = inline  # the block's bold and italic: Block.styles, under every span
        self.painted = painted  # the spans drawn (made with them: drawn highlighted at once)
        self._lines: tuple[int, list[int]] | None = None  # (width, line_starts())
        super().__init__(self.styled(painted), classes=classes, markup=False)

    def styled(self, spans) -> Content:
        """The block's text (never markup) with ``(start, end, style)`` spans applied."""
        shift = len(self.prefix)
        content = Content(self.prefix + self.block_text)
        for start, end, style in (*self.inline, *spans):
            content = content.stylize(style, start + shift, end + shift)
        return content

    def line_starts(self) -> list[int]:
        """Offsets into ``block_text`` where each line on screen starts, at the
        widget's width (the wrap Textual draws it with; cached per width)."""
        width = self.size.width
        if self._lines is None or self._lines[0] != width:
            shift = len(self.prefix)
            starts = line_starts(self.prefix + self.block_text, width)
            self._lines = (width, [max(0, start - shift) for start in starts])
        return self._lines[1]

    def text_offset(self, line: int, column: int) -> int:
        """Offset into ``block_text`` of a (line, column) in the widget's content."""
        lines = (self.prefix + self.block_text).split("\n")
        line = max(0, min(line, len(lines) - 1))
        offset = sum(len(text) + 1 for text in lines[:line]) + column
        return max(0, min(len(self.block_text), offset - len(self.prefix)))


def _quoted_by(names: Sequence[str]) -> Content:
    """The line under a block naming who is quoted in it."""
    return Content("— quoted: " + ", ".join(map(safe_display, names)))


class Pane(Protocol):
    """Geometry of the article's blocks in the view's virtual rows."""

    def position_at(self, row: float) -> tuple[int, float, int] | None:
        """(block, fraction of it above ``row``, offset in it) at virtual row ``row``;
        None past the last block."""

    def row_of(self, block: int, inside: int) -> int:
        """Virtual row of character ``inside`` of block ``block``."""


class StaticPane:
    """The Static path: one :class:`Block` widget per block."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks

    def position_at(self, row: float) -> tuple[int, float, int] | None:
        """Exact to the line: the offset is where the line at ``row`` starts
        (a row above a block's text, a margin or a speaker line, is its start)."""
        blocks = self.blocks
        # The first block whose region ends below the row (regions run down the page).
        low, high = 0, len(blocks)
        while low < high:
            middle = (low + high) // 2
            if blocks[middle].virtual_region.bottom > row:
                high = middle
            else:
                low = middle + 1
        if low == len(blocks):
            return None
        widget = blocks[low]
        starts = widget.line_starts()
        local = int(row) - widget.virtual_region.y - widget.styles.gutter.top
        if local <= 0:
            return widget.index, 0.0, 0
        local = min(local, len(starts) - 1)
        return widget.index, local / len(starts), starts[local]

    def row_of(self, block: int, inside: int) -> int:
        """Virtual row of the line holding character ``inside`` of a block."""
        widget = self.blocks[max(0, min(block, len(self.blocks) - 1))]
        line = max(0, bisect_right(widget.line_starts(), inside) - 1)
        return widget.virtual_region.y + widget.styles.gutter.top + line


class LongPane:
    """The LongText path: exact rows from the widget's wrapped layout."""

    def __init__(self, widget: LongText) -> None:
        self.widget = widget

    def position_at(self, row: float) -> tuple[int, float, int] | None:
        return self.widget.position_at(int(row) - self.widget.virtual_region.y)

    def row_of(self, block: int, inside: int) -> int:
        return self.widget.virtual_region.y + self.widget.row_of(block, inside)


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article with highlight layers, a sentence cursor and overlays."""

    BINDINGS = bindings_for(ARTICLE)

    class CursorMoved(Message):
        def __init__(self, sentence: Span | None) -> None:
            super().__init__()
            self.sentence = sentence

    class Scrolled(Message):
        """The reading place changed (posted when scrolling settles)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.enabled: frozenset[str] = frozenset(layer.name for layer in LAYERS)
        self.cursor_mode = False
        self.cursor_index = 0
        self.selection_anchor: int | None = None  # sentence index where `v` started
        self.analysing = False
        self.marks: list[tuple[int, int, str]] = []  # annotations: body spans + style
        self.matches: list[Span] = []  # search matches
        self.current_match: int | None = None
        self.attribution: list[Span] = []  # the chosen quote's speaker mention and cue
        self.attribution_part = "body"  # the text they point into: "body", "title" or "dek"
        # A match in the title or the dek, (part, start, end): a quote found there.
        self.head_match: tuple[str, int, int] | None = None
        self._sentences: tuple[Span, ...] | None = None
        self._sentence_starts: tuple[tuple[Span, ...] | None, list[int]] = (None, [])
        self._blocks: list[Block] = []
        self._speaker_lines: dict[int, Static] = {}
        self._long: LongText | None = None
        self._pane: Pane = StaticPane([])
        self._base_key: tuple | None = None
        self._meta: Static | None = None
        self._heads: list[tuple[Static, str, str]] = []  # (widget, text, "title" | "dek")
        self._heads_key: tuple | None = None
        self._anchor: tuple[int, int] | None = None  # (block, offset) at the top
        self._restoring = False
        self._held_rows = 0.0  # rows scrolled while the place is held
        self._last_width = 0

    @property
    def long_text(self) -> LongText | None:
        """The line-by-line widget, when the shown article is a long one."""
        return self._long

    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the shown article's text is on screen: its
        first lines drawn (:meth:`LongText.when_drawn`) for a long one, after
        the next refresh for the others."""
        if self._long is not None:
            self._long.when_drawn(callback)
        else:
            self.call_after_refresh(callback)

    # -- content -------------------------------------------------------------
    def show(
        self,
        article: Article,
        analysis: Analysis | None = None,
        position: tuple[int, int] | None = None,
    ) -> None:
        """Replace the pane's content with ``article``.

        ``position`` is a reading place (block index, offset in the block) to
        scroll to once laid out; otherwise the top.
        """
        self.article = article
        self.analysis = analysis
        self.analysing = analysis is None and article.ok
        self.cursor_mode = False  # the cursor starts again where the reader looks
        self.cursor_index = 0
        self.selection_anchor = None
        self.marks = []
        self.matches = []
        self.current_match = None
        self.attribution = []
        self.attribution_part = "body"
        self.head_match = None
        self._sentences = None
        self._anchor = None
        self._base_key = None
        self._heads_key = None
        self.remove_children()
        widgets: list[Widget] = []
        heading = ("⚠ " if article.error else "") + safe_display(article.title)
        title = Static(Content(heading), classes="title", markup=False)
        widgets.append(title)
        self._heads = [] if article.error else [(title, article.title, "title")]
        if article.dek:
            dek = Static(Content(safe_display(article.dek)), classes="dek", markup=False)
            widgets.append(dek)
            self._heads.append((dek, article.dek, "dek"))
        self._meta = Static(self._meta_content(), classes="meta", markup=False)
        widgets.append(self._meta)
        if article.error:
            widgets.append(
                Static(
                    Content(f"This file could not be read: {safe_display(article.error)}"),
                    classes="error",
                )
            )
        for warning in article.warnings:
            widgets.append(
                Static(Content(f"⚠ {safe_display(warning)}"), classes="warning", markup=False)
            )
        self._blocks = []
        self._speaker_lines = {}
        self._long = None
        long = is_long(article)
        self.set_class(long, "long-article")
        if long:
            from reader.ui.long_text import LongText

            self._long = LongText(article, classes="long")
            widgets.append(self._long)
            self._pane = LongPane(self._long)
        else:
            # Each block made with its highlights and its speaker line beside
            # it, all mounted at once: nothing is restyled or mounted again
            # when _paint() finds them drawn.
            per_block, speakers = self._block_paint(article)
            for index, block in enumerate(article.blocks):
                classes = "block " + BLOCK_CLASSES.get(block.kind, "paragraph")
                if block.kind == HEADING:
                    classes += f" heading-{max(1, min(6, block.level or 2))}"
                elif block.kind == ROW and not _next_is_row(article, index):
                    classes += " table-end"  # a blank line after the table
                names = speakers[index]
                if names:
                    classes += " attributed"
                spans = tuple(per_block[index])
                widget = Block(index, block.text, classes, block.marker, block.styles, spans)
                self._blocks.append(widget)
                widgets.append(widget)
                if names:
                    line = Static(_quoted_by(names), classes="speakers", markup=False)
                    self._speaker_lines[index] = line
                    widgets.append(line)
            self._pane = StaticPane(self._blocks)
        self.mount_all(widgets)
        self.scroll_home(animate=False, immediate=True)
        self._paint()
        if position is not None:
            self.call_after_refresh(self.scroll_to_position, *position)

    def set_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Apply analysis results, if they are still for the shown article."""
        if self.article is None or self.article.id != article_id:
            return
        self.analysis = analysis
        self.analysing = False
        self._sentences = None
        self._paint()

    def analysis_failed(self, article_id: str) -> None:
        """The shown article's analysis failed: it is no longer being analysed."""
        if self.article is not None and self.article.id == article_id:
            self.analysing = False

    def set_layers(self, enabled: frozenset[str]) -> None:
        self.enabled = enabled
        self._paint()

    def set_marks(self, marks: Sequence[tuple[int, int, str]]) -> None:
        """The reader's annotations, as body spans with their style."""
        self.marks = list(marks)
        self._paint()

    def set_attribution(self, spans: Sequence[Span], part: str = "body") -> None:
        """Underline these spans (a quote's speaker mention and cue) of ``part``:
        the body, the title or the dek; () clears."""
        spans = list(spans)
        if not spans:
            part = "body"
        if spans != self.attribution or part != self.attribution_part:
            self.attribution = spans
            self.attribution_part = part
            self._paint()

    @property
    def body_attribution(self) -> list[Span]:
        return self.attribution if self.attribution_part == "body" else []

    def set_matches(self, matches: Sequence[Span], current: int | None = None) -> None:
        """Search matches to show over every other layer; ``current`` is emphasised.

        Body matches replace a match in the title or the dek."""
        self.matches = list(matches)
        self.current_match = current
        self.head_match = None
        self._paint()
        if current is not None and 0 <= current < len(self.matches):
            self.scroll_to_offset(self.matches[current][0], center=True)

    def set_head_match(self, part: str, start: int, end: int) -> None:
        """Show ``start``-``end`` of the title or the dek (``part``) as the current
        match, in place of the body's matches, and scroll to the top where it is."""
        self.matches = []
        self.current_match = None
        self.head_match = (part, start, end)
        self._paint()
        self.scroll_home(animate=False, immediate=True)

    def _meta_content(self) -> Content:
        article = self.article
        if article is None:
            return Content("")
        from reader.library.citation import byline
        from reader.library.feedview import compact_date

        # who wrote it, where, when (a page's or a feed's); else the file's name
        told = [_clipped(safe_display(part), 32) for part in byline(article, date=compact_date)]
        parts = told or [
            safe_display(PurePath(article.source).name) if article.source else "(no source)"
        ]
        if article.ok:
            from reader.text import plural

            parts += [plural(article.words, "word"), f"{article.minutes} min read"]
        return Content(" · ".join(parts))

    @property
    def sentences(self) -> tuple[Span, ...]:
        if self.analysis is not None:
            return self.analysis.sentences
        if self._long is not None:
            return ()  # splitting megabytes would block the interface: wait for the analysis
        if self._sentences is None:
            from reader.analysis import split_sentences

            self._sentences = split_sentences(self.article.body) if self.article else ()
        return self._sentences

    def _sentence_index(self, offset: int) -> int:
        """Index of the sentence holding (or last starting before) body ``offset``."""
        sentences = self.sentences
        if self._sentence_starts[0] is not sentences:
            self._sentence_starts = (sentences, [start for start, _ in sentences])
        return max(0, bisect_right(self._sentence_starts[1], offset) - 1)

    @property
    def cursor_sentence(self) -> Span | None:
        sentences = self.sentences
        if not self.cursor_mode or not sentences:
            return None
        return sentences[min(self.cursor_index, len(sentences) - 1)]

    @property
    def keyboard_selection(self) -> Span | None:
        """Body span covered by the `v` selection (anchor to cursor), if any."""
        if self.selection_anchor is None or not self.cursor_mode or not self.sentences:
            return None
        sentences = self.sentences
        low = min(self.selection_anchor, self.cursor_index)
        high = min(max(self.selection_anchor, self.cursor_index), len(sentences) - 1)
        return sentences[low][0], sentences[high][1]

    def mouse_selection(self) -> Span | None:
        """Body span of the text selected with the mouse, if any is in this pane."""
        if self.article is None:
            return None
        if self._long is not None:
            return self._long.selected_span()
        spans: list[Span] = []
        starts = self.article.block_starts
        for widget, selection in self.screen.selections.items():
            if not isinstance(widget, Block) or widget.parent is not self:
                continue
            base = starts[widget.index]
            if selection.start is None:
                start = 0
            else:
                start = widget.text_offset(selection.start.y, selection.start.x)
            if selection.end is None:
                end = len(widget.block_text)
            else:
                end = widget.text_offset(selection.end.y, selection.end.x)
            if end > start:
                spans.append((base + start, base + end))
        if not spans:
            return None
        return min(s for s, _ in spans), max(e for _, e in spans)

    def passage(self) -> Span | None:
        """What an action applies to: the selection, else the cursor's sentence."""
        return self.mouse_selection() or self.keyboard_selection or self.cursor_sentence

    def _overlays(self) -> list[tuple[int, int, str]]:
        """Selection then search matches, as body spans with their style."""
        overlays: list[tuple[int, int, str]] = []
        selection = self.keyboard_selection
        if selection is not None:
            overlays.append((selection[0], selection[1], SELECTION_STYLE))
        overlays.extend((start, end, ATTRIBUTION_STYLE) for start, end in self.body_attribution)
        for index, (start, end) in enumerate(self.matches):
            style = CURRENT_MATCH_STYLE if index == self.current_match else MATCH_STYLE
            overlays.append((start, end, style))
        return overlays

    def _paint(self) -> None:
        article = self.article
        if article is None:
            return
        if self._long is not None:
            self._paint_long(article)
        else:
            self._paint_blocks(article)
        self._paint_heads()
        if self._meta is not None:
            self._meta.update(self._meta_content())

    def _paint_heads(self) -> None:
        """Highlight the title and the dek from their own analysis (``analysis.title`` /
        ``.dek``), then the attribution and the match that point into them."""
        attribution = () if self.attribution_part == "body" else tuple(self.attribution)
        key = (id(self.analysis), self.enabled, self.attribution_part, attribution, self.head_match)
        if key == self._heads_key:
            return
        self._heads_key = key
        for widget, text, name in self._heads:
            part = getattr(self.analysis, name, None) if self.analysis is not None else None
            spans = analysis_spans(part, self.enabled)
            if name == self.attribution_part:
                spans.extend((start, end, ATTRIBUTION_STYLE) for start, end in attribution)
            if self.head_match is not None and self.head_match[0] == name:
                spans.append((self.head_match[1], self.head_match[2], CURRENT_MATCH_STYLE))
            # Shown without controls, bidi overrides or invisible characters;
            # the spans follow (they are offsets into the stored text).
            shown, spans = safe_display_spans(text, spans)
            content = Content(shown)
            for start, end, style in spans:
                content = content.stylize(style, start, end)
            widget.update(content)

    def _paint_long(self, article: Article) -> None:
        """Hand the LongText its spans; it repaints only the lines on screen.

        Analysis layers and marks are cut per block only when they change;
        the cursor, selection and matches are cut per block as lines are drawn.
        """
        assert self._long is not None
        key = (id(self.analysis), self.enabled, tuple(self.marks))
        if key != self._base_key:
            self._base_key = key
            if self.analysis is None and not self.marks:
                per_block = None
            else:
                per_block = block_spans(article, self.analysis, self.enabled, marks=self.marks)
            speakers = speakers_by_block(article, self.analysis) if QUOTES in self.enabled else None
            self._long.set_base(per_block, speakers)
        front: list[tuple[int, int, str]] = []
        cursor = self.cursor_sentence
        if cursor is not None:
            front.append((cursor[0], cursor[1], CURSOR_STYLE))
        selection = self.keyboard_selection
        if selection is not None:
            front.append((selection[0], selection[1], SELECTION_STYLE))
        front.extend((start, end, ATTRIBUTION_STYLE) for start, end in self.body_attribution)
        self._long.set_overlays(front, self.matches, self.current_match)

    def _block_paint(self, article: Article) -> tuple[list[list], list[list[str]]]:
        """Each block's spans and the speakers its line names (none without the quotes layer)."""
        per_block = block_spans(
            article,
            self.analysis,
            self.enabled,
            cursor=self.cursor_sentence,
            overlays=self._overlays(),
            marks=self.marks,
        )
        if QUOTES in self.enabled:
            speakers = speakers_by_block(article, self.analysis)
        else:
            speakers = [[] for _ in article.blocks]
        return per_block, speakers

    def _paint_blocks(self, article: Article) -> None:
        per_block, speakers = self._block_paint(article)
        for widget in self._blocks:
            spans = tuple(per_block[widget.index])
            if spans != widget.painted:
                widget.painted = spans
                widget.update(widget.styled(spans))
            names = speakers[widget.index]
            line = self._speaker_lines.get(widget.index)
            if line is None:
                if not names:
                    continue
                # Made when first needed: half the widgets to mount when an article opens.
                line = Static("", classes="speakers", markup=False)
                line.display = False
                self._speaker_lines[widget.index] = line
                self.mount(line, after=widget)
            if line.display != bool(names):
                line.display = bool(names)
                widget.set_class(bool(names), "attributed")
            if names:
                line.update(_quoted_by(names))

    # -- positions ---------------------------------------------------------------
    def locate(self, offset: int) -> tuple[int, int] | None:
        """(block index, offset inside it) of body offset ``offset``."""
        if self.article is None or not self.article.blocks:
            return None
        starts = self.article.block_starts
        index = max(0, bisect_right(starts, offset) - 1)
        return index, max(0, offset - starts[index])

    def _row_of_offset(self, offset: int) -> int | None:
        located = self.locate(offset)
        if located is None:
            return None
        return self._pane.row_of(*located)

    def reading_position(self) -> tuple[int, int, float]:
        """(block, offset in block, fraction read) at the top of the view."""
        if self.article is None or not self.article.blocks:
            return 0, 0, 0.0
        place = self._pane.position_at(self.scroll_y)
        if place is None:
            return len(self.article.blocks) - 1, 0, 1.0
        index, _, offset = place
        if self.max_scroll_y <= 0:
            read = 1.0
        else:
            read = min(
                1.0,
                (self.scroll_y + self.scrollable_content_region.height) / self.virtual_size.height,
            )
        return index, offset, read

    def scroll_to_position(self, block: int, offset: int) -> None:
        """Scroll so that character ``offset`` of block ``block`` is at the top."""
        if self.article is None or not self.article.blocks:
            return
        block = max(0, min(block, len(self.article.blocks) - 1))
        self._jump()
        self.scroll_to(y=self._pane.row_of(block, offset), animate=False, immediate=True)
        self._anchor = self._top_position()

    def scroll_to_offset(self, offset: int, center: bool = False) -> None:
        """Bring body offset ``offset`` into view."""
        row = self._row_of_offset(offset)
        if row is None:
            return
        self._jump()
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True, center=center)

    def scroll_span_into_view(self, start: int, end: int) -> None:
        """Scroll as little as brings body span ``start``-``end`` into view (its
        start when it is taller than the view); no focus changes."""
        top = self._row_of_offset(start)
        bottom = self._row_of_offset(max(start, end - 1))
        if top is None or bottom is None:
            return
        region = Region(0, top, 1, max(1, bottom - top + 1))
        self._jump()
        self.scroll_to_region(region, animate=False, immediate=True)

    def place_cursor_at(self, offset: int) -> None:
        """Turn cursor mode on with the cursor on the sentence holding ``offset``."""
        sentences = self.sentences
        if not sentences:
            return
        self.cursor_mode = True
        self.cursor_index = self._sentence_index(offset)
        self._paint()
        self.scroll_to_offset(sentences[self.cursor_index][0], center=True)
        self.post_message(self.CursorMoved(self.cursor_sentence))

    # -- keeping the place across resizes and re-layouts ------------------------
    # The place is the (block, offset) of the line at the top, taken when the
    # reader scrolls. Whenever the text is laid out again (a resize, the
    # sidebar or a panel shown or hidden, another text width, speaker lines
    # arriving with the analysis) that line is put back at the top, so the
    # first visible sentence stays first.
    def _block_at_top(self) -> tuple[int, float] | None:
        """(block, fraction of it scrolled past) at the top of the view."""
        place = self._pane.position_at(self.scroll_y)
        return None if place is None else (place[0], place[1])

    def _top_position(self) -> tuple[int, int] | None:
        """(block, offset) of the line at the top; None above the first block
        (the title, the dek and the meta line are at the top)."""
        if self.article is None or not self.article.blocks:
            return None
        if self.scroll_y < self._pane.row_of(0, 0):
            return None
        place = self._pane.position_at(self.scroll_y)
        return None if place is None else (place[0], place[2])

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if not self._restoring:
            self._anchor = self._top_position()
            self.post_message(self.Scrolled())

    def watch_virtual_size(self) -> None:
        # Called as the new layout is set, before Textual clamps the scroll
        # position to it: from here until the place is restored, scrolling
        # does not move the anchor.
        self._hold_place()

    def on_resize(self) -> None:
        if self.size.width != self._last_width:
            self._hold_place()
        self._last_width = self.size.width

    def _hold_place(self) -> None:
        if self._anchor is not None and not self._restoring:
            self._restoring = True
            self._held_rows = 0
            self.call_after_refresh(self._restore)

    def _restore(self) -> None:
        if not self._restoring:
            return  # a jump since (a match, the cursor, the top) chose the place
        anchor = self._anchor
        if anchor is not None and self.article is not None and anchor[0] < len(self.article.blocks):
            # Lines scrolled while the place was held (keys of the same burst) count too.
            row = self._pane.row_of(*anchor) + self._held_rows
            self.scroll_to(y=row, animate=False, immediate=True)
        self._restoring = False
        if self._held_rows:
            self._anchor = self._top_position()
            self.post_message(self.Scrolled())

    def _jump(self) -> None:
        """A move to a given place ends holding the old one."""
        self._restoring = False

    # -- movement --------------------------------------------------------------
    # Every move scrolls at once from where the last one is going
    # (``scroll_target_y``), so a burst of keys (key repeat, a paste, a slow
    # link) moves by the sum of its presses, not by one.
    def _scroll_by(self, rows: float) -> None:
        if self._restoring:
            self._held_rows += rows
        self.scroll_to(y=self.scroll_target_y + rows, animate=False, immediate=True)

    def action_down(self) -> None:
        if self.cursor_mode:
            self.move_cursor(1)
        else:
            self._scroll_by(1)

    def action_up(self) -> None:
        if self.cursor_mode:
            self.move_cursor(-1)
        else:
            self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._scroll_by(-self.scrollable_content_region.height)

    def action_top(self) -> None:
        self._jump()
        self.scroll_home(animate=False, immediate=True)

    def action_bottom(self) -> None:
        self._jump()
        self.scroll_end(animate=False, immediate=True)

    def action_toggle_cursor(self) -> None:
        self.cursor_mode = not self.cursor_mode
        self.selection_anchor = None
        if self.cursor_mode:
            self.cursor_index = self._first_visible_sentence()
            self._scroll_to_cursor()
        self._paint()
        self.post_message(self.CursorMoved(self.cursor_sentence))

    def action_select(self) -> None:
        """Start (or restart) a keyboard selection at the cursor's sentence."""
        if not self.sentences:
            return
        if not self.cursor_mode:
            self.cursor_mode = True
            self.cursor_index = self._first_visible_sentence()
        self.selection_anchor = self.cursor_index
        self._paint()
        self.post_message(self.CursorMoved(self.cursor_sentence))

    def clear_selection(self) -> bool:
        """Drop keyboard and mouse selections; True if there was one."""
        had = self.selection_anchor is not None or bool(self.screen.selections)
        self.selection_anchor = None
        self.screen.clear_selection()
        self._paint()
        return had

    def move_cursor(self, delta: int) -> None:
        if not self.sentences:
            return
        self.cursor_index = max(0, min(len(self.sentences) - 1, self.cursor_index + delta))
        self._paint()
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self.cursor_sentence))

    def _scroll_to_cursor(self) -> None:
        sentence = self.cursor_sentence
        if sentence is None:
            return
        row = self._row_of_offset(sentence[0])
        if row is not None:
            self._jump()
            self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True, top=False)

    def _first_visible_sentence(self) -> int:
        """The first sentence starting at or below the top of the view."""
        sentences = self.sentences
        if not sentences or self.article is None or not self.article.blocks:
            return 0
        place = self._pane.position_at(self.scroll_y)
        if place is None:
            return len(sentences) - 1
        top = self.article.block_starts[place[0]] + place[2]
        index = self._sentence_index(top)
        if sentences[index][0] < top and index + 1 < len(sentences):
            index += 1
        return index
