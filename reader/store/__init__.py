"""Storage: the TinyDB database (sources, settings, notes, bookmarks, reading
progress), re-anchoring of notes, export, the analysis cache and the data folder."""

from reader.store.anchoring import Anchor, anchor
from reader.store.annotations import Annotation, Bookmark, Progress, make_annotation
from reader.store.cache import AnalysisCache
from reader.store.db import SCHEMA_VERSION, Store, StoreError
from reader.store.export import export_json, export_markdown
from reader.store.paths import data_dir

__all__ = [
    "AnalysisCache",
    "Anchor",
    "Annotation",
    "Bookmark",
    "Progress",
    "SCHEMA_VERSION",
    "Store",
    "StoreError",
    "anchor",
    "data_dir",
    "export_json",
    "export_markdown",
    "make_annotation",
]
