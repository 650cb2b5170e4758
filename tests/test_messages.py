"""The workers' messages are records of their fields, as dataclass messages
are: built by position or by name, equal when their fields are, unhashable,
shown by their fields; and still Textual messages."""

from __future__ import annotations

import pytest
from textual.message import Message

from reader.ui.messages import FindDone, IndexStatus, NotesAnchored, QuotesLoaded


def test_a_message_is_built_by_position_or_name_with_its_defaults():
    by_position = QuotesLoaded("Li Qiang", [1, 2])
    by_name = QuotesLoaded(hits=[1, 2], name="Li Qiang")
    assert (by_position.name, by_position.hits, by_position.error) == ("Li Qiang", [1, 2], None)
    assert by_position == by_name
    assert QuotesLoaded("Li Qiang", [1, 2], "no index") != by_name
    with pytest.raises(TypeError):
        QuotesLoaded("Li Qiang")  # type: ignore[call-arg]


def test_messages_are_equal_by_fields_and_class_and_not_hashable():
    assert FindDone("a", "q", [(0, 1)], None) == FindDone("a", "q", [(0, 1)], None)
    assert FindDone("a", "q", [(0, 1)], None) != FindDone("a", "q", [(0, 2)], None)
    assert IndexStatus("") != QuotesLoaded("", [])
    with pytest.raises(TypeError):
        hash(IndexStatus("indexing"))


def test_a_message_shows_its_fields_and_is_a_textual_message():
    message = NotesAnchored(article=None, generation=3, pairs=[])  # type: ignore[arg-type]
    assert repr(message) == "NotesAnchored(article=None, generation=3, pairs=[], error=None)"
    assert isinstance(message, Message)
    assert message.handler_name == "on_notes_anchored"
    assert message.bubble and not message._stop_propagation
