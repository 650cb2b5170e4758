"""The main pane: one article, its highlights and the reading cursor.

Each block is one ``Static`` holding a :class:`~textual.content.Content`
built from the block's plain text (never parsed as markup), so Textual's
mouse selection reports offsets into the block's own text. Highlights are
re-applied by replacing each block's content, without remounting.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import PurePath

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from reader.analysis.model import Analysis
from reader.library.model import CAPTION, HEADING, ITEM, QUOTE, Article
from reader.ui.layers import LAYERS, block_spans, speakers_by_block

BLOCK_CLASSES = {HEADING: "heading", QUOTE: "blockquote", ITEM: "item", CAPTION: "caption"}


class Block(Static):
    """One block of the article; ``index`` is its position in ``article.blocks``.

    ``prefix`` (a list bullet) is drawn before the block's text: offsets into
    the text are offsets into the widget's content minus ``len(prefix)``.
    """

    def __init__(self, index: int, text: str, classes: str, prefix: str = "") -> None:
        self.index = index
        self.block_text = text
        self.prefix = prefix
        super().__init__(self.styled(()), classes=classes, markup=False)

    def styled(self, spans) -> Content:
        """The block's text (never markup) with ``(start, end, style)`` spans applied."""
        shift = len(self.prefix)
        content = Content(self.prefix + self.block_text)
        for start, end, style in spans:
            content = content.stylize(style, start + shift, end + shift)
        return content


