"""Checking the shape of the database as it is read.

``limelight.json`` is a file anyone can edit, sync or damage, so nothing in it
is trusted: :func:`check_database` takes the parsed JSON and returns a copy in
which every known table is an object of documents keyed by canonical integer
ids and every document has the fields (and field types) Limelight writes.
What does not fit is not dropped: it comes back in :attr:`Checked.aside`
(table, key, reason and the value as it was), for the store to keep in a
side file before the cleaned database is ever written. A document that is
well formed but filed under an id TinyDB cannot read (``"abc"``, ``"01"``)
is given a new id instead (:attr:`Checked.renumbered`).

Tables Limelight does not know (written by a newer version, say) and fields
it does not know inside documents are kept as they are, except that values
nested deeper than :data:`MAX_DEPTH` are set aside: the JSON writer cannot
write them back.

The checks are plain type tests, run on every parse of the file (which
happens only when another process changed it): about a third of the parse
time for 10,000 notes. Well-formed tables are returned as the same objects,
not copied.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from reader.store.stats import valid_day, valid_seconds

MAX_DEPTH = 200  # containers inside one document; orjson writes up to 254
UNSEEN_NOTICES_SETTING = "store.unseen_notices"


class Checked:
    """The database as checked: the ``data`` to use, the records set ``aside``,
    how many were ``renumbered`` (a plain class: made at every start)."""

    __slots__ = ("data", "aside", "renumbered")

    def __init__(
        self,
        data: dict[str, Any],
        aside: list[dict[str, Any]] | None = None,
        renumbered: int = 0,
    ) -> None:
        self.data = data
        self.aside: list[dict[str, Any]] = [] if aside is None else aside
        self.renumbered = renumbered

    @property
    def changed(self) -> bool:
        """True when the checked data differs from what was read."""
        return bool(self.aside or self.renumbered)


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _count_or_none(value: Any) -> bool:
    return value is None or _count(value)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _texts_or_none(value: Any) -> bool:
    return value is None or _texts(value)


def _too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True if ``value`` holds containers nested more than ``limit`` deep
    (iterative: no recursion on hostile input)."""
    if not isinstance(value, (dict, list)):
        return False
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return False


def _fields(
    row: dict, rules: dict[str, Callable[[Any], bool]], required: tuple[str, ...]
) -> str | None:
    """The first problem with ``row``'s fields, or None."""
    for name in required:
        if name not in row:
            return f"it has no {name!r}"
    for name, value in row.items():
        rule = rules.get(name)
        if rule is not None:
            if not rule(value):
                return f"its {name!r} is {type(value).__name__} {_short(value)}"
        elif isinstance(value, (dict, list)) and _too_deep(value, MAX_DEPTH - 1):
            return f"its {name!r} is nested too deeply"
    return None


def _short(value: Any) -> str:
    if isinstance(value, (dict, list)):
        text = f"of {len(value)}"
    else:
        try:
            text = repr(value)
        except ValueError:  # an integer too long to print
            text = "(too long to show)"
    return text if len(text) <= 40 else text[:37] + "..."


_ANNOTATION = {
    "id": lambda v: isinstance(v, str) and bool(v),
    "article_id": _text,
    "quote": _text,
    "prefix": _text,
    "suffix": _text,
    "start": _count,
    "end": _count,
    "note": _text_or_none,
    "tags": _texts_or_none,
    "created": _text_or_none,
    "updated": _text_or_none,
    "title": _text_or_none,
    "orphaned": lambda v: v is None or isinstance(v, bool),
}
_BOOKMARK = {
    "id": lambda v: isinstance(v, str) and bool(v),
    "kind": lambda v: v in ("article", "position"),
    "article_id": _text,
    "title": _text_or_none,
    "block": _count_or_none,
    "offset": _count_or_none,
    "label": _text_or_none,
    "created": _text_or_none,
}
_PROGRESS = {
    "article_id": _text,
    "block": _count,
    "offset": _count,
    "fraction": lambda v: v is None or (type(v) in (int, float) and math.isfinite(v)),
    "updated": _text_or_none,
}
_READING_TIME = {
    "article_id": lambda v: isinstance(v, str) and bool(v),
    "day": valid_day,
    "seconds": valid_seconds,
    "title": _text_or_none,
    "updated": _text_or_none,
}
_SOURCE = {"path": lambda v: isinstance(v, str) and bool(v)}
_SETTING = {"key": _text}

# Settings Limelight reads, and the values it can use.
KNOWN_SETTINGS: dict[str, Callable[[Any], bool]] = {
    "layers.disabled": _texts_or_none,
    "reading.last_article": _text_or_none,
    UNSEEN_NOTICES_SETTING: _texts_or_none,
}


