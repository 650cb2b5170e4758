"""The sidebar's article list, drawn with Textual's line API.

Rows are produced on demand by :meth:`ArticleList.render_line`, so the cost
of the list does not grow with the size of the library (no widget per
article). Each article takes two rows: its title and a dim meta line (for an
article from a feed: the feed's name and the date it gave). Grouped by feed,
the list holds a :class:`FeedHeading` before each feed's articles, two rows
too (the feed's name; how many articles, how many unread); ``enter`` on one
posts :class:`ArticleList.HeadingChosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.library.citation import byline
from reader.library.feedview import compact_date
from reader.library.model import PENDING_NOTE, Article, is_pending
from reader.library.sanitize import safe_display
from reader.text import plural
from reader.ui.keys import ARTICLE_LIST, bindings_for

ROWS_PER_ITEM = 2
WARNING_MARK = "⚠ "
UNREAD_MARK = "• "  # never opened
HEADING_MARK = "▾ "  # a feed's heading, grouped by feed
MIN_NAME = 10  # cells: an author or site cut shorter is left out (meta_line)
NO_FEED = "Not from a feed"  # the heading of the articles of no feed


class FeedHeading(NamedTuple):
    """A feed's heading in the list grouped by feed: its title ("" for the
    articles of no feed) and its articles, listed after it."""

    feed: str
    items: tuple[Article, ...]

    @property
    def id(self) -> str:
        return "feed-heading:" + self.feed

    @property
    def title(self) -> str:
        return self.feed or NO_FEED


def meta_line(
    article: Article,
    read: float | None = None,
    *,
    show_feed: bool = True,
    width: int | None = None,
) -> str:
    """The dim line under a title: its length, how far it is read. For a feed's
    article, its feed's name (unless ``show_feed`` is False: under its feed's
    heading, its author and site instead, the site left out when it says no
    more than the heading), its date and minutes; where ``width`` cells are
    too few, the minutes go first, then the name is cut."""
    if article.error:
        return safe_display(article.error)
    if is_pending(article):
        return PENDING_NOTE
    feed = safe_display(getattr(article, "feed", "") or "") if show_feed else ""
    when = compact_date(getattr(article, "published", "") or "")
    done = ""
    if read is not None and read > 0:
        done = "read" if read >= 0.98 else f"{round(read * 100)}%"
    if not feed:
        names = byline(article, date=lambda _: "")
        if not show_feed and _site_adds_nothing(article):
            names = names[:-1]  # the site, byline's last name
        names = [safe_display(name) for name in names]
        if names:  # told by who wrote it and where: its minutes are enough beside them
            return _fit_names(names, (when, f"{article.minutes} min", done), width)
        size = f"{plural(article.words, 'word')} · {article.minutes} min"
        return " · ".join(part for part in (when, size, done) if part)
    # A feed's article is told by its feed and date: its minutes are enough beside them.
    minutes = f"{article.minutes} min"
    line = " · ".join(part for part in (feed, when, minutes, done) if part)
    if width is None or cell_len(line) <= width:
        return line
    rest = " · ".join(part for part in (when, done) if part)
    room = width - cell_len(rest) - 3 if rest else width
    if cell_len(feed) > room:
        feed = _cut(feed, room)
    return " · ".join(part for part in (feed, rest) if part)


def _fit_names(names: list[str], rest: tuple[str, str, str], width: int | None) -> str:
    """``names`` (author, site) then ``rest`` (date, minutes, how far read),
    joined by " · ", within ``width`` cells. Where they do not fit, the
    minutes go first; then the longer name is cut (the shorter keeping its
    length, when it fits in half the room); where both would be cut, or one
    to a stub, the author is left out and the site shown alone."""
    when, minutes, done = rest

    def joined(*parts: str) -> str:
        return " · ".join(part for part in parts if part)

    line = joined(*names, when, minutes, done)
    if width is None or cell_len(line) <= width:
        return line
    tail = joined(when, done)
    line = joined(*names, tail)
    if cell_len(line) <= width:
        return line
    room = width - (cell_len(tail) + 3 if tail else 0)
    if len(names) == 2:
        first, second = names
        room -= 3
        half = room // 2
        if cell_len(first) <= half:
            second = _cut(second, room - cell_len(first))
        elif cell_len(second) <= half:
            first = _cut(first, room - cell_len(second))
        else:  # both would be cut: two stubs say less than the site alone
            first = second = ""
        if min(cell_len(first), cell_len(second)) >= MIN_NAME:
            return joined(first, second, tail)
        names = names[1:]  # the site alone says more than two stubs
        room += 3
    name = names[0]
    if cell_len(name) > room:
        name = _cut(name, room)
        if tail and cell_len(name) < MIN_NAME:
            name = ""  # a stub ("Sky…") says nothing: the date alone
    return joined(name, tail)


def _site_adds_nothing(article: Article) -> bool:
    """Whether an article's site tells no more than its feed's heading does:
    the site is the feed's own name, or only the host of the article's
    address ("127.0.0.1", "example.com": a page that names no site)."""
    site = " ".join((getattr(article, "site", "") or "").split()).casefold()
    feed = " ".join((getattr(article, "feed", "") or "").split()).casefold()
    if not site or not feed:
        return False
    if site == feed:
        return True
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(getattr(article, "url", "") or "").hostname or "").casefold()
    except ValueError:
        return False
    return bool(host) and site in (host, host.removeprefix("www."))


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with "…" ("" when there is no room for a letter)."""
    if width < 2:
        return ""
    while text and cell_len(text) > width - 1:
        text = text[:-1]
    return text.rstrip() + "…"


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
        "article-list--heading",
    }

    highlighted: reactive[int | None] = reactive(None)

    class Opened(Message):
        """The reader chose an article (enter or click)."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class HeadingChosen(Message):
        """The reader chose a feed's heading (enter or click): that feed's articles, please."""

        def __init__(self, heading: FeedHeading) -> None:
            super().__init__()
            self.heading = heading

    class ShowAll(Message):
        """The reader asked for every article again (``escape`` in the list)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # What is listed: articles, and grouped by feed a FeedHeading before each feed's.
        self.articles: Sequence[Article | FeedHeading] = ()
        self.grouped = False  # feed headings are listed: the meta lines leave the feed out
        # heading id -> (the reading places counted, its unread articles)
        self._unread_counts: dict[str, tuple[tuple[int, int], int]] = {}
        self.current_id: str | None = None  # the article open in the main pane
        self.bookmarked: set[str] = set()  # ids of bookmarked articles
        self.progress: dict[str, float] = {}  # id -> fraction read
        self.empty_text = ""  # said in the first row when no article is listed

    # -- data ----------------------------------------------------------------
    def set_articles(
        self,
        articles: Sequence[Article | FeedHeading],
        keep_id: str | None = None,
        empty_text: str = "",
        grouped: bool = False,
    ) -> None:
        """List ``articles``, ``keep_id`` highlighted; ``empty_text`` says why none
        is; ``grouped``: the list holds feed headings."""
        self.articles = articles
        self.empty_text = empty_text
        self.grouped = grouped
        self._unread_counts = {}
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
    def highlighted_row(self) -> Article | FeedHeading | None:
        """The highlighted article, or feed heading."""
        if self.highlighted is None or not self.articles:
            return None
        return self.articles[self.highlighted]

    @property
    def highlighted_article(self) -> Article | None:
        """The highlighted article (None on a feed's heading)."""
        row = self.highlighted_row
        return None if isinstance(row, FeedHeading) else row

    def unread_in(self, heading: FeedHeading) -> int:
        """How many of a feed's articles were never opened (kept until the
        reading places change)."""
        stamp = (id(self.progress), len(self.progress))
        counted = self._unread_counts.get(heading.id)
        if counted is None or counted[0] != stamp:
            progress = self.progress
            counted = (stamp, sum(1 for item in heading.items if item.id not in progress))
            self._unread_counts[heading.id] = counted
        return counted[1]

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
        if isinstance(article, FeedHeading):
            return self._heading_line(article, part, width, index == self.highlighted)
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
            line = meta_line(article, read, show_feed=not self.grouped, width=width - 2)
            segments = [Segment("  " + line, base + style)]
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

    def _heading_line(self, heading: FeedHeading, part: int, width: int, lit: bool) -> Strip:
        """A feed's heading: its name, then how many articles and how many unread."""
        base = self.rich_style
        if part == 0:
            style = base + self.get_component_rich_style("article-list--heading")
            text = HEADING_MARK + safe_display(heading.title)
        else:
            style = base + self.get_component_rich_style("article-list--meta")
            unread = self.unread_in(heading)
            text = "  " + plural(len(heading.items), "article")
            if unread:
                text += f" · {unread:,} unread"
        strip = Strip([Segment(" " + text, style)])
        if strip.cell_length > width:
            strip = strip.crop(0, max(0, width - 1))
            strip = Strip([*strip, Segment("…", style)])
        strip = strip.crop_extend(0, width, base)
        if lit:
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
        row = self.highlighted_row
        if isinstance(row, FeedHeading):
            self.post_message(self.HeadingChosen(row))
        elif row is not None:
            self.post_message(self.Opened(row))

    def action_show_all(self) -> None:
        self.post_message(self.ShowAll())

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
