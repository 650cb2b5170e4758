"""One line-API widget for every block of a very large article.

Mounting one ``Static`` per block costs about a millisecond and 25 KB a
block, so a 5 MB text file (tens of thousands of paragraphs) would freeze
the interface for a minute. :class:`LongText` is a single widget whose
height is the number of wrapped lines at its width; Textual's compositor
only asks it for the lines it shows (``render_line``), so opening, scrolling
and repainting cost what is on screen, not what is in the file.

Geometry. For the current width, each block is wrapped into character
ranges (``wrap``) and the rows of the whole article are a prefix sum of the
blocks' heights (text lines, an optional speaker line, the blank line
between blocks), so row ↔ (block, offset) is a bisection. Layouts are kept
for the last few widths (an LRU), so toggling the sidebar back is free.

Highlights are ``(start, end, style)`` spans in block-text offsets, exactly
what :func:`reader.ui.layers.block_spans` gives the ``Static`` path, plus
overlays (cursor, selection, search matches) in body offsets, cut per block
only for the lines being drawn. Text is never parsed as markup and control
characters are replaced before anything reaches the terminal.

Mouse selection works: each text cell carries Textual's ``offset`` meta
``(body offset, row)``, so a drag gives a :class:`~textual.selection.Selection`
whose ``x`` values are body offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import split_graphemes
from rich.segment import Segment
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from reader.library.model import CAPTION, CODE, HEADING, ITEM, QUOTE, ROW, Article
from reader.library.sanitize import safe_display
from reader.ui.layers import CURRENT_MATCH_STYLE, MATCH_STYLE, SELECTION_STYLE

# Characters one cell wide: Rich's set (Latin, Greek, box drawing...) and the
# punctuation and currency signs of news text (dashes, curly quotes, the
# ellipsis, the euro), so that most articles take the fast wrap.
_SINGLE_EXTRA = frozenset(
    chr(code) for code in (*range(0x2010, 0x2028), *range(0x202F, 0x2060), *range(0x20A0, 0x20C1))
)
try:
    from rich.cells import _SINGLE_CELLS

    _in_single_cells = (frozenset(_SINGLE_CELLS) | _SINGLE_EXTRA).issuperset  # a C-speed test
except ImportError:  # pragma: no cover - older or newer Rich
    def _in_single_cells(text: str) -> bool:
        return False


def _single_cells(text: str) -> bool:
    """True if every character of ``text`` takes one cell. Printable ASCII is
    told first, three times faster than the set (a long book's layout checks
    every character it has)."""
    return (text.isascii() and text.isprintable()) or _in_single_cells(text)

Span = tuple[int, int, str]
Range = tuple[int, int]

# C0 and C1 controls except the newline (a hard line break inside a block).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
BULLET = "• "
ITEM_INDENT = "  "
BLOCK_INDENT = "  "  # before each line of a code block and a table row
QUOTE_BAR = "▌"
SPEAKER_PREFIX = "  — quoted: "
LAYOUTS_KEPT = 4  # widths whose wrapping is cached
STRIPS_KEPT = 1024  # rendered lines kept
# What waits for the first lines (see LongText.when_drawn) runs after this
# long at the latest, should the widget never be drawn (hidden, say).
DRAWN_AT_LATEST_SECONDS = 1.0
# Narrower than this, lines are wrapped at this width and cropped: wrapping
# megabytes at one or two cells would make millions of lines.
MIN_WRAP_WIDTH = 12


def clean(text: str) -> str:
    """``text`` with control characters (not newlines) replaced by spaces, same length."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def _wrap_single(text: str, base: int, width: int, out: list[Range]) -> None:
    """Greedy word wrap of one-cell-per-character text (one ``rfind`` per line)."""
    length = len(text)
    pos = 0
    while length - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # a word longer than the line: fold it
            out.append((base + pos, base + pos + width))
            pos += width
            continue
        out.append((base + pos, base + cut))
        pos = cut + 1
        while pos < length and text[pos] == " ":
            pos += 1
        if pos >= length:
            return
    out.append((base + pos, base + length))


