"""Subscribing to feeds and updating them: what ``limelight feed add`` and
``limelight update`` (and the app's ``R``) do. No Textual here.

:func:`update_feeds` fetches every subscribed feed, a few at a time (a
thread pool of ``workers``), each with a conditional request (the ETag and
Last-Modified the last fetch gave, so an unchanged feed costs one 304). For
each item not fetched before (its guid, else its link, is not in the
subscription's ``seen``), the item's page is fetched as ``limelight add
URL`` fetches one and saved under ``web/feeds/<feed-folder>/`` in the data
folder with the feed's title and the item's date; an item whose page cannot
be fetched, or is not an article, is saved from the feed's own content
(its summary when it has none), and its article says so. The items of one
feed are fetched one after another (one site is never sent many requests at
once); feeds run in parallel.

A feed that fails (a network error, an HTTP error, bytes that are no feed)
is one :class:`FeedResult` with a one-line reason, stored as the
subscription's status; it never stops the others. What each feed learnt is
saved to the store as soon as that feed is done (in the calling thread), so
an update stopped part way keeps what it finished. The validators are kept
only when every new item of the feed was saved: a feed whose items were not
all saved is fetched in full next time, and the missing items retried.

feedparser and the HTTP client are imported at first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.library.feeds import FeedError, FeedItem, ParsedFeed
from reader.store.feeds import (
    Subscription,
    feed_folder,
    save_update,
    subscribe,
    subscriptions,
    unsubscribe,
    url_key,
)
from reader.text import plural

if TYPE_CHECKING:  # pragma: no cover
    from reader.library.fetch import Limits, Response
    from reader.store.db import Store

DEFAULT_WORKERS = 6  # feeds fetched at a time
FEED_TYPES = ("xml", "rss", "atom", "rdf", "json")  # words of a feed's content type
Progress = Callable[[int, int, "FeedResult | None"], None]


@dataclass(frozen=True)
class FeedResult:
    """What one update did with one feed."""

    url: str
    title: str = ""
    status: str = "unchanged"  # "updated", "unchanged" or "failed"
    new: int = 0  # items saved this time
    reason: str = ""  # why it failed; or what was worth saying ("not modified")
    saved: tuple[Path, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.title or self.url

    def line(self) -> str:
        """The one line ``limelight update`` prints for the feed."""
        if self.status == "failed":
            return f"✗ {self.name}: {self.reason}"
        if self.status == "updated":
            text = f"{plural(self.new, 'new item')}"
            extra = sum(1 for warning in self.warnings if warning)
            if extra:
                text += f" ({plural(extra, 'warning')}: {self.warnings[0]})"
            return f"+ {self.name}: {text}"
        return f"  {self.name}: {self.reason or 'no new items'}"


@dataclass(frozen=True)
class UpdateReport:
    results: tuple[FeedResult, ...] = ()

    @property
    def new(self) -> int:
        return sum(result.new for result in self.results)

    @property
    def failed(self) -> tuple[FeedResult, ...]:
        return tuple(result for result in self.results if result.status == "failed")

    @property
    def ok(self) -> bool:
        """Whether every feed was reached (and read)."""
        return not self.failed

    @property
    def saved(self) -> tuple[Path, ...]:
        return tuple(path for result in self.results for path in result.saved)

    def summary(self) -> str:
        text = f"{plural(self.new, 'new item')} from {plural(len(self.results), 'feed')}"
        if self.failed:
            text += f"; {len(self.failed)} failed"
        return text


@dataclass
class _Outcome:
    """A feed's update as the worker leaves it: the result, and what to store."""

    result: FeedResult
    changes: dict = field(default_factory=dict)


# -- fetching ----------------------------------------------------------------------------


def _looks_like_feed_type(response: Response) -> bool:
    kind = response.content_type
    return not kind or any(word in kind for word in FEED_TYPES) or kind.startswith("text/plain")


