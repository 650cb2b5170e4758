"""The config file as the reader meets it: in the app and in `limelight config`."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from reader.ui.app import LimelightApp
from reader.ui.article_list import ArticleList
from tests.helpers import settle

ROOT = Path(__file__).resolve().parent.parent


def library(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir(exist_ok=True)
    for name, title, words in (("a", "Morning tide", 40), ("b", "Apple harvest", 400),
                               ("c", "Zinc prices", 4)):
        body = " ".join(["word"] * words)
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}.\n", encoding="utf-8")
    return folder


def write_config(home: Path, text: str) -> Path:
    path = Path(os.environ["LIMELIGHT_CONFIG"])
    path.write_text(text, encoding="utf-8")
    return path


def titles(app) -> list[str]:
    return [a.title for a in app.query_one(ArticleList).articles]


async def test_the_keymap_theme_layers_and_widths_come_from_the_config(tmp_path, limelight_home):
    write_config(limelight_home, (
        'theme = "nord"\n[sidebar]\nwidth = 30\nsort = "title"\n'
        '[layers]\non = ["quotes", "person"]\n[keymap]\nnext-article = "ctrl+n"\n'
    ))
    app = LimelightApp(paths=[library(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert app.enabled_layers == {"QUOTES", "PERSON"}
        assert app.query_one("#sidebar").outer_size.width == 30
        assert titles(app) == ["Apple harvest", "Morning tide", "Zinc prices"]
        first = app.article_view.article.title
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.article_view.article.title != first
        assert not app.config_problems


async def test_a_broken_config_starts_with_the_defaults_and_says_so_once(tmp_path, limelight_home):
    write_config(limelight_home, '[sidebar]\nwidth = "wide"\n[keymap]\nno-such-binding = "x"\n')
    app = LimelightApp(paths=[library(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications if n.message.startswith("Config:")]
        assert len(messages) == 1
        assert "sidebar.width" in messages[0] and "1 more" in messages[0]
        assert app.query_one("#sidebar").outer_size.width == 36  # the default: 30% of 120
        assert len(titles(app)) == 3


async def test_an_unreadable_config_file_does_not_stop_the_app(tmp_path, limelight_home):
    path = write_config(limelight_home, "theme = [unclosed\n")
    app = LimelightApp(paths=[library(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = [n.message for n in app._notifications if n.message.startswith("Config:")]
        assert len(said) == 1 and f"{path}:1: TOML syntax error" in said[0]
        assert app.article_view.article is not None


async def test_the_theme_chosen_in_the_app_is_kept_unless_the_config_sets_one(
    tmp_path, limelight_home
):
    folder = library(tmp_path)
    app = LimelightApp(paths=[folder])
    async with app.run_test() as pilot:
        app.theme = "gruvbox"
        await settle(pilot)
    again = LimelightApp(paths=[folder])
    async with again.run_test() as pilot:
        await settle(pilot)
        assert again.theme == "gruvbox"
    write_config(limelight_home, 'theme = "dracula"\n')
    config_wins = LimelightApp(paths=[folder])
    async with config_wins.run_test() as pilot:
        await settle(pilot)
        assert config_wins.theme == "dracula"


async def test_sorting_from_the_palette_is_kept_and_unread_articles_are_marked(tmp_path):
    folder = library(tmp_path)
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(app) == ["Morning tide", "Apple harvest", "Zinc prices"]  # as added
        app.set_sort_order("length")
        await settle(pilot)
        assert titles(app) == ["Apple harvest", "Morning tide", "Zinc prices"]
        lines = [app.query_one(ArticleList).render_line(y).text for y in range(6)]
        assert "•" in lines[0] and "•" in lines[4]  # never opened
        assert "•" not in lines[2]  # Morning tide, opened at start
    again = LimelightApp(paths=[folder])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert titles(again) == ["Apple harvest", "Morning tide", "Zinc prices"]


async def test_library_folders_in_the_config_are_read(tmp_path, limelight_home):
    folder = library(tmp_path)
    write_config(limelight_home, f'[library]\nfolders = ["{folder}"]\n')
    app = LimelightApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert sorted(titles(app)) == ["Apple harvest", "Morning tide", "Zinc prices"]


def limelight(home: Path, *args: str):
    env = {**os.environ, "LIMELIGHT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "reader", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_config_check_names_the_file_line_and_key_of_each_problem(limelight_home):
    path = write_config(limelight_home, (
        'theme = "nord"\n\n[sidebar]\nwidth = -3\nsort = "size"\n[highlights]\nperson = "nope"\n'
    ))
    result = limelight(limelight_home, "config", "check")
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert lines[0].startswith(f"{path}:4: sidebar.width: ")
    assert lines[1].startswith(f"{path}:5: sidebar.sort: ")
    assert lines[2].startswith(f"{path}:7: highlights.person: ")
    assert len(lines) == 3


def test_config_init_writes_a_commented_file_once_and_check_accepts_it(limelight_home):
    path = Path(os.environ["LIMELIGHT_CONFIG"])
    assert limelight(limelight_home, "config", "path").stdout.strip() == str(path)
    made = limelight(limelight_home, "config", "init")
    assert made.returncode == 0 and path.exists()
    text = path.read_text(encoding="utf-8")
    assert "# next-article = " in text  # every binding id is listed
    assert tomllib.loads(text) == {"sidebar": {}, "article": {}, "library": {}, "layers": {},
                                   "highlights": {}, "copy": {}, "web": {}, "keymap": {}}
    checked = limelight(limelight_home, "config", "check")
    assert checked.returncode == 0 and "no problems" in checked.stdout
    again = limelight(limelight_home, "config", "init")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == text


def test_config_show_and_keys(limelight_home):
    write_config(limelight_home, '[sidebar]\nwidth = 30\n[keymap]\nquit = "ctrl+q"\n')
    shown = limelight(limelight_home, "config", "show")
    assert shown.returncode == 0
    assert "width = 30\n" in shown.stdout and "width = 76  # default" in shown.stdout
    assert 'quit = "ctrl+q"' in shown.stdout
    keys = limelight(limelight_home, "config", "keys").stdout.split("\n")
    ids = {line.split()[0] for line in keys if line.strip()}
    assert {"next-article", "previous-article", "annotate", "find", "search", "quit"} <= ids


async def test_highlight_colours_come_from_the_config(tmp_path, limelight_home):
    """A colour the file sets is drawn as it is, in every theme; the others
    follow the theme."""
    from tests.test_contrast import drawn

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Talks\n\nThe port was quiet.\n\n"
        "\u201cWe are ready,\u201d said Maria Lopez of Acme Corporation.\n",
        encoding="utf-8",
    )
    write_config(limelight_home, '[highlights]\nperson = "#ff0000"\nquotes = "rgb(0, 0, 255)"\n')
    app = LimelightApp(paths=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def colour_of(text: str) -> str:
            return next(fg for shown, fg, _, _ in drawn(app, app.article_view) if shown == text)

        org = colour_of("Acme Corporation")
        for theme in ("textual-light", "nord"):
            app.theme = theme
            await pilot.pause()
            assert colour_of("Maria Lopez") == "#ff0000"
            assert colour_of("\u201cWe are ready,\u201d") == "#0000ff"
        assert colour_of("Acme Corporation") != org  # not set: the theme's
    assert app.config_problems == []
