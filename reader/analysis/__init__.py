"""Built-in analysis engine: sentences, quotations with speakers, entities.

Pure Python and rule based: regular expressions plus gazetteers generated at
development time (``scripts/build_gazetteers.py``), loaded lazily on the first
call.  ``analyze(text)`` returns character offsets into ``text``.
"""

from __future__ import annotations

from .model import Analysis, Entity, Quote

ENGINE_VERSION = "rules-1"

__all__ = ["ENGINE_VERSION", "Analysis", "Entity", "Quote", "analyze", "split_sentences"]


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans ``(start, end)``; a sentence never crosses a blank line."""
    from .sentences import split_sentences as _split

    return _split(text)


def analyze(text: str) -> Analysis:
    """Analyse ``text``: entities, quotations (with speakers) and sentences."""
    from .entities import find_entities, person_registry
    from .quotes import find_quotes
    from .sentences import paragraphs
    from .sentences import split_sentences as _split
    from .speakers import attribute

    if not text or text.isspace():
        return Analysis()
    paras = paragraphs(text)
    sentences = _split(text, paras)
    spans = find_entities(text, sentences)
    registry = person_registry(text, spans)
    raws = find_quotes(text, paras)
    quotes = attribute(text, raws, paras, sentences, spans, registry)
    entities = tuple(Entity(s, e, label, text[s:e]) for s, e, label in spans)
    return Analysis(entities=entities, quotes=tuple(quotes), sentences=sentences)
