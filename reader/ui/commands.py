"""Command palette providers: open any article by title, jump to a note; and
the palette's commands that run a key's action (:func:`binding_commands`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Mapping
from functools import partial

from textual.app import App, SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.library.sanitize import safe_display
from reader.search.fuzzy import match, rank
from reader.ui.keys import KEYS, Key, current_keys, fill, keys_display

MAX_DISCOVERY = 50
MAX_HITS = 50  # title hits offered by the palette


def highlighted_title(title: str, positions: list[int]) -> Content:
    """``title`` as plain text (never markup) with matched characters marked."""
    content = Content(title)
    for position in positions:
        if position < len(title) and not title[position].isspace():
            content = content.stylize("reverse", position, position + 1)
    return content


class ArticleCommands(Provider):
    """Open an article from the library."""

    def _articles(self):
        return getattr(self.app, "library", ())

    async def discover(self) -> Hits:
        for article in list(self._articles())[:MAX_DISCOVERY]:
            title = safe_display(article.title)
            yield DiscoveryHit(
                Content(title),
                partial(self.app.open_article, article.id),
                text=title,
                help="Open this article",
            )

    async def search(self, query: str) -> Hits:
        """The best title matches, ranked off the event loop (libraries can be large)."""
        articles = list(self._articles())
        # Matched as shown: no bidi controls or invisible characters in the way.
        titles = [safe_display(article.title) for article in articles]
        order = await asyncio.to_thread(rank, query, titles)
        for index in order[:MAX_HITS]:
            article, title = articles[index], titles[index]
            result = match(query, title)
            if result is None:
                continue
            score, positions = result
            yield Hit(
                min(1.0, max(0.01, score / (4 * max(1, len(query))))),
                highlighted_title(title, positions),
                partial(self.app.open_article, article.id),
                text=title,
                help="Open this article",
            )


class NoteCommands(Provider):
    """Jump to any note in the library."""

    async def search(self, query: str) -> Hits:
        app = self.app
        try:
            notes = await asyncio.to_thread(app.store.annotations)
        except Exception:  # the store reports its own errors elsewhere
            return
        for note in notes:
            article = app.article_by_id(note.article_id)
            if article is None:
                continue
            haystack = f"{note.note} {note.quote}"
            result = match(query, haystack)
            if result is None:
                continue
            label = safe_display(note.note or note.quote)
            yield Hit(
                min(1.0, max(0.01, result[0] / (4 * max(1, len(query))))),
                Content(f"✎ {label[:80]}"),
                partial(app.notes_controller.open_note, note.article_id, note.id),
                text=label,
                help=f"Note in “{safe_display(article.title)}”",
            )


def binding_commands(
    app: App,
    namespace: Callable[[str], object],
    keymap: Mapping[str, str] | None = None,
) -> Iterator[SystemCommand]:
    """The palette's commands for the keys of :data:`reader.ui.keys.KEYS` that
    have one: the title and help from the table, the keys in force after
    ``keymap``, and the binding's own action, run in ``namespace(scope)``
    (the widget the binding belongs to) when the command is chosen."""
    keys = current_keys(keymap)
    for key in KEYS:
        if not key.command:
            continue
        help_text = fill(key.command_help or key.help, keys)
        shown = keys_display(keys[key.id])
        if shown:
            help_text = f"{help_text} · {shown}"
        yield SystemCommand(key.command, help_text, partial(_run_binding, app, key, namespace))


async def _run_binding(app: App, key: Key, namespace: Callable[[str], object]) -> None:
    await app.run_action(key.action, namespace(key.scope))
