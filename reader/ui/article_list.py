"""The sidebar's article list, drawn with Textual's line API.

Rows are produced on demand by :meth:`ArticleList.render_line`, so the cost
of the list does not grow with the size of the library (no widget per
article). Each article takes two rows: its title and a dim meta line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.model import PENDING_NOTE, Article, is_pending
from reader.library.sanitize import safe_display
from reader.text import plural
from reader.ui.keys import ARTICLE_LIST, bindings_for

ROWS_PER_ITEM = 2
WARNING_MARK = "⚠ "
UNREAD_MARK = "• "  # never opened


def meta_line(article: Article, read: float | None = None) -> str:
    if article.error:
        return safe_display(article.error)
    if is_pending(article):
        return PENDING_NOTE
    line = f"{plural(article.words, 'word')} · {article.minutes} min"
    if read is not None and read > 0:
        line += " · read" if read >= 0.98 else f" · {round(read * 100)}%"
    return line


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (a
    word longer than a line is cut)."""
    width = max(1, width)
    lines: list[str] = []
    line = ""
    for word in text.split():
        while cell_len(word) > width:
            if line:
                lines.append(line)
                line = ""
            cut = 1
            while cut < len(word) and cell_len(word[: cut + 1]) <= width:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


class ArticleList(ScrollView, can_focus=True):
    """A virtualised list of articles with a highlighted row."""

    BINDINGS = bindings_for(ARTICLE_LIST)

    COMPONENT_CLASSES = {
        "article-list--title",
        "article-list--meta",
        "article-list--highlight",
        "article-list--current",
        "article-list--warning",
        "article-list--unread",
        "article-list--bookmark",
    }

    highlighted: reactive[int | None] = reactive(None)

    class Opened(Message):
        """The reader chose an article (enter or click)."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.articles: Sequence[Article] = ()
        self.current_id: str | None = None  # the article open in the main pane
        self.bookmarked: set[str] = set()  # ids of bookmarked articles
        self.progress: dict[str, float] = {}  # id -> fraction read
        self.empty_text = ""  # said in the first row when no article is listed

    # -- data ----------------------------------------------------------------
    def set_articles(
        self, articles: Sequence[Article], keep_id: str | None = None, empty_text: str = ""
    ) -> None:
        """List ``articles``, ``keep_id`` highlighted; ``empty_text`` says why none is."""
        self.articles = articles
        self.empty_text = empty_text
        self.virtual_size = Size(self.size.width, len(articles) * ROWS_PER_ITEM)
        index = self.index_of(keep_id) if keep_id else None
        if index is None and articles:
            index = 0
        self.highlighted = index if articles else None
        self.refresh()

    def index_of(self, article_id: str | None) -> int | None:
        for index, article in enumerate(self.articles):
            if article.id == article_id:
                return index
        return None

    @property
    def highlighted_article(self) -> Article | None:
        if self.highlighted is None or not self.articles:
            return None
        return self.articles[self.highlighted]

    def set_current(self, article_id: str | None) -> None:
        self.current_id = article_id
        index = self.index_of(article_id)
        if index is not None:
            self.highlighted = index
        self.refresh()

    # -- rendering -----------------------------------------------------------
    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.articles) * ROWS_PER_ITEM)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        index, part = divmod(row, ROWS_PER_ITEM)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.articles):
            said = wrap_cells(self.empty_text, width - 2) if self.empty_text else []
            if not self.articles and row < len(said):
                style = base + self.get_component_rich_style("article-list--meta")
                return Strip([Segment(" " + said[row], style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        article = self.articles[index]
        if part == 0:
            style = self.get_component_rich_style("article-list--title")
            mark = ""
            if article.error or article.warnings:
                mark = WARNING_MARK
            current = "▌" if article.id == self.current_id else " "
            segments = [Segment(current, base + self.get_component_rich_style("article-list--current"))]
            if mark:
                segments.append(Segment(mark, base + self.get_component_rich_style("article-list--warning")))
            if article.ok and not is_pending(article) and article.id not in self.progress:
                segments.append(Segment(UNREAD_MARK, base + self.get_component_rich_style("article-list--unread")))
            if article.id in self.bookmarked:
                segments.append(Segment("★ ", base + self.get_component_rich_style("article-list--bookmark")))
            segments.append(Segment(safe_display(article.title), base + style))
        else:
            style = self.get_component_rich_style("article-list--meta")
            read = self.progress.get(article.id)
            segments = [Segment("  " + meta_line(article, read), base + style)]
        strip = Strip(segments)
        if strip.cell_length > width:
            strip = strip.crop(0, max(0, width - 1)).extend_cell_length(width - 1, base)
            strip = Strip([*strip, Segment("…", base + style)])
        strip = strip.crop_extend(0, width, base)
        if index == self.highlighted:
            highlight = self.get_component_rich_style("article-list--highlight")
            if not self.has_focus:
                highlight = Style(bgcolor=highlight.bgcolor, dim=False)
            strip = strip.apply_style(highlight)
        return strip

    # -- movement ------------------------------------------------------------
    def watch_highlighted(self, new: int | None) -> None:
        if new is None:
            return
        self.scroll_to_region(
            Region(0, new * ROWS_PER_ITEM, 1, ROWS_PER_ITEM), animate=False, force=True
        )
        self.refresh()

    def _move(self, delta: int) -> None:
        if not self.articles:
            return
        current = self.highlighted if self.highlighted is not None else 0
        self.highlighted = max(0, min(len(self.articles) - 1, current + delta))

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_first(self) -> None:
        self._move(-len(self.articles))

    def action_last(self) -> None:
        self._move(len(self.articles))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROWS_PER_ITEM - 1)

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_open(self) -> None:
        article = self.highlighted_article
        if article is not None:
            self.post_message(self.Opened(article))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        index = row // ROWS_PER_ITEM
        if 0 <= index < len(self.articles):
            self.highlighted = index
            self.action_open()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
