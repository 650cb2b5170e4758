"""Per-block highlight spans computed from body offsets."""

from __future__ import annotations

from reader.analysis.model import Analysis, Entity, Quote
from reader.library.model import Article, Block
from reader.ui.layers import LAYER_BY_NAME, LAYERS, QUOTES, block_spans, speakers_by_block

ALL = frozenset(layer.name for layer in LAYERS)


def article(*texts: str) -> Article:
    return Article(title="T", blocks=tuple(Block("paragraph", t) for t in texts))


def test_spans_are_moved_into_their_block():
    art = article("Mr Li spoke.", "Putin replied.")
    body = art.body
    start = body.index("Putin")
    analysis = Analysis(entities=(Entity(start, start + 5, "PERSON", "Putin"),))
    spans = block_spans(art, analysis, ALL)
    assert spans[0] == []
    assert spans[1] == [(0, 5, LAYER_BY_NAME["PERSON"].style)]


def test_a_span_crossing_blocks_is_cut_at_the_separator():
    art = article("“Open quote", "continues here”")
    quote = Quote(0, len(art.body), art.body, None)
    spans = block_spans(art, Analysis(quotes=(quote,)), ALL)
    style = LAYER_BY_NAME[QUOTES].style
    assert spans == [[(0, 11, style)], [(0, 15, style)]]


def test_disabled_layers_are_left_out_and_cursor_paints_last():
    art = article("Li met Putin in Moscow.")
    analysis = Analysis(
        entities=(Entity(0, 2, "PERSON", "Li"), Entity(16, 22, "PLACE", "Moscow")),
        sentences=((0, 23),),
    )
    spans = block_spans(art, analysis, ALL - {"PLACE"}, cursor=(0, 23))
    labels = [style for _, _, style in spans[0]]
    assert LAYER_BY_NAME["PLACE"].style not in labels
    assert labels[0] == LAYER_BY_NAME["PERSON"].style
    assert spans[0][-1][:2] == (0, 23)


def test_speakers_are_listed_once_per_block():
    art = article("“A,” said Li. “B,” said Li.", "“C,” said Xi.")
    c = art.body.index("“C")
    analysis = Analysis(
        quotes=(Quote(0, 4, "“A,”", "Li"), Quote(14, 18, "“B,”", "Li"), Quote(c, c + 4, "“C,”", "Xi"))
    )
    assert speakers_by_block(art, analysis) == [["Li"], ["Xi"]]


def test_every_style_takes_its_colours_from_the_theme_palette():
    """Each highlight style names its colours as palette variables, and every
    theme's palette defines each one (an undefined one would fail to draw)."""
    import re

    from textual._ansi_theme import ALABASTER, MONOKAI
    from textual.theme import BUILTIN_THEMES

    from reader.ui.layers import STYLES
    from reader.ui.palette import theme_variables

    used = {name for style in STYLES.values() for name in re.findall(r"\$([\w-]+)", style)}
    assert used and all(name.startswith("limelight-") for name in used)
    assert not re.search(r"#[0-9a-fA-F]{3,6}", " ".join(STYLES.values()))  # no fixed colour
    for theme in BUILTIN_THEMES.values():
        defined = theme_variables(theme, MONOKAI if theme.dark else ALABASTER)
        assert used <= set(defined), theme.name
        assert all(re.fullmatch(r"#[0-9a-f]{6}", colour) for colour in defined.values())


def test_the_palette_made_from_textuals_variables_is_the_one_made_from_the_theme():
    """The app hands the palette the variables Textual made for the theme (so
    the colour system is generated once); the palette is the same either way."""
    from textual.app import App

    from reader.ui.palette import theme_variables

    app = App()
    for name, theme in app.available_themes.items():
        app.theme = name
        made = App.get_css_variables(app)
        assert theme_variables(theme, app.ansi_theme, variables=made) == theme_variables(
            theme, app.ansi_theme
        ), name


def test_resolve_puts_a_palettes_colours_in_a_style():
    from reader.colours import FIXED_PALETTE
    from reader.ui.layers import CURRENT_MATCH_STYLE, resolve

    assert resolve(LAYER_BY_NAME[QUOTES].style, FIXED_PALETTE) == "italic #f2d49b on #3b3322"
    assert resolve(CURRENT_MATCH_STYLE, FIXED_PALETTE) == "bold #000000 on #ff8c1a"
    assert resolve("underline", FIXED_PALETTE) == "underline"
