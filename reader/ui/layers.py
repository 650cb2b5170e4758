"""Highlight layers: which spans of an article get which style.

Pure functions (no widgets) so they can be tested on their own: they turn
an :class:`Analysis` (offsets into the article's body) into per-block
spans (offsets into each block's text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping

from reader import colours
from reader.analysis.model import Analysis, Part
from reader.config import DEFAULT_COLOURS
from reader.library.model import Article
from reader.record import Frozen
from reader.ui.keys import layer_key

QUOTES = "QUOTES"


# Every colour is a CSS variable of the app (``$limelight-person``…), so the
# styles below are the same strings in every theme and the theme decides the
# colours: reader/ui/palette.py defines the variables from the theme's
# colours (reader.colours.highlight_palette), and changing the theme
# recolours every highlight at once.
PREFIX = "limelight-"


def variable(name: str) -> str:
    """The CSS variable of a palette colour: ``PERSON`` -> ``limelight-person``."""
    return PREFIX + name.lower()


def _colour(name: str) -> str:
    return "$" + variable(name)


class Layer(Frozen):
    __slots__ = ("name", "label", "key", "style")
    name: str  # QUOTES or an entity label
    label: str  # shown in the legend
    key: str  # digit that toggles it
    style: str  # Textual style string, its colours the theme's palette variables

    def __init__(self, name: str, label: str, key: str, style: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "style", style)

    @property
    def colour(self) -> str:
        """The shipped colour (reader.config.DEFAULT_COLOURS): the hue every
        theme keeps; ``[highlights]`` in the config file sets another."""
        return DEFAULT_COLOURS[self.name]


def _entity(name: str, label: str) -> Layer:
    return Layer(name, label, layer_key(name), f"bold {_colour(name)}")


LAYERS: tuple[Layer, ...] = (
    Layer(
        QUOTES,
        "Quotes",
        layer_key(QUOTES),
        f"italic {_colour(QUOTES)} on {_colour(colours.QUOTE_BACKGROUND)}",
    ),
    _entity("PERSON", "Person"),
    _entity("ORG", "Org"),
    _entity("PLACE", "Place"),
    _entity("NORP", "Group"),
    _entity("DATE", "Date"),
    _entity("MONEY", "Money"),
    _entity("PERCENT", "Percent"),
    _entity("QUANTITY", "Quantity"),
    _entity("EVENT", "Event"),
)
LAYER_BY_NAME = {layer.name: layer for layer in LAYERS}
ALL_LAYERS = frozenset(LAYER_BY_NAME)
# What `l` cycles through: everything, quotes only, entities only, nothing.
LAYER_PRESETS: tuple[tuple[str, frozenset[str]], ...] = (
    ("all highlights", ALL_LAYERS),
    ("quotes only", frozenset({QUOTES})),
    ("entities only", ALL_LAYERS - {QUOTES}),
    ("no highlights", frozenset()),
)
CURSOR_STYLE = f"on {_colour(colours.CURSOR)}"
HIGHLIGHT_STYLE = f"on {_colour(colours.MARK)}"  # an annotation without a note
NOTE_STYLE = f"underline on {_colour(colours.MARK)}"  # an annotation with a note
# The selection, like the find matches, is a solid bar with its own text colour.
SELECTION_STYLE = f"{_colour(colours.SELECTION_TEXT)} on {_colour(colours.SELECTION)}"
MATCH_STYLE = f"{_colour(colours.MATCH)} on {_colour(colours.MATCH_BACKGROUND)}"
CURRENT_MATCH_STYLE = (
    f"bold {_colour(colours.CURRENT_MATCH)} on {_colour(colours.CURRENT_MATCH_BACKGROUND)}"
)
ATTRIBUTION_STYLE = "underline"  # who said the quote chosen in the quotes panel, and the cue
# Every style above, by name (the contrast test and benchmarks/contrast.py go through them).
STYLES: Mapping[str, str] = {
    **{layer.name: layer.style for layer in LAYERS},
    "CURSOR": CURSOR_STYLE,
    "HIGHLIGHT": HIGHLIGHT_STYLE,
    "NOTE": NOTE_STYLE,
    "SELECTION": SELECTION_STYLE,
    "MATCH": MATCH_STYLE,
    "CURRENT_MATCH": CURRENT_MATCH_STYLE,
    "ATTRIBUTION": ATTRIBUTION_STYLE,
}
_VARIABLE = re.compile(r"\$" + re.escape(PREFIX) + r"[a-z-]+")


def resolve(style: str, palette: Mapping[str, str]) -> str:
    """``style`` with its palette variables replaced by ``palette``'s colours
    (palette name -> ``#rrggbb``), for drawing outside the app (Rich)."""
    by_variable = {"$" + variable(name): colour for name, colour in palette.items()}
    return _VARIABLE.sub(lambda match: by_variable[match.group()], style)


Span = tuple[int, int, str]


def _split_to_blocks(
    article: Article, spans: Iterable[tuple[int, int, str]]
) -> list[list[Span]]:
    """Cut body-offset spans into per-block spans (a span may cross blocks)."""
    starts = article.block_starts
    per_block: list[list[Span]] = [[] for _ in article.blocks]
    for start, end, style in spans:
        if end <= start:
            continue
        index = bisect_right(starts, start) - 1
        while 0 <= index < len(starts) and starts[index] < end:
            block_start = starts[index]
            block_len = len(article.blocks[index].text)
            lo = max(start, block_start) - block_start
            hi = min(end, block_start + block_len) - block_start
            if hi > lo:
                per_block[index].append((lo, hi, style))
            index += 1
    return per_block


def block_spans(
    article: Article,
    analysis: Analysis | None,
    enabled: frozenset[str],
    cursor: tuple[int, int] | None = None,
    overlays: Iterable[tuple[int, int, str]] = (),
    marks: Iterable[tuple[int, int, str]] = (),
) -> list[list[Span]]:
    """Styled spans for each block, in painting order (later wins).

    Analysis layers first, then ``marks`` (the reader's annotations), then
    the cursor, then ``overlays`` (selection, search matches), each a body
    offset span with a style.
    """
    spans: list[tuple[int, int, str]] = analysis_spans(analysis, enabled)
    spans.extend(marks)
    if cursor is not None:
        spans.append((cursor[0], cursor[1], CURSOR_STYLE))
    spans.extend(overlays)
    return _split_to_blocks(article, spans)


def analysis_spans(part: Analysis | Part | None, enabled: frozenset[str]) -> list[Span]:
    """The analysis layers of ``part`` (the body, the title or the dek) as
    ``(start, end, style)`` spans in its own offsets, in painting order."""
    if part is None:
        return []
    spans: list[Span] = []
    if QUOTES in enabled:
        quote_style = LAYER_BY_NAME[QUOTES].style
        spans.extend((q.start, q.end, quote_style) for q in part.quotes)
    for entity in part.entities:
        layer = LAYER_BY_NAME.get(entity.label)
        if layer is not None and entity.label in enabled:
            spans.append((entity.start, entity.end, layer.style))
    return spans


def next_preset(enabled: frozenset[str]) -> tuple[str, frozenset[str]]:
    """The preset after ``enabled`` in :data:`LAYER_PRESETS` (the first after any other choice)."""
    names = [layers for _, layers in LAYER_PRESETS]
    index = names.index(enabled) if enabled in names else -1
    return LAYER_PRESETS[(index + 1) % len(LAYER_PRESETS)]


def attribution_spans(quote) -> list[tuple[int, int]]:
    """Body spans of what attributes ``quote``: the speaker's mention and the cue."""
    if quote is None:
        return []
    spans = []
    for start, end in ((quote.speaker_start, quote.speaker_end), (quote.cue_start, quote.cue_end)):
        if 0 <= start < end:
            spans.append((start, end))
    return spans


def speakers_by_block(article: Article, analysis: Analysis | None) -> list[list[str]]:
    """For each block, the distinct speakers of the quotes that start in it."""
    result: list[list[str]] = [[] for _ in article.blocks]
    if analysis is None:
        return result
    starts = article.block_starts
    for quote in analysis.quotes:
        if not quote.speaker:
            continue
        index = bisect_right(starts, quote.start) - 1
        if 0 <= index < len(result) and quote.speaker not in result[index]:
            result[index].append(quote.speaker)
    return result