def _wrap_cells(text: str, base: int, width: int, out: list[Range]) -> None:
    """Greedy wrap by grapheme cell widths: wide (CJK, emoji) characters,
    combining marks and joiners are measured as the terminal shows them.
    Lines break after spaces, or before and after a wide character."""
    spans, total = split_graphemes(text)
    if total <= width:
        out.append((base, base + len(text)))
        return
    start = 0  # char index where the current line starts
    cells = 0  # cells from ``start`` up to the current grapheme
    brk = -1  # last break opportunity: the line may end here
    nxt = 0  # ... and the next line would start here
    brk_cells = 0  # cells from ``start`` to ``nxt``
    for s, e, c in spans:
        if text[s] == " ":  # spaces hang past the edge; a break after them
            cells += c
            brk, nxt, brk_cells = s, e, cells
            continue
        if c >= 2 and s > start:
            brk, nxt, brk_cells = s, s, cells
        if cells + c > width and s > start:
            if brk > start:
                out.append((base + start, base + brk))
                start, cells = nxt, cells - brk_cells
            else:
                out.append((base + start, base + s))
                start, cells = s, 0
            brk = -1
        cells += c
        if c >= 2:
            brk, nxt, brk_cells = e, e, cells
    out.append((base + start, base + len(text)))


def wrap(text: str, width: int) -> list[Range]:
    """Character ranges of ``text``'s display lines at ``width`` cells.

    Spaces where a line breaks fall between ranges; a newline forces a break.
    Always at least one range (an empty block is one empty line).
    """
    width = max(1, width)
    out: list[Range] = []
    base = 0
    for part in text.split("\n") if "\n" in text else (text,):
        if len(part) <= width and _single_cells(part):
            out.append((base, base + len(part)))
        elif _single_cells(part):
            _wrap_single(part, base, width, out)
        else:
            _wrap_cells(part, base, width, out)
        base += len(part) + 1
    return out


@dataclass
class _Layout:
    """The wrapped article at one width."""

    width: int
    ranges: list[list[Range]]  # per block, its display lines
    tops: list[int]  # row of each block's first line; tops[-1] is the height


