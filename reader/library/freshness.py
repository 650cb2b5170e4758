"""Has the library changed? Answered from file and folder times, reading no file.

:func:`fingerprint` walks the library's files and folders as a scan does
(:func:`reader.library.catalogue.iter_sources`: hidden names skipped, folders
read for the supported suffixes, symbolic links followed, loops and the depth
bounded) but only stats them: one ``stat`` per file, nothing opened or
sorted. Its :class:`Fingerprint` changes whenever a scan could find
something else: a file edited, replaced, added, removed or renamed changes
its own size, times or inode, or its folder's modification time. Comparing
two fingerprints is how ``limelight search`` knows, in a fraction of a full
scan, that the search index still holds the library as it is.

A change made in the same instant as a fingerprint could leave the times as
they were (file system times are coarse): a fingerprint whose newest time is
that recent is not :meth:`Fingerprint.settled`, and must not be trusted
later (as git treats its "racy" index entries).

Standard library only (and the importer registry's suffixes): cheap to
import, no interface code.
"""

from __future__ import annotations

import os
import stat
import time
import zlib
from collections.abc import Iterable
from typing import NamedTuple

__all__ = ["MAX_DEPTH", "RACY_NS", "Fingerprint", "file_state", "fingerprint", "is_hidden"]

# Deeper than this a folder tree is surely a loop or a trap.
MAX_DEPTH = 64
# A time this close to the fingerprint's is not trusted to show the next change.
RACY_NS = 2_000_000_000
_MASK = (1 << 64) - 1
_BY_FD = os.scandir in os.supports_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


def is_hidden(name: str) -> bool:
    return name.startswith(".")


class Fingerprint(NamedTuple):
    """What a walk of the library saw, in a few integers (equal if nothing changed)."""

    count: int  # files and folders seen (missing paths included)
    total: int  # the sum of their states' hashes, modulo 2**64
    mixed: int  # the xor of the same hashes
    newest_ns: int  # the newest modification or change time seen
    taken_ns: int  # when the walk began (not part of the comparison)

    def same(self, other: Fingerprint | None) -> bool:
        """Whether ``other`` saw the same files in the same states."""
        return other is not None and self[:4] == tuple(other[:4])

    def settled(self, racy_ns: int | None = None) -> bool:
        """Whether every time seen is old enough that a later change will show."""
        racy = RACY_NS if racy_ns is None else racy_ns
        return self.newest_ns < self.taken_ns - racy

    def to_list(self) -> list[int]:
        return list(self)

    @classmethod
    def from_list(cls, values) -> Fingerprint | None:
        try:
            found = cls(*(int(value) for value in values))
        except (TypeError, ValueError):
            return None
        return found


def file_state(path: str | os.PathLike[str]) -> list[int] | None:
    """A file's (size, mtime, ctime, inode), or None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def fingerprint(paths: Iterable[str | os.PathLike[str]]) -> Fingerprint:
    """The :class:`Fingerprint` of the files and folders under ``paths``."""
    from .importers import SUPPORTED_SUFFIXES

    # a name's suffix after its last dot, as the loader reads it
    suffixes = tuple(sorted(SUPPORTED_SUFFIXES))
    taken = time.time_ns()
    count = total = mixed = newest = 0
    seen_dirs: set[tuple[int, int]] = set()
    folders: list[tuple[str, int]] = []  # (folder, depth) still to read

    def add(key: tuple) -> None:
        nonlocal count, total, mixed
        value = hash(key)  # ints and tuples of ints hash the same in every process
        count += 1
        total = (total + value) & _MASK
        mixed ^= value

    for raw in paths:
        try:
            path = os.path.expanduser(os.fspath(raw))
        except TypeError:
            continue
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            add((-1, zlib.crc32(os.fsencode(path))))
            continue
        newest = max(newest, info.st_mtime_ns, info.st_ctime_ns)
        add((info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key not in seen_dirs:
                seen_dirs.add(key)
                folders.append((path, 0))
        while folders:
            folder, depth = folders.pop()
            fd = None
            try:
                if _BY_FD:  # entries stat'ed relative to the folder: no path to resolve
                    fd = os.open(folder, _FOLDER_FLAGS)
                listing = os.scandir(folder if fd is None else fd)
            except OSError:
                if fd is not None:
                    os.close(fd)
                add((-2, depth))
                continue
            try:
                with listing:
                    for entry in listing:
                        name = entry.name
                        if name[0] == ".":
                            continue
                        try:
                            is_dir = entry.is_dir()
                        except OSError:
                            is_dir = False
                        if not is_dir and not name.lower().endswith(suffixes):
                            continue
                        try:
                            info = entry.stat()
                        except OSError:
                            add((-3, entry.inode()))
                            continue
                        mtime, ctime = info.st_mtime_ns, info.st_ctime_ns
                        if mtime > newest:
                            newest = mtime
                        if ctime > newest:
                            newest = ctime
                        if is_dir:
                            key = (info.st_dev, info.st_ino)
                            if key in seen_dirs or depth + 1 >= MAX_DEPTH:
                                continue
                            seen_dirs.add(key)
                            folders.append((os.path.join(folder, name), depth + 1))
                            value = hash((mtime, ctime, info.st_ino))
                        else:
                            value = hash((info.st_size, mtime, ctime, info.st_ino))
                        count += 1
                        total += value
                        mixed ^= value
            finally:
                if fd is not None:
                    os.close(fd)
    return Fingerprint(count, total & _MASK, mixed, newest, taken)
