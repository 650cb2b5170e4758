"""Articles from files: importers, the loader and the catalogue.

Importing this package is cheap: it pulls in no interface code, the names
below are imported from their modules when first asked for (so the article
model alone does not load the loader and the catalogue), and the Markdown
and HTML importers (markdown-it-py, trafilatura) are imported only when a
file of that kind is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.lazy import lazy_names

if TYPE_CHECKING:
    from .catalogue import Catalogue, iter_sources, scan
    from .loader import MAX_BYTES, SUPPORTED_SUFFIXES, load_file, load_text
    from .model import Article, Block, broken_article

# name -> the module that defines it
_WHERE = {
    "Catalogue": "catalogue",
    "iter_sources": "catalogue",
    "scan": "catalogue",
    "MAX_BYTES": "loader",
    "SUPPORTED_SUFFIXES": "loader",
    "load_file": "loader",
    "load_text": "loader",
    "Article": "model",
    "Block": "model",
    "broken_article": "model",
}

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "Block",
    "Catalogue",
    "broken_article",
    "iter_sources",
    "load_file",
    "load_text",
    "scan",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE, globals())