def _plain_annotation(row: dict) -> bool:
    """The common case, tested inline (the notes table is the big one): a
    note with exactly the fields Limelight writes, each of its type."""
    try:
        start, end, tags = row["start"], row["end"], row["tags"]
        return (
            len(row) == 13
            and type(row["id"]) is str
            and row["id"] != ""
            and type(row["article_id"]) is str
            and type(row["quote"]) is str
            and type(row["prefix"]) is str
            and type(row["suffix"]) is str
            and type(start) is int
            and type(end) is int
            and start >= 0
            and end >= 0
            and type(row["note"]) is str
            and type(tags) is list
            and all(type(tag) is str for tag in tags)
            and type(row["created"]) is str
            and type(row["updated"]) is str
            and type(row["title"]) is str
            and type(row["orphaned"]) is bool
        )
    except KeyError:
        return False


def _annotation(row: dict) -> str | None:
    if _plain_annotation(row):
        return None
    return _fields(row, _ANNOTATION, ("id",))


def _bookmark(row: dict) -> str | None:
    return _fields(row, _BOOKMARK, ("id",))


def _progress(row: dict) -> str | None:
    return _fields(row, _PROGRESS, ("article_id",))


def _reading_time(row: dict) -> str | None:
    return _fields(row, _READING_TIME, ("article_id", "day", "seconds"))


def _source(row: dict) -> str | None:
    return _fields(row, _SOURCE, ("path",))


def _setting(row: dict) -> str | None:
    problem = _fields(row, _SETTING, ("key",))
    if problem:
        return problem
    rule = KNOWN_SETTINGS.get(row["key"])
    value = row.get("value")
    if rule is not None and not rule(value):
        return f"its value is {type(value).__name__} {_short(value)}, not what {row['key']!r} takes"
    if rule is None and _too_deep(value, MAX_DEPTH - 1):
        return "its value is nested too deeply"
    return None


def _meta(row: dict, key: str) -> str | None:
    if key == "1":
        schema = row.get("schema")
        if type(schema) is not int or schema < 1:
            return f"its schema version is {type(schema).__name__} {_short(schema)}"
    if _too_deep(row, MAX_DEPTH):
        return "it is nested too deeply"
    return None


def check_feed(row: dict) -> str | None:
    """A ``feeds`` row's problem (:func:`reader.store.feeds.check_row`, imported
    here, when a database with feeds is read: a start without any needs none)."""
    from reader.store.feeds import check_row

    return check_row(row)


ROW_CHECKS: dict[str, Callable[[dict], str | None]] = {
    "sources": _source,
    "settings": _setting,
    "annotations": _annotation,
    "bookmarks": _bookmark,
    "progress": _progress,
    "reading_time": _reading_time,
    "feeds": check_feed,
}


def _canonical_id(key: Any) -> bool:
    if not isinstance(key, str):
        return False
    try:
        return str(int(key)) == key
    except ValueError:
        return False


def _check_table(name: str, table: Any, checked: Checked) -> dict:
    if not isinstance(table, dict):
        checked.aside.append(
            {
                "table": name,
                "key": None,
                "reason": f"the table is {type(table).__name__}, not an object",
                "value": table,
            }
        )
        return {}
    check = ROW_CHECKS.get(name)
    kept: dict[str, Any] | None = None  # a copy, made at the first change
    misfiled: list[Any] = []
    for position, (key, row) in enumerate(table.items()):
        if not isinstance(row, dict):
            problem = f"the record is {type(row).__name__}, not an object"
        elif name == "meta":
            problem = _meta(row, key)
        else:
            problem = check(row) if check else None
        good_key = _canonical_id(key)
        if problem is None and good_key:
            if kept is not None:
                kept[key] = row
            continue
        if kept is None:
            kept = dict(list(table.items())[:position])
        if problem is not None:
            checked.aside.append({"table": name, "key": key, "reason": problem, "value": row})
        else:
            misfiled.append(row)
    if kept is None:
        return table
    if misfiled:
        next_id = max((int(key) for key in kept), default=0) + 1
        for row in misfiled:
            kept[str(next_id)] = row
            next_id += 1
        checked.renumbered += len(misfiled)
    return kept


def check_database(data: dict[str, Any], tables: tuple[str, ...]) -> Checked:
    """``data`` with every table in ``tables`` checked (see the module's doc)."""
    checked = Checked(data)
    clean: dict[str, Any] | None = None
    for name in tables:
        if name not in data:
            continue
        table = _check_table(name, data[name], checked)
        if table is not data[name]:
            if clean is None:
                clean = dict(data)
            clean[name] = table
    for name, table in data.items():
        if name not in tables and _too_deep(table, MAX_DEPTH + 2):
            if clean is None:
                clean = dict(data)
            del clean[name]
            checked.aside.append(
                {"table": name, "key": None, "reason": "it is nested too deeply", "value": table}
            )
    if clean is not None:
        checked.data = clean
    return checked
