"""Pilot tests: the People view, the quotes panel's attribution and its way to
People, the title and dek highlighted, one entry a person in the entities panel."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from reader.analysis import split_sentences
from reader.analysis.model import Analysis, Entity, Part, Quote
from reader.library.loader import load_file
from reader.store import AnalysisCache
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView, Block
from reader.ui.layers import ATTRIBUTION_STYLE, CURRENT_MATCH_STYLE, LAYER_BY_NAME
from reader.ui.panels import SidePanel
from reader.ui.people import EMPTY, LOADING, PeopleScreen
from reader.ui.quotes_panel import QuotesList
from tests.helpers import settle

PERSON_STYLE = LAYER_BY_NAME["PERSON"].style
PADDING = "\n\n".join(f"Paragraph {i} is about the harbour and its ships." for i in range(40))

# (file, text, quotes: (quote text, speaker, kind, speaker mention, cue))
ARTICLES = (
    (
        "berlin.txt",
        "Li Qiang visits Berlin\n\n"
        "The Chinese premier met Olaf Scholz to talk about trade.\n\n"
        "Li Qiang arrived in Berlin on Monday for two days of talks.\n\n"
        '"We want open markets," Mr Li said at a press conference.\n\n'
        '"Germany will not be naive," Olaf Scholz told reporters.\n\n'
        '"Trade must be fair," Mr Li said later.\n\n'
        'A spokeswoman for the ministry said: "The talks were constructive."\n',
        (
            ('"We want open markets,"', "Li Qiang", "person", "Mr Li", "said"),
            ('"Germany will not be naive,"', "Olaf Scholz", "person", "Olaf Scholz", "told"),
            ('"Trade must be fair,"', "Li Qiang", "person", "Mr Li", "said"),
            (
                '"The talks were constructive."',
                "a spokeswoman for the ministry",
                "described",
                "A spokeswoman for the ministry",
                "said",
            ),
        ),
    ),
    (
        "ports.txt",
        "Trade talks resume\n\n"
        "Negotiators return to the table.\n\n"
        + PADDING
        + '\n\n"Ports are the heart of trade," Li Qiang said in Hamburg.\n',
        (('"Ports are the heart of trade,"', "Li Qiang", "person", "Li Qiang", "said"),),
    ),
    (
        "harvest.txt",
        "Harvest report\n\nWheat and barley prices rose in the autumn.\n\n"
        "Jane Doe, a farmer, sold her crop early.\n",
        (),
    ),
)


# (mention, label, full name): the entities of the seeded analyses.
NAMES = (
    ("Li Qiang", "PERSON", None),
    ("Olaf Scholz", "PERSON", None),
    ("Jane Doe", "PERSON", None),  # named, never quoted
    ("Mr Li", "PERSON", "Li Qiang"),
    ("Berlin", "PLACE", None),
    ("Hamburg", "PLACE", None),
    ("Germany", "PLACE", None),
    ("Chinese", "NORP", None),
    ("Monday", "DATE", None),
)


def entities_in(text: str) -> tuple[Entity, ...]:
    """Every mention of NAMES in ``text``, longest first, never overlapping."""
    found: list[Entity] = []
    for name, label, canon in sorted(NAMES, key=lambda n: -len(n[0])):
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if all(end <= e.start or at >= e.end for e in found):
                found.append(Entity(at, end, label, name, canon))
            at = text.find(name, end)
    return tuple(sorted(found, key=lambda e: e.start))


def quotes_in(text: str, quotes) -> tuple[Quote, ...]:
    """The quotes (quote text, speaker, kind, speaker mention, cue) as found in
    ``text``, their attribution's offsets into it too."""
    made = []
    for quoted, speaker, kind, mention, cue in quotes:
        start = text.index(quoted)
        end = start + len(quoted)
        speaker_start = (
            text.find(mention, end) if mention in text[end:] else text.rfind(mention, 0, start)
        )
        cue_start = text.index(cue, min(end, speaker_start))
        made.append(
            Quote(
                start,
                end,
                quoted,
                speaker,
                kind,
                speaker_start,
                speaker_start + len(mention),
                cue,
                cue_start,
                cue_start + len(cue),
            )
        )
    return tuple(made)


