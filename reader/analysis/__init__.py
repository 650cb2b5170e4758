"""Built-in analysis engine: sentences, quotations with speakers, entities.

Pure Python and rule based: regular expressions plus gazetteers generated at
development time (``scripts/build_gazetteers.py``), loaded lazily on the first
call.  ``analyze(text)`` returns character offsets into ``text``.
"""

from __future__ import annotations

from .model import Analysis, Entity, Quote

ENGINE_VERSION = "rules-2"

ENGINES = ("builtin", "spacy")

__all__ = [
    "ENGINES",
    "ENGINE_VERSION",
    "Analysis",
    "Entity",
    "Quote",
    "analyze",
    "analyze_with",
    "split_sentences",
]


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans ``(start, end)``; a sentence never crosses a blank line."""
    from .sentences import split_sentences as _split

    return _split(text)


def analyze_with(engine: str, text: str, **options) -> Analysis:
    """``analyze(text)`` with the given engine: ``"builtin"`` (the default,
    rule based) or ``"spacy"`` (entities from a spaCy pipeline; options
    ``model="en_core_web_sm"`` or ``nlp=<a loaded pipeline>``).  Raises
    ``spacy_backend.EngineUnavailable`` when spaCy or the pipeline is missing."""
    return analyze(text, engine=engine, **options)


def analyze(text: str, engine: str = "builtin", **options) -> Analysis:
    """Analyse ``text``: entities, quotations (with speakers) and sentences."""
    from .entities import find_entities, person_registry
    from .quotes import find_quotes
    from .sentences import paragraphs
    from .sentences import split_sentences as _split
    from .speakers import attribute

    if engine not in ENGINES:
        raise ValueError(f"unknown analysis engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "builtin" and options:
        raise TypeError(f"unexpected options for the built-in engine: {', '.join(options)}")
    if not text or text.isspace():
        return Analysis()
    paras = paragraphs(text)
    sentences = _split(text, paras)
    if engine == "spacy":
        from .spacy_backend import entities as spacy_entities

        spans = spacy_entities(text, **options)
    else:
        spans = find_entities(text, sentences)
    registry = person_registry(text, spans)
    raws = find_quotes(text, paras)
    quotes = attribute(text, raws, paras, sentences, spans, registry)
    entities = tuple(Entity(s, e, label, text[s:e]) for s, e, label in spans)
    return Analysis(entities=entities, quotes=tuple(quotes), sentences=sentences)
