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


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # offset of the opening quotation mark
    end: int  # offset just past the closing mark (or the paragraph's end if never closed)
    text: str  # text[start:end], marks included
    speaker: str | None = None


@dataclass(frozen=True)
class Analysis:
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())

    def to_dict(self) -> dict:
        return {
            "entities": [asdict(e) for e in self.entities],
            "quotes": [asdict(q) for q in self.quotes],
            "sentences": [list(s) for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Analysis:
        return cls(
            entities=tuple(Entity(**e) for e in data.get("entities", ())),
            quotes=tuple(Quote(**q) for q in data.get("quotes", ())),
            sentences=tuple(tuple(s) for s in data.get("sentences", ())),
        )
