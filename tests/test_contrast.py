"""Highlight colours read (WCAG AA, 4.5:1) in every built-in Textual theme.

The contrast math (reader/colours.py) on its own first, then the app itself:
the colours it draws, as its compositor renders them, in every theme.
"""

from __future__ import annotations

import colorsys

import pytest
from rich.color import Color as RichColor
from textual.style import Style
from textual.theme import BUILTIN_THEMES

from reader.colours import (
    AA,
    CURSOR,
    HEADING,
    MARK,
    QUOTE_BACKGROUND,
    TEXT,
    TINTS,
    Scheme,
    blend,
    contrast,
    distance,
    highlight_palette,
    readable,
    relative_luminance,
    rgb,
    worst_contrast,
)
from reader.config import DEFAULT_COLOURS
from reader.ui.app import LimelightApp
from reader.ui.layers import LAYERS, STYLES, variable
from tests.helpers import settle, write

# -- the math -------------------------------------------------------------------------


def test_luminance_of_black_white_and_grey():
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#ffffff") == pytest.approx(1)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)  # sRGB mid grey
    assert relative_luminance("#ff0000") == pytest.approx(0.2126, abs=1e-4)  # red's weight


def test_contrast_of_known_pairs():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#3a7bd5", "#3a7bd5") == 1
    # The lightest grey that passes AA on white, and the one just past it.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") < AA
    # The examples: light green on light grey, brown on cream.
    assert contrast("#7ee787", "#e0e0e0") < 1.5


def test_colours_are_read_as_hex_only():
    assert rgb("#0a0B0c") == (10, 11, 12)
    with pytest.raises(ValueError):
        rgb("red")
    with pytest.raises(ValueError):
        rgb("#abc")


def test_blend_goes_from_one_colour_to_the_other():
    assert blend("#000000", "#ffffff", 0) == "#000000"
    assert blend("#000000", "#ffffff", 1) == "#ffffff"
    assert blend("#000000", "#ffffff", 0.5) == "#808080"


def test_a_readable_colour_is_kept_and_an_unreadable_one_keeps_its_hue():
    assert readable("#6cb6ff", ["#121212"]) == "#6cb6ff"
    darker = readable("#7ee787", ["#e0e0e0"])
    assert contrast(darker, "#e0e0e0") >= AA
    hue = colorsys.rgb_to_hls(*(c / 255 for c in rgb("#7ee787")))[0]
    assert colorsys.rgb_to_hls(*(c / 255 for c in rgb(darker)))[0] == pytest.approx(hue, abs=0.02)
    assert relative_luminance(darker) < relative_luminance("#7ee787")


def test_readable_against_several_backgrounds_reads_on_all():
    grounds = ["#fdf6e3", "#eee8d5", "#d8d0b8"]
    colour = readable("#f0e68c", grounds)
    assert worst_contrast(colour, grounds) >= AA


def test_distance_is_zero_for_one_colour_and_large_for_black_and_white():
    assert distance("#123456", "#123456") == pytest.approx(0, abs=1e-6)
    assert distance("#000000", "#ffffff") == pytest.approx(100, abs=0.5)


LIGHT = Scheme(
    dark=False,
    backgrounds=("#e0e0e0", "#d8d8d8", "#d0d0d0"),
    foreground="#1f1f1f",
    primary="#004578",
    accent="#fea62b",
    warning="#fea62b",
)


def test_a_light_palette_reads_on_its_backgrounds_and_tints():
    palette = highlight_palette(LIGHT)
    grounds = (*LIGHT.backgrounds, *(palette[name] for name in TINTS))
    for name in (*DEFAULT_COLOURS, TEXT, HEADING):
        assert worst_contrast(palette[name], grounds) >= AA, name
    for tint in (QUOTE_BACKGROUND, CURSOR, MARK):
        assert distance(palette[tint], LIGHT.background) >= 3, tint  # it shows
    entities = [palette[name] for name in DEFAULT_COLOURS if name != "QUOTES"]
    assert min(distance(a, b) for i, a in enumerate(entities) for b in entities[i + 1 :]) >= 5


def test_the_readers_colours_win_in_every_theme():
    palette = highlight_palette(LIGHT, {"PERSON": "#ffff00"})
    assert palette["PERSON"] == "#ffff00"  # unreadable here, but the reader's choice
    assert palette["ORG"] == highlight_palette(LIGHT)["ORG"]


# -- in the app ------------------------------------------------------------------------

ARTICLE = (
    "Harbour talks\n\n"
    "The port was quiet on the morning of the vote, and the boats stayed in.\n\n"
    "\u201cLisbon is ready to sign,\u201d said Maria Lopez, the harbour master, on Monday 4 March 2024.\n\n"
    "Acme Corporation paid $4.5 million, up 12 percent, for 300 tonnes of steel before the "
    "Olympic Games. Portuguese and Spanish fishermen agreed.\n"
)
# What the article's words are drawn as (the layer whose colour they take).
WORDS = {
    "Maria Lopez": "PERSON",
    "Acme Corporation": "ORG",
    "Lisbon": "PLACE",
    "Portuguese": "NORP",
    "Monday 4 March 2024": "DATE",
    "$4.5 million": "MONEY",
    "12 percent": "PERCENT",
    "300 tonnes": "QUANTITY",
    "Olympic Games": "EVENT",
    " is ready to sign,\u201d": "QUOTES",
}
# What can be laid over highlighted text: the reader's marks, the cursor, the
# selection, the quote chosen in the quotes panel, the find matches.
OVERLAYS = ("HIGHLIGHT", "NOTE", "CURSOR", "SELECTION", "ATTRIBUTION", "MATCH", "CURRENT_MATCH")


