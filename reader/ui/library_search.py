"""Library search (``s``): one query over titles, bodies and the reader's notes."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.library.sanitize import safe_display, safe_display_spans
from reader.search.index import Result, SearchIndex
from reader.text import plural
from reader.ui.keys import LIBRARY_SEARCH, bindings_for
from reader.ui.list_screen import ListScreen
from reader.ui.messages import SearchResults

FIELD_LABELS = {"title": "title", "body": "text", "note": "your note", "entity": "mentions"}
LIMIT = 50
# As one types: this many results at once, ranked when every word is in at
# most QUICK_MATCHES articles (ranking costs as many), else the first matches;
# then every match ranked (LIMIT results) replaces them.
QUICK_SHOWN = 15
QUICK_MATCHES = 1000


def result_prompt(result: Result) -> Content:
    """Title, where it matched and the snippet with its hits marked (never markup)."""
    where = FIELD_LABELS.get(result.field, result.field)
    if result.field == "entity" and result.mentions:
        where = plural(result.mentions, "mention")
    head = Content.assemble((safe_display(result.title), "bold"), (f"  · {where}", "dim"))
    shown, highlights = safe_display_spans(result.snippet, result.highlights)
    snippet = Content(shown).stylize("dim")
    for start, end in highlights:
        snippet = snippet.stylize("bold reverse", start, end)
    return Content("\n").join([head, snippet])


class LibrarySearch(ListScreen["Result | None"]):
    """Type a query; results update as you type; enter opens the chosen hit."""

    BINDINGS = bindings_for(LIBRARY_SEARCH)

    def __init__(self, index: SearchIndex, status: str = "", query: str = "") -> None:
        super().__init__()
        self.index = index
        self.status = status
        self.initial = query
        self.results: list[Result] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="list-screen-box"):
            yield Static(
                Content("Search the library").stylize("bold"), classes="dialog-title"
            )
            yield Input(
                self.initial,
                placeholder='words, "a phrase", -exclude, pref*, person:Putin, org:…, place:…',
                id="library-query",
            )
            yield Static(
                Content(self.status), id="library-search-status", classes="list-screen-status"
            )
            yield OptionList(id="library-results", classes="list-screen-list")
            yield Static(
                Content("↑ ↓ choose · enter open · escape close"), classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self.run_search(self.initial)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="library-search")
    def run_search(self, query: str) -> None:
        """A screenful at once: ranked when every word is in few articles,
        else the first matches (a cost that does not grow with the library,
        so results keep up with typing); then, unless that was all of them
        ranked, every match ranked, replacing it."""
        from textual.worker import get_current_worker

        from reader.search.query import parse

        parsed = parse(query)
        # a pasted passage is cut to its first distinct words: say so
        notes = [n for n in (parsed.notice, self.index.notice) if n]
        if not query.strip():
            self.post_message(SearchResults(query, [], notes))
            return
        ranked = self.index.ranking_is_quick(parsed, QUICK_MATCHES)
        results = self.index.search(parsed, limit=QUICK_SHOWN, ranked=ranked)
        complete = ranked and len(results) < QUICK_SHOWN
        self.post_message(SearchResults(query, results, notes, partial=not complete))
        worker = get_current_worker()
        if complete or worker.is_cancelled:
            return
        results = self.index.search(parsed, limit=LIMIT)
        if not worker.is_cancelled:  # a newer query is on its way
            self.post_message(SearchResults(query, results, notes))

    @on(SearchResults)
    def _show(self, event: SearchResults) -> None:
        event.stop()
        query, results, notes = event.query, event.results, event.notes
        if query != self.query_one(Input).value:
            return  # a newer query is on its way
        options = self.query_one(OptionList)
        # The ranked results replace the first ones: the one chosen stays chosen.
        chosen = options.highlighted
        chosen_id = self.results[chosen].article_id if chosen and chosen < len(self.results) else None
        self.results = results
        status = self.query_one("#library-search-status", Static)
        if results:
            options.set_options(Option(result_prompt(r)) for r in results)
            ids = [r.article_id for r in results]
            options.highlighted = ids.index(chosen_id) if chosen_id in ids else 0
            n = len(results)
            count = plural(n, "result")
            if event.partial:
                count = f"{count} so far"  # every match ranked follows
            elif n == LIMIT:
                count = f"{n}+ results"  # the first LIMIT are shown
        else:
            options.clear_options()
            count = "no results" if query.strip() else ""
        parts = (count, *notes, self.status)
        status.update(Content(" · ".join(safe_display(p) for p in parts if p)))

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if not self.results:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.results) - 1, current + delta))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one(OptionList).highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.results):
            self.dismiss(self.results[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
