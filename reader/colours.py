"""Colour contrast (WCAG 2) and the highlight palette derived from a theme.

Pure core: plain ``#rrggbb`` strings in and out, no Textual, no Rich. The
app resolves its theme into a :class:`Scheme` (``reader/ui/palette.py``) and
asks :func:`highlight_palette` for the colours of every highlight: each text
colour is kept at least :data:`AA` (4.5:1, WCAG AA for body text) from every
background it can be drawn on (the pane and the tints the quotes, the cursor,
the selection and the reader's marks lay under it), keeping the hue it ships
with so the layers stay told apart; the tints and the find matches are made
from the theme's own colours.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from reader.config import DEFAULT_COLOURS
from reader.record import Frozen

AA = 4.5  # WCAG 2 level AA, normal text
# What the palette aims for, a little above AA so the colours keep it after
# rounding to whole ``#rrggbb`` steps and a terminal's own rounding.
TARGET = 4.6

Colour = str  # "#rrggbb"
_HEX = re.compile(r"#?([0-9a-fA-F]{6})")


def rgb(colour: Colour) -> tuple[int, int, int]:
    """``#rrggbb`` as three 0-255 numbers."""
    match = _HEX.fullmatch(colour.strip())
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(match.group(1), 16)
    return value >> 16, (value >> 8) & 0xFF, value & 0xFF


def hex_colour(red: float, green: float, blue: float) -> Colour:
    """Three 0-255 numbers (rounded, clamped) as ``#rrggbb``."""
    parts = (min(255, max(0, round(part))) for part in (red, green, blue))
    return "#{:02x}{:02x}{:02x}".format(*parts)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


