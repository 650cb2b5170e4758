"""A TinyDB storage whose every write is atomic and durable.

TinyDB's default ``JSONStorage`` rewrites the file in place, so a process
killed mid-write can leave a truncated, unparsable database. This storage
writes the whole database to a temporary file in the same folder, flushes
and fsyncs it, then ``os.replace``s it over the database (atomic on POSIX
and Windows) and fsyncs the folder. A reader therefore always sees either
the old or the new database. Stray temporary files left by a kill are
removed by :func:`clean_stray_temporaries` at start.

(De)serialisation uses orjson (compact, UTF-8, valid JSON) and falls back to
the standard library for text orjson refuses (lone surrogates). The parsed
database is kept in memory together with the bytes it came from: a read that
finds the file byte-for-byte unchanged returns it without parsing again, so
another process's writes are always seen and unchanged files cost one read.

When the database is a symbolic link (into a synced folder, say), writes go
through it: the temporary file is made in the target's folder and replaces
the target, so the link stays a link. Files moved or written aside
(:func:`move_aside`, :func:`write_aside`) get names no other file has, so a
kept copy is never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

TEMP_PREFIX = ".limelight-tmp-"


def clean_stray_temporaries(folder: Path) -> int:
    """Remove temporary files a killed writer left behind; return how many."""
    removed = 0
    try:
        entries = list(folder.glob(f"{TEMP_PREFIX}*"))
    except OSError:
        return 0
    for entry in entries:
        try:
            entry.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: ``path`` itself or, when it is a
    symbolic link, the file the link (or chain of links) points to."""
    path = Path(path)
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # a loop: realpath gave up
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    return target


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is never seen half written.

    A symbolic link is written through: its target is replaced, in the
    target's folder (which must exist), and the link is left as it is.
    """
    path = Path(path)
    target = write_target(path)
    folder = target.parent
    if target == path:
        folder.mkdir(parents=True, exist_ok=True)
    with _durable_temp(folder, data, keep_mode_of=target) as tmp:
        os.replace(tmp, target)


@contextlib.contextmanager
def _durable_temp(folder: Path, data: bytes, keep_mode_of: Path | None = None):
    """A temporary file in ``folder`` holding ``data``, fsynced, for the
    caller to give its final name; removed if that fails. The folder is
    fsynced afterwards, so the new name is durable too."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            if keep_mode_of is not None:
                with contextlib.suppress(OSError):  # keep the permissions the file had
                    os.fchmod(handle.fileno(), stat.S_IMODE(os.stat(keep_mode_of).st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        yield Path(tmp)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(folder)


def _unique_names(folder: Path, stem: str, suffix: str = ""):
    """``stem-<seconds><suffix>``, then ``stem-<seconds>-2<suffix>``, ..."""
    stamp = int(time.time())
    yield folder / f"{stem}-{stamp}{suffix}"
    for n in range(2, 100_000):
        yield folder / f"{stem}-{stamp}-{n}{suffix}"
    raise OSError(errno.EEXIST, "no free name to keep a copy under", str(folder / stem))


def _claim(source: Path, folder: Path, stem: str, suffix: str = "") -> Path:
    """Give ``source`` a new, unused name in ``folder`` (the same file system)
    without ever replacing an existing file; return the new name.

    A hard link is made (which fails rather than overwrite) and the old name
    removed; where hard links are not supported, the first name that does not
    exist is taken by rename (the caller holds the database lock).
    """
    for candidate in _unique_names(folder, stem, suffix):
        try:
            os.link(source, candidate, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            if os.path.lexists(candidate):
                continue
            os.rename(source, candidate)
            return candidate
        os.unlink(source)
        return candidate
    raise AssertionError("unreachable")


def move_aside(path: Path, label: str) -> Path:
    """Move the file ``path`` (a link's target, when it is a symbolic link)
    to ``<name>.<label>-<seconds>`` in the same folder, or ``...-2``, ``...-3``
    when that is taken: a kept copy is never overwritten. Returns the new path."""
    target = write_target(Path(path))
    kept = _claim(target, target.parent, f"{target.name}.{label}")
    _fsync_dir(target.parent)
    return kept


def write_aside(path: Path, label: str, data: bytes) -> Path:
    """Write ``data`` durably to a new file ``<name>.<label>-<seconds>.json``
    next to the database ``path`` (its target, for a link), never replacing a
    file; return its path."""
    target = write_target(Path(path))
    folder = target.parent
    with _durable_temp(folder, data) as tmp:
        kept = _claim(tmp, folder, f"{target.name}.{label}", ".json")
    return kept


class CorruptDatabase(ValueError):
    """The database file exists but is not a JSON object."""


def dumps(data: Any) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:  # e.g. a lone surrogate, or nesting deeper than orjson writes
        try:
            return json.dumps(data, separators=(",", ":")).encode("ascii")
        except RecursionError:
            # Only what was parsed can be here, so it is at most about as
            # deep as the parsers go: give the encoder the room it needs.
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(limit, 20_000))
            try:
                return json.dumps(data, separators=(",", ":")).encode("ascii")
            finally:
                sys.setrecursionlimit(limit)


def loads(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        try:
            return json.loads(raw)
        except RecursionError:
            raise CorruptDatabase("it is nested too deeply to read") from None
        except ValueError as error:
            raise CorruptDatabase(str(error)) from error


class AtomicJSONStorage(Storage):
    """JSON storage for TinyDB with write-temp, fsync, rename semantics.

    TinyDB updates the dict returned by :meth:`read` in place before handing it
    to :meth:`write`; if that write fails, :meth:`invalidate` must be called
    (the :class:`~reader.store.db.Store` does) so the next read parses the file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        check: Callable[[dict[str, Any]], Any] | None = None,
        **_: Any,
    ) -> None:
        self.path = Path(path)
        self._raw: bytes | None = None
        self._data: Any = None
        # ``check(data)`` returns a :class:`~reader.store.checks.Checked`: the
        # data to use, and what it set aside (kept in ``aside`` until written).
        self.check = check
        self.aside: list[dict[str, Any]] = []
        self.changed = False  # the checked data differs from the file
        # Called by write() with (data, aside) before data replaces a file
        # that held records the check set aside; it must keep them safe.
        self.on_set_aside: Callable[[dict[str, Any], list[dict[str, Any]]], None] | None = None

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.invalidate()
            return None
        if self._raw is not None and raw == self._raw:
            return self._data
        if not raw.strip():
            self.invalidate()
            return None
        data = loads(raw)
        if not isinstance(data, dict):
            raise CorruptDatabase(f"expected a JSON object, found {type(data).__name__}")
        aside: list[dict[str, Any]] = []
        changed = False
        if self.check is not None:
            checked = self.check(data)
            data, aside, changed = checked.data, checked.aside, checked.changed
        self._raw, self._data = raw, data
        self.aside, self.changed = aside, changed
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self.aside and self.on_set_aside is not None:
            # The file still holds records the check left out of ``data``:
            # keep them before the file is replaced.
            self.on_set_aside(data, self.aside)
        payload = dumps(data)
        self.invalidate()
        atomic_write_bytes(self.path, payload)
        self._raw, self._data = payload, data

    def invalidate(self) -> None:
        """Forget the parsed database; the next read parses the file."""
        self._raw = self._data = None
        self.aside, self.changed = [], False

    def close(self) -> None:  # nothing held open between writes
        self.invalidate()
