"""The quotes panel (``w``): the article's quotations and who said them.

The title's and the dek's come first, then the body's, in reading order.
The highlighted quote's speaker and cue are underlined in the article
(:meth:`QuotesList.pointer`), which scrolls to it; ``enter`` puts the
cursor on the quote; ``p`` asks for everything its speaker said across the
library (:class:`QuotesList.Speaker`, for the app's People screen).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message

from reader.analysis.model import SPEAKER_DESCRIBED, SPEAKER_ORG, Analysis, Quote
from reader.library.sanitize import safe_display
from reader.text import snippet
from reader.ui.keys import QUOTES_LIST, bindings_for
from reader.ui.layers import attribution_spans
from reader.ui.panel_list import PART_NAMES, PanelList, Pointer, analysis_parts, waiting_text

if TYPE_CHECKING:
    from reader.ui.reader_pane import ReaderPane


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

    PANEL = "quotes"
    PANEL_TITLE = "Quotes"
    PANEL_HINT = "j/k choose · enter go to the quote · p the speaker's quotes"

    class Speaker(Message):
        """Show everything this quote's (named) speaker said across the library."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    @property
    def current_entry(self) -> QuoteEntry | None:
        current = self.current
        return current if isinstance(current, QuoteEntry) else None

    def show_analysis(self, analysis: Analysis | None, readable: bool = True) -> None:
        self.fill(
            [
                (quote_prompt(e.quote.text, e.quote.speaker, e.quote.speaker_kind, e.part), e)
                for e in quote_entries(analysis)
            ],
            waiting_text(readable) if analysis is None else "No quotations found.",
        )

    def choose(self, value: object, reader: ReaderPane) -> None:
        if not isinstance(value, QuoteEntry):
            return
        if value.part == "body":
            reader.view.place_cursor_at(value.quote.start)
        else:
            reader.view.scroll_home(animate=False)

    def pointer(self) -> Pointer | None:
        """The highlighted quote, with its speaker's mention and its cue to underline."""
        entry = self.current_entry
        if entry is None:
            return None
        quote = entry.quote
        return Pointer(entry.part, (quote.start, quote.end), tuple(attribution_spans(quote)))

    def action_speaker(self) -> None:
        entry = self.current_entry
        if entry is None:
            return
        quote = entry.quote
        if not quote.speaker:
            self.notify("No one is named for this quote.", timeout=3)
        elif quote.speaker_kind == SPEAKER_DESCRIBED:
            self.notify(
                f"This source is described, not named: {quote.speaker}.", timeout=4, markup=False
            )
        else:
            self.post_message(self.Speaker(quote))
