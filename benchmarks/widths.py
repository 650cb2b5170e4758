"""The main screen's widths at common window sizes, with a panel closed and open.

    python benchmarks/widths.py

For each window width it opens the sample article and prints the sidebar's
width (0 when it hid itself), the side panel's, the body text's column (the
width of its first paragraph), the legend's lines and form, and how many of
the footer's keys are shown, beside the same figures under the layout rules
Limelight had before (the anchor: a fixed 38-column sidebar and 42-column
panel, each at most 45% of the window, the text 4 columns in from each side
and at most 88 wide, nothing hiding itself; the issue measured about 33
columns of text at 120 with a panel open). Measured in Textual's headless
driver: the same layout a terminal of that size gets.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = ((80, 30), (100, 30), (120, 40), (140, 40), (160, 50), (200, 50))


# The layout rules before (styles/app.tcss of commit 16146f0), over today's.
BEFORE_CSS = """
#sidebar { width: 38 !important; max-width: 45% !important; }
SidePanel { width: 42 !important; max-width: 45% !important; }
ArticleView { padding: 1 4 !important; }
ArticleView > Static { max-width: 88 !important; }
"""


def before_app():
    """Today's app under the old layout rules: fixed widths, no fitting."""
    from reader.ui.app import LimelightApp

    class Before(LimelightApp):
        CSS = BEFORE_CSS

        def fit_widths(self) -> None:
            """Nothing followed the window before."""

    return Before()


async def measure(width: int, height: int, before: bool) -> list[tuple]:
    from textual.widgets._footer import FooterKey

    from reader.ui.app import LimelightApp
    from tests.helpers import settle

    rows = []
    app = before_app() if before else LimelightApp()
    async with app.run_test(size=(width, height)) as pilot:
        await settle(pilot)
        for panel in (False, True):
            if panel:
                await pilot.press("e")
                await pilot.pause()
                await pilot.pause()
            legend = app.reader.legend
            words = legend.render().plain.split()
            form = "full" if "Quantity" in words else ("keys" if len(words) <= 10 else "short")
            keys = list(app.footer.query(FooterKey))
            rows.append(
                (
                    "before" if before else "now",
                    f"{width}x{height}",
                    "open" if panel else "closed",
                    app.sidebar.outer_size.width if app.sidebar.display else 0,
                    app.panel.outer_size.width if app.panel.display else 0,
                    app.article_view._blocks[0].region.width,
                    # the legend and the footer are today's widgets under either rules
                    "-" if before else legend.outer_size.height,
                    "-" if before else form,
                    "-" if before else f"{sum(1 for key in keys if key.display)}/{len(keys)}",
                )
            )
    return rows


def main() -> int:
    with tempfile.TemporaryDirectory() as home:
        os.environ["LIMELIGHT_HOME"] = home
        os.environ["LIMELIGHT_CONFIG"] = str(Path(home) / "config.toml")
        header = ("rules", "window", "panel", "sidebar", "panel w", "text", "legend lines")
        header += ("legend", "footer keys")
        print(" | ".join(header))
        for width, height in SIZES:
            for before in (True, False):
                for row in asyncio.run(measure(width, height, before)):
                    print(" | ".join(str(cell) for cell in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
