"""The notes panel (``o``): the open article's notes and highlights.

``enter`` puts the cursor on a note's passage; ``e`` edits it and ``d``
deletes it (:class:`NotesList.Edit`, :class:`NotesList.Delete`, which the
app hands to the notes controller).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message

from reader.library.sanitize import safe_display
from reader.text import quoted, snippet
from reader.ui.keys import NOTES_LIST, bindings_for
from reader.ui.notes import NoteEntry
from reader.ui.panel_list import PanelList

if TYPE_CHECKING:
    from reader.ui.reader_pane import ReaderPane


def note_prompt(entry: NoteEntry) -> Content:
    # A passage that is itself a quotation keeps its own marks, not a second pair.
    quote = Content(quoted(snippet(entry.quote))).stylize("italic")
    if entry.orphaned:
        quote = Content.assemble(("⚠ orphaned ", "bold $warning"), quote)
    lines = [quote]
    if entry.note:
        lines.append(Content(snippet(entry.note, 200)))
    else:
        lines.append(Content("(highlight)").stylize("dim"))
    if entry.tags:
        tags = " ".join(f"#{safe_display(tag)}" for tag in entry.tags)
        lines.append(Content(tags).stylize("dim"))
    return Content("\n").join(lines)


class NotesList(PanelList):
    BINDINGS = bindings_for(NOTES_LIST)

    PANEL = "notes"
    PANEL_TITLE = "Notes"
    PANEL_HINT = "j/k choose · enter jump · e edit · d delete"

    class Edit(Message):
        def __init__(self, entry: NoteEntry) -> None:
            super().__init__()
            self.entry = entry

    class Delete(Message):
        def __init__(self, entry: NoteEntry) -> None:
            super().__init__()
            self.entry = entry

    def show_notes(self, notes: Sequence[NoteEntry]) -> None:
        self.fill([(note_prompt(e), e) for e in notes], "No notes yet: press a to annotate.")

    def choose(self, value: object, reader: ReaderPane) -> None:
        if isinstance(value, NoteEntry):
            reader.show_note(value)

    def action_edit(self) -> None:
        if isinstance(self.current, NoteEntry):
            self.post_message(self.Edit(self.current))

    def action_delete(self) -> None:
        if isinstance(self.current, NoteEntry):
            self.post_message(self.Delete(self.current))
