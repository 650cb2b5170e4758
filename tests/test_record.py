"""reader.record.Frozen behaves as the frozen dataclass it replaces."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from reader.analysis.model import Analysis, Entity, Part, Quote
from reader.record import Frozen
from reader.store.annotations import Annotation, Bookmark, Progress
from reader.store.stats import ReadingTime, Span


class Pair(Frozen):
    __slots__ = ("name", "count")

    def __init__(self, name: str, count: int = 0) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "count", count)


@dataclass(frozen=True)
class Twin:  # the same record as a frozen dataclass
    name: str
    count: int = 0


def test_equality_hash_and_repr_are_the_frozen_dataclass_ones():
    a, b, c = Pair("x", 1), Pair("x", 1), Pair("x", 2)
    assert a == b and hash(a) == hash(b) and a != c
    assert len({a, b, c}) == 2
    assert (a == Twin("x", 1)) is False  # another class is never equal
    assert a.__eq__(("x", 1)) is NotImplemented
    assert repr(a) == repr(Twin("x", 1)).replace("Twin", "Pair")
    assert repr(Pair("it's", 3)) == repr(Twin("it's", 3)).replace("Twin", "Pair")


def test_fields_cannot_be_set_or_deleted():
    pair = Pair("x")
    with pytest.raises(FrozenInstanceError):
        pair.name = "y"
    with pytest.raises(FrozenInstanceError):
        del pair.count
    with pytest.raises(FrozenInstanceError):
        pair.other = 1
    assert pair == Pair("x", 0)


def test_match_replace_as_dict_copy_and_pickle():
    pair = Pair("x", 2)
    match pair:
        case Pair(name, count):
            assert (name, count) == ("x", 2)
    assert pair.replace(count=5) == Pair("x", 5) and pair == Pair("x", 2)
    with pytest.raises(TypeError, match="no field 'size'"):
        pair.replace(size=1)
    assert pair.as_dict() == {"name": "x", "count": 2}
    assert copy.copy(pair) is pair
    assert copy.deepcopy(pair) == pair
    assert pickle.loads(pickle.dumps(pair)) == pair


def test_a_subclass_keeps_its_bases_fields_first():
    class Counted(Pair):
        __slots__ = ("weight",)

        def __init__(self, name: str, count: int = 0, weight: float = 1.0) -> None:
            super().__init__(name, count)
            object.__setattr__(self, "weight", weight)

    record = Counted("x", 1, 0.5)
    assert record.as_dict() == {"name": "x", "count": 1, "weight": 0.5}
    assert record != Pair("x", 1)
    assert repr(record).endswith("Counted(name='x', count=1, weight=0.5)")


@pytest.mark.parametrize(
    "record",
    [
        Entity(1, 9, "PERSON", "Li Qiang", None),
        Quote(0, 12, "“We agree.”", "Li Qiang", "person", 14, 16, "said", 17, 21),
        Part((Entity(0, 2, "ORG", "UN"),), ()),
        Analysis((Entity(1, 9, "PERSON", "Li Qiang"),), (), ((0, 10),), Part(), Part(), "de"),
        Annotation("n1", "a1", "quote", "pre", "post", 3, 8, "note", ("t",), "c", "u", "T", True),
        Bookmark("b1", "position", "a1", "T", 2, 5, "label", "c"),
        Progress("a1", 2, 5, 0.5, "u"),
        Span("a1", 1.0, 3.5, "T"),
        ReadingTime("a1", "2025-03-01", 60.0, "T", "u"),
    ],
    ids=lambda record: type(record).__name__,
)
def test_the_records_take_their_fields_in_order_and_compare_by_them(record):
    """Positional arguments in field order, as the dataclasses took them."""
    fields = record.as_dict()
    assert type(record)(*fields.values()) == record == type(record)(**fields)
    assert hash(type(record)(**fields)) == hash(record)
    assert repr(record).startswith(f"{type(record).__name__}({next(iter(fields))}=")
    changed = record.replace(**{next(iter(fields)): None})
    assert changed != record


def test_an_analysis_round_trips_through_its_dict():
    analysis = Analysis(
        entities=(Entity(1, 9, "PERSON", "Li Qiang", "Li Qiang"),),
        quotes=(Quote(0, 12, "“We agree.”", "Li Qiang", "person", 14, 16, "said", 17, 21),),
        sentences=((0, 12), (13, 30)),
        title=Part((Entity(0, 2, "ORG", "UN"),)),
        language="fr",
    )
    assert Analysis.from_dict(analysis.to_dict()) == analysis
    assert Analysis() == Analysis(title=Part(), dek=Part())
