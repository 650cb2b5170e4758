"""Which files and folders make up the library."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from reader.resources import seeds_dir


def is_url(text: str) -> bool:
    """Whether a command-line argument is a web address (http:// or https://)
    rather than a path: the one rule of the command line and :mod:`web`."""
    return text[:8].lower().startswith(("http://", "https://"))


class PathError(ValueError):
    """A path given by the user that names nothing; the message says why, in one line."""


def expand(raw: str | Path) -> Path:
    """``raw`` as a path, ``~`` and ``~user`` expanded.

    Raises :class:`PathError` for an empty path (which would otherwise mean
    the current folder) and for a ``~user`` with no such user.
    """
    text = os.fspath(raw)
    if not text:
        raise PathError("an empty path names no file or folder (use . for the current folder)")
    try:
        return Path(text).expanduser()
    except RuntimeError:  # pathlib: "Could not determine home directory."
        user = text.split("/", 1)[0]
        raise PathError(f"{text}: no such user as {user}") from None


def library_paths(remembered: Sequence[str | Path], paths: Sequence[str | Path] = ()) -> list[Path]:
    """Command-line paths first, then the remembered sources.

    With neither, the bundled sample library (``seeds/``): the library
    Limelight opens when it has nothing else. A command-line path that
    :func:`expand` refuses raises :class:`PathError`.
    """
    chosen = [expand(p) for p in paths] + [Path(p) for p in remembered]
    return chosen or [seeds_dir()]


def missing_source_reason(source: str | Path) -> str:
    """What to say about a remembered source that is no longer there.

    The library remembers only the path, so a path without a readable
    suffix is taken to have been a folder (files are remembered by name,
    folders are what ``limelight add`` is mostly given).
    """
    from reader.library.loader import SUPPORTED_SUFFIXES

    name = Path(source).name
    dot = name.rfind(".")
    kind = "file" if dot > 0 and name[dot:].lower() in SUPPORTED_SUFFIXES else "folder"
    return f"this library {kind} is gone; forget it with: limelight remove {source}"


def explain_missing_sources(metas, remembered: Sequence[str | Path]):
    """``metas`` with the "file not found" of each remembered source that is
    gone replaced by :func:`missing_source_reason` (the catalogue cannot tell
    a vanished folder from a vanished file)."""
    gone = {str(p) for p in remembered}
    for meta in metas:
        if meta.error == "file not found" and meta.source in gone:
            meta = meta._replace(error=missing_source_reason(meta.source))
        yield meta
