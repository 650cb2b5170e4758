"""Limelight's TinyDB database: library sources and settings.

One JSON file in the data folder, written through :class:`AtomicJSONStorage`.
A ``meta`` table records the schema version; :data:`MIGRATIONS` upgrades older
files step by step. A file that cannot be parsed is never overwritten: it is
moved aside (``limelight.json.corrupt-<time>``) and reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from tinydb import Query, TinyDB

from reader.store.atomic import AtomicJSONStorage, clean_stray_temporaries
from reader.store.paths import database_path

SCHEMA_VERSION = 1

# version -> function upgrading a database from that version to the next one.
MIGRATIONS: dict[int, Callable[[TinyDB], None]] = {}


class Store:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else database_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        clean_stray_temporaries(self.path.parent)
        self.notice: str | None = None
        try:
            self.db = TinyDB(self.path, storage=AtomicJSONStorage)
            self.db.tables()  # parse now, not on first use
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
            self.path.replace(aside)
            self.notice = f"database could not be read ({error}); kept as {aside.name}"
            self.db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._migrate()

    # -- schema -----------------------------------------------------------
    def _migrate(self) -> None:
        meta = self.db.table("meta")
        row = meta.get(doc_id=1)
        version = row["schema"] if row else 0
        if version == 0:
            meta.insert({"schema": SCHEMA_VERSION})
            return
        while version < SCHEMA_VERSION:
            MIGRATIONS[version](self.db)
            version += 1
            meta.update({"schema": version}, doc_ids=[1])

    @property
    def schema_version(self) -> int:
        row = self.db.table("meta").get(doc_id=1)
        return row["schema"] if row else 0

    # -- library sources ----------------------------------------------------
    def sources(self) -> list[str]:
        return [row["path"] for row in self.db.table("sources").all()]

    def add_source(self, path: str | Path) -> bool:
        """Remember a file or folder; False if it was already there."""
        resolved = str(Path(path).expanduser().resolve())
        table = self.db.table("sources")
        if table.contains(Query().path == resolved):
            return False
        table.insert({"path": resolved, "added": time.time()})
        return True

    def remove_source(self, path: str | Path) -> bool:
        """Forget a source; False if it was not remembered."""
        resolved = str(Path(path).expanduser().resolve())
        removed = self.db.table("sources").remove(Query().path == resolved)
        return bool(removed)

    # -- settings -------------------------------------------------------------
    def get_setting(self, key: str, default=None):
        row = self.db.table("settings").get(Query().key == key)
        return row["value"] if row else default

    def set_setting(self, key: str, value) -> None:
        self.db.table("settings").upsert({"key": key, "value": value}, Query().key == key)

    def close(self) -> None:
        self.db.close()
