"""A long file is parsed once however many times it is read unchanged.

A start reads the article it opens several times: the scan lists it, the
reader shows it, the analysis and the search index read it.
:func:`reader.library.loader.load_file` keeps the last long files read, by
path and the file's identity, size and times, whatever their format. The
app also holds the analysis and the index back until the first text is
drawn, so they do not compete with the first paint.
"""

from __future__ import annotations

import pytest
from textual.app import App

from reader.library import importers, loader
from reader.library.importers import Importer
from reader.ui.app import LimelightApp
from reader.ui.article_view import ArticleView
from reader.ui.long_text import LongText
from reader.ui.reader_pane import ReaderPane
from reader.ui.sidebar import LibrarySidebar
from tests.helpers import settle, wait_until


def paragraph(index: int) -> str:
    return (
        f"Paragraph {index} of the long river. The miller watched the water go by "
        f"every morning while his daughter read letters from the city."
    )


def long_text(marker: str = "quokka") -> str:
    """About 90 KB of text: over REMEMBER_MIN_BYTES, and a long article."""
    body = "\n\n".join(paragraph(index) for index in range(700))
    return f"The Long River\n\n{body}\n\nA {marker} smiled at the end.\n"


@pytest.fixture
def parses(monkeypatch):
    """The sources a counting importer (``.counted`` files, read as plain
    text) parsed; file times are trusted however recent (the tests' files are
    written just before they are read)."""
    calls: list[str] = []
    plain = importers.default().parser

    def parse(text, **options):
        calls.append(options["source"])
        return plain(text, **options)

    importers.register(Importer("counted", (".counted",), parse))
    monkeypatch.setattr(loader, "RECENT_NS", -(10**9))
    loader.forget_files()
    yield calls
    importers.unregister("counted")
    loader.forget_files()


def test_a_long_file_read_again_unchanged_is_parsed_once(tmp_path, parses):
    path = tmp_path / "river.counted"
    path.write_text(long_text(), encoding="utf-8")
    first = loader.load_file(path)
    assert first.ok and first.title == "The Long River"
    assert loader.load_file(path) is first
    assert loader.load_file(str(path)) is first
    assert parses == [str(path)]


def test_a_changed_file_is_read_again(tmp_path, parses):
    path = tmp_path / "river.counted"
    path.write_text(long_text("quokka"), encoding="utf-8")
    first = loader.load_file(path)
    path.write_text(long_text("wombat and a numbat"), encoding="utf-8")
    changed = loader.load_file(path)
    assert "wombat" in changed.body and changed.id != first.id
    assert len(parses) == 2


def test_a_file_replaced_by_another_of_the_same_size_is_read_again(tmp_path, parses):
    path = tmp_path / "river.counted"
    path.write_text(long_text("quokka"), encoding="utf-8")
    first = loader.load_file(path)
    other = tmp_path / "other.counted"
    other.write_text(long_text("wombat"), encoding="utf-8")  # as long as "quokka"
    other.replace(path)  # an editor's atomic save: another file at the path
    changed = loader.load_file(path)
    assert "wombat" in changed.body and changed.id != first.id


def test_a_file_modified_just_before_it_is_read_is_read_each_time(tmp_path, parses, monkeypatch):
    """Within the clock's granularity a change could leave size and times as
    they were: such a file is not kept."""
    monkeypatch.setattr(loader, "RECENT_NS", 10**12)  # every file is as if just written
    path = tmp_path / "river.counted"
    path.write_text(long_text(), encoding="utf-8")
    loader.load_file(path)
    loader.load_file(path)
    assert len(parses) == 2


def test_short_files_and_unreadable_ones_are_read_each_time(tmp_path, parses):
    short = tmp_path / "short.counted"
    short.write_text("A short one\n\nIt is read again each time.\n", encoding="utf-8")
    loader.load_file(short)
    loader.load_file(short)
    assert parses == [str(short)] * 2
    binary = tmp_path / "binary.counted"
    binary.write_bytes(b"\x00\x01\x02" * 40_000)
    assert loader.load_file(binary).error and loader.load_file(binary).error


