"""The orders the sidebar can list the library in.

``added`` is the library's own order (the sources in the order they were
added, each folder's files by name), which every other order falls back on
for ties; ``title`` is A to Z (accents folded, case ignored); ``read`` puts the
most recently read first and never-read articles after, in their own order;
``length`` puts the longest first; ``date`` the latest published first (a
feed's or a page's date, :func:`reader.library.feedview.newest_first`),
undated articles after, in their own order. Pure functions, no interface code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["ORDERS", "sort_library"]

ORDERS = ("added", "title", "read", "length", "date")


def sort_library(
    metas: Sequence[Any], order: str, last_read: Mapping[str, str] | None = None
) -> list[Any]:
    """``metas`` (articles or metas) in ``order``; a stable sort, so ties keep
    the library's order. ``last_read`` maps an article id to when it was last
    read (ISO 8601 text, which sorts as time does), for ``read``."""
    if order == "title":
        from reader.search.fold import fold_lower

        return sorted(metas, key=lambda meta: fold_lower(meta.title or ""))
    if order == "length":
        return sorted(metas, key=lambda meta: -(meta.words or 0))
    if order == "read":
        stamps = last_read or {}
        read = [meta for meta in metas if stamps.get(meta.id)]
        read.sort(key=lambda meta: stamps[meta.id], reverse=True)
        return read + [meta for meta in metas if not stamps.get(meta.id)]
    if order == "date":
        from reader.library.feedview import newest_first

        return newest_first(metas)
    return list(metas)
