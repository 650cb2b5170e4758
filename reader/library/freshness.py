"""Has the library changed? Answered from file and folder times, reading no file.

:func:`fingerprint` walks the library's files and folders as a scan does
(:func:`reader.library.catalogue.iter_sources`: hidden names skipped, folders
read for the supported suffixes, symbolic links followed, loops and the depth
bounded) but only stats them: one ``stat`` per file, nothing opened or
sorted. Its :class:`Fingerprint` changes whenever a scan could find
something else: a file edited, replaced, added, removed or renamed changes
its own size, times or inode, or its folder's modification time. Comparing
two fingerprints is how ``limelight search`` knows, in a fraction of a full
scan, that the search index still holds the library as it is. :class:`Ahead`
takes one in a forked child process (and this one, once free) while the
caller goes on: ``limelight search`` imports and queries the index meanwhile.

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
from functools import cached_property, reduce
from operator import attrgetter, itemgetter, xor
from typing import NamedTuple

__all__ = [
    "MAX_DEPTH",
    "RACY_NS",
    "Ahead",
    "Fingerprint",
    "file_state",
    "fingerprint",
    "is_hidden",
]

# Deeper than this a folder tree is surely a loop or a trap.
MAX_DEPTH = 64
# A time this close to the fingerprint's is not trusted to show the next change.
RACY_NS = 2_000_000_000
_MASK = (1 << 64) - 1
_BY_FD = os.scandir in os.supports_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
# A file's state as its fingerprint hashes it, and the parts of it, taken in C.
_STATE = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")
_MTIME = itemgetter(1)
_CTIME = itemgetter(2)
_STAT = os.DirEntry.stat


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
        """The fingerprint as integers that fit in 64 signed bits (the total
        written as such), as SQLite's JSON reads them back exactly."""
        total = self.total - (1 << 64) if self.total >= 1 << 63 else self.total
        return [self.count, total, *self[2:]]

    @classmethod
    def from_list(cls, values) -> Fingerprint | None:
        try:
            found = cls(*(int(value) for value in values))
        except (TypeError, ValueError):
            return None
        return found._replace(total=found.total & _MASK)


def file_state(path: str | os.PathLike[str]) -> list[int] | None:
    """A file's (size, mtime, ctime, inode), or None if it cannot be stat'ed."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def fingerprint(paths: Iterable[str | os.PathLike[str]]) -> Fingerprint:
    """The :class:`Fingerprint` of the files and folders under ``paths``."""
    walk = _Walk(paths)
    try:
        return walk.total({number: walk.part(number) for number in range(len(walk.parts))})
    finally:
        walk.close()


class _Walk:
    """One walk of the files and folders under ``paths``, cut into parts
    that can be walked in any order, in any process, and added up.

    The paths themselves are stat'ed and their folders listed at once; each
    part is then a block of the files directly in a path folder, or one
    folder there with everything under it. A folder reached twice (by a
    symbolic link) within one part is walked once; the path folders are
    walked once in all.
    """

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self.taken = time.time_ns()
        self.own = [0, 0, 0, 0]  # count, total, mixed, newest of the paths themselves
        self.roots: set[tuple[int, int]] = set()  # (device, inode) of the path folders
        self.parts: list[tuple[str, list[os.DirEntry]]] = []  # (folder, entries)
        self._fds: list[int] = []  # the path folders', open while their entries are stat'ed
        for raw in paths:
            try:
                path = os.path.expanduser(os.fspath(raw))
            except TypeError:
                continue
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                _add(self.own, (-1, zlib.crc32(os.fsencode(path))))
                continue
            self.own[3] = max(self.own[3], info.st_mtime_ns, info.st_ctime_ns)
            _add(self.own, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev))
            key = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode) and key not in self.roots:
                self.roots.add(key)
                self._list(path)

    def _list(self, folder: str) -> None:
        fd, entries = _listing(folder)
        if entries is None:
            _add(self.own, (-2, 0))
            return
        if fd is not None:
            self._fds.append(fd)
        files, folders = [], []
        for entry in entries:
            try:
                (folders if entry.is_dir() else files).append(entry)
            except OSError:
                files.append(entry)
        for start in range(0, len(files), _BLOCK):
            self.parts.append((folder, files[start : start + _BLOCK]))
        self.parts.extend((folder, [entry]) for entry in folders)

    def part(self, number: int) -> tuple[int, int, int, int]:
        """(count, total, mixed, newest) of part ``number``."""
        folder, entries = self.parts[number]
        suffixes = self.suffixes
        found = [0, 0, 0, 0]
        seen = set(self.roots)
        stack: list[tuple[str, int]] = []  # (folder, depth) still to read
        _take(found, entries, folder, 0, seen, stack, suffixes)
        while stack:
            folder, depth = stack.pop()
            fd, entries = _listing(folder)
            if entries is None:
                _add(found, (-2, depth))
                continue
            try:
                _take(found, entries, folder, depth, seen, stack, suffixes)
            finally:
                if fd is not None:
                    os.close(fd)
        return found[0], found[1] & _MASK, found[2], found[3]

    @cached_property
    def suffixes(self) -> tuple[str, ...]:
        """The suffixes of the files walked: a name's after its last dot, as
        the loader reads it (asked when the first part is walked, or before
        a child is forked to walk some)."""
        from .importers import SUPPORTED_SUFFIXES

        return tuple(sorted(SUPPORTED_SUFFIXES))

    def total(self, parts: dict[int, tuple[int, int, int, int]]) -> Fingerprint:
        """The fingerprint, from every part's sums."""
        count, total, mixed, newest = self.own
        for found in parts.values():
            count += found[0]
            total += found[1]
            mixed ^= found[2]
            newest = max(newest, found[3])
        return Fingerprint(count, total & _MASK, mixed, newest, self.taken)

    def close(self) -> None:
        for fd in self._fds:
            os.close(fd)
        self._fds = []


