"""The importer registry: which format reads which files, and how.

An :class:`Importer` names a format (``"txt"``, ``"md"``, ``"html"``), the
file suffixes a folder scan picks up for it, whether it reads text or bytes,
and its parse function. :mod:`reader.library.loader` reads every file through
the importer its suffix names; a file named explicitly with a suffix no
importer claims is read by the plain text importer (:data:`DEFAULT_FORMAT`).

A new format is one call::

    register(Importer("epub", (".epub",), "mypackage.epub:parse_epub", binary=True))

The parse function is called as ``parse(payload, source=..., warnings=...,
fallback_title=...)`` and returns an :class:`~reader.library.model.Article`.
``payload`` is the decoded text for a text importer (the loader's decoding
rules: BOMs, UTF-16 sniffing, invalid UTF-8 replaced with a warning, binary
data refused) and the file's raw bytes for a binary one (never sniffed as
text; ``warnings`` is then empty). Either way the file has passed the same
checks first (size limit, read errors, empty file). A parse function that
finds the file is not one it can read raises :class:`Unreadable` with the
one-line reason the file is then listed with.

Importing this module is cheap: it imports no importer. A parse function
given as ``"module:function"`` (relative to ``reader.library`` if the module
starts with a dot) is imported when the first file of its format is read, so
markdown-it-py and trafilatura load only when needed.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Set
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a folder walk asks for the suffixes alone: no article model
    from .model import Article

__all__ = [
    "DEFAULT_FORMAT",
    "SUPPORTED_SUFFIXES",
    "Importer",
    "Unreadable",
    "default",
    "for_format",
    "for_path",
    "for_suffix",
    "importers",
    "register",
    "unregister",
]

#: The format of a file whose suffix no importer claims, and of text whose
#: format is unknown.
DEFAULT_FORMAT = "txt"

Parse = Callable[..., "Article"]


class Unreadable(ValueError):
    """Raised by a parse function for a file it cannot read as an article (a
    damaged or DRM-locked book, say); the message is the one-line reason the
    loader lists the file with ("EPUB is DRM-protected ...")."""


_FORMAT = re.compile(r"[a-z0-9][a-z0-9_-]*")
_SUFFIX = re.compile(r"\.[^./\\\s]+")


class Importer:
    """One format: its name, suffixes, input kind and parse function.

    ``parse`` is a callable or a ``"module:function"`` reference imported on
    first use. ``binary`` importers get the file's bytes, others its decoded
    text. ``declared_charset`` (text importers) reads bytes that are not valid
    UTF-8 in the character set the file declares (``<meta charset>``,
    ``<?xml encoding?>``) rather than replacing them.

    Immutable, and equal to another with the same fields. (A plain class,
    not a dataclass: a folder walk imports this module for its suffixes, and
    the dataclasses module costs more to import than the walk of a small
    library.)
    """

    __slots__ = ("format", "suffixes", "parse", "binary", "declared_charset", "_parser")

    format: str
    suffixes: tuple[str, ...]
    parse: Parse | str
    binary: bool
    declared_charset: bool

    def __init__(
        self,
        format: str,
        suffixes: Iterable[str],
        parse: Parse | str,
        binary: bool = False,
        declared_charset: bool = False,
    ) -> None:
        if not isinstance(format, str) or not _FORMAT.fullmatch(format):
            raise ValueError(f"bad format name {format!r} (lower-case letters and digits)")
        if isinstance(suffixes, str):
            raise TypeError("suffixes must be a sequence of suffixes, not one string")
        suffixes = tuple(dict.fromkeys(str(suffix).lower() for suffix in suffixes))
        for suffix in suffixes:
            if not _SUFFIX.fullmatch(suffix):
                raise ValueError(f"bad suffix {suffix!r} (one dot, then the extension)")
        if isinstance(parse, str):
            module, _, name = parse.partition(":")
            if not module or not name:
                raise ValueError(f"bad parse reference {parse!r} (want 'module:function')")
        elif not callable(parse):
            raise TypeError("parse must be a callable or a 'module:function' string")
        if binary and declared_charset:
            raise ValueError("a binary importer reads bytes: it has no declared charset")
        for name, value in (
            ("format", format),
            ("suffixes", suffixes),
            ("parse", parse),
            ("binary", binary),
            ("declared_charset", declared_charset),
            ("_parser", parse if callable(parse) else None),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"an Importer cannot be changed (set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"an Importer cannot be changed (delete {name!r})")

    def _fields(self) -> tuple:
        return (self.format, self.suffixes, self.parse, self.binary, self.declared_charset)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Importer(format={self.format!r}, suffixes={self.suffixes!r},"
            f" binary={self.binary!r}, declared_charset={self.declared_charset!r})"
        )

    @property
    def parser(self) -> Parse:
        """The parse function, imported now if it was given by name."""
        resolved = self._parser
        if resolved is None:
            module, _, name = self.parse.partition(":")
            resolved = getattr(importlib.import_module(module, __package__), name)
            object.__setattr__(self, "_parser", resolved)
        return resolved


# The registry: copied on write under the lock, so a reader (a folder scan in
# a worker thread) always sees one whole version without taking the lock.
_lock = threading.Lock()
_by_format: dict[str, Importer] = {}
_by_suffix: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    """Add ``importer``; ``ValueError`` if its format or a suffix is taken.

    Nothing is registered when it fails.
    """
    global _by_format, _by_suffix
    if not isinstance(importer, Importer):
        raise TypeError(f"not an Importer: {importer!r}")
    with _lock:
        if importer.format in _by_format:
            raise ValueError(f"format {importer.format!r} is already registered")
        for suffix in importer.suffixes:
            owner = _by_suffix.get(suffix)
            if owner is not None:
                raise ValueError(
                    f"suffix {suffix!r} is already read by the {owner.format!r} importer"
                )
        _by_format = {**_by_format, importer.format: importer}
        _by_suffix = {**_by_suffix, **dict.fromkeys(importer.suffixes, importer)}
    return importer


def unregister(fmt: str) -> Importer:
    """Remove and return the importer for ``fmt`` (``KeyError`` if none).

    The default (plain text) importer cannot be removed.
    """
    global _by_format, _by_suffix
    if fmt == DEFAULT_FORMAT:
        raise ValueError(f"the default importer {DEFAULT_FORMAT!r} cannot be removed")
    with _lock:
        importer = _by_format[fmt]
        _by_format = {name: imp for name, imp in _by_format.items() if name != fmt}
        _by_suffix = {suffix: imp for suffix, imp in _by_suffix.items() if imp is not importer}
    return importer


def importers() -> tuple[Importer, ...]:
    """Every registered importer, in the order registered."""
    return tuple(_by_format.values())


def for_format(fmt: str) -> Importer | None:
    return _by_format.get(fmt)


def for_suffix(suffix: str) -> Importer | None:
    """The importer claiming ``suffix`` (``".md"``, any case), or None."""
    return _by_suffix.get(suffix.lower())


def default() -> Importer:
    """The plain text importer: for unclaimed suffixes and unknown formats."""
    return _by_format[DEFAULT_FORMAT]


def for_path(path: str | PurePath) -> Importer:
    """The importer for ``path`` by its suffix, else the default."""
    return _by_suffix.get(PurePath(path).suffix.lower()) or default()


class _Suffixes(Set):
    """A live, read-only set of the registered suffixes (``".txt"``, ...)."""

    __slots__ = ()

    def __contains__(self, suffix: object) -> bool:
        return suffix in _by_suffix

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(_by_suffix))

    def __len__(self) -> int:
        return len(_by_suffix)

    @classmethod
    def _from_iterable(cls, iterable: Iterable[str]) -> frozenset[str]:
        return frozenset(iterable)  # ``|``, ``&`` and ``-`` give plain frozensets

    def __repr__(self) -> str:
        return f"SUPPORTED_SUFFIXES({sorted(_by_suffix)!r})"


#: What a folder scan picks up: every registered importer's suffixes. It
#: follows :func:`register` and :func:`unregister`.
SUPPORTED_SUFFIXES: Set[str] = _Suffixes()


# The built-in importers, parsed lazily (their modules import sanitising,
# markdown-it-py and trafilatura).
for _importer in (
    Importer("txt", (".txt", ".text"), ".plaintext:parse_plaintext"),
    Importer("md", (".md", ".markdown", ".mdown", ".mkd"), ".markdown:parse_markdown"),
    Importer("html", (".html", ".htm", ".xhtml"), ".html:parse_html", declared_charset=True),
    Importer("epub", (".epub",), ".epub:parse_epub", binary=True),
    Importer("web", (".limelight",), ".web:parse_saved", binary=True),
):
    register(_importer)
del _importer
