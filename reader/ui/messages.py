"""What the app's workers hand back to the interface, as typed messages.

A worker thread never touches a widget: it posts one of these
(``post_message`` is thread-safe) to the widget that started it, and the
result is applied by that widget's handler on the event loop. A message the
widget does not stop bubbles on to the app, which passes on what other
parts of the screen need (the side panel's lists, the notes of a new
article).

- the library sidebar's workers: :class:`LibraryBatch`,
  :class:`LibraryReplaced`, :class:`FilesEdited`, :class:`Filtered`,
  :class:`IndexStatus`, :class:`CachesNoticed`;
- the reader pane's: :class:`ArticleRead`, :class:`AnalysisReady`,
  :class:`AnalysisFailed`, :class:`FindDone`;
- the notes controller's: :class:`NotesAnchored`;
- the library search's and the People screen's: :class:`SearchResults`,
  :class:`PeopleLoaded`, :class:`QuotesLoaded`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from reader.analysis.model import Analysis
    from reader.library.model import Article, ArticleMeta

Span = tuple[int, int]


# -- the library ------------------------------------------------------------------
@dataclass
class LibraryBatch(Message):
    """More of the library, in listing order; ``done``: the last of it."""

    metas: list[ArticleMeta]
    done: bool


@dataclass
class LibraryReplaced(Message):
    """The scan's list (what is on disk now) replaces what was listed."""

    metas: list[ArticleMeta]


@dataclass
class FilesEdited(Message):
    """Files whose text changed since the last start: old article id -> new."""

    edited: dict[str, str]


@dataclass
class Filtered(Message):
    """The articles whose titles match ``query``, best first."""

    query: str
    visible: list[ArticleMeta]


@dataclass
class IndexStatus(Message):
    """How the search index is getting on ("" once it is up to date)."""

    text: str


@dataclass
class CachesNoticed(Message):
    """The workspace's caches may have something to say (``take_notices``)."""


# -- the open article ------------------------------------------------------------------
@dataclass
class ArticleRead(Message):
    """An article read from its file.

    ``meta`` is what the library listed, ``fresh`` the file as it is now;
    ``follow``: the text changed and its notes and place should move to the
    new id; ``cached`` its analysis, if one was kept. ``position`` and
    ``after`` are the opener's (where to show it, what to run once shown).
    """

    meta: ArticleMeta
    article: Article
    fresh: ArticleMeta
    position: tuple[int, int] | None
    after: Callable[[], Any] | None
    follow: bool
    cached: Analysis | None


@dataclass
class AnalysisReady(Message):
    article_id: str
    analysis: Analysis


@dataclass
class AnalysisFailed(Message):
    """The analysis raised (a bug on one text): ``reason`` says what."""

    article_id: str
    reason: str


@dataclass
class FindDone(Message):
    """The matches of ``query`` in an article (``error``: the query was not valid)."""

    article_id: str
    query: str
    matches: list[Span]
    error: str | None


# -- notes --------------------------------------------------------------------------
@dataclass
class NotesAnchored(Message):
    """The open article's notes searched for in its text (``generation``: which
    refresh asked); ``error``: the store could not be read."""

    article: Article
    generation: int
    pairs: list
    error: str | None = None


# -- the screens over the main one -----------------------------------------------------
@dataclass
class SearchResults(Message):
    """The library search's results for ``query``; ``notes``: what to say of it
    (a pasted passage cut to its first words, an index kept only for this session)."""

    query: str
    results: list
    notes: list[str]
    partial: bool = False  # the first matches only: every match ranked follows


@dataclass
class PeopleLoaded(Message):
    """Everyone quoted in the library (``error``: the index could not say)."""

    people: list
    error: str | None = None


@dataclass
class QuotesLoaded(Message):
    """What ``name`` said across the library (``error``: the index could not say)."""

    name: str
    hits: list
    error: str | None = None
