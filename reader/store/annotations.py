"""Annotations (a marked passage with an optional note), bookmarks and reading progress.

Plain, immutable records (:class:`reader.record.Frozen`: equal by value,
hashable, frozen): the :class:`~reader.store.db.Store` saves them,
:mod:`reader.store.anchoring` finds an annotation's passage again when the
article changed, :mod:`reader.store.export` writes them out.

Times are ISO 8601 strings in UTC with millisecond precision
(``2025-03-01T09:30:00.125Z``). Offsets point into the article's ``body``
(its blocks joined by blank lines, see :class:`reader.library.model.Article`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from reader.record import Frozen
from reader.store.anchoring import context_of

_set = object.__setattr__  # how a frozen record's __init__ sets its fields

ARTICLE = "article"
POSITION = "position"
BOOKMARK_KINDS = (ARTICLE, POSITION)


def now_iso(timespec: str = "milliseconds") -> str:
    """The current time as an ISO 8601 UTC string, e.g. ``2025-03-01T09:30:00.125Z``
    (``2025-03-01T09:30:00Z`` with ``timespec="seconds"``)."""
    return datetime.now(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


_TAG_SPACE = re.compile(r"\s+")


def normalize_tags(tags: Iterable[str] | str | None) -> tuple[str, ...]:
    """Tags as stored: no leading ``#``, inner spaces made ``-``, no empties or repeats.

    A single string is read as space- or comma-separated tags (what the note
    editor's tags field holds: ``"#china, trade  energy"`` → ``("china",
    "trade", "energy")``). The one tag parser: the note editor, new and edited
    annotations and stored ones read back all use it. Case is kept (``China``
    and ``china`` are two tags); the first of repeated tags keeps its place.
    """
    if tags is None:
        return ()
    if isinstance(tags, str):
        tags = re.split(r"[,\s]+", tags)
    seen: dict[str, None] = {}
    for tag in tags:
        cleaned = _TAG_SPACE.sub("-", str(tag).strip().lstrip("#").strip())
        if cleaned and cleaned not in seen:
            seen[cleaned] = None
    return tuple(seen)


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class Annotation(Frozen):
    """A passage of an article, marked, with an optional note.

    An empty ``note`` is a plain highlight. ``orphaned`` is set when the
    passage could not be found in the article the last time it was anchored;
    the annotation is kept (and shown with its ``quote``) all the same.
    """

    __slots__ = (
        "id", "article_id", "quote", "prefix", "suffix", "start", "end",
        "note", "tags", "created", "updated", "title", "orphaned",
    )  # fmt: skip
    id: str
    article_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: tuple[str, ...]
    created: str
    updated: str
    title: str
    orphaned: bool

    def __init__(
        self,
        id: str,
        article_id: str,
        quote: str,
        prefix: str,
        suffix: str,
        start: int,
        end: int,
        note: str = "",
        tags: tuple[str, ...] = (),
        created: str = "",
        updated: str = "",
        title: str = "",
        orphaned: bool = False,
    ) -> None:
        _set(self, "id", id)
        _set(self, "article_id", article_id)
        _set(self, "quote", quote)
        _set(self, "prefix", prefix)
        _set(self, "suffix", suffix)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "note", note)
        _set(self, "tags", tags)
        _set(self, "created", created)
        _set(self, "updated", updated)
        _set(self, "title", title)
        _set(self, "orphaned", orphaned)

    @property
    def is_highlight(self) -> bool:
        """True for a plain highlight (no note, no tags)."""
        return not self.note.strip() and not self.tags

    def to_dict(self) -> dict[str, Any]:
        data = self.as_dict()
        data["tags"] = list(self.tags)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Annotation:
        """Build from a stored dict; optional fields missing from older files
        get defaults, unknown fields are ignored."""
        created = str(data.get("created") or "")
        return cls(
            id=str(data["id"]),
            article_id=str(data.get("article_id", "")),
            quote=str(data.get("quote", "")),
            prefix=str(data.get("prefix", "")),
            suffix=str(data.get("suffix", "")),
            start=_int(data.get("start")),
            end=_int(data.get("end")),
            note=str(data.get("note") or ""),
            tags=normalize_tags(data.get("tags") or ()),
            created=created,
            updated=str(data.get("updated") or created),
            title=str(data.get("title") or ""),
            orphaned=bool(data.get("orphaned", False)),
        )

    def edited(self, **changes: Any) -> Annotation:
        """A copy with ``changes`` applied and ``updated`` set to now."""
        if "tags" in changes:
            changes["tags"] = normalize_tags(changes["tags"])
        changes.setdefault("updated", now_iso())
        return self.replace(**changes)


def make_annotation(
    article_id: str,
    body: str,
    start: int,
    end: int,
    note: str = "",
    tags: Iterable[str] = (),
    title: str = "",
) -> Annotation:
    """An annotation of ``body[start:end]``, with its quote and 32 characters of context."""
    if not 0 <= start < end <= len(body):
        raise ValueError(
            f"span {start}:{end} is not a non-empty passage of a {len(body)}-character text"
        )
    prefix, quote, suffix = context_of(body, start, end)
    stamp = now_iso()
    return Annotation(
        id=new_id(),
        article_id=article_id,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        note=note,
        tags=normalize_tags(tags),
        created=stamp,
        updated=stamp,
        title=title,
    )


class Bookmark(Frozen):
    """A bookmarked article (``kind == "article"``) or a place in one (``"position"``).

    A place is a block index and a character offset within that block's text.
    """

    __slots__ = ("id", "kind", "article_id", "title", "block", "offset", "label", "created")
    id: str
    kind: str
    article_id: str
    title: str
    block: int | None
    offset: int | None
    label: str
    created: str

    def __init__(
        self,
        id: str,
        kind: str,
        article_id: str,
        title: str = "",
        block: int | None = None,
        offset: int | None = None,
        label: str = "",
        created: str = "",
    ) -> None:
        _set(self, "id", id)
        _set(self, "kind", kind)
        _set(self, "article_id", article_id)
        _set(self, "title", title)
        _set(self, "block", block)
        _set(self, "offset", offset)
        _set(self, "label", label)
        _set(self, "created", created)

    def to_dict(self) -> dict[str, Any]:
        return self.as_dict()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bookmark:
        kind = data.get("kind", ARTICLE)
        return cls(
            id=str(data["id"]),
            kind=kind if kind in BOOKMARK_KINDS else ARTICLE,
            article_id=str(data.get("article_id", "")),
            title=str(data.get("title") or ""),
            block=None if data.get("block") is None else _int(data.get("block")),
            offset=None if data.get("offset") is None else _int(data.get("offset")),
            label=str(data.get("label") or ""),
            created=str(data.get("created") or ""),
        )


class Progress(Frozen):
    """Where the reader is in an article: block index, character offset within
    the block, and the fraction (0..1) of the article read."""

    __slots__ = ("article_id", "block", "offset", "fraction", "updated")
    article_id: str
    block: int
    offset: int
    fraction: float
    updated: str

    def __init__(
        self,
        article_id: str,
        block: int = 0,
        offset: int = 0,
        fraction: float = 0.0,
        updated: str = "",
    ) -> None:
        _set(self, "article_id", article_id)
        _set(self, "block", block)
        _set(self, "offset", offset)
        _set(self, "fraction", fraction)
        _set(self, "updated", updated)

    def to_dict(self) -> dict[str, Any]:
        return self.as_dict()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Progress:
        try:
            fraction = float(data.get("fraction") or 0.0)
        except (TypeError, ValueError):
            fraction = 0.0
        return cls(
            article_id=str(data.get("article_id", "")),
            block=_int(data.get("block")),
            offset=_int(data.get("offset")),
            fraction=min(1.0, max(0.0, fraction)),
            updated=str(data.get("updated") or ""),
        )
