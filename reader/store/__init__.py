"""Storage: the TinyDB database (sources, settings, notes, bookmarks, reading
progress), re-anchoring of notes, export, the analysis cache and the data folder.

The names below are imported from their modules when first asked for, so
that ``reader.store.paths`` (where the data folder is) costs nothing: a
search answered from a fresh index never loads TinyDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from reader.store.anchoring import Anchor, anchor
    from reader.store.annotations import Annotation, Bookmark, Progress, make_annotation
    from reader.store.cache import AnalysisCache
    from reader.store.db import SCHEMA_VERSION, Store
    from reader.store.errors import StoreError
    from reader.store.export import export_json, export_markdown
    from reader.store.paths import data_dir

# name -> the module that defines it
_WHERE = {
    "Anchor": "anchoring",
    "anchor": "anchoring",
    "Annotation": "annotations",
    "Bookmark": "annotations",
    "Progress": "annotations",
    "make_annotation": "annotations",
    "AnalysisCache": "cache",
    "SCHEMA_VERSION": "db",
    "Store": "db",
    "StoreError": "errors",
    "export_json": "export",
    "export_markdown": "export",
    "data_dir": "paths",
}

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisCache",
    "Anchor",
    "Annotation",
    "Bookmark",
    "Progress",
    "Store",
    "StoreError",
    "anchor",
    "data_dir",
    "export_json",
    "export_markdown",
    "make_annotation",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals())
