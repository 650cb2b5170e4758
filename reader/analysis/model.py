"""Results of analysis: spans with character offsets into the analysed text.

Frozen records (:class:`reader.record.Frozen`: equal by value, hashable,
``replace(**changes)`` for a changed copy).
"""

from __future__ import annotations

from reader.record import Frozen

_set = object.__setattr__  # how a frozen record's __init__ sets its fields

PERSON = "PERSON"
ORG = "ORG"
PLACE = "PLACE"
NORP = "NORP"
DATE = "DATE"
MONEY = "MONEY"
PERCENT = "PERCENT"
QUANTITY = "QUANTITY"
EVENT = "EVENT"
LABELS = (PERSON, ORG, PLACE, NORP, DATE, MONEY, PERCENT, QUANTITY, EVENT)

# What kind of source a quotation's speaker is.
SPEAKER_PERSON = "person"  # a named person, given by the fullest name the text uses
SPEAKER_ORG = "org"  # a named organisation or institution ("the Kremlin", "Reuters")
SPEAKER_DESCRIBED = "described"  # a source described, not named ("a spokeswoman for the ministry")
SPEAKER_KINDS = (SPEAKER_PERSON, SPEAKER_ORG, SPEAKER_DESCRIBED)


class Entity(Frozen):
    __slots__ = ("start", "end", "label", "text", "canon")
    start: int
    end: int
    label: str
    text: str
    # The name this mention belongs to: for a person the fullest form the text
    # gives ("Mr Li", "Premier Li" and "Li" -> "Li Qiang"); None when it is
    # the mention's own text.
    canon: str | None

    def __init__(
        self, start: int, end: int, label: str, text: str, canon: str | None = None
    ) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "label", label)
        _set(self, "text", text)
        _set(self, "canon", canon)

    @property
    def name(self) -> str:
        """The grouping key: ``canon`` when set, else the mention's text."""
        return self.canon or self.text


class Quote(Frozen):
    __slots__ = (
        "start", "end", "text", "speaker", "speaker_kind",
        "speaker_start", "speaker_end", "cue", "cue_start", "cue_end",
    )  # fmt: skip
    start: int  # offset of the opening quotation mark
    end: int  # offset just past the closing mark (or the paragraph's end if never closed)
    text: str  # text[start:end], marks included
    speaker: str | None  # full name, organisation, or the description as written
    speaker_kind: str | None  # one of SPEAKER_KINDS when speaker is set
    # Why: the mention of the speaker that attributed the quote ("he", "Mr Li",
    # "a spokeswoman for the ministry") and the cue it used ("said",
    # "according to", ":"); -1 when there is none.
    speaker_start: int
    speaker_end: int
    cue: str | None
    cue_start: int
    cue_end: int

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        speaker: str | None = None,
        speaker_kind: str | None = None,
        speaker_start: int = -1,
        speaker_end: int = -1,
        cue: str | None = None,
        cue_start: int = -1,
        cue_end: int = -1,
    ) -> None:
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "text", text)
        _set(self, "speaker", speaker)
        _set(self, "speaker_kind", speaker_kind)
        _set(self, "speaker_start", speaker_start)
        _set(self, "speaker_end", speaker_end)
        _set(self, "cue", cue)
        _set(self, "cue_start", cue_start)
        _set(self, "cue_end", cue_end)


class Part(Frozen):
    """The analysis of a short text shown beside the body: the title or the
    standfirst (dek).  Offsets point into that text."""

    __slots__ = ("entities", "quotes")
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]

    def __init__(self, entities: tuple[Entity, ...] = (), quotes: tuple[Quote, ...] = ()) -> None:
        _set(self, "entities", entities)
        _set(self, "quotes", quotes)

    def to_dict(self) -> dict:
        return {
            "entities": [e.as_dict() for e in self.entities],
            "quotes": [q.as_dict() for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Part:
        return cls(
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
        )


class Analysis(Frozen):
    """Offsets in ``entities``, ``quotes`` and ``sentences`` point into the
    analysed body text; ``title`` and ``dek`` hold the analysis of the
    article's title and standfirst, with offsets into those strings."""

    __slots__ = ("entities", "quotes", "sentences", "title", "dek", "language")
    entities: tuple[Entity, ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[tuple[int, int], ...]
    title: Part
    dek: Part
    language: str

    def __init__(
        self,
        entities: tuple[Entity, ...] = (),
        quotes: tuple[Quote, ...] = (),
        sentences: tuple[tuple[int, int], ...] = (),
        title: Part | None = None,
        dek: Part | None = None,
        language: str = "en",
    ) -> None:
        _set(self, "entities", entities)
        _set(self, "quotes", quotes)
        _set(self, "sentences", sentences)
        _set(self, "title", Part() if title is None else title)
        _set(self, "dek", Part() if dek is None else dek)
        _set(self, "language", language)

    def to_dict(self) -> dict:
        return {
            "entities": [e.as_dict() for e in self.entities],
            "quotes": [q.as_dict() for q in self.quotes],
            "sentences": [list(s) for s in self.sentences],
            "title": self.title.to_dict(),
            "dek": self.dek.to_dict(),
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls(
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            sentences=tuple(tuple(s) for s in data.get("sentences", ())),
            title=Part.from_dict(data.get("title") or {}),
            dek=Part.from_dict(data.get("dek") or {}),
            language=data.get("language", "en"),
        )
