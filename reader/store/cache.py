"""Analysis results cached on disk, keyed by article content and engine version."""

from __future__ import annotations

import json
from pathlib import Path

from reader.analysis.model import Analysis
from reader.store.atomic import atomic_write_bytes
from reader.store.paths import cache_dir


class AnalysisCache:
    def __init__(self, folder: Path | None = None, version: str = "") -> None:
        if not version:
            from reader.analysis import ENGINE_VERSION

            version = ENGINE_VERSION
        self.folder = (folder or cache_dir() / "analysis") / version

    def _path(self, article_id: str) -> Path:
        return self.folder / f"{article_id}.json"

    def get(self, article_id: str) -> Analysis | None:
        try:
            return Analysis.from_dict(json.loads(self._path(article_id).read_bytes()))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, article_id: str, analysis: Analysis) -> None:
        try:
            atomic_write_bytes(self._path(article_id), json.dumps(analysis.to_dict()).encode())
        except OSError:
            pass  # a cache that cannot be written only costs time
