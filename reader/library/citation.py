"""What an article says of where it comes from, as the reader sees it: the meta
lines of the app (author · site · date) and the citation of the notes export.

One rule for every place: the article view's and the sidebar's meta lines,
``limelight export``'s citations. Works on an :class:`~reader.library.model.Article`
or an :class:`~reader.library.model.ArticleMeta` alike (anything with the
:data:`~reader.library.model.DETAIL_FIELDS` attributes). Pure Python, no imports
at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["CITATION_FIELDS", "byline", "citation", "citations", "short_date"]

#: The fields of a citation, in order.
CITATION_FIELDS = ("title", "author", "site", "published", "url")


def short_date(published: str) -> str:
    """The day of an ISO 8601 date or time ("2026-03-04" of "2026-03-04T10:00:00Z");
    anything else as given, on one line."""
    text = " ".join((published or "").split())
    head = text[:10]
    if len(head) == 10 and head[4] == "-" and head[7] == "-" and head.replace("-", "").isdigit():
        return head
    return text


def _detail(article: Any, name: str) -> str:
    return " ".join(str(getattr(article, name, "") or "").split())


def byline(article: Any, date: Callable[[str], str] = short_date) -> list[str]:
    """``[author, site, date]``, the known ones only, each on one line; ``date``
    shows the published date (the app's meta lines pass their compact one)."""
    parts = [_detail(article, "author"), _detail(article, "site")]
    published = _detail(article, "published")
    parts.append(date(published) if published else "")
    return [part for part in parts if part]


def citation(article: Any) -> dict[str, str]:
    """``{"title", "author", "site", "published", "url"}`` of an article ("" when unknown)."""
    return {name: _detail(article, name) for name in CITATION_FIELDS}


def citations(articles: Iterable[Any], ids: Iterable[str]) -> Mapping[str, dict[str, str]]:
    """The citation of each of ``ids`` found among ``articles`` (metas of the
    library), by article id; an id no article has is left out."""
    wanted = set(ids)
    found: dict[str, dict[str, str]] = {}
    for article in articles:
        if article.id in wanted and article.id not in found:
            found[article.id] = citation(article)
    return found