def seeded_analysis(article, quotes, heads=None) -> Analysis:
    """The analysis of an article, entities, quotes and their attribution given
    here, so the tests do not depend on the engine (being tuned elsewhere);
    ``heads``: the quotes of the "title" and the "dek"."""
    heads = heads or {}
    body = article.body
    return Analysis(
        entities=entities_in(body),
        quotes=quotes_in(body, quotes),
        sentences=split_sentences(body),
        title=Part(entities_in(article.title), quotes_in(article.title, heads.get("title", ()))),
        dek=Part(entities_in(article.dek), quotes_in(article.dek, heads.get("dek", ()))),
    )


def make_library(folder: Path, articles=ARTICLES) -> dict:
    """Write the articles and seed the analysis cache; their Articles by title.

    Each article is (file, text, body quotes) or (file, text, body quotes,
    {"title": quotes, "dek": quotes})."""
    folder.mkdir()
    cache = AnalysisCache()
    found = {}
    for name, text, quotes, *heads in articles:
        path = folder / name
        path.write_text(text, encoding="utf-8")
        article = load_file(path)
        cache.put(article.id, seeded_analysis(article, quotes, *heads))
        found[article.title] = article
    return found


@pytest.fixture
def library(tmp_path: Path):
    folder = tmp_path / "lib"
    return folder, make_library(folder)


def names(screen: PeopleScreen) -> list[str]:
    return [value.name for value in screen.values if value is not None]


def option_texts(screen: PeopleScreen) -> list[str]:
    options = screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def open_people(pilot, *keys: str) -> PeopleScreen:
    await pilot.press(*keys)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PeopleScreen)
    return screen


def on_screen(view: ArticleView, offset: int) -> bool:
    row = view._row_of_offset(offset)
    return (
        row is not None
        and view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height
    )


async def test_people_filter_quotes_and_opening_a_quote(library):
    folder, articles = library
    app = LimelightApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_people(pilot, "p")
        # Everyone quoted, most quoted first; the described source is no person,
        # and Jane Doe, named but never quoted, is not listed.
        assert names(screen) == ["Li Qiang", "Olaf Scholz"]
        assert "3 quotes · 2 articles" in option_texts(screen)[0]
        await pilot.press(*"olf")
        assert names(screen) == ["Olaf Scholz"]
        await pilot.press("backspace", "backspace", "backspace", *"li q")
        assert names(screen)[0] == "Li Qiang"
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.level == "quotes" and screen.person == "Li Qiang"
        # Grouped by article: a title header (not selectable), then its quotes.
        assert option_texts(screen) == [
            "Li Qiang visits Berlin",
            '  "We want open markets,"',
            '  "Trade must be fair,"',
            "Trade talks resume",
            '  "Ports are the heart of trade,"',
        ]
        assert screen.query_one(OptionList).highlighted == 1
        await pilot.press("down", "down")  # over the second header
        assert screen.query_one(OptionList).highlighted == 4
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)
        view = app.query_one(ArticleView)
        assert view.article.title == "Trade talks resume"
        start, end = view.matches[view.current_match]
        assert view.article.body[start:end] == '"Ports are the heart of trade,"'
        assert view.scroll_y > 0 and on_screen(view, start)
        last = [w for w in view.query(Block) if w.index == len(view.article.blocks) - 1][0]
        assert CURRENT_MATCH_STYLE in {str(span.style) for span in last.render().spans}
        assert view.has_focus


async def test_escape_goes_back_one_level(library):
    folder, _ = library
    app = LimelightApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_people(pilot, "p")
        await pilot.press("down", "enter")  # Olaf Scholz's quotes
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.person == "Olaf Scholz"
        await pilot.press("escape")
        assert app.screen is screen and screen.level == "people"
        assert screen.query_one(OptionList).highlighted == 1  # still on Olaf Scholz
        assert screen.filter_input.has_focus
        await pilot.press("escape")
        assert not isinstance(app.screen, PeopleScreen)


async def test_people_empty_library_says_so(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, ARTICLES[2:])
    app = LimelightApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = await open_people(pilot, "p")
        assert option_texts(screen) == [EMPTY]
        await pilot.press("enter", "down")  # nothing to choose; nothing breaks
        assert app.screen is screen and screen.level == "people"