class ArticleView(VerticalScroll, can_focus=True):
    """Scrollable article with highlight layers and a sentence cursor."""

    BINDINGS = [
        Binding("j,down", "down", "Scroll", key_display="j/k"),
        Binding("k,up", "up", "Up", show=False),
        Binding("space,pagedown", "page_down", "Page", key_display="␣/b"),
        Binding("b,pageup", "page_up", "Page up", show=False),
        Binding("g,home", "top", "Top/Bottom", key_display="g/G"),
        Binding("G,end", "bottom", "Bottom", show=False),
        Binding("c", "toggle_cursor", "Cursor"),
    ]

    class CursorMoved(Message):
        def __init__(self, sentence: tuple[int, int] | None) -> None:
            super().__init__()
            self.sentence = sentence

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.analysis: Analysis | None = None
        self.enabled: frozenset[str] = frozenset(layer.name for layer in LAYERS)
        self.cursor_mode = False
        self.cursor_index = 0
        self.analysing = False
        self._blocks: list[Block] = []
        self._speaker_lines: dict[int, Static] = {}
        self._meta: Static | None = None
        self._anchor: tuple[int, float] | None = None  # (block, fraction) at the top
        self._restoring = False
        self._last_width = 0

    # -- content -------------------------------------------------------------
    def show(self, article: Article, analysis: Analysis | None = None) -> None:
        """Replace the pane's content with ``article``, scrolled to the top."""
        self.article = article
        self.analysis = analysis
        self.analysing = analysis is None and article.ok
        self.cursor_index = 0
        self._anchor = None
        self.remove_children()
        widgets: list[Static] = []
        title = ("⚠ " if article.error else "") + article.title
        widgets.append(Static(Content(title), classes="title", markup=False))
        if article.dek:
            widgets.append(Static(Content(article.dek), classes="dek", markup=False))
        self._meta = Static(self._meta_content(), classes="meta", markup=False)
        widgets.append(self._meta)
        if article.error:
            widgets.append(
                Static(Content(f"This file could not be read: {article.error}"), classes="error")
            )
        for warning in article.warnings:
            widgets.append(Static(Content(f"⚠ {warning}"), classes="warning", markup=False))
        self._blocks = []
        self._speaker_lines = {}
        for index, block in enumerate(article.blocks):
            classes = "block " + BLOCK_CLASSES.get(block.kind, "paragraph")
            prefix = "• " if block.kind == ITEM else ""
            widget = Block(index, block.text, classes, prefix)
            self._blocks.append(widget)
            widgets.append(widget)
            speaker_line = Static("", classes="speakers", markup=False)
            speaker_line.display = False
            self._speaker_lines[index] = speaker_line
            widgets.append(speaker_line)
        self.mount_all(widgets)
        self.scroll_home(animate=False)
        if analysis is not None:
            self._paint()

    def set_analysis(self, article_id: str, analysis: Analysis) -> None:
        """Apply analysis results, if they are still for the shown article."""
        if self.article is None or self.article.id != article_id:
            return
        self.analysis = analysis
        self.analysing = False
        self._paint()

    def set_layers(self, enabled: frozenset[str]) -> None:
        self.enabled = enabled
        self._paint()

    def _meta_content(self) -> Content:
        article = self.article
        if article is None:
            return Content("")
        parts = [PurePath(article.source).name if article.source else "(no source)"]
        if article.ok:
            parts += [f"{article.words:,} words", f"{article.minutes} min read"]
        if self.analysing:
            parts.append("analysing…")
        return Content(" · ".join(parts))

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return self.analysis.sentences if self.analysis else ()

    @property
    def cursor_sentence(self) -> tuple[int, int] | None:
        sentences = self.sentences
        if not self.cursor_mode or not sentences:
            return None
        return sentences[min(self.cursor_index, len(sentences) - 1)]

    def _paint(self) -> None:
        article = self.article
        if article is None:
            return
        per_block = block_spans(article, self.analysis, self.enabled, self.cursor_sentence)
        speakers = speakers_by_block(article, self.analysis)
        for widget in self._blocks:
            widget.update(widget.styled(per_block[widget.index]))
            names = speakers[widget.index] if "QUOTES" in self.enabled else []
            line = self._speaker_lines[widget.index]
            line.display = bool(names)
            widget.set_class(bool(names), "attributed")
            if names:
                line.update(Content("— quoted: " + ", ".join(names)))
        if self._meta is not None:
            self._meta.update(self._meta_content())

    # -- keeping the place across resizes -----------------------------------
    def _block_at_top(self) -> tuple[int, float] | None:
        top = self.scroll_y
        for widget in self._blocks:
            region = widget.virtual_region
            if region.bottom > top:
                fraction = (top - region.y) / region.height if region.height else 0.0
                return widget.index, max(0.0, fraction)
        return None

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if not self._restoring:
            self._anchor = self._block_at_top()

    def on_resize(self) -> None:
        width = self.size.width
        if width != self._last_width and self._anchor is not None:
            anchor = self._anchor
            self._restoring = True
            self.call_after_refresh(self._restore, anchor)
        self._last_width = width

    def _restore(self, anchor: tuple[int, float]) -> None:
        index, fraction = anchor
        if index < len(self._blocks):
            region = self._blocks[index].virtual_region
            self.scroll_to(y=region.y + fraction * region.height, animate=False, immediate=True)
        self._anchor = anchor
        self._restoring = False

    # -- movement --------------------------------------------------------------
    def action_down(self) -> None:
        if self.cursor_mode:
            self.move_cursor(1)
        else:
            self.scroll_down(animate=False)

    def action_up(self) -> None:
        if self.cursor_mode:
            self.move_cursor(-1)
        else:
            self.scroll_up(animate=False)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=False)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=False)

    def action_top(self) -> None:
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroll_end(animate=False)

    def action_toggle_cursor(self) -> None:
        self.cursor_mode = not self.cursor_mode
        if self.cursor_mode:
            self.cursor_index = self._first_visible_sentence()
            self._scroll_to_cursor()
        self._paint()
        self.post_message(self.CursorMoved(self.cursor_sentence))

    def move_cursor(self, delta: int) -> None:
        if not self.sentences:
            return
        self.cursor_index = max(0, min(len(self.sentences) - 1, self.cursor_index + delta))
        self._paint()
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self.cursor_sentence))

    def _locate(self, offset: int) -> tuple[Block, int] | None:
        """The block holding body offset ``offset`` and the offset inside it."""
        if self.article is None or not self._blocks:
            return None
        starts = self.article.block_starts
        index = max(0, bisect_right(starts, offset) - 1)
        return self._blocks[index], offset - starts[index]

    def _sentence_row(self, sentence: tuple[int, int]) -> Region | None:
        located = self._locate(sentence[0])
        if located is None:
            return None
        widget, inside = located
        region = widget.virtual_region
        text_len = max(1, len(widget.prefix) + len(widget.block_text))
        inside += len(widget.prefix)
        row = int(region.height * inside / text_len)
        return Region(0, region.y + min(row, max(0, region.height - 1)), 1, 1)

    def _scroll_to_cursor(self) -> None:
        sentence = self.cursor_sentence
        if sentence is None:
            return
        region = self._sentence_row(sentence)
        if region is not None:
            self.scroll_to_region(region, animate=False, immediate=True, top=False)

    def _first_visible_sentence(self) -> int:
        sentences = self.sentences
        if not sentences:
            return 0
        top = self.scroll_y
        for index, sentence in enumerate(sentences):
            region = self._sentence_row(sentence)
            if region is not None and region.y >= top:
                return index
        return len(sentences) - 1
