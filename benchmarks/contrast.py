"""Highlight contrast in every built-in Textual theme: the fixed colours
Limelight drew with before (made for a dark background) against the palette
each theme gets now (reader/colours.py), side by side.

For each theme the app is run headless on a sample article and the
backgrounds it really draws are read from its screen: the article pane, the
legend, the entities panel. Each highlight style of reader/ui/layers.py is
then scored by its worst WCAG contrast wherever it can be drawn: a layer's
text colour on those backgrounds and on every tint laid under text (the
quote background, the cursor, the reader's marks, and before, the
selection); a tint under every text colour (the text's own and each
layer's); a solid bar (a find match, the selection now) its text on its
background. WCAG AA for text is 4.5:1.

    python benchmarks/contrast.py
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

AA = 4.5

ARTICLE = (
    "Harbour talks\n\n"
    "The port was quiet on the morning of the vote.\n\n"
    "\u201cLisbon is ready,\u201d said Maria Lopez, the harbour master, on Monday 4 March 2024.\n\n"
    "Acme Corporation paid $4.5 million, up 12 percent, for 300 tonnes of steel before the "
    "Olympic Games. Portuguese fishermen agreed.\n"
)


def old_styles() -> dict[str, str]:
    """The styles as they were, fixed colours (reader/ui/layers.py before the
    palette followed the theme)."""
    from reader.colours import LAYER_HUES

    styles = {"QUOTES": f"italic {LAYER_HUES['QUOTES']} on #3b3322"}
    styles.update({name: f"bold {hue}" for name, hue in LAYER_HUES.items() if name != "QUOTES"})
    styles.update(
        {
            "CURSOR": "on #2f3545",
            "HIGHLIGHT": "on #4f4214",
            "NOTE": "underline on #4f4214",
            "SELECTION": "on #264f78",
            "MATCH": "#000000 on #c9a227",
            "CURRENT_MATCH": "bold #000000 on #ff8c1a",
            "ATTRIBUTION": "underline",
        }
    )
    return styles


def worst_by_style(
    styles: dict[str, tuple[str | None, str | None]], text: str, grounds: list[str]
) -> dict[str, float]:
    """Each style's worst contrast wherever it can be drawn (see the module's doc).

    ``styles``: name -> (text colour or None, background or None), solid
    ``#rrggbb``; ``text``: the article's own text colour; ``grounds``: the
    backgrounds drawn under highlighted text.
    """
    from reader.colours import contrast

    layers = {name: fg for name, (fg, bg) in styles.items() if fg is not None and bg is None}
    tints = {name: bg for name, (fg, bg) in styles.items() if fg is None and bg is not None}
    quote_fg, quote_bg = styles["QUOTES"]
    texts = [text, quote_fg, *layers.values()]
    worst: dict[str, float] = {}
    for name, (fg, bg) in styles.items():
        if name == "QUOTES":
            worst[name] = min(contrast(fg, under) for under in (bg, *tints.values()))
        elif fg is not None and bg is None:  # a layer's text colour
            unders = (*grounds, quote_bg, *tints.values())
            worst[name] = min(contrast(fg, under) for under in unders)
        elif fg is None and bg is not None:  # a tint under text
            worst[name] = min(contrast(colour, bg) for colour in texts)
        elif fg is not None:  # a solid bar
            worst[name] = contrast(fg, bg)
        else:  # an underline: the text colours where they are drawn
            worst[name] = min(contrast(colour, under) for colour in texts for under in grounds)
    return worst


async def measure() -> list[tuple[str, dict[str, float], dict[str, float]]]:
    from rich.color import Color as RichColor
    from textual.style import Style
    from textual.theme import BUILTIN_THEMES

    from reader.ui.app import LimelightApp
    from reader.ui.layers import STYLES

    folder = Path(tempfile.mkdtemp(prefix="limelight-contrast-"))
    path = folder / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    app = LimelightApp(paths=[path])
    rows = []

    def solid(colour: RichColor | None, foreground: bool) -> str:
        colour = colour or RichColor.default()
        return colour.get_truecolor(app.ansi_theme, foreground=foreground).hex

    def parsed(style: str) -> tuple[str | None, str | None]:
        textual = app.stylesheet.parse_style(style)
        rich = Style(background=textual.background, foreground=textual.foreground).rich_style
        return (
            solid(rich.color, True) if textual.foreground is not None else None,
            solid(rich.bgcolor, False) if textual.background is not None else None,
        )

    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.action_panel("entities")
        await app.workers.wait_for_complete()
        await pilot.pause()
        for name in BUILTIN_THEMES:
            app.theme = name
            await pilot.pause()
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            # the backgrounds under highlighted text: the pane, the legend, the panel
            grounds: dict[str, str] = {}
            text = None
            regions = {
                "pane": app.article_view.region,
                "legend": app.query_one("#legend").region,
                "panel": app.panel.region,
            }
            for y, strip in enumerate(strips):
                x = 0
                for segment in strip:
                    at, x = x, x + segment.cell_length
                    if segment.style is None or not segment.text.strip():
                        continue
                    for where, region in regions.items():
                        if region.contains(at, y) and where not in grounds:
                            if where != "pane" or " paid " in segment.text:
                                grounds[where] = solid(segment.style.bgcolor, False)
                    if " paid " in segment.text:
                        text = solid(segment.style.color, True)
            assert text is not None and "pane" in grounds, name
            new = worst_by_style(
                {k: parsed(v) for k, v in STYLES.items()}, text, list(grounds.values())
            )
            theme_text = app.stylesheet.parse_style("$foreground")
            old_text = solid(Style(foreground=theme_text.foreground).rich_style.color, True)
            old = worst_by_style(
                {k: parsed(v) for k, v in old_styles().items()}, old_text, list(grounds.values())
            )
            rows.append((name, old, new))
    return rows


def main() -> None:
    home = tempfile.mkdtemp(prefix="limelight-contrast-home-")
    os.environ["LIMELIGHT_HOME"] = home
    os.environ["LIMELIGHT_CONFIG"] = str(Path(home) / "none.toml")
    rows = asyncio.run(measure())
    count = len(rows[0][1])
    print(f"Highlight contrast (WCAG; AA is {AA}:1) over the {count} styles of reader/ui/layers.py")
    print(
        f"{'theme':22} {'min before':>10} {'min now':>8} {'under AA before':>16} {'under AA now':>13}"
    )
    for name, old, new in rows:
        old_under = sum(value < AA for value in old.values())
        new_under = sum(value < AA for value in new.values())
        print(
            f"{name:22} {min(old.values()):10.2f} {min(new.values()):8.2f}"
            f" {old_under:>13}/{count} {new_under:>10}/{count}"
        )
    worst_old = min(min(old.values()) for _, old, _ in rows)
    worst_new = min(min(new.values()) for _, _, new in rows)
    under_old = sum(sum(v < AA for v in old.values()) for _, old, _ in rows)
    under_new = sum(sum(v < AA for v in new.values()) for _, _, new in rows)
    total = count * len(rows)
    print(
        f"{'all ' + str(len(rows)) + ' themes':22} {worst_old:10.2f} {worst_new:8.2f}"
        f" {under_old:>13}/{total} {under_new:>10}/{total}"
    )


if __name__ == "__main__":
    main()
