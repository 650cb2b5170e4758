"""A TinyDB storage whose every write is atomic and durable.

TinyDB's default ``JSONStorage`` rewrites the file in place, so a process
killed mid-write can leave a truncated, unparsable database. This storage
writes the whole database to a temporary file in the same folder, flushes
and fsyncs it, then ``os.replace``s it over the database (atomic on POSIX
and Windows) and fsyncs the folder. A reader therefore always sees either
the old or the new database. Stray temporary files left by a kill are
removed by :func:`clean_stray_temporaries` at start.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

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


class AtomicJSONStorage(Storage):
    """JSON storage for TinyDB with write-temp, fsync, rename semantics."""

    def __init__(self, path: str | os.PathLike[str], **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        return json.loads(raw)

    def write(self, data: dict[str, Any]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write_bytes(self.path, payload)

    def close(self) -> None:  # nothing held open between writes
        pass
