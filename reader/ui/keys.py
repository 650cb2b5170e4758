"""Every key of Limelight, in one table.

:data:`KEYS` is the one place a key is written down. From it come:

- the ``BINDINGS`` of the app and of each widget or screen that has its own
  (:func:`bindings_for`), every binding with an ``id``, so
  ``App.set_keymap({"next-article": "ctrl+n"})`` rebinds it;
- the help screen (``?``, :mod:`reader.ui.help`), which shows the keys in
  force (:func:`current_keys` applies the app's keymap);
- the command palette's commands that run a binding's action
  (:mod:`reader.ui.commands`);
- the Keys section of README.md (``python -m reader.ui.keys --markdown``
  prints it, ``--readme`` rewrites it in place; a test keeps them equal);
- the ids a keymap may name (:func:`binding_ids`, for the command line and
  the config file).

Keys are written as Textual names (``right_square_bracket``, ``question_mark``),
several separated by commas; :func:`key_display` shows them as a reader sees
them (``]``, ``?``). A text may name another binding's key as ``{id}``: it is
filled in with that binding's first key, so the texts follow a keymap too.

Importing this module is cheap: no Textual (``textual.binding`` is imported
inside :func:`bindings_for` and :func:`current_keys`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from reader.record import Frozen
from reader.ui.widths import MEASURE_MAX, MEASURE_MIN, MEASURE_STEP

if TYPE_CHECKING:  # pragma: no cover
    from textual.binding import Binding

# Where a binding lives: the widget or screen whose BINDINGS it is part of.
APP = "app"  # LimelightApp: works wherever the focus is in the main screen
ARTICLE = "article"  # ArticleView, the article pane
ARTICLE_LIST = "article-list"  # ArticleList, the sidebar
PANEL_LIST = "panel-list"  # PanelList: every list of the side panel
NOTES_LIST = "notes-list"  # NotesList, the notes panel
QUOTES_LIST = "quotes-list"  # QuotesList, the quotes panel
SEARCH_BAR = "search-bar"  # SearchBar, the find line
LIBRARY_SEARCH = "library-search"  # LibrarySearch screen
PEOPLE = "people"  # PeopleScreen
NOTE_EDITOR = "note-editor"  # NoteEditor dialog
LABEL_PROMPT = "label-prompt"  # LabelPrompt dialog
LIST_PICKER = "list-picker"  # ListPicker dialog (the bookmarks list)
HELP = "help"  # HelpScreen
CONTENTS = "contents"  # ContentsScreen, the article's headings

SCOPES = (
    APP,
    ARTICLE,
    ARTICLE_LIST,
    PANEL_LIST,
    NOTES_LIST,
    QUOTES_LIST,
    SEARCH_BAR,
    LIBRARY_SEARCH,
    PEOPLE,
    NOTE_EDITOR,
    LABEL_PROMPT,
    LIST_PICKER,
    HELP,
    CONTENTS,
)
GROUPS = ("Reading", "Library", "Search", "Panels", "Notes", "Layers", "App")


_set = object.__setattr__  # how a frozen record's __init__ sets its fields


class Key(Frozen):
    """One binding: its id, default keys, action, and what the reader is told.

    ``description`` is the binding's short label (the footer's); ``help`` the
    line on the help screen; ``about`` the README's fuller text (``help``
    when empty). ``command`` and ``command_help``, when set, make a command
    palette entry that runs the action.
    """

    __slots__ = (
        "id", "keys", "action", "description", "group", "scope", "show", "priority",
        "key_display", "help", "about", "command", "command_help",
    )  # fmt: skip
    id: str
    keys: str  # Textual key names, comma separated: "j,down"
    action: str
    description: str
    group: str
    scope: str
    show: bool  # in the footer
    priority: bool
    key_display: str | None  # the footer's way to show the keys
    help: str
    about: str
    command: str
    command_help: str

    def __init__(
        self,
        id: str,
        keys: str,
        action: str,
        description: str,
        group: str,
        scope: str = APP,
        show: bool = False,
        priority: bool = False,
        key_display: str | None = None,
        help: str = "",
        about: str = "",
        command: str = "",
        command_help: str = "",
    ) -> None:
        _set(self, "id", id)
        _set(self, "keys", keys)
        _set(self, "action", action)
        _set(self, "description", description)
        _set(self, "group", group)
        _set(self, "scope", scope)
        _set(self, "show", show)
        _set(self, "priority", priority)
        _set(self, "key_display", key_display)
        _set(self, "help", help)
        _set(self, "about", about)
        _set(self, "command", command)
        _set(self, "command_help", command_help)

    @property
    def key_list(self) -> tuple[str, ...]:
        return tuple(key.strip() for key in self.keys.split(","))


class FixedKey(Frozen):
    """A key Limelight documents but does not bind (Textual's own): no id."""

    __slots__ = ("keys", "group", "help", "about")
    keys: str
    group: str
    help: str
    about: str

    def __init__(self, keys: str, group: str, help: str, about: str = "") -> None:
        _set(self, "keys", keys)
        _set(self, "group", group)
        _set(self, "help", help)
        _set(self, "about", about)

    @property
    def key_list(self) -> tuple[str, ...]:
        return tuple(key.strip() for key in self.keys.split(","))


# The highlight layers' keys: (layer name in reader/ui/layers.py, id suffix, key),
# in the legend's order. The id suffix, capitalised, is the layer's label.
LAYER_KEYS: tuple[tuple[str, str, str], ...] = (
    ("QUOTES", "quotes", "1"),
    ("PERSON", "person", "2"),
    ("ORG", "org", "3"),
    ("PLACE", "place", "4"),
    ("NORP", "group", "5"),
    ("DATE", "date", "6"),
    ("MONEY", "money", "7"),
    ("PERCENT", "percent", "8"),
    ("QUANTITY", "quantity", "9"),
    ("EVENT", "event", "0"),
)


def layer_key(name: str) -> str:
    """The default key that toggles the layer ``name`` (``"QUOTES"`` -> ``"1"``)."""
    for layer, _, key in LAYER_KEYS:
        if layer == name:
            return key
    raise KeyError(name)


def layer_binding_id(name: str) -> str:
    """The id of the binding that toggles the layer ``name`` (``"QUOTES"`` ->
    ``"layer-quotes"``): what a keymap rebinds, and the legend shows."""
    for layer, suffix, _ in LAYER_KEYS:
        if layer == name:
            return f"layer-{suffix}"
    raise KeyError(name)


def _layer_keys() -> tuple[Key, ...]:
    return tuple(
        Key(
            f"layer-{suffix}",
            key,
            f"toggle_layer('{name}')",
            suffix.title(),
            "Layers",
            help=f"show or hide the {suffix} highlights",
            command=f"Toggle {suffix} highlights",
            command_help=f"Show or hide the {suffix} layer",
        )
        for name, suffix, key in LAYER_KEYS
    )


KEYS: tuple[Key, ...] = (
    # -- Reading --------------------------------------------------------------
    Key(
        "scroll-down",
        "j,down",
        "down",
        "Scroll",
        "Reading",
        ARTICLE,
        show=True,
        key_display="j/k",
        help="scroll a line down; in cursor mode, the next sentence",
        about="scroll a line down; in cursor mode, move the reading cursor to the next sentence",
    ),
    Key(
        "scroll-up",
        "k,up",
        "up",
        "Up",
        "Reading",
        ARTICLE,
        help="scroll a line up; in cursor mode, the previous sentence",
        about="scroll a line up; in cursor mode, move the reading cursor to the previous sentence",
    ),
    Key(
        "page-down",
        "space,pagedown",
        "page_down",
        "Page down",
        "Reading",
        ARTICLE,
        help="page down",
    ),
    Key("page-up", "b,pageup", "page_up", "Page up", "Reading", ARTICLE, help="page up"),
    Key("top", "g,home", "top", "Top", "Reading", ARTICLE, help="the top of the article"),
    Key(
        "bottom", "G,end", "bottom", "Bottom", "Reading", ARTICLE, help="the bottom of the article"
    ),
    Key(
        "cursor-mode",
        "c",
        "toggle_cursor",
        "Cursor",
        "Reading",
        ARTICLE,
        show=True,
        help="cursor mode: a current sentence that {scroll-down} / {scroll-up} move",
        about="cursor mode: a current sentence, shown subtly, that {scroll-down} / {scroll-up} move",
        command="Toggle cursor mode",
        command_help="A current sentence that {scroll-down} / {scroll-up} move",
    ),
    Key(
        "previous-article",
        "left_square_bracket",
        "previous_article",
        "Prev",
        "Reading",
        help="the previous article of the sidebar's list",
    ),
    Key(
        "next-article",
        "right_square_bracket",
        "next_article",
        "Next article",
        "Reading",
        help="the next article of the sidebar's list",
    ),
    Key(
        "jump-back",
        "ctrl+o",
        "jump_back",
        "Jump back",
        "Reading",
        help="back to where you were before the last jump (a search hit, a note, another article)",
        about=(
            "back to where you were before the last jump: a search hit, a note or bookmark,"
            " a person's quote, a heading of the contents, another article (sidebar,"
            " {previous-article} / {next-article}, palette); the article reopens at that place"
        ),
        command="Jump back",
        command_help="Back to where you were before the last jump",
    ),
    Key(
        "jump-forward",
        "ctrl+i",
        "jump_forward",
        "Jump forward",
        "Reading",
        help=(
            "forward again after {jump-back} (ctrl+i needs a terminal that tells it from"
            " tab, which moves the focus; else use the palette or a keymap)"
        ),
        about=(
            "forward again after {jump-back}. Most terminals send ctrl+i as tab, which"
            " moves the focus, so ctrl+i works only where the terminal tells the two"
            " apart (the kitty keyboard protocol: kitty, WezTerm, foot, Ghostty…);"
            " elsewhere use the palette's Jump forward, or give `jump-forward` another key"
            " in the config's `[keymap]`"
        ),
        command="Jump forward",
        command_help="Forward again after jumping back",
    ),
    Key(
        "contents",
        "T",
        "contents",
        "Contents",
        "Reading",
        help="contents: the article's headings, `enter` jumps to one",
        about=(
            "contents: the article's headings (an EPUB's chapters), indented by level, the"
            " one you are in highlighted; `enter` puts a heading at the top of the view,"
            " {close-contents} closes (an article without headings says so)"
        ),
        command="Contents",
        command_help="Jump to a heading of the article",
    ),
    Key(
        "close-contents",
        "escape",
        "cancel",
        "Close",
        "Reading",
        CONTENTS,
        show=True,
        help="in the contents: close them",
    ),
    Key(
        "zen",
        "z",
        "zen",
        "Zen",
        "Reading",
        help="zen mode: only the text (no sidebar, legend, panel or footer); again to leave",
        about=(
            "zen mode: only the text, without the sidebar, the legend, the side panel, the"
            " note line and the footer; {zen} again brings back what was shown before (a"
            " sidebar hidden with {toggle-sidebar} stays hidden); the keys that show a hidden"
            " part ({toggle-sidebar}, {filter}, a panel's) leave zen mode and show it"
        ),
        command="Zen mode",
        command_help="Only the text; again to bring the rest back",
    ),
    Key(
        "clear",
        "escape",
        "app.escape",
        "Clear",
        "Reading",
        ARTICLE,
        help="in the article: drop the selection, else the find matches",
    ),
    Key(
        "wider",
        "plus",
        "wider",
        "Wider",
        "Reading",
        help=f"a wider text column ({MEASURE_STEP} columns more, up to {MEASURE_MAX};"
        " kept for the next start)",
        about=f"a wider text column: {MEASURE_STEP} columns more, up to {MEASURE_MAX} (the"
        " column is centred in a wider pane); kept for the next start, unless the config"
        " file's `[article] width` sets it",
        command="Wider text",
        command_help=f"Widen the text column by {MEASURE_STEP} columns",
    ),
    Key(
        "narrower",
        "minus",
        "narrower",
        "Narrower",
        "Reading",
        help=f"a narrower text column ({MEASURE_STEP} columns less, down to {MEASURE_MIN};"
        " kept for the next start)",
        about=f"a narrower text column: {MEASURE_STEP} columns less, down to {MEASURE_MIN};"
        " kept for the next start, unless the config file's `[article] width` sets it",
        command="Narrower text",
        command_help=f"Narrow the text column by {MEASURE_STEP} columns",
    ),
    # -- Library --------------------------------------------------------------
    Key(
        "filter",
        "f",
        "filter",
        "Filter",
        "Library",
        help="filter the library by title (fuzzy; `feed:NAME` for one feed's articles;"
        " `escape` or `↓` goes to the list)",
        about=(
            "filter the library by title (fuzzy; `escape` or `↓` goes to the list);"
            ' `feed:NAME` (or `feed:"Two words"`) in the filter keeps one feed\'s articles,'
            " `feed:` alone every feed's"
        ),
    ),
    Key(
        "toggle-sidebar",
        "t",
        "toggle_sidebar",
        "Sidebar",
        "Library",
        help="show or hide the sidebar",
        command="Toggle sidebar",
        command_help="Show or hide the library",
    ),
    Key(
        "bookmarked-only",
        "B",
        "bookmarked_only",
        "Bookmarked only",
        "Library",
        help="show bookmarked articles only in the sidebar (again: all of them)",
        command="Bookmarked articles only",
        command_help="Narrow the sidebar to bookmarks",
    ),
    Key(
        "by-feed",
        "F",
        "by_feed",
        "By feed",
        "Library",
        help="the sidebar by feed: a heading per feed, newest first (again: one list)",
        about=(
            "the sidebar by feed: a heading per feed (A to Z, with its articles and how"
            " many are unread), its articles newest first, then the articles of no feed;"
            " `enter` on a heading shows only that feed's articles ({list-show-all} shows"
            " them all again); {by-feed} again: one list in the sidebar's order"
        ),
        command="Sidebar by feed",
        command_help="Group the library by feed, newest first (again: one list)",
    ),
    Key(
        "update-feeds",
        "R",
        "update_feeds",
        "Update feeds",
        "Library",
        help="update every feed (in the background); new articles arrive marked unread (•)",
        about=(
            "update every feed subscribed to (`limelight feed add URL`) in the background,"
            " its progress in the sidebar's status line; the new articles arrive in the"
            " sidebar marked unread (•), and a notice says how many and which feeds failed"
            " and why (as `limelight update`)"
        ),
        command="Update feeds",
        command_help="Fetch the new articles of every feed",
    ),
    Key(
        "list-up",
        "up,k",
        "cursor_up",
        "Up",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: the article above",
    ),
    Key(
        "list-down",
        "down,j",
        "cursor_down",
        "Down",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: the article below",
    ),
    Key(
        "list-first",
        "home,g",
        "first",
        "First",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: the first article",
    ),
    Key(
        "list-last",
        "end,G",
        "last",
        "Last",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: the last article",
    ),
    Key(
        "list-page-up",
        "pageup,b",
        "page_up",
        "Page up",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: a page up",
    ),
    Key(
        "list-page-down",
        "pagedown,space",
        "page_down",
        "Page down",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: a page down",
    ),
    Key(
        "open-article",
        "enter",
        "open",
        "Open",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: open the highlighted article (on a feed's heading: only its articles)",
    ),
    Key(
        "list-show-all",
        "escape",
        "show_all",
        "Show all",
        "Library",
        ARTICLE_LIST,
        help="in the sidebar: clear the filter (a feed's articles, a title), every article again",
    ),
    # -- Search ---------------------------------------------------------------
    Key(
        "find",
        "slash",
        "find",
        "Find",
        "Search",
        show=True,
        help="find in the article, as you type (smart case, accents ignored)",
        about=(
            "find in the article: matches highlight as you type, smart case, accents"
            " ignored (`Sao` finds `São`); {find-regex} toggles regular expressions;"
            " `enter` keeps the matches, {find-clear} clears them"
        ),
    ),
    Key(
        "find-regex",
        "ctrl+r",
        "toggle_regex",
        "Regex",
        "Search",
        SEARCH_BAR,
        show=True,
        priority=True,
        help="in the find line: regular expressions on or off",
    ),
    Key(
        "find-clear",
        "escape",
        "clear",
        "Clear",
        "Search",
        SEARCH_BAR,
        show=True,
        priority=True,
        help="in the find line: close it and clear the matches (`enter` keeps them)",
    ),
    Key(
        "next-match",
        "n",
        "next_match",
        "Next match",
        "Search",
        help="the next match (wraps around, with a notice)",
    ),
    Key(
        "previous-match",
        "N",
        "previous_match",
        "Previous match",
        "Search",
        help="the previous match (wraps around, with a notice)",
    ),
    Key(
        "search",
        "s",
        "library_search",
        "Search",
        "Search",
        show=True,
        help="search the whole library: titles, bodies, your notes; person:, org:, place: filters",
        about=(
            "search the whole library (titles, bodies, your notes; `person:`, `org:`, `place:`"
            " filters): results ranked with snippets, `enter` opens the article at the hit"
            " with its matches highlighted"
        ),
    ),
    Key(
        "close-search",
        "escape",
        "cancel",
        "Close",
        "Search",
        LIBRARY_SEARCH,
        show=True,
        help="in the library search: close it",
    ),
    Key(
        "search-down",
        "down",
        "move(1)",
        "Down",
        "Search",
        LIBRARY_SEARCH,
        priority=True,
        help="in the library search: the next result",
    ),
    Key(
        "search-up",
        "up",
        "move(-1)",
        "Up",
        "Search",
        LIBRARY_SEARCH,
        priority=True,
        help="in the library search: the previous result",
    ),
    # -- Panels ---------------------------------------------------------------
    Key(
        "entities",
        "e",
        "panel('entities')",
        "Entities",
        "Panels",
        show=True,
        help="entities panel: by type, most mentioned first (`enter`: their mentions)",
        about=(
            "entities panel: the article's entities by type, most mentioned first, a person"
            ' once under their full name with every mention counted ("Mr Li" and "Li"'
            ' with "Li Qiang"); `enter` highlights one\'s mentions for {next-match} /'
            " {previous-match}"
        ),
    ),
    Key(
        "quotes",
        "w",
        "panel('quotes')",
        "Quotes",
        "Panels",
        show=True,
        help="quotes panel: every quote and who said it (`enter` jumps to it)",
        about=(
            "quotes panel: every quote with who said it (a source described, not named, in"
            " italics); the highlighted quote's attribution (the speaker's mention and the"
            ' cue, "said") is underlined in the text; `enter` jumps to it, {speaker-quotes}'
            " shows everything its speaker said across the library"
        ),
    ),
    Key(
        "speaker-quotes",
        "p",
        "speaker",
        "Speaker's quotes",
        "Panels",
        QUOTES_LIST,
        show=True,
        help="in the quotes panel: everything the highlighted quote's speaker said",
        about="in the quotes panel: everything the highlighted quote's speaker said across"
        " the library",
    ),
    Key(
        "people",
        "p",
        "people",
        "People",
        "Panels",
        show=True,
        help="people quoted across the library, filtered as you type",
        about=(
            "people: everyone quoted across the library with their quotes, articles and"
            " mentions, filtered as you type (fuzzy); `enter` lists a person's quotes by"
            " article, `enter` on a quote opens the article there with the quote highlighted"
        ),
    ),
    Key(
        "close-people",
        "escape",
        "back",
        "Back",
        "Panels",
        PEOPLE,
        show=True,
        help="in People: back from a person's quotes, else close",
    ),
    Key(
        "people-down",
        "down",
        "move(1)",
        "Down",
        "Panels",
        PEOPLE,
        priority=True,
        help="in People: the next entry",
    ),
    Key(
        "people-up",
        "up",
        "move(-1)",
        "Up",
        "Panels",
        PEOPLE,
        priority=True,
        help="in People: the previous entry",
    ),
    Key(
        "panel-down",
        "j",
        "cursor_down",
        "Down",
        "Panels",
        PANEL_LIST,
        help="in a panel: the next entry (as ↓ does)",
    ),
    Key(
        "panel-up",
        "k",
        "cursor_up",
        "Up",
        "Panels",
        PANEL_LIST,
        help="in a panel: the previous entry (as ↑ does)",
    ),
    # -- Notes and bookmarks --------------------------------------------------
    Key(
        "select",
        "v",
        "select",
        "Select",
        "Notes",
        ARTICLE,
        help="select from the cursor's sentence; {scroll-down} / {scroll-up} extend it",
        about=(
            "start a selection at the cursor's sentence; {scroll-down} / {scroll-up} extend"
            " it sentence by sentence ({clear} cancels). A mouse drag selects too"
        ),
    ),
    Key(
        "annotate",
        "a",
        "annotate",
        "Annotate",
        "Notes",
        show=True,
        help="annotate the selection, or the cursor's sentence",
        about=(
            "annotate the selection, or the cursor's sentence: a note editor opens on the"
            " passage ({save-note} saves, {cancel-note} cancels; an empty note is a plain"
            " highlight)"
        ),
    ),
    Key(
        "copy",
        "y",
        "copy",
        "Copy",
        "Notes",
        help="copy the selection, or the cursor's sentence, to the clipboard",
        about=(
            "copy the selection, or the cursor's sentence, to the clipboard (through the"
            " terminal); with `citation = true` in the config's `[copy]` table a line"
            " `— Title, source` follows it"
        ),
        command="Copy passage",
        command_help="Copy the selection, or the cursor's sentence",
    ),
    Key(
        "save-note",
        "ctrl+s",
        "save",
        "Save",
        "Notes",
        NOTE_EDITOR,
        show=True,
        priority=True,
        help="in the note editor: save (an empty note is a plain highlight)",
    ),
    Key(
        "cancel-note",
        "escape",
        "cancel",
        "Cancel",
        "Notes",
        NOTE_EDITOR,
        show=True,
        priority=True,
        help="in the note editor: cancel",
    ),
    Key(
        "notes",
        "o",
        "notes",
        "Notes",
        "Notes",
        show=True,
        help="notes panel: the article's notes in reading order (`enter` jumps)",
        about=(
            "notes panel: the article's notes in reading order; `enter` jumps,"
            " {edit-note} edits, {delete-note} deletes"
        ),
        command="Notes",
        command_help="The open article's notes",
    ),
    Key(
        "edit-note",
        "e",
        "edit",
        "Edit note",
        "Notes",
        NOTES_LIST,
        show=True,
        help="in the notes panel: edit the highlighted note",
    ),
    Key(
        "delete-note",
        "d,delete",
        "delete",
        "Delete note",
        "Notes",
        NOTES_LIST,
        show=True,
        help="in the notes panel: delete the highlighted note ({undo} undoes)",
    ),
    Key("undo", "u", "undo", "Undo", "Notes", help="undo the last deletion of a note"),
    Key(
        "bookmark-article",
        "m",
        "bookmark_article",
        "Bookmark",
        "Notes",
        help="bookmark the article (★ in the sidebar); again to remove it",
    ),
    Key(
        "bookmark-place",
        "M",
        "bookmark_place",
        "Mark place",
        "Notes",
        help="bookmark the current place, with an optional label",
    ),
    Key(
        "cancel-label",
        "escape",
        "cancel",
        "Cancel",
        "Notes",
        LABEL_PROMPT,
        show=True,
        help="in the label prompt: cancel (`enter` saves)",
    ),
    Key(
        "bookmarks",
        "apostrophe",
        "bookmarks",
        "Bookmarks",
        "Notes",
        help="bookmarks list: `enter` jumps to an article or place",
        about="bookmarks list: `enter` jumps to an article or place, {delete-bookmark} deletes",
        command="Bookmarks",
        command_help="Jump to a bookmarked article or place",
    ),
    Key(
        "close-bookmarks",
        "escape",
        "cancel",
        "Close",
        "Notes",
        LIST_PICKER,
        show=True,
        help="in the bookmarks list: close it",
    ),
    Key(
        "delete-bookmark",
        "d,delete",
        "delete",
        "Delete",
        "Notes",
        LIST_PICKER,
        show=True,
        help="in the bookmarks list: delete the highlighted bookmark",
    ),
    # -- Layers ---------------------------------------------------------------
    *_layer_keys(),
    Key(
        "cycle-layers",
        "l",
        "cycle_layers",
        "Layers",
        "Layers",
        help="cycle the layers: all, quotes only, entities only, none",
    ),
    # -- App ------------------------------------------------------------------
    Key(
        "refresh",
        "r",
        "refresh",
        "Refresh",
        "App",
        help="refresh: notes saved by another Limelight window, new files",
        about="refresh: pick up notes saved by another Limelight window, rescan the library",
    ),
    Key(
        "help",
        "question_mark",
        "help",
        "Help",
        "App",
        show=True,
        help="this help: every key, with its id",
        about="help: every key, with its id",
        command="Help",
        command_help="Show every key",
    ),
    Key(
        "close-help",
        "escape,q,question_mark",
        "dismiss",
        "Close",
        "App",
        HELP,
        show=True,
        help="in the help: close it",
    ),
    Key(
        "help-down",
        "j,down",
        "scroll(1)",
        "Down",
        "App",
        HELP,
        show=True,
        key_display="j/k",
        help="in the help: scroll a line down",
    ),
    Key("help-up", "k,up", "scroll(-1)", "Up", "App", HELP, help="in the help: scroll a line up"),
    Key(
        "help-page-down",
        "space,pagedown",
        "page(1)",
        "Page down",
        "App",
        HELP,
        help="in the help: a page down",
    ),
    Key(
        "help-page-up", "b,pageup", "page(-1)", "Page up", "App", HELP, help="in the help: a page up"
    ),
    Key("help-top", "g,home", "top", "Top", "App", HELP, help="in the help: the top"),
    Key("help-bottom", "G,end", "bottom", "Bottom", "App", HELP, help="in the help: the bottom"),
    Key(
        "stats",
        "S",
        "stats",
        "Stats",
        "App",
        help="reading statistics: time read per day (a bar chart), most read articles,"
        " articles finished, notes per week; `escape` closes",
        about="reading statistics: active reading time per day as a bar chart and per"
        " article, articles finished, notes per week (as `limelight stats`); `escape` closes",
        command="Reading statistics",
        command_help="Time spent reading, articles finished, notes per week",
    ),
    Key("quit", "q", "quit", "Quit", "App", show=True, help="quit"),
)

# Keys that Textual binds itself: documented with the others, not rebindable here.
FIXED_KEYS: tuple[FixedKey, ...] = (
    FixedKey("tab,shift+tab", "Library", "move the focus between panes"),
    FixedKey(
        "ctrl+p",
        "App",
        "command palette: open an article by title, jump to a note, bookmarks, layers",
        "command palette: open any article by title, jump to a note, bookmarks, toggle layers",
    ),
)

KEY_BY_ID: Mapping[str, Key] = {key.id: key for key in KEYS}


def keys_in(scope: str) -> tuple[Key, ...]:
    """The table's bindings of one widget or screen, in table order."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    return tuple(key for key in KEYS if key.scope == scope)


def bindings_for(scope: str) -> list[Binding]:
    """The ``BINDINGS`` of one widget or screen: Textual bindings with their ids."""
    from textual.binding import Binding

    return [
        Binding(
            key.keys,
            key.action,
            key.description,
            show=key.show,
            key_display=key.key_display,
            priority=key.priority,
            id=key.id,
        )
        for key in keys_in(scope)
    ]


def binding_ids() -> dict[str, str]:
    """Every binding id and its default keys (Textual names, comma separated),
    in table order: what a keymap may name."""
    return {key.id: key.keys for key in KEYS}


def current_keys(keymap: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Each binding's keys once ``keymap`` (binding id -> keys, as
    ``App.set_keymap`` takes it) is applied, the way Textual applies it to each
    widget's bindings: a rebound binding has its new keys only, and a default
    key that a keymap gives to another binding of the same widget is lost
    (an empty tuple: no key left)."""
    if not keymap:
        return {key.id: key.key_list for key in KEYS}
    from textual.binding import BindingsMap

    wanted = {
        binding_id: ",".join(_key_name(part) for part in keys.split(","))
        for binding_id, keys in keymap.items()
    }
    found: dict[str, list[str]] = {key.id: [] for key in KEYS}
    for scope in SCOPES:
        bindings = BindingsMap(bindings_for(scope))
        bindings.apply_keymap(wanted)
        for name, key_bindings in bindings.key_to_bindings.items():
            for binding in key_bindings:
                if binding.id in found and name not in found[binding.id]:
                    found[binding.id].append(name)
    return {binding_id: tuple(keys) for binding_id, keys in found.items()}


def _key_name(key: str) -> str:
    """A key as Textual names it: ``"]"`` -> ``"right_square_bracket"`` (what
    ``App.set_keymap`` does to a keymap)."""
    key = key.strip()
    if len(key) != 1:
        return key
    try:
        from textual.keys import _character_to_key
    except ImportError:  # pragma: no cover - another Textual
        return key
    return _character_to_key(key)


# -- how keys look -------------------------------------------------------------------

_DISPLAY = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "space": "space",
    "escape": "escape",
    "enter": "enter",
    "tab": "tab",
    "delete": "delete",
    "backspace": "backspace",
    "home": "home",
    "end": "end",
    "insert": "insert",
    # Textual's short names of some characters (its KEY_NAME_REPLACEMENTS)
    "slash": "/",
    "backslash": "\\",
    "at": "@",
    "minus": "-",
    "plus": "+",
    "underscore": "_",
}


def key_display(key: str) -> str:
    """One Textual key name as a reader sees it: ``question_mark`` -> ``?``,
    ``down`` -> ``↓``, ``ctrl+left_square_bracket`` -> ``ctrl+[``."""
    key = key.strip()
    modifiers, name = [], key
    if len(key) > 1 and "+" in key[:-1]:
        *modifiers, name = key.split("+")
    shown = _DISPLAY.get(name)
    if shown is None:
        shown = name
        if len(name) > 1:
            character = _character_named(name)
            if character is not None and character.isprintable() and not character.isspace():
                shown = character
    return "+".join([*modifiers, shown])


def _character_named(name: str) -> str | None:
    """The character Textual names ``name``: its Unicode name with each space
    or hyphen made ``_`` (``less_than_sign`` is "LESS-THAN SIGN")."""
    words = name.split("_")
    if len(words) > 6:
        return None
    for joins in product(" -", repeat=len(words) - 1):
        spelled = words[0] + "".join(
            join + word for join, word in zip(joins, words[1:], strict=True)
        )
        try:
            return unicodedata.lookup(spelled)
        except KeyError:
            continue
    return None


def keys_display(keys: Sequence[str] | str, separator: str = " / ") -> str:
    """Several keys as a reader sees them, ``j / ↓``; ``""`` for none."""
    if isinstance(keys, str):
        keys = [part for part in keys.split(",") if part.strip()]
    return separator.join(key_display(key) for key in keys)


_REFERENCE = re.compile(r"\{([a-z0-9-]+)\}")


def fill(text: str, keys: Mapping[str, Sequence[str]], for_markdown: bool = False) -> str:
    """A text of the table as shown: each ``{id}`` replaced by that binding's
    first key. The texts are written with Markdown's backticks around keys:
    kept (and put around each ``{id}``) ``for_markdown``, else removed."""
    quote = "`" if for_markdown else ""
    if not for_markdown:
        text = text.replace("`", "")

    def replace(match: re.Match[str]) -> str:
        found = keys.get(match.group(1))
        if found is None:
            return match.group(0)
        return f"{quote}{key_display(found[0])}{quote}" if found else "(no key)"

    return _REFERENCE.sub(replace, text)


def describe_keys(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, str, str]]:
    """``(id, keys, what it does)`` for every binding, in table order: keys as
    Textual names (what a keymap takes), after ``keymap`` when given."""
    keys = current_keys(keymap)
    return [
        (key.id, ",".join(keys[key.id]), fill(key.help or key.description, keys)) for key in KEYS
    ]


