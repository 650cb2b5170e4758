"""Start-up: the first screen shows the article left last time, highlighted,
and a start imports only what that screen needs.

The time it takes is measured by ``benchmarks/startup.py`` (against a bare
Textual app, in a pty), not here.
"""

from __future__ import annotations

import json
import subprocess
import sys

from textual.screen import Screen

from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView, Block
from reader.ui.reader_pane import ReaderPane
from reader.workspace import Workspace
from tests.helpers import settle

NAME = "Li Qiang"  # a person named in the sample article (a highlight)

# Imported only when first used, never by a start whose article has a cached
# analysis: the analysis engine, the search index, the screens and dialogs
# opened by a key, export, fuzzy re-anchoring of notes.
LAZY = (
    "filelock",  # taken by the first write: opening a current database takes no lock
    "hashlib",  # OpenSSL's hashes: an article's id is BLAKE2, hashlib's own C module
    "reader.analysis.entities",
    "reader.analysis.quotes",
    "reader.analysis.speakers",
    "reader.search.index",
    "reader.store.export",
    "reader.store.summary",  # the reading figures: the stats screen's and `limelight stats`
    "reader.ui.contents",
    "reader.ui.dialogs",
    "reader.ui.entities_panel",  # the side panel's lists: imported when it is first shown
    "reader.ui.help",
    "reader.ui.library_search",
    "reader.ui.long_text",  # a long article's line-by-line view
    "reader.ui.notes_panel",
    "reader.ui.panel_list",
    "reader.ui.people",
    "reader.ui.quotes_panel",
    "reader.ui.stats",
    "rapidfuzz",
    "tomllib",  # read only when there is a config file
)


def warm_data_folder() -> str:
    """What a first session leaves behind: the sample library in the catalogue
    cache, the sample's analysis cached, and the sample as the article read
    last. The sample's id."""
    workspace = Workspace()
    try:
        (meta,) = list(workspace.scan())
        article, _ = workspace.load(meta)
        workspace.analysis(article)
        workspace.store.set_last_article(article.id)
    finally:
        workspace.close()
        workspace.store.close()
    return article.id


