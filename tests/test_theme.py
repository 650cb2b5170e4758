"""The theme: chosen from the palette and kept across restarts; named on the
command line with ``limelight --theme NAME`` for one run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.theme import BUILTIN_THEMES

from reader import cli
from reader.ui.app import LimelightApp
from tests.helpers import settle, wait_until
from tests.test_contrast import drawn

ROOT = Path(__file__).resolve().parent.parent


def highlighted_command(app) -> str:
    """The command the palette's list has highlighted ("" while it has none):
    what enter would run. (The palette searches its commands in a worker, so
    what is highlighted follows the keys typed a moment later.)"""
    from textual.command import CommandList

    found = app.screen.query(CommandList)
    if not found or found.first().highlighted is None:
        return ""
    results = found.first()
    prompt = results.get_option_at_index(results.highlighted).prompt
    return getattr(prompt, "plain", str(prompt))


async def choose_theme_from_the_palette(pilot, name: str) -> None:
    """ctrl+p, the Theme command, then the theme by name, as a reader does
    (each enter pressed once the palette highlights what is wanted)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: app.screen.id == "--command-palette")
    await pilot.press(*"theme")
    await wait_until(pilot, lambda: highlighted_command(app).casefold().startswith("theme"))
    await pilot.press("enter")
    # the theme picker: a palette again, listing the themes
    await wait_until(pilot, lambda: highlighted_command(app) in app.available_themes)
    await pilot.press(*name)
    await wait_until(pilot, lambda: highlighted_command(app) == name)
    await pilot.press("enter")
    await wait_until(pilot, lambda: app.theme == name and app.screen.id != "--command-palette")


def person_colour(app) -> str:
    return next(fg for text, fg, _, _ in drawn(app, app.article_view) if text == "Maria Lopez")


ARTICLE = "Harbour talks\n\nThe port was quiet.\n\nMaria Lopez, the harbour master, spoke.\n"


async def test_the_theme_chosen_from_the_palette_is_kept_across_a_restart(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    first = LimelightApp(paths=[tmp_path / "a.txt"])
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dark = person_colour(first)
        await choose_theme_from_the_palette(pilot, "catppuccin-latte")
        await pilot.pause()
        light = person_colour(first)
        assert light != dark  # recoloured at once
    again = LimelightApp(paths=[tmp_path / "a.txt"])
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "catppuccin-latte"
        assert person_colour(again) == light  # and its palette with it


async def test_the_theme_named_on_the_command_line_is_for_that_run(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    kept = LimelightApp(paths=[tmp_path / "a.txt"])
    async with kept.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose_theme_from_the_palette(pilot, "nord")
    given = LimelightApp(paths=[tmp_path / "a.txt"], theme="solarized-light")
    async with given.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert given.theme == "solarized-light"
    plain = LimelightApp(paths=[tmp_path / "a.txt"])
    async with plain.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert plain.theme == "nord"  # --theme did not replace the reader's choice
        # ... but a theme chosen during a --theme run is kept
    chosen = LimelightApp(paths=[tmp_path / "a.txt"], theme="solarized-light")
    async with chosen.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await choose_theme_from_the_palette(pilot, "gruvbox")
    last = LimelightApp(paths=[tmp_path / "a.txt"])
    async with last.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert last.theme == "gruvbox"


def test_the_command_line_starts_the_app_in_the_theme_named(monkeypatch, tmp_path):
    started = []

    def run(app) -> None:
        started.append(app.theme)

    monkeypatch.setattr(LimelightApp, "run", run)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["--theme", "dracula", str(tmp_path / "a.txt")]) == 0
    assert started == ["dracula"]


def test_an_unknown_theme_is_one_line_naming_the_themes_and_no_app(monkeypatch, capsys):
    monkeypatch.setattr(LimelightApp, "run", lambda app: (_ for _ in ()).throw(AssertionError))
    assert cli.main(["--theme", "nrod"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith('limelight: unknown theme "nrod" (did you mean "nord"?)')
    assert all(name in lines[0] for name in BUILTIN_THEMES)


def test_an_unknown_theme_from_the_shell(limelight_home):
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--theme", "no-such-theme"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "textual-light" in result.stderr


def test_the_help_names_the_option(capsys):
    try:
        cli.main(["--help"])
    except SystemExit as stop:
        assert stop.code == 0
    assert "--theme NAME" in capsys.readouterr().out
