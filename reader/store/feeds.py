"""Feed subscriptions: the ``feeds`` table of the database.

A subscription is user data (a reader's list of feeds is as much theirs as
their notes), so it lives in ``limelight.json`` beside the sources, through
the same lock and atomic writes (:class:`reader.store.db.Store`), and its rows
are checked as they are read (:func:`check_row`, used by
:mod:`reader.store.checks`): a row of the wrong shape is kept aside, never
dropped.

A row: ``url`` (the feed's address, as subscribed), ``title``, ``folder`` (the
name of its folder under ``web/feeds/`` in the data folder, chosen once so a
feed whose title changes keeps its articles together), ``category`` (the
OPML folders it was filed under, ``"News/Tech"``), ``site``, ``added``,
``updated`` (ISO 8601 UTC of the last update tried, "" never), ``status``
(``"ok"``, ``"unchanged"``, ``"failed"``, "" never updated) and ``reason``
(why it failed, one line), the validators ``etag`` and ``last_modified`` of
the last feed fetched, ``seen`` (the keys of the items already fetched, at
most :data:`SEEN_LIMIT`, the newest last: an item is fetched once) and
``items`` (how many articles were saved from it).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from reader.store.db import Store

TABLE = "feeds"
SEEN_LIMIT = 2000  # item keys remembered per feed (far more than any feed lists at once)
FOLDER_LIMIT = 60  # characters of a feed's folder name
STATUSES = ("", "ok", "unchanged", "failed")


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    title: str = ""
    folder: str = ""
    category: str = ""
    site: str = ""
    added: str = ""
    updated: str = ""
    status: str = ""
    reason: str = ""
    etag: str = ""
    last_modified: str = ""
    seen: tuple[str, ...] = field(default=())
    items: int = 0

    @property
    def name(self) -> str:
        """What to call the feed: its title, else its address."""
        return self.title or self.url

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["seen"] = list(self.seen)
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Subscription:
        def text(name: str) -> str:
            value = row.get(name)
            return value if isinstance(value, str) else ""

        seen = row.get("seen")
        items = row.get("items")
        return cls(
            url=text("url"),
            title=text("title"),
            folder=text("folder"),
            category=text("category"),
            site=text("site"),
            added=text("added"),
            updated=text("updated"),
            status=text("status"),
            reason=text("reason"),
            etag=text("etag"),
            last_modified=text("last_modified"),
            seen=tuple(s for s in seen if isinstance(s, str)) if isinstance(seen, list) else (),
            items=items if type(items) is int and items >= 0 else 0,
        )


def now_iso() -> str:
    """The current time as ISO 8601 UTC to the second, ``2026-03-01T09:30:00Z``."""
    from reader.store.annotations import now_iso

    return now_iso("seconds")


# -- the row check (reader.store.checks) --------------------------------------------------

_TEXT_FIELDS = (
    "title",
    "folder",
    "category",
    "site",
    "added",
    "updated",
    "reason",
    "etag",
    "last_modified",
)


def check_row(row: dict) -> str | None:
    """The first problem with a ``feeds`` row, or None."""
    url = row.get("url")
    if not isinstance(url, str) or not url:
        return "it has no 'url'" if "url" not in row else f"its 'url' is {type(url).__name__}"
    for name in _TEXT_FIELDS:
        if name in row and not isinstance(row[name], str):
            return f"its {name!r} is {type(row[name]).__name__}"
    if "status" in row and row["status"] not in STATUSES:
        return "its 'status' is not one Limelight writes"
    seen = row.get("seen", [])
    if not isinstance(seen, list) or not all(isinstance(key, str) for key in seen):
        return "its 'seen' is not a list of strings"
    items = row.get("items", 0)
    if type(items) is not int or items < 0:
        return f"its 'items' is {type(items).__name__}"
    folder = row.get("folder", "")
    if folder and not _safe_folder(folder):
        return "its 'folder' is not a plain folder name"
    return None


def _safe_folder(name: str) -> bool:
    return name not in (".", "..") and not any(c in name for c in "/\\\0") and len(name) <= 255


# -- folder names ------------------------------------------------------------------------


def folder_name(title: str, url: str, taken: Iterable[str] = ()) -> str:
    """A folder name for a feed: its title (else its server's name) made plain
    (letters, digits and dashes, lower case), not one of ``taken``."""
    from urllib.parse import urlsplit

    def plain(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
        return re.sub(r"[^\w]+", "-", folded, flags=re.UNICODE).strip("-_")[:FOLDER_LIMIT]

    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    base = plain(title) or plain(host) or "feed"
    used = {name.casefold() for name in taken}
    name, number = base, 2
    while name.casefold() in used:
        name = f"{base}-{number}"
        number += 1
    return name


def feeds_root() -> Path:
    """``web/feeds`` in the data folder: one folder per feed holds its articles."""
    from reader.store.paths import data_dir

    return data_dir() / "web" / "feeds"


def feed_folder(subscription: Subscription) -> Path:
    return feeds_root() / (subscription.folder or folder_name(subscription.title, subscription.url))


# -- reading and writing ------------------------------------------------------------------


def url_key(url: str) -> str:
    """What tells one feed's address from another's: the address normalised
    (:func:`reader.library.web.normalise_url`: host case, default port,
    fragment), so one feed is never subscribed twice under two spellings."""
    from reader.library.web import WebError, normalise_url

    try:
        return normalise_url(url)
    except WebError:
        return url.strip()


def _found(store: Store) -> list[tuple[int, Subscription]]:
    rows = store._rows(TABLE)  # noqa: SLF001 - the store's own package
    return [(int(key), Subscription.from_dict(row)) for key, row in rows.items()]


def subscriptions(store: Store) -> list[Subscription]:
    """Every subscription, in the order added."""
    with store._reading("read the feeds"):  # noqa: SLF001
        found = _found(store)
    return [sub for _, sub in sorted(found, key=lambda pair: pair[0])]


def get_subscription(store: Store, url: str) -> Subscription | None:
    key = url_key(url)
    return next((sub for sub in subscriptions(store) if url_key(sub.url) == key), None)


def subscribe(
    store: Store, url: str, title: str = "", *, category: str = "", site: str = ""
) -> Subscription | None:
    """Add a subscription (its folder chosen now); None when ``url`` is one already."""
    with store._writing("save the feed"):  # noqa: SLF001
        found = _found(store)
        if any(url_key(sub.url) == url_key(url) for _, sub in found):
            return None
        folder = folder_name(title, url, (sub.folder for _, sub in found))
        sub = Subscription(
            url=url, title=title, folder=folder, category=category, site=site, added=now_iso()
        )
        store._table(TABLE).insert(sub.to_dict())  # noqa: SLF001
    return sub


def subscribe_many(store: Store, wanted: Iterable[Subscription]) -> list[Subscription]:
    """Add every subscription of ``wanted`` whose URL is new, in one write; the ones added."""
    added: list[Subscription] = []
    with store._writing("save the feeds"):  # noqa: SLF001
        found = _found(store)
        urls = {url_key(sub.url) for _, sub in found}
        folders = [sub.folder for _, sub in found]
        stamp = now_iso()
        for sub in wanted:
            if not sub.url or url_key(sub.url) in urls:
                continue
            folder = folder_name(sub.title, sub.url, folders)
            folders.append(folder)
            urls.add(url_key(sub.url))
            added.append(replace(sub, folder=folder, added=sub.added or stamp))
        if added:
            store._table(TABLE).insert_multiple(sub.to_dict() for sub in added)  # noqa: SLF001
    return added


def unsubscribe(store: Store, url: str) -> Subscription | None:
    """Forget a subscription; it as it was, or None when there was none."""
    with store._writing("forget the feed"):  # noqa: SLF001
        key = url_key(url)
        for doc_id, sub in _found(store):
            if url_key(sub.url) == key:
                store._table(TABLE).remove(doc_ids=[doc_id])  # noqa: SLF001
                return sub
    return None


def save_update(store: Store, url: str, **changes: Any) -> Subscription | None:
    """Record what an update learnt of one feed (``title``, ``status``, ``reason``,
    ``etag``, ``last_modified``, ``new_seen`` (keys to add to ``seen``), ``saved``
    (articles to add to ``items``); ``updated`` is set now). None when the feed
    was removed meanwhile (nothing is written)."""
    new_seen = tuple(changes.pop("new_seen", ()))
    saved = int(changes.pop("saved", 0))
    unknown = set(changes) - {"title", "status", "reason", "etag", "last_modified", "site"}
    if unknown:
        raise TypeError(f"cannot update feed field(s): {', '.join(sorted(unknown))}")
    with store._writing("save the feed's update"):  # noqa: SLF001
        for doc_id, sub in _found(store):
            if sub.url != url:
                continue
            seen = list(dict.fromkeys((*sub.seen, *new_seen)))[-SEEN_LIMIT:]
            fields = {key: value for key, value in changes.items() if value is not None}
            if not fields.get("title"):
                fields.pop("title", None)  # never forget a title learnt before
            new = replace(
                sub, **fields, seen=tuple(seen), items=sub.items + saved, updated=now_iso()
            )
            store._table(TABLE).update(new.to_dict(), doc_ids=[doc_id])  # noqa: SLF001
            return new
    return None