def first_frame(monkeypatch) -> dict:
    """Filled in when the main screen is first laid out and drawn: the text of
    each block of the article then, and whether it was drawn styled."""
    frame: dict = {}
    original = Screen._refresh_layout

    def refresh_layout(screen, *args, **kwargs):
        if not frame and screen.id == "_default" and screen.size.area:
            frame["blocks"] = [
                (block.block_text, bool(block.render().spans)) for block in screen.query(Block)
            ]
        return original(screen, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", refresh_layout)
    return frame


async def test_the_first_frame_shows_the_article_left_last_time_highlighted(monkeypatch):
    sample = warm_data_folder()
    analysed: list[str] = []
    # The analysis may not be run again: the highlights come from the cache.
    monkeypatch.setattr(ReaderPane, "_analyse", lambda pane, article: analysed.append(article.id))
    frame = first_frame(monkeypatch)
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        assert frame, "the main screen was not drawn"
        blocks = frame["blocks"]
        assert blocks, "the first frame had no article in it"
        named = [styled for text, styled in blocks if NAME in text]
        assert named and all(named), "the first frame drew the article without its highlights"
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.id == sample
        assert not view.analysing
        assert [meta.id for meta in app.library] == [sample]  # and the library is listed
    assert analysed == []


async def test_a_left_article_gone_since_is_not_shown_the_library_opens_another(
    two_articles, monkeypatch
):
    from reader.store import Store

    store = Store()
    store.add_source(two_articles)
    store.close()
    workspace = Workspace()
    try:
        metas = {meta.title: meta for meta in workspace.scan()}
        workspace.store.set_last_article(metas["Beta title"].id)
    finally:
        workspace.store.close()
    (two_articles / "b.txt").unlink()
    frame = first_frame(monkeypatch)
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        assert frame["blocks"] == []  # not an error shown in its place
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.article is not None and view.article.title == "Alpha title"


async def test_without_a_cached_analysis_the_article_is_analysed_after_it_is_shown(monkeypatch):
    warm_data_folder()
    from reader.store import AnalysisCache

    for cached in AnalysisCache().folder.glob("*.json"):
        cached.unlink()
    frame = first_frame(monkeypatch)
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        # Shown at once, plain; the analysis runs in a worker and highlights it.
        named = [styled for text, styled in frame["blocks"] if NAME in text]
        assert named and not any(named)
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.analysis is not None and not view.analysing
        assert all(block.render().spans for block in view.query(Block) if NAME in block.block_text)


async def test_a_large_file_is_read_in_a_worker_not_before_the_first_frame(tmp_path, monkeypatch):
    from reader import workspace as workspace_module

    warm_data_folder()
    monkeypatch.setattr(workspace_module, "READ_AT_ONCE_BYTES", 10)  # the sample is larger
    frame = first_frame(monkeypatch)
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        assert frame["blocks"] == []
        await settle(pilot)
        named = [b for b in app.query_one(ArticleView).query(Block) if NAME in b.block_text]
        assert named and all(block.render().spans for block in named)


# Run in a fresh interpreter: what importing the app loads, and what is loaded
# by the time its first screen is drawn (the data folder warm).
PROBE = r"""
import asyncio, json, sys

imported = set(sys.modules)
from textual.screen import Screen
from reader.ui.app import LimelightApp
from reader.ui.article_view import Block

after_import = sorted(set(sys.modules) - imported)
frame = {}
original = Screen._refresh_layout

def refresh_layout(screen, *args, **kwargs):
    if not frame and screen.id == "_default" and screen.size.area:
        frame["modules"] = sorted(sys.modules)
        frame["styled"] = [bool(b.render().spans) for b in screen.query(Block) if "Li Qiang" in b.block_text]
    return original(screen, *args, **kwargs)

Screen._refresh_layout = refresh_layout

async def main():
    async with LimelightApp().run_test(size=(120, 40)):
        pass

asyncio.run(main())
print(json.dumps({"import": after_import, **frame}))
"""


def test_a_start_imports_only_what_the_first_screen_needs():
    warm_data_folder()
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["styled"] and all(found["styled"]), "the probe's first frame was not highlighted"
    for when in ("import", "modules"):
        loaded = set(found[when])
        assert "reader.ui.app" in set(found["modules"])
        early = [name for name in LAZY if name in loaded]
        assert early == [], f"imported by the {when} of the first screen: {early}"


async def test_the_hidden_find_line_and_side_panel_are_mounted_when_first_shown():
    """A start styles and lays out neither: they hold nothing until first opened."""
    from reader.ui.panels import SidePanel
    from reader.ui.search_bar import SearchBar

    warm_data_folder()
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        bar, panel = app.query_one(SearchBar), app.query_one(SidePanel)
        assert not bar.children and not panel.children
        await pilot.press("e")  # the entities list, filled from the cached analysis
        await settle(pilot)
        entities = app.query_one("#entities")
        assert entities.has_focus
        prompts = [str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)]
        assert any(prompt.startswith(NAME) for prompt in prompts)
        await pilot.press("escape", "/", *"Qiang")
        await settle(pilot)
        assert bar.value == "Qiang" and bar.input.has_focus


async def test_collection_paused_for_the_start_resumes_once_the_first_screen_is_drawn():
    import gc

    from reader import startgc

    warm_data_folder()
    startgc.pause()  # as the command line does before importing the app
    try:
        assert not gc.isenabled()
        app = LimelightApp()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        startgc.resume()
        gc.enable()


def test_resume_leaves_collection_as_it_was_without_a_pause():
    import gc

    from reader import startgc

    gc.disable()  # turned off by someone else: not the start's to turn on
    try:
        startgc.resume()
        assert not gc.isenabled()
    finally:
        gc.enable()
    startgc.resume()
    assert gc.isenabled()


def test_a_start_without_arguments_reads_them_as_the_parser_would():
    """``limelight`` alone skips argparse; what it reads must be the parser's defaults."""
    from reader.cli import _app_args, _main_parser

    assert vars(_app_args([])) == vars(_main_parser().parse_args([]))
    given = _app_args(["a.txt", "--theme", "nord"])
    assert (given.paths, given.theme) == (["a.txt"], "nord")
