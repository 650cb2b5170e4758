"""Articles from files: importers, the loader and the catalogue.

Importing this package is cheap: it pulls in no interface code, and the
Markdown and HTML importers (markdown-it-py, trafilatura) are imported only
when a file of that kind is read.
"""

from .catalogue import Catalogue, iter_sources, scan
from .loader import MAX_BYTES, SUPPORTED_SUFFIXES, load_file, load_text
from .model import Article, Block, broken_article

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