class HelpRow(Frozen):
    """A line of the help screen: the keys shown, the id ("" for Textual's own)
    and what it does."""

    __slots__ = ("keys", "id", "text")
    keys: str
    id: str
    text: str

    def __init__(self, keys: str, id: str, text: str) -> None:
        _set(self, "keys", keys)
        _set(self, "id", id)
        _set(self, "text", text)


def help_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, list[HelpRow]]]:
    """The help screen's content, group by group, with the keys in force."""
    keys = current_keys(keymap)
    groups: list[tuple[str, list[HelpRow]]] = []
    for group in GROUPS:
        rows = [
            HelpRow(keys_display(keys[key.id]) or "(none)", key.id, fill(key.help, keys))
            for key in KEYS
            if key.group == group
        ]
        rows += [
            HelpRow(keys_display(fixed.key_list), "", fill(fixed.help, keys))
            for fixed in FIXED_KEYS
            if fixed.group == group
        ]
        if rows:
            groups.append((group, rows))
    return groups


# -- README --------------------------------------------------------------------------

README_BEGIN = (
    "<!-- keys: generated from reader/ui/keys.py by `python -m reader.ui.keys --readme`;"
    " edit the table there, not here -->"
)
README_END = "<!-- keys: end -->"


def _md_keys(keys: Iterable[str]) -> str:
    return " / ".join(f"`{key_display(key)}`" for key in keys)


