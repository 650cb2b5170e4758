"""Feed items as the sidebar lists them: their date in a few columns, the
library grouped by feed, and the ``feed:NAME`` part of the title filter.

An article from a feed carries its feed's title (``feed``) and the date the
feed gave it (``published``, ISO 8601 as given; see
:mod:`reader.library.model`). Pure functions, no interface code.

- :func:`compact_date`: ``"14:05"`` today, ``"3 Mar"`` this year,
  ``"3 Mar 2024"`` before; ``""`` when there is no date or it cannot be read.
- :func:`newest_first`: the latest published first, the undated after.
- :func:`by_feed`: the articles in groups, one per feed (A to Z, accents
  folded, case ignored), newest first within each; articles from no feed
  come last, in the order given.
- :func:`split_feed_query` / :func:`matching_feeds`: ``feed:ars`` (or
  ``feed:"Ars Technica"``) in the filter narrows the list to the feeds whose
  names hold those words (exactly the one named, when one is named in full);
  the rest of the query still filters titles. :func:`feed_query` writes the
  query that names one feed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any

__all__ = [
    "FEED_PREFIX",
    "by_feed",
    "compact_date",
    "feed_query",
    "feeds_of",
    "matching_feeds",
    "newest_first",
    "published_time",
    "split_feed_query",
]

FEED_PREFIX = "feed:"
_EPOCH = datetime(1970, 1, 1)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# `feed:"two words"` or `feed:word`, anywhere in the query
_FEED_TERM = re.compile(r'(?:^|(?<=\s))feed:(?:"([^"]*)"?|(\S*))', re.IGNORECASE)


def _read(value: str) -> tuple[datetime | None, bool]:
    """``(datetime, whether it has a time of day)`` of ``value`` (ISO 8601, a
    date or a date and time, with its offset when it has one); ``(None,
    False)`` when it is not one. A date followed by what ``fromisoformat``
    refuses is the date alone."""
    value = (value or "").strip()
    if not value:
        return None, False
    try:
        return datetime.fromisoformat(value), len(value) > 10
    except ValueError:
        try:
            return datetime.fromisoformat(value[:10]), False
        except ValueError:
            return None, False


def _local(parsed: datetime) -> datetime:
    """``parsed`` in local time, naive (as given when it has no offset)."""
    if parsed.tzinfo is None:
        return parsed
    try:
        return parsed.astimezone().replace(tzinfo=None)
    except (OverflowError, OSError, ValueError):
        return parsed.replace(tzinfo=None)


def full_date(value: str) -> str:
    """``value`` (ISO 8601) as ``2026-12-01 16:40`` in local time (the date
    alone for a date alone); "" when it is not one (``limelight feed list``)."""
    parsed, has_time = _read(value)
    if parsed is None:
        return ""
    return _local(parsed).strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")


def published_time(value: str) -> float | None:
    """A number that sorts as ``value``'s time does (later is larger); None
    for no date. A date or time without an offset counts as UTC (a feed
    writes its dates one way, so its order is right whatever the offset)."""
    parsed, _ = _read(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return (parsed - _EPOCH).total_seconds()
    try:
        return parsed.timestamp()
    except (OverflowError, OSError, ValueError):
        return (parsed.replace(tzinfo=None) - _EPOCH).total_seconds()


def compact_date(value: str, now: datetime | None = None) -> str:
    """``value`` (ISO 8601) in a few columns, relative to ``now`` (local time):
    the time of day for today ("14:05"; "today" for a date alone), day and
    month this year ("3 Mar"), with the year before ("3 Mar 2024")."""
    parsed, has_time = _read(value)
    if parsed is None:
        return ""
    parsed = _local(parsed)
    now = now or datetime.now()
    day = f"{parsed.day} {MONTHS[parsed.month - 1]}"
    if parsed.date() == now.date():
        return f"{parsed:%H:%M}" if has_time else "today"
    if parsed.year == now.year:
        return day
    return f"{day} {parsed.year}"


def newest_first(metas: Iterable[Any]) -> list[Any]:
    """``metas`` the latest published first, the undated after; ties, and the
    undated, in the order given."""
    stamped = [(published_time(getattr(meta, "published", "")), meta) for meta in metas]
    dated = [pair for pair in stamped if pair[0] is not None]
    dated.sort(key=itemgetter(0), reverse=True)  # stable: ties keep the order given
    return [meta for _, meta in dated] + [meta for stamp, meta in stamped if stamp is None]


def by_feed(metas: Iterable[Any]) -> list[tuple[str, list[Any]]]:
    """``(feed title, its articles)`` for each feed, A to Z; in each, the
    newest first (undated after the dated, in the order given). Articles of
    no feed are the last group, titled ``""``, in the order given."""
    from reader.search.fold import fold_lower

    groups: dict[str, list[Any]] = {}
    for meta in metas:
        groups.setdefault(meta.feed or "", []).append(meta)
    feeds = sorted((name for name in groups if name), key=lambda name: (fold_lower(name), name))
    result: list[tuple[str, list[Any]]] = []
    for name in feeds:
        result.append((name, newest_first(groups[name])))
    if "" in groups:
        result.append(("", groups[""]))
    return result


def split_feed_query(query: str) -> tuple[str | None, str]:
    """``(feed name asked for, the rest of the query)``: ``None`` when the
    query names no feed. ``feed:`` with no name asks for every feed item."""
    found = _FEED_TERM.search(query)
    if found is None:
        return None, query
    name = found.group(1) if found.group(1) is not None else found.group(2)
    rest = (query[: found.start()] + " " + query[found.end() :]).strip()
    return " ".join(name.split()), " ".join(rest.split())


def matching_feeds(name: str, feeds: Iterable[str]) -> set[str]:
    """The feed titles ``name`` asks for: the one it names in full (accents
    folded, case ignored), else every one holding each of its words; every
    feed for an empty name."""
    from reader.search.fold import fold_lower

    def plain(text: str) -> str:  # a query cannot hold a quotation mark (feed_query)
        return " ".join(fold_lower(text).replace('"', " ").split())

    feeds = {feed for feed in feeds if feed}
    wanted = plain(name)
    if not wanted:
        return feeds
    folded = {feed: plain(feed) for feed in feeds}
    exact = {feed for feed, text in folded.items() if text == wanted}
    if exact:
        return exact
    words = wanted.split()
    return {feed for feed, text in folded.items() if all(word in text for word in words)}


def feed_query(feed: str) -> str:
    """The filter query that shows only ``feed``'s articles."""
    name = " ".join(feed.replace('"', " ").split())
    return f'{FEED_PREFIX}"{name}"' if " " in name or not name else f"{FEED_PREFIX}{name}"


def feeds_of(metas: Sequence[Any]) -> set[str]:
    """The feed titles among ``metas``."""
    return {meta.feed for meta in metas if meta.feed}