@lru_cache(maxsize=4096)
def relative_luminance(colour: Colour) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""
    red, green, blue = rgb(colour)
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast(first: Colour, second: Colour) -> float:
    """WCAG 2 contrast ratio of two colours, 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def worst_contrast(colour: Colour, backgrounds: Iterable[Colour]) -> float:
    """The lowest contrast of ``colour`` against any of ``backgrounds``."""
    return min(contrast(colour, background) for background in backgrounds)


def blend(base: Colour, toward: Colour, amount: float) -> Colour:
    """``base`` moved ``amount`` (0 to 1) of the way to ``toward``: ``toward``
    laid over ``base`` at that opacity."""
    return hex_colour(*(a + (b - a) * amount for a, b in zip(rgb(base), rgb(toward), strict=True)))


def _with_lightness(colour: Colour, lightness: float) -> Colour:
    hue, _, saturation = colorsys.rgb_to_hls(*(part / 255 for part in rgb(colour)))
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return hex_colour(red * 255, green * 255, blue * 255)


def readable(colour: Colour, backgrounds: Iterable[Colour], minimum: float = TARGET) -> Colour:
    """``colour``, or the colour of the same hue and saturation nearest to it in
    lightness (in 1% steps) that is at least ``minimum`` from every one of
    ``backgrounds``.

    A colour that already passes is returned unchanged; when no lightness
    passes, the most readable one (black or white at the ends).
    """
    backgrounds = tuple(backgrounds)
    if worst_contrast(colour, backgrounds) >= minimum:
        return colour
    _, start, _ = colorsys.rgb_to_hls(*(part / 255 for part in rgb(colour)))

    def at(step: int) -> Colour:
        return _with_lightness(colour, min(1.0, max(0.0, start + step / 100)))

    def passes(step: int) -> bool:
        return worst_contrast(at(step), backgrounds) >= minimum

    # Going either way from a colour that fails, the lightnesses that pass
    # are all those past some point (contrast falls toward the backgrounds'
    # luminance and rises past it): find that point each way by bisection.
    found = []
    for end in (round((1 - start) * 100), -round(start * 100)):
        if end == 0 or not passes(end):
            continue
        near, far = 0, end  # near fails, far passes
        while abs(far - near) > 1:
            middle = (near + far) // 2 if end > 0 else -((-near - far) // 2)
            if passes(middle):
                far = middle
            else:
                near = middle
        found.append(far)
    if found:
        return at(min(found, key=abs))
    ends = (at(round((1 - start) * 100)), at(-round(start * 100)))
    return max(ends, key=lambda candidate: worst_contrast(candidate, backgrounds))


def distance(first: Colour, second: Colour) -> float:
    """How far apart two colours look: Euclidean distance in OKLab, times 100
    (about 2 is a just noticeable difference; black to white is 100)."""
    a, b = _oklab(first), _oklab(second)
    return 100 * sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


@lru_cache(maxsize=4096)
def _oklab(colour: Colour) -> tuple[float, float, float]:
    red, green, blue = (_linear(part) for part in rgb(colour))
    long = (0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue) ** (1 / 3)
    medium = (0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue) ** (1 / 3)
    short = (0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue) ** (1 / 3)
    return (
        0.2104542553 * long + 0.7936177850 * medium - 0.0040720468 * short,
        1.9779984951 * long - 2.4285922050 * medium + 0.4505937099 * short,
        0.0259040371 * long + 0.7827717662 * medium - 0.8086757660 * short,
    )


def _from_oklab(lightness: float, a: float, b: float) -> Colour:
    long = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    medium = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    short = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    linear = (
        4.0767416621 * long - 3.3077115913 * medium + 0.2309699292 * short,
        -1.2684380046 * long + 2.6097574011 * medium - 0.3413193965 * short,
        -0.0041960863 * long - 0.7034186147 * medium + 1.7076147010 * short,
    )

    def encode(value: float) -> float:
        value = min(1.0, max(0.0, value))
        return 12.92 * value if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055

    return hex_colour(*(encode(value) * 255 for value in linear))


# -- the palette ----------------------------------------------------------------


class Scheme(Frozen):
    """A theme's colours, as drawn (solid ``#rrggbb``, translucent ones laid
    over what is under them): what the highlight palette is made from.

    ``backgrounds`` are the backgrounds the highlighted text can sit on (the
    article pane, focused or not, the legend, the side panel); the first is
    the pane's, which the tints are made from.
    """

    __slots__ = ("dark", "backgrounds", "foreground", "primary", "accent", "warning")
    dark: bool
    backgrounds: tuple[Colour, ...]
    foreground: Colour
    primary: Colour
    accent: Colour
    warning: Colour

    def __init__(
        self,
        dark: bool,
        backgrounds: tuple[Colour, ...],
        foreground: Colour,
        primary: Colour,
        accent: Colour,
        warning: Colour,
    ) -> None:
        object.__setattr__(self, "dark", dark)
        object.__setattr__(self, "backgrounds", backgrounds)
        object.__setattr__(self, "foreground", foreground)
        object.__setattr__(self, "primary", primary)
        object.__setattr__(self, "accent", accent)
        object.__setattr__(self, "warning", warning)

    @property
    def background(self) -> Colour:
        return self.backgrounds[0]


# The text colour of each layer as shipped: the hue every theme keeps.
LAYER_HUES: Mapping[str, Colour] = DEFAULT_COLOURS

# Every colour of the palette beyond the layers' text colours (the ``TINTS``
# are backgrounds laid under highlighted text).
QUOTES = "QUOTES"
TEXT = "text"  # the article's own text, the theme's foreground made readable on the tints
HEADING = "heading"  # the article's headings, the theme's accent made readable
QUOTE_BACKGROUND = "quote-background"
CURSOR = "cursor"
SELECTION = "selection"
SELECTION_TEXT = "selection-text"
MARK = "mark"  # a passage the reader highlighted or annotated
MATCH = "match"
MATCH_BACKGROUND = "match-background"
CURRENT_MATCH = "current-match"
CURRENT_MATCH_BACKGROUND = "current-match-background"
TINTS = (QUOTE_BACKGROUND, CURSOR, MARK)

# The colours Limelight drew with before the palette followed the theme, made
# for a dark background: what ``limelight analyze`` prints with (it cannot
# know the terminal's background).
FIXED_PALETTE: Mapping[str, Colour] = {
    **LAYER_HUES,
    QUOTE_BACKGROUND: "#3b3322",
    CURSOR: "#2f3545",
    SELECTION: "#264f78",
    SELECTION_TEXT: "#e0e0e0",  # (then the selection kept the text's own colours)
    MARK: "#4f4214",
    MATCH: "#000000",
    MATCH_BACKGROUND: "#c9a227",
    CURRENT_MATCH: "#000000",
    CURRENT_MATCH_BACKGROUND: "#ff8c1a",
}

# Each tint: the pane's background lifted (toward white on a dark theme,
# black on a light one) by up to ``lift`` in OKLab lightness and coloured
# ``chroma`` toward the hue of a theme colour. The quotes' tint is a neutral
# lift, the cursor's the theme's primary colour, the reader's marks its
# warning colour (a marker pen): three families that stay apart in every theme.
_TINTS = {
    QUOTE_BACKGROUND: ("foreground", 0.05, 0.0),
    CURSOR: ("primary", 0.05, 0.05),
    MARK: ("warning", 0.06, 0.07),
}
# A tint keeps at least this share of the pane's contrast with the far end,
# so text of every hue can still reach AA on it: on a pane of low contrast
# the tint lifts less (or darkens) and shows by its hue.
_HEADROOM = 0.78
_SELECTION_AMOUNT = 0.6  # the selection: a solid bar in the primary colour
_SOFT_MATCH = 0.55  # the other matches: the current match's colour, softer
# The layers' text colours are kept at least this far apart (OKLab x 100; the
# shipped colours' closest pair, date and quantity, is 6.2).
_APART = 6.0


def _far(scheme: Scheme) -> Colour:
    return "#ffffff" if scheme.dark else "#000000"


def _vivid(scheme: Scheme, colour: Colour) -> Colour:
    """``colour`` in a tone that shows on the pane (3:1 from it): a tint made
    toward a light colour on a light theme would not show."""
    return readable(colour, (scheme.background,), 3.0)


def _tint(scheme: Scheme, toward: Colour, lift: float, chroma: float) -> Colour:
    far = _far(scheme)
    floor = _HEADROOM * contrast(scheme.background, far)
    lightness, a, b = _oklab(scheme.background)
    _, hue_a, hue_b = _oklab(toward)
    size = (hue_a**2 + hue_b**2) ** 0.5
    if size > 1e-6:
        a, b = a + chroma * hue_a / size, b + chroma * hue_b / size
    way = 1 if scheme.dark else -1
    tint = scheme.background
    for step in range(round(lift * 1000), -31, -5):  # down to a little the other way
        tint = _from_oklab(lightness + way * step / 1000, a, b)
        if contrast(tint, far) >= floor:
            return tint
    return tint


def _on(background: Colour) -> Colour:
    """Black or white, whichever reads better on ``background``."""
    return max(("#000000", "#ffffff"), key=lambda text: contrast(text, background))


def _pair(background: Colour) -> tuple[Colour, Colour]:
    """(text, background) of a solid bar (a find match, the selection):
    ``background`` moved in lightness, if it must be, until black or white
    reads on it."""
    text = _on(background)
    return text, readable(background, (text,))


# The moves _apart tries, least first: lightness (in %), hue (in % of the
# circle, each worth three of lightness) and full saturation.
_TRIES = tuple(
    (step, turn, full)
    for _, step, turn, full in sorted(
        (step + 3 * abs(turn) + (5 if full else 0), step, turn, full)
        for step in range(0, 61, 3)
        for turn in (0, -3, 3, -6, 6, -9, 9)
        for full in (False, True)
    )
)


def _apart(
    colour: Colour, taken: Iterable[Colour], grounds: tuple[Colour, ...], far: Colour
) -> Colour:
    """``colour``, or the nearest colour to it that still reads on ``grounds``
    and is :data:`_APART` from every colour ``taken``: lighter on a dark theme,
    darker on a light one, then a little more saturated or turned a little in
    hue, in that order of preference; unchanged when none is."""
    taken = tuple(taken)

    def apart(candidate: Colour) -> bool:
        return all(distance(candidate, other) >= _APART for other in taken)

    if apart(colour):
        return colour
    hue, start, saturation = colorsys.rgb_to_hls(*(part / 255 for part in rgb(colour)))
    way = 1 if far == "#ffffff" else -1
    for step, turn, full in _TRIES:
        lightness = start + way * step / 100
        if not 0 <= lightness <= 1:
            continue
        red, green, blue = colorsys.hls_to_rgb(
            (hue + turn / 100) % 1, lightness, 1.0 if full else saturation
        )
        candidate = hex_colour(red * 255, green * 255, blue * 255)
        if apart(candidate) and worst_contrast(candidate, grounds) >= TARGET:
            return candidate
    return colour


def highlight_palette(
    scheme: Scheme, chosen: Mapping[str, Colour] | None = None
) -> dict[str, Colour]:
    """Every highlight colour for ``scheme``: the layers' text colours (by layer
    name), :data:`TEXT`, the :data:`TINTS`, the selection and the matches.

    ``chosen`` are the reader's own layer colours (``[highlights]`` in the
    config file): they are used as given, in every theme.
    """
    chosen = chosen or {}
    toward = {
        "foreground": scheme.foreground,
        "primary": _vivid(scheme, scheme.primary),
        "warning": _vivid(scheme, scheme.warning),
    }
    palette: dict[str, Colour] = {
        name: _tint(scheme, toward[source], lift, chroma)
        for name, (source, lift, chroma) in _TINTS.items()
    }
    grounds = (*scheme.backgrounds, *(palette[name] for name in TINTS))
    palette[TEXT] = readable(scheme.foreground, grounds)
    palette[HEADING] = readable(scheme.accent, grounds)
    far = _far(scheme)
    taken: list[Colour] = []
    for layer, hue in LAYER_HUES.items():
        colour = chosen.get(layer) or readable(hue, grounds)
        if layer != QUOTES:  # quotes have their tint and italics besides
            colour = chosen.get(layer) or _apart(colour, taken, grounds, far)
            taken.append(colour)
        palette[layer] = colour
    selection = blend(scheme.background, toward["primary"], _SELECTION_AMOUNT)
    palette[SELECTION_TEXT], palette[SELECTION] = _pair(selection)
    # A match is a marker's stroke in the theme's warning colour: the current
    # one at full strength (and bold), the others softer.
    strong = scheme.warning
    palette[CURRENT_MATCH], palette[CURRENT_MATCH_BACKGROUND] = _pair(strong)
    palette[MATCH], palette[MATCH_BACKGROUND] = _pair(blend(scheme.background, strong, _SOFT_MATCH))
    return palette
