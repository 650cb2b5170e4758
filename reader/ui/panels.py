"""The right-hand panel: the article's notes, entities and quotes.

Each list is an ``OptionList`` (rendered lazily) that ``j`` / ``k`` move
like the arrow keys. Every entry is built from plain text with
:class:`Content` (never markup). Selecting an entry posts a message the app
turns into a jump. The entities and quotes lists take in the title and the
standfirst (dek) with the body: their analysis is ``Analysis.title`` /
``.dek``, with offsets into those texts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from reader.analysis.model import PERSON, SPEAKER_DESCRIBED, SPEAKER_ORG, Analysis, Part, Quote
from reader.library.sanitize import safe_display
from reader.ui.keys import NOTES_LIST, PANEL_LIST, QUOTES_LIST, bindings_for
from reader.ui.layers import LAYER_BY_NAME

SNIPPET = 70


def snippet(text: str, width: int = SNIPPET) -> str:
    """One line of at most ``width`` characters, safe for the terminal."""
    text = " ".join(safe_display(text).split())
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


# The parts of an article in reading order, as the analysis names them.
PARTS = ("title", "dek", "body")
PART_NAMES = {"title": "the title", "dek": "the standfirst", "body": "the body"}


def analysis_parts(analysis: Analysis) -> list[tuple[str, Analysis | Part]]:
    """(part name, its analysis) for the title, the dek and the body, in reading order."""
    return [
        (name, analysis if name == "body" else getattr(analysis, name, None) or Part())
        for name in PARTS
    ]


@dataclass(frozen=True)
class EntityGroup:
    """One entry of the entities panel.

    ``mentions`` are the body's (``n`` / ``N`` step through them);
    ``elsewhere`` counts those in the title and the dek; ``aliases`` are the
    other texts a person is named by ("Mr Li", "Li" for "Li Qiang"),
    commonest first.
    """

    label: str
    text: str
    mentions: tuple[tuple[int, int], ...]
    elsewhere: int = 0
    aliases: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        """Every mention: the body's, the title's and the dek's."""
        return len(self.mentions) + self.elsewhere


def group_entities(analysis: Analysis | None) -> list[EntityGroup]:
    """Entities of the title, the dek and the body grouped by label and name,
    most mentioned first within a label.

    A person is one entry under the full name the analysis gives each of their
    mentions (``Entity.name``: "Mr Li", "Premier Li" and "Li" count with
    "Li Qiang", and are listed as their other names), every mention counted;
    the body's are kept for ``n`` / ``N``.
    """
    if analysis is None:
        return []
    mentions: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    elsewhere: Counter[tuple[str, str]] = Counter()
    texts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for part, found in analysis_parts(analysis):
        for entity in found.entities:
            name = entity.name if entity.label == PERSON else entity.text
            key = (entity.label, name)
            texts[key][entity.text] += 1
            if part == "body":
                mentions[key].append((entity.start, entity.end))
            else:
                elsewhere[key] += 1
    order = {name: index for index, name in enumerate(LAYER_BY_NAME)}
    groups = [
        EntityGroup(
            label,
            text,
            tuple(mentions.get((label, text), ())),
            elsewhere[(label, text)],
            tuple(alias for alias, _ in texts[(label, text)].most_common() if alias != text),
        )
        for label, text in texts
    ]
    groups.sort(key=lambda g: (order.get(g.label, 99), -g.count, g.text.lower()))
    return groups


@dataclass(frozen=True)
class QuoteEntry:
    """A quotation as the quotes panel lists it: the part it is in ("title",
    "dek" or "body") and the quote, its offsets (attribution included) into
    that part's text."""

    part: str
    quote: Quote


def quote_entries(analysis: Analysis | None) -> list[QuoteEntry]:
    """Every quotation of the article in reading order: the title's, the dek's, the body's."""
    if analysis is None:
        return []
    return [
        QuoteEntry(part, quote)
        for part, found in analysis_parts(analysis)
        for quote in sorted(found.quotes, key=lambda q: q.start)
    ]