def _hex(colour: RichColor | None, app, *, foreground: bool) -> str:
    """A drawn colour as ``#rrggbb``, the terminal's own colours as the app's
    ANSI theme has them (what Textual assumes the terminal draws)."""
    if colour is None:
        colour = RichColor.default()
    return colour.get_truecolor(app.ansi_theme, foreground=foreground).hex


def drawn(app, widget=None) -> list[tuple[str, str, str, Style]]:
    """Every segment on screen (or in ``widget``'s region) as (text,
    foreground, background, style)."""
    out = []
    region = widget.region if widget is not None else None
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style, at = segment.style, x
            x += segment.cell_length
            if style is None or not segment.text.strip():
                continue
            if region is not None and not region.contains(at, y):
                continue
            out.append(
                (
                    segment.text,
                    _hex(style.color, app, foreground=True),
                    _hex(style.bgcolor, app, foreground=False),
                    Style.from_rich_style(style),
                )
            )
    return out


def layer_colours(app) -> dict[str, str]:
    """The text colour of each layer in the app's current theme, as it parses it."""
    return {
        layer.name: app.stylesheet.parse_style(layer.style).foreground.hex.lower()
        for layer in LAYERS
    }


def overlaid(app, segment: tuple[str, str, str, Style], overlay: str) -> tuple[str, str]:
    """(foreground, background) of a drawn segment with an overlay's style laid
    over it, as the app paints it (the later style's colours win; a translucent
    one is laid over what is under it)."""
    _, fg, bg, _ = segment
    style = app.stylesheet.parse_style(STYLES[overlay])
    if style.foreground is not None:
        fg = style.foreground.hex.lower()
    if style.background is not None:
        background = style.background
        if background.a < 1:
            from textual.color import Color

            background = Color.parse(bg) + background
        bg = background.hex.lower()
    return fg, bg


@pytest.fixture
def article(tmp_path):
    return write(tmp_path, "harbour.txt", ARTICLE)


async def test_every_layer_reads_on_its_background_in_every_builtin_theme(article):
    """For every built-in theme: each layer's words as drawn (in the text, the
    legend and the entities panel) on the background drawn under them, and
    each overlay laid over them and over the plain text: at least 4.5:1."""
    app = LimelightApp(paths=[article])
    failures: list[str] = []
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.action_panel("entities")
        await settle(pilot)
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            await pilot.pause()
            colours = layer_colours(app)
            segments = drawn(app)
            by_colour = {colour: layer for layer, colour in colours.items()}
            painted = [s for s in segments if s[1] in by_colour]
            found = {by_colour[s[1]] for s in painted}
            assert found == set(colours), (name, set(colours) - found)  # every layer drawn
            for text, fg, bg, _ in painted:
                ratio = contrast(fg, bg)
                if ratio < AA:
                    failures.append(f"{name}: {by_colour[fg]} {text!r} {fg} on {bg}: {ratio:.2f}")
            in_text = drawn(app, app.article_view)
            article_words = [s for s in in_text if s[1] in by_colour]
            assert {by_colour[s[1]] for s in article_words} == set(colours), name
            body = [s for s in in_text if " paid " in s[0]]  # the body's own text
            assert body, name
            for segment in article_words + body:
                for overlay in OVERLAYS:
                    fg, bg = overlaid(app, segment, overlay)
                    ratio = contrast(fg, bg)
                    if ratio < AA:
                        failures.append(
                            f"{name}: {overlay} over {segment[0]!r}: {fg} on {bg}: {ratio:.2f}"
                        )
    assert not failures, "\n".join(failures)


async def test_layers_stay_apart_in_every_builtin_theme(article):
    """No two entity layers get one colour (or two hard to tell apart), and the
    tints under text show on the pane, in every theme."""
    app = LimelightApp(paths=[article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            colours = layer_colours(app)
            entities = [colours[layer] for layer in colours if layer != "QUOTES"]
            closest = min(distance(a, b) for i, a in enumerate(entities) for b in entities[i + 1 :])
            assert closest >= 5, (name, closest)
            pane = next(bg for text, _, bg, _ in drawn(app) if " paid " in text)
            variables = app.stylesheet._variables
            for tint in TINTS:
                assert distance(variables[variable(tint)], pane) >= 3, (name, tint)


async def test_changing_the_theme_recolours_the_highlights_at_once(article):
    app = LimelightApp(paths=[article])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def person() -> tuple[str, str]:
            return next((fg, bg) for text, fg, bg, _ in drawn(app) if text == "Maria Lopez")

        dark = person()
        assert dark[0] == DEFAULT_COLOURS["PERSON"]  # the shipped colour reads on the dark default
        app.theme = "textual-light"
        await pilot.pause()
        light = person()
        assert light != dark and contrast(*light) >= AA
        assert contrast(dark[0], light[1]) < AA  # the old colour would not have read


async def test_a_long_article_is_recoloured_too(tmp_path):
    """A very long article is drawn line by line (LongText), its lines cached:
    a new theme draws them in its palette all the same."""
    paragraphs = "\n\n".join(f"Paragraph {n}: Maria Lopez spoke in Lisbon." for n in range(1600))
    path = write(tmp_path, "long.txt", f"Long talks\n\n{paragraphs}\n")
    app = LimelightApp(paths=[path])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.article_view.long_text is not None

        def person() -> tuple[str, str]:
            return next(
                (fg, bg)
                for text, fg, bg, _ in drawn(app, app.article_view)
                if text == "Maria Lopez"
            )

        before = person()
        app.theme = "textual-light"
        await pilot.pause()
        after = person()
        assert after != before and contrast(*after) >= AA
