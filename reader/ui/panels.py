"""The right-hand panel: the article's notes, entities and quotes.

Each list is an ``OptionList`` (rendered lazily). Every entry is built from
plain text with :class:`Content` (never markup). Selecting an entry posts a
message the app turns into a jump.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.model import PERSON, SPEAKER_DESCRIBED, SPEAKER_ORG, Analysis, Quote
from reader.ui.layers import LAYER_BY_NAME

SNIPPET = 70


def snippet(text: str, width: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class NoteEntry:
    """An annotation as the panel shows it: placed at (start, end) or orphaned."""

    id: str
    quote: str
    note: str
    tags: tuple[str, ...]
    start: int | None
    end: int | None

    @property
    def orphaned(self) -> bool:
        return self.start is None


@dataclass(frozen=True)
class EntityGroup:
    label: str
    text: str
    mentions: tuple[tuple[int, int], ...]


def group_entities(analysis: Analysis | None) -> list[EntityGroup]:
    """Entities grouped by label and name, most mentioned first within a label.

    A person is one entry under the full name the analysis gives each of their
    mentions (``Entity.name``: "Mr Li", "Premier Li" and "Li" count with
    "Li Qiang"), every mention counted and kept for ``n`` / ``N``.
    """
    if analysis is None:
        return []
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for entity in analysis.entities:
        name = entity.name if entity.label == PERSON else entity.text
        mentions[(entity.label, name)].append((entity.start, entity.end))
    order = {name: index for index, name in enumerate(LAYER_BY_NAME)}
    groups = [EntityGroup(label, text, tuple(spans)) for (label, text), spans in mentions.items()]
    groups.sort(key=lambda g: (order.get(g.label, 99), -len(g.mentions), g.text.lower()))
    return groups


class PanelList(OptionList):
    """An option list that reports which entry was chosen."""

    class Chosen(Message):
        def __init__(self, kind: str, value: object) -> None:
            super().__init__()
            self.kind = kind
            self.value = value

    def __init__(self, kind: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.values: list[object] = []

    def fill(self, entries: Sequence[tuple[Content, object]], empty: str) -> None:
        highlighted = self.highlighted
        self.values = [value for _, value in entries]
        if entries:
            self.set_options(Option(prompt) for prompt, _ in entries)
            self.highlighted = min(highlighted or 0, len(entries) - 1)
        else:
            self.set_options([Option(Content(empty).stylize("dim italic"), disabled=True)])

    @property
    def current(self) -> object | None:
        index = self.highlighted
        if index is None or index >= len(self.values):
            return None
        return self.values[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.values):
            self.post_message(self.Chosen(self.kind, self.values[event.option_index]))


class NotesList(PanelList):
    BINDINGS = [
        Binding("e", "edit", "Edit note"),
        Binding("d,delete", "delete", "Delete note"),
    ]

    class Edit(Message):
        def __init__(self, entry: NoteEntry) -> None:
            super().__init__()
            self.entry = entry

    class Delete(Message):
        def __init__(self, entry: NoteEntry) -> None:
            super().__init__()
            self.entry = entry

    def action_edit(self) -> None:
        if isinstance(self.current, NoteEntry):
            self.post_message(self.Edit(self.current))

    def action_delete(self) -> None:
        if isinstance(self.current, NoteEntry):
            self.post_message(self.Delete(self.current))


def note_prompt(entry: NoteEntry) -> Content:
    quote = Content(f"“{snippet(entry.quote)}”").stylize("italic")
    if entry.orphaned:
        quote = Content.assemble(("⚠ orphaned ", "bold $warning"), quote)
    lines = [quote]
    if entry.note:
        lines.append(Content(snippet(entry.note, 200)))
    else:
        lines.append(Content("(highlight)").stylize("dim"))
    if entry.tags:
        lines.append(Content(" ".join(f"#{tag}" for tag in entry.tags)).stylize("dim"))
    return Content("\n").join(lines)


def entity_prompt(group: EntityGroup) -> Content:
    layer = LAYER_BY_NAME.get(group.label)
    name = Content(group.text).stylize(layer.style if layer else "bold")
    label = layer.label if layer else group.label.title()
    return Content.assemble(name, (f"  {label} · {len(group.mentions)}×", "dim"))


def speaker_content(speaker: str | None, kind: str | None) -> Content:
    """Who said a quote: a name, an organisation, or a source described, not
    named (the description in italics, marked as such)."""
    if not speaker:
        return Content("— (unattributed)").stylize("dim")
    if kind == SPEAKER_DESCRIBED:
        return Content.assemble(
            ("— ", "dim"), (speaker, "italic"), (" · described source", "dim italic")
        )
    if kind == SPEAKER_ORG:
        return Content.assemble(("— ", "dim"), speaker, (" · organisation", "dim"))
    return Content.assemble(("— ", "dim"), (speaker, "bold"))


def quote_prompt(text: str, speaker: str | None, kind: str | None = None) -> Content:
    return Content("\n").join(
        [Content(snippet(text, 120)).stylize("italic"), speaker_content(speaker, kind)]
    )


class QuotesList(PanelList):
    """The article's quotes; ``p`` goes to everything the chosen quote's speaker said."""

    BINDINGS = [Binding("p", "speaker", "Speaker's quotes")]

    class Highlighted(Message):
        """Another quote is highlighted (None: none is)."""

        def __init__(self, quote: Quote | None) -> None:
            super().__init__()
            self.quote = quote

    class Speaker(Message):
        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        current = self.current
        self.post_message(self.Highlighted(current if isinstance(current, Quote) else None))

    def action_speaker(self) -> None:
        if isinstance(self.current, Quote):
            self.post_message(self.Speaker(self.current))


class SidePanel(Vertical):
    """Notes, entities and quotes of the open article; one shown at a time."""

    TITLES = {"notes": "Notes", "entities": "Entities", "quotes": "Quotes"}

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-title", markup=False)
        with ContentSwitcher(initial="notes", id="panel-switcher"):
            yield NotesList("notes", id="notes")
            yield PanelList("entities", id="entities")
            yield QuotesList("quotes", id="quotes")

    @property
    def current(self) -> str:
        return self.query_one(ContentSwitcher).current or "notes"

    def show_tab(self, name: str) -> PanelList:
        self.query_one(ContentSwitcher).current = name
        self.query_one("#panel-title", Static).update(
            Content(self.TITLES[name]).stylize("bold")
        )
        return self.query_one(f"#{name}", PanelList)

    def set_notes(self, entries: Sequence[NoteEntry]) -> None:
        notes = self.query_one("#notes", NotesList)
        notes.fill([(note_prompt(e), e) for e in entries], "No notes yet: press a to annotate.")

    def set_analysis(self, analysis: Analysis | None, readable: bool = True) -> None:
        """Fill the entities and quotes lists (``readable=False``: the file could not be read)."""
        waiting = "Analysing…" if readable else "Nothing to analyse: the file could not be read."
        groups = group_entities(analysis)
        self.query_one("#entities", PanelList).fill(
            [(entity_prompt(g), g) for g in groups],
            waiting if analysis is None else "No entities found.",
        )
        quotes = analysis.quotes if analysis else ()
        self.query_one("#quotes", PanelList).fill(
            [(quote_prompt(q.text, q.speaker, q.speaker_kind), q) for q in quotes],
            waiting if analysis is None else "No quotations found.",
        )
