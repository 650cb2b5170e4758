"""Where the search index is and the freshness stamp it keeps, read without
the index module.

``limelight search`` takes the library's fingerprint in another process
while this one imports the index and asks it
(:meth:`reader.workspace.Workspace.look_ahead`). The stamp it is compared
with is read by :func:`read` (:meth:`reader.search.index.SearchIndex.freshness`).

Beside the index, a plain file names the paths of the last stamp kept
(:func:`paths_hint`, :func:`keep_paths_hint`): read with one ``open``, before
SQLite is imported, it lets that walk begin first. It is only a hint: the
walk counts only for the paths it was of (those of the stamp read afterwards,
or of the new stamp when there is none).

Standard library only; ``sqlite3`` and ``json`` imported when first needed.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["default_path", "hint_path", "keep_paths_hint", "paths_hint", "read"]

# The most a paths hint is read: more is not a hint this program wrote.
_HINT_MAX_BYTES = 1 << 20


def default_path() -> Path:
    """The search index's file: ``cache/search.sqlite`` in the data folder."""
    from reader.store.paths import cache_dir

    return cache_dir() / "search.sqlite"


def read(conn) -> dict | None:
    """The stamp kept in the index open on ``conn`` (the rows of its ``fresh``
    table), if no update has changed the indexed articles since it was
    written; else None.

    The stamp is JSON, read here by SQLite (``json_tree``) into what
    ``json.loads`` gives for it: a search imports no JSON module. A value
    this cannot read exactly (a path that is not valid UTF-8, a shape
    :meth:`SearchIndex.set_freshness` never writes) is read by ``json.loads``.
    """
    import sqlite3

    try:
        found = conn.execute("SELECT value FROM fresh WHERE key = 'generation'").fetchone()
        generation = int(found[0]) if found else 0
        try:
            stamp = _tree(conn.execute(_TREE).fetchall())
        except (sqlite3.Error, ValueError):  # not decodable as UTF-8, say
            stamp = None
        if stamp is None:
            stamp = _loads(conn)
    except (sqlite3.Error, TypeError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("generation") != generation:
        return None
    return stamp


# The stamp's nodes in document order: (path, atom, type); an array's items
# come right after the array.
_TREE = (
    "SELECT j.fullkey, j.atom, j.type FROM fresh AS f, json_tree(f.value) AS j"
    " WHERE f.key = 'library' AND json_valid(f.value) ORDER BY j.id"
)


def _tree(nodes: list[tuple]) -> dict | None:
    """The stamp from its :data:`_TREE` nodes: an object of plain names whose
    values are scalars or arrays of scalars, as the index writes it; None for
    anything else (or no stamp)."""
    if not nodes or nodes[0][:1] != ("$",) or nodes[0][2] != "object":
        return None
    stamp: dict = {}
    for path, atom, kind in nodes[1:]:
        name, bracket, at = path[2:].partition("[")
        if not path.startswith("$.") or not name.isidentifier():
            return None
        if not bracket:
            if name in stamp or kind == "object":
                return None
            stamp[name] = [] if kind == "array" else _atom(atom, kind)
            continue
        items = stamp.get(name)
        if not isinstance(items, list) or at != f"{len(items)}]" or kind in ("array", "object"):
            return None
        items.append(_atom(atom, kind))
    return stamp


def _atom(atom, kind: str):
    if kind == "true":
        return True
    if kind == "false":
        return False
    if kind == "integer" and not isinstance(atom, int):
        raise ValueError("an integer past 64 bits")  # SQLite made it a float: json.loads
    return atom  # integer, real, text, or None for null


def _loads(conn) -> dict | None:
    import json

    found = conn.execute("SELECT value FROM fresh WHERE key = 'library'").fetchone()
    return json.loads(found[0]) if found else None


def hint_path(index: str | Path | None = None) -> Path:
    """The paths hint beside the index at ``index`` (the default one when None)."""
    index = Path(default_path() if index is None else index)
    return index.with_name(index.name + ".paths")


def paths_hint(index: str | Path | None = None) -> list[str] | None:
    """The paths :func:`keep_paths_hint` last kept beside the index, or None
    (no hint, or one that cannot be read)."""
    try:
        with open(hint_path(index), "rb") as file:
            data = file.read(_HINT_MAX_BYTES + 1)
    except (OSError, ValueError):
        return None
    if not data or len(data) > _HINT_MAX_BYTES:
        return None
    return [os.fsdecode(raw) for raw in data.split(b"\0")]


def keep_paths_hint(paths: list[str], index: str | Path | None = None) -> None:
    """Keep ``paths`` (a stamp's) as the hint beside the index; nothing when
    they are the ones kept, or cannot be written (a read-only folder)."""
    if not paths or paths_hint(index) == paths:
        return
    target = hint_path(index)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(b"\0".join(os.fsencode(path) for path in paths))
        os.replace(partial, target)
    except (OSError, ValueError):  # a path with a NUL cannot be a source anyway
        try:
            partial.unlink()
        except OSError:
            pass
