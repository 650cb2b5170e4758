"""What the app's workers hand back to the interface, as typed messages.

A worker thread never touches a widget: it posts one of these
(``post_message`` is thread-safe) to the widget that started it, and the
result is applied by that widget's handler on the event loop. A message the
widget does not stop bubbles on to the app, which passes on what other
parts of the screen need (the side panel's lists, the notes of a new
article).

- the library sidebar's workers: :class:`LibraryBatch`,
  :class:`LibraryReplaced`, :class:`FilesEdited`, :class:`Filtered`,
  :class:`IndexStatus`, :class:`CachesNoticed`, :class:`FeedsProgress`,
  :class:`FeedsUpdated`;
- the reader pane's: :class:`ArticleRead`, :class:`AnalysisReady`,
  :class:`AnalysisFailed`, :class:`FindDone`;
- the notes controller's: :class:`NotesAnchored`;
- the library search's and the People screen's: :class:`SearchResults`,
  :class:`PeopleLoaded`, :class:`QuotesLoaded`.

Each message is a record of the fields its ``__init__`` takes, as a
dataclass would make it (equal when its fields are, unhashable, shown by
its fields), without a dataclass's cost at import: the app imports this
module before its first screen, and generating fourteen dataclasses was
about 3 ms of that start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.message import Message

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.library.model import Article, ArticleMeta

Span = tuple[int, int]


class Record(Message):
    """A message made of the fields its ``__init__`` takes, in that order:
    equal to another of its class with equal fields, unhashable, shown as
    ``Name(field=value, ...)``, as a ``@dataclass`` message is."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    __hash__ = None  # type: ignore[assignment]  # equal by value: not hashable

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__init__.__code__
        cls.FIELDS = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]
        cls.__match_args__ = cls.FIELDS

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.FIELDS)
        return f"{type(self).__qualname__}({shown})"


# -- the library ------------------------------------------------------------------
class LibraryBatch(Record):
    """More of the library, in listing order; ``done``: the last of it."""

    def __init__(self, metas: list[ArticleMeta], done: bool) -> None:
        self.metas = metas
        self.done = done
        super().__init__()


class LibraryReplaced(Record):
    """The scan's list (what is on disk now) replaces what was listed."""

    def __init__(self, metas: list[ArticleMeta]) -> None:
        self.metas = metas
        super().__init__()


class FilesEdited(Record):
    """Files whose text changed since the last start: old article id -> new."""

    def __init__(self, edited: dict[str, str]) -> None:
        self.edited = edited
        super().__init__()


class Filtered(Record):
    """The articles whose titles match ``query``, best first (grouped by feed:
    in the feeds' order); ``best`` the id of the best match, for words typed."""

    def __init__(self, query: str, visible: list[ArticleMeta], best: str | None = None) -> None:
        self.query = query
        self.visible = visible
        self.best = best
        super().__init__()


class IndexStatus(Record):
    """How the search index is getting on ("" once it is up to date)."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__()


class CachesNoticed(Record):
    """The workspace's caches may have something to say (``take_notices``)."""

    def __init__(self) -> None:
        super().__init__()


class FeedsProgress(Record):
    """`R`'s update of the feeds: ``done`` of ``total`` feeds fetched."""

    def __init__(self, done: int, total: int) -> None:
        self.done = done
        self.total = total
        super().__init__()


class FeedsUpdated(Record):
    """`R`'s update of the feeds is over: its ``report``
    (:class:`reader.library.feed_update.UpdateReport`), or None and the one
    line ``error`` says why it could not run."""

    def __init__(self, report: Any, error: str) -> None:
        self.report = report
        self.error = error
        super().__init__()


# -- the open article ------------------------------------------------------------------
class ArticleRead(Record):
    """An article read from its file.

    ``meta`` is what the library listed, ``fresh`` the file as it is now;
    ``follow``: the text changed and its notes and place should move to the
    new id; ``cached`` its analysis, if one was kept. ``position`` and
    ``after`` are the opener's (where to show it, what to run once shown).
    """

    def __init__(
        self,
        meta: ArticleMeta,
        article: Article,
        fresh: ArticleMeta,
        position: tuple[int, int] | None,
        after: Callable[[], Any] | None,
        follow: bool,
        cached: Analysis | None,
    ) -> None:
        self.meta = meta
        self.article = article
        self.fresh = fresh
        self.position = position
        self.after = after
        self.follow = follow
        self.cached = cached
        super().__init__()


class AnalysisReady(Record):
    def __init__(self, article_id: str, analysis: Analysis) -> None:
        self.article_id = article_id
        self.analysis = analysis
        super().__init__()


class AnalysisFailed(Record):
    """The analysis raised (a bug on one text): ``reason`` says what."""

    def __init__(self, article_id: str, reason: str) -> None:
        self.article_id = article_id
        self.reason = reason
        super().__init__()


class FindDone(Record):
    """The matches of ``query`` in an article (``error``: the query was not valid)."""

    def __init__(self, article_id: str, query: str, matches: list[Span], error: str | None) -> None:
        self.article_id = article_id
        self.query = query
        self.matches = matches
        self.error = error
        super().__init__()


# -- notes --------------------------------------------------------------------------
class NotesAnchored(Record):
    """The open article's notes searched for in its text (``generation``: which
    refresh asked); ``error``: the store could not be read."""

    def __init__(
        self, article: Article, generation: int, pairs: list, error: str | None = None
    ) -> None:
        self.article = article
        self.generation = generation
        self.pairs = pairs
        self.error = error
        super().__init__()


# -- the screens over the main one -----------------------------------------------------
class SearchResults(Record):
    """The library search's results for ``query``; ``notes``: what to say of it
    (a pasted passage cut to its first words, an index kept only for this session)."""

    def __init__(self, query: str, results: list, notes: list[str], partial: bool = False) -> None:
        self.query = query
        self.results = results
        self.notes = notes
        self.partial = partial  # the first matches only: every match ranked follows
        super().__init__()


class PeopleLoaded(Record):
    """Everyone quoted in the library (``error``: the index could not say)."""

    def __init__(self, people: list, error: str | None = None) -> None:
        self.people = people
        self.error = error
        super().__init__()


class QuotesLoaded(Record):
    """What ``name`` said across the library (``error``: the index could not say)."""

    def __init__(self, name: str, hits: list, error: str | None = None) -> None:
        self.name = name
        self.hits = hits
        self.error = error
        super().__init__()