def markdown() -> str:
    """The README's key tables, one per group (default keys): key, id, what it does."""
    keys = current_keys()
    lines: list[str] = []
    for group in GROUPS:
        rows = [
            (key.key_list, f"`{key.id}`", key.about or key.help)
            for key in KEYS
            if key.group == group
        ]
        rows += [
            (fixed.key_list, "", fixed.about or fixed.help)
            for fixed in FIXED_KEYS
            if fixed.group == group
        ]
        if not rows:
            continue
        if lines:
            lines.append("")
        lines += [f"### {group}", "", "| key | id | what it does |", "| --- | --- | --- |"]
        for key_list, shown_id, text in rows:
            lines.append(
                f"| {_md_keys(key_list)} | {shown_id} | {fill(text, keys, for_markdown=True)} |"
            )
    return "\n".join(lines) + "\n"


def readme_section(text: str) -> str | None:
    """What README ``text`` holds between the generated table's markers."""
    begin = text.find(README_BEGIN)
    end = text.find(README_END)
    if begin < 0 or end < begin:
        return None
    return text[begin + len(README_BEGIN) : end].strip("\n") + "\n"


def update_readme(path: str | Path) -> bool:
    """Write :func:`markdown` between the markers of README ``path``; True if it changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    begin = text.find(README_BEGIN)
    end = text.find(README_END)
    if begin < 0 or end < begin:
        raise ValueError(f"{path}: no generated keys section ({README_BEGIN} … {README_END})")
    new = text[: begin + len(README_BEGIN)] + "\n\n" + markdown() + "\n" + text[end:]
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--markdown"]:
        sys.stdout.write(markdown())
        return 0
    if args and args[0] == "--readme" and len(args) <= 2:
        path = args[1] if len(args) == 2 else Path(__file__).resolve().parents[2] / "README.md"
        changed = update_readme(path)
        print(f"{path}: {'updated' if changed else 'up to date'}")
        return 0
    if not args:
        for binding_id, keys, text in describe_keys():
            print(f"{binding_id:<18} {keys:<24} {text}")
        return 0
    print("usage: python -m reader.ui.keys [--markdown | --readme [README.md]]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
