"""Results of analysis: spans with character offsets into the analysed text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str
    # The name this mention belongs to: for a person the fullest form the text
    # gives ("Mr Li", "Premier Li" and "Li" -> "Li Qiang"); None when it is
    # the mention's own text.
    canon: str | None = None

    @property
    def name(self) -> str:
        """The grouping key: ``canon`` when set, else the mention's text."""
        return self.canon or self.text


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening quotation mark
    end: int  # offset just past the closing mark (or the paragraph's end if never closed)
    text: str  # text[start:end], marks included
    speaker: str | None = None  # full name, organisation, or the description as written
    speaker_kind: str | None = None  # one of SPEAKER_KINDS when speaker is set
    # Why: the mention of the speaker that attributed the quote ("he", "Mr Li",
    # "a spokeswoman for the ministry") and the cue it used ("said",
    # "according to", ":"); -1 when there is none.
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str | None = None
    cue_start: int = -1
    cue_end: int = -1


@dataclass(frozen=True)
class Part:
    """The analysis of a short text shown beside the body: the title or the
    standfirst (dek).  Offsets point into that text."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_dict(self) -> dict:
        return {
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Part:
        return cls(
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
        )


@dataclass(frozen=True)
class Analysis:
    """Offsets in ``entities``, ``quotes`` and ``sentences`` point into the
    analysed body text; ``title`` and ``dek`` hold the analysis of the
    article's title and standfirst, with offsets into those strings."""

    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())
    title: Part = field(default_factory=Part)
    dek: Part = field(default_factory=Part)
    language: str = "en"

    def to_dict(self) -> dict:
        return {
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
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
