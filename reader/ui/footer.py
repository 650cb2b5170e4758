"""The footer: Textual's, showing only the bindings that fit, whole.

Textual's :class:`~textual.widgets.Footer` lays its keys out in a row and
cuts the row at the window's edge, mid-word. :class:`FittingFooter` shows
the keys in their order while they fit and hides the rest; help and quit
(:data:`ALWAYS`) keep their places at the end whatever the width, since
help lists every other key.

Textual's footer rebuilds its keys (a dozen widgets, each styled) whenever
the screen says its bindings changed, which a start says three times over
for the same keys; this one rebuilds only when the keys it would show (their
labels, actions and whether they are enabled) are not the ones it shows.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.ui.widths import fit_in_order

# The bindings (by id) the footer shows at any width.
ALWAYS = frozenset({"help", "quit"})


class FittingFooter(Footer):
    """A footer whose keys are all whole: those that do not fit are left out."""

    _shown: tuple | None = None  # what the keys composed last show (see _showing)

    def _showing(self) -> tuple:
        """What :meth:`compose` would show now: each shown binding's key, as it
        is displayed, action, description, group, whether it is enabled and
        its tooltip; the palette's key; the footer's own settings."""
        app = self.app
        return (
            tuple(
                (key, app.get_key_display(binding), binding.action, binding.description)
                + (binding.group, enabled, tooltip)
                for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
                if binding.show or key == app.COMMAND_PALETTE_BINDING
            ),
            self.compact,
            self.show_command_palette,
        )

    async def recompose(self) -> None:
        if not self._bindings_ready:
            await super().recompose()
            self.fit()
            return
        showing = self._showing()
        if showing == self._shown:
            return  # the same keys: nothing to rebuild
        self._shown = showing
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