@dataclass(frozen=True)
class _Person:
    name: str
    aliases: tuple[str, ...] = ()
    articles: int = 1
    mentions: int = 1
    quotes: int = 1


class SlowIndex:
    """An index whose people() waits for the test: the screen must not."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def people(self, limit=None):
        self.release.wait(10)
        return [_Person("Ada [b]Lovelace[/b]")]

    def quotes(self, speaker=None, article_id=None):
        return []


async def test_people_load_in_a_worker_with_a_loading_line(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, ARTICLES[2:])
    app = LimelightApp([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        index = SlowIndex()
        app.workspace._index = index
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        assert option_texts(screen) == [LOADING]  # drawn while the index is busy
        await pilot.press("x")  # the interface still answers
        assert screen.filter_input.value == "x"
        await pilot.press("backspace")
        index.release.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert option_texts(screen)[0].startswith("Ada [b]Lovelace[/b]")  # never markup


async def test_quotes_panel_underlines_attribution_and_p_goes_to_people(library):
    folder, articles = library
    berlin = articles["Li Qiang visits Berlin"]
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article.id == berlin.id
        await pilot.press("w")
        quotes = app.query_one(QuotesList)
        assert quotes.has_focus
        quote = view.analysis.quotes[0]
        assert view.attribution == [
            (quote.speaker_start, quote.speaker_end),
            (quote.cue_start, quote.cue_end),
        ]
        body = view.article.body
        assert body[quote.speaker_start : quote.speaker_end] == "Mr Li"
        block = view.query(Block)[1]
        underlined = {
            block.block_text[s.start : s.end]
            for s in block.render().spans
            if str(s.style) == ATTRIBUTION_STYLE
        }
        assert underlined == {"Mr Li", "said"}
        # The described source is marked as such in the panel.
        await pilot.press("down", "down", "down")
        described = quotes.current_entry.quote
        assert quotes.current_entry.part == "body" and described.speaker_kind == "described"
        prompt = quotes.get_option_at_index(3).prompt
        assert "described source" in str(prompt)
        assert view.attribution[0] == (described.speaker_start, described.speaker_end)
        await pilot.press("p")  # a described source is nobody to look up
        assert not isinstance(app.screen, PeopleScreen)
        await pilot.press("up", "up", "up")  # back to Mr Li's quote
        screen = await open_people(pilot, "p")
        assert screen.level == "quotes" and screen.person == "Li Qiang"
        assert len([v for v in screen.values if v is not None]) == 3
        await pilot.press("escape")  # one level up: the people list, on Li Qiang
        assert screen.level == "people"
        assert screen.values[screen.query_one(OptionList).highlighted].name == "Li Qiang"
        await pilot.press("escape")
        await pilot.pause()
        assert quotes.has_focus
        await pilot.press("w")  # closing the panel clears the underline
        assert not app.query_one(SidePanel).has_class("shown")
        assert view.attribution == []
        assert all(
            str(s.style) != ATTRIBUTION_STYLE for w in view.query(Block) for s in w.render().spans
        )


# An article quoting Li Qiang in its title, its dek and its body (at the top
# and, past a screenful of paragraphs, at the end).
HEADS = (
    "summit.txt",
    '"We will not back down," says Li Qiang\n\n'
    '"Markets must stay open," Li Qiang told the summit on Monday.\n\n'
    '"Ships are late," Mr Li said in Berlin.\n\n'
    + PADDING
    + '\n\n"Ports are the heart of trade," Mr Li said in Hamburg.\n',
    (
        ('"Ships are late,"', "Li Qiang", "person", "Mr Li", "said"),
        ('"Ports are the heart of trade,"', "Li Qiang", "person", "Mr Li", "said"),
    ),
    {
        "title": (('"We will not back down,"', "Li Qiang", "person", "Li Qiang", "says"),),
        "dek": (('"Markets must stay open,"', "Li Qiang", "person", "Li Qiang", "told"),),
    },
)


def underlined(widget: Static, text: str) -> set[str]:
    """The parts of ``text`` (what ``widget`` shows) drawn with the attribution's style."""
    return {
        text[s.start : s.end] for s in widget.render().spans if str(s.style) == ATTRIBUTION_STYLE
    }


