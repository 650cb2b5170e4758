"""Built-in analysis engine: sentences, quotations with speakers, entities.

Pure Python and rule based: regular expressions plus gazetteers generated at
development time (``scripts/build_gazetteers.py``), loaded lazily on the first
call.  ``analyze(text)`` returns character offsets into ``text``.
"""

from __future__ import annotations

from .model import Analysis, Entity, Part, Quote

ENGINE_VERSION = "rules-4"

ENGINES = ("builtin", "spacy")

# texts from this length on are analysed with the interpreter's full garbage
# collections deferred (see gcdefer.py)
LONG_TEXT = 500_000

__all__ = [
    "ENGINES",
    "ENGINE_VERSION",
    "Analysis",
    "Entity",
    "Part",
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


def analyze(
    text: str, engine: str = "builtin", *, title: str = "", dek: str = "", **options
) -> Analysis:
    """Analyse ``text``: entities, quotations (with speakers) and sentences.

    ``title`` and ``dek`` (the standfirst) are analysed with the body, so a
    name given in full in the dek resolves a surname in the body; their
    results come back in ``Analysis.title`` and ``Analysis.dek`` with offsets
    into those strings, and the body's offsets point into ``text``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown analysis engine {engine!r} (choose from {', '.join(ENGINES)})")
    if engine == "builtin" and options:
        raise TypeError(f"unexpected options for the built-in engine: {', '.join(options)}")
    heads = [(name, part) for name, part in (("title", title), ("dek", dek)) if part.strip()]
    if (not text or text.isspace()) and not heads:
        return Analysis()
    # One text: the title, the dek and the body as paragraphs of their own.
    pieces: list[tuple[str, int, int]] = []
    chunks: list[str] = []
    pos = 0
    for name, part in heads:
        part = part.replace("\n", " ")
        pieces.append((name, pos, pos + len(part)))
        chunks.append(part)
        pos += len(part) + 2
    offset = pos
    full = "\n\n".join([*chunks, text]) if chunks else text
    if len(full) < LONG_TEXT:
        return _analyze(full, offset, pieces, engine, options)
    from .gcdefer import full_collections_deferred

    with full_collections_deferred():  # no interface freezes of 100 ms and more
        return _analyze(full, offset, pieces, engine, options)


def _analyze(
    full: str, offset: int, pieces: list[tuple[str, int, int]], engine: str, options
) -> Analysis:
    """``analyze`` of ``full``: the title and dek, if any, then the body from ``offset``."""
    from .entities import find_entities, person_registry
    from .language import detect_language
    from .quotes import find_quotes
    from .sentences import paragraphs
    from .sentences import split_sentences as _split
    from .speakers import attribute

    paras = paragraphs(full)
    language = detect_language(full)
    sentences = _split(full, paras, language)
    if engine == "spacy":
        from .spacy_backend import entities as spacy_entities

        spans = spacy_entities(full, **options)
    else:
        spans = find_entities(full, sentences, language)
    registry = person_registry(full, spans)
    quotes = attribute(full, find_quotes(full, paras), paras, sentences, spans, registry, language)

    def within(lo: int, hi: int) -> tuple[tuple[Entity, ...], tuple[Quote, ...]]:
        # each Entity made once, with its offsets in its part (a long body
        # has hundreds of thousands)
        if not lo and hi == len(full):  # the whole text: the body, no title or dek
            ents = [
                Entity(s, e, label, full[s:e], _canon(registry, s, full[s:e], label))
                for s, e, label in spans
            ]
            return tuple(ents), tuple(quotes)
        ents = [
            Entity(s - lo, e - lo, label, full[s:e], _canon(registry, s, full[s:e], label))
            for s, e, label in spans
            if lo <= s and e <= hi
        ]
        qs = [_shift(q, -lo) for q in quotes if lo <= q.start and q.end <= hi]
        return tuple(ents), tuple(qs)

    parts = {name: Part(*within(lo, hi)) for name, lo, hi in pieces}
    body_entities, body_quotes = within(offset, len(full))
    if offset:
        body_sentences = tuple((s - offset, e - offset) for s, e in sentences if s >= offset)
    else:
        body_sentences = sentences
    return Analysis(
        entities=body_entities,
        quotes=body_quotes,
        sentences=body_sentences,
        title=parts.get("title", Part()),
        dek=parts.get("dek", Part()),
        language=language,
    )


def _canon(registry: dict[int, str], start: int, text: str, label: str) -> str | None:
    if label != "PERSON":
        return None
    full = registry.get(start)
    return full if full and full != text else None


def _shift(item, delta: int):
    """``item`` (an Entity or a Quote) with its offsets moved by ``delta``."""
    if not delta:
        return item
    changes = {"start": item.start + delta, "end": item.end + delta}
    for key in ("speaker_start", "cue_start"):
        value = getattr(item, key, -1)
        if value >= 0:
            changes[key] = value + delta
            end_key = key.replace("start", "end")
            changes[end_key] = getattr(item, end_key) + delta
    return item.replace(**changes)