# Files directly in a path folder are shared out in blocks of this many.
_BLOCK = 256


def _add(found: list[int], key: tuple) -> None:
    value = hash(key)  # ints and tuples of ints hash the same in every process
    found[0] += 1
    found[1] = (found[1] + value) & _MASK
    found[2] ^= value


def _listing(folder: str) -> tuple[int | None, list[os.DirEntry] | None]:
    """(a descriptor to close or None, the folder's entries but hidden ones),
    or (None, None) if it cannot be read. Entries are stat'ed relative to the
    descriptor, where the platform can: no path to resolve each time."""
    fd = None
    try:
        if _BY_FD:
            fd = os.open(folder, _FOLDER_FLAGS)
        with os.scandir(folder if fd is None else fd) as listing:
            return fd, [entry for entry in listing if entry.name[0] != "."]
    except OSError:
        if fd is not None:
            os.close(fd)
        return None, None


def _take(
    found: list[int],
    entries: list[os.DirEntry],
    folder: str,
    depth: int,
    seen: set[tuple[int, int]],
    stack: list[tuple[str, int]],
    suffixes: tuple[str, ...],
) -> None:
    """Add ``entries`` (of ``folder``, at ``depth``) to ``found``; their
    folders not seen yet go on ``stack``."""
    # The files at once, in loops that run in C (most entries, most of the
    # time); the folders, and everything when one of them fails to be
    # stat'ed (changed meanwhile), one at a time below.
    rest = entries
    try:
        files = [
            entry
            for entry in entries
            if not entry.is_dir() and entry.name.lower().endswith(suffixes)
        ]
        states = list(map(_STATE, map(_STAT, files)))
    except OSError:
        pass
    else:
        if states:
            values = list(map(hash, states))
            found[0] += len(values)
            found[1] = (found[1] + sum(values)) & _MASK
            found[2] ^= reduce(xor, values)
            found[3] = max(found[3], *map(_MTIME, states), *map(_CTIME, states))
        rest = [entry for entry in entries if entry.is_dir()]
    for entry in rest:
        name = entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if not is_dir and not name.lower().endswith(suffixes):
            continue
        try:
            info = entry.stat()
        except OSError:
            _add(found, (-3, entry.inode()))
            continue
        mtime, ctime = info.st_mtime_ns, info.st_ctime_ns
        found[3] = max(found[3], mtime, ctime)
        if is_dir:
            key = (info.st_dev, info.st_ino)
            if key in seen or depth + 1 >= MAX_DEPTH:
                continue
            seen.add(key)
            stack.append((os.path.join(folder, name), depth + 1))
            _add(found, (mtime, ctime, info.st_ino))
        else:
            _add(found, _STATE(info))


