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
"""

from __future__ import annotations

import json
import os
import tempfile
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is never seen half written."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


class CorruptDatabase(ValueError):
    """The database file exists but is not a JSON object."""


def dumps(data: Any) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:  # e.g. a lone surrogate, which orjson will not write
        return json.dumps(data, separators=(",", ":")).encode("ascii")


def loads(raw: bytes) -> Any:
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        try:
            return json.loads(raw)
        except ValueError as error:
            raise CorruptDatabase(str(error)) from error


class AtomicJSONStorage(Storage):
    """JSON storage for TinyDB with write-temp, fsync, rename semantics.

    TinyDB updates the dict returned by :meth:`read` in place before handing it
    to :meth:`write`; if that write fails, :meth:`invalidate` must be called
    (the :class:`~reader.store.db.Store` does) so the next read parses the file.
    """

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)
        self._raw: bytes | None = None
        self._data: Any = None

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
        self._raw, self._data = raw, data
        return data

    def write(self, data: dict[str, Any]) -> None:
        payload = dumps(data)
        self.invalidate()
        atomic_write_bytes(self.path, payload)
        self._raw, self._data = payload, data

    def invalidate(self) -> None:
        """Forget the parsed database; the next read parses the file."""
        self._raw = self._data = None

    def close(self) -> None:  # nothing held open between writes
        self.invalidate()
