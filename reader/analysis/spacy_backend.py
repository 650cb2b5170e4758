"""Optional spaCy backend for entities (``analyze(text, engine="spacy")``).

spaCy is imported only when this backend is used; it is not a dependency
(``pip install 'limelight-reader[spacy]'`` plus a pipeline such as
``en_core_web_sm``).  Quotations, speakers and sentences still come from the
built-in engine; only the entities are spaCy's, with its labels mapped to
Limelight's.
"""

from __future__ import annotations

import threading

from .model import DATE, EVENT, MONEY, NORP, ORG, PERCENT, PERSON, PLACE, QUANTITY

DEFAULT_MODEL = "en_core_web_sm"

# spaCy (OntoNotes) label -> Limelight label; labels not listed are dropped
# (CARDINAL, ORDINAL, PRODUCT, WORK_OF_ART, LAW, LANGUAGE).  Limelight's own
# labels map to themselves, so a pipeline may also emit them directly.
LABEL_MAP = {
    "PERSON": PERSON,
    "PER": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "PLACE": PLACE,
    "NORP": NORP,
    "DATE": DATE,
    "TIME": DATE,
    "MONEY": MONEY,
    "PERCENT": PERCENT,
    "QUANTITY": QUANTITY,
    "EVENT": EVENT,
}


class EngineUnavailable(RuntimeError):
    """spaCy or the requested pipeline is not installed (a one-line message)."""


_lock = threading.Lock()
_pipelines: dict[str, object] = {}


def load(model: str = DEFAULT_MODEL):
    """Load (once) and return the spaCy pipeline ``model`` with only the
    components that named entity recognition needs enabled."""
    with _lock:
        nlp = _pipelines.get(model)
        if nlp is not None:
            return nlp
        try:
            import spacy
        except ImportError:
            raise EngineUnavailable(
                "the spaCy engine needs spaCy: pip install 'limelight-reader[spacy]'"
            ) from None
        try:
            nlp = spacy.load(model)
        except OSError:
            raise EngineUnavailable(
                f"the spaCy pipeline {model!r} is not installed: python -m spacy download {model}"
            ) from None
        keep = {"tok2vec", "ner", "entity_ruler"}
        nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep])
        _pipelines[model] = nlp
        return nlp


def entities(text: str, nlp=None, model: str = DEFAULT_MODEL) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping ``(start, end, label)`` triples found by spaCy."""
    if nlp is None:
        nlp = load(model)
    if len(text) >= nlp.max_length:
        nlp.max_length = len(text) + 1
    doc = nlp(text)
    out: list[tuple[int, int, str]] = []
    last = 0
    for ent in doc.ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None:
            continue
        s, e = ent.start_char, ent.end_char
        # trailing possessives and spaces are not part of a name
        while e > s and text[e - 1].isspace():
            e -= 1
        for suffix in ("’s", "'s"):
            if label in (PERSON, ORG, PLACE) and text.endswith(suffix, s, e) and e - s > 2:
                e -= 2
        if e <= s or s < last:
            continue
        out.append((s, e, label))
        last = e
    return out