def styled_with(widget: Static, text: str, style: str) -> set[str]:
    return {text[s.start : s.end] for s in widget.render().spans if str(s.style) == style}


async def test_quotes_panel_lists_the_title_and_dek_quotes_first(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, (HEADS,))
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        article = view.article
        title = view.query_one(".title", Static)
        dek = view.query_one(".dek", Static)
        await pilot.press("w")
        quotes = app.query_one(QuotesList)
        # Reading order: the title's, the dek's, then the body's, with their speakers.
        assert [(v.part, v.quote.text) for v in quotes.values] == [
            ("title", '"We will not back down,"'),
            ("dek", '"Markets must stay open,"'),
            ("body", '"Ships are late,"'),
            ("body", '"Ports are the heart of trade,"'),
        ]
        prompts = [str(quotes.get_option_at_index(i).prompt) for i in range(4)]
        assert prompts[0].splitlines()[1] == "— Li Qiang · in the title"
        assert prompts[1].splitlines()[1] == "— Li Qiang · in the standfirst"
        assert prompts[2].splitlines()[1] == "— Li Qiang"
        # The title's quote is highlighted: its attribution is underlined in the title.
        assert view.attribution_part == "title"
        assert underlined(title, article.title) == {"Li Qiang", "says"}
        assert underlined(dek, article.dek) == set()
        assert all(not underlined(block, block.block_text) for block in view.query(Block))
        await pilot.press("down")
        assert view.attribution_part == "dek"
        assert underlined(dek, article.dek) == {"Li Qiang", "told"}
        assert underlined(title, article.title) == set()
        await pilot.press("down")  # the body's first: underlined in its block
        first = view.query(Block)[0]
        assert underlined(first, first.block_text) == {"Mr Li", "said"}
        assert underlined(dek, article.dek) == set()
        # enter on the dek's quote: the top of the article, where the dek is.
        await pilot.press("down", "up", "up")
        assert quotes.current_entry.part == "dek"
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus and view.scroll_y == 0
        assert underlined(dek, article.dek) == {"Li Qiang", "told"}


async def test_highlighting_a_quote_scrolls_the_article_to_it(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, (HEADS[:3],))  # the body's quotes only
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("w")
        quotes = app.query_one(QuotesList)
        assert view.scroll_y == 0  # opening the panel leaves the reading place alone
        await pilot.press("down")  # the last paragraph's quote, off-screen
        await pilot.pause()
        quote = view.analysis.quotes[1]
        assert quote.text == '"Ports are the heart of trade,"'
        assert view.scroll_y > 0
        assert on_screen(view, quote.start) and on_screen(view, quote.cue_end - 1)
        last = view.query(Block)[-1]
        assert underlined(last, last.block_text) == {"Mr Li", "said"}
        assert quotes.has_focus  # the panel keeps the focus
        await pilot.press("up")  # back to the first paragraph's
        await pilot.pause()
        assert on_screen(view, view.analysis.quotes[0].start)
        assert quotes.has_focus


async def test_highlighting_a_dek_quote_scrolls_to_the_top(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, (HEADS,))
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("w", "end")  # the body's last quote, far down
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("up", "up")  # the dek's
        await pilot.pause()
        quotes = app.query_one(QuotesList)
        assert quotes.current_entry.part == "dek"
        assert view.scroll_y == 0 and quotes.has_focus


async def test_j_and_k_move_in_the_panel_lists(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, (HEADS,))
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("w")
        quotes = app.query_one(QuotesList)
        await pilot.press("j", "j")
        assert quotes.highlighted == 2 and quotes.has_focus
        await pilot.press("k")
        assert quotes.highlighted == 1
        assert view.attribution_part == "dek"  # as the arrow keys do
        await pilot.press("e")
        entities = app.query_one("#entities", OptionList)
        await pilot.press("j")
        assert entities.highlighted == 1 and entities.has_focus
        await pilot.press("k")
        assert entities.highlighted == 0
        assert view.scroll_y == 0  # the article did not scroll under the panel


