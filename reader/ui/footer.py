"""The footer: Textual's, showing only the bindings that fit, whole.

Textual's :class:`~textual.widgets.Footer` lays its keys out in a row and
cuts the row at the window's edge, mid-word. :class:`FittingFooter` shows
the keys in their order while they fit and hides the rest; help and quit
(:data:`ALWAYS`) keep their places at the end whatever the width, since
help lists every other key.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.widths import fit_in_order

# The bindings (by id) the footer shows at any width.
ALWAYS = frozenset({"help", "quit"})


class FittingFooter(Footer):
    """A footer whose keys are all whole: those that do not fit are left out."""

    async def recompose(self) -> None:
        await super().recompose()
        self.fit()

    def on_resize(self) -> None:
        self.fit()

    @staticmethod
    def _width(key: FooterKey) -> int:
        styles = key.styles
        return key.render().cell_len + styles.gutter.width + styles.margin.width

    def fit(self) -> None:
        """Show the keys that fit the footer's width, in order; hide the others."""
        width = self.size.width
        if not width:
            return
        keys = list(self.query_children(FooterKey))
        row = [key for key in keys if not key.has_class("-command-palette")]
        room = width - sum(self._width(key) for key in keys if key not in row)
        bindings = self.screen.active_bindings  # key -> (node, binding, enabled, tooltip)
        always = [key.key in bindings and bindings[key.key][1].id in ALWAYS for key in row]
        shown = fit_in_order([self._width(key) for key in row], room, always)
        for key, show in zip(row, shown, strict=True):
            key.display = show