class PanelList(OptionList):
    """An option list that reports which entry was chosen; ``j`` / ``k`` move
    like the arrow keys, as in the sidebar."""

    BINDINGS = bindings_for(PANEL_LIST)

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
        """Replace the entries. Filling is not the reader moving: it posts no
        ``OptionHighlighted`` (whoever shows the current entry asks for it)."""
        highlighted = self.highlighted
        self.values = [value for _, value in entries]
        with self.prevent(OptionList.OptionHighlighted):
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
    BINDINGS = bindings_for(NOTES_LIST)

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
        tags = " ".join(f"#{safe_display(tag)}" for tag in entry.tags)
        lines.append(Content(tags).stylize("dim"))
    return Content("\n").join(lines)


def entity_prompt(group: EntityGroup) -> Content:
    """Name, label and count (how many of them are in the title or the dek),
    then a person's other names."""
    layer = LAYER_BY_NAME.get(group.label)
    name = Content(safe_display(group.text)).stylize(layer.style if layer else "bold")
    label = layer.label if layer else group.label.title()
    counts = f"  {label} · {group.count}×"
    if group.elsewhere:
        counts += f" · {group.elsewhere} in title/standfirst"
    lines = [Content.assemble(name, (counts, "dim"))]
    if group.aliases:
        lines.append(
            Content(snippet("also " + ", ".join(group.aliases), 200)).stylize("dim italic")
        )
    return Content("\n").join(lines)


def speaker_content(speaker: str | None, kind: str | None) -> Content:
    """Who said a quote: a name, an organisation, or a source described, not
    named (the description in italics, marked as such)."""
    if not speaker:
        return Content("— (unattributed)").stylize("dim")
    speaker = safe_display(speaker)
    if kind == SPEAKER_DESCRIBED:
        return Content.assemble(
            ("— ", "dim"), (speaker, "italic"), (" · described source", "dim italic")
        )
    if kind == SPEAKER_ORG:
        return Content.assemble(("— ", "dim"), speaker, (" · organisation", "dim"))
    return Content.assemble(("— ", "dim"), (speaker, "bold"))


def quote_prompt(
    text: str, speaker: str | None, kind: str | None = None, part: str = "body"
) -> Content:
    """The quote, then who said it; a quote of the title or the dek says so."""
    who = speaker_content(speaker, kind)
    if part != "body":
        who = Content.assemble(who, (f" · in {PART_NAMES.get(part, part)}", "dim"))
    return Content("\n").join([Content(snippet(text, 120)).stylize("italic"), who])


class QuotesList(PanelList):
    """The article's quotes (:class:`QuoteEntry`, the title's and the dek's
    first); ``p`` goes to everything the chosen quote's speaker said."""

    BINDINGS = bindings_for(QUOTES_LIST)

    class Highlighted(Message):
        """The reader highlighted another quote (None: none is)."""

        def __init__(self, entry: QuoteEntry | None) -> None:
            super().__init__()
            self.entry = entry

    class Speaker(Message):
        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    @property
    def current_entry(self) -> QuoteEntry | None:
        current = self.current
        return current if isinstance(current, QuoteEntry) else None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current_entry))

    def action_speaker(self) -> None:
        if self.current_entry is not None:
            self.post_message(self.Speaker(self.current_entry.quote))


class SidePanel(Vertical):
    """Notes, entities and quotes of the open article; one shown at a time."""

    TITLES = {"notes": "Notes", "entities": "Entities", "quotes": "Quotes"}
    HINTS = {
        "notes": "j/k choose · enter jump · e edit · d delete",
        "entities": (
            "j/k choose · enter mark the body's mentions, n/N step through them"
            " (not those of the title or standfirst)"
        ),
        "quotes": "j/k choose · enter go to the quote · p the speaker's quotes",
    }

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-title", markup=False)
        with ContentSwitcher(initial="notes", id="panel-switcher"):
            yield NotesList("notes", id="notes")
            yield PanelList("entities", id="entities")
            yield QuotesList("quotes", id="quotes")
        yield Static("", id="panel-hint", markup=False)

    @property
    def current(self) -> str:
        return self.query_one(ContentSwitcher).current or "notes"

    def show_tab(self, name: str) -> PanelList:
        self.query_one(ContentSwitcher).current = name
        self.query_one("#panel-title", Static).update(Content(self.TITLES[name]).stylize("bold"))
        self.query_one("#panel-hint", Static).update(Content(self.HINTS[name]))
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
        self.query_one("#quotes", PanelList).fill(
            [
                (quote_prompt(e.quote.text, e.quote.speaker, e.quote.speaker_kind, e.part), e)
                for e in quote_entries(analysis)
            ],
            waiting if analysis is None else "No quotations found.",
        )