async def test_people_quote_in_the_dek_is_highlighted_there(tmp_path):
    folder = tmp_path / "lib"
    make_library(folder, (HEADS, *ARTICLES[1:]))
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        screen = await open_people(pilot, "p")
        await pilot.press(*"li q", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.person == "Li Qiang"
        options = screen.query_one(OptionList)
        dek_hit = next(i for i, v in enumerate(screen.values) if v and v.part == "dek")
        options.highlighted = dek_hit
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PeopleScreen)
        article = view.article
        assert article.title == HEADS[1].split("\n")[0]
        quote = '"Markets must stay open,"'
        dek = view.query_one(".dek", Static)
        assert styled_with(dek, article.dek, CURRENT_MATCH_STYLE) == {quote}
        count = str(app.query_one("#search-count", Static).render())
        summary = str(app.query_one("#search-summary", Static).render())
        assert count == "1/1" and summary.startswith("quote by Li Qiang")
        start = article.dek.index(quote)
        assert view.head_match == ("dek", start, start + len(quote))
        assert view.matches == [] and view.scroll_y == 0
        assert view.has_focus
        await pilot.press("n")  # the one match: it stays
        assert view.head_match is not None
        await pilot.press("escape")  # cleared like a body match
        assert view.head_match is None
        assert styled_with(dek, article.dek, CURRENT_MATCH_STYLE) == set()


async def test_title_and_dek_entities_are_highlighted(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Li Qiang visits Berlin\n\n"
        "The Chinese premier met Olaf Scholz to talk about trade.\n\n"
        "The visit lasted two days, and Mr Li met business leaders.\n",
        encoding="utf-8",
    )
    app = LimelightApp([folder])  # no seeded cache: the app analyses the article itself
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.analysis is not None
        title = view.query_one(".title", Static)
        dek = view.query_one(".dek", Static)

        def styled(widget: Static, text: str) -> dict[str, str]:
            return {text[s.start : s.end]: str(s.style) for s in widget.render().spans}

        assert styled(title, view.article.title).get("Li Qiang") == PERSON_STYLE
        assert styled(dek, view.article.dek).get("Olaf Scholz") == PERSON_STYLE
        await pilot.press("2")  # the person layer off: title and dek follow
        assert "Li Qiang" not in styled(title, view.article.title)
        assert "Olaf Scholz" not in styled(dek, view.article.dek)


async def test_entities_panel_one_entry_per_person(library):
    """One entry a person, counting the title's and the dek's mentions, with
    their other names; enter steps through the body's mentions."""
    folder, _ = library
    app = LimelightApp([folder])
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        people = [e for e in view.analysis.entities if e.label == "PERSON" and e.name == "Li Qiang"]
        assert [e.text for e in people] == ["Li Qiang", "Mr Li", "Mr Li"]
        assert [e.text for e in view.analysis.title.entities] == ["Li Qiang", "Berlin"]
        assert [e.text for e in view.analysis.dek.entities] == ["Chinese", "Olaf Scholz"]
        await pilot.press("e")
        entities = app.query_one("#entities")
        texts = [str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)]
        assert sum(1 for text in texts if text.startswith("Li ")) == 1
        # Three in the body and one in the title; also named Mr Li.
        first, others = texts[0].splitlines()
        assert first.startswith("Li Qiang") and "4×" in first and "1 in title/standfirst" in first
        assert others == "also Mr Li"
        scholz = next(text for text in texts if text.startswith("Olaf Scholz"))
        assert "2×" in scholz and "1 in title/standfirst" in scholz and "also" not in scholz
        chinese = next(text for text in texts if text.startswith("Chinese"))
        assert "1×" in chinese  # named only in the dek
        hint = str(app.query_one("#panel-hint", Static).render())
        assert "not those of the title or standfirst" in hint
        await pilot.press("enter")
        assert view.matches == [(e.start, e.end) for e in people]
        await pilot.press("n")
        assert view.current_match == 1
        # An entity of the dek alone has no body mention to step through.
        await pilot.press("e")
        entities.highlighted = texts.index(chinese)
        await pilot.press("enter")
        await pilot.pause()
        assert view.matches == [(e.start, e.end) for e in people]  # unchanged
        assert view.scroll_y == 0


def test_people_view_snapshot(snap_compare, tmp_path):
    folder = tmp_path / "lib"
    make_library(folder)

    async def open_people_view(pilot):
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("l")  # both match: the matched letters are marked

    assert snap_compare(
        LimelightApp([folder]), terminal_size=(100, 30), run_before=open_people_view
    )