class LongText(Widget, can_focus=False):
    """Every block of a long article, rendered line by line on demand."""

    COMPONENT_CLASSES = {
        "long-text--heading",
        *(f"long-text--heading-{level}" for level in range(1, 7)),
        "long-text--quote",
        "long-text--bar",
        "long-text--caption",
        "long-text--code",
        "long-text--speakers",
    }

    DEFAULT_CSS = """
    LongText {
        width: 1fr;
        height: auto;
    }
    LongText > .long-text--heading {
        text-style: bold;
        color: $limelight-heading;
    }
    /* Heading levels, as ArticleView's heading-N classes draw them (app.tcss). */
    LongText > .long-text--heading-1 {
        text-style: bold underline;
    }
    LongText > .long-text--heading-3 {
        color: $limelight-text;
    }
    LongText > .long-text--heading-4, LongText > .long-text--heading-5,
    LongText > .long-text--heading-6 {
        text-style: bold italic;
        color: $text-muted;
    }
    LongText > .long-text--quote {
        color: $text-muted;
    }
    LongText > .long-text--bar {
        color: $primary;
    }
    LongText > .long-text--caption {
        text-style: italic;
        color: $text-muted;
    }
    LongText > .long-text--code {
        color: $text-muted;
    }
    LongText > .long-text--speakers {
        text-style: italic;
        color: $text-muted;
    }
    """

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        self.texts = [clean(block.text) for block in article.blocks]
        self.kinds = [block.kind for block in article.blocks]
        # Columns before a list item's text: "  • ", " 7. ", "100. ".
        self._marker_width = max([4] + [len(b.marker) + 1 for b in article.blocks if b.number])
        self.starts = article.block_starts
        count = len(self.kinds)
        # Blank line after a block, as the CSS margins of the Static path give
        # it: none between list items nor between a table's rows, always
        # before a heading, none at the end.
        self._gaps = [
            0 if index == count - 1
            else int(
                self.kinds[index + 1] == HEADING
                or (kind != ITEM and not (kind == ROW and self.kinds[index + 1] == ROW))
            )
            for index, kind in enumerate(self.kinds)
        ]
        self._speakers: list[list[str]] = [[] for _ in range(count)]
        self._base: list[list[Span]] | None = None  # per-block spans (analysis, marks)
        self._overlays: list[Span] = []  # body spans: cursor, keyboard selection
        self._match_input: list[tuple[int, int]] = []  # search matches as given
        self._matches: list[tuple[int, int]] = []  # ... sorted by start
        self._match_order: list[int] | None = None  # sorted position -> given index
        self._match_starts: list[int] = []
        self._match_longest = 0
        self._current_match: int | None = None
        self._layouts: LRUCache[int, _Layout] = LRUCache(LAYOUTS_KEPT)
        self._width = 0  # width of the last layout
        self._strips: LRUCache[tuple[int, int], tuple[tuple, Strip]] = LRUCache(STRIPS_KEPT)
        self.lines_rendered = 0  # how many lines were drawn (for tests and benchmarks)
        self._when_drawn: list[Callable[[], object]] = []
        self.drawn = False  # True once render_line has drawn a line

    # -- the first paint -----------------------------------------------------------
    def when_drawn(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` once the first lines are drawn (soon, if they are).

        For work that holds the GIL in long stretches (the analysis, the
        index) and would otherwise hold back the first paint: the layout of a
        long article and its first lines come first. It runs after
        :data:`DRAWN_AT_LATEST_SECONDS` even if nothing is drawn, and when the
        widget is removed before it is drawn.
        """
        if self.drawn:
            self.app.call_later(callback)
            return
        if not self._when_drawn:  # the app's timer: this widget may not be mounted yet
            self.app.set_timer(DRAWN_AT_LATEST_SECONDS, self._run_when_drawn)
        self._when_drawn.append(callback)

    def _run_when_drawn(self) -> None:
        callbacks, self._when_drawn = self._when_drawn, []
        for callback in callbacks:
            self.app.call_later(callback)  # after this frame is on its way

    def on_unmount(self) -> None:
        self._run_when_drawn()

    # -- layout ------------------------------------------------------------------
    def _text_width(self, kind: str, width: int) -> int:
        if kind == QUOTE:
            return max(1, width - 3)  # bar and two spaces
        if kind == ITEM:
            return max(1, width - self._marker_width)  # indent and bullet or number
        if kind in (CODE, ROW):
            return max(1, width - len(BLOCK_INDENT))
        return max(1, width)

    def layout_at(self, width: int) -> _Layout:
        """The article wrapped at ``width`` (cached)."""
        width = max(MIN_WRAP_WIDTH, width)
        layout = self._layouts.get(width)
        if layout is None:
            widths = {kind: self._text_width(kind, width) for kind in set(self.kinds)}
            ranges = [wrap(text, widths[kind]) for text, kind in zip(self.texts, self.kinds, strict=True)]
            layout = _Layout(width, ranges, self._tops(ranges))
            self._layouts[width] = layout
        return layout

    def _tops(self, ranges: list[list[Range]]) -> list[int]:
        heights = [
            len(lines) + (1 if names else 0) + gap
            for lines, names, gap in zip(ranges, self._speakers, self._gaps, strict=True)
        ]
        return list(accumulate(heights, initial=0))

    @property
    def layout(self) -> _Layout:
        return self.layout_at(self.size.width or self._width or 80)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        self._width = max(MIN_WRAP_WIDTH, width)
        return self.layout_at(self._width).tops[-1]

    def on_resize(self) -> None:
        if self.size.width and self.size.width != self._width:
            self._width = self.size.width
            self._strips.clear()

    # -- geometry (rows are this widget's own lines, from 0) --------------------------
    def position_at(self, row: int) -> tuple[int, float, int] | None:
        """(block, fraction of the block above the row, offset in the block) at ``row``.

        A blank or speaker line counts as the start of the next block; None
        past the last block.
        """
        layout = self.layout
        if row < 0:
            row = 0
        index = bisect_right(layout.tops, row) - 1
        if index >= len(self.texts):
            return None
        lines = layout.ranges[index]
        local = row - layout.tops[index]
        if local < len(lines):
            return index, local / len(lines), lines[local][0]
        if index + 1 < len(self.texts):
            return index + 1, 0.0, 0
        return None

    def row_of(self, block: int, inside: int) -> int:
        """Row of character ``inside`` of block ``block``."""
        layout = self.layout
        block = max(0, min(block, len(self.texts) - 1))
        lines = layout.ranges[block]
        line = max(0, bisect_right([start for start, _ in lines], inside) - 1)
        return layout.tops[block] + line

    def row_span(self, block: int) -> tuple[int, int]:
        """(first row, number of text lines) of a block."""
        layout = self.layout
        return layout.tops[block], len(layout.ranges[block])

    @property
    def line_count(self) -> int:
        return self.layout.tops[-1]

    # -- highlights ----------------------------------------------------------------
    def set_base(self, per_block: list[list[Span]] | None, speakers: Sequence[Sequence[str]] | None) -> None:
        """Analysis and annotation spans per block, and who is quoted in each block."""
        self._base = per_block
        names = [list(n) for n in speakers] if speakers is not None else [[] for _ in self.texts]
        if names != self._speakers:
            flags_changed = [bool(n) for n in names] != [bool(n) for n in self._speakers]
            self._speakers = names
            if flags_changed:
                for width in list(self._layouts.keys()):
                    layout = self._layouts.get(width)
                    if layout is not None:
                        layout.tops = self._tops(layout.ranges)
                self._strips.clear()
                self.refresh(layout=True)
                return
        self._strips.clear()
        self.refresh()

    def set_overlays(
        self, overlays: Sequence[Span], matches: Sequence[tuple[int, int]] = (), current: int | None = None
    ) -> None:
        """Body spans painted over the base: ``overlays`` (cursor, selection), then
        search ``matches`` with ``match_style``, the ``current`` one with ``current_style``."""
        self._overlays = list(overlays)
        if matches != self._match_input:
            self._match_input = list(matches)
            order = sorted(range(len(matches)), key=lambda index: matches[index][0])
            self._match_order = None if order == list(range(len(matches))) else order
            ordered = [matches[index] for index in order] if self._match_order else list(matches)
            self._matches = ordered
            self._match_starts = [start for start, _ in ordered]
            self._match_longest = max((end - start for start, end in ordered), default=0)
        self._current_match = current
        self.refresh()

    def block_spans(self, index: int) -> list[Span]:
        """Every span to paint on block ``index``, in block-text offsets, in painting order."""
        spans = list(self._base[index]) if self._base is not None else []
        start = self.starts[index]
        end = start + len(self.texts[index])
        overlays = list(self._overlays)
        selected = self.selected_span()
        if selected is not None:
            overlays.append((selected[0], selected[1], SELECTION_STYLE))
        if self._matches:
            first = bisect_left(self._match_starts, start - self._match_longest)
            for position in range(first, len(self._matches)):
                low, high = self._matches[position]
                if low >= end:
                    break
                index = self._match_order[position] if self._match_order else position
                style = CURRENT_MATCH_STYLE if index == self._current_match else MATCH_STYLE
                overlays.append((low, high, style))
        for low, high, style in overlays:
            if high > start and low < end and high > low:
                spans.append((max(low, start) - start, min(high, end) - start, style))
        return spans

    # -- mouse selection ---------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        """Body span of the mouse selection in this widget, if any."""
        selection = self.text_selection
        if selection is None:
            return None
        body_len = len(self.article.body)
        start = selection.start.x if selection.start is not None else 0
        end = selection.end.x if selection.end is not None else body_len
        start, end = sorted((max(0, min(start, body_len)), max(0, min(end, body_len))))
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        span = self.selected_span()
        if span is None:
            return None
        return self.article.body[span[0] : span[1]], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    # -- rendering ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        # Textual keeps every line it has drawn for this widget until the next
        # refresh; scrolling through a 100,000-line article would keep them
        # all. Drop them now and then (the strips LRU keeps the recent ones).
        drawn = getattr(self._styles_cache, "_cache", None)
        if isinstance(drawn, dict) and len(drawn) > STRIPS_KEPT:
            drawn.clear()
        width = self.size.width
        if width <= 0:
            return Strip([])
        if not self.drawn:
            self.drawn = True
            self._run_when_drawn()
        layout = self.layout_at(width)
        index = bisect_right(layout.tops, y) - 1
        if not 0 <= index < len(self.texts):
            return Strip.blank(width, self.rich_style)
        local = y - layout.tops[index]
        lines = layout.ranges[index]
        if local < len(lines):
            spans = self.block_spans(index)
            key = (width, y, tuple(spans))
            cached = self._strips.get((index, local))
            if cached is not None and cached[0] == key:
                return cached[1]
            self.lines_rendered += 1
            strip = self._text_line(index, lines[local], local, y, spans, width)
            self._strips[(index, local)] = (key, strip)
            return strip
        if local == len(lines) and self._speakers[index]:
            self.lines_rendered += 1
            text = SPEAKER_PREFIX + ", ".join(map(safe_display, self._speakers[index]))
            style = self.get_visual_style("long-text--speakers")
            segments = Content(clean(text).replace("\n", " ")).render_segments(style)
            return Strip(segments).crop_extend(0, width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    def _text_line(
        self, index: int, line: Range, local: int, y: int, spans: list[Span], width: int
    ) -> Strip:
        kind = self.kinds[index]
        low, high = line
        if kind == HEADING:
            level = max(1, min(6, self.article.blocks[index].level or 2))
            style = self.get_visual_style("long-text--heading", f"long-text--heading-{level}")
        elif kind == QUOTE:
            style = self.get_visual_style("long-text--quote")
        elif kind == CAPTION:
            style = self.get_visual_style("long-text--caption")
        elif kind == CODE:
            style = self.get_visual_style("long-text--code")
        else:
            style = self.get_visual_style()
        content = Content(self.texts[index][low:high])
        for start, end, span_style in (*self.article.blocks[index].styles, *spans):
            if end > low and start < high:
                content = content.stylize(span_style, max(start, low) - low, min(end, high) - low)
        text_strip = Strip(content.render_segments(style)).apply_offsets(self.starts[index] + low, y)
        base = self.rich_style
        if kind == QUOTE:
            bar = self.get_component_rich_style("long-text--bar")
            prefix = Strip([Segment(QUOTE_BAR, bar), Segment("  ", base)], 3)
        elif kind == ITEM:
            marker = self.article.blocks[index].marker if local == 0 else ""
            prefix = Strip([Segment(marker.rjust(self._marker_width), base)], self._marker_width)
        elif kind in (CODE, ROW):
            prefix = Strip([Segment(BLOCK_INDENT, base)], len(BLOCK_INDENT))
        else:
            prefix = None
        strip = Strip.join([prefix, text_strip]) if prefix is not None else text_strip
        return strip.crop_extend(0, width, base)


def visible_text(widget: LongText, rows: range) -> list[str]:
    """The plain text of some rendered rows (for tests and debugging)."""
    return [widget.render_line(y).text for y in rows]
