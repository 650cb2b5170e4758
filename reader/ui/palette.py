"""The highlight palette of a Textual theme, as CSS variables.

The highlight styles (``reader/ui/layers.py``) name their colours as
variables (``$limelight-person``, ``$limelight-cursor``…); the app defines
them from its theme here, so changing the theme recolours every highlight at
once. The colours themselves come from :func:`reader.colours.highlight_palette`
(pure contrast math); this module only turns a theme into the solid colours
it draws with (translucent colours laid over what is under them, ``ansi_*``
colours as the terminal theme Textual assumes draws them).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rich.terminal_theme import TerminalTheme
from textual.color import Color
from textual.theme import Theme

from reader.colours import Scheme, highlight_palette
from reader.ui.layers import variable

# The focus tints of the article pane (styles/app.tcss: ArticleView:focus)
# and of the side panel's lists (Textual's OptionList:focus).
FOCUS_TINT = 0.02
LIST_FOCUS_TINT = 0.05


def _solid(value: str, under: Color, terminal: TerminalTheme, *, text: bool = False) -> Color:
    colour = Color.parse(value)
    if colour.ansi is not None:
        if colour.ansi < 0:  # the terminal's own default colour
            triplet = terminal.foreground_color if text else terminal.background_color
        else:
            triplet = terminal.ansi_colors[colour.ansi]
        colour = Color(*triplet)
    return under + colour if colour.a < 1 else colour


def scheme(
    theme: Theme, terminal: TerminalTheme, variables: Mapping[str, str] | None = None
) -> Scheme:
    """``theme``'s colours as drawn; ``terminal`` (the app's ``ansi_theme``)
    says what its ``ansi_*`` colours look like. ``variables`` are the theme's
    CSS variables when already made (Textual's ``get_css_variables``), so the
    colour system is not generated twice."""
    if variables is None:
        variables = {**theme.to_color_system().generate(), **theme.variables}
    screen = _solid(variables["background"], Color(*terminal.background_color), terminal)

    def solid(name: str, under: Color = screen, *, text: bool = False) -> Color:
        return _solid(variables[name], under, terminal, text=text)

    foreground = solid("foreground", text=True)
    backgrounds = (
        screen,  # the article pane
        screen.tint(foreground.with_alpha(FOCUS_TINT)),  # ... focused
        solid("boost"),  # the legend
        solid("panel"),  # the side panel (entities, quotes)
        solid("panel").tint(foreground.with_alpha(LIST_FOCUS_TINT)),  # ... its list focused
        solid("surface"),  # the People screen
    )
    return Scheme(
        dark=theme.dark,
        backgrounds=tuple(dict.fromkeys(colour.hex.lower() for colour in backgrounds)),
        foreground=foreground.hex.lower(),
        primary=solid("primary").hex.lower(),
        accent=solid("accent").hex.lower(),
        warning=solid("warning").hex.lower(),
    )


def theme_variables(
    theme: Theme,
    terminal: TerminalTheme,
    chosen: Mapping[str, str] | None = None,
    variables: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The CSS variables of ``theme``'s highlight palette; ``chosen`` are the
    reader's own layer colours (``[highlights]``), which win. ``variables``:
    see :func:`scheme`."""
    colours = scheme(theme, terminal, variables)
    return dict(_variables(colours, tuple(sorted((chosen or {}).items()))))


@lru_cache(maxsize=64)
def _variables(colours: Scheme, chosen: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    # Textual asks again at every CSS refresh: the palette is made once a theme.
    palette = highlight_palette(colours, dict(chosen))
    return tuple((variable(name), colour) for name, colour in palette.items())
