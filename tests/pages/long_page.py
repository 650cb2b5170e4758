"""A long page (over 3 MB) and the text a person reads on it, made on demand.

Real pages that big are mostly not text: a framework's state as JSON, inline
scripts, an SVG sprite, images as data addresses. This one is a public
inquiry's transcript (about a megabyte of it) inside 2.5 MB of such weight.
The transcript is put together from hand-written speeches, each day a
heading, each speech its speaker and words, so the expected text is known
by construction. ``python tests/pages/long_page.py DIR`` writes both.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SPEAKERS = {
    "dev": ["Ms Ilse Brandt", "Mr Tomas Reyes", "Dr Anika Shah", "Captain Joe Mair", "The Chair"],
    "heldout": [
        "Mrs Rhona Gill",
        "Mr Ewan Tait",
        "Professor Lin Wei",
        "Ms Ada Flett",
        "The Inspector",
    ],
}
SENTENCES = {
    "dev": [
        "The harbour wall was last rebuilt in 1974 and has settled by eleven centimetres since.",
        "We asked the engineers whether the new berth could take a vessel of ninety metres.",
        "The answer, put simply, was that it could, but only at high water on a calm day.",
        "Residents of the north shore have written to the board on forty occasions this year.",
        "I do not accept that the dredging will disturb the seal colony at the point.",
        "The survey of the seabed was carried out over three weeks in October.",
        "Our estimate of the cost has risen because the price of steel piles has doubled.",
        "Nobody on the board has suggested closing the slipway to small boats.",
        "The fishermen's association was consulted twice, in March and again in June.",
        "If the inquiry wishes, we can provide the tide gauge records for the last decade.",
    ],
    "heldout": [
        "The reservoir has fallen below half its capacity in three of the last five summers.",
        "We modelled the demand for water until 2050 using the council's housing figures.",
        "The pipeline would cross the moor along the line of the old drove road.",
        "Walkers' groups have objected to the pumping station on the skyline.",
        "I would ask the inquiry to note that the peat there is over four metres deep.",
        "The cost of the scheme is estimated at thirty-one million pounds at today's prices.",
        "Leakage from the existing mains accounts for nearly a fifth of the supply.",
        "The company has offered to fund a ranger for the nature reserve for ten years.",
        "None of the alternative sites would serve the eastern villages by gravity.",
        "We will publish the full hydrological report before the inquiry resumes.",
    ],
}
TITLE = {
    "dev": "Harbour Board public inquiry: full transcript",
    "heldout": "Moorland reservoir inquiry: the complete record",
}
SITE = {"dev": "Edra Public Record", "heldout": "Glen Council Archive"}


def build(which: str = "dev", days: int = 40, seed: int = 7) -> tuple[str, str]:
    """``(html, expected text)`` of the long page ``which`` ("dev" or "heldout")."""
    rng = random.Random(seed + (which == "heldout"))
    speakers, sentences = SPEAKERS[which], SENTENCES[which]
    html: list[str] = []
    text: list[str] = [TITLE[which]]
    for day in range(1, days + 1):
        heading = f"Day {day}, morning session"
        html.append(f"<h2>{heading}</h2>")
        text.append(heading)
        for turn in range(60):
            speaker = speakers[(day + turn) % len(speakers)]
            words = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
            html.append(f'<p><b class="speaker">{speaker}:</b> {words}</p>')
            text.append(f"{speaker}: {words}")
    state = {
        "props": {
            "pageProps": {
                "items": [
                    {
                        "id": i,
                        "slug": f"item-{i}",
                        "summary": " ".join(rng.choice(sentences) for _ in range(3)),
                    }
                    for i in range(5000)
                ]
            }
        }
    }
    icons = "".join(
        f'<symbol id="i{i}" viewBox="0 0 24 24"><path d="M{i % 24} 0L24 {i % 24}L0 24Z"/></symbol>'
        for i in range(6000)
    )
    image = "data:image/png;base64," + "iVBORw0KGgo" * 40_000
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{TITLE[which]} | {SITE[which]}</title>
<meta property="og:site_name" content="{SITE[which]}">
<script>window.__analytics = {{"queue": [], "id": "UA-000"}};</script>
<style>{".c{color:#333}" * 20_000}</style>
</head><body>
<svg style="display:none">{icons}</svg>
<header><nav><a href="/">Home</a> <a href="/inquiries">Inquiries</a> <a href="/search">Search</a></nav></header>
<main><article><h1>{TITLE[which]}</h1>
<img src="{image}" alt="">
{"".join(html)}
</article></main>
<footer><p>{SITE[which]} · Crown copyright · Accessibility statement</p></footer>
<script id="__NEXT_DATA__" type="application/json">{json.dumps(state)}</script>
</body></html>
"""
    return page, "\n\n".join(text) + "\n"


def write(folder: Path, which: str = "dev") -> Path:
    """Write ``long_<which>.html`` and its ``.txt`` into ``folder``; the page's path."""
    html, text = build(which)
    page = Path(folder) / f"long_{which}.html"
    page.write_text(html, encoding="utf-8")
    page.with_suffix(".txt").write_text(text, encoding="utf-8")
    return page


if __name__ == "__main__":
    for name in ("dev", "heldout"):
        print(write(Path(sys.argv[1]), name))
