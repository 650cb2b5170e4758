"""Search: fuzzy title matching (``fuzzy``), find in an article (``find``), and
the library index with its query language (``index``, ``query``)."""