def test_only_the_last_few_long_files_are_kept(tmp_path, parses):
    paths = [tmp_path / f"river-{n}.counted" for n in range(loader.REMEMBER_FILES + 1)]
    for path in paths:
        path.write_text(long_text(), encoding="utf-8")
        loader.load_file(path)
    loader.load_file(paths[-1])  # kept
    loader.load_file(paths[0])  # the oldest, let go
    assert parses == [*map(str, paths), str(paths[0])]


async def test_a_start_parses_the_article_it_opens_once(tmp_path, parses, monkeypatch):
    """`limelight FILE` with a fresh data folder: the scan lists the file, the
    reader shows it, the analysis highlights it and the index takes it in,
    from one parse; and the analysis and the index start once it is drawn."""
    path = tmp_path / "river.counted"
    path.write_text(long_text(), encoding="utf-8")
    drawn_when_started: list[tuple[str, bool]] = []

    def drawn() -> bool:
        return any(widget.drawn for widget in app.query(LongText))

    def spy(name: str, method):
        def started(self, *args):
            drawn_when_started.append((name, drawn()))
            return method(self, *args)

        return started

    monkeypatch.setattr(ReaderPane, "_analyse", spy("analysis", ReaderPane._analyse))
    monkeypatch.setattr(LibrarySidebar, "build_index", spy("index", LibrarySidebar.build_index))
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await wait_until(pilot, lambda: view.analysis is not None and not view.analysing)
        await settle(pilot)
        assert view.article.title == "The Long River" and view.long_text is not None
        assert app.sidebar.index_status == ""
        hits = app.workspace.index.search("quokka")
        assert [hit.article_id for hit in hits] == [view.article.id]
    assert parses == [str(path)]
    assert sorted(drawn_when_started) == [("analysis", True), ("index", True)]


async def test_a_start_over_a_known_library_parses_it_once(tmp_path, parses):
    """The second start (a new process: nothing kept in memory) reads the
    article once to show it; what the first start cached stands."""
    path = tmp_path / "river.counted"
    path.write_text(long_text(), encoding="utf-8")
    async with LimelightApp(paths=[path]).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    loader.forget_files()
    parses.clear()
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        await wait_until(pilot, lambda: view.analysis is not None)
        await settle(pilot)
        assert view.article.title == "The Long River"
    assert parses == [str(path)]


# -- what waits for the first paint ---------------------------------------------------


def _book():
    from reader.library.loader import load_text

    return load_text(long_text(), source="river.txt")


class _Shelf(App):
    """One LongText, shown or hidden."""

    def __init__(self, hidden: bool) -> None:
        super().__init__()
        self.hidden = hidden
        self.text = LongText(_book())

    def get_css_variables(self) -> dict[str, str]:
        from reader.ui.palette import theme_variables

        variables = super().get_css_variables()
        variables.update(
            theme_variables(self.current_theme, self.ansi_theme, None, variables=variables)
        )
        return variables

    def compose(self):
        if self.hidden:
            self.text.styles.display = "none"
        yield self.text


async def test_what_waits_for_the_first_paint_runs_once_lines_are_drawn():
    app = _Shelf(hidden=False)
    seen: list[bool] = []
    async with app.run_test(size=(80, 20)) as pilot:
        app.text.when_drawn(lambda: seen.append(app.text.drawn))
        await wait_until(pilot, lambda: seen)
        assert seen == [True] and app.text.lines_rendered > 0
        app.text.when_drawn(lambda: seen.append(app.text.drawn))  # drawn already: soon
        await wait_until(pilot, lambda: len(seen) == 2)


async def test_what_waits_for_the_first_paint_still_runs_if_nothing_is_drawn():
    app = _Shelf(hidden=True)
    seen: list[bool] = []
    async with app.run_test(size=(80, 20)) as pilot:
        app.text.when_drawn(lambda: seen.append(app.text.drawn))
        await wait_until(pilot, lambda: seen)
        assert seen == [False]
        app.text.when_drawn(lambda: seen.append(app.text.drawn))
        await app.text.remove()  # removed before it is drawn: runs then
        await wait_until(pilot, lambda: len(seen) == 2)
