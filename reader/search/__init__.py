"""Search: fuzzy title matching (``fuzzy``), find in an article (``find``), and
the library index with its query language (``index``, ``query``); all of them
fold accents by one rule (``fold``)."""
