"""Find articles in files and folders, and keep them in order by id.

:func:`scan` never raises for what it finds on disk: a missing path, an
unreadable folder or a broken link becomes a broken entry (an article with
``error`` set) so the interface can list it with a warning mark; symbolic
link loops and files reached twice are skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Container, Iterable, Iterator, Mapping

from .freshness import MAX_DEPTH
from .freshness import is_hidden as _is_hidden
from .loader import SUPPORTED_SUFFIXES, format_of, load_file
from .model import Article, broken_article

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Catalogue",
    "edits_to_follow",
    "iter_articles",
    "iter_sources",
    "scan",
]


def _supported(name: str) -> bool:
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in SUPPORTED_SUFFIXES


def _reason(exc: OSError, folder: bool = False) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied" + (" (folder)" if folder else "")
    if isinstance(exc, FileNotFoundError):
        return "folder vanished" if folder else "file not found"
    detail = (exc.strerror or type(exc).__name__).lower()
    return f"cannot read {'folder' if folder else 'file'} ({detail})"


def _absolute(path: str) -> str:
    try:
        return os.path.abspath(path)
    except (OSError, ValueError):
        return path


def _resolved(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return _absolute(path)


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[str, str | None]]:
    """``(path, None)`` for each file to load, ``(path, reason)`` for a problem.

    Paths come out absolute: a path named in ``paths`` is resolved (symbolic
    links followed), and files found in a folder are under its resolved path.
    Files named in ``paths`` are taken whatever their suffix; folders are read
    recursively for files with a supported suffix, skipping hidden files and
    folders, in name order. A file or folder reached twice (same device and
    inode: duplicates, hard links, symbolic links, loops) is taken once.
    """
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        try:
            path = os.fspath(raw)
        except TypeError:
            continue
        if not path:
            continue
        path = os.path.expanduser(path)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            broken = os.path.islink(path)
            yield _absolute(path), ("broken symbolic link" if broken else "file not found")
            continue
        except (OSError, ValueError) as exc:
            reason = _reason(exc) if isinstance(exc, OSError) else "invalid file name"
            yield _absolute(path), reason
            continue
        # Sources are absolute, resolved paths (the same as Path.resolve()).
        path = _resolved(path)
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, info, seen_files, seen_dirs)
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen_files:
            continue
        seen_files.add(key)
        yield path, None


def _walk(
    top: str,
    top_info: os.stat_result,
    seen_files: set[tuple[int, int]],
    seen_dirs: set[tuple[int, int]],
) -> Iterator[tuple[str, str | None]]:
    top_key = (top_info.st_dev, top_info.st_ino)
    if top_key in seen_dirs:
        return
    seen_dirs.add(top_key)
    # A stack of (folder path, iterator over its sorted entries) walked depth
    # first, so files come out in the order a file manager would list them.
    stack: list[Iterator[os.DirEntry[str]]] = []

    def entries(folder: str) -> Iterator[os.DirEntry[str]] | str:
        try:
            with os.scandir(folder) as listing:
                found = [entry for entry in listing if not _is_hidden(entry.name)]
        except OSError as exc:
            return _reason(exc, folder=True)
        found.sort(key=lambda entry: (entry.name.casefold(), entry.name))
        return iter(found)

    first = entries(top)
    if isinstance(first, str):
        yield top, first
        return
    stack.append(first)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_dir = entry.is_dir()  # follows symbolic links
        except OSError:
            is_dir = False
        if is_dir:
            try:
                info = entry.stat()
            except OSError as exc:
                yield entry.path, _reason(exc, folder=True)
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen_dirs or len(stack) >= MAX_DEPTH:
                continue  # a symbolic link loop, or a folder already read
            seen_dirs.add(key)
            listing = entries(entry.path)
            if isinstance(listing, str):
                yield entry.path, listing
            else:
                stack.append(listing)
            continue
        if not _supported(entry.name):
            continue
        try:
            info = entry.stat()
        except FileNotFoundError:
            yield entry.path, ("broken symbolic link" if entry.is_symlink() else "file vanished")
            continue
        except OSError as exc:
            yield entry.path, _reason(exc)
            continue
        if not stat.S_ISREG(info.st_mode):
            continue  # sockets, FIFOs, devices with a .txt name
        key = (info.st_dev, info.st_ino)
        if key in seen_files:
            continue
        seen_files.add(key)
        yield entry.path, None


def iter_articles(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Article]:
    """Load the articles found in ``paths`` one by one, in order.

    Problems become broken entries (``article.error`` set); nothing raises.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for path, problem in iter_sources(paths):
        if problem is None:
            yield load_file(path)
        else:
            yield broken_article(path, problem, format_of(path))


