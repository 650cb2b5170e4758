"""The legend above the article: one entry per highlight layer, with its key."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.ui.layers import LAYERS


def legend_content(enabled: frozenset[str]) -> Content:
    parts: list[Content] = []
    for layer in LAYERS:
        on = layer.name in enabled
        label = Content(f" {layer.label} ").stylize(layer.style if on else "dim strike")
        parts.append(Content.assemble((layer.key, "dim" if not on else "bold"), label))
    return Content(" ").join(parts)


class Legend(Static):
    def show(self, enabled: frozenset[str]) -> None:
        self.update(legend_content(enabled))
