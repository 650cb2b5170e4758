"""Highlight layers: which spans of an article get which style.

Pure functions (no widgets) so they can be tested on their own: they turn
an :class:`Analysis` (offsets into the article's body) into per-block
spans (offsets into each block's text).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reader.analysis.model import Analysis, Part
from reader.config import DEFAULT_COLOURS
from reader.library.model import Article
from reader.ui.keys import layer_key

QUOTES = "QUOTES"


@dataclass(frozen=True)
class Layer:
    name: str  # QUOTES or an entity label
    label: str  # shown in the legend
    key: str  # digit that toggles it
    look: str  # Textual style string with {} for the colour
    colour: str  # the shipped colour (reader.config.DEFAULT_COLOURS; ``[highlights]`` sets another)

    @property
    def style(self) -> str:
        """Its Textual style string, in the colour the config chose."""
        return self.look.format(_colours.get(self.name, self.colour))


# The colours chosen in the config file, by layer name (see set_colours).
_colours: dict[str, str] = {}


def set_colours(colours: Mapping[str, str]) -> None:
    """Use ``colours`` (layer name -> ``#rrggbb``) for the layers they name,
    the shipped colours for the others."""
    _colours.clear()
    _colours.update(colours)


LAYERS: tuple[Layer, ...] = (
    Layer(QUOTES, "Quotes", layer_key(QUOTES), "italic {} on #3b3322", DEFAULT_COLOURS[QUOTES]),
    Layer("PERSON", "Person", layer_key("PERSON"), "bold {}", DEFAULT_COLOURS["PERSON"]),
    Layer("ORG", "Org", layer_key("ORG"), "bold {}", DEFAULT_COLOURS["ORG"]),
    Layer("PLACE", "Place", layer_key("PLACE"), "bold {}", DEFAULT_COLOURS["PLACE"]),
    Layer("NORP", "Group", layer_key("NORP"), "bold {}", DEFAULT_COLOURS["NORP"]),
    Layer("DATE", "Date", layer_key("DATE"), "bold {}", DEFAULT_COLOURS["DATE"]),
    Layer("MONEY", "Money", layer_key("MONEY"), "bold {}", DEFAULT_COLOURS["MONEY"]),
    Layer("PERCENT", "Percent", layer_key("PERCENT"), "bold {}", DEFAULT_COLOURS["PERCENT"]),
    Layer("QUANTITY", "Quantity", layer_key("QUANTITY"), "bold {}", DEFAULT_COLOURS["QUANTITY"]),
    Layer("EVENT", "Event", layer_key("EVENT"), "bold {}", DEFAULT_COLOURS["EVENT"]),
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
CURSOR_STYLE = "on #2f3545"
HIGHLIGHT_STYLE = "on #4f4214"  # an annotation without a note
NOTE_STYLE = "underline on #4f4214"  # an annotation with a note
SELECTION_STYLE = "on #264f78"
MATCH_STYLE = "#000000 on #c9a227"
CURRENT_MATCH_STYLE = "bold #000000 on #ff8c1a"
ATTRIBUTION_STYLE = "underline"  # who said the quote chosen in the quotes panel, and the cue

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