def fetch_feed(
    url: str, *, etag: str = "", last_modified: str = "", limits: Limits | None = None
) -> tuple[Response, ParsedFeed | None]:
    """``(response, feed)`` of ``url``; ``feed`` is None for a 304 answer.
    Raises :class:`~reader.library.fetch.FetchError` or :class:`FeedError`."""
    from reader.library.feeds import parse_feed
    from reader.library.fetch import fetch, fetch_options

    response = fetch(
        url,
        etag=etag or None,
        last_modified=last_modified or None,
        headers={
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9,"
            " text/xml;q=0.9, */*;q=0.5"
        },
        **fetch_options(limits),
    )
    if response.not_modified:
        return response, None
    try:
        feed = parse_feed(response.body, url=response.url, headers=response.headers)
    except FeedError:
        if response.content_type.startswith("text/html"):
            raise PageNotFeed(response) from None
        if not _looks_like_feed_type(response):
            raise FeedError(f"not a feed: the server sent {response.content_type}") from None
        raise
    return response, feed


class UpdateRunning(FeedError):
    """Another update of the same feeds (another ``limelight update``, the
    app's ``R``) is running: two at once would fetch every new item twice."""


def _update_lock(store: Store):
    """The lock one update of ``store``'s feeds holds (a file beside the
    database, released with the process), taken at once or :class:`UpdateRunning`."""
    from filelock import FileLock, Timeout

    path = Path(store.path).with_name(f"{Path(store.path).name}.update.lock")
    lock = FileLock(str(path), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise UpdateRunning(
            "another update of the feeds is running; try again when it is done"
        ) from None
    except OSError:  # a read-only data folder: the store says so when it saves
        return None
    return lock


class PageNotFeed(FeedError):
    """The address is a web page, not a feed; ``response`` is the page."""

    def __init__(self, response: Response) -> None:
        super().__init__("not a feed: the page is HTML (a web page, not its feed)")
        self.response = response


def add_feed(store: Store, url: str, *, limits: Limits | None = None) -> Subscription:
    """Fetch ``url`` once, check it is a feed, and subscribe to it with its title.

    A web page that announces its feed (``<link rel="alternate"
    type="application/rss+xml">``) subscribes to that feed: the
    subscription's ``url`` is the feed's. Raises :class:`FeedError` (one
    line) when it cannot be fetched, is not a feed and announces none, or is
    subscribed already; nothing is saved then. Its items are fetched by the
    next update."""
    from reader.library.feeds import feed_links
    from reader.library.fetch import FetchError

    wanted = url.strip()
    known = {url_key(sub.url) for sub in subscriptions(store)}
    if url_key(wanted) in known:
        raise FeedError("already subscribed")
    try:
        try:
            _, feed = fetch_feed(wanted, limits=limits)
        except PageNotFeed as page:
            links = feed_links(page.response.body, page.response.url)
            if not links:
                raise FeedError(
                    "not a feed: the page is HTML and names no feed of its own"
                ) from None
            wanted = links[0]
            if url_key(wanted) in known:
                raise FeedError(f"already subscribed to its feed: {wanted}") from None
            _, feed = fetch_feed(wanted, limits=limits)
    except PageNotFeed:
        raise FeedError(f"not a feed: the page's feed {wanted} is an HTML page") from None
    except FetchError as error:
        raise FeedError(str(error) if wanted == url.strip() else f"{wanted}: {error}") from None
    if feed is None:  # a 304 though no validators were sent
        raise FeedError("not a feed: the server answered 304 (not modified) to a first request")
    sub = subscribe(store, wanted, feed.title, site=feed.link)
    if sub is None:  # subscribed meanwhile (another process)
        raise FeedError(
            "already subscribed"
            if wanted == url.strip()
            else f"already subscribed to its feed: {wanted}"
        )
    return sub


@dataclass(frozen=True)
class Removed:
    """A feed unsubscribed: the subscription as it was, the folder of its
    articles, whether they were deleted with it, and why not when they were
    asked to be ("" else)."""

    subscription: Subscription
    folder: Path
    deleted: bool = False
    problem: str = ""


def find_feed(subs: Sequence[Subscription], wanted: str) -> Subscription | None:
    """The subscription ``wanted`` names: its address (in any spelling,
    :func:`~reader.store.feeds.url_key`), else its title when exactly one
    feed has it (case ignored)."""
    key = url_key(wanted)
    for sub in subs:
        if url_key(sub.url) == key:
            return sub
    title = wanted.strip().casefold()
    named = [sub for sub in subs if sub.title.casefold() == title]
    return named[0] if len(named) == 1 else None


def remove_feed(store: Store, wanted: str, *, delete: bool = False) -> Removed | None:
    """Unsubscribe from the feed ``wanted`` names (:func:`find_feed`); with
    ``delete``, its saved articles go too, unless another subscription keeps
    its articles in the same folder. None when no feed is named so."""
    import shutil

    sub = find_feed(subscriptions(store), wanted)
    gone = unsubscribe(store, sub.url) if sub is not None else None
    if gone is None:
        return None
    folder = feed_folder(gone)
    if not delete or not folder.is_dir():
        return Removed(gone, folder)
    if any(feed_folder(other) == folder for other in subscriptions(store)):
        return Removed(gone, folder, problem=f"another feed keeps its articles in {folder}")
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        return Removed(gone, folder, problem=f"could not remove its articles in {folder}")
    return Removed(gone, folder, deleted=True)


# -- saving one item ---------------------------------------------------------------------


class _Kept:
    """The pages kept under ``web/`` by the name their address gives, shared
    by the feeds of one update: an item whose page is kept already -- by
    ``limelight add URL``, by another feed, or earlier in this update -- is
    not fetched and kept again (two copies would be listed twice once either
    is refreshed, the notes on one of them only)."""

    def __init__(self) -> None:
        from reader.library import web
        from reader.store.paths import web_dir

        root = web_dir()
        self._stems = {path.stem for path in web.saved_files(root)} if root.is_dir() else set()
        self._lock = threading.Lock()

    def claim(self, item: FeedItem) -> bool:
        """Whether the item's page is to be kept: True (and it counts as kept
        from now) unless it is kept already. An item without an address is
        always kept (its key names it)."""
        if not item.link:
            return True
        from reader.library import web

        try:
            stem = web.stem_for(item.link)
        except (web.WebError, ValueError):  # an address that names no file
            return True
        with self._lock:
            if stem in self._stems:
                return False
            self._stems.add(stem)
            return True


def _save_item(sub_title: str, folder: Path, item: FeedItem, limits: dict) -> tuple[Path, str]:
    """Fetch the item's page and save it in ``folder``; from the feed's own
    content when the page cannot be had. ``(path, warning)``; ``warning`` is
    "" when the page itself was saved. Raises
    :class:`~reader.library.web.WebError` when nothing could be written."""
    from reader.library import web
    from reader.library.fetch import FetchError, fetch

    details = {"feed": sub_title, "published": item.published, "author": item.author}
    reason = "the item has no link"
    if item.link:
        try:
            response = fetch(item.link, **limits)
        except FetchError as error:
            reason = str(error)
        else:
            try:
                return web.save_feed_page(response, folder, title=item.title, **details), ""
            except web.NotAnArticle as error:
                reason = str(error)
    path = web.save_feed_text(
        folder,
        item.title,
        item.content or item.summary,
        url=item.link,
        reason=reason,
        key=item.key,
        **details,
    )
    return path, f"{item.title or item.link or 'an item'}: saved from the feed ({reason})"


def _update_one(
    sub: Subscription, limits: dict, cancel: threading.Event | None, kept: _Kept
) -> _Outcome:
    from reader.library.fetch import FetchError, Limits

    title = sub.title
    try:
        response, feed = fetch_feed(
            sub.url, etag=sub.etag, last_modified=sub.last_modified, limits=Limits(**limits)
        )
    except (FetchError, FeedError) as error:
        reason = str(error)
        failed = FeedResult(sub.url, title, "failed", reason=reason)
        return _Outcome(failed, {"status": "failed", "reason": reason})
    if feed is None:
        result = FeedResult(sub.url, title, "unchanged", reason="not modified")
        return _Outcome(result, {"status": "unchanged", "reason": ""})
    title = title or feed.title
    seen = set(sub.seen)
    fresh: list[FeedItem] = []
    keys: set[str] = set()
    for item in reversed(feed.items):  # feeds list the newest first: save the oldest first
        if item.key not in seen and item.key not in keys:
            keys.add(item.key)
            fresh.append(item)
    folder = feed_folder(sub)
    saved: list[Path] = []
    done: list[str] = []
    warnings: list[str] = [feed.warning] if feed.warning else []
    complete = True
    for item in fresh:
        if cancel is not None and cancel.is_set():
            complete = False
            break
        if not kept.claim(item):
            done.append(item.key)  # kept already: one article, with its notes
            continue
        try:
            path, warning = _save_item(title, folder, item, limits)
        except Exception as error:  # noqa: BLE001 - WebError, or a bug: the item only
            complete = False
            warnings.append(f"{item.title or item.link or 'an item'}: not saved ({error})")
            continue
        saved.append(path)
        done.append(item.key)
        if warning:
            warnings.append(warning)
    changes = {
        "title": title,
        "site": sub.site or feed.link,
        "status": "ok",
        "reason": "",
        "etag": response.etag if complete else "",
        "last_modified": response.last_modified if complete else "",
        "new_seen": done,
        "saved": len(saved),
    }
    status = "updated" if saved else "unchanged"
    result = FeedResult(
        sub.url,
        title,
        status,
        len(saved),
        "" if saved else "no new items",
        tuple(saved),
        tuple(warnings),
    )
    return _Outcome(result, changes)


def update_feeds(
    store: Store,
    *,
    urls: Sequence[str] | None = None,
    workers: int = DEFAULT_WORKERS,
    on_progress: Progress | None = None,
    cancel: threading.Event | None = None,
    limits: Limits | None = None,
) -> UpdateReport:
    """Update every subscription (or those of ``urls``); see the module's doc.

    ``on_progress(done, total, result)`` is called in the calling thread:
    once at the start (``done`` 0, ``result`` None), then once per feed as it
    finishes. Setting ``cancel`` stops the update: feeds not started are
    skipped (not reported), and a feed part way saves what it has. Raises
    :class:`UpdateRunning` when another update of these feeds is running
    (another process's, or this one's), and
    :class:`~reader.store.StoreError` only when the results cannot be saved.
    """
    subs = subscriptions(store)
    if urls is not None:
        wanted = set(urls)
        subs = [sub for sub in subs if sub.url in wanted]
    total = len(subs)
    if on_progress is not None:
        on_progress(0, total, None)
    if not subs:
        return UpdateReport()
    from reader.library.fetch import fetch_options

    fetch_limits = fetch_options(limits)
    results: dict[str, FeedResult] = {}
    stop = cancel if cancel is not None else threading.Event()
    lock = _update_lock(store)
    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, total)))
    try:
        kept = _Kept()
        running = {pool.submit(_run_one, sub, fetch_limits, stop, kept): sub for sub in subs}
        for done, future in enumerate(as_completed(running), 1):
            sub = running[future]
            outcome = future.result()
            if outcome is None:  # cancelled before it started
                continue
            results[sub.url] = outcome.result
            save_update(store, sub.url, **outcome.changes)
            if on_progress is not None:
                on_progress(done, total, outcome.result)
    except BaseException:
        # Ctrl-C, or the store failing: the feeds not started never start and
        # those part way stop after their current item, rather than the whole
        # update running on behind the error.
        stop.set()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        if lock is not None:
            lock.release()
    return UpdateReport(tuple(results[sub.url] for sub in subs if sub.url in results))


def _run_one(
    sub: Subscription, limits: dict, cancel: threading.Event | None, kept: _Kept
) -> _Outcome | None:
    if cancel is not None and cancel.is_set():
        return None
    try:
        return _update_one(sub, limits, cancel, kept)
    except Exception as error:  # a bug must not stop the other feeds: said as its reason
        reason = f"unexpected error: {type(error).__name__}: {error}"
        return _Outcome(
            FeedResult(sub.url, sub.title, "failed", reason=reason),
            {"status": "failed", "reason": reason},
        )
