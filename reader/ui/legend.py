"""The legend above the article: one entry per highlight layer, with its key.

The legend is always one line. It takes the fullest of its forms that fits
its width (:func:`legend_content`): the layers' names two spaces apart, one
space apart, short names, three-letter names, then the keys alone, each in
its layer's colour; narrower still, the whole entries that fit. Each key is
the one the keymap gives the layer's binding (``layer-quotes``…), not a
fixed digit; a layer whose binding has no key left shows its name alone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.widgets import Static

from reader.ui.keys import current_keys, key_display, layer_binding_id
from reader.ui.layers import LAYERS

# The names of each form after the full one: short, then three letters.
SHORT_LABELS = {
    "QUOTES": "Quote",
    "PERSON": "Pers",
    "ORG": "Org",
    "PLACE": "Place",
    "NORP": "Group",
    "DATE": "Date",
    "MONEY": "Money",
    "PERCENT": "Pct",
    "QUANTITY": "Qty",
    "EVENT": "Event",
}
TINY_LABELS = {
    "QUOTES": "Quo",
    "PERSON": "Per",
    "ORG": "Org",
    "PLACE": "Pla",
    "NORP": "Grp",
    "DATE": "Dat",
    "MONEY": "Mon",
    "PERCENT": "Pct",
    "QUANTITY": "Qty",
    "EVENT": "Evt",
}
OFF_STYLE = "dim strike"


def layer_keys(keymap: Mapping[str, str] | None = None) -> dict[str, str]:
    """Each layer's key as a reader sees it, with ``keymap`` applied ("" for none)."""
    keys = current_keys(keymap)
    shown = {}
    for layer in LAYERS:
        bound = keys.get(layer_binding_id(layer.name), ())
        shown[layer.name] = key_display(bound[0]) if bound else ""
    return shown


def _entry(key: str, label: str, style: str, on: bool) -> Content:
    look = style if on else OFF_STYLE
    if not label:  # the key alone, in the layer's colour
        return Content(key or "?").stylize(look)
    name = Content(label).stylize(look)
    if not key:
        return name
    return Content.assemble((key, "bold" if on else "dim"), " ", name)


# The forms, fullest first: the names each uses (by layer; none: the keys
# alone, in their layers' colours) and the gap between entries.
FORMS: tuple[tuple[Mapping[str, str], str], ...] = (
    ({layer.name: layer.label for layer in LAYERS}, "  "),
    ({layer.name: layer.label for layer in LAYERS}, " "),
    (SHORT_LABELS, " "),
    (TINY_LABELS, " "),
    ({}, " "),
)


def _joined(entries: Sequence[Content], gap: str) -> Content:
    """``Content(gap).join(entries)``, whose cell length Textual 8 miscounts."""
    parts: list[Content | str] = []
    for entry in entries:
        if parts:
            parts.append(gap)
        parts.append(entry)
    return Content.assemble(*parts)


def legend_content(
    enabled: frozenset[str], width: int | None = None, keys: Mapping[str, str] | None = None
) -> Content:
    """The legend in the fullest form that fits ``width`` cells (None: the full
    form), on one line; narrower than the smallest, the entries that fit whole.
    ``keys``: each layer's key as shown (default: the default keys)."""
    keys = layer_keys() if keys is None else keys
    for labels, gap in FORMS:
        entries = [
            _entry(keys[layer.name], labels.get(layer.name, ""), layer.style, layer.name in enabled)
            for layer in LAYERS
        ]
        content = _joined(entries, gap)
        if width is None or content.cell_length <= width:
            return content
    kept: list[Content] = []
    used = 0
    for entry in entries:
        used += entry.cell_length + (len(gap) if kept else 0)
        if used > width:
            break
        kept.append(entry)
    return _joined(kept, gap)


class Legend(Static):
    """The layers and their keys, in one line that fits the pane."""

    DEFAULT_CSS = """
    Legend {
        height: 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.enabled: frozenset[str] = frozenset()
        self._keys: tuple[object, dict[str, str]] | None = None  # (keymap, layer keys)

    def show(self, enabled: frozenset[str]) -> None:
        self.enabled = frozenset(enabled)
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def keys(self) -> dict[str, str]:
        """The layers' keys under the app's keymap (worked out again when it changes)."""
        keymap = dict(getattr(self.app, "_keymap", None) or {})
        if self._keys is None or self._keys[0] != keymap:
            self._keys = (keymap, layer_keys(keymap))
        return self._keys[1]

    def _redraw(self) -> None:
        width = self.content_region.width or None
        self.update(legend_content(self.enabled, width, self.keys()))