class Ahead:
    """The :func:`fingerprint` of ``paths``, taken while this process goes
    on; :meth:`result` waits for it.

    The walk is mostly system calls (a ``stat`` a file), the caller's work
    meanwhile mostly Python (imports, opening and querying the search
    index): in two processes they run on two cores at once, where a thread
    would wait for the interpreter's lock at every file. The paths are
    stat'ed and listed here, then a forked child (nothing to import, no
    interpreter to start) walks the walk's parts from the first on, writes
    what each added up to into a pipe and leaves with ``os._exit``, running
    none of this process's clean-up. :meth:`result` walks the parts from
    the last on until the two meet (each part is claimed in memory the two
    share, and one walked twice at the meeting counts once), then adds up.
    Where there is no ``fork`` (Windows), another thread is running
    (forking would copy its locks mid-use), no second CPU is there or free
    now (a child would only take turns with this process), or the child
    fails, :meth:`result` walks what is missing itself: the answer is the
    same, only not ahead.
    """

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self.paths = list(paths)
        self._walk = _Walk(self.paths)
        self._pid: int | None = None
        self._pipe: int | None = None
        self._claims = None
        self._found: Fingerprint | None = None
        if self._walk.parts and _can_fork():
            self._fork()

    def _fork(self) -> None:
        import gc
        import mmap

        _ = self._walk.suffixes  # asked once, here, not once in each process
        try:
            claims = mmap.mmap(-1, len(self._walk.parts))  # shared with the child
            read, write = os.pipe()
        except (OSError, ValueError):
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: walk, write, leave (never returns)
            code = 1
            try:
                # No collection: it would write into every page of objects
                # shared with the parent, copying each (and it has nothing to free).
                gc.disable()
                os.close(read)
                lines = []
                for number in range(len(self._walk.parts)):
                    if claims[number]:
                        break  # the parent's from here on
                    claims[number] = 1
                    found = self._walk.part(number)
                    lines.append(" ".join(map(str, (number, *found))))
                message = "\n".join(lines).encode()
                while message:
                    message = message[os.write(write, message) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._pipe, self._claims = pid, read, claims

    def result(self) -> Fingerprint:
        """The fingerprint (the parts the child left walked here)."""
        if self._found is not None:
            return self._found
        parts: dict[int, tuple[int, int, int, int]] = {}
        if self._claims is not None:
            for number in reversed(range(len(self._walk.parts))):
                if self._claims[number]:
                    break  # the child's from here down
                self._claims[number] = 2
                parts[number] = self._walk.part(number)
            parts = {**self._collect(), **parts}
        for number in range(len(self._walk.parts)):
            if number not in parts:  # no child, or it failed
                parts[number] = self._walk.part(number)
        self._found = self._walk.total(parts)
        self.close()
        return self._found

    def _collect(self) -> dict[int, tuple[int, int, int, int]]:
        chunks = []
        try:
            while chunk := os.read(self._pipe, 65536):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._pipe)
            self._pipe = None
            self._reap()
        parts = {}
        for line in b"".join(chunks).split(b"\n"):
            try:
                number, *found = (int(value) for value in line.split())
            except ValueError:
                continue
            if len(found) == 4 and 0 <= number < len(self._walk.parts):
                parts[number] = tuple(found)
        return parts

    def _reap(self) -> None:
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except OSError:  # already reaped (a SIGCHLD handler elsewhere)
                pass
            self._pid = None

    def close(self) -> None:
        """Stop waiting: the child's answer is not wanted (it is stopped and reaped)."""
        if self._pipe is not None:
            os.close(self._pipe)  # were it to write, the child's write would fail
            self._pipe = None
            if self._pid is not None:  # not waited for: stopped now, not once it has walked
                import signal

                try:
                    os.kill(self._pid, signal.SIGKILL)
                except OSError:  # already gone
                    pass
        self._reap()
        if self._claims is not None:
            self._claims.close()
            self._claims = None
        self._walk.close()


def _can_fork() -> bool:
    import sys

    if not hasattr(os, "fork") or not _two_cpus() or not _cpu_to_spare():
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


def _two_cpus() -> bool:
    """Whether this process may run on more than one CPU: on one, a child
    would only take turns with it, and cost its start and its copied pages."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except (AttributeError, OSError):  # not on this platform: the count of CPUs
        return (os.cpu_count() or 1) > 1


def _cpu_to_spare() -> bool:
    """Whether a CPU is free for a child now: fewer tasks running or ready to
    run (this one among them: ``/proc/loadavg``) than there are CPUs. With
    every CPU busy, a child only takes turns with the others and costs more
    than it walks (measured: 5 ms of 85 at 10,000 files with the other of
    two CPUs busy; 18 ms saved with it free). Where it cannot be told, yes."""
    try:
        with open("/proc/loadavg", "rb") as file:
            running = int(file.read().split()[3].split(b"/")[0])
    except (OSError, ValueError, IndexError):
        return True
    return running < (os.cpu_count() or 1)
