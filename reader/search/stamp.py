"""Where the search index is and the freshness stamp it keeps, read without
the index module.

``limelight search`` reads the stamp before anything else (one small
read-only SQLite query: no schema check, no index module imported), so that
the library's fingerprint can be taken in another process while this one
imports the index and asks it (:meth:`reader.workspace.Workspace.look_ahead`).
:meth:`reader.search.index.SearchIndex.freshness` reads the stamp through
:func:`from_rows` too, so the two cannot disagree on what a stamp is.

Standard library only.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

__all__ = ["default_path", "from_rows", "peek"]


def default_path() -> Path:
    """The search index's file: ``cache/search.sqlite`` in the data folder."""
    from reader.store.paths import cache_dir

    return cache_dir() / "search.sqlite"


def from_rows(rows: dict) -> dict | None:
    """The stamp in the rows of the index's ``fresh`` table (key -> value), if
    no update has changed the indexed articles since it was written; else None."""
    try:
        stamp = json.loads(rows.get("library") or "null")
        generation = int(rows.get("generation") or 0)
    except (TypeError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("generation") != generation:
        return None
    return stamp


def peek(path: str | Path | None = None) -> dict | None:
    """The stamp kept in the index at ``path`` (the default one when None),
    read-only; None when there is no index, no stamp, or it cannot be read
    at once (busy, corrupt, of an older schema): the caller then checks the
    slow way, through the index itself."""
    path = Path(default_path() if path is None else path)
    try:
        uri = path.absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=0)
    except (OSError, ValueError, sqlite3.Error):
        return None
    try:
        return from_rows(dict(conn.execute("SELECT key, value FROM fresh")))
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()
