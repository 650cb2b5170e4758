"""People (``p``): everyone quoted across the library, then what each one said.

Two levels in one screen. The people list, with how many quotes, articles
and mentions each has, is filtered fuzzily as you type; ``enter`` opens a
person's quotes grouped by article (the title as a header); ``enter`` on a
quote closes the screen with it, and the app opens the article there.
``escape`` goes back one level. The index is asked in thread workers, so
the interface never waits for it. Every entry is built from plain text with
:class:`Content` (never markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.library.sanitize import safe_display, safe_display_map
from reader.search.fuzzy import fold, match, rank
from reader.text import plural, snippet
from reader.ui.keys import PEOPLE, bindings_for
from reader.ui.list_screen import ListScreen
from reader.ui.messages import PeopleLoaded, QuotesLoaded

LOADING = "Loading people…"
EMPTY = "No one is quoted in the library yet."
QUOTE_WIDTH = 400
PEOPLE_HINT = "type to filter · ↑ ↓ choose · enter their quotes · escape close"
QUOTES_HINT = "↑ ↓ choose · enter open the article at the quote · escape back to people"


def count(value) -> int:
    """A count given as a number or as the collection it counts."""
    if isinstance(value, int):
        return value
    try:
        return len(value)
    except TypeError:
        return 0


def people_count(number: int) -> str:
    return plural(number, "person")


def person_counts(person) -> str:
    return " · ".join(
        (
            plural(count(person.quotes), "quote"),
            plural(count(person.articles), "article"),
            plural(count(person.mentions), "mention"),
        )
    )


def person_prompt(person, matched: Sequence[int] = ()) -> Content:
    """Name (the letters the filter matched marked), counts, and other names used."""
    shown, positions = safe_display_map(person.name)
    name = Content(shown).stylize("bold")
    for at in matched:
        if at < len(person.name):
            if positions is not None:
                at = positions[at]
                if at >= positions[-1]:
                    continue
            name = name.stylize("underline $accent", at, at + 1)
    lines = [Content.assemble(name, ("  " + person_counts(person), "dim"))]
    aliases = [alias for alias in (getattr(person, "aliases", None) or ()) if alias != person.name]
    if aliases:
        lines.append(Content(snippet("also " + ", ".join(aliases), 200)).stylize("dim italic"))
    return Content("\n").join(lines)


def quote_option(hit) -> Content:
    return Content.assemble(("  ", ""), (snippet(hit.text, QUOTE_WIDTH), "italic"))


def group_by_article(hits: Sequence) -> list[tuple[str, str, list]]:
    """(article id, title, its quotes) in the order the articles first appear."""
    groups: dict[str, tuple[str, str, list]] = {}
    for hit in hits:
        group = groups.setdefault(hit.article_id, (hit.article_id, hit.title, []))
        group[2].append(hit)
    return list(groups.values())


def _search_text(person) -> str:
    """What the filter matches: the name, then the other names used."""
    aliases = [alias for alias in (getattr(person, "aliases", None) or ()) if alias != person.name]
    return " · ".join([person.name, *aliases])


class PeopleScreen(ListScreen["object | None"]):
    """Everyone quoted in the library; ``enter`` their quotes; ``enter`` a quote opens it."""

    DEFAULT_CSS = """
    #people-title {
        margin: 0 0 1 0;
    }
    """

    BINDINGS = bindings_for(PEOPLE)

    def __init__(self, index, status: str = "", person: str | None = None) -> None:
        super().__init__()
        self.index = index
        self.status = status
        self.people: list | None = None  # None until loaded
        self.shown: list = []  # the people listed, filtered
        self.person: str | None = None  # whose quotes are listed, at the second level
        self.hits: list | None = None  # that person's quotes (None while loading)
        self.values: list = []  # per option: a person, a quote hit, or None (a header)
        self.error: str | None = None
        self._folded: list[str] = []
        self._start_person = person
        self._chosen_name: str | None = None  # the person highlighted when their quotes opened

    def compose(self) -> ComposeResult:
        with Vertical(id="people-box", classes="list-screen-box"):
            yield Static(Content("People quoted in the library").stylize("bold"), id="people-title")
            yield Input(placeholder="Filter people (fuzzy)", id="people-filter")
            yield Static("", id="people-status", classes="list-screen-status", markup=False)
            yield OptionList(id="people-list", classes="list-screen-list")
            yield Static(Content(PEOPLE_HINT), classes="dialog-hint", id="people-hint")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#people-filter", Input)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#people-list", OptionList)

    @property
    def level(self) -> str:
        return "quotes" if self.person is not None else "people"

    def on_mount(self) -> None:
        self.load_people()
        if self._start_person:
            self.open_person(self._start_person)
        else:
            self._show_people()
            self.filter_input.focus()

    # -- loading ---------------------------------------------------------------
    @work(thread=True, exclusive=True, group="people")
    def load_people(self) -> None:
        try:
            # Everyone the index knows is named somewhere; People lists those quoted.
            people = [person for person in self.index.people() if count(person.quotes) > 0]
        except Exception as error:  # the index is a cache: say so and carry on
            self.post_message(PeopleLoaded([], str(error)))
            return
        self.post_message(PeopleLoaded(people))

    @on(PeopleLoaded)
    def _people_arrived(self, event: PeopleLoaded) -> None:
        event.stop()
        if event.error is not None:
            self._people_failed(event.error)
        else:
            self._people_loaded(event.people)

    def _people_failed(self, message: str) -> None:
        self.error = f"People unavailable: {message}"
        self.people = []
        if self.level == "people":
            self._show_people()

    def _people_loaded(self, people: list) -> None:
        self.people = people
        self._folded = [fold(_search_text(person)) for person in people]
        if self.level == "people":
            self._show_people()
        else:
            self._show_title()

    @work(thread=True, exclusive=True, group="people-quotes")
    def load_quotes(self, name: str) -> None:
        try:
            hits = list(self.index.quotes(speaker=name))
        except Exception as error:
            self.post_message(QuotesLoaded(name, [], str(error)))
            return
        self.post_message(QuotesLoaded(name, hits))

    @on(QuotesLoaded)
    def _quotes_arrived(self, event: QuotesLoaded) -> None:
        event.stop()
        if event.error is not None:
            self._quotes_failed(event.name, event.error)
        else:
            self._quotes_loaded(event.name, event.hits)

    def _quotes_failed(self, name: str, message: str) -> None:
        if name == self.person:
            self.error = f"Quotes unavailable: {message}"
            self._quotes_loaded(name, [])

    # -- the people list -----------------------------------------------------
    def _set_status(self, text: str) -> None:
        parts = [part for part in (text, self.error, self.status) if part]
        self.query_one("#people-status", Static).update(Content(" · ".join(parts)))

    def _message(self, text: str) -> None:
        self.values = []
        self.option_list.set_options([Option(Content(text).stylize("dim italic"), disabled=True)])

    def _show_people(self) -> None:
        query = self.filter_input.value
        if self.people is None:
            self._set_status("")
            self._message(LOADING)
            return
        if not self.people:
            self._set_status("")
            self._message(EMPTY)
            return
        order = rank(query, [_search_text(p) for p in self.people], self._folded)
        self.shown = [self.people[index] for index in order]
        total = people_count(len(self.people))
        self._set_status(f"{len(self.shown):,} of {total}" if query.strip() else total)
        if not self.shown:
            self._message("No one quoted matches.")
            return
        options = []
        for person in self.shown:
            found = match(query, person.name) if query.strip() else None
            options.append(Option(person_prompt(person, found[1] if found else ())))
        self.values = list(self.shown)
        self.option_list.set_options(options)
        highlight = 0
        if self._chosen_name is not None:
            highlight = next(
                (i for i, p in enumerate(self.shown) if p.name == self._chosen_name), 0
            )
        self.option_list.highlighted = highlight

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._chosen_name = None
        self._show_people()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.option_list.highlighted)

    # -- one person's quotes -------------------------------------------------
    def open_person(self, name: str) -> None:
        self.person = name
        self.hits = None
        self.filter_input.display = False
        self.query_one("#people-hint", Static).update(Content(QUOTES_HINT))
        self._show_title()
        self._set_status("")
        self._message("Loading quotes…")
        self.option_list.focus()
        self.load_quotes(name)

    def _person(self, name: str):
        for person in self.people or ():
            if person.name == name or name in (getattr(person, "aliases", None) or ()):
                return person
        return None

    def _show_title(self) -> None:
        title = self.query_one("#people-title", Static)
        if self.person is None:
            title.update(Content("People quoted in the library").stylize("bold"))
            return
        person = self._person(self.person)
        parts = [
            Content.assemble(("Quotes by ", "bold"), (safe_display(self.person), "bold $accent"))
        ]
        if person is not None:
            parts.append(Content("  " + person_counts(person)).stylize("dim"))
        title.update(Content.assemble(*parts))

    def _quotes_loaded(self, name: str, hits: list) -> None:
        if name != self.person:
            return  # gone back (or on to someone else) since
        self.hits = hits
        groups = group_by_article(hits)
        if not hits:
            self._set_status("")
            self._message(f"No quotes by {name} in the library.")
            return
        self._set_status(f"{plural(len(hits), 'quote')} in {plural(len(groups), 'article')}")
        options: list[Option] = []
        self.values = []
        for _, title, quotes in groups:
            options.append(
                Option(
                    Content(safe_display(title) or "(untitled)").stylize("bold $accent"),
                    disabled=True,
                )
            )
            self.values.append(None)
            for hit in quotes:
                options.append(Option(quote_option(hit)))
                self.values.append(hit)
        options_list = self.option_list
        options_list.set_options(options)
        options_list.highlighted = next(i for i, v in enumerate(self.values) if v is not None)

    # -- keys ------------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        options = self.option_list
        if not any(value is not None for value in self.values):
            return
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.values):
            return
        value = self.values[index]
        if value is None:
            return
        if self.level == "people":
            self._chosen_name = value.name
            self.open_person(value.name)
        else:
            self.dismiss(value)

    def action_back(self) -> None:
        if self.level == "people":
            self.dismiss(None)
            return
        if self._chosen_name is None:
            self._chosen_name = self.person  # opened on them: keep them chosen in the list
        self.person = None
        self.hits = None
        self.error = None
        self.filter_input.display = True
        self.query_one("#people-hint", Static).update(Content(PEOPLE_HINT))
        self._show_title()
        self._show_people()
        self.filter_input.focus()