def scan(
    paths: Iterable[str | os.PathLike[str]],
    *,
    progress: Callable[[int, str], None] | None = None,
) -> list[Article]:
    """Load every article found in ``paths`` (files and folders), in order.

    Problems become broken entries (``article.error`` set); nothing raises.
    ``progress(count, path)`` is called after each file if given. Identical
    content found at two paths is *not* merged here: see :class:`Catalogue`.
    """
    articles: list[Article] = []
    for article in iter_articles(paths):
        articles.append(article)
        if progress is not None:
            progress(len(articles), article.source)
    return articles


def edits_to_follow(edited: Mapping[str, str], still_held: Container[str]) -> dict[str, str]:
    """The edits whose notes, bookmarks and reading place must follow the file.

    ``edited`` maps the content id a file held to the one it holds now;
    ``still_held`` is every content id some file found holds now. A file's
    records are keyed by its content, so they move to the new id only when no
    file holds the old content any more: of two identical files, editing one
    leaves the notes with the other, unchanged, one.
    """
    return {old: new for old, new in edited.items() if old != new and old not in still_held}


class Catalogue:
    """Articles in order, looked up by id; identical content is kept once.

    Adding an article whose id is already present (the same text at another
    path) keeps the first and records the newcomer in :attr:`duplicates`.
    """

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._articles: list[Article] = []
        self._by_id: dict[str, Article] = {}
        self._index: dict[str, int] = {}
        self.duplicates: list[Article] = []
        self.extend(articles)

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Callable[[int, str], None] | None = None,
    ) -> Catalogue:
        return cls(scan(paths, progress=progress))

    # -- building ---------------------------------------------------------

    def add(self, article: Article) -> bool:
        """Append ``article``; False (and noted as a duplicate) if its id is known."""
        if article.id in self._by_id:
            self.duplicates.append(article)
            return False
        self._index[article.id] = len(self._articles)
        self._articles.append(article)
        self._by_id[article.id] = article
        return True

    def extend(self, articles: Iterable[Article]) -> int:
        """Add many articles; returns how many were new."""
        return sum(1 for article in articles if self.add(article))

    def remove(self, article_id: str) -> Article | None:
        """Take an article out by id; returns it, or None if it was not there."""
        article = self._by_id.pop(article_id, None)
        if article is None:
            return None
        self._articles.pop(self._index.pop(article_id))
        self._index = {a.id: i for i, a in enumerate(self._articles)}
        return article

    # -- looking up ---------------------------------------------------------

    def get(self, article_id: str, default: Article | None = None) -> Article | None:
        return self._by_id.get(article_id, default)

    def __getitem__(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def index(self, article_id: str) -> int:
        """Position of the article in the catalogue (ValueError if absent)."""
        try:
            return self._index[article_id]
        except KeyError:
            raise ValueError(f"no article with id {article_id!r}") from None

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Article):
            return item.id in self._by_id
        return item in self._by_id

    def __iter__(self) -> Iterator[Article]:
        return iter(tuple(self._articles))

    def __len__(self) -> int:
        return len(self._articles)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} articles, {len(self.broken)} broken)"

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(self._articles)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(article.id for article in self._articles)

    @property
    def readable(self) -> tuple[Article, ...]:
        """The articles that loaded (no ``error``)."""
        return tuple(article for article in self._articles if article.ok)

    @property
    def broken(self) -> tuple[Article, ...]:
        """The placeholders for files that could not be read."""
        return tuple(article for article in self._articles if not article.ok)
